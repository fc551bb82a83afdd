/* The list widget. Keeps only the visible window of rows; re-fetches when the window moves. */
#include "ui/list.h"

#include "core/util.h"
#include "ui/app.h"
#include "ui/lineedit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

struct list {
	const struct list_source *src;
	struct lineedit filter;
	char *filter_text; /* last filter sent to the source; owned */
	char *status;      /* owned */
	char *error;       /* owned */
	int sort_col;
	bool desc;
	int64_t total;
	int64_t cursor;        /* selected row index in the result */
	int64_t top;           /* first row shown */
	int rows;              /* rows that fit (from the last draw) */
	struct list_page page; /* rows [page_off, page_off + page.nrows) */
	int64_t page_off;
	bool stale; /* page must be fetched again */
	bool status_filtered; /* the screen's own filters (shown in status) narrow the rows */
	bool count_stale;
	bool capped; /* the count stopped early (count() returned 1): total is a floor, shown "N+" */
	bool filter_preset; /* the filter text was set by the program (a default such as this year)
			     * and not edited yet: the first character typed replaces it */
};

void list_page_free(struct list_page *p, int ncols)
{
	for (int i = 0; i < p->nrows * ncols; i++)
		free(p->cells[i]);
	free(p->cells);
	free(p->ids);
	memset(p, 0, sizeof *p);
}

void list_page_add(struct list_page *p, int ncols, int64_t id, const char *const *cells)
{
	p->ids = xrealloc(p->ids, sizeof(int64_t) * (size_t)(p->nrows + 1));
	p->cells = xrealloc(p->cells, sizeof(char *) * (size_t)((p->nrows + 1) * ncols));
	p->ids[p->nrows] = id;
	for (int c = 0; c < ncols; c++)
		p->cells[p->nrows * ncols + c] = xstrdup(cells[c] ? cells[c] : "");
	p->nrows++;
}

struct list *list_new(const struct list_source *src, int sort_col)
{
	struct list *l = xcalloc(1, sizeof *l);
	l->src = src;
	l->sort_col = sort_col;
	l->filter_text = xstrdup("");
	le_init(&l->filter, "", 40, false);
	l->rows = 10;
	l->stale = l->count_stale = true;
	return l;
}

void list_free(struct list *l)
{
	if (!l)
		return;
	list_page_free(&l->page, l->src->ncols);
	le_free(&l->filter);
	free(l->filter_text);
	free(l->status);
	free(l->error);
	free(l);
}


void list_reload(struct list *l) { l->stale = l->count_stale = true; }

static void set_error(struct list *l, char *err)
{
	free(l->error);
	l->error = err;
}

/* Bring count and page up to date for the current window. */
static void list_refresh(struct list *l)
{
	char *err = NULL;
	if (l->count_stale) {
		int crc = l->src->count(l->src->ctx, l->filter_text, &l->total, &err);
		if (crc < 0) {
			set_error(l, err);
			l->total = 0;
		}
		l->capped = crc > 0;
		l->count_stale = false;
		l->stale = true;
	}
	if (l->cursor >= l->total)
		l->cursor = l->total - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	if (l->top > l->cursor)
		l->top = l->cursor;
	if (l->cursor >= l->top + l->rows)
		l->top = l->cursor - l->rows + 1;
	if (l->top < 0)
		l->top = 0;
	if (!l->stale && l->page_off == l->top && (l->page.nrows >= l->rows || l->top + l->page.nrows >= l->total))
		return;
	/* The row before the new window, if the old page (still valid: not stale) holds it. */
	struct list_anchor anchor, *after = NULL;
	int64_t ai = l->top - 1 - l->page_off;
	if (!l->stale && l->top > 0 && ai >= 0 && ai < l->page.nrows) {
		anchor = (struct list_anchor){ l->page.ids[ai], (const char *const *)&l->page.cells[ai * l->src->ncols] };
		after = &anchor;
	}
	struct list_page old = l->page;
	memset(&l->page, 0, sizeof l->page);
	l->page_off = l->top;
	const struct list_col *c = &l->src->cols[l->sort_col];
	int rc = l->src->fetch(l->src->ctx, l->filter_text, c->sort_key, l->desc, l->top, after, l->rows, &l->page, &err);
	list_page_free(&old, l->src->ncols);
	if (rc < 0)
		set_error(l, err);
	else if (l->error && !err) {
		free(l->error);
		l->error = NULL;
	}
	l->stale = false;
}

/* Shrink the shown columns (not keys unless keys_too) towards floor, last column first, until
 * room is no longer negative. */
static void shrink(struct list *l, int *w, const bool *hidden, int floor_min, bool keys_too, int *room)
{
	for (int c = l->src->ncols - 1; c >= 0 && *room < 0; c--) {
		const struct list_col *col = &l->src->cols[c];
		if (hidden[c] || (col->key && !keys_too))
			continue;
		int min = floor_min ? floor_min : col->min_width > 4 ? col->min_width : 4;
		int cut = w[c] - min < -*room ? w[c] - min : -*room;
		if (cut > 0) {
			w[c] -= cut;
			*room += cut;
		}
	}
}

/* Column widths for the rows on screen: header and cell widths, clamped (identifiers take their
 * whole width), the flexible column (max_width 0) takes what is left. Too narrow: first the
 * flexible column down to its minimum (it holds the long text, e.g. the content of a visit),
 * then the others down to their minimum, then low-priority columns are hidden (drop, highest
 * first), and at last columns shrink to 4; identifiers are cut only when nothing else is left. */
static void col_widths(struct list *l, int width, int *w, bool *hidden)
{
	int n = l->src->ncols, total = 0, flex = -1;
	for (int c = 0; c < n; c++) {
		const struct list_col *col = &l->src->cols[c];
		int cw = text_width(col->title) + 2; /* room for the sort mark */
		for (int r = 0; r < l->page.nrows; r++) {
			int x = text_width(l->page.cells[r * n + c]);
			if (x > cw)
				cw = x;
		}
		if (cw < col->min_width)
			cw = col->min_width;
		if (col->max_width && cw > col->max_width && !col->key)
			cw = col->max_width;
		if (!col->max_width && flex < 0)
			flex = c;
		w[c] = cw;
		hidden[c] = false;
		total += cw + 1;
	}
	int room = width - 1 - total;
	/* The free text keeps its room longest: the other columns give way to their minimum first. */
	if (flex >= 0)
		hidden[flex] = true;
	shrink(l, w, hidden, 0, false, &room);
	if (flex >= 0)
		hidden[flex] = false;
	shrink(l, w, hidden, 0, false, &room);
	while (room < 0) {
		int victim = -1;
		for (int c = 0; c < n; c++)
			if (!hidden[c] && l->src->cols[c].drop > 0 &&
			    (victim < 0 || l->src->cols[c].drop > l->src->cols[victim].drop))
				victim = c;
		if (victim < 0)
			break;
		hidden[victim] = true;
		room += w[victim] + 1;
	}
	shrink(l, w, hidden, 4, false, &room);
	shrink(l, w, hidden, 4, true, &room);
	if (flex >= 0 && room > 0 && !hidden[flex])
		w[flex] += room;
}

void list_prepare(struct list *l, int height)
{
	l->rows = height - 3 > 1 ? height - 3 : 1;
	list_refresh(l);
}

/* Row 0: the filter line, the status and the count. */
static void list_draw_filter(struct list *l, int y, int width, int *cursor_y, int *cursor_x)
{
	const char *label = "筛选：";
	int lw = text_width(label), fw = 24;
	ui_text(y, 1, lw, label, ALIGN_LEFT, ROLE_HEADER);
	le_draw(&l->filter, y, 1 + lw, fw, ui_attr(ROLE_FIELD), cursor_y, cursor_x);
	char *info = xasprintf("%s  共 %lld%s 条", l->status ? l->status : "", (long long)l->total, l->capped ? "+" : "");
	ui_text(y, 1 + lw + fw + 2, width - (1 + lw + fw + 2) - 1, info, ALIGN_RIGHT, ROLE_NORMAL);
	free(info);
}

/* One row of cells in the shown columns, from x = 1. */
static void list_draw_cells(struct list *l, int y, int width, const int *w, const bool *hidden,
			    char *const *cells, enum ui_role role)
{
	for (int c = 0, x = 1; c < l->src->ncols && x < width; c++) {
		if (hidden[c])
			continue;
		ui_text(y, x, w[c], cells[c], l->src->cols[c].align, role);
		x += w[c] + 1;
	}
}

/* The text of an empty result: how to clear what narrows it, or that there is nothing yet. */
static char *list_empty_text(const struct list *l)
{
	if (l->status_filtered)
		return xasprintf("没有符合筛选条件的记录（按 %s 清除全部筛选条件）", keys_first_name(ACT_CLEAR));
	if (l->filter_text[0])
		return xasprintf("没有符合筛选条件的记录（按 %s 清除筛选）", keys_first_name(ACT_BACK));
	return xstrdup("还没有记录");
}

void list_draw(struct list *l, int top, int height, int width, int *cursor_y, int *cursor_x)
{
	int n = l->src->ncols;
	int *w = xmalloc(sizeof(int) * (size_t)n);
	bool *hidden = xmalloc(sizeof(bool) * (size_t)n);
	char **head = xcalloc((size_t)n, sizeof(char *));
	list_draw_filter(l, top, width, cursor_y, cursor_x);
	/* Row 1: headers with the sort mark. */
	col_widths(l, width, w, hidden);
	for (int c = 0; c < n; c++)
		head[c] = c == l->sort_col && l->src->cols[c].sort_key >= 0
				  ? xasprintf("%s%s", l->src->cols[c].title, l->desc ? "v" : "^")
				  : xstrdup(l->src->cols[c].title);
	list_draw_cells(l, top + 1, width, w, hidden, head, ROLE_HEADER);
	str_free_array(head, n);
	/* Rows: the window [top, top + rows) of the result, from the page in memory. */
	for (int r = 0; r < l->rows; r++) {
		int y = top + 2 + r, idx = (int)(l->top + r - l->page_off);
		enum ui_role role = l->top + r == l->cursor ? ROLE_CURSOR : ROLE_NORMAL;
		ui_clear(y, 0, 1, width, idx >= 0 && idx < l->page.nrows ? role : ROLE_NORMAL);
		if (idx >= 0 && idx < l->page.nrows)
			list_draw_cells(l, y, width, w, hidden, &l->page.cells[idx * n], role);
	}
	free(w);
	free(hidden);
	if (l->total == 0) {
		char *empty = list_empty_text(l);
		ui_text(top + 3, 1, width - 2, empty, ALIGN_CENTER, ROLE_DIM);
		free(empty);
	}
	if (l->error)
		ui_text(top + height - 1, 1, width - 2, l->error, ALIGN_LEFT, ROLE_ERROR);
}

static void filter_changed(struct list *l)
{
	char *t = le_text(&l->filter);
	if (strcmp(t, l->filter_text)) {
		free(l->filter_text);
		l->filter_text = t;
		l->cursor = l->top = 0;
		list_reload(l);
	} else
		free(t);
}

/* Keep top and cursor inside the result. */
static void list_clamp(struct list *l)
{
	if (l->top > l->total - 1)
		l->top = l->total - 1;
	if (l->top < 0)
		l->top = 0;
	if (l->cursor < 0)
		l->cursor = 0;
	if (l->cursor > l->total - 1)
		l->cursor = l->total > 0 ? l->total - 1 : 0;
}

void list_move(struct list *l, enum action a)
{
	switch (a) {
	case ACT_UP:
		l->cursor--;
		break;
	case ACT_DOWN:
		l->cursor++;
		break;
	case ACT_PGUP:
		l->cursor -= l->rows;
		l->top -= l->rows;
		break;
	case ACT_PGDN:
		l->cursor += l->rows;
		l->top += l->rows;
		break;
	case ACT_TOP:
		l->cursor = 0;
		break;
	case ACT_BOTTOM:
		l->cursor = l->total - 1;
		break;
	default:
		return;
	}
	list_clamp(l);
}

void list_sort_next(struct list *l)
{
	/* The next sortable column; a list with none stays as it is. */
	for (int i = 1; i <= l->src->ncols; i++) {
		int c = (l->sort_col + i) % l->src->ncols;
		if (l->src->cols[c].sort_key >= 0) {
			l->sort_col = c;
			break;
		}
	}
	l->desc = false;
	list_reload(l);
}

void list_reverse(struct list *l)
{
	l->desc = !l->desc;
	list_reload(l);
}

void list_set_desc(struct list *l, bool desc)
{
	l->desc = desc;
	list_reload(l);
}

/* A key on a preset filter: a character typed replaces the text, Backspace clears it (returns
 * true, done); any other editing key keeps the text for editing (false: handle it as usual). */
static bool list_replace_preset(struct list *l, struct keypress k)
{
	bool text = !k.fkey && k.ch >= 32 && k.ch != 127 && iswprint(k.ch);
	bool bs = k.fkey ? k.ch == KEY_BACKSPACE : k.ch == 127 || k.ch == 8;
	l->filter_preset = false;
	if (!text && !bs)
		return false;
	le_set(&l->filter, "");
	if (text)
		le_key(&l->filter, k);
	filter_changed(l);
	return true;
}

bool list_edit_filter(struct list *l, struct keypress k)
{
	/* Typing, Backspace, Left/Right in the filter line (Home/End move the list). */
	if (l->filter_preset && !(k.fkey && ((int)k.ch == ui_key_paste_begin || (int)k.ch == ui_key_paste_end)) &&
	    list_replace_preset(l, k))
		return true;
	if (!le_key(&l->filter, k))
		return false;
	filter_changed(l);
	return true;
}

int64_t list_selected(const struct list *l)
{
	int idx = (int)(l->cursor - l->page_off);
	if (l->total == 0 || idx < 0 || idx >= l->page.nrows)
		return -1;
	return l->page.ids[idx];
}



const char *list_filter(const struct list *l) { return l->filter_text; }

void list_set_filter(struct list *l, const char *text)
{
	le_set(&l->filter, text);
	l->filter_preset = text && *text;
	filter_changed(l);
}

void list_set_status(struct list *l, const char *status, bool filtered)
{
	str_set(&l->status, status);
	l->status_filtered = filtered;
}



