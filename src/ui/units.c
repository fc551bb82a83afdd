/* 承办单位 as a register screen: filter by name, contact, phone, kind or pinyin initials;
 * the number of cases each unit has; a unit with cases cannot be deleted (the db says why). */
#include "ui/units.h"

#include "core/util.h"
#include "db/units.h"
#include "ui/app.h"
#include "ui/help.h"
#include "ui/register.h"

#include <stdio.h>
#include <stdlib.h>

#define COL_CASES UNIT_NFIELDS /* the extra column after the unit's own fields */

static const struct list_col cols[] = {
	{ "单位名称", 12, 0, ALIGN_LEFT, -1, false, 0 },  { "类别", 6, 6, ALIGN_LEFT, -1, false, 1 },
	{ "联系人", 6, 12, ALIGN_LEFT, -1, false, 2 },    { "联系电话", 12, 16, ALIGN_LEFT, -1, false, 0 },
	{ "案件", 4, 6, ALIGN_RIGHT, -1, false, 0 },
};
static const int col_fields[] = { UNIT_NAME, UNIT_KIND, UNIT_CONTACT, UNIT_PHONE, COL_CASES };

static int units_count(void *st, const char *filter, int64_t *n, char **err)
{
	struct unit_filter f = { .text = filter };
	(void)st;
	return db_units_count(app->db, &f, n, err);
}

struct fwd {
	register_row_cb cb;
	void *ud;
};

/* Pass the unit's values plus its case count as one more value. */
static int units_row(void *ud, int64_t id, const char *const *vals, int64_t ncases)
{
	struct fwd *w = ud;
	const char *v[UNIT_NFIELDS + 1];
	char n[24];
	for (int i = 0; i < UNIT_NFIELDS; i++)
		v[i] = vals[i];
	snprintf(n, sizeof n, "%lld", (long long)ncases);
	v[COL_CASES] = n;
	return w->cb(w->ud, id, v);
}

static int units_page(void *st, const char *filter, int sort_field, bool desc, int64_t offset, int limit,
		      register_row_cb cb, void *ud, char **err)
{
	struct unit_filter f = { .text = filter };
	struct fwd w = { cb, ud };
	(void)st;
	(void)sort_field;
	(void)desc;
	return db_units_page(app->db, &f, offset, limit, units_row, &w, err);
}

static int units_get(int64_t id, char ***vals, char **err) { return db_units_get(app->db, id, vals, err); }
static int units_insert(char *const *vals, int64_t *id, char **err) { return db_units_insert(app->db, vals, id, err); }
static int units_update(int64_t id, char *const *vals, char **err) { return db_units_update(app->db, id, vals, err); }
static int units_remove(int64_t id, char **err) { return db_units_delete(app->db, id, err); }

const struct help_page units_help = {
	.id = "units",
	.title = "承办单位",
	.note = "交办意见建议和代表建议的单位（镇直、县直、村社区）及其联系人"
		 "、简称。交办时可输入简称选单位；仍有案件的单位不能删除。",
	.keys = NULL,
	.flags = HELP_LIST | HELP_REGISTER | HELP_REMOVE | HELP_HISTORY,
};

static const struct register_desc units = {
	.help = &units_help,
	.def = &unit_def,
	.title = "承办单位",
	.cols = cols,
	.ncols = (int)ARRAY_LEN(cols),
	.col_fields = col_fields,
	.name_field = UNIT_NAME,
	.count = units_count,
	.page = units_page,
	.get = units_get,
	.insert = units_insert,
	.update = units_update,
	.remove = units_remove,
	.delete_detail = "仍有案件的单位不能删除",
};

void units_push(void) { register_push(&units); }
