/* CSV reader for imports: whole file in memory, libcsv in strict mode, rows with line numbers.
 *
 * libcsv does not say where a row starts, so the buffer is cut into records first by a small
 * quote-aware scan (a line end outside quotes ends a record) and fed to the parser one record
 * at a time: a row the parser delivers while a record is being fed starts on that record's line.
 * In strict mode every quote the parser accepts opens a cell, closes it or is half of a "" pair,
 * so counting quotes finds the same record ends as the parser does. */
#include "report/csvin.h"

#include "core/text.h"
#include "core/util.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* State shared with the libcsv callbacks. */
struct csvin_ctx {
	struct csvin *out;
	char **cells; /* the row being built; owned */
	int ncells, cap;
	int line;     /* line the record being fed starts on */
	bool too_big; /* a cell over CSVIN_MAX_CELL was seen */
	int too_big_line;
};

void csvin_free(struct csvin *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->nrows; i++)
		str_free_array(c->rows[i].cells, c->rows[i].ncells);
	free(c->rows);
	free(c);
}

/* A cell's text with every line break inside it (CRLF, CR) turned into "\n". */
static char *csvin_cell_dup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1), *q = p;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			*q++ = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			*q++ = s[i];
		}
	}
	*q = '\0';
	return p;
}

static void csvin_field_cb(void *s, size_t len, void *data)
{
	struct csvin_ctx *ctx = data;
	if (len > CSVIN_MAX_CELL && !ctx->too_big) {
		ctx->too_big = true;
		ctx->too_big_line = ctx->line;
	}
	if (ctx->ncells == ctx->cap) {
		ctx->cap = ctx->cap ? ctx->cap * 2 : 16;
		ctx->cells = xrealloc(ctx->cells, (size_t)ctx->cap * sizeof(char *));
	}
	ctx->cells[ctx->ncells++] = s ? csvin_cell_dup(s, len) : xstrdup("");
}

static void csvin_row_cb(int term, void *data)
{
	(void)term;
	struct csvin_ctx *ctx = data;
	bool blank = true;
	for (int i = 0; i < ctx->ncells && blank; i++)
		blank = ctx->cells[i][0] == '\0';
	if (blank) {
		str_free_array(ctx->cells, ctx->ncells);
	} else {
		struct csvin *o = ctx->out;
		if ((o->nrows & (o->nrows - 1)) == 0) /* grow at powers of two */
			o->rows = xrealloc(o->rows, (size_t)(o->nrows ? o->nrows * 2 : 1) * sizeof *o->rows);
		o->rows[o->nrows++] =
			(struct csvin_row){ .cells = ctx->cells, .ncells = ctx->ncells, .line = ctx->line };
	}
	ctx->cells = NULL;
	ctx->ncells = ctx->cap = 0;
}

/* 1-based line number of byte offset off. */
static int csvin_line_at(const char *buf, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= off || buf[i + 1] != '\n')))
			line++;
	return line;
}

/* True if the bytes convert cleanly from GB18030: a file saved as plain "CSV" by Excel or WPS
 * on Chinese Windows. */
static bool csvin_looks_gb18030(const char *buf, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return false;
	char out[4096];
	char *in = (char *)buf;
	size_t left = len;
	bool ok = true;
	while (left > 0) {
		char *o = out;
		size_t oleft = sizeof out;
		if (iconv(cd, &in, &left, &o, &oleft) == (size_t)-1 && errno != E2BIG) {
			ok = false;
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

/* The encoding checks: UTF-8 only, no NUL bytes. */
static int csvin_check_bytes(const char *buf, size_t len, const char *name, char **err)
{
	size_t bad;
	if (!utf8_valid(buf, len, &bad)) {
		int line = csvin_line_at(buf, bad);
		if (csvin_looks_gb18030(buf, len))
			*err = xasprintf("%s：文件不是 UTF-8 编码（可能是 GBK/GB18030，请在 WPS/Excel 中另存为 "
					 "\"CSV UTF-8\"），第 %d 行起无法识别",
					 name, line);
		else
			*err = xasprintf("%s：文件不是 UTF-8 编码的文本，第 %d 行有无法识别的字节（请在 WPS/Excel "
					 "中另存为 \"CSV UTF-8\"）",
					 name, line);
		return -1;
	}
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		*err = xasprintf("%s：第 %d 行含有空字符，这不是 CSV 文本文件", name,
				 csvin_line_at(buf, (size_t)(nul - buf)));
		return -1;
	}
	return 0;
}

/* Length of the record starting at buf[0] (up to len), including its line end. */
static size_t csvin_record_len(const char *buf, size_t len)
{
	bool quoted = false;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '"')
			quoted = !quoted;
		else if (!quoted && buf[i] == '\n')
			return i + 1;
		else if (!quoted && buf[i] == '\r')
			return i + 1 < len && buf[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return len;
}

/* Number of line ends in buf[0..n). */
static int csvin_count_lines(const char *buf, size_t n)
{
	int lines = 0;
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= n || buf[i + 1] != '\n')))
			lines++;
	return lines;
}

static char *csvin_parse_error(const char *name, int line, int code)
{
	if (code == CSV_EPARSE)
		return xasprintf("%s：第 %d 行格式错误：引号使用不正确（单元格内的引号应写成两个 \"\"，"
				 "含逗号或换行的单元格应整体用引号括起，引号要成对）",
				 name, line);
	return xasprintf("%s：第 %d 行无法读取（%s）", name, line, csv_strerror(code));
}

int csvin_parse(const char *buf, size_t len, const char *name, struct csvin **out, char **err)
{
	struct csv_parser p;
	struct csvin_ctx ctx = { .line = 1 };
	int rc = -1;
	*out = NULL;
	if (!name)
		name = "CSV";
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) { /* BOM: libcsv would fail at byte 3 */
		buf += 3;
		len -= 3;
	}
	if (len > CSVIN_MAX_BYTES) {
		*err = xasprintf("%s：文件过大（%.1f MB），最多 %u MB", name, len / 1048576.0,
				 CSVIN_MAX_BYTES / 1048576);
		return -1;
	}
	if (len >= 2 && ((buf[0] == '\xFF' && buf[1] == '\xFE') || (buf[0] == '\xFE' && buf[1] == '\xFF'))) {
		*err = xasprintf("%s：文件是 UTF-16 编码（\"Unicode 文本\"），请在 WPS/Excel 中另存为 \"CSV UTF-8\"",
				 name);
		return -1;
	}
	if (csvin_check_bytes(buf, len, name, err))
		return -1;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		die("csv_init failed");
	ctx.out = xcalloc(1, sizeof *ctx.out);
	int last = 1; /* line the last record fed starts on */
	for (size_t off = 0; off < len;) {
		size_t n = csvin_record_len(buf + off, len - off);
		last = ctx.line;
		if (csv_parse(&p, buf + off, n, csvin_field_cb, csvin_row_cb, &ctx) != n) {
			*err = csvin_parse_error(name, ctx.line, csv_error(&p));
			goto out;
		}
		if (ctx.too_big)
			break;
		ctx.line += csvin_count_lines(buf + off, n);
		off += n;
	}
	/* A row flushed by csv_fini (no line end at the end of the file, or a quote left open)
	 * started where the last record did. */
	ctx.line = last;
	if (!ctx.too_big && csv_fini(&p, csvin_field_cb, csvin_row_cb, &ctx)) {
		*err = xasprintf("%s：第 %d 行格式错误：引号没有结束（缺少右引号）", name, ctx.line);
		goto out;
	}
	if (ctx.too_big) {
		*err = xasprintf("%s：第 %d 行有一个单元格过长（超过 %u KB）", name, ctx.too_big_line,
				 CSVIN_MAX_CELL / 1024);
		goto out;
	}
	*out = ctx.out;
	ctx.out = NULL;
	rc = 0;
out:
	csv_free(&p);
	str_free_array(ctx.cells, ctx.ncells);
	csvin_free(ctx.out);
	return rc;
}

/* A Chinese reason for a failed open or read. */
static const char *csvin_errno_text(int e)
{
	switch (e) {
	case ENOENT:
		return "文件不存在";
	case EACCES:
	case EPERM:
		return "没有读取权限";
	case EISDIR:
		return "这是一个文件夹，不是文件";
	default:
		return strerror(e);
	}
}

int csvin_read_file(const char *path, struct csvin **out, char **err)
{
	struct stat st;
	char *buf = NULL;
	int rc = -1;
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		*err = xasprintf("无法打开 %s：%s", path, csvin_errno_text(errno));
		return -1;
	}
	if (fstat(fileno(fp), &st)) {
		*err = xasprintf("无法读取 %s：%s", path, csvin_errno_text(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = xasprintf("无法读取 %s：%s", path, csvin_errno_text(EISDIR));
		goto out;
	}
	/* Allow for a BOM on top of the limit; csvin_parse checks the rest. */
	if (st.st_size > (off_t)CSVIN_MAX_BYTES + 3) {
		*err = xasprintf("%s：文件过大（%.1f MB），最多 %u MB", path, st.st_size / 1048576.0,
				 CSVIN_MAX_BYTES / 1048576);
		goto out;
	}
	/* Read to the end rather than trusting st_size (a pipe, a file still being written). */
	size_t cap = (size_t)st.st_size + 1, len = 0;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > CSVIN_MAX_BYTES + 3) {
				*err = xasprintf("%s：文件过大，最多 %u MB", path, CSVIN_MAX_BYTES / 1048576);
				goto out;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		*err = xasprintf("无法读取 %s：%s", path, csvin_errno_text(errno));
		goto out;
	}
	rc = csvin_parse(buf, len, path, out, err);
out:
	free(buf);
	fclose(fp);
	return rc;
}
