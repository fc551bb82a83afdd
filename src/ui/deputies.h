/* 代表名册: the list screen and the deputy form. */
#ifndef STATION_UI_DEPUTIES_H
#define STATION_UI_DEPUTIES_H

#include <stdint.h>

void deputies_push(void);
/* Open the form for deputy id (0: a new deputy). */
void deputy_form_push(int64_t id);

#endif
