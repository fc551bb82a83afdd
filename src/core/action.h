/* What the two handling machines (the case loop, core/caseflow.h, and 代表建议,
 * core/suggestion.h) share: the fields of an action's form, and a refusal that names its field.
 *
 * A field is named by a key, the same string everywhere: the core names it in a refusal, the UI
 * builds the action form from a list of them (ui/actform.h) and puts the cursor on the field a
 * refusal names. The keys: "date" (the action's date), "unit_id" (承办单位), "workdays" (working
 * days allowed), "due" (a due date), "note" (a reason or remark), "content" (a reply), "result"
 * (办理结果 A-D), "satisfaction" (满意度), "how" (回访方式), "who" (经办人). */
#ifndef STATION_ACTION_H
#define STATION_ACTION_H

#include <stdbool.h>

/* Most fields one action form has. */
#define ACTION_MAX_FIELDS 10

/* One field of an action's form, in the order the form shows them. Strings are static. */
struct action_field {
	const char *key;   /* see above */
	const char *label; /* Chinese label on the form, e.g. "延期理由" */
	bool required;     /* the action is refused without it */
	int max_chars;     /* limit of a text field (0: the kind's default) */
};

/* Why an action (or a save) was refused: the field it concerns, and a sentence for the clerk.
 * field is a static key (above) or NULL when the refusal concerns the whole action ("案件已经
 * 办结，不能催办") or the database. msg is owned (refusal_clear frees it). Start from
 * { 0 }; the functions that take one leave it { NULL, NULL } on success. */
struct refusal {
	const char *field;
	char *msg;
};

/* Set *r to field and msg (taking msg, a new string); returns -1, so a refusal is one line:
 * `return refusal_set(why, "note", xstrdup("请填写延期理由"));`. r may be NULL (msg is freed). */
int refusal_set(struct refusal *r, const char *field, char *msg);
/* Free the message and empty *r. */
void refusal_clear(struct refusal *r);
/* The message alone (a new string or NULL), *r emptied: for callers that report a char **err.
 * Returns -1 for the same one-line use as refusal_set. */
int refusal_move(struct refusal *r, char **err);

/* The date of a step of a record's handling: in (NULL or "": today) parsed into out; a new refusal
 * sentence naming what (e.g. 答复日期) when it cannot be read, is after today, is before first (the
 * record's own date, called first_label, e.g. 提出日期; skipped when empty) or before last (the
 * date of the previous step; skipped when empty). NULL when fine. */
char *action_date(const char *in, const char *today, const char *what, const char *first, const char *first_label,
		  const char *last, char out[11]);

#endif
