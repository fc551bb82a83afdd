/* 代表活动记录簿 and 学习培训记录簿: one register of activities, shown whole or filtered to the
 * type 学习培训 under its own title, with the sign-in sheet of each activity (see activities.c). */
#ifndef STATION_UI_ACTIVITIES_H
#define STATION_UI_ACTIVITIES_H

/* The activities register (title: station.ini [registers] activities). */
void activities_push(void);
/* The training register: the activities of type 学习培训 ([registers] training). */
void training_push(void);

#endif
