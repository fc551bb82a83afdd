/* The help screen: the explanation of the screen it was opened from, every key of that screen,
 * then the general keys, all from the key table, so help and key bar never disagree. And the
 * key reference of the manual (docs/manual/keys.md), written from the same tables. */
#include "ui/help.h"

#include "core/text.h"
#include "core/util.h"
#include "ui/app.h"
#include "ui/form.h"
#include "ui/listscreen.h"
#include "ui/register.h"

#include <stdlib.h>
#include <string.h>

struct help {
	const struct binding *keys; /* of the screen below; borrowed (it outlives the help screen) */
	char *below_title;
	const char *note; /* the screen below's note, or NULL; borrowed */
};

/* Keys every screen has besides its own table: F1 is the loop's, and quitting. */
static const enum action general[] = { ACT_HELP, ACT_QUIT, ACT_NONE };

/* Every kind of screen, in the order of the manual's key reference. */
static const struct help_page *const pages[] = {
	&home_help,	    &visit_form_help,	 &visits_help,	       &reception_days_help, &cases_help,
	&case_help,	    &suggestions_help,	 &suggestion_help,     &projects_help,	     &project_help,
	&votes_help,	    &vote_help,		 &deputies_help,       &deputy_file_help,    &units_help,
	&plans_help,	    &activities_help,	 &training_help,       &signin_help,	     &performance_help,
	&points_help,	    &evaluations_help,	 &report_help,	       &auditlog_help,	     &record_history_help,
	&accounts_help,	    &form_help,		 &settings_help,       &setup_help,
};

int help_page_count(void) { return (int)ARRAY_LEN(pages); }

const struct help_page *help_page_at(int i) { return i >= 0 && i < (int)ARRAY_LEN(pages) ? pages[i] : NULL; }

static int help_line(int y, enum action a, int width)
{
	const struct key_binding *b = keys_binding(a);
	ui_text(y, 2, 18, b->spec, ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 21, 10, b->label, ALIGN_LEFT, ROLE_NORMAL); /* 转民生实事 is 10 columns */
	ui_text(y, 32, width - 33, b->help, ALIGN_LEFT, ROLE_NORMAL);
	return y + 1;
}

static bool help_listed(const struct binding *keys, enum action a)
{
	for (const struct binding *b = keys; b && b->action != ACT_NONE; b++)
		if (b->action == a)
			return true;
	return false;
}

/* The screen's explanation, every row of its key table (the keys it accepts, nothing else), then
 * F1 and quit. */
static void help_draw(struct screen *s, int top, int height, int width)
{
	struct help *h = s->data;
	int y = top + 1;
	int end = top + height;
	char *t = xasprintf("本屏（%s）的按键：", h->below_title);
	ui_text(y++, 1, width - 2, t, ALIGN_LEFT, ROLE_INFO);
	free(t);
	if (h->note) {
		char **lines;
		int n = text_wrap(h->note, width - 4, &lines);
		for (int i = 0; i < n; i++) {
			if (y < end)
				ui_text(y++, 2, width - 4, lines[i], ALIGN_LEFT, ROLE_NORMAL);
			free(lines[i]);
		}
		free(lines);
	}
	for (const struct binding *b = h->keys; b && b->action != ACT_NONE && y < end; b++)
		y = help_line(y, b->action, width);
	for (const enum action *a = general; *a != ACT_NONE && y < end; a++)
		if (!help_listed(h->keys, *a))
			y = help_line(y, *a, width);
	y++;
	if (y < end)
		ui_text(y++, 1, width - 2, "功能键被终端占用时，可用 ^ 开头的 Ctrl 组合键（^S 即 Ctrl-S）。", ALIGN_LEFT,
			ROLE_DIM);
	if (y < end)
		ui_text(y, 1, width - 2,
			"日期可输入 2026-11-22、20261122、11-22 或 今天/t。按键可在 station.ini 的 [keys] 中修改。",
			ALIGN_LEFT, ROLE_DIM);
}

static int help_key(struct screen *s, struct keypress k)
{
	(void)s;
	(void)k;
	return UI_POP; /* any key goes back */
}

static void help_fini(struct screen *s)
{
	struct help *h = s->data;
	free(h->below_title);
	free(h);
}

static const struct screen_ops help_ops = {
	.name = "help",
	.draw = help_draw,
	.key = help_key,
	.fini = help_fini,
};

static const struct binding help_bar[] = { { .action = ACT_BACK }, { .action = ACT_NONE } };

void help_push(struct screen *below)
{
	struct screen *s = screen_new(&help_ops, "帮助", help_bar);
	struct help *h = xcalloc(1, sizeof *h);
	h->keys = below->bindings;
	h->note = below->note;
	/* Every form of every register shares one key table and one explanation. */
	if (!h->note && below->bindings == form_bindings)
		h->note = form_help.note;
	h->below_title = xstrdup(below->title);
	s->data = h;
	app_push(s);
}

/* ---- the key reference (station --keys-md) ---- */

/* One key name as the manual writes it: ^S is Ctrl-S, BTab Shift-Tab, Up ↑ ... */
static const char *help_md_key(const char *k, char *buf, size_t len)
{
	static const struct {
		const char *name, *shown;
	} names[] = { { "BTab", "Shift-Tab" }, { "Up", "↑" }, { "Down", "↓" }, { "Left", "←" }, { "Right", "→" } };
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (!strcmp(k, names[i].name))
			return names[i].shown;
	if (k[0] == '^' && k[1])
		snprintf(buf, len, "Ctrl-%s", k + 1);
	else
		snprintf(buf, len, "%s", k);
	return buf;
}

/* The keys of an action, "F2 / Ctrl-S"; y and Y are one key to the clerk. */
static void help_md_spec(FILE *out, enum action a)
{
	char spec[64], buf[32];
	snprintf(spec, sizeof spec, "%s", keys_binding(a)->spec);
	int n = 0;
	for (char *save = NULL, *tok = strtok_r(spec, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
		if (tok[0] && !tok[1] && tok[0] >= 'a' && tok[0] <= 'z' && strchr(keys_binding(a)->spec, tok[0] - 32))
			continue; /* y with Y */
		fprintf(out, "%s%s", n++ ? " / " : "", help_md_key(tok, buf, sizeof buf));
	}
}

static void help_md_row(FILE *out, const struct binding *b)
{
	const struct key_binding *k = keys_binding(b->action);
	fputs("| ", out);
	help_md_spec(out, b->action);
	fprintf(out, " | %s | %s%s |\n", k->label, k->help, b->hidden ? "（不在底行显示）" : "");
}

/* A page's table as the screen composes it (see struct help_page). */
static void help_md_page(FILE *out, const struct help_page *p)
{
	struct binding own[REGISTER_ACTIONS_MAX], rows[REGISTER_ACTIONS_MAX + LISTSCREEN_EXTRA];
	const struct binding *keys = p->keys;
	if (p->flags & HELP_REGISTER) {
		register_list_actions(p->flags & HELP_REMOVE, p->keys, own);
		keys = own;
	}
	if (p->flags & HELP_LIST) {
		listscreen_table(keys, p->flags & HELP_PERIOD, p->flags & HELP_PRINT, p->flags & HELP_HISTORY, rows);
		keys = rows;
	}
	fprintf(out, "<a id=\"%s\"></a>\n\n### %s\n\n%s\n\n| 按键 | 操作 | 说明 |\n|---|---|---|\n", p->id, p->title,
		p->note);
	for (const struct binding *b = keys; b && b->action != ACT_NONE; b++)
		help_md_row(out, b);
	for (const enum action *a = general; *a != ACT_NONE; a++)
		if (!help_listed(keys, *a))
			help_md_row(out, &(struct binding){ .action = *a });
	fputs("\n", out);
}

int help_keys_md(FILE *out)
{
	fputs("# 按键一览\n\n"
	      "<!-- 本文件由 `station --keys-md` 从程序的按键表（src/ui/keys.c）和各屏的按键表生成，不要手改；\n"
	      "     tests/cli/test_manual_keys.sh 比对，MANUAL_UPDATE=1 重新生成。 -->\n\n"
	      "下面是默认的按键；`station.ini` 的 `[keys]` 可以改（名称见第一张表最后一栏，写法见 "
	      "[CONFIG.md](../CONFIG.md)）。\n"
	      "每个功能键都有一个 Ctrl 组合键，终端占用功能键时用它（如 F2 保存 = Ctrl-S）。"
	      "在任何一屏按 F1 都能看到本屏的说明和按键。\n\n"
	      "## 全部操作\n\n| 按键 | 操作 | 说明 | station.ini 名称 |\n|---|---|---|---|\n",
	      out);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct key_binding *k = keys_binding((enum action)a);
		fputs("| ", out);
		help_md_spec(out, (enum action)a);
		fprintf(out, " | %s | %s | `%s` |\n", k->label, k->help, k->name);
	}
	fputs("\n## 各屏的按键\n\n同一个键在不同的屏上可以是不同的操作（如 F5），以本屏的表为准。\n\n", out);
	for (size_t i = 0; i < ARRAY_LEN(pages); i++)
		fprintf(out, "- [%s](#%s)\n", pages[i]->title, pages[i]->id);
	fputs("\n", out);
	for (size_t i = 0; i < ARRAY_LEN(pages); i++)
		help_md_page(out, pages[i]);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
