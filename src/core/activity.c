/* 代表活动: kinds, the activity record and its rules, and the yearly plan's fields (see
 * activity.h). */
#include "core/activity.h"

#include "core/clock.h"
#include "core/util.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *const activity_types[] = { "学习培训", "视察",     "调研",         "执法检查", "代表小组活动", "接待选民",
				       "宣传宣讲", "述职评议", "化解矛盾纠纷", "办实事",   "督查",         "其他", NULL };

static const struct field_def plan_fields[PLAN_NFIELDS] = {
	[PLAN_YEAR] = { .col = "year", .label = "年度", .kind = FK_INT, .required = true, .min = 2000, .max = 2100 },
	[PLAN_MONTH] = { .col = "month", .label = "月份", .kind = FK_INT, .required = true, .min = 1, .max = 12 },
	[PLAN_TYPE] = { .col = "type",
			.label = "类型",
			.kind = FK_CHOICE,
			.choices = activity_types,
			.required = true },
	[PLAN_THEME] = { .col = "theme", .label = "主题", .kind = FK_TEXT, .max_chars = 60, .required = true },
	[PLAN_NOTE] = { .col = "note", .label = "备注", .kind = FK_TEXT, .max_chars = 200 },
};

const struct record_def plan_def = {
	.table = "activity_plans",
	.title = "活动计划",
	.fields = plan_fields,
	.nfields = PLAN_NFIELDS,
};

static const struct field_def activity_fields[AV_NFIELDS] = {
	[AV_TYPE] = { .col = "type", .label = "类型", .kind = FK_CHOICE, .choices = activity_types, .required = true },
	[AV_TOPIC] = { .col = "topic", .label = "主题", .kind = FK_TEXT, .max_chars = 60, .required = true },
	[AV_DATE] = { .col = "date", .label = "日期", .kind = FK_DATE, .required = true, .def = "今天" },
	[AV_TIME] = { .col = "time", .label = "时间", .kind = FK_TEXT, .max_chars = 20, .list_hide = true },
	[AV_PLACE] = { .col = "place", .label = "地点", .kind = FK_TEXT, .max_chars = 40 },
	[AV_ORGANIZER] = { .col = "organizer",
			   .label = "组织单位",
			   .kind = FK_TEXT,
			   .max_chars = 40,
			   .list_hide = true },
	[AV_CONTENT] = { .col = "content", .label = "内容", .kind = FK_MEMO, .max_chars = 2000, .list_hide = true },
	[AV_OUTCOME] = { .col = "outcome", .label = "成效", .kind = FK_MEMO, .max_chars = 500, .list_hide = true },
	[AV_SUGGESTIONS] = { .col = "suggestions",
			     .label = "形成意见建议数",
			     .kind = FK_INT,
			     .min = 0,
			     .max = 9999,
			     .def = "0" },
};

const struct record_def activity_def = {
	.table = "activities",
	.title = "活动",
	.fields = activity_fields,
	.nfields = AV_NFIELDS,
};

const char *const attend_statuses[] = { "出席", "请假", "缺席", NULL };

int attend_status_find(const char *label)
{
	for (int i = 0; label && attend_statuses[i]; i++)
		if (!strcmp(label, attend_statuses[i]))
			return i;
	return ATTEND_NONE;
}

const char *activity_date_refusal(const char *date, const char *today)
{
	if (date && today && date_weekday(date) && strcmp(date, today) > 0)
		return "活动日期在今天之后：记录簿只登记已经举行的活动，计划中的活动请记入年度活动计划";
	return NULL;
}

char *activity_attendee_refusal(const struct attendee *a, const char *date)
{
	if (a->was_signed)
		return NULL;
	if (a->deleted)
		return xasprintf("%s 已从代表名册删除，不能签到", a->name);
	if (a->status && !strcmp(a->status, "离任"))
		return xasprintf("%s 已离任，不能再签到（离任前的签到记录保留）", a->name);
	if (a->join_date && *a->join_date && date && strcmp(a->join_date, date) > 0)
		return xasprintf("%s 的进站日期是 %s，活动（%s）时还没有进站，不能签到", a->name, a->join_date, date);
	return NULL;
}

int activity_quarter(const char *date, char from[11], char to[11])
{
	int y = atoi(date), m = atoi(date + 5);
	int q = (m - 1) / 3 + 1, qm = (q - 1) * 3 + 1;
	char next[11];
	date_format(y, qm, 1, from);
	date_format(q == 4 ? y + 1 : y, q == 4 ? 1 : qm + 3, 1, next);
	date_add_days(next, -1, to);
	return q;
}

char *activity_quarter_warning(const char *today, long long held, int min)
{
	static const char *const names[] = { "", "一", "二", "三", "四" };
	char from[11], to[11];
	if (min <= 0 || held >= min)
		return NULL;
	int q = activity_quarter(today, from, to);
	if (!held)
		return xasprintf("%d 年第%s季度还没有代表活动（每季度至少 %d 次）", atoi(today), names[q], min);
	return xasprintf("%d 年第%s季度代表活动 %lld 次，少于每季度至少 %d 次", atoi(today), names[q], held, min);
}
