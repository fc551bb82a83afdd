/* Migrations: an empty file to the newest schema, every earlier version to the newest with its
 * data kept, re-opening changes nothing, and a failing step leaves the file as it was. */
#include "t.h"

#include "core/embed.h"
#include "core/util.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/migrate.h"

#include <ftw.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/station-test-migrate-XXXXXX", base && *base ? base : "/tmp");
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

static long long q_int(struct db *db, const char *sql)
{
	int64_t v = -999;
	char *err = NULL;
	if (db_query_int(db, sql, &v, &err) < 0) {
		fprintf(stderr, "  %s: %s\n", sql, err);
		t_failed_checks++;
	}
	free(err);
	return (long long)v;
}

static char *q_text(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *v;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "(null)");
	else
		v = xstrdup("(none)");
	sqlite3_finalize(st);
	return v;
}

#define CHECK_Q_STR(db, sql, want)                                                                                     \
	do {                                                                                                           \
		char *t_v = q_text((db), (sql));                                                                       \
		CHECK_STR(t_v, (want));                                                                                \
		free(t_v);                                                                                             \
	} while (0)

/* Lines of an embedded data file that are neither blank nor comments. */
static int data_lines(const char *file)
{
	const char *t = embed_get(file);
	int n = 0;
	CHECK(t != NULL);
	while (t && *t) {
		const char *nl = strchr(t, '\n');
		size_t len = nl ? (size_t)(nl - t) : strlen(t);
		if (len && *t != '#')
			n++;
		t += len + (nl ? 1 : 0);
	}
	return n;
}

/* What every up-to-date station file has. */
static void check_latest(struct db *db)
{
	CHECK_INT(db_user_version(db), db_schema_version());
	CHECK_INT(q_int(db, "PRAGMA application_id"), DB_APPLICATION_ID);
	CHECK_Q_STR(db, "PRAGMA integrity_check", "ok");
	CHECK_INT(q_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	static const char *const tables[] = { "deputies",          "reception_days",
					      "reception_duty",    "visits",
					      "visit_deputies",    "cases",
					      "case_events",       "units",
					      "suggestions",       "suggestion_deputies",
					      "suggestion_cases",  "activities",
					      "attendance",        "evaluations",
					      "point_adjustments", "users",
					      "audit_log",         "categories",
					      "app_session",       "case_seq",
					      "suggestion_events", "reception_attendance" };
	for (size_t i = 0; i < ARRAY_LEN(tables); i++)
		if (!db_table_exists(db, tables[i])) {
			fprintf(stderr, "  missing table %s\n", tables[i]);
			t_failed_checks++;
		}
	CHECK_INT(q_int(db, "SELECT count(*) FROM units WHERE deleted = 0"), data_lines("units.txt"));
	CHECK_INT(q_int(db, "SELECT count(*) FROM categories WHERE deleted = 0"), data_lines("categories.txt"));
	CHECK_INT(db_audit_verify(db, NULL, NULL, NULL), 0);
	CHECK_INT(db_check(db, NULL, NULL, NULL), 0);
}

TEST(t_empty_to_latest)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	if (db) {
		check_latest(db);
		CHECK_INT(data_lines("units.txt"), 25);
		CHECK_INT(data_lines("categories.txt"), 15);
		CHECK_Q_STR(db, "SELECT kind FROM units WHERE name = '党政综合办公室'", "镇直");
		CHECK_Q_STR(db, "SELECT kind FROM units WHERE name = '各村(社区)委员会'", "村社区");
		CHECK_Q_STR(db, "SELECT kind FROM units WHERE name = '县信访局'", "县直");
		CHECK_Q_STR(db,
			    "SELECT group_concat(name, ',') FROM (SELECT name FROM categories ORDER BY sort LIMIT 3)",
			    "城乡建设,道路交通,水电气讯");
		CHECK_Q_STR(db, "SELECT name FROM categories ORDER BY sort DESC LIMIT 1", "其他");
		/* The seed is in the audit log, as the upgrade's doing. */
		CHECK_INT(q_int(db, "SELECT count(*) FROM audit_log WHERE user = '系统升级' AND action = 'INSERT'"),
			  data_lines("units.txt") + data_lines("categories.txt"));
		db_close(db);
	}
	/* An empty file someone made (touch station.db) is a new station too. */
	char *empty = in(dir, "empty.db");
	FILE *f = fopen(empty, "w");
	fclose(f);
	db = open_ok(empty, 0);
	if (db)
		check_latest(db);
	db_close(db);
	free(empty);
	free(path);
	rm_rf(dir);
}

/* A row written by a program of version k (columns that existed then). */
static void insert_sample(struct db *db, int k)
{
	char *err = NULL;
	/* every version so far has deputies with these columns */
	CHECK_INT(db_exec(db,
			  "INSERT INTO deputies (uid, name, name_py, gender, level, phone) "
			  "VALUES ('00000000000000000000000000000abc', '老代表', 'lao dai biao', '女', '乡镇', "
			  "'13900001111')",
			  &err),
		  0);
	free(err);
	/* A suggestion before 0006 (no timeline then): closed after one extension from 0003 on
	 * (assigned_date, followup_date), just raised before. */
	err = NULL;
	CHECK_INT(db_exec(db,
			  k >= 3 ? "INSERT INTO suggestions (id, title, date, unit_id, status, assigned_date, due_date,"
				   " extensions, reply_date, reply, result, satisfaction, followup_date, closed_date)"
				   " VALUES (7, '旧建议', '2026-01-05', (SELECT min(id) FROM units), '办结', "
				   "'2026-01-10',"
				   " '2026-05-10', 1, '2026-05-01', '已办', 'B', '满意', '2026-05-03', '2026-05-05')"
				 : "INSERT INTO suggestions (id, title, date) VALUES (7, '旧建议', '2026-01-05')",
			  &err),
		  0);
	free(err);
}

TEST(t_every_earlier_version)
{
	for (int k = 0; k < db_schema_version(); k++) {
		char *dir = tmp_dir(), *path = in(dir, "station.db");
		struct db *db = open_ok(path, DB_OPEN_CREATE | DB_OPEN_NO_MIGRATE);
		char *err = NULL;
		CHECK_INT(db_user_version(db), 0);
		CHECK_INT(db_migrate_to(db, k, &err), 0);
		free(err);
		CHECK_INT(db_user_version(db), k);
		if (k >= 1)
			insert_sample(db, k);
		db_close(db);

		db = open_ok(path, DB_OPEN_EXCLUSIVE);
		if (db) {
			check_latest(db);
			if (k >= 1)
				CHECK_Q_STR(db,
					    "SELECT name || phone || level || deleted FROM deputies WHERE uid = "
					    "'00000000000000000000000000000abc'",
					    "老代表13900001111乡镇0");
			/* 0006 gave the old suggestion the timeline its row tells (a file from before
			 * 0006; a sample written raw into a later file has no events). */
			if (k >= 1 && k < 6)
				CHECK_Q_STR(
					db,
					"SELECT group_concat(type || ':' || coalesce(date, '-') || ':' || status_after,"
					" ',') FROM (SELECT * FROM suggestion_events WHERE suggestion_id = 7"
					" ORDER BY at, id)",
					k >= 3 ? "提出:2026-01-05:已提出,交办:2026-01-10:办理中,延期:-:办理中,"
						 "答复:2026-05-01:已答复,征询意见:2026-05-03:已答复,办结:2026-05-05:"
						 "办结"
					       : "提出:2026-01-05:已提出");
			if (k >= 3 && k < 6)
				CHECK_Q_STR(db,
					    "SELECT note || '|' || due_date FROM suggestion_events WHERE type = '延期'",
					    "升级前延期 1 次，理由未记录|2026-05-10");
			db_close(db);
		} else {
			fprintf(stderr, "  from version %d\n", k);
		}
		free(path);
		rm_rf(dir);
	}
}

/* Everything of the schema and the data that a needless migration would change. */
static char *fingerprint(struct db *db)
{
	return q_text(db,
		      "SELECT (SELECT group_concat(type || name || ifnull(sql, ''), '|') FROM "
		      "(SELECT * FROM sqlite_master ORDER BY name)) || (SELECT count(*) FROM audit_log) || '/' || "
		      "(SELECT count(*) FROM units) || '/' || (SELECT count(*) FROM categories) || '/' || "
		      "(SELECT group_concat(uid) FROM deputies)");
}

TEST(t_reopen_idempotent)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = open_ok(path, DB_OPEN_CREATE);
	insert_sample(db, db_schema_version());
	char *before = fingerprint(db);
	db_close(db);
	for (int i = 0; i < 3; i++) {
		db = open_ok(path, i == 1 ? DB_OPEN_READONLY : 0);
		char *now = fingerprint(db);
		CHECK_STR(now, before);
		CHECK_INT(db_user_version(db), db_schema_version());
		free(now);
		db_close(db);
	}
	/* Migrating to the version the file has is a no-op. */
	db = open_ok(path, 0);
	char *err = NULL;
	CHECK_INT(db_migrate_to(db, db_schema_version(), &err), 0);
	free(err);
	err = NULL;
	CHECK_INT(db_migrate_to(db, db_schema_version() + 1, &err), -1);
	CHECK(err != NULL);
	free(err);
	err = NULL;
	/* ... and is refused inside a transaction. */
	CHECK_INT(db_begin(db, NULL), 0);
	char *sql = xasprintf("PRAGMA user_version = %d", db_schema_version() - 1);
	CHECK_INT(db_exec(db, sql, NULL), 0);
	free(sql);
	CHECK_INT(db_migrate_to(db, db_schema_version(), &err), -1);
	free(err);
	db_rollback(db);
	char *now = fingerprint(db);
	CHECK_STR(now, before);
	free(now);
	db_close(db);
	free(before);
	free(path);
	rm_rf(dir);
}

static int fail_at; /* version at which the hook fails */

/* A step that did some work and then broke. */
static int failing_hook(struct db *db, int version, char **err)
{
	if (version != fail_at)
		return 0;
	if (db_table_exists(db, "units") &&
	    db_exec(db, "INSERT INTO units (name, kind) VALUES ('半途写入的单位', '其他')", err) < 0)
		return -1;
	/* Broken SQL, as a faulty migration file would have. */
	return db_exec(db, "CREATE TABLE deputies (x INTEGER)", err);
}

TEST(t_failing_step_rolls_back)
{
	char *dir = tmp_dir(), *path = in(dir, "station.db");
	struct db *db = NULL;
	char *err = NULL;

	/* Step 2 fails: step 1 stays, nothing of step 2 does. */
	db_migrate_test_hook = failing_hook;
	fail_at = 2;
	CHECK_INT(db_open(path, DB_OPEN_CREATE, &db, &err), -1);
	CHECK(db == NULL);
	CHECK(err && strstr(err, "数据库升级到版本 2") && strstr(err, "已撤销"));
	free(err);
	err = NULL;
	db_migrate_test_hook = NULL;
	db = open_ok(path, DB_OPEN_NO_MIGRATE);
	if (db) {
		CHECK_INT(db_user_version(db), 1);
		CHECK_INT(q_int(db, "SELECT count(*) FROM units"), 0);
		CHECK_INT(q_int(db, "SELECT count(*) FROM categories"), 0);
		CHECK_INT(q_int(db, "SELECT count(*) FROM audit_log"), 0);
		CHECK_Q_STR(db, "PRAGMA integrity_check", "ok");
		db_close(db);
	}
	/* With the step fixed, the same file upgrades. */
	db = open_ok(path, 0);
	if (db) {
		check_latest(db);
		CHECK_INT(q_int(db, "SELECT count(*) FROM units WHERE name = '半途写入的单位'"), 0);
		db_close(db);
	}

	/* Step 1 fails on a new file: the file stays empty, version 0. */
	char *p2 = in(dir, "second.db");
	db_migrate_test_hook = failing_hook;
	fail_at = 1;
	CHECK_INT(db_open(p2, DB_OPEN_CREATE, &db, &err), -1);
	CHECK(err && strstr(err, "数据库升级到版本 1"));
	free(err);
	err = NULL;
	db_migrate_test_hook = NULL;
	db = open_ok(p2, DB_OPEN_NO_MIGRATE);
	if (db) {
		CHECK_INT(db_user_version(db), 0);
		CHECK_INT(q_int(db, "SELECT count(*) FROM sqlite_master"), 0);
		db_close(db);
	}
	db = open_ok(p2, 0);
	if (db)
		check_latest(db);
	db_close(db);
	free(p2);
	free(path);
	rm_rf(dir);
}

int main(void)
{
	RUN(t_empty_to_latest);
	RUN(t_every_earlier_version);
	RUN(t_reopen_idempotent);
	RUN(t_failing_step_rolls_back);
	return t_done();
}
