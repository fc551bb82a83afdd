/* Shared by the imports (cli/import.c: 代表名册; cli/import_reg.c: 接待登记, 意见建议, 代表活动):
 * the problems found in a file, each with its place, reported sorted by line and column. */
#ifndef STATION_CLI_IMPORT_INT_H
#define STATION_CLI_IMPORT_INT_H

#include "cli/import.h"
#include "report/csvin.h"

/* One problem, kept with its place so the list can be sorted by line and column. */
struct import_err {
	int line, col; /* col 0: the row as a whole */
	int seq;       /* order found, to keep the sort stable */
	char *text;    /* owned */
};

/* The file being imported (borrowed; rows[0] is the header) and the problems found (owned). */
struct import_log {
	const struct csvin *csv;
	struct import_err *errs;
	int nerrs, caperrs;
};

/* Add a problem at line and 1-based column col (0: the row as a whole). */
void import_err_add(struct import_log *lg, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "第 N 行 第 M 列（列名）" for file column c (0-based) of a row on line. New string. */
char *import_place(const struct import_log *lg, int line, int c);
/* A header cell without decorations: spaces, a trailing * or ＊ (required), "（必填）". New string. */
char *import_header_clean(const char *cell);
/* Move the problems, sorted by line and column, into res. */
void import_take_errors(struct import_log *lg, struct cli_import_result *res);
/* Free the problems left in lg. */
void import_log_free(struct import_log *lg);
/* Append msg (taken) to res's problems. */
void import_fail(struct cli_import_result *res, char *msg);
/* Print res's problems (or the write failure) to stderr for the command; what_zh names the
 * records ("代表", "记录"). Returns the exit code: CLI_PROBLEMS. */
int import_report_failure(const struct cli_import_result *res, const char *what_zh);

#endif
