/* Settings kept in the database (table settings, schema 0022; docs/SETUP.md): what the first
 * run's walk-through and the 设置 screen set. Keys are "section.key" of station.ini
 * (core/config.h cfg_settable); values are text as the clerk would write them in station.ini,
 * checked by the same parsers (cfg_set) before they are stored. A value here wins over
 * station.ini. Every write is its own transaction (nested inside an open one) and audited.
 *
 * Besides those keys, SETTINGS_SETUP_STEP records how far the walk-through got. */
#ifndef STATION_DB_SETTINGS_H
#define STATION_DB_SETTINGS_H

#include "core/config.h"
#include "db/db.h"

#include <stdint.h>

/* How far the first run's walk-through got: "1".."4" (the step to resume at) or "done". */
#define SETTINGS_SETUP_STEP "setup.step"

/* The value of key into *value (a new string), or *value NULL when none is stored. */
int db_settings_get(struct db *db, const char *key, char **value, char **err);
/* Store n keys and values at once (all or none). Each settable key is checked with cfg_set on a
 * copy of cfg (which may be NULL: defaults); a refused value fails the whole call with
 * "<key>：<why>". The key station.code also rewrites the station's code in station_info
 * (db/restore.h), which is refused once the station has cases (their numbers carry the code). */
int db_settings_put(struct db *db, const struct cfg *cfg, const char *const *keys, const char *const *vals, int n,
		    char **err);
/* Apply every stored settable value to cfg (cfg_set). A stored value the parsers refuse (the
 * file was edited by hand) is skipped; *warn (may be NULL) then gets a new message naming it. */
int db_settings_apply(struct db *db, struct cfg *cfg, char **warn, char **err);
/* True in *empty when the database holds no record a clerk made: no deputy, visit, case,
 * activity, suggestion, project or account, and no station setting. */
int db_settings_empty(struct db *db, bool *empty, char **err);
/* Number of cases (a station code may change only while there are none). */
int db_settings_cases(struct db *db, int64_t *n, char **err);

#endif
