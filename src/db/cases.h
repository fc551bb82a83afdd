/* 意见建议办理簿 in SQL: creating a case with its number, the transitions of the case loop
 * (each one transaction: the case row and its case_events row), the timeline, list pages,
 * the home screen's lists and counts, period statistics and deletion.
 *
 * Every write runs inside db_begin/db_commit, so it also works inside a caller's transaction
 * (the visit screen creates a case inside the visit's): an outer rollback undoes the case, its
 * event, the visit link and the number counter together.
 * Errors: -1 and *err a new Chinese message (caller frees; err may be NULL). Deleted cases are
 * invisible everywhere here. Strings handed to callbacks are borrowed for the call only. */
#ifndef STATION_DB_CASES_H
#define STATION_DB_CASES_H

#include "core/calendar.h"
#include "core/caseflow.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* Optional links of a new case. */
struct case_links {
	int64_t visit_id;  /* the visit it came from (0: none); the visit's case_id is set to the
			      new case, and refused if the visit already has another case */
	int64_t deputy_id; /* the deputy who raised it, e.g. from his own survey (0: none) */
	const char *who;   /* who received it, for the 受理 event; NULL/"": db_user() */
};

/* Create a case from CASEF_NFIELDS values (core/case.h) that passed record_check().
 * Its number is <station_code>-<year of the received date>-<4-digit sequence>
 * (e.g. CG01-2026-0001): the sequence comes from case_seq, incremented in the same
 * transaction, restarts each year and is never reused (a deleted case keeps its number; a
 * number already taken by an imported case is skipped). Writes the case (status 受理) and its
 * 受理 event dated the received date. Refuses a received date after today or a missing
 * station code. links may be NULL. *id and *case_no (new string, caller frees; either may be
 * NULL) get the new case. */
int db_cases_create(struct db *db, const char *station_code, char *const *vals, const struct case_links *links,
		    const char *today, int64_t *id, char **case_no, char **err);

/* Update the fields of case_record() of a case (not its state). Refuses a received date after
 * the case's first action. */
int db_cases_update(struct db *db, int64_t id, char *const *vals, char **err);

/* One case, all its fields. Owned strings are freed by case_info_free(). */
struct case_info {
	int64_t id;
	char *uid;            /* owned */
	char *case_no;        /* owned */
	int64_t visit_id;     /* 0: none */
	int64_t deputy_id;    /* 0: none */
	char *deputy_name;    /* owned; "" if none */
	char *unit_name;      /* owned; name of st.unit_id, "" if none */
	char **vals;          /* owned: CASEF_NFIELDS values (category, summary, ...) */
	char *reply;          /* owned: 答复内容 ("" none) */
	struct case_state st; /* status, dates, unit, counts, result, satisfaction, last event */
	char visit_date[11];  /* date of the visit it came from ("" none): its 受理 ring's due date */
	char created_at[20], updated_at[20];
};
/* Load case id into *out (overwritten). A missing or deleted case is an error. */
int db_cases_get(struct db *db, int64_t id, struct case_info *out, char **err);
void case_info_free(struct case_info *ci);
/* Find a case's id by its number (exact). 0 if none. */
int db_cases_find_no(struct db *db, const char *case_no, int64_t *id, char **err);

/* Perform action a on case id: load its state, caseflow_apply() it, and write the new state
 * and one case_events row (type, date, at = now 'YYYY-MM-DD HH:MM', who (a->who, else
 * db_user()), note, unit_id (the unit the event concerns: 交办 the new unit, 退回 the unit
 * returning it, 催办/延期/答复/重办 the unit handling it), due_date (交办, 延期, 重办), result,
 * satisfaction, how, status_after) in one transaction. 答复 and 当场答复 store the reply text
 * in the row and, so every round stays in the timeline, as the event's note (the remark, if
 * any, after it on a line "备注：..."). 交办 refuses a missing or deleted unit.
 * cal, default_days (station.ini case_days) and today as for caseflow_apply. On refusal
 * nothing is written and *why (may be NULL; refusal_clear frees it) says why and names the
 * field, as caseflow_apply does ("unit_id" also for a missing or deleted unit; NULL for a
 * failure of the database itself); on success *why is emptied and *notice (if notice) gets NULL
 * or a new sentence the clerk should see (caller frees). */
int db_cases_act(struct db *db, int64_t id, const struct case_action *a, const struct calendar *cal, int default_days,
		 const char *today, char **notice, struct refusal *why);

/* One event of a timeline. */
struct case_event_row {
	int64_t id;
	const char *at;           /* 'YYYY-MM-DD HH:MM' when it was recorded */
	const char *date;         /* its business date */
	const char *type;         /* 受理, 交办, ... (caseflow_event_parse) */
	const char *status_after; /* status after it */
	const char *who;
	int64_t unit_id;       /* 0: none */
	const char *unit_name; /* "" if none */
	const char *due_date;
	const char *note;
	const char *result; /* "A".."D" or "" */
	const char *satisfaction;
	const char *how;
	const char *mark; /* NULL from the db; a screen may set it to a late ring ("交办超时 2 个工作日")
			     before the row is drawn (ui/actform.c shows it first) */
};
/* Return non-zero to stop. */
typedef int (*case_event_cb)(void *ud, const struct case_event_row *ev);
struct sqlite3_stmt;
/* For the db layer (db/suggestions.c): pass each row of a prepared timeline statement with the
 * columns of case_events (id, at, date, type, status_after, who, unit_id, unit name, due_date,
 * note, result, satisfaction, how) to cb; finalizes st. */
int db_event_rows(struct db *db, struct sqlite3_stmt *st, case_event_cb cb, void *ud, char **err);
/* The events of case id, oldest first (by time recorded, then id), from the index. */
int db_cases_timeline(struct db *db, int64_t id, case_event_cb cb, void *ud, char **err);

/* Filter of list pages. Every member may be 0/NULL/"" (no condition). */
struct case_filter {
	const char *text;   /* substring of summary, content or case number (3+ characters: the
			     * full-text index; fewer: LIKE, escaped; db/search.h) */
	const char *status; /* 受理/办理中/已答复/办结 */
	int64_t unit_id;
	const char *category;
	const char *date_from; /* 受理日期 from (ISO, inclusive); NULL or "": no bound */
	const char *date_to;   /* 受理日期 to (ISO, inclusive); NULL or "": no bound */
	bool overdue;  /* only 超期 (办理中 and due before today) */
	bool due_soon; /* only 临期 (办理中, due from today to caseflow_soon_until()) */
	/* For overdue, due_soon and the computed columns of rows: */
	const struct calendar *cal; /* required when overdue/due_soon is set or rows need days */
	const char *today;          /* "YYYY-MM-DD"; NULL: clock_today() */
	int soon_days;              /* station.ini due_soon_days */
	/* Counts only: stop after this many rows (0: count all); the count then returns 1 with
	 * *n = count_cap. The list sets it for a typed text (db/search.h). */
	int64_t count_cap;
};

/* Sort columns of a page. */
enum case_sort {
	CASE_SORT_RECEIVED, /* 受理日期, then id (default) */
	CASE_SORT_NO,       /* 编号 */
	CASE_SORT_STATUS,   /* in loop order 受理, 办理中, 已答复, 办结 */
	CASE_SORT_UNIT,     /* 承办单位 (units.sort, name); none last */
	CASE_SORT_DUE,      /* 办理时限; none last */
	CASE_SORT_CATEGORY,
	CASE_SORT_SUMMARY,
	CASE_SORT_COUNT
};

/* One row of a list page or of a home-screen list. */
struct case_row {
	int64_t id;
	const char *case_no;
	const char *received_date;
	const char *category;
	const char *summary;
	const char *status;
	int64_t unit_id;
	const char *unit_name; /* "" if none */
	const char *assigned_date;
	const char *due_date;
	const char *reply_date;
	const char *followup_date;
	const char *satisfaction;
	const char *closed_date;
	int extensions, redo_count;
	/* Computed as of the filter's (or the list's) today: */
	enum calendar_due due; /* 超期 / 临期 / none, for cases in 办理中 */
	int days;              /* 超期: working days overdue (>= 1); 临期: working days left
				  (0 = due today); 待回访: calendar days since the reply; else 0 */
	const char *next_step; /* caseflow_next_step(): 待交办, 待答复, 待回访, ... */
	char ring_due[11];     /* db_cases_ring_todo rows: the 交办/回访 ring's due date (due and days
				  are then measured against it); else "" */
};
typedef int (*case_row_cb)(void *ud, const struct case_row *r);

int db_cases_count(struct db *db, const struct case_filter *f, int64_t *n, char **err);
/* The cases of the filter and, of those, the ones 办结 (closed may be NULL). Returns 0, 1 when
 * f->count_cap stopped the count (*n = count_cap), -1 on error. */
int db_cases_counts(struct db *db, const struct case_filter *f, int64_t *n, int64_t *closed, char **err);
/* EXPLAIN QUERY PLAN of db_cases_count's query for f, its lines joined by "\n" (new string in
 * *plan), to check that a date range is served by an index. */
int db_cases_count_plan(struct db *db, const struct case_filter *f, char **plan, char **err);
/* Cases being handled (办理中) whose due date is on or after from: those whose deadline may have
 * been counted without the holidays of a year the calendar does not know yet. Index range on
 * cases_status_due. */
int db_cases_due_from(struct db *db, const char *from, int64_t *n, char **err);
/* One page sorted by sort (desc reverses; empty values stay last), then id. limit < 0: all. */
int db_cases_page(struct db *db, const struct case_filter *f, enum case_sort sort, bool desc, int64_t offset, int limit,
		  case_row_cb cb, void *ud, char **err);

/* Home screen (待办), each from an index, at most limit rows (limit < 0: all):
 * 超期: 办理中 with due_date < today, most overdue first (due date, then id);
 * 临期: 办理中 with today <= due_date <= caseflow_soon_until(), soonest first;
 * 待回访: 已答复 not yet followed up in this round, oldest reply first; then the 已答复 cases
 * whose 回访 is recorded but not yet closed or redone (next_step 待办结 / 待重办). */
int db_cases_overdue(struct db *db, const struct calendar *cal, const char *today, int limit, case_row_cb cb, void *ud,
		     char **err);
int db_cases_due_soon(struct db *db, const struct calendar *cal, const char *today, int soon_days, int limit,
		      case_row_cb cb, void *ud, char **err);
int db_cases_awaiting(struct db *db, const char *today, int limit, case_row_cb cb, void *ud, char **err);

/* How many there are in each home-screen list (all of them, not just a page). */
struct case_todo_counts {
	int64_t received;          /* 受理, not yet assigned */
	int64_t handling;          /* 办理中 */
	int64_t overdue;           /* 超期 */
	int64_t due_soon;          /* 临期 */
	int64_t awaiting;          /* 已答复 (待回访 + 待办结/待重办) */
	int64_t awaiting_followup; /* of which not yet followed up (待回访) */
};
int db_cases_todo_counts(struct db *db, const struct calendar *cal, const char *today, int soon_days,
			 struct case_todo_counts *out, char **err);

/* 五环五时 on the home screen (docs/CASES.md): the cases waiting for 交办 (ring RING_ASSIGN:
 * 受理, due the days-th working day after the received date) or for 回访 (RING_FOLLOWUP: 已答复
 * and not yet called back in this round, due the days-th working day after the reply) whose
 * ring is past due (overdue) or 临期 (due from today to caseflow_soon_until(soon_days); nothing
 * when soon_days <= 0), the longest waiting first, at most limit rows (limit < 0: all). Rows carry
 * ring_due, due (CALENDAR_DUE_OVER/SOON) and days (working days late; left). Each is a range on
 * a partial index (cases_wait_assign, cases_wait_followup; caseflow_ring_bounds), never a scan
 * of all cases. Another ring gives an error. */
int db_cases_ring_todo(struct db *db, const struct calendar *cal, enum case_ring ring, int days, const char *today,
		       int soon_days, bool overdue, int limit, case_row_cb cb, void *ud, char **err);
/* How many there are in both lists of one ring (all of them). */
int db_cases_ring_todo_counts(struct db *db, const struct calendar *cal, enum case_ring ring, int days,
			      const char *today, int soon_days, int64_t *overdue, int64_t *soon, char **err);
/* EXPLAIN QUERY PLAN of the four ring lists, one line per plan row prefixed by the list
 * ("交办超期: SEARCH c USING INDEX cases_wait_assign (received_date<?)"). */
int db_cases_ring_explain(struct db *db, const struct calendar *cal, const struct ring_limits *lim, const char *today,
			  int (*cb)(void *ud, const char *line), void *ud, char **err);

/* 五环五时 for a period: the figures of one ring. A ring counts in the period when its due date
 * (caseflow_ring) falls from..to; then, as of asof = the period's last day (or today, if the
 * period is not over): on_time done on or before the due date; late done after it, by asof;
 * overdue not done by asof and due before asof; pending not done by asof but due on asof or
 * later (not late yet). due = on_time + late + overdue + pending; rate = on_time / (on_time +
 * late + overdue) as a percentage, -1 when that is 0. Each case counts at most once per ring. */
struct case_ring_figures {
	int64_t due, on_time, late, overdue, pending;
	double rate;
};
struct case_rings {
	struct case_ring_figures ring[RING_COUNT]; /* by enum case_ring */
};
/* The five rings for from..to (inclusive, "YYYY-MM-DD"; today NULL: clock_today()). lim: the
 * [cases] assign_days and followup_days of station.ini. Reads each ring's cases from a range on
 * an index of its start date (受理: visits_date and cases_received_cover; 交办: cases_received_cover;
 * 办理: cases_status_due; 答复: cases_promised_date; 回访: cases_reply_date) and sorts them into
 * the buckets in C with caseflow_ring_bucket(), so the figures agree with the case screen. For
 * the quarterly summary. */
int db_cases_rings(struct db *db, const struct calendar *cal, const struct ring_limits *lim, const char *from,
		   const char *to, const char *today, struct case_rings *out, char **err);
/* EXPLAIN QUERY PLAN of db_cases_rings' queries, one line per plan row prefixed by the ring
 * ("交办: SEARCH cases USING INDEX cases_received_cover (received_date>? AND received_date<?)"). */
int db_cases_rings_explain(struct db *db, int (*cb)(void *ud, const char *line), void *ud, char **err);

/* Statistics for the dates from..to (inclusive, "YYYY-MM-DD"), computed in SQL from the case
 * rows (their current state; each case counted once per figure) and the visits answered on the
 * spot (当场答复, no case; dated in range): each of those counts in spot, closed and
 * closed_on_time, and when it records the resident's satisfaction in followed_up (and satisfied
 * when 满意 or 基本满意) — docs/CASES.md:
 * received: received_date in range; assigned: assigned_date in range; replied: reply_date in
 * range, not answered on the spot; spot: answered on the spot (当场答复) with its date in range;
 * closed: closed_date in range (spot answers included); closed_on_time: of those, answered on
 * the spot or with reply_date <= due_date; followed_up: followup_date in range with a
 * satisfaction (the case's current round: a new 答复 after 重办 clears the earlier 回访);
 * satisfied: of those 满意 or 基本满意. Rates are percentages (0..100), -1 when the
 * denominator is 0: on_time_rate = closed_on_time / closed, satisfaction_rate =
 * satisfied / followed_up. Every figure is a range on an index (docs/CASES.md). */
struct case_stats {
	int64_t received, assigned, replied, spot, closed, closed_on_time, followed_up, satisfied;
	int64_t spot_visits; /* of spot: visits answered on the spot (当场答复) without a case */
	double on_time_rate, satisfaction_rate;
};
int db_cases_stats(struct db *db, const char *from, const char *to, struct case_stats *out, char **err);

/* Soft-delete a case. Refused when it has any event besides 受理 ("案件已有办理记录，不能删除；
 * 如需删除请联系站长"). Its number is never given again. */
int db_cases_delete(struct db *db, int64_t id, char **err);
/* Undo db_cases_delete. */
int db_cases_restore(struct db *db, int64_t id, char **err);

/* EXPLAIN QUERY PLAN of the 超期 and 临期 queries, one line per plan row prefixed by the list
 * ("超期: SEARCH c USING INDEX cases_status_due (status=? AND due_date<?)"), for the
 * benchmark. Return non-zero from cb to stop. */
int db_cases_explain(struct db *db, const char *today, int (*cb)(void *ud, const char *line), void *ud, char **err);

#endif
