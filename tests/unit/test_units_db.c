/* 承办单位 in SQL (db/units): the seeded default list, insert/get/update, the filter (name,
 * contact, kind, pinyin initials, SQL-special characters), paging, names for a pick list,
 * duplicate names (also of a deleted unit), and deletion refused while a case or a suggestion
 * points to the unit. */
#include "t.h"
#include "tdb.h"

#include "core/calendar.h"
#include "core/case.h"
#include "core/caseflow.h"
#include "core/util.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/units.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static void setup(void) { tdb_open("units"); }

static void teardown(void) { tdb_close(); }

static char **unit(const char *name, const char *kind, const char *contact, const char *phone)
{
	char **v = record_new_values(&unit_def, "2026-01-01");
	str_set(&v[UNIT_NAME], name);
	if (kind)
		str_set(&v[UNIT_KIND], kind);
	str_set(&v[UNIT_CONTACT], contact);
	str_set(&v[UNIT_PHONE], phone);
	return v;
}

static int64_t add(const char *name, const char *kind, const char *contact, const char *phone)
{
	char **v = unit(name, kind, contact, phone);
	const char *msgs[UNIT_NFIELDS];
	CHECK_INT(record_check(&unit_def, v, "2026-01-01", msgs), 0);
	int64_t id = 0;
	char *err = NULL;
	if (db_units_insert(db, v, &id, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", name, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&unit_def, v);
	return id;
}

struct page {
	struct strbuf sb;
	int n;
	bool cases;
};

static int page_cb(void *ud, int64_t id, const char *const *vals, int64_t ncases)
{
	struct page *p = ud;
	(void)id;
	sb_addf(&p->sb, "%s%s", p->n ? "," : "", vals[UNIT_NAME]);
	if (p->cases)
		sb_addf(&p->sb, ":%lld", (long long)ncases);
	p->n++;
	return 0;
}

/* Names matching a filter as "a,b"; checks db_units_count agrees. New string. */
static char *names(const char *text, const char *kind, int64_t offset, int limit, bool cases)
{
	struct unit_filter f = { .text = text, .kind = kind };
	struct page p = { .cases = cases };
	char *err = NULL;
	int64_t n = -1;
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	CHECK_INT(db_units_page(db, &f, offset, limit, page_cb, &p, &err), 0);
	CHECK_INT(db_units_count(db, &f, &n, &err), 0);
	if (limit < 0 && offset == 0)
		CHECK_INT(n, p.n);
	free(err);
	return sb_take(&p.sb);
}

#define CHECK_NAMES(text, kind, offset, limit, want)                                                                   \
	do {                                                                                                           \
		char *t_got = names((text), (kind), (offset), (limit), false);                                         \
		CHECK_STR(t_got, (want));                                                                              \
		free(t_got);                                                                                           \
	} while (0)

TEST(t_seeded)
{
	setup();
	CHECK_INT(q_int("SELECT count(*) FROM units"), 25);
	CHECK_NAMES(NULL, NULL, 0, 3, "党政综合办公室,经济发展办公室,社会事务办公室");
	CHECK_NAMES(NULL, "村社区", 0, -1, "各村(社区)委员会");
	CHECK_NAMES("县水利", NULL, 0, -1, "县水利局");
	int64_t id = 0;
	CHECK_INT(db_units_find(db, "派出所", &id, NULL), 0);
	CHECK(id > 0);
	CHECK_INT(db_units_find(db, "不存在的所", &id, NULL), 0);
	CHECK_INT(id, 0);
	teardown();
}

TEST(t_crud)
{
	setup();
	int64_t id = add("城关镇自来水厂", "其他", "王厂长", "0571-88886666");
	CHECK(id > 0);
	char **v = NULL, *err = NULL;
	CHECK_INT(db_units_get(db, id, &v, &err), 0);
	CHECK_STR(v[UNIT_NAME], "城关镇自来水厂");
	CHECK_STR(v[UNIT_KIND], "其他");
	CHECK_STR(v[UNIT_CONTACT], "王厂长");
	CHECK_STR(v[UNIT_PHONE], "0571-88886666");
	/* New units go to the end of the pick list. */
	CHECK_NAMES(NULL, NULL, 25, -1, "城关镇自来水厂");
	str_set(&v[UNIT_KIND], "镇直");
	str_set(&v[UNIT_CONTACT], "");
	CHECK_INT(db_units_update(db, id, v, &err), 0);
	record_free_values(&unit_def, v);
	CHECK_INT(db_units_get(db, id, &v, &err), 0);
	CHECK_STR(v[UNIT_KIND], "镇直");
	CHECK_STR(v[UNIT_CONTACT], "");
	CHECK_INT(q_int("SELECT count(*) FROM units WHERE contact IS NULL AND name = '城关镇自来水厂'"), 1);
	record_free_values(&unit_def, v);
	/* Every change is in the audit log. */
	CHECK(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'units'") >= 2);

	/* The record checks: name required and at most 40 characters, kind from the list. */
	const char *msgs[UNIT_NFIELDS];
	v = unit("", "部门", NULL, "12345");
	CHECK_INT(record_check(&unit_def, v, "2026-01-01", msgs), 3);
	CHECK(msgs[UNIT_NAME] && msgs[UNIT_KIND] && msgs[UNIT_PHONE]);
	record_free_values(&unit_def, v);

	/* A duplicate name. */
	v = unit("派出所", NULL, NULL, NULL);
	CHECK_INT(db_units_insert(db, v, &id, &err), -1);
	CHECK(err && strstr(err, "重复"));
	CHECK_INT(id, 0);
	free(err);
	err = NULL;
	record_free_values(&unit_def, v);

	/* A missing unit. */
	CHECK_INT(db_units_get(db, 99999, &v, &err), -1);
	CHECK(err && strstr(err, "找不到"));
	free(err);
	teardown();
}

TEST(t_filter)
{
	setup();
	add("100%_测试's\\单位", "其他", "赵六", "13800138000");
	CHECK_NAMES("100%", NULL, 0, -1, "100%_测试's\\单位");
	CHECK_NAMES("_", NULL, 0, -1, "100%_测试's\\单位");
	CHECK_NAMES("'s\\", NULL, 0, -1, "100%_测试's\\单位");
	CHECK_NAMES("赵六", NULL, 0, -1, "100%_测试's\\单位");
	CHECK_NAMES("138001", NULL, 0, -1, "100%_测试's\\单位");
	/* Pinyin initials: 县教育局 xjyj, 中心学校 zxxx. */
	CHECK_NAMES("xjyj", NULL, 0, -1, "县教育局");
	CHECK_NAMES("JYJ", NULL, 0, -1, "县教育局");
	CHECK_NAMES("zxxx", NULL, 0, -1, "中心学校");
	CHECK_NAMES("pcs", NULL, 0, -1, "派出所");
	/* A kind typed as text. */
	CHECK_NAMES(" 村社区 ", NULL, 0, -1, "各村(社区)委员会");
	CHECK_NAMES("县", "镇直", 0, -1, "");
	CHECK_NAMES("局", "县直", 0, 2, "县交通运输局,县水利局");
	CHECK_NAMES("局", "县直", 2, 2, "县住房和城乡建设局,县人力资源和社会保障局");
	CHECK_NAMES("没有这个", NULL, 0, -1, "");
	teardown();
}

static int names_cb(void *ud, int64_t id, const char *name, const char *aliases)
{
	int *n = ud;
	(void)aliases;
	(void)id;
	(void)name;
	(*n)++;
	return *n >= 100;
}

static int aliases_cb(void *ud, int64_t id, const char *name, const char *aliases)
{
	(void)id;
	if (*aliases)
		sb_addf(ud, "%s=%s;", name, aliases);
	return 0;
}

TEST(t_aliases)
{
	/* 0008 gives the default units their usual short names; the pick list gets them, the
	 * register's filter finds a unit by them, and a clerk may set her own. */
	setup();
	char *err = NULL;
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	CHECK_INT(db_units_names(db, aliases_cb, &sb, &err), 0);
	CHECK(strstr(sb.buf, "县城市管理局=城管、城管局;") != NULL);
	sb_free(&sb);
	CHECK_NAMES("城管", NULL, 0, -1, "县城市管理局");
	int64_t u = 0;
	CHECK_INT(db_units_find(db, "供电所", &u, &err), 0);
	char **v = NULL;
	CHECK_INT(db_units_get(db, u, &v, &err), 0);
	str_set(&v[UNIT_ALIASES], "电管站、供电");
	CHECK_INT(db_units_update(db, u, v, &err), 0);
	record_free_values(&unit_def, v);
	CHECK_NAMES("电管站", NULL, 0, -1, "供电所");
	teardown();
}

TEST(t_delete)
{
	setup();
	char *err = NULL;
	struct calendar *cal = calendar_from_text("", &err);
	int64_t u = 0;
	CHECK_INT(db_units_find(db, "供电所", &u, &err), 0);

	/* A case assigned to the unit. */
	char **v = record_new_values(case_record(), "2026-03-02");
	str_set(&v[CASEF_CATEGORY], "水电气讯");
	str_set(&v[CASEF_SUMMARY], "停电");
	int64_t c = 0;
	CHECK_INT(db_cases_create(db, "CG01", v, NULL, "2026-03-02", &c, NULL, &err), 0);
	record_free_values(case_record(), v);
	struct case_action a = { .event = CE_ASSIGN, .date = "2026-03-02", .unit_id = u };
	CHECK_INT(db_cases_act(db, c, &a, cal, 15, "2026-03-02", NULL, NULL), 0);
	char *got = names("供电", NULL, 0, -1, true);
	CHECK_STR(got, "供电所:1");
	free(got);

	long long audit = q_int("SELECT count(*) FROM audit_log");
	CHECK_INT(db_units_delete(db, u, &err), -1);
	CHECK_STR(err, "该单位仍有 1 件案件，不能删除");
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit);
	CHECK_INT(q_int("SELECT deleted FROM units WHERE name = '供电所'"), 0);

	/* A suggestion too. */
	char *sql = xasprintf("INSERT INTO suggestions (title, date, unit_id) VALUES ('电网改造', '2026-03-03', %lld)",
			      (long long)u);
	CHECK_INT(db_exec(db, sql, &err), 0);
	free(sql);
	CHECK_INT(db_units_delete(db, u, &err), -1);
	CHECK_STR(err, "该单位仍有 1 件案件、1 件代表建议，不能删除");
	free(err);
	err = NULL;
	CHECK_INT(db_exec(db, "UPDATE suggestions SET deleted = 1", &err), 0);

	/* Once the case is returned (no unit now), the unit can go; the timeline still names it. */
	a = (struct case_action){ .event = CE_RETURN, .date = "2026-03-03", .note = "不属于供电所" };
	CHECK_INT(db_cases_act(db, c, &a, cal, 15, "2026-03-03", NULL, NULL), 0);
	CHECK_INT(db_units_delete(db, u, &err), 0);
	CHECK_INT(q_int("SELECT deleted FROM units WHERE name = '供电所'"), 1);
	int n = 0;
	CHECK_INT(db_units_names(db, names_cb, &n, &err), 0);
	CHECK_INT(n, 24);
	CHECK_INT(db_units_find(db, "供电所", &u, &err), 0);
	CHECK_INT(u, 0);
	u = q_int("SELECT id FROM units WHERE name = '供电所'");
	/* A deleted unit cannot be assigned. */
	a = (struct case_action){ .event = CE_ASSIGN, .date = "2026-03-03", .unit_id = u };
	struct refusal why = { 0 };
	CHECK_INT(db_cases_act(db, c, &a, cal, 15, "2026-03-03", NULL, &why), -1);
	CHECK(why.msg && strstr(why.msg, "不存在或已删除"));
	CHECK_STR(why.field, "unit_id");
	refusal_clear(&why);
	/* Its name is not free for a new unit: restore it instead. */
	v = unit("供电所", "镇直", NULL, NULL);
	CHECK_INT(db_units_insert(db, v, NULL, &err), -1);
	CHECK(err && strstr(err, "请恢复它"));
	free(err);
	err = NULL;
	record_free_values(&unit_def, v);
	CHECK_INT(db_units_restore(db, u, &err), 0);
	CHECK_INT(db_units_delete(db, u, &err), 0);
	CHECK_INT(db_units_delete(db, u, &err), -1);
	free(err);
	calendar_free(cal);
	teardown();
}

int main(void)
{
	RUN(t_seeded);
	RUN(t_crud);
	RUN(t_filter);
	RUN(t_delete);
	RUN(t_aliases);
	return t_done();
}
