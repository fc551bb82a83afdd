/* 代表活动记录簿 and 学习培训记录簿 as register screens: the activities (all of them, or those of
 * type 学习培训 under the training register's title) with their sign-in counts and the plan entry
 * each was held as; the form adds 对应计划 (a plan entry of the year not held yet) to
 * activity_def; F5 opens the sign-in sheet of the selected activity: every deputy of the roster
 * with 出席 / 请假 / 缺席, F9 marks everyone in office present, saved in one transaction. Built
 * from a register description (ui/register.h) and one screen of its own. */
#include "ui/activities.h"

#include "core/deputy.h"
#include "core/util.h"
#include "db/activities.h"
#include "db/deputies.h"
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

#define AF_PLAN     ACTIVITY_PLAN_FIELD /* the form's field after the activity's own: 对应计划 */
#define COL_PRESENT AV_NFIELDS          /* the list's extra values: 出席 n/m, the plan's theme */
#define COL_PLAN    (AV_NFIELDS + 1)

static const struct list_col all_cols[] = {
	{ "日期", 10, 10, ALIGN_LEFT, AV_DATE, true, 0 },  { "类型", 4, 12, ALIGN_LEFT, AV_TYPE, false, 0 },
	{ "主题", 12, 0, ALIGN_LEFT, AV_TOPIC, false, 0 }, { "地点", 6, 16, ALIGN_LEFT, AV_PLACE, false, 2 },
	{ "出席", 4, 7, ALIGN_RIGHT, -1, true, 0 },        { "意见建议", 8, 8, ALIGN_RIGHT, AV_SUGGESTIONS, false, 3 },
	{ "对应计划", 8, 20, ALIGN_LEFT, -1, false, 1 },
};
static const int all_fields[] = { AV_DATE, AV_TYPE, AV_TOPIC, AV_PLACE, COL_PRESENT, AV_SUGGESTIONS, COL_PLAN };
/* The training register: the same without the type. */
static const struct list_col training_cols[] = {
	{ "日期", 10, 10, ALIGN_LEFT, AV_DATE, true, 0 },  { "主题", 12, 0, ALIGN_LEFT, AV_TOPIC, false, 0 },
	{ "地点", 6, 16, ALIGN_LEFT, AV_PLACE, false, 2 }, { "组织单位", 8, 16, ALIGN_LEFT, -1, false, 3 },
	{ "出席", 4, 7, ALIGN_RIGHT, -1, true, 0 },        { "对应计划", 8, 20, ALIGN_LEFT, -1, false, 1 },
};
static const int training_fields[] = { AV_DATE, AV_TOPIC, AV_PLACE, AV_ORGANIZER, COL_PRESENT, COL_PLAN };

/* A register's own state: the type it is fixed to (NULL: all), and how many of its activities
 * this quarter has (counted with the rows). */
struct act_state {
	const char *type;
	int64_t quarter;
	bool has_period;  /* the 期间 key narrowed the list to period */
	struct period period;
	int64_t n;        /* rows the last count found */
};
static struct act_state all_state, training_state = { .type = ACTIVITY_TRAINING };

static struct field_def form_fields[AV_NFIELDS + 1];
static struct record_def form_def;

static const struct record_def *act_form_def(void)
{
	if (!form_def.fields) {
		memcpy(form_fields, activity_def.fields, sizeof(struct field_def) * AV_NFIELDS);
		form_fields[AF_PLAN] = (struct field_def){
			.col = "plan", .label = "对应计划", .kind = FK_CHOICE, .choice_open = true, .max_chars = 80
		};
		form_def = activity_def;
		form_def.fields = form_fields;
		form_def.nfields = AV_NFIELDS + 1;
	}
	return &form_def;
}

static int act_count(void *st, const char *filter, int64_t *n, char **err)
{
	struct act_state *s = st;
	struct activity_filter f = { .type = s->type, .text = filter };
	char from[11], to[11];
	if (s->has_period) {
		f.date_from = s->period.from;
		f.date_to = s->period.to;
	}
	activity_quarter(app->today, from, to);
	if (db_activities_count_between(app->db, from, to, s->type, &s->quarter, err) < 0)
		return -1;
	int rc = db_activities_count(app->db, &f, n, err);
	s->n = rc < 0 ? 0 : *n;
	return rc;
}

struct fwd {
	register_row_cb cb;
	void *ud;
};

static int act_row(void *ud, const struct activity_row *r)
{
	struct fwd *w = ud;
	const char *v[AV_NFIELDS + 2];
	for (int i = 0; i < AV_NFIELDS; i++)
		v[i] = r->vals[i];
	char *present = r->signed_in ? xasprintf("%lld/%lld", (long long)r->present, (long long)r->signed_in)
				     : xstrdup("未签到");
	v[COL_PRESENT] = present;
	v[COL_PLAN] = r->plan;
	int rc = w->cb(w->ud, r->id, v);
	free(present);
	return rc;
}

static int act_page(void *st, const char *filter, int sort_field, bool desc, int64_t offset, int limit,
		    register_row_cb cb, void *ud, char **err)
{
	struct act_state *s = st;
	struct activity_filter f = { .type = s->type, .text = filter };
	struct fwd w = { cb, ud };
	if (s->has_period) {
		f.date_from = s->period.from;
		f.date_to = s->period.to;
	}
	return db_activities_page(app->db, &f, sort_field, desc, offset, limit, act_row, &w, err);
}

static char *act_status(void *st, bool *filtered)
{
	struct act_state *s = st;
	*filtered = s->has_period;
	return xasprintf("本季度 %lld 次", (long long)s->quarter);
}

static void act_set_period(void *st, const struct period *p, const char *text)
{
	struct act_state *s = st;
	(void)text;
	s->has_period = p != NULL;
	if (p)
		s->period = *p;
}

/* The period and what it holds, above the filter line. */
static char *act_summary(void *st)
{
	struct act_state *s = st;
	if (!s->has_period)
		return xasprintf("活动日期：全部（按 %s 选期间）  %lld 次", keys_first_name(ACT_PERIOD), (long long)s->n);
	char *label = period_label(&s->period);
	char *m = xasprintf("活动日期：%s  %lld 次", label, (long long)s->n);
	free(label);
	return m;
}

static void act_clear(void *st) { ((struct act_state *)st)->has_period = false; }

static int act_get(int64_t id, char ***vals, char **err)
{
	char **a = NULL;
	if (db_activities_get(app->db, id, &a, NULL, err) < 0)
		return -1;
	char **v = xcalloc(AV_NFIELDS + 1, sizeof(char *));
	for (int i = 0; i < AV_NFIELDS; i++)
		v[i] = xstrdup(a[i]);
	v[AF_PLAN] = xstrdup(""); /* set by id in act_form_init */
	record_free_values(&activity_def, a);
	*vals = v;
	return 0;
}

struct plan_items {
	struct choice_list l;
};

static int plan_item(void *ud, const struct plan_row *r)
{
	struct plan_items *p = ud;
	char *clean = record_multi_clean(r->vals[PLAN_THEME]);
	char *label = xasprintf("%s年%s月 %s：%s", r->vals[PLAN_YEAR], r->vals[PLAN_MONTH], r->vals[PLAN_TYPE], clean);
	choices_add(&p->l, r->id, label);
	free(label);
	free(clean);
	return 0;
}

/* The plan entries offered (this year and last, not held yet, or held as this activity), the
 * current link, and for a new training record its type. */
static void act_form_init(struct form *f, int64_t id, const struct act_state *s)
{
	struct plan_items p = { { 0 } };
	int64_t plan_id = 0;
	char **vals = NULL, *err = NULL;
	if ((id && db_activities_get(app->db, id, &vals, &plan_id, &err) < 0) ||
	    db_plans_open(app->db, atoi(app->today) - 1, id, plan_item, &p, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	if (vals)
		record_free_values(&activity_def, vals);
	form_set_choices(f, AF_PLAN, p.l.v, p.l.n, true);
	if (plan_id)
		form_set_choice_ids(f, AF_PLAN, &plan_id, 1);
	choices_free(&p.l);
	if (!id && s->type) {
		form_set_value(f, AV_TYPE, s->type);
		form_mark_saved(f);
	}
}

static void all_form_init(struct form *f, int64_t id) { act_form_init(f, id, &all_state); }
static void training_form_init(struct form *f, int64_t id) { act_form_init(f, id, &training_state); }

static int act_save(struct form *f, int64_t *id, char **err)
{
	char *const *v = form_values(f);
	int64_t plan_id = form_choice_id(f, AF_PLAN);
	int field = -1;
	int rc = *id ? db_activities_update(app->db, *id, v, plan_id, app->today, &field, err)
		     : db_activities_insert(app->db, v, plan_id, app->today, id, &field, err);
	if (rc < 0) {
		if (field >= 0)
			form_set_error(f, field, *err);
		return -1;
	}
	app_message(MSG_INFO, "已保存活动 %s；按 %s 签到", v[AV_TOPIC], keys_first_name(ACT_SIGNIN));
	return 1;
}

static int act_remove(int64_t id, char **err) { return db_activities_delete(app->db, id, err); }

static int act_signin(struct screen *s);

static const struct binding act_actions[] = {
	{ .action = ACT_SIGNIN, .run = act_signin },
	{ .action = ACT_NONE },
};

const struct help_page training_help = {
	.id = "training",
	.title = "学习培训记录簿",
	.note = "代表的学习培训：时间、地点、内容、参加代表的签到。检查时看："
		 "学习有记录、有签到。",
	.keys = act_actions,
	.flags = HELP_LIST | HELP_REGISTER | HELP_REMOVE | HELP_PERIOD | HELP_PRINT | HELP_HISTORY,
};

const struct help_page activities_help = {
	.id = "activities",
	.title = "代表活动记录簿",
	.note = "代表在站里开展的活动（视察、调研、执法检查、接待选民、督查等"
		 "）：主题、时间、地点、参加代表的签到、成效。检查时看：每季度"
		 "的活动次数够不够，签到是否齐全。",
	.keys = act_actions,
	.flags = HELP_LIST | HELP_REGISTER | HELP_REMOVE | HELP_PERIOD | HELP_PRINT | HELP_HISTORY,
};

static struct register_desc all_desc = {
	.cols = all_cols,
	.ncols = (int)ARRAY_LEN(all_cols),
	.col_fields = all_fields,
	.name_field = AV_TOPIC,
	.count = act_count,
	.page = act_page,
	.get = act_get,
	.save = act_save,
	.remove = act_remove,
	.delete_detail = "删除后不再显示（签到记录保留），对应计划改回未举行；站长可以恢复",
	.actions = act_actions,
	.help = &activities_help,
	.status = act_status,
	.clear_filters = act_clear,
	.set_period = act_set_period,
	.period_field = "活动日期",
	.summary = act_summary,
	.form_init = all_form_init,
	.state = &all_state,
};

static struct register_desc training_desc;

void activities_push(void)
{
	all_desc.def = act_form_def();
	all_desc.title = app->cfg->titles[REG_ACTIVITIES];
	register_push(&all_desc);
}

void training_push(void)
{
	training_desc = all_desc;
	training_desc.def = act_form_def();
	training_desc.title = app->cfg->titles[REG_TRAINING];
	training_desc.cols = training_cols;
	training_desc.ncols = (int)ARRAY_LEN(training_cols);
	training_desc.col_fields = training_fields;
	training_desc.form_init = training_form_init;
	training_desc.state = &training_state;
	training_desc.help = &training_help;
	register_push(&training_desc);
}

/* ---- the sign-in sheet ---- */

struct signin {
	int64_t activity_id;
	char *heading; /* date, type, topic; owned */
	int n;         /* deputies listed: in office, those who left, and any already signed */
	int64_t *ids;  /* owned */
	char **labels; /* deputy_labels(); owned */
	bool *may;     /* in office or already on the sheet: F9 marks them present; owned */
	int *status;   /* enum attend_status per deputy; owned */
	int *saved;    /* the status stored; owned */
	int cursor, top;
	int bad;       /* the line refused by the last save, or -1 */
	char *bad_msg; /* why; owned */
};

static void signin_free(struct signin *g)
{
	free(g->heading);
	str_free_array(g->labels, g->n);
	free(g->ids);
	free(g->may);
	free(g->status);
	free(g->saved);
	free(g->bad_msg);
	free(g);
}

/* Load the roster and the sheet of activity id. */
static struct signin *signin_load(int64_t id, char **err)
{
	struct signin *g = xcalloc(1, sizeof *g);
	struct attend_line *lines = NULL;
	struct deputy_brief *rows = NULL;
	char **vals = NULL;
	int nl = 0;
	g->activity_id = id;
	g->bad = -1;
	if (db_activities_get(app->db, id, &vals, NULL, err) < 0 ||
	    db_activities_attendance(app->db, id, &lines, &nl, err) < 0)
		goto fail;
	int64_t *keep = xcalloc((size_t)nl + 1, sizeof *keep);
	for (int i = 0; i < nl; i++)
		keep[i] = lines[i].deputy_id;
	int rc = db_deputies_briefs(app->db, true, keep, nl, &rows, &g->n, err);
	free(keep);
	if (rc < 0)
		goto fail;
	g->heading = xasprintf("%s  %s  %s", vals[AV_DATE], vals[AV_TYPE], vals[AV_TOPIC]);
	g->labels = deputy_labels(rows, g->n);
	g->ids = xcalloc((size_t)g->n + 1, sizeof *g->ids);
	g->may = xcalloc((size_t)g->n + 1, sizeof *g->may);
	g->status = xcalloc((size_t)g->n + 1, sizeof *g->status);
	g->saved = xcalloc((size_t)g->n + 1, sizeof *g->saved);
	for (int i = 0; i < g->n; i++) {
		g->ids[i] = rows[i].id;
		g->status[i] = ATTEND_NONE;
		for (int j = 0; j < nl; j++)
			if (lines[j].deputy_id == rows[i].id)
				g->status[i] = lines[j].status;
		g->saved[i] = g->status[i];
		g->may[i] = g->status[i] != ATTEND_NONE || (!rows[i].deleted && strcmp(rows[i].status, "离任"));
	}
	deputy_briefs_free(rows, g->n);
	record_free_values(&activity_def, vals);
	free(lines);
	return g;
fail:
	if (vals)
		record_free_values(&activity_def, vals);
	free(lines);
	signin_free(g);
	return NULL;
}

static bool signin_dirty(const struct signin *g)
{
	for (int i = 0; i < g->n; i++)
		if (g->status[i] != g->saved[i])
			return true;
	return false;
}

static void signin_draw(struct screen *s, int top, int height, int width)
{
	struct signin *g = s->data;
	int count[3] = { 0 }, none = 0;
	for (int i = 0; i < g->n; i++)
		if (g->status[i] == ATTEND_NONE)
			none++;
		else
			count[g->status[i]]++;
	char *h =
		xasprintf("%s    出席 %d  请假 %d  缺席 %d  未签到 %d", g->heading, count[0], count[1], count[2], none);
	ui_text(top, 1, width - 2, h, ALIGN_LEFT, ROLE_HEADER);
	free(h);
	int nw = width / 2 - 2 > 40 ? 40 : width / 2 - 2, sx = 2 + nw + 1, mx = sx + 8, mw = width - mx - 1;
	ui_text(top + 1, 2, nw, "代表", ALIGN_LEFT, ROLE_HEADER);
	ui_text(top + 1, sx, 6, "签到", ALIGN_LEFT, ROLE_HEADER);
	int rows = height - 2;
	if (g->cursor < g->top)
		g->top = g->cursor;
	if (g->cursor >= g->top + rows)
		g->top = g->cursor - rows + 1;
	if (!g->n)
		ui_text(top + 2, 2, width - 4, "代表名册里还没有代表", ALIGN_LEFT, ROLE_DIM);
	for (int r = 0; r < rows && g->top + r < g->n; r++) {
		int i = g->top + r, y = top + 2 + r;
		enum ui_role role = i == g->cursor ? ROLE_CURSOR
			: i == g->bad              ? ROLE_ERROR
			: g->may[i]                ? ROLE_NORMAL
						   : ROLE_DIM;
		ui_clear(y, 1, 1, width - 2, role);
		ui_text(y, 2, nw, g->labels[i], ALIGN_LEFT, role);
		ui_text(y, sx, 6, g->status[i] == ATTEND_NONE ? "-" : attend_statuses[g->status[i]], ALIGN_LEFT, role);
		if (i == g->bad && g->bad_msg && mw > 4)
			ui_text(y, mx, mw, g->bad_msg, ALIGN_LEFT, i == g->cursor ? ROLE_CURSOR : ROLE_ERROR);
	}
	s->cur_y = -1;
}

static void signin_set(struct signin *g, int status)
{
	if (!g->n)
		return;
	g->status[g->cursor] = status;
	if (g->cursor == g->bad) {
		g->bad = -1;
		free(g->bad_msg);
		g->bad_msg = NULL;
	}
}

/* Text keys: Space cycles the line (- 出席 请假 缺席); 1 出席, 2 请假, 3 缺席, 0 not signed, each
 * then moving to the next line. */
static int signin_key(struct screen *s, struct keypress k)
{
	struct signin *g = s->data;
	if (k.fkey || k.pasted || !g->n)
		return UI_REDRAW;
	if (k.ch == ' ')
		signin_set(g, g->status[g->cursor] == ATTEND_ABSENT ? ATTEND_NONE : g->status[g->cursor] + 1);
	else if (k.ch >= '0' && k.ch <= '3') {
		signin_set(g, (int)(k.ch - '0') - 1);
		if (g->cursor + 1 < g->n)
			g->cursor++;
	}
	return UI_REDRAW;
}

static int signin_all(struct screen *s)
{
	struct signin *g = s->data;
	int n = 0;
	for (int i = 0; i < g->n; i++)
		if (g->may[i]) {
			g->status[i] = ATTEND_PRESENT;
			n++;
		}
	app_message(MSG_INFO, "已把 %d 位代表标为出席，请逐个改请假、缺席", n);
	return UI_REDRAW;
}

static int signin_save(struct screen *s)
{
	struct signin *g = s->data;
	struct attend_line *v = xcalloc((size_t)g->n + 1, sizeof *v);
	int *at = xcalloc((size_t)g->n + 1, sizeof *at), n = 0, bad = -1, count[3] = { 0 };
	char *err = NULL;
	for (int i = 0; i < g->n; i++)
		if (g->status[i] != ATTEND_NONE) {
			at[n] = i;
			count[g->status[i]]++;
			v[n++] = (struct attend_line){ g->ids[i], g->status[i] };
		}
	int rc = db_activities_signin(app->db, g->activity_id, v, n, &bad, &err), flags = UI_REDRAW;
	if (rc < 0) {
		free(g->bad_msg);
		g->bad_msg = NULL;
		g->bad = bad >= 0 ? at[bad] : -1;
		if (g->bad >= 0) {
			g->cursor = g->bad;
			g->bad_msg = xstrdup(err);
		}
		app_message(MSG_ERROR, "没有保存：%s", err);
		free(err);
	} else {
		memcpy(g->saved, g->status, sizeof *g->status * (size_t)g->n);
		app_message(MSG_INFO, "已保存签到：出席 %d 人，请假 %d 人，缺席 %d 人", count[0], count[1], count[2]);
		flags = UI_POP;
	}
	free(v);
	free(at);
	return flags;
}

static int signin_leave(struct screen *s, int flags)
{
	struct signin *g = s->data;
	if (signin_dirty(g) && !dialog_confirm("签到还没有保存，放弃这些修改吗？", "按 Y 放弃，按 N 回去保存"))
		return UI_REDRAW;
	return flags;
}

static int signin_back(struct screen *s) { return signin_leave(s, UI_POP); }
static int signin_quit(struct screen *s) { return signin_leave(s, UI_QUIT); }

static int signin_move(struct screen *s, int by)
{
	struct signin *g = s->data;
	g->cursor += by;
	if (g->cursor >= g->n)
		g->cursor = g->n - 1;
	if (g->cursor < 0)
		g->cursor = 0;
	return UI_REDRAW;
}

static int signin_up(struct screen *s) { return signin_move(s, -1); }
static int signin_down(struct screen *s) { return signin_move(s, 1); }
static int signin_pgup(struct screen *s) { return signin_move(s, -(LINES - 6)); }
static int signin_pgdn(struct screen *s) { return signin_move(s, LINES - 6); }
static int signin_top(struct screen *s) { return signin_move(s, -((struct signin *)s->data)->n); }
static int signin_bottom(struct screen *s) { return signin_move(s, ((struct signin *)s->data)->n); }

static void signin_fini(struct screen *s) { signin_free(s->data); }

static const struct screen_ops signin_ops = {
	.name = "signin",
	.draw = signin_draw,
	.key = signin_key,
	.fini = signin_fini,
};

static const struct binding signin_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_SAVE, .run = signin_save },
	{ .action = ACT_ALL_PRESENT, .run = signin_all },
	{ .action = ACT_BACK, .run = signin_back },
	{ .action = ACT_UP, .run = signin_up, .hidden = true },
	{ .action = ACT_DOWN, .run = signin_down, .hidden = true },
	{ .action = ACT_PGUP, .run = signin_pgup, .hidden = true },
	{ .action = ACT_PGDN, .run = signin_pgdn, .hidden = true },
	{ .action = ACT_TOP, .run = signin_top, .hidden = true },
	{ .action = ACT_BOTTOM, .run = signin_bottom, .hidden = true },
	{ .action = ACT_QUIT, .run = signin_quit, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page signin_help = {
	.id = "signin",
	.title = "签到",
	.note = "每位代表一行。空格键在 -（未签到）、出席、请假、缺席之间切换；"
		 "数字键 1 出席、2 请假、3 缺席、0 未签到，并移到下一行。离任的代"
		 "表不能新签到（离任前的签到保留），进站日期在活动之后的代表也"
		 "不能签到：保存时在那一行说明原因，什么也不写入。检查时看：每"
		 "次活动都有签到。",
	.keys = signin_bar,
	.flags = 0,
};

/* F5 on the list: the sheet of the selected activity. */
static int act_signin(struct screen *s)
{
	int64_t id = listscreen_selected(s);
	char *err = NULL;
	if (id < 0)
		return UI_REDRAW;
	struct signin *g = signin_load(id, &err);
	if (!g) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return UI_REDRAW;
	}
	struct screen *sc = screen_new(&signin_ops, "签到", signin_bar);
	sc->data = g;
	sc->note = xstrdup(signin_help.note);
	app_push(sc);
	return UI_REDRAW;
}
