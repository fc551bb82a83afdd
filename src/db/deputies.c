/* 代表名册 in SQL: list pages with filter and sort, and the generic record writes with the
 * pinyin keys derived from the name. */
#include "db/deputies.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/deputy.h"
#include "core/pinyin.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const deputies_derived_cols[] = { "name_py", "name_initials", NULL };

static void deputies_compute(char *const *vals, char **out)
{
	out[0] = pinyin_sortkey(vals[DEP_NAME]);
	out[1] = pinyin_initials(vals[DEP_NAME]);
}

static const struct db_rec_derived deputies_derived = {
	.cols = deputies_derived_cols,
	.compute = deputies_compute,
};

/* The filter of struct deputy_filter. Parameters: ?1 include 离任, ?2 level or NULL,
 * ?3 LIKE pattern or NULL, ?4 the text itself, ?5 text may be pinyin (match the keys). */
static const char deputies_where[] =
	" WHERE deleted = 0 AND (?1 OR status <> '离任') AND (?2 IS NULL OR level = ?2)"
	" AND (?3 IS NULL OR name LIKE ?3 ESCAPE '\\' OR phone LIKE ?3 ESCAPE '\\'"
	" OR replace(phone, '-', '') LIKE ?3 ESCAPE '\\' OR work_unit LIKE ?3 ESCAPE '\\' OR level = ?4"
	" OR (?5 AND (name_initials LIKE ?3 ESCAPE '\\' OR replace(name_py, ' ', '') LIKE ?3 ESCAPE '\\')))";

/* True if s could be typed pinyin: ASCII letters (and digits, which initials keep), with at
 * least one letter, so that a phone number does not search the pinyin keys. */
static bool deputies_pinyin_text(const char *s)
{
	bool letter = false;
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			letter = true;
		else if (!(*s >= '0' && *s <= '9'))
			return false;
	}
	return letter;
}

/* Bind ?1..?5 of deputies_where. */
static void deputies_bind_filter(sqlite3_stmt *st, const struct deputy_filter *f)
{
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	sqlite3_bind_int(st, 1, f ? f->include_left : 0);
	db_bind_text(st, 2, f ? f->level : NULL);
	if (*text) {
		char *like = db_rec_like(text);
		sqlite3_bind_text(st, 3, like, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 5, deputies_pinyin_text(text));
		free(like);
	} else {
		sqlite3_bind_null(st, 3);
		sqlite3_bind_null(st, 4);
		sqlite3_bind_int(st, 5, 0);
	}
	free(text);
}

int db_deputies_count(struct db *db, const struct deputy_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*) FROM deputies%s", deputies_where);
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	*n = 0;
	if (rc < 0)
		return -1;
	deputies_bind_filter(st, f);
	return db_count_finish(db, st, &deputy_def, n, err);
}

/* ORDER BY clause (without the keywords) for a field. Column names and choices are the
 * program's constants; choices are quoted as SQL literals by sqlite3_mprintf's %Q. */
static char *deputies_order(int field, bool desc)
{
	const char *dir = desc ? "DESC" : "ASC";
	if (field < 0 || field >= DEP_NFIELDS || field == DEP_NAME)
		return xasprintf("name_py %s, name %s, id %s", dir, dir, dir);
	const struct field_def *fd = &deputy_def.fields[field];
	struct strbuf sb;
	sb_init(&sb);
	sb_addf(&sb, "(%s IS NULL), ", fd->col);
	if (fd->kind == FK_CHOICE && fd->choices) {
		int i = 0;
		sb_addf(&sb, "CASE %s", fd->col);
		for (; fd->choices[i]; i++) {
			char *lit = sqlite3_mprintf("%Q", fd->choices[i]);
			if (!lit)
				die("内存不足 (out of memory)");
			sb_addf(&sb, " WHEN %s THEN %d", lit, i);
			sqlite3_free(lit);
		}
		sb_addf(&sb, " ELSE %d END %s, ", i, dir);
	}
	sb_addf(&sb, "%s %s, id %s", fd->col, dir, dir);
	return sb_take(&sb);
}

int db_deputies_page(struct db *db, const struct deputy_filter *f, int sort_field, bool desc, int64_t offset, int limit,
		     deputy_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char *cols = db_rec_select_list(&deputy_def);
	char *order = deputies_order(sort_field, desc);
	char *sql =
		xasprintf("SELECT id, %s FROM deputies%s ORDER BY %s LIMIT ?6 OFFSET ?7", cols, deputies_where, order);
	int rc = -1;

	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	deputies_bind_filter(st, f);
	sqlite3_bind_int(st, 6, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 7, offset < 0 ? 0 : offset);
	if (db_step_id_rows(db, st, DEP_NFIELDS, cb, ud, &deputy_def, err) < 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	free(order);
	free(cols);
	return rc;
}

int db_deputies_get(struct db *db, int64_t id, char ***vals, char **err)
{
	return db_rec_get(db, &deputy_def, id, vals, err);
}

int db_deputies_insert(struct db *db, char *const *vals, int64_t *id, char **err)
{
	return db_rec_insert(db, &deputy_def, &deputies_derived, vals, id, err);
}

int db_deputies_update(struct db *db, int64_t id, char *const *vals, char **err)
{
	return db_rec_update(db, &deputy_def, &deputies_derived, id, vals, err);
}

int db_deputies_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &deputy_def, id, true, err);
}

int db_deputies_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &deputy_def, id, false, err);
}

int db_deputies_insert_many(struct db *db, char **const *rows, int nrows, char **err)
{
	return db_rec_insert_many(db, &deputy_def, &deputies_derived, rows, nrows, err);
}

int db_deputies_briefs(struct db *db, bool include_left, const int64_t *keep, int nkeep, struct deputy_brief **out,
		       int *n, char **err)
{
	static const char sql[] =
		"SELECT id, name, level, work_unit, card_no, status, deleted FROM deputies"
		" WHERE (deleted = 0 AND (?1 OR status = '在任')) OR id IN (SELECT value FROM json_each(?2))"
		" ORDER BY name_py, name, id";
	sqlite3_stmt *st = NULL;
	struct deputy_brief *v = NULL;
	int rc = -1, cap = 0, cnt = 0, src;
	struct strbuf js;

	*out = NULL;
	*n = 0;
	sb_init(&js);
	sb_add(&js, "[");
	for (int i = 0; i < nkeep; i++)
		sb_addf(&js, "%s%lld", i ? "," : "", (long long)keep[i]);
	sb_add(&js, "]");
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	sqlite3_bind_int(st, 1, include_left);
	sqlite3_bind_text(st, 2, js.buf, -1, SQLITE_TRANSIENT);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap)
			v = xrealloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 32));
		v[cnt++] = (struct deputy_brief){
			.id = sqlite3_column_int64(st, 0),
			.name = xstrdup(db_column_text(st, 1)),
			.level = xstrdup(db_column_text(st, 2)),
			.unit = xstrdup(db_column_text(st, 3)),
			.card_no = xstrdup(db_column_text(st, 4)),
			.status = xstrdup(db_column_text(st, 5)),
			.deleted = sqlite3_column_int(st, 6) != 0,
		};
	}
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	*out = v;
	*n = cnt;
	v = NULL;
	cnt = 0;
	rc = 0;
out:
	deputy_briefs_free(v, cnt);
	sb_free(&js);
	sqlite3_finalize(st);
	return rc;
}

int db_deputies_linked(struct db *db, const char *link_table, const char *key_col, int64_t key, int64_t **ids,
		       char ***names, int *n, char **text, char **err)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sb;
	int rc = -1, src, cap = 0;
	char *sql = xasprintf("SELECT d.id, d.name FROM %s t JOIN deputies d ON d.id = t.deputy_id"
			      " WHERE t.%s = ?1 ORDER BY t.id",
			      link_table, key_col);

	sb_init(&sb);
	sb_add(&sb, "");
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, key);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*ids = xrealloc(*ids, sizeof **ids * (size_t)cap);
			*names = xrealloc(*names, sizeof **names * (size_t)cap);
		}
		(*ids)[*n] = sqlite3_column_int64(st, 0);
		(*names)[*n] = xstrdup(db_column_text(st, 1));
		sb_addf(&sb, "%s%s", *n ? RECORD_MULTI_SEP : "", (*names)[*n]);
		(*n)++;
	}
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	*text = sb_take(&sb);
	return rc;
}
