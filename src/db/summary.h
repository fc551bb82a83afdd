/* The county's summary (core/summary.h) counted from the records, and the rows of the detail
 * lists, streamed (one statement, one row at a time: never a whole table in memory).
 *
 * Every figure is a range on a date index of its table (visits_date, cases_received_cover,
 * cases_status_due, cases_reply_date, activities_date, ...): db_summary_plan lets the tests and
 * the benchmark check there is no SCAN of visits or cases. Definitions: docs/SUMMARY.md. */
#ifndef STATION_DB_SUMMARY_H
#define STATION_DB_SUMMARY_H

#include "core/caseflow.h"
#include "core/summary.h"
#include "db/db.h"

#include <stdint.h>

/* What the summary is counted by: station.ini's [activities] min_per_quarter, the holiday
 * calendar and the [cases] assign_days / followup_days of the 五环五时 rings (db_cases_rings). */
struct summary_opts {
	int min_per_quarter;
	const struct calendar *cal; /* borrowed */
	struct ring_limits lim;
};
/* Count the figures of s (made by summary_init: its SUM_FROM..SUM_TO are the period) into s->n,
 * then summary_finish(). The rings as at the period's last day (today while it is not over), the
 * projects from db_projects_counts. Returns 0 or -1, *err. */
int db_summary(struct db *db, struct summary *s, const struct summary_opts *o, char **err);
/* EXPLAIN QUERY PLAN of the summary's own queries (those of db_cases_stats, db_reception and
 * db_points are checked by their modules), one plan line per line (new string). */
int db_summary_plan(struct db *db, const char *from, const char *to, char **plan, char **err);

/* One detail row: detail_defs[kind].ncols cells as text (numbers as digits; "" for none),
 * borrowed for the call only. Return non-zero to stop. */
typedef int (*detail_row_cb)(void *ud, const char *const *cells);
/* The rows of kind dated from..to (inclusive; visits, suggestions and activities by their date,
 * cases by 受理日期), oldest first. Deleted records are left out. */
int db_summary_details(struct db *db, int kind, const char *from, const char *to, detail_row_cb cb, void *ud,
		       char **err);
/* How many rows db_summary_details will give. */
int db_summary_details_count(struct db *db, int kind, const char *from, const char *to, int64_t *n, char **err);
/* The SELECT of db_summary_details, with ?1 and ?2 for the dates (static; for the benchmark). */
const char *db_summary_details_sql(int kind);

#endif
