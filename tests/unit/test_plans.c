/* 年度活动计划 in the db (db/plans.h): entries with deputies linked in order, planned vs held
 * counts for a year, the tick and its removal, the year and text filters, month order, soft
 * delete, refusals (a deputy twice, a bad month) that write nothing. */
#include "tdb.h"

#include "core/activity.h"
#include "core/deputy.h"
#include "db/deputies.h"
#include "db/plans.h"

static int64_t add_plan(const char *year, const char *month, const char *type, const char *theme,
			const int64_t *deps, int n, char **err)
{
	char *v[PLAN_NFIELDS] = { (char *)year, (char *)month, (char *)type, (char *)theme, "" };
	int64_t id = 0;
	return db_plans_insert(db, v, deps, n, &id, err) < 0 ? -1 : id;
}

struct names {
	struct strbuf sb;
};

static int row_cb(void *ud, const struct plan_row *r)
{
	struct names *x = ud;
	sb_addf(&x->sb, "%s%s/%s/%s", x->sb.len ? ";" : "", r->vals[PLAN_MONTH], r->vals[PLAN_THEME],
		*r->held_date ? r->held_date : "-");
	return 0;
}

static char *page(const struct plan_filter *f)
{
	struct names x;
	char *err = NULL;
	sb_init(&x.sb);
	sb_add(&x.sb, "");
	CHECK_INT(db_plans_page(db, f, 0, -1, row_cb, &x, &err), 0);
	free(err);
	return sb_take(&x.sb);
}

TEST(t_plans)
{
	tdb_open("plans");
	char *err = NULL;
	int64_t a = tdb_deputy("张三", NULL, NULL, NULL), b = tdb_deputy("李四", NULL, NULL, NULL);
	int64_t deps[] = { b, a };
	int64_t p1 = add_plan("2026", "11", "视察", "视察农贸市场", deps, 2, &err);
	int64_t p2 = add_plan("2026", "3", "学习培训", "学习代表法", NULL, 0, &err);
	int64_t p3 = add_plan("2027", "1", "调研", "调研养老服务", NULL, 0, &err);
	CHECK(p1 > 0 && p2 > 0 && p3 > 0);

	struct plan_info info;
	CHECK_INT(db_plans_get(db, p1, &info, &err), 0);
	CHECK_INT(info.ndeputies, 2);
	if (info.ndeputies == 2)
		CHECK(info.deputy_ids[0] == b && info.deputy_ids[1] == a);
	CHECK_STR(info.deputies, "李四、张三");
	CHECK_STR(info.held_date, "");
	db_plan_info_free(&info);

	/* Month order within a year; the year filter; the text filter (theme or exact type). */
	struct plan_filter f = { .year = 2026 };
	char *s = page(&f);
	CHECK_STR(s, "3/学习代表法/-;11/视察农贸市场/-");
	free(s);
	f.text = "视察";
	s = page(&f);
	CHECK_STR(s, "11/视察农贸市场/-");
	free(s);
	f = (struct plan_filter){ .text = "调研" };
	s = page(&f);
	CHECK_STR(s, "1/调研养老服务/-");
	free(s);

	/* Planned vs held. */
	int64_t n = 0, held = 0;
	f = (struct plan_filter){ .year = 2026 };
	CHECK_INT(db_plans_count(db, &f, &n, &held, &err), 0);
	CHECK(n == 2 && held == 0);
	CHECK_INT(db_plans_set_held(db, p1, "2026-11-20", &err), 0);
	CHECK_INT(db_plans_count(db, &f, &n, &held, &err), 0);
	CHECK(n == 2 && held == 1);
	s = page(&f);
	CHECK_STR(s, "3/学习代表法/-;11/视察农贸市场/2026-11-20");
	free(s);
	CHECK_INT(db_plans_set_held(db, p1, NULL, &err), 0);
	CHECK_INT(db_plans_count(db, &f, &n, &held, &err), 0);
	CHECK_INT(held, 0);

	/* Update replaces the deputies; refusals write nothing. */
	char *v[PLAN_NFIELDS] = { "2026", "12", "视察", "视察农贸市场（改期）", "" };
	int64_t one[] = { a };
	CHECK_INT(db_plans_update(db, p1, v, one, 1, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM activity_plan_deputies WHERE plan_id = 1"), 1);
	long long audit = q_int("SELECT count(*) FROM audit_log");
	int64_t twice[] = { a, a };
	CHECK_INT(db_plans_update(db, p1, v, twice, 2, &err), -1);
	CHECK(err && strstr(err, "选了两次"));
	free(err);
	err = NULL;
	CHECK(add_plan("2026", "13", "视察", "月份不对", NULL, 0, &err) < 0);
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);

	/* Soft delete: gone from lists and counts, the row kept. */
	CHECK_INT(db_plans_delete(db, p2, &err), 0);
	CHECK_INT(db_plans_count(db, &f, &n, &held, &err), 0);
	CHECK_INT(n, 1);
	CHECK_INT(q_int("SELECT count(*) FROM activity_plans"), 3);
	CHECK(db_plans_set_held(db, p2, "2026-03-01", &err) < 0);
	free(err);
	tdb_close();
}

int main(void)
{
	RUN(t_plans);
	return t_done();
}
