/* The case loop (DESIGN §4) as pure functions: preconditions and the next state (caseflow.h). */
#include "core/caseflow.h"

#include "core/util.h"

#include <stdio.h>
#include <string.h>

static const char *const caseflow_status_labels[CS_COUNT] = { "受理", "办理中", "已答复", "办结" };
static const char *const caseflow_event_labels[CE_COUNT] = { "受理", "交办", "催办", "延期", "退回", "答复",
	"当场答复", "回访", "重办", "办结" };

const char *caseflow_status_label(enum case_status s)
{
	return s >= 0 && s < CS_COUNT ? caseflow_status_labels[s] : "";
}

const char *caseflow_event_label(enum case_event e)
{
	return e >= 0 && e < CE_COUNT ? caseflow_event_labels[e] : "";
}

int caseflow_status_parse(const char *label)
{
	for (int i = 0; label && i < CS_COUNT; i++)
		if (!strcmp(label, caseflow_status_labels[i]))
			return i;
	return -1;
}

int caseflow_event_parse(const char *label)
{
	for (int i = 0; label && i < CE_COUNT; i++)
		if (!strcmp(label, caseflow_event_labels[i]))
			return i;
	return -1;
}

int caseflow_needs(enum case_event e)
{
	(void)e;
	return 0; /* TODO */
}

bool caseflow_allowed(const struct case_state *s, enum case_event e, const char **why)
{
	(void)s, (void)e;
	if (why)
		*why = "尚未实现";
	return false;
}

int caseflow_apply(const struct case_state *s, const struct case_action *a, const struct calendar *cal,
		   int default_days, const char *today, struct case_state *next, char **why, char **notice)
{
	(void)s, (void)a, (void)cal, (void)default_days, (void)today, (void)next;
	if (notice)
		*notice = NULL;
	*why = xstrdup("尚未实现");
	return -1;
}

int caseflow_overdue_days(const struct calendar *cal, const struct case_state *s, const char *today)
{
	(void)cal, (void)s, (void)today;
	return 0;
}

int caseflow_overdue_days_due(const struct calendar *cal, const char *due, const char *today)
{
	(void)cal, (void)due, (void)today;
	return 0;
}

bool caseflow_due_soon(const struct calendar *cal, const struct case_state *s, const char *today, int soon_days)
{
	(void)cal, (void)s, (void)today, (void)soon_days;
	return false;
}

void caseflow_soon_until(const struct calendar *cal, const char *today, int soon_days, char out[11])
{
	(void)cal, (void)soon_days;
	snprintf(out, 11, "%s", today);
}

const char *caseflow_next_step(const struct case_state *s)
{
	(void)s;
	return "";
}
