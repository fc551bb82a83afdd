/* 意见建议办理簿.
 *
 * The list pages through db_cases_page(); F5 cycles 全部/超期/临期/受理/办理中/已答复/办结.
 * A case screen shows the case, its linked records and its timeline (every event, oldest first,
 * with who and when); F5 offers only the steps allowed now (caseflow_allowed) and each step is a
 * small form built from caseflow_fields(). The core decides (caseflow_apply via db_cases_act);
 * a refusal is shown at the form, which keeps what was typed. */
#include "ui/cases.h"

#include "core/case.h"
#include "core/caseflow.h"
#include "core/clock.h"
#include "core/text.h"
#include "core/util.h"
#include "db/cases.h"
#include "db/suggestions.h"
#include "db/units.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/list.h"
#include "ui/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the list ---- */

static const char *const filters[] = { "全部", "超期", "临期", "受理", "办理中", "已答复", "办结", NULL };

static const struct list_col cols[] = {
	{ "编号", 14, 16, ALIGN_LEFT, CASE_SORT_NO },      { "受理日期", 10, 10, ALIGN_LEFT, CASE_SORT_RECEIVED },
	{ "类别", 8, 8, ALIGN_LEFT, CASE_SORT_CATEGORY },  { "摘要", 16, 0, ALIGN_LEFT, CASE_SORT_SUMMARY },
	{ "承办单位", 8, 16, ALIGN_LEFT, CASE_SORT_UNIT }, { "状态", 6, 6, ALIGN_LEFT, CASE_SORT_STATUS },
	{ "办理时限", 10, 10, ALIGN_LEFT, CASE_SORT_DUE }, { "提示", 8, 12, ALIGN_LEFT, -1 },
};

struct caselist {
	struct list *list;
	int filter; /* index into filters */
};

static void make_filter(struct caselist *c, const char *text, struct case_filter *f)
{
	const char *fl = filters[c->filter];
	memset(f, 0, sizeof *f);
	f->text = text;
	f->cal = app->cal;
	f->today = app->today;
	f->soon_days = app->cfg->due_soon_days;
	if (!strcmp(fl, "超期"))
		f->overdue = true;
	else if (!strcmp(fl, "临期"))
		f->due_soon = true;
	else if (strcmp(fl, "全部"))
		f->status = fl;
}

static int list_count(void *ctx, const char *filter, int64_t *n, char **err)
{
	struct case_filter f;
	make_filter(ctx, filter, &f);
	return db_cases_count(app->db, &f, n, err);
}

/* The hint column: 超期 N 天 / 临期 / the next step. */
static char *case_hint(const struct case_row *r)
{
	if (r->due == CALENDAR_DUE_OVER)
		return xasprintf("超期 %d 天", r->days);
	if (r->due == CALENDAR_DUE_SOON)
		return r->days ? xasprintf("临期 余 %d 天", r->days) : xstrdup("今天到期");
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

static int list_fetch(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset, int limit,
		      struct list_page *page, char **err)
{
	struct case_filter f;
	struct fill fl = { page };
	make_filter(ctx, filter, &f);
	return db_cases_page(app->db, &f, (enum case_sort)sort_key, desc, offset, limit, list_row, &fl, err);
}

static void caselist_status(struct caselist *c)
{
	char *st = xasprintf("范围：%s", filters[c->filter]);
	list_set_status(c->list, st);
	free(st);
}

static void caselist_draw(struct screen *s, int top, int height, int width)
{
	struct caselist *c = s->data;
	list_draw(c->list, top, height, width, &s->cur_y, &s->cur_x);
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

static void caselist_delete(struct caselist *c)
{
	int64_t id = list_selected(c->list);
	struct case_info ci = { 0 };
	char *err = NULL;
	if (id < 0 || db_cases_get(app->db, id, &ci, &err) < 0)
		goto out;
	char *q = xasprintf("删除案件 %s 吗？", ci.case_no);
	if (dialog_confirm(q, "只有尚未办理的案件可以删除；编号不会再用") && db_cases_delete(app->db, id, &err) == 0)
		app_message(MSG_INFO, "已删除案件 %s", ci.case_no);
	free(q);
	list_reload(c->list);
out:
	if (err) {
		app_message(MSG_ERROR, "没有删除：%s", err);
		free(err);
	}
	case_info_free(&ci);
}

static const enum action caselist_actions[] = { ACT_NEW,    ACT_OPEN, ACT_EDIT, ACT_FILTER,
						ACT_DELETE, ACT_BACK, ACT_QUIT, ACT_NONE };

static int caselist_key(struct screen *s, struct keypress k)
{
	struct caselist *c = s->data;
	switch (keys_lookup(k, caselist_actions)) {
	case ACT_NEW:
		new_case_desc.def = case_record();
		register_form_push(&new_case_desc, 0);
		break;
	case ACT_OPEN:
	case ACT_EDIT:
		if (list_selected(c->list) >= 0)
			case_push(list_selected(c->list));
		break;
	case ACT_FILTER:
		c->filter = filters[c->filter + 1] ? c->filter + 1 : 0;
		caselist_status(c);
		list_reload(c->list);
		break;
	case ACT_DELETE:
		caselist_delete(c);
		break;
	case ACT_BACK:
		if (*list_filter(c->list)) {
			list_set_filter(c->list, "");
			break;
		}
		return UI_POP;
	case ACT_QUIT:
		return UI_QUIT;
	default:
		list_key(c->list, k);
	}
	return UI_REDRAW;
}

static void caselist_reload(struct screen *s)
{
	struct caselist *c = s->data;
	list_reload(c->list);
}

static void caselist_fini(struct screen *s)
{
	struct caselist *c = s->data;
	list_free(c->list);
	free(c);
}

static const struct screen_ops caselist_ops = {
	.name = "cases",
	.draw = caselist_draw,
	.key = caselist_key,
	.reload = caselist_reload,
	.fini = caselist_fini,
};

static const enum action caselist_bar[] = { ACT_HELP, ACT_NEW,     ACT_OPEN, ACT_FILTER, ACT_DELETE,
					    ACT_SORT, ACT_REVERSE, ACT_BACK, ACT_NONE };

static const struct list_source case_source = {
	.cols = cols,
	.ncols = (int)ARRAY_LEN(cols),
	.count = list_count,
	.fetch = list_fetch,
};

void cases_push(const char *filter)
{
	struct screen *s = screen_new(&caselist_ops, app->cfg->titles[REG_CASES], caselist_bar);
	struct caselist *c = xcalloc(1, sizeof *c);
	struct list_source *src = xmalloc(sizeof *src);
	for (int i = 0; filter && filters[i]; i++)
		if (!strcmp(filters[i], filter))
			c->filter = i;
	/* The source's ctx is this list's state; the widget borrows src for its lifetime. */
	*src = case_source;
	src->ctx = c;
	c->list = list_new(src, 1);
	caselist_status(c);
	s->data = c;
	app_push(s);
	/* list_new borrows src: free it with the list (see caselist_fini via list_source_owned). */
	list_own_source(c->list, src);
}

/* ---- one case ---- */

struct casescr {
	int64_t id;
	struct case_info ci;
	char *error; /* loading error, owned */
	int scroll;  /* first timeline row shown */
	int nevents;
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
}

/* Label: value pairs, two to a row. */
static void field(int y, int x, int w, const char *label, const char *value, enum ui_role role)
{
	int lw = text_width(label) + 1;
	ui_text(y, x, lw, label, ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, x + lw, w - lw, value, ALIGN_LEFT, role);
}

struct tl {
	int y, end, width, skip, n;
};

static int draw_event(void *ud, const struct case_event_row *ev)
{
	struct tl *t = ud;
	if (t->n++ < t->skip || t->y >= t->end)
		return 0;
	struct strbuf sb;
	sb_init(&sb);
	if (*ev->unit_name)
		sb_addf(&sb, "%s ", ev->unit_name);
	if (*ev->due_date && (!strcmp(ev->type, "交办") || !strcmp(ev->type, "延期") || !strcmp(ev->type, "重办")))
		sb_addf(&sb, "时限 %s ", ev->due_date);
	if (*ev->result)
		sb_addf(&sb, "结果 %s ", ev->result);
	if (*ev->how)
		sb_addf(&sb, "%s ", ev->how);
	if (*ev->satisfaction)
		sb_addf(&sb, "%s ", ev->satisfaction);
	if (*ev->note)
		sb_add(&sb, ev->note);
	char *detail = sb_take(&sb);
	char *line = xasprintf("%s", *ev->date ? ev->date : ev->at);
	ui_text(t->y, 2, 10, line, ALIGN_LEFT, ROLE_NORMAL);
	ui_text(t->y, 13, 8, ev->type, ALIGN_LEFT, ROLE_INFO);
	ui_text(t->y, 22, 10, ev->who, ALIGN_LEFT, ROLE_NORMAL);
	ui_text(t->y, 33, 16, ev->at, ALIGN_LEFT, ROLE_DIM);
	ui_text(t->y, 50, t->width - 51, detail, ALIGN_LEFT, ROLE_NORMAL);
	free(line);
	free(detail);
	t->y++;
	return 0;
}

static void casescr_draw(struct screen *s, int top, int height, int width)
{
	struct casescr *c = s->data;
	const struct case_info *ci = &c->ci;
	if (c->error) {
		ui_text(top + 1, 2, width - 4, c->error, ALIGN_LEFT, ROLE_ERROR);
		return;
	}
	int half = (width - 4) / 2, y = top + 1;
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
	char *due = over ? xasprintf("%s  超期 %d 天", ci->st.due, over)
		: caseflow_due_soon(app->cal, &ci->st, app->today, app->cfg->due_soon_days)
		? xasprintf("%s  临期", ci->st.due)
		: xstrdup(ci->st.due);
	field(y++, 2 + half, half, "办理时限", due, over ? ROLE_ERROR : ROLE_NORMAL);
	free(due);
	if (*ci->st.reply) {
		char *r = xasprintf("%s  %s", ci->st.reply,
				    ci->st.result ? case_result_label((char[]){ ci->st.result, 0 }) : "");
		field(y, 2, half, "答复", r, ROLE_NORMAL);
		free(r);
		char *sat = xasprintf("%s %s", ci->st.followup, case_sat_label(ci->st.satisfaction));
		field(y++, 2 + half, half, "回访", sat, ROLE_NORMAL);
		free(sat);
	}
	if (*ci->reply) {
		char *r = text_fit(ci->reply, width - 10, ALIGN_LEFT, true);
		field(y++, 2, width - 4, "答复内容", r, ROLE_NORMAL);
		free(r);
	}
	if (c->sugs && *c->sugs) {
		char *lines = xstrdup(c->sugs), *save = NULL;
		for (char *l = strtok_r(lines, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			ui_text(y, 2, 10, "代表建议：", ALIGN_LEFT, ROLE_HEADER);
			ui_text(y++, 12, width - 14, l, ALIGN_LEFT, ROLE_NORMAL);
		}
		free(lines);
	}
	y++;
	ui_text(y++, 1, width - 2, "办理经过（时间线）", ALIGN_LEFT, ROLE_INFO);
	ui_text(y, 2, 10, "日期", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 13, 8, "事项", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 22, 10, "经办人", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 33, 16, "记录时间", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y++, 50, width - 51, "说明", ALIGN_LEFT, ROLE_HEADER);
	struct tl t = { .y = y, .end = top + height, .width = width, .skip = c->scroll };
	char *err = NULL;
	if (db_cases_timeline(app->db, c->id, draw_event, &t, &err) < 0) {
		ui_text(y, 2, width - 4, err, ALIGN_LEFT, ROLE_ERROR);
		free(err);
	}
	c->nevents = t.n;
}

/* ---- the action forms ---- */

enum act_field { AF_DATE, AF_UNIT, AF_DAYS, AF_DUE, AF_CONTENT, AF_RESULT, AF_HOW, AF_SAT, AF_NOTE, AF_WHO, AF_N };

static const int af_bits[AF_N] = { 0,         CN_UNIT, CN_WORKDAYS,     CN_DUE,  CN_CONTENT,
				   CN_RESULT, CN_HOW,  CN_SATISFACTION, CN_NOTE, 0 };

struct actform {
	int64_t case_id;
	enum case_event ev;
	struct field_def fields[AF_N];
	int map[AF_N]; /* form field index of each act_field, or -1 */
	struct record_def def;
};

static const char *note_label(enum case_event ev)
{
	switch (ev) {
	case CE_EXTEND:
		return "延期理由";
	case CE_RETURN:
		return "退回理由";
	default:
		return "说明";
	}
}

/* Build the form's fields for event ev from caseflow_fields(). */
static void actform_build(struct actform *a)
{
	int required = 0, bits = caseflow_fields(a->ev, &required);
	int n = 0;
	static char days_def[8];
	snprintf(days_def, sizeof days_def, "%d", app->cfg->case_days);
	for (int i = 0; i < AF_N; i++) {
		a->map[i] = -1;
		if (af_bits[i] && !(bits & af_bits[i]))
			continue;
		struct field_def fd = { 0 };
		switch ((enum act_field)i) {
		case AF_DATE:
			fd = (struct field_def){ .col = "date",
						 .label = a->ev == CE_REPLY     ? "答复日期"
							 : a->ev == CE_FOLLOWUP ? "回访日期"
										: "日期",
						 .kind = FK_DATE,
						 .required = true,
						 .def = "今天" };
			break;
		case AF_UNIT:
			fd = (struct field_def){
				.col = "unit", .label = "承办单位", .kind = FK_CHOICE, .choice_open = true
			};
			break;
		case AF_DAYS:
			fd = (struct field_def){ .col = "days",
						 .label = "办理时限(工作日)",
						 .kind = FK_INT,
						 .min = 1,
						 .max = 365,
						 .def = days_def };
			break;
		case AF_DUE:
			fd = (struct field_def){ .col = "due",
						 .label = a->ev == CE_EXTEND ? "延至" : "或指定时限",
						 .kind = FK_DATE };
			break;
		case AF_CONTENT:
			fd = (struct field_def){
				.col = "content", .label = "答复内容", .kind = FK_MEMO, .max_chars = 2000
			};
			break;
		case AF_RESULT:
			fd = (struct field_def){
				.col = "result", .label = "办理结果", .kind = FK_CHOICE, .choices = case_result_choices
			};
			break;
		case AF_HOW:
			fd = (struct field_def){ .col = "how",
						 .label = "回访方式",
						 .kind = FK_CHOICE,
						 .choices = case_followup_ways,
						 .def = "电话" };
			break;
		case AF_SAT:
			fd = (struct field_def){
				.col = "sat", .label = "满意度", .kind = FK_CHOICE, .choices = case_sat_choices
			};
			break;
		case AF_NOTE:
			fd = (struct field_def){
				.col = "note", .label = note_label(a->ev), .kind = FK_MEMO, .max_chars = 500
			};
			break;
		case AF_WHO:
			fd = (struct field_def){ .col = "who",
						 .label = a->ev == CE_URGE ? "催办人" : "经办人",
						 .kind = FK_TEXT,
						 .max_chars = 20,
						 .def = app->cfg->user };
			break;
		case AF_N:
			break;
		}
		if (af_bits[i] & required)
			fd.required = true;
		a->fields[n] = fd;
		a->map[i] = n++;
	}
	a->def = (struct record_def){
		.table = "case_events", .title = caseflow_event_label(a->ev), .fields = a->fields, .nfields = n
	};
}

static const char *actval(struct actform *a, char *const *v, enum act_field f)
{
	return a->map[f] >= 0 ? v[a->map[f]] : "";
}

static int actform_save(struct actform *a, struct form *f, char **notice, char **err)
{
	char *const *v = form_values(f);
	struct case_action act = { .event = a->ev };
	act.date = actval(a, v, AF_DATE);
	act.who = actval(a, v, AF_WHO);
	act.note = actval(a, v, AF_NOTE);
	act.due = actval(a, v, AF_DUE);
	act.content = actval(a, v, AF_CONTENT);
	act.how = actval(a, v, AF_HOW);
	act.result = case_result_parse(actval(a, v, AF_RESULT));
	act.satisfaction = case_sat_parse(actval(a, v, AF_SAT));
	act.workdays = atoi(actval(a, v, AF_DAYS));
	if (a->map[AF_UNIT] >= 0) /* the form refuses a unit that is not in its list */
		act.unit_id = form_choice_id(f, a->map[AF_UNIT]);
	return db_cases_act(app->db, a->case_id, &act, app->cal, app->cfg->case_days, app->today, notice, err);
}

struct actscr {
	struct actform a;
	struct form *form;
};

static void actscr_draw(struct screen *s, int top, int height, int width)
{
	struct actscr *x = s->data;
	form_draw(x->form, top, height, width, &s->cur_y, &s->cur_x);
}

/* F2 on an action form: the core decides; a refusal stays on the form with what was typed. */
static int actscr_save(void *ud)
{
	struct actscr *x = ud;
	char *err = NULL, *notice = NULL;
	if (actform_save(&x->a, x->form, &notice, &err) < 0) {
		app_message(MSG_ERROR, "没有办理：%s", err);
		free(err);
		return UI_REDRAW;
	}
	form_mark_saved(x->form);
	if (notice)
		app_message(MSG_INFO, "已%s。%s", caseflow_event_label(x->a.ev), notice);
	else
		app_message(MSG_INFO, "已%s", caseflow_event_label(x->a.ev));
	free(notice);
	return UI_POP;
}

static int actscr_key(struct screen *s, struct keypress k)
{
	struct actscr *x = s->data;
	return form_screen_key(x->form, k, actscr_save, x);
}

static void actscr_fini(struct screen *s)
{
	struct actscr *x = s->data;
	form_free(x->form);
	free(x);
}

static const struct screen_ops actscr_ops = {
	.name = "case_action",
	.draw = actscr_draw,
	.key = actscr_key,
	.fini = actscr_fini,
};

static const enum action actscr_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_NEXT_FIELD, ACT_BACK, ACT_NONE };

static void action_push(const struct case_info *ci, enum case_event ev)
{
	struct actscr *x = xcalloc(1, sizeof *x);
	char *err = NULL;
	x->a.case_id = ci->id;
	x->a.ev = ev;
	actform_build(&x->a);
	char **vals = record_new_values(&x->a.def, app->today);
	x->form = form_new(&x->a.def, vals, app->today);
	record_free_values(&x->a.def, vals);
	if (x->a.map[AF_UNIT] >= 0) {
		struct choice_list units = { 0 };
		if (choices_units(&units, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
		}
		form_set_choices(x->form, x->a.map[AF_UNIT], units.v, units.n, true);
		choices_free(&units);
	}
	char *kind = xasprintf("case_action:%s", caseflow_event_label(ev));
	form_set_draft(x->form, kind, ci->id);
	free(kind);
	char *title = xasprintf("%s %s：%s", ci->case_no, caseflow_event_label(ev), ci->vals[CASEF_SUMMARY]);
	struct screen *s = screen_new(&actscr_ops, title, actscr_bar);
	free(title);
	s->data = x;
	app_push(s);
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

static const enum action casescr_actions_keys[] = { ACT_ACTIONS, ACT_EDIT, ACT_UP,  ACT_DOWN,
						    ACT_BACK,    ACT_QUIT, ACT_NONE };

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

static int casescr_key(struct screen *s, struct keypress k)
{
	struct casescr *c = s->data;
	switch (keys_lookup(k, casescr_actions_keys)) {
	case ACT_ACTIONS:
		if (!c->error)
			casescr_actions(c);
		break;
	case ACT_EDIT:
		edit_case_desc.def = case_record();
		if (!c->error)
			register_form_push(&edit_case_desc, c->id);
		break;
	case ACT_UP:
		if (c->scroll > 0)
			c->scroll--;
		break;
	case ACT_DOWN:
		if (c->scroll + 1 < c->nevents)
			c->scroll++;
		break;
	case ACT_BACK:
		return UI_POP;
	case ACT_QUIT:
		return UI_QUIT;
	default:
		break;
	}
	return UI_REDRAW;
}

static void casescr_reload(struct screen *s) { casescr_load(s->data); }

static void casescr_fini(struct screen *s)
{
	struct casescr *c = s->data;
	case_info_free(&c->ci);
	free(c->error);
	free(c->sugs);
	free(c);
}

static const struct screen_ops casescr_ops = {
	.name = "case",
	.draw = casescr_draw,
	.key = casescr_key,
	.reload = casescr_reload,
	.fini = casescr_fini,
};

static const enum action casescr_bar[] = { ACT_HELP, ACT_ACTIONS, ACT_EDIT, ACT_BACK, ACT_QUIT, ACT_NONE };

void case_push(int64_t id)
{
	struct casescr *c = xcalloc(1, sizeof *c);
	c->id = id;
	casescr_load(c);
	struct screen *s = screen_new(&casescr_ops, c->error ? "案件" : c->ci.case_no, casescr_bar);
	s->data = c;
	app_push(s);
}
