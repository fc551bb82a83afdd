/* A record's history and the log browser (see history.h): two list screens over db/history.c. */
#include "ui/history.h"

#include "core/auth.h"
#include "core/summary.h"
#include "core/text.h"
#include "core/util.h"
#include "core/visit.h"
#include "db/audit.h"
#include "db/history.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/help.h"
#include "ui/listscreen.h"
#include "ui/login.h"

#include <stdlib.h>
#include <string.h>

/* With accounts on ([accounts] login = yes): personal values in full for the 站长 only; undo for
 * the 站长, and for a 联络员 only of her own changes; never for 只读. Without accounts the one
 * clerk is the station's whole staff and may do both. */
bool audit_may_unmask(void)
{
	const struct auth_user *u = login_current();
	return !login_on() || (u && u->role == AUTH_HEAD);
}

bool audit_may_undo(const char *user)
{
	const struct auth_user *u = login_current();
	if (!login_on())
		return true;
	if (!u || u->role == AUTH_READONLY)
		return false;
	return u->role == AUTH_HEAD || (user && u->name && !strcmp(user, u->name));
}

/* ---- display text of log entries ---- */

/* Labels of columns that are no field of a register's form. */
static const struct {
	const char *col, *label;
} hist_col_labels[] = {
	{ "deleted", "已删除" },
	{ "status", "状态" },
	{ "case_id", "关联案件" },
	{ "case_no", "编号" },
	{ "name_py", "姓名拼音" },
	{ "name_initials", "姓名首字母" },
	{ "uid", "唯一编码" },
	{ "deputy_id", "代表" },
	{ "unit_id", "承办单位" },
	{ "visit_id", "来访登记" },
	{ "reception_day_id", "接待日" },
	{ "suggestion_id", "代表建议" },
	{ "activity_id", "代表活动" },
	{ "plan_id", "活动计划" },
	{ "at", "时间" },
	{ "date", "日期" },
	{ "action", "事项" },
	{ "note", "说明" },
	{ "who", "经办人" },
	{ "due_date", "办理时限" },
	{ "closed_date", "办结日期" },
	{ "followup_date", "征询意见日期" },
	{ "assigned_date", "交办日期" },
	{ "reply_date", "答复日期" },
	{ "result", "办理结果" },
	{ "satisfaction", "满意度" },
	{ "attendance", "出席情况" },
	{ "points", "积分" },
	{ "reason", "理由" },
	{ "name", "名称" },
	{ "sort", "排序" },
};

static const char *hist_label(const char *table, const char *col)
{
	const struct record_def *def = db_history_def(table);
	int f = def ? record_field_index(def, col) : -1;
	if (f >= 0)
		return def->fields[f].label;
	for (size_t i = 0; i < ARRAY_LEN(hist_col_labels); i++)
		if (!strcmp(hist_col_labels[i].col, col))
			return hist_col_labels[i].label;
	return col;
}

static const char *hist_action_label(const char *action)
{
	if (!strcmp(action, "INSERT"))
		return "新建";
	if (!strcmp(action, "UPDATE"))
		return "修改";
	if (!strcmp(action, "DELETE"))
		return "删除";
	if (!strcmp(action, "RESTORE"))
		return "恢复";
	return action;
}

/* A value as shown: "（空）", masked when personal and not unmasked, on one line. New. */
static char *hist_value(const char *table, const char *col, const char *v, bool unmasked)
{
	if (str_empty(v))
		return xstrdup("（空）");
	if (db_audit_cleared(v))
		return xstrdup("（已按期清除）");
	const struct db_audit_personal *p = db_audit_personal(table, col);
	char *out;
	if (p && !unmasked) {
		if (p->mask == AUDIT_MASK_PHONE)
			out = visit_mask_phone(v);
		else if (p->mask == AUDIT_MASK_ADDRESS)
			out = summary_mask_address(v);
		else
			out = xasprintf("%.4s-**-**", v);
	} else {
		out = xstrdup(v);
	}
	for (char *c = out; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	return out;
}

/* "反映问题：旧 -> 新" (an update) or "反映问题：值" (a new record). New. */
static char *hist_change_text(const struct hist_entry *e, const struct hist_change *c, bool unmasked)
{
	char *o = hist_value(e->table, c->col, c->old, unmasked), *n = hist_value(e->table, c->col, c->new, unmasked);
	char *s = !strcmp(e->action, "INSERT") ? xasprintf("%s：%s", hist_label(e->table, c->col), n)
					       : xasprintf("%s：%s -> %s", hist_label(e->table, c->col), o, n);
	free(o);
	free(n);
	return s;
}

/* Columns the clerk sees in a change (derived and bookkeeping columns left out). */
static bool hist_shown(const struct hist_entry *e, const struct hist_change *c)
{
	if (!strcmp(e->action, "INSERT") && !strcmp(c->col, "deleted"))
		return false;
	return strcmp(c->col, "name_py") && strcmp(c->col, "name_initials") && strcmp(c->col, "uid") &&
		strcmp(c->col, "id");
}

/* ---- a record's history ---- */

struct rec_state {
	char *title; /* the screen's title; owned (the list screen borrows it) */
	char *table;
	int64_t row_id;
	bool unmasked;
	bool loaded;
	/* One list row per change shown; rows own their cells. */
	int nrows;
	int64_t *ids;
	char **cells; /* nrows * 4 */
};

static const struct list_col rec_cols[] = {
	{ .title = "时间", .min_width = 16, .max_width = 16, .sort_key = -1, .key = true },
	{ .title = "操作人", .min_width = 6, .max_width = 12, .sort_key = -1 },
	{ .title = "操作", .min_width = 4, .max_width = 4, .sort_key = -1 },
	{ .title = "内容", .min_width = 20, .max_width = 0, .sort_key = -1 },
};
#define REC_NCOLS 4

static void rec_clear(struct rec_state *s)
{
	str_free_array(s->cells, s->nrows * REC_NCOLS);
	free(s->ids);
	s->cells = NULL;
	s->ids = NULL;
	s->nrows = 0;
	s->loaded = false;
}

static void rec_add(struct rec_state *s, const struct hist_entry *e, char *text)
{
	s->ids = xrealloc(s->ids, sizeof *s->ids * (size_t)(s->nrows + 1));
	s->cells = xrealloc(s->cells, sizeof *s->cells * (size_t)(s->nrows + 1) * REC_NCOLS);
	s->ids[s->nrows] = e->id;
	char **c = &s->cells[s->nrows * REC_NCOLS];
	c[0] = xstrndup(e->at, 16);
	c[1] = xstrdup(str_empty(e->user) ? "（未知）" : e->user);
	c[2] = xstrdup(hist_action_label(e->action));
	c[3] = text;
	s->nrows++;
}

/* Read the history into rows: an update gives a row per field it changed. */
static int rec_load(struct rec_state *s, char **err)
{
	struct hist_entry *e = NULL;
	int n = 0;
	rec_clear(s);
	if (db_history_record(app->db, s->table, s->row_id, &e, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		bool any = false;
		if (strcmp(e[i].action, "DELETE") && strcmp(e[i].action, "RESTORE"))
			for (int j = 0; j < e[i].nchanges; j++) {
				if (!hist_shown(&e[i], &e[i].changes[j]))
					continue;
				rec_add(s, &e[i], hist_change_text(&e[i], &e[i].changes[j], s->unmasked));
				any = true;
			}
		if (!any)
			rec_add(s, &e[i],
				xstrdup(!strcmp(e[i].action, "DELETE")            ? "记录被删除"
						: !strcmp(e[i].action, "RESTORE") ? "记录被恢复"
										  : ""));
	}
	db_history_free(e, n);
	s->loaded = true;
	return 0;
}

static int rec_count(void *st, const char *text, int64_t *n, char **err)
{
	(void)text;
	struct rec_state *s = st;
	if (!s->loaded && rec_load(s, err) < 0)
		return -1;
	*n = s->nrows;
	return 0;
}

static int rec_fetch(void *st, const char *text, int sort_key, bool desc, int64_t offset,
		     const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	(void)text, (void)sort_key, (void)desc, (void)after;
	struct rec_state *s = st;
	if (!s->loaded && rec_load(s, err) < 0)
		return -1;
	for (int64_t i = offset; i < s->nrows && i < offset + limit; i++)
		list_page_add(page, REC_NCOLS, s->ids[i], (const char *const *)&s->cells[i * REC_NCOLS]);
	return 0;
}

static char *rec_status(void *st, bool *filtered)
{
	struct rec_state *s = st;
	*filtered = false;
	return xasprintf("个人信息%s", s->unmasked ? "完整显示" : "已打码");
}

/* The undo key: say what will happen, ask, undo (or restore), show the result. */
static int rec_undo(struct screen *scr)
{
	struct rec_state *s = listscreen_state(scr);
	struct hist_entry *e = NULL;
	int n = 0;
	char *err = NULL, *what = NULL;
	if (db_history_record(app->db, s->table, s->row_id, &e, &n, &err) < 0 || n == 0) {
		app_message(MSG_ERROR, "%s", err ? err : "这条记录没有修改记录，没有可撤销的修改");
		goto out;
	}
	if (!audit_may_undo(e[0].user)) {
		app_message(MSG_ERROR, "你的角色不能撤销别人的修改");
		goto out;
	}
	bool restore = !strcmp(e[0].action, "DELETE");
	char *q = restore
		? xstrdup("恢复这条已删除的记录吗？")
		: xasprintf("撤销 %s 在 %.16s 的修改吗？", str_empty(e[0].user) ? "（未知）" : e[0].user, e[0].at);
	bool yes = dialog_confirm(q, "撤销本身也会记入修改记录");
	free(q);
	if (!yes)
		goto out;
	struct visit_ctx vctx = { .cfg = app->cfg, .cal = app->cal, .today = app->today };
	struct hist_undo_ctx ctx = { .visit = &vctx, .today = app->today };
	if (db_history_undo(app->db, &ctx, s->table, s->row_id, &what, &err) < 0) {
		app_message(MSG_ERROR, "没有撤销：%s", err);
	} else {
		app_message(MSG_INFO, "%s", what);
		s->loaded = false;
		listscreen_refilter(scr);
	}
out:
	db_history_free(e, n);
	free(err);
	free(what);
	return UI_REDRAW;
}

/* The mask key: personal values in full, for a role that may see them. */
static int rec_mask(struct screen *scr)
{
	struct rec_state *s = listscreen_state(scr);
	if (!s->unmasked && !audit_may_unmask()) {
		app_message(MSG_ERROR, "你的角色不能查看完整的个人信息");
		return UI_REDRAW;
	}
	s->unmasked = !s->unmasked;
	s->loaded = false;
	listscreen_refilter(scr);
	return UI_REDRAW;
}

static void rec_fini(void *st)
{
	struct rec_state *s = st;
	rec_clear(s);
	free(s->table);
	free(s->title);
	free(s);
}

static const struct binding rec_actions[] = {
	{ .action = ACT_UNDO, .run = rec_undo },
	{ .action = ACT_MASK, .run = rec_mask },
	{ .action = ACT_NONE },
};

const struct help_page record_history_help = {
	.id = "record_history",
	.title = "一条记录的修改历史",
	.note = "选中记录的每一次修改：谁、什么时候、哪一项从什么改成什么。可"
		 "撤销最近一次修改，已删除的记录可以恢复；撤销本身也记入修改记"
		 "录。",
	.keys = rec_actions,
	.flags = HELP_LIST,
};

void history_push(const char *table, int64_t row_id, const char *what)
{
	struct rec_state *s = xcalloc(1, sizeof *s);
	s->table = xstrdup(table);
	s->row_id = row_id;
	s->title = xasprintf("修改历史：%s 第 %lld 条", what ? what : db_audit_label(table), (long long)row_id);
	listscreen_push(&(struct listscreen_desc){ .title = s->title,
						   .cols = rec_cols,
						   .ncols = REC_NCOLS,
						   .count = rec_count,
						   .fetch = rec_fetch,
						   .actions = rec_actions,
						   .status = rec_status,
						   .fini = rec_fini,
						   .state = s,
						   .help = &record_history_help });
}

/* ---- the log browser ---- */

struct log_state {
	char from[11], to[11];
	char *period; /* the period as typed, for the summary; owned */
	bool unmasked;
};

static const struct list_col log_cols[] = {
	{ .title = "时间", .min_width = 16, .max_width = 16, .sort_key = 0, .key = true },
	{ .title = "操作人", .min_width = 6, .max_width = 12, .sort_key = -1 },
	{ .title = "登记簿", .min_width = 12, .max_width = 16, .sort_key = -1 },
	{ .title = "记录", .min_width = 6, .max_width = 8, .sort_key = -1, .align = ALIGN_RIGHT },
	{ .title = "操作", .min_width = 4, .max_width = 4, .sort_key = -1 },
	{ .title = "内容", .min_width = 16, .max_width = 0, .sort_key = -1 },
};
#define LOG_NCOLS 6

static struct hist_filter log_filter(const struct log_state *s, const char *text)
{
	return (struct hist_filter){ .from = s->from, .to = s->to, .text = text };
}

static int log_count(void *st, const char *text, int64_t *n, char **err)
{
	struct hist_filter f = log_filter(st, text);
	return db_history_count(app->db, &f, n, err);
}

/* The 内容 cell: the first changes as text, or what happened. New. */
static char *log_content(const struct hist_entry *e, bool unmasked)
{
	struct strbuf sb;
	sb_init(&sb);
	if (!strcmp(e->action, "DELETE") || !strcmp(e->action, "RESTORE")) {
		sb_add(&sb, !strcmp(e->action, "DELETE") ? "记录被删除" : "记录被恢复");
		return sb_take(&sb);
	}
	for (int i = 0, k = 0; i < e->nchanges && k < 4; i++) {
		if (!hist_shown(e, &e->changes[i]))
			continue;
		char *t = hist_change_text(e, &e->changes[i], unmasked);
		sb_addf(&sb, "%s%s", k++ ? "；" : "", t);
		free(t);
	}
	return sb_take(&sb);
}

static int log_fetch(void *st, const char *text, int sort_key, bool desc, int64_t offset,
		     const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	(void)sort_key;
	struct log_state *s = st;
	struct hist_filter f = log_filter(s, text);
	struct hist_entry *e = NULL;
	int n = 0;
	if (db_history_page(app->db, &f, desc, offset, after ? after->id : 0, limit, &e, &n, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char *cells[LOG_NCOLS];
		cells[0] = xstrndup(e[i].at, 16);
		cells[1] = xstrdup(str_empty(e[i].user) ? "（未知）" : e[i].user);
		cells[2] = xstrdup(db_audit_label(e[i].table));
		cells[3] = xasprintf("%lld", (long long)e[i].row_id);
		cells[4] = xstrdup(hist_action_label(e[i].action));
		cells[5] = log_content(&e[i], s->unmasked);
		list_page_add(page, LOG_NCOLS, e[i].id, (const char *const *)cells);
		for (int c = 0; c < LOG_NCOLS; c++)
			free(cells[c]);
	}
	db_history_free(e, n);
	return 0;
}

static char *log_status(void *st, bool *filtered)
{
	struct log_state *s = st;
	*filtered = *s->from || *s->to;
	return xasprintf("%s%s  个人信息%s", *s->from ? "期间：" : "输入操作人或登记簿名称筛选",
			 *s->from ? s->period : "", s->unmasked ? "完整显示" : "已打码");
}

static void log_set_period(void *st, const struct period *p, const char *text)
{
	struct log_state *s = st;
	snprintf(s->from, sizeof s->from, "%s", p ? p->from : "");
	snprintf(s->to, sizeof s->to, "%s", p ? p->to : "");
	str_set(&s->period, text);
}

static void log_clear_filters(void *st) { log_set_period(st, NULL, ""); }

/* Enter: the history of the record the selected change belongs to. */
static int log_open(struct screen *scr)
{
	int64_t id = listscreen_selected(scr);
	struct hist_entry *e = NULL;
	int n = 0;
	char *err = NULL;
	if (id < 0)
		return UI_REDRAW;
	struct hist_filter f = { 0 };
	/* The entry itself: the row after id + 1 in descending order. */
	if (db_history_page(app->db, &f, true, 0, id + 1, 1, &e, &n, &err) < 0 || n == 0)
		app_message(MSG_ERROR, "%s", err ? err : "找不到这条修改记录");
	else
		history_push(e[0].table, e[0].row_id, db_audit_label(e[0].table));
	db_history_free(e, n);
	free(err);
	return UI_REDRAW;
}

static int log_mask(struct screen *scr)
{
	struct log_state *s = listscreen_state(scr);
	if (!s->unmasked && !audit_may_unmask()) {
		app_message(MSG_ERROR, "你的角色不能查看完整的个人信息");
		return UI_REDRAW;
	}
	s->unmasked = !s->unmasked;
	listscreen_refilter(scr);
	return UI_REDRAW;
}

static void log_fini(void *st)
{
	struct log_state *s = st;
	free(s->period);
	free(s);
}

static const struct binding log_actions[] = {
	{ .action = ACT_OPEN, .run = log_open },
	{ .action = ACT_MASK, .run = log_mask },
	{ .action = ACT_NONE },
};

const struct help_page auditlog_help = {
	.id = "auditlog",
	.title = "修改记录",
	.note = "全部修改记录：谁在什么时候改了哪本台账的哪条记录。直接输入登"
		 "记簿名称或操作人筛选。检查时看：台账的修改有据可查，删除的记"
		 "录可以恢复。",
	.keys = log_actions,
	.flags = HELP_LIST | HELP_PERIOD,
};

void history_log_push(void)
{
	struct log_state *s = xcalloc(1, sizeof *s);
	s->period = xstrdup("");
	listscreen_push(&(struct listscreen_desc){ .title = "修改记录",
						   .cols = log_cols,
						   .ncols = LOG_NCOLS,
						   .sort_col = 0,
						   .desc = true,
						   .count = log_count,
						   .fetch = log_fetch,
						   .actions = log_actions,
						   .status = log_status,
						   .clear_filters = log_clear_filters,
						   .set_period = log_set_period,
						   .period_field = "修改日期",
						   .fini = log_fini,
						   .state = s,
						   .help = &auditlog_help });
}
