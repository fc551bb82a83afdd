/* The station a database belongs to, and `station restore` (see restore.h). */
#include "db/restore.h"

#include "db/backup.h"
#include "db/audit.h"
#include "db/internal.h"

#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the station a file belongs to ---- */

int db_station_claim(struct db *db, const char *code, const char *name, char **err)
{
	int64_t n = 0;
	if (str_empty(code) || db_readonly(db) || db_damaged(db) || !db_table_exists(db, "station_info"))
		return 0;
	if (db_query_int(db, "SELECT count(*) FROM station_info", &n, err) < 0)
		return -1;
	if (n)
		return 0;
	sqlite3_stmt *st = NULL;
	if (db_begin(db, err) < 0)
		return -1;
	if (db_prepare(db, "INSERT INTO station_info (id, code, name) VALUES (1, ?1, ?2)", &st, err) < 0) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name ? name : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* One text value of the station_info row, or NULL. */
static char *station_value(struct db *db, const char *col)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	if (!db_table_exists(db, "station_info"))
		return NULL;
	char *sql = xasprintf("SELECT %s FROM station_info WHERE id = 1", col);
	if (db_prepare(db, sql, &st, NULL) == 0 && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL && *db_column_text(st, 0))
		v = xstrdup(db_column_text(st, 0));
	sqlite3_finalize(st);
	free(sql);
	return v;
}

char *db_station_code(struct db *db) { return station_value(db, "code"); }

char *db_station_backup_dir(struct db *db) { return station_value(db, "backup_dir"); }

int db_station_set_backup_dir(struct db *db, const char *dir, char **err)
{
	sqlite3_stmt *st = NULL;
	if (!db_table_exists(db, "station_info"))
		return 0;
	if (db_begin(db, err) < 0)
		return -1;
	if (db_prepare(db, "UPDATE station_info SET backup_dir = ?1 WHERE id = 1", &st, err) < 0) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_text(st, 1, dir, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* ---- what a file holds ---- */

/* The first column of the first row of sql on h as text (new string), or NULL. */
static char *raw_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static int64_t raw_int(sqlite3 *h, const char *sql)
{
	char *t = raw_text(h, sql);
	int64_t v = t ? strtoll(t, NULL, 10) : -1;
	free(t);
	return v;
}

/* The answer of integrity_check on h: NULL if "ok", else the first line (new string). */
static char *raw_integrity(sqlite3 *h, int *rc)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	*rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);
	if (*rc == SQLITE_OK)
		*rc = sqlite3_step(st);
	if (*rc == SQLITE_ROW) {
		*rc = SQLITE_OK;
		const char *first = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(first ? first : "", "ok"))
			v = xstrdup(first ? first : "?");
	}
	sqlite3_finalize(st);
	return v;
}

void db_restore_info_free(struct db_restore_info *info)
{
	if (!info)
		return;
	free(info->code);
	free(info->name);
	free(info->last_visit);
	memset(info, 0, sizeof *info);
}

int db_restore_inspect(const char *path, struct db_restore_info *info, char **err)
{
	struct stat st;
	sqlite3 *h = NULL;
	int rc = -1, src;
	memset(info, 0, sizeof *info);
	if (stat(path, &st) < 0)
		return db_failf(err, "找不到要恢复的文件：%s", path);
	if (!S_ISREG(st.st_mode))
		return db_failf(err, "%s 不是文件", path);
	char *uri = sqlite3_mprintf("file:%q?mode=ro", path);
	src = sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	sqlite3_free(uri);
	if (src != SQLITE_OK) {
		db_failf(err, "无法打开要恢复的文件 %s：%s", path, sqlite3_errstr(src));
		goto out;
	}
	char *bad = raw_integrity(h, &src);
	if (src == SQLITE_NOTADB) {
		db_failf(err, "%s 不是 station 的数据库文件（不是 SQLite 数据库）", path);
		goto out;
	}
	if (src != SQLITE_OK || bad) {
		db_failf(err, "%s 已损坏，不能用来恢复（完整性检查：%s）", path, bad ? bad : sqlite3_errstr(src));
		free(bad);
		goto out;
	}
	info->version = (int)raw_int(h, "PRAGMA user_version");
	if (info->version > db_schema_version()) {
		db_failf(err, "%s 来自更新版本的 station（库结构 %d，本程序只认到 %d）：请先升级本程序", path,
			 info->version, db_schema_version());
		goto out;
	}
	if (info->version < 1 ||
	    raw_int(h, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
		       " ('deputies', 'visits', 'cases')") != 3) {
		db_failf(err, "%s 不是联络站台账的数据库（没有代表名册、来访登记等数据表）", path);
		goto out;
	}
	if (raw_int(h, "SELECT count(*) FROM sqlite_schema WHERE name = 'station_info'") == 1) {
		info->code = raw_text(h, "SELECT nullif(code, '') FROM station_info WHERE id = 1");
		info->name = raw_text(h, "SELECT nullif(name, '') FROM station_info WHERE id = 1");
	}
	if (!info->code)
		info->code = raw_text(h, "SELECT station_code FROM case_seq GROUP BY station_code"
					 " ORDER BY sum(last_seq) DESC, station_code LIMIT 1");
	info->deputies = raw_int(h, "SELECT count(*) FROM deputies WHERE deleted = 0");
	info->visits = raw_int(h, "SELECT count(*) FROM visits WHERE deleted = 0");
	info->cases = raw_int(h, "SELECT count(*) FROM cases WHERE deleted = 0");
	info->last_visit = raw_text(h, "SELECT max(date) FROM visits WHERE deleted = 0");
	rc = 0;
out:
	sqlite3_close(h);
	if (rc < 0)
		db_restore_info_free(info);
	return rc;
}

/* ---- putting a backup in place ---- */

static void unlink_beside(const char *path, const char *sfx)
{
	char *p = xasprintf("%s%s", path, sfx);
	unlink(p);
	free(p);
}

/* fsync the folder of path, so the rename survives a power cut. */
static void fsync_dir_of(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/* Keep the current database aside under PATH.bak-YYYYMMDD-HHMMSS (or -2, -3 ...), byte for byte
 * as it is, with its -wal: hard links, so even a damaged file (which SQLite cannot copy) is kept
 * whole, and nothing is ever overwritten (link fails on an existing name). On a file system
 * without hard links, a checked copy through SQLite instead. New name into *aside. */
static int restore_aside(const char *path, char **aside, char **err)
{
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	for (int n = 1; n <= 1000; n++) {
		char *name = n == 1 ? xasprintf("%s.bak-%s", path, stamp) : xasprintf("%s.bak-%s-%d", path, stamp, n);
		char *wal_name = xasprintf("%s-wal", name), *wal = xasprintf("%s-wal", path);
		bool taken = access(wal_name, F_OK) == 0;
		int rc = taken ? -1 : link(path, name);
		int e = errno;
		if (rc == 0 && link(wal, wal_name) < 0 && errno != ENOENT) {
			e = errno;
			unlink(name);
			rc = -1;
		}
		free(wal);
		free(wal_name);
		if (rc == 0) {
			*aside = name;
			return 0;
		}
		free(name);
		if (taken || e == EEXIST)
			continue;
		if (e == EPERM || e == EXDEV || e == ENOTSUP || e == EMLINK) /* no hard links here */
			return (*aside = db_backup_beside(NULL, path, err)) ? 0 : -1;
		return db_failf(err, "无法另存当前数据库 %s：%s，没有恢复", path, strerror(e));
	}
	return db_failf(err, "%s.bak-%s 到 -1000 都已存在：请先清理旧的备份", path, stamp);
}

int db_restore(const char *path, const char *file, const char *expect_code, char **aside, char **err)
{
	struct db_restore_info info;
	int lock = -1, rc = -1;
	char *tmp = NULL;
	*aside = NULL;
	if (err)
		*err = NULL;
	if (db_restore_inspect(file, &info, err) < 0)
		return -1;
	if (expect_code && info.code && strcmp(expect_code, info.code)) {
		db_failf(err, "%s 是站点 %s%s%s%s的数据，不是本站（%s）的；确实要用它替换本站的数据，请加 --force",
			 file, info.code, info.name ? "（" : "", info.name ? info.name : "", info.name ? "）" : "",
			 expect_code);
		goto out;
	}
	lock = open(path, O_RDONLY | O_CLOEXEC);
	if (lock < 0 && errno != ENOENT) {
		db_failf(err, "无法打开当前数据库 %s：%s", path, strerror(errno));
		goto out;
	}
	if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK) {
			db_failf(err, "数据库 %s 正被 station 程序使用：请先退出程序，再恢复", path);
			rc = DB_RESTORE_BUSY;
		} else
			db_failf(err, "无法锁定数据库文件 %s：%s", path, strerror(errno));
		goto out;
	}
	tmp = xasprintf("%s.restore-%ld", path, (long)getpid());
	if (db_backup_file_to(file, tmp, err) < 0) {
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (lock >= 0) {
		if (restore_aside(path, aside, err) < 0)
			goto out;
		fsync_dir_of(path);
		/* The old -wal now lives on beside the copy aside; left here, SQLite would replay it
		 * into the restored file. */
		unlink_beside(path, "-wal");
		unlink_beside(path, "-shm");
	}
	if (rename(tmp, path) < 0) {
		db_failf(err, "无法把恢复的数据放到 %s：%s", path, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	/* The chain head of the file replaced would say the restored log lost its last rows; the
	 * open below writes the restored file's own head. */
	db_audit_head_move(NULL, path);
	fsync_dir_of(path);
	rc = 0;
out:
	if (tmp) {
		unlink(tmp);
		unlink_beside(tmp, "-journal");
		free(tmp);
	}
	if (lock >= 0)
		close(lock);
	db_restore_info_free(&info);
	if (rc == 0) {
		/* The restored file opens as the program opens it: migrated if older, WAL on. */
		struct db *db = NULL;
		if (db_open(path, DB_OPEN_EXCLUSIVE, &db, err) < 0)
			return -1;
		db_close(db);
	}
	return rc;
}
