/* Reception days: the rule's dates across months (February, the 31st, a leap year), moved off
 * holidays by the real 2026 calendar or kept, the weekday rule, the 公示 date and its lateness;
 * then in SQL: generating a year (idempotent, all or none), duty deputies, cancel, delete,
 * lists by year and month, and the home screen's today and next day; a day's held state (the
 * clerk's answer, visits), who came, generation from a start date with the rule date kept, and
 * the count of days held in a quarter. */
#include "t.h"
#include "tdb.h"

#include "core/calendar.h"
#include "core/config.h"
#include "core/deputy.h"
#include "core/reception.h"
#include "core/record.h"
#include "core/util.h"
#include "db/db.h"
#include "db/deputies.h"
#include "db/internal.h"
#include "db/reception.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static struct cfg cfg;
static struct calendar *cal;

static void setup_cfg(enum reception_rule rule, int day, bool keep)
{
	char *err = NULL;
	cfg_defaults(&cfg);
	cfg.reception_rule = rule;
	cfg.reception_day = day;
	cfg.reception_keep_holiday = keep;
	cal = calendar_new(&cfg, &err);
	if (!cal)
		die("calendar_new: %s", err);
}

static void teardown_cfg(void)
{
	calendar_free(cal);
	cal = NULL;
	cfg_free(&cfg);
}

/* A new empty station file. */
static void setup(void)
{
	tdb_open("reception");
	setup_cfg(RECEPTION_MONTHDAY, 15, false);
}

static void teardown(void)
{
	tdb_close();
	teardown_cfg();
}

static int64_t add_deputy(const char *name)
{
	char **v = record_new_values(&deputy_def, "2026-01-01");
	str_set(&v[DEP_NAME], name);
	str_set(&v[DEP_GENDER], "男");
	str_set(&v[DEP_LEVEL], "乡镇");
	int64_t id = 0;
	char *err = NULL;
	if (db_deputies_insert(db, v, &id, &err) < 0) {
		fprintf(stderr, "  insert %s: %s\n", name, err);
		t_failed_checks++;
	}
	free(err);
	record_free_values(&deputy_def, v);
	return id;
}

/* The dates of a year as "date,date,...", with "<rule_date" after a moved one. New string. */
static char *dates_text(int year, int *n_out)
{
	struct reception_date *d = NULL;
	int n = reception_dates(&cfg, cal, year, &d);
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	for (int i = 0; i < n; i++) {
		sb_addf(&sb, "%s%s", i ? "," : "", d[i].date);
		if (d[i].moved)
			sb_addf(&sb, "<%s", d[i].rule_date);
	}
	free(d);
	if (n_out)
		*n_out = n;
	return sb_take(&sb);
}

/* The reception date the rule gives in a month of a year (after moving). */
static char *date_in(int year, int month)
{
	struct reception_date *d = NULL;
	int n = reception_dates(&cfg, cal, year, &d);
	char prefix[8];
	snprintf(prefix, sizeof prefix, "%04d-%02d", year, month);
	char *out = NULL;
	for (int i = 0; i < n && !out; i++)
		if (str_starts(d[i].rule_date, prefix))
			out = xstrdup(d[i].date);
	free(d);
	return out ? out : xstrdup("");
}

#define CHECK_DATE_IN(year, month, want)                                                                               \
	do {                                                                                                           \
		char *t_d = date_in((year), (month));                                                                  \
		CHECK_STR(t_d, (want));                                                                                \
		free(t_d);                                                                                             \
	} while (0)

TEST(t_monthday_15)
{
	setup_cfg(RECEPTION_MONTHDAY, 15, false);
	int n = 0;
	char *s = dates_text(2026, &n);
	CHECK_INT(n, 12);
	/* 02-15 is 春节 (02-15..02-23 off) → 02-24; 03-15 a Sunday → 03-16; 08-15 a Saturday → 08-17;
	 * 11-15 a Sunday → 11-16. */
	CHECK_STR(s,
		  "2026-01-15,2026-02-24<2026-02-15,2026-03-16<2026-03-15,2026-04-15,2026-05-15,"
		  "2026-06-15,2026-07-15,2026-08-17<2026-08-15,2026-09-15,2026-10-15,"
		  "2026-11-16<2026-11-15,2026-12-15");
	free(s);
	teardown_cfg();
}

TEST(t_monthday_31_and_february)
{
	setup_cfg(RECEPTION_MONTHDAY, 31, false);
	/* Past the month's end means its last day: 2026-02-28 is a Saturday but a make-up workday
	 * (春节调休), so it stays. */
	CHECK_DATE_IN(2026, 2, "2026-02-28");
	CHECK_DATE_IN(2026, 4, "2026-04-30");
	CHECK_DATE_IN(2026, 1, "2026-02-02"); /* 01-31 is a Saturday: the next working day */
	CHECK_DATE_IN(2026, 5, "2026-06-01"); /* 05-31 a Sunday */
	CHECK_DATE_IN(2026, 12, "2026-12-31");
	/* A leap year (2028 not in the calendar: weekends only). */
	CHECK_DATE_IN(2028, 2, "2028-02-29");
	teardown_cfg();

	setup_cfg(RECEPTION_MONTHDAY, 30, true);
	CHECK_DATE_IN(2026, 2, "2026-02-28");
	CHECK_DATE_IN(2027, 2, "2027-02-28");
	CHECK_DATE_IN(2026, 5, "2026-05-30"); /* a Saturday, kept */
	teardown_cfg();

	char out[11];
	reception_month_date(2024, 2, 31, out);
	CHECK_STR(out, "2024-02-29");
	reception_month_date(2026, 13, 1, out);
	CHECK_STR(out, "");
}

TEST(t_monthday_1_holidays)
{
	setup_cfg(RECEPTION_MONTHDAY, 1, false);
	/* 国庆 10-01..10-07 off; 10-08 (Thursday) is a working day in the 2026 arrangement. */
	CHECK_DATE_IN(2026, 10, "2026-10-08");
	/* 元旦 01-01..01-03 off, 01-04 a Sunday made a workday (元旦调休). */
	CHECK_DATE_IN(2026, 1, "2026-01-04");
	CHECK_DATE_IN(2026, 5, "2026-05-06"); /* 劳动节 05-01..05-05 */
	CHECK_DATE_IN(2026, 2, "2026-02-02"); /* a Sunday */
	CHECK_DATE_IN(2026, 3, "2026-03-02"); /* a Sunday */
	CHECK_DATE_IN(2026, 7, "2026-07-01"); /* a Wednesday */
	teardown_cfg();

	/* keep_holiday: nothing moves. */
	setup_cfg(RECEPTION_MONTHDAY, 1, true);
	int n = 0;
	char *s = dates_text(2026, &n);
	CHECK_INT(n, 12);
	CHECK_STR(s,
		  "2026-01-01,2026-02-01,2026-03-01,2026-04-01,2026-05-01,2026-06-01,2026-07-01,"
		  "2026-08-01,2026-09-01,2026-10-01,2026-11-01,2026-12-01");
	free(s);
	teardown_cfg();

	/* No calendar: nothing moves either. */
	cfg_defaults(&cfg);
	cfg.reception_day = 1;
	struct reception_date *d = NULL;
	CHECK_INT(reception_dates(&cfg, NULL, 2026, &d), 12);
	if (d)
		CHECK_STR(d[9].date, "2026-10-01");
	free(d);
	/* A bad rule or year gives nothing. */
	cfg.reception_day = 0;
	CHECK_INT(reception_dates(&cfg, NULL, 2026, &d), 0);
	CHECK(d == NULL);
	cfg.reception_day = 15;
	CHECK_INT(reception_dates(&cfg, NULL, 1800, &d), 0);
	cfg_free(&cfg);
}

TEST(t_weekday)
{
	/* Every Wednesday of 2026: 52 of them, the first 01-07, the last 12-30. */
	setup_cfg(RECEPTION_WEEKDAY, 3, false);
	struct reception_date *d = NULL;
	int n = reception_dates(&cfg, cal, 2026, &d);
	CHECK_INT(n, 52);
	if (n == 52) {
		CHECK_STR(d[0].date, "2026-01-07");
		CHECK_STR(d[51].date, "2026-12-30");
	}
	int moved = 0;
	for (int i = 0; i < n; i++) {
		if (!strcmp(d[i].rule_date, "2026-02-18")) {
			CHECK_STR(d[i].date, "2026-02-24"); /* 春节: to the Tuesday after */
			CHECK(d[i].moved);
		}
		if (!strcmp(d[i].rule_date, "2026-10-07"))
			CHECK_STR(d[i].date, "2026-10-08");
		if (!strcmp(d[i].rule_date, "2026-09-30"))
			CHECK(!d[i].moved);
		moved += d[i].moved;
		if (i)
			CHECK(strcmp(d[i - 1].date, d[i].date) < 0);
	}
	CHECK_INT(moved, 2); /* 02-18 and 10-07 only */
	free(d);
	teardown_cfg();

	/* Every Sunday, kept: 52 Sundays, none moved. */
	setup_cfg(RECEPTION_WEEKDAY, 7, true);
	n = reception_dates(&cfg, cal, 2026, &d);
	CHECK_INT(n, 52);
	if (n)
		CHECK_STR(d[0].date, "2026-01-04");
	free(d);
	teardown_cfg();

	/* Every Saturday moved: to Mondays, except make-up Saturdays, which stay. */
	setup_cfg(RECEPTION_WEEKDAY, 6, false);
	n = reception_dates(&cfg, cal, 2026, &d);
	bool stayed = false;
	for (int i = 0; i < n; i++)
		if (!strcmp(d[i].date, "2026-10-10"))
			stayed = !d[i].moved;
	CHECK(stayed);
	free(d);
	teardown_cfg();
}

TEST(t_notice)
{
	char out[11];
	reception_notice_date("2026-10-08", 3, out);
	CHECK_STR(out, "2026-10-05"); /* calendar days: a holiday counts */
	reception_notice_date("2026-03-02", 3, out);
	CHECK_STR(out, "2026-02-27");
	reception_notice_date("2026-03-02", 0, out);
	CHECK_STR(out, "2026-03-02");
	reception_notice_date("bad", 3, out);
	CHECK_STR(out, "");

	CHECK(!reception_notice_late("2026-10-15", "2026-10-12", 3));
	CHECK(!reception_notice_late("2026-10-15", "2026-10-01", 3));
	CHECK(reception_notice_late("2026-10-15", "2026-10-13", 3));
	CHECK(reception_notice_late("2026-10-15", "", 3));
	CHECK(reception_notice_late("2026-10-15", NULL, 3));
	CHECK(!reception_notice_late("2026-10-15", "2026-10-15", 0));
	CHECK(!reception_notice_late("", "2026-10-15", 3));

	/* The generated days carry their notice date. */
	setup_cfg(RECEPTION_MONTHDAY, 15, false);
	cfg.notice_days = 5;
	struct reception_date *d = NULL;
	int n = reception_dates(&cfg, cal, 2026, &d);
	CHECK_INT(n, 12);
	if (n == 12) {
		CHECK_STR(d[1].notice_date, "2026-02-19");
		CHECK(!reception_notice_late(d[1].date, d[1].notice_date, 5));
	}
	free(d);
	teardown_cfg();
}

TEST(t_form_check)
{
	const char *msgs[RD_NFIELDS];
	char **v = reception_new_values(NULL, "2026-10-15");
	CHECK_STR(v[RD_NOTICE_DATE], "2026-10-15");
	record_free_values(&reception_def, v);

	cfg_defaults(&cfg);
	v = reception_new_values(&cfg, "2026-10-15");
	CHECK_STR(v[RD_NOTICE_DATE], "2026-10-12");
	CHECK_STR(v[RD_TIME], "09:00-11:30");
	CHECK_STR(v[RD_PLACE], "联络站接待室");
	CHECK_INT(record_check(&reception_def, v, "2026-10-01", msgs), 0);
	str_set(&v[RD_NOTICE_DATE], "2026-10-16");
	CHECK_INT(record_check(&reception_def, v, "2026-10-01", msgs), 1);
	CHECK_STR(msgs[RD_NOTICE_DATE], "公示日期不能晚于接待日");
	str_set(&v[RD_DATE], "");
	CHECK_INT(record_check(&reception_def, v, "2026-10-01", msgs), 1);
	CHECK(msgs[RD_DATE] != NULL);
	record_free_values(&reception_def, v);
	v = reception_new_values(&cfg, NULL);
	CHECK_STR(v[RD_DATE], "");
	CHECK_STR(v[RD_NOTICE_DATE], "");
	record_free_values(&reception_def, v);
	cfg_free(&cfg);
}

TEST(t_generate)
{
	setup();
	int added = -1;
	char *err = NULL;
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, NULL, &added, &err), 0);
	CHECK_INT(added, 12);
	CHECK_INT(q_int("SELECT count(*) FROM reception_days WHERE date = '2026-02-24' AND notice_date = '2026-02-21'"
			" AND time = '09:00-11:30' AND place = '联络站接待室' AND status = '正常'"),
		  1);
	/* Twice adds nothing. */
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, NULL, &added, &err), 0);
	CHECK_INT(added, 0);
	/* A deleted or cancelled day is not brought back. */
	int64_t id = q_int("SELECT id FROM reception_days WHERE date = '2026-04-15'");
	int64_t id2 = q_int("SELECT id FROM reception_days WHERE date = '2026-05-15'");
	CHECK_INT(db_reception_delete(db, id, &err), 0);
	CHECK_INT(db_reception_cancel(db, id2, "代表外出培训", &err), 0);
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, NULL, &added, &err), 0);
	CHECK_INT(added, 0);
	/* A day the clerk put on the rule date (kept on the holiday) counts as that month's. */
	CHECK_INT(q_int("SELECT count(*) FROM reception_days"), 12);
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2027, NULL, &added, &err), 0);
	CHECK_INT(added, 12);
	/* A rule that gives nothing is an error, nothing written. */
	cfg.reception_day = 0;
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2028, NULL, &added, &err), -1);
	CHECK(err && strstr(err, "[reception]"));
	free(err);
	err = NULL;
	cfg.reception_day = 15;
	/* Inside a transaction the caller rolls back, nothing stays. */
	CHECK_INT(db_begin(db, &err), 0);
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2029, NULL, &added, &err), 0);
	CHECK_INT(added, 12);
	db_rollback(db);
	CHECK_INT(q_int("SELECT count(*) FROM reception_days WHERE date LIKE '2029-%'"), 0);
	teardown();
}

TEST(t_duty)
{
	setup();
	int64_t a = add_deputy("张三"), b = add_deputy("李四"), c = add_deputy("王五"), gone = add_deputy("赵六");
	char *err = NULL;
	CHECK_INT(db_deputies_delete(db, gone, &err), 0);
	char **v = reception_new_values(&cfg, "2026-10-15");
	int64_t ids[] = { b, a, c }, id = 0;
	CHECK_INT(db_reception_insert(db, v, ids, 3, &id, &err), 0);
	CHECK(id > 0);
	struct reception_day d;
	CHECK_INT(db_reception_get(db, id, &d, &err), 0);
	CHECK_INT(d.nduty, 3);
	if (d.nduty == 3) {
		CHECK_INT(d.duty_ids[0], b);
		CHECK_STR(d.duty_names[0], "李四");
		CHECK_STR(d.duty_names[2], "王五");
	}
	CHECK_STR(d.duty_text, "李四、张三、王五");
	CHECK_STR(d.vals[RD_DATE], "2026-10-15");
	CHECK_STR(d.vals[RD_NOTICE_DATE], "2026-10-12");
	CHECK_STR(d.vals[RD_NOTE], "");
	CHECK(!d.cancelled);
	db_reception_day_free(&d);

	/* A duplicate or a deleted deputy fails and changes nothing. */
	int64_t dup[] = { a, b, a };
	CHECK_INT(db_reception_set_duty(db, id, dup, 3, &err), -1);
	CHECK(err && strstr(err, "张三 选了两次"));
	free(err);
	err = NULL;
	int64_t bad[] = { a, gone };
	CHECK_INT(db_reception_set_duty(db, id, bad, 2, &err), -1);
	CHECK(err && strstr(err, "不存在或已被删除"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM reception_duty"), 3);
	/* An insert with a bad deputy leaves no day behind. */
	int64_t id2 = 0;
	CHECK_INT(db_reception_insert(db, v, bad, 2, &id2, &err), -1);
	CHECK_INT(id2, 0);
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM reception_days"), 1);

	/* Replace; update with nduty < 0 keeps the list, with 0 empties it. */
	int64_t two[] = { c, a };
	CHECK_INT(db_reception_set_duty(db, id, two, 2, &err), 0);
	str_set(&v[RD_PLACE], "村委会会议室");
	CHECK_INT(db_reception_update(db, id, v, NULL, -1, &err), 0);
	CHECK_INT(db_reception_get(db, id, &d, &err), 0);
	CHECK_STR(d.duty_text, "王五、张三");
	CHECK_STR(d.vals[RD_PLACE], "村委会会议室");
	db_reception_day_free(&d);
	CHECK_INT(db_reception_update(db, id, v, NULL, 0, &err), 0);
	CHECK_INT(db_reception_get(db, id, &d, &err), 0);
	CHECK_INT(d.nduty, 0);
	CHECK_STR(d.duty_text, "");
	db_reception_day_free(&d);
	CHECK_INT(db_reception_set_duty(db, id + 99, two, 2, &err), -1);
	CHECK(err && strstr(err, "找不到这个接待日"));
	free(err);
	err = NULL;
	record_free_values(&reception_def, v);
	teardown();
}

TEST(t_cancel_delete)
{
	setup();
	char *err = NULL;
	char **v = reception_new_values(&cfg, "2026-10-15");
	int64_t id = 0;
	CHECK_INT(db_reception_insert(db, v, NULL, 0, &id, &err), 0);
	record_free_values(&reception_def, v);
	CHECK_INT(db_reception_cancel(db, id, "  ", &err), -1);
	CHECK_STR(err, "请填写取消原因");
	free(err);
	err = NULL;
	CHECK_INT(db_reception_cancel(db, id, "台风预警，暂停接待", &err), 0);
	CHECK_INT(db_reception_cancel(db, id, "再取消一次", &err), -1);
	CHECK_STR(err, "这个接待日已经取消了");
	free(err);
	err = NULL;
	struct reception_day d;
	CHECK_INT(db_reception_get(db, id, &d, &err), 0);
	CHECK(d.cancelled);
	CHECK_STR(d.cancel_reason, "台风预警，暂停接待");
	db_reception_day_free(&d);
	CHECK_INT(db_reception_uncancel(db, id, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM reception_days WHERE status = '正常' AND cancel_reason IS NULL"), 1);
	CHECK_INT(db_reception_uncancel(db, id, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_reception_delete(db, id, &err), 0);
	CHECK_INT(db_reception_get(db, id, &d, &err), -1);
	free(err);
	err = NULL;
	CHECK_INT(db_reception_cancel(db, id, "原因", &err), -1);
	CHECK(err && strstr(err, "找不到这个接待日"));
	free(err);
	err = NULL;
	CHECK_INT(db_reception_restore(db, id, &err), 0);
	CHECK_INT(db_reception_get(db, id, &d, &err), 0);
	db_reception_day_free(&d);
	/* The audit log saw it all. */
	CHECK(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'reception_days'") >= 5);
	teardown();
}

struct rows {
	struct strbuf sb;
	int n;
};

static int rows_cb(void *ud, const struct reception_row *r)
{
	struct rows *p = ud;
	sb_addf(&p->sb, "%s%s%s", p->n ? "," : "", r->date, r->cancelled ? "x" : "");
	p->n++;
	return 0;
}

static char *list(int year, int month, bool hide, int64_t offset, int limit)
{
	struct reception_filter f = { .year = year, .month = month, .hide_cancelled = hide };
	struct rows p = { 0 };
	char *err = NULL;
	int64_t n = -1;
	sb_init(&p.sb);
	sb_add(&p.sb, "");
	CHECK_INT(db_reception_page(db, &f, offset, limit, rows_cb, &p, &err), 0);
	CHECK_INT(db_reception_count(db, &f, &n, &err), 0);
	if (limit < 0 && offset == 0)
		CHECK_INT(n, p.n);
	if (err)
		fprintf(stderr, "  %s\n", err);
	free(err);
	return sb_take(&p.sb);
}

#define CHECK_LIST(year, month, hide, off, lim, want)                                                                  \
	do {                                                                                                           \
		char *t_got = list((year), (month), (hide), (off), (lim));                                             \
		CHECK_STR(t_got, (want));                                                                              \
		free(t_got);                                                                                           \
	} while (0)

TEST(t_list_and_home)
{
	setup();
	int added;
	char *err = NULL;
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, NULL, &added, &err), 0);
	int64_t a = add_deputy("张三"), b = add_deputy("李四");
	int64_t mar = q_int("SELECT id FROM reception_days WHERE date = '2026-03-16'");
	int64_t apr = q_int("SELECT id FROM reception_days WHERE date = '2026-04-15'");
	int64_t ids[] = { a, b };
	CHECK_INT(db_reception_set_duty(db, mar, ids, 2, &err), 0);
	CHECK_INT(db_reception_cancel(db, apr, "代表集中培训", &err), 0);

	CHECK_LIST(2026, 3, false, 0, -1, "2026-03-16");
	CHECK_LIST(2026, 4, false, 0, -1, "2026-04-15x");
	CHECK_LIST(2026, 4, true, 0, -1, "");
	CHECK_LIST(2027, 0, false, 0, -1, "");
	CHECK_LIST(2026, 0, false, 2, 3, "2026-03-16,2026-04-15x,2026-05-15");
	CHECK_LIST(0, 0, true, 0, 2, "2026-01-15,2026-02-24");
	int64_t n = 0;
	struct reception_filter f = { .year = 2026 };
	CHECK_INT(db_reception_count(db, &f, &n, &err), 0);
	CHECK_INT(n, 12);
	f.hide_cancelled = true;
	CHECK_INT(db_reception_count(db, &f, &n, &err), 0);
	CHECK_INT(n, 11);

	/* Today is a reception day: it and the next (April's is cancelled → May's). */
	struct reception_day td, nd;
	bool ht, hn;
	CHECK_INT(db_reception_home(db, "2026-03-16", &td, &ht, &nd, &hn, &err), 0);
	CHECK(ht && hn);
	CHECK_STR(td.vals[RD_DATE], "2026-03-16");
	CHECK_STR(td.duty_text, "张三、李四");
	CHECK_STR(nd.vals[RD_DATE], "2026-05-15");
	db_reception_day_free(&td);
	db_reception_day_free(&nd);
	/* Today is cancelled: still today's (flagged), the next one is after it. */
	CHECK_INT(db_reception_home(db, "2026-04-15", &td, &ht, &nd, &hn, &err), 0);
	CHECK(ht && td.cancelled);
	CHECK(hn);
	CHECK_STR(nd.vals[RD_DATE], "2026-05-15");
	db_reception_day_free(&td);
	db_reception_day_free(&nd);
	/* No day today; none after the last. */
	CHECK_INT(db_reception_home(db, "2026-12-20", &td, &ht, &nd, &hn, &err), 0);
	CHECK(!ht && !hn);
	CHECK(td.vals == NULL && nd.vals == NULL);
	db_reception_day_free(&td);
	db_reception_day_free(&nd);
	bool found;
	CHECK_INT(db_reception_next(db, "2026-03-17", &nd, &found, &err), 0);
	CHECK(found);
	CHECK_STR(nd.vals[RD_DATE], "2026-05-15");
	db_reception_day_free(&nd);
	CHECK_INT(db_reception_on_date(db, "2026-03-17", &nd, &found, &err), 0);
	CHECK(!found);
	teardown();
}

TEST(t_state)
{
	/* Cancelled wins; visits mean held; else the clerk's answer; else by the date. */
	CHECK_INT(reception_state(true, 1, 3, "2026-10-28", "2026-11-23"), RS_CANCELLED);
	CHECK_INT(reception_state(false, RECEPTION_HELD_UNKNOWN, 2, "2026-10-28", "2026-11-23"), RS_HELD);
	CHECK_INT(reception_state(false, 1, 0, "2026-10-28", "2026-11-23"), RS_HELD);
	CHECK_INT(reception_state(false, 0, 0, "2026-10-28", "2026-11-23"), RS_NOT_HELD);
	CHECK_INT(reception_state(false, RECEPTION_HELD_UNKNOWN, 0, "2026-10-28", "2026-11-23"), RS_UNCONFIRMED);
	CHECK_INT(reception_state(false, RECEPTION_HELD_UNKNOWN, 0, "2026-11-23", "2026-11-23"), RS_UNCONFIRMED);
	CHECK_INT(reception_state(false, RECEPTION_HELD_UNKNOWN, 0, "2026-11-30", "2026-11-23"), RS_UPCOMING);
	CHECK_STR(reception_state_label(RS_HELD), "已举行");
	CHECK_STR(reception_state_label(RS_NOT_HELD), "未举行");
	CHECK_STR(reception_state_label(RS_UNCONFIRMED), "待确认");
	CHECK_STR(reception_state_label(RS_CANCELLED), "已取消");
	CHECK_STR(reception_state_label(RS_UPCOMING), "未到");
	char moved[32];
	reception_moved_text("2026-11-30", "2026-11-28", moved);
	CHECK_STR(moved, "由 11-28 顺延");
	reception_moved_text("2026-11-30", "2026-11-30", moved);
	CHECK_STR(moved, "");
	reception_moved_text("2026-11-30", "", moved);
	CHECK_STR(moved, "");
	/* What the clerk may not answer. */
	char *why = reception_held_refusal("2026-11-30", false, 0, 1, "2026-11-23");
	CHECK(why && strstr(why, "还没到"));
	free(why);
	why = reception_held_refusal("2026-10-28", true, 0, 1, "2026-11-23");
	CHECK(why && strstr(why, "已取消"));
	free(why);
	why = reception_held_refusal("2026-10-28", false, 2, 0, "2026-11-23");
	CHECK(why && strstr(why, "2 次来访"));
	free(why);
	CHECK(reception_held_refusal("2026-11-30", false, 0, RECEPTION_HELD_UNKNOWN, "2026-11-23") == NULL);
	CHECK(reception_held_refusal("2026-10-28", false, 2, 1, "2026-11-23") == NULL);
}

TEST(t_generate_from)
{
	setup();
	cfg.reception_day = 28;
	int added = -1;
	char *err = NULL;
	/* A bad start date is refused, nothing written. */
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, "2026-13-01", &added, &err), -1);
	CHECK(err && strstr(err, "起始日期"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM reception_days"), 0);
	/* From 2026-11-23: 11-28 (a Saturday) moved to 11-30, and 12-28; nothing before. */
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, "2026-11-23", &added, &err), 0);
	CHECK_INT(added, 2);
	CHECK_INT(q_int("SELECT count(*) FROM reception_days WHERE date = '2026-11-30' AND rule_date = '2026-11-28'"
			" AND held IS NULL"),
		  1);
	CHECK_INT(q_int("SELECT count(*) FROM reception_days WHERE date = '2026-12-28' AND rule_date = '2026-12-28'"),
		  1);
	/* The earlier months later, on request; the ones there are not added twice. */
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, "2026-10-01", &added, &err), 0);
	CHECK_INT(added, 1);
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, "", &added, &err), 0);
	CHECK_INT(added, 9);
	CHECK_INT(q_int("SELECT count(*) FROM reception_days"), 12);
	/* A day whose date the clerk changed is still found by its rule date. */
	CHECK_INT(db_exec(db, "UPDATE reception_days SET date = '2026-12-29' WHERE date = '2026-12-28'", &err), 0);
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, NULL, &added, &err), 0);
	CHECK_INT(added, 0);
	/* The list row and the day carry the rule date. */
	struct reception_day d;
	int64_t id = q_int("SELECT id FROM reception_days WHERE date = '2026-11-30'");
	CHECK_INT(db_reception_get(db, id, &d, &err), 0);
	CHECK_STR(d.rule_date, "2026-11-28");
	CHECK_INT(d.held, RECEPTION_HELD_UNKNOWN);
	db_reception_day_free(&d);
	teardown();
}

/* A visit on day id (channel 接待日来访). */
static void add_visit(int64_t day, const char *date)
{
	char *err = NULL;
	char *sql = xasprintf("INSERT INTO visits (date, channel, reception_day_id, visitor_name, content)"
			      " VALUES ('%s', '接待日来访', %lld, '王大爷', '路灯不亮')",
			      date, (long long)day);
	if (db_exec(db, sql, &err) < 0) {
		fprintf(stderr, "  %s: %s\n", sql, err);
		t_failed_checks++;
	}
	free(err);
	free(sql);
}

TEST(t_held)
{
	setup();
	int added;
	char *err = NULL;
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, NULL, &added, &err), 0);
	int64_t a = add_deputy("张三"), b = add_deputy("李四"), c = add_deputy("王五");
	int64_t jul = q_int("SELECT id FROM reception_days WHERE date = '2026-07-15'");
	int64_t aug = q_int("SELECT id FROM reception_days WHERE date = '2026-08-17'");
	int64_t sep = q_int("SELECT id FROM reception_days WHERE date = '2026-09-15'");
	int64_t oct = q_int("SELECT id FROM reception_days WHERE date = '2026-10-15'");
	int64_t dec = q_int("SELECT id FROM reception_days WHERE date = '2026-12-15'");
	int64_t plan[] = { a, b }, came[] = { c, a };
	const char *today = "2026-11-23";
	CHECK_INT(db_reception_set_duty(db, jul, plan, 2, &err), 0);

	/* Held, with who came; the plan stays. */
	CHECK_INT(db_reception_set_held(db, jul, 1, today, came, 2, &err), 0);
	struct reception_day d;
	CHECK_INT(db_reception_get(db, jul, &d, &err), 0);
	CHECK_INT(d.held, 1);
	CHECK_STR(d.attend_text, "王五、张三");
	CHECK_STR(d.duty_text, "张三、李四");
	CHECK_INT(d.nattend, 2);
	db_reception_day_free(&d);
	/* Not held: nobody came. Back to not confirmed. */
	CHECK_INT(db_reception_set_held(db, aug, 0, today, came, 2, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM reception_attendance WHERE reception_day_id = (SELECT id FROM "
			"reception_days"
			" WHERE date = '2026-08-17')"),
		  0);
	CHECK_INT(db_reception_set_held(db, jul, RECEPTION_HELD_UNKNOWN, today, NULL, 0, &err), 0);
	CHECK_INT(q_int("SELECT count(*) FROM reception_days WHERE date = '2026-07-15' AND held IS NULL"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM reception_attendance"), 0);
	CHECK_INT(db_reception_set_held(db, jul, 1, today, came, 2, &err), 0);

	/* Refused: a day to come, a cancelled day, not held with visits, a deputy twice; nothing changes. */
	CHECK_INT(db_reception_set_held(db, dec, 1, today, NULL, 0, &err), -1);
	CHECK(err && strstr(err, "还没到"));
	free(err);
	err = NULL;
	CHECK_INT(db_reception_cancel(db, sep, "台风预警", &err), 0);
	CHECK_INT(db_reception_set_held(db, sep, 1, today, NULL, 0, &err), -1);
	CHECK(err && strstr(err, "已取消"));
	free(err);
	err = NULL;
	add_visit(oct, "2026-10-15");
	CHECK_INT(db_reception_set_held(db, oct, 0, today, NULL, 0, &err), -1);
	CHECK(err && strstr(err, "来访"));
	free(err);
	err = NULL;
	int64_t twice[] = { a, a };
	CHECK_INT(db_reception_set_held(db, oct, 1, today, twice, 2, &err), -1);
	CHECK(err && strstr(err, "到场代表"));
	free(err);
	err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM reception_days WHERE date = '2026-10-15' AND held IS NULL"), 1);
	CHECK_INT(db_reception_set_held(db, 9999, 1, today, NULL, 0, &err), -1);
	free(err);
	err = NULL;
	/* A day confirmed held cannot be cancelled. */
	CHECK_INT(db_reception_cancel(db, jul, "补登", &err), -1);
	CHECK(err && strstr(err, "已确认举行"));
	free(err);
	err = NULL;

	/* The day with visits is held without an answer; the list rows say so. */
	CHECK_INT(db_reception_get(db, oct, &d, &err), 0);
	CHECK_INT(d.nvisits, 1);
	CHECK_INT(reception_state(d.cancelled, d.held, d.nvisits, d.vals[RD_DATE], today), RS_HELD);
	db_reception_day_free(&d);

	/* Days held in the third quarter: July (confirmed); not August (not held), not September
	 * (cancelled, even with a visit); the fourth: October (visits), not December (to come). */
	add_visit(sep, "2026-09-15");
	int64_t n = -1;
	CHECK_INT(db_reception_held_count(db, "2026-07-01", "2026-09-30", &n, &err), 0);
	CHECK_INT(n, 1);
	CHECK_INT(db_reception_held_count(db, "2026-10-01", "2026-12-31", &n, &err), 0);
	CHECK_INT(n, 1);
	CHECK_INT(db_reception_held_count(db, "2026-01-01", "2026-12-31", &n, &err), 0);
	CHECK_INT(n, 2);
	/* A deleted visit no longer makes its day held; a deleted day is not counted. */
	CHECK_INT(db_exec(db,
			  "UPDATE visits SET deleted = 1 WHERE reception_day_id = (SELECT id FROM reception_days"
			  " WHERE date = '2026-10-15')",
			  &err),
		  0);
	CHECK_INT(db_reception_held_count(db, "2026-10-01", "2026-12-31", &n, &err), 0);
	CHECK_INT(n, 0);
	CHECK_INT(db_reception_delete(db, jul, &err), 0);
	CHECK_INT(db_reception_held_count(db, "2026-07-01", "2026-09-30", &n, &err), 0);
	CHECK_INT(n, 0);
	(void)b;
	teardown();
}

TEST(t_last_date)
{
	setup();
	char last[11] = "x";
	char *err = NULL;
	int added;
	CHECK_INT(db_reception_last_date(db, last, &err), 0);
	CHECK_STR(last, "");
	CHECK_INT(db_reception_generate(db, &cfg, cal, 2026, NULL, &added, &err), 0);
	CHECK_INT(db_reception_last_date(db, last, &err), 0);
	CHECK_STR(last, "2026-12-15");
	teardown();
}

int main(void)
{
	RUN(t_monthday_15);
	RUN(t_monthday_31_and_february);
	RUN(t_monthday_1_holidays);
	RUN(t_weekday);
	RUN(t_notice);
	RUN(t_form_check);
	RUN(t_generate);
	RUN(t_duty);
	RUN(t_cancel_delete);
	RUN(t_list_and_home);
	RUN(t_state);
	RUN(t_generate_from);
	RUN(t_held);
	RUN(t_last_date);
	return t_done();
}
