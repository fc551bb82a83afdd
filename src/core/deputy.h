/* The deputy roster (代表名册): fields, choices and checks. */
#ifndef STATION_DEPUTY_H
#define STATION_DEPUTY_H

#include "core/record.h"

#include <stdbool.h>
#include <stdint.h>

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

/* What a pick list needs of one deputy: a row of db_deputies_briefs(). Strings are owned
 * ("" when empty, never NULL); free an array with deputy_briefs_free(). */
struct deputy_brief {
	int64_t id;
	char *name;
	char *level;
	char *unit;    /* 工作单位及职务 */
	char *card_no; /* 代表证号 */
	char *status;  /* 在任 / 离任 */
	bool deleted;
};
void deputy_briefs_free(struct deputy_brief *v, int n);

/* How much of a deputy a label says (enum deputy_detail, each adding to the one before). */
enum deputy_detail {
	DEPUTY_NAME,  /* 张三 */
	DEPUTY_PLACE, /* 张三（县，城关镇人民政府） */
	DEPUTY_CARD, /* 张三（县，城关镇人民政府，代表证号 3201）: the card number when there is one */
	DEPUTY_ID,   /* 张三（县，城关镇人民政府，编号 12）: the record id, always distinct */
};

/* The label of a deputy in pick lists and choice fields, the one format of every screen: the
 * name with as much detail as asked; "（离任）" for one who left, "（已删除）" for a deleted
 * one. The parts are cleaned of separators of multi values (record_multi_clean), so a label is
 * never split. New string. */
char *deputy_label(const struct deputy_brief *d, enum deputy_detail detail);
/* Labels of n deputies, each unique in the list: the name alone when no other deputy of the list
 * (deleted ones aside) has it; else place (level, unit); then the card number; then the id — the
 * least detail that tells them apart. New array of n new strings (str_free_array(v, n)). */
char **deputy_labels(const struct deputy_brief *v, int n);

#endif
