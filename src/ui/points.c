/* 履职积分 ranking (履职之星) and adjustments (see points.h). The ranking of a year is computed
 * once when the screen opens, the year changes or a screen above it closes (an adjustment, a
 * record changed), by db_points_ranking; the list pages through it in memory (a few hundred
 * deputies). */
#include "ui/points.h"

#include "core/util.h"
#include "db/points.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/deputyfile.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the rules ---- */

static struct points_rules rules_now;
static bool rules_loaded;

int points_ui_shown(const struct points_rank *v, int n, const char *filter, int **shown)
{
	int k = 0;
	*shown = xcalloc((size_t)(n ? n : 1), sizeof **shown);
	for (int i = 0; i < n; i++)
		if (str_empty(filter) || strstr(v[i].name, filter) || !strcmp(v[i].level, filter))
			(*shown)[k++] = i;
	return k;
}

const struct points_rules *points_ui_rules(void)
{
	char *err = NULL;
	if (!rules_loaded) { /* what stays if the configured file is bad: built-in, then single items */
		points_rules_builtin(&rules_now);
		for (int i = 0; i < app->cfg->npoints; i++)
			points_rules_set(&rules_now, &app->cfg->points[i]);
		rules_loaded = true;
	}
	if (points_rules_load(app->cfg, &rules_now, &err) < 0) {
		app_message(MSG_ERROR, "%s。积分规则没有改变，仍按原来的规则计算", err);
		free(err);
	}
	return &rules_now;
}

int points_ui_group(const struct points_result *r, const char *name)
{
	size_t n = strlen(name);
	bool prefix = n >= strlen("：") && !strcmp(name + n - strlen("："), "：");
	int sum = 0;
	for (int i = 0; i < r->n; i++)
		if (prefix ? str_starts(r->lines[i].item, name) : !strcmp(r->lines[i].item, name))
			sum += r->lines[i].points;
	return sum;
}

bool points_ask_year(const char *what, int *year)
{
	char *q = xasprintf("查看哪一年的%s（如 2025）：", what);
	char *in = dialog_input("年度", q, 4, true);
	bool ok = false;
	free(q);
	if (in) {
		int y = atoi(in);
		if (y >= 2000 && y <= 2100 && strlen(in) == 4) {
			*year = y;
			ok = true;
		} else
			app_message(MSG_ERROR, "年度应为 2000 到 2100 之间的四位数：%s", in);
		free(in);
	}
	return ok;
}

/* ---- the ranking ---- */

struct rank_state {
	int year;
	bool stale; /* compute again before the next count */
	const struct points_rules *rules;
	struct points_rank *v; /* owned */
	int n;
	int *shown; /* indexes of the rows matching the filter, in rank order; owned */
	int nshown;
};

static struct rank_state state;

/* Item groups shown as columns (the deputy's file has every item). */
static const char *const groups[] = { POINTS_RECEPTION, POINTS_WALK, POINTS_ACTIVITY, POINTS_LEAD, POINTS_SECOND,
				      POINTS_REPORT };

static const struct list_col cols[] = {
	{ "名次", 4, 4, ALIGN_RIGHT, -1, true, 0 },     { "姓名", 6, 12, ALIGN_LEFT, -1, false, 0 },
	{ "层级", 4, 4, ALIGN_LEFT, -1, false, 3 },     { "接待选民", 8, 8, ALIGN_RIGHT, -1, false, 0 },
	{ "走访选民", 8, 8, ALIGN_RIGHT, -1, false, 0 }, { "参加活动", 8, 8, ALIGN_RIGHT, -1, false, 0 },
	{ "领衔建议", 8, 8, ALIGN_RIGHT, -1, false, 1 }, { "附议建议", 8, 8, ALIGN_RIGHT, -1, false, 1 },
	{ "述职", 4, 6, ALIGN_RIGHT, -1, false, 2 },     { "调整", 4, 6, ALIGN_RIGHT, -1, false, 0 },
	{ "积分", 6, 8, ALIGN_RIGHT, -1, true, 0 },
};

static void rank_clear(struct rank_state *s)
{
	db_points_ranking_free(s->v, s->n);
	free(s->shown);
	s->v = NULL;
	s->shown = NULL;
	s->n = s->nshown = 0;
}

static int rank_count(void *st, const char *filter, int64_t *n, char **err)
{
	struct rank_state *s = st;
	*n = 0;
	if (s->stale) {
		rank_clear(s);
		s->rules = points_ui_rules();
		if (db_points_ranking(app->db, s->rules, s->year, false, &s->v, &s->n, err) < 0)
			return -1;
		s->stale = false;
	}
	free(s->shown);
	s->nshown = points_ui_shown(s->v, s->n, filter, &s->shown);
	*n = s->nshown;
	return 0;
}

static int rank_fetch(void *st, const char *filter, int sort_key, bool desc, int64_t offset,
		      const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	struct rank_state *s = st;
	(void)filter, (void)sort_key, (void)desc, (void)after, (void)err;
	for (int64_t k = offset < 0 ? 0 : offset; k < s->nshown && k < offset + limit; k++) {
		const struct points_rank *r = &s->v[s->shown[k]];
		char b[ARRAY_LEN(cols)][16];
		const char *cells[ARRAY_LEN(cols)];
		snprintf(b[0], sizeof b[0], "%d", r->rank);
		cells[0] = b[0];
		cells[1] = r->name;
		cells[2] = r->level;
		for (size_t g = 0; g < ARRAY_LEN(groups); g++)
			cells[3 + g] = points_format(points_ui_group(&r->res, groups[g]), b[3 + g]);
		cells[9] = points_format(r->res.adjusted, b[9]);
		cells[10] = points_format(r->res.total, b[10]);
		list_page_add(page, (int)ARRAY_LEN(cols), r->deputy_id, cells);
	}
	return 0;
}

static char *rank_status(void *st, bool *filtered)
{
	struct rank_state *s = st;
	*filtered = s->year != atoi(app->today);
	return xasprintf("%d 年  %d 位代表  %s", s->year, s->n,
			 str_empty(app->cfg->points_file) ? "规则：内置" : "规则：station.ini 指定的文件");
}

static void rank_clear_filters(void *st)
{
	struct rank_state *s = st;
	if (s->year != atoi(app->today)) {
		s->year = atoi(app->today);
		s->stale = true;
	}
}

/* Shown again after a screen above closed: an adjustment or an edit may have changed points. */
static void rank_reload(struct screen *sc)
{
	struct rank_state *s = listscreen_state(sc);
	s->stale = true;
}

static void rank_fini(void *st) { rank_clear(st); }

static int rank_open(struct screen *sc)
{
	int64_t id = listscreen_selected(sc);
	if (id > 0)
		deputyfile_push(id, ((struct rank_state *)listscreen_state(sc))->year);
	return UI_REDRAW;
}

static int rank_year(struct screen *sc)
{
	struct rank_state *s = listscreen_state(sc);
	if (points_ask_year("积分排名", &s->year)) {
		s->stale = true;
		listscreen_refilter(sc);
	}
	return UI_REDRAW;
}

static int rank_adjust(struct screen *sc)
{
	struct rank_state *s = listscreen_state(sc);
	points_adjust_push(listscreen_selected(sc) > 0 ? listscreen_selected(sc) : 0, s->year);
	return UI_REDRAW;
}

static const struct binding rank_actions[] = {
	{ .action = ACT_OPEN, .run = rank_open },
	{ .action = ACT_FILTER, .run = rank_year },
	{ .action = ACT_ADJUST, .run = rank_adjust },
	{ .action = ACT_NONE },
};

const struct help_page points_help = {
	.id = "points",
	.title = "履职积分排名",
	.note = "一年里每位代表的履职积分和名次（履职之星），积分按 station.ini 的"
		 "规则由各台账的记录算出。调整积分须写明理由和批准人。",
	.keys = rank_actions,
	.flags = HELP_LIST,
};

void points_push(void)
{
	rank_clear(&state);
	state = (struct rank_state){ .year = atoi(app->today), .stale = true };
	listscreen_push(&(struct listscreen_desc){ .title = "履职积分排名（履职之星）",
						   .cols = cols,
						   .ncols = (int)ARRAY_LEN(cols),
						   .count = rank_count,
						   .fetch = rank_fetch,
						   .actions = rank_actions,
						   .status = rank_status,
						   .clear_filters = rank_clear_filters,
						   .reload = rank_reload,
						   .fini = rank_fini,
						   .state = &state,
						   .help = &points_help });
}

/* ---- the adjustment form ---- */

static struct {
	int64_t deputy_id;
	int year;
	struct choice_list deps; /* labels of the form's deputies, for the message */
} adj;

static void adj_form_init(struct form *f, int64_t id)
{
	char *err = NULL;
	char y[8];
	(void)id;
	choices_free(&adj.deps);
	if (choices_deputies(false, adj.deputy_id ? &adj.deputy_id : NULL, adj.deputy_id ? 1 : 0, &adj.deps, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	form_set_choices(f, ADJ_DEPUTY, adj.deps.v, adj.deps.n, true);
	if (adj.deputy_id)
		form_set_choice_ids(f, ADJ_DEPUTY, &adj.deputy_id, 1);
	snprintf(y, sizeof y, "%d", adj.year);
	form_set_value(f, ADJ_YEAR, y);
	form_mark_saved(f);
	form_focus(f, adj.deputy_id ? ADJ_POINTS : ADJ_DEPUTY);
}

static int adj_save(struct form *f, int64_t *id, char **err)
{
	char *const *v = form_values(f);
	int64_t dep = form_choice_id(f, ADJ_DEPUTY);
	int t = 0;
	char b[16];
	if (points_parse(v[ADJ_POINTS], true, &t)) /* checked by the form already */
		t = 0;
	if (db_points_adjust(app->db, dep, atoi(v[ADJ_YEAR]), v[ADJ_DATE], t, v[ADJ_REASON], v[ADJ_APPROVER], id, err) < 0)
		return -1;
	const char *who = choices_label(&adj.deps, dep);
	app_message(MSG_INFO, "已给 %s %s 年积分 %s%s 分（%s，批准人：%s）", who ? who : "", v[ADJ_YEAR], t > 0 ? "+" : "",
		    points_format(t, b), v[ADJ_REASON], v[ADJ_APPROVER]);
	return 1;
}

static const struct register_desc adj_desc = {
	.def = &adj_def,
	.name_field = ADJ_REASON,
	.form_init = adj_form_init,
	.save = adj_save,
	.form_title = "履职积分调整（须写明理由和批准人）",
};

void points_adjust_push(int64_t deputy_id, int year)
{
	adj.deputy_id = deputy_id;
	adj.year = year;
	register_form_push(&adj_desc, 0);
}
