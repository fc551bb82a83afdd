/* Modal dialogs. Each runs its own small key loop; a resize redraws the screens below first. */
#include "ui/dialog.h"

#include "core/pinyin.h"
#include "core/record.h"
#include "core/text.h"
#include "core/util.h"
#include "core/validate.h"
#include "ui/app.h"
#include "ui/lineedit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct confirm {
	const char *question, *detail;
};

static void confirm_draw(void *ud)
{
	struct confirm *c = ud;
	int w = text_width(c->question);
	if (c->detail && text_width(c->detail) > w)
		w = text_width(c->detail);
	w += 6;
	if (w < 36)
		w = 36;
	if (w > COLS - 2)
		w = COLS - 2;
	int h = c->detail ? 6 : 5;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	ui_box(y, x, h, w, "请确认");
	ui_text(y + 1, x + 2, w - 4, c->question, ALIGN_LEFT, ROLE_NORMAL);
	if (c->detail)
		ui_text(y + 2, x + 2, w - 4, c->detail, ALIGN_LEFT, ROLE_DIM);
	ui_text(y + h - 2, x + 2, w - 4, "Y 是    N 否（Esc）", ALIGN_CENTER, ROLE_HEADER);
	curs_set(0);
	wnoutrefresh(stdscr);
}

bool dialog_confirm(const char *question, const char *detail)
{
	static const enum action yn[] = { ACT_YES, ACT_NO, ACT_NONE };
	struct confirm c = { question, detail };
	app_draw_all();
	confirm_draw(&c);
	/* The question is on the screen before any answer counts: keys typed before it appeared
	 * (Alt+Y arrives as Esc then y; a y typed ahead) are thrown away, not taken as the answer. */
	doupdate();
	flushinp();
	for (;;) {
		struct keypress k = app_getkey(confirm_draw, &c);
		if (app_stopping())
			return false;
		enum action a = keys_lookup(k, yn);
		if (a == ACT_YES)
			return true;
		if (a == ACT_NO)
			return false;
	}
}

bool dialog_match(const char *item, const char *filter)
{
	if (str_empty(filter))
		return true;
	if (strcasestr(item, filter))
		return true;
	for (const char *p = filter; *p; p++)
		if (!isalpha((unsigned char)*p))
			return false;
	char *ini = pinyin_initials(item);
	bool ok = false;
	char *low = xstrdup(filter);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *save = NULL, *v = strtok_r(ini, " ", &save); v && !ok; v = strtok_r(NULL, " ", &save))
		ok = str_starts(v, low);
	free(low);
	free(ini);
	return ok;
}

bool dialog_match_aliases(const char *item, const char *aliases, const char *filter)
{
	if (dialog_match(item, filter))
		return true;
	char **v;
	int n = str_empty(aliases) ? 0 : record_multi_split(aliases, &v);
	bool ok = false;
	for (int i = 0; i < n && !ok; i++)
		ok = dialog_match(v[i], filter);
	if (n)
		str_free_array(v, n);
	return ok;
}

struct pick {
	const char *title;
	const char *const *items;
	const char *const *aliases; /* per item, or NULL */
	int n;
	bool *marks; /* multi-pick: marked items, or NULL for a single pick */
	struct lineedit filter;
	int *shown; /* indexes of items that match */
	int nshown;
	int cursor, top;
};

static void pick_filter(struct pick *p)
{
	char *f = le_text(&p->filter);
	p->nshown = 0;
	for (int i = 0; i < p->n; i++)
		if (dialog_match_aliases(p->items[i], p->aliases ? p->aliases[i] : NULL, f))
			p->shown[p->nshown++] = i;
	free(f);
	if (p->cursor >= p->nshown)
		p->cursor = p->nshown - 1;
	if (p->cursor < 0)
		p->cursor = 0;
}

static void pick_draw(void *ud)
{
	struct pick *p = ud;
	/* Key names from the key table (keys_first_name's buffer is reused: copy each). The box is
	 * wide enough for its footer, so the Esc hint is never cut. */
	char *back = xstrdup(keys_first_name(ACT_BACK)), *foot;
	if (p->marks) {
		int k = 0;
		for (int i = 0; i < p->n; i++)
			k += p->marks[i];
		foot = xasprintf("已选 %d 项  空格 选/不选  %s 确定  %s 取消", k, keys_first_name(ACT_SAVE), back);
	} else
		foot = xasprintf("%s 选定  %s 取消", keys_first_name(ACT_OPEN), back);
	int w = text_width(p->title) + 8;
	for (int i = 0; i < p->n; i++)
		if (text_width(p->items[i]) + 6 > w)
			w = text_width(p->items[i]) + 6;
	if (w < text_width(foot) + 6)
		w = text_width(foot) + 6;
	if (w < 40)
		w = 40;
	if (w > COLS - 4)
		w = COLS - 4;
	int rows = p->n < 12 ? p->n : 12;
	if (rows > LINES - 8)
		rows = LINES - 8;
	if (rows < 1)
		rows = 1;
	int h = rows + 4, y = (LINES - h) / 2, x = (COLS - w) / 2;
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (p->cursor >= p->top + rows)
		p->top = p->cursor - rows + 1;
	ui_box(y, x, h, w, p->title);
	ui_text(y + 1, x + 2, 6, "筛选：", ALIGN_LEFT, ROLE_HEADER);
	int cy, cx;
	le_draw(&p->filter, y + 1, x + 8, w - 10, ui_attr(ROLE_FIELD), &cy, &cx);
	for (int r = 0; r < rows; r++) {
		int i = p->top + r;
		if (i < p->nshown && p->marks) {
			char *line = xasprintf("[%s] %s", p->marks[p->shown[i]] ? "x" : " ", p->items[p->shown[i]]);
			ui_text(y + 2 + r, x + 2, w - 4, line, ALIGN_LEFT, i == p->cursor ? ROLE_CURSOR : ROLE_NORMAL);
			free(line);
		} else if (i < p->nshown)
			ui_text(y + 2 + r, x + 2, w - 4, p->items[p->shown[i]], ALIGN_LEFT,
				i == p->cursor ? ROLE_CURSOR : ROLE_NORMAL);
		else
			ui_text(y + 2 + r, x + 2, w - 4, r == 0 && !p->nshown ? "（无匹配项）" : "", ALIGN_LEFT,
				ROLE_DIM);
	}
	ui_text(y + h - 1, x + 2, w - 4, foot, ALIGN_CENTER, ROLE_DIM);
	free(foot);
	free(back);
	move(cy, cx);
	curs_set(1);
	wnoutrefresh(stdscr);
}

int dialog_pick(const char *title, const char *const *items, int n, const char *initial)
{
	return dialog_pick_aliases(title, items, NULL, n, initial);
}

int dialog_pick_aliases(const char *title, const char *const *items, const char *const *aliases, int n,
			const char *initial)
{
	static const enum action acts[] = { ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_OPEN, ACT_BACK, ACT_NONE };
	struct pick p = { .title = title, .items = items, .aliases = aliases, .n = n };
	int result = -1;
	p.shown = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	le_init(&p.filter, initial, 20, false);
	pick_filter(&p);
	/* A value that is exactly an item is complete: show the whole list with the cursor on it
	 * (其他 filtered by itself would list only 其他). */
	bool exact = false;
	for (int i = 0; i < n && initial && !exact; i++)
		exact = !strcmp(items[i], initial);
	if (exact) {
		le_set(&p.filter, "");
		pick_filter(&p);
		for (int i = 0; i < p.nshown; i++)
			if (!strcmp(items[p.shown[i]], initial))
				p.cursor = i;
	}
	app_draw_all();
	pick_draw(&p);
	for (;;) {
		struct keypress k = app_getkey(pick_draw, &p);
		if (app_stopping())
			break;
		enum action a = keys_lookup(k, acts);
		if (a == ACT_OPEN) {
			if (p.nshown) {
				result = p.shown[p.cursor];
				break;
			}
		} else if (a == ACT_BACK) {
			break;
		} else if (a == ACT_UP) {
			p.cursor = p.cursor > 0 ? p.cursor - 1 : 0;
		} else if (a == ACT_DOWN) {
			p.cursor = p.cursor + 1 < p.nshown ? p.cursor + 1 : p.cursor;
		} else if (a == ACT_PGUP) {
			p.cursor = p.cursor > 10 ? p.cursor - 10 : 0;
		} else if (a == ACT_PGDN) {
			p.cursor = p.cursor + 10 < p.nshown ? p.cursor + 10 : (p.nshown ? p.nshown - 1 : 0);
		} else if (le_key(&p.filter, k)) {
			p.cursor = 0;
			pick_filter(&p);
		}
		pick_draw(&p);
	}
	le_free(&p.filter);
	free(p.shown);
	return result;
}

bool dialog_multipick(const char *title, const char *const *items, int n, bool *selected, const char *initial)
{
	static const enum action acts[] = {
		ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_SAVE, ACT_OPEN, ACT_BACK, ACT_NONE
	};
	struct pick p = { .title = title, .items = items, .n = n };
	bool ok = false;
	p.shown = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
	p.marks = xmalloc(sizeof(bool) * (size_t)(n ? n : 1));
	memcpy(p.marks, selected, sizeof(bool) * (size_t)n);
	le_init(&p.filter, initial, 20, false);
	pick_filter(&p);
	app_draw_all();
	pick_draw(&p);
	for (;;) {
		struct keypress k = app_getkey(pick_draw, &p);
		if (app_stopping())
			break;
		enum action a = keys_lookup(k, acts);
		bool space = !k.fkey && !k.pasted && k.ch == ' ';
		if (a == ACT_SAVE) {
			ok = true;
			break;
		} else if (a == ACT_OPEN) {
			/* Enter marks the item under the cursor; on a marked one (or none) it confirms. */
			if (p.nshown && !p.marks[p.shown[p.cursor]]) {
				p.marks[p.shown[p.cursor]] = true;
				le_set(&p.filter, "");
				pick_filter(&p);
			} else {
				ok = true;
				break;
			}
		} else if (space) {
			if (p.nshown)
				p.marks[p.shown[p.cursor]] = !p.marks[p.shown[p.cursor]];
		} else if (a == ACT_BACK) {
			break;
		} else if (a == ACT_UP) {
			p.cursor = p.cursor > 0 ? p.cursor - 1 : 0;
		} else if (a == ACT_DOWN) {
			p.cursor = p.cursor + 1 < p.nshown ? p.cursor + 1 : p.cursor;
		} else if (a == ACT_PGUP) {
			p.cursor = p.cursor > 10 ? p.cursor - 10 : 0;
		} else if (a == ACT_PGDN) {
			p.cursor = p.cursor + 10 < p.nshown ? p.cursor + 10 : (p.nshown ? p.nshown - 1 : 0);
		} else if (le_key(&p.filter, k)) {
			p.cursor = 0;
			pick_filter(&p);
		}
		pick_draw(&p);
	}
	if (ok)
		memcpy(selected, p.marks, sizeof(bool) * (size_t)n);
	le_free(&p.filter);
	free(p.shown);
	free(p.marks);
	return ok;
}

struct input {
	const char *title, *prompt, *error;
	char *own_error; /* a check's message; owned */
	struct lineedit ed;
};

static void input_draw(void *ud)
{
	struct input *in = ud;
	int w = COLS - 8 < 70 ? COLS - 8 : 70;
	int h = 6, y = (LINES - h) / 2, x = (COLS - w) / 2;
	int cy, cx;
	ui_box(y, x, h, w, in->title);
	ui_text(y + 1, x + 2, w - 4, in->prompt, ALIGN_LEFT, ROLE_NORMAL);
	le_draw(&in->ed, y + 2, x + 2, w - 4, ui_attr(ROLE_FOCUS), &cy, &cx);
	ui_text(y + 3, x + 2, w - 4, in->error ? in->error : "", ALIGN_LEFT, ROLE_ERROR);
	ui_text(y + h - 1, x + 2, w - 4, "Enter 确定  Esc 取消", ALIGN_CENTER, ROLE_DIM);
	move(cy, cx);
	curs_set(1);
	wnoutrefresh(stdscr);
}

/* What dialog_input_check() and dialog_input() check the text with. */
struct input_rule {
	int max_chars;
	bool required;
	char *(*check)(void *ctx, const char *text);
	void *ctx;
};

/* The dialog's loop: the accepted text (new string) or NULL on Esc. */
static char *input_run(struct input *in, const struct input_rule *r)
{
	static const enum action acts[] = { ACT_OPEN, ACT_BACK, ACT_NONE };
	char *result = NULL;
	app_draw_all();
	input_draw(in);
	for (;;) {
		struct keypress k = app_getkey(input_draw, in);
		if (app_stopping())
			break;
		enum action a = keys_lookup(k, acts);
		if (a == ACT_BACK && !in->ed.pasting)
			break;
		if (a == ACT_OPEN && !in->ed.pasting) {
			char *t = le_text(&in->ed);
			str_trim(t);
			const char *e = valid_text(t, r->max_chars, false);
			if (!e && r->required && !*t)
				e = "不能为空";
			free(in->own_error);
			in->own_error = !e && r->check ? r->check(r->ctx, t) : NULL;
			if (in->own_error)
				e = in->own_error;
			if (!e) {
				result = t;
				break;
			}
			free(t);
			in->error = e;
		} else if (le_key(&in->ed, k))
			in->error = le_take_notice(&in->ed);
		input_draw(in);
	}
	free(in->own_error);
	le_free(&in->ed);
	return result;
}

char *dialog_input(const char *title, const char *prompt, int max_chars, bool required)
{
	struct input in = { .title = title, .prompt = prompt };
	le_init(&in.ed, "", max_chars + 10, false);
	return input_run(&in, &(struct input_rule){ .max_chars = max_chars, .required = required });
}

char *dialog_input_check(const char *title, const char *prompt, const char *initial, int max_chars,
			 char *(*check)(void *ctx, const char *text), void *ctx)
{
	struct input in = { .title = title, .prompt = prompt };
	le_init(&in.ed, initial ? initial : "", max_chars + 10, false);
	return input_run(&in, &(struct input_rule){ .max_chars = max_chars, .check = check, .ctx = ctx });
}
