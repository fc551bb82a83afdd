/* The full-screen program. The only entry point from outside src/ui/. */
#ifndef STATION_UI_H
#define STATION_UI_H

#include "core/config.h"
#include "db/db.h"

/* Run the full-screen shell on an open database until the clerk quits. Returns the exit code
 * (0 normally). Sets the locale, starts and always ends curses. */
int ui_run(const struct cfg *cfg, struct db *db);

#endif
