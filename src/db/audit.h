/* The audit log: triggers on every register table write one audit_log row per INSERT, UPDATE
 * and DELETE, in the same transaction, with the old and new values as JSON objects of all
 * columns and the user from app_session. The triggers are generated here from
 * pragma table_info, so a migration that adds a column only has to run again
 * (migrate.c regenerates them in every step). */
#ifndef STATION_DB_AUDIT_H
#define STATION_DB_AUDIT_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* A table of the schema and how the clerk calls it. */
struct db_table_info {
	const char *name;  /* SQL table */
	const char *label; /* Chinese, for messages (e.g. db_check findings) */
	bool audited;      /* changes go to audit_log */
};

/* Every table of the schema, ended by { NULL }. */
extern const struct db_table_info db_audit_tables[];
/* Chinese label of a table (the name itself if unknown). Borrowed. */
const char *db_audit_label(const char *table);

/* Drop every audit_* trigger and create them again from the current columns. Call inside a
 * transaction. */
int db_audit_install(struct db *db, char **err);

/* Report (to cb, which may be NULL) audited tables whose three triggers are missing or do not
 * match the table's columns; returns their number, or -1. */
int db_audit_verify(struct db *db, void (*cb)(void *ud, const char *finding), void *ud, char **err);

/* ---- personal values in the log (docs/AUDIT.md) ----
 * Phones, addresses and birth dates are shown masked on screen unless the role allows
 * (ui/history.c), never exported, and cleared from the log AUDIT_PERSONAL_YEARS after the
 * change: the value becomes AUDIT_CLEARED_PREFIX and its sha256, so the chain still holds. */
#define AUDIT_PERSONAL_YEARS 3
#define AUDIT_CLEARED_PREFIX "已清除:"

enum db_audit_mask { AUDIT_MASK_PHONE, AUDIT_MASK_ADDRESS, AUDIT_MASK_DATE };

struct db_audit_personal {
	const char *table, *col;
	enum db_audit_mask mask;
};
/* Every personal column of the audited tables, ended by { NULL }. */
extern const struct db_audit_personal db_audit_personal_cols[];
/* The personal column table.col, or NULL if it is none. */
const struct db_audit_personal *db_audit_personal(const char *table, const char *col);
/* True if a logged value was cleared by the retention step. */
bool db_audit_cleared(const char *value);
/* Clear the personal values of rows logged before the date `before` (YYYY-MM-DD) that are not
 * cleared yet; *cleared gets the number of values cleared. Inside a write transaction. */
int db_audit_clear_personal(struct db *db, const char *before, int64_t *cleared, char **err);

/* ---- the hash chain (docs/AUDIT.md) ----
 * Every audit_log row gets hash = sha256(previous row's hash, this row's canonical text), filled
 * in by the program (never by a trigger, so the sqlite3 shell can still edit a file): at each
 * commit (db_commit calls db_audit_seal) and at open. The last sealed (id, hash) is also written
 * to a head file beside the database (<file>.chain, mode 0600), which db_check compares with
 * the file: rows changed, rows deleted in the middle or at the end, and a chain rewritten from
 * some row on are all reported. Whoever can write both the file and the head file can rewrite
 * both; the chain does not stop that. */

/* Register station_sha256() on the connection (db_open). */
void db_audit_functions(struct db *db);
/* Hash the rows not sealed yet. Inside a write transaction. */
int db_audit_seal(struct db *db, char **err);
/* After the outermost commit: write the head file if the head moved (failures are retried at
 * the next commit; the data is saved either way). */
void db_audit_after_commit(struct db *db);
/* At an open for writing: clear personal values past their time, seal, and compare the head
 * file with the file (a disagreeing head file is kept as it is and db_notice says so). */
int db_audit_open(struct db *db, char **err);
/* The schema changed (migrations): look for the hash column again. */
void db_audit_chain_forget(struct db *db);
/* A database file was renamed from `from` to `to` (a file built under a temporary name) or,
 * with from NULL, replaced by another (a restore): its head file follows, or goes. */
void db_audit_head_move(const char *from, const char *to);
/* The head file's path for a database path. New string. */
char *db_audit_head_path(const char *db_path);
/* Recompute the chain and compare it with the head file; report each finding to cb. Returns the
 * number of findings, or -1. */
int db_audit_chain_verify(struct db *db, void (*cb)(void *ud, const char *finding), void *ud, char **err);

#endif
