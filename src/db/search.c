/* Routing of the typed filter, the interruption of a slow list query, and the build of the
 * full-text indexes (see search.h). */
#include "db/search.h"

#include "db/internal.h"

#include "core/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum search_route search_force_route = SEARCH_NONE;
int search_budget_ms = SEARCH_BUDGET_MS;
int search_budget_spent;
int search_short_indexed;
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

bool search_instr_ok(const char *text)
{
	for (const char *p = text ? text : ""; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			return false;
	return true;
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

/* ---- 1-2 characters: the trigrams that start with the text (schema 0020) ---- */

/* A text of 1-2 characters the index can be asked for: ASCII (folded to lower case, as the
 * trigram tokenizer folds it and LIKE ignores its case) or CJK, where the tokenizer's folding
 * and LIKE agree. Others (Latin letters with accents, full-width letters ...) keep LIKE. Writes
 * the folded text to out (at least strlen(text) + 1 bytes). */
static bool search_short_key(const char *text, char *out)
{
	const unsigned char *p = (const unsigned char *)text;
	char *o = out;
	while (*p) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return false;
			*o++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			p++;
			continue;
		}
		unsigned cp;
		int n;
		if ((*p & 0xF0) == 0xE0)
			cp = *p & 0x0F, n = 3;
		else if ((*p & 0xF8) == 0xF0)
			cp = *p & 0x07, n = 4;
		else
			return false; /* 2-byte sequences: Latin, Greek, Cyrillic ... (case folding) */
		for (int i = 1; i < n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		/* CJK punctuation, kana, bopomofo, CJK ideographs and their extensions */
		bool cjk = (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
			   (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
			   (cp >= 0x20000 && cp <= 0x3FFFF);
		if (!cjk)
			return false;
		memcpy(o, p, (size_t)n);
		o += n;
		p += n;
	}
	*o = 0;
	return o > out;
}

/* The trigrams of one index that start with a short text: their number, the rows they are
 * in (summed per trigram: a row with two of them counts twice, so an upper bound) and the
 * FTS5 query ORing them. complete is false when the list stopped at the bound. */
struct search_terms {
	char *fts, *text;
	uint64_t stamp; /* db_change_stamp() when read: a write may add trigrams */
	int64_t est, bound;
	int nterms;
	bool complete;
	char *match; /* "t1" OR "t2" ...; owned */
};
/* The MATCH text of the index pass running now (search_fts_match), or NULL. Borrowed. */
static const char *search_cur_match;

/* A 1-2 character text over at most this many rows is scanned without asking the trigram list. */
#define SEARCH_SCAN_SMALL 20000
/* More trigrams than this and the query itself gets big: LIKE then. */
#define SEARCH_TERMS_MAX 3000
/* Never matched: three paddings (a field ends with two). */
static const char search_no_match[] = "\"\x01\x01\x01\"";

static void search_terms_clear(struct search_terms *t)
{
	free(t->fts);
	free(t->text);
	free(t->match);
	memset(t, 0, sizeof *t);
}

void search_db_free(struct db *db)
{
	if (db->terms)
		search_terms_clear(db->terms);
	free(db->terms);
	db->terms = NULL;
}

/* Read the trigrams of fts starting with key (folded), until the rows exceed bound. Returns 0,
 * or -1 (err set) when the list could not be read. */
static int search_terms_read(struct db *db, const char *fts, const char *key, int64_t bound, struct search_terms *t,
			     char **err)
{
	sqlite3 *h = db_handle(db);
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("CREATE VIRTUAL TABLE IF NOT EXISTS temp.%s_terms USING fts5vocab(main, %s, row)", fts, fts);
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, NULL, err);
	sql = xasprintf("SELECT term, doc FROM temp.%s_terms WHERE term >= ?1 AND term < ?1 || char(1114111)", fts);
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, NULL, err);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	struct strbuf sb;
	sb_init(&sb);
	t->est = 0;
	t->nterms = 0;
	t->complete = true;
	t->bound = bound;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (t->est > bound || t->nterms >= SEARCH_TERMS_MAX) {
			t->complete = false;
			break;
		}
		const char *term = (const char *)sqlite3_column_text(st, 0);
		t->est += sqlite3_column_int64(st, 1);
		sb_add(&sb, t->nterms++ ? " OR \"" : "\"");
		for (const char *p = term ? term : ""; *p; p++) {
			if (*p == '"')
				sb_addc(&sb, '"');
			sb_addc(&sb, *p);
		}
		sb_addc(&sb, '"');
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		sb_free(&sb);
		return db_fail(db, rc, NULL, err);
	}
	if (t->est > bound)
		t->complete = false;
	sqlite3_finalize(st);
	t->match = t->nterms ? sb_take(&sb) : (sb_free(&sb), xstrdup(search_no_match));
	return 0;
}

/* Rows a LIKE scan of span rows (a period of the table's n) reads to find want rows when est of
 * the n rows match (all of them: want < 0). */
static int64_t search_like_rows(int64_t n, int64_t span, int64_t want, int64_t est)
{
	if (want < 0 || est <= 0)
		return span;
	double r = (double)want * (double)n / (double)est;
	return r < (double)span ? (int64_t)r : span;
}

/* The base table of an index (visits_fts -> visits) and its per-day counts (schema 0021). */
static char *search_base(const char *fts)
{
	const char *u = strrchr(fts, '_');
	return u ? xstrndup(fts, (size_t)(u - fts)) : xstrdup(fts);
}

static const char *search_days(const char *fts)
{
	return !strcmp(fts, "visits_fts") ? "visit_days" : !strcmp(fts, "cases_fts") ? "case_days" : NULL;
}

/* Decide the route of a 1-2 character text: *use_index and, when true, the memo's match.
 * Returns -1 only when interrupted (a key is waiting); other failures fall back to LIKE. */
static int search_short_route(struct db *db, const char *fts, const char *text, int64_t want, const char *from,
			      const char *to, bool *use_index, char **err)
{
	*use_index = false;
	char *key = xmalloc(strlen(text) + 1);
	if (!search_short_key(text, key)) {
		free(key);
		return 0;
	}
	char *base = search_base(fts), *sql = xasprintf("SELECT coalesce(max(rowid), 0) FROM %s", base);
	int64_t n = 0;
	char *e = NULL;
	int rc = db_query_int(db, sql, &n, &e);
	free(sql);
	free(base);
	/* The rows a scan of the period can read at most: the period's rows (the dates narrow the
	 * scan, the index reads every year). */
	int64_t span = n;
	const char *days = search_days(fts);
	if (rc == 0 && days && (!str_empty(from) || !str_empty(to)))
		rc = db_day_sums(db, days, !strcmp(days, "visit_days") ? "visits" : "cases", "0", from, to, &span,
				 NULL, &e);
	/* Read trigrams while the index could still beat the scan: beyond
	 * est * est = want * n the scan finds its rows sooner (a page: ~4,600 rows of 1M; a
	 * capped count: ~32,000). Forced (tests): all of them. */
	int64_t bound = search_force_route == SEARCH_FTS || want < 0 ? INT64_MAX / 4
									   : (int64_t)(2.0 * sqrt((double)want * (double)n)) + 1;
	/* A period this small is scanned at once (a month: ~4 ms for 10,000 visits): reading the
	 * trigram list costs about as much, since it counts the rows of every trigram it reads. */
	if (rc == 0 && search_force_route != SEARCH_FTS && span <= SEARCH_SCAN_SMALL) {
		free(key);
		return 0;
	}
	uint64_t stamp = db_change_stamp(db);
	if (!db->terms)
		db->terms = xcalloc(1, sizeof *db->terms);
	struct search_terms *t = db->terms; /* per connection: stamps of two connections say nothing */
	if (rc == 0 && !(t->fts && !strcmp(t->fts, fts) && !strcmp(t->text, key) && t->stamp == stamp &&
			 (t->complete || t->bound >= bound))) {
		search_terms_clear(t);
		rc = search_terms_read(db, fts, key, bound, t, &e);
		if (rc == 0) {
			t->fts = xstrdup(fts);
			t->text = xstrdup(key);
			t->stamp = stamp;
		} else {
			search_terms_clear(t);
		}
	}
	free(key);
	if (rc < 0) {
		if (search_irq.hit && err) {
			*err = e;
			return -1;
		}
		free(e);
		return 0;
	}
	if (search_force_route == SEARCH_FTS)
		*use_index = t->complete;
	else
		*use_index = t->complete && t->est + 50 * (int64_t)t->nterms < search_like_rows(n, span, want, t->est);
	return 0;
}

char *search_fts_match(const char *text)
{
	return search_cur_match ? xstrdup(search_cur_match) : search_fts_phrase(text);
}

int search_run(struct db *db, const char *fts, const char *text, int64_t want, const char *from, const char *to,
	       int (*fn)(void *ud, bool use_index, char **err), void *ud, char **err)
{
	enum search_route route = search_route(text);
	if (route == SEARCH_NONE || search_force_route == SEARCH_SHORT)
		return fn(ud, false, err);
	if (route == SEARCH_SHORT) {
		char *t = xstrdup(text);
		str_trim(t);
		bool use_index = false;
		int rc = search_short_route(db, fts, t, want, from, to, &use_index, err);
		free(t);
		if (rc < 0)
			return -1;
		if (!use_index)
			return fn(ud, false, err);
		search_cur_match = db->terms->match;
		search_short_indexed++;
		rc = fn(ud, true, err);
		search_cur_match = NULL;
		return rc;
	}
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

/* table: the view of padded text the index is built from (schema 0020). */
static const struct search_index search_indexes[] = {
	{ "visits_fts", "visits_fts_text", "visitor_name, visitor_phone, content", "接待选民登记" },
	{ "cases_fts", "cases_fts_text", "case_no, summary, content", "意见建议" },
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
