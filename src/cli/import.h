/* Importing registers from CSV files (today: 代表名册). All or nothing: every row is checked
 * first, every problem is collected as "第 N 行 第 M 列（列名）：message", and only a file
 * without a single problem is inserted, in one transaction.
 *
 * Columns are matched by the Chinese labels of deputy_def (姓名, 性别, 层级, 联系电话 ...), or by
 * the English column names (name, gender, level, phone ...), in any order. 姓名, 性别 and 层级
 * must be present; 状态 may be left out or empty (then 在任). */
#ifndef STATION_CLI_IMPORT_H
#define STATION_CLI_IMPORT_H

#include "db/db.h"

#include <stdbool.h>
#include <stddef.h>

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

#endif
