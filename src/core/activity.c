/* 代表活动: kinds and the yearly plan's fields (see activity.h). */
#include "core/activity.h"

#include <stddef.h>

const char *const activity_types[] = { "学习培训", "视察",     "调研",         "执法检查", "代表小组活动", "接待选民",
				       "宣传宣讲", "述职评议", "化解矛盾纠纷", "办实事",   "其他",         NULL };

static const struct field_def plan_fields[PLAN_NFIELDS] = {
	[PLAN_YEAR] = { .col = "year", .label = "年度", .kind = FK_INT, .required = true, .min = 2000, .max = 2100 },
	[PLAN_MONTH] = { .col = "month", .label = "月份", .kind = FK_INT, .required = true, .min = 1, .max = 12 },
	[PLAN_TYPE] = { .col = "type", .label = "类型", .kind = FK_CHOICE, .choices = activity_types, .required = true },
	[PLAN_THEME] = { .col = "theme", .label = "主题", .kind = FK_TEXT, .max_chars = 60, .required = true },
	[PLAN_NOTE] = { .col = "note", .label = "备注", .kind = FK_TEXT, .max_chars = 200 },
};

const struct record_def plan_def = {
	.table = "activity_plans",
	.title = "活动计划",
	.fields = plan_fields,
	.nfields = PLAN_NFIELDS,
};
