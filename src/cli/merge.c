/* station merge FILE... -o OUT [--expect CODES] [--force]: the county merges the stations'
 * summaries (or detail lists) into one table (report/merge.c, docs/EXPORT.md). */
#include "cli/cli.h"

#include "core/util.h"
#include "report/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_merge(const struct cfg *cfg, const struct cli_export_args *a)
{
	if (a->nargs < 1) {
		cli_error("%s", cli_msg("merge 后面要写要合并的文件", "merge needs the files to merge"));
		return CLI_USAGE;
	}
	if (!a->out) {
		cli_error("%s",
			  cli_msg("merge 要用 -o 给出合并后的文件名", "merge needs -o FILE for the merged table"));
		return CLI_USAGE;
	}
	struct merge_opts o = { .expect = a->expect, .force = a->force, .enc = cfg->csv_encoding };
	char *notes = NULL, *err = NULL;
	int rows = 0;
	if (merge_files(a->args, a->nargs, a->out, &o, &notes, &rows, &err) < 0) {
		char *save = NULL;
		for (char *line = strtok_r(err, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			cli_error(cli_msg("%s", "merge: %s"), line);
		free(err);
		return CLI_PROBLEMS;
	}
	if (notes) {
		char *save = NULL;
		for (char *line = strtok_r(notes, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			cli_error(cli_msg("%s", "note: %s"), line);
		free(notes);
	}
	printf(cli_msg("已合并 %d 个文件，%d 行，写到 %s\n", "merged %d files, %d rows, into %s\n"), a->nargs, rows,
	       a->out);
	return CLI_OK;
}
