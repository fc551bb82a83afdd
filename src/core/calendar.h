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
void calendar_free(struct calendar *cal);

/* True if the ISO date is a working day (Mon-Fri not off, or a listed make-up workday). */
bool calendar_is_workday(const struct calendar *cal, const char *iso);
/* Name of the holiday or make-up day on that date ("国庆节", "春节调休"), or NULL. Borrowed. */
const char *calendar_day_name(const struct calendar *cal, const char *iso);

/* The n-th working day AFTER from (from itself never counts), n >= 1, into out.
 * Example: from 2026-09-24, n = 15 gives 2026-10-22. */
void calendar_add_workdays(const struct calendar *cal, const char *from, int n, char out[11]);
/* The first working day on or after iso, into out (iso itself if it is one). */
void calendar_next_workday(const struct calendar *cal, const char *iso, char out[11]);
/* Working days in (from, to]: 0 if to <= from. Negative if to < from: -(days in (to, from]). */
int calendar_workdays_between(const struct calendar *cal, const char *from, const char *to);

/* True if the data file (or station.ini) has entries for this year. */
bool calendar_year_known(const struct calendar *cal, int year);
/* A notice for the clerk when a date's year is unknown ("2027 年节假日安排未录入，只按周末计算"),
 * else NULL. Interned string. */
const char *calendar_notice(const struct calendar *cal, const char *iso);

#endif
