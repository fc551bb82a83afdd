/* The keystroke latency trace (core/trace.h): off by default (nothing written, no file), and
 * once opened one line per key with its action and a plausible time, the start line first. */
#include "t.h"

#include "core/trace.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	char buf[256];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	return sb_take(&sb);
}

TEST(t_off_by_default)
{
	CHECK(!trace_on());
	trace_key("a"); /* no file: all of these do nothing */
	trace_action("text");
	trace_drawn();
	CHECK(!trace_on());
}

TEST(t_records)
{
	char path[] = "/tmp/station-trace-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	CHECK_INT(trace_open(path), 0);
	CHECK(trace_on());
	trace_drawn(); /* the first screen */
	trace_key("KEY_NPAGE");
	trace_action("pgdn");
	struct timespec d = { 0, 2000000 }; /* 2 ms of "work" */
	nanosleep(&d, NULL);
	trace_drawn();
	trace_drawn(); /* a redraw with no key: no line */
	trace_key("张");
	trace_drawn();
	trace_close();
	CHECK(!trace_on());
	char *text = slurp(path);
	CHECK(text != NULL);
	if (text) {
		long long us_start = -1, wall = -1, us_pg = -1, us_z = -1;
		char act_z[32] = "";
		CHECK_INT(sscanf(text, "start\t-\t%lld\t%lld\nKEY_NPAGE\tpgdn\t%lld\n张\t%31[a-z]\t%lld\n", &us_start,
				 &wall, &us_pg, act_z, &us_z),
			  5);
		CHECK(us_start >= 0 && wall > 1600000000000000LL);
		CHECK(us_pg >= 2000 && us_pg < 1000000);
		CHECK_STR(act_z, "key");
		CHECK(us_z >= 0 && us_z < us_pg);
		int lines = 0;
		for (char *p = text; *p; p++)
			lines += *p == '\n';
		CHECK_INT(lines, 3);
	}
	free(text);
	unlink(path);
	CHECK_INT(trace_open("/nonexistent-dir/trace"), -1);
	CHECK(!trace_on());
}

int main(void)
{
	RUN(t_off_by_default);
	RUN(t_records);
	return t_done();
}
