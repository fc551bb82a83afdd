/* The list screen (see listscreen.h): one key table made of the register's actions and the
 * actions every list has; dispatch goes through the table (app.c), typing edits the filter. */
#include "ui/listscreen.h"

#include "core/util.h"
#include "db/search.h"
#include "report/ledger.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/help.h"
#include "ui/history.h"

#include <assert.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct lscreen {
	struct listscreen_desc d;
	struct list *list;
	struct list_source src;
	struct binding *table; /* HELP, the register's actions, then the common rows; owned */
	char *summary;         /* d.summary's line after the last count; owned */
	struct period period;  /* the period last given with ACT_PERIOD, for printing */
	bool has_period;
	bool interrupted; /* a query was abandoned for a key typed meanwhile: ask again */
};

static struct lscreen *lscreen_of(struct screen *s) { return s->data; }

void *listscreen_state(struct screen *s) { return lscreen_of(s)->d.state; }

int64_t listscreen_selected(struct screen *s) { return list_selected(lscreen_of(s)->list); }

struct list *listscreen_list(struct screen *s) { return lscreen_of(s)->list; }

/* The status and the summary line again, from the state. */
static void ls_status(struct lscreen *ls)
{
	bool filtered = false;
	if (ls->d.status) {
		char *st = ls->d.status(ls->d.state, &filtered);
		list_set_status(ls->list, st, filtered);
		free(st);
	}
	if (ls->d.summary) {
		free(ls->summary);
		ls->summary = ls->d.summary(ls->d.state);
	}
}

void listscreen_refilter(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	ls_status(ls);
	list_reload(ls->list);
}

/* ---- the source: the description's functions with its state ---- */

/* True when the terminal has sent a key that the program has not read yet. */
static bool ls_key_pending(void *ud)
{
	(void)ud;
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

/* A list query runs with the key check on (db/search.h): a filter that has to look at many rows
 * is abandoned when the clerk types on, and asked again, with the new text, after that key.
 * Returns rc, or 0 for an abandoned query (its rows come on the next redraw). */
static int ls_query_end(struct lscreen *ls, int rc, char **err)
{
	search_set_interrupt(app->db, NULL, NULL);
	if (rc < 0 && search_interrupted()) {
		ls->interrupted = true;
		free(*err);
		*err = NULL;
		return 0;
	}
	return rc;
}

/* The status may say what the count found (e.g. the people of the visits counted): it is asked
 * again after each count. */
static int ls_count(void *ctx, const char *filter, int64_t *n, char **err)
{
	struct lscreen *ls = ctx;
	search_set_interrupt(app->db, ls_key_pending, NULL);
	int rc = ls_query_end(ls, ls->d.count(ls->d.state, filter, n, err), err);
	if (ls->interrupted)
		*n = 0;
	ls_status(ls);
	return rc;
}

static int ls_fetch(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset,
		    const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	struct lscreen *ls = ctx;
	search_set_interrupt(app->db, ls_key_pending, NULL);
	return ls_query_end(ls, ls->d.fetch(ls->d.state, filter, sort_key, desc, offset, after, limit, page, err), err);
}

/* ---- the actions every list has ---- */

static int ls_move(struct screen *s, enum action a)
{
	list_move(lscreen_of(s)->list, a);
	return UI_REDRAW;
}
static int ls_up(struct screen *s) { return ls_move(s, ACT_UP); }
static int ls_down(struct screen *s) { return ls_move(s, ACT_DOWN); }
static int ls_pgup(struct screen *s) { return ls_move(s, ACT_PGUP); }
static int ls_pgdn(struct screen *s) { return ls_move(s, ACT_PGDN); }
static int ls_top(struct screen *s) { return ls_move(s, ACT_TOP); }
static int ls_bottom(struct screen *s) { return ls_move(s, ACT_BOTTOM); }

static int ls_sort(struct screen *s)
{
	list_sort_next(lscreen_of(s)->list);
	return UI_REDRAW;
}

static int ls_reverse(struct screen *s)
{
	list_reverse(lscreen_of(s)->list);
	return UI_REDRAW;
}

/* The clear key: the typed filter back to its default and the register's own filters off. */
static int ls_clear(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	list_set_filter(ls->list, ls->d.default_filter ? ls->d.default_filter : "");
	if (ls->d.clear_filters)
		ls->d.clear_filters(ls->d.state);
	listscreen_refilter(s);
	return UI_REDRAW;
}

/* Esc: first the typed filter goes back to its default, then the screen closes (the register's
 * own filters stay until the clear key, as they were chosen on purpose). */
static int ls_back(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	const char *def = ls->d.default_filter ? ls->d.default_filter : "";
	if (strcmp(list_filter(ls->list), def)) {
		list_set_filter(ls->list, def);
		return UI_REDRAW;
	}
	return UI_POP;
}

/* The period dialog refuses what period_parse() cannot read; empty is every date. */
static char *ls_period_check(void *ctx, const char *text)
{
	struct period p;
	char *err = NULL;
	(void)ctx;
	return *text && period_parse(text, &p, &err) < 0 ? err : NULL;
}

/* The period key: ask, then hand the period to the register. */
static int ls_period(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	char *title = xasprintf("按%s筛选", ls->d.period_field ? ls->d.period_field : "日期");
	char *t = dialog_input_check(title, "如 2026Q4、2026-10、2026、2026-10-01~2026-12-31（空：不限）", NULL, 40,
				     ls_period_check, NULL);
	struct period p;
	if (t) {
		ls->has_period = *t && period_parse(t, &p, NULL) == 0;
		if (ls->has_period)
			ls->period = p;
		ls->d.set_period(ls->d.state, ls->has_period ? &p : NULL, t);
		listscreen_refilter(s);
	}
	free(t);
	free(title);
	return UI_REDRAW;
}

/* The register a list prints, found by its title (the titles of station.ini), or -1. */
static int ls_print_reg(const struct lscreen *ls)
{
	for (int i = 0; ls->d.title && i < REG_COUNT; i++)
		if (!strcmp(ls->d.title, app->cfg->titles[i]))
			return i;
	return -1;
}

/* The print key: the ledger of the list's period (none chosen: this month) as a PDF, then to
 * the print command when station.ini names one; the message line says where the file went. */
static int ls_print(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	int reg = ls_print_reg(ls);
	struct period p;
	char *path = NULL, *err = NULL;
	bool sent = false;
	if (reg < 0) {
		app_message(MSG_ERROR, "这个列表没有打印台账");
		return UI_REDRAW;
	}
	if (ls->has_period)
		p = ls->period;
	else
		period_month_of(app->today, &p);
	app_message(MSG_INFO, "正在生成 PDF，请稍候");
	app_draw_all();
	if (ledger_print(app->db, app->cfg, (enum reg_id)reg, p.from, p.to, NULL, NULL, NULL, &path, &err) < 0) {
		app_message(MSG_ERROR, "没有打印：%s", err);
		free(err);
		return UI_REDRAW;
	}
	char *full = realpath(path, NULL);
	if (ledger_send(app->cfg, path, &sent, &err) < 0) {
		app_message(MSG_ERROR, "已保存 %s，但%s", full ? full : path, err);
		free(err);
	} else {
		app_message(MSG_INFO, "已保存 %s%s", full ? full : path, sent ? "，已送打印" : "");
	}
	free(full);
	free(path);
	return UI_REDRAW;
}

/* The history key: the selected record's changes, from the audit log. */
static int ls_history(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	int64_t id = list_selected(ls->list);
	if (id < 0) {
		app_message(MSG_ERROR, "没有选中的记录");
		return UI_REDRAW;
	}
	history_push(ls->d.table, id, ls->d.title);
	return UI_REDRAW;
}

static const struct screen_ops ls_ops;

bool listscreen_set_period(struct screen *s, const char *text)
{
	struct period p;
	if (!s || s->ops != &ls_ops || !lscreen_of(s)->d.set_period || period_parse(text, &p, NULL) < 0)
		return false;
	lscreen_of(s)->d.set_period(lscreen_of(s)->d.state, &p, text);
	listscreen_refilter(s);
	return true;
}

static int ls_quit(struct screen *s)
{
	(void)s;
	return UI_QUIT;
}

static const struct binding common[] = {
	{ .action = ACT_SORT, .run = ls_sort },
	{ .action = ACT_REVERSE, .run = ls_reverse },
	{ .action = ACT_BACK, .run = ls_back },
	{ .action = ACT_CLEAR, .run = ls_clear, .hidden = true },
	{ .action = ACT_UP, .run = ls_up, .hidden = true },
	{ .action = ACT_DOWN, .run = ls_down, .hidden = true },
	{ .action = ACT_PGUP, .run = ls_pgup, .hidden = true },
	{ .action = ACT_PGDN, .run = ls_pgdn, .hidden = true },
	{ .action = ACT_TOP, .run = ls_top, .hidden = true },
	{ .action = ACT_BOTTOM, .run = ls_bottom, .hidden = true },
	{ .action = ACT_QUIT, .run = ls_quit, .hidden = true },
	{ .action = ACT_NONE },
};

/* ---- the screen ---- */

/* Rows above the list: the summary line, when the register has one. */
static int ls_head(const struct lscreen *ls) { return ls->d.summary ? 1 : 0; }

static void ls_prepare(struct screen *s, int top, int height, int width)
{
	(void)top, (void)width;
	struct lscreen *ls = lscreen_of(s);
	if (ls->interrupted) { /* the last query gave way to a key: now ask again */
		ls->interrupted = false;
		list_reload(ls->list);
	}
	list_prepare(ls->list, height - ls_head(ls));
}

static void ls_draw(struct screen *s, int top, int height, int width)
{
	struct lscreen *ls = lscreen_of(s);
	if (ls->d.summary)
		ui_text(top, 1, width - 2, ls->summary ? ls->summary : "", ALIGN_LEFT, ROLE_INFO);
	list_draw(ls->list, top + ls_head(ls), height - ls_head(ls), width, &s->cur_y, &s->cur_x);
}

/* Keys no row runs: text and editing keys of the filter line. */
static int ls_key(struct screen *s, struct keypress k)
{
	list_edit_filter(lscreen_of(s)->list, k);
	return UI_REDRAW;
}

static void ls_reload(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	list_reload(ls->list);
	if (ls->d.reload)
		ls->d.reload(s);
}

static void ls_fini(struct screen *s)
{
	struct lscreen *ls = lscreen_of(s);
	list_free(ls->list);
	if (ls->d.fini)
		ls->d.fini(ls->d.state);
	free(ls->summary);
	free(ls->table);
	free(ls);
}

static const struct screen_ops ls_ops = {
	.name = "list",
	.prepare = ls_prepare,
	.draw = ls_draw,
	.key = ls_key,
	.reload = ls_reload,
	.fini = ls_fini,
};

/* True if one of action's keys runs one of the first n rows of table already. */
static bool listscreen_taken(const struct binding *table, int n, enum action action)
{
	const struct key_binding *kb = keys_binding(action);
	for (int k = 0; k < kb->nkeys; k++)
		for (int i = 0; i < n; i++) {
			const enum action one[] = { table[i].action, ACT_NONE };
			if (table[i].action != ACT_NONE && keys_lookup(kb->keys[k], one) != ACT_NONE)
				return true;
		}
	return false;
}

int listscreen_table(const struct binding *actions, bool period, bool print, bool history, struct binding *out)
{
	int n = 0, nc = (int)ARRAY_LEN(common);
	out[n++] = (struct binding){ .action = ACT_HELP };
	for (const struct binding *b = actions; b && b->action != ACT_NONE; b++)
		out[n++] = *b;
	if (period)
		out[n++] = (struct binding){ .action = ACT_PERIOD, .run = ls_period };
	if (print && !listscreen_taken(out, n, ACT_PRINT)) /* a register with a ledger */
		out[n++] = (struct binding){ .action = ACT_PRINT, .run = ls_print };
	/* The rows every list has, unless a key of one is already the register's (reception days:
	 * F7 is 取消 there, so 倒序 is left out rather than shown on a key that does something else). */
	int own = n;
	for (int i = 0; i < nc; i++)
		if (common[i].action != ACT_NONE && !listscreen_taken(out, own, common[i].action))
			out[n++] = common[i];
	/* 历史 last: a key station.ini gave to another row of the list keeps its meaning. */
	if (history && !listscreen_taken(out, n, ACT_HISTORY))
		out[n++] = (struct binding){ .action = ACT_HISTORY, .run = ls_history };
	out[n++] = (struct binding){ .action = ACT_NONE };
	return n;
}

struct screen *listscreen_push(const struct listscreen_desc *d)
{
	struct lscreen *ls = xcalloc(1, sizeof *ls);
	int na = 0;
	while (d->actions && d->actions[na].action != ACT_NONE)
		na++;
	ls->d = *d;
	bool print = ls_print_reg(ls) >= 0;
	if (d->help) { /* the key reference (help_keys_md) composes this list's keys from the page */
		unsigned f = d->help->flags;
		assert(f & HELP_LIST);
		assert((f & HELP_REGISTER) || d->help->keys == d->actions); /* else ui/register.c checks */
		assert(!(f & HELP_PERIOD) == !d->set_period);
		assert(!(f & HELP_PRINT) == !print);
		assert(!(f & HELP_HISTORY) == !d->table);
	}
	ls->table = xcalloc((size_t)(LISTSCREEN_EXTRA + na), sizeof *ls->table);
	listscreen_table(d->actions, d->set_period != NULL, print, d->table != NULL, ls->table);
	ls->src = (struct list_source){
		.cols = d->cols, .ncols = d->ncols, .ctx = ls, .count = ls_count, .fetch = ls_fetch
	};
	ls->list = list_new(&ls->src, d->sort_col);
	if (d->desc)
		list_set_desc(ls->list, true);
	if (d->default_filter)
		list_set_filter(ls->list, d->default_filter);
	struct screen *s = screen_new(&ls_ops, d->title, ls->table);
	s->data = ls;
	if (d->help)
		s->note = xstrdup(d->help->note);
	listscreen_refilter(s);
	app_push(s);
	return s;
}
