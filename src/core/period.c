/* Periods as clerks write them (see period.h). The text is first made plain — full-width
 * characters to ASCII, spaces dropped, q/h upper-cased — then read left to right: one span
 * (year, half-year, quarter, month or day, told apart by the digits and the characters after
 * the year), then optionally a range separator and a second span that must end the text. */
#include "core/period.h"

#include "core/clock.h"
#include "core/text.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Years a period may name. */
#define PERIOD_YEAR_MIN 1900
#define PERIOD_YEAR_MAX 2999

/* The text made plain (new string): full-width ASCII to ASCII, every space dropped, dashes
 * to '-', the wave dash to '~', q and h to Q and H. */
static char *period_plain(const char *text)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	for (const char *p = text; *p;) {
		wchar_t c;
		int n = utf8_decode(p, &c);
		if (n <= 0) { /* malformed: keep the byte, it matches nothing */
			sb_addc(&sb, *p++);
			continue;
		}
		p += n;
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000)
			continue;
		if (c == 0x2013 || c == 0x2014 || c == 0x2212)
			c = '-';
		else if (c == 0x301C)
			c = '~';
		else if (c == 'q' || c == 'h')
			c = c - 'a' + 'A';
		char buf[8];
		utf8_encode(c, buf);
		sb_add(&sb, buf);
	}
	return sb_take(&sb);
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Length of the run of ASCII digits at s. */
static int digits(const char *s)
{
	int n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

static int number(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* If s starts with word, advance *s past it. */
static bool eat(const char **s, const char *word)
{
	size_t n = strlen(word);
	if (strncmp(*s, word, n))
		return false;
	*s += n;
	return true;
}

/* A span being read: its kind decides the dates. */
struct span {
	int y, m, d;       /* m, d as written (may not exist) */
	bool has_m, has_d; /* a month, a day was written */
	int q, h;          /* quarter 1..4 / half 1..2 as written (-1: 0 written), 0 when not one */
};

/* The digit 1..9 or Chinese numeral 一..九 at *s (advanced past it), or 0. */
static int small_number(const char **s)
{
	static const char *const cn[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	if (**s >= '1' && **s <= '9' && digits(*s) == 1)
		return *(*s)++ - '0';
	if (**s == '0' && digits(*s) == 1) {
		(*s)++;
		return 0;
	}
	for (int i = 0; i < 9; i++)
		if (eat(s, cn[i]))
			return i + 1;
	return -1;
}

/* After "YYYY年": 上半年/下半年, [第]N季度, QN, M月[D日], or nothing. */
static void span_after_nian(const char **s, struct span *sp)
{
	const char *p = *s;
	if (eat(&p, "上半年") || eat(&p, "下半年")) {
		sp->h = strncmp(*s, "上", strlen("上")) ? 2 : 1;
		*s = p;
		return;
	}
	if (eat(&p, "Q")) {
		sp->q = small_number(&p);
		*s = p;
		return;
	}
	bool di = eat(&p, "第");
	const char *num = p;
	int n = small_number(&p);
	if (n >= 0 && (eat(&p, "季度") || eat(&p, "季"))) {
		sp->q = n ? n : -1;
		*s = p;
		return;
	}
	if (di)
		return; /* "第" then no quarter: not understood */
	p = num;
	int k = digits(p);
	if (k < 1 || k > 2)
		return;
	const char *after = p + k;
	if (!eat(&after, "月"))
		return;
	sp->m = number(p, k);
	sp->has_m = true;
	p = after;
	k = digits(p);
	if (k >= 1 && k <= 2) {
		const char *d = p + k;
		if (eat(&d, "日") || eat(&d, "号")) {
			sp->d = number(p, k);
			sp->has_d = true;
			p = d;
		}
	}
	*s = p;
}

/* After "YYYY" and a separator sep ('-', '/', '.'): QN, HN, M or M<sep>D. False (sp untouched)
 * if none of them follows. */
static bool span_after_sep(const char **s, char sep, struct span *sp)
{
	const char *p = *s;
	bool quarter = **s == 'Q';
	if (eat(&p, "Q") || eat(&p, "H")) {
		int n = small_number(&p);
		if (n < 0)
			return false;
		*(quarter ? &sp->q : &sp->h) = n ? n : -1;
		*s = p;
		return true;
	}
	int k = digits(p);
	if (k < 1 || k > 2)
		return false;
	sp->m = number(p, k);
	sp->has_m = true;
	p += k;
	/* Look past p only at a separator: p may be the text's end (read past it was uninitialised
	 * memory, found by valgrind on "2026-10"). */
	k = *p == sep ? digits(p + 1) : 0;
	if (k >= 1 && k <= 2) {
		sp->d = number(p + 1, k);
		sp->has_d = true;
		p += 1 + k;
	}
	*s = p;
	return true;
}

/* Read one span at *s into sp; false if the text there is not one. */
static bool span_read(const char **s, struct span *sp)
{
	const char *p = *s;
	int k = digits(p);
	memset(sp, 0, sizeof *sp);
	if (k != 4 && k != 6 && k != 8)
		return false;
	sp->y = number(p, 4);
	sp->has_m = k >= 6;
	sp->has_d = k == 8;
	if (k >= 6)
		sp->m = number(p + 4, 2);
	if (k == 8)
		sp->d = number(p + 6, 2);
	p += k;
	if (k == 4) {
		const char *q = p + 1;
		if (eat(&p, "年")) {
			span_after_nian(&p, sp);
		} else if ((*p == '-' || *p == '/' || *p == '.') && span_after_sep(&q, *p, sp)) {
			p = q;
		} else if (*p == 'Q' || *p == 'H') {
			bool quarter = *p++ == 'Q';
			int n = small_number(&p);
			if (n < 0)
				return false;
			*(quarter ? &sp->q : &sp->h) = n ? n : -1;
		}
	}
	*s = p;
	return true;
}

/* The dates of sp, or -1 with a message naming what does not exist. */
static int span_dates(const struct span *sp, const char *text, struct period *out, char **err)
{
	int y = sp->y;
	if (y < PERIOD_YEAR_MIN || y > PERIOD_YEAR_MAX) {
		if (err)
			*err = xasprintf("年份应在 %d 到 %d 之间：%s", PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, text);
		return -1;
	}
	if (sp->q) {
		if (sp->q < 1 || sp->q > 4) {
			if (err)
				*err = xasprintf("季度应为 1 到 4（第一季度到第四季度）：%s", text);
			return -1;
		}
		date_format(y, sp->q * 3 - 2, 1, out->from);
		date_format(y, sp->q * 3, month_days(y, sp->q * 3), out->to);
		return 0;
	}
	if (sp->h) {
		if (sp->h < 1 || sp->h > 2) {
			if (err)
				*err = xasprintf("半年应为 H1（上半年）或 H2（下半年）：%s", text);
			return -1;
		}
		date_format(y, sp->h * 6 - 5, 1, out->from);
		date_format(y, sp->h * 6, 30 + (sp->h == 2), out->to);
		return 0;
	}
	if (!sp->has_m) {
		date_format(y, 1, 1, out->from);
		date_format(y, 12, 31, out->to);
		return 0;
	}
	if (sp->m < 1 || sp->m > 12) {
		if (err)
			*err = xasprintf("没有 %d 月（月份应为 1 到 12）：%s", sp->m, text);
		return -1;
	}
	if (!sp->has_d) {
		date_format(y, sp->m, 1, out->from);
		date_format(y, sp->m, month_days(y, sp->m), out->to);
		return 0;
	}
	date_format(y, sp->m, sp->d, out->from);
	if (sp->d < 1 || sp->d > month_days(y, sp->m)) {
		if (err)
			*err = xasprintf("没有这一天：%04d-%02d-%02d", y, sp->m, sp->d);
		return -1;
	}
	memcpy(out->to, out->from, sizeof out->to);
	return 0;
}

/* A range separator at *s (advanced past it). */
static bool range_sep(const char **s)
{
	static const char *const seps[] = { "~", "至", "到", "..", "-", NULL };
	for (int i = 0; seps[i]; i++)
		if (eat(s, seps[i]))
			return true;
	return false;
}

int period_parse(const char *text, struct period *out, char **err)
{
	char *plain = period_plain(text ? text : "");
	const char *s = plain;
	struct span a, b;
	struct period p1, p2;
	int rc = -1;

	if (err)
		*err = NULL;
	if (!*plain) {
		if (err)
			*err = xstrdup("请填写期间，如 " PERIOD_EXAMPLES);
		goto out;
	}
	if (!span_read(&s, &a))
		goto not_understood;
	if (*s) {
		if (!range_sep(&s) || !span_read(&s, &b) || *s)
			goto not_understood;
		if (span_dates(&a, text, &p1, err) < 0 || span_dates(&b, text, &p2, err) < 0)
			goto out;
		if (strcmp(p1.from, p2.to) > 0) {
			if (err)
				*err = xasprintf("起日 %s 晚于止日 %s", p1.from, p2.to);
			goto out;
		}
		memcpy(p1.to, p2.to, sizeof p1.to);
	} else if (span_dates(&a, text, &p1, err) < 0) {
		goto out;
	}
	*out = p1;
	rc = 0;
	goto out;
not_understood:
	if (err)
		*err = xasprintf("期间的写法看不懂：%s", text);
out:
	free(plain);
	return rc;
}

bool period_month_of(const char *iso, struct period *out)
{
	if (!iso || !date_weekday(iso)) /* 0: not a date */
		return false;
	int y = number(iso, 4), m = number(iso + 5, 2);
	date_format(y, m, 1, out->from);
	date_format(y, m, month_days(y, m), out->to);
	return true;
}

bool period_has(const struct period *p, const char *iso)
{
	return strcmp(iso, p->from) >= 0 && strcmp(iso, p->to) <= 0;
}

char *period_label(const struct period *p)
{
	static const char *const qn[] = { "一", "二", "三", "四" };
	int y = number(p->from, 4), m1 = number(p->from + 5, 2), d1 = number(p->from + 8, 2);
	int y2 = number(p->to, 4), m2 = number(p->to + 5, 2), d2 = number(p->to + 8, 2);
	char *name = NULL;
	if (!strcmp(p->from, p->to))
		return xstrdup(p->from);
	if (y == y2 && d1 == 1 && m2 >= 1 && m2 <= 12 && d2 == month_days(y, m2)) {
		if (m1 == 1 && m2 == 12)
			name = xasprintf("%d年", y);
		else if ((m1 == 1 && m2 == 6) || (m1 == 7 && m2 == 12))
			name = xasprintf("%d年%s半年", y, m1 == 1 ? "上" : "下");
		else if (m1 % 3 == 1 && m2 == m1 + 2)
			name = xasprintf("%d年第%s季度", y, qn[m1 / 3]);
		else if (m1 == m2)
			name = xasprintf("%d年%d月", y, m1);
	}
	if (!name)
		return xasprintf("%s 至 %s", p->from, p->to);
	char *l = xasprintf("%s（%s 至 %s）", name, p->from + 5, p->to + 5);
	free(name);
	return l;
}
