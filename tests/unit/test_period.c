/* Unit tests for core/period: the spellings of a year, quarter, month, day and range a clerk
 * types, the refusals of periods that do not exist, and the status-line labels. */
#include "core/period.h"

#include <locale.h>
#include <stdlib.h>

#include "t.h"

/* TEXT must parse to FROM..TO. */
#define PERIOD_IS(text, f, t)                                                                                          \
	do {                                                                                                           \
		struct period p_ = { "x", "x" };                                                                       \
		char *e_ = NULL;                                                                                       \
		CHECK_INT(period_parse(text, &p_, &e_), 0);                                                            \
		CHECK_STR(p_.from, f);                                                                                 \
		CHECK_STR(p_.to, t);                                                                                   \
		if (e_)                                                                                                \
			fprintf(stderr, "  %s: %s\n", text, e_);                                                       \
		free(e_);                                                                                              \
	} while (0)

/* TEXT must be refused with a message containing WANT, leaving the period as it was. */
#define PERIOD_BAD(text, want)                                                                                         \
	do {                                                                                                           \
		struct period p_ = { "keep", "keep" };                                                                 \
		char *e_ = NULL;                                                                                       \
		CHECK_INT(period_parse(text, &p_, &e_), -1);                                                           \
		CHECK(e_ && strstr(e_, want));                                                                         \
		if (!e_ || !strstr(e_, want))                                                                          \
			fprintf(stderr, "  %s: got \"%s\", expected it to say \"%s\"\n", text, e_ ? e_ : "(null)",     \
				want);                                                                                 \
		CHECK_STR(p_.from, "keep");                                                                            \
		free(e_);                                                                                              \
	} while (0)

#define LABEL_IS(f, t, want)                                                                                           \
	do {                                                                                                           \
		struct period p_ = { f, t };                                                                           \
		char *l_ = period_label(&p_);                                                                          \
		CHECK_STR(l_, want);                                                                                   \
		free(l_);                                                                                              \
	} while (0)

TEST(test_year)
{
	PERIOD_IS("2026", "2026-01-01", "2026-12-31");
	PERIOD_IS("2026年", "2026-01-01", "2026-12-31");
	PERIOD_IS(" 2026 ", "2026-01-01", "2026-12-31");
	PERIOD_IS("２０２６年", "2026-01-01", "2026-12-31"); /* full-width digits */
}

TEST(test_quarter)
{
	PERIOD_IS("2026Q4", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026-Q4", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026 Q4", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026q1", "2026-01-01", "2026-03-31");
	PERIOD_IS("2026年第四季度", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026年4季度", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026年第4季度", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026年第二季度", "2026-04-01", "2026-06-30");
	PERIOD_IS("2026年三季度", "2026-07-01", "2026-09-30");
	PERIOD_IS("2026 年 第 一 季度", "2026-01-01", "2026-03-31");
	PERIOD_IS("２０２６Ｑ４", "2026-10-01", "2026-12-31");
}

TEST(test_half)
{
	PERIOD_IS("2026年上半年", "2026-01-01", "2026-06-30");
	PERIOD_IS("2026年下半年", "2026-07-01", "2026-12-31");
	PERIOD_IS("2026H2", "2026-07-01", "2026-12-31");
}

TEST(test_month)
{
	PERIOD_IS("2026-10", "2026-10-01", "2026-10-31");
	PERIOD_IS("2026年10月", "2026-10-01", "2026-10-31");
	PERIOD_IS("202610", "2026-10-01", "2026-10-31");
	PERIOD_IS("2026/9", "2026-09-01", "2026-09-30");
	PERIOD_IS("2026.02", "2026-02-01", "2026-02-28");
	PERIOD_IS("2024-02", "2024-02-01", "2024-02-29"); /* leap year */
	PERIOD_IS("2026年2月", "2026-02-01", "2026-02-28");
	PERIOD_IS("2026－11", "2026-11-01", "2026-11-30"); /* full-width minus */
}

TEST(test_day)
{
	PERIOD_IS("2026-10-01", "2026-10-01", "2026-10-01");
	PERIOD_IS("2026/10/1", "2026-10-01", "2026-10-01");
	PERIOD_IS("20261001", "2026-10-01", "2026-10-01");
	PERIOD_IS("2026年10月1日", "2026-10-01", "2026-10-01");
	PERIOD_IS("2024-02-29", "2024-02-29", "2024-02-29");
}

TEST(test_range)
{
	PERIOD_IS("2026-10-01~2026-12-31", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026-10-01 至 2026-12-31", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026-10-01到2026-12-31", "2026-10-01", "2026-12-31");
	PERIOD_IS("20261001-20261231", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026-10-01..2026-12-31", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026-10-01-2026-12-31", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026-10-01～2026-12-31", "2026-10-01", "2026-12-31"); /* full-width tilde */
	PERIOD_IS("2026年10月1日至2026年12月31日", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026-10~2026-12", "2026-10-01", "2026-12-31");
	PERIOD_IS("2026Q3~2026Q4", "2026-07-01", "2026-12-31");
	PERIOD_IS("2025~2026", "2025-01-01", "2026-12-31");
	PERIOD_IS("2025-12-15 至 2026-01-15", "2025-12-15", "2026-01-15");
	PERIOD_IS("2026-10-05~2026-10-05", "2026-10-05", "2026-10-05");
}

TEST(test_bad)
{
	PERIOD_BAD("", "请填写期间");
	PERIOD_BAD("   ", "请填写期间");
	PERIOD_BAD("2026Q5", "季度");
	PERIOD_BAD("2026Q0", "季度");
	PERIOD_BAD("2026年第五季度", "季度");
	PERIOD_BAD("2026-13", "13");
	PERIOD_BAD("2026-00", "月");
	PERIOD_BAD("202613", "13");
	PERIOD_BAD("2026-02-30", "2026-02-30");
	PERIOD_BAD("2026-12-31~2026-10-01", "晚于");
	PERIOD_BAD("2026Q4~2026Q1", "晚于");
	PERIOD_BAD("本季度", "写法");
	PERIOD_BAD("abc", "写法");
	PERIOD_BAD("26", "写法");
	PERIOD_BAD("2026-10-01~", "写法");
	PERIOD_BAD("2026-10-01~2026-10-01~2026-10-02", "写法");
	PERIOD_BAD("20261", "写法");
	PERIOD_BAD("2026Q4x", "写法");
	PERIOD_BAD("0999", "年份");
}

TEST(test_label)
{
	LABEL_IS("2026-10-01", "2026-12-31", "2026年第四季度（10-01 至 12-31）");
	LABEL_IS("2026-01-01", "2026-12-31", "2026年（01-01 至 12-31）");
	LABEL_IS("2026-11-01", "2026-11-30", "2026年11月（11-01 至 11-30）");
	LABEL_IS("2026-07-01", "2026-12-31", "2026年下半年（07-01 至 12-31）");
	LABEL_IS("2026-10-05", "2026-11-20", "2026-10-05 至 2026-11-20");
	LABEL_IS("2026-10-01", "2026-11-30", "2026-10-01 至 2026-11-30");
	LABEL_IS("2026-10-05", "2026-10-05", "2026-10-05");
	LABEL_IS("2025-01-01", "2026-12-31", "2025-01-01 至 2026-12-31");
}

TEST(test_month_of_and_has)
{
	struct period p;
	CHECK(period_month_of("2026-11-23", &p));
	CHECK_STR(p.from, "2026-11-01");
	CHECK_STR(p.to, "2026-11-30");
	CHECK(period_has(&p, "2026-11-01"));
	CHECK(period_has(&p, "2026-11-30"));
	CHECK(!period_has(&p, "2026-12-01"));
	CHECK(!period_has(&p, "2026-10-31"));
	CHECK(!period_month_of("2026-13-01", &p));
	/* A label round-trips through the parser. */
	struct period q = { "2026-10-01", "2026-12-31" }, r;
	char *l = period_label(&q);
	CHECK_INT(period_parse("2026年第四季度", &r, NULL), 0);
	CHECK_STR(r.from, q.from);
	free(l);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_year);
	RUN(test_quarter);
	RUN(test_half);
	RUN(test_month);
	RUN(test_day);
	RUN(test_range);
	RUN(test_bad);
	RUN(test_label);
	RUN(test_month_of_and_has);
	return t_done();
}
