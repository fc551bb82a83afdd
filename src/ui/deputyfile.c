/* 一人一档 and the 代表履职登记簿 (see deputyfile.h). The file is a read-only screen: prepare
 * loads the year (db_points_deputy, the 述职评议 and adjustments of the year) into lines of
 * text, draw only draws them; the register is a list screen over db_points_ranking in pinyin
 * order. */
#include "ui/deputyfile.h"

#include "core/activity.h"
#include "core/deputy.h"
#include "core/text.h"
#include "core/util.h"
#include "db/evaluations.h"
#include "db/points.h"
#include "ui/app.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/points.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- 一人一档 ---- */

struct dfile {
	int64_t deputy_id;
	int year;
	bool stale;      /* load again before drawing */
	char **lines;    /* owned; built by prepare */
	enum ui_role *roles;
	int nlines;
	int scroll;      /* first line shown */
	int height;      /* body height at the last prepare (for paging) */
};

static void dfile_clear(struct dfile *d)
{
	str_free_array(d->lines, d->nlines);
	free(d->roles);
	d->lines = NULL;
	d->roles = NULL;
	d->nlines = 0;
}

static void add(struct dfile *d, enum ui_role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(struct dfile *d, enum ui_role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	d->lines = xrealloc(d->lines, sizeof *d->lines * (size_t)(d->nlines + 1));
	d->roles = xrealloc(d->roles, sizeof *d->roles * (size_t)(d->nlines + 1));
	d->lines[d->nlines] = xvasprintf(fmt, ap);
	d->roles[d->nlines++] = role;
	va_end(ap);
}

/* label padded to cols display columns (new string). */
static char *pad(const char *label, int cols) { return text_fit(label, cols, ALIGN_LEFT, false); }

/* An indented row: a label in 14 columns, then the text. */
static void row(struct dfile *d, const char *label, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void row(struct dfile *d, const char *label, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap), *l = pad(label, 14);
	va_end(ap);
	add(d, ROLE_NORMAL, "  %s%s", l, text);
	free(text);
	free(l);
}

static void dfile_activities(struct dfile *d, const struct points_figures *f)
{
	add(d, ROLE_HEADER, "二、代表活动（出席 / 请假 / 缺席）");
	bool any = false;
	for (int t = 0; t < POINTS_TYPES_MAX && activity_types[t]; t++) {
		const int64_t *a = f->act[t];
		if (a[ATT_PRESENT] + a[ATT_LEAVE] + a[ATT_ABSENT] == 0)
			continue;
		any = true;
		row(d, activity_types[t], "出席 %lld  请假 %lld  缺席 %lld", (long long)a[ATT_PRESENT], (long long)a[ATT_LEAVE],
		    (long long)a[ATT_ABSENT]);
	}
	if (!any)
		add(d, ROLE_DIM, "  （本年没有签到记录）");
	else
		row(d, "合计出席", "%lld 次", (long long)points_figures_attended(f));
}

static int eval_line(void *ud, const struct eval_row *r)
{
	struct dfile *d = ud;
	char rate[EVAL_RATE_BYTES];
	const char *const *v = r->vals;
	add(d, ROLE_NORMAL, "  %s  参评 %s 人  满意 %s  基本满意 %s  不满意 %s  满意率 %s", v[EV_DATE], v[EV_PARTICIPANTS],
	    v[EV_SATISFIED], v[EV_BASIC], v[EV_DISSATISFIED],
	    eval_rate_text(atoll(v[EV_PARTICIPANTS]), atoll(v[EV_SATISFIED]), atoll(v[EV_BASIC]), rate));
	return 0;
}

static void dfile_points(struct dfile *d, const struct points_rank *r, const struct points_adjustment *adj, int nadj)
{
	char b[16], c[16];
	add(d, ROLE_HEADER, "七、履职积分  合计 %s 分（按记录计算 %s，调整 %s）", points_format(r->res.total, b),
	    points_format(r->res.computed, c), points_format(r->res.adjusted, (char[16]){ 0 }));
	char *h = pad("项目", 20);
	add(d, ROLE_DIM, "  %s  次数    积分", h);
	free(h);
	for (int i = 0; i < r->res.n; i++) {
		const struct points_line *l = &r->res.lines[i];
		if (!l->count)
			continue;
		char *it = pad(l->item, 20), *n = xasprintf("%lld", (long long)l->count);
		char *nc = text_fit(n, 4, ALIGN_RIGHT, false), *pc = text_fit(points_format(l->points, b), 8, ALIGN_RIGHT, false);
		add(d, ROLE_NORMAL, "  %s  %s%s%s", it, nc, pc, l->capped ? "（已到年度上限）" : "");
		free(it);
		free(n);
		free(nc);
		free(pc);
	}
	for (int i = 0; i < nadj; i++)
		add(d, ROLE_NORMAL, "  调整 %s  %s%s 分  %s（批准人：%s）", *adj[i].date ? adj[i].date : "（未填日期）",
		    adj[i].points > 0 ? "+" : "", points_format(adj[i].points, b), adj[i].reason, adj[i].approved_by);
}

/* 督查 attended: the sign-ins of activities of type 督查 (a project's supervision visits). */
static int64_t inspections(const struct points_figures *f)
{
	for (int t = 0; t < POINTS_TYPES_MAX && activity_types[t]; t++)
		if (!strcmp(activity_types[t], "督查"))
			return f->act[t][ATT_PRESENT];
	return 0;
}

/* Build the lines of the year. */
static void dfile_load(struct screen *s)
{
	struct dfile *d = s->data;
	struct points_rank r;
	struct points_adjustment *adj = NULL;
	int nadj = 0;
	char *err = NULL;
	dfile_clear(d);
	d->stale = false;
	const struct points_rules *rules = points_ui_rules();
	if (db_points_deputy(app->db, rules, d->year, d->deputy_id, &r, &err) < 0) {
		add(d, ROLE_ERROR, "%s", err);
		free(err);
		return;
	}
	free(s->title);
	s->title = xasprintf("一人一档：%s", r.name);
	const struct points_figures *f = &r.fig;
	add(d, ROLE_TITLE, "%s（%s代表，%s）  %d 年", r.name, r.level, r.status, d->year);
	add(d, ROLE_HEADER, "一、接待选民");
	row(d, "接待日值班", "%lld 次", (long long)f->duty_days);
	row(d, "接待来访", "%lld 次，共 %lld 人", (long long)f->received, (long long)f->received_people);
	row(d, "走访选民", "%lld 次，共 %lld 人", (long long)f->walks, (long long)f->walk_people);
	dfile_activities(d, f);
	add(d, ROLE_HEADER, "三、代表建议");
	row(d, "领衔提出", "%lld 件", (long long)f->led);
	row(d, "附议", "%lld 件", (long long)f->seconded);
	add(d, ROLE_HEADER, "四、民生实事项目");
	add(d, ROLE_NORMAL, "  提出的民生实事项目 %lld 项（通过 %lld 项）", (long long)f->projects,
	    (long long)f->projects_passed);
	add(d, ROLE_NORMAL, "  督查 %lld 次", (long long)inspections(f));
	add(d, ROLE_HEADER, "五、经手的意见建议（接待来访和代表调研中受理的案件）");
	row(d, "案件", "%lld 件，已办结 %lld 件，未办结 %lld 件", (long long)f->cases, (long long)f->cases_closed,
	    (long long)(f->cases - f->cases_closed));
	row(d, "回访满意度", "满意 %lld  基本满意 %lld  不满意 %lld", (long long)f->case_sat[SAT_YES],
	    (long long)f->case_sat[SAT_BASIC], (long long)f->case_sat[SAT_NO]);
	add(d, ROLE_HEADER, "六、述职评议");
	struct eval_filter ef = { .year = d->year, .deputy_id = d->deputy_id };
	int before = d->nlines;
	if (db_evaluations_page(app->db, &ef, 0, 20, eval_line, d, &err) < 0) {
		add(d, ROLE_ERROR, "%s", err);
		free(err);
		err = NULL;
	} else if (d->nlines == before)
		add(d, ROLE_DIM, "  （本年没有述职评议）");
	if (db_points_adjustments(app->db, d->deputy_id, d->year, &adj, &nadj, &err) < 0) {
		add(d, ROLE_ERROR, "%s", err);
		free(err);
	}
	dfile_points(d, &r, adj, nadj);
	db_points_adjustments_free(adj, nadj);
	db_points_rank_clear(&r);
}

static void dfile_prepare(struct screen *s, int top, int height, int width)
{
	struct dfile *d = s->data;
	(void)top, (void)width;
	d->height = height;
	if (d->stale)
		dfile_load(s);
	if (d->scroll > d->nlines - height)
		d->scroll = d->nlines - height > 0 ? d->nlines - height : 0;
}

static void dfile_draw(struct screen *s, int top, int height, int width)
{
	struct dfile *d = s->data;
	for (int i = 0; i < height && d->scroll + i < d->nlines; i++)
		ui_text(top + i, 1, width - 2, d->lines[d->scroll + i], ALIGN_LEFT, d->roles[d->scroll + i]);
	s->cur_y = -1;
}

static int dfile_key(struct screen *s, struct keypress k)
{
	(void)s, (void)k;
	return UI_OK;
}

static void dfile_reload(struct screen *s) { ((struct dfile *)s->data)->stale = true; }

static void dfile_fini(struct screen *s)
{
	dfile_clear(s->data);
	free(s->data);
}

static int dfile_scroll(struct screen *s, int by)
{
	struct dfile *d = s->data;
	d->scroll += by;
	if (d->scroll > d->nlines - d->height)
		d->scroll = d->nlines - d->height;
	if (d->scroll < 0)
		d->scroll = 0;
	return UI_REDRAW;
}
static int dfile_up(struct screen *s) { return dfile_scroll(s, -1); }
static int dfile_down(struct screen *s) { return dfile_scroll(s, 1); }
static int dfile_pgup(struct screen *s) { return dfile_scroll(s, -((struct dfile *)s->data)->height + 1); }
static int dfile_pgdn(struct screen *s) { return dfile_scroll(s, ((struct dfile *)s->data)->height - 1); }
static int dfile_top(struct screen *s) { return dfile_scroll(s, -1000000); }
static int dfile_bottom(struct screen *s) { return dfile_scroll(s, 1000000); }

static int dfile_year(struct screen *s)
{
	struct dfile *d = s->data;
	if (points_ask_year("档案", &d->year)) {
		d->stale = true;
		d->scroll = 0;
	}
	return UI_REDRAW;
}

static int dfile_adjust(struct screen *s)
{
	struct dfile *d = s->data;
	points_adjust_push(d->deputy_id, d->year);
	return UI_REDRAW;
}

static int dfile_back(struct screen *s)
{
	(void)s;
	return UI_POP;
}

static int dfile_quit(struct screen *s)
{
	(void)s;
	return UI_QUIT;
}

static const struct screen_ops dfile_ops = {
	.name = "deputy_file",
	.prepare = dfile_prepare,
	.draw = dfile_draw,
	.key = dfile_key,
	.reload = dfile_reload,
	.fini = dfile_fini,
};

static const struct binding dfile_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_FILTER, .run = dfile_year },
	{ .action = ACT_ADJUST, .run = dfile_adjust },
	{ .action = ACT_BACK, .run = dfile_back },
	{ .action = ACT_QUIT, .run = dfile_quit, .hidden = true },
	{ .action = ACT_UP, .run = dfile_up, .hidden = true },
	{ .action = ACT_DOWN, .run = dfile_down, .hidden = true },
	{ .action = ACT_PGUP, .run = dfile_pgup, .hidden = true },
	{ .action = ACT_PGDN, .run = dfile_pgdn, .hidden = true },
	{ .action = ACT_TOP, .run = dfile_top, .hidden = true },
	{ .action = ACT_BOTTOM, .run = dfile_bottom, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page deputy_file_help = {
	.id = "deputy_file",
	.title = "一人一档",
	.note = "一位代表一年的履职情况：接待、走访、活动签到、建议、经手的案"
		 "件、述职评议和积分明细。积分由记录算出，不能直接修改；加减分"
		 "用调整，须写明理由和批准人。检查时看：每位代表的履职有据可查"
		 "。",
	.keys = dfile_bar,
	.flags = 0,
};

void deputyfile_push(int64_t deputy_id, int year)
{
	struct dfile *d = xcalloc(1, sizeof *d);
	d->deputy_id = deputy_id;
	d->year = year;
	d->stale = true;
	struct screen *s = screen_new(&dfile_ops, "一人一档", dfile_bar);
	s->note = xstrdup(deputy_file_help.note);
	s->data = d;
	dfile_load(s); /* now, so the title bar names the deputy from the first draw */
	app_push(s);
}

/* ---- 代表履职登记簿 ---- */

struct book_state {
	int year;
	bool stale;
	struct points_rank *v; /* owned; pinyin order */
	int n;
	int *shown; /* indexes of the rows matching the filter; owned */
	int nshown;
	int64_t came[5]; /* 五级代表进站 this quarter */
	int quarter;     /* 1..4 of today */
};

static struct book_state book;

static const struct list_col book_cols[] = {
	{ "姓名", 6, 12, ALIGN_LEFT, -1, false, 0 },        { "层级", 4, 4, ALIGN_LEFT, -1, false, 0 },
	{ "接待日", 6, 6, ALIGN_RIGHT, -1, false, 2 },      { "接待来访", 8, 8, ALIGN_RIGHT, -1, false, 0 },
	{ "走访", 4, 6, ALIGN_RIGHT, -1, false, 0 },        { "活动出席", 8, 8, ALIGN_RIGHT, -1, false, 0 },
	{ "领衔", 4, 4, ALIGN_RIGHT, -1, false, 1 },        { "附议", 4, 4, ALIGN_RIGHT, -1, false, 1 },
	{ "案件/办结", 9, 11, ALIGN_RIGHT, -1, false, 3 },  { "述职满意率", 10, 10, ALIGN_RIGHT, -1, false, 0 },
	{ "积分", 6, 8, ALIGN_RIGHT, -1, true, 0 },
};

static int book_order(const void *a, const void *b)
{
	return ((const struct points_rank *)a)->order - ((const struct points_rank *)b)->order;
}

static void book_clear(struct book_state *s)
{
	db_points_ranking_free(s->v, s->n);
	free(s->shown);
	s->v = NULL;
	s->shown = NULL;
	s->n = s->nshown = 0;
}

/* The quarter of today: its first day and today. */
static void book_quarter(struct book_state *s, char from[16])
{
	int y = atoi(app->today), m = atoi(app->today + 5);
	s->quarter = (m - 1) / 3 + 1;
	snprintf(from, 16, "%04d-%02d-01", y % 10000, ((s->quarter - 1) * 3 + 1) % 100);
}

static int book_count(void *st, const char *filter, int64_t *n, char **err)
{
	struct book_state *s = st;
	*n = 0;
	if (s->stale) {
		char from[16];
		book_clear(s);
		book_quarter(s, from);
		if (db_points_ranking(app->db, points_ui_rules(), s->year, true, &s->v, &s->n, err) < 0 ||
		    db_points_levels_came(app->db, from, app->today, s->came, err) < 0)
			return -1;
		qsort(s->v, (size_t)s->n, sizeof *s->v, book_order);
		s->stale = false;
	}
	free(s->shown);
	s->nshown = points_ui_shown(s->v, s->n, filter, &s->shown);
	*n = s->nshown;
	return 0;
}

static int book_fetch(void *st, const char *filter, int sort_key, bool desc, int64_t offset,
		      const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	struct book_state *s = st;
	(void)filter, (void)sort_key, (void)desc, (void)after, (void)err;
	for (int64_t k = offset < 0 ? 0 : offset; k < s->nshown && k < offset + limit; k++) {
		const struct points_rank *r = &s->v[s->shown[k]];
		const struct points_figures *f = &r->fig;
		char b[ARRAY_LEN(book_cols)][EVAL_RATE_BYTES];
		const char *cells[ARRAY_LEN(book_cols)];
		cells[0] = r->name;
		cells[1] = r->level;
		snprintf(b[2], sizeof b[2], "%lld", (long long)f->duty_days);
		snprintf(b[3], sizeof b[3], "%lld", (long long)f->received);
		snprintf(b[4], sizeof b[4], "%lld", (long long)f->walks);
		snprintf(b[5], sizeof b[5], "%lld", (long long)points_figures_attended(f));
		snprintf(b[6], sizeof b[6], "%lld", (long long)f->led);
		snprintf(b[7], sizeof b[7], "%lld", (long long)f->seconded);
		snprintf(b[8], sizeof b[8], "%lld/%lld", (long long)f->cases, (long long)f->cases_closed);
		eval_rate_text(f->eval_people, f->eval_votes[SAT_YES], f->eval_votes[SAT_BASIC], b[9]);
		points_format(r->res.total, b[10]);
		for (int c = 2; c < (int)ARRAY_LEN(book_cols); c++)
			cells[c] = b[c];
		list_page_add(page, (int)ARRAY_LEN(book_cols), r->deputy_id, cells);
	}
	return 0;
}

static char *book_status(void *st, bool *filtered)
{
	struct book_state *s = st;
	*filtered = s->year != atoi(app->today);
	return xasprintf("%d 年  第%s季度五级代表进站：全国 %lld 省 %lld 市 %lld 县 %lld 乡镇 %lld", s->year,
			 (const char *[]){ "一", "一", "二", "三", "四" }[s->quarter < 0 || s->quarter > 4 ? 0 : s->quarter],
			 (long long)s->came[0], (long long)s->came[1], (long long)s->came[2], (long long)s->came[3],
			 (long long)s->came[4]);
}

static void book_clear_filters(void *st)
{
	struct book_state *s = st;
	if (s->year != atoi(app->today)) {
		s->year = atoi(app->today);
		s->stale = true;
	}
}

static void book_reload(struct screen *sc) { ((struct book_state *)listscreen_state(sc))->stale = true; }
static void book_fini(void *st) { book_clear(st); }

static int book_open(struct screen *sc)
{
	int64_t id = listscreen_selected(sc);
	if (id > 0)
		deputyfile_push(id, ((struct book_state *)listscreen_state(sc))->year);
	return UI_REDRAW;
}

static int book_year(struct screen *sc)
{
	struct book_state *s = listscreen_state(sc);
	if (points_ask_year("登记簿", &s->year)) {
		s->stale = true;
		listscreen_refilter(sc);
	}
	return UI_REDRAW;
}

static const struct binding book_actions[] = {
	{ .action = ACT_OPEN, .run = book_open },
	{ .action = ACT_FILTER, .run = book_year },
	{ .action = ACT_NONE },
};

const struct help_page performance_help = {
	.id = "performance",
	.title = "代表履职登记簿",
	.note = "每位代表一年的履职：进站接待、走访、活动、建议、述职评议和积"
		 "分。检查时看：每位代表每年进站接待不少于规定次数，有述职评议"
		 "。",
	.keys = book_actions,
	.flags = HELP_LIST | HELP_PRINT,
};

void perfbook_push(void)
{
	book_clear(&book);
	book = (struct book_state){ .year = atoi(app->today), .stale = true };
	char from[16];
	book_quarter(&book, from);
	listscreen_push(&(struct listscreen_desc){ .title = app->cfg->titles[REG_PERFORMANCE],
						   .cols = book_cols,
						   .ncols = (int)ARRAY_LEN(book_cols),
						   .count = book_count,
						   .fetch = book_fetch,
						   .actions = book_actions,
						   .status = book_status,
						   .clear_filters = book_clear_filters,
						   .reload = book_reload,
						   .fini = book_fini,
						   .state = &book,
						   .help = &performance_help });
}
