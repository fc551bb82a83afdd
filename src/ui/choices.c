/* Items of choice fields from the database: rows from db/, labels from core/. */
#include "ui/choices.h"

#include "core/deputy.h"
#include "core/util.h"
#include "db/deputies.h"
#include "db/units.h"
#include "ui/app.h"

#include <stdlib.h>
#include <string.h>

void choices_add(struct choice_list *l, int64_t id, const char *label)
{
	if (id <= 0 || choices_label(l, id))
		return;
	l->v = xrealloc(l->v, sizeof *l->v * (size_t)(l->n + 1));
	l->v[l->n++] = (struct form_choice){ id, xstrdup(label ? label : ""), NULL };
}

const char *choices_label(const struct choice_list *l, int64_t id)
{
	for (int i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return l->v[i].label;
	return NULL;
}

void choices_free(struct choice_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free((char *)l->v[i].label);
		free((char *)l->v[i].aliases);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int choices_deputies(bool include_left, const int64_t *keep, int nkeep, struct choice_list *l, char **err)
{
	struct deputy_brief *rows = NULL;
	int n = 0;
	if (db_deputies_briefs(app->db, include_left, keep, nkeep, &rows, &n, err) < 0)
		return -1;
	char **labels = deputy_labels(rows, n);
	l->v = xcalloc((size_t)(n ? n : 1), sizeof *l->v);
	for (int i = 0; i < n; i++)
		l->v[l->n++] = (struct form_choice){ rows[i].id, labels[i], NULL }; /* the label moves to the list */
	free(labels);
	deputy_briefs_free(rows, n);
	return 0;
}

static int choices_unit_cb(void *ud, int64_t id, const char *name, const char *aliases)
{
	struct choice_list *l = ud;
	choices_add(l, id, name);
	if (l->n && l->v[l->n - 1].id == id && *aliases)
		l->v[l->n - 1].aliases = xstrdup(aliases);
	return 0;
}

int choices_units(struct choice_list *l, char **err)
{
	if (db_units_names(app->db, choices_unit_cb, l, err) < 0) {
		choices_free(l);
		return -1;
	}
	return 0;
}
