/* station print: a register's ledger, the reception-day notice or the year's activity plan as a
 * PDF (report/ledger.h, report/notice.h), then to [print] command when one is set.
 *
 *   station print REGISTER [--month YYYY-MM | --period P | --year YYYY | --from D --to D] [-o FILE.pdf]
 *                          [--unmasked]
 *   station print notice --date YYYY-MM-DD [-o FILE.pdf]
 *   station print plan [--year YYYY] [-o FILE.pdf]
 *
 * REGISTER is a [registers] key (deputies, visits, cases, suggestions, activities, training,
 * performance, projects) or its title from station.ini. Default period: this month (projects:
 * this year, as they are kept by 年度). The words after
 * "print" are parsed here (main.c hands them over untouched). On a terminal, a progress line on
 * stderr. Exit: 0 written (and sent), 1 not written (font, folder, disk) or not sent, 2 usage,
 * 4 database. */
#include "cli/cli.h"

#include "core/clock.h"
#include "core/period.h"
#include "core/util.h"
#include "report/ledger.h"
#include "report/notice.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct print_args {
	const char *what; /* register key or title, notice, plan */
	const char *month, *period, *from, *to, *date, *year, *out;
	bool unmasked;
};

static int print_usage(const char *zh, const char *en, const char *arg)
{
	cli_error(cli_msg(zh, en), arg);
	cli_error("%s", cli_msg("用法：station print 登记簿 --month 2026-10 [-o 文件.pdf]；station print notice --date "
				"2026-11-28；station print plan --year 2026（详见 docs/PRINTING.md）",
				"usage: station print REGISTER --month 2026-10 [-o FILE.pdf]; station print notice --date "
				"2026-11-28; station print plan --year 2026 (see docs/PRINTING.md)"));
	return CLI_USAGE;
}

/* Parse the words after "print" (argv[0] is "print"). Returns -1 when fine, else the exit code. */
static int print_parse(int argc, char **argv, struct print_args *a)
{
	static const struct option longopts[] = {
		{ "month", required_argument, NULL, 'm' }, { "period", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'f' },  { "to", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'd' },  { "year", required_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' }, { "unmasked", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 0; /* GNU getopt: start again on this argv */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': a->month = optarg; break;
		case 'p': a->period = optarg; break;
		case 'f': a->from = optarg; break;
		case 't': a->to = optarg; break;
		case 'd': a->date = optarg; break;
		case 'y': a->year = optarg; break;
		case 'o': a->out = optarg; break;
		case 'u': a->unmasked = true; break;
		case ':':
			return print_usage("选项 %s 后面缺少参数", "option %s needs an argument", argv[optind - 1]);
		default:
			return print_usage("未知选项 %s", "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return print_usage("%s要打印什么？", "%swhat should be printed?", "");
	a->what = argv[optind];
	if (optind + 1 < argc)
		return print_usage("多余的参数 %s", "unexpected argument %s", argv[optind + 1]);
	if (a->out && !*a->out)
		return print_usage("%s不能为空", "%s must not be empty", "-o ");
	return -1;
}

/* The period of a ledger from --month / --period / --year / --from --to (default: this month, or
 * this year for the projects). */
static int print_period(const struct print_args *a, int reg, struct period *p)
{
	char *err = NULL, today[11];
	int given = !!a->month + !!a->period + !!a->year + !!(a->from || a->to);
	if (given > 1)
		return print_usage("%s只能用一种写法", "%sgive one of --month, --period or --from/--to",
				   cli_msg("期间", ""));
	if ((a->from || a->to) && !(a->from && a->to))
		return print_usage("%s 要和 --to 一起用", "%s needs --to as well", "--from");
	char *text = a->month ? xstrdup(a->month)
		: a->period   ? xstrdup(a->period)
		: a->year     ? xstrdup(a->year)
		: a->from     ? xasprintf("%s~%s", a->from, a->to)
			      : NULL;
	if (!text && reg == REG_PROJECTS) {
		clock_today(today);
		text = xasprintf("%.4s", today);
	}
	if (!text) {
		clock_today(today);
		period_month_of(today, p);
		return -1;
	}
	int rc = period_parse(text, p, &err);
	free(text);
	if (rc < 0) {
		int r = print_usage("期间不对：%s", "bad period: %s", err);
		free(err);
		return r;
	}
	return -1;
}

/* A progress line on a terminal: "正在生成 PDF 1234/4000". */
static void print_progress(void *ud, int done, int total)
{
	(void)ud;
	fprintf(stderr, "\r%s %d/%d ", cli_msg("正在生成 PDF", "rendering PDF"), done, total);
	if (done >= total)
		fprintf(stderr, "\r\033[K");
	fflush(stderr);
}

/* Say where the file went; send it to the print command when one is set. */
static int print_done(const struct cfg *cfg, const char *path, int pages)
{
	bool sent = false;
	char *err = NULL;
	if (pages > 0)
		printf(cli_msg("已保存：%s（%d 页）\n", "saved: %s (%d pages)\n"), path, pages);
	else
		printf(cli_msg("已保存：%s\n", "saved: %s\n"), path);
	if (ledger_send(cfg, path, &sent, &err) < 0) {
		cli_error("%s", err);
		free(err);
		return CLI_PROBLEMS;
	}
	if (sent)
		printf(cli_msg("已送打印：%s\n", "sent to the printer: %s\n"), cfg->print_command);
	return CLI_OK;
}

int cli_print(const struct cfg *cfg, const char *path, int argc, char **argv)
{
	struct print_args a = { 0 };
	struct period p;
	struct db *db = NULL;
	char *out = NULL, *err = NULL;
	int rc, pages = 0, reg = -1;

	if ((rc = print_parse(argc, argv, &a)) >= 0)
		return rc;
	bool notice = !strcmp(a.what, "notice"), plan = !strcmp(a.what, "plan");
	if (!notice && !plan) {
		reg = cfg_reg_find(a.what);
		for (int i = 0; reg < 0 && i < REG_COUNT; i++)
			if (!strcmp(a.what, cfg->titles[i]))
				reg = i;
		if (reg < 0)
			return print_usage(
				"没有这个登记簿：%s（可用 deputies visits cases suggestions activities "
				"training performance projects notice plan）",
				"no such register: %s (deputies visits cases suggestions activities training "
				"performance projects notice plan)",
				a.what);
		if ((rc = print_period(&a, reg, &p)) >= 0)
			return rc;
	}
	if (notice && !a.date)
		return print_usage("%s 需要 --date 年-月-日", "%s needs --date YYYY-MM-DD", "notice");
	if ((rc = cli_open_db(cfg, path, DB_OPEN_READONLY, false, &db)))
		return rc;
	if (notice) {
		rc = notice_reception(db, cfg, a.date, a.out, &out, &err);
	} else if (plan) {
		char today[11];
		clock_today(today);
		rc = notice_plan(db, cfg, a.year ? atoi(a.year) : atoi(today), a.out, &out, &err);
	} else {
		struct ledger_opts o = { .reg = (enum reg_id)reg, .from = p.from, .to = p.to, .out_path = a.out,
					 .unmasked = a.unmasked, .progress = isatty(2) ? print_progress : NULL };
		rc = ledger_write(db, cfg, &o, &out, &pages, &err);
	}
	db_close(db);
	if (rc < 0) {
		cli_error("%s", err ? err : "?");
		free(err);
		return CLI_PROBLEMS;
	}
	rc = print_done(cfg, out, pages);
	free(out);
	return rc;
}
