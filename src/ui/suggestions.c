/* 代表建议办理簿.
 *
 * The list pages through db_suggestions_page(), newest first; typing filters (title, content,
 * number, the lead deputy's name or pinyin), F5 cycles 全部/超期/已提出/办理中/已答复/办结 and
 * the 期间 key narrows it to the suggestions raised (提出日期) in a month, quarter, year or range;
 * the line above the list says the period and how many suggestions it holds.
 * F3 opens the form of a new suggestion (saved, it opens the suggestion's screen), Enter the
 * screen of the selected one: its fields, co-sponsors, the cases it came from with their state,
 * where the handling stands and whether it is overdue. There F5 offers only the actions allowed
 * now (suggestion_allowed) — 交办, 延期, 答复, 征询意见, 重办, 办结 — each a small form built
 * from suggestion_form() by ui/actform.c; the core decides (suggestion_apply through
 * db_suggestions_act) and a refusal is shown at the field it names, the form keeping what was
 * typed. Below the linked cases the screen shows the timeline (suggestion_events). F4 edits
 * the fields: the description at any time, the handling fields (承办单位 ... 满意度) only once
 * their action has written them.
 *
 * Pick lists are loaded when a form opens and handed to it (ui/choices.h): deputies (labelled by
 * deputy_labels; 离任 ones too when editing), units, and for 关联案件 the open cases
 * (受理/办理中/已答复, newest first, at most SUGUI_CASE_ITEMS of each) plus the ones already
 * linked — never the whole register of cases. The form's choice fields hold ids, and the save
 * passes them (struct suggestion_ids). */
#include "ui/suggestions.h"

#include "core/clock.h"
#include "core/period.h"
#include "core/suggestion.h"
#include "core/text.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/cases.h"
#include "db/suggestions.h"
#include "ui/actform.h"
#include "ui/app.h"
#include "ui/cases.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/list.h"
#include "ui/listscreen.h"
#include "ui/login.h"

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

/* Calendar days from a to b (b - a); 0 when either is not a date. */
static int sugui_days(const char *a, const char *b)
{
	int64_t x = date_to_days(a), y = date_to_days(b);
	return x < 0 || y < 0 ? 0 : (int)(y - x);
}

/* "B 正在解决" for a stored "B"; anything else as it is. Borrowed. */
static const char *sugui_result_item(const char *code)
{
	for (int i = 0; case_result_codes[i]; i++)
		if (!strcmp(code, case_result_codes[i]))
			return case_result_choices[i];
	return code;
}

/* ---- the list ---- */

static const char *const sug_filters[] = { "全部", "超期", "已提出", "办理中", "已答复", "办结", NULL };

/* sort_key: a suggestion field or enum suggestion_extra (db_suggestions_page's sort_col).
 * The title takes what is left and comes last: the widget shrinks the last column first when
 * the row is too wide, and titles ("关于...的建议") are the longest cells. */
static const struct list_col sug_cols[] = {
	{ "编号", 6, 12, ALIGN_LEFT, SUG_NO, true, 0 },
	{ "提出日期", 10, 10, ALIGN_LEFT, SUG_DATE, true, 0 },
	{ "领衔代表", 8, 10, ALIGN_LEFT, SUG_LEAD, false, 0 },
	{ "类别", 8, 8, ALIGN_LEFT, SUG_CATEGORY, false, 3 },
	{ "承办单位", 8, 12, ALIGN_LEFT, SUG_UNIT, false, 2 },
	{ "状态", 6, 6, ALIGN_LEFT, SUG_X_STATUS, true, 0 },
	{ "办理时限", 10, 10, ALIGN_LEFT, SUG_DUE, true, 0 },
	{ "提示", 8, 12, ALIGN_LEFT, -1, true, 0 },
	{ "标题", 12, 0, ALIGN_LEFT, SUG_TITLE, false, 0 },
};
#define SUG_COL_DATE 1 /* the column sorted by at first (newest first) */

struct suglist {
	int filter;      /* index into sug_filters */
	bool has_period; /* narrowed to period (提出日期) */
	struct period period;
	int64_t n;       /* the last count */
	int64_t open_id; /* a suggestion just created: open its screen when the form closes */
};

static void suglist_filter(const struct suglist *s, const char *text, struct suggestion_filter *f)
{
	const char *fl = sug_filters[s->filter];
	memset(f, 0, sizeof *f);
	f->text = text;
	f->today = app->today;
	if (s->has_period) {
		f->date_from = s->period.from;
		f->date_to = s->period.to;
	}
	if (!strcmp(fl, "超期"))
		f->overdue = true;
	else if (strcmp(fl, "全部"))
		f->status = fl;
}

static int suglist_count(void *ctx, const char *text, int64_t *n, char **err)
{
	struct suglist *s = ctx;
	struct suggestion_filter f;
	suglist_filter(s, text, &f);
	int rc = db_suggestions_count(app->db, &f, n, err);
	s->n = *n;
	return rc;
}

/* The 提示 column: 超期 N 天, else the next step (待交办, 待答复 or 延期N次, 待办结). */
static char *sug_hint(const char *const *v)
{
	int st = suggestion_status_parse(v[SUG_X_STATUS]);
	if (*v[SUG_X_OVERDUE])
		return xasprintf("超期 %d 天", sugui_days(v[SUG_DUE], app->today));
	if (st == SS_HANDLING && atoi(v[SUG_X_EXTENSIONS]) > 0)
		return xasprintf("延期%s次", v[SUG_X_EXTENSIONS]);
	return xstrdup(st >= 0 && st != SS_CLOSED
			       ? suggestion_next_step((enum suggestion_status)st, case_sat_parse(v[SUG_SATISFACTION]))
			       : "");
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

static int suglist_fetch(void *ctx, const char *text, int sort_key, bool desc, int64_t offset, const struct list_anchor *after, int limit,
			 struct list_page *page, char **err)
{
	(void)after; /* ordered by any column: pages by offset */
	struct suggestion_filter f;
	suglist_filter(ctx, text, &f);
	return db_suggestions_page(app->db, &f, sort_key, desc, offset, limit, suglist_row, page, err);
}

static char *suglist_status(void *state, bool *filtered)
{
	struct suglist *s = state;
	*filtered = s->filter != 0 || s->has_period;
	return xasprintf("范围：%s", sug_filters[s->filter]);
}

/* The period and the suggestions counted in it (with the typed text and F5's status). */
static char *suglist_summary(void *state)
{
	struct suglist *s = state;
	char *p = s->has_period ? period_label(&s->period) : xstrdup("不限");
	char *line = xasprintf("提出日期：%s  %lld 件", p, (long long)s->n);
	free(p);
	return line;
}

static void suglist_set_period(void *state, const struct period *p, const char *text)
{
	(void)text;
	struct suglist *s = state;
	s->has_period = p != NULL;
	if (p)
		s->period = *p;
}

static void suglist_clear(void *state)
{
	struct suglist *s = state;
	s->filter = 0;
	s->has_period = false;
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

static int suglist_new(struct screen *sc)
{
	struct suglist *s = listscreen_state(sc);
	sugform_push(0, &s->open_id);
	return UI_REDRAW;
}

static int suglist_open(struct screen *sc)
{
	if (listscreen_selected(sc) >= 0)
		suggestion_push(listscreen_selected(sc));
	return UI_REDRAW;
}

static int suglist_edit(struct screen *sc)
{
	if (listscreen_selected(sc) >= 0)
		sugform_push(listscreen_selected(sc), NULL);
	return UI_REDRAW;
}

static int suglist_filter_next(struct screen *sc)
{
	struct suglist *s = listscreen_state(sc);
	s->filter = sug_filters[s->filter + 1] ? s->filter + 1 : 0;
	listscreen_refilter(sc);
	return UI_REDRAW;
}

static int suglist_delete(struct screen *sc)
{
	int64_t id = listscreen_selected(sc);
	if (id >= 0 && sug_delete(id))
		list_reload(listscreen_list(sc));
	return UI_REDRAW;
}

/* Back from the form of a new suggestion: open it. */
static void suglist_reload(struct screen *sc)
{
	struct suglist *s = listscreen_state(sc);
	if (s->open_id > 0) {
		int64_t id = s->open_id;
		s->open_id = 0;
		suggestion_push(id);
	}
}

static const struct binding suglist_actions[] = {
	{ .action = ACT_NEW, .run = suglist_new },	  { .action = ACT_OPEN, .run = suglist_open },	  { .action = ACT_EDIT, .run = suglist_edit },
	{ .action = ACT_FILTER, .run = suglist_filter_next }, { .action = ACT_DELETE, .run = suglist_delete }, { .action = ACT_NONE },
};

const struct help_page suggestions_help = {
	.id = "suggestions",
	.title = "代表建议办理簿",
	.note = "代表领衔或附议提出的建议：内容、承办单位、办理过程、办理结果"
		 "和代表的意见。检查时看：每件建议都有办理结果，代表对结果的意"
		 "见有记录。",
	.keys = suglist_actions,
	.flags = HELP_LIST | HELP_PERIOD | HELP_PRINT | HELP_HISTORY,
};

void suggestions_push(void)
{
	struct suglist *s = xcalloc(1, sizeof *s);
	/* Newest first: by date, descending. */
	listscreen_push(&(struct listscreen_desc){ .title = app->cfg->titles[REG_SUGGESTIONS],
						   .cols = sug_cols,
						   .ncols = (int)ARRAY_LEN(sug_cols),
						   .sort_col = SUG_COL_DATE,
						   .desc = true,
						   .count = suglist_count,
						   .fetch = suglist_fetch,
						   .actions = suglist_actions,
						   .status = suglist_status,
						   .clear_filters = suglist_clear,
						   .set_period = suglist_set_period,
						   .period_field = "提出日期",
						   .summary = suglist_summary,
						   .table = "suggestions",
						   .reload = suglist_reload,
						   .fini = free,
						   .state = s,
						   .help = &suggestions_help });
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
	int map[SUG_NFIELDS];            /* the suggestion field of each form field */
	int nf;
	struct record_def def;
	struct form *form;
	struct suggestion_info info;          /* as loaded, with the ids of its links (id 0: empty) */
	int64_t *open_after;                  /* a new one: where the list wants the id, or NULL */
	int64_t from_visit;                   /* a new one entered from this visit, 0: none */
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
			fd.choices = case_result_choices; /* the check turns them into letters */
		s->fields[n] = fd;
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
	int64_t id = s->id;
	int bad, rc = UI_REDRAW, unit = sugform_index(s, SUG_UNIT);
	struct suggestion_ids links = { .visit_id = s->id ? 0 : s->from_visit };

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
	struct refusal why = { 0 };
	if (db_suggestions_save(app->db, s->id, full, &links, &id, &why) < 0) {
		/* The form keeps everything; the message stands at the field the refusal names. */
		for (int i = 0; why.field && i < s->nf; i++)
			if (!strcmp(suggestion_def.fields[s->map[i]].col, why.field))
				form_set_error(s->form, i, why.msg);
		app_message(MSG_ERROR, "没有保存：%s", why.msg);
		refusal_clear(&why);
		goto out;
	}
	form_mark_saved(s->form);
	app_message(MSG_INFO, "已保存代表建议《%s》%s", full[SUG_TITLE], links.visit_id ? "，已与来访关联" : "");
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

static void sugform_open(int64_t id, int64_t *open_after, const struct sug_from_visit *fv);

/* Push the form of suggestion id (0: a new one; open_after then gets its id once saved). */
static void sugform_push(int64_t id, int64_t *open_after) { sugform_open(id, open_after, NULL); }

void suggestion_from_visit_push(const struct sug_from_visit *fv) { sugform_open(0, NULL, fv); }

/* Push the form of suggestion id, or of a new one filled from a visit (fv, may be NULL). */
static void sugform_open(int64_t id, int64_t *open_after, const struct sug_from_visit *fv)
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
		/* Correcting a closed suggestion is the station head's (from the list and the screen). */
		if (s->info.state.status == SS_CLOSED && login_refuse(AUTH_CORRECT_CLOSED)) {
			app_message(MSG_ERROR, "%s", login_refuse(AUTH_CORRECT_CLOSED));
			db_suggestion_info_free(&s->info);
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
	if (!id && fv) {
		/* From the visit: its words, its date, its receiving deputies (the first leads). */
		char *title = visit_summary(fv->content);
		str_set(&s->full[SUG_TITLE], title);
		free(title);
		str_set(&s->full[SUG_CONTENT], fv->content);
		str_set(&s->full[SUG_DATE], fv->date);
		s->from_visit = fv->visit_id;
		if (fv->ndeputies > 0) {
			s->info.lead_id = fv->deputy_ids[0];
			s->info.ncosponsors = fv->ndeputies - 1;
			s->info.cosponsor_ids = xcalloc((size_t)fv->ndeputies, sizeof(int64_t));
			for (int i = 1; i < fv->ndeputies; i++)
				s->info.cosponsor_ids[i - 1] = fv->deputy_ids[i];
		}
	}
	sugform_build(s);
	char **vals = xcalloc((size_t)s->nf, sizeof(char *));
	for (int i = 0; i < s->nf; i++)
		vals[i] =
			xstrdup(s->map[i] == SUG_RESULT ? sugui_result_item(s->full[SUG_RESULT]) : s->full[s->map[i]]);
	s->form = form_new(&s->def, vals, app->today);
	str_free_array(vals, s->nf);
	sugform_items(s);
	/* Filled from a visit: the title and content are the program's, the clerk writes over them. */
	if (s->from_visit) {
		form_mark_default(s->form, sugform_index(s, SUG_TITLE));
		form_set_draft(s->form, "suggestion_from_visit", s->from_visit);
	} else
		form_set_draft(s->form, "suggestions", id);
	char *title = id        ? xasprintf("修改代表建议《%s》", s->full[SUG_TITLE])
		: s->from_visit ? xasprintf("新增代表建议（来自 %s %s 的来访）", fv->date, fv->name)
				: xstrdup("新增代表建议");
	struct screen *sc = screen_new(&sugform_ops, title, form_bindings);
	free(title);
	sc->data = s;
	app_push(sc);
}

/* ---- the handling actions: one small form each (ui/actform.c) ---- */

/* The suggestion an action form acts on. */
struct sugact {
	int64_t id;
	enum suggestion_action action;
};

/* F2 on an action form: the core decides (suggestion_apply through db_suggestions_act). */
static int sugact_do(void *ctx, const struct actform *a, char **done, struct refusal *why)
{
	struct sugact *x = ctx;
	struct suggestion_act act = {
		.action = x->action,
		.date = actform_get(a, "date"),
		.unit_id = actform_unit(a),
		.due = actform_get(a, "due"),
		.note = actform_get(a, "note"),
		.content = actform_get(a, "content"),
		.result = case_result_parse(actform_get(a, "result")),
		.satisfaction = case_sat_parse(actform_get(a, "satisfaction")),
		.who = app->cfg->user,
	};
	struct suggestion_state st;
	if (db_suggestions_act(app->db, x->id, &act, app->today, why) < 0)
		return -1;
	if ((x->action == SA_ASSIGN || x->action == SA_EXTEND || x->action == SA_REDO) &&
	    db_suggestions_state(app->db, x->id, &st, NULL) == 0)
		*done = xasprintf("已%s，办理时限 %s", suggestion_action_label(x->action), st.due);
	return 0;
}

/* The form of action on the suggestion, from suggestion_form(). */
static void sugact_push(const struct suggestion_info *info, enum suggestion_action action)
{
	struct action_field fields[ACTION_MAX_FIELDS];
	struct actform *a = actform_new(suggestion_action_label(action), fields, suggestion_form(action, fields));
	char *err = NULL, limit[11];
	if (action == SA_ASSIGN) {
		struct choice_list units = { 0 };
		if (choices_units(&units, &err) < 0) {
			app_message(MSG_ERROR, "%s", err);
			free(err);
		}
		actform_set_units(a, &units);
	}
	if (action == SA_EXTEND) {
		suggestion_extend_limit(&info->state, limit);
		char *label = xasprintf("延期至（最晚 %s）", limit);
		actform_set_label(a, "due", label);
		free(label);
	}
	struct sugact *x = xmalloc(sizeof *x);
	*x = (struct sugact){ .id = info->id, .action = action };
	char *kind = xasprintf("suggestion_action:%s", suggestion_action_label(action));
	char *title = xasprintf("%s：%s", suggestion_action_label(action), info->vals[SUG_TITLE]);
	actform_push(a, title, kind, info->id, sugact_do, x, free);
	free(kind);
	free(title);
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
	struct actform_timeline tl; /* loaded with the suggestion */
	char *tl_error;             /* owned */
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
	actform_timeline_clear(&s->tl);
	free(s->tl_error);
	s->tl_error = NULL;
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
	if (db_suggestions_timeline(app->db, s->id, actform_timeline_add, &s->tl, &err) < 0)
		s->tl_error = err;
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
	char *t = st->status == SS_CLOSED ? xstrdup(suggestion_status_label(st->status))
					  : xasprintf("%s（%s）", suggestion_status_label(st->status),
						      suggestion_next_step(st->status, st->satisfaction));
	sugscr_field(y, 2, half, "编号", *v[SUG_NO] ? v[SUG_NO] : "（未编号）", ROLE_HEADER);
	sugscr_field(y++, 2 + half, half, "状态", t, over ? ROLE_ERROR : ROLE_INFO);
	free(t);
	sugscr_field(y++, 2, width - 4, "标题", v[SUG_TITLE], ROLE_NORMAL);
	sugscr_field(y, 2, half, "领衔代表", v[SUG_LEAD], ROLE_NORMAL);
	sugscr_field(y++, 2 + half, half, "提出日期", v[SUG_DATE], ROLE_NORMAL);
	sugscr_field(y++, 2, width - 4, "附议代表", *v[SUG_COSPONSORS] ? v[SUG_COSPONSORS] : "（无）", ROLE_NORMAL);
	if (!str_empty(in->visits))
		sugscr_field(y++, 2, width - 4, "来源来访", in->visits, ROLE_INFO);
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
			: st->satisfaction != CASE_SAT_NONE
			? xasprintf("%s  征询 %s", v[SUG_SATISFACTION], st->followup)
			: xstrdup("（待征询意见）");
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
	if (y + 3 > end)
		return;
	/* The timeline, oldest first; when it does not fit, the newest rows are shown. */
	y = actform_timeline_head(y + 1, width);
	if (s->tl_error)
		ui_text(y, 2, width - 4, s->tl_error, ALIGN_LEFT, ROLE_ERROR);
	else
		actform_timeline_draw(&s->tl, y, end, width, s->tl.n > end - y ? s->tl.n - (end - y) : 0);
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

/* Run by sugscr_key(). */
static const struct binding sugscr_bar[] = {
	{ .action = ACT_HELP },	    { .action = ACT_ACTIONS },		   { .action = ACT_EDIT },
	{ .action = ACT_OPEN },	    { .action = ACT_DELETE },		   { .action = ACT_BACK },
	{ .action = ACT_QUIT },	    { .action = ACT_UP, .hidden = true }, { .action = ACT_DOWN, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page suggestion_help = {
	.id = "suggestion",
	.title = "代表建议",
	.note = "一件代表建议：领衔和附议代表、内容、承办单位、办理时限、答复"
		 "和代表的满意度，关联的案件。检查时看：按时交办、答复，代表对"
		 "办理结果的意见有记录。",
	.keys = sugscr_bar,
	.flags = 0,
};

void suggestion_push(int64_t id)
{
	struct sugscr *s = xcalloc(1, sizeof *s);
	s->id = id;
	sugscr_load(s);
	char *t = sugscr_title(s);
	struct screen *sc = screen_new(&sugscr_ops, t, sugscr_bar);
	sc->note = xstrdup(suggestion_help.note);
	free(t);
	sc->data = s;
	app_push(sc);
}
