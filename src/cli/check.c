/* station check: integrity, foreign keys and orphan links of a database, read only. */
#include "cli/cli.h"

#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>

static void cli_check_finding(void *ud, const char *finding)
{
	(void)ud;
	printf("  - %s\n", finding);
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
