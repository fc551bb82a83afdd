/* The summary's figures and the detail lists in SQL (summary.h). The case figures come from
 * db_cases_stats (docs/CASES.md), the five levels from db_points_levels_came, the reception days
 * held from db_reception_held_count: one definition each, shared with the home screen and the
 * registers. */
#include "db/summary.h"

#include "core/clock.h"
#include "core/util.h"
#include "db/activities.h"
#include "db/cases.h"
#include "db/internal.h"
#include "db/points.h"
#include "db/projects.h"
#include "db/reception.h"
#include "db/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 代表进站人次: each deputy on duty at a reception day that was not cancelled, and each deputy
 * present (出席) at an activity, once per day or activity (the same rows db_points_levels_came
 * counts deputies from). */
static const char summary_deputy_times_sql[] =
	"SELECT (SELECT count(*) FROM reception_days r JOIN reception_duty x ON x.reception_day_id = r.id"
	"  JOIN deputies d ON d.id = x.deputy_id AND d.deleted = 0"
	"  WHERE r.date BETWEEN ?1 AND ?2 AND r.deleted = 0 AND r.status = '正常')"
	" + (SELECT count(*) FROM activities a JOIN attendance x ON x.activity_id = a.id"
	"  JOIN deputies d ON d.id = x.deputy_id AND d.deleted = 0"
	"  WHERE a.date BETWEEN ?1 AND ?2 AND a.deleted = 0 AND x.status = '出席')";

/* One pass over the period's visits (index visits_date). */
static const char summary_visits_sql[] =
	"SELECT count(*) FILTER (WHERE channel <> '走访'), total(people) FILTER (WHERE channel <> '走访'),"
	" count(*) FILTER (WHERE channel = '走访'), total(people) FILTER (WHERE channel = '走访'),"
	" count(*) FILTER (WHERE handling = '不予受理'), count(*) FILTER (WHERE handling = '转为代表建议')"
	" FROM visits WHERE date BETWEEN ?1 AND ?2 AND deleted = 0";

/* 收集意见建议 by category: every visit of the period, and the cases received in the period that
 * did not come from a visit (raised by a deputy's survey or otherwise). */
static const char summary_categories_sql[] =
	"SELECT category, count(*) FROM visits WHERE date BETWEEN ?1 AND ?2 AND deleted = 0 GROUP BY category"
	" UNION ALL SELECT category, count(*) FROM cases WHERE received_date BETWEEN ?1 AND ?2 AND deleted = 0"
	" AND +visit_id IS NULL GROUP BY category"; /* + : the date index, not cases_visit's NULLs */

/* The date an event counts on (events recorded before 0003 have only at). */
#define EV_DATE "coalesce(e.date, substr(e.at, 1, 10))"
/* 期末超期: the cases that, by their timeline, were 办理中 at the end of ?2 with the 办理时限 then
 * in force earlier than ?2. Only cases that can have been handling then are looked at: those
 * being handled or returned now (受理 after 退回), and those answered after ?2 that were assigned
 * by ?2 — each an index range (cases_status_due; cases_reply_date, which holds assigned_date, so
 * an old quarter does not look up every case answered since); their events through
 * case_events_case. Left out: a case returned, assigned again and answered, all after ?2 (its
 * assigned_date is then the later one). */
static const char summary_overdue_sql[] =
	"SELECT count(*) FROM cases c WHERE c.deleted = 0"
	" AND c.id IN (SELECT id FROM cases WHERE status IN ('受理', '办理中')"
	"  UNION SELECT id FROM cases WHERE reply_date > ?2 AND assigned_date <= ?2)"
	" AND (SELECT e.status_after FROM case_events e WHERE e.case_id = c.id AND " EV_DATE " <= ?2"
	"  ORDER BY " EV_DATE " DESC, e.at DESC, e.id DESC LIMIT 1) = '办理中'"
	" AND (SELECT e.due_date FROM case_events e WHERE e.case_id = c.id AND e.due_date IS NOT NULL"
	"  AND " EV_DATE " <= ?2 ORDER BY " EV_DATE " DESC, e.at DESC, e.id DESC LIMIT 1) < ?2";

/* 代表建议: raised (date), answered (reply_date) with their results, closed (closed_date). One pass
 * over the suggestions (a few hundred a year; reply_date and closed_date have no index). */
static const char summary_suggestions_sql[] = "SELECT count(*) FILTER (WHERE date BETWEEN ?1 AND ?2),"
					      " count(*) FILTER (WHERE reply_date BETWEEN ?1 AND ?2),"
					      " count(*) FILTER (WHERE reply_date BETWEEN ?1 AND ?2 AND result = 'A'),"
					      " count(*) FILTER (WHERE reply_date BETWEEN ?1 AND ?2 AND result = 'B'),"
					      " count(*) FILTER (WHERE reply_date BETWEEN ?1 AND ?2 AND result = 'C'),"
					      " count(*) FILTER (WHERE reply_date BETWEEN ?1 AND ?2 AND result = 'D'),"
					      " count(*) FILTER (WHERE closed_date BETWEEN ?1 AND ?2)"
					      " FROM suggestions WHERE deleted = 0";

static const char summary_activities_sql[] =
	"SELECT type, count(*) FROM activities WHERE date BETWEEN ?1 AND ?2 AND deleted = 0 GROUP BY type";

/* The summary's own statements, for db_summary_plan. */
static const char *const summary_sqls[] = {
	summary_deputy_times_sql, summary_visits_sql,      summary_categories_sql,
	summary_overdue_sql,      summary_suggestions_sql, summary_activities_sql,
};

static int summary_prepare(struct db *db, const char *sql, const char *from, const char *to, sqlite3_stmt **st,
			   char **err)
{
	if (db_prepare(db, sql, st, err) < 0)
		return -1;
	sqlite3_bind_text(*st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 2, to, -1, SQLITE_TRANSIENT);
	return 0;
}

/* Step a one-row statement; its columns into n[cols[i]]. Finalizes st. */
static int summary_one_row(struct db *db, sqlite3_stmt *st, struct summary *s, const int *cols, int ncols, char **err)
{
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		for (int i = 0; i < ncols; i++)
			s->n[cols[i]] = sqlite3_column_int64(st, i);
	int rc = src == SQLITE_ROW ? 0 : db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* Rows (label, count) added to n[colfn(label)] (an unknown label to none, colfn -1). */
static int summary_grouped(struct db *db, sqlite3_stmt *st, struct summary *s, int (*colfn)(const char *), char **err)
{
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *label = (const char *)sqlite3_column_text(st, 0);
		int c = colfn(label);
		if (c >= 0)
			s->n[c] += sqlite3_column_int64(st, 1);
	}
	int rc = src == SQLITE_DONE ? 0 : db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

static int summary_cases(struct db *db, struct summary *s, const char *from, const char *to, char **err)
{
	struct case_stats cs;
	if (db_cases_stats(db, from, to, &cs, err) < 0)
		return -1;
	s->n[SUM_SPOT] = cs.spot;
	s->n[SUM_ASSIGNED] = cs.assigned;
	s->n[SUM_REPLIED] = cs.replied;
	s->n[SUM_CLOSED] = cs.closed;
	s->n[SUM_ON_TIME] = cs.closed_on_time;
	s->n[SUM_FOLLOWED] = cs.followed_up;
	s->n[SUM_SATISFIED] = cs.satisfied;
	return 0;
}

/* Activities per whole quarter inside the period, for 季度活动达标. */
static int summary_quarters(struct db *db, struct summary *s, const char *from, const char *to, char **err)
{
	char starts[8][11];
	int nq = summary_whole_quarters(from, to, starts, 8);
	s->n[SUM_QUARTERS] = nq;
	for (int i = 0; i < nq && i < 8; i++) {
		char last[24];
		int m = atoi(starts[i] + 5) + 2;
		snprintf(last, sizeof last, "%.4s-%02d-%s", starts[i], m, m == 3 || m == 12 ? "31" : "30");
		if (db_activities_count_between(db, starts[i], last, NULL, &s->quarter_acts[i], err) < 0)
			return -1;
	}
	return 0;
}

/* 五环五时: each ring's 到期 (on time + late + overdue as at the period's end: the rate's
 * denominator; 未到期 left out) and 按时, from db_cases_rings (docs/CASES.md). */
static int summary_rings(struct db *db, struct summary *s, const struct summary_opts *o, char **err)
{
	struct case_rings cr;
	if (db_cases_rings(db, o->cal, &o->lim, s->text[SUM_FROM], s->text[SUM_TO], NULL, &cr, err) < 0)
		return -1;
	for (int r = 0; r < RING_COUNT; r++) {
		const struct case_ring_figures *f = &cr.ring[r];
		s->n[SUM_RING_FIRST + r * SUM_RING_NCOLS + SUM_RING_DUE] = f->on_time + f->late + f->overdue;
		s->n[SUM_RING_FIRST + r * SUM_RING_NCOLS + SUM_RING_ON_TIME] = f->on_time;
	}
	return 0;
}

/* 民生实事项目 (docs/PROJECTS.md): db_projects_counts, the figures the ledger shows too. */
static int summary_projects(struct db *db, struct summary *s, char **err)
{
	struct project_counts pc;
	if (db_projects_counts(db, s->text[SUM_FROM], s->text[SUM_TO], &pc, err) < 0)
		return -1;
	s->n[SUM_PJ_PROPOSED] = pc.proposed;
	s->n[SUM_PJ_VOTED] = pc.voted;
	s->n[SUM_PJ_PASSED] = pc.passed;
	s->n[SUM_PJ_DONE] = pc.completed;
	s->n[SUM_PJ_JOINED] = pc.eval_joined;
	s->n[SUM_PJ_SATISFIED] = pc.eval_satisfied + pc.eval_basic;
	return 0;
}

int db_summary(struct db *db, struct summary *s, const struct summary_opts *o, char **err)
{
	const char *from = s->text[SUM_FROM], *to = s->text[SUM_TO];
	sqlite3_stmt *st = NULL;
	int64_t levels[5];
	static const int visit_cols[] = { SUM_VISITS,      SUM_VISIT_PEOPLE, SUM_WALKS,
					  SUM_WALK_PEOPLE, SUM_REJECTED,     SUM_TO_SUGGESTION };
	static const int sug_cols[] = { SUM_SUG_RAISED, SUM_SUG_REPLIED, SUM_SUG_A,     SUM_SUG_A + 1,
					SUM_SUG_A + 2,  SUM_SUG_A + 3,   SUM_SUG_CLOSED };
	static const int times_col[] = { SUM_DEPUTY_TIMES }, overdue_col[] = { SUM_OVERDUE_END };
	s->min_per_quarter = o->min_per_quarter;
	if (db_reception_held_count(db, from, to, &s->n[SUM_RECEPTION_DAYS], err) < 0 ||
	    db_points_levels_came(db, from, to, levels, err) < 0)
		return -1;
	for (int i = 0; i < 5; i++)
		s->n[SUM_LEVEL_FIRST + i] = levels[i];
	if (summary_prepare(db, summary_deputy_times_sql, from, to, &st, err) < 0 ||
	    summary_one_row(db, st, s, times_col, 1, err) < 0)
		return -1;
	if (summary_prepare(db, summary_visits_sql, from, to, &st, err) < 0 ||
	    summary_one_row(db, st, s, visit_cols, (int)ARRAY_LEN(visit_cols), err) < 0)
		return -1;
	if (summary_prepare(db, summary_categories_sql, from, to, &st, err) < 0 ||
	    summary_grouped(db, st, s, summary_category_col, err) < 0)
		return -1;
	for (int c = SUM_CAT_FIRST; c <= SUM_CAT_NONE; c++)
		s->n[SUM_OPINIONS] += s->n[c];
	if (summary_cases(db, s, from, to, err) < 0)
		return -1;
	/* 期末超期 as at the period's last day, or today while that day has not come. */
	char today[11];
	clock_today(today);
	if (summary_prepare(db, summary_overdue_sql, from, strcmp(to, today) > 0 ? today : to, &st, err) < 0 ||
	    summary_one_row(db, st, s, overdue_col, 1, err) < 0)
		return -1;
	if (summary_prepare(db, summary_suggestions_sql, from, to, &st, err) < 0 ||
	    summary_one_row(db, st, s, sug_cols, (int)ARRAY_LEN(sug_cols), err) < 0)
		return -1;
	if (summary_prepare(db, summary_activities_sql, from, to, &st, err) < 0 ||
	    summary_grouped(db, st, s, summary_activity_col, err) < 0)
		return -1;
	for (int c = SUM_ACT_FIRST; c <= SUM_ACT_LAST; c++)
		s->n[SUM_ACTIVITIES] += s->n[c];
	s->n[SUM_ACTIVITIES] += s->n[SUM_ACT_INSPECT];
	if (summary_quarters(db, s, from, to, err) < 0 || summary_rings(db, s, o, err) < 0 ||
	    summary_projects(db, s, err) < 0)
		return -1;
	summary_finish(s);
	return 0;
}

int db_summary_plan(struct db *db, const char *from, const char *to, char **plan, char **err)
{
	struct strbuf sb;
	sb_init(&sb);
	*plan = NULL;
	for (size_t i = 0; i < ARRAY_LEN(summary_sqls); i++) {
		sqlite3_stmt *st = NULL;
		char *one = NULL, *sql = xasprintf("EXPLAIN QUERY PLAN %s", summary_sqls[i]);
		int rc = summary_prepare(db, sql, from, to, &st, err);
		free(sql);
		if (rc < 0 || db_plan_finish(db, st, &one, err) < 0) {
			sb_free(&sb);
			return -1;
		}
		sb_addf(&sb, "%s\n", one);
		free(one);
	}
	*plan = sb_take(&sb);
	return 0;
}

/* ---- detail lists ---- */

/* The SELECTs, columns in detail_defs order. */
static const char *const details_sql[DETAIL_COUNT] = {
	[DETAIL_VISITS] =
		"SELECT v.uid, v.date, v.channel, v.visitor_name, v.visitor_gender, v.visitor_phone, v.visitor_address,"
		" v.people, v.category, v.content, v.handling, coalesce(v.reply, v.handling_reason), v.satisfaction,"
		" (SELECT case_no FROM cases WHERE id = v.case_id),"
		" (SELECT group_concat(d.name, '、') FROM visit_deputies x JOIN deputies d ON d.id = x.deputy_id"
		"  WHERE x.visit_id = v.id)"
		" FROM visits v WHERE v.date BETWEEN ?1 AND ?2 AND v.deleted = 0 ORDER BY v.date, v.id",
	[DETAIL_CASES] = "SELECT c.uid, c.case_no, c.received_date, c.source, c.category, c.summary, c.contact_name,"
			 " c.contact_phone, c.status, u.name, c.assigned_date, c.due_date, c.reply_date, c.result,"
			 " c.followup_date, c.satisfaction, c.closed_date, c.extensions, c.redo_count"
			 " FROM cases c LEFT JOIN units u ON u.id = c.unit_id"
			 " WHERE c.received_date BETWEEN ?1 AND ?2 AND c.deleted = 0 ORDER BY c.received_date, c.id",
	[DETAIL_SUGGESTIONS] =
		"SELECT s.uid, s.suggestion_no, s.date, s.title, s.category, d.name, u.name, s.status, s.due_date,"
		" s.reply_date, s.result, s.satisfaction, s.closed_date"
		" FROM suggestions s LEFT JOIN deputies d ON d.id = s.lead_deputy_id LEFT JOIN units u ON u.id = "
		"s.unit_id"
		" WHERE s.date BETWEEN ?1 AND ?2 AND s.deleted = 0 ORDER BY s.date, s.id",
	[DETAIL_ACTIVITIES] =
		"SELECT a.uid, a.date, a.type, a.topic, a.place, a.organizer,"
		" (SELECT count(*) FROM attendance x WHERE x.activity_id = a.id AND x.status = '出席'), a.suggestions"
		" FROM activities a WHERE a.date BETWEEN ?1 AND ?2 AND a.deleted = 0 ORDER BY a.date, a.id",
};

static const char *const details_count_sql[DETAIL_COUNT] = {
	[DETAIL_VISITS] = "SELECT count(*) FROM visits WHERE date BETWEEN ?1 AND ?2 AND deleted = 0",
	[DETAIL_CASES] = "SELECT count(*) FROM cases WHERE received_date BETWEEN ?1 AND ?2 AND deleted = 0",
	[DETAIL_SUGGESTIONS] = "SELECT count(*) FROM suggestions WHERE date BETWEEN ?1 AND ?2 AND deleted = 0",
	[DETAIL_ACTIVITIES] = "SELECT count(*) FROM activities WHERE date BETWEEN ?1 AND ?2 AND deleted = 0",
};

const char *db_summary_details_sql(int kind) { return details_sql[kind]; }

int db_summary_details_count(struct db *db, int kind, const char *from, const char *to, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	*n = 0;
	if (summary_prepare(db, details_count_sql[kind], from, to, &st, err) < 0)
		return -1;
	return db_count_finish(db, st, NULL, n, err);
}

int db_summary_details(struct db *db, int kind, const char *from, const char *to, detail_row_cb cb, void *ud,
		       char **err)
{
	sqlite3_stmt *st = NULL;
	int ncols = detail_defs[kind].ncols, src, rc = -1;
	const char **cells = xcalloc((size_t)ncols, sizeof *cells);
	if (summary_prepare(db, details_sql[kind], from, to, &st, err) < 0)
		goto out;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < ncols; i++)
			cells[i] = db_column_text(st, i);
		if (cb(ud, cells))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(cells);
	return rc;
}
