/* 意见建议办理簿 in SQL (see cases.h). Skeleton: being implemented. */
#include "db/cases.h"

#include "db/internal.h"

#include "core/case.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static int cases_todo(char **err)
{
	return db_fail_msg(err, "尚未实现");
}

int db_cases_create(struct db *db, const char *station_code, char *const *vals, const struct case_links *links,
		    const char *today, int64_t *id, char **case_no, char **err)
{
	(void)db, (void)station_code, (void)vals, (void)links, (void)today;
	if (id)
		*id = 0;
	if (case_no)
		*case_no = NULL;
	return cases_todo(err);
}

int db_cases_update(struct db *db, int64_t id, char *const *vals, char **err)
{
	(void)db, (void)id, (void)vals;
	return cases_todo(err);
}

int db_cases_get(struct db *db, int64_t id, struct case_info *out, char **err)
{
	(void)db, (void)id;
	memset(out, 0, sizeof *out);
	return cases_todo(err);
}

void case_info_free(struct case_info *ci)
{
	if (!ci)
		return;
	free(ci->uid);
	free(ci->case_no);
	free(ci->deputy_name);
	free(ci->unit_name);
	free(ci->reply);
	if (ci->vals)
		record_free_values(case_record(), ci->vals);
	memset(ci, 0, sizeof *ci);
}

int db_cases_find_no(struct db *db, const char *case_no, int64_t *id, char **err)
{
	(void)db, (void)case_no;
	*id = 0;
	return cases_todo(err);
}

int db_cases_act(struct db *db, int64_t id, const struct case_action *a, const struct calendar *cal,
		 int default_days, const char *today, char **notice, char **err)
{
	(void)db, (void)id, (void)a, (void)cal, (void)default_days, (void)today;
	if (notice)
		*notice = NULL;
	return cases_todo(err);
}

int db_cases_timeline(struct db *db, int64_t id, case_event_cb cb, void *ud, char **err)
{
	(void)db, (void)id, (void)cb, (void)ud;
	return cases_todo(err);
}

int db_cases_count(struct db *db, const struct case_filter *f, int64_t *n, char **err)
{
	(void)db, (void)f;
	*n = 0;
	return cases_todo(err);
}

int db_cases_page(struct db *db, const struct case_filter *f, enum case_sort sort, bool desc, int64_t offset,
		  int limit, case_row_cb cb, void *ud, char **err)
{
	(void)db, (void)f, (void)sort, (void)desc, (void)offset, (void)limit, (void)cb, (void)ud;
	return cases_todo(err);
}

int db_cases_overdue(struct db *db, const struct calendar *cal, const char *today, int limit, case_row_cb cb,
		     void *ud, char **err)
{
	(void)db, (void)cal, (void)today, (void)limit, (void)cb, (void)ud;
	return cases_todo(err);
}

int db_cases_due_soon(struct db *db, const struct calendar *cal, const char *today, int soon_days, int limit,
		      case_row_cb cb, void *ud, char **err)
{
	(void)db, (void)cal, (void)today, (void)soon_days, (void)limit, (void)cb, (void)ud;
	return cases_todo(err);
}

int db_cases_awaiting(struct db *db, const char *today, int limit, case_row_cb cb, void *ud, char **err)
{
	(void)db, (void)today, (void)limit, (void)cb, (void)ud;
	return cases_todo(err);
}

int db_cases_todo_counts(struct db *db, const struct calendar *cal, const char *today, int soon_days,
			 struct case_todo_counts *out, char **err)
{
	(void)db, (void)cal, (void)today, (void)soon_days;
	memset(out, 0, sizeof *out);
	return cases_todo(err);
}

int db_cases_stats(struct db *db, const char *from, const char *to, struct case_stats *out, char **err)
{
	(void)db, (void)from, (void)to;
	memset(out, 0, sizeof *out);
	return cases_todo(err);
}

int db_cases_delete(struct db *db, int64_t id, char **err)
{
	(void)db, (void)id;
	return cases_todo(err);
}

int db_cases_restore(struct db *db, int64_t id, char **err)
{
	(void)db, (void)id;
	return cases_todo(err);
}

int db_cases_explain(struct db *db, const char *today, int (*cb)(void *ud, const char *line), void *ud,
		     char **err)
{
	(void)db, (void)today, (void)cb, (void)ud;
	return cases_todo(err);
}
