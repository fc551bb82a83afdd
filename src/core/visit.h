/* 接待选民登记: the fields of a visit, their choices and checks.
 *
 * A visit is any contact with a resident: a visit on a reception day or any other day, a 走访 by
 * a deputy, a phone call, a letter, an online message. Besides the fields below a visit has
 * links the form picks separately: its reception day, its receiving deputies (the visiting deputy
 * for 走访) and its case (db/visits.h).
 *
 * No SQL and no curses here. */
#ifndef STATION_VISIT_H
#define STATION_VISIT_H

#include "core/calendar.h"
#include "core/record.h"

#include <stdbool.h>

/* Field indexes into visit values; keep in the order of visit_fields in visit.c. */
enum visit_field {
	VIS_DATE,         /* 日期: required; a future date is allowed after the clerk confirms it
			   * (visit_is_future()) */
	VIS_CHANNEL,      /* 渠道: visit_channels, required, default 接待日来访 */
	VIS_NAME,         /* 来访人: required; VISIT_ANONYMOUS when the resident gives no name */
	VIS_GENDER,       /* 性别: 男/女 or empty */
	VIS_PHONE,        /* 联系电话: mobile, landline with area code, or empty; personal */
	VIS_ADDRESS,      /* 住址或单位: personal */
	VIS_PEOPLE,       /* 人数: 1..999, default 1 (group visits) */
	VIS_CONTENT,      /* 反映问题: the resident's own words, multi-line, required, <= 2000 chars */
	VIS_CATEGORY,     /* 类别: one of visit_categories(), required */
	VIS_HANDLING,     /* 处理方式: visit_handlings, required */
	VIS_REPLY,        /* 答复内容/理由: the answer for 当场答复 (required then), the reason for
			   * 不予受理 (required then), a note otherwise. Stored in visits.reply, or in
			   * visits.handling_reason for 不予受理 (db/visits.c does the mapping). */
	VIS_SATISFACTION, /* 满意度: the resident's satisfaction with an answer on the spot
			   * (case_sat_choices: 满意/基本满意/不满意), optional, only for 当场答复;
			   * counted by the statistics (db/cases.h db_cases_stats) */
	VIS_NFIELDS
};

/* The visit form (table visits). Its cross-field check: 当场答复 needs the answer, 不予受理 the
 * reason, in VIS_REPLY. */
extern const struct record_def visit_def;

/* NULL-terminated lists of the stored labels. */
extern const char *const visit_channels[];  /* 接待日来访 日常来访 走访 电话 来信 线上 */
extern const char *const visit_handlings[]; /* 当场答复 交办 转为代表建议 不予受理 */
/* The categories of data/categories.txt (compiled in), in file order, NULL-terminated; the
 * same list the database's categories table starts with. Borrowed, lives for the program. */
const char *const *visit_categories(void);

#define VISIT_ANONYMOUS    "匿名"
#define VISIT_CH_RECEPTION "接待日来访"
#define VISIT_CH_WALK      "走访"
#define VISIT_H_ANSWER     "当场答复"
#define VISIT_H_ASSIGN     "交办"
#define VISIT_H_SUGGEST    "转为代表建议"
#define VISIT_H_REFUSE     "不予受理"
/* Characters of the content that make a case's summary (摘要) when a visit is assigned. */
#define VISIT_SUMMARY_CHARS 30

/* A group larger than this is asked about once before it is saved (人数 1 with 12 typed after it
 * once made 112). */
#define VISIT_PEOPLE_ASK 50

/* The question to ask about people (the 人数 typed) before saving, or NULL when it is a
 * plausible group (<= VISIT_PEOPLE_ASK, or not a number: the field check reports that). New
 * string. */
char *visit_people_question(const char *people);

/* The due date a 交办 of a visit on date with days working days (0 or less: default_days) sets,
 * the calendar's rule of the case loop (core/caseflow.c), into out ("" for a bad date). */
void visit_due_date(const struct calendar *cal, const char *date, int days, int default_days, char out[11]);

/* True if date (ISO) is after today (ISO): the form asks "日期在今天之后，确定吗？".
 * False for an empty or malformed date. */
bool visit_is_future(const char *date, const char *today);

/* Dates a clerk may well have mistyped (1900-01-01 for 2026-01-01, 2062 for 2026) are not
 * refused but asked about once, like a future date: a date after today, and more so one more
 * than a year ahead, or one before 1 January of first_year (the year of the station's earliest
 * visit; 0 when it has none, then the year of today). Returns NULL for a plausible date, else a
 * new Chinese question for the confirmation (caller frees). NULL for an empty or malformed date
 * (the field check reports those). */
char *visit_date_question(const char *date, const char *today, int first_year);

/* The links of a visit the record values do not hold, checked before a save: a 走访 needs the
 * visiting deputy (ndeputies >= 1). Returns NULL or a Chinese message (static). */
const char *visit_check_links(char *const *vals, int ndeputies);

/* A case's summary from a visit's content: the first VISIT_SUMMARY_CHARS characters with line
 * breaks and runs of spaces made one space, "..." appended when cut (ASCII: "……" is
 * ambiguous-width and would break column alignment). New string. */
char *visit_summary(const char *content);

/* The phone masked for printing and exports: 138****5678 for a mobile, 0371-****5678 style for a
 * landline (the last 4 digits kept), "" for "". New string. */
char *visit_mask_phone(const char *phone);

#endif
