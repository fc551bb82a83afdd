/* Accounts and roles: who may do what. Pure: no I/O, no database (the accounts themselves are
 * db/users.h, the login screen ui/login.h; docs/ACCOUNTS.md tells the clerks).
 *
 * Three roles (the labels are what the users table stores and the clerk sees):
 *   联络员  enters and edits records;
 *   站长    also deletes, corrects closed cases and suggestions, approves point adjustments,
 *           manages accounts, restores backups;
 *   只读    an inspector: sees every screen, prints and exports, changes nothing.
 * Every screen and command asks auth_refusal(role, action) before an action that writes. */
#ifndef STATION_CORE_AUTH_H
#define STATION_CORE_AUTH_H

#include <stdbool.h>

enum auth_role { AUTH_CLERK, AUTH_HEAD, AUTH_READONLY, AUTH_ROLE_COUNT };

/* What a clerk may be refused. */
enum auth_action {
	AUTH_VIEW,           /* see a screen or a record */
	AUTH_PRINT,          /* print, export, back up */
	AUTH_NEW,            /* a new record (a visit, a case, a reception day ...) */
	AUTH_EDIT,           /* change a record, or a step of its handling (交办, 答复 ...) */
	AUTH_DELETE,         /* delete a record */
	AUTH_CORRECT_CLOSED, /* change a closed (办结) case or suggestion */
	AUTH_APPROVE_POINTS, /* a manual adjustment of a deputy's points */
	AUTH_MANAGE_USERS,   /* accounts of others: new, role, reset password, delete */
	AUTH_IMPORT,         /* station import */
	AUTH_RESTORE,        /* restore a backup over the database */
	AUTH_SETTINGS,       /* change the station's settings (the 设置 screen, ui/settings.h) */
	AUTH_ACTION_COUNT
};

/* Wrong passwords in a row that lock an account, and the shortest password. */
#define AUTH_MAX_TRIES    5
#define AUTH_MIN_PASSWORD 6
/* The longest login name and display name, in characters. */
#define AUTH_MAX_LOGIN 20
#define AUTH_MAX_NAME  20

/* Who is working: the account logged in (or, with [accounts] login = no, the configured clerk
 * as a 站长 with id 0). Strings owned. */
struct auth_user {
	long long id; /* users.id; 0 when login is off */
	char *login;
	char *name; /* written to the audit log */
	enum auth_role role;
};
void auth_user_free(struct auth_user *u);

/* The role's label ("联络员", "站长", "只读"). Static. */
const char *auth_role_label(enum auth_role r);
/* The role whose label is s, or -1. */
int auth_role_parse(const char *s);

bool auth_allows(enum auth_role r, enum auth_action a);
/* Why r may not do a ("只读账号不能修改记录", "删除需要站长账号" ...), or NULL when allowed.
 * Static. */
const char *auth_refusal(enum auth_role r, enum auth_action a);

/* Checks of what a clerk types; each returns NULL when fine, else a new message. */
char *auth_check_login(const char *login);
char *auth_check_name(const char *name);
/* password typed twice (again may be NULL: not asked). */
char *auth_check_password(const char *password, const char *again);

/* True when a and b are equal, in time that depends only on their lengths (hash comparison). */
bool auth_equal(const char *a, const char *b);

#endif
