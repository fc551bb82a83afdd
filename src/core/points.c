/* 履职积分 rules and computation (see points.h). */
#include "core/points.h"

#include "core/activity.h"
#include "core/config.h"
#include "core/embed.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define POINTS_FILE_MAX (256 * 1024) /* a rules file is a few hundred bytes */

bool points_item_known(const char *name)
{
	static const char *const fixed[] = { POINTS_RECEPTION, POINTS_WALK,   POINTS_LEAD,
					     POINTS_SECOND,    POINTS_REPORT, POINTS_PROJECT };
	for (size_t i = 0; i < ARRAY_LEN(fixed); i++)
		if (!strcmp(name, fixed[i]))
			return true;
	if (!str_starts(name, POINTS_ACTIVITY))
		return false;
	for (const char *const *t = activity_types; *t; t++)
		if (!strcmp(name + strlen(POINTS_ACTIVITY), *t))
			return true;
	return false;
}

const char *points_parse(const char *s, bool allow_negative, int *tenths)
{
	const char *why = allow_negative ? "应为数字，最多一位小数，可带正负号（如 5、-2、1.5）"
					 : "应为不小于 0 的数字，最多一位小数（如 2、1.5）";
	const char *p = s;
	int sign = 1;
	long whole = 0;
	int tenth = 0, digits = 0;
	if (*p == '+' || *p == '-') {
		if (*p == '-' && !allow_negative)
			return why;
		sign = *p == '-' ? -1 : 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if ((whole = whole * 10 + (*p - '0')) > POINTS_VALUE_MAX)
			return str_intern(allow_negative ? "超出范围：绝对值最多 10000 分" : "超出范围：最多 10000 分");
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		tenth = p[1] - '0';
		p += 2;
		/* "1.50" is fine; "1.55" has a second decimal that would be lost */
		for (; *p == '0'; p++)
			;
		if (*p >= '1' && *p <= '9')
			return "最多一位小数";
		digits++;
	}
	if (!digits || *p)
		return why;
	*tenths = sign * (int)(whole * 10 + tenth);
	return NULL;
}

const char *points_format(int tenths, char *buf)
{
	int a = tenths < 0 ? -tenths : tenths;
	if (a % 10)
		snprintf(buf, 16, "%s%d.%d", tenths < 0 ? "-" : "", a / 10, a % 10);
	else
		snprintf(buf, 16, "%s%d", tenths < 0 ? "-" : "", a / 10);
	return buf;
}

/* A copy of s, trimmed. */
static char *trimmed(const char *s)
{
	char *t = xstrdup(s ? s : "");
	str_trim(t);
	return t;
}

/* One number of a rule: NULL, or the message naming which number it is (interned). */
static const char *rule_num(const char *label, const char *s, int *out)
{
	const char *why = *s ? points_parse(s, false, out) : "不能为空";
	if (!why)
		return NULL;
	char *m = xasprintf("%s%s", label, why);
	why = str_intern(m);
	free(m);
	return why;
}

const char *points_rule_parse(const char *item, const char *first, const char *further, const char *cap,
			      struct points_rule *out)
{
	struct points_rule r = { .cap = POINTS_NO_CAP };
	char *it = trimmed(item), *f = trimmed(first), *fu = trimmed(further), *c = trimmed(cap);
	const char *why = NULL;
	if (!*it)
		why = "项目名称不能为空";
	else if (!points_item_known(it) || strlen(it) >= sizeof r.item)
		why = "没有这个积分项目；可用的项目：接待选民、走访选民、领衔建议、附议建议、述职、"
		      "民生实事：提出并通过，"
		      "以及「活动：」加活动类型（如 活动：视察）";
	else if (!(why = rule_num("首次分值", f, &r.first)) && !(why = rule_num("此后每次分值", fu, &r.further)) &&
		 *c && strcmp(c, "-"))
		why = rule_num("年度上限", c, &r.cap);
	if (!why) {
		snprintf(r.item, sizeof r.item, "%s", it);
		*out = r;
	}
	free(it);
	free(f);
	free(fu);
	free(c);
	return why;
}

/* Split s at ASCII and full-width commas into at most max new strings; returns how many
 * (max + 1 when there are more). */
static int split_commas(const char *s, char **parts, int max)
{
	int n = 0;
	const char *p = s;
	for (;;) {
		const char *a = strchr(p, ','), *b = strstr(p, "，");
		const char *end = a && (!b || a < b) ? a : b;
		size_t skip = end == a ? 1 : strlen("，");
		if (n == max) {
			return n + 1;
		}
		parts[n++] = xstrndup(p, end ? (size_t)(end - p) : strlen(p));
		if (!end)
			return n;
		p = end + skip;
	}
}

const char *points_rule_parse_value(const char *item, const char *value, struct points_rule *out)
{
	char *parts[3] = { NULL, NULL, NULL };
	int n = split_commas(value, parts, 3);
	const char *why = n < 2 || n > 3 ? "应写成 首次分值, 此后每次分值, 年度上限（上限可省略，表示不设上限），如 2, 1, 20"
					 : points_rule_parse(item, parts[0], parts[1], n == 3 ? parts[2] : "", out);
	for (int i = 0; i < 3 && i < n; i++)
		free(parts[i]);
	return why;
}

int points_rules_find(const struct points_rules *r, const char *item)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].item, item))
			return i;
	return -1;
}

void points_rules_set(struct points_rules *r, const struct points_rule *rule)
{
	int i = points_rules_find(r, rule->item);
	if (i < 0 && r->n < POINTS_ITEM_MAX)
		i = r->n++;
	if (i >= 0)
		r->v[i] = *rule;
}

/* One line of a rules file into rules (header and comments already skipped). */
static const char *rules_line(char *line, struct points_rules *rules)
{
	char *parts[4] = { NULL, NULL, NULL, NULL };
	int n = split_commas(line, parts, 4);
	struct points_rule r;
	const char *why = NULL;
	if (n < 3 || n > 4)
		why = "应为 项目,首次分值,此后每次分值,年度上限 四栏（上限可空）";
	else if ((why = points_rule_parse(parts[0], parts[1], parts[2], n == 4 ? parts[3] : "", &r)) == NULL) {
		if (points_rules_find(rules, r.item) >= 0)
			why = "这个项目前面已经有了";
		else if (rules->n == POINTS_ITEM_MAX)
			why = "项目太多";
		else
			rules->v[rules->n++] = r;
	}
	for (int i = 0; i < 4 && i < n; i++)
		free(parts[i]);
	return why;
}

int points_rules_parse(const char *text, const char *file, struct points_rules *out, char **err)
{
	struct points_rules rules = { .n = 0 };
	int lineno = 0;
	bool header_done = false;
	*err = NULL;
	if (!strncmp(text, "\xEF\xBB\xBF", 3))
		text += 3;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char *line = xstrndup(text, len);
		lineno++;
		text += len + (nl ? 1 : 0);
		str_trim(line);
		size_t l = strlen(line);
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		str_trim(line);
		const char *why = NULL;
		if (!*line || *line == '#')
			;
		else if (!header_done && str_starts(line, "项目"))
			header_done = true;
		else {
			header_done = true;
			why = rules_line(line, &rules);
		}
		if (why) {
			char *shown = xstrndup(line, 60);
			*err = xasprintf("%s 第 %d 行：%s（这一行是：%s）", file, lineno, why, shown);
			free(shown);
			free(line);
			return -1;
		}
		free(line);
	}
	if (!rules.n) {
		*err = xasprintf("%s：没有任何积分规则", file);
		return -1;
	}
	*out = rules;
	return 0;
}

void points_rules_builtin(struct points_rules *out)
{
	const char *text = embed_get("points.csv");
	char *err = NULL;
	if (!text)
		die("内置数据文件缺失：data/points.csv");
	if (points_rules_parse(text, "data/points.csv", out, &err) < 0)
		die("%s", err);
}

/* The whole of a rules file, or NULL with *err. */
static char *read_file(const char *path, char **err)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	if (!fp) {
		*err = xasprintf("积分规则文件 %s 打不开：%s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > POINTS_FILE_MAX) {
		*err = xasprintf("积分规则文件 %s 不是普通的文本文件，或超过 256 KB", path);
		fclose(fp);
		return NULL;
	}
	char *buf = xmalloc((size_t)st.st_size + 1);
	size_t n = fread(buf, 1, (size_t)st.st_size, fp);
	buf[n] = '\0';
	fclose(fp);
	if (memchr(buf, '\0', n)) {
		*err = xasprintf("积分规则文件 %s 含有空字符，不像是文本文件", path);
		free(buf);
		return NULL;
	}
	return buf;
}

int points_rules_load(const struct cfg *cfg, struct points_rules *rules, char **err)
{
	struct points_rules r;
	*err = NULL;
	if (cfg && !str_empty(cfg->points_file)) {
		char *text = read_file(cfg->points_file, err);
		int rc = text ? points_rules_parse(text, cfg->points_file, &r, err) : -1;
		free(text);
		if (rc < 0)
			return -1;
	} else
		points_rules_builtin(&r);
	for (int i = 0; cfg && i < cfg->npoints; i++)
		points_rules_set(&r, &cfg->points[i]);
	*rules = r;
	return 0;
}

int points_item(const struct points_rule *r, int64_t count, bool *capped)
{
	int64_t p = 0;
	bool cut = false;
	if (count > 0) {
		p = r->first + (count - 1) * (int64_t)r->further;
		if (r->cap != POINTS_NO_CAP && p > r->cap) {
			p = r->cap;
			cut = true;
		}
		if (p > (int64_t)POINTS_VALUE_MAX * 10 * POINTS_ITEM_MAX)
			p = (int64_t)POINTS_VALUE_MAX * 10 * POINTS_ITEM_MAX; /* no overflow, however many */
	}
	if (capped)
		*capped = cut;
	return (int)p;
}

void points_compute(const struct points_rules *rules, const int64_t *counts, int adjusted, struct points_result *out)
{
	memset(out, 0, sizeof *out);
	for (int i = 0; i < rules->n; i++) {
		struct points_line *l = &out->lines[out->n++];
		l->item = rules->v[i].item;
		l->count = counts[i];
		l->points = points_item(&rules->v[i], counts[i], &l->capped);
		out->computed += l->points;
	}
	out->adjusted = adjusted;
	out->total = out->computed + adjusted;
}

/* ---- the adjustment form ---- */

/* The points typed: a number with one decimal at most, not 0. */
static int adj_check(char **val, const char **msgs)
{
	int t = 0;
	if (msgs[ADJ_POINTS] || !*val[ADJ_POINTS])
		return 0;
	const char *why = points_parse(val[ADJ_POINTS], true, &t);
	if (!why && !t)
		why = "调整的分值不能为 0";
	msgs[ADJ_POINTS] = why ? str_intern(why) : NULL;
	return why != NULL;
}

static const struct field_def adj_fields[ADJ_NFIELDS] = {
	[ADJ_DEPUTY] = { .col = "deputy_id", .label = "代表", .kind = FK_CHOICE, .required = true, .max_chars = 60,
			 .choice_open = true /* run-time items (the form is strict) */ },
	[ADJ_YEAR] = { .col = "year", .label = "年度", .kind = FK_INT, .required = true, .min = 2000, .max = 2100 },
	[ADJ_POINTS] = { .col = "points", .label = "加减分值", .kind = FK_TEXT, .required = true, .max_chars = 8 },
	[ADJ_DATE] = { .col = "date", .label = "日期", .kind = FK_DATE, .def = "今天" },
	[ADJ_REASON] = { .col = "reason", .label = "理由", .kind = FK_TEXT, .required = true, .max_chars = 100 },
	[ADJ_APPROVER] = { .col = "approved_by", .label = "批准人", .kind = FK_TEXT, .required = true, .max_chars = 20 },
};

const struct record_def adj_def = {
	.table = "point_adjustments",
	.title = "积分调整",
	.fields = adj_fields,
	.nfields = ADJ_NFIELDS,
	.check = adj_check,
};

/* ---- 述职评议 ---- */

const char *eval_check_counts(long long participants, long long satisfied, long long basic, long long dissatisfied)
{
	long long sum = satisfied + basic + dissatisfied;
	if (sum == participants)
		return NULL;
	char *m = xasprintf("三项合计 %lld 人，与参评人数 %lld 人不符（%s %lld 人）", sum, participants,
			    sum > participants ? "多" : "少", sum > participants ? sum - participants : participants - sum);
	const char *why = str_intern(m);
	free(m);
	return why;
}

const char *eval_rate_text(long long participants, long long satisfied, long long basic, char *buf)
{
	if (participants <= 0) {
		snprintf(buf, 32, "-");
		return buf;
	}
	long long permille = ((satisfied + basic) * 2000 + participants) / (2 * participants); /* rounded */
	snprintf(buf, 32, "%lld.%lld%%", permille / 10, permille % 10);
	return buf;
}

/* The cross-field check of the form: the votes add up to 参评人数. */
static int eval_check(char **val, const char **msgs)
{
	for (int i = EV_PARTICIPANTS; i <= EV_DISSATISFIED; i++)
		if (msgs[i] || !*val[i])
			return 0; /* each number is checked on its own first */
	const char *why = eval_check_counts(atoll(val[EV_PARTICIPANTS]), atoll(val[EV_SATISFIED]), atoll(val[EV_BASIC]),
					    atoll(val[EV_DISSATISFIED]));
	if (!why)
		return 0;
	msgs[EV_DISSATISFIED] = why;
	return 1;
}

static const struct field_def eval_fields[EV_NFIELDS] = {
	[EV_DATE] = { .col = "date", .label = "日期", .kind = FK_DATE, .required = true, .def = "今天" },
	[EV_PARTICIPANTS] = { .col = "participants", .label = "参评人数", .kind = FK_INT, .required = true, .min = 1,
			      .max = 100000 },
	[EV_SATISFIED] = { .col = "satisfied", .label = "满意", .kind = FK_INT, .required = true, .max = 100000, .def = "0" },
	[EV_BASIC] = { .col = "basically_satisfied", .label = "基本满意", .kind = FK_INT, .required = true, .max = 100000,
		       .def = "0" },
	[EV_DISSATISFIED] = { .col = "dissatisfied", .label = "不满意", .kind = FK_INT, .required = true, .max = 100000,
			      .def = "0" },
	[EV_NOTE] = { .col = "note", .label = "备注", .kind = FK_TEXT, .max_chars = 200 },
};

const struct record_def eval_def = {
	.table = "evaluations",
	.title = "述职评议",
	.fields = eval_fields,
	.nfields = EV_NFIELDS,
	.check = eval_check,
};
