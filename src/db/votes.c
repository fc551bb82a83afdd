/* 票决会议 in SQL: sessions, the votes of each project, and recording the results. See
 * db/votes.h. */
#include "db/votes.h"

#include "db/internal.h"
#include "db/projects.h"
#include "db/record.h"

#include "core/project.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sessions ---- */

static int vt_check(const struct vote_session *s, const char *today, char date[11], struct refusal *why)
{
	const char *e;
	if (str_empty(s->date))
		return refusal_set(why, "date", xstrdup("请填写会议日期"));
	if ((e = date_parse(s->date, today, date)))
		return refusal_set(why, "date", xasprintf("会议日期：%s", e));
	if (today && strcmp(date, today) > 0)
		return refusal_set(why, "date", xstrdup("会议日期不能晚于今天：开过会才录入票决结果"));
	if (str_empty(s->meeting))
		return refusal_set(why, "meeting", xstrdup("请填写会议名称"));
	if ((e = valid_text(s->meeting, 60, false)))
		return refusal_set(why, "meeting", xasprintf("会议名称：%s", e));
	return project_session_check(s->expected, s->present, why);
}

/* One integer from sql with ?1 bound to id; -1 on error. */
static int vt_int(struct db *db, const char *sql, int64_t id, int64_t *out, char **err)
{
	sqlite3_stmt *st = NULL;
	*out = 0;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return db_fail(db, src, NULL, err);
	return 0;
}

int db_votes_session_save(struct db *db, int64_t id, const struct vote_session *s, const char *today,
			  int64_t *new_id, struct refusal *why)
{
	char date[11], *err = NULL;
	sqlite3_stmt *st = NULL;
	int64_t most = 0, decided = 0;
	if (vt_check(s, today, date, why) < 0)
		return -1;
	if (db_begin(db, &err) < 0)
		goto fail;
	if (id) {
		if (vt_int(db, "SELECT decided FROM vote_sessions WHERE id = ?1", id, &decided, &err) < 0 ||
		    vt_int(db, "SELECT coalesce(max(yes + no + abstain), 0) FROM project_votes WHERE session_id = ?1", id,
			   &most, &err) < 0)
			goto rollback;
		if (decided) {
			refusal_set(why, NULL, xstrdup("这次会议的结果已经公布，不能再修改"));
			goto rollback;
		}
		if (most > s->present) {
			refusal_set(why, "present",
				    xasprintf("已录入的项目中有一项合计 %lld 票，实到人数不能少于这个数", (long long)most));
			goto rollback;
		}
	}
	if (db_prepare(db,
		       id ? "UPDATE vote_sessions SET (date, meeting, expected, present, updated_at) = (?1, ?2, ?3, ?4, " DB_NOW_SQL
			    ") WHERE id = ?5 AND deleted = 0"
			  : "INSERT INTO vote_sessions (date, meeting, expected, present) VALUES (?1, ?2, ?3, ?4)",
		       &st, &err) < 0)
		goto rollback;
	sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 2, s->meeting);
	sqlite3_bind_int(st, 3, s->expected);
	sqlite3_bind_int(st, 4, s->present);
	if (id)
		sqlite3_bind_int64(st, 5, id);
	int src = sqlite3_step(st);
	sqlite3_finalize(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, &err);
		goto rollback;
	}
	if (!id && new_id)
		*new_id = sqlite3_last_insert_rowid(db_handle(db));
	if (db_commit(db, &err) < 0)
		goto fail;
	return 0;
rollback:
	db_rollback(db);
fail:
	if (err)
		refusal_set(why, NULL, err);
	return -1;
}

void db_vote_session_info_free(struct vote_session_info *s)
{
	if (!s)
		return;
	free(s->date);
	free(s->meeting);
	free(s->rule);
	memset(s, 0, sizeof *s);
}

static const char vt_cols[] = "s.id, s.date, s.meeting, coalesce(s.rule, ''), s.expected, s.present, s.decided,"
			      " (SELECT count(*) FROM project_votes pv WHERE pv.session_id = s.id)";

static void vt_read(sqlite3_stmt *st, struct vote_session_info *s, bool copy)
{
	s->id = sqlite3_column_int64(st, 0);
	s->date = copy ? xstrdup(db_column_text(st, 1)) : (char *)db_column_text(st, 1);
	s->meeting = copy ? xstrdup(db_column_text(st, 2)) : (char *)db_column_text(st, 2);
	s->rule = copy ? xstrdup(db_column_text(st, 3)) : (char *)db_column_text(st, 3);
	s->expected = sqlite3_column_int(st, 4);
	s->present = sqlite3_column_int(st, 5);
	s->decided = sqlite3_column_int(st, 6);
	s->nprojects = sqlite3_column_int(st, 7);
}

int db_votes_session_get(struct db *db, int64_t id, struct vote_session_info *out, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT %s FROM vote_sessions s WHERE s.id = ?1 AND s.deleted = 0", vt_cols);
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (db_prepare(db, sql, &st, err) == 0) {
		sqlite3_bind_int64(st, 1, id);
		int src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			vt_read(st, out, true);
			rc = 0;
		} else if (src == SQLITE_DONE) {
			db_fail_msg(err, "找不到这次票决会议，可能已被删除");
		} else {
			db_fail(db, src, NULL, err);
		}
	}
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

static void vt_bind_text(sqlite3_stmt *st, const char *text)
{
	if (!str_empty(text)) {
		char *like = db_rec_like(text);
		sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
		free(like);
	}
}

int db_votes_sessions_count(struct db *db, const char *text, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	*n = 0;
	if (db_prepare(db,
		       "SELECT count(*) FROM vote_sessions WHERE deleted = 0 AND (?1 IS NULL OR meeting LIKE ?1 ESCAPE '\\')",
		       &st, err) < 0)
		return -1;
	vt_bind_text(st, text);
	return db_count_finish(db, st, NULL, n, err);
}

int db_votes_sessions_page(struct db *db, const char *text, int64_t offset, int limit, vote_session_cb cb, void *ud,
			   char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT %s FROM vote_sessions s WHERE s.deleted = 0 AND (?1 IS NULL OR s.meeting LIKE ?1"
			      " ESCAPE '\\') ORDER BY s.date DESC, s.id DESC LIMIT ?2 OFFSET ?3",
			      vt_cols);
	int rc = -1, src;
	if (db_prepare(db, sql, &st, err) < 0)
		goto out;
	vt_bind_text(st, text);
	sqlite3_bind_int(st, 2, limit < 0 ? -1 : limit);
	sqlite3_bind_int64(st, 3, offset < 0 ? 0 : offset);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct vote_session_info s;
		vt_read(st, &s, false);
		if (cb(ud, &s))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		db_fail(db, src, NULL, err);
	else
		rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

/* ---- votes ---- */

int db_votes_add(struct db *db, int64_t session_id, int64_t project_id, int yes, int no, int abstain,
		 struct refusal *why)
{
	struct vote_session_info s = { 0 };
	struct project_state ps, next;
	sqlite3_stmt *st = NULL;
	char *err = NULL;
	int64_t dup = 0;
	refusal_clear(why);
	if (project_id <= 0)
		return refusal_set(why, "project", xstrdup("请选择项目"));
	if (db_begin(db, &err) < 0)
		goto fail;
	if (db_votes_session_get(db, session_id, &s, &err) < 0)
		goto rollback;
	if (s.decided) {
		refusal_set(why, NULL, xstrdup("这次会议的结果已经公布，不能再录入"));
		goto rollback;
	}
	if (db_prepare(db, "SELECT count(*) FROM project_votes WHERE session_id = ?1 AND project_id = ?2", &st, &err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, project_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		dup = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (dup) {
		refusal_set(why, "project", xstrdup("这个项目已经在本次会议表决过，不能重复录入"));
		goto rollback;
	}
	if (db_projects_state(db, project_id, &ps, &err) < 0) {
		refusal_set(why, "project", err);
		err = NULL;
		goto rollback;
	}
	if (project_votes_check(s.present, yes, no, abstain, why) < 0)
		goto rollback;
	if (project_ballot(&ps, &next, why) < 0) {
		if (why)
			why->field = "project";
		goto rollback;
	}
	if (db_prepare(db, "INSERT INTO project_votes (session_id, project_id, yes, no, abstain) VALUES (?1, ?2, ?3, ?4, ?5)",
		       &st, &err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_int64(st, 2, project_id);
	sqlite3_bind_int(st, 3, yes);
	sqlite3_bind_int(st, 4, no);
	sqlite3_bind_int(st, 5, abstain);
	int src = sqlite3_step(st);
	sqlite3_finalize(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, &err);
		goto rollback;
	}
	char *note = xasprintf("%s：赞成 %d，反对 %d，弃权 %d", s.meeting, yes, no, abstain);
	int rc = db_projects_write_state(db, project_id, &next, &err) < 0 ||
			 db_projects_event(db, project_id, "提交票决", s.date, note, PS_VOTING, session_id, &err) < 0
		? -1
		: 0;
	free(note);
	if (rc < 0)
		goto rollback;
	db_vote_session_info_free(&s);
	if (db_commit(db, &err) < 0)
		goto fail;
	return 0;
rollback:
	db_rollback(db);
	db_vote_session_info_free(&s);
fail:
	if (err)
		refusal_set(why, NULL, err);
	else if (why && !why->msg)
		refusal_set(why, NULL, xstrdup("没有保存"));
	return -1;
}

int db_votes_rows(struct db *db, int64_t session_id, bool of_present, vote_row_cb cb, void *ud, char **err)
{
	static const char sql[] =
		"SELECT pv.project_id, p.title, pv.yes, pv.no, pv.abstain, coalesce(pv.passed, -1), s.expected, s.present"
		" FROM project_votes pv JOIN projects p ON p.id = pv.project_id JOIN vote_sessions s ON s.id ="
		" pv.session_id WHERE pv.session_id = ?1 ORDER BY pv.yes DESC, p.title, p.id";
	sqlite3_stmt *st = NULL;
	int src, rc = -1;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, session_id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		struct vote_row r = {
			.project_id = sqlite3_column_int64(st, 0),
			.title = db_column_text(st, 1),
			.yes = sqlite3_column_int(st, 2),
			.no = sqlite3_column_int(st, 3),
			.abstain = sqlite3_column_int(st, 4),
			.passed = sqlite3_column_int(st, 5),
		};
		r.would_pass = project_passes(of_present, sqlite3_column_int(st, 6), sqlite3_column_int(st, 7), r.yes);
		if (cb(ud, &r))
			break;
	}
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		db_fail(db, src, NULL, err);
	else
		rc = 0;
	sqlite3_finalize(st);
	return rc;
}

/* The projects of a session and their 赞成 (for deciding). */
struct vt_pick {
	int64_t id[512];
	int yes[512];
	int n;
};

static int vt_pick_row(void *ud, const struct vote_row *r)
{
	struct vt_pick *p = ud;
	if (p->n >= (int)ARRAY_LEN(p->id))
		return 1;
	p->id[p->n] = r->project_id;
	p->yes[p->n++] = r->yes;
	return 0;
}

int db_votes_decide(struct db *db, int64_t session_id, bool of_present, int *npassed, struct refusal *why)
{
	struct vote_session_info s = { 0 };
	struct vt_pick *pick = xcalloc(1, sizeof *pick);
	sqlite3_stmt *st = NULL;
	char *err = NULL;
	int passed = 0;
	refusal_clear(why);
	if (db_begin(db, &err) < 0)
		goto fail;
	if (db_votes_session_get(db, session_id, &s, &err) < 0 || db_votes_rows(db, session_id, of_present, vt_pick_row, pick, &err) < 0)
		goto rollback;
	if (s.decided || pick->n == 0) {
		refusal_set(why, NULL, xstrdup(s.decided ? "这次会议的结果已经公布过了" : "这次会议还没有录入任何项目的票数"));
		goto rollback;
	}
	for (int i = 0; i < pick->n; i++) {
		struct project_state ps, next;
		bool ok = project_passes(of_present, s.expected, s.present, pick->yes[i]);
		if (db_projects_state(db, pick->id[i], &ps, &err) < 0)
			goto rollback;
		if (project_decide(&ps, ok, s.date, &next, why) < 0)
			goto rollback;
		if (db_prepare(db, "UPDATE project_votes SET passed = ?3, updated_at = " DB_NOW_SQL
				   " WHERE session_id = ?1 AND project_id = ?2",
			       &st, &err) < 0)
			goto rollback;
		sqlite3_bind_int64(st, 1, session_id);
		sqlite3_bind_int64(st, 2, pick->id[i]);
		sqlite3_bind_int(st, 3, ok);
		int src = sqlite3_step(st);
		sqlite3_finalize(st);
		if (src != SQLITE_DONE) {
			db_fail(db, src, NULL, &err);
			goto rollback;
		}
		char *note = xasprintf("赞成 %d 票，%s（%s，需 %d 票）", pick->yes[i], ok ? "通过" : "未通过",
				       project_rule_label(of_present), project_pass_need(of_present, s.expected, s.present));
		int rc = db_projects_write_state(db, pick->id[i], &next, &err) < 0 ||
				 db_projects_event(db, pick->id[i], ok ? "通过" : "未通过", s.date, note, next.status,
						   session_id, &err) < 0
			? -1
			: 0;
		free(note);
		if (rc < 0)
			goto rollback;
		passed += ok;
	}
	if (db_prepare(db, "UPDATE vote_sessions SET decided = 1, rule = ?2, updated_at = " DB_NOW_SQL " WHERE id = ?1", &st,
		       &err) < 0)
		goto rollback;
	sqlite3_bind_int64(st, 1, session_id);
	sqlite3_bind_text(st, 2, of_present ? "实到" : "应到", -1, SQLITE_STATIC);
	int src = sqlite3_step(st);
	sqlite3_finalize(st);
	if (src != SQLITE_DONE) {
		db_fail(db, src, NULL, &err);
		goto rollback;
	}
	if (db_commit(db, &err) < 0)
		goto fail;
	if (npassed)
		*npassed = passed;
	db_vote_session_info_free(&s);
	free(pick);
	return 0;
rollback:
	db_rollback(db);
fail:
	if (err)
		refusal_set(why, NULL, err);
	else if (why && !why->msg)
		refusal_set(why, NULL, xstrdup("没有公布"));
	db_vote_session_info_free(&s);
	free(pick);
	return -1;
}
