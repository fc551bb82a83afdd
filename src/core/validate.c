/* Value checks with messages for the clerk. */
#include "core/validate.h"

#include "core/clock.h"
#include "core/text.h"
#include "core/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

const char *valid_phone(const char *s)
{
	if (str_empty(s))
		return NULL;
	size_t len = strlen(s);
	if (len == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && all_digits(s, 11))
		return NULL;
	if (s[0] == '0') {
		/* Landline: area code 0 + 2..3 digits, then 7..8 digits, optional -extension. */
		char digits[32];
		size_t n = 0, area = 0;
		const char *p = s;
		const char *dash = strchr(s, '-');
		if (dash) {
			area = (size_t)(dash - s);
			if (area < 3 || area > 4 || !all_digits(s, area))
				return "固定电话区号应为 3 到 4 位，如 0371-12345678";
			p = dash + 1;
			const char *ext = strchr(p, '-');
			size_t body = ext ? (size_t)(ext - p) : strlen(p);
			if (body < 7 || body > 8 || !all_digits(p, body))
				return "固定电话号码应为 7 到 8 位数字，如 0371-12345678";
			if (ext &&
			    (strlen(ext + 1) < 1 || strlen(ext + 1) > 6 || !all_digits(ext + 1, strlen(ext + 1))))
				return "分机号应为 1 到 6 位数字";
			return NULL;
		}
		for (p = s; *p && n < sizeof digits - 1; p++)
			digits[n++] = *p;
		if (*p == '\0' && all_digits(digits, n) && n >= 10 && n <= 12)
			return NULL;
	}
	return "电话应为 11 位手机号，或带区号的固定电话（如 0371-12345678）";
}

bool date_real(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	int max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

/* Read up to maxd digits into *v; returns the number of digits read. */
static int read_num(const char **p, int maxd, int *v)
{
	int n = 0;
	*v = 0;
	while (n < maxd && isdigit((unsigned char)**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* Accept one separator: - / . or 年 月 (and 日 at the end). */
static bool skip_sep(const char **p)
{
	static const char *seps[] = { "-", "/", ".", "年", "月" };
	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if (str_starts(*p, seps[i])) {
			*p += strlen(seps[i]);
			return true;
		}
	return false;
}

const char *date_parse(const char *in, const char *today, char out[11])
{
	static const char *msg = "日期格式应为 2026-11-22、20261122、11-22 或 今天";
	char buf[64];
	if (str_empty(in))
		return msg;
	/* Trim before copying into buf: cutting first would let "2026-11-22" + many spaces + junk
	 * pass as a date, and refuse a date behind many spaces. */
	char *trimmed = xstrdup(in);
	str_trim(trimmed);
	bool too_long = strlen(trimmed) >= sizeof buf;
	if (!too_long)
		memcpy(buf, trimmed, strlen(trimmed) + 1);
	free(trimmed);
	if (too_long)
		return msg;
	if (!strcmp(buf, "今天") || !strcmp(buf, "t") || !strcmp(buf, "T") || !strcmp(buf, "今日")) {
		memcpy(out, today, 11);
		return NULL;
	}
	if (!strcmp(buf, "昨天")) {
		date_add_days(today, -1, out);
		return NULL;
	}
	int y = atoi(today), m, d;
	const char *p = buf;
	size_t len = strlen(buf);
	if (len == 8 && all_digits(buf, 8)) {
		read_num(&p, 4, &y);
		read_num(&p, 2, &m);
		read_num(&p, 2, &d);
	} else {
		int a, b, c;
		int na = read_num(&p, 4, &a);
		if (!na || !skip_sep(&p))
			return msg;
		int nb = read_num(&p, 2, &b);
		if (!nb)
			return msg;
		if (na == 4) {
			if (!skip_sep(&p))
				return msg;
			if (!read_num(&p, 2, &c))
				return msg;
			y = a, m = b, d = c;
		} else if (na <= 2) {
			m = a, d = b;
		} else
			return msg;
		if (str_starts(p, "日"))
			p += strlen("日");
		if (*p)
			return msg;
	}
	if (!date_real(y, m, d))
		return "没有这一天，请检查年月日";
	date_format(y, m, d, out);
	return NULL;
}

const char *valid_text(const char *s, int max_chars, bool multiline)
{
	if (!s)
		return NULL;
	if (!utf8_valid(s, strlen(s), NULL))
		return "含有无法识别的字符（不是有效的 UTF-8 文本）";
	for (const char *p = s; *p;) {
		wchar_t c;
		int k = utf8_decode(p, &c);
		if (!(c == '\t' && multiline) && !text_char_ok(c, multiline))
			return multiline ? "含有控制字符，请删除后再保存" : "含有控制字符或换行，请删除后再保存";
		p += k;
	}
	if (max_chars > 0 && utf8_chars(s) > (size_t)max_chars) {
		char m[80];
		snprintf(m, sizeof m, "内容过长：最多 %d 个字", max_chars);
		return str_intern(m);
	}
	return NULL;
}

const char *valid_id_number(const char *s)
{
	static const int weight[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	if (str_empty(s))
		return NULL;
	if (strlen(s) != 18 || !all_digits(s, 17) || !(isdigit((unsigned char)s[17]) || s[17] == 'X' || s[17] == 'x'))
		return "身份证号应为 18 位（最后一位可为 X）";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weight[i];
	if (toupper((unsigned char)s[17]) != check[sum % 11])
		return "身份证号校验位不对，请核对";
	int y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	int m = (s[10] - '0') * 10 + (s[11] - '0'), d = (s[12] - '0') * 10 + (s[13] - '0');
	if (!date_real(y, m, d))
		return "身份证号中的出生日期不对";
	return NULL;
}
