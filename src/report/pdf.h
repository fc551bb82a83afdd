/* The printed page: a ruled table over A4 pages (cairo + pango), and a one-page notice.
 *
 * A table is laid out in two passes over the same rows: the first measures every row's height
 * with pango (the Chinese text wraps inside its cell) and paginates, so that every page can say
 * 第 X 页 共 Y 页; the second draws. Rows are streamed both times by the caller's rows function
 * (page by page from the database), so only one row's text and one height per row are held.
 * A row never breaks across pages unless it alone is taller than a page's body; then it is cut
 * between text lines and the header is repeated on the next page.
 *
 * Every file is written to a temporary file in the target folder (created with O_EXCL) and
 * renamed onto its name only after cairo reports success and the data is on disk (fsync): a
 * missing or read-only folder, a full disk or a failed write leaves no file under the final name
 * (an existing file of that name is kept as it was). Errors: -1 and *err a new Chinese message. */
#ifndef STATION_REPORT_PDF_H
#define STATION_REPORT_PDF_H

#include <stdbool.h>
#include <stdint.h>

/* The font used when station.ini names none, and the Debian package that provides it. */
#define PDF_DEFAULT_FONT  "Noto Sans CJK SC"
#define PDF_FONT_PACKAGE  "fonts-noto-cjk"

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* One column: its title, its share of the table's width (any unit: the shares are summed) and
 * how its cells are aligned. */
struct pdf_col {
	const char *title;
	double weight;
	enum pdf_align align;
};

/* The words around the table on every page; all borrowed, "" or NULL where there are none. */
struct pdf_page_text {
	const char *heading;  /* the station's name, above the title */
	const char *title;    /* the register's title, large */
	const char *subtitle; /* left under the title: the period */
	const char *right;    /* right under the title: e.g. "共 12 条" */
	const char *printed;  /* the print date, "YYYY-MM-DD" */
	const char *clerk;    /* 登记人 name, or "" for a blank line to sign on */
	const char *reviewer; /* 审核人 name, or "" */
	const char *empty;    /* what the table says when there are no rows (e.g. 本期无记录) */
};

/* Called by a rows function for each row: ncols cells (borrowed for the call; "" for none).
 * Returns non-zero to stop the rows function (it must then return -1). */
typedef int (*pdf_emit_fn)(void *eud, const char *const *cells);
/* Streams the rows of a table in order, calling emit for each. Called twice (measure, draw);
 * must give the same rows both times. Returns 0, or -1 with *err. */
typedef int (*pdf_rows_fn)(void *ud, pdf_emit_fn emit, void *eud, char **err);

struct pdf_table {
	const struct pdf_col *cols;
	int ncols;
	bool portrait;    /* false: A4 landscape (the ledgers) */
	const char *font; /* a pango font description ("Noto Sans CJK SC"); NULL or "": default */
	struct pdf_page_text text;
	pdf_rows_fn rows;
	void *ud;
	int64_t total; /* rows expected (for progress only; 0 when unknown) */
	/* Progress, may be NULL: done of total steps (total = 2 * rows: measuring, then drawing). */
	void (*progress)(void *pud, int done, int total);
	void *pud;
};

/* Write the table to path (see above). *pages (may be NULL) gets the page count. */
int pdf_table_write(const struct pdf_table *t, const char *path, int *pages, char **err);

/* A one-page notice (A4 portrait): a title, paragraphs of text (each indented, wrapped), then
 * right-aligned signature lines (issuer, date) and 审核人. All borrowed. */
struct pdf_notice {
	const char *font;
	const char *title;
	const char *const *paras;
	int nparas;
	const char *const *sign; /* right-aligned lines at the foot: issuer, date */
	int nsign;
	const char *reviewer; /* 审核人 name, or "" for a line to sign on; NULL: no such line */
};
int pdf_notice_write(const struct pdf_notice *n, const char *path, char **err);

/* Does the font exist and cover Chinese? fontconfig silently substitutes another font for a
 * missing one, so this compares the family pango loaded with the one asked for and checks that
 * it has 汉字. Returns 0, or -1 with a message naming the package to install. */
int pdf_font_check(const char *font, char **err);

/* Send a written PDF to a print command (station.ini [print] command, e.g. "lp" or
 * "lp -d 打印机"): run through /bin/sh as `command "path"`, with output discarded. Returns 0
 * when the command ran and exited 0, else -1 with *err saying what happened (the file stays). */
int pdf_send(const char *command, const char *path, char **err);

#endif
