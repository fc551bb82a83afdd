/* The first run's walk-through (docs/SETUP.md): on a new database, before the home screen,
 * the clerk is led through
 *   1. the station: name, code, county, township, address;
 *   2. the station head's account (ui/login.h; left out with [accounts] login = no);
 *   3. the reception rule, hours and place, with the next three reception days it gives;
 *   4. the roster: import a CSV filled from the template, add deputies by hand, or later.
 * Each step is a form: F2 stores it (db/settings.h) and goes on, Esc goes back a step keeping
 * what was typed, F10 leaves after asking. The step reached is stored (setup.step): the next
 * start resumes there, with the steps before it kept and unsaved text restored from drafts.
 * Everything can be changed later on the 设置 screen (ui/settings.h).
 *
 * When: setup.step says a walk-through is unfinished, or this start created the database file,
 * it holds no record, and station.ini gives no [station] name. So a database made before the
 * walk-through existed, the demo database and a station configured by its station.ini (the
 * e2e tests' harness writes [station] name) never see it. */
#ifndef STATION_UI_SETUP_H
#define STATION_UI_SETUP_H

#include <stdbool.h>

/* Whether to run the walk-through on this start (see above); marks it begun (setup.step = 1)
 * on a new database. Call after the database is open, before the login. */
bool setup_wanted(bool new_db);
/* Push the walk-through (over the home screen, which it reveals when done). */
void setup_push(void);

#endif
