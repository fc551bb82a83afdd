/* The account screen of the station head (see users.h): a list screen over db/users.c, and the
 * forms of ui/login.h (login_ask) for the account's fields and passwords, never a draft. */
#include "ui/users.h"

#include "core/auth.h"
#include "core/util.h"
#include "db/users.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/login.h"

#include <stdlib.h>
#include <string.h>

static const struct list_col users_cols[] = {
	{ "登录名", 8, 20, ALIGN_LEFT, -1, true, 0 },     { "姓名", 6, 20, ALIGN_LEFT, -1, false, 0 },
	{ "角色", 6, 6, ALIGN_LEFT, -1, false, 0 },       { "状态", 4, 24, ALIGN_LEFT, -1, false, 1 },
	{ "上次登录", 16, 16, ALIGN_LEFT, -1, false, 2 },
};

static int users_count(void *state, const char *text, int64_t *n, char **err)
{
	(void)state;
	return db_users_list_count(app->db, *text ? text : NULL, n, err);
}

static int users_fetch(void *state, const char *text, int sort_key, bool desc, int64_t offset,
		       const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	(void)state, (void)sort_key, (void)desc, (void)after;
	struct db_user *u = NULL;
	int n = 0;
	if (db_users_list(app->db, *text ? text : NULL, offset, limit, &u, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char *status = u[i].locked_until ? xasprintf("锁定到 %.16s", u[i].locked_until) : xstrdup("正常");
		const char *cells[] = { u[i].login, u[i].name, auth_role_label(u[i].role), status,
					u[i].last_login ? u[i].last_login : "" };
		list_page_add(page, (int)ARRAY_LEN(cells), u[i].id, cells);
		free(status);
	}
	db_users_free(u, n);
	return 0;
}

/* The role, picked from the three (current: the one highlighted first). -1 on Esc. */
static int users_pick_role(const char *current)
{
	const char *items[AUTH_ROLE_COUNT];
	for (int r = 0; r < AUTH_ROLE_COUNT; r++)
		items[r] = auth_role_label((enum auth_role)r);
	(void)current;
	return dialog_pick("角色", items, AUTH_ROLE_COUNT, NULL);
}

enum { NU_LOGIN, NU_NAME, NU_PASS, NU_AGAIN, NU_N };

struct new_user {
	enum auth_role role;
	int64_t id;
};

static char *users_new_check(void *ud, struct login_field *f, int *bad)
{
	struct new_user *nu = ud;
	char *m;
	if ((m = auth_check_login(f[NU_LOGIN].value))) {
		*bad = NU_LOGIN;
		return m;
	}
	if ((m = auth_check_name(f[NU_NAME].value))) {
		*bad = NU_NAME;
		return m;
	}
	if ((m = auth_check_password(f[NU_PASS].value, f[NU_AGAIN].value))) {
		*bad = NU_PASS;
		return m;
	}
	char *err = NULL;
	if (db_users_create(app->db, f[NU_LOGIN].value, f[NU_NAME].value, nu->role, f[NU_PASS].value, &nu->id, &err) <
	    0) {
		*bad = NU_LOGIN;
		return err;
	}
	return NULL;
}

static int users_new(struct screen *s)
{
	int r = users_pick_role(NULL);
	if (r < 0)
		return UI_REDRAW;
	struct new_user nu = { .role = (enum auth_role)r };
	struct login_field f[NU_N] = {
		[NU_LOGIN] = { "登录名", false, AUTH_MAX_LOGIN, NULL },
		[NU_NAME] = { "姓名", false, AUTH_MAX_NAME, NULL },
		[NU_PASS] = { "密码", true, 64, NULL },
		[NU_AGAIN] = { "再输一次", true, 64, NULL },
	};
	char *title = xasprintf("新增账号（%s）", auth_role_label(nu.role));
	char *intro = xasprintf("密码至少 %d 个字符；告诉本人后，请他用首页的%s键改成自己的密码。", AUTH_MIN_PASSWORD,
				keys_first_name(ACT_ACCOUNTS));
	if (login_ask(title, intro, f, NU_N, users_new_check, &nu)) {
		app_message(MSG_INFO, "已建立%s账号 %s（%s）", auth_role_label(nu.role), f[NU_LOGIN].value,
			    f[NU_NAME].value);
		list_reload(listscreen_list(s));
	}
	free(title);
	free(intro);
	login_fields_free(f, NU_N);
	return UI_REDRAW;
}

static int users_selected(struct screen *s, struct db_user *u)
{
	int64_t id = listscreen_selected(s);
	char *err = NULL;
	if (id < 0)
		return -1;
	if (db_users_get(app->db, id, u, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
		return -1;
	}
	return 0;
}

static char *users_name_check(void *ud, struct login_field *f, int *bad)
{
	(void)ud;
	*bad = 0;
	return auth_check_name(f[0].value);
}

static int users_edit(struct screen *s)
{
	struct db_user u = { 0 };
	if (users_selected(s, &u) < 0)
		return UI_REDRAW;
	struct login_field f[1] = { { "姓名", false, AUTH_MAX_NAME, xstrdup(u.name) } };
	char *title = xasprintf("修改账号 %s", u.login);
	int r = -1;
	char *err = NULL;
	if (login_ask(title, "姓名记入操作日志；改名不改变以前记录里的名字。", f, 1, users_name_check, NULL) &&
	    (r = users_pick_role(auth_role_label(u.role))) >= 0) {
		if (db_users_update(app->db, u.id, f[0].value, (enum auth_role)r, &err) < 0) {
			app_message(MSG_ERROR, "没有修改：%s", err);
			free(err);
		} else
			app_message(MSG_INFO, "已修改账号 %s：%s，%s", u.login, f[0].value,
				    auth_role_label((enum auth_role)r));
		list_reload(listscreen_list(s));
	}
	free(title);
	login_fields_free(f, 1);
	db_user_free(&u);
	return UI_REDRAW;
}

struct reset {
	int64_t id;
};

static char *users_reset_check(void *ud, struct login_field *f, int *bad)
{
	struct reset *r = ud;
	char *err = NULL;
	*bad = 0;
	char *m = auth_check_password(f[0].value, f[1].value);
	if (m)
		return m;
	if (db_users_set_password(app->db, r->id, f[0].value, &err) < 0)
		return err;
	return NULL;
}

static int users_password(struct screen *s)
{
	struct db_user u = { 0 };
	if (users_selected(s, &u) < 0)
		return UI_REDRAW;
	struct reset r = { u.id };
	struct login_field f[2] = { { "新密码", true, 64, NULL }, { "再输一次", true, 64, NULL } };
	char *title = xasprintf("重设 %s（%s）的密码", u.login, u.name);
	if (login_ask(title, "重设密码也解除锁定。", f, 2, users_reset_check, &r)) {
		app_message(MSG_INFO, "已重设 %s 的密码%s", u.login, u.locked_until ? "，并解除了锁定" : "");
		list_reload(listscreen_list(s));
	}
	free(title);
	login_fields_free(f, 2);
	db_user_free(&u);
	return UI_REDRAW;
}

static int users_delete(struct screen *s)
{
	struct db_user u = { 0 };
	char *err = NULL;
	if (users_selected(s, &u) < 0)
		return UI_REDRAW;
	if (u.id == login_current()->id)
		app_message(MSG_ERROR, "不能删除自己正在使用的账号");
	else {
		char *q = xasprintf("删除账号 %s（%s）吗？", u.login, u.name);
		if (dialog_confirm(q, "以前的记录和操作日志保留他的名字；删除后他不能再登录。")) {
			if (db_users_delete(app->db, u.id, &err) < 0) {
				app_message(MSG_ERROR, "没有删除：%s", err);
				free(err);
			} else
				app_message(MSG_INFO, "已删除账号 %s（%s）", u.login, u.name);
			list_reload(listscreen_list(s));
		}
		free(q);
	}
	db_user_free(&u);
	return UI_REDRAW;
}

static const struct binding users_actions[] = {
	{ .action = ACT_NEW, .run = users_new },
	{ .action = ACT_EDIT, .run = users_edit },
	{ .action = ACT_OPEN, .run = users_edit, .hidden = true },
	{ .action = ACT_PASSWORD, .run = users_password },
	{ .action = ACT_DELETE, .run = users_delete },
	{ .action = ACT_NONE },
};

const struct help_page accounts_help = {
	.id = "accounts",
	.title = "账号管理",
	.note = "站长管理的账号：登录名、姓名、角色（站长、联络员、只读）、是"
		 "否锁定。重设密码同时解除锁定；最后一个站长不能删除。",
	.keys = users_actions,
	.flags = HELP_LIST,
};

void users_push(void)
{
	const char *no = login_refuse(AUTH_MANAGE_USERS);
	if (no) {
		app_message(MSG_ERROR, "%s", no);
		return;
	}
	listscreen_push(&(struct listscreen_desc){ .title = "账号管理",
						   .cols = users_cols,
						   .ncols = (int)ARRAY_LEN(users_cols),
						   .count = users_count,
						   .fetch = users_fetch,
						   .actions = users_actions,
						   .help = &accounts_help });
}
