/* The 报表 screen (report.h): the period's summary as a grid of figures (prepare counts them with
 * db_summary, draw only draws), Enter on a figure opens the register it counts at the period,
 * F9 another period, F5 export the summary, F6 a detail list, F7 masked or full. The path of the
 * last file written stays on the screen. */
#include "ui/report.h"

#include "core/period.h"
#include "core/summary.h"
#include "core/text.h"
#include "core/util.h"
#include "db/summary.h"
#include "report/export.h"
#include "report/ledger.h"
#include "ui/activities.h"
#include "ui/app.h"
#include "ui/cases.h"
#include "ui/deputyfile.h"
#include "ui/dialog.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/projects.h"
#include "ui/reception.h"
#include "ui/suggestions.h"
#include "ui/visits.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The figures shown: every column after the period's. */
#define REPORT_FIRST SUM_RECEPTION_DAYS
#define REPORT_N     (SUM_N - REPORT_FIRST)
/* Width of a figure's value. */
#define REPORT_VALUE_COLS 8

struct report {
	struct period p;
	char *text;  /* the period as typed (owned) */
	char *label; /* period_label (owned) */
	struct summary s;
	bool stale;     /* count again before drawing */
	char *error;    /* the last count's failure, or NULL; owned */
	bool unmasked;  /* exports with personal data in full */
	int cursor;     /* figure selected, 0..REPORT_N-1 */
	int scroll;     /* first grid row shown */
	int rows, cols; /* grid of the last prepare */
	int height;     /* grid rows that fit */
	char *last;     /* the last file written (owned), or NULL */
};

/* Which register a figure opens. */
enum report_target {
	RT_NONE,
	RT_RECEPTION,
	RT_PERFBOOK,
	RT_VISITS,
	RT_CASES,
	RT_SUGGESTIONS,
	RT_ACTIVITIES,
	RT_TRAINING,
	RT_PROJECTS
};

static enum report_target report_target(int c)
{
	if (c == SUM_RECEPTION_DAYS)
		return RT_RECEPTION;
	if (c == SUM_DEPUTY_TIMES || (c >= SUM_LEVEL_FIRST && c <= SUM_LEVEL_LAST))
		return RT_PERFBOOK;
	if ((c >= SUM_VISITS && c <= SUM_CAT_NONE) || c == SUM_REJECTED || c == SUM_TO_SUGGESTION)
		return RT_VISITS;
	if (c >= SUM_SPOT && c <= SUM_OVERDUE_END)
		return RT_CASES;
	if (c >= SUM_SUG_RAISED && c <= SUM_SUG_CLOSED)
		return RT_SUGGESTIONS;
	if (c == SUM_ACT_FIRST)
		return RT_TRAINING;
	if ((c >= SUM_ACTIVITIES && c <= SUM_MIN_MET) || c == SUM_ACT_INSPECT)
		return RT_ACTIVITIES;
	if (c >= SUM_RING_FIRST && c <= SUM_RING_LAST)
		return RT_CASES;
	if (c >= SUM_PJ_PROPOSED && c <= SUM_PJ_SAT_RATE)
		return RT_PROJECTS;
	return RT_NONE;
}

static void report_set_period(struct report *r, const struct period *p, const char *text)
{
	r->p = *p;
	str_set(&r->text, text);
	free(r->label);
	r->label = period_label(p);
	r->stale = true;
}

static void report_prepare(struct screen *s, int top, int height, int width)
{
	struct report *r = s->data;
	(void)top;
	r->cols = width >= 96 ? 3 : 2;
	r->rows = (REPORT_N + r->cols - 1) / r->cols;
	r->height = height - 4 > 1 ? height - 4 : 1;
	if (r->stale) {
		char *err = NULL;
		summary_free(&r->s);
		summary_init(&r->s, app->cfg->station_code, app->cfg->station_name, r->label, r->p.from, r->p.to);
		free(r->error);
		r->error = NULL;
		struct summary_opts o = { app->cfg->min_activities_per_quarter,
					  app->cal,
					  { app->cfg->assign_days, app->cfg->followup_days } };
		if (db_summary(app->db, &r->s, &o, &err) < 0)
			r->error = err;
		r->stale = false;
	}
	int row = r->cursor % r->rows;
	if (row < r->scroll)
		r->scroll = row;
	if (row >= r->scroll + r->height)
		r->scroll = row - r->height + 1;
}

/* The value of figure c as shown: a count, a rate with %, 是/否 or -. New string. */
static char *report_value(const struct report *r, int c)
{
	if (summary_cols[c].kind == SK_RATE)
		return summary_rate_label(&r->s, c);
	char *v = summary_cell(&r->s, c);
	if (!*v) {
		free(v);
		return xstrdup("-");
	}
	return v;
}

static void report_draw(struct screen *s, int top, int height, int width)
{
	struct report *r = s->data;
	char *head = xasprintf("期间：%s    %s：%s    导出个人信息：%s（%s 切换）", r->label, app->cfg->station_name,
			       app->cfg->station_code, r->unmasked ? "不打码" : "打码", keys_first_name(ACT_MASK));
	ui_text(top, 1, width - 2, head, ALIGN_LEFT, ROLE_HEADER);
	free(head);
	if (r->error)
		ui_text(top + 1, 1, width - 2, r->error, ALIGN_LEFT, ROLE_ERROR);
	int cellw = (width - 2) / r->cols;
	for (int i = 0; i < r->height && r->scroll + i < r->rows; i++) {
		for (int c = 0; c < r->cols; c++) {
			int idx = c * r->rows + r->scroll + i;
			if (idx >= REPORT_N)
				continue;
			char *v = report_value(r, REPORT_FIRST + idx);
			char *cell = text_fit(summary_cols[REPORT_FIRST + idx].header, cellw - REPORT_VALUE_COLS - 2,
					      ALIGN_LEFT, true);
			char *val = text_fit(v, REPORT_VALUE_COLS, ALIGN_RIGHT, false);
			char *line = xasprintf("%s%s", cell, val);
			ui_text(top + 2 + i, 1 + c * cellw, cellw - 1, line, ALIGN_LEFT,
				idx == r->cursor ? ROLE_CURSOR : ROLE_NORMAL);
			free(line);
			free(val);
			free(cell);
			free(v);
		}
	}
	/* keys_first_name's text is borrowed until its next call: one copy. */
	char *k5 = xstrdup(keys_first_name(ACT_EXPORT));
	char *foot = r->last ? xasprintf("最近导出：%s", r->last)
			     : xasprintf("Enter 打开这个数字所在的台账；%s 导出汇总表，%s 导出明细", k5,
					 keys_first_name(ACT_EXPORT_DETAIL));
	free(k5);
	ui_text(top + height - 1, 1, width - 2, foot, ALIGN_LEFT, r->last ? ROLE_INFO : ROLE_DIM);
	free(foot);
	s->cur_y = -1;
}

static int report_key(struct screen *s, struct keypress k)
{
	(void)s, (void)k;
	return UI_OK;
}

static void report_reload(struct screen *s) { ((struct report *)s->data)->stale = true; }

static void report_fini(struct screen *s)
{
	struct report *r = s->data;
	summary_free(&r->s);
	free(r->text);
	free(r->label);
	free(r->error);
	free(r->last);
	free(r);
}

static int report_move(struct screen *s, int by)
{
	struct report *r = s->data;
	r->cursor += by;
	if (r->cursor < 0)
		r->cursor = 0;
	if (r->cursor >= REPORT_N)
		r->cursor = REPORT_N - 1;
	return UI_REDRAW;
}

static int report_up(struct screen *s) { return report_move(s, -1); }
static int report_down(struct screen *s) { return report_move(s, 1); }
/* A page is a column of the grid. */
static int report_pgup(struct screen *s) { return report_move(s, -((struct report *)s->data)->rows); }
static int report_pgdn(struct screen *s) { return report_move(s, ((struct report *)s->data)->rows); }
static int report_top(struct screen *s) { return report_move(s, -REPORT_N); }
static int report_bottom(struct screen *s) { return report_move(s, REPORT_N); }

static char *report_period_check(void *ctx, const char *text)
{
	struct period p;
	char *err = NULL;
	(void)ctx;
	return period_parse(text, &p, &err) < 0 ? err : NULL;
}

static int report_period(struct screen *s)
{
	struct report *r = s->data;
	char *t = dialog_input_check("报表的期间", "如 2026Q3、2026年第三季度、2026-10、2026、2026-07-01~2026-09-30",
				     r->text, 40, report_period_check, NULL);
	struct period p;
	if (t && period_parse(t, &p, NULL) == 0)
		report_set_period(r, &p, t);
	free(t);
	return UI_REDRAW;
}

/* Enter: the register the selected figure counts, narrowed to the period. */
static int report_open(struct screen *s)
{
	struct report *r = s->data;
	int c = REPORT_FIRST + r->cursor;
	char *range = xasprintf("%s~%s", r->p.from, r->p.to);
	switch (report_target(c)) {
	case RT_RECEPTION:
		reception_push();
		list_set_filter(listscreen_list(app->stack[app->depth - 1]), range);
		break;
	case RT_PERFBOOK:
		perfbook_push();
		break;
	case RT_VISITS:
		visits_push();
		break;
	case RT_CASES:
		cases_push(NULL);
		break;
	case RT_SUGGESTIONS:
		suggestions_push();
		break;
	case RT_ACTIVITIES:
		activities_push();
		break;
	case RT_TRAINING:
		training_push();
		break;
	case RT_PROJECTS:
		/* Every year: the list narrows by 年度 only, and a project proposed, voted or
		 * completed in the period may belong to the plan of another year. */
		projects_push();
		free(range);
		return UI_REDRAW;
	case RT_NONE:
		app_message(MSG_INFO, "「%s」没有对应的台账", summary_cols[c].header);
		free(range);
		return UI_REDRAW;
	}
	listscreen_set_period(app->stack[app->depth - 1], range);
	free(range);
	return UI_REDRAW;
}

static int report_mask(struct screen *s)
{
	struct report *r = s->data;
	r->unmasked = !r->unmasked;
	app_message(MSG_INFO,
		    r->unmasked ? "导出时电话、身份证号、住址给出完整内容，请妥善保管导出的文件"
				: "导出时电话、身份证号、住址打码");
	return UI_REDRAW;
}

/* The progress bar of a long export, on the message line (drawn at once: the loop is busy). */
static void report_progress(void *ud, int64_t done, int64_t total)
{
	(void)ud;
	if (total <= 0)
		return;
	int w = COLS - 30 > 10 ? COLS - 30 : 10, fill = (int)((int64_t)w * done / total);
	char *bar = xmalloc((size_t)w + 1);
	for (int i = 0; i < w; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[w] = '\0';
	char *line = xasprintf("导出中 [%s] %d%%", bar, (int)(100 * done / total));
	ui_text(LINES - 2, 0, COLS, line, ALIGN_LEFT, ROLE_INFO);
	refresh();
	free(line);
	free(bar);
}

/* The file for an export (default name in [export] folder); asks before replacing one.
 * Returns a new path with *force set, or NULL when the clerk keeps the old file. */
static char *report_path(const struct report *r, int kind, bool *force)
{
	char *path = export_default_path(app->cfg->export_dir, app->cfg->station_code, kind, r->p.from, r->p.to);
	*force = false;
	if (access(path, F_OK) == 0) {
		if (!dialog_confirm("文件已存在，要覆盖吗？", path)) {
			free(path);
			return NULL;
		}
		*force = true;
	}
	return path;
}

/* After an export: say where the file went (its full path) and keep it on the screen. */
static void report_done(struct report *r, const char *path, const char *what, int64_t rows)
{
	char full[PATH_MAX];
	free(r->last);
	r->last = xstrdup(realpath(path, full) ? full : path);
	app_message(MSG_INFO, "%s已导出（%lld 行）：%s", what, (long long)rows, r->last);
}

static int report_export(struct screen *s)
{
	struct report *r = s->data;
	bool force;
	char *err = NULL, *path = report_path(r, EXPORT_SUMMARY, &force);
	if (!path)
		return UI_REDRAW;
	struct export_opts o = { .enc = app->cfg->csv_encoding, .force = force, .code = app->cfg->station_code };
	if (r->error)
		app_message(MSG_ERROR, "%s", r->error);
	else if (export_summary(&r->s, path, &o, &err) < 0)
		app_message(MSG_ERROR, "%s", err);
	else
		report_done(r, path, "汇总表", 1);
	free(err);
	free(path);
	return UI_REDRAW;
}

static int report_export_detail(struct screen *s)
{
	struct report *r = s->data;
	const char *items[DETAIL_COUNT];
	for (int i = 0; i < DETAIL_COUNT; i++)
		items[i] = detail_defs[i].title;
	int kind = dialog_pick("导出哪种明细", items, DETAIL_COUNT, NULL);
	if (kind < 0)
		return UI_REDRAW;
	bool force;
	char *err = NULL, *path = report_path(r, kind, &force);
	if (!path)
		return UI_REDRAW;
	struct export_opts o = { .enc = app->cfg->csv_encoding,
				 .unmasked = r->unmasked || !app->cfg->mask_personal,
				 .force = force,
				 .code = app->cfg->station_code,
				 .progress = report_progress };
	int64_t rows = 0;
	if (export_details(app->db, kind, r->p.from, r->p.to, path, &o, &rows, &err) < 0)
		app_message(MSG_ERROR, "%s", err);
	else
		report_done(r, path, detail_defs[kind].title, rows);
	free(err);
	free(path);
	return UI_REDRAW;
}

/* ledger_print's progress (pages of rows done of total) on the same bar. */
static void report_print_progress(void *ud, int done, int total) { report_progress(ud, done, total); }

/* 打印: the ledger of one register for this period, as a PDF (and to the print command when
 * station.ini names one); where it went stays on the screen as for the exports. */
static int report_print(struct screen *s)
{
	struct report *r = s->data;
	const char *items[REG_COUNT];
	for (int i = 0; i < REG_COUNT; i++)
		items[i] = app->cfg->titles[i];
	int reg = dialog_pick("打印哪本台账", items, REG_COUNT, NULL);
	if (reg < 0)
		return UI_REDRAW;
	char *path = NULL, *err = NULL, full[PATH_MAX];
	bool sent = false;
	app_message(MSG_INFO, "正在生成 PDF，请稍候");
	app_draw_all();
	if (ledger_print(app->db, app->cfg, (enum reg_id)reg, r->p.from, r->p.to, NULL, report_print_progress, NULL,
			 &path, &err) < 0) {
		app_message(MSG_ERROR, "没有打印：%s", err);
		free(err);
		return UI_REDRAW;
	}
	free(r->last);
	r->last = xstrdup(realpath(path, full) ? full : path);
	if (ledger_send(app->cfg, path, &sent, &err) < 0)
		app_message(MSG_ERROR, "%s已保存：%s；但%s", items[reg], r->last, err);
	else
		app_message(MSG_INFO, "%s已保存%s：%s", items[reg], sent ? "并送打印" : "", r->last);
	free(err);
	free(path);
	return UI_REDRAW;
}

static int report_back(struct screen *s)
{
	(void)s;
	return UI_POP;
}

static int report_quit(struct screen *s)
{
	(void)s;
	return UI_QUIT;
}

static const struct screen_ops report_ops = {
	.name = "report",
	.prepare = report_prepare,
	.draw = report_draw,
	.key = report_key,
	.reload = report_reload,
	.fini = report_fini,
};

static const struct binding report_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_OPEN, .run = report_open },
	{ .action = ACT_EXPORT, .run = report_export },
	{ .action = ACT_EXPORT_DETAIL, .run = report_export_detail },
	{ .action = ACT_PRINT, .run = report_print },
	{ .action = ACT_MASK, .run = report_mask },
	{ .action = ACT_PERIOD, .run = report_period },
	{ .action = ACT_BACK, .run = report_back },
	{ .action = ACT_QUIT, .run = report_quit },
	{ .action = ACT_UP, .run = report_up, .hidden = true },
	{ .action = ACT_DOWN, .run = report_down, .hidden = true },
	{ .action = ACT_PGUP, .run = report_pgup, .hidden = true },
	{ .action = ACT_PGDN, .run = report_pgdn, .hidden = true },
	{ .action = ACT_TOP, .run = report_top, .hidden = true },
	{ .action = ACT_BOTTOM, .run = report_bottom, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page report_help = {
	.id = "report",
	.title = "报表",
	.note = "报送县人大的工作汇总表：每一项的算法见 docs/SUMMARY.md，导出的文件"
		 "见 docs/EXPORT.md。上下键选一项，PgUp/PgDn 换一列，Enter 打开这一项所在"
		 "的台账（按这个期间筛选）。",
	.keys = report_bar,
	.flags = 0,
};

void report_push(void)
{
	struct screen *s = screen_new(&report_ops, "报表", report_bar);
	struct report *r = xcalloc(1, sizeof *r);
	static const char *const q[] = { "Q1", "Q1", "Q1", "Q2", "Q2", "Q2", "Q3", "Q3", "Q3", "Q4", "Q4", "Q4" };
	char *text = xasprintf("%.4s%s", app->today, q[atoi(app->today + 5) - 1]);
	struct period p;
	period_parse(text, &p, NULL);
	report_set_period(r, &p, text);
	free(text);
	s->note = xstrdup(report_help.note);
	s->data = r;
	app_push(s);
}
