/* core/auth.c: what each role may do, the refusals' words, the checks of logins, names and
 * passwords, and the constant-time comparison. */
#include "t.h"

#include "core/auth.h"

#include <locale.h>
#include <stdlib.h>

/* The table of the issue: 联络员 enters and edits; 站长 also deletes, corrects closed cases,
 * approves point adjustments, manages accounts; 只读 sees and prints, changes nothing. */
TEST(t_roles)
{
	for (int a = 0; a < AUTH_ACTION_COUNT; a++)
		CHECK(auth_allows(AUTH_HEAD, (enum auth_action)a));
	CHECK(auth_allows(AUTH_CLERK, AUTH_NEW));
	CHECK(auth_allows(AUTH_CLERK, AUTH_EDIT));
	CHECK(auth_allows(AUTH_CLERK, AUTH_PRINT));
	CHECK(auth_allows(AUTH_CLERK, AUTH_IMPORT));
	CHECK(!auth_allows(AUTH_CLERK, AUTH_DELETE));
	CHECK(!auth_allows(AUTH_CLERK, AUTH_CORRECT_CLOSED));
	CHECK(!auth_allows(AUTH_CLERK, AUTH_APPROVE_POINTS));
	CHECK(!auth_allows(AUTH_CLERK, AUTH_MANAGE_USERS));
	CHECK(!auth_allows(AUTH_CLERK, AUTH_RESTORE));
	CHECK(auth_allows(AUTH_READONLY, AUTH_VIEW));
	CHECK(auth_allows(AUTH_READONLY, AUTH_PRINT));
	for (int a = AUTH_NEW; a < AUTH_ACTION_COUNT; a++)
		CHECK(!auth_allows(AUTH_READONLY, (enum auth_action)a));
	CHECK(!auth_allows((enum auth_role)7, AUTH_VIEW));
}

TEST(t_refusals)
{
	CHECK(auth_refusal(AUTH_HEAD, AUTH_DELETE) == NULL);
	CHECK(auth_refusal(AUTH_CLERK, AUTH_EDIT) == NULL);
	CHECK_STR(auth_refusal(AUTH_CLERK, AUTH_DELETE), "删除需要站长账号");
	CHECK_STR(auth_refusal(AUTH_READONLY, AUTH_EDIT), "只读账号不能修改记录");
	CHECK_STR(auth_refusal(AUTH_READONLY, AUTH_NEW), "只读账号不能修改记录");
	CHECK_STR(auth_refusal(AUTH_READONLY, AUTH_DELETE), "只读账号不能修改记录");
	CHECK(strstr(auth_refusal(AUTH_CLERK, AUTH_APPROVE_POINTS), "站长") != NULL);
	CHECK(strstr(auth_refusal(AUTH_CLERK, AUTH_CORRECT_CLOSED), "站长") != NULL);
}

TEST(t_labels)
{
	CHECK_STR(auth_role_label(AUTH_CLERK), "联络员");
	CHECK_STR(auth_role_label(AUTH_HEAD), "站长");
	CHECK_STR(auth_role_label(AUTH_READONLY), "只读");
	CHECK_INT(auth_role_parse("只读"), AUTH_READONLY);
	CHECK_INT(auth_role_parse("站长"), AUTH_HEAD);
	CHECK_INT(auth_role_parse("管理员"), -1);
	CHECK_INT(auth_role_parse(NULL), -1);
}

static int refused(char *m)
{
	int r = m != NULL;
	free(m);
	return r;
}

TEST(t_checks)
{
	CHECK(!refused(auth_check_login("wang")));
	CHECK(!refused(auth_check_login("王芳")));
	CHECK(refused(auth_check_login("")));
	CHECK(refused(auth_check_login("wang fang")));
	CHECK(refused(auth_check_login("abcdefghijklmnopqrstu"))); /* 21 characters */
	CHECK(refused(auth_check_login("a\tb")));
	CHECK(!refused(auth_check_name("王 芳")));
	CHECK(refused(auth_check_name("")));
	CHECK(!refused(auth_check_password("123456", "123456")));
	CHECK(!refused(auth_check_password("密码密码密码", NULL)));
	char *m = auth_check_password("12345", "12345");
	CHECK_STR(m, "密码至少 6 个字符");
	free(m);
	m = auth_check_password("1234567", "1234568");
	CHECK_STR(m, "两次输入的密码不一样");
	free(m);
	CHECK(refused(auth_check_password("", "")));
	CHECK(refused(auth_check_password(NULL, NULL)));
}

TEST(t_equal)
{
	CHECK(auth_equal("$y$abc", "$y$abc"));
	CHECK(!auth_equal("$y$abc", "$y$abd"));
	CHECK(!auth_equal("$y$abc", "$y$ab"));
	CHECK(!auth_equal("", "x"));
	CHECK(auth_equal("", ""));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(t_roles);
	RUN(t_refusals);
	RUN(t_labels);
	RUN(t_checks);
	RUN(t_equal);
	return t_done();
}
