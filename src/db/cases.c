/* 意见建议办理簿 in SQL (see cases.h): numbering from case_seq, the transitions of the case
 * loop as one transaction each (the row and its event), the timeline, list pages, the home
 * screen's lists from the index cases_status_due, period statistics and deletion. */
#include "db/cases.h"

#include "db/internal.h"
#include "db/search.h"
#include "db/record.h"

#include "core/case.h"
#include "core/clock.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of a case's state, in the order cases_state_read() reads them. */
#define CASES_STATE_COLS                                                                                               \
	"c.status, c.received_date, c.unit_id, c.assigned_date, c.due_date, c.due_days, c.extensions, "                \
	"c.redo_count, c.reply_date, c.result, c.followup_date, c.satisfaction, c.followup_how, c.closed_date, "       \
	"c.promised_date"
#define CASES_STATE_NCOLS 15

/* The columns of a struct case_row, in the order cases_row_read() reads them. */
#define CASES_ROW_COLS                                                                                                 \
	"c.id, c.case_no, c.received_date, c.category, c.summary, c.status, c.unit_id, u.name, "                       \
	"c.assigned_date, c.due_date, c.reply_date, c.followup_date, c.satisfaction, c.closed_date, "                  \
	"c.extensions, c.redo_count"

/* The home screen's lists; cases_explain() shows the plans of the first two. */
static const char cases_overdue_sql[] = "SELECT " CASES_ROW_COLS " FROM cases c LEFT JOIN units u ON u.id = c.unit_id"
					" WHERE c.status = '办理中' AND c.due_date < ?1 AND c.deleted = 0"
					" ORDER BY c.due_date, c.id LIMIT ?2";
static const char cases_soon_sql[] = "SELECT " CASES_ROW_COLS " FROM cases c LEFT JOIN units u ON u.id = c.unit_id"
				     " WHERE c.status = '办理中' AND c.due_date BETWEEN ?1 AND ?2 AND c.deleted = 0"
				     " ORDER BY c.due_date, c.id LIMIT ?3";
static const char cases_awaiting_sql[] = "SELECT " CASES_ROW_COLS " FROM cases c LEFT JOIN units u ON u.id = c.unit_id"
					 " WHERE c.status = '已答复' AND c.deleted = 0"
					 " ORDER BY c.satisfaction IS NOT NULL, c.reply_date, c.id LIMIT ?1";

/* Copy column col (text or NULL) into a fixed buffer of n bytes. */
static void cases_col_copy(sqlite3_stmt *st, int col, char *out, size_t n)
{
	snprintf(out, n, "%s", db_column_text(st, col));
}

/* Read the CASES_STATE_COLS starting at column col into *s (last event not set). */
static void cases_state_read(sqlite3_stmt *st, int col, struct case_state *s)
{
	memset(s, 0, sizeof *s);
	int status = caseflow_status_parse(db_column_text(st, col));
	s->status = status < 0 ? CS_RECEIVED : (enum case_status)status;
	cases_col_copy(st, col + 1, s->received, sizeof s->received);
	s->unit_id = sqlite3_column_int64(st, col + 2);
	cases_col_copy(st, col + 3, s->assigned, sizeof s->assigned);
	cases_col_copy(st, col + 4, s->due, sizeof s->due);
	s->due_days = sqlite3_column_int(st, col + 5);
	s->extensions = sqlite3_column_int(st, col + 6);
	s->redo_count = sqlite3_column_int(st, col + 7);
	cases_col_copy(st, col + 8, s->reply, sizeof s->reply);
	s->result = db_column_text(st, col + 9)[0];
	cases_col_copy(st, col + 10, s->followup, sizeof s->followup);
	s->satisfaction = case_sat_parse(db_column_text(st, col + 11));
	cases_col_copy(st, col + 12, s->how, sizeof s->how);
	cases_col_copy(st, col + 13, s->closed, sizeof s->closed);
	cases_col_copy(st, col + 14, s->promised, sizeof s->promised);
	memcpy(s->last, s->received, sizeof s->last);
	s->last_event = -1;
}

/* The date and type of the case's last event into s->last / s->last_event (the latest
 * business date; among equal dates the last recorded). */
static int cases_last_event(struct db *db, int64_t id, struct case_state *s, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db,
		       "SELECT coalesce(date, substr(at, 1, 10)) AS d, type FROM case_events WHERE case_id = ?1"
		       " ORDER BY d DESC, id DESC LIMIT 1",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		const char *d = db_column_text(st, 0);
		if (strcmp(d, s->last) > 0)
			snprintf(s->last, sizeof s->last, "%s", d);
		s->last_event = caseflow_event_parse(db_column_text(st, 1));
	} else if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The state of case id (not deleted), with its last event. */
static int cases_load_state(struct db *db, int64_t id, struct case_state *s, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db, "SELECT " CASES_STATE_COLS " FROM cases c WHERE c.id = ?1 AND c.deleted = 0", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		db_failf(err, "找不到这件意见建议（编号 %lld），可能已被删除", (long long)id);
		goto out;
	}
	if (src != SQLITE_ROW) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	cases_state_read(st, 0, s);
	sqlite3_finalize(st);
	st = NULL;
	rc = cases_last_event(db, id, s, err);
out:
	sqlite3_finalize(st);
	return rc;
}

/* Now as 'YYYY-MM-DD HH:MM' for case_events.at. */
static void cases_at(char out[17])
{
	char now[20];
	clock_now(now);
	memcpy(out, now, 16);
	out[16] = '\0';
}

/* The clerk's name for who: given, else the connection's user (may be ""). */
static const char *cases_who(struct db *db, const char *who) { return !str_empty(who) ? who : db_user(db); }

/* Bind an id, 0 as NULL. */
static void cases_bind_id(sqlite3_stmt *st, int idx, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, idx, id);
	else
		sqlite3_bind_null(st, idx);
}

/* One case_events row. Strings may be NULL or "" (stored as NULL). */
struct cases_event {
	enum case_event type;
	enum case_status status_after;
	const char *date, *who, *note, *due, *result, *satisfaction, *how;
	int64_t unit_id;
};

static int cases_insert_event(struct db *db, int64_t case_id, const struct cases_event *ev, char **err)
{
	sqlite3_stmt *st = NULL;
	char at[17];
	int rc = -1;
	if (db_prepare(db,
		       "INSERT INTO case_events (case_id, at, type, status_after, who, unit_id, due_date, note, date,"
		       " result, satisfaction, how) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
		       &st, err) < 0)
		return -1;
	cases_at(at);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, caseflow_event_label(ev->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, caseflow_status_label(ev->status_after), -1, SQLITE_STATIC);
	db_bind_text(st, 5, ev->who);
	cases_bind_id(st, 6, ev->unit_id);
	db_bind_text(st, 7, ev->due);
	db_bind_text(st, 8, ev->note);
	db_bind_text(st, 9, ev->date);
	db_bind_text(st, 10, ev->result);
	db_bind_text(st, 11, ev->satisfaction);
	db_bind_text(st, 12, ev->how);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The next sequence number for code and year, counted up in case_seq; numbers already taken
 * (imported cases) are skipped. *case_no: new string. */
static int cases_next_no(struct db *db, const char *code, int year, char **case_no, char **err)
{
	sqlite3_stmt *up = NULL, *taken = NULL;
	int rc = -1;
	*case_no = NULL;
	if (db_prepare(db,
		       "INSERT INTO case_seq (station_code, year, last_seq) VALUES (?1, ?2, 1)"
		       " ON CONFLICT (station_code, year) DO UPDATE SET last_seq = last_seq + 1,"
		       " updated_at = " DB_NOW_SQL " RETURNING last_seq",
		       &up, err) < 0)
		goto out;
	if (db_prepare(db, "SELECT 1 FROM cases WHERE case_no = ?1", &taken, err) < 0)
		goto out;
	for (;;) {
		sqlite3_reset(up);
		sqlite3_bind_text(up, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_int(up, 2, year);
		int src = sqlite3_step(up);
		if (src != SQLITE_ROW) {
			db_fail(db, src, NULL, err);
			goto out;
		}
		long long seq = sqlite3_column_int64(up, 0);
		src = sqlite3_step(up);
		if (src != SQLITE_DONE) {
			db_fail(db, src, NULL, err);
			goto out;
		}
		free(*case_no);
		*case_no = xasprintf("%s-%04d-%04lld", code, year, seq);
		sqlite3_reset(taken);
		sqlite3_bind_text(taken, 1, *case_no, -1, SQLITE_STATIC);
		src = sqlite3_step(taken);
		if (src == SQLITE_DONE)
			break;
		if (src != SQLITE_ROW) {
			db_fail(db, src, NULL, err);
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(up);
	sqlite3_finalize(taken);
	if (rc < 0) {
		free(*case_no);
		*case_no = NULL;
	}
	return rc;
}

/* Refuse a visit that is missing (or deleted) or already has a case of its own. */
static int cases_check_visit(struct db *db, int64_t visit_id, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db,
		       "SELECT c.case_no FROM visits v LEFT JOIN cases c ON c.id = v.case_id AND c.deleted = 0"
		       " WHERE v.id = ?1 AND v.deleted = 0",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, visit_id);
	int src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		db_failf(err, "找不到来访登记（编号 %lld），可能已被删除", (long long)visit_id);
	else if (src != SQLITE_ROW)
		db_fail(db, src, NULL, err);
	else if (*db_column_text(st, 0))
		db_failf(err, "这条来访登记已有意见建议 %s，不能再建一件", db_column_text(st, 0));
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* Point visit visit_id at case case_id (checked by cases_check_visit). */
static int cases_link_visit(struct db *db, int64_t visit_id, int64_t case_id, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db, "UPDATE visits SET case_id = ?1, updated_at = " DB_NOW_SQL " WHERE id = ?2", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, visit_id);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Insert the cases row: the fields of case_record(), the number and the links. */
static int cases_insert_row(struct db *db, char *const *vals, const char *case_no, const struct case_links *l,
			    int64_t *id, char **err)
{
	const struct record_def *def = case_record();
	sqlite3_stmt *st = NULL;
	char *cols = db_rec_select_list(def);
	char *sql = xasprintf("INSERT INTO cases (%s, case_no, visit_id, deputy_id, status) VALUES (?1, ?2, ?3, ?4,"
			      " ?5, ?6, ?7, ?8, ?9, ?10, '受理')",
			      cols);
	int rc = -1;
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	/* The placeholders above are written out for the 7 fields of case_record(). */
	_Static_assert(CASEF_NFIELDS == 7, "cases_insert_row: placeholders must follow case_record()");
	for (int i = 0; i < CASEF_NFIELDS; i++)
		db_bind_text(st, i + 1, vals[i]);
	sqlite3_bind_text(st, 8, case_no, -1, SQLITE_STATIC);
	cases_bind_id(st, 9, l ? l->visit_id : 0);
	cases_bind_id(st, 10, l ? l->deputy_id : 0);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, def, err);
		goto out;
	}
	*id = sqlite3_last_insert_rowid(db_handle(db));
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	free(cols);
	return rc;
}

int db_cases_create(struct db *db, const char *station_code, char *const *vals, const struct case_links *links,
		    const char *today, int64_t *id, char **case_no, char **err)
{
	const char *received = vals[CASEF_RECEIVED];
	char now[11], *no = NULL;
	int64_t new_id = 0;
	int rc = -1;

	if (id)
		*id = 0;
	if (case_no)
		*case_no = NULL;
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (str_empty(station_code))
		return db_fail_msg(err, "未设置联络站编号（station.ini 的 [station] code），不能给意见建议编号");
	if (date_to_days(received) < 0 || strlen(received) != 10)
		return db_failf(err, "受理日期有误（%s）", received);
	if (strcmp(received, today) > 0)
		return db_failf(err, "受理日期 %s 晚于今天（%s）", received, today);
	if (db_begin(db, err) < 0)
		return -1;
	if (links && links->visit_id > 0 && cases_check_visit(db, links->visit_id, err) < 0)
		goto rollback;
	if (cases_next_no(db, station_code, atoi(received), &no, err) < 0 ||
	    cases_insert_row(db, vals, no, links, &new_id, err) < 0)
		goto rollback;
	struct cases_event ev = { .type = CE_RECEIVE,
				  .status_after = CS_RECEIVED,
				  .date = received,
				  .who = cases_who(db, links ? links->who : NULL) };
	if (cases_insert_event(db, new_id, &ev, err) < 0)
		goto rollback;
	if (links && links->visit_id > 0 && cases_link_visit(db, links->visit_id, new_id, err) < 0)
		goto rollback;
	if (db_commit(db, err) < 0)
		goto out;
	rc = 0;
	if (id)
		*id = new_id;
	if (case_no) {
		*case_no = no;
		no = NULL;
	}
	goto out;
rollback:
	db_rollback(db);
out:
	free(no);
	return rc;
}

/* The earliest date of the case's events after 受理, or "" (into out). */
static int cases_first_action(struct db *db, int64_t id, char out[11], char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	out[0] = '\0';
	if (db_prepare(db,
		       "SELECT min(coalesce(date, substr(at, 1, 10))) FROM case_events WHERE case_id = ?1 AND type <> "
		       "'受理'",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	snprintf(out, 11, "%s", db_column_text(st, 0));
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

int db_cases_update(struct db *db, int64_t id, char *const *vals, char **err)
{
	const char *received = vals[CASEF_RECEIVED];
	struct case_state s;
	sqlite3_stmt *st = NULL;
	char first[11], today[11];

	clock_today(today);
	if (date_to_days(received) < 0 || strlen(received) != 10)
		return db_failf(err, "受理日期有误（%s）", received);
	if (strcmp(received, today) > 0)
		return db_failf(err, "受理日期 %s 晚于今天（%s）", received, today);
	if (db_begin(db, err) < 0)
		return -1;
	if (cases_load_state(db, id, &s, err) < 0 || cases_first_action(db, id, first, err) < 0)
		goto rollback;
	if (strncmp(received, s.received, 4)) {
		db_failf(err, "受理日期不能改到另一年（原为 %s）：案件编号按受理年份编排", s.received);
		goto rollback;
	}
	if (*first && strcmp(received, first) > 0) {
		db_failf(err, "受理日期 %s 晚于案件的办理记录（%s）", received, first);
		goto rollback;
	}
	if (db_rec_update(db, case_record(), NULL, id, vals, err) < 0)
		goto rollback;
	if (db_prepare(db,
		       "UPDATE case_events SET date = ?1, updated_at = " DB_NOW_SQL
		       " WHERE case_id = ?2 AND type = '受理'",
		       &st, err) < 0)
		goto rollback;
	sqlite3_bind_text(st, 1, received, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto rollback;
	}
	sqlite3_finalize(st);
	return db_commit(db, err);
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
	return -1;
}

int db_cases_get(struct db *db, int64_t id, struct case_info *out, char **err)
{
	const struct record_def *def = case_record();
	sqlite3_stmt *st = NULL;
	char *cols = db_rec_select_list(def);
	/* Field columns qualified with the table: "c.category, c.summary, ...". */
	struct strbuf q;
	int rc = -1;

	memset(out, 0, sizeof *out);
	sb_init(&q);
	sb_add(&q,
	       "SELECT c.uid, c.case_no, c.visit_id, c.deputy_id, d.name, u.name, c.reply, c.created_at,"
	       " c.updated_at, " CASES_STATE_COLS ", v.date");
	for (int i = 0; i < def->nfields; i++)
		sb_addf(&q, ", c.%s", def->fields[i].col);
	sb_add(&q,
	       " FROM cases c LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN deputies d ON d.id = c.deputy_id"
	       " LEFT JOIN visits v ON v.id = c.visit_id WHERE c.id = ?1 AND c.deleted = 0");
	if (db_prepare(db, q.buf, &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		db_failf(err, "找不到这件意见建议（编号 %lld），可能已被删除", (long long)id);
		goto out;
	}
	if (src != SQLITE_ROW) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	out->id = id;
	out->uid = xstrdup(db_column_text(st, 0));
	out->case_no = xstrdup(db_column_text(st, 1));
	out->visit_id = sqlite3_column_int64(st, 2);
	out->deputy_id = sqlite3_column_int64(st, 3);
	out->deputy_name = xstrdup(db_column_text(st, 4));
	out->unit_name = xstrdup(db_column_text(st, 5));
	out->reply = xstrdup(db_column_text(st, 6));
	cases_col_copy(st, 7, out->created_at, sizeof out->created_at);
	cases_col_copy(st, 8, out->updated_at, sizeof out->updated_at);
	cases_state_read(st, 9, &out->st);
	cases_col_copy(st, 9 + CASES_STATE_NCOLS, out->visit_date, sizeof out->visit_date);
	out->vals = xcalloc(CASEF_NFIELDS, sizeof(char *));
	for (int i = 0; i < CASEF_NFIELDS; i++)
		out->vals[i] = xstrdup(db_column_text(st, 10 + CASES_STATE_NCOLS + i));
	sqlite3_finalize(st);
	st = NULL;
	rc = cases_last_event(db, id, &out->st, err);
out:
	sqlite3_finalize(st);
	sb_free(&q);
	free(cols);
	if (rc < 0)
		case_info_free(out);
	return rc;
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
		str_free_array(ci->vals, CASEF_NFIELDS);
	memset(ci, 0, sizeof *ci);
}

int db_cases_find_no(struct db *db, const char *case_no, int64_t *id, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	*id = 0;
	if (db_prepare(db, "SELECT id FROM cases WHERE case_no = ?1 AND deleted = 0", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, case_no ? case_no : "", -1, SQLITE_STATIC);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Refuse 交办 to a unit that does not exist or is deleted. */
static int cases_check_unit(struct db *db, int64_t unit_id, char **err)
{
	int64_t n = 0;
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, "SELECT count(*) FROM units WHERE id = ?1 AND deleted = 0", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, unit_id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	if (src != SQLITE_ROW)
		return -1;
	return n ? 0 : db_failf(err, "这个承办单位不存在或已删除，请重新选择");
}

/* Write the state n into the cases row; reply (may be NULL) replaces the reply text. */
static int cases_write_state(struct db *db, int64_t id, const struct case_state *n, const char *reply, char **err)
{
	sqlite3_stmt *st = NULL;
	char result[2] = { n->result, '\0' };
	int rc = -1;
	if (db_prepare(db,
		       "UPDATE cases SET status = ?2, unit_id = ?3, assigned_date = ?4, due_date = ?5, due_days = ?6,"
		       " extensions = ?7, redo_count = ?8, reply_date = ?9, result = ?10, followup_date = ?11,"
		       " satisfaction = ?12, followup_how = ?13, closed_date = ?14, promised_date = ?16,"
		       " reply = CASE WHEN ?15 IS NULL THEN reply ELSE ?15 END, updated_at = " DB_NOW_SQL
		       " WHERE id = ?1 AND deleted = 0",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, caseflow_status_label(n->status), -1, SQLITE_STATIC);
	cases_bind_id(st, 3, n->unit_id);
	db_bind_text(st, 4, n->assigned);
	db_bind_text(st, 5, n->due);
	cases_bind_id(st, 6, n->due_days);
	sqlite3_bind_int(st, 7, n->extensions);
	sqlite3_bind_int(st, 8, n->redo_count);
	db_bind_text(st, 9, n->reply);
	db_bind_text(st, 10, result);
	db_bind_text(st, 11, n->followup);
	db_bind_text(st, 12, case_sat_label(n->satisfaction));
	db_bind_text(st, 13, n->how);
	db_bind_text(st, 14, n->closed);
	db_bind_text(st, 15, reply);
	db_bind_text(st, 16, n->promised);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, case_record(), err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The case_events row of action a that took state s to n. *note_buf: a new string the caller
 * frees (the reply with the remark), or NULL. */
static void cases_event_of(struct db *db, const struct case_state *s, const struct case_action *a,
			   const struct case_state *n, const char *result, char **note_buf, struct cases_event *ev)
{
	enum case_event e = a->event;
	memset(ev, 0, sizeof *ev);
	ev->type = e;
	ev->status_after = n->status;
	ev->date = n->last;
	ev->who = cases_who(db, a->who);
	ev->note = a->note;
	*note_buf = NULL;
	/* The unit the event concerns: the one given the case, or the one handling or returning it. */
	if (e == CE_ASSIGN || e == CE_URGE || e == CE_EXTEND || e == CE_REPLY || e == CE_REDO)
		ev->unit_id = n->unit_id;
	else if (e == CE_RETURN)
		ev->unit_id = s->unit_id;
	if (e == CE_ASSIGN || e == CE_EXTEND || e == CE_REDO)
		ev->due = n->due;
	if (e == CE_REPLY || e == CE_SPOT_REPLY) {
		/* Every round's reply stays in the timeline; the case row keeps the last. */
		if (str_empty(a->note))
			ev->note = a->content;
		else
			ev->note = *note_buf = xasprintf("%s\n备注：%s", a->content, a->note);
		ev->result = result;
	}
	if (e == CE_FOLLOWUP || e == CE_SPOT_REPLY) {
		ev->satisfaction = case_sat_label(n->satisfaction);
		ev->how = n->how;
	}
}

int db_cases_act(struct db *db, int64_t id, const struct case_action *a, const struct calendar *cal, int default_days,
		 const char *today, char **notice, struct refusal *why)
{
	struct case_state s, n;
	struct cases_event ev;
	char now[11], *note = NULL, *content = NULL, *err = NULL;

	refusal_clear(why);
	if (notice)
		*notice = NULL;
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (db_begin(db, &err) < 0)
		goto fail;
	if (cases_load_state(db, id, &s, &err) < 0)
		goto rollback;
	if (caseflow_apply(&s, a, cal, default_days, today, &n, why, notice) < 0)
		goto rollback;
	if (a->event == CE_ASSIGN && cases_check_unit(db, a->unit_id, &err) < 0) {
		refusal_set(why, "unit_id", err);
		err = NULL;
		goto rollback;
	}
	if (a->event == CE_REPLY || a->event == CE_SPOT_REPLY) {
		content = xstrdup(a->content);
		str_trim(content);
	}
	char result[2] = { n.result, '\0' };
	cases_event_of(db, &s, a, &n, result, &note, &ev);
	if (cases_write_state(db, id, &n, content, &err) < 0 || cases_insert_event(db, id, &ev, &err) < 0)
		goto rollback;
	if (db_commit(db, &err) < 0)
		goto fail;
	free(note);
	free(content);
	return 0;
rollback:
	db_rollback(db);
fail:
	if (notice) {
		free(*notice);
		*notice = NULL;
	}
	if (err) /* the database's own failure concerns no field */
		refusal_set(why, NULL, err);
	free(note);
	free(content);
	return -1;
}

/* Return -1 with a message if case id does not exist (or is deleted). */
static int cases_exists(struct db *db, int64_t id, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, "SELECT 1 FROM cases WHERE id = ?1 AND deleted = 0", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	int rc = src == SQLITE_ROW ? 0
		: src == SQLITE_DONE ? db_failf(err, "找不到这件意见建议（编号 %lld），可能已被删除", (long long)id)
				     : db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* Pass each row of a timeline statement to cb: its columns are, in order, id, at, date, type,
 * status_after, who, unit_id, unit name, due_date, note, result, satisfaction, how (the layout
 * of case_events; db/suggestions.c selects the same for suggestion_events). Finalizes st. */
int db_event_rows(struct db *db, sqlite3_stmt *st, case_event_cb cb, void *ud, char **err)
{
	int src, rc = -1;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_event_row ev = {
			.id = sqlite3_column_int64(st, 0),
			.at = db_column_text(st, 1),
			.date = db_column_text(st, 2),
			.type = db_column_text(st, 3),
			.status_after = db_column_text(st, 4),
			.who = db_column_text(st, 5),
			.unit_id = sqlite3_column_int64(st, 6),
			.unit_name = db_column_text(st, 7),
			.due_date = db_column_text(st, 8),
			.note = db_column_text(st, 9),
			.result = db_column_text(st, 10),
			.satisfaction = db_column_text(st, 11),
			.how = db_column_text(st, 12),
		};
		if (cb(ud, &ev))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		db_fail(db, src, NULL, err);
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

int db_cases_timeline(struct db *db, int64_t id, case_event_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	if (cases_exists(db, id, err) < 0)
		return -1;
	if (db_prepare(db,
		       "SELECT e.id, e.at, coalesce(e.date, substr(e.at, 1, 10)), e.type, e.status_after, e.who,"
		       " e.unit_id, u.name, e.due_date, e.note, e.result, e.satisfaction, e.how"
		       " FROM case_events e LEFT JOIN units u ON u.id = e.unit_id WHERE e.case_id = ?1"
		       " ORDER BY e.at, e.id",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return db_event_rows(db, st, cb, ud, err);
}

/* What a row's computed columns are measured against. */
struct cases_when {
	const struct calendar *cal; /* NULL: no 超期/临期 */
	const char *today;
	int soon_days;
	int ring;      /* RING_ASSIGN or RING_FOLLOWUP: rows of that ring's list (0: none) */
	int ring_days; /* its working days */
};

/* Read CASES_ROW_COLS into *r (strings borrowed from st) and compute its due state. */
static void cases_row_read(sqlite3_stmt *st, const struct cases_when *w, struct case_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->case_no = db_column_text(st, 1);
	r->received_date = db_column_text(st, 2);
	r->category = db_column_text(st, 3);
	r->summary = db_column_text(st, 4);
	r->status = db_column_text(st, 5);
	r->unit_id = sqlite3_column_int64(st, 6);
	r->unit_name = db_column_text(st, 7);
	r->assigned_date = db_column_text(st, 8);
	r->due_date = db_column_text(st, 9);
	r->reply_date = db_column_text(st, 10);
	r->followup_date = db_column_text(st, 11);
	r->satisfaction = db_column_text(st, 12);
	r->closed_date = db_column_text(st, 13);
	r->extensions = sqlite3_column_int(st, 14);
	r->redo_count = sqlite3_column_int(st, 15);

	struct case_state s = { .status = CS_RECEIVED };
	int status = caseflow_status_parse(r->status);
	s.status = status < 0 ? CS_RECEIVED : (enum case_status)status;
	s.satisfaction = case_sat_parse(r->satisfaction);
	r->next_step = caseflow_next_step(&s);
	r->due = CALENDAR_DUE_NONE;
	if (!w || !w->today)
		return;
	if ((w->ring == RING_ASSIGN || w->ring == RING_FOLLOWUP) && w->cal) {
		const char *start = w->ring == RING_ASSIGN ? r->received_date : r->reply_date;
		if (date_to_days(start) >= 0)
			calendar_add_workdays(w->cal, start, w->ring_days, r->ring_due);
		r->due = calendar_due_state(w->cal, w->today, r->ring_due, w->soon_days);
		if (r->due == CALENDAR_DUE_OVER)
			r->days = caseflow_overdue_days_due(w->cal, r->ring_due, w->today);
		else if (r->due == CALENDAR_DUE_SOON)
			r->days = calendar_workdays_between(w->cal, w->today, r->ring_due);
		return;
	}
	if (s.status == CS_HANDLING && *r->due_date && w->cal) {
		r->due = calendar_due_state(w->cal, w->today, r->due_date, w->soon_days);
		if (r->due == CALENDAR_DUE_OVER)
			r->days = caseflow_overdue_days_due(w->cal, r->due_date, w->today);
		else if (r->due == CALENDAR_DUE_SOON)
			r->days = calendar_workdays_between(w->cal, w->today, r->due_date);
	} else if (s.status == CS_REPLIED && *r->reply_date) {
		int64_t d = date_to_days(w->today) - date_to_days(r->reply_date);
		r->days = d > 0 ? (int)d : 0;
	}
}

/* Step through a prepared list query, handing each row to cb. */
static int cases_rows(struct db *db, sqlite3_stmt *st, const struct cases_when *w, case_row_cb cb, void *ud, char **err)
{
	int src;
	struct case_row r;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		cases_row_read(st, w, &r);
		if (cb(ud, &r))
			return 0;
	}
	if (src != SQLITE_DONE)
		return db_fail(db, src, NULL, err);
	return 0;
}

/* The WHERE clause of a case_filter, with only the conditions that are set (a condition such as
 * "?2 IS NULL OR c.status = ?2" would keep the planner from any index, and every count would
 * scan all cases). Parameters keep their numbers whether used or not: ?1 LIKE pattern, ?2 status,
 * ?3 unit, ?4 category, ?7 today, ?8 last 临期 due date, ?11 ?12 受理日期 from and to (a range on
 * cases_received), ?13 the text's MATCH for cases_fts (search_fts_match) (bound by
 * cases_bind_filter; ?9 ?10 are a page's LIMIT and OFFSET). */
static char *cases_where(const struct case_filter *f, bool use_index)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, " WHERE c.deleted = 0");
	if (f && f->text) {
		char *t = xstrdup(f->text);
		str_trim(t);
		enum search_route route = search_route(t);
		if (route != SEARCH_NONE && use_index)
			sb_add(&sb, " AND c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?13)");
		else if (route != SEARCH_NONE && search_instr_ok(t)) /* instr() finds what LIKE finds */
			sb_add(&sb, " AND (instr(c.summary, ?14) OR instr(c.content, ?14) OR instr(c.case_no, ?14))");
		else if (route != SEARCH_NONE)
			sb_add(&sb,
			       " AND (c.summary LIKE ?1 ESCAPE '\\' OR c.content LIKE ?1 ESCAPE '\\'"
			       " OR c.case_no LIKE ?1 ESCAPE '\\')");
		free(t);
	}
	if (f && !str_empty(f->status))
		sb_add(&sb, " AND c.status = ?2");
	if (f && f->unit_id > 0)
		sb_add(&sb, " AND c.unit_id = ?3");
	if (f && !str_empty(f->category))
		sb_add(&sb, " AND c.category = ?4");
	if (f && f->overdue)
		sb_add(&sb, " AND c.status = '办理中' AND c.due_date < ?7");
	if (f && f->due_soon)
		sb_add(&sb, " AND c.status = '办理中' AND c.due_date BETWEEN ?7 AND ?8");
	if (f && !str_empty(f->date_from))
		sb_add(&sb, " AND c.received_date >= ?11");
	if (f && !str_empty(f->date_to))
		sb_add(&sb, " AND c.received_date <= ?12");
	return sb_take(&sb);
}

/* Bind ?1..?8 of cases_where() (a parameter the clause does not use is simply not there:
 * SQLite ignores binding it); today (11 bytes) gets the day the filter uses. */
static void cases_bind_filter(sqlite3_stmt *st, const struct case_filter *f, char today[11])
{
	char until[11] = "";
	if (f && f->today)
		snprintf(today, 11, "%s", f->today);
	else
		clock_today(today);
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	if (*text) {
		char *like = db_rec_like(text), *phrase = search_fts_match(text);
		sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 13, phrase, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 14, text, -1, SQLITE_TRANSIENT);
		free(like);
		free(phrase);
	} else {
		sqlite3_bind_null(st, 1);
	}
	free(text);
	db_bind_text(st, 2, f ? f->status : NULL);
	cases_bind_id(st, 3, f ? f->unit_id : 0);
	db_bind_text(st, 4, f ? f->category : NULL);
	sqlite3_bind_int(st, 5, f && f->overdue);
	sqlite3_bind_int(st, 6, f && f->due_soon);
	sqlite3_bind_text(st, 7, today, -1, SQLITE_TRANSIENT);
	if (f && f->due_soon && f->cal)
		caseflow_soon_until(f->cal, today, f->soon_days, until);
	/* No 临期 range (no calendar or soon_days <= 0): a bound below today matches nothing. */
	sqlite3_bind_text(st, 8, *until ? until : "0000-00-00", -1, SQLITE_TRANSIENT);
	db_bind_text(st, 11, f ? f->date_from : NULL);
	db_bind_text(st, 12, f ? f->date_to : NULL);
}

/* Prepare "<head> FROM cases c WHERE <f>[ AND <more>]" with f bound. */
static int cases_count_prepare(struct db *db, const char *head, const struct case_filter *f, bool use_index,
			       const char *more, sqlite3_stmt **st, char **err)
{
	char *where = cases_where(f, use_index);
	char *sql = xasprintf("%s FROM cases c%s%s", head, where, more ? more : "");
	char today[11];
	int rc = db_prepare(db, sql, st, err);
	free(where);
	free(sql);
	if (rc == 0)
		cases_bind_filter(*st, f, today);
	return rc;
}

int db_cases_count(struct db *db, const struct case_filter *f, int64_t *n, char **err)
{
	return db_cases_counts(db, f, n, NULL, err);
}

/* The closed ones are a second count with the status added (the cases_status_due index, or
 * the date range): one query summing the status would read every row of the table. */
struct cases_query {
	struct db *db;
	const struct case_filter *f;
	int64_t *n, *closed; /* a count's results */
	enum case_sort sort; /* a page's */
	bool desc;
	int64_t offset;
	int limit;
	case_row_cb cb;
	void *ud;
	int64_t seen, passed; /* rows of this run, and passed to cb by all runs (db/search.h) */
};

static int cases_counts_run(void *ud, bool use_index, char **err)
{
	struct cases_query *q = ud;
	struct db *db = q->db;
	const struct case_filter *f = q->f;
	int64_t *n = q->n, *closed = q->closed;
	sqlite3_stmt *st = NULL;
	*n = 0;
	if (closed)
		*closed = 0;
	int64_t cap = f ? f->count_cap : 0;
	/* A capped count counts the first cap + 1 rows of a subquery. */
	char *head = cap > 0 ? xstrdup("SELECT count(*) FROM (SELECT 1") : xstrdup("SELECT count(*)");
	char *tail = cap > 0 ? xasprintf(" LIMIT %lld)", (long long)cap + 1) : xstrdup("");
	char *tail_closed = xasprintf(" AND c.status = '办结'%s", tail);
	int rc = -1;
	if (cases_count_prepare(db, head, f, use_index, tail, &st, err) < 0 ||
	    db_count_finish(db, st, NULL, n, err) < 0)
		goto out;
	rc = cap > 0 && *n > cap ? 1 : 0;
	if (rc)
		*n = cap;
	if (closed && (cases_count_prepare(db, head, f, use_index, tail_closed, &st, err) < 0 ||
		       db_count_finish(db, st, NULL, closed, err) < 0))
		rc = -1;
	if (closed && rc >= 0 && cap > 0 && *closed > cap)
		*closed = cap;
out:
	free(head);
	free(tail);
	free(tail_closed);
	return rc;
}

int db_cases_counts(struct db *db, const struct case_filter *f, int64_t *n, int64_t *closed, char **err)
{
	/* Only the 受理日期 narrows (or nothing): the totals are sums of case_days (schema 0021). */
	char *t = xstrdup(f && f->text ? f->text : "");
	str_trim(t);
	bool plain = !f || (!*t && str_empty(f->status) && !f->unit_id && str_empty(f->category) && !f->overdue &&
			    !f->due_soon);
	free(t);
	if (plain) {
		if (db_day_sums(db, "case_days", "cases", "closed", f ? f->date_from : NULL, f ? f->date_to : NULL, n,
				closed, err) < 0)
			return -1;
		if (!f || f->count_cap <= 0 || *n <= f->count_cap)
			return 0;
		*n = f->count_cap;
		if (closed && *closed > f->count_cap)
			*closed = f->count_cap;
		return 1;
	}
	struct cases_query q = { .db = db, .f = f, .n = n, .closed = closed };
	return search_run(db, "cases_fts", f ? f->text : NULL, f && f->count_cap > 0 ? f->count_cap + 1 : -1,
			  f ? f->date_from : NULL, f ? f->date_to : NULL, cases_counts_run, &q, err);
}

int db_cases_count_plan(struct db *db, const struct case_filter *f, char **plan, char **err)
{
	sqlite3_stmt *st = NULL;
	*plan = NULL;
	if (cases_count_prepare(db, "EXPLAIN QUERY PLAN SELECT count(*)", f, true, NULL, &st, err) < 0)
		return -1;
	return db_plan_finish(db, st, plan, err);
}

int db_cases_due_from(struct db *db, const char *from, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT count(*) FROM cases WHERE status = '办理中' AND due_date >= ?1 AND deleted = 0", &st,
		       err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	return db_count_finish(db, st, NULL, n, err);
}

/* ORDER BY of a sort column (program constants only). */
static char *cases_order(enum case_sort sort, bool desc)
{
	const char *d = desc ? "DESC" : "ASC";
	switch (sort) {
	case CASE_SORT_NO:
		return xasprintf("c.case_no %s, c.id %s", d, d);
	case CASE_SORT_STATUS:
		return xasprintf(
			"CASE c.status WHEN '受理' THEN 0 WHEN '办理中' THEN 1 WHEN '已答复' THEN 2 ELSE 3 END %s,"
			" c.received_date %s, c.id %s",
			d, d, d);
	case CASE_SORT_UNIT:
		return xasprintf("u.id IS NULL, u.sort %s, u.name %s, c.id %s", d, d, d);
	case CASE_SORT_DUE:
		return xasprintf("c.due_date IS NULL, c.due_date %s, c.id %s", d, d);
	case CASE_SORT_CATEGORY:
		return xasprintf("c.category IS NULL, c.category %s, c.id %s", d, d);
	case CASE_SORT_SUMMARY:
		return xasprintf("c.summary %s, c.id %s", d, d);
	case CASE_SORT_RECEIVED:
	case CASE_SORT_COUNT:
		break;
	}
	return xasprintf("c.received_date %s, c.id %s", d, d);
}

/* A row of a page run: passed on unless an earlier run passed it already. */
static int cases_page_row(void *ud, const struct case_row *r)
{
	struct cases_query *q = ud;
	if (q->seen++ < q->passed)
		return 0;
	q->passed++;
	return q->cb(q->ud, r);
}

static int cases_page_run(void *ud, bool use_index, char **err)
{
	struct cases_query *q = ud;
	struct db *db = q->db;
	const struct case_filter *f = q->f;
	int64_t offset = q->offset;
	int limit = q->limit;
	sqlite3_stmt *st = NULL;
	char *order = cases_order(q->sort, q->desc);
	char *where = cases_where(f, use_index);
	q->seen = 0;
	char *sql = xasprintf("SELECT " CASES_ROW_COLS " FROM cases c LEFT JOIN units u ON u.id = c.unit_id%s"
			      " ORDER BY %s LIMIT ?9 OFFSET ?10",
			      where, order);
	free(where);
	char today[11];
	int rc = -1;
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	cases_bind_filter(st, f, today);
	sqlite3_bind_int(st, 9, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 10, offset < 0 ? 0 : offset);
	struct cases_when w = { .cal = f ? f->cal : NULL, .today = today, .soon_days = f ? f->soon_days : 0 };
	rc = cases_rows(db, st, &w, cases_page_row, q, err);
out:
	sqlite3_finalize(st);
	free(sql);
	free(order);
	return rc;
}

int db_cases_page(struct db *db, const struct case_filter *f, enum case_sort sort, bool desc, int64_t offset, int limit,
		  case_row_cb cb, void *ud, char **err)
{
	struct cases_query q = {
		.db = db, .f = f, .sort = sort, .desc = desc, .offset = offset, .limit = limit, .cb = cb, .ud = ud
	};
	return search_run(db, "cases_fts", f ? f->text : NULL, limit < 0 ? -1 : (offset > 0 ? offset : 0) + limit,
			  f ? f->date_from : NULL, f ? f->date_to : NULL, cases_page_run, &q, err);
}

int db_cases_overdue(struct db *db, const struct calendar *cal, const char *today, int limit, case_row_cb cb, void *ud,
		     char **err)
{
	sqlite3_stmt *st = NULL;
	char now[11];
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (db_prepare(db, cases_overdue_sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, limit < 0 ? -1 : limit);
	struct cases_when w = { .cal = cal, .today = today };
	int rc = cases_rows(db, st, &w, cb, ud, err);
	sqlite3_finalize(st);
	return rc;
}

int db_cases_due_soon(struct db *db, const struct calendar *cal, const char *today, int soon_days, int limit,
		      case_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char now[11], until[11];
	if (!today) {
		clock_today(now);
		today = now;
	}
	caseflow_soon_until(cal, today, soon_days, until);
	if (!*until)
		return 0;
	if (db_prepare(db, cases_soon_sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, until, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, limit < 0 ? -1 : limit);
	struct cases_when w = { .cal = cal, .today = today, .soon_days = soon_days };
	int rc = cases_rows(db, st, &w, cb, ud, err);
	sqlite3_finalize(st);
	return rc;
}

int db_cases_awaiting(struct db *db, const char *today, int limit, case_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char now[11];
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (db_prepare(db, cases_awaiting_sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int(st, 1, limit < 0 ? -1 : limit);
	struct cases_when w = { .today = today };
	int rc = cases_rows(db, st, &w, cb, ud, err);
	sqlite3_finalize(st);
	return rc;
}

int db_cases_todo_counts(struct db *db, const struct calendar *cal, const char *today, int soon_days,
			 struct case_todo_counts *out, char **err)
{
	sqlite3_stmt *st = NULL;
	char now[11], until[11];
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (!today) {
		clock_today(now);
		today = now;
	}
	caseflow_soon_until(cal, today, soon_days, until);
	if (db_prepare(db,
		       "SELECT (SELECT count(*) FROM cases WHERE status = '受理' AND deleted = 0),"
		       " (SELECT count(*) FROM cases WHERE status = '办理中' AND deleted = 0),"
		       " (SELECT count(*) FROM cases WHERE status = '办理中' AND due_date < ?1 AND deleted = 0),"
		       " (SELECT count(*) FROM cases WHERE status = '办理中' AND due_date BETWEEN ?1 AND ?2"
		       "  AND deleted = 0),"
		       " (SELECT count(*) FROM cases WHERE status = '已答复' AND deleted = 0),"
		       " (SELECT count(*) FROM cases WHERE status = '已答复' AND satisfaction IS NULL AND deleted = 0)",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, *until ? until : "0000-00-00", -1, SQLITE_STATIC);
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	out->received = sqlite3_column_int64(st, 0);
	out->handling = sqlite3_column_int64(st, 1);
	out->overdue = sqlite3_column_int64(st, 2);
	out->due_soon = sqlite3_column_int64(st, 3);
	out->awaiting = sqlite3_column_int64(st, 4);
	out->awaiting_followup = sqlite3_column_int64(st, 5);
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The number of cases followed up from ?1 to ?2 that meet cond, from indexes although
 * followup_date has none: a case followed up in the range is either closed since then
 * (closed_date >= followup_date >= ?1: the index cases_closed_date) or not closed, i.e. 已答复
 * or (after 重办) 办理中 (cases_status_due). Two counts, so each gets its own index. */
#define CASES_FOLLOWED_UP(cond)                                                                                        \
	"((SELECT count(*) FROM cases WHERE closed_date >= ?1 AND followup_date BETWEEN ?1 AND ?2"                     \
	" AND deleted = 0 AND " cond ") + (SELECT count(*) FROM cases WHERE status IN ('已答复', '办理中')"      \
	" AND closed_date IS NULL AND followup_date BETWEEN ?1 AND ?2 AND deleted = 0 AND " cond "))"

/* Visits answered on the spot (当场答复, no case) dated in the period: all, rated, satisfied, in one
 * pass over the range of the index visits_date. "+case_id" keeps SQLite off the index
 * visits_case, which it otherwise picks for "case_id IS NULL" and walks every visit without a
 * case (700,000 on the bench database: the home screen took 980 ms instead of 40). */
#define CASES_SPOT_VISITS                                                                                             \
	"(SELECT count(*) AS n, count(satisfaction) AS rated, coalesce(sum(satisfaction IN ('满意', '基本满意')), 0)" \
	" AS satisfied FROM visits WHERE date BETWEEN ?1 AND ?2 AND deleted = 0 AND handling = '当场答复'"            \
	" AND +case_id IS NULL)"

#define CASES_RATED     "satisfaction IS NOT NULL"
#define CASES_SATISFIED "satisfaction IN ('满意', '基本满意')"

/* The figures of db_cases_stats, in the order it reads them (not formatted: clang-format would
 * cut the SQL strings around the macros). */
/* clang-format off */
static const char cases_stats_sql[] =
	"SELECT (SELECT count(*) FROM cases WHERE received_date BETWEEN ?1 AND ?2 AND deleted = 0),"
	" (SELECT count(*) FROM cases WHERE assigned_date BETWEEN ?1 AND ?2 AND deleted = 0),"
	" (SELECT count(*) FROM cases WHERE reply_date BETWEEN ?1 AND ?2 AND assigned_date IS NOT NULL"
	"  AND deleted = 0),"
	" (SELECT count(*) FROM cases WHERE closed_date BETWEEN ?1 AND ?2 AND assigned_date IS NULL"
	"  AND deleted = 0),"
	" (SELECT count(*) FROM cases WHERE closed_date BETWEEN ?1 AND ?2 AND deleted = 0),"
	" (SELECT count(*) FROM cases WHERE closed_date BETWEEN ?1 AND ?2 AND deleted = 0"
	"  AND (assigned_date IS NULL OR reply_date <= due_date)),"
	" " CASES_FOLLOWED_UP(CASES_RATED) ","
	" " CASES_FOLLOWED_UP(CASES_SATISFIED) ","
	" spot.n, spot.rated, spot.satisfied FROM " CASES_SPOT_VISITS " AS spot";
/* clang-format on */

int db_cases_stats(struct db *db, const char *from, const char *to, struct case_stats *out, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	memset(out, 0, sizeof *out);
	out->on_time_rate = out->satisfaction_rate = -1;
	/* One subquery per figure, each a range on the index of its date column. */
	if (db_prepare(db, cases_stats_sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, from ? from : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to ? to : "", -1, SQLITE_STATIC);
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	out->received = sqlite3_column_int64(st, 0);
	out->assigned = sqlite3_column_int64(st, 1);
	out->replied = sqlite3_column_int64(st, 2);
	out->spot = sqlite3_column_int64(st, 3);
	out->closed = sqlite3_column_int64(st, 4);
	out->closed_on_time = sqlite3_column_int64(st, 5);
	out->followed_up = sqlite3_column_int64(st, 6);
	out->satisfied = sqlite3_column_int64(st, 7);
	/* Visits answered on the spot: settled (办结, on time) the day they were made; their
	 * satisfaction, when the resident gave it, is their 回访. */
	out->spot_visits = sqlite3_column_int64(st, 8);
	out->spot += out->spot_visits;
	out->closed += out->spot_visits;
	out->closed_on_time += out->spot_visits;
	out->followed_up += sqlite3_column_int64(st, 9);
	out->satisfied += sqlite3_column_int64(st, 10);
	if (out->closed)
		out->on_time_rate = 100.0 * (double)out->closed_on_time / (double)out->closed;
	if (out->followed_up)
		out->satisfaction_rate = 100.0 * (double)out->satisfied / (double)out->followed_up;
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

int db_cases_delete(struct db *db, int64_t id, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_begin(db, err) < 0)
		return -1;
	if (cases_exists(db, id, err) < 0)
		goto rollback;
	if (db_prepare(db, "SELECT count(*) FROM case_events WHERE case_id = ?1 AND type <> '受理'", &st, err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		db_fail(db, src, NULL, err);
		goto rollback;
	}
	if (sqlite3_column_int64(st, 0) > 0) {
		db_fail_msg(err, "案件已有办理记录，不能删除；如需删除请联系站长");
		goto rollback;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (db_rec_set_deleted(db, case_record(), id, true, err) < 0)
		goto rollback;
	return db_commit(db, err);
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
	return -1;
}

int db_cases_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, case_record(), id, false, err);
}

/* The plan lines of one query, each "<what>: <detail>". */
static int cases_explain_one(struct db *db, const char *what, const char *sql, const char *today, const char *until,
			     int (*cb)(void *ud, const char *line), void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char *q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	int rc = -1, src;
	if (db_prepare(db, q, &st, err) < 0)
		goto out;
	/* ?1 today; then the 临期 bound (if the query has one) and the LIMIT. */
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) == 3)
		sqlite3_bind_text(st, 2, until, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, sqlite3_bind_parameter_count(st), 20);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		char *line = xasprintf("%s: %s", what, db_column_text(st, 3));
		int stop = cb(ud, line);
		free(line);
		if (stop) {
			rc = 1;
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(q);
	return rc;
}

int db_cases_explain(struct db *db, const char *today, int (*cb)(void *ud, const char *line), void *ud, char **err)
{
	char now[11], until[11];
	if (!today) {
		clock_today(now);
		today = now;
	}
	date_add_days(today, 7, until);
	int rc = cases_explain_one(db, "超期", cases_overdue_sql, today, until, cb, ud, err);
	if (rc == 0)
		rc = cases_explain_one(db, "临期", cases_soon_sql, today, until, cb, ud, err);
	return rc < 0 ? -1 : 0;
}

/* ---- 五环五时 ---- */

/* The home screen's 交办/回访 lists: ?1 the start dates before which a ring is overdue, ?2 the end
 * of the 临期 starts, ?3 LIMIT. The conditions repeat the partial indexes' WHERE (0014.sql) so
 * the planner can use them. Index [ring == RING_FOLLOWUP][overdue]. */
#define CASES_WAIT_ASSIGN   " WHERE c.status = '受理' AND c.deleted = 0 AND c.received_date"
#define CASES_WAIT_FOLLOWUP " WHERE c.status = '已答复' AND c.satisfaction IS NULL AND c.deleted = 0 AND c.reply_date"
static const char *const cases_ring_where[2][2] = {
	{ CASES_WAIT_ASSIGN " >= ?1 AND c.received_date < ?2 ORDER BY c.received_date, c.id",
	  CASES_WAIT_ASSIGN " < ?1 ORDER BY c.received_date, c.id" },
	{ CASES_WAIT_FOLLOWUP " >= ?1 AND c.reply_date < ?2 ORDER BY c.reply_date, c.id",
	  CASES_WAIT_FOLLOWUP " < ?1 ORDER BY c.reply_date, c.id" },
};

/* Prepare one ring list (head: the SELECT list and FROM) with its bounds bound; st NULL and 0
 * returned when the list is empty by definition (no 临期). */
static int cases_ring_prepare(struct db *db, const struct calendar *cal, enum case_ring ring, int days,
			      const char *today, int soon_days, bool overdue, const char *head, const char *tail,
			      sqlite3_stmt **st, char **err)
{
	char over[11], soon[11];
	*st = NULL;
	if (ring != RING_ASSIGN && ring != RING_FOLLOWUP)
		return db_failf(err, "待办列表没有「%s」这一环", caseflow_ring_label(ring));
	caseflow_ring_bounds(cal, days, today, soon_days, over, soon);
	if (!*over)
		return db_failf(err, "日期有误（%s）", today ? today : "");
	if (!overdue && !strcmp(over, soon))
		return 0;
	char *sql = xasprintf("%s%s%s", head, cases_ring_where[ring == RING_FOLLOWUP][overdue], tail);
	int rc = db_prepare(db, sql, st, err);
	free(sql);
	if (rc < 0)
		return -1;
	sqlite3_bind_text(*st, 1, over, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 2, soon, -1, SQLITE_TRANSIENT);
	return 0;
}

int db_cases_ring_todo(struct db *db, const struct calendar *cal, enum case_ring ring, int days, const char *today,
		       int soon_days, bool overdue, int limit, case_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	char now[11];
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (cases_ring_prepare(db, cal, ring, days, today, soon_days, overdue,
			       "SELECT " CASES_ROW_COLS " FROM cases c LEFT JOIN units u ON u.id = c.unit_id",
			       " LIMIT ?3", &st, err) < 0)
		return -1;
	if (!st)
		return 0;
	sqlite3_bind_int(st, 3, limit < 0 ? -1 : limit);
	struct cases_when w = { .cal = cal, .today = today, .soon_days = soon_days, .ring = ring, .ring_days = days };
	int rc = cases_rows(db, st, &w, cb, ud, err);
	sqlite3_finalize(st);
	return rc;
}

int db_cases_ring_todo_counts(struct db *db, const struct calendar *cal, enum case_ring ring, int days,
			      const char *today, int soon_days, int64_t *overdue, int64_t *soon, char **err)
{
	sqlite3_stmt *st = NULL;
	char now[11];
	*overdue = *soon = 0;
	if (!today) {
		clock_today(now);
		today = now;
	}
	for (int over = 1; over >= 0; over--) {
		if (cases_ring_prepare(db, cal, ring, days, today, soon_days, over, "SELECT count(*) FROM cases c", "",
				       &st, err) < 0)
			return -1;
		if (st && db_count_finish(db, st, NULL, over ? overdue : soon, err) < 0)
			return -1;
	}
	return 0;
}

int db_cases_ring_explain(struct db *db, const struct calendar *cal, const struct ring_limits *lim, const char *today,
			  int (*cb)(void *ud, const char *line), void *ud, char **err)
{
	static const char *const what[2][2] = { { "交办临期", "交办超期" }, { "回访临期", "回访超期" } };
	for (int f = 0; f < 2; f++)
		for (int over = 1; over >= 0; over--) {
			sqlite3_stmt *st = NULL;
			enum case_ring ring = f ? RING_FOLLOWUP : RING_ASSIGN;
			int src = SQLITE_DONE, days = f ? lim->followup_days : lim->assign_days;
			if (cases_ring_prepare(db, cal, ring, days, today, 3, over,
					       "EXPLAIN QUERY PLAN SELECT " CASES_ROW_COLS
					       " FROM cases c LEFT JOIN units u ON u.id = c.unit_id",
					       " LIMIT 20", &st, err) < 0)
				return -1;
			while (st && (src = sqlite3_step(st)) == SQLITE_ROW) {
				char *line = xasprintf("%s: %s", what[f][over], db_column_text(st, 3));
				int stop = cb(ud, line);
				free(line);
				if (stop) {
					sqlite3_finalize(st);
					return 0;
				}
			}
			if (st && src != SQLITE_DONE) {
				db_fail(db, src, NULL, err);
				sqlite3_finalize(st);
				return -1;
			}
			sqlite3_finalize(st);
		}
	return 0;
}

/* One ring's query for db_cases_rings: its rows are (due or start date, done date); ?1 ?2 the
 * range of the first column. start: the first column is the start date the ring counts from
 * (its due date is days working days later). */
struct cases_ring_query {
	enum case_ring ring;
	bool start;
	const char *sql;
};
static const struct cases_ring_query cases_ring_queries[] = {
	/* 受理 of a case raised without a visit: due and done the same day. */
	{ RING_RECEIVE, false,
	  "SELECT received_date, received_date FROM cases WHERE received_date BETWEEN ?1 AND ?2 AND deleted = 0"
	  " AND +visit_id IS NULL" }, /* +: the range of dates, not every case without a visit */
	/* 受理 of a case from a visit: due the visit's date. */
	{ RING_RECEIVE, false,
	  "SELECT v.date, c.received_date FROM visits v CROSS JOIN cases c ON c.visit_id = v.id"
	  " WHERE v.date BETWEEN ?1 AND ?2 AND c.deleted = 0" }, /* CROSS: the visits' dates first, always */
	/* 交办: every case but those answered on the spot. */
	{ RING_ASSIGN, true,
	  "SELECT received_date, assigned_date FROM cases WHERE received_date >= ?1 AND received_date < ?2"
	  " AND deleted = 0 AND NOT (status = '办结' AND assigned_date IS NULL)" },
	{ RING_HANDLE, false,
	  "SELECT due_date, CASE WHEN status = '办理中' THEN NULL ELSE reply_date END FROM cases"
	  " WHERE status IN ('办理中', '已答复', '办结') AND due_date BETWEEN ?1 AND ?2 AND deleted = 0" },
	{ RING_REPLY, false,
	  "SELECT promised_date, CASE WHEN status = '办理中' THEN NULL ELSE reply_date END FROM cases"
	  " WHERE promised_date BETWEEN ?1 AND ?2 AND deleted = 0" },
	{ RING_FOLLOWUP, true,
	  "SELECT reply_date, followup_date FROM cases WHERE reply_date >= ?1 AND reply_date < ?2 AND deleted = 0" },
};

/* Count the rows of one ring query into f. */
static int cases_ring_count(struct db *db, const struct calendar *cal, const struct cases_ring_query *q, int days,
			    const char *from, const char *to, const char *asof, struct case_ring_figures *f, char **err)
{
	sqlite3_stmt *st = NULL;
	char lo[11], hi[11], due[11];
	int src;
	if (q->start)
		caseflow_ring_starts(cal, days, from, to, lo, hi);
	if (db_prepare(db, q->sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, q->start ? lo : from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, q->start ? hi : to, -1, SQLITE_TRANSIENT);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *first = db_column_text(st, 0), *done = db_column_text(st, 1);
		if (q->start)
			calendar_add_workdays(cal, first, days, due);
		else
			snprintf(due, sizeof due, "%s", first);
		if (!*due || strcmp(due, from) < 0 || strcmp(due, to) > 0)
			continue;
		f->due++;
		switch (caseflow_ring_bucket(due, done, asof)) {
		case RING_ON_TIME:
			f->on_time++;
			break;
		case RING_LATE:
			f->late++;
			break;
		case RING_OVERDUE:
			f->overdue++;
			break;
		case RING_PENDING:
		case RING_BUCKETS:
			f->pending++;
			break;
		}
	}
	sqlite3_finalize(st);
	return src == SQLITE_DONE ? 0 : db_fail(db, src, NULL, err);
}

int db_cases_rings(struct db *db, const struct calendar *cal, const struct ring_limits *lim, const char *from,
		   const char *to, const char *today, struct case_rings *out, char **err)
{
	char now[11], asof[11];
	memset(out, 0, sizeof *out);
	for (int r = 0; r < RING_COUNT; r++)
		out->ring[r].rate = -1;
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (date_to_days(from) < 0 || date_to_days(to) < 0 || strlen(from) != 10 || strlen(to) != 10)
		return db_failf(err, "统计期间有误（%s 至 %s）", from ? from : "", to ? to : "");
	snprintf(asof, sizeof asof, "%s", strcmp(to, today) < 0 ? to : today);
	for (size_t i = 0; i < ARRAY_LEN(cases_ring_queries); i++) {
		const struct cases_ring_query *q = &cases_ring_queries[i];
		int days = q->ring == RING_ASSIGN ? lim->assign_days : lim->followup_days;
		if (cases_ring_count(db, cal, q, days, from, to, asof, &out->ring[q->ring], err) < 0)
			return -1;
	}
	for (int r = 0; r < RING_COUNT; r++) {
		struct case_ring_figures *f = &out->ring[r];
		int64_t n = f->on_time + f->late + f->overdue;
		if (n)
			f->rate = 100.0 * (double)f->on_time / (double)n;
	}
	return 0;
}

int db_cases_rings_explain(struct db *db, int (*cb)(void *ud, const char *line), void *ud, char **err)
{
	for (size_t i = 0; i < ARRAY_LEN(cases_ring_queries); i++) {
		const struct cases_ring_query *q = &cases_ring_queries[i];
		sqlite3_stmt *st = NULL;
		char *sql = xasprintf("EXPLAIN QUERY PLAN %s", q->sql);
		int rc = db_prepare(db, sql, &st, err), src = SQLITE_DONE, stop = 0;
		free(sql);
		if (rc < 0)
			return -1;
		sqlite3_bind_text(st, 1, "2026-10-01", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "2026-12-31", -1, SQLITE_STATIC);
		while (!stop && (src = sqlite3_step(st)) == SQLITE_ROW) {
			char *line = xasprintf("%s: %s", caseflow_ring_label(q->ring), db_column_text(st, 3));
			stop = cb(ud, line);
			free(line);
		}
		sqlite3_finalize(st);
		if (stop)
			return 0;
		if (src != SQLITE_DONE && src != SQLITE_ROW)
			return db_fail(db, src, NULL, err);
	}
	return 0;
}
