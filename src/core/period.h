/* A period as a clerk writes it — a year, a half-year, a quarter, a month, a day or a range of
 * them — turned into the dates it covers, and back into a label for a list's status line.
 *
 * Spellings (full-width digits and letters, as an input method types them, work too; spaces
 * are ignored):
 *   year     2026  2026年
 *   half     2026H1  2026年上半年  2026年下半年
 *   quarter  2026Q4  2026-Q4  2026 Q4  2026q4  2026年第四季度  2026年4季度  2026年第4季度
 *   month    2026-10  2026/10  2026.10  2026年10月  202610  2026-1
 *   day      2026-10-01  2026/10/1  2026年10月1日  20261001
 *   range    two of the above joined by ~ 至 到 .. or -, e.g. 2026-10-01~2026-12-31,
 *            2026-10-01 至 2026-12-31, 20261001-20261231, 2026-10-01..2026-12-31, 2026Q3~2026Q4:
 *            from the first day of the first to the last day of the second.
 * Nothing here touches the clock, the database or the screen. */
#ifndef STATION_CORE_PERIOD_H
#define STATION_CORE_PERIOD_H

#include <stdbool.h>

/* Examples for a prompt. */
#define PERIOD_EXAMPLES "2026Q4、2026年第四季度、2026-10、2026 或 2026-10-01~2026-12-31"

/* The dates of a period, both inclusive, "YYYY-MM-DD". */
struct period {
	char from[11];
	char to[11];
};

/* Parse text into *out. Returns 0, or -1 with a new Chinese message in *err (may be NULL) for
 * an empty text, a spelling not understood, a month, quarter or day that does not exist
 * (2026-13, 2026Q5, 2026-02-30) or a range whose start is after its end; *out is then
 * untouched. */
int period_parse(const char *text, struct period *out, char **err);

/* The month of an ISO date ("2026-11-23": 2026-11-01 to 2026-11-30). False for a bad date. */
bool period_month_of(const char *iso, struct period *out);

/* A label for p (new string): a whole year, half-year, quarter or month by its name with its
 * days — "2026年第四季度（10-01 至 12-31）", "2026年11月（11-01 至 11-30）", "2026年（01-01 至
 * 12-31）" — and anything else as "2026-10-05 至 2026-11-20" (one day: "2026-10-05"). */
char *period_label(const struct period *p);

/* True if iso (a "YYYY-MM-DD" date) lies in p. */
bool period_has(const struct period *p, const char *iso);

#endif
