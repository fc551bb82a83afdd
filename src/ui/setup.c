/* The first run's walk-through (see setup.h). */
#include "ui/setup.h"

#include "cli/import.h"
#include "core/reception.h"
#include "core/text.h"
#include "core/util.h"
#include "db/settings.h"
#include "ui/app.h"
#include "ui/deputies.h"
#include "ui/dialog.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/login.h"
#include "ui/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum setup_step { STEP_STATION, STEP_ACCOUNT, STEP_RECEPTION, STEP_ROSTER, STEP_N };

/* ---- the steps' forms: every field but the roster's is a setting (db/settings.h) ---- */

static const char *const station_keys[] = { "station.name", "station.code", "station.county", "station.township",
					    "station.address" };
static const struct field_def station_fields[] = {
	{ .col = "name", .label = "联络站名称", .kind = FK_TEXT, .required = true },
	{ .col = "code", .label = "本站代码", .kind = FK_TEXT, .required = true },
	{ .col = "county", .label = "县（区）", .kind = FK_TEXT },
	{ .col = "township", .label = "乡镇（街道）", .kind = FK_TEXT },
	{ .col = "address", .label = "地址", .kind = FK_TEXT },
};
static int station_check(char **val, const char **msgs)
{
	return settings_check(station_keys, (int)ARRAY_LEN(station_keys), val, msgs);
}
static const struct record_def station_def = { .table = "settings",
					       .title = "本站信息",
					       .fields = station_fields,
					       .nfields = (int)ARRAY_LEN(station_fields),
					       .check = station_check };

static const char *const reception_keys[] = { "reception.rule", "reception.time", "reception.place" };
static const struct field_def reception_fields[] = {
	{ .col = "rule", .label = "接待日规则", .kind = FK_TEXT, .required = true },
	{ .col = "time", .label = "接待时间", .kind = FK_TEXT, .required = true },
	{ .col = "place", .label = "接待地点", .kind = FK_TEXT },
};
static int reception_check(char **val, const char **msgs)
{
	return settings_check(reception_keys, (int)ARRAY_LEN(reception_keys), val, msgs);
}
static const struct record_def reception_rule_def = { .table = "settings",
						      .title = "接待日",
						      .fields = reception_fields,
						      .nfields = (int)ARRAY_LEN(reception_fields),
						      .check = reception_check };

enum { ROSTER_HOW, ROSTER_FILE };
#define ROSTER_IMPORT "从 CSV 文件导入"
#define ROSTER_HAND   "手工逐个添加"
#define ROSTER_LATER  "以后再说"
static const char *const roster_choices[] = { ROSTER_IMPORT, ROSTER_HAND, ROSTER_LATER, NULL };
static const struct field_def roster_fields[] = {
	[ROSTER_HOW] = { .col = "how",
			 .label = "代表名册",
			 .kind = FK_CHOICE,
			 .required = true,
			 .choices = roster_choices,
			 .def = ROSTER_IMPORT },
	[ROSTER_FILE] = { .col = "file", .label = "CSV 文件", .kind = FK_TEXT, .max_chars = 400 },
};
static int roster_check(char **val, const char **msgs)
{
	if (!strcmp(val[ROSTER_HOW], ROSTER_IMPORT) && str_empty(val[ROSTER_FILE])) {
		msgs[ROSTER_FILE] = "请填写 CSV 文件的位置（或选 手工逐个添加、以后再说）";
		return 1;
	}
	return 0;
}
static const struct record_def roster_def = { .table = "settings",
					      .title = "代表名册",
					      .fields = roster_fields,
					      .nfields = (int)ARRAY_LEN(roster_fields),
					      .check = roster_check };

/* One step: its form (NULL: no form), setting keys, heading and draft kind. */
static const struct {
	const struct record_def *def;
	const char *const *keys; /* def->nfields setting keys, or NULL */
	const char *heading;
	const char *draft;
} steps[STEP_N] = {
	[STEP_STATION] = { &station_def, station_keys, "本站信息", "setup:station" },
	[STEP_ACCOUNT] = { NULL, NULL, "站长账号", NULL },
	[STEP_RECEPTION] = { &reception_rule_def, reception_keys, "接待日", "setup:reception" },
	[STEP_ROSTER] = { &roster_def, NULL, "代表名册", "setup:roster" },
};

struct setup {
	int step;
	struct form *form;    /* the step's form, or NULL (the account step) */
	char **typed[STEP_N]; /* what was typed in a step left with Esc (owned), or NULL */
	char *dates;          /* step 3: the next reception days the typed rule gives; owned */
	bool then_hand;       /* finished choosing 手工逐个添加: open the deputy form after */
	bool finished;
};

/* ---- when ---- */

static bool setup_accounts(void) { return app->cfg->login; }

bool setup_wanted(bool new_db)
{
	char *step = NULL, *err = NULL;
	bool empty = false, want = false;
	if (db_damaged(app->db) || db_readonly(app->db) ||
	    db_settings_get(app->db, SETTINGS_SETUP_STEP, &step, &err) < 0)
		goto out;
	if (step) {
		want = strcmp(step, "done") != 0;
		goto out;
	}
	if (!new_db || app->cfg->station_name_set || db_settings_empty(app->db, &empty, &err) < 0 || !empty)
		goto out;
	const char *k[] = { SETTINGS_SETUP_STEP }, *v[] = { "1" };
	want = db_settings_put(app->db, NULL, k, v, 1, &err) == 0;
out:
	free(step);
	free(err);
	return want;
}

/* ---- moving between steps ---- */

static int setup_count(void) { return setup_accounts() ? STEP_N : STEP_N - 1; }

/* The number shown for a step (the account step is left out without accounts). */
static int setup_number(int step) { return step + 1 - (!setup_accounts() && step > STEP_ACCOUNT); }

/* The next or previous step that applies. */
static int setup_move(int step, int by)
{
	step += by;
	if (step == STEP_ACCOUNT && !setup_accounts())
		step += by;
	return step;
}

/* Step 3: the next three reception days of the rule as typed, into st->dates. */
static void setup_dates(struct setup *st)
{
	free(st->dates);
	st->dates = NULL;
	if (st->step != STEP_RECEPTION || !st->form)
		return;
	struct cfg c = *app->cfg; /* a rule only sets two numbers: the copy shares no freed string */
	char *why = cfg_set(&c, "reception.rule", form_value(st->form, 0));
	if (why) {
		free(why);
		return;
	}
	struct strbuf sb;
	sb_init(&sb);
	int year = atoi(app->today), shown = 0;
	for (int y = year; y <= year + 1 && shown < 3; y++) {
		struct reception_date *d = NULL;
		int n = reception_dates(&c, app->cal, y, &d);
		for (int i = 0; i < n && shown < 3; i++)
			if (strcmp(d[i].date, app->today) >= 0)
				sb_addf(&sb, "%s%s", shown++ ? "、" : "", d[i].date);
		free(d);
	}
	st->dates = sb_take(&sb);
}

/* Build the form of st->step: what was typed before, else the settings as they stand (the
 * database's, else station.ini's). */
static void setup_open(struct setup *st)
{
	const struct record_def *def = steps[st->step].def;
	form_free(st->form);
	st->form = NULL;
	if (!def)
		return;
	char **v = st->typed[st->step];
	if (!v) {
		v = record_new_values(def, app->today);
		for (int i = 0; steps[st->step].keys && i < def->nfields; i++) {
			free(v[i]);
			v[i] = cfg_value_text(app->cfg, steps[st->step].keys[i]);
		}
	}
	st->form = form_new(def, v, app->today);
	if (v != st->typed[st->step]) {
		/* Values from station.ini or the defaults: the first character typed replaces them. */
		for (int i = 0; i < def->nfields; i++)
			form_mark_default(st->form, i);
		record_free_values(def, v);
	}
	form_set_draft(st->form, steps[st->step].draft, 0);
	setup_dates(st);
}

/* Keep what the current form holds (Esc: back a step without losing it). */
static void setup_keep(struct setup *st)
{
	const struct record_def *def = steps[st->step].def;
	if (!st->form)
		return;
	if (st->typed[st->step])
		record_free_values(def, st->typed[st->step]);
	st->typed[st->step] = xcalloc((size_t)def->nfields, sizeof(char *));
	for (int i = 0; i < def->nfields; i++)
		st->typed[st->step][i] = xstrdup(form_value(st->form, i));
}

/* Go to step to, storing it as the step to resume at. */
static int setup_go(struct setup *st, int to)
{
	char *err = NULL;
	char num[12];
	snprintf(num, sizeof num, "%d", to + 1);
	const char *k[] = { SETTINGS_SETUP_STEP }, *v[] = { num };
	if (settings_store(k, v, 1, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	st->step = to;
	setup_open(st);
	return UI_REDRAW;
}

/* ---- the steps' F2 ---- */

/* A scrollable box of the import's problems; any of Esc, Enter, F2 closes it. */
struct setup_errors {
	char **lines;
	int n, top;
};

static void setup_errors_draw(void *ud)
{
	struct setup_errors *e = ud;
	int w = COLS - 6, h = LINES - 6, x = 3, y = 3;
	char *title = xasprintf("没有导入：%d 处问题（Up/Down 翻看，Esc 关闭）", e->n);
	ui_box(y, x, h, w, title);
	free(title);
	for (int i = 0; i < h - 2 && e->top + i < e->n; i++)
		ui_text(y + 1 + i, x + 2, w - 4, e->lines[e->top + i], ALIGN_LEFT, ROLE_ERROR);
	wnoutrefresh(stdscr);
}

static void setup_show_errors(char **lines, int n)
{
	static const enum action acts[] = { ACT_UP,   ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_BACK,
					    ACT_OPEN, ACT_SAVE, ACT_QUIT, ACT_NONE };
	struct setup_errors e = { lines, n, 0 };
	int page = LINES - 8 > 1 ? LINES - 8 : 1;
	for (;;) {
		app_draw_all();
		setup_errors_draw(&e);
		struct keypress k = app_getkey(setup_errors_draw, &e);
		enum action a = keys_lookup(k, acts);
		if (app_stopping() || a == ACT_BACK || a == ACT_OPEN || a == ACT_SAVE || a == ACT_QUIT)
			return;
		int top = e.top +
			(a == ACT_DOWN           ? 1
				 : a == ACT_UP   ? -1
				 : a == ACT_PGDN ? page
				 : a == ACT_PGUP ? -page
						 : 0);
		e.top = top > n - page ? (n - page > 0 ? n - page : 0) : top < 0 ? 0 : top;
	}
}

/* The roster's step: import all or nothing, or leave it to the clerk. */
static int setup_roster(struct setup *st)
{
	char *const *v = form_values(st->form);
	if (!strcmp(v[ROSTER_HOW], ROSTER_IMPORT)) {
		struct cli_import_result res;
		if (cli_import_deputies_file(app->db, v[ROSTER_FILE], app->today, &res) < 0) {
			setup_show_errors(res.errors, res.nerrors);
			form_set_error(st->form, ROSTER_FILE, "没有导入，请改正文件后再保存");
			cli_import_result_free(&res);
			return UI_REDRAW;
		}
		app_message(MSG_INFO, "已导入 %d 位代表。设置完成，以后可在首页按 %s 修改设置", res.imported,
			    keys_first_name(ACT_SETTINGS));
		cli_import_result_free(&res);
	} else {
		st->then_hand = !strcmp(v[ROSTER_HOW], ROSTER_HAND);
		app_message(MSG_INFO, "设置完成，以后可在首页按 %s 修改设置", keys_first_name(ACT_SETTINGS));
	}
	form_mark_saved(st->form);
	char *err = NULL;
	const char *k[] = { SETTINGS_SETUP_STEP }, *dv[] = { "done" };
	if (settings_store(k, dv, 1, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	st->finished = true;
	return UI_POP;
}

static int setup_next(struct setup *st)
{
	char *err = NULL;
	if (st->step == STEP_ROSTER)
		return setup_roster(st);
	if (st->step == STEP_ACCOUNT) {
		if (!login_has_account() && !login_make_head())
			return UI_REDRAW;
		return setup_go(st, setup_move(st->step, 1));
	}
	const struct record_def *def = steps[st->step].def;
	if (settings_store(steps[st->step].keys, (const char *const *)form_values(st->form), def->nfields, &err) < 0) {
		form_set_error(st->form, strstr(err, "代码") ? 1 : 0, err);
		app_message(MSG_ERROR, "没有保存：%s", err);
		free(err);
		return UI_REDRAW;
	}
	form_mark_saved(st->form);
	if (st->typed[st->step]) {
		record_free_values(def, st->typed[st->step]);
		st->typed[st->step] = NULL;
	}
	return setup_go(st, setup_move(st->step, 1));
}

/* ---- the screen ---- */

/* The text above the form; a new string. */
static char *setup_intro(const struct setup *st)
{
	switch (st->step) {
	case STEP_STATION:
		return xstrdup("欢迎使用。先填写本站的名称和代码。代码用英文字母或数字（1 到 12 个），"
			       "用在意见建议的编号里（如 CG01-2026-0001），也用来区分各站的备份和报表。");
	case STEP_ACCOUNT:
		if (login_has_account())
			return xasprintf("站长账号已建立：%s（登录名 %s）。按 %s 下一步。", login_current()->name,
					 login_current()->login, keys_first_name(ACT_SAVE));
		return xasprintf("按 %s 建立站长的账号（登录名、姓名、密码，密码至少 %d 个字符）。站长可以删除记录、"
				 "更正已办结的案件、修改设置，并为其他联络员建立账号。",
				 keys_first_name(ACT_SAVE), AUTH_MIN_PASSWORD);
	case STEP_RECEPTION:
		return xasprintf("代表接待选民的固定日子。规则写 每月15日 或 每周三；时间如 09:00-11:30。"
				 "遇到节假日顺延到下一个工作日。接下来的接待日：%s",
				 st->dates && *st->dates ? st->dates : "（规则有误，无法计算）");
	default: {
		static const char *const where[] = { "/usr/share/station/templates/代表名册.csv",
						     "data/templates/代表名册.csv" };
		const char *t = access(where[0], R_OK) == 0 ? where[0] : where[1];
		return xasprintf("代表名册：可以用 WPS 或 Excel 打开模板 %s，每行填一位代表，另存为 CSV，"
				 "把文件位置填在下面（有一行不对就一行也不导入，并列出所有问题）；"
				 "也可以选 手工逐个添加，或 以后再说。",
				 t);
	}
	}
}

static void setup_draw(struct screen *s, int top, int height, int width)
{
	struct setup *st = s->data;
	char *head = xasprintf("第一次使用：第 %d 步（共 %d 步） %s", setup_number(st->step), setup_count(),
			       steps[st->step].heading);
	ui_text(top, 2, width - 4, head, ALIGN_LEFT, ROLE_HEADER);
	free(head);
	char *intro = setup_intro(st), **lines = NULL;
	int n = text_wrap(intro, width - 4, &lines), y = top + 2;
	for (int i = 0; i < n && i < 5; i++)
		ui_text(y++, 2, width - 4, lines[i], ALIGN_LEFT, ROLE_NORMAL);
	str_free_array(lines, n);
	free(intro);
	y++;
	/* keys_first_name() reuses its buffer: one copy per key */
	char *save = xstrdup(keys_first_name(ACT_SAVE)), *back = xstrdup(keys_first_name(ACT_BACK));
	char *hint = xasprintf("%s 下一步    %s 上一步（已填的不会丢）    %s 退出（下次从这一步继续）", save, back,
			       keys_first_name(ACT_QUIT));
	free(save);
	free(back);
	ui_text(top + height - 1, 2, width - 4, hint, ALIGN_LEFT, ROLE_DIM);
	free(hint);
	if (st->form)
		form_draw(st->form, y, top + height - 1 - y, width, &s->cur_y, &s->cur_x);
}

static int setup_key(struct screen *s, struct keypress k)
{
	static const enum action acts[] = { ACT_BACK, ACT_QUIT, ACT_SAVE, ACT_NONE };
	struct setup *st = s->data;
	enum action a = keys_lookup(k, acts);
	if (a == ACT_QUIT)
		return dialog_confirm("退出设置向导吗？", "已填的内容都会保留，下次打开程序从这一步继续") ? UI_QUIT
													  : UI_REDRAW;
	if (a == ACT_BACK) {
		int to = setup_move(st->step, -1);
		if (to < 0) {
			app_message(MSG_INFO, "这是第一步；退出请按 %s", keys_first_name(ACT_QUIT));
			return UI_REDRAW;
		}
		setup_keep(st);
		return setup_go(st, to);
	}
	if (!st->form)
		return a == ACT_SAVE ? setup_next(st) : UI_REDRAW;
	if (form_key(st->form, k) == FORM_SAVE)
		return setup_next(st);
	setup_dates(st);
	return UI_REDRAW;
}

static void setup_fini(struct screen *s)
{
	struct setup *st = s->data;
	form_free(st->form);
	for (int i = 0; i < STEP_N; i++)
		if (st->typed[i])
			record_free_values(steps[i].def, st->typed[i]);
	free(st->dates);
	bool hand = st->finished && st->then_hand;
	free(st);
	/* Done with 手工逐个添加: the roster and a new deputy's form follow (app_pop lets a fini push). */
	if (hand) {
		deputies_push();
		deputy_form_push(0);
	}
}

static const struct screen_ops setup_ops = {
	.name = "setup",
	.draw = setup_draw,
	.key = setup_key,
	.fini = setup_fini,
};

static const struct binding setup_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_SAVE },
	{ .action = ACT_PICK },
	{ .action = ACT_NEXT_FIELD },
	{ .action = ACT_BACK },
	{ .action = ACT_QUIT },
	{ .action = ACT_PREV_FIELD, .hidden = true },
	{ .action = ACT_PGUP, .hidden = true },
	{ .action = ACT_PGDN, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page setup_help = {
	.id = "setup",
	.title = "设置向导（第一次使用）",
	.note = "第一次使用的设置向导：本站信息、站长账号、接待日、代表名册。F2 保存这一步并进入下一步，"
		"Esc 回到上一步（已填的不会丢），F10 退出（下次打开从这一步继续）。"
		"以后在首页的 设置 里可以修改这里的每一项。",
	.keys = setup_bar,
	.flags = 0,
};

void setup_push(void)
{
	struct setup *st = xcalloc(1, sizeof *st);
	char *step = NULL;
	db_settings_get(app->db, SETTINGS_SETUP_STEP, &step, NULL);
	int n = step ? atoi(step) : 1;
	free(step);
	st->step = n >= 1 && n <= STEP_N ? n - 1 : 0;
	if (st->step == STEP_ACCOUNT && !setup_accounts())
		st->step = STEP_RECEPTION;
	setup_open(st);
	struct screen *s = screen_new(&setup_ops, "设置向导", setup_bar);
	s->note = xstrdup(setup_help.note);
	s->data = st;
	app_push(s);
}
