/* station import visits|activities in SQL (db/imports.h). */
#include "db/imports.h"

#include "core/activity.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/internal.h"
#include "db/record.h"

#include <stdlib.h>
#include <string.h>

/* The import's prepared statements, in the order of their SQL below. */
enum dbi_stmt {
	DBI_MARK,
	DBI_UID_VISIT,
	DBI_UID_CASE,
	DBI_UID_ACT,
	DBI_DEPUTY,
	DBI_CASE_NO,
	DBI_VISIT,
	DBI_VISIT_DEP,
	DBI_ACT,
	DBI_UNIT,
	DBI_CASE_FIX,
	DBI_N
};

static const char *const dbi_sql[DBI_N] = {
	[DBI_MARK] = "UPDATE app_session SET user = ?1, updated_at = " DB_NOW_SQL " WHERE id = 1",
	[DBI_UID_VISIT] = "SELECT count(*) FROM visits WHERE uid = ?1",
	[DBI_UID_CASE] = "SELECT count(*) FROM cases WHERE uid = ?1",
	[DBI_UID_ACT] = "SELECT count(*) FROM activities WHERE uid = ?1",
	[DBI_DEPUTY] = "SELECT count(*), min(id) FROM deputies WHERE name = ?1 AND deleted = 0",
	[DBI_CASE_NO] = "SELECT id FROM cases WHERE case_no = ?1",
	/* The parameters of db_visits_bind, and the uid as ?17. */
	[DBI_VISIT] = "INSERT INTO visits (date, channel, visitor_name, visitor_gender, visitor_phone,"
		      " visitor_address, people, content, category, handling, handling_reason, reply,"
		      " reception_day_id, case_id, satisfaction, uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		      " ?10, ?11, ?12, ?13, ?14, ?16, coalesce(?17, lower(hex(randomblob(16)))))",
	[DBI_VISIT_DEP] = "INSERT INTO visit_deputies (visit_id, deputy_id) VALUES (?1, ?2)",
	[DBI_ACT] = "INSERT INTO activities (uid, type, topic, date, time, place, organizer, content, outcome,"
		    " suggestions) VALUES (coalesce(?1, lower(hex(randomblob(16)))), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		    " ?10)",
	[DBI_UNIT] = "SELECT count(*), min(id) FROM units WHERE deleted = 0 AND (name = ?1 OR"
		     " instr('、' || coalesce(aliases, '') || '、', '、' || ?1 || '、') > 0)",
	[DBI_CASE_FIX] = "UPDATE cases SET uid = coalesce(?2, uid), case_no = coalesce(?3, case_no), extensions = ?4,"
			 " redo_count = ?5, updated_at = " DB_NOW_SQL " WHERE id = ?1",
};

struct db_import {
	struct db *db;
	sqlite3_stmt *st[DBI_N];
};

int db_import_begin(struct db *db, struct db_import **out, char **err)
{
	struct db_import *im = xcalloc(1, sizeof *im);
	*out = NULL;
	im->db = db;
	if (db_begin(db, err) < 0) {
		free(im);
		return -1;
	}
	for (int i = 0; i < DBI_N; i++)
		if (db_prepare(db, dbi_sql[i], &im->st[i], err) < 0) {
			db_import_end(im, false, NULL);
			return -1;
		}
	*out = im;
	return 0;
}

int db_import_end(struct db_import *im, bool commit, char **err)
{
	int rc = 0;
	for (int i = 0; i < DBI_N; i++)
		sqlite3_finalize(im->st[i]);
	if (commit)
		rc = db_commit(im->db, err);
	else
		db_rollback(im->db);
	free(im);
	return rc;
}

/* Step st (a write) to its end and reset it. */
static int dbi_run(struct db_import *im, sqlite3_stmt *st, const struct record_def *def, char **err)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		db_fail(im->db, rc, def, err);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Step st (a query of one row) into its first two integer columns and reset it. */
static int dbi_query(struct db_import *im, sqlite3_stmt *st, int64_t *a, int64_t *b, char **err)
{
	int rc = sqlite3_step(st);
	*a = 0;
	if (b)
		*b = 0;
	if (rc == SQLITE_ROW) {
		*a = sqlite3_column_int64(st, 0);
		if (b)
			*b = sqlite3_column_int64(st, 1);
	} else if (rc != SQLITE_DONE) {
		db_fail(im->db, rc, NULL, err);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int db_import_mark(struct db_import *im, const char *source, char **err)
{
	db_bind_text(im->st[DBI_MARK], 1, source);
	return dbi_run(im, im->st[DBI_MARK], NULL, err);
}

int db_import_uid_taken(struct db_import *im, enum db_import_kind kind, const char *uid, bool *taken, char **err)
{
	sqlite3_stmt *st = im->st[kind == DBI_VISITS ? DBI_UID_VISIT : kind == DBI_CASES ? DBI_UID_CASE : DBI_UID_ACT];
	int64_t n = 0;
	db_bind_text(st, 1, uid);
	int rc = dbi_query(im, st, &n, NULL, err);
	*taken = n > 0;
	return rc;
}

int db_import_deputy(struct db_import *im, const char *name, int64_t *id, int *n, char **err)
{
	int64_t count = 0;
	db_bind_text(im->st[DBI_DEPUTY], 1, name);
	int rc = dbi_query(im, im->st[DBI_DEPUTY], &count, id, err);
	*n = (int)count;
	return rc;
}

int db_import_case_no(struct db_import *im, const char *no, int64_t *id, char **err)
{
	db_bind_text(im->st[DBI_CASE_NO], 1, no);
	return dbi_query(im, im->st[DBI_CASE_NO], id, NULL, err);
}

int db_import_visit(struct db_import *im, char *const *vals, const char *uid, int64_t case_id, const int64_t *deputies,
		    int ndeputies, char **err)
{
	sqlite3_stmt *st = im->st[DBI_VISIT];
	db_visits_bind(st, vals, 0, case_id);
	db_bind_text(st, 17, uid);
	if (dbi_run(im, st, &visit_def, err) < 0)
		return -1;
	int64_t id = sqlite3_last_insert_rowid(db_handle(im->db));
	/* One prepared statement for every link (db_links_replace prepares its own each time:
	 * 50,000 visits took 14 s with it, 5 s with this). */
	for (int i = 0; i < ndeputies; i++) {
		sqlite3_bind_int64(im->st[DBI_VISIT_DEP], 1, id);
		sqlite3_bind_int64(im->st[DBI_VISIT_DEP], 2, deputies[i]);
		if (dbi_run(im, im->st[DBI_VISIT_DEP], NULL, err) < 0)
			return -1;
	}
	return 0;
}

int db_import_activity(struct db_import *im, char *const *vals, const char *uid, char **err)
{
	sqlite3_stmt *st = im->st[DBI_ACT];
	db_bind_text(st, 1, uid);
	db_bind_text(st, 2, vals[AV_TYPE]);
	db_bind_text(st, 3, vals[AV_TOPIC]);
	db_bind_text(st, 4, vals[AV_DATE]);
	db_bind_text(st, 5, vals[AV_TIME]);
	db_bind_text(st, 6, vals[AV_PLACE]);
	db_bind_text(st, 7, vals[AV_ORGANIZER]);
	db_bind_text(st, 8, vals[AV_CONTENT]);
	db_bind_text(st, 9, vals[AV_OUTCOME]);
	sqlite3_bind_int(st, 10, str_empty(vals[AV_SUGGESTIONS]) ? 0 : atoi(vals[AV_SUGGESTIONS]));
	return dbi_run(im, st, &activity_def, err);
}

int db_import_unit(struct db_import *im, const char *name, int64_t *id, int *n, char **err)
{
	int64_t count = 0;
	db_bind_text(im->st[DBI_UNIT], 1, name);
	int rc = dbi_query(im, im->st[DBI_UNIT], &count, id, err);
	*n = (int)count;
	return rc;
}

int db_import_case_fix(struct db_import *im, int64_t id, const char *uid, const char *case_no, int extensions,
		       int redo_count, char **err)
{
	sqlite3_stmt *st = im->st[DBI_CASE_FIX];
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, uid);
	db_bind_text(st, 3, case_no);
	sqlite3_bind_int(st, 4, extensions);
	sqlite3_bind_int(st, 5, redo_count);
	return dbi_run(im, st, NULL, err);
}
