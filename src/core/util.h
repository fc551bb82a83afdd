/* Memory, strings and fatal errors shared by every layer. No curses, no SQL. */
#ifndef STATION_UTIL_H
#define STATION_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never fails: on exhaustion it calls die(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Impossible states and out-of-memory: restore the terminal (via the hook), print, exit(70). */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The UI registers a function that puts the terminal back; die() and crash handlers call it. */
void util_set_die_hook(void (*hook)(void));
void util_run_die_hook(void);

/* Replace *dst (owned) with a copy of src (may be NULL: then ""). */
void str_set(char **dst, const char *src);
/* Free every string of an array of n owned strings, then the array. */
void str_free_array(char **v, int n);
/* Strip leading and trailing ASCII and full-width (U+3000) spaces in place. */
void str_trim(char *s);
bool str_empty(const char *s);
bool str_starts(const char *s, const char *prefix);

/* A lasting copy of s: equal strings give the same pointer, never freed. For messages built
 * at run time that are handed out as `const char *` (e.g. "最多 20 个字"), so two of them never
 * share one static buffer. The set of distinct messages is small and bounded. */
const char *str_intern(const char *s);

/* A growing string buffer. buf is always NUL-terminated after the first append. */
struct strbuf {
	char *buf;  /* owned */
	size_t len; /* bytes, excluding the NUL */
	size_t cap;
};
void sb_init(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_addc(struct strbuf *sb, char c);
/* Hand the buffer to the caller (never NULL) and reset sb. */
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
