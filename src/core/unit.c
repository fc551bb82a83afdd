/* 承办单位: the register's fields (see unit.h). */
#include "core/unit.h"

#include <stddef.h>

const char *const unit_kinds[] = { "镇直", "县直", "村社区", "其他", NULL };

static const struct field_def unit_fields[UNIT_NFIELDS] = {
	[UNIT_NAME] = { .col = "name", .label = "单位名称", .kind = FK_TEXT, .max_chars = 40, .required = true },
	[UNIT_KIND] = { .col = "kind",
			.label = "类别",
			.kind = FK_CHOICE,
			.choices = unit_kinds,
			.required = true,
			.def = "其他" },
	[UNIT_CONTACT] = { .col = "contact", .label = "联系人", .kind = FK_TEXT, .max_chars = 20 },
	[UNIT_PHONE] = { .col = "phone", .label = "联系电话", .kind = FK_PHONE, .max_chars = 20 },
	[UNIT_ALIASES] = { .col = "aliases", .label = "简称", .kind = FK_TEXT, .max_chars = 100, .list_hide = true },
};

const struct record_def unit_def = {
	.table = "units",
	.title = "承办单位",
	.fields = unit_fields,
	.nfields = UNIT_NFIELDS,
};
