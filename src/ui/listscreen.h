/* One list screen for every register. A register's list is a description (struct
 * listscreen_desc): its columns, its data (count and page for the typed filter), its own actions
 * as key-table rows (new, open, edit, delete, its filter ...), and optionally the text shown
 * right of the filter line and how to clear its own filters. The screen adds what every list
 * has — sorting, moving, paging, clearing the filter, back, quit — to the same key table, so the
 * key bar, F1 help and dispatch all come from one table.
 *
 * Call order: fill a description (a static or the state's own), listscreen_push(); action
 * handlers (struct binding.run) get the screen and use listscreen_state()/listscreen_selected();
 * when they change the screen's own filters they call listscreen_refilter(). The state is freed
 * by desc.fini when the screen closes.
 *
 * A register whose rows have a date (受理日期, 提出日期, 来访日期) sets set_period: the screen adds
 * the 期间 key (ACT_PERIOD), which asks for a period as the clerk writes it (core/period.h: 2026,
 * 2026Q4, 2026年第四季度, 2026-10, 2026-10-01~2026-12-31 ...; a bad one is refused in the
 * dialog, keeping what was typed) and hands it to the register, and a summary line above the
 * filter line says the period and what the count found for it. */
#ifndef STATION_UI_LISTSCREEN_H
#define STATION_UI_LISTSCREEN_H

#include "core/period.h"
#include "ui/app.h"
#include "ui/help.h"
#include "ui/list.h"

#include <stdbool.h>
#include <stdint.h>

struct listscreen_desc {
	const char *title;           /* title bar */
	const struct list_col *cols; /* columns; sort_key is passed to fetch */
	int ncols;
	int sort_col; /* column sorted by when the screen opens */
	bool desc;    /* ... in descending order (newest first) */
	/* Rows for the typed filter text: their number, and a page sorted by sort_key. */
	int (*count)(void *state, const char *text, int64_t *n, char **err);
	int (*fetch)(void *state, const char *text, int sort_key, bool desc, int64_t offset,
		     const struct list_anchor *after, int limit, struct list_page *page, char **err);
	/* The register's own actions, in key-bar order; ended by ACT_NONE. Borrowed. */
	const struct binding *actions;
	/* Optional: the text right of the filter line (new string), and *filtered set when the
	 * register's own filters narrow the rows. */
	char *(*status)(void *state, bool *filtered);
	/* Optional: the filter text the screen opens with (e.g. this year); clearing the filter
	 * goes back to it, and Esc on it goes back a screen. Borrowed. */
	const char *default_filter;
	/* Optional: clear the register's own filters (Esc and the clear key clear them with the
	 * typed text). */
	void (*clear_filters)(void *state);
	/* Optional: the period key. set_period gets the period typed (NULL: every date) and the
	 * text as typed ("" for none), both borrowed for the call; then the rows are counted again.
	 * period_field names the date it narrows ("受理日期") in the dialog. The clear key must
	 * reset the period through clear_filters. */
	void (*set_period)(void *state, const struct period *p, const char *text);
	const char *period_field;
	/* Optional: the line above the filter line (new string): the period and what the count
	 * found for it ("期间：2026年第四季度（10-01 至 12-31）  共 12 件，其中办结 5 件"). Asked after
	 * each count; it only formats what the state holds (no queries). */
	char *(*summary)(void *state);
	/* Optional: called when the screen is shown again after the one above it closed (the rows
	 * are reloaded first), e.g. to open a record just created. */
	void (*reload)(struct screen *s);
	/* Optional: the SQL table whose ids the rows are: the screen adds 历史 (ACT_HISTORY), the
	 * selected record's history (ui/history.h). */
	const char *table;
	/* Optional: free state when the screen closes. */
	void (*fini)(void *state);
	void *state;
	/* The screen's help page (ui/help.h): its note is F1's explanation; its flags must say which
	 * rows this list adds (checked). Borrowed. */
	const struct help_page *help;
};

/* Rows listscreen_table() may add to a register's own actions (with the ACT_NONE row). */
#define LISTSCREEN_EXTRA 20

/* The key table of a list: F1, the register's own actions, then 期间 (period), 打印 (print),
 * the rows every list has and 历史 (history), each left out where a key of it is already taken.
 * out has room for the actions plus LISTSCREEN_EXTRA rows. Returns the rows written, ACT_NONE
 * included. listscreen_push() and the key reference (help_keys_md) both use it. */
int listscreen_table(const struct binding *actions, bool period, bool print, bool history, struct binding *out);

/* Push a list screen for d (copied; d->actions and d->cols are borrowed). Returns the screen. */
struct screen *listscreen_push(const struct listscreen_desc *d);
/* The description's state, for the action handlers. */
void *listscreen_state(struct screen *s);
/* Id of the selected row, or -1 when the list is empty. */
int64_t listscreen_selected(struct screen *s);
/* The list widget of the screen. Borrowed. */
struct list *listscreen_list(struct screen *s);
/* The register's own filters changed: status again, rows again. */
void listscreen_refilter(struct screen *s);
/* Narrow the list to the period text names, as if the clerk had typed it at the period key (the
 * 报表 screen opens a register at its period). False if s is no list screen or has no period
 * key. */
bool listscreen_set_period(struct screen *s, const char *text);

#endif
