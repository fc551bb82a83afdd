/* 年度活动计划 in SQL (see plans.h). */
#include "db/plans.h"

#include "db/deputies.h"
#include "db/internal.h"
#include "db/record.h"

#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 year or NULL, ?2 LIKE pattern or NULL, ?3 the text for an exact type. Uses
 * activity_plans_year for a year. */
static const char plans_where[] = " WHERE p.deleted = 0 AND (?1 IS NULL OR p.year = ?1)"
				  " AND (?2 IS NULL OR p.theme LIKE ?2 ESCAPE '\\' OR p.note LIKE ?2 ESCAPE '\\'"
				  " OR p.type = ?3)";

static void plans_bind(sqlite3_stmt *st, const struct plan_filter *f)
{
	if (f && f->year)
		sqlite3_bind_int(st, 1, f->year);
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	if (*text) {
		sqlite3_bind_text(st, 2, db_rec_like(text), -1, free);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	}
	free(text);
}

int db_plans_count(struct db *db, const struct plan_filter *f, int64_t *n, int64_t *held, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*), count(p.held_date) FROM activity_plans p%s", plans_where);
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	*n = 0;
	if (held)
		*held = 0;
	if (rc < 0)
		return -1;
	plans_bind(st, f);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*n = sqlite3_column_int64(st, 0);
		if (held)
			*held = sqlite3_column_int64(st, 1);
		rc = 0;
	} else
		rc = db_fail(db, src, &plan_def, err);
	sqlite3_finalize(st);
	return rc;
}

int db_plans_page(struct db *db, const struct plan_filter *f, int64_t offset, int limit, plan_row_cb cb, void *ud,
		  char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf(
		"SELECT p.id, p.year, p.month, p.type, p.theme, p.note, p.held_date,"
		" (SELECT group_concat(name, '、') FROM (SELECT d.name FROM activity_plan_deputies x"
		"  JOIN deputies d ON d.id = x.deputy_id WHERE x.plan_id = p.id ORDER BY x.id))"
		" FROM activity_plans p%s ORDER BY p.year, p.month, p.id LIMIT ?4 OFFSET ?5",
		plans_where);
	int rc = db_prepare(db, sql, &st, err), src;
	free(sql);
	if (rc < 0)
		return -1;
	plans_bind(st, f);
	sqlite3_bind_int(st, 4, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 5, offset < 0 ? 0 : offset);
	rc = -1;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[PLAN_NFIELDS];
		for (int i = 0; i < PLAN_NFIELDS; i++)
			v[i] = db_column_text(st, 1 + i);
		struct plan_row r = { .id = sqlite3_column_int64(st, 0),
				      .vals = v,
				      .held_date = db_column_text(st, 6),
				      .deputies = db_column_text(st, 7) };
		if (cb(ud, &r)) {
			src = SQLITE_DONE;
			break;
		}
	}
	if (src == SQLITE_DONE)
		rc = 0;
	else
		db_fail(db, src, &plan_def, err);
	sqlite3_finalize(st);
	return rc;
}

int db_plans_get(struct db *db, int64_t id, struct plan_info *out, char **err)
{
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	if (db_rec_get(db, &plan_def, id, &out->vals, err) < 0)
		goto fail;
	char **names = NULL;
	int rc = db_deputies_linked(db, "activity_plan_deputies", "plan_id", id, &out->deputy_ids, &names,
				    &out->ndeputies, &out->deputies, err);
	str_free_array(names, out->ndeputies);
	if (rc < 0)
		goto fail;
	if (db_prepare(db, "SELECT coalesce(held_date, '') FROM activity_plans WHERE id = ?1", &st, err) < 0)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out->held_date, sizeof out->held_date, "%s", db_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
fail:
	db_plan_info_free(out);
	return -1;
}

void db_plan_info_free(struct plan_info *p)
{
	if (p->vals)
		record_free_values(&plan_def, p->vals);
	free(p->deputy_ids);
	free(p->deputies);
	memset(p, 0, sizeof *p);
}

/* The deputies expected: each exists, none twice, at most PLAN_MAX_DEPUTIES. */
static int plans_write_deputies(struct db *db, int64_t id, const int64_t *ids, int n, char **err)
{
	if (n > PLAN_MAX_DEPUTIES)
		return db_failf(err, "计划参加代表最多 %d 位", PLAN_MAX_DEPUTIES);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			if (ids[i] == ids[j])
				return db_failf(err, "计划参加代表中有一位选了两次");
	return db_links_replace(db, "activity_plan_deputies", "plan_id", "deputy_id", id, ids, n, err);
}

int db_plans_insert(struct db *db, char *const *vals, const int64_t *deputy_ids, int n, int64_t *id, char **err)
{
	int64_t new_id = 0;
	if (db_begin(db, err) < 0)
		return -1;
	if (db_rec_insert(db, &plan_def, NULL, vals, &new_id, err) < 0 ||
	    plans_write_deputies(db, new_id, deputy_ids, n, err) < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) < 0)
		return -1;
	if (id)
		*id = new_id;
	return 0;
}

int db_plans_update(struct db *db, int64_t id, char *const *vals, const int64_t *deputy_ids, int n, char **err)
{
	if (db_begin(db, err) < 0)
		return -1;
	if (db_rec_update(db, &plan_def, NULL, id, vals, err) < 0 ||
	    plans_write_deputies(db, id, deputy_ids, n, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int db_plans_set_held(struct db *db, int64_t id, const char *date, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_begin(db, err) < 0)
		return -1;
	if (db_prepare(db,
		       "UPDATE activity_plans SET held_date = ?2,"
		       " activity_id = CASE WHEN ?2 IS NULL THEN NULL ELSE activity_id END, updated_at = " DB_NOW_SQL
		       " WHERE id = ?1 AND deleted = 0",
		       &st, err) < 0) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, date);
	int src = sqlite3_step(st);
	int changed = sqlite3_changes(db_handle(db));
	sqlite3_finalize(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, &plan_def, err);
		db_rollback(db);
		return -1;
	}
	if (!changed) {
		db_rollback(db);
		return db_failf(err, "找不到这项计划（编号 %lld），可能已被删除", (long long)id);
	}
	return db_commit(db, err);
}

int db_plans_open(struct db *db, int from_year, int64_t activity_id, plan_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT id, year, month, type, theme, note FROM activity_plans WHERE deleted = 0 AND year >= ?1"
		       " AND (held_date IS NULL OR activity_id = ?2) ORDER BY year, month, id",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int(st, 1, from_year);
	sqlite3_bind_int64(st, 2, activity_id);
	int src, rc = -1;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[PLAN_NFIELDS];
		for (int i = 0; i < PLAN_NFIELDS; i++)
			v[i] = db_column_text(st, 1 + i);
		struct plan_row r = { .id = sqlite3_column_int64(st, 0), .vals = v, .held_date = "", .deputies = "" };
		if (cb(ud, &r)) {
			src = SQLITE_DONE;
			break;
		}
	}
	if (src == SQLITE_DONE)
		rc = 0;
	else
		db_fail(db, src, &plan_def, err);
	sqlite3_finalize(st);
	return rc;
}

int db_plans_delete(struct db *db, int64_t id, char **err) { return db_rec_set_deleted(db, &plan_def, id, true, err); }
