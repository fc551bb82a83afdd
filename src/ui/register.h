/* A register of plain records: a list screen (ui/listscreen.h) over a data source, and a form
 * per record, both driven by one description (struct register_desc). The roster and the units
 * register are each a description plus, where needed, a few hooks; the cases, reception days
 * and the visit filter use its form with their own list descriptions. The keys, messages,
 * confirmations and reloads are the same everywhere. */
#ifndef STATION_UI_REGISTER_H
#define STATION_UI_REGISTER_H

#include "core/period.h"
#include "core/record.h"
#include "db/db.h"
#include "ui/app.h"
#include "ui/keys.h"
#include "ui/list.h"

#include <stdbool.h>
#include <stdint.h>

struct form;

/* Called for each row of a page: id and the record's values (borrowed for the call). */
typedef int (*register_row_cb)(void *ud, int64_t id, const char *const *vals);

struct register_desc {
	const struct record_def *def;
	const char *title;           /* list screen title */
	const struct list_col *cols; /* list columns; sort_key is a field index of def */
	int ncols;
	const int *col_fields; /* field index shown in each column */
	int name_field;        /* field naming a record in messages ("已保存代表 张三") */
	/* Data. state is the screen's own filter state (see below). */
	int (*count)(void *state, const char *filter, int64_t *n, char **err);
	int (*page)(void *state, const char *filter, int sort_field, bool desc, int64_t offset, int limit,
		    register_row_cb cb, void *ud, char **err);
	int (*get)(int64_t id, char ***vals, char **err);
	int (*insert)(char *const *vals, int64_t *id, char **err);
	int (*update)(int64_t id, char *const *vals, char **err);
	int (*remove)(int64_t id, char **err); /* NULL: no delete */
	const char *delete_detail;             /* second line of the delete question */
	/* Optional: the register's own list actions (e.g. F5 level filter), ended by ACT_NONE; a
	 * handler that changes the filter calls listscreen_refilter(). status() gives the text at
	 * the right of the filter line and says whether the register's filter narrows the rows;
	 * clear() resets that filter (Esc, the clear key). */
	const struct binding *actions;
	char *(*status)(void *state, bool *filtered);
	void (*clear_filters)(void *state);
	/* Optional: the period key and summary line of a list screen (ui/listscreen.h), for a
	 * register whose rows have a date; period_field names that date ("活动日期"). */
	void (*set_period)(void *state, const struct period *p, const char *text);
	const char *period_field;
	char *(*summary)(void *state);
	void *state; /* owned by the caller; lives as long as the screen */
	/* Optional: prepare a new form (run-time choices, defaults). */
	void (*form_init)(struct form *f, int64_t id);
	/* Optional: store the form instead of insert/update (records with linked rows). *id is 0
	 * for a new record and gets its id. Returns -1 on error, 0 when saved, or 1 when saved and
	 * the hook has set the message line itself. */
	int (*save)(struct form *f, int64_t *id, char **err);
	/* Optional: the form's title (else "新增"/"修改" + the record's title); and, when
	 * load_new is set, a new form is filled by get(0, ...) (a filter form showing the filter
	 * in force) instead of the fields' defaults. */
	const char *form_title;
	bool load_new;
	/* The list's help page (ui/help.h, with HELP_REGISTER; its keys are .actions). Borrowed. */
	const struct help_page *help;
};

/* Push the list screen. desc must outlive the screen (a static or the state's own). */
/* Room for a register list's actions (see register_list_actions). */
#define REGISTER_ACTIONS_MAX 8

/* A register list's actions: 新增, 修改 (and Enter), 删除 when remove, then own; ACT_NONE ends
 * them. register_push() and the key reference (help_keys_md) both use it. Returns the rows. */
int register_list_actions(bool remove, const struct binding *own, struct binding *out);

void register_push(const struct register_desc *desc);
/* Push the form for record id (0: a new record). */
void register_form_push(const struct register_desc *desc, int64_t id);

#endif
