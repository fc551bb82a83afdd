/* The 设置 screen, and the checks and store shared with the first run's walk-through (see
 * settings.h). */
#include "ui/settings.h"

#include "core/text.h"
#include "core/util.h"
#include "db/settings.h"
#include "ui/app.h"
#include "ui/form.h"
#include "ui/help.h"
#include "ui/login.h"

#include <stdlib.h>
#include <string.h>

int settings_check(const char *const *keys, int n, char **val, const char **msgs)
{
	struct cfg c;
	int bad = 0;
	cfg_defaults(&c);
	for (int i = 0; i < n; i++) {
		char *why = cfg_set(&c, keys[i], val[i]);
		msgs[i] = why ? str_intern(why) : NULL;
		bad += why != NULL;
		free(why);
		if (!msgs[i]) { /* normalised as stored: 9：00～11：30 → 09:00-11:30 */
			char *norm = cfg_value_text(&c, keys[i]);
			str_set(&val[i], norm);
			free(norm);
		}
	}
	cfg_free(&c);
	return bad;
}

int settings_store(const char *const *keys, const char *const *vals, int n, char **err)
{
	if (db_settings_put(app->db, app->cfg, keys, vals, n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (cfg_settable(keys[i]))
			free(cfg_set(app->cfg_rw, keys[i], vals[i]));
	return 0;
}

/* ---- the screen ---- */

/* One line each: the setting and its label; the form's fields follow this order. */
static const struct {
	const char *key, *label;
} settings_items[] = {
	{ "station.name", "联络站名称" },
	{ "station.code", "本站代码" },
	{ "station.county", "县（区）" },
	{ "station.township", "乡镇（街道）" },
	{ "station.address", "地址" },
	{ "reception.rule", "接待日规则" },
	{ "reception.time", "接待时间" },
	{ "reception.place", "接待地点" },
	{ "reception.keep_holiday", "节假日照常接待" },
	{ "reception.notice_days", "提前公示天数" },
	{ "cases.deadline_days", "办理时限(工作日)" },
	{ "cases.due_soon_days", "临期提醒(工作日)" },
	{ "cases.assign_days", "交办时限(工作日)" },
	{ "cases.followup_days", "回访时限(工作日)" },
	{ "activities.min_per_quarter", "每季度最少活动" },
	{ "deputies.min_receptions_per_year", "每年最少接待" },
	{ "projects.pass_rule", "票决通过按" },
};
#define SETTINGS_N ((int)ARRAY_LEN(settings_items))

static struct field_def settings_fields[SETTINGS_N];
static const char *settings_keys[SETTINGS_N];

static int settings_def_check(char **val, const char **msgs)
{
	return settings_check(settings_keys, SETTINGS_N, val, msgs);
}

static struct record_def settings_def = {
	.table = "settings",
	.title = "设置",
	.fields = settings_fields,
	.nfields = SETTINGS_N,
	.check = settings_def_check,
};

struct settings_screen {
	struct form *form;
	bool may_change; /* the account working now may change settings */
};

/* The form's fields, from the table (every value is text checked by cfg_set). */
static void settings_init_def(void)
{
	for (int i = 0; i < SETTINGS_N; i++) {
		settings_keys[i] = settings_items[i].key;
		settings_fields[i] = (struct field_def){
			.col = strchr(settings_items[i].key, '.') + 1,
			.label = settings_items[i].label,
			.kind = FK_TEXT,
			.required = i < 2,
		};
	}
}

static void settings_draw(struct screen *s, int top, int height, int width)
{
	struct settings_screen *st = s->data;
	ui_text(top, 2, width - 4,
		st->may_change
			? "保存后立即生效（存在数据库里，优先于 station.ini）。本站代码只能在还没有意见建议时修改。"
			: "只读：修改设置需要站长账号。",
		ALIGN_LEFT, st->may_change ? ROLE_DIM : ROLE_ERROR);
	form_draw(st->form, top + 2, height - 2, width, &s->cur_y, &s->cur_x);
}

static int settings_save(void *ud)
{
	struct settings_screen *st = ud;
	const char *no = login_refuse(AUTH_SETTINGS);
	if (no) {
		app_message(MSG_ERROR, "%s", no);
		return UI_REDRAW;
	}
	char *const *v = form_values(st->form);
	char *err = NULL;
	if (settings_store(settings_keys, (const char *const *)v, SETTINGS_N, &err) < 0) {
		/* Every value passed the form's check: what is left is the code's refusal (the
		 * station has cases) or the database's. */
		int at = strstr(err, "代码") ? 1 : form_current(st->form);
		form_set_error(st->form, at, err);
		app_message(MSG_ERROR, "没有保存：%s", err);
		free(err);
		return UI_REDRAW;
	}
	form_mark_saved(st->form);
	app_message(MSG_INFO, "设置已保存");
	return UI_REDRAW;
}

static int settings_key(struct screen *s, struct keypress k)
{
	struct settings_screen *st = s->data;
	return form_screen_key(st->form, k, settings_save, st);
}

static void settings_fini(struct screen *s)
{
	struct settings_screen *st = s->data;
	form_free(st->form);
	free(st);
}

static const struct screen_ops settings_ops = {
	.name = "settings",
	.draw = settings_draw,
	.key = settings_key,
	.fini = settings_fini,
};

const struct help_page settings_help = {
	.id = "settings",
	.title = "设置",
	.note = "本站信息、接待日、办理时限等设置。第一次使用时由向导填写，这里随时可以修改（只有站长能改）。"
		"这里的设置存在数据库里（随备份带走），优先于 station.ini。",
	.keys = form_bindings,
	.flags = 0,
};

void settings_push(void)
{
	settings_init_def();
	struct settings_screen *st = xcalloc(1, sizeof *st);
	char *vals[SETTINGS_N];
	for (int i = 0; i < SETTINGS_N; i++)
		vals[i] = cfg_value_text(app->cfg, settings_keys[i]);
	st->form = form_new(&settings_def, vals, app->today);
	for (int i = 0; i < SETTINGS_N; i++)
		free(vals[i]);
	st->may_change = !login_refuse(AUTH_SETTINGS);
	struct screen *s = screen_new(&settings_ops, "设置", form_bindings);
	s->note = xstrdup(settings_help.note);
	s->data = st;
	app_push(s);
}
