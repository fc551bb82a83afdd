/* UTF-8 decoding and display widths. wcwidth() from glibc is right for CJK in any UTF-8
 * locale; we call it through text_wcwidth() so the rules live in one place. */
#include "core/text.h"

#include "core/util.h"

#include <string.h>

bool utf8_valid(const char *str, size_t len, size_t *bad_at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			cp = c & 0x07;
		} else
			goto bad;
		if (i + n > len)
			goto bad;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n;
	}
	return true;
bad:
	if (bad_at)
		*bad_at = i;
	return false;
}

int utf8_decode(const char *str, wchar_t *out)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!s[0]) {
		*out = 0;
		return 0;
	}
	size_t len = s[1] == 0 ? 1 : s[2] == 0 ? 2 : s[3] == 0 ? 3 : 4;
	unsigned c = s[0];
	int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if ((size_t)n > len || !utf8_valid(str, (size_t)n, NULL)) {
		*out = 0xFFFD;
		return -1;
	}
	unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
	for (int k = 1; k < n; k++)
		cp = (cp << 6) | (s[k] & 0x3F);
	*out = (wchar_t)cp;
	return n;
}

int utf8_encode(wchar_t wc, char *out)
{
	unsigned c = (unsigned)wc;
	int n;
	if (c < 0x80) {
		out[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		out[0] = (char)(0xF0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	out[n] = '\0';
	return n;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

wchar_t *utf8_to_wcs(const char *s, size_t *len_out)
{
	size_t cap = strlen(s) + 1, n = 0;
	wchar_t *w = xmalloc(cap * sizeof(wchar_t));
	while (*s) {
		wchar_t c;
		int k = utf8_decode(s, &c);
		s += k > 0 ? k : 1;
		w[n++] = c;
	}
	w[n] = 0;
	if (len_out)
		*len_out = n;
	return w;
}

char *wcs_to_utf8(const wchar_t *w, size_t n)
{
	struct strbuf sb;
	char tmp[5];
	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		utf8_encode(w[i], tmp);
		sb_add(&sb, tmp);
	}
	return sb_take(&sb);
}

/* Width of a character the locale does not know (in the plain C locale glibc's wcwidth() is -1
 * for everything past ASCII). Follows glibc's C.UTF-8 table where it matters here: combining
 * marks and invisible format characters are 0 (so text measures the same in any locale), CJK,
 * full-width forms and emoji are 2, the rest 1. */
static int fallback_width(wchar_t c)
{
	if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
	    (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
	    (c >= 0x20D0 && c <= 0x20FF) || (c >= 0x302A && c <= 0x302D) || c == 0x3099 || c == 0x309A ||
	    (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0xFEFF ||
	    (c >= 0xE0000 && c <= 0xE01EF))
		return 0;
	if (c == 0x303F) /* ideographic half fill space */
		return 1;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F) ||
	    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
	    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

int text_wcwidth(wchar_t c)
{
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return 0;
	int w = wcwidth(c);
	return w < 0 ? fallback_width(c) : w;
}

int text_wcswidth(const wchar_t *w, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n; i++)
		cols += text_wcwidth(w[i]);
	return cols;
}

int text_width(const char *s)
{
	int cols = 0;
	while (*s) {
		wchar_t c;
		int k = utf8_decode(s, &c);
		s += k > 0 ? k : 1;
		cols += text_wcwidth(c);
	}
	return cols;
}

size_t text_prefix_bytes(const char *s, int cols)
{
	const char *p = s;
	int used = 0;
	while (*p) {
		wchar_t c;
		int k = utf8_decode(p, &c);
		int w = text_wcwidth(c);
		if (used + w > cols)
			break;
		used += w;
		p += k > 0 ? k : 1;
	}
	return (size_t)(p - s);
}

/* Append the character of k bytes at p (k from utf8_decode) to sb; a malformed byte (k < 0) is
 * written as U+FFFD, the character its width was measured as, so output is always valid UTF-8. */
static void add_char(struct strbuf *sb, const char *p, int k)
{
	if (k > 0)
		sb_addn(sb, p, (size_t)k);
	else
		sb_add(sb, "\xEF\xBF\xBD");
}

char *text_fit(const char *s, int cols, enum text_align align, bool ellipsis)
{
	struct strbuf sb;
	sb_init(&sb);
	if (cols <= 0)
		return xstrdup("");
	int total = text_width(s);
	int used = 0;
	const char *p = s;
	if (total > cols) {
		int room = ellipsis ? cols - 1 : cols;
		while (*p) {
			wchar_t c;
			int k = utf8_decode(p, &c);
			int w = text_wcwidth(c);
			if (used + w > room)
				break;
			if (w > 0)
				add_char(&sb, p, k);
			used += w;
			p += k > 0 ? k : 1;
		}
		while (used < room) {
			sb_addc(&sb, ' ');
			used++;
		}
		if (ellipsis)
			sb_addc(&sb, '~');
		return sb_take(&sb);
	}
	int pad = cols - total;
	int left = align == ALIGN_RIGHT ? pad : align == ALIGN_CENTER ? pad / 2 : 0;
	for (int i = 0; i < left; i++)
		sb_addc(&sb, ' ');
	/* Copy without control characters (they have width 0 and would move the cursor). */
	while (*p) {
		wchar_t c;
		int k = utf8_decode(p, &c);
		if (text_wcwidth(c) > 0)
			add_char(&sb, p, k);
		p += k > 0 ? k : 1;
	}
	for (int i = 0; i < pad - left; i++)
		sb_addc(&sb, ' ');
	return sb_take(&sb);
}

bool text_char_ok(wchar_t c, bool allow_newline)
{
	if (c == '\n')
		return allow_newline;
	/* Decided without the locale (iswprint() rejects all hanzi in the C locale): no C0/C1
	 * controls, no surrogates, no replacement character or non-characters, no zero-width or
	 * bidi format characters, nothing of width 0. */
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFFFD || c == 0xFEFF || c > 0x10FFFF)
		return false;
	if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
		return false;
	if ((c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F))
		return false;
	return text_wcwidth(c) > 0;
}

int text_wrap(const char *s, int cols, char ***lines)
{
	struct strbuf sb;
	char **v = NULL;
	int n = 0, used = 0;
	if (cols < 1)
		cols = 1;
	sb_init(&sb);
	for (const char *p = s;;) {
		wchar_t c;
		int k = utf8_decode(p, &c);
		int w = k == 0 ? 0 : text_wcwidth(c);
		/* Break before a character that does not fit, unless the line is still empty: a
		 * 2-column character wider than cols then stands alone on its line. */
		if (k == 0 || c == '\n' || (used + w > cols && used > 0)) {
			if (lines) {
				v = xrealloc(v, sizeof(char *) * (size_t)(n + 1));
				v[n] = sb_take(&sb);
			} else
				sb_free(&sb);
			n++;
			used = 0;
			if (k == 0)
				break;
			if (c == '\n') {
				p += k;
				continue;
			}
		}
		if (w > 0)
			add_char(&sb, p, k);
		used += w;
		p += k > 0 ? k : 1;
	}
	sb_free(&sb);
	if (lines)
		*lines = v;
	return n;
}
