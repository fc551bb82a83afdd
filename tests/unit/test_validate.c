/* Unit tests for core/validate: phone numbers, dates as a clerk types them, plain text limits
 * and resident ID numbers. */
#include "core/validate.h"
#include "core/util.h"

#include <locale.h>

#include "t.h"

#define TODAY "2026-11-23"

/* date_parse(IN) with today TODAY must succeed and give WANT. */
#define DATE_IS(in, want)                                                                                              \
	do {                                                                                                           \
		char out_[11] = "";                                                                                    \
		const char *e_ = date_parse(in, TODAY, out_);                                                          \
		if (e_)                                                                                                \
			fprintf(stderr, "  %s:%d: date_parse(\"%s\"): %s\n", __FILE__, __LINE__, in, e_);              \
		CHECK(e_ == NULL);                                                                                     \
		CHECK_STR(out_, want);                                                                                 \
	} while (0)
/* date_parse(IN) must refuse with a message. */
#define DATE_BAD(in)                                                                                                   \
	do {                                                                                                           \
		char out_[11] = "";                                                                                    \
		const char *e_ = date_parse(in, TODAY, out_);                                                          \
		if (!e_)                                                                                               \
			fprintf(stderr, "  %s:%d: date_parse(\"%s\") gave %s\n", __FILE__, __LINE__, in, out_);        \
		CHECK(e_ != NULL && *e_);                                                                              \
	} while (0)

TEST(test_phone_mobile)
{
	CHECK(valid_phone("13812345678") == NULL);
	CHECK(valid_phone("15012345678") == NULL);
	CHECK(valid_phone("16612345678") == NULL);
	CHECK(valid_phone("17712345678") == NULL);
	CHECK(valid_phone("18912345678") == NULL);
	CHECK(valid_phone("19912345678") == NULL);
}

TEST(test_phone_mobile_bad)
{
	CHECK(valid_phone("12812345678") != NULL); /* no 12x mobiles */
	CHECK(valid_phone("11812345678") != NULL);
	CHECK(valid_phone("1381234567") != NULL);   /* 10 digits */
	CHECK(valid_phone("138123456789") != NULL); /* 12 digits */
	CHECK(valid_phone("1381234567a") != NULL);
	CHECK(valid_phone("138-1234-5678") != NULL);
	CHECK(valid_phone("abc") != NULL);
	CHECK(valid_phone("138 1234 5678") != NULL);          /* record_check removes spaces first */
	CHECK(valid_phone("１３８１２３４５６７８") != NULL); /* full-width digits */
}

TEST(test_phone_landline)
{
	CHECK(valid_phone("0371-12345678") == NULL);
	CHECK(valid_phone("010-12345678") == NULL);
	CHECK(valid_phone("0371-1234567") == NULL);
	CHECK(valid_phone("03711234567") == NULL);
	CHECK(valid_phone("01012345678") == NULL);
	CHECK(valid_phone("037112345678") == NULL);
}

TEST(test_phone_extension)
{
	CHECK(valid_phone("0371-12345678-123") == NULL);
	CHECK(valid_phone("010-12345678-1") == NULL);
	CHECK(valid_phone("0371-12345678-123456") == NULL);
	CHECK(valid_phone("0371-12345678-1234567") != NULL); /* extension too long */
	CHECK(valid_phone("0371-12345678-") != NULL);
	CHECK(valid_phone("0371-12345678-12a") != NULL);
}

TEST(test_phone_landline_bad)
{
	const char *e = valid_phone("03-12345678");
	CHECK(e != NULL && strstr(e, "区号"));
	e = valid_phone("037123-1234567");
	CHECK(e != NULL && strstr(e, "区号"));
	CHECK(valid_phone("03a1-12345678") != NULL);
	e = valid_phone("0371-123456"); /* 6 digits */
	CHECK(e != NULL && strstr(e, "7 到 8"));
	CHECK(valid_phone("0371-123456789") != NULL); /* 9 digits */
	CHECK(valid_phone("0371-1234567a") != NULL);
	CHECK(valid_phone("037112345") != NULL);     /* too short without a dash */
	CHECK(valid_phone("0371123456789") != NULL); /* too long without a dash */
	CHECK(valid_phone("1371-12345678") != NULL); /* area code must start with 0 */
}

TEST(test_phone_empty)
{
	CHECK(valid_phone("") == NULL);
	CHECK(valid_phone(NULL) == NULL);
}

TEST(test_date_full_forms)
{
	DATE_IS("2026-11-22", "2026-11-22");
	DATE_IS("2026/11/22", "2026-11-22");
	DATE_IS("2026.11.22", "2026-11-22");
	DATE_IS("20261122", "2026-11-22");
	DATE_IS("2026年11月22日", "2026-11-22");
	DATE_IS("2026年11月22", "2026-11-22");
	DATE_IS("2026-1-5", "2026-01-05");
	DATE_IS("1960-03-08", "1960-03-08");
}

TEST(test_date_short_forms)
{
	DATE_IS("11-22", "2026-11-22");
	DATE_IS("11月22日", "2026-11-22");
	DATE_IS("1/5", "2026-01-05");
	/* The year is today's. */
	char out[11];
	CHECK(date_parse("3-1", "2024-06-01", out) == NULL);
	CHECK_STR(out, "2024-03-01");
	CHECK(date_parse("2-29", "2024-06-01", out) == NULL);
	CHECK_STR(out, "2024-02-29");
	CHECK(date_parse("2-29", "2026-06-01", out) != NULL);
}

TEST(test_date_today_words)
{
	DATE_IS("今天", TODAY);
	DATE_IS("t", TODAY);
	DATE_IS("T", TODAY);
	DATE_IS("昨天", "2026-11-22");
	char out[11];
	CHECK(date_parse("昨天", "2026-01-01", out) == NULL);
	CHECK_STR(out, "2025-12-31");
	CHECK(date_parse("昨天", "2024-03-01", out) == NULL);
	CHECK_STR(out, "2024-02-29");
}

TEST(test_date_spaces_around)
{
	DATE_IS("  2026-11-22  ", "2026-11-22");
	DATE_IS("\t20261122\n", "2026-11-22");
	DATE_IS("　2026年11月22日　", "2026-11-22"); /* full-width spaces */
	DATE_IS(" 今天 ", TODAY);
	DATE_BAD("2026 -11-22");
}

TEST(test_date_leap)
{
	DATE_BAD("2026-02-29");
	DATE_IS("2024-02-29", "2024-02-29");
	DATE_IS("2000-02-29", "2000-02-29");
	DATE_BAD("2100-02-29");
	DATE_BAD("20260229");
}

TEST(test_date_impossible)
{
	DATE_BAD("2026-13-01");
	DATE_BAD("2026-00-10");
	DATE_BAD("2026-04-31");
	DATE_BAD("2026-11-00");
	DATE_BAD("13-01");
	DATE_BAD("20261301");
	DATE_BAD("1899-12-31"); /* outside 1900..2200 */
	char out[11];
	const char *e = date_parse("2026-02-30", TODAY, out);
	CHECK(e != NULL && strstr(e, "没有这一天"));
}

TEST(test_date_garbage)
{
	DATE_BAD("");
	DATE_BAD("   ");
	DATE_BAD("abc");
	DATE_BAD("明天");
	DATE_BAD("2026-11");
	DATE_BAD("2026-11-22x");
	DATE_BAD("2026-11-22-");
	DATE_BAD("2026--11-22");
	DATE_BAD("202-11-22");
	DATE_BAD("2026112");
	DATE_BAD("202611220");
	DATE_BAD("11/22/2026");
	DATE_BAD("2026-111-22");
	DATE_BAD("11");
	DATE_BAD("t2026");
	char out[11];
	CHECK(date_parse(NULL, TODAY, out) != NULL);
}

/* A long input must not be cut to a date that looks fine: garbage after 60 spaces stays garbage. */
TEST(test_date_long_input)
{
	char in[200];
	snprintf(in, sizeof in, "2026-11-22%70s", "x");
	DATE_BAD(in);
	snprintf(in, sizeof in, "%150s", "2026-11-22");
	DATE_IS(in, "2026-11-22"); /* spaces alone are trimmed, however many */
}

/* The same string of n copies of a 3-byte hanzi (张). */
static char *hanzi(int n)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < n; i++)
		sb_add(&sb, "张");
	return sb_take(&sb);
}

TEST(test_text_limit_in_characters)
{
	char *s20 = hanzi(20), *s21 = hanzi(21);
	CHECK(valid_text(s20, 20, false) == NULL); /* 60 bytes, 20 characters */
	const char *e = valid_text(s21, 20, false);
	CHECK(e != NULL && strstr(e, "20"));
	CHECK(valid_text("12345678901234567890", 20, false) == NULL);
	CHECK(valid_text("123456789012345678901", 20, false) != NULL);
	CHECK(valid_text("𠀀𠀀", 2, false) == NULL);
	CHECK(valid_text(s21, 0, false) == NULL); /* 0: no limit */
	free(s20);
	free(s21);
}

TEST(test_text_limit_messages_distinct)
{
	char *s = hanzi(30);
	const char *a = valid_text(s, 20, false);
	const char *b = valid_text(s, 10, false);
	CHECK(a && strstr(a, "20"));
	CHECK(b && strstr(b, "10"));
	CHECK(a && strstr(a, "20")); /* a still says 20 after b was made */
	CHECK(a != b);
	free(s);
}

TEST(test_text_invalid_utf8)
{
	CHECK(valid_text("张\xFF", 20, false) != NULL);
	CHECK(valid_text("\xE5\xBC", 20, true) != NULL);
	CHECK(valid_text("\xC0\x80", 20, false) != NULL);
	CHECK(valid_text("\xED\xA0\x80", 20, false) != NULL);
	const char *e = valid_text("a\xFF", 20, false);
	CHECK(e && strstr(e, "UTF-8"));
}

TEST(test_text_controls)
{
	CHECK(valid_text("张三", 20, false) == NULL);
	CHECK(valid_text("", 20, false) == NULL);
	CHECK(valid_text(NULL, 20, false) == NULL);
	CHECK(valid_text("张\x01三", 20, false) != NULL);
	CHECK(valid_text("张\x7f", 20, false) != NULL);
	CHECK(valid_text("\x1b[31m", 20, true) != NULL);
	CHECK(valid_text("a\xE2\x80\x8B"
			 "b",
			 20, false) != NULL); /* U+200B */
	CHECK(valid_text("\xEF\xBB\xBF"
			 "张三",
			 20, false) != NULL); /* BOM */
	CHECK(valid_text("a\tb", 20, false) != NULL);
}

TEST(test_text_multiline)
{
	CHECK(valid_text("第一行\n第二行", 20, false) != NULL);
	CHECK(valid_text("第一行\n第二行", 20, true) == NULL);
	CHECK(valid_text("a\tb", 20, true) == NULL); /* tabs are fine in a memo */
	CHECK(valid_text("a\rb", 20, true) != NULL);
	CHECK(valid_text("a\x01"
			 "b",
			 20, true) != NULL);
}

/* The check character of the first 17 digits of an ID number. */
static char id_check(const char *s17)
{
	static const int w[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* An 18-character ID from 17 digits and the right check character. */
static void make_id(const char *s17, char out[19])
{
	memcpy(out, s17, 17);
	out[17] = id_check(s17);
	out[18] = '\0';
}

TEST(test_id_known)
{
	/* The sample number of GB 11643-1999. */
	CHECK_INT(id_check("11010519491231002"), 'X');
	CHECK(valid_id_number("11010519491231002X") == NULL);
	CHECK(valid_id_number("11010519491231002x") == NULL);
	CHECK(valid_id_number("") == NULL);
	CHECK(valid_id_number(NULL) == NULL);
}

TEST(test_id_computed)
{
	char id[19];
	make_id("41010219800101125", id);
	CHECK(id[17] != 'X'); /* a digit check this time */
	CHECK(valid_id_number(id) == NULL);
	make_id("41010220000229001", id); /* a leap day */
	CHECK(valid_id_number(id) == NULL);
}

TEST(test_id_wrong_check)
{
	char id[19];
	make_id("41010219800101125", id);
	for (const char *c = "0123456789X"; *c; c++) {
		if (*c == id[17])
			continue;
		char bad[19];
		memcpy(bad, id, 19);
		bad[17] = *c;
		const char *e = valid_id_number(bad);
		CHECK(e != NULL && strstr(e, "校验"));
	}
	CHECK(valid_id_number("11010519491231002 ") != NULL);
	CHECK(valid_id_number("110105194912310029") != NULL); /* needs X */
}

TEST(test_id_shape)
{
	CHECK(valid_id_number("11010519491231002") != NULL);   /* 17 */
	CHECK(valid_id_number("11010519491231002X1") != NULL); /* 19 */
	CHECK(valid_id_number("1101051949123100XX") != NULL);
	CHECK(valid_id_number("110105194912310") != NULL); /* old 15-digit form */
	CHECK(valid_id_number("X10105194912310021") != NULL);
	const char *e = valid_id_number("abc");
	CHECK(e && strstr(e, "18"));
}

TEST(test_id_bad_birth_date)
{
	char id[19];
	const char *e;
	make_id("41010219800230123", id); /* 1980-02-30 */
	e = valid_id_number(id);
	CHECK(e != NULL && strstr(e, "出生日期"));
	make_id("41010219801301123", id); /* month 13 */
	CHECK(valid_id_number(id) != NULL);
	make_id("41010218991231123", id); /* before 1900 */
	CHECK(valid_id_number(id) != NULL);
	make_id("41010220010229123", id); /* 2001 is not a leap year */
	CHECK(valid_id_number(id) != NULL);
}

TEST(test_date_real)
{
	CHECK(date_real(2024, 2, 29));
	CHECK(!date_real(2023, 2, 29));
	CHECK(date_real(2000, 2, 29));
	CHECK(!date_real(1900, 2, 29));
	CHECK(date_real(1900, 1, 1));
	CHECK(date_real(2200, 12, 31));
	CHECK(!date_real(2201, 1, 1));
	CHECK(!date_real(2026, 12, 32));
	CHECK(!date_real(2026, 0, 1));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_phone_mobile);
	RUN(test_phone_mobile_bad);
	RUN(test_phone_landline);
	RUN(test_phone_extension);
	RUN(test_phone_landline_bad);
	RUN(test_phone_empty);
	RUN(test_date_full_forms);
	RUN(test_date_short_forms);
	RUN(test_date_today_words);
	RUN(test_date_spaces_around);
	RUN(test_date_leap);
	RUN(test_date_impossible);
	RUN(test_date_garbage);
	RUN(test_date_long_input);
	RUN(test_text_limit_in_characters);
	RUN(test_text_limit_messages_distinct);
	RUN(test_text_invalid_utf8);
	RUN(test_text_controls);
	RUN(test_text_multiline);
	RUN(test_id_known);
	RUN(test_id_computed);
	RUN(test_id_wrong_check);
	RUN(test_id_shape);
	RUN(test_id_bad_birth_date);
	RUN(test_date_real);
	return t_done();
}
