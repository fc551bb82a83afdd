/* The printed page on cairo + pango (see pdf.h): the table engine (measure, paginate, draw),
 * the one-page notice, the font check, the safe write (temporary file, fsync, rename) and the
 * print command. */
#include "report/pdf.h"

#include "core/util.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A4 in points (1/72 inch). */
#define A4_SHORT 595.276
#define A4_LONG  841.890
/* Margins, paddings and type sizes, in points. */
#define MARGIN_X   34.0
#define MARGIN_TOP 28.0
#define MARGIN_BOT 26.0
#define PAD_X      3.0
#define PAD_Y      2.5
#define SIZE_BODY  10.0 /* 10 pt: about 五号 (10.5 pt), the size of the paper forms */
#define SIZE_HEAD  10.0
#define SIZE_TITLE 18.0
#define SIZE_SUB   10.5
#define SIZE_FOOT  10.5
#define RULE_THIN  0.45
#define RULE_THICK 1.0
#define PROGRESS_EVERY 64 /* rows between two progress calls */

/* ---- writing a file safely ---- */

/* A file being written: the temporary file in the target folder, renamed at the end. */
struct pdf_out {
	char *path; /* final name; owned */
	char *tmp;  /* temporary name; owned */
	FILE *fp;
	int err; /* errno of the first failed write, 0 when none */
};

/* The clerk's words for errno e while writing path. New string. */
static char *pdf_errno_text(int e, const char *path)
{
	char *dir = xstrdup(path);
	char *msg;
	const char *d = dirname(dir);
	if (e == ENOENT || e == ENOTDIR)
		msg = xasprintf("文件夹不存在：%s", d);
	else if (e == EACCES || e == EPERM || e == EROFS)
		msg = xasprintf("文件夹不能写入（只读或没有权限）：%s", d);
	else if (e == ENOSPC || e == EDQUOT)
		msg = xasprintf("磁盘已满，PDF 没有保存（%s）", d);
	else
		msg = xasprintf("无法写入 %s：%s", path, strerror(e));
	free(dir);
	return msg;
}

/* Create the temporary file next to path. Returns 0, or -1 with *err. */
static int pdf_out_open(struct pdf_out *o, const char *path, char **err)
{
	struct stat st;
	memset(o, 0, sizeof *o);
	if (!path || !*path) {
		*err = xstrdup("没有给出 PDF 文件名");
		return -1;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xasprintf("%s 是一个文件夹，请给出文件名（如 台账.pdf）", path);
		return -1;
	}
	char *dcopy = xstrdup(path), *bcopy = xstrdup(path);
	o->tmp = xasprintf("%s/.%s.XXXXXX", dirname(dcopy), basename(bcopy));
	free(dcopy);
	free(bcopy);
	int fd = mkostemp(o->tmp, O_CLOEXEC); /* O_EXCL: never an existing file */
	if (fd < 0) {
		*err = pdf_errno_text(errno, path);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	(void)fchmod(fd, 0644); /* a printout is for others to read */
	o->fp = fdopen(fd, "wb");
	if (!o->fp)
		die("fdopen");
	o->path = xstrdup(path);
	return 0;
}

/* cairo's write callback: into the temporary file, remembering the first error. */
static cairo_status_t pdf_out_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_out *o = closure;
	if (o->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (fwrite(data, 1, len, o->fp) != len) {
		o->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Drop the temporary file (after a failure). */
static void pdf_out_abandon(struct pdf_out *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
}

/* Finish: flush, fsync, close, rename onto the final name, fsync the folder. ok false (cairo
 * failed): abandon. Returns 0, or -1 with *err (unless it is already set). */
static int pdf_out_close(struct pdf_out *o, bool ok, char **err)
{
	if (ok && !o->err && (fflush(o->fp) || fsync(fileno(o->fp))))
		o->err = errno ? errno : EIO;
	if (!ok || o->err) {
		if (o->err && !*err)
			*err = pdf_errno_text(o->err, o->path);
		pdf_out_abandon(o);
		return -1;
	}
	int rc = fclose(o->fp);
	o->fp = NULL;
	if (rc || rename(o->tmp, o->path)) {
		*err = pdf_errno_text(errno, o->path);
		pdf_out_abandon(o);
		return -1;
	}
	char *dcopy = xstrdup(o->path);
	int dfd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(dcopy);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
	return 0;
}

/* ---- fonts ---- */

/* At exit: drop the font caches of pango and cairo (they live for the process; the leak checker
 * of the sanitizer build would report them). Not FcFini(): it asserts while fontconfig's own
 * caches are still referenced (after a missing font). */
static void pdf_atexit(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
}

/* Register pdf_atexit once, before the first use of pango. */
static void pdf_init(void)
{
	static bool done;
	if (!done) {
		done = true;
		atexit(pdf_atexit);
	}
}

/* The first family of a font description string, lower-cased comparisons done by the caller. */
static char *pdf_family(const PangoFontDescription *fd)
{
	const char *f = pango_font_description_get_family(fd);
	char *s = xstrdup(f ? f : "");
	char *comma = strchr(s, ',');
	if (comma)
		*comma = '\0';
	str_trim(s);
	return s;
}

int pdf_font_check(const char *font, char **err)
{
	const char *name = font && *font ? font : PDF_DEFAULT_FONT;
	pdf_init();
	PangoFontDescription *want = pango_font_description_from_string(name);
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(fm);
	PangoFont *f = pango_context_load_font(ctx, want);
	char *family = pdf_family(want);
	int rc = -1;
	if (f) {
		PangoFontDescription *got = pango_font_describe(f);
		char *gfam = pdf_family(got);
		bool same = !strcasecmp(gfam, family);
		if (same && pango_font_has_char(f, 0x4E2D) && pango_font_has_char(f, 0x9875))
			rc = 0;
		else if (same)
			*err = xasprintf("字体「%s」不含汉字，请在 station.ini 的 [print] font 写一个中文字体，"
					 "或安装 %s（字体「%s」）",
					 family, PDF_FONT_PACKAGE, PDF_DEFAULT_FONT);
		free(gfam);
		pango_font_description_free(got);
		g_object_unref(f);
	}
	if (rc && !*err)
		*err = !strcasecmp(family, PDF_DEFAULT_FONT)
			       ? xasprintf("找不到字体「%s」，请安装 %s（apt-get install %s）", family, PDF_FONT_PACKAGE,
					   PDF_FONT_PACKAGE)
			       : xasprintf("找不到字体「%s」，请安装这个字体，或在 station.ini 的 [print] font 写一个"
					   "已安装的中文字体（如 %s，apt-get install %s）",
					   family, PDF_DEFAULT_FONT, PDF_FONT_PACKAGE);
	free(family);
	g_object_unref(ctx);
	pango_font_description_free(want);
	return rc;
}

/* A font description of the configured family at size points, bold or not. */
static PangoFontDescription *pdf_fd(const char *font, double size, bool bold)
{
	PangoFontDescription *fd = pango_font_description_from_string(font && *font ? font : PDF_DEFAULT_FONT);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	return fd;
}

/* A layout for cr in points: pango-cairo assumes 96 dpi, a PDF is measured in 1/72 inch. */
static PangoLayout *pdf_layout(cairo_t *cr)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(lay), 72);
	pango_layout_context_changed(lay);
	return lay;
}

/* ---- the table ---- */

/* Where a page starts: a row, and how far into it (0 unless the row began on an earlier page). */
struct pdf_page {
	int64_t row;
	double off;
};

struct pdf_eng {
	const struct pdf_table *t;
	cairo_t *cr;
	PangoLayout *lay;                              /* body cells */
	PangoFontDescription *f_body, *f_head, *f_title, *f_sub;
	double pw, ph;                                 /* page size */
	double *colx, *colw;                           /* column left edges and widths */
	double table_w, table_top, head_h, body_top, body_h, line_h;
	double adv_ascii[128], adv_wide;               /* advances for the one-line shortcut */
	/* measuring */
	double *heights;
	int64_t n, cap;
	struct pdf_page *pages;
	int npages, pcap;
	/* drawing */
	int64_t row;  /* index of the row being drawn */
	int page;     /* 0-based page being drawn */
	double y;     /* where the next row starts on the page */
	double rules_end; /* the column rules stop here (0: at the table's end; the empty table's
			   * message runs across all columns) */
	int64_t step; /* progress */
	int64_t steps;
};

static void pdf_progress(struct pdf_eng *e)
{
	e->step++;
	if (e->t->progress && (e->step % PROGRESS_EVERY == 0 || e->step == e->steps))
		e->t->progress(e->t->pud, (int)(e->step > e->steps ? e->steps : e->step), (int)e->steps);
}

/* Lay out text in a box w wide with font fd and alignment; the layout is e->lay's or lay. */
static void pdf_set(PangoLayout *lay, const PangoFontDescription *fd, const char *text, double w, enum pdf_align a)
{
	/* each setter drops the layout's caches: set only what changes */
	const PangoFontDescription *cur = pango_layout_get_font_description(lay);
	if (!cur || !pango_font_description_equal(cur, fd))
		pango_layout_set_font_description(lay, fd);
	int width = w > 0 ? (int)(w * PANGO_SCALE) : -1;
	if (pango_layout_get_width(lay) != width)
		pango_layout_set_width(lay, width);
	if (pango_layout_get_wrap(lay) != PANGO_WRAP_WORD_CHAR)
		pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	PangoAlignment al = a == PDF_RIGHT ? PANGO_ALIGN_RIGHT : a == PDF_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
	if (pango_layout_get_alignment(lay) != al)
		pango_layout_set_alignment(lay, al);
	pango_layout_set_text(lay, text ? text : "", -1);
}

static double pdf_height(PangoLayout *lay)
{
	int w, h;
	pango_layout_get_size(lay, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double pdf_width(PangoLayout *lay)
{
	int w, h;
	pango_layout_get_size(lay, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* The advances of ASCII characters and of one wide (CJK) character, for pdf_one_line. */
static void pdf_measure_chars(struct pdf_eng *e)
{
	char s[2] = { 0, 0 };
	for (int c = 0; c < 128; c++) {
		e->adv_ascii[c] = -1;
		if (c < 32 || c == 127)
			continue;
		s[0] = (char)c;
		pdf_set(e->lay, e->f_body, s, -1, PDF_LEFT);
		e->adv_ascii[c] = pdf_width(e->lay);
	}
	pdf_set(e->lay, e->f_body, "中", -1, PDF_LEFT);
	e->adv_wide = pdf_width(e->lay);
}

/* Surely one line in width w? Sums the advances of ASCII and CJK characters (with a margin);
 * anything else (a line break, other scripts) says no, and the caller measures with pango. */
static bool pdf_one_line(const struct pdf_eng *e, const char *s, double w)
{
	double sum = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p < 128) {
			if (e->adv_ascii[*p] < 0)
				return false;
			sum += e->adv_ascii[*p++];
		} else if ((*p & 0xF0) == 0xE0 && p[1] && p[2]) {
			unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			if (!((cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xFF01 && cp <= 0xFF5E)))
				return false;
			sum += e->adv_wide;
			p += 3;
		} else {
			return false;
		}
		if (sum * 1.02 + 0.5 > w)
			return false;
	}
	return true;
}

/* Height of one row of cells (padding included). */
static double pdf_row_height(struct pdf_eng *e, const char *const *cells)
{
	double h = e->line_h;
	for (int c = 0; c < e->t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";
		double w = e->colw[c] - 2 * PAD_X;
		if (pdf_one_line(e, s, w))
			continue;
		pdf_set(e->lay, e->f_body, s, w, e->t->cols[c].align);
		double ch = pdf_height(e->lay);
		if (ch > h)
			h = ch;
	}
	return h + 2 * PAD_Y;
}

static int pdf_measure_emit(void *eud, const char *const *cells)
{
	struct pdf_eng *e = eud;
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 256;
		e->heights = xrealloc(e->heights, (size_t)e->cap * sizeof *e->heights);
	}
	e->heights[e->n++] = pdf_row_height(e, cells);
	pdf_progress(e);
	return 0;
}

static void pdf_add_page(struct pdf_eng *e, int64_t row, double off)
{
	if (e->npages == e->pcap) {
		e->pcap = e->pcap ? e->pcap * 2 : 16;
		e->pages = xrealloc(e->pages, (size_t)e->pcap * sizeof *e->pages);
	}
	e->pages[e->npages++] = (struct pdf_page){ row, off };
}

/* How much of a row that starts off points in (0: its start) fits on an empty page body, cut
 * between text lines: the part shown. */
static double pdf_cut(const struct pdf_eng *e, double off)
{
	double top = off > 0 ? PAD_Y : 0; /* a continued row gets its top padding again */
	int lines = (int)((e->body_h - top - (off > 0 ? 0 : PAD_Y)) / e->line_h);
	if (lines < 1)
		lines = 1;
	return (off > 0 ? 0 : PAD_Y) + lines * e->line_h;
}

/* Pages from the heights: rows never break unless one alone is taller than a page's body. */
static void pdf_paginate(struct pdf_eng *e)
{
	double y = 0;
	pdf_add_page(e, 0, 0);
	for (int64_t i = 0; i < e->n; i++) {
		double h = e->heights[i];
		if (y + h <= e->body_h + 0.01) {
			y += h;
			continue;
		}
		if (y > 0)
			pdf_add_page(e, i, 0);
		y = h;
		double off = 0;
		while (h - off + (off > 0 ? PAD_Y : 0) > e->body_h + 0.01) { /* taller than a page */
			off += pdf_cut(e, off);
			pdf_add_page(e, i, off);
			y = h - off + PAD_Y;
		}
	}
}

/* One line of text at (x, y) in a box w wide (w < 0: natural width, x is then the anchor of
 * the alignment: left edge, centre or right edge). */
static void pdf_text(struct pdf_eng *e, const PangoFontDescription *fd, const char *s, double x, double y,
		     enum pdf_align a)
{
	if (!s || !*s)
		return;
	pdf_set(e->lay, fd, s, -1, PDF_LEFT);
	double w = pdf_width(e->lay);
	double left = a == PDF_LEFT ? x : a == PDF_CENTER ? x - w / 2 : x - w;
	cairo_move_to(e->cr, left, y);
	pango_cairo_show_layout(e->cr, e->lay);
}

/* The page's top: station, title, period and count, then the table's header row. */
static void pdf_page_top(struct pdf_eng *e)
{
	const struct pdf_page_text *tx = &e->t->text;
	double cx = e->pw / 2, y = MARGIN_TOP;
	char *title = xasprintf("%s%s", tx->heading ? tx->heading : "", tx->title ? tx->title : "");
	pdf_text(e, e->f_title, title, cx, y, PDF_CENTER);
	free(title);
	y += SIZE_TITLE * 1.6;
	pdf_text(e, e->f_sub, tx->subtitle, MARGIN_X, y, PDF_LEFT);
	pdf_text(e, e->f_sub, tx->right, e->pw - MARGIN_X, y, PDF_RIGHT);
	/* header row: shaded, bold, centred both ways */
	cairo_set_source_rgb(e->cr, 0.88, 0.88, 0.88);
	cairo_rectangle(e->cr, MARGIN_X, e->table_top, e->table_w, e->head_h);
	cairo_fill(e->cr);
	cairo_set_source_rgb(e->cr, 0, 0, 0);
	for (int c = 0; c < e->t->ncols; c++) {
		pdf_set(e->lay, e->f_head, e->t->cols[c].title, e->colw[c] - 2 * PAD_X, PDF_CENTER);
		double h = pdf_height(e->lay);
		cairo_move_to(e->cr, e->colx[c] + PAD_X, e->table_top + (e->head_h - h) / 2);
		pango_cairo_show_layout(e->cr, e->lay);
	}
	cairo_set_line_width(e->cr, RULE_THIN);
	cairo_move_to(e->cr, MARGIN_X, e->body_top);
	cairo_line_to(e->cr, MARGIN_X + e->table_w, e->body_top);
	cairo_stroke(e->cr);
	e->y = e->body_top;
}

/* The page's foot: the column rules down to the last row, the frame, signatures, page number
 * and print date; then the page is shown. */
static void pdf_page_end(struct pdf_eng *e)
{
	const struct pdf_page_text *tx = &e->t->text;
	cairo_t *cr = e->cr;
	cairo_set_line_width(cr, RULE_THIN);
	for (int c = 1; c < e->t->ncols; c++) {
		cairo_move_to(cr, e->colx[c], e->table_top);
		cairo_line_to(cr, e->colx[c], e->rules_end > 0 ? e->rules_end : e->y);
	}
	cairo_stroke(cr);
	cairo_set_line_width(cr, RULE_THICK);
	cairo_rectangle(cr, MARGIN_X, e->table_top, e->table_w, e->y - e->table_top);
	cairo_stroke(cr);

	double fy = e->ph - MARGIN_BOT - SIZE_FOOT * 1.4;
	char *sign = xasprintf("登记人：%s        审核人：%s", tx->clerk && *tx->clerk ? tx->clerk : "＿＿＿＿＿＿",
			       tx->reviewer && *tx->reviewer ? tx->reviewer : "＿＿＿＿＿＿");
	char *num = xasprintf("第 %d 页 共 %d 页", e->page + 1, e->npages);
	char *date = xasprintf("打印日期：%s", tx->printed ? tx->printed : "");
	pdf_text(e, e->f_sub, sign, MARGIN_X, fy, PDF_LEFT);
	pdf_text(e, e->f_sub, num, e->pw / 2, fy, PDF_CENTER);
	pdf_text(e, e->f_sub, date, e->pw - MARGIN_X, fy, PDF_RIGHT);
	free(sign);
	free(num);
	free(date);
	cairo_show_page(cr);
	e->page++;
}

/* Draw the part of a row from off (its own coordinates) that is h tall, at e->y. */
static void pdf_draw_part(struct pdf_eng *e, const char *const *cells, double rowh, double off, double h)
{
	cairo_t *cr = e->cr;
	bool whole = off == 0 && h >= rowh - 0.01;
	cairo_save(cr);
	if (!whole) {
		cairo_rectangle(cr, MARGIN_X, e->y, e->table_w, h);
		cairo_clip(cr);
	}
	double top = e->y - off + (off > 0 ? PAD_Y : 0);
	for (int c = 0; c < e->t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";
		if (!*s)
			continue;
		pdf_set(e->lay, e->f_body, s, e->colw[c] - 2 * PAD_X, e->t->cols[c].align);
		double ch = pdf_height(e->lay), dy = PAD_Y;
		if (whole && ch + 2 * PAD_Y < rowh) /* short cells sit in the middle of a tall row */
			dy = (rowh - ch) / 2;
		cairo_move_to(cr, e->colx[c] + PAD_X, top + dy);
		pango_cairo_show_layout(cr, e->lay);
	}
	cairo_restore(cr);
	e->y += h;
	cairo_set_line_width(cr, RULE_THIN);
	cairo_move_to(cr, MARGIN_X, e->y);
	cairo_line_to(cr, MARGIN_X + e->table_w, e->y);
	cairo_stroke(cr);
}

static int pdf_draw_emit(void *eud, const char *const *cells)
{
	struct pdf_eng *e = eud;
	if (e->row >= e->n)
		return 0; /* a row added between the passes: not on the pages counted */
	double h = e->heights[e->row];
	if (e->page + 1 < e->npages && e->pages[e->page + 1].row == e->row && e->pages[e->page + 1].off == 0) {
		pdf_page_end(e);
		pdf_page_top(e);
	}
	double off = 0;
	while (e->page + 1 < e->npages && e->pages[e->page + 1].row == e->row) {
		double next = e->pages[e->page + 1].off;
		pdf_draw_part(e, cells, h, off, pdf_cut(e, off)); /* whole lines only */
		off = next;
		pdf_page_end(e);
		pdf_page_top(e);
	}
	pdf_draw_part(e, cells, h, off, off > 0 ? h - off + PAD_Y : h);
	e->row++;
	pdf_progress(e);
	return 0;
}

/* Columns, header row and body from the page size and the column weights. */
static void pdf_geometry(struct pdf_eng *e)
{
	const struct pdf_table *t = e->t;
	double sum = 0, x = MARGIN_X;
	e->pw = t->portrait ? A4_SHORT : A4_LONG;
	e->ph = t->portrait ? A4_LONG : A4_SHORT;
	e->table_w = e->pw - 2 * MARGIN_X;
	e->colx = xcalloc((size_t)t->ncols, sizeof *e->colx);
	e->colw = xcalloc((size_t)t->ncols, sizeof *e->colw);
	for (int c = 0; c < t->ncols; c++)
		sum += t->cols[c].weight > 0 ? t->cols[c].weight : 1;
	for (int c = 0; c < t->ncols; c++) {
		e->colx[c] = x;
		e->colw[c] = e->table_w * (t->cols[c].weight > 0 ? t->cols[c].weight : 1) / sum;
		x += e->colw[c];
	}
	pdf_set(e->lay, e->f_body, "中", -1, PDF_LEFT);
	e->line_h = pdf_height(e->lay);
	e->head_h = e->line_h;
	for (int c = 0; c < t->ncols; c++) {
		pdf_set(e->lay, e->f_head, t->cols[c].title, e->colw[c] - 2 * PAD_X, PDF_CENTER);
		double h = pdf_height(e->lay);
		if (h > e->head_h)
			e->head_h = h;
	}
	e->head_h += 2 * PAD_Y + 2;
	e->table_top = MARGIN_TOP + SIZE_TITLE * 1.6 + SIZE_SUB * 1.9;
	e->body_top = e->table_top + e->head_h;
	e->body_h = e->ph - MARGIN_BOT - SIZE_FOOT * 2.6 - e->body_top;
}

static void pdf_eng_free(struct pdf_eng *e)
{
	if (e->lay)
		g_object_unref(e->lay);
	if (e->cr)
		cairo_destroy(e->cr);
	pango_font_description_free(e->f_body);
	pango_font_description_free(e->f_head);
	pango_font_description_free(e->f_title);
	pango_font_description_free(e->f_sub);
	free(e->colx);
	free(e->colw);
	free(e->heights);
	free(e->pages);
}

/* The table with no rows: one row across all columns saying so. */
static void pdf_draw_empty(struct pdf_eng *e)
{
	const char *s = e->t->text.empty && *e->t->text.empty ? e->t->text.empty : "无记录";
	pdf_set(e->lay, e->f_sub, s, e->table_w, PDF_CENTER);
	double h = pdf_height(e->lay) + 6 * PAD_Y;
	cairo_move_to(e->cr, MARGIN_X, e->y + 3 * PAD_Y);
	pango_cairo_show_layout(e->cr, e->lay);
	e->y += h;
	e->rules_end = e->body_top; /* no column rules through the message: only the header's */
}

int pdf_table_write(const struct pdf_table *t, const char *path, int *pages, char **err)
{
	struct pdf_eng e = { .t = t };
	struct pdf_out o;
	int rc = -1;
	*err = NULL;
	if (pdf_font_check(t->font, err) < 0)
		return -1;
	if (pdf_out_open(&o, path, err) < 0)
		return -1;
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(pdf_out_write, &o, t->portrait ? A4_SHORT : A4_LONG,
								    t->portrait ? A4_LONG : A4_SHORT);
	e.cr = cairo_create(surf);
	e.lay = pdf_layout(e.cr);
	e.f_body = pdf_fd(t->font, SIZE_BODY, false);
	e.f_head = pdf_fd(t->font, SIZE_HEAD, true);
	e.f_title = pdf_fd(t->font, SIZE_TITLE, true);
	e.f_sub = pdf_fd(t->font, SIZE_SUB, false);
	e.steps = t->total > 0 ? 2 * t->total : 0;
	pdf_geometry(&e);
	pdf_measure_chars(&e);
	if (t->rows(t->ud, pdf_measure_emit, &e, err) < 0)
		goto out;
	if (e.steps < 2 * e.n)
		e.steps = 2 * e.n;
	pdf_paginate(&e);
	pdf_page_top(&e);
	if (e.n == 0)
		pdf_draw_empty(&e);
	else if (t->rows(t->ud, pdf_draw_emit, &e, err) < 0)
		goto out;
	pdf_page_end(&e);
	if (pages)
		*pages = e.npages;
	rc = 0;
out:
	cairo_destroy(e.cr);
	e.cr = NULL;
	cairo_surface_finish(surf);
	cairo_status_t st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (rc == 0 && st != CAIRO_STATUS_SUCCESS && !o.err)
		*err = xasprintf("无法生成 PDF：%s", cairo_status_to_string(st));
	if (pdf_out_close(&o, rc == 0 && st == CAIRO_STATUS_SUCCESS, err) < 0)
		rc = -1;
	pdf_eng_free(&e);
	return rc;
}

/* ---- the notice ---- */

int pdf_notice_write(const struct pdf_notice *n, const char *path, char **err)
{
	struct pdf_out o;
	*err = NULL;
	if (pdf_font_check(n->font, err) < 0)
		return -1;
	if (pdf_out_open(&o, path, err) < 0)
		return -1;
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(pdf_out_write, &o, A4_SHORT, A4_LONG);
	cairo_t *cr = cairo_create(surf);
	PangoLayout *lay = pdf_layout(cr);
	PangoFontDescription *ft = pdf_fd(n->font, 26, true), *fb = pdf_fd(n->font, 15, false);
	double mx = 72, w = A4_SHORT - 2 * mx, y = 110;

	pdf_set(lay, ft, n->title, w, PDF_CENTER);
	cairo_move_to(cr, mx, y);
	pango_cairo_show_layout(cr, lay);
	y += pdf_height(lay) + 36;
	pango_layout_set_line_spacing(lay, 1.6f);
	for (int i = 0; i < n->nparas; i++) {
		pdf_set(lay, fb, n->paras[i], w, PDF_LEFT);
		pango_layout_set_indent(lay, (int)(2 * 15 * PANGO_SCALE)); /* two characters */
		cairo_move_to(cr, mx, y);
		pango_cairo_show_layout(cr, lay);
		y += pdf_height(lay) + 12;
		pango_layout_set_indent(lay, 0);
	}
	y += 40;
	for (int i = 0; i < n->nsign; i++) {
		pdf_set(lay, fb, n->sign[i], w, PDF_RIGHT);
		cairo_move_to(cr, mx, y);
		pango_cairo_show_layout(cr, lay);
		y += pdf_height(lay) + 4;
	}
	if (n->reviewer) {
		char *s = xasprintf("审核人：%s", *n->reviewer ? n->reviewer : "＿＿＿＿＿＿");
		pdf_set(lay, fb, s, w, PDF_LEFT);
		cairo_move_to(cr, mx, A4_LONG - 110);
		pango_cairo_show_layout(cr, lay);
		free(s);
	}
	cairo_show_page(cr);
	g_object_unref(lay);
	pango_font_description_free(ft);
	pango_font_description_free(fb);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	cairo_status_t st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (st != CAIRO_STATUS_SUCCESS && !o.err)
		*err = xasprintf("无法生成 PDF：%s", cairo_status_to_string(st));
	return pdf_out_close(&o, st == CAIRO_STATUS_SUCCESS, err);
}

/* ---- printing ---- */

int pdf_send(const char *command, const char *path, char **err)
{
	pid_t pid = fork();
	if (pid < 0) {
		*err = xasprintf("无法运行打印命令 %s：%s", command, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		char *script = xasprintf("%s \"$1\"", command);
		execl("/bin/sh", "sh", "-c", script, "sh", path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			*err = xasprintf("打印命令 %s 出错：%s", command, strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		*err = xasprintf("找不到打印命令 %s（station.ini 的 [print] command），文件已保存", command);
	else
		*err = xasprintf("打印命令 %s 失败（退出码 %d），文件已保存", command,
				 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return -1;
}
