/* 代表名册 in SQL: insert/get/update/delete, filter (name, phone digits, unit, level, pinyin,
 * SQL-special characters), sort, paging over 10,000 rows, all-or-none bulk insert, and
 * constraint violations as Chinese messages. */
#include "t.h"
#include "tdb.h"

#include "core/deputy.h"
#include "core/pinyin.h"
#include "core/record.h"
#include "core/util.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/internal.h"

#include <ftw.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


/* A new empty station file for each test. */
static void setup(void)
{
	tdb_open("deputies");
}

static void teardown(void)
{
	tdb_close();
}

static char **dep(const char *name, const char *gender, const char *level, const char *phone, const char *unit)
{
	char **v = record_new_values(&deputy_def, "2026-01-01");
	str_set(&v[DEP_NAME], name);
	str_set(&v[DEP_GENDER], gender);
	str_set(&v[DEP_LEVEL], level);
	str_set(&v[DEP_PHONE], phone);
	str_set(&v[DEP_WORK_UNIT], unit);
	return v;
}

static int64_t add(const char *name, const char *gender, const char *level, const char *phone, const char *unit,
		   const char *status)
{
	char **v = dep(name, gender, level, phone, unit);
	if (status)
		str_set(&v[DEP_STATUS], status);
	int64_t id = 0;
	char *err = NULL;
	if (db_deputies_insert(db, v, &id, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", name, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&deputy_def, v);
	return id;
}

/* Collects a page as "name,name,..." and the ids. */
struct page {
	struct strbuf names;
	int64_t ids[200];
	int n;
	int stop_after;        /* 0: never stop */
	const char *field_out; /* when set, collect this field instead of the name */
	int field;
};

static int page_cb(void *ud, int64_t id, const char *const *vals)
{
	struct page *p = ud;
	sb_addf(&p->names, "%s%s", p->n ? "," : "", vals[p->field_out ? p->field : DEP_NAME]);
	if (p->n < (int)ARRAY_LEN(p->ids))
		p->ids[p->n] = id;
	p->n++;
	return p->stop_after && p->n >= p->stop_after;
}

/* Names matching a filter, sorted by sort (ascending unless desc), as "a,b,c"; also checks
 * that db_deputies_count agrees. New string. */
static char *names(const char *text, const char *level, bool left, int sort, bool desc)
{
	struct deputy_filter f = { .text = text, .level = level, .include_left = left };
	struct page p = { 0 };
	char *err = NULL;
	int64_t n = -1;
	sb_init(&p.names);
	sb_add(&p.names, "");
	CHECK_INT(db_deputies_page(db, &f, sort, desc, 0, -1, page_cb, &p, &err), 0);
	CHECK_INT(db_deputies_count(db, &f, &n, &err), 0);
	CHECK_INT(n, p.n);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	return sb_take(&p.names);
}

#define CHECK_NAMES(text, level, left, sort, desc, want)                                                               \
	do {                                                                                                           \
		char *t_got = names((text), (level), (left), (sort), (desc));                                          \
		CHECK_STR(t_got, (want));                                                                              \
		free(t_got);                                                                                           \
	} while (0)

/* The roster used by the filter and sort tests. */
static void roster(void)
{
	add("张三", "男", "县", "13800138000", "城关镇人民政府", NULL);
	add("李四", "女", "省", "0571-88886666", "县农业农村局", NULL);
	add("王五", "男", "乡镇", "13912345678", "东村村委会", "离任");
	add("赵六", "女", "全国", "", "100%_有限公司's\\分部", NULL);
	add("张三丰", "男", "市", "13700000000", "武当山管委会", NULL);
}

TEST(t_insert_get_update)
{
	setup();
	char **v = dep("张三", "男", "县", "13800138000", "城关镇人民政府");
	str_set(&v[DEP_BIRTH_DATE], "1970-05-01");
	str_set(&v[DEP_NOTE], "第一行\n第二行");
	int64_t id = 0;
	char *err = NULL;
	CHECK_INT(db_deputies_insert(db, v, &id, &err), 0);
	CHECK(id > 0);
	char **got = NULL;
	CHECK_INT(db_deputies_get(db, id, &got, &err), 0);
	if (got) {
		CHECK(!record_values_differ(&deputy_def, v, got));
		CHECK_STR(got[DEP_CARD_NO], ""); /* empty reads back as "" */
		CHECK_STR(got[DEP_ETHNICITY], "汉族");
		CHECK_STR(got[DEP_NOTE], "第一行\n第二行");
		record_free_values(&deputy_def, got);
		got = NULL;
	}
	/* Empty values are stored as NULL, never ''. */
	CHECK_INT(q_int("SELECT count(*) FROM deputies WHERE card_no IS NULL AND term IS NULL AND join_date IS NULL"),
		  1);
	CHECK_INT(q_int("SELECT count(*) FROM deputies WHERE card_no = '' OR term = '' OR join_date = ''"), 0);
	/* The pinyin keys follow the name. */
	char *key = pinyin_sortkey("张三"), *ini = pinyin_initials("张三");
	char *sql = xasprintf("SELECT count(*) FROM deputies WHERE name_py = '%s' AND name_initials = '%s'", key, ini);
	CHECK_INT(q_int(sql), 1);
	free(sql);
	free(key);
	free(ini);

	str_set(&v[DEP_NAME], "李四");
	str_set(&v[DEP_PHONE], "");
	str_set(&v[DEP_STATUS], "离任");
	CHECK_INT(db_deputies_update(db, id, v, &err), 0);
	CHECK_INT(db_deputies_get(db, id, &got, &err), 0);
	if (got) {
		CHECK_STR(got[DEP_NAME], "李四");
		CHECK_STR(got[DEP_PHONE], "");
		CHECK_STR(got[DEP_STATUS], "离任");
		CHECK_STR(got[DEP_BIRTH_DATE], "1970-05-01");
		record_free_values(&deputy_def, got);
		got = NULL;
	}
	key = pinyin_sortkey("李四");
	sql = xasprintf("SELECT count(*) FROM deputies WHERE name_py = '%s' AND phone IS NULL", key);
	CHECK_INT(q_int(sql), 1);
	free(sql);
	free(key);

	/* Missing rows say so. */
	CHECK_INT(db_deputies_update(db, id + 100, v, &err), -1);
	CHECK(err && strstr(err, "找不到这条代表记录"));
	free(err);
	err = NULL;
	CHECK_INT(db_deputies_get(db, id + 100, &got, &err), -1);
	CHECK(got == NULL);
	CHECK(err && strstr(err, "找不到这条代表记录"));
	free(err);
	record_free_values(&deputy_def, v);
	CHECK_INT(db_depth(db), 0);
	teardown();
}

TEST(t_delete_restore)
{
	setup();
	int64_t a = add("张三", "男", "县", "", "", NULL);
	add("李四", "女", "县", "", "", NULL);
	char *err = NULL, **got = NULL;
	CHECK_INT(db_deputies_delete(db, a, &err), 0);
	CHECK_NAMES(NULL, NULL, true, DEP_NAME, false, "李四");
	CHECK_INT(db_deputies_get(db, a, &got, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_deputies_delete(db, a, &err), -1); /* already deleted */
	CHECK(err && strstr(err, "可能已被删除"));
	free(err);
	err = NULL;
	char **v = dep("改名", "男", "县", "", "");
	CHECK_INT(db_deputies_update(db, a, v, &err), -1); /* a deleted deputy cannot be edited */
	free(err);
	err = NULL;
	record_free_values(&deputy_def, v);
	/* Still in the file, recoverable. */
	CHECK_INT(q_int("SELECT count(*) FROM deputies WHERE deleted = 1 AND name = '张三'"), 1);
	CHECK_INT(db_deputies_restore(db, a, &err), 0);
	CHECK_NAMES(NULL, NULL, true, DEP_NAME, false, "李四,张三");
	CHECK_INT(db_deputies_restore(db, a, &err), -1);
	free(err);
	teardown();
}

TEST(t_filter)
{
	setup();
	roster();
	/* all, in pinyin order; 离任 hidden unless asked */
	CHECK_NAMES(NULL, NULL, false, DEP_NAME, false, "李四,张三,张三丰,赵六");
	CHECK_NAMES("", NULL, true, DEP_NAME, false, "李四,王五,张三,张三丰,赵六");
	/* name */
	CHECK_NAMES("张三", NULL, false, DEP_NAME, false, "张三,张三丰");
	CHECK_NAMES("  张三　", NULL, false, DEP_NAME, false, "张三,张三丰"); /* spaces, also full-width */
	CHECK_NAMES("王五", NULL, false, DEP_NAME, false, "");
	CHECK_NAMES("王五", NULL, true, DEP_NAME, false, "王五");
	/* phone digits, with or without the dash */
	CHECK_NAMES("138", NULL, false, DEP_NAME, false, "张三");
	CHECK_NAMES("88886666", NULL, false, DEP_NAME, false, "李四");
	CHECK_NAMES("057188886666", NULL, false, DEP_NAME, false, "李四");
	CHECK_NAMES("0571-8888", NULL, false, DEP_NAME, false, "李四");
	/* work unit */
	CHECK_NAMES("农业", NULL, false, DEP_NAME, false, "李四");
	CHECK_NAMES("村委", NULL, true, DEP_NAME, false, "王五");
	/* level: exact, and 县 also finds 县农业农村局 */
	CHECK_NAMES("县", NULL, false, DEP_NAME, false, "李四,张三");
	CHECK_NAMES("全国", NULL, false, DEP_NAME, false, "赵六");
	CHECK_NAMES(NULL, "省", false, DEP_NAME, false, "李四");
	CHECK_NAMES("张", "市", false, DEP_NAME, false, "张三丰");
	/* pinyin initials and full pinyin, any case */
	char *ini = pinyin_initials("张三");
	CHECK_STR(ini, "zs");
	free(ini);
	CHECK_NAMES("zs", NULL, false, DEP_NAME, false, "张三,张三丰");
	CHECK_NAMES("ZSF", NULL, false, DEP_NAME, false, "张三丰");
	CHECK_NAMES("zl", NULL, false, DEP_NAME, false, "赵六");
	CHECK_NAMES("ww", NULL, true, DEP_NAME, false, "王五");
	CHECK_NAMES("zhangsan", NULL, false, DEP_NAME, false, "张三,张三丰");
	CHECK_NAMES("xyz", NULL, true, DEP_NAME, false, "");
	/* SQL-special characters are plain text */
	CHECK_NAMES("%", NULL, true, DEP_NAME, false, "赵六");
	CHECK_NAMES("_", NULL, true, DEP_NAME, false, "赵六");
	CHECK_NAMES("'", NULL, true, DEP_NAME, false, "赵六");
	CHECK_NAMES("\\", NULL, true, DEP_NAME, false, "赵六");
	CHECK_NAMES("0%_", NULL, true, DEP_NAME, false, "赵六");
	CHECK_NAMES("1_0", NULL, true, DEP_NAME, false, "");
	CHECK_NAMES("'; DROP TABLE deputies; --", NULL, true, DEP_NAME, false, "");
	CHECK_INT(q_int("SELECT count(*) FROM deputies"), 5);
	teardown();
}

TEST(t_sort)
{
	setup();
	roster();
	CHECK_NAMES(NULL, NULL, true, DEP_NAME, false, "李四,王五,张三,张三丰,赵六");
	CHECK_NAMES(NULL, NULL, true, DEP_NAME, true, "赵六,张三丰,张三,王五,李四");
	/* a choice field sorts in the order of its choices */
	CHECK_NAMES(NULL, NULL, true, DEP_LEVEL, false, "赵六,李四,张三丰,张三,王五");
	CHECK_NAMES(NULL, NULL, true, DEP_LEVEL, true, "王五,张三,张三丰,李四,赵六");
	CHECK_NAMES(NULL, NULL, true, DEP_GENDER, false, "张三,王五,张三丰,李四,赵六");
	/* empty values last either way */
	CHECK_NAMES(NULL, NULL, true, DEP_PHONE, false, "李四,张三丰,张三,王五,赵六");
	CHECK_NAMES(NULL, NULL, true, DEP_PHONE, true, "王五,张三,张三丰,李四,赵六");
	/* ties broken by id */
	CHECK_NAMES(NULL, NULL, true, DEP_ETHNICITY, false, "张三,李四,王五,赵六,张三丰");
	CHECK_NAMES(NULL, NULL, true, DEP_ETHNICITY, true, "张三丰,赵六,王五,李四,张三");
	/* an unknown field sorts by name */
	CHECK_NAMES(NULL, NULL, true, 99, false, "李四,王五,张三,张三丰,赵六");
	CHECK_NAMES(NULL, NULL, true, -1, false, "李四,王五,张三,张三丰,赵六");
	teardown();
}

TEST(t_page_stop_and_offset)
{
	setup();
	roster();
	struct deputy_filter f = { .include_left = true };
	struct page p = { .stop_after = 2 };
	sb_init(&p.names);
	CHECK_INT(db_deputies_page(db, &f, DEP_NAME, false, 0, 10, page_cb, &p, NULL), 0);
	CHECK_INT(p.n, 2);
	CHECK_STR(p.names.buf, "李四,王五");
	sb_free(&p.names);
	struct page q = { 0 };
	sb_init(&q.names);
	CHECK_INT(db_deputies_page(db, &f, DEP_NAME, false, 3, 10, page_cb, &q, NULL), 0);
	CHECK_STR(q.names.buf, "张三丰,赵六");
	sb_free(&q.names);
	struct page r = { 0 };
	sb_init(&r.names);
	CHECK_INT(db_deputies_page(db, NULL, DEP_NAME, false, 0, 0, page_cb, &r, NULL), 0);
	CHECK_INT(r.n, 0);
	sb_free(&r.names);
	teardown();
}

TEST(t_ten_thousand)
{
	setup();
	enum { N = 10000 };
	char ***rows = xcalloc(N, sizeof(char **));
	static const char *const levels[] = { "全国", "省", "市", "县", "乡镇" };
	for (int i = 0; i < N; i++) {
		char name[32], phone[16];
		snprintf(name, sizeof name, "代表%05d", i);
		snprintf(phone, sizeof phone, "139%08d", i);
		rows[i] = dep(name, i % 2 ? "女" : "男", levels[i % 5], phone, i % 7 == 0 ? "红星村委会" : "其他单位");
	}
	char *err = NULL;
	clock_t t0 = clock();
	CHECK_INT(db_deputies_insert_many(db, rows, N, &err), 0);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	fprintf(stderr, "  (10,000 deputies inserted in %.2f s)\n", secs);
	CHECK_INT(q_int("SELECT count(*) FROM deputies"), N);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'deputies'"), N);

	/* Page 3 (50 a page) of "红星", by phone: rows i = 7*100 ... 7*149. */
	struct deputy_filter f = { .text = "红星" };
	int64_t n = 0;
	CHECK_INT(db_deputies_count(db, &f, &n, NULL), 0);
	CHECK_INT(n, (N + 6) / 7);
	struct page p = { .field_out = "phone", .field = DEP_PHONE };
	sb_init(&p.names);
	CHECK_INT(db_deputies_page(db, &f, DEP_PHONE, false, 2 * 50, 50, page_cb, &p, NULL), 0);
	CHECK_INT(p.n, 50);
	bool all = true;
	for (int k = 0; k < p.n && k < 50; k++)
		all &= p.ids[k] == 7 * (100 + k) + 1; /* ids follow insertion order from 1 */
	CHECK(all);
	CHECK(p.names.buf && str_starts(p.names.buf, "13900000700,13900000707,"));
	sb_free(&p.names);
	/* The same page, descending, by level then id: the 乡镇 rows come first. */
	struct page d = { .field_out = "level", .field = DEP_LEVEL };
	sb_init(&d.names);
	CHECK_INT(db_deputies_page(db, &f, DEP_LEVEL, true, 0, 3, page_cb, &d, NULL), 0);
	CHECK_STR(d.names.buf, "乡镇,乡镇,乡镇");
	sb_free(&d.names);
	/* Filter on 10,000 rows by initials + level. */
	struct deputy_filter g = { .text = "db0999", .level = "乡镇" };
	CHECK_INT(db_deputies_count(db, &g, &n, NULL), 0);
	CHECK_INT(n, 2); /* 代表09990 .. 09999 whose i % 5 == 4: 09994, 09999 */
	for (int i = 0; i < N; i++)
		record_free_values(&deputy_def, rows[i]);
	free(rows);
	teardown();
}

TEST(t_insert_many_all_or_none)
{
	setup();
	char **rows[5];
	for (int i = 0; i < 5; i++)
		rows[i] = dep("代表", "男", "县", "", "");
	str_set(&rows[3][DEP_GENDER], "未知"); /* violates CHECK */
	char *err = NULL;
	CHECK_INT(db_deputies_insert_many(db, rows, 5, &err), -1);
	CHECK(err && str_starts(err, "第 4 条代表："));
	CHECK(err && strstr(err, "性别"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM deputies"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'deputies'"), 0);
	CHECK_INT(db_depth(db), 0);
	str_set(&rows[3][DEP_GENDER], "女");
	CHECK_INT(db_deputies_insert_many(db, rows, 5, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM deputies"), 5);
	free(err);
	for (int i = 0; i < 5; i++)
		record_free_values(&deputy_def, rows[i]);
	teardown();
}

TEST(t_constraint_messages)
{
	setup();
	add("张三", "男", "县", "", "", NULL);
	struct {
		int field;
		const char *value;
		const char *msg;
	} cases[] = {
		{ DEP_LEVEL, "村", "取值不符合规定：层级" },
		{ DEP_NAME, "", "必填项为空：姓名" },
		{ DEP_GENDER, "", "必填项为空：性别" },
		{ DEP_STATUS, "退休", "取值不符合规定：状态" },
		{ DEP_BIRTH_DATE, "1970年5月1日", "取值不符合规定：出生日期" },
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char **v = dep("李四", "女", "省", "", "");
		str_set(&v[cases[i].field], cases[i].value);
		char *err = NULL;
		int64_t id = 42;
		CHECK_INT(db_deputies_insert(db, v, &id, &err), -1);
		CHECK_INT(id, 0);
		CHECK_STR(err, cases[i].msg);
		free(err);
		err = NULL;
		/* and the same through update */
		CHECK_INT(db_deputies_update(db, 1, v, &err), -1);
		CHECK_STR(err, cases[i].msg);
		free(err);
		record_free_values(&deputy_def, v);
	}
	CHECK_INT(q_int("SELECT count(*) FROM deputies"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM deputies WHERE name = '张三' AND level = '县'"), 1);
	CHECK_INT(db_depth(db), 0);
	teardown();
}

int main(void)
{
	RUN(t_insert_get_update);
	RUN(t_delete_restore);
	RUN(t_filter);
	RUN(t_sort);
	RUN(t_page_stop_and_offset);
	RUN(t_ten_thousand);
	RUN(t_insert_many_all_or_none);
	RUN(t_constraint_messages);
	return t_done();
}
