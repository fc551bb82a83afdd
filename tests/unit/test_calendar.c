/* Tests of the working-day calendar: the compiled-in data/holidays.txt against the State Council
 * notices for 2025 and 2026, the counting rule (the day of assignment does not count), make-up
 * workdays, unknown years, station.ini local days, and the parser (CRLF, BOM, bad lines). */
#include "core/calendar.h"

#include "core/clock.h"
#include "core/config.h"
#include "core/util.h"

#include "t.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_HAS(s, sub)                                                                                              \
	do {                                                                                                           \
		const char *t_s = (s), *t_sub = (sub);                                                                 \
		if (!t_s || !strstr(t_s, t_sub)) {                                                                     \
			fprintf(stderr, "  %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,               \
				t_s ? t_s : "(null)", t_sub);                                                          \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

/* The official calendar, built once from the embedded file. */
static struct calendar *cal;

/* The 2025 and 2026 notices, transcribed: date, 1 = work (调休上班) / 0 = off, name. */
static const struct fact {
	const char *date;
	int work;
	const char *name;
} facts[] = {
	{ "2025-01-01", 0, "元旦" },           { "2025-01-26", 1, "春节调休" },
	{ "2025-01-28", 0, "春节" },           { "2025-01-29", 0, "春节" },
	{ "2025-01-30", 0, "春节" },           { "2025-01-31", 0, "春节" },
	{ "2025-02-01", 0, "春节" },           { "2025-02-02", 0, "春节" },
	{ "2025-02-03", 0, "春节" },           { "2025-02-04", 0, "春节" },
	{ "2025-02-08", 1, "春节调休" },       { "2025-04-04", 0, "清明节" },
	{ "2025-04-05", 0, "清明节" },         { "2025-04-06", 0, "清明节" },
	{ "2025-04-27", 1, "劳动节调休" },     { "2025-05-01", 0, "劳动节" },
	{ "2025-05-02", 0, "劳动节" },         { "2025-05-03", 0, "劳动节" },
	{ "2025-05-04", 0, "劳动节" },         { "2025-05-05", 0, "劳动节" },
	{ "2025-05-31", 0, "端午节" },         { "2025-06-01", 0, "端午节" },
	{ "2025-06-02", 0, "端午节" },         { "2025-09-28", 1, "国庆节调休" },
	{ "2025-10-01", 0, "国庆节、中秋节" }, { "2025-10-02", 0, "国庆节、中秋节" },
	{ "2025-10-03", 0, "国庆节、中秋节" }, { "2025-10-04", 0, "国庆节、中秋节" },
	{ "2025-10-05", 0, "国庆节、中秋节" }, { "2025-10-06", 0, "国庆节、中秋节" },
	{ "2025-10-07", 0, "国庆节、中秋节" }, { "2025-10-08", 0, "国庆节、中秋节" },
	{ "2025-10-11", 1, "国庆节调休" },     { "2026-01-01", 0, "元旦" },
	{ "2026-01-02", 0, "元旦" },           { "2026-01-03", 0, "元旦" },
	{ "2026-01-04", 1, "元旦调休" },       { "2026-02-14", 1, "春节调休" },
	{ "2026-02-15", 0, "春节" },           { "2026-02-16", 0, "春节" },
	{ "2026-02-17", 0, "春节" },           { "2026-02-18", 0, "春节" },
	{ "2026-02-19", 0, "春节" },           { "2026-02-20", 0, "春节" },
	{ "2026-02-21", 0, "春节" },           { "2026-02-22", 0, "春节" },
	{ "2026-02-23", 0, "春节" },           { "2026-02-28", 1, "春节调休" },
	{ "2026-04-04", 0, "清明节" },         { "2026-04-05", 0, "清明节" },
	{ "2026-04-06", 0, "清明节" },         { "2026-05-01", 0, "劳动节" },
	{ "2026-05-02", 0, "劳动节" },         { "2026-05-03", 0, "劳动节" },
	{ "2026-05-04", 0, "劳动节" },         { "2026-05-05", 0, "劳动节" },
	{ "2026-05-09", 1, "劳动节调休" },     { "2026-06-19", 0, "端午节" },
	{ "2026-06-20", 0, "端午节" },         { "2026-06-21", 0, "端午节" },
	{ "2026-09-20", 1, "国庆节调休" },     { "2026-09-25", 0, "中秋节" },
	{ "2026-09-26", 0, "中秋节" },         { "2026-09-27", 0, "中秋节" },
	{ "2026-10-01", 0, "国庆节" },         { "2026-10-02", 0, "国庆节" },
	{ "2026-10-03", 0, "国庆节" },         { "2026-10-04", 0, "国庆节" },
	{ "2026-10-05", 0, "国庆节" },         { "2026-10-06", 0, "国庆节" },
	{ "2026-10-07", 0, "国庆节" },         { "2026-10-10", 1, "国庆节调休" },
};

/* n-th working day after from, as a new string's worth of static storage (one at a time). */
static const char *add(const struct calendar *c, const char *from, int n)
{
	static char out[11];
	calendar_add_workdays(c, from, n, out);
	return out;
}

static const char *next(const struct calendar *c, const char *iso)
{
	static char out[11];
	calendar_next_workday(c, iso, out);
	return out;
}

/* The error for text that must be refused (caller frees); "" if it was accepted. */
static char *refused(const char *text)
{
	char *err = NULL;
	struct calendar *c = calendar_from_text(text, &err);
	if (c) {
		fprintf(stderr, "  accepted, expected an error:\n%s\n", text);
		calendar_free(c);
		return xstrdup("");
	}
	return err ? err : xstrdup("(no message)");
}

TEST(test_design_example)
{
	/* The example of docs/CALENDAR.md: 中秋 (09-25..27) and 国庆 (10-01..07) skipped, Sunday 09-20 is before the
	 * start, Saturday 10-10 counted. */
	CHECK_STR(add(cal, "2026-09-24", 15), "2026-10-22");
	CHECK_INT(calendar_workdays_between(cal, "2026-09-24", "2026-10-22"), 15);
	CHECK_STR(add(cal, "2026-09-24", 1), "2026-09-28");
	CHECK_STR(add(cal, "2026-09-24", 4), "2026-10-08");
	CHECK_STR(add(cal, "2026-09-24", 6), "2026-10-10");
	CHECK_STR(add(cal, "2026-09-24", 7), "2026-10-12");
	CHECK(calendar_is_workday(cal, "2026-10-10"));
	CHECK(!calendar_is_workday(cal, "2026-10-11"));
	CHECK_STR(calendar_day_name(cal, "2026-10-10"), "国庆节调休");
	CHECK_STR(calendar_day_name(cal, "2026-09-25"), "中秋节");
	CHECK(calendar_day_name(cal, "2026-10-12") == NULL);
	/* The Sunday make-up before 中秋 counts when the count runs over it. */
	CHECK_STR(add(cal, "2026-09-18", 1), "2026-09-20");
	CHECK_STR(add(cal, "2026-09-19", 1), "2026-09-20");
}

TEST(test_spring_festival_2026)
{
	CHECK(calendar_is_workday(cal, "2026-02-14")); /* Saturday, make-up */
	for (int d = 15; d <= 23; d++) {
		char iso[11];
		date_format(2026, 2, d, iso);
		CHECK(!calendar_is_workday(cal, iso));
		CHECK_STR(calendar_day_name(cal, iso), "春节");
	}
	CHECK(calendar_is_workday(cal, "2026-02-24"));
	CHECK(calendar_is_workday(cal, "2026-02-28"));  /* Saturday, make-up */
	CHECK(!calendar_is_workday(cal, "2026-03-01")); /* an ordinary Sunday */
	CHECK_STR(add(cal, "2026-02-13", 1), "2026-02-14");
	CHECK_STR(add(cal, "2026-02-13", 2), "2026-02-24");
	CHECK_STR(add(cal, "2026-02-14", 1), "2026-02-24");
	CHECK_STR(add(cal, "2026-02-27", 1), "2026-02-28");
	CHECK_STR(add(cal, "2026-02-28", 1), "2026-03-02");
	CHECK_INT(calendar_workdays_between(cal, "2026-02-13", "2026-03-02"), 7);
}

TEST(test_national_day_2025)
{
	CHECK_INT(date_weekday("2025-09-28"), 7);
	CHECK_INT(date_weekday("2025-10-11"), 6);
	CHECK(calendar_is_workday(cal, "2025-09-28"));
	CHECK(calendar_is_workday(cal, "2025-10-11"));
	for (int d = 1; d <= 8; d++) {
		char iso[11];
		date_format(2025, 10, d, iso);
		CHECK(!calendar_is_workday(cal, iso));
	}
	CHECK_STR(calendar_day_name(cal, "2025-10-06"), "国庆节、中秋节");
	CHECK_STR(add(cal, "2025-09-26", 1), "2025-09-28");
	CHECK_STR(add(cal, "2025-09-30", 1), "2025-10-09");
	CHECK_STR(add(cal, "2025-10-09", 2), "2025-10-11");
	CHECK_STR(add(cal, "2025-10-10", 2), "2025-10-13");
	CHECK_STR(next(cal, "2025-10-01"), "2025-10-09");
}

TEST(test_new_year_2026)
{
	for (int d = 1; d <= 3; d++) {
		char iso[11];
		date_format(2026, 1, d, iso);
		CHECK(!calendar_is_workday(cal, iso));
		CHECK_STR(calendar_day_name(cal, iso), "元旦");
	}
	CHECK_INT(date_weekday("2026-01-04"), 7);
	CHECK(calendar_is_workday(cal, "2026-01-04"));
	CHECK_STR(add(cal, "2025-12-31", 1), "2026-01-04");
	CHECK_STR(add(cal, "2025-12-31", 2), "2026-01-05");
	/* 2025 ends known and 2026 begins known: no notice for a count over the new year. */
	CHECK(calendar_notice_span(cal, "2025-12-31", "2026-01-05") == NULL);
}

TEST(test_plain_week)
{
	CHECK_INT(date_weekday("2026-03-13"), 5);
	CHECK_STR(add(cal, "2026-03-13", 1), "2026-03-16"); /* Friday + 1 = Monday */
	CHECK_STR(add(cal, "2026-03-13", 5), "2026-03-20");
	CHECK_STR(add(cal, "2026-03-14", 1), "2026-03-16"); /* from a Saturday */
	CHECK_STR(add(cal, "2026-03-16", 1), "2026-03-17");
	CHECK(!calendar_is_workday(cal, "2026-03-14"));
	CHECK(calendar_is_workday(cal, "2026-03-16"));
	CHECK(calendar_day_name(cal, "2026-03-14") == NULL);
	/* n == 0 is the day itself; n < 0 counts backwards. */
	CHECK_STR(add(cal, "2026-03-14", 0), "2026-03-14");
	CHECK_STR(add(cal, "2026-03-16", -1), "2026-03-13");
	CHECK_STR(add(cal, "2026-10-08", -1), "2026-09-30");
	CHECK_STR(add(cal, "2026-10-22", -15), "2026-09-24");
	/* The ends of the dates accepted (1900..2200) count the week right too. */
	CHECK(calendar_is_workday(cal, "1900-01-01")); /* a Monday */
	CHECK(calendar_is_workday(cal, "1969-12-31")); /* day -1, date_to_days()'s error value */
	CHECK_STR(add(cal, "1969-12-31", 1), "1970-01-01");
	CHECK_INT(calendar_workdays_between(cal, "1900-01-01", "1900-01-08"), 5);
	CHECK_INT(calendar_workdays_between(cal, "2200-12-31", "2200-12-24"), -5);
	/* A bad date gives an empty result, never a made-up date. */
	CHECK_STR(add(cal, "2026-02-30", 1), "");
	CHECK_STR(next(cal, "tomorrow"), "");
	CHECK(!calendar_is_workday(cal, "2026-13-01"));
}

TEST(test_next_workday)
{
	CHECK_STR(next(cal, "2026-10-01"), "2026-10-08");
	CHECK_STR(next(cal, "2026-02-15"), "2026-02-24");
	CHECK_STR(next(cal, "2026-01-01"), "2026-01-04"); /* a make-up Sunday */
	CHECK_STR(next(cal, "2026-03-14"), "2026-03-16"); /* an ordinary Saturday */
	CHECK_STR(next(cal, "2026-03-16"), "2026-03-16"); /* a working day is itself */
	CHECK_STR(next(cal, "2026-10-10"), "2026-10-10");
	CHECK_STR(next(cal, "2026-06-19"), "2026-06-22"); /* 端午 Fri..Sun */
}

TEST(test_between)
{
	CHECK_INT(calendar_workdays_between(cal, "2026-09-24", "2026-09-24"), 0);
	CHECK_INT(calendar_workdays_between(cal, "2026-10-22", "2026-09-24"), -15);
	CHECK_INT(calendar_workdays_between(cal, "2026-09-30", "2026-10-08"), 1);
	CHECK_INT(calendar_workdays_between(cal, "2026-10-08", "2026-09-30"), -1);
	CHECK_INT(calendar_workdays_between(cal, "2026-10-01", "2026-10-07"), 0);
	CHECK_INT(calendar_workdays_between(cal, "2026-03-13", "2026-03-16"), 1);
	CHECK_INT(calendar_workdays_between(cal, "2026-03-16", "2026-03-13"), -1);
	CHECK_INT(calendar_workdays_between(cal, "bad", "2026-03-13"), 0);
	/* Against a plain walk over every pair of days in a stretch around the holidays. */
	int64_t lo = date_to_days("2025-12-20"), hi = date_to_days("2026-03-10");
	int bad = 0;
	for (int64_t a = lo; a <= hi && bad < 5; a += 3)
		for (int64_t b = lo; b <= hi && bad < 5; b += 2) {
			char fa[11], fb[11], x[11];
			days_to_date(a, fa);
			days_to_date(b, fb);
			int want = 0;
			for (int64_t d = (a < b ? a : b) + 1; d <= (a < b ? b : a); d++) {
				days_to_date(d, x);
				want += calendar_is_workday(cal, x);
			}
			if (b < a)
				want = -want;
			int got = calendar_workdays_between(cal, fa, fb);
			if (got != want) {
				fprintf(stderr, "  between %s %s = %d, walk says %d\n", fa, fb, got, want);
				bad++;
			}
		}
	CHECK_INT(bad, 0);
	/* add and between agree, for n up to a year, over 2025-2027. */
	bad = 0;
	for (int64_t a = date_to_days("2025-01-01"); a <= date_to_days("2027-01-01") && bad < 5; a += 11)
		for (int n = 1; n <= 365; n += 17) {
			char fa[11], due[11];
			days_to_date(a, fa);
			calendar_add_workdays(cal, fa, n, due);
			if (calendar_workdays_between(cal, fa, due) != n || !calendar_is_workday(cal, due)) {
				fprintf(stderr, "  %s + %d = %s disagrees\n", fa, n, due);
				bad++;
			}
		}
	CHECK_INT(bad, 0);
	CHECK_STR(add(cal, "2026-01-01", 365), "2027-06-14"); /* worked out apart, in Python */
}

TEST(test_unknown_year)
{
	CHECK(calendar_year_known(cal, 2025));
	CHECK(calendar_year_known(cal, 2026));
	CHECK(!calendar_year_known(cal, 2027));
	CHECK(!calendar_year_known(cal, 2024));
	CHECK(calendar_notice(cal, "2026-10-01") == NULL);
	CHECK_HAS(calendar_notice(cal, "2027-03-01"), "2027 年节假日安排未录入");
	CHECK_HAS(calendar_notice(cal, "2027-03-01"), "只按周末计算");
	CHECK_HAS(calendar_notice(cal, "2024-12-31"), "2024 年");
	/* Interned: the same text gives the same pointer. */
	CHECK(calendar_notice(cal, "2027-03-01") == calendar_notice(cal, "2027-12-01"));
	CHECK(calendar_notice(cal, "nonsense") == NULL);
	/* 2027-01-01 is a Friday: without data it counts as a working day. */
	CHECK(calendar_is_workday(cal, "2027-01-01"));
	CHECK_STR(add(cal, "2026-12-31", 1), "2027-01-01");
	CHECK_STR(add(cal, "2026-12-31", 2), "2027-01-04");
	CHECK_HAS(calendar_notice_span(cal, "2026-12-20", "2027-01-12"), "2027 年节假日安排未录入");
	CHECK_HAS(calendar_notice_span(cal, "2027-01-12", "2026-12-20"), "2027 年");
	CHECK(calendar_notice_span(cal, "2026-01-01", "2026-12-31") == NULL);
}

TEST(test_local_days)
{
	struct cfg c;
	cfg_defaults(&c);
	struct cfg_day days[] = {
		{ "2026-06-01", false, xstrdup("本地节日"), 10 }, /* a Monday off */
		{ "2026-06-06", true, xstrdup("调休"), 11 },      /* a Saturday at work */
		{ "2026-10-10", false, xstrdup(""), 12 },         /* overrides the national make-up day */
		{ "2027-01-01", false, xstrdup("元旦"), 13 },     /* makes 2027 known */
	};
	c.days = xmalloc(sizeof days);
	memcpy(c.days, days, sizeof days);
	c.ndays = (int)ARRAY_LEN(days);
	char *err = NULL;
	struct calendar *lc = calendar_new(&c, &err);
	CHECK(lc != NULL);
	CHECK(err == NULL);
	if (lc) {
		CHECK(!calendar_is_workday(lc, "2026-06-01"));
		CHECK(calendar_is_workday(cal, "2026-06-01"));
		CHECK_STR(calendar_day_name(lc, "2026-06-01"), "本地节日");
		CHECK_STR(add(lc, "2026-05-29", 1), "2026-06-02");
		CHECK_STR(add(cal, "2026-05-29", 1), "2026-06-01");
		CHECK(calendar_is_workday(lc, "2026-06-06"));
		CHECK_STR(add(lc, "2026-06-05", 1), "2026-06-06");
		CHECK_STR(add(cal, "2026-06-05", 1), "2026-06-08");
		CHECK(!calendar_is_workday(lc, "2026-10-10"));
		CHECK_STR(calendar_day_name(lc, "2026-10-10"), "放假"); /* no name given */
		CHECK_STR(add(lc, "2026-09-24", 15), "2026-10-23");
		CHECK_INT(calendar_workdays_between(lc, "2026-09-24", "2026-10-23"), 15);
		CHECK(calendar_year_known(lc, 2027));
		CHECK(calendar_notice(lc, "2027-05-01") == NULL);
		CHECK(!calendar_is_workday(lc, "2027-01-01"));
		/* The file's days are still there. */
		CHECK(!calendar_is_workday(lc, "2026-10-01"));
		CHECK(calendar_is_workday(lc, "2026-02-14"));
	}
	calendar_free(lc);
	/* Over a given text: local days beat the file, and of two local lines for one date the
	 * later wins (days[0] says off, days[1] now says work). */
	c.days[1].work = true;
	free(c.days[1].name);
	c.days[1].name = xstrdup("");
	memcpy(c.days[1].date, "2026-06-01", 11);
	lc = calendar_from_text_cfg("2026-06-01 off 文件里的\n2026-06-02 off 文件里的\n", &c, &err);
	CHECK(lc != NULL);
	if (lc) {
		CHECK(calendar_is_workday(lc, "2026-06-01"));
		CHECK_STR(calendar_day_name(lc, "2026-06-01"), "调休上班");
		CHECK(!calendar_is_workday(lc, "2026-06-02"));
		CHECK_STR(calendar_day_name(lc, "2026-06-02"), "文件里的");
		CHECK(!calendar_is_workday(lc, "2026-06-06")); /* no longer listed */
	}
	calendar_free(lc);
	cfg_free(&c);
	/* NULL cfg: the file alone. */
	lc = calendar_new(NULL, NULL);
	CHECK(lc != NULL);
	if (lc)
		CHECK_STR(add(lc, "2026-09-24", 15), "2026-10-22");
	calendar_free(lc);
}

TEST(test_bad_lines)
{
	char *e = refused("# 注释\n\n2026-13-01 off 春节\n");
	CHECK_HAS(e, "第 3 行");
	CHECK_HAS(e, "2026-13-01 off 春节");
	CHECK_HAS(e, "YYYY-MM-DD");
	free(e);
	e = refused("2026-10-01 holiday 国庆节\n");
	CHECK_HAS(e, "第 1 行");
	CHECK_HAS(e, "holiday");
	CHECK_HAS(e, "off");
	free(e);
	e = refused("2026-10-01\n");
	CHECK_HAS(e, "第 1 行");
	CHECK_HAS(e, "缺少");
	free(e);
	e = refused("2026-2-14 work 春节调休\n");
	CHECK_HAS(e, "第 1 行");
	free(e);
	e = refused("2026-02-30 off 春节\n");
	CHECK_HAS(e, "2026-02-30");
	free(e);
	e = refused("20261001 off 国庆节\n");
	CHECK_HAS(e, "第 1 行");
	free(e);
	/* work on a weekday is a typo for a weekend date. */
	e = refused("2026-10-09 work 国庆节调休\n");
	CHECK_HAS(e, "第 1 行");
	CHECK_HAS(e, "周六或周日");
	free(e);
	/* The same date twice: both lines named. */
	e = refused("2026-10-01 off 国庆节\n2026-10-02 off 国庆节\n2026-10-01 off 国庆节\n");
	CHECK_HAS(e, "第 3 行");
	CHECK_HAS(e, "第 1 行重复");
	free(e);
	/* Not UTF-8 (GBK "国庆"). */
	e = refused("2026-10-01 off \xB9\xFA\xC7\xEC\n");
	CHECK_HAS(e, "第 1 行");
	CHECK_HAS(e, "UTF-8");
	free(e);
	/* A name too long. */
	e = refused("2026-10-01 off 一二三四五六七八九十一二三四五六七八九十一\n");
	CHECK_HAS(e, "第 1 行");
	free(e);
	/* Every bad line is listed, in order, one per line. */
	e = refused("2026-10-01 off 国庆节\nxx\n2026-10-02 off 国庆节\n2026-10-03 of 国庆节\n");
	CHECK_HAS(e, "第 2 行「xx」");
	CHECK_HAS(e, "\nholidays.txt 第 4 行「2026-10-03 of 国庆节」");
	free(e);
	/* Many bad lines: at most 20 listed, the rest counted. */
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 25; i++)
		sb_add(&sb, "bad\n");
	char *many = sb_take(&sb);
	e = refused(many);
	CHECK_HAS(e, "第 20 行");
	CHECK(!strstr(e, "第 21 行"));
	CHECK_HAS(e, "另有 5 处错误");
	free(e);
	free(many);
	/* err may be NULL. */
	CHECK(calendar_from_text("bad\n", NULL) == NULL);
}

TEST(test_text_forms)
{
	/* BOM, CRLF, tabs, runs of spaces, full-width spaces, comments, blank lines, no final line
	 * end, the Chinese kind words, upper case, a day without a name. */
	const char *text = "\xEF\xBB\xBF# 注释\r\n"
			   "\r\n"
			   "2030-10-01\toff\t国庆节\r\n"
			   "   2030-10-02   OFF   国庆节  \r\n"
			   "2030-10-03\u3000休\u3000国庆节\r\n"
			   "  # 缩进的注释\r\n"
			   "2030-10-04 放假\r\n"
			   "2030-09-29 班 国庆节调休\r\n"
			   "2030-10-12 Work 国庆节调休";
	char *err = NULL;
	struct calendar *c = calendar_from_text(text, &err);
	CHECK(c != NULL);
	CHECK(err == NULL);
	if (!c) {
		fprintf(stderr, "  %s\n", err ? err : "");
		free(err);
		return;
	}
	CHECK_STR(calendar_day_name(c, "2030-10-01"), "国庆节");
	CHECK_STR(calendar_day_name(c, "2030-10-02"), "国庆节");
	CHECK_STR(calendar_day_name(c, "2030-10-03"), "国庆节");
	CHECK_STR(calendar_day_name(c, "2030-10-04"), "放假");
	CHECK_STR(calendar_day_name(c, "2030-09-29"), "国庆节调休");
	CHECK(!calendar_is_workday(c, "2030-10-01"));
	CHECK(!calendar_is_workday(c, "2030-10-04"));
	CHECK(calendar_is_workday(c, "2030-09-29"));
	CHECK(calendar_is_workday(c, "2030-10-12"));
	CHECK(calendar_year_known(c, 2030));
	CHECK(!calendar_year_known(c, 2026));
	calendar_free(c);
	/* An empty text is a calendar of weekends only. */
	c = calendar_from_text("", &err);
	CHECK(c != NULL);
	if (c) {
		CHECK(calendar_is_workday(c, "2026-10-01"));
		CHECK_STR(add(c, "2026-09-24", 15), "2026-10-15");
		CHECK_HAS(calendar_notice(c, "2026-10-01"), "2026 年节假日安排未录入");
	}
	calendar_free(c);
}

/* Check that the calendar gives date/kind/name for one listed day. */
static int check_fact(const char *date, int work, const char *name)
{
	const char *got = calendar_day_name(cal, date);
	if (calendar_is_workday(cal, date) != (work != 0) || !got || strcmp(got, name)) {
		fprintf(stderr, "  %s: calendar says %s %s, notice says %s %s\n", date,
			calendar_is_workday(cal, date) ? "work" : "off", got ? got : "(none)", work ? "work" : "off",
			name);
		return 1;
	}
	return 0;
}

TEST(test_official_dates)
{
	int bad = 0;
	for (size_t i = 0; i < ARRAY_LEN(facts); i++)
		bad += check_fact(facts[i].date, facts[i].work, facts[i].name);
	CHECK_INT(bad, 0);
	/* And nothing else: every day of 2025 and 2026 is as the notices and the week say. */
	bad = 0;
	for (int64_t d = date_to_days("2025-01-01"); d <= date_to_days("2026-12-31"); d++) {
		char iso[11];
		days_to_date(d, iso);
		const struct fact *fa = NULL;
		for (size_t i = 0; i < ARRAY_LEN(facts); i++)
			if (!strcmp(facts[i].date, iso))
				fa = &facts[i];
		bool want = fa ? fa->work != 0 : date_weekday(iso) <= 5;
		if (calendar_is_workday(cal, iso) != want || (!fa && calendar_day_name(cal, iso))) {
			fprintf(stderr, "  %s is wrong in the calendar\n", iso);
			bad++;
		}
	}
	CHECK_INT(bad, 0);
	/* Working days in each year, counted apart from the notices: 248 in both. */
	CHECK_INT(calendar_workdays_between(cal, "2024-12-31", "2025-12-31"), 248);
	CHECK_INT(calendar_workdays_between(cal, "2025-12-31", "2026-12-31"), 248);
}

TEST(test_due_state)
{
	/* Due 2026-10-22 (a Thursday), 临期 within 3 working days. */
	CHECK_INT(calendar_due_state(cal, "2026-10-16", "2026-10-22", 3), CALENDAR_DUE_NONE);
	CHECK_INT(calendar_due_state(cal, "2026-10-19", "2026-10-22", 3), CALENDAR_DUE_SOON);
	CHECK_INT(calendar_due_state(cal, "2026-10-17", "2026-10-22", 3), CALENDAR_DUE_NONE);
	CHECK_INT(calendar_due_state(cal, "2026-10-22", "2026-10-22", 3), CALENDAR_DUE_SOON);
	CHECK_INT(calendar_due_state(cal, "2026-10-23", "2026-10-22", 3), CALENDAR_DUE_OVER);
	CHECK_INT(calendar_due_state(cal, "2026-10-22", "2026-10-22", 0), CALENDAR_DUE_NONE);
	CHECK_INT(calendar_due_state(cal, "2026-10-23", "2026-10-22", 0), CALENDAR_DUE_OVER);
	/* Over a holiday: on 09-30, due 10-09 is 2 working days away (10-08, 10-09). */
	CHECK_INT(calendar_due_state(cal, "2026-09-30", "2026-10-09", 2), CALENDAR_DUE_SOON);
	CHECK_INT(calendar_due_state(cal, "2026-09-30", "2026-10-09", 1), CALENDAR_DUE_NONE);
	CHECK_INT(calendar_due_state(cal, "x", "2026-10-09", 1), CALENDAR_DUE_NONE);
}

int main(void)
{
	char *err = NULL;
	cal = calendar_new(NULL, &err);
	if (!cal) {
		fprintf(stderr, "data/holidays.txt refused:\n%s\n", err ? err : "");
		free(err);
		printf("FAIL calendar_new\n");
		return 1;
	}
	RUN(test_design_example);
	RUN(test_spring_festival_2026);
	RUN(test_national_day_2025);
	RUN(test_new_year_2026);
	RUN(test_plain_week);
	RUN(test_next_workday);
	RUN(test_between);
	RUN(test_unknown_year);
	RUN(test_local_days);
	RUN(test_bad_lines);
	RUN(test_text_forms);
	RUN(test_official_dates);
	RUN(test_due_state);
	calendar_free(cal);
	return t_done();
}
