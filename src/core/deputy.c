/* 代表名册: the fields of a deputy as DESIGN §3 lists them. */
#include "core/deputy.h"

#include "core/util.h"

#include <string.h>

const char *const deputy_levels[] = { "全国", "省", "市", "县", "乡镇", NULL };
static const char *const genders[] = { "男", "女", NULL };
static const char *const statuses[] = { "在任", "离任", NULL };
static const char *const parties[] = { "中共党员", "中共预备党员", "共青团员",   "民革党员",   "民盟盟员",
				       "民建会员", "民进会员",     "农工党党员", "致公党党员", "九三学社社员",
				       "台盟盟员", "无党派人士",   "群众",       NULL };
static const char *const ethnicities[] = { "汉族",   "壮族",   "回族",   "满族",     "维吾尔族", "苗族", "彝族",
					   "土家族", "藏族",   "蒙古族", "侗族",     "布依族",   "瑶族", "白族",
					   "朝鲜族", "哈尼族", "黎族",   "哈萨克族", "傣族",     "畲族", NULL };

static const struct field_def deputy_fields[DEP_NFIELDS] = {
	[DEP_NAME] = { .col = "name", .label = "姓名", .kind = FK_TEXT, .max_chars = 20, .required = true },
	[DEP_GENDER] = { .col = "gender", .label = "性别", .kind = FK_CHOICE, .choices = genders, .required = true },
	[DEP_ETHNICITY] = { .col = "ethnicity",
			    .label = "民族",
			    .kind = FK_CHOICE,
			    .choices = ethnicities,
			    .choice_open = true,
			    .max_chars = 10,
			    .def = "汉族" },
	[DEP_BIRTH_DATE] = { .col = "birth_date", .label = "出生日期", .kind = FK_DATE, .personal = true },
	[DEP_LEVEL] = { .col = "level",
			.label = "层级",
			.kind = FK_CHOICE,
			.choices = deputy_levels,
			.required = true },
	[DEP_CARD_NO] = { .col = "card_no", .label = "代表证号", .kind = FK_TEXT, .max_chars = 30 },
	[DEP_TERM] = { .col = "term", .label = "届次", .kind = FK_TEXT, .max_chars = 20 },
	[DEP_CONSTITUENCY] = { .col = "constituency", .label = "选区", .kind = FK_TEXT, .max_chars = 50 },
	[DEP_WORK_UNIT] = { .col = "work_unit", .label = "工作单位及职务", .kind = FK_TEXT, .max_chars = 60 },
	[DEP_PARTY] = { .col = "party",
			.label = "政治面貌",
			.kind = FK_CHOICE,
			.choices = parties,
			.choice_open = true,
			.max_chars = 20 },
	[DEP_PHONE] = { .col = "phone", .label = "联系电话", .kind = FK_PHONE, .max_chars = 20, .personal = true },
	[DEP_GROUP] = { .col = "group_name", .label = "专业小组", .kind = FK_TEXT, .max_chars = 30 },
	[DEP_STATUS] = { .col = "status",
			 .label = "状态",
			 .kind = FK_CHOICE,
			 .choices = statuses,
			 .required = true,
			 .def = "在任" },
	[DEP_JOIN_DATE] = { .col = "join_date", .label = "进站日期", .kind = FK_DATE },
	[DEP_NOTE] = { .col = "note", .label = "备注", .kind = FK_MEMO, .max_chars = 500, .list_hide = true },
};

/* Cross-field checks: born before joining the station, and not in the future is left to dates. */
static int deputy_check(char **val, const char **msgs)
{
	const char *b = val[DEP_BIRTH_DATE], *j = val[DEP_JOIN_DATE];
	if (!str_empty(b) && !str_empty(j) && strcmp(b, j) >= 0) {
		msgs[DEP_JOIN_DATE] = "进站日期应晚于出生日期";
		return 1;
	}
	return 0;
}

const struct record_def deputy_def = {
	.table = "deputies",
	.title = "代表",
	.fields = deputy_fields,
	.nfields = DEP_NFIELDS,
	.check = deputy_check,
};
