/* db_check: is the file sound? SQLite's own integrity and foreign-key checks, then links the
 * schema cannot enforce, each finding a line in Chinese for `station check`.
 *
 * Links to missing rows (visit_deputies to a deputy that does not exist, reception_duty to a
 * missing reception day, ...) are all declared foreign keys, so PRAGMA foreign_key_check
 * finds every one of them, even in a file written with foreign_keys=OFF. Links to
 * soft-deleted rows are fine: the row is still there. */
#include "db/audit.h"
#include "db/internal.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

struct check_ctx {
	struct db *db;
	void (*cb)(void *ud, const char *finding);
	void *ud;
	int found;
};

static void check_report(struct check_ctx *c, char *msg)
{
	if (c->cb)
		c->cb(c->ud, msg);
	free(msg);
	c->found++;
}

/* Run sql and report one finding per row, made by fmt_row from the row. */
static int check_rows(struct check_ctx *c, const char *sql, char *(*fmt_row)(sqlite3_stmt *st), char **err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (db_prepare(c->db, sql, &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *m = fmt_row(st);
		if (m)
			check_report(c, m);
	}
	if (rc != SQLITE_DONE)
		db_fail(c->db, rc, NULL, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static char *check_fmt_integrity(sqlite3_stmt *st)
{
	const char *s = db_column_text(st, 0);
	return strcmp(s, "ok") ? xasprintf("文件完整性：%s（请从备份恢复）", s) : NULL;
}

/* Columns: table, rowid, parent, from-column. */
static char *check_fmt_fk(sqlite3_stmt *st)
{
	const char *table = db_column_text(st, 0), *parent = db_column_text(st, 2);
	return xasprintf("「%s」第 %lld 条记录的 %s 指向的「%s」记录不存在（%s.%s）", db_audit_label(table),
			 (long long)sqlite3_column_int64(st, 1), db_column_text(st, 3), db_audit_label(parent), table,
			 db_column_text(st, 3));
}

/* Columns: visit id, case_no, the case's visit id (may be NULL). */
static char *check_fmt_visit_case(sqlite3_stmt *st)
{
	long long v = sqlite3_column_int64(st, 0);
	if (sqlite3_column_type(st, 2) == SQLITE_NULL)
		return xasprintf("「接待选民登记」第 %lld 条关联的意见建议 %s 没有记下这条来源登记", v,
				 db_column_text(st, 1));
	return xasprintf("「接待选民登记」第 %lld 条关联的意见建议 %s 记下的来源却是第 %lld 条登记", v,
			 db_column_text(st, 1), (long long)sqlite3_column_int64(st, 2));
}

/* Columns: case_no, station code, year, seq, last_seq (NULL if no row). */
static char *check_fmt_case_seq(sqlite3_stmt *st)
{
	return xasprintf("意见建议编号 %s 大于 %s 年 %s 已登记的最大序号 %lld，新编号可能与它重复",
			 db_column_text(st, 0), db_column_text(st, 2), db_column_text(st, 1),
			 (long long)sqlite3_column_int64(st, 4));
}

static void check_cb(void *ud, const char *finding)
{
	struct check_ctx *c = ud;
	check_report(c, xstrdup(finding));
}

int db_check(struct db *db, void (*cb)(void *ud, const char *finding), void *ud, char **err)
{
	struct check_ctx c = { .db = db, .cb = cb, .ud = ud };
	int64_t n = 0;

	if (err)
		*err = NULL;
	if (check_rows(&c, "PRAGMA integrity_check", check_fmt_integrity, err) < 0)
		return -1;
	if (check_rows(&c,
		       "SELECT fk.\"table\", fk.rowid, fk.parent, l.\"from\" FROM pragma_foreign_key_check AS fk "
		       "LEFT JOIN pragma_foreign_key_list(fk.\"table\") AS l ON l.id = fk.fkid "
		       "ORDER BY fk.\"table\", fk.rowid",
		       check_fmt_fk, err) < 0)
		return -1;
	if (db_user_version(db) < 1)
		return c.found; /* no station schema yet: nothing more to look at */
	if (db_query_int(db, "SELECT count(*) FROM app_session WHERE id = 1", &n, err) < 0)
		return -1;
	if (n != 1)
		check_report(&c, xstrdup("缺少当前用户记录（app_session），修改记录里将没有用户名"));
	/* A visit and its case must point at each other. */
	if (check_rows(&c,
		       "SELECT v.id, c.case_no, c.visit_id FROM visits v JOIN cases c ON c.id = v.case_id "
		       "WHERE c.visit_id IS NOT v.id ORDER BY v.id",
		       check_fmt_visit_case, err) < 0)
		return -1;
	/* Case numbers <code>-<year>-<seq> must stay below the counter, or one would be reused. */
	if (check_rows(&c,
		       "SELECT x.case_no, x.code, x.year, x.seq, s.last_seq FROM ("
		       " SELECT case_no, substr(case_no, 1, instr(case_no, '-') - 1) AS code,"
		       "  CAST(substr(case_no, instr(case_no, '-') + 1, 4) AS INTEGER) AS year,"
		       "  CAST(substr(case_no, instr(case_no, '-') + 6) AS INTEGER) AS seq"
		       " FROM cases WHERE case_no GLOB '*?-[0-9][0-9][0-9][0-9]-[0-9]*') AS x "
		       "LEFT JOIN case_seq s ON s.station_code = x.code AND s.year = x.year "
		       "WHERE s.last_seq IS NULL OR s.last_seq < x.seq ORDER BY x.case_no",
		       check_fmt_case_seq, err) < 0)
		return -1;
	if (db_audit_verify(db, check_cb, &c, err) < 0)
		return -1;
	return c.found;
}
