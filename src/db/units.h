/* 承办单位 register in SQL: the units cases are assigned to. Values are arrays of UNIT_NFIELDS
 * strings of unit_def (record_check() first); an empty value is stored as NULL and read back as
 * "". A default list ships in data/units.txt (seeded by migration 2). Deleting marks a unit
 * deleted (hidden from lists and pick lists, still shown in old cases) and is refused while any
 * case or suggestion still points to it. Errors: -1 and *err a new Chinese message. */
#ifndef STATION_DB_UNITS_H
#define STATION_DB_UNITS_H

#include "core/record.h"
#include "core/unit.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

struct unit_filter {
	const char *text; /* substring of name, aliases, contact or phone, exact kind, or (ASCII letters)
			     the pinyin initials of the name ("jyj" finds 县教育局 ... "xjyj");
			     NULL/"" for all */
	const char *kind; /* exact kind, or NULL */
};

/* Called for each row: id, UNIT_NFIELDS values, and the number of (not deleted) cases that
 * point to the unit. Borrowed for the call. Return non-zero to stop. */
typedef int (*unit_row_cb)(void *ud, int64_t id, const char *const *vals, int64_t ncases);

int db_units_count(struct db *db, const struct unit_filter *f, int64_t *n, char **err);
/* One page in pick-list order (the units' own order: data/units.txt's, new units last; then
 * id). limit < 0: all. */
int db_units_page(struct db *db, const struct unit_filter *f, int64_t offset, int limit, unit_row_cb cb, void *ud,
		  char **err);
/* vals: UNIT_NFIELDS new strings (record_free_values(&unit_def, vals)). */
int db_units_get(struct db *db, int64_t id, char ***vals, char **err);
/* A new unit goes to the end of the pick list. A name already used (also by a deleted unit)
 * is refused with its reason. */
int db_units_insert(struct db *db, char *const *vals, int64_t *id, char **err);
int db_units_update(struct db *db, int64_t id, char *const *vals, char **err);
/* Refused while cases or suggestions point to it ("该单位仍有 N 件案件，不能删除"). */
int db_units_delete(struct db *db, int64_t id, char **err);
int db_units_restore(struct db *db, int64_t id, char **err);

/* Every unit (not deleted) for a pick list, in db_units_page's order: id, name and aliases
 * ("" when none). Return non-zero from cb to stop. */
int db_units_names(struct db *db, int (*cb)(void *ud, int64_t id, const char *name, const char *aliases), void *ud,
		   char **err);
/* The id of the unit with exactly this name (not deleted), 0 if none. */
int db_units_find(struct db *db, const char *name, int64_t *id, char **err);

#endif
