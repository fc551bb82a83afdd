/* Unit tests for core/text: UTF-8 validation and decoding, display widths (CJK = 2 columns),
 * fitting text to a cell, the characters a field accepts, and wrapping. */
#include "core/text.h"
#include "core/util.h"

#include <locale.h>

#include "t.h"

/* text_fit(IN, COLS, ALIGN, ELL) must equal WANT. */
#define FIT_IS(in, cols, align, ell, want)                                                                             \
	do {                                                                                                           \
		char *f_ = text_fit(in, cols, align, ell);                                                             \
		CHECK_STR(f_, want);                                                                                   \
		free(f_);                                                                                              \
	} while (0)

static bool valid(const char *s) { return utf8_valid(s, strlen(s), NULL); }

/* text_wrap(S, COLS) must give exactly the lines in WANT (NULL-terminated). */
static void wrap_is(const char *s, int cols, const char *const *want, int line)
{
	char **v = NULL;
	int n = text_wrap(s, cols, &v);
	int nwant = 0;
	while (want[nwant])
		nwant++;
	if (n != nwant) {
		fprintf(stderr, "  %s:%d: text_wrap(\"%s\", %d) gave %d lines, expected %d\n", __FILE__, line, s, cols,
			n, nwant);
		t_failed_checks++;
	}
	for (int i = 0; i < n && i < nwant; i++)
		CHECK_STR(v[i], want[i]);
	CHECK_INT(text_wrap(s, cols, NULL), n); /* counting alone agrees */
	str_free_array(v, n);
}
#define WRAP_IS(s, cols, ...) wrap_is(s, cols, (const char *const[]){ __VA_ARGS__, NULL }, __LINE__)

TEST(test_utf8_valid_good)
{
	CHECK(valid(""));
	CHECK(valid("abc"));
	CHECK(valid("张三，。（）"));
	CHECK(valid("\xC2\x80"));         /* U+0080, smallest 2-byte */
	CHECK(valid("\xE0\xA0\x80"));     /* U+0800, smallest 3-byte */
	CHECK(valid("\xF0\xA0\x80\x80")); /* 𠀀 U+20000 */
	CHECK(valid("\xF4\x8F\xBF\xBF")); /* U+10FFFF, the last code point */
	CHECK(valid("\xEE\x80\x80"));     /* U+E000, just past the surrogates */
}

TEST(test_utf8_valid_overlong)
{
	CHECK(!valid("\xC0\x80"));         /* NUL as 2 bytes */
	CHECK(!valid("\xC1\xBF"));         /* U+007F as 2 bytes */
	CHECK(!valid("\xE0\x80\x80"));     /* NUL as 3 bytes */
	CHECK(!valid("\xE0\x9F\xBF"));     /* U+07FF as 3 bytes */
	CHECK(!valid("\xF0\x80\x80\x80")); /* NUL as 4 bytes */
	CHECK(!valid("\xF0\x8F\xBF\xBF")); /* U+FFFF as 4 bytes */
}

TEST(test_utf8_valid_surrogate)
{
	CHECK(!valid("\xED\xA0\x80")); /* U+D800 */
	CHECK(!valid("\xED\xBF\xBF")); /* U+DFFF */
	CHECK(valid("\xED\x9F\xBF"));  /* U+D7FF is fine */
}

TEST(test_utf8_valid_truncated)
{
	CHECK(!utf8_valid("\xE5\xBC\xA0", 2, NULL)); /* 张 cut after 2 of its 3 bytes */
	CHECK(utf8_valid("\xE5\xBC\xA0", 3, NULL));
	CHECK(!valid("\xE5\xBC"));
	CHECK(!valid("\xF0\xA0\x80"));
	CHECK(!valid("\xE5"
		     "a"
		     "\xA0")); /* continuation missing in the middle */
	CHECK(!valid("\x80")); /* lone continuation byte */
	CHECK(!valid("\xFF"));
}

TEST(test_utf8_valid_past_max)
{
	CHECK(!valid("\xF4\x90\x80\x80")); /* U+110000 */
	CHECK(!valid("\xF5\x80\x80\x80"));
	CHECK(!valid("\xF7\xBF\xBF\xBF"));
}

TEST(test_utf8_valid_bad_at)
{
	size_t at = 99;
	CHECK(!utf8_valid("ab张\xFF"
			  "cd",
			  8, &at));
	CHECK_INT(at, 5); /* a b + 3 bytes of 张 */
	at = 99;
	CHECK(!utf8_valid("\xC0\x80", 2, &at));
	CHECK_INT(at, 0);
	at = 99;
	CHECK(!utf8_valid("张三\xE5\xBC", 8, &at));
	CHECK_INT(at, 6);
	at = 99;
	CHECK(utf8_valid("张三", 6, &at));
	CHECK_INT(at, 99);                    /* untouched on success */
	CHECK(!utf8_valid("a\xFF", 2, NULL)); /* NULL is allowed */
}

TEST(test_utf8_round_trip)
{
	static const wchar_t cps[] = { 0x01,   0x41,   0x7F,   0x80,   0xE9,    0x7FF,   0x800,
				       0x5F20, 0xFF0C, 0xFFFD, 0xFFFF, 0x10000, 0x20000, 0x10FFFF };
	static const int lens[] = { 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4 };
	for (size_t i = 0; i < ARRAY_LEN(cps); i++) {
		char buf[8];
		memset(buf, 'x', sizeof buf);
		int n = utf8_encode(cps[i], buf);
		CHECK_INT(n, lens[i]);
		CHECK_INT(strlen(buf), (size_t)lens[i]); /* NUL-terminated */
		CHECK(valid(buf));
		wchar_t c = 0;
		CHECK_INT(utf8_decode(buf, &c), lens[i]);
		CHECK_INT(c, cps[i]);
	}
}

TEST(test_utf8_four_byte)
{
	char buf[8];
	CHECK_INT(utf8_encode(0x20000, buf), 4);
	CHECK_STR(buf, "𠀀");
	CHECK_STR(buf, "\xF0\xA0\x80\x80");
	wchar_t c = 0;
	CHECK_INT(utf8_decode("𠀀张", &c), 4);
	CHECK_INT(c, 0x20000);
	CHECK_INT(utf8_chars("𠀀张a"), 3);
	size_t n = 0;
	wchar_t *w = utf8_to_wcs("𠀀张a", &n);
	CHECK_INT(n, 3);
	CHECK_INT(w[0], 0x20000);
	CHECK_INT(w[1], 0x5F20);
	CHECK_INT(w[2], 'a');
	CHECK_INT(w[3], 0);
	char *back = wcs_to_utf8(w, n);
	CHECK_STR(back, "𠀀张a");
	free(back);
	free(w);
}

TEST(test_utf8_decode_bad)
{
	wchar_t c = 1;
	CHECK_INT(utf8_decode("", &c), 0);
	CHECK_INT(c, 0);
	CHECK_INT(utf8_decode("\xFF", &c), -1);
	CHECK_INT(c, 0xFFFD);
	CHECK_INT(utf8_decode("\xE5\xBC", &c), -1); /* truncated at the NUL */
	CHECK_INT(c, 0xFFFD);
	CHECK_INT(utf8_decode("\xC0\x80", &c), -1);
	CHECK_INT(utf8_decode("\xED\xA0\x80", &c), -1);
	CHECK_INT(utf8_decode("\x80", &c), -1);
	/* Malformed bytes become U+FFFD, one per bad byte, and decoding goes on. */
	size_t n = 0;
	wchar_t *w = utf8_to_wcs("a\xFF张", &n);
	CHECK_INT(n, 3);
	CHECK_INT(w[1], 0xFFFD);
	CHECK_INT(w[2], 0x5F20);
	free(w);
}

TEST(test_width_ascii_and_hanzi)
{
	CHECK_INT(text_width(""), 0);
	CHECK_INT(text_width("abc"), 3);
	CHECK_INT(text_width("张三"), 4);
	CHECK_INT(text_width("𠀀"), 2);
	CHECK_INT(text_width("　"), 2); /* full-width space U+3000 */
}

TEST(test_width_fullwidth_punctuation)
{
	CHECK_INT(text_width("，"), 2);
	CHECK_INT(text_width("。"), 2);
	CHECK_INT(text_width("（"), 2);
	CHECK_INT(text_width("）"), 2);
	CHECK_INT(text_width("，。（）"), 8);
	CHECK_INT(text_width("："), 2);
}

TEST(test_width_mixed_and_controls)
{
	CHECK_INT(text_width("张三 (男)，13812345678"), 4 + 1 + 1 + 2 + 1 + 2 + 11);
	CHECK_INT(text_width("a\x01"
			     "b\x7f"),
		  2);
	CHECK_INT(text_width("\t\n\r"), 0);
	CHECK_INT(text_width("张\x1b三"), 4);
	CHECK_INT(text_wcwidth(0x85), 0); /* C1 control */
	wchar_t w[] = { 0x5F20, 'a', 0x01, 0xFF0C };
	CHECK_INT(text_wcswidth(w, 4), 5);
}

TEST(test_fit_pad)
{
	FIT_IS("张三", 6, ALIGN_LEFT, false, "张三  ");
	FIT_IS("张三", 6, ALIGN_RIGHT, false, "  张三");
	FIT_IS("张三", 6, ALIGN_CENTER, false, " 张三 ");
	FIT_IS("张三", 7, ALIGN_CENTER, false, " 张三  ");
	FIT_IS("张三", 4, ALIGN_LEFT, true, "张三"); /* fits exactly: no ellipsis */
	FIT_IS("", 3, ALIGN_LEFT, false, "   ");
	FIT_IS("ab", 3, ALIGN_RIGHT, true, " ab");
}

TEST(test_fit_cut)
{
	FIT_IS("张三李四", 6, ALIGN_LEFT, false, "张三李");
	FIT_IS("abcdef", 3, ALIGN_LEFT, false, "abc");
	/* 李 would need columns 5-6 of 5: it becomes a space, so the cell is exactly 5 wide. */
	FIT_IS("张三李四", 5, ALIGN_LEFT, false, "张三 ");
	FIT_IS("张三李四", 1, ALIGN_LEFT, false, " ");
	FIT_IS("a张三", 2, ALIGN_LEFT, false, "a ");
}

TEST(test_fit_ellipsis)
{
	FIT_IS("张三李四", 5, ALIGN_LEFT, true, "张三~");
	FIT_IS("张三李四", 4, ALIGN_LEFT, true, "张 ~");
	FIT_IS("abcdef", 4, ALIGN_LEFT, true, "abc~");
	FIT_IS("abcdef", 1, ALIGN_LEFT, true, "~");
	FIT_IS("张三", 3, ALIGN_RIGHT, true, "张~");
}

TEST(test_fit_zero_cols)
{
	FIT_IS("张三", 0, ALIGN_LEFT, false, "");
	FIT_IS("张三", 0, ALIGN_LEFT, true, "");
	FIT_IS("张三", -3, ALIGN_CENTER, false, "");
}

TEST(test_fit_exact_width_everywhere)
{
	/* Whatever the width, the result is valid UTF-8 exactly cols wide (no half characters). */
	const char *s = "张a三，𠀀bc。李\x01四";
	for (int cols = 0; cols <= 20; cols++)
		for (int ell = 0; ell <= 1; ell++)
			for (int al = ALIGN_LEFT; al <= ALIGN_CENTER; al++) {
				char *f = text_fit(s, cols, (enum text_align)al, ell);
				CHECK(valid(f));
				CHECK_INT(text_width(f), cols);
				CHECK(strchr(f, '\x01') == NULL); /* controls never reach the screen */
				free(f);
			}
}

/* A malformed byte is measured as U+FFFD (1 column) and written as U+FFFD, never raw: a raw
 * byte would reach the terminal as several columns (ncurses draws \xFF as "M-^?"). */
TEST(test_fit_malformed)
{
	FIT_IS("a\xFF"
	       "b",
	       5, ALIGN_LEFT, false,
	       "a\xEF\xBF\xBD"
	       "b  ");
	FIT_IS("\xE5\xBC", 3, ALIGN_RIGHT, false, " \xEF\xBF\xBD\xEF\xBF\xBD"); /* one per bad byte */
	FIT_IS("ab\xFF"
	       "cdef",
	       4, ALIGN_LEFT, true, "ab\xEF\xBF\xBD~");
	WRAP_IS("a\xFF"
		"b",
		2, "a\xEF\xBF\xBD", "b");
}

TEST(test_prefix_bytes)
{
	CHECK_INT(text_prefix_bytes("张三abc", 0), 0);
	CHECK_INT(text_prefix_bytes("张三abc", 1), 0); /* never half of 张 */
	CHECK_INT(text_prefix_bytes("张三abc", 2), 3);
	CHECK_INT(text_prefix_bytes("张三abc", 3), 3);
	CHECK_INT(text_prefix_bytes("张三abc", 5), 7);
	CHECK_INT(text_prefix_bytes("张三abc", 7), 9);
	CHECK_INT(text_prefix_bytes("张三abc", 100), 9);
	CHECK_INT(text_prefix_bytes("𠀀a", 2), 4);
	CHECK_INT(text_prefix_bytes("", 5), 0);
}

TEST(test_char_ok)
{
	CHECK(text_char_ok(0x5F20, false)); /* 张 */
	CHECK(text_char_ok('a', false));
	CHECK(text_char_ok(' ', false));
	CHECK(text_char_ok(0xFF0C, false));  /* ， */
	CHECK(text_char_ok(0x20000, false)); /* 𠀀 */
	CHECK(!text_char_ok('\t', false));
	CHECK(!text_char_ok('\t', true));
	CHECK(!text_char_ok(0x01, false));
	CHECK(!text_char_ok(0x7F, false));
	CHECK(!text_char_ok(0x85, false));
	CHECK(!text_char_ok(0x200B, false)); /* zero-width space */
	CHECK(!text_char_ok(0xFEFF, false)); /* BOM */
	CHECK(!text_char_ok(0x202E, false)); /* right-to-left override */
	CHECK(!text_char_ok(0xFFFD, false));
	CHECK(!text_char_ok(0xD800, false));
	CHECK(!text_char_ok(0x110000, false));
}

TEST(test_char_ok_newline)
{
	CHECK(!text_char_ok('\n', false));
	CHECK(text_char_ok('\n', true));
	CHECK(!text_char_ok('\r', true));
}

TEST(test_wrap_chinese)
{
	WRAP_IS("张三李四王五", 4, "张三", "李四", "王五");
	WRAP_IS("张三李四王五", 5, "张三", "李四", "王五"); /* never half a character */
	WRAP_IS("张三李四王五", 12, "张三李四王五");
	WRAP_IS("张三ab李四", 5, "张三a", "b李四");
}

TEST(test_wrap_newlines)
{
	WRAP_IS("ab\ncd", 10, "ab", "cd");
	WRAP_IS("a\n\nb", 10, "a", "", "b");
	WRAP_IS("张三李四\n王", 4, "张三", "李四", "王");
	WRAP_IS("ab\n", 10, "ab", "");
}

TEST(test_wrap_empty)
{
	WRAP_IS("", 10, "");
	WRAP_IS("", 1, "");
}

TEST(test_wrap_width_one)
{
	/* At most one column a line; a 2-column character that cannot fit goes alone on its line. */
	WRAP_IS("abc", 1, "a", "b", "c");
	WRAP_IS("张三", 1, "张", "三");
	WRAP_IS("a张b", 1, "a", "张", "b");
}

TEST(test_wrap_lines_fit)
{
	const char *s = "人大代表联络站，a1b2，接待登记。\n代表名册𠀀";
	for (int cols = 2; cols <= 30; cols++) {
		char **v = NULL;
		int n = text_wrap(s, cols, &v);
		struct strbuf sb;
		sb_init(&sb);
		for (int i = 0; i < n; i++) {
			CHECK(text_width(v[i]) <= cols);
			CHECK(valid(v[i]));
			sb_add(&sb, v[i]);
		}
		char *all = sb_take(&sb);
		CHECK_STR(all, "人大代表联络站，a1b2，接待登记。代表名册𠀀"); /* nothing lost */
		free(all);
		str_free_array(v, n);
	}
}

/* The program must not depend on the locale for widths: in the plain "C" locale glibc's
 * wcwidth() returns -1 for every hanzi. */
TEST(test_c_locale)
{
	char *saved = xstrdup(setlocale(LC_ALL, NULL));
	CHECK(setlocale(LC_ALL, "C") != NULL);
	CHECK_INT(text_width("张三"), 4);
	CHECK_INT(text_width("，。（）"), 8);
	CHECK_INT(text_width("𠀀"), 2);
	CHECK_INT(text_width("张三abc"), 7);
	CHECK(text_char_ok(0x5F20, false));
	CHECK(text_char_ok(0xFF0C, false));
	CHECK(!text_char_ok(0x200B, false));
	CHECK(!text_char_ok(0x01, false));
	FIT_IS("张三李四", 5, ALIGN_LEFT, false, "张三 ");
	CHECK_INT(text_prefix_bytes("张三abc", 3), 3);
	setlocale(LC_ALL, saved);
	free(saved);
}

/* Zero-width characters measure 0 in any locale, as they do under C.UTF-8. */
TEST(test_c_locale_zero_width)
{
	CHECK_INT(text_width("e\xCC\x81"), 1); /* e + combining acute U+0301 */
	CHECK_INT(text_width("a\xE2\x80\x8B"
			     "b"),
		  2); /* U+200B */
	char *saved = xstrdup(setlocale(LC_ALL, NULL));
	setlocale(LC_ALL, "C");
	CHECK_INT(text_width("e\xCC\x81"), 1);
	CHECK_INT(text_width("a\xE2\x80\x8B"
			     "b"),
		  2);
	CHECK_INT(text_width("a\xEF\xBB\xBF"
			     "b"),
		  2); /* U+FEFF */
	CHECK(!text_char_ok(0x0301, false));
	setlocale(LC_ALL, saved);
	free(saved);
}

/* Over the blocks Chinese text uses, every width is the same in "C" as in "C.UTF-8". */
TEST(test_c_locale_agrees)
{
	static const wchar_t ranges[][2] = {
		{ 0x20, 0x7E },     { 0xA0, 0x36F },    { 0x2000, 0x206F }, { 0x2E80, 0x9FFF },
		{ 0xF900, 0xFAFF }, { 0xFE00, 0xFE6F }, { 0xFF00, 0xFFEF }, { 0x20000, 0x2A6DF },
	};
	static int utf8w[0x30000];
	char *saved = xstrdup(setlocale(LC_ALL, NULL));
	int diffs = 0;
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "  no C.UTF-8 locale\n");
		t_failed_checks++;
		goto out;
	}
	for (size_t r = 0; r < ARRAY_LEN(ranges); r++)
		for (wchar_t c = ranges[r][0]; c <= ranges[r][1]; c++)
			utf8w[c] = text_wcwidth(c);
	setlocale(LC_ALL, "C");
	for (size_t r = 0; r < ARRAY_LEN(ranges); r++)
		for (wchar_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
			/* Unassigned code points are -1 in glibc too and get the fallback in both. */
			if (text_wcwidth(c) != utf8w[c] && diffs++ < 5)
				fprintf(stderr, "  U+%04X: %d in C, %d in C.UTF-8\n", (unsigned)c, text_wcwidth(c),
					utf8w[c]);
		}
	CHECK_INT(diffs, 0);
out:
	setlocale(LC_ALL, saved);
	free(saved);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_utf8_valid_good);
	RUN(test_utf8_valid_overlong);
	RUN(test_utf8_valid_surrogate);
	RUN(test_utf8_valid_truncated);
	RUN(test_utf8_valid_past_max);
	RUN(test_utf8_valid_bad_at);
	RUN(test_utf8_round_trip);
	RUN(test_utf8_four_byte);
	RUN(test_utf8_decode_bad);
	RUN(test_width_ascii_and_hanzi);
	RUN(test_width_fullwidth_punctuation);
	RUN(test_width_mixed_and_controls);
	RUN(test_fit_pad);
	RUN(test_fit_cut);
	RUN(test_fit_ellipsis);
	RUN(test_fit_zero_cols);
	RUN(test_fit_exact_width_everywhere);
	RUN(test_fit_malformed);
	RUN(test_prefix_bytes);
	RUN(test_char_ok);
	RUN(test_char_ok_newline);
	RUN(test_wrap_chinese);
	RUN(test_wrap_newlines);
	RUN(test_wrap_empty);
	RUN(test_wrap_width_one);
	RUN(test_wrap_lines_fit);
	RUN(test_c_locale);
	RUN(test_c_locale_zero_width);
	RUN(test_c_locale_agrees);
	return t_done();
}
