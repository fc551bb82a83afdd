/* 年度活动计划 in SQL: the plan entries of a year (activity_plans) with the deputies expected
 * (activity_plan_deputies), each ticked off when held. Values are arrays of PLAN_NFIELDS strings
 * of plan_def (core/activity.h). Errors: -1 and *err a new Chinese message. */
#ifndef STATION_DB_PLANS_H
#define STATION_DB_PLANS_H

#include "core/activity.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* Most deputies expected at one planned activity. */
#define PLAN_MAX_DEPUTIES 60

struct plan_filter {
	int year;         /* 0: every year */
	const char *text; /* substring of the theme or note, or the exact type; NULL/"" for all */
};

/* One row of a list; pointers borrowed for the call. */
struct plan_row {
	int64_t id;
	const char *const *vals;  /* PLAN_NFIELDS values */
	const char *deputies;     /* names joined with 、 */
	const char *held_date;    /* "" if not held yet */
};
typedef int (*plan_row_cb)(void *ud, const struct plan_row *r);

/* Planned entries and how many of them were held, for the filter. */
int db_plans_count(struct db *db, const struct plan_filter *f, int64_t *n, int64_t *held, char **err);
/* A page in plan order (month, then entry), offset/limit as SQL's. */
int db_plans_page(struct db *db, const struct plan_filter *f, int64_t offset, int limit, plan_row_cb cb, void *ud,
		  char **err);

struct plan_info {
	char **vals;       /* PLAN_NFIELDS new strings; record_free_values(&plan_def, vals) */
	int64_t *deputy_ids; /* the deputies expected, in the order linked; owned */
	int ndeputies;
	char *deputies;    /* their names joined with 、; owned */
	char held_date[11]; /* "" if not held */
};
int db_plans_get(struct db *db, int64_t id, struct plan_info *out, char **err);
void db_plan_info_free(struct plan_info *p);

/* Insert or update an entry with the deputies expected, in one transaction. */
int db_plans_insert(struct db *db, char *const *vals, const int64_t *deputy_ids, int n, int64_t *id, char **err);
int db_plans_update(struct db *db, int64_t id, char *const *vals, const int64_t *deputy_ids, int n, char **err);
/* Tick the entry off as held on date (ISO), or (date NULL) take the tick back — and the link
 * to the activity it was held as (activity_id), if any. */
int db_plans_set_held(struct db *db, int64_t id, const char *date, char **err);
/* The entries an activity may be ticked off against (the activity form's 对应计划): not
 * deleted, of from_year or later, not held yet — or held as activity_id (0: a new activity).
 * In plan order; held_date and deputies of the rows are "". */
int db_plans_open(struct db *db, int from_year, int64_t activity_id, plan_row_cb cb, void *ud, char **err);
/* Soft delete. */
int db_plans_delete(struct db *db, int64_t id, char **err);

#endif
