/* The SQL side of bringing old books in (cli/import_reg.c: station import visits|cases|activities):
 * one write transaction for the whole file, the look-ups a row needs (a deputy by name, a case by
 * number, a uid already taken) and the inserts, which keep the file's uid (a visit writes no case
 * of its own; cases are made by db/cases.c and its state machine, then given their uid here). Each imported row's audit
 * entry names its source: the clerk, then "导入（来自 FILE 第 N 行）" (db_import_mark before the row's insert).
 *
 * Statements are prepared once per import (50,000 rows take seconds). Values are arrays of
 * visit_def / activity_def values that passed record_check(). */
#ifndef STATION_DB_IMPORTS_H
#define STATION_DB_IMPORTS_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* The registers an import writes. */
enum db_import_kind { DBI_VISITS, DBI_CASES, DBI_ACTIVITIES };

struct db_import;

/* Begin the import's transaction and prepare its statements. */
int db_import_begin(struct db *db, struct db_import **out, char **err);
/* Commit (commit true) or roll back everything, and free im. 0 or -1 with *err (commit only). */
int db_import_end(struct db_import *im, bool commit, char **err);

/* The audit entries of the rows inserted next name source ("张三 导入（来自 a.csv 第 12 行）"). */
int db_import_mark(struct db_import *im, const char *source, char **err);

/* *taken: a record of kind with this uid exists (deleted ones too, or inserted earlier in this import). */
int db_import_uid_taken(struct db_import *im, enum db_import_kind kind, const char *uid, bool *taken, char **err);
/* The deputies (not deleted) named name: *n of them, *id the first one's. */
int db_import_deputy(struct db_import *im, const char *name, int64_t *id, int *n, char **err);
/* The case numbered no (not deleted): *id, 0 if none. */
int db_import_case_no(struct db_import *im, const char *no, int64_t *id, char **err);

/* Insert a visit (VIS_NFIELDS values) with uid ("" : a new one), its case (0: none) and its
 * receiving deputies. */
int db_import_visit(struct db_import *im, char *const *vals, const char *uid, int64_t case_id, const int64_t *deputies,
		    int ndeputies, char **err);
/* The units (not deleted) whose name or one of whose aliases is name: *n of them, *id the first's. */
int db_import_unit(struct db_import *im, const char *name, int64_t *id, int *n, char **err);
/* After a case was made by db_cases_create and db_cases_act: give it the file's uid and number
 * (NULL: keep) and its counts of 延期 and 重办. */
int db_import_case_fix(struct db_import *im, int64_t id, const char *uid, const char *case_no, int extensions,
		       int redo_count, char **err);

/* Insert an activity (AV_NFIELDS values) with uid ("": a new one). */
int db_import_activity(struct db_import *im, char *const *vals, const char *uid, char **err);

#endif
