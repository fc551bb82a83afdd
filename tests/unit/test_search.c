/* The typed filter's routes (db/search.h): 3+ characters through the FTS5 trigram indexes,
 * 1-2 through LIKE; the same rows whichever route answers (visits and cases, on a fixture of
 * names, content, phones and case numbers, with quotes, LIKE's own characters, ASCII case);
 * the indexes kept in step by the triggers; the capped count; a query abandoned when a key is
 * pending; and the build of the indexes for a file made before schema 0018, with its progress. */
#include "tdb.h"

#include "db/cases.h"
#include "db/migrate.h"
#include "db/search.h"
#include "db/visits.h"

#include <string.h>

static const char *const surnames[] = { "张", "王", "李", "赵", "刘", "陈", "欧阳" };
static const char *const given[] = { "三", "伟", "秀英", "建国", "小明", "Anna", "强" };
static const char *const phrases[] = {
	"反映小区停车难", "农业保险理赔慢",   "路灯不亮，晚上出行不便", "希望增设公交线路", "噪音扰民（装修）",
	"ABC物业费上涨",  "abc 公司拖欠工资", "建议100%覆盖",           "下水道堵塞_急",    "说\"再等等\"没人管",
	"养老金发放",     "校门口交通拥堵",   "农村道路硬化",           "医保报销比例",     "张三家漏水",
	"低保申请进度",
};

/* Fixture: n visits and n/2 cases whose texts combine the lists above deterministically. */
static void fixture(int n)
{
	sqlite3 *h = db_handle(db);
	sqlite3_stmt *v = NULL, *c = NULL;
	sqlite3_prepare_v2(h,
			   "INSERT INTO visits (date, channel, visitor_name, visitor_phone, content, people)"
			   " VALUES (?1, '日常来访', ?2, ?3, ?4, 1 + ?5 % 3)",
			   -1, &v, NULL);
	sqlite3_prepare_v2(h, "INSERT INTO cases (case_no, summary, content, received_date) VALUES (?1, ?2, ?3, ?4)",
			   -1, &c, NULL);
	sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
	unsigned x = 7;
	for (int i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		char date[11], name[64], phone[16], content[256], no[32];
		snprintf(date, sizeof date, "2026-%02u-%02u", 1 + (x >> 8) % 11, 1 + (x >> 12) % 28);
		snprintf(name, sizeof name, "%s%s", surnames[(x >> 16) % ARRAY_LEN(surnames)],
			 given[(x >> 19) % ARRAY_LEN(given)]);
		snprintf(phone, sizeof phone, "1%010u", (x >> 3) % 1000000000u);
		snprintf(content, sizeof content, "%s，%s", phrases[(x >> 21) % ARRAY_LEN(phrases)],
			 phrases[(x >> 25) % ARRAY_LEN(phrases)]);
		sqlite3_reset(v);
		sqlite3_bind_text(v, 1, date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(v, 2, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(v, 3, i % 5 ? phone : NULL, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(v, 4, content, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(v, 5, i);
		CHECK_INT(sqlite3_step(v), SQLITE_DONE);
		if (i % 2)
			continue;
		snprintf(no, sizeof no, "BM01-2026-%04d", i / 2 + 1);
		sqlite3_reset(c);
		sqlite3_bind_text(c, 1, no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(c, 2, phrases[(x >> 21) % ARRAY_LEN(phrases)], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(c, 3, content, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(c, 4, date, -1, SQLITE_TRANSIENT);
		CHECK_INT(sqlite3_step(c), SQLITE_DONE);
	}
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(v);
	sqlite3_finalize(c);
}

static int visit_id_cb(void *ud, const struct visit_row *r)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%lld,", (long long)r->id);
	return 0;
}

static int case_id_cb(void *ud, const struct case_row *r)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%lld,", (long long)r->id);
	return 0;
}

/* The ids of every visit and every case the text finds, on the given route (SEARCH_NONE: as
 * the program runs it, the scan under its budget then the index; SEARCH_SHORT: LIKE;
 * SEARCH_FTS: the index at once), and the visits' count (*n). New string. */
static char *found(const char *text, enum search_route route, int64_t *n)
{
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	search_force_route = route;
	struct visit_filter vf = { .text = text };
	CHECK_INT(db_visits_page(db, &vf, 0, -1, visit_id_cb, &sb, &err), 0);
	CHECK_INT(db_visits_count(db, &vf, n, NULL, &err), 0);
	sb_add(&sb, "|");
	struct case_filter cf = { .text = text };
	CHECK_INT(db_cases_page(db, &cf, CASE_SORT_RECEIVED, true, 0, -1, case_id_cb, &sb, &err), 0);
	search_force_route = SEARCH_NONE;
	if (err)
		fprintf(stderr, "  %s: %s\n", text, err);
	free(err);
	return sb_take(&sb);
}

/* Each query (all of route `route`) finds the same visits, count and cases on the index, on the
 * scan and as the program chooses. Returns how many found something. */
static int same_rows_every_route(const char *const *queries, size_t n, enum search_route route)
{
	int nonempty = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t n_fts = -1, n_like = -2, n_auto = -3;
		CHECK_INT(search_route(queries[i]), route);
		char *a = found(queries[i], SEARCH_FTS, &n_fts), *b = found(queries[i], SEARCH_SHORT, &n_like);
		char *c = found(queries[i], SEARCH_NONE, &n_auto);
		if (strcmp(a, b))
			fprintf(stderr, "  %s: index %s\n  like %s\n", queries[i], a, b);
		CHECK_STR(a, b);
		CHECK_STR(c, b);
		CHECK_INT(n_fts, n_like);
		CHECK_INT(n_auto, n_like);
		nonempty += strcmp(b, "|") != 0;
		free(a);
		free(b);
		free(c);
	}
	return nonempty;
}

TEST(t_route)
{
	CHECK_INT(search_route(NULL), SEARCH_NONE);
	CHECK_INT(search_route("  "), SEARCH_NONE);
	CHECK_INT(search_route("张"), SEARCH_SHORT);
	CHECK_INT(search_route(" 张三 "), SEARCH_SHORT);
	CHECK_INT(search_route("ab"), SEARCH_SHORT);
	CHECK_INT(search_route("张三丰"), SEARCH_FTS);
	CHECK_INT(search_route("abc"), SEARCH_FTS);
	CHECK_INT(search_route("138"), SEARCH_FTS);
	char *p = search_fts_phrase(" 说\"再 ");
	CHECK_STR(p, "\"说\"\"再\"");
	free(p);
}

/* Every query of 3+ characters finds the same visits (and count) and cases through the index
 * as through LIKE; the fixture has hits for most of them, none for some. */
TEST(t_same_rows_both_routes)
{
	static const char *const queries[] = {
		"停车难",     "农业保险", "农业保险理赔慢", "路灯不亮，晚上", "噪音扰民（",   "abc",       "ABC",
		"Abc物业",    "100%",     "0%覆",           "堵塞_急",        "\"再等等\"",   "说\"再",    "张三家",
		"欧阳秀",     "欧阳秀英", "anna",           "王Anna",         "BM01-2026-00", "2026-0012", "138",
		"不存在的事", "c 公",     "，希望",         "理赔慢，",
	};
	tdb_open("search-same");
	fixture(600);
	CHECK(same_rows_every_route(queries, ARRAY_LEN(queries), SEARCH_FTS) >= 20);
	tdb_close();
}

/* 1-2 characters find the same visits (and count) and cases through the trigrams that start
 * with them as through LIKE: at the end of a field (a given name's last character, a name of
 * two characters, the last digits of a phone), in the middle, ASCII in either case, LIKE's own
 * characters, a quote, nothing at all. */
TEST(t_same_rows_short)
{
	static const char *const queries[] = {
		"张", "伟", "强", "欧阳", "阳", "秀英", "英", "三", "An", "an", "NA", "a",  "%",  "_",
		"\"", "等", "急", "便", "，", "（", "）", "慢", "漏水", "13", "1",  "鑫", "鑫鑫", "0%",
	};
	tdb_open("search-short");
	fixture(600);
	CHECK_INT(db_exec(db, "INSERT INTO visits (date, channel, visitor_name, content) VALUES"
			      " ('2026-02-02', '电话', '鑫', '燕'), ('2026-02-03', '电话', 'x', 'y')",
			  NULL),
		  0);
	int indexed = search_short_indexed;
	CHECK(same_rows_every_route(queries, ARRAY_LEN(queries), SEARCH_SHORT) >= 20);
	CHECK(search_short_indexed >= indexed + 3 * 20); /* the forced runs at least went to the index */
	tdb_close();
}

/* The choice for 1-2 characters: a text no row holds is answered by the index (at once, even
 * over many rows); one most rows hold is scanned in the list's order (the page fills at once);
 * a rare one goes to the index. Accented letters keep LIKE (their case folding differs). */
TEST(t_short_choice)
{
	int64_t n = 0;
	tdb_open("search-choice");
	fixture(50);
	CHECK_INT(db_exec(db,
			  "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 30000)"
			  " INSERT INTO visits (date, channel, visitor_name, content)"
			  " SELECT '2025-01-01', '电话', '某某', CASE WHEN i % 5000 = 0 THEN '罕见词' ELSE '别的内容' END"
			  " FROM k",
			  NULL),
		  0);
	struct strbuf sb;
	sb_init(&sb);
	int k = search_short_indexed;
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "鑫鑫", .count_cap = 1000 }, &n, NULL, NULL), 0);
	CHECK_INT(n, 0);
	CHECK_INT(search_short_indexed, k + 1);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "罕见", .count_cap = 1000 }, &n, NULL, NULL), 0);
	CHECK_INT(n, 6);
	CHECK_INT(search_short_indexed, k + 2);
	CHECK_INT(db_visits_page(db, &(struct visit_filter){ .text = "某" }, 0, 20, visit_id_cb, &sb, NULL), 0);
	CHECK_INT(search_short_indexed, k + 2); /* 30,000 rows hold it: the scan */
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "é", .count_cap = 1000 }, &n, NULL, NULL), 0);
	CHECK_INT(search_short_indexed, k + 2);
	/* A period with few rows is scanned, whatever the years hold (the index reads every year):
	 * the month of the fixture's visits, and a month with none. */
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "罕见", .month = "2025-02", .count_cap = 1000 }, &n,
				  NULL, NULL),
		  0);
	CHECK_INT(n, 0);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "罕见", .date_from = "2024-12-31", .count_cap = 1000 },
				  &n, NULL, NULL),
		  0);
	CHECK_INT(n, 6);
	CHECK_INT(search_short_indexed, k + 3); /* the second: 30,000 rows in its dates */
	CHECK_INT(db_cases_count(db, &(struct case_filter){ .text = "鑫鑫", .date_from = "2030-01-01" }, &n, NULL), 0);
	CHECK_INT(search_short_indexed, k + 3);
	/* A row added since the trigrams were read is found (the list is read again). */
	CHECK_INT(db_exec(db, "INSERT INTO visits (date, channel, visitor_name, content) VALUES"
			      " ('2026-02-02', '电话', '新人', '鑫鑫来了')",
			  NULL),
		  0);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "鑫鑫", .count_cap = 1000 }, &n, NULL, NULL), 0);
	CHECK_INT(n, 1);
	sb_free(&sb);
	tdb_close();
}

static struct strbuf traced;
static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx, (void)x;
	if (type == SQLITE_TRACE_STMT) {
		char *sql = sqlite3_expanded_sql(p);
		if (sql && strstr(sql, "FROM visits v LEFT JOIN cases"))
			sb_addf(&traced, "%s\n", sql);
		sqlite3_free(sql);
	}
	return 0;
}

/* The page after a capped count that found few rows reads those rows by id (no second scan);
 * the rows are those of the scan; a write in between, or another filter, scans again. */
TEST(t_count_then_page)
{
	int64_t n = 0;
	tdb_open("search-found");
	fixture(300);
	struct strbuf like, got;
	sb_init(&like);
	sb_init(&got);
	sb_init(&traced);
	search_force_route = SEARCH_SHORT;
	CHECK_INT(db_visits_page(db, &(struct visit_filter){ .text = "秀英" }, 0, 20, visit_id_cb, &like, NULL), 0);
	search_force_route = SEARCH_NONE;
	sqlite3_trace_v2(db_handle(db), SQLITE_TRACE_STMT, trace_stmt, NULL);
	struct visit_filter f = { .text = "秀英", .month = NULL, .count_cap = SEARCH_COUNT_CAP };
	CHECK_INT(db_visits_count(db, &f, &n, NULL, NULL), 0);
	CHECK(n > 0 && n <= 64);
	f.count_cap = 0;
	CHECK_INT(db_visits_page(db, &f, 0, 20, visit_id_cb, &got, NULL), 0);
	CHECK_STR(got.buf, like.buf);
	CHECK(traced.buf && strstr(traced.buf, "WHERE v.id IN (") && !strstr(traced.buf, "LIKE"));
	/* a write in between: the page asks the filter again */
	CHECK_INT(db_exec(db, "UPDATE visits SET visitor_name = '李秀英' WHERE id = 1", NULL), 0);
	sb_free(&traced);
	sb_init(&traced);
	sb_free(&got);
	sb_init(&got);
	CHECK_INT(db_visits_page(db, &f, 0, -1, visit_id_cb, &got, NULL), 0);
	CHECK(traced.buf && !strstr(traced.buf, "WHERE v.id IN ("));
	char *all = xasprintf(",%s", got.buf ? got.buf : "");
	CHECK(strstr(all, ",1,") != NULL); /* the visit renamed 李秀英 is found */
	free(all);
	sqlite3_trace_v2(db_handle(db), 0, NULL, NULL);
	sb_free(&traced);
	sb_free(&like);
	sb_free(&got);
	tdb_close();
}

/* A read-only file, and one in query_only (damaged): the trigram list needs a temp table, which
 * a query_only connection cannot make; the filter still answers (LIKE), the same rows. */
TEST(t_short_read_only)
{
	int64_t n_rw = -1, n = -2;
	char *err = NULL;
	tdb_open("search-ro");
	fixture(200);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "秀英" }, &n_rw, NULL, NULL), 0);
	CHECK(n_rw > 0);
	char *path = xasprintf("%s/station.db", tdb_dir);
	struct db *ro = NULL;
	CHECK_INT(db_open(path, DB_OPEN_READONLY, &ro, &err), 0);
	if (ro) {
		CHECK_INT(db_visits_count(ro, &(struct visit_filter){ .text = "秀英" }, &n, NULL, &err), 0);
		CHECK_INT(n, n_rw);
		db_close(ro);
	}
	ro = NULL;
	CHECK_INT(db_open(path, DB_OPEN_READONLY, &ro, &err), 0);
	if (ro) { /* query_only before the first filter: the temp table cannot be made */
		CHECK_INT(db_exec(ro, "PRAGMA query_only = ON", NULL), 0);
		int k = search_short_indexed;
		CHECK_INT(db_visits_count(ro, &(struct visit_filter){ .text = "秀英" }, &n, NULL, &err), 0);
		CHECK_INT(n, n_rw);
		CHECK_INT(search_short_indexed, k); /* answered by LIKE */
		db_close(ro);
	}
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	free(path);
	tdb_close();
}

/* The 3+ route really is the index: with the index emptied it finds nothing, and so do 1-2
 * characters (no trigram starts with them: the index says no row holds them), while LIKE
 * still finds rows; 'rebuild' (from the padded views of schema 0020) brings it back. As the program runs it, a scan
 * that ends within its budget answers (rows found), one that runs out is asked of the index
 * (nothing found). */
TEST(t_route_uses_index)
{
	int64_t n = 0;
	tdb_open("search-index");
	fixture(100);
	CHECK_INT(db_exec(db, /* enough rows that a scan meets the budget's first check */
			  "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20000)"
			  " INSERT INTO visits (date, channel, visitor_name, content)"
			  " SELECT '2025-01-01', '电话', '某某', '别的内容' FROM k",
			  NULL),
		  0);
	CHECK_INT(db_exec(db, "INSERT INTO visits_fts (visits_fts) VALUES ('delete-all')", NULL), 0);
	search_force_route = SEARCH_FTS;
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "农业保险" }, &n, NULL, NULL), 0);
	CHECK_INT(n, 0);
	search_force_route = SEARCH_NONE;
	search_budget_ms = 10000;
	search_memo_clear();
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "农业保险" }, &n, NULL, NULL), 0);
	CHECK(n > 0); /* the scan, within its budget */
	search_budget_ms = 0;
	search_memo_clear();
	int spent = search_budget_spent;
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "农业保险" }, &n, NULL, NULL), 0);
	CHECK_INT(n, 0); /* the budget ran out at once: the (empty) index answered */
	CHECK_INT(search_budget_spent, spent + 1);
	search_budget_ms = SEARCH_BUDGET_MS;
	search_memo_clear();
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "农业" }, &n, NULL, NULL), 0);
	CHECK_INT(n, 0);
	search_force_route = SEARCH_SHORT;
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "农业" }, &n, NULL, NULL), 0);
	CHECK(n > 0);
	search_force_route = SEARCH_NONE;
	CHECK_INT(db_exec(db, "INSERT INTO visits_fts (visits_fts) VALUES ('rebuild')", NULL), 0);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "农业保险" }, &n, NULL, NULL), 0);
	CHECK(n > 0);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "农业" }, &n, NULL, NULL), 0);
	CHECK(n > 0);
	CHECK_INT(db_exec(db, "INSERT INTO visits_fts (visits_fts) VALUES ('integrity-check')", NULL), 0);
	tdb_close();
}

/* Inserts, edits and deletes reach the index through the triggers. */
TEST(t_triggers_keep_step)
{
	int64_t n = 0;
	tdb_open("search-triggers");
	fixture(50);
	CHECK_INT(db_exec(db, "UPDATE visits SET content = '独一无二的内容' WHERE id = 3", NULL), 0);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "独一无二" }, &n, NULL, NULL), 0);
	CHECK_INT(n, 1);
	CHECK_INT(db_exec(db, "UPDATE visits SET visitor_name = '司马光明' WHERE id = 4", NULL), 0);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "司马光" }, &n, NULL, NULL), 0);
	CHECK_INT(n, 1);
	CHECK_INT(db_exec(db, "UPDATE visits SET handling = '交办' WHERE id = 4", NULL), 0); /* not indexed */
	CHECK_INT(q_int("SELECT count(*) FROM visits_fts WHERE visits_fts MATCH '\"司马光\"'"), 1);
	CHECK_INT(db_exec(db, "DELETE FROM visits WHERE id = 3", NULL), 0);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "独一无二" }, &n, NULL, NULL), 0);
	CHECK_INT(n, 0);
	CHECK_INT(db_exec(db, "UPDATE cases SET summary = '桥梁维修加固' WHERE id = 2", NULL), 0);
	CHECK_INT(db_cases_count(db, &(struct case_filter){ .text = "桥梁维修" }, &n, NULL), 0);
	CHECK_INT(n, 1);
	/* The index agrees with its table (FTS5's own check of an external-content index). */
	CHECK_INT(db_exec(db, "INSERT INTO visits_fts (visits_fts) VALUES ('integrity-check')", NULL), 0);
	CHECK_INT(db_exec(db, "INSERT INTO cases_fts (cases_fts) VALUES ('integrity-check')", NULL), 0);
	tdb_close();
}

/* A scan that passed rows on before its budget ran out: the index run that follows passes on
 * only the rest (no row twice, none lost), for visits and cases alike. */
TEST(t_budget_retry)
{
	tdb_open("search-retry");
	fixture(20);
	CHECK_INT(db_exec(db,
			  "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 40000)"
			  " INSERT INTO visits (date, channel, visitor_name, content)"
			  " SELECT printf('2025-%02d-%02d', 1 + i % 12, 1 + i % 28), '电话', '某某',"
			  " CASE WHEN i % 7 = 0 THEN '农业保险的事' ELSE '别的内容，说了很多很多话' END FROM k;"
			  " WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20000)"
			  " INSERT INTO cases (case_no, summary, content, received_date)"
			  " SELECT printf('X-2025-%05d', i), '摘要', CASE WHEN i % 7 = 0 THEN '农业保险的事' ELSE "
			  "'别的内容，"
			  "说了很多很多话' END, printf('2025-%02d-%02d', 1 + i % 12, 1 + i % 28) FROM k",
			  NULL),
		  0);
	int64_t n1 = 0;
	struct strbuf like, retried;
	sb_init(&like);
	sb_init(&retried);
	struct visit_filter vf = { .text = "农业保险" };
	struct case_filter cf = { .text = "农业保险" };
	search_force_route = SEARCH_SHORT;
	CHECK_INT(db_visits_page(db, &vf, 0, -1, visit_id_cb, &like, NULL), 0);
	CHECK_INT(db_cases_page(db, &cf, CASE_SORT_RECEIVED, true, 0, -1, case_id_cb, &like, NULL), 0);
	search_force_route = SEARCH_NONE;
	CHECK_INT(db_visits_count(db, &vf, &n1, NULL, NULL), 0);
	CHECK(n1 > 5000);
	search_budget_ms = 1;
	int spent = search_budget_spent;
	search_memo_clear();
	CHECK_INT(db_visits_page(db, &vf, 0, -1, visit_id_cb, &retried, NULL), 0);
	search_memo_clear();
	CHECK_INT(db_cases_page(db, &cf, CASE_SORT_RECEIVED, true, 0, -1, case_id_cb, &retried, NULL), 0);
	CHECK_INT(search_budget_spent, spent + 2); /* both scans ran out: the index finished them */
	/* The same text again goes to the index at once (the page after the count). */
	CHECK_INT(db_visits_count(db, &vf, &n1, NULL, NULL), 0);
	CHECK_INT(search_budget_spent, spent + 2);
	search_budget_ms = SEARCH_BUDGET_MS;
	search_memo_clear();
	CHECK_STR(retried.buf, like.buf);
	sb_free(&like);
	sb_free(&retried);
	tdb_close();
}

/* A page counted from the end of the list is the list's last rows, oldest first. */
TEST(t_page_from_end)
{
	struct strbuf all, end;
	struct visit_filter f = { .month = "2026-03" };
	tdb_open("search-end");
	fixture(300);
	sb_init(&all);
	sb_init(&end);
	CHECK_INT(db_visits_page(db, &f, 0, -1, visit_id_cb, &all, NULL), 0);
	CHECK_INT(db_visits_page_from_end(db, &f, 0, 3, visit_id_cb, &end, NULL), 0);
	/* the last three of the list, in reverse */
	int n = 0;
	char *ids[400];
	for (char *p = strtok(all.buf, ","); p && n < 400; p = strtok(NULL, ","))
		ids[n++] = p;
	CHECK(n > 5);
	if (n > 5) {
		char *want = xasprintf("%s,%s,%s,", ids[n - 1], ids[n - 2], ids[n - 3]);
		CHECK_STR(end.buf, want);
		free(want);
	}
	sb_free(&all);
	sb_free(&end);
	tdb_close();
}

/* A count with a cap stops there and says so; under the cap it is exact. */
TEST(t_count_cap)
{
	int64_t n = 0, all = 0, closed = 0;
	tdb_open("search-cap");
	fixture(300);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "张" }, &all, NULL, NULL), 0);
	CHECK(all > 20);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "张", .count_cap = 20 }, &n, NULL, NULL), 1);
	CHECK_INT(n, 20);
	CHECK_INT(db_visits_count(db, &(struct visit_filter){ .text = "张", .count_cap = all }, &n, NULL, NULL), 0);
	CHECK_INT(n, all);
	CHECK_INT(db_cases_counts(db, &(struct case_filter){ .text = "BM01", .count_cap = 10 }, &n, &closed, NULL), 1);
	CHECK_INT(n, 10);
	CHECK_INT(db_cases_counts(db, &(struct case_filter){ .text = "BM01-2026-0001", .count_cap = 10 }, &n, &closed,
				  NULL),
		  0);
	CHECK_INT(n, 1);
	tdb_close();
}

static int npending;
static bool key_waiting(void *ud)
{
	npending++;
	return *(bool *)ud;
}

/* A pending key abandons a slow list query (nothing changed, the error is marked interrupted);
 * without one the same query answers, and without the check nothing is asked. */
TEST(t_interrupt)
{
	int64_t n = 0;
	bool pending = true;
	char *err = NULL;
	tdb_open("search-interrupt");
	fixture(20);
	CHECK_INT(db_exec(db,
			  "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 20000)"
			  " INSERT INTO visits (date, channel, visitor_name, content)"
			  " SELECT '2026-03-01', '电话', '某某', '内容' || i FROM k",
			  NULL),
		  0);
	struct visit_filter f = { .text = "张" };
	search_force_route = SEARCH_SHORT; /* the scan: the index would answer before the first check */
	search_set_interrupt(db, key_waiting, &pending);
	CHECK_INT(db_visits_count(db, &f, &n, NULL, &err), -1);
	CHECK(search_interrupted());
	CHECK(npending > 0);
	free(err);
	err = NULL;
	pending = false;
	search_set_interrupt(db, key_waiting, &pending);
	CHECK(!search_interrupted());
	CHECK_INT(db_visits_count(db, &f, &n, NULL, &err), 0);
	CHECK(n > 0);
	CHECK(!search_interrupted());
	search_set_interrupt(db, NULL, NULL);
	int before = npending;
	pending = true;
	CHECK_INT(db_visits_count(db, &f, &n, NULL, &err), 0);
	CHECK_INT(npending, before);
	search_force_route = SEARCH_NONE;
	free(err);
	tdb_close();
}

static int nprogress, last_percent;
static void progress(const char *what, int percent)
{
	(void)what;
	nprogress++;
	last_percent = percent;
}

/* A file made before schema 0018 gets its indexes built when opened, with progress reports. */
TEST(t_build_existing)
{
	char *err = NULL;
	int64_t n = 0;
	tdb_open("search-build");
	char *path = xasprintf("%s/old.db", tdb_dir);
	struct db *old = NULL;
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_NO_MIGRATE, &old, &err), 0);
	CHECK_INT(db_migrate_to(old, 13, &err), 0);
	CHECK_INT(db_exec(old,
			  "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 45000)"
			  " INSERT INTO visits (date, channel, visitor_name, content)"
			  " SELECT '2026-03-01', '电话', '某某', CASE WHEN i % 1000 = 0 THEN '农业保险' ELSE '内容' "
			  "END FROM k",
			  &err),
		  0);
	search_build_progress = progress;
	CHECK_INT(db_migrate_to(old, db_schema_version(), &err), 0);
	search_build_progress = NULL;
	CHECK(nprogress >= 3); /* 45,000 visits in blocks of 20,000, and the (empty) cases */
	CHECK_INT(last_percent, 100);
	CHECK_INT(db_visits_count(old, &(struct visit_filter){ .text = "农业保险" }, &n, NULL, &err), 0);
	CHECK_INT(n, 45);
	CHECK_INT(db_exec(old, "INSERT INTO visits_fts (visits_fts) VALUES ('integrity-check')", &err), 0);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	db_close(old);
	free(path);
	tdb_close();
}

/* deputy_visit_days (schema 0019, the roster's 本年接待) equals what it counts after inserts,
 * a changed channel, date, deputy, a soft delete and a delete for good. */
TEST(t_visit_days_follow)
{
	static const char recount[] =
		"SELECT (SELECT count(*) FROM (SELECT x.deputy_id, v.date, count(*) AS n FROM visits v JOIN "
		"visit_deputies x"
		" ON x.visit_id = v.id WHERE v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访') GROUP BY 1, 2"
		" EXCEPT SELECT deputy_id, date, visits FROM deputy_visit_days WHERE visits <> 0))"
		" + (SELECT count(*) FROM (SELECT deputy_id, date, visits FROM deputy_visit_days WHERE visits <> 0"
		" EXCEPT SELECT x.deputy_id, v.date, count(*) FROM visits v JOIN visit_deputies x ON x.visit_id = v.id"
		" WHERE v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访') GROUP BY 1, 2))";
	tdb_open("search-days");
	int64_t a = tdb_deputy("甲代表", NULL, NULL, NULL), b = tdb_deputy("乙代表", NULL, NULL, NULL);
	fixture(40); /* 日常来访 */
	char *sql = xasprintf(
		"INSERT INTO visit_deputies (visit_id, deputy_id) SELECT id, %lld FROM visits;"
		" INSERT INTO visit_deputies (visit_id, deputy_id) SELECT id, %lld FROM visits WHERE id %% 3 = 0;",
		(long long)a, (long long)b);
	CHECK_INT(db_exec(db, sql, NULL), 0);
	free(sql);
	CHECK(q_int("SELECT count(*) FROM deputy_visit_days WHERE visits > 0") > 10);
	CHECK_INT(q_int(recount), 0);
	CHECK_INT(db_exec(db, "UPDATE visits SET channel = '电话' WHERE id = 1", NULL), 0);
	CHECK_INT(db_exec(db, "UPDATE visits SET date = '2025-01-02' WHERE id = 2", NULL), 0);
	CHECK_INT(db_exec(db, "UPDATE visits SET deleted = 1 WHERE id = 3", NULL), 0);
	CHECK_INT(db_exec(db, "DELETE FROM visits WHERE id = 6", NULL), 0);
	CHECK_INT(db_exec(db, "DELETE FROM visit_deputies WHERE visit_id = 9", NULL), 0);
	sql = xasprintf("UPDATE visit_deputies SET deputy_id = %lld WHERE visit_id = 4", (long long)b);
	CHECK_INT(db_exec(db, sql, NULL), 0);
	free(sql);
	CHECK_INT(q_int(recount), 0);
	CHECK_INT(q_int("SELECT count(*) FROM deputy_visit_days WHERE date = '2025-01-02' AND visits = 1"), 1);
	tdb_close();
}

int main(void)
{
	RUN(t_route);
	RUN(t_same_rows_both_routes);
	RUN(t_same_rows_short);
	RUN(t_short_choice);
	RUN(t_short_read_only);
	RUN(t_count_then_page);
	RUN(t_route_uses_index);
	RUN(t_triggers_keep_step);
	RUN(t_count_cap);
	RUN(t_page_from_end);
	RUN(t_budget_retry);
	RUN(t_interrupt);
	RUN(t_build_existing);
	RUN(t_visit_days_follow);
	return t_done();
}
