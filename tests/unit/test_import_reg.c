/* Unit tests of the row checks of station import visits|cases|activities (cli/import_reg.c) on
 * the fixtures of tests/data/import/ and files written here: the form's checks with their place
 * (第 N 行 第 M 列（列名）), refused masked values, the case loop's refusals at the right column,
 * the audit entry naming the file and line, all or nothing. */
#include "cli/import.h"

#include "core/config.h"
#include "core/util.h"
#include "tdb.h"

#include <locale.h>
#include <stdio.h>

#define FIX   "tests/data/import/"
#define TODAY "2026-03-15"

static struct cfg cfg;

/* The error of res that starts with prefix, or NULL. */
static const char *error_at(const struct cli_import_result *res, const char *prefix)
{
	for (int i = 0; i < res->nerrors; i++)
		if (str_starts(res->errors[i], prefix))
			return res->errors[i];
	return NULL;
}

static void dump(const struct cli_import_result *res)
{
	for (int i = 0; i < res->nerrors; i++)
		fprintf(stderr, "    %s\n", res->errors[i]);
}

/* Write text to a file in the test's folder; returns its path (new string). */
static char *write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tdb_dir, name);
	FILE *fp = fopen(path, "w");
	if (!fp)
		die("fopen %s", path);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Without a database (the rows' own checks only): each bad cell named, in line order. */
TEST(test_visit_rows_checked_like_the_form)
{
	struct cli_import_result res;
	CHECK_INT(cli_import_register(&cfg, NULL, "visits", FIX "visits-bad.csv", NULL, TODAY, &res), -1);
	dump(&res);
	CHECK_INT(res.nerrors, 3); /* the unknown deputy needs the roster */
	CHECK(error_at(&res, "第 2 行 第 4 列（联系电话）：这是打码的电话号码"));
	CHECK(error_at(&res, "第 3 行 第 5 列（类别）：应为以下之一"));
	CHECK_STR(res.errors[2], "第 6 行 第 1 列（日期）：日期在今天之后：只能导入已经发生的来访");
	cli_import_result_free(&res);
}

TEST(test_masked_address_and_bad_uid_refused)
{
	struct cli_import_result res;
	tdb_open("import-reg");
	char *p = write_file("a.csv",
			     "uid,日期,来访人,住址,类别,反映问题,处理方式\n"
			     "xyz,2023-01-02,王,红旗村***,其他,路灯,交办\n");
	CHECK_INT(cli_import_register(&cfg, db, "visits", p, NULL, TODAY, &res), -1);
	dump(&res);
	CHECK_INT(res.nerrors, 2);
	CHECK(error_at(&res, "第 2 行 第 1 列（uid）：uid 应为 32 位十六进制数字"));
	CHECK(error_at(&res, "第 2 行 第 4 列（住址）：这是打码的内容"));
	CHECK_INT(q_int("SELECT count(*) FROM visits"), 0);
	cli_import_result_free(&res);
	free(p);
	tdb_close();
}

/* The audit entry of every imported row says 导入 with the file's name and the row's line. */
TEST(test_audit_names_file_and_line)
{
	struct cli_import_result res;
	char *err = NULL;
	tdb_open("import-reg");
	CHECK_INT(cli_import_deputies_file(db, FIX "good.csv", TODAY, &res), 0);
	cli_import_result_free(&res);
	CHECK_INT(cli_import_register(&cfg, db, "visits", FIX "visits-good.csv", "测试", TODAY, &res), 0);
	dump(&res);
	CHECK_INT(res.imported, 3);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'visits' AND user = "
			"'测试 导入（来自 visits-good.csv 第 4 行）'"),
		  1);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'visit_deputies' AND user LIKE "
			"'测试 导入（来自 visits-good.csv 第 _ 行）'"),
		  3);
	/* The next write of the clerk is the clerk's again. */
	CHECK_INT(db_begin(db, &err), 0);
	CHECK_INT(db_exec(db, "UPDATE visits SET people = 2 WHERE id = 1", &err), 0);
	CHECK_INT(db_commit(db, &err), 0);
	CHECK_INT(q_int("SELECT user = '测试' FROM audit_log ORDER BY id DESC LIMIT 1"), 1);
	cli_import_result_free(&res);
	tdb_close();
}

/* Cases: the state machine refuses an impossible sequence at the date's column; a state that the
 * dates contradict is named at 状态; nothing is written. */
TEST(test_case_sequence_refused_at_its_column)
{
	struct cli_import_result res;
	tdb_open("import-reg");
	CHECK_INT(cli_import_register(&cfg, db, "cases", FIX "cases-bad.csv", NULL, TODAY, &res), -1);
	dump(&res);
	CHECK_INT(res.nerrors, 3);
	CHECK_STR(res.errors[0],
		  "第 2 行 第 6 列（状态）：状态是「受理」，但按所填的日期应是「办理中」（交办日期、答复日期、办结日期）");
	CHECK(error_at(&res, "第 3 行 第 9 列（答复日期）：答复日期 2023-03-05 早于交办日期（2023-03-10）"));
	CHECK(error_at(&res, "第 4 行 第 7 列（承办单位）："));
	CHECK_INT(q_int("SELECT count(*) FROM cases"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM case_events"), 0);
	cli_import_result_free(&res);
	tdb_close();
}

/* Pairs that go together: a reply date without a result, a satisfaction without a follow-up
 * (named at the empty half); a bad result once. */
TEST(test_case_pairs)
{
	struct cli_import_result res;
	tdb_open("import-reg");
	char *p = write_file("c.csv",
			     "受理日期,类别,摘要,承办单位,交办日期,答复日期,办理结果,回访日期,满意度\n"
			     "2023-01-02,其他,路灯,派出所,2023-01-03,2023-01-10,,,满意\n"
			     "2023-01-02,其他,路灯,派出所,2023-01-03,2023-01-10,E,,\n");
	CHECK_INT(cli_import_register(&cfg, db, "cases", p, NULL, TODAY, &res), -1);
	dump(&res);
	CHECK(error_at(&res, "第 2 行 第 7 列（办理结果）：答复日期和办理结果要么都填"));
	CHECK(error_at(&res, "第 2 行 第 8 列（回访日期）：回访日期和满意度要么都填"));
	CHECK(error_at(&res, "第 3 行 第 7 列（办理结果）：办理结果应为 A、B、C 或 D"));
	CHECK_INT(res.nerrors, 3); /* a bad result is not also a missing one */
	cli_import_result_free(&res);
	free(p);
	tdb_close();
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	cfg_defaults(&cfg);
	RUN(test_visit_rows_checked_like_the_form);
	RUN(test_masked_address_and_bad_uid_refused);
	RUN(test_audit_names_file_and_line);
	RUN(test_case_sequence_refused_at_its_column);
	RUN(test_case_pairs);
	return t_done();
}
