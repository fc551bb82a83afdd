/* 接待选民登记: the form's checks (phone, people, content, category, 不予受理 without a reason,
 * over-long text, future dates); in SQL: insert with deputies and the reception day, 交办 creating
 * its case with the calendar's due date in the same transaction, failures that leave nothing,
 * update rules, filters with the count of visits and people, returning residents, the month
 * listing, soft delete. */
#include "t.h"
#include "tdb.h"

#include "core/calendar.h"
#include "core/config.h"
#include "core/deputy.h"
#include "core/reception.h"
#include "core/record.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/internal.h"
#include "db/reception.h"
#include "db/cases.h"
#include "db/suggestions.h"
#include "db/visits.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static struct cfg cfg;
static struct calendar *cal;
static struct visit_ctx ctx;
static const char *today = "2026-10-20";

static void setup(void)
{
	char *err = NULL;
	tdb_open("visits");
	cfg_defaults(&cfg);
	str_set(&cfg.station_code, "XH01");
	cal = calendar_new(&cfg, &err);
	if (!cal)
		die("calendar_new: %s", err);
	ctx = (struct visit_ctx){ .cfg = &cfg, .cal = cal, .today = today };
}

static void teardown(void)
{
	tdb_close();
	calendar_free(cal);
	cal = NULL;
	cfg_free(&cfg);
}

/* One text value of a query, "" when none. New string. */
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
		char *t_q = q_text(sql);                                                                               \
		CHECK_STR(t_q, (want));                                                                                \
		free(t_q);                                                                                             \
	} while (0)

static int64_t add_deputy(const char *name)
{
	char **v = record_new_values(&deputy_def, "2026-01-01");
	str_set(&v[DEP_NAME], name);
	str_set(&v[DEP_GENDER], "女");
	str_set(&v[DEP_LEVEL], "县");
	int64_t id = 0;
	char *err = NULL;
	if (db_deputies_insert(db, v, &id, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", name, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&deputy_def, v);
	return id;
}

/* Visit values that pass record_check(). */
static char **visit(const char *date, const char *channel, const char *name, const char *phone, const char *people,
		    const char *content, const char *category, const char *handling, const char *reply)
{
	char **v = record_new_values(&visit_def, today);
	str_set(&v[VIS_DATE], date);
	str_set(&v[VIS_CHANNEL], channel);
	str_set(&v[VIS_NAME], name);
	str_set(&v[VIS_PHONE], phone);
	str_set(&v[VIS_PEOPLE], people);
	str_set(&v[VIS_CONTENT], content);
	str_set(&v[VIS_CATEGORY], category);
	str_set(&v[VIS_HANDLING], handling);
	str_set(&v[VIS_REPLY], reply);
	const char *msgs[VIS_NFIELDS];
	if (record_check(&visit_def, v, today, msgs)) {
		for (int i = 0; i < VIS_NFIELDS; i++)
			if (msgs[i])
				fprintf(stderr, "  visit %s: %s: %s\n", content, visit_def.fields[i].label, msgs[i]);
		t_failed_checks++;
	}
	return v;
}

/* Insert; on failure report and return 0. */
static int64_t add(char **v, const int64_t *deps, int ndeps, int64_t unit)
{
	struct visit_links l = { .deputy_ids = deps, .ndeputies = ndeps, .unit_id = unit };
	int64_t id = 0, cid = 0;
	char *err = NULL, *notice = NULL;
	if (db_visits_insert(db, &ctx, v, &l, &id, &cid, &notice, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", v[VIS_CONTENT], err);
		t_failed_checks++;
	}
	free(err);
	free(notice);
	record_free_values(&visit_def, v);
	return id;
}

/* The message record_check() gives field f after setting it to val (NULL when fine). */
static const char *msg_for(int f, const char *val, const char *handling, const char *reply)
{
	char **v = record_new_values(&visit_def, today);
	str_set(&v[VIS_NAME], "张三");
	str_set(&v[VIS_CONTENT], "路灯坏了");
	str_set(&v[VIS_CATEGORY], "城乡建设");
	str_set(&v[VIS_HANDLING], handling ? handling : "交办");
	str_set(&v[VIS_REPLY], reply ? reply : "");
	if (f >= 0)
		str_set(&v[f], val);
	const char *msgs[VIS_NFIELDS];
	record_check(&visit_def, v, today, msgs);
	const char *m = NULL;
	for (int i = 0; i < VIS_NFIELDS && !m; i++)
		m = msgs[i];
	record_free_values(&visit_def, v);
	return m;
}

TEST(t_form_checks)
{
	CHECK(msg_for(-1, NULL, NULL, NULL) == NULL);
	CHECK(msg_for(VIS_PHONE, "13800138000", NULL, NULL) == NULL);
	CHECK(msg_for(VIS_PHONE, "0371-12345678", NULL, NULL) == NULL);
	CHECK(msg_for(VIS_PHONE, "138 0013 8000", NULL, NULL) == NULL);
	CHECK(msg_for(VIS_PHONE, "", NULL, NULL) == NULL);
	CHECK(msg_for(VIS_PHONE, "12345", NULL, NULL) != NULL);
	CHECK(msg_for(VIS_PHONE, "0371-123", NULL, NULL) != NULL);
	CHECK_STR(msg_for(VIS_PEOPLE, "0", NULL, NULL), "应在 1 到 999 之间");
	CHECK_STR(msg_for(VIS_PEOPLE, "1000", NULL, NULL), "应在 1 到 999 之间");
	CHECK(msg_for(VIS_PEOPLE, "12", NULL, NULL) == NULL);
	CHECK(msg_for(VIS_PEOPLE, "十二", NULL, NULL) != NULL);
	CHECK_STR(msg_for(VIS_CONTENT, "", NULL, NULL), "必填项，不能为空");
	CHECK_STR(msg_for(VIS_CONTENT, " \n \n", NULL, NULL), "必填项，不能为空");
	CHECK_STR(msg_for(VIS_CATEGORY, "", NULL, NULL), "必填项，不能为空");
	CHECK(msg_for(VIS_CATEGORY, "天气", NULL, NULL) != NULL);
	CHECK_STR(msg_for(VIS_NAME, "", NULL, NULL), "必填项，不能为空");
	CHECK(msg_for(VIS_NAME, "匿名", NULL, NULL) == NULL);
	CHECK_STR(msg_for(VIS_HANDLING, "", NULL, NULL), "必填项，不能为空");
	CHECK(msg_for(VIS_DATE, "2026-02-30", NULL, NULL) != NULL);
	/* Over-long content: 2000 characters pass, 2001 do not. */
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 2000; i++)
		sb_add(&sb, "字");
	CHECK(msg_for(VIS_CONTENT, sb.buf, NULL, NULL) == NULL);
	sb_add(&sb, "字");
	CHECK(msg_for(VIS_CONTENT, sb.buf, NULL, NULL) != NULL);
	sb_free(&sb);
	/* 处理方式 and its text. */
	CHECK_STR(msg_for(-1, NULL, "不予受理", ""), "不予受理须填写理由（如：涉法涉诉，已引导通过信访渠道反映）");
	CHECK_STR(msg_for(-1, NULL, "不予受理", " \n"), "不予受理须填写理由（如：涉法涉诉，已引导通过信访渠道反映）");
	CHECK(msg_for(-1, NULL, "不予受理", "涉法涉诉，已引导走信访渠道") == NULL);
	CHECK_STR(msg_for(-1, NULL, "当场答复", ""), "当场答复须填写答复内容");
	CHECK(msg_for(-1, NULL, "当场答复", "已解释政策") == NULL);
	CHECK(msg_for(-1, NULL, "转为代表建议", "") == NULL);
	/* Defaults. */
	char **v = record_new_values(&visit_def, today);
	CHECK_STR(v[VIS_DATE], today);
	CHECK_STR(v[VIS_PEOPLE], "1");
	CHECK_STR(v[VIS_CHANNEL], "接待日来访");
	CHECK(visit_check_links(v, 0) == NULL);
	str_set(&v[VIS_CHANNEL], "走访");
	CHECK_STR(visit_check_links(v, 0), "走访须选择走访的代表");
	CHECK(visit_check_links(v, 1) == NULL);
	record_free_values(&visit_def, v);
	/* Categories come from data/categories.txt. */
	const char *const *c = visit_categories();
	CHECK_STR(c[0], "城乡建设");
	int n = 0;
	while (c[n])
		n++;
	CHECK_INT(n, 15);
	CHECK_STR(c[n - 1], "其他");
}

TEST(t_helpers)
{
	CHECK(visit_is_future("2026-10-21", "2026-10-20"));
	CHECK(!visit_is_future("2026-10-20", "2026-10-20"));
	CHECK(!visit_is_future("2026-09-30", "2026-10-20"));
	CHECK(!visit_is_future("", "2026-10-20"));
	CHECK(!visit_is_future("明天", "2026-10-20"));
	/* Implausible dates ask (issue: 1900-01-01 was saved without a word). */
	char *q = visit_date_question("1900-01-01", "2026-10-20", 2025);
	CHECK(q && strstr(q, "早于本站最早的来访记录（2025 年）"));
	free(q);
	q = visit_date_question("2024-12-31", "2026-10-20", 2025);
	CHECK(q != NULL);
	free(q);
	CHECK(visit_date_question("2025-01-01", "2026-10-20", 2025) == NULL);
	q = visit_date_question("2025-06-30", "2026-10-20", 0); /* no visits yet: this year */
	CHECK(q != NULL);
	free(q);
	CHECK(visit_date_question("2026-01-01", "2026-10-20", 0) == NULL);
	CHECK(visit_date_question("2026-10-20", "2026-10-20", 2026) == NULL);
	q = visit_date_question("2026-10-21", "2026-10-20", 2026);
	CHECK_STR(q, "来访日期在今天之后，确定吗？");
	free(q);
	q = visit_date_question("2027-10-21", "2026-10-20", 2026);
	CHECK_STR(q, "来访日期在今天之后，确定吗？"); /* 366 days: within a year */
	free(q);
	q = visit_date_question("2027-10-22", "2026-10-20", 2026);
	CHECK_STR(q, "来访日期在一年以后，确定没有写错吗？");
	free(q);
	CHECK(visit_date_question("", "2026-10-20", 2026) == NULL);
	CHECK(visit_date_question("2026-02-30", "2026-10-20", 2026) == NULL);
	char *s = visit_summary("  村口路灯坏了三个月，\n晚上出行不便，  请尽快修复。还有第二件事情要说一下的就是这个");
	CHECK_STR(s, "村口路灯坏了三个月， 晚上出行不便， 请尽快修复。还有第二件...");
	free(s);
	s = visit_summary("路灯坏了");
	CHECK_STR(s, "路灯坏了");
	free(s);
	s = visit_mask_phone("13812345678");
	CHECK_STR(s, "138****5678");
	free(s);
	s = visit_mask_phone("0371-12345678");
	CHECK_STR(s, "0371-****5678");
	free(s);
	s = visit_mask_phone("");
	CHECK_STR(s, "");
	free(s);
}

TEST(t_insert_get)
{
	setup();
	char *err = NULL;
	int64_t a = add_deputy("张三"), b = add_deputy("李四");
	/* A reception day on 2026-10-15: a 接待日来访 that day is linked to it. */
	char **rv = reception_new_values(&cfg, "2026-10-15");
	int64_t rday = 0;
	CHECK_INT(db_reception_insert(db, rv, NULL, 0, &rday, &err), 0);
	record_free_values(&reception_def, rv);

	int64_t deps[] = { b, a };
	char **v = visit("2026-10-15", "接待日来访", "王大妈", "13812345678", "1", "小区门口积水\n下雨天没法走",
			 "城乡建设", "当场答复", "已联系社区安排清理");
	str_set(&v[VIS_GENDER], "女");
	str_set(&v[VIS_ADDRESS], "红旗村3组");
	char **copy = record_copy_values(&visit_def, v);
	int64_t id = add(v, deps, 2, 0);
	CHECK(id > 0);
	struct visit_info vi;
	CHECK_INT(db_visits_get(db, id, &vi, &err), 0);
	if (vi.vals)
		CHECK(!record_values_differ(&visit_def, vi.vals, copy));
	CHECK_INT(vi.reception_day_id, rday);
	CHECK_STR(vi.reception_date, "2026-10-15");
	CHECK_INT(vi.ndeputies, 2);
	CHECK_STR(vi.deputy_text, "李四、张三");
	CHECK_INT(vi.case_id, 0);
	CHECK_STR(vi.case_no, "");
	db_visit_info_free(&vi);
	record_free_values(&visit_def, copy);
	CHECK_INT(q_int("SELECT count(*) FROM visits WHERE reply = '已联系社区安排清理' AND handling_reason IS NULL"),
		  1);
	int fy = -1;
	CHECK_INT(db_visits_first_year(db, &fy, &err), 0);
	CHECK_INT(fy, 2026);

	/* 不予受理: the reason goes to handling_reason and reads back in VIS_REPLY. */
	v = visit("2026-10-16", "日常来访", "匿名", "", "1", "要求改判一起民事案件", "矛盾纠纷", "不予受理",
		  "涉法涉诉，已引导通过信访渠道反映");
	id = add(v, NULL, 0, 0);
	CHECK_Q("SELECT handling_reason FROM visits WHERE date = '2026-10-16' AND reply IS NULL",
		"涉法涉诉，已引导通过信访渠道反映");
	CHECK_INT(db_visits_get(db, id, &vi, &err), 0);
	if (vi.vals) {
		CHECK_STR(vi.vals[VIS_REPLY], "涉法涉诉，已引导通过信访渠道反映");
		CHECK_STR(vi.vals[VIS_PHONE], "");
		CHECK_INT(vi.reception_day_id, 0); /* 日常来访: never linked by itself */
	}
	db_visit_info_free(&vi);
	CHECK_INT(q_int("SELECT count(*) FROM visits WHERE visitor_phone IS NULL AND visitor_gender IS NULL"), 1);

	/* 走访 without its deputy is refused; with it, saved. */
	v = visit("2026-10-17", "走访", "赵大爷", "", "1", "反映灌溉渠堵塞", "农业农村", "转为代表建议", "");
	struct visit_links l = { 0 };
	int64_t vid = 0;
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &vid, NULL, NULL, &err), -1);
	CHECK_STR(err, "走访须选择走访的代表");
	free(err);
	err = NULL;
	int64_t one[] = { a };
	id = add(v, one, 1, 0);
	CHECK(id > 0);

	/* A deputy that does not exist, or given twice, leaves nothing behind. */
	long long before = q_int("SELECT count(*) FROM visits");
	v = visit("2026-10-17", "电话", "钱先生", "0371-12345678", "1", "噪音扰民", "生态环境", "转为代表建议", "");
	int64_t bad[] = { a, 9999 }, twice[] = { a, a };
	l = (struct visit_links){ .deputy_ids = bad, .ndeputies = 2 };
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &vid, NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "不存在或已被删除"));
	free(err);
	err = NULL;
	l.deputy_ids = twice;
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &vid, NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "选了两次"));
	free(err);
	err = NULL;
	/* A reception day that does not exist. */
	l = (struct visit_links){ .reception_day_id = 777 };
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &vid, NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "接待日不存在"));
	free(err);
	err = NULL;
	record_free_values(&visit_def, v);
	CHECK_INT(q_int("SELECT count(*) FROM visits"), before);
	CHECK_INT(q_int("SELECT count(*) FROM visit_deputies"), 3);
	teardown();
}

TEST(t_assign_creates_case)
{
	setup();
	char *err = NULL;
	int64_t unit = q_int("SELECT id FROM units WHERE name = '自然资源所'");
	CHECK(unit > 0);
	int64_t a = add_deputy("张三");
	int64_t deps[] = { a };
	/* Assigned 2026-09-24 with 15 working days: due 2026-10-22 (中秋, 国庆 skipped, 10-10 worked). */
	char **v =
		visit("2026-09-24", "接待日来访", "孙先生", "13900001111", "3",
		      "宅基地界址纠纷，邻居建房占了我家两米宽的通道，村里调解了三次都没有结果", "矛盾纠纷", "交办", "");
	struct visit_links l = { .deputy_ids = deps, .ndeputies = 1, .unit_id = unit };
	int64_t id = 0, cid = 0;
	char *notice = NULL;
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, &notice, &err), 0);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	err = NULL;
	free(notice);
	record_free_values(&visit_def, v);
	CHECK(id > 0 && cid > 0);
	char *sql = xasprintf("SELECT case_no || '|' || status || '|' || due_date || '|' || assigned_date || '|' ||"
			      " received_date || '|' || unit_id || '|' || visit_id || '|' || category || '|' || source"
			      " || '|' || contact_name || '|' || contact_phone FROM cases WHERE id = %lld",
			      (long long)cid);
	char *want = xasprintf("XH01-2026-0001|办理中|2026-10-22|2026-09-24|2026-09-24|%lld|%lld|矛盾纠纷|来访|孙先生|"
			       "13900001111",
			       (long long)unit, (long long)id);
	CHECK_Q(sql, want);
	free(sql);
	free(want);
	CHECK_Q("SELECT summary FROM cases", "宅基地界址纠纷，邻居建房占了我家两米宽的通道，村里调解了三次...");
	struct visit_info vi;
	CHECK_INT(db_visits_get(db, id, &vi, &err), 0);
	CHECK_INT(vi.case_id, cid);
	CHECK_STR(vi.case_no, "XH01-2026-0001");
	CHECK_STR(vi.case_status, "办理中");
	db_visit_info_free(&vi);

	/* Without a unit the case waits to be assigned; a given due_days counts from the visit. */
	v = visit("2026-10-19", "电话", "周女士", "", "1", "学校门口接送车辆拥堵", "道路交通", "交办", "");
	l = (struct visit_links){ 0 };
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, NULL, &err), 0);
	CHECK_Q("SELECT case_no || '|' || status || '|' || coalesce(due_date, '-') FROM cases ORDER BY id DESC",
		"XH01-2026-0002|受理|-");
	record_free_values(&visit_def, v);
	v = visit("2026-10-19", "电话", "吴先生", "", "1", "自来水发黄", "水电气讯", "交办", "");
	l = (struct visit_links){ .unit_id = unit, .due_days = 5 };
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, NULL, &err), 0);
	CHECK_Q("SELECT due_date FROM cases ORDER BY id DESC", "2026-10-26");
	record_free_values(&visit_def, v);

	/* Linking an open case instead of making a duplicate: no new case. */
	int64_t first = q_int("SELECT id FROM cases WHERE case_no = 'XH01-2026-0001'");
	v = visit("2026-10-20", "日常来访", "孙先生", "13900001111", "1", "再次询问宅基地纠纷进展", "矛盾纠纷", "交办",
		  "");
	l = (struct visit_links){ .case_id = first };
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, NULL, &err), 0);
	CHECK_INT(cid, first);
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 3);
	record_free_values(&visit_def, v);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	teardown();
}

TEST(t_assign_failure_leaves_nothing)
{
	setup();
	char *err = NULL;
	int64_t a = add_deputy("张三");
	int64_t deps[] = { a };
	long long audit = q_int("SELECT count(*) FROM audit_log");
	/* A unit that does not exist: the 交办 fails after the visit and the case were written. */
	char **v = visit("2026-10-12", "接待日来访", "郑先生", "13700001111", "1", "低保申请迟迟没有结果", "社会保障",
			 "交办", "");
	struct visit_links l = { .deputy_ids = deps, .ndeputies = 1, .unit_id = 9999 };
	int64_t id = 5, cid = 5;
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, NULL, &err), -1);
	CHECK(err != NULL);
	free(err);
	err = NULL;
	CHECK_INT(id, 0);
	CHECK_INT(cid, 0);
	CHECK_INT(q_int("SELECT count(*) FROM visits"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM visit_deputies"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM case_events"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	/* A visit dated after today cannot open a case (received date after today). */
	str_set(&v[VIS_DATE], "2026-10-21");
	l.unit_id = 0;
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, NULL, &err), -1);
	CHECK(err != NULL);
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM visits"), 0);
	/* Inside an outer transaction: the outer one goes on, the visit is gone. */
	CHECK_INT(db_begin(db, &err), 0);
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, NULL, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_depth(db), 1);
	CHECK_INT(db_commit(db, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM visits"), 0);
	/* The number was not used up: the next case is -0001. */
	str_set(&v[VIS_DATE], "2026-10-12");
	CHECK_INT(db_visits_insert(db, &ctx, v, &l, &id, &cid, NULL, &err), 0);
	CHECK_Q("SELECT case_no FROM cases", "XH01-2026-0001");
	record_free_values(&visit_def, v);
	free(err);
	teardown();
}

TEST(t_update)
{
	setup();
	char *err = NULL;
	int64_t a = add_deputy("张三"), b = add_deputy("李四");
	int64_t one[] = { a }, two[] = { b, a };
	char **v = visit("2026-10-12", "日常来访", "冯女士", "", "1", "垃圾清运不及时", "生态环境", "转为代表建议", "");
	char **keep = record_copy_values(&visit_def, v);
	int64_t id = add(v, one, 1, 0);
	v = keep;
	struct visit_links l = { .deputy_ids = two, .ndeputies = 2 };
	str_set(&v[VIS_PEOPLE], "4");
	CHECK_INT(db_visits_update(db, &ctx, id, v, &l, NULL, &err), 0);
	struct visit_info vi;
	CHECK_INT(db_visits_get(db, id, &vi, &err), 0);
	CHECK_STR(vi.deputy_text, "李四、张三");
	if (vi.vals)
		CHECK_STR(vi.vals[VIS_PEOPLE], "4");
	db_visit_info_free(&vi);
	/* Becoming 交办 opens the case. */
	str_set(&v[VIS_HANDLING], "交办");
	CHECK_INT(db_visits_update(db, &ctx, id, v, &l, NULL, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM cases WHERE visit_id IS NOT NULL"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM visits WHERE case_id IS NOT NULL"), 1);
	/* Saving again does not open a second one. */
	CHECK_INT(db_visits_update(db, &ctx, id, v, &l, NULL, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 1);
	/* Leaving 交办 while its case exists is refused, nothing changes. */
	str_set(&v[VIS_HANDLING], "当场答复");
	str_set(&v[VIS_REPLY], "已答复");
	CHECK_INT(db_visits_update(db, &ctx, id, v, &l, NULL, &err), -1);
	CHECK(err && strstr(err, "已交办为案件 XH01-2026-0001"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM visits WHERE handling = '交办'"), 1);
	/* A visit that does not exist. */
	CHECK_INT(db_visits_update(db, &ctx, id + 50, v, &l, NULL, &err), -1);
	CHECK(err && strstr(err, "找不到这条来访记录"));
	free(err);
	err = NULL;
	/* Soft delete hides it; restore brings it back; the case stays. */
	CHECK_INT(db_visits_delete(db, id, &err), 0);
	CHECK_INT(db_visits_get(db, id, &vi, &err), -1);
	free(err);
	err = NULL;
	int64_t n = -1;
	CHECK_INT(db_visits_count(db, NULL, &n, NULL, &err), 0);
	CHECK_INT(n, 0);
	CHECK_INT(q_int("SELECT count(*) FROM cases WHERE deleted = 0"), 1);
	CHECK_INT(db_visits_restore(db, id, &err), 0);
	CHECK_INT(db_visits_count(db, NULL, &n, NULL, &err), 0);
	CHECK_INT(n, 1);
	record_free_values(&visit_def, v);
	teardown();
}

struct rows {
	struct strbuf sb;
	int n;
};

static int rows_cb(void *ud, const struct visit_row *r)
{
	struct rows *p = ud;
	sb_addf(&p->sb, "%s%s", p->n ? "," : "", r->name);
	p->n++;
	return 0;
}

/* The first row of a page: its date and id (keyset anchor). */
struct keyrow {
	char date[11];
	int64_t id;
};

static int first_cb(void *ud, const struct visit_row *r)
{
	struct keyrow *k = ud;
	snprintf(k->date, sizeof k->date, "%s", r->date);
	k->id = r->id;
	return 0;
}

/* Names of a filter's page, and checks the count agrees; people into *people. New string. */
static char *list(const struct visit_filter *f, int64_t *people)
{
	struct rows p = { 0 };
	char *err = NULL;
	int64_t n = -1, pe = -1;
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	CHECK_INT(db_visits_page(db, f, 0, -1, rows_cb, &p, &err), 0);
	CHECK_INT(db_visits_count(db, f, &n, &pe, &err), 0);
	CHECK_INT(n, p.n);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	if (people)
		*people = pe;
	return sb_take(&p.sb);
}

#define CHECK_LIST(f, want, want_people)                                                                               \
	do {                                                                                                           \
		int64_t t_pe;                                                                                          \
		char *t_got = list((f), &t_pe);                                                                        \
		CHECK_STR(t_got, (want));                                                                              \
		CHECK_INT(t_pe, (want_people));                                                                        \
		free(t_got);                                                                                           \
	} while (0)

static int month_cb(void *ud, const struct visit_row *r)
{
	struct rows *p = ud;
	sb_addf(&p->sb, "%s%s %s", p->n ? "," : "", r->date, r->name);
	p->n++;
	return 0;
}

TEST(t_filters_counts)
{
	setup();
	char *err = NULL;
	int64_t a = add_deputy("张三"), b = add_deputy("李四");
	int64_t da[] = { a }, db_[] = { b }, dab[] = { a, b };
	char **rv = reception_new_values(&cfg, "2026-10-15");
	int64_t rday = 0;
	CHECK_INT(db_reception_insert(db, rv, NULL, 0, &rday, &err), 0);
	record_free_values(&reception_def, rv);

	add(visit("2026-09-30", "电话", "甲", "13800000001", "1", "九月的事", "教育", "当场答复", "已答复"), da, 1, 0);
	add(visit("2026-10-15", "接待日来访", "乙", "", "12", "全村12位村民反映修路", "道路交通", "转为代表建议", ""),
	    dab, 2, 0);
	add(visit("2026-10-15", "接待日来访", "丙", "", "1", "路灯不亮 100%_\\", "城乡建设", "当场答复", "已报修"), db_,
	    1, 0);
	add(visit("2026-10-03", "线上", "丁", "0371-12345678", "2", "网上反映噪音", "生态环境", "不予受理",
		  "不属于受理范围"),
	    NULL, 0, 0);
	add(visit("2026-11-02", "来信", "戊", "", "1", "来信反映修路进度", "道路交通", "转为代表建议", ""), NULL, 0, 0);

	struct visit_filter f = { 0 };
	CHECK_LIST(&f, "戊,丙,乙,丁,甲", 17);
	CHECK_LIST(NULL, "戊,丙,乙,丁,甲", 17);
	f.month = "2026-10";
	CHECK_LIST(&f, "丙,乙,丁", 15);
	f.channel = "接待日来访";
	CHECK_LIST(&f, "丙,乙", 13);
	f.channel = NULL;
	f.reception_day_id = rday;
	CHECK_LIST(&f, "丙,乙", 13);
	f.reception_day_id = 0;
	f.deputy_id = a;
	CHECK_LIST(&f, "乙", 12);
	f.month = NULL;
	CHECK_LIST(&f, "乙,甲", 13);
	f.deputy_id = 0;
	f.category = "道路交通";
	CHECK_LIST(&f, "戊,乙", 13);
	f.category = NULL;
	f.handling = "当场答复";
	CHECK_LIST(&f, "丙,甲", 2);
	f.handling = NULL;
	f.text = "修路";
	CHECK_LIST(&f, "戊,乙", 13);
	f.text = "100%_\\";
	CHECK_LIST(&f, "丙", 1);
	f.text = "%";
	CHECK_LIST(&f, "丙", 1);
	f.text = " 0371 ";
	CHECK_LIST(&f, "丁", 2);
	f.text = "没有这个词";
	CHECK_LIST(&f, "", 0);
	f.text = NULL;
	f.date_from = "2026-10-03";
	f.date_to = "2026-10-15";
	CHECK_LIST(&f, "丙,乙,丁", 15);
	/* Paging: date desc, then id desc. */
	struct rows p = { 0 };
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	CHECK_INT(db_visits_page(db, NULL, 1, 2, rows_cb, &p, &err), 0);
	CHECK_STR(p.sb.buf, "丙,乙");
	sb_free(&p.sb);
	/* Keyset paging: the rows after (date, id) of the first row are the rows from offset 1, for
	 * a filter too; the anchor does not change the count. */
	struct keyrow first = { 0 };
	CHECK_INT(db_visits_page(db, NULL, 0, 1, first_cb, &first, &err), 0);
	struct visit_filter kf = { .before_date = first.date, .before_id = first.id };
	p = (struct rows){ 0 };
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	CHECK_INT(db_visits_page(db, &kf, 0, 2, rows_cb, &p, &err), 0);
	CHECK_STR(p.sb.buf, "丙,乙");
	sb_free(&p.sb);
	kf.text = "修路";
	p = (struct rows){ 0 };
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	CHECK_INT(db_visits_page(db, &kf, 0, -1, rows_cb, &p, &err), 0);
	CHECK_STR(first.date, "2026-11-02"); /* 戊, the newest: after it only 乙 mentions 修路 */
	CHECK_STR(p.sb.buf, "乙");
	sb_free(&p.sb);
	/* A bad month is an error, not an empty list. */
	f = (struct visit_filter){ .month = "2026-13" };
	int64_t n;
	CHECK_INT(db_visits_count(db, &f, &n, NULL, &err), -1);
	CHECK(err && strstr(err, "2026-10"));
	free(err);
	err = NULL;
	CHECK(db_visits_month_ok("2026-10"));
	CHECK(!db_visits_month_ok("2026-1"));
	CHECK(!db_visits_month_ok("2026/10"));
	CHECK(!db_visits_month_ok("2026-00"));
	CHECK(!db_visits_month_ok(NULL));

	/* The month listing: oldest first. */
	p = (struct rows){ 0 };
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	CHECK_INT(db_visits_month(db, "2026-10", month_cb, &p, &err), 0);
	CHECK_STR(p.sb.buf, "2026-10-03 丁,2026-10-15 乙,2026-10-15 丙");
	sb_free(&p.sb);
	CHECK_INT(db_visits_month(db, "10-2026", month_cb, &p, &err), -1);
	CHECK(err && strstr(err, "月份"));
	free(err);
	teardown();
}

struct earlier {
	struct strbuf sb;
	int n;
	int open;
};

static int earlier_cb(void *ud, const struct visit_earlier *e)
{
	struct earlier *p = ud;
	sb_addf(&p->sb, "%s%s %s %s%s", p->n ? "," : "", e->date, e->content, e->case_no, e->case_open ? "*" : "");
	p->n++;
	return 0;
}

static char *earlier(const char *phone, const char *name, int64_t exclude, int limit)
{
	struct earlier p = { 0 };
	char *err = NULL;
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	int n = db_visits_earlier(db, phone, name, exclude, limit, earlier_cb, &p, &err);
	CHECK_INT(n, p.n);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	return sb_take(&p.sb);
}

#define CHECK_EARLIER(phone, name, exclude, limit, want)                                                               \
	do {                                                                                                           \
		char *t_got = earlier((phone), (name), (exclude), (limit));                                            \
		CHECK_STR(t_got, (want));                                                                              \
		free(t_got);                                                                                           \
	} while (0)

TEST(t_returning)
{
	setup();
	int64_t unit = q_int("SELECT id FROM units WHERE name = '司法所'");
	add(visit("2026-08-03", "日常来访", "陈阿姨", "13811112222", "1", "邻里纠纷\n第二行", "矛盾纠纷", "交办", ""),
	    NULL, 0, unit);
	int64_t second = add(visit("2026-09-10", "电话", "陈阿姨", "13811112222", "1", "询问纠纷进展", "矛盾纠纷",
				   "当场答复", "正在办理"),
			     NULL, 0, 0);
	add(visit("2026-09-12", "日常来访", "陈阿姨", "", "1", "另一位陈阿姨", "其他", "当场答复", "已解释"), NULL, 0,
	    0);
	add(visit("2026-09-13", "日常来访", "匿名", "", "1", "匿名反映", "其他", "当场答复", "已解释"), NULL, 0, 0);
	add(visit("2026-09-14", "日常来访", "匿名", "", "1", "匿名反映二", "其他", "当场答复", "已解释"), NULL, 0, 0);

	/* By phone: both visits with that phone, newest first, with the open case. */
	CHECK_EARLIER("13811112222", "陈阿姨", 0, 10,
		      "2026-09-10 询问纠纷进展 ,2026-08-03 邻里纠纷 第二行 XH01-2026-0001*");
	CHECK_EARLIER("13811112222", "", second, 10, "2026-08-03 邻里纠纷 第二行 XH01-2026-0001*");
	CHECK_EARLIER("13811112222", "", 0, 1, "2026-09-10 询问纠纷进展 ");
	/* By name when there is no phone: all three 陈阿姨. */
	CHECK_EARLIER("", "陈阿姨", 0, -1,
		      "2026-09-12 另一位陈阿姨 ,2026-09-10 询问纠纷进展 ,2026-08-03 邻里纠纷 第二行 XH01-2026-0001*");
	/* 匿名 and nothing: none. */
	CHECK_EARLIER("", "匿名", 0, 10, "");
	CHECK_EARLIER(NULL, NULL, 0, 10, "");
	CHECK_EARLIER("13900000000", "陈阿姨", 0, 10, "");
	/* A closed case is not open. */
	CHECK_INT(q_int("UPDATE cases SET status = '办结' RETURNING 1"), 1);
	CHECK_EARLIER("13811112222", "", second, 10, "2026-08-03 邻里纠纷 第二行 XH01-2026-0001");
	/* The phone and name look-ups use their indexes. */
	sqlite3_stmt *st = NULL;
	char *plan = NULL;
	if (db_prepare(db, "EXPLAIN QUERY PLAN SELECT id FROM visits v WHERE v.visitor_phone = ?1 AND v.deleted = 0",
		       &st, NULL) == 0 &&
	    sqlite3_step(st) == SQLITE_ROW)
		plan = xstrdup(db_column_text(st, 3));
	sqlite3_finalize(st);
	CHECK(plan && strstr(plan, "visits_phone"));
	free(plan);
	teardown();
}

/* 当场答复 with the resident's satisfaction: stored, refused for another handling, counted by the
 * statistics (docs/CASES.md); the helpers for 人数 and the due date. */
TEST(t_spot_satisfaction)
{
	setup();
	int64_t d = add_deputy("张三");
	char **v = visit("2026-10-12", "日常来访", "甲", "", "1", "问低保政策", "社会保障", "当场答复", "已解释");
	str_set(&v[VIS_SATISFACTION], "满意");
	int64_t a = add(v, &d, 1, 0);
	v = visit("2026-10-13", "日常来访", "乙", "", "1", "问医保", "社会保障", "当场答复", "已解释");
	str_set(&v[VIS_SATISFACTION], "不满意");
	add(v, &d, 1, 0);
	add(visit("2026-10-14", "日常来访", "丙", "", "1", "问路灯", "城乡建设", "当场答复", "已答复"), &d, 1, 0);
	add(visit("2026-09-14", "日常来访", "丁", "", "1", "九月的", "城乡建设", "当场答复", "已答复"), &d, 1, 0);
	add(visit("2026-10-15", "日常来访", "戊", "", "1", "不予受理的", "城乡建设", "不予受理", "涉诉"), &d, 1, 0);
	CHECK_Q("SELECT group_concat(coalesce(satisfaction, '-'), ',') FROM visits ORDER BY id", "满意,不满意,-,-,-");
	struct visit_info vi;
	char *err = NULL;
	CHECK_INT(db_visits_get(db, a, &vi, &err), 0);
	CHECK_STR(vi.vals[VIS_SATISFACTION], "满意");
	db_visit_info_free(&vi);
	/* Only for an answer on the spot. */
	CHECK_STR(msg_for(VIS_SATISFACTION, "满意", "交办", NULL), "满意度只用于当场答复，其他处理方式请清空（^U）");
	CHECK(msg_for(VIS_SATISFACTION, "满意", "当场答复", "已答复") == NULL);
	CHECK_STR(msg_for(VIS_SATISFACTION, "很好", "当场答复", "已答复"), "应为以下之一：满意/基本满意/不满意");
	/* October: three answers on the spot, two with a satisfaction, one of them satisfied. */
	struct case_stats s;
	CHECK_INT(db_cases_stats(db, "2026-10-01", "2026-10-31", &s, &err), 0);
	CHECK_INT(s.spot_visits, 3);
	CHECK_INT(s.spot, 3);
	CHECK_INT(s.closed, 3);
	CHECK_INT(s.closed_on_time, 3);
	CHECK_INT(s.followed_up, 2);
	CHECK_INT(s.satisfied, 1);
	CHECK(s.satisfaction_rate == 50.0);
	CHECK(s.on_time_rate == 100.0);
	/* A deleted visit no longer counts. */
	CHECK_INT(db_visits_delete(db, a, &err), 0);
	CHECK_INT(db_cases_stats(db, "2026-10-01", "2026-10-31", &s, &err), 0);
	CHECK_INT(s.spot, 2);
	CHECK_INT(s.followed_up, 1);
	CHECK_INT(s.satisfied, 0);
	/* The helpers of the form. */
	char *q = visit_people_question("112");
	CHECK(q && strstr(q, "112"));
	free(q);
	CHECK(visit_people_question("50") == NULL);
	CHECK(visit_people_question("12") == NULL);
	CHECK(visit_people_question("x") == NULL);
	char due[11];
	visit_due_date(cal, "2026-11-16", 15, 15, due);
	CHECK_STR(due, "2026-12-07");
	visit_due_date(cal, "2026-11-16", 0, 15, due);
	CHECK_STR(due, "2026-12-07");
	visit_due_date(cal, "bad", 15, 15, due);
	CHECK_STR(due, "");
	teardown();
}

/* A visit turned into a 代表建议: the link both ways, once. */
TEST(t_to_suggestion)
{
	setup();
	int64_t d = add_deputy("张三");
	int64_t a = add(visit("2026-10-12", "日常来访", "甲", "", "1", "建议修通村道", "城乡建设", "转为代表建议", ""),
			&d, 1, 0);
	char **sv = record_new_values(&suggestion_def, today);
	str_set(&sv[SUG_NO], "J2026-01");
	str_set(&sv[SUG_TITLE], "关于修通村道的建议");
	str_set(&sv[SUG_DATE], "2026-10-12");
	str_set(&sv[SUG_CATEGORY], "城建环资");
	struct suggestion_ids l = { .lead_id = d, .visit_id = a };
	int64_t sid = 0;
	char *err = NULL;
	CHECK_INT(db_suggestions_insert(db, sv, &l, &sid, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM visit_suggestions"), 1);
	struct visit_info vi;
	CHECK_INT(db_visits_get(db, a, &vi, &err), 0);
	CHECK_INT(vi.suggestion_id, sid);
	CHECK_STR(vi.suggestion_no, "J2026-01");
	CHECK_STR(vi.suggestion_title, "关于修通村道的建议");
	db_visit_info_free(&vi);
	struct suggestion_info si;
	CHECK_INT(db_suggestions_get(db, sid, &si, &err), 0);
	CHECK_STR(si.visits, "2026-10-12 甲");
	db_suggestion_info_free(&si);
	/* Not twice; not from a visit that is gone: nothing is written then. */
	str_set(&sv[SUG_NO], "J2026-02");
	CHECK_INT(db_suggestions_insert(db, sv, &l, &sid, &err), -1);
	CHECK_STR(err, "这次来访已经转为代表建议了，不能再转一次");
	free(err);
	err = NULL;
	l.visit_id = 999;
	CHECK_INT(db_suggestions_insert(db, sv, &l, &sid, &err), -1);
	CHECK(err && strstr(err, "找不到"));
	free(err);
	CHECK_INT(q_int("SELECT count(*) FROM suggestions"), 1);
	record_free_values(&suggestion_def, sv);
	teardown();
}

int main(void)
{
	RUN(t_spot_satisfaction);
	RUN(t_to_suggestion);
	RUN(t_form_checks);
	RUN(t_helpers);
	RUN(t_insert_get);
	RUN(t_assign_creates_case);
	RUN(t_assign_failure_leaves_nothing);
	RUN(t_update);
	RUN(t_filters_counts);
	RUN(t_returning);
	return t_done();
}
