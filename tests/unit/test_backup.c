/* Tests of db/backup.c: a backup is a new, single, checked file holding what was committed (rows
 * still in the -wal included, an open transaction left out); it never overwrites anything; two
 * backups in one second get two names; a file that is not a database is copied as it is. */
#include "db/backup.h"
#include "db/restore.h"

#include "tdb.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
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

/* station backup: station-<code>-<stamp>.db in a folder; three in one second are three files;
 * listed newest first (the -2, -3 after the plain name); a missing folder is refused by name. */
TEST(t_backup_into_named_and_listed)
{
	tdb_open("backup");
	char *err = NULL;
	char *dir = xasprintf("%s/usb", tdb_dir);
	CHECK_INT(db_exec(db, "CREATE TABLE bk(x); INSERT INTO bk VALUES (1), (2)", &err), 0);
	CHECK(db_backup_into(db, NULL, dir, "CG01", &err) == NULL);
	CHECK(err && strstr(err, "备份文件夹不存在") && strstr(err, dir));
	free(err);
	err = NULL;
	CHECK_INT(mkdir(dir, 0700), 0);
	char *made[3];
	for (int i = 0; i < 3; i++) {
		made[i] = db_backup_into(i == 1 ? NULL : db, db_path(db), dir, "CG01", &err);
		CHECK(made[i] != NULL);
		if (made[i])
			check_backup(made[i], 2);
	}
	char *other = xasprintf("%s/station-XY02-20260101-120000.db", dir), *note = xasprintf("%s/说明.txt", dir);
	put_file(other, "another station");
	put_file(note, "not a backup");
	struct db_backup_list l;
	CHECK_INT(db_backup_list(dir, "CG01", &l, &err), 0);
	CHECK_INT(l.n, 3);
	/* Made in order, so newest first is the reverse (whatever seconds they fell in). */
	for (int i = 0; i < 3 && l.n == 3; i++)
		CHECK_STR(l.paths[i], made[2 - i]);
	CHECK(l.n && strlen(l.stamps[0]) == 19 && l.stamps[0][4] == '-' && l.stamps[0][13] == ':');
	db_backup_list_free(&l);
	CHECK(db_backup_into(db, NULL, dir, "../x", &err) == NULL); /* never a path in a name */
	CHECK(err && strstr(err, "站点代码"));
	for (int i = 0; i < 3; i++)
		free(made[i]);
	free(other);
	free(note);
	free(err);
	free(dir);
	tdb_close();
}

/* Keep the newest N of the station's backups; other stations' backups and other files stay. */
TEST(t_backup_prune_keeps_newest)
{
	tdb_open("backup");
	char *err = NULL;
	static const char *const names[] = {
		"station-CG01-20260101-090000.db", "station-CG01-20260301-090000.db",
		"station-CG01-20260301-090000-2.db", "station-CG01-20251231-235959.db",
		"station-XY02-20200101-000000.db", "station-CG01-20260301-090000.db.txt",
	};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *p = xasprintf("%s/%s", tdb_dir, names[i]);
		put_file(p, "x");
		free(p);
	}
	/* Copies cut short by a kill: the dead process's are removed, a live one's (ours) kept. */
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	char *dead = xasprintf("%s/station-CG01-20260401-090000.db.part-%ld", tdb_dir, (long)child);
	char *dead_j = xasprintf("%s-journal", dead);
	char *alive = xasprintf("%s/station-CG01-20260402-090000.db.part-%ld", tdb_dir, (long)getpid());
	put_file(dead, "half");
	put_file(dead_j, "half");
	put_file(alive, "being written");
	CHECK_INT(db_backup_prune(tdb_dir, "CG01", 2, NULL, NULL, &err), 2);
	CHECK(!exists(dead, "") && !exists(dead_j, ""));
	CHECK(exists(alive, ""));
	free(dead);
	free(dead_j);
	free(alive);
	static const bool left[] = { false, true, true, false, true, true };
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		char *p = xasprintf("%s/%s", tdb_dir, names[i]);
		if (exists(p, "") != left[i])
			fprintf(stderr, "  %s: %s\n", names[i], left[i] ? "removed" : "kept");
		CHECK(exists(p, "") == left[i]);
		free(p);
	}
	CHECK_INT(db_backup_prune(tdb_dir, "CG01", 2, NULL, NULL, &err), 0);
	free(err);
	tdb_close();
}

/* The whole file's bytes (new), n of them; NULL if it cannot be read. */
static char *file_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	*n = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)len + 1);
	*n = fread(buf, 1, (size_t)len, f);
	fclose(f);
	return buf;
}

/* The file at path still holds exactly the n bytes of was. */
static bool file_is(const char *path, const char *was, size_t n)
{
	size_t m;
	char *now = file_bytes(path, &m);
	bool same = now && was && m == n && !memcmp(now, was, n);
	free(now);
	return same;
}

/* A station database at path with code (NULL: none recorded) and n visits. */
static void make_station(const char *path, const char *code, int n)
{
	struct db *d = NULL;
	char *err = NULL;
	if (db_open(path, DB_OPEN_CREATE, &d, &err) < 0)
		die("make_station: %s", err);
	if (code && db_station_claim(d, code, "城关镇联络站", &err) < 0)
		die("claim: %s", err);
	for (int i = 0; i < n; i++) {
		char *sql = xasprintf("INSERT INTO visits (date, channel, visitor_name, content) VALUES"
				      " ('2026-10-%02d', '日常来访', '王大妈', '路灯坏了')", i % 28 + 1);
		if (db_exec(d, sql, &err) < 0)
			die("visit: %s", err);
		free(sql);
	}
	db_close(d);
}

/* The station a file belongs to is recorded once; a changed station.ini does not re-label it. */
TEST(t_station_claim_once)
{
	tdb_open("backup");
	char *err = NULL;
	CHECK(db_station_code(db) == NULL);
	CHECK_INT(db_station_claim(db, "CG01", "城关镇", &err), 0);
	CHECK_INT(db_station_claim(db, "XY02", "新园", &err), 0);
	char *code = db_station_code(db);
	CHECK_STR(code, "CG01");
	free(code);
	CHECK(db_station_backup_dir(db) == NULL);
	CHECK_INT(db_station_set_backup_dir(db, "/media/u盘/备份", &err), 0);
	char *dir = db_station_backup_dir(db);
	CHECK_STR(dir, "/media/u盘/备份");
	free(dir);
	free(err);
	tdb_close();
}

/* What a file holds; files that are not sound station databases are refused with the reason. */
TEST(t_restore_inspect)
{
	tdb_open("restore");
	char *err = NULL, *p = xasprintf("%s/good.db", tdb_dir);
	struct db_restore_info info;
	make_station(p, "CG01", 3);
	CHECK_INT(db_restore_inspect(p, &info, &err), 0);
	CHECK_STR(info.code, "CG01");
	CHECK_STR(info.name, "城关镇联络站");
	CHECK_INT(info.visits, 3);
	CHECK_STR(info.last_visit, "2026-10-03");
	CHECK_INT(info.version, db_schema_version());
	db_restore_info_free(&info);

	char *q = xasprintf("%s/missing.db", tdb_dir);
	CHECK_INT(db_restore_inspect(q, &info, &err), -1);
	CHECK(err && strstr(err, "找不到要恢复的文件"));
	free(err);
	err = NULL;
	free(q);

	q = xasprintf("%s/text.db", tdb_dir);
	put_file(q, "姓名,性别\n张三,男\n这不是数据库，只是一个很长很长的文本文件，长过一百个字节的文件头。\n");
	CHECK_INT(db_restore_inspect(q, &info, &err), -1);
	CHECK(err && strstr(err, "不是 station 的数据库文件"));
	free(err);
	err = NULL;
	free(q);

	q = xasprintf("%s/newer.db", tdb_dir);
	make_station(q, "CG01", 1);
	sqlite3 *h = NULL;
	sqlite3_open(q, &h);
	sqlite3_exec(h, "PRAGMA user_version = 999", NULL, NULL, NULL);
	sqlite3_close(h);
	CHECK_INT(db_restore_inspect(q, &info, &err), -1);
	CHECK(err && strstr(err, "更新版本") && strstr(err, "999"));
	free(err);
	err = NULL;
	free(q);

	q = xasprintf("%s/other.db", tdb_dir);
	sqlite3_open(q, &h);
	sqlite3_exec(h, "CREATE TABLE t(x); PRAGMA user_version = 3", NULL, NULL, NULL);
	sqlite3_close(h);
	CHECK_INT(db_restore_inspect(q, &info, &err), -1);
	CHECK(err && strstr(err, "不是联络站台账的数据库"));
	free(err);
	err = NULL;
	free(q);

	/* No station_info (an older file): the code of its case numbers. */
	q = xasprintf("%s/old.db", tdb_dir);
	make_station(q, NULL, 1);
	sqlite3_open(q, &h);
	sqlite3_exec(h, "INSERT INTO case_seq (station_code, year, last_seq) VALUES ('LQ03', 2026, 9)", NULL, NULL,
		     NULL);
	sqlite3_close(h);
	CHECK_INT(db_restore_inspect(q, &info, &err), 0);
	CHECK_STR(info.code, "LQ03");
	CHECK(info.name == NULL);
	db_restore_info_free(&info);
	free(q);
	free(p);
	free(err);
	tdb_close();
}

/* Restore: the backup's data replaces the database, the old one kept aside byte for byte as it
 * read; refusals (another station, a damaged file, the program holding the lock) leave the
 * database file exactly as it was. */
TEST(t_restore_round_trip_and_refusals)
{
	tdb_open("restore");
	char *err = NULL, *aside = NULL;
	char *cur = xasprintf("%s/cur.db", tdb_dir), *bak = xasprintf("%s/bak.db", tdb_dir);
	char *foreign = xasprintf("%s/foreign.db", tdb_dir), *copy = xasprintf("%s/before.db", tdb_dir);
	make_station(bak, "CG01", 5);
	make_station(cur, "CG01", 2);
	make_station(foreign, "XY02", 7);
	struct db *d = NULL;
	CHECK_INT(db_open(cur, 0, &d, &err), 0); /* leave a -wal: the close below checkpoints it */
	db_close(d);

	/* Another station's file: refused unless no code is expected. */
	CHECK_INT(db_backup_file_to(cur, copy, &err), 0);
	CHECK_INT(db_restore(cur, foreign, "CG01", &aside, &err), -1);
	CHECK(err && strstr(err, "XY02") && strstr(err, "--force"));
	CHECK(aside == NULL);
	free(err);
	err = NULL;
	CHECK_INT(q_file(cur, "SELECT count(*) FROM visits"), 2);

	/* The program has it open: refused, nothing done. */
	CHECK_INT(db_open(cur, DB_OPEN_EXCLUSIVE, &d, &err), 0);
	CHECK_INT(db_restore(cur, bak, "CG01", &aside, &err), DB_RESTORE_BUSY);
	CHECK(err && strstr(err, "正被 station 程序使用"));
	free(err);
	err = NULL;
	free(aside);
	aside = NULL;
	db_close(d);

	/* A damaged backup: refused before anything is touched. */
	char *broken = xasprintf("%s/broken.db", tdb_dir);
	CHECK_INT(db_backup_file_to(bak, broken, &err), 0);
	int fd = open(broken, O_WRONLY);
	char junk[4096];
	memset(junk, 0x5a, sizeof junk);
	CHECK(fd >= 0 && pwrite(fd, junk, sizeof junk, 4096 * 2) == (ssize_t)sizeof junk);
	close(fd);
	CHECK_INT(db_restore(cur, broken, "CG01", &aside, &err), -1);
	CHECK(err && (strstr(err, "已损坏") || strstr(err, "不是")));
	free(err);
	err = NULL;
	free(broken);

	/* The real one. */
	size_t nbak;
	char *bak_before = file_bytes(bak, &nbak);
	CHECK_INT(db_restore(cur, bak, "CG01", &aside, &err), 0);
	CHECK(err == NULL);
	CHECK_INT(q_file(cur, "SELECT count(*) FROM visits"), 5);
	char *ic = integrity(cur);
	CHECK_STR(ic, "ok");
	free(ic);
	CHECK(aside && strstr(aside, ".bak-"));
	if (aside)
		CHECK_INT(q_file(aside, "SELECT count(*) FROM visits"), 2);
	CHECK(!exists(cur, ".restore-"));
	free(aside);
	aside = NULL;

	/* Onto no database at all: the file is put in place. */
	char *fresh = xasprintf("%s/new/station.db", tdb_dir), *fresh_dir = xasprintf("%s/new", tdb_dir);
	CHECK_INT(mkdir(fresh_dir, 0700), 0);
	CHECK_INT(db_restore(fresh, bak, NULL, &aside, &err), 0);
	CHECK(aside == NULL);
	CHECK_INT(q_file(fresh, "SELECT count(*) FROM visits"), 5);
	CHECK(file_is(bak, bak_before, nbak)); /* the backup itself is only read */
	free(bak_before);
	free(fresh);
	free(fresh_dir);
	free(cur);
	free(bak);
	free(foreign);
	free(copy);
	free(err);
	tdb_close();
}

/* The case restore exists for: the database is damaged (SQLite cannot even copy it). The backup
 * goes in; the damaged file is kept aside byte for byte, with its -wal. */
TEST(t_restore_over_damaged)
{
	tdb_open("restore");
	char *err = NULL, *aside = NULL;
	char *cur = xasprintf("%s/cur.db", tdb_dir), *bak = xasprintf("%s/bak.db", tdb_dir);
	make_station(bak, "CG01", 4);
	make_station(cur, "CG01", 30);
	int fd = open(cur, O_WRONLY);
	char junk[4096];
	memset(junk, 0xa5, sizeof junk);
	for (int pg = 2; pg < 6; pg++)
		CHECK(fd >= 0 && pwrite(fd, junk, sizeof junk, 4096 * pg) == (ssize_t)sizeof junk);
	close(fd);
	size_t n;
	char *damaged = file_bytes(cur, &n);
	char *ic = integrity(cur);
	CHECK(strcmp(ic, "ok") != 0);
	free(ic);
	CHECK_INT(db_restore(cur, bak, "CG01", &aside, &err), 0);
	if (err)
		fprintf(stderr, "  %s\n", err);
	CHECK_INT(q_file(cur, "SELECT count(*) FROM visits"), 4);
	CHECK(aside && file_is(aside, damaged, n));
	free(damaged);
	free(aside);
	free(cur);
	free(bak);
	free(err);
	tdb_close();
}

int main(void)
{
	RUN(t_backup_file_wal);
	RUN(t_backup_open_db);
	RUN(t_backup_never_overwrites);
	RUN(t_backup_beside_same_second);
	RUN(t_backup_not_a_database);
	RUN(t_backup_into_named_and_listed);
	RUN(t_backup_prune_keeps_newest);
	RUN(t_station_claim_once);
	RUN(t_restore_inspect);
	RUN(t_restore_round_trip_and_refusals);
	RUN(t_restore_over_damaged);
	return t_done();
}
