/* 报表: the county summary of a period on screen (core/summary.h, db/summary.c), with the same
 * exports as `station export` (report/export.c). Opened from home with ACT_REPORT. */
#ifndef STATION_UI_REPORT_H
#define STATION_UI_REPORT_H

/* Open the screen at this quarter. */
void report_push(void);

#endif
