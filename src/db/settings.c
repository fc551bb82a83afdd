/* Settings kept in the database (see settings.h). */
#include "db/settings.h"

#include "db/internal.h"
#include "db/restore.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

int db_settings_get(struct db *db, const char *key, char **value, char **err)
{
	sqlite3_stmt *st = NULL;
	*value = NULL;
	if (!db_table_exists(db, "settings"))
		return 0;
	if (db_prepare(db, "SELECT value FROM settings WHERE key = ?1", &st, err) < 0)
		return -1;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = xstrdup(db_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, rc, NULL, err);
	return 0;
}

int db_settings_cases(struct db *db, int64_t *n, char **err)
{
	return db_query_int(db, "SELECT count(*) FROM cases", n, err);
}

/* station_info follows station.code: refused when cases exist and the code changes. */
static int settings_put_code(struct db *db, const char *code, const char *name, char **err)
{
	int64_t n = 0;
	char *old = db_station_code(db);
	bool same = old && !strcmp(old, code);
	free(old);
	if (same)
		return 0;
	if (db_settings_cases(db, &n, err) < 0)
		return -1;
	if (n > 0)
		return db_failf(err, "本站已有 %lld 件意见建议，编号里带着本站代码，代码不能再改", (long long)n);
	sqlite3_stmt *st = NULL;
	if (db_prepare(db,
		       "INSERT INTO station_info (id, code, name) VALUES (1, ?1, ?2) "
		       "ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name",
		       &st, err) < 0)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name ? name : "");
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, NULL, err);
}

/* Check and store one pair (inside the transaction of db_settings_put). */
static int settings_put_one(struct db *db, struct cfg *check, sqlite3_stmt *st, const char *key, const char *val,
			    char **err)
{
	if (strcmp(key, SETTINGS_SETUP_STEP)) {
		char *why = cfg_set(check, key, val);
		if (why) {
			db_failf(err, "%s：%s", key, why);
			free(why);
			return -1;
		}
		val = NULL; /* stored as the parser normalised it */
	}
	char *norm = val ? xstrdup(val) : cfg_value_text(check, key);
	if (!strcmp(key, "station.code") && settings_put_code(db, norm, check->station_name, err) < 0) {
		free(norm);
		return -1;
	}
	sqlite3_reset(st);
	db_bind_text(st, 1, key);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_TRANSIENT); /* "" stays "" (db_bind_text makes it NULL) */
	int rc = sqlite3_step(st);
	free(norm);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, NULL, err);
}

int db_settings_put(struct db *db, const struct cfg *cfg, const char *const *keys, const char *const *vals, int n,
		    char **err)
{
	struct cfg check;
	sqlite3_stmt *st = NULL;
	int rc = -1;
	/* A private copy to check on: cfg_set changes it. */
	cfg_defaults(&check);
	if (cfg) {
		const char *copy[] = { "station.name", "station.code" };
		for (size_t i = 0; i < ARRAY_LEN(copy); i++) {
			char *v = cfg_value_text(cfg, copy[i]);
			free(cfg_set(&check, copy[i], v));
			free(v);
		}
	}
	if (db_begin(db, err) < 0)
		goto out;
	if (db_prepare(db,
		       "INSERT INTO settings (key, value) VALUES (?1, ?2) "
		       "ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
		       &st, err) < 0) {
		db_rollback(db);
		goto out;
	}
	/* The name first, so a code changed with it is written into station_info with it. */
	for (int i = 0; i < n; i++)
		if (!strcmp(keys[i], "station.name"))
			free(cfg_set(&check, keys[i], vals[i]));
	for (int i = 0; i < n; i++) {
		if (settings_put_one(db, &check, st, keys[i], vals[i], err) < 0) {
			db_rollback(db);
			goto out;
		}
	}
	rc = db_commit(db, err);
out:
	sqlite3_finalize(st);
	cfg_free(&check);
	return rc;
}

int db_settings_apply(struct db *db, struct cfg *cfg, char **warn, char **err)
{
	sqlite3_stmt *st = NULL;
	struct strbuf sb;
	int rc;
	if (warn)
		*warn = NULL;
	if (!db_table_exists(db, "settings"))
		return 0;
	if (db_prepare(db, "SELECT key, value FROM settings ORDER BY id", &st, err) < 0)
		return -1;
	sb_init(&sb);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = db_column_text(st, 0), *val = db_column_text(st, 1);
		if (!cfg_settable(key))
			continue;
		char *why = cfg_set(cfg, key, val);
		if (why)
			sb_addf(&sb, "%s数据库中的设置 %s = %s 有误（%s），已改用 station.ini 或默认值",
				sb.len ? "；" : "", key, val, why);
		free(why);
	}
	sqlite3_finalize(st);
	if (warn && sb.len)
		*warn = xstrdup(sb.buf);
	sb_free(&sb);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, NULL, err);
}

int db_settings_empty(struct db *db, bool *empty, char **err)
{
	static const char *const tables[] = { "deputies",    "visits",   "cases", "activities",
					      "suggestions", "projects", "users" };
	int64_t n = 0;
	*empty = false;
	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		char *sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 1)", tables[i]);
		int rc = db_query_int(db, sql, &n, err);
		free(sql);
		if (rc < 0)
			return -1;
		if (n)
			return 0;
	}
	if (db_table_exists(db, "settings") &&
	    db_query_int(db, "SELECT count(*) FROM settings WHERE key LIKE 'station.%'", &n, err) < 0)
		return -1;
	*empty = n == 0;
	return 0;
}
