/* Unit tests for the deputies import (cli/import.c) on the fixtures in tests/data/import/ and on
 * temporary databases: all-or-nothing, every error with its line and column, duplicates. */
#include "cli/import.h"

#include "core/deputy.h"
#include "core/record.h"
#include "core/util.h"
#include "db/deputies.h"
#include "t.h"

#include <iconv.h>
#include <locale.h>
#include <stdbool.h>
#include <unistd.h>

#define FIX   "tests/data/import/"
#define TODAY "2026-03-15"

static char tmpdir[] = "/tmp/test_import_XXXXXX";
static int ndb;

/* A new empty database in the temporary folder. */
static struct db *new_db(void)
{
	struct db *db = NULL;
	char *err = NULL;
	char *path = xasprintf("%s/t%d.db", tmpdir, ++ndb);
	if (db_open(path, DB_OPEN_CREATE, &db, &err)) {
		fprintf(stderr, "  db_open %s: %s\n", path, err);
		exit(1);
	}
	free(path);
	return db;
}

static int64_t count(struct db *db)
{
	struct deputy_filter all = { .include_left = true };
	int64_t n = -1;
	CHECK_INT(db_deputies_count(db, &all, &n, NULL), 0);
	return n;
}

/* Values of the deputies, by name order, into a table the test reads. */
struct rows {
	char *v[16][DEP_NFIELDS];
	int n;
};

static int rows_cb(void *ud, int64_t id, const char *const *vals)
{
	(void)id;
	struct rows *r = ud;
	if (r->n < 16) {
		for (int i = 0; i < DEP_NFIELDS; i++)
			r->v[r->n][i] = xstrdup(vals[i]);
		r->n++;
	}
	return 0;
}

/* The row whose name is name, or -1. */
static int find(const struct rows *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->v[i][DEP_NAME], name))
			return i;
	return -1;
}

static void rows_free(struct rows *r)
{
	for (int i = 0; i < r->n; i++)
		for (int j = 0; j < DEP_NFIELDS; j++)
			free(r->v[i][j]);
}

/* True if some error of res contains s. */
static bool has_error(const struct cli_import_result *res, const char *s)
{
	for (int i = 0; i < res->nerrors; i++)
		if (strstr(res->errors[i], s))
			return true;
	return false;
}

static void dump(const struct cli_import_result *res)
{
	for (int i = 0; i < res->nerrors; i++)
		fprintf(stderr, "    %s\n", res->errors[i]);
}

TEST(test_good_file)
{
	struct db *db = new_db();
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_file(db, FIX "good.csv", TODAY, &res), 0);
	dump(&res);
	CHECK_INT(res.imported, 3);
	CHECK_INT(res.nerrors, 0);
	cli_import_result_free(&res);
	CHECK_INT(count(db), 3);
	struct rows r = { 0 };
	struct deputy_filter all = { .include_left = true };
	CHECK_INT(db_deputies_page(db, &all, DEP_NAME, false, 0, 16, rows_cb, &r, NULL), 0);
	int z = find(&r, "张三"), c = find(&r, "曾丽"), s = find(&r, "单强");
	CHECK(z >= 0 && c >= 0 && s >= 0);
	if (z >= 0 && c >= 0 && s >= 0) {
		CHECK_STR(r.v[z][DEP_PHONE], "13900000201");     /* spaces dropped */
		CHECK_STR(r.v[z][DEP_JOIN_DATE], "2022-01-05");  /* 2022/1/5 normalised */
		CHECK_STR(r.v[z][DEP_STATUS], "在任");           /* empty: the default */
		CHECK_STR(r.v[c][DEP_BIRTH_DATE], "1982-12-03"); /* 19821203 */
		CHECK_STR(r.v[c][DEP_WORK_UNIT], "西河镇红旗村村委会委员, 妇女主任");
		CHECK_STR(r.v[c][DEP_NOTE], "备注第一行\n备注第二行"); /* quoted CRLF */
		CHECK_STR(r.v[c][DEP_LEVEL], "乡镇");
		CHECK_STR(r.v[s][DEP_STATUS], "离任");
		CHECK_STR(r.v[s][DEP_ETHNICITY], ""); /* left empty, not invented */
	}
	rows_free(&r);

	/* The same file again: every row is already in the roster. */
	CHECK_INT(cli_import_deputies_file(db, FIX "good.csv", TODAY, &res), -1);
	CHECK(has_error(&res, "第 2 行：代表名册中已有张三"));
	CHECK(has_error(&res, "第 2 行 第 6 列（代表证号）：代表名册中已有此代表证号（张三）"));
	CHECK(has_error(&res, "第 5 行：代表名册中已有单强（姓名和联系电话相同）"));
	CHECK_INT(res.imported, 0);
	cli_import_result_free(&res);
	CHECK_INT(count(db), 3);
	db_close(db);
}

TEST(test_bad_rows_all_reported_nothing_imported)
{
	struct db *db = new_db();
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_file(db, FIX "bad-rows.csv", TODAY, &res), -1);
	CHECK_INT(res.nerrors, 2);
	if (res.nerrors == 2) {
		CHECK(str_starts(res.errors[0], "第 3 行 第 4 列（联系电话）："));
		CHECK(strstr(res.errors[0], "11 位手机号") != NULL);
		CHECK(str_starts(res.errors[1], "第 5 行 第 5 列（出生日期）："));
	} else {
		dump(&res);
	}
	cli_import_result_free(&res);
	CHECK_INT(count(db), 0);
	db_close(db);
}

TEST(test_unknown_column)
{
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_file(NULL, FIX "unknown-column.csv", TODAY, &res), -1);
	CHECK(has_error(&res, "第 1 行 第 4 列（籍贯）：不认识的列名"));
	CHECK(has_error(&res, "可用的列名是 姓名、性别"));
	cli_import_result_free(&res);
}

TEST(test_empty_and_header_only)
{
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_file(NULL, FIX "empty.csv", TODAY, &res), -1);
	CHECK_INT(res.nerrors, 1);
	CHECK(has_error(&res, "文件是空的"));
	cli_import_result_free(&res);
	const char *s = "\xEF\xBB\xBF姓名,性别,层级\r\n\r\n";
	CHECK_INT(cli_import_deputies_buf(NULL, s, strlen(s), "x.csv", TODAY, &res), -1);
	CHECK(has_error(&res, "x.csv：只有表头"));
	cli_import_result_free(&res);
}

TEST(test_field_over_limit)
{
	struct db *db = new_db();
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_file(db, FIX "too-long.csv", TODAY, &res), -1);
	CHECK_INT(res.nerrors, 1);
	CHECK(has_error(&res, "第 3 行 第 1 列（姓名）：内容过长：最多 20 个字"));
	cli_import_result_free(&res);
	CHECK_INT(count(db), 0);
	db_close(db);
}

TEST(test_gbk_file)
{
	const char *utf8 = "姓名,性别,层级\r\n张三,男,县\r\n";
	char gbk[256], path[256];
	char *in = (char *)utf8, *out = gbk;
	size_t inleft = strlen(utf8), outleft = sizeof gbk;
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	CHECK(cd != (iconv_t)-1);
	CHECK(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
	iconv_close(cd);
	snprintf(path, sizeof path, "%s/gbk.csv", tmpdir);
	FILE *fp = fopen(path, "wb");
	CHECK(fp != NULL);
	if (!fp)
		return;
	fwrite(gbk, 1, sizeof gbk - outleft, fp);
	fclose(fp);
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_file(NULL, path, TODAY, &res), -1);
	CHECK_INT(res.nerrors, 1);
	CHECK(has_error(&res, "文件不是 UTF-8 编码（可能是 GBK/GB18030，请在 WPS/Excel 中另存为 \"CSV UTF-8\"）"));
	CHECK(has_error(&res, "第 1 行"));
	cli_import_result_free(&res);
}

TEST(test_duplicates_in_file)
{
	const char *s = "name,gender,level,phone,card_no\n"
			"张三,男,县,13900000501,A1\n"
			"李四,女,县,13900000502,A2\n"
			"张三,男,乡镇,139 0000 0501,A3\n"
			"王五,男,县,,A2\n"
			"王六,男,县,,\n"
			"王六,男,县,,\n";
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_buf(NULL, s, strlen(s), "d.csv", TODAY, &res), -1);
	CHECK(has_error(&res, "第 4 行：与第 2 行重复（张三，联系电话相同）"));
	CHECK(has_error(&res, "第 5 行 第 5 列（card_no）：与第 3 行的代表证号相同"));
	CHECK(has_error(&res, "第 7 行：与第 6 行重复（王六，都没有联系电话）"));
	CHECK_INT(res.nerrors, 3);
	cli_import_result_free(&res);
}

TEST(test_excel_spellings)
{
	/* A roster from Excel writes levels and genders its own way: each is stored as the choice. */
	struct db *db = new_db();
	const char *s = "姓名,性别,层级\n甲,男性,县级\n乙,女,乡镇级\n丙,男,区级\n丁,女性,全国人大代表\n戊,男,省级\n";
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_buf(db, s, strlen(s), "x.csv", TODAY, &res), 0);
	dump(&res);
	CHECK_INT(res.imported, 5);
	cli_import_result_free(&res);
	struct rows r = { 0 };
	struct deputy_filter all = { .include_left = true };
	CHECK_INT(db_deputies_page(db, &all, DEP_NAME, false, 0, 16, rows_cb, &r, NULL), 0);
	const char *want[][3] = { { "甲", "男", "县" },
				  { "乙", "女", "乡镇" },
				  { "丙", "男", "县" },
				  { "丁", "女", "全国" },
				  { "戊", "男", "省" } };
	for (size_t k = 0; k < ARRAY_LEN(want); k++) {
		int i = find(&r, want[k][0]);
		CHECK(i >= 0);
		if (i >= 0) {
			CHECK_STR(r.v[i][DEP_GENDER], want[k][1]);
			CHECK_STR(r.v[i][DEP_LEVEL], want[k][2]);
		}
	}
	rows_free(&r);
	db_close(db);
}

TEST(test_messages_per_field_and_order)
{
	/* Two bad choices in one row must each get their own message, in column order. */
	const char *s = "层级,姓名,性别\n省委,张三,公\n";
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_buf(NULL, s, strlen(s), "m.csv", TODAY, &res), -1);
	CHECK_INT(res.nerrors, 2);
	if (res.nerrors == 2) {
		CHECK(str_starts(res.errors[0], "第 2 行 第 1 列（层级）："));
		CHECK(strstr(res.errors[0], "全国") != NULL);
		CHECK(str_starts(res.errors[1], "第 2 行 第 3 列（性别）："));
		CHECK(strstr(res.errors[1], "男/女") != NULL);
	}
	cli_import_result_free(&res);
}

TEST(test_header_problems_and_ragged_rows)
{
	/* 层级 missing: one header error, not one per row; a repeated column; a short row;
	 * a value in a column without a name. */
	const char *s = "姓名,性别,电话,手机\n张三,男,13900000601,13900000601\n李四,女\n王五,男,,,多余\n";
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_buf(NULL, s, strlen(s), "h.csv", TODAY, &res), -1);
	CHECK(has_error(&res, "第 1 行：缺少必需的列：层级"));
	CHECK(has_error(&res, "第 1 行 第 4 列（手机）：与第 3 列重复"));
	CHECK(has_error(&res, "第 3 行：只有 2 列，表头有 4 列"));
	CHECK(has_error(&res, "第 4 行 第 5 列：这一列没有列名，但有内容"));
	CHECK(!has_error(&res, "必填"));
	CHECK_INT(res.nerrors, 4);
	cli_import_result_free(&res);
}

TEST(test_english_headers_and_cross_field_check)
{
	struct db *db = new_db();
	const char *s = "Name,Gender,Level,Birth_Date,Join_Date\n"
			"张三,男,县,1990-01-01,1980-01-01\n";
	struct cli_import_result res;
	CHECK_INT(cli_import_deputies_buf(db, s, strlen(s), "e.csv", TODAY, &res), -1);
	CHECK(has_error(&res, "第 2 行 第 5 列（Join_Date）：进站日期应晚于出生日期"));
	cli_import_result_free(&res);
	s = "Name,Gender,Level,Birth_Date,Join_Date\n张三,男,县,1970-01-01,03-01\n";
	CHECK_INT(cli_import_deputies_buf(db, s, strlen(s), "e.csv", TODAY, &res), 0);
	dump(&res);
	CHECK_INT(res.imported, 1);
	cli_import_result_free(&res);
	struct rows r = { 0 };
	struct deputy_filter all = { .include_left = true };
	CHECK_INT(db_deputies_page(db, &all, DEP_NAME, false, 0, 16, rows_cb, &r, NULL), 0);
	CHECK_INT(r.n, 1);
	if (r.n == 1)
		CHECK_STR(r.v[0][DEP_JOIN_DATE], "2026-03-01"); /* the year of today */
	rows_free(&r);
	db_close(db);
}

int main(void)
{
	/* As main() does: the checks of printable characters need a UTF-8 locale. */
	setlocale(LC_CTYPE, "C.UTF-8");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_good_file);
	RUN(test_bad_rows_all_reported_nothing_imported);
	RUN(test_unknown_column);
	RUN(test_empty_and_header_only);
	RUN(test_field_over_limit);
	RUN(test_gbk_file);
	RUN(test_duplicates_in_file);
	RUN(test_messages_per_field_and_order);
	RUN(test_excel_spellings);
	RUN(test_header_problems_and_ragged_rows);
	RUN(test_english_headers_and_cross_field_check);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return t_done();
}
