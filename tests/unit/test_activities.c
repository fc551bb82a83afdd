/* 代表活动记录簿: the rules in core/activity.c (a future date, who may sign in, the quarter of a
 * date across a year boundary, the home warning) and the db layer (db/activities.h): insert and
 * update with the sign-in sheet, the refusal of a deputy who left or had not joined yet (nothing
 * written), counts by type and quarter, the training filter, the plan link (planned vs held),
 * and the yearly reception count of a deputy. */
#include "tdb.h"

#include "core/activity.h"
#include "core/deputy.h"
#include "db/activities.h"
#include "db/deputies.h"
#include "db/plans.h"

#include <string.h>

/* s contains sub. */
#define CHECK_HAS(s, sub)                                                                                              \
	do {                                                                                                           \
		const char *t_s = (s), *t_sub = (sub);                                                                 \
		if (!t_s || !strstr(t_s, t_sub)) {                                                                     \
			fprintf(stderr, "  %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,               \
				t_s ? t_s : "(null)", t_sub);                                                          \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

static int64_t add_activity(const char *type, const char *topic, const char *date, int64_t plan, const char *today,
			    char **err)
{
	char *v[AV_NFIELDS] = {
		(char *)type, (char *)topic, (char *)date, "09:00", "联络站", "镇人大", "内容", "", ""
	};
	int64_t id = 0;
	return db_activities_insert(db, v, plan, today, &id, NULL, err) < 0 ? -1 : id;
}

static int row_cb(void *ud, const struct activity_row *r)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s%s/%s/%lld/%lld/%s/%s", sb->len ? ";" : "", r->vals[AV_DATE], r->vals[AV_TOPIC],
		(long long)r->present, (long long)r->signed_in, r->vals[AV_SUGGESTIONS], *r->plan ? r->plan : "-");
	return 0;
}

static char *page(const struct activity_filter *f)
{
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	sb_add(&sb, "");
	CHECK_INT(db_activities_page(db, f, AV_DATE, false, 0, -1, row_cb, &sb, &err), 0);
	free(err);
	return sb_take(&sb);
}

TEST(t_rules)
{
	CHECK(activity_date_refusal("2026-11-24", "2026-11-23") != NULL);
	CHECK(activity_date_refusal("2026-11-23", "2026-11-23") == NULL);
	CHECK(activity_date_refusal("2025-01-01", "2026-11-23") == NULL);

	struct attendee a = { .name = "张三", .status = "在任", .join_date = "2026-03-01" };
	char *m = activity_attendee_refusal(&a, "2026-05-01");
	CHECK(m == NULL);
	free(m);
	m = activity_attendee_refusal(&a, "2026-02-28");
	CHECK_HAS(m, "张三 的进站日期是 2026-03-01");
	free(m);
	a.status = "离任";
	m = activity_attendee_refusal(&a, "2026-05-01");
	CHECK_HAS(m, "张三 已离任");
	free(m);
	a.was_signed = true; /* signed in while in office: the line stays */
	m = activity_attendee_refusal(&a, "2026-05-01");
	CHECK(m == NULL);
	free(m);

	/* The quarter of a date, across the year boundary 2026Q4 -> 2027Q1. */
	char from[11], to[11];
	CHECK_INT(activity_quarter("2026-12-31", from, to), 4);
	CHECK_STR(from, "2026-10-01");
	CHECK_STR(to, "2026-12-31");
	CHECK_INT(activity_quarter("2027-01-01", from, to), 1);
	CHECK_STR(from, "2027-01-01");
	CHECK_STR(to, "2027-03-31");
	CHECK_INT(activity_quarter("2027-06-30", from, to), 2);
	CHECK_STR(to, "2027-06-30");

	char *w = activity_quarter_warning("2027-01-05", 0, 1);
	CHECK_STR(w, "2027 年第一季度还没有代表活动（每季度至少 1 次）");
	free(w);
	w = activity_quarter_warning("2026-12-31", 1, 2);
	CHECK_STR(w, "2026 年第四季度代表活动 1 次，少于每季度至少 2 次");
	free(w);
	CHECK(activity_quarter_warning("2026-12-31", 1, 1) == NULL);
	CHECK(activity_quarter_warning("2026-12-31", 0, 0) == NULL);
}

TEST(t_activities)
{
	tdb_open("activities");
	char *err = NULL;
	int64_t a = tdb_deputy("张三", NULL, "在任", ""), b = tdb_deputy("李四", NULL, "在任", "2026-06-01"),
		c = tdb_deputy("王五", NULL, "离任", "");
	int64_t x = add_activity("学习培训", "学习代表法", "2026-11-20", 0, "2026-11-23", &err);
	int64_t y = add_activity("视察", "视察农贸市场", "2026-05-10", 0, "2026-11-23", &err);
	CHECK(x > 0 && y > 0);
	CHECK_INT(q_int("SELECT suggestions FROM activities WHERE id = 1"), 0); /* empty count is 0 */

	/* A future date is refused; nothing written. */
	long long audit = q_int("SELECT count(*) FROM audit_log");
	CHECK(add_activity("调研", "调研养老", "2026-11-24", 0, "2026-11-23", &err) < 0);
	CHECK_HAS(err, "在今天之后");
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM activities"), 2);

	/* Sign-in: three lines; then the departed deputy is refused with the line's index. */
	struct attend_line sheet[] = { { a, ATTEND_PRESENT }, { b, ATTEND_LEAVE } };
	int bad = 0;
	CHECK_INT(db_activities_signin(db, x, sheet, 2, &bad, &err), 0);
	CHECK_INT(bad, -1);
	audit = q_int("SELECT count(*) FROM audit_log");
	struct attend_line with_left[] = { { a, ATTEND_PRESENT }, { b, ATTEND_PRESENT }, { c, ATTEND_PRESENT } };
	CHECK_INT(db_activities_signin(db, x, with_left, 3, &bad, &err), -1);
	CHECK_INT(bad, 2);
	CHECK_HAS(err, "王五 已离任");
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	CHECK_INT(q_int("SELECT count(*) FROM attendance WHERE status = '请假'"), 1);
	/* ... and one who joined the station after the activity. */
	struct attend_line early[] = { { b, ATTEND_PRESENT } };
	CHECK_INT(db_activities_signin(db, y, early, 1, &bad, &err), -1);
	CHECK_INT(bad, 0);
	CHECK_HAS(err, "李四 的进站日期是 2026-06-01");
	free(err);
	err = NULL;
	/* Unchanged lines are not rewritten; a changed status is; a line left out is taken off. */
	CHECK_INT(db_activities_signin(db, x, sheet, 2, &bad, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	struct attend_line all[] = { { b, ATTEND_PRESENT } };
	CHECK_INT(db_activities_signin(db, x, all, 1, &bad, &err), 0);
	struct attend_line *got = NULL;
	int n = 0;
	CHECK_INT(db_activities_attendance(db, x, &got, &n, &err), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK(got[0].deputy_id == b && got[0].status == ATTEND_PRESENT);
	free(got);

	/* A deputy who left after signing in stays on the sheet. */
	CHECK_INT(db_activities_signin(db, y, sheet, 1, &bad, &err), 0);
	CHECK_INT(db_exec(db, "UPDATE deputies SET status = '离任' WHERE id = 1", &err), 0);
	struct attend_line absent[] = { { a, ATTEND_ABSENT } };
	CHECK_INT(db_activities_signin(db, y, absent, 1, &bad, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM attendance WHERE activity_id = 2 AND status = '缺席'"), 1);

	/* Lists: present / signed; the training register is the type filter. */
	char *s = page(&(struct activity_filter){ 0 });
	CHECK_STR(s, "2026-05-10/视察农贸市场/0/1/0/-;2026-11-20/学习代表法/1/1/0/-");
	free(s);
	s = page(&(struct activity_filter){ .type = ACTIVITY_TRAINING });
	CHECK_STR(s, "2026-11-20/学习代表法/1/1/0/-");
	free(s);
	s = page(&(struct activity_filter){ .text = "2026-05" });
	CHECK_STR(s, "2026-05-10/视察农贸市场/0/1/0/-");
	free(s);
	int64_t cnt = 0;
	CHECK_INT(db_activities_count(db, &(struct activity_filter){ .type = ACTIVITY_TRAINING }, &cnt, &err), 0);
	CHECK_INT(cnt, 1);

	/* Update keeps the sheet; soft delete hides the record. */
	char *v[AV_NFIELDS] = { "学习培训", "学习代表法（二）", "2026-11-21", "", "", "", "", "", "3" };
	CHECK_INT(db_activities_update(db, x, v, 0, "2026-11-23", NULL, &err), 0);
	CHECK_INT(q_int("SELECT suggestions FROM activities WHERE id = 1"), 3);
	CHECK_INT(db_activities_delete(db, y, &err), 0);
	s = page(&(struct activity_filter){ 0 });
	CHECK_STR(s, "2026-11-21/学习代表法（二）/1/1/3/-");
	free(s);
	tdb_close();
}

TEST(t_quarter_counts)
{
	tdb_open("actquarter");
	char *err = NULL;
	CHECK(add_activity("视察", "年末视察", "2026-12-20", 0, "2026-12-31", &err) > 0);
	CHECK(add_activity("学习培训", "年末学习", "2026-10-08", 0, "2026-12-31", &err) > 0);
	char from[11], to[11];
	int64_t n = -1;
	activity_quarter("2026-12-31", from, to);
	CHECK_INT(db_activities_count_between(db, from, to, NULL, &n, &err), 0);
	CHECK_INT(n, 2);
	CHECK_INT(db_activities_count_between(db, from, to, ACTIVITY_TRAINING, &n, &err), 0);
	CHECK_INT(n, 1);
	char *w = activity_quarter_warning("2026-12-31", n, 1);
	CHECK(w == NULL);
	free(w);
	/* The next day is another quarter and another year: nothing held there yet. */
	activity_quarter("2027-01-01", from, to);
	CHECK_INT(db_activities_count_between(db, from, to, NULL, &n, &err), 0);
	CHECK_INT(n, 0);
	w = activity_quarter_warning("2027-01-01", n, 1);
	CHECK_HAS(w, "2027 年第一季度还没有代表活动");
	free(w);
	CHECK(add_activity("调研", "新年调研", "2027-01-02", 0, "2027-01-02", &err) > 0);
	CHECK_INT(db_activities_count_between(db, from, to, NULL, &n, &err), 0);
	CHECK_INT(n, 1);
	tdb_close();
}

static int open_cb(void *ud, const struct plan_row *r)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s%s", sb->len ? ";" : "", r->vals[PLAN_THEME]);
	return 0;
}

TEST(t_planned_vs_held)
{
	tdb_open("actplan");
	char *err = NULL;
	char *p1v[PLAN_NFIELDS] = { "2026", "11", "视察", "视察农贸市场", "" };
	char *p2v[PLAN_NFIELDS] = { "2026", "12", "学习培训", "学习代表法", "" };
	char *p3v[PLAN_NFIELDS] = { "2027", "1", "调研", "调研养老", "" };
	int64_t p1 = 0, p2 = 0, p3 = 0;
	CHECK_INT(db_plans_insert(db, p1v, NULL, 0, &p1, &err), 0);
	CHECK_INT(db_plans_insert(db, p2v, NULL, 0, &p2, &err), 0);
	CHECK_INT(db_plans_insert(db, p3v, NULL, 0, &p3, &err), 0);
	struct plan_filter f = { .year = 2026 };
	int64_t n = 0, held = 0;

	/* An activity saved against an entry ticks it off with the activity's date. */
	int64_t x = add_activity("视察", "视察农贸市场", "2026-11-20", p1, "2026-11-23", &err);
	CHECK(x > 0);
	CHECK_INT(db_plans_count(db, &f, &n, &held, &err), 0);
	CHECK(n == 2 && held == 1);
	struct plan_info info;
	CHECK_INT(db_plans_get(db, p1, &info, &err), 0);
	CHECK_STR(info.held_date, "2026-11-20");
	db_plan_info_free(&info);
	CHECK_INT(q_int("SELECT activity_id FROM activity_plans WHERE id = 1"), x);
	char *s = page(&(struct activity_filter){ 0 });
	CHECK_STR(s, "2026-11-20/视察农贸市场/0/0/0/视察农贸市场");
	free(s);
	char **vals = NULL;
	int64_t plan = 0;
	CHECK_INT(db_activities_get(db, x, &vals, &plan, &err), 0);
	CHECK(plan == p1);
	record_free_values(&activity_def, vals);

	/* Refused, nothing written: an entry of another year, one already held as another activity. */
	long long audit = q_int("SELECT count(*) FROM audit_log");
	CHECK(add_activity("调研", "调研养老", "2026-11-21", p3, "2026-11-23", &err) < 0);
	CHECK_HAS(err, "计划「调研养老」是 2027 年的，活动日期是 2026 年");
	free(err);
	err = NULL;
	CHECK(add_activity("视察", "又一次视察", "2026-11-21", p1, "2026-11-23", &err) < 0);
	CHECK_HAS(err, "计划「视察农贸市场」已对应 2026-11-20 的另一次活动");
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	/* Each refusal names its field. */
	char *bad_plan[AV_NFIELDS] = { "调研", "调研养老", "2026-11-21", "", "", "", "", "", "" };
	int field = 0;
	int64_t id = 0;
	CHECK_INT(db_activities_insert(db, bad_plan, p3, "2026-11-23", &id, &field, &err), -1);
	CHECK_INT(field, ACTIVITY_PLAN_FIELD);
	free(err);
	err = NULL;
	CHECK_INT(db_activities_insert(db, bad_plan, 0, "2026-11-20", &id, &field, &err), -1);
	CHECK_INT(field, AV_DATE);
	free(err);
	err = NULL;
	CHECK_INT(db_activities_insert(db, bad_plan, 0, "2026-11-23", &id, &field, &err), 0);
	CHECK_INT(field, -1);
	CHECK_INT(db_activities_delete(db, id, &err), 0);

	/* The entries an activity may be ticked off against: not held, or held as itself. */
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	CHECK_INT(db_plans_open(db, 2026, x, open_cb, &sb, &err), 0);
	CHECK_STR(sb.buf, "视察农贸市场;学习代表法;调研养老");
	sb_free(&sb);
	sb_init(&sb);
	sb_add(&sb, "");
	CHECK_INT(db_plans_open(db, 2026, 0, open_cb, &sb, &err), 0);
	CHECK_STR(sb.buf, "学习代表法;调研养老");
	sb_free(&sb);

	/* Moving the activity to another entry unticks the first; its date follows the activity. */
	char *v[AV_NFIELDS] = { "学习培训", "学习代表法", "2026-11-22", "", "", "", "", "", "" };
	CHECK_INT(db_activities_update(db, x, v, p2, "2026-11-23", NULL, &err), 0);
	CHECK_INT(
		q_int("SELECT count(*) FROM activity_plans WHERE id = 1 AND held_date IS NULL AND activity_id IS NULL"),
		1);
	CHECK_INT(q_int("SELECT count(*) FROM activity_plans WHERE id = 2 AND held_date = '2026-11-22'"), 1);
	/* Taking the tick back in the plan drops the link; deleting the activity unticks its entry. */
	CHECK_INT(db_plans_set_held(db, p2, NULL, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM activity_plans WHERE activity_id IS NOT NULL"), 0);
	CHECK_INT(db_activities_update(db, x, v, p2, "2026-11-23", NULL, &err), 0);
	CHECK_INT(db_activities_delete(db, x, &err), 0);
	CHECK_INT(db_plans_count(db, &f, &n, &held, &err), 0);
	CHECK(n == 2 && held == 0);
	free(err);
	tdb_close();
}

TEST(t_receptions)
{
	tdb_open("actrecept");
	char *err = NULL;
	int64_t a = tdb_deputy("张三", NULL, "在任", "");
	CHECK_INT(db_exec(db,
			  "INSERT INTO reception_days (id, date) VALUES (1, '2026-03-15'), (2, '2026-04-15'),"
			  " (3, '2026-12-15'), (4, '2025-12-15');"
			  "INSERT INTO reception_days (id, date, status, cancel_reason) VALUES (5, '2026-05-15', "
			  "'已取消', '雨');"
			  "INSERT INTO reception_duty (reception_day_id, deputy_id) VALUES (1, 1), (2, 1), (3, 1), (4, "
			  "1), (5, 1);"
			  "INSERT INTO visits (id, date, channel, visitor_name, content) VALUES"
			  " (1, '2026-03-15', '接待日来访', '甲', '事'), (2, '2026-06-02', '日常来访', '乙', '事'),"
			  " (3, '2026-07-01', '电话', '丙', '事'), (4, '2026-08-01', '走访', '丁', '事');"
			  "INSERT INTO visit_deputies (visit_id, deputy_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1);",
			  &err),
		  0);
	/* 03-15 (duty and a visit: one day), 04-15, 06-02; not the cancelled day, the call, the
	 * 走访, last year, or 12-15 (after today). */
	int64_t n = -1;
	CHECK_INT(db_activities_receptions(db, a, 2026, "2026-11-23", &n, &err), 0);
	CHECK_INT(n, 3);
	CHECK_INT(db_activities_receptions(db, a, 2026, "2026-12-31", &n, &err), 0);
	CHECK_INT(n, 4);
	CHECK_INT(db_activities_receptions(db, a, 2025, "2026-11-23", &n, &err), 0);
	CHECK_INT(n, 1);
	free(err);
	tdb_close();
}

int main(void)
{
	RUN(t_rules);
	RUN(t_activities);
	RUN(t_quarter_counts);
	RUN(t_planned_vs_held);
	RUN(t_receptions);
	return t_done();
}
