/* The county summary (core/summary.c, db/summary.c) against a hand-built quarter, 2026Q3
 * (2026-07-01 .. 2026-09-30). Every expected number is worked out by hand in the comments from
 * the rows below and the definitions in docs/SUMMARY.md; none is computed by the code under test.
 * Also: the detail lists, masking, whole quarters, and the plan (no SCAN of visits or cases). */
#include "tdb.h"

#include "core/calendar.h"
#include "core/summary.h"
#include "db/summary.h"

/* The 2026 days off and 调休 of Q3 (中秋 09-25..27, the working Sunday 09-20); else weekends. */
static const char cal_text[] = "2026-09-20 work 国庆节调休\n2026-09-25 off 中秋节\n2026-09-26 off 中秋节\n"
			       "2026-09-27 off 中秋节\n";

/* The fixture, row by row. Deputies: 1 A 全国, 2 B 省, 3 C 县, 4 D 乡镇, 5 E 县 (deleted). */
static const char fixture_sql[] =
	"INSERT INTO deputies (id, name, gender, level, deleted) VALUES"
	" (1, 'A', '男', '全国', 0), (2, 'B', '男', '省', 0), (3, 'C', '女', '县', 0), (4, 'D', '女', '乡镇', 0),"
	" (5, 'E', '男', '县', 1);"
	/* Reception days: r1 held; r2 not confirmed but has a visit (v3) -> held; r3 cancelled;
	 * r4 before the quarter; r5 deleted. */
	"INSERT INTO reception_days (id, date, status, held, deleted) VALUES"
	" (1, '2026-07-15', '正常', 1, 0), (2, '2026-08-15', '正常', NULL, 0), (3, '2026-09-15', '已取消', NULL, 0),"
	" (4, '2026-06-15', '正常', 1, 0), (5, '2026-09-20', '正常', 1, 1);"
	"INSERT INTO reception_duty (reception_day_id, deputy_id) VALUES (1, 1), (1, 3), (2, 3), (3, 4), (4, 2), (5, "
	"2);"
	/* Activities: a1 调研 (A, D present; B on leave), a2 学习培训 (C present; E present but deleted),
	 * a3 deleted, a4 after the quarter. */
	"INSERT INTO activities (id, type, topic, date, deleted) VALUES"
	" (1, '调研', 't1', '2026-07-20', 0), (2, '学习培训', 't2', '2026-08-10', 0),"
	" (3, '视察', 't3', '2026-09-30', 1), (4, '视察', 't4', '2026-10-01', 0);"
	"INSERT INTO attendance (activity_id, deputy_id, status) VALUES"
	" (1, 1, '出席'), (1, 2, '请假'), (1, 4, '出席'), (2, 3, '出席'), (2, 5, '出席'), (3, 1, '出席'), (4, 1, "
	"'出席');"
	/* Visits. */
	"INSERT INTO visits (id, date, channel, reception_day_id, visitor_name, visitor_phone, visitor_address, people,"
	" content, category, handling, satisfaction, deleted) VALUES"
	" (1, '2026-07-15', '接待日来访', 1, '=HYPERLINK(\"http://x\")', '13912341111', '城关镇东关村3组12号', 3, 'c',"
	"  '城乡建设', '当场答复', '满意', 0),"
	" (2, '2026-07-15', '接待日来访', 1, '王二', NULL, NULL, 1, 'c', '教育', '交办', NULL, 0),"
	" (3, '2026-08-15', '接待日来访', 2, '张三', NULL, NULL, 2, 'c', '教育', '不予受理', NULL, 0),"
	" (4, '2026-08-20', '走访', NULL, '李四', NULL, NULL, 5, 'c', '农业农村', '转为代表建议', NULL, 0),"
	" (5, '2026-09-01', '电话', NULL, '赵五', NULL, NULL, 1, 'c', NULL, '当场答复', '不满意', 0),"
	" (6, '2026-09-02', '日常来访', NULL, '钱六', NULL, NULL, 4, 'c', '道路交通', NULL, NULL, 1),"
	" (7, '2026-06-30', '日常来访', NULL, '孙七', NULL, NULL, 1, 'c', '教育', NULL, NULL, 0),"
	" (8, '2026-09-10', '走访', NULL, '周八', NULL, NULL, 2, 'c', '自定义类', NULL, NULL, 0);"
	"INSERT INTO visit_deputies (visit_id, deputy_id) VALUES (4, 1), (4, 3), (8, 4);"
	/* Cases (current rows). */
	"INSERT INTO cases (id, case_no, visit_id, category, summary, received_date, source, status, assigned_date,"
	" due_date, reply_date, result, followup_date, satisfaction, closed_date, deleted) VALUES"
	" (1, 'T-1', 2, '教育', 's', '2026-07-15', '来访', '办结', '2026-07-16', '2026-08-05', '2026-08-01', 'A',"
	"  '2026-08-03', '满意', '2026-08-04', 0),"
	" (2, 'T-2', NULL, '医疗卫生', 's', '2026-07-20', '代表调研', '办结', '2026-07-21', '2026-08-10', '2026-08-20',"
	"  'A', '2026-08-25', '基本满意', '2026-08-26', 0),"
	" (3, 'T-3', NULL, NULL, 's', '2026-08-01', '其他', '已答复', '2026-08-02', '2026-09-01', '2026-10-10', 'B',"
	"  NULL, NULL, NULL, 0),"
	" (4, 'T-4', NULL, '城乡建设', 's', '2026-09-05', '其他', '办理中', '2026-09-06', '2026-10-15', NULL, NULL,"
	"  NULL, NULL, NULL, 0),"
	" (5, 'T-5', NULL, '教育', 's', '2026-05-10', '其他', '办理中', '2026-05-11', '2026-06-01', NULL, NULL, NULL,"
	"  NULL, NULL, 0),"
	" (6, 'T-6', NULL, '社会保障', 's', '2026-09-08', '其他', '办结', NULL, NULL, '2026-09-08', NULL, '2026-09-08',"
	"  '满意', '2026-09-08', 0),"
	" (7, 'T-7', NULL, '教育', 's', '2026-07-05', '其他', '受理', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1),"
	" (8, 'T-8', NULL, '教育', 's', '2026-06-01', '其他', '受理', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0),"
	" (9, 'T-9', NULL, '教育', 's', '2026-06-28', '其他', '已答复', '2026-07-01', '2026-08-12', '2026-08-10', 'A',"
	"  NULL, NULL, NULL, 0);"
	"UPDATE visits SET case_id = 1 WHERE id = 2;"
	/* Their timelines (date, type, status after, due date set). */
	"INSERT INTO case_events (case_id, at, date, type, status_after, due_date) VALUES"
	" (1, '2026-07-15 09:00', '2026-07-15', '受理', '受理', NULL),"
	" (1, '2026-07-16 09:00', '2026-07-16', '交办', '办理中', '2026-08-05'),"
	" (1, '2026-08-01 09:00', '2026-08-01', '答复', '已答复', NULL),"
	" (1, '2026-08-03 09:00', '2026-08-03', '回访', '已答复', NULL),"
	" (1, '2026-08-04 09:00', '2026-08-04', '办结', '办结', NULL),"
	" (2, '2026-07-20 09:00', '2026-07-20', '受理', '受理', NULL),"
	" (2, '2026-07-21 09:00', '2026-07-21', '交办', '办理中', '2026-08-10'),"
	" (2, '2026-08-20 09:00', '2026-08-20', '答复', '已答复', NULL),"
	" (2, '2026-08-25 09:00', '2026-08-25', '回访', '已答复', NULL),"
	" (2, '2026-08-26 09:00', '2026-08-26', '办结', '办结', NULL),"
	" (3, '2026-08-01 09:00', '2026-08-01', '受理', '受理', NULL),"
	" (3, '2026-08-02 09:00', '2026-08-02', '交办', '办理中', '2026-09-01'),"
	" (3, '2026-10-10 09:00', '2026-10-10', '答复', '已答复', NULL),"
	" (4, '2026-09-05 09:00', '2026-09-05', '受理', '受理', NULL),"
	" (4, '2026-09-06 09:00', '2026-09-06', '交办', '办理中', '2026-09-25'),"
	" (4, '2026-09-20 09:00', '2026-09-20', '延期', '办理中', '2026-10-15'),"
	" (5, '2026-05-10 09:00', '2026-05-10', '受理', '受理', NULL),"
	" (5, '2026-05-11 09:00', '2026-05-11', '交办', '办理中', '2026-06-01'),"
	" (6, '2026-09-08 09:00', '2026-09-08', '受理', '受理', NULL),"
	" (6, '2026-09-08 09:01', '2026-09-08', '当场答复', '办结', NULL),"
	" (8, '2026-06-01 09:00', '2026-06-01', '受理', '受理', NULL),"
	" (8, '2026-06-02 09:00', '2026-06-02', '交办', '办理中', '2026-06-20'),"
	" (8, '2026-10-05 09:00', '2026-10-05', '退回', '受理', NULL),"
	" (9, '2026-06-28 09:00', '2026-06-28', '受理', '受理', NULL),"
	" (9, '2026-07-01 09:00', '2026-07-01', '交办', '办理中', '2026-07-20'),"
	" (9, '2026-07-18 09:00', '2026-07-18', '答复', '已答复', NULL),"
	" (9, '2026-07-19 09:00', '2026-07-19', '回访', '已答复', NULL),"
	" (9, '2026-07-22 09:00', '2026-07-22', '重办', '办理中', '2026-08-12'),"
	" (9, '2026-08-10 09:00', '2026-08-10', '答复', '已答复', NULL);"
	/* Suggestions: s1, s2, s5 raised in the quarter; s3 raised before, answered in it; s4 deleted. */
	"INSERT INTO suggestions (id, suggestion_no, title, date, status, reply_date, result, closed_date, deleted) "
	"VALUES"
	" (1, 'J1', 't', '2026-07-10', '办结', '2026-08-20', 'A', '2026-09-01', 0),"
	" (2, 'J2', 't', '2026-08-05', '已答复', '2026-09-10', 'C', NULL, 0),"
	" (3, 'J3', 't', '2026-05-01', '办结', '2026-07-05', 'B', '2026-10-02', 0),"
	" (4, 'J4', 't', '2026-09-01', '已答复', '2026-09-02', 'D', NULL, 1),"
	" (5, 'J5', 't', '2026-09-20', '已提出', NULL, NULL, NULL, 0);"
	/* The 办理时限 promised at 交办 (答复定时): c4 was extended, c9's is its 重办's. */
	"UPDATE cases SET promised_date = CASE id WHEN 4 THEN '2026-09-25' ELSE due_date END"
	" WHERE id IN (1, 2, 3, 4, 5, 9);"
	/* 民生实事项目 p1..p8 and vote sessions s0 (06-20), s1 (08-20, decided), s2 (09-25, not yet). */
	"INSERT INTO vote_sessions (id, date, meeting, expected, present, decided) VALUES"
	" (10, '2026-06-20', 'm0', 30, 28, 1), (11, '2026-08-20', 'm1', 30, 29, 1), (12, '2026-09-25', 'm2', 30, 27, "
	"0);"
	"INSERT INTO projects (id, title, year, date, source, status, vote_date, completed_date, eval_joined,"
	" eval_satisfied, eval_basic, eval_unsatisfied, deleted) VALUES"
	" (1, 'p1', 2026, '2026-07-02', '来访', '实施', '2026-08-20', NULL, 0, 0, 0, 0, 0),"
	" (2, 'p2', 2026, '2026-07-03', '来访', '未通过', '2026-08-20', NULL, 0, 0, 0, 0, 0),"
	" (3, 'p3', 2026, '2026-06-01', '来访', '评价', '2026-06-20', '2026-09-10', 20, 15, 3, 2, 0),"
	" (4, 'p4', 2026, '2026-08-01', '来访', '征集', NULL, NULL, 0, 0, 0, 0, 1),"
	" (5, 'p5', 2026, '2026-09-05', '代表', '初选', NULL, NULL, 0, 0, 0, 0, 0),"
	" (6, 'p6', 2026, '2026-07-10', '其他', '票决', NULL, NULL, 0, 0, 0, 0, 0),"
	" (7, 'p7', 2026, '2026-05-01', '其他', '完成', '2026-06-20', '2026-10-05', 0, 0, 0, 0, 0),"
	" (8, 'p8', 2026, '2026-07-05', '其他', '评价', '2026-08-20', '2026-09-20', 10, 6, 2, 2, 0);"
	"INSERT INTO project_votes (session_id, project_id, yes, no, abstain, passed) VALUES"
	" (10, 3, 20, 5, 3, 1), (10, 7, 18, 5, 5, 1), (11, 1, 20, 5, 4, 1), (11, 2, 10, 15, 4, 0),"
	" (11, 8, 25, 2, 2, 1), (12, 6, 20, 4, 3, NULL);"
	"INSERT INTO project_events (project_id, at, date, type) VALUES"
	" (3, '2026-09-15 09:00', '2026-09-15', '测评'), (8, '2026-10-02 09:00', '2026-10-02', '测评');";

static struct calendar *cal;

static void fixture(void)
{
	char *err = NULL;
	tdb_open("summary");
	if (db_exec(db, fixture_sql, &err) < 0) {
		fprintf(stderr, "  fixture: %s\n", err);
		t_failed_checks++;
	}
	free(err);
	CHECK_INT(q_int("SELECT count(*) FROM visits"), 8);
	if (!cal && !(cal = calendar_from_text(cal_text, &err))) {
		fprintf(stderr, "  calendar: %s\n", err);
		t_failed_checks++;
		free(err);
	}
}

static void summarise(struct summary *s, const char *from, const char *to, int min)
{
	char *err = NULL;
	summary_init(s, "CG01", "城关镇联络站", "2026年第三季度", from, to);
	struct summary_opts o = { min, cal, { .assign_days = 3, .followup_days = 5 } };
	if (db_summary(db, s, &o, &err) < 0) {
		fprintf(stderr, "  db_summary: %s\n", err);
		t_failed_checks++;
	}
	free(err);
}

static void check_cell(const struct summary *s, int c, const char *want)
{
	char *v = summary_cell(s, c);
	if (strcmp(v, want)) {
		fprintf(stderr, "  %s: \"%s\", expected \"%s\"\n", summary_cols[c].header, v, want);
		t_failed_checks++;
	}
	free(v);
}

TEST(quarter_figures_by_hand)
{
	struct summary s;
	fixture();
	summarise(&s, "2026-07-01", "2026-09-30", 3);
	/* 接待日举行次数: r1 (held = 1) and r2 (a visit on it); r3 cancelled, r4 before, r5 deleted. */
	CHECK_INT(s.n[SUM_RECEPTION_DAYS], 2);
	/* 代表进站人次: duty r1 A, C + r2 C = 3 (r3 cancelled, r5 deleted); present a1 A, D + a2 C = 3
	 * (B on leave, E deleted, a3 deleted, a4 after) -> 6. */
	CHECK_INT(s.n[SUM_DEPUTY_TIMES], 6);
	/* 五级 (people): A 全国; C 县; D 乡镇 (present at a1; r3, where D was on duty, was cancelled). */
	CHECK_INT(s.n[SUM_LEVEL_FIRST + 0], 1);
	CHECK_INT(s.n[SUM_LEVEL_FIRST + 1], 0);
	CHECK_INT(s.n[SUM_LEVEL_FIRST + 2], 0);
	CHECK_INT(s.n[SUM_LEVEL_FIRST + 3], 1);
	CHECK_INT(s.n[SUM_LEVEL_FIRST + 4], 1);
	/* 接待群众: v1, v2, v3, v5 (not 走访; v6 deleted, v7 before) = 4 visits, 3+1+2+1 = 7 people. */
	CHECK_INT(s.n[SUM_VISITS], 4);
	CHECK_INT(s.n[SUM_VISIT_PEOPLE], 7);
	/* 走访: v4, v8 = 2, 5+2 = 7 people. */
	CHECK_INT(s.n[SUM_WALKS], 2);
	CHECK_INT(s.n[SUM_WALK_PEOPLE], 7);
	/* 收集意见建议: 6 visits (v1 v2 v3 v4 v5 v8) + cases not from a visit received in the quarter:
	 * c2 c3 c4 c6 (c1 came from v2, c7 deleted, c5 c8 c9 before) = 10. */
	CHECK_INT(s.n[SUM_OPINIONS], 10);
	CHECK_INT(s.n[summary_category_col("城乡建设")], 2); /* v1, c4 */
	CHECK_INT(s.n[summary_category_col("教育")], 2);     /* v2, v3 */
	CHECK_INT(s.n[summary_category_col("农业农村")], 1); /* v4 */
	CHECK_INT(s.n[summary_category_col("医疗卫生")], 1); /* c2 */
	CHECK_INT(s.n[summary_category_col("社会保障")], 1); /* c6 */
	CHECK_INT(s.n[summary_category_col("道路交通")], 0); /* v6 deleted */
	CHECK_INT(s.n[SUM_CAT_NONE], 3);                     /* v5 none, v8 自定义类, c3 none */
	/* 当场答复: c6 + visits v1, v5 = 3; 不予受理 v3; 转为代表建议 v4. */
	CHECK_INT(s.n[SUM_SPOT], 3);
	CHECK_INT(s.n[SUM_REJECTED], 1);
	CHECK_INT(s.n[SUM_TO_SUGGESTION], 1);
	/* 交办 (assigned_date in the quarter): c1 c2 c3 c4 c9 = 5. 答复 (not on the spot): c1 08-01,
	 * c2 08-20, c9 08-10 = 3 (c3 answered 10-10). */
	CHECK_INT(s.n[SUM_ASSIGNED], 5);
	CHECK_INT(s.n[SUM_REPLIED], 3);
	/* 办结: c1, c2, c6 + v1, v5 = 5; 按期: c1 (08-01 <= 08-05), c6, v1, v5 = 4 (c2 answered
	 * 08-20 after 08-10) -> 80.0%. */
	CHECK_INT(s.n[SUM_CLOSED], 5);
	CHECK_INT(s.n[SUM_ON_TIME], 4);
	check_cell(&s, SUM_ON_TIME_RATE, "80.0");
	/* 回访: c1 满意, c2 基本满意, c6 满意, v1 满意, v5 不满意 = 5, satisfied 4 -> 80.0%. */
	CHECK_INT(s.n[SUM_FOLLOWED], 5);
	CHECK_INT(s.n[SUM_SATISFIED], 4);
	check_cell(&s, SUM_SAT_RATE, "80.0");
	/* 期末超期 as at 09-30 by the timelines: c3 (due 09-01, answered only 10-10), c5 (due 06-01),
	 * c8 (due 06-20, returned only 10-05) = 3. Not c4 (extended on 09-20 to 10-15), not c9
	 * (answered again 08-10). Today's view (办理中 with due < 11-23) would be c4 and c5. */
	CHECK_INT(s.n[SUM_OVERDUE_END], 3);
	/* 代表建议: raised s1 s2 s5 = 3; answered s1 (A) s2 (C) s3 (B) = 3; closed s1 = 1. */
	CHECK_INT(s.n[SUM_SUG_RAISED], 3);
	CHECK_INT(s.n[SUM_SUG_REPLIED], 3);
	CHECK_INT(s.n[SUM_SUG_A], 1);
	CHECK_INT(s.n[SUM_SUG_A + 1], 1);
	CHECK_INT(s.n[SUM_SUG_A + 2], 1);
	CHECK_INT(s.n[SUM_SUG_D], 0);
	CHECK_INT(s.n[SUM_SUG_CLOSED], 1);
	/* 代表活动: a1 调研, a2 学习培训 = 2. One whole quarter with 2 < 3 -> 否. */
	CHECK_INT(s.n[SUM_ACTIVITIES], 2);
	CHECK_INT(s.n[summary_activity_col("调研")], 1);
	CHECK_INT(s.n[summary_activity_col("学习培训")], 1);
	CHECK_INT(s.n[summary_activity_col("视察")], 0);
	CHECK_INT(s.n[SUM_QUARTERS], 1);
	check_cell(&s, SUM_MIN_MET, "否");
	check_cell(&s, SUM_VERSION, "2");
	check_cell(&s, SUM_CODE, "CG01");
	check_cell(&s, SUM_FROM, "2026-07-01");
	/* 五环五时 as at 09-30 ([cases] assign_days 3, followup_days 5; weekends off, 中秋 09-25..27):
	 * 受理 (due: the visit's date, or the received date): c1 (v2 07-15, received 07-15), c2 07-20,
	 *   c3 08-01, c4 09-05, c6 09-08 — all received when due: 到期 5, 按时 5, 100.0.
	 * 交办 (due: the 3rd working day after 受理; c6 on the spot has none): c9 06-28 (Sun) -> 06-29,
	 *   06-30, 07-01, assigned 07-01; c1 07-15 (Wed) -> 07-20, assigned 07-16; c2 07-20 -> 07-23,
	 *   assigned 07-21; c3 08-01 (Sat) -> 08-05, assigned 08-02; c4 09-05 (Sat) -> 09-09, assigned
	 *   09-06 (c5 due in May, c8 in June): 到期 5, 按时 5, 100.0.
	 * 办理 (due: 办理时限 in Q3): c1 08-05 answered 08-01 on time; c2 08-10 answered 08-20 late;
	 *   c3 09-01 answered only 10-10, overdue at 09-30; c9 08-12 (after 重办) answered 08-10 on
	 *   time; c4's is 10-15 (extended): 到期 4, 按时 2, 50.0.
	 * 答复 (due: the promised date): c1 08-05 on time, c2 08-10 late, c3 09-01 overdue, c4 09-25
	 *   (promised before the extension) not answered: overdue; c9 08-12 on time: 到期 5, 按时 2, 40.0.
	 * 回访 (due: the 5th working day after the reply): c1 08-01 (Sat) -> 08-07, visited 08-03;
	 *   c2 08-20 (Thu) -> 08-27, visited 08-25; c6 09-08 -> 09-15, visited 09-08; c9 08-10 -> 08-17,
	 *   not visited after its new reply: overdue (c3's reply 10-10 is after): 到期 4, 按时 3, 75.0. */
	static const int64_t ring_due[] = { 5, 5, 4, 5, 4 }, ring_on[] = { 5, 5, 2, 2, 3 };
	static const char *const ring_rate[] = { "100.0", "100.0", "50.0", "40.0", "75.0" };
	for (int r = 0; r < 5; r++) {
		CHECK_INT(s.n[SUM_RING_FIRST + 3 * r + SUM_RING_DUE], ring_due[r]);
		CHECK_INT(s.n[SUM_RING_FIRST + 3 * r + SUM_RING_ON_TIME], ring_on[r]);
		check_cell(&s, SUM_RING_FIRST + 3 * r + SUM_RING_RATE, ring_rate[r]);
	}
	CHECK_STR(summary_cols[SUM_RING_FIRST + 3 * 3 + SUM_RING_RATE].header, "答复定时_按时率(%)");
	/* 民生实事项目: 征集 in Q3 p1 p2 p5 p6 p8 = 5 (p3 06-01, p7 05-01, p4 deleted); 票决 at a
	 * session held in Q3 and decided: s1's p1 p2 p8 = 3 (s2's p6 not decided, s0 in June);
	 * 通过 p1 p8 = 2; 完成 p3 09-10, p8 09-20 = 2 (p7 10-05); 测评 dated in Q3: p3 (09-15; p8's
	 * is 10-02): 20 took part, 15 + 3 = 18 satisfied -> 90.0. */
	CHECK_INT(s.n[SUM_PJ_PROPOSED], 5);
	CHECK_INT(s.n[SUM_PJ_VOTED], 3);
	CHECK_INT(s.n[SUM_PJ_PASSED], 2);
	CHECK_INT(s.n[SUM_PJ_DONE], 2);
	CHECK_INT(s.n[SUM_PJ_JOINED], 20);
	CHECK_INT(s.n[SUM_PJ_SATISFIED], 18);
	check_cell(&s, SUM_PJ_SAT_RATE, "90.0");
	/* 活动_督查: none in the fixture; its column is the last one added to 代表活动. */
	CHECK_INT(s.n[SUM_ACT_INSPECT], 0);
	CHECK_INT(summary_activity_col("督查"), SUM_ACT_INSPECT);
	CHECK_INT(summary_activity_col("其他"), SUM_ACT_LAST);
	CHECK_INT(summary_activity_col("办实事"), SUM_ACT_LAST - 1);
	CHECK_INT(summary_activity_col("不存在"), -1);
	summary_free(&s);
	/* With a minimum of 2 the quarter is met. */
	summarise(&s, "2026-07-01", "2026-09-30", 2);
	check_cell(&s, SUM_MIN_MET, "是");
	summary_free(&s);
	tdb_close();
}

TEST(month_and_empty_period)
{
	struct summary s;
	fixture();
	/* August: no whole quarter -> 季度活动达标 empty; 期末超期 at 08-31: c3 (due 09-01) not yet;
	 * c5 (06-01) and c8 (06-20) yes; c9 at 08-31 answered (08-10) -> 2. */
	summarise(&s, "2026-08-01", "2026-08-31", 1);
	CHECK_INT(s.n[SUM_QUARTERS], 0);
	check_cell(&s, SUM_MIN_MET, "");
	CHECK_INT(s.n[SUM_OVERDUE_END], 2);
	summary_free(&s);
	/* The quarter while it is not over (today 09-07): the rings as at today. 答复: c1 on time,
	 * c2 late (08-20), c3 overdue (09-01), c9 on time; c4 (promised 09-25) is 未到期 and left out
	 * of 到期: 到期 4, 按时 2, 50.0 (5 rings fall in the quarter). */
	setenv("STATION_TODAY", "2026-09-07", 1);
	summarise(&s, "2026-07-01", "2026-09-30", 1);
	unsetenv("STATION_TODAY");
	CHECK_INT(s.n[SUM_RING_FIRST + 3 * RING_REPLY + SUM_RING_DUE], 4);
	CHECK_INT(s.n[SUM_RING_FIRST + 3 * RING_REPLY + SUM_RING_ON_TIME], 2);
	check_cell(&s, SUM_RING_FIRST + 3 * RING_REPLY + SUM_RING_RATE, "50.0");
	summary_free(&s);
	/* A period with nothing in it: every count 0, rates empty (shown "-"). */
	summarise(&s, "2020-01-01", "2020-03-31", 1);
	for (int c = SUM_RECEPTION_DAYS; c < SUM_N; c++)
		if (summary_cols[c].kind == SK_INT && c != SUM_QUARTERS)
			CHECK_INT(s.n[c], 0);
	check_cell(&s, SUM_ON_TIME_RATE, "");
	check_cell(&s, SUM_PJ_SAT_RATE, "");
	check_cell(&s, SUM_RING_FIRST + SUM_RING_RATE, "");
	check_cell(&s, SUM_MIN_MET, "否");
	char *r = summary_rate_label(&s, SUM_SAT_RATE);
	CHECK_STR(r, "-");
	free(r);
	summary_free(&s);
	tdb_close();
}

static int count_row(void *ud, const char *const *cells)
{
	int *n = ud;
	if (*n == 0) {
		CHECK_STR(cells[1], "2026-07-15");
		CHECK_STR(cells[3], "=HYPERLINK(\"http://x\")"); /* raw here; the CSV writer neutralises */
		CHECK_STR(cells[5], "13912341111");
	}
	if (*n == 3)
		CHECK_STR(cells[14], "A、C");
	(*n)++;
	return 0;
}

TEST(details_stream)
{
	fixture();
	char *err = NULL;
	int n = 0;
	int64_t cnt = 0;
	CHECK_INT(db_summary_details(db, DETAIL_VISITS, "2026-07-01", "2026-09-30", count_row, &n, &err), 0);
	CHECK_INT(n, 6);
	CHECK_INT(db_summary_details_count(db, DETAIL_VISITS, "2026-07-01", "2026-09-30", &cnt, &err), 0);
	CHECK_INT(cnt, 6);
	CHECK_INT(db_summary_details_count(db, DETAIL_CASES, "2026-07-01", "2026-09-30", &cnt, &err), 0);
	CHECK_INT(cnt, 5); /* c1 c2 c3 c4 c6 */
	CHECK_INT(db_summary_details_count(db, DETAIL_SUGGESTIONS, "2026-07-01", "2026-09-30", &cnt, &err), 0);
	CHECK_INT(cnt, 3);
	CHECK_INT(db_summary_details_count(db, DETAIL_ACTIVITIES, "2026-07-01", "2026-09-30", &cnt, &err), 0);
	CHECK_INT(cnt, 2);
	for (int k = 0; k < DETAIL_COUNT; k++)
		CHECK_STR(detail_defs[k].cols[0].header, "uid");
	tdb_close();
}

TEST(plan_searches_no_scan)
{
	fixture();
	char *plan = NULL, *err = NULL;
	CHECK_INT(db_summary_plan(db, "2026-07-01", "2026-09-30", &plan, &err), 0);
	CHECK(plan && !strstr(plan, "SCAN visits") && !strstr(plan, "SCAN cases") && !strstr(plan, "SCAN c\n") &&
	      !strstr(plan, "SCAN v\n"));
	CHECK(plan && strstr(plan, "visits_date"));
	if (getenv("SHOW_PLAN"))
		fprintf(stderr, "%s", plan);
	free(plan);
	free(err);
	tdb_close();
}

TEST(masking)
{
	char *m = summary_mask_idno("11010119900101123X");
	CHECK_STR(m, "1101**********123X");
	free(m);
	m = summary_mask_address("城关镇东关村3组12号");
	CHECK_STR(m, "城关镇东关村***");
	free(m);
	m = summary_mask_address("幸福社区5栋2单元");
	CHECK_STR(m, "幸福社区***");
	free(m);
	m = summary_mask_address("人民路一百二十三号院");
	CHECK_STR(m, "人民路一百二***");
	free(m);
	m = summary_mask_address("");
	CHECK_STR(m, "");
	free(m);
}

TEST(whole_quarters)
{
	char q[8][11];
	CHECK_INT(summary_whole_quarters("2026-07-01", "2026-09-30", q, 8), 1);
	CHECK_STR(q[0], "2026-07-01");
	CHECK_INT(summary_whole_quarters("2026-01-01", "2026-12-31", q, 8), 4);
	CHECK_STR(q[3], "2026-10-01");
	CHECK_INT(summary_whole_quarters("2026-07-02", "2026-12-31", q, 8), 1);
	CHECK_INT(summary_whole_quarters("2026-10-01", "2026-10-31", q, 8), 0);
	CHECK_INT(summary_whole_quarters("2025-10-01", "2026-03-31", q, 8), 2);
	CHECK_STR(q[1], "2026-01-01");
}

int main(void)
{
	RUN(quarter_figures_by_hand);
	RUN(month_and_empty_period);
	RUN(details_stream);
	RUN(plan_searches_no_scan);
	RUN(masking);
	RUN(whole_quarters);
	calendar_free(cal);
	return t_done();
}
