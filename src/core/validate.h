/* Checks of single values, shared by forms, imports and the database layer.
 * Each check returns NULL when the value is fine, or a Chinese message for the clerk
 * (static storage, never freed). */
#ifndef STATION_VALIDATE_H
#define STATION_VALIDATE_H

#include <stdbool.h>

/* Phone: 11-digit mainland mobile (1[3-9]xxxxxxxxx) or landline with area code
 * (0xx-xxxxxxxx / 0xxx-xxxxxxx, dash optional, optional -extension). Empty is fine. */
const char *valid_phone(const char *s);

/* Parse a date as a clerk types it: 2026-11-22, 2026/11/22, 2026.11.22, 20261122,
 * 2026年11月22日, 11-22 or 11月22日 (year of today), 今天/t (today), 昨天 (yesterday).
 * today is "YYYY-MM-DD". On success writes the ISO date into out and returns NULL. */
const char *date_parse(const char *in, const char *today, char out[11]);

/* True if y-m-d is a real calendar date (1900..2200). */
bool date_real(int y, int m, int d);

/* Plain text: valid UTF-8, no control characters (newlines only if multiline),
 * at most max_chars characters. */
const char *valid_text(const char *s, int max_chars, bool multiline);

/* Mainland resident ID number (18 characters, check digit) — empty is fine. */
const char *valid_id_number(const char *s);

#endif
