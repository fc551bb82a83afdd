/* The summary's columns and derived figures, the detail lists' columns, masking (summary.h). */
#include "core/summary.h"

#include "core/activity.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const summary_categories[] = { "城乡建设", "道路交通", "水电气讯", "教育",     "医疗卫生", "社会保障",
					   "就业创业", "生态环境", "农业农村", "营商环境", "社会治安", "矛盾纠纷",
					   "物业管理", "政策咨询", "其他",     NULL };

/* clang-format off */
const struct summary_col summary_cols[SUM_N] = {
	[SUM_VERSION] = { "格式版本", SK_INT },
	[SUM_CODE] = { "联络站编号", SK_TEXT },
	[SUM_NAME] = { "联络站名称", SK_TEXT },
	[SUM_PERIOD] = { "期间", SK_TEXT },
	[SUM_FROM] = { "起始日期", SK_TEXT },
	[SUM_TO] = { "截止日期", SK_TEXT },
	[SUM_RECEPTION_DAYS] = { "接待日举行次数", SK_INT },
	[SUM_DEPUTY_TIMES] = { "代表进站人次", SK_INT },
	[SUM_LEVEL_FIRST + 0] = { "全国人大代表进站人数", SK_INT },
	[SUM_LEVEL_FIRST + 1] = { "省人大代表进站人数", SK_INT },
	[SUM_LEVEL_FIRST + 2] = { "市人大代表进站人数", SK_INT },
	[SUM_LEVEL_FIRST + 3] = { "县人大代表进站人数", SK_INT },
	[SUM_LEVEL_FIRST + 4] = { "乡镇人大代表进站人数", SK_INT },
	[SUM_VISITS] = { "接待群众件数", SK_INT },
	[SUM_VISIT_PEOPLE] = { "接待群众人次", SK_INT },
	[SUM_WALKS] = { "走访次数", SK_INT },
	[SUM_WALK_PEOPLE] = { "走访群众人次", SK_INT },
	[SUM_OPINIONS] = { "收集意见建议", SK_INT },
	[SUM_CAT_FIRST + 0] = { "意见建议_城乡建设", SK_INT },
	[SUM_CAT_FIRST + 1] = { "意见建议_道路交通", SK_INT },
	[SUM_CAT_FIRST + 2] = { "意见建议_水电气讯", SK_INT },
	[SUM_CAT_FIRST + 3] = { "意见建议_教育", SK_INT },
	[SUM_CAT_FIRST + 4] = { "意见建议_医疗卫生", SK_INT },
	[SUM_CAT_FIRST + 5] = { "意见建议_社会保障", SK_INT },
	[SUM_CAT_FIRST + 6] = { "意见建议_就业创业", SK_INT },
	[SUM_CAT_FIRST + 7] = { "意见建议_生态环境", SK_INT },
	[SUM_CAT_FIRST + 8] = { "意见建议_农业农村", SK_INT },
	[SUM_CAT_FIRST + 9] = { "意见建议_营商环境", SK_INT },
	[SUM_CAT_FIRST + 10] = { "意见建议_社会治安", SK_INT },
	[SUM_CAT_FIRST + 11] = { "意见建议_矛盾纠纷", SK_INT },
	[SUM_CAT_FIRST + 12] = { "意见建议_物业管理", SK_INT },
	[SUM_CAT_FIRST + 13] = { "意见建议_政策咨询", SK_INT },
	[SUM_CAT_FIRST + 14] = { "意见建议_其他", SK_INT },
	[SUM_CAT_NONE] = { "意见建议_未分类", SK_INT },
	[SUM_SPOT] = { "当场答复", SK_INT },
	[SUM_REJECTED] = { "不予受理", SK_INT },
	[SUM_TO_SUGGESTION] = { "转为代表建议", SK_INT },
	[SUM_ASSIGNED] = { "交办", SK_INT },
	[SUM_REPLIED] = { "答复", SK_INT },
	[SUM_CLOSED] = { "办结", SK_INT },
	[SUM_ON_TIME] = { "按期办结", SK_INT },
	[SUM_ON_TIME_RATE] = { "按期办结率(%)", SK_RATE },
	[SUM_FOLLOWED] = { "回访", SK_INT },
	[SUM_SATISFIED] = { "满意和基本满意", SK_INT },
	[SUM_SAT_RATE] = { "满意率(%)", SK_RATE },
	[SUM_OVERDUE_END] = { "期末超期", SK_INT },
	[SUM_SUG_RAISED] = { "代表建议提出", SK_INT },
	[SUM_SUG_REPLIED] = { "代表建议答复", SK_INT },
	[SUM_SUG_A + 0] = { "建议结果A已解决", SK_INT },
	[SUM_SUG_A + 1] = { "建议结果B正在解决", SK_INT },
	[SUM_SUG_A + 2] = { "建议结果C列入规划", SK_INT },
	[SUM_SUG_A + 3] = { "建议结果D留作参考", SK_INT },
	[SUM_SUG_CLOSED] = { "代表建议办结", SK_INT },
	[SUM_ACTIVITIES] = { "代表活动", SK_INT },
	[SUM_ACT_FIRST + 0] = { "活动_学习培训", SK_INT },
	[SUM_ACT_FIRST + 1] = { "活动_视察", SK_INT },
	[SUM_ACT_FIRST + 2] = { "活动_调研", SK_INT },
	[SUM_ACT_FIRST + 3] = { "活动_执法检查", SK_INT },
	[SUM_ACT_FIRST + 4] = { "活动_代表小组活动", SK_INT },
	[SUM_ACT_FIRST + 5] = { "活动_接待选民", SK_INT },
	[SUM_ACT_FIRST + 6] = { "活动_宣传宣讲", SK_INT },
	[SUM_ACT_FIRST + 7] = { "活动_述职评议", SK_INT },
	[SUM_ACT_FIRST + 8] = { "活动_化解矛盾纠纷", SK_INT },
	[SUM_ACT_FIRST + 9] = { "活动_办实事", SK_INT },
	[SUM_ACT_FIRST + 10] = { "活动_其他", SK_INT },
	[SUM_QUARTERS] = { "整季度数", SK_INT },
	[SUM_MIN_MET] = { "季度活动达标", SK_FLAG },
	[SUM_ACT_INSPECT] = { "活动_督查", SK_INT },
	[SUM_RING_FIRST + 0] = { "受理随时_到期", SK_INT },
	[SUM_RING_FIRST + 1] = { "受理随时_按时", SK_INT },
	[SUM_RING_FIRST + 2] = { "受理随时_按时率(%)", SK_RATE },
	[SUM_RING_FIRST + 3] = { "交办及时_到期", SK_INT },
	[SUM_RING_FIRST + 4] = { "交办及时_按时", SK_INT },
	[SUM_RING_FIRST + 5] = { "交办及时_按时率(%)", SK_RATE },
	[SUM_RING_FIRST + 6] = { "办理限时_到期", SK_INT },
	[SUM_RING_FIRST + 7] = { "办理限时_按时", SK_INT },
	[SUM_RING_FIRST + 8] = { "办理限时_按时率(%)", SK_RATE },
	[SUM_RING_FIRST + 9] = { "答复定时_到期", SK_INT },
	[SUM_RING_FIRST + 10] = { "答复定时_按时", SK_INT },
	[SUM_RING_FIRST + 11] = { "答复定时_按时率(%)", SK_RATE },
	[SUM_RING_FIRST + 12] = { "回访适时_到期", SK_INT },
	[SUM_RING_FIRST + 13] = { "回访适时_按时", SK_INT },
	[SUM_RING_FIRST + 14] = { "回访适时_按时率(%)", SK_RATE },
	[SUM_PJ_PROPOSED] = { "征集项目", SK_INT },
	[SUM_PJ_VOTED] = { "票决项目", SK_INT },
	[SUM_PJ_PASSED] = { "通过项目", SK_INT },
	[SUM_PJ_DONE] = { "完成项目", SK_INT },
	[SUM_PJ_JOINED] = { "测评人数", SK_INT },
	[SUM_PJ_SATISFIED] = { "测评满意和基本满意", SK_INT },
	[SUM_PJ_SAT_RATE] = { "测评满意率(%)", SK_RATE },
};
/* clang-format on */

void summary_init(struct summary *s, const char *code, const char *name, const char *label, const char *from,
		  const char *to)
{
	memset(s, 0, sizeof *s);
	s->text[SUM_VERSION] = xasprintf("%d", SUMMARY_FORMAT);
	s->text[SUM_CODE] = xstrdup(code ? code : "");
	s->text[SUM_NAME] = xstrdup(name ? name : "");
	s->text[SUM_PERIOD] = xstrdup(label ? label : "");
	s->text[SUM_FROM] = xstrdup(from);
	s->text[SUM_TO] = xstrdup(to);
	s->n[SUM_VERSION] = SUMMARY_FORMAT;
}

void summary_free(struct summary *s)
{
	for (int i = 0; i <= SUM_TO; i++)
		free(s->text[i]);
	memset(s, 0, sizeof *s);
}

int summary_category_col(const char *category)
{
	for (int i = 0; category && summary_categories[i]; i++)
		if (!strcmp(category, summary_categories[i]))
			return SUM_CAT_FIRST + i;
	return SUM_CAT_NONE;
}

int summary_activity_col(const char *type)
{
	/* By the column's name, "活动_" and the type: 督查 came after format 1 and has its column
	 * at the end, so the columns of format 1 keep their places. */
	static const char prefix[] = "活动_";
	for (int c = SUM_ACT_FIRST; type && c <= SUM_ACT_INSPECT; c = c == SUM_ACT_LAST ? SUM_ACT_INSPECT : c + 1)
		if (!strcmp(summary_cols[c].header + strlen(prefix), type))
			return c;
	return -1;
}

int summary_whole_quarters(const char *from, const char *to, char starts[][11], int max)
{
	int y = atoi(from), m = atoi(from + 5), d = atoi(from + 8), n = 0;
	/* The first quarter starting on or after from. */
	int q = (m - 1) / 3;
	if (m != q * 3 + 1 || d != 1)
		q++;
	for (;; q++) {
		int yy = y + q / 4, qq = q % 4;
		char first[11], last[11];
		static const char *const ends[] = { "03-31", "06-30", "09-30", "12-31" };
		snprintf(first, sizeof first, "%04d-%02d-01", yy, qq * 3 + 1);
		snprintf(last, sizeof last, "%04d-%s", yy, ends[qq]);
		if (strcmp(last, to) > 0)
			break;
		if (n < max)
			memcpy(starts[n], first, 11);
		n++;
	}
	return n;
}

void summary_finish(struct summary *s)
{
	int nq = (int)s->n[SUM_QUARTERS];
	s->min_met = true;
	for (int i = 0; i < nq && i < 8; i++)
		if (s->quarter_acts[i] < s->min_per_quarter)
			s->min_met = false;
	s->n[SUM_MIN_MET] = nq ? s->min_met : 0;
}

/* Numerator and denominator of a rate column. */
static void summary_rate_parts(int c, int *num, int *den)
{
	if (c >= SUM_RING_FIRST && c <= SUM_RING_LAST) { /* a ring's 到期, 按时, 按时率 */
		*num = c - SUM_RING_RATE + SUM_RING_ON_TIME;
		*den = c - SUM_RING_RATE + SUM_RING_DUE;
		return;
	}
	*num = c == SUM_ON_TIME_RATE ? SUM_ON_TIME : c == SUM_PJ_SAT_RATE ? SUM_PJ_SATISFIED : SUM_SATISFIED;
	*den = c == SUM_ON_TIME_RATE ? SUM_CLOSED : c == SUM_PJ_SAT_RATE ? SUM_PJ_JOINED : SUM_FOLLOWED;
}

char *summary_cell(const struct summary *s, int c)
{
	int num, den;
	switch (summary_cols[c].kind) {
	case SK_TEXT:
		return xstrdup(s->text[c] ? s->text[c] : "");
	case SK_INT:
		return xasprintf("%lld", (long long)s->n[c]);
	case SK_RATE:
		summary_rate_parts(c, &num, &den);
		if (!s->n[den])
			return xstrdup("");
		return xasprintf("%.1f", 100.0 * (double)s->n[num] / (double)s->n[den]);
	case SK_FLAG:
		return xstrdup(!s->n[SUM_QUARTERS] ? "" : s->min_met ? "是" : "否");
	}
	return xstrdup("");
}

char *summary_rate_label(const struct summary *s, int c)
{
	char *v = summary_cell(s, c);
	if (!*v) {
		free(v);
		return xstrdup("-");
	}
	char *r = xasprintf("%s%%", v);
	free(v);
	return r;
}

/* ---- detail lists ---- */

static const struct detail_col visit_cols[] = {
	{ "uid", DT_TEXT },    { "日期", DT_TEXT },      { "渠道", DT_TEXT },     { "来访人", DT_TEXT },
	{ "性别", DT_TEXT },   { "联系电话", DT_PHONE }, { "住址", DT_ADDRESS },  { "人数", DT_INT },
	{ "类别", DT_TEXT },   { "反映问题", DT_TEXT },  { "处理方式", DT_TEXT }, { "答复", DT_TEXT },
	{ "满意度", DT_TEXT }, { "关联案件", DT_TEXT },  { "接待代表", DT_TEXT },
};
static const struct detail_col case_cols[] = {
	{ "uid", DT_TEXT },      { "编号", DT_TEXT },     { "受理日期", DT_TEXT }, { "来源", DT_TEXT },
	{ "类别", DT_TEXT },     { "摘要", DT_TEXT },     { "联系人", DT_TEXT },   { "联系电话", DT_PHONE },
	{ "状态", DT_TEXT },     { "承办单位", DT_TEXT }, { "交办日期", DT_TEXT }, { "办理时限", DT_TEXT },
	{ "答复日期", DT_TEXT }, { "办理结果", DT_TEXT }, { "回访日期", DT_TEXT }, { "满意度", DT_TEXT },
	{ "办结日期", DT_TEXT }, { "延期次数", DT_INT },  { "重办次数", DT_INT },
};
static const struct detail_col suggestion_cols[] = {
	{ "uid", DT_TEXT },      { "编号", DT_TEXT },     { "提出日期", DT_TEXT }, { "标题", DT_TEXT },
	{ "类别", DT_TEXT },     { "领衔代表", DT_TEXT }, { "承办单位", DT_TEXT }, { "状态", DT_TEXT },
	{ "办理时限", DT_TEXT }, { "答复日期", DT_TEXT }, { "办理结果", DT_TEXT }, { "满意度", DT_TEXT },
	{ "办结日期", DT_TEXT },
};
static const struct detail_col activity_cols[] = {
	{ "uid", DT_TEXT },  { "日期", DT_TEXT },   { "类型", DT_TEXT },        { "主题", DT_TEXT },
	{ "地点", DT_TEXT }, { "组织者", DT_TEXT }, { "出席代表人数", DT_INT }, { "形成意见建议数", DT_INT },
};

const struct detail_def detail_defs[DETAIL_COUNT] = {
	[DETAIL_VISITS] = { "visits", "接待选民登记", visit_cols, (int)ARRAY_LEN(visit_cols) },
	[DETAIL_CASES] = { "cases", "意见建议办理", case_cols, (int)ARRAY_LEN(case_cols) },
	[DETAIL_SUGGESTIONS] = { "suggestions", "代表建议办理", suggestion_cols, (int)ARRAY_LEN(suggestion_cols) },
	[DETAIL_ACTIVITIES] = { "activities", "代表活动", activity_cols, (int)ARRAY_LEN(activity_cols) },
};

int detail_find(const char *name)
{
	for (int i = 0; name && i < DETAIL_COUNT; i++)
		if (!strcmp(name, detail_defs[i].name))
			return i;
	return -1;
}

/* Bytes of the UTF-8 character starting at s. */
static int summary_u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* The first n characters of s (bytes). */
static size_t summary_chars(const char *s, int n)
{
	size_t b = 0;
	for (int i = 0; i < n && s[b]; i++)
		b += (size_t)summary_u8len(s + b);
	return b;
}

char *summary_mask_idno(const char *id)
{
	if (str_empty(id))
		return xstrdup("");
	size_t len = strlen(id);
	if (len <= 8)
		return xstrdup("********");
	char *r = xstrdup(id);
	memset(r + 4, '*', len - 8);
	return r;
}

char *summary_mask_address(const char *addr)
{
	if (str_empty(addr))
		return xstrdup("");
	/* Cut after the first village or community: what comes after it finds the house. */
	static const char *const marks[] = { "社区", "居委会", "村委会", "村", "小区" };
	const char *best = NULL;
	size_t bestlen = 0;
	for (size_t i = 0; i < ARRAY_LEN(marks); i++) {
		const char *p = strstr(addr, marks[i]);
		if (p && (!best || p < best)) {
			best = p;
			bestlen = strlen(marks[i]);
		}
	}
	if (best && best[bestlen])
		return xasprintf("%.*s***", (int)(best - addr + (long)bestlen), addr);
	if (best)
		return xstrdup(addr);
	int nchars = 0;
	for (const char *p = addr; *p; p += summary_u8len(p))
		nchars++;
	int keep = nchars > 6 ? 6 : nchars / 2;
	return xasprintf("%.*s***", (int)summary_chars(addr, keep), addr);
}
