/* The deputy roster (代表名册): fields, choices and checks. */
#ifndef STATION_DEPUTY_H
#define STATION_DEPUTY_H

#include "core/record.h"

/* Field indexes into deputy values; keep in the order of deputy_fields in deputy.c. */
enum deputy_field {
	DEP_NAME,
	DEP_GENDER,
	DEP_ETHNICITY,
	DEP_BIRTH_DATE,
	DEP_LEVEL,
	DEP_CARD_NO,
	DEP_TERM,
	DEP_CONSTITUENCY,
	DEP_WORK_UNIT,
	DEP_PARTY,
	DEP_PHONE,
	DEP_GROUP,
	DEP_STATUS,
	DEP_JOIN_DATE,
	DEP_NOTE,
	DEP_NFIELDS
};

extern const struct record_def deputy_def;
/* The five levels of people's congress, highest first. */
extern const char *const deputy_levels[];

#endif
