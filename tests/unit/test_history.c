/* A record's history, the log's pages and undo (db/history.c). */
#include "tdb.h"

#include "db/history.h"

static int64_t deputy_with_two_edits(void)
{
	int64_t id = tdb_deputy("张三", NULL, NULL, NULL);
	char **v = NULL;
	char *err = NULL;
	CHECK(db_deputies_get(db, id, &v, &err) == 0);
	str_set(&v[DEP_PHONE], "13912341111");
	CHECK(db_deputies_update(db, id, v, &err) == 0);
	db_set_user(db, "李会计", NULL);
	str_set(&v[DEP_NAME], "张三丰");
	CHECK(db_deputies_update(db, id, v, &err) == 0);
	db_set_user(db, "测试", NULL);
	record_free_values(&deputy_def, v);
	free(err);
	return id;
}

static const struct hist_change *change_of(const struct hist_entry *e, const char *col)
{
	for (int i = 0; i < e->nchanges; i++)
		if (!strcmp(e->changes[i].col, col))
			return &e->changes[i];
	return NULL;
}

TEST(history_of_a_record_newest_first_with_old_and_new)
{
	tdb_open("history");
	int64_t id = deputy_with_two_edits();
	struct hist_entry *e = NULL;
	int n = 0;
	char *err = NULL;
	CHECK(db_history_record(db, "deputies", id, &e, &n, &err) == 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(e[0].action, "UPDATE");
		CHECK_STR(e[0].user, "李会计");
		const struct hist_change *c = change_of(&e[0], "name");
		CHECK(c && c->old && !strcmp(c->old, "张三") && c->new && !strcmp(c->new, "张三丰"));
		CHECK(change_of(&e[0], "phone") == NULL); /* unchanged columns are not listed */
		CHECK(change_of(&e[0], "updated_at") == NULL);
		CHECK(change_of(&e[0], "name_py") != NULL); /* derived, still a change of the row */
		c = change_of(&e[1], "phone");
		CHECK(c && c->old == NULL && c->new && !strcmp(c->new, "13912341111"));
		CHECK_STR(e[1].user, "测试");
		CHECK_STR(e[2].action, "INSERT");
		CHECK(change_of(&e[2], "name") != NULL);
		CHECK(change_of(&e[2], "phone") == NULL); /* not set at insert */
	}
	db_history_free(e, n);
	free(err);
	tdb_close();
}

TEST(undo_writes_the_old_values_back_audited)
{
	tdb_open("history");
	int64_t id = deputy_with_two_edits();
	long long before = q_int("SELECT count(*) FROM audit_log");
	char *err = NULL, *what = NULL;
	struct hist_undo_ctx ctx = { .today = "2026-11-23" };
	CHECK(db_history_undo(db, &ctx, "deputies", id, &what, &err) == 0);
	CHECK(what != NULL);
	CHECK_INT(
		q_int("SELECT count(*) FROM deputies WHERE name = '张三' AND name_py <> '' AND phone = '13912341111'"),
		1);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), before + 1);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE id = (SELECT max(id) FROM audit_log) AND action = "
			"'UPDATE' AND user = '测试' AND json_extract(new_values, '$.name') = '张三'"),
		  1);
	free(what);
	free(err);
	tdb_close();
}

TEST(undo_refused_when_changed_since_outside_the_log)
{
	tdb_open("history");
	int64_t id = deputy_with_two_edits();
	char *err = NULL;
	CHECK(db_exec(db, "DROP TRIGGER audit_deputies_update; UPDATE deputies SET name = '别人改的'", &err) == 0);
	struct hist_undo_ctx ctx = { .today = "2026-11-23" };
	CHECK(db_history_undo(db, &ctx, "deputies", id, NULL, &err) < 0);
	CHECK(err && strstr(err, "又变了"));
	CHECK_INT(q_int("SELECT count(*) FROM deputies WHERE name = '别人改的'"), 1);
	free(err);
	tdb_close();
}

TEST(undo_refused_for_a_change_that_is_not_a_field_edit)
{
	tdb_open("history");
	int64_t id = deputy_with_two_edits();
	char *err = NULL;
	CHECK(db_begin(db, &err) == 0);
	CHECK(db_exec(db, "UPDATE deputies SET uid = 'abc'", &err) == 0);
	CHECK(db_commit(db, &err) == 0);
	struct hist_undo_ctx ctx = { .today = "2026-11-23" };
	CHECK(db_history_undo(db, &ctx, "deputies", id, NULL, &err) < 0);
	CHECK(err && strstr(err, "不能撤销"));
	free(err);
	tdb_close();
}

TEST(undo_refused_for_a_new_record)
{
	tdb_open("history");
	int64_t id = tdb_deputy("王五", NULL, NULL, NULL);
	char *err = NULL;
	CHECK(db_history_undo(db, NULL, "deputies", id, NULL, &err) < 0);
	CHECK(err && strstr(err, "新建"));
	free(err);
	tdb_close();
}

TEST(restore_of_a_deleted_record_from_its_history)
{
	tdb_open("history");
	int64_t id = deputy_with_two_edits();
	char *err = NULL, *what = NULL;
	CHECK(db_deputies_delete(db, id, &err) == 0);
	CHECK_INT(q_int("SELECT deleted FROM deputies"), 1);
	CHECK(db_history_undo(db, NULL, "deputies", id, &what, &err) == 0);
	CHECK_INT(q_int("SELECT deleted FROM deputies"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE action = 'RESTORE' AND table_name = 'deputies'"), 1);
	CHECK(what && strstr(what, "恢复"));
	free(what);
	free(err);
	tdb_close();
}

TEST(log_pages_and_filters)
{
	tdb_open("history");
	deputy_with_two_edits();
	int64_t n = 0, all = q_int("SELECT count(*) FROM audit_log");
	char *err = NULL;
	CHECK(db_history_count(db, NULL, &n, &err) == 0);
	CHECK_INT(n, all);
	struct hist_filter f = { .text = "李会计" };
	CHECK(db_history_count(db, &f, &n, &err) == 0);
	CHECK_INT(n, 1);
	f.text = "代表名册";
	CHECK(db_history_count(db, &f, &n, &err) == 0);
	CHECK_INT(n, 3);
	f = (struct hist_filter){ .from = "2000-01-01", .to = "2000-12-31" };
	CHECK(db_history_count(db, &f, &n, &err) == 0);
	CHECK_INT(n, 0);
	struct hist_entry *e = NULL;
	int k = 0;
	CHECK(db_history_page(db, NULL, true, 0, 0, 2, &e, &k, &err) == 0);
	CHECK_INT(k, 2);
	int64_t second = k == 2 ? e[1].id : 0;
	CHECK_INT(k ? e[0].id : 0, q_int("SELECT max(id) FROM audit_log"));
	db_history_free(e, k);
	CHECK(db_history_page(db, NULL, true, 2, second, 2, &e, &k, &err) == 0); /* keyset */
	CHECK(k >= 1 && e[0].id == second - 1);
	db_history_free(e, k);
	free(err);
	tdb_close();
}

int main(void)
{
	RUN(history_of_a_record_newest_first_with_old_and_new);
	RUN(undo_writes_the_old_values_back_audited);
	RUN(undo_refused_when_changed_since_outside_the_log);
	RUN(undo_refused_for_a_change_that_is_not_a_field_edit);
	RUN(undo_refused_for_a_new_record);
	RUN(restore_of_a_deleted_record_from_its_history);
	RUN(log_pages_and_filters);
	return t_done();
}
