/* 一人一档 (a deputy's file for one year) and the 代表履职登记簿 (every deputy's yearly figures
 * side by side, with the 五级代表进站 count of this quarter). See docs/POINTS.md. */
#ifndef STATION_UI_DEPUTYFILE_H
#define STATION_UI_DEPUTYFILE_H

#include <stdint.h>

/* A deputy's file for a year: reception duty, residents received, 走访, activities by type with
 * attendance, suggestions led and seconded, cases and their outcomes, 述职评议, points with the
 * breakdown and adjustments. Read-only; F5 another year, F9 an adjustment. */
void deputyfile_push(int64_t deputy_id, int year);
/* The 代表履职登记簿 (title from station.ini [registers] performance) for this year. */
void perfbook_push(void);

#endif
