/* Summary and detail exports (export.h): the columns of core/summary.c through the CSV writer,
 * personal data masked unless asked, rows streamed from db/summary.c. */
#include "report/export.h"

#include "core/summary.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/summary.h"
#include "report/csvout.h"

#include <stdlib.h>
#include <string.h>

int export_summary(const struct summary *s, const char *path, const struct export_opts *o, char **err)
{
	struct csvout *w = NULL;
	if (csvout_open(path, o->enc, o->force, &w, err) < 0)
		return -1;
	for (int c = 0; c < SUM_N; c++)
		csvout_text(w, summary_cols[c].header);
	csvout_end_row(w);
	for (int c = 0; c < SUM_N; c++) {
		char *v = summary_cell(s, c);
		if (summary_cols[c].kind == SK_TEXT || summary_cols[c].kind == SK_FLAG)
			csvout_text(w, v);
		else
			csvout_num(w, v);
		free(v);
	}
	csvout_end_row(w);
	if (o->progress)
		o->progress(o->ud, 1, 1);
	return csvout_close(w, err);
}

struct export_ctx {
	struct csvout *w;
	const struct detail_def *def;
	const struct export_opts *o;
	int64_t done, total;
};

static int export_row(void *ud, const char *const *cells)
{
	struct export_ctx *x = ud;
	for (int i = 0; i < x->def->ncols; i++) {
		enum detail_type t = x->def->cols[i].type;
		char *m = NULL;
		if (t == DT_INT) {
			csvout_num(x->w, cells[i]);
			continue;
		}
		if (!x->o->unmasked && *cells[i])
			m = t == DT_PHONE         ? visit_mask_phone(cells[i])
				: t == DT_ADDRESS ? summary_mask_address(cells[i])
				: t == DT_IDNO    ? summary_mask_idno(cells[i])
						  : NULL;
		csvout_text(x->w, m ? m : cells[i]);
		free(m);
	}
	csvout_text(x->w, x->o->code);
	csvout_int(x->w, SUMMARY_FORMAT);
	csvout_end_row(x->w);
	if (++x->done % EXPORT_PROGRESS_ROWS == 0 && x->o->progress)
		x->o->progress(x->o->ud, x->done, x->total);
	return 0;
}

int export_details(struct db *db, int kind, const char *from, const char *to, const char *path,
		   const struct export_opts *o, int64_t *rows, char **err)
{
	struct export_ctx x = { .def = &detail_defs[kind], .o = o };
	if (rows)
		*rows = 0;
	if (o->progress && db_summary_details_count(db, kind, from, to, &x.total, err) < 0)
		return -1;
	if (csvout_open(path, o->enc, o->force, &x.w, err) < 0)
		return -1;
	for (int i = 0; i < x.def->ncols; i++)
		csvout_text(x.w, x.def->cols[i].header);
	csvout_text(x.w, EXPORT_COL_CODE);
	csvout_text(x.w, EXPORT_COL_VERSION);
	csvout_end_row(x.w);
	if (db_summary_details(db, kind, from, to, export_row, &x, err) < 0) {
		csvout_abort(x.w);
		return -1;
	}
	if (o->progress)
		o->progress(o->ud, x.done, x.total);
	if (rows)
		*rows = x.done;
	return csvout_close(x.w, err);
}

char *export_default_path(const char *folder, const char *code, int kind, const char *from, const char *to)
{
	const char *what = kind == EXPORT_SUMMARY ? "汇总" : detail_defs[kind].title;
	char *name = xasprintf("%s-%s-%s_%s.csv", code && *code ? code : "station", what, from, to);
	if (!folder || !*folder)
		return name;
	size_t n = strlen(folder);
	char *p = xasprintf("%s%s%s", folder, folder[n - 1] == '/' ? "" : "/", name);
	free(name);
	return p;
}
