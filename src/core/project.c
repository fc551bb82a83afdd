/* 民生实事项目: fields, the state machine, the pass rule of a vote and the 满意度测评, as pure
 * functions. See core/project.h. */
#include "core/action.h"
#include "core/project.h"

#include "core/clock.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const project_sources[] = { "来访", "代表建议", "居民议事会", "代表", "其他", NULL };
const char *const project_categories[] = { "城乡建设", "教育", "医疗卫生", "养老托育", "交通出行",
					   "生态环境", "文化体育", "就业社保", "其他", NULL };
const char *const project_statuses[] = { "征集", "初选", "未入选", "票决", "实施", "未通过", "完成", "评价", NULL };
static const char *const project_actions[PA_COUNT] = { "入选", "不入选", "落实", "进度", "督查", "完成", "测评" };

static const struct field_def project_fields[PJ_NFIELDS] = {
	[PJ_TITLE] = { .col = "title", .label = "项目名称", .kind = FK_TEXT, .max_chars = 60, .required = true },
	[PJ_YEAR] = { .col = "year", .label = "年度", .kind = FK_INT, .min = 2000, .max = 2100, .required = true },
	[PJ_DATE] = { .col = "date", .label = "征集日期", .kind = FK_DATE, .required = true, .def = "今天" },
	[PJ_SOURCE] = { .col = "source",
			.label = "来源",
			.kind = FK_CHOICE,
			.choices = project_sources,
			.required = true },
	[PJ_PROPOSER] = { .col = "proposer", .label = "提出人", .kind = FK_TEXT, .max_chars = 40 },
	[PJ_DEPUTY] = { .col = "proposer_deputy_id",
			.label = "提出代表",
			.kind = FK_CHOICE,
			.choice_open = true,
			.max_chars = 200,
			.list_hide = true },
	[PJ_SUGGESTION] = { .col = "source_suggestion_id",
			    .label = "来源建议",
			    .kind = FK_CHOICE,
			    .choice_open = true,
			    .max_chars = 200,
			    .list_hide = true },
	[PJ_CATEGORY] = { .col = "category", .label = "类别", .kind = FK_CHOICE, .choices = project_categories },
	[PJ_BUDGET] = { .col = "budget", .label = "估算资金（万元）", .kind = FK_TEXT, .max_chars = 12 },
	[PJ_CONTENT] = { .col = "content", .label = "内容", .kind = FK_MEMO, .max_chars = 3000, .list_hide = true },
};

/* A budget: digits, at most one '.', at most 2 decimals. */
static bool project_budget_ok(const char *s)
{
	int digits = 0, decimals = -1;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			digits++;
			if (decimals >= 0)
				decimals++;
		} else if (*s == '.' && decimals < 0) {
			decimals = 0;
		} else {
			return false;
		}
	}
	return digits > 0 && decimals != 0 && decimals <= 2 && digits <= 9;
}

static int project_check(char **val, const char **msgs)
{
	int bad = 0;
	if (!str_empty(val[PJ_BUDGET]) && !project_budget_ok(val[PJ_BUDGET]))
		msgs[PJ_BUDGET] = "应为数字（万元，最多两位小数），如 120 或 35.5", bad++;
	if (!str_empty(val[PJ_SOURCE]) && !strcmp(val[PJ_SOURCE], "代表") && str_empty(val[PJ_DEPUTY]))
		msgs[PJ_DEPUTY] = "来源为代表时请选择提出代表", bad++;
	if (!str_empty(val[PJ_SOURCE]) && !strcmp(val[PJ_SOURCE], "代表建议") && str_empty(val[PJ_SUGGESTION]))
		msgs[PJ_SUGGESTION] = "来源为代表建议时请选择是哪一件建议", bad++;
	if (!str_empty(val[PJ_YEAR]) && !str_empty(val[PJ_DATE]) && atoi(val[PJ_YEAR]) < atoi(val[PJ_DATE]) - 1)
		msgs[PJ_YEAR] = "年度不能早于征集日期的前一年", bad++;
	return bad;
}

const struct record_def project_def = {
	.table = "projects",
	.title = "民生实事项目",
	.fields = project_fields,
	.nfields = PJ_NFIELDS,
	.check = project_check,
};

const char *project_status_label(enum project_status s) { return s >= 0 && s < PS_COUNT ? project_statuses[s] : ""; }

int project_status_parse(const char *label)
{
	for (int i = 0; label && project_statuses[i]; i++)
		if (!strcmp(label, project_statuses[i]))
			return i;
	return -1;
}

const char *project_action_label(enum project_action a) { return a >= 0 && a < PA_COUNT ? project_actions[a] : ""; }

static const struct {
	int n;
	struct action_field f[6];
} project_forms[PA_COUNT] = {
	[PA_KEEP] = { 2, { { "date", "初选日期", true, 0 }, { "note", "说明", false, 500 } } },
	[PA_DROP] = { 2, { { "note", "不入选的理由", true, 500 }, { "date", "初选日期", true, 0 } } },
	[PA_ARRANGE] = { 4,
			 { { "unit_id", "承办单位", true, 60 },
			   { "due", "计划完成日期", true, 0 },
			   { "date", "日期", true, 0 },
			   { "note", "说明", false, 500 } } },
	[PA_PROGRESS] = { 3,
			  { { "percent", "完成进度（%）", true, 0 },
			    { "date", "日期", true, 0 },
			    { "note", "进展情况", false, 500 } } },
	[PA_INSPECT] = { 3,
			 { { "deputies", "参加督查的代表", true, 0 },
			   { "date", "督查日期", true, 0 },
			   { "note", "督查情况", false, 500 } } },
	[PA_COMPLETE] = { 2, { { "date", "完成日期", true, 0 }, { "note", "说明", false, 500 } } },
	[PA_EVALUATE] = { 6,
			  { { "joined", "参加测评人数", true, 0 },
			    { "satisfied", "满意", true, 0 },
			    { "basic", "基本满意", true, 0 },
			    { "unsatisfied", "不满意", true, 0 },
			    { "date", "测评日期", true, 0 },
			    { "note", "说明", false, 500 } } },
};

int project_form(enum project_action a, struct action_field out[ACTION_MAX_FIELDS])
{
	if (a < 0 || a >= PA_COUNT)
		return 0;
	for (int i = 0; i < project_forms[a].n; i++)
		out[i] = project_forms[a].f[i];
	return project_forms[a].n;
}

bool project_allowed(enum project_status st, enum project_action a, const char **why)
{
	const char *w = NULL;
	switch (a) {
	case PA_KEEP:
	case PA_DROP:
		if (st != PS_COLLECTED)
			w = "只有征集中的项目才能初选";
		break;
	case PA_ARRANGE:
	case PA_PROGRESS:
	case PA_COMPLETE:
		if (st != PS_CARRYING)
			w = st < PS_CARRYING || st == PS_VOTING ? "项目尚未票决通过，还不能实施"
				: st == PS_REJECTED              ? "项目票决未通过，不能实施"
								 : "项目已经完成";
		break;
	case PA_INSPECT:
		if (st != PS_CARRYING && st != PS_DONE)
			w = "只有实施中或已完成的项目才能督查";
		break;
	case PA_EVALUATE:
		if (st != PS_DONE)
			w = st == PS_EVALUATED ? "项目已经测评过" : "项目完成后才能进行满意度测评";
		break;
	default:
		w = "未知的操作";
	}
	if (why)
		*why = w;
	return w == NULL;
}

/* An action's date (NULL/"" today) into out, or a new refusal sentence. */
static char *project_date(const struct project_state *s, const char *in, const char *today, const char *what,
			  char out[11])
{
	return action_date(in, today, what, s->date, "征集日期", s->last, out);
}

static bool project_given(const char *s)
{
	if (str_empty(s))
		return false;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return true;
	return false;
}

static int project_apply_step(const struct project_state *s, const struct project_act *a, const char *today,
			      const char *date, struct project_state *n, struct refusal *why)
{
	char due[11];
	const char *e;
	switch (a->action) {
	case PA_KEEP:
		n->status = PS_SHORTLISTED;
		return 0;
	case PA_DROP:
		if (!project_given(a->note))
			return refusal_set(why, "note", xstrdup("请填写不入选的理由"));
		n->status = PS_DROPPED;
		return 0;
	case PA_ARRANGE:
		if (a->unit_id <= 0)
			return refusal_set(why, "unit_id", xstrdup("请选择承办单位"));
		if (str_empty(a->due))
			return refusal_set(why, "due", xstrdup("请填写计划完成日期"));
		if ((e = date_parse(a->due, today, due)))
			return refusal_set(why, "due", xasprintf("计划完成日期：%s", e));
		if (s->vote_date[0] && strcmp(due, s->vote_date) < 0)
			return refusal_set(why, "due", xasprintf("计划完成日期不能早于票决日期（%s）", s->vote_date));
		n->unit_id = a->unit_id;
		memcpy(n->planned, due, 11);
		return 0;
	case PA_PROGRESS:
		if (a->percent < 0 || a->percent > 100)
			return refusal_set(why, "percent", xstrdup("请填写完成进度，0 到 100"));
		if (a->percent < s->progress && !project_given(a->note))
			return refusal_set(why, "note",
					   xasprintf("进度从 %d%% 降到 %d%%，请在进展情况里写明原因", s->progress,
						     a->percent));
		n->progress = a->percent;
		return 0;
	case PA_INSPECT:
		if (a->ndeputies <= 0)
			return refusal_set(why, "deputies", xstrdup("请选择参加督查的代表"));
		return 0;
	case PA_COMPLETE:
		if (s->vote_date[0] && strcmp(date, s->vote_date) < 0)
			return refusal_set(why, "date", xasprintf("完成日期不能早于票决日期（%s）", s->vote_date));
		if (s->unit_id <= 0)
			return refusal_set(why, NULL, xstrdup("尚未落实承办单位，请先「落实」"));
		n->status = PS_DONE;
		n->progress = 100;
		memcpy(n->completed, date, 11);
		return 0;
	case PA_EVALUATE:
		if (a->joined <= 0)
			return refusal_set(why, "joined", xstrdup("参加测评人数应至少为 1"));
		if (a->satisfied < 0 || a->basic < 0 || a->unsatisfied < 0)
			return refusal_set(why, "satisfied", xstrdup("请填写满意、基本满意、不满意的人数"));
		if (a->satisfied + a->basic + a->unsatisfied != a->joined)
			return refusal_set(why, "joined",
					   xasprintf("满意、基本满意、不满意合计 %d 人，应等于参加测评的 %d 人",
						     a->satisfied + a->basic + a->unsatisfied, a->joined));
		if (s->completed[0] && strcmp(date, s->completed) < 0)
			return refusal_set(why, "date", xasprintf("测评日期不能早于完成日期（%s）", s->completed));
		n->status = PS_EVALUATED;
		n->joined = a->joined;
		n->satisfied = a->satisfied;
		n->basic = a->basic;
		n->unsatisfied = a->unsatisfied;
		return 0;
	default:
		return refusal_set(why, NULL, xstrdup("未知的操作"));
	}
}

int project_apply(const struct project_state *s, const struct project_act *act, const char *today,
		  struct project_state *next, struct refusal *why)
{
	const char *no, *e;
	char date[11], *m;
	struct project_state n = *s;
	refusal_clear(why);
	if (!project_allowed(s->status, act->action, &no))
		return refusal_set(why, NULL, xstrdup(no));
	if ((e = valid_text(act->note ? act->note : "", 500, true)))
		return refusal_set(why, "note", xasprintf("说明：%s", e));
	if ((m = project_date(s, act->date, today, act->action == PA_INSPECT ? "督查日期" : "日期", date)))
		return refusal_set(why, "date", m);
	if (project_apply_step(s, act, today, date, &n, why) < 0)
		return -1;
	memcpy(n.last, date, 11);
	*next = n;
	return 0;
}

int project_ballot(const struct project_state *s, struct project_state *next, struct refusal *why)
{
	refusal_clear(why);
	if (s->status != PS_SHORTLISTED)
		return refusal_set(why, NULL,
				   xasprintf("只有初选入选的项目才能提交票决（这个项目现在是「%s」）",
					     project_status_label(s->status)));
	*next = *s;
	next->status = PS_VOTING;
	return 0;
}

int project_decide(const struct project_state *s, bool passed, const char *date, struct project_state *next,
		   struct refusal *why)
{
	refusal_clear(why);
	if (s->status != PS_VOTING)
		return refusal_set(why, NULL,
				   xasprintf("项目不在票决中（现在是「%s」）", project_status_label(s->status)));
	if (s->date[0] && date && strcmp(date, s->date) < 0)
		return refusal_set(why, "date", xasprintf("票决日期不能早于项目的征集日期（%s）", s->date));
	*next = *s;
	next->status = passed ? PS_CARRYING : PS_REJECTED;
	snprintf(next->vote_date, sizeof next->vote_date, "%s", date ? date : "");
	if (date && (!s->last[0] || strcmp(date, s->last) > 0))
		snprintf(next->last, sizeof next->last, "%s", date);
	return 0;
}

int project_session_check(int expected, int present, struct refusal *why)
{
	refusal_clear(why);
	if (expected < 1)
		return refusal_set(why, "expected", xstrdup("应到人数应至少为 1"));
	if (present < 0)
		return refusal_set(why, "present", xstrdup("实到人数不能为负数"));
	if (present > expected)
		return refusal_set(why, "present", xasprintf("实到 %d 人，不能多于应到的 %d 人", present, expected));
	return 0;
}

int project_votes_check(int present, int yes, int no, int abstain, struct refusal *why)
{
	refusal_clear(why);
	if (yes < 0 || no < 0 || abstain < 0)
		return refusal_set(why, "yes", xstrdup("票数不能为负数"));
	if (yes + no + abstain > present)
		return refusal_set(why, "yes",
				   xasprintf("赞成、反对、弃权合计 %d 票，超过实到人数 %d 人", yes + no + abstain,
					     present));
	return 0;
}

bool project_passes(bool of_present, int expected, int present, int yes)
{
	int base = of_present ? present : expected;
	return base > 0 && 2 * (int64_t)yes > base;
}

int project_pass_need(bool of_present, int expected, int present)
{
	int base = of_present ? present : expected;
	return base / 2 + 1;
}

const char *project_rule_label(bool of_present) { return of_present ? "超过实到人数的一半" : "超过应到人数的一半"; }

double project_sat_rate(int joined, int satisfied, int basic)
{
	return joined > 0 ? 100.0 * (satisfied + basic) / joined : -1;
}

bool project_overdue(const struct project_state *s, const char *today)
{
	return s->status == PS_CARRYING && s->planned[0] && today && strcmp(s->planned, today) < 0;
}
