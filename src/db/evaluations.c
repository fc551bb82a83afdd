/* 述职评议 in SQL (see evaluations.h). */
#include "db/evaluations.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 first day or NULL, ?2 last day, ?3 deputy or NULL, ?4 LIKE pattern or NULL. */
static const char evals_where[] = " WHERE e.deleted = 0 AND (?1 IS NULL OR e.date BETWEEN ?1 AND ?2)"
				  " AND (?3 IS NULL OR e.deputy_id = ?3)"
				  " AND (?4 IS NULL OR d.name LIKE ?4 ESCAPE '\\' OR e.note LIKE ?4 ESCAPE '\\')";

static void evals_bind(sqlite3_stmt *st, const struct eval_filter *f)
{
	if (f && f->year) {
		char from[16], to[16];
		snprintf(from, sizeof from, "%04d-01-01", f->year);
		snprintf(to, sizeof to, "%04d-12-31", f->year);
		sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	}
	if (f && f->deputy_id)
		sqlite3_bind_int64(st, 3, f->deputy_id);
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	if (*text)
		sqlite3_bind_text(st, 4, db_rec_like(text), -1, free);
	free(text);
}

int db_evaluations_count(struct db *db, const struct eval_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*) FROM evaluations e JOIN deputies d ON d.id = e.deputy_id%s", evals_where);
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	*n = 0;
	if (rc < 0)
		return -1;
	evals_bind(st, f);
	return db_count_finish(db, st, &eval_def, n, err);
}

int db_evaluations_page(struct db *db, const struct eval_filter *f, int64_t offset, int limit, eval_row_cb cb,
			void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	static const char cols[] = "e.date, e.participants, e.satisfied, e.basically_satisfied, e.dissatisfied, e.note";
	char *sql = xasprintf("SELECT e.id, e.deputy_id, d.name, %s FROM evaluations e JOIN deputies d ON d.id = e.deputy_id"
			      "%s ORDER BY e.date DESC, e.id DESC LIMIT ?5 OFFSET ?6",
			      cols, evals_where);
	int rc = db_prepare(db, sql, &st, err), src;
	free(sql);
	if (rc < 0)
		return -1;
	evals_bind(st, f);
	sqlite3_bind_int(st, 5, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 6, offset < 0 ? 0 : offset);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[EV_NFIELDS];
		for (int i = 0; i < EV_NFIELDS; i++)
			v[i] = db_column_text(st, 3 + i);
		struct eval_row r = { .id = sqlite3_column_int64(st, 0),
				      .deputy_id = sqlite3_column_int64(st, 1),
				      .deputy = db_column_text(st, 2),
				      .vals = v };
		if (cb(ud, &r)) {
			src = SQLITE_DONE;
			break;
		}
	}
	rc = src == SQLITE_DONE ? 0 : db_fail(db, src, &eval_def, err);
	sqlite3_finalize(st);
	return rc;
}

int db_evaluations_get(struct db *db, int64_t id, char ***vals, int64_t *deputy_id, char **name, char **err)
{
	sqlite3_stmt *st = NULL;
	*vals = NULL;
	if (db_rec_get(db, &eval_def, id, vals, err) < 0)
		return -1;
	if (db_prepare(db, "SELECT e.deputy_id, d.name FROM evaluations e JOIN deputies d ON d.id = e.deputy_id"
			   " WHERE e.id = ?1",
		       &st, err) < 0) {
		record_free_values(&eval_def, *vals);
		*vals = NULL;
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	*deputy_id = found ? sqlite3_column_int64(st, 0) : 0;
	if (name)
		*name = xstrdup(found ? db_column_text(st, 1) : "");
	sqlite3_finalize(st);
	return 0;
}

/* The checks of a write: every field, the votes adding up, a deputy chosen (and not deleted). */
static int evals_check(struct db *db, int64_t deputy_id, char *const *vals, char ***norm, char **err)
{
	const char *msgs[EV_NFIELDS];
	*norm = record_copy_values(&eval_def, vals);
	int64_t ok = 0;
	char *sql = NULL;
	if (record_check(&eval_def, *norm, "1970-01-01", msgs)) {
		for (int i = 0; i < EV_NFIELDS; i++)
			if (msgs[i]) {
				db_failf(err, "%s：%s", eval_def.fields[i].label, msgs[i]);
				break;
			}
		goto fail;
	}
	if (deputy_id <= 0) {
		db_failf(err, "请选择述职的代表");
		goto fail;
	}
	sql = xasprintf("SELECT count(*) FROM deputies WHERE id = %lld AND deleted = 0", (long long)deputy_id);
	int rc = db_query_int(db, sql, &ok, err);
	free(sql);
	if (rc < 0)
		goto fail;
	if (!ok) {
		db_failf(err, "找不到这位代表（编号 %lld），可能已被删除", (long long)deputy_id);
		goto fail;
	}
	return 0;
fail:
	record_free_values(&eval_def, *norm);
	*norm = NULL;
	return -1;
}

/* Run an INSERT (id 0) or UPDATE of the deputy and the values. */
static int evals_write(struct db *db, int64_t id, int64_t deputy_id, char *const *vals, int64_t *new_id, char **err)
{
	char **v = NULL;
	sqlite3_stmt *st = NULL;
	if (evals_check(db, deputy_id, vals, &v, err) < 0)
		return -1;
	const char *sql = id ? "UPDATE evaluations SET deputy_id = ?1, date = ?2, participants = ?3, satisfied = ?4,"
			       " basically_satisfied = ?5, dissatisfied = ?6, note = ?7, updated_at = " DB_NOW_SQL
			       " WHERE id = ?8 AND deleted = 0"
			     : "INSERT INTO evaluations (deputy_id, date, participants, satisfied, basically_satisfied,"
			       " dissatisfied, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	int rc = db_prepare(db, sql, &st, err);
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, deputy_id);
		db_bind_text(st, 2, v[EV_DATE]);
		for (int i = EV_PARTICIPANTS; i <= EV_DISSATISFIED; i++)
			sqlite3_bind_int64(st, 3 + i - EV_PARTICIPANTS, atoll(v[i]));
		db_bind_text(st, 7, v[EV_NOTE]);
		if (id)
			sqlite3_bind_int64(st, 8, id);
		int src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			rc = db_fail(db, src, &eval_def, err);
		else if (id && !sqlite3_changes(db_handle(db)))
			rc = db_failf(err, "找不到这条述职评议（编号 %lld），可能已被删除", (long long)id);
		else if (!id && new_id)
			*new_id = sqlite3_last_insert_rowid(db_handle(db));
		sqlite3_finalize(st);
	}
	record_free_values(&eval_def, v);
	return rc;
}

int db_evaluations_insert(struct db *db, int64_t deputy_id, char *const *vals, int64_t *id, char **err)
{
	return evals_write(db, 0, deputy_id, vals, id, err);
}

int db_evaluations_update(struct db *db, int64_t id, int64_t deputy_id, char *const *vals, char **err)
{
	return evals_write(db, id, deputy_id, vals, NULL, err);
}

int db_evaluations_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &eval_def, id, true, err);
}
