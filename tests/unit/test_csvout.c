/* The CSV writer (report/csvout.c): the bytes Excel and WPS read — BOM, CRLF, quoting, formula
 * neutralisation (ASCII and full-width), plain numbers, GB18030 round trip and its unencodable
 * characters, the temporary file and the refusal to overwrite. */
#include "t.h"

#include "core/util.h"
#include "report/csvout.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

/* The whole file at path (new string, *len its size), or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = xmalloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Files in dir (the temporary ones are hidden dot files). */
static int count_files(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static char *path_in(const char *name) { return xasprintf("%s/%s", dir, name); }

TEST(utf8_bom_crlf_quoting)
{
	char *p = path_in("a.csv"), *err = NULL;
	struct csvout *o = NULL;
	CHECK_INT(csvout_open(p, CSV_UTF8_BOM, false, &o, &err), 0);
	csvout_text(o, "姓名");
	csvout_text(o, "人数");
	csvout_end_row(o);
	csvout_text(o, "张三,\"老张\"");
	csvout_int(o, 12);
	csvout_end_row(o);
	csvout_text(o, "两行\n文字");
	csvout_num(o, "93.3");
	csvout_end_row(o);
	CHECK_INT(csvout_rows(o), 3);
	CHECK_INT(csvout_close(o, &err), 0);
	size_t n;
	char *s = slurp(p, &n);
	CHECK(s != NULL);
	/* BOM, every text cell quoted with inner quotes doubled, numbers bare, CRLF ends. */
	CHECK_STR(s, "\xef\xbb\xbf\"姓名\",\"人数\"\r\n\"张三,\"\"老张\"\"\",12\r\n\"两行\n文字\",93.3\r\n");
	free(s);
	unlink(p);
	free(p);
}

TEST(formula_cells_neutralised)
{
	CHECK(csvout_is_formula("=HYPERLINK(\"http://x\")"));
	CHECK(csvout_is_formula("+1"));
	CHECK(csvout_is_formula("-1+2"));
	CHECK(csvout_is_formula("@SUM(A1)"));
	CHECK(csvout_is_formula("\tx"));
	CHECK(csvout_is_formula("\rx"));
	CHECK(csvout_is_formula("＝1+1"));
	CHECK(csvout_is_formula("＋1"));
	CHECK(csvout_is_formula("－1"));
	CHECK(csvout_is_formula("＠x"));
	CHECK(!csvout_is_formula("张三"));
	CHECK(!csvout_is_formula("a=b"));
	CHECK(!csvout_is_formula(""));
	char *p = path_in("f.csv"), *err = NULL;
	struct csvout *o = NULL;
	CHECK_INT(csvout_open(p, CSV_UTF8_BOM, false, &o, &err), 0);
	csvout_text(o, "=cmd|' /C calc'!A0");
	csvout_text(o, "＝HYPERLINK(\"x\")");
	csvout_text(o, "@x");
	csvout_int(o, -3); /* a number stays a number */
	csvout_end_row(o);
	CHECK_INT(csvout_close(o, &err), 0);
	size_t n;
	char *s = slurp(p, &n);
	CHECK_STR(s, "\xef\xbb\xbf\"'=cmd|' /C calc'!A0\",\"'＝HYPERLINK(\"\"x\"\")\",\"'@x\",-3\r\n");
	free(s);
	unlink(p);
	free(p);
}

TEST(gb18030_round_trip)
{
	char *p = path_in("g.csv"), *err = NULL;
	struct csvout *o = NULL;
	const char *name = "䶮 张三 𠀀 😀";
	CHECK_INT(csvout_open(p, CSV_GB18030, false, &o, &err), 0);
	csvout_text(o, name);
	csvout_int(o, 7);
	csvout_end_row(o);
	CHECK_INT(csvout_close(o, &err), 0);
	size_t n;
	char *s = slurp(p, &n);
	CHECK(s && strncmp(s, "\xef\xbb\xbf", 3));   /* no BOM in GB18030 */
	CHECK(s && strncmp(s, "\"\xe4\xb6\xae", 4)); /* not UTF-8 */
	/* Back to UTF-8 as WPS would read it. */
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char back[256], *in = s, *out = back;
	size_t inleft = n, outleft = sizeof back - 1;
	CHECK(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
	*out = '\0';
	iconv_close(cd);
	char *want = xasprintf("\"%s\",7\r\n", name);
	CHECK_STR(back, want);
	free(want);
	free(s);
	unlink(p);
	free(p);
}

TEST(gb18030_unencodable_reported_no_file)
{
	char *p = path_in("u.csv"), *err = NULL;
	struct csvout *o = NULL;
	int before = count_files();
	CHECK_INT(csvout_open(p, CSV_GB18030, false, &o, &err), 0);
	csvout_text(o, "序号");
	csvout_text(o, "来访人");
	csvout_end_row(o);
	csvout_int(o, 1);
	csvout_text(o, "李\xee\xa0\x9e"); /* U+E81E: private use, not in GB18030 */
	csvout_end_row(o);
	CHECK_INT(csvout_close(o, &err), -1);
	CHECK(err && strstr(err, "第 2 行第 2 列（来访人）"));
	CHECK(err && strstr(err, "\xee\xa0\x9e"));
	CHECK(err && strstr(err, "GB18030"));
	free(err);
	CHECK(access(p, F_OK) && errno == ENOENT);
	CHECK_INT(count_files(), before); /* the temporary file is gone too */
	free(p);
}

TEST(never_overwrites_without_force)
{
	char *p = path_in("x.csv"), *err = NULL;
	FILE *f = fopen(p, "w");
	fputs("old", f);
	fclose(f);
	struct csvout *o = NULL;
	CHECK_INT(csvout_open(p, CSV_UTF8_BOM, false, &o, &err), -1);
	CHECK(err && strstr(err, "已存在") && strstr(err, "--force"));
	free(err);
	err = NULL;
	size_t n;
	char *s = slurp(p, &n);
	CHECK_STR(s, "old");
	free(s);
	CHECK_INT(csvout_open(p, CSV_UTF8_BOM, true, &o, &err), 0);
	csvout_int(o, 1);
	csvout_end_row(o);
	/* Until close, the old file is untouched. */
	s = slurp(p, &n);
	CHECK_STR(s, "old");
	free(s);
	CHECK_INT(csvout_close(o, &err), 0);
	s = slurp(p, &n);
	CHECK_STR(s,
		  "\xef\xbb\xbf"
		  "1\r\n");
	free(s);
	unlink(p);
	free(p);
}

TEST(missing_folder_refused)
{
	char *p = path_in("nofolder/x.csv"), *err = NULL;
	struct csvout *o = NULL;
	CHECK_INT(csvout_open(p, CSV_UTF8_BOM, false, &o, &err), -1);
	CHECK(err && strstr(err, "文件夹不存在"));
	CHECK(o == NULL);
	free(err);
	free(p);
	err = NULL;
	CHECK_INT(csvout_open(dir, CSV_UTF8_BOM, true, &o, &err), -1);
	CHECK(err && strstr(err, "文件夹"));
	free(err);
}

TEST(abort_leaves_nothing)
{
	char *p = path_in("ab.csv"), *err = NULL;
	struct csvout *o = NULL;
	int before = count_files();
	CHECK_INT(csvout_open(p, CSV_UTF8_BOM, false, &o, &err), 0);
	CHECK_INT(count_files(), before + 1);
	csvout_text(o, "x");
	csvout_end_row(o);
	csvout_abort(o);
	CHECK_INT(count_files(), before);
	free(p);
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/csvout-XXXXXX", base && *base && strlen(base) < 40 ? base : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	RUN(utf8_bom_crlf_quoting);
	RUN(formula_cells_neutralised);
	RUN(gb18030_round_trip);
	RUN(gb18030_unencodable_reported_no_file);
	RUN(never_overwrites_without_force);
	RUN(missing_folder_refused);
	RUN(abort_leaves_nothing);
	rmdir(dir);
	return t_done();
}
