/* 接待日 in SQL: the days, their deputies on duty, the year's rule days, the home screen's days. */
#include "db/reception.h"

#include "db/deputies.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/clock.h"
#include "core/reception.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest cancel reason, in characters. */
#define RECEPTION_REASON_CHARS 200

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
	free(d->rule_date);
	free(d->attend_ids);
	str_free_array(d->attend_names, d->nattend);
	free(d->attend_text);
	memset(d, 0, sizeof *d);
}

int db_reception_check_deputies(struct db *db, const int64_t *ids, int n, int max, const char *role,
				const char *link_table, const char *key_col, int64_t key, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (n > max)
		return db_failf(err, "%s最多 %d 位", role, max);
	/* A deleted deputy is accepted only where already linked to this record (an old visit or
	 * day being corrected: refusing it would make the clerk remove someone who was there);
	 * never as a new link. link_table and key_col are the program's constants. */
	char *sql = xasprintf("SELECT name, deleted, EXISTS (SELECT 1 FROM %s WHERE %s = ?2 AND deputy_id = ?1)"
			      " FROM deputies WHERE id = ?1",
			      link_table, key_col);
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	for (int i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, key);
		int src = sqlite3_step(st);
		if (src == SQLITE_DONE ||
		    (src == SQLITE_ROW && sqlite3_column_int(st, 1) && !sqlite3_column_int(st, 2))) {
			db_failf(err, "%s中有一位代表不存在或已被删除（编号 %lld）", role, (long long)ids[i]);
			goto out;
		}
		if (src != SQLITE_ROW) {
			db_fail(db, src, NULL, err);
			goto out;
		}
		for (int j = 0; j < i; j++)
			if (ids[j] == ids[i]) {
				db_failf(err, "%s中 %s 选了两次", role, db_column_text(st, 0));
				goto out;
			}
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

/* Replace the duty list of day id inside the caller's transaction. */
static int reception_write_duty(struct db *db, int64_t id, const int64_t *ids, int n, char **err)
{
	if (db_reception_check_deputies(db, ids, n, RECEPTION_MAX_DUTY, "值班代表", "reception_duty",
					"reception_day_id", id, err) < 0)
		return -1;
	return db_links_replace(db, "reception_duty", "reception_day_id", "deputy_id", id, ids, n, err);
}

/* Fails with a message unless day id exists and is not deleted. */
static int reception_exists(struct db *db, int64_t id, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db, "SELECT 1 FROM reception_days WHERE id = ?1 AND deleted = 0", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		rc = 0;
	else if (src == SQLITE_DONE)
		db_failf(err, "找不到这个接待日（编号 %lld），可能已被删除", (long long)id);
	else
		db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

int db_reception_insert(struct db *db, char *const *vals, const int64_t *duty_ids, int nduty, int64_t *id, char **err)
{
	int64_t new_id = 0;
	*id = 0;
	if (db_begin(db, err) < 0)
		return -1;
	if (db_rec_insert(db, &reception_def, NULL, vals, &new_id, err) < 0 ||
	    reception_write_duty(db, new_id, duty_ids, nduty, err) < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) < 0)
		return -1;
	*id = new_id;
	return 0;
}

int db_reception_update(struct db *db, int64_t id, char *const *vals, const int64_t *duty_ids, int nduty, char **err)
{
	if (db_begin(db, err) < 0)
		return -1;
	if (db_rec_update(db, &reception_def, NULL, id, vals, err) < 0 ||
	    (nduty >= 0 && reception_write_duty(db, id, duty_ids, nduty, err) < 0)) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int db_reception_set_duty(struct db *db, int64_t id, const int64_t *duty_ids, int nduty, char **err)
{
	if (db_begin(db, err) < 0)
		return -1;
	if (reception_exists(db, id, err) < 0 || reception_write_duty(db, id, duty_ids, nduty, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

/* The deputies on duty and those who came of day d->id into d. */
static int reception_load_duty(struct db *db, struct reception_day *d, char **err)
{
	if (db_deputies_linked(db, "reception_duty", "reception_day_id", d->id, &d->duty_ids, &d->duty_names, &d->nduty,
			       &d->duty_text, err) < 0)
		return -1;
	return db_deputies_linked(db, "reception_attendance", "reception_day_id", d->id, &d->attend_ids,
				  &d->attend_names, &d->nattend, &d->attend_text, err);
}

int db_reception_get(struct db *db, int64_t id, struct reception_day *out, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (db_rec_get(db, &reception_def, id, &out->vals, err) < 0)
		return -1;
	out->id = id;
	if (db_prepare(db,
		       "SELECT status, cancel_reason, held, rule_date,"
		       " (SELECT count(*) FROM visits v WHERE v.reception_day_id = r.id AND v.deleted = 0)"
		       " FROM reception_days r WHERE id = ?1",
		       &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		db_fail(db, src, &reception_def, err);
		goto out;
	}
	out->cancelled = !strcmp(db_column_text(st, 0), RECEPTION_STATUS_CANCELLED);
	out->cancel_reason = xstrdup(db_column_text(st, 1));
	out->held = sqlite3_column_type(st, 2) == SQLITE_NULL ? RECEPTION_HELD_UNKNOWN : sqlite3_column_int(st, 2);
	out->rule_date = xstrdup(db_column_text(st, 3));
	out->nvisits = sqlite3_column_int(st, 4);
	rc = reception_load_duty(db, out, err);
out:
	sqlite3_finalize(st);
	if (rc < 0)
		db_reception_day_free(out);
	return rc;
}

/* What set_held must know of day id: its date, whether cancelled, its visits. Fails with a
 * message for a deleted or missing day. */
static int reception_held_facts(struct db *db, int64_t id, char date[11], bool *cancelled, int *nvisits, int *held,
				char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db,
		       "SELECT date, status, held,"
		       " (SELECT count(*) FROM visits v WHERE v.reception_day_id = r.id AND v.deleted = 0)"
		       " FROM reception_days r WHERE id = ?1 AND deleted = 0",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		snprintf(date, 11, "%s", db_column_text(st, 0));
		*cancelled = !strcmp(db_column_text(st, 1), RECEPTION_STATUS_CANCELLED);
		*held = sqlite3_column_type(st, 2) == SQLITE_NULL ? RECEPTION_HELD_UNKNOWN : sqlite3_column_int(st, 2);
		*nvisits = sqlite3_column_int(st, 3);
		rc = 0;
	} else if (src == SQLITE_DONE)
		db_failf(err, "找不到这个接待日（编号 %lld），可能已被删除", (long long)id);
	else
		db_fail(db, src, &reception_def, err);
	sqlite3_finalize(st);
	return rc;
}

/* Set status (and reason, NULL to clear) where the day is in the other state. */
static int reception_set_status(struct db *db, int64_t id, bool cancel, const char *reason, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (db_begin(db, err) < 0)
		return -1;
	if (reception_exists(db, id, err) < 0)
		goto rollback;
	/* A day the clerk confirmed held took place: it cannot be cancelled afterwards. */
	if (cancel) {
		char date[11];
		bool cancelled;
		int nvisits, held;
		if (reception_held_facts(db, id, date, &cancelled, &nvisits, &held, err) < 0)
			goto rollback;
		if (held == 1) {
			db_fail_msg(err, "这个接待日已确认举行，不能取消（先把举行情况改为待确认）");
			goto rollback;
		}
	}
	if (db_prepare(db,
		       "UPDATE reception_days SET status = ?1, cancel_reason = ?2, updated_at = " DB_NOW_SQL
		       " WHERE id = ?3 AND deleted = 0 AND status <> ?1",
		       &st, err) < 0)
		goto rollback;
	sqlite3_bind_text(st, 1, cancel ? RECEPTION_STATUS_CANCELLED : RECEPTION_STATUS_NORMAL, -1, SQLITE_STATIC);
	db_bind_text(st, 2, reason);
	sqlite3_bind_int64(st, 3, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, &reception_def, err);
		goto rollback;
	}
	if (sqlite3_changes(db_handle(db)) == 0) {
		db_fail_msg(err, cancel ? "这个接待日已经取消了" : "这个接待日没有取消，无需恢复");
		goto rollback;
	}
	sqlite3_finalize(st);
	return db_commit(db, err);
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
	return rc;
}

int db_reception_cancel(struct db *db, int64_t id, const char *reason, char **err)
{
	char *r = xstrdup(reason ? reason : "");
	int rc = -1;
	str_trim(r);
	const char *e = valid_text(r, RECEPTION_REASON_CHARS, true);
	if (e)
		db_failf(err, "取消原因：%s", e);
	else if (!*r)
		db_fail_msg(err, "请填写取消原因");
	else
		rc = reception_set_status(db, id, true, r, err);
	free(r);
	return rc;
}

int db_reception_uncancel(struct db *db, int64_t id, char **err)
{
	return reception_set_status(db, id, false, NULL, err);
}

int db_reception_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &reception_def, id, true, err);
}

int db_reception_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &reception_def, id, false, err);
}

/* WHERE of the lists. ?1 first date or NULL, ?2 last date or NULL, ?3 hide cancelled. */
static const char reception_where[] =
	" WHERE r.deleted = 0 AND (?1 IS NULL OR r.date >= ?1) AND (?2 IS NULL OR r.date <= ?2)"
	" AND (NOT ?3 OR r.status <> '" RECEPTION_STATUS_CANCELLED "')";

static void reception_bind_filter(sqlite3_stmt *st, const struct reception_filter *f)
{
	char from[11] = "", to[11] = "";
	if (f && f->year >= 1 && f->year <= 9999) {
		int m1 = f->month >= 1 && f->month <= 12 ? f->month : 1;
		int m2 = f->month >= 1 && f->month <= 12 ? f->month : 12;
		date_format(f->year, m1, 1, from);
		date_format(f->year, m2, 31, to); /* as text: after every day of the month */
	} else if (f) {
		memcpy(from, f->date_from, sizeof from);
		memcpy(to, f->date_to, sizeof to);
	}
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	sqlite3_bind_int(st, 3, f && f->hide_cancelled);
}

int db_reception_count(struct db *db, const struct reception_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*) FROM reception_days r%s", reception_where);
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	*n = 0;
	if (rc < 0)
		return -1;
	reception_bind_filter(st, f);
	return db_count_finish(db, st, &reception_def, n, err);
}

int db_reception_page(struct db *db, const struct reception_filter *f, int64_t offset, int limit, reception_row_cb cb,
		      void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql =
		xasprintf("SELECT r.id, r.date, r.time, r.place, r.notice_date, r.note, r.status, r.cancel_reason,"
			  " (SELECT group_concat(name, '、') FROM (SELECT d.name FROM reception_duty t"
			  "   JOIN deputies d ON d.id = t.deputy_id WHERE t.reception_day_id = r.id ORDER BY t.id)),"
			  " (SELECT count(*) FROM reception_duty t WHERE t.reception_day_id = r.id),"
			  " (SELECT count(*) FROM visits v WHERE v.reception_day_id = r.id AND v.deleted = 0),"
			  " r.held, r.rule_date,"
			  " (SELECT group_concat(name, '、') FROM (SELECT d.name FROM reception_attendance t"
			  "   JOIN deputies d ON d.id = t.deputy_id WHERE t.reception_day_id = r.id ORDER BY t.id))"
			  " FROM reception_days r%s ORDER BY r.date, r.id LIMIT ?4 OFFSET ?5",
			  reception_where);
	int rc = -1, src;

	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	reception_bind_filter(st, f);
	sqlite3_bind_int(st, 4, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 5, offset < 0 ? 0 : offset);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct reception_row row = {
			.id = sqlite3_column_int64(st, 0),
			.date = db_column_text(st, 1),
			.time = db_column_text(st, 2),
			.place = db_column_text(st, 3),
			.notice_date = db_column_text(st, 4),
			.note = db_column_text(st, 5),
			.cancelled = !strcmp(db_column_text(st, 6), RECEPTION_STATUS_CANCELLED),
			.cancel_reason = db_column_text(st, 7),
			.duty_text = db_column_text(st, 8),
			.nduty = sqlite3_column_int(st, 9),
			.nvisits = sqlite3_column_int(st, 10),
			.held = sqlite3_column_type(st, 11) == SQLITE_NULL ? RECEPTION_HELD_UNKNOWN
									   : sqlite3_column_int(st, 11),
			.rule_date = db_column_text(st, 12),
			.attend_text = db_column_text(st, 13),
		};
		if (cb(ud, &row))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		db_fail(db, src, &reception_def, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

int db_reception_generate(struct db *db, const struct cfg *cfg, const struct calendar *cal, int year, const char *from,
			  int *added, char **err)
{
	struct reception_date *dates = NULL;
	sqlite3_stmt *st = NULL, *ins = NULL;
	int n, rc = -1, count = 0;

	*added = 0;
	if (!str_empty(from) && date_to_days(from) < 0)
		return db_failf(err, "起始日期「%s」不是有效日期（如 2026-11-23）", from);
	n = reception_dates(cfg, cal, year, &dates);
	if (n == 0)
		return db_failf(err, "%d 年没有按规则生成的接待日（请检查 station.ini 的 [reception]）", year);
	if (db_begin(db, err) < 0)
		goto out;
	if (db_prepare(db, "SELECT 1 FROM reception_days WHERE date IN (?1, ?2) OR rule_date = ?2 LIMIT 1", &st, err) <
		    0 ||
	    db_prepare(db,
		       "INSERT INTO reception_days (date, time, place, notice_date, rule_date)"
		       " VALUES (?1, ?2, ?3, ?4, ?5)",
		       &ins, err) < 0)
		goto rollback;
	for (int i = 0; i < n; i++) {
		if (!str_empty(from) && strcmp(dates[i].date, from) < 0)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, dates[i].date, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, dates[i].rule_date, -1, SQLITE_STATIC);
		int src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			continue;
		if (src != SQLITE_DONE) {
			db_fail(db, src, &reception_def, err);
			goto rollback;
		}
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, dates[i].date, -1, SQLITE_STATIC);
		db_bind_text(ins, 2, cfg->reception_time);
		db_bind_text(ins, 3, cfg->reception_place);
		sqlite3_bind_text(ins, 4, dates[i].notice_date, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, dates[i].rule_date, -1, SQLITE_STATIC);
		if ((src = sqlite3_step(ins)) != SQLITE_DONE) {
			db_fail(db, src, &reception_def, err);
			goto rollback;
		}
		count++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	st = ins = NULL;
	if (db_commit(db, err) < 0)
		goto out;
	*added = count;
	rc = 0;
	goto out;
rollback:
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	db_rollback(db);
out:
	free(dates);
	return rc;
}

/* The id of the first day matching sql (one ?1 parameter), or 0. */
static int reception_find(struct db *db, const char *sql, const char *arg, int64_t *id, char **err)
{
	sqlite3_stmt *st = NULL;
	*id = 0;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE) {
		db_fail(db, src, &reception_def, err);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Find with sql, then load the day into out. */
static int reception_find_get(struct db *db, const char *sql, const char *arg, struct reception_day *out, bool *found,
			      char **err)
{
	int64_t id;
	memset(out, 0, sizeof *out);
	*found = false;
	if (reception_find(db, sql, arg, &id, err) < 0)
		return -1;
	if (!id)
		return 0;
	if (db_reception_get(db, id, out, err) < 0)
		return -1;
	*found = true;
	return 0;
}

int db_reception_on_date(struct db *db, const char *date, struct reception_day *out, bool *found, char **err)
{
	return reception_find_get(db,
				  "SELECT id FROM reception_days WHERE date = ?1 AND deleted = 0"
				  " ORDER BY status = '" RECEPTION_STATUS_CANCELLED "', id LIMIT 1",
				  date, out, found, err);
}

int db_reception_next(struct db *db, const char *from, struct reception_day *out, bool *found, char **err)
{
	return reception_find_get(db,
				  "SELECT id FROM reception_days WHERE date >= ?1 AND deleted = 0"
				  " AND status <> '" RECEPTION_STATUS_CANCELLED "' ORDER BY date, id LIMIT 1",
				  from, out, found, err);
}

int db_reception_home(struct db *db, const char *today, struct reception_day *today_day, bool *has_today,
		      struct reception_day *next_day, bool *has_next, char **err)
{
	char tomorrow[11];
	memset(next_day, 0, sizeof *next_day);
	*has_next = false;
	if (db_reception_on_date(db, today, today_day, has_today, err) < 0)
		return -1;
	date_add_days(today, 1, tomorrow);
	if (db_reception_next(db, tomorrow, next_day, has_next, err) < 0) {
		db_reception_day_free(today_day);
		*has_today = false;
		return -1;
	}
	return 0;
}

int db_reception_set_held(struct db *db, int64_t id, int held, const char *today, const int64_t *attend_ids, int n,
			  char **err)
{
	sqlite3_stmt *st = NULL;
	char date[11];
	bool cancelled = false;
	int nvisits = 0, old = 0, src;

	if (held != 0 && held != 1 && held != RECEPTION_HELD_UNKNOWN)
		return db_failf(err, "程序错误：举行情况 %d 无效", held);
	if (db_begin(db, err) < 0)
		return -1;
	if (reception_held_facts(db, id, date, &cancelled, &nvisits, &old, err) < 0)
		goto rollback;
	char *why = reception_held_refusal(date, cancelled, nvisits, held, today);
	if (why) {
		db_fail_msg(err, why);
		free(why);
		goto rollback;
	}
	if (db_prepare(db, "UPDATE reception_days SET held = ?1, updated_at = " DB_NOW_SQL " WHERE id = ?2", &st, err) <
	    0)
		goto rollback;
	if (held == RECEPTION_HELD_UNKNOWN)
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int(st, 1, held);
	sqlite3_bind_int64(st, 2, id);
	if ((src = sqlite3_step(st)) != SQLITE_DONE) {
		db_fail(db, src, &reception_def, err);
		goto rollback;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (held != 1)
		n = 0;
	if (db_reception_check_deputies(db, attend_ids, n, RECEPTION_MAX_DUTY, "到场代表", "reception_attendance",
					"reception_day_id", id, err) < 0 ||
	    db_links_replace(db, "reception_attendance", "reception_day_id", "deputy_id", id, attend_ids, n, err) < 0)
		goto rollback;
	return db_commit(db, err);
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
	return -1;
}

int db_reception_held_count(struct db *db, const char *from, const char *to, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT count(*) FROM reception_days r WHERE r.deleted = 0 AND r.date BETWEEN ?1 AND ?2"
		       " AND r.status <> '" RECEPTION_STATUS_CANCELLED "'"
		       " AND (r.held = 1 OR EXISTS (SELECT 1 FROM visits v WHERE v.reception_day_id = r.id"
		       "  AND v.deleted = 0))",
		       &st, err) < 0)
		return -1;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	return db_count_finish(db, st, &reception_def, n, err);
}

int db_reception_last_date(struct db *db, char out[11], char **err)
{
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	if (db_prepare(db, "SELECT max(date) FROM reception_days WHERE deleted = 0", &st, err) < 0)
		return -1;
	int src = sqlite3_step(st), rc = 0;
	if (src == SQLITE_ROW)
		snprintf(out, 11, "%s", db_column_text(st, 0));
	else {
		db_fail(db, src, &reception_def, err);
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}
