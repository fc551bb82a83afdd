/* Reception days (接待日): the form's fields, the dates a year's rule gives, and the 公示 check.
 *
 * The rule comes from station.ini [reception] (core/config.h): a day of each month (the 15th;
 * a day past the end of a shorter month means its last day: the 31st is 02-28 in 2026) or a
 * weekday of each week (every Wednesday). A rule date that is not a working day moves to the
 * next working day of the calendar (core/calendar.h), unless reception_keep_holiday.
 *
 * 公示日期 (notice date) = the reception date minus notice_days CALENDAR days (not working days:
 * a notice hangs on the board over the weekend too). A day's notice is late when its notice
 * date is missing or later than that.
 *
 * No SQL and no curses here; db/reception.h stores the days. */
#ifndef STATION_RECEPTION_H
#define STATION_RECEPTION_H

#include "core/calendar.h"
#include "core/config.h"
#include "core/record.h"

#include <stdbool.h>

/* Field indexes into reception-day values; keep in the order of reception_fields in reception.c. */
enum reception_field {
	RD_DATE,        /* 日期, required */
	RD_TIME,        /* 时间, e.g. "09:00-11:30" */
	RD_PLACE,       /* 地点 */
	RD_NOTICE_DATE, /* 公示日期, not after the date */
	RD_NOTE,        /* 备注 */
	RD_NFIELDS
};

/* The day form (table reception_days). Its cross-field check refuses a notice date after the
 * day itself. Whether the notice is late is a warning, not an error: reception_notice_late(). */
extern const struct record_def reception_def;

/* The statuses of a reception day (column status). */
#define RECEPTION_STATUS_NORMAL    "正常"
#define RECEPTION_STATUS_CANCELLED "已取消"

/* One date the rule gives. */
struct reception_date {
	char date[11];        /* the reception day: a working day unless keep_holiday */
	char rule_date[11];   /* the date the rule names, before moving (== date when not moved) */
	char notice_date[11]; /* date minus notice_days calendar days */
	bool moved;           /* rule_date was not a working day and date is the next one */
};

/* The reception dates of year (1970..2199) from cfg's rule, ascending, without duplicates
 * (two rule dates moved onto the same working day give one). A date moved past 12-31 stays in
 * the list (it belongs to this year's rule). cal may be NULL: then nothing moves. *out gets a
 * new array the caller frees (NULL when 0). Returns the number of dates, or 0 for a bad year or
 * rule. */
int reception_dates(const struct cfg *cfg, const struct calendar *cal, int year, struct reception_date **out);

/* The one date of the rule in a month (1..12) of a year, before moving, into out ("" for a
 * weekday rule or a bad month). */
void reception_month_date(int year, int month, int day, char out[11]);

/* 公示日期 for a reception date: date minus notice_days calendar days, into out ("" for a bad
 * date). */
void reception_notice_date(const char *day_date, int notice_days, char out[11]);

/* True if the notice is late: notice_date empty or later than day_date minus notice_days
 * calendar days. False for a bad day_date. */
bool reception_notice_late(const char *day_date, const char *notice_date, int notice_days);

/* Whether a day took place, as the list shows it (状态). A cancelled day is 已取消 whatever else
 * holds; a day with visits recorded on it was held (已举行) even if nobody confirmed it; else the
 * clerk's answer (held 1: 已举行, 0: 未举行); a day not answered is 待确认 once it has come
 * (date <= today) and 未到 before. */
enum reception_state {
	RS_CANCELLED,   /* 已取消 */
	RS_HELD,        /* 已举行 */
	RS_NOT_HELD,    /* 未举行 */
	RS_UNCONFIRMED, /* 待确认: today or past, not answered, no visits */
	RS_UPCOMING,    /* 未到 */
};

/* Values of the column reception_days.held as the program passes them (NULL is -1). */
#define RECEPTION_HELD_UNKNOWN (-1)

/* The state of a day: held is RECEPTION_HELD_UNKNOWN, 0 or 1; nvisits its visits (not deleted);
 * date and today ISO dates. */
enum reception_state reception_state(bool cancelled, int held, int nvisits, const char *date, const char *today);
/* Why the clerk may not record held (held RECEPTION_HELD_UNKNOWN, 0 or 1) for a day on date
 * (cancelled, with nvisits visits), today being today: a new Chinese message, or NULL when
 * allowed. A cancelled day has no held state; a day not yet come cannot be held or not held; a
 * day with visits was held. */
char *reception_held_refusal(const char *date, bool cancelled, int nvisits, int held, const char *today);
/* The Chinese label of a state (static). */
const char *reception_state_label(enum reception_state s);

/* "由 11-28 顺延" into out when rule_date is a date other than date (the day was moved off a
 * holiday), else "". */
void reception_moved_text(const char *date, const char *rule_date, char out[32]);

/* New reception-day values for the form: date (may be NULL or ""), the time and place from
 * cfg, and the notice date computed from the date (empty when no date). */
char **reception_new_values(const struct cfg *cfg, const char *date);

#endif
