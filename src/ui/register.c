/* The register screens: list (filter as you type, sort, open, add, delete with confirmation) and
 * form (add, edit; nothing typed is lost on an error). */
#include "ui/register.h"

#include "core/util.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/form.h"

#include <stdlib.h>
#include <string.h>

/* ---- the list ---- */

struct reg_list {
	const struct register_desc *d;
	struct list *list;
	struct list_source src;
	enum action bar[12]; /* the key bar: the common actions plus the register's extra one */
};

struct page_fill {
	const struct register_desc *d;
	struct list_page *page;
};

static int add_row(void *ud, int64_t id, const char *const *vals)
{
	struct page_fill *pf = ud;
	const char **cells = xmalloc(sizeof(char *) * (size_t)pf->d->ncols);
	for (int c = 0; c < pf->d->ncols; c++)
		cells[c] = vals[pf->d->col_fields[c]];
	list_page_add(pf->page, pf->d->ncols, id, cells);
	free(cells);
	return 0;
}

static int src_count(void *ctx, const char *filter, int64_t *n, char **err)
{
	const struct register_desc *d = ctx;
	return d->count(d->state, filter, n, err);
}

static int src_fetch(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset, int limit,
		     struct list_page *page, char **err)
{
	const struct register_desc *d = ctx;
	struct page_fill pf = { d, page };
	return d->page(d->state, filter, sort_key, desc, offset, limit, add_row, &pf, err);
}

static void reg_status(struct reg_list *r)
{
	if (!r->d->status)
		return;
	char *st = r->d->status(r->d->state);
	list_set_status(r->list, st);
	free(st);
}

static void reg_draw(struct screen *s, int top, int height, int width)
{
	struct reg_list *r = s->data;
	list_draw(r->list, top, height, width, &s->cur_y, &s->cur_x);
}

static void reg_delete(struct reg_list *r)
{
	const struct register_desc *d = r->d;
	int64_t id = list_selected(r->list);
	char **vals = NULL;
	char *err = NULL;
	if (id < 0 || !d->remove)
		return;
	if (d->get(id, &vals, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return;
	}
	char *q = xasprintf("删除%s %s 吗？", d->def->title, vals[d->name_field]);
	if (dialog_confirm(q, d->delete_detail)) {
		if (d->remove(id, &err) < 0) {
			app_message(MSG_ERROR, "没有删除：%s", err);
			free(err);
		} else
			app_message(MSG_INFO, "已删除%s %s", d->def->title, vals[d->name_field]);
		list_reload(r->list);
	}
	free(q);
	record_free_values(d->def, vals);
}

static int reg_key(struct screen *s, struct keypress k)
{
	struct reg_list *r = s->data;
	const struct register_desc *d = r->d;
	enum action acts[] = { ACT_NEW, ACT_EDIT, ACT_OPEN, ACT_DELETE, ACT_BACK, ACT_QUIT, d->extra_action, ACT_NONE };
	enum action a = keys_lookup(k, acts);
	if (a != ACT_NONE && a == d->extra_action && d->extra) {
		if (d->extra(d->state)) {
			reg_status(r);
			list_reload(r->list);
		}
		return UI_REDRAW;
	}
	switch (a) {
	case ACT_NEW:
		register_form_push(d, 0);
		return UI_REDRAW;
	case ACT_EDIT:
	case ACT_OPEN:
		if (list_selected(r->list) >= 0)
			register_form_push(d, list_selected(r->list));
		return UI_REDRAW;
	case ACT_DELETE:
		if (d->remove)
			reg_delete(r);
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

static void reg_reload(struct screen *s)
{
	struct reg_list *r = s->data;
	list_reload(r->list);
}

static void reg_fini(struct screen *s)
{
	struct reg_list *r = s->data;
	list_free(r->list);
	free(r);
}

static const struct screen_ops reg_ops = {
	.name = "register",
	.draw = reg_draw,
	.key = reg_key,
	.reload = reg_reload,
	.fini = reg_fini,
};

void register_push(const struct register_desc *desc)
{
	static const enum action common[] = { ACT_HELP, ACT_NEW, ACT_EDIT, ACT_DELETE, ACT_NONE };
	static const enum action tail[] = { ACT_SORT, ACT_REVERSE, ACT_BACK, ACT_QUIT, ACT_NONE };
	struct reg_list *r = xcalloc(1, sizeof *r);
	int n = 0;
	for (const enum action *a = common; *a != ACT_NONE; a++)
		if (*a != ACT_DELETE || desc->remove)
			r->bar[n++] = *a;
	if (desc->extra_action != ACT_NONE)
		r->bar[n++] = desc->extra_action;
	for (const enum action *a = tail; *a != ACT_NONE; a++)
		r->bar[n++] = *a;
	r->bar[n] = ACT_NONE;
	struct screen *s = screen_new(&reg_ops, desc->title, r->bar);
	r->d = desc;
	r->src = (struct list_source){
		.cols = desc->cols, .ncols = desc->ncols, .ctx = (void *)desc, .count = src_count, .fetch = src_fetch
	};
	r->list = list_new(&r->src, 0);
	s->data = r;
	reg_status(r);
	app_push(s);
}

/* ---- the form ---- */

struct reg_form {
	const struct register_desc *d;
	struct form *form;
	int64_t id; /* 0 for a new record */
};

static void rform_draw(struct screen *s, int top, int height, int width)
{
	struct reg_form *f = s->data;
	form_draw(f->form, top, height, width, &s->cur_y, &s->cur_x);
}

static int rform_save(void *ud)
{
	struct reg_form *f = ud;
	char *err = NULL;
	char *const *v = form_values(f->form);
	int rc = f->d->save ? f->d->save(f->form, &f->id, &err)
		: f->id     ? f->d->update(f->id, v, &err)
			    : f->d->insert(v, &f->id, &err);
	if (rc < 0) {
		/* The form keeps everything; the clerk can fix and save again. */
		app_message(MSG_ERROR, "没有保存：%s", err);
		free(err);
		return UI_REDRAW;
	}
	form_mark_saved(f->form);
	if (rc == 0)
		app_message(MSG_INFO, "已保存%s %s", f->d->def->title, v[f->d->name_field]);
	return UI_POP;
}

static int rform_key(struct screen *s, struct keypress k)
{
	struct reg_form *f = s->data;
	return form_screen_key(f->form, k, rform_save, f);
}

static void rform_fini(struct screen *s)
{
	struct reg_form *f = s->data;
	form_free(f->form);
	free(f);
}

static const struct screen_ops rform_ops = {
	.name = "register_form",
	.draw = rform_draw,
	.key = rform_key,
	.fini = rform_fini,
};

static const enum action rform_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_NEXT_FIELD, ACT_BACK, ACT_NONE };

void register_form_push(const struct register_desc *desc, int64_t id)
{
	char **vals = NULL;
	char *err = NULL;
	if (id || desc->load_new) {
		if (desc->get(id, &vals, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
			return;
		}
	} else
		vals = record_new_values(desc->def, app->today);
	struct reg_form *f = xcalloc(1, sizeof *f);
	f->d = desc;
	f->id = id;
	f->form = form_new(desc->def, vals, app->today);
	record_free_values(desc->def, vals);
	if (desc->form_init)
		desc->form_init(f->form, id);
	if (!desc->load_new) /* a filter form keeps no draft */
		form_set_draft(f->form, desc->def->table, id);
	char *title = desc->form_title ? xstrdup(desc->form_title)
				       : xasprintf("%s%s", id ? "修改" : "新增", desc->def->title);
	struct screen *s = screen_new(&rform_ops, title, rform_bar);
	free(title);
	s->data = f;
	app_push(s);
}
