/* Generic INSERT/UPDATE/SELECT/soft delete for registers described by a struct record_def. */
#include "db/record.h"

#include "db/internal.h"

#include "core/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *db_rec_like(const char *text)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_addc(&sb, '%');
	for (const char *p = text ? text : ""; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			sb_addc(&sb, '\\');
		sb_addc(&sb, *p);
	}
	sb_addc(&sb, '%');
	return sb_take(&sb);
}

char *db_rec_select_list(const struct record_def *def)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < def->nfields; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", def->fields[i].col);
	return sb_take(&sb);
}

static int rec_nderived(const struct db_rec_derived *der)
{
	int n = 0;
	while (der && der->cols[n])
		n++;
	return n;
}

/* Bind one field value: integers as integers, empty as NULL. */
static int rec_bind_field(sqlite3_stmt *st, int idx, const struct field_def *f, const char *v)
{
	if (f->kind == FK_INT && !str_empty(v)) {
		char *end;
		errno = 0;
		long long n = strtoll(v, &end, 10);
		if (!*end && !errno)
			return sqlite3_bind_int64(st, idx, n);
	}
	return db_bind_text(st, idx, v);
}

/* Bind the fields as ?1..?n and the derived columns after them. Derived keys are bound as
 * they come (never NULL: "" stays ""), since lists sort and filter on them. */
static void rec_bind_all(sqlite3_stmt *st, const struct record_def *def, const struct db_rec_derived *der,
			 char *const *vals)
{
	int nder = rec_nderived(der);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (int i = 0; i < def->nfields; i++)
		rec_bind_field(st, i + 1, &def->fields[i], vals[i]);
	if (nder) {
		char **out = xcalloc((size_t)nder, sizeof(char *));
		der->compute(vals, out);
		for (int i = 0; i < nder; i++)
			sqlite3_bind_text(st, def->nfields + i + 1, out[i] ? out[i] : "", -1, SQLITE_TRANSIENT);
		str_free_array(out, nder);
	}
}

/* Insert rows in one transaction (nested in the caller's). many: number failures by row. */
static int rec_insert_rows(struct db *db, const struct record_def *def, const struct db_rec_derived *der,
			   char **const *rows, int nrows, bool many, int64_t *last_id, char **err)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sql;
	int nder = rec_nderived(der), rc = -1;

	sb_init(&sql);
	sb_addf(&sql, "INSERT INTO %s (", def->table);
	for (int i = 0; i < def->nfields; i++)
		sb_addf(&sql, "%s%s", i ? ", " : "", def->fields[i].col);
	for (int i = 0; i < nder; i++)
		sb_addf(&sql, ", %s", der->cols[i]);
	sb_add(&sql, ") VALUES (");
	for (int i = 0; i < def->nfields + nder; i++)
		sb_addf(&sql, "%s?%d", i ? ", " : "", i + 1);
	sb_addc(&sql, ')');

	if (db_begin(db, err) < 0)
		goto out;
	if (db_prepare(db, sql.buf, &st, err) < 0)
		goto rollback;
	for (int r = 0; r < nrows; r++) {
		rec_bind_all(st, def, der, rows[r]);
		int src = sqlite3_step(st);
		if (src != SQLITE_DONE) {
			char *m = db_error_text(src, sqlite3_errmsg(db_handle(db)), def);
			if (many)
				db_failf(err, "第 %d 条%s：%s", r + 1, def->title, m);
			else
				db_fail_msg(err, m);
			free(m);
			goto rollback;
		}
		if (last_id)
			*last_id = sqlite3_last_insert_rowid(db_handle(db));
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = db_commit(db, err);
	goto out;
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
out:
	sb_free(&sql);
	return rc;
}

int db_rec_insert(struct db *db, const struct record_def *def, const struct db_rec_derived *der, char *const *vals,
		  int64_t *id, char **err)
{
	char **const rows[1] = { (char **)vals };
	int64_t last = 0;
	int rc = rec_insert_rows(db, def, der, rows, 1, false, &last, err);
	if (id)
		*id = rc == 0 ? last : 0;
	return rc;
}

int db_rec_insert_many(struct db *db, const struct record_def *def, const struct db_rec_derived *der,
		       char **const *rows, int nrows, char **err)
{
	return rec_insert_rows(db, def, der, rows, nrows, true, NULL, err);
}

int db_rec_update(struct db *db, const struct record_def *def, const struct db_rec_derived *der, int64_t id,
		  char *const *vals, char **err)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sql;
	int nder = rec_nderived(der), rc = -1;

	sb_init(&sql);
	sb_addf(&sql, "UPDATE %s SET ", def->table);
	for (int i = 0; i < def->nfields; i++)
		sb_addf(&sql, "%s = ?%d, ", def->fields[i].col, i + 1);
	for (int i = 0; i < nder; i++)
		sb_addf(&sql, "%s = ?%d, ", der->cols[i], def->nfields + i + 1);
	sb_addf(&sql, "updated_at = %s WHERE id = ?%d AND deleted = 0", DB_NOW_SQL, def->nfields + nder + 1);

	if (db_begin(db, err) < 0)
		goto out;
	if (db_prepare(db, sql.buf, &st, err) < 0)
		goto rollback;
	rec_bind_all(st, def, der, vals);
	sqlite3_bind_int64(st, def->nfields + nder + 1, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, def, err);
		goto rollback;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		db_failf(err, "找不到这条%s记录（编号 %lld），可能已被删除", def->title, (long long)id);
		goto rollback;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = db_commit(db, err);
	goto out;
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
out:
	sb_free(&sql);
	return rc;
}

int db_rec_get(struct db *db, const struct record_def *def, int64_t id, char ***vals, char **err)
{
	sqlite3_stmt *st = NULL;
	char *cols = db_rec_select_list(def);
	char *sql = xasprintf("SELECT %s FROM %s WHERE id = ?1 AND deleted = 0", cols, def->table);
	int rc = -1;

	*vals = NULL;
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*vals = xcalloc((size_t)def->nfields, sizeof(char *));
		for (int i = 0; i < def->nfields; i++)
			(*vals)[i] = xstrdup(db_column_text(st, i));
		rc = 0;
	} else if (src == SQLITE_DONE) {
		db_failf(err, "找不到这条%s记录（编号 %lld），可能已被删除", def->title, (long long)id);
	} else {
		db_fail(db, src, def, err);
	}
out:
	sqlite3_finalize(st);
	free(sql);
	free(cols);
	return rc;
}

int db_rec_set_deleted(struct db *db, const struct record_def *def, int64_t id, bool deleted, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("UPDATE %s SET deleted = ?1, updated_at = %s WHERE id = ?2 AND deleted = ?3", def->table,
			      DB_NOW_SQL);
	int rc = -1;

	if (db_begin(db, err) < 0)
		goto out;
	if (db_prepare(db, sql, &st, err) < 0)
		goto rollback;
	sqlite3_bind_int(st, 1, deleted);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, !deleted);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, def, err);
		goto rollback;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		db_failf(err,
			 deleted ? "找不到这条%s记录（编号 %lld），可能已被删除"
				 : "这条%s记录（编号 %lld）没有被删除，无需恢复",
			 def->title, (long long)id);
		goto rollback;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = db_commit(db, err);
	goto out;
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
out:
	free(sql);
	return rc;
}

int db_links_get(struct db *db, const char *link_table, const char *key_col, const char *id_col, int64_t key,
			int64_t **ids, int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT %s FROM %s WHERE %s = ?1 ORDER BY id", id_col, link_table, key_col);
	int rc = -1, src, cap = 0;

	*ids = NULL;
	*n = 0;
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, key);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*ids = xrealloc(*ids, sizeof(int64_t) * (size_t)cap);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

int db_links_replace(struct db *db, const char *link_table, const char *key_col, const char *id_col, int64_t key,
		     const int64_t *ids, int n, char **err)
{
	sqlite3_stmt *st = NULL;
	int64_t *old = NULL;
	int nold = 0, rc = -1, src;
	char *del = xasprintf("DELETE FROM %s WHERE %s = ?1", link_table, key_col);
	char *ins = xasprintf("INSERT INTO %s (%s, %s) VALUES (?1, ?2)", link_table, key_col, id_col);

	if (db_links_get(db, link_table, key_col, id_col, key, &old, &nold, err) < 0)
		goto out;
	if (nold == n && (n == 0 || !memcmp(old, ids, sizeof(int64_t) * (size_t)n))) {
		rc = 0;
		goto out;
	}
	if (db_prepare(db, del, &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, key);
	if ((src = sqlite3_step(st)) != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (db_prepare(db, ins, &st, err) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, key);
		sqlite3_bind_int64(st, 2, ids[i]);
		if ((src = sqlite3_step(st)) != SQLITE_DONE) {
			db_fail(db, src, NULL, err);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(old);
	free(del);
	free(ins);
	return rc;
}

int db_plan_finish(struct db *db, sqlite3_stmt *st, char **plan, char **err)
{
	struct strbuf sb;
	int src, rc = 0;
	sb_init(&sb);
	sb_add(&sb, "");
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		sb_addf(&sb, "%s%s", sb.len ? "\n" : "", db_column_text(st, 3));
	if (src != SQLITE_DONE) {
		rc = db_fail(db, src, NULL, err);
		sb_free(&sb);
		*plan = NULL;
	} else {
		*plan = sb_take(&sb);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_count_finish(struct db *db, sqlite3_stmt *st, const struct record_def *def, int64_t *n, char **err)
{
	int rc = -1, src = sqlite3_step(st);
	*n = 0;
	if (src != SQLITE_ROW)
		db_fail(db, src, def, err);
	else {
		*n = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}
