/* 意见建议办理簿 in SQL (db/cases): numbering per station and year, never reused; the whole
 * loop with the case row and its timeline; a refused transition writes nothing; a case created
 * in an outer transaction that is rolled back leaves nothing; the visit link; get, update,
 * list pages with filters and sorts; the home screen's lists and counts under a fixed today;
 * period statistics on a known data set; deletion; the index behind 超期 and 临期. */
#include "t.h"
#include "tdb.h"

#include "core/calendar.h"
#include "core/case.h"
#include "core/caseflow.h"
#include "core/util.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/units.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static const char cal_text[] = "2026-09-20 work 国庆节调休\n2026-09-25 off 中秋节\n2026-09-26 off 中秋节\n"
			       "2026-09-27 off 中秋节\n2026-10-01 off 国庆节\n2026-10-02 off 国庆节\n"
			       "2026-10-03 off 国庆节\n2026-10-04 off 国庆节\n2026-10-05 off 国庆节\n"
			       "2026-10-06 off 国庆节\n2026-10-07 off 国庆节\n2026-10-10 work 国庆节调休\n";

static struct calendar *cal;

static void setup(void) { tdb_open("cases"); }

static void teardown(void) { tdb_close(); }

/* One text value of a query (new string, "" for none). */
static char *q_text(const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	if (db_prepare(db, sql, &st, NULL) == 0 && sqlite3_step(st) == SQLITE_ROW)
		out = xstrdup(db_column_text(st, 0));
	sqlite3_finalize(st);
	return out ? out : xstrdup("");
}

#define CHECK_Q(sql, want)                                                                                             \
	do {                                                                                                           \
		char *t_s = q_text(sql);                                                                               \
		CHECK_STR(t_s, (want));                                                                                \
		free(t_s);                                                                                             \
	} while (0)

static int64_t unit_id(const char *name)
{
	int64_t id = 0;
	CHECK_INT(db_units_find(db, name, &id, NULL), 0);
	CHECK(id > 0);
	return id;
}

/* Create a case (station CG01) received on date; returns its id, its number into no (may be NULL). */
static int64_t create_in(const char *code, const char *received, const char *summary, const char *today, char **no)
{
	char **v = record_new_values(case_record(), received);
	str_set(&v[CASEF_CATEGORY], "道路交通");
	str_set(&v[CASEF_SUMMARY], summary);
	str_set(&v[CASEF_CONTENT], "村口到小学的路灯坏了三盏");
	str_set(&v[CASEF_CONTACT], "李四");
	str_set(&v[CASEF_PHONE], "13800138000");
	int64_t id = 0;
	char *err = NULL, *case_no = NULL;
	if (db_cases_create(db, code, v, NULL, today, &id, &case_no, &err) < 0) {
		fprintf(stderr, "  create %s: %s\n", summary, err);
		t_failed_checks++;
	}
	free(err);
	if (no)
		*no = case_no;
	else
		free(case_no);
	record_free_values(case_record(), v);
	return id;
}

static int64_t create(const char *received, const char *summary)
{
	return create_in("CG01", received, summary, "2026-12-31", NULL);
}

/* Perform an action that must succeed (today 2026-12-31 unless given). Returns the notice. */
static char *act_ok_at(int64_t id, struct case_action a, const char *today, int line)
{
	struct refusal why = { 0 };
	char *notice = NULL;
	if (db_cases_act(db, id, &a, cal, 15, today ? today : "2026-12-31", &notice, &why) < 0) {
		fprintf(stderr, "  %s:%d: %s refused: %s\n", __FILE__, line, caseflow_event_label(a.event), why.msg);
		t_failed_checks++;
	}
	refusal_clear(&why);
	return notice;
}
#define ACT(id, ...) free(act_ok_at((id), (struct case_action){ __VA_ARGS__ }, NULL, __LINE__))

/* The field the last act_refused() named ("-": none). */
static const char *refused_field;

/* Perform an action that must be refused; returns the message (new string). */
static char *act_refused(int64_t id, struct case_action a, const char *today)
{
	struct refusal why = { 0 };
	char *notice = NULL;
	int rc = db_cases_act(db, id, &a, cal, 15, today ? today : "2026-12-31", &notice, &why);
	CHECK_INT(rc, -1);
	CHECK(notice == NULL);
	free(notice);
	refused_field = why.field ? why.field : "-";
	return why.msg ? why.msg : xstrdup("");
}

TEST(t_numbering)
{
	setup();
	char *no = NULL;
	int64_t a = create_in("CG01", "2026-03-01", "一", "2026-12-31", &no);
	CHECK_STR(no, "CG01-2026-0001");
	free(no);
	int64_t b = create_in("CG01", "2026-03-02", "二", "2026-12-31", &no);
	CHECK_STR(no, "CG01-2026-0002");
	free(no);
	CHECK(a > 0 && b > a);
	/* A new year starts again at 1. */
	create_in("CG01", "2027-01-04", "三", "2027-01-05", &no);
	CHECK_STR(no, "CG01-2027-0001");
	free(no);
	/* Another station code has its own sequence. */
	create_in("XH01", "2026-05-01", "四", "2026-12-31", &no);
	CHECK_STR(no, "XH01-2026-0001");
	free(no);
	/* A deleted case keeps its number. */
	char *err = NULL;
	CHECK_INT(db_cases_delete(db, b, &err), 0);
	create_in("CG01", "2026-03-03", "五", "2026-12-31", &no);
	CHECK_STR(no, "CG01-2026-0003");
	free(no);
	/* A number already taken (an imported case) is skipped. */
	CHECK_INT(db_exec(db,
			  "INSERT INTO cases (case_no, summary, received_date) VALUES ('CG01-2026-0004', '导入', "
			  "'2026-03-04')",
			  &err),
		  0);
	create_in("CG01", "2026-03-05", "六", "2026-12-31", &no);
	CHECK_STR(no, "CG01-2026-0005");
	free(no);
	CHECK_INT(q_int("SELECT last_seq FROM case_seq WHERE station_code = 'CG01' AND year = 2026"), 5);
	CHECK_INT(q_int("SELECT last_seq FROM case_seq WHERE station_code = 'CG01' AND year = 2027"), 1);
	/* The 受理 event of each case, dated its received date, by the clerk. */
	CHECK_INT(q_int("SELECT count(*) FROM case_events WHERE type = '受理'"), 6);
	char *sql = xasprintf("SELECT date || ' ' || who || ' ' || status_after FROM case_events WHERE case_id = %lld",
			      (long long)a);
	CHECK_Q(sql, "2026-03-01 测试 受理");
	free(sql);
	/* Refusals: no station code, a received date after today, a missing required field. */
	char **v = record_new_values(case_record(), "2026-03-01");
	str_set(&v[CASEF_CATEGORY], "教育");
	str_set(&v[CASEF_SUMMARY], "x");
	CHECK_INT(db_cases_create(db, "", v, NULL, "2026-12-31", NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "联络站编号"));
	free(err);
	CHECK_INT(db_cases_create(db, "CG01", v, NULL, "2026-02-28", NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "晚于今天"));
	free(err);
	str_set(&v[CASEF_SUMMARY], "");
	CHECK_INT(db_cases_create(db, "CG01", v, NULL, "2026-12-31", NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "摘要"));
	free(err);
	record_free_values(case_record(), v);
	/* None of the refusals used a number. */
	CHECK_INT(q_int("SELECT last_seq FROM case_seq WHERE station_code = 'CG01' AND year = 2026"), 5);
	teardown();
}

/* Collects a timeline as "type date status_after unit due note|..." lines. */
static int timeline_cb(void *ud, const struct case_event_row *ev)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s %s %s %s %s %s %s %s|", ev->type, ev->date, ev->status_after, ev->unit_name, ev->due_date,
		ev->result, ev->satisfaction, ev->note);
	return 0;
}

static char *timeline(int64_t id)
{
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	sb_add(&sb, "");
	CHECK_INT(db_cases_timeline(db, id, timeline_cb, &sb, &err), 0);
	free(err);
	return sb_take(&sb);
}

TEST(t_full_loop)
{
	setup();
	int64_t id = create("2026-09-01", "村口路灯不亮"), u = unit_id("供电所"), u2 = unit_id("县交通运输局");
	ACT(id, .event = CE_ASSIGN, .date = "2026-09-02", .unit_id = u2);
	ACT(id, .event = CE_RETURN, .date = "2026-09-03", .note = "不属于本单位职责", .who = "县交通运输局张科长");
	ACT(id, .event = CE_ASSIGN, .date = "2026-09-04", .unit_id = u, .workdays = 10);
	ACT(id, .event = CE_URGE, .date = "2026-09-15", .note = "电话催办", .who = "王站长");
	char *notice =
		act_ok_at(id,
			  (struct case_action){
				  .event = CE_EXTEND, .date = "2026-09-16", .note = "需更换线路", .due = "2026-10-03" },
			  NULL, __LINE__);
	CHECK_STR(notice, "2026-10-03 是节假日（国庆节），已顺延到 2026-10-08");
	free(notice);
	ACT(id, .event = CE_REPLY, .date = "2026-10-08", .content = "已更换灯泡", .result = 'A');
	ACT(id, .event = CE_FOLLOWUP, .date = "2026-10-09", .satisfaction = CASE_SAT_UNSATISFIED, .how = "电话");
	ACT(id, .event = CE_REDO, .date = "2026-10-09", .note = "群众反映仍有一盏不亮");
	ACT(id, .event = CE_REPLY, .date = "2026-10-20", .content = "已全部修复", .result = 'A', .note = "附照片");
	ACT(id, .event = CE_FOLLOWUP, .date = "2026-10-21", .satisfaction = CASE_SAT_SATISFIED, .how = "上门");
	ACT(id, .event = CE_CLOSE, .date = "2026-10-22");

	char *t = timeline(id);
	/* 09-02 + 15 working days is 09-22 (Sunday 09-20 is a make-up workday); 10-09 + 15 is
	 * 10-29 (Saturday 10-10 is one). */
	CHECK_STR(t,
		  "受理 2026-09-01 受理     |"
		  "交办 2026-09-02 办理中 县交通运输局 2026-09-22   |"
		  "退回 2026-09-03 受理 县交通运输局    不属于本单位职责|"
		  "交办 2026-09-04 办理中 供电所 2026-09-18   |"
		  "催办 2026-09-15 办理中 供电所    电话催办|"
		  "延期 2026-09-16 办理中 供电所 2026-10-08   需更换线路|"
		  "答复 2026-10-08 已答复 供电所  A  已更换灯泡|"
		  "回访 2026-10-09 已答复    不满意 |"
		  "重办 2026-10-09 办理中 供电所 2026-10-29   群众反映仍有一盏不亮|"
		  "答复 2026-10-20 已答复 供电所  A  已全部修复\n备注：附照片|"
		  "回访 2026-10-21 已答复    满意 |"
		  "办结 2026-10-22 办结     |");
	free(t);
	CHECK_Q("SELECT who FROM case_events WHERE type = '退回'", "县交通运输局张科长");
	CHECK_Q("SELECT who FROM case_events WHERE type = '答复' LIMIT 1", "测试");
	CHECK_Q("SELECT how FROM case_events WHERE type = '回访' ORDER BY id DESC LIMIT 1", "上门");
	CHECK_INT(q_int("SELECT count(*) FROM case_events WHERE at NOT LIKE '2026-12-31 %'"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM case_events WHERE at NOT GLOB "
			"'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'"),
		  0);

	struct case_info ci;
	char *err = NULL;
	CHECK_INT(db_cases_get(db, id, &ci, &err), 0);
	CHECK_STR(ci.case_no, "CG01-2026-0001");
	CHECK_INT(ci.st.status, CS_CLOSED);
	CHECK_INT(ci.st.unit_id, u);
	CHECK_STR(ci.unit_name, "供电所");
	CHECK_STR(ci.st.assigned, "2026-09-04");
	CHECK_STR(ci.st.due, "2026-10-29");
	CHECK_INT(ci.st.due_days, 15);
	CHECK_INT(ci.st.extensions, 1);
	CHECK_INT(ci.st.redo_count, 1);
	CHECK_STR(ci.st.reply, "2026-10-20");
	CHECK_STR(ci.reply, "已全部修复");
	CHECK_INT(ci.st.result, 'A');
	CHECK_STR(ci.st.followup, "2026-10-21");
	CHECK_INT(ci.st.satisfaction, CASE_SAT_SATISFIED);
	CHECK_STR(ci.st.how, "上门");
	CHECK_STR(ci.st.closed, "2026-10-22");
	CHECK_STR(ci.st.last, "2026-10-22");
	CHECK_INT(ci.st.last_event, CE_CLOSE);
	CHECK_STR(ci.vals[CASEF_SUMMARY], "村口路灯不亮");
	CHECK_STR(ci.vals[CASEF_PHONE], "13800138000");
	CHECK_STR(ci.vals[CASEF_SOURCE], "代表调研");
	CHECK_STR(ci.deputy_name, "");
	CHECK(strlen(ci.uid) == 32);
	case_info_free(&ci);
	/* Nothing after 办结. */
	char *m = act_refused(id, (struct case_action){ .event = CE_URGE }, NULL);
	CHECK_STR(m, "案件已经办结，不能催办");
	free(m);
	teardown();
}

TEST(t_refused_writes_nothing)
{
	setup();
	int64_t id = create("2026-09-01", "噪音扰民"), u = unit_id("派出所");
	ACT(id, .event = CE_ASSIGN, .date = "2026-09-02", .unit_id = u);
	long long audit = q_int("SELECT count(*) FROM audit_log"), events = q_int("SELECT count(*) FROM case_events");
	char *row = q_text("SELECT json_object('s', status, 'u', updated_at, 'd', due_date) FROM cases");
	struct {
		struct case_action a;
		const char *want, *field; /* the message and the field it names ("-": none) */
	} bad[] = {
		{ { .event = CE_CLOSE }, "案件尚未答复，不能办结", "-" },
		{ { .event = CE_FOLLOWUP, .satisfaction = CASE_SAT_SATISFIED, .how = "电话" },
		  "尚未答复，不能回访",
		  "-" },
		{ { .event = CE_REPLY, .result = 'A' }, "请填写答复内容", "content" },
		{ { .event = CE_REPLY, .content = "已处理", .result = 'A', .date = "2026-08-30" },
		  "早于受理日期",
		  "date" },
		{ { .event = CE_REPLY, .content = "已处理", .result = 'A', .date = "2027-01-01" }, "晚于今天", "date" },
		{ { .event = CE_EXTEND, .due = "2026-12-01" }, "请填写延期理由", "note" },
		{ { .event = CE_ASSIGN, .unit_id = u }, "请先退回", "-" },
		{ { .event = CE_REDO }, "无需重办", "-" },
	};
	for (int i = 0; i < (int)ARRAY_LEN(bad); i++) {
		char *m = act_refused(id, bad[i].a, NULL);
		CHECK(strstr(m, bad[i].want));
		CHECK_STR(refused_field, bad[i].field);
		if (!strstr(m, bad[i].want))
			fprintf(stderr, "  %d: %s\n", i, m);
		free(m);
	}
	/* Refused by the db after the state machine agreed: a deleted unit. */
	ACT(id, .event = CE_RETURN, .note = "错了");
	audit = q_int("SELECT count(*) FROM audit_log");
	events = q_int("SELECT count(*) FROM case_events");
	free(row);
	row = q_text("SELECT json_object('s', status, 'u', updated_at, 'd', due_date) FROM cases");
	int64_t gone = unit_id("司法所");
	char *err = NULL;
	CHECK_INT(db_units_delete(db, gone, &err), 0);
	audit = q_int("SELECT count(*) FROM audit_log");
	char *m = act_refused(id, (struct case_action){ .event = CE_ASSIGN, .unit_id = gone }, NULL);
	CHECK(strstr(m, "不存在或已删除"));
	CHECK_STR(refused_field, "unit_id");
	free(m);
	m = act_refused(id, (struct case_action){ .event = CE_ASSIGN, .unit_id = 99999 }, NULL);
	CHECK(strstr(m, "不存在或已删除"));
	free(m);
	/* A missing case. */
	m = act_refused(424242, (struct case_action){ .event = CE_URGE }, NULL);
	CHECK(strstr(m, "找不到"));
	free(m);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	CHECK_INT(q_int("SELECT count(*) FROM case_events"), events);
	CHECK_Q("SELECT json_object('s', status, 'u', updated_at, 'd', due_date) FROM cases", row);
	CHECK_INT(db_depth(db), 0);
	free(row);
	teardown();
}

TEST(t_outer_transaction)
{
	setup();
	char *err = NULL, *no = NULL;
	create("2026-03-01", "先有一件");
	CHECK_INT(db_begin(db, &err), 0);
	int64_t id = create_in("CG01", "2026-03-02", "外层回滚", "2026-12-31", &no);
	CHECK_STR(no, "CG01-2026-0002");
	free(no);
	CHECK(id > 0);
	/* A transition inside the same outer transaction. */
	ACT(id, .event = CE_ASSIGN, .date = "2026-03-02", .unit_id = unit_id("财政所"));
	CHECK_INT(db_depth(db), 1);
	db_rollback(db);
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM case_events"), 1);
	CHECK_INT(q_int("SELECT last_seq FROM case_seq"), 1);
	/* So the number is handed out again: it was never used. */
	create_in("CG01", "2026-03-02", "再来", "2026-12-31", &no);
	CHECK_STR(no, "CG01-2026-0002");
	free(no);
	/* An outer transaction that commits keeps it. */
	CHECK_INT(db_begin(db, &err), 0);
	create("2026-03-03", "外层提交");
	CHECK_INT(db_commit(db, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 3);
	/* An inner refusal inside an outer transaction leaves the outer work alone. */
	CHECK_INT(db_begin(db, &err), 0);
	int64_t k = create("2026-03-04", "内层拒绝");
	char *m = act_refused(k, (struct case_action){ .event = CE_CLOSE }, NULL);
	free(m);
	CHECK_INT(db_depth(db), 1);
	CHECK_INT(db_commit(db, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 4);
	CHECK_INT(q_int("SELECT count(*) FROM case_events"), 4);
	teardown();
}

TEST(t_visit_link)
{
	setup();
	char *err = NULL;
	CHECK_INT(db_exec(db,
			  "INSERT INTO visits (id, date, channel, visitor_name, content) VALUES (7, '2026-03-28', "
			  "'接待日来访', '赵六', '路灯坏了');"
			  "INSERT INTO deputies (id, name, gender, level) VALUES (3, '张三', '男', '县');",
			  &err),
		  0);
	char **v = record_new_values(case_record(), "2026-03-28");
	str_set(&v[CASEF_CATEGORY], "城乡建设");
	str_set(&v[CASEF_SUMMARY], "路灯坏了");
	str_set(&v[CASEF_SOURCE], "来访");
	struct case_links l = { .visit_id = 7, .deputy_id = 3, .who = "李联络员" };
	int64_t id = 0;
	CHECK_INT(db_cases_create(db, "CG01", v, &l, "2026-03-28", &id, NULL, &err), 0);
	CHECK_INT(q_int("SELECT case_id FROM visits WHERE id = 7"), id);
	CHECK_Q("SELECT who FROM case_events", "李联络员");
	struct case_info ci;
	CHECK_INT(db_cases_get(db, id, &ci, &err), 0);
	CHECK_INT(ci.visit_id, 7);
	CHECK_STR(ci.deputy_name, "张三");
	CHECK_STR(ci.vals[CASEF_SOURCE], "来访");
	case_info_free(&ci);
	/* A second case for the same visit is refused, and leaves nothing. */
	CHECK_INT(db_cases_create(db, "CG01", v, &l, "2026-03-28", NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "已有意见建议 CG01-2026-0001"));
	free(err);
	err = NULL;
	l.visit_id = 8;
	CHECK_INT(db_cases_create(db, "CG01", v, &l, "2026-03-28", NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "找不到来访登记"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 1);
	CHECK_INT(q_int("SELECT last_seq FROM case_seq"), 1);
	record_free_values(case_record(), v);
	teardown();
}

TEST(t_update_delete)
{
	setup();
	char *err = NULL;
	int64_t id = create("2026-09-10", "原摘要");
	struct case_info ci;
	CHECK_INT(db_cases_get(db, id, &ci, &err), 0);
	str_set(&ci.vals[CASEF_SUMMARY], "新摘要");
	str_set(&ci.vals[CASEF_RECEIVED], "2026-09-08");
	CHECK_INT(db_cases_update(db, id, ci.vals, &err), 0);
	CHECK_Q("SELECT summary || received_date FROM cases", "新摘要2026-09-08");
	CHECK_Q("SELECT date FROM case_events WHERE type = '受理'", "2026-09-08");
	/* Another year would not match the number. */
	str_set(&ci.vals[CASEF_RECEIVED], "2025-12-30");
	CHECK_INT(db_cases_update(db, id, ci.vals, &err), -1);
	CHECK(err && strstr(err, "另一年"));
	free(err);
	err = NULL;
	/* Not after the first action. */
	ACT(id, .event = CE_ASSIGN, .date = "2026-09-09", .unit_id = unit_id("卫生院"));
	str_set(&ci.vals[CASEF_RECEIVED], "2026-09-10");
	CHECK_INT(db_cases_update(db, id, ci.vals, &err), -1);
	CHECK(err && strstr(err, "晚于案件的办理记录"));
	free(err);
	err = NULL;
	case_info_free(&ci);

	/* Deleting a case with history is refused; one without is allowed and can be restored. */
	CHECK_INT(db_cases_delete(db, id, &err), -1);
	CHECK_STR(err, "案件已有办理记录，不能删除；如需删除请联系站长");
	free(err);
	err = NULL;
	int64_t k = create("2026-09-11", "误录");
	CHECK_INT(db_cases_delete(db, k, &err), 0);
	CHECK_INT(db_cases_get(db, k, &ci, &err), -1);
	CHECK(err && strstr(err, "找不到"));
	free(err);
	err = NULL;
	CHECK_INT(db_cases_timeline(db, k, timeline_cb, NULL, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_cases_delete(db, k, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_cases_restore(db, k, &err), 0);
	CHECK_INT(db_cases_get(db, k, &ci, &err), 0);
	CHECK_STR(ci.case_no, "CG01-2026-0002");
	case_info_free(&ci);
	int64_t found = 0;
	CHECK_INT(db_cases_find_no(db, "CG01-2026-0002", &found, &err), 0);
	CHECK_INT(found, k);
	CHECK_INT(db_cases_find_no(db, "CG01-2026-0009", &found, &err), 0);
	CHECK_INT(found, 0);
	teardown();
}

/* Collects case rows as "summary:days" (or "summary") lines. */
struct rows {
	struct strbuf sb;
	int n;
	bool days;
};

static int rows_cb(void *ud, const struct case_row *r)
{
	struct rows *p = ud;
	if (p->days)
		sb_addf(&p->sb, "%s%s:%d", p->n ? "," : "", r->summary, r->days);
	else
		sb_addf(&p->sb, "%s%s", p->n ? "," : "", r->summary);
	p->n++;
	return 0;
}

#define CHECK_ROWS(call, want)                                                                                         \
	do {                                                                                                           \
		struct rows t_r = { .days = true };                                                                    \
		char *t_err = NULL;                                                                                    \
		sb_init(&t_r.sb);                                                                                      \
		sb_add(&t_r.sb, "");                                                                                   \
		CHECK_INT((call), 0);                                                                                  \
		CHECK_STR(t_r.sb.buf, (want));                                                                         \
		sb_free(&t_r.sb);                                                                                      \
		free(t_err);                                                                                           \
	} while (0)

/* The dashboard's data set as of 2026-10-12 (Mon): overdue since 09-30 and 10-09, due 10-13 and
 * 10-15 (临期 within 3 working days), 10-16 (not yet), one awaiting 回访, one 回访 满意 not
 * closed, one closed, one just received. */
static void dashboard_set(void)
{
	int64_t u = unit_id("供电所"), w = unit_id("县水利局");
	const struct {
		const char *summary, *due;
		int64_t unit;
	} open[] = {
		{ "超期甲", "2026-09-30", u }, { "超期乙", "2026-10-09", w }, { "临期甲", "2026-10-13", u },
		{ "临期乙", "2026-10-15", w }, { "未到期", "2026-10-16", u },
	};
	for (int i = 0; i < (int)ARRAY_LEN(open); i++) {
		int64_t id = create("2026-09-01", open[i].summary);
		ACT(id, .event = CE_ASSIGN, .date = "2026-09-02", .unit_id = open[i].unit, .due = open[i].due);
	}
	int64_t r = create("2026-09-01", "待回访");
	ACT(r, .event = CE_ASSIGN, .date = "2026-09-02", .unit_id = u);
	ACT(r, .event = CE_REPLY, .date = "2026-10-08", .content = "已答复", .result = 'B');
	int64_t f = create("2026-09-01", "待办结");
	ACT(f, .event = CE_ASSIGN, .date = "2026-09-02", .unit_id = u);
	ACT(f, .event = CE_REPLY, .date = "2026-09-10", .content = "已答复", .result = 'A');
	ACT(f, .event = CE_FOLLOWUP, .date = "2026-09-11", .satisfaction = CASE_SAT_BASIC, .how = "短信");
	int64_t c = create("2026-09-01", "已办结");
	ACT(c, .event = CE_SPOT_REPLY, .date = "2026-09-01", .content = "当场解释", .satisfaction = CASE_SAT_SATISFIED);
	create("2026-10-12", "刚受理");
}

TEST(t_dashboard)
{
	setup();
	dashboard_set();
	const char *today = "2026-10-12";
	/* 超期: working days past due: (09-30, 10-12] = 08, 09, 10 (调休), 12; (10-09, 10-12] = 10, 12. */
	CHECK_ROWS(db_cases_overdue(db, cal, today, 10, rows_cb, &t_r, &t_err), "超期甲:4,超期乙:2");
	CHECK_ROWS(db_cases_overdue(db, cal, today, 1, rows_cb, &t_r, &t_err), "超期甲:4");
	/* 临期: working days left. */
	CHECK_ROWS(db_cases_due_soon(db, cal, today, 3, 10, rows_cb, &t_r, &t_err), "临期甲:1,临期乙:3");
	CHECK_ROWS(db_cases_due_soon(db, cal, today, 0, 10, rows_cb, &t_r, &t_err), "");
	/* On the due day itself it is 临期 with 0 days left, the day after 超期. */
	CHECK_ROWS(db_cases_due_soon(db, cal, "2026-10-13", 3, 10, rows_cb, &t_r, &t_err),
		   "临期甲:0,临期乙:2,未到期:3");
	CHECK_ROWS(db_cases_overdue(db, cal, "2026-10-14", 10, rows_cb, &t_r, &t_err), "超期甲:6,超期乙:4,临期甲:1");
	/* 待回访 first (days since the reply), then those awaiting 办结/重办. */
	CHECK_ROWS(db_cases_awaiting(db, today, 10, rows_cb, &t_r, &t_err), "待回访:4,待办结:32");

	struct case_todo_counts tc;
	char *err = NULL;
	CHECK_INT(db_cases_todo_counts(db, cal, today, 3, &tc, &err), 0);
	CHECK_INT(tc.received, 1);
	CHECK_INT(tc.handling, 5);
	CHECK_INT(tc.overdue, 2);
	CHECK_INT(tc.due_soon, 2);
	CHECK_INT(tc.awaiting, 2);
	CHECK_INT(tc.awaiting_followup, 1);
	teardown();
}

/* A page as "summary,summary"; checks db_cases_count agrees. */
static char *page(const struct case_filter *f, enum case_sort sort, bool desc, int64_t offset, int limit)
{
	struct rows r = { 0 };
	char *err = NULL;
	int64_t n = -1;
	sb_init(&r.sb);
	sb_add(&r.sb, "");
	CHECK_INT(db_cases_page(db, f, sort, desc, offset, limit, rows_cb, &r, &err), 0);
	CHECK_INT(db_cases_count(db, f, &n, &err), 0);
	if (limit < 0 && offset == 0)
		CHECK_INT(n, r.n);
	free(err);
	return sb_take(&r.sb);
}

#define CHECK_PAGE(f, sort, desc, offset, limit, want)                                                                 \
	do {                                                                                                           \
		char *t_p = page((f), (sort), (desc), (offset), (limit));                                              \
		CHECK_STR(t_p, (want));                                                                                \
		free(t_p);                                                                                             \
	} while (0)

/* A period (core/period) narrows the list by 受理日期, both ends inclusive, with the other
 * filters; the count of closed cases follows the same filter; the range is an index search. */
TEST(t_period)
{
	setup();
	const char *dates[] = { "2026-06-30", "2026-07-01", "2026-09-30", "2026-10-01", "2026-11-15", "2026-12-31" };
	const char *names[] = { "六月末", "七月初", "九月末", "十月初", "十一月", "年末" };
	for (int i = 0; i < 6; i++) {
		int64_t id = create(dates[i], names[i]);
		if (i % 2) /* 七月初, 十月初, 年末 closed on the spot */
			ACT(id, .event = CE_SPOT_REPLY, .date = dates[i], .content = "当场解释",
			    .satisfaction = CASE_SAT_SATISFIED);
	}
	struct case_filter f = {
		.cal = cal, .today = "2026-12-31", .date_from = "2026-10-01", .date_to = "2026-12-31"
	};
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "十月初,十一月,年末");
	int64_t n = -1, closed = -1;
	char *err = NULL, *plan = NULL;
	CHECK_INT(db_cases_counts(db, &f, &n, &closed, &err), 0);
	CHECK_INT(n, 3);
	CHECK_INT(closed, 2);
	f.date_from = "2026-07-01";
	f.date_to = "2026-09-30";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, true, 0, -1, "九月末,七月初");
	CHECK_INT(db_cases_counts(db, &f, &n, &closed, &err), 0);
	CHECK_INT(n, 2);
	CHECK_INT(closed, 1);
	/* With the other filters: status and text. */
	f.date_from = "2026-01-01";
	f.date_to = "2026-12-31";
	f.status = "受理";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "六月末,九月末,十一月");
	CHECK_INT(db_cases_counts(db, &f, &n, &closed, &err), 0);
	CHECK_INT(closed, 0);
	f.status = NULL;
	f.text = "月末";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "六月末,九月末");
	f.text = NULL;
	/* One bound only. */
	f.date_from = "2026-11-15";
	f.date_to = NULL;
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "十一月,年末");
	f.date_from = NULL;
	f.date_to = "2026-06-30";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "六月末");
	/* The range is a search on an index of 受理日期, not a scan of the cases. */
	f.date_from = "2026-10-01";
	f.date_to = "2026-12-31";
	CHECK_INT(db_cases_count_plan(db, &f, &plan, &err), 0);
	CHECK(plan && strstr(plan, "SEARCH c USING") && strstr(plan, "received_date>?"));
	CHECK(plan && !strstr(plan, "SCAN c"));
	if (plan && (!strstr(plan, "SEARCH c USING") || strstr(plan, "SCAN c")))
		fprintf(stderr, "  plan: %s\n", plan);
	free(plan);
	free(err);
	teardown();
}

static int row_fields_cb(void *ud, const struct case_row *r)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s %s %s %s %d %s|", r->case_no, r->status, r->unit_name, r->next_step, (int)r->due, r->category);
	return 0;
}

TEST(t_list)
{
	setup();
	dashboard_set();
	struct case_filter f = { .cal = cal, .today = "2026-10-12", .soon_days = 3 };
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1,
		   "超期甲,超期乙,临期甲,临期乙,未到期,待回访,待办结,已办结,刚受理");
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, true, 0, 3, "刚受理,已办结,待办结");
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, true, 3, 3, "待回访,未到期,临期乙");
	/* Replied cases keep their due date (09-22); no due date last. */
	CHECK_PAGE(&f, CASE_SORT_DUE, false, 0, -1, "待回访,待办结,超期甲,超期乙,临期甲,临期乙,未到期,已办结,刚受理");
	CHECK_PAGE(&f, CASE_SORT_DUE, true, 0, -1, "未到期,临期乙,临期甲,超期乙,超期甲,待办结,待回访,刚受理,已办结");
	CHECK_PAGE(&f, CASE_SORT_STATUS, false, 0, 3, "刚受理,超期甲,超期乙");
	CHECK_PAGE(&f, CASE_SORT_UNIT, false, 0, -1, "超期甲,临期甲,未到期,待回访,待办结,超期乙,临期乙,已办结,刚受理");
	f.overdue = true;
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "超期甲,超期乙");
	f.overdue = false;
	f.due_soon = true;
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "临期甲,临期乙");
	f.due_soon = false;
	f.status = "已答复";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "待回访,待办结");
	f.status = NULL;
	f.unit_id = unit_id("县水利局");
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "超期乙,临期乙");
	f.unit_id = 0;
	f.text = "超期";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "超期甲,超期乙");
	f.text = "2026-0009";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "刚受理");
	f.text = "路灯坏了";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, 2, "超期甲,超期乙");
	f.text = "100%";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "");
	f.text = NULL;
	f.category = "教育";
	CHECK_PAGE(&f, CASE_SORT_RECEIVED, false, 0, -1, "");
	f.category = "道路交通";
	CHECK_PAGE(&f, CASE_SORT_NO, true, 0, 1, "刚受理");

	/* The computed columns. */
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	f.category = NULL;
	CHECK_INT(db_cases_page(db, &f, CASE_SORT_NO, false, 0, -1, row_fields_cb, &sb, &err), 0);
	CHECK_STR(sb.buf,
		  "CG01-2026-0001 办理中 供电所 待答复 2 道路交通|"
		  "CG01-2026-0002 办理中 县水利局 待答复 2 道路交通|"
		  "CG01-2026-0003 办理中 供电所 待答复 1 道路交通|"
		  "CG01-2026-0004 办理中 县水利局 待答复 1 道路交通|"
		  "CG01-2026-0005 办理中 供电所 待答复 0 道路交通|"
		  "CG01-2026-0006 已答复 供电所 待回访 0 道路交通|"
		  "CG01-2026-0007 已答复 供电所 待办结 0 道路交通|"
		  "CG01-2026-0008 办结  已办结 0 道路交通|"
		  "CG01-2026-0009 受理  待交办 0 道路交通|");
	sb_free(&sb);
	/* Without a filter at all. */
	CHECK_PAGE(NULL, CASE_SORT_RECEIVED, false, 7, -1, "已办结,刚受理");
	teardown();
}

TEST(t_stats)
{
	setup();
	int64_t u = unit_id("供电所");
	/* c1: received in September, replied in time (due 10-19), 满意, closed in October. */
	int64_t c1 = create("2026-09-20", "c1");
	ACT(c1, .event = CE_ASSIGN, .date = "2026-09-21", .unit_id = u);
	ACT(c1, .event = CE_REPLY, .date = "2026-10-09", .content = "r", .result = 'A');
	ACT(c1, .event = CE_FOLLOWUP, .date = "2026-10-10", .satisfaction = CASE_SAT_SATISFIED, .how = "电话");
	ACT(c1, .event = CE_CLOSE, .date = "2026-10-12");
	/* c2: 2 working days (due 10-10), replied late, 基本满意, closed. */
	int64_t c2 = create("2026-10-08", "c2");
	ACT(c2, .event = CE_ASSIGN, .date = "2026-10-08", .unit_id = u, .workdays = 2);
	ACT(c2, .event = CE_REPLY, .date = "2026-10-15", .content = "r", .result = 'B');
	ACT(c2, .event = CE_FOLLOWUP, .date = "2026-10-16", .satisfaction = CASE_SAT_BASIC, .how = "电话");
	ACT(c2, .event = CE_CLOSE, .date = "2026-10-16");
	/* c3: answered on the spot. */
	int64_t c3 = create("2026-10-09", "c3");
	ACT(c3, .event = CE_SPOT_REPLY, .date = "2026-10-09", .content = "r", .satisfaction = CASE_SAT_SATISFIED);
	/* c4: replied, 不满意. */
	int64_t c4 = create("2026-10-12", "c4");
	ACT(c4, .event = CE_ASSIGN, .date = "2026-10-12", .unit_id = u);
	ACT(c4, .event = CE_REPLY, .date = "2026-10-20", .content = "r", .result = 'C');
	ACT(c4, .event = CE_FOLLOWUP, .date = "2026-10-21", .satisfaction = CASE_SAT_UNSATISFIED, .how = "上门");
	/* c5: only received. c6: received, then deleted. c7: November. */
	create("2026-10-20", "c5");
	int64_t c6 = create("2026-10-25", "c6");
	char *err = NULL;
	CHECK_INT(db_cases_delete(db, c6, &err), 0);
	int64_t c7 = create("2026-11-02", "c7");
	ACT(c7, .event = CE_ASSIGN, .date = "2026-11-02", .unit_id = u);

	struct case_stats s;
	CHECK_INT(db_cases_stats(db, "2026-10-01", "2026-10-31", &s, &err), 0);
	CHECK_INT(s.received, 4);
	CHECK_INT(s.assigned, 2);
	CHECK_INT(s.replied, 3);
	CHECK_INT(s.spot, 1);
	CHECK_INT(s.closed, 3);
	CHECK_INT(s.closed_on_time, 2);
	CHECK_INT(s.followed_up, 4);
	CHECK_INT(s.satisfied, 3);
	CHECK(s.on_time_rate > 66.66 && s.on_time_rate < 66.67);
	CHECK(s.satisfaction_rate == 75.0);
	/* The quarter. */
	CHECK_INT(db_cases_stats(db, "2026-07-01", "2026-09-30", &s, &err), 0);
	CHECK_INT(s.received, 1);
	CHECK_INT(s.assigned, 1);
	CHECK_INT(s.closed, 0);
	CHECK(s.on_time_rate == -1);
	CHECK(s.satisfaction_rate == -1);
	teardown();
}

static int explain_cb(void *ud, const char *line)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s\n", line);
	return 0;
}

TEST(t_explain)
{
	setup();
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	CHECK_INT(db_cases_explain(db, "2026-10-12", explain_cb, &sb, &err), 0);
	CHECK(sb.buf && strstr(sb.buf, "超期: SEARCH c USING INDEX cases_status_due (status=? AND due_date<?)"));
	CHECK(sb.buf &&
	      strstr(sb.buf, "临期: SEARCH c USING INDEX cases_status_due (status=? AND due_date>? AND due_date<?)"));
	/* No scan of the cases table, no sorting: the index gives the order. */
	CHECK(sb.buf && !strstr(sb.buf, "SCAN c"));
	CHECK(sb.buf && !strstr(sb.buf, "TEMP B-TREE"));
	if (t_failed_checks && sb.buf)
		fputs(sb.buf, stderr);
	sb_free(&sb);
	teardown();
}

int main(void)
{
	char *err = NULL;
	/* db_cases_update checks against today; the times recorded follow it too. */
	setenv("STATION_TODAY", "2026-12-31", 1);
	cal = calendar_from_text(cal_text, &err);
	if (!cal) {
		fprintf(stderr, "calendar: %s\n", err);
		return 1;
	}
	RUN(t_numbering);
	RUN(t_full_loop);
	RUN(t_refused_writes_nothing);
	RUN(t_outer_transaction);
	RUN(t_visit_link);
	RUN(t_update_delete);
	RUN(t_dashboard);
	RUN(t_list);
	RUN(t_period);
	RUN(t_stats);
	RUN(t_explain);
	calendar_free(cal);
	return t_done();
}
