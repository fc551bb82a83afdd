/* Backups of a station database into new, self-contained files, with SQLite's online backup API
 * (see backup.h). */
#include "db/backup.h"

#include "core/util.h"
#include "db/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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

/* fsync the folder of path, so a new name survives a power cut. */
static void backup_fsync_dir(const char *path)
{
	char *copy = xstrdup(path);
	char *slash = strrchr(copy, '/');
	if (slash)
		*(slash == copy ? slash + 1 : slash) = '\0';
	int fd = open(slash ? copy : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/* The name of the file a backup is written in before it is complete: dest.part-PID. Never a
 * name the backup lists match (they end in ".db"), so a copy cut short by a crash or a kill is
 * never taken for a backup; db_backup_prune removes those of processes that are gone. */
static char *backup_part_name(const char *dest) { return xasprintf("%s.part-%ld", dest, (long)getpid()); }

/* dest is free: neither it nor a -journal or -wal of that name exists (SQLite would roll a stale
 * journal into the new file). Returns 0 or BACKUP_TAKEN with *err. */
static int backup_name_free(const char *dest, char **err)
{
	static const char *const sfx[] = { "", "-journal", "-wal" };
	struct stat st;
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", dest, sfx[i]);
		bool there = lstat(p, &st) == 0;
		free(p);
		if (there) {
			db_failf(err, i ? "备份文件 %s 的日志文件已存在，不会覆盖它" : "备份文件 %s 已存在，不会覆盖它", dest);
			return BACKUP_TAKEN;
		}
	}
	return 0;
}

/* Give the complete, checked copy part its final name dest, never replacing a file: a hard link
 * (fails on an existing name), or where the file system has none (a FAT USB stick) a rename
 * that refuses to replace (RENAME_NOREPLACE), or last a rename after looking. Returns 0,
 * BACKUP_TAKEN or -1, each with *err; part is left for the caller to remove on failure. */
static int backup_publish(const char *part, const char *dest, char **err)
{
	if (link(part, dest) == 0) {
		unlink(part);
		return 0;
	}
	if (errno == EEXIST)
		return backup_name_free(dest, err) ? BACKUP_TAKEN : db_failf(err, "备份文件 %s 已存在，不会覆盖它", dest);
	if (errno != EPERM && errno != EOPNOTSUPP && errno != EMLINK && errno != ENOSYS)
		return db_failf(err, "无法写备份文件 %s：%s", dest, strerror(errno));
	if (renameat2(AT_FDCWD, part, AT_FDCWD, dest, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno == EEXIST) {
		db_failf(err, "备份文件 %s 已存在，不会覆盖它", dest);
		return BACKUP_TAKEN;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return db_failf(err, "无法写备份文件 %s：%s", dest, strerror(errno));
	if (backup_name_free(dest, err))
		return BACKUP_TAKEN;
	return rename(part, dest) == 0 ? 0 : db_failf(err, "无法写备份文件 %s：%s", dest, strerror(errno));
}

/* Copy into dest: from db if given, else from the file src (byte for byte if bytes). The copy is
 * made and checked under a temporary name (backup_part_name) and only then named dest, so dest
 * never holds half a backup. Returns 0, BACKUP_TAKEN or -1, each failure with *err and nothing
 * left behind. */
static int backup_make(struct db *db, const char *src, bool bytes, const char *dest, char **err)
{
	int rc = backup_name_free(dest, err);
	if (rc)
		return rc;
	char *part = backup_part_name(dest);
	rc = backup_reserve(part, err);
	if (rc) {
		free(part);
		return rc == BACKUP_TAKEN ? -1 : rc;
	}
	if (db)
		rc = backup_copy(db_handle(db), part, err);
	else if (bytes)
		rc = backup_copy_bytes(src, part, err);
	else
		rc = backup_copy_file(src, part, err);
	if (rc == 0)
		rc = backup_publish(part, dest, err);
	if (rc)
		backup_remove(part);
	else
		backup_fsync_dir(dest);
	free(part);
	return rc;
}

int db_backup_to(struct db *db, const char *dest, char **err)
{
	return backup_make(db, NULL, false, dest, err) ? -1 : 0;
}

int db_backup_file_to(const char *src, const char *dest, char **err)
{
	return backup_make(NULL, src, false, dest, err) ? -1 : 0;
}

/* A new backup named prefix + stamp + ("" | "-2" | "-3" ...) + suffix, stamp the local time
 * YYYYMMDD-HHMMSS: the first free name, so an earlier backup is never replaced. */
static char *backup_stamped(struct db *db, const char *src, bool bytes, const char *prefix, const char *suffix,
			    char **err)
{
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	for (int n = 1; n <= BACKUP_MAX_SAME_SECOND; n++) {
		char *dest = n == 1 ? xasprintf("%s%s%s", prefix, stamp, suffix)
				    : xasprintf("%s%s-%d%s", prefix, stamp, n, suffix);
		char *e = NULL;
		int rc = backup_make(db, src, bytes, dest, &e);
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
	db_failf(err, "%s%s%s 到 -%d 都已存在：请先清理旧的备份", prefix, stamp, suffix, BACKUP_MAX_SAME_SECOND);
	return NULL;
}

char *db_backup_beside(struct db *db, const char *path, char **err)
{
	char *prefix = xasprintf("%s.bak-", path);
	char *dest = backup_stamped(db, path, !db && backup_not_sqlite(path), prefix, "", err);
	free(prefix);
	return dest;
}

/* ---- station backup: station-<code>-<stamp>.db in a folder, the newest N kept ---- */

/* A folder a backup can go to: exists, is a folder, can be written. */
static int backup_dir_ok(const char *dir, char **err)
{
	struct stat st;
	if (str_empty(dir))
		return db_fail_msg(err, "没有指定备份文件夹");
	if (stat(dir, &st) < 0)
		return db_failf(err, "备份文件夹不存在：%s（U 盘插好了吗？）", dir);
	if (!S_ISDIR(st.st_mode))
		return db_failf(err, "%s 不是文件夹，不能放备份", dir);
	if (access(dir, W_OK | X_OK) < 0)
		return db_failf(err, "备份文件夹 %s 不能写入（%s）：U 盘是否写保护？", dir,
				errno == EROFS ? "只读的磁盘" : strerror(errno));
	return 0;
}

/* A station code is safe in a file name: ASCII letters and digits (config checks it; this
 * guards the file system against anything else). */
static bool backup_code_ok(const char *code)
{
	if (str_empty(code) || strlen(code) > 32)
		return false;
	for (const char *p = code; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
			return false;
	return true;
}

char *db_backup_into(struct db *db, const char *src, const char *dir, const char *code, char **err)
{
	if (err)
		*err = NULL;
	if (!backup_code_ok(code)) {
		db_failf(err, "站点代码「%s」不能用在备份文件名里（只能是字母和数字）", code ? code : "");
		return NULL;
	}
	if (backup_dir_ok(dir, err) < 0)
		return NULL;
	char *prefix = xasprintf("%s%sstation-%s-", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", code);
	char *dest = backup_stamped(db, src, false, prefix, ".db", err);
	free(prefix);
	return dest;
}

/* If name is a backup of code (station-<code>-YYYYMMDD-HHMMSS[-N].db), its stamp as
 * "YYYYMMDD-HHMMSS" into stamp and N (1 without a suffix); else false. */
static bool backup_name_parse(const char *name, const char *code, char stamp[16], int *n)
{
	size_t lc = strlen(code);
	if (strncmp(name, "station-", 8) || strncmp(name + 8, code, lc) || name[8 + lc] != '-')
		return false;
	const char *p = name + 9 + lc;
	for (int i = 0; i < 15; i++)
		if (i == 8 ? p[i] != '-' : (p[i] < '0' || p[i] > '9'))
			return false;
	memcpy(stamp, p, 15);
	stamp[15] = '\0';
	p += 15;
	*n = 1;
	if (*p == '-') {
		char *end = NULL;
		long v = strtol(p + 1, &end, 10);
		if (end == p + 1 || v < 2 || v > BACKUP_MAX_SAME_SECOND)
			return false;
		*n = (int)v;
		p = end;
	}
	return !strcmp(p, ".db");
}

struct backup_ent {
	char stamp[16];
	int n;
	char *path;
};

/* Newest first: by stamp, then by the same-second number. */
static int backup_ent_cmp(const void *a, const void *b)
{
	const struct backup_ent *x = a, *y = b;
	int c = strcmp(y->stamp, x->stamp);
	return c ? c : y->n - x->n;
}

int db_backup_list(const char *dir, const char *code, struct db_backup_list *out, char **err)
{
	memset(out, 0, sizeof *out);
	if (!backup_code_ok(code))
		return 0;
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		return db_failf(err, "无法读取备份文件夹 %s：%s", dir, strerror(errno));
	}
	struct backup_ent *v = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		struct backup_ent b;
		if (!backup_name_parse(e->d_name, code, b.stamp, &b.n))
			continue;
		if (n == cap)
			v = xrealloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 16));
		b.path = xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		v[n++] = b;
	}
	closedir(d);
	if (n)
		qsort(v, (size_t)n, sizeof *v, backup_ent_cmp);
	out->paths = xcalloc((size_t)n + 1, sizeof *out->paths);
	out->stamps = xcalloc((size_t)n + 1, sizeof *out->stamps);
	for (int i = 0; i < n; i++) {
		const char *t = v[i].stamp;
		out->paths[i] = v[i].path;
		out->stamps[i] = xasprintf("%.4s-%.2s-%.2s %.2s:%.2s:%.2s", t, t + 4, t + 6, t + 9, t + 11, t + 13);
	}
	out->n = n;
	free(v);
	return 0;
}

void db_backup_list_free(struct db_backup_list *l)
{
	if (!l)
		return;
	str_free_array(l->paths, l->n);
	str_free_array(l->stamps, l->n);
	memset(l, 0, sizeof *l);
}

/* Remove the copies of code's backups in dir that a crash or a kill cut short
 * (station-<code>-....db.part-PID and its -journal) whose process is gone. */
static void backup_prune_parts(const char *dir, const char *code)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	char *prefix = xasprintf("station-%s-", code);
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *part = strstr(e->d_name, ".db.part-");
		char *end = NULL;
		if (!part || strncmp(e->d_name, prefix, strlen(prefix)))
			continue;
		long pid = strtol(part + 9, &end, 10);
		if (end == part + 9 || (*end && strcmp(end, "-journal")) || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	free(prefix);
}

int db_backup_prune(const char *dir, const char *code, int keep, void (*cb)(void *ud, const char *path), void *ud,
		    char **err)
{
	struct db_backup_list l;
	int removed = 0;
	if (keep < 1)
		keep = 1;
	if (backup_code_ok(code))
		backup_prune_parts(dir, code);
	if (db_backup_list(dir, code, &l, err) < 0)
		return -1;
	for (int i = keep; i < l.n; i++) {
		if (unlink(l.paths[i]) < 0) {
			db_failf(err, "无法删除较早的备份 %s：%s", l.paths[i], strerror(errno));
			db_backup_list_free(&l);
			return -1;
		}
		removed++;
		if (cb)
			cb(ud, l.paths[i]);
	}
	db_backup_list_free(&l);
	return removed;
}
