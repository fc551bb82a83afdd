/* 述职评议 register: a register description (ui/register.h) over db/evaluations.c. The form is
 * eval_def with the deputy in front (a run-time choice by id); the votes are checked to add up
 * to 参评人数 as the clerk leaves 不满意 and again on save, with the message at that field. F5
 * picks the year, F9 opens the deputy's file. */
#include "ui/evaluations.h"

#include "core/points.h"
#include "core/util.h"
#include "db/evaluations.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/deputyfile.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/points.h"
#include "ui/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The form: the deputy, then eval_def's fields (form index = EV_* + 1). */
#define EF_DEPUTY 0
#define EF(i) ((i) + 1)
#define COL_DEPUTY EV_NFIELDS /* the list's extra values: deputy, rate */
#define COL_RATE (EV_NFIELDS + 1)

static const struct list_col cols[] = {
	{ "日期", 10, 10, ALIGN_LEFT, -1, true, 0 },     { "代表", 6, 12, ALIGN_LEFT, -1, false, 0 },
	{ "参评人数", 8, 8, ALIGN_RIGHT, -1, false, 0 }, { "满意", 4, 6, ALIGN_RIGHT, -1, false, 0 },
	{ "基本满意", 8, 8, ALIGN_RIGHT, -1, false, 1 }, { "不满意", 6, 6, ALIGN_RIGHT, -1, false, 1 },
	{ "满意率", 6, 8, ALIGN_RIGHT, -1, false, 0 },   { "备注", 6, 0, ALIGN_LEFT, -1, false, 2 },
};
static const int col_fields[] = { EV_DATE, COL_DEPUTY, EV_PARTICIPANTS, EV_SATISFIED, EV_BASIC, EV_DISSATISFIED,
				  COL_RATE, EV_NOTE };

static struct eval_state {
	int year;
} state;

static struct field_def form_fields[EV_NFIELDS + 1];
static struct record_def form_def;

static int form_check(char **val, const char **msgs) { return eval_def.check(val + 1, msgs + 1); }

static const struct record_def *eval_form_def(void)
{
	if (!form_def.fields) {
		form_fields[EF_DEPUTY] = (struct field_def){ .col = "deputy_id",
							     .label = "述职代表",
							     .kind = FK_CHOICE,
							     .required = true,
							     .choice_open = true,
							     .max_chars = 60 };
		memcpy(form_fields + 1, eval_def.fields, sizeof(struct field_def) * EV_NFIELDS);
		form_def = eval_def;
		form_def.fields = form_fields;
		form_def.nfields = EV_NFIELDS + 1;
		form_def.check = form_check;
	}
	return &form_def;
}

static int evals_count(void *st, const char *filter, int64_t *n, char **err)
{
	struct eval_state *s = st;
	return db_evaluations_count(app->db, &(struct eval_filter){ .year = s->year, .text = filter }, n, err);
}

struct fwd {
	register_row_cb cb;
	void *ud;
};

static int evals_row(void *ud, const struct eval_row *r)
{
	struct fwd *w = ud;
	char rate[EVAL_RATE_BYTES];
	const char *v[EV_NFIELDS + 2];
	for (int i = 0; i < EV_NFIELDS; i++)
		v[i] = r->vals[i];
	v[COL_DEPUTY] = r->deputy;
	v[COL_RATE] = eval_rate_text(atoll(r->vals[EV_PARTICIPANTS]), atoll(r->vals[EV_SATISFIED]),
				     atoll(r->vals[EV_BASIC]), rate);
	return w->cb(w->ud, r->id, v);
}

static int evals_page(void *st, const char *filter, int sort_field, bool desc, int64_t offset, int limit,
		      register_row_cb cb, void *ud, char **err)
{
	struct eval_state *s = st;
	struct fwd w = { cb, ud };
	(void)sort_field, (void)desc;
	return db_evaluations_page(app->db, &(struct eval_filter){ .year = s->year, .text = filter }, offset, limit,
				   evals_row, &w, err);
}

static char *evals_status(void *st, bool *filtered)
{
	struct eval_state *s = st;
	*filtered = s->year != atoi(app->today);
	return xasprintf("%d 年  满意率 =（满意 + 基本满意）÷ 参评人数", s->year);
}

static void evals_clear(void *st) { ((struct eval_state *)st)->year = atoi(app->today); }

/* Values of the form for record id: the deputy's name first (matched to the items by
 * form_init), then the record's own. */
static int evals_get(int64_t id, char ***vals, char **err)
{
	char **v = NULL, *name = NULL;
	int64_t dep = 0;
	if (db_evaluations_get(app->db, id, &v, &dep, &name, err) < 0)
		return -1;
	char **out = xcalloc(EV_NFIELDS + 1, sizeof(char *));
	out[EF_DEPUTY] = name;
	for (int i = 0; i < EV_NFIELDS; i++)
		out[EF(i)] = xstrdup(v[i]);
	record_free_values(&eval_def, v);
	*vals = out;
	return 0;
}

static void evals_form_init(struct form *f, int64_t id)
{
	struct choice_list deps = { 0 };
	char **v = NULL;
	int64_t dep = 0;
	char *err = NULL;
	if ((id && db_evaluations_get(app->db, id, &v, &dep, NULL, &err) < 0) ||
	    choices_deputies(false, dep ? &dep : NULL, dep ? 1 : 0, &deps, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	if (v)
		record_free_values(&eval_def, v);
	form_set_choices(f, EF_DEPUTY, deps.v, deps.n, true);
	if (dep)
		form_set_choice_ids(f, EF_DEPUTY, &dep, 1);
	choices_free(&deps);
}

static int evals_save(struct form *f, int64_t *id, char **err)
{
	char *const *v = form_values(f);
	int64_t dep = form_choice_id(f, EF_DEPUTY);
	if (!dep) {
		form_set_error(f, EF_DEPUTY, "请从名册中选择代表");
		*err = xstrdup("请从名册中选择述职的代表");
		return -1;
	}
	int rc = *id ? db_evaluations_update(app->db, *id, dep, v + 1, err)
		     : db_evaluations_insert(app->db, dep, v + 1, id, err);
	if (rc < 0)
		return -1;
	char rate[EVAL_RATE_BYTES];
	app_message(MSG_INFO, "已保存 %s 的述职评议：参评 %s 人，满意率 %s", v[EF_DEPUTY], v[EF(EV_PARTICIPANTS)],
		    eval_rate_text(atoll(v[EF(EV_PARTICIPANTS)]), atoll(v[EF(EV_SATISFIED)]), atoll(v[EF(EV_BASIC)]),
				   rate));
	return 1;
}

static int evals_remove(int64_t id, char **err) { return db_evaluations_delete(app->db, id, err); }

static int evals_year(struct screen *s)
{
	if (points_ask_year("述职评议", &state.year))
		listscreen_refilter(s);
	return UI_REDRAW;
}

/* F9: the file of the selected evaluation's deputy, for its year. */
static int evals_file(struct screen *s)
{
	int64_t id = listscreen_selected(s), dep = 0;
	char **v = NULL;
	char *err = NULL;
	if (id < 0)
		return UI_REDRAW;
	if (db_evaluations_get(app->db, id, &v, &dep, NULL, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return UI_REDRAW;
	}
	deputyfile_push(dep, atoi(v[EV_DATE]));
	record_free_values(&eval_def, v);
	return UI_REDRAW;
}

static const struct binding evals_actions[] = {
	{ .action = ACT_FILTER, .run = evals_year },
	{ .action = ACT_DEPFILE, .run = evals_file },
	{ .action = ACT_NONE },
};

const struct help_page evaluations_help = {
	.id = "evaluations",
	.title = "述职评议",
	.note = "代表向选民述职和选民评议的记录：日期、代表、参加人数、评议结"
		 "果。检查时看：每位代表任期内有述职评议。",
	.keys = evals_actions,
	.flags = HELP_LIST | HELP_REGISTER | HELP_REMOVE | HELP_HISTORY,
};

static struct register_desc desc = {
	.title = "述职评议",
	.cols = cols,
	.ncols = (int)ARRAY_LEN(cols),
	.col_fields = col_fields,
	.name_field = EF_DEPUTY,
	.count = evals_count,
	.page = evals_page,
	.get = evals_get,
	.save = evals_save,
	.remove = evals_remove,
	.delete_detail = "删除后不再显示，也不再计入积分；站长可以恢复",
	.actions = evals_actions,
	.help = &evaluations_help,
	.status = evals_status,
	.clear_filters = evals_clear,
	.form_init = evals_form_init,
	.state = &state,
};

void evaluations_push(void)
{
	state = (struct eval_state){ .year = atoi(app->today) };
	desc.def = eval_form_def();
	register_push(&desc);
}
