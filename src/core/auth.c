/* Roles and what each may do (see auth.h): one table. */
#include "core/auth.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

static const char *const auth_labels[AUTH_ROLE_COUNT] = {
	[AUTH_CLERK] = "联络员",
	[AUTH_HEAD] = "站长",
	[AUTH_READONLY] = "只读",
};

/* Row: an action; columns: may 联络员, 站长, 只读 do it. */
static const struct {
	bool may[AUTH_ROLE_COUNT];
	const char *clerk_no; /* why a 联络员 may not (NULL: may) */
} auth_table[AUTH_ACTION_COUNT] = {
	[AUTH_VIEW] = { { true, true, true }, NULL },
	[AUTH_PRINT] = { { true, true, true }, NULL },
	[AUTH_NEW] = { { true, true, false }, NULL },
	[AUTH_EDIT] = { { true, true, false }, NULL },
	[AUTH_DELETE] = { { false, true, false }, "删除需要站长账号" },
	[AUTH_CORRECT_CLOSED] = { { false, true, false }, "更正已办结的记录需要站长账号" },
	[AUTH_APPROVE_POINTS] = { { false, true, false }, "履职积分调整需要站长审批（站长账号）" },
	[AUTH_MANAGE_USERS] = { { false, true, false }, "管理账号需要站长账号" },
	[AUTH_IMPORT] = { { true, true, false }, NULL },
	[AUTH_RESTORE] = { { false, true, false }, "恢复备份需要站长账号" },
	[AUTH_SETTINGS] = { { false, true, false }, "修改设置需要站长账号" },
};

void auth_user_free(struct auth_user *u)
{
	if (!u)
		return;
	free(u->login);
	free(u->name);
	memset(u, 0, sizeof *u);
}

const char *auth_role_label(enum auth_role r) { return r >= 0 && r < AUTH_ROLE_COUNT ? auth_labels[r] : ""; }

int auth_role_parse(const char *s)
{
	for (int r = 0; s && r < AUTH_ROLE_COUNT; r++)
		if (!strcmp(s, auth_labels[r]))
			return r;
	return -1;
}

bool auth_allows(enum auth_role r, enum auth_action a)
{
	if (r < 0 || r >= AUTH_ROLE_COUNT || a < 0 || a >= AUTH_ACTION_COUNT)
		return false;
	return auth_table[a].may[r];
}

const char *auth_refusal(enum auth_role r, enum auth_action a)
{
	if (auth_allows(r, a))
		return NULL;
	if (r == AUTH_READONLY)
		return a == AUTH_MANAGE_USERS ? "管理账号需要站长账号" : "只读账号不能修改记录";
	if (r == AUTH_CLERK && a >= 0 && a < AUTH_ACTION_COUNT && auth_table[a].clerk_no)
		return auth_table[a].clerk_no;
	return "没有这个权限";
}

/* Characters of s, or -1 if s is not valid UTF-8 / has characters that cannot be typed. */
static int auth_chars(const char *s, bool allow_space)
{
	mbstate_t st = { 0 };
	int n = 0;
	for (const char *p = s; *p;) {
		wchar_t c;
		size_t k = mbrtowc(&c, p, strlen(p), &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			return -1;
		if (!iswprint((wint_t)c) || (!allow_space && iswspace((wint_t)c)))
			return -1;
		p += k;
		n++;
	}
	return n;
}

char *auth_check_login(const char *login)
{
	if (!login || !*login)
		return xstrdup("请填写登录名");
	int n = auth_chars(login, false);
	if (n < 0)
		return xstrdup("登录名不能有空格或控制字符");
	if (n > AUTH_MAX_LOGIN)
		return xasprintf("登录名最多 %d 个字", AUTH_MAX_LOGIN);
	return NULL;
}

char *auth_check_name(const char *name)
{
	if (!name || !*name)
		return xstrdup("请填写姓名");
	int n = auth_chars(name, true);
	if (n < 0)
		return xstrdup("姓名不能有控制字符");
	if (n > AUTH_MAX_NAME)
		return xasprintf("姓名最多 %d 个字", AUTH_MAX_NAME);
	return NULL;
}

char *auth_check_password(const char *password, const char *again)
{
	int n = password ? auth_chars(password, true) : 0;
	if (!password || !*password)
		return xstrdup("请填写密码");
	if (n < 0)
		return xstrdup("密码不能有控制字符");
	if (n < AUTH_MIN_PASSWORD)
		return xasprintf("密码至少 %d 个字符", AUTH_MIN_PASSWORD);
	if (again && strcmp(password, again))
		return xstrdup("两次输入的密码不一样");
	return NULL;
}

bool auth_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;
	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}
