/* Fuzz target: the form line editor (src/ui/lineedit.c) fed the input as a stream of keys.
 * Byte 0: the limit in characters (0..39, 0 = none); byte 1: bit 0 multi-line, bit 1 "fresh"
 * (a default the first character replaces), bit 2 start with a text. Then, repeatedly:
 *   0xFF k      a function key: k picks one of keys[] (arrows, Home, End, Backspace, Delete,
 *               paste start/end, F2)
 *   0xFE c      draw the field single-line and wrapped, c % 24 columns wide, 3 rows, and take
 *               the notice
 *   0xFD a b c d   a raw character code (any 32-bit value, as a key)
 *   otherwise   one UTF-8 character (an invalid byte goes in as its own value)
 * Drawing goes to a curses screen writing to /dev/null: no terminal is needed.
 * Invariants: the cursor stays within the text, the text stays NUL-terminated, no key takes it
 * past its limit, the drawn cursor stays inside the field, the text comes back as valid UTF-8 without
 * control characters (newlines only in a multi-line field). */
#include "fuzz.h"

#include "core/validate.h"
#include "ui/app.h"
#include "ui/lineedit.h"

#include <curses.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

static void fuzz_curses_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LINES", "30", 1);
	setenv("COLUMNS", "100", 1);
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	if (!out || !in || !newterm("xterm-256color", out, in))
		abort();
	ui_key_paste_begin = KEY_MAX + 1;
	ui_key_paste_end = KEY_MAX + 2;
}

static void fuzz_le_check(const struct lineedit *le)
{
	fuzz_assert(le->cur <= le->len);
	fuzz_assert(le->len < le->cap);
	fuzz_assert(le->buf[le->len] == 0);
	fuzz_assert(wcslen(le->buf) == le->len);
}

static void fuzz_le_draw(struct lineedit *le, int cols)
{
	int cy = -1, cx = -1;
	le_draw(le, 1, 2, cols, A_NORMAL, &cy, &cx);
	if (cols >= 2)
		fuzz_assert(cy == 1 && cx >= 2 && cx < 2 + cols);
	if (cols >= 1) {
		le_draw_wrapped(le, 3, 2, cols, 3, A_NORMAL, &cy, &cx);
		fuzz_assert(cy >= 3 && cy < 3 + 3 && cx >= 2 && cx < 2 + cols);
	}
	(void)le_take_notice(le);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int fkeys[] = { KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_BACKSPACE, KEY_DC, KEY_UP, KEY_F(2) };
	fuzz_curses_init();
	if (size < 2)
		return 0;
	struct lineedit le;
	int max = data[0] % 40;
	le_init(&le, (data[1] & 4) ? "张三abc" : "", max, data[1] & 1);
	le.fresh = (data[1] & 2) != 0;
	size_t i = 2;
	while (i < size) {
		struct keypress k = { 0 };
		uint8_t b = data[i];
		if (b == 0xFF && i + 1 < size) {
			int n = (int)(sizeof fkeys / sizeof fkeys[0]) + 2;
			int pick = data[i + 1] % n;
			k.fkey = true;
			k.ch = (wint_t)(pick < n - 2            ? fkeys[pick]
						: pick == n - 2 ? ui_key_paste_begin
								: ui_key_paste_end);
			i += 2;
		} else if (b == 0xFE && i + 1 < size) {
			fuzz_le_draw(&le, data[i + 1] % 24);
			i += 2;
			continue;
		} else if (b == 0xFD && i + 4 < size) {
			k.ch = (wint_t)data[i + 1] | (wint_t)data[i + 2] << 8 | (wint_t)data[i + 3] << 16 |
				(wint_t)data[i + 4] << 24;
			i += 5;
		} else {
			mbstate_t st;
			memset(&st, 0, sizeof st);
			wchar_t wc;
			size_t n = mbrtowc(&wc, (const char *)data + i, size - i, &st);
			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				k.ch = b;
				n = 1;
			} else
				k.ch = (wint_t)wc;
			i += n;
		}
		k.pasted = le.pasting;
		size_t before = le.len;
		(void)le_key(&le, k);
		fuzz_le_check(&le);
		/* never past the limit (a text set longer than it only shrinks) */
		if (max > 0)
			fuzz_assert(le.len <= (size_t)max || le.len <= before);
	}
	fuzz_le_draw(&le, 10);
	char *t = le_text(&le);
	fuzz_assert(t != NULL);
	fuzz_assert(valid_text(t, 0, le.multiline) == NULL);
	free(t);
	le_free(&le);
	return 0;
}
