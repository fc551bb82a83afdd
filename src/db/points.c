/* 履职积分 and yearly figures in SQL (see points.h). */
#include "db/points.h"

#include "db/internal.h"

#include "core/activity.h"
#include "core/deputy.h"
#include "core/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Index of an activity type, or -1. */
static int type_index(const char *type)
{
	for (int i = 0; activity_types[i] && i < POINTS_TYPES_MAX; i++)
		if (!strcmp(activity_types[i], type))
			return i;
	return -1;
}

int64_t points_figures_attended(const struct points_figures *f)
{
	int64_t n = 0;
	for (int i = 0; i < POINTS_TYPES_MAX; i++)
		n += f->act[i][ATT_PRESENT];
	return n;
}

void points_figures_counts(const struct points_figures *f, const struct points_rules *rules, int64_t *counts)
{
	for (int i = 0; i < rules->n; i++) {
		const char *item = rules->v[i].item;
		int t;
		counts[i] = !strcmp(item, POINTS_RECEPTION) ? f->received
			: !strcmp(item, POINTS_WALK)        ? f->walks
			: !strcmp(item, POINTS_LEAD)        ? f->led
			: !strcmp(item, POINTS_SECOND)      ? f->seconded
			: !strcmp(item, POINTS_REPORT)      ? f->evals
			: !strcmp(item, POINTS_PROJECT)     ? f->projects_passed
			: str_starts(item, POINTS_ACTIVITY) && (t = type_index(item + strlen(POINTS_ACTIVITY))) >= 0
			? f->act[t][ATT_PRESENT]
			: 0;
	}
}

bool points_figures_empty(const struct points_figures *f)
{
	int64_t any = f->duty_days | f->received | f->walks | f->led | f->seconded | f->cases | f->evals | f->adjusted |
		f->projects | f->projects_passed;
	for (int i = 0; i < POINTS_TYPES_MAX; i++)
		for (int a = 0; a < ATT_COUNT; a++)
			any |= f->act[i][a];
	return any == 0;
}

/* ---- the figures: one GROUP BY query per table ---- */

/* The figures being filled: sorted by deputy id. */
struct figs {
	struct points_figures *v;
	int n;
};

static struct points_figures *figs_find(struct figs *fs, int64_t id)
{
	int lo = 0, hi = fs->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (fs->v[mid].deputy_id == id)
			return &fs->v[mid];
		if (fs->v[mid].deputy_id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* Column 0 of every query is the deputy id; the rest go to the figures by the handler. */
typedef void (*fig_row)(struct points_figures *f, sqlite3_stmt *st);

static void row_duty(struct points_figures *f, sqlite3_stmt *st) { f->duty_days += sqlite3_column_int64(st, 1); }

static void row_visits(struct points_figures *f, sqlite3_stmt *st)
{
	bool walk = sqlite3_column_int(st, 1);
	*(walk ? &f->walks : &f->received) += sqlite3_column_int64(st, 2);
	*(walk ? &f->walk_people : &f->received_people) += sqlite3_column_int64(st, 3);
}

/* Cases: n, closed, 满意, 基本满意, 不满意 from column 1. */
static void row_cases(struct points_figures *f, sqlite3_stmt *st)
{
	f->cases += sqlite3_column_int64(st, 1);
	f->cases_closed += sqlite3_column_int64(st, 2);
	for (int i = 0; i < SAT_COUNT; i++)
		f->case_sat[i] += sqlite3_column_int64(st, 3 + i);
}

static void row_attendance(struct points_figures *f, sqlite3_stmt *st)
{
	int t = type_index(db_column_text(st, 1));
	const char *s = db_column_text(st, 2);
	int a = !strcmp(s, "出席") ? ATT_PRESENT : !strcmp(s, "请假") ? ATT_LEAVE : ATT_ABSENT;
	if (t >= 0)
		f->act[t][a] += sqlite3_column_int64(st, 3);
}

static void row_led(struct points_figures *f, sqlite3_stmt *st) { f->led += sqlite3_column_int64(st, 1); }
static void row_seconded(struct points_figures *f, sqlite3_stmt *st) { f->seconded += sqlite3_column_int64(st, 1); }

static void row_evals(struct points_figures *f, sqlite3_stmt *st)
{
	f->evals += sqlite3_column_int64(st, 1);
	f->eval_people += sqlite3_column_int64(st, 2);
	for (int i = 0; i < SAT_COUNT; i++)
		f->eval_votes[i] += sqlite3_column_int64(st, 3 + i);
}

/* Projects: proposed (征集日期 in the year; 0 unless full), passed at a session of the year. */
static void row_projects(struct points_figures *f, sqlite3_stmt *st)
{
	f->projects += sqlite3_column_int64(st, 1);
	f->projects_passed += sqlite3_column_int64(st, 2);
}

static void row_adjusted(struct points_figures *f, sqlite3_stmt *st)
{
	f->adjusted += (int)llround(sqlite3_column_double(st, 1) * 10);
}

/* The queries: ?1 and ?2 the first and last day of the year, ?3 the year; %s is replaced by
 * the deputy condition (" AND <col> = ?4") or nothing. Each is one pass over the year's rows
 * of its table, found by a date index (or, for one deputy, by the deputy's index). Visits come
 * from deputy_visit_years, the counts per deputy and year that triggers keep (schema 0012): the
 * join of a year's visits with their deputies was most of the ranking's time. Sign-ins have no
 * GROUP BY: each row counts 1 and is summed here, which is cheaper than SQLite sorting 100,000
 * rows into groups (docs/BENCHMARKS.md). full: only for the register and the file (not needed
 * for points). */
static const struct fig_query {
	const char *sql;
	const char *deputy_col; /* the column the deputy condition applies to */
	fig_row row;
	bool full;
} fig_queries[] = {
	{ "SELECT x.deputy_id, count(*) FROM reception_days r JOIN reception_duty x ON x.reception_day_id = r.id"
	  " WHERE r.date BETWEEN ?1 AND ?2 AND r.deleted = 0 AND r.status = '正常'%s GROUP BY x.deputy_id",
	  "x.deputy_id", row_duty, true },
	{ "SELECT deputy_id, walk, visits, people FROM deputy_visit_years WHERE year = ?3%s", "deputy_id", row_visits,
	  false },
	{ "SELECT x.deputy_id, count(*), sum(c.status = '办结'), sum(c.satisfaction = '满意'),"
	  " sum(c.satisfaction = '基本满意'), sum(c.satisfaction = '不满意') FROM visits v"
	  " JOIN visit_deputies x ON x.visit_id = v.id JOIN cases c ON c.id = v.case_id"
	  " WHERE v.date BETWEEN ?1 AND ?2 AND v.deleted = 0 AND v.case_id IS NOT NULL AND c.deleted = 0%s"
	  " GROUP BY 1",
	  "x.deputy_id", row_cases, true },
	{ "SELECT c.deputy_id, count(*), sum(c.status = '办结'), sum(c.satisfaction = '满意'),"
	  " sum(c.satisfaction = '基本满意'), sum(c.satisfaction = '不满意') FROM cases c"
	  " WHERE c.deputy_id IS NOT NULL AND +c.received_date BETWEEN ?1 AND ?2 AND c.deleted = 0"
	  " AND NOT EXISTS (SELECT 1 FROM visit_deputies y WHERE y.visit_id = c.visit_id"
	  "  AND y.deputy_id = c.deputy_id)%s GROUP BY 1",
	  "c.deputy_id", row_cases, true },
	{ "SELECT x.deputy_id, a.type, x.status, 1 FROM activities a JOIN attendance x ON x.activity_id = a.id"
	  " WHERE a.date BETWEEN ?1 AND ?2 AND a.deleted = 0%s",
	  "x.deputy_id", row_attendance, false },
	{ "SELECT s.lead_deputy_id, count(*) FROM suggestions s"
	  " WHERE s.date BETWEEN ?1 AND ?2 AND s.deleted = 0 AND s.lead_deputy_id IS NOT NULL%s GROUP BY 1",
	  "s.lead_deputy_id", row_led, false },
	{ "SELECT x.deputy_id, count(*) FROM suggestions s JOIN suggestion_deputies x ON x.suggestion_id = s.id"
	  " WHERE s.date BETWEEN ?1 AND ?2 AND s.deleted = 0%s GROUP BY 1",
	  "x.deputy_id", row_seconded, false },
	{ "SELECT e.deputy_id, count(*), sum(e.participants), sum(e.satisfied), sum(e.basically_satisfied),"
	  " sum(e.dissatisfied) FROM evaluations e WHERE e.date BETWEEN ?1 AND ?2 AND e.deleted = 0%s GROUP BY 1",
	  "e.deputy_id", row_evals, false },
	/* 民生实事项目: passed = decided by a session of the year (vote_date) and not 未通过; the
	 * few projects of a station are read whole (no date index needed). ?5: count the proposed */
	{ "SELECT p.proposer_deputy_id, sum(?5 AND p.date BETWEEN ?1 AND ?2),"
	  " sum(p.vote_date BETWEEN ?1 AND ?2 AND p.status IN ('实施', '完成', '评价')) FROM projects p"
	  " WHERE p.proposer_deputy_id IS NOT NULL AND p.deleted = 0%s GROUP BY 1",
	  "p.proposer_deputy_id", row_projects, false },
	{ "SELECT p.deputy_id, sum(p.points) FROM point_adjustments p WHERE p.year = ?3 AND p.deleted = 0%s"
	  " GROUP BY 1",
	  "p.deputy_id", row_adjusted, false },
};

/* Run the queries for the year into fs (deputy 0: all deputies; full: also those only the
 * register and the file need). */
static int figs_fill(struct db *db, int year, int64_t deputy, bool full, struct figs *fs, char **err)
{
	char from[16], to[16];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	for (size_t q = 0; q < ARRAY_LEN(fig_queries); q++) {
		sqlite3_stmt *st = NULL;
		if (fig_queries[q].full && !full)
			continue;
		char *cond = deputy ? xasprintf(" AND %s = ?4", fig_queries[q].deputy_col) : xstrdup("");
		char *sql = xasprintf(fig_queries[q].sql, cond);
		int rc = db_prepare(db, sql, &st, err), src;
		free(sql);
		free(cond);
		if (rc < 0)
			return -1;
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, year);
		if (deputy)
			sqlite3_bind_int64(st, 4, deputy);
		if (sqlite3_bind_parameter_index(st, "?5"))
			sqlite3_bind_int(st, 5, full);
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			struct points_figures *f = figs_find(fs, sqlite3_column_int64(st, 0));
			if (f)
				fig_queries[q].row(f, st);
		}
		if (src != SQLITE_DONE) {
			db_fail(db, src, NULL, err);
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
	}
	return 0;
}

/* The deputies (id order), not deleted, or only deputy (0: all): names into a rank array. */
static int ranks_load(struct db *db, int64_t deputy, struct points_rank **out, int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	int cap = 0, src;
	*out = NULL;
	*n = 0;
	if (db_prepare(db,
		       deputy ? "SELECT id, name, level, status FROM deputies WHERE id = ?1"
			      : "SELECT id, name, level, status FROM deputies WHERE deleted = 0 ORDER BY id",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, deputy);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, sizeof **out * (size_t)cap);
		}
		struct points_rank *r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->deputy_id = sqlite3_column_int64(st, 0);
		r->fig.deputy_id = r->deputy_id;
		r->name = xstrdup(db_column_text(st, 1));
		r->level = xstrdup(db_column_text(st, 2));
		r->status = xstrdup(db_column_text(st, 3));
	}
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		sqlite3_finalize(st);
		db_points_ranking_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Fill the figures of ranks (id order) for the year and compute their points. */
static int ranks_compute(struct db *db, const struct points_rules *rules, int year, int64_t deputy, bool full,
			 struct points_rank *v, int n, char **err)
{
	struct figs fs = { xcalloc((size_t)(n ? n : 1), sizeof *fs.v), n };
	for (int i = 0; i < n; i++)
		fs.v[i].deputy_id = v[i].deputy_id;
	int rc = figs_fill(db, year, deputy, full, &fs, err);
	for (int i = 0; rc == 0 && i < n; i++) {
		int64_t counts[POINTS_ITEM_MAX];
		v[i].fig = fs.v[i];
		points_figures_counts(&v[i].fig, rules, counts);
		points_compute(rules, counts, v[i].fig.adjusted, &v[i].res);
	}
	free(fs.v);
	return rc;
}

static int rank_cmp(const void *a, const void *b)
{
	const struct points_rank *x = a, *y = b;
	if (x->res.total != y->res.total)
		return x->res.total > y->res.total ? -1 : 1;
	return x->order - y->order;
}

int db_points_ranking(struct db *db, const struct points_rules *rules, int year, bool full, struct points_rank **out,
		      int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	if (ranks_load(db, 0, out, n, err) < 0)
		return -1;
	if (ranks_compute(db, rules, year, 0, full, *out, *n, err) < 0)
		goto fail;
	/* Departed deputies who did nothing that year are left out. */
	int k = 0;
	for (int i = 0; i < *n; i++) {
		struct points_rank *r = &(*out)[i];
		if (strcmp(r->status, "在任") && points_figures_empty(&r->fig)) {
			db_points_rank_clear(r);
			continue;
		}
		(*out)[k++] = *r;
	}
	*n = k;
	/* Pinyin order of names, for equal totals: the position in a name_py query. */
	if (db_prepare(db, "SELECT id FROM deputies WHERE deleted = 0 ORDER BY name_py, name, id", &st, err) < 0)
		goto fail;
	int pos = 0, src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		pos++;
		int lo = 0, hi = *n - 1; /* still in id order */
		while (lo <= hi) {
			int mid = (lo + hi) / 2;
			if ((*out)[mid].deputy_id == id) {
				(*out)[mid].order = pos;
				break;
			}
			if ((*out)[mid].deputy_id < id)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
	}
	sqlite3_finalize(st);
	if (src != SQLITE_DONE)
		goto fail;
	qsort(*out, (size_t)*n, sizeof **out, rank_cmp);
	for (int i = 0; i < *n; i++)
		(*out)[i].rank = i && (*out)[i].res.total == (*out)[i - 1].res.total ? (*out)[i - 1].rank : i + 1;
	return 0;
fail:
	db_points_ranking_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

void db_points_rank_clear(struct points_rank *r)
{
	free(r->name);
	free(r->level);
	free(r->status);
	memset(r, 0, sizeof *r);
}

void db_points_ranking_free(struct points_rank *v, int n)
{
	for (int i = 0; i < n; i++)
		db_points_rank_clear(&v[i]);
	free(v);
}

int db_points_deputy(struct db *db, const struct points_rules *rules, int year, int64_t deputy_id,
		     struct points_rank *out, char **err)
{
	struct points_rank *v = NULL;
	int n = 0;
	memset(out, 0, sizeof *out);
	if (ranks_load(db, deputy_id, &v, &n, err) < 0)
		return -1;
	if (!n) {
		free(v);
		return db_failf(err, "找不到这位代表（编号 %lld）", (long long)deputy_id);
	}
	if (ranks_compute(db, rules, year, deputy_id, true, v, n, err) < 0) {
		db_points_ranking_free(v, n);
		return -1;
	}
	*out = v[0];
	free(v);
	return 0;
}

int db_points_levels_came(struct db *db, const char *from, const char *to, int64_t counts[5], char **err)
{
	sqlite3_stmt *st = NULL;
	int src;
	for (int i = 0; i < 5; i++)
		counts[i] = 0;
	if (db_prepare(db,
		       "SELECT d.level, count(*) FROM deputies d WHERE d.deleted = 0 AND d.id IN ("
		       " SELECT x.deputy_id FROM reception_days r JOIN reception_duty x ON x.reception_day_id = r.id"
		       "  WHERE r.date BETWEEN ?1 AND ?2 AND r.deleted = 0 AND r.status = '正常'"
		       " UNION SELECT x.deputy_id FROM activities a JOIN attendance x ON x.activity_id = a.id"
		       "  WHERE a.date BETWEEN ?1 AND ?2 AND a.deleted = 0 AND x.status = '出席')"
		       " GROUP BY d.level",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < 5 && deputy_levels[i]; i++)
			if (!strcmp(deputy_levels[i], db_column_text(st, 0)))
				counts[i] = sqlite3_column_int64(st, 1);
	int rc = src == SQLITE_DONE ? 0 : db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* ---- adjustments ---- */

int db_points_adjust(struct db *db, int64_t deputy_id, int year, const char *date, int points, const char *reason,
		     const char *approved_by, int64_t *id, char **err)
{
	sqlite3_stmt *st = NULL;
	char *r = xstrdup(reason ? reason : ""), *a = xstrdup(approved_by ? approved_by : "");
	int rc = -1;
	str_trim(r);
	str_trim(a);
	const char *why = !*r		? "积分调整必须写明理由"
			  : !*a		? "积分调整必须写明批准人"
			  : !points	? "调整的分值不能为 0"
			  : points > POINTS_VALUE_MAX * 10 || points < -POINTS_VALUE_MAX * 10
				  ? "调整的分值超出范围：绝对值最多 10000 分"
			  : year < 2000 || year > 2100 ? "年度应为 2000 到 2100 之间的四位数"
						       : NULL;
	if (why) {
		db_fail_msg(err, why);
		goto out;
	}
	if (db_prepare(db,
		       "INSERT INTO point_adjustments (deputy_id, year, date, points, reason, approved_by)"
		       " SELECT id, ?2, ?3, ?4, ?5, ?6 FROM deputies WHERE id = ?1 AND deleted = 0",
		       &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, deputy_id);
	sqlite3_bind_int(st, 2, year);
	db_bind_text(st, 3, date);
	sqlite3_bind_double(st, 4, points / 10.0);
	db_bind_text(st, 5, r);
	db_bind_text(st, 6, a);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		db_fail(db, src, NULL, err);
	else if (!sqlite3_changes(db_handle(db)))
		db_failf(err, "找不到这位代表（编号 %lld），可能已被删除", (long long)deputy_id);
	else {
		if (id)
			*id = sqlite3_last_insert_rowid(db_handle(db));
		rc = 0;
	}
	sqlite3_finalize(st);
out:
	free(r);
	free(a);
	return rc;
}

int db_points_adjustments(struct db *db, int64_t deputy_id, int year, struct points_adjustment **out, int *n,
			  char **err)
{
	sqlite3_stmt *st = NULL;
	int src;
	*out = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT id, coalesce(date, ''), points, reason, approved_by FROM point_adjustments"
		       " WHERE deputy_id = ?1 AND year = ?2 AND deleted = 0 ORDER BY coalesce(date, ''), id",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, deputy_id);
	sqlite3_bind_int(st, 2, year);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		struct points_adjustment *p = &(*out)[(*n)++];
		p->id = sqlite3_column_int64(st, 0);
		snprintf(p->date, sizeof p->date, "%s", db_column_text(st, 1));
		p->points = (int)llround(sqlite3_column_double(st, 2) * 10);
		p->reason = xstrdup(db_column_text(st, 3));
		p->approved_by = xstrdup(db_column_text(st, 4));
	}
	int rc = src == SQLITE_DONE ? 0 : db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	if (rc < 0) {
		db_points_adjustments_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void db_points_adjustments_free(struct points_adjustment *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].reason);
		free(v[i].approved_by);
	}
	free(v);
}
