/* 代表建议 in SQL. See db/suggestions.h. (Skeleton: being implemented.) */
#include "db/suggestions.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int sug_todo(char **err)
{
	return db_fail_msg(err, "代表建议功能尚未完成");
}

int db_suggestions_insert(struct db *db, char *const *vals, int64_t *id, char **err)
{
	(void)db, (void)vals;
	if (id)
		*id = 0;
	return sug_todo(err);
}

int db_suggestions_update(struct db *db, int64_t id, char *const *vals, char **err)
{
	(void)db, (void)id, (void)vals;
	return sug_todo(err);
}

int db_suggestions_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &suggestion_def, id, true, err);
}

int db_suggestions_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &suggestion_def, id, false, err);
}

void db_suggestion_info_free(struct suggestion_info *s)
{
	if (!s)
		return;
	if (s->vals)
		record_free_values(&suggestion_def, s->vals);
	free(s->cosponsor_ids);
	free(s->case_ids);
	free(s->uid);
	free(s->created_at);
	free(s->updated_at);
	memset(s, 0, sizeof *s);
}

int db_suggestions_get(struct db *db, int64_t id, struct suggestion_info *out, char **err)
{
	(void)db, (void)id;
	memset(out, 0, sizeof *out);
	return sug_todo(err);
}

int db_suggestions_get_values(struct db *db, int64_t id, char ***vals, char **err)
{
	(void)db, (void)id;
	*vals = NULL;
	return sug_todo(err);
}

int db_suggestions_state(struct db *db, int64_t id, struct suggestion_state *out, char **err)
{
	(void)db, (void)id;
	memset(out, 0, sizeof *out);
	return sug_todo(err);
}

int db_suggestions_act(struct db *db, int64_t id, const struct suggestion_act *act, const char *unit_name,
		       const char *today, char **err)
{
	(void)db, (void)id, (void)act, (void)unit_name, (void)today;
	return sug_todo(err);
}

int db_suggestions_count(struct db *db, const struct suggestion_filter *f, int64_t *n, char **err)
{
	(void)db, (void)f;
	*n = 0;
	return sug_todo(err);
}

int db_suggestions_page(struct db *db, const struct suggestion_filter *f, int sort_col, bool desc, int64_t offset,
			int limit, suggestion_row_cb cb, void *ud, char **err)
{
	(void)db, (void)f, (void)sort_col, (void)desc, (void)offset, (void)limit, (void)cb, (void)ud;
	return sug_todo(err);
}

int db_suggestions_for_case(struct db *db, int64_t case_id, suggestion_link_cb cb, void *ud, char **err)
{
	(void)db, (void)case_id, (void)cb, (void)ud;
	return sug_todo(err);
}

int db_suggestions_deputy_items(struct db *db, bool include_left, char ***items, int64_t **ids, int *n,
				char **err)
{
	(void)db, (void)include_left;
	*items = NULL;
	*ids = NULL;
	*n = 0;
	return sug_todo(err);
}

int db_suggestions_unit_items(struct db *db, char ***items, int64_t **ids, int *n, char **err)
{
	(void)db;
	*items = NULL;
	*ids = NULL;
	*n = 0;
	return sug_todo(err);
}
