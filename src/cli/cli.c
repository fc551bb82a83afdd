/* Shared by the commands: the message language, error lines, opening the database. */
#include "cli/cli.h"

#include "db/restore.h"
#include "db/search.h"
#include "db/settings.h"
#include "db/users.h"

#include "core/auth.h"
#include "core/util.h"

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

bool cli_english(void)
{
	/* POSIX precedence for messages: LC_ALL, then LC_MESSAGES, then LANG. */
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) /* "en", "en_US.UTF-8", "en@..." are English; C, POSIX, zh_* are not */
			return str_starts(v, "en") && (!v[2] || strchr("_.@", v[2]));
	}
	return false; /* nothing set: the clerk's language */
}

const char *cli_msg(const char *zh, const char *en) { return cli_english() ? en : zh; }

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("station: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* mkdir -p with mode 0700 for each folder made. Returns 0 or -1 with errno set. */
static int cli_mkdir_p(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

/* The folder part of path (new string). */
static char *cli_dirname(const char *path)
{
	char *copy = xstrdup(path);
	char *d = xstrdup(dirname(copy));
	free(copy);
	return d;
}

/* The progress line of an upgrade that builds the full-text indexes (schema 0018: about
 * 20 s on a million visits), on a terminal only. */
static void cli_search_progress(const char *what, int percent)
{
	fprintf(stderr, "\r%s %s：%d%%", cli_msg("正在建立全文检索索引", "building the full-text index"), what, percent);
	if (percent >= 100)
		fputc('\n', stderr);
	fflush(stderr);
}

int cli_open_db(const struct cfg *cfg, const char *path, int flags, bool create_folder, struct db **out)
{
	struct stat st;
	char *dir = cli_dirname(path), *err = NULL;
	int rc = CLI_DB;
	*out = NULL;
	if (create_folder && (flags & DB_OPEN_CREATE) && cli_mkdir_p(dir)) {
		cli_error(cli_msg("无法创建数据文件夹 %s：%s", "cannot create the data folder %s: %s"), dir,
			  strerror(errno));
		goto out;
	}
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		cli_error(cli_msg("数据库所在的文件夹不存在：%s", "the database folder does not exist: %s"), dir);
		goto out;
	}
	if (!(flags & DB_OPEN_CREATE) && stat(path, &st)) {
		cli_error(cli_msg("找不到数据库文件：%s", "database file not found: %s"), path);
		goto out;
	}
	search_build_progress = isatty(STDERR_FILENO) ? cli_search_progress : NULL;
	if (db_open(path, flags, out, &err)) {
		cli_error(cli_msg("无法打开数据库 %s：%s", "cannot open the database %s: %s"), path, err ? err : "?");
		goto out;
	}
	/* The full-screen program shows the notice on its message line. */
	if (db_notice(*out) && !(flags & DB_OPEN_INTERACTIVE))
		cli_error("%s：%s", db_notice(*out), path);
	/* The clerk's name goes into the audit log, which a read-only check never writes. */
	if (!(flags & DB_OPEN_READONLY) && cfg->user && db_set_user(*out, cfg->user, &err)) {
		cli_error(cli_msg("无法打开数据库 %s：%s", "cannot open the database %s: %s"), path, err ? err : "?");
		db_close(*out);
		*out = NULL;
		goto out;
	}
	/* Settings kept in the database win over station.ini (db/settings.h; a value the parsers
	 * refuse is skipped, and the full-screen program says so). main's cfg is writable. */
	if (db_settings_apply(*out, (struct cfg *)cfg, NULL, &err) < 0) {
		cli_error(cli_msg("无法打开数据库 %s：%s", "cannot open the database %s: %s"), path, err ? err : "?");
		db_close(*out);
		*out = NULL;
		goto out;
	}
	/* The file remembers which station it belongs to (for station restore), the first time. */
	if (!(flags & DB_OPEN_READONLY) && db_station_claim(*out, cfg->station_code, cfg->station_name, &err) < 0) {
		cli_error(cli_msg("无法打开数据库 %s：%s", "cannot open the database %s: %s"), path, err ? err : "?");
		db_close(*out);
		*out = NULL;
		goto out;
	}
	rc = CLI_OK;
out:
	free(err);
	free(dir);
	return rc;
}

/* The password: $STATION_PASSWORD (for scripts), else typed at the terminal without echo. A new
 * string (the caller wipes it), or NULL after saying why. */
static char *cli_password(const char *user)
{
	const char *env = getenv("STATION_PASSWORD");
	if (env)
		return xstrdup(env);
	if (!isatty(STDIN_FILENO)) {
		cli_error(cli_msg("需要 %s 的密码：请在终端上运行，或把密码放在环境变量 STATION_PASSWORD",
				  "the password of %s is needed: run at a terminal, or put it in STATION_PASSWORD"),
			  user);
		return NULL;
	}
	struct termios old, quiet;
	bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
	fprintf(stderr, cli_msg("%s 的密码：", "password of %s: "), user);
	fflush(stderr);
	if (tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	if (n < 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

int cli_login(const struct cfg *cfg, struct db *db, const char *user, int action)
{
	int64_t n = 0;
	char *err = NULL;
	if (!cfg->login)
		return CLI_OK;
	if (db_users_count(db, &n, &err) < 0) {
		cli_error(cli_msg("无法读取账号：%s", "cannot read the accounts: %s"), err);
		free(err);
		return CLI_DB;
	}
	if (n == 0)
		return CLI_OK; /* no account yet: the first run of the program makes the head's */
	if (!user || !*user) {
		cli_error("%s", cli_msg("这个命令会修改台账，要登录：加 --user 登录名（密码在终端上输入，或放在环境变量 "
					"STATION_PASSWORD）",
					"this command changes the ledger and needs a login: add --user LOGIN (the "
					"password is typed at the terminal, or put in STATION_PASSWORD)"));
		return CLI_DENIED;
	}
	char *pw = cli_password(user);
	if (!pw)
		return CLI_DENIED;
	struct auth_user u = { 0 };
	int rc = db_users_login(db, user, pw, cfg->lock_minutes, &u, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc < 0) {
		cli_error(cli_msg("不能登录：%s", "cannot log in: %s"), err);
		free(err);
		return CLI_DENIED;
	}
	const char *no = auth_refusal(u.role, (enum auth_action)action);
	if (no) {
		cli_error(cli_msg("%s（%s 是%s）", "not allowed: %s (%s is %s)"), no, u.login, auth_role_label(u.role));
		auth_user_free(&u);
		return CLI_DENIED;
	}
	rc = db_set_user(db, u.name, &err) < 0 ? CLI_DB : CLI_OK;
	if (rc) {
		cli_error("%s", err);
		free(err);
	}
	auth_user_free(&u);
	return rc;
}
