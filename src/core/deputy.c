/* 代表名册: the fields of a deputy as DESIGN §3 lists them. */
#include "core/deputy.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

const char *const deputy_levels[] = { "全国", "省", "市", "县", "乡镇", NULL };
static const char *const genders[] = { "男", "女", NULL };
static const char *const statuses[] = { "在任", "离任", NULL };
static const char *const parties[] = { "中共党员", "中共预备党员", "共青团员",   "民革党员",   "民盟盟员",
				       "民建会员", "民进会员",     "农工党党员", "致公党党员", "九三学社社员",
				       "台盟盟员", "无党派人士",   "群众",       NULL };
static const char *const ethnicities[] = { "汉族",   "壮族",   "回族",   "满族",     "维吾尔族", "苗族", "彝族",
					   "土家族", "藏族",   "蒙古族", "侗族",     "布依族",   "瑶族", "白族",
					   "朝鲜族", "哈尼族", "黎族",   "哈萨克族", "傣族",     "畲族", NULL };

static const struct field_def deputy_fields[DEP_NFIELDS] = {
	[DEP_NAME] = { .col = "name", .label = "姓名", .kind = FK_TEXT, .max_chars = 20, .required = true },
	[DEP_GENDER] = { .col = "gender", .label = "性别", .kind = FK_CHOICE, .choices = genders, .required = true },
	[DEP_ETHNICITY] = { .col = "ethnicity",
			    .label = "民族",
			    .kind = FK_CHOICE,
			    .choices = ethnicities,
			    .choice_open = true,
			    .max_chars = 10,
			    .def = "汉族" },
	[DEP_BIRTH_DATE] = { .col = "birth_date", .label = "出生日期", .kind = FK_DATE, .personal = true },
	[DEP_LEVEL] = { .col = "level",
			.label = "层级",
			.kind = FK_CHOICE,
			.choices = deputy_levels,
			.required = true },
	[DEP_CARD_NO] = { .col = "card_no", .label = "代表证号", .kind = FK_TEXT, .max_chars = 30 },
	[DEP_TERM] = { .col = "term", .label = "届次", .kind = FK_TEXT, .max_chars = 20 },
	[DEP_CONSTITUENCY] = { .col = "constituency", .label = "选区", .kind = FK_TEXT, .max_chars = 50 },
	[DEP_WORK_UNIT] = { .col = "work_unit", .label = "工作单位及职务", .kind = FK_TEXT, .max_chars = 60 },
	[DEP_PARTY] = { .col = "party",
			.label = "政治面貌",
			.kind = FK_CHOICE,
			.choices = parties,
			.choice_open = true,
			.max_chars = 20 },
	[DEP_PHONE] = { .col = "phone", .label = "联系电话", .kind = FK_PHONE, .max_chars = 20, .personal = true },
	[DEP_GROUP] = { .col = "group_name", .label = "专业小组", .kind = FK_TEXT, .max_chars = 30 },
	[DEP_STATUS] = { .col = "status",
			 .label = "状态",
			 .kind = FK_CHOICE,
			 .choices = statuses,
			 .required = true,
			 .def = "在任" },
	[DEP_JOIN_DATE] = { .col = "join_date", .label = "进站日期", .kind = FK_DATE },
	[DEP_NOTE] = { .col = "note", .label = "备注", .kind = FK_MEMO, .max_chars = 500, .list_hide = true },
};

/* Cross-field checks: born before joining the station, and not in the future is left to dates. */
static int deputy_check(char **val, const char **msgs)
{
	const char *b = val[DEP_BIRTH_DATE], *j = val[DEP_JOIN_DATE];
	if (!str_empty(b) && !str_empty(j) && strcmp(b, j) >= 0) {
		msgs[DEP_JOIN_DATE] = "进站日期应晚于出生日期";
		return 1;
	}
	return 0;
}

const struct record_def deputy_def = {
	.table = "deputies",
	.title = "代表",
	.fields = deputy_fields,
	.nfields = DEP_NFIELDS,
	.check = deputy_check,
};

/* ---- labels ---- */

void deputy_briefs_free(struct deputy_brief *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].level);
		free(v[i].unit);
		free(v[i].card_no);
		free(v[i].status);
	}
	free(v);
}

/* Append s cleaned of separators. */
static void label_add(struct strbuf *sb, const char *s)
{
	char *c = record_multi_clean(s);
	sb_add(sb, c);
	free(c);
}

char *deputy_label(const struct deputy_brief *d, enum deputy_detail detail)
{
	struct strbuf sb;
	sb_init(&sb);
	label_add(&sb, d->name);
	if (detail >= DEPUTY_PLACE) {
		struct strbuf in; /* what goes in the brackets, parts joined by "，" */
		sb_init(&in);
		sb_add(&in, "");
		const char *parts[] = { d->level, d->unit };
		for (size_t i = 0; i < ARRAY_LEN(parts); i++)
			if (!str_empty(parts[i])) {
				sb_add(&in, in.len ? "，" : "");
				label_add(&in, parts[i]);
			}
		if (detail == DEPUTY_CARD && !str_empty(d->card_no)) {
			sb_addf(&in, "%s代表证号 ", in.len ? "，" : "");
			label_add(&in, d->card_no);
		} else if (detail >= DEPUTY_CARD)
			sb_addf(&in, "%s编号 %lld", in.len ? "，" : "", (long long)d->id);
		if (in.len)
			sb_addf(&sb, "（%s）", in.buf);
		sb_free(&in);
	}
	if (d->deleted)
		sb_add(&sb, "（已删除）");
	else if (d->status && !strcmp(d->status, "离任"))
		sb_add(&sb, "（离任）");
	return sb_take(&sb);
}

struct label_key {
	const char *s;
	int i;
};

static int label_key_cmp(const void *a, const void *b)
{
	const struct label_key *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : x->i - y->i;
}

/* dup[i] = true when labels[i] equals another label. Returns how many are. */
static int labels_dups(char **labels, int n, bool *dup)
{
	struct label_key *k = xcalloc((size_t)(n ? n : 1), sizeof *k);
	int count = 0;
	for (int i = 0; i < n; i++)
		k[i] = (struct label_key){ labels[i], i };
	qsort(k, (size_t)n, sizeof *k, label_key_cmp);
	for (int i = 0; i < n; i++) {
		dup[k[i].i] = (i > 0 && !strcmp(k[i].s, k[i - 1].s)) || (i + 1 < n && !strcmp(k[i].s, k[i + 1].s));
		count += dup[k[i].i];
	}
	free(k);
	return count;
}

char **deputy_labels(const struct deputy_brief *v, int n)
{
	char **labels = xcalloc((size_t)(n ? n : 1), sizeof(char *));
	enum deputy_detail *detail = xcalloc((size_t)(n ? n : 1), sizeof *detail);
	bool *dup = xcalloc((size_t)(n ? n : 1), sizeof(bool));
	for (int i = 0; i < n; i++)
		labels[i] = deputy_label(&v[i], DEPUTY_NAME);
	/* Give the deputies whose labels repeat one more detail, until none repeats (ids differ). */
	for (int round = DEPUTY_PLACE; round <= DEPUTY_ID && labels_dups(labels, n, dup); round++)
		for (int i = 0; i < n; i++)
			if (dup[i] && detail[i] < DEPUTY_ID) {
				detail[i]++;
				free(labels[i]);
				labels[i] = deputy_label(&v[i], detail[i]);
			}
	free(detail);
	free(dup);
	return labels;
}
