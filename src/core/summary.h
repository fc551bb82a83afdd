/* The county's summary of a station for a period (汇总表) and the columns of the detail lists:
 * one table of columns each, so the CSV export, the 报表 screen, `station merge` and
 * docs/SUMMARY.md name the same columns in the same order. The figures themselves are counted
 * by db/summary.c; this file only holds them, derives the rates and formats the cells.
 * Nothing here touches the database, a file or the screen. */
#ifndef STATION_CORE_SUMMARY_H
#define STATION_CORE_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>

/* The format of the summary and detail files; `station merge` refuses a newer one. 2 appended
 * 活动_督查, the 五环五时 rings and the 民生实事项目 figures to the summary (SUM_N_V1 columns
 * before); the detail files did not change. */
#define SUMMARY_FORMAT 2

/* The columns of the summary row, in file order (docs/SUMMARY.md defines each one). */
enum sum_col {
	SUM_VERSION,        /* 格式版本 */
	SUM_CODE,           /* 联络站编号 */
	SUM_NAME,           /* 联络站名称 */
	SUM_PERIOD,         /* 期间 (its label) */
	SUM_FROM,           /* 起始日期 */
	SUM_TO,             /* 截止日期 */
	SUM_RECEPTION_DAYS, /* 接待日举行次数 */
	SUM_DEPUTY_TIMES,   /* 代表进站人次 */
	SUM_LEVEL_FIRST,    /* 全国人大代表进站人数 .. 乡镇人大代表进站人数 (deputy_levels order) */
	SUM_LEVEL_LAST = SUM_LEVEL_FIRST + 4,
	SUM_VISITS,       /* 接待群众件数 */
	SUM_VISIT_PEOPLE, /* 接待群众人次 */
	SUM_WALKS,        /* 走访次数 */
	SUM_WALK_PEOPLE,  /* 走访群众人次 */
	SUM_OPINIONS,     /* 收集意见建议 */
	SUM_CAT_FIRST,    /* 意见建议_城乡建设 .. 意见建议_其他 (summary_categories order) */
	SUM_CAT_LAST = SUM_CAT_FIRST + 14,
	SUM_CAT_NONE,      /* 意见建议_未分类 */
	SUM_SPOT,          /* 当场答复 */
	SUM_REJECTED,      /* 不予受理 */
	SUM_TO_SUGGESTION, /* 转为代表建议 */
	SUM_ASSIGNED,      /* 交办 */
	SUM_REPLIED,       /* 答复 */
	SUM_CLOSED,        /* 办结 */
	SUM_ON_TIME,       /* 按期办结 */
	SUM_ON_TIME_RATE,  /* 按期办结率(%) */
	SUM_FOLLOWED,      /* 回访 */
	SUM_SATISFIED,     /* 满意和基本满意 */
	SUM_SAT_RATE,      /* 满意率(%) */
	SUM_OVERDUE_END,   /* 期末超期 */
	SUM_SUG_RAISED,    /* 代表建议提出 */
	SUM_SUG_REPLIED,   /* 代表建议答复 */
	SUM_SUG_A,         /* 建议结果A已解决 .. 建议结果D留作参考 */
	SUM_SUG_D = SUM_SUG_A + 3,
	SUM_SUG_CLOSED, /* 代表建议办结 */
	SUM_ACTIVITIES, /* 代表活动 */
	SUM_ACT_FIRST,  /* 活动_学习培训 .. 活动_其他 (activity_types order) */
	SUM_ACT_LAST = SUM_ACT_FIRST + 10,
	SUM_QUARTERS, /* 整季度数 */
	SUM_MIN_MET,  /* 季度活动达标 */
	/* ---- format 2 ---- */
	SUM_ACT_INSPECT, /* 活动_督查 (the type came after format 1; counted in 代表活动 too) */
	SUM_RING_FIRST, /* 受理随时_到期, 受理随时_按时, 受理随时_按时率(%), then 交办及时, 办理限时,
			 * 答复定时, 回访适时 likewise: SUM_RING_FIRST + 3 * enum case_ring + SUM_RING_* */
	SUM_RING_LAST = SUM_RING_FIRST + 14,
	SUM_PJ_PROPOSED,  /* 征集项目 */
	SUM_PJ_VOTED,     /* 票决项目 */
	SUM_PJ_PASSED,    /* 通过项目 */
	SUM_PJ_DONE,      /* 完成项目 */
	SUM_PJ_JOINED,    /* 测评人数 */
	SUM_PJ_SATISFIED, /* 测评满意和基本满意 */
	SUM_PJ_SAT_RATE,  /* 测评满意率(%) */
	SUM_N
};
/* The columns of format 1 (a file of that format has exactly these, in this order). */
#define SUM_N_V1 (SUM_MIN_MET + 1)
/* Offsets within a ring's three columns. */
enum { SUM_RING_DUE, SUM_RING_ON_TIME, SUM_RING_RATE, SUM_RING_NCOLS };

enum sum_kind {
	SK_TEXT, /* text (quoted in CSV) */
	SK_INT,  /* a count */
	SK_RATE, /* a percentage with one decimal, empty when there is nothing to divide by */
	SK_FLAG, /* 是 / 否, empty when it does not apply */
};

struct summary_col {
	const char *header; /* Chinese column name (CSV header, screen label) */
	enum sum_kind kind;
};
/* The columns, SUM_N of them. */
extern const struct summary_col summary_cols[SUM_N];
/* The categories that have a column of their own (data/categories.txt as shipped), 15, NULL-ended. */
extern const char *const summary_categories[];

/* One station's summary for a period. Text fields are owned (summary_free). */
struct summary {
	char *text[SUM_TO + 1];  /* SUM_VERSION .. SUM_TO (SUM_VERSION is filled by summary_init) */
	int64_t n[SUM_N];        /* the counts (SK_INT; SK_RATE and SK_FLAG derived by summary_finish) */
	int min_per_quarter;     /* [activities] min_per_quarter used for SUM_MIN_MET */
	int64_t quarter_acts[8]; /* activities in each whole quarter inside the period (first 8) */
	bool min_met;            /* every whole quarter had min_per_quarter activities */
};

/* Zero s and fill the station's code and name, the period (label, from, to, ISO dates). */
void summary_init(struct summary *s, const char *code, const char *name, const char *label, const char *from,
		  const char *to);
void summary_free(struct summary *s);
/* The column of a category, SUM_CAT_NONE for an unknown or empty one. */
int summary_category_col(const char *category);
/* The column of an activity type, -1 for an unknown one. */
int summary_activity_col(const char *type);
/* The whole calendar quarters inside from..to (ISO): their first days into starts (at most max),
 * and how many there are. */
int summary_whole_quarters(const char *from, const char *to, char starts[][11], int max);
/* Derive SUM_MIN_MET from n[SUM_QUARTERS], quarter_acts and min_per_quarter. */
void summary_finish(struct summary *s);
/* The cell of column c as text (new string): a count, a rate "93.3" (or "" when its denominator
 * is 0), 是/否 (or "" when the period holds no whole quarter), or the text. */
char *summary_cell(const struct summary *s, int c);
/* A rate as the screen shows it: "93.3%" or "-". New string. */
char *summary_rate_label(const struct summary *s, int c);

/* ---- the detail lists ---- */

enum detail_kind { DETAIL_VISITS, DETAIL_CASES, DETAIL_SUGGESTIONS, DETAIL_ACTIVITIES, DETAIL_COUNT };

/* How a detail cell is written and masked. */
enum detail_type {
	DT_TEXT,    /* text, neutralised */
	DT_INT,     /* a number, plain */
	DT_PHONE,   /* a phone: masked 139****1111 unless unmasked */
	DT_ADDRESS, /* an address: cut after the village or community (or first 6 characters + ***) */
	DT_IDNO,    /* an ID number: first 4 and last 4 (1101**********123X) */
};

struct detail_col {
	const char *header; /* Chinese column name */
	enum detail_type type;
};

struct detail_def {
	const char *name;  /* command word: visits, cases, suggestions, activities */
	const char *title; /* Chinese: 接待选民登记, ... */
	const struct detail_col *cols;
	int ncols; /* the first column is always uid */
};
extern const struct detail_def detail_defs[DETAIL_COUNT];
/* The detail kind named name (visits, cases, ...), or -1. */
int detail_find(const char *name);

/* Masking (new strings; "" for ""). */
char *summary_mask_idno(const char *id);
char *summary_mask_address(const char *addr);

#endif
