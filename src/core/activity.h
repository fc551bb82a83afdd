/* 代表活动: the kinds of activity, and the entries of the yearly activity plan (年度活动计划). */
#ifndef STATION_ACTIVITY_H
#define STATION_ACTIVITY_H

#include "core/record.h"

/* The kinds of activity, as stored in activities.type and activity_plans.type; NULL-ended. */
extern const char *const activity_types[];

/* Field indexes into plan values; keep in the order of plan_fields in activity.c. */
enum plan_field {
	PLAN_YEAR,  /* 年度: required, 2000..2100 */
	PLAN_MONTH, /* 月份: required, 1..12 */
	PLAN_TYPE,  /* 类型: one of activity_types, required */
	PLAN_THEME, /* 主题: required, at most 60 characters */
	PLAN_NOTE,  /* 备注 */
	PLAN_NFIELDS
};

extern const struct record_def plan_def;

#endif
