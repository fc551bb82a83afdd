/* make bench, the PDF item: a month of 2,000 visits printed as the 接待选民登记簿 ledger
 * (ledger_write: the database read page by page twice, every row measured, paginated, drawn with
 * 第 X 页 共 Y 页) against a minimal cairo + pango program drawing the same rows, already in
 * memory, as a plain table (one layout per cell, wrapped in its column, a rule under each row,
 * a new page when full). Target: ratio (ledger / minimal) <= 2.
 *   pdfbench [--runs N] [--rows N]
 * The database and the PDFs are temporary files, removed at the end. */
#include "core/config.h"
#include "core/util.h"
#include "db/db.h"
#include "db/internal.h"
#include "report/ledger.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NCOLS 13

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The rows, as the ledger prints them (phone masked, 序号 first). */
struct rows {
	char **cells; /* n * NCOLS */
	int n;
};

static const char *const contents[] = {
	"村口到小学的路灯坏了三个月，晚上孩子放学看不见路。",
	"全组12户村民联名反映：机耕路被雨水冲毁，收甘蔗的车开不进来，希望尽快修复。",
	"询问城乡居民医保今年的缴费标准和截止时间。",
	"老房子墙体开裂，下雨漏水，想问能不能申请危房改造。",
};

static void make_db(struct db *db, int n)
{
	sqlite3 *h = db_handle(db);
	char *sql = xasprintf("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) "
			      "INSERT INTO visits (date, channel, visitor_name, visitor_gender, visitor_phone, "
			      "visitor_address, people, content, category, handling, reply) "
			      "SELECT printf('2026-10-%%02d', 1 + x %% 31), '日常来访', printf('来访人%%04d', x), '女', "
			      "printf('1390000%%04d', x), '城关镇红旗村3组', 1, "
			      "CASE x %% 4 WHEN 0 THEN '%s' WHEN 1 THEN '%s' WHEN 2 THEN '%s' ELSE '%s' END, "
			      "'城乡建设', '当场答复', '已联系承办单位，答复本月内修复。' FROM c",
			      n, contents[0], contents[1], contents[2], contents[3]);
	char *err = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "pdfbench: %s\n", err);
		exit(1);
	}
	free(sql);
}

static void load_rows(struct db *db, struct rows *r)
{
	sqlite3 *h = db_handle(db);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(h,
			   "SELECT date, channel, visitor_name, visitor_gender, visitor_phone, visitor_address, people, "
			   "content, category, '', handling, reply FROM visits WHERE date BETWEEN '2026-10-01' AND "
			   "'2026-10-31' ORDER BY date, id",
			   -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		r->cells = xrealloc(r->cells, (size_t)(r->n + 1) * NCOLS * sizeof *r->cells);
		char **c = r->cells + (size_t)r->n * NCOLS;
		c[0] = xasprintf("%d", r->n + 1);
		for (int i = 0; i < NCOLS - 1; i++)
			c[i + 1] = xstrdup((const char *)sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i)
										   : "");
		r->n++;
	}
	sqlite3_finalize(st);
}

/* The minimal program: rows in memory, one layout per cell, a rule under each row. */
static void minimal(const struct rows *r, const char *path)
{
	static const double w[NCOLS] = { 3.6, 10, 5.6, 5.4, 3.4, 10, 9, 3.4, 22, 5.4, 7, 5.6, 14 };
	double sum = 0, cw[NCOLS], W = 841.89, H = 595.276, m = 34;
	for (int i = 0; i < NCOLS; i++)
		sum += w[i];
	for (int i = 0; i < NCOLS; i++)
		cw[i] = (W - 2 * m) * w[i] / sum;
	cairo_surface_t *s = cairo_pdf_surface_create(path, W, H);
	cairo_t *cr = cairo_create(s);
	PangoLayout *lay = pango_cairo_create_layout(cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(lay), 72);
	pango_layout_context_changed(lay);
	PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC 10");
	pango_layout_set_font_description(lay, fd);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	double y = m;
	for (int k = 0; k < r->n; k++) {
		double x = m, rowh = 0;
		for (int i = 0; i < NCOLS; i++) {
			int lw, lh;
			pango_layout_set_width(lay, (int)((cw[i] - 6) * PANGO_SCALE));
			pango_layout_set_text(lay, r->cells[(size_t)k * NCOLS + (size_t)i], -1);
			cairo_move_to(cr, x + 3, y + 2.5);
			pango_cairo_show_layout(cr, lay);
			pango_layout_get_size(lay, &lw, &lh);
			if (lh / (double)PANGO_SCALE > rowh)
				rowh = lh / (double)PANGO_SCALE;
			x += cw[i];
		}
		y += rowh + 5;
		cairo_move_to(cr, m, y);
		cairo_line_to(cr, W - m, y);
		cairo_stroke(cr);
		if (y > H - 80) {
			cairo_show_page(cr);
			y = m;
		}
	}
	cairo_show_page(cr);
	g_object_unref(lay);
	pango_font_description_free(fd);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

int main(int argc, char **argv)
{
	int runs = 10, nrows = 2000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--runs"))
			runs = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--rows"))
			nrows = atoi(argv[i + 1]);
	}
	if (runs < 1)
		runs = 1;
	char dir[] = "/tmp/pdfbench.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char *dbp = xasprintf("%s/b.db", dir), *ours = xasprintf("%s/ledger.pdf", dir),
	     *mini = xasprintf("%s/minimal.pdf", dir);
	struct db *db = NULL;
	struct cfg cfg;
	char *err = NULL;
	cfg_defaults(&cfg);
	if (db_open(dbp, DB_OPEN_CREATE, &db, &err) < 0) {
		fprintf(stderr, "pdfbench: %s\n", err);
		return 1;
	}
	make_db(db, nrows);
	struct rows rows = { 0 };
	load_rows(db, &rows);
	double *a = xcalloc((size_t)runs, sizeof *a), *b = xcalloc((size_t)runs, sizeof *b);
	for (int i = 0; i < runs; i++) {
		double t0 = now_ms();
		struct ledger_opts o = { .reg = REG_VISITS, .from = "2026-10-01", .to = "2026-10-31", .out_path = ours };
		int pages = 0;
		if (ledger_write(db, &cfg, &o, NULL, &pages, &err) < 0) {
			fprintf(stderr, "pdfbench: %s\n", err);
			return 1;
		}
		double t1 = now_ms();
		minimal(&rows, mini);
		double t2 = now_ms();
		a[i] = t1 - t0;
		b[i] = t2 - t1;
		if (i == 0)
			printf("PDF ledger: %d rows, %d pages\n", rows.n, pages);
	}
	qsort(a, (size_t)runs, sizeof *a, cmp_double);
	qsort(b, (size_t)runs, sizeof *b, cmp_double);
	double ma = a[runs / 2], mb = b[runs / 2];
	printf("%-32s %8s %8s %6s %6s\n", "item", "median", "minimal", "ratio", "target");
	printf("%-32s %8.1f %8.1f %6.2f %6s  (ms, %d runs)\n", "pdf ledger 2000 visits", ma, mb, ma / mb, "2.0", runs);
	db_close(db);
	unlink(dbp);
	unlink(ours);
	unlink(mini);
	char *wal = xasprintf("%s-wal", dbp), *shm = xasprintf("%s-shm", dbp);
	unlink(wal);
	unlink(shm);
	rmdir(dir);
	cfg_free(&cfg);
	return 0;
}
