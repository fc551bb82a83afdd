/* Settings kept in the database (db/settings.h) and their precedence over station.ini
 * (core/config.h cfg_set): stored values are checked by the ini's own parsers and normalised;
 * a refused value stores nothing (all or none); apply puts the database's values over the
 * ini's; a value edited into the file by hand is skipped with a warning; the station code goes
 * into station_info and may change only while there are no cases; changes are audited; an
 * empty database is told from one with records. */
#include "tdb.h"

#include "core/config.h"
#include "db/restore.h"
#include "db/settings.h"

#include <stdio.h>

/* An ini file in the test folder with text; its path (new string). */
static char *write_ini(const char *text)
{
	char *p = xasprintf("%s/station.ini", tdb_dir);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	return p;
}

TEST(t_cfg_set_parsers)
{
	struct cfg c;
	cfg_defaults(&c);
	char *why;
	CHECK((why = cfg_set(&c, "station.code", "中文")) != NULL);
	free(why);
	CHECK((why = cfg_set(&c, "station.code", "ABCDEFGHIJKLM")) != NULL); /* 13: too long */
	free(why);
	CHECK_STR(c.station_code, "ST01"); /* unchanged after a refusal */
	CHECK(cfg_set(&c, "station.code", "CG01") == NULL);
	CHECK_STR(c.station_code, "CG01");
	CHECK(cfg_set(&c, "reception.rule", "周三") == NULL);
	CHECK_INT(c.reception_rule, RECEPTION_WEEKDAY);
	CHECK_INT(c.reception_day, 3);
	char *t = cfg_value_text(&c, "reception.rule");
	CHECK_STR(t, "每周三");
	free(t);
	CHECK((why = cfg_set(&c, "reception.rule", "每月32日")) != NULL);
	free(why);
	CHECK_INT(c.reception_rule, RECEPTION_WEEKDAY); /* a refused rule changes neither field */
	CHECK_INT(c.reception_day, 3);
	CHECK(cfg_set(&c, "reception.time", "9：00～11：30") == NULL);
	CHECK_STR(c.reception_time, "09:00-11:30");
	CHECK((why = cfg_set(&c, "cases.deadline_days", "0")) != NULL);
	free(why);
	CHECK(cfg_set(&c, "cases.deadline_days", "20") == NULL);
	CHECK_INT(c.case_days, 20);
	/* Not kept in the database: the file path, accounts. */
	CHECK(!cfg_settable("database.path"));
	CHECK(!cfg_settable("accounts.login"));
	CHECK((why = cfg_set(&c, "accounts.login", "no")) != NULL);
	free(why);
	CHECK(c.login);
	cfg_free(&c);
}

TEST(t_store_and_precedence)
{
	tdb_open("settings");
	char *err = NULL, *warn = NULL, *v = NULL;
	char *ini =
		write_ini("[station]\nname = 旧名称联络站\ncode = OLD1\n[reception]\nrule = day:10\nplace = 会议室\n");
	struct cfg c;
	CHECK_INT(cfg_load(ini, &c, &err), 0);
	CHECK(c.station_name_set);
	CHECK_INT(c.reception_day, 10);

	/* Nothing stored: the ini's values stand. */
	CHECK_INT(db_settings_apply(db, &c, &warn, &err), 0);
	CHECK_STR(c.station_name, "旧名称联络站");

	long long audit0 = q_int("SELECT count(*) FROM audit_log WHERE table_name = 'settings'");
	const char *keys[] = { "station.name", "station.code", "reception.rule" };
	const char *vals[] = { "城关镇人大代表联络站", "CG01", "每月15日" };
	CHECK_INT(db_settings_put(db, &c, keys, vals, 3, &err), 0);
	CHECK(q_int("SELECT count(*) FROM audit_log WHERE table_name = 'settings'") == audit0 + 3);
	CHECK_INT(db_settings_get(db, "reception.rule", &v, &err), 0);
	CHECK_STR(v, "每月15日");
	free(v);
	v = db_station_code(db);
	CHECK_STR(v, "CG01");
	free(v);

	/* The database wins over the ini; what the database does not hold stays the ini's. */
	CHECK_INT(db_settings_apply(db, &c, &warn, &err), 0);
	CHECK(warn == NULL);
	CHECK_STR(c.station_name, "城关镇人大代表联络站");
	CHECK_STR(c.station_code, "CG01");
	CHECK_INT(c.reception_day, 15);
	CHECK_STR(c.reception_place, "会议室");

	/* An empty text setting is stored as "" (not NULL) and wins over the ini's. */
	const char *k1[] = { "reception.place" }, *v1[] = { "" };
	CHECK_INT(db_settings_put(db, &c, k1, v1, 1, &err), 0);
	CHECK_INT(db_settings_apply(db, &c, &warn, &err), 0);
	CHECK_STR(c.reception_place, "");
	CHECK_INT(db_exec(db, "DELETE FROM settings WHERE key = 'reception.place'", &err), 0);

	/* A bad value among good ones: nothing stored, the message names the key. */
	const char *k2[] = { "reception.place", "station.code" };
	const char *v2[] = { "新会议室", "中文" };
	CHECK_INT(db_settings_put(db, &c, k2, v2, 2, &err), -1);
	CHECK(err && strstr(err, "station.code"));
	free(err);
	err = NULL;
	CHECK_INT(db_settings_get(db, "reception.place", &v, &err), 0);
	CHECK(v == NULL);

	/* A value edited into the file by hand is skipped with a warning, not applied. */
	CHECK_INT(db_exec(db, "UPDATE settings SET value = 'abc' WHERE key = 'reception.rule'", &err), 0);
	CHECK_INT(db_settings_apply(db, &c, &warn, &err), 0);
	CHECK(warn && strstr(warn, "reception.rule"));
	free(warn);
	CHECK_INT(c.reception_day, 15);
	cfg_free(&c);
	free(ini);
	tdb_close();
}

TEST(t_code_and_cases)
{
	tdb_open("settings-code");
	char *err = NULL;
	bool empty = false;
	CHECK_INT(db_settings_empty(db, &empty, &err), 0);
	CHECK(empty);
	const char *k[] = { "station.code" };
	const char *a[] = { "AB01" }, *b[] = { "AB02" };
	CHECK_INT(db_settings_put(db, NULL, k, a, 1, &err), 0);
	CHECK_INT(db_settings_empty(db, &empty, &err), 0);
	CHECK(!empty); /* a station setting is a sign of a station set up */
	CHECK_INT(db_exec(db,
			  "INSERT INTO cases (case_no, summary, received_date) VALUES ('AB01-2026-0001', '路灯不亮', "
			  "'2026-11-01')",
			  &err),
		  0);
	CHECK_INT(db_settings_put(db, NULL, k, b, 1, &err), -1);
	CHECK(err && strstr(err, "代码不能再改"));
	free(err);
	err = NULL;
	char *v = db_station_code(db);
	CHECK_STR(v, "AB01");
	free(v);
	CHECK_INT(db_settings_put(db, NULL, k, a, 1, &err), 0); /* the same code again is fine */
	tdb_close();
}

TEST(t_empty_with_deputy)
{
	tdb_open("settings-empty");
	char *err = NULL;
	bool empty = true;
	tdb_deputy("张三", NULL, NULL, NULL);
	CHECK_INT(db_settings_empty(db, &empty, &err), 0);
	CHECK(!empty);
	tdb_close();
}

int main(void)
{
	RUN(t_cfg_set_parsers);
	RUN(t_store_and_precedence);
	RUN(t_code_and_cases);
	RUN(t_empty_with_deputy);
	return t_done();
}
