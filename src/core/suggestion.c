/* 代表建议: fields, pick lists, cross-field checks, and the handling state machine
 * (交办 → 答复 → 征询意见 → 办结, with 延期, and 重办 after 不满意) as pure functions. See
 * core/suggestion.h. */
#include "core/action.h"
#include "core/suggestion.h"

#include "core/clock.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const suggestion_categories[] = { "财政经济", "农业农村", "城建环资", "教科文卫",
					      "内务司法", "社会建设", NULL };
const char *const suggestion_statuses[] = { "已提出", "办理中", "已答复", "办结", NULL };
static const char *const suggestion_actions[SA_COUNT + 1] = {
	"交办", "延期", "答复", "征询意见", "重办", "办结", NULL
};

static const struct field_def suggestion_fields[SUG_NFIELDS] = {
	[SUG_NO] = { .col = "suggestion_no", .label = "编号", .kind = FK_TEXT, .max_chars = 30 },
	[SUG_TITLE] = { .col = "title", .label = "标题", .kind = FK_TEXT, .max_chars = 60, .required = true },
	[SUG_LEAD] = { .col = "lead_deputy_id",
		       .label = "领衔代表",
		       .kind = FK_CHOICE,
		       .choice_open = true,
		       .max_chars = 200,
		       .required = true },
	[SUG_COSPONSORS] = { .col = "cosponsors",
			     .label = "附议代表",
			     .kind = FK_MULTI,
			     .max_chars = 3000,
			     .list_hide = true },
	[SUG_DATE] = { .col = "date", .label = "提出日期", .kind = FK_DATE, .required = true, .def = "今天" },
	[SUG_CATEGORY] = { .col = "category",
			   .label = "类别",
			   .kind = FK_CHOICE,
			   .choices = suggestion_categories,
			   .required = true },
	[SUG_CONTENT] = { .col = "content", .label = "内容", .kind = FK_MEMO, .max_chars = 3000, .list_hide = true },
	[SUG_UNIT] = { .col = "unit_id", .label = "承办单位", .kind = FK_CHOICE, .choice_open = true, .max_chars = 60 },
	[SUG_DUE] = { .col = "due_date", .label = "办理时限", .kind = FK_DATE },
	[SUG_REPLY_DATE] = { .col = "reply_date", .label = "答复日期", .kind = FK_DATE, .list_hide = true },
	[SUG_REPLY] = { .col = "reply", .label = "答复内容", .kind = FK_MEMO, .max_chars = 3000, .list_hide = true },
	[SUG_RESULT] = { .col = "result",
			 .label = "办理结果",
			 .kind = FK_CHOICE,
			 .choices = case_result_codes,
			 .choice_open = true,
			 .max_chars = 20 },
	[SUG_SATISFACTION] = { .col = "satisfaction",
			       .label = "满意度",
			       .kind = FK_CHOICE,
			       .choices = case_sat_choices },
	[SUG_CASES] = { .col = "cases", .label = "关联案件", .kind = FK_MULTI, .max_chars = 1000, .list_hide = true },
};

static const char *const suggestion_extra_labels[] = { "状态", "交办日期", "延期次数", "办结日期", "超期" };

const char *suggestion_col_label(int col)
{
	if (col >= 0 && col < SUG_NFIELDS)
		return suggestion_fields[col].label;
	if (col >= SUG_NFIELDS && col < SUG_NCOLS)
		return suggestion_extra_labels[col - SUG_NFIELDS];
	return "";
}

/* Cross-field checks of the form (see suggestion_def). Normalises the result to its letter. */
static int suggestion_check(char **val, const char **msgs)
{
	int bad = 0;
	bool has_date = !str_empty(val[SUG_REPLY_DATE]), has_reply = !str_empty(val[SUG_REPLY]);

	if (!str_empty(val[SUG_RESULT])) {
		char code[2] = { case_result_parse(val[SUG_RESULT]), '\0' };
		if (code[0])
			str_set(&val[SUG_RESULT], code);
		else
			msgs[SUG_RESULT] = "应为 A/B/C/D 之一", bad++;
	}
	if (has_reply && !has_date)
		msgs[SUG_REPLY_DATE] = "有答复内容时须填答复日期", bad++;
	if (has_date && !has_reply)
		msgs[SUG_REPLY] = "有答复日期时须填答复内容", bad++;
	if (!str_empty(val[SUG_SATISFACTION]) && !has_reply)
		msgs[SUG_SATISFACTION] = "尚无答复，不能填满意度", bad++;
	if (!str_empty(val[SUG_DUE]) && strcmp(val[SUG_DUE], val[SUG_DATE]) < 0)
		msgs[SUG_DUE] = "办理时限不能早于提出日期", bad++;
	if (has_date && strcmp(val[SUG_REPLY_DATE], val[SUG_DATE]) < 0)
		msgs[SUG_REPLY_DATE] = "答复日期不能早于提出日期", bad++;
	return bad;
}

const struct record_def suggestion_def = {
	.table = "suggestions",
	.title = "代表建议",
	.fields = suggestion_fields,
	.nfields = SUG_NFIELDS,
	.check = suggestion_check,
};

const char *suggestion_status_label(enum suggestion_status s)
{
	return s >= 0 && s < SS_COUNT ? suggestion_statuses[s] : "";
}

int suggestion_status_parse(const char *label)
{
	for (int i = 0; label && suggestion_statuses[i]; i++)
		if (!strcmp(label, suggestion_statuses[i]))
			return i;
	return -1;
}

const char *suggestion_action_label(enum suggestion_action a)
{
	return a >= 0 && a < SA_COUNT ? suggestion_actions[a] : "";
}

int suggestion_action_parse(const char *label)
{
	for (int i = 0; label && suggestion_actions[i]; i++)
		if (!strcmp(label, suggestion_actions[i]))
			return i;
	return -1;
}

/* The fields of each action's form, in the order shown (keys of core/action.h). */
static const struct {
	int n;
	struct action_field f[5];
} suggestion_forms[SA_COUNT] = {
	[SA_ASSIGN] = { 4,
			{ { "unit_id", "承办单位", true, 60 },
			  { "date", "交办日期", true, 0 },
			  { "due", "办理时限（不填为3个月）", false, 0 },
			  { "note", "说明", false, SUGGESTION_NOTE_CHARS } } },
	[SA_EXTEND] = { 3,
			{ { "due", "延期至", true, 0 },
			  { "note", "延期理由", true, SUGGESTION_NOTE_CHARS },
			  { "date", "日期", true, 0 } } },
	[SA_REPLY] = { 4,
		       { { "content", "答复内容", true, SUGGESTION_REPLY_CHARS },
			 { "result", "办理结果", true, 0 },
			 { "date", "答复日期", true, 0 },
			 { "note", "说明", false, SUGGESTION_NOTE_CHARS } } },
	[SA_FOLLOWUP] = { 3,
			  { { "satisfaction", "代表满意度", true, 0 },
			    { "date", "征询意见日期", true, 0 },
			    { "note", "代表意见", false, SUGGESTION_NOTE_CHARS } } },
	[SA_REDO] = { 3,
		      { { "date", "日期", true, 0 },
			{ "due", "办理时限（不填为3个月）", false, 0 },
			{ "note", "说明", false, SUGGESTION_NOTE_CHARS } } },
	[SA_CLOSE] = { 2, { { "date", "办结日期", true, 0 }, { "note", "说明", false, SUGGESTION_NOTE_CHARS } } },
};

int suggestion_form(enum suggestion_action a, struct action_field out[ACTION_MAX_FIELDS])
{
	if (a < 0 || a >= SA_COUNT)
		return 0;
	for (int i = 0; i < suggestion_forms[a].n; i++)
		out[i] = suggestion_forms[a].f[i];
	return suggestion_forms[a].n;
}

void suggestion_add_months(const char *iso, int n, char out[11])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	out[0] = '\0';
	if (!iso || date_to_days(iso) < 0 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || n < 0)
		return;
	int months = y * 12 + (m - 1) + n;
	y = months / 12;
	m = months % 12 + 1;
	int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > last)
		d = last;
	date_format(y, m, d, out);
}

void suggestion_default_due(const char *assigned, char out[11])
{
	suggestion_add_months(assigned, SUGGESTION_DUE_MONTHS, out);
}

/* The date the current round's time runs from: the last 重办, else the 交办. */
static const char *sug_round_start(const struct suggestion_state *s) { return s->redone[0] ? s->redone : s->assigned; }

void suggestion_extend_limit(const struct suggestion_state *s, char out[11])
{
	out[0] = '\0';
	if (sug_round_start(s)[0])
		suggestion_add_months(sug_round_start(s), SUGGESTION_DUE_MONTHS + SUGGESTION_EXTEND_MONTHS, out);
}

bool suggestion_overdue(const struct suggestion_state *s, const char *today)
{
	return s->status == SS_HANDLING && s->due[0] && today && strcmp(s->due, today) < 0;
}

const char *suggestion_next_step(enum suggestion_status st, enum case_sat sat)
{
	switch (st) {
	case SS_RAISED:
		return "待交办";
	case SS_HANDLING:
		return "待答复";
	case SS_REPLIED:
		return sat == CASE_SAT_NONE ? "待征询意见" : case_sat_ok(sat) ? "待办结" : "待重办";
	case SS_CLOSED:
		return "已办结";
	default:
		return "";
	}
}

/* Why action a is refused in status st with the round's satisfaction sat, or NULL. */
static const char *sug_refusal(enum suggestion_status st, enum case_sat sat, enum suggestion_action a)
{
	switch (a) {
	case SA_ASSIGN:
		return st == SS_RAISED ? NULL : "这条建议已经交办，不能再交办；更换承办单位请修改记录";
	case SA_EXTEND:
		return st == SS_HANDLING   ? NULL
			: st == SS_RAISED  ? "尚未交办，不能延期"
			: st == SS_REPLIED ? "已经答复，不能再延期"
					   : "这条建议已经办结，不能延期";
	case SA_REPLY:
		return st == SS_HANDLING  ? NULL
			: st == SS_RAISED ? "尚未交办，不能答复"
			: st == SS_REPLIED ? "已经答复，不能再答复；修改答复请修改记录；代表不满意的请先重办"
					   : "这条建议已经办结，不能再答复";
	case SA_FOLLOWUP:
		if (st == SS_REPLIED)
			return sat == CASE_SAT_NONE ? NULL
				: case_sat_ok(sat)  ? "本轮已经征询意见（满意），请办结"
						    : "本轮已经征询意见（不满意），请重办";
		return st == SS_CLOSED ? "这条建议已经办结" : "尚未答复，不能征询代表意见";
	case SA_REDO:
		if (st == SS_REPLIED)
			return sat == CASE_SAT_UNSATISFIED ? NULL
				: sat == CASE_SAT_NONE ? "尚未征询代表意见，不能重办；代表不满意的才重办"
						       : "代表满意，无需重办，请办结";
		return st == SS_CLOSED      ? "这条建议已经办结，不能重办"
			: st == SS_HANDLING ? "正在办理中，无需重办"
					    : "尚未交办，不能重办";
	case SA_CLOSE:
		if (st == SS_REPLIED)
			return case_sat_ok(sat)        ? NULL
				: sat == CASE_SAT_NONE ? "尚未征询代表意见，不能办结"
						       : "代表不满意，应重办，不能办结";
		return st == SS_CLOSED ? "这条建议已经办结" : "尚未答复，不能办结";
	default:
		return "未知的操作";
	}
}

bool suggestion_allowed(const struct suggestion_state *s, enum suggestion_action a, const char **why)
{
	const char *w = sug_refusal(s->status, s->satisfaction, a);
	if (why)
		*why = w;
	return w == NULL;
}

/* Parse an action's date (NULL/"" = today) into out, refusing one after today, before the
 * suggestion's date or before the date of its last action. what names it ("答复日期").
 * Returns NULL or a new sentence (about the field "date"). */
static char *sug_date(const struct suggestion_state *s, const char *in, const char *today, const char *what,
		      char out[11])
{
	return action_date(in, today, what, s->date, "提出日期", s->last, out);
}

/* True if s holds something besides spaces. */
static bool sug_given(const char *s)
{
	if (str_empty(s))
		return false;
	char *t = xstrdup(s);
	str_trim(t);
	bool given = *t != '\0';
	free(t);
	return given;
}

/* A due date counted from start (the date of what, 交办 or 重办): the explicit one (not before
 * start, at most 3 months after it), or start + 3 months. */
static int sug_new_due(const char *start, const char *what, const char *due_in, const char *today, char out[11],
		       struct refusal *why)
{
	char max[11];
	suggestion_default_due(start, max);
	if (str_empty(due_in)) {
		snprintf(out, 11, "%s", max);
		return 0;
	}
	const char *e = date_parse(due_in, today, out);
	if (e)
		return refusal_set(why, "due", xasprintf("办理时限：%s", e));
	if (strcmp(out, start) < 0)
		return refusal_set(why, "due", xasprintf("办理时限不能早于%s日期", what));
	if (strcmp(out, max) > 0)
		return refusal_set(why, "due",
				   xasprintf("办理时限最长为%s后 %d 个月（%s），需要更长请在办理中延期", what,
					     SUGGESTION_DUE_MONTHS, max));
	return 0;
}

static int sug_apply_assign(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			    struct suggestion_state *n, struct refusal *why)
{
	char *m;
	if (a->unit_id <= 0)
		return refusal_set(why, "unit_id", xstrdup("请选择承办单位"));
	if ((m = sug_date(s, a->date, today, "交办日期", n->assigned)))
		return refusal_set(why, "date", m);
	if (sug_new_due(n->assigned, "交办", a->due, today, n->due, why) < 0)
		return -1;
	n->unit_id = a->unit_id;
	n->extensions = 0;
	n->status = SS_HANDLING;
	return 0;
}

static int sug_apply_extend(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			    struct suggestion_state *n, struct refusal *why)
{
	char limit[11], due[11], date[11], *m;
	suggestion_extend_limit(s, limit);
	if (s->due[0] && limit[0] && strcmp(s->due, limit) >= 0)
		return refusal_set(why, "due", xasprintf("延期已满 %d 个月，不能再延", SUGGESTION_EXTEND_MONTHS));
	if (str_empty(a->due))
		return refusal_set(why, "due", xasprintf("请填写延期后的办理时限（最晚 %s）", limit));
	const char *e = date_parse(a->due, today, due);
	if (e)
		return refusal_set(why, "due", xasprintf("办理时限：%s", e));
	if (s->due[0] && strcmp(due, s->due) <= 0)
		return refusal_set(why, "due", xasprintf("延期后的办理时限应晚于原时限（%s）", s->due));
	if (limit[0] && strcmp(due, limit) > 0)
		return refusal_set(
			why, "due",
			xasprintf("延期合计不能超过 %d 个月，最晚可延至 %s", SUGGESTION_EXTEND_MONTHS, limit));
	if (!sug_given(a->note))
		return refusal_set(why, "note", xstrdup("请填写延期理由"));
	if ((m = sug_date(s, a->date, today, "延期日期", date)))
		return refusal_set(why, "date", m);
	snprintf(n->due, sizeof n->due, "%s", due);
	n->extensions = s->extensions + 1;
	memcpy(n->last, date, 11);
	return 0;
}

static int sug_apply_reply(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			   struct suggestion_state *n, struct refusal *why)
{
	char *m;
	const char *e;
	if (!sug_given(a->content))
		return refusal_set(why, "content", xstrdup("请填写答复内容"));
	if ((e = valid_text(a->content, SUGGESTION_REPLY_CHARS, true)))
		return refusal_set(why, "content", xasprintf("答复内容：%s", e));
	if (!a->result)
		return refusal_set(why, "result", xstrdup("请选择办理结果（A/B/C/D）"));
	if (a->result < 'A' || a->result > 'D')
		return refusal_set(why, "result", xstrdup("办理结果应为 A/B/C/D 之一"));
	if ((m = sug_date(s, a->date, today, "答复日期", n->reply)))
		return refusal_set(why, "date", m);
	if (s->assigned[0] && strcmp(n->reply, s->assigned) < 0)
		return refusal_set(why, "date", xasprintf("答复日期不能早于交办日期（%s）", s->assigned));
	n->result = a->result;
	n->status = SS_REPLIED;
	n->satisfaction = CASE_SAT_NONE;
	n->followup[0] = '\0';
	return 0;
}

static int sug_apply_followup(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			      struct suggestion_state *n, struct refusal *why)
{
	char *m;
	if (a->satisfaction <= CASE_SAT_NONE || a->satisfaction >= CASE_SAT_COUNT)
		return refusal_set(why, "satisfaction", xstrdup("请选择代表的满意度（满意/基本满意/不满意）"));
	if ((m = sug_date(s, a->date, today, "征询意见日期", n->followup)))
		return refusal_set(why, "date", m);
	if (s->reply[0] && strcmp(n->followup, s->reply) < 0)
		return refusal_set(why, "date", xasprintf("征询意见日期不能早于答复日期（%s）", s->reply));
	n->satisfaction = a->satisfaction;
	return 0;
}

static int sug_apply_redo(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			  struct suggestion_state *n, struct refusal *why)
{
	char *m;
	if ((m = sug_date(s, a->date, today, "重办日期", n->redone)))
		return refusal_set(why, "date", m);
	if (sug_new_due(n->redone, "重办", a->due, today, n->due, why) < 0)
		return -1;
	/* A new round: the reply and the deputies' view of the last one stay in the timeline. */
	n->status = SS_HANDLING;
	n->redo_count = s->redo_count + 1;
	n->reply[0] = n->followup[0] = '\0';
	n->result = 0;
	n->satisfaction = CASE_SAT_NONE;
	return 0;
}

static int sug_apply_close(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			   struct suggestion_state *n, struct refusal *why)
{
	char *m;
	if ((m = sug_date(s, a->date, today, "办结日期", n->closed)))
		return refusal_set(why, "date", m);
	if (s->reply[0] && strcmp(n->closed, s->reply) < 0)
		return refusal_set(why, "date", xasprintf("办结日期不能早于答复日期（%s）", s->reply));
	n->status = SS_CLOSED;
	return 0;
}

int suggestion_apply(const struct suggestion_state *s, const struct suggestion_act *act, const char *today,
		     struct suggestion_state *next, struct refusal *why)
{
	static int (*const apply[SA_COUNT])(const struct suggestion_state *, const struct suggestion_act *,
					    const char *, struct suggestion_state *, struct refusal *) = {
		[SA_ASSIGN] = sug_apply_assign,     [SA_EXTEND] = sug_apply_extend, [SA_REPLY] = sug_apply_reply,
		[SA_FOLLOWUP] = sug_apply_followup, [SA_REDO] = sug_apply_redo,     [SA_CLOSE] = sug_apply_close,
	};
	const char *no, *e;
	struct suggestion_state n = *s;

	refusal_clear(why);
	if (!suggestion_allowed(s, act->action, &no))
		return refusal_set(why, NULL, xstrdup(no));
	if ((e = valid_text(act->note ? act->note : "", SUGGESTION_NOTE_CHARS, true)))
		return refusal_set(why, "note", xasprintf("说明：%s", e));
	if (apply[act->action](s, act, today, &n, why) < 0)
		return -1;
	if (act->action != SA_EXTEND) {
		/* The action's own date (the 延期 sets it above). */
		const char *d = act->action == SA_ASSIGN ? n.assigned
			: act->action == SA_REPLY        ? n.reply
			: act->action == SA_FOLLOWUP     ? n.followup
			: act->action == SA_REDO         ? n.redone
							 : n.closed;
		memcpy(n.last, d, 11);
	}
	*next = n;
	return 0;
}

/* The status from which each handling field may be filled (an action wrote it), and from which
 * it must be; the messages when it is filled too early or missing. */
static const struct {
	int field;
	enum suggestion_status from, required_from;
	const char *early, *missing;
} sug_stages[] = {
	{ SUG_UNIT, SS_HANDLING, SS_HANDLING, "尚未交办：请用「交办」填写", "已交办，不能为空" },
	{ SUG_DUE, SS_HANDLING, SS_HANDLING, "尚未交办：请用「交办」填写", "已交办，不能为空" },
	{ SUG_REPLY_DATE, SS_REPLIED, SS_REPLIED, "尚未答复：请用「答复」填写", "已答复，不能为空" },
	{ SUG_REPLY, SS_REPLIED, SS_REPLIED, "尚未答复：请用「答复」填写", "已答复，不能为空" },
	{ SUG_RESULT, SS_REPLIED, SS_REPLIED, "尚未答复：请用「答复」填写", "已答复，不能为空" },
	/* 征询意见 writes it while 已答复; 办结 needs it. */
	{ SUG_SATISFACTION, SS_REPLIED, SS_CLOSED, "尚未征询意见：请用「征询意见」填写", "已办结，不能为空" },
};

int suggestion_check_stage(enum suggestion_status status, char *const *vals, const char **msgs)
{
	int bad = 0;
	for (size_t i = 0; i < ARRAY_LEN(sug_stages); i++) {
		int f = sug_stages[i].field;
		bool filled = !str_empty(vals[f]);
		if (status < sug_stages[i].from && filled) {
			msgs[f] = sug_stages[i].early;
			bad++;
		} else if (status >= sug_stages[i].required_from && !filled) {
			msgs[f] = sug_stages[i].missing;
			bad++;
		}
	}
	return bad;
}

int suggestion_check_edit(const struct suggestion_state *s, char *const *vals, const char **msgs)
{
	char buf[160], max[11], limit[11];
	int bad = suggestion_check_stage(s->status, vals, msgs);
	const char *due = vals[SUG_DUE], *reply = vals[SUG_REPLY_DATE];

	if (!s->assigned[0])
		return bad;
	if (strcmp(vals[SUG_DATE], s->assigned) > 0 && !msgs[SUG_DATE]) {
		snprintf(buf, sizeof buf, "提出日期不能晚于交办日期（%s）", s->assigned);
		msgs[SUG_DATE] = str_intern(buf), bad++;
	}
	suggestion_default_due(sug_round_start(s), max);
	suggestion_extend_limit(s, limit);
	if (!str_empty(due) && !msgs[SUG_DUE]) {
		if (strcmp(due, s->assigned) < 0)
			snprintf(buf, sizeof buf, "办理时限不能早于交办日期（%s）", s->assigned);
		else if (s->extensions == 0 && strcmp(due, max) > 0)
			snprintf(buf, sizeof buf, "办理时限最长为交办后 %d 个月（%s），延长请用「延期」",
				 SUGGESTION_DUE_MONTHS, max);
		else if (strcmp(due, limit) > 0)
			snprintf(buf, sizeof buf, "延期合计不能超过 %d 个月，最晚 %s", SUGGESTION_EXTEND_MONTHS, limit);
		else
			buf[0] = '\0';
		if (buf[0])
			msgs[SUG_DUE] = str_intern(buf), bad++;
	}
	if (!str_empty(reply) && !msgs[SUG_REPLY_DATE]) {
		if (strcmp(reply, s->assigned) < 0)
			snprintf(buf, sizeof buf, "答复日期不能早于交办日期（%s）", s->assigned);
		else if (s->closed[0] && strcmp(reply, s->closed) > 0)
			snprintf(buf, sizeof buf, "答复日期不能晚于办结日期（%s）", s->closed);
		else
			buf[0] = '\0';
		if (buf[0])
			msgs[SUG_REPLY_DATE] = str_intern(buf), bad++;
	}
	return bad;
}
