/* 接待日安排. The list shows one year (type 2026, or 2026-12 for a month, in the filter line;
 * the year shown pre-filled is replaced by typing, anything else is refused in the status);
 * F9 adds the year's days from the rule in station.ini from a date the clerk gives (default
 * today), F7 cancels a day (with a reason) or restores it, F5 records whether a day was held and
 * which deputies came, Enter edits a day and its deputies on duty (a multi-pick with pinyin
 * filter). Each day shows its state (已举行 / 未举行 / 待确认 / 已取消 / 未到) and, when moved
 * off a holiday, "由 11-28 顺延". A day whose 公示 is later than the rule allows is marked in the
 * list and when saved. */
#include "ui/reception.h"

#include "core/clock.h"
#include "core/period.h"
#include "core/reception.h"
#include "core/util.h"
#include "db/reception.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/list.h"
#include "ui/listscreen.h"
#include "ui/register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the form: the day's fields plus 值班代表 ---- */

#define RD_DUTY RD_NFIELDS

static struct field_def day_fields[RD_NFIELDS + 1];
static struct record_def day_def;

/* The form's record: reception_def's fields, then the deputies on duty. */
static const struct record_def *day_form_def(void)
{
	if (!day_def.fields) {
		memcpy(day_fields, reception_def.fields, sizeof(struct field_def) * RD_NFIELDS);
		day_fields[RD_DUTY] =
			(struct field_def){ .col = "duty", .label = "值班代表", .kind = FK_MULTI, .max_chars = 400 };
		day_def = reception_def;
		day_def.fields = day_fields;
		day_def.nfields = RD_NFIELDS + 1;
		day_def.title = "接待日";
	}
	return &day_def;
}

static void day_form_init(struct form *f, int64_t id)
{
	char *err = NULL;
	struct reception_day d = { 0 };
	struct choice_list deps = { 0 };
	/* The deputies already on duty are offered even if they have left or were deleted. */
	if ((id && db_reception_get(app->db, id, &d, &err) < 0) ||
	    choices_deputies(false, d.duty_ids, d.nduty, &deps, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	form_set_choices(f, RD_DUTY, deps.v, deps.n, true);
	/* The form was filled with the names; it shows the deputies on duty by their labels. */
	if (id)
		form_set_choice_ids(f, RD_DUTY, d.duty_ids, d.nduty);
	choices_free(&deps);
	db_reception_day_free(&d);
	if (!id) { /* a new day: time and place from station.ini */
		char **nv = reception_new_values(app->cfg, NULL);
		form_set_value(f, RD_TIME, nv[RD_TIME]);
		form_set_value(f, RD_PLACE, nv[RD_PLACE]);
		form_mark_saved(f);
		record_free_values(&reception_def, nv);
	}
}

static int day_get(int64_t id, char ***vals, char **err)
{
	struct reception_day d = { 0 };
	if (db_reception_get(app->db, id, &d, err) < 0)
		return -1;
	char **v = xcalloc(RD_NFIELDS + 1, sizeof(char *));
	for (int i = 0; i < RD_NFIELDS; i++)
		v[i] = xstrdup(d.vals[i]);
	v[RD_DUTY] = xstrdup(d.duty_text);
	db_reception_day_free(&d);
	*vals = v;
	return 0;
}

static int day_save(struct form *f, int64_t *id, char **err)
{
	char *const *v = form_values(f);
	const int64_t *ids = NULL;
	int n, rc;
	/* An empty 公示日期 gets the latest date the rule allows. */
	if (str_empty(v[RD_NOTICE_DATE])) {
		char nd[11];
		reception_notice_date(v[RD_DATE], app->cfg->notice_days, nd);
		form_set_value(f, RD_NOTICE_DATE, nd);
		v = form_values(f);
	}
	n = form_choice_ids(f, RD_DUTY, &ids);
	rc = *id ? db_reception_update(app->db, *id, v, ids, n, err) : db_reception_insert(app->db, v, ids, n, id, err);
	if (rc == 0 && reception_notice_late(v[RD_DATE], v[RD_NOTICE_DATE], app->cfg->notice_days)) {
		char nd[11];
		reception_notice_date(v[RD_DATE], app->cfg->notice_days, nd);
		app_message(MSG_ERROR, "已保存，但公示晚了：接待日前 %d 天（%s 或更早）应公示", app->cfg->notice_days,
			    nd);
		return 1;
	}
	return rc;
}

/* ---- the list ---- */

static const struct list_col cols[] = {
	{ "日期", 10, 10, ALIGN_LEFT, 0, true, 0 },      { "星期", 4, 4, ALIGN_LEFT, -1, false, 1 },
	{ "时间", 11, 11, ALIGN_LEFT, -1, false, 2 },    { "地点", 8, 24, ALIGN_LEFT, -1, false, 3 },
	{ "值班代表", 10, 0, ALIGN_LEFT, -1, false, 0 }, { "公示", 10, 16, ALIGN_LEFT, -1, false, 4 },
	{ "状态", 6, 24, ALIGN_LEFT, -1, false, 0 },     { "来访", 4, 4, ALIGN_RIGHT, -1, false, 0 },
	{ "到场代表", 8, 20, ALIGN_LEFT, -1, false, 5 },
};

static const char *const weekdays[] = { "", "周一", "周二", "周三", "周四", "周五", "周六", "周日" };

/* The filter text as a year ("2026") or a month ("2026-12"), or any period core/period.h reads
 * (2026Q4, 2026年第四季度, 2026-10-01~2026-12-31 ...); empty: all days. Returns false for
 * anything else (f then matches all days; the list shows none and says why). */
static bool parse_period(const char *text, struct reception_filter *f)
{
	struct period p;
	int y = 0, m = 0, len = 0;
	memset(f, 0, sizeof *f);
	if (!*text)
		return true;
	if (sscanf(text, "%4d-%2d%n", &y, &m, &len) == 2 && !text[len] && len >= 6 && text[4] == '-' && y >= 1970 &&
	    y <= 2199 && m >= 1 && m <= 12) {
		f->year = y;
		f->month = m;
		return true;
	}
	/* "2026-" is a month being typed: the year until then. */
	if (sscanf(text, "%4d%n", &y, &len) == 1 && len == 4 && (!text[len] || !strcmp(text + len, "-")) && y >= 1970 &&
	    y <= 2199) {
		f->year = y;
		return true;
	}
	if (period_parse(text, &p, NULL) == 0) {
		memcpy(f->date_from, p.from, sizeof f->date_from);
		memcpy(f->date_to, p.to, sizeof f->date_to);
		return true;
	}
	return false;
}

/* The filter text typed is neither a year nor a month (days_status says so). */
static bool bad_period;

static int day_count(void *ctx, const char *filter, int64_t *n, char **err)
{
	struct reception_filter f;
	(void)ctx;
	bad_period = !parse_period(filter, &f);
	if (bad_period) {
		*n = 0;
		return 0;
	}
	return db_reception_count(app->db, &f, n, err);
}

struct fill {
	struct list_page *page;
};

static int day_row(void *ud, const struct reception_row *r)
{
	struct fill *fl = ud;
	char nvis[16], notice[40];
	bool late = !r->cancelled && reception_notice_late(r->date, r->notice_date, app->cfg->notice_days);
	snprintf(nvis, sizeof nvis, "%d", r->nvisits);
	snprintf(notice, sizeof notice, "%s%s", *r->notice_date ? r->notice_date : "未公示", late ? " 逾期" : "");
	char moved[32];
	reception_moved_text(r->date, r->rule_date, moved);
	enum reception_state st = reception_state(r->cancelled, r->held, r->nvisits, r->date, app->today);
	char *status = xasprintf("%s%s%s%s%s", reception_state_label(st), *moved ? " " : "", moved,
				 r->cancelled && *r->cancel_reason ? " " : "", r->cancelled ? r->cancel_reason : "");
	const char *cells[] = { r->date,
				weekdays[date_weekday(r->date)],
				r->time,
				r->place,
				*r->duty_text ? r->duty_text : "（未排班）",
				notice,
				status,
				nvis,
				r->attend_text };
	list_page_add(fl->page, (int)ARRAY_LEN(cols), r->id, cells);
	free(status);
	return 0;
}

static int day_fetch(void *ctx, const char *filter, int sort_key, bool desc, int64_t offset, const struct list_anchor *after, int limit,
		     struct list_page *page, char **err)
{
	(void)after; /* ordered by any column: pages by offset */
	struct reception_filter f;
	struct fill fl = { page };
	(void)ctx;
	(void)sort_key;
	(void)desc;
	if (!parse_period(filter, &f))
		return 0;
	return db_reception_page(app->db, &f, offset, limit, day_row, &fl, err);
}

static const struct register_desc day_desc_base = {
	.title = "接待日安排",
	.name_field = RD_DATE,
	.get = day_get,
	.save = day_save,
	.form_init = day_form_init,
};

static struct register_desc day_desc;

static int days_generate(struct screen *s)
{
	struct reception_filter f;
	char *err = NULL, *q, *from;
	int added = 0;
	parse_period(list_filter(listscreen_list(s)), &f);
	int year = f.year ? f.year : atoi(app->today);
	char *rule = cfg_rule_text(app->cfg);
	q = xasprintf("按规则（%s）生成 %d 年的接待日吗？", rule, year);
	free(rule);
	if (!dialog_confirm(q, "已有的日期不会重复，删除或取消过的不会恢复；值班代表需逐日安排")) {
		free(q);
		return UI_REDRAW;
	}
	free(q);
	/* Days before the station kept its book here are not made up: from today unless told. */
	q = xasprintf("从哪天起生成（直接回车 = 从今天 %s 起；要补录以前的，输入如 %d-01-01）：", app->today, year);
	from = dialog_input("生成接待日", q, 10, false);
	free(q);
	if (!from)
		return UI_REDRAW;
	str_trim(from);
	if (!*from)
		str_set(&from, app->today);
	if (db_reception_generate(app->db, app->cfg, app->cal, year, from, &added, &err) < 0) {
		app_message(MSG_ERROR, "没有生成：%s", err);
		free(err);
		free(from);
		return UI_REDRAW;
	}
	app_message(MSG_INFO, "已生成 %d 年接待日 %d 个（%s 起）", year, added, from);
	free(from);
	list_reload(listscreen_list(s));
	return UI_REDRAW;
}

static int days_cancel(struct screen *s)
{
	int64_t id = listscreen_selected(s);
	struct reception_day day = { 0 };
	char *err = NULL;
	if (id < 0)
		return UI_REDRAW;
	if (db_reception_get(app->db, id, &day, &err) < 0)
		goto out;
	if (day.cancelled) {
		char *q = xasprintf("恢复 %s 的接待日吗？", day.vals[RD_DATE]);
		if (dialog_confirm(q, NULL) && db_reception_uncancel(app->db, id, &err) == 0)
			app_message(MSG_INFO, "已恢复 %s 的接待日", day.vals[RD_DATE]);
		free(q);
	} else {
		char *p = xasprintf("取消 %s 的接待日，原因：", day.vals[RD_DATE]);
		char *reason = dialog_input("取消接待日", p, 200, true);
		free(p);
		if (reason && db_reception_cancel(app->db, id, reason, &err) == 0)
			app_message(MSG_INFO, "已取消 %s 的接待日", day.vals[RD_DATE]);
		free(reason);
	}
	list_reload(listscreen_list(s));
out:
	if (err) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	db_reception_day_free(&day);
	return UI_REDRAW;
}

static int days_delete(struct screen *s)
{
	int64_t id = listscreen_selected(s);
	struct reception_day day = { 0 };
	char *err = NULL;
	if (id < 0 || db_reception_get(app->db, id, &day, &err) < 0)
		goto out;
	char *q = xasprintf("删除 %s 的接待日吗？", day.vals[RD_DATE]);
	if (dialog_confirm(q, "删除后不再显示，站长可以恢复；已登记的来访保留") &&
	    db_reception_delete(app->db, id, &err) == 0)
		app_message(MSG_INFO, "已删除 %s 的接待日", day.vals[RD_DATE]);
	free(q);
	list_reload(listscreen_list(s));
out:
	if (err) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	db_reception_day_free(&day);
	return UI_REDRAW;
}

static int days_new(struct screen *s)
{
	(void)s;
	register_form_push(&day_desc, 0);
	return UI_REDRAW;
}

static int days_edit(struct screen *s)
{
	if (listscreen_selected(s) >= 0)
		register_form_push(&day_desc, listscreen_selected(s));
	return UI_REDRAW;
}

/* The deputies who came to day d: a multi-pick of the deputies, marked as recorded before or,
 * the first time, as planned (the duty list). Returns false on Esc. *ids: new array. */
static bool days_pick_attendance(const struct reception_day *d, int64_t **ids, int *n)
{
	struct choice_list deps = { 0 };
	char *err = NULL;
	bool ok = false;
	*ids = NULL;
	*n = 0;
	/* Offer those on duty or already recorded even if they have left since. */
	int nkeep = d->nduty + d->nattend;
	int64_t *keep = xcalloc((size_t)nkeep + 1, sizeof *keep);
	for (int i = 0; i < d->nduty; i++)
		keep[i] = d->duty_ids[i];
	for (int i = 0; i < d->nattend; i++)
		keep[d->nduty + i] = d->attend_ids[i];
	if (choices_deputies(false, keep, nkeep, &deps, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		goto out;
	}
	const char **labels = xcalloc((size_t)deps.n + 1, sizeof *labels);
	bool *sel = xcalloc((size_t)deps.n + 1, sizeof *sel);
	const int64_t *mark = d->held == 1 ? d->attend_ids : d->duty_ids;
	int nmark = d->held == 1 ? d->nattend : d->nduty;
	for (int i = 0; i < deps.n; i++) {
		labels[i] = deps.v[i].label;
		for (int j = 0; j < nmark; j++)
			sel[i] = sel[i] || deps.v[i].id == mark[j];
	}
	char *title = xasprintf("%s 实际到场的代表（空格勾选，F2 确定）", d->vals[RD_DATE]);
	ok = dialog_multipick(title, labels, deps.n, sel, "");
	free(title);
	if (ok) {
		*ids = xcalloc((size_t)deps.n + 1, sizeof **ids);
		for (int i = 0; i < deps.n; i++)
			if (sel[i])
				(*ids)[(*n)++] = deps.v[i].id;
	}
	free(labels);
	free(sel);
out:
	choices_free(&deps);
	free(keep);
	return ok;
}

/* F5: was the selected day held? 已举行 (then who came), 未举行, or back to 待确认. */
static int days_held(struct screen *s)
{
	static const char *const answers[] = { "已举行（再勾选实际到场的代表）", "未举行", "待确认（撤销确认）" };
	static const int values[] = { 1, 0, RECEPTION_HELD_UNKNOWN };
	int64_t id = listscreen_selected(s), *ids = NULL;
	struct reception_day day = { 0 };
	char *err = NULL;
	int n = 0;
	if (id < 0 || db_reception_get(app->db, id, &day, &err) < 0)
		goto out;
	char *title = xasprintf("%s 的接待日举行了吗？", day.vals[RD_DATE]);
	int pick = dialog_pick(title, answers, (int)ARRAY_LEN(answers), "");
	free(title);
	if (pick < 0)
		goto out;
	/* Refused before the deputies are picked (the db checks again). */
	err = reception_held_refusal(day.vals[RD_DATE], day.cancelled, day.nvisits, values[pick], app->today);
	if (err || (values[pick] == 1 && !days_pick_attendance(&day, &ids, &n)))
		goto out;
	if (db_reception_set_held(app->db, id, values[pick], app->today, ids, n, &err) < 0)
		goto out;
	if (values[pick] == 1)
		app_message(MSG_INFO, "已记录：%s 的接待日已举行，到场代表 %d 位", day.vals[RD_DATE], n);
	else
		app_message(MSG_INFO, "已记录：%s 的接待日%s", day.vals[RD_DATE],
			    values[pick] == 0 ? "未举行" : "待确认");
	list_reload(listscreen_list(s));
out:
	if (err) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	free(ids);
	db_reception_day_free(&day);
	return UI_REDRAW;
}

static const struct binding days_actions[] = {
	{ .action = ACT_NEW, .run = days_new },
	{ .action = ACT_EDIT, .run = days_edit },
	{ .action = ACT_OPEN, .run = days_edit, .hidden = true },
	{ .action = ACT_GENERATE, .run = days_generate },
	{ .action = ACT_CANCEL, .run = days_cancel },
	{ .action = ACT_HELD, .run = days_held },
	{ .action = ACT_DELETE, .run = days_delete },
	{ .action = ACT_NONE },
};

const struct help_page reception_days_help = {
	.id = "reception_days",
	.title = "接待日安排",
	.note = "全年的接待日：日期、时间、地点、公示日期和值班代表，举行与否"
		 "和到场的代表。检查时看：接待日按规定提前公示，每个接待日都有"
		 "代表值班，开没开有记录。",
	.keys = days_actions,
	.flags = HELP_LIST,
};

static int days_count(void *state, const char *filter, int64_t *n, char **err)
{
	return day_count(state, filter, n, err);
}

static char *days_status(void *state, bool *filtered)
{
	(void)state;
	*filtered = false;
	return xstrdup(bad_period ? "筛选看不懂：请写 2026、2026-12、2026Q4 或起止日期"
				  : "可输入 2026、2026-12、2026Q4 或起止日期");
}



void reception_push(void)
{
	static char year[8];
	day_desc = day_desc_base;
	day_desc.def = day_form_def();
	snprintf(year, sizeof year, "%.4s", app->today);
	struct screen *s = listscreen_push(&(struct listscreen_desc){ .title = "接待日安排",
								      .cols = cols,
								      .ncols = (int)ARRAY_LEN(cols),
								      .count = days_count,
								      .fetch = day_fetch,
								      .actions = days_actions,
								      .status = days_status,
								      .default_filter = year,
								      .help = &reception_days_help });
	(void)s;
}
