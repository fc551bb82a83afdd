/* visit_days and case_days (schema 0021): the lists' totals without a typed filter are sums of
 * per-day counts kept by triggers. After every change of a random sequence — visits and cases
 * added, dates moved, people changed, cases closed and reopened, deleted and restored, deleted
 * for good — the counts equal the records, station check finds nothing, and the list counts
 * for several periods equal a count of the records. A count bypassed (a trigger gone) is named
 * by station check. */
#include "tdb.h"

#include "db/cases.h"
#include "db/visits.h"

#include <stdarg.h>
#include <string.h>


static int nfound;
static char *first_finding;
/* Only the findings about counts: a test writing with SQL also leaves the audit chain unsealed. */
static void on_finding(void *ud, const char *f)
{
	(void)ud;
	if (!strstr(f, "计数"))
		return;
	if (!nfound++)
		first_finding = xstrdup(f);
}

static int check_findings(void)
{
	char *err = NULL;
	nfound = 0;
	free(first_finding);
	first_finding = NULL;
	if (db_check(db, on_finding, NULL, &err) < 0) {
		fprintf(stderr, "  db_check: %s\n", err);
		t_failed_checks++;
	}
	free(err);
	return nfound;
}

static const char *const periods[][2] = {
	{ NULL, NULL }, { "2026-01-01", "2026-03-31" }, { "2025-12-31", "2025-12-31" }, { "2026-06-01", NULL },
	{ NULL, "2026-01-01" },
};

/* The list counts of every period against counts of the records themselves. */
static int counts_differ(void)
{
	int bad = 0;
	for (size_t i = 0; i < ARRAY_LEN(periods); i++) {
		const char *from = periods[i][0], *to = periods[i][1];
		int64_t v = -1, p = -1, c = -1, k = -1;
		char *err = NULL;
		struct visit_filter vf = { .date_from = from, .date_to = to };
		struct case_filter cf = { .date_from = from, .date_to = to };
		if (db_visits_count(db, &vf, &v, &p, &err) < 0 || db_cases_counts(db, &cf, &c, &k, &err) < 0) {
			fprintf(stderr, "  count: %s\n", err);
			bad++;
		}
		free(err);
		char *w = xasprintf("deleted = 0 AND ('%s' = '' OR %%s >= '%s') AND ('%s' = '' OR %%s <= '%s')",
				    from ? from : "", from ? from : "", to ? to : "", to ? to : "");
		char *wv = xasprintf(w, "date", "date"), *wc = xasprintf(w, "received_date", "received_date");
		char *q1 = xasprintf("SELECT count(*) FROM visits WHERE %s", wv);
		char *q2 = xasprintf("SELECT coalesce(sum(people), 0) FROM visits WHERE %s", wv);
		char *q3 = xasprintf("SELECT count(*) FROM cases WHERE %s", wc);
		char *q4 = xasprintf("SELECT count(*) FROM cases WHERE status = '办结' AND %s", wc);
		bad += v != q_int(q1) || p != q_int(q2) || c != q_int(q3) || k != q_int(q4);
		free(w), free(wv), free(wc), free(q1), free(q2), free(q3), free(q4);
	}
	/* a month of visits */
	int64_t v = -1, p = -1;
	struct visit_filter mf = { .month = "2026-01" };
	if (db_visits_count(db, &mf, &v, &p, NULL) < 0)
		bad++;
	bad += v != q_int("SELECT count(*) FROM visits WHERE deleted = 0 AND date LIKE '2026-01-%'");
	return bad;
}

TEST(t_day_counts_follow_records)
{
	tdb_open("daycounts");
	static const char *const dates[] = { "2025-12-31", "2026-01-01", "2026-01-31", "2026-06-15", "2027-01-02" };
	static const char *const states[] = { "受理", "办理中", "已答复", "办结" };
	unsigned seed = 4242;
	int nvis = 0, ncase = 0, bad = 0, checked = 0;
	for (int step = 0; step < 300; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 8) % 10, a = (seed >> 12) % 5, b = (seed >> 16) % 4;
		int vid = nvis ? (int)((seed >> 20) % (unsigned)nvis) + 1 : 0;
		int cid = ncase ? (int)((seed >> 20) % (unsigned)ncase) + 1 : 0;
		if (r == 0 || !nvis) {
			exec("INSERT INTO visits (date, channel, visitor_name, content, people) VALUES"
			     " ('%s', '日常来访', '王大妈', '路灯坏了', %u)", dates[a], 1 + b);
			nvis++;
		} else if (r == 1)
			exec("UPDATE visits SET date = '%s' WHERE id = %d", dates[a], vid);
		else if (r == 2)
			exec("UPDATE visits SET people = %u WHERE id = %d", 1 + a, vid);
		else if (r == 3)
			exec("UPDATE visits SET deleted = 1 - deleted WHERE id = %d", vid);
		else if (r == 4)
			exec("DELETE FROM visits WHERE id = %d", vid);
		else if (r == 5 || !ncase) {
			ncase++;
			exec("INSERT INTO cases (case_no, summary, content, received_date, status) VALUES"
			     " ('旧%04d', '摘要', '内容', '%s', '%s')", ncase, dates[a], states[b]);
		} else if (r == 6)
			exec("UPDATE cases SET received_date = '%s' WHERE id = %d", dates[a], cid);
		else if (r == 7)
			exec("UPDATE cases SET status = '%s' WHERE id = %d", states[b], cid);
		else if (r == 8)
			exec("UPDATE cases SET deleted = 1 - deleted WHERE id = %d", cid);
		else
			exec("DELETE FROM cases WHERE id = %d", cid);
		if (counts_differ() && !bad++)
			fprintf(stderr, "  counts differ after step %d (kind %u)\n", step, r);
		if (step % 25 == 0) {
			checked++;
			if (check_findings())
				fprintf(stderr, "  step %d: %s\n", step, first_finding), bad++;
		}
	}
	CHECK_INT(bad, 0);
	CHECK(checked >= 10);
	/* the sequence reached every kind of row */
	CHECK(q_int("SELECT count(*) FROM visits WHERE deleted = 1") >= 1);
	CHECK(q_int("SELECT count(*) FROM cases WHERE deleted = 1") >= 1);
	CHECK(q_int("SELECT count(*) FROM cases WHERE status = '办结' AND deleted = 0") >= 1);
	CHECK(q_int("SELECT count(*) FROM visit_days WHERE visits > 0") >= 3);

	/* A write that bypassed the count (its trigger dropped) is named by station check. */
	CHECK_INT(check_findings(), 0);
	exec("DROP TRIGGER visit_days_ins");
	exec("INSERT INTO visits (date, channel, visitor_name, content) VALUES ('2026-01-01', '电话', '某', '某事')");
	CHECK(check_findings() >= 1);
	CHECK(first_finding && strstr(first_finding, "每天来访计数里 2026-01-01"));
	exec("DROP TRIGGER case_days_upd");
	exec("UPDATE cases SET status = '办结' WHERE status <> '办结' AND deleted = 0");
	CHECK(check_findings() >= 2);
	free(first_finding);
	first_finding = NULL;
	tdb_close();
}

int main(void)
{
	RUN(t_day_counts_follow_records);
	return t_done();
}
