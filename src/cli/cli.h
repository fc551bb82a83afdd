/* The non-interactive commands (station check, import, demo) and what they share: exit codes,
 * messages in the clerk's language, opening the database with a clear message.
 *
 * Each command returns an exit code; main() only parses options and dispatches. Commands print
 * their results to stdout and problems to stderr, one line each, prefixed "station: ". */
#ifndef STATION_CLI_H
#define STATION_CLI_H

#include "core/config.h"
#include "db/db.h"

#include <stdbool.h>

/* Exit codes of the program; documented in docs/COMMANDS.md and --help. */
enum cli_exit {
	CLI_OK = 0,        /* done */
	CLI_PROBLEMS = 1,  /* check found problems, import rejected, demo refused; backup, restore, print, export, merge not done */
	CLI_USAGE = 2,     /* bad command line */
	CLI_CONFIG = 3,    /* station.ini missing (when named) or invalid */
	CLI_DB = 4,        /* the database cannot be opened (missing, not SQLite, locked, folder) */
	CLI_DENIED = 6,    /* no login, a wrong login or password, a locked account, or a role that may not */
	CLI_INTERNAL = 70, /* a bug or out of memory (die()) */
};

/* Messages: Chinese, unless LC_ALL / LC_MESSAGES / LANG (the first one set) names an English
 * locale ("en", "en_US.UTF-8", ...): then English. C, C.UTF-8, POSIX, zh_CN and nothing set are
 * Chinese. One command speaks one language: under English the command's own words are English,
 * and Chinese text from the ledger, the configuration or the checks of the core and db layers
 * (a reason, a finding, a row's problem) follows only as data after English words (see
 * docs/COMMANDS.md). The full-screen program stays Chinese either way. */
bool cli_english(void);
/* zh or en, by cli_english(). Both borrowed; returns one of them. */
const char *cli_msg(const char *zh, const char *en);
/* Print "station: " + message + newline to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the database at path for a command. flags as db_open(). When create_folder is true
 * (the default location from station.ini), the file's folder is made first (mode 0700).
 * Missing file (without DB_OPEN_CREATE) and missing folder are reported by name.
 * Sets the clerk from cfg->user. Returns CLI_OK with *out set, or CLI_DB after printing why. */
int cli_open_db(const struct cfg *cfg, const char *path, int flags, bool create_folder, struct db **out);

/* Who runs a command that changes the database (import, restore; docs/ACCOUNTS.md). With
 * [accounts] login = no, or while the database has no account yet, nobody: returns CLI_OK and the
 * change is attributed to [user] name as before. Otherwise user (--user) must name an account
 * whose password is in $STATION_PASSWORD or typed at the terminal (not echoed), and its role
 * must allow action; then the audit user is the account's name. CLI_DENIED after saying why. */
int cli_login(const struct cfg *cfg, struct db *db, const char *user, int action);

/* station check: integrity of the database at path (read only). */
int cli_check(const struct cfg *cfg, const char *path);
/* station import deputies FILE.csv: args are the words after "import". */
int cli_import(const struct cfg *cfg, const char *path, bool create_folder, const char *user, int argc, char **argv);
/* station demo --db FILE [--force]: a fictional demo station database at path. */
int cli_demo(const struct cfg *cfg, const char *path, bool force);
/* station visits [--month YYYY-MM] [--full]: a month's visits (default this month) as aligned
 * text, phones masked unless full (read only). A bad month: CLI_USAGE. */
int cli_visits(const struct cfg *cfg, const char *path, const char *month, bool full);
/* station backup [DIR]: a checked backup of the database at path into DIR (default: [backup]
 * dir, else the folder "backup" beside the database), the newest [backup] keep kept. Safe while
 * the program is open. CLI_PROBLEMS when the folder is missing, read-only or full. */
int cli_backup(const struct cfg *cfg, const char *path, const char *dir);
/* station restore FILE [--force]: put the backup FILE in place of the database at path, the
 * current one kept aside; a file of another station only with force. CLI_PROBLEMS when the file
 * is refused, CLI_DB when the program has the database open. */
int cli_restore(const struct cfg *cfg, const char *path, const char *file, bool force, const char *user);
/* station print ...: a ledger or notice as a PDF (docs/PRINTING.md). argv[0] is "print"; the
 * words after it are parsed by the command itself. */
int cli_print(const struct cfg *cfg, const char *path, int argc, char **argv);

/* The options of export and merge (strings borrowed from argv; NULL when not given). */
struct cli_export_args {
	const char *quarter, *month, *from, *to; /* the period (export) */
	const char *out;                          /* -o FILE */
	const char *encoding;                     /* --encoding utf-8-bom|gb18030 */
	const char *expect;                       /* merge --expect CODE,CODE,... */
	bool unmasked;                            /* export --unmasked */
	bool force;                               /* replace an existing output file */
	int nargs;                                /* words after the command */
	char **args;
};
struct period;
/* The period the options name (this quarter when none). 0, or -1 after printing why. */
int cli_period(const struct cli_export_args *a, struct period *p);
/* station export summary|visits|cases|suggestions|activities [period] [-o FILE] [--encoding E]
 * [--unmasked] [--force] (docs/EXPORT.md). Read only. */
int cli_export(const struct cfg *cfg, const char *path, const struct cli_export_args *a);
/* station merge FILE... -o OUT [--expect CODES] [--force]: the stations' files in one table. */
int cli_merge(const struct cfg *cfg, const struct cli_export_args *a);

#endif
