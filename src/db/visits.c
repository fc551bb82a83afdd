/* 接待选民登记 in SQL: a visit with its receiving deputies and — for 交办 — its case, all in one
 * transaction; the register list with its filter and counts; returning residents; the month
 * listing for printing. */
#include "db/visits.h"

#include "db/deputies.h"

#include "db/cases.h"
#include "db/internal.h"
#include "db/reception.h"
#include "db/record.h"
#include "db/search.h"

#include "core/case.h"
#include "core/caseflow.h"
#include "core/clock.h"
#include "core/reception.h"
#include "core/text.h"
#include "core/util.h"
#include "core/visit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters of the content an earlier visit shows. */
#define VISITS_EARLIER_CHARS 40

/* VIS_REPLY as read back: the reason of a 不予受理, else the reply (either column as a fallback). */
#define VISITS_REPLY_SQL                                                                                               \
	"CASE WHEN v.handling = '" VISIT_H_REFUSE "' THEN coalesce(v.handling_reason, v.reply)"                        \
	" ELSE coalesce(v.reply, v.handling_reason) END"

/* The receiving deputies' names of visit v, joined with "、" in the order they were set. */
#define VISITS_DEPUTIES_SQL                                                                                            \
	"(SELECT group_concat(name, '、') FROM (SELECT d.name FROM visit_deputies t"                                  \
	" JOIN deputies d ON d.id = t.deputy_id WHERE t.visit_id = v.id ORDER BY t.id))"

/* Bind the values as ?1..?10, VIS_REPLY as ?11 (handling_reason, for 不予受理) or ?12 (reply,
 * otherwise), and the links as ?13 (reception day) and ?14 (case), in the column order of the
 * INSERT and UPDATE below; VIS_SATISFACTION as ?16 (?15 is the id of an UPDATE). Also used by
 * db/imports.c. */
void db_visits_bind(sqlite3_stmt *st, char *const *vals, int64_t rday, int64_t case_id)
{
	bool refuse = !strcmp(vals[VIS_HANDLING], VISIT_H_REFUSE);
	db_bind_text(st, 1, vals[VIS_DATE]);
	db_bind_text(st, 2, vals[VIS_CHANNEL]);
	db_bind_text(st, 3, vals[VIS_NAME]);
	db_bind_text(st, 4, vals[VIS_GENDER]);
	db_bind_text(st, 5, vals[VIS_PHONE]);
	db_bind_text(st, 6, vals[VIS_ADDRESS]);
	sqlite3_bind_int(st, 7, str_empty(vals[VIS_PEOPLE]) ? 1 : atoi(vals[VIS_PEOPLE]));
	db_bind_text(st, 8, vals[VIS_CONTENT]);
	db_bind_text(st, 9, vals[VIS_CATEGORY]);
	db_bind_text(st, 10, vals[VIS_HANDLING]);
	db_bind_text(st, 11, refuse ? vals[VIS_REPLY] : NULL);
	db_bind_text(st, 12, refuse ? NULL : vals[VIS_REPLY]);
	db_bind_text(st, 16, vals[VIS_SATISFACTION]);
	if (rday > 0)
		sqlite3_bind_int64(st, 13, rday);
	else
		sqlite3_bind_null(st, 13);
	if (case_id > 0)
		sqlite3_bind_int64(st, 14, case_id);
	else
		sqlite3_bind_null(st, 14);
}

/* Run a statement returning at most one integer, with ?1 bound to text (when not NULL) or else
 * to num; *out 0 when there is no row. */
static int visits_query_id(struct db *db, const char *sql, int64_t num, const char *text, int64_t *out, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	*out = 0;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, num);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (src == SQLITE_DONE) {
		rc = 0;
	} else {
		db_fail(db, src, &visit_def, err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The reception day of a visit: the one given (it must exist, not deleted), else for a
 * 接待日来访 the day on the visit's date that is not cancelled, else none (0). */
static int visits_reception_day(struct db *db, char *const *vals, int64_t given, int64_t *out, char **err)
{
	int64_t found;
	*out = 0;
	if (given > 0) {
		if (visits_query_id(db, "SELECT id FROM reception_days WHERE id = ?1 AND deleted = 0", given, NULL,
				    &found, err) < 0)
			return -1;
		if (!found)
			return db_failf(err, "所选的接待日不存在或已被删除（编号 %lld）", (long long)given);
		*out = given;
		return 0;
	}
	if (strcmp(vals[VIS_CHANNEL], VISIT_CH_RECEPTION))
		return 0;
	return visits_query_id(db,
			       "SELECT id FROM reception_days WHERE date = ?1 AND deleted = 0"
			       " AND status <> '" RECEPTION_STATUS_CANCELLED "' ORDER BY id LIMIT 1",
			       0, vals[VIS_DATE], out, err);
}

/* Replace the receiving deputies of visit id (inside the caller's transaction). */
static int visits_write_deputies(struct db *db, int64_t id, const int64_t *ids, int n, char **err)
{
	return db_links_replace(db, "visit_deputies", "visit_id", "deputy_id", id, ids, n, err);
}

/* Checks of the links before a write: 走访 has its deputy, the deputies exist, a linked case
 * exists. Returns the reception day to store in *rday. */
static int visits_check_links(struct db *db, int64_t visit_id, char *const *vals, const struct visit_links *l,
			      int64_t *rday, char **err)
{
	const char *e = visit_check_links(vals, l ? l->ndeputies : 0);
	if (e)
		return db_fail_msg(err, e);
	if (l && l->ndeputies < 0)
		return db_fail_msg(err, "接待代表的数目不对");
	if (l &&
	    db_reception_check_deputies(db, l->deputy_ids, l->ndeputies, VISIT_MAX_DEPUTIES, "接待代表",
					"visit_deputies", "visit_id", visit_id, err) < 0)
		return -1;
	if (l && l->case_id > 0) {
		int64_t found;
		if (visits_query_id(db, "SELECT id FROM cases WHERE id = ?1 AND deleted = 0", l->case_id, NULL, &found,
				    err) < 0)
			return -1;
		if (!found)
			return db_failf(err, "要关联的案件不存在或已被删除（编号 %lld）", (long long)l->case_id);
	}
	return visits_reception_day(db, vals, l ? l->reception_day_id : 0, rday, err);
}

/* The values of the case a 交办 visit creates (core/case.h), checked by the case's own rules.
 * Returns NULL with *err set when they do not pass (the message names the field). */
static char **visits_case_values(char *const *vals, const char *today, char **err)
{
	const struct record_def *cdef = case_record();
	const char *msgs[CASEF_NFIELDS];
	char **cv = record_new_values(cdef, today);
	char *summary = visit_summary(vals[VIS_CONTENT]);
	char *contact = xstrndup(vals[VIS_NAME], text_prefix_bytes(vals[VIS_NAME], 40));

	str_set(&cv[CASEF_CATEGORY], vals[VIS_CATEGORY]);
	str_set(&cv[CASEF_SUMMARY], summary);
	str_set(&cv[CASEF_CONTENT], vals[VIS_CONTENT]);
	str_set(&cv[CASEF_RECEIVED], vals[VIS_DATE]);
	str_set(&cv[CASEF_SOURCE], "来访");
	str_set(&cv[CASEF_CONTACT], contact);
	str_set(&cv[CASEF_PHONE], vals[VIS_PHONE]);
	free(summary);
	free(contact);
	if (record_check(cdef, cv, today, msgs)) {
		for (int i = 0; i < CASEF_NFIELDS; i++)
			if (msgs[i]) {
				db_failf(err, "无法生成交办案件：%s：%s", cdef->fields[i].label, msgs[i]);
				break;
			}
		record_free_values(cdef, cv);
		return NULL;
	}
	return cv;
}

/* ===== The one call into the case module (db/cases.h) =====
 * Create the case of 交办 visit visit_id inside the caller's transaction, and assign it when a
 * unit is given. Any failure returns -1 and the caller rolls the whole visit back. */
static int visits_create_case(struct db *db, const struct visit_ctx *ctx, int64_t visit_id, char *const *vals,
			      const struct visit_links *l, int64_t *case_id, char **notice, char **err)
{
	char today[11];
	int rc = -1;

	*case_id = 0;
	if (ctx && ctx->today)
		snprintf(today, sizeof today, "%s", ctx->today);
	else
		clock_today(today);
	if (!ctx || !ctx->cfg)
		return db_fail_msg(err, "无法生成交办案件：缺少联络站设置");
	char **cv = visits_case_values(vals, today, err);
	if (!cv)
		return -1;
	struct case_links cl = { .visit_id = visit_id };
	if (db_cases_create(db, ctx->cfg->station_code, cv, &cl, today, case_id, NULL, err) < 0)
		goto out;
	if (l && l->unit_id > 0) {
		struct case_action a = {
			.event = CE_ASSIGN,
			.date = vals[VIS_DATE],
			.unit_id = l->unit_id,
			.workdays = l->due_days,
		};
		struct refusal why = { 0 };
		if (db_cases_act(db, *case_id, &a, ctx->cal, ctx->cfg->case_days, today, notice, &why) < 0) {
			refusal_move(&why, err);
			goto out;
		}
	}
	rc = 0;
out:
	if (rc < 0)
		*case_id = 0;
	record_free_values(case_record(), cv);
	return rc;
}

int db_visits_insert(struct db *db, const struct visit_ctx *ctx, char *const *vals, const struct visit_links *links,
		     int64_t *id, int64_t *case_id, char **notice, char **err)
{
	sqlite3_stmt *st = NULL;
	int64_t rday = 0, new_id = 0, cid = links ? links->case_id : 0;
	int rc = -1;

	*id = 0;
	if (case_id)
		*case_id = 0;
	if (notice)
		*notice = NULL;
	if (db_begin(db, err) < 0)
		return -1;
	if (visits_check_links(db, 0, vals, links, &rday, err) < 0)
		goto rollback;
	if (db_prepare(
		    db,
		    "INSERT INTO visits (date, channel, visitor_name, visitor_gender, visitor_phone, visitor_address,"
		    " people, content, category, handling, handling_reason, reply, reception_day_id, case_id,"
		    " satisfaction) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16)",
		    &st, err) < 0)
		goto rollback;
	db_visits_bind(st, vals, rday, cid);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, &visit_def, err);
		goto rollback;
	}
	new_id = sqlite3_last_insert_rowid(db_handle(db));
	if (visits_write_deputies(db, new_id, links ? links->deputy_ids : NULL, links ? links->ndeputies : 0, err) < 0)
		goto rollback;
	if (!cid && !strcmp(vals[VIS_HANDLING], VISIT_H_ASSIGN) &&
	    visits_create_case(db, ctx, new_id, vals, links, &cid, notice, err) < 0)
		goto rollback;
	sqlite3_finalize(st);
	st = NULL;
	if (db_commit(db, err) < 0)
		goto fail;
	*id = new_id;
	if (case_id)
		*case_id = cid;
	return 0;
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
fail:
	if (notice) {
		free(*notice);
		*notice = NULL;
	}
	return rc;
}

int db_visits_update(struct db *db, const struct visit_ctx *ctx, int64_t id, char *const *vals,
		     const struct visit_links *links, char **notice, char **err)
{
	sqlite3_stmt *st = NULL;
	int64_t rday = 0, cid = 0, own = 0;
	int rc = -1;

	if (notice)
		*notice = NULL;
	if (db_begin(db, err) < 0)
		return -1;
	if (visits_query_id(db, "SELECT id FROM visits WHERE id = ?1 AND deleted = 0", id, NULL, &own, err) < 0)
		goto rollback;
	if (!own) {
		db_failf(err, "找不到这条来访记录（编号 %lld），可能已被删除", (long long)id);
		goto rollback;
	}
	/* A link to a deleted case counts as none, so a 交办 visit whose case was deleted gets a new one. */
	if (visits_query_id(db,
			    "SELECT coalesce((SELECT c.id FROM cases c WHERE c.id = v.case_id AND c.deleted = 0), 0)"
			    " FROM visits v WHERE v.id = ?1",
			    id, NULL, &cid, err) < 0)
		goto rollback;
	/* The case created from this visit, if any: the visit stays 交办 while it exists. */
	if (visits_query_id(db, "SELECT id FROM cases WHERE visit_id = ?1 AND deleted = 0 ORDER BY id LIMIT 1", id,
			    NULL, &own, err) < 0)
		goto rollback;
	if (own && strcmp(vals[VIS_HANDLING], VISIT_H_ASSIGN)) {
		char *no = NULL;
		sqlite3_stmt *q = NULL;
		if (db_prepare(db, "SELECT case_no FROM cases WHERE id = ?1", &q, NULL) == 0) {
			sqlite3_bind_int64(q, 1, own);
			if (sqlite3_step(q) == SQLITE_ROW)
				no = xstrdup(db_column_text(q, 0));
		}
		sqlite3_finalize(q);
		db_failf(err, "这次来访已交办为案件 %s，处理方式不能改为%s；请在意见建议办理簿中办理该案件",
			 no ? no : "", vals[VIS_HANDLING]);
		free(no);
		goto rollback;
	}
	if (visits_check_links(db, id, vals, links, &rday, err) < 0)
		goto rollback;
	if (links && links->case_id > 0)
		cid = links->case_id;
	if (db_prepare(db,
		       "UPDATE visits SET date = ?1, channel = ?2, visitor_name = ?3, visitor_gender = ?4,"
		       " visitor_phone = ?5, visitor_address = ?6, people = ?7, content = ?8, category = ?9,"
		       " handling = ?10, handling_reason = ?11, reply = ?12, reception_day_id = ?13, case_id = ?14,"
		       " satisfaction = ?16, updated_at = " DB_NOW_SQL " WHERE id = ?15 AND deleted = 0",
		       &st, err) < 0)
		goto rollback;
	db_visits_bind(st, vals, rday, cid);
	sqlite3_bind_int64(st, 15, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, &visit_def, err);
		goto rollback;
	}
	if (visits_write_deputies(db, id, links ? links->deputy_ids : NULL, links ? links->ndeputies : 0, err) < 0)
		goto rollback;
	if (!cid && !strcmp(vals[VIS_HANDLING], VISIT_H_ASSIGN) &&
	    visits_create_case(db, ctx, id, vals, links, &cid, notice, err) < 0)
		goto rollback;
	sqlite3_finalize(st);
	st = NULL;
	if (db_commit(db, err) < 0)
		goto fail;
	return 0;
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
fail:
	if (notice) {
		free(*notice);
		*notice = NULL;
	}
	return rc;
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
	free(v->suggestion_no);
	free(v->suggestion_title);
	free(v->created_at);
	free(v->updated_at);
	memset(v, 0, sizeof *v);
}

/* The receiving deputies of v->id into v. */
static int visits_load_deputies(struct db *db, struct visit_info *v, char **err)
{
	return db_deputies_linked(db, "visit_deputies", "visit_id", v->id, &v->deputy_ids, &v->deputy_names,
				  &v->ndeputies, &v->deputy_text, err);
}

int db_visits_get(struct db *db, int64_t id, struct visit_info *out, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (db_prepare(db,
		       "SELECT v.date, v.channel, v.visitor_name, v.visitor_gender, v.visitor_phone, v.visitor_address,"
		       " v.people, v.content, v.category, v.handling, " VISITS_REPLY_SQL ", v.satisfaction,"
		       " coalesce(r.id, 0), r.date, coalesce(c.id, 0), c.case_no, c.status, v.created_at, v.updated_at,"
		       " coalesce(s.id, 0), s.suggestion_no, s.title"
		       " FROM visits v LEFT JOIN reception_days r ON r.id = v.reception_day_id AND r.deleted = 0"
		       " LEFT JOIN cases c ON c.id = v.case_id AND c.deleted = 0"
		       " LEFT JOIN visit_suggestions vs ON vs.visit_id = v.id"
		       " LEFT JOIN suggestions s ON s.id = vs.suggestion_id AND s.deleted = 0"
		       " WHERE v.id = ?1 AND v.deleted = 0",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		db_failf(err, "找不到这条来访记录（编号 %lld），可能已被删除", (long long)id);
		goto out;
	}
	if (src != SQLITE_ROW) {
		db_fail(db, src, &visit_def, err);
		goto out;
	}
	out->id = id;
	out->vals = xcalloc(VIS_NFIELDS, sizeof(char *));
	for (int i = 0; i < VIS_NFIELDS; i++)
		out->vals[i] = xstrdup(db_column_text(st, i));
	out->reception_day_id = sqlite3_column_int64(st, 12);
	snprintf(out->reception_date, sizeof out->reception_date, "%s", db_column_text(st, 13));
	out->case_id = sqlite3_column_int64(st, 14);
	out->case_no = xstrdup(db_column_text(st, 15));
	out->case_status = xstrdup(db_column_text(st, 16));
	out->created_at = xstrdup(db_column_text(st, 17));
	out->updated_at = xstrdup(db_column_text(st, 18));
	out->suggestion_id = sqlite3_column_int64(st, 19);
	out->suggestion_no = xstrdup(db_column_text(st, 20));
	out->suggestion_title = xstrdup(db_column_text(st, 21));
	rc = visits_load_deputies(db, out, err);
out:
	sqlite3_finalize(st);
	if (rc < 0)
		db_visit_info_free(out);
	return rc;
}

bool db_visits_month_ok(const char *month)
{
	char iso[11];
	if (!month || strlen(month) != 7)
		return false;
	snprintf(iso, sizeof iso, "%s-01", month);
	return date_to_days(iso) != -1 && month[4] == '-';
}

/* A filter as SQL: the WHERE clause (only the conditions that are set, so the indexes serve
 * them) and its parameters, bound in order by visits_where_bind(). */
#define VISITS_WHERE_MAX 16 /* parameters of a filter; struct visit_filter has fewer */

struct visits_where {
	struct strbuf sql;
	int n;                              /* parameters */
	const char *text[VISITS_WHERE_MAX]; /* text parameters (owned copies in own[]) or NULL */
	int64_t num[VISITS_WHERE_MAX];
	bool is_num[VISITS_WHERE_MAX];
	char *own[VISITS_WHERE_MAX];
};

static void visits_where_add_text(struct visits_where *w, const char *cond, const char *val, bool copy)
{
	if (w->n + 1 >= VISITS_WHERE_MAX)
		die("visits filter: more than %d parameters", VISITS_WHERE_MAX - 1);
	w->n++;
	sb_addf(&w->sql, " AND ");
	for (const char *p = cond; *p; p++) {
		if (*p == '?')
			sb_addf(&w->sql, "?%d", w->n);
		else
			sb_addc(&w->sql, *p);
	}
	w->own[w->n - 1] = copy ? xstrdup(val) : NULL;
	w->text[w->n - 1] = copy ? w->own[w->n - 1] : val;
	w->is_num[w->n - 1] = false;
}

static void visits_where_add_num(struct visits_where *w, const char *cond, int64_t val)
{
	visits_where_add_text(w, cond, NULL, false);
	w->num[w->n - 1] = val;
	w->is_num[w->n - 1] = true;
}

/* Keyset paging: rows after (date, id) in the list order (date DESC, id DESC), as a row value
 * the visits_date index answers by a range, with no OFFSET to skip. */
static void visits_where_add_before(struct visits_where *w, const char *date, int64_t id)
{
	if (w->n + 2 >= VISITS_WHERE_MAX)
		die("visits filter: more than %d parameters", VISITS_WHERE_MAX - 1);
	sb_addf(&w->sql, " AND (v.date, v.id) < (?%d, ?%d)", w->n + 1, w->n + 2);
	w->own[w->n] = xstrdup(date);
	w->text[w->n] = w->own[w->n];
	w->is_num[w->n] = false;
	w->n++;
	w->num[w->n] = id;
	w->is_num[w->n] = true;
	w->n++;
}

/* Build the WHERE of f (NULL: all visits not deleted), the text through the full-text index when
 * use_index and it has 3+ characters, else LIKE (db/search.h). A bad month is an error. */
static int visits_where_build(const struct visit_filter *f, bool use_index, struct visits_where *w, char **err)
{
	memset(w, 0, sizeof *w);
	sb_init(&w->sql);
	sb_add(&w->sql, " WHERE v.deleted = 0");
	if (!f)
		return 0;
	if (!str_empty(f->month)) {
		if (!db_visits_month_ok(f->month))
			return db_failf(err, "月份应写成 2026-10 这样：%s", f->month);
		char *from = xasprintf("%s-01", f->month), *to = xasprintf("%s-31", f->month);
		visits_where_add_text(w, "v.date >= ?", from, true);
		visits_where_add_text(w, "v.date <= ?", to, true);
		free(from);
		free(to);
	}
	if (!str_empty(f->date_from))
		visits_where_add_text(w, "v.date >= ?", f->date_from, true);
	if (!str_empty(f->date_to))
		visits_where_add_text(w, "v.date <= ?", f->date_to, true);
	if (!str_empty(f->before_date))
		visits_where_add_before(w, f->before_date, f->before_id);
	if (f->reception_day_id > 0)
		visits_where_add_num(w, "v.reception_day_id = ?", f->reception_day_id);
	/* With a date range the dates narrow best (visits_date) and each row is checked against
	 * UNIQUE (visit_id, deputy_id); without one, the deputy's visits come from its index. */
	if (f->deputy_id > 0 && w->n > 0)
		visits_where_add_num(
			w, "EXISTS (SELECT 1 FROM visit_deputies t WHERE t.visit_id = v.id AND t.deputy_id = ?)",
			f->deputy_id);
	else if (f->deputy_id > 0)
		visits_where_add_num(w, "v.id IN (SELECT visit_id FROM visit_deputies WHERE deputy_id = ?)",
				     f->deputy_id);
	if (!str_empty(f->category))
		visits_where_add_text(w, "v.category = ?", f->category, true);
	if (!str_empty(f->channel))
		visits_where_add_text(w, "v.channel = ?", f->channel, true);
	if (!str_empty(f->handling))
		visits_where_add_text(w, "v.handling = ?", f->handling, true);
	char *text = xstrdup(f->text ? f->text : "");
	str_trim(text);
	enum search_route route = search_route(text);
	if (route != SEARCH_NONE && use_index) {
		char *phrase = search_fts_match(text);
		visits_where_add_text(w, "v.id IN (SELECT rowid FROM visits_fts WHERE visits_fts MATCH ?)", phrase, true);
		free(phrase);
	} else if (route != SEARCH_NONE) {
		bool plain = search_instr_ok(text); /* no ASCII letter: instr() finds what LIKE finds */
		char *like = plain ? xstrdup(text) : db_rec_like(text);
		/* One parameter, used three times. */
		if (w->n + 1 >= VISITS_WHERE_MAX)
			die("visits filter: more than %d parameters", VISITS_WHERE_MAX - 1);
		w->n++;
		if (plain)
			sb_addf(&w->sql,
				" AND (instr(v.content, ?%d) OR instr(v.visitor_name, ?%d) OR instr(v.visitor_phone, ?%d))",
				w->n, w->n, w->n);
		else
			sb_addf(&w->sql,
				" AND (v.content LIKE ?%d ESCAPE '\\' OR v.visitor_name LIKE ?%d ESCAPE '\\'"
				" OR v.visitor_phone LIKE ?%d ESCAPE '\\')",
				w->n, w->n, w->n);
		w->own[w->n - 1] = like;
		w->text[w->n - 1] = like;
		w->is_num[w->n - 1] = false;
	}
	free(text);
	return 0;
}

static void visits_where_bind(sqlite3_stmt *st, const struct visits_where *w)
{
	for (int i = 0; i < w->n; i++) {
		if (w->is_num[i])
			sqlite3_bind_int64(st, i + 1, w->num[i]);
		else
			sqlite3_bind_text(st, i + 1, w->text[i], -1, SQLITE_STATIC);
	}
}

static void visits_where_free(struct visits_where *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->own[i]);
	sb_free(&w->sql);
}

/* A count or a page, as search_run() runs it (with or without the full-text index). */
struct visits_query {
	struct db *db;
	const struct visit_filter *f;
	int64_t *visits, *people;  /* a count's results */
	const char *order;         /* a page's order, offset, limit, rows */
	int64_t offset;
	int limit;
	visit_row_cb cb;
	void *ud;
	int64_t passed;            /* rows passed to cb by an earlier run (skipped by the next) */
	const char *ids;           /* a page: read these rows (db->found_ids) instead of the filter */
};

/* A count of a typed text that finds at most this many rows keeps their ids for the page. */
#define VISITS_FOUND_MAX 64

/* Everything of a filter that decides its rows (not the paging fields nor the cap). New string. */
static char *visits_filter_key(const struct visit_filter *f)
{
	char *t = xstrdup(f->text ? f->text : "");
	str_trim(t);
	char *k = xasprintf("%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%lld\x1f%s\x1f%s\x1f%s", t, f->month ? f->month : "",
			    f->date_from ? f->date_from : "", f->date_to ? f->date_to : "", (long long)f->reception_day_id,
			    (long long)f->deputy_id, f->category ? f->category : "", f->channel ? f->channel : "",
			    f->handling ? f->handling : "");
	free(t);
	return k;
}

static void visits_found_forget(struct db *db)
{
	free(db->found_key);
	free(db->found_ids);
	db->found_key = db->found_ids = NULL;
}

static int visits_count_run(void *ud, bool use_index, char **err)
{
	struct visits_query *q = ud;
	const struct visit_filter *f = q->f;
	int64_t *visits = q->visits, *people = q->people;
	struct db *db = q->db;
	sqlite3_stmt *st = NULL;
	struct visits_where w;
	char *sql = NULL;
	int rc = -1;
	bool capped = f && f->count_cap > 0;

	if (visits)
		*visits = 0;
	if (people)
		*people = 0;
	if (visits_where_build(f, use_index, &w, err) < 0)
		goto out;
	/* A capped count (a typed text) reads the rows themselves, up to the cap: when they are few,
	 * their ids serve the page that follows. */
	if (capped)
		sql = xasprintf("SELECT v.id, v.people FROM visits v%s LIMIT %lld", w.sql.buf, (long long)f->count_cap + 1);
	else
		sql = xasprintf("SELECT count(*), coalesce(sum(v.people), 0) FROM visits v%s", w.sql.buf);
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	visits_where_bind(st, &w);
	if (!capped) {
		int src = sqlite3_step(st);
		if (src != SQLITE_ROW) {
			db_fail(db, src, &visit_def, err);
			goto out;
		}
		if (visits)
			*visits = sqlite3_column_int64(st, 0);
		if (people)
			*people = sqlite3_column_int64(st, 1);
		rc = 0;
		goto out;
	}
	int64_t n = 0, sum = 0;
	struct strbuf ids;
	sb_init(&ids);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n < VISITS_FOUND_MAX)
			sb_addf(&ids, "%s%lld", n ? "," : "", (long long)sqlite3_column_int64(st, 0));
		n++;
		if (n <= f->count_cap)
			sum += sqlite3_column_int64(st, 1);
	}
	if (src != SQLITE_DONE) {
		sb_free(&ids);
		db_fail(db, src, &visit_def, err);
		goto out;
	}
	rc = n > f->count_cap ? 1 : 0;
	if (visits)
		*visits = rc ? f->count_cap : n;
	if (people)
		*people = sum;
	visits_found_forget(db);
	if (n <= VISITS_FOUND_MAX) {
		db->found_key = visits_filter_key(f);
		db->found_ids = sb_take(&ids);
		db->found_stamp = db_change_stamp(db);
	} else {
		sb_free(&ids);
	}
out:
	sqlite3_finalize(st);
	free(sql);
	visits_where_free(&w);
	return rc;
}

/* A filter that only narrows the dates (or nothing): its totals are sums of visit_days. */
static bool visits_dates_only(const struct visit_filter *f)
{
	if (!f)
		return true;
	char *t = xstrdup(f->text ? f->text : "");
	str_trim(t);
	bool plain = !*t && !f->reception_day_id && !f->deputy_id && str_empty(f->category) &&
		     str_empty(f->channel) && str_empty(f->handling) &&
		     (str_empty(f->month) || (db_visits_month_ok(f->month) && str_empty(f->date_from) &&
						str_empty(f->date_to)));
	free(t);
	return plain;
}

/* The dates a filter keeps ("" : no bound): its month, else its range (a month with a range
 * too: the month, the range narrows further). */
static void visits_scope(const struct visit_filter *f, char from[11], char to[11])
{
	*from = *to = 0;
	if (f && !str_empty(f->month) && db_visits_month_ok(f->month)) {
		snprintf(from, 11, "%.7s-01", f->month);
		snprintf(to, 11, "%.7s-31", f->month);
	} else if (f) {
		snprintf(from, 11, "%.10s", f->date_from ? f->date_from : "");
		snprintf(to, 11, "%.10s", f->date_to ? f->date_to : "");
	}
}

int db_visits_count(struct db *db, const struct visit_filter *f, int64_t *visits, int64_t *people, char **err)
{
	char from[11], to[11];
	visits_scope(f, from, to);
	if (visits_dates_only(f))
		return db_day_sums(db, "visit_days", "visits", "people", from, to, visits, people, err);
	struct visits_query q = { .db = db, .f = f, .visits = visits, .people = people };
	return search_run(db, "visits_fts", f ? f->text : NULL, f && f->count_cap > 0 ? f->count_cap + 1 : -1, from, to,
			  visits_count_run, &q, err);
}

/* Rows of the filter in the given order, LIMIT/OFFSET, to cb (after the q->passed rows an
 * earlier run passed on already). */
static int visits_rows_run(void *ud, bool use_index, char **err)
{
	struct visits_query *q = ud;
	struct db *db = q->db;
	const struct visit_filter *f = q->f;
	int64_t offset = q->offset, seen = 0;
	int limit = q->limit;
	sqlite3_stmt *st = NULL;
	struct visits_where w;
	char *sql = NULL;
	int rc = -1, src;

	if (q->ids) { /* the rows a count just found (visits_rows) */
		memset(&w, 0, sizeof w);
		sb_init(&w.sql);
		sb_addf(&w.sql, " WHERE v.id IN (%s)", q->ids);
	} else if (visits_where_build(f, use_index, &w, err) < 0)
		goto out;
	sql = xasprintf("SELECT v.id, v.date, v.channel, v.visitor_name, v.visitor_gender, v.visitor_phone,"
			" v.visitor_address, v.people, v.content, v.category, v.handling, %s, %s,"
			" coalesce(c.id, 0), c.case_no, c.status"
			" FROM visits v LEFT JOIN cases c ON c.id = v.case_id AND c.deleted = 0%s"
			" ORDER BY %s LIMIT ?%d OFFSET ?%d",
			VISITS_REPLY_SQL, VISITS_DEPUTIES_SQL, w.sql.buf, q->order, w.n + 1, w.n + 2);
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	visits_where_bind(st, &w);
	sqlite3_bind_int(st, w.n + 1, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, w.n + 2, offset < 0 ? 0 : offset);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct visit_row r = {
			.id = sqlite3_column_int64(st, 0),
			.date = db_column_text(st, 1),
			.channel = db_column_text(st, 2),
			.name = db_column_text(st, 3),
			.gender = db_column_text(st, 4),
			.phone = db_column_text(st, 5),
			.address = db_column_text(st, 6),
			.people = sqlite3_column_int(st, 7),
			.content = db_column_text(st, 8),
			.category = db_column_text(st, 9),
			.handling = db_column_text(st, 10),
			.reply = db_column_text(st, 11),
			.deputy_text = db_column_text(st, 12),
			.case_id = sqlite3_column_int64(st, 13),
			.case_no = db_column_text(st, 14),
			.case_status = db_column_text(st, 15),
		};
		if (seen++ < q->passed)
			continue;
		q->passed++;
		if (q->cb(q->ud, &r))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		db_fail(db, src, &visit_def, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	visits_where_free(&w);
	return rc;
}

static int visits_rows(struct db *db, const struct visit_filter *f, const char *order, int64_t offset, int limit,
		       visit_row_cb cb, void *ud, char **err)
{
	struct visits_query q = {
		.db = db, .f = f, .order = order, .offset = offset, .limit = limit, .cb = cb, .ud = ud
	};
	if (f && str_empty(f->before_date) && db->found_key && db->found_stamp == db_change_stamp(db)) {
		char *key = visits_filter_key(f);
		bool same = !strcmp(key, db->found_key);
		free(key);
		if (same) {
			if (!*db->found_ids)
				return 0; /* the count found nothing */
			q.ids = db->found_ids;
			return visits_rows_run(&q, false, err);
		}
	}
	char from[11], to[11];
	visits_scope(f, from, to);
	return search_run(db, "visits_fts", f ? f->text : NULL, limit < 0 ? -1 : (offset > 0 ? offset : 0) + limit, from,
			  to, visits_rows_run, &q, err);
}

int db_visits_page(struct db *db, const struct visit_filter *f, int64_t offset, int limit, visit_row_cb cb, void *ud,
		   char **err)
{
	return visits_rows(db, f, "v.date DESC, v.id DESC", offset, limit, cb, ud, err);
}

int db_visits_page_from_end(struct db *db, const struct visit_filter *f, int64_t offset, int limit, visit_row_cb cb,
			    void *ud, char **err)
{
	return visits_rows(db, f, "v.date, v.id", offset, limit, cb, ud, err);
}

int db_visits_month(struct db *db, const char *month, visit_row_cb cb, void *ud, char **err)
{
	struct visit_filter f = { .month = month };
	if (!db_visits_month_ok(month))
		return db_failf(err, "月份应写成 2026-10 这样：%s", month ? month : "");
	return visits_rows(db, &f, "v.date, v.id", 0, -1, cb, ud, err);
}

int db_visits_first_year(struct db *db, int *year, char **err)
{
	int64_t y = 0;
	/* MIN over the date index: one index seek. */
	if (db_query_int(db, "SELECT coalesce(CAST(substr(min(date), 1, 4) AS INTEGER), 0) FROM visits", &y, err) < 0)
		return -1;
	*year = (int)y;
	return 0;
}

int db_visits_earlier(struct db *db, const char *phone, const char *name, int64_t exclude_id, int limit,
		      visit_earlier_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	bool by_phone = !str_empty(phone);
	int rc = -1, n = 0, src;

	if (!by_phone && (str_empty(name) || !strcmp(name, VISIT_ANONYMOUS)))
		return 0;
	char *sql =
		xasprintf("SELECT v.id, v.date, v.visitor_name, v.visitor_phone, v.channel, v.handling,"
			  " replace(replace(substr(v.content, 1, %d), char(10), ' '), char(13), ' '),"
			  " coalesce(c.id, 0), c.case_no, c.status"
			  " FROM visits v LEFT JOIN cases c ON c.id = v.case_id AND c.deleted = 0"
			  " WHERE %s = ?1 AND v.deleted = 0 AND v.id <> ?2 ORDER BY v.date DESC, v.id DESC LIMIT ?3",
			  VISITS_EARLIER_CHARS, by_phone ? "v.visitor_phone" : "v.visitor_name");
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	sqlite3_bind_text(st, 1, by_phone ? phone : name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, exclude_id);
	sqlite3_bind_int(st, 3, limit < 0 ? -1 : limit);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct visit_earlier e = {
			.id = sqlite3_column_int64(st, 0),
			.date = db_column_text(st, 1),
			.name = db_column_text(st, 2),
			.phone = db_column_text(st, 3),
			.channel = db_column_text(st, 4),
			.handling = db_column_text(st, 5),
			.content = db_column_text(st, 6),
			.case_id = sqlite3_column_int64(st, 7),
			.case_no = db_column_text(st, 8),
			.case_status = db_column_text(st, 9),
		};
		e.case_open = e.case_id && strcmp(e.case_status, "办结");
		n++;
		if (cb && cb(ud, &e))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE) {
		db_fail(db, src, &visit_def, err);
		goto out;
	}
	rc = n;
out:
	sqlite3_finalize(st);
	free(sql);
	return rc;
}
