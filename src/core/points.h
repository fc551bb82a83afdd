/* 履职积分: the rules that turn a deputy's yearly records into points, and the computation.
 * Pure functions, no SQL, no terminal (the counts come from db/points.c).
 *
 * A rule is one item (接待选民, 走访选民, 活动：<type> for each activity type, 领衔建议,
 * 附议建议, 述职, 民生实事：提出并通过), the points the first time in a year, the points each further time, and a
 * yearly cap. Points are kept in tenths (an int: 15 is 1.5 points) so sums are exact; they are
 * written with at most one decimal ("1.5", "12", "-3").
 *
 * Where the rules come from (points_rules_load): data/points.csv compiled into the program, or
 * the file named by station.ini [points] file; then station.ini [points] <item> = first, further,
 * cap overrides single items. A rules file is taken whole or not at all: a bad line names the
 * file and line, and the rules in force are kept. */
#ifndef STATION_POINTS_H
#define STATION_POINTS_H

#include "core/record.h"

#include <stdbool.h>
#include <stdint.h>

struct cfg;

/* The items counted from the records besides the activity types (see points_item_known). */
#define POINTS_RECEPTION "接待选民" /* visits received, any channel but 走访 */
#define POINTS_WALK      "走访选民" /* visits of channel 走访 */
#define POINTS_LEAD      "领衔建议" /* suggestions led (suggestions.lead_deputy_id) */
#define POINTS_SECOND    "附议建议" /* suggestions seconded (suggestion_deputies) */
#define POINTS_REPORT    "述职"     /* 述职评议 held (evaluations) */
/* projects the deputy proposed (projects.proposer_deputy_id) that passed a vote session held
 * that year (vote_date) */
#define POINTS_PROJECT "民生实事：提出并通过"
#define POINTS_ACTIVITY  "活动："   /* prefix of an activity type's item: 活动：视察 */

#define POINTS_ITEM_MAX 32  /* items in a rule set */
#define POINTS_ITEM_BYTES 64 /* an item name, NUL included */
#define POINTS_NO_CAP (-1)
#define POINTS_VALUE_MAX 10000 /* |points| of a rule value or an adjustment, in whole points */

struct points_rule {
	char item[POINTS_ITEM_BYTES];
	int first;   /* tenths: the first time in the year */
	int further; /* tenths: each time after the first */
	int cap;     /* tenths: most points of the item in a year, or POINTS_NO_CAP */
};

struct points_rules {
	struct points_rule v[POINTS_ITEM_MAX]; /* in file order */
	int n;
};

/* True if name is an item the records can count: one of the POINTS_* names above, or
 * POINTS_ACTIVITY followed by an activity type (core/activity.h). */
bool points_item_known(const char *name);

/* Parse a number of points with at most one decimal ("2", "1.5", "-3", "+0.5", full-width digits
 * are not accepted) into tenths. Returns NULL, or a Chinese message saying what is allowed. */
const char *points_parse(const char *s, bool allow_negative, int *tenths);
/* "12", "1.5", "-3": tenths written with at most one decimal, into buf (at least 16 bytes). */
const char *points_format(int tenths, char *buf);

/* One rule from its three texts (cap "" or "-": no cap). Returns NULL or a message (borrowed). */
const char *points_rule_parse(const char *item, const char *first, const char *further, const char *cap,
			      struct points_rule *out);
/* A station.ini value "first, further, cap" (cap may be left out: no cap; ASCII or full-width
 * commas). Returns NULL or a message (borrowed). */
const char *points_rule_parse_value(const char *item, const char *value, struct points_rule *out);

/* Parse a whole rules file (CSV: 项目,首次,此后每次,年度上限; a header line, blank lines and
 * # comments are skipped; a UTF-8 BOM and CR line ends are fine). All or nothing: on a bad line
 * returns -1 with *err "<file> 第 N 行：..." (new string) and *out is not touched. */
int points_rules_parse(const char *text, const char *file, struct points_rules *out, char **err);
/* The rules compiled into the program (data/points.csv). Dies if that file is bad (a test
 * checks it is not). */
void points_rules_builtin(struct points_rules *out);
/* Set or add one rule (an override). */
void points_rules_set(struct points_rules *r, const struct points_rule *rule);
/* Index of item's rule, or -1. */
int points_rules_find(const struct points_rules *r, const char *item);

/* The rules a station works by: the file of [points] file (else data/points.csv), then the
 * single-item overrides of [points]. On a bad file returns -1 with *err (new string naming the
 * file and line) and leaves *rules as it was: the caller keeps the rules it had (start from
 * points_rules_builtin for the first load). */
int points_rules_load(const struct cfg *cfg, struct points_rules *rules, char **err);

/* Points of one item done count times in a year: 0 for none, first for the first time, further
 * for each time after, at most the cap; *capped (may be NULL) says the cap cut it. */
int points_item(const struct points_rule *r, int64_t count, bool *capped);

/* One line of a deputy's breakdown. */
struct points_line {
	const char *item; /* the rule's item; borrowed from the rules */
	int64_t count;    /* times in the year */
	int points;       /* tenths */
	bool capped;      /* the yearly cap cut it */
};

struct points_result {
	struct points_line lines[POINTS_ITEM_MAX]; /* one per rule, in rule order */
	int n;
	int computed; /* tenths: the sum of the lines */
	int adjusted; /* tenths: the sum of the manual adjustments */
	int total;    /* computed + adjusted */
};

/* The points of a year: counts[i] is how often the item of rules->v[i] was done that year,
 * adjusted the sum of that year's adjustments (tenths). */
void points_compute(const struct points_rules *rules, const int64_t *counts, int adjusted, struct points_result *out);

/* The form of a manual adjustment (point_adjustments): the deputy (run-time choices), the year,
 * the points (may be negative, one decimal, not 0), the date, the reason and the approver (both
 * required). */
enum adj_field { ADJ_DEPUTY, ADJ_YEAR, ADJ_POINTS, ADJ_DATE, ADJ_REASON, ADJ_APPROVER, ADJ_NFIELDS };
extern const struct record_def adj_def;

/* ---- 述职评议: a deputy's annual report to residents, and how they rated it ---- */

/* Field indexes into evaluation values (the deputy is chosen apart, by id). */
enum eval_field {
	EV_DATE,         /* 日期: required */
	EV_PARTICIPANTS, /* 参评人数: required, 1.. */
	EV_SATISFIED,    /* 满意 */
	EV_BASIC,        /* 基本满意 */
	EV_DISSATISFIED, /* 不满意 */
	EV_NOTE,         /* 备注 */
	EV_NFIELDS
};
extern const struct record_def eval_def;

/* The three votes must add up to the number evaluated: NULL, or a message saying by how much
 * they miss (interned). */
const char *eval_check_counts(long long participants, long long satisfied, long long basic, long long dissatisfied);
/* 满意率 = (满意 + 基本满意) / 参评人数, as "95.5%" (one decimal) into buf (EVAL_RATE_BYTES), or "-" when
 * nobody took part. */
#define EVAL_RATE_BYTES 32
const char *eval_rate_text(long long participants, long long satisfied, long long basic, char *buf);

#endif
