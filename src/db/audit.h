/* The audit log: triggers on every register table write one audit_log row per INSERT, UPDATE
 * and DELETE, in the same transaction, with the old and new values as JSON objects of all
 * columns and the user from app_session. The triggers are generated here from
 * pragma table_info, so a migration that adds a column only has to run again
 * (migrate.c regenerates them in every step). */
#ifndef STATION_DB_AUDIT_H
#define STATION_DB_AUDIT_H

#include "db/db.h"

#include <stdbool.h>

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

#endif
