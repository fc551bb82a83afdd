/* The home screen: a menu of the registers built so far and a short summary.
 * Later work adds the dashboard (overdue cases, reception days) here. */
#include "ui/home.h"

#include "core/config.h"
#include "core/text.h"
#include "core/util.h"
#include "db/deputies.h"
#include "ui/app.h"
#include "ui/deputies.h"

#include <stdlib.h>

struct menu_item {
	enum reg_id reg;     /* title from station.ini [registers] */
	void (*open)(void);
};

static const struct menu_item items[] = {
	{ REG_DEPUTIES, deputies_push },
};

struct home {
	int cursor;
};

static void home_draw(struct screen *s, int top, int height, int width)
{
	struct home *h = s->data;
	const struct cfg *c = app->cfg;
	int y = top + 1;
	char *t = xasprintf("%s    %s%s    %s", c->station_name ? c->station_name : "", c->county ? c->county : "",
			    c->township ? c->township : "", c->address ? c->address : "");
	ui_text(y++, 2, width - 4, t, ALIGN_LEFT, ROLE_HEADER);
	free(t);
	y++;
	ui_text(y++, 2, width - 4, "台账（按 Enter 打开，或按数字键）：", ALIGN_LEFT, ROLE_INFO);
	for (int i = 0; i < (int)ARRAY_LEN(items); i++) {
		char *line = xasprintf(" %d  %s", i + 1, c->titles[items[i].reg]);
		ui_text(y++, 4, 30, line, ALIGN_LEFT, i == h->cursor ? ROLE_CURSOR : ROLE_NORMAL);
		free(line);
	}
	y++;
	int64_t in_office = 0, all = 0;
	struct deputy_filter f = { 0 };
	char *err = NULL;
	if (db_deputies_count(app->db, &f, &in_office, &err) == 0) {
		f.include_left = true;
		db_deputies_count(app->db, &f, &all, NULL);
		char *sum = xasprintf("在任代表 %lld 名（含离任共 %lld 名）", (long long)in_office, (long long)all);
		ui_text(y++, 2, width - 4, sum, ALIGN_LEFT, ROLE_NORMAL);
		free(sum);
	} else {
		ui_text(y++, 2, width - 4, err, ALIGN_LEFT, ROLE_ERROR);
		free(err);
	}
	(void)height;
}

static const enum action home_actions[] = { ACT_UP, ACT_DOWN, ACT_OPEN, ACT_QUIT, ACT_BACK, ACT_NONE };

static int home_key(struct screen *s, struct keypress k)
{
	struct home *h = s->data;
	int n = (int)ARRAY_LEN(items);
	if (!k.fkey && k.ch >= '1' && k.ch < (wint_t)('1' + n)) {
		h->cursor = (int)(k.ch - '1');
		items[h->cursor].open();
		return UI_REDRAW;
	}
	switch (keys_lookup(k, home_actions)) {
	case ACT_UP:
		h->cursor = (h->cursor + n - 1) % n;
		break;
	case ACT_DOWN:
		h->cursor = (h->cursor + 1) % n;
		break;
	case ACT_OPEN:
		items[h->cursor].open();
		break;
	case ACT_QUIT:
		return UI_QUIT;
	case ACT_BACK:
		app_message(MSG_INFO, "退出请按 %s", keys_first_name(ACT_QUIT));
		break;
	default:
		break;
	}
	return UI_REDRAW;
}

static void home_fini(struct screen *s) { free(s->data); }

static const struct screen_ops home_ops = {
	.name = "home",
	.draw = home_draw,
	.key = home_key,
	.fini = home_fini,
};

static const enum action home_bar[] = { ACT_HELP, ACT_OPEN, ACT_QUIT, ACT_NONE };

void home_push(void)
{
	struct screen *s = screen_new(&home_ops, "首页", home_bar);
	s->data = xcalloc(1, sizeof(struct home));
	app_push(s);
}
