/* Unit tests for core/pinyin: sort keys, initials, surname readings, odd input. */
#include "core/pinyin.h"
#include "core/util.h"

#include "t.h"

/* Sort key / initials of IN must equal WANT. */
#define KEY_IS(in, want)                                                                                               \
	do {                                                                                                           \
		char *k_ = pinyin_sortkey(in);                                                                         \
		CHECK_STR(k_, want);                                                                                   \
		free(k_);                                                                                              \
	} while (0)
#define INITIALS_ARE(in, want)                                                                                         \
	do {                                                                                                           \
		char *k_ = pinyin_initials(in);                                                                        \
		CHECK_STR(k_, want);                                                                                   \
		free(k_);                                                                                              \
	} while (0)

TEST(test_basic)
{
	KEY_IS("张三", "zhang san");
	INITIALS_ARE("张三", "zs");
	KEY_IS("李四", "li si");
	CHECK_STR(pinyin_of(0x5F20), "zhang"); /* 张 */
	CHECK_STR(pinyin_of(0x4E00), "yi");    /* first of the main block */
	CHECK_STR(pinyin_of(0x5415), "lv");    /* 吕: ü is written v */
	CHECK_STR(pinyin_of(0x5973), "nv");    /* 女 */
	CHECK(pinyin_of('A') == NULL);
	CHECK(pinyin_of(0x3002) == NULL); /* 。 */
	CHECK(pinyin_of(0x10FFFF) == NULL);
	/* Borrowed and stable: the same pointer every time (the table is parsed once). */
	CHECK(pinyin_of(0x5F20) == pinyin_of(0x5F20));
}

TEST(test_table_loaded)
{
	int n = 0;
	for (unsigned cp = 0x4E00; cp <= 0x9FFF; cp++)
		n += pinyin_of(cp) != NULL;
	CHECK(n > 20000);                   /* Unihan 15 reads 20,9xx of the 20,992 */
	CHECK_STR(pinyin_of(0x9FA5), "yu"); /* 龥, last of the GB-era range */
}

TEST(test_surnames)
{
	/* 曾 is ceng in general, zeng as a surname. */
	CHECK_STR(pinyin_of(0x66FE), "ceng");
	KEY_IS("曾祥", "zeng xiang");
	INITIALS_ARE("曾祥", "zx cx");
	KEY_IS("李曾", "li ceng"); /* not first: the ordinary reading */
	KEY_IS("  曾祥", "zeng xiang");
	/* 单 is dan in general, shan as a surname; chan stays a variant too. */
	KEY_IS("单雄", "shan xiong");
	INITIALS_ARE("单雄", "sx dx cx");
	KEY_IS("解放", "xie fang");
	KEY_IS("区强", "ou qiang");
	KEY_IS("仇亮", "qiu liang");
	KEY_IS("朴正", "piao zheng");
	KEY_IS("查红", "zha hong");
	KEY_IS("乐平", "yue ping");
	KEY_IS("缪兰", "miao lan");
	KEY_IS("繁华", "po hua");
	KEY_IS("秘书", "bi shu");
	/* Compound surnames win over the single character's entry. */
	KEY_IS("万俟卨", "mo qi xie");
	KEY_IS("尉迟恭", "yu chi gong");
	KEY_IS("长孙无忌", "zhang sun wu ji");
	KEY_IS("长青", "chang qing");
	INITIALS_ARE("长青", "cq zq");
	KEY_IS("单于", "chan yu");
	/* 万 alone is wan. */
	KEY_IS("万里", "wan li");
}

static int cmp_keys(const void *a, const void *b)
{
	char *ka = pinyin_sortkey(*(const char *const *)a);
	char *kb = pinyin_sortkey(*(const char *const *)b);
	int r = strcmp(ka, kb);
	free(ka);
	free(kb);
	return r;
}

TEST(test_sort_order)
{
	const char *names[] = { "李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
	const char *want[] = { "陈", "黄", "李", "刘", "王", "吴", "杨", "张", "赵", "周" };
	qsort(names, ARRAY_LEN(names), sizeof(names[0]), cmp_keys);
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		CHECK_STR(names[i], want[i]);

	const char *people[] = { "张三", "曾小明", "王五", "吕布", "李四", "林一", "卢二", "李" };
	const char *order[] = { "李", "李四", "林一", "卢二", "吕布", "王五", "曾小明", "张三" };
	qsort(people, ARRAY_LEN(people), sizeof(people[0]), cmp_keys);
	for (size_t i = 0; i < ARRAY_LEN(people); i++)
		CHECK_STR(people[i], order[i]);
}

TEST(test_mixed)
{
	KEY_IS("A组王", "a zu wang");
	INITIALS_ARE("A组王", "azw");
	KEY_IS("Ａ组", "a zu"); /* full-width letters fold to ASCII */
	INITIALS_ARE("Ａ组", "az");
	KEY_IS("第2组", "di 2 zu");
	INITIALS_ARE("第2组", "d2z");
	KEY_IS("Tom 张", "tom zhang");
	INITIALS_ARE("Tom 张", "tomz");
}

TEST(test_punctuation)
{
	KEY_IS("张三，李四。", "zhang san , li si 。"); /* full-width ， folds to , */
	INITIALS_ARE("张三，李四。", "zsls");
	INITIALS_ARE("——！", "");
	KEY_IS("a-b", "a-b");
	INITIALS_ARE("a-b", "ab");
	KEY_IS("张　三", "zhang san"); /* ideographic space */
}

TEST(test_empty)
{
	KEY_IS("", "");
	INITIALS_ARE("", "");
	KEY_IS("   ", "");
	KEY_IS(NULL, "");
	INITIALS_ARE(NULL, "");
}

TEST(test_rare)
{
	/* Extension A: 䶮 U+4DAE, as in 刘䶮. */
	CHECK_STR(pinyin_of(0x4DAE), "yan");
	KEY_IS("刘䶮", "liu yan");
	INITIALS_ARE("刘䶮", "ly");
	/* Compatibility ideograph U+F92C reads as 郎 U+90CE. */
	CHECK_STR(pinyin_of(0xF92C), "lang");
	/* Outside the table (Extension B): kept as text in the key, skipped in initials. */
	KEY_IS("张\xf0\xa0\x80\x80", "zhang \xf0\xa0\x80\x80");
	INITIALS_ARE("张\xf0\xa0\x80\x80", "z");
}

TEST(test_variants)
{
	/* 重 zhong/chong, 行 xing/hang/heng (h once): primary first, single changes, then pairs. */
	INITIALS_ARE("李重行", "lzx lcx lzh lch");
	/* Many polyphonic characters: at most 8 variants, all different, primary first. */
	char *v = pinyin_initials("李重行乐重行乐重行乐");
	int spaces = 0;
	for (char *p = v; *p; p++)
		spaces += *p == ' ';
	CHECK_INT(spaces, 7);
	CHECK(strncmp(v, "lzxlzxlzxl ", 11) == 0);
	char *words[8];
	int n = 0;
	for (char *w = strtok(v, " "); w && n < 8; w = strtok(NULL, " "))
		words[n++] = w;
	CHECK_INT(n, 8);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			CHECK(strcmp(words[i], words[j]) != 0);
	free(v);
}

TEST(test_invalid_utf8)
{
	KEY_IS("\xff\xfe张\xe5", "zhang");
	INITIALS_ARE("\xff\xfe张\xe5", "z");
	KEY_IS("张\xe5\xbc", "zhang");
	KEY_IS("\xc0\xaf三", "san");     /* overlong '/' */
	KEY_IS("\xed\xa0\x80三", "san"); /* surrogate */
	INITIALS_ARE("\x80\x80\x80", "");
	KEY_IS("\xe6\x9b", ""); /* a truncated 曾 */
	INITIALS_ARE("\xe6\x9b", "");
}

int main(void)
{
	RUN(test_basic);
	RUN(test_table_loaded);
	RUN(test_surnames);
	RUN(test_sort_order);
	RUN(test_mixed);
	RUN(test_punctuation);
	RUN(test_empty);
	RUN(test_rare);
	RUN(test_variants);
	RUN(test_invalid_utf8);
	return t_done();
}
