/* The case loop (DESIGN §4) as pure functions: which event is possible in which state, the
 * checks of an action's date and fields, and the state after it (caseflow.h). The refusals are
 * the clerk's: plain Chinese sentences that say what to do instead. */
#include "core/caseflow.h"

#include "core/clock.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits of the free text of an action, in characters. */
#define CASEFLOW_NOTE_CHARS    500
#define CASEFLOW_CONTENT_CHARS 2000
#define CASEFLOW_WHO_CHARS     20
#define CASEFLOW_MAX_DAYS      365

static const char *const caseflow_status_labels[CS_COUNT] = { "受理", "办理中", "已答复", "办结" };
static const char *const caseflow_event_labels[CE_COUNT] = { "受理", "交办",     "催办", "延期", "退回",
							     "答复", "当场答复", "回访", "重办", "办结" };

/* The form of each event: fields shown and fields required (enum case_field_bit). */
static const struct {
	int shown, required;
} caseflow_forms[CE_COUNT] = {
	[CE_RECEIVE] = { CN_NOTE, 0 },
	[CE_ASSIGN] = { CN_UNIT | CN_WORKDAYS | CN_DUE | CN_NOTE, CN_UNIT },
	[CE_URGE] = { CN_NOTE, 0 },
	[CE_EXTEND] = { CN_DUE | CN_NOTE, CN_DUE | CN_NOTE },
	[CE_RETURN] = { CN_NOTE, CN_NOTE },
	[CE_REPLY] = { CN_CONTENT | CN_RESULT | CN_NOTE, CN_CONTENT | CN_RESULT },
	[CE_SPOT_REPLY] = { CN_CONTENT | CN_RESULT | CN_SATISFACTION | CN_HOW | CN_NOTE, CN_CONTENT | CN_SATISFACTION },
	[CE_FOLLOWUP] = { CN_SATISFACTION | CN_HOW | CN_NOTE, CN_SATISFACTION | CN_HOW },
	[CE_REDO] = { CN_WORKDAYS | CN_DUE | CN_NOTE, 0 },
	[CE_CLOSE] = { CN_NOTE, 0 },
};

const char *caseflow_status_label(enum case_status s)
{
	return (int)s >= 0 && s < CS_COUNT ? caseflow_status_labels[s] : "";
}

const char *caseflow_event_label(enum case_event e)
{
	return (int)e >= 0 && e < CE_COUNT ? caseflow_event_labels[e] : "";
}

int caseflow_status_parse(const char *label)
{
	for (int i = 0; label && i < CS_COUNT; i++)
		if (!strcmp(label, caseflow_status_labels[i]))
			return i;
	return -1;
}

int caseflow_event_parse(const char *label)
{
	for (int i = 0; label && i < CE_COUNT; i++)
		if (!strcmp(label, caseflow_event_labels[i]))
			return i;
	return -1;
}

int caseflow_fields(enum case_event e, int *required)
{
	bool ok = (int)e >= 0 && e < CE_COUNT;
	if (required)
		*required = ok ? caseflow_forms[e].required : 0;
	return ok ? caseflow_forms[e].shown : 0;
}

/* The fields of every action's form in the order they are shown: the bit, the key (action.h),
 * the label, the limit of text. Labels that depend on the event are set in caseflow_form(). */
static const struct {
	int bit;
	const char *key, *label;
	int max_chars;
} caseflow_form_fields[] = {
	{ 0, "date", "日期", 0 },
	{ CN_UNIT, "unit_id", "承办单位", 60 },
	{ CN_WORKDAYS, "workdays", "办理时限(工作日)", 0 },
	{ CN_DUE, "due", "或指定时限", 0 },
	{ CN_CONTENT, "content", "答复内容", CASEFLOW_CONTENT_CHARS },
	{ CN_RESULT, "result", "办理结果", 0 },
	{ CN_HOW, "how", "回访方式", 0 },
	{ CN_SATISFACTION, "satisfaction", "满意度", 0 },
	{ CN_NOTE, "note", "说明", CASEFLOW_NOTE_CHARS },
	{ 0, "who", "经办人", CASEFLOW_WHO_CHARS },
};

/* The label of field key on the form of event e. */
static const char *caseflow_form_label(enum case_event e, const char *key, const char *label)
{
	if (!strcmp(key, "date"))
		return e == CE_REPLY ? "答复日期" : e == CE_FOLLOWUP ? "回访日期" : label;
	if (!strcmp(key, "due"))
		return e == CE_EXTEND ? "延至" : label;
	if (!strcmp(key, "note"))
		return e == CE_EXTEND ? "延期理由" : e == CE_RETURN ? "退回理由" : label;
	if (!strcmp(key, "who"))
		return e == CE_URGE ? "催办人" : label;
	return label;
}

int caseflow_form(enum case_event e, struct action_field out[ACTION_MAX_FIELDS])
{
	int required = 0, bits = caseflow_fields(e, &required), n = 0;
	if ((int)e <= CE_RECEIVE || e >= CE_COUNT)
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(caseflow_form_fields) && n < ACTION_MAX_FIELDS; i++) {
		int bit = caseflow_form_fields[i].bit;
		if (bit && !(bits & bit))
			continue;
		const char *key = caseflow_form_fields[i].key;
		out[n++] = (struct action_field){
			.key = key,
			.label = caseflow_form_label(e, key, caseflow_form_fields[i].label),
			.required = (bit & required) || !strcmp(key, "date"),
			.max_chars = caseflow_form_fields[i].max_chars,
		};
	}
	return n;
}

/* Why event e is refused in status st with the round's satisfaction sat, or NULL if it is
 * possible. One sentence per (event, status) pair that is refused. */
/* Why event e is refused in status st (NULL: allowed there). The steps after a reply depend on
 * the round's satisfaction too: see caseflow_refusal_replied. */
static const char *const refusals[CE_COUNT][CS_COUNT] = {
	[CE_RECEIVE] = { "受理在新建案件时自动登记，不能再登记一次", "受理在新建案件时自动登记，不能再登记一次",
			 "受理在新建案件时自动登记，不能再登记一次", "受理在新建案件时自动登记，不能再登记一次" },
	[CE_ASSIGN] = { [CS_HANDLING] = "案件已经交办，正在办理中；交错了单位请先退回，再重新交办",
			[CS_REPLIED] = "案件已经答复，不能再交办",
			[CS_CLOSED] = "案件已经办结，不能再交办" },
	[CE_URGE] = { [CS_RECEIVED] = "案件尚未交办，不能催办",
		      [CS_REPLIED] = "案件已经答复，无需催办",
		      [CS_CLOSED] = "案件已经办结，不能催办" },
	[CE_EXTEND] = { [CS_RECEIVED] = "案件尚未交办，没有办理时限，不能延期",
			[CS_REPLIED] = "案件已经答复，不能延期",
			[CS_CLOSED] = "案件已经办结，不能延期" },
	[CE_RETURN] = { [CS_RECEIVED] = "案件尚未交办，无从退回",
			[CS_REPLIED] = "案件已经答复，不能退回",
			[CS_CLOSED] = "案件已经办结，不能退回" },
	[CE_REPLY] = { [CS_RECEIVED] = "案件尚未交办，不能答复；当场答复的请用「当场答复」",
		       [CS_REPLIED] = "案件已经答复；回访不满意的，请先重办再答复",
		       [CS_CLOSED] = "案件已经办结，不能再答复" },
	[CE_SPOT_REPLY] = { [CS_HANDLING] = "案件已经交办，不能当场答复；请等承办单位答复",
			    [CS_REPLIED] = "案件已经交办，不能当场答复；请等承办单位答复",
			    [CS_CLOSED] = "案件已经办结，不能当场答复" },
	[CE_FOLLOWUP] = { [CS_RECEIVED] = "案件尚未答复，不能回访",
			  [CS_HANDLING] = "案件尚未答复，不能回访",
			  [CS_CLOSED] = "案件已经办结，不能再回访" },
	[CE_REDO] = { [CS_RECEIVED] = "案件尚未交办，不能重办",
		      [CS_HANDLING] = "案件正在办理中，无需重办",
		      [CS_CLOSED] = "案件已经办结，不能重办" },
	[CE_CLOSE] = { [CS_RECEIVED] = "案件尚未交办，不能办结；当场答复的请用「当场答复」",
		       [CS_HANDLING] = "案件尚未答复，不能办结",
		       [CS_CLOSED] = "案件已经办结" },
};

/* 回访, 重办 and 办结 on a replied case: allowed by the round's satisfaction. */
static const char *caseflow_refusal_replied(enum case_sat sat, enum case_event e)
{
	bool none = sat == CASE_SAT_NONE, ok = case_sat_ok(sat);
	switch (e) {
	case CE_FOLLOWUP:
		return none ? NULL : ok ? "本轮已经回访（满意），请办结" : "本轮已经回访（不满意），请重办";
	case CE_REDO:
		return sat == CASE_SAT_UNSATISFIED ? NULL
		       : none			   ? "尚未回访，不能重办；回访不满意的才重办"
						   : "回访满意，无需重办，请办结";
	case CE_CLOSE:
		return ok ? NULL : none ? "尚未回访，不能办结" : "回访不满意，应重办，不能办结";
	default:
		return refusals[e][CS_REPLIED];
	}
}

static const char *caseflow_refusal(enum case_status st, enum case_sat sat, enum case_event e)
{
	if (e < 0 || e >= CE_COUNT || st < 0 || st >= CS_COUNT)
		return "未知的办理步骤";
	return st == CS_REPLIED ? caseflow_refusal_replied(sat, e) : refusals[e][st];
}

bool caseflow_allowed(const struct case_state *s, enum case_event e, const char **why)
{
	const char *r = (int)s->status < 0 || s->status >= CS_COUNT ? "案件状态有误"
								    : caseflow_refusal(s->status, s->satisfaction, e);
	if (why)
		*why = r;
	return r == NULL;
}

/* True if iso is a real "YYYY-MM-DD" date. */
static bool caseflow_date_ok(const char *iso)
{
	char back[11];
	if (!iso || strlen(iso) != 10)
		return false;
	int64_t d = date_to_days(iso);
	if (d < 0)
		return false;
	days_to_date(d, back);
	return !strcmp(back, iso);
}

/* Normalise a date the clerk gave (any form date_parse() takes) into out. label names it in a
 * refusal. Returns a new message, or NULL. */
static char *caseflow_parse_date(const char *in, const char *today, const char *label, char out[11])
{
	const char *e = date_parse(in, today, out);
	if (e)
		return xasprintf("%s：%s", label, e);
	return NULL;
}

/* Move a due date that is not a working day to the next one, adding a sentence to notice. */
static void caseflow_move_due(const struct calendar *cal, char due[11], struct strbuf *notice)
{
	if (calendar_is_workday(cal, due))
		return;
	char moved[11];
	calendar_next_workday(cal, due, moved);
	if (!*moved)
		return;
	const char *name = calendar_day_name(cal, due);
	static const char *const wd[] = { "", "周一", "周二", "周三", "周四", "周五", "周六", "周日" };
	int w = date_weekday(due);
	if (notice->len)
		sb_add(notice, "；");
	if (name)
		sb_addf(notice, "%s 是节假日（%s），已顺延到 %s", due, name, moved);
	else
		sb_addf(notice, "%s 是休息日（%s），已顺延到 %s", due, w >= 1 && w <= 7 ? wd[w] : "", moved);
	memcpy(due, moved, 11);
}

static void caseflow_add_notice(struct strbuf *notice, const char *s)
{
	if (!s || strstr(notice->buf ? notice->buf : "", s))
		return;
	if (notice->len)
		sb_add(notice, "；");
	sb_add(notice, s);
}

/* The due date of 交办 or 重办 dated date: an explicit one (moved off a non-working day), or
 * the n-th working day after date. Sets next->due and next->due_days. */
static char *caseflow_new_due(const struct case_action *a, const struct calendar *cal, int default_days,
			      const char *date, const char *today, struct case_state *next, struct strbuf *notice,
			      const char **field)
{
	char due[11];
	*field = "due";
	if (!str_empty(a->due)) {
		char *m = caseflow_parse_date(a->due, today, "办理时限", due);
		if (m)
			return m;
		if (strcmp(due, date) <= 0)
			return xasprintf("办理时限（%s）应晚于%s日期（%s）", due, caseflow_event_label(a->event), date);
		caseflow_move_due(cal, due, notice);
		int n = calendar_workdays_between(cal, date, due);
		next->due_days = n >= 1 && n <= CASEFLOW_MAX_DAYS ? n : 0;
	} else {
		int n = a->workdays > 0 ? a->workdays : default_days;
		*field = "workdays";
		if (n < 1 || n > CASEFLOW_MAX_DAYS)
			return xasprintf("办理时限应为 1 到 %d 个工作日（现为 %d）", CASEFLOW_MAX_DAYS, n);
		calendar_add_workdays(cal, date, n, due);
		*field = "date";
		if (!*due)
			return xasprintf("无法计算办理时限（日期 %s）", date);
		next->due_days = n;
	}
	memcpy(next->due, due, 11);
	caseflow_add_notice(notice, calendar_notice_span(cal, date, due));
	return NULL;
}

/* Text of a field: length and characters. Returns a new message, or NULL. */
static char *caseflow_text(const char *s, const char *label, int max, bool multiline)
{
	const char *e = valid_text(s ? s : "", max, multiline);
	return e ? xasprintf("%s：%s", label, e) : NULL;
}

/* The date of the action against today and the case's earlier dates. */
static char *caseflow_check_date(const struct case_state *s, const struct case_action *a, const char *today,
				 char date[11], const char **field)
{
	char *m;
	*field = "date";
	if (str_empty(a->date)) {
		memcpy(date, today, 11);
	} else if ((m = caseflow_parse_date(a->date, today, "日期", date))) {
		return m;
	}
	if (strcmp(date, today) > 0)
		return xasprintf("日期 %s 晚于今天（%s），不能预先登记", date, today);
	if (*s->received && strcmp(date, s->received) < 0)
		return xasprintf("日期 %s 早于受理日期（%s）", date, s->received);
	if (a->event == CE_REPLY && *s->assigned && strcmp(date, s->assigned) < 0)
		return xasprintf("答复日期 %s 早于交办日期（%s）", date, s->assigned);
	if (a->event == CE_FOLLOWUP && *s->reply && strcmp(date, s->reply) < 0)
		return xasprintf("回访日期 %s 早于答复日期（%s）", date, s->reply);
	if (*s->last && strcmp(date, s->last) < 0) {
		const char *ev = s->last_event >= 0 ? caseflow_event_label((enum case_event)s->last_event) : "";
		return xasprintf("日期 %s 早于上一步（%s%s%s）", date, s->last, *ev ? " " : "", ev);
	}
	return NULL;
}

/* The free-text fields every action may carry. */
static char *caseflow_check_texts(const struct case_action *a, const char **field)
{
	char *m;
	*field = "note";
	if ((m = caseflow_text(a->note, a->event == CE_EXTEND || a->event == CE_RETURN ? "理由" : "备注",
			       CASEFLOW_NOTE_CHARS, true)))
		return m;
	*field = "who";
	if ((m = caseflow_text(a->who, "经办人", CASEFLOW_WHO_CHARS, false)))
		return m;
	*field = "content";
	if ((m = caseflow_text(a->content, "答复内容", CASEFLOW_CONTENT_CHARS, true)))
		return m;
	*field = "how";
	if (!str_empty(a->how) && !case_in_list(case_followup_ways, a->how))
		return xasprintf("回访方式应为电话、上门、短信或其他（现为 %s）", a->how);
	return NULL;
}

/* True if s holds something besides spaces. */
static bool caseflow_given(const char *s)
{
	if (str_empty(s))
		return false;
	char *t = xstrdup(s);
	str_trim(t);
	bool given = *t != '\0';
	free(t);
	return given;
}

/* What an event's checks and effects work on: the state before (s), the action, and the state
 * after (n, a copy of s the effect changes); field is set to the key of the input a refusal is
 * about. */
struct effect {
	const struct case_state *s;
	const struct case_action *a;
	const struct calendar *cal;
	int default_days;
	const char *today, *date;
	struct case_state *n;
	struct strbuf *notice;
	const char **field;
};

/* Refuse with msg about field key. */
static char *refuse(struct effect *e, const char *key, char *msg)
{
	*e->field = key;
	return msg;
}

static char *effect_assign(struct effect *e)
{
	char *m;
	if (e->a->unit_id <= 0)
		return refuse(e, "unit_id", xstrdup("请选择承办单位"));
	if ((m = caseflow_new_due(e->a, e->cal, e->default_days, e->date, e->today, e->n, e->notice, e->field)))
		return m;
	e->n->status = CS_HANDLING;
	e->n->unit_id = e->a->unit_id;
	memcpy(e->n->assigned, e->date, 11);
	memcpy(e->n->promised, e->n->due, 11);
	return NULL;
}

static char *effect_extend(struct effect *e)
{
	char due[11], *m;
	if (!caseflow_given(e->a->note))
		return refuse(e, "note", xstrdup("请填写延期理由"));
	if (str_empty(e->a->due))
		return refuse(e, "due", xstrdup("请填写新的办理时限"));
	if ((m = caseflow_parse_date(e->a->due, e->today, "新的办理时限", due)))
		return refuse(e, "due", m);
	if (*e->s->due && strcmp(due, e->s->due) <= 0)
		return refuse(e, "due", xasprintf("新的办理时限（%s）应晚于原办理时限（%s）", due, e->s->due));
	if (strcmp(due, e->date) < 0)
		return refuse(e, "due", xasprintf("新的办理时限（%s）早于延期日期（%s）", due, e->date));
	caseflow_move_due(e->cal, due, e->notice);
	caseflow_add_notice(e->notice, calendar_notice(e->cal, due));
	memcpy(e->n->due, due, 11);
	if (*e->n->assigned) {
		int d = calendar_workdays_between(e->cal, e->n->assigned, due);
		e->n->due_days = d >= 1 && d <= CASEFLOW_MAX_DAYS ? d : 0;
	}
	e->n->extensions++;
	return NULL;
}

static char *effect_return(struct effect *e)
{
	if (!caseflow_given(e->a->note))
		return refuse(e, "note", xstrdup("请填写退回理由（如：不属于本单位职责）"));
	e->n->status = CS_RECEIVED;
	e->n->unit_id = 0;
	e->n->assigned[0] = e->n->due[0] = e->n->promised[0] = '\0';
	e->n->due_days = 0;
	return NULL;
}

static char *effect_reply(struct effect *e)
{
	if (!caseflow_given(e->a->content))
		return refuse(e, "content", xstrdup("请填写答复内容"));
	if (e->a->result < 'A' || e->a->result > 'D')
		return refuse(e, "result",
			      xstrdup("请选择办理结果（A 已解决或基本解决、B 正在解决、C 列入规划逐步解决、D "
				      "留作参考并解释）"));
	e->n->status = CS_REPLIED;
	memcpy(e->n->reply, e->date, 11);
	e->n->result = e->a->result;
	e->n->followup[0] = e->n->how[0] = '\0';
	e->n->satisfaction = CASE_SAT_NONE;
	return NULL;
}

static char *effect_spot_reply(struct effect *e)
{
	const struct case_action *a = e->a;
	if (!caseflow_given(a->content))
		return refuse(e, "content", xstrdup("请填写当场答复的内容"));
	if (a->satisfaction <= CASE_SAT_NONE || a->satisfaction >= CASE_SAT_COUNT)
		return refuse(e, "satisfaction", xstrdup("请选择群众对当场答复的满意度"));
	if (!case_sat_ok(a->satisfaction))
		return refuse(e, "satisfaction", xstrdup("群众不满意的，不能当场办结；请交办承办单位办理"));
	if (a->result && (a->result < 'A' || a->result > 'D'))
		return refuse(e, "result", xstrdup("办理结果应为 A、B、C 或 D"));
	e->n->status = CS_CLOSED;
	memcpy(e->n->reply, e->date, 11);
	memcpy(e->n->followup, e->date, 11);
	memcpy(e->n->closed, e->date, 11);
	e->n->result = a->result;
	e->n->satisfaction = a->satisfaction;
	snprintf(e->n->how, sizeof e->n->how, "%s", a->how ? a->how : "");
	return NULL;
}

static char *effect_followup(struct effect *e)
{
	if (e->a->satisfaction <= CASE_SAT_NONE || e->a->satisfaction >= CASE_SAT_COUNT)
		return refuse(e, "satisfaction", xstrdup("请选择回访满意度（满意、基本满意、不满意）"));
	if (str_empty(e->a->how))
		return refuse(e, "how", xstrdup("请选择回访方式（电话、上门、短信、其他）"));
	memcpy(e->n->followup, e->date, 11);
	e->n->satisfaction = e->a->satisfaction;
	snprintf(e->n->how, sizeof e->n->how, "%s", e->a->how);
	return NULL;
}

static char *effect_redo(struct effect *e)
{
	char *m = caseflow_new_due(e->a, e->cal, e->default_days, e->date, e->today, e->n, e->notice, e->field);
	if (m)
		return m;
	e->n->status = CS_HANDLING;
	memcpy(e->n->promised, e->n->due, 11);
	e->n->redo_count++;
	return NULL;
}

static char *effect_close(struct effect *e)
{
	e->n->status = CS_CLOSED;
	memcpy(e->n->closed, e->date, 11);
	return NULL;
}

/* The checks and effects of each event (NULL: none beyond the common ones, as 催办). */
static char *(*const effects[CE_COUNT])(struct effect *e) = {
	[CE_ASSIGN] = effect_assign,	 [CE_EXTEND] = effect_extend, [CE_RETURN] = effect_return,
	[CE_REPLY] = effect_reply,	 [CE_SPOT_REPLY] = effect_spot_reply,
	[CE_FOLLOWUP] = effect_followup, [CE_REDO] = effect_redo,     [CE_CLOSE] = effect_close,
};

/* The event-specific checks and effects on n (a copy of the state). */
static char *caseflow_effect(const struct case_state *s, const struct case_action *a, const struct calendar *cal,
			     int default_days, const char *today, const char *date, struct case_state *n,
			     struct strbuf *notice, const char **field)
{
	struct effect e = { s, a, cal, default_days, today, date, n, notice, field };
	*field = NULL;
	if (a->event == CE_RECEIVE || a->event >= CE_COUNT || a->event < 0)
		return xstrdup("未知的办理步骤");
	char *m = effects[a->event] ? effects[a->event](&e) : NULL;
	if (!m)
		*field = NULL;
	return m;
}

int caseflow_apply(const struct case_state *s, const struct case_action *a, const struct calendar *cal,
		   int default_days, const char *today, struct case_state *next, struct refusal *why, char **notice)
{
	const char *refusal, *field = NULL;
	char date[11], *m = NULL;
	struct case_state n = *s;
	struct strbuf nb;

	refusal_clear(why);
	if (notice)
		*notice = NULL;
	if (!caseflow_date_ok(today))
		return refusal_set(why, NULL, xasprintf("今天的日期有误（%s）", today ? today : ""));
	if (!caseflow_allowed(s, a->event, &refusal))
		return refusal_set(why, NULL, xstrdup(refusal));
	sb_init(&nb);
	sb_add(&nb, "");
	if ((m = caseflow_check_date(s, a, today, date, &field)) || (m = caseflow_check_texts(a, &field)) ||
	    (m = caseflow_effect(s, a, cal, default_days, today, date, &n, &nb, &field))) {
		sb_free(&nb);
		return refusal_set(why, field, m);
	}
	memcpy(n.last, date, 11);
	n.last_event = a->event;
	*next = n;
	if (notice && nb.len)
		*notice = sb_take(&nb);
	sb_free(&nb);
	return 0;
}

int caseflow_overdue_days_due(const struct calendar *cal, const char *due, const char *today)
{
	if (!caseflow_date_ok(due) || !caseflow_date_ok(today) || strcmp(today, due) <= 0)
		return 0;
	int n = calendar_workdays_between(cal, due, today);
	return n < 1 ? 1 : n;
}

int caseflow_overdue_days(const struct calendar *cal, const struct case_state *s, const char *today)
{
	return s->status == CS_HANDLING ? caseflow_overdue_days_due(cal, s->due, today) : 0;
}

bool caseflow_due_soon(const struct calendar *cal, const struct case_state *s, const char *today, int soon_days)
{
	return s->status == CS_HANDLING && *s->due &&
		calendar_due_state(cal, today, s->due, soon_days) == CALENDAR_DUE_SOON;
}

void caseflow_soon_until(const struct calendar *cal, const char *today, int soon_days, char out[11])
{
	char after[11];
	out[0] = '\0';
	if (soon_days <= 0 || !caseflow_date_ok(today))
		return;
	calendar_add_workdays(cal, today, soon_days + 1, after);
	if (*after)
		date_add_days(after, -1, out);
}

const char *caseflow_next_step(const struct case_state *s)
{
	switch (s->status) {
	case CS_RECEIVED:
		return "待交办";
	case CS_HANDLING:
		return "待答复";
	case CS_REPLIED:
		return s->satisfaction == CASE_SAT_NONE ? "待回访" : case_sat_ok(s->satisfaction) ? "待办结" : "待重办";
	case CS_CLOSED:
		return "已办结";
	case CS_COUNT:
		break;
	}
	return "";
}

/* ---- 五环五时 ---- */

static const char *const caseflow_ring_labels[RING_COUNT] = { "受理", "交办", "办理", "答复", "回访" };

const char *caseflow_ring_label(enum case_ring r)
{
	return (int)r >= 0 && r < RING_COUNT ? caseflow_ring_labels[r] : "";
}

/* The n-th working day after start, or "" when start is not a date. */
static void caseflow_ring_after(const struct calendar *cal, const char *start, int n, char out[11])
{
	out[0] = '\0';
	if (caseflow_date_ok(start))
		calendar_add_workdays(cal, start, n, out);
}

bool caseflow_ring(const struct calendar *cal, const struct ring_limits *lim, const struct case_state *s,
		   const char *visit_date, enum case_ring r, char due[11], char done[11])
{
	/* Answered on the spot: closed and never assigned. */
	bool spot = s->status == CS_CLOSED && !*s->assigned;
	/* The reply of this round: none while the case is (again) being handled. */
	const char *reply = s->status == CS_HANDLING ? "" : s->reply;
	due[0] = done[0] = '\0';
	switch (r) {
	case RING_RECEIVE:
		snprintf(due, 11, "%s", !str_empty(visit_date) ? visit_date : s->received);
		snprintf(done, 11, "%s", s->received);
		return true;
	case RING_ASSIGN:
		if (spot)
			return false;
		caseflow_ring_after(cal, s->received, lim->assign_days, due);
		snprintf(done, 11, "%s", s->assigned);
		return *due != '\0';
	case RING_HANDLE:
	case RING_REPLY:
		if (spot || !*s->assigned)
			return false;
		snprintf(due, 11, "%s", r == RING_HANDLE ? s->due : s->promised);
		snprintf(done, 11, "%s", reply);
		return *due != '\0';
	case RING_FOLLOWUP:
		if (!*s->reply)
			return false;
		caseflow_ring_after(cal, s->reply, lim->followup_days, due);
		snprintf(done, 11, "%s", s->followup);
		return *due != '\0';
	case RING_COUNT:
		break;
	}
	return false;
}

enum ring_bucket caseflow_ring_bucket(const char *due, const char *done, const char *asof)
{
	bool finished = !str_empty(done) && strcmp(done, asof) <= 0;
	if (!str_empty(done) && strcmp(done, due) <= 0)
		return RING_ON_TIME;
	if (finished)
		return RING_LATE;
	return strcmp(due, asof) < 0 ? RING_OVERDUE : RING_PENDING;
}

void caseflow_ring_bounds(const struct calendar *cal, int n, const char *today, int soon_days, char over[11],
			  char soon[11])
{
	/* A start date r has its ring due on or before d exactly when r is before the n-th working
	 * day counted back from the day after d (d's own working day included). */
	char until[11], after[11];
	over[0] = soon[0] = '\0';
	if (!caseflow_date_ok(today) || n < 1)
		return;
	calendar_add_workdays(cal, today, -n, over);
	memcpy(soon, over, 11);
	caseflow_soon_until(cal, today, soon_days, until);
	if (!*until)
		return;
	date_add_days(until, 1, after);
	calendar_add_workdays(cal, after, -n, soon);
}

void caseflow_ring_starts(const struct calendar *cal, int n, const char *from, const char *to, char lo[11], char hi[11])
{
	char after[11];
	lo[0] = hi[0] = '\0';
	if (!caseflow_date_ok(from) || !caseflow_date_ok(to) || n < 1)
		return;
	calendar_add_workdays(cal, from, -n, lo);
	date_add_days(to, 1, after);
	calendar_add_workdays(cal, after, -n, hi);
}

void caseflow_ring_walk_init(struct ring_walk *w, const struct calendar *cal, const struct ring_limits *lim,
			     const char *visit_date)
{
	memset(w, 0, sizeof *w);
	w->cal = cal;
	w->lim = *lim;
	snprintf(w->visit, sizeof w->visit, "%s", visit_date ? visit_date : "");
}

/* The mark of a ring due on due and done on date. */
static struct ring_mark caseflow_ring_late(const struct calendar *cal, enum case_ring r, const char *due,
					   const char *date)
{
	int days = caseflow_overdue_days_due(cal, due, date);
	return days > 0 ? (struct ring_mark){ (int)r, days } : (struct ring_mark){ -1, 0 };
}

struct ring_mark caseflow_ring_step(struct ring_walk *w, enum case_event e, const char *date, const char *due)
{
	struct ring_mark none = { -1, 0 }, m = none;
	char d[11];
	date = date ? date : "";
	due = due ? due : "";
	switch (e) {
	case CE_RECEIVE:
		snprintf(w->received, sizeof w->received, "%s", date);
		return *w->visit ? caseflow_ring_late(w->cal, RING_RECEIVE, w->visit, date) : none;
	case CE_ASSIGN:
	case CE_REDO:
		/* 交办 and 重办 fix the date the reply is promised for. */
		if (e == CE_ASSIGN) {
			caseflow_ring_after(w->cal, w->received, w->lim.assign_days, d);
			m = *d ? caseflow_ring_late(w->cal, RING_ASSIGN, d, date) : none;
		}
		snprintf(w->due, sizeof w->due, "%s", due);
		snprintf(w->promised, sizeof w->promised, "%s", due);
		return m;
	case CE_EXTEND:
		snprintf(w->due, sizeof w->due, "%s", due);
		return none;
	case CE_RETURN:
		w->due[0] = w->promised[0] = '\0';
		return none;
	case CE_REPLY:
		snprintf(w->reply, sizeof w->reply, "%s", date);
		m = *w->due ? caseflow_ring_late(w->cal, RING_HANDLE, w->due, date) : none;
		if (m.ring < 0 && *w->promised)
			m = caseflow_ring_late(w->cal, RING_REPLY, w->promised, date);
		return m;
	case CE_SPOT_REPLY:
		snprintf(w->reply, sizeof w->reply, "%s", date);
		return none;
	case CE_FOLLOWUP:
		caseflow_ring_after(w->cal, w->reply, w->lim.followup_days, d);
		return *d ? caseflow_ring_late(w->cal, RING_FOLLOWUP, d, date) : none;
	case CE_URGE:
	case CE_CLOSE:
	case CE_COUNT:
		break;
	}
	return none;
}
