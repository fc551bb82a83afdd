/* Pick lists of deputies and multi values: splitting on the whole 、 (a name such as 李秀英 or
 * 丁一 has a byte in common with it), unique items for deputies of the same name, units holding
 * a separator, deputies who left or were deleted offered only where already linked, and the
 * link check that accepts a deleted deputy on an old visit but never as a new link. */
#include "t.h"

#include "core/calendar.h"
#include "core/config.h"
#include "core/deputy.h"
#include "core/record.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/visits.h"

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

static char path[] = "/tmp/station-test-pick-XXXXXX";
static struct db *db;

static int64_t add_deputy(const char *name, const char *level, const char *unit)
{
	char **v = record_new_values(&deputy_def, "2026-01-01");
	int64_t id = 0;
	char *err = NULL;
	str_set(&v[DEP_NAME], name);
	str_set(&v[DEP_GENDER], "男");
	str_set(&v[DEP_LEVEL], level);
	str_set(&v[DEP_WORK_UNIT], unit);
	if (db_deputies_insert(db, v, &id, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", name, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&deputy_def, v);
	return id;
}

TEST(t_split_whole_separator)
{
	char **v;
	int n = record_multi_split("李秀英、丁一、张三,张三、 、王五", &v);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(v[0], "李秀英");
		CHECK_STR(v[1], "丁一");
		CHECK_STR(v[2], "张三");
		CHECK_STR(v[3], "王五");
	}
	str_free_array(v, n);
	CHECK_INT(record_multi_split("", &v), 0);
	free(v);
}

/* Index of an item, or -1. */
static int find(char **items, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(items[i], s))
			return i;
	return -1;
}

TEST(t_items_unique_and_resolved)
{
	int64_t xiu = add_deputy("李秀英", "市", "西河中学");
	int64_t ding = add_deputy("丁一", "县", "");
	int64_t w1 = add_deputy("张伟", "县", "城关镇");
	int64_t w2 = add_deputy("张伟", "县", "城关镇");
	int64_t w3 = add_deputy("张伟", "乡镇", "东街、西街社区");
	char **items = NULL, *err = NULL;
	int64_t *ids = NULL, *got = NULL;
	int n = 0, ngot = 0;
	CHECK_INT(db_deputies_pick_items(db, false, NULL, 0, &items, &ids, &n, &err), 0);
	CHECK_INT(n, 5);
	CHECK(find(items, n, "李秀英") >= 0);
	CHECK(find(items, n, "丁一") >= 0);
	char *i1 = xasprintf("张伟（县，城关镇，编号 %lld）", (long long)w1);
	char *i2 = xasprintf("张伟（县，城关镇，编号 %lld）", (long long)w2);
	CHECK(find(items, n, i1) >= 0);
	CHECK(find(items, n, i2) >= 0);
	CHECK(find(items, n, "张伟（乡镇，东街/西街社区）") >= 0);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			CHECK(strcmp(items[i], items[j]));
	/* Names sharing a byte with 、 resolve whole; each of the same-name deputies to its own id. */
	char *joined = xasprintf("李秀英、丁一、%s、张伟（乡镇，东街/西街社区）", i2);
	CHECK_INT(db_deputies_pick_resolve(joined, items, ids, n, &got, &ngot, &err), 0);
	CHECK_INT(ngot, 4);
	if (ngot == 4) {
		CHECK_INT(got[0], xiu);
		CHECK_INT(got[1], ding);
		CHECK_INT(got[2], w2);
		CHECK_INT(got[3], w3);
	}
	free(got);
	CHECK_INT(db_deputies_pick_resolve("李秀", items, ids, n, &got, &ngot, &err), -1);
	CHECK(err && strstr(err, "李秀"));
	free(err);
	free(joined);
	free(i1);
	free(i2);
	db_deputies_pick_free(items, ids, n);
}

TEST(t_left_and_deleted_only_where_linked)
{
	int64_t gone = add_deputy("钱七", "县", "");
	char **v = NULL, *err = NULL, **items = NULL;
	int64_t *ids = NULL;
	int n = 0;
	CHECK_INT(db_deputies_get(db, gone, &v, &err), 0);
	str_set(&v[DEP_STATUS], "离任");
	CHECK_INT(db_deputies_update(db, gone, v, &err), 0);
	record_free_values(&deputy_def, v);
	CHECK_INT(db_deputies_pick_items(db, false, NULL, 0, &items, &ids, &n, &err), 0);
	CHECK(find(items, n, "钱七（离任）") < 0);
	db_deputies_pick_free(items, ids, n);
	CHECK_INT(db_deputies_pick_items(db, false, &gone, 1, &items, &ids, &n, &err), 0);
	CHECK(find(items, n, "钱七（离任）") >= 0);
	db_deputies_pick_free(items, ids, n);
	CHECK_INT(db_deputies_delete(db, gone, &err), 0);
	CHECK_INT(db_deputies_pick_items(db, true, &gone, 1, &items, &ids, &n, &err), 0);
	CHECK(find(items, n, "钱七（已删除）") >= 0);
	db_deputies_pick_free(items, ids, n);
}

TEST(t_deleted_deputy_kept_on_old_visit_refused_on_new)
{
	struct cfg cfg;
	char *err = NULL;
	cfg_defaults(&cfg);
	struct calendar *cal = calendar_new(&cfg, &err);
	struct visit_ctx ctx = { &cfg, cal, "2026-10-20" };
	int64_t dep = add_deputy("孙八", "县", ""), vid = 0;
	char **v = record_new_values(&visit_def, "2026-10-20");
	str_set(&v[VIS_CHANNEL], "日常来访");
	str_set(&v[VIS_NAME], "匿名");
	str_set(&v[VIS_CONTENT], "咨询低保政策");
	str_set(&v[VIS_CATEGORY], "政策咨询");
	str_set(&v[VIS_HANDLING], "当场答复");
	str_set(&v[VIS_REPLY], "已说明申请条件");
	struct visit_links links = { .deputy_ids = &dep, .ndeputies = 1 };
	CHECK_INT(db_visits_insert(db, &ctx, v, &links, &vid, NULL, NULL, &err), 0);
	CHECK_INT(db_deputies_delete(db, dep, &err), 0);
	/* Correcting the old visit keeps the deputy who was there. */
	str_set(&v[VIS_REPLY], "已说明申请条件和材料");
	CHECK_INT(db_visits_update(db, &ctx, vid, v, &links, NULL, &err), 0);
	/* A new visit cannot take a deleted deputy. */
	int64_t vid2 = 0;
	CHECK_INT(db_visits_insert(db, &ctx, v, &links, &vid2, NULL, NULL, &err), -1);
	CHECK(err && strstr(err, "不存在或已被删除"));
	free(err);
	record_free_values(&visit_def, v);
	calendar_free(cal);
	cfg_free(&cfg);
}

int main(void)
{
	char *err = NULL;
	setlocale(LC_ALL, "C.UTF-8");
	int fd = mkstemp(path);
	if (fd < 0)
		die("mkstemp");
	close(fd);
	unlink(path);
	if (db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &db, &err) < 0)
		die("db_open: %s", err);
	RUN(t_split_whole_separator);
	RUN(t_items_unique_and_resolved);
	RUN(t_left_and_deleted_only_where_linked);
	RUN(t_deleted_deputy_kept_on_old_visit_refused_on_new);
	db_close(db);
	unlink(path);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	return t_done();
}
