/* Allocation wrappers, die(), small string helpers and a string buffer. */
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*die_hook)(void);

void util_set_die_hook(void (*hook)(void)) { die_hook = hook; }

void util_run_die_hook(void)
{
	void (*h)(void) = die_hook;
	die_hook = NULL; /* never twice */
	if (h)
		h();
}

void die(const char *fmt, ...)
{
	va_list ap;
	util_run_die_hook();
	fputs("station: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("内存不足 (out of memory)");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die("内存不足 (out of memory)");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("内存不足 (out of memory)");
	return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("bad format: %s", fmt);
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void str_set(char **dst, const char *src)
{
	char *n = xstrdup(src ? src : "");
	free(*dst);
	*dst = n;
}

void str_free_array(char **v, int n)
{
	if (!v)
		return;
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

bool str_empty(const char *s) { return !s || !*s; }

bool str_starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Length of a space at s: 1 for ASCII space/tab/newline, 3 for U+3000, else 0. */
static size_t space_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

void str_trim(char *s)
{
	size_t n, start = 0;
	while ((n = space_len(s + start)))
		start += n;
	size_t len = strlen(s + start);
	memmove(s, s + start, len + 1);
	/* Trailing: scan forward, remembering where the last non-space ended. */
	size_t end = 0, i = 0;
	while (s[i]) {
		if ((n = space_len(s + i)))
			i += n;
		else
			end = ++i;
	}
	s[end] = '\0';
}

const char *str_intern(const char *s)
{
	static char **pool;
	static size_t n;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(pool[i], s))
			return pool[i];
	pool = xrealloc(pool, sizeof(char *) * (n + 1));
	pool[n] = xstrdup(s);
	return pool[n++];
}

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap * 2 : 64;
		while (cap < sb->len + n + 1)
			cap *= 2;
		sb->buf = xrealloc(sb->buf, cap);
		sb->cap = cap;
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_add(struct strbuf *sb, const char *s) { sb_addn(sb, s, strlen(s)); }

void sb_addc(struct strbuf *sb, char c) { sb_addn(sb, &c, 1); }

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	sb_add(sb, p);
	free(p);
}

char *sb_take(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb_init(sb);
	return p;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}
