/* Routing of the typed filter, the interruption of a slow list query, and the build of the
 * full-text indexes (see search.h). */
#include "db/search.h"

#include "db/internal.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum search_route search_force_route = SEARCH_NONE;
int search_budget_ms = SEARCH_BUDGET_MS;
int search_budget_spent;
void (*search_build_progress)(const char *what, int percent);

/* SQLite virtual-machine steps between two questions to the pending() callback: about a
 * millisecond of a scan, so a key abandons a query within a frame. */
#define SEARCH_CHECK_STEPS 10000

static struct {
	bool (*pending)(void *ud);
	void *ud;
	bool hit;                 /* pending() said yes */
	bool budget_on;           /* a scan runs under a time budget */
	bool budget_hit;          /* ... and ran out of it */
	struct timespec deadline; /* of the budget */
} search_irq;

enum search_route search_route(const char *text)
{
	int chars = 0;
	const char *s = text ? text : "", *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	for (const char *p = s; p < e; p++)
		if (((unsigned char)*p & 0xC0) != 0x80) /* not a UTF-8 continuation byte */
			chars++;
	if (chars == 0)
		return SEARCH_NONE;
	if (search_force_route == SEARCH_SHORT)
		return SEARCH_SHORT;
	return chars >= 3 ? SEARCH_FTS : SEARCH_SHORT;
}

char *search_fts_phrase(const char *text)
{
	char *t = xstrdup(text ? text : "");
	str_trim(t);
	struct strbuf sb;
	sb_init(&sb);
	sb_addc(&sb, '"');
	for (const char *p = t; *p; p++) {
		if (*p == '"')
			sb_addc(&sb, '"');
		sb_addc(&sb, *p);
	}
	sb_addc(&sb, '"');
	free(t);
	return sb_take(&sb);
}

static int search_progress_cb(void *ud)
{
	(void)ud;
	if (search_irq.pending && search_irq.pending(search_irq.ud)) {
		search_irq.hit = true;
		return 1;
	}
	if (search_irq.budget_on) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > search_irq.deadline.tv_sec ||
		    (now.tv_sec == search_irq.deadline.tv_sec && now.tv_nsec >= search_irq.deadline.tv_nsec)) {
			search_irq.budget_hit = true;
			return 1;
		}
	}
	return 0;
}

/* The progress handler on while a key check or a budget is wanted. */
static void search_install(struct db *db)
{
	bool on = search_irq.pending || search_irq.budget_on;
	sqlite3_progress_handler(db_handle(db), on ? SEARCH_CHECK_STEPS : 0, on ? search_progress_cb : NULL, NULL);
}

void search_set_interrupt(struct db *db, bool (*pending)(void *ud), void *ud)
{
	search_irq.pending = pending;
	search_irq.ud = ud;
	search_irq.hit = false;
	search_install(db);
}

/* The last text whose scan ran out of its budget: a list asks its count and then its page for
 * the same text, and the page need not spend the budget again. Owned. */
static char *search_memo;

void search_memo_clear(void)
{
	free(search_memo);
	search_memo = NULL;
}

int search_run(struct db *db, const char *text, int (*fn)(void *ud, bool use_index, char **err), void *ud, char **err)
{
	if (search_route(text) != SEARCH_FTS || search_force_route == SEARCH_SHORT)
		return fn(ud, false, err);
	if (search_force_route == SEARCH_FTS || (search_memo && !strcmp(search_memo, text)))
		return fn(ud, true, err);
	/* The scan first, under the budget: it answers a narrow period or a common phrase at once,
	 * where the index would read its whole posting lists. */
	struct timespec *d = &search_irq.deadline;
	clock_gettime(CLOCK_MONOTONIC, d);
	d->tv_nsec += (long)search_budget_ms * 1000000L;
	d->tv_sec += d->tv_nsec / 1000000000L;
	d->tv_nsec %= 1000000000L;
	search_irq.budget_on = true;
	search_irq.budget_hit = false;
	search_install(db);
	char *e = NULL;
	int rc = fn(ud, false, &e);
	bool over = rc < 0 && search_irq.budget_hit && !search_irq.hit;
	search_irq.budget_on = false;
	search_irq.budget_hit = false;
	search_install(db);
	if (!over) {
		if (rc >= 0) { /* the scan answered this text: it may again */
			free(search_memo);
			search_memo = NULL;
		}
		if (rc < 0 && err)
			*err = e;
		else
			free(e);
		return rc;
	}
	free(e);
	search_budget_spent++;
	free(search_memo);
	search_memo = xstrdup(text);
	return fn(ud, true, err);
}

bool search_interrupted(void) { return search_irq.hit; }

/* One full-text index and the table it indexes. */
struct search_index {
	const char *fts, *table, *cols, *what;
};

static const struct search_index search_indexes[] = {
	{ "visits_fts", "visits", "visitor_name, visitor_phone, content", "接待选民登记" },
	{ "cases_fts", "cases", "case_no, summary, content", "意见建议" },
};

/* Rows of a block: big enough that the statements cost nothing, small enough for a lively
 * progress line (about 0.1 s a block). */
#define SEARCH_BUILD_BLOCK 20000

static int search_build_one(struct db *db, const struct search_index *x, char **err)
{
	sqlite3_stmt *st = NULL;
	int64_t lo = 0, hi = 0;
	char *sql = xasprintf("INSERT INTO %s (%s) VALUES ('delete-all')", x->fts, x->fts);
	int rc = db_exec(db, sql, err);
	free(sql);
	if (rc < 0)
		return -1;
	sql = xasprintf("SELECT coalesce(min(id), 0) FROM %s", x->table);
	rc = db_query_int(db, sql, &lo, err);
	free(sql);
	sql = xasprintf("SELECT coalesce(max(id), 0) FROM %s", x->table);
	if (rc == 0)
		rc = db_query_int(db, sql, &hi, err);
	free(sql);
	if (rc < 0)
		return -1;
	sql = xasprintf("INSERT INTO %s (rowid, %s) SELECT id, %s FROM %s WHERE id BETWEEN ?1 AND ?2", x->fts, x->cols,
			x->cols, x->table);
	rc = db_prepare(db, sql, &st, err);
	free(sql);
	for (int64_t from = lo; rc == 0 && hi > 0 && from <= hi; from += SEARCH_BUILD_BLOCK) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, from + SEARCH_BUILD_BLOCK - 1);
		int src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			rc = db_fail(db, src, NULL, err);
		else if (search_build_progress) {
			int64_t pct = 100 * (from + SEARCH_BUILD_BLOCK - lo) / (hi - lo + 1);
			search_build_progress(x->what, pct > 100 ? 100 : (int)pct);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

int search_build(struct db *db, char **err)
{
	for (size_t i = 0; i < ARRAY_LEN(search_indexes); i++)
		if (search_build_one(db, &search_indexes[i], err) < 0)
			return -1;
	return 0;
}
