/* 述职评议 (db/evaluations.h, eval_def in core/points.h): the three votes must add up to the
 * number evaluated (refused with a message saying by how much, nothing written, on insert and on
 * update); the satisfaction rate; the year, deputy and text filters; newest first; soft delete. */
#include "tdb.h"

#include "core/deputy.h"
#include "core/points.h"
#include "db/deputies.h"
#include "db/evaluations.h"

static int add(int64_t dep, const char *date, const char *n, const char *s, const char *b, const char *d, int64_t *id,
	       char **err)
{
	char *v[EV_NFIELDS] = { (char *)date, (char *)n, (char *)s, (char *)b, (char *)d, "" };
	return db_evaluations_insert(db, dep, v, id, err);
}

static int row_cb(void *ud, const struct eval_row *r)
{
	struct strbuf *sb = ud;
	sb_addf(sb, "%s%s/%s/%s", sb->len ? ";" : "", r->deputy, r->vals[EV_DATE], r->vals[EV_PARTICIPANTS]);
	return 0;
}

static char *page(const struct eval_filter *f)
{
	struct strbuf sb;
	char *err = NULL;
	sb_init(&sb);
	sb_add(&sb, "");
	CHECK_INT(db_evaluations_page(db, f, 0, -1, row_cb, &sb, &err), 0);
	free(err);
	return sb_take(&sb);
}

TEST(t_counts_add_up)
{
	CHECK(eval_check_counts(50, 40, 8, 2) == NULL);
	const char *m = eval_check_counts(50, 40, 8, 1);
	CHECK(m && strstr(m, "与参评人数 50 人不符") && strstr(m, "少 1 人"));
	m = eval_check_counts(50, 45, 8, 2);
	CHECK(m && strstr(m, "多 5 人"));
	char buf[EVAL_RATE_BYTES];
	CHECK_STR(eval_rate_text(50, 40, 8, buf), "96.0%");
	CHECK_STR(eval_rate_text(3, 1, 1, buf), "66.7%");
	CHECK_STR(eval_rate_text(0, 0, 0, buf), "-");
	/* the form's check puts the message at 不满意 */
	char *v[EV_NFIELDS] = { xstrdup("2026-12-01"), xstrdup("50"), xstrdup("40"), xstrdup("8"), xstrdup("1"), xstrdup("") };
	const char *msgs[EV_NFIELDS];
	CHECK_INT(record_check(&eval_def, v, "2026-12-01", msgs), 1);
	CHECK(msgs[EV_DISSATISFIED] && strstr(msgs[EV_DISSATISFIED], "不符"));
	for (int i = 0; i < EV_NFIELDS; i++)
		free(v[i]);
}

TEST(t_db)
{
	char *err = NULL;
	tdb_open("evals");
	int64_t a = tdb_deputy("张三", NULL, NULL, NULL), b = tdb_deputy("李四", NULL, NULL, NULL), id = 0, id2 = 0;
	CHECK_INT(add(a, "2026-12-01", "50", "40", "8", "2", &id, &err), 0);
	CHECK_INT(add(b, "2025-12-01", "30", "30", "0", "0", &id2, &err), 0);
	/* refusals write nothing */
	CHECK_INT(add(a, "2026-12-02", "50", "40", "8", "1", NULL, &err), -1);
	CHECK(err && strstr(err, "不符"));
	free(err);
	err = NULL;
	CHECK_INT(add(0, "2026-12-02", "50", "40", "8", "2", NULL, &err), -1);
	CHECK(err && strstr(err, "代表"));
	free(err);
	err = NULL;
	CHECK_INT(add(a, "2026-12-02", "0", "0", "0", "0", NULL, &err), -1);
	CHECK(err && strstr(err, "参评人数"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM evaluations"), 2);
	char *v[EV_NFIELDS] = { "2026-12-01", "50", "40", "9", "2", "" };
	CHECK_INT(db_evaluations_update(db, id, a, v, &err), -1);
	CHECK(err && strstr(err, "多 1 人"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT basically_satisfied FROM evaluations WHERE id = 1"), 8);
	v[EV_DISSATISFIED] = "1";
	v[EV_NOTE] = "在村委会述职";
	CHECK_INT(db_evaluations_update(db, id, a, v, &err), 0);
	CHECK_INT(q_int("SELECT basically_satisfied FROM evaluations WHERE id = 1"), 9);

	/* lists: newest first, by year, deputy and text */
	char *p = page(NULL);
	CHECK_STR(p, "张三/2026-12-01/50;李四/2025-12-01/30");
	free(p);
	p = page(&(struct eval_filter){ .year = 2025 });
	CHECK_STR(p, "李四/2025-12-01/30");
	free(p);
	p = page(&(struct eval_filter){ .deputy_id = a });
	CHECK_STR(p, "张三/2026-12-01/50");
	free(p);
	p = page(&(struct eval_filter){ .text = "村委" });
	CHECK_STR(p, "张三/2026-12-01/50");
	free(p);
	int64_t n = 0;
	CHECK_INT(db_evaluations_count(db, &(struct eval_filter){ .text = "李" }, &n, &err), 0);
	CHECK_INT(n, 1);

	char **got = NULL;
	int64_t dep = 0;
	char *name = NULL;
	CHECK_INT(db_evaluations_get(db, id, &got, &dep, &name, &err), 0);
	CHECK_INT(dep, a);
	CHECK_STR(name, "张三");
	free(name);
	if (got) {
		CHECK_STR(got[EV_NOTE], "在村委会述职");
		record_free_values(&eval_def, got);
	}
	CHECK_INT(db_evaluations_delete(db, id2, &err), 0);
	CHECK_INT(db_evaluations_count(db, NULL, &n, &err), 0);
	CHECK_INT(n, 1);
	free(err);
	tdb_close();
}

int main(void)
{
	RUN(t_counts_add_up);
	RUN(t_db);
	return t_done();
}
