/* The form widget. Each field has its own line editor; values are synced back into an array
 * of strings (vals) that the record checks normalise in place. */
#include "ui/form.h"

#include "core/text.h"
#include "core/util.h"
#include "db/drafts.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/help.h"
#include "ui/lineedit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_ROWS 3

struct form {
	const struct record_def *def;
	char **orig;         /* values as loaded or last saved; owned */
	char **vals;         /* current values; owned */
	struct lineedit *ed; /* one per field */
	char **err;          /* message per field or NULL; owned */
	char **note;         /* a note shown beside field i when it has no message, or NULL; owned */
	int cur;             /* field being edited */
	int scroll;          /* first layout row shown */
	char today[11];
	struct form_items *items; /* run-time choices per field (items[i].n == 0: none) */
	/* Draft (db/drafts.h): kind and record, or draft_kind NULL for a form without drafts. */
	char *draft_kind;    /* owned */
	int64_t draft_id;
	char **drafted;      /* values last written as the draft, or NULL if none is kept; owned */
	bool draft_failed;   /* the last write failed (said once on the message line) */
	bool (*skip)(struct form *f, int field, void *ud); /* fields Tab passes over, or NULL */
	void *skip_ud;
};

/* The run-time items of a choice field and the ids chosen, kept beside the text: choice_sync
 * matches the text to the items after every change. */
struct form_items {
	char **labels;     /* n labels; owned */
	char **aliases;    /* n alias lists (、-separated, "" for none); owned */
	int64_t *item_ids; /* n ids; owned */
	int n;
	bool strict;
	int64_t *ids; /* the chosen ids, in the order of the value (FK_CHOICE: at most one); owned */
	int nids;
};

static int field_rows(const struct field_def *fd) { return fd->kind == FK_MEMO ? MEMO_ROWS : 1; }

static int field_max(const struct field_def *fd)
{
	/* The editor allows a little more than the limit so an over-long paste is visible and the
	 * check can say so; the check enforces the real limit. */
	int m = fd->max_chars ? fd->max_chars : fd->kind == FK_MEMO ? 2000 : 100;
	return m + 20;
}

struct form *form_new(const struct record_def *def, char *const *values, const char *today)
{
	struct form *f = xcalloc(1, sizeof *f);
	f->def = def;
	f->orig = record_copy_values(def, values);
	f->vals = record_copy_values(def, values);
	f->ed = xcalloc((size_t)def->nfields, sizeof *f->ed);
	f->err = xcalloc((size_t)def->nfields, sizeof(char *));
	f->note = xcalloc((size_t)def->nfields, sizeof(char *));
	f->items = xcalloc((size_t)def->nfields, sizeof *f->items);
	memcpy(f->today, today, sizeof f->today);
	for (int i = 0; i < def->nfields; i++) {
		const struct field_def *fd = &def->fields[i];
		le_init(&f->ed[i], values[i], field_max(fd), fd->kind == FK_MEMO);
		/* A field showing its default is replaced by the first character typed. */
		const char *d = fd->def && fd->kind == FK_DATE && !strcmp(fd->def, "今天") ? today : fd->def;
		f->ed[i].fresh = d && *d && !strcmp(values[i], d);
	}
	return f;
}

static void draft_write(struct form *f);

static void items_clear(struct form_items *it)
{
	str_free_array(it->labels, it->n);
	str_free_array(it->aliases, it->n);
	free(it->item_ids);
	free(it->ids);
	memset(it, 0, sizeof *it);
}

void form_free(struct form *f)
{
	if (!f)
		return;
	/* A form closed with unsaved text (the program ends, a signal, a screen below closed)
	 * keeps it as a draft; only a confirmed discard or a save forgets it. */
	draft_write(f);
	free(f->draft_kind);
	if (f->drafted)
		record_free_values(f->def, f->drafted);
	for (int i = 0; i < f->def->nfields; i++) {
		le_free(&f->ed[i]);
		free(f->err[i]);
		free(f->note[i]);
	}
	free(f->ed);
	free(f->err);
	free(f->note);
	for (int i = 0; i < f->def->nfields; i++)
		items_clear(&f->items[i]);
	free(f->items);
	record_free_values(f->def, f->orig);
	record_free_values(f->def, f->vals);
	free(f);
}

static void set_err(struct form *f, int i, const char *msg)
{
	free(f->err[i]);
	f->err[i] = msg ? xstrdup(msg) : NULL;
}

/* Copy the editor's text into vals[i]. */
static void sync_field(struct form *f, int i)
{
	free(f->vals[i]);
	f->vals[i] = le_text(&f->ed[i]);
}

/* Index of the item labelled text, preferring one whose id is among the chosen ones (so two
 * equal labels keep what was picked); -1 if none. */
static int item_index(const struct form_items *it, const char *text)
{
	int first = -1;
	for (int k = 0; k < it->n; k++)
		if (!strcmp(it->labels[k], text)) {
			for (int j = 0; j < it->nids; j++)
				if (it->ids[j] == it->item_ids[k])
					return k;
			if (first < 0)
				first = k;
		}
	return first;
}

/* The items the text of field i names: FK_MULTI split at its separators, FK_CHOICE whole
 * (trimmed). *parts: new strings (str_free_array). Returns their number. */
static int value_parts(struct form *f, int i, char ***parts)
{
	if (f->def->fields[i].kind == FK_MULTI)
		return record_multi_split(f->vals[i], parts);
	char *t = xstrdup(f->vals[i]);
	str_trim(t);
	if (!*t) {
		free(t);
		*parts = NULL;
		return 0;
	}
	*parts = xmalloc(sizeof(char *));
	(*parts)[0] = t;
	return 1;
}

/* Match the text of field i (synced) to its run-time items: the ids follow the text. */
static void choice_sync(struct form *f, int i)
{
	struct form_items *it = &f->items[i];
	char **parts;
	if (!it->n)
		return;
	int np = value_parts(f, i, &parts), nids = 0;
	int64_t *ids = xcalloc((size_t)(np ? np : 1), sizeof(int64_t));
	for (int j = 0; j < np; j++) {
		int k = item_index(it, parts[j]);
		bool seen = k < 0;
		for (int m = 0; m < nids && !seen; m++)
			seen = ids[m] == it->item_ids[k];
		if (!seen)
			ids[nids++] = it->item_ids[k];
	}
	str_free_array(parts, np);
	free(it->ids);
	it->ids = ids;
	it->nids = nids;
}

void form_set_choices(struct form *f, int field, const struct form_choice *items, int n, bool strict)
{
	struct form_items *it = &f->items[field];
	items_clear(it);
	it->labels = xcalloc((size_t)(n ? n : 1), sizeof(char *));
	it->aliases = xcalloc((size_t)(n ? n : 1), sizeof(char *));
	it->item_ids = xcalloc((size_t)(n ? n : 1), sizeof(int64_t));
	for (int k = 0; k < n; k++) {
		it->labels[k] = xstrdup(items[k].label);
		it->aliases[k] = xstrdup(items[k].aliases ? items[k].aliases : "");
		it->item_ids[k] = items[k].id;
	}
	it->n = n;
	it->strict = strict;
	sync_field(f, field);
	choice_sync(f, field);
}

void form_set_choice_ids(struct form *f, int field, const int64_t *ids, int n)
{
	struct form_items *it = &f->items[field];
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	free(it->ids);
	it->ids = xcalloc((size_t)(n ? n : 1), sizeof(int64_t));
	it->nids = 0;
	for (int j = 0; j < n; j++)
		for (int k = 0; k < it->n; k++)
			if (it->item_ids[k] == ids[j]) {
				sb_addf(&sb, "%s%s", sb.len ? RECORD_MULTI_SEP : "", it->labels[k]);
				it->ids[it->nids++] = ids[j];
				break;
			}
	char *text = sb_take(&sb);
	le_set(&f->ed[field], text);
	sync_field(f, field);
	str_set(&f->orig[field], text);
	free(text);
}

int64_t form_choice_id(struct form *f, int field)
{
	sync_field(f, field);
	choice_sync(f, field);
	return f->items[field].nids ? f->items[field].ids[0] : 0;
}

int form_choice_ids(struct form *f, int field, const int64_t **ids)
{
	sync_field(f, field);
	choice_sync(f, field);
	*ids = f->items[field].ids;
	return f->items[field].nids;
}

/* Set the text of field i (the editor, vals and the chosen ids). */
static void set_text(struct form *f, int field, const char *value)
{
	le_set(&f->ed[field], value);
	sync_field(f, field);
	choice_sync(f, field);
}

void form_set_value(struct form *f, int field, const char *value)
{
	set_text(f, field, value);
	f->ed[field].fresh = true; /* set by the program: typing replaces it */
}

void form_mark_default(struct form *f, int field) { f->ed[field].fresh = !str_empty(form_value(f, field)); }

const char *form_value(struct form *f, int field)
{
	sync_field(f, field);
	return f->vals[field];
}

int form_current(struct form *f) { return f->cur; }

static const char *const *field_items(struct form *f, int i, int *n);

/* The aliases of the run-time items of field i, or NULL. */
static const char *const *field_aliases(struct form *f, int i)
{
	return f->items[i].n ? (const char *const *)f->items[i].aliases : NULL;
}

/* True if alias is one of the 、-separated names in list. */
static bool alias_is(const char *list, const char *alias)
{
	char **v;
	int n = str_empty(list) ? 0 : record_multi_split(list, &v);
	bool ok = false;
	for (int k = 0; k < n && !ok; k++)
		ok = !strcmp(v[k], alias);
	if (n)
		str_free_array(v, n);
	return ok;
}

/* A choice field left with a partial value ("dl", "道路"), another way of writing a choice
 * (县级) or an item's alias (城管) takes the one item it means (exactly an alias or another
 * spelling; else the one matched as a substring or by pinyin initials, of the item or its
 * aliases); with none or several it stays as typed for the check. */
static void autocomplete(struct form *f, int i)
{
	int n, hit = -1, hits = 0;
	const char *const *items, *const *aliases = field_aliases(f, i);
	const struct field_def *fd = &f->def->fields[i];
	if (fd->kind != FK_CHOICE || str_empty(f->vals[i]))
		return;
	items = field_items(f, i, &n);
	const char *canon = f->items[i].n ? NULL : record_choice_value(fd, f->vals[i]);
	if (canon) {
		if (strcmp(canon, f->vals[i])) {
			le_set(&f->ed[i], canon);
			sync_field(f, i);
		}
		return;
	}
	for (int k = 0; k < n; k++) {
		if (!strcmp(items[k], f->vals[i]))
			return;
		if (aliases && alias_is(aliases[k], f->vals[i])) {
			hit = k;
			hits = 1;
			break;
		}
		if (dialog_match_aliases(items[k], aliases ? aliases[k] : NULL, f->vals[i])) {
			hit = k;
			hits++;
		}
	}
	if (hits == 1) {
		le_set(&f->ed[i], items[hit]);
		sync_field(f, i);
	}
}

/* The value of a strict run-time choice field must be made of its items (synced). */
static const char *check_items(struct form *f, int i)
{
	const struct form_items *it = &f->items[i];
	char **parts, *msg = NULL;
	if (!it->strict || str_empty(f->vals[i]))
		return NULL;
	int np = value_parts(f, i, &parts);
	for (int j = 0; j < np && !msg; j++)
		if (item_index(it, parts[j]) < 0)
			msg = np > 1 || f->def->fields[i].kind == FK_MULTI
				? xasprintf("「%s」不在列表中，请按 %s 从列表中选择", parts[j],
					    keys_first_name(ACT_PICK))
				: xasprintf("请按 %s 从列表中选择", keys_first_name(ACT_PICK));
	str_free_array(parts, np);
	if (!msg)
		return NULL;
	const char *m = str_intern(msg);
	free(msg);
	return m;
}

/* Check field i as the clerk leaves it; a normalised value (a date) goes back into the editor. */
static void check_field(struct form *f, int i)
{
	sync_field(f, i);
	autocomplete(f, i);
	choice_sync(f, i);
	const struct field_def *fd = &f->def->fields[i];
	/* Empty required fields are only flagged on save, not while moving through the form. */
	if (str_empty(f->vals[i]) && fd->required) {
		set_err(f, i, NULL);
		return;
	}
	const char *msg = record_check_field(fd, &f->vals[i], f->today);
	if (!msg)
		msg = check_items(f, i);
	set_err(f, i, msg);
	if (msg)
		app_message(MSG_ERROR, "%s：%s", fd->label, msg);
	else {
		char *now = le_text(&f->ed[i]);
		if (strcmp(now, f->vals[i]))
			le_set(&f->ed[i], f->vals[i]);
		free(now);
	}
}

/* ---- drafts ---- */

/* Forget the draft (after a save or a confirmed discard). */
static void draft_drop(struct form *f)
{
	if (!f->draft_kind)
		return;
	char *err = NULL;
	if (db_drafts_drop(app->db, f->draft_kind, f->draft_id, &err) < 0)
		free(err); /* a stale draft is only offered again, never saved by itself */
	if (f->drafted)
		record_free_values(f->def, f->drafted);
	f->drafted = NULL;
}

/* Keep the current values as the draft if they differ from the saved ones (and from the draft
 * already written); a form back to its saved values drops the draft. */
static void draft_write(struct form *f)
{
	if (!f->draft_kind)
		return;
	if (!form_dirty(f)) {
		if (f->drafted)
			draft_drop(f);
		return;
	}
	if (f->drafted && !record_values_differ(f->def, f->drafted, f->vals))
		return;
	const char **cols = xcalloc((size_t)f->def->nfields, sizeof(char *));
	for (int i = 0; i < f->def->nfields; i++)
		cols[i] = f->def->fields[i].col;
	char *err = NULL;
	int rc = db_drafts_put(app->db, f->draft_kind, f->draft_id, cols, (const char *const *)f->vals,
			       f->def->nfields, f->def->fields[f->cur].col, &err);
	free(cols);
	if (rc < 0) {
		if (!f->draft_failed && !app_stopping())
			app_message(MSG_ERROR, "草稿没有存上（%s）；请尽快按 %s 保存", err, keys_first_name(ACT_SAVE));
		f->draft_failed = true;
		free(err);
		return;
	}
	f->draft_failed = false;
	if (f->drafted)
		record_free_values(f->def, f->drafted);
	f->drafted = record_copy_values(f->def, f->vals);
}

bool form_set_draft(struct form *f, const char *kind, int64_t record_id)
{
	struct db_draft d;
	char *err = NULL;
	free(f->draft_kind);
	f->draft_kind = xstrdup(kind);
	f->draft_id = record_id;
	int found = db_drafts_get(app->db, kind, record_id, &d, &err);
	if (found <= 0) {
		free(err);
		return false;
	}
	/* Fill a copy of the values by column; a column the form no longer has is ignored. */
	char **vals = record_copy_values(f->def, f->vals);
	int field = -1;
	for (int k = 0; k < d.n; k++) {
		int i = record_field_index(f->def, d.cols[k]);
		if (i >= 0)
			str_set(&vals[i], d.vals[k]);
	}
	if (d.field)
		field = record_field_index(f->def, d.field);
	bool restored = false;
	if (!record_values_differ(f->def, vals, f->vals)) {
		draft_drop(f); /* nothing in it that the form does not show already */
	} else {
		char *q = xasprintf("这张表单有没保存的草稿（%s 记下），恢复吗？", d.updated_at);
		restored = dialog_confirm(q, "Y 恢复草稿（恢复后仍要按保存键才入账）   N 丢弃草稿");
		free(q);
		if (restored) {
			for (int i = 0; i < f->def->nfields; i++)
				set_text(f, i, vals[i]);
			if (field >= 0)
				f->cur = field;
			f->drafted = record_copy_values(f->def, f->vals);
			app_message(MSG_INFO, "已恢复草稿：请检查后按 %s 保存", keys_first_name(ACT_SAVE));
		} else if (!app_stopping())
			draft_drop(f);
	}
	record_free_values(f->def, vals);
	db_draft_free(&d);
	return restored;
}

void form_set_skip(struct form *f, bool (*skip)(struct form *f, int field, void *ud), void *ud)
{
	f->skip = skip;
	f->skip_ud = ud;
}

void form_focus(struct form *f, int field)
{
	if (field >= 0 && field < f->def->nfields)
		f->cur = field;
}

static void move_to(struct form *f, int field)
{
	check_field(f, f->cur);
	draft_write(f);
	/* A refused value keeps the cursor where it can be mended (F4 works there, not on the next
	 * field); check_field has said why on the message line. */
	if (f->err[f->cur])
		return;
	int step = field < f->cur ? -1 : 1, n = f->def->nfields;
	if (field < 0)
		field = n - 1;
	if (field >= n)
		field = 0;
	/* Pass over the fields that do not apply now (at most once round the form). */
	for (int k = 0; k < n && f->skip && field != f->cur && f->skip(f, field, f->skip_ud); k++)
		field = (field + step + n) % n;
	f->cur = field;
	f->ed[field].cur = f->ed[field].len;
}

bool form_dirty(struct form *f)
{
	for (int i = 0; i < f->def->nfields; i++)
		sync_field(f, i);
	return record_values_differ(f->def, f->orig, f->vals);
}

char *const *form_values(struct form *f) { return f->vals; }

void form_set_error(struct form *f, int field, const char *msg)
{
	if (field >= 0 && field < f->def->nfields) {
		set_err(f, field, msg);
		f->cur = field;
	}
}

void form_set_note(struct form *f, int field, const char *note)
{
	if (field >= 0 && field < f->def->nfields) {
		free(f->note[field]);
		f->note[field] = note && *note ? xstrdup(note) : NULL;
	}
}

void form_mark_saved(struct form *f)
{
	record_free_values(f->def, f->orig);
	f->orig = record_copy_values(f->def, f->vals);
	draft_drop(f);
}

/* Check everything. Returns the number of bad fields and moves to the first. */
static int check_all(struct form *f)
{
	const char **msgs = xcalloc((size_t)f->def->nfields, sizeof(char *));
	for (int i = 0; i < f->def->nfields; i++) {
		sync_field(f, i);
		autocomplete(f, i);
		choice_sync(f, i);
	}
	int bad = record_check(f->def, f->vals, f->today, msgs);
	for (int i = 0; i < f->def->nfields; i++)
		if (!msgs[i] && (msgs[i] = check_items(f, i)))
			bad++;
	int first = -1;
	for (int i = 0; i < f->def->nfields; i++) {
		set_err(f, i, msgs[i]);
		if (msgs[i] && first < 0)
			first = i;
		if (!msgs[i]) { /* show normalised values */
			char *now = le_text(&f->ed[i]);
			if (strcmp(now, f->vals[i]))
				le_set(&f->ed[i], f->vals[i]);
			free(now);
		}
	}
	free(msgs);
	if (first >= 0)
		f->cur = first;
	return bad;
}

/* The items of field i: run-time ones if set, else the static choices. */
static const char *const *field_items(struct form *f, int i, int *n)
{
	if (f->items[i].n) {
		*n = f->items[i].n;
		return (const char *const *)f->items[i].labels;
	}
	const struct field_def *fd = &f->def->fields[i];
	*n = 0;
	while (fd->choices && fd->choices[*n])
		(*n)++;
	return fd->choices;
}

/* Add id to the chosen ids (multi), or make it the only one; choice_sync then keeps it for its
 * label. */
static void choose_id(struct form_items *it, int64_t id, bool multi)
{
	if (!multi)
		it->nids = 0;
	for (int j = 0; j < it->nids; j++)
		if (it->ids[j] == id)
			return;
	it->ids = xrealloc(it->ids, sizeof(int64_t) * (size_t)(it->nids + 1));
	it->ids[it->nids++] = id;
}

/* Multi field: mark the items in the current value, let the clerk pick, join them back. */
static void open_multi(struct form *f, const char *initial)
{
	int n;
	const char *const *items = field_items(f, f->cur, &n);
	if (!n) {
		app_message(MSG_ERROR, "%s：没有可选的项目", f->def->fields[f->cur].label);
		return;
	}
	bool *sel = xcalloc((size_t)n, sizeof(bool));
	sync_field(f, f->cur);
	char **cur;
	int ncur = record_multi_split(f->vals[f->cur], &cur);
	for (int j = 0; j < ncur; j++)
		for (int k = 0; k < n; k++)
			if (!strcmp(items[k], cur[j]))
				sel[k] = true;
	if (dialog_multipick(f->def->fields[f->cur].label, items, n, sel, initial)) {
		struct strbuf sb;
		sb_init(&sb);
		/* Items of the value that the list does not offer stay: the clerk did not remove them. */
		for (int j = 0; j < ncur; j++) {
			bool listed = false;
			for (int k = 0; k < n && !listed; k++)
				listed = !strcmp(items[k], cur[j]);
			if (!listed)
				sb_addf(&sb, "%s%s", sb.len ? RECORD_MULTI_SEP : "", cur[j]);
		}
		struct form_items *it = &f->items[f->cur];
		for (int k = 0; k < n; k++)
			if (sel[k]) {
				if (sb.len)
					sb_add(&sb, RECORD_MULTI_SEP);
				sb_add(&sb, items[k]);
				if (it->n) /* run-time items: the picked ones are the ids chosen */
					choose_id(it, it->item_ids[k], true);
			}
		char *joined = sb_take(&sb);
		le_set(&f->ed[f->cur], joined);
		free(joined);
		check_field(f, f->cur);
	}
	str_free_array(cur, ncur);
	free(sel);
}

static void open_pick(struct form *f)
{
	const struct field_def *fd = &f->def->fields[f->cur];
	int n;
	const char *const *items = field_items(f, f->cur, &n);
	if (fd->kind == FK_MULTI) {
		open_multi(f, "");
		return;
	}
	if (fd->kind != FK_CHOICE || !n)
		return;
	sync_field(f, f->cur);
	int i = dialog_pick_aliases(fd->label, items, field_aliases(f, f->cur), n, f->vals[f->cur]);
	if (i >= 0) {
		if (f->items[f->cur].n)
			choose_id(&f->items[f->cur], f->items[f->cur].item_ids[i], false);
		le_set(&f->ed[f->cur], items[i]);
		check_field(f, f->cur);
	}
}

/* Is the current text of a choice field exactly one of its choices? */
static bool choice_complete(struct form *f)
{
	const struct field_def *fd = &f->def->fields[f->cur];
	int n;
	const char *const *items = field_items(f, f->cur, &n);
	sync_field(f, f->cur);
	if (str_empty(f->vals[f->cur]))
		return !fd->required;
	for (int k = 0; k < n; k++)
		if (!strcmp(items[k], f->vals[f->cur]))
			return true;
	if (!f->items[f->cur].n && record_choice_value(fd, f->vals[f->cur]))
		return true; /* another way of writing a choice (县级): the check stores the choice */
	return fd->choice_open && !(f->items[f->cur].n && f->items[f->cur].strict);
}

static const enum action form_actions[] = { ACT_SAVE,       ACT_BACK, ACT_QUIT, ACT_PICK, ACT_NEXT_FIELD,
					    ACT_PREV_FIELD, ACT_PGUP, ACT_PGDN, ACT_NONE };

/* The form's actions (save, back, quit, pick, moves). Returns FORM_IGNORED for any other. */
static enum form_result form_action(struct form *f, enum action a)
{
	int bad;
	switch (a) {
	case ACT_SAVE:
		draft_write(f); /* kept until the save has gone through (form_mark_saved) */
		if ((bad = check_all(f))) {
			app_message(MSG_ERROR, "有 %d 处需要修改。%s：%s", bad, f->def->fields[f->cur].label,
				    f->err[f->cur] ? f->err[f->cur] : "");
			return FORM_USED;
		}
		return FORM_SAVE;
	case ACT_BACK:
	case ACT_QUIT:
		if (form_dirty(f) &&
		    !dialog_confirm("放弃未保存的修改吗？", "选 N 回到表单继续编辑，已输入的内容都还在"))
			return FORM_USED;
		/* Confirmed (or nothing changed): the typed text is given up, draft and all; the form
		 * keeps no draft from now on (it is being closed). */
		draft_drop(f);
		free(f->draft_kind);
		f->draft_kind = NULL;
		return a == ACT_QUIT ? FORM_QUIT : FORM_CANCEL;
	case ACT_PICK:
		open_pick(f);
		return FORM_USED;
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
	case ACT_PGUP:
	case ACT_PGDN:
		move_to(f, a == ACT_NEXT_FIELD	 ? f->cur + 1
			   : a == ACT_PREV_FIELD ? f->cur - 1
			   : a == ACT_PGUP	 ? 0
						 : f->def->nfields - 1);
		return FORM_USED;
	default:
		return FORM_IGNORED;
	}
}

/* A multi field's value changes only through its pick list: Enter (when empty and required) or
 * a letter opens it (the letter starts its filter), Backspace drops the last item. */
static enum form_result form_multi_key(struct form *f, struct keypress k, bool enter)
{
	struct lineedit *ed = &f->ed[f->cur];
	if (!k.fkey && k.ch > ' ' && k.ch != 127) {
		char first[8];
		utf8_encode((wchar_t)k.ch, first);
		open_multi(f, first);
		return FORM_USED;
	}
	if ((k.fkey && k.ch == KEY_BACKSPACE) || (!k.fkey && (k.ch == 127 || k.ch == 8))) {
		sync_field(f, f->cur);
		char *v = f->vals[f->cur];
		char *last = NULL;
		for (char *p = strstr(v, RECORD_MULTI_SEP); p; p = strstr(p + 1, RECORD_MULTI_SEP))
			last = p;
		if (last)
			*last = '\0';
		else
			*v = '\0';
		le_set(ed, v);
		return FORM_USED;
	}
	if (enter && str_empty(form_value(f, f->cur)) && f->def->fields[f->cur].required) {
		open_multi(f, "");
		return FORM_USED;
	}
	return FORM_IGNORED;
}

enum form_result form_key(struct form *f, struct keypress k)
{
	const struct field_def *fd = &f->def->fields[f->cur];
	struct lineedit *ed = &f->ed[f->cur];
	/* A pasted newline is text (a space in a one-line field), never Enter. */
	bool enter = !k.pasted && ((!k.fkey && (k.ch == '\r' || k.ch == '\n')) || (k.fkey && k.ch == KEY_ENTER));
	enum action a = keys_lookup(k, form_actions);
	enum form_result r;

	/* In a multi-line field Up/Down would be lost; they still move between fields, and Enter
	 * is a newline (Tab leaves the field). While pasting, every key is text. */
	if (ed->pasting || (fd->kind == FK_MEMO && enter))
		a = ACT_NONE;
	if (a != ACT_NONE && (r = form_action(f, a)) != FORM_IGNORED)
		return r;
	if (fd->kind == FK_MULTI && !ed->pasting && (r = form_multi_key(f, k, enter)) != FORM_IGNORED)
		return r;
	if (enter) {
		if (fd->kind == FK_CHOICE && !choice_complete(f)) {
			open_pick(f);
			if (!choice_complete(f))
				return FORM_USED;
		}
		move_to(f, f->cur + 1);
		return FORM_USED;
	}
	if (le_key(ed, k)) {
		set_err(f, f->cur, NULL);
		/* A paste reports what it dropped once, when it ends. */
		const char *notice = ed->pasting ? NULL : le_take_notice(ed);
		if (notice)
			app_message(MSG_ERROR, "%s：%s", fd->label, notice);
		return FORM_USED;
	}
	return FORM_IGNORED;
}

const struct binding form_bindings[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_SAVE },
	{ .action = ACT_PICK },
	{ .action = ACT_NEXT_FIELD },
	{ .action = ACT_BACK },
	{ .action = ACT_PREV_FIELD, .hidden = true },
	{ .action = ACT_PGUP, .hidden = true },
	{ .action = ACT_PGDN, .hidden = true },
	{ .action = ACT_QUIT, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page form_help = {
	.id = "form",
	.title = "表单（新增、修改）",
	.note = "Tab 到下一项，F4 打开选项列表，F2 保存。出错时说明显示在该项右侧"
		 "，光标停在出错的项上，已输入的内容不会丢失；离开每一项都自动"
		 "存草稿。",
	.keys = form_bindings,
	.flags = 0,
};

int form_screen_key(struct form *f, struct keypress k, int (*save)(void *ud), void *ud)
{
	switch (form_key(f, k)) {
	case FORM_SAVE:
		return save(ud);
	case FORM_CANCEL:
		return UI_POP;
	case FORM_QUIT:
		return UI_QUIT;
	default:
		return UI_REDRAW;
	}
}

/* Layout row of each field (memo fields take MEMO_ROWS). */
static int field_row(struct form *f, int i)
{
	int r = 0;
	for (int j = 0; j < i; j++)
		r += field_rows(&f->def->fields[j]);
	return r;
}

void form_draw(struct form *f, int top, int height, int width, int *cursor_y, int *cursor_x)
{
	int label_w = 0;
	for (int i = 0; i < f->def->nfields; i++) {
		int w = text_width(f->def->fields[i].label) + 2;
		if (w > label_w)
			label_w = w;
	}
	int input_x = 2 + label_w + 1;
	int input_w = width >= 100 ? 44 : width - input_x - 24;
	if (input_w < 16)
		input_w = 16;
	int err_x = input_x + input_w + 2;
	int err_w = width - err_x - 1;

	/* Keep the current field on screen. */
	int rows = height - 1;
	int cur_top = field_row(f, f->cur), cur_h = field_rows(&f->def->fields[f->cur]);
	if (cur_top < f->scroll)
		f->scroll = cur_top;
	if (cur_top + cur_h > f->scroll + rows)
		f->scroll = cur_top + cur_h - rows;

	for (int i = 0; i < f->def->nfields; i++) {
		const struct field_def *fd = &f->def->fields[i];
		int y = top + 1 + field_row(f, i) - f->scroll;
		int h = field_rows(fd);
		if (y < top + 1 || y + h > top + height)
			continue;
		char *label = xasprintf("%s%s", fd->required ? "*" : "", fd->label);
		ui_text(y, 2, label_w, label, ALIGN_RIGHT, i == f->cur ? ROLE_HEADER : ROLE_NORMAL);
		free(label);
		int attr = ui_attr(i == f->cur ? ROLE_FOCUS : ROLE_FIELD);
		int *cy = i == f->cur ? cursor_y : NULL;
		if (fd->kind == FK_MEMO)
			le_draw_wrapped(&f->ed[i], y, input_x, input_w, h, attr, cy, cursor_x);
		else
			le_draw(&f->ed[i], y, input_x, input_w, attr, cy, cursor_x);
		if ((fd->kind == FK_CHOICE || fd->kind == FK_MULTI) && i == f->cur && input_x + input_w < width)
			ui_text(y, input_x + input_w, 2, "v", ALIGN_LEFT, ROLE_DIM);
		if (!f->err[i] && f->note[i] && err_w > 4)
			ui_text(y, err_x, err_w, f->note[i], ALIGN_LEFT, ROLE_INFO);
		if (f->err[i] && err_w > 4) {
			/* Beside the field; a long message wraps over the rows of a memo field, and the
			 * whole of it is on the message line too (see check_field). */
			char **lines;
			int n = text_wrap(f->err[i], err_w, &lines);
			for (int l = 0; l < n; l++) {
				if (l < h)
					ui_text(y + l, err_x, err_w, lines[l], ALIGN_LEFT, ROLE_ERROR);
				free(lines[l]);
			}
			free(lines);
		}
	}
}
