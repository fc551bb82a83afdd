/* The CSV writer of every export (see csvout.h): libcsv quotes the text cells, iconv makes
 * GB18030, a temporary file is renamed to the final name only when everything was written. */
#include "report/csvout.h"

#include "core/util.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Unencodable characters listed in the message before "等". */
#define CSVOUT_BAD_MAX 5
/* stdio buffer of the output file. */
#define CSVOUT_BUF (256 * 1024)

struct csvout {
	char *path;  /* final name; owned */
	char *tmp;   /* temporary file in the same folder; owned */
	FILE *fp;    /* the temporary file; owned */
	char *vbuf;  /* its stdio buffer; owned */
	iconv_t cd;  /* UTF-8 -> GB18030, or (iconv_t)-1 for UTF-8 */
	bool force;  /* replace an existing path */
	int64_t row; /* rows ended */
	int col;     /* cells written in the current row */
	int err;     /* first errno of a write, 0 if none */
	char **head; /* header cells (the first row); owned */
	int nhead, caphead;
	struct strbuf bad; /* "第 3 行第 2 列（来访人）的「X」" items; owned */
	int nbad;
	char *cell;     /* scratch for one quoted cell; owned */
	size_t cellcap; /* its size */
	char *conv;     /* scratch for its GB18030 form; owned */
	size_t convcap;
};

/* The leading characters that make a spreadsheet read a cell as a formula: ASCII = + - @, tab,
 * CR, LF, and the full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20). */
bool csvout_is_formula(const char *s)
{
	if (!s || !*s)
		return false;
	if (strchr("=+-@\t\r\n", *s))
		return true;
	static const char *const wide[] = { "\xef\xbc\x9d", "\xef\xbc\x8b", "\xef\xbc\x8d", "\xef\xbc\xa0" };
	for (size_t i = 0; i < ARRAY_LEN(wide); i++)
		if (!strncmp(s, wide[i], 3))
			return true;
	return false;
}

/* The clerk's words for an errno of a file operation. */
static const char *csvout_errno_text(int e)
{
	switch (e) {
	case ENOSPC:
	case EDQUOT:
		return "磁盘已满";
	case EROFS:
		return "磁盘或 U 盘是只读的";
	case EACCES:
	case EPERM:
		return "没有写入权限";
	case ENOENT:
		return "文件夹不存在";
	case ENOTDIR:
		return "路径中有一段不是文件夹";
	case EISDIR:
		return "这是一个文件夹";
	case EIO:
		return "读写出错（U 盘可能已拔出）";
	default:
		return strerror(e);
	}
}

int csvout_open(const char *path, enum csv_encoding enc, bool force, struct csvout **out, char **err)
{
	struct stat sb;
	*out = NULL;
	if (!path || !*path) {
		*err = xstrdup("没有给出导出文件名");
		return -1;
	}
	if (!stat(path, &sb)) {
		if (S_ISDIR(sb.st_mode))
			*err = xasprintf("%s 是一个文件夹，请给出文件名", path);
		else if (!force)
			*err = xasprintf("文件 %s 已存在；要覆盖请加 --force（或换一个文件名）", path);
		if (S_ISDIR(sb.st_mode) || !force)
			return -1;
	}
	char *copy = xstrdup(path);
	char *dir = xstrdup(dirname(copy));
	free(copy);
	copy = xstrdup(path);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, basename(copy));
	free(copy);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*err = xasprintf("无法在 %s 写入导出文件：%s", dir, csvout_errno_text(errno));
		free(dir);
		free(tmp);
		return -1;
	}
	free(dir);
	struct csvout *o = xcalloc(1, sizeof *o);
	o->path = xstrdup(path);
	o->tmp = tmp;
	o->force = force;
	o->fp = fdopen(fd, "wb");
	if (!o->fp)
		die("fdopen failed");
	o->vbuf = xmalloc(CSVOUT_BUF);
	setvbuf(o->fp, o->vbuf, _IOFBF, CSVOUT_BUF);
	sb_init(&o->bad);
	o->cd = (iconv_t)-1;
	if (enc == CSV_GB18030) {
		o->cd = iconv_open("GB18030", "UTF-8");
		if (o->cd == (iconv_t)-1)
			die("iconv_open GB18030 failed");
	} else {
		fputs("\xef\xbb\xbf", o->fp);
	}
	*out = o;
	return 0;
}

/* Put len bytes of UTF-8 out, converted when the file is GB18030. A character that cannot be
 * converted is noted (row, column) and left out of the output, which will not be kept. */
static void csvout_put(struct csvout *o, const char *s, size_t len)
{
	if (o->cd == (iconv_t)-1) {
		fwrite(s, 1, len, o->fp);
		return;
	}
	if (o->convcap < len * 4 + 4) {
		o->convcap = len * 4 + 4;
		o->conv = xrealloc(o->conv, o->convcap);
	}
	char *in = (char *)s, *outp = o->conv;
	size_t inleft = len, outleft = o->convcap;
	while (inleft > 0) {
		if (iconv(o->cd, &in, &inleft, &outp, &outleft) != (size_t)-1)
			break;
		if (errno != EILSEQ && errno != EINVAL)
			die("iconv failed");
		/* One character (its UTF-8 bytes) that GB18030 lacks, or a bad byte. */
		size_t n = 1;
		unsigned char c = (unsigned char)*in;
		if (c >= 0xf0)
			n = 4;
		else if (c >= 0xe0)
			n = 3;
		else if (c >= 0xc0)
			n = 2;
		if (n > inleft)
			n = inleft;
		if (o->nbad < CSVOUT_BAD_MAX) {
			const char *name = o->col < o->nhead ? o->head[o->col] : NULL;
			sb_addf(&o->bad, "%s第 %" PRId64 " 行第 %d 列%s%s%s的「%.*s」", o->nbad ? "，" : "", o->row + 1,
				o->col + 1, name ? "（" : "", name ? name : "", name ? "）" : "", (int)n, in);
		}
		o->nbad++;
		in += n;
		inleft -= n;
	}
	iconv(o->cd, NULL, NULL, NULL, NULL);
	fwrite(o->conv, 1, (size_t)(outp - o->conv), o->fp);
}

/* Before a cell: the separator. */
static void csvout_sep(struct csvout *o)
{
	if (o->col > 0)
		putc(',', o->fp);
}

/* After a cell: keep the header's names, count the column. */
static void csvout_done(struct csvout *o, const char *s)
{
	if (o->row == 0) {
		if (o->nhead == o->caphead) {
			o->caphead = o->caphead ? o->caphead * 2 : 16;
			o->head = xrealloc(o->head, (size_t)o->caphead * sizeof *o->head);
		}
		o->head[o->nhead++] = xstrdup(s ? s : "");
	}
	o->col++;
}

void csvout_text(struct csvout *o, const char *s)
{
	const char *t = s ? s : "";
	size_t len = strlen(t);
	bool formula = csvout_is_formula(t);
	/* Quoted: 2 quotes, every byte at most doubled, the ' prefix. */
	size_t need = 2 * len + 4;
	if (o->cellcap < need) {
		o->cellcap = need * 2;
		o->cell = xrealloc(o->cell, o->cellcap);
	}
	size_t n;
	if (formula) {
		char *pre = xasprintf("'%s", t);
		n = csv_write(o->cell, o->cellcap, pre, len + 1);
		free(pre);
	} else {
		n = csv_write(o->cell, o->cellcap, t, len);
	}
	csvout_sep(o);
	csvout_put(o, o->cell, n);
	csvout_done(o, s);
}

void csvout_int(struct csvout *o, int64_t v)
{
	csvout_sep(o);
	fprintf(o->fp, "%" PRId64, v);
	csvout_done(o, NULL);
}

void csvout_num(struct csvout *o, const char *s)
{
	csvout_sep(o);
	if (s)
		fputs(s, o->fp);
	csvout_done(o, NULL);
}

void csvout_end_row(struct csvout *o)
{
	fputs("\r\n", o->fp);
	if (!o->err && ferror(o->fp))
		o->err = errno ? errno : EIO;
	o->row++;
	o->col = 0;
}

int64_t csvout_rows(const struct csvout *o) { return o->row; }

static void csvout_free(struct csvout *o)
{
	if (o->fp)
		fclose(o->fp);
	if (o->cd != (iconv_t)-1)
		iconv_close(o->cd);
	free(o->vbuf);
	free(o->path);
	free(o->tmp);
	str_free_array(o->head, o->nhead);
	sb_free(&o->bad);
	free(o->cell);
	free(o->conv);
	free(o);
}

void csvout_abort(struct csvout *o)
{
	if (!o)
		return;
	unlink(o->tmp);
	csvout_free(o);
}

int csvout_close(struct csvout *o, char **err)
{
	int e = o->err;
	if (!e && fflush(o->fp))
		e = errno;
	if (!e && fsync(fileno(o->fp)))
		e = errno;
	if (!e && fclose(o->fp))
		e = errno;
	else if (e)
		fclose(o->fp);
	o->fp = NULL;
	if (!e && o->nbad) {
		*err = xasprintf("有 %d 个字符无法用 GB18030 编码：%s%s；没有写出文件。请改用 UTF-8（csv_encoding = "
				 "utf-8-bom）导出，或修改这些记录",
				 o->nbad, o->bad.buf, o->nbad > CSVOUT_BAD_MAX ? " 等" : "");
		csvout_abort(o);
		return -1;
	}
	struct stat sb;
	if (!e && !o->force && !stat(o->path, &sb)) {
		*err = xasprintf("文件 %s 已存在；要覆盖请加 --force（或换一个文件名）", o->path);
		csvout_abort(o);
		return -1;
	}
	if (!e && rename(o->tmp, o->path))
		e = errno;
	if (e) {
		*err = xasprintf("无法写出 %s：%s；没有留下不完整的文件", o->path, csvout_errno_text(e));
		csvout_abort(o);
		return -1;
	}
	/* The folder entry too, so the new name survives a power cut (best effort: vfat has none). */
	char *copy = xstrdup(o->path);
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(copy);
	csvout_free(o);
	return 0;
}
