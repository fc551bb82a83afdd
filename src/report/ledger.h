/* The printed monthly ledgers (台账) of 六簿一册: for each register, what its page prints — the
 * title from station.ini, the columns of the paper form (docs/PRINTING.md), the rows of a period
 * fetched page by page through the db page functions (never a whole table in memory) — handed
 * to the table engine of report/pdf.h.
 *
 * What the period selects: visits by their date, cases by 受理日期, suggestions by 提出日期,
 * activities and training by their date; the roster prints the deputies in office (the period
 * only names the page); the 代表履职登记簿 prints the figures of the year the period starts in.
 * An empty period prints a ledger that says 本期无记录 (not an error). */
#ifndef STATION_REPORT_LEDGER_H
#define STATION_REPORT_LEDGER_H

#include "core/config.h"
#include "db/db.h"

#include <stdbool.h>

/* Steps done of total, for a progress bar or line; called now and then (may be NULL). */
typedef void (*ledger_progress_fn)(void *ud, int done, int total);

struct ledger_opts {
	enum reg_id reg;
	const char *from, *to; /* the period, ISO dates, inclusive */
	const char *out_path;  /* the PDF; NULL or "": ledger_default_path() */
	bool unmasked;         /* print visitors' phones in full (default: 139****1111) */
	ledger_progress_fn progress;
	void *ud;
};

/* Write the ledger of o->reg for the period as a PDF (A4 landscape; see pdf.h for how the file
 * is written). *path_out (may be NULL) gets the file's path (new string); *pages (may be NULL)
 * the page count. Returns 0, or -1 with *err (a new Chinese message: a bad period, a missing
 * font, a folder that is missing or read-only, a full disk, the database). */
int ledger_write(struct db *db, const struct cfg *cfg, const struct ledger_opts *o, char **path_out, int *pages,
		 char **err);

/* The same with the defaults (phones masked): the entry point for screens. */
int ledger_print(struct db *db, const struct cfg *cfg, enum reg_id reg, const char *from, const char *to,
		 const char *out_path, void (*progress)(void *ud, int done, int total), void *ud, char **path_out,
		 char **err);

/* Where a ledger goes by default: [print] folder (else the working folder) and a name of the
 * register's title and the period: 接待选民登记簿-2026-10.pdf, -2026.pdf for a whole year,
 * -20261001-20261231.pdf otherwise. New string. */
char *ledger_default_path(const struct cfg *cfg, enum reg_id reg, const char *from, const char *to);

/* After a ledger or notice is written: send it to [print] command when one is set. *sent says
 * whether it was sent. Returns 0 (sent, or no command), or -1 with *err (the file stays). */
int ledger_send(const struct cfg *cfg, const char *path, bool *sent, char **err);

#endif
