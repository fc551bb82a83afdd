/* 代表名册 screens: the roster list (filter by name, phone, unit, level, pinyin initials) and
 * the deputy form (add, edit). Deleting asks first and marks the record deleted. */
#include "ui/deputies.h"

#include "core/deputy.h"
#include "core/util.h"
#include "db/deputies.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/list.h"

#include <stdlib.h>
#include <string.h>

/* ---- the list ---- */

static const struct list_col cols[] = {
	{ "姓名", 6, 12, ALIGN_LEFT, DEP_NAME },
	{ "性别", 4, 4, ALIGN_LEFT, DEP_GENDER },
	{ "层级", 4, 6, ALIGN_LEFT, DEP_LEVEL },
	{ "工作单位及职务", 14, 0, ALIGN_LEFT, DEP_WORK_UNIT },
	{ "联系电话", 12, 16, ALIGN_LEFT, DEP_PHONE },
	{ "专业小组", 8, 14, ALIGN_LEFT, DEP_GROUP },
	{ "状态", 4, 4, ALIGN_LEFT, DEP_STATUS },
};
static const int col_fields[] = { DEP_NAME, DEP_GENDER, DEP_LEVEL, DEP_WORK_UNIT, DEP_PHONE, DEP_GROUP, DEP_STATUS };

struct roster {
	struct list *list;
	struct list_source src;
	int level;         /* -1: all levels, else index into deputy_levels */
	bool include_left;
};

struct page_fill {
	struct list_page *page;
};

static int add_row(void *ud, int64_t id, const char *const *vals)
{
	struct page_fill *pf = ud;
	const char *cells[ARRAY_LEN(cols)];
	for (size_t c = 0; c < ARRAY_LEN(cols); c++)
		cells[c] = vals[col_fields[c]];
	list_page_add(pf->page, (int)ARRAY_LEN(cols), id, cells);
	return 0;
}

static void make_filter(struct roster *r, const char *text, struct deputy_filter *f)
{
	f->text = text;
	f->level = r->level >= 0 ? deputy_levels[r->level] : NULL;
	f->include_left = r->include_left;
}

static int src_count(void *ctx, const char *filter, int64_t *n, char **err)
{
	struct deputy_filter f;
	make_filter(ctx, filter, &f);
	return db_deputies_count(app->db, &f, n, err);
}

static int src_fetch(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset, int limit,
		     struct list_page *page, char **err)
{
	struct deputy_filter f;
	struct page_fill pf = { page };
	make_filter(ctx, filter, &f);
	return db_deputies_page(app->db, &f, sort_key, desc, offset, limit, add_row, &pf, err);
}

static void roster_status(struct roster *r)
{
	char *st = xasprintf("层级：%s%s", r->level >= 0 ? deputy_levels[r->level] : "全部",
			     r->include_left ? "（含离任）" : "");
	list_set_status(r->list, st);
	free(st);
}

static void roster_draw(struct screen *s, int top, int height, int width)
{
	struct roster *r = s->data;
	list_draw(r->list, top, height, width, &s->cur_y, &s->cur_x);
}

static void delete_selected(struct roster *r)
{
	int64_t id = list_selected(r->list);
	char **vals = NULL;
	char *err = NULL;
	if (id < 0)
		return;
	if (db_deputies_get(app->db, id, &vals, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return;
	}
	char *q = xasprintf("删除代表 %s（%s）吗？", vals[DEP_NAME], vals[DEP_WORK_UNIT]);
	if (dialog_confirm(q, "删除后不再显示，站长可以恢复；履职记录保留")) {
		if (db_deputies_delete(app->db, id, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
		} else
			app_message(MSG_INFO, "已删除代表 %s", vals[DEP_NAME]);
		list_reload(r->list);
	}
	free(q);
	record_free_values(&deputy_def, vals);
}

static const enum action roster_actions[] = { ACT_NEW, ACT_EDIT, ACT_OPEN, ACT_DELETE, ACT_LEVEL, ACT_BACK,
	ACT_QUIT, ACT_NONE };

static int roster_key(struct screen *s, struct keypress k)
{
	struct roster *r = s->data;
	switch (keys_lookup(k, roster_actions)) {
	case ACT_NEW:
		deputy_form_push(0);
		return UI_REDRAW;
	case ACT_EDIT:
	case ACT_OPEN:
		if (list_selected(r->list) >= 0)
			deputy_form_push(list_selected(r->list));
		return UI_REDRAW;
	case ACT_DELETE:
		delete_selected(r);
		return UI_REDRAW;
	case ACT_LEVEL:
		/* 全部 → 全国 → 省 → 市 → 县 → 乡镇 → 全部（含离任） → 全部 */
		if (r->level == -1 && r->include_left)
			r->include_left = false;
		else if (deputy_levels[++r->level] == NULL) {
			r->level = -1;
			r->include_left = true;
		}
		roster_status(r);
		list_reload(r->list);
		return UI_REDRAW;
	case ACT_BACK:
		if (*list_filter(r->list)) { /* Esc first clears the filter */
			list_key(r->list, (struct keypress){ .ch = 21 });
			return UI_REDRAW;
		}
		return UI_POP;
	case ACT_QUIT:
		return UI_QUIT;
	default:
		list_key(r->list, k);
		return UI_REDRAW;
	}
}

static void roster_reload(struct screen *s)
{
	struct roster *r = s->data;
	list_reload(r->list);
}

static void roster_fini(struct screen *s)
{
	struct roster *r = s->data;
	list_free(r->list);
	free(r);
}

static const struct screen_ops roster_ops = {
	.name = "deputies",
	.draw = roster_draw,
	.key = roster_key,
	.reload = roster_reload,
	.fini = roster_fini,
};

static const enum action roster_bar[] = { ACT_HELP, ACT_NEW, ACT_EDIT, ACT_DELETE, ACT_LEVEL, ACT_SORT,
	ACT_REVERSE, ACT_BACK, ACT_QUIT, ACT_NONE };

void deputies_push(void)
{
	struct screen *s = screen_new(&roster_ops, app->cfg->titles[REG_DEPUTIES], roster_bar);
	struct roster *r = xcalloc(1, sizeof *r);
	r->src = (struct list_source){ .cols = cols, .ncols = (int)ARRAY_LEN(cols), .ctx = r,
		.count = src_count, .fetch = src_fetch };
	r->level = -1;
	r->list = list_new(&r->src, 0);
	roster_status(r);
	s->data = r;
	app_push(s);
}

/* ---- the form ---- */

struct dform {
	struct form *form;
	int64_t id; /* 0 for a new deputy */
};

static void dform_draw(struct screen *s, int top, int height, int width)
{
	struct dform *d = s->data;
	form_draw(d->form, top, height, width, &s->cur_y, &s->cur_x);
}

static int dform_save(struct dform *d)
{
	char *err = NULL;
	char *const *v = form_values(d->form);
	int rc = d->id ? db_deputies_update(app->db, d->id, v, &err) : db_deputies_insert(app->db, v, &d->id, &err);
	if (rc < 0) {
		/* The form keeps everything; the clerk can fix and save again. */
		app_message(MSG_ERROR, "没有保存：%s", err);
		free(err);
		return UI_REDRAW;
	}
	form_mark_saved(d->form);
	app_message(MSG_INFO, "已保存代表 %s", v[DEP_NAME]);
	return UI_POP;
}

static int dform_key(struct screen *s, struct keypress k)
{
	struct dform *d = s->data;
	switch (form_key(d->form, k)) {
	case FORM_SAVE:
		return dform_save(d);
	case FORM_CANCEL:
		return UI_POP;
	case FORM_QUIT:
		return UI_QUIT;
	default:
		return UI_REDRAW;
	}
}

static void dform_fini(struct screen *s)
{
	struct dform *d = s->data;
	form_free(d->form);
	free(d);
}

static const struct screen_ops dform_ops = {
	.name = "deputy_form",
	.draw = dform_draw,
	.key = dform_key,
	.fini = dform_fini,
};

static const enum action dform_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_NEXT_FIELD, ACT_BACK, ACT_NONE };

void deputy_form_push(int64_t id)
{
	char **vals = NULL;
	char *err = NULL;
	if (id) {
		if (db_deputies_get(app->db, id, &vals, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
			return;
		}
	} else
		vals = record_new_values(&deputy_def, app->today);
	struct dform *d = xcalloc(1, sizeof *d);
	d->id = id;
	d->form = form_new(&deputy_def, vals, app->today);
	record_free_values(&deputy_def, vals);
	char *title = id ? xasprintf("修改代表") : xstrdup("新增代表");
	struct screen *s = screen_new(&dform_ops, title, dform_bar);
	free(title);
	s->data = d;
	app_push(s);
}
