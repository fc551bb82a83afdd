/* The two notices a station posts (公示), as one-page PDFs (report/pdf.h): the 接待日 notice —
 * date with weekday, hours, place, the deputies on duty by level — and the year's 年度活动计划.
 * Errors: -1 and *err a new Chinese message (no reception day on that date, a cancelled one, a
 * missing font or folder ...). */
#ifndef STATION_REPORT_NOTICE_H
#define STATION_REPORT_NOTICE_H

#include "core/config.h"
#include "db/db.h"

/* The notice of the reception day on date ("YYYY-MM-DD"). out_path NULL or "": [print] folder /
 * 接待日公告-YYYY-MM-DD.pdf. *path_out (may be NULL) gets the file's path (new string). */
int notice_reception(struct db *db, const struct cfg *cfg, const char *date, const char *out_path, char **path_out,
		     char **err);
/* The 年度活动计划 of year as a table to post (A4 portrait). out_path NULL or "": [print]
 * folder / 年度活动计划-YYYY.pdf. An empty plan is refused (nothing to post). */
int notice_plan(struct db *db, const struct cfg *cfg, int year, const char *out_path, char **path_out, char **err);

#endif
