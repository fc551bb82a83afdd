/* The keystroke latency trace (see trace.h). */
#include "core/trace.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static struct {
	FILE *fp;             /* the trace file; NULL: off */
	struct timespec open; /* when trace_open() ran */
	struct timespec key;  /* when the pending key was read */
	bool pending;         /* a key waits for its trace_drawn() */
	bool started;         /* the start line is written */
	char name[32], action[32];
} tr;

static int64_t trace_us(const struct timespec *a, const struct timespec *b)
{
	return (int64_t)(b->tv_sec - a->tv_sec) * 1000000 + (b->tv_nsec - a->tv_nsec) / 1000;
}

int trace_open(const char *path)
{
	trace_close();
	tr.fp = fopen(path, "a");
	if (!tr.fp)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &tr.open);
	tr.started = tr.pending = false;
	return 0;
}

bool trace_on(void) { return tr.fp != NULL; }

void trace_key(const char *name)
{
	if (!tr.fp)
		return;
	clock_gettime(CLOCK_MONOTONIC, &tr.key);
	snprintf(tr.name, sizeof tr.name, "%s", name);
	snprintf(tr.action, sizeof tr.action, "key");
	tr.pending = true;
}

void trace_action(const char *name)
{
	if (tr.fp && tr.pending)
		snprintf(tr.action, sizeof tr.action, "%s", name);
}

void trace_drawn(void)
{
	struct timespec now;
	if (!tr.fp || (!tr.pending && tr.started))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!tr.started) {
		struct timeval wall;
		gettimeofday(&wall, NULL);
		fprintf(tr.fp, "start\t-\t%lld\t%lld\n", (long long)trace_us(&tr.open, &now),
			(long long)wall.tv_sec * 1000000 + wall.tv_usec);
		tr.started = true;
	}
	if (tr.pending)
		fprintf(tr.fp, "%s\t%s\t%lld\n", tr.name, tr.action, (long long)trace_us(&tr.key, &now));
	tr.pending = false;
	fflush(tr.fp);
}

void trace_close(void)
{
	if (tr.fp)
		fclose(tr.fp);
	tr.fp = NULL;
	tr.pending = false;
}
