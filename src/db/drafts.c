/* Drafts in SQL (see drafts.h). The JSON object of values is built and read by SQLite's JSON
 * functions, so no hand-written escaping is involved. */
#include "db/drafts.h"

#include "db/internal.h"

#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The JSON object {cols[i]: vals[i]} as a new string, built with json_set() one pair at a time. */
static int drafts_json(struct db *db, const char *const *cols, const char *const *vals, int n, char **json,
		       char **err)
{
	sqlite3_stmt *st = NULL;
	char *acc = xstrdup("{}");
	if (db_prepare(db, "SELECT json_set(?1, '$.\"' || ?2 || '\"', ?3)", &st, err) < 0)
		goto fail;
	for (int i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, acc, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, cols[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, vals[i] ? vals[i] : "", -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			db_fail(db, rc, NULL, err);
			goto fail;
		}
		str_set(&acc, db_column_text(st, 0));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	*json = acc;
	return 0;
fail:
	sqlite3_finalize(st);
	free(acc);
	return -1;
}

int db_drafts_put(struct db *db, const char *form, int64_t record_id, const char *const *cols,
		  const char *const *vals, int n, const char *field, char **err)
{
	sqlite3_stmt *st = NULL;
	char *json = NULL;
	if (drafts_json(db, cols, vals, n, &json, err) < 0)
		return -1;
	if (db_begin(db, err) < 0) {
		free(json);
		return -1;
	}
	if (db_prepare(db,
		       "INSERT INTO drafts (form, record_id, vals, field) VALUES (?1, ?2, ?3, ?4)"
		       " ON CONFLICT (form, record_id) DO UPDATE SET vals = excluded.vals, field = excluded.field,"
		       " updated_at = " DB_NOW_SQL,
		       &st, err) < 0)
		goto fail;
	sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, record_id);
	sqlite3_bind_text(st, 3, json, -1, SQLITE_STATIC);
	db_bind_text(st, 4, field);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		goto fail;
	}
	sqlite3_finalize(st);
	free(json);
	return db_commit(db, err);
fail:
	sqlite3_finalize(st);
	free(json);
	db_rollback(db);
	return -1;
}

int db_drafts_get(struct db *db, const char *form, int64_t record_id, struct db_draft *out, char **err)
{
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	if (db_prepare(db,
		       "SELECT d.field, d.updated_at, j.key, j.value FROM drafts d, json_each(d.vals) j"
		       " WHERE d.form = ?1 AND d.record_id = ?2 AND j.type = 'text'",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, record_id);
	int rc, found = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!found) {
			found = 1;
			if (sqlite3_column_type(st, 0) != SQLITE_NULL)
				out->field = xstrdup(db_column_text(st, 0));
			snprintf(out->updated_at, sizeof out->updated_at, "%s", db_column_text(st, 1));
		}
		out->cols = xrealloc(out->cols, sizeof(char *) * (size_t)(out->n + 1));
		out->vals = xrealloc(out->vals, sizeof(char *) * (size_t)(out->n + 1));
		out->cols[out->n] = xstrdup(db_column_text(st, 2));
		out->vals[out->n] = xstrdup(db_column_text(st, 3));
		out->n++;
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		db_draft_free(out);
		return -1;
	}
	sqlite3_finalize(st);
	return found;
}

/* Run sql (parameters ?1 form, ?2 record_id) and return its one integer, or -1. */
static int drafts_stmt(struct db *db, const char *sql, const char *form, int64_t record_id, int64_t *out,
		       char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, form, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, record_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		return -1;
	}
	if (out)
		*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return 0;
}

int db_drafts_drop(struct db *db, const char *form, int64_t record_id, char **err)
{
	int64_t n = 0;
	/* Nothing to forget (the usual case): no write transaction, no fsync. */
	if (drafts_stmt(db, "SELECT count(*) FROM drafts WHERE form = ?1 AND record_id = ?2", form, record_id, &n,
			err) < 0)
		return -1;
	if (n == 0)
		return 0;
	if (db_begin(db, err) < 0)
		return -1;
	if (drafts_stmt(db, "DELETE FROM drafts WHERE form = ?1 AND record_id = ?2", form, record_id, NULL, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int db_drafts_count(struct db *db, int64_t *n, char **err)
{
	return db_query_int(db, "SELECT count(*) FROM drafts", n, err);
}

void db_draft_free(struct db_draft *d)
{
	str_free_array(d->cols, d->n);
	str_free_array(d->vals, d->n);
	free(d->field);
	memset(d, 0, sizeof *d);
}
