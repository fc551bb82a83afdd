/* Unit tests for core/clock: day numbers, weekdays, date arithmetic and the settable today. */
#include "core/clock.h"
#include "core/util.h"

#include <locale.h>
#include <time.h>

#include "t.h"

/* date_add_days(ISO, N) must give WANT. */
#define ADD_IS(iso, n, want)                                                                                           \
	do {                                                                                                           \
		char out_[11];                                                                                         \
		date_add_days(iso, n, out_);                                                                           \
		CHECK_STR(out_, want);                                                                                 \
	} while (0)

/* The machine's local date, as clock_today() gives it without STATION_TODAY. */
static void local_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

TEST(test_days_known)
{
	CHECK_INT(date_to_days("1970-01-01"), 0);
	CHECK_INT(date_to_days("1970-01-02"), 1);
	CHECK_INT(date_to_days("2000-01-01"), 10957);
	CHECK_INT(date_to_days("2000-03-01"), 11017); /* 2000 is a leap year: Feb has 29 */
	CHECK_INT(date_to_days("2026-11-23"), 20780);
	CHECK_INT(date_to_days("1900-01-01"), -25567);
	CHECK_INT(date_to_days("2100-03-01") - date_to_days("2100-02-28"), 1); /* 2100 is not */
}

TEST(test_days_round_trip)
{
	static const char *const dates[] = { "1970-01-01", "1969-12-31", "1900-01-01", "1949-10-01",
					     "2000-02-29", "2000-03-01", "2024-02-29", "2026-11-23",
					     "2099-12-31", "2100-02-28", "2100-03-01", "2200-12-31" };
	for (size_t i = 0; i < ARRAY_LEN(dates); i++) {
		char out[11];
		days_to_date(date_to_days(dates[i]), out);
		CHECK_STR(out, dates[i]);
	}
}

TEST(test_days_every_day)
{
	/* Every day from 1900 to 2200 maps to the next day number and back. */
	int64_t z0 = date_to_days("1900-01-01"), z1 = date_to_days("2200-12-31");
	int bad = 0;
	for (int64_t z = z0; z <= z1; z++) {
		char out[11];
		days_to_date(z, out);
		if (date_to_days(out) != z && bad++ < 3)
			fprintf(stderr, "  day %lld -> %s -> %lld\n", (long long)z, out, (long long)date_to_days(out));
	}
	CHECK_INT(bad, 0);
	CHECK_INT(z1 - z0 + 1, 301 * 365 + 73); /* 73 leap days: 1904..2196 but not 2100 */
}

TEST(test_days_bad)
{
	CHECK_INT(date_to_days(NULL), -1);
	CHECK_INT(date_to_days(""), -1);
	CHECK_INT(date_to_days("2026-02-29"), -1);
	CHECK_INT(date_to_days("2026-13-01"), -1);
	CHECK_INT(date_to_days("2026-11-23x"), -1);
	CHECK_INT(date_to_days("2026/11/23"), -1);
	CHECK_INT(date_to_days("20261123"), -1);
	CHECK_INT(date_to_days(" 2026-11-2"), -1); /* right length, not ISO */
	CHECK_INT(date_to_days("2026-+1-23"), -1);
	CHECK_INT(date_to_days("2026-11- 3"), -1);
	CHECK_INT(date_to_days("2026-1-023"), -1);
}

TEST(test_weekday)
{
	CHECK_INT(date_weekday("2026-11-23"), 1); /* Monday */
	CHECK_INT(date_weekday("2026-11-29"), 7); /* Sunday */
	CHECK_INT(date_weekday("2026-10-10"), 6); /* Saturday */
	CHECK_INT(date_weekday("1970-01-01"), 4); /* Thursday */
	CHECK_INT(date_weekday("2000-02-29"), 2); /* Tuesday */
	CHECK_INT(date_weekday("2100-03-01"), 1); /* Monday */
	CHECK_INT(date_weekday("bad"), 0);
	CHECK_INT(date_weekday("2026-02-29"), 0);
}

/* Birth dates are mostly before 1970: their weekdays are real weekdays, not "bad date". */
TEST(test_weekday_before_1970)
{
	CHECK_INT(date_weekday("1969-12-31"), 3); /* Wednesday */
	CHECK_INT(date_weekday("1949-10-01"), 6); /* Saturday */
	CHECK_INT(date_weekday("1900-01-01"), 1); /* Monday */
}

TEST(test_add_days)
{
	ADD_IS("2026-11-23", 0, "2026-11-23");
	ADD_IS("2026-11-23", 7, "2026-11-30");
	ADD_IS("2026-11-30", 1, "2026-12-01");
	ADD_IS("2026-01-31", 1, "2026-02-01");
	ADD_IS("2026-02-28", 1, "2026-03-01");
	ADD_IS("2024-02-28", 1, "2024-02-29");
	ADD_IS("2026-12-31", 1, "2027-01-01");
	ADD_IS("2027-01-01", -1, "2026-12-31");
	ADD_IS("2026-03-01", -1, "2026-02-28");
	ADD_IS("2026-11-23", 365, "2027-11-23");
	ADD_IS("2024-01-01", 366, "2025-01-01");
	ADD_IS("1970-01-01", -1, "1969-12-31");
	ADD_IS("1969-12-31", 1, "1970-01-01");
	ADD_IS("1969-12-31", -1, "1969-12-30");
	ADD_IS("2000-02-28", 2, "2000-03-01");
	ADD_IS("2100-02-28", 1, "2100-03-01");
}

TEST(test_format)
{
	char out[11];
	date_format(2026, 1, 5, out);
	CHECK_STR(out, "2026-01-05");
	date_format(2026, 11, 23, out);
	CHECK_STR(out, "2026-11-23");
	date_format(12345, 1, 1, out);
	CHECK_STR(out, "9999-01-01");
	date_format(-5, 1, 1, out);
	CHECK_STR(out, "0000-01-01");
	date_format(99, 12, 31, out);
	CHECK_STR(out, "0099-12-31");
	CHECK_INT(strlen(out), 10);
}

TEST(test_today_fixed)
{
	char out[11];
	setenv("STATION_TODAY", "2026-11-23", 1);
	clock_today(out);
	CHECK_STR(out, "2026-11-23");
	setenv("STATION_TODAY", "2024-02-29", 1);
	clock_today(out);
	CHECK_STR(out, "2024-02-29");
	setenv("STATION_TODAY", "1960-05-01", 1); /* before 1970 is still a date */
	clock_today(out);
	CHECK_STR(out, "1960-05-01");
	char now[20];
	setenv("STATION_TODAY", "2026-11-23", 1);
	clock_now(now);
	CHECK_INT(strlen(now), 19);
	CHECK(strncmp(now, "2026-11-23 ", 11) == 0);
	CHECK(now[13] == ':' && now[16] == ':');
	unsetenv("STATION_TODAY");
}

TEST(test_today_invalid_ignored)
{
	static const char *const bad[] = { "",           "tomorrow",   "2026-02-30",
					   "2026-13-01", "20261123",   "2026-11-23x",
					   " 2026-11-2", "2026-11- 3", "2026/11/23" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char out[11], before[11], after[11];
		setenv("STATION_TODAY", bad[i], 1);
		local_today(before);
		clock_today(out);
		local_today(after);
		if (strcmp(out, before) && strcmp(out, after)) {
			fprintf(stderr, "  STATION_TODAY=\"%s\" gave %s, expected %s\n", bad[i], out, before);
			t_failed_checks++;
		}
	}
	unsetenv("STATION_TODAY");
}

TEST(test_today_unset)
{
	char out[11], before[11], after[11];
	unsetenv("STATION_TODAY");
	local_today(before);
	clock_today(out);
	local_today(after);
	CHECK(!strcmp(out, before) || !strcmp(out, after));
	CHECK(date_to_days(out) > date_to_days("2020-01-01"));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_days_known);
	RUN(test_days_round_trip);
	RUN(test_days_every_day);
	RUN(test_days_bad);
	RUN(test_weekday);
	RUN(test_weekday_before_1970);
	RUN(test_add_days);
	RUN(test_format);
	RUN(test_today_fixed);
	RUN(test_today_invalid_ignored);
	RUN(test_today_unset);
	return t_done();
}
