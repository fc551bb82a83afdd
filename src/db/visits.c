/* 接待选民登记 in SQL: visits with their deputies and cases, lists, returning residents. */
#include "db/visits.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/util.h"
#include "core/visit.h"

#include <stdlib.h>
#include <string.h>

/* SKELETON: being implemented. */
#define VISITS_TODO db_fail_msg(err, "来访登记功能尚未完成")

int db_visits_insert(struct db *db, const struct visit_ctx *ctx, char *const *vals, const struct visit_links *links,
		     int64_t *id, int64_t *case_id, char **err)
{
	(void)db, (void)ctx, (void)vals, (void)links;
	*id = 0;
	if (case_id)
		*case_id = 0;
	return VISITS_TODO;
}

int db_visits_update(struct db *db, const struct visit_ctx *ctx, int64_t id, char *const *vals,
		     const struct visit_links *links, char **err)
{
	(void)db, (void)ctx, (void)id, (void)vals, (void)links;
	return VISITS_TODO;
}

int db_visits_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &visit_def, id, true, err);
}

int db_visits_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &visit_def, id, false, err);
}

void db_visit_info_free(struct visit_info *v)
{
	if (!v)
		return;
	if (v->vals)
		record_free_values(&visit_def, v->vals);
	free(v->deputy_ids);
	str_free_array(v->deputy_names, v->ndeputies);
	free(v->deputy_text);
	free(v->case_no);
	free(v->case_status);
	free(v->created_at);
	free(v->updated_at);
	memset(v, 0, sizeof *v);
}

int db_visits_get(struct db *db, int64_t id, struct visit_info *out, char **err)
{
	(void)db, (void)id;
	memset(out, 0, sizeof *out);
	return VISITS_TODO;
}

bool db_visits_month_ok(const char *month)
{
	return month && strlen(month) == 7 && month[4] == '-' && month[5] >= '0' && month[5] <= '1';
}

int db_visits_count(struct db *db, const struct visit_filter *f, int64_t *visits, int64_t *people, char **err)
{
	(void)db, (void)f;
	if (visits)
		*visits = 0;
	if (people)
		*people = 0;
	return VISITS_TODO;
}

int db_visits_page(struct db *db, const struct visit_filter *f, int64_t offset, int limit, visit_row_cb cb,
		   void *ud, char **err)
{
	(void)db, (void)f, (void)offset, (void)limit, (void)cb, (void)ud;
	return VISITS_TODO;
}

int db_visits_month(struct db *db, const char *month, visit_row_cb cb, void *ud, char **err)
{
	(void)db, (void)month, (void)cb, (void)ud;
	return VISITS_TODO;
}

int db_visits_earlier(struct db *db, const char *phone, const char *name, int64_t exclude_id, int limit,
		      visit_earlier_cb cb, void *ud, char **err)
{
	(void)db, (void)phone, (void)name, (void)exclude_id, (void)limit, (void)cb, (void)ud;
	return VISITS_TODO;
}
