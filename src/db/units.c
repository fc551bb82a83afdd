/* 承办单位 in SQL (see units.h): the register's fields, list pages with a filter that also
 * matches pinyin initials, the generic record writes, and deletion refused while cases or
 * suggestions still point to a unit. */
#include "db/units.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/pinyin.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* SQL function units_initials(name): pinyin_initials() of the name, for the filter. */
static void units_initials_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	char *s = pinyin_initials((const char *)sqlite3_value_text(argv[0]));
	sqlite3_result_text(ctx, s, -1, free);
}

/* Register units_initials() on the connection unless it is there already (it cannot be
 * redefined while a statement runs, so probe first). */
static int units_register(struct db *db, char **err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT units_initials('')", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	int rc = sqlite3_create_function_v2(db_handle(db), "units_initials", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
					    NULL, units_initials_fn, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, NULL, err);
}

/* The filter of struct unit_filter. Parameters: ?1 LIKE pattern or NULL, ?2 the text,
 * ?3 the text may be pinyin initials, ?4 kind or NULL. */
static const char units_where[] =
	" WHERE deleted = 0 AND (?4 IS NULL OR kind = ?4)"
	" AND (?1 IS NULL OR name LIKE ?1 ESCAPE '\\' OR contact LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 ESCAPE '\\'"
	" OR aliases LIKE ?1 ESCAPE '\\' OR kind = ?2 OR (?3 AND units_initials(name) LIKE ?1 ESCAPE '\\'))";

/* True if s could be typed initials: ASCII letters only. */
static bool units_letters(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

static void units_bind_filter(sqlite3_stmt *st, const struct unit_filter *f)
{
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	if (*text) {
		char *like = db_rec_like(text);
		sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
		free(like);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 3, units_letters(text));
	} else {
		sqlite3_bind_null(st, 1);
		sqlite3_bind_null(st, 2);
		sqlite3_bind_int(st, 3, 0);
	}
	db_bind_text(st, 4, f ? f->kind : NULL);
	free(text);
}

int db_units_count(struct db *db, const struct unit_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*) FROM units%s", units_where);
	int rc = units_register(db, err) < 0 ? -1 : db_prepare(db, sql, &st, err);
	free(sql);
	*n = 0;
	if (rc < 0)
		return -1;
	units_bind_filter(st, f);
	return db_count_finish(db, st, &unit_def, n, err);
}

int db_units_page(struct db *db, const struct unit_filter *f, int64_t offset, int limit, unit_row_cb cb, void *ud,
		  char **err)
{
	sqlite3_stmt *st = NULL;
	char *cols = db_rec_select_list(&unit_def);
	char *sql =
		xasprintf("SELECT id, %s, (SELECT count(*) FROM cases c WHERE c.unit_id = units.id AND c.deleted = 0)"
			  " FROM units%s ORDER BY sort, id LIMIT ?5 OFFSET ?6",
			  cols, units_where);
	const char *vals[UNIT_NFIELDS];
	int rc = -1, src;
	if (units_register(db, err) < 0 || db_prepare(db, sql, &st, err) < 0)
		goto out;
	units_bind_filter(st, f);
	sqlite3_bind_int(st, 5, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 6, offset < 0 ? 0 : offset);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < UNIT_NFIELDS; i++)
			vals[i] = db_column_text(st, i + 1);
		if (cb(ud, sqlite3_column_int64(st, 0), vals, sqlite3_column_int64(st, UNIT_NFIELDS + 1)))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		db_fail(db, src, &unit_def, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	free(cols);
	return rc;
}

int db_units_get(struct db *db, int64_t id, char ***vals, char **err)
{
	return db_rec_get(db, &unit_def, id, vals, err);
}

/* Refuse a name a deleted unit (other than id) still holds, with what to do about it. */
static int units_check_deleted_name(struct db *db, const char *name, int64_t id, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db, "SELECT 1 FROM units WHERE name = ?1 AND deleted = 1 AND id <> ?2", &st, err) < 0)
		return -1;
	db_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		db_failf(err, "已删除的承办单位中有同名的「%s」，请恢复它，或换一个名称", name);
	else if (src != SQLITE_DONE)
		db_fail(db, src, &unit_def, err);
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

int db_units_insert(struct db *db, char *const *vals, int64_t *id, char **err)
{
	sqlite3_stmt *st = NULL;
	int64_t new_id = 0;
	if (id)
		*id = 0;
	if (db_begin(db, err) < 0)
		return -1;
	if (units_check_deleted_name(db, vals[UNIT_NAME], 0, err) < 0 ||
	    db_rec_insert(db, &unit_def, NULL, vals, &new_id, err) < 0)
		goto rollback;
	/* At the end of the pick list. */
	if (db_prepare(db, "UPDATE units SET sort = (SELECT coalesce(max(sort), 0) + 1 FROM units) WHERE id = ?1", &st,
		       err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, new_id);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, &unit_def, err);
		goto rollback;
	}
	sqlite3_finalize(st);
	if (db_commit(db, err) < 0)
		return -1;
	if (id)
		*id = new_id;
	return 0;
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
	return -1;
}

int db_units_update(struct db *db, int64_t id, char *const *vals, char **err)
{
	if (db_begin(db, err) < 0)
		return -1;
	if (units_check_deleted_name(db, vals[UNIT_NAME], id, err) < 0 ||
	    db_rec_update(db, &unit_def, NULL, id, vals, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* Cases and suggestions (not deleted) pointing to unit id. */
static int units_users(struct db *db, int64_t id, int64_t *ncases, int64_t *nsugg, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db,
		       "SELECT (SELECT count(*) FROM cases WHERE unit_id = ?1 AND deleted = 0),"
		       " (SELECT count(*) FROM suggestions WHERE unit_id = ?1 AND deleted = 0)",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		db_fail(db, src, &unit_def, err);
		goto out;
	}
	*ncases = sqlite3_column_int64(st, 0);
	*nsugg = sqlite3_column_int64(st, 1);
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

int db_units_delete(struct db *db, int64_t id, char **err)
{
	int64_t ncases = 0, nsugg = 0;
	if (db_begin(db, err) < 0)
		return -1;
	if (units_users(db, id, &ncases, &nsugg, err) < 0)
		goto rollback;
	if (ncases && nsugg) {
		db_failf(err, "该单位仍有 %lld 件案件、%lld 件代表建议，不能删除", (long long)ncases, (long long)nsugg);
		goto rollback;
	}
	if (ncases || nsugg) {
		db_failf(err, "该单位仍有 %lld 件%s，不能删除", (long long)(ncases ? ncases : nsugg),
			 ncases ? "案件" : "代表建议");
		goto rollback;
	}
	if (db_rec_set_deleted(db, &unit_def, id, true, err) < 0)
		goto rollback;
	return db_commit(db, err);
rollback:
	db_rollback(db);
	return -1;
}

int db_units_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &unit_def, id, false, err);
}

int db_units_names(struct db *db, int (*cb)(void *ud, int64_t id, const char *name, const char *aliases), void *ud,
		   char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1, src;
	if (db_prepare(db, "SELECT id, name, aliases FROM units WHERE deleted = 0 ORDER BY sort, id", &st, err) < 0)
		return -1;
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		if (cb(ud, sqlite3_column_int64(st, 0), db_column_text(st, 1), db_column_text(st, 2)))
			break;
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		db_fail(db, src, &unit_def, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

int db_units_find(struct db *db, const char *name, int64_t *id, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	*id = 0;
	if (db_prepare(db, "SELECT id FROM units WHERE name = ?1 AND deleted = 0", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_STATIC);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE) {
		db_fail(db, src, &unit_def, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}
