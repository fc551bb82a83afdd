/* db_check: is the file sound? SQLite's own integrity and foreign-key checks, then links the
 * schema cannot enforce, each finding a line in Chinese for `station check`.
 *
 * Links to missing rows (visit_deputies to a deputy that does not exist, reception_duty to a
 * missing reception day, ...) are all declared foreign keys, so PRAGMA foreign_key_check
 * finds every one of them, even in a file written with foreign_keys=OFF. Links to
 * soft-deleted rows are fine: the row is still there.
 *
 * A damaged file (integrity_check finds anything, or SQLite meets SQLITE_CORRUPT while
 * checking) is described in plain Chinese instead of SQLite's English lines: which table or
 * index, which pages (found with the dbstat table, which walks every b-tree once and marks
 * unreadable pages "corrupted"). The connection is then marked damaged and the other checks
 * are skipped: their answers mean nothing until the file is restored. */
#include "db/audit.h"
#include "db/internal.h"

#include "core/util.h"

#include <ctype.h>
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

/* ---- damage ---- */

/* What integrity_check said, and which pages and objects it names. */
struct check_damage {
	char **lines; /* SQLite's lines, owned */
	int nlines;
	bool aborted;  /* the check stopped with SQLITE_CORRUPT */
	int64_t *pages; /* page numbers named by the lines, owned */
	int npages;
};

static void damage_free(struct check_damage *d)
{
	str_free_array(d->lines, d->nlines);
	free(d->pages);
}

/* The number after "page " (any case) in line, or 0. */
static int64_t damage_page_of(const char *line)
{
	for (const char *p = line; (p = strcasestr(p, "page ")) != NULL; p += 5)
		if (isdigit((unsigned char)p[5]))
			return strtoll(p + 5, NULL, 10);
	return 0;
}

/* Run PRAGMA integrity_check into d. 0, or -1 with *err if it could not run at all. */
static int damage_collect(struct check_ctx *c, struct check_damage *d, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db_handle(c->db), "PRAGMA integrity_check", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = SQLITE_ROW;
	while (rc == SQLITE_ROW && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = db_column_text(st, 0);
		if (!strcmp(s, "ok"))
			continue;
		/* One row may hold several lines. */
		char *copy = xstrdup(s), *save = NULL;
		for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			if (!strncmp(l, "*** in database", 15))
				continue;
			d->lines = xrealloc(d->lines, (size_t)(d->nlines + 1) * sizeof *d->lines);
			d->lines[d->nlines++] = xstrdup(l);
			int64_t pg = damage_page_of(l);
			if (pg > 0) {
				d->pages = xrealloc(d->pages, (size_t)(d->npages + 1) * sizeof *d->pages);
				d->pages[d->npages++] = pg;
			}
		}
		free(copy);
	}
	if (rc == SQLITE_DONE) {
		rc = 0;
	} else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
		d->aborted = true;
		rc = 0;
	} else {
		rc = db_fail(c->db, rc, NULL, err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* "表 visits（接待选民登记）" or "索引 visits_date（接待选民登记的索引）" for a schema object. New. */
static char *damage_object(struct db *db, const char *name)
{
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	if (!strcmp(name, "sqlite_schema") || !strcmp(name, "sqlite_master"))
		return xstrdup("表结构（sqlite_master）");
	if (sqlite3_prepare_v2(db_handle(db), "SELECT type, tbl_name FROM sqlite_master WHERE name = ?1", -1, &st,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && !strcmp(db_column_text(st, 0), "index")) {
			const char *label = db_audit_label(db_column_text(st, 1));
			out = xasprintf("索引 %s（%s的索引，可以重建）", name, label);
		}
	}
	sqlite3_finalize(st);
	if (!out) {
		const char *label = db_audit_label(name);
		out = strcmp(label, name) ? xasprintf("表 %s（%s）", name, label) : xasprintf("表 %s", name);
	}
	return out;
}

static bool damage_wanted(const struct check_damage *d, int64_t page)
{
	for (int i = 0; i < d->npages; i++)
		if (d->pages[i] == page)
			return true;
	return false;
}

/* One finding per damaged object, with its pages: one walk of dbstat, taking the pages named
 * by integrity_check and the pages dbstat itself cannot read. Marks found pages 0 in d. */
static void damage_report_objects(struct check_ctx *c, struct check_damage *d)
{
	sqlite3_stmt *st = NULL;
	struct strbuf names, cur;
	sb_init(&names); /* "name\tpage,page\n" per object, in the order met */
	char *last = NULL;
	sb_init(&cur);
	if (sqlite3_prepare_v2(db_handle(c->db), "SELECT name, pageno, pagetype FROM dbstat", -1, &st, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t pg = sqlite3_column_int64(st, 1);
			if (!damage_wanted(d, pg) && strcmp(db_column_text(st, 2), "corrupted"))
				continue;
			const char *name = db_column_text(st, 0);
			for (int i = 0; i < d->npages; i++)
				if (d->pages[i] == pg)
					d->pages[i] = 0;
			if (!last || strcmp(last, name)) {
				if (last) {
					char *obj = damage_object(c->db, last);
					check_report(c, xasprintf("%s第 %s 页损坏", obj, cur.buf));
					free(obj);
				}
				free(last);
				last = xstrdup(name);
				sb_free(&cur);
				sb_init(&cur);
			}
			sb_addf(&cur, "%s%lld", cur.len ? "、" : "", (long long)pg);
		}
	}
	sqlite3_finalize(st);
	if (last) {
		char *obj = damage_object(c->db, last);
		check_report(c, xasprintf("%s第 %s 页损坏", obj, cur.buf));
		free(obj);
	}
	free(last);
	sb_free(&cur);
	sb_free(&names);
}

/* The identifier after "index " in line (new), or NULL. */
static char *damage_index_of(const char *line)
{
	const char *p = strstr(line, "index ");
	if (!p)
		return NULL;
	p += 6;
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
	return n ? xstrndup(p, n) : NULL;
}

/* Every problem integrity_check found, in Chinese. */
static void damage_report(struct check_ctx *c, struct check_damage *d)
{
	int before = c->found;
	bool other = false;
	char **seen = NULL;
	int nseen = 0;
	damage_report_objects(c, d);
	for (int i = 0; i < d->npages; i++)
		if (d->pages[i] > 0 && !damage_wanted(d, -d->pages[i])) {
			check_report(c, xasprintf("数据库文件第 %lld 页有误（不属于任何表）", (long long)d->pages[i]));
			d->pages[i] = -d->pages[i]; /* once per page */
		}
	for (int i = 0; i < d->nlines; i++) {
		if (damage_page_of(d->lines[i]) > 0)
			continue; /* reported by page above */
		char *idx = damage_index_of(d->lines[i]);
		if (!idx) {
			other = true;
			continue;
		}
		bool dup = false;
		for (int j = 0; j < nseen && !dup; j++)
			dup = !strcmp(seen[j], idx);
		if (dup) {
			free(idx);
			continue;
		}
		char *obj = damage_object(c->db, idx);
		check_report(c, xasprintf("%s与表中的数据不一致", obj));
		free(obj);
		seen = xrealloc(seen, (size_t)(nseen + 1) * sizeof *seen);
		seen[nseen++] = idx;
	}
	str_free_array(seen, nseen);
	if (other || c->found == before)
		check_report(c, xstrdup("数据库文件的内部结构有误"));
	if (d->aborted)
		check_report(c, xstrdup("完整性检查在损坏处停了下来，可能还有没列出的损坏"));
}

/* integrity_check: 1 if the file is damaged (reported, connection marked), 0 if sound, -1. */
static int check_integrity(struct check_ctx *c, char **err)
{
	struct check_damage d = { 0 };
	if (damage_collect(c, &d, err) < 0)
		return -1;
	int damaged = d.nlines > 0 || d.aborted;
	if (damaged) {
		db_mark_damaged(c->db);
		damage_report(c, &d);
	}
	damage_free(&d);
	return damaged;
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

/* Columns: year, deputy id, walk, counted visits and people, recorded visits and people. */
static char *check_fmt_visit_years(sqlite3_stmt *st)
{
	return xasprintf("履职积分里代表第 %lld 号 %lld 年的%s计数是 %lld 次 %lld 人，接待选民登记里是 %lld 次 %lld 人"
			 "（计数由触发器维护，可能被绕过了；请联系技术人员）",
			 (long long)sqlite3_column_int64(st, 1), (long long)sqlite3_column_int64(st, 0),
			 sqlite3_column_int(st, 2) ? "走访选民" : "接待选民", (long long)sqlite3_column_int64(st, 3),
			 (long long)sqlite3_column_int64(st, 4), (long long)sqlite3_column_int64(st, 5),
			 (long long)sqlite3_column_int64(st, 6));
}

#define CHECK_BYPASSED "（计数由触发器维护，可能被绕过了；请联系技术人员）"

/* The per-day counts (schema 0019, 0021) against the records: key, counted, recounted. */
static char *check_fmt_visit_days(sqlite3_stmt *st)
{
	return xasprintf("每天来访计数里 %s 是 %lld 次 %lld 人，接待选民登记里是 %lld 次 %lld 人" CHECK_BYPASSED,
			 (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
			 (long long)sqlite3_column_int64(st, 2), (long long)sqlite3_column_int64(st, 3),
			 (long long)sqlite3_column_int64(st, 4));
}

static char *check_fmt_case_days(sqlite3_stmt *st)
{
	return xasprintf("每天受理计数里 %s 是 %lld 件（办结 %lld 件），意见建议办理簿里是 %lld 件（办结 %lld 件）" CHECK_BYPASSED,
			 (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
			 (long long)sqlite3_column_int64(st, 2), (long long)sqlite3_column_int64(st, 3),
			 (long long)sqlite3_column_int64(st, 4));
}

static char *check_fmt_deputy_days(sqlite3_stmt *st)
{
	return xasprintf("代表每天接待计数里代表第 %lld 号 %s 是 %lld 次，接待选民登记里是 %lld 次" CHECK_BYPASSED,
			 (long long)sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			 (long long)sqlite3_column_int64(st, 2), (long long)sqlite3_column_int64(st, 3));
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
	int damaged = check_integrity(&c, err);
	if (damaged < 0)
		return -1;
	if (damaged)
		return c.found; /* other checks only after the file is restored */
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
	/* The visit counts per deputy and year (schema 0012) must equal the records they count. */
	if (db_user_version(db) >= 12 &&
	    check_rows(&c,
		       "WITH r AS (SELECT CAST(substr(v.date, 1, 4) AS INTEGER) AS year, x.deputy_id, v.channel = '走访'"
		       "  AS walk, count(*) AS n, sum(v.people) AS p FROM visits v JOIN visit_deputies x ON x.visit_id = v.id"
		       "  WHERE v.deleted = 0 GROUP BY 1, 2, 3), k AS (SELECT year, deputy_id, walk, visits AS n,"
		       "  people AS p FROM deputy_visit_years WHERE visits <> 0 OR people <> 0) "
		       "SELECT k.year, k.deputy_id, k.walk, k.n, k.p, coalesce(r.n, 0), coalesce(r.p, 0) FROM k"
		       " LEFT JOIN r USING (year, deputy_id, walk) WHERE r.n IS NOT k.n OR r.p IS NOT k.p "
		       "UNION ALL SELECT r.year, r.deputy_id, r.walk, 0, 0, r.n, r.p FROM r LEFT JOIN k USING (year, deputy_id, walk)"
		       " WHERE k.n IS NULL ORDER BY 1, 2, 3",
		       check_fmt_visit_years, err) < 0)
		return -1;
	/* The same for the per-day counts: the roster's 本年接待 (0019), the lists' totals (0021). */
	if (db_user_version(db) >= 19 &&
	    check_rows(&c,
		       "WITH r AS (SELECT x.deputy_id, v.date, count(*) AS n FROM visits v JOIN visit_deputies x"
		       "  ON x.visit_id = v.id WHERE v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访') GROUP BY 1, 2),"
		       " k AS (SELECT deputy_id, date, visits AS n FROM deputy_visit_days WHERE visits <> 0) "
		       "SELECT k.deputy_id, k.date, k.n, coalesce(r.n, 0) FROM k LEFT JOIN r USING (deputy_id, date)"
		       " WHERE r.n IS NOT k.n "
		       "UNION ALL SELECT r.deputy_id, r.date, 0, r.n FROM r LEFT JOIN k USING (deputy_id, date)"
		       " WHERE k.n IS NULL ORDER BY 1, 2",
		       check_fmt_deputy_days, err) < 0)
		return -1;
	if (db_user_version(db) >= 21 &&
	    (check_rows(&c,
			"WITH r AS (SELECT date, count(*) AS a, sum(people) AS b FROM visits WHERE deleted = 0 GROUP BY 1),"
			" k AS (SELECT date, visits AS a, people AS b FROM visit_days WHERE visits <> 0 OR people <> 0) "
			"SELECT k.date, k.a, k.b, coalesce(r.a, 0), coalesce(r.b, 0) FROM k LEFT JOIN r USING (date)"
			" WHERE r.a IS NOT k.a OR r.b IS NOT k.b "
			"UNION ALL SELECT r.date, 0, 0, r.a, r.b FROM r LEFT JOIN k USING (date) WHERE k.a IS NULL ORDER BY 1",
			check_fmt_visit_days, err) < 0 ||
	     check_rows(&c,
			"WITH r AS (SELECT received_date AS date, count(*) AS a, sum(status = '办结') AS b FROM cases"
			"  WHERE deleted = 0 GROUP BY 1),"
			" k AS (SELECT date, cases AS a, closed AS b FROM case_days WHERE cases <> 0 OR closed <> 0) "
			"SELECT k.date, k.a, k.b, coalesce(r.a, 0), coalesce(r.b, 0) FROM k LEFT JOIN r USING (date)"
			" WHERE r.a IS NOT k.a OR r.b IS NOT k.b "
			"UNION ALL SELECT r.date, 0, 0, r.a, r.b FROM r LEFT JOIN k USING (date) WHERE k.a IS NULL ORDER BY 1",
			check_fmt_case_days, err) < 0))
		return -1;
	if (db_audit_verify(db, check_cb, &c, err) < 0)
		return -1;
	/* The log itself: rows changed or deleted outside the program (the hash chain). */
	if (db_audit_chain_verify(db, check_cb, &c, err) < 0)
		return -1;
	return c.found;
}
