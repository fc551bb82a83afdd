/* Login, the first run's station-head account, one's own password, and the permission check of
 * the screens (see login.h). Passwords live only in the editors of login_ask (wiped when it
 * returns) and in the strings handed to db/users.c (wiped by login_wipe): never in a draft, the
 * audit log or a file. */
#include "ui/login.h"

#include "core/text.h"
#include "core/util.h"
#include "db/users.h"
#include "ui/lineedit.h"
#include "ui/users.h"

#include <stdlib.h>
#include <string.h>

static struct auth_user login_user;

const struct auth_user *login_current(void) { return &login_user; }

bool login_on(void) { return app && app->cfg->login; }

void login_end(void) { auth_user_free(&login_user); }

void login_wipe(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

void login_fields_free(struct login_field *f, int n)
{
	for (int i = 0; i < n; i++) {
		if (f[i].masked)
			login_wipe(f[i].value);
		else
			free(f[i].value);
		f[i].value = NULL;
	}
}

/* ---- the modal form ---- */

#define LOGIN_FIELDS_MAX 6

struct lform {
	const char *title, *intro;
	struct login_field *f;
	int n, cur;
	struct lineedit ed[LOGIN_FIELDS_MAX];
	char *msg; /* owned */
};

static void lform_draw(void *ud)
{
	struct lform *lf = ud;
	int w = COLS - 8 < 64 ? COLS - 8 : 64;
	char **intro = NULL, **msg = NULL;
	int nintro = lf->intro ? text_wrap(lf->intro, w - 4, &intro) : 0;
	int nmsg_all = lf->msg ? text_wrap(lf->msg, w - 4, &msg) : 0;
	int nmsg = nmsg_all > 3 ? 3 : nmsg_all;
	int h = 2 + nintro + (nintro ? 1 : 0) + lf->n + 1 + (nmsg ? nmsg : 1) + 1;
	int y = (LINES - h) / 2 > 1 ? (LINES - h) / 2 : 1, x = (COLS - w) / 2;
	int cy = -1, cx = 0, r = y + 1;
	ui_box(y, x, h, w, lf->title);
	for (int i = 0; i < nintro; i++)
		ui_text(r++, x + 2, w - 4, intro[i], ALIGN_LEFT, ROLE_NORMAL);
	if (nintro)
		r++;
	for (int i = 0; i < lf->n; i++, r++) {
		int attr = ui_attr(i == lf->cur ? ROLE_FOCUS : ROLE_FIELD);
		ui_text(r, x + 2, 12, lf->f[i].label, ALIGN_LEFT, ROLE_HEADER);
		int fx = x + 15, fw = w - 17;
		if (lf->f[i].masked) {
			/* One * per character; the text itself is never drawn. */
			int len = (int)lf->ed[i].len < fw - 1 ? (int)lf->ed[i].len : fw - 1;
			char *stars = xmalloc((size_t)fw + 1);
			memset(stars, ' ', (size_t)fw);
			memset(stars, '*', (size_t)len);
			stars[fw] = '\0';
			attrset(attr);
			mvaddstr(r, fx, stars);
			attrset(A_NORMAL);
			free(stars);
			if (i == lf->cur) {
				cy = r;
				cx = fx + ((int)lf->ed[i].cur < fw - 1 ? (int)lf->ed[i].cur : fw - 1);
			}
		} else {
			int ey, ex;
			le_draw(&lf->ed[i], r, fx, fw, attr, &ey, &ex);
			if (i == lf->cur) {
				cy = ey;
				cx = ex;
			}
		}
	}
	r++;
	for (int i = 0; i < nmsg; i++)
		ui_text(r++, x + 2, w - 4, msg[i], ALIGN_LEFT, ROLE_ERROR);
	char *hint = xasprintf("Enter 下一项/确定  %s 确定  Esc 取消", keys_first_name(ACT_SAVE));
	ui_text(y + h - 1, x + 2, w - 4, hint, ALIGN_CENTER, ROLE_DIM);
	free(hint);
	str_free_array(intro, nintro);
	str_free_array(msg, nmsg_all);
	if (cy >= 0) {
		move(cy, cx);
		curs_set(1);
	}
	wnoutrefresh(stdscr);
}

/* Submit: the values as new strings into f[].value, then check. True when accepted. */
static bool lform_submit(struct lform *lf, char *(*check)(void *ud, struct login_field *f, int *bad), void *ud)
{
	login_fields_free(lf->f, lf->n);
	for (int i = 0; i < lf->n; i++) {
		lf->f[i].value = le_text(&lf->ed[i]);
		if (!lf->f[i].masked)
			str_trim(lf->f[i].value);
	}
	int bad = lf->cur;
	free(lf->msg);
	lf->msg = check ? check(ud, lf->f, &bad) : NULL;
	if (!lf->msg)
		return true;
	login_fields_free(lf->f, lf->n);
	for (int i = 0; i < lf->n; i++)
		if (lf->f[i].masked) {
			wmemset(lf->ed[i].buf, 0, lf->ed[i].len);
			le_set(&lf->ed[i], "");
		}
	lf->cur = bad >= 0 && bad < lf->n ? bad : 0;
	return false;
}

bool login_ask(const char *title, const char *intro, struct login_field *f, int n,
	       char *(*check)(void *ud, struct login_field *f, int *bad), void *ud)
{
	static const enum action acts[] = { ACT_SAVE, ACT_OPEN, ACT_NEXT_FIELD, ACT_PREV_FIELD,
					    ACT_BACK, ACT_QUIT, ACT_NONE };
	struct lform lf = { .title = title, .intro = intro, .f = f, .n = n < LOGIN_FIELDS_MAX ? n : LOGIN_FIELDS_MAX };
	bool ok = false;
	for (int i = 0; i < lf.n; i++) {
		le_init(&lf.ed[i], f[i].value ? f[i].value : "", f[i].max_chars, false);
		if (f[i].masked)
			login_wipe(f[i].value);
		else
			free(f[i].value);
		f[i].value = NULL;
	}
	app_draw_all();
	lform_draw(&lf);
	for (;;) {
		struct keypress k = app_getkey(lform_draw, &lf);
		if (app_stopping())
			break;
		enum action a = keys_lookup(k, acts);
		struct lineedit *ed = &lf.ed[lf.cur];
		if (ed->pasting && a != ACT_NONE)
			a = ACT_NONE;
		if (a == ACT_BACK || a == ACT_QUIT)
			break;
		if (a == ACT_SAVE || (a == ACT_OPEN && lf.cur == lf.n - 1)) {
			if ((ok = lform_submit(&lf, check, ud)))
				break;
		} else if (a == ACT_OPEN || a == ACT_NEXT_FIELD)
			lf.cur = (lf.cur + 1) % lf.n;
		else if (a == ACT_PREV_FIELD)
			lf.cur = (lf.cur + lf.n - 1) % lf.n;
		else if (le_key(ed, k)) {
			const char *notice = le_take_notice(ed);
			if (notice) {
				free(lf.msg);
				lf.msg = xstrdup(notice);
			}
		}
		app_draw_all();
		lform_draw(&lf);
	}
	for (int i = 0; i < lf.n; i++) {
		if (lf.ed[i].buf)
			wmemset(lf.ed[i].buf, 0, lf.ed[i].cap);
		le_free(&lf.ed[i]);
	}
	free(lf.msg);
	if (!ok)
		login_fields_free(f, lf.n);
	return ok;
}

/* ---- first run and login ---- */

enum { FR_LOGIN, FR_NAME, FR_PASS, FR_AGAIN, FR_N };

static char *first_run_check(void *ud, struct login_field *f, int *bad)
{
	(void)ud;
	char *m;
	if ((m = auth_check_login(f[FR_LOGIN].value))) {
		*bad = FR_LOGIN;
		return m;
	}
	if ((m = auth_check_name(f[FR_NAME].value))) {
		*bad = FR_NAME;
		return m;
	}
	if ((m = auth_check_password(f[FR_PASS].value, f[FR_AGAIN].value))) {
		*bad = FR_PASS;
		return m;
	}
	int64_t id = 0;
	char *err = NULL;
	db_set_user(app->db, f[FR_NAME].value, NULL); /* the account is logged as made by its owner */
	if (db_users_create(app->db, f[FR_LOGIN].value, f[FR_NAME].value, AUTH_HEAD, f[FR_PASS].value, &id, &err) < 0) {
		*bad = FR_LOGIN;
		char *r = xasprintf("没有建立账号：%s", err);
		free(err);
		return r;
	}
	login_user.id = id;
	login_user.login = xstrdup(f[FR_LOGIN].value);
	login_user.name = xstrdup(f[FR_NAME].value);
	login_user.role = AUTH_HEAD;
	return NULL;
}

static bool login_first_run(void)
{
	struct login_field f[FR_N] = {
		[FR_LOGIN] = { "登录名", false, AUTH_MAX_LOGIN, NULL },
		[FR_NAME] = { "姓名", false, AUTH_MAX_NAME, NULL },
		[FR_PASS] = { "密码", true, 64, NULL },
		[FR_AGAIN] = { "再输一次", true, 64, NULL },
	};
	char *intro = xasprintf("第一次使用：请先建立站长的账号。站长可以删除记录、更正已办结的案件、审批积分调整，"
				"并为其他联络员建立账号。密码至少 %d 个字符。",
				AUTH_MIN_PASSWORD);
	bool ok = login_ask("建立站长账号", intro, f, FR_N, first_run_check, NULL);
	free(intro);
	login_fields_free(f, FR_N);
	return ok;
}

static char *login_check(void *ud, struct login_field *f, int *bad)
{
	(void)ud;
	char *err = NULL;
	*bad = 1;
	if (!*f[0].value) {
		*bad = 0;
		return xstrdup("请填写登录名");
	}
	if (db_users_login(app->db, f[0].value, f[1].value, app->cfg->lock_minutes, &login_user, &err) < 0)
		return err;
	return NULL;
}

static bool login_screen(void)
{
	struct login_field f[2] = { { "登录名", false, AUTH_MAX_LOGIN, NULL }, { "密码", true, 64, NULL } };
	char *intro =
		xasprintf("请登录。连续 %d 次密码不对，账号将锁定 %d 分钟。", AUTH_MAX_TRIES, app->cfg->lock_minutes);
	bool ok = login_ask("登录", intro, f, 2, login_check, NULL);
	free(intro);
	login_fields_free(f, 2);
	return ok;
}

/* The clerk of [accounts] login = no, or the provisional one of the walk-through: [user] name
 * with every right. */
static bool login_as_user(void)
{
	login_user.name = xstrdup(app->cfg->user);
	login_user.login = xstrdup("");
	login_user.role = AUTH_HEAD;
	return true;
}

/* Log in; setup: a station without accounts leaves the head's account to the walk-through. */
static bool login_begin(bool setup)
{
	auth_user_free(&login_user);
	if (!app->cfg->login)
		return login_as_user();
	int64_t n = 0;
	char *err = NULL;
	if (db_users_count(app->db, &n, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return false;
	}
	if (setup && n == 0) {
		login_as_user();
		db_set_user(app->db, login_user.name, NULL);
		return true;
	}
	/* Attempts are recorded in the log as the login's, not the last clerk's. */
	db_set_user(app->db, "（登录）", NULL);
	bool ok = n == 0 && !db_damaged(app->db) ? login_first_run() : login_screen();
	if (!ok)
		return false;
	if (db_set_user(app->db, login_user.name, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	return true;
}

bool login_start(void) { return login_begin(false); }

bool login_start_setup(void) { return login_begin(true); }

bool login_has_account(void) { return login_user.id > 0; }

bool login_make_head(void)
{
	struct auth_user keep = login_user;
	memset(&login_user, 0, sizeof login_user);
	if (!login_first_run()) {
		auth_user_free(&login_user);
		login_user = keep;
		db_set_user(app->db, login_user.name ? login_user.name : "", NULL);
		return false;
	}
	auth_user_free(&keep);
	db_set_user(app->db, login_user.name, NULL);
	return true;
}

/* ---- the permission check ---- */

/* What each key-table action is, for the roles; AUTH_VIEW for everything not listed. */
static enum auth_action login_action_kind(const struct screen *s, enum action a)
{
	switch (a) {
	case ACT_NEW:
	case ACT_VISIT:
	case ACT_GENERATE:
		return AUTH_NEW;
	case ACT_EDIT:
	case ACT_CANCEL:
	case ACT_ACTIONS:
	case ACT_LINK:
	case ACT_HELD:
	case ACT_SIGNIN:
	case ACT_ALL_PRESENT:
		return AUTH_EDIT;
	case ACT_SAVE:
		return s && s->saves_nothing ? AUTH_VIEW : AUTH_EDIT;
	case ACT_DELETE:
		return AUTH_DELETE;
	case ACT_ADJUST:
		return AUTH_APPROVE_POINTS;
	default:
		return AUTH_VIEW;
	}
}

const char *login_refuse(enum auth_action a) { return auth_refusal(login_user.role, a); }

const char *login_refusal(const struct screen *s, enum action a) { return login_refuse(login_action_kind(s, a)); }

/* The screens that edit records (their save writes): a 只读 account never gets them. */
static const char *const login_edit_screens[] = { "register_form", "visit", "suggestion_form", "action", "signin" };

const char *login_refusal_push(const struct screen *s)
{
	if (s->saves_nothing)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(login_edit_screens); i++)
		if (!strcmp(s->ops->name, login_edit_screens[i]))
			return login_refuse(AUTH_EDIT);
	return NULL;
}

/* ---- one's own password ---- */

enum { OP_OLD, OP_NEW, OP_AGAIN, OP_N };

static char *own_password_check(void *ud, struct login_field *f, int *bad)
{
	(void)ud;
	char *err = NULL;
	*bad = OP_NEW;
	char *m = auth_check_password(f[OP_NEW].value, f[OP_AGAIN].value);
	if (m)
		return m;
	struct auth_user again = { 0 };
	*bad = OP_OLD;
	if (db_users_login(app->db, login_user.login, f[OP_OLD].value, app->cfg->lock_minutes, &again, &err) < 0) {
		char *r = xasprintf("原密码：%s", err);
		free(err);
		return r;
	}
	auth_user_free(&again);
	if (db_users_set_password(app->db, login_user.id, f[OP_NEW].value, &err) < 0)
		return err;
	return NULL;
}

void login_change_own_password(void)
{
	if (!login_on() || !login_user.id) {
		app_message(MSG_INFO, "没有使用账号登录（station.ini [accounts] login = no），不用密码");
		return;
	}
	struct login_field f[OP_N] = {
		[OP_OLD] = { "原密码", true, 64, NULL },
		[OP_NEW] = { "新密码", true, 64, NULL },
		[OP_AGAIN] = { "再输一次", true, 64, NULL },
	};
	char *title = xasprintf("修改 %s 的密码", login_user.login);
	if (login_ask(title, NULL, f, OP_N, own_password_check, NULL))
		app_message(MSG_INFO, "密码已修改");
	free(title);
	login_fields_free(f, OP_N);
}

int login_accounts_key(struct screen *s)
{
	(void)s;
	if (!login_on())
		app_message(MSG_INFO, "没有使用账号（station.ini [accounts] login = no）");
	else if (login_user.role == AUTH_HEAD)
		users_push();
	else
		login_change_own_password();
	return UI_REDRAW;
}
