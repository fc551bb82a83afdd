/* 履职积分: the ranking of a year (履职之星) as a list screen — each deputy's points by item
 * group, F5 another year, Enter the deputy's file, F9 a manual adjustment — and the rules in
 * force. See docs/POINTS.md. */
#ifndef STATION_UI_POINTS_H
#define STATION_UI_POINTS_H

#include "core/points.h"

#include <stdint.h>

/* The rules in force: station.ini [points] (its file, else data/points.csv, then its single
 * items), read again at each call so an edited rules file takes effect when a screen opens. A
 * bad file keeps the rules in force (the built-in ones at first) and says why on the message
 * line. Borrowed; stays valid (and unchanged) until the next call. */
const struct points_rules *points_ui_rules(void);

/* The ranking screen for this year. */
void points_push(void);
/* The form of a manual adjustment, for deputy (0: to choose) and year. */
void points_adjust_push(int64_t deputy_id, int year);
/* F5's question: a year 2000..2100 into *year; false (message shown) when cancelled or bad. */
bool points_ask_year(const char *what, int *year);
struct points_rank;
/* The rows of v (n of them) the typed filter keeps: a substring of the name, or the exact
 * level. *shown: a new array of their indexes (never NULL). Returns how many. */
int points_ui_shown(const struct points_rank *v, int n, const char *filter, int **shown);
/* The points of a group of items, tenths: items equal to name, or starting with it when it ends
 * with "：" (all the activity items). */
int points_ui_group(const struct points_result *r, const char *name);

#endif
