/* A refusal that names its field (see action.h). */
#include "core/action.h"

#include <stdlib.h>

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
