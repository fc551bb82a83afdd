/* The 设置 screen (docs/SETUP.md): every setting the first run's walk-through asked, and the
 * numbers of [cases], [activities], [deputies] and [projects], in one form. Anyone may look;
 * only the station head (站长) may change them (core/auth.h AUTH_SETTINGS). A change is stored
 * in the database (db/settings.h, audited) and takes effect at once (the title bar's name, the
 * reception days the rule gives, deadlines).
 *
 * The station code may change only while the station has no cases: their numbers carry it, and
 * backups of another station are told apart by it. */
#ifndef STATION_UI_SETTINGS_H
#define STATION_UI_SETTINGS_H

/* Open the 设置 screen. */
void settings_push(void);

/* For forms whose fields are settings (the walk-through's steps, this screen): check val[i] as
 * setting keys[i] with station.ini's own parsers (cfg_set); msgs[i] gets NULL or the message.
 * Returns the number of bad fields. */
int settings_check(const char *const *keys, int n, char **val, const char **msgs);
/* Store n settings in the database (all or none) and apply them to the program's settings.
 * Returns 0, or -1 with *err (a new message). */
int settings_store(const char *const *keys, const char *const *vals, int n, char **err);

#endif
