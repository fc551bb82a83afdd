/* Which station a database file belongs to, and `station restore`: a backup put back in place of
 * the station's database, after it has been checked, with the current file kept aside.
 *
 * Messages are Chinese, for the clerk; the caller frees *err. */
#ifndef STATION_DB_RESTORE_H
#define STATION_DB_RESTORE_H

#include "db/db.h"

#include <stdint.h>

/* Record that db belongs to the station code (name its name), the first time only: a file that
 * already names a station keeps it (a file is not re-labelled by a changed station.ini). A
 * read-only or damaged connection, an empty code or a file before schema 13 do nothing.
 * Returns 0 or -1 with *err. */
int db_station_claim(struct db *db, const char *code, const char *name, char **err);

/* The station code recorded in db, or NULL if none (caller frees). */
char *db_station_code(struct db *db);

/* The folder the clerk last backed up to from the program, or NULL (caller frees); and set it. */
char *db_station_backup_dir(struct db *db);
int db_station_set_backup_dir(struct db *db, const char *dir, char **err);

/* What a database file holds, found without changing it. */
struct db_restore_info {
	int version;             /* its schema version (PRAGMA user_version) */
	char *code;              /* the station it belongs to (station_info, else the code in its
				  * case numbers), or NULL when it cannot tell */
	char *name;              /* the station's name if recorded, or NULL */
	int64_t deputies, visits, cases; /* records not deleted */
	char *last_visit;        /* the latest visit's date, or NULL */
};

/* Read the facts of the file at path: a SQLite database that passes integrity_check, with a
 * station's tables, of a schema version this program can open (not newer). Returns 0, or -1
 * with *err saying what is wrong with the file (not a database, damaged, from a newer program,
 * not a station's database). */
int db_restore_inspect(const char *path, struct db_restore_info *info, char **err);
void db_restore_info_free(struct db_restore_info *info);

/* Put the backup file in place of the database at path (which may not exist yet): the file is
 * checked (db_restore_inspect), copied next to path under a temporary name with SQLite's backup
 * API and checked again; then, while this process holds the program's lock on path, the current
 * database is kept aside byte for byte with its -wal ("PATH.bak-YYYYMMDD-HHMMSS", hard links, so
 * a damaged file is kept whole too; into *aside, caller frees; NULL when there was none), its
 * -wal and -shm are removed from path (SQLite would replay an old -wal into the new file), and
 * the copy replaces it with one rename, so a crash at any moment leaves a whole database at path
 * and the old one aside. The restored file is then opened once (migrating it if it is older).
 * Refused with a clear message, the current database untouched: path is in use by the program
 * (its lock is held), the file is damaged or not a station's database, the disk is full.
 * expect_code: the station the restored file must belong to (NULL: any); a file of another
 * station is refused, one that cannot tell is accepted. Returns 0, or DB_RESTORE_BUSY (path is
 * in use) or -1 with *err. */
#define DB_RESTORE_BUSY (-2)
int db_restore(const char *path, const char *file, const char *expect_code, char **aside, char **err);

#endif
