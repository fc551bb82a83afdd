/* Generic validation and value handling for table-driven registers. */
#include "core/record.h"

#include "core/text.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TEXT_CHARS 100
#define DEFAULT_MEMO_CHARS 2000

size_t record_multi_sep_len(const char *p)
{
	/* Not "，": labels use it inside their brackets ("张伟（县，城关镇）"). */
	static const char *const seps[] = { RECORD_MULTI_SEP, ",", "；", ";" };
	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if (str_starts(p, seps[i]))
			return strlen(seps[i]);
	return 0;
}

char *record_multi_clean(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	for (const char *p = s ? s : ""; *p;) {
		size_t sep = str_starts(p, "，") ? strlen("，") : record_multi_sep_len(p);
		if (sep) {
			sb_addc(&sb, '/');
			p += sep;
		} else
			sb_addc(&sb, *p++);
	}
	return sb_take(&sb);
}

int record_multi_split(const char *value, char ***items)
{
	char **v = NULL;
	int n = 0;
	const char *p = value ? value : "";
	while (*p) {
		const char *q = p;
		size_t sep = 0;
		while (*q && !(sep = record_multi_sep_len(q)))
			q++;
		char *item = xstrndup(p, (size_t)(q - p));
		str_trim(item);
		bool seen = !*item;
		for (int i = 0; i < n && !seen; i++)
			seen = !strcmp(v[i], item);
		if (seen)
			free(item);
		else {
			v = xrealloc(v, sizeof(char *) * (size_t)(n + 1));
			v[n++] = item;
		}
		p = q + sep;
	}
	*items = v;
	return n;
}

int record_field_index(const struct record_def *def, const char *col)
{
	for (int i = 0; i < def->nfields; i++)
		if (!strcmp(def->fields[i].col, col))
			return i;
	return -1;
}

char **record_new_values(const struct record_def *def, const char *today)
{
	char **v = xcalloc((size_t)def->nfields, sizeof(char *));
	for (int i = 0; i < def->nfields; i++) {
		const char *d = def->fields[i].def;
		if (d && def->fields[i].kind == FK_DATE && !strcmp(d, "今天"))
			d = today;
		v[i] = xstrdup(d ? d : "");
	}
	return v;
}

char **record_copy_values(const struct record_def *def, char *const *val)
{
	char **v = xcalloc((size_t)def->nfields, sizeof(char *));
	for (int i = 0; i < def->nfields; i++)
		v[i] = xstrdup(val[i] ? val[i] : "");
	return v;
}

void record_free_values(const struct record_def *def, char **val) { str_free_array(val, def->nfields); }

bool record_values_differ(const struct record_def *def, char *const *a, char *const *b)
{
	for (int i = 0; i < def->nfields; i++)
		if (strcmp(a[i] ? a[i] : "", b[i] ? b[i] : ""))
			return true;
	return false;
}

/* The usual other ways of writing a choice, as Excel rosters and clerks write them, and the
 * choice each stands for: one table for every choice field, typed or imported. An alias counts
 * only for a field that has its choice (区 is 县 for 层级; nowhere else is there a 县). Before
 * the lookup, a value loses the endings 人大代表 / 代表 / 人大 / 级 (县级人大代表 → 县). */
static const struct {
	const char *alias, *choice;
} record_aliases[] = {
	/* 层级 (core/deputy.c deputy_levels): a 区 is county-level, a 街道 is not a level. */
	{ "国家", "全国" },
	{ "省级", "省" },
	{ "自治区", "省" },
	{ "直辖市", "省" },
	{ "地市", "市" },
	{ "地级市", "市" },
	{ "设区的市", "市" },
	{ "州", "市" },
	{ "区", "县" },
	{ "县区", "县" },
	{ "县(区)", "县" },
	{ "县（区）", "县" },
	{ "县市区", "县" },
	{ "旗", "县" },
	{ "乡", "乡镇" },
	{ "镇", "乡镇" },
	{ "乡(镇)", "乡镇" },
	{ "乡（镇）", "乡镇" },
	/* 性别 */
	{ "男性", "男" },
	{ "女性", "女" },
	/* 状态 */
	{ "现任", "在任" },
	{ "已离任", "离任" },
	/* 政治面貌 */
	{ "中共", "中共党员" },
	{ "党员", "中共党员" },
	{ "共产党员", "中共党员" },
	{ "中国共产党党员", "中共党员" },
	{ "预备党员", "中共预备党员" },
	{ "团员", "共青团员" },
	{ "无党派", "无党派人士" },
	/* 处理方式 */
	{ "转代表建议", "转为代表建议" },
	{ "转建议", "转为代表建议" },
};

/* The choice of f that s is, exactly or as an alias. */
static const char *record_choice_lookup(const struct field_def *f, const char *s)
{
	for (const char *const *c = f->choices; c && *c; c++)
		if (!strcmp(*c, s))
			return *c;
	for (size_t k = 0; k < ARRAY_LEN(record_aliases); k++)
		if (!strcmp(record_aliases[k].alias, s))
			for (const char *const *c = f->choices; c && *c; c++)
				if (!strcmp(*c, record_aliases[k].choice))
					return *c;
	return NULL;
}

const char *record_choice_value(const struct field_def *f, const char *val)
{
	static const char *const endings[] = { "人大代表", "代表", "人大", "级" };
	if (f->kind != FK_CHOICE || str_empty(val))
		return NULL;
	char *s = xstrdup(val);
	str_trim(s);
	const char *c = record_choice_lookup(f, s);
	for (bool cut = true; !c && cut;) {
		cut = false;
		for (size_t k = 0; k < ARRAY_LEN(endings) && !cut; k++) {
			size_t n = strlen(s), e = strlen(endings[k]);
			if (n > e && !strcmp(s + n - e, endings[k])) {
				s[n - e] = '\0';
				cut = true;
			}
		}
		if (cut)
			c = record_choice_lookup(f, s);
	}
	if (!c) { /* 汉 for 汉族 */
		char *z = xasprintf("%s族", s);
		c = record_choice_lookup(f, z);
		free(z);
	}
	free(s);
	return c;
}

static const char *check_choice(const struct field_def *f, char **val)
{
	const char *canon = record_choice_value(f, *val);
	if (canon) {
		if (strcmp(canon, *val))
			str_set(val, canon);
		return NULL;
	}
	if (f->choice_open)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "应为以下之一：");
	for (const char *const *c = f->choices; c && *c; c++)
		sb_addf(&sb, "%s%s", c == f->choices ? "" : "/", *c);
	const char *msg = str_intern(sb.buf);
	sb_free(&sb);
	return msg;
}

const char *record_check_field(const struct field_def *f, char **val, const char *today)
{
	char msg[128];
	int max = f->max_chars ? f->max_chars : f->kind == FK_MEMO ? DEFAULT_MEMO_CHARS : DEFAULT_TEXT_CHARS;
	/* Trim before checking: the limit and the control-character check apply to what is stored,
	 * so a full-length name with a trailing space or a pasted trailing tab is not refused. */
	if (f->kind != FK_MEMO)
		str_trim(*val);
	const char *e = valid_text(*val, max, f->kind == FK_MEMO);
	if (e)
		return e;
	if (str_empty(*val))
		return f->required ? "必填项，不能为空" : NULL;
	switch (f->kind) {
	case FK_TEXT:
	case FK_MEMO:
	case FK_MULTI:
		return NULL;
	case FK_CHOICE:
		return check_choice(f, val);
	case FK_PHONE: {
		/* Accept spaces the clerk may type between groups of digits. */
		char *p = *val, *q = *val;
		for (; *p; p++)
			if (*p != ' ')
				*q++ = *p;
		*q = '\0';
		return valid_phone(*val);
	}
	case FK_IDNO:
		return valid_id_number(*val);
	case FK_DATE: {
		char iso[11];
		e = date_parse(*val, today, iso);
		if (e)
			return e;
		str_set(val, iso);
		return NULL;
	}
	case FK_INT: {
		char *end;
		long n = strtol(*val, &end, 10);
		if (*end || end == *val) {
			snprintf(msg, sizeof msg, "应为整数（%d 到 %d）", f->min, f->max);
			return str_intern(msg);
		}
		if (n < f->min || n > f->max) {
			snprintf(msg, sizeof msg, "应在 %d 到 %d 之间", f->min, f->max);
			return str_intern(msg);
		}
		return NULL;
	}
	}
	return NULL;
}

int record_check(const struct record_def *def, char **val, const char *today, const char **msgs)
{
	int bad = 0;
	for (int i = 0; i < def->nfields; i++) {
		msgs[i] = record_check_field(&def->fields[i], &val[i], today);
		if (msgs[i])
			bad++;
	}
	if (!bad && def->check)
		bad += def->check(val, msgs);
	return bad;
}
