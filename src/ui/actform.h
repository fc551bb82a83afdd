/* What the screens of the two handling machines share: the form of one action on its own
 * screen, built from the action's fields (core/action.h: caseflow_form(), suggestion_form()),
 * with a refusal shown at the field it names; and the rows of a timeline (a case's
 * case_events, a suggestion's suggestion_events).
 *
 * Call order: actform_new(), then the screen's run-time settings (actform_set_default,
 * actform_set_label, actform_set_units), then actform_push(), which owns it from there. When
 * the clerk presses F2 and every field checks out, the form calls the screen's do function;
 * a refusal leaves the clerk on the form, the cursor on the refused field and the message
 * beside it and on the message line, everything typed kept. */
#ifndef STATION_UI_ACTFORM_H
#define STATION_UI_ACTFORM_H

#include "core/action.h"
#include "db/cases.h"

#include <stdint.h>

struct actform;

/* Perform the action with the form's values (actform_get, actform_unit). Returns 0, *done a new
 * message for the clerk or NULL ("已<verb>"), or -1 with *why (the field, if any, and the
 * message). ctx is the screen's, given to actform_push. */
typedef int (*actform_do_fn)(void *ctx, const struct actform *a, char **done, struct refusal *why);

/* A form of verb ("交办", shown as "已交办" after it) with fields (copied) in their order. */
struct actform *actform_new(const char *verb, const struct action_field *fields, int n);
/* The default of field key (e.g. the station's working days, the clerk's name); copied. */
void actform_set_default(struct actform *a, const char *key, const char *value);
/* Another label for field key (e.g. "延期至（最晚 2027-05-23）"); copied. */
void actform_set_label(struct actform *a, const char *key, const char *label);
/* The pick list of the "unit_id" field: n unit names and their ids (both taken, freed with the
 * form). A name typed that is not one of them is refused at the field. */
struct choice_list;
/* The units 交办 may pick (ui/choices.h choices_units); the form takes them over (*units is
 * emptied). */
void actform_set_units(struct actform *a, struct choice_list *units);
/* The items of another choice field key (deputies, project): taken over (*items emptied). */
void actform_set_items(struct actform *a, const char *key, struct choice_list *items);
/* The id picked in choice field key (0: none), and the ids of a multi field (borrowed). */
int64_t actform_choice_id(const struct actform *a, const char *key);
int actform_choice_ids(const struct actform *a, const char *key, const int64_t **ids);
/* Open the form on a new screen titled title. draft_kind and record_id key its draft
 * (form_set_draft). ctx (freed with ctx_free, if given, when the screen closes) goes to fn. */
void actform_push(struct actform *a, const char *title, const char *draft_kind, int64_t record_id, actform_do_fn fn,
		  void *ctx, void (*ctx_free)(void *ctx));

/* The value of field key as checked by the form ("" when the form has no such field). Borrowed. */
const char *actform_get(const struct actform *a, const char *key);
/* The id of the unit picked in "unit_id" (0: none). */
int64_t actform_unit(const struct actform *a);

/* A record's timeline, loaded with its screen (a case or suggestion has tens of events) so that
 * drawing never queries: actform_timeline_add() is the case_event_cb that keeps each event as
 * the cells of a row; actform_timeline_head() draws the title and column heads at row y and
 * returns the first row for events; actform_timeline_draw() draws the events from skip on, from
 * row y up to (not including) end. */
struct actform_timeline {
	char **cells; /* n rows of 5 cells: date, type, who, recorded at, detail; owned */
	int n;
};
int actform_timeline_add(void *tl, const struct case_event_row *ev);
void actform_timeline_clear(struct actform_timeline *tl);
int actform_timeline_head(int y, int width);
void actform_timeline_draw(const struct actform_timeline *tl, int y, int end, int width, int skip);

#endif
