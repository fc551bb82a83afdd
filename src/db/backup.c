/* Backups of a station database into new, self-contained files, with SQLite's online backup API
 * (see backup.h). */
#include "db/backup.h"

#include "core/util.h"
#include "db/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Names tried for backups made in one second ("-2" up to this). */
#define BACKUP_MAX_SAME_SECOND 1000
/* A backup step that finds the source locked (a writer in rollback mode) is retried this many
 * times, 50 ms apart. */
#define BACKUP_BUSY_TRIES 100

/* backup_reserve: the name is taken; the caller may try another. */
#define BACKUP_TAKEN (-2)

/* Remove dest and whatever SQLite may have made beside it. */
static void backup_remove(const char *dest)
{
	static const char *const sfx[] = { "-journal", "-wal", "-shm", "" };
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", dest, sfx[i]);
		unlink(p);
		free(p);
	}
}

/* Create dest, empty, with O_EXCL and mode 0600. A name whose -journal or -wal exists is taken
 * too: SQLite would roll a stale journal into the new file. Returns 0, BACKUP_TAKEN (with *err),
 * or -1 with *err. */
static int backup_reserve(const char *dest, char **err)
{
	static const char *const sfx[] = { "-journal", "-wal" };
	struct stat st;
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", dest, sfx[i]);
		bool there = lstat(p, &st) == 0;
		free(p);
		if (there) {
			db_failf(err, "备份文件 %s 的日志文件已存在，不会覆盖它", dest);
			return BACKUP_TAKEN;
		}
	}
	int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST) {
		db_failf(err, "备份文件 %s 已存在，不会覆盖它", dest);
		return BACKUP_TAKEN;
	}
	if (fd < 0)
		return db_failf(err, "无法创建备份文件 %s：%s", dest, strerror(errno));
	close(fd);
	return 0;
}

/* The copy in h (dest) as one file (journal_mode DELETE, which also folds a -wal in), then
 * PRAGMA integrity_check, which must say just "ok". */
static int backup_check(sqlite3 *h, const char *dest, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_exec(h, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		char *why = db_error_text(rc, sqlite3_errmsg(h), NULL);
		db_failf(err, "无法写备份文件 %s：%s", dest, why);
		free(why);
		return -1;
	}
	rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		char *why = db_error_text(rc, sqlite3_errmsg(h), NULL);
		db_failf(err, "无法检查备份文件 %s：%s", dest, why);
		free(why);
		sqlite3_finalize(st);
		return -1;
	}
	char *first = xstrdup(db_column_text(st, 0));
	bool ok = !strcmp(first, "ok") && sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok)
		db_failf(err, "备份文件 %s 没有通过完整性检查（%s）：原来的数据库可能已损坏，请运行 station check",
			 dest, first);
	free(first);
	return ok ? 0 : -1;
}

/* Copy the database open as src into dest, reserved (empty) by the caller. */
static int backup_copy(sqlite3 *src, const char *dest, char **err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	int rc = sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc == SQLITE_OK && !(b = sqlite3_backup_init(dst, "main", src, "main")))
		rc = sqlite3_errcode(dst);
	for (int tries = 0; b; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < BACKUP_BUSY_TRIES) {
			sqlite3_sleep(50);
			continue;
		}
		int frc = sqlite3_backup_finish(b);
		rc = rc == SQLITE_DONE ? frc : rc;
		break;
	}
	if (rc == SQLITE_OK) {
		if (backup_check(dst, dest, err) < 0) {
			sqlite3_close(dst);
			return -1;
		}
		rc = sqlite3_close(dst);
		dst = NULL;
	}
	if (rc == SQLITE_OK)
		return 0;
	char *why = db_error_text(rc, NULL, NULL);
	db_failf(err, "无法备份到 %s：%s", dest, why);
	free(why);
	sqlite3_close(dst);
	return -1;
}

/* Copy the database file src into dest (reserved), through a read-only connection. */
static int backup_copy_file(const char *src, const char *dest, char **err)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(src, &h, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		char *why = db_error_text(rc, NULL, NULL);
		db_failf(err, "无法打开要备份的数据库 %s：%s", src, why);
		free(why);
		sqlite3_close(h);
		return -1;
	}
	sqlite3_busy_timeout(h, DB_BUSY_TIMEOUT_MS);
	rc = backup_copy(h, dest, err);
	sqlite3_close(h);
	return rc;
}

/* True if the file at path is not a SQLite database at all: not empty and without the header. */
static bool backup_not_sqlite(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false; /* let SQLite say why */
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	return n > 0 && (n < (ssize_t)sizeof head || memcmp(head, magic, sizeof head));
}

/* Copy the bytes of the regular file src into dest (reserved). */
static int backup_copy_bytes(const char *src, const char *dest, char **err)
{
	char buf[65536];
	int in = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK), out = -1, rc = -1;
	struct stat st;
	if (in < 0 || fstat(in, &st) < 0 || !S_ISREG(st.st_mode)) {
		db_failf(err, "无法读取要备份的文件 %s：%s", src, in < 0 ? strerror(errno) : "不是普通文件");
		goto out;
	}
	if ((out = open(dest, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		db_failf(err, "无法写备份文件 %s：%s", dest, strerror(errno));
		goto out;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			db_failf(err, "无法读取要备份的文件 %s：%s", src, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				db_failf(err, "无法写备份文件 %s：%s", dest, w < 0 ? strerror(errno) : "?");
				goto out;
			}
			off += w;
		}
	}
	if (fsync(out) < 0) {
		db_failf(err, "无法写备份文件 %s：%s", dest, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0 && rc == 0)
		rc = db_failf(err, "无法写备份文件 %s：%s", dest, strerror(errno));
	return rc;
}

/* Reserve dest, then copy: from db if given, else from the file src (byte for byte if bytes).
 * Returns 0, BACKUP_TAKEN or -1, each failure with *err and nothing left at dest. */
static int backup_make(struct db *db, const char *src, bool bytes, const char *dest, char **err)
{
	int rc = backup_reserve(dest, err);
	if (rc)
		return rc;
	if (db)
		rc = backup_copy(db_handle(db), dest, err);
	else if (bytes)
		rc = backup_copy_bytes(src, dest, err);
	else
		rc = backup_copy_file(src, dest, err);
	if (rc)
		backup_remove(dest);
	return rc ? -1 : 0;
}

int db_backup_to(struct db *db, const char *dest, char **err)
{
	return backup_make(db, NULL, false, dest, err) ? -1 : 0;
}

int db_backup_file_to(const char *src, const char *dest, char **err)
{
	return backup_make(NULL, src, false, dest, err) ? -1 : 0;
}

char *db_backup_beside(struct db *db, const char *path, char **err)
{
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	bool bytes = !db && backup_not_sqlite(path);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	for (int n = 1; n <= BACKUP_MAX_SAME_SECOND; n++) {
		char *dest = n == 1 ? xasprintf("%s.bak-%s", path, stamp) : xasprintf("%s.bak-%s-%d", path, stamp, n);
		char *e = NULL;
		int rc = backup_make(db, path, bytes, dest, &e);
		if (rc == 0)
			return dest;
		free(dest);
		if (rc != BACKUP_TAKEN) {
			if (err)
				*err = e;
			else
				free(e);
			return NULL;
		}
		free(e);
	}
	db_failf(err, "%s.bak-%s 到 -%d 都已存在：请先清理旧的备份", path, stamp, BACKUP_MAX_SAME_SECOND);
	return NULL;
}
