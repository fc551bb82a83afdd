/* make bench, step 2: time what the clerk waits for, on the generated database
 * (tests/bench/README.md, docs/BENCHMARKS.md).
 *
 * Each item makes the same db-layer calls as its screen (ui/visits.c, ui/home.c, ui/cases.c)
 * on a connection opened as the program opens it (db_open with DB_OPEN_EXCLUSIVE), today fixed by
 * STATION_TODAY. Per item: a fresh connection, one timed first run (SQLite's page cache empty:
 * "cold-ish"; the OS cache is warm), one warm-up run that records the SQL (sqlite3_trace_v2),
 * then N timed runs: median and max. Saves run twice: inside a transaction rolled back
 * afterwards, and committed (synchronous=FULL, so the fsync is in the figure); committed rows
 * are deleted again afterwards (found through their audit rows), so every run measures the same
 * database.
 *
 * The reference, in the same command: the statements the item ran (recorded with their bound
 * values, trigger programs left to the triggers) are fed R times to the sqlite3 shell on the same
 * file. The shell's time per repetition is (median time of the shell on that script - median time
 * of the shell on a script that only opens the file and reads the schema) / R, over 5 alternating
 * runs. The ratio is our median / that time: what the program adds to SQLite's own work.
 *
 * The plans of the 超期 and 临期 lists (db_cases_explain) are printed and checked. The statements
 * of an item that stepped through many rows of a full scan, or ran many VM steps, are listed
 * under the table with their plans.
 * Exit status: 0 unless something failed (an OVER target is information, not a failure).
 *
 *   bench [--runs N] [--only TEXT] DB     (--only: the items whose name contains TEXT) */
#include "core/calendar.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/text.h"
#include "core/util.h"
#include "core/summary.h"
#include "core/visit.h"
#include "report/export.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/evaluations.h"
#include "db/internal.h"
#include "db/points.h"
#include "db/reception.h"
#include "db/summary.h"
#include "db/units.h"
#include "db/visits.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Station code of the generated cases (gen.c: GEN_CODE). */
#define BENCH_CODE "BM01"
/* Rows of a list page (a 30-line terminal shows about this many). */
#define BENCH_PAGE 25
/* Runs of the sqlite3 shell per item (and of the empty reference). */
#define BENCH_SHELL_RUNS 5
/* Repetitions of a script fed to the shell: enough for about this many ms of work. */
#define BENCH_REF_MS 200.0
/* Committed saves recorded for the shell (each one a commit with its fsync). */
#define BENCH_COMMIT_REPS 20
/* Distinct statements whose plans are examined per item. */
#define BENCH_MAX_SQL 64

/* The work of one distinct statement (its text as prepared) during a recorded run. */
struct sql_stat {
	char *sql;          /* owned */
	int64_t runs;
	int64_t fullscan;   /* rows stepped in full scans of a table or index (SQLITE_STMTSTATUS_FULLSCAN_STEP) */
	int64_t vmsteps;    /* virtual machine steps: all the work */
};

struct bench {
	const char *path;
	struct db *db;    /* the item's connection; NULL between items */
	struct cfg cfg;
	struct calendar *cal;
	char today[11];
	char month[8];
	/* Chosen once from the data (bench_setup): */
	int64_t rday;            /* today's reception day */
	int64_t duty_ids[2];     /* its deputies (at most two), as the form's choice field holds them */
	int nduty;
	char *unit_name;         /* a unit for 交办; owned */
	char *phone_top, *phone_typ, *name_top, *name_typ; /* owned */
	int64_t n_phone_top, n_name_top;
	int64_t case_long, case_typ;
	int64_t n_case_long;
	int64_t month_visits;
	int64_t dep_busy, dep_typ; /* deputies for the file: most visits received this year; one of the 500 */
	int64_t n_dep_busy;
	struct points_rules rules; /* the built-in rules */
	/* Recording (sqlite3_trace_v2): */
	bool tracing;
	struct strbuf script;    /* the statements, expanded, each ended by ";\n" */
	struct sql_stat stat[BENCH_MAX_SQL]; /* per distinct statement */
	int nsql;
	int errors;
};

/* What an item is. */
enum item_kind {
	ITEM_READ,     /* reads only */
	ITEM_ROLLBACK, /* a save inside an outer transaction that is rolled back */
	ITEM_COMMIT,   /* a save that commits */
	ITEM_OPEN,     /* db_open + db_close: no connection of its own, no reference */
};

struct item {
	const char *name;   /* for the table */
	double target_ms;   /* the requirement, 0 when none is stated */
	enum item_kind kind;
	int (*run)(struct bench *b, int arg, char **err);
	int arg;
};

struct result {
	double first, median, max;
	double ref;          /* the shell's time per repetition; NAN when none */
	int reps;
	char *heavy;         /* the statements that scan many rows, with their plans; owned, may be NULL */
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- the items: the calls each screen makes ---- */

static int unit_copy_cb(void *ud, int64_t id, const char *name, const char *aliases)
{
	struct strbuf *sb = ud; /* the screen copies every name into its pick list */
	(void)aliases;
	char *copy = xstrdup(name);
	sb_addf(sb, "%lld%s", (long long)id, copy);
	free(copy);
	return 0;
}

/* ui/visits.c vscreen_new + new_values: the deputies' and units' pick lists, today's
 * reception day with its duty. */
static int item_form_open(struct bench *b, int arg, char **err)
{
	struct deputy_brief *rows = NULL;
	char **labels = NULL;
	int n = 0, rc = -1;
	struct strbuf units;
	struct reception_day d = { 0 };
	bool found = false;
	(void)arg;
	sb_init(&units);
	if (db_deputies_briefs(b->db, false, NULL, 0, &rows, &n, err) < 0 || !(labels = deputy_labels(rows, n)) ||
	    db_units_names(b->db, unit_copy_cb, &units, err) < 0 ||
	    db_reception_on_date(b->db, b->today, &d, &found, err) < 0)
		goto out;
	if (!found || d.nduty == 0) {
		*err = xstrdup("today has no reception day with duty");
		goto out;
	}
	rc = 0;
out:
	if (labels)
		str_free_array(labels, n);
	deputy_briefs_free(rows, n);
	db_reception_day_free(&d);
	sb_free(&units);
	return rc;
}

/* ui/visits.c vscreen_save: the form's cross-field check, the deputies' ids (the form's choice
 * field holds them), the links checked, db_visits_insert, and for 交办 the new case read back for the
 * message. arg: 0 当场答复, 1 交办 to a unit. */
static int save_visit(struct bench *b, int arg, char **err)
{
	const char *msgs[VIS_NFIELDS] = { 0 };
	char **vals = record_new_values(&visit_def, b->today);
	const int64_t *dep = b->duty_ids;
	int64_t id = 0, case_id = 0, unit_id = 0;
	int ndep = b->nduty, rc = -1;
	char *notice = NULL;

	str_set(&vals[VIS_CHANNEL], "接待日来访");
	str_set(&vals[VIS_NAME], "韦秀英");
	str_set(&vals[VIS_GENDER], "女");
	str_set(&vals[VIS_PHONE], "13977001234");
	str_set(&vals[VIS_ADDRESS], "红旗村3组");
	str_set(&vals[VIS_CONTENT], "村口到小学的路灯坏了三个月，晚上孩子放学看不见路，已经向村委会反映过两次，"
				    "一直没有回音。希望代表帮忙协调，尽快修好。");
	str_set(&vals[VIS_CATEGORY], "城乡建设");
	if (arg) {
		str_set(&vals[VIS_HANDLING], "交办");
	} else {
		str_set(&vals[VIS_HANDLING], "当场答复");
		str_set(&vals[VIS_REPLY], "已当场联系综合行政执法队，对方答复五个工作日内修复。");
	}
	if (visit_def.check && visit_def.check(vals, msgs)) {
		*err = xstrdup("visit_def.check refused the values");
		goto out;
	}
	const char *lm = visit_check_links(vals, ndep);
	if (lm) {
		*err = xstrdup(lm);
		goto out;
	}
	if (arg && db_units_find(b->db, b->unit_name, &unit_id, err) < 0)
		goto out;
	if (visit_is_future(vals[VIS_DATE], b->today)) {
		*err = xstrdup("date in the future");
		goto out;
	}
	struct visit_ctx ctx = { &b->cfg, b->cal, b->today };
	struct visit_links links = { .reception_day_id = b->rday, .deputy_ids = dep, .ndeputies = ndep,
		.unit_id = unit_id, .due_days = b->cfg.case_days };
	if (db_visits_insert(b->db, &ctx, vals, &links, &id, &case_id, &notice, err) < 0)
		goto out;
	if (arg && !case_id) {
		*err = xstrdup("交办 made no case");
		goto out;
	}
	if (case_id) {
		/* The screen reads the new case back for its message (number, unit, due date). */
		struct case_info ci;
		if (db_cases_get(b->db, case_id, &ci, err) < 0)
			goto out;
		case_info_free(&ci);
	}
	rc = 0;
out:
	free(notice);
	record_free_values(&visit_def, vals);
	return rc;
}

static int item_save_rollback(struct bench *b, int arg, char **err)
{
	if (db_begin(b->db, err) < 0)
		return -1;
	int rc = save_visit(b, arg, err);
	db_rollback(b->db);
	return rc;
}

static int item_save_commit(struct bench *b, int arg, char **err) { return save_visit(b, arg, err); }

struct hints {
	char *line[5]; /* the screen keeps five lines */
	int n, total;
};

static int hint_cb(void *ud, const struct visit_earlier *e)
{
	struct hints *h = ud;
	h->total++;
	if (h->n < 5)
		h->line[h->n++] = xasprintf("%s %s %s：%s%s%s", e->date, e->name, e->channel, e->content,
					    e->case_id ? "  案件 " : "", e->case_no);
	return 0;
}

/* ui/visits.c hints_load on leaving 来访人 (phone still empty) or 联系电话.
 * arg: 0 typical phone, 1 the phone with most visits, 2 typical name, 3 the most common name. */
static int item_earlier(struct bench *b, int arg, char **err)
{
	const char *phone = arg == 0 ? b->phone_typ : arg == 1 ? b->phone_top : "";
	const char *name = arg == 2 ? b->name_typ : arg == 3 ? b->name_top : "";
	struct hints h = { 0 };
	int rc = db_visits_earlier(b->db, phone, name, 0, 20, hint_cb, &h, err);
	for (int i = 0; i < h.n; i++)
		free(h.line[i]);
	if (rc >= 0 && h.total == 0) {
		*err = xstrdup("no earlier visit found");
		return -1;
	}
	return rc < 0 ? -1 : 0;
}

static int home_case_cb(void *ud, const struct case_row *r)
{
	int *n = ud; /* the screen formats one line per case */
	char *line = xasprintf("%s|%s|%s|%d %s", r->case_no, r->summary, r->unit_name, r->days, r->next_step);
	free(line);
	return ++*n >= 64;
}

/* The first and last day of the month and of the quarter of today (ui/home.c periods). */
static void periods(const char *today, char mfrom[11], char mto[11], char qfrom[11], char qto[11])
{
	int y = atoi(today), m = atoi(today + 5);
	int qm = (m - 1) / 3 * 3 + 1;
	char next[11];
	date_format(y, m, 1, mfrom);
	date_format(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, next);
	date_add_days(next, -1, mto);
	date_format(y, qm, 1, qfrom);
	date_format(qm == 10 ? y + 1 : y, qm == 10 ? 1 : qm + 3, 1, next);
	date_add_days(next, -1, qto);
}

/* ui/home.c home_load_rings: the 交办 and 回访 lists and their counts. */
static int item_home_rings(struct bench *b, int *n, char **err)
{
	int64_t over, soon;
	for (int f = 0; f < 2; f++) {
		enum case_ring ring = f ? RING_FOLLOWUP : RING_ASSIGN;
		int days = f ? b->cfg.followup_days : b->cfg.assign_days;
		for (int o = 1; o >= 0; o--)
			if (db_cases_ring_todo(b->db, b->cal, ring, days, b->today, b->cfg.due_soon_days, o, 10,
					       home_case_cb, n, err) < 0)
				return -1;
		if (db_cases_ring_todo_counts(b->db, b->cal, ring, days, b->today, b->cfg.due_soon_days, &over, &soon,
					      err) < 0)
			return -1;
	}
	return 0;
}

/* ui/home.c home_load: every list and count of the dashboard (arg 0), or one part of it, to see
 * where the time goes: 1 the 待办 counts, 2 the three lists (超期, 临期, 待回访; 20 rows each),
 * 3 the month's and the quarter's statistics, 4 the reception days and the deputies' count, 5 the
 * 五环五时 lists (交办 and 回访, 超期 and 临期, 10 rows each) with their counts. */
static int item_home(struct bench *b, int arg, char **err)
{
	char mf[11], mt[11], qf[11], qt[11];
	struct case_todo_counts counts;
	struct case_stats month, quarter;
	struct reception_day today_day = { 0 }, next_day = { 0 };
	struct deputy_filter df = { 0 };
	bool has_today, has_next;
	int64_t deputies;
	int n = 0, rc = -1;
	(void)arg;
	periods(b->today, mf, mt, qf, qt);
	bool all = arg == 0;
	if ((all || arg == 1) && db_cases_todo_counts(b->db, b->cal, b->today, b->cfg.due_soon_days, &counts, err) < 0)
		goto out;
	if ((all || arg == 2) &&
	    (db_cases_overdue(b->db, b->cal, b->today, 20, home_case_cb, &n, err) < 0 ||
	     db_cases_due_soon(b->db, b->cal, b->today, b->cfg.due_soon_days, 20, home_case_cb, &n, err) < 0 ||
	     db_cases_awaiting(b->db, b->today, 20, home_case_cb, &n, err) < 0))
		goto out;
	if ((all || arg == 3) &&
	    (db_cases_stats(b->db, mf, mt, &month, err) < 0 || db_cases_stats(b->db, qf, qt, &quarter, err) < 0))
		goto out;
	if ((all || arg == 5) && item_home_rings(b, &n, err) < 0)
		goto out;
	if ((all || arg == 4) &&
	    (db_reception_home(b->db, b->today, &today_day, &has_today, &next_day, &has_next, err) < 0 ||
	     db_deputies_count(b->db, &df, &deputies, err) < 0))
		goto out;
	rc = 0;
out:
	db_reception_day_free(&today_day);
	db_reception_day_free(&next_day);
	return rc;
}

static int event_cb(void *ud, const struct case_event_row *ev)
{
	int *n = ud; /* the screen formats one line per event */
	char *line = xasprintf("%s %s %s %s %s %s", ev->date, ev->type, ev->who, ev->at, ev->unit_name, ev->note);
	free(line);
	++*n;
	return 0;
}

/* ui/cases.c: the case screen loads the case, then draws its timeline. arg: 0 the case with
 * the most events, 1 a typical closed case. */
static int item_timeline(struct bench *b, int arg, char **err)
{
	struct case_info ci;
	int n = 0;
	int64_t id = arg ? b->case_typ : b->case_long;
	if (db_cases_get(b->db, id, &ci, err) < 0)
		return -1;
	int rc = db_cases_timeline(b->db, id, event_cb, &n, err);
	case_info_free(&ci);
	return rc;
}

static int list_visit_cb(void *ud, const struct visit_row *r)
{
	int *n = ud;
	char *line = xasprintf("%s %s %s %d %s %s", r->date, r->channel, r->name, r->people, r->content, r->deputy_text);
	free(line);
	++*n;
	return 0;
}

/* ui/visits.c visits_push: this month's visits, count (and people) then a page.
 * arg: 0 the first page, 1 the last page (the clerk pressed End). */
static int item_visit_list(struct bench *b, int arg, char **err)
{
	struct visit_filter f = { .month = b->month, .text = "" };
	int64_t nv = 0, people = 0;
	int n = 0;
	if (db_visits_count(b->db, &f, &nv, &people, err) < 0)
		return -1;
	int64_t off = arg && nv > BENCH_PAGE ? nv - BENCH_PAGE : 0;
	return db_visits_page(b->db, &f, off, BENCH_PAGE, list_visit_cb, &n, err);
}

static int list_case_cb(void *ud, const struct case_row *r)
{
	int *n = ud;
	char *line = xasprintf("%s %s %s %s %s %d", r->case_no, r->received_date, r->summary, r->unit_name, r->status, r->days);
	free(line);
	++*n;
	return 0;
}

/* ui/cases.c cases_push: count then the first page sorted by 受理日期 (the list's default).
 * arg: 0 filtered 超期, 1 全部. */
static int item_case_list(struct bench *b, int arg, char **err)
{
	struct case_filter f = { .text = "", .cal = b->cal, .today = b->today, .soon_days = b->cfg.due_soon_days,
		.overdue = arg == 0 };
	int64_t total = 0;
	int n = 0;
	if (db_cases_count(b->db, &f, &total, err) < 0)
		return -1;
	return db_cases_page(b->db, &f, CASE_SORT_RECEIVED, false, 0, BENCH_PAGE, list_case_cb, &n, err);
}

/* The 履职积分 ranking of this year (ui/points.c). arg 1: the 代表履职登记簿 (ui/deputyfile.c):
 * the same figures and the 五级代表进站 count of the quarter. */
static int item_ranking(struct bench *b, int arg, char **err)
{
	struct points_rank *v = NULL;
	int n = 0;
	int64_t came[5];
	char from[11];
	snprintf(from, sizeof from, "%.4s-10-01", b->today);
	int rc = db_points_ranking(b->db, &b->rules, atoi(b->today), arg == 1, &v, &n, err);
	if (rc == 0 && arg == 1)
		rc = db_points_levels_came(b->db, from, b->today, came, err);
	db_points_ranking_free(v, n);
	return rc;
}

static int eval_cb(void *ud, const struct eval_row *r)
{
	(void)r;
	++*(int *)ud;
	return 0;
}

/* 一人一档 (ui/deputyfile.c dfile_load): arg 0 the deputy who received most this year, 1 another. */
static int item_deputy_file(struct bench *b, int arg, char **err)
{
	struct points_rank r;
	struct points_adjustment *adj = NULL;
	int nadj = 0, nev = 0, year = atoi(b->today);
	int64_t dep = arg == 0 ? b->dep_busy : b->dep_typ;
	struct eval_filter ef = { .year = year, .deputy_id = dep };
	if (db_points_deputy(b->db, &b->rules, year, dep, &r, err) < 0)
		return -1;
	db_points_rank_clear(&r);
	if (db_evaluations_page(b->db, &ef, 0, 20, eval_cb, &nev, err) < 0 ||
	    db_points_adjustments(b->db, dep, year, &adj, &nadj, err) < 0)
		return -1;
	db_points_adjustments_free(adj, nadj);
	return 0;
}

/* Opening the file as the program does (migration check, audit triggers verified). */
static int item_open(struct bench *b, int arg, char **err)
{
	struct db *db = NULL;
	(void)arg;
	if (db_open(b->path, DB_OPEN_EXCLUSIVE, &db, err) < 0)
		return -1;
	db_close(db);
	return 0;
}

static const struct item items[] = {
	{ "open database", 0, ITEM_OPEN, item_open, 0 },
	{ "visit form: open", 50, ITEM_READ, item_form_open, 0 },
	{ "visit save answered, rollback", 50, ITEM_ROLLBACK, item_save_rollback, 0 },
	{ "visit save answered, commit", 50, ITEM_COMMIT, item_save_commit, 0 },
	{ "visit save 交办, rollback", 50, ITEM_ROLLBACK, item_save_rollback, 1 },
	{ "visit save 交办, commit", 50, ITEM_COMMIT, item_save_commit, 1 },
	{ "returning: phone, typical", 0, ITEM_READ, item_earlier, 0 },
	{ "returning: phone, most visits", 0, ITEM_READ, item_earlier, 1 },
	{ "returning: name, typical", 0, ITEM_READ, item_earlier, 2 },
	{ "returning: name, most common", 0, ITEM_READ, item_earlier, 3 },
	{ "dashboard (home)", 50, ITEM_READ, item_home, 0 },
	{ "  of which 待办 counts", 0, ITEM_READ, item_home, 1 },
	{ "  of which 超期/临期/待回访 lists", 0, ITEM_READ, item_home, 2 },
	{ "  of which month+quarter stats", 0, ITEM_READ, item_home, 3 },
	{ "  of which reception, deputies", 0, ITEM_READ, item_home, 4 },
	{ "  of which 交办/回访 lists (五环五时)", 0, ITEM_READ, item_home, 5 },
	{ "case timeline, longest", 20, ITEM_READ, item_timeline, 0 },
	{ "case timeline, typical", 20, ITEM_READ, item_timeline, 1 },
	{ "visits list: month, first page", 0, ITEM_READ, item_visit_list, 0 },
	{ "visits list: month, last page", 0, ITEM_READ, item_visit_list, 1 },
	{ "cases list: 超期", 0, ITEM_READ, item_case_list, 0 },
	{ "cases list: 全部", 0, ITEM_READ, item_case_list, 1 },
	{ "points ranking, this year", 100, ITEM_READ, item_ranking, 0 },
	{ "履职登记簿 (+五级代表进站)", 0, ITEM_READ, item_ranking, 1 },
	{ "deputy file, most visits", 100, ITEM_READ, item_deputy_file, 0 },
	{ "deputy file, typical", 100, ITEM_READ, item_deputy_file, 1 },
};

/* ---- recording the statements ---- */

/* SQLITE_TRACE_STMT: append the statement with its values to the script (trigger programs
 * are left out: the shell runs the triggers itself). SQLITE_TRACE_PROFILE: add its work. */
static int bench_trace(unsigned type, void *ud, void *p, void *x)
{
	struct bench *b = ud;
	const char *text = x;
	if (!b->tracing)
		return 0;
	if (type == SQLITE_TRACE_STMT) {
		if (text && !strncmp(text, "--", 2))
			return 0;
		char *e = sqlite3_expanded_sql(p);
		if (!e)
			die("bench: sqlite3_expanded_sql failed");
		sb_add(&b->script, e);
		sb_add(&b->script, ";\n");
		sqlite3_free(e);
		return 0;
	}
	if (type != SQLITE_TRACE_PROFILE)
		return 0;
	const char *raw = sqlite3_sql(p);
	int i = 0;
	while (i < b->nsql && strcmp(b->stat[i].sql, raw))
		i++;
	if (i == BENCH_MAX_SQL)
		return 0;
	if (i == b->nsql)
		b->stat[b->nsql++] = (struct sql_stat){ .sql = xstrdup(raw) };
	b->stat[i].runs++;
	b->stat[i].fullscan += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	b->stat[i].vmsteps += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_VM_STEP, 1);
	return 0;
}

static void trace_start(struct bench *b)
{
	b->tracing = true;
	sqlite3_trace_v2(db_handle(b->db), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, bench_trace, b);
}

static void trace_stop(struct bench *b)
{
	sqlite3_trace_v2(db_handle(b->db), 0, NULL, NULL);
	b->tracing = false;
}

static void trace_clear(struct bench *b)
{
	sb_free(&b->script);
	sb_init(&b->script);
	for (int i = 0; i < b->nsql; i++)
		free(b->stat[i].sql);
	b->nsql = 0;
}

/* The recorded statements that stepped through many rows of a full scan, or did much work,
 * with their plans (as prepared: without ANALYZE data the values do not change them). */
static char *heavy_of(struct bench *b, int reps)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < b->nsql; i++) {
		const struct sql_stat *t = &b->stat[i];
		if (t->fullscan < 1000 * reps && t->vmsteps < 100000 * reps)
			continue;
		sb_addf(&sb, "    %lld full-scan rows, %lld VM steps per run: %.100s%s\n", (long long)(t->fullscan / reps),
			(long long)(t->vmsteps / reps), t->sql, strlen(t->sql) > 100 ? "..." : "");
		sqlite3_stmt *st = NULL;
		char *q = xasprintf("EXPLAIN QUERY PLAN %s", t->sql);
		if (sqlite3_prepare_v2(db_handle(b->db), q, -1, &st, NULL) == SQLITE_OK)
			while (sqlite3_step(st) == SQLITE_ROW)
				sb_addf(&sb, "      %s\n", sqlite3_column_text(st, 3));
		sqlite3_finalize(st);
		free(q);
	}
	if (!sb.len) {
		sb_free(&sb);
		return NULL;
	}
	return sb_take(&sb);
}

/* ---- the sqlite3 shell ---- */

static char *write_temp(const char *text)
{
	char *path = xstrdup("/tmp/station-bench-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		die("bench: mkstemp: cannot create a temporary file");
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w <= 0)
			die("bench: cannot write %s", path);
		off += (size_t)w;
	}
	close(fd);
	return path;
}

/* Run the sqlite3 shell on db with script as its input; its wall time in ms, or -1 with
 * *err (the first line of what it printed on stderr). */
static double shell_run(const char *db, const char *script, char **err)
{
	char errpath[] = "/tmp/station-bench-err-XXXXXX";
	int efd = mkstemp(errpath);
	if (efd < 0)
		die("bench: mkstemp failed");
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		die("bench: fork failed");
	if (pid == 0) {
		int in = open(script, O_RDONLY), out = open("/dev/null", O_WRONLY);
		if (in < 0 || out < 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(efd, 2);
		execlp("sqlite3", "sqlite3", "-bail", "-batch", db, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	double t = now_ms() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char buf[512] = "";
		ssize_t n = pread(efd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		*err = xasprintf("sqlite3 shell exit %d: %s", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
				 *buf ? buf : "(no message)");
		t = -1;
	}
	close(efd);
	unlink(errpath);
	return t;
}

static int64_t bench_cleanup(struct bench *b);

/* The shell's time per repetition of body (reps repetitions already in it), or NAN and *err.
 * commits: the body commits rows, deleted again after each run of the shell. */
static double shell_reference(struct bench *b, const char *body, int reps, bool commits, char **err)
{
	const char *db = b->path;
	static const char head[] = "PRAGMA foreign_keys = ON;\nPRAGMA synchronous = FULL;\n";
	char *noop_text = xasprintf("%sSELECT count(*) FROM app_session;\n", head);
	char *item_text = xasprintf("%s%s", head, body);
	char *noop = write_temp(noop_text), *item = write_temp(item_text);
	double tn[BENCH_SHELL_RUNS], ti[BENCH_SHELL_RUNS], ref = NAN;
	for (int i = 0; i < BENCH_SHELL_RUNS; i++) {
		tn[i] = shell_run(db, noop, err);
		ti[i] = tn[i] < 0 ? -1 : shell_run(db, item, err);
		if (commits)
			bench_cleanup(b);
		if (tn[i] < 0 || ti[i] < 0)
			goto out;
	}
	ref = (median(ti, BENCH_SHELL_RUNS) - median(tn, BENCH_SHELL_RUNS)) / reps;
out:
	if (getenv("BENCH_KEEP")) {
		fprintf(stderr, "bench: kept %s and %s\n", noop, item);
	} else {
		unlink(noop);
		unlink(item);
	}
	free(noop);
	free(item);
	free(noop_text);
	free(item_text);
	return ref;
}

/* ---- the database around the items ---- */

static void bench_open(struct bench *b)
{
	char *err = NULL;
	if (db_open(b->path, DB_OPEN_EXCLUSIVE, &b->db, &err) < 0 || db_set_user(b->db, "bench", &err) < 0)
		die("bench: %s: %s", b->path, err);
}

static void bench_close(struct bench *b)
{
	db_close(b->db);
	b->db = NULL;
}

/* Delete every row a committed save of this benchmark wrote (its audit rows say which, user
 * "bench"), put case_seq back, and delete those audit rows. Returns the rows deleted. */
static int64_t bench_cleanup(struct bench *b)
{
	static const char sql[] =
		"BEGIN IMMEDIATE;"
		"UPDATE app_session SET user = 'bench' WHERE id = 1;"
		"UPDATE case_seq SET last_seq = last_seq - (SELECT count(*) FROM audit_log a WHERE a.user = 'bench'"
		" AND a.table_name = 'cases' AND a.action = 'INSERT'"
		" AND json_extract(a.new_values, '$.case_no') LIKE case_seq.station_code || '-' || case_seq.year || '-%');"
		"DELETE FROM visit_deputies WHERE id IN (SELECT row_id FROM audit_log WHERE user = 'bench'"
		" AND table_name = 'visit_deputies' AND action = 'INSERT');"
		"DELETE FROM case_events WHERE id IN (SELECT row_id FROM audit_log WHERE user = 'bench'"
		" AND table_name = 'case_events' AND action = 'INSERT');"
		"DELETE FROM cases WHERE id IN (SELECT row_id FROM audit_log WHERE user = 'bench'"
		" AND table_name = 'cases' AND action = 'INSERT');"
		"DELETE FROM visits WHERE id IN (SELECT row_id FROM audit_log WHERE user = 'bench'"
		" AND table_name = 'visits' AND action = 'INSERT');"
		"DELETE FROM audit_log WHERE user = 'bench';"
		"COMMIT;";
	bool mine = !b->db;
	int64_t n = 0;
	char *err = NULL;
	if (mine)
		bench_open(b);
	if (db_query_int(b->db, "SELECT count(*) FROM audit_log WHERE user = 'bench' AND action = 'INSERT'", &n, &err) < 0 ||
	    (n && db_exec(b->db, sql, &err) < 0))
		die("bench: cleanup: %s", err);
	if (mine)
		bench_close(b);
	return n;
}

/* One value from the data (a choice of the benchmark, not timed). */
static char *pick_text(struct bench *b, const char *sql, int64_t *count)
{
	sqlite3_stmt *st = NULL;
	char *err = NULL, *out = NULL;
	if (db_prepare(b->db, sql, &st, &err) < 0)
		die("bench: %s", err);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out = xstrdup(db_column_text(st, 0));
		if (count)
			*count = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (!out)
		die("bench: no row for %s", sql);
	return out;
}

static int64_t pick_int(struct bench *b, const char *sql, int64_t *count)
{
	char *s = pick_text(b, sql, count);
	int64_t v = atoll(s);
	free(s);
	return v;
}

/* What the plans of the 超期 and 临期 lists showed. */
struct plan_check {
	int over, soon; /* lines of each list that use cases_status_due */
	int scans;      /* lines that scan a whole table or index */
};

static int print_plan(void *ud, const char *line)
{
	struct plan_check *pc = ud;
	const char *detail = strstr(line, ": ");
	printf("  %s\n", line);
	if (strstr(line, "cases_status_due"))
		++*(str_starts(line, "超期") ? &pc->over : &pc->soon);
	if (detail && str_starts(detail + 2, "SCAN "))
		pc->scans++;
	return 0;
}

/* Choose the phones, names and cases of the items; print what the database holds; check the
 * plans of the dashboard's 超期/临期 lists. */
static void bench_setup(struct bench *b)
{
	char *err = NULL;
	struct reception_day d = { 0 };
	bool found = false;
	int64_t nv, nc, ne;
	struct stat sb;
	char load[64] = "?";
	FILE *la = fopen("/proc/loadavg", "r");
	if (la) {
		if (fgets(load, sizeof load, la))
			load[strcspn(load, " ")] = '\0'; /* the 1-minute load average */
		fclose(la);
	}

	bench_open(b);
	if (db_reception_on_date(b->db, b->today, &d, &found, &err) < 0 || !found || d.nduty == 0)
		die("bench: %s has no reception day with duty (%s): not a generated database, or STATION_TODAY differs",
		    b->today, err ? err : "none");
	b->rday = d.id;
	for (int i = 0; i < d.nduty && i < 2; i++)
		b->duty_ids[b->nduty++] = d.duty_ids[i];
	db_reception_day_free(&d);
	b->unit_name = pick_text(b, "SELECT name FROM units WHERE name = '综合行政执法队' AND deleted = 0"
				    " UNION ALL SELECT name FROM units WHERE deleted = 0 LIMIT 1",
				 NULL);
	b->phone_top = pick_text(b, "SELECT visitor_phone, count(*) FROM visits WHERE visitor_phone IS NOT NULL"
				    " GROUP BY visitor_phone ORDER BY 2 DESC LIMIT 1",
				 &b->n_phone_top);
	b->name_top = pick_text(b, "SELECT visitor_name, count(*) FROM visits WHERE visitor_name <> '匿名'"
				   " GROUP BY visitor_name ORDER BY 2 DESC LIMIT 1",
				&b->n_name_top);
	b->phone_typ = pick_text(b, "SELECT visitor_phone FROM visits WHERE id >= (SELECT max(id) / 2 FROM visits)"
				    " AND visitor_phone IS NOT NULL LIMIT 1",
				 NULL);
	b->name_typ = pick_text(b, "SELECT visitor_name FROM visits WHERE id >= (SELECT max(id) / 3 FROM visits)"
				   " AND visitor_name <> '匿名' AND visitor_name NOT LIKE '_先生' LIMIT 1",
				NULL);
	b->case_long = pick_int(b, "SELECT case_id, count(*) FROM case_events GROUP BY case_id ORDER BY 2 DESC LIMIT 1",
				&b->n_case_long);
	b->case_typ = pick_int(b, "SELECT c.id FROM cases c WHERE c.id >= (SELECT max(id) / 2 FROM cases)"
				  " AND c.status = '办结' AND (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) = 5"
				  " LIMIT 1",
			       NULL);
	char yfrom[16];
	snprintf(yfrom, sizeof yfrom, "%.4s-01-01", b->today);
	char *q = xasprintf("SELECT x.deputy_id, count(*) FROM visits v JOIN visit_deputies x ON x.visit_id = v.id"
			    " WHERE v.date >= '%s' GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
			    yfrom);
	b->dep_busy = pick_int(b, q, &b->n_dep_busy);
	free(q);
	b->dep_typ = pick_int(b, "SELECT max(id) - 100 FROM deputies", NULL);
	points_rules_builtin(&b->rules);
	struct visit_filter mf = { .month = b->month };
	if (db_visits_count(b->db, &mf, &b->month_visits, NULL, &err) < 0 ||
	    db_query_int(b->db, "SELECT count(*) FROM visits", &nv, &err) < 0 ||
	    db_query_int(b->db, "SELECT count(*) FROM cases", &nc, &err) < 0 ||
	    db_query_int(b->db, "SELECT count(*) FROM case_events", &ne, &err) < 0)
		die("bench: %s", err);
	stat(b->path, &sb);
	printf("database  %s (%.0f MB): %lld visits, %lld cases, %lld case events\n", b->path,
	       (double)sb.st_size / 1e6, (long long)nv, (long long)nc, (long long)ne);
	printf("today     %s (STATION_TODAY), a reception day; SQLite %s; %ld CPU cores; load %s\n", b->today,
	       sqlite3_libversion(), sysconf(_SC_NPROCESSORS_ONLN), load);
	printf("chosen    phones %s (typical), %s (%lld visits); names %s (typical), %s (%lld visits);\n"
	       "          cases %lld (%lld events), %lld (typical, 5 events); this month %lld visits\n",
	       b->phone_typ, b->phone_top, (long long)b->n_phone_top, b->name_typ, b->name_top,
	       (long long)b->n_name_top, (long long)b->case_long, (long long)b->n_case_long, (long long)b->case_typ,
	       (long long)b->month_visits);
	printf("          deputy files: %lld (%lld visits received this year), %lld (typical)\n", (long long)b->dep_busy,
	       (long long)b->n_dep_busy, (long long)b->dep_typ);

	struct plan_check pc = { 0 };
	printf("\nQuery plans of the dashboard's 超期 and 临期 lists (db_cases_explain):\n");
	if (db_cases_explain(b->db, b->today, print_plan, &pc, &err) < 0)
		die("bench: %s", err);
	if (pc.over && pc.soon && !pc.scans)
		printf("PLAN OK: uses cases_status_due\n");
	else {
		printf("PLAN BAD: 超期/临期 do not both search cases_status_due\n");
		b->errors++;
	}
	/* The 五环五时 lists: each a search of its partial index. */
	struct plan_check rc = { 0 };
	struct ring_limits lim = { b->cfg.assign_days, b->cfg.followup_days };
	printf("\nQuery plans of the dashboard's 交办 and 回访 lists (db_cases_ring_explain):\n");
	if (db_cases_ring_explain(b->db, b->cal, &lim, b->today, print_plan, &rc, &err) < 0)
		die("bench: %s", err);
	if (!rc.scans)
		printf("PLAN OK: no scan\n");
	else {
		printf("PLAN BAD: a 交办/回访 list scans\n");
		b->errors++;
	}
	bench_close(b);
}

/* ---- running an item ---- */

static void run_or_die(struct bench *b, const struct item *it, double *ms)
{
	char *err = NULL;
	double t0 = now_ms();
	if (it->run(b, it->arg, &err) < 0)
		die("bench: %s: %s", it->name, err ? err : "failed");
	if (ms)
		*ms = now_ms() - t0;
}

static void run_item(struct bench *b, const struct item *it, int runs, struct result *r)
{
	double *t = xcalloc((size_t)runs, sizeof *t);
	char *err = NULL;
	memset(r, 0, sizeof *r);
	r->ref = NAN;

	if (it->kind != ITEM_OPEN)
		bench_open(b);
	run_or_die(b, it, &r->first);
	if (it->kind != ITEM_OPEN && it->kind != ITEM_COMMIT) {
		/* The warm-up run records the statements. */
		trace_clear(b);
		trace_start(b);
		run_or_die(b, it, NULL);
		trace_stop(b);
	} else {
		run_or_die(b, it, NULL);
	}
	for (int i = 0; i < runs; i++)
		run_or_die(b, it, &t[i]);
	if (it->kind == ITEM_COMMIT) {
		/* Record BENCH_COMMIT_REPS saves, each with its own numbers, on a clean database. */
		bench_cleanup(b);
		trace_clear(b);
		trace_start(b);
		for (int i = 0; i < BENCH_COMMIT_REPS; i++)
			run_or_die(b, it, NULL);
		trace_stop(b);
		bench_cleanup(b);
	}
	if (it->kind != ITEM_OPEN) {
		r->heavy = heavy_of(b, it->kind == ITEM_COMMIT ? BENCH_COMMIT_REPS : 1);
		bench_close(b);
	}
	r->max = 0;
	for (int i = 0; i < runs; i++)
		r->max = t[i] > r->max ? t[i] : r->max;
	r->median = median(t, runs);

	if (it->kind == ITEM_COMMIT) {
		r->reps = BENCH_COMMIT_REPS;
		r->ref = shell_reference(b, b->script.buf, r->reps, true, &err);
	} else if (it->kind != ITEM_OPEN) {
		r->reps = (int)ceil(BENCH_REF_MS / (r->median > 0.01 ? r->median : 0.01));
		r->reps = r->reps < 20 ? 20 : r->reps > 5000 ? 5000 : r->reps;
		struct strbuf body;
		sb_init(&body);
		for (int i = 0; i < r->reps; i++)
			sb_add(&body, b->script.buf);
		r->ref = shell_reference(b, body.buf, r->reps, false, &err);
		sb_free(&body);
	}
	if (err) {
		printf("  %s: reference failed: %s\n", it->name, err);
		free(err);
		b->errors++;
	}
	free(t);
}

/* ---- exports (report/export.c, db/summary.c) ---- */

/* Runs of each side of the export comparison (each writes every visit). */
#define BENCH_EXPORT_RUNS 3

/* Run argv (or, with argv NULL, our export of every visit) in a child with stdout to out; its
 * wall time in ms and peak RSS in MB. -1 on failure. */
static double export_child(struct bench *b, char *const *argv, const char *out, double *rss_mb)
{
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		die("bench: fork failed");
	if (pid == 0) {
		if (argv) {
			int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
			if (fd < 0)
				_exit(126);
			dup2(fd, 1);
			execvp(argv[0], argv);
			_exit(127);
		}
		struct db *db = NULL;
		char *err = NULL;
		struct export_opts o = { .enc = CSV_UTF8_BOM, .force = true, .code = BENCH_CODE };
		if (db_open(b->path, DB_OPEN_READONLY, &db, &err) < 0 ||
		    export_details(db, DETAIL_VISITS, "0000-01-01", "9999-12-31", out, &o, NULL, &err) < 0) {
			fprintf(stderr, "bench: export: %s\n", err);
			_exit(1);
		}
		db_close(db);
		_exit(0);
	}
	int status = 0;
	struct rusage ru;
	wait4(pid, &status, 0, &ru);
	double t = now_ms() - t0;
	*rss_mb = (double)ru.ru_maxrss / 1024.0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? t : -1;
}

static int64_t file_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int64_t n = 0;
	int c;
	if (!f)
		return -1;
	while ((c = getc_unlocked(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

/* Export every visit as CSV, ours against the sqlite3 shell writing the same SELECT with -csv
 * (alternating runs, medians); peak RSS of each. Then the summary of this quarter: time and the
 * plan, which must not SCAN visits or cases. */
static void bench_exports(struct bench *b)
{
	char *ours = xasprintf("%s.export.csv", b->path), *theirs = xasprintf("%s.shell.csv", b->path);
	/* The same SELECT, its two dates written in. */
	struct strbuf sql;
	sb_init(&sql);
	for (const char *p = db_summary_details_sql(DETAIL_VISITS); *p; p++) {
		if (p[0] == '?' && (p[1] == '1' || p[1] == '2')) {
			sb_add(&sql, p[1] == '1' ? "'0000-01-01'" : "'9999-12-31'");
			p++;
		} else {
			sb_addc(&sql, *p);
		}
	}
	char *argv[] = { "sqlite3", "-csv", "-readonly", (char *)b->path, sql.buf, NULL };
	double to[BENCH_EXPORT_RUNS], ts[BENCH_EXPORT_RUNS], rss_o = 0, rss_s = 0, r;
	printf("\nExport of every visit as CSV (%d runs each, alternating; ms; peak RSS of the process):\n",
	       BENCH_EXPORT_RUNS);
	for (int i = 0; i < BENCH_EXPORT_RUNS; i++) {
		to[i] = export_child(b, NULL, ours, &r);
		rss_o = r > rss_o ? r : rss_o;
		ts[i] = export_child(b, argv, theirs, &r);
		rss_s = r > rss_s ? r : rss_s;
		if (to[i] < 0 || ts[i] < 0) {
			printf("  export failed (%s)\n", to[i] < 0 ? "station" : "sqlite3 shell");
			b->errors++;
			goto out;
		}
	}
	double mo = median(to, BENCH_EXPORT_RUNS), ms = median(ts, BENCH_EXPORT_RUNS);
	struct stat so, ss;
	stat(ours, &so);
	stat(theirs, &ss);
	printf("  station export visits   %9.0f ms  %6.1f MB RSS  %lld lines, %.0f MB\n", mo, rss_o,
	       (long long)file_lines(ours), (double)so.st_size / 1e6);
	printf("  sqlite3 -csv, same SELECT %7.0f ms  %6.1f MB RSS  %lld lines, %.0f MB\n", ms, rss_s,
	       (long long)file_lines(theirs), (double)ss.st_size / 1e6);
	printf("  ratio %.2f (target 1.3): %s\n", mo / ms, mo / ms <= 1.3 ? "PASS" : "OVER");
out:
	unlink(ours);
	unlink(theirs);
	free(ours);
	free(theirs);
	sb_free(&sql);

	/* The quarter's summary. */
	char from[11], to_[11], *err = NULL, *plan = NULL;
	static const char *const qs[] = { "01-01", "04-01", "07-01", "10-01" }, *const qe[] = { "03-31", "06-30", "09-30", "12-31" };
	int q = (atoi(b->today + 5) - 1) / 3;
	snprintf(from, sizeof from, "%.4s-%s", b->today, qs[q]);
	snprintf(to_, sizeof to_, "%.4s-%s", b->today, qe[q]);
	double t[5];
	bench_open(b);
	struct summary s;
	for (int i = 0; i < 5; i++) {
		summary_init(&s, BENCH_CODE, "bench", "", from, to_);
		double t0 = now_ms();
		struct summary_opts so = { 1, b->cal, { b->cfg.assign_days, b->cfg.followup_days } };
		if (db_summary(b->db, &s, &so, &err) < 0)
			die("bench: summary: %s", err);
		t[i] = now_ms() - t0;
		if (i < 4)
			summary_free(&s);
	}
	printf("\nSummary of %s..%s (db_summary, 5 runs): median %.1f ms, first %.1f ms; %lld visits, %lld people, "
	       "%lld cases assigned, %lld overdue at the end\n",
	       from, to_, median(t, 5), t[0], (long long)s.n[SUM_VISITS], (long long)s.n[SUM_VISIT_PEOPLE],
	       (long long)s.n[SUM_ASSIGNED], (long long)s.n[SUM_OVERDUE_END]);
	summary_free(&s);
	if (db_summary_plan(b->db, from, to_, &plan, &err) < 0)
		die("bench: summary plan: %s", err);
	bool scan = strstr(plan, "SCAN visits") || strstr(plan, "SCAN cases") || strstr(plan, "SCAN c\n") ||
		    strstr(plan, "SCAN v\n");
	printf("%s", plan);
	printf("PLAN %s\n", scan ? "BAD: a full scan of visits or cases" : "OK: no full scan of visits or cases");
	if (scan)
		b->errors++;
	free(plan);
	bench_close(b);
}

/* The name cut or padded to width columns (CJK counts two). */
static void put_name(const char *name, int width)
{
	char *s = text_fit(name, width, ALIGN_LEFT, false);
	fputs(s, stdout);
	free(s);
}

int main(int argc, char **argv)
{
	struct bench b = { 0 };
	int runs = 50;
	const char *only = NULL;
	char *err = NULL;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else
			b.path = argv[i];
	}
	if (!b.path || runs < 1) {
		fprintf(stderr, "usage: bench [--runs N] [--only TEXT] DB\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	clock_today(b.today);
	snprintf(b.month, sizeof b.month, "%.7s", b.today);
	cfg_defaults(&b.cfg);
	str_set(&b.cfg.station_code, BENCH_CODE);
	if (!(b.cal = calendar_new(&b.cfg, &err)))
		die("bench: calendar: %s", err);
	sb_init(&b.script);
	int64_t left = bench_cleanup(&b);
	if (left)
		printf("(deleted %lld rows left by an interrupted benchmark)\n", (long long)left);
	bench_setup(&b);

	printf("\n%d runs per item after one cold-ish run (fresh connection) and one warm-up; ms.\n", runs);
	printf("sqlite3 = the same statements in the sqlite3 shell, per repetition; ratio = median / sqlite3.\n\n");
	printf("%-32s %6s %8s %8s %8s %9s %6s  %s\n", "item", "target", "median", "max", "first", "sqlite3", "ratio",
	       "result");
	struct result res[ARRAY_LEN(items)];
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		const struct item *it = &items[i];
		struct result *r = &res[i];
		memset(r, 0, sizeof *r);
		if (only && !strstr(it->name, only))
			continue;
		run_item(&b, it, it->kind == ITEM_COMMIT ? (runs < 20 ? runs : 20) : runs, r);
		char target[16] = "-", ref[16] = "-", ratio[16] = "-";
		if (it->target_ms > 0)
			snprintf(target, sizeof target, "%.0f", it->target_ms);
		if (!isnan(r->ref) && r->ref > 0.0005) {
			snprintf(ref, sizeof ref, "%.3f", r->ref);
			snprintf(ratio, sizeof ratio, "%.1f", r->median / r->ref);
		} else if (!isnan(r->ref)) {
			snprintf(ref, sizeof ref, "~0");
		}
		put_name(it->name, 32);
		printf(" %6s %8.3f %8.3f %8.3f %9s %6s  %s\n", target, r->median, r->max, r->first, ref, ratio,
		       it->target_ms <= 0 ? "info" : r->median < it->target_ms ? "PASS" : "OVER");
	}
	if (!only || strstr("export summary", only))
		bench_exports(&b);
	printf("\nStatements that step through 1000+ rows of a full scan or run 100000+ VM steps\n"
	       "(SQLITE_STMTSTATUS_FULLSCAN_STEP / VM_STEP in the recorded run), with their plans:\n");
	bool any = false;
	for (size_t i = 0; i < ARRAY_LEN(items); i++)
		if (res[i].heavy) {
			printf("  %s:\n%s", items[i].name, res[i].heavy);
			free(res[i].heavy);
			any = true;
		}
	if (!any)
		printf("  none\n");
	trace_clear(&b);
	sb_free(&b.script);
	free(b.unit_name);
	free(b.phone_top);
	free(b.phone_typ);
	free(b.name_top);
	free(b.name_typ);
	calendar_free(b.cal);
	cfg_free(&b.cfg);
	if (b.errors)
		printf("\n%d error(s)\n", b.errors);
	return b.errors ? 1 : 0;
}
