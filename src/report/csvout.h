/* Writing a CSV file that Excel and WPS on Chinese Windows open correctly (docs/EXPORT.md).
 *
 * - UTF-8 with a BOM (default) or GB18030 (iconv); a character GB18030 cannot hold is reported
 *   by row, column and character, and the export fails: nothing is dropped silently.
 * - CRLF after every row; text cells always quoted by libcsv (csv_write: inner quotes doubled);
 *   numbers written plain.
 * - A text cell that begins with = + - @, a tab, CR or LF, or the full-width ＝ ＋ － ＠ an input
 *   method types, gets a ' in front (inside the quotes), so a spreadsheet never runs it as a
 *   formula (OWASP "CSV injection").
 * - The rows go to a temporary file in the output's folder; csvout_close() flushes, fsyncs and
 *   renames it to the final name. On any failure (a full disk, a read-only folder, a character
 *   that cannot be encoded) the temporary file is removed: there is never a half-written file
 *   under the final name. An existing file is only replaced when force is set.
 *
 * Call order: csvout_open(); for each row csvout_text()/csvout_int()/csvout_num() then
 * csvout_end_row(); csvout_close() (or csvout_abort() to give up). Write errors are sticky: the
 * cell functions never fail, csvout_close() reports the first problem. */
#ifndef STATION_CSVOUT_H
#define STATION_CSVOUT_H

#include "core/config.h"

#include <stdbool.h>
#include <stdint.h>

struct csvout;

/* The characters a neutralised cell may start with, ASCII and full-width. True if s needs the
 * ' prefix. */
bool csvout_is_formula(const char *s);

/* Start writing path (its folder must exist). Refuses, with a Chinese message in *err (caller
 * frees): an existing path unless force ("文件 … 已存在；要覆盖请加 --force"), a missing or
 * read-only folder, a path that is a folder. Returns 0 with *out set, or -1. */
int csvout_open(const char *path, enum csv_encoding enc, bool force, struct csvout **out, char **err);

/* One text cell (NULL is empty), neutralised as above. */
void csvout_text(struct csvout *o, const char *s);
/* One whole-number cell, plain. */
void csvout_int(struct csvout *o, int64_t v);
/* One number already formatted ("93.3"), or "" for no value; plain, unquoted. Must contain only
 * digits, '.', '-' (not checked beyond that: callers format it). */
void csvout_num(struct csvout *o, const char *s);
/* End the row (CRLF). The first row written is taken as the header: its cells name the columns
 * in messages about unencodable characters. */
void csvout_end_row(struct csvout *o);
/* Rows ended so far, the header included. */
int64_t csvout_rows(const struct csvout *o);

/* Finish: flush, fsync, rename over path. Returns 0, or -1 with *err (the temporary file is
 * removed). Frees o either way. */
int csvout_close(struct csvout *o, char **err);
/* Give up: remove the temporary file, free o. */
void csvout_abort(struct csvout *o);

#endif
