/* 代表名册: the roster as a register screen — filter by name, phone, unit, level or pinyin
 * initials as you type, F5 cycles the level filter (and shows deputies who have left). The
 * 本年接待 column counts each deputy's reception days this year (db_activities_receptions) and
 * marks those in office below station.ini [deputies] min_receptions_per_year. */
#include "ui/deputies.h"

#include "core/deputy.h"
#include "core/util.h"
#include "db/activities.h"
#include "db/deputies.h"
#include "ui/app.h"
#include "ui/deputyfile.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/register.h"

#include <stdlib.h>
#include <string.h>

#define COL_RECEPTIONS DEP_NFIELDS /* the list's extra value: 本年接待 */

static const struct list_col cols[] = {
	{ "姓名", 6, 12, ALIGN_LEFT, DEP_NAME, false, 0 },
	{ "性别", 4, 4, ALIGN_LEFT, DEP_GENDER, false, 2 },
	{ "层级", 4, 6, ALIGN_LEFT, DEP_LEVEL, false, 0 },
	{ "工作单位及职务", 14, 0, ALIGN_LEFT, DEP_WORK_UNIT, false, 0 },
	{ "联系电话", 12, 16, ALIGN_LEFT, DEP_PHONE, false, 0 },
	{ "专业小组", 8, 14, ALIGN_LEFT, DEP_GROUP, false, 3 },
	{ "状态", 4, 4, ALIGN_LEFT, DEP_STATUS, false, 1 },
	{ "本年接待", 8, 10, ALIGN_RIGHT, -1, true, 0 },
};
static const int col_fields[] = { DEP_NAME,  DEP_GENDER, DEP_LEVEL,  DEP_WORK_UNIT,
				  DEP_PHONE, DEP_GROUP,  DEP_STATUS, COL_RECEPTIONS };

struct roster_state {
	int level; /* -1: all levels, else index into deputy_levels */
	bool include_left;
};

static struct roster_state state;

static void make_filter(struct roster_state *r, const char *text, struct deputy_filter *f)
{
	f->text = text;
	f->level = r->level >= 0 ? deputy_levels[r->level] : NULL;
	f->include_left = r->include_left;
}

static int roster_count(void *st, const char *filter, int64_t *n, char **err)
{
	struct deputy_filter f;
	make_filter(st, filter, &f);
	return db_deputies_count(app->db, &f, n, err);
}

struct fwd {
	register_row_cb cb;
	void *ud;
	char **err;
};

/* 本年接待 of one row: "5/4", "2/4 不足" below the minimum, "-" for a deputy who left. */
static char *roster_receptions(int64_t id, const char *const *vals, char **err)
{
	int64_t n = 0;
	int min = app->cfg->min_receptions_per_year;
	if (!strcmp(vals[DEP_STATUS], "离任"))
		return xstrdup("-");
	if (db_activities_receptions(app->db, id, atoi(app->today), app->today, &n, err) < 0)
		return NULL;
	if (!min)
		return xasprintf("%lld", (long long)n);
	return xasprintf("%lld/%d%s", (long long)n, min, n < min ? " 不足" : "");
}

static int roster_row(void *ud, int64_t id, const char *const *vals)
{
	struct fwd *w = ud;
	const char *v[DEP_NFIELDS + 1];
	char *rec = roster_receptions(id, vals, w->err);
	if (!rec)
		return 1;
	memcpy(v, vals, sizeof(char *) * DEP_NFIELDS);
	v[COL_RECEPTIONS] = rec;
	int rc = w->cb(w->ud, id, v);
	free(rec);
	return rc;
}

static int roster_page(void *st, const char *filter, int sort_field, bool desc, int64_t offset, int limit,
		       register_row_cb cb, void *ud, char **err)
{
	struct deputy_filter f;
	struct fwd w = { cb, ud, err };
	make_filter(st, filter, &f);
	*err = NULL;
	int rc = db_deputies_page(app->db, &f, sort_field, desc, offset, limit, roster_row, &w, err);
	return rc < 0 || *err ? -1 : 0;
}

static int roster_get(int64_t id, char ***vals, char **err) { return db_deputies_get(app->db, id, vals, err); }

static int roster_insert(char *const *vals, int64_t *id, char **err)
{
	return db_deputies_insert(app->db, vals, id, err);
}

static int roster_update(int64_t id, char *const *vals, char **err)
{
	return db_deputies_update(app->db, id, vals, err);
}

static int roster_remove(int64_t id, char **err) { return db_deputies_delete(app->db, id, err); }

/* F5: 全部 → 全国 → 省 → 市 → 县 → 乡镇 → 全部（含离任） → 全部 */
static int roster_level(struct screen *s)
{
	struct roster_state *r = &state;
	if (r->level == -1 && r->include_left)
		r->include_left = false;
	else if (deputy_levels[++r->level] == NULL) {
		r->level = -1;
		r->include_left = true;
	}
	listscreen_refilter(s);
	return UI_REDRAW;
}

static char *roster_status(void *st, bool *filtered)
{
	struct roster_state *r = st;
	*filtered = r->level >= 0;
	return xasprintf("层级：%s%s", r->level >= 0 ? deputy_levels[r->level] : "全部",
			 r->include_left ? "（含离任）" : "");
}

/* Esc clears the level too (deputies who left stay shown if asked for: not a narrowing). */
static void roster_clear(void *st)
{
	struct roster_state *r = st;
	r->level = -1;
}

/* F9: the selected deputy's file (一人一档) for this year. */
static int roster_file(struct screen *s)
{
	int64_t id = listscreen_selected(s);
	if (id > 0)
		deputyfile_push(id, atoi(app->today));
	return UI_REDRAW;
}

static const struct binding roster_actions[] = {
	{ .action = ACT_LEVEL, .run = roster_level },
	{ .action = ACT_DEPFILE, .run = roster_file },
	{ .action = ACT_NONE },
};

const struct help_page deputies_help = {
	.id = "deputies",
	.title = "代表名册",
	.note = "进站代表的基本情况：姓名、性别、层级（全国、省、市、县、乡镇"
		 "五级）、单位职务、联系方式、进站日期、是否在任。检查时看：进"
		 "站代表是否齐全、五级代表是否都有、离任的是否注明。",
	.keys = roster_actions,
	.flags = HELP_LIST | HELP_REGISTER | HELP_REMOVE | HELP_PRINT | HELP_HISTORY,
};

static const struct register_desc roster = {
	.def = &deputy_def,
	.title = NULL, /* from station.ini, set in deputies_push */
	.cols = cols,
	.ncols = (int)ARRAY_LEN(cols),
	.col_fields = col_fields,
	.name_field = DEP_NAME,
	.count = roster_count,
	.page = roster_page,
	.get = roster_get,
	.insert = roster_insert,
	.update = roster_update,
	.remove = roster_remove,
	.delete_detail = "删除后不再显示，站长可以恢复；履职记录保留",
	.actions = roster_actions,
	.help = &deputies_help,
	.status = roster_status,
	.clear_filters = roster_clear,
	.state = &state,
};

static struct register_desc desc;

void deputies_push(void)
{
	desc = roster;
	desc.title = app->cfg->titles[REG_DEPUTIES];
	state = (struct roster_state){ .level = -1 };
	register_push(&desc);
}

void deputy_form_push(int64_t id)
{
	desc = roster;
	desc.title = app->cfg->titles[REG_DEPUTIES];
	register_form_push(&desc, id);
}
