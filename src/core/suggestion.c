/* 代表建议: fields, pick lists, cross-field checks, and the handling state machine
 * (交办 → 答复 → 办结, with 延期) as pure functions. See core/suggestion.h. */
#include "core/suggestion.h"

#include "core/clock.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const suggestion_categories[] = { "财政经济", "农业农村", "城建环资", "教科文卫",
					      "内务司法", "社会建设", NULL };
const char *const suggestion_satisfactions[] = { "满意", "基本满意", "不满意", NULL };
const char *const suggestion_result_codes[] = { "A", "B", "C", "D", NULL };
const char *const suggestion_result_labels[] = { "已解决或基本解决", "正在解决", "列入规划逐步解决", "留作参考并解释",
						 NULL };
const char *const suggestion_result_choices[] = { "A 已解决或基本解决", "B 正在解决", "C 列入规划逐步解决",
						  "D 留作参考并解释", NULL };
const char *const suggestion_statuses[] = { "已提出", "办理中", "已答复", "办结", NULL };
static const char *const suggestion_actions[] = { "交办", "延期", "答复", "办结", NULL };

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
			 .choices = suggestion_result_codes,
			 .choice_open = true,
			 .max_chars = 20 },
	[SUG_SATISFACTION] = { .col = "satisfaction",
			       .label = "满意度",
			       .kind = FK_CHOICE,
			       .choices = suggestion_satisfactions },
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

const char *suggestion_result_label(const char *code)
{
	for (int i = 0; code && suggestion_result_codes[i]; i++)
		if (!strcmp(code, suggestion_result_codes[i]))
			return suggestion_result_labels[i];
	return "";
}

const char *suggestion_result_parse(const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	int c = (unsigned char)s[0];
	size_t len = 1;
	/* Full-width Ａ..Ｄ: EF BC A1..A4. */
	if (c == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0xA1 && (unsigned char)s[2] <= 0xA4) {
		c = 'A' + ((unsigned char)s[2] - 0xA1);
		len = 3;
	}
	if (c >= 'a' && c <= 'd')
		c -= 'a' - 'A';
	if (c >= 'A' && c <= 'D') {
		const char *rest = s + len;
		while (*rest == ' ' || *rest == '.' || *rest == ':')
			rest++;
		/* "A" alone, or followed by its own words. */
		if (!*rest || !strcmp(rest, suggestion_result_labels[c - 'A']))
			return suggestion_result_codes[c - 'A'];
		return NULL;
	}
	for (int i = 0; suggestion_result_labels[i]; i++)
		if (!strcmp(s, suggestion_result_labels[i]))
			return suggestion_result_codes[i];
	return NULL;
}

/* Cross-field checks of the form (see suggestion_def). Normalises the result to its letter. */
static int suggestion_check(char **val, const char **msgs)
{
	int bad = 0;
	bool has_date = !str_empty(val[SUG_REPLY_DATE]), has_reply = !str_empty(val[SUG_REPLY]);

	if (!str_empty(val[SUG_RESULT])) {
		const char *code = suggestion_result_parse(val[SUG_RESULT]);
		if (code)
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

void suggestion_extend_limit(const struct suggestion_state *s, char out[11])
{
	out[0] = '\0';
	if (s->assigned[0])
		suggestion_add_months(s->assigned, SUGGESTION_DUE_MONTHS + SUGGESTION_EXTEND_MONTHS, out);
}

bool suggestion_overdue(const struct suggestion_state *s, const char *today)
{
	return s->status == SS_HANDLING && s->due[0] && today && strcmp(s->due, today) < 0;
}

const char *suggestion_next_step(enum suggestion_status s)
{
	switch (s) {
	case SS_RAISED:
		return "待交办";
	case SS_HANDLING:
		return "待答复";
	case SS_REPLIED:
		return "待办结";
	case SS_CLOSED:
		return "已办结";
	default:
		return "";
	}
}

bool suggestion_allowed(const struct suggestion_state *s, enum suggestion_action a, const char **why)
{
	const char *w = NULL;
	switch (a) {
	case SA_ASSIGN:
		if (s->status != SS_RAISED)
			w = "这条建议已经交办，不能再交办；更换承办单位请修改记录";
		break;
	case SA_EXTEND:
		if (s->status == SS_RAISED)
			w = "尚未交办，不能延期";
		else if (s->status != SS_HANDLING)
			w = "已经答复，不能再延期";
		break;
	case SA_REPLY:
		if (s->status == SS_RAISED)
			w = "尚未交办，不能答复";
		else if (s->status != SS_HANDLING)
			w = "已经答复，不能再答复；修改答复请修改记录";
		break;
	case SA_CLOSE:
		if (s->status == SS_RAISED || s->status == SS_HANDLING)
			w = "尚未答复，不能办结";
		else if (s->status != SS_REPLIED)
			w = "这条建议已经办结";
		break;
	default:
		w = "未知的操作";
	}
	if (why)
		*why = w;
	return w == NULL;
}

/* Parse an action's date (NULL/"" = today) into out, refusing one after today or before the
 * suggestion's date. what names it ("答复日期"). Returns NULL or a new sentence. */
static char *sug_date(const char *in, const char *today, const char *raised, const char *what, char out[11])
{
	if (str_empty(in)) {
		snprintf(out, 11, "%s", today);
	} else {
		const char *e = date_parse(in, today, out);
		if (e)
			return xasprintf("%s：%s", what, e);
	}
	if (strcmp(out, today) > 0)
		return xasprintf("%s不能晚于今天", what);
	if (strcmp(out, raised) < 0)
		return xasprintf("%s不能早于提出日期（%s）", what, raised);
	return NULL;
}

static char *sug_apply_assign(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			      struct suggestion_state *n)
{
	char *why;
	char max[11];
	if (a->unit_id <= 0)
		return xstrdup("请选择承办单位");
	if ((why = sug_date(a->date, today, s->date, "交办日期", n->assigned)))
		return why;
	suggestion_default_due(n->assigned, max);
	if (str_empty(a->due)) {
		snprintf(n->due, sizeof n->due, "%s", max);
	} else {
		const char *e = date_parse(a->due, today, n->due);
		if (e)
			return xasprintf("办理时限：%s", e);
		if (strcmp(n->due, n->assigned) < 0)
			return xstrdup("办理时限不能早于交办日期");
		if (strcmp(n->due, max) > 0)
			return xasprintf("办理时限最长为交办后 %d 个月（%s），需要更长请在办理中延期",
					 SUGGESTION_DUE_MONTHS, max);
	}
	n->unit_id = a->unit_id;
	n->extensions = 0;
	n->status = SS_HANDLING;
	return NULL;
}

static char *sug_apply_extend(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			      struct suggestion_state *n)
{
	char limit[11], due[11];
	suggestion_extend_limit(s, limit);
	if (s->due[0] && limit[0] && strcmp(s->due, limit) >= 0)
		return xasprintf("延期已满 %d 个月，不能再延", SUGGESTION_EXTEND_MONTHS);
	if (str_empty(a->due))
		return xasprintf("请填写延期后的办理时限（最晚 %s）", limit);
	const char *e = date_parse(a->due, today, due);
	if (e)
		return xasprintf("办理时限：%s", e);
	if (s->due[0] && strcmp(due, s->due) <= 0)
		return xasprintf("延期后的办理时限应晚于原时限（%s）", s->due);
	if (limit[0] && strcmp(due, limit) > 0)
		return xasprintf("延期合计不能超过 %d 个月，最晚可延至 %s", SUGGESTION_EXTEND_MONTHS, limit);
	snprintf(n->due, sizeof n->due, "%s", due);
	n->extensions = s->extensions + 1;
	return NULL;
}

static char *sug_apply_reply(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			     struct suggestion_state *n)
{
	char *why;
	const char *code, *e;
	char *trimmed = xstrdup(a->content ? a->content : "");
	str_trim(trimmed);
	bool blank = !*trimmed;
	free(trimmed);
	if (blank)
		return xstrdup("请填写答复内容");
	if ((e = valid_text(a->content, 3000, true)))
		return xasprintf("答复内容：%s", e);
	if (str_empty(a->result))
		return xstrdup("请选择办理结果（A/B/C/D）");
	if (!(code = suggestion_result_parse(a->result)))
		return xstrdup("办理结果应为 A/B/C/D 之一");
	if ((why = sug_date(a->date, today, s->date, "答复日期", n->reply)))
		return why;
	if (s->assigned[0] && strcmp(n->reply, s->assigned) < 0)
		return xasprintf("答复日期不能早于交办日期（%s）", s->assigned);
	n->result = code[0];
	n->status = SS_REPLIED;
	return NULL;
}

static char *sug_apply_close(const struct suggestion_state *s, const struct suggestion_act *a, const char *today,
			     struct suggestion_state *n)
{
	char *why;
	bool known = false;
	for (int i = 0; a->satisfaction && suggestion_satisfactions[i]; i++)
		known |= !strcmp(a->satisfaction, suggestion_satisfactions[i]);
	if (str_empty(a->satisfaction))
		return xstrdup("请选择代表的满意度（满意/基本满意/不满意）");
	if (!known)
		return xstrdup("满意度应为 满意/基本满意/不满意 之一");
	if ((why = sug_date(a->date, today, s->date, "办结日期", n->closed)))
		return why;
	if (s->reply[0] && strcmp(n->closed, s->reply) < 0)
		return xasprintf("办结日期不能早于答复日期（%s）", s->reply);
	if (str_empty(a->followup)) {
		snprintf(n->followup, sizeof n->followup, "%s", n->closed);
	} else {
		const char *e = date_parse(a->followup, today, n->followup);
		if (e)
			return xasprintf("征询意见日期：%s", e);
		if (s->reply[0] && strcmp(n->followup, s->reply) < 0)
			return xasprintf("征询意见日期不能早于答复日期（%s）", s->reply);
		if (strcmp(n->followup, n->closed) > 0)
			return xstrdup("征询意见日期不能晚于办结日期");
	}
	n->status = SS_CLOSED;
	return NULL;
}

int suggestion_apply(const struct suggestion_state *s, const struct suggestion_act *act, const char *today,
		     struct suggestion_state *next, char **why)
{
	const char *no;
	struct suggestion_state n = *s;
	char *w = NULL;

	*why = NULL;
	if (!suggestion_allowed(s, act->action, &no)) {
		*why = xstrdup(no);
		return -1;
	}
	switch (act->action) {
	case SA_ASSIGN:
		w = sug_apply_assign(s, act, today, &n);
		break;
	case SA_EXTEND:
		w = sug_apply_extend(s, act, today, &n);
		break;
	case SA_REPLY:
		w = sug_apply_reply(s, act, today, &n);
		break;
	case SA_CLOSE:
		w = sug_apply_close(s, act, today, &n);
		break;
	default:
		w = xstrdup("未知的操作");
	}
	if (w) {
		*why = w;
		return -1;
	}
	*next = n;
	return 0;
}

/* The status from which each handling field is filled, and the action that fills it. */
static const struct {
	int field;
	enum suggestion_status from;
	bool required;
} sug_stages[] = {
	{ SUG_UNIT, SS_HANDLING, true }, { SUG_DUE, SS_HANDLING, true },   { SUG_REPLY_DATE, SS_REPLIED, true },
	{ SUG_REPLY, SS_REPLIED, true }, { SUG_RESULT, SS_REPLIED, true }, { SUG_SATISFACTION, SS_CLOSED, true },
};

int suggestion_check_stage(enum suggestion_status status, char *const *vals, const char **msgs)
{
	static const char *const early[SS_COUNT] = {
		[SS_HANDLING] = "尚未交办：请用「交办」填写",
		[SS_REPLIED] = "尚未答复：请用「答复」填写",
		[SS_CLOSED] = "尚未办结：请用「办结」填写",
	};
	static const char *const missing[SS_COUNT] = {
		[SS_HANDLING] = "已交办，不能为空",
		[SS_REPLIED] = "已答复，不能为空",
		[SS_CLOSED] = "已办结，不能为空",
	};
	int bad = 0;
	for (size_t i = 0; i < ARRAY_LEN(sug_stages); i++) {
		int f = sug_stages[i].field;
		bool filled = !str_empty(vals[f]);
		if (status < sug_stages[i].from && filled) {
			msgs[f] = early[sug_stages[i].from];
			bad++;
		} else if (status >= sug_stages[i].from && sug_stages[i].required && !filled) {
			msgs[f] = missing[sug_stages[i].from];
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
	suggestion_default_due(s->assigned, max);
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
