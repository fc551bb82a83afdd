/* The full-screen program. The only entry point from outside src/ui/. */
#ifndef STATION_UI_H
#define STATION_UI_H

#include "core/config.h"
#include "db/db.h"

#include <stdbool.h>

/* Run the full-screen shell on an open database until the clerk quits. Returns the exit code
 * (0 normally). Sets the locale, starts and always ends curses. The settings kept in the
 * database (db/settings.h) are applied over cfg first, and the 设置 screen changes cfg.
 * new_db: this start created the database file (the first run's walk-through, ui/setup.h, is
 * offered only then, or to finish one begun before). */
int ui_run(struct cfg *cfg, struct db *db, bool new_db);

#endif
