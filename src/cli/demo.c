/* station demo --db FILE [--force]: a fictional demo station, made without any question.
 *
 * The database is built in a temporary file next to FILE and renamed over it at the end, so a
 * failure never leaves half a demo (nor destroys the file --force was meant to replace).
 * Each register fills itself in one function of demo_steps[], through the same code paths a
 * clerk's data takes (the roster goes through the CSV import). */
#include "cli/cli.h"

#include "cli/import.h"
#include "core/clock.h"
#include "core/embed.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* One register's demo rows: fill db, return the number of records added, or -1 with *err. */
struct demo_step {
	const char *title; /* register, for the summary */
	int (*fill)(struct db *db, const char *today, char **err);
};

/* 代表名册: data/demo-deputies.csv through the import. */
static int demo_deputies(struct db *db, const char *today, char **err)
{
	const char *csv = embed_get("demo-deputies.csv");
	struct cli_import_result res;
	if (!csv)
		die("demo-deputies.csv is not embedded");
	if (cli_import_deputies_buf(db, csv, strlen(csv), "demo-deputies.csv", today, &res)) {
		struct strbuf sb;
		sb_init(&sb);
		for (int i = 0; i < res.nerrors; i++)
			sb_addf(&sb, "%s%s", i ? "\n" : "", res.errors[i]);
		*err = sb_take(&sb);
		cli_import_result_free(&res);
		return -1;
	}
	int n = res.imported;
	cli_import_result_free(&res);
	return n;
}

static const struct demo_step demo_steps[] = {
	{ "代表名册", demo_deputies },
	{ "接待日", cli_visits_demo_days },
	{ "接待选民登记", cli_visits_demo_visits },
};

/* Remove path if it exists; 0 or -1 with errno. */
static int demo_unlink(const char *path) { return unlink(path) && errno != ENOENT ? -1 : 0; }

/* Remove a database file and its SQLite companions (-wal, -shm, -journal). */
static int demo_remove_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		if (demo_unlink(p))
			rc = -1;
		free(p);
	}
	return rc;
}

/* Fill a new database at tmp with every register's demo rows and print what was added. */
static int demo_fill(const struct cfg *cfg, const char *tmp)
{
	struct db *db = NULL;
	char today[11], *err = NULL;
	int rc = cli_open_db(cfg, tmp, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, false, &db);
	if (rc)
		return rc;
	clock_today(today);
	for (size_t i = 0; i < ARRAY_LEN(demo_steps); i++) {
		int n = demo_steps[i].fill(db, today, &err);
		if (n < 0) {
			/* Our own data failed our own checks: a bug, not the clerk's doing. */
			cli_error("演示数据有误（%s）：%s", demo_steps[i].title, err ? err : "?");
			free(err);
			rc = CLI_INTERNAL;
			break;
		}
		printf("  %s：%d\n", demo_steps[i].title, n);
	}
	db_close(db);
	return rc;
}

/* Take the lock an editing station holds on the file (db_open's DB_OPEN_EXCLUSIVE flock), so a
 * database open in another window is never replaced under it. Returns the fd holding the lock
 * (close it after the replacement), -2 if the file does not exist, or -1 after printing why. */
static int demo_lock_existing(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return -2;
	if (fd < 0) {
		cli_error(cli_msg("无法打开 %s：%s", "cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		cli_error(cli_msg("%s 正被另一个 station 程序使用，不能替换（请先关闭另一个窗口）",
				  "%s is in use by another station program; close it first"),
			  path);
		close(fd);
		return -1;
	}
	return fd;
}

int cli_demo(const struct cfg *cfg, const char *path, bool force)
{
	struct stat st;
	int rc, lock = -2;
	if (!stat(path, &st)) {
		if (S_ISDIR(st.st_mode)) {
			cli_error(cli_msg("%s 是一个文件夹，请给出数据库文件名，如 %s/demo.db",
					  "%s is a folder; give a database file name such as %s/demo.db"),
				  path, path);
			return CLI_USAGE;
		}
		if (!force) {
			cli_error(cli_msg("%s 已存在；要用演示数据替换它，请加 --force",
					  "%s already exists; add --force to replace it with demo data"),
				  path);
			return CLI_PROBLEMS;
		}
		if ((lock = demo_lock_existing(path)) == -1)
			return CLI_DB;
	}
	char *tmp = xasprintf("%s.demo-%ld.tmp", path, (long)getpid());
	demo_remove_db(tmp);
	printf(cli_msg("正在创建演示数据库 %s（虚构的人物和事件）\n", "creating demo database %s (fictional people and events)\n"),
	       path);
	rc = demo_fill(cfg, tmp);
	if (rc == CLI_OK) {
		/* The old file's companions belong to the old file: remove them before the rename. */
		char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
		if (demo_unlink(wal) || demo_unlink(shm) || rename(tmp, path)) {
			cli_error(cli_msg("无法替换 %s：%s", "cannot replace %s: %s"), path, strerror(errno));
			rc = CLI_DB;
		}
		free(wal);
		free(shm);
	}
	if (lock >= 0)
		close(lock);
	if (rc == CLI_OK)
		printf(cli_msg("演示数据库已就绪：station --db %s\n", "demo database ready: station --db %s\n"), path);
	else
		demo_remove_db(tmp);
	free(tmp);
	return rc;
}
