/* The ledger file: db_open's checks (folder, permissions, strangers, versions, locks, read-only),
 * pragmas, transactions, the audit log, error messages and db_check. Every test works on files
 * in a fresh temporary folder. */
#include "t.h"

#include "core/deputy.h"
#include "core/record.h"
#include "core/util.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/internal.h"
#include "db/migrate.h"

#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- helpers ---- */

static char *tmp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/station-test-db-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl))
		die("mkdtemp failed");
	return tmpl;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	chmod(p, 0700);
	return remove(p);
}

static void rm_rf(char *dir)
{
	chmod(dir, 0700);
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

static struct db *open_ok(const char *path, int flags)
{
	struct db *db = NULL;
	char *err = NULL;
	if (db_open(path, flags, &db, &err) < 0) {
		fprintf(stderr, "  db_open(%s): %s\n", path, err);
		t_failed_checks++;
	}
	free(err);
	return db;
}

/* db_open must fail; returns the message (caller frees). */
static char *open_fails(const char *path, int flags)
{
	struct db *db = (struct db *)1;
	char *err = NULL;
	int rc = db_open(path, flags, &db, &err);
	CHECK_INT(rc, -1);
	CHECK(db == NULL);
	CHECK(err != NULL);
	if (rc == 0)
		db_close(db);
	return err;
}

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *h = NULL;
	if (sqlite3_open(path, &h) != SQLITE_OK)
		die("raw open %s: %s", path, sqlite3_errmsg(h));
	return h;
}

static void raw_exec(sqlite3 *h, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "  raw_exec(%s): %s\n", sql, msg);
		t_failed_checks++;
	}
	sqlite3_free(msg);
}

static long long raw_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -999;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "  raw_int(%s): %s\n", sql, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return v;
}

/* First column of the first row as a new string ("(none)" if no row). */
static char *raw_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "(null)");
	else
		v = xstrdup("(none)");
	sqlite3_finalize(st);
	return v;
}

#define CHECK_SQL_STR(h, sql, want)                                                                                    \
	do {                                                                                                           \
		char *t_v = raw_text((h), (sql));                                                                      \
		CHECK_STR(t_v, (want));                                                                                \
		free(t_v);                                                                                             \
	} while (0)

static char **deputy(const char *name, const char *gender, const char *level)
{
	char **v = record_new_values(&deputy_def, "2026-01-01");
	str_set(&v[DEP_NAME], name);
	str_set(&v[DEP_GENDER], gender);
	str_set(&v[DEP_LEVEL], level);
	return v;
}

static int64_t add_deputy(struct db *db, const char *name)
{
	char **v = deputy(name, "男", "县");
	int64_t id = 0;
	char *err = NULL;
	if (db_deputies_insert(db, v, &id, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", name, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&deputy_def, v);
	return id;
}

static int64_t count_deputies(struct db *db)
{
	int64_t n = -1;
	struct deputy_filter f = { .include_left = true };
	char *err = NULL;
	if (db_deputies_count(db, &f, &n, &err) < 0) {
		fprintf(stderr, "  count: %s\n", err);
		t_failed_checks++;
	}
	free(err);
	return n;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) < 0 ? (mode_t)-1 : (st.st_mode & 07777);
}

/* ---- opening ---- */

TEST(t_create_new_file_0600)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	mode_t old = umask(0); /* the file must be 0600 even with a permissive umask */
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	umask(old);
	CHECK(db != NULL);
	if (db) {
		CHECK_INT(mode_of(path), 0600);
		char *wal = in(dir, "station.db-wal"), *shm = in(dir, "station.db-shm");
		CHECK_INT(mode_of(wal), 0600);
		CHECK_INT(mode_of(shm), 0600);
		free(wal);
		free(shm);
		CHECK_INT(db_user_version(db), db_schema_version());
		CHECK(db_schema_version() >= 2);
		sqlite3 *h = db_handle(db);
		CHECK_SQL_STR(h, "PRAGMA journal_mode", "wal");
		CHECK_INT(raw_int(h, "PRAGMA foreign_keys"), 1);
		CHECK_INT(raw_int(h, "PRAGMA synchronous"), 2); /* FULL */
		CHECK_INT(raw_int(h, "PRAGMA busy_timeout"), 3000);
		CHECK_INT(raw_int(h, "PRAGMA application_id"), DB_APPLICATION_ID);
		CHECK_STR(db_path(db), path);
		CHECK(!db_readonly(db));
		db_close(db);
	}
	free(path);
	rm_rf(dir);
}

TEST(t_missing_folder)
{
	char *dir = tmp_dir(), *sub = in(dir, "nope"), *path = in(sub, "station.db");
	char *err = open_fails(path, DB_OPEN_CREATE);
	CHECK_HAS(err, "数据库所在文件夹不存在：");
	CHECK_HAS(err, sub);
	CHECK(access(sub, F_OK) < 0);
	free(err);
	free(path);
	free(sub);
	rm_rf(dir);
}

TEST(t_missing_file_without_create)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	char *err = open_fails(path, 0);
	CHECK_HAS(err, "数据库文件不存在");
	CHECK(access(path, F_OK) < 0);
	free(err);
	err = open_fails(path, DB_OPEN_READONLY | DB_OPEN_CREATE); /* read-only never creates */
	CHECK(access(path, F_OK) < 0);
	free(err);
	free(path);
	rm_rf(dir);
}

TEST(t_path_is_folder)
{
	char *dir = tmp_dir();
	char *err = open_fails(dir, DB_OPEN_CREATE);
	CHECK_HAS(err, "是一个文件夹");
	free(err);
	rm_rf(dir);
}

TEST(t_create_fails_in_unwritable_place)
{
	/* /proc refuses new files even for root: the message names the file and the reason. */
	char *err = open_fails("/proc/station-test.db", DB_OPEN_CREATE);
	CHECK(contains(err, "/proc") && (contains(err, "无法建立数据库文件") || contains(err, "不可写")));
	free(err);
}

TEST(t_not_sqlite)
{
	char *dir = tmp_dir(), *path = in(dir, "notes.db");
	const char *text = "这是一份会议记录，不是数据库。This is a text file and certainly not SQLite.\n"
			   "It is long enough to have a whole header's worth of bytes in it, and more.\n";
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	char *err = open_fails(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE);
	CHECK_HAS(err, "不是 station 数据库文件（也不是 SQLite 文件）：");
	CHECK_HAS(err, path);
	free(err);
	/* Untouched. */
	char buf[400] = { 0 };
	f = fopen(path, "r");
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	CHECK_INT(n, strlen(text));
	CHECK_STR(buf, text);
	free(path);
	rm_rf(dir);
}

TEST(t_stranger_database_refused)
{
	char *dir = tmp_dir(), *path = in(dir, "other.db");
	sqlite3 *h = raw_open(path);
	raw_exec(h,
		 "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5)");
	sqlite3_close(h);
	char *err = open_fails(path, DB_OPEN_CREATE);
	CHECK_HAS(err, "不是 station 数据库文件");
	free(err);
	h = raw_open(path);
	CHECK_INT(raw_int(h, "PRAGMA user_version"), 0);
	CHECK_INT(raw_int(h, "SELECT count(*) FROM sqlite_master"), 1);
	CHECK_INT(raw_int(h, "SELECT count(*) FROM invoices"), 1);
	/* Another program's file that has a user_version of its own. */
	raw_exec(h, "PRAGMA user_version = 1");
	sqlite3_close(h);
	err = open_fails(path, 0);
	CHECK_HAS(err, "不是 station 数据库文件");
	free(err);
	h = raw_open(path);
	CHECK_INT(raw_int(h, "SELECT count(*) FROM sqlite_master"), 1);
	sqlite3_close(h);
	free(path);
	rm_rf(dir);
}

TEST(t_newer_version_refused)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	db_close(open_ok(path, DB_OPEN_CREATE));
	sqlite3 *h = raw_open(path);
	char *sql = xasprintf("PRAGMA user_version = %d", db_schema_version() + 1);
	raw_exec(h, sql);
	free(sql);
	sqlite3_close(h);
	char *want = xasprintf("数据库版本 %d 比程序新，请升级 station", db_schema_version() + 1);
	char *err = open_fails(path, 0);
	CHECK_HAS(err, want);
	free(err);
	err = open_fails(path, DB_OPEN_READONLY);
	CHECK_HAS(err, want);
	free(err);
	free(want);
	free(path);
	rm_rf(dir);
}

TEST(t_exclusive_lock)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *a = open_ok(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE);
	char *err = open_fails(path, DB_OPEN_EXCLUSIVE);
	CHECK_HAS(err, "数据库正被另一个 station 程序使用：");
	CHECK_HAS(err, "（请先关闭另一个窗口）");
	free(err);
	/* Another process is refused too. */
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		struct db *b = NULL;
		char *e = NULL;
		int rc = db_open(path, DB_OPEN_EXCLUSIVE, &b, &e);
		_exit(rc == -1 && contains(e, "正被另一个 station 程序使用") ? 0 : 1);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* A reader (backup, check) does not need the lock. */
	struct db *r = open_ok(path, DB_OPEN_READONLY);
	db_close(r);
	/* While the holder writes, the lock and SQLite's own locks both hold. */
	add_deputy(a, "甲");
	db_close(a);
	struct db *b = open_ok(path, DB_OPEN_EXCLUSIVE);
	CHECK(b != NULL);
	if (b)
		CHECK_INT(count_deputies(b), 1);
	db_close(b);
	free(path);
	rm_rf(dir);
}

TEST(t_readonly)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	add_deputy(db, "张三");
	db_close(db);
	db = open_ok(path, DB_OPEN_READONLY | DB_OPEN_EXCLUSIVE);
	CHECK(db != NULL);
	if (db) {
		CHECK(db_readonly(db));
		CHECK_INT(count_deputies(db), 1);
		char **v = deputy("李四", "女", "省");
		char *err = NULL;
		int64_t id = 0;
		CHECK_INT(db_deputies_insert(db, v, &id, &err), -1);
		CHECK_HAS(err, "只读");
		CHECK_INT(db_depth(db), 0);
		free(err);
		record_free_values(&deputy_def, v);
		CHECK_INT(count_deputies(db), 1);
		db_close(db);
	}
	/* A read-only open cannot migrate an older file. */
	char *old = in(dir, "old.db");
	db = open_ok(old, DB_OPEN_CREATE | DB_OPEN_NO_MIGRATE);
	char *err = NULL;
	CHECK_INT(db_migrate_to(db, 1, &err), 0);
	free(err);
	db_close(db);
	err = open_fails(old, DB_OPEN_READONLY);
	CHECK_HAS(err, "数据库版本 1 比程序旧");
	free(err);
	free(old);
	free(path);
	rm_rf(dir);
}

/* The permission cases as an unprivileged user (root may write anything, so as root they run in
 * a child process that became "nobody"). Returns the number of failed checks. */
static int perm_checks(const char *ro_dir, const char *rw_dir)
{
	int before = t_failed_checks;
	char *p = in(ro_dir, "station.db"), *fresh = in(ro_dir, "new.db");
	char *err = open_fails(p, 0);
	CHECK_HAS(err, "数据库所在文件夹是只读的");
	CHECK_HAS(err, ro_dir);
	free(err);
	err = open_fails(fresh, DB_OPEN_CREATE);
	CHECK_HAS(err, "数据库所在文件夹不可写，无法建立数据库");
	free(err);
	CHECK(access(fresh, F_OK) < 0);
	/* Read-only from a write-protected folder (a locked USB stick) still works. */
	struct db *db = open_ok(p, DB_OPEN_READONLY);
	if (db) {
		CHECK_INT(count_deputies(db), 1);
		CHECK_INT(db_check(db, NULL, NULL, NULL), 0);
		db_close(db);
	}
	free(p);
	free(fresh);
	p = in(rw_dir, "readonly.db");
	err = open_fails(p, DB_OPEN_EXCLUSIVE);
	CHECK_HAS(err, "数据库文件是只读的，不能修改");
	free(err);
	db = open_ok(p, DB_OPEN_READONLY);
	if (db)
		CHECK_INT(count_deputies(db), 1);
	db_close(db);
	free(p);
	p = in(rw_dir, "mine.db");
	db = open_ok(p, DB_OPEN_CREATE);
	CHECK_INT(mode_of(p), 0600);
	db_close(db);
	free(p);
	return t_failed_checks - before;
}

TEST(t_permissions)
{
	char *dir = tmp_dir(), *ro = in(dir, "ro"), *rw = in(dir, "rw");
	bool root = geteuid() == 0;
	uid_t nobody = 65534;
	mkdir(ro, 0755);
	mkdir(rw, 0755);
	char *p = in(ro, "station.db"), *q = in(rw, "readonly.db");
	struct db *db = open_ok(p, DB_OPEN_CREATE);
	add_deputy(db, "张三");
	db_close(db);
	db = open_ok(q, DB_OPEN_CREATE);
	add_deputy(db, "李四");
	db_close(db);
	chmod(q, 0400);
	if (root) {
		chmod(dir, 0755);
		CHECK(chown(p, nobody, nobody) == 0);
		CHECK(chown(q, nobody, nobody) == 0);
		/* The audit chain's head files belong with their databases. */
		char *ph = db_audit_head_path(p), *qh = db_audit_head_path(q);
		CHECK(chown(ph, nobody, nobody) == 0);
		CHECK(chown(qh, nobody, nobody) == 0);
		free(ph);
		free(qh);
		CHECK(chown(rw, nobody, nobody) == 0);
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0) {
			if (setgid(nobody) < 0 || setuid(nobody) < 0)
				_exit(99);
			if (access(ro, X_OK) < 0) { /* $TMPDIR under a private folder */
				fprintf(stderr, "  (skipped: user nobody cannot reach %s)\n", ro);
				_exit(0);
			}
			_exit(perm_checks(ro, rw) ? 1 : 0);
		}
		int status = -1;
		waitpid(pid, &status, 0);
		CHECK(WIFEXITED(status));
		CHECK_INT(WEXITSTATUS(status), 0);
	} else {
		chmod(ro, 0555);
		perm_checks(ro, rw);
	}
	free(p);
	free(q);
	free(ro);
	free(rw);
	rm_rf(dir);
}

/* ---- transactions ---- */

TEST(t_nested_transactions)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	char *err = NULL;
	CHECK_INT(db_commit(db, &err), -1); /* nothing to commit */
	CHECK(err != NULL);
	free(err);
	err = NULL;

	CHECK_INT(db_begin(db, NULL), 0);
	add_deputy(db, "外层一");
	CHECK_INT(db_begin(db, NULL), 0);
	CHECK_INT(db_depth(db), 2);
	add_deputy(db, "内层");
	db_rollback(db); /* undoes the inner part only */
	CHECK_INT(db_depth(db), 1);
	add_deputy(db, "外层二");
	CHECK_INT(db_commit(db, NULL), 0);
	CHECK_INT(db_depth(db), 0);
	CHECK_INT(count_deputies(db), 2);

	CHECK_INT(db_begin(db, NULL), 0);
	add_deputy(db, "甲");
	CHECK_INT(db_begin(db, NULL), 0);
	add_deputy(db, "乙");
	CHECK_INT(db_commit(db, NULL), 0);
	db_rollback(db); /* the outer rollback undoes the committed inner part too */
	CHECK_INT(db_depth(db), 0);
	CHECK_INT(count_deputies(db), 2);
	db_rollback(db); /* harmless outside a transaction */

	/* An unfinished transaction is rolled back by db_close. */
	CHECK_INT(db_begin(db, NULL), 0);
	add_deputy(db, "丙");
	db_close(db);
	db = open_ok(path, 0);
	CHECK_INT(count_deputies(db), 2);
	db_close(db);
	free(path);
	rm_rf(dir);
}

TEST(t_disk_full)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	add_deputy(db, "张三");
	sqlite3 *h = db_handle(db);
	/* Make the "disk" full: no page may be added to the file. */
	char *sql = xasprintf("PRAGMA max_page_count = %lld", raw_int(h, "PRAGMA page_count"));
	raw_exec(h, sql);
	free(sql);
	enum { N = 300 };
	char **rows[N];
	char *note = xmalloc(1501);
	memset(note, 'x', 1500);
	note[1500] = '\0';
	for (int i = 0; i < N; i++) {
		rows[i] = deputy("王五", "男", "乡镇");
		str_set(&rows[i][DEP_NOTE], note);
	}
	char *err = NULL;
	CHECK_INT(db_deputies_insert_many(db, rows, N, &err), -1);
	CHECK_HAS(err, "磁盘已满，刚才的修改没有保存");
	free(err);
	err = NULL;
	CHECK_INT(db_depth(db), 0);
	CHECK_INT(count_deputies(db), 1);
	/* Space again: the same connection goes on working. */
	raw_exec(h, "PRAGMA max_page_count = 1073741823");
	CHECK_INT(db_deputies_insert_many(db, rows, N, &err), 0);
	free(err);
	CHECK_INT(count_deputies(db), N + 1);
	for (int i = 0; i < N; i++)
		record_free_values(&deputy_def, rows[i]);
	free(note);
	db_close(db);
	free(path);
	rm_rf(dir);
}

TEST(t_error_text)
{
	char *m = db_error_text(SQLITE_FULL, "database or disk is full", NULL);
	CHECK_STR(m, "磁盘已满，刚才的修改没有保存");
	free(m);
	m = db_error_text(SQLITE_IOERR_WRITE, "disk I/O error", NULL);
	CHECK_HAS(m, "读写数据库文件出错");
	CHECK_HAS(m, "没有保存");
	free(m);
	m = db_error_text(SQLITE_BUSY, "database is locked", NULL);
	CHECK_HAS(m, "数据库正忙");
	free(m);
	m = db_error_text(SQLITE_CORRUPT, NULL, NULL);
	CHECK_HAS(m, "损坏");
	free(m);
	m = db_error_text(SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: deputies.card_no", &deputy_def);
	CHECK_STR(m, "与已有记录重复：代表证号");
	free(m);
	m = db_error_text(SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: units.name, units.kind", NULL);
	CHECK_STR(m, "与已有记录重复：name、kind");
	free(m);
	m = db_error_text(SQLITE_CONSTRAINT_NOTNULL, "NOT NULL constraint failed: deputies.name", &deputy_def);
	CHECK_STR(m, "必填项为空：姓名");
	free(m);
	m = db_error_text(SQLITE_CONSTRAINT_CHECK, "CHECK constraint failed: level IN ('全国', '省')", &deputy_def);
	CHECK_STR(m, "取值不符合规定：层级");
	free(m);
	m = db_error_text(SQLITE_CONSTRAINT_FOREIGNKEY, "FOREIGN KEY constraint failed", NULL);
	CHECK_HAS(m, "关联的记录不存在");
	free(m);
	m = db_error_text(SQLITE_ERROR, "no such table: x", NULL);
	CHECK_STR(m, "数据库出错：no such table: x");
	free(m);
}

/* ---- audit log ---- */

TEST(t_audit_insert_update_delete)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	sqlite3 *h = db_handle(db);
	char *err = NULL;
	long long before = raw_int(h, "SELECT count(*) FROM audit_log");
	CHECK_INT(db_set_user(db, "李四", &err), 0);
	CHECK_STR(db_user(db), "李四");

	char **v = deputy("张三", "男", "县");
	int64_t id = 0;
	CHECK_INT(db_deputies_insert(db, v, &id, &err), 0);
	str_set(&v[DEP_PHONE], "13800138000");
	CHECK_INT(db_deputies_update(db, id, v, &err), 0);
	CHECK_INT(db_deputies_update(db, id, v, &err), 0); /* no change: no audit row */
	CHECK_INT(db_set_user(db, "王五", &err), 0);
	CHECK_INT(db_deputies_delete(db, id, &err), 0);
	free(err);
	record_free_values(&deputy_def, v);

	CHECK_INT(raw_int(h, "SELECT count(*) FROM audit_log") - before, 3);
	char *q = xasprintf("SELECT group_concat(action || ':' || user || ':' || row_id, ',') FROM "
			    "(SELECT * FROM audit_log WHERE table_name = 'deputies' ORDER BY id)");
	char *want = xasprintf("INSERT:李四:%lld,UPDATE:李四:%lld,DELETE:王五:%lld", (long long)id, (long long)id,
			       (long long)id);
	CHECK_SQL_STR(h, q, want);
	free(q);
	free(want);
	/* insert: no old values, every column new */
	CHECK_SQL_STR(
		h,
		"SELECT ifnull(old_values, 'NULL') FROM audit_log WHERE table_name = 'deputies' AND action = 'INSERT'",
		"NULL");
	CHECK_SQL_STR(h,
		      "SELECT json_extract(new_values, '$.name') || json_extract(new_values, '$.level') || "
		      "json_type(new_values, '$.phone') || json_extract(new_values, '$.status') FROM audit_log "
		      "WHERE table_name = 'deputies' AND action = 'INSERT'",
		      "张三县null在任");
	CHECK_INT(raw_int(h,
			  "SELECT count(*) FROM audit_log a, json_each(a.new_values) WHERE a.table_name = "
			  "'deputies' AND a.action = 'INSERT'"),
		  raw_int(h, "SELECT count(*) FROM pragma_table_info('deputies')"));
	/* update: the phone before and after */
	CHECK_SQL_STR(h,
		      "SELECT json_type(old_values, '$.phone') || '>' || json_extract(new_values, '$.phone') "
		      "FROM audit_log WHERE table_name = 'deputies' AND action = 'UPDATE'",
		      "null>13800138000");
	/* delete (soft): deleted 0 -> 1, the rest kept */
	CHECK_SQL_STR(h,
		      "SELECT json_extract(old_values, '$.deleted') || '>' || json_extract(new_values, '$.deleted') "
		      "|| json_extract(new_values, '$.name') FROM audit_log WHERE table_name = 'deputies' AND action = "
		      "'DELETE'",
		      "0>1张三");

	/* Restore is logged as such; a hard delete keeps the old values. */
	CHECK_INT(db_deputies_restore(db, id, NULL), 0);
	CHECK_SQL_STR(h, "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1", "RESTORE");
	raw_exec(h, "DELETE FROM categories WHERE name = '其他'");
	CHECK_SQL_STR(h,
		      "SELECT action || json_extract(old_values, '$.name') || ifnull(new_values, 'NULL') "
		      "FROM audit_log ORDER BY id DESC LIMIT 1",
		      "DELETE其他NULL");
	db_close(db);
	free(path);
	rm_rf(dir);
}

TEST(t_audit_user_per_connection)
{
	/* Two programs on one file each log their own user. */
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *a = open_ok(path, DB_OPEN_CREATE), *b = open_ok(path, 0);
	db_set_user(a, "甲", NULL);
	db_set_user(b, "乙", NULL);
	add_deputy(a, "一");
	add_deputy(b, "二");
	add_deputy(a, "三");
	CHECK_SQL_STR(db_handle(a),
		      "SELECT group_concat(user, ',') FROM (SELECT user FROM audit_log WHERE table_name = 'deputies' "
		      "ORDER BY id)",
		      "甲,乙,甲");
	db_close(b);
	db_close(a);
	free(path);
	rm_rf(dir);
}

TEST(t_audit_triggers_match_schema)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	sqlite3 *h = db_handle(db);
	int audited = 0, ntables = 0;
	for (const struct db_table_info *t = db_audit_tables; t->name; t++) {
		CHECK(db_table_exists(db, t->name));
		audited += t->audited;
		ntables++;
	}
	CHECK_INT(raw_int(h, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%'"),
		  3 * audited);
	/* Every table of the file is in the list (so none escapes the audit by omission); an FTS5
	 * index's shadow tables (X_data, X_idx, X_docsize, X_config) belong to its entry. */
	CHECK_INT(raw_int(h, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
			     " AND name NOT GLOB '*_fts_*'"),
		  ntables);
	CHECK_INT(db_audit_verify(db, NULL, NULL, NULL), 0);
	/* A column added by a later migration is logged once the triggers are regenerated. */
	raw_exec(h, "ALTER TABLE units ADD COLUMN email TEXT");
	CHECK_INT(db_audit_verify(db, NULL, NULL, NULL), 1);
	CHECK_INT(db_begin(db, NULL), 0);
	CHECK_INT(db_audit_install(db, NULL), 0);
	CHECK_INT(db_commit(db, NULL), 0);
	CHECK_INT(db_audit_verify(db, NULL, NULL, NULL), 0);
	raw_exec(h, "UPDATE units SET email = 'a@b.cn' WHERE id = 1");
	CHECK_SQL_STR(h, "SELECT json_extract(new_values, '$.email') FROM audit_log ORDER BY id DESC LIMIT 1",
		      "a@b.cn");
	/* Triggers dropped behind the program's back come back on the next open. */
	raw_exec(h, "DROP TRIGGER audit_deputies_insert");
	CHECK_INT(db_audit_verify(db, NULL, NULL, NULL), 1);
	db_close(db);
	db = open_ok(path, 0);
	CHECK_INT(db_audit_verify(db, NULL, NULL, NULL), 0);
	db_close(db);
	free(path);
	rm_rf(dir);
}

/* ---- db_check ---- */

struct findings {
	int n;
	struct strbuf all;
};

static void collect(void *ud, const char *finding)
{
	struct findings *f = ud;
	f->n++;
	sb_addf(&f->all, "%s\n", finding);
}

TEST(t_check_clean)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	int64_t d = add_deputy(db, "张三");
	sqlite3 *h = db_handle(db);
	char *sql = xasprintf("INSERT INTO reception_days (date) VALUES ('2026-03-28');"
			      "INSERT INTO reception_duty (reception_day_id, deputy_id) VALUES (1, %lld);"
			      "INSERT INTO visits (date, channel, visitor_name, content) VALUES ('2026-03-28', "
			      "'接待日来访', '赵六', '路灯坏了');"
			      "INSERT INTO visit_deputies (visit_id, deputy_id) VALUES (1, %lld);"
			      "INSERT INTO case_seq (station_code, year, last_seq) VALUES ('XH01', 2026, 1);"
			      "INSERT INTO cases (case_no, visit_id, summary, received_date) VALUES ('XH01-2026-0001', "
			      "1, '路灯', '2026-03-28');"
			      "UPDATE visits SET case_id = 1 WHERE id = 1;",
			      (long long)d, (long long)d);
	raw_exec(h, sql);
	free(sql);
	/* A link to a deleted deputy is fine. */
	CHECK_INT(db_deputies_delete(db, d, NULL), 0);
	struct findings f = { 0 };
	sb_init(&f.all);
	CHECK_INT(db_check(db, collect, &f, NULL), 0);
	CHECK_INT(f.n, 0);
	if (f.n)
		fprintf(stderr, "%s", f.all.buf);
	sb_free(&f.all);
	db_close(db);
	/* Read-only check of the same file. */
	db = open_ok(path, DB_OPEN_READONLY);
	CHECK_INT(db_check(db, NULL, NULL, NULL), 0);
	db_close(db);
	free(path);
	rm_rf(dir);
}

TEST(t_check_broken)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	int64_t d = add_deputy(db, "张三");
	db_close(db);
	/* Another tool writes with foreign keys off. */
	sqlite3 *h = raw_open(path);
	raw_exec(h, "PRAGMA foreign_keys = OFF");
	char *sql = xasprintf(
		"INSERT INTO reception_duty (reception_day_id, deputy_id) VALUES (77, %lld);"
		"INSERT INTO visits (date, channel, visitor_name, content) VALUES ('2026-03-28', '电话', '赵六', "
		"'噪音');"
		"INSERT INTO visit_deputies (visit_id, deputy_id) VALUES (1, 999);"
		"INSERT INTO cases (case_no, summary, received_date) VALUES ('XH01-2026-0005', '噪音', '2026-03-28');"
		"UPDATE visits SET case_id = 1 WHERE id = 1;"
		"DROP TRIGGER audit_units_update;",
		(long long)d);
	raw_exec(h, sql);
	free(sql);
	sqlite3_close(h);
	db = open_ok(path, DB_OPEN_READONLY); /* read-only: nothing gets repaired */
	struct findings f = { 0 };
	sb_init(&f.all);
	int n = db_check(db, collect, &f, NULL);
	CHECK_INT(n, 6);
	CHECK_INT(f.n, n);
	/* The rows the other tool's writes logged are not in the audit chain yet. */
	CHECK_HAS(f.all.buf, "还没有纳入记录链");
	CHECK_HAS(f.all.buf, "「接待日值班代表」第 1 条记录的 reception_day_id 指向的「接待日」记录不存在");
	CHECK_HAS(f.all.buf, "「接待代表」第 1 条记录的 deputy_id 指向的「代表名册」记录不存在");
	CHECK_HAS(f.all.buf, "「接待选民登记」第 1 条关联的意见建议 XH01-2026-0005 没有记下这条来源登记");
	CHECK_HAS(f.all.buf, "意见建议编号 XH01-2026-0005");
	CHECK_HAS(f.all.buf, "「承办单位」（units）的修改记录触发器");
	sb_free(&f.all);
	db_close(db);
	free(path);
	rm_rf(dir);
}

/* The change stamp moves on this connection's writes (triggers too), on another connection's
 * commit, and not on reads: the home screen keeps its figures while it stays put. */
TEST(t_change_stamp)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *a = open_ok(path, DB_OPEN_CREATE), *b = open_ok(path, 0);
	CHECK(a && b);
	if (a && b) {
		uint64_t s0 = db_change_stamp(a);
		CHECK(db_change_stamp(a) == s0);
		CHECK_INT(count_deputies(a), 0);
		CHECK(db_change_stamp(a) == s0);
		add_deputy(a, "张三");
		uint64_t s1 = db_change_stamp(a);
		CHECK(s1 != s0);
		CHECK(db_change_stamp(a) == s1);
		add_deputy(b, "李四"); /* another connection (another program) writes */
		uint64_t s2 = db_change_stamp(a);
		CHECK(s2 != s1);
		CHECK(db_change_stamp(a) == s2);
		CHECK_INT(count_deputies(a), 2);
		CHECK(db_change_stamp(a) == s2);
	}
	if (b)
		db_close(b);
	if (a)
		db_close(a);
	free(path);
	rm_rf(dir);
}

/* Deferred checkpoints: saves leave their pages in the WAL (the file does not grow) until
 * db_idle_checkpoint() copies them in; without deferring, SQLite checkpoints on its own at
 * 1000 pages, inside a save. */
static off_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_size : -1;
}

TEST(t_idle_checkpoint)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *d = open_ok(path, DB_OPEN_CREATE);
	CHECK(d != NULL);
	if (d) {
		CHECK(!db_idle_checkpoint(d)); /* automatic checkpoints: nothing to do */
		db_defer_checkpoints(d);
		CHECK(!db_idle_checkpoint(d));
		off_t before = file_size(path);
		/* more than 1000 pages of saves, each its own transaction */
		for (int i = 0; i < 1200; i++) {
			char *sql = xasprintf("INSERT INTO deputies (name, name_py, name_initials, gender, level, note)"
					      " VALUES ('代表%d', 'dai biao', 'db', '男', '县', printf('%%.3000c', 'x'))",
					      i);
			CHECK_INT(db_exec(d, sql, NULL), 0);
			free(sql);
		}
		CHECK(d->wal_pages >= 1200);
		CHECK(file_size(path) == before); /* all of it still in the WAL */
		CHECK(db_idle_checkpoint(d));
		CHECK(file_size(path) > before + 1200 * 3000);
		CHECK(!db_idle_checkpoint(d)); /* nothing new */
		CHECK_INT(count_deputies(d), 1200);
		db_close(d);
		/* reopened: every row is there */
		d = open_ok(path, 0);
		if (d) {
			CHECK_INT(count_deputies(d), 1200);
			db_close(d);
		}
	}
	free(path);
	rm_rf(dir);
}

int main(void)
{
	RUN(t_create_new_file_0600);
	RUN(t_missing_folder);
	RUN(t_missing_file_without_create);
	RUN(t_path_is_folder);
	RUN(t_create_fails_in_unwritable_place);
	RUN(t_not_sqlite);
	RUN(t_stranger_database_refused);
	RUN(t_newer_version_refused);
	RUN(t_exclusive_lock);
	RUN(t_readonly);
	RUN(t_permissions);
	RUN(t_nested_transactions);
	RUN(t_disk_full);
	RUN(t_error_text);
	RUN(t_audit_insert_update_delete);
	RUN(t_audit_user_per_connection);
	RUN(t_audit_triggers_match_schema);
	RUN(t_check_clean);
	RUN(t_check_broken);
	RUN(t_change_stamp);
	RUN(t_idle_checkpoint);
	return t_done();
}
