/* 述职评议 as a register screen: a year's evaluations, newest first; the form takes the deputy,
 * the date, 参评人数 and the three votes, which must add up (see evaluations.c). */
#ifndef STATION_UI_EVALUATIONS_H
#define STATION_UI_EVALUATIONS_H

void evaluations_push(void);

#endif
