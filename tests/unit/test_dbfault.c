/* A damaged or badly kept database file: damage found before the clerk writes (at open after an
 * unclean end or on a small file, and on any SQLITE_CORRUPT later), the connection then refusing
 * every write and leaving the file byte-identical; db_check naming what is damaged in Chinese;
 * the file and its -wal/-shm tightened to 0600 at an open for writing, said once. */
#include "t.h"

#include "core/util.h"
#include "db/db.h"
#include "db/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---- */

static char *tmp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/station-test-dbfault-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl))
		die("mkdtemp failed");
	return tmpl;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

static void rm_rf(char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

static char *in(const char *dir, const char *name) { return xasprintf("%s/%s", dir, name); }

static bool contains(const char *s, const char *part) { return s && part && strstr(s, part); }

#define CHECK_HAS(s, part)                                                                                             \
	do {                                                                                                           \
		if (!contains((s), (part))) {                                                                          \
			fprintf(stderr, "  %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,               \
				(s) ? (s) : "(null)", (part));                                                         \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

/* The whole file as a new string (NULL if missing); *len its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	*len = 0;
	if (!f)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		for (size_t i = 0; i < n; i++)
			sb_addc(&sb, buf[i]);
	}
	fclose(f);
	*len = sb.len;
	return sb_take(&sb);
}

static bool same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	return a && b && alen == blen && !memcmp(a, b, alen);
}

static long long raw_int(const char *path, const char *sql)
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

/* A fresh station database at path with ten visits, closed cleanly (no -wal left). Returns the
 * root page of visits. */
static int make_db(const char *path)
{
	struct db *db = NULL;
	char *err = NULL;
	if (db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &db, &err) < 0)
		die("db_open: %s", err);
	if (db_begin(db, &err) < 0)
		die("db_begin: %s", err);
	for (int i = 0; i < 10; i++) {
		char *sql = xasprintf("INSERT INTO visits (uid, date, channel, visitor_name, content, category, handling) "
				      "VALUES (lower(hex(randomblob(16))), '2026-11-0%d', '日常来访', '王大爷', "
				      "'村里自来水管道老化', '水电气讯', '当场答复')",
				      i % 9 + 1);
		if (db_exec(db, sql, &err) < 0)
			die("insert: %s", err);
		free(sql);
	}
	if (db_commit(db, &err) < 0)
		die("commit: %s", err);
	db_close(db);
	return (int)raw_int(path, "SELECT rootpage FROM sqlite_master WHERE name = 'visits'");
}

/* Overwrite page `page` (4096 bytes) with garbage, keeping page 1 intact. */
static void damage_page(const char *path, int page)
{
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(0xA5 ^ (i * 7));
	int fd = open(path, O_WRONLY);
	if (fd < 0 || pwrite(fd, junk, sizeof junk, (off_t)(page - 1) * 4096) != (ssize_t)sizeof junk)
		die("damage_page");
	close(fd);
}

/* Leave a -wal beside path as a crash would (a connection that never checkpoints on close). */
static void leave_wal(const char *path)
{
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die("leave_wal: open");
	sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (sqlite3_exec(h, "UPDATE app_session SET user = '崩溃前' WHERE id = 1", NULL, NULL, NULL) != SQLITE_OK)
		die("leave_wal: update: %s", sqlite3_errmsg(h));
	sqlite3_close(h);
}

static bool exists(const char *path) { return access(path, F_OK) == 0; }

static int mode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) < 0 ? -1 : (int)(st.st_mode & 07777);
}

/* ---- damage found before writing ---- */

/* A small file (the check runs at every open for writing) with a page of visits overwritten:
 * the full-screen program's open succeeds, marked damaged, with the banner text; every write
 * is refused with that text; nothing of the file changes. */
TEST(t_damaged_small_file_found_at_open)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	int root = make_db(path);
	CHECK(root > 1);
	damage_page(path, root);
	size_t len0, len1;
	char *before = slurp(path, &len0);
	struct db *db = NULL;
	char *err = NULL;
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE | DB_OPEN_INTERACTIVE, &db, &err), 0);
	free(err);
	err = NULL;
	if (db) {
		CHECK(db_damaged(db));
		CHECK_STR(db_damage_text(db), "数据库已损坏，只能查看，不能保存。请退出后运行 station check，并从备份恢复。");
		CHECK_INT(db_begin(db, &err), -1);
		CHECK_HAS(err, "数据库已损坏，只能查看，不能保存");
		CHECK_INT(db_depth(db), 0);
		free(err);
		err = NULL;
		/* Not even a write outside db_begin gets through. */
		CHECK_INT(db_exec(db, "UPDATE app_session SET user = 'x'", &err), -1);
		free(err);
		err = NULL;
		db_close(db);
	}
	char *after = slurp(path, &len1);
	CHECK(same_bytes(before, len0, after, len1));
	free(before);
	free(after);
	free(path);
	rm_rf(dir);
}

/* A command that writes (import) is refused at open, with a message saying what to do. */
TEST(t_damaged_refused_for_commands)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	damage_page(path, make_db(path));
	size_t len0, len1;
	char *before = slurp(path, &len0);
	struct db *db = NULL;
	char *err = NULL;
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &db, &err), -1);
	CHECK(db == NULL);
	CHECK_HAS(err, "数据库文件已损坏");
	CHECK_HAS(err, "station check");
	CHECK_HAS(err, "备份");
	free(err);
	char *after = slurp(path, &len1);
	CHECK(same_bytes(before, len0, after, len1));
	free(before);
	free(after);
	free(path);
	rm_rf(dir);
}

/* A large file closed cleanly is not checked at open (start-up costs nothing); the first
 * statement that meets the damage marks the connection damaged and writes are refused. */
TEST(t_corrupt_later_flips_to_damaged)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	damage_page(path, make_db(path));
	int64_t saved = db_startup_check_max_bytes;
	db_startup_check_max_bytes = 0; /* every file counts as large */
	struct db *db = NULL;
	char *err = NULL;
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE | DB_OPEN_INTERACTIVE, &db, &err), 0);
	free(err);
	err = NULL;
	if (db) {
		CHECK(!db_damaged(db));
		int64_t n = 0;
		/* (count(*) would read an index, not the damaged table) */
		CHECK_INT(db_query_int(db, "SELECT sum(length(content)) FROM visits", &n, &err), -1);
		CHECK_HAS(err, "损坏");
		free(err);
		err = NULL;
		CHECK(db_damaged(db));
		CHECK_INT(db_begin(db, &err), -1);
		CHECK_HAS(err, "数据库已损坏，只能查看，不能保存");
		free(err);
		db_close(db);
	}
	db_startup_check_max_bytes = saved;
	free(path);
	rm_rf(dir);
}

/* A -wal left by a crash means the last session did not end cleanly: the check runs at open
 * even on a large file. Without the -wal it does not (the case above). */
TEST(t_unclean_end_checked_at_open)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db"), *wal = in(dir, "station.db-wal");
	int root = make_db(path);
	leave_wal(path);
	CHECK(exists(wal));
	damage_page(path, root);
	int64_t saved = db_startup_check_max_bytes;
	db_startup_check_max_bytes = 0;
	size_t len0, len1, wlen0, wlen1;
	char *before = slurp(path, &len0), *wbefore = slurp(wal, &wlen0);
	struct db *db = NULL;
	char *err = NULL;
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE | DB_OPEN_INTERACTIVE, &db, &err), 0);
	free(err);
	if (db) {
		CHECK(db_damaged(db));
		db_close(db);
	}
	/* Nothing was written, not even a checkpoint of the -wal into the damaged file. */
	char *after = slurp(path, &len1), *wafter = slurp(wal, &wlen1);
	CHECK(same_bytes(before, len0, after, len1));
	CHECK(same_bytes(wbefore, wlen0, wafter, wlen1));
	db_startup_check_max_bytes = saved;
	free(before);
	free(after);
	free(wbefore);
	free(wafter);
	free(wal);
	free(path);
	rm_rf(dir);
}

/* A sound file after an unclean end: checked, found sound, opened normally and writable. */
TEST(t_unclean_end_sound_file_opens)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	make_db(path);
	leave_wal(path);
	int64_t saved = db_startup_check_max_bytes;
	db_startup_check_max_bytes = 0;
	struct db *db = NULL;
	char *err = NULL;
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &db, &err), 0);
	free(err);
	err = NULL;
	if (db) {
		CHECK(!db_damaged(db));
		CHECK(db_damage_text(db) == NULL);
		CHECK_INT(db_begin(db, &err), 0);
		CHECK_INT(db_commit(db, &err), 0);
		free(err);
		db_close(db);
	}
	db_startup_check_max_bytes = saved;
	free(path);
	rm_rf(dir);
}

/* ---- db_check on a damaged file ---- */

struct findings {
	struct strbuf all;
	int n;
};

static void collect(void *ud, const char *finding)
{
	struct findings *f = ud;
	sb_addf(&f->all, "%s\n", finding);
	f->n++;
}

/* Every byte of s is ASCII punctuation/digits/space or part of a multi-byte (Chinese) character,
 * apart from the names given: no English sentence of SQLite's. */
static bool no_english_words(const char *s)
{
	static const char *const english[] = { "btree", "error", "Page", "page ", "returns", "malformed",
					       "database", "Tree", "cell", "missing" };
	for (size_t i = 0; i < ARRAY_LEN(english); i++)
		if (strstr(s, english[i]))
			return false;
	return true;
}

TEST(t_check_names_damaged_table)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	int root = make_db(path);
	damage_page(path, root);
	struct db *db = NULL;
	char *err = NULL;
	CHECK_INT(db_open(path, DB_OPEN_READONLY, &db, &err), 0);
	free(err);
	err = NULL;
	if (db) {
		struct findings f = { .n = 0 };
		sb_init(&f.all);
		int n = db_check(db, collect, &f, &err);
		CHECK(n > 0);
		CHECK(err == NULL);
		char *want = xasprintf("表 visits（接待选民登记）第 %d 页损坏", root);
		CHECK_HAS(f.all.buf, want);
		CHECK(no_english_words(f.all.buf));
		if (!no_english_words(f.all.buf))
			fprintf(stderr, "  findings: %s", f.all.buf);
		CHECK(db_damaged(db));
		free(want);
		free(err);
		sb_free(&f.all);
		db_close(db);
	}
	free(path);
	rm_rf(dir);
}

/* ---- permissions ---- */

/* A file copied back from a USB stick (0644), with a -wal of the same mode: an open for writing
 * tightens both to 0600 and says so once; new -wal/-shm files are 0600; a read-only open
 * changes nothing. */
TEST(t_mode_tightened_once)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db"), *wal = in(dir, "station.db-wal"),
	     *shm = in(dir, "station.db-shm");
	make_db(path);
	chmod(path, 0644);
	struct db *db = NULL;
	char *err = NULL;
	/* Read only: left alone, nothing said. */
	CHECK_INT(db_open(path, DB_OPEN_READONLY, &db, &err), 0);
	if (db) {
		CHECK(db_notice(db) == NULL);
		db_close(db);
	}
	CHECK_INT(mode_of(path), 0644);
	/* A crash-left -wal, also 0644. */
	leave_wal(path);
	chmod(path, 0644);
	chmod(wal, 0644);
	unlink(shm);
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &db, &err), 0);
	free(err);
	err = NULL;
	if (db) {
		CHECK_STR(db_notice(db), "数据库文件权限已改为仅本人可读写（原为 0644）");
		CHECK_INT(mode_of(path), 0600);
		CHECK_INT(mode_of(wal), 0600);
		CHECK_INT(db_begin(db, &err), 0);
		CHECK_INT(db_exec(db, "UPDATE app_session SET user = '测试' WHERE id = 1", &err), 0);
		CHECK_INT(db_commit(db, &err), 0);
		CHECK(exists(shm));
		CHECK_INT(mode_of(shm), 0600);
		db_close(db);
	}
	/* No -wal/-shm left, a new session makes them: 0600 because the main file is. */
	unlink(wal);
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &db, &err), 0);
	if (db) {
		CHECK(db_notice(db) == NULL); /* said once */
		CHECK_INT(db_begin(db, &err), 0);
		CHECK_INT(db_exec(db, "UPDATE app_session SET user = '测试2' WHERE id = 1", &err), 0);
		CHECK_INT(db_commit(db, &err), 0);
		CHECK(exists(wal));
		CHECK_INT(mode_of(wal), 0600);
		CHECK_INT(mode_of(shm), 0600);
		db_close(db);
	}
	free(err);
	free(wal);
	free(shm);
	free(path);
	rm_rf(dir);
}

/* ---- messages of a failed open ---- */

/* Faults while opening change nothing, so they must not say "刚才的修改没有保存". */
TEST(t_open_fault_texts)
{
	char *m = db_open_error_text(SQLITE_FULL, 0, true);
	CHECK_HAS(m, "磁盘已满");
	CHECK(!contains(m, "刚才的修改没有保存"));
	CHECK_HAS(m, "没有改动");
	free(m);
	m = db_open_error_text(SQLITE_IOERR_SHMSIZE, ENOSPC, true);
	CHECK_HAS(m, "磁盘已满");
	CHECK(!contains(m, "刚才的修改没有保存"));
	free(m);
	m = db_open_error_text(SQLITE_IOERR_READ, EIO, true);
	CHECK_HAS(m, "磁盘或U盘");
	CHECK(!contains(m, "刚才的修改没有保存"));
	free(m);
	m = db_open_error_text(SQLITE_CORRUPT, 0, true);
	CHECK_HAS(m, "损坏");
	CHECK(!contains(m, "station check"));
	CHECK_HAS(m, ".recover");
	free(m);
}

int main(void)
{
	RUN(t_damaged_small_file_found_at_open);
	RUN(t_damaged_refused_for_commands);
	RUN(t_corrupt_later_flips_to_damaged);
	RUN(t_unclean_end_checked_at_open);
	RUN(t_unclean_end_sound_file_opens);
	RUN(t_check_names_damaged_table);
	RUN(t_mode_tightened_once);
	RUN(t_open_fault_texts);
	return t_done();
}
