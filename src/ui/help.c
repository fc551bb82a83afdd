/* The help screen: every key of the screen it was opened from, then the general keys, all
 * from the key table, so help and key bar never disagree. */
#include "ui/help.h"

#include "core/text.h"
#include "core/util.h"
#include "ui/app.h"

#include <stdlib.h>
#include <string.h>

struct help {
	const enum action *keys; /* of the screen below */
	char *below_title;
	int scroll;
};

static const enum action general[] = { ACT_HELP,   ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_PICK, ACT_SAVE,
				       ACT_UP,     ACT_DOWN,       ACT_PGUP,       ACT_PGDN, ACT_TOP,
				       ACT_BOTTOM, ACT_CLEAR,      ACT_BACK,       ACT_QUIT, ACT_NONE };

static int help_line(int y, enum action a, int width)
{
	const struct key_binding *b = keys_binding(a);
	ui_text(y, 2, 18, b->spec, ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 21, 8, b->label, ALIGN_LEFT, ROLE_NORMAL);
	ui_text(y, 30, width - 31, b->help, ALIGN_LEFT, ROLE_NORMAL);
	return y + 1;
}

static void help_draw(struct screen *s, int top, int height, int width)
{
	struct help *h = s->data;
	int y = top + 1;
	int end = top + height;
	char *t = xasprintf("本屏（%s）的按键：", h->below_title);
	ui_text(y++, 1, width - 2, t, ALIGN_LEFT, ROLE_INFO);
	free(t);
	for (const enum action *a = h->keys; a && *a != ACT_NONE && y < end; a++)
		y = help_line(y, *a, width);
	y++;
	if (y < end)
		ui_text(y++, 1, width - 2, "通用按键（功能键被终端占用时，可用 Ctrl 组合键，如 Ctrl-S 保存）：",
			ALIGN_LEFT, ROLE_INFO);
	for (const enum action *a = general; *a != ACT_NONE && y < end; a++) {
		bool dup = false;
		for (const enum action *b = h->keys; b && *b != ACT_NONE; b++)
			dup |= *a == *b;
		if (!dup)
			y = help_line(y, *a, width);
	}
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

static const enum action help_bar[] = { ACT_BACK, ACT_NONE };

void help_push(struct screen *below)
{
	struct screen *s = screen_new(&help_ops, "帮助", help_bar);
	struct help *h = xcalloc(1, sizeof *h);
	h->keys = below->keybar;
	h->below_title = xstrdup(below->title);
	s->data = h;
	app_push(s);
}
