/* 接待选民登记簿.
 *
 * The visit form is laid out for the reception-day queue: the cursor starts at 来访人, then
 * 反映问题, 类别, 处理方式, 答复内容 — a walk-in answered on the spot needs F3, four Tabs and
 * F2 beyond the text typed (the e2e test counts them). F2 saves and at once starts the next
 * visit, keeping the date, channel, reception day and deputies. Leaving 来访人 or 联系电话
 * looks up earlier visits of the same resident (db_visits_earlier) and shows them under the
 * form; F6 links this visit to their open case instead of opening a new one.
 *
 * The form's fields are visit_def's in another order plus three links (接待代表, 承办单位 for a
 * 交办, 办理时限); values are mapped back to visit_def's order to be stored. */
#include "ui/visits.h"

#include "ui/projects.h"

#include "core/calendar.h"
#include "core/clock.h"
#include "core/period.h"
#include "core/text.h"
#include "core/util.h"
#include "core/validate.h"
#include "core/visit.h"
#include "db/cases.h"
#include "db/reception.h"
#include "db/search.h"
#include "db/visits.h"
#include "ui/app.h"
#include "ui/cases.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/list.h"
#include "ui/listscreen.h"
#include "ui/register.h"
#include "ui/suggestions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the form's fields ---- */

enum vf {
	VF_NAME,
	VF_CONTENT,
	VF_CATEGORY,
	VF_HANDLING,
	VF_REPLY,
	VF_SATISFACTION,
	VF_UNIT,
	VF_DAYS,
	VF_PHONE,
	VF_GENDER,
	VF_ADDRESS,
	VF_PEOPLE,
	VF_DEPUTIES,
	VF_CHANNEL,
	VF_DATE,
	VF_N
};

/* visit_def field of each form field, or -1 for a link. */
static const int vf_visit[VF_N] = {
	[VF_NAME] = VIS_NAME,
	[VF_CONTENT] = VIS_CONTENT,
	[VF_CATEGORY] = VIS_CATEGORY,
	[VF_HANDLING] = VIS_HANDLING,
	[VF_REPLY] = VIS_REPLY,
	[VF_SATISFACTION] = VIS_SATISFACTION,
	[VF_UNIT] = -1,
	[VF_DAYS] = -1,
	[VF_PHONE] = VIS_PHONE,
	[VF_GENDER] = VIS_GENDER,
	[VF_ADDRESS] = VIS_ADDRESS,
	[VF_PEOPLE] = VIS_PEOPLE,
	[VF_DEPUTIES] = -1,
	[VF_CHANNEL] = VIS_CHANNEL,
	[VF_DATE] = VIS_DATE,
};

static struct field_def vfields[VF_N];
static struct record_def vdef;
static char days_def[8];

static const struct record_def *visit_form_def(void)
{
	for (int i = 0; i < VF_N; i++)
		if (vf_visit[i] >= 0)
			vfields[i] = visit_def.fields[vf_visit[i]];
	vfields[VF_REPLY].label = "答复/理由";
	vfields[VF_UNIT] =
		(struct field_def){ .col = "unit", .label = "承办单位", .kind = FK_CHOICE, .choice_open = true };
	snprintf(days_def, sizeof days_def, "%d", app->cfg->case_days);
	vfields[VF_DAYS] = (struct field_def){
		.col = "days", .label = "办理时限(工作日)", .kind = FK_INT, .min = 1, .max = 365, .def = days_def
	};
	vfields[VF_DEPUTIES] =
		(struct field_def){ .col = "deputies", .label = "接待代表", .kind = FK_MULTI, .max_chars = 400 };
	vdef = (struct record_def){ .table = "visits", .title = "来访", .fields = vfields, .nfields = VF_N };
	return &vdef;
}

/* ---- the screen ---- */

#define HINT_MAX 5

struct hint {
	char *line;      /* owned */
	int64_t case_id; /* 0: none */
	bool open;
	char *case_no; /* owned */
};

struct vscreen {
	struct form *form;
	int64_t id;               /* 0: new */
	int64_t reception_day_id; /* the day pre-filled, 0: none */
	struct hint hints[HINT_MAX];
	int nhints, nearlier;
	bool by_name;      /* hints found by name alone (no phone typed): maybe someone else */
	int64_t link_case; /* F6: link to this open case, 0: none */
	char *link_no;     /* owned */
	struct choice_list deps;  /* deputies pick list; owned */
	struct choice_list units; /* units pick list; owned */
	int64_t *dep_ids;         /* deputies the next form starts with; owned */
	int ndep_ids;
	int saved;        /* visits saved in this run of the form */
	char *saved_note; /* what the last save did besides the visit (case number, notice); owned */
	int people_ok;    /* a 人数 above VISIT_PEOPLE_ASK the clerk confirmed (asked once) */
	bool to_suggest;  /* the last save was a 转为代表建议 without its suggestion yet */
	int64_t suggestion_id; /* the visit being edited was turned into this suggestion, 0: none */
};

static void hints_clear(struct vscreen *v)
{
	for (int i = 0; i < v->nhints; i++) {
		free(v->hints[i].line);
		free(v->hints[i].case_no);
	}
	v->nhints = v->nearlier = 0;
}

static int add_hint(void *ud, const struct visit_earlier *e)
{
	struct vscreen *v = ud;
	v->nearlier++;
	if (v->nhints == HINT_MAX)
		return 0;
	struct hint *h = &v->hints[v->nhints++];
	h->line = xasprintf("%s %s %s：%s%s%s%s", e->date, e->name, e->channel, e->content, e->case_id ? "  案件 " : "",
			    e->case_no, e->case_id ? (e->case_open ? "（未办结）" : "（已办结）") : "");
	h->case_id = e->case_id;
	h->open = e->case_open;
	h->case_no = xstrdup(e->case_no);
	return 0;
}

/* Earlier visits of the resident being typed in (by phone, else by name). */
static void hints_load(struct vscreen *v)
{
	char *err = NULL;
	hints_clear(v);
	const char *phone = form_value(v->form, VF_PHONE), *name = form_value(v->form, VF_NAME);
	v->by_name = str_empty(phone);
	if (db_visits_earlier(app->db, phone, name, v->id, 20, add_hint, v, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
}

/* The deputies the next form starts with. */
static void set_dep_ids(struct vscreen *v, const int64_t *ids, int n)
{
	free(v->dep_ids);
	v->dep_ids = xmalloc(sizeof(int64_t) * (size_t)(n ? n : 1));
	if (n)
		memcpy(v->dep_ids, ids, sizeof(int64_t) * (size_t)n);
	v->ndep_ids = n;
}

/* Form values for a new visit: today, and today's reception day with its deputies on duty
 * (v->dep_ids), or what the previous visit of this run had (prev may be NULL; its deputies are
 * in v->dep_ids already). */
static char **new_values(struct vscreen *v, char *const *prev)
{
	char **vals = record_new_values(&vdef, app->today);
	struct reception_day d = { 0 };
	bool found = false;
	char *err = NULL;
	if (prev) {
		str_set(&vals[VF_DATE], prev[VF_DATE]);
		str_set(&vals[VF_CHANNEL], prev[VF_CHANNEL]);
		return vals;
	}
	v->reception_day_id = 0;
	set_dep_ids(v, NULL, 0);
	if (db_reception_on_date(app->db, app->today, &d, &found, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	if (found && !d.cancelled) {
		set_dep_ids(v, d.duty_ids, d.nduty);
		v->reception_day_id = d.id;
	} else
		str_set(&vals[VF_CHANNEL], "日常来访");
	db_reception_day_free(&d);
	return vals;
}

/* 满意度 belongs to an answer on the spot: Tab passes over it for any other handling (unless it
 * holds a value, which the check then refuses there). */
static bool vscreen_skip(struct form *f, int field, void *ud)
{
	(void)ud;
	return field == VF_SATISFACTION && strcmp(form_value(f, VF_HANDLING), VISIT_H_ANSWER) &&
		str_empty(form_value(f, VF_SATISFACTION));
}

/* Beside 办理时限, while 交办 is chosen: the due date the case will get, from the calendar, as
 * the clerk types the date and the days. */
static void vscreen_due_note(struct vscreen *v)
{
	char date[11], due[11] = "";
	char *end;
	const char *days = form_value(v->form, VF_DAYS);
	long n = strtol(days, &end, 10);
	if (!strcmp(form_value(v->form, VF_HANDLING), VISIT_H_ASSIGN) && !v->link_case &&
	    !date_parse(form_value(v->form, VF_DATE), app->today, date) && end != days && !*end && n >= 1 && n <= 365)
		visit_due_date(app->cal, date, (int)n, app->cfg->case_days, due);
	static const char *const wd[] = { "", "周一", "周二", "周三", "周四", "周五", "周六", "周日" };
	char *note = *due ? xasprintf("时限将定为 %s（%s）", due, wd[date_weekday(due)]) : NULL;
	form_set_note(v->form, VF_DAYS, note);
	free(note);
}

static void vscreen_form(struct vscreen *v, char **vals)
{
	form_free(v->form);
	v->form = form_new(&vdef, vals, app->today);
	form_set_skip(v->form, vscreen_skip, v);
	v->people_ok = 0;
	if (!v->id) { /* carried over from the previous visit: typing replaces them */
		form_mark_default(v->form, VF_DATE);
		form_mark_default(v->form, VF_CHANNEL);
	}
	form_set_choices(v->form, VF_DEPUTIES, v->deps.v, v->deps.n, true);
	form_set_choices(v->form, VF_UNIT, v->units.v, v->units.n, true);
	form_set_choice_ids(v->form, VF_DEPUTIES, v->dep_ids, v->ndep_ids);
	form_focus(v->form, VF_NAME);
	form_set_draft(v->form, "visits", v->id);
	hints_clear(v);
	v->link_case = 0;
	free(v->link_no);
	v->link_no = NULL;
	vscreen_due_note(v);
}

static void vscreen_draw(struct screen *s, int top, int height, int width)
{
	struct vscreen *v = s->data;
	int hint_rows = v->nhints ? v->nhints + 2 : 1;
	if (hint_rows > height / 3)
		hint_rows = height / 3;
	form_draw(v->form, top, height - hint_rows, width, &s->cur_y, &s->cur_x);
	int y = top + height - hint_rows;
	if (v->suggestion_id) {
		ui_text(y++, 2, width - 4, v->saved_note ? v->saved_note : "", ALIGN_LEFT, ROLE_INFO);
	} else if (v->link_case) {
		char *l = xasprintf("本次来访关联到案件 %s（不新建案件；%s 取消关联）", v->link_no,
				    keys_first_name(ACT_LINK));
		ui_text(y++, 2, width - 4, l, ALIGN_LEFT, ROLE_INFO);
		free(l);
	}
	if (!v->nhints)
		return;
	bool open = false;
	for (int i = 0; i < v->nhints; i++)
		open |= v->hints[i].open;
	char *tail = open && !v->link_case
			     ? xasprintf("，有未办结的案件：按 %s 关联，不重复立案", keys_first_name(ACT_LINK))
			     : xstrdup("");
	char *head = xasprintf(v->by_name ? "同名来访 %d 次（未填电话，请核实是否同一人）%s" : "此人曾来访 %d 次%s",
			       v->nearlier, tail);
	free(tail);
	ui_text(y++, 2, width - 4, head, ALIGN_LEFT, ROLE_ERROR);
	free(head);
	for (int i = 0; i < v->nhints && y < top + height; i++)
		ui_text(y++, 4, width - 6, v->hints[i].line, ALIGN_LEFT, ROLE_NORMAL);
}

/* Values in visit_def's order (borrowed strings of the form). */
static void to_visit(char *const *fv, const char **out)
{
	for (int i = 0; i < VF_N; i++)
		if (vf_visit[i] >= 0)
			out[vf_visit[i]] = fv[i];
}

static int vscreen_save(struct vscreen *v)
{
	char *const *fv = form_values(v->form);
	const char *vals[VIS_NFIELDS];
	const char *msgs[VIS_NFIELDS] = { 0 };
	char *err = NULL, *notice = NULL;
	const int64_t *dep = NULL;
	int64_t case_id = 0, unit_id = form_choice_id(v->form, VF_UNIT);
	int ndep = form_choice_ids(v->form, VF_DEPUTIES, &dep), rc = -1;

	to_visit(fv, vals);
	/* Cross-field checks of visit_def (answer for 当场答复, reason for 不予受理), mapped back. */
	if (visit_def.check && visit_def.check((char **)vals, msgs)) {
		for (int i = 0; i < VF_N; i++)
			if (vf_visit[i] >= 0 && msgs[vf_visit[i]]) {
				form_set_error(v->form, i, msgs[vf_visit[i]]);
				app_message(MSG_ERROR, "%s：%s", vfields[i].label, msgs[vf_visit[i]]);
			}
		return -1;
	}
	const char *lm = visit_check_links((char **)vals, ndep);
	if (lm) {
		form_set_error(v->form, VF_DEPUTIES, lm);
		err = xstrdup(lm);
		goto fail;
	}
	char *pq = visit_people_question(fv[VF_PEOPLE]);
	bool people_ok = !pq || atoi(fv[VF_PEOPLE]) == v->people_ok ||
		dialog_confirm(pq, "团体来访请填实际来访的人数；写错了选 N 回到人数修改");
	free(pq);
	if (!people_ok) {
		form_set_error(v->form, VF_PEOPLE, "请核对人数");
		err = xstrdup("请核对人数");
		goto fail;
	}
	v->people_ok = atoi(fv[VF_PEOPLE]); /* asked once: not again for the same number */
	int first_year = 0;
	if (db_visits_first_year(app->db, &first_year, NULL) < 0)
		first_year = 0;
	char *q = visit_date_question(fv[VF_DATE], app->today, first_year);
	bool date_ok = !q || dialog_confirm(q, fv[VF_DATE]);
	free(q);
	if (!date_ok) {
		form_set_error(v->form, VF_DATE, "请修改日期");
		err = xstrdup("请修改日期");
		goto fail;
	}
	struct visit_ctx ctx = { app->cfg, app->cal, app->today };
	struct visit_links links = { .reception_day_id = v->reception_day_id,
				     .deputy_ids = dep,
				     .ndeputies = ndep,
				     .case_id = v->link_case,
				     .unit_id = unit_id,
				     .due_days = atoi(fv[VF_DAYS]) };
	if (strcmp(fv[VF_DATE], app->today))
		links.reception_day_id = 0; /* another day: the db links the day of that date, if any */
	rc = v->id ? db_visits_update(app->db, &ctx, v->id, (char *const *)vals, &links, &notice, &err)
		   : db_visits_insert(app->db, &ctx, (char *const *)vals, &links, &v->id, &case_id, &notice, &err);
	if (rc < 0)
		goto fail;
	free(v->saved_note);
	v->saved_note = NULL;
	if (case_id && !v->link_case) {
		struct case_info ci = { 0 };
		if (db_cases_get(app->db, case_id, &ci, NULL) == 0)
			v->saved_note = *ci.st.due
				? xasprintf("，已立案 %s 交办%s，时限 %s", ci.case_no, ci.unit_name, ci.st.due)
				: xasprintf("，已立案 %s（待交办）", ci.case_no);
		case_info_free(&ci);
	}
	if (notice) {
		char *n = xasprintf("%s。%s", v->saved_note ? v->saved_note : "", notice);
		free(v->saved_note);
		v->saved_note = n;
		free(notice);
	}
	return 0;
fail:
	app_message(MSG_ERROR, "没有保存：%s", err ? err : "");
	free(err);
	free(notice);
	return -1;
}

/* What the suggestion form needs of a visit just saved as 转为代表建议. */
struct vsug {
	int64_t visit_id;
	char date[11];
	char *name, *content; /* owned */
	int64_t *deputy_ids;  /* owned */
	int ndeputies;
};

/* The visit just saved, if it is to become a suggestion (转为代表建议, none yet), else NULL. */
static struct vsug *vsug_take(struct vscreen *v)
{
	char *const *fv = form_values(v->form);
	if (strcmp(fv[VF_HANDLING], VISIT_H_SUGGEST) || v->suggestion_id)
		return NULL;
	struct vsug *vs = xcalloc(1, sizeof *vs);
	const int64_t *ids;
	vs->visit_id = v->id;
	snprintf(vs->date, sizeof vs->date, "%s", fv[VF_DATE]);
	vs->name = xstrdup(fv[VF_NAME]);
	vs->content = xstrdup(fv[VF_CONTENT]);
	vs->ndeputies = form_choice_ids(v->form, VF_DEPUTIES, &ids);
	vs->deputy_ids = xcalloc((size_t)vs->ndeputies + 1, sizeof(int64_t));
	if (vs->ndeputies)
		memcpy(vs->deputy_ids, ids, sizeof(int64_t) * (size_t)vs->ndeputies);
	return vs;
}

/* Open the suggestion form for vs, and free it. */
static void vsug_push(struct vsug *vs)
{
	struct sug_from_visit fv = { .visit_id = vs->visit_id,
				     .date = vs->date,
				     .name = vs->name,
				     .content = vs->content,
				     .deputy_ids = vs->deputy_ids,
				     .ndeputies = vs->ndeputies };
	suggestion_from_visit_push(&fv);
	free(vs->name);
	free(vs->content);
	free(vs->deputy_ids);
	free(vs);
}


/* F6: link this visit to the returning resident's open case (asked when found by name only),
 * or take the link back. */
static int vscreen_link(struct screen *s)
{
	struct vscreen *v = s->data;
	if (v->link_case) {
		v->link_case = 0;
		app_message(MSG_INFO, "已取消关联，保存时按处理方式办理");
	} else {
		for (int i = 0; i < v->nhints && !v->link_case; i++)
			if (v->hints[i].open) {
				/* Found by name only: it may be another person of the same name. */
				char *q = xasprintf("案件 %s 是按姓名找到的，确认是同一人吗？", v->hints[i].case_no);
				bool ok = !v->by_name || dialog_confirm(q, "同名不一定是同一人；不确定时请先问清电话");
				free(q);
				if (!ok)
					return UI_REDRAW;
				v->link_case = v->hints[i].case_id;
				str_set(&v->link_no, v->hints[i].case_no);
			}
		if (!v->link_case)
			app_message(MSG_INFO, "没有可关联的未办结案件");
	}
	vscreen_due_note(v);
	return UI_REDRAW;
}

/* F2 passed the form's checks: store the visit, then the next visit (same day, channel and
 * deputies) or, for an edit, back; a 转为代表建议 opens the suggestion's form over it. */
static int vscreen_saved(struct vscreen *v)
{
	char name[128];
	snprintf(name, sizeof name, "%s", form_values(v->form)[VF_NAME]);
	bool was_new = v->id == 0;
	if (vscreen_save(v) < 0)
		return UI_REDRAW;
	form_mark_saved(v->form);
	struct vsug *vs = vsug_take(v);
	if (!was_new && !vs) {
		app_message(MSG_INFO, "已保存来访 %s", name);
		return UI_POP;
	}
	if (!was_new) {
		vsug_push(vs);
		return UI_REDRAW;
	}
	v->saved++;
	const int64_t *ids;
	int nids = form_choice_ids(v->form, VF_DEPUTIES, &ids);
	set_dep_ids(v, ids, nids);
	char **prev = record_copy_values(&vdef, form_values(v->form));
	char **vals = new_values(v, prev);
	record_free_values(&vdef, prev);
	v->id = 0;
	vscreen_form(v, vals);
	record_free_values(&vdef, vals);
	app_message(MSG_INFO, "已保存第 %d 位来访（%s）%s；请登记下一位，Esc 返回", v->saved, name,
		    v->saved_note ? v->saved_note : "");
	if (vs)
		vsug_push(vs);
	return UI_REDRAW;
}

static int vscreen_key(struct screen *s, struct keypress k)
{
	struct vscreen *v = s->data;
	int before = form_current(v->form);
	enum form_result r = form_key(v->form, k);
	if (r == FORM_SAVE)
		return vscreen_saved(v);
	if (r == FORM_CANCEL)
		return UI_POP;
	if (r == FORM_QUIT)
		return UI_QUIT;
	int after = form_current(v->form);
	if (after != before && (before == VF_NAME || before == VF_PHONE))
		hints_load(v);
	vscreen_due_note(v);
	return UI_REDRAW;
}

static void vscreen_fini(struct screen *s)
{
	struct vscreen *v = s->data;
	form_free(v->form);
	hints_clear(v);
	free(v->link_no);
	free(v->saved_note);
	choices_free(&v->deps);
	choices_free(&v->units);
	free(v->dep_ids);
	free(v);
}

static const struct screen_ops vscreen_ops = {
	.name = "visit",
	.draw = vscreen_draw,
	.key = vscreen_key,
	.fini = vscreen_fini,
};

static const struct binding vscreen_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_SAVE },
	{ .action = ACT_PICK },
	{ .action = ACT_LINK, .run = vscreen_link },
	{ .action = ACT_NEXT_FIELD },
	{ .action = ACT_BACK },
	{ .action = ACT_PREV_FIELD, .hidden = true },
	{ .action = ACT_PGUP, .hidden = true },
	{ .action = ACT_PGDN, .hidden = true },
	{ .action = ACT_QUIT, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page visit_form_help = {
	.id = "visit_form",
	.title = "接待登记（来访表单）",
	.note = "登记一位来访群众：来访人、反映问题、类别、处理方式（当场答复"
		 "、交办、转为代表建议、不予受理）。检查时看：每一次来访都有接"
		 "待代表，每个问题都有去向。老来访人离开姓名或电话一项后，下方"
		 "列出以前的来访和案件。",
	.keys = vscreen_bar,
	.flags = 0,
};

/* keep: the deputies already linked to the visit being edited (offered even if they left). */
static struct vscreen *vscreen_new(const int64_t *keep, int nkeep)
{
	struct vscreen *v = xcalloc(1, sizeof *v);
	char *err = NULL;
	visit_form_def();
	if (choices_deputies(false, keep, nkeep, &v->deps, &err) < 0 || choices_units(&v->units, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	return v;
}

void visit_new_push(void)
{
	struct vscreen *v = vscreen_new(NULL, 0);
	char **vals = new_values(v, NULL);
	vscreen_form(v, vals);
	record_free_values(&vdef, vals);
	struct screen *s = screen_new(&vscreen_ops, "接待登记", vscreen_bar);
	s->note = xstrdup(visit_form_help.note);
	s->data = v;
	app_push(s);
}

void visit_edit_push(int64_t id)
{
	struct visit_info vi = { 0 };
	char *err = NULL;
	if (db_visits_get(app->db, id, &vi, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return;
	}
	struct vscreen *v = vscreen_new(vi.deputy_ids, vi.ndeputies);
	char **vals = record_new_values(&vdef, app->today);
	for (int i = 0; i < VF_N; i++)
		if (vf_visit[i] >= 0)
			str_set(&vals[i], vi.vals[vf_visit[i]]);
	set_dep_ids(v, vi.deputy_ids, vi.ndeputies);
	v->id = id;
	v->reception_day_id = vi.reception_day_id;
	vscreen_form(v, vals);
	record_free_values(&vdef, vals);
	char *title = xasprintf("修改来访%s%s", *vi.case_no ? "（案件 " : "", *vi.case_no ? vi.case_no : "");
	if (*vi.case_no) {
		char *t2 = xasprintf("%s）", title);
		free(title);
		title = t2;
	}
	if (vi.suggestion_id) { /* the suggestion it became, by its number (or its title) */
		v->suggestion_id = vi.suggestion_id;
		v->saved_note = xasprintf("已转为代表建议 %s《%s》",
					  *vi.suggestion_no ? vi.suggestion_no : "（未编号）", vi.suggestion_title);
		char *t2 = xasprintf("%s（代表建议 %s）", title,
				     *vi.suggestion_no ? vi.suggestion_no : vi.suggestion_title);
		free(title);
		title = t2;
	}
	struct screen *s = screen_new(&vscreen_ops, title, vscreen_bar);
	s->note = xstrdup(visit_form_help.note);
	free(title);
	s->data = v;
	hints_load(v);
	app_push(s);
	db_visit_info_free(&vi);
}

/* ---- the register list ---- */

static const struct list_col cols[] = {
	{ "日期", 10, 10, ALIGN_LEFT, -1, true, 0 },     { "渠道", 10, 10, ALIGN_LEFT, -1, false, 3 },
	{ "来访人", 6, 10, ALIGN_LEFT, -1, false, 0 },   { "人数", 4, 4, ALIGN_RIGHT, -1, false, 0 },
	{ "类别", 8, 8, ALIGN_LEFT, -1, false, 4 },      { "反映问题", 12, 0, ALIGN_LEFT, -1, false, 0 },
	{ "处理方式", 8, 12, ALIGN_LEFT, -1, false, 2 }, { "接待代表", 8, 14, ALIGN_LEFT, -1, false, 5 },
	{ "案件", 6, 16, ALIGN_LEFT, -1, true, 0 },
};

/* The filter form: what the list shows besides the typed text. FF_PERIOD is a period as the
 * clerk writes it (core/period.h); the 期间 key sets it too. */
enum ff { FF_PERIOD, FF_CHANNEL, FF_CATEGORY, FF_HANDLING, FF_DEPUTY, FF_DAY, FF_N };

static struct field_def ffields[FF_N];
static struct record_def fdef;

struct vlist {
	struct list *list;
	char *f[FF_N];     /* the filter's values; owned */
	int64_t deputy_id; /* resolved FF_DEPUTY */
	int64_t day_id;    /* resolved FF_DAY */
	bool has_period;   /* FF_PERIOD read: visits dated in period */
	struct period period;
	int64_t visits, people;  /* visits and people for the current filter */
	bool capped;             /* the count of a typed text stopped at SEARCH_COUNT_CAP */
	struct choice_list deps; /* FF_DEPUTY's items; owned */
	struct register_desc fdesc;
};

static struct vlist *cur_vlist; /* the list a filter form applies to */

static void make_filter(struct vlist *l, const char *text, struct visit_filter *f)
{
	memset(f, 0, sizeof *f);
	f->text = text;
	if (l->has_period) {
		f->date_from = l->period.from;
		f->date_to = l->period.to;
	}
	f->channel = *l->f[FF_CHANNEL] ? l->f[FF_CHANNEL] : NULL;
	f->category = *l->f[FF_CATEGORY] ? l->f[FF_CATEGORY] : NULL;
	f->handling = *l->f[FF_HANDLING] ? l->f[FF_HANDLING] : NULL;
	f->deputy_id = l->deputy_id;
	f->reception_day_id = l->day_id;
}

/* The filters in force besides the period. The month of today is the default view, not a
 * narrowing the clerk has to clear. */
static char *vlist_status(void *state, bool *filtered)
{
	struct vlist *l = state;
	struct period month;
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	period_month_of(app->today, &month);
	*filtered = l->has_period && (strcmp(l->period.from, month.from) || strcmp(l->period.to, month.to));
	for (int i = 0; i < FF_N; i++)
		if (i != FF_PERIOD && *l->f[i]) {
			sb_addf(&sb, "%s%s", sb.len ? " " : "", l->f[i]);
			*filtered = true;
		}
	return sb_take(&sb);
}

/* The period and what the last count found in it. */
static char *vlist_summary(void *state)
{
	struct vlist *l = state;
	char *p = l->has_period ? period_label(&l->period) : xstrdup("不限");
	char *s = l->capped ? xasprintf("来访日期：%s  来访 %lld 次以上", p, (long long)l->visits)
			    : xasprintf("来访日期：%s  来访 %lld 次 / 人数 %lld", p, (long long)l->visits,
					(long long)l->people);
	free(p);
	return s;
}

/* FF_PERIOD is text (as typed, "" for every date): read it into has_period/period. It was
 * checked when it was typed. */
static void vlist_read_period(struct vlist *l)
{
	l->has_period = *l->f[FF_PERIOD] && period_parse(l->f[FF_PERIOD], &l->period, NULL) == 0;
}

/* The 期间 key. */
static void vlist_set_period(void *state, const struct period *p, const char *text)
{
	struct vlist *l = state;
	str_set(&l->f[FF_PERIOD], p ? text : "");
	vlist_read_period(l);
}

/* Back to the default view: this month, nothing else. */
static void vlist_clear(void *state)
{
	struct vlist *l = state;
	for (int i = 0; i < FF_N; i++)
		str_set(&l->f[i], "");
	free(l->f[FF_PERIOD]);
	l->f[FF_PERIOD] = xstrndup(app->today, 7);
	vlist_read_period(l);
	l->deputy_id = l->day_id = 0;
}

static int vlist_count(void *ctx, const char *filter, int64_t *n, char **err)
{
	struct vlist *l = ctx;
	struct visit_filter f;
	make_filter(l, filter, &f);
	/* A typed text may match most of a million visits: count only as far as a list needs. */
	if (search_route(filter) != SEARCH_NONE)
		f.count_cap = SEARCH_COUNT_CAP;
	int rc = db_visits_count(app->db, &f, n, &l->people, err);
	l->visits = *n;
	l->capped = rc == 1;
	return rc;
}

struct fill {
	struct list_page *page;
};

static int vlist_row(void *ud, const struct visit_row *r)
{
	struct fill *fl = ud;
	char people[16];
	snprintf(people, sizeof people, "%d", r->people);
	const char *cells[] = { r->date,    r->channel,  r->name,        people,    r->category,
				r->content, r->handling, r->deputy_text, r->case_no };
	list_page_add(fl->page, (int)ARRAY_LEN(cols), r->id, cells);
	return 0;
}

/* A page read backwards, in list order again. */
static void vlist_page_reverse(struct list_page *p, int ncols)
{
	for (int a = 0, b = p->nrows - 1; a < b; a++, b--) {
		int64_t id = p->ids[a];
		p->ids[a] = p->ids[b];
		p->ids[b] = id;
		for (int c = 0; c < ncols; c++) {
			char *t = p->cells[a * ncols + c];
			p->cells[a * ncols + c] = p->cells[b * ncols + c];
			p->cells[b * ncols + c] = t;
		}
	}
}

static int vlist_fetch(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset, const struct list_anchor *after, int limit,
		       struct list_page *page, char **err)
{
	struct visit_filter f;
	struct fill fl = { page };
	(void)sort_key;
	(void)desc;
	make_filter(ctx, filter, &f);
	/* Newest first by (date, id), the visits_date index: the next page starts after the last
	 * row shown (keyset), so paging to the end of a million visits never skips rows. */
	if (after) {
		f.before_date = after->cells[0];
		f.before_id = after->id;
		offset = 0;
	}
	/* Past the middle of a counted list (End, PgUp from the end): read it from its end, then
	 * turn the page round, so no OFFSET skips half a million rows. */
	struct vlist *l = ctx;
	int64_t from_end = l->visits - offset - limit;
	if (!after && !l->capped && offset > l->visits / 2 && from_end > -limit) {
		int skip = from_end < 0 ? (int)-from_end : 0; /* the last page may be short */
		int rc = db_visits_page_from_end(app->db, &f, from_end < 0 ? 0 : from_end, limit - skip, vlist_row, &fl,
						 err);
		vlist_page_reverse(page, (int)ARRAY_LEN(cols));
		return rc;
	}
	return db_visits_page(app->db, &f, offset, limit, vlist_row, &fl, err);
}

static int filter_get(int64_t id, char ***vals, char **err)
{
	(void)id;
	(void)err;
	*vals = record_copy_values(&fdef, cur_vlist->f);
	return 0;
}

/* Apply the filter form: resolve the deputy and the reception day, then reload the list. */
static int filter_save(struct form *f, int64_t *id, char **err)
{
	struct vlist *l = cur_vlist;
	char *const *v = form_values(f);
	int64_t dep = form_choice_id(f, FF_DEPUTY), day = 0;
	(void)id;
	if (*v[FF_DAY]) {
		struct reception_day d = { 0 };
		bool found = false;
		if (db_reception_on_date(app->db, v[FF_DAY], &d, &found, err) < 0)
			return -1;
		if (!found) {
			*err = xasprintf("%s 没有接待日", v[FF_DAY]);
			form_set_error(f, FF_DAY, *err);
			return -1;
		}
		day = d.id;
		db_reception_day_free(&d);
	}
	for (int i = 0; i < FF_N; i++)
		str_set(&l->f[i], v[i]);
	vlist_read_period(l);
	l->deputy_id = dep;
	l->day_id = day;
	list_reload(l->list);
	app_message(MSG_INFO, "已按条件筛选");
	return 1;
}

static void filter_init(struct form *f, int64_t id)
{
	(void)id;
	form_set_choices(f, FF_DEPUTY, cur_vlist->deps.v, cur_vlist->deps.n, true);
}

/* The message of the last refused period (record_def.check hands back borrowed messages). */
static char *period_msg;

static int filter_check(char **val, const char **msgs)
{
	struct period p;
	free(period_msg);
	period_msg = NULL;
	if (*val[FF_PERIOD] && period_parse(val[FF_PERIOD], &p, &period_msg) < 0) {
		msgs[FF_PERIOD] = period_msg;
		return 1;
	}
	return 0;
}

static void filter_def_init(void)
{
	ffields[FF_PERIOD] = (struct field_def){ .col = "period", .label = "期间", .kind = FK_TEXT, .max_chars = 40 };
	ffields[FF_CHANNEL] =
		(struct field_def){ .col = "channel", .label = "渠道", .kind = FK_CHOICE, .choices = visit_channels };
	ffields[FF_CATEGORY] = (struct field_def){ .col = "category",
						   .label = "类别",
						   .kind = FK_CHOICE,
						   .choices = visit_categories(),
						   .choice_open = true };
	ffields[FF_HANDLING] = (struct field_def){
		.col = "handling", .label = "处理方式", .kind = FK_CHOICE, .choices = visit_handlings
	};
	ffields[FF_DEPUTY] =
		(struct field_def){ .col = "deputy", .label = "接待代表", .kind = FK_CHOICE, .choice_open = true };
	ffields[FF_DAY] = (struct field_def){ .col = "day", .label = "接待日", .kind = FK_DATE };
	fdef = (struct record_def){
		.table = "filter", .title = "筛选条件", .fields = ffields, .nfields = FF_N, .check = filter_check
	};
}

static int vlist_delete(struct screen *s)
{
	int64_t id = listscreen_selected(s);
	struct visit_info vi = { 0 };
	char *err = NULL;
	if (id < 0 || db_visits_get(app->db, id, &vi, &err) < 0)
		goto out;
	char *q = xasprintf("删除 %s %s 的来访记录吗？", vi.vals[VIS_DATE], vi.vals[VIS_NAME]);
	if (dialog_confirm(q, "删除后不再显示，站长可以恢复；已立的案件保留") &&
	    db_visits_delete(app->db, id, &err) == 0)
		app_message(MSG_INFO, "已删除来访记录");
	free(q);
	list_reload(listscreen_list(s));
out:
	if (err) {
		app_message(MSG_ERROR, "没有删除：%s", err);
		free(err);
	}
	db_visit_info_free(&vi);
	return UI_REDRAW;
}

static int vlist_new(struct screen *s)
{
	(void)s;
	visit_new_push();
	return UI_REDRAW;
}

static int vlist_open(struct screen *s)
{
	if (listscreen_selected(s) >= 0)
		visit_edit_push(listscreen_selected(s));
	return UI_REDRAW;
}

static int vlist_filter_form(struct screen *s)
{
	struct vlist *l = listscreen_state(s);
	cur_vlist = l;
	register_form_push(&l->fdesc, 0);
	return UI_REDRAW;
}

static void vlist_fini(void *state)
{
	struct vlist *l = state;
	for (int i = 0; i < FF_N; i++)
		free(l->f[i]);
	choices_free(&l->deps);
	if (cur_vlist == l)
		cur_vlist = NULL;
	free(l);
}

/* The selected visit becomes a 民生实事 candidate (群众点题): the project form, filled from it. */
static int vlist_project(struct screen *s)
{
	struct visit_info v;
	char *err = NULL;
	if (listscreen_selected(s) < 0)
		return UI_REDRAW;
	if (db_visits_get(app->db, listscreen_selected(s), &v, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return UI_REDRAW;
	}
	project_from_visit_push(v.id, v.vals[VIS_DATE], v.vals[VIS_NAME], v.vals[VIS_CONTENT]);
	db_visit_info_free(&v);
	return UI_REDRAW;
}

static const struct binding vlist_actions[] = {
	{ .action = ACT_NEW, .run = vlist_new },
	{ .action = ACT_OPEN, .run = vlist_open },
	{ .action = ACT_EDIT, .run = vlist_open, .hidden = true },
	{ .action = ACT_FILTER, .run = vlist_filter_form },
	{ .action = ACT_DELETE, .run = vlist_delete },
	{ .action = ACT_PROJECT, .run = vlist_project },
	{ .action = ACT_NONE },
};

const struct help_page visits_help = {
	.id = "visits",
	.title = "接待选民登记簿",
	.note = "每一次来访（接待日来访、日常来访、走访、电话、来信、线上）："
		 "日期、来访人、反映问题、类别、处理方式、接待代表。检查时看："
		 "每个接待日都有登记和接待代表，每个问题都有去向（当场答复，或"
		 "转为意见建议交办）。",
	.keys = vlist_actions,
	.flags = HELP_LIST | HELP_PERIOD | HELP_PRINT | HELP_HISTORY,
};

void visits_push(void)
{
	struct vlist *l = xcalloc(1, sizeof *l);
	char *err = NULL;
	filter_def_init();
	for (int i = 0; i < FF_N; i++)
		l->f[i] = xstrdup("");
	free(l->f[FF_PERIOD]);
	l->f[FF_PERIOD] = xstrndup(app->today, 7); /* this month */
	vlist_read_period(l);
	if (choices_deputies(true, NULL, 0, &l->deps, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	l->fdesc = (struct register_desc){ .def = &fdef,
					   .title = "筛选",
					   .name_field = FF_PERIOD,
					   .get = filter_get,
					   .save = filter_save,
					   .form_init = filter_init,
					   .form_title = "筛选条件",
					   .load_new = true };
	struct screen *s = listscreen_push(&(struct listscreen_desc){ .title = app->cfg->titles[REG_VISITS],
								      .cols = cols,
								      .ncols = (int)ARRAY_LEN(cols),
								      .count = vlist_count,
								      .fetch = vlist_fetch,
								      .actions = vlist_actions,
								      .status = vlist_status,
								      .clear_filters = vlist_clear,
								      .set_period = vlist_set_period,
								      .period_field = "来访日期",
								      .summary = vlist_summary,
								      .table = "visits",
								      .fini = vlist_fini,
								      .state = l,
								      .help = &visits_help });
	l->list = listscreen_list(s);
}
