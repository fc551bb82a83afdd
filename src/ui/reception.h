/* 接待日安排: the reception days of the year, their deputies on duty, cancel and generate. */
#ifndef STATION_UI_RECEPTION_H
#define STATION_UI_RECEPTION_H

void reception_push(void);

#endif
