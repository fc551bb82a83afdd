/* "Today" for the whole program. The environment variable STATION_TODAY=YYYY-MM-DD fixes it
 * (tests, demonstrations); otherwise the local date of the machine. */
#ifndef STATION_CLOCK_H
#define STATION_CLOCK_H

#include <stdint.h>

/* Today as "YYYY-MM-DD" into out (11 bytes). */
void clock_today(char out[11]);
/* Now as "YYYY-MM-DD HH:MM:SS" into out (20 bytes); the date part follows clock_today(). */
void clock_now(char out[20]);

/* Days since 1970-01-01 for an ISO date, and back. Return -1 / fail on a bad date. */
int64_t date_to_days(const char *iso);
void days_to_date(int64_t days, char out[11]);
/* Weekday of an ISO date: 1 = Monday ... 7 = Sunday; 0 for a bad date. */
int date_weekday(const char *iso);
/* Write y-m-d as "YYYY-MM-DD" (year clamped to 0..9999). */
void date_format(int y, int m, int d, char out[11]);
/* Add n calendar days to an ISO date. */
void date_add_days(const char *iso, int n, char out[11]);

#endif
