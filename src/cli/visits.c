/* station visits [--month YYYY-MM] [--full]: a month's visits as aligned text, for a quick look
 * or a pipe. Read only. Columns are padded and cut by display width (text_fit), so Chinese lines
 * up; the last column (反映问题) takes what is left of $COLUMNS (default 100; on a narrow line the
 * phone column is left out). Phones are masked (138****5678) unless --full. */
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
