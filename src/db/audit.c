/* Audit triggers generated from the schema (see audit.h), and the table of all tables. */
#include "db/audit.h"

#include "db/internal.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

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
	{ "users", "用户", true },
	{ "case_seq", "意见建议编号", false },
	{ "app_session", "当前用户", false },
	{ "audit_log", "修改记录", false },
	{ "drafts", "未保存的草稿", false },
	{ "deputy_visit_years", "代表每年接待来访计数", false },
	{ "station_info", "本站信息", false },
	{ "deputy_visit_days", "代表每天接待来访计数", false },
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
