/* The ledger: one SQLite file. Open, migrate, transactions, errors for the clerk.
 * All SQL of the program lives in src/db/. Functions return 0 on success or -1 with *err set
 * to a new Chinese message the caller frees (err may be NULL when the caller does not care). */
#ifndef STATION_DB_H
#define STATION_DB_H

#include <stdbool.h>
#include <stdint.h>

struct db;

enum db_open_flags {
	DB_OPEN_CREATE = 1,     /* create the file (mode 0600) if missing */
	DB_OPEN_EXCLUSIVE = 2,  /* this copy of the program edits: refuse if another copy holds it */
	DB_OPEN_READONLY = 4,   /* read only: no migrations, no writes (check, printing) */
	DB_OPEN_NO_MIGRATE = 8, /* tests and tools only: open at whatever version the file is */
	DB_OPEN_INTERACTIVE = 16, /* the full-screen program: a damaged file opens for viewing
				     (db_damaged) instead of being refused; it shows db_notice() */
};

/* Open (and migrate to the newest schema) the database at path. WAL, foreign_keys=ON,
 * synchronous=FULL, busy timeout. Errors with a clear message: folder missing or read-only,
 * not a SQLite database, locked by another copy, newer schema than this program.
 *
 * A file this function creates is created with mode 0600 before SQLite touches it, so it is
 * never readable by others; SQLite gives its -wal and -shm files the same mode.
 * A file that is not a station database (other tables, no station schema) is refused and left
 * untouched. DB_OPEN_EXCLUSIVE holds flock(LOCK_EX) on the file until db_close().
 * DB_OPEN_READONLY refuses an outdated file (it cannot migrate); on a read-only folder (a
 * write-protected USB stick) it reads the file as immutable when no -wal file is present, and
 * with a crash-left -wal it says so (the -wal cannot be read there).
 *
 * Opening for writing (no DB_OPEN_READONLY):
 * - tightens the file and its existing -wal/-shm/-journal to 0600 if group or others may
 *   access them (before SQLite makes new -wal/-shm files, which copy the file's mode), and
 *   says so once through db_notice();
 * - runs PRAGMA quick_check before anything is written when the last session did not end
 *   cleanly (a -wal or -journal file is there while we hold the lock: SQLite deletes the -wal
 *   at the last clean close) or the file is small (db_startup_check_max_bytes, 16 MiB: up to
 *   ~80 ms). A damaged file is refused, unless DB_OPEN_INTERACTIVE: then it opens
 *   damaged (see db_damaged).
 * Faults while opening (disk full, I/O error) say that nothing was changed.
 * On error *out is NULL. */
int db_open(const char *path, int flags, struct db **out, char **err);
/* Close (rolling back an unfinished transaction), then release the exclusive lock. NULL is fine. */
void db_close(struct db *db);

/* Schema version of this program, and of the open file. */
int db_schema_version(void);
int db_user_version(struct db *db);

/* Who is working: written into audit_log by the triggers. The name is kept by the connection and
 * written to the app_session row at the start of each write transaction (db_begin), so two
 * programs on one file never record each other's name. Until called, the user is "". */
int db_set_user(struct db *db, const char *user, char **err);
/* The user set by db_set_user ("" if none). Borrowed. */
const char *db_user(struct db *db);

/* Transactions. The outermost db_begin is BEGIN IMMEDIATE (takes the write lock at once, so a
 * save never fails half-way on a lock); nested calls are SAVEPOINTs, so an inner
 * db_rollback undoes only the inner work and the outer transaction goes on. Every db_begin
 * is ended by exactly one db_commit or db_rollback. If SQLite itself abandoned the
 * transaction (disk full, I/O error), the outermost db_commit fails and nothing is saved.
 * Every write of the db layer runs inside db_begin/db_commit (the audit user is set there). */
int db_begin(struct db *db, char **err);
int db_commit(struct db *db, char **err);
void db_rollback(struct db *db);
/* Transaction depth: 0 outside a transaction. */
int db_depth(struct db *db);

/* integrity_check, foreign_key_check and orphan links. Each finding is passed to cb (Chinese).
 * Returns the number of findings, or -1 if the check could not run. */
int db_check(struct db *db, void (*cb)(void *ud, const char *finding), void *ud, char **err);

/* Damage. A connection becomes damaged when the check at open finds damage, or when any
 * statement later meets SQLITE_CORRUPT / SQLITE_NOTADB, or when db_check finds integrity
 * problems. From then on it is read-only (PRAGMA query_only): every db_begin refuses with
 * db_damage_text(), and db_close does not checkpoint the -wal into the file, so the file stays
 * byte-identical. */
bool db_damaged(struct db *db);
/* What the clerk must be told while damaged (a sentence for a banner), or NULL if not damaged.
 * Borrowed. */
const char *db_damage_text(struct db *db);
/* A one-time notice from db_open for the clerk (the file's mode was tightened), or NULL.
 * Borrowed. */
const char *db_notice(struct db *db);

/* Path of the open file. Borrowed. */
const char *db_path(struct db *db);
/* True if opened with DB_OPEN_READONLY. */
bool db_readonly(struct db *db);

/* A number that changes whenever the file's contents may have changed since the last call:
 * a write on this connection (sqlite3_total_changes64, triggers included) or a commit by
 * another connection or process (PRAGMA data_version). Equal stamps mean nothing was written
 * in between, so figures computed from the file are still right. Costs a few microseconds;
 * on an error it returns a value never returned before (callers recompute). */
uint64_t db_change_stamp(struct db *db);

/* Checkpoints (copying the WAL into the file, with its fsync) wait for idle time instead of
 * running inside the save that crosses SQLite's 1000-page mark (on a 7 GB file that save took
 * 0.9 s, docs/PERFORMANCE.md): the full-screen program calls this once, then
 * db_idle_checkpoint() when no key has come for a while. A WAL that still reaches
 * DB_WAL_LIMIT pages is checkpointed at once. The WAL is as safe as the file: nothing is lost
 * whenever the checkpoint runs. */
#define DB_WAL_LIMIT 20000
void db_defer_checkpoints(struct db *db);
/* Checkpoint (PASSIVE: never waits for a reader) if the WAL has frames and no transaction is
 * open. Returns true if it ran. */
bool db_idle_checkpoint(struct db *db);

#endif
