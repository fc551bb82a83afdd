/* 代表活动记录簿 in SQL: activities (the 学习培训记录簿 is the same rows of type 学习培训), their
 * sign-in sheets (attendance: 出席 / 请假 / 缺席 per deputy), the plan entry each was held as
 * (activity_plans.activity_id), and the counts behind the quarter and year checks. Values are
 * arrays of AV_NFIELDS strings of activity_def (core/activity.h). Errors: -1 and *err a new
 * Chinese message; a refused write writes nothing. */
#ifndef STATION_DB_ACTIVITIES_H
#define STATION_DB_ACTIVITIES_H

#include "core/activity.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* Most lines on one sign-in sheet. */
#define ACTIVITY_MAX_ATTENDEES 500

struct activity_filter {
	const char *type; /* exact type (the 学习培训记录簿: ACTIVITY_TRAINING), or NULL for all */
	const char *text; /* substring of topic, place, organizer or content; the exact type; or the
			   * start of the date ("2026-11"); NULL/"" for all */
	const char *date_from, *date_to; /* ISO, inclusive (a period); NULL: no bound */
};

/* One row of a list; pointers borrowed for the call. */
struct activity_row {
	int64_t id;
	const char *const *vals; /* AV_NFIELDS values */
	int64_t present;         /* lines 出席 on its sign-in sheet */
	int64_t signed_in;       /* lines on the sheet (出席 + 请假 + 缺席) */
	const char *plan;        /* theme of the plan entry it was held as, or "" */
};
typedef int (*activity_row_cb)(void *ud, const struct activity_row *r);

int db_activities_count(struct db *db, const struct activity_filter *f, int64_t *n, char **err);
/* A page sorted by sort_field (AV_DATE, AV_TYPE, AV_TOPIC, AV_PLACE, AV_SUGGESTIONS; anything
 * else: the date), then by id; desc reverses. offset/limit as SQL's (limit < 0: all). */
int db_activities_page(struct db *db, const struct activity_filter *f, int sort_field, bool desc, int64_t offset,
		       int limit, activity_row_cb cb, void *ud, char **err);

/* *vals: AV_NFIELDS new strings (record_free_values(&activity_def, *vals)); *plan_id the plan
 * entry it was held as, or 0. */
int db_activities_get(struct db *db, int64_t id, char ***vals, int64_t *plan_id, char **err);

/* The field a refusal of the plan entry names (*field of insert/update), after the record's own. */
#define ACTIVITY_PLAN_FIELD AV_NFIELDS

/* Insert or update an activity (values passed record_check) and, in the same transaction, its
 * link to a plan entry (plan_id 0: none): the entry gets activity_id and held_date = the
 * activity's date; an entry linked before and not now loses both. Refused: a date after today
 * (activity_date_refusal; *field = AV_DATE), a plan entry that is deleted, of another year, or
 * already held as another activity (*field = ACTIVITY_PLAN_FIELD); *field (if not NULL) is -1
 * for any other failure. */
int db_activities_insert(struct db *db, char *const *vals, int64_t plan_id, const char *today, int64_t *id, int *field,
			 char **err);
int db_activities_update(struct db *db, int64_t id, char *const *vals, int64_t plan_id, const char *today, int *field,
			 char **err);
/* Soft delete; its plan entry is no longer ticked off as held. */
int db_activities_delete(struct db *db, int64_t id, char **err);

/* One line of a sign-in sheet. */
struct attend_line {
	int64_t deputy_id;
	int status; /* enum attend_status, never ATTEND_NONE */
};
/* The sheet of an activity in the order signed: *v gets a new array (free()) of *n lines. */
int db_activities_attendance(struct db *db, int64_t id, struct attend_line **v, int *n, char **err);
/* Make the sheet exactly these lines (a deputy not among them is taken off), in one
 * transaction; lines unchanged are not rewritten. Each deputy must pass
 * activity_attendee_refusal (core/activity.h) for the activity's date; the first that does
 * not is refused with its name, and *bad (if not NULL) gets its index (else -1). */
int db_activities_signin(struct db *db, int64_t id, const struct attend_line *v, int n, int *bad, char **err);

/* Activities (not deleted) dated from..to inclusive, of type (NULL: any). */
int db_activities_count_between(struct db *db, const char *from, const char *to, const char *type, int64_t *n,
				char **err);

/* How many times a deputy received residents at the station in a year, up to today: the
 * distinct dates in the year, not after today, on which the deputy was on duty on a reception
 * day that was not cancelled or deleted, or received a visit (visit_deputies) that came to the
 * station (channel 接待日来访 or 日常来访, not deleted). 走访, calls, letters and online visits do
 * not count. */
int db_activities_receptions(struct db *db, int64_t deputy_id, int year, const char *today, int64_t *n, char **err);

#endif
