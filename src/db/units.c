/* 承办单位 in SQL (see units.h). Skeleton: being implemented. */
#include "db/units.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

const char *const unit_kinds[] = { "镇直", "县直", "村社区", "其他", NULL };

static const struct field_def unit_fields[UNIT_NFIELDS] = {
	[UNIT_NAME] = { .col = "name", .label = "单位名称", .kind = FK_TEXT, .max_chars = 40, .required = true },
	[UNIT_KIND] = { .col = "kind", .label = "类别", .kind = FK_CHOICE, .choices = unit_kinds, .required = true,
		.def = "其他" },
	[UNIT_CONTACT] = { .col = "contact", .label = "联系人", .kind = FK_TEXT, .max_chars = 20 },
	[UNIT_PHONE] = { .col = "phone", .label = "联系电话", .kind = FK_PHONE, .max_chars = 20 },
};

const struct record_def unit_def = {
	.table = "units",
	.title = "承办单位",
	.fields = unit_fields,
	.nfields = UNIT_NFIELDS,
};

static int units_todo(char **err)
{
	return db_fail_msg(err, "尚未实现");
}

int db_units_count(struct db *db, const struct unit_filter *f, int64_t *n, char **err)
{
	(void)db, (void)f;
	*n = 0;
	return units_todo(err);
}

int db_units_page(struct db *db, const struct unit_filter *f, int64_t offset, int limit, unit_row_cb cb, void *ud,
		  char **err)
{
	(void)db, (void)f, (void)offset, (void)limit, (void)cb, (void)ud;
	return units_todo(err);
}

int db_units_get(struct db *db, int64_t id, char ***vals, char **err)
{
	return db_rec_get(db, &unit_def, id, vals, err);
}

int db_units_insert(struct db *db, char *const *vals, int64_t *id, char **err)
{
	return db_rec_insert(db, &unit_def, NULL, vals, id, err);
}

int db_units_update(struct db *db, int64_t id, char *const *vals, char **err)
{
	return db_rec_update(db, &unit_def, NULL, id, vals, err);
}

int db_units_delete(struct db *db, int64_t id, char **err)
{
	(void)db, (void)id;
	return units_todo(err);
}

int db_units_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &unit_def, id, false, err);
}

int db_units_names(struct db *db, int (*cb)(void *ud, int64_t id, const char *name), void *ud, char **err)
{
	(void)db, (void)cb, (void)ud;
	return units_todo(err);
}

int db_units_find(struct db *db, const char *name, int64_t *id, char **err)
{
	(void)db, (void)name;
	*id = 0;
	return units_todo(err);
}
