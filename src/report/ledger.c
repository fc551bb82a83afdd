/* The printed ledgers of the seven registers (see ledger.h): one table of columns per register
 * and a page fetcher over its db page function; a buffer of one page of formatted rows between
 * the database and the table engine (report/pdf.c), which streams them twice (measure, draw). */
#include "report/ledger.h"

#include "core/activity.h"
#include "core/case.h"
#include "core/clock.h"
#include "core/deputy.h"
#include "core/period.h"
#include "core/points.h"
#include "core/project.h"
#include "core/suggestion.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/activities.h"
#include "db/cases.h"
#include "db/deputies.h"
#include "db/points.h"
#include "db/projects.h"
#include "db/suggestions.h"
#include "db/visits.h"
#include "report/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows fetched from the database at a time. */
#define LEDGER_PAGE 256
#define LEDGER_MAXCOLS 16

/* One page of formatted rows (the 序号 column excluded): ncols owned strings per row. */
struct lbuf {
	int ncols;
	char **cells;
	int n, cap;
};

static void lbuf_add(struct lbuf *b, const char *const *cells)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->cells = xrealloc(b->cells, (size_t)b->cap * (size_t)b->ncols * sizeof *b->cells);
	}
	for (int c = 0; c < b->ncols; c++)
		b->cells[(size_t)b->n * (size_t)b->ncols + (size_t)c] = xstrdup(cells[c] ? cells[c] : "");
	b->n++;
}

static void lbuf_clear(struct lbuf *b)
{
	for (size_t i = 0; i < (size_t)b->n * (size_t)b->ncols; i++)
		free(b->cells[i]);
	b->n = 0;
}

struct ledger;
/* Fetch rows [offset, offset + limit) of the register's order into l->buf. */
typedef int (*ledger_fetch_fn)(struct ledger *l, int64_t offset, int limit, char **err);

/* A register's printed form. */
struct ledger_def {
	const struct pdf_col *cols; /* 序号 first */
	int ncols;
	ledger_fetch_fn fetch;
	bool newest_first; /* the db pages newest first: read the pages backwards */
	const char *empty;
};

/* One ledger being printed. */
struct ledger {
	struct db *db;
	const struct cfg *cfg;
	const struct ledger_opts *o;
	const struct ledger_def *def;
	int64_t total; /* rows in the period */
	int64_t people; /* visits: their 人数 */
	struct lbuf buf;
	/* 代表履职登记簿: the year's figures, in pinyin order (one row per deputy) */
	struct points_rules rules;
	struct points_rank *ranks;
	int nranks;
};

/* ---- the registers ---- */

static const struct pdf_col visit_cols[] = {
	{ "序号", 3.6, PDF_CENTER },       { "日期", 10, PDF_CENTER },      { "渠道", 5.6, PDF_CENTER },
	{ "来访人", 5.4, PDF_CENTER },   { "性别", 3.4, PDF_CENTER },      { "联系电话", 10, PDF_CENTER },
	{ "住址或单位", 9, PDF_LEFT },   { "人数", 3.4, PDF_CENTER },      { "反映问题", 22, PDF_LEFT },
	{ "类别", 5.4, PDF_CENTER },     { "接待代表", 7, PDF_CENTER },    { "处理方式", 5.6, PDF_CENTER },
	{ "答复及办理情况", 14, PDF_LEFT },
};

static int visit_row(void *ud, const struct visit_row *r)
{
	struct ledger *l = ud;
	char people[16];
	char *phone = l->o->unmasked ? xstrdup(r->phone) : visit_mask_phone(r->phone);
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, r->reply);
	if (r->case_no && *r->case_no)
		sb_addf(&sb, "%s案件 %s（%s）", sb.len ? "\n" : "", r->case_no, r->case_status);
	snprintf(people, sizeof people, "%d", r->people);
	const char *cells[] = { r->date,   r->channel,  r->name,        r->gender,   phone,  r->address,
				people,    r->content,  r->category,    r->deputy_text, r->handling, sb.buf ? sb.buf : "" };
	lbuf_add(&l->buf, cells);
	free(phone);
	sb_free(&sb);
	return 0;
}

static int visit_fetch(struct ledger *l, int64_t offset, int limit, char **err)
{
	struct visit_filter f = { .date_from = l->o->from, .date_to = l->o->to };
	return db_visits_page(l->db, &f, offset, limit, visit_row, l, err);
}

static const struct pdf_col case_cols[] = {
	{ "序号", 3.6, PDF_CENTER },     { "编号", 15, PDF_CENTER },     { "受理日期", 10, PDF_CENTER },
	{ "类别", 5.6, PDF_CENTER },   { "摘要", 19, PDF_LEFT },       { "承办单位", 10, PDF_CENTER },
	{ "交办日期", 10, PDF_CENTER }, { "办理时限", 10, PDF_CENTER }, { "状态", 5, PDF_CENTER },
	{ "答复日期", 10, PDF_CENTER }, { "回访日期", 10, PDF_CENTER }, { "满意度", 5.6, PDF_CENTER },
	{ "办结日期", 10, PDF_CENTER },
};

static int case_row(void *ud, const struct case_row *r)
{
	struct ledger *l = ud;
	const char *cells[] = { r->case_no,       r->received_date, r->category,   r->summary,
				r->unit_name,     r->assigned_date, r->due_date,   r->status,
				r->reply_date,    r->followup_date, r->satisfaction, r->closed_date };
	lbuf_add(&l->buf, cells);
	return 0;
}

static int case_fetch(struct ledger *l, int64_t offset, int limit, char **err)
{
	struct case_filter f = { .date_from = l->o->from, .date_to = l->o->to };
	return db_cases_page(l->db, &f, CASE_SORT_RECEIVED, false, offset, limit, case_row, l, err);
}

static const struct pdf_col sug_cols[] = {
	{ "序号", 3.6, PDF_CENTER },        { "编号", 8, PDF_CENTER },      { "提出日期", 10, PDF_CENTER },
	{ "标题", 18, PDF_LEFT },         { "领衔代表", 6, PDF_CENTER },  { "附议代表", 10, PDF_CENTER },
	{ "类别", 6.4, PDF_CENTER },      { "承办单位", 10, PDF_CENTER }, { "办理时限", 10, PDF_CENTER },
	{ "状态", 5, PDF_CENTER },        { "答复日期", 10, PDF_CENTER }, { "办理结果", 10, PDF_LEFT },
	{ "满意度", 5.6, PDF_CENTER },
};

static int sug_row(void *ud, int64_t id, const char *const *v)
{
	struct ledger *l = ud;
	(void)id;
	const char *result = *v[SUG_RESULT] ? case_result_label(v[SUG_RESULT]) : "";
	const char *cells[] = { v[SUG_NO],       v[SUG_DATE],    v[SUG_TITLE],  v[SUG_LEAD],
				v[SUG_COSPONSORS], v[SUG_CATEGORY], v[SUG_UNIT],  v[SUG_DUE],
				v[SUG_X_STATUS], v[SUG_REPLY_DATE], result ? result : v[SUG_RESULT],
				v[SUG_SATISFACTION] };
	lbuf_add(&l->buf, cells);
	return 0;
}

static int sug_fetch(struct ledger *l, int64_t offset, int limit, char **err)
{
	struct suggestion_filter f = { .date_from = l->o->from, .date_to = l->o->to };
	return db_suggestions_page(l->db, &f, SUG_DATE, false, offset, limit, sug_row, l, err);
}

static const struct pdf_col act_cols[] = {
	{ "序号", 3.6, PDF_CENTER },     { "日期", 10, PDF_CENTER },   { "时间", 6.4, PDF_CENTER },
	{ "类型", 6.4, PDF_CENTER },   { "主题", 13, PDF_LEFT },      { "地点", 9, PDF_LEFT },
	{ "组织单位", 8, PDF_LEFT },   { "内容", 22, PDF_LEFT },      { "出席/签到", 5.6, PDF_CENTER },
	{ "成效", 14, PDF_LEFT },      { "形成建议", 4.6, PDF_CENTER },
};
/* The 学习培训记录簿: the same without 类型. */
static const struct pdf_col train_cols[] = {
	{ "序号", 3.6, PDF_CENTER },     { "日期", 10, PDF_CENTER },   { "时间", 6.4, PDF_CENTER },
	{ "主题", 14, PDF_LEFT },      { "地点", 9, PDF_LEFT },       { "组织单位", 9, PDF_LEFT },
	{ "内容", 24, PDF_LEFT },      { "出席/签到", 5.6, PDF_CENTER }, { "成效", 15, PDF_LEFT },
	{ "形成建议", 4.6, PDF_CENTER },
};

static int act_row(void *ud, const struct activity_row *r)
{
	struct ledger *l = ud;
	const char *const *v = r->vals;
	char att[48];
	snprintf(att, sizeof att, "%lld/%lld", (long long)r->present, (long long)r->signed_in);
	const char *all[] = { v[AV_DATE],    v[AV_TIME], v[AV_TYPE], v[AV_TOPIC],  v[AV_PLACE],
			      v[AV_ORGANIZER], v[AV_CONTENT], att,   v[AV_OUTCOME], v[AV_SUGGESTIONS] };
	const char *train[] = { v[AV_DATE],    v[AV_TIME],    v[AV_TOPIC],   v[AV_PLACE], v[AV_ORGANIZER],
				v[AV_CONTENT], att,           v[AV_OUTCOME], v[AV_SUGGESTIONS] };
	lbuf_add(&l->buf, l->o->reg == REG_TRAINING ? train : all);
	return 0;
}

static int act_fetch(struct ledger *l, int64_t offset, int limit, char **err)
{
	struct activity_filter f = { .type = l->o->reg == REG_TRAINING ? ACTIVITY_TRAINING : NULL,
				     .date_from = l->o->from, .date_to = l->o->to };
	return db_activities_page(l->db, &f, AV_DATE, false, offset, limit, act_row, l, err);
}

static const struct pdf_col dep_cols[] = {
	{ "序号", 3.6, PDF_CENTER },        { "姓名", 5.6, PDF_CENTER },    { "性别", 3, PDF_CENTER },
	{ "民族", 3.6, PDF_CENTER },      { "出生日期", 10, PDF_CENTER }, { "层级", 3.6, PDF_CENTER },
	{ "代表证号", 7, PDF_CENTER },    { "届次", 5, PDF_CENTER },      { "选区/选举单位", 9, PDF_LEFT },
	{ "工作单位及职务", 14, PDF_LEFT }, { "政治面貌", 5.6, PDF_CENTER }, { "联系电话", 10, PDF_CENTER },
	{ "专业小组", 6, PDF_CENTER },    { "进站日期", 10, PDF_CENTER }, { "备注", 8, PDF_LEFT },
};

static int dep_row(void *ud, int64_t id, const char *const *v)
{
	struct ledger *l = ud;
	(void)id;
	const char *cells[] = { v[DEP_NAME],  v[DEP_GENDER], v[DEP_ETHNICITY],    v[DEP_BIRTH_DATE], v[DEP_LEVEL],
				v[DEP_CARD_NO], v[DEP_TERM], v[DEP_CONSTITUENCY], v[DEP_WORK_UNIT],  v[DEP_PARTY],
				v[DEP_PHONE], v[DEP_GROUP], v[DEP_JOIN_DATE],     v[DEP_NOTE] };
	lbuf_add(&l->buf, cells);
	return 0;
}

static int dep_fetch(struct ledger *l, int64_t offset, int limit, char **err)
{
	struct deputy_filter f = { 0 };
	return db_deputies_page(l->db, &f, DEP_LEVEL, false, offset, limit, dep_row, l, err);
}

static const struct pdf_col perf_cols[] = {
	{ "序号", 3.6, PDF_CENTER },        { "姓名", 7, PDF_CENTER },       { "层级", 4.5, PDF_CENTER },
	{ "接待日值班", 6, PDF_CENTER },  { "接待来访", 6, PDF_CENTER },   { "走访", 5, PDF_CENTER },
	{ "活动出席", 6, PDF_CENTER },    { "领衔建议", 6, PDF_CENTER },   { "附议建议", 6, PDF_CENTER },
	{ "案件/办结", 7, PDF_CENTER },   { "述职满意率", 7, PDF_CENTER }, { "积分", 6, PDF_CENTER },
};

static int perf_fetch(struct ledger *l, int64_t offset, int limit, char **err)
{
	(void)err;
	for (int64_t k = offset; k < l->nranks && k < offset + limit; k++) {
		const struct points_rank *r = &l->ranks[k];
		const struct points_figures *f = &r->fig;
		char b[9][EVAL_RATE_BYTES];
		snprintf(b[0], sizeof b[0], "%lld", (long long)f->duty_days);
		snprintf(b[1], sizeof b[1], "%lld", (long long)f->received);
		snprintf(b[2], sizeof b[2], "%lld", (long long)f->walks);
		snprintf(b[3], sizeof b[3], "%lld", (long long)points_figures_attended(f));
		snprintf(b[4], sizeof b[4], "%lld", (long long)f->led);
		snprintf(b[5], sizeof b[5], "%lld", (long long)f->seconded);
		snprintf(b[6], sizeof b[6], "%lld/%lld", (long long)f->cases, (long long)f->cases_closed);
		eval_rate_text(f->eval_people, f->eval_votes[SAT_YES], f->eval_votes[SAT_BASIC], b[7]);
		points_format(r->res.total, b[8]);
		const char *cells[] = { r->name, r->level, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8] };
		lbuf_add(&l->buf, cells);
	}
	return 0;
}

/* 民生实事项目台账: the projects of the period's years (年度), by 征集日期. */
static const struct pdf_col pj_cols[] = {
	{ "序号", 3.6, PDF_CENTER },
	{ "项目名称", 15, PDF_LEFT },
	{ "来源/提出人", 9, PDF_CENTER },
	{ "类别", 6, PDF_CENTER },
	{ "概算（万元）", 7.4, PDF_CENTER },
	{ "状态", 5, PDF_CENTER },
	{ "票决（赞成/反对/弃权，通过与否）", 19, PDF_LEFT },
	{ "承办单位", 10, PDF_CENTER },
	{ "计划完成", 10, PDF_CENTER },
	{ "进度", 5, PDF_CENTER },
	{ "测评满意率", 7, PDF_CENTER },
};

static struct project_filter pj_filter(const struct ledger *l)
{
	return (struct project_filter){ .year_from = atoi(l->o->from), .year_to = atoi(l->o->to) };
}

static int pj_row(void *ud, int64_t id, const char *const *v)
{
	struct ledger *l = ud;
	char rate[EVAL_RATE_BYTES], progress[16];
	(void)id;
	/* who proposed it: the resident or council, or the deputy picked */
	const char *who = *v[PJ_DEPUTY] ? v[PJ_DEPUTY] : v[PJ_PROPOSER];
	char *source = *who ? xasprintf("%s\n%s", v[PJ_SOURCE], who) : xstrdup(v[PJ_SOURCE]);
	/* progress only once it is being carried out (实施, 完成, 评价) */
	int st = project_status_parse(v[PJ_X_STATUS]);
	bool carried = st == PS_CARRYING || st == PS_DONE || st == PS_EVALUATED;
	snprintf(progress, sizeof progress, "%s%s", carried ? v[PJ_X_PROGRESS] : "", carried ? "%" : "");
	eval_rate_text(atoll(v[PJ_X_JOINED]), atoll(v[PJ_X_SATISFIED]), 0, rate);
	const char *cells[] = {
		v[PJ_TITLE],   source,       v[PJ_CATEGORY],  v[PJ_BUDGET], v[PJ_X_STATUS],
		v[PJ_X_VOTES], v[PJ_X_UNIT], v[PJ_X_PLANNED], progress,     atoll(v[PJ_X_JOINED]) ? rate : ""
	};
	lbuf_add(&l->buf, cells);
	free(source);
	return 0;
}

static int pj_fetch(struct ledger *l, int64_t offset, int limit, char **err)
{
	struct project_filter f = pj_filter(l);
	return db_projects_page(l->db, &f, PJ_DATE, false, offset, limit, pj_row, l, err);
}

#define COLS(a) a, (int)ARRAY_LEN(a)
static const struct ledger_def ledger_defs[REG_COUNT] = {
	[REG_DEPUTIES] = { COLS(dep_cols), dep_fetch, false, "无在任代表" },
	[REG_VISITS] = { COLS(visit_cols), visit_fetch, true, "本期无来访登记" },
	[REG_CASES] = { COLS(case_cols), case_fetch, false, "本期无受理的意见建议" },
	[REG_SUGGESTIONS] = { COLS(sug_cols), sug_fetch, false, "本期无代表建议" },
	[REG_ACTIVITIES] = { COLS(act_cols), act_fetch, false, "本期无代表活动" },
	[REG_TRAINING] = { COLS(train_cols), act_fetch, false, "本期无学习培训" },
	[REG_PERFORMANCE] = { COLS(perf_cols), perf_fetch, false, "本年度无代表履职记录" },
	[REG_PROJECTS] = { COLS(pj_cols), pj_fetch, false, "本年度无民生实事项目" },
};
#undef COLS

/* ---- counting and streaming ---- */

static int perf_order(const void *a, const void *b)
{
	return ((const struct points_rank *)a)->order - ((const struct points_rank *)b)->order;
}

/* The rows of the period (and what the 代表履职登记簿 needs in memory: one row per deputy). */
static int ledger_count(struct ledger *l, char **err)
{
	const struct ledger_opts *o = l->o;
	switch (o->reg) {
	case REG_DEPUTIES:
		return db_deputies_count(l->db, &(struct deputy_filter){ 0 }, &l->total, err);
	case REG_VISITS:
		return db_visits_count(l->db, &(struct visit_filter){ .date_from = o->from, .date_to = o->to },
				       &l->total, &l->people, err);
	case REG_CASES:
		return db_cases_count(l->db, &(struct case_filter){ .date_from = o->from, .date_to = o->to },
				      &l->total, err);
	case REG_SUGGESTIONS:
		return db_suggestions_count(
			l->db, &(struct suggestion_filter){ .date_from = o->from, .date_to = o->to }, &l->total, err);
	case REG_ACTIVITIES:
	case REG_TRAINING:
		return db_activities_count(l->db,
					   &(struct activity_filter){ .type = o->reg == REG_TRAINING ? ACTIVITY_TRAINING
												     : NULL,
								      .date_from = o->from, .date_to = o->to },
					   &l->total, err);
	case REG_PROJECTS: {
		struct project_filter f = pj_filter(l);
		return db_projects_count(l->db, &f, &l->total, err);
	}
	case REG_PERFORMANCE: {
		char *why = NULL;
		points_rules_builtin(&l->rules);
		if (points_rules_load(l->cfg, &l->rules, &why) < 0)
			free(why); /* a bad rules file: the built-in rules, as the screens do */
		if (db_points_ranking(l->db, &l->rules, atoi(o->from), true, &l->ranks, &l->nranks, err) < 0)
			return -1;
		qsort(l->ranks, (size_t)l->nranks, sizeof *l->ranks, perf_order);
		l->total = l->nranks;
		return 0;
	}
	default:
		*err = xstrdup("没有这个登记簿");
		return -1;
	}
}

/* Emit the rows of l->buf (from the end when reverse), numbering them from *seq. */
static int ledger_emit_buf(struct ledger *l, bool reverse, int64_t *seq, pdf_emit_fn emit, void *eud)
{
	const char *cells[LEDGER_MAXCOLS];
	char no[24];
	int nc = l->buf.ncols;
	for (int k = 0; k < l->buf.n; k++) {
		int i = reverse ? l->buf.n - 1 - k : k;
		snprintf(no, sizeof no, "%lld", (long long)++*seq);
		cells[0] = no;
		for (int c = 0; c < nc; c++)
			cells[c + 1] = l->buf.cells[(size_t)i * (size_t)nc + (size_t)c];
		if (emit(eud, cells))
			return -1;
	}
	return 0;
}

/* The rows function of the table: the period's rows, oldest first, a page at a time. Stops at
 * the count taken before the first pass, so both passes see the same rows. */
static int ledger_rows(void *ud, pdf_emit_fn emit, void *eud, char **err)
{
	struct ledger *l = ud;
	int64_t seq = 0;
	int rc = 0;
	for (int64_t k = 0; k < l->total && rc == 0; k += LEDGER_PAGE) {
		int64_t offset = k;
		int limit = (int)(l->total - k < LEDGER_PAGE ? l->total - k : LEDGER_PAGE);
		if (l->def->newest_first) /* page k from the end, read backwards */
			offset = l->total - k - limit;
		lbuf_clear(&l->buf);
		if (l->def->fetch(l, offset, limit, err) < 0)
			rc = -1;
		else
			rc = ledger_emit_buf(l, l->def->newest_first, &seq, emit, eud);
	}
	lbuf_clear(&l->buf);
	return rc;
}

/* ---- names and the entry points ---- */

char *ledger_default_path(const struct cfg *cfg, enum reg_id reg, const char *from, const char *to)
{
	struct period m;
	char span[32];
	const char *folder = cfg->print_folder && *cfg->print_folder ? cfg->print_folder : ".";
	if (reg == REG_PROJECTS) /* kept by 年度: the years, whatever days the period names */
		snprintf(span, sizeof span, atoi(from) == atoi(to) ? "%.4s" : "%.4s-%.4s", from, to);
	else if (period_month_of(from, &m) && !strcmp(m.from, from) && !strcmp(m.to, to))
		snprintf(span, sizeof span, "%.7s", from);
	else if (!strcmp(from + 4, "-01-01") && !strcmp(to + 4, "-12-31") && !strncmp(from, to, 4))
		snprintf(span, sizeof span, "%.4s", from);
	else
		snprintf(span, sizeof span, "%.4s%.2s%.2s-%.4s%.2s%.2s", from, from + 5, from + 8, to, to + 5, to + 8);
	return xasprintf("%s/%s-%s.pdf", folder, cfg->titles[reg], span);
}

/* The line under the title: which days the ledger covers. New string. */
static char *ledger_subtitle(const struct ledger *l)
{
	const struct ledger_opts *o = l->o;
	if (o->reg == REG_PERFORMANCE)
		return xasprintf("年度：%d 年", atoi(o->from));
	if (o->reg == REG_PROJECTS)
		return atoi(o->from) == atoi(o->to) ? xasprintf("年度：%d 年", atoi(o->from))
						    : xasprintf("年度：%d 至 %d 年", atoi(o->from), atoi(o->to));
	if (o->reg == REG_DEPUTIES)
		return xasprintf("在任代表，截至 %s", o->to);
	struct period p;
	snprintf(p.from, sizeof p.from, "%s", o->from);
	snprintf(p.to, sizeof p.to, "%s", o->to);
	char *label = period_label(&p);
	char *s = xasprintf("期间：%s", label);
	free(label);
	return s;
}

static void ledger_free(struct ledger *l)
{
	lbuf_clear(&l->buf);
	free(l->buf.cells);
	db_points_ranking_free(l->ranks, l->nranks);
}

int ledger_write(struct db *db, const struct cfg *cfg, const struct ledger_opts *o, char **path_out, int *pages,
		 char **err)
{
	struct ledger l = { .db = db, .cfg = cfg, .o = o };
	struct period chk;
	char today[11], right[64];
	int rc = -1;
	*err = NULL;
	if (path_out)
		*path_out = NULL;
	if ((int)o->reg < 0 || o->reg >= REG_COUNT) {
		*err = xstrdup("没有这个登记簿");
		return -1;
	}
	char *span = xasprintf("%s~%s", o->from ? o->from : "", o->to ? o->to : "");
	int bad = period_parse(span, &chk, err);
	free(span);
	if (bad < 0)
		return -1;
	l.def = &ledger_defs[o->reg];
	l.buf.ncols = l.def->ncols - 1;
	char *path = o->out_path && *o->out_path ? xstrdup(o->out_path) : ledger_default_path(cfg, o->reg, o->from, o->to);
	char *sub = NULL;
	if (ledger_count(&l, err) < 0)
		goto out;
	sub = ledger_subtitle(&l);
	if (o->reg == REG_VISITS)
		snprintf(right, sizeof right, "共 %lld 次来访，%lld 人", (long long)l.total, (long long)l.people);
	else
		snprintf(right, sizeof right, "共 %lld %s", (long long)l.total,
			 o->reg == REG_DEPUTIES || o->reg == REG_PERFORMANCE ? "人"
				 : o->reg == REG_PROJECTS                    ? "项"
									     : "条");
	clock_today(today);
	struct pdf_table t = {
		.cols = l.def->cols,
		.ncols = l.def->ncols,
		.font = cfg->print_font,
		.text = { .heading = cfg->station_name,
			  .title = cfg->titles[o->reg],
			  .subtitle = sub,
			  .right = right,
			  .printed = today,
			  .clerk = cfg->print_clerk,
			  .reviewer = cfg->print_reviewer,
			  .empty = l.def->empty },
		.rows = ledger_rows,
		.ud = &l,
		.total = l.total,
		.progress = o->progress,
		.pud = o->ud,
	};
	if (pdf_table_write(&t, path, pages, err) < 0)
		goto out;
	rc = 0;
	if (path_out) {
		*path_out = path;
		path = NULL;
	}
out:
	free(sub);
	free(path);
	ledger_free(&l);
	return rc;
}

int ledger_print(struct db *db, const struct cfg *cfg, enum reg_id reg, const char *from, const char *to,
		 const char *out_path, void (*progress)(void *ud, int done, int total), void *ud, char **path_out,
		 char **err)
{
	struct ledger_opts o = {
		.reg = reg, .from = from, .to = to, .out_path = out_path, .progress = progress, .ud = ud
	};
	return ledger_write(db, cfg, &o, path_out, NULL, err);
}

int ledger_send(const struct cfg *cfg, const char *path, bool *sent, char **err)
{
	*sent = false;
	if (!cfg->print_command || !*cfg->print_command)
		return 0;
	if (pdf_send(cfg->print_command, path, err) < 0)
		return -1;
	*sent = true;
	return 0;
}
