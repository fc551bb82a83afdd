/* 接待选民登记簿: visit entry (the reception-day fast path) and the register list. */
#ifndef STATION_UI_VISITS_H
#define STATION_UI_VISITS_H

#include <stdint.h>

/* A new visit, pre-filled with today, today's reception day and its deputies on duty. */
void visit_new_push(void);
/* Edit visit id. */
void visit_edit_push(int64_t id);
/* The register list. */
void visits_push(void);

#endif
