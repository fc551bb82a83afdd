/* The working-day calendar: China's public holidays and make-up workdays (调休) from
 * data/holidays.txt (compiled in), plus local days from station.ini [calendar].
 * Due dates, 临期, 超期 and reception days use it. A year with no entries in the file counts
 * weekends only; calendar_year_known() lets the screens say so. */
#ifndef STATION_CALENDAR_H
#define STATION_CALENDAR_H

#include "core/config.h"

#include <stdbool.h>
#include <stdint.h>

struct calendar;

/* Build from the embedded data/holidays.txt and cfg->days (may be NULL). On a malformed line
 * of the data file returns NULL and *err names the line (Chinese, caller frees). */
struct calendar *calendar_new(const struct cfg *cfg, char **err);
/* Build from the given text (same format as data/holidays.txt) — for tests. */
struct calendar *calendar_from_text(const char *text, char **err);
/* Build from the given text and cfg->days (may be NULL), as calendar_new() does with the
 * embedded file — for tests and for a data file read from elsewhere. */
struct calendar *calendar_from_text_cfg(const char *text, const struct cfg *cfg, char **err);
void calendar_free(struct calendar *cal);

/* True if the ISO date is a working day (Mon-Fri not off, or a listed make-up workday). */
bool calendar_is_workday(const struct calendar *cal, const char *iso);
/* Name of the holiday or make-up day on that date ("国庆节", "春节调休"), or NULL. Borrowed. */
const char *calendar_day_name(const struct calendar *cal, const char *iso);

/* The n-th working day AFTER from (from itself never counts), n >= 1, into out.
 * Example: from 2026-09-24, n = 15 gives 2026-10-22. n == 0 gives from itself; n < 0 gives the
 * |n|-th working day before from. A bad date gives "" (so do the two functions below). */
void calendar_add_workdays(const struct calendar *cal, const char *from, int n, char out[11]);
/* The first working day on or after iso, into out (iso itself if it is one). */
void calendar_next_workday(const struct calendar *cal, const char *iso, char out[11]);
/* Working days in (from, to]; 0 if to == from (or a date is bad). Negative if to < from:
 * -(working days in (to, from]). So calendar_add_workdays(from, n) = to gives n back. */
int calendar_workdays_between(const struct calendar *cal, const char *from, const char *to);

/* True if the data file (or station.ini) has entries for this year. */
bool calendar_year_known(const struct calendar *cal, int year);
/* A notice for the clerk when a date's year is unknown ("2027 年节假日安排未录入，只按周末计算"),
 * else NULL. Interned string. */
const char *calendar_notice(const struct calendar *cal, const char *iso);
/* The same for a span: the notice for the first unknown year from from's year to to's (either
 * order), else NULL. For a count that runs from one year into the next. Interned string. */
const char *calendar_notice_span(const struct calendar *cal, const char *from, const char *to);

/* Where a case stands against its due date (办理时限), as of today. Computed, never stored;
 * whether the case is still open (not replied) is the caller's to check. */
enum calendar_due {
	CALENDAR_DUE_NONE, /* neither of the two below (or a bad date) */
	CALENDAR_DUE_SOON, /* 临期: today <= due and at most soon_days working days in (today, due];
			    * so due today counts. soon_days <= 0: never */
	CALENDAR_DUE_OVER, /* 超期: today is after due */
};
enum calendar_due calendar_due_state(const struct calendar *cal, const char *today, const char *due, int soon_days);

#endif
