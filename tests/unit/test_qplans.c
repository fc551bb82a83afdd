/* Query plans of every list, filter, dashboard and summary query (docs/PERFORMANCE.md): each
 * statement these functions run (caught with sqlite3_trace_v2, with its parameters as bound:
 * sqlite3_expanded_sql) is explained, and no plan may SCAN a big table (visits, cases,
 * case_events, audit_log, attendance, visit_deputies) except a page's walk down an index that
 * stops at its LIMIT. Checked twice: as a station's file is (no sqlite_stat1), and with
 * statistics made to look like a big file (ANALYZE on the fixture, row counts times 1000), so a
 * later change cannot lose an index silently either way. */
#include "tdb.h"

#include "core/calendar.h"
#include "core/config.h"
#include "core/summary.h"
#include "db/activities.h"
#include "db/cases.h"
#include "db/search.h"
#include "db/suggestions.h"
#include "db/summary.h"
#include "db/visits.h"

#include <ctype.h>
#include <string.h>

static const char *const big_tables[] = { "visits",     "cases",          "case_events", "audit_log",
					  "attendance", "visit_deputies", NULL };

static char **stmts;
static int nstmts;

static int trace_cb(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx, (void)x;
	if (type != SQLITE_TRACE_STMT)
		return 0;
	char *sql = sqlite3_expanded_sql(p);
	if (sql && !strncmp(sql, "SELECT", 6)) {
		stmts = xrealloc(stmts, sizeof *stmts * (size_t)(nstmts + 1));
		stmts[nstmts++] = xstrdup(sql);
	}
	sqlite3_free(sql);
	return 0;
}

/* The table an alias or name in a plan line stands for in sql ("FROM visits v" -> v is visits). */
static const char *big_table_of(const char *sql, const char *name)
{
	for (const char *const *t = big_tables; *t; t++) {
		if (!strcmp(name, *t))
			return *t;
		char *pat = xasprintf(" %s %s", *t, name);
		const char *hit = strstr(sql, pat);
		size_t n = strlen(pat);
		free(pat);
		if (hit && !isalnum((unsigned char)hit[n]) && hit[n] != '_')
			return *t;
	}
	return NULL;
}

struct plan_ctx {
	const char *sql;
	int bad;
};

/* One plan line: a SCAN of a big table is wrong unless it walks an index under a LIMIT. */
static void plan_line(struct plan_ctx *c, const char *detail)
{
	char name[64];
	if (sscanf(detail, "SCAN %63s", name) != 1)
		return;
	const char *t = big_table_of(c->sql, name);
	if (!t)
		return;
	bool walk = strstr(detail, " USING ") && strstr(c->sql, " LIMIT ") && !strstr(c->sql, "count(") &&
		!strstr(c->sql, "sum(");
	/* The 1-2 character route (db/search.h): LIKE (or instr(), for a text without ASCII
	 * letters) under a LIMIT (a page, or the count capped at
	 * SEARCH_COUNT_CAP), abandoned when a key comes. */
	bool short_text = (strstr(c->sql, " LIKE '%") || strstr(c->sql, "instr(")) && strstr(c->sql, " LIMIT ");
	/* (The count of a whole register, the period cleared and nothing typed, was an exception
	 * here until schema 0021: it is a sum of visit_days / case_days now.) */
	if (walk || short_text)
		return;
	fprintf(stderr, "  SCAN of %s: %s\n    in %s\n", t, detail, c->sql);
	c->bad++;
}

static int explain_all(void)
{
	int bad = 0;
	for (int i = 0; i < nstmts; i++) {
		char *q = xasprintf("EXPLAIN QUERY PLAN %s", stmts[i]);
		sqlite3_stmt *st = NULL;
		struct plan_ctx c = { stmts[i], 0 };
		if (sqlite3_prepare_v2(db_handle(db), q, -1, &st, NULL) == SQLITE_OK) {
			while (sqlite3_step(st) == SQLITE_ROW)
				plan_line(&c, (const char *)sqlite3_column_text(st, 3));
		}
		sqlite3_finalize(st);
		free(q);
		bad += c.bad;
	}
	return bad;
}

static int vrow(void *ud, const struct visit_row *r) { return (void)ud, (void)r, 0; }
static int crow(void *ud, const struct case_row *r) { return (void)ud, (void)r, 0; }
static int srow(void *ud, int64_t id, const char *const *v) { return (void)ud, (void)id, (void)v, 0; }
static int arow(void *ud, const struct activity_row *r) { return (void)ud, (void)r, 0; }

/* Every list, filter, dashboard and summary query, with the filters a clerk can set. */
static void run_queries(const struct calendar *cal)
{
	int64_t n, m;
	static const char *const texts[] = { NULL, "农", "农业", "农业保险", "13800" };
	for (size_t t = 0; t < ARRAY_LEN(texts); t++) {
		const struct visit_filter vf[] = {
			{ .text = texts[t] },
			{ .text = texts[t], .month = "2026-10" },
			{ .text = texts[t], .date_from = "2026-10-01", .date_to = "2026-12-31" },
			{ .text = texts[t], .deputy_id = 1 },
			{ .text = texts[t], .deputy_id = 1, .date_from = "2026-10-01", .date_to = "2026-12-31" },
			{ .text = texts[t], .reception_day_id = 1 },
			{ .text = texts[t], .category = "城乡建设", .month = "2026-11" },
			{ .text = texts[t], .channel = "电话", .month = "2026-11" },
			{ .text = texts[t], .handling = "交办", .month = "2026-11" },
			{ .text = texts[t], .month = "2026-11", .before_date = "2026-11-20", .before_id = 9 },
		};
		for (size_t i = 0; i < ARRAY_LEN(vf); i++) {
			struct visit_filter capped = vf[i];
			capped.count_cap = texts[t] ? SEARCH_COUNT_CAP : 0;
			db_visits_count(db, &capped, &n, &m, NULL);
			db_visits_page(db, &vf[i], 0, 30, vrow, NULL, NULL);
		}
		const struct case_filter cf[] = {
			{ .text = texts[t] },
			{ .text = texts[t], .status = "办理中" },
			{ .text = texts[t], .overdue = true, .cal = cal, .today = "2026-11-16", .soon_days = 3 },
			{ .text = texts[t], .due_soon = true, .cal = cal, .today = "2026-11-16", .soon_days = 3 },
			{ .text = texts[t], .unit_id = 1 },
			{ .text = texts[t],
			  .category = "城乡建设",
			  .date_from = "2026-10-01",
			  .date_to = "2026-12-31" },
			{ .text = texts[t], .date_from = "2026-10-01", .date_to = "2026-12-31" },
		};
		for (size_t i = 0; i < ARRAY_LEN(cf); i++) {
			struct case_filter capped = cf[i];
			capped.count_cap = texts[t] ? SEARCH_COUNT_CAP : 0;
			capped.cal = cal;
			db_cases_counts(db, &capped, &n, &m, NULL);
			db_cases_page(db, &capped, CASE_SORT_RECEIVED, true, 0, 30, crow, NULL, NULL);
			db_cases_page(db, &capped, CASE_SORT_DUE, false, 0, 30, crow, NULL, NULL);
		}
	}
	struct case_todo_counts tc;
	struct case_stats cs;
	db_cases_todo_counts(db, cal, "2026-11-16", 3, &tc, NULL);
	db_cases_overdue(db, cal, "2026-11-16", 5, crow, NULL, NULL);
	db_cases_due_soon(db, cal, "2026-11-16", 3, 5, crow, NULL, NULL);
	db_cases_stats(db, "2026-11-01", "2026-11-30", &cs, NULL);
	db_cases_stats(db, "2026-10-01", "2026-12-31", &cs, NULL);
	struct summary s;
	summary_init(&s, "BM01", "测试站", "2026年第四季度", "2026-10-01", "2026-12-31");
	struct summary_opts so = { 3, cal, { .assign_days = 3, .followup_days = 5 } };
	db_summary(db, &s, &so, NULL);
	summary_free(&s);
	db_visits_count(db, &(struct visit_filter){ .month = "2026-11" }, &n, &m, NULL);
	db_suggestions_count(db, &(struct suggestion_filter){ .text = "农业" }, &n, NULL);
	db_suggestions_page(db, &(struct suggestion_filter){ .year = "2026" }, 0, true, 0, 30, srow, NULL, NULL);
	db_activities_count(db, &(struct activity_filter){ .date_from = "2026-10-01", .date_to = "2026-12-31" }, &n,
			    NULL);
	db_activities_page(db, &(struct activity_filter){ .text = "调研" }, 0, true, 0, 30, arow, NULL, NULL);
	db_activities_receptions(db, 1, 2026, "2026-11-16", &n, NULL); /* the roster's 本年接待, per row */
}

/* A few rows in each big table, so every query has something to plan against. */
static void fixture(void)
{
	char *err = NULL;
	CHECK_INT(
		db_exec(db,
			"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 400)"
			" INSERT INTO visits (date, channel, visitor_name, visitor_phone, content, category, handling)"
			" SELECT printf('2026-%02d-%02d', 1 + i % 11, 1 + i % 28), '日常来访', '访客' || (i % 97),"
			" '1380000' || i, '农业保险' || i, '城乡建设', CASE WHEN i % 3 THEN '当场答复' ELSE '交办' END"
			" FROM k;"
			" WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)"
			" INSERT INTO cases (case_no, summary, content, received_date, status, due_date)"
			" SELECT printf('BM01-2026-%04d', i), '摘要' || i, '农业' || i,"
			" printf('2026-%02d-%02d', 1 + i % 11, 1 + i % 28),"
			" CASE WHEN i % 4 = 0 THEN '办结' ELSE '办理中' END, printf('2026-%02d-10', 1 + i % 12)"
			" FROM k WHERE i <= 200;",
			&err),
		0);
	if (err)
		fprintf(stderr, "  fixture: %s\n", err);
	free(err);
}

TEST(t_plans_without_stats)
{
	struct cfg cfg;
	char *err = NULL;
	cfg_defaults(&cfg);
	struct calendar *cal = calendar_new(&cfg, &err);
	tdb_open("qplans");
	fixture();
	sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT, trace_cb, NULL);
	run_queries(cal); /* texts of 3+ characters: the scan under its budget (it ends in time here) */
	search_force_route = SEARCH_FTS;
	run_queries(cal); /* ... and through the full-text index, as on a big file */
	search_force_route = SEARCH_NONE;
	sqlite3_trace_v2(db_handle(db), 0, NULL, NULL);
	CHECK(nstmts > 100);
	CHECK_INT(explain_all(), 0);

	/* The same statements with statistics of a big file. */
	CHECK_INT(db_exec(db, "ANALYZE", NULL), 0);
	CHECK_INT(
		db_exec(db,
			"UPDATE sqlite_stat1 SET stat = (SELECT group_concat(CASE WHEN k = 1 OR v > 1"
			" THEN v * 1000 ELSE v END, ' ') FROM (SELECT key + 1 AS k, CAST(value AS INTEGER) AS v"
			" FROM json_each('[' || replace(stat, ' ', ',') || ']')))"
			" WHERE tbl IN ('visits', 'cases', 'case_events', 'audit_log', 'attendance', 'visit_deputies');"
			/* Visits on reception days, cases of a unit, the case of a visit: the fixture leaves
			 * them unset. */
			" UPDATE sqlite_stat1 SET stat = '1000000 300' WHERE idx = 'visits_reception_day';"
			" UPDATE sqlite_stat1 SET stat = '300000 3000' WHERE idx = 'cases_unit';"
			" UPDATE sqlite_stat1 SET stat = '300000 1' WHERE idx = 'cases_visit';"
			" ANALYZE sqlite_schema",
			NULL),
		0);
	CHECK(q_int("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'visits'") > 0);
	CHECK_INT(explain_all(), 0);
	str_free_array(stmts, nstmts);
	stmts = NULL;
	nstmts = 0;
	tdb_close();
	calendar_free(cal);
	cfg_free(&cfg);
}

int main(void)
{
	RUN(t_plans_without_stats);
	return t_done();
}
