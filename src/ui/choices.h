/* Run-time items of choice fields (ui/form.h struct form_choice) loaded from the database: the
 * deputies with their labels (core/deputy.h deputy_labels, the one format of every screen) and
 * the units. A screen loads a list, gives it to form_set_choices (which copies it), and may keep
 * it to find labels by id or free it at once. */
#ifndef STATION_UI_CHOICES_H
#define STATION_UI_CHOICES_H

#include "ui/form.h"

#include <stdbool.h>
#include <stdint.h>

/* A growable list of items; the labels are owned by the list. */
struct choice_list {
	struct form_choice *v;
	int n;
};

/* Append an item (label copied) unless its id is 0 or already in the list. */
void choices_add(struct choice_list *l, int64_t id, const char *label);
/* The label of id, or NULL. Borrowed. */
const char *choices_label(const struct choice_list *l, int64_t id);
void choices_free(struct choice_list *l);

/* Fill an empty *l with the deputies of db_deputies_briefs (in office, those who left if include_left, and the keep
 * ids whatever they are now), labelled by deputy_labels, in pinyin order. On an error *l is
 * empty and the message is in *err. */
int choices_deputies(bool include_left, const int64_t *keep, int nkeep, struct choice_list *l, char **err);
/* The units (db_units_names: not deleted, in the pick-list order). */
int choices_units(struct choice_list *l, char **err);

#endif
