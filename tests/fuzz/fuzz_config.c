/* Fuzz target: the station.ini loader (cfg_load) on the input written to a temporary file.
 * Invariants: a refusal has a message and leaves the struct freed; an accepted file gives every
 * string field (never NULL). */
#include "fuzz.h"

#include "core/config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/station-fuzz-ini-XXXXXX";
static char path[64];

/* At exit: nothing left in /tmp. */
static void fuzz_ini_cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof path, "%s/station.ini", dir);
		atexit(fuzz_ini_cleanup);
		/* ~/ paths in the file expand against a fixed home, not the fuzzing user's */
		setenv("HOME", dir, 1);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	struct cfg cfg;
	char *err = NULL;
	if (cfg_load(path, &cfg, &err) == 0) {
		fuzz_assert(err == NULL);
		fuzz_assert(cfg.station_name != NULL && cfg.station_code != NULL);
		for (int i = 0; i < cfg.nwarnings; i++)
			fuzz_assert(cfg.warnings[i] != NULL);
		cfg_free(&cfg);
	} else {
		fuzz_assert(err && *err);
		free(err);
		cfg_free(&cfg);
	}
	return 0;
}
