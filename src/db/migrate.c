/* Schema migrations and the seed data of a new station (see migrate.h). */
#include "db/migrate.h"

#include "db/audit.h"
#include "db/internal.h"
#include "db/search.h"

#include "core/embed.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

int (*db_migrate_test_hook)(struct db *db, int version, char **err);

static int migrate_seed(struct db *db, char **err);

/* One step: an embedded SQL file or a C function, and what it does (for messages). */
struct migrate_step {
	const char *sql_file;                 /* path under data/, or NULL */
	int (*fn)(struct db *db, char **err); /* or a C function */
	const char *what;                     /* Chinese, for the error message */
};

/* Step i+1 takes user_version i to i+1. Append only; never change a released step. */
static const struct migrate_step migrate_steps[] = {
	{ .sql_file = "schema/0001.sql", .what = "建立数据表" },
	{ .fn = migrate_seed, .what = "导入默认承办单位和类别" },
	{ .sql_file = "schema/0003.sql", .what = "接待日取消、案件来源与时间线字段" },
	{ .sql_file = "schema/0004.sql", .what = "首页统计用的覆盖索引" },
	{ .sql_file = "schema/0005.sql", .what = "表单草稿" },
	{ .sql_file = "schema/0006.sql", .what = "代表建议办理过程（时间线）与重办" },
	{ .sql_file = "schema/0007.sql", .what = "年度活动计划" },
	{ .sql_file = "schema/0008.sql", .what = "当场答复的满意度、承办单位简称、来访转代表建议" },
	{ .sql_file = "schema/0009.sql", .what = "代表活动的时间和形成意见建议数" },
	{ .sql_file = "schema/0010.sql", .what = "接待日举行情况、到场代表与顺延前日期" },
	{ .sql_file = "schema/0011.sql", .what = "履职积分用的索引" },
	{ .sql_file = "schema/0012.sql", .what = "代表每年接待来访的计数（履职积分）" },
	{ .sql_file = "schema/0013.sql", .what = "本站代码与备份文件夹（备份与恢复）" },
	{ .sql_file = "schema/0014.sql", .what = "五环五时：答复的约定时限和待交办、待回访的索引" },
	{ .sql_file = "schema/0015.sql", .what = "民生实事项目、票决会议与督查活动" },
	{ .sql_file = "schema/0016.sql", .what = "修改记录链（防篡改）与个人信息保留期限" },
	{ .sql_file = "schema/0017.sql", .what = "账号的只读角色、密码错误次数与锁定" },
	/* 0018's indexes are built by 0020, which indexes the text padded (a file at 18 or 19 has
	 * them built already: 0020 builds them again). */
	{ .sql_file = "schema/0018.sql", .what = "接待登记和意见建议的全文检索索引" },
	{ .sql_file = "schema/0019.sql", .what = "代表每天接待来访的计数（代表名册的本年接待）" },
	{ .sql_file = "schema/0020.sql", .fn = search_build, .what = "全文检索索引：一两个字也走索引" },
	{ .sql_file = "schema/0021.sql", .what = "来访和意见建议每天的件数（列表的总数）" },
	{ .sql_file = "schema/0022.sql", .what = "设置（第一次使用的向导和设置页面）" },
};

int db_migrate_count(void) { return (int)ARRAY_LEN(migrate_steps); }

/* Call fn for each line of an embedded text file that is not blank or a # comment, with the
 * line (trimmed, NUL-terminated, modifiable) and its 1-based number. Stops at fn's -1. */
static int migrate_each_line(const char *file, int (*fn)(void *ud, char *line, int lineno), void *ud)
{
	const char *text = embed_get(file);
	if (!text)
		die("内置数据文件缺失：data/%s", file);
	int lineno = 0, rc = 0;
	while (*text && rc == 0) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char *line = xstrndup(text, len);
		lineno++;
		str_trim(line);
		if (*line && *line != '#')
			rc = fn(ud, line, lineno);
		free(line);
		text += len + (nl ? 1 : 0);
	}
	return rc;
}

struct migrate_seed_ctx {
	struct db *db;
	sqlite3_stmt *st;
	int sort;
	char **err;
};

/* data/units.txt: name<TAB>kind. */
static int migrate_seed_unit(void *ud, char *line, int lineno)
{
	struct migrate_seed_ctx *c = ud;
	char *tab = strchr(line, '\t');
	if (!tab)
		return db_failf(c->err, "data/units.txt 第 %d 行应为「名称<Tab>类别」：%s", lineno, line);
	*tab = '\0';
	char *kind = tab + 1;
	str_trim(line);
	str_trim(kind);
	sqlite3_reset(c->st);
	db_bind_text(c->st, 1, line);
	db_bind_text(c->st, 2, kind);
	sqlite3_bind_int(c->st, 3, ++c->sort);
	int rc = sqlite3_step(c->st);
	if (rc != SQLITE_DONE) {
		char *m = db_error_text(rc, sqlite3_errmsg(sqlite3_db_handle(c->st)), NULL);
		db_failf(c->err, "data/units.txt 第 %d 行：%s", lineno, m);
		free(m);
		return -1;
	}
	return 0;
}

/* data/categories.txt: one name a line. */
static int migrate_seed_category(void *ud, char *line, int lineno)
{
	struct migrate_seed_ctx *c = ud;
	sqlite3_reset(c->st);
	db_bind_text(c->st, 1, line);
	sqlite3_bind_int(c->st, 2, ++c->sort);
	int rc = sqlite3_step(c->st);
	if (rc != SQLITE_DONE) {
		char *m = db_error_text(rc, sqlite3_errmsg(sqlite3_db_handle(c->st)), NULL);
		db_failf(c->err, "data/categories.txt 第 %d 行：%s", lineno, m);
		free(m);
		return -1;
	}
	return 0;
}

/* Step 2: the default 承办单位 and request categories from the embedded data files. */
static int migrate_seed(struct db *db, char **err)
{
	struct migrate_seed_ctx c = { .db = db, .err = err };
	int rc = db_prepare(db, "INSERT OR IGNORE INTO units (name, kind, sort) VALUES (?1, ?2, ?3)", &c.st, err);
	if (rc < 0)
		return -1;
	rc = migrate_each_line("units.txt", migrate_seed_unit, &c);
	sqlite3_finalize(c.st);
	c.st = NULL;
	if (rc < 0)
		return -1;
	c.sort = 0;
	if (db_prepare(db, "INSERT OR IGNORE INTO categories (name, sort) VALUES (?1, ?2)", &c.st, err) < 0)
		return -1;
	rc = migrate_each_line("categories.txt", migrate_seed_category, &c);
	sqlite3_finalize(c.st);
	return rc;
}

/* Run step `version` (1-based) in its own transaction. */
static int migrate_step(struct db *db, int version, char **err)
{
	const struct migrate_step *s = &migrate_steps[version - 1];
	char *msg = NULL, *sql = NULL;
	int rc = -1;

	if (db_exec(db, "BEGIN IMMEDIATE", &msg) < 0)
		goto out;
	/* Rows a step writes are audited as the upgrade's, not the last clerk's. */
	if (db_table_exists(db, "app_session") &&
	    db_exec(db, "UPDATE app_session SET user = '系统升级' WHERE id = 1", &msg) < 0)
		goto rollback;
	if (s->sql_file) {
		const char *text = embed_get(s->sql_file);
		if (!text)
			die("内置数据文件缺失：data/%s", s->sql_file);
		if (db_exec(db, text, &msg) < 0)
			goto rollback;
	}
	if (s->fn && s->fn(db, &msg) < 0)
		goto rollback;
	if (db_migrate_test_hook && db_migrate_test_hook(db, version, &msg) < 0)
		goto rollback;
	/* New or changed columns: the audit triggers follow the schema of this version. */
	if (db_audit_install(db, &msg) < 0)
		goto rollback;
	sql = xasprintf("PRAGMA user_version = %d", version);
	if (db_exec(db, sql, &msg) < 0 || db_exec(db, "COMMIT", &msg) < 0)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	if (!sqlite3_get_autocommit(db_handle(db)))
		sqlite3_exec(db_handle(db), "ROLLBACK", NULL, NULL, NULL);
out:
	if (rc < 0)
		db_failf(err, "数据库升级到版本 %d（%s）失败，已撤销这一步：%s：%s", version, s->what,
			 msg ? msg : "未知错误", db_path(db));
	free(msg);
	free(sql);
	return rc;
}

int db_migrate_to(struct db *db, int target, char **err)
{
	int v = db_user_version(db);
	if (v < 0)
		return db_fail(db, sqlite3_extended_errcode(db_handle(db)), NULL, err);
	if (target > db_migrate_count())
		return db_failf(err, "程序错误：没有版本 %d 的升级步骤", target);
	if (db_depth(db) > 0)
		return db_fail_msg(err, "程序错误：事务中不能升级数据库");
	for (v++; v <= target; v++)
		if (migrate_step(db, v, err) < 0)
			return -1;
	db_audit_chain_forget(db); /* the hash column may be new */
	return 0;
}
