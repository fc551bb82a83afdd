/* 述职评议 in SQL (table evaluations): a deputy's annual report to residents, with the number
 * who took part and their votes (满意, 基本满意, 不满意), which must add up to that number.
 * Values are arrays of EV_NFIELDS strings of eval_def (core/points.h); the deputy is an id.
 * Errors: -1 and *err a new Chinese message; a refused write writes nothing. */
#ifndef STATION_DB_EVALUATIONS_H
#define STATION_DB_EVALUATIONS_H

#include "core/points.h"
#include "db/db.h"

#include <stdint.h>

struct eval_filter {
	int year;           /* 0: every year */
	int64_t deputy_id;  /* 0: every deputy */
	const char *text;   /* substring of the deputy's name or the note; NULL/"" for all */
};

/* One row of a list; pointers borrowed for the call. */
struct eval_row {
	int64_t id;
	int64_t deputy_id;
	const char *deputy;        /* the deputy's name */
	const char *const *vals;   /* EV_NFIELDS values */
};
typedef int (*eval_row_cb)(void *ud, const struct eval_row *r);

int db_evaluations_count(struct db *db, const struct eval_filter *f, int64_t *n, char **err);
/* A page, newest first (date, then entry), offset/limit as SQL's. */
int db_evaluations_page(struct db *db, const struct eval_filter *f, int64_t offset, int limit, eval_row_cb cb,
			void *ud, char **err);
/* *vals: new array (record_free_values(&eval_def, ...)); *deputy_id the deputy; *name (if not
 * NULL) a new string, the deputy's name. */
int db_evaluations_get(struct db *db, int64_t id, char ***vals, int64_t *deputy_id, char **name, char **err);
/* The values are checked (record_check, the votes adding up) and the deputy must exist. */
int db_evaluations_insert(struct db *db, int64_t deputy_id, char *const *vals, int64_t *id, char **err);
int db_evaluations_update(struct db *db, int64_t id, int64_t deputy_id, char *const *vals, char **err);
/* Soft delete. */
int db_evaluations_delete(struct db *db, int64_t id, char **err);

#endif
