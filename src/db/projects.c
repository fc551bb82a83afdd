/* 民生实事项目 in SQL: the row, its links, its timeline, the actions (with the 督查 activity),
 * the list, the home screen's overdue count and the summary's figures. See db/projects.h. */
#include "db/projects.h"

#include "db/internal.h"
#include "db/record.h"

#include "core/clock.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void pj_copy(char out[11], const char *s) { snprintf(out, 11, "%s", s); }

/* ---- events ---- */

struct pj_event {
	const char *type, *date, *who, *note, *due;
	enum project_status status_after;
	int64_t unit_id, activity_id, session_id;
	int percent; /* -1: none */
};

static int pj_insert_event(struct db *db, int64_t id, const struct pj_event *ev, char **err)
{
	static const char sql[] = "INSERT INTO project_events (project_id, at, date, type, status_after, who, unit_id,"
				  " due_date, percent, activity_id, session_id, note)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sqlite3_stmt *st = NULL;
	char now[20];
	int rc = -1;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	clock_now(now);
	now[16] = '\0';
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 3, ev->date);
	sqlite3_bind_text(st, 4, ev->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, project_status_label(ev->status_after), -1, SQLITE_STATIC);
	db_bind_text(st, 6, !str_empty(ev->who) ? ev->who : db_user(db));
	if (ev->unit_id > 0)
		sqlite3_bind_int64(st, 7, ev->unit_id);
	db_bind_text(st, 8, ev->due);
	if (ev->percent >= 0)
		sqlite3_bind_int(st, 9, ev->percent);
	if (ev->activity_id > 0)
		sqlite3_bind_int64(st, 10, ev->activity_id);
	if (ev->session_id > 0)
		sqlite3_bind_int64(st, 11, ev->session_id);
	db_bind_text(st, 12, ev->note);
	int src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		rc = 0;
	else
		db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

int db_projects_event(struct db *db, int64_t project_id, const char *type, const char *date, const char *note,
		      enum project_status after, int64_t session_id, char **err)
{
	struct pj_event ev = {
		.type = type, .date = date, .note = note, .status_after = after, .session_id = session_id, .percent = -1
	};
	return pj_insert_event(db, project_id, &ev, err);
}

/* ---- state ---- */

static int pj_load_state(struct db *db, int64_t id, struct project_state *s, char **err)
{
	static const char sql[] =
		"SELECT status, date, vote_date, unit_id, planned_date, progress, completed_date, eval_joined,"
		" eval_satisfied, eval_basic, eval_unsatisfied,"
		" (SELECT max(e.date) FROM project_events e WHERE e.project_id = ?1)"
		" FROM projects WHERE id = ?1 AND deleted = 0";
	sqlite3_stmt *st = NULL;
	int rc = -1;
	memset(s, 0, sizeof *s);
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		int status = project_status_parse(db_column_text(st, 0));
		s->status = status < 0 ? PS_COLLECTED : (enum project_status)status;
		pj_copy(s->date, db_column_text(st, 1));
		pj_copy(s->vote_date, db_column_text(st, 2));
		s->unit_id = sqlite3_column_int64(st, 3);
		pj_copy(s->planned, db_column_text(st, 4));
		s->progress = sqlite3_column_int(st, 5);
		pj_copy(s->completed, db_column_text(st, 6));
		s->joined = sqlite3_column_int(st, 7);
		s->satisfied = sqlite3_column_int(st, 8);
		s->basic = sqlite3_column_int(st, 9);
		s->unsatisfied = sqlite3_column_int(st, 10);
		pj_copy(s->last, db_column_text(st, 11));
		rc = 0;
	} else if (src == SQLITE_DONE) {
		db_failf(err, "找不到这个民生实事项目（编号 %lld），可能已被删除", (long long)id);
	} else {
		db_fail(db, src, &project_def, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_projects_state(struct db *db, int64_t id, struct project_state *out, char **err)
{
	return pj_load_state(db, id, out, err);
}

/* Write the state after a step (used by the actions and by db/votes.c). */
int db_projects_write_state(struct db *db, int64_t id, const struct project_state *n, char **err)
{
	static const char sql[] =
		"UPDATE projects SET status = ?1, vote_date = ?2, unit_id = ?3, planned_date = ?4, progress = ?5,"
		" completed_date = ?6, eval_joined = ?7, eval_satisfied = ?8, eval_basic = ?9, eval_unsatisfied = ?10,"
		" updated_at = " DB_NOW_SQL " WHERE id = ?11 AND deleted = 0";
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, project_status_label(n->status), -1, SQLITE_STATIC);
	db_bind_text(st, 2, n->vote_date);
	if (n->unit_id > 0)
		sqlite3_bind_int64(st, 3, n->unit_id);
	db_bind_text(st, 4, n->planned);
	sqlite3_bind_int(st, 5, n->progress);
	db_bind_text(st, 6, n->completed);
	sqlite3_bind_int(st, 7, n->joined);
	sqlite3_bind_int(st, 8, n->satisfied);
	sqlite3_bind_int(st, 9, n->basic);
	sqlite3_bind_int(st, 10, n->unsatisfied);
	sqlite3_bind_int64(st, 11, id);
	int src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		db_fail(db, src, &project_def, err);
	else if (sqlite3_changes(db_handle(db)) == 0)
		db_failf(err, "找不到这个民生实事项目（编号 %lld），可能已被删除", (long long)id);
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* ---- save ---- */

/* 1 when sql (?1 the id, ?2 the project, 0 for a new one) finds a row, 0 when not, -1 error. */
static int pj_exists(struct db *db, const char *sql, int64_t id, int64_t project_id, char **err)
{
	sqlite3_stmt *st = NULL;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, project_id);
	int src = sqlite3_step(st), rc = src == SQLITE_ROW ? 1 : 0;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = db_fail(db, src, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* Check the links of a save; *field the column refused. */
static int pj_check_links(struct db *db, int64_t id, const struct project_links *l, const char **field, char **err)
{
	int ok;
	if (l->deputy_id > 0) {
		*field = "proposer_deputy_id";
		ok = pj_exists(db,
			       "SELECT 1 FROM deputies WHERE id = ?1 AND (deleted = 0 OR id ="
			       " (SELECT proposer_deputy_id FROM projects WHERE id = ?2))",
			       l->deputy_id, id, err);
		if (ok <= 0)
			return ok < 0 ? -1 : db_fail_msg(err, "提出代表：这位代表不在名册中或已被删除");
	}
	if (!id && l->visit_id > 0) {
		*field = "source_visit_id";
		ok = pj_exists(db, "SELECT 1 FROM visits WHERE id = ?1 AND deleted = 0 AND ?2 = ?2", l->visit_id, 0, err);
		if (ok <= 0)
			return ok < 0 ? -1
				      : db_failf(err, "来源的来访记录（编号 %lld）找不到了，可能已被删除，没有保存",
						 (long long)l->visit_id);
	}
	if (l->suggestion_id > 0) { /* one already linked stays acceptable */
		*field = "source_suggestion_id";
		ok = pj_exists(db,
			       "SELECT 1 FROM suggestions WHERE id = ?1 AND (deleted = 0 OR id ="
			       " (SELECT source_suggestion_id FROM projects WHERE id = ?2))",
			       l->suggestion_id, id, err);
		if (ok <= 0)
			return ok < 0 ? -1 : db_fail_msg(err, "来源的代表建议找不到了，可能已被删除，没有保存");
	}
	*field = NULL;
	return 0;
}

static void pj_bind_vals(sqlite3_stmt *st, char *const *v, const struct project_links *l)
{
	db_bind_text(st, 1, v[PJ_TITLE]);
	db_bind_text(st, 2, v[PJ_CONTENT]);
	sqlite3_bind_int(st, 3, atoi(v[PJ_YEAR]));
	db_bind_text(st, 4, v[PJ_DATE]);
	db_bind_text(st, 5, v[PJ_SOURCE]);
	db_bind_text(st, 6, v[PJ_PROPOSER]);
	if (l->deputy_id > 0)
		sqlite3_bind_int64(st, 7, l->deputy_id);
	else
		sqlite3_bind_null(st, 7);
	db_bind_text(st, 8, v[PJ_CATEGORY]);
	db_bind_text(st, 9, v[PJ_BUDGET]);
}

static int pj_write(struct db *db, int64_t id, char *const *vals, const struct project_links *l, int64_t *new_id,
		    const char **field, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1, src;
	const char *sql = id
		? "UPDATE projects SET (title, content, year, date, source, proposer, proposer_deputy_id,"
		  " category, budget, source_suggestion_id, updated_at) = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		  " ?11, " DB_NOW_SQL ") WHERE id = ?10 AND deleted = 0"
		: "INSERT INTO projects (title, content, year, date, source, proposer, proposer_deputy_id,"
		  " category, budget, source_visit_id, source_suggestion_id)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	struct project_state s;
	if (db_begin(db, err) < 0)
		return -1;
	if (id && pj_load_state(db, id, &s, err) < 0)
		goto rollback;
	if (id && s.last[0] && strcmp(vals[PJ_DATE], s.last) > 0 && s.status != PS_COLLECTED) {
		*field = "date";
		db_failf(err, "征集日期不能晚于已办理步骤的日期（%s）", s.last);
		goto rollback;
	}
	if (pj_check_links(db, id, l, field, err) < 0 || db_prepare(db, sql, &st, err) < 0)
		goto rollback;
	pj_bind_vals(st, vals, l);
	if (id)
		sqlite3_bind_int64(st, 10, id);
	else if (l->visit_id > 0)
		sqlite3_bind_int64(st, 10, l->visit_id);
	if (l->suggestion_id > 0)
		sqlite3_bind_int64(st, 11, l->suggestion_id);
	if ((src = sqlite3_step(st)) != SQLITE_DONE) {
		db_fail(db, src, &project_def, err);
		goto rollback;
	}
	if (!id) {
		int64_t nid = sqlite3_last_insert_rowid(db_handle(db));
		struct pj_event ev = { .type = "征集", .date = vals[PJ_DATE], .status_after = PS_COLLECTED, .percent = -1 };
		if (pj_insert_event(db, nid, &ev, err) < 0)
			goto rollback;
		if (new_id)
			*new_id = nid;
	}
	sqlite3_finalize(st);
	return db_commit(db, err);
rollback:
	sqlite3_finalize(st);
	db_rollback(db);
	return rc;
}

int db_projects_save(struct db *db, int64_t id, char *const *vals, const struct project_links *links,
		     int64_t *new_id, struct refusal *why)
{
	const char *field = NULL;
	char *err = NULL;
	struct project_links none = { 0 };
	int rc = pj_write(db, id, vals, links ? links : &none, new_id, &field, &err);
	if (rc < 0)
		refusal_set(why, err ? field : NULL, err ? err : xstrdup("没有保存"));
	else
		refusal_clear(why);
	return rc;
}

int db_projects_delete(struct db *db, int64_t id, char **err)
{
	return db_rec_set_deleted(db, &project_def, id, true, err);
}

/* ---- reading one ---- */

/* The 代表建议 a project came from, as the form and the list show it: "编号 标题（提出日期）",
 * marked when it was deleted since. */
#define PJ_SUGGESTION_LABEL                                                                                            \
	"(SELECT CASE WHEN sg.suggestion_no IS NULL OR sg.suggestion_no = '' THEN '' ELSE sg.suggestion_no || ' ' END" \
	" || sg.title || '（' || sg.date || '）' || CASE WHEN sg.deleted THEN '（已删除）' ELSE '' END"         \
	" FROM suggestions sg WHERE sg.id = p.source_suggestion_id)"

void db_project_info_free(struct project_info *p)
{
	if (!p)
		return;
	if (p->vals)
		record_free_values(&project_def, p->vals);
	free(p->visit);
	free(p->unit);
	free(p->votes);
	memset(p, 0, sizeof *p);
}

int db_projects_get(struct db *db, int64_t id, struct project_info *out, char **err)
{
	static const char sql[] =
		"SELECT p.title, p.year, p.date, p.source, p.proposer, d.name, " PJ_SUGGESTION_LABEL ","
		" p.category, p.budget, p.content, p.proposer_deputy_id, p.source_visit_id,"
		" CASE WHEN v.id IS NULL THEN '' ELSE v.date || ' ' || v.visitor_name"
		" || CASE WHEN v.deleted THEN '（已删除）' ELSE '' END END,"
		" coalesce(u.name, ''),"
		" coalesce((SELECT s.date || ' ' || s.meeting || '：赞成 ' || pv.yes || ' 反对 ' || pv.no || ' 弃权 ' "
		"||"
		" pv.abstain || CASE pv.passed WHEN 1 THEN '，通过' WHEN 0 THEN '，未通过' ELSE '，待公布' END"
		" FROM project_votes pv JOIN vote_sessions s ON s.id = pv.session_id AND s.deleted = 0"
		" WHERE pv.project_id = p.id ORDER BY s.date DESC, s.id DESC LIMIT 1), ''),"
		" (SELECT count(*) FROM activities a WHERE a.project_id = p.id AND a.deleted = 0),"
		" p.source_suggestion_id"
		" FROM projects p LEFT JOIN deputies d ON d.id = p.proposer_deputy_id"
		" LEFT JOIN visits v ON v.id = p.source_visit_id LEFT JOIN units u ON u.id = p.unit_id"
		" WHERE p.id = ?1 AND p.deleted = 0";
	sqlite3_stmt *st = NULL;
	int rc = -1;
	memset(out, 0, sizeof *out);
	out->id = id;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		out->vals = xcalloc(PJ_NFIELDS, sizeof(char *));
		for (int i = 0; i < PJ_NFIELDS; i++)
			out->vals[i] = xstrdup(db_column_text(st, i));
		out->deputy_id = sqlite3_column_int64(st, PJ_NFIELDS);
		out->visit_id = sqlite3_column_int64(st, PJ_NFIELDS + 1);
		out->visit = xstrdup(db_column_text(st, PJ_NFIELDS + 2));
		out->unit = xstrdup(db_column_text(st, PJ_NFIELDS + 3));
		out->votes = xstrdup(db_column_text(st, PJ_NFIELDS + 4));
		out->inspections = sqlite3_column_int(st, PJ_NFIELDS + 5);
		out->suggestion_id = sqlite3_column_int64(st, PJ_NFIELDS + 6);
		rc = 0;
	} else if (src == SQLITE_DONE) {
		db_failf(err, "找不到这个民生实事项目（编号 %lld），可能已被删除", (long long)id);
	} else {
		db_fail(db, src, &project_def, err);
	}
	sqlite3_finalize(st);
	if (rc == 0 && pj_load_state(db, id, &out->state, err) < 0)
		rc = -1;
	if (rc < 0)
		db_project_info_free(out);
	return rc;
}

/* ---- actions ---- */

/* The 督查 activity with its sign-in (出席) of deputy_ids; *act_id its id. */
static int pj_inspection(struct db *db, int64_t id, const char *date, const char *note, const int64_t *deps, int n,
			 int64_t *act_id, struct refusal *why, char **err)
{
	sqlite3_stmt *st = NULL;
	int src;
	for (int i = 0; i < n; i++) {
		int ok = pj_exists(db, "SELECT 1 FROM deputies WHERE id = ?1 AND deleted = 0 AND ?2 = ?2", deps[i], 0, err);
		if (ok <= 0) {
			if (ok == 0)
				refusal_set(why, "deputies", xstrdup("参加督查的代表中有人不在名册中或已被删除"));
			return -1;
		}
	}
	if (db_prepare(db,
		       "INSERT INTO activities (type, topic, date, content, project_id)"
		       " SELECT '督查', substr('督查：' || title, 1, 60), ?2, ?3, id FROM projects WHERE id = ?1",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, note);
	src = sqlite3_step(st);
	sqlite3_finalize(st);
	if (src != SQLITE_DONE)
		return db_fail(db, src, NULL, err);
	*act_id = sqlite3_last_insert_rowid(db_handle(db));
	for (int i = 0; i < n; i++) {
		if (db_prepare(db, "INSERT OR IGNORE INTO attendance (activity_id, deputy_id, status) VALUES (?1, ?2, '出席')",
			       &st, err) < 0)
			return -1;
		sqlite3_bind_int64(st, 1, *act_id);
		sqlite3_bind_int64(st, 2, deps[i]);
		src = sqlite3_step(st);
		sqlite3_finalize(st);
		if (src != SQLITE_DONE)
			return db_fail(db, src, NULL, err);
	}
	return 0;
}

int db_projects_act(struct db *db, int64_t id, const struct project_act *act, const int64_t *deputy_ids,
		    const char *today, struct refusal *why)
{
	struct project_state s, n;
	char now[11], *err = NULL, *note = NULL;
	int64_t activity = 0;
	refusal_clear(why);
	if (!today) {
		clock_today(now);
		today = now;
	}
	if (db_begin(db, &err) < 0)
		goto fail;
	if (pj_load_state(db, id, &s, &err) < 0 || project_apply(&s, act, today, &n, why) < 0)
		goto rollback;
	if (act->action == PA_ARRANGE &&
	    pj_exists(db, "SELECT 1 FROM units WHERE id = ?1 AND deleted = 0 AND ?2 = ?2", act->unit_id, 0, &err) <= 0) {
		if (!err)
			refusal_set(why, "unit_id", xstrdup("这个承办单位不存在或已删除，请重新选择"));
		goto rollback;
	}
	if (act->action == PA_INSPECT &&
	    pj_inspection(db, id, n.last, act->note, deputy_ids, act->ndeputies, &activity, why, &err) < 0)
		goto rollback;
	if (act->action == PA_EVALUATE)
		note = xasprintf("参加 %d 人：满意 %d，基本满意 %d，不满意 %d%s%s", n.joined, n.satisfied, n.basic,
				 n.unsatisfied, str_empty(act->note) ? "" : "\n", str_empty(act->note) ? "" : act->note);
	struct pj_event ev = {
		.type = project_action_label(act->action),
		.date = n.last,
		.who = act->who,
		.note = note ? note : act->note,
		.status_after = n.status,
		.unit_id = act->action == PA_ARRANGE ? n.unit_id : 0,
		.due = act->action == PA_ARRANGE ? n.planned : NULL,
		.percent = act->action == PA_PROGRESS ? n.progress : -1,
		.activity_id = activity,
	};
	if (db_projects_write_state(db, id, &n, &err) < 0 || pj_insert_event(db, id, &ev, &err) < 0)
		goto rollback;
	if (db_commit(db, &err) < 0)
		goto fail;
	free(note);
	return 0;
rollback:
	db_rollback(db);
fail:
	if (err)
		refusal_set(why, NULL, err);
	else if (!why || !why->msg)
		refusal_set(why, NULL, xstrdup("没有办理"));
	free(note);
	return -1;
}

int db_projects_timeline(struct db *db, int64_t id, case_event_cb cb, void *ud, char **err)
{
	static const char sql[] =
		"SELECT e.id, e.at, coalesce(e.date, substr(e.at, 1, 10)), e.type, e.status_after, e.who, e.unit_id,"
		" u.name, e.due_date,"
		" CASE WHEN e.percent IS NOT NULL THEN '进度 ' || e.percent || '%' ||"
		" CASE WHEN e.note IS NULL THEN '' ELSE '  ' || e.note END"
		" WHEN e.activity_id IS NOT NULL THEN coalesce((SELECT group_concat(d.name, '、') FROM attendance t"
		" JOIN deputies d ON d.id = t.deputy_id WHERE t.activity_id = e.activity_id), '')"
		" || CASE WHEN e.note IS NULL THEN '' ELSE '  ' || e.note END"
		" ELSE e.note END, '', '', ''"
		" FROM project_events e LEFT JOIN units u ON u.id = e.unit_id WHERE e.project_id = ?1"
		" ORDER BY e.at, e.id";
	sqlite3_stmt *st = NULL;
	struct project_state s;
	if (pj_load_state(db, id, &s, err) < 0 || db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return db_event_rows(db, st, cb, ud, err);
}

/* ---- lists ---- */

/* ?1 LIKE, ?2 status, ?3 year from, ?4 year to, ?5 overdue only, ?6 today. */
static const char pj_where[] = " WHERE p.deleted = 0"
			       " AND (?1 IS NULL OR p.title LIKE ?1 ESCAPE '\\' OR p.content LIKE ?1 ESCAPE '\\'"
			       " OR p.proposer LIKE ?1 ESCAPE '\\')"
			       " AND (?2 IS NULL OR p.status = ?2) AND (?3 IS NULL OR p.year >= ?3)"
			       " AND (?4 IS NULL OR p.year <= ?4)"
			       " AND (NOT ?5 OR (p.status = '实施' AND p.planned_date < ?6))";
static const char pj_from[] = " FROM projects p LEFT JOIN units u ON u.id = p.unit_id"
			      " LEFT JOIN deputies d ON d.id = p.proposer_deputy_id";

static void pj_bind_filter(sqlite3_stmt *st, const struct project_filter *f)
{
	char today[11];
	if (f && !str_empty(f->today))
		pj_copy(today, f->today);
	else
		clock_today(today);
	char *text = xstrdup(f && f->text ? f->text : "");
	str_trim(text);
	if (*text) {
		char *like = db_rec_like(text);
		sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
		free(like);
	}
	free(text);
	db_bind_text(st, 2, f ? f->status : NULL);
	if (f && f->year_from)
		sqlite3_bind_int(st, 3, f->year_from);
	if (f && f->year_to)
		sqlite3_bind_int(st, 4, f->year_to);
	sqlite3_bind_int(st, 5, f && f->overdue);
	sqlite3_bind_text(st, 6, today, -1, SQLITE_TRANSIENT);
}

int db_projects_count(struct db *db, const struct project_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT count(*)%s%s", pj_from, pj_where);
	*n = 0;
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	pj_bind_filter(st, f);
	return db_count_finish(db, st, &project_def, n, err);
}

static const char *const pj_row_sql[PJ_NCOLS] = {
	[PJ_TITLE] = "p.title",
	[PJ_YEAR] = "p.year",
	[PJ_DATE] = "p.date",
	[PJ_SOURCE] = "p.source",
	[PJ_PROPOSER] = "p.proposer",
	[PJ_DEPUTY] = "d.name",
	[PJ_SUGGESTION] = PJ_SUGGESTION_LABEL,
	[PJ_CATEGORY] = "p.category",
	[PJ_BUDGET] = "p.budget",
	[PJ_CONTENT] = "p.content",
	[PJ_X_STATUS] = "p.status",
	[PJ_X_UNIT] = "u.name",
	[PJ_X_PLANNED] = "p.planned_date",
	[PJ_X_PROGRESS] = "p.progress",
	[PJ_X_YES] = "(SELECT pv.yes FROM project_votes pv JOIN vote_sessions s ON s.id = pv.session_id"
		     " AND s.deleted = 0 WHERE pv.project_id = p.id ORDER BY s.date DESC, s.id DESC LIMIT 1)",
	[PJ_X_OVERDUE] = "CASE WHEN p.status = '实施' AND p.planned_date < ?6 THEN '超期' ELSE NULL END",
	[PJ_X_VOTES] = "(SELECT '赞成 ' || pv.yes || ' / 反对 ' || pv.no || ' / 弃权 ' || pv.abstain ||"
		       " CASE pv.passed WHEN 1 THEN '，通过' WHEN 0 THEN '，未通过' ELSE '' END"
		       " FROM project_votes pv JOIN vote_sessions s ON s.id = pv.session_id"
		       " AND s.deleted = 0 WHERE pv.project_id = p.id ORDER BY s.date DESC, s.id DESC LIMIT 1)",
	[PJ_X_JOINED] = "p.eval_joined",
	[PJ_X_SATISFIED] = "p.eval_satisfied + p.eval_basic",
};

static char *pj_order(int col, bool desc)
{
	const char *dir = desc ? "DESC" : "ASC";
	if (col < 0 || col >= PJ_NCOLS || col == PJ_CONTENT)
		return xstrdup("p.year DESC, p.date DESC, p.id DESC");
	if (col == PJ_X_STATUS)
		return xasprintf("CASE p.status WHEN '征集' THEN 0 WHEN '初选' THEN 1 WHEN '票决' THEN 2 WHEN '实施' THEN 3"
				 " WHEN '完成' THEN 4 WHEN '评价' THEN 5 WHEN '未通过' THEN 6 ELSE 7 END %s, p.id %s",
				 dir, dir);
	const char *expr = col == PJ_X_PROGRESS ? "p.progress" : pj_row_sql[col];
	return xasprintf("(%s IS NULL), %s %s, p.id %s", expr, expr, dir, dir);
}

int db_projects_page(struct db *db, const struct project_filter *f, int sort_col, bool desc, int64_t offset,
		     int limit, project_row_cb cb, void *ud, char **err)
{
	sqlite3_stmt *st = NULL;
	struct strbuf cols;
	char *order = pj_order(sort_col, desc), *sql;
	int rc = -1;
	sb_init(&cols);
	for (int i = 0; i < PJ_NCOLS; i++)
		sb_addf(&cols, ", %s", pj_row_sql[i]);
	sql = xasprintf("SELECT p.id%s%s%s ORDER BY %s LIMIT ?7 OFFSET ?8", cols.buf, pj_from, pj_where, order);
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	pj_bind_filter(st, f);
	sqlite3_bind_int(st, 7, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 8, offset < 0 ? 0 : offset);
	if (db_step_id_rows(db, st, PJ_NCOLS, cb, ud, &project_def, err) < 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	sb_free(&cols);
	free(order);
	free(sql);
	return rc;
}

int db_projects_overdue_count(struct db *db, const char *today, int64_t *n, char **err)
{
	struct project_filter f = { .overdue = true, .today = today };
	return db_projects_count(db, &f, n, err);
}

int db_projects_counts(struct db *db, const char *from, const char *to, struct project_counts *out, char **err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM projects WHERE deleted = 0 AND date BETWEEN ?1 AND ?2),"
		" (SELECT count(*) FROM project_votes pv JOIN vote_sessions s ON s.id = pv.session_id AND s.deleted = 0"
		"  JOIN projects p ON p.id = pv.project_id AND p.deleted = 0"
		"  WHERE pv.passed IS NOT NULL AND s.date BETWEEN ?1 AND ?2),"
		" (SELECT count(*) FROM project_votes pv JOIN vote_sessions s ON s.id = pv.session_id AND s.deleted = 0"
		"  JOIN projects p ON p.id = pv.project_id AND p.deleted = 0"
		"  WHERE pv.passed = 1 AND s.date BETWEEN ?1 AND ?2),"
		" (SELECT count(*) FROM projects WHERE deleted = 0 AND completed_date BETWEEN ?1 AND ?2),"
		" (SELECT coalesce(sum(p.eval_joined), 0) || ',' || coalesce(sum(p.eval_satisfied), 0) || ',' ||"
		"  coalesce(sum(p.eval_basic), 0) || ',' || coalesce(sum(p.eval_unsatisfied), 0)"
		"  FROM projects p WHERE p.deleted = 0 AND p.status = '评价' AND (SELECT max(e.date) FROM project_events e"
		"  WHERE e.project_id = p.id AND e.type = '测评') BETWEEN ?1 AND ?2)";
	sqlite3_stmt *st = NULL;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, str_empty(from) ? "0000-00-00" : from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, str_empty(to) ? "9999-99-99" : to, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(st), rc = -1;
	if (src == SQLITE_ROW) {
		long long j = 0, s = 0, b = 0, u = 0;
		out->proposed = sqlite3_column_int64(st, 0);
		out->voted = sqlite3_column_int64(st, 1);
		out->passed = sqlite3_column_int64(st, 2);
		out->completed = sqlite3_column_int64(st, 3);
		if (sscanf(db_column_text(st, 4), "%lld,%lld,%lld,%lld", &j, &s, &b, &u) == 4) {
			out->eval_joined = j;
			out->eval_satisfied = s;
			out->eval_basic = b;
			out->eval_unsatisfied = u;
		}
		rc = 0;
	} else {
		db_fail(db, src, NULL, err);
	}
	sqlite3_finalize(st);
	return rc;
}
