/* 票决会议: the list of vote sessions (F3 a new one: date, meeting, 应到, 实到), and the screen of
 * one session: its projects ranked by 赞成 with whether each passes by the rule in station.ini
 * ([projects] pass_rule), F3 the votes of one more candidate (a project in 初选), F9 公布结果
 * (db_votes_decide: passed ones go to 实施, the others 未通过), Enter the selected project. */
#include "core/project.h"
#include "core/text.h"
#include "core/util.h"
#include "db/projects.h"
#include "db/votes.h"
#include "ui/actform.h"
#include "ui/app.h"
#include "ui/choices.h"
#include "ui/dialog.h"
#include "ui/help.h"
#include "ui/list.h"
#include "ui/listscreen.h"
#include "ui/projects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the session form ---- */

static const struct action_field vt_session_fields[] = {
	{ "date", "会议日期", true, 0 },
	{ "meeting", "会议名称", true, 60 },
	{ "expected", "应到人数", true, 0 },
	{ "present", "实到人数", true, 0 },
};

static int vt_session_do(void *ctx, const struct actform *a, char **done, struct refusal *why)
{
	int64_t *open_after = ctx, id = 0;
	struct vote_session s = {
		.date = actform_get(a, "date"),
		.meeting = actform_get(a, "meeting"),
		.expected = atoi(actform_get(a, "expected")),
		.present = atoi(actform_get(a, "present")),
	};
	if (db_votes_session_save(app->db, 0, &s, app->today, &id, why) < 0)
		return -1;
	*open_after = id;
	*done = xasprintf("已新增票决会议：%s", s.meeting);
	return 0;
}

/* ---- the list ---- */

static const struct list_col vt_cols[] = {
	{ "日期", 10, 10, ALIGN_LEFT, -1, true, 0 },   { "应到", 4, 4, ALIGN_RIGHT, -1, false, 0 },
	{ "实到", 4, 4, ALIGN_RIGHT, -1, false, 0 },   { "项目", 4, 4, ALIGN_RIGHT, -1, false, 0 },
	{ "结果", 6, 6, ALIGN_LEFT, -1, false, 0 },    { "会议", 12, 0, ALIGN_LEFT, -1, false, 0 },
};

struct vtlist {
	int64_t open_id;
};

static int vtlist_count(void *ctx, const char *text, int64_t *n, char **err)
{
	(void)ctx;
	return db_votes_sessions_count(app->db, text, n, err);
}

static int vtlist_row(void *ud, const struct vote_session_info *s)
{
	char e[16], p[16], n[16];
	snprintf(e, sizeof e, "%d", s->expected);
	snprintf(p, sizeof p, "%d", s->present);
	snprintf(n, sizeof n, "%d", s->nprojects);
	const char *cells[] = { s->date, e, p, n, s->decided ? "已公布" : "未公布", s->meeting };
	list_page_add(ud, (int)ARRAY_LEN(vt_cols), s->id, cells);
	return 0;
}

static int vtlist_fetch(void *ctx, const char *text, int sort_key, bool desc, int64_t offset,
			const struct list_anchor *after, int limit, struct list_page *page, char **err)
{
	(void)ctx, (void)sort_key, (void)desc, (void)after;
	return db_votes_sessions_page(app->db, text, offset, limit, vtlist_row, page, err);
}

static int vtlist_new(struct screen *sc)
{
	struct vtlist *l = listscreen_state(sc);
	struct actform *a = actform_new("新增", vt_session_fields, (int)ARRAY_LEN(vt_session_fields));
	actform_push(a, "新增票决会议", "vote_session", 0, vt_session_do, &l->open_id, NULL);
	return UI_REDRAW;
}

static int vtlist_open(struct screen *sc)
{
	if (listscreen_selected(sc) >= 0)
		vote_session_push(listscreen_selected(sc));
	return UI_REDRAW;
}

static void vtlist_reload(struct screen *sc)
{
	struct vtlist *l = listscreen_state(sc);
	if (l->open_id > 0) {
		int64_t id = l->open_id;
		l->open_id = 0;
		vote_session_push(id);
	}
}

static const struct binding vtlist_actions[] = {
	{ .action = ACT_NEW, .run = vtlist_new },
	{ .action = ACT_OPEN, .run = vtlist_open },
	{ .action = ACT_NONE },
};

const struct help_page votes_help = {
	.id = "votes",
	.title = "民生实事项目票决会议",
	.note = "人大票决民生实事项目的会议：日期、应到和实到人数、每个项目的"
		 "票数。检查时看：票决有记录，通过的项目转入实施。",
	.keys = vtlist_actions,
	.flags = HELP_LIST,
};

void votes_push(void)
{
	struct vtlist *l = xcalloc(1, sizeof *l);
	listscreen_push(&(struct listscreen_desc){ .title = "民生实事项目票决会议",
						   .cols = vt_cols,
						   .ncols = (int)ARRAY_LEN(vt_cols),
						   .sort_col = 0,
						   .desc = true,
						   .count = vtlist_count,
						   .fetch = vtlist_fetch,
						   .actions = vtlist_actions,
						   .reload = vtlist_reload,
						   .fini = free,
						   .state = l,
						   .help = &votes_help });
}

/* ---- one session ---- */

struct vtrow {
	int64_t project_id;
	char *title;
	int yes, no, abstain, passed;
	bool would_pass;
};

struct vtscr {
	int64_t id;
	struct vote_session_info info;
	bool loaded;
	char *error;
	struct vtrow *rows;
	int n, cursor;
};

static int vtscr_add_row(void *ud, const struct vote_row *r)
{
	struct vtscr *s = ud;
	s->rows = xrealloc(s->rows, sizeof *s->rows * (size_t)(s->n + 1));
	s->rows[s->n++] = (struct vtrow){ .project_id = r->project_id,
					  .title = xstrdup(r->title),
					  .yes = r->yes,
					  .no = r->no,
					  .abstain = r->abstain,
					  .passed = r->passed,
					  .would_pass = r->would_pass };
	return 0;
}

static void vtscr_clear(struct vtscr *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->rows[i].title);
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
	if (s->loaded)
		db_vote_session_info_free(&s->info);
	s->loaded = false;
	free(s->error);
	s->error = NULL;
}

static void vtscr_load(struct vtscr *s)
{
	char *err = NULL;
	vtscr_clear(s);
	if (db_votes_session_get(app->db, s->id, &s->info, &err) < 0 ||
	    db_votes_rows(app->db, s->id, app->cfg->project_pass_of_present, vtscr_add_row, s, &err) < 0) {
		s->error = err;
		return;
	}
	s->loaded = true;
	if (s->cursor >= s->n)
		s->cursor = s->n ? s->n - 1 : 0;
}

static void vtscr_draw(struct screen *sc, int top, int height, int width)
{
	struct vtscr *s = sc->data;
	int y = top + 1, end = top + height;
	if (s->error || !s->loaded) {
		ui_text(y, 2, width - 4, s->error ? s->error : "", ALIGN_LEFT, ROLE_ERROR);
		return;
	}
	const struct vote_session_info *in = &s->info;
	bool of_present = in->decided ? !strcmp(in->rule, "实到") : app->cfg->project_pass_of_present;
	char *h = xasprintf("%s  %s", in->date, in->meeting);
	ui_text(y++, 2, width - 4, h, ALIGN_LEFT, ROLE_HEADER);
	free(h);
	h = xasprintf("应到 %d 人，实到 %d 人；通过规则：赞成票%s（至少 %d 票）；%s", in->expected, in->present,
		      project_rule_label(of_present), project_pass_need(of_present, in->expected, in->present),
		      in->decided ? "结果已公布" : "结果未公布");
	ui_text(y++, 2, width - 4, h, ALIGN_LEFT, ROLE_INFO);
	free(h);
	y++;
	ui_text(y, 2, 4, "名次", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 7, 6, "赞成", ALIGN_RIGHT, ROLE_HEADER);
	ui_text(y, 14, 6, "反对", ALIGN_RIGHT, ROLE_HEADER);
	ui_text(y, 21, 6, "弃权", ALIGN_RIGHT, ROLE_HEADER);
	ui_text(y, 29, 10, "结果", ALIGN_LEFT, ROLE_HEADER);
	ui_text(y++, 40, width - 42, "项目", ALIGN_LEFT, ROLE_HEADER);
	if (!s->n) {
		char *e = xasprintf("（还没有录入项目的票数；按 %s 录入一个初选项目的票数）", keys_first_name(ACT_NEW));
		ui_text(y, 2, width - 4, e, ALIGN_LEFT, ROLE_DIM);
		free(e);
	}
	for (int i = 0; i < s->n && y < end; i++, y++) {
		const struct vtrow *r = &s->rows[i];
		enum ui_role role = i == s->cursor ? ROLE_CURSOR : ROLE_NORMAL;
		char c[4][16];
		snprintf(c[0], sizeof c[0], "%d", i + 1);
		snprintf(c[1], sizeof c[1], "%d", r->yes);
		snprintf(c[2], sizeof c[2], "%d", r->no);
		snprintf(c[3], sizeof c[3], "%d", r->abstain);
		const char *res = r->passed == 1 ? "通过" : r->passed == 0 ? "未通过" : r->would_pass ? "（可通过）" : "（不足）";
		ui_clear(y, 1, 1, width - 2, role);
		ui_text(y, 2, 4, c[0], ALIGN_LEFT, role);
		ui_text(y, 7, 6, c[1], ALIGN_RIGHT, role);
		ui_text(y, 14, 6, c[2], ALIGN_RIGHT, role);
		ui_text(y, 21, 6, c[3], ALIGN_RIGHT, role);
		ui_text(y, 29, 10, res, ALIGN_LEFT, role);
		ui_text(y, 40, width - 42, r->title, ALIGN_LEFT, role);
	}
}

/* The candidates (初选) for the vote row's pick list. */
static int vt_add_candidate(void *ud, int64_t id, const char *const *v)
{
	choices_add(ud, id, v[PJ_TITLE]);
	return 0;
}

static const struct action_field vt_vote_fields[] = {
	{ "project", "项目（初选入选的）", true, 60 },
	{ "yes", "赞成", true, 0 },
	{ "no", "反对", true, 0 },
	{ "abstain", "弃权", true, 0 },
};

static int vt_vote_do(void *ctx, const struct actform *a, char **done, struct refusal *why)
{
	int64_t *sid = ctx;
	int64_t pid = actform_choice_id(a, "project");
	if (!pid && *actform_get(a, "project"))
		return refusal_set(why, "project", xasprintf("请按 %s 从初选项目中选择", keys_first_name(ACT_PICK)));
	if (db_votes_add(app->db, *sid, pid, atoi(actform_get(a, "yes")), atoi(actform_get(a, "no")),
			 atoi(actform_get(a, "abstain")), why) < 0)
		return -1;
	*done = xasprintf("已录入《%s》的票数", actform_get(a, "project"));
	return 0;
}

static int vtscr_new(struct screen *sc)
{
	struct vtscr *s = sc->data;
	struct choice_list items = { 0 };
	struct project_filter f = { .status = "初选", .today = app->today };
	char *err = NULL;
	if (!s->loaded)
		return UI_REDRAW;
	if (s->info.decided) {
		app_message(MSG_ERROR, "这次会议的结果已经公布，不能再录入");
		return UI_REDRAW;
	}
	if (db_projects_page(app->db, &f, PJ_TITLE, false, 0, 500, vt_add_candidate, &items, &err) < 0) {
		app_message(MSG_ERROR, "%s", err);
		free(err);
	}
	struct actform *a = actform_new("录入", vt_vote_fields, (int)ARRAY_LEN(vt_vote_fields));
	actform_set_items(a, "project", &items);
	char *label = xasprintf("赞成（实到 %d 人）", s->info.present);
	actform_set_label(a, "yes", label);
	free(label);
	int64_t *sid = xmalloc(sizeof *sid);
	*sid = s->id;
	actform_push(a, "录入项目票数", "project_vote", s->id, vt_vote_do, sid, free);
	return UI_REDRAW;
}

static int vtscr_decide(struct screen *sc)
{
	struct vtscr *s = sc->data;
	struct refusal why = { 0 };
	int passed = 0;
	bool of_present = app->cfg->project_pass_of_present;
	if (!s->loaded)
		return UI_REDRAW;
	char *q = xasprintf("公布这次会议 %d 个项目的票决结果吗？", s->n);
	char *d = xasprintf("按赞成票%s计算；公布后不能再录入或修改", project_rule_label(of_present));
	bool ok = dialog_confirm(q, d);
	free(q);
	free(d);
	if (!ok)
		return UI_REDRAW;
	if (db_votes_decide(app->db, s->id, of_present, &passed, &why) < 0) {
		app_message(MSG_ERROR, "没有公布：%s", why.msg);
		refusal_clear(&why);
	} else {
		app_message(MSG_INFO, "已公布：%d 个项目通过，转入实施；%d 个未通过", passed, s->n - passed);
	}
	vtscr_load(s);
	return UI_REDRAW;
}

static int vtscr_open(struct screen *sc)
{
	struct vtscr *s = sc->data;
	if (s->n)
		project_push(s->rows[s->cursor].project_id);
	return UI_REDRAW;
}

static int vtscr_up(struct screen *sc)
{
	struct vtscr *s = sc->data;
	if (s->cursor > 0)
		s->cursor--;
	return UI_REDRAW;
}

static int vtscr_down(struct screen *sc)
{
	struct vtscr *s = sc->data;
	if (s->cursor + 1 < s->n)
		s->cursor++;
	return UI_REDRAW;
}

static int vtscr_back(struct screen *sc)
{
	(void)sc;
	return UI_POP;
}

static int vtscr_quit(struct screen *sc)
{
	(void)sc;
	return UI_QUIT;
}

static int vtscr_key(struct screen *sc, struct keypress k)
{
	(void)sc, (void)k;
	return UI_REDRAW;
}

static void vtscr_reload(struct screen *sc) { vtscr_load(sc->data); }

static void vtscr_fini(struct screen *sc)
{
	struct vtscr *s = sc->data;
	vtscr_clear(s);
	free(s);
}

static const struct screen_ops vtscr_ops = {
	.name = "vote_session",
	.draw = vtscr_draw,
	.key = vtscr_key,
	.reload = vtscr_reload,
	.fini = vtscr_fini,
};

static const struct binding vtscr_bar[] = {
	{ .action = ACT_HELP },
	{ .action = ACT_NEW, .run = vtscr_new },
	{ .action = ACT_DECIDE, .run = vtscr_decide },
	{ .action = ACT_OPEN, .run = vtscr_open },
	{ .action = ACT_BACK, .run = vtscr_back },
	{ .action = ACT_QUIT, .run = vtscr_quit },
	{ .action = ACT_UP, .run = vtscr_up, .hidden = true },
	{ .action = ACT_DOWN, .run = vtscr_down, .hidden = true },
	{ .action = ACT_NONE },
};

const struct help_page vote_help = {
	.id = "vote",
	.title = "票决会议",
	.note = "一次票决会议：录入每个候选项目的赞成、反对、弃权票数，公布结"
		 "果时按 station.ini 的通过规则算出哪些项目通过。",
	.keys = vtscr_bar,
	.flags = 0,
};

void vote_session_push(int64_t id)
{
	struct vtscr *s = xcalloc(1, sizeof *s);
	s->id = id;
	vtscr_load(s);
	struct screen *sc = screen_new(&vtscr_ops, "票决会议", vtscr_bar);
	sc->note = xstrdup(vote_help.note);
	sc->data = s;
	app_push(sc);
}
