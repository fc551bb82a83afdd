/* Importing registers from CSV files (today: 代表名册). All or nothing: every row is checked
 * first, every problem is collected as "第 N 行 第 M 列（列名）：message", and only a file
 * without a single problem is inserted, in one transaction.
 *
 * Columns are matched by the Chinese labels of deputy_def (姓名, 性别, 层级, 联系电话 ...), or by
 * the English column names (name, gender, level, phone ...), in any order. 姓名, 性别 and 层级
 * must be present; 状态 may be left out or empty (then 在任). */
#ifndef STATION_CLI_IMPORT_H
#define STATION_CLI_IMPORT_H

#include "core/config.h"
#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cli_import_result {
	int imported;  /* rows inserted (0 on failure) */
	char **errors; /* every problem found, Chinese, one line each; owned */
	int nerrors;
	bool write_failed; /* the file was fine but the database could not be written (disk full,
			    * I/O error): errors holds just the reason */
};

/* Check the deputies in a CSV held in memory (name is used in messages) and insert them all,
 * or none. Duplicates are problems too: within the file (same name and phone, or same 代表证号)
 * and against the deputies already in db (the same). today is "YYYY-MM-DD" (dates like 11-22
 * take its year). Returns 0 (res->imported set) or -1 (res->errors non-empty; res->write_failed
 * when the rows were good but could not be saved). */
int cli_import_deputies_buf(struct db *db, const char *buf, size_t len, const char *name, const char *today,
			    struct cli_import_result *res);
/* The same, reading the file at path. */
int cli_import_deputies_file(struct db *db, const char *path, const char *today, struct cli_import_result *res);
void cli_import_result_free(struct cli_import_result *res);

/* The registers of the old books (cli/import_reg.c, docs/IMPORT.md): "visits" (接待选民登记), "cases"
 * (意见建议办理) and "activities" (代表活动), with the columns of their detail export. True if what is one. */
bool cli_import_is_register(const char *what);
/* Check every row of the file at path as the forms check it and insert all rows or none, each
 * audit entry naming user (may be NULL) and "导入（来自 FILE 第 N 行）". A row whose uid is
 * already in db (the same file twice) is a problem. today: "YYYY-MM-DD". Returns 0
 * (res->imported) or -1 (res->errors; res->write_failed when the database failed). */
int cli_import_register(const struct cfg *cfg, struct db *db, const char *what, const char *path, const char *user,
			const char *today, struct cli_import_result *res);
/* Write the template of register what to fp: a UTF-8 BOM and the header row, CRLF (the files
 * of data/templates/ are this output). */
void cli_import_template(const char *what, FILE *fp);

#endif
