/* Backups of a station database: a consistent copy in one new, self-contained file.
 *
 * The copy is made with SQLite's online backup API, so it holds exactly what was committed,
 * rows still in the -wal included, even while another program works on the file (its
 * uncommitted changes stay out). A backup never overwrites anything: the file is created with
 * O_EXCL and mode 0600. It is left in journal_mode DELETE, so it is one file with no -wal or
 * -shm beside it (opening it with station turns WAL back on, as for any database), and it has
 * passed PRAGMA integrity_check before these functions return. On failure nothing is left
 * behind and the source is untouched.
 *
 * Messages are Chinese, for the clerk; the caller frees *err. */
#ifndef STATION_DB_BACKUP_H
#define STATION_DB_BACKUP_H

#include "db/db.h"

/* Copy the open database db into the new file dest. Returns 0, or -1 with *err: dest (or its
 * -journal or -wal) already exists, cannot be created, the copy failed, or the copy did not pass
 * integrity_check. */
int db_backup_to(struct db *db, const char *dest, char **err);

/* The same for the database file at src, read through its own read-only connection (no
 * migration, no lock taken; a writer on src may go on). A file that is not a SQLite database is
 * an error. */
int db_backup_file_to(const char *src, const char *dest, char **err);

/* A backup beside the database: "PATH.bak-YYYYMMDD-HHMMSS" (local time), or "...-2", "-3", ...
 * when that name is taken (several backups in one second), so an earlier backup is never
 * replaced. db is the open database at path, or NULL to read the file path as
 * db_backup_file_to() does. With db NULL, a file that is not a SQLite database at all (no SQLite
 * header; it cannot have a -wal) is copied byte for byte, so whatever it holds is kept.
 * Returns the name used (caller frees), or NULL with *err. */
char *db_backup_beside(struct db *db, const char *path, char **err);

/* station backup: a backup of db (or, db NULL, of the database file src read through its own
 * read-only connection, as db_backup_file_to) in the folder dir, named
 * station-<code>-YYYYMMDD-HHMMSS.db, or "...-2.db", "-3.db" for more in the same second. The
 * folder must exist and be writable (the message says which it is not: a USB stick that is not
 * plugged in, or write-protected). Returns the path made (caller frees), or NULL with *err. */
char *db_backup_into(struct db *db, const char *src, const char *dir, const char *code, char **err);

/* The backups of station code in dir (the names db_backup_into makes; nothing else), newest
 * first, with the local time in each name ("YYYY-MM-DD HH:MM:SS"). A missing folder has none. */
struct db_backup_list {
	char **paths;
	char **stamps;
	int n;
};
int db_backup_list(const char *dir, const char *code, struct db_backup_list *out, char **err);
void db_backup_list_free(struct db_backup_list *l);

/* Delete all but the newest keep (at least 1) backups of code in dir, each path removed passed
 * to cb (may be NULL), and the unfinished copies of code's backups (".db.part-PID", see
 * backup.c) whose process is gone. Other files are never touched. Returns how many backups were
 * removed, or -1. */
int db_backup_prune(const char *dir, const char *code, int keep, void (*cb)(void *ud, const char *path), void *ud,
		    char **err);

#endif
