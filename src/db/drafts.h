/* Drafts: the text a clerk has typed into a form and not saved yet (table drafts, schema 0005).
 *
 * A form with a draft key (its kind, e.g. "visit" or "case_action:交办", and the id of the record
 * it edits, 0 for a new one) puts its values here whenever the clerk leaves a changed field and
 * when the program is told to end (SIGHUP, SIGTERM). When the same form is opened again, the
 * screen offers the draft back; a saved, discarded or emptied form drops it. A draft is never a
 * record: it only fills a form, which the clerk still saves with F2.
 *
 * Values are kept by column name, so a draft written by an older form still fills the fields
 * that exist now. Each call is its own transaction (a nested one inside an open transaction). */
#ifndef STATION_DB_DRAFTS_H
#define STATION_DB_DRAFTS_H

#include "db/db.h"

#include <stdint.h>

struct db_draft {
	char **cols;         /* column names; owned */
	char **vals;         /* their values ("" for empty); owned */
	int n;               /* number of cols/vals */
	char *field;         /* column of the field being edited when it was written, or NULL; owned */
	char updated_at[20]; /* "YYYY-MM-DD HH:MM:SS", local time */
};

/* Write (replace) the draft of form/record_id: n columns and their values; field may be NULL. */
int db_drafts_put(struct db *db, const char *form, int64_t record_id, const char *const *cols,
		  const char *const *vals, int n, const char *field, char **err);
/* Read the draft of form/record_id into *out (freed with db_draft_free). Returns 1 if there is
 * one, 0 if not (out zeroed), -1 on error. */
int db_drafts_get(struct db *db, const char *form, int64_t record_id, struct db_draft *out, char **err);
/* Forget the draft of form/record_id (none is fine). */
int db_drafts_drop(struct db *db, const char *form, int64_t record_id, char **err);
/* Number of drafts kept (for `station check` and tests). */
int db_drafts_count(struct db *db, int64_t *n, char **err);
void db_draft_free(struct db_draft *d);

#endif
