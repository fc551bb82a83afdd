/* 代表建议办理簿: the register list, the screen of one suggestion with its handling actions, and
 * the form of a suggestion. See suggestions.c. */
#ifndef STATION_UI_SUGGESTIONS_H
#define STATION_UI_SUGGESTIONS_H

#include <stdint.h>

/* Push the register list (newest first, filter as you type, F5 cycles the status filter). */
void suggestions_push(void);
/* Push the screen of suggestion id (its fields, co-sponsors, linked cases, handling; F5 办理). */
void suggestion_push(int64_t id);

#endif
