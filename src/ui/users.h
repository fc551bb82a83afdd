/* 账号管理 (station head only; docs/ACCOUNTS.md): the accounts as a list screen; F3 a new
 * account (its role picked first), F4 name and role, F5 reset the password (which also unlocks),
 * F8 delete (records keep the name). Opened by the 账号 key of the home screen (ui/login.h). */
#ifndef STATION_UI_USERS_H
#define STATION_UI_USERS_H

void users_push(void);

#endif
