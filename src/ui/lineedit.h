/* A wide-character line editor for form fields (the ncurses form library corrupts CJK input: a
 * wide character typed into the last column is drawn outside the field, inserting into a full
 * field drops text, scrolling fields hold junk after 10 CJK characters). Works on a wchar_t buffer: cursor moves, insert, delete and backspace by
 * whole character, Home/End, paste, a limit counted in characters. Multi-line fields wrap
 * their text and accept newlines. */
#ifndef STATION_UI_LINEEDIT_H
#define STATION_UI_LINEEDIT_H

#include "ui/keys.h"

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct lineedit {
	wchar_t *buf; /* owned, NUL-terminated */
	size_t len;   /* characters in buf */
	size_t cap;
	size_t cur;    /* cursor index, 0..len */
	size_t scroll; /* first character shown (single-line) */
	int max_chars; /* limit, 0 = none */
	bool multiline;
	bool pasting; /* inside a bracketed paste */
	int dropped;  /* characters refused since the last le_take_notice() */
	bool full;    /* a character was refused because the field is full */
	bool fresh;   /* the text is a default or a value the program set, not yet touched: the
		       * first character typed (or pasted) replaces it; any other key used keeps it
		       * and ends this. Set by the owner (ui/form.c); le_set clears it. */
};

void le_init(struct lineedit *le, const char *utf8, int max_chars, bool multiline);
void le_free(struct lineedit *le);
/* Replace the whole text. */
void le_set(struct lineedit *le, const char *utf8);
/* The text as a new UTF-8 string. */
char *le_text(const struct lineedit *le);

/* Handle an editing key. Returns true if the key was used (text or cursor changed). ^U clears
 * the whole text. */
bool le_key(struct lineedit *le, struct keypress k);

/* A message about refused input since the last call (control characters pasted, field full),
 * or NULL. Static storage. */
const char *le_take_notice(struct lineedit *le);

/* Draw on one row at (y, x), `cols` wide, scrolling horizontally to keep the cursor visible.
 * If cursor_y is not NULL, the cursor's screen position is stored there. */
void le_draw(struct lineedit *le, int y, int x, int cols, int attr, int *cursor_y, int *cursor_x);
/* Draw wrapped over `rows` rows; scrolls so the cursor's row is shown. */
void le_draw_wrapped(struct lineedit *le, int y, int x, int cols, int rows, int attr, int *cursor_y, int *cursor_x);

#endif
