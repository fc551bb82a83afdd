/* 代表建议: core (months, result letters, form checks, the state machine with the 延期 limit)
 * and db (insert with lead, co-sponsors and a linked case, all by id; get round trip; unknown
 * or deleted deputies, units and cases write nothing; actions with audit; the stage rule on
 * update; the suggestions of a case; filters, sort and paging; delete and restore; deleted
 * deputies kept where already linked). */
#include "t.h"
#include "tdb.h"

#include "core/record.h"
#include "core/suggestion.h"
#include "core/util.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/suggestions.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#define TODAY "2026-09-30"

static long long unit_traffic, unit_water, units; /* ids of two default units; their number */

static void exec_sql(const char *sql)
{
	char *err = NULL;
	if (db_exec(db, sql, &err) < 0) {
		fprintf(stderr, "  %s: %s\n", sql, err);
		t_failed_checks++;
	}
	free(err);
}

/* A new station file with deputies (two named 张三), units and cases. */
static void setup(void)
{
	tdb_open("suggestions");
	exec_sql("INSERT INTO deputies (id, name, name_py, name_initials, gender, level, work_unit) VALUES"
		 " (1, '李四', 'li si', 'ls', '男', '县', '城关镇人民政府'),"
		 " (2, '王五', 'wang wu', 'ww', '女', '乡镇', '中心学校'),"
		 " (3, '赵六', 'zhao liu', 'zl', '男', '乡镇', NULL),"
		 " (4, '张三', 'zhang san', 'zs', '男', '县', '城关镇人民政府'),"
		 " (5, '张三', 'zhang san', 'zs', '女', '乡镇', '卫生院、防疫站'),"
		 " (6, '孙七', 'sun qi', 'sq', '男', '市', NULL)");
	exec_sql("UPDATE deputies SET status = '离任' WHERE id = 6");
	unit_traffic = q_int("SELECT id FROM units WHERE name = '县交通运输局' AND deleted = 0");
	unit_water = q_int("SELECT id FROM units WHERE name = '县水利局' AND deleted = 0");
	units = q_int("SELECT count(*) FROM units WHERE deleted = 0");
	if (unit_traffic <= 0 || unit_water <= 0)
		die("default units missing");
	exec_sql("INSERT INTO cases (id, case_no, summary, received_date) VALUES"
		 " (1, 'CG-2026-001', '道路破损', '2026-03-01'), (2, 'CG-2026-002', '路灯不亮', '2026-03-02')");
}

static void teardown(void) { tdb_close(); }

/* Checked values of a new suggestion. */
static char **sug(const char *title, const char *lead, const char *co, const char *date, const char *cat,
		  const char *cases)
{
	char **v = record_new_values(&suggestion_def, TODAY);
	const char *msgs[SUG_NFIELDS];
	str_set(&v[SUG_TITLE], title);
	str_set(&v[SUG_LEAD], lead);
	str_set(&v[SUG_COSPONSORS], co);
	if (date)
		str_set(&v[SUG_DATE], date);
	str_set(&v[SUG_CATEGORY], cat);
	str_set(&v[SUG_CASES], cases);
	str_set(&v[SUG_CONTENT], "请有关部门研究办理。");
	int bad = record_check(&suggestion_def, v, TODAY, msgs);
	if (bad) {
		for (int i = 0; i < SUG_NFIELDS; i++)
			if (msgs[i])
				fprintf(stderr, "  field %s: %s\n", suggestion_def.fields[i].label, msgs[i]);
		t_failed_checks++;
	}
	return v;
}

/* The ids a test names (the form's choice fields give them to the program): a deputy by its name
 * ("张三#4": id 4, for namesakes; "#99": id 99), a case by its number; 0 for an unknown one. */
struct tlinks {
	int64_t co[16], cases[16];
	struct suggestion_ids ids;
};

static int64_t t_id(const char *table, const char *col, const char *name)
{
	const char *hash = strchr(name, '#');
	if (hash)
		return atoll(hash + 1);
	char *q = xasprintf("SELECT coalesce((SELECT min(id) FROM %s WHERE %s = '%s'), 0)", table, col, name);
	int64_t id = q_int(q);
	free(q);
	return id;
}

static const struct suggestion_ids *tlinks(struct tlinks *t, const char *lead, const char *co, const char *cases)
{
	char **v;
	int n;
	memset(t, 0, sizeof *t);
	t->ids.lead_id = str_empty(lead) ? 0 : t_id("deputies", "name", lead);
	n = record_multi_split(co, &v);
	for (int i = 0; i < n && i < 16; i++)
		t->co[t->ids.ncosponsors++] = t_id("deputies", "name", v[i]);
	str_free_array(v, n);
	n = record_multi_split(cases, &v);
	for (int i = 0; i < n && i < 16; i++)
		t->cases[t->ids.ncases++] = t_id("cases", "case_no", v[i]);
	str_free_array(v, n);
	t->ids.cosponsor_ids = t->co;
	t->ids.case_ids = t->cases;
	return &t->ids;
}

/* The ids a suggestion links now (borrowed from in). */
static struct suggestion_ids ids_of(const struct suggestion_info *in)
{
	return (struct suggestion_ids){ .lead_id = in->lead_id,
					.cosponsor_ids = in->cosponsor_ids,
					.ncosponsors = in->ncosponsors,
					.case_ids = in->case_ids,
					.ncases = in->ncases,
					.unit_id = in->state.unit_id };
}

/* Update suggestion id with values v, keeping its deputies and cases; the unit named in
 * v[SUG_UNIT] (by name). */
static int upd(int64_t id, char *const *v, char **err)
{
	struct suggestion_info in;
	if (db_suggestions_get(db, id, &in, err) < 0)
		return -1;
	struct suggestion_ids ids = ids_of(&in);
	ids.unit_id = str_empty(v[SUG_UNIT]) ? 0 : t_id("units", "name", v[SUG_UNIT]);
	int rc = db_suggestions_update(db, id, v, &ids, err);
	db_suggestion_info_free(&in);
	return rc;
}

static int64_t add(const char *title, const char *lead, const char *co, const char *date, const char *cat,
		   const char *cases)
{
	char **v = sug(title, lead, co, date, cat, cases);
	struct tlinks t;
	int64_t id = 0;
	char *err = NULL;
	if (db_suggestions_insert(db, v, tlinks(&t, lead, co, cases), &id, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", title, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&suggestion_def, v);
	return id;
}

/* The field the last refused act() or core_act() named ("-": none). */
static const char *refused_field;

/* Run an action (a 延期 with a reason); returns the error ("" when it worked; caller frees).
 * result and sat as a clerk picks them ("A 已解决或基本解决", "满意"). */
static char *act(int64_t id, enum suggestion_action a, const char *date, const char *unit, const char *due,
		 const char *content, const char *result, const char *sat)
{
	struct suggestion_act x = { .action = a,
				    .date = date,
				    .due = due,
				    .note = a == SA_EXTEND ? "需协调资金" : NULL,
				    .content = content,
				    .result = case_result_parse(result),
				    .satisfaction = case_sat_parse(sat) };
	struct refusal why = { .field = "stale" };
	x.unit_id = str_empty(unit) ? 0 : t_id("units", "name", unit);
	if (db_suggestions_act(db, id, &x, TODAY, &why) == 0) {
		CHECK(why.msg == NULL && why.field == NULL);
		return xstrdup("");
	}
	CHECK(why.msg != NULL);
	refused_field = why.field ? why.field : "-";
	return why.msg ? why.msg : xstrdup("(no message)");
}

#define CHECK_ACT(call, expect)                                                                                        \
	do {                                                                                                           \
		char *t_m = (call);                                                                                    \
		CHECK_STR(t_m, expect);                                                                                \
		free(t_m);                                                                                             \
	} while (0)

/* ---- core ---- */

TEST(t_months)
{
	char out[11];
	suggestion_add_months("2026-01-15", 3, out);
	CHECK_STR(out, "2026-04-15");
	suggestion_add_months("2026-11-30", 3, out);
	CHECK_STR(out, "2027-02-28");
	suggestion_add_months("2027-11-30", 3, out);
	CHECK_STR(out, "2028-02-29");
	suggestion_add_months("2026-08-31", 6, out);
	CHECK_STR(out, "2027-02-28");
	suggestion_add_months("2026-10-31", 0, out);
	CHECK_STR(out, "2026-10-31");
	suggestion_add_months("2026-02-30", 3, out);
	CHECK_STR(out, "");
	suggestion_default_due("2026-05-31", out);
	CHECK_STR(out, "2026-08-31");
}

TEST(t_labels)
{
	/* One table of 办理结果 and of 满意度 for cases and suggestions: the form's fields are
	 * core/case.h's lists. */
	CHECK(suggestion_def.fields[SUG_RESULT].choices == case_result_codes);
	CHECK(suggestion_def.fields[SUG_SATISFACTION].choices == case_sat_choices);
	CHECK_INT(case_result_parse("A."), 'A');
	CHECK_INT(case_result_parse("b"), 'B');
	CHECK_INT(case_result_parse("Ｃ"), 'C');
	CHECK_INT(case_result_parse("D 留作参考并解释"), 'D');
	CHECK_INT(case_result_parse("A 正在解决"), 0);
	CHECK_STR(suggestion_status_label(SS_REPLIED), "已答复");
	CHECK_INT(suggestion_status_parse("办结"), SS_CLOSED);
	CHECK_INT(suggestion_status_parse("受理"), -1);
	CHECK_STR(suggestion_action_label(SA_EXTEND), "延期");
	CHECK_INT(suggestion_action_parse("答复"), SA_REPLY);
	CHECK_STR(suggestion_col_label(SUG_X_STATUS), "状态");
	CHECK_STR(suggestion_col_label(SUG_LEAD), "领衔代表");
	CHECK_STR(suggestion_action_label(SA_FOLLOWUP), "征询意见");
	CHECK_INT(suggestion_action_parse("重办"), SA_REDO);
	CHECK_STR(suggestion_next_step(SS_HANDLING, CASE_SAT_NONE), "待答复");
	CHECK_STR(suggestion_next_step(SS_REPLIED, CASE_SAT_NONE), "待征询意见");
	CHECK_STR(suggestion_next_step(SS_REPLIED, CASE_SAT_BASIC), "待办结");
	CHECK_STR(suggestion_next_step(SS_REPLIED, CASE_SAT_UNSATISFIED), "待重办");
}

TEST(t_form_check)
{
	const char *msgs[SUG_NFIELDS];
	char **v = record_new_values(&suggestion_def, TODAY);
	CHECK_STR(v[SUG_DATE], TODAY);
	/* Required: title, lead, category. */
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 3);
	CHECK(msgs[SUG_TITLE] && msgs[SUG_LEAD] && msgs[SUG_CATEGORY]);
	str_set(&v[SUG_TITLE], "关于修缮村道的建议");
	str_set(&v[SUG_LEAD], "李四");
	str_set(&v[SUG_CATEGORY], "城建环资");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 0);
	/* A title of 61 characters. */
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 61; i++)
		sb_add(&sb, "字");
	str_set(&v[SUG_TITLE], sb.buf);
	sb_free(&sb);
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	CHECK(msgs[SUG_TITLE] != NULL);
	str_set(&v[SUG_TITLE], "关于修缮村道的建议");
	str_set(&v[SUG_CATEGORY], "城乡建设");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	str_set(&v[SUG_CATEGORY], "城建环资");
	/* Reply content and date together; satisfaction needs a reply; the result as a letter. */
	str_set(&v[SUG_REPLY], "已列入明年计划");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	CHECK_STR(msgs[SUG_REPLY_DATE], "有答复内容时须填答复日期");
	str_set(&v[SUG_REPLY], "");
	str_set(&v[SUG_DATE], "2026-08-01");
	str_set(&v[SUG_REPLY_DATE], "09-01");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	CHECK_STR(msgs[SUG_REPLY], "有答复日期时须填答复内容");
	CHECK_STR(v[SUG_REPLY_DATE], "2026-09-01");
	str_set(&v[SUG_REPLY_DATE], "");
	str_set(&v[SUG_SATISFACTION], "满意");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	CHECK_STR(msgs[SUG_SATISFACTION], "尚无答复，不能填满意度");
	str_set(&v[SUG_SATISFACTION], "");
	str_set(&v[SUG_RESULT], "c 列入规划逐步解决");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 0);
	CHECK_STR(v[SUG_RESULT], "C");
	str_set(&v[SUG_RESULT], "Z");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	CHECK_STR(msgs[SUG_RESULT], "应为 A/B/C/D 之一");
	str_set(&v[SUG_RESULT], "");
	/* Deadline not before the date raised. */
	str_set(&v[SUG_DUE], "2026-07-31");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	CHECK_STR(msgs[SUG_DUE], "办理时限不能早于提出日期");
	str_set(&v[SUG_DUE], "");
	str_set(&v[SUG_REPLY_DATE], "2026-07-31");
	str_set(&v[SUG_REPLY], "答复");
	CHECK_INT(record_check(&suggestion_def, v, TODAY, msgs), 1);
	CHECK_STR(msgs[SUG_REPLY_DATE], "答复日期不能早于提出日期");
	str_set(&v[SUG_REPLY_DATE], "");
	str_set(&v[SUG_REPLY], "");
	str_set(&v[SUG_DUE], "");
	/* The stage rule. */
	for (int i = 0; i < SUG_NFIELDS; i++)
		msgs[i] = NULL;
	str_set(&v[SUG_UNIT], "县水利局");
	CHECK_INT(suggestion_check_stage(SS_RAISED, v, msgs), 1);
	CHECK_STR(msgs[SUG_UNIT], "尚未交办：请用「交办」填写");
	msgs[SUG_UNIT] = NULL;
	CHECK_INT(suggestion_check_stage(SS_HANDLING, v, msgs), 1);
	CHECK_STR(msgs[SUG_DUE], "已交办，不能为空");
	record_free_values(&suggestion_def, v);
}

/* Apply an action to *s in the core; returns the refusal ("" on success; caller frees), its
 * field into refused_field. */
static char *core_act(struct suggestion_state *s, struct suggestion_act a)
{
	struct refusal why = { .field = "stale" };
	if (suggestion_apply(s, &a, TODAY, s, &why) == 0) {
		CHECK(why.msg == NULL && why.field == NULL);
		return xstrdup("");
	}
	refused_field = why.field ? why.field : "-";
	return why.msg;
}

/* Expect core_act to refuse with want at field ("-": the whole action). */
#define CHECK_AT(call, field, want)                                                                                    \
	do {                                                                                                           \
		CHECK_ACT(call, want);                                                                                 \
		CHECK_STR(refused_field, field);                                                                       \
	} while (0)

#define SA(...) ((struct suggestion_act){ __VA_ARGS__ })

TEST(t_machine)
{
	struct suggestion_state s = { .status = SS_RAISED, .date = "2026-01-05" }, saved;
	const char *why;

	CHECK(!suggestion_allowed(&s, SA_REPLY, &why));
	CHECK_STR(why, "尚未交办，不能答复");
	CHECK_AT(core_act(&s, SA(.action = SA_REPLY, .content = "x", .result = 'A')), "-", "尚未交办，不能答复");
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-06-01", .note = "r")), "-", "尚未交办，不能延期");
	CHECK_AT(core_act(&s, SA(.action = SA_CLOSE)), "-", "尚未答复，不能办结");
	CHECK_AT(core_act(&s, SA(.action = SA_FOLLOWUP, .satisfaction = CASE_SAT_SATISFIED)), "-",
		 "尚未答复，不能征询代表意见");
	CHECK_AT(core_act(&s, SA(.action = SA_REDO)), "-", "尚未交办，不能重办");
	CHECK_AT(core_act(&s, SA(.action = SA_ASSIGN, .date = "2026-01-10")), "unit_id", "请选择承办单位");
	CHECK_AT(core_act(&s, SA(.action = SA_ASSIGN, .unit_id = 1, .date = "2026-01-04")), "date",
		 "交办日期不能早于提出日期（2026-01-05）");
	CHECK_AT(core_act(&s, SA(.action = SA_ASSIGN, .unit_id = 1, .date = "2026-10-01")), "date",
		 "交办日期不能晚于今天");
	CHECK_AT(core_act(&s, SA(.action = SA_ASSIGN, .unit_id = 1, .date = "2026-01-10", .due = "2026-04-11")), "due",
		 "办理时限最长为交办后 3 个月（2026-04-10），需要更长请在办理中延期");
	CHECK_AT(core_act(&s, SA(.action = SA_ASSIGN, .unit_id = 1, .date = "2026-01-10", .due = "2026-01-09")), "due",
		 "办理时限不能早于交办日期");
	CHECK_INT(s.status, SS_RAISED);
	/* 交办 with the default due date: 3 months. */
	CHECK_ACT(core_act(&s, SA(.action = SA_ASSIGN, .unit_id = 7, .date = "2026-01-10")), "");
	CHECK_INT(s.status, SS_HANDLING);
	CHECK_INT(s.unit_id, 7);
	CHECK_STR(s.assigned, "2026-01-10");
	CHECK_STR(s.due, "2026-04-10");
	CHECK_STR(s.last, "2026-01-10");
	CHECK_AT(core_act(&s, SA(.action = SA_ASSIGN, .unit_id = 2)), "-",
		 "这条建议已经交办，不能再交办；更换承办单位请修改记录");
	char limit[11];
	suggestion_extend_limit(&s, limit);
	CHECK_STR(limit, "2026-07-10");
	CHECK(suggestion_overdue(&s, "2026-04-11"));
	CHECK(!suggestion_overdue(&s, "2026-04-10"));
	/* 延期: later than now, within 3 months in all, with its reason. */
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .note = "r")), "due",
		 "请填写延期后的办理时限（最晚 2026-07-10）");
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-04-10", .note = "r")), "due",
		 "延期后的办理时限应晚于原时限（2026-04-10）");
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-07-11", .note = "r")), "due",
		 "延期合计不能超过 3 个月，最晚可延至 2026-07-10");
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-05-31", .date = "2026-03-01")), "note",
		 "请填写延期理由");
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-05-31", .note = " \n ", .date = "2026-03-01")),
		 "note", "请填写延期理由");
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-05-31", .note = "r", .date = "2026-01-09")), "date",
		 "延期日期不能早于上一步的日期（2026-01-10）");
	CHECK_ACT(
		core_act(&s, SA(.action = SA_EXTEND, .due = "2026-05-31", .note = "需协调资金", .date = "2026-03-01")),
		"");
	CHECK_STR(s.due, "2026-05-31");
	CHECK_INT(s.extensions, 1);
	CHECK_STR(s.last, "2026-03-01");
	CHECK_ACT(core_act(&s, SA(.action = SA_EXTEND, .due = "7-10", .note = "r", .date = "2026-05-01")), "");
	CHECK_STR(s.due, "2026-07-10");
	CHECK_INT(s.extensions, 2);
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-07-20", .note = "r")), "due",
		 "延期已满 3 个月，不能再延");
	CHECK_INT(s.extensions, 2);
	/* 答复 */
	saved = s;
	CHECK_AT(core_act(&s, SA(.action = SA_REPLY, .content = " \n ", .result = 'A')), "content", "请填写答复内容");
	CHECK_AT(core_act(&s, SA(.action = SA_REPLY, .content = "已修复")), "result", "请选择办理结果（A/B/C/D）");
	CHECK_AT(core_act(&s, SA(.action = SA_REPLY, .content = "已修复", .result = 'F')), "result",
		 "办理结果应为 A/B/C/D 之一");
	CHECK_AT(core_act(&s, SA(.action = SA_REPLY, .content = "已修复", .result = 'A', .date = "2026-04-30")), "date",
		 "答复日期不能早于上一步的日期（2026-05-01）");
	CHECK(!memcmp(&s, &saved, sizeof s));
	CHECK_ACT(core_act(&s, SA(.action = SA_REPLY, .content = "已修复", .result = 'A', .date = "2026-06-01")), "");
	CHECK_INT(s.status, SS_REPLIED);
	CHECK_STR(s.reply, "2026-06-01");
	CHECK_INT(s.result, 'A');
	CHECK_AT(core_act(&s, SA(.action = SA_EXTEND, .due = "2026-07-01", .note = "r")), "-", "已经答复，不能再延期");
	/* 办结 and 重办 need the deputies' view first. */
	CHECK_AT(core_act(&s, SA(.action = SA_CLOSE)), "-", "尚未征询代表意见，不能办结");
	CHECK_AT(core_act(&s, SA(.action = SA_REDO)), "-", "尚未征询代表意见，不能重办；代表不满意的才重办");
	CHECK_AT(core_act(&s, SA(.action = SA_FOLLOWUP)), "satisfaction", "请选择代表的满意度（满意/基本满意/不满意）");
	CHECK_AT(core_act(&s, SA(.action = SA_FOLLOWUP, .satisfaction = CASE_SAT_BASIC, .date = "2026-05-31")), "date",
		 "征询意见日期不能早于上一步的日期（2026-06-01）");
	CHECK_ACT(core_act(&s, SA(.action = SA_FOLLOWUP, .satisfaction = CASE_SAT_BASIC, .date = "2026-06-08")), "");
	CHECK_INT(s.status, SS_REPLIED);
	CHECK_INT(s.satisfaction, CASE_SAT_BASIC);
	CHECK_STR(s.followup, "2026-06-08");
	CHECK_AT(core_act(&s, SA(.action = SA_FOLLOWUP, .satisfaction = CASE_SAT_BASIC)), "-",
		 "本轮已经征询意见（满意），请办结");
	CHECK_AT(core_act(&s, SA(.action = SA_REDO)), "-", "代表满意，无需重办，请办结");
	CHECK_AT(core_act(&s, SA(.action = SA_CLOSE, .date = "2026-06-07")), "date",
		 "办结日期不能早于上一步的日期（2026-06-08）");
	CHECK_ACT(core_act(&s, SA(.action = SA_CLOSE, .date = "2026-06-10")), "");
	CHECK_INT(s.status, SS_CLOSED);
	CHECK_STR(s.closed, "2026-06-10");
	CHECK_AT(core_act(&s, SA(.action = SA_CLOSE)), "-", "这条建议已经办结");
	CHECK(!suggestion_overdue(&s, "2027-01-01"));
	CHECK_STR(suggestion_next_step(s.status, s.satisfaction), "已办结");
}

/* 不满意 does not close: 办结 is refused and 重办 starts a new round from its own date. */
TEST(t_machine_redo)
{
	struct suggestion_state s = { .status = SS_RAISED, .date = "2026-01-05" };
	CHECK_ACT(core_act(&s, SA(.action = SA_ASSIGN, .unit_id = 7, .date = "2026-01-10")), "");
	CHECK_ACT(core_act(&s, SA(.action = SA_REPLY, .content = "研究中", .result = 'C', .date = "2026-03-01")), "");
	CHECK_ACT(core_act(&s, SA(.action = SA_FOLLOWUP, .satisfaction = CASE_SAT_UNSATISFIED, .date = "2026-03-05")),
		  "");
	CHECK_INT(s.status, SS_REPLIED);
	CHECK_STR(suggestion_next_step(s.status, s.satisfaction), "待重办");
	CHECK_AT(core_act(&s, SA(.action = SA_CLOSE)), "-", "代表不满意，应重办，不能办结");
	CHECK_AT(core_act(&s, SA(.action = SA_FOLLOWUP, .satisfaction = CASE_SAT_SATISFIED)), "-",
		 "本轮已经征询意见（不满意），请重办");
	CHECK_AT(core_act(&s, SA(.action = SA_REDO, .date = "2026-03-06", .due = "2026-06-07")), "due",
		 "办理时限最长为重办后 3 个月（2026-06-06），需要更长请在办理中延期");
	CHECK_ACT(core_act(&s, SA(.action = SA_REDO, .date = "2026-03-06", .note = "代表要求重新办理")), "");
	CHECK_INT(s.status, SS_HANDLING);
	CHECK_INT(s.redo_count, 1);
	CHECK_STR(s.redone, "2026-03-06");
	CHECK_STR(s.due, "2026-06-06");
	CHECK_STR(s.assigned, "2026-01-10");
	CHECK_STR(s.reply, "");
	CHECK_INT(s.result, 0);
	CHECK_INT(s.satisfaction, CASE_SAT_NONE);
	CHECK_STR(s.followup, "");
	/* The months of the new round count from the 重办. */
	char limit[11];
	suggestion_extend_limit(&s, limit);
	CHECK_STR(limit, "2026-09-06");
	CHECK_ACT(core_act(&s, SA(.action = SA_REPLY, .content = "已修复", .result = 'A', .date = "2026-04-01")), "");
	CHECK_ACT(core_act(&s, SA(.action = SA_FOLLOWUP, .satisfaction = CASE_SAT_SATISFIED, .date = "2026-04-02")),
		  "");
	CHECK_ACT(core_act(&s, SA(.action = SA_CLOSE, .date = "2026-04-03")), "");
	CHECK_INT(s.status, SS_CLOSED);
	CHECK_INT(s.redo_count, 1);
	/* Every form field the core can name is on its action's form. */
	struct action_field f[ACTION_MAX_FIELDS];
	int n = suggestion_form(SA_EXTEND, f);
	CHECK_INT(n, 3);
	CHECK_STR(f[0].key, "due");
	CHECK_STR(f[1].key, "note");
	CHECK_STR(f[1].label, "延期理由");
	CHECK(f[1].required);
	CHECK_STR(f[2].key, "date");
	CHECK_INT(suggestion_form(SA_FOLLOWUP, f), 3);
	CHECK_STR(f[0].key, "satisfaction");
	CHECK_INT(suggestion_form(SA_COUNT, f), 0);
}

/* ---- db ---- */

TEST(t_insert_get)
{
	setup();
	char **v = sug("关于修缮村道的建议", "李四", "王五、张三", "2026-03-05", "城建环资", "CG-2026-001");
	str_set(&v[SUG_NO], "JY-2026-01");
	int64_t id = 0, co[] = { 2, 5 }, one = 1;
	struct suggestion_ids links = {
		.lead_id = 1, .cosponsor_ids = co, .ncosponsors = 2, .case_ids = &one, .ncases = 1
	};
	char *err = NULL;
	CHECK_INT(db_suggestions_insert(db, v, &links, &id, &err), 0);
	CHECK(err == NULL);
	free(err);
	CHECK(id > 0);
	CHECK_INT(q_int("SELECT lead_deputy_id FROM suggestions"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE status = '已提出'"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM suggestion_deputies"), 2);
	CHECK_INT(q_int("SELECT count(*) FROM suggestion_deputies WHERE deputy_id IN (2, 5)"), 2);
	CHECK_INT(q_int("SELECT case_id FROM suggestion_cases"), 1);
	CHECK(q_int("SELECT count(*) FROM audit_log WHERE table_name LIKE 'suggestion%'") >= 4);

	/* Read back: the ids, and plain names for the screen. */
	struct suggestion_info info;
	err = NULL;
	CHECK_INT(db_suggestions_get(db, id, &info, &err), 0);
	free(err);
	if (info.vals) {
		CHECK(!record_values_differ(&suggestion_def, v, info.vals));
		for (int i = 0; i < SUG_NFIELDS; i++)
			if (strcmp(v[i], info.vals[i]))
				fprintf(stderr, "  %s: \"%s\" != \"%s\"\n", suggestion_def.fields[i].label, v[i],
					info.vals[i]);
		CHECK_INT(info.lead_id, 1);
		CHECK_INT(info.ncosponsors, 2);
		CHECK_INT(info.cosponsor_ids[0], 2);
		CHECK_INT(info.cosponsor_ids[1], 5);
		CHECK_INT(info.ncases, 1);
		CHECK_INT(info.case_ids[0], 1);
		CHECK_INT(info.state.status, SS_RAISED);
		CHECK_STR(info.state.date, "2026-03-05");
		CHECK_INT(strlen(info.uid), 32);
	}
	/* Saving what get gave writes nothing new (same links). */
	long long audits = q_int("SELECT count(*) FROM audit_log WHERE table_name <> 'suggestions'");
	struct suggestion_ids same = ids_of(&info);
	CHECK_INT(db_suggestions_update(db, id, info.vals, &same, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name <> 'suggestions'"), audits);
	db_suggestion_info_free(&info);

	/* Update: other co-sponsors (a repeat dropped), two cases, in the order given. */
	int64_t co2[] = { 3, 2, 3 }, cases2[] = { 2, 1 };
	links = (struct suggestion_ids){
		.lead_id = 1, .cosponsor_ids = co2, .ncosponsors = 3, .case_ids = cases2, .ncases = 2
	};
	CHECK_INT(db_suggestions_update(db, id, v, &links, &err), 0);
	char **vals = NULL;
	CHECK_INT(db_suggestions_get_values(db, id, &vals, NULL), 0);
	if (vals) {
		CHECK_STR(vals[SUG_LEAD], "李四");
		CHECK_STR(vals[SUG_COSPONSORS], "赵六、王五");
		CHECK_STR(vals[SUG_CASES], "CG-2026-002、CG-2026-001");
		record_free_values(&suggestion_def, vals);
	}
	/* A second suggestion with the same number. */
	err = NULL;
	CHECK_INT(db_suggestions_insert(db, v, &links, NULL, &err), -1);
	CHECK_STR(err, "与已有记录重复：编号");
	free(err);
	CHECK_INT(q_int("SELECT count(*) FROM suggestions"), 1);
	CHECK_INT(db_depth(db), 0);
	record_free_values(&suggestion_def, v);
	teardown();
}

/* Each bad link fails the insert with its message and writes nothing. */
TEST(t_bad_links)
{
	static const struct {
		const char *lead, *co, *cases, *msg, *field;
	} cases[] = {
		{ "", "", "", "必填项为空：领衔代表", "lead_deputy_id" },
		{ "#99", "", "", "领衔代表：这位代表不在名册中或已被删除", "lead_deputy_id" },
		{ "李四", "王五、#99", "", "附议代表：有代表不在名册中或已被删除", "cosponsors" },
		{ "李四", "王五、李四", "", "附议代表：「李四」已是领衔代表，不必再附议", "cosponsors" },
		{ "李四", "王五", "CG-2026-001、#99", "关联案件：有案件不存在或已被删除", "cases" },
	};
	setup();
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char **v = sug("建议", "李四", cases[i].co, NULL, "社会建设", cases[i].cases);
		struct tlinks t;
		char *err = NULL;
		int64_t id = 42;
		CHECK_INT(
			db_suggestions_insert(db, v, tlinks(&t, cases[i].lead, cases[i].co, cases[i].cases), &id, &err),
			-1);
		CHECK_INT(id, 0);
		CHECK_STR(err, cases[i].msg);
		free(err);
		/* The form's save names the field the refusal is about (no words searched). */
		struct refusal why = { 0 };
		CHECK_INT(db_suggestions_save(db, 0, v, tlinks(&t, cases[i].lead, cases[i].co, cases[i].cases), &id,
					      &why),
			  -1);
		CHECK_STR(why.field, cases[i].field);
		CHECK_STR(why.msg, cases[i].msg);
		refusal_clear(&why);
		record_free_values(&suggestion_def, v);
	}
	/* Too many co-sponsors. */
	char **v = sug("建议", "李四", "", NULL, "社会建设", "");
	int64_t many[SUGGESTION_MAX_COSPONSORS + 1];
	for (int i = 0; i <= SUGGESTION_MAX_COSPONSORS; i++)
		many[i] = 1000 + i;
	struct suggestion_ids l = { .lead_id = 1, .cosponsor_ids = many, .ncosponsors = SUGGESTION_MAX_COSPONSORS + 1 };
	char *err = NULL;
	CHECK_INT(db_suggestions_insert(db, v, &l, NULL, &err), -1);
	CHECK_STR(err, "附议代表最多 100 位");
	free(err);
	/* A handling field on a new suggestion. */
	str_set(&v[SUG_UNIT], "县水利局");
	l = (struct suggestion_ids){ .lead_id = 1, .unit_id = unit_water };
	err = NULL;
	CHECK_INT(db_suggestions_insert(db, v, &l, NULL, &err), -1);
	CHECK_STR(err, "承办单位：尚未交办：请用「交办」填写");
	free(err);
	record_free_values(&suggestion_def, v);
	CHECK_INT(q_int("SELECT count(*) FROM suggestions"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM suggestion_deputies"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM suggestion_cases"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name LIKE 'suggestion%'"), 0);
	/* Each 张三 by its own id. */
	CHECK(add("建议一", "张三#5", "张三#4", NULL, "社会建设", "") > 0);
	CHECK_INT(q_int("SELECT lead_deputy_id FROM suggestions"), 5);
	CHECK_INT(q_int("SELECT deputy_id FROM suggestion_deputies"), 4);
	/* A bad update leaves the row and its links as they were. */
	int64_t id = add("建议二", "李四", "王五", NULL, "社会建设", "CG-2026-001");
	v = sug("建议二改", "李四", "赵六", NULL, "社会建设", "");
	struct tlinks t;
	err = NULL;
	CHECK_INT(db_suggestions_update(db, id, v, tlinks(&t, "李四", "赵六", "#404"), &err), -1);
	CHECK_STR(err, "关联案件：有案件不存在或已被删除");
	free(err);
	CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE title = '建议二'"), 1);
	CHECK_INT(q_int("SELECT deputy_id FROM suggestion_deputies WHERE suggestion_id = 2"), 2);
	err = NULL;
	CHECK_INT(db_suggestions_update(db, 999, v, tlinks(&t, "李四", "", ""), &err), -1);
	CHECK_STR(err, "找不到这条代表建议（编号 999），可能已被删除");
	free(err);
	record_free_values(&suggestion_def, v);
	CHECK_INT(db_depth(db), 0);
	teardown();
}

TEST(t_actions)
{
	setup();
	int64_t id = add("关于增设公交站点的建议", "李四", "王五", "2026-01-05", "城建环资", "");
	struct suggestion_state s;

	CHECK_ACT(act(id, SA_REPLY, NULL, NULL, NULL, "已答复", "A", NULL), "尚未交办，不能答复");
	CHECK_ACT(act(id, SA_ASSIGN, "2026-01-10", "#9999", NULL, NULL, NULL, NULL),
		  "这个承办单位不存在或已删除，请重新选择");
	CHECK_ACT(act(id, SA_ASSIGN, "2026-01-10", NULL, NULL, NULL, NULL, NULL), "请选择承办单位");
	CHECK_ACT(act(id, SA_ASSIGN, "2026-01-10", "县交通运输局", NULL, NULL, NULL, NULL), "");
	CHECK_INT(db_suggestions_state(db, id, &s, NULL), 0);
	CHECK_INT(s.status, SS_HANDLING);
	CHECK_INT(s.unit_id, unit_traffic);
	CHECK_STR(s.due, "2026-04-10");
	CHECK_INT(
		q_int("SELECT count(*) FROM suggestions WHERE status = '办理中' AND assigned_date = '2026-01-10'"
		      " AND due_date = '2026-04-10' AND unit_id = (SELECT id FROM units WHERE name = '县交通运输局')"),
		1);

	CHECK_ACT(act(id, SA_EXTEND, "2026-03-01", NULL, "2026-06-10", NULL, NULL, NULL), "");
	CHECK_ACT(act(id, SA_EXTEND, "2026-03-01", NULL, "2026-07-11", NULL, NULL, NULL),
		  "延期合计不能超过 3 个月，最晚可延至 2026-07-10");
	CHECK_STR(refused_field, "due");
	CHECK_ACT(act(id, SA_EXTEND, "2026-04-01", NULL, "2026-07-10", NULL, NULL, NULL), "");
	CHECK_ACT(act(id, SA_EXTEND, NULL, NULL, "2026-07-20", NULL, NULL, NULL), "延期已满 3 个月，不能再延");
	CHECK_INT(q_int("SELECT extensions FROM suggestions"), 2);
	CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE due_date = '2026-07-10'"), 1);

	CHECK_ACT(act(id, SA_CLOSE, NULL, NULL, NULL, NULL, NULL, NULL), "尚未答复，不能办结");
	CHECK_ACT(act(id, SA_REPLY, "2026-07-01", NULL, NULL, "已增设站点两处", "A 已解决或基本解决", NULL), "");
	CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE status = '已答复' AND reply_date = '2026-07-01'"
			" AND reply = '已增设站点两处' AND result = 'A'"),
		  1);
	CHECK_ACT(act(id, SA_FOLLOWUP, "2026-07-04", NULL, NULL, NULL, NULL, "满意"), "");
	CHECK_ACT(act(id, SA_CLOSE, "2026-07-05", NULL, NULL, NULL, NULL, NULL), "");
	CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE status = '办结' AND closed_date = '2026-07-05'"
			" AND followup_date = '2026-07-04' AND satisfaction = '满意'"),
		  1);
	CHECK_ACT(act(id, SA_CLOSE, NULL, NULL, NULL, NULL, NULL, NULL), "这条建议已经办结");
	/* Every action that was taken is in the audit log and the timeline; refusals are not. */
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'suggestions' AND action = 'UPDATE'"), 6);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'suggestions' AND user = '测试'"), 7);
	CHECK_INT(q_int("SELECT count(*) FROM suggestion_events WHERE suggestion_id = 1"), 7);

	/* The form corrects what the actions wrote, and keeps the status. */
	struct suggestion_info info;
	CHECK_INT(db_suggestions_get(db, id, &info, NULL), 0);
	if (info.vals) {
		CHECK_STR(info.vals[SUG_UNIT], "县交通运输局");
		CHECK_STR(info.vals[SUG_RESULT], "A");
		CHECK_STR(info.vals[SUG_SATISFACTION], "满意");
		char *err = NULL;
		str_set(&info.vals[SUG_REPLY], "已增设站点三处");
		str_set(&info.vals[SUG_UNIT], "县水利局");
		CHECK_INT(upd(id, info.vals, &err), 0);
		free(err);
		CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE status = '办结' AND unit_id = "
				"(SELECT id FROM units WHERE name = '县水利局')"
				" AND reply = '已增设站点三处'"),
			  1);
		err = NULL;
		str_set(&info.vals[SUG_SATISFACTION], "");
		CHECK_INT(upd(id, info.vals, &err), -1);
		CHECK_STR(err, "满意度：已办结，不能为空");
		free(err);
		err = NULL;
		str_set(&info.vals[SUG_SATISFACTION], "不满意");
		str_set(&info.vals[SUG_DUE], "2026-07-11");
		str_set(&info.vals[SUG_DATE], "2026-01-11");
		CHECK_INT(upd(id, info.vals, &err), -1);
		CHECK_STR(err,
			  "提出日期：提出日期不能晚于交办日期（2026-01-10）；办理时限：延期合计不能超过 3 个月，最晚 "
			  "2026-07-10");
		free(err);
		CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE satisfaction = '满意'"), 1);
		db_suggestion_info_free(&info);
	}

	/* Not extended: the form cannot stretch the first due date. */
	int64_t id2 = add("第二条", "王五", "", "2026-02-01", "教科文卫", "");
	CHECK_ACT(act(id2, SA_ASSIGN, "2026-02-01", "县水利局", "2026-03-01", NULL, NULL, NULL), "");
	char **v = NULL;
	CHECK_INT(db_suggestions_get_values(db, id2, &v, NULL), 0);
	if (v) {
		char *err = NULL;
		CHECK_STR(v[SUG_DUE], "2026-03-01");
		str_set(&v[SUG_DUE], "2026-05-02");
		CHECK_INT(upd(id2, v, &err), -1);
		CHECK_STR(err, "办理时限：办理时限最长为交办后 3 个月（2026-05-01），延长请用「延期」");
		free(err);
		str_set(&v[SUG_DUE], "2026-05-01");
		CHECK_INT(upd(id2, v, NULL), 0);
		record_free_values(&suggestion_def, v);
	}
	CHECK_ACT(act(999, SA_ASSIGN, NULL, "县水利局", NULL, NULL, NULL, NULL),
		  "找不到这条代表建议（编号 999），可能已被删除");
	CHECK_INT(db_depth(db), 0);
	teardown();
}

static int timeline_cb(void *ud, const struct case_event_row *ev)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s%s %s %s|%s|%s|%s|%s", sb->len ? ";" : "", ev->date, ev->type, ev->status_after, ev->due_date,
		ev->note, ev->result, ev->satisfaction);
	return 0;
}

/* The timeline of suggestion id, one "date type status|due|note|result|satisfaction" per event. */
static char *timeline(int64_t id)
{
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	sb_add(&sb, "");
	CHECK_INT(db_suggestions_timeline(db, id, timeline_cb, &sb, &err), 0);
	free(err);
	return sb_take(&sb);
}

/* Every action writes its row and its event in one transaction: a refused one, and one whose
 * event cannot be written, leave both as they were. 重办 after 不满意, with the timeline keeping
 * each round. */
TEST(t_events)
{
	setup();
	int64_t id = add("关于改造老旧小区排水的建议", "李四", "", "2026-03-05", "城建环资", "");
	char *t = timeline(id);
	CHECK_STR(t, "2026-03-05 提出 已提出||||");
	free(t);
	CHECK_INT(q_int("SELECT count(*) FROM suggestion_events WHERE who = '测试'"), 1);
	CHECK_ACT(act(id, SA_ASSIGN, "2026-03-10", "县水利局", NULL, NULL, NULL, NULL), "");
	/* 延期 without a reason: refused at the field, nothing written. */
	struct suggestion_act x = { .action = SA_EXTEND, .due = "2026-07-10", .date = "2026-04-01" };
	struct refusal why = { 0 };
	long long audit = q_int("SELECT count(*) FROM audit_log");
	CHECK_INT(db_suggestions_act(db, id, &x, TODAY, &why), -1);
	CHECK_STR(why.field, "note");
	CHECK_STR(why.msg, "请填写延期理由");
	refusal_clear(&why);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	CHECK_INT(q_int("SELECT count(*) FROM suggestion_events"), 2);
	x.note = "需协调管网施工";
	CHECK_INT(db_suggestions_act(db, id, &x, TODAY, &why), 0);
	CHECK(why.msg == NULL);
	/* An event that cannot be written takes the row's change back with it. */
	char *err = NULL;
	CHECK_INT(db_exec(db,
			  "CREATE TEMP TRIGGER no_reply BEFORE INSERT ON suggestion_events WHEN NEW.type = '答复'"
			  " BEGIN SELECT RAISE(ABORT, 'no reply events'); END",
			  &err),
		  0);
	free(err);
	audit = q_int("SELECT count(*) FROM audit_log");
	char *m = act(id, SA_REPLY, "2026-05-01", NULL, NULL, "已列入计划", "C", NULL);
	CHECK(*m != '\0');
	CHECK_STR(refused_field, "-");
	free(m);
	CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE status = '办理中' AND reply IS NULL"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	CHECK_INT(db_depth(db), 0);
	CHECK_INT(db_exec(db, "DROP TRIGGER no_reply", NULL), 0);
	/* 答复, 征询意见 不满意: 办结 refused; 重办 clears the round, the timeline keeps it. */
	CHECK_ACT(act(id, SA_REPLY, "2026-05-01", NULL, NULL, "已列入计划", "C", NULL), "");
	CHECK_ACT(act(id, SA_FOLLOWUP, "2026-05-03", NULL, NULL, NULL, NULL, "不满意"), "");
	CHECK_ACT(act(id, SA_CLOSE, "2026-05-04", NULL, NULL, NULL, NULL, NULL), "代表不满意，应重办，不能办结");
	CHECK_STR(refused_field, "-");
	CHECK_ACT(act(id, SA_REDO, "2026-05-04", NULL, NULL, NULL, NULL, NULL), "");
	CHECK_INT(q_int("SELECT count(*) FROM suggestions WHERE status = '办理中' AND redo_count = 1"
			" AND redone_date = '2026-05-04' AND due_date = '2026-08-04' AND reply IS NULL"
			" AND reply_date IS NULL AND result IS NULL AND satisfaction IS NULL"),
		  1);
	t = timeline(id);
	CHECK_STR(t,
		  "2026-03-05 提出 已提出||||;"
		  "2026-03-10 交办 办理中|2026-06-10|||;"
		  "2026-04-01 延期 办理中|2026-07-10|需协调管网施工||;"
		  "2026-05-01 答复 已答复||已列入计划|C|;"
		  "2026-05-03 征询意见 已答复||||不满意;"
		  "2026-05-04 重办 办理中|2026-08-04|||");
	free(t);
	/* The form can be saved in the new round (its reply fields are empty again). */
	char **v = NULL;
	CHECK_INT(db_suggestions_get_values(db, id, &v, NULL), 0);
	if (v) {
		CHECK_STR(v[SUG_REPLY], "");
		CHECK_INT(upd(id, v, NULL), 0);
		record_free_values(&suggestion_def, v);
	}
	teardown();
}

static int link_cb(void *ud, const struct suggestion_link *l)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s%s|%s|%s|%s|%s", sb->len ? ";" : "", l->no, l->title, l->status, l->date, l->lead);
	return 0;
}

static char *for_case(int64_t case_id)
{
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	sb_add(&sb, "");
	int n = db_suggestions_for_case(db, case_id, link_cb, &sb, &err);
	CHECK(n >= 0);
	free(err);
	return sb_take(&sb);
}

TEST(t_for_case)
{
	setup();
	int64_t a = add("修路", "李四", "", "2026-03-05", "城建环资", "CG-2026-001");
	int64_t b = add("路灯", "王五", "李四", "2026-03-01", "城建环资", "CG-2026-001、CG-2026-002");
	exec_sql("UPDATE suggestions SET suggestion_no = 'JY-7' WHERE title = '路灯'");
	CHECK_ACT(act(b, SA_ASSIGN, "2026-03-02", "县交通运输局", NULL, NULL, NULL, NULL), "");
	char *s = for_case(1);
	CHECK_STR(s, "JY-7|路灯|办理中|2026-03-01|王五;|修路|已提出|2026-03-05|李四");
	free(s);
	s = for_case(2);
	CHECK_STR(s, "JY-7|路灯|办理中|2026-03-01|王五");
	free(s);
	CHECK_INT(db_suggestions_delete(db, b, NULL), 0);
	s = for_case(2);
	CHECK_STR(s, "");
	free(s);
	CHECK_INT(db_suggestions_for_case(db, 1, NULL, NULL, NULL), 1);
	char *err = NULL;
	CHECK_INT(db_suggestions_delete(db, b, &err), -1);
	CHECK(err != NULL);
	free(err);
	CHECK_INT(db_suggestions_restore(db, b, NULL), 0);
	CHECK_INT(db_suggestions_for_case(db, 2, NULL, NULL, NULL), 1);
	(void)a;
	teardown();
}

struct rows {
	struct strbuf titles;
	int n, stop_after;
	int col;
};

static int row_cb(void *ud, int64_t id, const char *const *vals)
{
	struct rows *r = ud;
	(void)id;
	sb_addf(&r->titles, "%s%s", r->n ? "," : "", vals[r->col]);
	r->n++;
	return r->stop_after && r->n >= r->stop_after;
}

/* Titles (or column col) matching f in the order of sort; checks the count agrees. */
static char *list(const struct suggestion_filter *f, int sort, bool desc, int col)
{
	struct rows r = { .col = col };
	int64_t n = -1;
	char *err = NULL;
	sb_init(&r.titles);
	sb_add(&r.titles, "");
	CHECK_INT(db_suggestions_page(db, f, sort, desc, 0, -1, row_cb, &r, &err), 0);
	CHECK_INT(db_suggestions_count(db, f, &n, &err), 0);
	CHECK_INT(n, r.n);
	free(err);
	return sb_take(&r.titles);
}

#define CHECK_LIST(f, sort, desc, col, expect)                                                                         \
	do {                                                                                                           \
		char *t_l = list(f, sort, desc, col);                                                                  \
		CHECK_STR(t_l, expect);                                                                                \
		free(t_l);                                                                                             \
	} while (0)

TEST(t_filters)
{
	setup();
	int64_t a = add("修路 100%", "李四", "王五", "2025-12-01", "城建环资", "CG-2026-001");
	int64_t b = add("路灯", "王五", "赵六", "2026-03-01", "城建环资", "");
	int64_t c = add("校车", "赵六", "", "2026-04-01", "教科文卫", "");
	int64_t d = add("医保", "张三#4", "李四", "2026-05-01", "社会建设", "");
	exec_sql("UPDATE suggestions SET content = '关于 Road 的事' WHERE title = '校车'");
	CHECK_ACT(act(b, SA_ASSIGN, "2026-03-01", "县交通运输局", NULL, NULL, NULL, NULL), "");
	CHECK_ACT(act(c, SA_ASSIGN, "2026-09-01", "县水利局", NULL, NULL, NULL, NULL), "");
	CHECK_ACT(act(d, SA_ASSIGN, "2026-05-02", "县水利局", NULL, NULL, NULL, NULL), "");
	CHECK_ACT(act(d, SA_REPLY, "2026-06-01", NULL, NULL, "已落实", "B", NULL), "");

	CHECK_LIST(NULL, -1, false, SUG_TITLE, "医保,校车,路灯,修路 100%");
	CHECK_LIST(NULL, SUG_DATE, false, SUG_TITLE, "修路 100%,路灯,校车,医保");
	CHECK_LIST(&((struct suggestion_filter){ .text = "路" }), -1, false, SUG_TITLE, "路灯,修路 100%");
	CHECK_LIST(&((struct suggestion_filter){ .text = " road " }), -1, false, SUG_TITLE, "校车");
	CHECK_LIST(&((struct suggestion_filter){ .text = "%" }), -1, false, SUG_TITLE, "修路 100%");
	CHECK_LIST(&((struct suggestion_filter){ .text = "赵六" }), -1, false, SUG_TITLE, "校车");
	CHECK_LIST(&((struct suggestion_filter){ .text = "zl" }), -1, false, SUG_TITLE, "校车");
	CHECK_LIST(&((struct suggestion_filter){ .text = "WangWu" }), -1, false, SUG_TITLE, "路灯");
	CHECK_LIST(&((struct suggestion_filter){ .status = "办理中" }), -1, false, SUG_TITLE, "校车,路灯");
	CHECK_LIST(&((struct suggestion_filter){ .category = "城建环资" }), -1, false, SUG_TITLE, "路灯,修路 100%");
	CHECK_LIST(&((struct suggestion_filter){ .deputy_id = 1 }), -1, false, SUG_TITLE, "医保,修路 100%");
	CHECK_LIST(&((struct suggestion_filter){ .deputy_id = 3 }), -1, false, SUG_TITLE, "校车,路灯");
	CHECK_LIST(&((struct suggestion_filter){ .unit_id = unit_water }), -1, false, SUG_TITLE, "医保,校车");
	CHECK_LIST(&((struct suggestion_filter){ .year = "2025" }), -1, false, SUG_TITLE, "修路 100%");
	CHECK_LIST(&((struct suggestion_filter){ .overdue = true, .today = TODAY }), -1, false, SUG_TITLE, "路灯");
	CHECK_LIST(&((struct suggestion_filter){ .category = "城建环资", .status = "已提出" }), -1, false, SUG_TITLE,
		   "修路 100%");
	/* Row columns: names, links and the extras. */
	CHECK_LIST(NULL, SUG_DATE, false, SUG_LEAD, "李四,王五,赵六,张三");
	CHECK_LIST(NULL, SUG_DATE, false, SUG_COSPONSORS, "王五,赵六,,李四");
	CHECK_LIST(NULL, SUG_DATE, false, SUG_UNIT, ",县交通运输局,县水利局,县水利局");
	CHECK_LIST(NULL, SUG_DATE, false, SUG_CASES, "CG-2026-001,,,");
	CHECK_LIST(NULL, SUG_DATE, false, SUG_X_STATUS, "已提出,办理中,办理中,已答复");
	CHECK_LIST(NULL, SUG_DATE, false, SUG_X_ASSIGNED, ",2026-03-01,2026-09-01,2026-05-02");
	CHECK_LIST(NULL, SUG_DATE, false, SUG_X_EXTENSIONS, "0,0,0,0");
	CHECK_LIST(&((struct suggestion_filter){ .today = TODAY }), SUG_DATE, false, SUG_X_OVERDUE, ",超期,,");
	/* Sorts: status in the order of the loop; empty values last either way. */
	CHECK_LIST(NULL, SUG_X_STATUS, false, SUG_TITLE, "修路 100%,路灯,校车,医保");
	CHECK_LIST(NULL, SUG_X_STATUS, true, SUG_TITLE, "医保,校车,路灯,修路 100%");
	CHECK_LIST(NULL, SUG_UNIT, false, SUG_TITLE, "路灯,校车,医保,修路 100%");
	CHECK_LIST(NULL, SUG_UNIT, true, SUG_TITLE, "医保,校车,路灯,修路 100%");
	CHECK_LIST(NULL, SUG_LEAD, false, SUG_TITLE, "修路 100%,路灯,医保,校车");
	/* Paging. */
	struct rows r = { .col = SUG_TITLE, .stop_after = 0 };
	sb_init(&r.titles);
	sb_add(&r.titles, "");
	CHECK_INT(db_suggestions_page(db, NULL, SUG_DATE, false, 1, 2, row_cb, &r, NULL), 0);
	CHECK_STR(r.titles.buf, "路灯,校车");
	sb_free(&r.titles);
	/* Deleted ones are gone from lists. */
	CHECK_INT(db_suggestions_delete(db, a, NULL), 0);
	CHECK_LIST(NULL, SUG_DATE, false, SUG_TITLE, "路灯,校车,医保");
	teardown();
}

/* A deleted co-sponsor stays linked to the suggestion that has it, but cannot be added to
 * another one. */
/* A period narrows the list by 提出日期, both ends inclusive, with the other filters; the range
 * is an index search (suggestions_date), not a scan of the table. */
TEST(t_period)
{
	setup();
	add("年前", "李四", "", "2025-12-31", "城建环资", "");
	add("一季度末", "王五", "", "2026-03-31", "城建环资", "");
	add("二季度初", "赵六", "", "2026-04-01", "教科文卫", "");
	add("四季度初", "李四", "", "2026-10-01", "社会建设", "");
	add("年末", "王五", "", "2026-12-31", "城建环资", "");
	CHECK_LIST(&((struct suggestion_filter){ .date_from = "2026-10-01", .date_to = "2026-12-31" }), -1, false,
		   SUG_TITLE, "年末,四季度初");
	CHECK_LIST(&((struct suggestion_filter){ .date_from = "2026-01-01", .date_to = "2026-03-31" }), SUG_DATE, false,
		   SUG_TITLE, "一季度末");
	CHECK_LIST(&((struct suggestion_filter){ .date_from = "2026-01-01", .date_to = "2026-12-31" }), SUG_DATE, false,
		   SUG_TITLE, "一季度末,二季度初,四季度初,年末");
	CHECK_LIST(&((struct suggestion_filter){ .date_from = "2026-04-01" }), SUG_DATE, false, SUG_TITLE,
		   "二季度初,四季度初,年末");
	CHECK_LIST(&((struct suggestion_filter){ .date_to = "2026-03-31" }), SUG_DATE, false, SUG_TITLE,
		   "年前,一季度末");
	CHECK_LIST(&((struct suggestion_filter){
			   .date_from = "2026-01-01", .date_to = "2026-12-31", .category = "城建环资" }),
		   SUG_DATE, false, SUG_TITLE, "一季度末,年末");
	CHECK_LIST(&((struct suggestion_filter){ .date_from = "2026-01-01", .date_to = "2026-12-31", .text = "ls" }),
		   SUG_DATE, false, SUG_TITLE, "四季度初");
	char *plan = NULL, *err = NULL;
	CHECK_INT(db_suggestions_count_plan(
			  db, &((struct suggestion_filter){ .date_from = "2026-10-01", .date_to = "2026-12-31" }),
			  &plan, &err),
		  0);
	CHECK(plan && strstr(plan, "SEARCH s USING") && strstr(plan, "date>?"));
	CHECK(plan && !strstr(plan, "SCAN s"));
	if (plan && (!strstr(plan, "SEARCH s USING") || strstr(plan, "SCAN s")))
		fprintf(stderr, "  plan: %s\n", plan);
	free(plan);
	free(err);
	teardown();
}

TEST(t_deleted_links)
{
	setup();
	int64_t id = add("建议", "李四", "王五", NULL, "社会建设", "");
	exec_sql("UPDATE deputies SET deleted = 1 WHERE id = 2");
	struct suggestion_info in;
	CHECK_INT(db_suggestions_get(db, id, &in, NULL), 0);
	if (in.vals) {
		CHECK_STR(in.vals[SUG_COSPONSORS], "王五");
		CHECK_INT(in.ncosponsors, 1);
		struct suggestion_ids same = ids_of(&in);
		char *err = NULL;
		CHECK_INT(db_suggestions_update(db, id, in.vals, &same, &err), 0);
		free(err);
		CHECK_INT(q_int("SELECT deputy_id FROM suggestion_deputies"), 2);
		db_suggestion_info_free(&in);
	}
	char **v = sug("另一条", "赵六", "王五", NULL, "社会建设", "");
	struct tlinks t;
	char *err = NULL;
	CHECK_INT(db_suggestions_insert(db, v, tlinks(&t, "赵六", "#2", ""), NULL, &err), -1);
	CHECK_STR(err, "附议代表：有代表不在名册中或已被删除");
	free(err);
	record_free_values(&suggestion_def, v);
	teardown();
}

int main(void)
{
	RUN(t_months);
	RUN(t_labels);
	RUN(t_form_check);
	RUN(t_machine);
	RUN(t_machine_redo);
	RUN(t_insert_get);
	RUN(t_bad_links);
	RUN(t_actions);
	RUN(t_events);
	RUN(t_for_case);
	RUN(t_filters);
	RUN(t_period);
	RUN(t_deleted_links);
	return t_done();
}
