/* 修改记录 on screen (docs/AUDIT.md): a record's history (who, when, which field from what to
 * what, newest first) with undo of its last change or restore of a deleted record, and the log
 * browser (every change, by period, user and register; Enter opens the record's history).
 * Personal values (phones, addresses, birth dates) are masked unless audit_may_unmask(); the
 * mask key shows them in full for a role that may. Nothing here exports the log. */
#ifndef STATION_UI_HISTORY_H
#define STATION_UI_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

/* Role checks (ui/login.h): with [accounts] login = no the one clerk has what a 站长 gets. */
/* May the current user see personal values in the log in full? */
bool audit_may_unmask(void);
/* May the current user undo a change made by `user`? */
bool audit_may_undo(const char *user);

/* Push the history of record row_id of table; what names it in the title ("代表名册"). */
void history_push(const char *table, int64_t row_id, const char *what);
/* Push the log browser. */
void history_log_push(void);

#endif
