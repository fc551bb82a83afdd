/* 代表名册 in SQL. Values are arrays of DEP_NFIELDS strings (core/deputy.h); an empty value is
 * stored as NULL and read back as "". name_py and name_initials (pinyin keys, core/pinyin.h) are
 * computed here from the name on every insert and update. Deleted deputies are invisible. */
#ifndef STATION_DB_DEPUTIES_H
#define STATION_DB_DEPUTIES_H

#include "core/deputy.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

struct deputy_filter {
	const char *text;  /* typed filter: matches name, phone, work unit, level or pinyin initials;
			      NULL or "" for all. Case-insensitive substring match (name, phone with
			      or without '-', work unit), exact level, and when the text is ASCII
			      letters (digits allowed, one letter at least) also the pinyin
			      initials ("zs") and the full pinyin without spaces ("zhangs").
			      Spaces around it are ignored; % _ ' \ are plain characters. */
	const char *level; /* exact level, or NULL */
	bool include_left; /* also 离任 deputies */
};

/* Called for each row of a page: id and DEP_NFIELDS values (borrowed for the call).
 * Return non-zero to stop. */
typedef int (*deputy_row_cb)(void *ud, int64_t id, const char *const *vals);

int db_deputies_count(struct db *db, const struct deputy_filter *f, int64_t *n, char **err);
/* One page, sorted by sort_field (enum deputy_field; DEP_NAME sorts by pinyin, then name; a
 * choice field by the order of its choices, e.g. 全国 before 省; empty values last), then by id.
 * desc reverses the order (empty values stay last). limit < 0: no limit. An unknown sort_field
 * sorts by name. */
int db_deputies_page(struct db *db, const struct deputy_filter *f, int sort_field, bool desc, int64_t offset, int limit,
		     deputy_row_cb cb, void *ud, char **err);
/* vals: DEP_NFIELDS new strings, caller frees with record_free_values(). */
int db_deputies_get(struct db *db, int64_t id, char ***vals, char **err);
/* Values must have passed record_check(). Each is one transaction with its audit rows. */
int db_deputies_insert(struct db *db, char *const *vals, int64_t *id, char **err);
int db_deputies_update(struct db *db, int64_t id, char *const *vals, char **err);
/* Marks deleted (hidden; recoverable by the station head). */
int db_deputies_delete(struct db *db, int64_t id, char **err);
/* Undo db_deputies_delete. */
int db_deputies_restore(struct db *db, int64_t id, char **err);
/* Insert many deputies in one transaction: all or none. A failure's message starts with
 * "第 N 条" where N = index + 1 of the failing row. */
int db_deputies_insert_many(struct db *db, char **const *rows, int nrows, char **err);

/* The deputies a pick list offers, as rows, sorted by pinyin (core/deputy.h deputy_labels()
 * makes their labels): deputies in office (and those who left, if include_left), never deleted
 * ones — except the keep ids (nkeep of them; the deputies already linked to the record being
 * edited), which are always there so an old record can be saved again. *out gets a new array
 * of *n rows (deputy_briefs_free). */
int db_deputies_briefs(struct db *db, bool include_left, const int64_t *keep, int nkeep, struct deputy_brief **out,
		       int *n, char **err);
/* The deputies linked to one record through a link table (reception_duty, visit_deputies,
 * suggestion_deputies ...), in the order they were linked: link_table and key_col are the
 * program's constants (never input); key is the record's id. *ids and *names get *n new entries
 * (names of deleted deputies too: they were there), *text the names joined with "、" (always
 * set, "" when none). The caller frees all three. */
int db_deputies_linked(struct db *db, const char *link_table, const char *key_col, int64_t key, int64_t **ids,
		       char ***names, int *n, char **text, char **err);

#endif
