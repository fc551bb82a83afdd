/* Audit triggers generated from the schema (see audit.h), and the table of all tables. */
#include "db/audit.h"

#include "db/internal.h"

#include "core/clock.h"
#include "core/sha256.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct db_table_info db_audit_tables[] = {
	{ "deputies", "代表名册", true },
	{ "reception_days", "接待日", true },
	{ "reception_duty", "接待日值班代表", true },
	{ "reception_attendance", "接待日到场代表", true },
	{ "visits", "接待选民登记", true },
	{ "visit_deputies", "接待代表", true },
	{ "visit_suggestions", "来访转代表建议", true },
	{ "cases", "意见建议", true },
	{ "case_events", "意见建议办理过程", true },
	{ "units", "承办单位", true },
	{ "categories", "意见建议类别", true },
	{ "suggestions", "代表建议", true },
	{ "suggestion_deputies", "附议代表", true },
	{ "suggestion_cases", "代表建议来源", true },
	{ "suggestion_events", "代表建议办理过程", true },
	{ "activities", "代表活动", true },
	{ "attendance", "活动签到", true },
	{ "activity_plans", "年度活动计划", true },
	{ "activity_plan_deputies", "计划参加代表", true },
	{ "evaluations", "述职评议", true },
	{ "point_adjustments", "履职积分调整", true },
	{ "projects", "民生实事项目", true },
	{ "project_events", "民生实事项目进程", true },
	{ "vote_sessions", "票决会议", true },
	{ "project_votes", "项目票决结果", true },
	{ "users", "用户", true },
	{ "settings", "设置", true },
	{ "case_seq", "意见建议编号", false },
	{ "app_session", "当前用户", false },
	{ "audit_log", "修改记录", false },
	{ "drafts", "未保存的草稿", false },
	{ "deputy_visit_years", "代表每年接待来访计数", false },
	{ "station_info", "本站信息", false },
	{ "audit_state", "修改记录维护", false },
	{ "deputy_visit_days", "代表每天接待来访计数", false },
	{ "visit_days", "每天来访计数", false },
	{ "case_days", "每天受理意见建议计数", false },
	{ "visits_fts", "接待登记全文检索索引", false },
	{ "cases_fts", "意见建议全文检索索引", false },
	{ NULL, NULL, false },
};

/* Columns whose values never go into the log: only whether they are set. */
static const char *const audit_secret_cols[] = { "password_hash", "salt", NULL };

/* At most this many columns: json_object() takes two arguments a column (SQLite's limit 127). */
#define AUDIT_MAX_COLS 63

const char *db_audit_label(const char *table)
{
	for (const struct db_table_info *t = db_audit_tables; t->name; t++)
		if (!strcmp(t->name, table))
			return t->label;
	return table;
}

static bool audit_is_secret(const char *col)
{
	for (const char *const *s = audit_secret_cols; *s; s++)
		if (!strcmp(*s, col))
			return true;
	return false;
}

/* Column names of table, in order. *cols: new array of new strings. */
static int audit_columns(struct db *db, const char *table, char ***cols, int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	*cols = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*cols = xrealloc(*cols, sizeof(char *) * (size_t)(*n + 1));
		(*cols)[(*n)++] = xstrdup(db_column_text(st, 0));
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(st);
		str_free_array(*cols, *n);
		*cols = NULL;
		*n = 0;
		return -1;
	}
	sqlite3_finalize(st);
	if (*n > AUDIT_MAX_COLS)
		die("表 %s 的列太多（%d），审计触发器放不下", table, *n);
	return 0;
}

/* "name" as an SQL identifier. */
static void audit_add_ident(struct strbuf *sb, const char *name)
{
	sb_addc(sb, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *p);
	}
	sb_addc(sb, '"');
}

/* json_object('c1', ROW."c1", ...) over all columns; row is "NEW" or "OLD". Column names are
 * plain identifiers of our own schema, so they need no quoting inside the '...' keys. */
static void audit_add_json(struct strbuf *sb, const char *row, char **cols, int n)
{
	sb_add(sb, "json_object(");
	for (int i = 0; i < n; i++) {
		sb_addf(sb, "%s'%s', ", i ? ", " : "", cols[i]);
		if (audit_is_secret(cols[i])) {
			sb_addf(sb, "CASE WHEN %s.", row);
			audit_add_ident(sb, cols[i]);
			sb_add(sb, " IS NULL THEN NULL ELSE '***' END");
		} else {
			sb_addf(sb, "%s.", row);
			audit_add_ident(sb, cols[i]);
		}
	}
	sb_addc(sb, ')');
}

/* The three CREATE TRIGGER statements of one table, each as sqlite_master stores it. */
static void audit_trigger_sql(const char *table, char **cols, int n, char *out[3])
{
	static const char *const actions[3] = { "insert", "update", "delete" };
	bool soft = false;
	for (int i = 0; i < n; i++)
		soft |= !strcmp(cols[i], "deleted");
	for (int a = 0; a < 3; a++) {
		struct strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, "CREATE TRIGGER audit_%s_%s AFTER %s ON %s", table, actions[a],
			a == 0           ? "INSERT"
				: a == 1 ? "UPDATE"
					 : "DELETE",
			table);
		if (a == 1) {
			/* Only real changes: a save that changed nothing but updated_at leaves no row. */
			bool first = true;
			for (int i = 0; i < n; i++) {
				if (!strcmp(cols[i], "updated_at"))
					continue;
				sb_add(&sb, first ? " WHEN OLD." : " OR OLD.");
				audit_add_ident(&sb, cols[i]);
				sb_add(&sb, " IS NOT NEW.");
				audit_add_ident(&sb, cols[i]);
				first = false;
			}
		}
		sb_add(&sb,
		       " BEGIN INSERT INTO audit_log (user, table_name, row_id, action, old_values, new_values) "
		       "VALUES ((SELECT user FROM app_session WHERE id = 1), ");
		sb_addf(&sb, "'%s', %s.id, ", table, a == 2 ? "OLD" : "NEW");
		if (a == 0)
			sb_add(&sb, "'INSERT', NULL, ");
		else if (a == 2)
			sb_add(&sb, "'DELETE', ");
		else if (soft)
			sb_add(&sb,
			       "CASE WHEN OLD.deleted = 0 AND NEW.deleted = 1 THEN 'DELETE' "
			       "WHEN OLD.deleted = 1 AND NEW.deleted = 0 THEN 'RESTORE' ELSE 'UPDATE' END, ");
		else
			sb_add(&sb, "'UPDATE', ");
		if (a != 0) {
			audit_add_json(&sb, "OLD", cols, n);
			sb_add(&sb, ", ");
		}
		if (a == 2)
			sb_add(&sb, "NULL");
		else
			audit_add_json(&sb, "NEW", cols, n);
		sb_add(&sb, "); END");
		out[a] = sb_take(&sb);
	}
}

/* Names of the existing audit_* triggers (new array of new strings). */
static int audit_existing(struct db *db, char ***names, int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc;
	*names = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\'",
		       &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*names = xrealloc(*names, sizeof(char *) * (size_t)(*n + 1));
		(*names)[(*n)++] = xstrdup(db_column_text(st, 0));
	}
	if (rc != SQLITE_DONE)
		db_fail(db, rc, NULL, err);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int db_audit_install(struct db *db, char **err)
{
	char **names = NULL, **cols = NULL;
	int nnames = 0, ncols = 0, rc = -1;

	if (audit_existing(db, &names, &nnames, err) < 0)
		goto out;
	for (int i = 0; i < nnames; i++) {
		struct strbuf sb;
		sb_init(&sb);
		sb_add(&sb, "DROP TRIGGER ");
		audit_add_ident(&sb, names[i]);
		rc = db_exec(db, sb.buf, err);
		sb_free(&sb);
		if (rc < 0)
			goto out;
	}
	rc = 0;
	if (!db_table_exists(db, "audit_log"))
		goto out; /* nothing to log into yet */
	rc = -1;
	for (const struct db_table_info *t = db_audit_tables; t->name; t++) {
		if (!t->audited || !db_table_exists(db, t->name))
			continue;
		if (audit_columns(db, t->name, &cols, &ncols, err) < 0)
			goto out;
		char *sql[3];
		audit_trigger_sql(t->name, cols, ncols, sql);
		int bad = 0;
		for (int a = 0; a < 3; a++) {
			if (!bad && db_exec(db, sql[a], err) < 0)
				bad = 1;
			free(sql[a]);
		}
		str_free_array(cols, ncols);
		cols = NULL;
		if (bad)
			goto out;
	}
	rc = 0;
out:
	str_free_array(names, nnames);
	str_free_array(cols, ncols);
	return rc;
}

int db_audit_verify(struct db *db, void (*cb)(void *ud, const char *finding), void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char **cols = NULL;
	int ncols = 0, found = 0;

	if (db_prepare(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1", &st, err) < 0)
		return -1;
	for (const struct db_table_info *t = db_audit_tables; t->name; t++) {
		if (!t->audited || !db_table_exists(db, t->name))
			continue;
		if (audit_columns(db, t->name, &cols, &ncols, err) < 0) {
			found = -1;
			break;
		}
		char *sql[3];
		audit_trigger_sql(t->name, cols, ncols, sql);
		bool ok = true;
		for (int a = 0; a < 3; a++) {
			static const char *const actions[3] = { "insert", "update", "delete" };
			char *name = xasprintf("audit_%s_%s", t->name, actions[a]);
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_ROW || strcmp(db_column_text(st, 0), sql[a]))
				ok = false;
			free(name);
			free(sql[a]);
		}
		sqlite3_reset(st);
		str_free_array(cols, ncols);
		cols = NULL;
		if (!ok) {
			char *m = xasprintf("「%s」（%s）的修改记录触发器缺失或与表结构不一致，修改不会全部记录；"
					    "请用 station 正常打开一次数据库",
					    t->label, t->name);
			if (cb)
				cb(ud, m);
			free(m);
			found++;
		}
	}
	sqlite3_finalize(st);
	return found;
}

/* ---- personal values ---- */

const struct db_audit_personal db_audit_personal_cols[] = {
	{ "deputies", "phone", AUDIT_MASK_PHONE },       { "deputies", "birth_date", AUDIT_MASK_DATE },
	{ "visits", "visitor_phone", AUDIT_MASK_PHONE }, { "visits", "visitor_address", AUDIT_MASK_ADDRESS },
	{ "cases", "contact_phone", AUDIT_MASK_PHONE },  { NULL, NULL, 0 },
};

/* The keys of the personal columns, each once. In the chain's canonical text of a row of a
 * table that has any (audit_personal_table), their values are replaced by digests (see
 * audit_hash_values). */
static const char *const audit_personal_keys[] = { "phone",           "birth_date",    "visitor_phone",
						   "visitor_address", "contact_phone", NULL };

static bool audit_personal_table(const char *table)
{
	for (const struct db_audit_personal *p = db_audit_personal_cols; p->table; p++)
		if (!strcmp(p->table, table))
			return true;
	return false;
}

static bool audit_personal_key(const char *key, size_t n)
{
	for (const char *const *k = audit_personal_keys; *k; k++)
		if (strlen(*k) == n && !memcmp(*k, key, n))
			return true;
	return false;
}

const struct db_audit_personal *db_audit_personal(const char *table, const char *col)
{
	for (const struct db_audit_personal *p = db_audit_personal_cols; p->table; p++)
		if (!strcmp(p->table, table) && !strcmp(p->col, col))
			return p;
	return NULL;
}

bool db_audit_cleared(const char *value) { return value && str_starts(value, AUDIT_CLEARED_PREFIX); }

/* station_sha256(x): the hex digest of x's text, NULL for NULL. Deterministic. */
static void audit_sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	const unsigned char *t = sqlite3_value_text(argv[0]);
	char hex[65];
	sha256_hex(t ? (const char *)t : "", (size_t)sqlite3_value_bytes(argv[0]), hex);
	sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

void db_audit_functions(struct db *db)
{
	sqlite3_create_function(db_handle(db), "station_sha256", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				audit_sql_sha256, NULL, NULL);
}

/* ---- the hash chain ---- */

#define AUDIT_GENESIS    "0000000000000000000000000000000000000000000000000000000000000000"
#define AUDIT_HEAD_MAGIC "station-audit-chain 1"
/* Rows sealed per statement round (the first seal of a large old log goes in chunks). */
#define AUDIT_SEAL_CHUNK 2000
#define AUDIT_STR2(x)    #x
#define AUDIT_STR(x)     AUDIT_STR2(x)

/* The audit rows in chain order, with the WHERE clause appended by the caller. */
#define AUDIT_ROWS_SQL "SELECT id, at, user, table_name, row_id, action, old_values, new_values, hash FROM audit_log "
#define AUDIT_COL_HASH 8

/* One field of the canonical text: "N;" for NULL, else "<bytes>:<text>;". */
static void audit_hash_field(struct sha256 *c, const char *s, size_t n)
{
	char len[32];
	if (!s) {
		sha256_update(c, "N;", 2);
		return;
	}
	int k = snprintf(len, sizeof len, "%zu:", n);
	sha256_update(c, len, (size_t)k);
	sha256_update(c, s, n);
	sha256_update(c, ";", 1);
}

/* End of the JSON string token starting at p (a '"'), just past its closing quote, or NULL. */
static const char *audit_json_string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

/* The canonical text of a JSON object of logged values (as json_object writes them: flat, no
 * spaces) into c: each member as it is written, except the values of personal keys, which go in
 * as the sha256 of their JSON token ("13900001111" with its quotes) -- or, for a value the
 * retention step cleared ("已清除:<hex>"), as the hex it keeps. So clearing a value leaves the
 * chain intact, and changing one breaks it. False (nothing fed) if the text is not such an
 * object: then the caller hashes the raw text. Written here rather than with SQLite's JSON
 * functions: about twenty times faster on a large log, and independent of how a later SQLite
 * renders JSON. */
static bool audit_hash_values(struct sha256 *c, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *clr = "\"" AUDIT_CLEARED_PREFIX;
	size_t clrlen = strlen(clr);
	struct sha256 tmp = *c;
	if (p >= end || *p++ != '{')
		return false;
	sha256_update(&tmp, "{", 1);
	while (p < end && *p != '}') {
		const char *k = p, *ke = *p == '"' ? audit_json_string_end(p, end) : NULL;
		if (!ke || ke >= end || *ke != ':')
			return false;
		const char *v = ke + 1, *ve;
		if (v < end && *v == '"')
			ve = audit_json_string_end(v, end);
		else
			for (ve = v; ve < end && *ve != ',' && *ve != '}' && *ve != '{' && *ve != '['; ve++)
				;
		if (!ve || ve >= end || (*ve != ',' && *ve != '}'))
			return false;
		sha256_update(&tmp, k, (size_t)(v - k));
		if (audit_personal_key(k + 1, (size_t)(ke - k - 2)) && !(ve - v == 4 && !memcmp(v, "null", 4))) {
			char hex[65];
			if ((size_t)(ve - v) == clrlen + 65 && !memcmp(v, clr, clrlen))
				memcpy(hex, v + clrlen, 64);
			else
				sha256_hex(v, (size_t)(ve - v), hex);
			sha256_update(&tmp, "#", 1);
			sha256_update(&tmp, hex, 64);
		} else {
			sha256_update(&tmp, v, (size_t)(ve - v));
		}
		p = ve;
		if (*p == ',')
			sha256_update(&tmp, ",", 1), p++;
	}
	if (p >= end || p + 1 != end)
		return false;
	sha256_update(&tmp, "}", 1);
	*c = tmp;
	return true;
}

/* The hash of the row st is on, after prev: sha256(prev "\n" canonical fields). */
static void audit_row_hash(sqlite3_stmt *st, const char *prev, char out[65])
{
	struct sha256 c;
	bool personal = audit_personal_table(db_column_text(st, 3));
	sha256_init(&c);
	sha256_update(&c, prev, strlen(prev));
	sha256_update(&c, "\n", 1);
	for (int i = 0; i < 8; i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);
		size_t n = (size_t)sqlite3_column_bytes(st, i);
		if (!v) {
			audit_hash_field(&c, NULL, 0);
		} else if (i >= 6 && personal) {
			sha256_update(&c, "J", 1);
			if (!audit_hash_values(&c, v, n))
				audit_hash_field(&c, v, n);
			sha256_update(&c, ";", 1);
		} else {
			audit_hash_field(&c, v, n);
		}
	}
	sha256_final_hex(&c, out);
}

/* Does the file have the chain (schema 0016)? Cached in db->chain. */
static bool audit_has_chain(struct db *db)
{
	if (db->chain < 0) {
		int64_t n = 0;
		db->chain = db_query_int(db, "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'hash'",
					 &n, NULL) == 0 &&
			n > 0;
	}
	return db->chain > 0;
}

void db_audit_chain_forget(struct db *db) { db->chain = -1; }

int db_audit_seal(struct db *db, char **err)
{
	sqlite3_stmt *last = NULL, *sel = NULL, *upd = NULL;
	char *sql = NULL;
	int rc = -1, step;
	char prev[65] = AUDIT_GENESIS;
	int64_t prev_id = 0;

	if (!audit_has_chain(db))
		return 0;
	if (db_prepare(db, "SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1", &last,
		       err) < 0)
		goto out;
	step = sqlite3_step(last);
	if (step == SQLITE_ROW) {
		prev_id = sqlite3_column_int64(last, 0);
		snprintf(prev, sizeof prev, "%s", db_column_text(last, 1));
	} else if (step != SQLITE_DONE) {
		db_fail(db, step, NULL, err);
		goto out;
	}
	sql = xstrdup(AUDIT_ROWS_SQL "WHERE id > ?1 ORDER BY id LIMIT " AUDIT_STR(AUDIT_SEAL_CHUNK));
	if (db_prepare(db, sql, &sel, err) < 0 ||
	    db_prepare(db, "UPDATE audit_log SET hash = ?2 WHERE id = ?1", &upd, err) < 0)
		goto out;
	for (;;) {
		/* A chunk: hashes first, then the updates (no writes under a running SELECT). */
		int64_t ids[AUDIT_SEAL_CHUNK];
		char(*hashes)[65] = xmalloc(sizeof(char[65]) * AUDIT_SEAL_CHUNK);
		int n = 0;
		sqlite3_reset(sel);
		sqlite3_bind_int64(sel, 1, prev_id);
		while (n < AUDIT_SEAL_CHUNK && (step = sqlite3_step(sel)) == SQLITE_ROW) {
			ids[n] = sqlite3_column_int64(sel, 0);
			audit_row_hash(sel, prev, hashes[n]);
			memcpy(prev, hashes[n], 65);
			n++;
		}
		if (n < AUDIT_SEAL_CHUNK && step != SQLITE_DONE) {
			db_fail(db, step, NULL, err);
			free(hashes);
			goto out;
		}
		sqlite3_reset(sel);
		for (int i = 0; i < n; i++) {
			sqlite3_reset(upd);
			sqlite3_bind_int64(upd, 1, ids[i]);
			sqlite3_bind_text(upd, 2, hashes[i], 64, SQLITE_TRANSIENT);
			if ((step = sqlite3_step(upd)) != SQLITE_DONE) {
				db_fail(db, step, NULL, err);
				free(hashes);
				goto out;
			}
		}
		free(hashes);
		if (n > 0) {
			prev_id = ids[n - 1];
			db->chain_dirty = true;
		}
		if (n < AUDIT_SEAL_CHUNK)
			break;
	}
	db->chain_id = prev_id;
	memcpy(db->chain_hash, prev, 65);
	rc = 0;
out:
	sqlite3_finalize(last);
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	free(sql);
	return rc;
}

char *db_audit_head_path(const char *db_path) { return xasprintf("%s.chain", db_path); }

void db_audit_head_move(const char *from, const char *to)
{
	char *f = from ? db_audit_head_path(from) : NULL, *t = db_audit_head_path(to);
	if (!f || rename(f, t) < 0)
		unlink(t);
	free(f);
	free(t);
}

/* The head file's (id, hash): 1 read, 0 no file, -1 a file that is not a head. */
static int audit_head_read(const char *db_path, int64_t *id, char hash[65])
{
	char *p = db_audit_head_path(db_path);
	FILE *f = fopen(p, "r");
	free(p);
	if (!f)
		return errno == ENOENT ? 0 : -1;
	char magic[64] = "";
	long long v = -1;
	int ok = fgets(magic, sizeof magic, f) && !strcmp(magic, AUDIT_HEAD_MAGIC "\n") &&
		fscanf(f, "%lld %64s", &v, hash) == 2 && v >= 0 && strlen(hash) == 64;
	fclose(f);
	*id = v;
	return ok ? 1 : -1;
}

/* Write the head file (0600) by a temporary file and a rename. */
static int audit_head_write(struct db *db)
{
	char *p = db_audit_head_path(db->path), *tmp = xasprintf("%s.tmp", p);
	int rc = -1;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0) {
		char *text = xasprintf(AUDIT_HEAD_MAGIC "\n%lld %s\n", (long long)db->chain_id, db->chain_hash);
		size_t n = strlen(text);
		rc = write(fd, text, n) == (ssize_t)n ? 0 : -1;
		free(text);
		if (close(fd) < 0)
			rc = -1;
		if (rc == 0 && rename(tmp, p) < 0)
			rc = -1;
		if (rc < 0)
			unlink(tmp);
	}
	free(tmp);
	free(p);
	return rc;
}

/* The head file is kept only for files on disk. */
static bool audit_has_head_file(struct db *db)
{
	return db->path && *db->path && strcmp(db->path, ":memory:") && !str_starts(db->path, "file:");
}

void db_audit_after_commit(struct db *db)
{
	if (db->chain_dirty && !db->chain_broken && audit_has_head_file(db) && audit_head_write(db) == 0)
		db->chain_dirty = false;
}

/* The head file against the file: false if its row is gone or has another hash. */
static bool audit_head_agrees(struct db *db, int64_t id, const char *hash)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;
	if (id == 0)
		return true;
	if (db_prepare(db, "SELECT hash FROM audit_log WHERE id = ?1", &st, NULL) < 0)
		return true; /* cannot tell: say nothing here, station check will */
	sqlite3_bind_int64(st, 1, id);
	ok = sqlite3_step(st) == SQLITE_ROW && !strcmp(db_column_text(st, 0), hash);
	sqlite3_finalize(st);
	return ok;
}

/* The date AUDIT_PERSONAL_YEARS before today, "YYYY-MM-DD". */
static void audit_personal_cutoff(char out[11])
{
	char today[11];
	clock_today(today);
	int y = (atoi(today) - AUDIT_PERSONAL_YEARS) % 10000;
	snprintf(out, 5, "%04d", y < 0 ? 0 : y);
	memcpy(out + 4, today + 4, 7);
	if (!strcmp(out + 4, "-02-29"))
		memcpy(out + 4, "-02-28", 7);
}

int db_audit_clear_personal(struct db *db, const char *before, int64_t *cleared, char **err)
{
	sqlite3_stmt *st = NULL;
	char *from = NULL;
	int rc = -1;
	*cleared = 0;
	if (!db_table_exists(db, "audit_state"))
		return 0;
	if (db_prepare(db, "SELECT personal_cleared_before FROM audit_state WHERE id = 1", &st, err) < 0)
		return -1;
	from = xstrdup(sqlite3_step(st) == SQLITE_ROW ? db_column_text(st, 0) : "");
	sqlite3_finalize(st);
	st = NULL;
	if (strcmp(from, before) >= 0) {
		rc = 0;
		goto out;
	}
	static const char *const side[2] = { "old_values", "new_values" };
	for (const struct db_audit_personal *p = db_audit_personal_cols; p->table; p++)
		for (int i = 0; i < 2; i++) {
			char *sql = xasprintf("UPDATE audit_log SET %s = json_set(%s, '$.%s', '" AUDIT_CLEARED_PREFIX
					      "' || station_sha256(json_quote(json_extract(%s, '$.%s')))) "
					      "WHERE at >= ?1 AND at < ?2 AND table_name = ?3 AND json_valid(%s) "
					      "AND json_type(%s, '$.%s') IN ('text', 'integer', 'real') "
					      "AND json_extract(%s, '$.%s') NOT LIKE '" AUDIT_CLEARED_PREFIX "%%'",
					      side[i], side[i], p->col, side[i], p->col, side[i], side[i], p->col,
					      side[i], p->col);
			int r = db_prepare(db, sql, &st, err);
			free(sql);
			if (r < 0)
				goto out;
			sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, before, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, p->table, -1, SQLITE_STATIC);
			int step = sqlite3_step(st);
			if (step != SQLITE_DONE) {
				db_fail(db, step, NULL, err);
				goto out;
			}
			*cleared += sqlite3_changes(db_handle(db));
			sqlite3_finalize(st);
			st = NULL;
		}
	if (db_prepare(db, "UPDATE audit_state SET personal_cleared_before = ?1 WHERE id = 1", &st, err) < 0)
		goto out;
	sqlite3_bind_text(st, 1, before, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_fail(db, sqlite3_errcode(db_handle(db)), NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(from);
	return rc;
}

int db_audit_open(struct db *db, char **err)
{
	char cutoff[11];
	int64_t cleared = 0, head_id = 0;
	char head_hash[65] = "";

	db_audit_chain_forget(db);
	if (!audit_has_chain(db))
		return 0;
	audit_personal_cutoff(cutoff);
	/* Another program writing now (the lock is taken): the sealing and the clearing wait for this
	 * program's first commit or its next start; opening is not refused for them. */
	int brc = sqlite3_exec(db_handle(db), "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (brc == SQLITE_BUSY || brc == SQLITE_LOCKED)
		return 0;
	if (brc != SQLITE_OK)
		return db_fail(db, brc, NULL, err);
	if (db_audit_clear_personal(db, cutoff, &cleared, err) < 0 || db_audit_seal(db, err) < 0 ||
	    db_exec(db, "COMMIT", err) < 0) {
		if (!sqlite3_get_autocommit(db_handle(db)))
			sqlite3_exec(db_handle(db), "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (!audit_has_head_file(db))
		return 0;
	int head = audit_head_read(db->path, &head_id, head_hash);
	if (head < 0 || (head > 0 && !audit_head_agrees(db, head_id, head_hash))) {
		/* Keep the head as evidence: never overwrite it while the file disagrees. */
		db->chain_broken = true;
		if (!db->notice)
			db->notice = xstrdup("修改记录与记录链不符，可能在程序之外被改动过：请运行 station check 查看");
		return 0;
	}
	if (head == 0 || head_id != db->chain_id)
		db->chain_dirty = true;
	db_audit_after_commit(db);
	return 0;
}

/* ---- verifying the chain (station check) ---- */

struct audit_verify {
	void (*cb)(void *ud, const char *finding);
	void *ud;
	int found;
	int changed;       /* rows whose hash does not match */
	int64_t first_bad; /* the first of them */
};

static void audit_report(struct audit_verify *v, char *msg)
{
	if (v->cb)
		v->cb(v->ud, msg);
	free(msg);
	v->found++;
}

int db_audit_chain_verify(struct db *db, void (*cb)(void *ud, const char *finding), void *ud, char **err)
{
	struct audit_verify v = { .cb = cb, .ud = ud };
	sqlite3_stmt *st = NULL;
	char *sql = NULL;
	char prev[65] = AUDIT_GENESIS, hash[65];
	int64_t prev_id = 0, last_sealed = 0, unsealed = 0, first_unsealed = 0, head_id = 0;
	char last_hash[65] = "", head_hash[65] = "";
	int step;

	if (!audit_has_chain(db))
		return 0;
	sql = xstrdup(AUDIT_ROWS_SQL "ORDER BY id");
	if (db_prepare(db, sql, &st, err) < 0) {
		free(sql);
		return -1;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		bool sealed = sqlite3_column_type(st, AUDIT_COL_HASH) != SQLITE_NULL;
		if (id != prev_id + 1)
			audit_report(&v,
				     id == prev_id + 2 ? xasprintf("修改记录第 %lld 条被删除了", (long long)prev_id + 1)
						       : xasprintf("修改记录第 %lld 至 %lld 条被删除了",
								   (long long)prev_id + 1, (long long)id - 1));
		if (!sealed) {
			if (!unsealed)
				first_unsealed = id;
			unsealed++;
		} else {
			if (unsealed) {
				/* Hashes cleared in the middle of the chain. */
				v.changed += (int)unsealed;
				if (!v.first_bad)
					v.first_bad = first_unsealed;
				unsealed = 0;
			}
			audit_row_hash(st, prev, hash);
			/* After a deleted row the next one cannot match: the deletion is the finding. */
			if (strcmp(hash, db_column_text(st, AUDIT_COL_HASH)) && id == prev_id + 1) {
				if (!v.first_bad)
					v.first_bad = id;
				v.changed++;
			}
			snprintf(prev, sizeof prev, "%s", db_column_text(st, AUDIT_COL_HASH));
			last_sealed = id;
			memcpy(last_hash, prev, 65);
		}
		prev_id = id;
	}
	sqlite3_finalize(st);
	free(sql);
	if (step != SQLITE_DONE)
		return db_fail(db, step, NULL, err);
	if (v.changed) {
		char *more = v.changed > 1 ? xasprintf("等 %d 条", v.changed) : xstrdup("");
		audit_report(&v,
			     xasprintf("修改记录第 %lld 条%s在程序之外被改动过（与记录链不符）", (long long)v.first_bad,
				       more));
		free(more);
	}
	if (unsealed)
		audit_report(&v,
			     xasprintf("最后 %lld 条修改记录（第 %lld 条起）是在程序之外写入的，还没有纳入记录链"
				       "（例如用 sqlite3 直接改了数据）；程序下次打开数据库时会把它们纳入",
				       (long long)unsealed, (long long)first_unsealed));
	int head = audit_has_head_file(db) ? audit_head_read(db->path, &head_id, head_hash) : 0;
	if (head < 0)
		audit_report(&v, xasprintf("记录链的链头文件 %s.chain 无法读取或内容不对", db->path));
	else if (head > 0 && head_id > last_sealed)
		audit_report(&v,
			     xasprintf("记录链的链头是第 %lld 条修改记录，但数据库里的记录链只到第 %lld 条："
				       "末尾的修改记录被删除了（链头文件 %s.chain）",
				       (long long)head_id, (long long)last_sealed, db->path));
	else if (head > 0 && !audit_head_agrees(db, head_id, head_hash))
		audit_report(&v,
			     xasprintf("第 %lld 条修改记录与链头文件 %s.chain 不符：修改记录被删改后重新计算过",
				       (long long)head_id, db->path));
	return v.found;
}
