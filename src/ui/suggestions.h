/* 代表建议办理簿: the register list, the screen of one suggestion with its handling actions, and
 * the form of a suggestion. See suggestions.c. */
#ifndef STATION_UI_SUGGESTIONS_H
#define STATION_UI_SUGGESTIONS_H

#include <stdint.h>

/* Push the register list (newest first, filter as you type, F5 cycles the status filter). */
void suggestions_push(void);
/* Push the screen of suggestion id (its fields, co-sponsors, linked cases, handling; F5 办理). */
void suggestion_push(int64_t id);

/* A visit turned into a 代表建议 (处理方式 转为代表建议). Borrowed for the call. */
struct sug_from_visit {
	int64_t visit_id;
	const char *date, *name, *content;
	const int64_t *deputy_ids; /* the receiving deputies: the first is offered as 领衔, the others
				    * as 附议 */
	int ndeputies;
};
/* Push the form of a new 代表建议 filled from a visit: 标题 the start of its content (typing
 * replaces it), 内容 its content, 提出日期 its date, the deputies as above. Saving links the
 * visit and the suggestion both ways (visit_suggestions); Esc leaves the visit without one. */
void suggestion_from_visit_push(const struct sug_from_visit *fv);

#endif
