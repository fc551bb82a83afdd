/* station export summary|visits|cases|suggestions|activities: the county summary or a detail
 * list of a period as CSV for Excel and WPS (docs/EXPORT.md). Read only. */
#include "cli/cli.h"

#include "core/calendar.h"
#include "core/clock.h"
#include "core/period.h"
#include "core/summary.h"
#include "core/util.h"
#include "db/summary.h"
#include "report/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* The period of the options: --quarter, --month (any spelling period_parse reads), or --from
 * and --to (each a day, month, quarter or year: from the first day of --from to the last day of
 * --to; one of them alone is open on the other side up to today / from the first record); none:
 * this quarter. Returns 0, or -1 after printing why. */
int cli_period(const struct cli_export_args *a, struct period *p)
{
	char *err = NULL;
	const char *one = a->quarter ? a->quarter : a->month;
	if ((a->quarter && a->month) || (one && (a->from || a->to))) {
		cli_error("%s",
			  cli_msg("期间只能用一种写法：--quarter、--month 或 --from/--to",
				  "give the period one way: --quarter, --month or --from/--to"));
		return -1;
	}
	if (one) {
		if (period_parse(one, p, &err) == 0)
			return 0;
		cli_error(cli_msg("期间 %s 不对：%s", "bad period %s: %s"), one, err);
		free(err);
		return -1;
	}
	if (!a->from && !a->to) {
		char today[11];
		clock_today(today);
		static const char *const q[] = {
			"Q1", "Q1", "Q1", "Q2", "Q2", "Q2", "Q3", "Q3", "Q3", "Q4", "Q4", "Q4"
		};
		char *t = xasprintf("%.4s%s", today, q[atoi(today + 5) - 1]);
		period_parse(t, p, NULL);
		free(t);
		return 0;
	}
	struct period f = { "0001-01-01", "0001-01-01" }, t = f;
	if (a->from && period_parse(a->from, &f, &err) < 0) {
		cli_error(cli_msg("--from %s 不对：%s", "bad --from %s: %s"), a->from, err);
		free(err);
		return -1;
	}
	if (a->to && period_parse(a->to, &t, &err) < 0) {
		cli_error(cli_msg("--to %s 不对：%s", "bad --to %s: %s"), a->to, err);
		free(err);
		return -1;
	}
	if (!a->to)
		clock_today(t.to);
	memcpy(p->from, f.from, 11);
	memcpy(p->to, t.to, 11);
	if (strcmp(p->from, p->to) > 0) {
		cli_error(cli_msg("起始日期 %s 晚于截止日期 %s", "--from %s is after --to %s"), p->from, p->to);
		return -1;
	}
	return 0;
}

/* --encoding, else station.ini. -1 after printing why. */
static int cli_encoding(const struct cfg *cfg, const char *name, enum csv_encoding *enc)
{
	*enc = cfg->csv_encoding;
	if (!name)
		return 0;
	if (!strcasecmp(name, "utf-8-bom") || !strcasecmp(name, "utf8-bom") || !strcasecmp(name, "utf-8"))
		*enc = CSV_UTF8_BOM;
	else if (!strcasecmp(name, "gb18030"))
		*enc = CSV_GB18030;
	else {
		cli_error(cli_msg("--encoding 应为 utf-8-bom 或 gb18030，不是 %s",
				  "--encoding must be utf-8-bom or gb18030, not %s"),
			  name);
		return -1;
	}
	return 0;
}

/* A progress line on a terminal (stderr), rewritten in place; a newline at the end. */
static void cli_progress(void *ud, int64_t done, int64_t total)
{
	(void)ud;
	if (total <= 0)
		return;
	fprintf(stderr, cli_msg("\r导出中 %lld/%lld 行（%d%%）", "\rexporting %lld/%lld rows (%d%%)"), (long long)done,
		(long long)total, (int)(100 * done / total));
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

int cli_export(const struct cfg *cfg, const char *path, const struct cli_export_args *a)
{
	struct period p;
	enum csv_encoding enc;
	int kind = EXPORT_SUMMARY;
	if (a->nargs < 1 || a->nargs > 1) {
		cli_error(
			"%s",
			cli_msg(a->nargs ? "export 后面只能有一个词：summary、visits、cases、suggestions 或 activities"
					 : "export 后面要写导出什么：summary、visits、cases、suggestions 或 activities",
				"export needs one of: summary, visits, cases, suggestions, activities"));
		return CLI_USAGE;
	}
	if (strcmp(a->args[0], "summary") && (kind = detail_find(a->args[0])) < 0) {
		cli_error(cli_msg("不认识的导出内容 %s：应为 summary、visits、cases、suggestions 或 activities",
				  "unknown export %s: use summary, visits, cases, suggestions or activities"),
			  a->args[0]);
		return CLI_USAGE;
	}
	if (cli_period(a, &p) < 0 || cli_encoding(cfg, a->encoding, &enc) < 0)
		return CLI_USAGE;
	struct db *db = NULL;
	int rc = cli_open_db(cfg, path, DB_OPEN_READONLY, false, &db);
	if (rc)
		return rc;
	char *out =
		a->out ? xstrdup(a->out) : export_default_path(cfg->export_dir, cfg->station_code, kind, p.from, p.to);
	char *err = NULL, *label = period_label(&p);
	struct export_opts o = { .enc = enc,
				 .unmasked = a->unmasked || !cfg->mask_personal,
				 .force = a->force,
				 .code = cfg->station_code,
				 .progress = isatty(STDERR_FILENO) ? cli_progress : NULL };
	int64_t rows = 0;
	if (kind == EXPORT_SUMMARY) {
		struct summary s;
		struct calendar *cal = calendar_new(cfg, &err);
		struct summary_opts so = { cfg->min_activities_per_quarter,
					   cal,
					   { cfg->assign_days, cfg->followup_days } };
		summary_init(&s, cfg->station_code, cfg->station_name, label, p.from, p.to);
		rc = !cal || db_summary(db, &s, &so, &err) < 0 || export_summary(&s, out, &o, &err) < 0 ? CLI_PROBLEMS
													: CLI_OK;
		calendar_free(cal);
		summary_free(&s);
		rows = 1;
	} else {
		rc = export_details(db, kind, p.from, p.to, out, &o, &rows, &err) < 0 ? CLI_PROBLEMS : CLI_OK;
	}
	if (rc == CLI_OK)
		printf(cli_msg("已导出 %s（%s，%lld 行）到 %s\n", "exported %s (%s, %lld rows) to %s\n"),
		       kind == EXPORT_SUMMARY ? "汇总表" : detail_defs[kind].title, label, (long long)rows, out);
	else
		cli_error(cli_msg("%s", "export failed: %s"), err);
	free(err);
	free(label);
	free(out);
	db_close(db);
	return rc;
}
