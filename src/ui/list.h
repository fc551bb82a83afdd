/* The list widget: columns sized and aligned by display width, sort by column, filter as you
 * type, rows fetched a page at a time from a data source (SQL with LIMIT/OFFSET behind it):
 * only the rows on screen are in memory. Enter opens the selected row. */
#ifndef STATION_UI_LIST_H
#define STATION_UI_LIST_H

#include "core/text.h"
#include "ui/keys.h"

#include <stdbool.h>
#include <stdint.h>

struct list_col {
	const char *title; /* Chinese header */
	int min_width;     /* display columns at least */
	int max_width;     /* at most (0: no limit, takes the rest) */
	enum text_align align;
	int sort_key; /* passed to fetch() when sorting by this column; -1: not sortable */
};

/* Rows handed back by fetch(): ids and ncols owned strings per row. */
struct list_page {
	int nrows;
	int64_t *ids;
	char **cells; /* nrows * ncols */
};

struct list_source {
	const struct list_col *cols;
	int ncols;
	void *ctx;
	/* Count rows for the filter. */
	int (*count)(void *ctx, const char *filter, int64_t *n, char **err);
	/* Fill page with at most limit rows from offset, sorted by sort_key. The widget frees it. */
	int (*fetch)(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset, int limit,
		     struct list_page *page, char **err);
};

struct list;

struct list *list_new(const struct list_source *src, int sort_col);
void list_free(struct list *l);
/* Hand the list a source it frees with itself (for sources built at run time). */
void list_own_source(struct list *l, struct list_source *src);

/* Re-run the queries (after an edit, or when the filter changed). */
void list_reload(struct list *l);
/* Draw at (top, 0) in height rows; row 0 is the filter line, row 1 the header. */
void list_draw(struct list *l, int top, int height, int width, int *cursor_y, int *cursor_x);

/* Handle a key: moves, paging, sort, filter typing. Returns true if used. */
bool list_key(struct list *l, struct keypress k);

/* Id of the selected row, or -1 when the list is empty. */
int64_t list_selected(const struct list *l);
/* Make the row with this id selected if it is in the current result (looks in the current page
 * and, failing that, leaves the selection). */
void list_select_id(struct list *l, int64_t id);
int64_t list_total(const struct list *l);
const char *list_filter(const struct list *l);
/* Set the filter text (as if typed). */
void list_set_filter(struct list *l, const char *text);
/* Text shown right of the filter (e.g. "层级：县"). Borrowed until changed. */
void list_set_status(struct list *l, const char *status);
/* Last query error, or NULL. */
const char *list_error(const struct list *l);

/* Free a page's contents. */
void list_page_free(struct list_page *p, int ncols);
/* Helpers for sources: append a row to a page (copies id and ncols cells). */
void list_page_add(struct list_page *p, int ncols, int64_t id, const char *const *cells);

#endif
