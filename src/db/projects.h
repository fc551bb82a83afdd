/* 民生实事项目 in SQL: the projects register, its timeline (project_events), the actions of
 * core/project.h, the 督查 activities, the list with its filter, the overdue count of the home
 * screen and the figures of the summary (db_projects_counts). Vote sessions are db/votes.h.
 *
 * Values are arrays of PJ_NFIELDS strings (core/project.h) that passed record_check(); an empty
 * value is stored as NULL and read back as "". PJ_DEPUTY is not stored from the values: a save
 * takes the ids (struct project_links) and checks each exists and is not deleted (one already
 * linked stays acceptable). Every write is one transaction with its audit rows: all or nothing.
 * Deleted projects (soft delete) are invisible everywhere. */
#ifndef STATION_DB_PROJECTS_H
#define STATION_DB_PROJECTS_H

#include "core/project.h"
#include "db/cases.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* The records a save links, by id (0: none). */
struct project_links {
	int64_t deputy_id;     /* 提出代表 */
	int64_t visit_id;      /* insert only: the visit it came from (来访); a deleted one is refused */
	int64_t suggestion_id; /* the 代表建议 it came from (0: none; an update sets it too); a deleted
				* one is refused unless it is the one already linked */
};

/* Insert (id 0; *new_id gets the id; status 征集 and its 征集 event dated 征集日期) or update the
 * description (status and handling kept). A refusal names the column of its field
 * (project_def's col, "source_visit_id" for the visit) or NULL for the database's own failure. */
int db_projects_save(struct db *db, int64_t id, char *const *vals, const struct project_links *links,
		     int64_t *new_id, struct refusal *why);
int db_projects_delete(struct db *db, int64_t id, char **err);

/* One project. Filled by db_projects_get(); release with db_project_info_free(). Owned. */
struct project_info {
	int64_t id;
	char **vals; /* PJ_NFIELDS; PJ_DEPUTY the deputy's plain name */
	struct project_state state;
	int64_t deputy_id;
	int64_t visit_id;  /* 0: none */
	char *visit;       /* "2026-11-16 王大爷" of the source visit ("" none; "（已删除）" marked) */
	char *unit;        /* 承办单位's name ("" none) */
	char *votes;       /* "2026-12-20 某镇第十八届人大第七次会议：赞成 25 反对 2 弃权 2，通过" or "" */
	int inspections;   /* 督查 activities (not deleted) */
	int64_t suggestion_id; /* the 代表建议 it came from (0: none); its label is vals[PJ_SUGGESTION] */
};
void db_project_info_free(struct project_info *p);
int db_projects_get(struct db *db, int64_t id, struct project_info *out, char **err);
int db_projects_state(struct db *db, int64_t id, struct project_state *out, char **err);

/* One action (core/project.h project_apply): load, apply, write the row and one project_events
 * row in one transaction. 落实 checks the unit exists and is not deleted ("unit_id"). 督查 also
 * inserts an activity of type 督查 (topic "督查：<title>", the date, the note as content,
 * project_id set) with deputy_ids signed in as 出席 (each must be in the roster, not deleted:
 * "deputies"), and links the event to it. today NULL: clock_today. On refusal nothing is
 * written and *why names the field. */
int db_projects_act(struct db *db, int64_t id, const struct project_act *act, const int64_t *deputy_ids,
		    const char *today, struct refusal *why);

/* The timeline oldest first, as case timeline rows (db/cases.h): type, date, who, note; the
 * unit (落实), due_date (落实's planned date); for 进度 the note starts with "进度 N%". */
int db_projects_timeline(struct db *db, int64_t id, case_event_cb cb, void *ud, char **err);

/* Which projects a list shows; every member optional (NULL, "", 0: any); AND. */
struct project_filter {
	const char *text;      /* substring of the title, content or proposer (% _ \ plain) */
	const char *status;    /* exact status label */
	int year_from, year_to; /* 年度 within (0: no bound) */
	bool overdue;          /* only 实施 with planned date before today */
	const char *today;     /* "YYYY-MM-DD"; NULL: clock_today() */
};

/* A page row: id and PJ_NCOLS values (fields, then enum project_extra), borrowed for the call.
 * Return non-zero to stop. */
typedef int (*project_row_cb)(void *ud, int64_t id, const char *const *vals);
int db_projects_count(struct db *db, const struct project_filter *f, int64_t *n, char **err);
/* A page sorted by sort_col (a field or enum project_extra; -1: 年度 then 征集日期, newest
 * first), then id; desc reverses. limit < 0: no limit. Candidates for a vote rank by 赞成 with
 * sort_col PJ_X_YES. */
int db_projects_page(struct db *db, const struct project_filter *f, int sort_col, bool desc, int64_t offset,
		     int limit, project_row_cb cb, void *ud, char **err);

/* Projects 实施 whose planned completion date is before today (home screen). */
int db_projects_overdue_count(struct db *db, const char *today, int64_t *n, char **err);

/* The summary's project figures for 征集日期 / 票决日期 / 完成日期 / 测评 within from..to
 * (ISO, inclusive; NULL or "": no bound). For the quarterly summary and the ledger. */
struct project_counts {
	int64_t proposed;  /* projects entered (征集日期 in the period) */
	int64_t voted;     /* projects decided by a vote session held in the period */
	int64_t passed;    /* of those, passed */
	int64_t completed; /* 完成日期 in the period */
	int64_t eval_joined, eval_satisfied, eval_basic, eval_unsatisfied; /* 测评 dated in the period */
};
int db_projects_counts(struct db *db, const char *from, const char *to, struct project_counts *out, char **err);

/* For db/votes.c, inside its transaction: write a project's state, and one event of type
 * (提交票决, 通过, 未通过) linked to session_id. */
int db_projects_write_state(struct db *db, int64_t id, const struct project_state *n, char **err);
int db_projects_event(struct db *db, int64_t project_id, const char *type, const char *date, const char *note,
		      enum project_status after, int64_t session_id, char **err);

#endif
