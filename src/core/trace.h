/* The keystroke latency trace (docs/PERFORMANCE.md): with STATION_TRACE=FILE the full-screen
 * program appends one line per key to FILE,
 *     KEY <TAB> ACTION <TAB> MICROSECONDS
 * the time from get_wch() returning the key to the end of the doupdate() that shows its effect
 * (the clerk's wait), and once, after the first screen is drawn,
 *     start <TAB> - <TAB> MICROSECONDS-SINCE-trace_open <TAB> UNIX-TIME-IN-MICROSECONDS
 * so a script can measure from its own launch. Off (no file, nothing written, two branches per
 * key) unless trace_open() succeeded.
 *
 * Call order (ui/app.c): trace_open() once; per key trace_key() when it is read, trace_action()
 * when it is dispatched, trace_drawn() after each doupdate(); trace_close() at the end. */
#ifndef STATION_CORE_TRACE_H
#define STATION_CORE_TRACE_H

#include <stdbool.h>

/* Start tracing to path (appended). Returns -1 (errno set) if it cannot be opened. */
int trace_open(const char *path);
bool trace_on(void);
/* A key was read; name is how it is written (copied, at most 31 bytes). */
void trace_key(const char *name);
/* The action the key ran (a keys.c config name, "text", ...); copied. */
void trace_action(const char *name);
/* The screen was updated: writes the pending key's line (if any), or the start line the first
 * time. */
void trace_drawn(void);
void trace_close(void);

#endif
