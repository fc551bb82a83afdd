/* Reading a CSV file as a clerk saves it from Excel or WPS: the whole file into memory, rows as
 * arrays of UTF-8 strings, each with the line number the row starts on.
 *
 * What it copes with: a UTF-8 BOM (stripped), CRLF, LF or CR line ends, quoted cells with
 * commas, quotes ("") and line breaks (a break inside a cell becomes "\n"), blank lines and
 * rows whose cells are all empty (dropped), a last row without a line end.
 * What it refuses, with a Chinese message naming the line: a file over CSVIN_MAX_BYTES,
 * bytes that are not UTF-8 (telling GBK/GB18030 and UTF-16 apart, the usual mistakes), NUL bytes,
 * malformed quoting, a cell over CSVIN_MAX_CELL bytes.
 * Rows of different lengths are delivered as they are: the caller decides (and reports). */
#ifndef STATION_CSVIN_H
#define STATION_CSVIN_H

#include <stddef.h>

#define CSVIN_MAX_BYTES (20u * 1024 * 1024) /* whole file */
#define CSVIN_MAX_CELL  (64u * 1024)        /* one cell, in bytes */

struct csvin_row {
	char **cells; /* ncells owned NUL-terminated UTF-8 strings, never NULL */
	int ncells;
	int line; /* 1-based line of the file the row starts on */
};

struct csvin {
	struct csvin_row *rows; /* owned; blank rows are not included */
	int nrows;
};

/* Read and parse the file at path into *out (free with csvin_free).
 * Returns 0, or -1 with *err a new Chinese message (caller frees). */
int csvin_read_file(const char *path, struct csvin **out, char **err);

/* The same for len bytes in memory; name is used in messages (a file name, or NULL). */
int csvin_parse(const char *buf, size_t len, const char *name, struct csvin **out, char **err);

void csvin_free(struct csvin *c);

#endif
