/* The home screen (待办): what needs doing first, computed from the data each time it is shown.
 * Left: 超期 (most overdue first), 临期, the cases waiting too long (or nearly) for 交办 and for
 * 回访 (五环五时), 待回访 — Up/Down and Enter open a case. Right: today's
 * and the next reception day with the deputies on duty (a late 公示 is flagged), the counts of
 * this month and quarter, a warning when the holiday calendar lacks this year. Bottom: the
 * registers, opened with their number keys. */
#include "ui/home.h"

#include "core/calendar.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/reception.h"
#include "core/text.h"
#include "core/util.h"
#include "core/activity.h"
#include "db/activities.h"
#include "db/cases.h"
#include "db/deputies.h"
#include "db/reception.h"
#include "ui/activities.h"
#include "ui/app.h"
#include "ui/cases.h"
#include "ui/deputies.h"
#include "ui/dialog.h"
#include "ui/deputyfile.h"
#include "ui/evaluations.h"
#include "ui/help.h"
#include "ui/history.h"
#include "ui/login.h"
#include "ui/settings.h"
#include "ui/plans.h"
#include "ui/points.h"
#include "ui/reception.h"
#include "ui/report.h"
#include "ui/suggestions.h"
#include "ui/units.h"
#include "db/projects.h"
#include "ui/projects.h"
#include "ui/visits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct menu_item {
	enum reg_id reg; /* title from station.ini [registers] */
	void (*open)(void);
	const char *title; /* NULL: the register's title */
};

static void open_cases(void) { cases_push(NULL); }

/* 代表活动: the activities register or the training register (the same records of one type). */
static void open_activities(void)
{
	const char *regs[] = { app->cfg->titles[REG_ACTIVITIES], app->cfg->titles[REG_TRAINING] };
	int i = dialog_pick("代表活动", regs, 2, "");
	if (i == 0)
		activities_push();
	else if (i == 1)
		training_push();
}

/* 代表履职登记簿 and what it is made of: the points ranking (履职之星) and 述职评议. */
static void open_performance(void)
{
	const char *regs[] = { app->cfg->titles[REG_PERFORMANCE], "履职积分排名（履职之星）", "述职评议" };
	int i = dialog_pick("代表履职", regs, 3, "");
	if (i == 0)
		perfbook_push();
	else if (i == 1)
		points_push();
	else if (i == 2)
		evaluations_push();
}

/* 民生实事项目: the register or the vote sessions. */
static void open_projects(void)
{
	const char *regs[] = { app->cfg->titles[REG_PROJECTS], "票决会议" };
	int i = dialog_pick("民生实事项目", regs, 2, "");
	if (i == 0)
		projects_push();
	else if (i == 1)
		votes_push();
}

static const struct menu_item items[] = {
	{ REG_DEPUTIES, deputies_push, NULL },       { REG_VISITS, reception_push, "接待日安排" },
	{ REG_VISITS, visits_push, NULL },           { REG_CASES, open_cases, NULL },
	{ REG_SUGGESTIONS, suggestions_push, NULL }, { REG_CASES, units_push, "承办单位" },
	{ REG_ACTIVITIES, plans_push, "年度活动计划" }, { REG_ACTIVITIES, open_activities, "代表活动" },
	{ REG_PERFORMANCE, open_performance, "代表履职" }, { REG_ACTIVITIES, open_projects, "民生实事项目" },
};

/* The key of menu item i: 1..9, then 0 for the tenth. */
static int menu_digit(int i) { return i < 9 ? i + 1 : 0; }

#define TODO_MAX 128

/* The 待办 lists, in the order they are shown (and loaded). */
enum todo_group {
	TODO_OVERDUE,  /* 办理 超期 */
	TODO_SOON,     /* 办理 临期 */
	TODO_ASSIGN,   /* 交办 超期, then 临期 (五环五时) */
	TODO_FOLLOWUP, /* 回访 超期, then 临期 */
	TODO_AWAITING, /* 待回访 (and 待办结/待重办) */
	TODO_GROUPS
};

/* One line of a 待办 list. */
struct todo {
	int64_t id;
	int group;                        /* enum todo_group */
	bool late;                        /* past its limit: drawn as 超期 */
	char *no, *summary, *unit, *tail; /* owned */
};

struct home {
	struct todo rows[TODO_MAX];
	int nrows;
	int cursor;
	struct case_todo_counts counts;
	int64_t assign_over, assign_soon, followup_over, followup_soon; /* 五环五时 lists, all of them */
	struct case_stats month, quarter;
	struct reception_day today_day, next_day;
	bool has_today, has_next;
	char last_day[11]; /* the last reception day arranged ("" : none), said when there is no next */
	int64_t deputies;
	int64_t projects_overdue; /* 民生实事项目 实施 past their planned date */
	char *quarter_warning; /* activity_quarter_warning(), or NULL; owned */
	int unknown_year;    /* first year (this one or the next two) without holiday data, or 0 */
	int64_t unknown_due; /* cases being handled due in or after it */
	char *error;      /* owned */
	char loaded[11];  /* the day the figures were loaded for ("" : load again) */
	uint64_t stamp;   /* db_change_stamp() when they were loaded */
};

static void home_clear(struct home *h)
{
	for (int i = 0; i < h->nrows; i++) {
		free(h->rows[i].no);
		free(h->rows[i].summary);
		free(h->rows[i].unit);
		free(h->rows[i].tail);
	}
	h->nrows = 0;
	db_reception_day_free(&h->today_day);
	db_reception_day_free(&h->next_day);
	free(h->error);
	h->error = NULL;
	free(h->quarter_warning);
	h->quarter_warning = NULL;
}

struct addctx {
	struct home *h;
	int group; /* enum todo_group */
};

static int add_case(void *ud, const struct case_row *r)
{
	struct addctx *a = ud;
	struct home *h = a->h;
	if (h->nrows == TODO_MAX)
		return 1;
	char *tail;
	bool late = r->due == CALENDAR_DUE_OVER;
	if (late)
		tail = xasprintf("超期 %d 个工作日", r->days);
	else if (r->due == CALENDAR_DUE_SOON)
		tail = r->days ? xasprintf("余 %d 个工作日", r->days) : xstrdup("今天到期");
	else if (!strcmp(r->next_step, "待回访"))
		tail = xasprintf("答复后 %d 天", r->days);
	else
		tail = xstrdup(r->next_step);
	struct todo *t = &h->rows[h->nrows++];
	*t = (struct todo){ .id = r->id, .group = a->group, .late = late, .tail = tail };
	t->no = xstrdup(r->case_no);
	t->summary = xstrdup(r->summary);
	t->unit = xstrdup(*r->unit_name ? r->unit_name : "-");
	return 0;
}

/* The first and last day of the month and of the quarter of today. */
static void periods(const char *today, char mfrom[11], char mto[11], char qfrom[11], char qto[11])
{
	int y = atoi(today), m = atoi(today + 5);
	int qm = (m - 1) / 3 * 3 + 1;
	char next[11];
	date_format(y, m, 1, mfrom);
	date_format(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, next);
	date_add_days(next, -1, mto);
	date_format(y, qm, 1, qfrom);
	date_format(qm == 10 ? y + 1 : y, qm == 10 ? 1 : qm + 3, 1, next);
	date_add_days(next, -1, qto);
}

/* The 交办 and 回访 lists of 五环五时: overdue first, then 临期, with their counts. */
static int home_load_rings(struct home *h, char **err)
{
	const struct cfg *c = app->cfg;
	struct addctx as = { h, TODO_ASSIGN }, fu = { h, TODO_FOLLOWUP };
	for (int over = 1; over >= 0; over--)
		if (db_cases_ring_todo(app->db, app->cal, RING_ASSIGN, c->assign_days, app->today, c->due_soon_days,
				       over, 10, add_case, &as, err) < 0)
			return -1;
	for (int over = 1; over >= 0; over--)
		if (db_cases_ring_todo(app->db, app->cal, RING_FOLLOWUP, c->followup_days, app->today, c->due_soon_days,
				       over, 10, add_case, &fu, err) < 0)
			return -1;
	if (db_cases_ring_todo_counts(app->db, app->cal, RING_ASSIGN, c->assign_days, app->today, c->due_soon_days,
				      &h->assign_over, &h->assign_soon, err) < 0)
		return -1;
	return db_cases_ring_todo_counts(app->db, app->cal, RING_FOLLOWUP, c->followup_days, app->today,
					 c->due_soon_days, &h->followup_over, &h->followup_soon, err);
}

/* Load everything the screen shows. Each list is limited (LIMIT) and read from an index. */
static void home_load(struct home *h)
{
	char *err = NULL;
	snprintf(h->loaded, sizeof h->loaded, "%s", app->today);
	h->stamp = db_change_stamp(app->db);
	char mf[11], mt[11], qf[11], qt[11];
	struct deputy_filter df = { 0 };
	int64_t held = 0;
	char af[11], at[11]; /* the quarter of the activities check (the same as qf..qt) */
	activity_quarter(app->today, af, at);
	home_clear(h);
	struct addctx over = { h, TODO_OVERDUE }, soon = { h, TODO_SOON }, wait = { h, TODO_AWAITING };
	periods(app->today, mf, mt, qf, qt);
	if (db_cases_todo_counts(app->db, app->cal, app->today, app->cfg->due_soon_days, &h->counts, &err) < 0 ||
	    db_cases_overdue(app->db, app->cal, app->today, 20, add_case, &over, &err) < 0 ||
	    db_cases_due_soon(app->db, app->cal, app->today, app->cfg->due_soon_days, 20, add_case, &soon, &err) < 0 ||
	    home_load_rings(h, &err) < 0 || db_cases_awaiting(app->db, app->today, 20, add_case, &wait, &err) < 0 ||
	    db_cases_stats(app->db, mf, mt, &h->month, &err) < 0 ||
	    db_cases_stats(app->db, qf, qt, &h->quarter, &err) < 0 ||
	    db_reception_home(app->db, app->today, &h->today_day, &h->has_today, &h->next_day, &h->has_next, &err) <
		    0 ||
	    db_reception_last_date(app->db, h->last_day, &err) < 0 ||
	    db_deputies_count(app->db, &df, &h->deputies, &err) < 0 ||
	    db_projects_overdue_count(app->db, app->today, &h->projects_overdue, &err) < 0 ||
	    db_activities_count_between(app->db, af, at, NULL, &held, &err) < 0)
		h->error = err;
	else
		h->quarter_warning =
			activity_quarter_warning(app->today, (long long)held, app->cfg->min_activities_per_quarter);
	/* Deadlines counted without a year's holidays: said here until that year is added. */
	h->unknown_year = 0;
	h->unknown_due = 0;
	for (int y = atoi(app->today); y <= atoi(app->today) + 2 && !h->unknown_year; y++)
		if (!calendar_year_known(app->cal, y))
			h->unknown_year = y;
	if (h->unknown_year && !h->error) {
		char from[11];
		snprintf(from, sizeof from, "%04d-01-01", h->unknown_year);
		if (db_cases_due_from(app->db, from, &h->unknown_due, &err) < 0)
			h->error = err;
	}
	if (h->cursor >= h->nrows)
		h->cursor = h->nrows ? h->nrows - 1 : 0;
}

static const char *const weekdays[] = { "", "周一", "周二", "周三", "周四", "周五", "周六", "周日" };

/* A reception day in the right column; returns the next free row. */
static int draw_day(int y, int x, int w, const char *label, const struct reception_day *d)
{
	char *line = xasprintf("%s：%s %s %s", label, d->vals[RD_DATE], weekdays[date_weekday(d->vals[RD_DATE])],
			       d->vals[RD_TIME]);
	ui_text(y++, x, w, line, ALIGN_LEFT, ROLE_HEADER);
	free(line);
	if (d->cancelled) {
		char *c = xasprintf("  已取消：%s", d->cancel_reason);
		ui_text(y++, x, w, c, ALIGN_LEFT, ROLE_ERROR);
		free(c);
		return y;
	}
	char *place = xasprintf("  地点：%s", *d->vals[RD_PLACE] ? d->vals[RD_PLACE] : "（未定）");
	ui_text(y++, x, w, place, ALIGN_LEFT, ROLE_NORMAL);
	free(place);
	char *duty = xasprintf("  值班代表：%s", *d->duty_text ? d->duty_text : "（未排班）");
	ui_text(y++, x, w, duty, ALIGN_LEFT, *d->duty_text ? ROLE_NORMAL : ROLE_ERROR);
	free(duty);
	if (reception_notice_late(d->vals[RD_DATE], d->vals[RD_NOTICE_DATE], app->cfg->notice_days)) {
		char *n = xasprintf("  公示逾期（应提前 %d 天，%s）", app->cfg->notice_days,
				    *d->vals[RD_NOTICE_DATE] ? d->vals[RD_NOTICE_DATE] : "未公示");
		ui_text(y++, x, w, n, ALIGN_LEFT, ROLE_ERROR);
		free(n);
	}
	return y;
}

static char *rate(double r) { return r < 0 ? xstrdup("-") : xasprintf("%.1f%%", r); }

static int draw_stats(int y, int x, int w, const char *label, const struct case_stats *s)
{
	char *on = rate(s->on_time_rate), *sat = rate(s->satisfaction_rate);
	char *l1 = xasprintf("%s 受理%lld 交办%lld 答复%lld 办结%lld", label, (long long)s->received,
			     (long long)s->assigned, (long long)(s->replied + s->spot), (long long)s->closed);
	char *l2 = xasprintf("  按期办结率 %s  满意率 %s", on, sat);
	ui_text(y++, x, w, l1, ALIGN_LEFT, ROLE_NORMAL);
	ui_text(y++, x, w, l2, ALIGN_LEFT, ROLE_NORMAL);
	free(l1);
	free(l2);
	free(on);
	free(sat);
	return y;
}

/* One 待办 row: case number, summary, how late or what next, and — when the column is wide
 * enough for the summary to keep 20 columns — the unit. */
static void draw_todo(int y, int x, int w, const struct todo *t, bool sel)
{
	enum ui_role role = sel ? ROLE_CURSOR : t->late ? ROLE_ERROR : ROLE_NORMAL;
	/* The case number and the tail (超期 12 个工作日) are never cut; the summary gives way. */
	int nw = 14, tw = text_width(t->tail) > 14 ? text_width(t->tail) : 14, uw = w - nw - tw - 5 - 20 >= 12 ? 12 : 0;
	int sw = w - nw - tw - uw - 4 - (uw ? 1 : 0);
	ui_clear(y, x, 1, w, role);
	ui_text(y, x + 1, nw, t->no, ALIGN_LEFT, role);
	ui_text(y, x + 2 + nw, sw, t->summary, ALIGN_LEFT, role);
	if (uw)
		ui_text(y, x + 3 + nw + sw, uw, t->unit, ALIGN_LEFT, role);
	ui_text(y, x + w - tw - 1, tw, t->tail, ALIGN_LEFT, role);
}

/* Text wrapped over as many rows as it needs; returns the next free row. */
static int draw_wrapped(int y, int x, int w, const char *text, enum ui_role role)
{
	char **lines;
	int n = text_wrap(text, w, &lines);
	for (int i = 0; i < n; i++) {
		ui_text(y++, x, w, lines[i], ALIGN_LEFT, role);
		free(lines[i]);
	}
	free(lines);
	return y;
}

/* The title of list k: "超期 3 件", or for a ring "交办：超期 2 件，临期 1 件". */
static char *section_title(const struct home *h, int k, int64_t *n, enum ui_role *role)
{
	static const char *const kinds[TODO_GROUPS] = { "超期", "临期", "交办", "回访", "待回访" };
	int64_t over = k == TODO_ASSIGN ? h->assign_over : h->followup_over;
	int64_t soon = k == TODO_ASSIGN ? h->assign_soon : h->followup_soon;
	*role = k == TODO_OVERDUE ? ROLE_ERROR : ROLE_INFO;
	switch (k) {
	case TODO_ASSIGN:
	case TODO_FOLLOWUP:
		*n = over + soon;
		*role = over ? ROLE_ERROR : ROLE_INFO;
		return xasprintf("%s：超期 %lld 件，临期 %lld 件", kinds[k], (long long)over, (long long)soon);
	case TODO_OVERDUE:
		*n = h->counts.overdue;
		break;
	case TODO_SOON:
		*n = h->counts.due_soon;
		break;
	default:
		*n = h->counts.awaiting;
		break;
	}
	return xasprintf("%s %lld 件", kinds[k], (long long)*n);
}

static int section(int y, int x, int w, const struct home *h, int k)
{
	int64_t n;
	enum ui_role role;
	char *t = section_title(h, k, &n, &role);
	ui_text(y, x, w, t, ALIGN_LEFT, n ? role : ROLE_DIM);
	free(t);
	return y + 1;
}

/* Left: the 待办 lists, each with its rows (loaded in this order), down to bottom. */
static void home_draw_todo(const struct home *h, int y, int bottom, int lw)
{
	int shown[TODO_GROUPS] = { 0 }, row = 0;
	for (int i = 0; i < h->nrows; i++)
		shown[h->rows[i].group]++;
	for (int k = 0; k < TODO_GROUPS && y < bottom; k++) {
		y = section(y, 1, lw, h, k);
		/* keep two rows for each later section */
		int room = (bottom - y) - (TODO_GROUPS - 1 - k) * 2;
		for (int j = 0; j < shown[k]; j++, row++)
			if (j < room && y < bottom)
				draw_todo(y++, 1, lw, &h->rows[row], row == h->cursor);
		if (shown[k] > room && room >= 0 && y < bottom)
			ui_text(y++, 3, lw - 3, "更多请到意见建议办理簿（按 4）", ALIGN_LEFT, ROLE_DIM);
	}
}

/* Right: reception days, counts, calendar warnings. */
static void home_draw_side(const struct home *h, int y, int rx, int rw)
{
	if (h->projects_overdue) {
		char *m = xasprintf("民生实事项目超期 %lld 项（未按计划完成，按 0 查看）", (long long)h->projects_overdue);
		ui_text(y++, rx, rw, m, ALIGN_LEFT, ROLE_ERROR);
		free(m);
	}
	if (h->has_today)
		y = draw_day(y, rx, rw, "今天接待日", &h->today_day);
	if (h->has_next)
		y = draw_day(y, rx, rw, "下次接待日", &h->next_day);
	if (!h->has_next) {
		/* Days arranged up to December: it is the next year that is missing. */
		char *na;
		if (!*h->last_day)
			na = xstrdup("尚未安排接待日（按 2 安排）");
		else if (atoi(h->last_day + 5) == 12)
			na = xasprintf("%d 年的接待日尚未安排（按 2 安排）", atoi(h->last_day) + 1);
		else
			na = xasprintf("%s 以后的接待日尚未安排（按 2 安排）", h->last_day);
		ui_text(y++, rx, rw, na, ALIGN_LEFT, ROLE_ERROR);
		free(na);
	}
	y = draw_stats(y + 1, rx, rw, "本月", &h->month);
	y = draw_stats(y, rx, rw, "本季度", &h->quarter);
	char *dep = xasprintf("在任代表 %lld 名", (long long)h->deputies);
	ui_text(y++, rx, rw, dep, ALIGN_LEFT, ROLE_NORMAL);
	free(dep);
	if (h->quarter_warning)
		y = draw_wrapped(y, rx, rw, h->quarter_warning, ROLE_ERROR);
	const char *cn = calendar_notice(app->cal, app->today);
	if (cn)
		y = draw_wrapped(++y, rx, rw, cn, ROLE_ERROR);
	if (h->unknown_due) {
		char *m = xasprintf("%lld 件案件的时限到了 %d 年，%d 年节假日安排未录入，只按周末计算；"
				    "请在 data/holidays.txt 或 station.ini [calendar] 补录",
				    (long long)h->unknown_due, h->unknown_year, h->unknown_year);
		draw_wrapped(cn ? y : y + 1, rx, rw, m, ROLE_ERROR);
		free(m);
	}
}

static void home_draw(struct screen *s, int top, int height, int width)
{
	struct home *h = s->data;
	const struct cfg *c = app->cfg;
	int lw = width * 11 / 20, rx = lw + 2, rw = width - rx - 1;
	int y = top;
	char *t = xasprintf("%s    %s%s", c->station_name ? c->station_name : "", c->county ? c->county : "",
			    c->township ? c->township : "");
	ui_text(y++, 1, width - 2, t, ALIGN_LEFT, ROLE_HEADER);
	free(t);
	if (h->error)
		ui_text(y++, 1, width - 2, h->error, ALIGN_LEFT, ROLE_ERROR);
	home_draw_todo(h, y + 1, top + height - 3, lw);
	home_draw_side(h, y + 1, rx, rw);
	/* Bottom: the registers, on one row or, when they do not fit, two. */
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "台账：");
	for (int i = 0; i < (int)ARRAY_LEN(items); i++)
		sb_addf(&sb, " %d %s ", menu_digit(i), items[i].title ? items[i].title : c->titles[items[i].reg]);
	int rows = text_wrap(sb.buf, width - 2, NULL);
	draw_wrapped(top + height - (rows > 1 ? 3 : 2), 1, width - 2, sb.buf, ROLE_INFO);
	sb_free(&sb);
}

static int home_visit(struct screen *s)
{
	(void)s;
	visit_new_push();
	return UI_REDRAW;
}

static int home_up(struct screen *s)
{
	struct home *h = s->data;
	if (h->cursor > 0)
		h->cursor--;
	return UI_REDRAW;
}

static int home_down(struct screen *s)
{
	struct home *h = s->data;
	if (h->cursor + 1 < h->nrows)
		h->cursor++;
	return UI_REDRAW;
}

static int home_open(struct screen *s)
{
	struct home *h = s->data;
	if (h->nrows)
		case_push(h->rows[h->cursor].id);
	return UI_REDRAW;
}

static int home_report(struct screen *s)
{
	(void)s;
	report_push();
	return UI_REDRAW;
}

static int home_settings(struct screen *s)
{
	(void)s;
	settings_push();
	return UI_REDRAW;
}

static int home_auditlog(struct screen *s)
{
	(void)s;
	history_log_push();
	return UI_REDRAW;
}

static int home_quit(struct screen *s)
{
	(void)s;
	return UI_QUIT;
}

static int home_back(struct screen *s)
{
	(void)s;
	app_message(MSG_INFO, "退出请按 %s", keys_first_name(ACT_QUIT));
	return UI_REDRAW;
}

/* The register menu: digits 1..9 and 0 (text keys, not actions; F1 lists them from items[]). */
static int home_key(struct screen *s, struct keypress k)
{
	(void)s;
	int n = (int)ARRAY_LEN(items);
	for (int i = 0; i < n && i < 10; i++)
		if (!k.fkey && !k.pasted && k.ch == (wint_t)('0' + menu_digit(i)))
			items[i].open();
	return UI_REDRAW;
}

/* Figures are loaded when the screen opens, when a screen above closes having written to the
 * file (or another program wrote to it), and when the day changes (a program left open
 * overnight). Looking at a list and going back costs nothing: on 1M visits the figures take
 * ~80 ms to compute. */
static void home_prepare(struct screen *s, int top, int height, int width)
{
	struct home *h = s->data;
	(void)top, (void)height, (void)width;
	if (strcmp(h->loaded, app->today))
		home_load(h);
}

static void home_reload(struct screen *s)
{
	struct home *h = s->data;
	if (h->error || strcmp(h->loaded, app->today) || h->stamp != db_change_stamp(app->db))
		home_load(h);
}

static void home_fini(struct screen *s)
{
	home_clear(s->data);
	free(s->data);
}

static const struct screen_ops home_ops = {
	.name = "home",
	.prepare = home_prepare,
	.draw = home_draw,
	.key = home_key,
	.reload = home_reload,
	.fini = home_fini,
};

static const struct binding home_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_VISIT, .run = home_visit },
	{ .action = ACT_OPEN, .run = home_open },
	{ .action = ACT_REPORT, .run = home_report },
	{ .action = ACT_AUDITLOG, .run = home_auditlog },
	{ .action = ACT_ACCOUNTS, .run = login_accounts_key },
	{ .action = ACT_SETTINGS, .run = home_settings },
	{ .action = ACT_QUIT, .run = home_quit },
	{ .action = ACT_UP, .run = home_up, .hidden = true },
	{ .action = ACT_DOWN, .run = home_down, .hidden = true },
	{ .action = ACT_BACK, .run = home_back, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page home_help = {
	.id = "home",
	.title = "首页",
	.note = "每天的待办：办理、交办、回访超期或临期的案件和待回访的案件（"
		 "Enter 打开），今天和下次接待日，本月和本季度的件数。", /* + the digits (home_push) */
	.keys = home_bar,
	.flags = 0,
};

void home_push(void)
{
	struct screen *s = screen_new(&home_ops, "首页", home_bar);
	struct home *h = xcalloc(1, sizeof *h);
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, home_help.note); /* then the registers' digits, with station.ini's titles */
	sb_add(&sb, "按数字打开台账：");
	for (int i = 0; i < (int)ARRAY_LEN(items); i++)
		sb_addf(&sb, "%s%d %s", i ? "、" : "", menu_digit(i),
			items[i].title ? items[i].title : app->cfg->titles[items[i].reg]);
	s->note = sb_take(&sb);
	s->data = h;
	home_load(h);
	app_push(s);
}
