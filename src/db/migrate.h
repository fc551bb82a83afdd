/* Schema migrations: an ordered list of steps, forward only. Step N takes the file from
 * user_version N-1 to N in one transaction (BEGIN IMMEDIATE; step; audit triggers regenerated;
 * PRAGMA user_version = N; COMMIT), so a failed step leaves the file exactly as it was.
 * Steps are SQL files embedded from data/schema/NNNN.sql or C functions (seed data).
 * docs/SCHEMA.md says how to add one. */
#ifndef STATION_DB_MIGRATE_H
#define STATION_DB_MIGRATE_H

#include "db/db.h"

/* Number of steps = the schema version of this program. */
int db_migrate_count(void);

/* Apply the steps after the file's user_version up to target (<= db_migrate_count()).
 * db_open does this; tests call it on a file opened with DB_OPEN_NO_MIGRATE to build a file
 * at an earlier version. On error *err says which step failed; earlier steps stay applied. */
int db_migrate_to(struct db *db, int target, char **err);

/* Test hook: when set, called inside each step's transaction after the step ran; a return of
 * -1 (with *err set) fails the step, as a broken step would. */
extern int (*db_migrate_test_hook)(struct db *db, int version, char **err);

#endif
