/* 代表建议 in SQL: the suggestion row, its co-sponsors and linked cases (ids, checked), the
 * handling actions, the list with its filter, and the suggestions of a case.
 * See db/suggestions.h for the contracts. */
#include "db/suggestions.h"

#include "db/internal.h"
#include "db/deputies.h"
#include "db/record.h"

#include "core/clock.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the records a suggestion links ---- */

/* Each returns a row when id (?1) may be linked to suggestion ?2 (0: a new one): a row that is
 * not deleted, or one the suggestion has already (an old suggestion can be saved again). */
static const char sug_deputy_ok_sql[] =
	"SELECT name FROM deputies WHERE id = ?1 AND (deleted = 0 OR id IN (SELECT lead_deputy_id FROM suggestions"
	" WHERE id = ?2 UNION SELECT deputy_id FROM suggestion_deputies WHERE suggestion_id = ?2))";
static const char sug_case_ok_sql[] = "SELECT case_no FROM cases WHERE id = ?1 AND (deleted = 0 OR id IN"
				      " (SELECT case_id FROM suggestion_cases WHERE suggestion_id = ?2))";
static const char sug_unit_ok_sql[] = "SELECT name FROM units WHERE id = ?1 AND (deleted = 0 OR id ="
				      " (SELECT unit_id FROM suggestions WHERE id = ?2))";

/* 1 if the row may be linked (*name, if not NULL, gets its name: new string), 0 if not, -1 on
 * an error. */
static int sug_link_ok(struct db *db, const char *sql, int64_t id, int64_t sug_id, char **name, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, sug_id);
	int src = sqlite3_step(st), rc = src == SQLITE_ROW ? 1 : 0;
	if (src == SQLITE_ROW && name)
		*name = xstrdup(db_column_text(st, 0));
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* The ids of a suggestion's links, checked and without repeats. */
struct sug_links {
	int64_t lead, unit;
	int64_t *deps;
	int ndeps;
	int64_t *cases;
	int ncases;
};

static void sug_links_free(struct sug_links *l)
{
	free(l->deps);
	free(l->cases);
	memset(l, 0, sizeof *l);
}

/* Copy ids into *out without repeats; each must pass sql (else "<label>：<gone>"). */
static int sug_check_ids(struct db *db, int64_t sug_id, const char *sql, const int64_t *ids, int n, int max,
			 const char *label, const char *gone, int64_t **out, int *nout, char **err)
{
	*out = xcalloc((size_t)(n ? n : 1), sizeof(int64_t));
	*nout = 0;
	for (int i = 0; i < n; i++) {
		bool seen = false;
		for (int j = 0; j < *nout && !seen; j++)
			seen = (*out)[j] == ids[i];
		if (!seen)
			(*out)[(*nout)++] = ids[i];
	}
	if (*nout > max)
		return db_failf(err, "%s最多 %d %s", label, max, sql == sug_case_ok_sql ? "件" : "位");
	for (int i = 0; i < *nout; i++) {
		int ok = sug_link_ok(db, sql, (*out)[i], sug_id, NULL, err);
		if (ok <= 0)
			return ok < 0 ? -1 : db_failf(err, "%s：%s", label, gone);
	}
	return 0;
}

static int sug_check_deputies(struct db *db, int64_t sug_id, const struct suggestion_ids *in, struct sug_links *l,
			      const char **field, char **err)
{
	char *name = NULL;
	*field = suggestion_def.fields[SUG_LEAD].col;
	if (in->lead_id <= 0)
		return db_fail_msg(err, "必填项为空：领衔代表");
	int ok = sug_link_ok(db, sug_deputy_ok_sql, in->lead_id, sug_id, &name, err);
	if (ok <= 0)
		return ok < 0 ? -1 : db_fail_msg(err, "领衔代表：这位代表不在名册中或已被删除");
	l->lead = in->lead_id;
	*field = suggestion_def.fields[SUG_COSPONSORS].col;
	int rc = sug_check_ids(db, sug_id, sug_deputy_ok_sql, in->cosponsor_ids, in->ncosponsors,
			       SUGGESTION_MAX_COSPONSORS, "附议代表", "有代表不在名册中或已被删除", &l->deps, &l->ndeps,
			       err);
	for (int i = 0; rc == 0 && i < l->ndeps; i++)
		if (l->deps[i] == l->lead)
			rc = db_failf(err, "附议代表：「%s」已是领衔代表，不必再附议", name);
	free(name);
	return rc;
}

/* Check the ids of a save (sug_id 0 for a new suggestion). */
static int sug_check_links(struct db *db, int64_t sug_id, const struct suggestion_ids *in, struct sug_links *l,
			   const char **field, char **err)
{
	memset(l, 0, sizeof *l);
	if (sug_check_deputies(db, sug_id, in, l, field, err) < 0)
		goto fail;
	*field = suggestion_def.fields[SUG_UNIT].col;
	if (in->unit_id) {
		int ok = sug_link_ok(db, sug_unit_ok_sql, in->unit_id, sug_id, NULL, err);
		if (ok <= 0) {
			if (ok == 0)
				db_fail_msg(err, "承办单位：这个单位不在承办单位中或已被删除");
			goto fail;
		}
		l->unit = in->unit_id;
	}
	*field = suggestion_def.fields[SUG_CASES].col;
	if (sug_check_ids(db, sug_id, sug_case_ok_sql, in->case_ids, in->ncases, SUGGESTION_MAX_CASES, "关联案件",
			  "有案件不存在或已被删除", &l->cases, &l->ncases, err) < 0)
		goto fail;
	*field = NULL;
	return 0;
fail:
	sug_links_free(l);
	return -1;
}

/* ---- link tables ---- */

/* Make a link table hold exactly ids for the suggestion (nothing written if it already does). */
static int sug_set_links(struct db *db, const char *table, const char *col, int64_t sug_id, const int64_t *ids, int n,
			 char **err)
{
	return db_links_replace(db, table, "suggestion_id", col, sug_id, ids, n, err);
}

static int sug_write_links(struct db *db, int64_t sug_id, const struct sug_links *l, char **err)
{
	if (sug_set_links(db, "suggestion_deputies", "deputy_id", sug_id, l->deps, l->ndeps, err) < 0)
		return -1;
	return sug_set_links(db, "suggestion_cases", "case_id", sug_id, l->cases, l->ncases, err);
}

/* ---- state ---- */

static void sug_copy_date(char out[11], const char *s) { snprintf(out, 11, "%s", s); }

static int sug_load_state(struct db *db, int64_t id, struct suggestion_state *s, char **err)
{
	static const char sql[] =
		"SELECT status, date, unit_id, assigned_date, due_date, extensions, reply_date, result, followup_date,"
		" closed_date, satisfaction, redo_count, redone_date,"
		" (SELECT max(coalesce(e.date, substr(e.at, 1, 10))) FROM suggestion_events e WHERE e.suggestion_id = "
		"?1)"
		" FROM suggestions WHERE id = ?1 AND deleted = 0";
	sqlite3_stmt *st = NULL;
	int rc = -1;

	memset(s, 0, sizeof *s);
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		int status = suggestion_status_parse(db_column_text(st, 0));
		s->status = status < 0 ? SS_RAISED : (enum suggestion_status)status;
		sug_copy_date(s->date, db_column_text(st, 1));
		s->unit_id = sqlite3_column_int64(st, 2);
		sug_copy_date(s->assigned, db_column_text(st, 3));
		sug_copy_date(s->due, db_column_text(st, 4));
		s->extensions = sqlite3_column_int(st, 5);
		sug_copy_date(s->reply, db_column_text(st, 6));
		s->result = db_column_text(st, 7)[0];
		sug_copy_date(s->followup, db_column_text(st, 8));
		sug_copy_date(s->closed, db_column_text(st, 9));
		s->satisfaction = case_sat_parse(db_column_text(st, 10));
		s->redo_count = sqlite3_column_int(st, 11);
		sug_copy_date(s->redone, db_column_text(st, 12));
		sug_copy_date(s->last, db_column_text(st, 13));
		rc = 0;
	} else if (src == SQLITE_DONE) {
		db_failf(err, "找不到这条代表建议（编号 %lld），可能已被删除", (long long)id);
	} else {
		db_fail(db, src, &suggestion_def, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_suggestions_state(struct db *db, int64_t id, struct suggestion_state *out, char **err)
{
	return sug_load_state(db, id, out, err);
}

/* Refuse values whose handling fields do not fit the state: "<label>：<message>；...". */
static int sug_check_edit(const struct suggestion_state *s, char *const *vals, const char **field, char **err)
{
	const char *msgs[SUG_NFIELDS] = { 0 };
	if (suggestion_check_edit(s, vals, msgs) == 0)
		return 0;
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < SUG_NFIELDS; i++)
		if (msgs[i]) {
			if (!sb.len)
				*field = suggestion_def.fields[i].col; /* the first field refused */
			sb_addf(&sb, "%s%s：%s", sb.len ? "；" : "", suggestion_def.fields[i].label, msgs[i]);
		}
	if (err)
		*err = sb_take(&sb);
	else
		sb_free(&sb);
	return -1;
}

/* ---- insert, update, delete ---- */

static int sug_raised_event(struct db *db, int64_t sug_id, const char *date, char **err);
static int sug_link_visit(struct db *db, int64_t sug_id, int64_t visit_id, char **err);

/* Bind the stored columns of vals as ?1..?12 in the order of sug_cols_sql. */
static const char sug_cols_sql[] = "suggestion_no, title, content, lead_deputy_id, date, category, unit_id,"
				   " due_date, reply_date, reply, result, satisfaction";

static void sug_bind_vals(sqlite3_stmt *st, char *const *vals, const struct sug_links *l)
{
	db_bind_text(st, 1, vals[SUG_NO]);
	db_bind_text(st, 2, vals[SUG_TITLE]);
	db_bind_text(st, 3, vals[SUG_CONTENT]);
	sqlite3_bind_int64(st, 4, l->lead);
	db_bind_text(st, 5, vals[SUG_DATE]);
	db_bind_text(st, 6, vals[SUG_CATEGORY]);
	if (l->unit)
		sqlite3_bind_int64(st, 7, l->unit);
	else
		sqlite3_bind_null(st, 7);
	db_bind_text(st, 8, vals[SUG_DUE]);
	db_bind_text(st, 9, vals[SUG_REPLY_DATE]);
	db_bind_text(st, 10, vals[SUG_REPLY]);
	db_bind_text(st, 11, vals[SUG_RESULT]);
	db_bind_text(st, 12, vals[SUG_SATISFACTION]);
}

static int sug_insert(struct db *db, char *const *vals, const struct suggestion_ids *links, int64_t *id,
		      const char **field, char **err)
{
	struct suggestion_state s = { .status = SS_RAISED };
	struct sug_links l = { 0 };
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("INSERT INTO suggestions (%s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
			      sug_cols_sql);
	int rc = -1, src;

	if (id)
		*id = 0;
	sug_copy_date(s.date, vals[SUG_DATE]);
	if (sug_check_edit(&s, vals, field, err) < 0)
		goto out;
	if (db_begin(db, err) < 0)
		goto out;
	if (sug_check_links(db, 0, links, &l, field, err) < 0 || db_prepare(db, sql, &st, err) < 0)
		goto rollback;
	sug_bind_vals(st, vals, &l);
	if ((src = sqlite3_step(st)) != SQLITE_DONE) {
		db_fail(db, src, &suggestion_def, err);
		goto rollback;
	}
	int64_t new_id = sqlite3_last_insert_rowid(db_handle(db));
	if (sug_write_links(db, new_id, &l, err) < 0 || sug_raised_event(db, new_id, vals[SUG_DATE], err) < 0 ||
	    sug_link_visit(db, new_id, links ? links->visit_id : 0, err) < 0)
		goto rollback;
	if (db_commit(db, err) < 0)
		goto out;
	if (id)
		*id = new_id;
	rc = 0;
	goto out;
rollback:
	db_rollback(db);
out:
	sqlite3_finalize(st);
	sug_links_free(&l);
	free(sql);
	return rc;
}

static int sug_update(struct db *db, int64_t id, char *const *vals, const struct suggestion_ids *links,
		      const char **field, char **err)
{
	struct suggestion_state s;
	struct sug_links l = { 0 };
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("UPDATE suggestions SET (%s, updated_at) = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			      " ?11, ?12, %s) WHERE id = ?13 AND deleted = 0",
			      sug_cols_sql, DB_NOW_SQL);
	int rc = -1, src;

	if (db_begin(db, err) < 0)
		goto out;
	if (sug_load_state(db, id, &s, err) < 0 || sug_check_edit(&s, vals, field, err) < 0)
		goto rollback;
	if (sug_check_links(db, id, links, &l, field, err) < 0 || db_prepare(db, sql, &st, err) < 0)
		goto rollback;
	sug_bind_vals(st, vals, &l);
	sqlite3_bind_int64(st, 13, id);
	if ((src = sqlite3_step(st)) != SQLITE_DONE) {
		db_fail(db, src, &suggestion_def, err);
		goto rollback;
	}
	if (sug_write_links(db, id, &l, err) < 0)
		goto rollback;
	rc = db_commit(db, err);
	goto out;
rollback:
	db_rollback(db);
out:
	sqlite3_finalize(st);
	sug_links_free(&l);
	free(sql);
	return rc;
}

int db_suggestions_save(struct db *db, int64_t id, char *const *vals, const struct suggestion_ids *links,
			int64_t *new_id, struct refusal *why)
{
	const char *field = NULL;
	char *err = NULL;
	int rc = id ? sug_update(db, id, vals, links, &field, &err) : sug_insert(db, vals, links, new_id, &field, &err);
	if (rc < 0)
		refusal_set(why, err ? field : NULL, err ? err : xstrdup("没有保存"));
	else
		refusal_clear(why);
	return rc;
}

int db_suggestions_insert(struct db *db, char *const *vals, const struct suggestion_ids *links, int64_t *id, char **err)
{
	const char *field = NULL;
	return sug_insert(db, vals, links, id, &field, err);
}

int db_suggestions_update(struct db *db, int64_t id, char *const *vals, const struct suggestion_ids *links, char **err)
{
	const char *field = NULL;
	return sug_update(db, id, vals, links, &field, err);
}

int db_suggestions_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &suggestion_def, id, true, err);
}

int db_suggestions_restore(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &suggestion_def, id, false, err);
}

/* ---- reading one ---- */

void db_suggestion_info_free(struct suggestion_info *s)
{
	if (!s)
		return;
	if (s->vals)
		record_free_values(&suggestion_def, s->vals);
	free(s->cosponsor_ids);
	free(s->case_ids);
	free(s->visits);
	free(s->uid);
	free(s->created_at);
	free(s->updated_at);
	memset(s, 0, sizeof *s);
}

/* The row's own columns into out->vals (the lead's and the unit's names; co-sponsors and cases
 * left ""), ids and times. */
static int sug_get_row(struct db *db, int64_t id, struct suggestion_info *out, char **err)
{
	static const char sql[] =
		"SELECT s.suggestion_no, s.title, s.content, s.lead_deputy_id, s.date, s.category, u.name, s.due_date,"
		" s.reply_date, s.reply, s.result, s.satisfaction, s.uid, s.created_at, s.updated_at, l.name"
		" FROM suggestions s LEFT JOIN units u ON u.id = s.unit_id LEFT JOIN deputies l ON l.id = "
		"s.lead_deputy_id"
		" WHERE s.id = ?1 AND s.deleted = 0";
	static const int fields[] = { SUG_NO,   SUG_TITLE, SUG_CONTENT,    -1,        SUG_DATE,   SUG_CATEGORY,
				      SUG_UNIT, SUG_DUE,   SUG_REPLY_DATE, SUG_REPLY, SUG_RESULT, SUG_SATISFACTION };
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		out->vals = xcalloc(SUG_NFIELDS, sizeof(char *));
		for (int i = 0; i < SUG_NFIELDS; i++)
			out->vals[i] = xstrdup("");
		for (size_t c = 0; c < ARRAY_LEN(fields); c++)
			if (fields[c] >= 0)
				str_set(&out->vals[fields[c]], db_column_text(st, (int)c));
		out->lead_id = sqlite3_column_int64(st, 3);
		str_set(&out->vals[SUG_LEAD], db_column_text(st, 15));
		out->uid = xstrdup(db_column_text(st, 12));
		out->created_at = xstrdup(db_column_text(st, 13));
		out->updated_at = xstrdup(db_column_text(st, 14));
		rc = 0;
	} else if (src == SQLITE_DONE) {
		db_failf(err, "找不到这条代表建议（编号 %lld），可能已被删除", (long long)id);
	} else {
		db_fail(db, src, &suggestion_def, err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* SUG_COSPONSORS: the co-sponsors' names, in the order they were set, and their ids. */
static int sug_get_deputies(struct db *db, struct suggestion_info *out, char **err)
{
	char **names = NULL, *text = NULL;
	int n = 0;
	int rc = db_deputies_linked(db, "suggestion_deputies", "suggestion_id", out->id, &out->cosponsor_ids, &names,
				    &n, &text, err);
	out->ncosponsors = n;
	str_free_array(names, n);
	free(out->vals[SUG_COSPONSORS]);
	out->vals[SUG_COSPONSORS] = text;
	return rc;
}

/* SUG_CASES: the linked case numbers in the order they were added. */
static int sug_get_cases(struct db *db, struct suggestion_info *out, char **err)
{
	static const char sql[] = "SELECT c.id, c.case_no FROM suggestion_cases sc JOIN cases c ON c.id = sc.case_id"
				  " WHERE sc.suggestion_id = ?1 ORDER BY sc.id";
	sqlite3_stmt *st = NULL;
	struct strbuf sb;
	int rc = -1, src, cap = 0;

	sb_init(&sb);
	sb_add(&sb, "");
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, out->id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->ncases == cap) {
			cap = cap ? cap * 2 : 4;
			out->case_ids = xrealloc(out->case_ids, sizeof(int64_t) * (size_t)cap);
		}
		out->case_ids[out->ncases] = sqlite3_column_int64(st, 0);
		sb_addf(&sb, "%s%s", out->ncases ? RECORD_MULTI_SEP : "", db_column_text(st, 1));
		out->ncases++;
	}
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(out->vals[SUG_CASES]);
	out->vals[SUG_CASES] = sb_take(&sb);
	return rc;
}

/* The visits suggestion id was entered from into out->visits. */
static int sug_get_visits(struct db *db, int64_t id, struct suggestion_info *out, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db,
		       "SELECT coalesce(group_concat(d, '、'), '') FROM (SELECT v.date || ' ' || v.visitor_name AS d"
		       " FROM visit_suggestions vs JOIN visits v ON v.id = vs.visit_id AND v.deleted = 0"
		       " WHERE vs.suggestion_id = ?1 ORDER BY v.date, v.id)",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		out->visits = xstrdup(db_column_text(st, 0));
		rc = 0;
	} else
		db_fail(db, src, &suggestion_def, err);
	sqlite3_finalize(st);
	return rc;
}

int db_suggestions_get(struct db *db, int64_t id, struct suggestion_info *out, char **err)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	if (sug_get_row(db, id, out, err) < 0 || sug_load_state(db, id, &out->state, err) < 0 ||
	    sug_get_deputies(db, out, err) < 0 || sug_get_cases(db, out, err) < 0 ||
	    sug_get_visits(db, id, out, err) < 0) {
		db_suggestion_info_free(out);
		return -1;
	}
	return 0;
}

int db_suggestions_get_values(struct db *db, int64_t id, char ***vals, char **err)
{
	struct suggestion_info info;
	*vals = NULL;
	if (db_suggestions_get(db, id, &info, err) < 0)
		return -1;
	*vals = info.vals;
	info.vals = NULL;
	db_suggestion_info_free(&info);
	return 0;
}

/* ---- actions and the timeline ---- */

/* One suggestion_events row. Strings may be NULL or "" (stored as NULL). */
struct sug_event {
	const char *type; /* 提出 or an action's label */
	enum suggestion_status status_after;
	const char *date, *who, *note, *due, *result, *satisfaction;
	int64_t unit_id;
};

static int sug_insert_event(struct db *db, int64_t sug_id, const struct sug_event *ev, char **err)
{
	static const char sql[] = "INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after, who,"
				  " unit_id, due_date, note, result, satisfaction)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *st = NULL;
	char now[20];
	int rc = -1;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	clock_now(now);
	now[16] = '\0'; /* 'YYYY-MM-DD HH:MM' */
	sqlite3_bind_int64(st, 1, sug_id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 3, ev->date);
	sqlite3_bind_text(st, 4, ev->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, suggestion_status_label(ev->status_after), -1, SQLITE_STATIC);
	db_bind_text(st, 6, !str_empty(ev->who) ? ev->who : db_user(db));
	if (ev->unit_id > 0)
		sqlite3_bind_int64(st, 7, ev->unit_id);
	else
		sqlite3_bind_null(st, 7);
	db_bind_text(st, 8, ev->due);
	db_bind_text(st, 9, ev->note);
	db_bind_text(st, 10, ev->result);
	db_bind_text(st, 11, ev->satisfaction);
	int src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		rc = 0;
	else
		db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* Link visit_id (0: none) to the new suggestion sug_id: the visit must exist and not have its
 * suggestion already. */
static int sug_link_visit(struct db *db, int64_t sug_id, int64_t visit_id, char **err)
{
	sqlite3_stmt *st = NULL;
	int64_t n = 0;
	int rc = -1;
	if (visit_id <= 0)
		return 0;
	if (db_prepare(db,
		       "SELECT (SELECT count(*) FROM visits WHERE id = ?1 AND deleted = 0),"
		       " (SELECT count(*) FROM visit_suggestions WHERE visit_id = ?1)",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, visit_id);
	int src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		db_fail(db, src, &suggestion_def, err);
		goto out;
	}
	n = sqlite3_column_int64(st, 0);
	if (!n) {
		db_failf(err, "来源的来访记录（编号 %lld）找不到了，可能已被删除", (long long)visit_id);
		goto out;
	}
	if (sqlite3_column_int64(st, 1)) {
		db_failf(err, "这次来访已经转为代表建议了，不能再转一次");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (db_prepare(db, "INSERT INTO visit_suggestions (visit_id, suggestion_id) VALUES (?1, ?2)", &st, err) < 0)
		goto out;
	sqlite3_bind_int64(st, 1, visit_id);
	sqlite3_bind_int64(st, 2, sug_id);
	if ((src = sqlite3_step(st)) != SQLITE_DONE) {
		db_fail(db, src, &suggestion_def, err);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The 提出 event of a new suggestion (its date is the 提出日期). */
static int sug_raised_event(struct db *db, int64_t sug_id, const char *date, char **err)
{
	struct sug_event ev = { .type = "提出", .status_after = SS_RAISED, .date = date };
	return sug_insert_event(db, sug_id, &ev, err);
}

/* Write the state after an action. reply: the new reply text (答复), or NULL to keep it;
 * clear_reply: remove it (重办 starts a new round). */
static int sug_write_state(struct db *db, int64_t id, const struct suggestion_state *n, const char *reply,
			   bool clear_reply, char **err)
{
	static const char sql[] =
		"UPDATE suggestions SET status = ?1, unit_id = ?2, assigned_date = ?3, due_date = ?4, extensions = ?5,"
		" reply_date = ?6, result = ?7, followup_date = ?8, closed_date = ?9,"
		" reply = CASE WHEN ?14 THEN NULL ELSE coalesce(?10, reply) END, satisfaction = ?11,"
		" redo_count = ?13, redone_date = ?15, updated_at = " DB_NOW_SQL " WHERE id = ?12 AND deleted = 0";
	sqlite3_stmt *st = NULL;
	char result[2] = { n->result, '\0' };
	int rc = -1;

	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, suggestion_status_label(n->status), -1, SQLITE_STATIC);
	if (n->unit_id)
		sqlite3_bind_int64(st, 2, n->unit_id);
	else
		sqlite3_bind_null(st, 2);
	db_bind_text(st, 3, n->assigned);
	db_bind_text(st, 4, n->due);
	sqlite3_bind_int(st, 5, n->extensions);
	db_bind_text(st, 6, n->reply);
	db_bind_text(st, 7, result);
	db_bind_text(st, 8, n->followup);
	db_bind_text(st, 9, n->closed);
	db_bind_text(st, 10, reply);
	db_bind_text(st, 11, case_sat_label(n->satisfaction));
	sqlite3_bind_int64(st, 12, id);
	sqlite3_bind_int(st, 13, n->redo_count);
	sqlite3_bind_int(st, 14, clear_reply);
	db_bind_text(st, 15, n->redone);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		db_fail(db, src, &suggestion_def, err);
	else if (sqlite3_changes(db_handle(db)) == 0)
		db_failf(err, "找不到这条代表建议（编号 %lld），可能已被删除", (long long)id);
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* Refuse 交办 to a unit that does not exist or is deleted (about the field unit_id). */
static int sug_check_unit(struct db *db, int64_t unit_id, struct refusal *why)
{
	sqlite3_stmt *st = NULL;
	char *err = NULL;
	if (db_prepare(db, "SELECT count(*) FROM units WHERE id = ?1 AND deleted = 0", &st, &err) < 0)
		return refusal_set(why, NULL, err);
	sqlite3_bind_int64(st, 1, unit_id);
	int src = sqlite3_step(st);
	int64_t n = src == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (src != SQLITE_ROW)
		db_fail(db, src, NULL, &err);
	sqlite3_finalize(st);
	if (err)
		return refusal_set(why, NULL, err);
	return n ? 0
		 : refusal_set(why, "unit_id",
			       xstrdup("这个承办单位不存在或已删除，请重新选择"));
}

/* The event of action a that took s to n. *buf: a new string the caller frees, or NULL. */
static void sug_event_of(const struct suggestion_state *s, const struct suggestion_act *a,
			 const struct suggestion_state *n, const char *content, const char *result, char **buf,
			 struct sug_event *ev)
{
	enum suggestion_action x = a->action;
	*buf = NULL;
	*ev = (struct sug_event){ .type = suggestion_action_label(x),
				  .status_after = n->status,
				  .date = n->last,
				  .who = a->who,
				  .note = a->note,
				  .unit_id = n->unit_id ? n->unit_id : s->unit_id };
	if (x == SA_ASSIGN || x == SA_EXTEND || x == SA_REDO)
		ev->due = n->due;
	if (x == SA_REPLY) {
		/* Every round's reply stays in the timeline; the row keeps the last. */
		ev->note = str_empty(a->note) ? content : (*buf = xasprintf("%s\n备注：%s", content, a->note));
		ev->result = result;
	}
	if (x == SA_FOLLOWUP)
		ev->satisfaction = case_sat_label(n->satisfaction);
}

int db_suggestions_act(struct db *db, int64_t id, const struct suggestion_act *act, const char *today,
		       struct refusal *why)
{
	struct suggestion_state s, n;
	struct suggestion_act a = *act;
	struct sug_event ev;
	char now[11], *err = NULL, *content = NULL, *buf = NULL;

	refusal_clear(why);
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (db_begin(db, &err) < 0)
		goto fail;
	if (sug_load_state(db, id, &s, &err) < 0)
		goto rollback;
	if (suggestion_apply(&s, &a, today, &n, why) < 0)
		goto rollback;
	if (a.action == SA_ASSIGN && sug_check_unit(db, a.unit_id, why) < 0)
		goto rollback;
	if (a.action == SA_REPLY) {
		content = xstrdup(a.content);
		str_trim(content);
	}
	char result[2] = { n.result, '\0' };
	sug_event_of(&s, &a, &n, content, result, &buf, &ev);
	if (sug_write_state(db, id, &n, content, a.action == SA_REDO, &err) < 0 ||
	    sug_insert_event(db, id, &ev, &err) < 0)
		goto rollback;
	if (db_commit(db, &err) < 0)
		goto fail;
	free(content);
	free(buf);
	return 0;
rollback:
	db_rollback(db);
fail:
	if (err) /* the database's own failure concerns no field */
		refusal_set(why, NULL, err);
	free(content);
	free(buf);
	return -1;
}

int db_suggestions_timeline(struct db *db, int64_t id, case_event_cb cb, void *ud, char **err)
{
	static const char sql[] =
		"SELECT e.id, e.at, coalesce(e.date, substr(e.at, 1, 10)), e.type, e.status_after, e.who, e.unit_id,"
		" u.name, e.due_date, e.note, e.result, e.satisfaction, ''"
		" FROM suggestion_events e LEFT JOIN units u ON u.id = e.unit_id WHERE e.suggestion_id = ?1"
		" ORDER BY e.at, e.id";
	sqlite3_stmt *st = NULL;
	struct suggestion_state s;
	if (sug_load_state(db, id, &s, err) < 0 || db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return db_event_rows(db, st, cb, ud, err);
}

/* ---- lists ---- */

/* The filter of struct suggestion_filter. ?1 LIKE pattern, ?2 status, ?3 category, ?4 deputy,
 * ?5 unit, ?6 year, ?7 overdue only, ?8 today, ?11 the text may be pinyin (?9, ?10: the page). */
static const char sug_where[] =
	" WHERE s.deleted = 0"
	" AND (?1 IS NULL OR s.title LIKE ?1 ESCAPE '\\' OR s.content LIKE ?1 ESCAPE '\\'"
	" OR s.suggestion_no LIKE ?1 ESCAPE '\\' OR l.name LIKE ?1 ESCAPE '\\'"
	" OR (?11 AND (l.name_initials LIKE ?1 ESCAPE '\\' OR replace(l.name_py, ' ', '') LIKE ?1 ESCAPE '\\')))"
	" AND (?2 IS NULL OR s.status = ?2) AND (?3 IS NULL OR s.category = ?3)"
	" AND (?4 IS NULL OR s.lead_deputy_id = ?4 OR EXISTS (SELECT 1 FROM suggestion_deputies sd"
	" WHERE sd.suggestion_id = s.id AND sd.deputy_id = ?4))"
	" AND (?5 IS NULL OR s.unit_id = ?5)"
	" AND (?6 IS NULL OR (s.date >= ?6 || '-01-01' AND s.date <= ?6 || '-12-31'))"
	" AND (NOT ?7 OR (s.status = '办理中' AND s.due_date < ?8))";

/* sug_where and, when set, the 提出日期 range as ?12 ?13: a condition written only when it is set,
 * so the planner can use suggestions_date (an "?12 IS NULL OR" form would read every row).
 * New string. */
static char *sug_where_sql(const struct suggestion_filter *f)
{
	return xasprintf("%s%s%s", sug_where, f && !str_empty(f->date_from) ? " AND s.date >= ?12" : "",
			 f && !str_empty(f->date_to) ? " AND s.date <= ?13" : "");
}

static const char sug_from[] =
	" FROM suggestions s LEFT JOIN deputies l ON l.id = s.lead_deputy_id LEFT JOIN units u ON u.id = s.unit_id";

/* True if s could be typed pinyin of the lead's name: ASCII letters (digits allowed), one letter
 * at least. */
static bool sug_pinyin_text(const char *s)
{
	bool letter = false;
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			letter = true;
		else if (!(*s >= '0' && *s <= '9'))
			return false;
	}
	return letter;
}

static void sug_bind_filter(sqlite3_stmt *st, const struct suggestion_filter *f, const char *today)
{
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	if (*text) {
		char *like = db_rec_like(text);
		sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
		free(like);
	} else {
		sqlite3_bind_null(st, 1);
	}
	sqlite3_bind_int(st, 11, *text && sug_pinyin_text(text));
	free(text);
	db_bind_text(st, 2, f ? f->status : NULL);
	db_bind_text(st, 3, f ? f->category : NULL);
	if (f && f->deputy_id)
		sqlite3_bind_int64(st, 4, f->deputy_id);
	else
		sqlite3_bind_null(st, 4);
	if (f && f->unit_id)
		sqlite3_bind_int64(st, 5, f->unit_id);
	else
		sqlite3_bind_null(st, 5);
	db_bind_text(st, 6, f ? f->year : NULL);
	sqlite3_bind_int(st, 7, f && f->overdue);
	sqlite3_bind_text(st, 8, today, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 12, f ? f->date_from : NULL);
	db_bind_text(st, 13, f ? f->date_to : NULL);
}

/* Today for a filter: f->today or the clock. */
static void sug_filter_today(const struct suggestion_filter *f, char out[11])
{
	if (f && !str_empty(f->today))
		snprintf(out, 11, "%s", f->today);
	else
		clock_today(out);
}

/* Prepare "<head><from><where of f>" with f bound. */
static int sug_count_prepare(struct db *db, const char *head, const struct suggestion_filter *f, sqlite3_stmt **st,
			     char **err)
{
	char *where = sug_where_sql(f);
	char *sql = xasprintf("%s%s%s", head, sug_from, where);
	char today[11];
	int rc = db_prepare(db, sql, st, err);
	free(where);
	free(sql);
	if (rc == 0) {
		sug_filter_today(f, today);
		sug_bind_filter(*st, f, today);
	}
	return rc;
}

int db_suggestions_count(struct db *db, const struct suggestion_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	*n = 0;
	if (sug_count_prepare(db, "SELECT count(*)", f, &st, err) < 0)
		return -1;
	return db_count_finish(db, st, &suggestion_def, n, err);
}

int db_suggestions_count_plan(struct db *db, const struct suggestion_filter *f, char **plan, char **err)
{
	sqlite3_stmt *st = NULL;
	*plan = NULL;
	if (sug_count_prepare(db, "EXPLAIN QUERY PLAN SELECT count(*)", f, &st, err) < 0)
		return -1;
	return db_plan_finish(db, st, plan, err);
}

/* The SQL expression of each row column, in the order of the fields and enum suggestion_extra. */
static const char *const sug_row_sql[SUG_NCOLS] = {
	[SUG_NO] = "s.suggestion_no",
	[SUG_TITLE] = "s.title",
	[SUG_LEAD] = "l.name",
	[SUG_COSPONSORS] = "(SELECT group_concat(name, '、') FROM (SELECT d.name FROM suggestion_deputies sd"
			   " JOIN deputies d ON d.id = sd.deputy_id WHERE sd.suggestion_id = s.id ORDER BY sd.id))",
	[SUG_DATE] = "s.date",
	[SUG_CATEGORY] = "s.category",
	[SUG_CONTENT] = "s.content",
	[SUG_UNIT] = "u.name",
	[SUG_DUE] = "s.due_date",
	[SUG_REPLY_DATE] = "s.reply_date",
	[SUG_REPLY] = "s.reply",
	[SUG_RESULT] = "s.result",
	[SUG_SATISFACTION] = "s.satisfaction",
	[SUG_CASES] = "(SELECT group_concat(case_no, '、') FROM (SELECT c.case_no FROM suggestion_cases sc"
		      " JOIN cases c ON c.id = sc.case_id WHERE sc.suggestion_id = s.id ORDER BY sc.id))",
	[SUG_X_STATUS] = "s.status",
	[SUG_X_ASSIGNED] = "s.assigned_date",
	[SUG_X_EXTENSIONS] = "s.extensions",
	[SUG_X_CLOSED] = "s.closed_date",
	[SUG_X_OVERDUE] = "CASE WHEN s.status = '办理中' AND s.due_date < ?8 THEN '超期' ELSE NULL END",
};

/* A CASE expression giving the position of expr's value in a NULL-terminated list. */
static void sug_order_case(struct strbuf *sb, const char *expr, const char *const *list)
{
	int i = 0;
	sb_addf(sb, "CASE %s", expr);
	for (; list[i]; i++) {
		char *lit = sqlite3_mprintf("%Q", list[i]);
		if (!lit)
			die("内存不足 (out of memory)");
		sb_addf(sb, " WHEN %s THEN %d", lit, i);
		sqlite3_free(lit);
	}
	sb_addf(sb, " ELSE %d END", i);
}

/* ORDER BY (without the keywords). Expressions are the program's constants. */
static char *sug_order(int col, bool desc)
{
	const char *dir = desc ? "DESC" : "ASC";
	struct strbuf sb;
	sb_init(&sb);
	if (col < 0)
		return xstrdup("s.date DESC, s.id DESC");
	if (col >= SUG_NCOLS || col == SUG_CONTENT || col == SUG_REPLY || col == SUG_COSPONSORS || col == SUG_CASES)
		col = SUG_DATE;
	const char *expr = col == SUG_LEAD ? "l.name_py" : col == SUG_X_OVERDUE ? "s.due_date" : sug_row_sql[col];
	sb_addf(&sb, "(%s IS NULL), ", expr);
	if (col == SUG_CATEGORY || col == SUG_SATISFACTION || col == SUG_X_STATUS) {
		const char *const *list = col == SUG_CATEGORY ? suggestion_categories
			: col == SUG_SATISFACTION             ? case_sat_choices
							      : suggestion_statuses;
		sug_order_case(&sb, expr, list);
		sb_addf(&sb, " %s, ", dir);
	} else if (col == SUG_X_OVERDUE) {
		sb_addf(&sb, "(s.status = '办理中' AND s.due_date < ?8) %s, ", desc ? "ASC" : "DESC");
	}
	sb_addf(&sb, "%s %s, s.id %s", expr, dir, dir);
	return sb_take(&sb);
}

int db_suggestions_page(struct db *db, const struct suggestion_filter *f, int sort_col, bool desc, int64_t offset,
			int limit, suggestion_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	struct strbuf cols;
	char *order = sug_order(sort_col, desc), *sql, *where = sug_where_sql(f);
	char today[11];
	int rc = -1;

	sb_init(&cols);
	for (int i = 0; i < SUG_NCOLS; i++)
		sb_addf(&cols, ", %s", sug_row_sql[i]);
	sql = xasprintf("SELECT s.id%s%s%s ORDER BY %s LIMIT ?9 OFFSET ?10", cols.buf, sug_from, where, order);
	free(where);
	sug_filter_today(f, today);
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	sug_bind_filter(st, f, today);
	sqlite3_bind_int(st, 9, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 10, offset < 0 ? 0 : offset);
	if (db_step_id_rows(db, st, SUG_NCOLS, cb, ud, &suggestion_def, err) < 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	sb_free(&cols);
	free(order);
	free(sql);
	return rc;
}

int db_suggestions_for_case(struct db *db, int64_t case_id, suggestion_link_cb cb, void *ud, char **err)
{
	static const char sql[] =
		"SELECT s.id, s.suggestion_no, s.title, s.status, s.date, l.name FROM suggestion_cases sc"
		" JOIN suggestions s ON s.id = sc.suggestion_id AND s.deleted = 0"
		" LEFT JOIN deputies l ON l.id = s.lead_deputy_id WHERE sc.case_id = ?1 ORDER BY s.date, s.id";
	sqlite3_stmt *st = NULL;
	int n = 0, src;

	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct suggestion_link l = {
			.id = sqlite3_column_int64(st, 0),
			.no = db_column_text(st, 1),
			.title = db_column_text(st, 2),
			.status = db_column_text(st, 3),
			.date = db_column_text(st, 4),
			.lead = db_column_text(st, 5),
		};
		n++;
		if (cb && cb(ud, &l))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		n = db_fail(db, src, &suggestion_def, err);
	sqlite3_finalize(st);
	return n;
}
