/* Generic SQL for table-driven registers (core/record.h): INSERT, UPDATE, SELECT of one
 * record and soft delete, built from the field column names of a struct record_def (fixed in
 * the program, never from input) with every value bound as a parameter.
 *
 * Values are arrays of def->nfields strings. An empty value is stored as NULL (never ''),
 * and read back as "". FK_INT fields are bound as integers when they parse as one.
 * Each write is one transaction (nested inside the caller's, if any) with its audit rows,
 * and sets updated_at. Rows with deleted = 1 are invisible to get and update. */
#ifndef STATION_DB_RECORD_H
#define STATION_DB_RECORD_H

#include "core/record.h"
#include "db/db.h"

#include <sqlite3.h>

#include <stdbool.h>
#include <stdint.h>

/* Columns a register stores besides its fields, computed from the fields on every insert and
 * update (the deputies' pinyin keys). */
struct db_rec_derived {
	const char *const *cols;                        /* NULL-terminated */
	void (*compute)(char *const *vals, char **out); /* out[i]: new string for cols[i] */
};

int db_rec_insert(struct db *db, const struct record_def *def, const struct db_rec_derived *der, char *const *vals,
		  int64_t *id, char **err);
/* All rows or none, with one prepared statement. The message of a failure starts with
 * "第 N 条" (N = index + 1 of the failing row). */
int db_rec_insert_many(struct db *db, const struct record_def *def, const struct db_rec_derived *der,
		       char **const *rows, int nrows, char **err);
/* Fails with a message if the row does not exist or is deleted. */
int db_rec_update(struct db *db, const struct record_def *def, const struct db_rec_derived *der, int64_t id,
		  char *const *vals, char **err);
/* *vals: new array of def->nfields new strings (record_free_values()). */
int db_rec_get(struct db *db, const struct record_def *def, int64_t id, char ***vals, char **err);
/* Soft delete (deleted = true) or restore (false). Fails if the row is not in the other state. */
int db_rec_set_deleted(struct db *db, const struct record_def *def, int64_t id, bool deleted, char **err);

/* "%text%" with % _ and \ escaped, for LIKE ?1 ESCAPE '\'. New string. */
char *db_rec_like(const char *text);

/* Step a prepared count (one row, one column), put it in *n and finalize st — on every path.
 * def (may be NULL) names fields in an error message. Returns 0 or -1 with *err. */
int db_count_finish(struct db *db, sqlite3_stmt *st, const struct record_def *def, int64_t *n, char **err);
/* Step an EXPLAIN QUERY PLAN statement to its end and finalize it: the plan's lines (detail
 * column) joined by "\n" into *plan (new string; NULL on failure). */
int db_plan_finish(struct db *db, sqlite3_stmt *st, char **plan, char **err);

/* The ids a link table holds for one record (id_col where key_col = key), in the order they
 * were linked. *ids (n of them) is a new array, NULL when none. */
int db_links_get(struct db *db, const char *link_table, const char *key_col, const char *id_col, int64_t key,
		 int64_t **ids, int *n, char **err);
/* Make a link table (reception_duty, visit_deputies, suggestion_deputies, suggestion_cases ...)
 * hold exactly ids, in that order, for one record: link_table, key_col and id_col are the
 * program's constants (never input); key is the record's id. Nothing is written when the links
 * are already those (no audit noise on an unchanged save). Runs inside the caller's
 * transaction. */
int db_links_replace(struct db *db, const char *link_table, const char *key_col, const char *id_col, int64_t key,
		     const int64_t *ids, int n, char **err);
/* Comma-separated field columns of def, for SELECT lists ("name, gender, ..."). New string. */
char *db_rec_select_list(const struct record_def *def);

#endif
