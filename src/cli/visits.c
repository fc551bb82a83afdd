/* station visits [--month YYYY-MM] [--full]: a month's visits as aligned text, for a quick look
 * or a pipe. Read only. Also the demo station's reception days and visits (station demo). Columns are padded and cut by
 * display width (text_fit), so Chinese lines up; the last column (反映问题) takes what is left of $COLUMNS (default
 * 100; on a narrow line the phone column is left out). Phones are masked (138****5678) unless --full. */
#include "cli/cli.h"

#include "core/calendar.h"
#include "core/clock.h"
#include "core/deputy.h"
#include "core/embed.h"
#include "core/text.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/deputies.h"
#include "db/reception.h"
#include "db/units.h"
#include "db/visits.h"
#include "report/csvin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Width of the whole line when $COLUMNS is not set, and the limits of $COLUMNS we accept. */
#define VISITS_WIDTH     100
#define VISITS_WIDTH_MIN 60
#define VISITS_WIDTH_MAX 1000
/* The last column is never narrower than this; below VISITS_CONTENT_WIDE the phone goes. */
#define VISITS_CONTENT_MIN  10
#define VISITS_CONTENT_WIDE 16
/* Between two columns. */
#define VISITS_GAP "  "

enum visits_col { VC_DATE, VC_CHANNEL, VC_NAME, VC_PHONE, VC_PEOPLE, VC_CATEGORY, VC_HANDLING, VC_CONTENT, VC_N };

/* The columns: title (Chinese and English, by cli_english) and width (the last one's width is
 * computed). */
static const struct {
	const char *title, *title_en;
	int width;
	enum text_align align;
} visits_cols[VC_N] = {
	[VC_DATE] = { "日期", "Date", 10, ALIGN_LEFT },
	[VC_CHANNEL] = { "渠道", "Channel", 10, ALIGN_LEFT },
	[VC_NAME] = { "来访人", "Visitor", 8, ALIGN_LEFT },
	[VC_PHONE] = { "联系电话", "Phone", 13, ALIGN_LEFT },
	[VC_PEOPLE] = { "人数", "Ppl", 4, ALIGN_RIGHT },
	[VC_CATEGORY] = { "类别", "Category", 8, ALIGN_LEFT },
	[VC_HANDLING] = { "处理方式", "Handling", 12, ALIGN_LEFT },
	[VC_CONTENT] = { "反映问题", "Issue", 0, ALIGN_LEFT },
};

struct visits_out {
	int width[VC_N];
	bool full;      /* phones unmasked */
	int64_t n;      /* visits printed */
	int64_t people; /* their 人数 summed */
};

/* The line width: $COLUMNS when it is a sensible number, else VISITS_WIDTH. */
static int visits_line_width(void)
{
	const char *c = getenv("COLUMNS");
	char *end;
	long w = c && *c ? strtol(c, &end, 10) : 0;
	if (!c || !*c || *end || w < VISITS_WIDTH_MIN || w > VISITS_WIDTH_MAX)
		return VISITS_WIDTH;
	return (int)w;
}

/* Column widths for a line of `line` columns: the fixed ones, and the rest for 反映问题; when
 * that would be narrower than VISITS_CONTENT_WIDE (an 80-column terminal), the phone column is
 * left out; the content never gets fewer than VISITS_CONTENT_MIN columns. */
static void visits_widths(struct visits_out *o, int line)
{
	int used = 0, gap = (int)strlen(VISITS_GAP);
	for (int i = 0; i < VC_CONTENT; i++) {
		o->width[i] = visits_cols[i].width;
		used += o->width[i] + (i ? gap : 0);
	}
	used += gap;
	if (line - used < VISITS_CONTENT_WIDE) {
		used -= o->width[VC_PHONE] + gap;
		o->width[VC_PHONE] = 0;
	}
	o->width[VC_CONTENT] = line - used < VISITS_CONTENT_MIN ? VISITS_CONTENT_MIN : line - used;
}

/* Print one line of cells, each fitted to its column; trailing spaces dropped. */
static void visits_print_line(const struct visits_out *o, const char *const cells[VC_N])
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < VC_N; i++) {
		if (!o->width[i])
			continue; /* a column left out of a narrow line */
		char *cell = text_fit(cells[i], o->width[i], visits_cols[i].align, i == VC_CONTENT || i == VC_NAME);
		sb_addf(&sb, "%s%s", i ? VISITS_GAP : "", cell);
		free(cell);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	printf("%s\n", sb.buf);
	sb_free(&sb);
}

/* The content on one line: line breaks and tabs become spaces. New string. */
static char *visits_one_line(const char *s)
{
	char *out = xstrdup(s);
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return out;
}

static int visits_row(void *ud, const struct visit_row *r)
{
	struct visits_out *o = ud;
	char people[16];
	char *phone = o->full ? xstrdup(r->phone) : visit_mask_phone(r->phone);
	char *content = visits_one_line(r->content);
	snprintf(people, sizeof people, "%d", r->people);
	const char *cells[VC_N] = {
		[VC_DATE] = r->date,  [VC_CHANNEL] = r->channel,   [VC_NAME] = r->name,         [VC_PHONE] = phone,
		[VC_PEOPLE] = people, [VC_CATEGORY] = r->category, [VC_HANDLING] = r->handling, [VC_CONTENT] = content,
	};
	visits_print_line(o, cells);
	o->n++;
	o->people += r->people;
	free(phone);
	free(content);
	return 0;
}

int cli_visits(const struct cfg *cfg, const char *path, const char *month, bool full)
{
	struct visits_out o = { .full = full };
	struct db *db = NULL;
	char today[11], this_month[8], *err = NULL;
	int rc;

	if (!month) {
		clock_today(today);
		snprintf(this_month, sizeof this_month, "%.7s", today);
		month = this_month;
	}
	if (!db_visits_month_ok(month)) {
		cli_error(cli_msg("月份应写成 年-月，如 2026-10：%s", "the month should look like 2026-10: %s"), month);
		return CLI_USAGE;
	}
	if ((rc = cli_open_db(cfg, path, DB_OPEN_READONLY, false, &db)))
		return rc;
	visits_widths(&o, visits_line_width());

	/* Under English the register's (Chinese) title is left out; the station's name is data. */
	if (cli_english())
		printf("Visits, %.7s (%s)\n", month, cfg->station_name);
	else
		printf("%d 年 %d 月%s（%s）\n", atoi(month), atoi(month + 5), cfg->titles[REG_VISITS],
		       cfg->station_name);
	const char *titles[VC_N];
	for (int i = 0; i < VC_N; i++)
		titles[i] = cli_english() ? visits_cols[i].title_en : visits_cols[i].title;
	visits_print_line(&o, titles);
	if (db_visits_month(db, month, visits_row, &o, &err) < 0) {
		cli_error(cli_msg("无法读取来访登记：%s", "cannot read the visits: %s"), err ? err : "?");
		free(err);
		db_close(db);
		return CLI_DB;
	}
	printf(cli_msg("共 %lld 次来访，%lld 人\n", "%lld visits, %lld people\n"), (long long)o.n, (long long)o.people);
	db_close(db);
	return CLI_OK;
}

/* ---- Demo data (station demo): reception days and data/demo-visits.csv ---- */

/* The demo station's deputies (id and name, in roster order) or reception days (id, date). */
struct visits_demo_list {
	int64_t ids[128];
	char *names[128]; /* owned */
	int n;
};

static void visits_demo_add(struct visits_demo_list *l, int64_t id, const char *name)
{
	if (l->n < (int)ARRAY_LEN(l->ids)) {
		l->ids[l->n] = id;
		l->names[l->n++] = xstrdup(name);
	}
}

static int visits_demo_dep(void *ud, int64_t id, const char *const *vals)
{
	visits_demo_add(ud, id, vals[DEP_NAME]);
	return 0;
}

static int visits_demo_day(void *ud, const struct reception_row *r)
{
	visits_demo_add(ud, r->id, r->date);
	return 0;
}

static void visits_demo_free(struct visits_demo_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->names[i]);
	l->n = 0;
}

/* The demo's reception days: cfg's rule (default the 15th, moved off holidays) from the year of
 * 60 days ago to this year, three deputies on duty each day, taking turns through the roster. */
int cli_visits_demo_days(const struct cfg *cfg, struct db *db, const char *today, char **err)
{
	struct calendar *cal;
	struct visits_demo_list deps = { 0 }, days = { 0 };
	char from[11];
	int total = 0, rc = -1, k = 0;

	if (!(cal = calendar_new(cfg, err)))
		return -1;
	date_add_days(today, -60, from);
	for (int y = atoi(from); y <= atoi(today); y++) {
		int added;
		if (db_reception_generate(db, cfg, cal, y, &added, err) < 0)
			goto out;
		total += added;
	}
	if (db_deputies_page(db, NULL, DEP_NAME, false, 0, -1, visits_demo_dep, &deps, err) < 0 ||
	    db_reception_page(db, NULL, 0, -1, visits_demo_day, &days, err) < 0)
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
	visits_demo_free(&deps);
	visits_demo_free(&days);
	calendar_free(cal);
	return rc;
}

/* Columns of data/demo-visits.csv after 距今天数 (days before today), in VIS_ order from
 * VIS_CHANNEL, then 接待代表 (names joined with 、) and 承办单位. */
enum { VD_DAYS, VD_FIRST, VD_DEPUTIES = VD_FIRST + VIS_NFIELDS - 1, VD_UNIT, VD_NCOLS };

/* One demo row into values (the date from the offset; a 接待日来访 moves to the last reception day
 * on or before it). Returns NULL with *err when the row does not pass the checks. */
static char **visits_demo_values(const struct csvin_row *row, const char *today, const struct visits_demo_list *days,
				 char **err)
{
	const char *msgs[VIS_NFIELDS];
	char date[11];
	char **v = record_new_values(&visit_def, today);

	date_add_days(today, -atoi(row->cells[VD_DAYS]), date);
	for (int f = VIS_CHANNEL; f < VIS_NFIELDS; f++)
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
static int visits_demo_dep_ids(const char *joined, const struct visits_demo_list *deps, int64_t *ids, int max,
			       char **err)
{
	char **names;
	int nn = record_multi_split(joined, &names), n = 0, rc = 0;
	for (int j = 0; j < nn && n < max && rc == 0; j++) {
		int i = 0;
		while (i < deps->n && strcmp(deps->names[i], names[j]))
			i++;
		if (i == deps->n) {
			*err = xasprintf("名册中没有代表 %s", names[j]);
			rc = -1;
		} else
			ids[n++] = deps->ids[i];
	}
	str_free_array(names, nn);
	return rc < 0 ? -1 : n;
}

/* The demo's visits: data/demo-visits.csv, dated back from today, through db_visits_insert() (a
 * 交办 opens its case, numbered with cfg's station code, assigned when the row names a unit). */
int cli_visits_demo_visits(const struct cfg *cfg, struct db *db, const char *today, char **err)
{
	const char *csv = embed_get("demo-visits.csv");
	struct csvin *c = NULL;
	struct calendar *cal = NULL;
	struct visits_demo_list deps = { 0 }, days = { 0 };
	int rc = -1, count = 0;

	if (!csv)
		die("demo-visits.csv is not embedded");
	if (!(cal = calendar_new(cfg, err)) || csvin_parse(csv, strlen(csv), "demo-visits.csv", &c, err) < 0)
		goto out;
	if (db_deputies_page(db, NULL, DEP_NAME, false, 0, -1, visits_demo_dep, &deps, err) < 0 ||
	    db_reception_page(db, NULL, 0, -1, visits_demo_day, &days, err) < 0)
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
		if ((l.ndeputies = visits_demo_dep_ids(row->cells[VD_DEPUTIES], &deps, ids, VISIT_MAX_DEPUTIES, err)) <
		    0)
			goto out;
		if (*row->cells[VD_UNIT] &&
		    (db_units_find(db, row->cells[VD_UNIT], &l.unit_id, err) < 0 || !l.unit_id)) {
			if (!*err)
				*err = xasprintf("没有承办单位 %s", row->cells[VD_UNIT]);
			goto out;
		}
		char **v = visits_demo_values(row, today, &days, err);
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
	visits_demo_free(&deps);
	visits_demo_free(&days);
	csvin_free(c);
	calendar_free(cal);
	return rc;
}
