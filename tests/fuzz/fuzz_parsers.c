/* Fuzz target: the parsers of single values a clerk types — dates (date_parse), phone numbers
 * (valid_phone), 18-digit ID numbers (valid_id_number), plain text (valid_text) and periods
 * (period_parse). Invariants: a date accepted is a real ISO date; a period accepted is two real
 * dates in order; every refusal has a message. */
#include "fuzz.h"

#include "core/period.h"
#include "core/validate.h"

#include <string.h>

/* A real YYYY-MM-DD date in the years up to max_year (date_parse: 2200, period_parse: 2999). */
static int iso_ok(const char *d, int max_year)
{
	int y, m, dd;
	char tail;
	if (strlen(d) != 10 || sscanf(d, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
		return 0;
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > max_year || m < 1 || m > 12 || dd < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return dd <= mdays[m - 1] + (m == 2 && leap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	char out[11] = "";
	if (!date_parse(s, "2026-11-23", out))
		fuzz_assert(iso_ok(out, 2200));
	(void)valid_phone(s);
	const char *m = valid_id_number(s);
	if (!m && *s)
		fuzz_assert(strlen(s) == 18);
	(void)valid_text(s, 20, false);
	(void)valid_text(s, 0, true);
	struct period p;
	char *err = NULL;
	if (period_parse(s, &p, &err) == 0) {
		fuzz_assert(iso_ok(p.from, 2999) && iso_ok(p.to, 2999));
		fuzz_assert(strcmp(p.from, p.to) <= 0);
		fuzz_assert(err == NULL);
	} else {
		fuzz_assert(err == NULL || *err);
		free(err);
	}
	free(s);
	return 0;
}
