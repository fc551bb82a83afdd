/* station backup [DIR] and station restore FILE [--force] (docs/BACKUP.md). */
#include "cli/cli.h"
#include "core/auth.h"

#include "core/util.h"
#include "db/backup.h"
#include "db/restore.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The station code of the database file at path: the one it records, else station.ini's.
 * New string. */
static char *cli_backup_code(const struct cfg *cfg, const char *path)
{
	struct db_restore_info info;
	char *code = NULL;
	if (db_restore_inspect(path, &info, NULL) == 0 && info.code)
		code = xstrdup(info.code);
	db_restore_info_free(&info);
	return code ? code : xstrdup(cfg->station_code);
}

static void cli_backup_removed(void *ud, const char *removed)
{
	(void)ud;
	printf(cli_msg("  删除了较早的备份 %s\n", "  removed the older backup %s\n"), removed);
}

int cli_backup(const struct cfg *cfg, const char *path, const char *dir_arg)
{
	struct stat st;
	char *err = NULL;
	int rc = CLI_PROBLEMS;
	if (stat(path, &st) < 0) {
		cli_error(cli_msg("找不到数据库文件：%s", "database file not found: %s"), path);
		return CLI_DB;
	}
	char *dir = dir_arg ? xstrdup(dir_arg) : cfg_backup_dir(cfg, path);
	/* The default folder beside the database is made on first use; a named one must exist (a
	 * USB stick that is not plugged in is not silently replaced by a new empty folder). */
	if (!dir_arg && str_empty(cfg->backup_dir) && mkdir(dir, 0700) < 0 && errno != EEXIST) {
		cli_error(cli_msg("无法创建备份文件夹 %s：%s", "cannot create the backup folder %s: %s"), dir,
			  strerror(errno));
		free(dir);
		return CLI_PROBLEMS;
	}
	char *code = cli_backup_code(cfg, path);
	/* Read through its own read-only connection: safe while the program has the file open. */
	char *made = db_backup_into(NULL, path, dir, code, &err);
	if (!made) {
		cli_error(cli_msg("备份失败：%s", "backup failed: %s"), err ? err : "?");
		goto out;
	}
	if (stat(made, &st) == 0)
		printf(cli_msg("已备份到 %s（%.1f MB，完整性检查通过）\n", "backed up to %s (%.1f MB, integrity check passed)\n"),
		       made, (double)st.st_size / 1048576.0);
	int removed = db_backup_prune(dir, code, cfg->backup_keep, cli_backup_removed, NULL, &err);
	if (removed < 0) {
		cli_error(cli_msg("备份已完成，但清理较早的备份时出错：%s", "backup done, but removing older backups failed: %s"),
			  err ? err : "?");
		goto out;
	}
	rc = CLI_OK;
out:
	free(made);
	free(code);
	free(dir);
	free(err);
	return rc;
}

/* Restoring replaces every record: the station head's (docs/ACCOUNTS.md). The accounts are those
 * of the database being replaced; one that cannot be opened (damaged beyond opening, in use)
 * has none to ask, and db_restore says why it cannot proceed when it cannot. */
static int cli_restore_login(const struct cfg *cfg, const char *path, const char *user)
{
	struct stat st;
	struct db *db = NULL;
	if (!cfg->login || stat(path, &st))
		return CLI_OK;
	if (db_open(path, DB_OPEN_EXCLUSIVE | DB_OPEN_INTERACTIVE, &db, NULL) < 0)
		return CLI_OK;
	int rc = cli_login(cfg, db, user, AUTH_RESTORE);
	db_close(db);
	return rc;
}

int cli_restore(const struct cfg *cfg, const char *path, const char *file, bool force, const char *user)
{
	struct db_restore_info info;
	char *err = NULL, *aside = NULL, *expect = NULL;
	int lrc = cli_restore_login(cfg, path, user);
	if (lrc)
		return lrc;
	if (db_restore_inspect(file, &info, &err) < 0) {
		cli_error(cli_msg("不能恢复：%s", "cannot restore: %s"), err ? err : "?");
		free(err);
		return CLI_PROBLEMS;
	}
	printf(cli_msg("备份文件 %s：站点 %s%s%s%s，代表 %lld 名，来访 %lld 次，意见建议 %lld 件，最近来访 %s\n",
		       "backup %s: station %s%s%s%s, %lld deputies, %lld visits, %lld cases, latest visit %s\n"),
	       file, info.code ? info.code : "?", info.name ? "（" : "", info.name ? info.name : "", info.name ? "）" : "",
	       (long long)info.deputies,
	       (long long)info.visits, (long long)info.cases, info.last_visit ? info.last_visit : "-");
	db_restore_info_free(&info);
	if (!force) {
		struct stat st;
		expect = stat(path, &st) == 0 ? cli_backup_code(cfg, path) : xstrdup(cfg->station_code);
	}
	int rc = db_restore(path, file, expect, &aside, &err);
	if (rc < 0) {
		cli_error(cli_msg("没有恢复：%s", "not restored: %s"), err ? err : "?");
		if (aside)
			cli_error(cli_msg("恢复前的数据库已另存为 %s", "the database before the restore was kept as %s"), aside);
		rc = rc == DB_RESTORE_BUSY ? CLI_DB : CLI_PROBLEMS;
	} else {
		printf(cli_msg("已恢复到 %s\n", "restored into %s\n"), path);
		if (aside)
			printf(cli_msg("恢复前的数据库另存为 %s\n", "the database before the restore is kept as %s\n"), aside);
		rc = CLI_OK;
	}
	free(expect);
	free(aside);
	free(err);
	return rc;
}
