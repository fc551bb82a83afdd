/* Clerk accounts (see users.h). The only code that sees a password: it is hashed here with
 * libcrypt's yescrypt and the plain text is never stored or copied beyond crypt's own buffer,
 * which is wiped. */
#include "db/users.h"

#include "db/internal.h"

#include "core/util.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#define USERS_COLS                                                                                                     \
	"id, login, name, role, fails, CASE WHEN locked_until > " DB_NOW_SQL " THEN locked_until END, last_login"

void db_user_free(struct db_user *u)
{
	if (!u)
		return;
	free(u->login);
	free(u->name);
	free(u->locked_until);
	free(u->last_login);
	memset(u, 0, sizeof *u);
}

void db_users_free(struct db_user *u, int n)
{
	for (int i = 0; i < n; i++)
		db_user_free(&u[i]);
	free(u);
}

static void users_read(sqlite3_stmt *st, struct db_user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->login = xstrdup(db_column_text(st, 1));
	u->name = xstrdup(db_column_text(st, 2));
	int r = auth_role_parse(db_column_text(st, 3));
	u->role = r < 0 ? AUTH_READONLY : (enum auth_role)r;
	u->fails = sqlite3_column_int(st, 4);
	u->locked_until = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : xstrdup(db_column_text(st, 5));
	u->last_login = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : xstrdup(db_column_text(st, 6));
}

/* A new yescrypt hash of password (random salt), or NULL with *err set. */
static char *users_hash(const char *password, char **err)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, setting, (int)sizeof setting)) {
		db_fail_msg(err, "无法生成密码的随机盐（系统的随机数不可用），密码没有保存");
		return NULL;
	}
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	const char *h = crypt_rn(password, setting, cd, (int)sizeof *cd);
	char *out = h && *h != '*' ? xstrdup(h) : NULL;
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	if (!out)
		db_fail_msg(err, "无法计算密码的散列（libcrypt 不支持 yescrypt？），密码没有保存");
	return out;
}

/* True if password hashes to hash (compared in constant time). */
/* A refusal m of core/auth (new, or NULL when the value is fine): into *err (else freed).
 * Returns -1 if there was one, else 0. */
static int users_refused(char *m, char **err)
{
	if (!m)
		return 0;
	if (err)
		*err = m;
	else
		free(m);
	return -1;
}

/* The hash of a new password that passes auth_check_password, or NULL with *err. */
static char *users_new_hash(const char *password, char **err)
{
	if (users_refused(auth_check_password(password, NULL), err) < 0)
		return NULL;
	return users_hash(password, err);
}

static bool users_verify(const char *password, const char *hash)
{
	if (!hash || !*hash)
		return false;
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	const char *h = crypt_rn(password, hash, cd, (int)sizeof *cd);
	bool ok = h && *h != '*' && auth_equal(h, hash);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}

static int users_count_where(struct db *db, const char *sql, int64_t *n, char **err)
{
	return db_query_int(db, sql, n, err);
}

int db_users_count(struct db *db, int64_t *n, char **err)
{
	return users_count_where(db, "SELECT count(*) FROM users WHERE deleted = 0", n, err);
}

int db_users_heads(struct db *db, int64_t *n, char **err)
{
	return users_count_where(db, "SELECT count(*) FROM users WHERE deleted = 0 AND role = '站长'", n, err);
}

/* Is login taken by an account not deleted (other than id)? */
static int users_login_taken(struct db *db, const char *login, int64_t id, bool *taken, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, "SELECT 1 FROM users WHERE login = ?1 COLLATE NOCASE AND deleted = 0 AND id <> ?2", &st,
		       err) < 0)
		return -1;
	db_bind_text(st, 1, login);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		return -1;
	}
	*taken = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return 0;
}

/* Step a prepared write statement to its end; finalizes it. */
static int users_step(struct db *db, sqlite3_stmt *st, char **err)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int db_users_create(struct db *db, const char *login, const char *name, enum auth_role role, const char *password,
		    int64_t *id, char **err)
{
	if (users_refused(auth_check_login(login), err) < 0 || users_refused(auth_check_name(name), err) < 0)
		return -1;
	char *hash = users_new_hash(password, err);
	if (!hash)
		return -1;
	sqlite3_stmt *st = NULL;
	bool taken = false;
	if (db_begin(db, err) < 0)
		goto fail;
	if (users_login_taken(db, login, 0, &taken, err) < 0)
		goto rollback;
	if (taken) {
		db_failf(err, "登录名 %s 已经有人用了，请换一个", login);
		goto rollback;
	}
	if (db_prepare(db, "INSERT INTO users (login, name, role, password_hash) VALUES (?1, ?2, ?3, ?4)", &st, err) <
	    0)
		goto rollback;
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, auth_role_label(role));
	db_bind_text(st, 4, hash);
	if (users_step(db, st, err) < 0)
		goto rollback;
	if (id)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	if (db_commit(db, err) < 0)
		goto fail;
	free(hash);
	return 0;
rollback:
	db_rollback(db);
fail:
	free(hash);
	return -1;
}

/* "YYYY-MM-DD HH:MM" of a stored time (the seconds left out), new. */
static char *users_minute(const char *t) { return xstrndup(t, strlen(t) > 16 ? 16 : strlen(t)); }

/* After a wrong password for account id: count it; the AUTH_MAX_TRIES-th locks (and starts the
 * count again for after the lock). *until gets the lock's end (new) when it locked. */
static int users_wrong(struct db *db, int64_t id, int lock_minutes, char **until, char **err)
{
	sqlite3_stmt *st = NULL;
	static const char sql[] =
		"UPDATE users SET fails = CASE WHEN fails + 1 >= ?2 THEN 0 ELSE fails + 1 END,"
		" locked_until = CASE WHEN fails + 1 >= ?2 THEN strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime', ?3)"
		" ELSE locked_until END WHERE id = ?1 RETURNING locked_until, locked_until > " DB_NOW_SQL;
	char *minutes = xasprintf("+%d minutes", lock_minutes);
	*until = NULL;
	if (db_begin(db, err) < 0) {
		free(minutes);
		return -1;
	}
	int rc = db_prepare(db, sql, &st, err);
	if (rc < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, AUTH_MAX_TRIES);
	db_bind_text(st, 3, minutes);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 1))
		*until = xstrdup(db_column_text(st, 0));
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		goto rollback;
	}
	sqlite3_finalize(st);
	free(minutes);
	return db_commit(db, err);
rollback:
	db_rollback(db);
	free(minutes);
	free(*until);
	*until = NULL;
	return -1;
}

static int users_good(struct db *db, int64_t id, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_begin(db, err) < 0)
		return -1;
	if (db_prepare(db, "UPDATE users SET fails = 0, locked_until = NULL, last_login = " DB_NOW_SQL " WHERE id = ?1",
		       &st, err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, id);
	if (users_step(db, st, err) < 0)
		goto rollback;
	return db_commit(db, err);
rollback:
	db_rollback(db);
	return -1;
}

#define USERS_WRONG "登录名或密码不对"

int db_users_login(struct db *db, const char *login, const char *password, int lock_minutes, struct auth_user *out,
		   char **err)
{
	sqlite3_stmt *st = NULL;
	struct db_user u = { 0 };
	char *hash = NULL, *until = NULL;
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (lock_minutes < 1)
		lock_minutes = 1;
	if (db_prepare(db,
		       "SELECT " USERS_COLS
		       ", password_hash FROM users WHERE login = ?1 COLLATE NOCASE AND deleted = 0",
		       &st, err) < 0)
		return -1;
	db_bind_text(st, 1, login ? login : "");
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		users_read(st, &u);
		hash = xstrdup(db_column_text(st, 7));
	} else if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (!u.id) {
		/* No such account: spend the time a check takes, and say the same as for a wrong password. */
		char setting[CRYPT_GENSALT_OUTPUT_SIZE];
		if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, (int)sizeof setting))
			(void)users_verify(password ? password : "", setting);
		db_fail_msg(err, USERS_WRONG);
		goto out;
	}
	if (u.locked_until) {
		char *m = users_minute(u.locked_until);
		db_failf(err, "账号 %s 已锁定（连续 %d 次密码不对），%s 以后再试，或请站长重设密码", u.login,
			 AUTH_MAX_TRIES, m);
		free(m);
		goto out;
	}
	if (!users_verify(password ? password : "", hash)) {
		if (!db_damaged(db) && users_wrong(db, u.id, lock_minutes, &until, err) < 0)
			goto out;
		if (until) {
			char *m = users_minute(until);
			db_failf(err, "%s。连续 %d 次不对，账号 %s 已锁定到 %s；请稍后再试，或请站长重设密码",
				 USERS_WRONG, AUTH_MAX_TRIES, u.login, m);
			free(m);
		} else
			db_fail_msg(err, USERS_WRONG);
		goto out;
	}
	if (!db_damaged(db) && users_good(db, u.id, err) < 0)
		goto out;
	out->id = u.id;
	out->login = xstrdup(u.login);
	out->name = xstrdup(u.name);
	out->role = u.role;
	rc = 0;
out:
	if (hash) {
		explicit_bzero(hash, strlen(hash));
		free(hash);
	}
	free(until);
	db_user_free(&u);
	return rc;
}

int db_users_set_password(struct db *db, int64_t id, const char *password, char **err)
{
	char *hash = users_new_hash(password, err);
	if (!hash)
		return -1;
	sqlite3_stmt *st = NULL;
	if (db_begin(db, err) < 0)
		goto fail;
	if (db_prepare(db,
		       "UPDATE users SET password_hash = ?2, fails = 0, locked_until = NULL, updated_at = " DB_NOW_SQL
		       " WHERE id = ?1 AND deleted = 0",
		       &st, err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, hash);
	if (users_step(db, st, err) < 0)
		goto rollback;
	if (sqlite3_changes(db_handle(db)) == 0) {
		db_fail_msg(err, "这个账号已经删除了");
		goto rollback;
	}
	if (db_commit(db, err) < 0)
		goto fail;
	free(hash);
	return 0;
rollback:
	db_rollback(db);
fail:
	free(hash);
	return -1;
}

/* Would the change leave the station without a 站长? (account id stops being one) */
static int users_last_head(struct db *db, int64_t id, bool *last, char **err)
{
	int64_t heads = 0, is_head = 0;
	char *sql = xasprintf("SELECT count(*) FROM users WHERE deleted = 0 AND role = '站长' AND id = %lld",
			      (long long)id);
	int rc = db_users_heads(db, &heads, err);
	if (rc == 0)
		rc = db_query_int(db, sql, &is_head, err);
	free(sql);
	*last = is_head && heads <= 1;
	return rc;
}

int db_users_update(struct db *db, int64_t id, const char *name, enum auth_role role, char **err)
{
	if (users_refused(auth_check_name(name), err) < 0)
		return -1;
	sqlite3_stmt *st = NULL;
	bool last = false;
	if (db_begin(db, err) < 0)
		return -1;
	if (users_last_head(db, id, &last, err) < 0)
		goto rollback;
	if (last && role != AUTH_HEAD) {
		db_fail_msg(err, "这是本站唯一的站长账号，不能改成别的角色（先给另一个账号站长角色）");
		goto rollback;
	}
	if (db_prepare(db,
		       "UPDATE users SET name = ?2, role = ?3, updated_at = " DB_NOW_SQL
		       " WHERE id = ?1 AND deleted = 0",
		       &st, err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, auth_role_label(role));
	if (users_step(db, st, err) < 0)
		goto rollback;
	return db_commit(db, err);
rollback:
	db_rollback(db);
	return -1;
}

int db_users_delete(struct db *db, int64_t id, char **err)
{
	sqlite3_stmt *st = NULL;
	bool last = false;
	if (db_begin(db, err) < 0)
		return -1;
	if (users_last_head(db, id, &last, err) < 0)
		goto rollback;
	if (last) {
		db_fail_msg(err, "这是本站唯一的站长账号，不能删除");
		goto rollback;
	}
	if (db_prepare(db, "UPDATE users SET deleted = 1, updated_at = " DB_NOW_SQL " WHERE id = ?1 AND deleted = 0",
		       &st, err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, id);
	if (users_step(db, st, err) < 0)
		goto rollback;
	return db_commit(db, err);
rollback:
	db_rollback(db);
	return -1;
}

int db_users_get(struct db *db, int64_t id, struct db_user *out, char **err)
{
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, "SELECT " USERS_COLS " FROM users WHERE id = ?1", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		users_read(st, out);
	else if (rc == SQLITE_DONE)
		db_fail_msg(err, "没有这个账号");
	else
		db_fail(db, rc, NULL, err);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

#define USERS_FILTER " WHERE deleted = 0 AND (?1 IS NULL OR instr(lower(login), lower(?1)) > 0 OR instr(name, ?1) > 0)"

int db_users_list_count(struct db *db, const char *filter, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, "SELECT count(*) FROM users" USERS_FILTER, &st, err) < 0)
		return -1;
	db_bind_text(st, 1, filter);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		return -1;
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return 0;
}

int db_users_list(struct db *db, const char *filter, int64_t offset, int limit, struct db_user **out, int *n,
		  char **err)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT " USERS_COLS " FROM users" USERS_FILTER
		       " ORDER BY login COLLATE NOCASE, id LIMIT ?2 OFFSET ?3",
		       &st, err) < 0)
		return -1;
	db_bind_text(st, 1, filter);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int64(st, 3, offset);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		memset(&(*out)[*n], 0, sizeof **out);
		users_read(st, &(*out)[(*n)++]);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		db_users_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
