/* 代表建议办理簿.
 *
 * The list pages through db_suggestions_page(), newest first; typing filters (title, content,
 * number, the lead deputy's name or pinyin) and F5 cycles 全部/超期/已提出/办理中/已答复/办结.
 * F3 opens the form of a new suggestion (saved, it opens the suggestion's screen), Enter the
 * screen of the selected one: its fields, co-sponsors, the cases it came from with their state,
 * where the handling stands and whether it is overdue. There F5 offers only the actions allowed
 * now (suggestion_allowed) — 交办, 延期, 答复, 办结 — each a small form built here at run time;
 * the core decides (suggestion_apply through db_suggestions_act) and a refusal is shown at the
 * form's field, the form keeping what was typed. F4 edits the fields: the description at any
 * time, the handling fields (承办单位 ... 满意度) only once their action has written them.
 *
 * Pick lists are loaded when a form opens and handed to it (ui/choices.h): deputies (labelled by
 * deputy_labels; 离任 ones too when editing), units, and for 关联案件 the open cases
 * (受理/办理中/已答复, newest first, at most SUGUI_CASE_ITEMS of each) plus the ones already
 * linked — never the whole register of cases. The form's choice fields hold ids, and the save
 * passes them (struct suggestion_ids). */
#include "ui/suggestions.h"

#include "core/clock.h"
#include "core/suggestion.h"
#include "core/text.h"
#include "core/util.h"
#include "db/cases.h"
#include "db/suggestions.h"
#include "ui/app.h"
#include "ui/cases.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most open cases of each status offered in 关联案件's pick list. */
#define SUGUI_CASE_ITEMS 200
/* Linked cases listed on a suggestion's screen (a suggestion links at most 50). */
#define SUGUI_MAX_CASES SUGGESTION_MAX_CASES

/* ---- small helpers ---- */

/* A growable array of owned strings. */
struct sugui_strs {
	char **v;
	int n;
};

static bool sugui_strs_has(const struct sugui_strs *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return true;
	return false;
}

/* Append a copy of s unless it is empty or already there. */
static void sugui_strs_add(struct sugui_strs *l, const char *s)
{
	if (str_empty(s) || sugui_strs_has(l, s))
		return;
	l->v = xrealloc(l->v, sizeof(char *) * (size_t)(l->n + 1));
	l->v[l->n++] = xstrdup(s);
}

/* Append the items of a multi value ("李四、王五"). */
static void sugui_strs_add_multi(struct sugui_strs *l, const char *joined)
{
	char **items;
	int n = record_multi_split(joined, &items);
	for (int i = 0; i < n; i++)
		sugui_strs_add(l, items[i]);
	str_free_array(items, n);
}

static void sugui_strs_free(struct sugui_strs *l)
{
	str_free_array(l->v, l->n);
	l->v = NULL;
	l->n = 0;
}

/* The field a refusal is about: the one whose word occurs first in msg ("办理时限不能早于交办
 * 日期" is about 办理时限), or -1. words[i] may be NULL. */
static int sugui_field_of(const char *const *words, int n, const char *msg)
{
	const char *at = NULL;
	int best = -1;
	for (int i = 0; msg && i < n; i++) {
		const char *p = str_empty(words[i]) ? NULL : strstr(msg, words[i]);
		if (p && (!at || p < at)) {
			at = p;
			best = i;
		}
	}
	return best;
}

/* Calendar days from a to b (b - a); 0 when either is not a date. */
static int sugui_days(const char *a, const char *b)
{
	int64_t x = date_to_days(a), y = date_to_days(b);
	return x < 0 || y < 0 ? 0 : (int)(y - x);
}

/* "B 正在解决" for a stored "B"; anything else as it is. Borrowed. */
static const char *sugui_result_item(const char *code)
{
	for (int i = 0; suggestion_result_codes[i]; i++)
		if (!strcmp(code, suggestion_result_codes[i]))
			return suggestion_result_choices[i];
	return code;
}

/* ---- the list ---- */

static const char *const sug_filters[] = { "全部", "超期", "已提出", "办理中", "已答复", "办结", NULL };

/* sort_key: a suggestion field or enum suggestion_extra (db_suggestions_page's sort_col).
 * The title takes what is left and comes last: the widget shrinks the last column first when
 * the row is too wide, and titles ("关于...的建议") are the longest cells. */
static const struct list_col sug_cols[] = {
	{ "编号", 6, 12, ALIGN_LEFT, SUG_NO },       { "提出日期", 10, 10, ALIGN_LEFT, SUG_DATE },
	{ "领衔代表", 8, 10, ALIGN_LEFT, SUG_LEAD }, { "类别", 8, 8, ALIGN_LEFT, SUG_CATEGORY },
	{ "承办单位", 8, 12, ALIGN_LEFT, SUG_UNIT }, { "状态", 6, 6, ALIGN_LEFT, SUG_X_STATUS },
	{ "办理时限", 10, 10, ALIGN_LEFT, SUG_DUE }, { "提示", 8, 10, ALIGN_LEFT, -1 },
	{ "标题", 12, 0, ALIGN_LEFT, SUG_TITLE },
};
#define SUG_COL_DATE 1 /* the column sorted by at first (newest first) */

struct suglist {
	struct list *list;
	int filter;      /* index into sug_filters */
	int64_t open_id; /* a suggestion just created: open its screen when the form closes */
};

static void suglist_filter(const struct suglist *s, const char *text, struct suggestion_filter *f)
{
	const char *fl = sug_filters[s->filter];
	memset(f, 0, sizeof *f);
	f->text = text;
	f->today = app->today;
	if (!strcmp(fl, "超期"))
		f->overdue = true;
	else if (strcmp(fl, "全部"))
		f->status = fl;
}

static int suglist_count(void *ctx, const char *text, int64_t *n, char **err)
{
	struct suggestion_filter f;
	suglist_filter(ctx, text, &f);
	return db_suggestions_count(app->db, &f, n, err);
}

/* The 提示 column: 超期 N 天, else the next step (待交办, 待答复 or 延期N次, 待办结). */
static char *sug_hint(const char *const *v)
{
	int st = suggestion_status_parse(v[SUG_X_STATUS]);
	if (*v[SUG_X_OVERDUE])
		return xasprintf("超期 %d 天", sugui_days(v[SUG_DUE], app->today));
	if (st == SS_HANDLING && atoi(v[SUG_X_EXTENSIONS]) > 0)
		return xasprintf("延期%s次", v[SUG_X_EXTENSIONS]);
	return xstrdup(st >= 0 && st != SS_CLOSED ? suggestion_next_step((enum suggestion_status)st) : "");
}

static int suglist_row(void *ud, int64_t id, const char *const *v)
{
	char *hint = sug_hint(v);
	const char *cells[] = { v[SUG_NO],       v[SUG_DATE], v[SUG_LEAD], v[SUG_CATEGORY], v[SUG_UNIT],
				v[SUG_X_STATUS], v[SUG_DUE],  hint,        v[SUG_TITLE] };
	list_page_add(ud, (int)ARRAY_LEN(sug_cols), id, cells);
	free(hint);
	return 0;
}

static int suglist_fetch(void *ctx, const char *text, int sort_key, bool desc, int64_t offset, int limit,
			 struct list_page *page, char **err)
{
	struct suggestion_filter f;
	suglist_filter(ctx, text, &f);
	return db_suggestions_page(app->db, &f, sort_key, desc, offset, limit, suglist_row, page, err);
}

static void suglist_status(struct suglist *s)
{
	char *st = xasprintf("范围：%s", sug_filters[s->filter]);
	list_set_status(s->list, st);
	free(st);
}

static void suglist_draw(struct screen *sc, int top, int height, int width)
{
	struct suglist *s = sc->data;
	list_draw(s->list, top, height, width, &sc->cur_y, &sc->cur_x);
}

/* Ask, then delete (soft: the station head can restore it). Returns true if deleted. */
static bool sug_delete(int64_t id)
{
	char **vals = NULL, *err = NULL;
	bool done = false;
	if (db_suggestions_get_values(app->db, id, &vals, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return false;
	}
	char *q = xasprintf("删除代表建议《%s》吗？", vals[SUG_TITLE]);
	if (dialog_confirm(q, "删除后不再出现在列表和案件中，站长可以恢复")) {
		if (db_suggestions_delete(app->db, id, &err) < 0) {
			app_message(MSG_ERROR, "没有删除：%s", err);
			free(err);
		} else {
			app_message(MSG_INFO, "已删除代表建议《%s》", vals[SUG_TITLE]);
			done = true;
		}
	}
	free(q);
	record_free_values(&suggestion_def, vals);
	return done;
}

static void sugform_push(int64_t id, int64_t *open_after);

static const enum action suglist_actions[] = { ACT_NEW,    ACT_OPEN, ACT_EDIT, ACT_FILTER,
					       ACT_DELETE, ACT_BACK, ACT_QUIT, ACT_NONE };

static int suglist_key(struct screen *sc, struct keypress k)
{
	struct suglist *s = sc->data;
	int64_t id = list_selected(s->list);
	switch (keys_lookup(k, suglist_actions)) {
	case ACT_NEW:
		sugform_push(0, &s->open_id);
		break;
	case ACT_OPEN:
		if (id >= 0)
			suggestion_push(id);
		break;
	case ACT_EDIT:
		if (id >= 0)
			sugform_push(id, NULL);
		break;
	case ACT_FILTER:
		s->filter = sug_filters[s->filter + 1] ? s->filter + 1 : 0;
		suglist_status(s);
		list_reload(s->list);
		break;
	case ACT_DELETE:
		if (id >= 0 && sug_delete(id))
			list_reload(s->list);
		break;
	case ACT_BACK:
		if (*list_filter(s->list)) { /* Esc first clears the filter */
			list_set_filter(s->list, "");
			break;
		}
		return UI_POP;
	case ACT_QUIT:
		return UI_QUIT;
	default:
		list_key(s->list, k);
	}
	return UI_REDRAW;
}

static void suglist_reload(struct screen *sc)
{
	struct suglist *s = sc->data;
	list_reload(s->list);
	if (s->open_id > 0) {
		int64_t id = s->open_id;
		s->open_id = 0;
		suggestion_push(id);
	}
}

static void suglist_fini(struct screen *sc)
{
	struct suglist *s = sc->data;
	list_free(s->list);
	free(s);
}

static const struct screen_ops suglist_ops = {
	.name = "suggestions",
	.draw = suglist_draw,
	.key = suglist_key,
	.reload = suglist_reload,
	.fini = suglist_fini,
};

static const enum action suglist_bar[] = { ACT_HELP,   ACT_NEW,  ACT_OPEN,    ACT_EDIT, ACT_FILTER,
					   ACT_DELETE, ACT_SORT, ACT_REVERSE, ACT_BACK, ACT_NONE };

void suggestions_push(void)
{
	struct screen *sc = screen_new(&suglist_ops, app->cfg->titles[REG_SUGGESTIONS], suglist_bar);
	struct suglist *s = xcalloc(1, sizeof *s);
	struct list_source *src = xmalloc(sizeof *src);
	*src = (struct list_source){ .cols = sug_cols,
				     .ncols = (int)ARRAY_LEN(sug_cols),
				     .ctx = s,
				     .count = suglist_count,
				     .fetch = suglist_fetch };
	s->list = list_new(src, SUG_COL_DATE);
	list_own_source(s->list, src);
	/* Newest first: the date column, reversed (the key is the widget's own, as the clerk's). */
	list_key(s->list, keys_binding(ACT_REVERSE)->keys[0]);
	suglist_status(s);
	sc->data = s;
	app_push(sc);
}

/* ---- the form of a suggestion ---- */

/* The fields in the order the form shows them: the description, then the handling fields. */
static const int sugform_order[] = { SUG_TITLE,      SUG_LEAD,  SUG_COSPONSORS, SUG_CATEGORY,    SUG_DATE,
				     SUG_CASES,      SUG_NO,    SUG_CONTENT,    SUG_UNIT,        SUG_DUE,
				     SUG_REPLY_DATE, SUG_REPLY, SUG_RESULT,     SUG_SATISFACTION };

/* The status whose action writes a field (SS_RAISED: the form's own fields). The form shows a
 * handling field only from that status on, and then it is required. */
static enum suggestion_status sugform_stage(int field)
{
	switch (field) {
	case SUG_UNIT:
	case SUG_DUE:
		return SS_HANDLING;
	case SUG_REPLY_DATE:
	case SUG_REPLY:
	case SUG_RESULT:
		return SS_REPLIED;
	case SUG_SATISFACTION:
		return SS_CLOSED;
	default:
		return SS_RAISED;
	}
}

struct sugform {
	int64_t id;                 /* 0: a new suggestion */
	struct suggestion_state st; /* as loaded (status 已提出 for a new one) */
	char **full;                /* SUG_NFIELDS values as loaded; hidden ones are kept; owned */
	struct field_def fields[SUG_NFIELDS];
	const char *labels[SUG_NFIELDS]; /* each form field's label, to place refusals */
	int map[SUG_NFIELDS];            /* the suggestion field of each form field */
	int nf;
	struct record_def def;
	struct form *form;
	struct suggestion_info info;          /* as loaded, with the ids of its links (id 0: empty) */
	int64_t *open_after;                  /* a new one: where the list wants the id, or NULL */
};

/* Form index of suggestion field f, or -1 when the form does not show it. */
static int sugform_index(const struct sugform *s, int f)
{
	for (int i = 0; i < s->nf; i++)
		if (s->map[i] == f)
			return i;
	return -1;
}

static void sugform_build(struct sugform *s)
{
	int n = 0;
	for (size_t k = 0; k < ARRAY_LEN(sugform_order); k++) {
		int f = sugform_order[k];
		if (sugform_stage(f) > s->st.status)
			continue;
		struct field_def fd = suggestion_def.fields[f];
		if (sugform_stage(f) != SS_RAISED)
			fd.required = true;
		if (f == SUG_RESULT)
			fd.choices = suggestion_result_choices; /* the check turns them into letters */
		s->fields[n] = fd;
		s->labels[n] = fd.label;
		s->map[n++] = f;
	}
	s->nf = n;
	s->def = (struct record_def){
		.table = suggestion_def.table, .title = suggestion_def.title, .fields = s->fields, .nfields = n
	};
}

static int sugform_add_case(void *ud, const struct case_row *r)
{
	choices_add(ud, r->id, r->case_no);
	return 0;
}

/* Newest case numbers first. */
static int sugform_case_cmp(const void *a, const void *b)
{
	return strcmp(((const struct form_choice *)b)->label, ((const struct form_choice *)a)->label);
}

/* Give the form its pick lists, and its choice fields the records the suggestion links:
 * deputies (those who left too when editing, and those already named even if deleted since),
 * units (and the one it has), open cases and those already linked. */
static void sugform_items(struct sugform *s)
{
	static const char *const open[] = { "受理", "办理中", "已答复" };
	const struct suggestion_info *in = &s->info;
	struct choice_list deps = { 0 }, units = { 0 }, cases = { 0 };
	char *err = NULL, **nos;
	int64_t *keep = xcalloc((size_t)in->ncosponsors + 1, sizeof(int64_t));
	int nkeep = 0, lead = sugform_index(s, SUG_LEAD), unit = sugform_index(s, SUG_UNIT);
	if (in->lead_id)
		keep[nkeep++] = in->lead_id;
	for (int i = 0; i < in->ncosponsors; i++)
		keep[nkeep++] = in->cosponsor_ids[i];
	if (choices_deputies(s->id != 0, keep, nkeep, &deps, &err) == 0)
		choices_units(&units, &err);
	choices_add(&units, in->state.unit_id, s->full[SUG_UNIT]);
	for (size_t i = 0; i < ARRAY_LEN(open) && !err; i++) {
		struct case_filter f = {
			.status = open[i], .cal = app->cal, .today = app->today, .soon_days = app->cfg->due_soon_days
		};
		db_cases_page(app->db, &f, CASE_SORT_RECEIVED, true, 0, SUGUI_CASE_ITEMS, sugform_add_case, &cases,
			      &err);
	}
	/* The linked cases: their numbers come in the order of their ids. */
	int nnos = record_multi_split(s->full[SUG_CASES], &nos);
	for (int i = 0; i < in->ncases && i < nnos; i++)
		choices_add(&cases, in->case_ids[i], nos[i]);
	str_free_array(nos, nnos);
	if (cases.n > 1)
		qsort(cases.v, (size_t)cases.n, sizeof *cases.v, sugform_case_cmp);
	if (err) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	form_set_choices(s->form, lead, deps.v, deps.n, true);
	form_set_choices(s->form, sugform_index(s, SUG_COSPONSORS), deps.v, deps.n, true);
	form_set_choices(s->form, sugform_index(s, SUG_CASES), cases.v, cases.n, true);
	form_set_choice_ids(s->form, lead, &in->lead_id, in->lead_id ? 1 : 0);
	form_set_choice_ids(s->form, sugform_index(s, SUG_COSPONSORS), in->cosponsor_ids, in->ncosponsors);
	form_set_choice_ids(s->form, sugform_index(s, SUG_CASES), in->case_ids, in->ncases);
	if (unit >= 0) {
		form_set_choices(s->form, unit, units.v, units.n, true);
		form_set_choice_ids(s->form, unit, &in->state.unit_id, in->state.unit_id ? 1 : 0);
	}
	choices_free(&deps);
	choices_free(&units);
	choices_free(&cases);
	free(keep);
}

/* Show the messages of a failed check at their fields (the first one gets the cursor). */
static void sugform_show(struct sugform *s, const char **msgs)
{
	int bad = 0, first = -1, hidden = -1;
	for (int f = 0; f < SUG_NFIELDS; f++)
		if (msgs[f]) {
			bad++;
			if (sugform_index(s, f) < 0 && hidden < 0)
				hidden = f;
		}
	for (int i = s->nf - 1; i >= 0; i--)
		if (msgs[s->map[i]]) {
			form_set_error(s->form, i, msgs[s->map[i]]);
			first = s->map[i];
		}
	if (first < 0)
		first = hidden;
	if (first >= 0)
		app_message(MSG_ERROR, "有 %d 处需要修改。%s：%s", bad, suggestion_def.fields[first].label,
			    msgs[first]);
}

static int sugform_save(void *ud)
{
	struct sugform *s = ud;
	char **full = record_copy_values(&suggestion_def, s->full);
	char *const *v = form_values(s->form);
	const char *msgs[SUG_NFIELDS] = { 0 };
	char *err = NULL;
	int64_t id = s->id;
	int bad, rc = UI_REDRAW, unit = sugform_index(s, SUG_UNIT);
	struct suggestion_ids links;

	for (int i = 0; i < s->nf; i++)
		str_set(&full[s->map[i]], v[i]);
	/* The records it links, as the form's choice fields hold them (the unit is kept when the
	 * form does not show it). */
	links.lead_id = form_choice_id(s->form, sugform_index(s, SUG_LEAD));
	links.ncosponsors = form_choice_ids(s->form, sugform_index(s, SUG_COSPONSORS), &links.cosponsor_ids);
	links.ncases = form_choice_ids(s->form, sugform_index(s, SUG_CASES), &links.case_ids);
	links.unit_id = unit >= 0 ? form_choice_id(s->form, unit) : s->info.state.unit_id;
	bad = record_check(&suggestion_def, full, app->today, msgs);
	if (!bad && s->id)
		bad = suggestion_check_edit(&s->st, full, msgs);
	if (bad) {
		sugform_show(s, msgs);
		goto out;
	}
	if ((s->id ? db_suggestions_update(app->db, s->id, full, &links, &err)
		   : db_suggestions_insert(app->db, full, &links, &id, &err)) < 0) {
		/* The form keeps everything; the message stands at the field it is about. */
		int i = sugui_field_of(s->labels, s->nf, err);
		if (i >= 0)
			form_set_error(s->form, i, err);
		app_message(MSG_ERROR, "没有保存：%s", err);
		free(err);
		goto out;
	}
	form_mark_saved(s->form);
	app_message(MSG_INFO, "已保存代表建议《%s》", full[SUG_TITLE]);
	if (!s->id && s->open_after)
		*s->open_after = id;
	rc = UI_POP;
out:
	record_free_values(&suggestion_def, full);
	return rc;
}

static void sugform_draw(struct screen *sc, int top, int height, int width)
{
	struct sugform *s = sc->data;
	form_draw(s->form, top, height, width, &sc->cur_y, &sc->cur_x);
}

static int sugform_key(struct screen *sc, struct keypress k)
{
	struct sugform *s = sc->data;
	return form_screen_key(s->form, k, sugform_save, s);
}

static void sugform_fini(struct screen *sc)
{
	struct sugform *s = sc->data;
	form_free(s->form);
	record_free_values(&suggestion_def, s->full);
	db_suggestion_info_free(&s->info);
	free(s);
}

static const struct screen_ops sugform_ops = {
	.name = "suggestion_form",
	.draw = sugform_draw,
	.key = sugform_key,
	.fini = sugform_fini,
};

static const enum action sugform_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_NEXT_FIELD, ACT_BACK, ACT_NONE };

/* Push the form of suggestion id (0: a new one; open_after then gets its id once saved). */
static void sugform_push(int64_t id, int64_t *open_after)
{
	struct sugform *s = xcalloc(1, sizeof *s);
	char *err = NULL;
	s->id = id;
	s->open_after = open_after;
	if (id) {
		if (db_suggestions_get(app->db, id, &s->info, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
			free(s);
			return;
		}
		s->full = s->info.vals; /* moved */
		s->info.vals = NULL;
		s->st = s->info.state;
	} else {
		s->full = record_new_values(&suggestion_def, app->today);
		s->st.status = SS_RAISED;
	}
	sugform_build(s);
	char **vals = xcalloc((size_t)s->nf, sizeof(char *));
	for (int i = 0; i < s->nf; i++)
		vals[i] =
			xstrdup(s->map[i] == SUG_RESULT ? sugui_result_item(s->full[SUG_RESULT]) : s->full[s->map[i]]);
	s->form = form_new(&s->def, vals, app->today);
	str_free_array(vals, s->nf);
	sugform_items(s);
	form_set_draft(s->form, "suggestions", id);
	char *title = id ? xasprintf("修改代表建议《%s》", s->full[SUG_TITLE]) : xstrdup("新增代表建议");
	struct screen *sc = screen_new(&sugform_ops, title, sugform_bar);
	free(title);
	sc->data = s;
	app_push(sc);
}

/* ---- the handling actions: one small form each ---- */

enum sugact_field { SAF_UNIT, SAF_CONTENT, SAF_RESULT, SAF_SAT, SAF_DATE, SAF_DUE, SAF_FOLLOWUP, SAF_N };

struct sugact {
	int64_t id;
	enum suggestion_action action;
	struct field_def fields[SAF_N];
	const char *words[SAF_N]; /* the word a refusal about each form field contains */
	int map[SAF_N];           /* form index of each enum sugact_field, or -1 */
	int nf;
	struct record_def def;
	char due_label[64];
	struct form *form;
};

static void sugact_add(struct sugact *a, enum sugact_field f, struct field_def fd, const char *word)
{
	a->fields[a->nf] = fd;
	a->words[a->nf] = word;
	a->map[f] = a->nf++;
}

/* The fields of the action's form, most used first. */
static void sugact_build(struct sugact *a, const struct suggestion_state *st)
{
	char limit[11];
	for (int i = 0; i < SAF_N; i++)
		a->map[i] = -1;
	switch (a->action) {
	case SA_ASSIGN:
		sugact_add(a, SAF_UNIT,
			   (struct field_def){ .col = "unit",
					       .label = "承办单位",
					       .kind = FK_CHOICE,
					       .choice_open = true,
					       .max_chars = 60,
					       .required = true },
			   "承办单位");
		sugact_add(
			a, SAF_DATE,
			(struct field_def){
				.col = "date", .label = "交办日期", .kind = FK_DATE, .required = true, .def = "今天" },
			"交办日期");
		snprintf(a->due_label, sizeof a->due_label, "办理时限（不填为%d个月）", SUGGESTION_DUE_MONTHS);
		sugact_add(a, SAF_DUE, (struct field_def){ .col = "due", .label = a->due_label, .kind = FK_DATE },
			   "办理时限");
		break;
	case SA_EXTEND:
		suggestion_extend_limit(st, limit);
		snprintf(a->due_label, sizeof a->due_label, "延期至（最晚 %s）", limit);
		sugact_add(a, SAF_DUE,
			   (struct field_def){ .col = "due", .label = a->due_label, .kind = FK_DATE, .required = true },
			   "时限");
		break;
	case SA_REPLY:
		sugact_add(a, SAF_CONTENT,
			   (struct field_def){ .col = "reply",
					       .label = "答复内容",
					       .kind = FK_MEMO,
					       .max_chars = 3000,
					       .required = true },
			   "答复内容");
		sugact_add(a, SAF_RESULT,
			   (struct field_def){ .col = "result",
					       .label = "办理结果",
					       .kind = FK_CHOICE,
					       .choices = suggestion_result_choices,
					       .choice_open = true,
					       .max_chars = 20,
					       .required = true },
			   "办理结果");
		sugact_add(
			a, SAF_DATE,
			(struct field_def){
				.col = "date", .label = "答复日期", .kind = FK_DATE, .required = true, .def = "今天" },
			"答复日期");
		break;
	case SA_CLOSE:
		sugact_add(a, SAF_SAT,
			   (struct field_def){ .col = "satisfaction",
					       .label = "代表满意度",
					       .kind = FK_CHOICE,
					       .choices = suggestion_satisfactions,
					       .required = true },
			   "满意度");
		sugact_add(
			a, SAF_DATE,
			(struct field_def){
				.col = "date", .label = "办结日期", .kind = FK_DATE, .required = true, .def = "今天" },
			"办结日期");
		sugact_add(a, SAF_FOLLOWUP,
			   (struct field_def){ .col = "followup", .label = "征询意见日期", .kind = FK_DATE },
			   "征询意见日期");
		break;
	default:
		break;
	}
	a->def = (struct record_def){ .table = "suggestions",
				      .title = suggestion_action_label(a->action),
				      .fields = a->fields,
				      .nfields = a->nf };
}

static const char *sugact_val(const struct sugact *a, char *const *v, enum sugact_field f)
{
	return a->map[f] >= 0 ? v[a->map[f]] : "";
}

static int sugact_save(void *ud)
{
	struct sugact *a = ud;
	char *const *v = form_values(a->form);
	struct suggestion_act act = {
		.action = a->action,
		.date = sugact_val(a, v, SAF_DATE),
		.due = sugact_val(a, v, SAF_DUE),
		.content = sugact_val(a, v, SAF_CONTENT),
		.result = sugact_val(a, v, SAF_RESULT),
		.satisfaction = sugact_val(a, v, SAF_SAT),
		.followup = sugact_val(a, v, SAF_FOLLOWUP),
	};
	struct suggestion_state st;
	char *err = NULL;
	if (a->map[SAF_UNIT] >= 0) /* the form refuses a unit that is not in its list */
		act.unit_id = form_choice_id(a->form, a->map[SAF_UNIT]);
	if (db_suggestions_act(app->db, a->id, &act, app->today, &err) < 0) {
		/* At the field it is about (the only one, for 延期); the form keeps what was typed. */
		int i = a->nf == 1 ? 0 : sugui_field_of(a->words, a->nf, err);
		if (i >= 0)
			form_set_error(a->form, i, err);
		app_message(MSG_ERROR, "没有办理：%s", err);
		free(err);
		return UI_REDRAW;
	}
	form_mark_saved(a->form);
	if ((a->action == SA_ASSIGN || a->action == SA_EXTEND) && db_suggestions_state(app->db, a->id, &st, NULL) == 0)
		app_message(MSG_INFO, "已%s，办理时限 %s", suggestion_action_label(a->action), st.due);
	else
		app_message(MSG_INFO, "已%s", suggestion_action_label(a->action));
	return UI_POP;
}

static void sugact_draw(struct screen *sc, int top, int height, int width)
{
	struct sugact *a = sc->data;
	form_draw(a->form, top, height, width, &sc->cur_y, &sc->cur_x);
}

static int sugact_key(struct screen *sc, struct keypress k)
{
	struct sugact *a = sc->data;
	return form_screen_key(a->form, k, sugact_save, a);
}

static void sugact_fini(struct screen *sc)
{
	struct sugact *a = sc->data;
	form_free(a->form);
	free(a);
}

static const struct screen_ops sugact_ops = {
	.name = "suggestion_action",
	.draw = sugact_draw,
	.key = sugact_key,
	.fini = sugact_fini,
};

static const enum action sugact_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_NEXT_FIELD, ACT_BACK, ACT_NONE };

static void sugact_push(const struct suggestion_info *info, enum suggestion_action action)
{
	struct sugact *a = xcalloc(1, sizeof *a);
	char *err = NULL;
	a->id = info->id;
	a->action = action;
	sugact_build(a, &info->state);
	char **vals = record_new_values(&a->def, app->today);
	a->form = form_new(&a->def, vals, app->today);
	record_free_values(&a->def, vals);
	if (a->map[SAF_UNIT] >= 0) {
		struct choice_list units = { 0 };
		if (choices_units(&units, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
		}
		form_set_choices(a->form, a->map[SAF_UNIT], units.v, units.n, true);
		choices_free(&units);
	}
	char *kind = xasprintf("suggestion_action:%s", suggestion_action_label(action));
	form_set_draft(a->form, kind, info->id);
	free(kind);
	char *title = xasprintf("%s：%s", suggestion_action_label(action), info->vals[SUG_TITLE]);
	struct screen *sc = screen_new(&sugact_ops, title, sugact_bar);
	free(title);
	sc->data = a;
	app_push(sc);
}

/* ---- one suggestion ---- */

/* A linked case as the screen shows it. */
struct sugcase {
	int64_t id;
	char *no, *summary, *status, *step; /* owned */
};

struct sugscr {
	int64_t id;
	struct suggestion_info info;
	bool loaded;
	char *error; /* loading error; owned */
	struct sugcase cases[SUGUI_MAX_CASES];
	int ncases;
	int cursor; /* selected linked case */
};

static void sugscr_clear(struct sugscr *s)
{
	for (int i = 0; i < s->ncases; i++) {
		free(s->cases[i].no);
		free(s->cases[i].summary);
		free(s->cases[i].status);
		free(s->cases[i].step);
	}
	s->ncases = 0;
	if (s->loaded)
		db_suggestion_info_free(&s->info);
	s->loaded = false;
	free(s->error);
	s->error = NULL;
}

/* The linked cases with where each stands (a case deleted since keeps its number). */
static void sugscr_load_cases(struct sugscr *s)
{
	struct sugui_strs nos = { 0 };
	sugui_strs_add_multi(&nos, s->info.vals[SUG_CASES]);
	for (int i = 0; i < s->info.ncases && s->ncases < SUGUI_MAX_CASES; i++) {
		struct case_info ci = { 0 };
		struct sugcase *c = &s->cases[s->ncases++];
		char *err = NULL;
		c->id = s->info.case_ids[i];
		if (db_cases_get(app->db, c->id, &ci, &err) == 0) {
			c->no = xstrdup(ci.case_no);
			c->summary = xstrdup(ci.vals[CASEF_SUMMARY]);
			c->status = xstrdup(caseflow_status_label(ci.st.status));
			c->step = xstrdup(caseflow_next_step(&ci.st));
		} else {
			c->no = xstrdup(i < nos.n ? nos.v[i] : "");
			c->summary = xstrdup("");
			c->status = xstrdup("已删除");
			c->step = xstrdup("");
			c->id = 0;
			free(err);
		}
		case_info_free(&ci);
	}
	sugui_strs_free(&nos);
	if (s->cursor >= s->ncases)
		s->cursor = s->ncases ? s->ncases - 1 : 0;
}

static void sugscr_load(struct sugscr *s)
{
	char *err = NULL;
	sugscr_clear(s);
	if (db_suggestions_get(app->db, s->id, &s->info, &err) < 0) {
		s->error = err;
		return;
	}
	s->loaded = true;
	sugscr_load_cases(s);
}

/* Labels take at least 4 characters, so the values of a column line up. */
static int sugscr_label_width(const char *label)
{
	int w = text_width(label) + 1;
	return w < 9 ? 9 : w;
}

/* Label and value; the label in the header role. */
static void sugscr_field(int y, int x, int w, const char *label, const char *value, enum ui_role role)
{
	int lw = sugscr_label_width(label);
	ui_text(y, x, lw, label, ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, x + lw, w - lw, value, ALIGN_LEFT, role);
}

/* Text wrapped beside a label, at most max rows (the last one marked when cut); returns the
 * next row. */
static int sugscr_memo(int y, int width, const char *label, const char *text, int max)
{
	char **lines;
	int lw = sugscr_label_width(label), w = width - 4 - lw;
	int n = text_wrap(*text ? text : "（无）", w - 3, &lines);
	ui_text(y, 2, lw, label, ALIGN_LEFT, ROLE_HEADER);
	for (int i = 0; i < n; i++) {
		if (i < max) {
			char *l = i == max - 1 && n > max ? xasprintf("%s...", lines[i]) : xstrdup(lines[i]);
			ui_text(y++, 2 + lw, w, l, ALIGN_LEFT, ROLE_NORMAL);
			free(l);
		}
		free(lines[i]);
	}
	free(lines);
	return n ? y : y + 1;
}

/* 办理时限 with what it means today: 超期 N 天, or how far 延期 may still go. New string. */
static char *sugscr_due(const struct suggestion_state *st, bool *over)
{
	char limit[11];
	*over = suggestion_overdue(st, app->today);
	if (!st->due[0])
		return xstrdup("（交办时确定，默认 3 个月）");
	suggestion_extend_limit(st, limit);
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, st->due);
	if (*over)
		sb_addf(&sb, "  超期 %d 天", sugui_days(st->due, app->today));
	if (st->extensions)
		sb_addf(&sb, "  延期%d次", st->extensions);
	if (st->status == SS_HANDLING && limit[0])
		sb_addf(&sb, "  最晚%s", limit);
	return sb_take(&sb);
}

static void sugscr_draw(struct screen *sc, int top, int height, int width)
{
	struct sugscr *s = sc->data;
	const struct suggestion_info *in = &s->info;
	char *const *v = in->vals;
	const struct suggestion_state *st = &in->state;
	if (s->error) {
		ui_text(top + 1, 2, width - 4, s->error, ALIGN_LEFT, ROLE_ERROR);
		return;
	}
	int half = (width - 4) / 2, y = top + 1, end = top + height;
	bool over;
	char *due = sugscr_due(st, &over);
	char *t = st->status == SS_CLOSED
		? xstrdup(suggestion_status_label(st->status))
		: xasprintf("%s（%s）", suggestion_status_label(st->status), suggestion_next_step(st->status));
	sugscr_field(y, 2, half, "编号", *v[SUG_NO] ? v[SUG_NO] : "（未编号）", ROLE_HEADER);
	sugscr_field(y++, 2 + half, half, "状态", t, over ? ROLE_ERROR : ROLE_INFO);
	free(t);
	sugscr_field(y++, 2, width - 4, "标题", v[SUG_TITLE], ROLE_NORMAL);
	sugscr_field(y, 2, half, "领衔代表", v[SUG_LEAD], ROLE_NORMAL);
	sugscr_field(y++, 2 + half, half, "提出日期", v[SUG_DATE], ROLE_NORMAL);
	sugscr_field(y++, 2, width - 4, "附议代表", *v[SUG_COSPONSORS] ? v[SUG_COSPONSORS] : "（无）", ROLE_NORMAL);
	sugscr_field(y, 2, half, "类别", v[SUG_CATEGORY], ROLE_NORMAL);
	sugscr_field(y++, 2 + half, half, "承办单位", *v[SUG_UNIT] ? v[SUG_UNIT] : "（未交办）", ROLE_NORMAL);
	sugscr_field(y, 2, half, "交办日期", *st->assigned ? st->assigned : "-", ROLE_NORMAL);
	sugscr_field(y++, 2 + half, half, "办理时限", due, over ? ROLE_ERROR : ROLE_NORMAL);
	free(due);
	y = sugscr_memo(y, width, "内容", v[SUG_CONTENT], 3);
	if (st->status >= SS_REPLIED) {
		char *r = xasprintf("%s  %s", v[SUG_REPLY_DATE], sugui_result_item(v[SUG_RESULT]));
		sugscr_field(y, 2, half, "答复", r, ROLE_NORMAL);
		free(r);
		char *sat = st->status == SS_CLOSED ? xasprintf("%s  办结 %s", v[SUG_SATISFACTION], st->closed)
						    : xstrdup("（待办结时征询）");
		sugscr_field(y++, 2 + half, half, "代表满意度", sat, ROLE_NORMAL);
		free(sat);
		y = sugscr_memo(y, width, "答复内容", v[SUG_REPLY], 2);
	}
	y++;
	char *h = xasprintf("关联案件 %d 件%s", s->ncases, s->ncases ? "（Up/Down 选择，Enter 打开）" : "");
	ui_text(y++, 1, width - 2, h, ALIGN_LEFT, ROLE_INFO);
	free(h);
	for (int i = 0; i < s->ncases && y < end; i++, y++) {
		const struct sugcase *c = &s->cases[i];
		enum ui_role role = i == s->cursor ? ROLE_CURSOR : ROLE_NORMAL;
		ui_clear(y, 1, 1, width - 2, role);
		ui_text(y, 2, 16, c->no, ALIGN_LEFT, role);
		ui_text(y, 19, 8, c->status, ALIGN_LEFT, role);
		ui_text(y, 28, 8, c->step, ALIGN_LEFT, role);
		ui_text(y, 37, width - 39, c->summary, ALIGN_LEFT, role);
	}
}

/* F5: the actions allowed now, as a pick list. */
static void sugscr_actions(struct sugscr *s)
{
	const char *items[SA_COUNT];
	enum suggestion_action acts[SA_COUNT];
	int n = 0;
	for (int a = 0; a < SA_COUNT; a++)
		if (suggestion_allowed(&s->info.state, (enum suggestion_action)a, NULL)) {
			items[n] = suggestion_action_label((enum suggestion_action)a);
			acts[n++] = (enum suggestion_action)a;
		}
	if (!n) {
		app_message(MSG_INFO, "这条建议已经办结，没有可办理的事项");
		return;
	}
	int i = dialog_pick("下一步办理", items, n, NULL);
	if (i >= 0)
		sugact_push(&s->info, acts[i]);
}

static const enum action sugscr_keys[] = { ACT_ACTIONS, ACT_EDIT, ACT_DELETE, ACT_OPEN, ACT_UP,
					   ACT_DOWN,    ACT_BACK, ACT_QUIT,   ACT_NONE };

static int sugscr_key(struct screen *sc, struct keypress k)
{
	struct sugscr *s = sc->data;
	enum action a = keys_lookup(k, sugscr_keys);
	if (s->error && a != ACT_BACK && a != ACT_QUIT)
		return UI_REDRAW;
	switch (a) {
	case ACT_ACTIONS:
		sugscr_actions(s);
		break;
	case ACT_EDIT:
		sugform_push(s->id, NULL);
		break;
	case ACT_DELETE:
		if (sug_delete(s->id))
			return UI_POP;
		break;
	case ACT_OPEN:
		if (s->ncases && s->cases[s->cursor].id)
			case_push(s->cases[s->cursor].id);
		else if (s->ncases)
			app_message(MSG_ERROR, "案件 %s 已删除", s->cases[s->cursor].no);
		break;
	case ACT_UP:
		if (s->cursor > 0)
			s->cursor--;
		break;
	case ACT_DOWN:
		if (s->cursor + 1 < s->ncases)
			s->cursor++;
		break;
	case ACT_BACK:
		return UI_POP;
	case ACT_QUIT:
		return UI_QUIT;
	default:
		break;
	}
	return UI_REDRAW;
}

/* The screen's title: 代表建议 and the number, or the title when there is none. New string. */
static char *sugscr_title(const struct sugscr *s)
{
	if (!s->loaded)
		return xstrdup("代表建议");
	const char *no = s->info.vals[SUG_NO];
	return xasprintf("代表建议 %s", *no ? no : s->info.vals[SUG_TITLE]);
}

static void sugscr_reload(struct screen *sc)
{
	struct sugscr *s = sc->data;
	sugscr_load(s);
	char *t = sugscr_title(s);
	free(sc->title);
	sc->title = t;
}

static void sugscr_fini(struct screen *sc)
{
	struct sugscr *s = sc->data;
	sugscr_clear(s);
	free(s);
}

static const struct screen_ops sugscr_ops = {
	.name = "suggestion",
	.draw = sugscr_draw,
	.key = sugscr_key,
	.reload = sugscr_reload,
	.fini = sugscr_fini,
};

static const enum action sugscr_bar[] = { ACT_HELP,   ACT_ACTIONS, ACT_EDIT, ACT_OPEN,
					  ACT_DELETE, ACT_BACK,    ACT_QUIT, ACT_NONE };

void suggestion_push(int64_t id)
{
	struct sugscr *s = xcalloc(1, sizeof *s);
	s->id = id;
	sugscr_load(s);
	char *t = sugscr_title(s);
	struct screen *sc = screen_new(&sugscr_ops, t, sugscr_bar);
	free(t);
	sc->data = s;
	app_push(sc);
}
