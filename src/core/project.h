/* 民生实事项目 (票决制): the fields of a project, the state machine from 群众点题 to 评价, the
 * pass rule of a vote and the 满意度测评. Pure functions: no SQL, no curses. db/projects.c and
 * db/votes.c store what these decide; docs/PROJECTS.md says it for clerks.
 *
 *   征集 ──入选──▶ 初选 ──(a vote session takes it)──▶ 票决 ──(results: passed)──▶ 实施
 *     └──不入选 (reason)──▶ 未入选                       └──(results: failed)──▶ 未通过
 *   实施: 落实 (承办单位, 计划完成日期), 进度 (date, percent), 督查 (an activity of type 督查)
 *   实施 ──完成──▶ 完成 ──测评 (满意/基本满意/不满意)──▶ 评价   (督查 also allowed in 完成)
 *
 * Every step is an event (project_events: date, who, note). A project's status changes only
 * through project_apply (the actions a clerk picks) and project_ballot / project_decide (what a
 * vote session does). Dates are "YYYY-MM-DD"; refusals name their field (core/action.h). */
#ifndef STATION_PROJECT_H
#define STATION_PROJECT_H

#include "core/action.h"
#include "core/record.h"

#include <stdbool.h>
#include <stdint.h>

/* Field indexes into project values (the form, table projects); keep in the order of
 * project_fields in project.c. */
enum project_field {
	PJ_TITLE,      /* 项目名称: required, <= 60 */
	PJ_YEAR,       /* 年度: the year of the 民生实事 plan, 2000..2100, required */
	PJ_DATE,       /* 征集日期: required, default today */
	PJ_SOURCE,     /* 来源: one of project_sources, required */
	PJ_PROPOSER,   /* 提出人: who proposed it (a resident, a council), <= 40 */
	PJ_DEPUTY,     /* 提出代表: FK_CHOICE of deputies supplied at run time (the id travels) */
	PJ_SUGGESTION, /* 来源建议: FK_CHOICE of 代表建议 supplied at run time (the id travels);
			* required when 来源 is 代表建议 */
	PJ_CATEGORY,   /* 类别: one of project_categories */
	PJ_BUDGET,     /* 估算资金（万元）: a number >= 0 with at most 2 decimals, or empty */
	PJ_CONTENT,    /* 内容: memo, <= 3000 */
	PJ_NFIELDS
};

/* Columns a list row carries after the fields (db_projects_page). */
enum project_extra {
	PJ_X_STATUS = PJ_NFIELDS, /* 状态 */
	PJ_X_UNIT,                /* 承办单位 */
	PJ_X_PLANNED,             /* 计划完成日期 */
	PJ_X_PROGRESS,            /* 进度 (0..100 as text) */
	PJ_X_YES,                 /* 赞成票 of its vote ("" before the vote) */
	PJ_X_OVERDUE,             /* "超期" when 实施 and the planned date is before today */
	PJ_X_VOTES,               /* its latest vote: "赞成 25 / 反对 2 / 弃权 2，通过" ("" none; no
				   * verdict while the session has not announced it) */
	PJ_X_JOINED,              /* 满意度测评: 参加人数 (0 before) */
	PJ_X_SATISFIED,           /* 满意 + 基本满意 */
	PJ_NCOLS
};

extern const struct record_def project_def;
extern const char *const project_sources[];    /* 来访 代表建议 居民议事会 代表 其他 */
extern const char *const project_categories[]; /* 城乡建设 教育 医疗卫生 养老托育 ... 其他 */
extern const char *const project_statuses[];   /* in enum project_status order */

enum project_status {
	PS_COLLECTED,   /* 征集: proposed (群众点题) */
	PS_SHORTLISTED, /* 初选: kept by the deputies (代表选题), a candidate for the vote */
	PS_DROPPED,     /* 未入选: dropped at 初选, with the reason */
	PS_VOTING,      /* 票决: on a vote session */
	PS_CARRYING,    /* 实施: passed, being carried out */
	PS_REJECTED,    /* 未通过: failed the vote */
	PS_DONE,        /* 完成 */
	PS_EVALUATED,   /* 评价: 满意度测评 recorded */
	PS_COUNT
};

/* The actions a clerk picks on a project's screen. Their labels are event types; the others:
 * 征集 (entered), 提交票决 (project_ballot), 通过 / 未通过 (project_decide). */
enum project_action {
	PA_KEEP,     /* 入选: 征集 → 初选 */
	PA_DROP,     /* 不入选: 征集 → 未入选, reason required */
	PA_ARRANGE,  /* 落实: 实施; 承办单位 and 计划完成日期 */
	PA_PROGRESS, /* 进度: 实施; date, percent; going backwards needs a note */
	PA_INSPECT,  /* 督查: 实施 or 完成; the deputies who went (an activity of type 督查) */
	PA_COMPLETE, /* 完成: 实施 → 完成; not before the vote */
	PA_EVALUATE, /* 测评: 完成 → 评价; 满意 + 基本满意 + 不满意 = 参加人数 */
	PA_COUNT
};

const char *project_status_label(enum project_status s); /* "" for a bad value; static */
int project_status_parse(const char *label);             /* -1 for an unknown label */
const char *project_action_label(enum project_action a);

/* The form of action a as action fields (keys: date, note, unit_id, due, percent, deputies,
 * joined, satisfied, basic, unsatisfied), in the order shown; returns their number. */
int project_form(enum project_action a, struct action_field out[ACTION_MAX_FIELDS]);

/* Where a project stands: the columns of its row the machine reads or writes. Plain value. */
struct project_state {
	enum project_status status;
	char date[11];      /* 征集日期 */
	char vote_date[11]; /* the date of the session that decided it ("" before) */
	int64_t unit_id;    /* 承办单位 (0: not arranged) */
	char planned[11];   /* 计划完成日期 */
	int progress;       /* percent, 0..100 */
	char completed[11]; /* 完成日期 */
	char last[11];      /* date of the last event ("" none): a new one is not earlier */
	int joined, satisfied, basic, unsatisfied; /* 满意度测评 (评价) */
};

/* One action. Strings borrowed; NULL and "" mean not given. */
struct project_act {
	enum project_action action;
	const char *date; /* NULL/"": today */
	const char *note; /* 不入选: the reason (required); 进度 backwards: required */
	int64_t unit_id;  /* 落实: required */
	const char *due;  /* 落实: 计划完成日期, required */
	int percent;      /* 进度: 0..100; -1 not given */
	int ndeputies;    /* 督查: the deputies who went (at least 1) */
	int joined, satisfied, basic, unsatisfied; /* 测评: -1 not given */
	const char *who;  /* who recorded it; the db layer writes the clerk if empty */
};

/* Whether action a is possible in status st; else false and *why a static sentence. */
bool project_allowed(enum project_status st, enum project_action a, const char **why);
/* Check act against s and compute the state after it into *next. On refusal -1 and *why names
 * the field (NULL: not possible now). Dates: not after today, not before 征集日期 or the last
 * event; 完成 not before the vote; 测评 not before 完成. */
int project_apply(const struct project_state *s, const struct project_act *act, const char *today,
		  struct project_state *next, struct refusal *why);

/* A vote session takes the project (初选 → 票决); refused (field NULL) from any other status. */
int project_ballot(const struct project_state *s, struct project_state *next, struct refusal *why);
/* The session's results: 票决 → 实施 (passed) or 未通过, dated date (the session's). */
int project_decide(const struct project_state *s, bool passed, const char *date, struct project_state *next,
		   struct refusal *why);

/* ---- the vote (票决) ---- */

/* A session's 应到/实到: 应到 at least 1, 实到 0..应到. Refusal fields "expected", "present". */
int project_session_check(int expected, int present, struct refusal *why);
/* One project's 赞成/反对/弃权 against 实到: each >= 0 and together at most 实到 (field "yes"). */
int project_votes_check(int present, int yes, int no, int abstain, struct refusal *why);
/* The pass rule ([projects] pass_rule): yes is more than half (strictly) of 实到 when
 * of_present, else of 应到. 31 应到 needs 16; a tie fails; abstentions count as not for. */
bool project_passes(bool of_present, int expected, int present, int yes);
/* The fewest 赞成 that pass under the rule. */
int project_pass_need(bool of_present, int expected, int present);
/* The rule's name for messages: "超过应到人数的一半" / "超过实到人数的一半". Static. */
const char *project_rule_label(bool of_present);

/* ---- 满意度测评 ---- */

/* (满意 + 基本满意) / 参加人数 as a percentage, or -1 when nobody took part. */
double project_sat_rate(int joined, int satisfied, int basic);

/* True if the project is 实施 and its planned date is before today. */
bool project_overdue(const struct project_state *s, const char *today);

#endif
