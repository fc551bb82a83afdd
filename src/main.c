/* station: options, configuration, then the full-screen program or one command of src/cli/.
 * Exit codes are enum cli_exit (cli/cli.h), listed by --help and docs/COMMANDS.md. */
#include "cli/cli.h"
#include "core/config.h"
#include "core/text.h"
#include "core/util.h"
#include "db/db.h"
#include "ui/help.h"
#include "ui/keys.h"
#include "ui/ui.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The command line, parsed. Strings are borrowed from argv. */
struct main_opts {
	const char *config; /* --config, or NULL */
	const char *db;     /* --db, or NULL */
	bool force;         /* --force (demo) */
	const char *month;  /* --month (visits), or NULL */
	const char *user;   /* --user (import, restore: who, when accounts are on), or NULL */
	bool full;          /* --full (visits) */
	struct cli_export_args ex; /* export and merge options (--quarter ... --expect) */
	bool help, version;
	const char *cmd; /* first word after the options, or NULL */
	int nargs;       /* words after cmd */
	char **args;
};

/* One line of --help: left column and explanation, Chinese and English. */
struct main_help_row {
	const char *left_zh, *left_en, *zh, *en;
};

static const struct main_help_row main_help_cmds[] = {
	{ "（无命令）", "(no command)", "打开全屏界面", "open the full-screen program" },
	{ "check", "check", "检查数据库：完整性、外键、孤立的关联",
	  "check the database: integrity, foreign keys, orphan links" },
	{ "import deputies 文件.csv", "import deputies FILE.csv", "从 CSV 导入代表名册（全部正确才导入）",
	  "import the deputy roster from CSV (all rows or none)" },
	{ "import 台账 文件.csv", "import REGISTER FILE.csv",
	  "导入旧台账，台账为 visits、cases 或 activities（与 export 明细的列相同；全部正确才导入）",
	  "bring old books in: REGISTER is visits, cases or activities (the detail export's columns; all "
	  "rows or none)" },
	{ "import template 台账", "import template REGISTER", "把这种台账的空白导入模板（CSV）写到标准输出",
	  "write the blank import template (CSV) of REGISTER to standard output" },
	{ "demo --db 文件 [--force]", "demo --db FILE [--force]", "创建虚构的演示数据库",
	  "create a fictional demo database" },
	{ "visits --month 年-月", "visits --month YYYY-MM", "列出一个月的来访登记（默认本月）",
	  "list a month's visits (default: this month)" },
	{ "backup [文件夹]", "backup [DIR]", "备份数据库（程序开着也可以；默认放到 [backup] dir）",
	  "back up the database (safe while the program is open; default folder: [backup] dir)" },
	{ "restore 备份文件 [--force]", "restore FILE [--force]", "用备份恢复数据库（当前的另存一份）",
	  "restore the database from a backup (the current one is kept aside)" },
	{ "print 登记簿 --month 年-月", "print REGISTER --month M", "打印台账（PDF）；另有 print notice、print plan",
	  "print a register's ledger (PDF); also print notice, print plan" },
	{ "export summary", "export summary",
	  "导出报送县人大的汇总表（CSV，默认本季度；--quarter、-o）",
	  "export the county summary (CSV; default: this quarter; --quarter, -o)" },
	{ "export visits|cases|...", "export visits|cases|...",
	  "导出明细：visits、cases、suggestions、activities", "export a detail list: visits, cases, suggestions, activities" },
	{ "merge 文件... -o 文件", "merge FILE... -o FILE", "县里合并各站的汇总表或明细",
	  "merge the stations' summaries or detail lists (county)" },
	{ "help", "help", "显示本帮助", "show this help" },
};

static const struct main_help_row main_help_opts[] = {
	{ "--config 路径", "--config PATH", "使用这个配置文件", "use this configuration file" },
	{ "--db 路径", "--db PATH", "使用这个数据库文件（代替配置中的 [database] path）",
	  "use this database file (instead of [database] path)" },
	{ "--force", "--force", "demo、export、merge：替换已有的文件；restore：接受别的站点的备份",
	  "demo, export, merge: replace an existing file; restore: accept another station's backup" },
	{ "--month 年-月", "--month MONTH", "visits：哪个月，如 2026-10", "visits: which month, e.g. 2026-10" },
	{ "--full", "--full", "visits：电话不打码", "visits: do not mask phone numbers" },
	{ "--user 登录名", "--user LOGIN", "import、restore：用这个账号（密码在终端输入或 STATION_PASSWORD）",
	  "import, restore: as this account (password typed, or STATION_PASSWORD)" },
	{ "--quarter 季度", "--quarter Q", "export：哪个季度，如 2026Q3（也可 --month、--from/--to）",
	  "export: which quarter, e.g. 2026Q3 (or --month, --from/--to)" },
	{ "-o 文件", "-o FILE", "export、merge：写到这个文件", "export, merge: the output file" },
	{ "--encoding", "--encoding", "export：编码 utf-8-bom 或 gb18030", "export: utf-8-bom or gb18030" },
	{ "--unmasked", "--unmasked", "export：电话、身份证号、住址不打码", "export: phone, ID number, address in full" },
	{ "--expect", "--expect", "merge：应报送的联络站编号（逗号分隔），缺的列为未报送",
	  "merge: the station codes expected; missing ones are listed" },
	{ "-h, --help", "-h, --help", "显示本帮助", "show this help" },
	{ "-V, --version", "-V, --version", "显示版本", "show the version" },
};

static const struct main_help_row main_help_exits[] = {
	{ "0", "0", "成功", "success" },
	{ "1", "1", "检查发现问题；导入被拒绝（什么也没导入）；demo 不覆盖已有文件；备份、恢复、打印、导出或合并没有完成",
	  "check found problems; import rejected (nothing imported); demo would overwrite a file; backup, restore, "
	  "print, export or merge not done" },
	{ "2", "2", "命令行用法错误", "usage error" },
	{ "3", "3", "配置文件错误", "configuration error" },
	{ "4", "4", "无法打开数据库（不存在、不是数据库、正被另一个 station 使用、文件夹不存在）",
	  "the database cannot be opened (missing, not a database, in use by another station, no folder)" },
	{ "6", "6", "没有登录、登录名或密码不对、账号已锁定，或账号没有这个权限",
	  "no login, a wrong login or password, a locked account, or a role that may not" },
	{ "70", "70", "内部错误", "internal error" },
};

/* Print rows as two columns; the left one padded by display width (CJK is 2 columns). */
static void main_help_table(const char *title, const struct main_help_row *rows, size_t n, int width)
{
	bool en = cli_english();
	printf("%s\n", title);
	for (size_t i = 0; i < n; i++) {
		char *left = text_fit(en ? rows[i].left_en : rows[i].left_zh, width, ALIGN_LEFT, false);
		printf("  %s  %s\n", left, en ? rows[i].en : rows[i].zh);
		free(left);
	}
	printf("\n");
}

static void main_help(void)
{
	char *db = cfg_default_db_path();
	printf("%s\n\n",
	       cli_msg("用法：station [选项] [命令]\n人大代表联络站台账（六簿一册）。",
		       "usage: station [options] [command]\nRegisters of a deputy liaison station."));
	main_help_table(cli_msg("命令：", "Commands:"), main_help_cmds, ARRAY_LEN(main_help_cmds), 26);
	main_help_table(cli_msg("选项：", "Options:"), main_help_opts, ARRAY_LEN(main_help_opts), 14);
	main_help_table(cli_msg("退出码：", "Exit codes:"), main_help_exits, ARRAY_LEN(main_help_exits), 3);
	printf("%s\n", cli_msg("数据存放：", "Where the data lives:"));
	printf(cli_msg("  数据库  %s\n"
		       "          默认在 $XDG_DATA_HOME/station/（未设置时为 ~/.local/share/station/），\n"
		       "          可用 --db 或 station.ini 的 [database] path 改变\n",
		       "  database  %s\n"
		       "            by default in $XDG_DATA_HOME/station/ (unset: ~/.local/share/station/);\n"
		       "            change it with --db or [database] path in station.ini\n"),
	       db);
	printf("%s\n",
	       cli_msg("  配置    --config 路径，否则 $STATION_CONFIG，否则 ./station.ini，\n"
		       "          否则 ~/.config/station/station.ini；都没有时用默认设置",
		       "  config    --config PATH, else $STATION_CONFIG, else ./station.ini,\n"
		       "            else ~/.config/station/station.ini; defaults if none exists"));
	printf("\n%s\n", cli_msg("详见 docs/COMMANDS.md。", "See docs/COMMANDS.md."));
	free(db);
}

static int main_usage_error(const char *zh, const char *en, const char *arg)
{
	cli_error(cli_msg(zh, en), arg);
	cli_error("%s", cli_msg("用 station --help 查看用法", "see station --help"));
	return CLI_USAGE;
}

/* Parse argv into o. Returns -1 when fine, else the exit code (after printing why). */
static int main_parse(int argc, char **argv, struct main_opts *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' }, { "db", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },        { "month", required_argument, NULL, 'm' },
		{ "full", no_argument, NULL, 'F' },         { "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },      { "quarter", required_argument, NULL, 'q' },
		{ "from", required_argument, NULL, 'a' },   { "to", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' }, { "encoding", required_argument, NULL, 'e' },
		{ "unmasked", no_argument, NULL, 'u' },     { "expect", required_argument, NULL, 'x' },
		{ "user", required_argument, NULL, 'U' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	opterr = 0; /* our own messages, in the clerk's language */
	while ((c = getopt_long(argc, argv, ":hVo:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->config = optarg;
			break;
		case 'd':
			o->db = optarg;
			break;
		case 'f':
			o->force = true;
			break;
		case 'm':
			o->month = optarg;
			break;
		case 'F':
			o->full = true;
			break;
		case 'h':
			o->help = true;
			break;
		case 'V':
			o->version = true;
			break;
		case 'q':
			o->ex.quarter = optarg;
			break;
		case 'a':
			o->ex.from = optarg;
			break;
		case 'b':
			o->ex.to = optarg;
			break;
		case 'o':
			o->ex.out = optarg;
			break;
		case 'e':
			o->ex.encoding = optarg;
			break;
		case 'u':
			o->ex.unmasked = true;
			break;
		case 'x':
			o->ex.expect = optarg;
			break;
		case 'U':
			o->user = optarg;
			break;
		case ':':
			return main_usage_error("选项 %s 后面缺少参数", "option %s needs an argument",
						argv[optind - 1]);
		default: {
			/* A short option (-x, perhaps inside -hx) is in optopt; a long one only in argv. */
			char shortopt[3] = { '-', (char)optopt, '\0' };
			return main_usage_error("未知选项 %s", "unknown option %s",
						optopt ? shortopt : argv[optind - 1]);
		}
		}
	}
	if (o->user && !*o->user)
		return main_usage_error("%s不能为空", "%s must not be empty", "--user ");
	if ((o->config && !*o->config) || (o->db && !*o->db))
		return main_usage_error("%s不能为空", "%s must not be empty", o->db && !*o->db ? "--db " : "--config ");
	if (optind < argc) {
		o->cmd = argv[optind];
		o->args = argv + optind + 1;
		o->nargs = argc - optind - 1;
	}
	o->ex.month = o->month;
	o->ex.force = o->force;
	o->ex.nargs = o->nargs;
	o->ex.args = o->args;
	return -1;
}

/* Check the words of a command before any file is touched. Returns -1 when fine. */
static int main_check_command(const struct main_opts *o)
{
	static const char *const known[] = { "check", "import", "demo",  "help",   "visits",
					     "backup", "restore", "print", "export", "merge" };
	const struct cli_export_args *x = &o->ex;
	bool export = o->cmd && !strcmp(o->cmd, "export"), merge = o->cmd && !strcmp(o->cmd, "merge");
	bool ok = false;
	if (!o->cmd)
		ok = true;
	for (size_t i = 0; i < ARRAY_LEN(known) && !ok; i++)
		ok = !strcmp(o->cmd, known[i]);
	if (!ok)
		return main_usage_error("未知命令 %s", "unknown command %s", o->cmd);
	if (o->force && (!o->cmd || (strcmp(o->cmd, "demo") && strcmp(o->cmd, "restore"))) && !export && !merge)
		return main_usage_error("%s 只用于 demo、restore、export、merge 命令",
					"%s is only for demo, restore, export and merge", "--force");
	if (!export && (x->quarter || x->from || x->to || x->encoding || x->unmasked))
		return main_usage_error("%s 只用于 export 命令", "%s is only for the export command",
					x->quarter ? "--quarter" : x->from ? "--from" : x->to ? "--to" : x->encoding ? "--encoding" : "--unmasked");
	if (!export && !merge && x->out)
		return main_usage_error("%s 只用于 export、merge 命令", "%s is only for export and merge", "-o");
	if (!merge && x->expect)
		return main_usage_error("%s 只用于 merge 命令", "%s is only for the merge command", "--expect");
	if (o->user && (!o->cmd || (strcmp(o->cmd, "import") && strcmp(o->cmd, "restore"))))
		return main_usage_error("%s 只用于 import、restore 命令（其他命令不修改台账，不用登录）",
					"%s is only for import and restore (the other commands change nothing)", "--user");
	if (o->full && (!o->cmd || strcmp(o->cmd, "visits")))
		return main_usage_error("%s 只用于 visits 命令", "%s is only for the visits command", "--full");
	if (o->month && (!o->cmd || strcmp(o->cmd, "visits")) && !export)
		return main_usage_error("%s 只用于 visits 命令和 export 命令", "%s is only for the visits and export commands",
					"--month");
	if (o->cmd &&
	    (!strcmp(o->cmd, "check") || !strcmp(o->cmd, "demo") || !strcmp(o->cmd, "help") ||
	     !strcmp(o->cmd, "visits")) &&
	    o->nargs > 0)
		return main_usage_error("多余的参数 %s", "unexpected argument %s", o->args[0]);
	if (o->cmd && !strcmp(o->cmd, "backup") && o->nargs > 1)
		return main_usage_error("多余的参数 %s", "unexpected argument %s", o->args[1]);
	if (o->cmd && !strcmp(o->cmd, "restore") && o->nargs != 1)
		return o->nargs ? main_usage_error("多余的参数 %s", "unexpected argument %s", o->args[1])
				: main_usage_error("%s 需要备份文件：station restore 备份文件",
						   "%s needs the backup file: station restore FILE", "restore");
	if (o->cmd && !strcmp(o->cmd, "demo") && !o->db)
		return main_usage_error("%s 需要 --db 文件（演示数据库不会放在正式数据的位置）",
					"%s needs --db FILE (a demo never goes where the real data lives)", "demo");
	return -1;
}

/* Index of the command word in argv (after the options and their values), or argc. */
static int main_cmd_index(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--config") || !strcmp(argv[i], "--db") || !strcmp(argv[i], "--month") ||
		    !strcmp(argv[i], "--user"))
			i++;
		else if (argv[i][0] != '-')
			return i;
	}
	return argc;
}

/* Load the configuration; print its warnings. Returns -1 when fine, else CLI_CONFIG.
 * The messages of cfg_load are Chinese: under English they follow English words, as data. */
static int main_config(const char *path, struct cfg *cfg)
{
	char *err = NULL;
	if (cfg_load(path, cfg, &err)) {
		/* One message per line, each prefixed like every other message. */
		char *save = NULL;
		for (char *line = strtok_r(err, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			cli_error(cli_msg("%s", "configuration error: %s"), line);
		free(err);
		return CLI_CONFIG;
	}
	if (!cfg->path && cli_english()) { /* no file: the one warning, said in English */
		cli_error("no station.ini found; using the default settings");
		return -1;
	}
	for (int i = 0; i < cfg->nwarnings; i++)
		cli_error(cli_msg("%s", "configuration warning: %s"), cfg->warnings[i]);
	return -1;
}

/* The full-screen program on the configured (or --db) database. */
static int main_ui(struct cfg *cfg, const char *path, bool create_folder)
{
	struct db *db = NULL;
	struct stat st;
	bool new_db = stat(path, &st) != 0; /* the first run's walk-through is for a new file */
	/* Interactive: a damaged file opens for viewing, with a banner (not refused). */
	int rc = cli_open_db(cfg, path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE | DB_OPEN_INTERACTIVE, create_folder, &db);
	if (rc)
		return rc;
	rc = ui_run(cfg, db, new_db);
	db_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	struct main_opts o = { 0 };
	struct cfg cfg;
	int rc;
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8"))
		setlocale(LC_CTYPE, "C.UTF-8");
	/* Hidden: the manual's key reference from the key tables (docs/manual/keys.md,
	 * tests/cli/test_manual_keys.sh), with the default keys, no station.ini. */
	if (argc == 2 && !strcmp(argv[1], "--keys-md")) {
		keys_init(NULL, NULL, NULL);
		return help_keys_md(stdout) == 0 ? CLI_OK : CLI_PROBLEMS;
	}
	/* print parses its own options (cli/print.c): main's stop at the command word */
	int ci = main_cmd_index(argc, argv);
	bool print = ci < argc && !strcmp(argv[ci], "print");
	if ((rc = main_parse(print ? ci + 1 : argc, argv, &o)) >= 0)
		return rc;
	if (print) {
		o.args = argv + ci;
		o.nargs = argc - ci;
	}
	if (o.help || (o.cmd && !strcmp(o.cmd, "help"))) {
		main_help();
		return CLI_OK;
	}
	if (o.version) {
		printf("station %s\n", STATION_VERSION);
		return CLI_OK;
	}
	if ((rc = main_check_command(&o)) >= 0)
		return rc;
	if ((rc = main_config(o.config, &cfg)) >= 0)
		return rc;
	const char *path = o.db ? o.db : cfg.db_path;
	bool default_path = !o.db && cfg.db_path_default;
	if (!o.cmd)
		rc = main_ui(&cfg, path, default_path);
	else if (!strcmp(o.cmd, "check"))
		rc = cli_check(&cfg, path);
	else if (!strcmp(o.cmd, "import"))
		rc = cli_import(&cfg, path, default_path, o.user, o.nargs, o.args);
	else if (!strcmp(o.cmd, "visits"))
		rc = cli_visits(&cfg, path, o.month, o.full);
	else if (!strcmp(o.cmd, "backup"))
		rc = cli_backup(&cfg, path, o.nargs ? o.args[0] : NULL);
	else if (!strcmp(o.cmd, "restore"))
		rc = cli_restore(&cfg, path, o.args[0], o.force, o.user);
	else if (!strcmp(o.cmd, "print"))
		rc = cli_print(&cfg, path, o.nargs, o.args);
	else if (!strcmp(o.cmd, "export"))
		rc = cli_export(&cfg, path, &o.ex);
	else if (!strcmp(o.cmd, "merge"))
		rc = cli_merge(&cfg, &o.ex);
	else
		rc = cli_demo(&cfg, path, o.force);
	cfg_free(&cfg);
	return rc;
}
