/* 代表建议 (deputies' formal suggestions): the fields of a suggestion, their pick lists and
 * checks, and the state machine of its handling — the same shape as the case loop
 * (core/caseflow.h): the same 办理结果 and 满意度 tables (core/case.h), forms described by
 * action fields and refusals that name their field (core/action.h), an event per action
 * (db/suggestions.h: suggestion_events). No SQL and no curses here; the db layer stores what
 * these functions decide.
 *
 *   已提出 ──交办──▶ 办理中 ──答复──▶ 已答复 ──征询意见──▶ (满意/基本满意) ──办结──▶ 办结
 *                     │ ▲                        └──(不满意) ──重办──▶ 办理中 (new due date)
 *                     └─┘ 延期 (only in 办理中; its reason required)
 *
 * 征询意见 records the deputies' satisfaction with this round's reply (and leaves it 已答复);
 * a satisfied one allows 办结, an unsatisfied one requires 重办. 重办 starts a new round: back to
 * 办理中 with a new due date (3 months from the 重办 unless given), and the reply, result and
 * satisfaction of the last round cleared from the row (the timeline keeps them).
 *
 * The status changes ONLY through these actions (suggestion_apply). The form (suggestion_def)
 * edits the description of a suggestion at any time; the handling fields in it (承办单位,
 * 办理时限, 答复…, 满意度) are corrections of what an action already wrote, so they must be
 * empty before that action and filled after it (suggestion_check_stage).
 *
 * The 3-month rule: 交办 sets the due date (办理时限) to the assigned date + 3 calendar months
 * (the same day of the month, or the month's last day: 11-30 + 3 months = 02-28) unless the
 * clerk gives an earlier one. 延期 moves it later; all extensions together reach at most 3
 * months beyond the original statutory due date, i.e. the due date is never later than the
 * assigned date + 6 months ("延期已满 3 个月，不能再延"). The number of extensions is kept.
 * After a 重办 the months count from the 重办 date.
 *
 * Dates are "YYYY-MM-DD"; "" means none. Refusals are Chinese sentences for the clerk. */
#ifndef STATION_SUGGESTION_H
#define STATION_SUGGESTION_H

#include "core/action.h"
#include "core/case.h"
#include "core/record.h"

#include <stdbool.h>
#include <stdint.h>

/* Field indexes into suggestion values; keep in the order of suggestion_fields in suggestion.c.
 * Fields naming other records hold what the form shows (labels, names, case numbers); a save
 * passes their ids beside the values (db/suggestions.h struct suggestion_ids). */
enum suggestion_field {
	SUG_NO,           /* 编号: optional, <= 30 characters, unique when given */
	SUG_TITLE,        /* 标题: required, <= 60 */
	SUG_LEAD,         /* 领衔代表: required; FK_CHOICE, choice_open, items supplied at run time
			   * (deputy_labels: "张三" or "张三（县，城关镇人民政府）") */
	SUG_COSPONSORS,   /* 附议代表: FK_MULTI of the same items, joined by "、" */
	SUG_DATE,         /* 提出日期: required, default today */
	SUG_CATEGORY,     /* 类别: one of suggestion_categories, required */
	SUG_CONTENT,      /* 内容: memo, <= 3000 */
	SUG_UNIT,         /* 承办单位: FK_CHOICE, choice_open, unit names supplied at run time;
			   * written by 交办 */
	SUG_DUE,          /* 办理时限: date; written by 交办 (empty there: 3 months) and 延期 */
	SUG_REPLY_DATE,   /* 答复日期: written by 答复 */
	SUG_REPLY,        /* 答复内容: memo, written by 答复 */
	SUG_RESULT,       /* 办理结果: the letter A-D (case_result_codes); written by 答复 */
	SUG_SATISFACTION, /* 满意度: case_sat_choices; written by 征询意见 */
	SUG_CASES,        /* 关联案件: FK_MULTI of case numbers (cases.case_no), joined by "、" */
	SUG_NFIELDS
};

/* Columns a list row carries after the fields (db_suggestions_page): index SUG_NFIELDS on.
 * They are not in the form: the actions write them. A list may show and sort by them. */
enum suggestion_extra {
	SUG_X_STATUS = SUG_NFIELDS, /* 状态: 已提出/办理中/已答复/办结 */
	SUG_X_ASSIGNED,             /* 交办日期 */
	SUG_X_EXTENSIONS,           /* 延期次数, as decimal text ("0") */
	SUG_X_CLOSED,               /* 办结日期 */
	SUG_X_OVERDUE,              /* "超期" when 办理中 and the due date is before today, else "" */
	SUG_NCOLS
};

/* The suggestion form (table suggestions). Its cross-field check: 答复内容 and 答复日期 go
 * together; 满意度 needs a reply; 办理时限 and 答复日期 not before 提出日期. */
extern const struct record_def suggestion_def;

/* NULL-terminated lists of the stored values. 办理结果 and 满意度 are core/case.h's
 * (case_result_codes, case_result_choices, case_sat_choices); the form's check (record_check)
 * turns a picked "A 已解决或基本解决" back into its letter. */
extern const char *const suggestion_categories[]; /* 财政经济 农业农村 城建环资 教科文卫 内务司法 社会建设 */
extern const char *const suggestion_statuses[]; /* 已提出 办理中 已答复 办结 */
/* Label of the column of a row value (fields and enum suggestion_extra), e.g. "状态". */
const char *suggestion_col_label(int col);

/* Status of a suggestion, as stored in suggestions.status. */
enum suggestion_status {
	SS_RAISED,   /* 已提出 */
	SS_HANDLING, /* 办理中 */
	SS_REPLIED,  /* 已答复 */
	SS_CLOSED,   /* 办结 */
	SS_COUNT
};
/* Actions of the handling, in the order a menu offers them. Their labels are also the types of
 * suggestion_events, besides "提出" (written when a suggestion is entered). */
enum suggestion_action {
	SA_ASSIGN,   /* 交办: 已提出 → 办理中 */
	SA_EXTEND,   /* 延期: 办理中 → 办理中 */
	SA_REPLY,    /* 答复: 办理中 → 已答复 */
	SA_FOLLOWUP, /* 征询意见: 已答复 → 已答复, the round's satisfaction */
	SA_REDO,     /* 重办: 已答复 (不满意) → 办理中 */
	SA_CLOSE,    /* 办结: 已答复 (满意/基本满意) → 办结 */
	SA_COUNT
};
/* Labels ("" for a bad value; static) and parsing (-1 for an unknown label). */
const char *suggestion_status_label(enum suggestion_status s);
int suggestion_status_parse(const char *label);
const char *suggestion_action_label(enum suggestion_action a);
int suggestion_action_parse(const char *label);

/* Most calendar months of the first due date, and of all extensions together. */
#define SUGGESTION_DUE_MONTHS    3
#define SUGGESTION_EXTEND_MONTHS 3
/* Limits of an action's text, in characters. */
#define SUGGESTION_REPLY_CHARS 3000
#define SUGGESTION_NOTE_CHARS  500

/* The form of action a as action fields (core/action.h), in the order shown; returns their
 * number. The keys are the ones suggestion_apply() names in a refusal. The label of 延期's
 * "due" ("延期至") is the place for the screen to add how far it may go. */
int suggestion_form(enum suggestion_action a, struct action_field out[ACTION_MAX_FIELDS]);

/* Where a suggestion stands: the columns of its row the machine reads or writes.
 * Plain value: copy freely. */
struct suggestion_state {
	enum suggestion_status status;
	char date[11];              /* 提出日期 (always set) */
	int64_t unit_id;            /* 承办单位 (0: none) */
	char assigned[11];          /* 交办日期 */
	char due[11];               /* 办理时限 */
	int extensions;             /* 延期次数 */
	char reply[11];             /* 答复日期 of this round */
	char result;                /* 办理结果 'A'..'D' of this round, 0 none */
	char followup[11];          /* 征询意见日期 of this round */
	enum case_sat satisfaction; /* 满意度 of this round's 征询意见 (CASE_SAT_NONE: not yet) */
	int redo_count;             /* 重办次数 */
	char redone[11];            /* date of the last 重办 ("" none): the round's months count from it */
	char closed[11];            /* 办结日期 */
	char last[11];              /* date of the last action ("" none): a new one is not earlier */
};

/* One action. Strings are borrowed; NULL and "" mean not given. */
struct suggestion_act {
	enum suggestion_action action;
	const char *date;           /* the action's date (交办日期, 答复日期 ...); NULL/"": today */
	int64_t unit_id;            /* 交办: required (db_suggestions_act also takes unit by name) */
	const char *due;            /* 交办, 重办: optional explicit due date (<= that date + 3 months);
				     * 延期: the new due date, required */
	const char *note;           /* 延期: the reason, required; the others: a remark (<= 500) */
	const char *content;        /* 答复: the reply, required (<= 3000 characters) */
	char result;                /* 答复: 'A'..'D' (case_result_parse), required */
	enum case_sat satisfaction; /* 征询意见: required */
	const char *who;            /* who did it; the db layer writes the clerk if empty */
};

/* Whether action a is possible in state s at all (status and the round's satisfaction). On
 * refusal false and *why (if why) a static sentence ("尚未交办，不能答复"). */
bool suggestion_allowed(const struct suggestion_state *s, enum suggestion_action a, const char **why);

/* Check act against s and compute the state after it into *next (may be s). today "YYYY-MM-DD".
 * On refusal -1, *next untouched, *why (may be NULL) the refusal: a new sentence and the key of
 * its field ("unit_id", "date", "due", "note", "content", "result", "satisfaction"; NULL when
 * the action is not possible now). On success 0, *why emptied. Effects: 交办 sets unit_id,
 * assigned, due (explicit or assigned + 3 months), status 办理中; 延期 sets due, extensions + 1;
 * 答复 sets reply, result, status 已答复 and clears the round's satisfaction; 征询意见 sets
 * followup and satisfaction; 重办 sets redone, due (as 交办 does), redo_count + 1, status 办理中
 * and clears reply, result, followup, satisfaction; 办结 sets closed, status 办结. Every action
 * sets last.
 * Dates: never after today, never before 提出日期 nor the last action's date; 答复 not before
 * 交办; 征询意见 and 办结 not before 答复. Due dates: at 交办/重办 not before that date and not
 * after it + 3 months; at 延期 after the current due date and not after
 * suggestion_extend_limit(). */
int suggestion_apply(const struct suggestion_state *s, const struct suggestion_act *act, const char *today,
		     struct suggestion_state *next, struct refusal *why);

/* The latest due date 延期 may reach: assigned (or the last 重办) + 3 + 3 months ("" when not
 * assigned). */
void suggestion_extend_limit(const struct suggestion_state *s, char out[11]);
/* The first due date of 交办 on assigned: assigned + 3 months. */
void suggestion_default_due(const char *assigned, char out[11]);
/* iso + n calendar months (n >= 0), clamped to the last day of the month. "" for a bad date. */
void suggestion_add_months(const char *iso, int n, char out[11]);

/* True if the suggestion is 办理中 and its due date is before today. */
bool suggestion_overdue(const struct suggestion_state *s, const char *today);
/* The next step for the clerk in status st with the round's satisfaction sat ("待交办",
 * "待答复", "待征询意见", "待办结", "待重办", "已办结"). Static. */
const char *suggestion_next_step(enum suggestion_status st, enum case_sat sat);

/* The form's handling fields against the status (the stage rule above): a field an action
 * has not written yet must be empty, one it has written must stay filled. Sets msgs[i] for
 * each bad field (static messages, e.g. "尚未交办：请用“交办”填写") and returns their number.
 * msgs has SUG_NFIELDS entries; entries of good fields are left as they are. */
int suggestion_check_stage(enum suggestion_status status, char *const *vals, const char **msgs);

/* Everything a form save checks against the stored state s, besides record_check():
 * suggestion_check_stage(s->status), and the dates the actions fixed: 提出日期 not after 交办;
 * 办理时限 not before 交办, not after assigned + 3 months while never extended (longer: use
 * 延期), never after suggestion_extend_limit(); 答复日期 not before 交办 and not after 办结.
 * Sets msgs[i] (static or interned messages) and returns the number of bad fields. */
int suggestion_check_edit(const struct suggestion_state *s, char *const *vals, const char **msgs);

#endif
