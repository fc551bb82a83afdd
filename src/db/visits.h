/* 接待选民登记 in SQL: visits, their receiving deputies (visit_deputies) and the case a 交办
 * creates, the register list with its counts, returning residents, and the month listing.
 *
 * Values are arrays of VIS_NFIELDS strings (core/visit.h) that passed record_check(); an empty
 * value is stored as NULL and read back as "". VIS_REPLY is stored in visits.handling_reason
 * when the handling is 不予受理 and in visits.reply otherwise, and read back from whichever holds
 * it. Deleted visits (soft delete) are invisible everywhere. Every write is one transaction
 * (nested in the caller's, if any) with its audit rows: it all happens or none of it does. */
#ifndef STATION_DB_VISITS_H
#define STATION_DB_VISITS_H

#include "core/calendar.h"
#include "core/config.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* Most receiving deputies of one visit. */
#define VISIT_MAX_DEPUTIES 30

/* What a save needs besides the values: the station's settings and calendar, for the case a
 * 交办 creates (its number <station_code>-<year>-<seq>, its due date). Both borrowed. */
struct visit_ctx {
	const struct cfg *cfg;      /* station_code, case_days */
	const struct calendar *cal; /* due dates in working days */
	const char *today;          /* "YYYY-MM-DD"; NULL: clock_today() */
};

/* The links of a visit that are not fields. Borrowed for the call. */
struct visit_links {
	int64_t reception_day_id;  /* 0: none. A 接待日来访 saved with 0 is linked to the reception
				    * day on its date, if there is one that is not cancelled */
	const int64_t *deputy_ids; /* receiving deputies (the visiting deputy for 走访) */
	int ndeputies;             /* 0..VISIT_MAX_DEPUTIES; 走访 needs 1 at least */
	int64_t case_id;           /* an existing case this visit belongs to (a returning resident
				    * about an open case): linked, and no new case is created even
				    * for 交办. 0: none (update: keep the visit's case as it is) */
	int64_t unit_id;           /* 承办单位 of the case a 交办 creates: the case is assigned to it
				    * (交办 event, due date = the due_days-th working day after the
				    * visit's date). 0: none yet; the case stays 受理 (待交办) */
	int due_days;              /* 办理时限 in working days of that case; 0: cfg->case_days */
};

/* Insert a visit, its receiving deputies and — when the handling is 交办 and links->case_id is
 * 0 — its case (db_cases_create: source 来访, summary visit_summary() of the content, category,
 * content, contact name and phone from the visit, received date = the visit's date, linked both
 * ways; then, when links->unit_id is set, db_cases_act 交办 dated the visit's date, which sets the
 * due date from the calendar), in ONE transaction: any failure (a deputy, reception day, case or
 * unit that does not exist, a date after today for the case, the disk) leaves neither the visit
 * nor the case. *id gets the visit's id; *case_id (may be NULL) the case created or linked (0 when
 * none); *notice (may be NULL) NULL or a new sentence for the clerk from the case loop (a due
 * date moved off a holiday, a year without holiday data; caller frees). Checks
 * visit_check_links() too. */
int db_visits_insert(struct db *db, const struct visit_ctx *ctx, char *const *vals, const struct visit_links *links,
		     int64_t *id, int64_t *case_id, char **notice, char **err);
/* Update a visit's values and replace its receiving deputies, in one transaction. A visit that
 * becomes 交办 without a case gets one (as insert). A visit whose own case (created from it)
 * exists cannot leave 交办: the message says to handle it in the case. links->case_id 0 keeps the
 * visit's case; links->reception_day_id is set as on insert (0: none, or the 接待日来访 rule). */
int db_visits_update(struct db *db, const struct visit_ctx *ctx, int64_t id, char *const *vals,
		     const struct visit_links *links, char **notice, char **err);
/* Soft delete (hidden; recoverable by the station head) and restore. A case created from the
 * visit stays: it has its own life in 意见建议办理簿. */
int db_visits_delete(struct db *db, int64_t id, char **err);
int db_visits_restore(struct db *db, int64_t id, char **err);

/* One visit with its links. Filled by db_visits_get(); release with db_visit_info_free().
 * Everything is owned by the struct. */
struct visit_info {
	int64_t id;
	char **vals;              /* VIS_NFIELDS strings */
	int64_t reception_day_id; /* 0 when none */
	char reception_date[11];  /* its date, "" when none */
	int ndeputies;
	int64_t *deputy_ids; /* receiving deputies, in the order they were set */
	char **deputy_names;
	char *deputy_text; /* names joined with "、", "" when none */
	int64_t case_id;   /* 0 when none */
	char *case_no;     /* "" when none */
	char *case_status; /* 受理/办理中/已答复/办结, "" when none */
	int64_t suggestion_id;  /* the 代表建议 the visit was turned into (visit_suggestions), 0: none */
	char *suggestion_no;    /* its number, "" when none (or not numbered) */
	char *suggestion_title; /* its title, "" when none */
	char *created_at, *updated_at;
};
void db_visit_info_free(struct visit_info *v);
int db_visits_get(struct db *db, int64_t id, struct visit_info *out, char **err);

/* Which visits a list shows. Every member is optional (NULL, "" or 0: any); they combine
 * with AND. Strings are borrowed. */
struct visit_filter {
	const char *month;     /* "YYYY-MM" */
	const char *date_from; /* ISO, inclusive */
	const char *date_to;   /* ISO, inclusive */
	int64_t reception_day_id;
	int64_t deputy_id;    /* among the receiving deputies */
	const char *category; /* exact */
	const char *channel;  /* exact */
	const char *handling; /* exact */
	const char *text;     /* substring of the content, the visitor's name or phone
			       * (case-insensitive for ASCII; % _ \ are plain characters) */
	/* Pages only (db_visits_page): the rows after this one in the list order, instead of an
	 * OFFSET (keyset paging); before_date NULL: from the offset given. Ignored by counts. */
	const char *before_date;
	int64_t before_id;
	/* Counts only: stop counting after this many rows (0: count all); db_visits_count then
	 * returns 1 with *visits = count_cap and *people of those rows. The list sets it for a typed
	 * text, which may match a large share of a million rows (db/search.h). */
	int64_t count_cap;
};
/* True if month is "YYYY-MM" with a real month. */
bool db_visits_month_ok(const char *month);

/* One row of a list; every pointer is borrowed for the call only. */
struct visit_row {
	int64_t id;
	const char *date, *channel, *name, *gender, *phone, *address;
	int people;
	const char *content; /* in full */
	const char *category, *handling;
	const char *reply;                 /* VIS_REPLY as described above */
	const char *deputy_text;           /* receiving deputies, names joined with "、" */
	int64_t case_id;                   /* 0 when none */
	const char *case_no, *case_status; /* "" when none */
};
/* Return non-zero to stop. */
typedef int (*visit_row_cb)(void *ud, const struct visit_row *row);

/* The number of visits and of people (a group visit counts its 人数) for the filter (NULL: all).
 * Either out pointer may be NULL. Returns 0, 1 when f->count_cap stopped the count, -1 on error.
 * The text goes to the full-text index (3+ characters) or to LIKE (db/search.h); both find the
 * same rows. */
int db_visits_count(struct db *db, const struct visit_filter *f, int64_t *visits, int64_t *people, char **err);
/* A page sorted by date, then id, newest first. limit < 0: no limit. */
int db_visits_page(struct db *db, const struct visit_filter *f, int64_t offset, int limit, visit_row_cb cb, void *ud,
		   char **err);
/* The same list counted from its end: the rows offset.. of the list read backwards, oldest
 * first (cb gets them in that order). A list near its end (End, PgUp from there) reads a few
 * rows of the visits_date index this way instead of skipping up to a million with OFFSET. */
int db_visits_page_from_end(struct db *db, const struct visit_filter *f, int64_t offset, int limit, visit_row_cb cb,
			    void *ud, char **err);
/* The visits of a month ("YYYY-MM"), oldest first (the ledger's order), for printing.
 * A bad month is an error with a Chinese message. */
int db_visits_month(struct db *db, const char *month, visit_row_cb cb, void *ud, char **err);

/* One earlier visit of a returning resident; pointers borrowed for the call only. */
struct visit_earlier {
	int64_t id;
	const char *date, *name, *phone, *channel, *handling;
	const char *content;               /* the start of the content: at most 40 characters */
	int64_t case_id;                   /* 0 when none */
	const char *case_no, *case_status; /* "" when none */
	bool case_open;                    /* the case is not 办结: link to it rather than open a new one */
};
typedef int (*visit_earlier_cb)(void *ud, const struct visit_earlier *e);
/* Year of the earliest visit on record (deleted ones too: they were entered), 0 if none. */
int db_visits_first_year(struct db *db, int *year, char **err);

/* Earlier visits of the same resident, newest first, at most limit (< 0: no limit): by phone
 * when phone is not empty; else by name when name is neither empty nor 匿名; else none.
 * exclude_id (0: none) leaves out the visit being edited. Uses the indexes visits_phone and
 * visits_name, so it is quick on a million visits. Returns the number of rows passed to cb. */
int db_visits_earlier(struct db *db, const char *phone, const char *name, int64_t exclude_id, int limit,
		      visit_earlier_cb cb, void *ud, char **err);

#endif
