/* Tests of cfg_load(): defaults, a full file (BOM, CRLF, Chinese, quotes), every kind of bad
 * value and bad line, warnings, the search order, and the shipped station.ini.
 * Run from the top of the checkout (tests/run.sh does). Temporary files go to a private folder
 * under /tmp that is removed at the end. */
#include "core/config.h"

#include "core/util.h"

#include "t.h"

#include <iniparser.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64]; /* private folder for this run */
static char cwd[4096];  /* the checkout, to come back to */

#define CHECK_HAS(s, sub)                                                                                              \
	do {                                                                                                           \
		const char *t_s = (s), *t_sub = (sub);                                                                 \
		if (!t_s || !strstr(t_s, t_sub)) {                                                                     \
			fprintf(stderr, "  %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,               \
				t_s ? t_s : "(null)", t_sub);                                                          \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

/* Write content to tmpdir/name; returns the path (caller frees). */
static char *put(const char *name, const char *content)
{
	char *p = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(p, "wb");
	if (!f)
		die("cannot write %s", p);
	fputs(content, f);
	fclose(f);
	return p;
}

/* Load content as t.ini; returns cfg_load's result. */
static int load_str(const char *content, struct cfg *c, char **err)
{
	char *p = put("t.ini", content);
	int rc = cfg_load(p, c, err);
	free(p);
	return rc;
}

/* Load content that must fail; returns the message (caller frees), "" if it did not fail. */
static char *load_bad(const char *content)
{
	struct cfg c;
	char *err = NULL;
	if (load_str(content, &c, &err) == 0) {
		fprintf(stderr, "  expected an error for:\n%s\n", content);
		cfg_free(&c);
		return xstrdup("");
	}
	CHECK(c.station_name == NULL && c.nwarnings == 0); /* out left freed */
	return err;
}

/* Load content that must succeed; warnings stay in c. */
static void load_ok(const char *content, struct cfg *c)
{
	char *err = NULL;
	int rc = load_str(content, c, &err);
	if (rc != 0) {
		fprintf(stderr, "  unexpected error: %s\n", err);
		cfg_defaults(c);
	}
	CHECK_INT(rc, 0);
	CHECK(err == NULL);
	free(err);
}

/* True if any warning contains all of a, b, c (b, c may be NULL). */
static bool warned(const struct cfg *cf, const char *a, const char *b, const char *c)
{
	for (int i = 0; i < cf->nwarnings; i++) {
		const char *w = cf->warnings[i];
		if (strstr(w, a) && (!b || strstr(w, b)) && (!c || strstr(w, c)))
			return true;
	}
	for (int i = 0; i < cf->nwarnings; i++)
		fprintf(stderr, "  warning: %s\n", cf->warnings[i]);
	return false;
}

TEST(t_defaults)
{
	struct cfg c;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	setenv("USER", "clerk1", 1);
	cfg_defaults(&c);
	CHECK_STR(c.station_name, "人大代表联络站");
	CHECK_STR(c.station_code, "ST01");
	CHECK_STR(c.county, "");
	CHECK_STR(c.db_path, "/srv/data/station/station.db");
	CHECK(c.db_path_default);
	CHECK_INT(c.reception_rule, RECEPTION_MONTHDAY);
	CHECK_INT(c.reception_day, 15);
	CHECK_STR(c.reception_time, "09:00-11:30");
	CHECK(!c.reception_keep_holiday);
	CHECK_INT(c.notice_days, 3);
	CHECK_INT(c.case_days, 15);
	CHECK_INT(c.due_soon_days, 3);
	CHECK_INT(c.min_activities_per_quarter, 1);
	CHECK_INT(c.min_receptions_per_year, 4);
	CHECK_INT(c.csv_encoding, CSV_UTF8_BOM);
	CHECK(c.mask_personal);
	CHECK_STR(c.titles[REG_DEPUTIES], "代表名册");
	CHECK_STR(c.titles[REG_VISITS], "接待选民登记簿");
	CHECK_STR(c.titles[REG_CASES], "意见建议办理簿");
	CHECK_STR(c.titles[REG_SUGGESTIONS], "代表建议办理簿");
	CHECK_STR(c.titles[REG_ACTIVITIES], "代表活动记录簿");
	CHECK_STR(c.titles[REG_TRAINING], "学习培训记录簿");
	CHECK_STR(c.titles[REG_PERFORMANCE], "代表履职登记簿");
	CHECK_STR(c.user, "clerk1");
	CHECK(c.login);
	CHECK_INT(c.lock_minutes, 15);
	CHECK(c.path == NULL && c.nkeys == 0 && c.ndays == 0 && c.nwarnings == 0);
	cfg_free(&c);
	CHECK(c.station_name == NULL);
	cfg_free(&c); /* twice is harmless */

	unsetenv("USER");
	cfg_defaults(&c);
	CHECK_STR(c.user, "联络员");
	cfg_free(&c);
}

TEST(t_default_db_path)
{
	char *p;
	setenv("XDG_DATA_HOME", "/srv/xdg", 1);
	p = cfg_default_db_path();
	CHECK_STR(p, "/srv/xdg/station/station.db");
	free(p);
	setenv("HOME", "/home/clerk", 1);
	unsetenv("XDG_DATA_HOME");
	p = cfg_default_db_path();
	CHECK_STR(p, "/home/clerk/.local/share/station/station.db");
	free(p);
	setenv("XDG_DATA_HOME", "relative/dir", 1); /* not absolute: ignored, as the spec says */
	p = cfg_default_db_path();
	CHECK_STR(p, "/home/clerk/.local/share/station/station.db");
	free(p);
	setenv("XDG_DATA_HOME", "", 1);
	p = cfg_default_db_path();
	CHECK_STR(p, "/home/clerk/.local/share/station/station.db");
	free(p);
	unsetenv("XDG_DATA_HOME");

	struct cfg c;
	load_ok("[database]\npath =\n", &c); /* empty: the default */
	CHECK_STR(c.db_path, "/home/clerk/.local/share/station/station.db");
	CHECK(c.db_path_default);
	cfg_free(&c);
	load_ok("[database]\npath = ~/台账/station.db\n", &c);
	CHECK_STR(c.db_path, "/home/clerk/台账/station.db");
	CHECK(!c.db_path_default);
	cfg_free(&c);
	load_ok("[database]\npath = data/station.db\n", &c);
	CHECK_STR(c.db_path, "data/station.db");
	cfg_free(&c);
}

TEST(t_full_file)
{
	const char *file = "tests/data/config/full.ini";
	/* The fixture must really have a BOM and CRLF (guards against an editor "fixing" it). */
	FILE *f = fopen(file, "rb");
	char head[4] = { 0 }, buf[8192];
	size_t n = 0;
	CHECK(f != NULL);
	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		memcpy(head, buf, 3);
	}
	buf[n] = '\0';
	CHECK(!memcmp(head, "\xEF\xBB\xBF", 3));
	CHECK(strstr(buf, "\r\n") != NULL);

	struct cfg c;
	char *err = NULL;
	int rc = cfg_load(file, &c, &err);
	CHECK_INT(rc, 0);
	if (rc) {
		fprintf(stderr, "  %s\n", err);
		free(err);
		return;
	}
	CHECK_STR(c.path, file);
	CHECK_INT(c.nwarnings, 0);
	CHECK_STR(c.station_name, "西湖街道人大代表联络站");
	CHECK_STR(c.station_code, "XH01");
	CHECK_STR(c.county, "西湖区");
	CHECK_STR(c.township, "西湖街道");
	CHECK_STR(c.address, "文三路 100 号 3#楼 ; 一层");
	CHECK_STR(c.db_path, "/var/lib/station/xh.db");
	CHECK(!c.db_path_default);
	CHECK_INT(c.reception_rule, RECEPTION_WEEKDAY);
	CHECK_INT(c.reception_day, 3);
	CHECK_STR(c.reception_time, "14:30-17:00");
	CHECK_STR(c.reception_place, "街道代表之家");
	CHECK(c.reception_keep_holiday);
	CHECK_INT(c.notice_days, 5);
	CHECK_INT(c.case_days, 20);
	CHECK_INT(c.due_soon_days, 2);
	CHECK_INT(c.min_activities_per_quarter, 2);
	CHECK_INT(c.min_receptions_per_year, 6);
	CHECK_INT(c.csv_encoding, CSV_GB18030);
	CHECK(!c.mask_personal);
	CHECK_STR(c.titles[REG_DEPUTIES], "代表花名册");
	CHECK_STR(c.titles[REG_VISITS], "选民接待登记簿");
	CHECK_STR(c.titles[REG_CASES], "群众意见建议办理簿");
	CHECK_STR(c.titles[REG_SUGGESTIONS], "代表建议办理登记簿");
	CHECK_STR(c.titles[REG_ACTIVITIES], "代表活动登记簿");
	CHECK_STR(c.titles[REG_TRAINING], "学习培训登记簿");
	CHECK_STR(c.titles[REG_PERFORMANCE], "代表履职档案");
	CHECK_STR(c.user, "王小红");
	CHECK_INT(c.nkeys, 2);
	if (c.nkeys == 2) {
		CHECK_STR(c.keys[0].action, "save");
		CHECK_STR(c.keys[0].keys, "F2 ^W");
		CHECK_STR(c.keys[1].action, "quit");
		CHECK_STR(c.keys[1].keys, "F10 q");
		CHECK_INT(c.keys[1].line, 41);
	}
	CHECK_INT(c.ndays, 3);
	if (c.ndays == 3) {
		CHECK_STR(c.days[0].date, "2026-06-01");
		CHECK(!c.days[0].work);
		CHECK_STR(c.days[0].name, "本地节日");
		CHECK_STR(c.days[1].date, "2026-06-06");
		CHECK(c.days[1].work);
		CHECK_STR(c.days[1].name, "调休");
		CHECK_STR(c.days[2].date, "2026-10-12");
		CHECK(!c.days[2].work);
		CHECK_STR(c.days[2].name, "街道运动会");
		CHECK_INT(c.days[2].line, 46);
	}
	char *rule = cfg_rule_text(&c);
	CHECK_STR(rule, "每周三");
	free(rule);
	cfg_free(&c);
}

TEST(t_shipped_ini)
{
	struct cfg c;
	char *err = NULL;
	setenv("HOME", "/home/clerk", 1);
	unsetenv("XDG_DATA_HOME");
	int rc = cfg_load("station.ini", &c, &err);
	CHECK_INT(rc, 0);
	if (rc) {
		fprintf(stderr, "  %s\n", err);
		free(err);
		return;
	}
	CHECK_INT(c.nwarnings, 0);
	for (int i = 0; i < c.nwarnings; i++)
		fprintf(stderr, "  warning: %s\n", c.warnings[i]);
	CHECK_STR(c.station_code, "CG01");
	CHECK_HAS(c.station_name, "城关镇");
	CHECK(c.db_path_default);
	CHECK_STR(c.db_path, "/home/clerk/.local/share/station/station.db");
	CHECK_INT(c.case_days, 15);
	CHECK_STR(c.titles[REG_VISITS], "接待选民登记簿");
	cfg_free(&c);

	/* Every key is written out in the shipped example (in its section, in order). */
	static const char *const keys[] = {
		"[station]",      "name =",          "code =",      "county =",        "township =",      "address =",
		"[database]",     "path =",          "[reception]", "rule =",          "time =",          "place =",
		"keep_holiday =", "notice_days =",   "[cases]",     "deadline_days =", "due_soon_days =", "assign_days =", "followup_days =", "[activities]", "min_per_quarter =", "[deputies]", "min_receptions_per_year =", "[export]",
		"csv_encoding =", "mask_personal =", "[registers]", "deputies =",      "visits =",        "cases =",
		"suggestions =",  "activities =",    "training =",  "performance =",   "[accounts]", "login =", "lock_minutes =", "[user]",          "name =",
		"[keys]",         "[calendar]",
	};
	FILE *f = fopen("station.ini", "r");
	char buf[16384];
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	const char *at = buf;
	for (size_t i = 0; i < ARRAY_LEN(keys); i++) {
		char *want = xasprintf("\n%s", keys[i]);
		const char *p = strstr(at, want);
		if (!p)
			fprintf(stderr, "  station.ini: no line starting with \"%s\" after the previous key\n",
				keys[i]);
		CHECK(p != NULL);
		if (p)
			at = p + 1;
		free(want);
	}
}

TEST(t_bad_int)
{
	char *e = load_bad("[station]\ncode = CG01\n[cases]\ndeadline_days = abc\n");
	char *want = xasprintf("%s/t.ini 第 4 行 [cases] deadline_days = abc：应为 1 到 365 之间的整数", tmpdir);
	CHECK_STR(e, want);
	free(want);
	free(e);
	const char *bad[] = { "0", "366", "15.5", "-1", "+3", "1e2", "１５", "99999999999999" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *in = xasprintf("[cases]\ndeadline_days = %s\n", bad[i]);
		e = load_bad(in);
		CHECK_HAS(e, "第 2 行 [cases] deadline_days");
		CHECK_HAS(e, bad[i]);
		free(e);
		free(in);
	}
	e = load_bad("[reception]\nnotice_days = 31\n");
	CHECK_HAS(e, "第 2 行 [reception] notice_days = 31：应为 0 到 30 之间的整数");
	free(e);
	e = load_bad("[cases]\ndue_soon_days = 三\n");
	CHECK_HAS(e, "[cases] due_soon_days = 三");
	free(e);
	e = load_bad("[activities]\nmin_per_quarter = 100\n");
	CHECK_HAS(e, "第 2 行 [activities] min_per_quarter = 100：应为 0 到 99 之间的整数");
	free(e);
	e = load_bad("[accounts]\nlock_minutes = 0\n");
	CHECK_HAS(e, "第 2 行 [accounts] lock_minutes = 0：应为 1 到 1440 之间的整数");
	free(e);
	e = load_bad("[deputies]\nmin_receptions_per_year = 四次\n");
	CHECK_HAS(e, "第 2 行 [deputies] min_receptions_per_year = 四次：应为 0 到 366 之间的整数");
	free(e);

	struct cfg c;
	load_ok("[cases]\ndeadline_days =  365  \ndue_soon_days = 0\n[reception]\nnotice_days=0\n", &c);
	CHECK_INT(c.case_days, 365);
	CHECK_INT(c.due_soon_days, 0);
	CHECK_INT(c.notice_days, 0);
	cfg_free(&c);
	load_ok("[accounts]\nlogin = no\nlock_minutes = 30\n", &c);
	CHECK(!c.login);
	CHECK_INT(c.lock_minutes, 30);
	cfg_free(&c);
}

TEST(t_bad_bool)
{
	char *e = load_bad("[export]\n\nmask_personal = maybe\n");
	CHECK_HAS(e, "第 3 行 [export] mask_personal = maybe：应为 yes 或 no");
	free(e);
	e = load_bad("[reception]\nkeep_holiday = 2\n");
	CHECK_HAS(e, "第 2 行 [reception] keep_holiday = 2");
	free(e);
	const char *yes[] = { "yes", "YES", "true", "1", "是" }, *no[] = { "no", "False", "0", "否" };
	struct cfg c;
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		char *in = xasprintf("[reception]\nkeep_holiday = %s\n", yes[i]);
		load_ok(in, &c);
		CHECK(c.reception_keep_holiday);
		cfg_free(&c);
		free(in);
	}
	for (size_t i = 0; i < ARRAY_LEN(no); i++) {
		char *in = xasprintf("[export]\nmask_personal = %s\n", no[i]);
		load_ok(in, &c);
		CHECK(!c.mask_personal);
		cfg_free(&c);
		free(in);
	}
}

TEST(t_rule)
{
	static const struct {
		const char *in;
		enum reception_rule rule;
		int day;
		const char *text;
	} good[] = {
		{ "day:15", RECEPTION_MONTHDAY, 15, "每月15日" },   { "DAY : 1", RECEPTION_MONTHDAY, 1, "每月1日" },
		{ "每月28日", RECEPTION_MONTHDAY, 28, "每月28日" }, { "每月 5 号", RECEPTION_MONTHDAY, 5, "每月5日" },
		{ "31日", RECEPTION_MONTHDAY, 31, "每月31日" },     { "day：10", RECEPTION_MONTHDAY, 10, "每月10日" },
		{ "weekday:3", RECEPTION_WEEKDAY, 3, "每周三" },    { "Weekday: 7", RECEPTION_WEEKDAY, 7, "每周日" },
		{ "周三", RECEPTION_WEEKDAY, 3, "每周三" },         { "每周一", RECEPTION_WEEKDAY, 1, "每周一" },
		{ "星期日", RECEPTION_WEEKDAY, 7, "每周日" },       { "星期天", RECEPTION_WEEKDAY, 7, "每周日" },
		{ "周6", RECEPTION_WEEKDAY, 6, "每周六" },
	};
	struct cfg c;
	for (size_t i = 0; i < ARRAY_LEN(good); i++) {
		char *in = xasprintf("[reception]\nrule = %s\n", good[i].in);
		load_ok(in, &c);
		CHECK_INT(c.reception_rule, good[i].rule);
		CHECK_INT(c.reception_day, good[i].day);
		char *t = cfg_rule_text(&c);
		CHECK_STR(t, good[i].text);
		free(t);
		cfg_free(&c);
		free(in);
	}
	const char *bad[] = { "day:0", "day:32",    "每月32日", "weekday:0", "weekday:8", "周八",
			      "15",    "sometimes", "day:",     "周三下午",  "day:15日日" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *in = xasprintf("[reception]\n# 接待日\nrule = %s\n", bad[i]);
		char *e = load_bad(in);
		CHECK_HAS(e, "第 3 行 [reception] rule = ");
		CHECK_HAS(e, bad[i]);
		CHECK_HAS(e, "day:");
		CHECK_HAS(e, "weekday:");
		free(e);
		free(in);
	}
}

TEST(t_time)
{
	static const char *const good[][2] = {
		{ "9:00-11:30", "09:00-11:30" },     { "14：30～17：00", "14:30-17:00" },
		{ "08:30 至 12:00", "08:30-12:00" }, { "14:30", "14:30" },
		{ "20:00-24:00", "20:00-24:00" },
	};
	struct cfg c;
	for (size_t i = 0; i < ARRAY_LEN(good); i++) {
		char *in = xasprintf("[reception]\ntime = %s\n", good[i][0]);
		load_ok(in, &c);
		CHECK_STR(c.reception_time, good[i][1]);
		cfg_free(&c);
		free(in);
	}
	const char *bad[] = { "25:00", "9:5", "11:30-09:00", "09:00-09:00", "上午", "9点", "09:60", "09:00-" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *in = xasprintf("[reception]\ntime = %s\n", bad[i]);
		char *e = load_bad(in);
		CHECK_HAS(e, "第 2 行 [reception] time = ");
		CHECK_HAS(e, "09:00-11:30");
		free(e);
		free(in);
	}
}

TEST(t_bad_code)
{
	const char *bad[] = { "CG-01", "城关01", "ABCDEFGHIJKLM", "CG 01" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *in = xasprintf("[station]\nname = 城关镇\ncode = \"%s\"\n", bad[i]);
		char *e = load_bad(in);
		CHECK_HAS(e, "第 3 行 [station] code = ");
		CHECK_HAS(e, bad[i]);
		CHECK_HAS(e, "1 到 12 个英文字母或数字");
		free(e);
		free(in);
	}
	struct cfg c;
	load_ok("[station]\ncode = ABCDEFGHIJ12\n", &c);
	CHECK_STR(c.station_code, "ABCDEFGHIJ12");
	cfg_free(&c);
	load_ok("[station]\ncode =\n", &c); /* empty: the default */
	CHECK_STR(c.station_code, "ST01");
	cfg_free(&c);
}

TEST(t_bad_encoding)
{
	char *e = load_bad("[export]\ncsv_encoding = utf-16\n");
	CHECK_HAS(e, "第 2 行 [export] csv_encoding = utf-16：应为 utf-8-bom 或 gb18030");
	free(e);
	e = load_bad("[export]\ncsv_encoding = GBK\n");
	CHECK_HAS(e, "[export] csv_encoding = GBK");
	CHECK_HAS(e, "请用 gb18030");
	free(e);
	struct cfg c;
	load_ok("[export]\ncsv_encoding = gb18030\n", &c);
	CHECK_INT(c.csv_encoding, CSV_GB18030);
	cfg_free(&c);
	load_ok("[export]\ncsv_encoding = UTF-8-BOM\n", &c);
	CHECK_INT(c.csv_encoding, CSV_UTF8_BOM);
	cfg_free(&c);
}

TEST(t_bad_text)
{
	char *e = load_bad("[registers]\nvisits = 一二三四五六七八九十一二三四五六七八九十一\n");
	CHECK_HAS(e, "第 2 行 [registers] visits = ");
	CHECK_HAS(e, "最多 20 个字");
	free(e);
	e = load_bad("[station]\nname = 城关\x01镇\n");
	CHECK_HAS(e, "第 2 行 [station] name");
	CHECK_HAS(e, "控制字符");
	free(e);
}

TEST(t_all_errors_listed)
{
	char *e = load_bad("[cases]\ndeadline_days = x\ndue_soon_days = y\n[export]\nmask_personal = z\n");
	CHECK_HAS(e, "第 2 行 [cases] deadline_days = x");
	CHECK_HAS(e, "\n");
	CHECK_HAS(e, "第 3 行 [cases] due_soon_days = y");
	CHECK_HAS(e, "第 5 行 [export] mask_personal = z");
	free(e);
	/* A bad line and a bad value are both reported. */
	e = load_bad("[cases]\ndeadline_days 15\ndue_soon_days = y\n");
	CHECK_HAS(e, "第 2 行");
	CHECK_HAS(e, "第 3 行 [cases] due_soon_days = y");
	free(e);
	/* In line order, whichever pass found them. */
	e = load_bad("[cases]\ndue_soon_days = y\ndeadline_days 15\n");
	const char *a = strstr(e, "第 2 行"), *b = strstr(e, "第 3 行");
	CHECK(a && b && a < b);
	free(e);
	/* At most 20 listed, then a count. */
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "[cases]\n");
	for (int i = 0; i < 25; i++)
		sb_addf(&sb, "bad line %d\n", i);
	e = load_bad(sb.buf);
	CHECK_HAS(e, "第 21 行");
	CHECK(!strstr(e, "第 22 行"));
	CHECK_HAS(e, "另有 5 处错误未列出");
	free(e);
	sb_free(&sb);
}

TEST(t_malformed_line)
{
	char *e = load_bad("[cases]\r\n\r\ndeadline_days 15\r\n");
	char *want = xasprintf("%s/t.ini 第 3 行「deadline_days 15」格式不对：", tmpdir);
	CHECK_HAS(e, want);
	free(want);
	free(e);
	e = load_bad("[cases]\ndeadline_days ＝ 15\n");
	CHECK_HAS(e, "第 2 行");
	CHECK_HAS(e, "半角 =");
	free(e);
	e = load_bad("# x\n[station\nname = a\n");
	CHECK_HAS(e, "第 2 行「[station」格式不对");
	free(e);
	e = load_bad("【station】\n");
	CHECK_HAS(e, "第 1 行");
	CHECK_HAS(e, "半角 [ ]");
	free(e);
	e = load_bad("[station]\n= 城关\n");
	CHECK_HAS(e, "第 2 行");
	CHECK_HAS(e, "缺少设置名");
	free(e);
	e = load_bad("[station] name = x\n");
	CHECK_HAS(e, "第 1 行「[station] name = x」格式不对：节名应单独一行");
	free(e);
	e = load_bad("[]\n");
	CHECK_HAS(e, "第 1 行「[]」");
	free(e);
	e = load_bad("[a]]\n");
	CHECK_HAS(e, "第 1 行「[a]]」");
	free(e);
	/* A trailing backslash would glue the next line on in iniparser. */
	e = load_bad("[database]\npath = /srv/台账\\\n[cases]\ndeadline_days = 10\n");
	CHECK_HAS(e, "第 2 行 path");
	CHECK_HAS(e, "反斜杠");
	free(e);
}

TEST(t_comments_quotes)
{
	struct cfg c;
	load_ok("; comment\n# 注释\n  [ STATION ]\u3000; 行尾注释\n"
		"\u3000name\u3000= \"城关镇;人大\" # c\n"
		"address = '3#楼'\n"
		"county = 城关县 ; 县\n"
		"township = 城关镇#镇\n"
		"[reception]\nnotice_days = 7 # 天\nplace = \"\"\n",
		&c);
	CHECK_STR(c.station_name, "城关镇;人大");
	CHECK_STR(c.address, "3#楼");
	CHECK_STR(c.county, "城关县");
	CHECK_STR(c.township, "城关镇"); /* unquoted #: an inline comment, as documented */
	CHECK_INT(c.notice_days, 7);
	CHECK_STR(c.reception_place, "联络站接待室"); /* "" is empty: the default */
	CHECK_INT(c.nwarnings, 0);
	cfg_free(&c);
	/* Keys and sections are case-insensitive; a comment line may end in a backslash. */
	load_ok("[CASES]\n# C:\\\nDeadline_Days = 9\n", &c);
	CHECK_INT(c.case_days, 9);
	cfg_free(&c);
	/* An empty file: all defaults, no warnings. */
	load_ok("", &c);
	CHECK_INT(c.nwarnings, 0);
	CHECK_INT(c.case_days, 15);
	cfg_free(&c);
	/* No final newline. */
	load_ok("[cases]\ndeadline_days = 8", &c);
	CHECK_INT(c.case_days, 8);
	cfg_free(&c);
}

TEST(t_long_line)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "[notes]\nnote = ");
	while (sb.len - 8 < CFG_LINE_MAX)
		sb_addc(&sb, 'x');
	sb_add(&sb, "\n[cases]\ndeadline_days = 12\n");
	struct cfg c;
	load_ok(sb.buf, &c); /* exactly CFG_LINE_MAX bytes: iniparser takes it */
	CHECK_INT(c.case_days, 12);
	CHECK(warned(&c, "第 1 行", "[notes]", NULL));
	cfg_free(&c);
	sb_free(&sb);

	sb_init(&sb);
	sb_add(&sb, "[station]\n# ");
	for (int i = 0; i < 400; i++)
		sb_add(&sb, "长");
	sb_add(&sb, "\nname = x\n");
	char *e = load_bad(sb.buf);
	CHECK_HAS(e, "第 2 行太长（1202 字节）：每行最多 1022 字节");
	free(e);
	sb_free(&sb);
}

TEST(t_invalid_utf8)
{
	/* 城关镇 in GBK, as Notepad's "ANSI" would save it. */
	char *e = load_bad("[station]\nname = \xB3\xC7\xB9\xD8\xD5\xF2\n");
	CHECK_HAS(e, "第 2 行");
	CHECK_HAS(e, "UTF-8");
	free(e);
	e = load_bad("\xFF\xFE[\0s\0");
	CHECK_HAS(e, "UTF-16");
	free(e);
	e = load_bad("[station]\nname = \xED\xA0\x80\n"); /* a surrogate */
	CHECK_HAS(e, "第 2 行");
	free(e);
}

TEST(t_warnings)
{
	struct cfg c;
	load_ok("orphan = 1\n"
		"[cases]\n"
		"deadline = 10\n"
		"deadline_days = 11\n"
		"deadline_days = 12\n"
		"mask_personal = no\n"
		"[stations]\n"
		"name = x\n"
		"[misc]\n"
		"[keys]\n"
		"save =\n",
		&c);
	CHECK_INT(c.case_days, 12);
	CHECK(c.mask_personal); /* in the wrong section: ignored */
	CHECK(warned(&c, "第 1 行", "orphan", "不在任何 [节]"));
	CHECK(warned(&c, "第 3 行", "deadline", "是否应为 deadline_days"));
	CHECK(warned(&c, "第 4 行", "重复", "以第 5 行为准"));
	CHECK(warned(&c, "第 6 行", "mask_personal", "属于 [export]"));
	CHECK(warned(&c, "第 7 行", "[stations]", "是否应为 [station]"));
	CHECK(warned(&c, "第 9 行", "[misc]", NULL));
	CHECK_INT(c.nwarnings, 6);
	CHECK_INT(c.nkeys, 0); /* an empty [keys] value keeps the default keys */
	cfg_free(&c);
}

TEST(t_keys_calendar)
{
	struct cfg c;
	load_ok("[keys]\nSave = F2 ^W\nquit = \"F10 q\"\nnew = F3, n\n"
		"[calendar]\n2026-06-01 = off 本地节日\n2026-06-06 = WORK   调休上班\n2027-01-04 = 休\n"
		"2027-01-09 = 班\u3000补班\n",
		&c);
	CHECK_INT(c.nkeys, 3);
	if (c.nkeys == 3) {
		CHECK_STR(c.keys[0].action, "save");
		CHECK_STR(c.keys[0].keys, "F2 ^W");
		CHECK_INT(c.keys[0].line, 2);
		CHECK_STR(c.keys[1].keys, "F10 q");
		CHECK_STR(c.keys[2].action, "new");
		CHECK_STR(c.keys[2].keys, "F3, n");
	}
	CHECK_INT(c.ndays, 4);
	if (c.ndays == 4) {
		CHECK_STR(c.days[0].date, "2026-06-01");
		CHECK(!c.days[0].work);
		CHECK_STR(c.days[0].name, "本地节日");
		CHECK_INT(c.days[0].line, 6);
		CHECK(c.days[1].work);
		CHECK_STR(c.days[1].name, "调休上班");
		CHECK_STR(c.days[2].date, "2027-01-04");
		CHECK(!c.days[2].work);
		CHECK_STR(c.days[2].name, "");
		CHECK(c.days[3].work);
		CHECK_STR(c.days[3].name, "补班");
	}
	cfg_free(&c);

	char *e = load_bad("[calendar]\n2026-02-30 = off 不存在的日子\n");
	CHECK_HAS(e, "第 2 行 [calendar] 2026-02-30");
	CHECK_HAS(e, "YYYY-MM-DD");
	free(e);
	e = load_bad("[calendar]\n2026/06/01 = off\n");
	CHECK_HAS(e, "第 2 行 [calendar] 2026/06/01");
	free(e);
	e = load_bad("[calendar]\n\n2026-06-01 = holiday 端午\n");
	CHECK_HAS(e, "第 3 行 [calendar] 2026-06-01 = holiday 端午：应为 off");
	free(e);
	e = load_bad("[calendar]\n2026-06-01 =\n");
	CHECK_HAS(e, "第 2 行 [calendar] 2026-06-01");
	free(e);
}

TEST(t_missing_explicit)
{
	struct cfg c;
	char *err = NULL;
	char *p = xasprintf("%s/nope/station.ini", tmpdir);
	CHECK_INT(cfg_load(p, &c, &err), -1);
	char *want = xasprintf("找不到配置文件 %s", p);
	CHECK_STR(err, want);
	CHECK(c.station_name == NULL && c.path == NULL);
	cfg_free(&c);
	free(want);
	free(err);
	/* $STATION_CONFIG counts as explicit. */
	setenv("STATION_CONFIG", p, 1);
	err = NULL;
	CHECK_INT(cfg_load(NULL, &c, &err), -1);
	CHECK_HAS(err, "找不到配置文件");
	free(err);
	unsetenv("STATION_CONFIG");
	free(p);
}

TEST(t_search_order)
{
	struct cfg c;
	char *err = NULL;
	char *work = xasprintf("%s/work", tmpdir), *xdg = xasprintf("%s/xdg", tmpdir);
	char *xdgst = xasprintf("%s/station", xdg);
	mkdir(work, 0700);
	mkdir(xdg, 0700);
	unsetenv("STATION_CONFIG");
	setenv("XDG_CONFIG_HOME", xdg, 1);
	if (chdir(work) != 0)
		die("chdir %s", work);

	char *sys = xasprintf("%s/etc-station.ini", tmpdir);
	cfg_system_file = sys; /* /etc/station/station.ini, whatever this machine has there */

	CHECK_INT(cfg_load(NULL, &c, &err), 0); /* nothing anywhere */
	CHECK(err == NULL);
	CHECK(c.path == NULL);
	CHECK_INT(c.nwarnings, 1);
	if (c.nwarnings == 1)
		CHECK_STR(c.warnings[0], "未找到 station.ini，使用默认设置");
	CHECK_INT(c.case_days, 15);
	cfg_free(&c);

	FILE *fp = fopen(sys, "w");
	fputs("[cases]\ndeadline_days = 20\n", fp);
	fclose(fp);
	CHECK_INT(cfg_load(NULL, &c, &err), 0); /* the machine-wide file, last of all */
	CHECK_STR(c.path, sys);
	CHECK_INT(c.case_days, 20);
	CHECK_INT(c.nwarnings, 0);
	cfg_free(&c);

	mkdir(xdgst, 0700);
	char *f = xasprintf("%s/station.ini", xdgst);
	fp = fopen(f, "w");
	fputs("[cases]\ndeadline_days = 21\n", fp);
	fclose(fp);
	CHECK_INT(cfg_load(NULL, &c, &err), 0); /* $XDG_CONFIG_HOME/station/station.ini before it */
	CHECK_STR(c.path, f);
	CHECK_INT(c.case_days, 21);
	CHECK_INT(c.nwarnings, 0);
	cfg_free(&c);

	fp = fopen("station.ini", "w");
	fputs("[cases]\ndeadline_days = 22\n", fp);
	fclose(fp);
	CHECK_INT(cfg_load(NULL, &c, &err), 0); /* ./station.ini comes first */
	CHECK_STR(c.path, "station.ini");
	CHECK_INT(c.case_days, 22);
	cfg_free(&c);

	setenv("STATION_CONFIG", f, 1);
	CHECK_INT(cfg_load(NULL, &c, &err), 0); /* $STATION_CONFIG before both */
	CHECK_INT(c.case_days, 21);
	cfg_free(&c);
	unsetenv("STATION_CONFIG");

	/* Errors in a found file are errors, naming that file. */
	fp = fopen("station.ini", "w");
	fputs("[cases]\ndeadline_days = 0\n", fp);
	fclose(fp);
	CHECK_INT(cfg_load(NULL, &c, &err), -1);
	CHECK_HAS(err, "station.ini 第 2 行 [cases] deadline_days = 0：应为 1 到 365 之间的整数");
	free(err);

	unlink("station.ini");
	unlink(f);
	unlink(sys);
	cfg_system_file = CFG_SYSTEM_FILE;
	free(sys);
	rmdir(xdgst);
	rmdir(xdg);
	if (chdir(cwd) != 0)
		die("chdir %s", cwd);
	rmdir(work);
	unsetenv("XDG_CONFIG_HOME");
	free(f);
	free(work);
	free(xdg);
	free(xdgst);
}

TEST(t_unreadable)
{
	struct cfg c;
	char *err = NULL;
	/* A folder where the file should be. */
	CHECK_INT(cfg_load(tmpdir, &c, &err), -1);
	CHECK_HAS(err, tmpdir);
	CHECK_HAS(err, "文件夹");
	free(err);
	err = NULL;

	char *p = put("locked.ini", "[cases]\ndeadline_days = 10\n");
	chmod(p, 0);
	if (geteuid() == 0) {
		/* root reads a mode-000 file anyway: nothing to check here without faking it. */
		fprintf(stderr, "  note: running as root; the chmod 000 check is skipped\n");
	} else {
		CHECK_INT(cfg_load(p, &c, &err), -1);
		char *want = xasprintf("无法读取配置文件 %s：没有读取权限", p);
		CHECK_STR(err, want);
		free(want);
		free(err);
	}
	unlink(p);
	free(p);
}

/* The file is parsed in memory: no temporary file, so a missing or unwritable TMPDIR (or a full
 * /tmp) changes nothing. */
TEST(t_no_temp_file)
{
	const char *saved = getenv("TMPDIR");
	char *keep = saved ? xstrdup(saved) : NULL;
	char *notdir = put("not-a-folder", "x");
	const char *dirs[] = { "/nonexistent/station-tmp", notdir };
	for (size_t i = 0; i < ARRAY_LEN(dirs); i++) {
		struct cfg c;
		char *err = NULL;
		setenv("TMPDIR", dirs[i], 1);
		int rc = load_str("[station]\nname = \"城关镇;人大\" # c\n[cases]\ndeadline_days = 9\n", &c, &err);
		CHECK_INT(rc, 0);
		CHECK(err == NULL);
		if (rc == 0) {
			CHECK_STR(c.station_name, "城关镇;人大");
			CHECK_INT(c.case_days, 9);
			cfg_free(&c);
		}
		free(err);
	}
	if (keep)
		setenv("TMPDIR", keep, 1);
	else
		unsetenv("TMPDIR");
	unlink(notdir);
	free(notdir);
	free(keep);
}

/* A FIFO, a device or a folder named as the configuration is refused at once (a FIFO would
 * otherwise wait for a writer forever; /dev/zero never ends), naming the path. */
TEST(t_not_regular)
{
	char *fifo = xasprintf("%s/fifo.ini", tmpdir);
	const char *paths[] = { fifo, "/dev/zero", "/dev/null", tmpdir };
	if (mkfifo(fifo, 0600))
		die("cannot make a FIFO %s", fifo);
	alarm(10); /* a hang kills the test (no PASS line): counted as a failure */
	for (size_t i = 0; i < ARRAY_LEN(paths); i++) {
		struct cfg c;
		char *err = NULL;
		CHECK_INT(cfg_load(paths[i], &c, &err), -1);
		CHECK_HAS(err, paths[i]);
		CHECK_HAS(err, "无法读取配置文件");
		free(err);
	}
	alarm(0);
	unlink(fifo);
	free(fifo);
}

/* Values are read by iniparser's own rules without iniparser_load: the same value as
 * iniparser_load gives for the same line (quotes, inline comments, empty quotes). */
TEST(t_values_as_iniparser)
{
	static const char *const vals[] = {
		"城关镇",    "\"城关镇;人大\" # c",
		"'3#楼'",    "城关县 ; 县",
		"城关镇#镇", "\"\"",
		"''",        "\"",
		"'",         "\"a\"b",
		"\"a",       "'a",
		"a \"b\" c", "\"a b\"  ",
		"x;",        "# c",
		"; c",       "\"  sp  \"",
		"a=b",       "\"''\"",
	};
	for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
		char *text = xasprintf("[station]\nname = %s\n", vals[i]);
		char *p = put("same.ini", text);
		dictionary *d = iniparser_load(p);
		char *want = xstrdup(d ? iniparser_getstring(d, "station:name", "") : "?");
		str_trim(want);
		struct cfg c;
		char *err = NULL;
		CHECK_INT(cfg_load(p, &c, &err), 0);
		if (!err) {
			const char *got = c.station_name;
			if (!want[0]) /* empty: the default stays */
				CHECK_STR(got, "人大代表联络站");
			else if (strcmp(got, want))
				CHECK_STR(got, want);
			cfg_free(&c);
		}
		free(err);
		if (d)
			iniparser_freedict(d);
		free(want);
		unlink(p);
		free(p);
		free(text);
	}
}

TEST(t_iniparser_silent)
{
	/* iniparser prints its complaints to stderr; a clerk's terminal must not get them. */
	fflush(stderr);
	int saved = dup(2);
	char *log = xasprintf("%s/stderr.txt", tmpdir);
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	struct cfg c;
	char *err = NULL;
	int rc = load_str("\xEF\xBB\xBF[station]\nbad line\n[cases]\ndeadline_days = 10\n", &c, &err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	CHECK_INT(rc, -1);
	CHECK_HAS(err, "第 2 行");
	free(err);
	struct stat st;
	CHECK(stat(log, &st) == 0 && st.st_size == 0);
	unlink(log);
	free(log);
}

TEST(t_registers)
{
	CHECK_STR(cfg_reg_key(REG_DEPUTIES), "deputies");
	CHECK_STR(cfg_reg_key(REG_PERFORMANCE), "performance");
	CHECK_STR(cfg_default_title(REG_SUGGESTIONS), "代表建议办理簿");
	CHECK_INT(cfg_reg_find("Visits"), REG_VISITS);
	CHECK_INT(cfg_reg_find("training"), REG_TRAINING);
	CHECK_INT(cfg_reg_find("nope"), -1);
	CHECK_INT(cfg_reg_find(NULL), -1);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/station-test-config-XXXXXX");
	if (!mkdtemp(tmpdir) || !getcwd(cwd, sizeof cwd))
		die("cannot make a temporary folder");
	unsetenv("STATION_CONFIG");
	RUN(t_defaults);
	RUN(t_default_db_path);
	RUN(t_full_file);
	RUN(t_shipped_ini);
	RUN(t_bad_int);
	RUN(t_bad_bool);
	RUN(t_rule);
	RUN(t_time);
	RUN(t_bad_code);
	RUN(t_bad_encoding);
	RUN(t_bad_text);
	RUN(t_all_errors_listed);
	RUN(t_malformed_line);
	RUN(t_comments_quotes);
	RUN(t_long_line);
	RUN(t_invalid_utf8);
	RUN(t_warnings);
	RUN(t_keys_calendar);
	RUN(t_missing_explicit);
	RUN(t_search_order);
	RUN(t_unreadable);
	RUN(t_iniparser_silent);
	RUN(t_registers);
	RUN(t_no_temp_file);
	RUN(t_values_as_iniparser);
	RUN(t_not_regular);
	char *t = xasprintf("%s/t.ini", tmpdir);
	unlink(t);
	free(t);
	if (rmdir(tmpdir) != 0)
		fprintf(stderr, "  could not remove %s\n", tmpdir);
	return t_done();
}
