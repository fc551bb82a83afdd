/* 代表建议 in SQL: suggestions, their co-sponsors (suggestion_deputies), the cases they grew out
 * of (suggestion_cases), the register list, the handling actions, and the suggestions of a case.
 *
 * Values are arrays of SUG_NFIELDS strings (core/suggestion.h) that passed record_check(); an
 * empty value is stored as NULL and read back as "". The fields naming other records (SUG_LEAD,
 * SUG_COSPONSORS, SUG_UNIT, SUG_CASES) are not stored from the values: a save takes their ids
 * (struct suggestion_ids, from the form's choice fields) and checks that each exists and is not
 * deleted — one already linked to the suggestion stays acceptable even if it was deleted
 * since. Reading gives them back as ids and as plain names / case numbers joined by "、". This
 * layer never matches a name to an id.
 *
 * The status and the dates of the handling change only through db_suggestions_act(); a form
 * save checks the handling fields against the status (suggestion_check_stage) and keeps the
 * status. Deleted suggestions (soft delete) are invisible everywhere. Every write is one
 * transaction (nested in the caller's, if any) with its audit rows: all of it or none. */
#ifndef STATION_DB_SUGGESTIONS_H
#define STATION_DB_SUGGESTIONS_H

#include "core/suggestion.h"
#include "db/cases.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* Most co-sponsors and most linked cases of one suggestion. */
#define SUGGESTION_MAX_COSPONSORS 100
#define SUGGESTION_MAX_CASES      50

/* The records a save links, by id (borrowed). Repeated ids are dropped; a co-sponsor may not be
 * the lead. */
struct suggestion_ids {
	int64_t lead_id; /* 领衔代表: required */
	const int64_t *cosponsor_ids;
	int ncosponsors; /* at most SUGGESTION_MAX_COSPONSORS */
	const int64_t *case_ids;
	int ncases;      /* at most SUGGESTION_MAX_CASES */
	int64_t unit_id; /* 承办单位 (0: none); a correction of what 交办 wrote */
	int64_t visit_id; /* insert only: the visit (处理方式 转为代表建议) the suggestion is entered
			   * from, linked in visit_suggestions in the same transaction; a visit that
			   * is deleted or already has its suggestion is refused. 0: none */
};

/* Insert a suggestion (status 已提出) with its lead, co-sponsors and linked cases, and its 提出
 * event (dated its 提出日期). The handling fields must be empty (use db_suggestions_act). *id
 * (may be NULL) gets the new id. */
int db_suggestions_insert(struct db *db, char *const *vals, const struct suggestion_ids *links, int64_t *id,
			  char **err);
/* Update the values and replace the lead, the co-sponsors and the linked cases, keeping the
 * status. The handling fields may correct what the actions wrote (suggestion_check_stage;
 * 办理时限 not before 交办 and not after the extension limit). */
int db_suggestions_update(struct db *db, int64_t id, char *const *vals, const struct suggestion_ids *links, char **err);
/* Insert (id 0; *new_id gets the id) or update, as above, with a refusal that names the column
 * of the field it is about (suggestion_def's col: lead_deputy_id, cosponsors, unit_id, cases, or
 * the first field a check refused; NULL for the database's own failure). For forms. */
int db_suggestions_save(struct db *db, int64_t id, char *const *vals, const struct suggestion_ids *links,
			int64_t *new_id, struct refusal *why);
/* Soft delete (hidden; recoverable by the station head) and restore. */
int db_suggestions_delete(struct db *db, int64_t id, char **err);
int db_suggestions_restore(struct db *db, int64_t id, char **err);

/* One suggestion with its links. Filled by db_suggestions_get(); release with
 * db_suggestion_info_free(). Everything is owned by the struct. */
struct suggestion_info {
	int64_t id;
	char **vals; /* SUG_NFIELDS strings; the lead, co-sponsors and unit as plain names, the cases
		      * as numbers (joined by "、") */
	struct suggestion_state state;
	int64_t lead_id; /* 0 when none */
	int ncosponsors;
	int64_t *cosponsor_ids; /* in the order they were set */
	int ncases;
	int64_t *case_ids; /* in the order of SUG_CASES */
	char *visits;      /* the visits it was entered from (visit_suggestions), "2026-11-16 王大爷"
			    * each, joined by "、"; "" when none */
	char *uid, *created_at, *updated_at;
};
void db_suggestion_info_free(struct suggestion_info *s);
int db_suggestions_get(struct db *db, int64_t id, struct suggestion_info *out, char **err);
/* The values alone (register screen): *vals SUG_NFIELDS new strings (record_free_values). */
int db_suggestions_get_values(struct db *db, int64_t id, char ***vals, char **err);
/* The state alone (before an action). */
int db_suggestions_state(struct db *db, int64_t id, struct suggestion_state *out, char **err);

/* One action, as core/suggestion.h describes: load the state, suggestion_apply() it, write the
 * row and one suggestion_events row (type = the action's label, date, at = now 'YYYY-MM-DD
 * HH:MM', who (act->who, else db_user()), unit_id (the unit handling it), due_date (交办, 延期,
 * 重办), note (the reason or remark; for 答复 the reply, the remark after it on a line
 * "备注：..."), result (答复), satisfaction (征询意见), status_after) in one transaction with
 * their audit rows. 重办 clears the row's reply. 交办 takes act->unit_id; a missing or deleted
 * unit is refused at "unit_id".
 * today: "YYYY-MM-DD" (NULL: clock_today). On refusal nothing is written and *why (may be NULL)
 * says why and names the field, as suggestion_apply does (NULL for the database's own failure);
 * on success *why is emptied. */
int db_suggestions_act(struct db *db, int64_t id, const struct suggestion_act *act, const char *today,
		       struct refusal *why);
/* The timeline of suggestion id (not deleted), oldest first (by time recorded, then id), as the
 * rows of a case's timeline (db/cases.h; how is always ""). */
int db_suggestions_timeline(struct db *db, int64_t id, case_event_cb cb, void *ud, char **err);

/* Which suggestions a list shows. Every member is optional (NULL, "" or 0: any); AND. */
struct suggestion_filter {
	const char *text;     /* substring of the title, content, number or lead deputy's name
			       * (case-insensitive for ASCII; % _ \ are plain characters); ASCII
			       * letters also match the lead's pinyin initials ("ls") or full
			       * pinyin ("lisi"). Spaces around it are ignored. */
	const char *status;   /* exact status label */
	const char *category; /* exact */
	int64_t deputy_id;    /* lead or co-sponsor */
	int64_t unit_id;      /* 承办单位 */
	const char *year;     /* "YYYY": 提出日期 in that year */
	const char *date_from; /* 提出日期 from (ISO, inclusive; a range on suggestions_date) */
	const char *date_to;   /* 提出日期 to (ISO, inclusive) */
	bool overdue;         /* only 办理中 with due date before today (needs today) */
	const char *today;    /* "YYYY-MM-DD" for overdue and SUG_X_OVERDUE; NULL: clock_today() */
};

/* A page row: id and SUG_NCOLS values (the fields, then enum suggestion_extra), borrowed for
 * the call. Deputies are plain names here (the pick items are for forms: use get). Return
 * non-zero to stop. Same shape as the register screen's row callback. */
typedef int (*suggestion_row_cb)(void *ud, int64_t id, const char *const *vals);

int db_suggestions_count(struct db *db, const struct suggestion_filter *f, int64_t *n, char **err);
/* EXPLAIN QUERY PLAN of db_suggestions_count's query for f, its lines joined by "\n" (new
 * string in *plan), to check that a date range is served by an index. */
int db_suggestions_count_plan(struct db *db, const struct suggestion_filter *f, char **plan, char **err);
/* A page sorted by sort_col (a field or an enum suggestion_extra; -1 or unknown: 提出日期),
 * then id; desc reverses (empty values last either way). Default order is newest first when
 * sort_col < 0. limit < 0: no limit. */
int db_suggestions_page(struct db *db, const struct suggestion_filter *f, int sort_col, bool desc, int64_t offset,
			int limit, suggestion_row_cb cb, void *ud, char **err);

/* A suggestion linked to a case; pointers borrowed for the call. */
struct suggestion_link {
	int64_t id;
	const char *no; /* 编号, "" when none */
	const char *title;
	const char *status; /* 已提出/办理中/已答复/办结 */
	const char *date;   /* 提出日期 */
	const char *lead;   /* 领衔代表's name */
};
typedef int (*suggestion_link_cb)(void *ud, const struct suggestion_link *l);
/* The non-deleted suggestions case_id is linked to, oldest first. Returns the number passed to
 * cb, or -1. */
int db_suggestions_for_case(struct db *db, int64_t case_id, suggestion_link_cb cb, void *ud, char **err);

#endif
