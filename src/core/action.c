/* A refusal that names its field, and the date of a step (see action.h). */
#include "core/action.h"

#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int refusal_set(struct refusal *r, const char *field, char *msg)
{
	if (!r) {
		free(msg);
		return -1;
	}
	free(r->msg);
	r->field = field;
	r->msg = msg;
	return -1;
}

void refusal_clear(struct refusal *r)
{
	if (!r)
		return;
	free(r->msg);
	r->field = NULL;
	r->msg = NULL;
}

int refusal_move(struct refusal *r, char **err)
{
	if (err)
		*err = r->msg;
	else
		free(r->msg);
	r->field = NULL;
	r->msg = NULL;
	return -1;
}

char *action_date(const char *in, const char *today, const char *what, const char *first, const char *first_label,
		  const char *last, char out[11])
{
	if (str_empty(in)) {
		snprintf(out, 11, "%s", today);
	} else {
		const char *e = date_parse(in, today, out);
		if (e)
			return xasprintf("%s：%s", what, e);
	}
	if (strcmp(out, today) > 0)
		return xasprintf("%s不能晚于今天", what);
	if (!str_empty(first) && strcmp(out, first) < 0)
		return xasprintf("%s不能早于%s（%s）", what, first_label, first);
	if (!str_empty(last) && strcmp(out, last) < 0)
		return xasprintf("%s不能早于上一步的日期（%s）", what, last);
	return NULL;
}
