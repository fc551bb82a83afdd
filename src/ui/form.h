/* The form widget, built from a struct record_def: one row per field (multi-line fields take
 * several), label, input and the field's error message (or note) beside it. Tab/Down next field,
 * Shift-Tab/Up previous, F2/^S save, Esc back (asks when something changed), F4/^P pick list
 * on choice fields, ^U clears a field. Values are checked when the clerk leaves a field (a
 * refused value keeps the cursor there) and again on save; nothing typed is ever thrown away by a
 * check. A field showing a default (or a value the program set) is replaced by the first
 * character typed over it. */
#ifndef STATION_UI_FORM_H
#define STATION_UI_FORM_H

#include "core/record.h"
#include "ui/keys.h"

#include <stdbool.h>
#include <stdint.h>

enum form_result {
	FORM_USED,    /* key handled, stay */
	FORM_IGNORED, /* not a form key */
	FORM_SAVE,    /* every field checked out: the caller stores form_values() */
	FORM_CANCEL,  /* leave without saving (confirmed if anything changed) */
	FORM_QUIT,    /* leave the program (confirmed if anything changed) */
};

struct form;

/* A form over values (copied). today is used for dates typed as 今天 / 11-22. */
struct form *form_new(const struct record_def *def, char *const *values, const char *today);
void form_free(struct form *f);

void form_draw(struct form *f, int top, int height, int width, int *cursor_y, int *cursor_x);
enum form_result form_key(struct form *f, struct keypress k);

/* Current values, checked and normalised if the last form_key returned FORM_SAVE.
 * Borrowed: valid until the next call on f. */
char *const *form_values(struct form *f);
/* Show msg at field i (e.g. an error from the database) and move there. */
void form_set_error(struct form *f, int field, const char *msg);
/* Show note (a copy; NULL or "": none) beside field i while it has no error message, e.g. the
 * due date a 办理时限 will give. */
void form_set_note(struct form *f, int field, const char *note);
/* The values the form started with become the current ones (after a successful save). */
void form_mark_saved(struct form *f);
bool form_dirty(struct form *f);
/* One item of a choice field supplied at run time: the record it stands for and the label the
 * clerk sees (deputy_labels(), a unit's name, a case number). Labels of one field must differ. */
struct form_choice {
	int64_t id; /* > 0 */
	const char *label;
	const char *aliases; /* other names the item is found by, separated by 、 (a unit's short
			      * names: 城管 for 县城市管理局), or NULL */
};
/* Give an FK_CHOICE or FK_MULTI field its items (e.g. deputies, units from the database), used
 * instead of the field's static choices. The form copies items and labels (the caller may free
 * its own at once). strict: the value must be made of items (FK_CHOICE: one; FK_MULTI: each);
 * anything else is refused with a message naming the pick key. The current text of the field
 * (say, from a draft or from the values the form was made with) is matched to the new items.
 *
 * The form keeps the chosen ids beside the text: picking from the list, a value typed and
 * completed to one item when the clerk leaves the field, and a restored draft (drafts store
 * labels; they are matched to this form's own items) all set them. Static choices (categories,
 * 处理方式 ...) have no ids: their values stay strings. */
void form_set_choices(struct form *f, int field, const struct form_choice *items, int n, bool strict);
/* Set an FK_CHOICE (n <= 1) or FK_MULTI field to the items with these ids, in this order, as the
 * value the form starts with (not a change: call it while building the form, after
 * form_set_choices and before form_set_draft). Ids that are not items are skipped. */
void form_set_choice_ids(struct form *f, int field, const int64_t *ids, int n);
/* The id chosen in an FK_CHOICE field with run-time items: 0 when empty, free text or not one
 * of the items. */
int64_t form_choice_id(struct form *f, int field);
/* The ids chosen in an FK_MULTI field, in the order of its value, each once; text that is not an
 * item has none. *ids is borrowed (valid until the next call on f). Returns their number. */
int form_choice_ids(struct form *f, int field, const int64_t **ids);
/* Replace the value of field i (e.g. a default computed by the screen). Like a field's default,
 * it is replaced by the first character the clerk types over it. */
void form_set_value(struct form *f, int field, const char *value);
/* Mark the value field i shows as a default (e.g. carried over from the previous record): the
 * first character typed replaces it. (form_new marks the fields showing their def.) */
void form_mark_default(struct form *f, int field);
/* The value of field i as typed so far (synced from the editor). Borrowed. */
const char *form_value(struct form *f, int field);
/* Index of the field being edited. */
int form_current(struct form *f);
/* The key handling of a screen that is one form: a checked F2 calls save(ud) and returns its
 * UI_* flags (UI_POP when saved, UI_REDRAW to stay with a message); Esc (confirmed if anything
 * changed) gives UI_POP, F10 UI_QUIT, anything else UI_REDRAW. */
int form_screen_key(struct form *f, struct keypress k, int (*save)(void *ud), void *ud);
/* The key table of a screen that is one form: every key form_key() acts on (run by it). */
extern const struct binding form_bindings[];
/* Fields that do not apply now (skip returns true, e.g. 满意度 unless the answer is on the spot)
 * are passed over by Tab, Shift-Tab, PgUp and PgDn; F2 and form_focus still reach them. */
void form_set_skip(struct form *f, bool (*skip)(struct form *f, int field, void *ud), void *ud);
/* Move to field i. */
void form_focus(struct form *f, int field);

/* Keep this form's unsaved text as a draft (db/drafts.h) under kind and the id of the record it
 * edits (0: a new record): written when the clerk leaves a changed field, on a save attempt and
 * when the form is freed with unsaved changes (the program ends, SIGHUP/SIGTERM); forgotten on
 * form_mark_saved and on a confirmed discard. If a draft of kind/record_id exists that differs
 * from the form, the clerk is asked whether to restore it (it fills the form; it is a record only
 * after F2) or throw it away. Call after the form's run-time choices are set. Returns true if a
 * draft was restored. */
bool form_set_draft(struct form *f, const char *kind, int64_t record_id);

#endif
