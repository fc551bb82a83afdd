/* 承办单位: the units cases are assigned to. */
#ifndef STATION_UI_UNITS_H
#define STATION_UI_UNITS_H

void units_push(void);

#endif
