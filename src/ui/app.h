/* The app loop and its screen stack.
 *
 * A screen is a small object with draw/key/fini functions (struct screen_ops). The loop draws
 * the top screen into the body (rows 1..LINES-3), the title bar (row 0), the message line
 * (row LINES-2) and the key bar (row LINES-1), then waits for a key and forwards it. Key
 * handlers return flags saying what must happen next; the loop acts on them once. */
#ifndef STATION_UI_APP_H
#define STATION_UI_APP_H

#include "core/config.h"
#include "db/db.h"
#include "ui/keys.h"

#include <curses.h>
#include <stdbool.h>

/* What a key handler asks for. */
enum {
	UI_OK = 0,
	UI_REDRAW = 1 << 0, /* nothing else to do: the loop redraws after every key */
	UI_POP = 1 << 1,    /* close this screen; the one below gets reload() */
	UI_QUIT = 1 << 2,   /* leave the program */
};

enum msg_kind { MSG_INFO, MSG_ERROR };

/* Colour/attribute roles; with NO_COLOR or a monochrome terminal they map to bold/reverse. */
enum ui_role {
	ROLE_NORMAL,
	ROLE_TITLE,  /* title bar */
	ROLE_KEYBAR, /* key names in the key bar */
	ROLE_HEADER, /* list column headers, form labels */
	ROLE_CURSOR, /* selected row */
	ROLE_ERROR,  /* messages at fields */
	ROLE_INFO,
	ROLE_FIELD, /* an input field */
	ROLE_FOCUS, /* the input field being edited */
	ROLE_DIM,
	ROLE_COUNT
};

struct screen;

struct screen_ops {
	const char *name;
	/* Bring the screen's data up to date for a body of this size (queries run here, and only
	 * when something changed). Optional; called before draw. */
	void (*prepare)(struct screen *s, int top, int height, int width);
	/* Draw into the body rectangle. Only reads state: no queries. */
	void (*draw)(struct screen *s, int top, int height, int width);
	/* Handle a key that no row of the screen's key table runs (text, editing keys, and the
	 * rows with run == NULL); returns UI_* flags. */
	int (*key)(struct screen *s, struct keypress k);
	/* The screen above was closed (data may have changed). Optional. */
	void (*reload)(struct screen *s);
	/* Free everything. Optional. */
	void (*fini)(struct screen *s);
};

struct screen {
	const struct screen_ops *ops;
	char *title;                     /* shown in the title bar; owned */
	const struct binding *bindings;  /* the screen's key table (see struct binding); borrowed */
	char *note;                      /* F1: what the screen holds and keys that are not actions
					  * (e.g. home's 1-6); owned, or NULL */
	void *data;                /* the screen's own state; freed by fini */
	int cur_y, cur_x;          /* where the terminal cursor goes, or cur_y < 0 to hide it */
	bool saves_nothing;        /* its save key changes no record (a filter form): a 只读
				    * account may use it (ui/login.h) */
};

struct calendar;

struct app {
	const struct cfg *cfg;
	struct cfg *cfg_rw; /* the same struct, for the walk-through and the 设置 screen (ui/settings.h),
			     * which change it after storing a setting in the database */
	struct db *db;
	struct calendar *cal; /* working days: data/holidays.txt + station.ini [calendar]; owned */
	char today[11];
	struct screen *stack[16];
	int depth;
	char *msg; /* message line; owned */
	enum msg_kind msg_kind;
	bool color;
	int stop_signal; /* SIGHUP/SIGTERM/SIGINT received (or the terminal is gone): leaving */
};

extern struct app *app;

/* Push a new screen (ownership passes to the app). */
void app_push(struct screen *s);
/* Show a message on the message line until the next key. */
void app_message(enum msg_kind kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Redraw everything now (used by modal dialogs before they draw themselves). */
void app_draw_all(void);
/* Wait for one key; handles KEY_RESIZE by redrawing (with redraw_cb for a modal on top).
 * Once the program is told to end (app_stopping), returns KEY_EXIT at once, every time: a key
 * loop must then return (a dialog as if cancelled). */
struct keypress app_getkey(void (*redraw_cb)(void *), void *ud);
/* True once SIGHUP/SIGTERM/SIGINT came or the terminal went away: leave every loop. */
bool app_stopping(void);

/* New screen object with the given ops, title and key table; data is set by the caller. */
struct screen *screen_new(const struct screen_ops *ops, const char *title, const struct binding *bindings);
/* The row of s's key table that k is bound to, or NULL. */
const struct binding *screen_binding(const struct screen *s, struct keypress k);

/* Drawing helpers: text fitted to exactly `cols` columns at (y, x). */
void ui_text(int y, int x, int cols, const char *s, int align, enum ui_role role);
/* Attribute of a role. */
int ui_attr(enum ui_role role);
/* Fill a rectangle with spaces in a role. */
void ui_clear(int y, int x, int h, int w, enum ui_role role);
/* Draw a box with a title. */
void ui_box(int y, int x, int h, int w, const char *title);

/* Key codes for the start and end of a bracketed paste (defined at start-up). */
extern int ui_key_paste_begin, ui_key_paste_end;

/* Minimum terminal size the screens are laid out for. */
#define UI_MIN_COLS 72
#define UI_MIN_ROWS 20

#endif
