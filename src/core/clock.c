/* Dates as ISO strings and day numbers; a settable "today" for tests. */
#include "core/clock.h"

#include "core/validate.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil. */
static int64_t civil_to_days(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void days_to_date(int64_t z, char out[11])
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	date_format((int)y, (int)m, (int)d, out);
}

void date_format(int y, int m, int d, char out[11])
{
	char buf[40];
	y = y < 0 ? 0 : y > 9999 ? 9999 : y;
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m % 100, d % 100);
	memcpy(out, buf, 11);
	out[10] = '\0';
}

/* Split a strict "YYYY-MM-DD" that is a real date. Digits and dashes are checked one by one:
 * sscanf("%d") would also take " 2026-11-2" or "2026-+1-23". */
static bool iso_split(const char *iso, int *y, int *m, int *d)
{
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return false;
	*y = atoi(iso);
	*m = atoi(iso + 5);
	*d = atoi(iso + 8);
	return date_real(*y, *m, *d);
}

int64_t date_to_days(const char *iso)
{
	int y, m, d;
	if (!iso_split(iso, &y, &m, &d))
		return -1;
	return civil_to_days(y, (unsigned)m, (unsigned)d);
}

int date_weekday(const char *iso)
{
	int y, m, d;
	/* Validity from iso_split, not from the sign of the day number: every date before 1970
	 * (most birth dates) is negative, and 1969-12-31 is -1 itself. */
	if (!iso_split(iso, &y, &m, &d))
		return 0;
	int64_t z = civil_to_days(y, (unsigned)m, (unsigned)d);
	/* 1970-01-01 was a Thursday (4). */
	int64_t wd = (z + 3) % 7;
	if (wd < 0)
		wd += 7;
	return (int)wd + 1;
}

void date_add_days(const char *iso, int n, char out[11]) { days_to_date(date_to_days(iso) + n, out); }

void clock_today(char out[11])
{
	const char *fixed = getenv("STATION_TODAY");
	int y, m, d;
	if (iso_split(fixed, &y, &m, &d)) {
		memcpy(out, fixed, 10);
		out[10] = '\0';
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void clock_now(char out[20])
{
	char day[11];
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	clock_today(day);
	snprintf(out, 20, "%s %02d:%02d:%02d", day, tm.tm_hour, tm.tm_min, tm.tm_sec);
}
