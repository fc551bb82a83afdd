/* The app loop: screen stack, title bar, message line, key bar, resize, terminal restore. */
#include "ui/app.h"

#include "core/calendar.h"
#include "core/clock.h"
#include "core/text.h"
#include "core/trace.h"
#include "core/util.h"
#include "db/settings.h"
#include "ui/backup.h"
#include "ui/help.h"
#include "ui/home.h"
#include "ui/login.h"
#include "ui/setup.h"
#include "ui/ui.h"

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

struct app *app;

static bool curses_on;

/* Put the terminal back: called on normal exit, from die() and from crash handlers. */
static void restore_terminal(void)
{
	if (curses_on) {
		curses_on = false;
		printf("\033[?2004l"); /* bracketed paste off */
		fflush(stdout);
		endwin();
	}
}

/* On a crash only async-signal-safe calls: write() the sequences that leave the alternate
 * screen, turn off bracketed paste and keypad mode and show the cursor, then die of the signal.
 * (endwin() could deadlock inside a crashed malloc or stdio.) */
static void crash_handler(int sig)
{
	static const char reset[] = "\033[?2004l\033[?1049l\033[?1l\033>\033[?25h\033[0m\r\n";
	if (curses_on) {
		ssize_t w = write(STDOUT_FILENO, reset, sizeof reset - 1);
		(void)w;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* SIGHUP (the window was closed, the SSH link dropped), SIGTERM (shutdown) and SIGINT from
 * kill: the handler only records the signal; the key loop sees it within STOP_POLL_MS, every
 * dialog returns as if cancelled, the open forms keep their text as drafts (form_free), and the
 * program ends through its normal exit path, which restores the terminal. */
static volatile sig_atomic_t stop_signal;
#define STOP_POLL_MS 250

static void stop_handler(int sig) { stop_signal = sig; }

static void install_crash_handlers(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
		signal(sigs[i], crash_handler);
	static const int stops[] = { SIGHUP, SIGTERM, SIGINT };
	struct sigaction sa = { .sa_handler = stop_handler }; /* no SA_RESTART: a read returns at once */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(stops); i++)
		sigaction(stops[i], &sa, NULL);
	util_set_die_hook(restore_terminal);
}

bool app_stopping(void) { return app && app->stop_signal; }

/* After a get_wch() error: a stop signal came, or the terminal is gone (a hung-up terminal
 * answers every read at once with nothing, and tcgetattr fails on it). */
static bool check_stop(void)
{
	struct termios t;
	if (!app->stop_signal && !stop_signal && tcgetattr(STDIN_FILENO, &t) < 0)
		stop_signal = SIGHUP;
	if (stop_signal && !app->stop_signal)
		app->stop_signal = stop_signal;
	return app->stop_signal != 0;
}

/* ---- drawing helpers ---- */

static const struct {
	short fg, bg;
	int mono; /* attribute without colour */
	int extra;
} roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, A_NORMAL, 0 },
	[ROLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_REVERSE, A_BOLD },
	[ROLE_KEYBAR] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, 0 },
	[ROLE_HEADER] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[ROLE_CURSOR] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, 0 },
	[ROLE_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_INFO] = { COLOR_GREEN, -1, A_NORMAL, 0 },
	[ROLE_FIELD] = { -1, -1, A_UNDERLINE, 0 },
	[ROLE_FOCUS] = { COLOR_BLACK, COLOR_WHITE, A_REVERSE, 0 },
	[ROLE_DIM] = { COLOR_BLUE, -1, A_DIM, 0 },
};

int ui_attr(enum ui_role role)
{
	if (!app || !app->color)
		return roles[role].mono;
	if (role == ROLE_NORMAL)
		return A_NORMAL;
	return COLOR_PAIR(role) | roles[role].extra;
}

static void init_colors(void)
{
	app->color = has_colors() && !getenv("NO_COLOR");
	if (!app->color)
		return;
	start_color();
	use_default_colors();
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, roles[r].fg, roles[r].bg);
}

void ui_text(int y, int x, int cols, const char *s, int align, enum ui_role role)
{
	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	char *fit = text_fit(s ? s : "", cols, (enum text_align)align, true);
	attrset(ui_attr(role));
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	free(fit);
}

void ui_clear(int y, int x, int h, int w, enum ui_role role)
{
	attrset(ui_attr(role));
	for (int r = 0; r < h; r++)
		mvhline(y + r, x, ' ', w);
	attrset(A_NORMAL);
}

void ui_box(int y, int x, int h, int w, const char *title)
{
	ui_clear(y, x, h, w, ROLE_NORMAL);
	/* ASCII borders: line-drawing characters are ambiguous-width in some CJK terminals. */
	mvaddch(y, x, '+');
	mvhline(y, x + 1, '-', w - 2);
	mvaddch(y, x + w - 1, '+');
	for (int r = 1; r < h - 1; r++) {
		mvaddch(y + r, x, '|');
		mvaddch(y + r, x + w - 1, '|');
	}
	mvaddch(y + h - 1, x, '+');
	mvhline(y + h - 1, x + 1, '-', w - 2);
	mvaddch(y + h - 1, x + w - 1, '+');
	if (title && *title) {
		int tw = text_width(title) + 2;
		if (tw > w - 4)
			tw = w - 4;
		ui_text(y, x + (w - tw) / 2, tw, title, ALIGN_CENTER, ROLE_HEADER);
	}
}

/* ---- the frame: title bar, message line, key bar ---- */

static void draw_title(struct screen *s)
{
	char *left = xasprintf(" %s", app->cfg->station_name ? app->cfg->station_name : "人大代表联络站");
	const struct auth_user *u = login_current();
	char *right = login_on() && u->name ? xasprintf("%s（%s） %s ", u->name, auth_role_label(u->role), app->today)
					    : xasprintf("%s ", app->today);
	ui_clear(0, 0, 1, COLS, ROLE_TITLE);
	int rw = text_width(right);
	int lw = text_width(left);
	ui_text(0, 0, lw < COLS - rw ? lw : COLS - rw, left, ALIGN_LEFT, ROLE_TITLE);
	if (s && s->title) {
		/* Centred; a long title is shortened (with '~') to the room between the station name
		 * and the date rather than dropped. */
		int room = COLS - rw - lw - 4;
		int tw = text_width(s->title);
		if (tw > room)
			tw = room;
		int tx = (COLS - tw) / 2;
		if (tx < lw + 2)
			tx = lw + 2;
		if (tw >= 2)
			ui_text(0, tx, tw, s->title, ALIGN_LEFT, ROLE_TITLE);
	}
	ui_text(0, COLS - rw, rw, right, ALIGN_LEFT, ROLE_TITLE);
	free(left);
	free(right);
}

static void draw_keybar(struct screen *s)
{
	int x = 0;
	move(LINES - 1, 0);
	clrtoeol();
	for (const struct binding *b = s ? s->bindings : NULL; b && b->action != ACT_NONE; b++) {
		if (b->hidden)
			continue;
		const char *key = keys_first_name(b->action);
		const char *label = keys_binding(b->action)->label;
		int kw = text_width(key), lw = text_width(label);
		if (x + kw + lw + 1 > COLS)
			break;
		ui_text(LINES - 1, x, kw, key, ALIGN_LEFT, ROLE_KEYBAR);
		ui_text(LINES - 1, x + kw, lw, label, ALIGN_LEFT, ROLE_NORMAL);
		x += kw + lw + 1;
	}
}

/* The message line. A message wider than the screen is never cut: it wraps upwards over the
 * bottom rows of the body (at most a third of the screen), until the next key clears it. */
static void draw_message(void)
{
	move(LINES - 2, 0);
	clrtoeol();
	if (!app->msg)
		return;
	char **lines;
	int n = text_wrap(app->msg, COLS - 2, &lines);
	int max = LINES / 3 > 1 ? LINES / 3 : 1;
	int shown = n < max ? n : max;
	for (int i = 0; i < shown; i++) {
		int y = LINES - 1 - shown + i;
		move(y, 0);
		clrtoeol();
		ui_text(y, 1, COLS - 2, lines[i], ALIGN_LEFT, app->msg_kind == MSG_ERROR ? ROLE_ERROR : ROLE_INFO);
	}
	str_free_array(lines, n);
}

static bool too_small(void) { return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS; }

void app_draw_all(void)
{
	struct screen *s = app->depth ? app->stack[app->depth - 1] : NULL;
	erase();
	if (too_small()) {
		char *m = xasprintf("窗口太小（%dx%d），请放大到至少 %dx%d", COLS, LINES, UI_MIN_COLS, UI_MIN_ROWS);
		mvaddstr(0, 0, "");
		ui_text(LINES / 2, 0, COLS, m, ALIGN_CENTER, ROLE_ERROR);
		free(m);
		curs_set(0);
		wnoutrefresh(stdscr);
		return;
	}
	draw_title(s);
	/* A damaged database: one line above the message line says so, the screen gets one less. */
	const char *damage = db_damage_text(app->db);
	if (s) {
		int height = LINES - 3 - (damage ? 1 : 0);
		s->cur_y = -1;
		if (s->ops->prepare)
			s->ops->prepare(s, 1, height, COLS);
		s->ops->draw(s, 1, height, COLS);
	}
	if (damage) {
		ui_clear(LINES - 3, 0, 1, COLS, ROLE_NORMAL);
		ui_text(LINES - 3, 1, COLS - 2, damage, ALIGN_LEFT, ROLE_ERROR);
	}
	draw_message();
	draw_keybar(s);
	if (s && s->cur_y >= 0) {
		move(s->cur_y, s->cur_x);
		curs_set(1);
	} else
		curs_set(0);
	wnoutrefresh(stdscr);
}

void app_message(enum msg_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(app->msg);
	app->msg = xvasprintf(fmt, ap);
	app->msg_kind = kind;
	va_end(ap);
}

struct screen *screen_new(const struct screen_ops *ops, const char *title, const struct binding *bindings)
{
	struct screen *s = xcalloc(1, sizeof *s);
	s->ops = ops;
	s->title = xstrdup(title ? title : "");
	s->bindings = bindings;
	s->cur_y = -1;
	return s;
}

static void screen_free(struct screen *s)
{
	if (s->ops->fini)
		s->ops->fini(s);
	free(s->title);
	free(s->note);
	free(s);
}

void app_push(struct screen *s)
{
	/* A form that edits records never opens for an account that may not edit. */
	const char *no = login_refusal_push(s);
	if (no) {
		app_message(MSG_ERROR, "%s", no);
		screen_free(s);
		return;
	}
	if (app->depth == (int)ARRAY_LEN(app->stack))
		die("too many screens");
	app->stack[app->depth++] = s;
}

const struct binding *screen_binding(const struct screen *s, struct keypress k)
{
	for (const struct binding *b = s->bindings; b && b->action != ACT_NONE; b++) {
		const enum action one[] = { b->action, ACT_NONE };
		if (keys_lookup(k, one) != ACT_NONE)
			return b;
	}
	return NULL;
}

/* A screen's fini may push the screens that follow it (the walk-through: the deputy form); they
 * take the freed slot and the new top gets reload(). */
static void app_pop(void)
{
	screen_free(app->stack[--app->depth]);
	if (app->depth && app->stack[app->depth - 1]->ops->reload)
		app->stack[app->depth - 1]->ops->reload(app->stack[app->depth - 1]);
}

/* Bracketed paste: the terminal wraps pasted text in ESC[200~ ... ESC[201~; we turn those into
 * two key codes so pasted control characters can be filtered (see lineedit.c). */
int ui_key_paste_begin, ui_key_paste_end;

/* Inside a bracketed paste every key is marked pasted. A paste whose end marker never comes
 * (a terminal that drops it) ends after PASTE_IDLE_MS without input, so the keyboard is never
 * stuck in paste mode. */
#define PASTE_IDLE_MS 400
static bool in_paste;

/* The latency trace (core/trace.h): the key as curses names it (KEY_NPAGE, ^S) or the
 * character itself. */
static void app_trace_key(int rc, wint_t ch)
{
	char name[32];
	if (rc == KEY_CODE_YES) {
		const char *n = keyname((int)ch);
		snprintf(name, sizeof name, "%s", n ? n : "?");
	} else if (ch < 32 || ch == 127) {
		snprintf(name, sizeof name, "^%c", ch == 127 ? '?' : (char)(ch + '@'));
	} else {
		int len = wctomb(name, (wchar_t)ch);
		name[len > 0 ? len : 0] = '\0';
	}
	trace_key(name);
}

/* No key for this long: time for work that must not delay a key (db_idle_checkpoint). */
#define IDLE_MS 1000

struct keypress app_getkey(void (*redraw_cb)(void *), void *ud)
{
	int idle_ms = 0;
	for (;;) {
		wint_t ch;
		if (app->stop_signal || stop_signal) {
			check_stop();
			return (struct keypress){ .ch = KEY_EXIT, .fkey = true };
		}
		doupdate();
		trace_drawn();
		timeout(in_paste ? PASTE_IDLE_MS : STOP_POLL_MS);
		int rc = get_wch(&ch);
		if (rc != ERR && trace_on())
			app_trace_key(rc, ch);
		if (rc == ERR) {
			if (check_stop())
				continue; /* answered at the top of the loop */
			if (in_paste) {
				in_paste = false;
				return (struct keypress){ .ch = (wint_t)ui_key_paste_end, .fkey = true };
			}
			idle_ms += STOP_POLL_MS;
			if (idle_ms >= IDLE_MS && app->db)
				db_idle_checkpoint(app->db);
			continue;
		}
		if (rc == KEY_CODE_YES && (int)ch == ui_key_paste_begin)
			in_paste = true;
		else if (rc == KEY_CODE_YES && (int)ch == ui_key_paste_end)
			in_paste = false;
		else if (in_paste)
			return (struct keypress){ .ch = ch, .fkey = rc == KEY_CODE_YES, .pasted = true };
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			clock_today(app->today);
			app_draw_all();
			if (redraw_cb)
				redraw_cb(ud);
			continue;
		}
		return (struct keypress){ .ch = ch, .fkey = rc == KEY_CODE_YES };
	}
}

static const enum action global_actions[] = { ACT_HELP, ACT_NONE };

static void run_loop(void)
{
	while (app->depth) {
		clock_today(app->today);
		app_draw_all();
		struct keypress k = app_getkey(NULL, NULL);
		if (app->stop_signal)
			break;
		free(app->msg);
		app->msg = NULL;
		struct screen *s = app->stack[app->depth - 1];
		if (too_small())
			continue;
		if (!k.fkey && !k.pasted && k.ch == 3) { /* Ctrl-C: raw mode delivers it as a key */
			app_message(MSG_INFO, "退出请按 %s", keys_first_name(ACT_QUIT));
			continue;
		}
		if (keys_lookup(k, global_actions) == ACT_HELP && strcmp(s->ops->name, "help")) {
			help_push(s);
			continue;
		}
		const struct binding *b = screen_binding(s, k);
		trace_action(b ? keys_binding(b->action)->name : k.fkey ? "key" : "text");
		/* The one permission check: every row of every key table passes here. */
		const char *no = b ? login_refusal(s, b->action) : NULL;
		if (no) {
			app_message(MSG_ERROR, "%s", no);
			continue;
		}
		int flags = b && b->run ? b->run(s) : s->ops->key(s, k);
		if (flags & UI_QUIT)
			backup_offer_on_quit();
		if ((flags & UI_QUIT) || app->stop_signal)
			break;
		if (flags & UI_POP)
			app_pop();
	}
}

static void start_curses(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		die("需要在终端中运行（标准输入/输出不是终端）");
	if (!initscr())
		die("无法初始化终端");
	curses_on = true;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	ui_key_paste_begin = KEY_MAX + 1;
	ui_key_paste_end = KEY_MAX + 2;
	define_key("\033[200~", ui_key_paste_begin);
	define_key("\033[201~", ui_key_paste_end);
	printf("\033[?2004h");
	fflush(stdout);
	init_colors();
}

/* Append s (owned) to a list of warnings. */
static void warn_add(char ***warn, int *n, char *s)
{
	*warn = xrealloc(*warn, sizeof(char *) * (size_t)(*n + 1));
	(*warn)[(*n)++] = s;
}

int ui_run(struct cfg *cfg, struct db *db, bool new_db)
{
	struct app a = { .cfg = cfg, .cfg_rw = cfg, .db = db };
	char **warn = NULL;
	int nwarn = 0;

	app = &a;
	db_defer_checkpoints(db);
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8"))
		setlocale(LC_CTYPE, "C.UTF-8");
	keys_init(cfg, &warn, &nwarn);
	clock_today(a.today);
	char *err = NULL;
	a.cal = calendar_new(cfg, &err);
	if (!a.cal)
		die("节假日数据有误：%s", err);
	install_crash_handlers();
	/* STATION_TRACE=FILE: the latency of every key (docs/PERFORMANCE.md); off when unset. */
	const char *trace = getenv("STATION_TRACE");
	if (trace && *trace && trace_open(trace) < 0)
		die("无法写入 STATION_TRACE 文件 %s", trace);
	/* Settings kept in the database win over station.ini (db/settings.h). */
	char *swarn = NULL;
	if (db_settings_apply(db, cfg, &swarn, &err) < 0) {
		warn_add(&warn, &nwarn, err);
		err = NULL;
	} else if (swarn)
		warn_add(&warn, &nwarn, swarn);
	bool setup = setup_wanted(new_db);
	start_curses();
	if (nwarn) {
		struct strbuf sb;
		sb_init(&sb);
		for (int i = 0; i < nwarn; i++)
			sb_addf(&sb, "%s%s", i ? "；" : "", warn[i]);
		if (db_notice(db))
			sb_addf(&sb, "；%s", db_notice(db));
		app_message(MSG_ERROR, "%s", sb.buf);
		sb_free(&sb);
	} else if (db_notice(db))
		app_message(MSG_INFO, "%s", db_notice(db));
	if (setup ? login_start_setup() : login_start()) {
		home_push();
		if (setup)
			setup_push();
		run_loop();
	}
	/* Forms still open keep what was typed as drafts (form_free), whatever ended the loop. */
	while (app->depth)
		screen_free(app->stack[--app->depth]);
	restore_terminal();
	trace_close();
	int rc = a.stop_signal ? 128 + a.stop_signal : 0;
	util_set_die_hook(NULL);
	str_free_array(warn, nwarn);
	calendar_free(a.cal);
	free(a.msg);
	login_end();
	app = NULL;
	return rc;
}
