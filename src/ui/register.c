/* The register screens: list (filter as you type, sort, open, add, delete with confirmation) and
 * form (add, edit; nothing typed is lost on an error). */
#include "ui/register.h"

#include "core/util.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/listscreen.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- the list: a list screen whose actions are new, edit, delete and the register's own ---- */

struct reg_list {
	const struct register_desc *d;
	struct binding actions[REGISTER_ACTIONS_MAX]; /* NEW, EDIT, OPEN, DELETE, the register's own, ACT_NONE */
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

static int reg_count(void *state, const char *filter, int64_t *n, char **err)
{
	const struct register_desc *d = ((struct reg_list *)state)->d;
	return d->count(d->state, filter, n, err);
}

static int reg_fetch(void *state, const char *filter, int sort_key, bool desc, int64_t offset, const struct list_anchor *after, int limit,
		     struct list_page *page, char **err)
{
	(void)after; /* ordered by any column: pages by offset */
	const struct register_desc *d = ((struct reg_list *)state)->d;
	struct page_fill pf = { d, page };
	return d->page(d->state, filter, sort_key, desc, offset, limit, add_row, &pf, err);
}

static char *reg_status(void *state, bool *filtered)
{
	const struct register_desc *d = ((struct reg_list *)state)->d;
	return d->status ? d->status(d->state, filtered) : xstrdup("");
}

static void reg_set_period(void *state, const struct period *p, const char *text)
{
	const struct register_desc *d = ((struct reg_list *)state)->d;
	d->set_period(d->state, p, text);
}

static char *reg_summary(void *state)
{
	const struct register_desc *d = ((struct reg_list *)state)->d;
	return d->summary(d->state);
}

static void reg_clear(void *state)
{
	const struct register_desc *d = ((struct reg_list *)state)->d;
	if (d->clear_filters)
		d->clear_filters(d->state);
}

static int reg_new(struct screen *s)
{
	struct reg_list *r = listscreen_state(s);
	register_form_push(r->d, 0);
	return UI_REDRAW;
}

static int reg_edit(struct screen *s)
{
	struct reg_list *r = listscreen_state(s);
	if (listscreen_selected(s) >= 0)
		register_form_push(r->d, listscreen_selected(s));
	return UI_REDRAW;
}

static int reg_delete(struct screen *s)
{
	const struct register_desc *d = ((struct reg_list *)listscreen_state(s))->d;
	int64_t id = listscreen_selected(s);
	char **vals = NULL;
	char *err = NULL;
	if (id < 0)
		return UI_REDRAW;
	if (d->get(id, &vals, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return UI_REDRAW;
	}
	char *q = xasprintf("删除%s %s 吗？", d->def->title, vals[d->name_field]);
	if (dialog_confirm(q, d->delete_detail)) {
		if (d->remove(id, &err) < 0) {
			app_message(MSG_ERROR, "没有删除：%s", err);
			free(err);
		} else
			app_message(MSG_INFO, "已删除%s %s", d->def->title, vals[d->name_field]);
		list_reload(listscreen_list(s));
	}
	free(q);
	record_free_values(d->def, vals);
	return UI_REDRAW;
}

int register_list_actions(bool remove, const struct binding *own, struct binding *out)
{
	int n = 0;
	out[n++] = (struct binding){ .action = ACT_NEW, .run = reg_new };
	out[n++] = (struct binding){ .action = ACT_EDIT, .run = reg_edit };
	out[n++] = (struct binding){ .action = ACT_OPEN, .run = reg_edit, .hidden = true };
	if (remove)
		out[n++] = (struct binding){ .action = ACT_DELETE, .run = reg_delete };
	for (const struct binding *b = own; b && b->action != ACT_NONE && n < REGISTER_ACTIONS_MAX - 1; b++)
		out[n++] = *b;
	out[n++] = (struct binding){ .action = ACT_NONE };
	return n;
}

void register_push(const struct register_desc *desc)
{
	struct reg_list *r = xcalloc(1, sizeof *r);
	r->d = desc;
	if (desc->help) { /* the key reference composes this list from the page: it must agree */
		assert(desc->help->flags & HELP_REGISTER);
		assert(desc->help->keys == desc->actions);
		assert(!(desc->help->flags & HELP_REMOVE) == !desc->remove);
	}
	register_list_actions(desc->remove != NULL, desc->actions, r->actions);
	listscreen_push(&(struct listscreen_desc){ .title = desc->title,
						   .cols = desc->cols,
						   .ncols = desc->ncols,
						   .count = reg_count,
						   .fetch = reg_fetch,
						   .actions = r->actions,
						   .status = reg_status,
						   .clear_filters = reg_clear,
						   .set_period = desc->set_period ? reg_set_period : NULL,
						   .period_field = desc->period_field,
						   .summary = desc->summary ? reg_summary : NULL,
						   .table = desc->def ? desc->def->table : NULL,
						   .fini = free,
						   .state = r,
						   .help = desc->help });
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
	struct screen *s = screen_new(&rform_ops, title, form_bindings);
	free(title);
	s->data = f;
	s->saves_nothing = desc->load_new;
	app_push(s);
}
