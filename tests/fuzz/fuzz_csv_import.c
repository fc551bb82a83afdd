/* Fuzz target: the CSV reader (src/report/csvin.c) and the deputies import's checks of every row
 * (src/cli/import.c) on a real database in a temporary folder. Invariants: a refused file has at
 * least one message and inserts nothing; an accepted one inserts its rows. After an accepted
 * file the database is made afresh, so that every input is tried on the same empty roster. */
#include "fuzz.h"

#include "cli/import.h"
#include "core/util.h"
#include "db/db.h"
#include "report/csvin.h"

#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/station-fuzz-csv-XXXXXX";
static char path[64];
static struct db *db;

/* Close the database and remove its files. */
static void fuzz_db_remove(void)
{
	if (!db)
		return;
	db_close(db);
	db = NULL;
	char side[80];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* At exit: nothing left in /tmp. */
static void fuzz_db_cleanup(void)
{
	fuzz_db_remove();
	rmdir(dir);
}

static void fuzz_db_reset(void)
{
	char *err = NULL;
	fuzz_db_remove();
	if (!path[0]) {
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof path, "%s/station.db", dir);
		atexit(fuzz_db_cleanup);
	}
	if (db_open(path, DB_OPEN_CREATE, &db, &err) < 0) {
		fprintf(stderr, "db_open: %s\n", err);
		abort();
	}
	db_set_user(db, "测试", NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		fuzz_db_reset();
	/* The reader alone. */
	struct csvin *csv = NULL;
	char *err = NULL;
	if (csvin_parse((const char *)data, size, "fuzz.csv", &csv, &err) == 0) {
		fuzz_assert(err == NULL);
		for (int r = 0; r < csv->nrows; r++) {
			fuzz_assert(csv->rows[r].line >= 1);
			for (int c = 0; c < csv->rows[r].ncells; c++)
				fuzz_assert(csv->rows[r].cells[c] != NULL);
		}
		csvin_free(csv);
	} else {
		fuzz_assert(err && *err);
		free(err);
	}
	/* The import, all rows or none. */
	struct cli_import_result res = { 0 };
	int rc = cli_import_deputies_buf(db, (const char *)data, size, "fuzz.csv", "2026-11-23", &res);
	if (rc == 0) {
		fuzz_assert(res.nerrors == 0);
		cli_import_result_free(&res);
		fuzz_db_reset();
	} else {
		fuzz_assert(res.nerrors > 0 && res.errors[0] && *res.errors[0]);
		fuzz_assert(res.imported == 0);
		cli_import_result_free(&res);
	}
	return 0;
}
