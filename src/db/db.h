/* The ledger: one SQLite file. Open, migrate, transactions, errors for the clerk.
 * All SQL of the program lives in src/db/. Functions return 0 on success or -1 with *err set
 * to a new Chinese message the caller frees (err may be NULL when the caller does not care). */
#ifndef STATION_DB_H
#define STATION_DB_H

#include <stdbool.h>
#include <stdint.h>

struct db;

enum db_open_flags {
	DB_OPEN_CREATE = 1,    /* create the file (mode 0600) if missing */
	DB_OPEN_EXCLUSIVE = 2, /* this copy of the program edits: refuse if another copy holds it */
	DB_OPEN_READONLY = 4,  /* read only: no migrations, no writes (check, printing) */
};

/* Open (and migrate to the newest schema) the database at path. WAL, foreign_keys=ON,
 * synchronous=FULL, busy timeout. Errors with a clear message: folder missing or read-only,
 * not a SQLite database, locked by another copy, newer schema than this program. */
int db_open(const char *path, int flags, struct db **out, char **err);
void db_close(struct db *db);

/* Schema version of this program, and of the open file. */
int db_schema_version(void);
int db_user_version(struct db *db);

/* Who is working: written into audit_log by the triggers. */
int db_set_user(struct db *db, const char *user, char **err);

int db_begin(struct db *db, char **err);
int db_commit(struct db *db, char **err);
void db_rollback(struct db *db);

/* integrity_check, foreign_key_check and orphan links. Each finding is passed to cb (Chinese).
 * Returns the number of findings, or -1 if the check could not run. */
int db_check(struct db *db, void (*cb)(void *ud, const char *finding), void *ud, char **err);

/* Path of the open file. Borrowed. */
const char *db_path(struct db *db);

#endif
