/* 民生实事项目: the register list (年度 through the 期间 key, F5 the status), the form of a
 * project, the screen of one project with its timeline and its steps (F5, from core/project.h),
 * and the vote sessions (ui/votes.c). See docs/PROJECTS.md. */
#ifndef STATION_UI_PROJECTS_H
#define STATION_UI_PROJECTS_H

#include <stdint.h>

void projects_push(void);
/* The screen of project id. */
void project_push(int64_t id);
/* The form of a new project filled from a visit (来源 来访, its date, name and words). */
void project_from_visit_push(int64_t visit_id, const char *date, const char *name, const char *content);

/* Vote sessions (ui/votes.c): the list, and one session. */
void votes_push(void);
void vote_session_push(int64_t id);

#endif
