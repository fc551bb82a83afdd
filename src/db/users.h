/* Clerk accounts (table users; docs/ACCOUNTS.md): create, log in, change role and password,
 * delete. Passwords are hashed with crypt(3) yescrypt ("$y$", libcrypt's default cost, a random
 * salt from the system) and never stored, logged or returned; a hash is compared in constant
 * time. AUTH_MAX_TRIES wrong passwords in a row lock the account for lock_minutes; a good
 * login or a reset clears the count. Who may call what is the caller's business (core/auth.h). */
#ifndef STATION_DB_USERS_H
#define STATION_DB_USERS_H

#include "core/auth.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* One account as listed. Strings owned. */
struct db_user {
	int64_t id;
	char *login;
	char *name;
	enum auth_role role;
	int fails;          /* wrong passwords in a row */
	char *locked_until; /* "YYYY-MM-DD HH:MM:SS" while locked (in the future), else NULL */
	char *last_login;   /* or NULL */
};
void db_user_free(struct db_user *u);
void db_users_free(struct db_user *u, int n);

/* Accounts not deleted (0 on a station where nobody has an account yet). */
int db_users_count(struct db *db, int64_t *n, char **err);
/* Of them, 站长 accounts. */
int db_users_heads(struct db *db, int64_t *n, char **err);

/* A new account. The login, name and password are checked (core/auth.h); a login already used
 * by an account not deleted is refused. *id (may be NULL) gets its id. */
int db_users_create(struct db *db, const char *login, const char *name, enum auth_role role, const char *password,
		    int64_t *id, char **err);

/* Log in: on success fills *out (the caller frees it with auth_user_free), records the time and
 * clears the count of wrong passwords. A wrong login or password is the same message
 * ("登录名或密码不对"), so it never says which; the AUTH_MAX_TRIES-th wrong password in a row locks
 * the account for lock_minutes, and a locked account is refused (even with the right password)
 * with the time it opens again. On a damaged (read-only) database the password is checked but
 * nothing is written. */
int db_users_login(struct db *db, const char *login, const char *password, int lock_minutes, struct auth_user *out,
		   char **err);

/* Set an account's password (a reset by the station head, or one's own change): checked, hashed;
 * the lock and the count of wrong passwords are cleared. */
int db_users_set_password(struct db *db, int64_t id, const char *password, char **err);
/* Change name and role. The last 站长 cannot stop being one. */
int db_users_update(struct db *db, int64_t id, const char *name, enum auth_role role, char **err);
/* Delete (soft: the row stays, records keep the name). The last 站长 cannot be deleted. */
int db_users_delete(struct db *db, int64_t id, char **err);
/* One account by id (deleted or not). */
int db_users_get(struct db *db, int64_t id, struct db_user *out, char **err);

/* Accounts not deleted whose login or name contains filter ("" = all), ordered by login; a page
 * of at most limit from offset. *out: new array of n accounts. */
int db_users_list(struct db *db, const char *filter, int64_t offset, int limit, struct db_user **out, int *n,
		  char **err);
int db_users_list_count(struct db *db, const char *filter, int64_t *n, char **err);

#endif
