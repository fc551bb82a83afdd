/* 意见建议 (a case): the fields of a case created directly (not from a visit's form), and the
 * pick lists of the case loop: categories, sources, result classes (办理结果 A-D), satisfaction
 * (满意度) and the ways of a follow-up call (回访方式). One table per list, here only; the
 * state machine (core/caseflow.h), the db layer (db/cases.h) and the action forms use these.
 * 办理结果 and 满意度 are the station's only tables of them: 代表建议 (core/suggestion.h) use
 * the same ones.
 *
 * Stored values are the Chinese labels themselves, except the result class, stored as the
 * letter A-D (case_result_label() gives its words). */
#ifndef STATION_CASE_H
#define STATION_CASE_H

#include "core/record.h"

#include <stdbool.h>

/* Field indexes into the values of case_record(); keep in the order of case_fields in case.c. */
enum case_field {
	CASEF_CATEGORY, /* 类别: one of case_categories() (required) */
	CASEF_SUMMARY,  /* 摘要: required, at most 60 characters */
	CASEF_CONTENT,  /* 内容: memo */
	CASEF_RECEIVED, /* 受理日期: date, default today (required) */
	CASEF_SOURCE,   /* 来源: 来访/代表调研/其他 (default 代表调研) */
	CASEF_CONTACT,  /* 联系人 */
	CASEF_PHONE,    /* 联系电话 (personal) */
	CASEF_NFIELDS
};

/* The record_def of a case (table cases). Its category choices are the default list of
 * data/categories.txt, parsed on the first call; the pointer is valid for the life of the
 * program. (The categories table is the editable pick list; a form may offer its rows instead.) */
const struct record_def *case_record(void);

/* Default categories from data/categories.txt, NULL-terminated, parsed on the first call.
 * Borrowed, valid for the life of the program. */
const char *const *case_categories(void);

/* 来源 of a case: "来访", "代表调研", "其他", NULL. */
extern const char *const case_sources[];

/* 办理结果: the letters as stored ("A".."D", NULL) and the same with their words for a pick
 * list ("A 已解决或基本解决", ..., NULL), in the same order. */
extern const char *const case_result_codes[];
extern const char *const case_result_choices[];
/* Words of a result letter ("A" -> "已解决或基本解决"), or NULL if s is not one. Borrowed. */
const char *case_result_label(const char *code);
/* The result letter 'A'..'D' of what a clerk typed or picked: "A", "a", "Ａ", "A 已解决或基本解决",
 * "A." or the words alone; 0 if none. */
char case_result_parse(const char *s);

/* 满意度. CASE_SAT_NONE: no 回访 (yet, in this round). */
enum case_sat {
	CASE_SAT_NONE,
	CASE_SAT_SATISFIED,   /* 满意 */
	CASE_SAT_BASIC,       /* 基本满意 */
	CASE_SAT_UNSATISFIED, /* 不满意 */
	CASE_SAT_COUNT
};
/* "满意", "基本满意", "不满意", NULL — in the order of enum case_sat from CASE_SAT_SATISFIED. */
extern const char *const case_sat_choices[];
/* Label of s ("" for CASE_SAT_NONE or a bad value). Borrowed. */
const char *case_sat_label(enum case_sat s);
/* The satisfaction of a label; CASE_SAT_NONE for "" or anything else. */
enum case_sat case_sat_parse(const char *label);
/* 满意 or 基本满意. */
bool case_sat_ok(enum case_sat s);

/* 回访方式: "电话", "上门", "短信", "其他", NULL. */
extern const char *const case_followup_ways[];

/* True if s is one of the NULL-terminated list. */
bool case_in_list(const char *const *list, const char *s);

#endif
