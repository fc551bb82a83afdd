/* Unit tests for the CSV reader (report/csvin.c): BOM, line ends, quoting, line numbers,
 * encodings and limits, on buffers and on temporary files. */
#include "report/csvin.h"

#include "core/util.h"
#include "t.h"

#include <unistd.h>

static struct csvin *parse(const char *s, char **err)
{
	struct csvin *c = NULL;
	*err = NULL;
	if (csvin_parse(s, strlen(s), "t.csv", &c, err))
		return NULL;
	return c;
}

TEST(test_bom_crlf_chinese)
{
	char *err;
	struct csvin *c = parse("\xEF\xBB\xBF姓名,性别\r\n张三,男\r\n李四,女\r\n", &err);
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_INT(c->nrows, 3);
	CHECK_INT(c->rows[0].ncells, 2);
	CHECK_STR(c->rows[0].cells[0], "姓名"); /* the BOM is gone */
	CHECK_STR(c->rows[1].cells[0], "张三");
	CHECK_STR(c->rows[2].cells[1], "女");
	CHECK_INT(c->rows[2].line, 3);
	csvin_free(c);
}

TEST(test_quoted_newlines_and_line_numbers)
{
	char *err;
	struct csvin *c = parse("a,b\n\"x\r\ny\",\"he said \"\"hi\"\", ok\"\n\n\nlast,row", &err);
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_INT(c->nrows, 3);
	CHECK_STR(c->rows[1].cells[0], "x\ny"); /* CRLF inside a cell becomes \n */
	CHECK_STR(c->rows[1].cells[1], "he said \"hi\", ok");
	CHECK_INT(c->rows[1].line, 2);
	/* The quoted cell spans lines 2-3, then two blank lines: the last row is on line 6. */
	CHECK_INT(c->rows[2].line, 6);
	CHECK_STR(c->rows[2].cells[1], "row"); /* no line end at the end of the file */
	csvin_free(c);
}

TEST(test_blank_and_empty_rows_dropped_ragged_kept)
{
	char *err;
	struct csvin *c = parse("a,b,c\n,,\n1,2\n\n  \n1,2,3,4\n,,\n", &err);
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_INT(c->nrows, 3);
	CHECK_INT(c->rows[1].ncells, 2);
	CHECK_INT(c->rows[1].line, 3);
	CHECK_INT(c->rows[2].ncells, 4);
	CHECK_INT(c->rows[2].line, 6);
	csvin_free(c);
}

TEST(test_empty_input)
{
	char *err;
	struct csvin *c = parse("", &err);
	CHECK(c != NULL);
	if (c)
		CHECK_INT(c->nrows, 0);
	csvin_free(c);
	c = parse("\xEF\xBB\xBF\r\n\r\n", &err);
	CHECK(c != NULL);
	if (c)
		CHECK_INT(c->nrows, 0);
	csvin_free(c);
}

TEST(test_bad_quotes)
{
	char *err;
	struct csvin *c = parse("a,b\n1,2\nx\"y,3\n", &err);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "第 3 行") && strstr(err, "引号"));
	free(err);
	c = parse("a,b\n1,\"open\n2,3\n", &err);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "第 2 行") && strstr(err, "引号没有结束"));
	free(err);
	c = parse("a,b\n\"ab\"x,3\n", &err);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "第 2 行"));
	free(err);
}

TEST(test_gb18030_detected)
{
	char *err;
	/* "姓名,性别\n张三,男\n" in GB18030. */
	struct csvin *c = parse("\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0\n\xD5\xC5\xC8\xFD,\xC4\xD0\n", &err);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "GBK/GB18030") && strstr(err, "第 1 行") && strstr(err, "CSV UTF-8"));
	free(err);
	/* Valid UTF-8 first, a bad byte on line 3 that is not GB18030 either. */
	c = parse("a,b\n1,2\n3,\xFF\n", &err);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "第 3 行") && !strstr(err, "GBK"));
	free(err);
}

TEST(test_utf16_named)
{
	char *err = NULL;
	struct csvin *c = NULL;
	/* "a,b\n" in UTF-16LE with its BOM, as WPS saves "Unicode 文本". */
	CHECK_INT(csvin_parse("\xFF\xFE"
			      "a\0,\0b\0\n\0",
			      10, "u.csv", &c, &err),
		  -1);
	CHECK(err && strstr(err, "u.csv：文件是 UTF-16 编码"));
	free(err);
}

TEST(test_nul_byte)
{
	char *err = NULL;
	struct csvin *c = NULL;
	CHECK(csvin_parse("a,b\n1,\0002\n", 9, "t.csv", &c, &err) == -1);
	CHECK(err && strstr(err, "第 2 行"));
	free(err);
}

TEST(test_cell_limit)
{
	size_t n = CSVIN_MAX_CELL + 10;
	char *buf = xmalloc(n + 20);
	strcpy(buf, "a\nok\n");
	memset(buf + 5, 'x', n);
	strcpy(buf + 5 + n, "\n");
	char *err;
	struct csvin *c = parse(buf, &err);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "第 3 行") && strstr(err, "过长"));
	free(err);
	free(buf);
}

TEST(test_read_file)
{
	char path[] = "/tmp/test_csvin_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	const char *s = "\xEF\xBB\xBF姓名\r\n曾小明\r\n";
	CHECK(write(fd, s, strlen(s)) == (ssize_t)strlen(s));
	close(fd);
	struct csvin *c = NULL;
	char *err = NULL;
	CHECK_INT(csvin_read_file(path, &c, &err), 0);
	if (c) {
		CHECK_INT(c->nrows, 2);
		CHECK_STR(c->rows[1].cells[0], "曾小明");
	}
	csvin_free(c);
	unlink(path);
	c = NULL;
	CHECK_INT(csvin_read_file(path, &c, &err), -1);
	CHECK(err && strstr(err, "文件不存在") && strstr(err, path));
	free(err);
	CHECK_INT(csvin_read_file("/tmp", &c, &err), -1);
	CHECK(err && strstr(err, "文件夹"));
	free(err);
}

TEST(test_file_size_limit)
{
	char path[] = "/tmp/test_csvin_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	CHECK_INT(ftruncate(fd, (off_t)CSVIN_MAX_BYTES + 1024), 0); /* sparse: costs no disk */
	close(fd);
	struct csvin *c = NULL;
	char *err = NULL;
	CHECK_INT(csvin_read_file(path, &c, &err), -1);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "文件过大") && strstr(err, "最多 20 MB"));
	free(err);
	unlink(path);
}

int main(void)
{
	RUN(test_bom_crlf_chinese);
	RUN(test_quoted_newlines_and_line_numbers);
	RUN(test_blank_and_empty_rows_dropped_ragged_kept);
	RUN(test_empty_input);
	RUN(test_bad_quotes);
	RUN(test_gb18030_detected);
	RUN(test_utf16_named);
	RUN(test_nul_byte);
	RUN(test_cell_limit);
	RUN(test_read_file);
	RUN(test_file_size_limit);
	return t_done();
}
