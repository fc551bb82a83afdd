/* The line editor over a wchar_t buffer. Cursor columns are the display width of the text
 * before the cursor, so CJK text puts the cursor where the terminal shows it. */
#include "ui/lineedit.h"

#include "core/text.h"
#include "core/util.h"
#include "ui/app.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

static void le_reserve(struct lineedit *le, size_t n)
{
	if (n + 1 > le->cap) {
		size_t cap = le->cap ? le->cap : 32;
		while (cap < n + 1)
			cap *= 2;
		le->buf = xrealloc(le->buf, cap * sizeof(wchar_t));
		le->cap = cap;
	}
}

void le_set(struct lineedit *le, const char *utf8)
{
	size_t n;
	wchar_t *w = utf8_to_wcs(utf8 ? utf8 : "", &n);
	le_reserve(le, n);
	memcpy(le->buf, w, (n + 1) * sizeof(wchar_t));
	free(w);
	le->len = n;
	le->cur = n;
	le->scroll = 0;
	le->fresh = false;
}

void le_init(struct lineedit *le, const char *utf8, int max_chars, bool multiline)
{
	memset(le, 0, sizeof *le);
	le->max_chars = max_chars;
	le->multiline = multiline;
	le_reserve(le, 16);
	le->buf[0] = 0;
	le_set(le, utf8);
}

void le_free(struct lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof *le);
}

char *le_text(const struct lineedit *le) { return wcs_to_utf8(le->buf, le->len); }

static bool le_insert(struct lineedit *le, wchar_t c)
{
	if (le->max_chars > 0 && le->len >= (size_t)le->max_chars) {
		le->full = true;
		return false;
	}
	le_reserve(le, le->len + 1);
	memmove(le->buf + le->cur + 1, le->buf + le->cur, (le->len - le->cur + 1) * sizeof(wchar_t));
	le->buf[le->cur++] = c;
	le->len++;
	return true;
}

static void le_delete_at(struct lineedit *le, size_t i)
{
	memmove(le->buf + i, le->buf + i + 1, (le->len - i) * sizeof(wchar_t));
	le->len--;
}

/* A typed or pasted character: printable ones go in; tab and newlines in a single-line field
 * become a space when pasted; other control characters are refused and counted. */
static bool le_char(struct lineedit *le, wchar_t c)
{
	if (c == '\r')
		c = '\n';
	if (le->pasting && (c == '\t' || (c == '\n' && !le->multiline)))
		c = ' ';
	if (!text_char_ok(c, le->multiline)) {
		le->dropped++;
		return false;
	}
	return le_insert(le, c);
}

static bool le_key_edit(struct lineedit *le, struct keypress k);

/* Clear the whole text. */
static void le_clear(struct lineedit *le)
{
	le->len = le->cur = le->scroll = 0;
	le->buf[0] = 0;
}

bool le_key(struct lineedit *le, struct keypress k)
{
	bool fresh = le->fresh;
	le->fresh = false;
	if (!k.fkey && k.ch == 21 && !le->pasting) { /* ^U */
		le_clear(le);
		return true;
	}
	/* A default or carried value is replaced by what is typed over it: 人数 showing 1 and 12
	 * typed is 12, not 112. */
	if (fresh && ((k.fkey && (int)k.ch == ui_key_paste_begin) || (!k.fkey && k.ch >= 0x20 && k.ch != 0x7F)))
		le_clear(le);
	bool used = le_key_edit(le, k);
	le->fresh = fresh && !used;
	return used;
}

static bool le_key_edit(struct lineedit *le, struct keypress k)
{
	if (k.fkey && (int)k.ch == ui_key_paste_begin) {
		le->pasting = true;
		return true;
	}
	if (k.fkey && (int)k.ch == ui_key_paste_end) {
		le->pasting = false;
		return true;
	}
	if (k.fkey) {
		switch (k.ch) {
		case KEY_LEFT:
			if (le->cur > 0)
				le->cur--;
			return true;
		case KEY_RIGHT:
			if (le->cur < le->len)
				le->cur++;
			return true;
		case KEY_HOME:
			le->cur = 0;
			return true;
		case KEY_END:
			le->cur = le->len;
			return true;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_DC:
			if (le->cur < le->len)
				le_delete_at(le, le->cur);
			return true;
		default:
			return false;
		}
	}
	switch (k.ch) {
	case 127:
	case 8:
	backspace:
		if (le->cur > 0) {
			le->cur--;
			le_delete_at(le, le->cur);
		}
		return true;
	case 11: /* ^K: delete to end of line */
		le->len = le->cur;
		le->buf[le->len] = 0;
		return true;
	case '\r':
	case '\n':
		if (le->multiline || le->pasting) {
			le_char(le, '\n');
			return true;
		}
		return false;
	case '\t':
		if (le->pasting) {
			le_char(le, '\t');
			return true;
		}
		return false;
	default:
		if (k.ch < 0x20 || k.ch == 0x7F) {
			if (le->pasting) {
				le->dropped++;
				return true;
			}
			return false; /* a control key: the form decides */
		}
		le_char(le, (wchar_t)k.ch);
		return true;
	}
}

const char *le_take_notice(struct lineedit *le)
{
	static char msg[96];
	const char *m = NULL;
	if (le->full) {
		snprintf(msg, sizeof msg, "输入已达上限，多出的内容没有输入");
		m = msg;
	} else if (le->dropped) {
		snprintf(msg, sizeof msg, "已去掉 %d 个控制字符（如制表符、换行）", le->dropped);
		m = msg;
	}
	le->full = false;
	le->dropped = 0;
	return m;
}

/* Draw buf[from..to) at (y, x) padded to cols. */
static void draw_run(const wchar_t *w, size_t n, int y, int x, int cols, int attr)
{
	char *s = wcs_to_utf8(w, n);
	char *fit = text_fit(s, cols, ALIGN_LEFT, false);
	attrset(attr);
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	free(fit);
	free(s);
}

void le_draw(struct lineedit *le, int y, int x, int cols, int attr, int *cursor_y, int *cursor_x)
{
	if (cols < 2)
		return;
	if (le->scroll > le->cur)
		le->scroll = le->cur;
	/* Keep the cursor inside: the text before it (from scroll) must fit in cols - 1. */
	while (text_wcswidth(le->buf + le->scroll, le->cur - le->scroll) > cols - 1)
		le->scroll++;
	size_t end = le->scroll;
	int used = 0;
	while (end < le->len && used + text_wcwidth(le->buf[end]) <= cols) {
		used += text_wcwidth(le->buf[end]);
		end++;
	}
	draw_run(le->buf + le->scroll, end - le->scroll, y, x, cols, attr);
	if (cursor_y) {
		*cursor_y = y;
		*cursor_x = x + text_wcswidth(le->buf + le->scroll, le->cur - le->scroll);
	}
}

void le_draw_wrapped(struct lineedit *le, int y, int x, int cols, int rows, int attr, int *cursor_y, int *cursor_x)
{
	/* Lay out rows: start index of each visual row. */
	size_t nstart = 1, cap = 16;
	size_t *start = xmalloc(cap * sizeof(size_t));
	int cur_row = 0, cur_col = 0, used = 0;
	start[0] = 0;
	for (size_t i = 0; i <= le->len; i++) {
		if (i == le->cur) {
			if (used >= cols) { /* cursor at the end of a full row: next row */
				cur_row = (int)nstart;
				cur_col = 0;
			} else {
				cur_row = (int)nstart - 1;
				cur_col = used;
			}
		}
		if (i == le->len)
			break;
		wchar_t c = le->buf[i];
		int w = text_wcwidth(c);
		bool brk = c == '\n' || used + w > cols;
		if (brk) {
			if (nstart == cap)
				start = xrealloc(start, (cap *= 2) * sizeof(size_t));
			start[nstart++] = c == '\n' ? i + 1 : i;
			used = c == '\n' ? 0 : w;
		} else
			used += w;
	}
	int first = cur_row >= rows ? cur_row - rows + 1 : 0;
	for (int r = 0; r < rows; r++) {
		size_t row = (size_t)(first + r);
		if (row >= nstart) {
			draw_run(NULL, 0, y + r, x, cols, attr);
			continue;
		}
		size_t from = start[row];
		size_t to = row + 1 < nstart ? start[row + 1] : le->len;
		if (to > from && le->buf[to - 1] == '\n')
			to--;
		draw_run(le->buf + from, to - from, y + r, x, cols, attr);
	}
	if (cursor_y) {
		*cursor_y = y + cur_row - first;
		*cursor_x = x + (cur_col < cols ? cur_col : cols - 1);
	}
	free(start);
}
