/* 履职积分 and the yearly figures of deputies in SQL: what each deputy did in a year, counted
 * from the records (reception duty, visits received, activities attended, suggestions, cases,
 * 述职评议, 民生实事项目 proposed) with one GROUP BY query per table for all deputies at once; the ranking (those
 * counts through the rules of core/points.h, plus the manual adjustments); the adjustments
 * themselves (point_adjustments); the 五级代表进站 count of a period.
 * Errors: -1 and *err a new Chinese message. */
#ifndef STATION_DB_POINTS_H
#define STATION_DB_POINTS_H

#include "core/points.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

#define POINTS_TYPES_MAX 16 /* activity types (core/activity.h activity_types) at most */

/* Attendance statuses, in the order of struct points_figures.act. */
enum { ATT_PRESENT, ATT_LEAVE, ATT_ABSENT, ATT_COUNT };
/* Satisfaction, in the order of the sat arrays: 满意, 基本满意, 不满意. */
enum { SAT_YES, SAT_BASIC, SAT_NO, SAT_COUNT };

/* What one deputy did in one year (dates from January 1 to December 31), from the records. */
struct points_figures {
	int64_t deputy_id;
	int64_t duty_days;                       /* reception days on duty (not cancelled) */
	int64_t received, received_people;      /* visits received, any channel but 走访; residents */
	int64_t walks, walk_people;             /* visits of channel 走访; residents */
	int64_t act[POINTS_TYPES_MAX][ATT_COUNT]; /* by activity_types index: 出席, 请假, 缺席 */
	int64_t led, seconded;                  /* suggestions led, seconded */
	int64_t cases, cases_closed;            /* cases from the visits received (by the visit's
						 * date) or raised by the deputy (代表调研, by the
						 * received date); of them 办结 */
	int64_t case_sat[SAT_COUNT];            /* their 回访 satisfaction */
	int64_t evals, eval_people;             /* 述职评议 held; residents who took part */
	int64_t eval_votes[SAT_COUNT];          /* their votes */
	int64_t projects;                       /* 民生实事项目 proposed (projects.proposer_deputy_id,
						 * 征集日期 in the year; full only) */
	int64_t projects_passed;                /* the deputy's projects that passed a vote session
						 * held in the year (vote_date; the points item
						 * 民生实事：提出并通过) */
	int adjusted;                           /* tenths: manual adjustments of the year */
};

/* Activities attended in all types. */
int64_t points_figures_attended(const struct points_figures *f);
/* The count of every rule's item (counts[i] for rules->v[i]) from the figures. */
void points_figures_counts(const struct points_figures *f, const struct points_rules *rules, int64_t *counts);
/* Are the figures all zero (nothing done, no adjustment)? */
bool points_figures_empty(const struct points_figures *f);

/* One deputy of a ranking or a register, with the year's figures and points. */
struct points_rank {
	int64_t deputy_id;
	char *name, *level, *status; /* owned */
	struct points_figures fig;
	struct points_result res; /* item names borrowed from the rules given */
	int rank;                 /* 1 for the most points; equal totals share a rank */
	int order;                /* position in the pinyin order of names (1 first) */
};

/* Every deputy (not deleted) who is in office or did something that year, with the year's
 * figures and points, highest total first (then by name in pinyin order). full: every figure
 * (the register); else only what the points are made of (duty_days and the cases stay 0 — the
 * ranking, faster). The rules must outlive the array (item names are borrowed). *out: new array
 * (db_points_ranking_free). */
int db_points_ranking(struct db *db, const struct points_rules *rules, int year, bool full, struct points_rank **out,
		      int *n, char **err);
void db_points_ranking_free(struct points_rank *v, int n);
/* One deputy's year (also a deleted or departed one): figures, points and name. */
int db_points_deputy(struct db *db, const struct points_rules *rules, int year, int64_t deputy_id,
		     struct points_rank *out, char **err);
void db_points_rank_clear(struct points_rank *r);

/* Deputies of each level (deputy_levels order, 5 of them) who came to the station between from
 * and to (ISO dates, inclusive): on duty at a reception day that was not cancelled, or present at
 * an activity. */
int db_points_levels_came(struct db *db, const char *from, const char *to, int64_t counts[5], char **err);

/* A manual adjustment of a deputy's yearly points. */
struct points_adjustment {
	int64_t id;
	char date[11];
	int points;          /* tenths, may be negative */
	char *reason;        /* owned */
	char *approved_by;   /* owned */
};
/* Store an adjustment: points non-zero; reason and approver required (refused with a message
 * naming what is missing, nothing written); year 2000..2100; date ISO or NULL/"". */
int db_points_adjust(struct db *db, int64_t deputy_id, int year, const char *date, int points, const char *reason,
		     const char *approved_by, int64_t *id, char **err);
/* A deputy's adjustments of a year, oldest first. *out: new array (db_points_adjustments_free). */
int db_points_adjustments(struct db *db, int64_t deputy_id, int year, struct points_adjustment **out, int *n,
			  char **err);
void db_points_adjustments_free(struct points_adjustment *v, int n);

#endif
