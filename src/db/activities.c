/* 代表活动记录簿 in SQL (see activities.h). */
#include "db/activities.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?1 exact type or NULL, ?2 LIKE pattern or NULL, ?3 the typed text (exact type, date start),
 * ?6 and ?7 the first and last date or NULL. */
static const char act_where[] = " WHERE a.deleted = 0 AND (?1 IS NULL OR a.type = ?1)"
				" AND (?6 IS NULL OR a.date >= ?6) AND (?7 IS NULL OR a.date <= ?7)"
				" AND (?2 IS NULL OR a.topic LIKE ?2 ESCAPE '\\' OR a.place LIKE ?2 ESCAPE '\\'"
				" OR a.organizer LIKE ?2 ESCAPE '\\' OR a.content LIKE ?2 ESCAPE '\\'"
				" OR a.type = ?3 OR substr(a.date, 1, length(?3)) = ?3)";

static void act_bind(sqlite3_stmt *st, const struct activity_filter *f)
{
	if (f && f->type)
		sqlite3_bind_text(st, 1, f->type, -1, SQLITE_TRANSIENT);
	if (f && f->date_from)
		sqlite3_bind_text(st, 6, f->date_from, -1, SQLITE_TRANSIENT);
	if (f && f->date_to)
		sqlite3_bind_text(st, 7, f->date_to, -1, SQLITE_TRANSIENT);
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	if (*text) {
		sqlite3_bind_text(st, 2, db_rec_like(text), -1, free);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
	}
	free(text);
}

int db_activities_count(struct db *db, const struct activity_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*) FROM activities a%s", act_where);
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	*n = 0;
	if (rc < 0)
		return -1;
	act_bind(st, f);
	return db_count_finish(db, st, &activity_def, n, err);
}

/* ORDER BY for a sort field (columns are the program's constants). */
static const char *act_order(int sort_field, bool desc)
{
	switch (sort_field) {
	case AV_TYPE:
		return desc ? "a.type DESC, a.date DESC, a.id DESC" : "a.type, a.date, a.id";
	case AV_TOPIC:
		return desc ? "a.topic DESC, a.id DESC" : "a.topic, a.id";
	case AV_PLACE:
		return desc ? "a.place IS NULL, a.place DESC, a.id DESC" : "a.place IS NULL, a.place, a.id";
	case AV_SUGGESTIONS:
		return desc ? "a.suggestions DESC, a.id DESC" : "a.suggestions, a.id";
	default:
		return desc ? "a.date DESC, a.id DESC" : "a.date, a.id";
	}
}

int db_activities_page(struct db *db, const struct activity_filter *f, int sort_field, bool desc, int64_t offset,
		       int limit, activity_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sel = db_rec_select_list(&activity_def);
	char *sql = xasprintf("SELECT a.id, %s,"
			      " (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id AND t.status = '出席'),"
			      " (SELECT count(*) FROM attendance t WHERE t.activity_id = a.id),"
			      " (SELECT p.theme FROM activity_plans p WHERE p.activity_id = a.id AND p.deleted = 0"
			      "  ORDER BY p.id LIMIT 1)"
			      " FROM activities a%s ORDER BY %s LIMIT ?4 OFFSET ?5",
			      sel, act_where, act_order(sort_field, desc));
	free(sel);
	int rc = db_prepare(db, sql, &st, err), src;
	free(sql);
	if (rc < 0)
		return -1;
	act_bind(st, f);
	sqlite3_bind_int(st, 4, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 5, offset < 0 ? 0 : offset);
	rc = -1;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[AV_NFIELDS];
		for (int i = 0; i < AV_NFIELDS; i++)
			v[i] = db_column_text(st, 1 + i);
		struct activity_row r = { .id = sqlite3_column_int64(st, 0),
					  .vals = v,
					  .present = sqlite3_column_int64(st, 1 + AV_NFIELDS),
					  .signed_in = sqlite3_column_int64(st, 2 + AV_NFIELDS),
					  .plan = db_column_text(st, 3 + AV_NFIELDS) };
		if (cb(ud, &r)) {
			src = SQLITE_DONE;
			break;
		}
	}
	if (src == SQLITE_DONE)
		rc = 0;
	else
		db_fail(db, src, &activity_def, err);
	sqlite3_finalize(st);
	return rc;
}

/* The plan entry linked to activity id, or 0. */
static int act_plan_of(struct db *db, int64_t id, int64_t *plan_id, char **err)
{
	sqlite3_stmt *st = NULL;
	*plan_id = 0;
	if (db_prepare(db, "SELECT id FROM activity_plans WHERE activity_id = ?1 AND deleted = 0 ORDER BY id LIMIT 1",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*plan_id = sqlite3_column_int64(st, 0);
	int rc = src == SQLITE_ROW || src == SQLITE_DONE ? 0 : db_fail(db, src, &plan_def, err);
	sqlite3_finalize(st);
	return rc;
}

int db_activities_get(struct db *db, int64_t id, char ***vals, int64_t *plan_id, char **err)
{
	*vals = NULL;
	if (db_rec_get(db, &activity_def, id, vals, err) < 0)
		return -1;
	int64_t p = 0;
	if (act_plan_of(db, id, &p, err) < 0) {
		record_free_values(&activity_def, *vals);
		*vals = NULL;
		return -1;
	}
	if (plan_id)
		*plan_id = p;
	return 0;
}

/* Refuse plan entry plan_id for activity id (0: a new one) held on date: deleted, another
 * year, or held as another activity. */
static int act_check_plan(struct db *db, int64_t plan_id, int64_t id, const char *date, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT p.theme, p.year, p.deleted, p.activity_id, coalesce(a.date, '')"
		       " FROM activity_plans p LEFT JOIN activities a ON a.id = p.activity_id AND a.deleted = 0"
		       " WHERE p.id = ?1",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, plan_id);
	int src = sqlite3_step(st), rc = 0;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = db_fail(db, src, &plan_def, err);
	else if (src == SQLITE_DONE || sqlite3_column_int(st, 2))
		rc = db_failf(err, "对应的计划（编号 %lld）已被删除，请重新选择", (long long)plan_id);
	else if (sqlite3_column_int(st, 1) != atoi(date))
		rc = db_failf(err, "计划「%s」是 %d 年的，活动日期是 %d 年", db_column_text(st, 0),
			      sqlite3_column_int(st, 1), atoi(date));
	else if (sqlite3_column_type(st, 3) != SQLITE_NULL && sqlite3_column_int64(st, 3) != id &&
		 *db_column_text(st, 4))
		rc = db_failf(err, "计划「%s」已对应 %s 的另一次活动", db_column_text(st, 0), db_column_text(st, 4));
	sqlite3_finalize(st);
	return rc;
}

/* Run one UPDATE of activity_plans with ?1 activity id, ?2 plan id, ?3 date. */
static int act_plan_exec(struct db *db, const char *sql, int64_t id, int64_t plan_id, const char *date, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, plan_id);
	db_bind_text(st, 3, date);
	int src = sqlite3_step(st);
	int rc = src == SQLITE_DONE ? 0 : db_fail(db, src, &plan_def, err);
	sqlite3_finalize(st);
	return rc;
}

/* The plan entries of activity id: plan_id (0: none) linked and ticked off on date, any other
 * one that pointed here unlinked. Rows already so are not rewritten. */
static int act_link_plan(struct db *db, int64_t id, int64_t plan_id, const char *date, char **err)
{
	if (act_plan_exec(db,
			  "UPDATE activity_plans SET activity_id = NULL, held_date = NULL, updated_at = " DB_NOW_SQL
			  " WHERE activity_id = ?1 AND id <> ?2",
			  id, plan_id, date, err) < 0)
		return -1;
	if (!plan_id)
		return 0;
	return act_plan_exec(db,
			     "UPDATE activity_plans SET activity_id = ?1, held_date = ?3, updated_at = " DB_NOW_SQL
			     " WHERE id = ?2 AND (activity_id IS NOT ?1 OR held_date IS NOT ?3)",
			     id, plan_id, date, err);
}

/* vals with an empty 形成意见建议数 made 0 (the column is NOT NULL). New array. */
static char **act_values(char *const *vals)
{
	char **v = record_copy_values(&activity_def, vals);
	if (!*v[AV_SUGGESTIONS])
		str_set(&v[AV_SUGGESTIONS], "0");
	return v;
}

/* Insert (*id 0) or update (*id) with the plan link, in one transaction. */
static int act_write(struct db *db, int64_t *id, char *const *vals, int64_t plan_id, const char *today, int *field,
		     char **err)
{
	const char *bad = activity_date_refusal(vals[AV_DATE], today);
	int fld = -1;
	if (field)
		*field = bad ? AV_DATE : -1;
	if (bad)
		return db_fail_msg(err, bad);
	if (db_begin(db, err) < 0)
		return -1;
	char **v = act_values(vals);
	int64_t new_id = *id;
	int rc = 0;
	if (plan_id && act_check_plan(db, plan_id, *id, v[AV_DATE], err) < 0) {
		fld = ACTIVITY_PLAN_FIELD;
		rc = -1;
	} else if ((*id ? db_rec_update(db, &activity_def, NULL, *id, v, err)
			: db_rec_insert(db, &activity_def, NULL, v, &new_id, err)) < 0 ||
		   act_link_plan(db, new_id, plan_id, v[AV_DATE], err) < 0)
		rc = -1;
	record_free_values(&activity_def, v);
	if (field)
		*field = fld;
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, err) < 0)
		return -1;
	*id = new_id;
	return 0;
}

int db_activities_insert(struct db *db, char *const *vals, int64_t plan_id, const char *today, int64_t *id, int *field,
			 char **err)
{
	int64_t new_id = 0;
	if (act_write(db, &new_id, vals, plan_id, today, field, err) < 0)
		return -1;
	if (id)
		*id = new_id;
	return 0;
}

int db_activities_update(struct db *db, int64_t id, char *const *vals, int64_t plan_id, const char *today, int *field,
			 char **err)
{
	return act_write(db, &id, vals, plan_id, today, field, err);
}

int db_activities_delete(struct db *db, int64_t id, char **err)
{
	if (db_begin(db, err) < 0)
		return -1;
	if (db_rec_set_deleted(db, &activity_def, id, true, err) < 0 || act_link_plan(db, id, 0, NULL, err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int db_activities_attendance(struct db *db, int64_t id, struct attend_line **v, int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	*v = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT deputy_id, status FROM attendance WHERE activity_id = ?1 ORDER BY id", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		*v = xrealloc(*v, sizeof **v * (size_t)(*n + 1));
		(*v)[(*n)++] =
			(struct attend_line){ sqlite3_column_int64(st, 0), attend_status_find(db_column_text(st, 1)) };
	}
	int rc = src == SQLITE_DONE ? 0 : db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	if (rc < 0) {
		free(*v);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

/* Check one line of a sheet for the activity held on date; -1 with the reason. */
static int act_check_line(struct db *db, int64_t id, const char *date, const struct attend_line *l, char **err)
{
	sqlite3_stmt *st = NULL;
	if (l->status < 0 || l->status > ATTEND_ABSENT)
		return db_failf(err, "签到状态不对（%d）", l->status);
	if (db_prepare(db,
		       "SELECT d.name, d.status, coalesce(d.join_date, ''), d.deleted,"
		       " EXISTS (SELECT 1 FROM attendance t WHERE t.activity_id = ?2 AND t.deputy_id = d.id)"
		       " FROM deputies d WHERE d.id = ?1",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, l->deputy_id);
	sqlite3_bind_int64(st, 2, id);
	int src = sqlite3_step(st), rc = 0;
	if (src == SQLITE_DONE)
		rc = db_failf(err, "找不到这位代表（编号 %lld）", (long long)l->deputy_id);
	else if (src != SQLITE_ROW)
		rc = db_fail(db, src, NULL, err);
	else {
		struct attendee a = { .name = db_column_text(st, 0),
				      .status = db_column_text(st, 1),
				      .join_date = db_column_text(st, 2),
				      .deleted = sqlite3_column_int(st, 3) != 0,
				      .was_signed = sqlite3_column_int(st, 4) != 0 };
		char *why = activity_attendee_refusal(&a, date);
		if (why) {
			rc = db_fail_msg(err, why);
			free(why);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* Take off the sheet every deputy not among v. */
static int act_remove_others(struct db *db, int64_t id, const struct attend_line *v, int n, char **err)
{
	struct attend_line *old = NULL;
	int nold = 0, rc = 0;
	sqlite3_stmt *st = NULL;
	if (db_activities_attendance(db, id, &old, &nold, err) < 0 ||
	    db_prepare(db, "DELETE FROM attendance WHERE activity_id = ?1 AND deputy_id = ?2", &st, err) < 0) {
		free(old);
		return -1;
	}
	for (int i = 0; i < nold && rc == 0; i++) {
		bool keep = false;
		for (int j = 0; j < n && !keep; j++)
			keep = v[j].deputy_id == old[i].deputy_id;
		if (keep)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, old[i].deputy_id);
		int src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			rc = db_fail(db, src, NULL, err);
	}
	sqlite3_finalize(st);
	free(old);
	return rc;
}

/* Insert each line, or change its status when it differs. */
static int act_upsert_lines(struct db *db, int64_t id, const struct attend_line *v, int n, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db,
		       "INSERT INTO attendance (activity_id, deputy_id, status) VALUES (?1, ?2, ?3)"
		       " ON CONFLICT (activity_id, deputy_id) DO UPDATE SET status = excluded.status,"
		       " updated_at = " DB_NOW_SQL " WHERE status <> excluded.status",
		       &st, err) < 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, v[i].deputy_id);
		sqlite3_bind_text(st, 3, attend_statuses[v[i].status], -1, SQLITE_STATIC);
		int src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			rc = db_fail(db, src, NULL, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_activities_signin(struct db *db, int64_t id, const struct attend_line *v, int n, int *bad, char **err)
{
	char **vals = NULL;
	if (bad)
		*bad = -1;
	if (n > ACTIVITY_MAX_ATTENDEES)
		return db_failf(err, "一次活动最多签到 %d 位代表", ACTIVITY_MAX_ATTENDEES);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			if (v[i].deputy_id == v[j].deputy_id) {
				if (bad)
					*bad = i;
				return db_failf(err, "签到表里有一位代表出现了两次");
			}
	if (db_begin(db, err) < 0)
		return -1;
	if (db_rec_get(db, &activity_def, id, &vals, err) < 0)
		goto fail;
	for (int i = 0; i < n; i++)
		if (act_check_line(db, id, vals[AV_DATE], &v[i], err) < 0) {
			if (bad)
				*bad = i;
			goto fail;
		}
	if (act_remove_others(db, id, v, n, err) < 0 || act_upsert_lines(db, id, v, n, err) < 0)
		goto fail;
	record_free_values(&activity_def, vals);
	return db_commit(db, err);
fail:
	if (vals)
		record_free_values(&activity_def, vals);
	db_rollback(db);
	return -1;
}

int db_activities_count_between(struct db *db, const char *from, const char *to, const char *type, int64_t *n,
				char **err)
{
	sqlite3_stmt *st = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT count(*) FROM activities WHERE deleted = 0 AND date BETWEEN ?1 AND ?2"
		       " AND (?3 IS NULL OR type = ?3)",
		       &st, err) < 0)
		return -1;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_text(st, 3, type);
	return db_count_finish(db, st, &activity_def, n, err);
}

int db_activities_receptions(struct db *db, int64_t deputy_id, int year, const char *today, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char from[11], to[11];
	*n = 0;
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	if (today && strcmp(today, to) < 0)
		snprintf(to, sizeof to, "%s", today);
	if (db_prepare(db,
		       "SELECT count(*) FROM ("
		       " SELECT r.date FROM reception_duty d JOIN reception_days r ON r.id = d.reception_day_id"
		       "  WHERE d.deputy_id = ?1 AND r.deleted = 0 AND r.status = '正常' AND r.date BETWEEN ?2 AND ?3"
		       " UNION"
		       " SELECT date FROM deputy_visit_days"
		       "  WHERE deputy_id = ?1 AND date BETWEEN ?2 AND ?3 AND visits > 0)",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, deputy_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	return db_count_finish(db, st, NULL, n, err);
}
