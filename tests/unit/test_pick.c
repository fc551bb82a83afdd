/* Pick lists of deputies and multi values: the one splitter (on the whole 、 — a name such as
 * 李秀英 or 丁一 has a byte in common with it — and on what a clerk types instead, never on the
 * "，" inside labels), the one label format (deputy_label/deputy_labels: same-name deputies
 * told apart by place, card number, id; 离任 and deleted marked; separators inside a unit made
 * "/"), the rows of db_deputies_briefs (deputies who left or were deleted only where already
 * linked), and the link check that accepts a deleted deputy on an old visit but never as a new
 * link. */
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
	CHECK_INT(record_multi_split(NULL, &v), 0);
	free(v);
}

/* What a clerk or a file may type between items: 、 , ; ；, never the "，" of a label. */
TEST(t_split_separators)
{
	char **v;
	int n = record_multi_split(" 赵六；王五;CG-2026-002 , 张三（县，城关镇人民政府）、、", &v);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(v[0], "赵六");
		CHECK_STR(v[1], "王五");
		CHECK_STR(v[2], "CG-2026-002");
		CHECK_STR(v[3], "张三（县，城关镇人民政府）");
	}
	str_free_array(v, n);
	CHECK_INT(record_multi_sep_len("、x"), 3);
	CHECK_INT(record_multi_sep_len("；"), 3);
	CHECK_INT(record_multi_sep_len(";"), 1);
	CHECK_INT(record_multi_sep_len("，"), 0);
	CHECK_INT(record_multi_sep_len("秀"), 0);
	char *c = record_multi_clean("东街、西街社区，卫生院;防疫站,所");
	CHECK_STR(c, "东街/西街社区/卫生院/防疫站/所");
	free(c);
}

static struct deputy_brief brief(int64_t id, const char *name, const char *level, const char *unit, const char *card,
				 const char *status, bool deleted)
{
	return (struct deputy_brief){
		id, xstrdup(name), xstrdup(level), xstrdup(unit), xstrdup(card), xstrdup(status), deleted
	};
}

/* Free the strings of one brief made by brief(). */
static void brief_free(struct deputy_brief *d)
{
	struct deputy_brief *copy = xmalloc(sizeof *copy);
	*copy = *d;
	deputy_briefs_free(copy, 1);
}

TEST(t_label_one)
{
	struct deputy_brief d = brief(12, "张三", "县", "城关镇人民政府", "3201", "在任", false);
	char *l = deputy_label(&d, DEPUTY_NAME);
	CHECK_STR(l, "张三");
	free(l);
	l = deputy_label(&d, DEPUTY_PLACE);
	CHECK_STR(l, "张三（县，城关镇人民政府）");
	free(l);
	l = deputy_label(&d, DEPUTY_CARD);
	CHECK_STR(l, "张三（县，城关镇人民政府，代表证号 3201）");
	free(l);
	l = deputy_label(&d, DEPUTY_ID);
	CHECK_STR(l, "张三（县，城关镇人民政府，编号 12）");
	free(l);
	str_set(&d.status, "离任");
	str_set(&d.unit, "东街、西街社区");
	str_set(&d.card_no, "");
	l = deputy_label(&d, DEPUTY_CARD);
	CHECK_STR(l, "张三（县，东街/西街社区，编号 12）（离任）");
	free(l);
	d.deleted = true;
	l = deputy_label(&d, DEPUTY_NAME);
	CHECK_STR(l, "张三（已删除）");
	free(l);
	brief_free(&d);
}

/* Each label unique, with the least detail that does it. */
TEST(t_labels_distinct)
{
	struct deputy_brief v[] = {
		brief(1, "李秀英", "市", "西河中学", "", "在任", false),
		brief(2, "张伟", "县", "城关镇", "3201", "在任", false),
		brief(3, "张伟", "县", "城关镇", "3202", "在任", false),
		brief(4, "张伟", "乡镇", "东街、西街社区", "", "在任", false),
		brief(5, "王五", "县", "", "", "离任", false),
		brief(6, "王五", "县", "", "", "在任", false),
		brief(7, "赵六", "县", "水利局", "", "在任", false),
		brief(8, "赵六", "县", "水利局", "", "在任", false),
		brief(9, "钱七", "县", "", "", "在任", true),
		brief(10, "钱七", "县", "", "", "在任", false),
	};
	int n = (int)ARRAY_LEN(v);
	char **l = deputy_labels(v, n);
	CHECK_STR(l[0], "李秀英");
	CHECK_STR(l[1], "张伟（县，城关镇，代表证号 3201）");
	CHECK_STR(l[2], "张伟（县，城关镇，代表证号 3202）");
	CHECK_STR(l[3], "张伟（乡镇，东街/西街社区）");
	CHECK_STR(l[4], "王五（离任）"); /* left: marked, that tells them apart */
	CHECK_STR(l[5], "王五");
	CHECK_STR(l[6], "赵六（县，水利局，编号 7）"); /* no card numbers: the id */
	CHECK_STR(l[7], "赵六（县，水利局，编号 8）");
	CHECK_STR(l[8], "钱七（已删除）");
	CHECK_STR(l[9], "钱七");
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			CHECK(strcmp(l[i], l[j]));
	/* No label is ever split. */
	for (int i = 0; i < n; i++) {
		char **parts;
		int np = record_multi_split(l[i], &parts);
		CHECK_INT(np, 1);
		str_free_array(parts, np);
	}
	str_free_array(l, n);
	for (int i = 0; i < n; i++)
		brief_free(&v[i]);
}

/* Index of the row with id, or -1. */
static int find(const struct deputy_brief *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i].id == id)
			return i;
	return -1;
}

TEST(t_briefs_rows)
{
	int64_t xiu = add_deputy("李秀英", "市", "西河中学");
	int64_t w1 = add_deputy("张伟", "县", "城关镇");
	int64_t w2 = add_deputy("张伟", "乡镇", "东街、西街社区");
	struct deputy_brief *v = NULL;
	char *err = NULL;
	int n = 0;
	CHECK_INT(db_deputies_briefs(db, false, NULL, 0, &v, &n, &err), 0);
	CHECK_INT(n, 3);
	int i = find(v, n, w2);
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK_STR(v[i].name, "张伟");
		CHECK_STR(v[i].level, "乡镇");
		CHECK_STR(v[i].unit, "东街、西街社区"); /* rows as stored: the label cleans it */
		CHECK_STR(v[i].status, "在任");
		CHECK(!v[i].deleted);
	}
	CHECK(find(v, n, xiu) >= 0 && find(v, n, w1) >= 0);
	char **l = deputy_labels(v, n);
	for (int k = 0; k < n; k++)
		CHECK(!strchr(l[k], '\n') && (v[k].id == xiu ? !strcmp(l[k], "李秀英") : !!strstr(l[k], "张伟（")));
	str_free_array(l, n);
	deputy_briefs_free(v, n);
}

TEST(t_left_and_deleted_only_where_linked)
{
	int64_t gone = add_deputy("钱七", "县", "");
	char **v = NULL, *err = NULL;
	struct deputy_brief *b = NULL;
	int n = 0;
	CHECK_INT(db_deputies_get(db, gone, &v, &err), 0);
	str_set(&v[DEP_STATUS], "离任");
	CHECK_INT(db_deputies_update(db, gone, v, &err), 0);
	record_free_values(&deputy_def, v);
	CHECK_INT(db_deputies_briefs(db, false, NULL, 0, &b, &n, &err), 0);
	CHECK(find(b, n, gone) < 0);
	deputy_briefs_free(b, n);
	CHECK_INT(db_deputies_briefs(db, true, NULL, 0, &b, &n, &err), 0);
	CHECK(find(b, n, gone) >= 0);
	deputy_briefs_free(b, n);
	CHECK_INT(db_deputies_briefs(db, false, &gone, 1, &b, &n, &err), 0);
	int i = find(b, n, gone);
	CHECK(i >= 0);
	if (i >= 0) {
		char *l = deputy_label(&b[i], DEPUTY_NAME);
		CHECK_STR(l, "钱七（离任）");
		free(l);
	}
	deputy_briefs_free(b, n);
	CHECK_INT(db_deputies_delete(db, gone, &err), 0);
	CHECK_INT(db_deputies_briefs(db, true, NULL, 0, &b, &n, &err), 0);
	CHECK(find(b, n, gone) < 0);
	deputy_briefs_free(b, n);
	CHECK_INT(db_deputies_briefs(db, true, &gone, 1, &b, &n, &err), 0);
	i = find(b, n, gone);
	CHECK(i >= 0 && b[i].deleted);
	deputy_briefs_free(b, n);
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
	RUN(t_split_separators);
	RUN(t_label_one);
	RUN(t_labels_distinct);
	RUN(t_briefs_rows);
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
