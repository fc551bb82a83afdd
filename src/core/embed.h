/* Text files from data/, compiled into the binary by src/tools/embed.sh. */
#ifndef STATION_EMBED_H
#define STATION_EMBED_H

struct embed_file {
	const char *path; /* path under data/, e.g. "schema/0001.sql" */
	const char *text; /* the file's contents, NUL-terminated */
};

/* All embedded files, ended by an entry with path NULL. */
extern const struct embed_file embed_files[];

/* Contents of the embedded file at PATH (under data/), or NULL. Borrowed. */
const char *embed_get(const char *path);

#endif
