/* The home screen: the registers, today's date, a summary. */
#ifndef STATION_UI_HOME_H
#define STATION_UI_HOME_H

void home_push(void);

#endif
