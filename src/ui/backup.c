/* The backup offered when the clerk closes the program (docs/BACKUP.md). */
#include "ui/backup.h"

#include "core/clock.h"
#include "core/config.h"
#include "core/util.h"
#include "db/backup.h"
#include "db/restore.h"
#include "ui/app.h"
#include "ui/dialog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder dialog's check: a folder that exists and can be written; the default folder
 * beside the database is made on first use (a USB stick's folder never is). */
struct backup_dir_check {
	const char *default_dir;
};

static char *backup_check_dir(void *ctx, const char *text)
{
	struct backup_dir_check *c = ctx;
	struct stat st;
	if (!*text)
		return xstrdup("请填写备份文件夹，例如 U 盘里的文件夹");
	if (stat(text, &st) < 0 && *c->default_dir && !strcmp(text, c->default_dir) && mkdir(text, 0700) == 0)
		return NULL;
	if (stat(text, &st) < 0)
		return xasprintf("文件夹不存在：%s（U 盘插好了吗？）", text);
	if (!S_ISDIR(st.st_mode))
		return xasprintf("%s 不是文件夹", text);
	if (access(text, W_OK | X_OK) < 0)
		return xasprintf("文件夹不能写入：%s（U 盘是否写保护？）", text);
	return NULL;
}

/* Show msg on the message line until a key is pressed. */
static void backup_tell(enum msg_kind kind, const char *msg)
{
	app_message(kind, "%s（按任意键继续）", msg);
	app_draw_all();
	app_getkey(NULL, NULL);
}

/* Ask for the folder (starting at dir) and back up there until it works or the clerk gives up.
 * Returns true if a backup was made. */
static bool backup_run(const char *code, const char *default_dir, const char *dir)
{
	/* Only the folder beside the database is made when missing, never one station.ini names. */
	struct backup_dir_check c = { str_empty(app->cfg->backup_dir) ? default_dir : "" };
	char *folder = xstrdup(dir);
	bool done = false;
	for (;;) {
		char *picked = dialog_input_check("备份", "备份到哪个文件夹：", folder, 200, backup_check_dir, &c);
		if (!picked)
			break;
		str_set(&folder, picked);
		free(picked);
		char *err = NULL;
		char *made = db_backup_into(app->db, NULL, folder, code, &err);
		if (made) {
			char *msg = NULL;
			int removed = db_backup_prune(folder, code, app->cfg->backup_keep, NULL, NULL, &err);
			/* Remembering the folder is a convenience: the backup is made either way. */
			(void)db_station_set_backup_dir(app->db, folder, NULL);
			/* The file's name first, the folder last: a long path may be cut on a narrow screen. */
			const char *base = strrchr(made, '/') ? strrchr(made, '/') + 1 : made;
			if (removed < 0)
				msg = xasprintf("已备份：%s（检查通过）；清理较早的备份时出错：%s。文件夹 %s", base, err, folder);
			else if (removed)
				msg = xasprintf("已备份：%s（检查通过，删除了 %d 份较早的备份），文件夹 %s", base, removed, folder);
			else
				msg = xasprintf("已备份：%s（检查通过），文件夹 %s", base, folder);
			backup_tell(removed < 0 ? MSG_ERROR : MSG_INFO, msg);
			free(msg);
			free(made);
			free(err);
			done = true;
			break;
		}
		char *q = xasprintf("备份失败：%s", err ? err : "?");
		free(err);
		bool again = dialog_confirm(q, "Y 换个文件夹再试　N 不备份，直接退出");
		free(q);
		if (!again || app_stopping())
			break;
	}
	free(folder);
	return done;
}

/* Raise newest ("YYYY-MM-DD HH:MM:SS" or "") to the newest backup of code in dir. */
static void backup_newest(const char *dir, const char *code, char newest[20])
{
	struct db_backup_list l;
	if (db_backup_list(dir, code, &l, NULL) < 0)
		return;
	if (l.n && strcmp(l.stamps[0], newest) > 0)
		snprintf(newest, 20, "%s", l.stamps[0]);
	db_backup_list_free(&l);
}

void backup_offer_on_quit(void)
{
	const struct cfg *cfg = app->cfg;
	if (cfg->backup_remind_days <= 0 || db_damaged(app->db) || db_readonly(app->db) || app_stopping())
		return;
	char *code = db_station_code(app->db);
	if (!code)
		code = xstrdup(cfg->station_code);
	char *default_dir = cfg_backup_dir(cfg, db_path(app->db));
	char *dir = db_station_backup_dir(app->db);
	if (!dir)
		dir = xstrdup(default_dir);
	/* The newest backup in the folder last used or the default one (station backup's). */
	char newest[20] = "";
	backup_newest(dir, code, newest);
	backup_newest(default_dir, code, newest);
	char *question = NULL;
	if (!*newest)
		question = xstrdup("还没有备份过本站的数据。现在备份吗？");
	else {
		char day[11];
		snprintf(day, sizeof day, "%.10s", newest);
		int64_t age = date_to_days(app->today) - date_to_days(day);
		if (age > cfg->backup_remind_days)
			question = xasprintf("上次备份是 %lld 天前（%s）。现在备份吗？", (long long)age, day);
	}
	if (question && dialog_confirm(question, "Y 备份（可备份到 U 盘）　N 不备份，直接退出"))
		backup_run(code, default_dir, dir);
	free(question);
	free(dir);
	free(default_dir);
	free(code);
}
