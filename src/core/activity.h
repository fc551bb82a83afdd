/* 代表活动: the kinds of activity, the fields of an activity record (代表活动记录簿; the
 * 学习培训记录簿 is the same records of type 学习培训), its sign-in statuses and the rules about
 * them (a future date, a deputy who left, the quarter's minimum), and the entries of the yearly
 * activity plan (年度活动计划). No I/O: the db and ui layers call these. */
#ifndef STATION_ACTIVITY_H
#define STATION_ACTIVITY_H

#include "core/record.h"

#include <stdbool.h>

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

/* The kind of the 学习培训记录簿 (one of activity_types). */
#define ACTIVITY_TRAINING "学习培训"

/* Field indexes into activity values; keep in the order of activity_fields in activity.c. */
enum activity_field {
	AV_TYPE,        /* 类型: one of activity_types, required */
	AV_TOPIC,       /* 主题: required, at most 60 characters */
	AV_DATE,        /* 日期: required, not after today (activity_date_refusal) */
	AV_TIME,        /* 时间: free text such as 09:00-11:30, at most 20 characters */
	AV_PLACE,       /* 地点 */
	AV_ORGANIZER,   /* 组织单位 */
	AV_CONTENT,     /* 内容: multi-line */
	AV_OUTCOME,     /* 成效: multi-line */
	AV_SUGGESTIONS, /* 形成意见建议数: 0..9999, default 0 */
	AV_NFIELDS
};

extern const struct record_def activity_def;

/* Sign-in statuses, as stored in attendance.status; NULL-ended. Index = enum attend_status. */
extern const char *const attend_statuses[];
enum attend_status {
	ATTEND_NONE = -1, /* not on the sign-in sheet */
	ATTEND_PRESENT,   /* 出席 */
	ATTEND_LEAVE,     /* 请假 */
	ATTEND_ABSENT,    /* 缺席 */
};
/* The index of a status label, or ATTEND_NONE. */
int attend_status_find(const char *label);

/* An activity is recorded once it has been held: a date after today is refused (planned
 * activities belong in the 年度活动计划). Returns NULL or a static Chinese message. */
const char *activity_date_refusal(const char *date, const char *today);

/* What the sign-in rule needs of a deputy. */
struct attendee {
	const char *name;
	const char *status;    /* deputies.status: 在任 / 离任 */
	const char *join_date; /* deputies.join_date (进站日期), "" if unknown */
	bool deleted;
	bool was_signed; /* already on this activity's sheet before this save */
};
/* May this deputy be on the sign-in sheet of an activity held on date? There is no 离任日期:
 * a deputy who left (离任) or was deleted is refused unless already on the sheet (signed in
 * while in office: the line is kept and may be changed); a deputy whose 进站日期 is after the
 * activity was not at the station yet. Returns NULL or a new Chinese message naming the deputy. */
char *activity_attendee_refusal(const struct attendee *a, const char *date);

/* The first and last day of the quarter of date (ISO). Returns the quarter, 1..4. */
int activity_quarter(const char *date, char from[11], char to[11]);
/* The home screen's warning when the quarter of today has fewer than min activities (held),
 * or NULL (min 0 never warns). New string. */
char *activity_quarter_warning(const char *today, long long held, int min);

#endif
