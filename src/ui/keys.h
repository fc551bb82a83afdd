/* Keys are data: one table row per action with its config name, default keys and Chinese
 * label. The key bar, the F1 help screen and [keys] overrides in station.ini all read it.
 *
 * Every F-key action also has a Ctrl-letter key, since some terminals eat function keys;
 * plain letters are text (lists filter as you type, forms edit). */
#ifndef STATION_UI_KEYS_H
#define STATION_UI_KEYS_H

#include "core/config.h"

#include <stdbool.h>
#include <wchar.h>

enum action {
	ACT_NONE,
	ACT_HELP,
	ACT_SAVE,
	ACT_NEW,
	ACT_EDIT,
	ACT_OPEN,
	ACT_DELETE,
	ACT_SORT,
	ACT_REVERSE,
	ACT_LEVEL,
	ACT_PICK,
	ACT_NEXT_FIELD,
	ACT_PREV_FIELD,
	ACT_BACK,
	ACT_QUIT,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_CLEAR,
	ACT_YES,
	ACT_NO,
	ACT_VISIT,    /* home: a new visit (接待登记) */
	ACT_GENERATE, /* reception days: the year's days from the rule */
	ACT_CANCEL,   /* reception days: cancel one (with a reason) */
	ACT_ACTIONS,  /* a case: the next steps allowed now */
	ACT_FILTER,   /* cycle a list's filter (status, period) */
	ACT_LINK,     /* visit: link to the returning resident's open case */
	ACT_HELD,     /* reception days and plan entries: held or not (and who came, the date) */
	ACT_PERIOD,   /* a register list: narrow to a month, quarter, year or date range */
	ACT_SIGNIN,   /* activities: the sign-in sheet of the selected activity */
	ACT_ALL_PRESENT, /* sign-in sheet: every deputy who may sign in is 出席 */
	ACT_ADJUST,   /* points ranking: a manual adjustment of the selected deputy's points */
	ACT_DEPFILE,  /* roster, evaluations: the selected deputy's file (一人一档) */
	ACT_PRINT,    /* register lists: print the list's period as a PDF ledger (report/ledger.h) */
	ACT_REPORT,   /* home: the 报表 screen (the county summary and the exports) */
	ACT_EXPORT,   /* 报表: write the summary as CSV */
	ACT_EXPORT_DETAIL, /* 报表: write a detail list (visits, cases, ...) as CSV */
	ACT_MASK,     /* 报表: personal data masked or in full in the exports */
	ACT_PROJECT,  /* visits list: the selected visit becomes a 民生实事 candidate */
	ACT_DECIDE,   /* vote session: record the results (each project passes or not by the rule) */
	ACT_HISTORY,  /* register lists: the selected record's history (修改记录) */
	ACT_UNDO,     /* a record's history: undo its last change, or restore it if deleted */
	ACT_AUDITLOG, /* home: browse the audit log by date, user and register */
	ACT_ACCOUNTS, /* home: accounts (站长) or one's own password (ui/login.h) */
	ACT_PASSWORD, /* accounts: reset the selected account's password */
	ACT_SETTINGS, /* home: the 设置 screen (ui/settings.h) */
	ACT_COUNT
};

/* One key press as get_wch() returns it. */
struct keypress {
	wint_t ch; /* character or KEY_* code */
	bool fkey; /* ch is a KEY_* code (get_wch returned KEY_CODE_YES) */
	bool pasted; /* part of a bracketed paste: always text, never an action (keys_lookup) */
};

struct screen;

/* One row of a screen's key table: an action the screen accepts, what runs it, and whether the
 * key bar shows it. The table drives dispatch, the key bar and F1 help together, so a screen
 * never accepts an action its help does not list. Ended by a row with ACT_NONE. */
struct binding {
	enum action action;
	/* Runs the action; returns UI_* flags. NULL: the screen's key() handles it (form keys). */
	int (*run)(struct screen *s);
	bool hidden; /* not in the key bar (still in F1 help) */
};

#define KEYS_MAX 6

struct key_binding {
	enum action action;
	const char *name;  /* config name, e.g. "save" */
	const char *label; /* Chinese label for the key bar and help */
	const char *help;  /* one line of help, Chinese */
	char spec[64];     /* keys, space-separated: "F2 ^S"; first one is shown in the key bar */
	struct keypress keys[KEYS_MAX];
	int nkeys;
};

/* Apply [keys] overrides from station.ini. Unknown actions or key names become warnings
 * (Chinese, one per line, appended to *warnings which the caller frees). */
void keys_init(const struct cfg *cfg, char ***warnings, int *nwarnings);

/* The action among allowed (ended by ACT_NONE) that k is bound to, or ACT_NONE (always for a
 * pasted key: a pasted newline or control character never saves, opens or quits). */
enum action keys_lookup(struct keypress k, const enum action *allowed);

/* Row of the table for an action. Borrowed. */
const struct key_binding *keys_binding(enum action a);

/* The first key of an action as shown to the clerk ("F2", "^S", "Esc"). Borrowed. */
const char *keys_first_name(enum action a);

/* Parse one key name ("F2", "^S", "Enter", "Esc", "Tab", "BTab", "Up", "PgDn", "x").
 * Returns false for an unknown name. */
bool keys_parse(const char *name, struct keypress *out);

#endif
