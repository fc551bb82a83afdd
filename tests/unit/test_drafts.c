/* Drafts (db/drafts.h): written, replaced, read back by column, dropped; values with quotes,
 * backslashes, newlines and CJK survive; a draft is no record (nothing else changes); the audit
 * log does not grow; drops of a missing draft write nothing. */
#include "tdb.h"

#include "db/drafts.h"

static const char *const cols[] = { "visitor_name", "content", "category" };

TEST(t_put_get_drop)
{
	tdb_open("drafts");
	char *err = NULL;
	struct db_draft d;
	CHECK_INT(db_drafts_get(db, "visits", 0, &d, &err), 0);
	CHECK_INT(d.n, 0);
	long long audit0 = q_int("SELECT count(*) FROM audit_log");

	const char *v1[] = { "王大爷", "水管\"老化\"\n经常停水\\", "" };
	CHECK_INT(db_drafts_put(db, "visits", 0, cols, v1, 3, "content", &err), 0);
	CHECK_INT(db_drafts_get(db, "visits", 0, &d, &err), 1);
	CHECK_INT(d.n, 3);
	for (int i = 0; i < d.n; i++) {
		int k = !strcmp(d.cols[i], "visitor_name") ? 0 : !strcmp(d.cols[i], "content") ? 1 : 2;
		CHECK_STR(d.cols[i], cols[k]);
		CHECK_STR(d.vals[i], v1[k]);
	}
	CHECK_STR(d.field, "content");
	CHECK(strlen(d.updated_at) == 19);
	db_draft_free(&d);

	/* Replaced, not added; another record's draft is separate. */
	const char *v2[] = { "王大爷", "水管老化", "水电气讯" };
	CHECK_INT(db_drafts_put(db, "visits", 0, cols, v2, 3, NULL, &err), 0);
	CHECK_INT(db_drafts_put(db, "visits", 7, cols, v1, 3, NULL, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM drafts"), 2);
	CHECK_INT(db_drafts_get(db, "visits", 0, &d, &err), 1);
	CHECK(d.field == NULL);
	for (int i = 0; i < d.n; i++)
		if (!strcmp(d.cols[i], "category"))
			CHECK_STR(d.vals[i], "水电气讯");
	db_draft_free(&d);

	/* Drafts are not audited and are no records. */
	CHECK_INT(q_int("SELECT count(*) FROM audit_log"), audit0);
	CHECK_INT(q_int("SELECT count(*) FROM visits"), 0);

	CHECK_INT(db_drafts_drop(db, "visits", 0, &err), 0);
	CHECK_INT(db_drafts_get(db, "visits", 0, &d, &err), 0);
	CHECK_INT(db_drafts_get(db, "visits", 7, &d, &err), 1);
	db_draft_free(&d);
	int64_t n = 0;
	CHECK_INT(db_drafts_count(db, &n, &err), 0);
	CHECK_INT(n, 1);
	/* Dropping what is not there is fine. */
	CHECK_INT(db_drafts_drop(db, "suggestions", 3, &err), 0);
	tdb_close();
}

TEST(t_inside_transaction)
{
	/* A draft written inside an open transaction goes with it (a nested savepoint). */
	tdb_open("drafts-tx");
	char *err = NULL;
	const char *v[] = { "甲", "乙", "丙" };
	CHECK_INT(db_begin(db, &err), 0);
	CHECK_INT(db_drafts_put(db, "deputies", 0, cols, v, 3, NULL, &err), 0);
	db_rollback(db);
	CHECK_INT(q_int("SELECT count(*) FROM drafts"), 0);
	tdb_close();
}

int main(void)
{
	RUN(t_put_get_drop);
	RUN(t_inside_transaction);
	return t_done();
}
