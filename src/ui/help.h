/* F1: help for the screen below, generated from the key table; and the pages of help (one per
 * kind of screen) that the key reference of the manual (station --keys-md, docs/manual/keys.md)
 * is generated from.
 *
 * Every kind of screen has one struct help_page, defined in the screen's own file next to its key
 * table: its Chinese name, the explanation F1 shows above the keys (for a register: what it holds
 * and what a county inspector looks for in it) and its key table. A list screen's table is
 * composed when the screen opens (ui/register.c adds 新增/修改/删除, ui/listscreen.c the keys every
 * list has); the page's flags say which rows are added, and listscreen_push() checks them against
 * the list it opens, so the reference cannot list keys the screen does not have. */
#ifndef STATION_UI_HELP_H
#define STATION_UI_HELP_H

#include <stdio.h>

struct screen;
struct binding;

enum {
	HELP_LIST = 1 << 0,     /* a list screen: the rows every list has are added (ui/listscreen.h) */
	HELP_REGISTER = 1 << 1, /* ui/register.c's list: 新增, 修改 (Enter) come first */
	HELP_REMOVE = 1 << 2,   /* ... and 删除 */
	HELP_PERIOD = 1 << 3,   /* the list has the 期间 key */
	HELP_PRINT = 1 << 4,    /* the list prints a ledger (a register of 六簿一册) */
	HELP_HISTORY = 1 << 5,  /* the list has 历史 */
};

struct help_page {
	const char *id;    /* stable ASCII name, the anchor in keys.md ("visits") */
	const char *title; /* what the manual calls the screen (the default title; station.ini may
			    * rename a register) */
	const char *note;  /* F1: what the screen is for, in Chinese */
	const struct binding *keys; /* the screen's key table; for a list, the register's own actions
				     * (see flags); ended by ACT_NONE */
	unsigned flags;             /* HELP_*: rows added to a list's table */
};

/* The pages, each defined in its screen's file next to the key table (in the order of keys.md). */
extern const struct help_page home_help, visit_form_help, visits_help, reception_days_help, cases_help,
	case_help, suggestions_help, suggestion_help, projects_help, project_help, votes_help, vote_help,
	deputies_help, deputy_file_help, units_help, plans_help, activities_help, training_help, signin_help,
	performance_help, points_help, evaluations_help, report_help, auditlog_help, record_history_help,
	accounts_help, form_help, settings_help, setup_help;

/* Push the help screen for the screen below. */
void help_push(struct screen *below);

/* Write the key reference (markdown, Chinese) from the key table with its default keys (call
 * before keys_init() reads station.ini, or after keys_init(NULL, ...)): every action, then every
 * page with its keys. Returns 0, or -1 on a write error. */
int help_keys_md(FILE *out);

/* Number of pages and page i (for the tests and the generator). */
int help_page_count(void);
const struct help_page *help_page_at(int i);

#endif
