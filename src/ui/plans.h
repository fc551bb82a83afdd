/* 年度活动计划: the yearly activity plan as a register screen (see plans.c). */
#ifndef STATION_UI_PLANS_H
#define STATION_UI_PLANS_H

void plans_push(void);

#endif
