/* Replays the saved inputs of a fuzz target without libFuzzer, so that `make check` runs them
 * with the project's compiler (normal and ASan/UBSan builds): every file named on the command
 * line, or every file in a folder named, is read and passed once to LLVMFuzzerTestOneInput.
 * Prints "PASS <target>: <file>" for each input that returns; a crash, an abort or a sanitizer
 * report ends the program with an error (tests/run.sh counts that as a failure). */
#include "fuzz.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FUZZ_TARGET
#define FUZZ_TARGET "fuzz"
#endif

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("FAIL %s: cannot open %s\n", FUZZ_TARGET, path);
		return 1;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf)
		abort();
	/* An exact-size copy, so that ASan sees a read past the end of the input. */
	uint8_t *in = malloc(n ? n : 1);
	memcpy(in, buf, n);
	free(buf);
	fflush(stdout);
	LLVMFuzzerTestOneInput(in, n);
	free(in);
	const char *base = strrchr(path, '/');
	printf("PASS %s: %s\n", FUZZ_TARGET, base ? base + 1 : path);
	return 0;
}

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		printf("FAIL %s: cannot open folder %s\n", FUZZ_TARGET, dir);
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		bad |= replay_file(path);
		free(names[i]);
	}
	free(names);
	if (n == 0) {
		printf("FAIL %s: no inputs in %s\n", FUZZ_TARGET, dir);
		bad = 1;
	}
	return bad;
}

int main(int argc, char **argv)
{
	int bad = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			bad |= replay_dir(argv[i]);
		else
			bad |= replay_file(argv[i]);
	}
	return bad;
}
