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
	bool key;     /* identifies a row (a case number, a date): never cut, max_width ignored */
	int drop;     /* 0: always shown; n > 0: hidden when the screen is too narrow, highest first */
};

/* Rows handed back by fetch(): ids and ncols owned strings per row. */
struct list_page {
	int nrows;
	int64_t *ids;
	char **cells; /* nrows * ncols */
};

/* The row just before the page asked for, when the widget still has it: a source ordered by an
 * indexed key may fetch the rows after it (keyset paging) instead of skipping offset rows. */
struct list_anchor {
	int64_t id;
	const char *const *cells; /* the row's ncols cells */
};

struct list_source {
	const struct list_col *cols;
	int ncols;
	void *ctx;
	/* Count rows for the filter: 0, or 1 when the count stopped at a cap (*n rows at least,
	 * shown "共 N+ 条"), -1 on error. */
	int (*count)(void *ctx, const char *filter, int64_t *n, char **err);
	/* Fill page with at most limit rows from offset, sorted by sort_key; after (NULL if the
	 * widget does not have it) is the row at offset - 1, so a source may start after it. The
	 * widget frees the page. */
	int (*fetch)(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset,
		     const struct list_anchor *after, int limit, struct list_page *page, char **err);
};

struct list;

struct list *list_new(const struct list_source *src, int sort_col);
void list_free(struct list *l);

/* Mark the count and the page stale: the next list_prepare() queries again (after an edit, or
 * when a filter changed). */
void list_reload(struct list *l);
/* Query what is stale (count, the page around the cursor) for a body of height rows. The only
 * place the list runs its source's queries. */
void list_prepare(struct list *l, int height);
/* Draw at (top, 0) in height rows; row 0 is the filter line, row 1 the header. Reads only the
 * state list_prepare() left. */
void list_draw(struct list *l, int top, int height, int width, int *cursor_y, int *cursor_x);

/* The list's actions (each a row of a list screen's key table): move the cursor (ACT_UP,
 * ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM), sort by the next sortable column, reverse,
 * set the direction. */
void list_move(struct list *l, enum action a);
void list_sort_next(struct list *l);
void list_reverse(struct list *l);
void list_set_desc(struct list *l, bool desc);
/* Typing and editing keys (Backspace, Left/Right) in the filter line. Returns true if used. */
bool list_edit_filter(struct list *l, struct keypress k);

/* Id of the selected row, or -1 when the list is empty. */
int64_t list_selected(const struct list *l);
const char *list_filter(const struct list *l);
/* Set the filter text shown pre-filled (a default such as this year, or back to it): until the
 * clerk edits it, the first character typed replaces it and Backspace clears it (Left/Right/Del
 * start editing it instead). */
void list_set_filter(struct list *l, const char *text);
/* Text shown right of the filter (e.g. "层级：县"), copied; filtered: the screen's own filters
 * narrow the rows (the empty list then says how to clear them). */
void list_set_status(struct list *l, const char *status, bool filtered);

/* Free a page's contents. */
void list_page_free(struct list_page *p, int ncols);
/* Helpers for sources: append a row to a page (copies id and ncols cells). */
void list_page_add(struct list_page *p, int ncols, int64_t id, const char *const *cells);

#endif
