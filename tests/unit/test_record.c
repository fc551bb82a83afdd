/* Unit tests for core/record on the deputy roster (deputy_def): required fields, choices,
 * normalisation in place, cross-field checks, messages, and value arrays. */
#include "core/deputy.h"
#include "core/record.h"
#include "core/util.h"

#include <locale.h>

#include "t.h"

#define TODAY "2026-11-23"

/* A deputy that passes every check; the caller frees it with record_free_values. */
static char **good_deputy(void)
{
	char **v = record_new_values(&deputy_def, TODAY);
	str_set(&v[DEP_NAME], "张三");
	str_set(&v[DEP_GENDER], "男");
	str_set(&v[DEP_LEVEL], "县");
	str_set(&v[DEP_BIRTH_DATE], "1970-05-01");
	str_set(&v[DEP_JOIN_DATE], "2022-01-10");
	str_set(&v[DEP_PHONE], "13812345678");
	return v;
}

/* record_check on v; returns the number of bad fields and fills msgs. */
static int check(char **v, const char **msgs)
{
	for (int i = 0; i < DEP_NFIELDS; i++)
		msgs[i] = "not set";
	return record_check(&deputy_def, v, TODAY, msgs);
}

TEST(test_good_deputy)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	CHECK_INT(check(v, msgs), 0);
	for (int i = 0; i < DEP_NFIELDS; i++)
		CHECK(msgs[i] == NULL);
	record_free_values(&deputy_def, v);
}

TEST(test_required_missing)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_NAME], "");
	str_set(&v[DEP_GENDER], "");
	str_set(&v[DEP_LEVEL], "   "); /* only spaces is empty too */
	CHECK_INT(check(v, msgs), 3);
	CHECK(msgs[DEP_NAME] && strstr(msgs[DEP_NAME], "必填"));
	CHECK(msgs[DEP_GENDER] && strstr(msgs[DEP_GENDER], "必填"));
	CHECK(msgs[DEP_LEVEL] && strstr(msgs[DEP_LEVEL], "必填"));
	CHECK(msgs[DEP_ETHNICITY] == NULL);
	CHECK(msgs[DEP_PHONE] == NULL);
	CHECK(msgs[DEP_JOIN_DATE] == NULL);
	record_free_values(&deputy_def, v);
}

TEST(test_optional_empty_ok)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_PHONE], "");
	str_set(&v[DEP_BIRTH_DATE], "");
	str_set(&v[DEP_ETHNICITY], "");
	str_set(&v[DEP_PARTY], "");
	CHECK_INT(check(v, msgs), 0);
	record_free_values(&deputy_def, v);
}

TEST(test_bad_choice)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_GENDER], "公");
	CHECK_INT(check(v, msgs), 1);
	CHECK_STR(msgs[DEP_GENDER], "应为以下之一：男/女");
	CHECK_STR(v[DEP_GENDER], "公"); /* left as typed */
	str_set(&v[DEP_GENDER], "女");
	str_set(&v[DEP_LEVEL], "村");
	CHECK_INT(check(v, msgs), 1);
	CHECK_STR(msgs[DEP_LEVEL], "应为以下之一：全国/省/市/县/乡镇");
	record_free_values(&deputy_def, v);
}

TEST(test_choice_spellings)
{
	/* The usual other spellings are understood and stored as the one choice. */
	static const char *const cases[][3] = {
		{ "县级", "县" },     { "区级", "县" },         { "区", "县" },
		{ "乡镇级", "乡镇" }, { "镇", "乡镇" },         { "全国人大代表", "全国" },
		{ "省级", "省" },     { "市级人大代表", "市" }, { " 县 ", "县" },
	};
	const char *msgs[DEP_NFIELDS];
	for (size_t k = 0; k < ARRAY_LEN(cases); k++) {
		char **v = good_deputy();
		str_set(&v[DEP_LEVEL], cases[k][0]);
		CHECK_INT(check(v, msgs), 0);
		CHECK_STR(v[DEP_LEVEL], cases[k][1]);
		CHECK_STR(record_choice_value(&deputy_def.fields[DEP_LEVEL], cases[k][0]), cases[k][1]);
		record_free_values(&deputy_def, v);
	}
	char **v = good_deputy();
	str_set(&v[DEP_GENDER], "男性");
	str_set(&v[DEP_ETHNICITY], "汉");
	str_set(&v[DEP_PARTY], "党员");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_GENDER], "男");
	CHECK_STR(v[DEP_ETHNICITY], "汉族");
	CHECK_STR(v[DEP_PARTY], "中共党员");
	record_free_values(&deputy_def, v);
	/* An alias counts only where its choice is: 区 is no gender. */
	CHECK(record_choice_value(&deputy_def.fields[DEP_GENDER], "区") == NULL);
	CHECK(record_choice_value(&deputy_def.fields[DEP_LEVEL], "级") == NULL);
	CHECK(record_choice_value(&deputy_def.fields[DEP_LEVEL], "") == NULL);
}

TEST(test_open_choice)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_ETHNICITY], "鄂温克族"); /* not in the list, still a nationality */
	str_set(&v[DEP_PARTY], "其他");
	CHECK_INT(check(v, msgs), 0);
	CHECK(msgs[DEP_ETHNICITY] == NULL);
	CHECK_STR(v[DEP_ETHNICITY], "鄂温克族");
	record_free_values(&deputy_def, v);
}

TEST(test_date_normalised)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_BIRTH_DATE], "19601122");
	str_set(&v[DEP_JOIN_DATE], " 2026年11月22日 ");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_BIRTH_DATE], "1960-11-22");
	CHECK_STR(v[DEP_JOIN_DATE], "2026-11-22");
	str_set(&v[DEP_JOIN_DATE], "今天");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_JOIN_DATE], TODAY);
	record_free_values(&deputy_def, v);
}

TEST(test_date_bad)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_BIRTH_DATE], "1970-02-30");
	CHECK_INT(check(v, msgs), 1);
	CHECK(msgs[DEP_BIRTH_DATE] != NULL);
	CHECK_STR(v[DEP_BIRTH_DATE], "1970-02-30"); /* left as typed */
	record_free_values(&deputy_def, v);
}

TEST(test_phone_spaces_removed)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_PHONE], " 138 1234 5678 ");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_PHONE], "13812345678");
	str_set(&v[DEP_PHONE], "0371 1234 5678");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_PHONE], "037112345678");
	str_set(&v[DEP_PHONE], "138 1234 567");
	CHECK_INT(check(v, msgs), 1);
	CHECK(msgs[DEP_PHONE] != NULL);
	record_free_values(&deputy_def, v);
}

TEST(test_trim)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_NAME], "　张三 "); /* U+3000 before, ASCII space after */
	str_set(&v[DEP_GENDER], " 男\t");
	str_set(&v[DEP_WORK_UNIT], "　　县人民医院　院长　　");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_NAME], "张三");
	CHECK_STR(v[DEP_GENDER], "男");
	CHECK_STR(v[DEP_WORK_UNIT], "县人民医院　院长"); /* inner space kept */
	record_free_values(&deputy_def, v);
}

/* The limit applies to what is stored, i.e. after trimming. */
TEST(test_limit_after_trim)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_NAME], " 一二三四五六七八九十一二三四五六七八九十　");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_NAME], "一二三四五六七八九十一二三四五六七八九十");
	str_set(&v[DEP_NAME], "一二三四五六七八九十一二三四五六七八九十一");
	CHECK_INT(check(v, msgs), 1);
	CHECK(msgs[DEP_NAME] && strstr(msgs[DEP_NAME], "20"));
	record_free_values(&deputy_def, v);
}

TEST(test_memo_multiline)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_NOTE], "第一行\n第二行");
	CHECK_INT(check(v, msgs), 0);
	CHECK_STR(v[DEP_NOTE], "第一行\n第二行");
	str_set(&v[DEP_WORK_UNIT], "县医院\n院长"); /* one-line field */
	CHECK_INT(check(v, msgs), 1);
	CHECK(msgs[DEP_WORK_UNIT] != NULL);
	record_free_values(&deputy_def, v);
}

TEST(test_birth_after_join)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_BIRTH_DATE], "2000-01-01");
	str_set(&v[DEP_JOIN_DATE], "1990-01-01");
	CHECK_INT(check(v, msgs), 1);
	CHECK(msgs[DEP_BIRTH_DATE] == NULL);
	CHECK_STR(msgs[DEP_JOIN_DATE], "进站日期应晚于出生日期");
	/* Typed in other forms: compared after normalisation. */
	str_set(&v[DEP_BIRTH_DATE], "20000101");
	str_set(&v[DEP_JOIN_DATE], "1999/12/31");
	CHECK_INT(check(v, msgs), 1);
	CHECK(msgs[DEP_JOIN_DATE] != NULL);
	str_set(&v[DEP_JOIN_DATE], "2020-01-01");
	CHECK_INT(check(v, msgs), 0);
	CHECK(msgs[DEP_JOIN_DATE] == NULL);
	record_free_values(&deputy_def, v);
}

/* Regression: run-time messages once shared one static buffer, so both fields said the last. */
TEST(test_two_messages_differ)
{
	const char *msgs[DEP_NFIELDS];
	char **v = good_deputy();
	str_set(&v[DEP_NAME], "一二三四五六七八九十一二三四五六七八九十一"); /* 21 > 20 */
	str_set(&v[DEP_ETHNICITY], "一二三四五六七八九十一");                /* 11 > 10 */
	CHECK_INT(check(v, msgs), 2);
	CHECK_STR(msgs[DEP_NAME], "内容过长：最多 20 个字");
	CHECK_STR(msgs[DEP_ETHNICITY], "内容过长：最多 10 个字");
	record_free_values(&deputy_def, v);
}

/* FK_INT bounds messages are built at run time too. */
static const struct field_def int_fields[] = {
	{ .col = "age", .label = "年龄", .kind = FK_INT, .min = 18, .max = 120 },
	{ .col = "term", .label = "届", .kind = FK_INT, .min = 1, .max = 20 },
};
static const struct record_def int_def = { .table = "t", .title = "t", .fields = int_fields, .nfields = 2 };

TEST(test_int_fields)
{
	const char *msgs[2];
	char **v = record_new_values(&int_def, TODAY);
	str_set(&v[0], " 45 ");
	str_set(&v[1], "14");
	CHECK_INT(record_check(&int_def, v, TODAY, msgs), 0);
	CHECK_STR(v[0], "45");
	str_set(&v[0], "5");
	str_set(&v[1], "99");
	CHECK_INT(record_check(&int_def, v, TODAY, msgs), 2);
	CHECK_STR(msgs[0], "应在 18 到 120 之间");
	CHECK_STR(msgs[1], "应在 1 到 20 之间");
	str_set(&v[0], "四十");
	str_set(&v[1], "3x");
	CHECK_INT(record_check(&int_def, v, TODAY, msgs), 2);
	CHECK_STR(msgs[0], "应为整数（18 到 120）");
	CHECK_STR(msgs[1], "应为整数（1 到 20）");
	record_free_values(&int_def, v);
}

TEST(test_new_values_defaults)
{
	char **v = record_new_values(&deputy_def, TODAY);
	CHECK_STR(v[DEP_STATUS], "在任");
	CHECK_STR(v[DEP_ETHNICITY], "汉族");
	CHECK_STR(v[DEP_NAME], "");
	CHECK_STR(v[DEP_JOIN_DATE], "");
	for (int i = 0; i < DEP_NFIELDS; i++)
		CHECK(v[i] != NULL);
	record_free_values(&deputy_def, v);
}

TEST(test_new_values_today_default)
{
	static const struct field_def f[] = {
		{ .col = "day", .label = "日期", .kind = FK_DATE, .def = "今天" },
		{ .col = "what", .label = "事项", .kind = FK_TEXT, .def = "今天" }, /* text: literal */
	};
	static const struct record_def d = { .table = "t", .title = "t", .fields = f, .nfields = 2 };
	char **v = record_new_values(&d, TODAY);
	CHECK_STR(v[0], TODAY);
	CHECK_STR(v[1], "今天");
	record_free_values(&d, v);
}

TEST(test_field_index)
{
	CHECK_INT(record_field_index(&deputy_def, "name"), DEP_NAME);
	CHECK_INT(record_field_index(&deputy_def, "phone"), DEP_PHONE);
	CHECK_INT(record_field_index(&deputy_def, "note"), DEP_NOTE);
	CHECK_INT(record_field_index(&deputy_def, "nope"), -1);
	CHECK_INT(deputy_def.nfields, DEP_NFIELDS);
}

TEST(test_values_differ)
{
	char **a = good_deputy();
	char **b = record_copy_values(&deputy_def, a);
	CHECK(!record_values_differ(&deputy_def, a, b));
	str_set(&b[DEP_NOTE], "x");
	CHECK(record_values_differ(&deputy_def, a, b));
	str_set(&b[DEP_NOTE], "");
	CHECK(!record_values_differ(&deputy_def, a, b));
	str_set(&b[DEP_NAME], "张三 "); /* a trailing space is a difference */
	CHECK(record_values_differ(&deputy_def, a, b));
	record_free_values(&deputy_def, a);
	record_free_values(&deputy_def, b);
}

TEST(test_copy_independent)
{
	char **a = good_deputy();
	char **b = record_copy_values(&deputy_def, a);
	for (int i = 0; i < DEP_NFIELDS; i++) {
		CHECK(a[i] != b[i]);
		CHECK_STR(b[i], a[i]);
	}
	str_set(&b[DEP_NAME], "李四");
	b[DEP_GENDER][0] = 'x'; /* write into the copy's own bytes */
	CHECK_STR(a[DEP_NAME], "张三");
	CHECK_STR(a[DEP_GENDER], "男");
	record_free_values(&deputy_def, a);
	CHECK_STR(b[DEP_LEVEL], "县"); /* still usable after the original is freed */
	record_free_values(&deputy_def, b);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_good_deputy);
	RUN(test_required_missing);
	RUN(test_optional_empty_ok);
	RUN(test_bad_choice);
	RUN(test_choice_spellings);
	RUN(test_open_choice);
	RUN(test_date_normalised);
	RUN(test_date_bad);
	RUN(test_phone_spaces_removed);
	RUN(test_trim);
	RUN(test_limit_after_trim);
	RUN(test_memo_multiline);
	RUN(test_birth_after_join);
	RUN(test_two_messages_differ);
	RUN(test_int_fields);
	RUN(test_new_values_defaults);
	RUN(test_new_values_today_default);
	RUN(test_field_index);
	RUN(test_values_differ);
	RUN(test_copy_independent);
	return t_done();
}
