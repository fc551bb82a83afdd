/* make bench, step 1: the generator of the benchmark database (tests/bench/README.md).
 *
 * A large, realistic station through the program's own schema: db_open() creates and migrates
 * the file; the roster, the reception days, their duty and the cancelled days go through the db
 * layer (db_deputies_insert_many, db_reception_generate, db_reception_set_duty,
 * db_reception_cancel); each case's state and timeline come from the case loop itself
 * (caseflow_apply on every planned action, refused actions abort the run), so every row is one
 * the program could have written. The four bulk tables (visits, visit_deputies, cases,
 * case_events) are filled with prepared statements in one transaction, with the triggers and
 * secondary indexes of those tables dropped for the load and put back after it (the audit
 * triggers by db_audit_install, the rest from their saved SQL; FTS5 tables are rebuilt), and
 * the foreign keys checked once at the end. case_seq ends with the last number of each year.
 *
 * Deterministic: the same version, today and scale give the same rows (uids aside).
 *
 *   gen --version            the generator version and schema version, e.g. "g1-s3"
 *   gen [--scale F] FILE     create FILE (must not exist); today is STATION_TODAY
 */
#include "core/activity.h"
#include "core/calendar.h"
#include "core/case.h"
#include "core/caseflow.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/deputy.h"
#include "core/record.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/audit.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/internal.h"
#include "db/reception.h"
#include "db/units.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Bump when the generated data changes: run.sh then makes a new file. */
#define GEN_VERSION 5
/* Station code of the case numbers (bench.c sets the same in its cfg). */
#define GEN_CODE "BM01"

#define GEN_VISITS 1000000
#define GEN_CASES 300000
#define GEN_SPOT_SHARE 0.05   /* cases answered on the spot at the desk (当场答复, no visit row) */
#define GEN_SURVEY_SHARE 0.03 /* cases a deputy brought from a survey (代表调研) */
#define GEN_RESIDENTS 300000  /* occasional visitors (about 2 visits each) */
#define GEN_REGULARS 5000     /* regulars (about 50 visits each) */
#define GEN_FREQUENT 200      /* the station's most frequent visitors (about 250 each) */
#define GEN_DAYS 1826         /* five years up to today */
#define GEN_DEPUTIES 60
#define GEN_LEFT 5            /* deputies who left office (2024-01-01) */
#define GEN_LEFT_DATE "2024-01-01"
#define GEN_LONG_EVERY 1500   /* every n-th case has a long history: the timeline benchmark */
#define GEN_MORE_DEPUTIES 500 /* deputies besides the 60 who receive: the points and register benchmarks */
#define GEN_ACTIVITIES 50000  /* activities with sign-in over the five years */
#define GEN_SUGGESTIONS 5000  /* 代表建议 over the five years, with co-sponsors and steps */
#define GEN_ADJUSTMENTS 300   /* manual point adjustments */

/* ---- random numbers (xorshift64*, fixed seed) ---- */

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static int rnd_below(int n) { return n > 0 ? (int)(rnd() % (uint64_t)n) : 0; }
static int rnd_between(int lo, int hi) { return lo + rnd_below(hi - lo + 1); }
static double rnd_unit(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }
static bool chance(double p) { return rnd_unit() < p; }
#define PICK(a) ((a)[rnd_below((int)ARRAY_LEN(a))])

/* ---- word lists ---- */

/* Surnames with their weight (per mille, roughly their frequency; the station is in Guangxi,
 * so 韦 覃 蒙 黎 陆 莫 蓝 are more frequent than nationally). */
static const struct {
	const char *s;
	int w;
} surnames[] = {
	{ "王", 71 }, { "李", 70 }, { "张", 67 }, { "刘", 54 }, { "陈", 45 }, { "杨", 31 }, { "黄", 30 },
	{ "赵", 20 }, { "吴", 18 }, { "周", 17 }, { "徐", 13 }, { "孙", 13 }, { "马", 12 }, { "朱", 11 },
	{ "胡", 10 }, { "郭", 10 }, { "何", 9 }, { "高", 9 }, { "林", 9 }, { "罗", 9 }, { "郑", 7 },
	{ "梁", 8 }, { "谢", 6 }, { "宋", 5 }, { "唐", 6 }, { "许", 5 }, { "韩", 5 }, { "冯", 4 },
	{ "邓", 5 }, { "曹", 4 }, { "彭", 4 }, { "曾", 4 }, { "肖", 4 }, { "田", 4 }, { "董", 4 },
	{ "袁", 3 }, { "潘", 4 }, { "于", 3 }, { "蒋", 3 }, { "蔡", 3 }, { "余", 3 }, { "杜", 3 },
	{ "叶", 3 }, { "程", 3 }, { "苏", 3 }, { "魏", 3 }, { "吕", 3 }, { "丁", 2 }, { "任", 2 },
	{ "沈", 2 }, { "姚", 2 }, { "卢", 2 }, { "韦", 14 }, { "覃", 10 }, { "蒙", 6 }, { "黎", 6 },
	{ "陆", 6 }, { "莫", 6 }, { "蓝", 4 }, { "农", 3 }, { "廖", 3 }, { "谭", 3 }, { "甘", 2 },
};
static const char *const male1[] = { "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平",
	"辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林", "海",
	"峰", "亮", "成", "东", "文", "彬", "志" };
static const char *const female1[] = { "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "红",
	"梅", "莉", "婷", "雪", "琳", "慧", "萍", "颖", "洁", "琴", "云", "莹", "倩", "兰", "英", "凤" };
static const char *const male2a[] = { "建", "国", "志", "德", "永", "春", "文", "海", "明", "家", "俊", "子",
	"宏", "立", "振", "金", "树", "福" };
static const char *const male2b[] = { "国", "华", "强", "明", "军", "平", "民", "林", "生", "东", "伟", "峰",
	"忠", "成", "荣", "贵" };
static const char *const female2a[] = { "秀", "桂", "玉", "丽", "春", "美", "晓", "海", "雪", "红", "金",
	"月", "彩", "凤" };
static const char *const female2b[] = { "英", "兰", "华", "珍", "芳", "梅", "霞", "燕", "凤", "琴", "云",
	"玲", "娟", "莲" };
static const char *const male_titles[] = { "先生", "师傅", "大爷", "大哥", "老伯" };
static const char *const female_titles[] = { "女士", "大姐", "大妈", "阿姨" };
static const char *const villages[] = { "红旗村", "石桥村", "东风村", "团结村", "光明村", "和平村", "联合村",
	"向阳村", "胜利村", "长坡村", "那坡村", "板路村", "六合村", "平安村", "三合村", "大塘村", "龙潭村",
	"金鸡村", "民族村", "新街社区", "新华社区", "城东社区", "城西社区", "江滨社区", "幸福里小区",
	"锦绣花园小区", "桂花苑小区", "滨江苑小区" };
static const char *const companies[] = { "三友农机专业合作社", "青禾县供销社", "永兴建材厂", "绿源种养专业合作社",
	"镇农贸市场", "宏达物流公司", "县第二中学" };
static const char *const roads[] = { "环城路", "民主路", "建设路", "新华街", "人民大道", "滨江路", "X210县道",
	"Y012乡道", "工业大道", "解放路" };

/* Category of a visit and how likely it is, and how likely a unit is asked to handle it
 * (交办, relative). */
struct gen_cat {
	const char *name;
	int weight;
	double assign;
	const char *const *tpl; /* NULL-terminated templates of the first sentence */
	const char *const *units; /* NULL-terminated names from data/units.txt */
};

/* Slots in templates: {v} village, {r} road, {n} a number 2..12, {u} a unit. */
static const struct gen_cat gen_cats[] = {
	{ "城乡建设", 12, 1.2,
	  (const char *const[]){ "{v}的路灯坏了{n}个月，晚上出行很不方便，希望尽快修好。",
		  "老房子墙体开裂，下雨漏水，想问能不能申请危房改造。",
		  "{v}旁边的排水沟堵塞，一下雨就积水，路都走不了。",
		  "{v}的公共厕所年久失修，气味很大，希望翻新。", NULL },
	  (const char *const[]){ "县住房和城乡建设局", "综合行政执法队", "各村(社区)委员会", NULL } },
	{ "道路交通", 10, 1.2,
	  (const char *const[]){ "{r}路面破损严重，坑洼很多，电动车经常摔倒，希望修复。",
		  "村里到镇上没有公交车，老人看病不方便，希望开通班车。",
		  "{r}和{r}交叉口没有红绿灯，上下学时段很危险。",
		  "机耕路被雨水冲毁，收甘蔗的车开不进来，希望尽快修复。", NULL },
	  (const char *const[]){ "县交通运输局", NULL } },
	{ "水电气讯", 8, 1.2,
	  (const char *const[]){ "{v}经常停水，一停就是{n}天，希望解决供水问题。",
		  "家里电压不稳，电器经常烧坏，找过几次没有解决。",
		  "{v}手机信号很差，打电话要跑到山坡上，希望增设基站。",
		  "自来水管道老化，水里有锈，颜色发黄。", NULL },
	  (const char *const[]){ "供电所", "县水利局", NULL } },
	{ "教育", 6, 0.9,
	  (const char *const[]){ "孩子上初中想转学到镇中心学校，需要办什么手续。",
		  "学校周边有流动摊贩卖三无食品，担心孩子健康。",
		  "校车接送时间太早，孩子六点就要出门。",
		  "学校食堂饭菜质量差，家长意见很大。", NULL },
	  (const char *const[]){ "中心学校", "县教育局", NULL } },
	{ "医疗卫生", 8, 0.8,
	  (const char *const[]){ "询问城乡居民医保今年的缴费标准和截止时间。",
		  "卫生院看病排队时间长，医生太少，希望增加人手。",
		  "慢性病门诊报销比例是多少，需要准备什么材料。",
		  "村卫生室经常没人，晚上有急病找不到医生。", NULL },
	  (const char *const[]){ "卫生院", "县卫生健康局", NULL } },
	{ "社会保障", 12, 1.0,
	  (const char *const[]){ "母亲八十多岁了，高龄补贴有{n}个月没有到账。",
		  "低保申请交上去{n}个月了，一直没有结果。",
		  "残疾人两项补贴怎么申请，需要哪些材料。",
		  "养老保险断缴了几年，现在想补缴，不知道怎么办。", NULL },
	  (const char *const[]){ "县人力资源和社会保障局", "县民政局", "社会事务办公室", NULL } },
	{ "就业创业", 5, 1.0,
	  (const char *const[]){ "在外务工工资被拖欠{n}个月，老板联系不上。",
		  "想申请创业担保贷款，不清楚条件和流程。",
		  "希望镇上多组织技能培训，方便在家门口就业。", NULL },
	  (const char *const[]){ "县人力资源和社会保障局", "司法所", NULL } },
	{ "生态环境", 6, 1.3,
	  (const char *const[]){ "{v}附近的养猪场臭味很大，污水直接排到河里。",
		  "河道里垃圾很多，很久没有人清理。",
		  "{r}边的工地夜间施工，噪音吵得睡不着。",
		  "有人在山上偷偷倾倒建筑垃圾。", NULL },
	  (const char *const[]){ "县生态环境局", "综合行政执法队", NULL } },
	{ "农业农村", 10, 1.0,
	  (const char *const[]){ "合作社想申请农机购置补贴，不清楚需要哪些材料。",
		  "耕地地力保护补贴金额和往年不一样，想了解原因。",
		  "{v}的灌溉水渠垮塌了，春耕用水成问题。",
		  "种的砂糖橘销路不好，希望帮忙对接销售渠道。", NULL },
	  (const char *const[]){ "县农业农村局", "经济发展办公室", NULL } },
	{ "营商环境", 3, 1.0,
	  (const char *const[]){ "镇上农贸市场周边占道经营严重，早上上班堵车。",
		  "办营业执照来回跑了{n}次，每次要求的材料都不一样。",
		  "小商户反映收费项目多，希望清理规范。", NULL },
	  (const char *const[]){ "县市场监督管理局", "经济发展办公室", NULL } },
	{ "社会治安", 4, 1.3,
	  (const char *const[]){ "{v}最近接连发生电动车被盗，希望加强巡逻。",
		  "有人在村里聚众赌博，影响很坏。",
		  "{r}晚上经常有人飙车，很危险。", NULL },
	  (const char *const[]){ "派出所", NULL } },
	{ "矛盾纠纷", 6, 1.0,
	  (const char *const[]){ "和邻居因为宅基地边界发生纠纷，多次协商不成。",
		  "土地承包合同到期，村里重新分配有争议。",
		  "兄弟之间因为老人赡养问题闹矛盾，希望帮忙调解。", NULL },
	  (const char *const[]){ "司法所", "各村(社区)委员会", NULL } },
	{ "物业管理", 5, 1.2,
	  (const char *const[]){ "小区化粪池满溢，物业不管，气味很大。",
		  "物业费上涨没有经过业主同意。",
		  "小区电梯经常坏，老人上下楼很困难。", NULL },
	  (const char *const[]){ "各村(社区)委员会", "县住房和城乡建设局", NULL } },
	{ "政策咨询", 12, 0.15,
	  (const char *const[]){ "询问退役军人优待政策和申请办法。",
		  "想了解农村宅基地审批的流程。",
		  "询问新生儿落户需要准备的材料。",
		  "询问城乡居民养老保险的缴费档次。", NULL },
	  (const char *const[]){ "党政综合办公室", NULL } },
	{ "其他", 3, 0.6,
	  (const char *const[]){ "反映村务公开不及时，账目看不明白。",
		  "希望村里建一个老年活动中心。",
		  "建议在{v}设置快递代收点。", NULL },
	  (const char *const[]){ "党政综合办公室", "各村(社区)委员会", NULL } },
};

static const char *const extras[] = {
	"已经向村委会反映过两次，一直没有回音。",
	"家里老人年纪大，行动不便。",
	"希望代表帮忙协调，尽快解决。",
	"去年也出现过同样的问题，当时说会处理，后来没有下文。",
	"周边{n}户村民都有同样的情况。",
	"带了照片和相关材料，请代表看一下。",
	"孩子在外地读书，家里只有两个老人。",
	"问题拖了{n}个月了，大家意见很大。",
	"之前打过{n}次电话反映，都说在研究。",
	"希望有关部门能派人到现场看一看。",
	"这个问题关系到全组群众的切身利益。",
	"如果解决不了，希望给个明确的答复。",
	"听说隔壁村已经解决了，我们村还没有动静。",
	"雨季马上就到了，再不处理怕出事。",
	"已经找过{u}，让我们等通知。",
	"我们不是无理取闹，只是想把事情办好。",
};
static const char *const spot_replies[] = {
	"已告知办理流程和所需材料，来访人表示清楚。",
	"已解释相关政策规定，来访人表示理解。",
	"已当场联系{u}，对方答复{n}个工作日内处理。",
	"已告知可在手机上办理，并现场演示操作。",
	"已登记，转告村委会近期上门了解情况。",
	"已说明申请条件和办理窗口，并提供{u}的咨询电话。",
};
static const char *const refuse_reasons[] = {
	"涉法涉诉，已告知通过法院申诉或信访渠道反映。",
	"属于民事纠纷，已引导到司法所申请人民调解。",
	"同一事项已在办理中，不重复受理，已告知办理进度。",
	"不属于联络站受理范围，已告知向有关部门反映。",
};
static const char *const suggest_notes[] = {
	"问题具有普遍性，已请代表调研后形成代表建议。",
	"已转代表研究，拟在人代会上提出建议。",
};
/* Replies of units, by result class A..D. */
static const char *const case_replies[4][3] = {
	{ "经{u}核实，问题已解决，已向来访人反馈。", "已安排维修，{n}日内完成并已验收。",
	  "已协调落实，补贴已于本月发放到位。" },
	{ "{u}已制定整改方案，正在组织实施，预计{n}个月内完成。", "已纳入本季度工作安排，正在办理。",
	  "已现场查看，正在协调资金。" },
	{ "该问题已列入明年项目计划，逐步解决。", "需统筹规划，已列入{n}年计划。", "已上报县里，列入规划逐步解决。" },
	{ "经核实，相关诉求暂不符合政策规定，已向来访人做好解释。", "属历史遗留问题，已解释政策并留作参考。",
	  "已向来访人说明情况，意见留作今后工作参考。" },
};
static const char *const urge_notes[] = { "电话催办，承办单位称正在办理。", "书面催办。", "到承办单位当面催办。" };
static const char *const extend_notes[] = { "涉及多个部门协调，申请延期办理。", "需等待上级批复，申请延期。" };
static const char *const return_notes[] = { "不属于本单位职责，请改交相关部门。", "涉及其他部门职能，退回重新交办。" };
static const char *const redo_notes[] = { "回访不满意，要求重新办理。", "群众对答复不满意，重办。" };
static const char *const clerks[] = { "周丽", "黄海燕", "覃志强" };
static const char *const work_units[] = { "村党支部书记", "村委会主任", "县人民医院医生", "镇中心学校教师",
	"农机专业合作社理事长", "县供电公司职工", "个体工商户", "种养大户", "镇卫生院院长", "社区党委书记",
	"县农业农村局干部", "建材厂厂长" };
static const char *const groups[] = { "农业农村组", "教科文卫组", "城建环资组", "财政经济组", "社会建设组" };

/* ---- the generator's state ---- */

struct resident {
	char name[32];
	char phone[32];
	char address[64];
	char gender; /* 'M', 'F' */
};

struct gen_day {
	int64_t id;
	char date[11];
	bool cancelled;
	int64_t duty[4];
	int nduty;
};

struct gen {
	struct db *db;
	sqlite3 *h;
	struct cfg cfg;
	struct calendar *cal;
	char today[11], start[11];
	double scale;
	int64_t dep_ids[GEN_DEPUTIES];
	bool dep_left[GEN_DEPUTIES];
	int ndeps;
	struct gen_day days[80];
	int ndays;
	int64_t unit_ids[64];
	char *unit_names[64]; /* owned */
	int nunits;
	int64_t cat_units[ARRAY_LEN(gen_cats)][4]; /* unit ids per category, 0-terminated */
	struct resident *res; /* owned */
	int nres;
	sqlite3_stmt *ins_visit, *ins_vdep, *ins_case, *ins_event;
	int64_t visit_id, case_id, event_id, vdep_rows;
	int64_t assign_need, visits_left; /* selection of the 交办 visits: exactly assign_need */
	int seq[16];                      /* last case number per year, from the first year */
	int first_year;
	int64_t long_case; /* one case with a long history */
	int64_t *all_ids;  /* every deputy (the 60 and the GEN_MORE_DEPUTIES); owned */
	int nall;
};

static void gen_check(struct gen *g, int rc, const char *what)
{
	if (rc != SQLITE_DONE && rc != SQLITE_OK && rc != SQLITE_ROW)
		die("gen: %s: %s", what, sqlite3_errmsg(g->h));
}

/* Fill a template's slots into sb. */
static void gen_fill(struct gen *g, struct strbuf *sb, const char *tpl)
{
	for (const char *p = tpl; *p; p++) {
		if (p[0] == '{' && p[1] && p[2] == '}') {
			switch (p[1]) {
			case 'v':
				sb_add(sb, PICK(villages));
				break;
			case 'r':
				sb_add(sb, PICK(roads));
				break;
			case 'n':
				sb_addf(sb, "%d", rnd_between(2, 12));
				break;
			case 'u':
				sb_add(sb, g->unit_names[rnd_below(g->nunits)]);
				break;
			}
			p += 2;
			continue;
		}
		sb_addc(sb, *p);
	}
}

static char *gen_text(struct gen *g, const char *tpl)
{
	struct strbuf sb;
	sb_init(&sb);
	gen_fill(g, &sb, tpl);
	return sb_take(&sb);
}

static int tpl_count(const char *const *t)
{
	int n = 0;
	while (t[n])
		n++;
	return n;
}

/* ---- the roster and the reception days (through the db layer) ---- */

static void gen_person_name(char *out, size_t n, char gender, bool title)
{
	int total = 0, r;
	for (size_t i = 0; i < ARRAY_LEN(surnames); i++)
		total += surnames[i].w;
	r = rnd_below(total);
	size_t s = 0;
	while (r >= surnames[s].w)
		r -= surnames[s++].w;
	if (title)
		snprintf(out, n, "%s%s", surnames[s].s, gender == 'M' ? PICK(male_titles) : PICK(female_titles));
	else if (chance(0.4))
		snprintf(out, n, "%s%s", surnames[s].s, gender == 'M' ? PICK(male1) : PICK(female1));
	else if (gender == 'M')
		snprintf(out, n, "%s%s%s", surnames[s].s, PICK(male2a), PICK(male2b));
	else
		snprintf(out, n, "%s%s%s", surnames[s].s, PICK(female2a), PICK(female2b));
}

/* One deputy's values, checked by the roster's own rules. */
static char **gen_deputy(struct gen *g, int i, char names[][32])
{
	static const char *const terms[] = { "第十四届", "第十四届", "第十六届", "第十七届", "第十八届" };
	const char *msgs[DEP_NFIELDS];
	char **v = record_new_values(&deputy_def, g->today);
	char buf[64];
	char gender = chance(0.6) ? 'M' : 'F';
	int level = i < 1 ? 0 : i < 3 ? 1 : i < 10 ? 2 : i < 38 ? 3 : 4;

	/* Unique names, except one pair on purpose (the pick list then shows level and unit). */
	char name[32];
	bool dup;
	do {
		gen_person_name(name, sizeof name, gender, false);
		dup = false;
		for (int j = 0; j < i; j++)
			dup |= !strcmp(name, names[j]);
	} while (dup && i != GEN_DEPUTIES - 1);
	if (i == GEN_DEPUTIES - 1)
		memcpy(name, names[7], sizeof name);
	memcpy(names[i], name, sizeof name);
	str_set(&v[DEP_NAME], name);
	str_set(&v[DEP_GENDER], gender == 'M' ? "男" : "女");
	str_set(&v[DEP_ETHNICITY], chance(0.65) ? "汉族" : chance(0.8) ? "壮族" : "瑶族");
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", rnd_between(1960, 1990), rnd_between(1, 12), rnd_between(1, 28));
	str_set(&v[DEP_BIRTH_DATE], buf);
	str_set(&v[DEP_LEVEL], deputy_levels[level]);
	snprintf(buf, sizeof buf, "XD%d-%04d", level, 100 + i);
	str_set(&v[DEP_CARD_NO], buf);
	str_set(&v[DEP_TERM], terms[level]);
	snprintf(buf, sizeof buf, "第%d选区", 1 + i % 12);
	str_set(&v[DEP_CONSTITUENCY], buf);
	snprintf(buf, sizeof buf, "%s%s", PICK(villages), PICK(work_units));
	str_set(&v[DEP_WORK_UNIT], buf);
	str_set(&v[DEP_PARTY], chance(0.65) ? "中共党员" : chance(0.7) ? "群众" : "民盟盟员");
	snprintf(buf, sizeof buf, "139%08d", 10000000 + i * 7919);
	str_set(&v[DEP_PHONE], buf);
	str_set(&v[DEP_GROUP], PICK(groups));
	str_set(&v[DEP_STATUS], i >= 10 && i < 10 + GEN_LEFT ? "离任" : "在任");
	snprintf(buf, sizeof buf, "2021-%02d-%02d", rnd_between(1, 6), rnd_between(1, 28));
	str_set(&v[DEP_JOIN_DATE], buf);
	if (record_check(&deputy_def, v, g->today, msgs))
		for (int f = 0; f < DEP_NFIELDS; f++)
			if (msgs[f])
				die("gen: deputy %d %s: %s", i, deputy_def.fields[f].label, msgs[f]);
	return v;
}

static int gen_dep_cb(void *ud, int64_t id, const char *const *vals)
{
	struct gen *g = ud;
	if (g->ndeps < GEN_DEPUTIES) {
		g->dep_left[g->ndeps] = !strcmp(vals[DEP_STATUS], "离任");
		g->dep_ids[g->ndeps++] = id;
	}
	return 0;
}

static int gen_day_cb(void *ud, const struct reception_row *r)
{
	struct gen *g = ud;
	if (g->ndays < (int)ARRAY_LEN(g->days)) {
		struct gen_day *d = &g->days[g->ndays++];
		memset(d, 0, sizeof *d);
		d->id = r->id;
		snprintf(d->date, sizeof d->date, "%s", r->date);
	}
	return 0;
}

/* A deputy who can receive on date (left ones only before they left), at random. */
static int64_t gen_deputy_on(struct gen *g, const char *date)
{
	for (;;) {
		int i = rnd_below(g->ndeps);
		if (!g->dep_left[i] || strcmp(date, GEN_LEFT_DATE) < 0)
			return g->dep_ids[i];
	}
}

static void gen_registers(struct gen *g)
{
	char names[GEN_DEPUTIES][32], *err = NULL;
	char **rows[GEN_DEPUTIES];
	struct deputy_filter all = { .include_left = true };

	for (int i = 0; i < GEN_DEPUTIES; i++)
		rows[i] = gen_deputy(g, i, names);
	if (db_deputies_insert_many(g->db, rows, GEN_DEPUTIES, &err) < 0 ||
	    db_deputies_page(g->db, &all, 0, false, 0, -1, gen_dep_cb, g, &err) < 0)
		die("gen: deputies: %s", err);
	for (int i = 0; i < GEN_DEPUTIES; i++)
		record_free_values(&deputy_def, rows[i]);

	/* 12 reception days a year (station.ini's default rule: the 15th, off holidays). */
	for (int y = atoi(g->today) - 4; y <= atoi(g->today); y++) {
		int added;
		if (db_reception_generate(g->db, &g->cfg, g->cal, y, NULL, &added, &err) < 0)
			die("gen: reception days %d: %s", y, err);
	}
	if (db_reception_page(g->db, NULL, 0, -1, gen_day_cb, g, &err) < 0)
		die("gen: reception days: %s", err);
	bool today_found = false;
	for (int i = 0; i < g->ndays; i++) {
		struct gen_day *d = &g->days[i];
		d->nduty = rnd_between(2, 4);
		for (int j = 0; j < d->nduty; j++) {
			bool again;
			do {
				d->duty[j] = gen_deputy_on(g, d->date);
				again = false;
				for (int k = 0; k < j; k++)
					again |= d->duty[k] == d->duty[j];
			} while (again);
		}
		if (db_reception_set_duty(g->db, d->id, d->duty, d->nduty, &err) < 0)
			die("gen: duty: %s", err);
		/* Two days cancelled in the past (a training), as a station has. */
		if ((i == 9 || i == 29) && strcmp(d->date, g->today) < 0) {
			if (db_reception_cancel(g->db, d->id, "代表集中参加履职培训，本次接待日取消", &err) < 0)
				die("gen: cancel: %s", err);
			d->cancelled = true;
		}
		today_found |= !strcmp(d->date, g->today) && !d->cancelled;
	}
	if (!today_found)
		die("gen: today (%s) is not a reception day of the default rule; run.sh fixes STATION_TODAY to one", g->today);
}

static int gen_unit_cb(void *ud, int64_t id, const char *name, const char *aliases)
{
	struct gen *g = ud;
	(void)aliases;
	if (g->nunits < (int)ARRAY_LEN(g->unit_ids)) {
		g->unit_ids[g->nunits] = id;
		g->unit_names[g->nunits++] = xstrdup(name);
	}
	return 0;
}

/* The seeded units (data/units.txt) and, per category, the ones that usually handle it. */
static void gen_units(struct gen *g)
{
	char *err = NULL;
	if (db_units_names(g->db, gen_unit_cb, g, &err) < 0 || g->nunits == 0)
		die("gen: units: %s", err ? err : "no units seeded");
	for (size_t c = 0; c < ARRAY_LEN(gen_cats); c++) {
		int n = 0;
		for (const char *const *u = gen_cats[c].units; *u && n < 3; u++)
			for (int i = 0; i < g->nunits; i++)
				if (!strcmp(g->unit_names[i], *u))
					g->cat_units[c][n++] = g->unit_ids[i];
		if (!n)
			g->cat_units[c][n++] = g->unit_ids[rnd_below(g->nunits)];
		g->cat_units[c][n] = 0;
	}
}

/* ---- residents ---- */

static void gen_residents(struct gen *g)
{
	g->nres = GEN_RESIDENTS + GEN_REGULARS + GEN_FREQUENT;
	g->res = xcalloc((size_t)g->nres, sizeof *g->res);
	for (int i = 0; i < g->nres; i++) {
		struct resident *r = &g->res[i];
		bool regular = i >= GEN_RESIDENTS;
		r->gender = chance(0.55) ? 'M' : 'F';
		gen_person_name(r->name, sizeof r->name, r->gender, chance(0.12));
		if (!regular && chance(0.08))
			r->phone[0] = '\0';
		else if (chance(0.9))
			snprintf(r->phone, sizeof r->phone, "1%d%09d", rnd_between(3, 9), rnd_below(1000000000));
		else
			snprintf(r->phone, sizeof r->phone, "0771-%d%06d", rnd_between(2, 8), rnd_below(1000000));
		double u = rnd_unit();
		if (u < 0.06)
			r->address[0] = '\0';
		else if (u < 0.11)
			snprintf(r->address, sizeof r->address, "%s", PICK(companies));
		else {
			const char *v = PICK(villages);
			if (strstr(v, "村"))
				snprintf(r->address, sizeof r->address, "%s%d组", v, rnd_between(1, 12));
			else
				snprintf(r->address, sizeof r->address, "%s%d栋%d单元", v, rnd_between(1, 30), rnd_between(1, 4));
		}
	}
}

static const struct resident *gen_pick_resident(struct gen *g)
{
	double u = rnd_unit();
	if (u < 0.05)
		return &g->res[GEN_RESIDENTS + GEN_REGULARS + rnd_below(GEN_FREQUENT)];
	if (u < 0.30)
		return &g->res[GEN_RESIDENTS + rnd_below(GEN_REGULARS)];
	return &g->res[rnd_below(GEN_RESIDENTS)];
}

/* ---- cases: the loop itself decides every state ---- */

struct gcase {
	struct gen *g;
	int64_t id;
	struct case_state s;
	char *reply;     /* the last reply text; owned */
	char last_at[17]; /* 'YYYY-MM-DD HH:MM' of the last event */
	const char *clerk;
	int nevents;
};

/* The time of an event on date: after the previous event of the case on the same day. */
static void gcase_at(struct gcase *c, const char *date, char out[17])
{
	int min;
	if (!strncmp(c->last_at, date, 10)) {
		min = atoi(c->last_at + 11) * 60 + atoi(c->last_at + 14) + rnd_between(1, 20);
		if (min > 23 * 60 + 59)
			min = 23 * 60 + 59;
	} else {
		min = 8 * 60 + 30 + rnd_below(9 * 60);
	}
	char buf[32];
	snprintf(buf, sizeof buf, "%.10s %02d:%02d", date, min / 60 % 24, min % 60);
	snprintf(out, 17, "%.16s", buf);
}

/* One case_events row, as db_cases_act writes it (cases.c: cases_event_of). */
static void gcase_event(struct gcase *c, const struct case_action *a, const struct case_state *n, const char *at)
{
	struct gen *g = c->g;
	sqlite3_stmt *st = g->ins_event;
	enum case_event e = a->event;
	char result[2] = { n->result, '\0' }, created[48];
	char *note = NULL;
	int64_t unit = 0;

	if (e == CE_ASSIGN || e == CE_URGE || e == CE_EXTEND || e == CE_REPLY || e == CE_REDO)
		unit = n->unit_id;
	else if (e == CE_RETURN)
		unit = c->s.unit_id;
	snprintf(created, sizeof created, "%s:%02d", at, rnd_below(60));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, ++g->event_id);
	sqlite3_bind_int64(st, 2, c->id);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, caseflow_event_label(e), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, caseflow_status_label(n->status), -1, SQLITE_STATIC);
	db_bind_text(st, 6, str_empty(a->who) ? c->clerk : a->who);
	if (unit > 0)
		sqlite3_bind_int64(st, 7, unit);
	if (e == CE_ASSIGN || e == CE_EXTEND || e == CE_REDO)
		db_bind_text(st, 8, n->due);
	if (e == CE_REPLY || e == CE_SPOT_REPLY) {
		note = str_empty(a->note) ? xstrdup(a->content) : xasprintf("%s\n备注：%s", a->content, a->note);
		db_bind_text(st, 9, note);
		db_bind_text(st, 11, result);
	} else {
		db_bind_text(st, 9, a->note);
	}
	db_bind_text(st, 10, n->last);
	if (e == CE_FOLLOWUP || e == CE_SPOT_REPLY) {
		db_bind_text(st, 12, case_sat_label(n->satisfaction));
		db_bind_text(st, 13, n->how);
	}
	sqlite3_bind_text(st, 14, created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 15, created, -1, SQLITE_TRANSIENT);
	gen_check(g, sqlite3_step(st), "case_events");
	free(note);
}

/* Apply action a (dated a->date) to the case and write its event. False, and nothing
 * written, when the date is after today: the case's story stops there. A refusal of the case
 * loop is a bug of this generator: it aborts the run. */
static bool gcase_act(struct gcase *c, const struct case_action *a)
{
	struct gen *g = c->g;
	struct case_state n;
	struct refusal why = { 0 };
	char *notice = NULL, at[17];
	if (strcmp(a->date, g->today) > 0)
		return false;
	if (caseflow_apply(&c->s, a, g->cal, g->cfg.case_days, g->today, &n, &why, &notice) < 0)
		die("gen: case %lld: %s on %s refused: %s", (long long)c->id, caseflow_event_label(a->event), a->date,
		    why.msg);
	free(notice);
	gcase_at(c, n.last, at);
	gcase_event(c, a, &n, at);
	memcpy(c->last_at, at, sizeof at);
	if (a->event == CE_REPLY || a->event == CE_SPOT_REPLY)
		str_set(&c->reply, a->content);
	c->s = n;
	c->nevents++;
	return true;
}

static void wd(struct gen *g, const char *from, int n, char out[11]) { calendar_add_workdays(g->cal, from, n, out); }

/* Working days a unit takes to reply. */
static int gen_reply_delay(void)
{
	double u = rnd_unit();
	if (u < 0.60)
		return rnd_between(2, 10);
	if (u < 0.88)
		return rnd_between(11, 15);
	if (u < 0.97)
		return rnd_between(16, 22);
	return rnd_between(23, 40);
}

/* One round of handling from base (the 交办 or 重办 date): 催办 and 延期 as the due date
 * nears, then the reply. Returns false when the story stops (a date after today, or a case
 * that is never answered). */
static bool gcase_round(struct gcase *c, const char *base, bool longcase, bool stuck)
{
	struct gen *g = c->g;
	char date[11], due[11];
	int delay = stuck ? 10000 : gen_reply_delay();
	if (longcase)
		delay = rnd_between(18, 24);
	/* 催办: near the due date when the unit is slow; a long case gets several. */
	for (int k = longcase ? 3 : 10; k <= 12 && k < delay; k += longcase ? 3 : 100) {
		if (!longcase && !chance(stuck ? 0.9 : 0.2))
			break;
		wd(g, base, k, date);
		struct case_action a = { .event = CE_URGE, .date = date, .note = PICK(urge_notes) };
		if (!gcase_act(c, &a))
			return false;
	}
	/* 延期 before the due date when the reply will be late. */
	if (delay > 15 && (longcase || chance(0.5))) {
		wd(g, base, 14, date);
		wd(g, c->s.due, 10, due);
		struct case_action a = { .event = CE_EXTEND, .date = date, .note = PICK(extend_notes), .due = due };
		if (!gcase_act(c, &a))
			return false;
	}
	if (stuck) {
		/* Never answered: a few more 催办 after the due date, then nothing. */
		for (int k = 20; k <= 60; k += 20) {
			wd(g, base, k, date);
			struct case_action a = { .event = CE_URGE, .date = date, .note = PICK(urge_notes) };
			if (!gcase_act(c, &a))
				return false;
		}
		return false;
	}
	double u = rnd_unit();
	int res = u < 0.70 ? 0 : u < 0.85 ? 1 : u < 0.95 ? 2 : 3;
	char *content = gen_text(g, case_replies[res][rnd_below(3)]);
	wd(g, base, delay, date);
	struct case_action a = { .event = CE_REPLY, .date = date, .content = content, .result = (char)('A' + res) };
	bool ok = gcase_act(c, &a);
	free(content);
	return ok;
}

/* The case's whole story after 受理 on received: 交办 on assign_date (none: never assigned yet),
 * perhaps 退回 and 交办 again, rounds of reply and 回访 (重办 after an unsatisfied one), 办结. */
static void gcase_story(struct gcase *c, int cat, const char *assign_date, bool spot)
{
	struct gen *g = c->g;
	char date[11], base[11];
	bool longcase = c->id % GEN_LONG_EVERY == 0, stuck = !longcase && chance(0.004);

	if (spot) {
		char *content = gen_text(g, PICK(spot_replies));
		struct case_action a = { .event = CE_SPOT_REPLY, .date = c->s.received, .content = content,
			.satisfaction = chance(0.8) ? CASE_SAT_SATISFIED : CASE_SAT_BASIC, .result = 'A' };
		gcase_act(c, &a);
		free(content);
		return;
	}
	const int64_t *units = g->cat_units[cat];
	int nunits = 0;
	while (units[nunits])
		nunits++;
	struct case_action as = { .event = CE_ASSIGN, .date = assign_date, .unit_id = units[rnd_below(nunits)] };
	if (!gcase_act(c, &as))
		return;
	snprintf(base, sizeof base, "%s", assign_date);
	if (chance(0.02) || longcase) {
		/* The wrong unit: 退回, then 交办 to another. */
		wd(g, base, rnd_between(1, 3), date);
		struct case_action r = { .event = CE_RETURN, .date = date, .note = PICK(return_notes) };
		if (!gcase_act(c, &r))
			return;
		wd(g, date, rnd_between(0, 2), base);
		struct case_action a2 = { .event = CE_ASSIGN, .date = base, .unit_id = g->unit_ids[rnd_below(g->nunits)] };
		if (!gcase_act(c, &a2))
			return;
	}
	for (int round = 0;; round++) {
		if (!gcase_round(c, base, longcase, stuck))
			return;
		if (chance(0.002))
			return; /* 回访 forgotten: 已答复 for good */
		date_add_days(c->s.reply, rnd_between(1, 6), date);
		double u = rnd_unit();
		enum case_sat sat = (longcase && round < 3) || (!longcase && u < 0.05) ? CASE_SAT_UNSATISFIED
				    : u < 0.75				  ? CASE_SAT_SATISFIED
									  : CASE_SAT_BASIC;
		u = rnd_unit();
		struct case_action f = { .event = CE_FOLLOWUP, .date = date, .satisfaction = sat,
			.how = u < 0.8 ? "电话" : u < 0.95 ? "上门" : "短信" };
		if (!gcase_act(c, &f))
			return;
		if (sat == CASE_SAT_UNSATISFIED) {
			wd(g, date, rnd_between(1, 3), base);
			struct case_action r = { .event = CE_REDO, .date = base, .note = PICK(redo_notes) };
			if (!gcase_act(c, &r))
				return;
			continue;
		}
		if (chance(0.002))
			return; /* satisfied, not yet closed */
		date_add_days(date, rnd_between(0, 3), date);
		struct case_action cl = { .event = CE_CLOSE, .date = date };
		gcase_act(c, &cl);
		return;
	}
}

/* Write a case: its 受理 event, its story, then the row with the final state. */
static int64_t gen_case(struct gen *g, const char *received, const char *time, int cat, const char *content,
			const char *source, int64_t visit_id, int64_t deputy_id, const char *contact, const char *phone,
			const char *assign_date, bool spot)
{
	struct gcase c = { .g = g, .id = ++g->case_id };
	sqlite3_stmt *st = g->ins_case;
	char at[48], created[64], case_no[40];
	int year = atoi(received);

	c.clerk = clerks[(year + rnd_below(2)) % 3];
	c.s.status = CS_RECEIVED;
	snprintf(c.s.received, sizeof c.s.received, "%s", received);
	snprintf(c.s.last, sizeof c.s.last, "%s", received);
	c.s.last_event = CE_RECEIVE;
	snprintf(at, sizeof at, "%s %.5s", received, time);
	snprintf(created, sizeof created, "%s %s", received, time);
	/* 受理 (cases.c: db_cases_create) */
	struct case_action recv = { .event = CE_RECEIVE, .date = received };
	gcase_event(&c, &recv, &c.s, at);
	snprintf(c.last_at, sizeof c.last_at, "%.16s", at);
	c.nevents = 1;
	gcase_story(&c, cat, assign_date, spot);
	if (c.nevents > 12)
		g->long_case = c.id;

	int *seq = &g->seq[year - g->first_year];
	snprintf(case_no, sizeof case_no, "%s-%04d-%04lld", GEN_CODE, year, (long long)++*seq);
	char *summary = visit_summary(content);
	char result[2] = { c.s.result, '\0' }, updated[48];
	snprintf(updated, sizeof updated, "%s:%02d", c.last_at, rnd_below(60));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, c.id);
	sqlite3_bind_text(st, 2, case_no, -1, SQLITE_TRANSIENT);
	if (visit_id)
		sqlite3_bind_int64(st, 3, visit_id);
	sqlite3_bind_text(st, 4, gen_cats[cat].name, -1, SQLITE_STATIC);
	db_bind_text(st, 5, summary);
	db_bind_text(st, 6, content);
	db_bind_text(st, 7, received);
	sqlite3_bind_text(st, 8, caseflow_status_label(c.s.status), -1, SQLITE_STATIC);
	if (c.s.unit_id)
		sqlite3_bind_int64(st, 9, c.s.unit_id);
	db_bind_text(st, 10, c.s.assigned);
	db_bind_text(st, 11, c.s.due);
	if (c.s.due_days)
		sqlite3_bind_int(st, 12, c.s.due_days);
	sqlite3_bind_int(st, 13, c.s.extensions);
	sqlite3_bind_int(st, 14, c.s.redo_count);
	db_bind_text(st, 15, c.s.reply);
	db_bind_text(st, 16, c.reply);
	db_bind_text(st, 17, result);
	db_bind_text(st, 18, c.s.followup);
	db_bind_text(st, 19, case_sat_label(c.s.satisfaction));
	db_bind_text(st, 20, c.s.how);
	db_bind_text(st, 21, c.s.closed);
	sqlite3_bind_text(st, 22, source, -1, SQLITE_STATIC);
	if (deputy_id)
		sqlite3_bind_int64(st, 23, deputy_id);
	db_bind_text(st, 24, contact);
	db_bind_text(st, 25, phone);
	sqlite3_bind_text(st, 26, created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 27, updated, -1, SQLITE_TRANSIENT);
	db_bind_text(st, 28, c.s.promised);
	gen_check(g, sqlite3_step(st), "cases");
	free(summary);
	free(c.reply);
	return c.id;
}

/* ---- visits ---- */

static int gen_pick_cat(void)
{
	int total = 0, r;
	for (size_t i = 0; i < ARRAY_LEN(gen_cats); i++)
		total += gen_cats[i].weight;
	r = rnd_below(total);
	int c = 0;
	while (r >= gen_cats[c].weight)
		r -= gen_cats[c++].weight;
	return c;
}

static char *gen_content(struct gen *g, int cat, const char *channel, int people)
{
	struct strbuf sb;
	const char *const *tpl = gen_cats[cat].tpl;
	sb_init(&sb);
	if (people > 1)
		sb_addf(&sb, chance(0.5) ? "全组%d户村民联名反映：" : "%d位群众一起来反映：", people);
	gen_fill(g, &sb, tpl[rnd_below(tpl_count(tpl))]);
	int extra = 0;
	while (chance(0.55) && extra < 12)
		extra++;
	if (!strcmp(channel, "来信"))
		extra += rnd_between(2, 30);
	else if (!strcmp(channel, "线上"))
		extra += rnd_between(0, 3);
	for (int i = 0; i < extra; i++)
		gen_fill(g, &sb, PICK(extras));
	return sb_take(&sb);
}

/* The channel of a visit on a day (rd: its reception day, or NULL). */
static const char *gen_channel(bool workday, const struct gen_day *rd)
{
	double u = rnd_unit();
	if (rd && u < 0.7)
		return "接待日来访";
	if (!workday)
		return u < 0.45 ? "电话" : u < 0.9 ? "线上" : "走访";
	return u < 0.40 ? "日常来访" : u < 0.68 ? "电话" : u < 0.80 ? "走访" : u < 0.85 ? "来信" : "线上";
}

static void gen_visit(struct gen *g, const char *date, const char *time, bool workday, const struct gen_day *rd)
{
	sqlite3_stmt *st = g->ins_visit;
	const char *channel = gen_channel(workday, rd);
	bool reception = !strcmp(channel, "接待日来访");
	int cat = gen_pick_cat();
	int people = chance(0.04) ? rnd_between(2, 30) : 1;
	char *content = gen_content(g, cat, channel, people);
	char created[64];
	const char *handling, *reply = NULL, *reason = NULL;
	char *reply_buf = NULL;
	int64_t id = ++g->visit_id, case_id = 0;

	snprintf(created, sizeof created, "%s %s", date, time);
	/* Exactly assign_need of the visits are 交办 (selection sampling weighted by category). */
	double p = g->assign_need >= g->visits_left ? 1.0
		   : (double)g->assign_need / (double)g->visits_left * gen_cats[cat].assign;
	g->visits_left--;
	if (g->assign_need > 0 && chance(p)) {
		handling = "交办";
		g->assign_need--;
	} else {
		double u = rnd_unit();
		handling = u < 0.06 ? "不予受理" : u < 0.12 ? "转为代表建议" : "当场答复";
		if (!strcmp(handling, "不予受理"))
			reason = PICK(refuse_reasons);
		else if (!strcmp(handling, "转为代表建议"))
			reply = PICK(suggest_notes);
		else
			reply = reply_buf = gen_text(g, PICK(spot_replies));
	}
	/* The resident: 3% anonymous. */
	const struct resident *r = chance(0.03) ? NULL : gen_pick_resident(g);
	const char *name = r ? r->name : VISIT_ANONYMOUS;
	const char *phone = r ? r->phone : "";
	if (!strcmp(handling, "交办")) {
		char assign[11];
		if (chance(0.97))
			snprintf(assign, sizeof assign, "%s", date);
		else
			wd(g, date, rnd_between(1, 3), assign);
		case_id = gen_case(g, date, time, cat, content, "来访", id, 0, name, phone, assign, false);
	}

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, channel, -1, SQLITE_STATIC);
	if (reception)
		sqlite3_bind_int64(st, 4, rd->id);
	sqlite3_bind_text(st, 5, name, -1, SQLITE_TRANSIENT);
	if (r)
		sqlite3_bind_text(st, 6, r->gender == 'M' ? "男" : "女", -1, SQLITE_STATIC);
	db_bind_text(st, 7, phone);
	db_bind_text(st, 8, r ? r->address : NULL);
	sqlite3_bind_int(st, 9, people);
	db_bind_text(st, 10, content);
	sqlite3_bind_text(st, 11, gen_cats[cat].name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, handling, -1, SQLITE_STATIC);
	db_bind_text(st, 13, reason);
	db_bind_text(st, 14, reply);
	if (case_id)
		sqlite3_bind_int64(st, 15, case_id);
	sqlite3_bind_text(st, 16, created, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 17, created, -1, SQLITE_TRANSIENT);
	gen_check(g, sqlite3_step(st), "visits");

	/* 1-3 receiving deputies: the day's duty on a reception day, else any in office. */
	int n = chance(0.6) ? 1 : chance(0.75) ? 2 : 3;
	int64_t deps[3];
	if (reception && n > rd->nduty)
		n = rd->nduty;
	for (int i = 0; i < n; i++) {
		bool again;
		do {
			deps[i] = reception ? rd->duty[rnd_below(rd->nduty)] : gen_deputy_on(g, date);
			again = false;
			for (int k = 0; k < i; k++)
				again |= deps[k] == deps[i];
		} while (again);
		sqlite3_reset(g->ins_vdep);
		sqlite3_bind_int64(g->ins_vdep, 1, id);
		sqlite3_bind_int64(g->ins_vdep, 2, deps[i]);
		sqlite3_bind_text(g->ins_vdep, 3, created, -1, SQLITE_TRANSIENT);
		gen_check(g, sqlite3_step(g->ins_vdep), "visit_deputies");
		g->vdep_rows++;
	}
	free(content);
	free(reply_buf);
}

/* ---- the bulk load ---- */

static const char bulk_tables[] = "('visits', 'visit_deputies', 'cases', 'case_events', 'activities', 'attendance',"
				  " 'evaluations', 'point_adjustments', 'audit_log')";

static void gen_exec(struct gen *g, const char *sql);

struct saved_sql {
	char **sql; /* owned */
	int n;
};

/* Drop the triggers and secondary indexes of the bulk tables; keep the SQL of all but the audit
 * triggers (db_audit_install writes those again). */
static void gen_drop(struct gen *g, struct saved_sql *keep)
{
	sqlite3_stmt *st = NULL;
	char *q = xasprintf("SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index')"
			    " AND tbl_name IN %s AND sql IS NOT NULL ORDER BY type DESC",
			    bulk_tables);
	char **drops = NULL;
	int ndrops = 0, rc;
	gen_check(g, sqlite3_prepare_v2(g->h, q, -1, &st, NULL), "sqlite_master");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0), *name = (const char *)sqlite3_column_text(st, 1);
		drops = xrealloc(drops, sizeof *drops * (size_t)(ndrops + 1));
		drops[ndrops++] = xasprintf("DROP %s \"%s\"", type, name);
		if (strncmp(name, "audit_", 6)) {
			keep->sql = xrealloc(keep->sql, sizeof *keep->sql * (size_t)(keep->n + 1));
			keep->sql[keep->n++] = xstrdup((const char *)sqlite3_column_text(st, 2));
		}
	}
	gen_check(g, rc, "sqlite_master");
	sqlite3_finalize(st);
	free(q);
	for (int i = 0; i < ndrops; i++) {
		gen_check(g, sqlite3_exec(g->h, drops[i], NULL, NULL, NULL), drops[i]);
		free(drops[i]);
	}
	free(drops);
}

/* Put back what gen_drop() took away (indexes first, so they are built once from sorted data),
 * and rebuild any FTS5 table. */
static void gen_restore(struct gen *g, struct saved_sql *keep)
{
	char *err = NULL;
	sqlite3_stmt *st = NULL;
	int rc;
	for (int i = keep->n - 1; i >= 0; i--) {
		gen_check(g, sqlite3_exec(g->h, keep->sql[i], NULL, NULL, NULL), keep->sql[i]);
		free(keep->sql[i]);
	}
	free(keep->sql);
	if (db_audit_install(g->db, &err) < 0)
		die("gen: audit triggers: %s", err);
	gen_check(g, sqlite3_prepare_v2(g->h, "SELECT name FROM sqlite_master WHERE type = 'table'"
					      " AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
					-1, &st, NULL),
		  "fts");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *q = xasprintf("INSERT INTO \"%s\"(\"%s\") VALUES ('rebuild')", sqlite3_column_text(st, 0),
				    sqlite3_column_text(st, 0));
		gen_check(g, sqlite3_exec(g->h, q, NULL, NULL, NULL), q);
		free(q);
	}
	gen_check(g, rc, "fts");
	sqlite3_finalize(st);
	/* The counts that triggers keep (schema 0012, 0019, 0021), whose triggers were dropped for the
	 * load. */
	gen_exec(g, "DELETE FROM deputy_visit_years;"
		    " INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)"
		    " SELECT CAST(substr(v.date, 1, 4) AS INTEGER), x.deputy_id, v.channel = '走访', count(*), sum(v.people)"
		    " FROM visits v JOIN visit_deputies x ON x.visit_id = v.id WHERE v.deleted = 0 GROUP BY 1, 2, 3;"
		    " DELETE FROM deputy_visit_days;"
		    " INSERT INTO deputy_visit_days (deputy_id, date, visits) SELECT x.deputy_id, v.date, count(*)"
		    " FROM visits v JOIN visit_deputies x ON x.visit_id = v.id"
		    " WHERE v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访') GROUP BY 1, 2;"
		    " DELETE FROM visit_days;"
		    " INSERT INTO visit_days (date, visits, people)"
		    " SELECT date, count(*), sum(people) FROM visits WHERE deleted = 0 GROUP BY date;"
		    " DELETE FROM case_days;"
		    " INSERT INTO case_days (date, cases, closed)"
		    " SELECT received_date, count(*), sum(status = '办结') FROM cases WHERE deleted = 0 GROUP BY 1");
}

/* The audit log a real station would have after the rows above: an INSERT entry for every row
 * of the bulk tables, written by the clerk on the row's own day (the audit triggers were dropped
 * for the load, as they would make it many times slower), and an UPDATE entry of the case for
 * every step of its timeline after the first. The values are the rows' own, as the triggers
 * write them (json_object of every column). */
static void gen_audit(struct gen *g)
{
	static const struct {
		const char *table, *at;
	} logged[] = {
		{ "visits", "date || ' 09:30:00'" },         { "visit_deputies", NULL },
		{ "cases", "received_date || ' 10:00:00'" }, { "case_events", "at || ':00'" },
		{ "activities", "date || ' 15:00:00'" },     { "attendance", NULL },
	};
	for (size_t i = 0; i < ARRAY_LEN(logged); i++) {
		struct strbuf js, jc; /* the columns bare, and as c.col */
		sqlite3_stmt *st = NULL;
		char *q = xasprintf("SELECT name FROM pragma_table_info('%s') ORDER BY cid", logged[i].table);
		sb_init(&js);
		sb_init(&jc);
		sb_add(&js, "json_object(");
		sb_add(&jc, "json_object(");
		gen_check(g, sqlite3_prepare_v2(g->h, q, -1, &st, NULL), q);
		for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++) {
			const char *c = (const char *)sqlite3_column_text(st, 0);
			sb_addf(&js, "%s'%s', \"%s\"", n ? ", " : "", c, c);
			sb_addf(&jc, "%s'%s', c.\"%s\"", n ? ", " : "", c, c);
		}
		sb_addc(&js, ')');
		sb_addc(&jc, ')');
		sqlite3_finalize(st);
		free(q);
		q = xasprintf("INSERT INTO audit_log (at, user, table_name, row_id, action, new_values, created_at, updated_at)"
			      " SELECT a, '值班员', '%s', id, 'INSERT', %s, a, a FROM (SELECT *, %s AS a FROM %s)",
			      logged[i].table, js.buf, logged[i].at ? logged[i].at : "created_at", logged[i].table);
		gen_exec(g, q);
		free(q);
		if (!strcmp(logged[i].table, "cases")) {
			q = xasprintf("INSERT INTO audit_log (at, user, table_name, row_id, action, old_values, new_values,"
				      " created_at, updated_at)"
				      " SELECT e.at || ':00', '值班员', 'cases', c.id, 'UPDATE', %s, %s, e.at || ':00', e.at || ':00'"
				      " FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.type <> '受理'",
				      jc.buf, jc.buf);
			gen_exec(g, q);
			free(q);
		}
		sb_free(&js);
		sb_free(&jc);
	}
}

static sqlite3_stmt *gen_prepare(struct gen *g, const char *sql)
{
	sqlite3_stmt *st = NULL;
	gen_check(g, sqlite3_prepare_v2(g->h, sql, -1, &st, NULL), sql);
	return st;
}

/* How many of total fall on each day, in proportion to w (exactly total in all). */
static int *gen_spread(const double *w, int ndays, int64_t total)
{
	int *out = xcalloc((size_t)ndays, sizeof *out);
	double sum = 0, acc = 0;
	int64_t given = 0;
	for (int i = 0; i < ndays; i++)
		sum += w[i];
	for (int i = 0; i < ndays; i++) {
		acc += w[i];
		int64_t upto = sum > 0 ? (int64_t)llround(acc / sum * (double)total) : 0;
		out[i] = (int)(upto - given);
		given = upto;
	}
	return out;
}

static const struct gen_day *gen_day_on(struct gen *g, const char *date)
{
	for (int i = 0; i < g->ndays; i++)
		if (!strcmp(g->days[i].date, date) && !g->days[i].cancelled)
			return &g->days[i];
	return NULL;
}

static void gen_bulk(struct gen *g)
{
	int64_t nvisits = llround(GEN_VISITS * g->scale), ncases = llround(GEN_CASES * g->scale);
	int64_t nspot = llround((double)ncases * GEN_SPOT_SHARE), nsurvey = llround((double)ncases * GEN_SURVEY_SHARE);
	int64_t d0 = date_to_days(g->start), dt = date_to_days(g->today);
	int ndays = (int)(dt - d0 + 1);
	double *wv = xcalloc((size_t)ndays, sizeof *wv), *wc = xcalloc((size_t)ndays, sizeof *wc);
	char date[11], time[40];

	g->assign_need = ncases - nspot - nsurvey;
	g->visits_left = nvisits;
	for (int i = 0; i < ndays; i++) {
		days_to_date(d0 + i, date);
		bool work = calendar_is_workday(g->cal, date);
		wv[i] = (work ? 1.0 : 0.3) + (gen_day_on(g, date) ? 3.0 : 0.0);
		wv[i] *= 0.85 + 0.3 * i / ndays; /* a little busier every year */
		if (i == ndays - 1)
			wv[i] *= 0.5; /* today: the morning so far */
		wc[i] = work ? 1.0 : 0.0;
	}
	int *vis = gen_spread(wv, ndays, nvisits), *spot = gen_spread(wc, ndays, nspot);
	int *survey = gen_spread(wc, ndays, nsurvey);

	g->ins_visit = gen_prepare(g, "INSERT INTO visits (id, date, channel, reception_day_id, visitor_name,"
				      " visitor_gender, visitor_phone, visitor_address, people, content, category, handling,"
				      " handling_reason, reply, case_id, created_at, updated_at)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
	g->ins_vdep = gen_prepare(g, "INSERT INTO visit_deputies (visit_id, deputy_id, created_at, updated_at)"
				     " VALUES (?1, ?2, ?3, ?3)");
	g->ins_case =
		gen_prepare(g,
			    "INSERT INTO cases (id, case_no, visit_id, category, summary, content, received_date,"
			    " status, unit_id, assigned_date, due_date, due_days, extensions, redo_count, reply_date,"
			    " reply, result, followup_date, satisfaction, followup_how, closed_date, source, deputy_id,"
			    " contact_name, contact_phone, created_at, updated_at, promised_date) VALUES (?1, ?2, ?3,"
			    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,"
			    " ?23, ?24, ?25, ?26, ?27, ?28)");
	g->ins_event = gen_prepare(g, "INSERT INTO case_events (id, case_id, at, type, status_after, who, unit_id,"
				      " due_date, note, date, result, satisfaction, how, created_at, updated_at)"
				      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
	g->first_year = atoi(g->start);
	for (int i = 0; i < ndays; i++) {
		days_to_date(d0 + i, date);
		bool work = calendar_is_workday(g->cal, date);
		const struct gen_day *rd = gen_day_on(g, date);
		for (int k = 0; k < vis[i]; k++) {
			int min = 8 * 60 + (k * 9 * 60) / (vis[i] ? vis[i] : 1);
			snprintf(time, sizeof time, "%02d:%02d:%02d", min / 60, min % 60, rnd_below(60));
			gen_visit(g, date, time, work, rd);
		}
		for (int k = 0; k < survey[i]; k++) {
			int cat = gen_pick_cat();
			char *content = gen_content(g, cat, "日常来访", 1), assign[11];
			wd(g, date, rnd_between(1, 3), assign);
			gen_case(g, date, "15:30:00", cat, content, "代表调研", 0, gen_deputy_on(g, date), NULL, NULL, assign,
				 false);
			free(content);
		}
		for (int k = 0; k < spot[i]; k++) {
			int cat = gen_pick_cat();
			char *content = gen_content(g, cat, "日常来访", 1);
			gen_case(g, date, "10:00:00", cat, content, "其他", 0, 0, NULL, NULL, date, true);
			free(content);
		}
		if (i % 180 == 0)
			fprintf(stderr, "  %s: %lld visits, %lld cases, %lld events\n", date, (long long)g->visit_id,
				(long long)g->case_id, (long long)g->event_id);
	}
	sqlite3_stmt *seq = gen_prepare(g, "INSERT INTO case_seq (station_code, year, last_seq) VALUES (?1, ?2, ?3)");
	for (int y = 0; y < (int)ARRAY_LEN(g->seq); y++) {
		if (!g->seq[y])
			continue;
		sqlite3_reset(seq);
		sqlite3_bind_text(seq, 1, GEN_CODE, -1, SQLITE_STATIC);
		sqlite3_bind_int(seq, 2, g->first_year + y);
		sqlite3_bind_int(seq, 3, g->seq[y]);
		gen_check(g, sqlite3_step(seq), "case_seq");
	}
	sqlite3_finalize(seq);
	sqlite3_finalize(g->ins_visit);
	sqlite3_finalize(g->ins_vdep);
	sqlite3_finalize(g->ins_case);
	sqlite3_finalize(g->ins_event);
	free(wv);
	free(wc);
	free(vis);
	free(spot);
	free(survey);
}

/* ---- the deputies who do not receive, activities with sign-in, 述职评议, adjustments ---- */

static int gen_all_cb(void *ud, int64_t id, const char *const *vals)
{
	struct gen *g = ud;
	(void)vals;
	g->all_ids = xrealloc(g->all_ids, sizeof *g->all_ids * (size_t)(g->nall + 1));
	g->all_ids[g->nall++] = id;
	return 0;
}

/* GEN_MORE_DEPUTIES more deputies of the five levels (most of them 乡镇 and 县), through the db
 * layer like the first 60; then the ids of all of them. */
static void gen_more_deputies(struct gen *g)
{
	char **rows[GEN_MORE_DEPUTIES], name[32], buf[64], *err = NULL;
	struct deputy_filter all = { .include_left = true };
	for (int i = 0; i < GEN_MORE_DEPUTIES; i++) {
		char gender = chance(0.6) ? 'M' : 'F';
		int r = rnd_below(100), level = r < 1 ? 0 : r < 3 ? 1 : r < 10 ? 2 : r < 40 ? 3 : 4;
		char **v = record_new_values(&deputy_def, g->today);
		gen_person_name(name, sizeof name, gender, false);
		str_set(&v[DEP_NAME], name);
		str_set(&v[DEP_GENDER], gender == 'M' ? "男" : "女");
		str_set(&v[DEP_LEVEL], deputy_levels[level]);
		snprintf(buf, sizeof buf, "XE%d-%04d", level, 1000 + i);
		str_set(&v[DEP_CARD_NO], buf);
		snprintf(buf, sizeof buf, "%s%s", PICK(villages), PICK(work_units));
		str_set(&v[DEP_WORK_UNIT], buf);
		snprintf(buf, sizeof buf, "137%08d", 20000000 + i * 6007);
		str_set(&v[DEP_PHONE], buf);
		str_set(&v[DEP_STATUS], chance(0.05) ? "离任" : "在任");
		rows[i] = v;
	}
	if (db_deputies_insert_many(g->db, rows, GEN_MORE_DEPUTIES, &err) < 0 ||
	    db_deputies_page(g->db, &all, 0, false, 0, -1, gen_all_cb, g, &err) < 0)
		die("gen: more deputies: %s", err);
	for (int i = 0; i < GEN_MORE_DEPUTIES; i++)
		record_free_values(&deputy_def, rows[i]);
}

/* GEN_SUGGESTIONS 代表建议 over the five years: a lead deputy and 0-4 co-sponsors, a category
 * and its unit; older ones mostly 办结 (提出 → 交办 → 答复 → 办结, each an event), recent ones
 * still 已提出 or 办理中. Inserted with their triggers on, so the audit log records them as a
 * clerk's saves would. */
static void gen_suggestions(struct gen *g)
{
	static const char *const cats[] = { "财政经济", "农业农村", "城建环资", "教科文卫", "内务司法", "社会建设" };
	static const char *const subjects[] = { "农村供水管网改造", "乡村道路养护", "义务教育学校扩容", "农贸市场升级",
						"老旧小区加装电梯", "基层医疗服务能力提升", "防汛设施建设",
						"农产品冷链物流", "社区养老服务", "垃圾分类收运" };
	int64_t d0 = date_to_days(g->start), dt = date_to_days(g->today);
	int64_t n = llround(GEN_SUGGESTIONS * g->scale);
	char date[11], due[11], step[11], title[160], at[17];
	sqlite3_stmt *is = gen_prepare(g, "INSERT INTO suggestions (id, suggestion_no, title, content, lead_deputy_id,"
					  " date, category, unit_id, status, due_date, reply_date, reply, result,"
					  " satisfaction, closed_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
					  " ?11, ?12, ?13, ?14, ?15)");
	sqlite3_stmt *ic = gen_prepare(g, "INSERT INTO suggestion_deputies (suggestion_id, deputy_id) VALUES (?1, ?2)");
	sqlite3_stmt *ie = gen_prepare(g, "INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after,"
					  " who, unit_id, due_date, note, result, satisfaction) VALUES (?1, ?2, ?3,"
					  " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	for (int64_t i = 1; i <= n; i++) {
		days_to_date(d0 + rnd_below((int)(dt - d0 + 1)), date);
		int64_t age = dt - date_to_days(date);
		/* how far it got: 0 提出, 1 交办, 2 答复, 3 办结 */
		int stage = age > 120 ? (chance(0.9) ? 3 : 2) : age > 40 ? rnd_between(1, 3) : rnd_between(0, 1);
		const char *cat = PICK(cats);
		int64_t unit = g->unit_ids[rnd_below(g->nunits)];
		snprintf(title, sizeof title, "关于%s的建议", PICK(subjects));
		char *content = gen_text(g, "{v}群众反映{r}一带问题较多，建议由{u}统筹解决。");
		char no[32];
		snprintf(no, sizeof no, "JY-%.4s-%05lld", date, (long long)i);
		wd(g, date, 60, due);
		const char *status = stage == 0 ? "已提出" : stage == 1 ? "办理中" : stage == 2 ? "已答复" : "办结";
		const char *result = stage >= 2 ? (chance(0.7) ? "A" : "B") : NULL;
		const char *sat = stage == 3 ? (chance(0.85) ? "满意" : "基本满意") : NULL;
		char reply_d[11] = "", closed_d[11] = "";
		if (stage >= 2)
			wd(g, date, rnd_between(20, 55), reply_d);
		if (stage == 3)
			wd(g, reply_d, rnd_between(3, 20), closed_d);
		sqlite3_reset(is);
		sqlite3_bind_int64(is, 1, i);
		sqlite3_bind_text(is, 2, no, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(is, 3, title, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(is, 4, content, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(is, 5, g->all_ids[rnd_below(g->nall)]);
		sqlite3_bind_text(is, 6, date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(is, 7, cat, -1, SQLITE_STATIC);
		if (stage >= 1) {
			sqlite3_bind_int64(is, 8, unit);
			sqlite3_bind_text(is, 10, due, -1, SQLITE_TRANSIENT);
		} else {
			sqlite3_bind_null(is, 8);
			sqlite3_bind_null(is, 10);
		}
		sqlite3_bind_text(is, 9, status, -1, SQLITE_STATIC);
		if (stage >= 2) {
			sqlite3_bind_text(is, 11, reply_d, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(is, 12, "已列入明年计划，分步实施。", -1, SQLITE_STATIC);
			sqlite3_bind_text(is, 13, result, -1, SQLITE_STATIC);
		} else {
			sqlite3_bind_null(is, 11);
			sqlite3_bind_null(is, 12);
			sqlite3_bind_null(is, 13);
		}
		if (stage == 3) {
			sqlite3_bind_text(is, 14, sat, -1, SQLITE_STATIC);
			sqlite3_bind_text(is, 15, closed_d, -1, SQLITE_TRANSIENT);
		} else {
			sqlite3_bind_null(is, 14);
			sqlite3_bind_null(is, 15);
		}
		gen_check(g, sqlite3_step(is), "suggestions");
		free(content);
		int nco = rnd_between(0, 4), first = rnd_below(g->nall);
		for (int k = 1; k <= nco; k++) {
			sqlite3_reset(ic);
			sqlite3_bind_int64(ic, 1, i);
			sqlite3_bind_int64(ic, 2, g->all_ids[(first + k * 41) % g->nall]);
			gen_check(g, sqlite3_step(ic), "suggestion_deputies");
		}
		static const char *const types[] = { "提出", "交办", "答复", "办结" };
		static const char *const after[] = { "已提出", "办理中", "已答复", "办结" };
		for (int k = 0; k <= stage; k++) {
			const char *d = k == 0 ? date : k == 1 ? date : k == 2 ? reply_d : closed_d;
			if (k == 1)
				wd(g, date, 2, step), d = step;
			snprintf(at, sizeof at, "%s 10:%02d", d, rnd_below(60));
			sqlite3_reset(ie);
			sqlite3_bind_int64(ie, 1, i);
			sqlite3_bind_text(ie, 2, at, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ie, 3, d, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ie, 4, types[k], -1, SQLITE_STATIC);
			sqlite3_bind_text(ie, 5, after[k], -1, SQLITE_STATIC);
			sqlite3_bind_text(ie, 6, PICK(clerks), -1, SQLITE_STATIC);
			if (k == 1) {
				sqlite3_bind_int64(ie, 7, unit);
				sqlite3_bind_text(ie, 8, due, -1, SQLITE_TRANSIENT);
			} else {
				sqlite3_bind_null(ie, 7);
				sqlite3_bind_null(ie, 8);
			}
			sqlite3_bind_null(ie, 9);
			if (k == 2)
				sqlite3_bind_text(ie, 10, result, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(ie, 10);
			if (k == 3)
				sqlite3_bind_text(ie, 11, sat, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(ie, 11);
			gen_check(g, sqlite3_step(ie), "suggestion_events");
		}
	}
	sqlite3_finalize(is);
	sqlite3_finalize(ic);
	sqlite3_finalize(ie);
	printf("  %lld suggestions\n", (long long)n);
}

/* GEN_ACTIVITIES activities over the five years, each with 5-15 deputies signed in (出席 mostly,
 * some 请假 and 缺席); a 述职评议 a year for most deputies; some adjustments. Bulk, like visits. */
static void gen_activities(struct gen *g)
{
	static const char *const topics[] = { "农村人居环境整治", "义务教育双减落实", "农贸市场改造", "防汛备汛",
					      "基层医疗服务", "食品安全", "乡村振兴项目", "老旧小区改造" };
	int64_t d0 = date_to_days(g->start), dt = date_to_days(g->today);
	int64_t nact = llround(GEN_ACTIVITIES * g->scale), natt = 0;
	char date[11], topic[96], day[16];
	sqlite3_stmt *ia = gen_prepare(g, "INSERT INTO activities (id, type, topic, date, place, organizer)"
					  " VALUES (?1, ?2, ?3, ?4, '联络站会议室', '镇人大主席团')");
	sqlite3_stmt *it = gen_prepare(g, "INSERT INTO attendance (activity_id, deputy_id, status) VALUES (?1, ?2, ?3)");
	for (int64_t a = 1; a <= nact; a++) {
		days_to_date(d0 + rnd_below((int)(dt - d0 + 1)), date);
		const char *type = activity_types[rnd_below(10)]; /* not 其他 */
		snprintf(topic, sizeof topic, "%s%s", PICK(topics), chance(0.5) ? "专题调研" : "视察");
		sqlite3_reset(ia);
		sqlite3_bind_int64(ia, 1, a);
		sqlite3_bind_text(ia, 2, type, -1, SQLITE_STATIC);
		sqlite3_bind_text(ia, 3, topic, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ia, 4, date, -1, SQLITE_TRANSIENT);
		gen_check(g, sqlite3_step(ia), "activities");
		int n = rnd_between(5, 15), first = rnd_below(g->nall);
		for (int k = 0; k < n; k++) { /* n different deputies: a run of the id list */
			sqlite3_reset(it);
			sqlite3_bind_int64(it, 1, a);
			sqlite3_bind_int64(it, 2, g->all_ids[(first + k * 37) % g->nall]);
			sqlite3_bind_text(it, 3, chance(0.85) ? "出席" : chance(0.67) ? "请假" : "缺席", -1, SQLITE_STATIC);
			gen_check(g, sqlite3_step(it), "attendance");
			natt++;
		}
	}
	sqlite3_finalize(ia);
	sqlite3_finalize(it);
	sqlite3_stmt *ie = gen_prepare(g, "INSERT INTO evaluations (deputy_id, date, participants, satisfied,"
					  " basically_satisfied, dissatisfied) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	for (int y = atoi(g->start); y < atoi(g->today); y++)
		for (int i = 0; i < g->nall; i++) {
			if (!chance(0.8))
				continue;
			int p = rnd_between(30, 80), s1 = p * rnd_between(70, 95) / 100, s2 = (p - s1) * 2 / 3;
			snprintf(day, sizeof day, "%04d-12-%02d", y % 10000, rnd_between(1, 28));
			sqlite3_reset(ie);
			sqlite3_bind_int64(ie, 1, g->all_ids[i]);
			sqlite3_bind_text(ie, 2, day, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ie, 3, p);
			sqlite3_bind_int(ie, 4, s1);
			sqlite3_bind_int(ie, 5, s2);
			sqlite3_bind_int(ie, 6, p - s1 - s2);
			gen_check(g, sqlite3_step(ie), "evaluations");
		}
	sqlite3_finalize(ie);
	sqlite3_stmt *ip = gen_prepare(g, "INSERT INTO point_adjustments (deputy_id, year, date, points, reason,"
					  " approved_by) VALUES (?1, ?2, ?3, ?4, '县人大表彰优秀代表', '站长')");
	for (int i = 0; i < GEN_ADJUSTMENTS; i++) {
		int y = rnd_between(atoi(g->start), atoi(g->today));
		snprintf(day, sizeof day, "%04d-06-%02d", y % 10000, rnd_between(1, 28));
		sqlite3_reset(ip);
		sqlite3_bind_int64(ip, 1, g->all_ids[rnd_below(g->nall)]);
		sqlite3_bind_int(ip, 2, y);
		sqlite3_bind_text(ip, 3, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_double(ip, 4, chance(0.8) ? 5 : -2.5);
		gen_check(g, sqlite3_step(ip), "point_adjustments");
	}
	sqlite3_finalize(ip);
	fprintf(stderr, "  %lld activities, %lld sign-ins\n", (long long)nact, (long long)natt);
}

/* Foreign keys of the bulk tables, checked once after the load: none may be broken. */
static void gen_fk_check(struct gen *g)
{
	static const char *const tables[] = { "visits",     "visit_deputies", "cases",      "case_events",
					      "activities", "attendance",     "evaluations", "point_adjustments" };
	for (size_t i = 0; i < ARRAY_LEN(tables); i++) {
		sqlite3_stmt *st = NULL;
		char *q = xasprintf("PRAGMA foreign_key_check(%s)", tables[i]);
		gen_check(g, sqlite3_prepare_v2(g->h, q, -1, &st, NULL), q);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			die("gen: broken foreign key in %s row %lld", tables[i], (long long)sqlite3_column_int64(st, 1));
		gen_check(g, rc, q);
		sqlite3_finalize(st);
		free(q);
	}
}

static double gen_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void gen_exec(struct gen *g, const char *sql) { gen_check(g, sqlite3_exec(g->h, sql, NULL, NULL, NULL), sql); }

/* What was made, from the database itself. */
static void gen_summary(struct gen *g, double secs)
{
	static const char *const counts[] = {
		"SELECT 'deputies', count(*) FROM deputies",
		"SELECT 'reception_days', count(*) FROM reception_days",
		"SELECT 'visits', count(*) FROM visits",
		"SELECT 'visit_deputies', count(*) FROM visit_deputies",
		"SELECT 'cases', count(*) FROM cases",
		"SELECT 'case_events', count(*) FROM case_events",
		"SELECT 'activities', count(*) FROM activities",
		"SELECT 'attendance', count(*) FROM attendance",
		"SELECT 'evaluations', count(*) FROM evaluations",
		"SELECT 'audit_log', count(*) FROM audit_log",
		"SELECT 'cases ' || status, count(*) FROM cases GROUP BY status",
	};
	struct case_todo_counts tc;
	char *err = NULL;
	struct stat sb;
	for (size_t i = 0; i < ARRAY_LEN(counts); i++) {
		sqlite3_stmt *st = gen_prepare(g, counts[i]);
		while (sqlite3_step(st) == SQLITE_ROW)
			printf("  %-22s %10lld\n", sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1));
		sqlite3_finalize(st);
	}
	if (db_cases_todo_counts(g->db, g->cal, g->today, g->cfg.due_soon_days, &tc, &err) < 0)
		die("gen: %s", err);
	printf("  today %s: 超期 %lld, 临期 %lld, 待回访 %lld, 待交办 %lld; longest timeline: case %lld\n", g->today,
	       (long long)tc.overdue, (long long)tc.due_soon, (long long)tc.awaiting_followup, (long long)tc.received,
	       (long long)g->long_case);
	if (stat(db_path(g->db), &sb) == 0)
		printf("  %s: %.0f MB, generated in %.1f s\n", db_path(g->db), (double)sb.st_size / 1e6, secs);
}

int main(int argc, char **argv)
{
	struct gen g = { .scale = 1.0 };
	const char *path = NULL;
	char *err = NULL;
	struct saved_sql keep = { 0 };
	double t0 = gen_now();

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--version")) {
			printf("g%d-s%d\n", GEN_VERSION, db_schema_version());
			return 0;
		} else if (!strcmp(argv[i], "--scale") && i + 1 < argc) {
			g.scale = atof(argv[++i]);
		} else if (argv[i][0] == '-') { /* --help once made a database named "--help" */
			path = NULL;
			break;
		} else {
			path = argv[i];
		}
	}
	if (!path || g.scale <= 0) {
		fprintf(stderr, "usage: gen --version | gen [--scale F] FILE\n");
		return 2;
	}
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "gen: %s exists; remove it first\n", path);
		return 1;
	}
	clock_today(g.today);
	date_add_days(g.today, -(GEN_DAYS - 1), g.start);
	cfg_defaults(&g.cfg);
	str_set(&g.cfg.station_code, GEN_CODE);
	if (!(g.cal = calendar_new(&g.cfg, &err)))
		die("gen: calendar: %s", err);
	if (db_open(path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, &g.db, &err) < 0 ||
	    db_set_user(g.db, "bench-gen", &err) < 0)
		die("gen: %s", err);
	g.h = db_handle(g.db);
	printf("gen %s: schema version %d, today %s, visits from %s, scale %g\n", path, db_user_version(g.db), g.today,
	       g.start, g.scale);
	gen_registers(&g);
	gen_more_deputies(&g);
	gen_units(&g);
	gen_residents(&g);

	/* The bulk load: no foreign keys, triggers or secondary indexes until the end. */
	gen_exec(&g, "PRAGMA foreign_keys = OFF");
	gen_exec(&g, "PRAGMA cache_size = -524288");
	gen_exec(&g, "PRAGMA journal_mode = MEMORY");
	if (db_begin(g.db, &err) < 0)
		die("gen: %s", err);
	gen_drop(&g, &keep);
	gen_bulk(&g);
	gen_activities(&g);
	gen_audit(&g);
	fprintf(stderr, "  rows written in %.1f s; indexes and triggers ...\n", gen_now() - t0);
	gen_restore(&g, &keep);
	gen_suggestions(&g);
	if (db_commit(g.db, &err) < 0)
		die("gen: %s", err);
	gen_exec(&g, "PRAGMA journal_mode = WAL");
	gen_exec(&g, "PRAGMA foreign_keys = ON");
	gen_fk_check(&g);
	gen_summary(&g, gen_now() - t0);

	db_close(g.db);
	calendar_free(g.cal);
	cfg_free(&g.cfg);
	for (int i = 0; i < g.nunits; i++)
		free(g.unit_names[i]);
	free(g.res);
	free(g.all_ids);
	return 0;
}
