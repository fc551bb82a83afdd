/* 接待日 in SQL: the days, their deputies on duty, the year's rule days, the home screen's days. */
#include "db/reception.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/reception.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* SKELETON: being implemented. */
#define RECEPTION_TODO db_fail_msg(err, "接待日功能尚未完成")

void db_reception_day_free(struct reception_day *d)
{
	if (!d)
		return;
	if (d->vals)
		record_free_values(&reception_def, d->vals);
	free(d->cancel_reason);
	free(d->duty_ids);
	str_free_array(d->duty_names, d->nduty);
	free(d->duty_text);
	memset(d, 0, sizeof *d);
}

int db_reception_insert(struct db *db, char *const *vals, const int64_t *duty_ids, int nduty, int64_t *id,
			char **err)
{
	(void)db, (void)vals, (void)duty_ids, (void)nduty, (void)id;
	return RECEPTION_TODO;
}

int db_reception_update(struct db *db, int64_t id, char *const *vals, const int64_t *duty_ids, int nduty,
			char **err)
{
	(void)db, (void)vals, (void)duty_ids, (void)nduty, (void)id;
	return RECEPTION_TODO;
}

int db_reception_set_duty(struct db *db, int64_t id, const int64_t *duty_ids, int nduty, char **err)
{
	(void)db, (void)duty_ids, (void)nduty, (void)id;
	return RECEPTION_TODO;
}

int db_reception_get(struct db *db, int64_t id, struct reception_day *out, char **err)
{
	(void)db, (void)id;
	memset(out, 0, sizeof *out);
	return RECEPTION_TODO;
}

int db_reception_cancel(struct db *db, int64_t id, const char *reason, char **err)
{
	(void)db, (void)id, (void)reason;
	return RECEPTION_TODO;
}

int db_reception_uncancel(struct db *db, int64_t id, char **err)
{
	(void)db, (void)id;
	return RECEPTION_TODO;
}

int db_reception_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &reception_def, id, true, err);
}

int db_reception_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &reception_def, id, false, err);
}

int db_reception_count(struct db *db, const struct reception_filter *f, int64_t *n, char **err)
{
	(void)db, (void)f;
	*n = 0;
	return RECEPTION_TODO;
}

int db_reception_page(struct db *db, const struct reception_filter *f, int64_t offset, int limit,
		      reception_row_cb cb, void *ud, char **err)
{
	(void)db, (void)f, (void)offset, (void)limit, (void)cb, (void)ud;
	return RECEPTION_TODO;
}

int db_reception_generate(struct db *db, const struct cfg *cfg, const struct calendar *cal, int year,
			  int *added, char **err)
{
	(void)db, (void)cfg, (void)cal, (void)year;
	*added = 0;
	return RECEPTION_TODO;
}

int db_reception_on_date(struct db *db, const char *date, struct reception_day *out, bool *found, char **err)
{
	(void)db, (void)date;
	memset(out, 0, sizeof *out);
	*found = false;
	return RECEPTION_TODO;
}

int db_reception_next(struct db *db, const char *from, struct reception_day *out, bool *found, char **err)
{
	(void)db, (void)from;
	memset(out, 0, sizeof *out);
	*found = false;
	return RECEPTION_TODO;
}

int db_reception_home(struct db *db, const char *today, struct reception_day *today_day, bool *has_today,
		      struct reception_day *next_day, bool *has_next, char **err)
{
	(void)db, (void)today;
	memset(today_day, 0, sizeof *today_day);
	memset(next_day, 0, sizeof *next_day);
	*has_today = *has_next = false;
	return RECEPTION_TODO;
}
