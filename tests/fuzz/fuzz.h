/* Shared by the fuzz targets (tests/fuzz/fuzz_*.c): each defines LLVMFuzzerTestOneInput and is
 * built twice — with clang and libFuzzer by `make fuzz`, and with the project's compiler and
 * tests/fuzz/replay.c by `make check`, which runs every file of tests/fuzz/corpus/<target>/
 * through it. A target aborts (fuzz_assert) when an invariant breaks; a crash or a sanitizer
 * report is a finding. */
#ifndef STATION_FUZZ_H
#define STATION_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_assert(cond)                                                                                              \
	do {                                                                                                           \
		if (!(cond)) {                                                                                         \
			fprintf(stderr, "%s:%d: fuzz_assert(%s) failed\n", __FILE__, __LINE__, #cond);                 \
			abort();                                                                                       \
		}                                                                                                      \
	} while (0)

/* The input as a NUL-terminated string (a NUL inside ends it early, as for a C caller). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	for (size_t i = 0; i < size; i++)
		s[i] = (char)data[i];
	s[size] = 0;
	return s;
}

#endif
