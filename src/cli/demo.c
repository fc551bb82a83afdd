/* station demo --db FILE [--force]: a fictional demo station, made without any question.
 *
 * The database is built in a temporary file next to FILE and renamed over it at the end, so a
 * failure never leaves half a demo (nor destroys the file --force was meant to replace).
 * Each register fills itself in one function of demo_steps[], through the same code paths a
 * clerk's data takes (the roster goes through the CSV import, cases and suggestions through
 * their create and action functions, so every timeline is real). The steps get the loaded
 * configuration: case numbers carry its station code, due dates its working days and
 * calendar. Dates count back from today (clock_today, STATION_TODAY), so the home screen always
 * has something overdue, due soon and awaiting 回访. */
#include "cli/cli.h"

#include "cli/import.h"
#include "core/calendar.h"
#include "core/case.h"
#include "core/caseflow.h"
#include "core/clock.h"
#include "core/deputy.h"
#include "core/embed.h"
#include "core/suggestion.h"
#include "core/text.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/audit.h"
#include "db/backup.h"
#include "db/cases.h"
#include "db/deputies.h"
#include "db/reception.h"
#include "db/suggestions.h"
#include "db/units.h"
#include "db/visits.h"
#include "report/csvin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* One register's demo rows: fill db, return the number of records added, or -1 with *err. */
struct demo_step {
	const char *title, *title_en; /* register, for the summary (Chinese, English) */
	int (*fill)(const struct cfg *cfg, struct db *db, const char *today, char **err);
};

/* 代表名册: data/demo-deputies.csv through the import. */
static int demo_deputies(const struct cfg *cfg, struct db *db, const char *today, char **err)
{
	(void)cfg;
	const char *csv = embed_get("demo-deputies.csv");
	struct cli_import_result res;
	if (!csv)
		die("demo-deputies.csv is not embedded");
	if (cli_import_deputies_buf(db, csv, strlen(csv), "demo-deputies.csv", today, &res)) {
		struct strbuf sb;
		sb_init(&sb);
		for (int i = 0; i < res.nerrors; i++)
			sb_addf(&sb, "%s%s", i ? "\n" : "", res.errors[i]);
		*err = sb_take(&sb);
		cli_import_result_free(&res);
		return -1;
	}
	int n = res.imported;
	cli_import_result_free(&res);
	return n;
}

/* ---- 意见建议办理簿: one case at each point of the loop ---- */

/* How far a demo case has gone. */
enum demo_stage {
	DEMO_OVERDUE,  /* 办理中, due some working days ago */
	DEMO_DUE_SOON, /* 办理中, due one or two working days from today (临期) */
	DEMO_REPLIED,  /* 已答复, awaiting 回访 */
	DEMO_CLOSED,   /* 回访 满意, 办结 */
};

static const struct demo_case {
	enum demo_stage stage;
	const char *category, *summary, *content;
	const char *deputy;  /* who raised it from his or her own survey (来源 代表调研) */
	const char *contact; /* the resident to call back */
	const char *unit;
	const char *reply; /* DEMO_REPLIED, DEMO_CLOSED */
	char result;
} demo_cases[] = {
	{ DEMO_OVERDUE, "道路交通", "石桥村至镇区村道坑洼多处",
	  "石桥村至镇区的村道有十多处坑洼，雨天积水，骑摩托车的村民多次摔倒。", "黄晓梅", "潘组长", "县交通运输局",
	  NULL, 0 },
	{ DEMO_DUE_SOON, "教育", "镇中心学校门口缺少减速带和斑马线",
	  "学校门口过往车辆车速快，上下学时段学生过马路危险，家长希望设置减速带和斑马线。", "李秀英", "覃老师",
	  "派出所", NULL, 0 },
	{ DEMO_REPLIED, "生态环境", "柳塘社区垃圾清运不及时",
	  "柳塘社区垃圾桶经常满溢，清运车两三天才来一次，天热时气味很大。", "赵德明", "陆阿姨", "综合行政执法队",
	  "已协调环卫公司把柳塘社区的垃圾清运改为每天一次，并增设垃圾桶。", 'A' },
	{ DEMO_CLOSED, "医疗卫生", "镇卫生院周末没有儿科门诊",
	  "家长反映孩子周末生病只能去县城看病，希望卫生院周末开设儿科门诊。", "刘桂兰", "蒙女士", "卫生院",
	  "自本月起每周六上午开设儿科门诊，由县人民医院儿科医生轮流坐诊。", 'A' },
};

/* The case numbers made by demo_cases_fill, for the suggestions that grew out of them. */
static char *demo_case_nos[ARRAY_LEN(demo_cases)];
static int64_t demo_case_ids[ARRAY_LEN(demo_cases)];

static void demo_case_nos_free(void)
{
	for (size_t i = 0; i < ARRAY_LEN(demo_case_nos); i++) {
		free(demo_case_nos[i]);
		demo_case_nos[i] = NULL;
	}
}

/* One action on a demo case. */
static int demo_case_act(const struct cfg *cfg, const struct calendar *cal, struct db *db, int64_t id,
			 const struct case_action *a, const char *today, char **err)
{
	struct refusal why = { 0 };
	return db_cases_act(db, id, a, cal, cfg->case_days, today, NULL, &why) < 0 ? refusal_move(&why, err) : 0;
}

/* The roster's deputies in office (the demo has no namesakes), to find the deputies the demo's
 * cases and suggestions name. */
struct demo_roster {
	struct deputy_brief *v;
	int n;
};

static int64_t demo_roster_id(const struct demo_roster *r, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (!strcmp(r->v[i].name, name))
			return r->v[i].id;
	return 0;
}

/* The dates of a demo case at its stage: assigned so that the due date (days working days
 * later) falls where the stage wants it, received the working day before, replied and followed
 * up a few working days back. */
static void demo_case_dates(const struct calendar *cal, enum demo_stage stage, int days, const char *today,
			    char received[11], char assigned[11], char reply[11], char followup[11])
{
	static const struct {
		enum demo_stage stage;
		int before; /* working days before today, counted with days: -(days + n) or a fixed -n */
		bool with_days;
	} at[] = {
		{ DEMO_OVERDUE, 4, true },
		{ DEMO_DUE_SOON, -1, true },
		{ DEMO_REPLIED, 10, false },
		{ DEMO_CLOSED, 28, false },
	};
	for (size_t i = 0; i < ARRAY_LEN(at); i++)
		if (at[i].stage == stage)
			calendar_add_workdays(cal, today, -((at[i].with_days ? days : 0) + at[i].before), assigned);
	calendar_add_workdays(cal, assigned, -1, received);
	calendar_add_workdays(cal, today, stage == DEMO_CLOSED ? -15 : -3, reply);
	calendar_add_workdays(cal, reply, 2, followup);
}

/* The actions after 交办 that take a case to its stage. */
static int demo_case_finish(const struct cfg *cfg, const struct calendar *cal, struct db *db, int64_t id,
			    const struct demo_case *d, const char *reply, const char *followup, const char *today,
			    char **err)
{
	if (d->stage == DEMO_REPLIED || d->stage == DEMO_CLOSED) {
		struct case_action r = { .event = CE_REPLY, .date = reply, .content = d->reply, .result = d->result };
		if (demo_case_act(cfg, cal, db, id, &r, today, err) < 0)
			return -1;
	}
	if (d->stage == DEMO_CLOSED) {
		struct case_action f = {
			.event = CE_FOLLOWUP, .date = followup, .how = "电话", .satisfaction = CASE_SAT_SATISFIED
		};
		struct case_action c = { .event = CE_CLOSE, .date = followup };
		if (demo_case_act(cfg, cal, db, id, &f, today, err) < 0 ||
		    demo_case_act(cfg, cal, db, id, &c, today, err) < 0)
			return -1;
	}
	return 0;
}

/* Create one demo case and take it through its actions; dates are working days before today. */
static int demo_case_make(const struct cfg *cfg, const struct calendar *cal, struct db *db,
			  const struct demo_roster *roster, const struct demo_case *d, const char *today, char **no,
			  int64_t *case_id, char **err)
{
	struct case_links links = { .deputy_id = demo_roster_id(roster, d->deputy) };
	char received[11] = "", assigned[11] = "", reply[11], followup[11];
	const char *msgs[CASEF_NFIELDS];
	int64_t id = 0, unit = 0;
	int rc = -1;
	char **v = NULL;

	demo_case_dates(cal, d->stage, cfg->case_days, today, received, assigned, reply, followup);
	v = record_new_values(case_record(), received);
	str_set(&v[CASEF_CATEGORY], d->category);
	str_set(&v[CASEF_SUMMARY], d->summary);
	str_set(&v[CASEF_CONTENT], d->content);
	str_set(&v[CASEF_SOURCE], "代表调研");
	str_set(&v[CASEF_CONTACT], d->contact);
	if (record_check(case_record(), v, today, msgs)) {
		for (int f = 0; f < CASEF_NFIELDS; f++)
			if (msgs[f] && !*err)
				*err = xasprintf("%s %s：%s", d->summary, case_record()->fields[f].label, msgs[f]);
		goto out;
	}
	if (db_units_find(db, d->unit, &unit, err) < 0)
		goto out;
	if (!unit || !links.deputy_id) {
		*err = !unit ? xasprintf("没有承办单位 %s", d->unit) : xasprintf("名册中没有代表 %s", d->deputy);
		goto out;
	}
	if (db_cases_create(db, cfg->station_code, v, &links, today, &id, no, err) < 0)
		goto out;
	*case_id = id;
	struct case_action assign = {
		.event = CE_ASSIGN, .date = assigned, .unit_id = unit, .workdays = cfg->case_days
	};
	if (demo_case_act(cfg, cal, db, id, &assign, today, err) < 0 ||
	    demo_case_finish(cfg, cal, db, id, d, reply, followup, today, err) < 0)
		goto out;
	rc = 0;
out:
	if (v)
		record_free_values(case_record(), v);
	return rc;
}

static int demo_cases_fill(const struct cfg *cfg, struct db *db, const char *today, char **err)
{
	struct demo_roster roster = { 0 };
	struct calendar *cal = calendar_new(cfg, err);
	int n = 0;
	if (!cal)
		return -1;
	demo_case_nos_free();
	if (db_deputies_briefs(db, false, NULL, 0, &roster.v, &roster.n, err) < 0)
		n = -1;
	for (size_t i = 0; i < ARRAY_LEN(demo_cases) && n >= 0; i++) {
		if (demo_case_make(cfg, cal, db, &roster, &demo_cases[i], today, &demo_case_nos[i], &demo_case_ids[i],
				   err) < 0)
			n = -1;
		else
			n++;
	}
	deputy_briefs_free(roster.v, roster.n);
	calendar_free(cal);
	return n;
}

/* ---- 代表建议办理簿: suggestions at each status, two grown out of the demo cases ---- */

static const struct demo_suggestion {
	const char *title, *lead, *cosponsors, *category, *content;
	int from_case; /* index into demo_cases, or -1 */
	int raised;    /* 提出日期: days before today */
	enum suggestion_status status;
	const char *unit; /* 交办 */
	int assigned;     /* days before today */
	int replied;      /* days before today */
	const char *reply;
	const char *result;
	int closed; /* days before today */
	const char *satisfaction;
} demo_suggestions[] = {
	{ "关于完善镇卫生院儿科服务的建议", "单丽娟", "刘桂兰、李秀英", "教科文卫",
	  "镇卫生院没有固定的儿科医生，周末孩子生病要到县城就医。建议县卫生健康局安排县人民医院"
	  "儿科医生定期到镇卫生院坐诊，并为卫生院培训儿科医生。",
	  3, 100, SS_CLOSED, "县卫生健康局", 95, 40,
	  "已安排县人民医院儿科医生每周六到镇卫生院坐诊，并选派两名医生到县人民医院进修儿科。", "A", 30, "满意" },
	{ "关于在镇中心学校周边设置交通安全设施的建议", "李秀英", "张卫东、赵德明", "城建环资",
	  "镇中心学校门口是县道，车辆多、车速快。建议在学校周边设置减速带、斑马线和警示标志，"
	  "上下学时段安排交警或志愿者值守。",
	  1, 12, SS_HANDLING, "县交通运输局", 10, 0, NULL, NULL, 0, NULL },
	{ "关于规范农贸市场周边占道经营的建议", "单志刚", "陈志强", "城建环资",
	  "西河镇农贸市场周边占道经营严重，早晚交通拥堵。建议合理规划临时摊位，加强日常管理。", -1, 130, SS_HANDLING,
	  "县市场监督管理局", 125, 0, NULL, NULL, 0, NULL },
	{ "关于修复石桥村村道和机耕路的建议", "黄晓梅", "陈志强、刘桂兰", "农业农村",
	  "石桥村通往镇区的村道坑洼多处，机耕路被雨水冲毁，甘蔗收获季运输车辆无法通行。"
	  "建议安排资金尽快修复。",
	  0, 2, SS_RAISED, NULL, 0, 0, NULL, NULL, 0, NULL },
};

/* The actions that take a demo suggestion to its status. */
static int demo_suggestion_acts(struct db *db, int64_t id, const struct demo_suggestion *d, const char *assigned,
				const char *replied, const char *closed, const char *today, char **err)
{
	struct refusal why = { 0 };
	if (d->status >= SS_HANDLING) {
		struct suggestion_act a = { .action = SA_ASSIGN, .date = assigned };
		if (db_units_find(db, d->unit, &a.unit_id, err) < 0)
			return -1;
		if (db_suggestions_act(db, id, &a, today, &why) < 0)
			goto refused;
	}
	if (d->status >= SS_REPLIED) {
		struct suggestion_act a = {
			.action = SA_REPLY, .date = replied, .content = d->reply, .result = case_result_parse(d->result)
		};
		if (db_suggestions_act(db, id, &a, today, &why) < 0)
			goto refused;
	}
	if (d->status >= SS_CLOSED) {
		struct suggestion_act f = { .action = SA_FOLLOWUP,
					    .date = closed,
					    .satisfaction = case_sat_parse(d->satisfaction) };
		struct suggestion_act a = { .action = SA_CLOSE, .date = closed };
		if (db_suggestions_act(db, id, &f, today, &why) < 0 ||
		    db_suggestions_act(db, id, &a, today, &why) < 0)
			goto refused;
	}
	return 0;
refused:
	refusal_move(&why, err);
	return -1;
}

/* The ids of the deputies a demo suggestion names (lead, then co-sponsors): an error names one
 * that is not in the roster. */
static int demo_suggestion_deputies(const struct demo_roster *roster, const struct demo_suggestion *d, int64_t *lead,
				    int64_t *co, int *nco, int max, char **err)
{
	char **names;
	int n = record_multi_split(d->cosponsors, &names), rc = 0;
	const char *missing = NULL;
	*nco = 0;
	if (!(*lead = demo_roster_id(roster, d->lead)))
		missing = d->lead;
	for (int i = 0; i < n && !missing && *nco < max; i++)
		if (!(co[(*nco)++] = demo_roster_id(roster, names[i])))
			missing = names[i];
	if (missing) {
		*err = xasprintf("名册中没有代表 %s", missing);
		rc = -1;
	}
	str_free_array(names, n);
	return rc;
}

static int demo_suggestion_make(struct db *db, const struct demo_roster *roster, const struct demo_suggestion *d, int n,
				const char *today, char **err)
{
	const char *msgs[SUG_NFIELDS];
	char raised[11], assigned[11], replied[11], closed[11];
	char **v = record_new_values(&suggestion_def, today);
	int64_t id = 0, co[8];
	struct suggestion_ids links = { .cosponsor_ids = co };
	int rc = -1;

	date_add_days(today, -d->raised, raised);
	date_add_days(today, -d->assigned, assigned);
	date_add_days(today, -d->replied, replied);
	date_add_days(today, -d->closed, closed);
	if (d->status != SS_RAISED) {
		char *no = xasprintf("%.4s-%02d", raised, n);
		str_set(&v[SUG_NO], no);
		free(no);
	}
	str_set(&v[SUG_TITLE], d->title);
	str_set(&v[SUG_LEAD], d->lead);
	str_set(&v[SUG_COSPONSORS], d->cosponsors);
	str_set(&v[SUG_DATE], raised);
	str_set(&v[SUG_CATEGORY], d->category);
	str_set(&v[SUG_CONTENT], d->content);
	if (d->from_case >= 0)
		str_set(&v[SUG_CASES], demo_case_nos[d->from_case]);
	if (record_check(&suggestion_def, v, today, msgs)) {
		for (int f = 0; f < SUG_NFIELDS; f++)
			if (msgs[f] && !*err)
				*err = xasprintf("%s %s：%s", d->title, suggestion_def.fields[f].label, msgs[f]);
		goto out;
	}
	if (d->from_case >= 0) {
		links.case_ids = &demo_case_ids[d->from_case];
		links.ncases = 1;
	}
	if (demo_suggestion_deputies(roster, d, &links.lead_id, co, &links.ncosponsors, (int)ARRAY_LEN(co), err) < 0 ||
	    db_suggestions_insert(db, v, &links, &id, err) < 0)
		goto out;
	rc = demo_suggestion_acts(db, id, d, assigned, replied, closed, today, err);
out:
	record_free_values(&suggestion_def, v);
	return rc;
}

static int demo_suggestions_fill(const struct cfg *cfg, struct db *db, const char *today, char **err)
{
	struct demo_roster roster = { 0 };
	int n = 0;
	(void)cfg;
	if (db_deputies_briefs(db, false, NULL, 0, &roster.v, &roster.n, err) < 0)
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(demo_suggestions) && n >= 0; i++)
		if (demo_suggestion_make(db, &roster, &demo_suggestions[i], n + 1, today, err) < 0)
			n = -1;
		else
			n++;
	deputy_briefs_free(roster.v, roster.n);
	return n;
}

/* ---- Demo data (station demo): reception days and data/demo-visits.csv ---- */

/* The demo station's deputies (id and name, in roster order) or reception days (id, date). */
struct demo_visits_list {
	int64_t ids[128];
	char *names[128]; /* owned */
	int n;
};

static void demo_visits_add(struct demo_visits_list *l, int64_t id, const char *name)
{
	if (l->n < (int)ARRAY_LEN(l->ids)) {
		l->ids[l->n] = id;
		l->names[l->n++] = xstrdup(name);
	}
}

static int demo_visits_dep(void *ud, int64_t id, const char *const *vals)
{
	demo_visits_add(ud, id, vals[DEP_NAME]);
	return 0;
}

static int demo_visits_day(void *ud, const struct reception_row *r)
{
	demo_visits_add(ud, r->id, r->date);
	return 0;
}

static void demo_visits_free(struct demo_visits_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->names[i]);
	l->n = 0;
}

/* The demo's reception days: cfg's rule (default the 15th, moved off holidays) from the year of
 * 60 days ago to this year, three deputies on duty each day, taking turns through the roster. */
static int demo_reception_days(const struct cfg *cfg, struct db *db, const char *today, char **err)
{
	struct calendar *cal;
	struct demo_visits_list deps = { 0 }, days = { 0 };
	char from[11];
	int total = 0, rc = -1, k = 0;

	if (!(cal = calendar_new(cfg, err)))
		return -1;
	date_add_days(today, -60, from);
	for (int y = atoi(from); y <= atoi(today); y++) {
		int added;
		if (db_reception_generate(db, cfg, cal, y, NULL, &added, err) < 0)
			goto out;
		total += added;
	}
	if (db_deputies_page(db, NULL, DEP_NAME, false, 0, -1, demo_visits_dep, &deps, err) < 0 ||
	    db_reception_page(db, NULL, 0, -1, demo_visits_day, &days, err) < 0)
		goto out;
	for (int i = 0; i < days.n && deps.n >= 3; i++) {
		int64_t duty[3];
		for (int j = 0; j < 3; j++, k = (k + 1) % deps.n)
			duty[j] = deps.ids[k];
		if (db_reception_set_duty(db, days.ids[i], duty, 3, err) < 0)
			goto out;
	}
	rc = total;
out:
	demo_visits_free(&deps);
	demo_visits_free(&days);
	calendar_free(cal);
	return rc;
}

/* Columns of data/demo-visits.csv after 距今天数 (days before today), in VIS_ order from
 * VIS_CHANNEL to VIS_REPLY, then 接待代表 (names joined with 、) and 承办单位. */
enum { VD_DAYS, VD_FIRST, VD_DEPUTIES = VD_FIRST + VIS_REPLY, VD_UNIT, VD_NCOLS };

/* One demo row into values (the date from the offset; a 接待日来访 moves to the last reception day
 * on or before it). Returns NULL with *err when the row does not pass the checks. */
static char **demo_visits_values(const struct csvin_row *row, const char *today, const struct demo_visits_list *days,
				 char **err)
{
	const char *msgs[VIS_NFIELDS];
	char date[11];
	char **v = record_new_values(&visit_def, today);

	date_add_days(today, -atoi(row->cells[VD_DAYS]), date);
	for (int f = VIS_CHANNEL; f <= VIS_REPLY; f++)
		str_set(&v[f], row->cells[VD_FIRST + f - VIS_CHANNEL]);
	if (!strcmp(v[VIS_CHANNEL], VISIT_CH_RECEPTION)) {
		const char *last = NULL; /* days are in date order */
		for (int i = 0; i < days->n; i++)
			if (strcmp(days->names[i], date) <= 0)
				last = days->names[i];
		if (last)
			snprintf(date, sizeof date, "%s", last);
	}
	str_set(&v[VIS_DATE], date);
	if (record_check(&visit_def, v, today, msgs)) {
		for (int f = 0; f < VIS_NFIELDS; f++)
			if (msgs[f]) {
				*err = xasprintf("第 %d 行 %s：%s", row->line, visit_def.fields[f].label, msgs[f]);
				break;
			}
		record_free_values(&visit_def, v);
		return NULL;
	}
	return v;
}

/* The ids of the deputies named in joined ("杨春燕、赵德明"), into ids (at most max). */
static int demo_visits_dep_ids(const char *joined, const struct demo_visits_list *deps, int64_t *ids, int max,
			       char **err)
{
	const char *p = joined;
	size_t seplen = strlen(RECORD_MULTI_SEP);
	int n = 0;
	while (*p && n < max) {
		/* "、" is three bytes: split on the whole string, not on any of its bytes (strtok). */
		const char *end = strstr(p, RECORD_MULTI_SEP);
		size_t len = end ? (size_t)(end - p) : strlen(p);
		int i = 0;
		while (i < deps->n && (strlen(deps->names[i]) != len || strncmp(deps->names[i], p, len)))
			i++;
		if (i == deps->n) {
			*err = xasprintf("名册中没有代表 %.*s", (int)len, p);
			return -1;
		}
		ids[n++] = deps->ids[i];
		p += len + (end ? seplen : 0);
	}
	return n;
}

/* The demo's visits: data/demo-visits.csv, dated back from today, through db_visits_insert() (a
 * 交办 opens its case, numbered with cfg's station code, assigned when the row names a unit). */
static int demo_visits(const struct cfg *cfg, struct db *db, const char *today, char **err)
{
	const char *csv = embed_get("demo-visits.csv");
	struct csvin *c = NULL;
	struct calendar *cal = NULL;
	struct demo_visits_list deps = { 0 }, days = { 0 };
	int rc = -1, count = 0;

	if (!csv)
		die("demo-visits.csv is not embedded");
	if (!(cal = calendar_new(cfg, err)) || csvin_parse(csv, strlen(csv), "demo-visits.csv", &c, err) < 0)
		goto out;
	if (db_deputies_page(db, NULL, DEP_NAME, false, 0, -1, demo_visits_dep, &deps, err) < 0 ||
	    db_reception_page(db, NULL, 0, -1, demo_visits_day, &days, err) < 0)
		goto out;
	struct visit_ctx ctx = { .cfg = cfg, .cal = cal, .today = today };
	for (int r = 1; r < c->nrows; r++) {
		const struct csvin_row *row = &c->rows[r];
		int64_t ids[VISIT_MAX_DEPUTIES], id;
		struct visit_links l = { .deputy_ids = ids };
		if (row->ncells != VD_NCOLS) {
			*err = xasprintf("第 %d 行应有 %d 列", row->line, VD_NCOLS);
			goto out;
		}
		if ((l.ndeputies = demo_visits_dep_ids(row->cells[VD_DEPUTIES], &deps, ids, VISIT_MAX_DEPUTIES, err)) <
		    0)
			goto out;
		if (*row->cells[VD_UNIT] &&
		    (db_units_find(db, row->cells[VD_UNIT], &l.unit_id, err) < 0 || !l.unit_id)) {
			if (!*err)
				*err = xasprintf("没有承办单位 %s", row->cells[VD_UNIT]);
			goto out;
		}
		char **v = demo_visits_values(row, today, &days, err);
		if (!v)
			goto out;
		int ins = db_visits_insert(db, &ctx, v, &l, &id, NULL, NULL, err);
		record_free_values(&visit_def, v);
		if (ins < 0)
			goto out;
		count++;
	}
	rc = count;
out:
	demo_visits_free(&deps);
	demo_visits_free(&days);
	csvin_free(c);
	calendar_free(cal);
	return rc;
}

static const struct demo_step demo_steps[] = {
	{ "代表名册", "deputies", demo_deputies },
	{ "接待日", "reception days", demo_reception_days },
	{ "接待选民登记", "visits", demo_visits },
	{ "意见建议", "cases", demo_cases_fill },
	{ "代表建议", "suggestions", demo_suggestions_fill },
};

/* Remove path if it exists; 0 or -1 with errno. */
static int demo_unlink(const char *path) { return unlink(path) && errno != ENOENT ? -1 : 0; }

/* Remove a database file and its SQLite companions (-wal, -shm, -journal). */
static int demo_remove_db(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal", ".chain" };
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		if (demo_unlink(p))
			rc = -1;
		free(p);
	}
	return rc;
}

/* Fill a new database at tmp with every register's demo rows and print what was added. */
static int demo_fill(const struct cfg *cfg, const char *tmp)
{
	struct db *db = NULL;
	char today[11], *err = NULL;
	int rc = cli_open_db(cfg, tmp, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, false, &db);
	if (rc)
		return rc;
	clock_today(today);
	for (size_t i = 0; i < ARRAY_LEN(demo_steps); i++) {
		int n = demo_steps[i].fill(cfg, db, today, &err);
		if (n < 0) {
			/* Our own data failed our own checks: a bug, not the clerk's doing. */
			cli_error(cli_msg("演示数据有误（%s）：%s", "the demo data is wrong (%s): %s"),
				  cli_msg(demo_steps[i].title, demo_steps[i].title_en), err ? err : "?");
			free(err);
			rc = CLI_INTERNAL;
			break;
		}
		printf(cli_msg("  %s：%d\n", "  %s: %d\n"), cli_msg(demo_steps[i].title, demo_steps[i].title_en), n);
	}
	db_close(db);
	demo_case_nos_free();
	return rc;
}

/* Take the lock an editing station holds on the file (db_open's DB_OPEN_EXCLUSIVE flock), so a
 * database open in another window is never replaced under it. Returns the fd holding the lock
 * (close it after the replacement), -2 if the file does not exist, or -1 after printing why. */
static int demo_lock_existing(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return -2;
	if (fd < 0) {
		cli_error(cli_msg("无法打开 %s：%s", "cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		cli_error(cli_msg("%s 正被另一个 station 程序使用，不能替换（请先关闭另一个窗口）",
				  "%s is in use by another station program; close it first"),
			  path);
		close(fd);
		return -1;
	}
	return fd;
}

/* Never destroy the file --force replaces: it may be a real ledger. Back it up beside itself as
 * FILE.bak-YYYYMMDD-HHMMSS[-N] (db_backup_beside: a new, checked, single-file copy that holds
 * what its -wal held; never over an earlier backup), and only then remove its -wal, -shm and
 * -journal, which must not be paired with the new file. Returns CLI_OK with *bak set (caller
 * frees), or CLI_DB after printing why (the old file untouched). */
static int demo_backup_old(const char *path, char **bak)
{
	static const char *const sfx[] = { "-wal", "-shm", "-journal" };
	char *err = NULL;
	if (!(*bak = db_backup_beside(NULL, path, &err))) {
		cli_error(cli_msg("无法备份 %s，没有替换它：%s", "cannot back up %s, so it was not replaced: %s"), path,
			  err ? err : "?");
		free(err);
		return CLI_DB;
	}
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		int bad = demo_unlink(p);
		if (bad)
			cli_error(cli_msg("无法删除 %s：%s（原来的文件已备份为 %s）",
					  "cannot remove %s: %s (the old file was backed up as %s)"),
				  p, strerror(errno), *bak);
		free(p);
		if (bad)
			return CLI_DB;
	}
	return CLI_OK;
}

int cli_demo(const struct cfg *cfg, const char *path, bool force)
{
	struct stat st;
	int rc, lock = -2;
	if (!stat(path, &st)) {
		if (S_ISDIR(st.st_mode)) {
			cli_error(cli_msg("%s 是一个文件夹，请给出数据库文件名，如 %s/demo.db",
					  "%s is a folder; give a database file name such as %s/demo.db"),
				  path, path);
			return CLI_USAGE;
		}
		if (!force) {
			cli_error(cli_msg("%s 已存在；要用演示数据替换它，请加 --force",
					  "%s already exists; add --force to replace it with demo data"),
				  path);
			return CLI_PROBLEMS;
		}
		if ((lock = demo_lock_existing(path)) == -1)
			return CLI_DB;
	}
	char *tmp = xasprintf("%s.demo-%ld.tmp", path, (long)getpid());
	demo_remove_db(tmp);
	printf(cli_msg("正在创建演示数据库 %s（虚构的人物和事件）\n",
		       "creating demo database %s (fictional people and events)\n"),
	       path);
	rc = demo_fill(cfg, tmp);
	char *bak = NULL;
	if (rc == CLI_OK && lock != -2)
		rc = demo_backup_old(path, &bak);
	if (rc == CLI_OK && rename(tmp, path)) {
		cli_error(cli_msg("无法替换 %s：%s", "cannot replace %s: %s"), path, strerror(errno));
		rc = CLI_DB;
	}
	if (rc == CLI_OK)
		db_audit_head_move(tmp, path); /* the log's chain head follows the file */
	if (rc == CLI_OK && bak)
		printf(cli_msg("原来的文件已备份为 %s\n", "the old file was backed up as %s\n"), bak);
	free(bak);
	if (lock >= 0)
		close(lock);
	if (rc == CLI_OK)
		printf(cli_msg("演示数据库已就绪：station --db %s\n", "demo database ready: station --db %s\n"), path);
	else
		demo_remove_db(tmp);
	free(tmp);
	return rc;
}
