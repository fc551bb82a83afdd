/* 票决会议 in SQL: vote sessions (date, meeting, 应到, 实到), the projects each voted on with
 * 赞成/反对/弃权 (project_votes), and recording the results, which computes whether each
 * project passed by the rule (core/project.h project_passes) and moves it 票决 → 实施 or
 * 未通过. Every write is one transaction with its audit rows. */
#ifndef STATION_DB_VOTES_H
#define STATION_DB_VOTES_H

#include "core/action.h"
#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

/* A session as typed. */
struct vote_session {
	const char *date;    /* ISO, required, not after today */
	const char *meeting; /* required, <= 60 characters */
	int expected;        /* 应到 >= 1 */
	int present;         /* 实到 0..应到 */
};

/* Insert (id 0; *new_id) or update a session. Refusal fields: "date", "meeting", "expected",
 * "present"; 实到 cannot drop below the votes already recorded in it; a decided session is
 * not changed. */
int db_votes_session_save(struct db *db, int64_t id, const struct vote_session *s, const char *today,
			  int64_t *new_id, struct refusal *why);

/* A session as stored. Strings owned (db_vote_session_info_free). */
struct vote_session_info {
	int64_t id;
	char *date, *meeting, *rule; /* rule: "应到"/"实到" once decided, else "" */
	int expected, present;
	bool decided;
	int nprojects;
};
void db_vote_session_info_free(struct vote_session_info *s);
int db_votes_session_get(struct db *db, int64_t id, struct vote_session_info *out, char **err);

/* Sessions, newest first; the row callback gets the info borrowed for the call. */
typedef int (*vote_session_cb)(void *ud, const struct vote_session_info *s);
int db_votes_sessions_count(struct db *db, const char *text, int64_t *n, char **err);
int db_votes_sessions_page(struct db *db, const char *text, int64_t offset, int limit, vote_session_cb cb, void *ud,
			   char **err);

/* Record one project's votes in an undecided session: the project must be 初选 (it becomes 票决,
 * with a 提交票决 event), not already in this session ("project": "这个项目已经在本次会议表决过"),
 * and 赞成+反对+弃权 at most 实到 ("yes"). */
int db_votes_add(struct db *db, int64_t session_id, int64_t project_id, int yes, int no, int abstain,
		 struct refusal *why);

/* One project of a session, ranked by 赞成 (most first), then title. Borrowed for the call. */
struct vote_row {
	int64_t project_id;
	const char *title;
	int yes, no, abstain;
	int passed;         /* 1, 0, or -1 before the results are recorded */
	bool would_pass;    /* by the rule given to db_votes_rows */
};
typedef int (*vote_row_cb)(void *ud, const struct vote_row *r);
int db_votes_rows(struct db *db, int64_t session_id, bool of_present, vote_row_cb cb, void *ud, char **err);

/* Record the results: each project passes or not by the rule (of_present: more than half of
 * 实到, else of 应到); its row keeps passed, the project moves to 实施 (通过) or 未通过 dated the
 * session's date with an event; the session is marked decided with the rule. A session with no
 * project or already decided is refused. *npassed (may be NULL) gets how many passed. */
int db_votes_decide(struct db *db, int64_t session_id, bool of_present, int *npassed, struct refusal *why);

#endif
