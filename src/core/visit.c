/* 接待选民登记: the fields of a visit as DESIGN §3 lists them, and their checks. */
#include "core/visit.h"

#include "core/case.h"
#include "core/clock.h"
#include "core/embed.h"
#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

const char *const visit_channels[] = { "接待日来访", "日常来访", "走访", "电话", "来信", "线上", NULL };
const char *const visit_handlings[] = { "当场答复", "交办", "转为代表建议", "不予受理", NULL };
static const char *const visit_genders[] = { "男", "女", NULL };

/* Most categories read from data/categories.txt; more are ignored. */
#define VISIT_MAX_CATEGORIES 63

/* Filled from the embedded data/categories.txt before main() (visit_load_categories), so the
 * field's choices are there whenever visit_def is used. */
static const char *visit_category_list[VISIT_MAX_CATEGORIES + 1];

static const struct field_def visit_fields[VIS_NFIELDS] = {
	[VIS_DATE] = { .col = "date", .label = "日期", .kind = FK_DATE, .required = true, .def = "今天" },
	[VIS_CHANNEL] = { .col = "channel",
			  .label = "渠道",
			  .kind = FK_CHOICE,
			  .choices = visit_channels,
			  .required = true,
			  .def = "接待日来访" },
	[VIS_NAME] = { .col = "visitor_name", .label = "来访人", .kind = FK_TEXT, .max_chars = 30, .required = true },
	[VIS_GENDER] = { .col = "visitor_gender", .label = "性别", .kind = FK_CHOICE, .choices = visit_genders },
	[VIS_PHONE] = { .col = "visitor_phone",
			.label = "联系电话",
			.kind = FK_PHONE,
			.max_chars = 20,
			.personal = true },
	[VIS_ADDRESS] = { .col = "visitor_address",
			  .label = "住址或单位",
			  .kind = FK_TEXT,
			  .max_chars = 100,
			  .personal = true,
			  .list_hide = true },
	[VIS_PEOPLE] = { .col = "people",
			 .label = "人数",
			 .kind = FK_INT,
			 .required = true,
			 .def = "1",
			 .min = 1,
			 .max = 999 },
	[VIS_CONTENT] = { .col = "content", .label = "反映问题", .kind = FK_MEMO, .max_chars = 2000, .required = true },
	[VIS_CATEGORY] = { .col = "category",
			   .label = "类别",
			   .kind = FK_CHOICE,
			   .choices = visit_category_list,
			   .required = true },
	[VIS_HANDLING] = { .col = "handling",
			   .label = "处理方式",
			   .kind = FK_CHOICE,
			   .choices = visit_handlings,
			   .required = true },
	[VIS_REPLY] = { .col = "reply",
			.label = "答复内容/理由",
			.kind = FK_MEMO,
			.max_chars = 2000,
			.list_hide = true },
	[VIS_SATISFACTION] = { .col = "satisfaction",
			       .label = "满意度",
			       .kind = FK_CHOICE,
			       .choices = case_sat_choices,
			       .list_hide = true },
};

/* True if a memo holds only spaces and line breaks: record_check() does not trim memos. */
static bool visit_blank(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s) && !str_starts(s, "\u3000"))
			return false;
		else if (str_starts(s, "\u3000"))
			s += 2;
	return true;
}

/* 当场答复 is recorded with its answer; 不予受理 with its reason (e.g. 涉法涉诉，已引导走信访渠道). */
static int visit_check(char **val, const char **msgs)
{
	const char *h = val[VIS_HANDLING];
	if (visit_blank(val[VIS_CONTENT])) {
		msgs[VIS_CONTENT] = "必填项，不能为空";
		return 1;
	}
	if (!str_empty(val[VIS_SATISFACTION]) && strcmp(h, VISIT_H_ANSWER)) {
		msgs[VIS_SATISFACTION] = "满意度只用于当场答复，其他处理方式请清空（^U）";
		return 1;
	}
	if (!visit_blank(val[VIS_REPLY]))
		return 0;
	if (!strcmp(h, VISIT_H_ANSWER)) {
		msgs[VIS_REPLY] = "当场答复须填写答复内容";
		return 1;
	}
	if (!strcmp(h, VISIT_H_REFUSE)) {
		msgs[VIS_REPLY] = "不予受理须填写理由（如：涉法涉诉，已引导通过信访渠道反映）";
		return 1;
	}
	return 0;
}

const struct record_def visit_def = {
	.table = "visits",
	.title = "来访",
	.fields = visit_fields,
	.nfields = VIS_NFIELDS,
	.check = visit_check,
};

/* Read the category names of data/categories.txt: one a line, '#' comments, blanks skipped. */
__attribute__((constructor)) static void visit_load_categories(void)
{
	const char *text = embed_get("categories.txt");
	int n = 0;
	while (text && *text && n < VISIT_MAX_CATEGORIES) {
		size_t len = strcspn(text, "\n");
		char *line = xstrndup(text, len);
		str_trim(line);
		size_t l = strlen(line);
		if (l && line[l - 1] == '\r')
			line[l - 1] = '\0';
		str_trim(line);
		if (*line && *line != '#')
			visit_category_list[n++] = str_intern(line);
		free(line);
		text += len + (text[len] == '\n');
	}
	visit_category_list[n] = NULL;
}

const char *const *visit_categories(void) { return visit_category_list; }

bool visit_is_future(const char *date, const char *today)
{
	if (!date || !today || date_to_days(date) < 0 || date_to_days(today) < 0)
		return false;
	return strcmp(date, today) > 0;
}

char *visit_date_question(const char *date, const char *today, int first_year)
{
	/* Validity from date_weekday(): days before 1970 are negative numbers, not errors. */
	if (!date || !today || !date_weekday(date) || !date_weekday(today))
		return NULL;
	int64_t d = date_to_days(date), t = date_to_days(today);
	if (first_year <= 0)
		first_year = atoi(today);
	if (d - t > 366)
		return xstrdup("来访日期在一年以后，确定没有写错吗？");
	if (d > t)
		return xstrdup("来访日期在今天之后，确定吗？");
	if (atoi(date) < first_year)
		return xasprintf("来访日期早于本站最早的来访记录（%d 年），确定没有写错吗？", first_year);
	return NULL;
}

char *visit_people_question(const char *people)
{
	char *end;
	long n = strtol(people ? people : "", &end, 10);
	if (!people || end == people || *end || n <= VISIT_PEOPLE_ASK)
		return NULL;
	return xasprintf("人数 %ld 人，多于一般的团体来访（%d 人），确定没有写错吗？", n, VISIT_PEOPLE_ASK);
}

void visit_due_date(const struct calendar *cal, const char *date, int days, int default_days, char out[11])
{
	out[0] = '\0';
	if (!cal || !date || !date_weekday(date))
		return;
	calendar_add_workdays(cal, date, days > 0 ? days : default_days, out);
}

const char *visit_check_links(char *const *vals, int ndeputies)
{
	if (!strcmp(vals[VIS_CHANNEL], VISIT_CH_WALK) && ndeputies < 1)
		return "走访须选择走访的代表";
	return NULL;
}

char *visit_summary(const char *content)
{
	struct strbuf sb;
	const char *p = content ? content : "";
	int chars = 0;
	bool space = false;

	sb_init(&sb);
	sb_add(&sb, "");
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	while (*p && chars < VISIT_SUMMARY_CHARS) {
		wchar_t c;
		int len = utf8_decode(p, &c);
		if (len <= 0) {
			p++;
			continue;
		}
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x3000) {
			space = true;
			p += len;
			continue;
		}
		if (space && chars) {
			sb_addc(&sb, ' ');
			chars++;
		}
		space = false;
		sb_addn(&sb, p, (size_t)len);
		chars++;
		p += len;
	}
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (*p)
		sb_add(&sb, "...");
	return sb_take(&sb);
}

char *visit_mask_phone(const char *phone)
{
	if (str_empty(phone))
		return xstrdup("");
	size_t len = strlen(phone);
	if (len == 11 && phone[0] == '1')
		return xasprintf("%.3s****%s", phone, phone + 7);
	/* A landline: keep the area code (before a dash) and the last 4 characters. */
	const char *dash = strchr(phone, '-');
	if (len <= 4)
		return xstrdup("****");
	if (dash && (size_t)(dash - phone) + 1 + 4 < len)
		return xasprintf("%.*s****%s", (int)(dash - phone + 1), phone, phone + len - 4);
	if (len > 7)
		return xasprintf("%.3s****%s", phone, phone + len - 4);
	return xasprintf("****%s", phone + len - 4);
}
