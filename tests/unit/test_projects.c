/* 民生实事项目 (core/project.h, db/projects.h, db/votes.h): the pass rule with both choices, ties
 * and abstentions; the state machine's steps and refusals; in the database: a project from a
 * visit (a deleted visit refused), votes over 实到 and a project voted twice refused with nothing
 * written, the results moving projects to 实施 / 未通过, progress going backwards without a
 * note, a completion before the vote, 督查 as an activity of type 督查 with its sign-in, the
 * 满意度测评 adding up, and the summary's counts. */
#include "tdb.h"

#include "core/project.h"
#include "db/projects.h"
#include "db/votes.h"

static const char *today = "2026-11-23";

TEST(t_pass_rule)
{
	/* 应到 31: more than half is 16; 15 fails. */
	CHECK(project_passes(false, 31, 29, 16));
	CHECK(!project_passes(false, 31, 29, 15));
	CHECK_INT(project_pass_need(false, 31, 29), 16);
	/* 实到 29: more than half is 15. */
	CHECK(project_passes(true, 31, 29, 15));
	CHECK(!project_passes(true, 31, 29, 14));
	CHECK_INT(project_pass_need(true, 31, 29), 15);
	/* A tie fails under both rules: 30 应到 with 15, 20 实到 with 10. */
	CHECK(!project_passes(false, 30, 20, 15));
	CHECK(!project_passes(true, 30, 20, 10));
	CHECK(project_passes(true, 30, 20, 11));
	/* Abstentions are not for: 10 of 20 实到 with 9 abstaining still fails. */
	struct refusal why = { 0 };
	CHECK_INT(project_votes_check(20, 10, 1, 9, &why), 0);
	CHECK(!project_passes(true, 30, 20, 10));
	/* Votes over 实到 are refused at 赞成. */
	CHECK_INT(project_votes_check(20, 15, 4, 2, &why), -1);
	CHECK(why.field && !strcmp(why.field, "yes") && strstr(why.msg, "合计 21 票") && strstr(why.msg, "实到人数 20"));
	refusal_clear(&why);
	CHECK_INT(project_session_check(31, 32, &why), -1);
	CHECK(why.field && !strcmp(why.field, "present"));
	refusal_clear(&why);
	CHECK_INT(project_session_check(31, 31, &why), 0);
}

TEST(t_machine)
{
	struct project_state s = { .status = PS_COLLECTED }, n;
	struct refusal why = { 0 };
	snprintf(s.date, sizeof s.date, "2026-03-01");
	/* Nothing but 初选 from 征集. */
	struct project_act a = { .action = PA_PROGRESS, .percent = 10, .date = "2026-03-02" };
	CHECK_INT(project_apply(&s, &a, today, &n, &why), -1);
	CHECK(why.field == NULL && strstr(why.msg, "尚未票决"));
	refusal_clear(&why);
	/* 不入选 needs its reason. */
	a = (struct project_act){ .action = PA_DROP, .date = "2026-03-02" };
	CHECK_INT(project_apply(&s, &a, today, &n, &why), -1);
	CHECK(why.field && !strcmp(why.field, "note"));
	refusal_clear(&why);
	/* A date before 征集 is refused at the date. */
	a = (struct project_act){ .action = PA_KEEP, .date = "2026-02-01" };
	CHECK_INT(project_apply(&s, &a, today, &n, &why), -1);
	CHECK(why.field && !strcmp(why.field, "date"));
	refusal_clear(&why);
	a.date = "2026-03-05";
	CHECK_INT(project_apply(&s, &a, today, &n, &why), 0);
	CHECK_INT(n.status, PS_SHORTLISTED);
	/* Only a candidate goes to the vote; the vote decides. */
	CHECK_INT(project_ballot(&s, &n, &why), -1);
	refusal_clear(&why);
	s = n;
	CHECK_INT(project_ballot(&s, &n, &why), 0);
	CHECK_INT(n.status, PS_VOTING);
	s = n;
	CHECK_INT(project_decide(&s, false, "2026-04-01", &n, &why), 0);
	CHECK_INT(n.status, PS_REJECTED);
	CHECK_INT(project_decide(&s, true, "2026-04-01", &n, &why), 0);
	CHECK_INT(n.status, PS_CARRYING);
	CHECK_STR(n.vote_date, "2026-04-01");
	s = n;
	/* 完成 before the vote is refused; without a unit too. */
	a = (struct project_act){ .action = PA_COMPLETE, .date = "2026-03-20" };
	CHECK_INT(project_apply(&s, &a, today, &n, &why), -1);
	CHECK(why.field && !strcmp(why.field, "date"));
	refusal_clear(&why);
	/* Progress: backwards needs a note. */
	a = (struct project_act){ .action = PA_PROGRESS, .percent = 60, .date = "2026-05-01" };
	CHECK_INT(project_apply(&s, &a, today, &n, &why), 0);
	s = n;
	a = (struct project_act){ .action = PA_PROGRESS, .percent = 40, .date = "2026-06-01" };
	CHECK_INT(project_apply(&s, &a, today, &n, &why), -1);
	CHECK(why.field && !strcmp(why.field, "note") && strstr(why.msg, "60%"));
	refusal_clear(&why);
	a.note = "雨季停工，部分返工";
	CHECK_INT(project_apply(&s, &a, today, &n, &why), 0);
	CHECK_INT(n.progress, 40);
	/* The evaluation must add up. */
	s.status = PS_DONE;
	a = (struct project_act){ .action = PA_EVALUATE, .joined = 20, .satisfied = 15, .basic = 3, .unsatisfied = 1,
				  .date = "2026-11-01" };
	CHECK_INT(project_apply(&s, &a, today, &n, &why), -1);
	CHECK(why.field && !strcmp(why.field, "joined") && strstr(why.msg, "合计 19 人"));
	refusal_clear(&why);
	a.unsatisfied = 2;
	CHECK_INT(project_apply(&s, &a, today, &n, &why), 0);
	CHECK_INT(n.status, PS_EVALUATED);
	CHECK((int)(project_sat_rate(20, 15, 3) + 0.5) == 90);
}

/* A visit of 2026-03-01; returns its id. */
static int64_t visit(void)
{
	CHECK_INT(db_exec(db,
			  "INSERT INTO visits (date, channel, visitor_name, content) VALUES ('2026-03-01', '日常来访',"
			  " '王大爷', '小区没有养老服务中心')",
			  NULL),
		  0);
	return q_int("SELECT max(id) FROM visits");
}

static int64_t project(const char *title, int64_t visit_id, int64_t deputy, struct refusal *why)
{
	char *v[PJ_NFIELDS] = { (char *)title, "2026", "2026-03-02", visit_id ? "来访" : "代表",
				"王大爷",      "",     "",           "养老托育",
				"120",         "" };
	struct project_links l = { .visit_id = visit_id, .deputy_id = deputy };
	int64_t id = 0;
	if (db_projects_save(db, 0, v, &l, &id, why) < 0)
		return 0;
	return id;
}

static int64_t candidate(const char *title, int64_t deputy)
{
	struct refusal why = { 0 };
	int64_t id = project(title, 0, deputy, &why);
	struct project_act a = { .action = PA_KEEP, .date = "2026-03-10" };
	CHECK_INT(db_projects_act(db, id, &a, NULL, today, &why), 0);
	refusal_clear(&why);
	return id;
}

TEST(t_db)
{
	struct refusal why = { 0 };
	tdb_open("projects");
	int64_t dep = tdb_deputy("张三", NULL, NULL, NULL);
	int64_t v = visit();
	/* From a visit; the link is kept. */
	int64_t p1 = project("社区养老服务中心建设", v, 0, &why);
	CHECK(p1 > 0);
	CHECK_INT(q_int("SELECT source_visit_id = (SELECT max(id) FROM visits) FROM projects WHERE title = '社区养老服务中心建设'"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM project_events WHERE type = '征集'"), 1);
	/* A deleted visit is refused, nothing written. */
	CHECK_INT(db_exec(db, "UPDATE visits SET deleted = 1", NULL), 0);
	CHECK_INT(project("老旧小区改造", v, 0, &why), 0);
	CHECK(why.field && !strcmp(why.field, "source_visit_id") && strstr(why.msg, "已被删除"));
	refusal_clear(&why);
	CHECK_INT(q_int("SELECT count(*) FROM projects"), 1);

	struct project_act keep = { .action = PA_KEEP, .date = "2026-03-10" };
	CHECK_INT(db_projects_act(db, p1, &keep, NULL, today, &why), 0);
	int64_t p2 = candidate("老旧小区改造", dep), p3 = candidate("农贸市场提升", 0);
	/* A session of 31 应到, 29 实到. */
	struct vote_session vs = { .date = "2026-04-01", .meeting = "某镇第十八届人民代表大会第七次会议", .expected = 31, .present = 29 };
	int64_t sid = 0;
	CHECK_INT(db_votes_session_save(db, 0, &vs, today, &sid, &why), 0);
	vs.present = 32;
	CHECK_INT(db_votes_session_save(db, sid, &vs, today, NULL, &why), -1);
	CHECK(why.field && !strcmp(why.field, "present"));
	refusal_clear(&why);
	/* Votes over 实到: refused, nothing written, the project still 初选. */
	CHECK_INT(db_votes_add(db, sid, p1, 25, 3, 2, &why), -1);
	CHECK(why.field && !strcmp(why.field, "yes") && strstr(why.msg, "超过实到人数 29"));
	refusal_clear(&why);
	CHECK_INT(q_int("SELECT count(*) FROM project_votes"), 0);
	CHECK_INT(q_int("SELECT status = '初选' FROM projects WHERE title = '社区养老服务中心建设'"), 1);
	CHECK_INT(db_votes_add(db, sid, p1, 25, 2, 2, &why), 0);
	/* The same project twice in one session. */
	CHECK_INT(db_votes_add(db, sid, p1, 20, 2, 2, &why), -1);
	CHECK(why.field && !strcmp(why.field, "project") && strstr(why.msg, "已经在本次会议表决过"));
	refusal_clear(&why);
	CHECK_INT(db_votes_add(db, sid, p2, 16, 10, 3, &why), 0);
	CHECK_INT(db_votes_add(db, sid, p3, 15, 10, 4, &why), 0);
	CHECK_INT(q_int("SELECT count(*) FROM projects WHERE status = '票决'"), 3);
	/* Results by 应到: 16 of 31 passes, 15 does not. */
	int npassed = -1;
	CHECK_INT(db_votes_decide(db, sid, false, &npassed, &why), 0);
	CHECK_INT(npassed, 2);
	CHECK_INT(q_int("SELECT status = '实施' FROM projects WHERE title = '老旧小区改造'"), 1);
	CHECK_INT(q_int("SELECT status = '未通过' FROM projects WHERE title = '农贸市场提升'"), 1);
	CHECK_INT(q_int("SELECT decided FROM vote_sessions"), 1);
	CHECK_INT(db_votes_decide(db, sid, false, NULL, &why), -1);
	refusal_clear(&why);

	/* Carrying out: a completion before the vote is refused. */
	int64_t unit = q_int("SELECT min(id) FROM units");
	struct project_act a = { .action = PA_ARRANGE, .unit_id = unit, .due = "2026-10-31", .date = "2026-04-05" };
	CHECK_INT(db_projects_act(db, p1, &a, NULL, today, &why), 0);
	a = (struct project_act){ .action = PA_PROGRESS, .percent = 50, .date = "2026-06-01" };
	CHECK_INT(db_projects_act(db, p1, &a, NULL, today, &why), 0);
	a = (struct project_act){ .action = PA_PROGRESS, .percent = 30, .date = "2026-07-01" };
	CHECK_INT(db_projects_act(db, p1, &a, NULL, today, &why), -1);
	CHECK(why.field && !strcmp(why.field, "note"));
	refusal_clear(&why);
	CHECK_INT(q_int("SELECT progress FROM projects WHERE id = (SELECT min(id) FROM projects)"), 50);
	/* Overdue against its plan on 2026-11-23. */
	int64_t over = 0;
	char *err = NULL;
	CHECK_INT(db_projects_overdue_count(db, today, &over, &err), 0);
	CHECK_INT(over, 1);
	/* 督查: an activity of type 督查 linked to the project, the deputy signed in. */
	a = (struct project_act){ .action = PA_INSPECT, .ndeputies = 1, .date = "2026-07-10", .note = "现场查看施工" };
	CHECK_INT(db_projects_act(db, p1, &a, &dep, today, &why), 0);
	CHECK_INT(q_int("SELECT count(*) FROM activities WHERE type = '督查' AND project_id IS NOT NULL"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM attendance WHERE status = '出席'"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM project_events WHERE type = '督查' AND activity_id IS NOT NULL"), 1);
	a = (struct project_act){ .action = PA_COMPLETE, .date = "2026-03-30" };
	CHECK_INT(db_projects_act(db, p1, &a, NULL, today, &why), -1);
	CHECK(why.field && !strcmp(why.field, "date"));
	refusal_clear(&why);
	a.date = "2026-11-01";
	CHECK_INT(db_projects_act(db, p1, &a, NULL, today, &why), 0);
	a = (struct project_act){ .action = PA_EVALUATE, .joined = 29, .satisfied = 20, .basic = 6, .unsatisfied = 3,
				  .date = "2026-11-20" };
	CHECK_INT(db_projects_act(db, p1, &a, NULL, today, &why), 0);
	CHECK_INT(q_int("SELECT status = '评价' FROM projects WHERE id = (SELECT min(id) FROM projects)"), 1);

	struct project_counts c;
	CHECK_INT(db_projects_counts(db, "2026-01-01", "2026-12-31", &c, &err), 0);
	CHECK_INT(c.proposed, 3);
	CHECK_INT(c.voted, 3);
	CHECK_INT(c.passed, 2);
	CHECK_INT(c.completed, 1);
	CHECK_INT(c.eval_joined, 29);
	CHECK_INT(c.eval_satisfied + c.eval_basic, 26);
	CHECK_INT(db_projects_counts(db, "2025-01-01", "2025-12-31", &c, &err), 0);
	CHECK_INT(c.proposed + c.voted + c.completed, 0);
	tdb_close();
}

/* A 代表建议 as the source: the form requires one when 来源 is 代表建议; the link is stored and
 * shown (编号 标题（提出日期）); a deleted suggestion is refused with nothing written, but one
 * already linked may stay when the project is edited; an edit can change the link. */
TEST(t_suggestion_source)
{
	struct refusal why = { 0 };
	const char *msgs[PJ_NFIELDS] = { 0 };
	tdb_open("projects_sug");
	CHECK_INT(db_exec(db,
			  "INSERT INTO suggestions (id, suggestion_no, title, date) VALUES"
			  " (1, 'J2026-01', '关于建设社区食堂的建议', '2026-02-01'), (2, NULL, '关于修路的建议', "
			  "'2026-02-03')",
			  NULL),
		  0);
	char *v[PJ_NFIELDS] = { "社区食堂", "2026", "2026-03-02", "代表建议", "", "", "", "养老托育", "", "" };
	char **c = record_copy_values(&project_def, v); /* record_check trims in place */
	CHECK_INT(record_check(&project_def, c, today, msgs), 1);
	CHECK(msgs[PJ_SUGGESTION] && strstr(msgs[PJ_SUGGESTION], "请选择是哪一件建议"));
	record_free_values(&project_def, c);
	v[PJ_SUGGESTION] = "J2026-01 关于建设社区食堂的建议（2026-02-01）";
	memset(msgs, 0, sizeof msgs);
	c = record_copy_values(&project_def, v);
	CHECK_INT(record_check(&project_def, c, today, msgs), 0);
	record_free_values(&project_def, c);
	struct project_links l = { .suggestion_id = 1 };
	int64_t id = 0;
	CHECK_INT(db_projects_save(db, 0, v, &l, &id, &why), 0);
	struct project_info p;
	char *err = NULL;
	CHECK_INT(db_projects_get(db, id, &p, &err), 0);
	CHECK_INT(p.suggestion_id, 1);
	CHECK_STR(p.vals[PJ_SUGGESTION], "J2026-01 关于建设社区食堂的建议（2026-02-01）");
	CHECK_STR(p.vals[PJ_CATEGORY], "养老托育");
	db_project_info_free(&p);
	/* The suggestion deleted since: a new project from it is refused, nothing written ... */
	CHECK_INT(db_exec(db, "UPDATE suggestions SET deleted = 1 WHERE id = 1", NULL), 0);
	int64_t id2 = 0;
	CHECK_INT(db_projects_save(db, 0, v, &l, &id2, &why), -1);
	CHECK(why.field && !strcmp(why.field, "source_suggestion_id") && strstr(why.msg, "已被删除"));
	refusal_clear(&why);
	CHECK_INT(q_int("SELECT count(*) FROM projects"), 1);
	/* ... the project linked to it can still be edited, and shows it deleted */
	v[PJ_TITLE] = "社区长者食堂";
	CHECK_INT(db_projects_save(db, id, v, &l, NULL, &why), 0);
	CHECK_INT(db_projects_get(db, id, &p, &err), 0);
	CHECK(strstr(p.vals[PJ_SUGGESTION], "（已删除）") != NULL);
	db_project_info_free(&p);
	/* an edit moves it to another suggestion */
	l.suggestion_id = 2;
	CHECK_INT(db_projects_save(db, id, v, &l, NULL, &why), 0);
	CHECK_INT(q_int("SELECT source_suggestion_id FROM projects"), 2);
	free(err);
	tdb_close();
}

int main(void)
{
	RUN(t_pass_rule);
	RUN(t_machine);
	RUN(t_db);
	RUN(t_suggestion_source);
	return t_done();
}
