/* Reception days: the form's fields, the year's dates from the rule, and the 公示 check. */
#include "core/reception.h"

#include "core/clock.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct field_def reception_fields[RD_NFIELDS] = {
	[RD_DATE] = { .col = "date", .label = "日期", .kind = FK_DATE, .required = true },
	[RD_TIME] = { .col = "time", .label = "时间", .kind = FK_TEXT, .max_chars = 20 },
	[RD_PLACE] = { .col = "place", .label = "地点", .kind = FK_TEXT, .max_chars = 60 },
	[RD_NOTICE_DATE] = { .col = "notice_date", .label = "公示日期", .kind = FK_DATE },
	[RD_NOTE] = { .col = "note", .label = "备注", .kind = FK_MEMO, .max_chars = 500, .list_hide = true },
};

/* A notice is put up before the day, never after it. */
static int reception_check(char **val, const char **msgs)
{
	const char *d = val[RD_DATE], *n = val[RD_NOTICE_DATE];
	if (!str_empty(d) && !str_empty(n) && strcmp(n, d) > 0) {
		msgs[RD_NOTICE_DATE] = "公示日期不能晚于接待日";
		return 1;
	}
	return 0;
}

const struct record_def reception_def = {
	.table = "reception_days",
	.title = "接待日",
	.fields = reception_fields,
	.nfields = RD_NFIELDS,
	.check = reception_check,
};

static bool reception_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int reception_month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && reception_leap(y) ? 29 : days[m - 1];
}

void reception_month_date(int year, int month, int day, char out[11])
{
	out[0] = '\0';
	if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1970 || year > 2199)
		return;
	int last = reception_month_days(year, month);
	date_format(year, month, day > last ? last : day, out);
}

void reception_notice_date(const char *day_date, int notice_days, char out[11])
{
	out[0] = '\0';
	if (!day_date || date_to_days(day_date) < 0)
		return;
	date_add_days(day_date, -notice_days, out);
}

bool reception_notice_late(const char *day_date, const char *notice_date, int notice_days)
{
	char latest[11];
	reception_notice_date(day_date, notice_days, latest);
	if (!*latest)
		return false;
	if (str_empty(notice_date) || date_to_days(notice_date) < 0)
		return true;
	return strcmp(notice_date, latest) > 0;
}

/* Add one rule date to the list (moved to a working day unless keep), skipping a duplicate of
 * the previous entry (two rule dates moved onto one working day). */
static void reception_push(const struct cfg *cfg, const struct calendar *cal, const char *rule_date,
			   struct reception_date *v, int *n)
{
	struct reception_date d = { 0 };
	memcpy(d.rule_date, rule_date, 11);
	memcpy(d.date, rule_date, 11);
	if (cal && !cfg->reception_keep_holiday && !calendar_is_workday(cal, rule_date)) {
		calendar_next_workday(cal, rule_date, d.date);
		if (!*d.date)
			memcpy(d.date, rule_date, 11);
		d.moved = strcmp(d.date, rule_date) != 0;
	}
	reception_notice_date(d.date, cfg->notice_days, d.notice_date);
	if (*n > 0 && !strcmp(v[*n - 1].date, d.date))
		return;
	v[(*n)++] = d;
}

int reception_dates(const struct cfg *cfg, const struct calendar *cal, int year, struct reception_date **out)
{
	struct reception_date *v = NULL;
	int n = 0;
	char iso[11];

	*out = NULL;
	if (year < 1970 || year > 2199)
		return 0;
	if (cfg->reception_rule == RECEPTION_MONTHDAY) {
		if (cfg->reception_day < 1 || cfg->reception_day > 31)
			return 0;
		v = xcalloc(12, sizeof *v);
		for (int m = 1; m <= 12; m++) {
			reception_month_date(year, m, cfg->reception_day, iso);
			reception_push(cfg, cal, iso, v, &n);
		}
	} else {
		if (cfg->reception_day < 1 || cfg->reception_day > 7)
			return 0;
		v = xcalloc(54, sizeof *v);
		date_format(year, 1, 1, iso);
		int wd = date_weekday(iso);
		int64_t day = date_to_days(iso) + (cfg->reception_day - wd + 7) % 7;
		for (;; day += 7) {
			days_to_date(day, iso);
			if (atoi(iso) != year)
				break;
			reception_push(cfg, cal, iso, v, &n);
		}
	}
	if (!n) {
		free(v);
		return 0;
	}
	*out = v;
	return n;
}

enum reception_state reception_state(bool cancelled, int held, int nvisits, const char *date, const char *today)
{
	if (cancelled)
		return RS_CANCELLED;
	if (held == 1 || nvisits > 0)
		return RS_HELD;
	if (held == 0)
		return RS_NOT_HELD;
	return strcmp(date ? date : "", today ? today : "") <= 0 ? RS_UNCONFIRMED : RS_UPCOMING;
}

char *reception_held_refusal(const char *date, bool cancelled, int nvisits, int held, const char *today)
{
	if (cancelled)
		return xasprintf("%s 的接待日已取消，不能确认举行情况（先恢复这个接待日）", date);
	if (held != RECEPTION_HELD_UNKNOWN && today && strcmp(date, today) > 0)
		return xasprintf("%s 的接待日还没到，到了再确认是否举行", date);
	if (held == 0 && nvisits > 0)
		return xasprintf("%s 的接待日登记了 %d 次来访，已举行，不能标为未举行", date, nvisits);
	return NULL;
}

const char *reception_state_label(enum reception_state s)
{
	static const char *const labels[] = {
		[RS_CANCELLED] = "已取消",   [RS_HELD] = "已举行",   [RS_NOT_HELD] = "未举行",
		[RS_UNCONFIRMED] = "待确认", [RS_UPCOMING] = "未到",
	};
	return (unsigned)s < ARRAY_LEN(labels) ? labels[s] : "";
}

void reception_moved_text(const char *date, const char *rule_date, char out[32])
{
	out[0] = '\0';
	if (!date || !rule_date || date_to_days(rule_date) < 0 || !strcmp(date, rule_date))
		return;
	snprintf(out, 32, "由 %.5s 顺延", rule_date + 5);
}

char **reception_new_values(const struct cfg *cfg, const char *date)
{
	char today[11];
	clock_today(today);
	char **v = record_new_values(&reception_def, today);
	str_set(&v[RD_DATE], date ? date : "");
	str_set(&v[RD_TIME], cfg ? cfg->reception_time : "");
	str_set(&v[RD_PLACE], cfg ? cfg->reception_place : "");
	if (!str_empty(date)) {
		char notice[11];
		reception_notice_date(date, cfg ? cfg->notice_days : 0, notice);
		str_set(&v[RD_NOTICE_DATE], notice);
	}
	return v;
}
