/* The help screen: every key of the screen it was opened from, then the general keys, all
 * from the key table, so help and key bar never disagree. */
#include "ui/help.h"

#include "core/text.h"
#include "core/util.h"
#include "ui/app.h"

#include <stdlib.h>
#include <string.h>

struct help {
	const struct binding *keys; /* of the screen below; borrowed (it outlives the help screen) */
	char *below_title;
	const char *note; /* the screen below's note, or NULL; borrowed */
};

/* Keys every screen has besides its own table: F1 is the loop's, and quitting. */
static const enum action general[] = { ACT_HELP, ACT_QUIT, ACT_NONE };

static int help_line(int y, enum action a, int width)
{
	const struct key_binding *b = keys_binding(a);
	ui_text(y, 2, 18, b->spec, ALIGN_LEFT, ROLE_HEADER);
	ui_text(y, 21, 8, b->label, ALIGN_LEFT, ROLE_NORMAL);
	ui_text(y, 30, width - 31, b->help, ALIGN_LEFT, ROLE_NORMAL);
	return y + 1;
}

static bool help_listed(const struct binding *keys, enum action a)
{
	for (const struct binding *b = keys; b && b->action != ACT_NONE; b++)
		if (b->action == a)
			return true;
	return false;
}

/* Every row of the screen's key table (the keys it accepts, nothing else), then F1 and quit. */
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
	h->below_title = xstrdup(below->title);
	s->data = h;
	app_push(s);
}
