/* 年度活动计划 as a register screen: a year's planned activities in month order, with the
 * deputies expected; F5 (举行) ticks an entry off as held (with the date) and shows planned vs
 * held; F9 (期间) picks the year. Built from a register description (ui/register.h). */
#include "ui/plans.h"

#include "core/clock.h"
#include "core/util.h"
#include "core/validate.h"
#include "db/plans.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PF_DEPUTIES PLAN_NFIELDS  /* the form's field after the plan's own: deputies expected */
#define COL_DEPUTIES PLAN_NFIELDS /* the list's extra values: deputies, held */
#define COL_HELD (PLAN_NFIELDS + 1)

static const struct list_col cols[] = {
	{ "月份", 4, 4, ALIGN_RIGHT, -1, true, 0 },        { "类型", 8, 12, ALIGN_LEFT, -1, false, 0 },
	{ "主题", 12, 0, ALIGN_LEFT, -1, false, 0 },        { "计划参加代表", 8, 24, ALIGN_LEFT, -1, false, 2 },
	{ "已举行", 10, 10, ALIGN_LEFT, -1, true, 0 },      { "备注", 6, 16, ALIGN_LEFT, -1, false, 1 },
};
static const int col_fields[] = { PLAN_MONTH, PLAN_TYPE, PLAN_THEME, COL_DEPUTIES, COL_HELD, PLAN_NOTE };

/* The screen's own filter: the year shown, and what the last count found. */
static struct plan_state {
	int year;
	int64_t planned, held;
} state;

static struct field_def form_fields[PLAN_NFIELDS + 1];
static struct record_def form_def;

static const struct record_def *plan_form_def(void)
{
	if (!form_def.fields) {
		memcpy(form_fields, plan_def.fields, sizeof(struct field_def) * PLAN_NFIELDS);
		form_fields[PF_DEPUTIES] = (struct field_def){
			.col = "deputies", .label = "计划参加代表", .kind = FK_MULTI, .max_chars = 600
		};
		form_def = plan_def;
		form_def.fields = form_fields;
		form_def.nfields = PLAN_NFIELDS + 1;
	}
	return &form_def;
}

static int plans_count(void *st, const char *filter, int64_t *n, char **err)
{
	struct plan_state *s = st;
	struct plan_filter f = { .year = s->year, .text = filter };
	int rc = db_plans_count(app->db, &f, n, &s->held, err);
	s->planned = *n;
	return rc;
}

struct fwd {
	register_row_cb cb;
	void *ud;
};

static int plans_row(void *ud, const struct plan_row *r)
{
	struct fwd *w = ud;
	const char *v[PLAN_NFIELDS + 2];
	for (int i = 0; i < PLAN_NFIELDS; i++)
		v[i] = r->vals[i];
	v[COL_DEPUTIES] = r->deputies;
	v[COL_HELD] = *r->held_date ? r->held_date : "未举行";
	return w->cb(w->ud, r->id, v);
}

static int plans_page(void *st, const char *filter, int sort_field, bool desc, int64_t offset, int limit,
		      register_row_cb cb, void *ud, char **err)
{
	struct plan_state *s = st;
	struct plan_filter f = { .year = s->year, .text = filter };
	struct fwd w = { cb, ud };
	(void)sort_field, (void)desc;
	return db_plans_page(app->db, &f, offset, limit, plans_row, &w, err);
}

static char *plans_status(void *st, bool *filtered)
{
	struct plan_state *s = st;
	*filtered = s->year != atoi(app->today);
	return xasprintf("%d 年  计划 %lld 项，已举行 %lld 项", s->year, (long long)s->planned, (long long)s->held);
}

static void plans_clear(void *st) { ((struct plan_state *)st)->year = atoi(app->today); }

static int plans_get(int64_t id, char ***vals, char **err)
{
	struct plan_info p;
	if (db_plans_get(app->db, id, &p, err) < 0)
		return -1;
	char **v = xcalloc(PLAN_NFIELDS + 1, sizeof(char *));
	for (int i = 0; i < PLAN_NFIELDS; i++)
		v[i] = xstrdup(p.vals[i]);
	v[PF_DEPUTIES] = xstrdup(p.deputies);
	db_plan_info_free(&p);
	*vals = v;
	return 0;
}

static void plans_form_init(struct form *f, int64_t id)
{
	struct plan_info p = { 0 };
	struct choice_list deps = { 0 };
	char *err = NULL;
	/* Deputies already expected are offered even if they have left since. */
	if ((id && db_plans_get(app->db, id, &p, &err) < 0) ||
	    choices_deputies(false, p.deputy_ids, p.ndeputies, &deps, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	form_set_choices(f, PF_DEPUTIES, deps.v, deps.n, true);
	if (id)
		form_set_choice_ids(f, PF_DEPUTIES, p.deputy_ids, p.ndeputies);
	choices_free(&deps);
	db_plan_info_free(&p);
	if (!id) { /* a new entry: the year shown and, for this year, this month */
		char y[8], m[4];
		snprintf(y, sizeof y, "%d", state.year);
		snprintf(m, sizeof m, "%d", state.year == atoi(app->today) ? atoi(app->today + 5) : 1);
		form_set_value(f, PLAN_YEAR, y);
		form_set_value(f, PLAN_MONTH, m);
		form_mark_saved(f);
	}
}

static int plans_save(struct form *f, int64_t *id, char **err)
{
	const int64_t *ids = NULL;
	int n = form_choice_ids(f, PF_DEPUTIES, &ids);
	char *const *v = form_values(f);
	return *id ? db_plans_update(app->db, *id, v, ids, n, err) : db_plans_insert(app->db, v, ids, n, id, err);
}

static int plans_remove(int64_t id, char **err) { return db_plans_delete(app->db, id, err); }

/* F5: tick off as held, with its date (empty: today), or take the tick back. */
static int plans_held(struct screen *s)
{
	int64_t id = listscreen_selected(s);
	struct plan_info p;
	char *err = NULL;
	if (id < 0)
		return UI_REDRAW;
	if (db_plans_get(app->db, id, &p, &err) < 0)
		goto out;
	if (*p.held_date) {
		char *q = xasprintf("取消「%s」的已举行标记吗？", p.vals[PLAN_THEME]);
		if (dialog_confirm(q, p.held_date) && db_plans_set_held(app->db, id, NULL, &err) == 0)
			app_message(MSG_INFO, "已取消「%s」的已举行标记", p.vals[PLAN_THEME]);
		free(q);
	} else {
		char *q = xasprintf("「%s」举行的日期（直接回车为今天）：", p.vals[PLAN_THEME]);
		char *in = dialog_input("标记为已举行", q, 20, false);
		free(q);
		char date[11];
		const char *bad = in ? date_parse(*in ? in : "今天", app->today, date) : NULL;
		if (in && bad)
			app_message(MSG_ERROR, "没有标记：举行日期%s", bad);
		else if (in && strcmp(date, app->today) > 0)
			app_message(MSG_ERROR, "没有标记：举行日期 %s 在今天之后", date);
		else if (in && db_plans_set_held(app->db, id, date, &err) == 0)
			app_message(MSG_INFO, "已标记「%s」于 %s 举行", p.vals[PLAN_THEME], date);
		free(in);
	}
	listscreen_refilter(s);
out:
	if (err) {
		app_message(MSG_ERROR, "没有标记：%s", err);
		free(err);
	}
	db_plan_info_free(&p);
	return UI_REDRAW;
}

/* F9: the year to show. */
static int plans_year(struct screen *s)
{
	char *in = dialog_input("年度", "查看哪一年的计划（如 2027）：", 4, true);
	if (in) {
		int y = atoi(in);
		if (y >= 2000 && y <= 2100) {
			state.year = y;
			listscreen_refilter(s);
		} else
			app_message(MSG_ERROR, "年度应为 2000 到 2100 之间的四位数：%s", in);
		free(in);
	}
	return UI_REDRAW;
}

static const struct binding plans_actions[] = {
	{ .action = ACT_HELD, .run = plans_held },
	{ .action = ACT_PERIOD, .run = plans_year },
	{ .action = ACT_NONE },
};

const struct help_page plans_help = {
	.id = "plans",
	.title = "年度活动计划",
	.note = "联络站每年制定并公示的活动计划：月份、类型、主题、计划参加的"
		 "代表；举行后标为已举行。检查时看：有年度计划，计划的活动按时"
		 "举行。",
	.keys = plans_actions,
	.flags = HELP_LIST | HELP_REGISTER | HELP_REMOVE | HELP_HISTORY,
};

static struct register_desc desc = {
	.title = "年度活动计划",
	.cols = cols,
	.ncols = (int)ARRAY_LEN(cols),
	.col_fields = col_fields,
	.name_field = PLAN_THEME,
	.count = plans_count,
	.page = plans_page,
	.get = plans_get,
	.save = plans_save,
	.remove = plans_remove,
	.delete_detail = "删除后不再显示，站长可以恢复",
	.actions = plans_actions,
	.help = &plans_help,
	.status = plans_status,
	.clear_filters = plans_clear,
	.form_init = plans_form_init,
	.state = &state,
};

void plans_push(void)
{
	state = (struct plan_state){ .year = atoi(app->today) };
	desc.def = plan_form_def();
	register_push(&desc);
}
