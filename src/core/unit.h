/* 承办单位 (the units cases and suggestions are handed to): fields and choices. The register's
 * SQL is in db/units.c; its screen in ui/units.c. */
#ifndef STATION_UNIT_H
#define STATION_UNIT_H

#include "core/record.h"

/* Field indexes into unit values; keep in the order of unit_fields in unit.c. */
enum unit_field {
	UNIT_NAME,    /* 单位名称: required, at most 40 characters, unique */
	UNIT_KIND,    /* 类别: 镇直/县直/村社区/其他 (default 其他) */
	UNIT_CONTACT, /* 联系人 */
	UNIT_PHONE,   /* 联系电话 */
	UNIT_ALIASES, /* 简称: other names the unit is found by in pick lists and choice fields,
		       * separated by 、 (城管、城管局 for 县城市管理局); optional */
	UNIT_NFIELDS
};

extern const struct record_def unit_def;
/* "镇直", "县直", "村社区", "其他", NULL. */
extern const char *const unit_kinds[];

#endif
