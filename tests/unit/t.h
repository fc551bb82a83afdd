/* A very small unit-test harness. Each test file defines TEST functions and a main() that
 * RUNs them and returns t_done(). Each test prints "PASS name" or "FAIL name"; tests/run.sh
 * counts those lines. A failed CHECK prints the file, line and values and the test goes on. */
#ifndef STATION_T_H
#define STATION_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_failed_checks, t_pass, t_fail;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                                                                    \
	do {                                                                                                           \
		if (!(cond)) {                                                                                         \
			fprintf(stderr, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);                     \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

#define CHECK_INT(a, b)                                                                                                \
	do {                                                                                                           \
		long long t_a = (long long)(a), t_b = (long long)(b);                                                  \
		if (t_a != t_b) {                                                                                      \
			fprintf(stderr, "  %s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, t_a, t_b);     \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

#define CHECK_STR(a, b)                                                                                                \
	do {                                                                                                           \
		const char *t_a = (a), *t_b = (b);                                                                     \
		if (!t_a || !t_b || strcmp(t_a, t_b)) {                                                                \
			fprintf(stderr, "  %s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,            \
				t_a ? t_a : "(null)", t_b ? t_b : "(null)");                                           \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

#define RUN(fn)                                                                                                        \
	do {                                                                                                           \
		int t_before = t_failed_checks;                                                                        \
		fn();                                                                                                  \
		if (t_failed_checks == t_before) {                                                                     \
			printf("PASS %s\n", #fn);                                                                      \
			t_pass++;                                                                                      \
		} else {                                                                                               \
			printf("FAIL %s\n", #fn);                                                                      \
			t_fail++;                                                                                      \
		}                                                                                                      \
		fflush(stdout);                                                                                        \
	} while (0)

static inline int t_done(void) { return t_fail ? 1 : 0; }

#endif
