/* 五环五时 (docs/CASES.md): the five rings' due dates in core across the 中秋/国庆 holidays, a
 * weekend and the 调休 working Saturday; state transitions and refusals; the period figures of
 * db_cases_rings on a hand-worked data set (and their agreement with the core, case by case);
 * the home screen's 交办/回访 lists under a fixed today, and their plans (no scan of cases). */
#include "t.h"
#include "tdb.h"

#include "core/calendar.h"
#include "core/case.h"
#include "core/caseflow.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/util.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/migrate.h"
#include "db/units.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

/* 2026: 中秋 09-25..27, 国庆 10-01..07, 调休 working Sunday 09-20 and Saturday 10-10. */
static const char cal_text[] = "2026-09-20 work 国庆节调休\n2026-09-25 off 中秋节\n2026-09-26 off 中秋节\n"
			       "2026-09-27 off 中秋节\n2026-10-01 off 国庆节\n2026-10-02 off 国庆节\n"
			       "2026-10-03 off 国庆节\n2026-10-04 off 国庆节\n2026-10-05 off 国庆节\n"
			       "2026-10-06 off 国庆节\n2026-10-07 off 国庆节\n2026-10-10 work 国庆节调休\n";

static struct calendar *cal;
static const struct ring_limits lim = { .assign_days = 3, .followup_days = 5 };

/* ---- core ---- */

TEST(t_config_defaults)
{
	struct cfg c;
	cfg_defaults(&c);
	CHECK_INT(c.assign_days, 3);
	CHECK_INT(c.followup_days, 5);
	cfg_free(&c);
}

/* Apply an action to a state that must succeed. */
static void apply_ok(struct case_state *s, struct case_action a, int line)
{
	struct refusal why = { 0 };
	char *notice = NULL;
	if (caseflow_apply(s, &a, cal, 15, "2026-12-31", s, &why, &notice) < 0) {
		fprintf(stderr, "  %s:%d: %s refused: %s\n", __FILE__, line, caseflow_event_label(a.event), why.msg);
		t_failed_checks++;
	}
	refusal_clear(&why);
	free(notice);
}
#define APPLY(s, ...) apply_ok((s), (struct case_action){ __VA_ARGS__ }, __LINE__)

#define CHECK_RING(s, visit, r, want_due, want_done)                                                                   \
	do {                                                                                                           \
		char t_due[11], t_done[11];                                                                            \
		CHECK(caseflow_ring(cal, &lim, (s), (visit), (r), t_due, t_done));                                     \
		CHECK_STR(t_due, (want_due));                                                                          \
		CHECK_STR(t_done, (want_done));                                                                        \
	} while (0)

static struct case_state received(const char *date)
{
	struct case_state s = { .status = CS_RECEIVED, .last_event = CE_RECEIVE };
	snprintf(s.received, sizeof s.received, "%s", date);
	snprintf(s.last, sizeof s.last, "%s", date);
	return s;
}

TEST(t_ring_due_dates)
{
	char due[11], done[11];
	/* 交办: 3 working days after 受理, the day itself not counted. Across 国庆: 09-29 (Tue) ->
	 * 09-30, 10-08, 10-09. */
	struct case_state s = received("2026-09-29");
	CHECK_RING(&s, "", RING_ASSIGN, "2026-10-09", "");
	/* The 调休 working Saturday counts: 09-30 -> 10-08, 10-09, 10-10 (Sat). */
	s = received("2026-09-30");
	CHECK_RING(&s, "", RING_ASSIGN, "2026-10-10", "");
	/* Over a weekend: 11-06 (Fri) -> 11-09, 11-10, 11-11. */
	s = received("2026-11-06");
	CHECK_RING(&s, "", RING_ASSIGN, "2026-11-11", "");
	/* 受理: due the visit's date; without a visit, the received date itself. */
	CHECK_RING(&s, "2026-11-05", RING_RECEIVE, "2026-11-05", "2026-11-06");
	CHECK_RING(&s, NULL, RING_RECEIVE, "2026-11-06", "2026-11-06");
	/* Nothing to reply to or call back yet. */
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_HANDLE, due, done));
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_REPLY, due, done));
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_FOLLOWUP, due, done));

	/* 交办 on 09-21 with 3 days: due 09-24; 延期 to 10-09 moves 办理, not 答复 (promised). */
	s = received("2026-09-21");
	APPLY(&s, .event = CE_ASSIGN, .date = "2026-09-21", .unit_id = 1, .workdays = 3);
	CHECK_STR(s.due, "2026-09-24");
	CHECK_STR(s.promised, "2026-09-24");
	CHECK_RING(&s, "", RING_ASSIGN, "2026-09-24", "2026-09-21");
	APPLY(&s, .event = CE_EXTEND, .date = "2026-09-22", .due = "2026-10-09", .note = "需要现场勘查");
	CHECK_RING(&s, "", RING_HANDLE, "2026-10-09", "");
	CHECK_RING(&s, "", RING_REPLY, "2026-09-24", "");
	/* A refused 回访 (not replied yet) changes nothing. */
	struct case_state before = s;
	struct refusal why = { 0 };
	struct case_action fu = {
		.event = CE_FOLLOWUP, .date = "2026-09-23", .satisfaction = CASE_SAT_SATISFIED, .how = "电话"
	};
	CHECK_INT(caseflow_apply(&s, &fu, cal, 15, "2026-12-31", &s, &why, NULL), -1);
	refusal_clear(&why);
	CHECK(!memcmp(&before, &s, sizeof s));
	/* Reply 09-24 (Thu): 回访 due 5 working days later across 中秋 and 国庆: 09-28, 29, 30,
	 * 10-08, 10-09. */
	APPLY(&s, .event = CE_REPLY, .date = "2026-09-24", .content = "已修复", .result = 'A');
	CHECK_RING(&s, "", RING_HANDLE, "2026-10-09", "2026-09-24");
	CHECK_RING(&s, "", RING_REPLY, "2026-09-24", "2026-09-24");
	CHECK_RING(&s, "", RING_FOLLOWUP, "2026-10-09", "");
	APPLY(&s, .event = CE_FOLLOWUP, .date = "2026-10-10", .satisfaction = CASE_SAT_UNSATISFIED, .how = "电话");
	CHECK_RING(&s, "", RING_FOLLOWUP, "2026-10-09", "2026-10-10");
	/* 重办: a new round, handled again; promised and due from the 重办 date; not replied yet. */
	APPLY(&s, .event = CE_REDO, .date = "2026-10-12", .workdays = 2);
	CHECK_STR(s.promised, "2026-10-14");
	CHECK_RING(&s, "", RING_HANDLE, "2026-10-14", "");
	CHECK_RING(&s, "", RING_REPLY, "2026-10-14", "");

	/* 退回 clears the 办理 and 答复 rings; the 交办 ring is open again. */
	s = received("2026-11-02");
	APPLY(&s, .event = CE_ASSIGN, .date = "2026-11-02", .unit_id = 1);
	APPLY(&s, .event = CE_RETURN, .date = "2026-11-03", .note = "不属于本单位职责");
	CHECK_STR(s.promised, "");
	CHECK_RING(&s, "", RING_ASSIGN, "2026-11-05", "");
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_HANDLE, due, done));
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_REPLY, due, done));

	/* 当场答复: no 交办, 办理 or 答复 ring; its 回访 is the same day. */
	s = received("2026-11-02");
	APPLY(&s, .event = CE_SPOT_REPLY, .date = "2026-11-02", .content = "当场解释政策",
	      .satisfaction = CASE_SAT_SATISFIED);
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_ASSIGN, due, done));
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_HANDLE, due, done));
	CHECK(!caseflow_ring(cal, &lim, &s, "", RING_REPLY, due, done));
	CHECK_RING(&s, "", RING_FOLLOWUP, "2026-11-09", "2026-11-02");
}

TEST(t_ring_bucket)
{
	CHECK_INT(caseflow_ring_bucket("2026-10-09", "2026-10-09", "2026-10-31"), RING_ON_TIME);
	CHECK_INT(caseflow_ring_bucket("2026-10-09", "2026-10-12", "2026-10-31"), RING_LATE);
	/* Done after the period's end: open and overdue at the end. */
	CHECK_INT(caseflow_ring_bucket("2026-10-09", "2026-11-02", "2026-10-31"), RING_OVERDUE);
	CHECK_INT(caseflow_ring_bucket("2026-10-09", "", "2026-10-31"), RING_OVERDUE);
	/* Due on the last day, or later: not late yet. */
	CHECK_INT(caseflow_ring_bucket("2026-10-31", "", "2026-10-31"), RING_PENDING);
	CHECK_INT(caseflow_ring_bucket("2026-11-02", NULL, "2026-10-31"), RING_PENDING);
	CHECK_INT(caseflow_ring_bucket("2026-11-02", "2026-10-30", "2026-10-31"), RING_ON_TIME);
}

/* The bounds of the home lists and of the period queries against the ring due date computed
 * day by day, for every start date around the holidays. */
TEST(t_ring_bounds_brute)
{
	static const int ns[] = { 1, 3, 5 }, soons[] = { 0, 1, 3 };
	char today[11], start[11], due[11], over[11], soon[11], lo[11], hi[11], to[11];
	int bad = 0;
	for (int t = 0; t < 60; t++) {
		date_add_days("2026-09-15", t, today);
		for (size_t i = 0; i < ARRAY_LEN(ns); i++)
			for (size_t k = 0; k < ARRAY_LEN(soons); k++) {
				caseflow_ring_bounds(cal, ns[i], today, soons[k], over, soon);
				date_add_days(today, 7 * (int)k + 6, to);
				caseflow_ring_starts(cal, ns[i], today, to, lo, hi);
				for (int d = -40; d <= 10; d++) {
					date_add_days(today, d, start);
					calendar_add_workdays(cal, start, ns[i], due);
					enum calendar_due st = calendar_due_state(cal, today, due, soons[k]);
					bool is_over = strcmp(start, over) < 0;
					bool is_soon = !is_over && strcmp(start, soon) < 0;
					bool in = strcmp(start, lo) >= 0 && strcmp(start, hi) < 0;
					bool want_in = strcmp(due, today) >= 0 && strcmp(due, to) <= 0;
					if (is_over != (st == CALENDAR_DUE_OVER) ||
					    is_soon != (st == CALENDAR_DUE_SOON) || in != want_in) {
						if (bad++ < 5)
							fprintf(stderr, "  today %s n %d soon %d start %s due %s\n",
								today, ns[i], soons[k], start, due);
					}
				}
			}
	}
	CHECK_INT(bad, 0);
}

TEST(t_ring_walk)
{
	struct ring_walk w;
	struct ring_mark m;
	caseflow_ring_walk_init(&w, cal, &lim, "2026-09-28");
	/* Received a day after the visit: 受理 late by 1 working day. */
	m = caseflow_ring_step(&w, CE_RECEIVE, "2026-09-29", "");
	CHECK_INT(m.ring, RING_RECEIVE);
	CHECK_INT(m.days, 1);
	/* 交办 due 10-09; done 10-13: 10-10 (Sat, 调休), 10-12, 10-13 -> 3 days late. */
	m = caseflow_ring_step(&w, CE_ASSIGN, "2026-10-13", "2026-10-16");
	CHECK_INT(m.ring, RING_ASSIGN);
	CHECK_INT(m.days, 3);
	CHECK_INT(caseflow_ring_step(&w, CE_URGE, "2026-10-15", "").ring, -1);
	CHECK_INT(caseflow_ring_step(&w, CE_EXTEND, "2026-10-15", "2026-10-23").ring, -1);
	/* Within the extended limit but after the promised one: the 答复 ring is late. */
	m = caseflow_ring_step(&w, CE_REPLY, "2026-10-20", "");
	CHECK_INT(m.ring, RING_REPLY);
	CHECK_INT(m.days, 2);
	/* 回访 due 5 days after 10-20 = 10-27; on 10-27: on time. */
	CHECK_INT(caseflow_ring_step(&w, CE_FOLLOWUP, "2026-10-27", "").ring, -1);
	/* 重办 with a new limit; the reply after it: past the limit in force, a late 办理 ring. */
	CHECK_INT(caseflow_ring_step(&w, CE_REDO, "2026-10-28", "2026-10-30").ring, -1);
	m = caseflow_ring_step(&w, CE_REPLY, "2026-11-03", "");
	CHECK_INT(m.ring, RING_HANDLE);
	CHECK_INT(m.days, 2);
	/* 回访 due 11-10; on 11-11: late by 1. */
	m = caseflow_ring_step(&w, CE_FOLLOWUP, "2026-11-11", "");
	CHECK_INT(m.ring, RING_FOLLOWUP);
	CHECK_INT(m.days, 1);
	CHECK_INT(caseflow_ring_step(&w, CE_CLOSE, "2026-11-12", "").ring, -1);
	/* A case raised without a visit: its 受理 is never late. */
	caseflow_ring_walk_init(&w, cal, &lim, NULL);
	CHECK_INT(caseflow_ring_step(&w, CE_RECEIVE, "2026-09-29", "").ring, -1);
}

/* ---- db ---- */

static int64_t unit;

static int64_t new_case(const char *date, const char *summary, int64_t visit_id)
{
	char **v = record_new_values(case_record(), date);
	str_set(&v[CASEF_CATEGORY], "道路交通");
	str_set(&v[CASEF_SUMMARY], summary);
	struct case_links l = { .visit_id = visit_id };
	int64_t id = 0;
	char *err = NULL;
	if (db_cases_create(db, "CG01", v, &l, "2026-12-31", &id, NULL, &err) < 0) {
		fprintf(stderr, "  create %s: %s\n", summary, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(case_record(), v);
	return id;
}

static void act_ok(int64_t id, struct case_action a, int line)
{
	struct refusal why = { 0 };
	if (db_cases_act(db, id, &a, cal, 15, "2026-12-31", NULL, &why) < 0) {
		fprintf(stderr, "  %s:%d: %s refused: %s\n", __FILE__, line, caseflow_event_label(a.event), why.msg);
		t_failed_checks++;
	}
	refusal_clear(&why);
}
#define ACT(id, ...) act_ok((id), (struct case_action){ __VA_ARGS__ }, __LINE__)

static int plan_line(void *ud, const char *line)
{
	sb_addf(ud, "%s\n", line);
	return 0;
}

/* The cases of the hand-worked figures in docs/CASES.md's example (see each line). */
static int64_t c_a, c_b, c_c, c_d, c_f, c_g, c_h, c_i, c_j;

static void rings_data(void)
{
	char *err = NULL;
	CHECK_INT(db_units_find(db, "县交通运输局", &unit, &err), 0);
	free(err);
	CHECK(unit > 0);
	/* A: 交办 on time (due 10-09), replied on time (due 10-15), called back a day late (due 10-22). */
	c_a = new_case("2026-09-29", "甲", 0);
	ACT(c_a, .event = CE_ASSIGN, .date = "2026-10-09", .unit_id = unit, .workdays = 5);
	ACT(c_a, .event = CE_REPLY, .date = "2026-10-15", .content = "已修复", .result = 'A');
	ACT(c_a, .event = CE_FOLLOWUP, .date = "2026-10-23", .satisfaction = CASE_SAT_SATISFIED, .how = "电话");
	/* B: 交办 due 10-10 (the 调休 Saturday), done 10-12; promised 10-15, extended to 10-23, replied
	 * 10-20 (办理 on time, 答复 late); 回访 due 10-27, not done. */
	c_b = new_case("2026-09-30", "乙", 0);
	ACT(c_b, .event = CE_ASSIGN, .date = "2026-10-12", .unit_id = unit, .workdays = 3);
	ACT(c_b, .event = CE_EXTEND, .date = "2026-10-14", .due = "2026-10-23", .note = "需要协调");
	ACT(c_b, .event = CE_REPLY, .date = "2026-10-20", .content = "已协调", .result = 'B');
	/* C: received 10-26, never assigned (交办 due 10-29). D: received 10-29 (交办 due 11-03). */
	c_c = new_case("2026-10-26", "丙", 0);
	c_d = new_case("2026-10-29", "丁", 0);
	/* F: answered on the spot on 10-09. */
	c_f = new_case("2026-10-09", "戊", 0);
	ACT(c_f, .event = CE_SPOT_REPLY, .date = "2026-10-09", .content = "当场解释", .satisfaction = CASE_SAT_BASIC);
	/* G: from a visit on 10-12, received 10-13 (受理 late); 交办 due 10-16, not done. */
	CHECK_INT(db_exec(db,
			  "INSERT INTO visits (date, channel, visitor_name, content) VALUES ('2026-10-12', '日常来访',"
			  " '王五', '路灯不亮')",
			  NULL),
		  0);
	c_g = new_case("2026-10-13", "己", sqlite3_last_insert_rowid(db_handle(db)));
	/* H: assigned the day it came (due 10-12), replied 10-12, called back 10-19 unsatisfied,
	 * redone 10-20 for 5 days (due 10-27), not replied again. */
	c_h = new_case("2026-10-08", "庚", 0);
	ACT(c_h, .event = CE_ASSIGN, .date = "2026-10-08", .unit_id = unit, .workdays = 3);
	ACT(c_h, .event = CE_REPLY, .date = "2026-10-12", .content = "已答复", .result = 'A');
	ACT(c_h, .event = CE_FOLLOWUP, .date = "2026-10-19", .satisfaction = CASE_SAT_UNSATISFIED, .how = "上门");
	ACT(c_h, .event = CE_REDO, .date = "2026-10-20", .workdays = 5);
	/* I: assigned 10-15, returned 10-16: waiting for 交办 again (due 10-19). */
	c_i = new_case("2026-10-14", "辛", 0);
	ACT(c_i, .event = CE_ASSIGN, .date = "2026-10-15", .unit_id = unit);
	ACT(c_i, .event = CE_RETURN, .date = "2026-10-16", .note = "不属于本单位职责");
	/* J: 交办 on time (due 10-23), 15 days (due 11-11), replied 10-27: 回访 due 11-03. */
	c_j = new_case("2026-10-20", "壬", 0);
	ACT(c_j, .event = CE_ASSIGN, .date = "2026-10-21", .unit_id = unit);
	ACT(c_j, .event = CE_REPLY, .date = "2026-10-27", .content = "已处理", .result = 'A');
}

#define CHECK_FIG(rings, r, d, on, lt, ov, pe)                                                                         \
	do {                                                                                                           \
		const struct case_ring_figures *t_f = &(rings).ring[r];                                                \
		if (t_f->due != (d) || t_f->on_time != (on) || t_f->late != (lt) || t_f->overdue != (ov) ||            \
		    t_f->pending != (pe)) {                                                                            \
			fprintf(stderr,                                                                                \
				"  %s:%d: %s: due %lld on %lld late %lld overdue %lld pending %lld, expected %d %d "   \
				"%d "                                                                                  \
				"%d %d\n",                                                                             \
				__FILE__, __LINE__, caseflow_ring_label(r), (long long)t_f->due,                       \
				(long long)t_f->on_time, (long long)t_f->late, (long long)t_f->overdue,                \
				(long long)t_f->pending, d, on, lt, ov, pe);                                           \
			t_failed_checks++;                                                                             \
		}                                                                                                      \
	} while (0)

/* The same figures from the core, case by case (db_cases_get + caseflow_ring + bucket). */
static void rings_by_core(const char *from, const char *to, const char *today, struct case_rings *out)
{
	const int64_t ids[] = { c_a, c_b, c_c, c_d, c_f, c_g, c_h, c_i, c_j };
	char asof[11], due[11], done[11];
	snprintf(asof, sizeof asof, "%s", strcmp(to, today) < 0 ? to : today);
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		struct case_info ci;
		char *err = NULL;
		CHECK_INT(db_cases_get(db, ids[i], &ci, &err), 0);
		free(err);
		for (int r = 0; r < RING_COUNT; r++) {
			if (!caseflow_ring(cal, &lim, &ci.st, ci.visit_date, r, due, done) || strcmp(due, from) < 0 ||
			    strcmp(due, to) > 0)
				continue;
			struct case_ring_figures *f = &out->ring[r];
			f->due++;
			enum ring_bucket b = caseflow_ring_bucket(due, done, asof);
			f->on_time += b == RING_ON_TIME;
			f->late += b == RING_LATE;
			f->overdue += b == RING_OVERDUE;
			f->pending += b == RING_PENDING;
		}
		case_info_free(&ci);
	}
}

static void check_agree(const char *from, const char *to, const char *today, const struct case_rings *got)
{
	struct case_rings want;
	rings_by_core(from, to, today, &want);
	for (int r = 0; r < RING_COUNT; r++)
		CHECK_FIG(*got, r, (int)want.ring[r].due, (int)want.ring[r].on_time, (int)want.ring[r].late,
			  (int)want.ring[r].overdue, (int)want.ring[r].pending);
}

TEST(t_rings_db)
{
	tdb_open("rings");
	rings_data();
	struct case_rings r;
	char *err = NULL;

	/* October, seen at the end of the year: as of 10-31. */
	CHECK_INT(db_cases_rings(db, cal, &lim, "2026-10-01", "2026-10-31", "2026-12-31", &r, &err), 0);
	CHECK_FIG(r, RING_RECEIVE, 7, 6, 1, 0, 0);  /* C D F G(late) H I J; A, B came in September */
	CHECK_FIG(r, RING_ASSIGN, 7, 3, 1, 3, 0);   /* A H J on time, B late, C G I overdue */
	CHECK_FIG(r, RING_HANDLE, 3, 2, 0, 1, 0);   /* A B on time, H redone and overdue */
	CHECK_FIG(r, RING_REPLY, 3, 1, 1, 1, 0);    /* A on time, B extended (late), H overdue */
	CHECK_FIG(r, RING_FOLLOWUP, 4, 2, 1, 1, 0); /* F H on time, A late, B overdue */
	CHECK(r.ring[RING_RECEIVE].rate > 85.71 && r.ring[RING_RECEIVE].rate < 85.72);
	CHECK(r.ring[RING_ASSIGN].rate > 42.85 && r.ring[RING_ASSIGN].rate < 42.86);
	CHECK(r.ring[RING_FOLLOWUP].rate > 49.99 && r.ring[RING_FOLLOWUP].rate < 50.01);
	check_agree("2026-10-01", "2026-10-31", "2026-12-31", &r);

	/* The fourth quarter seen on 10-28: what is due later is pending, not late. */
	CHECK_INT(db_cases_rings(db, cal, &lim, "2026-10-01", "2026-12-31", "2026-10-28", &r, &err), 0);
	CHECK_FIG(r, RING_ASSIGN, 8, 3, 1, 2, 2); /* C (due 10-29) and D (11-03) pending */
	CHECK_FIG(r, RING_HANDLE, 4, 3, 0, 1, 0); /* J replied before its 11-11 */
	CHECK_FIG(r, RING_REPLY, 4, 2, 1, 1, 0);
	CHECK_FIG(r, RING_FOLLOWUP, 5, 2, 1, 1, 1); /* J's 回访 due 11-03 */
	check_agree("2026-10-01", "2026-12-31", "2026-10-28", &r);

	/* A period that ended before a ring was done: open at its end, whatever came later. B's 交办
	 * was due 10-10, the last day: pending then; C..J are later. */
	CHECK_INT(db_cases_rings(db, cal, &lim, "2026-10-01", "2026-10-10", "2026-12-31", &r, &err), 0);
	CHECK_FIG(r, RING_ASSIGN, 2, 1, 0, 0, 1);
	check_agree("2026-10-01", "2026-10-10", "2026-12-31", &r);
	CHECK_INT(db_cases_rings(db, cal, &lim, "2026-10-01", "2026-10-12", "2026-12-31", &r, &err), 0);
	CHECK_FIG(r, RING_ASSIGN, 3, 2, 1, 0, 0); /* + H (due 10-12, assigned 10-08); B done 10-12 */

	/* A refused action writes nothing and changes no figure. */
	struct refusal why = { 0 };
	struct case_action fu = {
		.event = CE_FOLLOWUP, .date = "2026-10-30", .satisfaction = CASE_SAT_SATISFIED, .how = "电话"
	};
	CHECK_INT(db_cases_act(db, c_c, &fu, cal, 15, "2026-12-31", NULL, &why), -1);
	refusal_clear(&why);
	CHECK_INT(db_cases_rings(db, cal, &lim, "2026-10-01", "2026-10-31", "2026-12-31", &r, &err), 0);
	CHECK_FIG(r, RING_ASSIGN, 7, 3, 1, 3, 0);
	CHECK_FIG(r, RING_FOLLOWUP, 4, 2, 1, 1, 0);

	/* No ring due in the period: rates are -1, not 0. */
	CHECK_INT(db_cases_rings(db, cal, &lim, "2025-01-01", "2025-03-31", "2026-12-31", &r, &err), 0);
	for (int k = 0; k < RING_COUNT; k++)
		CHECK(r.ring[k].due == 0 && r.ring[k].rate < 0);
	/* Each ring reads a range of an index, never every case. */
	struct strbuf sb;
	sb_init(&sb);
	CHECK_INT(db_cases_rings_explain(db, plan_line, &sb, &err), 0);
	static const char *const want[] = {
		"受理: SEARCH cases USING INDEX cases_received_cover (received_date>? AND received_date<?)",
		"受理: SEARCH v USING COVERING INDEX visits_date (date>? AND date<?)",
		"交办: SEARCH cases USING INDEX cases_received_cover (received_date>? AND received_date<?)",
		"办理: SEARCH cases USING INDEX cases_status_due (status=? AND due_date>? AND due_date<?)",
		"答复: SEARCH cases USING INDEX cases_promised_date (promised_date>? AND promised_date<?)",
		"回访: SEARCH cases USING INDEX cases_reply_date (reply_date>? AND reply_date<?)",
	};
	bool plan_ok = sb.buf && !strstr(sb.buf, "SCAN");
	for (size_t i = 0; i < ARRAY_LEN(want); i++)
		plan_ok = plan_ok && strstr(sb.buf, want[i]);
	CHECK(plan_ok);
	if (!plan_ok)
		fprintf(stderr, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
	CHECK_INT(db_cases_rings(db, cal, &lim, "2026-13-01", "2026-12-31", NULL, &r, &err), -1);
	CHECK(err && strstr(err, "统计期间有误"));
	free(err);
	tdb_close();
}

/* The promised date is stored: 交办 sets it, 延期 keeps it, 退回 clears it. */
TEST(t_promised_stored)
{
	tdb_open("rings-promised");
	rings_data();
	struct case_info ci;
	CHECK_INT(db_cases_get(db, c_b, &ci, NULL), 0);
	CHECK_STR(ci.st.due, "2026-10-23");
	CHECK_STR(ci.st.promised, "2026-10-15");
	case_info_free(&ci);
	CHECK_INT(db_cases_get(db, c_i, &ci, NULL), 0);
	CHECK_STR(ci.st.promised, "");
	case_info_free(&ci);
	CHECK_INT(db_cases_get(db, c_g, &ci, NULL), 0);
	CHECK_STR(ci.visit_date, "2026-10-12");
	case_info_free(&ci);
	/* A, B, H (redone: its new limit) and J have one; C, D, G were never assigned, F answered on
	 * the spot, I returned. */
	CHECK_INT(q_int("SELECT count(*) FROM cases WHERE promised_date IS NOT NULL"), 4);
	CHECK_INT(q_int("SELECT count(*) FROM cases WHERE promised_date = '2026-10-27'"), 1);
	tdb_close();
}

/* Upgrading a file from before 0014 fills promised_date from each case's timeline: the due date
 * of its last 交办 or 重办 (a later 延期 does not count); none for a case returned to 受理. */
TEST(t_promised_migrated)
{
	char *err = NULL;
	tdb_dir = xasprintf("%s/station-test-rings-mig-XXXXXX",
			    getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(tdb_dir) != NULL);
	char *path = xasprintf("%s/station.db", tdb_dir);
	CHECK_INT(db_open(path, DB_OPEN_CREATE | DB_OPEN_NO_MIGRATE, &db, &err), 0);
	CHECK_INT(db_migrate_to(db, 12, &err), 0);
	CHECK_INT(
		db_exec(db,
			"INSERT INTO cases (id, case_no, summary, received_date, status, unit_id, assigned_date,"
			" due_date, extensions, redo_count) VALUES"
			" (1, 'CG01-2026-0001', '延期的', '2026-10-08', '办理中', 1, '2026-10-08', '2026-10-23', 1, 0),"
			" (2, 'CG01-2026-0002', '重办的', '2026-10-08', '办理中', 1, '2026-10-08', '2026-10-30', 0, 1),"
			" (3, 'CG01-2026-0003', '退回的', '2026-10-08', '受理', NULL, NULL, NULL, 0, 0);"
			"INSERT INTO case_events (case_id, at, date, type, status_after, due_date) VALUES"
			" (1, '2026-10-08 09:00', '2026-10-08', '受理', '受理', NULL),"
			" (1, '2026-10-08 09:10', '2026-10-08', '交办', '办理中', '2026-10-15'),"
			" (1, '2026-10-12 09:00', '2026-10-12', '延期', '办理中', '2026-10-23'),"
			" (2, '2026-10-08 09:10', '2026-10-08', '交办', '办理中', '2026-10-15'),"
			" (2, '2026-10-20 09:00', '2026-10-20', '重办', '办理中', '2026-10-30'),"
			" (3, '2026-10-08 09:10', '2026-10-08', '交办', '办理中', '2026-10-15'),"
			" (3, '2026-10-09 09:10', '2026-10-09', '退回', '受理', NULL);",
			&err),
		0);
	if (err)
		fprintf(stderr, "  %s\n", err);
	db_close(db);
	CHECK_INT(db_open(path, DB_OPEN_EXCLUSIVE, &db, &err), 0);
	CHECK_INT(db_user_version(db), db_schema_version());
	struct case_info ci;
	static const char *const want[] = { "2026-10-15", "2026-10-30", "" };
	for (int i = 0; i < 3; i++) {
		CHECK_INT(db_cases_get(db, i + 1, &ci, &err), 0);
		CHECK_STR(ci.st.promised, want[i]);
		case_info_free(&ci);
	}
	free(path);
	free(err);
	tdb_close();
}

struct listed {
	struct strbuf sb;
};

static int list_row(void *ud, const struct case_row *r)
{
	struct listed *l = ud;
	sb_addf(&l->sb, "%s %s %s %d;", r->summary, r->ring_due,
		r->due == CALENDAR_DUE_OVER           ? "超期"
			: r->due == CALENDAR_DUE_SOON ? "临期"
						      : "-",
		r->days);
	return 0;
}

static char *list(enum case_ring ring, int days, const char *today, bool overdue)
{
	struct listed l;
	char *err = NULL;
	sb_init(&l.sb);
	sb_add(&l.sb, "");
	CHECK_INT(db_cases_ring_todo(db, cal, ring, days, today, 3, overdue, -1, list_row, &l, &err), 0);
	free(err);
	return sb_take(&l.sb);
}

#define CHECK_LIST(ring, days, today, overdue, want)                                                                   \
	do {                                                                                                           \
		char *t_l = list((ring), (days), (today), (overdue));                                                  \
		CHECK_STR(t_l, (want));                                                                                \
		free(t_l);                                                                                             \
	} while (0)

TEST(t_ring_todo_db)
{
	tdb_open("rings-todo");
	rings_data();
	int64_t over = 0, soon = 0;
	char *err = NULL;
	/* Monday 11-02: G (due 10-16), I (10-19), C (10-29) wait too long for 交办; D (due 11-03) is
	 * 临期. 11 working days after 10-16 to 11-02: 10-19..23, 10-26..30, 11-02. */
	CHECK_LIST(RING_ASSIGN, 3, "2026-11-02", true,
		   "己 2026-10-16 超期 11;辛 2026-10-19 超期 10;丙 2026-10-29 超期 2;");
	CHECK_LIST(RING_ASSIGN, 3, "2026-11-02", false, "丁 2026-11-03 临期 1;");
	CHECK_INT(db_cases_ring_todo_counts(db, cal, RING_ASSIGN, 3, "2026-11-02", 3, &over, &soon, &err), 0);
	CHECK_INT(over, 3);
	CHECK_INT(soon, 1);
	/* 回访: B (reply 10-20, due 10-27) overdue by 4; J (reply 10-27, due 11-03) 临期. A was called
	 * back, H is being handled again, F was answered on the spot. */
	CHECK_LIST(RING_FOLLOWUP, 5, "2026-11-02", true, "乙 2026-10-27 超期 4;");
	CHECK_LIST(RING_FOLLOWUP, 5, "2026-11-02", false, "壬 2026-11-03 临期 1;");
	CHECK_INT(db_cases_ring_todo_counts(db, cal, RING_FOLLOWUP, 5, "2026-11-02", 3, &over, &soon, &err), 0);
	CHECK_INT(over, 1);
	CHECK_INT(soon, 1);
	/* The day before J's due date it is still 临期; on 10-27 B is due today (临期, 0 left). */
	CHECK_LIST(RING_FOLLOWUP, 5, "2026-10-27", false, "乙 2026-10-27 临期 0;");
	CHECK_LIST(RING_FOLLOWUP, 5, "2026-10-27", true, "");
	/* Another limit moves them: with 10 days B is 临期 on 11-02 (due 11-03). */
	CHECK_LIST(RING_FOLLOWUP, 10, "2026-11-02", true, "");
	/* 0 临期 days: no 临期 list. */
	CHECK_INT(db_cases_ring_todo_counts(db, cal, RING_FOLLOWUP, 5, "2026-11-02", 0, &over, &soon, &err), 0);
	CHECK_INT(over, 1);
	CHECK_INT(soon, 0);
	/* Only the two rings with a list. */
	CHECK_INT(db_cases_ring_todo(db, cal, RING_HANDLE, 3, "2026-11-02", 3, true, -1, list_row, NULL, &err), -1);
	free(err);
	err = NULL;

	/* Every list is a search of its partial index, never a scan of cases. */
	struct strbuf sb;
	sb_init(&sb);
	CHECK_INT(db_cases_ring_explain(db, cal, &lim, "2026-11-02", plan_line, &sb, &err), 0);
	CHECK(sb.buf &&
	      strstr(sb.buf, "交办超期: SEARCH c USING INDEX cases_wait_assign (status=? AND received_date<?)"));
	CHECK(sb.buf &&
	      strstr(sb.buf,
		     "交办临期: SEARCH c USING INDEX cases_wait_assign (status=? AND received_date>? "
		     "AND received_date<?)"));
	CHECK(sb.buf &&
	      strstr(sb.buf,
		     "回访超期: SEARCH c USING INDEX cases_wait_followup (status=? AND "
		     "satisfaction=? AND reply_date<?)"));
	CHECK(sb.buf &&
	      strstr(sb.buf,
		     "回访临期: SEARCH c USING INDEX cases_wait_followup (status=? AND "
		     "satisfaction=? AND reply_date>? AND reply_date<?)"));
	/* In the lists' order already: no sort of the matching cases. */
	CHECK(sb.buf && !strstr(sb.buf, "SCAN c") && !strstr(sb.buf, "TEMP B-TREE"));
	if (sb.buf && (strstr(sb.buf, "SCAN c") || strstr(sb.buf, "TEMP B-TREE")))
		fprintf(stderr, "%s", sb.buf);
	sb_free(&sb);
	tdb_close();
}

int main(void)
{
	char *err = NULL;
	setenv("STATION_TODAY", "2026-12-31", 1);
	cal = calendar_from_text(cal_text, &err);
	if (!cal) {
		fprintf(stderr, "calendar: %s\n", err);
		return 1;
	}
	RUN(t_config_defaults);
	RUN(t_ring_due_dates);
	RUN(t_ring_bucket);
	RUN(t_ring_bounds_brute);
	RUN(t_ring_walk);
	RUN(t_rings_db);
	RUN(t_promised_stored);
	RUN(t_promised_migrated);
	RUN(t_ring_todo_db);
	calendar_free(cal);
	return t_done();
}
