/* The case loop as pure functions (core/caseflow): every (state, event) pair allowed or
 * refused, the dates of an action against today and the case's earlier dates, due dates in
 * working days, a new due date on a holiday moved with a notice, replies without content,
 * satisfaction without 回访, 重办 only after 不满意, 超期 and 临期; and the pick lists of
 * core/case. */
#include "t.h"

#include "core/calendar.h"
#include "core/case.h"
#include "core/caseflow.h"
#include "core/util.h"

/* The 2026 holidays around the dates used here (as in data/holidays.txt); 2027 is unknown. */
static const char cal_text[] = "2026-05-01 off 劳动节\n2026-05-02 off 劳动节\n2026-05-03 off 劳动节\n"
			       "2026-05-04 off 劳动节\n2026-05-05 off 劳动节\n2026-05-09 work 劳动节调休\n"
			       "2026-09-20 work 国庆节调休\n2026-09-25 off 中秋节\n2026-09-26 off 中秋节\n"
			       "2026-09-27 off 中秋节\n2026-10-01 off 国庆节\n2026-10-02 off 国庆节\n"
			       "2026-10-03 off 国庆节\n2026-10-04 off 国庆节\n2026-10-05 off 国庆节\n"
			       "2026-10-06 off 国庆节\n2026-10-07 off 国庆节\n2026-10-10 work 国庆节调休\n";

static struct calendar *cal;

#define TODAY "2026-09-15"

/* A case in status st with the round's satisfaction sat, received 2026-09-01, assigned
 * 09-02 (due 09-23), replied 09-10, followed up 09-11, closed 09-12 as far as it got. */
static struct case_state state(enum case_status st, enum case_sat sat)
{
	struct case_state s = {
		.status = st, .received = "2026-09-01", .last = "2026-09-01", .last_event = CE_RECEIVE
	};
	if (st == CS_RECEIVED)
		return s;
	s.unit_id = 7;
	snprintf(s.assigned, sizeof s.assigned, "2026-09-02");
	snprintf(s.due, sizeof s.due, "2026-09-23");
	s.due_days = 15;
	snprintf(s.last, sizeof s.last, "2026-09-02");
	s.last_event = CE_ASSIGN;
	if (st == CS_HANDLING)
		return s;
	snprintf(s.reply, sizeof s.reply, "2026-09-10");
	s.result = 'A';
	snprintf(s.last, sizeof s.last, "2026-09-10");
	s.last_event = CE_REPLY;
	if (sat != CASE_SAT_NONE || st == CS_CLOSED) {
		snprintf(s.followup, sizeof s.followup, "2026-09-11");
		s.satisfaction = sat != CASE_SAT_NONE ? sat : CASE_SAT_SATISFIED;
		snprintf(s.how, sizeof s.how, "电话");
		snprintf(s.last, sizeof s.last, "2026-09-11");
		s.last_event = CE_FOLLOWUP;
	}
	if (st == CS_CLOSED) {
		snprintf(s.closed, sizeof s.closed, "2026-09-12");
		snprintf(s.last, sizeof s.last, "2026-09-12");
		s.last_event = CE_CLOSE;
	}
	return s;
}

/* An action of event e with every field an event may need, all valid. */
static struct case_action full(enum case_event e)
{
	struct case_action a = { .event = e,
				 .date = TODAY,
				 .who = "王五",
				 .note = "不属于本单位职责",
				 .unit_id = 3,
				 .content = "已修复路灯",
				 .result = 'A',
				 .satisfaction = CASE_SAT_SATISFIED,
				 .how = "电话" };
	if (e == CE_EXTEND)
		a.due = "2026-09-30";
	return a;
}

/* The field the last refusal of apply() named ("-" for none). */
static const char *last_field;

/* Apply; returns rc, and the refusal's message (new string or NULL) into *why (its field into
 * last_field), the notice into *notice. */
static int apply(const struct case_state *s, const struct case_action *a, const char *today, struct case_state *n,
		 char **why, char **notice)
{
	struct refusal r = { .field = "stale", .msg = NULL };
	int rc = caseflow_apply(s, a, cal, 15, today, n, &r, notice);
	last_field = r.field ? r.field : "-";
	*why = r.msg;
	return rc;
}

/* Expect a refusal containing want, about field ("-": the whole action). */
#define CHECK_REFUSED_AT(s, a, today, field, want)                                                                     \
	do {                                                                                                           \
		struct case_state t_n;                                                                                 \
		char *t_why = NULL, *t_notice = NULL;                                                                  \
		CHECK_INT(apply((s), (a), (today), &t_n, &t_why, &t_notice), -1);                                      \
		CHECK(t_why &&strstr(t_why, (want)));                                                                  \
		if (strcmp(last_field, (field)))                                                                       \
			fprintf(stderr, "  %s: field %s, expected %s\n", t_why ? t_why : "", last_field, (field));     \
		CHECK_STR(last_field, (field));                                                                        \
		free(t_why);                                                                                           \
	} while (0)

/* Expect a refusal containing want; nothing written into *n. */
#define CHECK_REFUSED(s, a, today, want)                                                                               \
	do {                                                                                                           \
		struct case_state t_n;                                                                                 \
		memset(&t_n, 0x5a, sizeof t_n);                                                                        \
		char *t_why = NULL, *t_notice = (char *)"x";                                                           \
		CHECK_INT(apply((s), (a), (today), &t_n, &t_why, &t_notice), -1);                                      \
		CHECK(t_why &&strstr(t_why, (want)));                                                                  \
		if (t_why && !strstr(t_why, (want)))                                                                   \
			fprintf(stderr, "  why: %s\n", t_why);                                                         \
		CHECK(t_notice == NULL);                                                                               \
		CHECK(((unsigned char *)&t_n)[0] == 0x5a);                                                             \
		free(t_why);                                                                                           \
	} while (0)

/* Every state of the loop: status and the round's satisfaction. */
static const struct {
	enum case_status st;
	enum case_sat sat;
	const char *name;
} states[] = {
	{ CS_RECEIVED, CASE_SAT_NONE, "受理" },
	{ CS_HANDLING, CASE_SAT_NONE, "办理中" },
	{ CS_REPLIED, CASE_SAT_NONE, "已答复（未回访）" },
	{ CS_REPLIED, CASE_SAT_SATISFIED, "已答复（满意）" },
	{ CS_REPLIED, CASE_SAT_BASIC, "已答复（基本满意）" },
	{ CS_REPLIED, CASE_SAT_UNSATISFIED, "已答复（不满意）" },
	{ CS_CLOSED, CASE_SAT_SATISFIED, "办结" },
};

/* The status after event e, or -1 if e is refused in state i of states[]. */
static int expected(int i, enum case_event e)
{
	enum case_status st = states[i].st;
	enum case_sat sat = states[i].sat;
	switch (e) {
	case CE_ASSIGN:
		return st == CS_RECEIVED ? CS_HANDLING : -1;
	case CE_URGE:
	case CE_EXTEND:
		return st == CS_HANDLING ? CS_HANDLING : -1;
	case CE_RETURN:
		return st == CS_HANDLING ? CS_RECEIVED : -1;
	case CE_REPLY:
		return st == CS_HANDLING ? CS_REPLIED : -1;
	case CE_SPOT_REPLY:
		return st == CS_RECEIVED ? CS_CLOSED : -1;
	case CE_FOLLOWUP:
		return st == CS_REPLIED && sat == CASE_SAT_NONE ? CS_REPLIED : -1;
	case CE_REDO:
		return st == CS_REPLIED && sat == CASE_SAT_UNSATISFIED ? CS_HANDLING : -1;
	case CE_CLOSE:
		return st == CS_REPLIED && case_sat_ok(sat) ? CS_CLOSED : -1;
	default:
		return -1;
	}
}

TEST(t_every_pair)
{
	int allowed = 0;
	for (int i = 0; i < (int)ARRAY_LEN(states); i++) {
		for (int e = 0; e < CE_COUNT; e++) {
			struct case_state s = state(states[i].st, states[i].sat), n;
			struct case_action a = full((enum case_event)e);
			const char *why = NULL;
			char *why2 = NULL, *notice = NULL;
			int want = expected(i, (enum case_event)e);
			bool ok = caseflow_allowed(&s, (enum case_event)e, &why);
			int rc = apply(&s, &a, TODAY, &n, &why2, &notice);
			if (ok != (want >= 0) || rc != (want >= 0 ? 0 : -1)) {
				fprintf(stderr, "  %s + %s: allowed %d, apply %d (%s), expected %d\n", states[i].name,
					caseflow_event_label((enum case_event)e), ok, rc, why2 ? why2 : "", want);
				t_failed_checks++;
			}
			if (want >= 0) {
				allowed++;
				CHECK(why == NULL);
				CHECK(why2 == NULL);
				CHECK_INT(n.status, want);
				CHECK_STR(n.last, TODAY);
				CHECK_INT(n.last_event, e);
			} else {
				/* A refusal is a Chinese sentence, the same from both functions. */
				CHECK(why && (unsigned char)why[0] >= 0x80);
				CHECK_STR(why2, why);
			}
			free(why2);
			free(notice);
		}
	}
	CHECK_INT(allowed, 10); /* 交办, 当场答复, 催办, 延期, 退回, 答复, 回访, 重办, 办结 x2 */
}

TEST(t_refusal_words)
{
	struct case_action a;
	struct case_state s = state(CS_REPLIED, CASE_SAT_NONE);
	a = full(CE_CLOSE);
	CHECK_REFUSED(&s, &a, TODAY, "尚未回访，不能办结");
	s = state(CS_REPLIED, CASE_SAT_UNSATISFIED);
	CHECK_REFUSED(&s, &a, TODAY, "回访不满意，应重办");
	s = state(CS_HANDLING, CASE_SAT_NONE);
	a = full(CE_FOLLOWUP);
	CHECK_REFUSED(&s, &a, TODAY, "尚未答复，不能回访");
	s = state(CS_RECEIVED, CASE_SAT_NONE);
	a = full(CE_REPLY);
	CHECK_REFUSED(&s, &a, TODAY, "尚未交办，不能答复");
	s = state(CS_REPLIED, CASE_SAT_SATISFIED);
	a = full(CE_REDO);
	CHECK_REFUSED(&s, &a, TODAY, "无需重办");
	s = state(CS_REPLIED, CASE_SAT_NONE);
	CHECK_REFUSED(&s, &a, TODAY, "尚未回访，不能重办");
	s = state(CS_HANDLING, CASE_SAT_NONE);
	a = full(CE_ASSIGN);
	CHECK_REFUSED(&s, &a, TODAY, "请先退回");
	a = full(CE_RECEIVE);
	CHECK_REFUSED(&s, &a, TODAY, "自动登记");
}

/* Every refusal names the field of the action's form it concerns, so the form puts the cursor
 * there; a refusal of the action itself names none. */
TEST(t_refusal_fields)
{
	struct case_action a;
	struct case_state s = state(CS_HANDLING, CASE_SAT_NONE), r = state(CS_RECEIVED, CASE_SAT_NONE);
	/* The action itself. */
	a = full(CE_ASSIGN);
	CHECK_REFUSED_AT(&s, &a, TODAY, "-", "请先退回");
	/* Dates. */
	a = full(CE_REPLY);
	a.date = "2026-08-31";
	CHECK_REFUSED_AT(&s, &a, TODAY, "date", "早于受理日期");
	a.date = "2026-09-16";
	CHECK_REFUSED_AT(&s, &a, TODAY, "date", "晚于今天");
	a.date = "2026-09-01";
	CHECK_REFUSED_AT(&s, &a, TODAY, "date", "早于交办日期");
	a.date = "9月";
	CHECK_REFUSED_AT(&s, &a, TODAY, "date", "日期");
	/* 交办: the unit, the working days, an explicit due date. */
	a = full(CE_ASSIGN);
	a.unit_id = 0;
	CHECK_REFUSED_AT(&r, &a, TODAY, "unit_id", "请选择承办单位");
	a = full(CE_ASSIGN);
	a.workdays = 400;
	CHECK_REFUSED_AT(&r, &a, TODAY, "workdays", "1 到 365 个工作日");
	a = full(CE_ASSIGN);
	a.due = "2026-09-10";
	CHECK_REFUSED_AT(&r, &a, TODAY, "due", "应晚于交办日期");
	/* 延期: the reason, then the new due date. */
	a = full(CE_EXTEND);
	a.note = "  ";
	CHECK_REFUSED_AT(&s, &a, TODAY, "note", "请填写延期理由");
	a = full(CE_EXTEND);
	a.due = "";
	CHECK_REFUSED_AT(&s, &a, TODAY, "due", "请填写新的办理时限");
	a.due = "2026-09-20";
	CHECK_REFUSED_AT(&s, &a, TODAY, "due", "应晚于原办理时限");
	/* 退回 without a reason. */
	a = full(CE_RETURN);
	a.note = "";
	CHECK_REFUSED_AT(&s, &a, TODAY, "note", "请填写退回理由");
	/* 答复: content, result. */
	a = full(CE_REPLY);
	a.content = " ";
	CHECK_REFUSED_AT(&s, &a, TODAY, "content", "请填写答复内容");
	a = full(CE_REPLY);
	a.result = 0;
	CHECK_REFUSED_AT(&s, &a, TODAY, "result", "请选择办理结果");
	/* 回访: satisfaction, how. */
	struct case_state p = state(CS_REPLIED, CASE_SAT_NONE);
	a = full(CE_FOLLOWUP);
	a.satisfaction = CASE_SAT_NONE;
	CHECK_REFUSED_AT(&p, &a, TODAY, "satisfaction", "请选择回访满意度");
	a = full(CE_FOLLOWUP);
	a.how = "";
	CHECK_REFUSED_AT(&p, &a, TODAY, "how", "请选择回访方式");
	a.how = "微信";
	CHECK_REFUSED_AT(&p, &a, TODAY, "how", "回访方式应为");
	/* 当场答复 unsatisfied; too long a name. */
	a = full(CE_SPOT_REPLY);
	a.satisfaction = CASE_SAT_UNSATISFIED;
	CHECK_REFUSED_AT(&r, &a, TODAY, "satisfaction", "不能当场办结");
	a = full(CE_URGE);
	a.who = "一二三四五六七八九十一二三四五六七八九十一";
	CHECK_REFUSED_AT(&s, &a, TODAY, "who", "经办人");
	/* The keys named are fields of the event's form. */
	struct action_field f[ACTION_MAX_FIELDS];
	int n = caseflow_form(CE_EXTEND, f);
	CHECK_INT(n, 4);
	CHECK_STR(f[0].key, "date");
	CHECK_STR(f[1].key, "due");
	CHECK_STR(f[1].label, "延至");
	CHECK_STR(f[2].key, "note");
	CHECK_STR(f[2].label, "延期理由");
	CHECK(f[1].required && f[2].required);
	CHECK_STR(f[3].key, "who");
	n = caseflow_form(CE_REPLY, f);
	CHECK_INT(n, 5);
	CHECK_STR(f[0].label, "答复日期");
	CHECK_STR(f[1].key, "content");
	CHECK_STR(f[2].key, "result");
	CHECK(f[1].required && f[2].required && !f[3].required);
	CHECK_INT(caseflow_form(CE_RECEIVE, f), 0);
	n = caseflow_form(CE_URGE, f);
	CHECK_STR(f[n - 1].label, "催办人");
}

TEST(t_dates)
{
	struct case_state s = state(CS_REPLIED, CASE_SAT_NONE);
	struct case_action a = full(CE_FOLLOWUP);
	/* Before the last step (the reply of 09-10). */
	a.date = "2026-09-09";
	CHECK_REFUSED(&s, &a, TODAY, "回访日期 2026-09-09 早于答复日期（2026-09-10）");
	/* After today. */
	a.date = "2026-09-16";
	CHECK_REFUSED(&s, &a, TODAY, "晚于今天（2026-09-15）");
	/* Before the received date. */
	s = state(CS_RECEIVED, CASE_SAT_NONE);
	a = full(CE_ASSIGN);
	a.date = "2026-08-31";
	CHECK_REFUSED(&s, &a, TODAY, "早于受理日期（2026-09-01）");
	/* Before the last event of any kind, named. */
	s = state(CS_HANDLING, CASE_SAT_NONE);
	snprintf(s.last, sizeof s.last, "2026-09-08");
	s.last_event = CE_URGE;
	a = full(CE_EXTEND);
	a.date = "2026-09-07";
	CHECK_REFUSED(&s, &a, TODAY, "日期 2026-09-07 早于上一步（2026-09-08 催办）");
	/* A reply before the assignment. */
	s = state(CS_HANDLING, CASE_SAT_NONE);
	a = full(CE_REPLY);
	a.date = "2026-09-01";
	CHECK_REFUSED(&s, &a, TODAY, "答复日期 2026-09-01 早于交办日期（2026-09-02）");
	/* A bad date. */
	a.date = "2026-02-30";
	CHECK_REFUSED(&s, &a, TODAY, "日期");
	/* Other forms of a date are understood; an empty date is today. */
	struct case_state n;
	char *why = NULL, *notice = NULL;
	a.date = "20260914";
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	CHECK_STR(n.reply, "2026-09-14");
	a.date = NULL;
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	CHECK_STR(n.reply, TODAY);
	/* The same day as the last step is fine. */
	a.date = "2026-09-02";
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	/* A bad today. */
	CHECK_REFUSED(&s, &a, "2026-9-1", "今天的日期有误");
}

TEST(t_assign_due)
{
	struct case_state s = state(CS_RECEIVED, CASE_SAT_NONE), n;
	struct case_action a = { .event = CE_ASSIGN, .date = "2026-09-24", .unit_id = 5 };
	char *why = NULL, *notice = NULL;
	/* DESIGN §4: 2026-09-24 + 15 working days = 2026-10-22. */
	CHECK_INT(apply(&s, &a, "2026-09-24", &n, &why, &notice), 0);
	CHECK_STR(n.due, "2026-10-22");
	CHECK_INT(n.due_days, 15);
	CHECK_STR(n.assigned, "2026-09-24");
	CHECK_INT(n.unit_id, 5);
	CHECK(notice == NULL);
	/* A per-case override. */
	a.workdays = 5;
	CHECK_INT(apply(&s, &a, "2026-09-24", &n, &why, &notice), 0);
	CHECK_STR(n.due, "2026-10-09");
	CHECK_INT(n.due_days, 5);
	a.workdays = 400;
	CHECK_REFUSED(&s, &a, "2026-09-24", "1 到 365 个工作日");
	/* An explicit due date on a holiday moves, with a notice. */
	a.workdays = 0;
	a.due = "2026-10-03";
	CHECK_INT(apply(&s, &a, "2026-09-24", &n, &why, &notice), 0);
	CHECK_STR(n.due, "2026-10-08");
	CHECK_STR(notice, "2026-10-03 是节假日（国庆节），已顺延到 2026-10-08");
	free(notice);
	notice = NULL;
	a.due = "2026-09-24";
	CHECK_REFUSED(&s, &a, "2026-09-24", "应晚于交办日期");
	/* No unit. */
	a.due = NULL;
	a.unit_id = 0;
	CHECK_REFUSED(&s, &a, "2026-09-24", "请选择承办单位");
	/* A due date in a year without holiday data says so. */
	s = (struct case_state){ .status = CS_RECEIVED, .received = "2026-12-20", .last = "2026-12-20" };
	a = (struct case_action){ .event = CE_ASSIGN, .date = "2026-12-21", .unit_id = 5 };
	CHECK_INT(apply(&s, &a, "2026-12-21", &n, &why, &notice), 0);
	CHECK(n.due[0] == '2' && !strncmp(n.due, "2027-", 5));
	CHECK(notice && strstr(notice, "2027"));
	free(notice);
}

TEST(t_extend)
{
	struct case_state s = state(CS_HANDLING, CASE_SAT_NONE), n;
	struct case_action a = { .event = CE_EXTEND, .date = TODAY, .note = "需协调县局", .due = "2026-10-03" };
	char *why = NULL, *notice = NULL;
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	CHECK_STR(n.due, "2026-10-08");
	CHECK_INT(n.extensions, 1);
	CHECK(notice && strstr(notice, "是节假日") && strstr(notice, "已顺延到 2026-10-08"));
	free(notice);
	notice = NULL;
	/* A weekend. */
	a.due = "2026-10-17";
	CHECK_INT(apply(&n, &a, TODAY, &n, &why, &notice), 0);
	CHECK_STR(n.due, "2026-10-19");
	CHECK_INT(n.extensions, 2);
	CHECK_STR(notice, "2026-10-17 是休息日（周六），已顺延到 2026-10-19");
	free(notice);
	notice = NULL;
	/* A working day needs no notice. */
	a.due = "2026-10-20";
	CHECK_INT(apply(&n, &a, TODAY, &n, &why, &notice), 0);
	CHECK(notice == NULL);
	CHECK_INT(n.extensions, 3);
	/* Refusals. */
	a.due = "2026-10-20";
	CHECK_REFUSED(&n, &a, TODAY, "新的办理时限（2026-10-20）应晚于原办理时限（2026-10-20）");
	a.due = NULL;
	CHECK_REFUSED(&n, &a, TODAY, "请填写新的办理时限");
	a.due = "2026-11-30";
	a.note = "  ";
	CHECK_REFUSED(&n, &a, TODAY, "请填写延期理由");
}

TEST(t_return)
{
	struct case_state s = state(CS_HANDLING, CASE_SAT_NONE), n;
	struct case_action a = { .event = CE_RETURN, .date = TODAY, .note = "不属于本单位职责" };
	char *why = NULL, *notice = NULL;
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	CHECK_INT(n.status, CS_RECEIVED);
	CHECK_INT(n.unit_id, 0);
	CHECK_STR(n.assigned, "");
	CHECK_STR(n.due, "");
	/* Assign again, to another unit. */
	struct case_action b = { .event = CE_ASSIGN, .date = TODAY, .unit_id = 9 };
	CHECK_INT(apply(&n, &b, TODAY, &n, &why, &notice), 0);
	CHECK_INT(n.unit_id, 9);
	CHECK_STR(n.assigned, TODAY);
	a.note = NULL;
	CHECK_REFUSED(&s, &a, TODAY, "请填写退回理由");
}

TEST(t_reply_fields)
{
	struct case_state s = state(CS_HANDLING, CASE_SAT_NONE);
	struct case_action a = { .event = CE_REPLY, .date = TODAY, .result = 'B' };
	CHECK_REFUSED(&s, &a, TODAY, "请填写答复内容");
	a.content = " \xe3\x80\x80 "; /* spaces, one of them full-width */
	CHECK_REFUSED(&s, &a, TODAY, "请填写答复内容");
	a.content = "已列入明年计划";
	a.result = 0;
	CHECK_REFUSED(&s, &a, TODAY, "请选择办理结果");
	a.result = 'E';
	CHECK_REFUSED(&s, &a, TODAY, "请选择办理结果");
	a.result = 'C';
	struct case_state n;
	char *why = NULL, *notice = NULL;
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	CHECK_INT(n.result, 'C');
	CHECK_STR(n.reply, TODAY);
	CHECK_STR(caseflow_next_step(&n), "待回访");
	/* Too long a reply. */
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 2001; i++)
		sb_add(&sb, "字");
	a.content = sb.buf;
	CHECK_REFUSED(&s, &a, TODAY, "答复内容");
	sb_free(&sb);
}

TEST(t_followup_fields)
{
	struct case_state s = state(CS_REPLIED, CASE_SAT_NONE), n;
	struct case_action a = { .event = CE_FOLLOWUP, .date = TODAY, .how = "电话" };
	char *why = NULL, *notice = NULL;
	CHECK_REFUSED(&s, &a, TODAY, "请选择回访满意度");
	a.satisfaction = CASE_SAT_BASIC;
	a.how = NULL;
	CHECK_REFUSED(&s, &a, TODAY, "请选择回访方式");
	a.how = "微信";
	CHECK_REFUSED(&s, &a, TODAY, "回访方式应为");
	a.how = "上门";
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	CHECK_INT(n.status, CS_REPLIED);
	CHECK_INT(n.satisfaction, CASE_SAT_BASIC);
	CHECK_STR(n.how, "上门");
	CHECK_STR(n.followup, TODAY);
	CHECK_STR(caseflow_next_step(&n), "待办结");
	/* A second 回访 in the same round is refused. */
	CHECK_REFUSED(&n, &a, TODAY, "本轮已经回访");
}

TEST(t_spot_reply)
{
	struct case_state s = state(CS_RECEIVED, CASE_SAT_NONE), n;
	struct case_action a = { .event = CE_SPOT_REPLY,
				 .date = "2026-09-02",
				 .content = "政策已当面解释",
				 .satisfaction = CASE_SAT_SATISFIED };
	char *why = NULL, *notice = NULL;
	CHECK_INT(apply(&s, &a, TODAY, &n, &why, &notice), 0);
	CHECK_INT(n.status, CS_CLOSED);
	CHECK_STR(n.reply, "2026-09-02");
	CHECK_STR(n.followup, "2026-09-02");
	CHECK_STR(n.closed, "2026-09-02");
	CHECK_INT(n.satisfaction, CASE_SAT_SATISFIED);
	CHECK_INT(n.result, 0);
	CHECK_STR(n.assigned, "");
	a.satisfaction = CASE_SAT_UNSATISFIED;
	CHECK_REFUSED(&s, &a, TODAY, "不能当场办结");
	a.satisfaction = CASE_SAT_NONE;
	CHECK_REFUSED(&s, &a, TODAY, "请选择群众对当场答复的满意度");
	a.satisfaction = CASE_SAT_BASIC;
	a.content = "";
	CHECK_REFUSED(&s, &a, TODAY, "请填写当场答复的内容");
}

/* The whole loop: 交办, 催办, 延期, 答复, 回访 不满意, 重办, 答复 (the round's 回访 cleared),
 * 回访 满意, 办结. */
TEST(t_loop)
{
	struct case_state s = {
		.status = CS_RECEIVED, .received = "2026-09-01", .last = "2026-09-01", .last_event = CE_RECEIVE
	};
	char *why = NULL, *notice = NULL;
	const char *today = "2026-12-31";
	struct case_action steps[] = {
		{ .event = CE_ASSIGN, .date = "2026-09-02", .unit_id = 4 },
		{ .event = CE_URGE, .date = "2026-09-15", .note = "电话催办" },
		{ .event = CE_EXTEND, .date = "2026-09-16", .note = "需要县局配合", .due = "2026-10-30" },
		{ .event = CE_REPLY, .date = "2026-10-20", .content = "已修复", .result = 'A' },
		{ .event = CE_FOLLOWUP, .date = "2026-10-21", .satisfaction = CASE_SAT_UNSATISFIED, .how = "电话" },
		{ .event = CE_REDO, .date = "2026-10-22", .workdays = 10 },
		{ .event = CE_REPLY, .date = "2026-11-02", .content = "重新修复", .result = 'A' },
		{ .event = CE_CLOSE, .date = "2026-11-03" },
		{ .event = CE_FOLLOWUP, .date = "2026-11-03", .satisfaction = CASE_SAT_SATISFIED, .how = "上门" },
		{ .event = CE_CLOSE, .date = "2026-11-04" },
	};
	for (int i = 0; i < (int)ARRAY_LEN(steps); i++) {
		struct case_state n;
		int rc = apply(&s, &steps[i], today, &n, &why, &notice);
		if (i == 7) { /* 办结 before the second 回访: the first round's 不满意 is gone */
			CHECK_INT(rc, -1);
			CHECK_STR(why, "尚未回访，不能办结");
			free(why);
			continue;
		}
		CHECK_INT(rc, 0);
		if (rc)
			fprintf(stderr, "  step %d: %s\n", i, why);
		free(notice);
		notice = NULL;
		s = n;
		if (i == 5) {
			CHECK_INT(s.status, CS_HANDLING);
			CHECK_INT(s.redo_count, 1);
			/* 10 working days after 2026-10-22. */
			CHECK_STR(s.due, "2026-11-05");
			CHECK_INT(s.satisfaction, CASE_SAT_UNSATISFIED);
		}
		if (i == 6) {
			CHECK_INT(s.satisfaction, CASE_SAT_NONE);
			CHECK_STR(s.followup, "");
		}
	}
	CHECK_INT(s.status, CS_CLOSED);
	CHECK_STR(s.closed, "2026-11-04");
	CHECK_INT(s.extensions, 1);
	CHECK_INT(s.redo_count, 1);
	CHECK_STR(s.reply, "2026-11-02");
	CHECK_INT(s.satisfaction, CASE_SAT_SATISFIED);
	CHECK_STR(caseflow_next_step(&s), "已办结");
}

TEST(t_overdue_soon)
{
	struct case_state s = state(CS_HANDLING, CASE_SAT_NONE);
	snprintf(s.due, sizeof s.due, "2026-09-30");
	CHECK_INT(caseflow_overdue_days(cal, &s, "2026-09-30"), 0);
	CHECK_INT(caseflow_overdue_days(cal, &s, "2026-10-05"), 1); /* holidays: still at least 1 */
	CHECK_INT(caseflow_overdue_days(cal, &s, "2026-10-08"), 1);
	CHECK_INT(caseflow_overdue_days(cal, &s, "2026-10-12"), 4); /* 08, 09, 10 (调休), 12 */
	snprintf(s.due, sizeof s.due, "2026-09-18");
	CHECK_INT(caseflow_overdue_days(cal, &s, "2026-09-19"), 1); /* a Saturday */
	s.status = CS_REPLIED;
	CHECK_INT(caseflow_overdue_days(cal, &s, "2026-10-12"), 0);

	/* 临期 within 3 working days of 2026-09-28 (Mon): 29, 30, 10-08. */
	s.status = CS_HANDLING;
	char until[11];
	caseflow_soon_until(cal, "2026-09-28", 3, until);
	CHECK_STR(until, "2026-10-08");
	snprintf(s.due, sizeof s.due, "2026-10-08");
	CHECK(caseflow_due_soon(cal, &s, "2026-09-28", 3));
	snprintf(s.due, sizeof s.due, "2026-10-05"); /* a holiday inside the range */
	CHECK(caseflow_due_soon(cal, &s, "2026-09-28", 3));
	snprintf(s.due, sizeof s.due, "2026-10-09");
	CHECK(!caseflow_due_soon(cal, &s, "2026-09-28", 3));
	snprintf(s.due, sizeof s.due, "2026-09-28"); /* due today */
	CHECK(caseflow_due_soon(cal, &s, "2026-09-28", 3));
	CHECK(!caseflow_due_soon(cal, &s, "2026-09-28", 0));
	CHECK(!caseflow_due_soon(cal, &s, "2026-09-29", 3)); /* overdue, not 临期 */
	caseflow_soon_until(cal, "2026-09-28", 0, until);
	CHECK_STR(until, "");
	/* A due date on a holiday after the last working day of the range counts, as calendar_due_state
	 * counts it: from 2026-09-23 (Wed), 2 days are 24 and 28; 25-27 are off. */
	caseflow_soon_until(cal, "2026-09-23", 2, until);
	CHECK_STR(until, "2026-09-28");
	caseflow_soon_until(cal, "2026-09-23", 1, until);
	CHECK_STR(until, "2026-09-27");
}

TEST(t_labels)
{
	for (int i = 0; i < CS_COUNT; i++)
		CHECK_INT(caseflow_status_parse(caseflow_status_label((enum case_status)i)), i);
	for (int i = 0; i < CE_COUNT; i++)
		CHECK_INT(caseflow_event_parse(caseflow_event_label((enum case_event)i)), i);
	CHECK_STR(caseflow_status_label(CS_HANDLING), "办理中");
	CHECK_STR(caseflow_event_label(CE_SPOT_REPLY), "当场答复");
	CHECK_INT(caseflow_status_parse("已关闭"), -1);
	CHECK_INT(caseflow_event_parse(NULL), -1);
	int req = -1;
	CHECK_INT(caseflow_fields(CE_ASSIGN, &req) & CN_UNIT, CN_UNIT);
	CHECK_INT(req, CN_UNIT);
	caseflow_fields(CE_EXTEND, &req);
	CHECK_INT(req, CN_DUE | CN_NOTE);
	caseflow_fields(CE_FOLLOWUP, &req);
	CHECK_INT(req, CN_SATISFACTION | CN_HOW);
	CHECK_INT(caseflow_fields(CE_COUNT, &req), 0);

	CHECK_INT(case_result_parse("A"), 'A');
	CHECK_INT(case_result_parse("b"), 'B');
	CHECK_INT(case_result_parse("\xef\xbc\xa3"), 'C'); /* Ｃ */
	CHECK_INT(case_result_parse("D 留作参考并解释"), 'D');
	CHECK_INT(case_result_parse("正在解决"), 'B');
	CHECK_INT(case_result_parse("E"), 0);
	CHECK_INT(case_result_parse("A 正在解决"), 0);
	CHECK_STR(case_result_label("C"), "列入规划逐步解决");
	CHECK(case_result_label("X") == NULL);
	for (int i = 0; case_result_choices[i]; i++)
		CHECK_INT(case_result_parse(case_result_choices[i]), 'A' + i);
	CHECK_INT(case_sat_parse("基本满意"), CASE_SAT_BASIC);
	CHECK_INT(case_sat_parse("很满意"), CASE_SAT_NONE);
	CHECK_STR(case_sat_label(CASE_SAT_UNSATISFIED), "不满意");
	CHECK_STR(case_sat_label(CASE_SAT_NONE), "");
	CHECK(case_in_list(case_followup_ways, "短信"));
	CHECK(!case_in_list(case_followup_ways, "微信"));
}

TEST(t_case_record)
{
	const struct record_def *def = case_record();
	const char *const *cats = case_categories();
	int n = 0;
	while (cats[n])
		n++;
	CHECK_INT(n, 15);
	CHECK_STR(cats[0], "城乡建设");
	CHECK_STR(cats[n - 1], "其他");
	CHECK(def->fields[CASEF_CATEGORY].choices == cats);
	CHECK_INT(def->nfields, CASEF_NFIELDS);
	CHECK_STR(def->table, "cases");

	char **v = record_new_values(def, "2026-09-15");
	const char *msgs[CASEF_NFIELDS];
	CHECK_STR(v[CASEF_RECEIVED], "2026-09-15");
	CHECK_STR(v[CASEF_SOURCE], "代表调研");
	CHECK_INT(record_check(def, v, "2026-09-15", msgs), 2); /* category and summary */
	CHECK(msgs[CASEF_SUMMARY] != NULL);
	str_set(&v[CASEF_CATEGORY], "道路交通");
	str_set(&v[CASEF_SUMMARY], "村口路灯不亮");
	str_set(&v[CASEF_PHONE], "138 0013 8000");
	CHECK_INT(record_check(def, v, "2026-09-15", msgs), 0);
	CHECK_STR(v[CASEF_PHONE], "13800138000");
	str_set(&v[CASEF_CATEGORY], "外星来客");
	CHECK_INT(record_check(def, v, "2026-09-15", msgs), 1);
	str_set(&v[CASEF_CATEGORY], "教育");
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 61; i++)
		sb_add(&sb, "路");
	str_set(&v[CASEF_SUMMARY], sb.buf);
	sb_free(&sb);
	CHECK_INT(record_check(def, v, "2026-09-15", msgs), 1);
	CHECK(msgs[CASEF_SUMMARY] != NULL);
	record_free_values(def, v);
}

int main(void)
{
	char *err = NULL;
	cal = calendar_from_text(cal_text, &err);
	if (!cal) {
		fprintf(stderr, "calendar: %s\n", err);
		return 1;
	}
	RUN(t_every_pair);
	RUN(t_refusal_words);
	RUN(t_refusal_fields);
	RUN(t_dates);
	RUN(t_assign_due);
	RUN(t_extend);
	RUN(t_return);
	RUN(t_reply_fields);
	RUN(t_followup_fields);
	RUN(t_spot_reply);
	RUN(t_loop);
	RUN(t_overdue_soon);
	RUN(t_labels);
	RUN(t_case_record);
	calendar_free(cal);
	return t_done();
}
