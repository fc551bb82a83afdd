/* 意见建议: the fields of a case and the pick lists of the case loop (see case.h). */
#include "core/case.h"

#include "core/embed.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Categories read from data/categories.txt at most. */
#define CASE_MAX_CATEGORIES 64

const char *const case_sources[] = { "来访", "代表调研", "其他", NULL };
const char *const case_result_codes[] = { "A", "B", "C", "D", NULL };
static const char *const case_result_words[] = { "已解决或基本解决", "正在解决", "列入规划逐步解决", "留作参考并解释",
						 NULL };
const char *const case_result_choices[] = { "A 已解决或基本解决", "B 正在解决", "C 列入规划逐步解决",
					    "D 留作参考并解释", NULL };
const char *const case_sat_choices[] = { "满意", "基本满意", "不满意", NULL };
const char *const case_followup_ways[] = { "电话", "上门", "短信", "其他", NULL };

/* Filled by case_categories() on first use; the field below points at it. */
static const char *case_category_list[CASE_MAX_CATEGORIES + 1];
static bool case_categories_loaded;

static const struct field_def case_fields[CASEF_NFIELDS] = {
	[CASEF_CATEGORY] = { .col = "category",
			     .label = "类别",
			     .kind = FK_CHOICE,
			     .choices = case_category_list,
			     .required = true,
			     .max_chars = 20 },
	[CASEF_SUMMARY] = { .col = "summary", .label = "摘要", .kind = FK_TEXT, .max_chars = 60, .required = true },
	[CASEF_CONTENT] = { .col = "content", .label = "内容", .kind = FK_MEMO, .max_chars = 2000, .list_hide = true },
	[CASEF_RECEIVED] = { .col = "received_date",
			     .label = "受理日期",
			     .kind = FK_DATE,
			     .required = true,
			     .def = "今天" },
	[CASEF_SOURCE] = { .col = "source",
			   .label = "来源",
			   .kind = FK_CHOICE,
			   .choices = case_sources,
			   .required = true,
			   .def = "代表调研" },
	[CASEF_CONTACT] = { .col = "contact_name", .label = "联系人", .kind = FK_TEXT, .max_chars = 20 },
	[CASEF_PHONE] = { .col = "contact_phone",
			  .label = "联系电话",
			  .kind = FK_PHONE,
			  .max_chars = 20,
			  .personal = true },
};

static const struct record_def case_def = {
	.table = "cases",
	.title = "意见建议",
	.fields = case_fields,
	.nfields = CASEF_NFIELDS,
};

const char *const *case_categories(void)
{
	if (case_categories_loaded)
		return case_category_list;
	case_categories_loaded = true;
	const char *text = embed_get("categories.txt");
	int n = 0;
	for (const char *p = text ? text : ""; *p && n < CASE_MAX_CATEGORIES;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *line = xstrndup(p, len);
		str_trim(line);
		if (*line && *line != '#')
			case_category_list[n++] = line;
		else
			free(line);
		p += len + (e ? 1 : 0);
	}
	case_category_list[n] = NULL;
	return case_category_list;
}

const struct record_def *case_record(void)
{
	case_categories();
	return &case_def;
}

bool case_in_list(const char *const *list, const char *s)
{
	for (; s && list && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

const char *case_result_label(const char *code)
{
	for (int i = 0; code && case_result_codes[i]; i++)
		if (!strcmp(code, case_result_codes[i]))
			return case_result_words[i];
	return NULL;
}

char case_result_parse(const char *s)
{
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	char c = 0;
	if (*s >= 'A' && *s <= 'D')
		c = *s, s++;
	else if (*s >= 'a' && *s <= 'd')
		c = (char)(*s - 'a' + 'A'), s++;
	else if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0xA1 &&
		 (unsigned char)s[2] <= 0xA4) /* full-width Ａ..Ｄ */
		c = (char)('A' + (unsigned char)s[2] - 0xA1), s += 3;
	if (c) {
		/* The letter alone, or followed by a space, "." or ":" and (optionally) its own words. */
		while (*s == ' ' || *s == '.' || *s == ':')
			s++;
		return !*s || !strcmp(s, case_result_words[c - 'A']) ? c : 0;
	}
	for (int i = 0; case_result_words[i]; i++)
		if (!strcmp(s, case_result_words[i]))
			return (char)('A' + i);
	return 0;
}

const char *case_sat_label(enum case_sat s)
{
	return s > CASE_SAT_NONE && s < CASE_SAT_COUNT ? case_sat_choices[s - 1] : "";
}

enum case_sat case_sat_parse(const char *label)
{
	for (int i = 0; label && case_sat_choices[i]; i++)
		if (!strcmp(label, case_sat_choices[i]))
			return (enum case_sat)(i + 1);
	return CASE_SAT_NONE;
}

bool case_sat_ok(enum case_sat s) { return s == CASE_SAT_SATISFIED || s == CASE_SAT_BASIC; }
