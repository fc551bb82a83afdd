/* 意见建议办理簿: the case list, one case with its timeline, and the action forms. */
#ifndef STATION_UI_CASES_H
#define STATION_UI_CASES_H

#include <stdint.h>

/* The list; filter is one of "", "超期", "临期", "待回访", or a status. */
void cases_push(const char *filter);
/* One case: its fields, its timeline, the allowed next steps. */
void case_push(int64_t id);

#endif
