/* Shared by the files of src/db/ only (and the db unit tests): the connection, statement
 * helpers, and the one mapping from SQLite result codes to messages for the clerk.
 *
 * Error convention inside src/db/: when a SQLite call fails, call db_fail() FIRST (it reads
 * sqlite3_errmsg, which the next call would overwrite), then clean up (finalize, rollback). */
#ifndef STATION_DB_INTERNAL_H
#define STATION_DB_INTERNAL_H

#include "core/record.h"
#include "db/db.h"

#include <sqlite3.h>
#include <stdbool.h>

/* 'STN1': PRAGMA application_id of a station database (set by schema/0001.sql). */
#define DB_APPLICATION_ID 1398033969
/* How long a statement waits for another program's write lock. */
#define DB_BUSY_TIMEOUT_MS 3000
/* SQL expression of "now" for created_at/updated_at: local time, to the second. */
#define DB_NOW_SQL "strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')"

struct db {
	sqlite3 *h;  /* the connection; owned */
	char *path;  /* as given to db_open; owned */
	int flags;   /* enum db_open_flags given to db_open */
	int lock_fd; /* fd holding flock() for DB_OPEN_EXCLUSIVE, or -1; closed AFTER h, because
			closing any fd of the file drops this process's POSIX (SQLite) locks */
	int depth;   /* transaction nesting: 0 none, 1 BEGIN IMMEDIATE, n > 1: n-1 savepoints */
	bool lost;   /* SQLite rolled the transaction back on its own (disk full, I/O error) */
	char *user;  /* clerk for the audit log; owned; never NULL */
	bool opening; /* inside db_open: faults are reported as "could not open, nothing changed" */
	bool damaged; /* damage found: read-only from then on (db_damaged) */
	char *notice; /* one-time notice for the clerk (db_notice), or NULL; owned */
	/* The audit log's hash chain (db/audit.c): the last sealed row, whether the head file
	 * beside the database must be written after the next commit, and whether the head file
	 * disagreed with the file at open (then it is never overwritten: station check shows it). */
	int chain;             /* -1 not known yet, 0 the file has no chain (old schema), 1 has */
	int64_t chain_id;      /* id of the last sealed audit_log row (0: none) */
	char chain_hash[65];   /* its hash */
	bool chain_dirty;      /* chain_id moved since the head file was written */
	bool chain_broken;     /* the head file disagrees with the file */
	/* WAL frames written since the last checkpoint, when checkpoints wait for idle time
	 * (db_defer_checkpoints); -1: SQLite's own automatic checkpoints. */
	int wal_pages;
	struct search_terms *terms; /* db/search.c: the last 1-2 character text's trigrams; owned */
	/* db/visits.c: the ids ("3,17,42") of the last capped count of a typed text that found at
	 * most VISITS_FOUND_MAX rows, for its filter (found_key) and db_change_stamp(): the page
	 * that follows the count reads them by id instead of scanning again. Owned. */
	char *found_key, *found_ids;
	uint64_t found_stamp;
};

/* db/search.c: free db->terms (db_close). */
void search_db_free(struct db *db);

/* At an open for writing after a clean end, files up to this size are checked anyway
 * (PRAGMA quick_check costs about 5 ms per MB); larger ones only after an unclean end. Tests
 * may change it. */
extern int64_t db_startup_check_max_bytes;

/* The sentence for the clerk while the connection is damaged. */
#define DB_DAMAGE_TEXT "数据库已损坏，只能查看，不能保存。请退出后运行 station check，并从备份恢复。"

/* The raw connection. Borrowed. */
sqlite3 *db_handle(struct db *db);

/* A new Chinese message for the clerk for SQLite result code rc (extended codes understood).
 * detail is sqlite3_errmsg() (may be NULL); it names the columns of constraint failures,
 * which def (may be NULL) turns into field labels. */
char *db_error_text(int rc, const char *detail, const struct record_def *def);
/* A new message for a fault while opening (nothing was changed): rc is SQLite's result code,
 * sys_errno sqlite3_system_errno() (ENOSPC means the disk is full whatever rc says). */
char *db_open_error_text(int rc, int sys_errno, bool readonly);
/* Mark the connection damaged (see db_damaged): query_only from now on. */
void db_mark_damaged(struct db *db);
/* Set *err (if err) to db_error_text(rc, sqlite3_errmsg(db), def); return -1. While db_open
 * runs, db_open_error_text instead. SQLITE_CORRUPT and SQLITE_NOTADB mark the connection
 * damaged (this is the one place every failed statement passes through). */
int db_fail(struct db *db, int rc, const struct record_def *def, char **err);
/* Set *err (if err) to a new copy of msg; return -1. */
int db_fail_msg(char **err, const char *msg);
/* Set *err (if err) to the printf result (else discard it); return -1. */
int db_failf(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prepare one statement; on failure *st is NULL and *err set. */
int db_prepare(struct db *db, const char *sql, sqlite3_stmt **st, char **err);
/* Run SQL without parameters or results (DDL, PRAGMA, several statements). */
int db_exec(struct db *db, const char *sql, char **err);
/* Run one statement returning one integer (0 if no row): PRAGMAs and counts. */
int db_query_int(struct db *db, const char *sql, int64_t *out, char **err);
/* Sums of columns a and b of a per-day count table (visit_days, case_days: schema 0021) over the
 * days from..to (ISO, inclusive; NULL or "": no bound). A NULL out is skipped. */
int db_day_sums(struct db *db, const char *table, const char *a, const char *b, const char *from, const char *to,
		int64_t *sum_a, int64_t *sum_b, char **err);
/* Bind text, storing an empty or NULL string as NULL (the db layer's rule for empty values). */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Bind a visit's VIS_NFIELDS values as db/visits.c stores them: ?1..?12 and ?16, the reception
 * day ?13 and the case ?14 (0: NULL). The one place of that mapping (db/visits.c, db/imports.c). */
void db_visits_bind(sqlite3_stmt *st, char *const *vals, int64_t rday, int64_t case_id);
/* Column text, "" for NULL. Borrowed until the next step/reset/finalize. */
const char *db_column_text(sqlite3_stmt *st, int col);
/* Step st, whose column 0 is a row id and columns 1..n the row's values as text, passing each row
 * to cb(ud, id, vals) (vals borrowed for the call) until it returns non-zero. The list pages of
 * the registers (deputies, suggestions, projects) read their rows with it. Returns 0, or -1 with
 * *err (db_fail with def). */
int db_step_id_rows(struct db *db, sqlite3_stmt *st, int n, int (*cb)(void *ud, int64_t id, const char *const *vals),
		    void *ud, const struct record_def *def, char **err);
/* True if a table of that name exists. */
bool db_table_exists(struct db *db, const char *table);

#endif
