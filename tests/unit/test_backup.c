/* Tests of db/backup.c: a backup is a new, single, checked file holding what was committed (rows
 * still in the -wal included, an open transaction left out); it never overwrites anything; two
 * backups in one second get two names; a file that is not a database is copied as it is. */
#include "db/backup.h"

#include "tdb.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* One integer (or -1) from the file at path, through its own read-only connection. */
static long long q_file(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

/* The text integrity_check gives for path. New string. */
static char *integrity(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	char *v = xstrdup("(no answer)");
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		str_set(&v, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static bool exists(const char *path, const char *sfx)
{
	char *p = xasprintf("%s%s", path, sfx);
	bool there = access(p, F_OK) == 0;
	free(p);
	return there;
}

/* The byte at offset off of the file (the WAL flag of a database is at 18). */
static int byte_at(const char *path, off_t off)
{
	unsigned char c = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || pread(fd, &c, 1, off) != 1)
		c = 0;
	if (fd >= 0)
		close(fd);
	return c;
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die("cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *path)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	return xstrdup(buf);
}

/* A sound backup at dest holding n rows of bk: one file, 0600, integrity ok, rollback mode. */
static void check_backup(const char *dest, long long n)
{
	struct stat st;
	char *ic = integrity(dest);
	CHECK_STR(ic, "ok");
	free(ic);
	CHECK_INT(q_file(dest, "SELECT count(*) FROM bk"), n);
	CHECK_INT(q_file(dest, "SELECT count(*) >= 0 FROM deputies"), 1); /* the station schema came along */
	CHECK(!exists(dest, "-wal") && !exists(dest, "-shm") && !exists(dest, "-journal"));
	CHECK_INT(byte_at(dest, 18), 1); /* not WAL: one self-contained file */
	CHECK(stat(dest, &st) == 0 && (st.st_mode & 0777) == 0600);
}

/* Rows committed but still in the -wal are in the backup; an open transaction is not. */
TEST(t_backup_file_wal)
{
	tdb_open("backup");
	char *err = NULL;
	char *dest = xasprintf("%s/copy.db", tdb_dir);
	CHECK_INT(db_exec(db, "CREATE TABLE bk(x); INSERT INTO bk VALUES (1), (2), (3)", &err), 0);
	CHECK(exists(db_path(db), "-wal"));
	CHECK_INT(db_begin(db, &err), 0);
	CHECK_INT(db_exec(db, "INSERT INTO bk VALUES (4)", &err), 0);
	CHECK_INT(db_backup_file_to(db_path(db), dest, &err), 0);
	CHECK(err == NULL);
	free(err);
	err = NULL;
	db_rollback(db);
	check_backup(dest, 3);
	/* The source is untouched and still works. */
	CHECK_INT(q_int("SELECT count(*) FROM bk"), 3);
	free(dest);
	tdb_close();
}

/* From the open connection (the future station backup command). */
TEST(t_backup_open_db)
{
	tdb_open("backup");
	char *err = NULL;
	char *dest = xasprintf("%s/copy.db", tdb_dir);
	CHECK_INT(db_exec(db, "CREATE TABLE bk(x); INSERT INTO bk VALUES (1), (2)", &err), 0);
	CHECK_INT(db_backup_to(db, dest, &err), 0);
	CHECK(err == NULL);
	check_backup(dest, 2);
	free(err);
	free(dest);
	tdb_close();
}

/* An existing file (or a leftover -journal of that name) is never overwritten. */
TEST(t_backup_never_overwrites)
{
	tdb_open("backup");
	char *err = NULL;
	char *dest = xasprintf("%s/copy.db", tdb_dir), *journal = xasprintf("%s-journal", dest);
	CHECK_INT(db_exec(db, "CREATE TABLE bk(x); INSERT INTO bk VALUES (1)", &err), 0);
	put_file(dest, "keep me");
	CHECK_INT(db_backup_file_to(db_path(db), dest, &err), -1);
	CHECK(err && strstr(err, "已存在") && strstr(err, dest));
	free(err);
	err = NULL;
	char *text = slurp(dest);
	CHECK_STR(text, "keep me");
	free(text);
	CHECK_INT(db_backup_to(db, dest, &err), -1);
	free(err);
	err = NULL;
	unlink(dest);
	put_file(journal, "stale");
	CHECK_INT(db_backup_to(db, dest, &err), -1);
	CHECK(!exists(dest, ""));
	text = slurp(journal);
	CHECK_STR(text, "stale");
	free(text);
	free(err);
	free(journal);
	free(dest);
	tdb_close();
}

/* Backups in one second: PATH.bak-STAMP, then -2, -3; names already taken are left alone. */
TEST(t_backup_beside_same_second)
{
	tdb_open("backup");
	char *err = NULL;
	CHECK_INT(db_exec(db, "CREATE TABLE bk(x); INSERT INTO bk VALUES (1)", &err), 0);
	const char *path = db_path(db);
	for (int tries = 0; tries < 5; tries++) {
		char stamp[32];
		struct tm tm;
		time_t t0 = time(NULL);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&t0, &tm));
		char *first = xasprintf("%s.bak-%s", path, stamp), *second = xasprintf("%s-2", first);
		put_file(second, "taken");
		char *a = db_backup_beside(db, path, &err);
		char *b = db_backup_beside(NULL, path, &err);
		bool same_second = time(NULL) == t0;
		if (same_second) {
			char *third = xasprintf("%s-3", first);
			CHECK_STR(a, first);
			CHECK_STR(b, third);
			char *text = slurp(second);
			CHECK_STR(text, "taken");
			free(text);
			if (a)
				check_backup(a, 1);
			if (b)
				check_backup(b, 1);
			free(third);
		}
		if (a)
			unlink(a);
		if (b)
			unlink(b);
		unlink(second);
		free(a);
		free(b);
		free(first);
		free(second);
		if (same_second)
			break;
	}
	CHECK(err == NULL);
	free(err);
	tdb_close();
}

/* A file that is not a database: db_backup_file_to refuses it (nothing left behind);
 * db_backup_beside keeps its bytes. A missing source: refused. */
TEST(t_backup_not_a_database)
{
	tdb_open("backup");
	char *err = NULL;
	char *src = xasprintf("%s/notes.db", tdb_dir), *dest = xasprintf("%s/copy.db", tdb_dir);
	put_file(src, "姓名,性别\n张三,男\n");
	CHECK_INT(db_backup_file_to(src, dest, &err), -1);
	CHECK(err && strstr(err, dest));
	CHECK(!exists(dest, ""));
	free(err);
	err = NULL;
	char *b = db_backup_beside(NULL, src, &err);
	CHECK(b != NULL);
	char *text = b ? slurp(b) : NULL;
	CHECK_STR(text, "姓名,性别\n张三,男\n");
	free(text);
	free(b);
	char *missing = xasprintf("%s/missing.db", tdb_dir);
	CHECK_INT(db_backup_file_to(missing, dest, &err), -1);
	CHECK(err != NULL);
	CHECK(!exists(dest, "") && !exists(missing, ""));
	free(err);
	free(missing);
	free(src);
	free(dest);
	tdb_close();
}

int main(void)
{
	RUN(t_backup_file_wal);
	RUN(t_backup_open_db);
	RUN(t_backup_never_overwrites);
	RUN(t_backup_beside_same_second);
	RUN(t_backup_not_a_database);
	return t_done();
}
