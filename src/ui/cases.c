/* 意见建议办理簿.
 *
 * The list pages through db_cases_page(); F5 cycles 全部/超期/临期/受理/办理中/已答复/办结, and
 * the 期间 key narrows it to the cases received in a month, quarter, year or date range; the
 * line above the list says the period, the cases in it and how many of them are 办结.
 * A case screen shows the case, its linked records and its timeline (every event, oldest first,
 * with who and when); F5 offers only the steps allowed now (caseflow_allowed) and each step is a
 * small form built from caseflow_form() by ui/actform.c. The core decides (caseflow_apply via
 * db_cases_act); a refusal is shown at the field it names, the form keeping what was typed. */
#include "ui/cases.h"

#include "core/case.h"
#include "core/caseflow.h"
#include "core/clock.h"
#include "core/period.h"
#include "core/text.h"
#include "core/util.h"
#include "db/cases.h"
#include "db/search.h"
#include "db/suggestions.h"
#include "ui/actform.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/list.h"
#include "ui/listscreen.h"
#include "ui/login.h"
#include "ui/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the list ---- */

static const char *const filters[] = { "全部", "超期", "临期", "受理", "办理中", "已答复", "办结", NULL };

static const struct list_col cols[] = {
	{ "编号", 14, 16, ALIGN_LEFT, CASE_SORT_NO, true, 0 },
	{ "受理日期", 10, 10, ALIGN_LEFT, CASE_SORT_RECEIVED, true, 0 },
	{ "类别", 8, 8, ALIGN_LEFT, CASE_SORT_CATEGORY, false, 3 },
	{ "摘要", 16, 0, ALIGN_LEFT, CASE_SORT_SUMMARY, false, 0 },
	{ "承办单位", 8, 16, ALIGN_LEFT, CASE_SORT_UNIT, false, 2 },
	{ "状态", 6, 6, ALIGN_LEFT, CASE_SORT_STATUS, true, 0 },
	{ "办理时限", 10, 10, ALIGN_LEFT, CASE_SORT_DUE, true, 0 },
	{ "提示", 8, 16, ALIGN_LEFT, -1, true, 0 },
};

struct caselist {
	int filter;      /* index into filters */
	bool has_period; /* narrowed to period (受理日期) */
	struct period period;
	int64_t n, closed; /* the last count: cases, and of them 办结 */
};

static void make_filter(struct caselist *c, const char *text, struct case_filter *f)
{
	const char *fl = filters[c->filter];
	memset(f, 0, sizeof *f);
	f->text = text;
	f->cal = app->cal;
	f->today = app->today;
	f->soon_days = app->cfg->due_soon_days;
	if (c->has_period) {
		f->date_from = c->period.from;
		f->date_to = c->period.to;
	}
	if (!strcmp(fl, "超期"))
		f->overdue = true;
	else if (!strcmp(fl, "临期"))
		f->due_soon = true;
	else if (strcmp(fl, "全部"))
		f->status = fl;
}

static int list_count(void *ctx, const char *filter, int64_t *n, char **err)
{
	struct caselist *c = ctx;
	struct case_filter f;
	make_filter(c, filter, &f);
	if (search_route(filter) != SEARCH_NONE) /* a typed text: count only as far as a list needs */
		f.count_cap = SEARCH_COUNT_CAP;
	int rc = db_cases_counts(app->db, &f, n, &c->closed, err);
	c->n = *n;
	return rc;
}

/* The hint column: 超期 N 天 / 临期 / the next step. */
static char *case_hint(const struct case_row *r)
{
	if (r->due == CALENDAR_DUE_OVER)
		return xasprintf("超期 %d 个工作日", r->days);
	if (r->due == CALENDAR_DUE_SOON)
		return r->days ? xasprintf("临期 余 %d 个工作日", r->days) : xstrdup("今天到期");
	return xstrdup(r->next_step ? r->next_step : "");
}

struct fill {
	struct list_page *page;
};

static int list_row(void *ud, const struct case_row *r)
{
	struct fill *fl = ud;
	char *hint = case_hint(r);
	const char *cells[] = { r->case_no,   r->received_date, r->category, r->summary,
				r->unit_name, r->status,        r->due_date, hint };
	list_page_add(fl->page, (int)ARRAY_LEN(cols), r->id, cells);
	free(hint);
	return 0;
}

static int list_fetch(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset, const struct list_anchor *after, int limit,
		      struct list_page *page, char **err)
{
	(void)after; /* ordered by any column: pages by offset */
	struct case_filter f;
	struct fill fl = { page };
	make_filter(ctx, filter, &f);
	return db_cases_page(app->db, &f, (enum case_sort)sort_key, desc, offset, limit, list_row, &fl, err);
}

static char *caselist_status(void *state, bool *filtered)
{
	struct caselist *c = state;
	*filtered = c->filter != 0 || c->has_period;
	return xasprintf("范围：%s", filters[c->filter]);
}

/* The period and the counts for it (the range, the typed text and F5's status together). */
static char *caselist_summary(void *state)
{
	struct caselist *c = state;
	char *p = c->has_period ? period_label(&c->period) : xstrdup("不限");
	char *s = xasprintf("受理日期：%s  共 %lld 件，其中办结 %lld 件", p, (long long)c->n, (long long)c->closed);
	free(p);
	return s;
}

static void caselist_set_period(void *state, const struct period *p, const char *text)
{
	(void)text;
	struct caselist *c = state;
	c->has_period = p != NULL;
	if (p)
		c->period = *p;
}

static void caselist_clear(void *state)
{
	struct caselist *c = state;
	c->filter = 0;
	c->has_period = false;
}

/* A case created directly (from a deputy's survey, a letter ...). */
static int new_case_save(struct form *f, int64_t *id, char **err)
{
	char *no = NULL;
	int rc = db_cases_create(app->db, app->cfg->station_code, form_values(f), NULL, app->today, id, &no, err);
	if (rc == 0)
		app_message(MSG_INFO, "已受理，编号 %s", no);
	free(no);
	return rc == 0 ? 1 : -1; /* 1: the message above stays */
}

static struct register_desc new_case_desc = {
	.title = "意见建议",
	.name_field = CASEF_SUMMARY,
	.save = new_case_save,
};

static int caselist_delete(struct screen *s)
{
	int64_t id = listscreen_selected(s);
	struct case_info ci = { 0 };
	char *err = NULL;
	if (id < 0 || db_cases_get(app->db, id, &ci, &err) < 0)
		goto out;
	char *q = xasprintf("删除案件 %s 吗？", ci.case_no);
	if (dialog_confirm(q, "只有尚未办理的案件可以删除；编号不会再用") && db_cases_delete(app->db, id, &err) == 0)
		app_message(MSG_INFO, "已删除案件 %s", ci.case_no);
	free(q);
	list_reload(listscreen_list(s));
out:
	if (err) {
		app_message(MSG_ERROR, "没有删除：%s", err);
		free(err);
	}
	case_info_free(&ci);
	return UI_REDRAW;
}

static int caselist_new(struct screen *s)
{
	(void)s;
	new_case_desc.def = case_record();
	register_form_push(&new_case_desc, 0);
	return UI_REDRAW;
}

static int caselist_open(struct screen *s)
{
	if (listscreen_selected(s) >= 0)
		case_push(listscreen_selected(s));
	return UI_REDRAW;
}

static int caselist_filter(struct screen *s)
{
	struct caselist *c = listscreen_state(s);
	c->filter = filters[c->filter + 1] ? c->filter + 1 : 0;
	listscreen_refilter(s);
	return UI_REDRAW;
}

static const struct binding caselist_actions[] = {
	{ .action = ACT_NEW, .run = caselist_new },
	{ .action = ACT_OPEN, .run = caselist_open },
	{ .action = ACT_EDIT, .run = caselist_open, .hidden = true },
	{ .action = ACT_FILTER, .run = caselist_filter },
	{ .action = ACT_DELETE, .run = caselist_delete },
	{ .action = ACT_NONE },
};

const struct help_page cases_help = {
	.id = "cases",
	.title = "意见建议办理簿",
	.note = "需要交办的意见建议：受理、交办、办理、答复、回访的全过程和时"
		 "限（五环五时）。检查时看：是否按时交办、按时答复，回访和满意"
		 "度是否记录，超期的是否督办。",
	.keys = caselist_actions,
	.flags = HELP_LIST | HELP_PERIOD | HELP_PRINT | HELP_HISTORY,
};

void cases_push(const char *filter)
{
	struct caselist *c = xcalloc(1, sizeof *c);
	for (int i = 0; filter && filters[i]; i++)
		if (!strcmp(filters[i], filter))
			c->filter = i;
	listscreen_push(&(struct listscreen_desc){ .title = app->cfg->titles[REG_CASES],
						   .cols = cols,
						   .ncols = (int)ARRAY_LEN(cols),
						   .sort_col = 1,
						   .count = list_count,
						   .fetch = list_fetch,
						   .actions = caselist_actions,
						   .status = caselist_status,
						   .clear_filters = caselist_clear,
						   .set_period = caselist_set_period,
						   .period_field = "受理日期",
						   .summary = caselist_summary,
						   .table = "cases",
						   .fini = free,
						   .state = c,
						   .help = &cases_help });
}

/* ---- one case ---- */

struct casescr {
	int64_t id;
	struct case_info ci;
	char *error; /* loading error, owned */
	int scroll;  /* first timeline row shown */
	struct actform_timeline tl; /* loaded with the case */
	char *tl_error;             /* owned */
	char *sugs; /* the suggestions the case is linked to, a line each; owned */
};

/* Most linked suggestions listed on a case's screen (the rest are counted). */
#define CASE_SUG_LINES 2

struct sugctx {
	struct strbuf sb;
	int n;
};

/* One line per linked suggestion: "<编号> <标题>（<状态>）". */
static int add_suggestion(void *ud, const struct suggestion_link *l)
{
	struct sugctx *x = ud;
	if (x->n++ < CASE_SUG_LINES)
		sb_addf(&x->sb, "%s%s%s%s（%s）", x->sb.len ? "\n" : "", l->no, *l->no ? " " : "", l->title, l->status);
	return 0;
}

/* Timeline rows, each event that did its ring late (五环五时) marked with the ring and how
 * many working days late. */
struct ringctx {
	struct actform_timeline *tl;
	struct ring_walk walk;
};

static int add_event(void *ud, const struct case_event_row *ev)
{
	struct ringctx *x = ud;
	int e = caseflow_event_parse(ev->type);
	struct ring_mark m = { -1, 0 };
	if (e >= 0)
		m = caseflow_ring_step(&x->walk, (enum case_event)e, ev->date, ev->due_date);
	if (m.ring < 0)
		return actform_timeline_add(x->tl, ev);
	struct case_event_row marked = *ev;
	char *mark;
	if (m.ring == RING_RECEIVE)
		mark = xasprintf("晚于来访 %d 个工作日受理", m.days);
	else if (m.ring == RING_REPLY)
		mark = xasprintf("答复晚于交办时定的时限 %d 个工作日", m.days);
	else
		mark = xasprintf("%s超时 %d 个工作日", caseflow_ring_label((enum case_ring)m.ring), m.days);
	marked.mark = mark;
	int rc = actform_timeline_add(x->tl, &marked);
	free(mark);
	return rc;
}

static void casescr_load(struct casescr *c)
{
	char *err = NULL;
	case_info_free(&c->ci);
	free(c->error);
	c->error = NULL;
	if (db_cases_get(app->db, c->id, &c->ci, &err) < 0) {
		c->error = err;
		return;
	}
	struct sugctx x = { .n = 0 };
	sb_init(&x.sb);
	sb_add(&x.sb, "");
	if (db_suggestions_for_case(app->db, c->id, add_suggestion, &x, &err) < 0) {
		sb_add(&x.sb, err);
		free(err);
	} else if (x.n > CASE_SUG_LINES)
		sb_addf(&x.sb, "\n另有 %d 条", x.n - CASE_SUG_LINES);
	free(c->sugs);
	c->sugs = sb_take(&x.sb);
	actform_timeline_clear(&c->tl);
	free(c->tl_error);
	c->tl_error = NULL;
	struct ringctx rx = { .tl = &c->tl };
	struct ring_limits lim = { app->cfg->assign_days, app->cfg->followup_days };
	caseflow_ring_walk_init(&rx.walk, app->cal, &lim, c->ci.visit_date);
	if (db_cases_timeline(app->db, c->id, add_event, &rx, &err) < 0)
		c->tl_error = err;
	if (c->scroll >= c->tl.n)
		c->scroll = c->tl.n ? c->tl.n - 1 : 0;
}

/* Label: value pairs, two to a row. */
static void field(int y, int x, int w, const char *label, const char *value, enum ui_role role)
{
	int lw = text_width(label) + 1;
	ui_text(y, x, lw, label, ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, x + lw, w - lw, value, ALIGN_LEFT, role);
}

/* The case's fields from row y; returns the next free row. */
static int casescr_draw_case(const struct case_info *ci, int y, int width)
{
	int half = (width - 4) / 2;
	char *st = xasprintf("%s  （%s）", ci->vals[CASEF_CATEGORY], caseflow_next_step(&ci->st));
	field(y, 2, half, "编号", ci->case_no, ROLE_HEADER);
	field(y++, 2 + half, half, "状态", caseflow_status_label(ci->st.status), ROLE_INFO);
	field(y, 2, half, "类别", st, ROLE_NORMAL);
	field(y++, 2 + half, half, "受理", ci->vals[CASEF_RECEIVED], ROLE_NORMAL);
	free(st);
	field(y++, 2, width - 4, "摘要", ci->vals[CASEF_SUMMARY], ROLE_NORMAL);
	char **lines;
	int n = text_wrap(ci->vals[CASEF_CONTENT], width - 10, &lines);
	for (int i = 0; i < n; i++) {
		if (i < 3)
			field(y++, 2, width - 4, i ? "    " : "内容", lines[i], ROLE_NORMAL);
		free(lines[i]);
	}
	free(lines);
	char *src = xasprintf("%s%s%s%s%s", ci->vals[CASEF_SOURCE], *ci->deputy_name ? " 代表 " : "", ci->deputy_name,
			      *ci->vals[CASEF_CONTACT] ? "  联系人 " : "", ci->vals[CASEF_CONTACT]);
	field(y, 2, half, "来源", src, ROLE_NORMAL);
	free(src);
	field(y++, 2 + half, half, "联系电话", ci->vals[CASEF_PHONE], ROLE_NORMAL);
	field(y, 2, half, "承办单位", ci->unit_name, ROLE_NORMAL);
	int over = caseflow_overdue_days(app->cal, &ci->st, app->today);
	char *due = over ? xasprintf("%s  超期 %d 个工作日", ci->st.due, over)
		: caseflow_due_soon(app->cal, &ci->st, app->today, app->cfg->due_soon_days)
		? xasprintf("%s  临期", ci->st.due)
		: xstrdup(ci->st.due);
	field(y++, 2 + half, half, "办理时限", due, over ? ROLE_ERROR : ROLE_NORMAL);
	free(due);
	/* A deadline counted without a year's holidays says so while that year is unknown. */
	const char *cn = *ci->st.due && ci->st.status == CS_HANDLING
				 ? calendar_notice_span(app->cal, *ci->st.assigned ? ci->st.assigned : ci->st.received,
							ci->st.due)
				 : NULL;
	if (cn) {
		char *m = xasprintf("办理时限：%s", cn);
		ui_text(y++, 2, width - 4, m, ALIGN_LEFT, ROLE_ERROR);
		free(m);
	}
	return y;
}

static void casescr_draw(struct screen *s, int top, int height, int width)
{
	struct casescr *c = s->data;
	const struct case_info *ci = &c->ci;
	if (c->error) {
		ui_text(top + 1, 2, width - 4, c->error, ALIGN_LEFT, ROLE_ERROR);
		return;
	}
	int half = (width - 4) / 2, y = casescr_draw_case(ci, top + 1, width);
	if (*ci->st.reply) {
		char *r = xasprintf("%s  %s", ci->st.reply,
				    ci->st.result ? case_result_label((char[]){ ci->st.result, 0 }) : "");
		field(y, 2, half, "答复", r, ROLE_NORMAL);
		free(r);
		char *sat = xasprintf("%s %s", ci->st.followup, case_sat_label(ci->st.satisfaction));
		field(y++, 2 + half, half, "回访", sat, ROLE_NORMAL);
		free(sat);
	}
	if (*ci->reply) /* one line, cut only when it is longer than the row */
		field(y++, 2, width - 4, "答复内容", ci->reply, ROLE_NORMAL);
	if (c->sugs && *c->sugs) {
		char *lines = xstrdup(c->sugs), *save = NULL;
		for (char *l = strtok_r(lines, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			ui_text(y, 2, 10, "代表建议：", ALIGN_LEFT, ROLE_HEADER);
			ui_text(y++, 12, width - 14, l, ALIGN_LEFT, ROLE_NORMAL);
		}
		free(lines);
	}
	y = actform_timeline_head(y + 1, width);
	if (c->tl_error)
		ui_text(y, 2, width - 4, c->tl_error, ALIGN_LEFT, ROLE_ERROR);
	else
		actform_timeline_draw(&c->tl, y, top + height, width, c->scroll);
}

/* ---- the action forms ---- */

/* The case an action form acts on. */
struct caseact {
	int64_t case_id;
	enum case_event ev;
};

/* F2 on an action form: the core decides (caseflow_apply through db_cases_act). */
static int caseact_do(void *ctx, const struct actform *a, char **done, struct refusal *why)
{
	struct caseact *c = ctx;
	struct case_action act = {
		.event = c->ev,
		.date = actform_get(a, "date"),
		.who = actform_get(a, "who"),
		.note = actform_get(a, "note"),
		.unit_id = actform_unit(a),
		.workdays = atoi(actform_get(a, "workdays")),
		.due = actform_get(a, "due"),
		.content = actform_get(a, "content"),
		.result = case_result_parse(actform_get(a, "result")),
		.satisfaction = case_sat_parse(actform_get(a, "satisfaction")),
		.how = actform_get(a, "how"),
	};
	char *notice = NULL;
	if (db_cases_act(app->db, c->case_id, &act, app->cal, app->cfg->case_days, app->today, &notice, why) < 0)
		return -1;
	if (notice)
		*done = xasprintf("已%s。%s", caseflow_event_label(c->ev), notice);
	free(notice);
	return 0;
}

/* The form of event ev on case ci, from caseflow_form(). */
static void action_push(const struct case_info *ci, enum case_event ev)
{
	struct action_field fields[ACTION_MAX_FIELDS];
	struct actform *a = actform_new(caseflow_event_label(ev), fields, caseflow_form(ev, fields));
	char days[16], *err = NULL;
	snprintf(days, sizeof days, "%d", app->cfg->case_days);
	actform_set_default(a, "workdays", days);
	actform_set_default(a, "who", app->cfg->user);
	if (caseflow_fields(ev, NULL) & CN_UNIT) {
		struct choice_list units = { 0 };
		if (choices_units(&units, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
		}
		actform_set_units(a, &units);
	}
	struct caseact *c = xmalloc(sizeof *c);
	*c = (struct caseact){ .case_id = ci->id, .ev = ev };
	char *kind = xasprintf("case_action:%s", caseflow_event_label(ev));
	char *title = xasprintf("%s %s：%s", ci->case_no, caseflow_event_label(ev), ci->vals[CASEF_SUMMARY]);
	actform_push(a, title, kind, ci->id, caseact_do, c, free);
	free(kind);
	free(title);
}

/* F5: the steps allowed now, as a pick list. */
static void casescr_actions(struct casescr *c)
{
	const char *items[CE_COUNT];
	enum case_event evs[CE_COUNT];
	int n = 0;
	for (int e = CE_ASSIGN; e < CE_COUNT; e++)
		if (caseflow_allowed(&c->ci.st, (enum case_event)e, NULL)) {
			items[n] = caseflow_event_label((enum case_event)e);
			evs[n++] = (enum case_event)e;
		}
	if (!n) {
		app_message(MSG_INFO, "案件已办结，没有可办理的事项");
		return;
	}
	int i = dialog_pick("下一步办理", items, n, NULL);
	if (i >= 0)
		action_push(&c->ci, evs[i]);
}

static int case_edit_save(struct form *f, int64_t *id, char **err)
{
	return db_cases_update(app->db, *id, form_values(f), err);
}

static int case_edit_get(int64_t id, char ***vals, char **err)
{
	struct case_info ci = { 0 };
	if (db_cases_get(app->db, id, &ci, err) < 0)
		return -1;
	*vals = record_copy_values(case_record(), ci.vals);
	case_info_free(&ci);
	return 0;
}

static struct register_desc edit_case_desc = {
	.title = "意见建议",
	.name_field = CASEF_SUMMARY,
	.get = case_edit_get,
	.save = case_edit_save,
};

static int casescr_do_actions(struct screen *s)
{
	struct casescr *c = s->data;
	if (!c->error)
		casescr_actions(c);
	return UI_REDRAW;
}

static int casescr_edit(struct screen *s)
{
	struct casescr *c = s->data;
	const char *no = c->ci.st.status == CS_CLOSED ? login_refuse(AUTH_CORRECT_CLOSED) : NULL;
	edit_case_desc.def = case_record();
	if (no)
		app_message(MSG_ERROR, "%s", no);
	else if (!c->error)
		register_form_push(&edit_case_desc, c->id);
	return UI_REDRAW;
}

static int casescr_up(struct screen *s)
{
	struct casescr *c = s->data;
	if (c->scroll > 0)
		c->scroll--;
	return UI_REDRAW;
}

static int casescr_down(struct screen *s)
{
	struct casescr *c = s->data;
	if (c->scroll + 1 < c->tl.n)
		c->scroll++;
	return UI_REDRAW;
}

static int screen_back(struct screen *s)
{
	(void)s;
	return UI_POP;
}

static int screen_quit(struct screen *s)
{
	(void)s;
	return UI_QUIT;
}

/* Every other key does nothing here. */
static int casescr_key(struct screen *s, struct keypress k)
{
	(void)s, (void)k;
	return UI_OK;
}

static void casescr_reload(struct screen *s) { casescr_load(s->data); }

static void casescr_fini(struct screen *s)
{
	struct casescr *c = s->data;
	case_info_free(&c->ci);
	free(c->error);
	free(c->sugs);
	actform_timeline_clear(&c->tl);
	free(c->tl_error);
	free(c);
}

static const struct screen_ops casescr_ops = {
	.name = "case",
	.draw = casescr_draw,
	.key = casescr_key,
	.reload = casescr_reload,
	.fini = casescr_fini,
};

static const struct binding casescr_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_ACTIONS, .run = casescr_do_actions },
	{ .action = ACT_EDIT, .run = casescr_edit },
	{ .action = ACT_BACK, .run = screen_back },
	{ .action = ACT_QUIT, .run = screen_quit },
	{ .action = ACT_UP, .run = casescr_up, .hidden = true },
	{ .action = ACT_DOWN, .run = casescr_down, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page case_help = {
	.id = "case",
	.title = "案件",
	.note = "一件意见建议的内容、承办单位、办理时限和办理经过（每一步的日"
		 "期和经办人，晚于五环五时时限的步骤标出）。检查时看：交办、答"
		 "复、回访每一步都有日期，按时办结，群众满意度有记录。F5 只列出"
		 "现在可以办的事。",
	.keys = casescr_bar,
	.flags = 0,
};

void case_push(int64_t id)
{
	struct casescr *c = xcalloc(1, sizeof *c);
	c->id = id;
	casescr_load(c);
	struct screen *s = screen_new(&casescr_ops, c->error ? "案件" : c->ci.case_no, casescr_bar);
	s->note = xstrdup(case_help.note);
	s->data = c;
	app_push(s);
}
