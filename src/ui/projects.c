/* 民生实事项目台账.
 *
 * The list pages through db_projects_page(), newest year first; typing filters (title, content,
 * proposer), F5 cycles the status, the 期间 key narrows it to the years of a period (2026,
 * 2025-01-01~2026-12-31 ...). F3 a new project (saved, its screen opens), F4 edits, Enter opens
 * the project's screen: its fields, its vote, unit, plan and progress, and its timeline
 * (project_events). There F5 offers the steps allowed now (project_allowed): 入选, 不入选, 落实,
 * 进度, 督查, 完成, 测评 — each a small form built from project_form() by ui/actform.c; the core
 * decides (project_apply through db_projects_act) and a refusal stands at its field. A vote
 * session (ui/votes.c) moves candidates to 票决 and then to 实施 or 未通过. */
#include "ui/projects.h"

#include "core/period.h"
#include "core/project.h"
#include "core/suggestion.h"
#include "core/text.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/projects.h"
#include "db/suggestions.h"
#include "ui/actform.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/list.h"
#include "ui/listscreen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the list ---- */

static const char *const pj_filters[] = { "全部", "超期", "征集", "初选", "未入选", "票决",
					  "实施", "未通过", "完成", "评价", NULL };

static const struct list_col pj_cols[] = {
	{ "年度", 4, 4, ALIGN_LEFT, PJ_YEAR, true, 0 },
	{ "状态", 6, 6, ALIGN_LEFT, PJ_X_STATUS, true, 0 },
	{ "来源", 4, 10, ALIGN_LEFT, PJ_SOURCE, false, 3 },
	{ "赞成", 4, 4, ALIGN_RIGHT, PJ_X_YES, false, 2 },
	{ "承办单位", 8, 12, ALIGN_LEFT, PJ_X_UNIT, false, 1 },
	{ "计划完成", 10, 10, ALIGN_LEFT, PJ_X_PLANNED, true, 0 },
	{ "进度", 4, 6, ALIGN_RIGHT, PJ_X_PROGRESS, false, 0 },
	{ "项目名称", 12, 0, ALIGN_LEFT, PJ_TITLE, false, 0 },
};

struct pjlist {
	int filter;
	bool has_period;
	struct period period;
	int64_t n;
	int64_t open_id; /* a project just created: open it when the form closes */
};

static void pjlist_filter(const struct pjlist *s, const char *text, struct project_filter *f)
{
	const char *fl = pj_filters[s->filter];
	memset(f, 0, sizeof *f);
	f->text = text;
	f->today = app->today;
	if (s->has_period) {
		f->year_from = atoi(s->period.from);
		f->year_to = atoi(s->period.to);
	}
	if (!strcmp(fl, "超期"))
		f->overdue = true;
	else if (strcmp(fl, "全部"))
		f->status = fl;
}

static int pjlist_count(void *ctx, const char *text, int64_t *n, char **err)
{
	struct pjlist *s = ctx;
	struct project_filter f;
	pjlist_filter(s, text, &f);
	int rc = db_projects_count(app->db, &f, n, err);
	s->n = *n;
	return rc;
}

static int pjlist_row(void *ud, int64_t id, const char *const *v)
{
	char *progress = xasprintf("%s%%", v[PJ_X_PROGRESS]);
	char *planned = *v[PJ_X_OVERDUE] ? xasprintf("%s超期", v[PJ_X_PLANNED]) : xstrdup(v[PJ_X_PLANNED]);
	const char *cells[] = { v[PJ_YEAR],    v[PJ_X_STATUS], v[PJ_SOURCE], v[PJ_X_YES],
				v[PJ_X_UNIT], planned,        progress,     v[PJ_TITLE] };
	list_page_add(ud, (int)ARRAY_LEN(pj_cols), id, cells);
	free(progress);
	free(planned);
	return 0;
}

static int pjlist_fetch(void *ctx, const char *text, int sort_key, bool desc, int64_t offset,
			const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	(void)after;
	struct project_filter f;
	pjlist_filter(ctx, text, &f);
	return db_projects_page(app->db, &f, sort_key, desc, offset, limit, pjlist_row, page, err);
}

static char *pjlist_status(void *state, bool *filtered)
{
	struct pjlist *s = state;
	*filtered = s->filter != 0 || s->has_period;
	return xasprintf("范围：%s", pj_filters[s->filter]);
}

static char *pjlist_summary(void *state)
{
	struct pjlist *s = state;
	char *p = s->has_period ? xasprintf("%d 至 %d 年", atoi(s->period.from), atoi(s->period.to)) : xstrdup("不限");
	char *line = xasprintf("年度：%s  %lld 项", p, (long long)s->n);
	free(p);
	return line;
}

static void pjlist_set_period(void *state, const struct period *p, const char *text)
{
	(void)text;
	struct pjlist *s = state;
	s->has_period = p != NULL;
	if (p)
		s->period = *p;
}

static void pjlist_clear(void *state)
{
	struct pjlist *s = state;
	s->filter = 0;
	s->has_period = false;
}

static void pjform_open(int64_t id, int64_t *open_after, int64_t visit_id, const char *date, const char *name,
			const char *content);

static int pjlist_new(struct screen *sc)
{
	struct pjlist *s = listscreen_state(sc);
	pjform_open(0, &s->open_id, 0, NULL, NULL, NULL);
	return UI_REDRAW;
}

static int pjlist_open(struct screen *sc)
{
	if (listscreen_selected(sc) >= 0)
		project_push(listscreen_selected(sc));
	return UI_REDRAW;
}

static int pjlist_edit(struct screen *sc)
{
	if (listscreen_selected(sc) >= 0)
		pjform_open(listscreen_selected(sc), NULL, 0, NULL, NULL, NULL);
	return UI_REDRAW;
}

static int pjlist_filter_next(struct screen *sc)
{
	struct pjlist *s = listscreen_state(sc);
	s->filter = pj_filters[s->filter + 1] ? s->filter + 1 : 0;
	listscreen_refilter(sc);
	return UI_REDRAW;
}

/* Ask, then delete (soft). True if deleted. */
static bool pj_delete(int64_t id)
{
	struct project_info p;
	char *err = NULL;
	bool done = false;
	if (db_projects_get(app->db, id, &p, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return false;
	}
	char *q = xasprintf("删除民生实事项目《%s》吗？", p.vals[PJ_TITLE]);
	if (dialog_confirm(q, "删除后不再出现在台账中，站长可以恢复")) {
		if (db_projects_delete(app->db, id, &err) < 0) {
			app_message(MSG_ERROR, "没有删除：%s", err);
			free(err);
		} else {
			app_message(MSG_INFO, "已删除民生实事项目《%s》", p.vals[PJ_TITLE]);
			done = true;
		}
	}
	free(q);
	db_project_info_free(&p);
	return done;
}

static int pjlist_delete(struct screen *sc)
{
	int64_t id = listscreen_selected(sc);
	if (id >= 0 && pj_delete(id))
		list_reload(listscreen_list(sc));
	return UI_REDRAW;
}

static void pjlist_reload(struct screen *sc)
{
	struct pjlist *s = listscreen_state(sc);
	if (s->open_id > 0) {
		int64_t id = s->open_id;
		s->open_id = 0;
		project_push(id);
	}
}

static const struct binding pjlist_actions[] = {
	{ .action = ACT_NEW, .run = pjlist_new },
	{ .action = ACT_OPEN, .run = pjlist_open },
	{ .action = ACT_EDIT, .run = pjlist_edit },
	{ .action = ACT_FILTER, .run = pjlist_filter_next },
	{ .action = ACT_DELETE, .run = pjlist_delete },
	{ .action = ACT_NONE },
};

const struct help_page projects_help = {
	.id = "projects",
	.title = "民生实事项目台账",
	.note = "民生实事项目从群众点题、代表选题、人大票决到政府实施、代表督"
		 "查和满意度测评的全过程。检查时看：每个项目的票决结果、承办单"
		 "位、进度和测评。",
	.keys = pjlist_actions,
	.flags = HELP_LIST | HELP_PERIOD | HELP_PRINT,
};

void projects_push(void)
{
	struct pjlist *s = xcalloc(1, sizeof *s);
	listscreen_push(&(struct listscreen_desc){ .title = app->cfg->titles[REG_PROJECTS],
						   .cols = pj_cols,
						   .ncols = (int)ARRAY_LEN(pj_cols),
						   .sort_col = 0,
						   .desc = true,
						   .count = pjlist_count,
						   .fetch = pjlist_fetch,
						   .actions = pjlist_actions,
						   .status = pjlist_status,
						   .clear_filters = pjlist_clear,
						   .set_period = pjlist_set_period,
						   .period_field = "年度",
						   .summary = pjlist_summary,
						   .reload = pjlist_reload,
						   .fini = free,
						   .state = s,
						   .help = &projects_help });
}

/* ---- the form of a project ---- */

struct pjform {
	int64_t id;
	int64_t visit_id;
	int64_t *open_after;
	struct form *form;
};

static int pjform_save(void *ud)
{
	struct pjform *s = ud;
	char **v = record_copy_values(&project_def, form_values(s->form));
	const char *msgs[PJ_NFIELDS] = { 0 };
	/* the 代表建议 is linked only while it is the source */
	struct project_links l = { .deputy_id = form_choice_id(s->form, PJ_DEPUTY),
				   .visit_id = s->visit_id,
				   .suggestion_id = !strcmp(v[PJ_SOURCE], "代表建议")
					   ? form_choice_id(s->form, PJ_SUGGESTION)
					   : 0 };
	struct refusal why = { 0 };
	int64_t id = s->id, rc = UI_REDRAW;
	if (record_check(&project_def, v, app->today, msgs)) {
		for (int i = PJ_NFIELDS - 1; i >= 0; i--)
			if (msgs[i]) {
				form_set_error(s->form, i, msgs[i]);
				app_message(MSG_ERROR, "没有保存。%s：%s", project_def.fields[i].label, msgs[i]);
			}
		goto out;
	}
	if (db_projects_save(app->db, s->id, v, &l, &id, &why) < 0) {
		int f = why.field ? record_field_index(&project_def, why.field) : -1;
		if (f >= 0)
			form_set_error(s->form, f, why.msg);
		app_message(MSG_ERROR, "没有保存：%s", why.msg);
		refusal_clear(&why);
		goto out;
	}
	form_mark_saved(s->form);
	app_message(MSG_INFO, "已保存民生实事项目《%s》%s", v[PJ_TITLE], s->visit_id ? "，来源为这次来访" : "");
	if (!s->id && s->open_after)
		*s->open_after = id;
	rc = UI_POP;
out:
	record_free_values(&project_def, v);
	return (int)rc;
}

static void pjform_draw(struct screen *sc, int top, int height, int width)
{
	struct pjform *s = sc->data;
	form_draw(s->form, top, height, width, &sc->cur_y, &sc->cur_x);
}

static int pjform_key(struct screen *sc, struct keypress k)
{
	struct pjform *s = sc->data;
	return form_screen_key(s->form, k, pjform_save, s);
}

static void pjform_fini(struct screen *sc)
{
	struct pjform *s = sc->data;
	form_free(s->form);
	free(s);
}

static const struct screen_ops pjform_ops = {
	.name = "project_form",
	.draw = pjform_draw,
	.key = pjform_key,
	.fini = pjform_fini,
};

/* A 代表建议 as a pick-list item: "编号 标题（提出日期）", as db/projects.c labels the link. */
static int pjform_suggestion(void *ud, int64_t id, const char *const *v)
{
	char *label = *v[SUG_NO] ? xasprintf("%s %s（%s）", v[SUG_NO], v[SUG_TITLE], v[SUG_DATE])
				 : xasprintf("%s（%s）", v[SUG_TITLE], v[SUG_DATE]);
	choices_add(ud, id, label);
	free(label);
	return 0;
}

/* The 来源建议 pick list: the suggestions not deleted, newest first (the latest 1,000), and the
 * one the project is linked to whatever it is now (keep, with its label). */
static void pjform_suggestions(struct form *f, int64_t keep, const char *keep_label)
{
	struct choice_list l = { 0 };
	struct suggestion_filter sf = { 0 };
	char *err = NULL;
	if (keep)
		choices_add(&l, keep, keep_label);
	if (db_suggestions_page(app->db, &sf, -1, false, 0, 1000, pjform_suggestion, &l, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	form_set_choices(f, PJ_SUGGESTION, l.v, l.n, true);
	if (keep)
		form_set_choice_ids(f, PJ_SUGGESTION, &keep, 1);
	choices_free(&l);
}

/* The screen for the project (new project from a visit: visit_id with its date, name, words). */
static void pjform_open(int64_t id, int64_t *open_after, int64_t visit_id, const char *date, const char *name,
			const char *content)
{
	struct pjform *s = xcalloc(1, sizeof *s);
	struct project_info p = { 0 };
	struct choice_list deps = { 0 };
	char *err = NULL, **vals;
	s->id = id;
	s->open_after = open_after;
	s->visit_id = visit_id;
	if (id) {
		if (db_projects_get(app->db, id, &p, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
			free(s);
			return;
		}
		vals = record_copy_values(&project_def, p.vals);
	} else {
		vals = record_new_values(&project_def, app->today);
		char y[8];
		snprintf(y, sizeof y, "%d", atoi(app->today) + (atoi(app->today + 5) >= 10 ? 1 : 0));
		str_set(&vals[PJ_YEAR], y);
		if (visit_id) {
			char *title = visit_summary(content);
			str_set(&vals[PJ_TITLE], title);
			free(title);
			str_set(&vals[PJ_CONTENT], content);
			str_set(&vals[PJ_DATE], date);
			str_set(&vals[PJ_SOURCE], "来访");
			str_set(&vals[PJ_PROPOSER], name);
		}
	}
	s->form = form_new(&project_def, vals, app->today);
	record_free_values(&project_def, vals);
	if (choices_deputies(id != 0, &p.deputy_id, p.deputy_id ? 1 : 0, &deps, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	form_set_choices(s->form, PJ_DEPUTY, deps.v, deps.n, true);
	if (p.deputy_id)
		form_set_choice_ids(s->form, PJ_DEPUTY, &p.deputy_id, 1);
	choices_free(&deps);
	pjform_suggestions(s->form, p.suggestion_id, p.vals ? p.vals[PJ_SUGGESTION] : "");
	if (visit_id) {
		form_mark_default(s->form, PJ_TITLE);
		form_set_draft(s->form, "project_from_visit", visit_id);
	} else {
		form_set_draft(s->form, "projects", id);
	}
	char *title = id        ? xasprintf("修改民生实事项目《%s》", p.vals[PJ_TITLE])
		: visit_id ? xasprintf("新增民生实事项目（来自 %s %s 的来访）", date, name)
				: xstrdup("新增民生实事项目");
	db_project_info_free(&p);
	struct screen *sc = screen_new(&pjform_ops, title, form_bindings);
	free(title);
	sc->data = s;
	app_push(sc);
}

void project_from_visit_push(int64_t visit_id, const char *date, const char *name, const char *content)
{
	pjform_open(0, NULL, visit_id, date, name, content);
}

/* ---- the steps: one small form each (ui/actform.c) ---- */

struct pjact {
	int64_t id;
	enum project_action action;
};

static int pj_int(const struct actform *a, const char *key)
{
	const char *v = actform_get(a, key);
	return *v ? atoi(v) : -1;
}

static int pjact_do(void *ctx, const struct actform *a, char **done, struct refusal *why)
{
	struct pjact *x = ctx;
	const int64_t *deps = NULL;
	int ndeps = actform_choice_ids(a, "deputies", &deps);
	struct project_act act = {
		.action = x->action,
		.date = actform_get(a, "date"),
		.note = actform_get(a, "note"),
		.unit_id = actform_unit(a),
		.due = actform_get(a, "due"),
		.percent = pj_int(a, "percent"),
		.ndeputies = ndeps,
		.joined = pj_int(a, "joined"),
		.satisfied = pj_int(a, "satisfied"),
		.basic = pj_int(a, "basic"),
		.unsatisfied = pj_int(a, "unsatisfied"),
		.who = app->cfg->user,
	};
	if (db_projects_act(app->db, x->id, &act, deps, app->today, why) < 0)
		return -1;
	if (x->action == PA_INSPECT)
		*done = xasprintf("已记录督查（代表活动，%d 位代表出席）", ndeps);
	return 0;
}

static void pjact_push(const struct project_info *p, enum project_action action)
{
	struct action_field fields[ACTION_MAX_FIELDS];
	struct actform *a = actform_new(project_action_label(action), fields, project_form(action, fields));
	char *err = NULL;
	if (action == PA_ARRANGE) {
		struct choice_list units = { 0 };
		if (choices_units(&units, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
		}
		actform_set_units(a, &units);
	}
	if (action == PA_INSPECT) {
		struct choice_list deps = { 0 };
		if (choices_deputies(false, NULL, 0, &deps, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
		}
		actform_set_items(a, "deputies", &deps);
	}
	if (action == PA_PROGRESS) {
		char *label = xasprintf("完成进度（%%，现为 %d%%）", p->state.progress);
		actform_set_label(a, "percent", label);
		free(label);
	}
	struct pjact *x = xmalloc(sizeof *x);
	*x = (struct pjact){ .id = p->id, .action = action };
	char *kind = xasprintf("project_action:%s", project_action_label(action));
	char *title = xasprintf("%s：%s", project_action_label(action), p->vals[PJ_TITLE]);
	actform_push(a, title, kind, p->id, pjact_do, x, free);
	free(kind);
	free(title);
}

/* ---- one project ---- */

struct pjscr {
	int64_t id;
	struct project_info info;
	bool loaded;
	char *error;
	struct actform_timeline tl;
};

static void pjscr_load(struct pjscr *s)
{
	char *err = NULL;
	if (s->loaded)
		db_project_info_free(&s->info);
	s->loaded = false;
	free(s->error);
	s->error = NULL;
	actform_timeline_clear(&s->tl);
	if (db_projects_get(app->db, s->id, &s->info, &err) < 0) {
		s->error = err;
		return;
	}
	s->loaded = true;
	if (db_projects_timeline(app->db, s->id, actform_timeline_add, &s->tl, &err) < 0)
		s->error = err;
}

static void pj_field(int y, int x, int w, const char *label, const char *value, enum ui_role role)
{
	int lw = text_width(label) + 1;
	if (lw < 9)
		lw = 9;
	ui_text(y, x, lw, label, ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, x + lw, w - lw, value, ALIGN_LEFT, role);
}

static void pjscr_draw(struct screen *sc, int top, int height, int width)
{
	struct pjscr *s = sc->data;
	if (s->error || !s->loaded) {
		ui_text(top + 1, 2, width - 4, s->error ? s->error : "", ALIGN_LEFT, ROLE_ERROR);
		return;
	}
	const struct project_info *p = &s->info;
	char *const *v = p->vals;
	const struct project_state *st = &p->state;
	int half = (width - 4) / 2, y = top + 1, end = top + height;
	bool over = project_overdue(st, app->today);
	char buf[160];
	pj_field(y, 2, half, "状态", project_status_label(st->status), over ? ROLE_ERROR : ROLE_INFO);
	snprintf(buf, sizeof buf, "%s 年  %s", v[PJ_YEAR], v[PJ_CATEGORY]);
	pj_field(y++, 2 + half, half, "年度", buf, ROLE_NORMAL);
	pj_field(y++, 2, width - 4, "项目名称", v[PJ_TITLE], ROLE_NORMAL);
	snprintf(buf, sizeof buf, "%s  %s%s%s", v[PJ_SOURCE], v[PJ_PROPOSER], *v[PJ_DEPUTY] ? " 代表 " : "",
		 v[PJ_DEPUTY]);
	pj_field(y, 2, half, "来源", buf, ROLE_NORMAL);
	pj_field(y++, 2 + half, half, "征集日期", v[PJ_DATE], ROLE_NORMAL);
	if (*p->visit)
		pj_field(y++, 2, width - 4, "来源来访", p->visit, ROLE_INFO);
	pj_field(y++, 2, width - 4, "票决", *p->votes ? p->votes : "（尚未票决）", ROLE_NORMAL);
	pj_field(y, 2, half, "承办单位", *p->unit ? p->unit : "（未落实）", ROLE_NORMAL);
	snprintf(buf, sizeof buf, "%s%s", *st->planned ? st->planned : "-", over ? "  超期" : "");
	pj_field(y++, 2 + half, half, "计划完成", buf, over ? ROLE_ERROR : ROLE_NORMAL);
	snprintf(buf, sizeof buf, "%d%%  督查 %d 次%s%s", st->progress, p->inspections, *st->completed ? "  完成 " : "",
		 st->completed);
	pj_field(y, 2, half, "进度", buf, ROLE_NORMAL);
	if (st->status == PS_EVALUATED)
		snprintf(buf, sizeof buf, "满意率 %.1f%%（%d 人：满意 %d，基本满意 %d，不满意 %d）",
			 project_sat_rate(st->joined, st->satisfied, st->basic), st->joined, st->satisfied, st->basic,
			 st->unsatisfied);
	else
		snprintf(buf, sizeof buf, "（未测评）");
	pj_field(y++, 2 + half, half, "满意度", buf, ROLE_NORMAL);
	if (y + 3 > end)
		return;
	y = actform_timeline_head(y + 1, width);
	actform_timeline_draw(&s->tl, y, end, width, s->tl.n > end - y ? s->tl.n - (end - y) : 0);
}

static int pjscr_actions(struct screen *sc)
{
	struct pjscr *s = sc->data;
	const char *items[PA_COUNT];
	enum project_action acts[PA_COUNT];
	int n = 0;
	if (!s->loaded)
		return UI_REDRAW;
	for (int a = 0; a < PA_COUNT; a++)
		if (project_allowed(s->info.state.status, (enum project_action)a, NULL)) {
			items[n] = project_action_label((enum project_action)a);
			acts[n++] = (enum project_action)a;
		}
	if (!n) {
		app_message(MSG_INFO, s->info.state.status == PS_SHORTLISTED || s->info.state.status == PS_VOTING
					      ? "候选项目在票决会议里表决（首页按 0，选票决会议）"
					      : "这个项目没有可办理的事项");
		return UI_REDRAW;
	}
	int i = dialog_pick("下一步", items, n, NULL);
	if (i >= 0)
		pjact_push(&s->info, acts[i]);
	return UI_REDRAW;
}

static int pjscr_edit(struct screen *sc)
{
	struct pjscr *s = sc->data;
	pjform_open(s->id, NULL, 0, NULL, NULL, NULL);
	return UI_REDRAW;
}

static int pjscr_delete(struct screen *sc)
{
	struct pjscr *s = sc->data;
	return pj_delete(s->id) ? UI_POP : UI_REDRAW;
}

static int pjscr_back(struct screen *sc)
{
	(void)sc;
	return UI_POP;
}

static int pjscr_quit(struct screen *sc)
{
	(void)sc;
	return UI_QUIT;
}

static int pjscr_key(struct screen *sc, struct keypress k)
{
	(void)sc, (void)k;
	return UI_REDRAW;
}

static void pjscr_reload(struct screen *sc) { pjscr_load(sc->data); }

static void pjscr_fini(struct screen *sc)
{
	struct pjscr *s = sc->data;
	if (s->loaded)
		db_project_info_free(&s->info);
	actform_timeline_clear(&s->tl);
	free(s->error);
	free(s);
}

static const struct screen_ops pjscr_ops = {
	.name = "project",
	.draw = pjscr_draw,
	.key = pjscr_key,
	.reload = pjscr_reload,
	.fini = pjscr_fini,
};

static const struct binding pjscr_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_ACTIONS, .run = pjscr_actions },
	{ .action = ACT_EDIT, .run = pjscr_edit },
	{ .action = ACT_DELETE, .run = pjscr_delete },
	{ .action = ACT_BACK, .run = pjscr_back },
	{ .action = ACT_QUIT, .run = pjscr_quit },
	{ .action = ACT_NONE },
};

const struct help_page project_help = {
	.id = "project",
	.title = "民生实事项目",
	.note = "一个民生实事项目的来源、票决结果、承办单位、实施进度、代表督"
		 "查和满意度测评。检查时看：每一步都有日期和记录，测评有结果。",
	.keys = pjscr_bar,
	.flags = 0,
};

void project_push(int64_t id)
{
	struct pjscr *s = xcalloc(1, sizeof *s);
	s->id = id;
	pjscr_load(s);
	char *t = xasprintf("民生实事项目：%s", s->loaded ? s->info.vals[PJ_TITLE] : "");
	struct screen *sc = screen_new(&pjscr_ops, t, pjscr_bar);
	sc->note = xstrdup(project_help.note);
	free(t);
	sc->data = s;
	app_push(sc);
}
