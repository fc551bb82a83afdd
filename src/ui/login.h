/* Who is working (docs/ACCOUNTS.md): the login screen at start, the first run's station-head
 * account, one's own password, and the one permission check of the screens.
 *
 * Call order: login_start() once after curses starts and before the home screen; then
 * login_current() and login_refusal() anywhere; login_end() at exit. With station.ini
 * [accounts] login = no there is no login: the clerk is [user] name with every right (as before
 * accounts existed). */
#ifndef STATION_UI_LOGIN_H
#define STATION_UI_LOGIN_H

#include "core/auth.h"
#include "ui/app.h"

#include <stdbool.h>

/* Log in (or, on a station with no account yet, make the station head's account first). Sets
 * the audit user. Returns false when the clerk leaves instead (Esc, F10) or the program is told
 * to stop. */
bool login_start(void);
/* login_start for the first run's walk-through (ui/setup.h): on a station with no account yet
 * nobody logs in; the clerk works as [user] name with every right until the walk-through's
 * step makes the station head's account (login_make_head). With accounts, the login screen. */
bool login_start_setup(void);
/* Make the station head's account (the first run's form) and work as it from now on. Returns
 * false when the clerk leaves it (Esc). */
bool login_make_head(void);
/* True once an account is logged in (not the provisional clerk of login_start_setup). */
bool login_has_account(void);
/* The account working now. Borrowed. */
const struct auth_user *login_current(void);
/* True when accounts are in use ([accounts] login = yes). */
bool login_on(void);
void login_end(void);

/* The one check of the screens: why the account working now may not run action a on screen s
 * (a message for the message line), or NULL when it may. The loop asks it before every row of a
 * key table runs; app_push asks login_refusal_push for a form that edits records. */
const char *login_refusal(const struct screen *s, enum action a);
const char *login_refusal_push(const struct screen *s);
/* One check for a screen's own action (e.g. correcting a closed case): the refusal, shown on the
 * message line, or NULL. */
const char *login_refuse(enum auth_action a);

/* A small modal form of a few one-line fields in a box (login, passwords, an account): Tab, Down
 * and Enter go to the next field, Enter on the last (or F2) submits, Esc cancels. A masked field
 * shows one * per character and is never stored anywhere. */
struct login_field {
	const char *label;
	bool masked;
	int max_chars;
	char *value; /* in: the text to start with (may be NULL); out after a submit: a new string the
		      * caller frees (wipe masked ones with login_wipe) */
};
/* check (may be NULL) is called on submit: NULL accepts; else a new message shown in the box,
 * *bad the field to put the cursor on; masked fields are emptied after a refusal. Returns true
 * when submitted and accepted, false on cancel. */
bool login_ask(const char *title, const char *intro, struct login_field *f, int n,
	       char *(*check)(void *ud, struct login_field *f, int *bad), void *ud);
/* Zero and free a string that held a password. */
void login_wipe(char *s);
/* Free the values of n fields (wiping masked ones). */
void login_fields_free(struct login_field *f, int n);

/* The 账号 key: the station head gets the account screen (ui/users.h), every other account the
 * change of its own password. */
int login_accounts_key(struct screen *s);
/* Change the password of the account working now (asks the current one first). */
void login_change_own_password(void);

#endif
