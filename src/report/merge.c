/* station merge (merge.h): read and check every file, drop exact duplicates, report conflicts,
 * then write the merged table through the CSV writer. */
#include "report/merge.h"

#include "core/summary.h"
#include "core/util.h"
#include "report/csvin.h"
#include "report/csvout.h"
#include "report/export.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a file holds. */
#define MERGE_SUMMARY (-1)
#define MERGE_UNKNOWN (-2)

/* One data row kept for the output. */
struct mrow {
	char **cells;     /* borrowed from its file's csvin */
	const char *key;  /* owned */
	const char *file; /* borrowed path */
	int line;
};

struct merge {
	int kind; /* MERGE_SUMMARY or a detail kind; MERGE_UNKNOWN before the first file */
	int ncols;
	struct csvin **files; /* owned */
	int nfiles;
	struct mrow *rows; /* owned (keys) */
	int nrows, cap;
	struct strbuf err, notes;
	int nerr;
};

/* The file as UTF-8: read by csvin, or (when csvin refuses its bytes) converted from GB18030. */
static int merge_read(const char *path, struct csvin **out, char **err)
{
	if (csvin_read_file(path, out, err) == 0)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = CSVIN_MAX_BYTES + 1, n;
	char *buf = xmalloc(cap);
	n = fread(buf, 1, cap, f);
	fclose(f);
	if (n >= cap) {
		free(buf);
		return -1;
	}
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t ocap = n * 2 + 16, inleft = n, outleft = ocap;
	char *obuf = xmalloc(ocap), *in = buf, *o = obuf;
	size_t r = iconv(cd, &in, &inleft, &o, &outleft);
	iconv_close(cd);
	int rc = -1;
	if (r != (size_t)-1) {
		char *e2 = NULL;
		if (csvin_parse(obuf, (size_t)(o - obuf), path, out, &e2) == 0) {
			free(*err);
			*err = NULL;
			rc = 0;
		}
		free(e2);
	}
	free(buf);
	free(obuf);
	return rc;
}

static void merge_problem(struct merge *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void merge_problem(struct merge *m, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	if (m->nerr < 50)
		sb_addf(&m->err, "%s%s", m->err.len ? "\n" : "", s);
	m->nerr++;
	free(s);
}

/* The kind a header names: MERGE_SUMMARY, a detail kind, or MERGE_UNKNOWN. */
static int merge_kind(const struct csvin_row *h)
{
	if (h->ncells == SUM_N) {
		int c = 0;
		while (c < SUM_N && !strcmp(h->cells[c], summary_cols[c].header))
			c++;
		if (c == SUM_N)
			return MERGE_SUMMARY;
	}
	for (int k = 0; k < DETAIL_COUNT; k++) {
		const struct detail_def *d = &detail_defs[k];
		if (h->ncells != d->ncols + 2 || strcmp(h->cells[d->ncols], EXPORT_COL_CODE) ||
		    strcmp(h->cells[d->ncols + 1], EXPORT_COL_VERSION))
			continue;
		int c = 0;
		while (c < d->ncols && !strcmp(h->cells[c], d->cols[c].header))
			c++;
		if (c == d->ncols)
			return k;
	}
	return MERGE_UNKNOWN;
}

/* True if h is the header of a summary of format 1 (the columns before 五环五时 and 民生实事项目
 * were appended): refused with its own message, as its rows cannot be added to the new ones. */
static bool merge_summary_v1(const struct csvin_row *h)
{
	if (h->ncells != SUM_N_V1)
		return false;
	for (int c = 0; c < SUM_N_V1; c++)
		if (strcmp(h->cells[c], summary_cols[c].header))
			return false;
	return true;
}

/* The 格式版本 column of a header, or -1. */
static int merge_version_col(const struct csvin_row *h)
{
	for (int c = 0; c < h->ncells; c++)
		if (!strcmp(h->cells[c], EXPORT_COL_VERSION))
			return c;
	return -1;
}

static bool merge_is_uint(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static const char *merge_kind_name(int kind) { return kind == MERGE_SUMMARY ? "汇总表" : detail_defs[kind].title; }

/* Check one row of a file of a known kind; report what is wrong with it. True if it is good. */
static bool merge_check_row(struct merge *m, const char *path, const struct csvin_row *h, const struct csvin_row *r,
			    int vcol)
{
	if (r->ncells != h->ncells) {
		merge_problem(m, "%s 第 %d 行：有 %d 列，应为 %d 列", path, r->line, r->ncells, h->ncells);
		return false;
	}
	const char *v = r->cells[vcol];
	/* Detail files kept their columns in format 2: a detail file of format 1 is the same. */
	bool known = merge_is_uint(v) && (atoi(v) == SUMMARY_FORMAT || (m->kind != MERGE_SUMMARY && atoi(v) == 1));
	if (!known) {
		merge_problem(m, "%s 第 %d 行第 %d 列（%s）：%s「%s」，本程序只认格式版本 %d", path, r->line, vcol + 1,
			      EXPORT_COL_VERSION,
			      merge_is_uint(v) && atoi(v) > SUMMARY_FORMAT ? "格式版本更新" : "格式版本不认识", v,
			      SUMMARY_FORMAT);
		return false;
	}
	bool ok = true;
	if (m->kind == MERGE_SUMMARY) {
		for (int c = 0; c < SUM_N; c++) {
			const char *s = r->cells[c];
			bool good = summary_cols[c].kind == SK_INT ? merge_is_uint(s)
				: summary_cols[c].kind == SK_FLAG  ? (!*s || !strcmp(s, "是") || !strcmp(s, "否"))
								   : true;
			if (!good) {
				merge_problem(m, "%s 第 %d 行第 %d 列（%s）：应为%s，不是「%s」", path, r->line, c + 1,
					      summary_cols[c].header,
					      summary_cols[c].kind == SK_INT ? "不小于 0 的整数" : "「是」「否」或空",
					      s);
				ok = false;
			}
		}
		if (!*r->cells[SUM_CODE]) {
			merge_problem(m, "%s 第 %d 行第 %d 列（%s）：没有联络站编号", path, r->line, SUM_CODE + 1,
				      summary_cols[SUM_CODE].header);
			ok = false;
		}
	} else {
		const struct detail_def *d = &detail_defs[m->kind];
		for (int c = 0; c < d->ncols; c++)
			if (d->cols[c].type == DT_INT && *r->cells[c] && !merge_is_uint(r->cells[c])) {
				merge_problem(m, "%s 第 %d 行第 %d 列（%s）：应为不小于 0 的整数，不是「%s」", path,
					      r->line, c + 1, d->cols[c].header, r->cells[c]);
				ok = false;
			}
		if (!*r->cells[0]) {
			merge_problem(m, "%s 第 %d 行第 1 列（uid）：没有 uid", path, r->line);
			ok = false;
		}
	}
	return ok;
}

/* Add a checked row under its key (duplicates are found later by merge_dedupe, after a sort). */
static void merge_add(struct merge *m, char **cells, const char *path, int line)
{
	char *key = m->kind == MERGE_SUMMARY ? xasprintf("%s|%s|%s", cells[SUM_CODE], cells[SUM_FROM], cells[SUM_TO])
					     : xstrdup(cells[0]);
	if (m->nrows == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->rows = xrealloc(m->rows, (size_t)m->cap * sizeof *m->rows);
	}
	m->rows[m->nrows++] = (struct mrow){ cells, key, path, line };
}

static int merge_cmp_key(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	/* Same key: keep file order (file pointer order is the argument order; then line). */
	return x->file != y->file ? (x->file < y->file ? -1 : 1) : x->line - y->line;
}

/* Sort by key; drop exact duplicates (noted), report conflicts. */
static void merge_dedupe(struct merge *m)
{
	qsort(m->rows, (size_t)m->nrows, sizeof *m->rows, merge_cmp_key);
	int w = 0;
	for (int i = 0; i < m->nrows; i++) {
		struct mrow *r = &m->rows[i];
		if (w > 0 && !strcmp(m->rows[w - 1].key, r->key)) {
			struct mrow *k = &m->rows[w - 1];
			int c = 0;
			while (c < m->ncols && !strcmp(k->cells[c], r->cells[c]))
				c++;
			const char *what = m->kind == MERGE_SUMMARY ? "联络站和期间" : "uid";
			if (c == m->ncols)
				sb_addf(&m->notes, "%s%s 第 %d 行与 %s 第 %d 行完全相同（%s %s），只保留一行",
					m->notes.len ? "\n" : "", r->file, r->line, k->file, k->line, what, r->key);
			else
				merge_problem(m,
					      "冲突：%s %s 在 %s 第 %d 行和 %s 第 %d 行内容不同（第 %d 列 "
					      "%s：「%s」和「%s」）",
					      what, r->key, k->file, k->line, r->file, r->line, c + 1,
					      m->kind == MERGE_SUMMARY ? summary_cols[c].header
								       : detail_defs[m->kind].cols[c].header,
					      k->cells[c], r->cells[c]);
			free((char *)r->key);
			continue;
		}
		m->rows[w++] = *r;
	}
	m->nrows = w;
}

/* Read and check one file; its good rows join m. */
static void merge_file(struct merge *m, const char *path)
{
	struct csvin *in = NULL;
	char *err = NULL;
	if (merge_read(path, &in, &err) < 0) {
		merge_problem(m, "%s", err ? err : "无法读取");
		free(err);
		return;
	}
	m->files = xrealloc(m->files, (size_t)(m->nfiles + 1) * sizeof *m->files);
	m->files[m->nfiles++] = in;
	if (!in->nrows) {
		merge_problem(m, "%s：文件是空的", path);
		return;
	}
	const struct csvin_row *h = &in->rows[0];
	int kind = merge_kind(h), vcol = merge_version_col(h);
	if (kind == MERGE_UNKNOWN && merge_summary_v1(h)) {
		merge_problem(m,
			      "%s：是旧版 station 导出的汇总表（格式版本 1，没有五环五时和民生实事项目的列），"
			      "不能和格式版本 %d 的合并：请这个站升级 station 后重新导出这个期间的汇总表",
			      path, SUMMARY_FORMAT);
		return;
	}
	if (kind == MERGE_UNKNOWN) {
		const char *v = vcol >= 0 && in->nrows > 1 && vcol < in->rows[1].ncells ? in->rows[1].cells[vcol] : "";
		if (merge_is_uint(v) && atoi(v) > SUMMARY_FORMAT)
			merge_problem(m, "%s：格式版本 %s 比本程序新（本程序只认 %d），请先升级 station", path, v,
				      SUMMARY_FORMAT);
		else
			merge_problem(m, "%s 第 %d 行：列名不认识，不是 station 导出的汇总表或明细（格式版本 %d）",
				      path, h->line, SUMMARY_FORMAT);
		return;
	}
	if (m->kind == MERGE_UNKNOWN) {
		m->kind = kind;
		m->ncols = h->ncells;
	} else if (m->kind != kind) {
		merge_problem(m, "%s 是%s，前面的文件是%s：不能合并在一起", path, merge_kind_name(kind),
			      merge_kind_name(m->kind));
		return;
	}
	for (int i = 1; i < in->nrows; i++)
		if (merge_check_row(m, path, h, &in->rows[i], vcol))
			merge_add(m, in->rows[i].cells, path, in->rows[i].line);
}

static void merge_free(struct merge *m)
{
	for (int i = 0; i < m->nrows; i++)
		free((char *)m->rows[i].key);
	free(m->rows);
	for (int i = 0; i < m->nfiles; i++)
		csvin_free(m->files[i]);
	free(m->files);
	sb_free(&m->err);
	sb_free(&m->notes);
}

/* True if code is in the expected list (comma-separated). */
static bool merge_expected(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, code, n))
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

/* A summary cell written as its kind asks. */
static void merge_summary_cell(struct csvout *w, int c, const char *v)
{
	if (summary_cols[c].kind == SK_TEXT || summary_cols[c].kind == SK_FLAG)
		csvout_text(w, v);
	else
		csvout_num(w, v);
}

/* The total row: counts summed, rates from the sums, the period if all rows share it. */
static void merge_total(struct merge *m, struct csvout *w)
{
	struct summary t;
	bool same = true;
	int met = 0, unmet = 0;
	for (int i = 1; i < m->nrows; i++)
		if (strcmp(m->rows[i].cells[SUM_FROM], m->rows[0].cells[SUM_FROM]) ||
		    strcmp(m->rows[i].cells[SUM_TO], m->rows[0].cells[SUM_TO]))
			same = false;
	char *name = xasprintf("共 %d 站", m->nrows);
	summary_init(&t, "合计", name, same ? m->rows[0].cells[SUM_PERIOD] : "多个期间",
		     same ? m->rows[0].cells[SUM_FROM] : "", same ? m->rows[0].cells[SUM_TO] : "");
	free(name);
	for (int i = 0; i < m->nrows; i++) {
		for (int c = SUM_RECEPTION_DAYS; c < SUM_N; c++)
			if (summary_cols[c].kind == SK_INT && c != SUM_QUARTERS)
				t.n[c] += strtoll(m->rows[i].cells[c], NULL, 10);
		met += !strcmp(m->rows[i].cells[SUM_MIN_MET], "是");
		unmet += !strcmp(m->rows[i].cells[SUM_MIN_MET], "否");
	}
	t.n[SUM_QUARTERS] = strtoll(m->rows[0].cells[SUM_QUARTERS], NULL, 10);
	for (int c = 0; c < SUM_N; c++) {
		char *v = c == SUM_QUARTERS && !same ? xstrdup("")
			: c == SUM_MIN_MET           ? xasprintf("达标 %d 站，未达标 %d 站", met, unmet)
						     : summary_cell(&t, c);
		merge_summary_cell(w, c, v);
		free(v);
	}
	csvout_end_row(w);
	summary_free(&t);
}

/* Write m to out. */
static int merge_write(struct merge *m, const char *out, const struct merge_opts *o, int *rows, char **err)
{
	struct csvout *w = NULL;
	if (csvout_open(out, o->enc, o->force, &w, err) < 0)
		return -1;
	for (int c = 0; c < m->ncols; c++)
		csvout_text(w,
			    m->kind == MERGE_SUMMARY                 ? summary_cols[c].header
				    : c < detail_defs[m->kind].ncols ? detail_defs[m->kind].cols[c].header
				    : c == m->ncols - 2              ? EXPORT_COL_CODE
								     : EXPORT_COL_VERSION);
	csvout_end_row(w);
	*rows = 0;
	if (m->kind == MERGE_SUMMARY) {
		merge_total(m, w);
		(*rows)++;
	}
	for (int i = 0; i < m->nrows; i++) {
		for (int c = 0; c < m->ncols; c++) {
			const char *v = m->rows[i].cells[c];
			const struct detail_def *d = m->kind == MERGE_SUMMARY ? NULL : &detail_defs[m->kind];
			if (!d)
				merge_summary_cell(w, c, v);
			else if (c == m->ncols - 1 || (c < d->ncols && d->cols[c].type == DT_INT))
				csvout_num(w, v);
			else
				csvout_text(w, v);
		}
		csvout_end_row(w);
		(*rows)++;
	}
	/* Stations expected that sent nothing: a row each, marked 未报送. */
	for (const char *p = o->expect; m->kind == MERGE_SUMMARY && p && *p;) {
		const char *e = strchr(p, ',');
		char *code = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
		bool found = false;
		for (int i = 0; i < m->nrows && !found; i++)
			found = !strcmp(m->rows[i].cells[SUM_CODE], code);
		if (!found && *code) {
			char version[16];
			snprintf(version, sizeof version, "%d", SUMMARY_FORMAT);
			for (int c = 0; c < SUM_N; c++)
				merge_summary_cell(w, c,
						   c == SUM_VERSION        ? version
							   : c == SUM_CODE ? code
							   : c == SUM_NAME ? "未报送"
									   : "");
			csvout_end_row(w);
			(*rows)++;
		}
		free(code);
		p = e ? e + 1 : NULL;
	}
	return csvout_close(w, err);
}

/* Notes about --expect: who is missing, who was not expected. */
static void merge_expect_notes(struct merge *m, const char *expect)
{
	int codecol = m->kind == MERGE_SUMMARY ? SUM_CODE : m->ncols - 2;
	for (const char *p = expect; p && *p;) {
		const char *e = strchr(p, ',');
		char *code = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
		bool found = false;
		for (int i = 0; i < m->nrows && !found; i++)
			found = !strcmp(m->rows[i].cells[codecol], code);
		if (!found && *code)
			sb_addf(&m->notes, "%s未报送：%s", m->notes.len ? "\n" : "", code);
		free(code);
		p = e ? e + 1 : NULL;
	}
	for (int i = 0; i < m->nrows; i++) {
		const char *code = m->rows[i].cells[codecol];
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = !strcmp(m->rows[j].cells[codecol], code);
		if (!seen && !merge_expected(expect, code))
			sb_addf(&m->notes, "%s不在应报送名单中：%s（%s）", m->notes.len ? "\n" : "", code,
				m->rows[i].file);
	}
}

/* Summary rows by station code, then period. */
static int merge_cmp_station(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;
	return strcmp(x->key, y->key);
}

int merge_files(char *const *paths, int n, const char *out, const struct merge_opts *o, char **notes, int *rows,
		char **err)
{
	struct merge m = { .kind = MERGE_UNKNOWN };
	int rc = -1;
	sb_init(&m.err);
	sb_init(&m.notes);
	*notes = NULL;
	*rows = 0;
	for (int i = 0; i < n; i++)
		merge_file(&m, paths[i]);
	if (!m.nerr && m.kind == MERGE_UNKNOWN)
		merge_problem(&m, "没有可合并的文件");
	if (!m.nerr)
		merge_dedupe(&m);
	if (m.nerr) {
		if (m.nerr > 50)
			sb_addf(&m.err, "\n共 %d 个问题（只列出前 50 个）", m.nerr);
		sb_addf(&m.err, "\n没有写出 %s", out);
		*err = sb_take(&m.err);
		goto done;
	}
	if (m.kind == MERGE_SUMMARY)
		qsort(m.rows, (size_t)m.nrows, sizeof *m.rows, merge_cmp_station);
	if (o->expect)
		merge_expect_notes(&m, o->expect);
	if (merge_write(&m, out, o, rows, err) < 0)
		goto done;
	if (m.notes.len)
		*notes = sb_take(&m.notes);
	rc = 0;
done:
	merge_free(&m);
	return rc;
}
