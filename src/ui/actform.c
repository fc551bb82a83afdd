/* The form of a handling action and the rows of a timeline (see actform.h). The kind of each
 * field comes from its key; the labels, order and what is required come from the core. */
#include "ui/actform.h"

#include "core/case.h"
#include "core/text.h"
#include "core/util.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How each key is edited. Choices of unit_id are set at run time (actform_set_units). */
static const struct field_def actform_kinds[] = {
	{ .col = "date", .kind = FK_DATE, .def = "今天" },
	{ .col = "unit_id", .kind = FK_CHOICE, .choice_open = true, .max_chars = 60 },
	{ .col = "workdays", .kind = FK_INT, .min = 1, .max = 365 },
	{ .col = "due", .kind = FK_DATE },
	{ .col = "content", .kind = FK_MEMO, .max_chars = 3000 },
	{ .col = "result", .kind = FK_CHOICE, .choices = case_result_choices, .max_chars = 20 },
	{ .col = "satisfaction", .kind = FK_CHOICE, .choices = case_sat_choices },
	{ .col = "how", .kind = FK_CHOICE, .choices = case_followup_ways, .def = "电话" },
	{ .col = "note", .kind = FK_MEMO, .max_chars = 500 },
	{ .col = "who", .kind = FK_TEXT, .max_chars = 20 },
	/* 民生实事项目 (core/project.h): progress, the deputies of a 督查, the votes, the 测评. */
	{ .col = "percent", .kind = FK_INT, .min = 0, .max = 100 },
	{ .col = "deputies", .kind = FK_MULTI, .max_chars = 3000 },
	{ .col = "project", .kind = FK_CHOICE, .choice_open = true, .max_chars = 60 },
	{ .col = "meeting", .kind = FK_TEXT, .max_chars = 60 },
	{ .col = "expected", .kind = FK_INT, .min = 1, .max = 100000 },
	{ .col = "present", .kind = FK_INT, .min = 0, .max = 100000 },
	{ .col = "yes", .kind = FK_INT, .min = 0, .max = 100000 },
	{ .col = "no", .kind = FK_INT, .min = 0, .max = 100000 },
	{ .col = "abstain", .kind = FK_INT, .min = 0, .max = 100000 },
	{ .col = "joined", .kind = FK_INT, .min = 0, .max = 100000 },
	{ .col = "satisfied", .kind = FK_INT, .min = 0, .max = 100000 },
	{ .col = "basic", .kind = FK_INT, .min = 0, .max = 100000 },
	{ .col = "unsatisfied", .kind = FK_INT, .min = 0, .max = 100000 },
};

struct actform {
	char *verb; /* owned */
	struct field_def fields[ACTION_MAX_FIELDS];
	char *owned[ACTION_MAX_FIELDS][2]; /* labels and defaults set at run time; owned */
	int n;
	struct record_def def;
	struct choice_list units; /* items of unit_id; owned */
	struct choice_list items[ACTION_MAX_FIELDS]; /* run-time items of other choice fields; owned */
	struct form *form;
	actform_do_fn fn;
	void *ctx;
	void (*ctx_free)(void *ctx);
};

struct actform *actform_new(const char *verb, const struct action_field *fields, int n)
{
	struct actform *a = xcalloc(1, sizeof *a);
	a->verb = xstrdup(verb);
	for (int i = 0; i < n && a->n < ACTION_MAX_FIELDS; i++) {
		const struct field_def *kind = NULL;
		for (size_t k = 0; k < ARRAY_LEN(actform_kinds) && !kind; k++)
			if (!strcmp(actform_kinds[k].col, fields[i].key))
				kind = &actform_kinds[k];
		if (!kind)
			die("actform: unknown field %s", fields[i].key);
		struct field_def fd = *kind;
		fd.label = fields[i].label;
		fd.required = fields[i].required;
		if (fields[i].max_chars)
			fd.max_chars = fields[i].max_chars;
		a->fields[a->n++] = fd;
	}
	a->def = (struct record_def){ .table = "actions", .title = a->verb, .fields = a->fields, .nfields = a->n };
	return a;
}

/* Index of the field key, or -1. */
static int actform_index(const struct actform *a, const char *key)
{
	for (int i = 0; key && i < a->n; i++)
		if (!strcmp(a->fields[i].col, key))
			return i;
	return -1;
}

void actform_set_default(struct actform *a, const char *key, const char *value)
{
	int i = actform_index(a, key);
	if (i < 0)
		return;
	free(a->owned[i][1]);
	a->fields[i].def = a->owned[i][1] = xstrdup(value ? value : "");
}

void actform_set_label(struct actform *a, const char *key, const char *label)
{
	int i = actform_index(a, key);
	if (i < 0)
		return;
	free(a->owned[i][0]);
	a->fields[i].label = a->owned[i][0] = xstrdup(label);
}

void actform_set_units(struct actform *a, struct choice_list *units)
{
	choices_free(&a->units);
	a->units = *units;
	*units = (struct choice_list){ 0 };
}

void actform_set_items(struct actform *a, const char *key, struct choice_list *items)
{
	int i = actform_index(a, key);
	if (i < 0) {
		choices_free(items);
		return;
	}
	choices_free(&a->items[i]);
	a->items[i] = *items;
	*items = (struct choice_list){ 0 };
}

int64_t actform_choice_id(const struct actform *a, const char *key)
{
	int i = actform_index(a, key);
	return i >= 0 && a->form ? form_choice_id(a->form, i) : 0;
}

int actform_choice_ids(const struct actform *a, const char *key, const int64_t **ids)
{
	int i = actform_index(a, key);
	*ids = NULL;
	return i >= 0 && a->form ? form_choice_ids(a->form, i, ids) : 0;
}

const char *actform_get(const struct actform *a, const char *key)
{
	int i = actform_index(a, key);
	return i >= 0 && a->form ? form_values(a->form)[i] : "";
}

int64_t actform_unit(const struct actform *a)
{
	int i = actform_index(a, "unit_id");
	return i >= 0 && a->form ? form_choice_id(a->form, i) : 0;
}

/* F2 with every field checked: the screen's do function decides; a refusal stays on the form
 * at its field. */
static int actform_save(void *ud)
{
	struct actform *a = ud;
	struct refusal why = { 0 };
	char *done = NULL;
	int rc;
	if (*actform_get(a, "unit_id") && !actform_unit(a)) /* typed, not picked */
		rc = refusal_set(&why, "unit_id", xasprintf("请按 %s 从承办单位中选择", keys_first_name(ACT_PICK)));
	else
		rc = a->fn(a->ctx, a, &done, &why);
	if (rc < 0) {
		int i = actform_index(a, why.field);
		if (i >= 0)
			form_set_error(a->form, i, why.msg);
		app_message(MSG_ERROR, "没有办理：%s", why.msg ? why.msg : "");
		refusal_clear(&why);
		return UI_REDRAW;
	}
	form_mark_saved(a->form);
	if (done)
		app_message(MSG_INFO, "%s", done);
	else
		app_message(MSG_INFO, "已%s", a->verb);
	free(done);
	return UI_POP;
}

static void actform_draw(struct screen *s, int top, int height, int width)
{
	struct actform *a = s->data;
	form_draw(a->form, top, height, width, &s->cur_y, &s->cur_x);
}

static int actform_key(struct screen *s, struct keypress k)
{
	struct actform *a = s->data;
	return form_screen_key(a->form, k, actform_save, a);
}

static void actform_fini(struct screen *s)
{
	struct actform *a = s->data;
	if (a->form)
		form_free(a->form);
	if (a->ctx_free)
		a->ctx_free(a->ctx);
	for (int i = 0; i < ACTION_MAX_FIELDS; i++) {
		free(a->owned[i][0]);
		free(a->owned[i][1]);
	}
	choices_free(&a->units);
	for (int i = 0; i < ACTION_MAX_FIELDS; i++)
		choices_free(&a->items[i]);
	free(a->verb);
	free(a);
}

static const struct screen_ops actform_ops = {
	.name = "action",
	.draw = actform_draw,
	.key = actform_key,
	.fini = actform_fini,
};


void actform_push(struct actform *a, const char *title, const char *draft_kind, int64_t record_id, actform_do_fn fn,
		  void *ctx, void (*ctx_free)(void *ctx))
{
	a->fn = fn;
	a->ctx = ctx;
	a->ctx_free = ctx_free;
	char **vals = record_new_values(&a->def, app->today);
	a->form = form_new(&a->def, vals, app->today);
	record_free_values(&a->def, vals);
	int u = actform_index(a, "unit_id");
	if (u >= 0)
		form_set_choices(a->form, u, a->units.v, a->units.n, true);
	for (int i = 0; i < a->n; i++)
		if (a->items[i].n)
			form_set_choices(a->form, i, a->items[i].v, a->items[i].n, true);
	form_set_draft(a->form, draft_kind, record_id);
	struct screen *s = screen_new(&actform_ops, title, form_bindings);
	s->data = a;
	app_push(s);
}

/* ---- timelines ---- */

int actform_timeline_head(int y, int width)
{
	ui_text(y++, 1, width - 2, "办理经过（时间线）", ALIGN_LEFT, ROLE_INFO);
	ui_text(y, 2, 10, "日期", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 13, 8, "事项", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 22, 10, "经办人", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 33, 16, "记录时间", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y++, 50, width - 51, "说明", ALIGN_LEFT, ROLE_HEADER);
	return y;
}

#define TL_CELLS 5

int actform_timeline_add(void *ud, const struct case_event_row *ev)
{
	struct actform_timeline *t = ud;
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	if (ev->mark)
		sb_addf(&sb, "（%s）", ev->mark);
	if (*ev->unit_name)
		sb_addf(&sb, "%s ", ev->unit_name);
	if (*ev->due_date)
		sb_addf(&sb, "时限 %s ", ev->due_date);
	if (*ev->result)
		sb_addf(&sb, "结果 %s ", ev->result);
	if (*ev->how)
		sb_addf(&sb, "%s ", ev->how);
	if (*ev->satisfaction)
		sb_addf(&sb, "%s ", ev->satisfaction);
	if (*ev->note)
		sb_add(&sb, ev->note);
	t->cells = xrealloc(t->cells, sizeof(char *) * (size_t)((t->n + 1) * TL_CELLS));
	char **row = &t->cells[t->n * TL_CELLS];
	row[0] = xstrdup(*ev->date ? ev->date : ev->at);
	row[1] = xstrdup(ev->type);
	row[2] = xstrdup(ev->who);
	row[3] = xstrdup(ev->at);
	row[4] = sb_take(&sb);
	t->n++;
	return 0;
}

void actform_timeline_clear(struct actform_timeline *t)
{
	str_free_array(t->cells, t->n * TL_CELLS);
	t->cells = NULL;
	t->n = 0;
}

void actform_timeline_draw(const struct actform_timeline *t, int y, int end, int width, int skip)
{
	for (int i = skip < 0 ? 0 : skip; i < t->n && y < end; i++, y++) {
		char *const *row = &t->cells[i * TL_CELLS];
		ui_text(y, 2, 10, row[0], ALIGN_LEFT, ROLE_NORMAL);
		ui_text(y, 13, 8, row[1], ALIGN_LEFT, ROLE_INFO);
		ui_text(y, 22, 10, row[2], ALIGN_LEFT, ROLE_NORMAL);
		ui_text(y, 33, 16, row[3], ALIGN_LEFT, ROLE_DIM);
		ui_text(y, 50, width - 51, row[4], ALIGN_LEFT, ROLE_NORMAL);
	}
}
