/* Modal dialogs drawn over the current screen: confirm, and a filtered pick list. */
#ifndef STATION_UI_DIALOG_H
#define STATION_UI_DIALOG_H

#include <stdbool.h>

/* Ask a yes/no question: Y = yes, N/Esc = no (Enter answers nothing). Keys typed before the
 * question was drawn are discarded, so they never answer it. */
bool dialog_confirm(const char *question, const char *detail);

/* Pick one of items (n of them) with a filter line (substring or pinyin initials).
 * initial is the filter to start with. Returns the index picked or -1 on Esc. */
int dialog_pick(const char *title, const char *const *items, int n, const char *initial);
/* dialog_pick where item i is also found by its aliases[i] (other names separated by 、, as
 * units.aliases: 城管 finds 县城市管理局); aliases or aliases[i] may be NULL. */
int dialog_pick_aliases(const char *title, const char *const *items, const char *const *aliases, int n,
			const char *initial);

/* Pick several of items: Space (or Enter on an unmarked item) marks/unmarks, F2/^S or Enter
 * on a marked item confirms, Esc cancels. selected[i] is read as the start and, on confirm,
 * written back. initial starts the filter. Returns true if confirmed. */
bool dialog_multipick(const char *title, const char *const *items, int n, bool *selected, const char *initial);

/* Ask for one line of text (at most max_chars). Returns a new string, or NULL on Esc.
 * required: an empty answer is refused with a message. */
char *dialog_input(const char *title, const char *prompt, int max_chars, bool required);

/* Ask for one line of text as dialog_input does, starting with initial (may be NULL), and keep
 * asking while check (may be NULL) refuses it: check returns NULL to accept the (trimmed) text,
 * or a new message shown under the line, which keeps what was typed. */
char *dialog_input_check(const char *title, const char *prompt, const char *initial, int max_chars,
			 char *(*check)(void *ctx, const char *text), void *ctx);

/* True if item matches filter: substring, or (for ASCII letters) its pinyin initials. */
bool dialog_match(const char *item, const char *filter);
/* dialog_match on the item or on any of its aliases (separated by 、; NULL or "": none). */
bool dialog_match_aliases(const char *item, const char *aliases, const char *filter);

#endif
