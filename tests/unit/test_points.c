/* 履职积分: the rules (core/points.h) and the yearly computation from the records
 * (db/points.h), against a hand-worked example; rules files with a bad line (named by file
 * and line, the rules in force kept); station.ini [points]; adjustments (reason and approver
 * required, nothing written when refused); the year boundary; the ranking; 五级代表进站.
 *
 * The hand-worked example (rules of RULES below, year 2026, deputy 张三):
 *   接待选民  2, 1, cap 5     visits received in 2026: 5 (one more on 2025-12-31, one deleted)
 *                              2 + 1 + 1 + 1 + 1 = 6, capped at 5              →  5
 *   走访选民  1.5, 0.5, no cap  走访 visits: 3 → 1.5 + 0.5 + 0.5               →  2.5
 *   活动：视察 3, 2, cap 6    present twice (and once on leave) → 3 + 2           →  5
 *   领衔建议  5, 3            led 1 (another one led on 2027-01-01)              →  5
 *   附议建议  1, 1, cap 2     seconded 0                                          →  0
 *   述职     10, 0, cap 10    one 述职评议                                          → 10
 *   民生实事：提出并通过 4, 2   projects proposed by 张三 (proposer_deputy_id), by vote_date:
 *       A 征集 2026-02-01, passed 2026-03-10 (实施)         proposed 2026, passed 2026
 *       B 征集 2025-11-01, passed 2026-03-10 (完成)         proposed 2025, passed 2026
 *       C 征集 2026-02-05, failed 2026-03-10 (未通过)       proposed 2026
 *       D 征集 2026-02-06, passed 2026-03-10, deleted       nothing
 *       E 征集 2026-10-01 (初选)                            proposed 2026
 *       F 征集 2026-11-01, passed 2027-01-15 (评价)         proposed 2026, passed 2027
 *       G 征集 2026-02-01, passed 2026-03-10, proposer 李四 by name only (no deputy id): nobody's
 *     2026: proposed A C E F = 4, passed A B = 2 → 4 + 2                          →  6
 *   computed 33.5; adjustments of 2026: +2 and -0.5 → total 35
 *   (an adjustment of +100 for 2025 counts in 2025 only: 2025 = 2 (one visit) + 100 = 102;
 *   2027: the suggestion led on 01-01 (5) and project F passed (4) = 9).
 *   张三 went on one 督查 in 2026 (no rule for 活动：督查 here: counted in the file, 0 points).
 *   李四 seconded 3 suggestions in 2026: 1 + 1 + 1 = 3, capped at 2 → 2.
 *   王五 (in office) did nothing: 0. 赵六 (left) did nothing: not ranked. */
#include "tdb.h"

#include "core/config.h"
#include "core/deputy.h"
#include "core/points.h"
#include "db/deputies.h"
#include "db/points.h"

#include <unistd.h>

static const char RULES[] = "\xEF\xBB\xBF# test rules\r\n"
			    "项目,首次,此后每次,年度上限\r\n"
			    "接待选民,2,1,5\r\n"
			    "走访选民,1.5,0.5,\r\n"
			    "\r\n"
			    "活动：视察,3,2,6\r\n"
			    "领衔建议,5,3,-\r\n"
			    "附议建议,1,1,2\r\n"
			    "述职,10,0,10\r\n"
			    "民生实事：提出并通过,4,2,\r\n";

static struct points_rules rules;

static void load_rules(void)
{
	char *err = NULL;
	CHECK_INT(points_rules_parse(RULES, "test.csv", &rules, &err), 0);
	CHECK(err == NULL);
	free(err);
}

static int line_of(const struct points_result *r, const char *item)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->lines[i].item, item))
			return r->lines[i].points;
	return -999;
}

TEST(t_item_first_further_cap)
{
	struct points_rule r = { "接待选民", 20, 10, 50 };
	bool capped = true;
	CHECK_INT(points_item(&r, 0, &capped), 0);
	CHECK(!capped);
	CHECK_INT(points_item(&r, 1, NULL), 20); /* the first time */
	CHECK_INT(points_item(&r, 3, NULL), 40); /* 2 + 1 + 1 */
	CHECK_INT(points_item(&r, 4, &capped), 50);
	CHECK(!capped); /* exactly the cap */
	CHECK_INT(points_item(&r, 10, &capped), 50);
	CHECK(capped);
	r.cap = POINTS_NO_CAP;
	CHECK_INT(points_item(&r, 10, &capped), 110);
	CHECK(!capped);
	CHECK_INT(points_item(&r, 2000000000, NULL) > 0, 1); /* no overflow */
}

TEST(t_parse_and_format)
{
	int t = 0;
	char buf[16];
	CHECK(points_parse("1.5", false, &t) == NULL);
	CHECK_INT(t, 15);
	CHECK(points_parse("2", false, &t) == NULL);
	CHECK_INT(t, 20);
	CHECK(points_parse("1.50", false, &t) == NULL);
	CHECK_INT(t, 15);
	CHECK(points_parse("-3", true, &t) == NULL);
	CHECK_INT(t, -30);
	CHECK(points_parse("-3", false, &t) != NULL);
	CHECK(points_parse("1.55", true, &t) != NULL);
	CHECK(points_parse("abc", true, &t) != NULL);
	CHECK(points_parse("", true, &t) != NULL);
	CHECK(points_parse("99999", true, &t) != NULL);
	CHECK_STR(points_format(275, buf), "27.5");
	CHECK_STR(points_format(-5, buf), "-0.5");
	CHECK_STR(points_format(120, buf), "12");
	CHECK_STR(points_format(0, buf), "0");
}

TEST(t_rules_file)
{
	char *err = NULL;
	load_rules();
	CHECK_INT(rules.n, 7);
	CHECK_STR(rules.v[1].item, "走访选民");
	CHECK_INT(rules.v[1].first, 15);
	CHECK_INT(rules.v[1].cap, POINTS_NO_CAP);
	CHECK_INT(rules.v[3].cap, POINTS_NO_CAP);

	/* A bad line: the file and line are named, the rules in force are kept. */
	struct points_rules kept = rules;
	CHECK_INT(points_rules_parse("项目,首次,此后每次,年度上限\n接待选民,2,1,5\n走访选民,两分,1,5\n", "my.csv", &rules, &err),
		  -1);
	CHECK(err && strstr(err, "my.csv 第 3 行") && strstr(err, "首次分值"));
	CHECK(!memcmp(&kept, &rules, sizeof rules));
	free(err);
	CHECK_INT(points_rules_parse("接待选民,2,1\n发传单,1,1,1\n", "my.csv", &rules, &err), -1);
	CHECK(err && strstr(err, "my.csv 第 2 行") && strstr(err, "没有这个积分项目"));
	free(err);
	CHECK_INT(points_rules_parse("接待选民,2,1\n接待选民,3,1\n", "my.csv", &rules, &err), -1);
	CHECK(err && strstr(err, "第 2 行") && strstr(err, "已经有了"));
	free(err);
	CHECK_INT(points_rules_parse("接待选民;2;1\n", "my.csv", &rules, &err), -1);
	CHECK(err && strstr(err, "第 1 行"));
	free(err);
	CHECK_INT(points_rules_parse("# nothing\n", "my.csv", &rules, &err), -1);
	CHECK(err && strstr(err, "没有任何积分规则"));
	free(err);
	CHECK(!memcmp(&kept, &rules, sizeof rules));

	/* The built-in rules parse and cover every item the records count. */
	struct points_rules b;
	points_rules_builtin(&b);
	CHECK(points_rules_find(&b, POINTS_RECEPTION) >= 0);
	CHECK(points_rules_find(&b, POINTS_REPORT) >= 0);
	CHECK(points_rules_find(&b, POINTS_PROJECT) >= 0);
	CHECK(points_rules_find(&b, "活动：督查") >= 0);
	CHECK(points_rules_find(&b, "活动：视察") >= 0);
	CHECK(points_rules_find(&b, "活动：学习培训") >= 0);
}

/* station.ini [points]: a single item overridden, a rules file used instead of the built-in
 * one, a bad file keeps the rules in force, a bad value is an error naming file and line. */
TEST(t_config)
{
	char dir[] = "/tmp/station-test-points-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *ini = xasprintf("%s/station.ini", dir), *csv = xasprintf("%s/rules.csv", dir);
	FILE *fp = fopen(ini, "w");
	fprintf(fp, "[points]\n接待选民 = 4, 2, 30\n述职 = 1，1\n");
	fclose(fp);
	struct cfg c;
	char *err = NULL;
	CHECK_INT(cfg_load(ini, &c, &err), 0);
	CHECK_INT(c.npoints, 2);
	struct points_rules r;
	points_rules_builtin(&r);
	CHECK_INT(points_rules_load(&c, &r, &err), 0);
	int i = points_rules_find(&r, POINTS_RECEPTION);
	CHECK(i >= 0 && r.v[i].first == 40 && r.v[i].further == 20 && r.v[i].cap == 300);
	i = points_rules_find(&r, POINTS_REPORT);
	CHECK(i >= 0 && r.v[i].first == 10 && r.v[i].cap == POINTS_NO_CAP);
	CHECK(points_rules_find(&r, "活动：视察") >= 0); /* the rest is the built-in file */
	cfg_free(&c);

	fp = fopen(csv, "w");
	fprintf(fp, "项目,首次,此后每次,年度上限\n附议建议,7,0,7\n");
	fclose(fp);
	fp = fopen(ini, "w");
	fprintf(fp, "[points]\nfile = %s\n", csv);
	fclose(fp);
	CHECK_INT(cfg_load(ini, &c, &err), 0);
	CHECK_INT(points_rules_load(&c, &r, &err), 0);
	CHECK_INT(r.n, 1);
	CHECK_STR(r.v[0].item, "附议建议");

	/* the file goes bad: the rules in force stay */
	fp = fopen(csv, "w");
	fprintf(fp, "项目,首次,此后每次,年度上限\n附议建议,7,0,7\n附议建议,x\n");
	fclose(fp);
	struct points_rules before = r;
	CHECK_INT(points_rules_load(&c, &r, &err), -1);
	CHECK(err && strstr(err, csv) && strstr(err, "第 3 行"));
	CHECK(!memcmp(&before, &r, sizeof r));
	free(err);
	err = NULL;
	cfg_free(&c);

	fp = fopen(ini, "w");
	fprintf(fp, "[points]\n接待选民 = 2, 1, 20\n发传单 = 1, 1\n走访选民 = 2\n");
	fclose(fp);
	CHECK_INT(cfg_load(ini, &c, &err), -1);
	CHECK(err && strstr(err, "第 3 行") && strstr(err, "发传单") && strstr(err, "没有这个积分项目"));
	CHECK(err && strstr(err, "第 4 行") && strstr(err, "走访选民"));
	free(err);
	cfg_free(&c);
	unlink(csv);
	unlink(ini);
	rmdir(dir);
	free(ini);
	free(csv);
}

/* ---- the records of the hand-worked example ---- */


static void visit(int64_t dep, const char *date, const char *channel, int deleted)
{
	exec("INSERT INTO visits (date, channel, visitor_name, content, deleted) VALUES ('%s', '%s', '王大妈', '路灯坏了', %d);"
	     "INSERT INTO visit_deputies (visit_id, deputy_id) VALUES (last_insert_rowid(), %lld)",
	     date, channel, deleted, (long long)dep);
}

static void attend(int64_t dep, const char *date, const char *type, const char *status)
{
	exec("INSERT INTO activities (type, topic, date) VALUES ('%s', '视察农贸市场', '%s');"
	     "INSERT INTO attendance (activity_id, deputy_id, status) VALUES (last_insert_rowid(), %lld, '%s')",
	     type, date, (long long)dep, status);
}

static int64_t zs, ls, ww, zl;

static void example(void)
{
	char *err = NULL;
	zs = tdb_deputy("张三", "县", "在任", NULL);
	ls = tdb_deputy("李四", "乡镇", "在任", NULL);
	ww = tdb_deputy("王五", "市", "在任", NULL);
	zl = tdb_deputy("赵六", "县", "离任", NULL);
	visit(zs, "2025-12-31", "日常来访", 0);
	const char *days[] = { "2026-01-01", "2026-03-05", "2026-06-01", "2026-07-01", "2026-12-31" };
	for (int i = 0; i < 5; i++)
		visit(zs, days[i], i % 2 ? "接待日来访" : "日常来访", 0);
	visit(zs, "2026-08-08", "日常来访", 1); /* deleted */
	for (int i = 0; i < 3; i++)
		visit(zs, "2026-05-05", "走访", 0);
	attend(zs, "2026-04-01", "视察", "出席");
	attend(zs, "2026-09-01", "视察", "出席");
	attend(zs, "2026-10-01", "视察", "请假");
	exec("INSERT INTO suggestions (title, lead_deputy_id, date) VALUES ('修路', %lld, '2026-02-02')", (long long)zs);
	exec("INSERT INTO suggestions (title, lead_deputy_id, date) VALUES ('路灯', %lld, '2027-01-01')", (long long)zs);
	for (int i = 0; i < 3; i++)
		exec("INSERT INTO suggestions (title, date) VALUES ('议案%d', '2026-03-03');"
		     "INSERT INTO suggestion_deputies (suggestion_id, deputy_id) VALUES (last_insert_rowid(), %lld)",
		     i, (long long)ls);
	exec("INSERT INTO evaluations (deputy_id, date, participants, satisfied, basically_satisfied, dissatisfied)"
	     " VALUES (%lld, '2026-12-01', 50, 40, 8, 2)",
	     (long long)zs);
	/* the projects A..G of the comment above */
	static const struct {
		const char *date, *status, *vote;
		int deleted;
	} pj[] = { { "2026-02-01", "实施", "2026-03-10", 0 },   { "2025-11-01", "完成", "2026-03-10", 0 },
		   { "2026-02-05", "未通过", "2026-03-10", 0 }, { "2026-02-06", "实施", "2026-03-10", 1 },
		   { "2026-10-01", "初选", NULL, 0 },           { "2026-11-01", "评价", "2027-01-15", 0 } };
	for (size_t i = 0; i < sizeof pj / sizeof pj[0]; i++)
		exec("INSERT INTO projects (title, year, date, source, status, vote_date, proposer_deputy_id, deleted)"
		     " VALUES ('项目%zu', 2026, '%s', '代表', '%s', %s%s%s, %lld, %d)",
		     i, pj[i].date, pj[i].status, pj[i].vote ? "'" : "", pj[i].vote ? pj[i].vote : "NULL",
		     pj[i].vote ? "'" : "", (long long)zs, pj[i].deleted);
	exec("INSERT INTO projects (title, year, date, source, proposer, status, vote_date)"
	     " VALUES ('项目G', 2026, '2026-02-01', '来访', '李四', '实施', '2026-03-10')");
	attend(zs, "2026-06-01", "督查", "出席");
	CHECK_INT(db_points_adjust(db, zs, 2026, "2026-12-20", 20, "市级表彰", "站长王", NULL, &err), 0);
	CHECK_INT(db_points_adjust(db, zs, 2026, "", -5, "一次接待迟到", "站长王", NULL, &err), 0);
	CHECK_INT(db_points_adjust(db, zs, 2025, "2025-12-30", 1000, "补记", "站长王", NULL, &err), 0);
	free(err);
}

TEST(t_hand_worked_example)
{
	char *err = NULL;
	tdb_open("points");
	load_rules();
	example();

	struct points_rank r;
	CHECK_INT(db_points_deputy(db, &rules, 2026, zs, &r, &err), 0);
	CHECK_INT(r.fig.received, 5);
	CHECK_INT(r.fig.walks, 3);
	CHECK_INT(line_of(&r.res, "接待选民"), 50); /* 6 capped at 5 */
	CHECK(r.res.lines[0].capped);
	CHECK_INT(line_of(&r.res, "走访选民"), 25);
	CHECK_INT(line_of(&r.res, "活动：视察"), 50);
	CHECK_INT(line_of(&r.res, "领衔建议"), 50);
	CHECK_INT(line_of(&r.res, "附议建议"), 0);
	CHECK_INT(line_of(&r.res, "述职"), 100);
	CHECK_INT(line_of(&r.res, "民生实事：提出并通过"), 60);
	CHECK_INT(r.fig.projects, 4);
	CHECK_INT(r.fig.projects_passed, 2);
	CHECK_INT(r.res.computed, 335);
	CHECK_INT(r.res.adjusted, 15);
	CHECK_INT(r.res.total, 350);
	CHECK_INT(r.fig.act[1][ATT_LEAVE], 1); /* 视察 is activity_types[1] */
	CHECK_INT(r.fig.evals, 1);
	CHECK_INT(r.fig.eval_votes[SAT_YES], 40);
	db_points_rank_clear(&r);

	/* The year boundary: 2025 has the visit of 12-31 and its own adjustment, nothing else. */
	CHECK_INT(db_points_deputy(db, &rules, 2025, zs, &r, &err), 0);
	CHECK_INT(r.res.computed, 20);
	CHECK_INT(r.res.total, 1020);
	CHECK_INT(r.fig.projects, 1); /* B */
	CHECK_INT(r.fig.projects_passed, 0);
	db_points_rank_clear(&r);
	/* 2027: the suggestion led on 01-01 and project F passed on 01-15. */
	CHECK_INT(db_points_deputy(db, &rules, 2027, zs, &r, &err), 0);
	CHECK_INT(r.res.total, 90);
	db_points_rank_clear(&r);

	/* The ranking: every deputy in office, highest first; the departed one with nothing is out. */
	struct points_rank *v = NULL;
	int n = 0;
	CHECK_INT(db_points_ranking(db, &rules, 2026, false, &v, &n, &err), 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(v[0].name, "张三");
		CHECK_INT(v[0].res.total, 350);
		CHECK_INT(v[0].rank, 1);
		CHECK_INT(v[0].fig.projects, 0); /* proposed: full only */
		CHECK_INT(v[0].fig.projects_passed, 2);
		CHECK_STR(v[1].name, "李四");
		CHECK_INT(v[1].res.total, 20); /* 3 seconded, capped at 2 */
		CHECK_STR(v[2].name, "王五");
		CHECK_INT(v[2].res.total, 0);
		CHECK_INT(v[2].rank, 3);
	}
	db_points_ranking_free(v, n);
	/* full: the register's figures too (reception duty, cases); the points are the same */
	exec("INSERT INTO reception_days (date) VALUES ('2026-03-15');"
	     "INSERT INTO reception_duty (reception_day_id, deputy_id) VALUES (last_insert_rowid(), %lld)",
	     (long long)zs);
	CHECK_INT(db_points_ranking(db, &rules, 2026, true, &v, &n, &err), 0);
	if (n == 3) {
		CHECK_INT(v[0].fig.duty_days, 1);
		CHECK_INT(v[0].fig.projects, 4);
		CHECK_INT(v[0].res.total, 350);
	}
	db_points_ranking_free(v, n);
	free(err);
	tdb_close();
}

TEST(t_adjustments)
{
	char *err = NULL;
	tdb_open("points-adj");
	int64_t d = tdb_deputy("张三", "县", "在任", NULL);
	CHECK_INT(db_points_adjust(db, d, 2026, "2026-05-01", 30, "", "站长王", NULL, &err), -1);
	CHECK(err && strstr(err, "理由"));
	free(err);
	err = NULL;
	CHECK_INT(db_points_adjust(db, d, 2026, "2026-05-01", 30, "  ", "站长王", NULL, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_points_adjust(db, d, 2026, "2026-05-01", 30, "表彰", "", NULL, &err), -1);
	CHECK(err && strstr(err, "批准人"));
	free(err);
	err = NULL;
	CHECK_INT(db_points_adjust(db, d, 2026, "2026-05-01", 0, "表彰", "站长王", NULL, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_points_adjust(db, d + 100, 2026, "2026-05-01", 10, "表彰", "站长王", NULL, &err), -1);
	CHECK(err && strstr(err, "找不到这位代表"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM point_adjustments"), 0);
	int64_t id = 0;
	CHECK_INT(db_points_adjust(db, d, 2026, "2026-05-01", -15, " 缺席 ", "站长王", &id, &err), 0);
	CHECK(id > 0);
	struct points_adjustment *a = NULL;
	int n = 0;
	CHECK_INT(db_points_adjustments(db, d, 2026, &a, &n, &err), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(a[0].points, -15);
		CHECK_STR(a[0].reason, "缺席");
		CHECK_STR(a[0].approved_by, "站长王");
	}
	db_points_adjustments_free(a, n);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'point_adjustments'"), 1);
	tdb_close();
}

/* 五级代表进站: deputies on duty at a reception day (not cancelled) or present at an activity. */
TEST(t_levels_came)
{
	char *err = NULL;
	tdb_open("points-levels");
	int64_t a = tdb_deputy("甲", "县", "在任", NULL), b = tdb_deputy("乙", "县", "在任", NULL), c = tdb_deputy("丙", "省", "在任", NULL),
		d = tdb_deputy("丁", "乡镇", "在任", NULL);
	exec("INSERT INTO reception_days (date) VALUES ('2026-10-15');"
	     "INSERT INTO reception_duty (reception_day_id, deputy_id) VALUES (last_insert_rowid(), %lld)",
	     (long long)a);
	exec("INSERT INTO reception_days (date, status) VALUES ('2026-11-15', '已取消');"
	     "INSERT INTO reception_duty (reception_day_id, deputy_id) VALUES (last_insert_rowid(), %lld)",
	     (long long)b);
	attend(c, "2026-11-01", "调研", "出席");
	attend(a, "2026-11-02", "调研", "出席"); /* a came twice: counted once */
	attend(d, "2026-11-03", "调研", "缺席");
	attend(b, "2026-09-30", "调研", "出席"); /* last quarter */
	int64_t n[5];
	CHECK_INT(db_points_levels_came(db, "2026-10-01", "2026-12-31", n, &err), 0);
	CHECK_INT(n[0], 0);
	CHECK_INT(n[1], 1); /* 省 */
	CHECK_INT(n[3], 1); /* 县: a only */
	CHECK_INT(n[4], 0); /* 乡镇: absent */
	free(err);
	tdb_close();
}

/* deputy_visit_years (schema 0012) is the year's visit counts the ranking reads; triggers keep
 * it. After every change of a random sequence — new visits with deputies, a date moved across
 * a year, channel and people changed, deleted and restored, deputies relinked, a visit deleted
 * for good — it must equal the counts from the records themselves. */
#define DVY_RECOUNT                                                                                    \
	"SELECT CAST(substr(v.date, 1, 4) AS INTEGER), x.deputy_id, v.channel = '走访', count(*),"      \
	" sum(v.people) FROM visits v JOIN visit_deputies x ON x.visit_id = v.id WHERE v.deleted = 0" \
	" GROUP BY 1, 2, 3"
#define DVY_KEPT "SELECT year, deputy_id, walk, visits, people FROM deputy_visit_years WHERE visits <> 0 OR people <> 0"

static long long dvy_diff(void)
{
	return q_int("SELECT (SELECT count(*) FROM (" DVY_RECOUNT " EXCEPT " DVY_KEPT "))"
		     " + (SELECT count(*) FROM (" DVY_KEPT " EXCEPT " DVY_RECOUNT "))");
}

static void t_visit_counts_follow_records(void)
{
	tdb_open("dvy");
	int64_t dep[4];
	for (int i = 0; i < 4; i++)
		dep[i] = tdb_deputy((const char *[]){ "张三", "李四", "王五", "赵六" }[i], NULL, NULL, NULL);
	static const char *const dates[] = { "2025-12-31", "2026-01-01", "2026-06-15", "2027-01-02" };
	static const char *const chans[] = { "日常来访", "走访", "接待日来访", "电话" };
	unsigned seed = 12345;
	int nvis = 0, bad = 0;
	for (int step = 0; step < 400; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 8) % 8, a = (seed >> 12) % 4, b = (seed >> 16) % 4;
		int vid = nvis ? (int)((seed >> 20) % (unsigned)nvis) + 1 : 0;
		if (r == 0 || !nvis) {
			exec("INSERT INTO visits (date, channel, visitor_name, content, people) VALUES"
			     " ('%s', '%s', '王大妈', '路灯坏了', %u)", dates[a], chans[b], 1 + (seed >> 24) % 5);
			nvis++;
			exec("INSERT INTO visit_deputies (visit_id, deputy_id) SELECT max(id), %lld FROM visits;"
			     "INSERT INTO visit_deputies (visit_id, deputy_id) SELECT max(id), %lld FROM visits",
			     (long long)dep[a], (long long)dep[(a + 1 + b % 3) % 4]);
		} else if (r == 1)
			exec("UPDATE visits SET date = '%s' WHERE id = %d", dates[a], vid);
		else if (r == 2)
			exec("UPDATE visits SET channel = '%s', people = %u WHERE id = %d", chans[b], 1 + a, vid);
		else if (r == 3)
			exec("UPDATE visits SET deleted = 1 - deleted WHERE id = %d", vid);
		else if (r == 4)
			exec("DELETE FROM visit_deputies WHERE visit_id = %d AND deputy_id = %lld", vid, (long long)dep[a]);
		else if (r == 5)
			exec("INSERT OR IGNORE INTO visit_deputies (visit_id, deputy_id) SELECT id, %lld FROM visits"
			     " WHERE id = %d", (long long)dep[a], vid);
		else if (r == 6)
			exec("UPDATE OR IGNORE visit_deputies SET deputy_id = %lld WHERE visit_id = %d AND deputy_id = %lld",
			     (long long)dep[b], vid, (long long)dep[a]);
		else
			exec("DELETE FROM visits WHERE id = %d", vid);
		if (dvy_diff() != 0 && !bad++)
			fprintf(stderr, "  counts differ after step %d (kind %u)\n", step, r);
	}
	CHECK_INT(bad, 0);
	/* the sequence did reach every kind of row */
	CHECK(q_int("SELECT count(DISTINCT year) FROM deputy_visit_years WHERE visits > 0") >= 3);
	CHECK(q_int("SELECT count(*) FROM deputy_visit_years WHERE walk = 1 AND visits > 0") >= 1);
	CHECK(q_int("SELECT count(*) FROM visits WHERE deleted = 1") >= 1);
	tdb_close();
}

int main(void)
{
	RUN(t_item_first_further_cap);
	RUN(t_parse_and_format);
	RUN(t_rules_file);
	RUN(t_config);
	RUN(t_hand_worked_example);
	RUN(t_adjustments);
	RUN(t_levels_came);
	RUN(t_visit_counts_follow_records);
	return t_done();
}
