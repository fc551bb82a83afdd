/* db/users.c on a real database: the migration keeps rows and allows 只读, yescrypt hashes (salted:
 * two hashes of one password differ), login with the same message for a wrong login and a wrong
 * password, five wrong passwords lock until a time (even the right password is refused), the lock
 * ends by time or by a reset, the last 站长 stays, a deleted account's name stays in the log, and
 * no password reaches the audit log. */
#include "tdb.h"

#include "db/users.h"

#include <locale.h>

static int64_t mk(const char *login, const char *name, enum auth_role r, const char *pw)
{
	int64_t id = 0;
	char *err = NULL;
	if (db_users_create(db, login, name, r, pw, &id, &err) < 0) {
		fprintf(stderr, "  create %s: %s\n", login, err);
		t_failed_checks++;
	}
	free(err);
	return id;
}

/* Log in; returns 0 or -1, *msg (may be NULL) the message (caller frees). */
static int try_login(const char *login, const char *pw, struct auth_user *u, char **msg)
{
	struct auth_user tmp = { 0 };
	char *err = NULL;
	int rc = db_users_login(db, login, pw, 15, u ? u : &tmp, &err);
	auth_user_free(&tmp);
	if (msg)
		*msg = err;
	else
		free(err);
	return rc;
}

TEST(t_create_and_login)
{
	tdb_open("users");
	CHECK_INT(q_int("SELECT count(*) FROM users"), 0);
	int64_t head = mk("zhang", "张站长", AUTH_HEAD, "secret1");
	int64_t ro = mk("jc", "检查员", AUTH_READONLY, "readonly9");
	CHECK(head > 0 && ro > 0);
	CHECK_INT(q_int("SELECT count(*) FROM users WHERE password_hash LIKE '$y$%'"), 2);
	CHECK_INT(q_int("SELECT count(*) FROM users WHERE password_hash LIKE '%secret1%'"), 0);
	/* salted: the same password twice gives two different hashes */
	int64_t a = mk("a1", "甲", AUTH_CLERK, "samepass");
	int64_t b = mk("b1", "乙", AUTH_CLERK, "samepass");
	char *sql = xasprintf("SELECT (SELECT password_hash FROM users WHERE id = %lld) <> "
			      "(SELECT password_hash FROM users WHERE id = %lld)",
			      (long long)a, (long long)b);
	CHECK_INT(q_int(sql), 1);
	free(sql);
	struct auth_user u = { 0 };
	CHECK_INT(try_login("zhang", "secret1", &u, NULL), 0);
	CHECK_STR(u.name, "张站长");
	CHECK_INT(u.role, AUTH_HEAD);
	auth_user_free(&u);
	CHECK_INT(try_login("ZHANG", "secret1", &u, NULL), 0); /* logins ignore ASCII case */
	auth_user_free(&u);
	CHECK_INT(try_login("jc", "readonly9", &u, NULL), 0);
	CHECK_INT(u.role, AUTH_READONLY);
	auth_user_free(&u);
	CHECK_INT(q_int("SELECT count(*) FROM users WHERE last_login IS NOT NULL"), 2);
	/* a wrong password and an unknown login say the same */
	char *m1 = NULL, *m2 = NULL;
	CHECK_INT(try_login("zhang", "wrong11", NULL, &m1), -1);
	CHECK_INT(try_login("nobody", "secret1", NULL, &m2), -1);
	CHECK_STR(m1, "登录名或密码不对");
	CHECK_STR(m2, "登录名或密码不对");
	free(m1);
	free(m2);
	/* a taken login, a short password */
	char *err = NULL;
	CHECK_INT(db_users_create(db, "Zhang", "又一个", AUTH_CLERK, "secret1", NULL, &err), -1);
	CHECK(err && strstr(err, "已经有人用了"));
	free(err);
	err = NULL;
	CHECK_INT(db_users_create(db, "li", "李", AUTH_CLERK, "12345", NULL, &err), -1);
	CHECK_STR(err, "密码至少 6 个字符");
	free(err);
	/* no password in the audit log */
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'users'"
			" AND (coalesce(new_values, '') LIKE '%$y$%' OR coalesce(new_values, '') LIKE '%secret1%')"),
		  0);
	tdb_close();
}

TEST(t_lock)
{
	tdb_open("users-lock");
	mk("zhang", "张站长", AUTH_HEAD, "secret1");
	int64_t clerk = mk("wang", "王芳", AUTH_CLERK, "wangpass");
	char *m = NULL;
	for (int i = 0; i < AUTH_MAX_TRIES - 1; i++)
		CHECK_INT(try_login("wang", "bad-pass", NULL, NULL), -1);
	CHECK_INT(q_int("SELECT fails FROM users WHERE login = 'wang'"), AUTH_MAX_TRIES - 1);
	CHECK_INT(try_login("wang", "bad-pass", NULL, &m), -1);
	CHECK(m && strstr(m, "已锁定到"));
	free(m);
	CHECK_INT(q_int("SELECT locked_until > strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime', '+14 minutes')"
			" AND locked_until <= strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime', '+15 minutes')"
			" FROM users WHERE login = 'wang'"),
		  1);
	/* locked: even the right password is refused, and the message says until when */
	CHECK_INT(try_login("wang", "wangpass", NULL, &m), -1);
	CHECK(m && strstr(m, "已锁定") && strstr(m, "以后再试"));
	free(m);
	struct db_user du = { 0 };
	CHECK_INT(db_users_get(db, clerk, &du, NULL), 0);
	CHECK(du.locked_until != NULL);
	db_user_free(&du);
	/* the lock ends by itself */
	db_exec(db, "UPDATE users SET locked_until = '2000-01-01 00:00:00' WHERE login = 'wang'", NULL);
	CHECK_INT(try_login("wang", "wangpass", NULL, NULL), 0);
	/* ... or by the head's reset, which also sets the new password */
	for (int i = 0; i < AUTH_MAX_TRIES; i++)
		try_login("wang", "bad-pass", NULL, NULL);
	CHECK_INT(try_login("wang", "wangpass", NULL, NULL), -1);
	CHECK_INT(db_users_set_password(db, clerk, "newpass1", NULL), 0);
	CHECK_INT(try_login("wang", "wangpass", NULL, NULL), -1);
	CHECK_INT(try_login("wang", "newpass1", NULL, NULL), 0);
	CHECK_INT(q_int("SELECT fails FROM users WHERE login = 'wang'"), 0);
	tdb_close();
}

TEST(t_last_head_and_delete)
{
	tdb_open("users-del");
	int64_t head = mk("zhang", "张站长", AUTH_HEAD, "secret1");
	int64_t clerk = mk("wang", "王芳", AUTH_CLERK, "wangpass");
	char *err = NULL;
	CHECK_INT(db_users_delete(db, head, &err), -1);
	CHECK(err && strstr(err, "唯一的站长"));
	free(err);
	err = NULL;
	CHECK_INT(db_users_update(db, head, "张站长", AUTH_CLERK, &err), -1);
	CHECK(err && strstr(err, "唯一的站长"));
	free(err);
	CHECK_INT(db_users_update(db, clerk, "王芳芳", AUTH_READONLY, NULL), 0);
	struct db_user du = { 0 };
	CHECK_INT(db_users_get(db, clerk, &du, NULL), 0);
	CHECK_STR(du.name, "王芳芳");
	CHECK_INT(du.role, AUTH_READONLY);
	db_user_free(&du);
	/* a record saved by 王芳芳 keeps her name after the account is deleted */
	db_set_user(db, "王芳芳", NULL);
	tdb_deputy("李四", NULL, NULL, NULL);
	db_set_user(db, "张站长", NULL);
	CHECK_INT(db_users_delete(db, clerk, NULL), 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'deputies' AND user = '王芳芳'"), 1);
	CHECK_INT(try_login("wang", "wangpass", NULL, NULL), -1);
	int64_t n = 0;
	CHECK_INT(db_users_count(db, &n, NULL), 0);
	CHECK_INT(n, 1);
	/* the deleted login may be given again */
	CHECK(mk("wang", "王新", AUTH_CLERK, "another1") > 0);
	struct db_user *list = NULL;
	int nl = 0;
	CHECK_INT(db_users_list(db, "王", 0, 10, &list, &nl, NULL), 0);
	CHECK_INT(nl, 1);
	if (nl == 1)
		CHECK_STR(list[0].name, "王新");
	db_users_free(list, nl);
	tdb_close();
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(t_create_and_login);
	RUN(t_lock);
	RUN(t_last_head_and_delete);
	return t_done();
}
