/* The case loop (DESIGN §4) as pure functions: no database, no screen. The db layer loads a
 * case's state, asks caseflow_apply() for the next state, and writes both the row and the
 * event in one transaction (db/cases.h: db_cases_act). The UI may call the same functions to
 * grey out actions (caseflow_allowed) or preview a due date (caseflow_apply on a copy).
 *
 *   受理 ──交办──▶ 办理中 ──答复──▶ 已答复 ──回访──▶ (满意/基本满意) ──办结──▶ 办结
 *     │              │  ▲ 催办/延期         └──(不满意) ──重办──▶ 办理中 (new due date)
 *     │              └─退回 (wrong unit) ──▶ 受理
 *     └─当场答复 (content and satisfaction) ──▶ 办结
 *
 * 回访 leaves the case 已答复 and records the satisfaction of this round; a satisfied one
 * allows 办结, an unsatisfied one requires 重办. A new 答复 starts a new round: it clears the
 * previous 回访 (date, satisfaction, way) from the state.
 *
 * Dates of an action: never after today, never before the received date nor the date of the
 * case's last event; 答复 not before the assignment, 回访 not before the reply. An empty date
 * means today. Refusals are Chinese sentences for the clerk that name the field they concern
 * (struct refusal, core/action.h), so a form puts the cursor there. */
#ifndef STATION_CASEFLOW_H
#define STATION_CASEFLOW_H

#include "core/action.h"
#include "core/calendar.h"
#include "core/case.h"

#include <stdbool.h>
#include <stdint.h>

/* Status of a case, as stored in cases.status. */
enum case_status {
	CS_RECEIVED, /* 受理 */
	CS_HANDLING, /* 办理中 */
	CS_REPLIED,  /* 已答复 */
	CS_CLOSED,   /* 办结 */
	CS_COUNT
};

/* Events of a case's timeline, as stored in case_events.type. */
enum case_event {
	CE_RECEIVE,    /* 受理 (written by db_cases_create only) */
	CE_ASSIGN,     /* 交办 */
	CE_URGE,       /* 催办 */
	CE_EXTEND,     /* 延期 */
	CE_RETURN,     /* 退回 */
	CE_REPLY,      /* 答复 */
	CE_SPOT_REPLY, /* 当场答复 */
	CE_FOLLOWUP,   /* 回访 */
	CE_REDO,       /* 重办 */
	CE_CLOSE,      /* 办结 */
	CE_COUNT
};

/* Chinese label of a status / event ("" for a bad value). Borrowed, static. */
const char *caseflow_status_label(enum case_status s);
const char *caseflow_event_label(enum case_event e);
/* The status / event of a stored label, or -1. */
int caseflow_status_parse(const char *label);
int caseflow_event_parse(const char *label);

/* The fields of an action's form (bits of caseflow_fields()). */
enum case_field_bit {
	CN_UNIT = 1,          /* unit_id (交办) */
	CN_WORKDAYS = 2,      /* workdays (交办, 重办; default from station.ini) */
	CN_DUE = 4,           /* due: an explicit due date (交办, 重办), the new due date (延期) */
	CN_NOTE = 8,          /* note: reason (延期, 退回) or remark */
	CN_CONTENT = 16,      /* content: the reply (答复, 当场答复) */
	CN_RESULT = 32,       /* result A-D (答复; may be given for 当场答复) */
	CN_SATISFACTION = 64, /* satisfaction (回访, 当场答复) */
	CN_HOW = 128,         /* how: 回访方式 (回访; may be given for 当场答复) */
};
/* The enum case_field_bit fields the form of event e shows (returned) and, into *required
 * (may be NULL), those caseflow_apply() refuses to go without. The date (default today) and
 * who belong to every action and are not in the bits. */
int caseflow_fields(enum case_event e, int *required);
/* The form of event e as action fields (core/action.h), in the order shown: 日期 (required,
 * default today), then the fields of caseflow_fields() with their labels for this event
 * ("答复日期", "延期理由", ...), then 经办人. Returns their number (0 for 受理, which has no
 * form). The keys are the ones caseflow_apply() names in a refusal. */
int caseflow_form(enum case_event e, struct action_field out[ACTION_MAX_FIELDS]);

/* Where a case stands: the columns of its row that the loop reads or writes, plus the date and
 * type of its last event. Dates are "YYYY-MM-DD" or "" (none). Plain value: copy freely. */
struct case_state {
	enum case_status status;
	char received[11];          /* 受理日期 (always set) */
	int64_t unit_id;            /* 承办单位 (0: none) */
	char assigned[11];          /* 交办日期 */
	char due[11];               /* 办理时限 */
	char promised[11];          /* 办理时限 as set by the last 交办/重办 (a 延期 leaves it): the
				       date 答复定时 is measured against ("" none) */
	int due_days;               /* working days of the last 交办/重办 (0: none or an explicit date) */
	int extensions;             /* 延期次数 */
	int redo_count;             /* 重办次数 */
	char reply[11];             /* 答复日期 */
	char result;                /* 办理结果 'A'..'D', 0 none */
	char followup[11];          /* 回访日期 of this round */
	enum case_sat satisfaction; /* 满意度 of this round's 回访 */
	char how[41];               /* 回访方式 of this round ("" none) */
	char closed[11];            /* 办结日期 */
	char last[11];              /* date of the last event (at least received) */
	int last_event;             /* enum case_event of the last event, or -1 if unknown */
};

/* One action on a case. Strings are borrowed; NULL and "" mean not given. */
struct case_action {
	enum case_event event;
	const char *date;           /* date of the event (答复日期, 回访日期 ...); NULL/"" = today */
	const char *who;            /* who did it (催办: who urged); the db layer writes the clerk if empty */
	const char *note;           /* reason (延期, 退回: required), remark (催办, 重办, 办结 ...) */
	int64_t unit_id;            /* 交办: the unit, required */
	int workdays;               /* 交办, 重办: working days allowed; <= 0: the station.ini default */
	const char *due;            /* 延期: the new due date (required); 交办, 重办: an explicit due date
				       instead of counting working days */
	const char *content;        /* 答复, 当场答复: the reply (required) */
	char result;                /* 答复: 'A'..'D' (required); 当场答复: optional */
	enum case_sat satisfaction; /* 回访, 当场答复: required */
	const char *how;            /* 回访: 电话/上门/短信/其他 (required); 当场答复: optional */
};

/* Whether event is possible in state s at all (status and round; dates and fields are
 * checked by caseflow_apply). On refusal returns false and *why (if why) gets a static
 * Chinese sentence ("案件尚未交办，不能答复"). */
bool caseflow_allowed(const struct case_state *s, enum case_event e, const char **why);

/* Check action a against state s and compute the state after it into *next (which may be s).
 * cal: the working-day calendar; default_days: station.ini's case_days, used when a->workdays
 * <= 0; today: "YYYY-MM-DD".
 * On refusal returns -1, *next untouched, *why (may be NULL) the refusal: a new Chinese sentence
 * (refusal_clear frees it) and the key of the field it concerns — "date" (a date after today,
 * before the received date, the last event, the assignment (答复) or the reply (回访)),
 * "unit_id", "workdays", "due", "note" (a missing reason), "content", "result",
 * "satisfaction", "how", "who" (too long) — or NULL when the event is not possible now.
 * On success returns 0, *why emptied, and *notice NULL or a new sentence the clerk should see
 * (a due date moved off a holiday, a year without holiday data); caller frees.
 * The effects: 交办 sets unit, assigned, due (the n-th working day after the date), promised
 * (the same) and due_days; 延期 sets due (moved to the next working day if it is not one), extensions + 1;
 * 退回 back to 受理, clears unit, assigned, due, promised; 答复 sets reply, result, clears the round's
 * 回访; 回访 sets followup, satisfaction, how; 重办 back to 办理中, new due (and promised) from
 * the 重办 date, redo_count + 1; 办结 sets closed; 当场答复 sets reply, result, followup, satisfaction,
 * how and closed to its date. Every event sets last and last_event. */
int caseflow_apply(const struct case_state *s, const struct case_action *a, const struct calendar *cal,
		   int default_days, const char *today, struct case_state *next, struct refusal *why, char **notice);

/* 超期: working days a case in 办理中 is past its due date as of today (at least 1 when
 * today is after the due date, e.g. on the Saturday after a Friday due date); 0 if it is not
 * overdue (or not in 办理中, or has no due date). */
int caseflow_overdue_days(const struct calendar *cal, const struct case_state *s, const char *today);
/* Overdue days for a due date alone (same rule, no status check). */
int caseflow_overdue_days_due(const struct calendar *cal, const char *due, const char *today);

/* 临期: a case in 办理中 whose due date is today or within soon_days working days after
 * today (calendar_due_state). soon_days <= 0: never. */
bool caseflow_due_soon(const struct calendar *cal, const struct case_state *s, const char *today, int soon_days);
/* The last due date that counts as 临期 as of today, for the db's range query
 * (today <= due_date <= out): the day before the (soon_days + 1)-th working day after today,
 * so a due date on a holiday counts as calendar_due_state() counts it. "" if soon_days <= 0
 * (nothing is 临期) or today is not a date. */
void caseflow_soon_until(const struct calendar *cal, const char *today, int soon_days, char out[11]);

/* ---- 五环五时: the five rings of the case loop (docs/CASES.md) ----
 * Each ring of a case has a due date and, once the ring is done, a done date:
 *   受理 随时  due: the date of the visit it came from (else its received date); done: received
 *   交办 及时  due: the assign_days-th working day after received; done: the (last) 交办
 *   办理 限时  due: the 办理时限 in force (延期 included); done: the reply of this round
 *   答复 定时  due: the 办理时限 fixed at the last 交办/重办 (promised; none if unknown);
 *             done: the same reply
 *   回访 适时  due: the followup_days-th working day after the reply; done: the 回访
 * A case answered on the spot (当场答复) has no 交办, 办理 or 答复 ring. */
enum case_ring { RING_RECEIVE, RING_ASSIGN, RING_HANDLE, RING_REPLY, RING_FOLLOWUP, RING_COUNT };

/* The working-day limits of the two rings station.ini sets ([cases] assign_days, followup_days). */
struct ring_limits {
	int assign_days;
	int followup_days;
};

/* "受理", "交办", "办理", "答复", "回访" ("" for a bad value). Static. */
const char *caseflow_ring_label(enum case_ring r);

/* Due and done dates of ring r of the case in state s ("" when the ring has none: no 交办 ring
 * for a case answered on the spot, no 回访 due before the reply ...). visit_date: the date of the
 * visit the case came from, "" or NULL if none. Returns true if the ring exists for the case. */
bool caseflow_ring(const struct calendar *cal, const struct ring_limits *lim, const struct case_state *s,
		   const char *visit_date, enum case_ring r, char due[11], char done[11]);

/* Where a ring with this due date and done date ("" not done) stands as of asof (the end of a
 * period, or today if that is earlier): */
enum ring_bucket {
	RING_ON_TIME, /* done on or before its due date */
	RING_LATE,    /* done after its due date, by asof */
	RING_OVERDUE, /* not done by asof, and due before asof */
	RING_PENDING, /* not done by asof, due on asof or later: not late yet */
	RING_BUCKETS
};
enum ring_bucket caseflow_ring_bucket(const char *due, const char *done, const char *asof);

/* The ring due date of a ring counted n working days after a start date (交办 after 受理, 回访
 * after 答复) falls before today exactly when the start date is before *over, and within the 临期
 * window (today .. caseflow_soon_until()) exactly when over <= start < *soon — so the home
 * screen's lists are ranges on an index of the start date. soon == over when soon_days <= 0. */
void caseflow_ring_bounds(const struct calendar *cal, int n, const char *today, int soon_days, char over[11],
			  char soon[11]);

/* The start dates whose ring, n working days later, falls due from..to: lo <= start < hi (both
 * "" when a date is bad or n < 1). */
void caseflow_ring_starts(const struct calendar *cal, int n, const char *from, const char *to, char lo[11],
			  char hi[11]);

/* A walk along a case's timeline (oldest first) that says, for each event, whether it did its
 * ring late and by how many working days. Start with caseflow_ring_walk_init(). */
struct ring_walk {
	const struct calendar *cal;
	struct ring_limits lim;
	char visit[11], received[11], due[11], promised[11], reply[11];
};
/* A late ring of one event: ring -1 when it was on time (or the event is no ring's end). */
struct ring_mark {
	int ring;
	int days; /* working days late (at least 1) */
};
void caseflow_ring_walk_init(struct ring_walk *w, const struct calendar *cal, const struct ring_limits *lim,
			     const char *visit_date);
/* Event e dated date (due: its due date for 交办, 延期, 重办, else ""); returns its mark. A 答复
 * after the 办理时限 in force is a late 办理 ring; on time for that but after the date promised at
 * 交办 (it needed a 延期), a late 答复 ring. */
struct ring_mark caseflow_ring_step(struct ring_walk *w, enum case_event e, const char *date, const char *due);

/* The next step for the clerk in a few words ("待交办", "待答复", "待回访", "待办结",
 * "待重办", "已办结"). Static. */
const char *caseflow_next_step(const struct case_state *s);

#endif
