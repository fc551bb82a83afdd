/* A fresh station database per test, in its own temporary folder (under $TMPDIR), for the unit
 * tests of the db layer: tdb_open() in a test's setup, tdb_close() in its teardown (removes the
 * folder with the -wal and -shm files), q_int() to ask the database one number. */
#ifndef STATION_TDB_H
#define STATION_TDB_H

#include "t.h"

#include "core/deputy.h"
#include "core/util.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/internal.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tdb_dir;
static struct db *db;

static int tdb_rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

/* Create the folder station-test-<name>-XXXXXX and open (creating, migrating) station.db in it
 * as the clerk "测试". Dies on failure: nothing can be tested then. */
static void tdb_open(const char *name)
{
	const char *base = getenv("TMPDIR");
	char *err = NULL;
	tdb_dir = xasprintf("%s/station-test-%s-XXXXXX", base && *base ? base : "/tmp", name);
	if (!mkdtemp(tdb_dir))
		die("mkdtemp failed");
	char *path = xasprintf("%s/station.db", tdb_dir);
	if (db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &db, &err) < 0)
		die("db_open: %s", err);
	db_set_user(db, "测试", NULL);
	free(path);
}

static void tdb_close(void)
{
	db_close(db);
	db = NULL;
	nftw(tdb_dir, tdb_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tdb_dir);
	tdb_dir = NULL;
}

/* Run SQL built like printf; a failure is a failed check. */
static void exec(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void exec(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *sql = xvasprintf(fmt, ap);
	va_end(ap);
	char *err = NULL;
	if (db_exec(db, sql, &err) < 0) {
		fprintf(stderr, "  %s: %s\n", sql, err);
		t_failed_checks++;
	}
	free(err);
	free(sql);
}

/* One number from the database; a failed query is a failed check (and gives -999). */
static long long q_int(const char *sql)
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

/* A deputy in the roster of the test database: gender 男, level (NULL: 县), status (NULL:
 * 在任), join date (NULL: none). Returns its id; a refused insert is a failed check. */
static inline int64_t tdb_deputy(const char *name, const char *level, const char *status, const char *join_date)
{
	char **v = record_new_values(&deputy_def, "2026-01-01");
	str_set(&v[DEP_NAME], name);
	str_set(&v[DEP_GENDER], "男");
	str_set(&v[DEP_LEVEL], level ? level : "县");
	if (status)
		str_set(&v[DEP_STATUS], status);
	if (join_date)
		str_set(&v[DEP_JOIN_DATE], join_date);
	int64_t id = 0;
	char *err = NULL;
	if (db_deputies_insert(db, v, &id, &err) < 0) {
		fprintf(stderr, "  %s\n", err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&deputy_def, v);
	return id;
}

#endif
