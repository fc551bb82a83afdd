/* The county's merge of the stations' files (station merge, docs/EXPORT.md): many summaries into
 * one table with a total row and one row per station, or many detail lists of one kind into one.
 *
 * Each file is read whole (report/csvin.c: BOM, CRLF; a GB18030 file is converted first) and
 * checked before anything is written: its header must be the summary's or a detail list's of
 * this format (格式版本 1), every row as long as the header, every count a whole number. A row is
 * known by its uid (detail rows) or by 联络站编号 + 起始日期 + 截止日期 (summary rows): a second
 * row with the same key and the same cells is dropped (a file sent twice), one with different
 * cells is a conflict. Problems name the file, the line and the column. */
#ifndef STATION_MERGE_H
#define STATION_MERGE_H

#include "core/config.h"

#include <stdbool.h>

struct merge_opts {
	const char *expect;    /* comma-separated station codes expected (NULL: not checked) */
	bool force;            /* replace an existing output file */
	enum csv_encoding enc; /* of the output */
};

/* Merge the n files into out. Returns 0 when out was written (*notes: NULL or new lines to show:
 * duplicates dropped, stations missing or unexpected; *rows: data rows written, the total row
 * included), or -1 with *err new lines naming every problem (nothing written). */
int merge_files(char *const *paths, int n, const char *out, const struct merge_opts *o, char **notes, int *rows,
		char **err);

#endif
