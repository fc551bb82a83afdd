/* The exports of the county summary and the detail lists as CSV (docs/EXPORT.md), written by
 * report/csvout.c from db/summary.c. Shared by `station export` and the 报表 screen.
 *
 * Detail files: the columns of detail_defs[kind] (uid first), then 联络站编号 and 格式版本, so
 * a merged table still says where each row came from and `station merge` knows the format. */
#ifndef STATION_EXPORT_H
#define STATION_EXPORT_H

#include "core/config.h"
#include "core/summary.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* The two columns after a detail row's own. */
#define EXPORT_COL_CODE    "联络站编号"
#define EXPORT_COL_VERSION "格式版本"

struct export_opts {
	enum csv_encoding enc;
	bool unmasked;    /* phone, ID number and address in full */
	bool force;       /* replace an existing file */
	const char *code; /* station code written on detail rows */
	/* Called every EXPORT_PROGRESS_ROWS rows and at the end (may be NULL). */
	void (*progress)(void *ud, int64_t done, int64_t total);
	void *ud;
};
#define EXPORT_PROGRESS_ROWS 20000

/* Write the summary s (counted by db_summary) as a header and one row to path. 0 or -1, *err. */
int export_summary(const struct summary *s, const char *path, const struct export_opts *o, char **err);
/* Write the detail list kind (enum detail_kind) for from..to to path; *rows (may be NULL) gets
 * the rows written (without the header). 0 or -1, *err; on failure no file is left at path. */
int export_details(struct db *db, int kind, const char *from, const char *to, const char *path,
		   const struct export_opts *o, int64_t *rows, char **err);

/* The default file name of an export: "<code>-<what>-<from>_<to>.csv" in folder (""/NULL: the
 * working directory), what being "汇总" or the detail's Chinese title. New string. */
char *export_default_path(const char *folder, const char *code, int kind, const char *from, const char *to);
/* kind for export_default_path of the summary. */
#define EXPORT_SUMMARY (-1)

#endif
