/* 接待日 in SQL: reception_days, their deputies on duty (reception_duty, the plan) and the
 * deputies who actually came (reception_attendance, set when the clerk confirms the day was held).
 *
 * Values are arrays of RD_NFIELDS strings (core/reception.h) that passed record_check(); an
 * empty value is stored as NULL and read back as "". Deleted days (soft delete) are invisible
 * everywhere; a cancelled day (status 已取消, with its reason) stays in the lists, marked, but is
 * never "the next reception day". Every write is one transaction (nested in the caller's, if
 * any) with its audit rows. */
#ifndef STATION_DB_RECEPTION_H
#define STATION_DB_RECEPTION_H

#include "core/calendar.h"
#include "core/config.h"
#include "core/reception.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* Most deputies on duty on one day. */
#define RECEPTION_MAX_DUTY 30

/* One reception day with its deputies on duty. Filled by db_reception_get() and friends;
 * release with db_reception_day_free(). Everything is owned by the struct. */
struct reception_day {
	int64_t id;
	char **vals;         /* RD_NFIELDS strings (the form's values) */
	bool cancelled;      /* status 已取消 */
	char *cancel_reason; /* "" when none */
	int nduty;           /* deputies on duty, in the order they were set */
	int64_t *duty_ids;   /* nduty deputy ids */
	char **duty_names;   /* nduty names */
	char *duty_text;     /* the names joined with "、" ("" when none), for one line */
	int held;            /* RECEPTION_HELD_UNKNOWN (not confirmed), 0 not held, 1 held */
	char *rule_date;     /* the rule's date before moving off a holiday; "" for a day added by hand */
	int nvisits;         /* visits linked to the day (not deleted) */
	int nattend;         /* deputies who came (confirmed held), in the order they were set */
	int64_t *attend_ids;
	char **attend_names;
	char *attend_text; /* their names joined with "、" ("" when none) */
};
/* Free what d owns and zero it (a zeroed struct is fine). */
void db_reception_day_free(struct reception_day *d);

/* Insert a day and its deputies on duty (ids of deputies, n of them, may be 0) in one
 * transaction. A deputy that does not exist, is deleted, or appears twice fails the whole insert
 * with a Chinese message. *id gets the new day's id. A second day on the same date is allowed
 * (a special reception day), the form may warn. */
int db_reception_insert(struct db *db, char *const *vals, const int64_t *duty_ids, int nduty, int64_t *id, char **err);
/* Update a day's values; when nduty >= 0 also replace its deputies on duty (same checks as
 * insert); nduty < 0 leaves them. One transaction. Fails on a deleted or missing day. */
int db_reception_update(struct db *db, int64_t id, char *const *vals, const int64_t *duty_ids, int nduty, char **err);
/* Replace the deputies on duty of a day with duty_ids (n may be 0: none), in one transaction. */
int db_reception_set_duty(struct db *db, int64_t id, const int64_t *duty_ids, int nduty, char **err);
/* The day with its deputies on duty (names of deleted deputies too: they were on duty). */
int db_reception_get(struct db *db, int64_t id, struct reception_day *out, char **err);

/* Cancel a day: status 已取消 and the reason (required, at most 200 characters; a Chinese
 * message otherwise). Fails if already cancelled. Visits linked to it keep the link. */
int db_reception_cancel(struct db *db, int64_t id, const char *reason, char **err);
/* Undo a cancel: status 正常, reason cleared. Fails if not cancelled. */
int db_reception_uncancel(struct db *db, int64_t id, char **err);
/* Soft delete (hidden; recoverable by the station head) and restore. */
int db_reception_delete(struct db *db, int64_t id, char **err);
int db_reception_restore(struct db *db, int64_t id, char **err);

/* Check a list of deputy ids (a duty list, a visit's deputies): at most max, each exists and
 * is not deleted — unless already linked to this record through link_table.key_col = key
 * (constants of the program; key 0 for a new record) — none twice. role names the list in the
 * message ("值班代表"). Shared by the db modules; reads only. */
int db_reception_check_deputies(struct db *db, const int64_t *ids, int n, int max, const char *role,
				const char *link_table, const char *key_col, int64_t key, char **err);

/* Which days a list shows. */
struct reception_filter {
	int year;            /* 0: every year */
	int month;           /* 1..12 within year (ignored when year is 0); 0: the whole year */
	bool hide_cancelled; /* leave out cancelled days */
	/* Or a date range (a quarter, a half-year, any days), used when year is 0: ISO, inclusive,
	 * "" for no bound. */
	char date_from[11], date_to[11];
};

/* One row of a list page; every pointer is borrowed for the call only. */
struct reception_row {
	int64_t id;
	const char *date, *time, *place, *notice_date, *note;
	bool cancelled;
	const char *cancel_reason; /* "" when none */
	const char *duty_text;     /* deputies on duty, names joined with "、", "" when none */
	int nduty;
	int nvisits; /* visits linked to the day (not deleted) */
	int held;    /* RECEPTION_HELD_UNKNOWN, 0 or 1 (the clerk's answer) */
	const char *rule_date;   /* "" for a day added by hand */
	const char *attend_text; /* deputies who came, names joined with "、", "" when none */
};
/* Return non-zero to stop. */
typedef int (*reception_row_cb)(void *ud, const struct reception_row *row);

int db_reception_count(struct db *db, const struct reception_filter *f, int64_t *n, char **err);
/* A page sorted by date, then id, ascending (a year's plan reads forward). limit < 0: no limit. */
int db_reception_page(struct db *db, const struct reception_filter *f, int64_t offset, int limit, reception_row_cb cb,
		      void *ud, char **err);

/* Insert the reception days the rule of cfg gives for year (core/reception.h:
 * reception_dates(), moved by cal unless keep_holiday) from the date from on (NULL or "": the
 * whole year; the station did not keep its days in the program before it started using it), with
 * cfg's time and place, the notice date and the rule date, and no deputies on duty. A rule day is
 * skipped when a day (any status, even deleted) already has its date or its rule date, so running
 * it twice adds nothing and a day the clerk deleted or cancelled is not brought back. A bad from
 * is refused. One transaction: all or none. *added gets how many were inserted. */
int db_reception_generate(struct db *db, const struct cfg *cfg, const struct calendar *cal, int year, const char *from,
			  int *added, char **err);

/* Record whether day id took place: held 1 (held; attend_ids, n of them, the deputies who came —
 * checked like a duty list, may be 0), 0 (not held; nobody came) or RECEPTION_HELD_UNKNOWN (back
 * to not confirmed). Refused with a Chinese message: a cancelled or deleted day; held or not held
 * for a day after today; not held for a day with visits recorded on it. The attendance is
 * replaced (emptied unless held). One transaction. */
int db_reception_set_held(struct db *db, int64_t id, int held, const char *today, const int64_t *attend_ids, int n,
			  char **err);

/* The reception days held from..to (ISO dates, both included): not deleted, not cancelled, and
 * confirmed held or with visits recorded on them (core/reception.h reception_state RS_HELD). For
 * the quarterly and yearly reports. */
int db_reception_held_count(struct db *db, const char *from, const char *to, int64_t *n, char **err);

/* The date of the last reception day in the register (not deleted, any status) into out, ""
 * when there is none: the home screen says up to when days are arranged. */
int db_reception_last_date(struct db *db, char out[11], char **err);

/* The day on date (not deleted; cancelled or not — the home screen says it is cancelled).
 * When there are several, the first one not cancelled, then the first by id. *found false and out zeroed when none. */
int db_reception_on_date(struct db *db, const char *date, struct reception_day *out, bool *found, char **err);
/* The first day with date >= from that is neither cancelled nor deleted (by date, then id).
 * *found false and out zeroed when none. */
int db_reception_next(struct db *db, const char *from, struct reception_day *out, bool *found, char **err);
/* For the home screen: today's day (db_reception_on_date(today)) and the next one after today
 * (db_reception_next(today + 1 day)). Either struct is zeroed with its flag false when none. */
int db_reception_home(struct db *db, const char *today, struct reception_day *today_day, bool *has_today,
		      struct reception_day *next_day, bool *has_next, char **err);

#endif
