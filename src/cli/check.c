/* station check: integrity, foreign keys and orphan links of a database, read only. A damaged
 * file gets what is damaged (db_check's findings) and what to do about it. */
#include "cli/cli.h"

#include "core/util.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cli_check_finding(void *ud, const char *finding)
{
	(void)ud;
	printf("  - %s\n", finding);
}

/* path as one shell word: kept as is when it is plainly safe, else in single quotes. New. */
static char *cli_check_shell_word(const char *path)
{
	bool plain = true;
	for (const unsigned char *p = (const unsigned char *)path; *p && plain; p++)
		plain = *p >= 0x80 || isalnum(*p) || strchr("/._-+", *p); /* UTF-8 names are plain */
	if (plain)
		return xstrdup(path);
	if (!strchr(path, '\''))
		return xasprintf("'%s'", path);
	return xasprintf("\"%s\"", path); /* a quote in the name: rare enough */
}

/* What to do with a damaged file: restore a backup; without one, save what .recover can. */
static void cli_check_damaged_advice(const char *path, int n)
{
	char *w = cli_check_shell_word(path);
	if (cli_english())
		printf("%d problem(s) found: the database file is damaged. What to do:\n"
		       "  1. Restore the newest backup:  station restore BACKUP.db  (the damaged file is kept aside).\n"
		       "  2. With no backup, save what can be read:  sqlite3 %s \".recover\" | sqlite3 recovered.db\n"
		       "     then check the result with  station check --db recovered.db  and, if it passes, use it instead.\n"
		       "The other checks (links between records) run once the file is sound.\n",
		       n, w);
	else
		printf("发现 %d 个问题：数据库文件已损坏。请这样处理：\n"
		       "  1. 用最近的备份恢复：station restore 备份文件（损坏的文件会另存留存）。\n"
		       "  2. 没有备份时，尽量救出数据：sqlite3 %s \".recover\" | sqlite3 救出.db\n"
		       "     再运行 station check --db 救出.db 检查救出的文件，通过后用它代替损坏的文件。\n"
		       "其余检查（记录之间的关联）要等文件恢复完好后再做。\n",
		       n, w);
	free(w);
}

int cli_check(const struct cfg *cfg, const char *path)
{
	struct db *db = NULL;
	char *err = NULL;
	int rc = cli_open_db(cfg, path, DB_OPEN_READONLY, false, &db);
	if (rc)
		return rc;
	printf(cli_msg("检查数据库 %s\n", "checking database %s\n"), path);
	fflush(stdout);
	int n = db_check(db, cli_check_finding, NULL, &err);
	if (n < 0) {
		cli_error(cli_msg("检查无法完成：%s", "the check could not be completed: %s"), err ? err : "?");
		rc = CLI_PROBLEMS;
	} else if (db_damaged(db)) {
		cli_check_damaged_advice(path, n);
		rc = CLI_PROBLEMS;
	} else if (n == 0) {
		printf("%s\n",
		       cli_msg("检查通过：完整性正常，外键正常", "check passed: integrity ok, foreign keys ok"));
	} else {
		printf(cli_msg("发现 %d 个问题\n", "%d problem(s) found\n"), n);
		rc = CLI_PROBLEMS;
	}
	free(err);
	db_close(db);
	return rc;
}
