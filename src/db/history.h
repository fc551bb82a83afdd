/* Reading the audit log back (docs/AUDIT.md): one record's history, the log browser's pages,
 * and undo of a record's last change (or restore of a soft-deleted record), itself audited.
 *
 * Entries carry raw column names and values (the db layer makes no display text): the screen
 * turns columns into labels (db_history_def gives the register's record_def) and masks personal
 * values (db_audit_personal). The log has no export, and this module adds none. */
#ifndef STATION_DB_HISTORY_H
#define STATION_DB_HISTORY_H

#include "core/record.h"
#include "db/db.h"
#include "db/visits.h"

#include <stdbool.h>
#include <stdint.h>

/* A record's history is read up to this many changes (newest first). */
#define DB_HISTORY_MAX 500

/* One column an audit row changed: for an UPDATE the columns whose value differs (updated_at
 * and created_at left out), for an INSERT every column set. Values as text, NULL for NULL. */
struct hist_change {
	char *col;       /* owned */
	char *old, *new; /* owned, NULL: none */
};

/* One audit_log row. Everything owned. */
struct hist_entry {
	int64_t id;     /* audit_log id */
	int64_t row_id; /* the record's id in table */
	char *at, *user, *table;
	char *action; /* INSERT, UPDATE, DELETE, RESTORE */
	struct hist_change *changes;
	int nchanges;
};
void db_history_free(struct hist_entry *e, int n);

/* The register whose records live in table (its record_def), or NULL. Borrowed. */
const struct record_def *db_history_def(const char *table);

/* The history of one record: *out gets *n entries (at most DB_HISTORY_MAX), newest first. */
int db_history_record(struct db *db, const char *table, int64_t row_id, struct hist_entry **out, int *n, char **err);

/* The log browser's filter. Each member optional (NULL or ""): dates are "YYYY-MM-DD",
 * inclusive; text matches the user's name (part of it) or a register's Chinese label (part of
 * it: "代表" matches 代表名册, 代表建议 ...). Borrowed. */
struct hist_filter {
	const char *from, *to;
	const char *text;
};
int db_history_count(struct db *db, const struct hist_filter *f, int64_t *n, char **err);
/* A page of the log, newest first (desc) or oldest first: rows after the audit id `after`
 * (keyset, 0: none) or else from offset. */
int db_history_page(struct db *db, const struct hist_filter *f, bool desc, int64_t offset, int64_t after, int limit,
		    struct hist_entry **out, int *n, char **err);

/* What undo needs besides the database: a visit's save creates a case when its handling
 * becomes 交办 (so undo refuses that), and a date rule needs today. Borrowed. */
struct hist_undo_ctx {
	const struct visit_ctx *visit; /* for visits */
	const char *today;             /* "YYYY-MM-DD" */
};

/* True if undo of field edits is supported for table's records (restore of a soft-deleted
 * record is supported for every register with soft delete). */
bool db_history_undoable(const char *table);

/* Undo the last change of a record: an UPDATE of its own fields is written back through the
 * register's own update (validation, rules and the audit trigger apply), a soft delete is
 * restored. Refused with a message: a new record (nothing to undo), a change that was not a
 * field edit (status, links, a case event), a record changed since outside the log, values that
 * no longer pass the register's checks, a register without undo. *what (may be NULL) gets a new
 * sentence of what was done. */
int db_history_undo(struct db *db, const struct hist_undo_ctx *ctx, const char *table, int64_t row_id, char **what,
		    char **err);

#endif
