/* The typed filter of a list, routed so that no keystroke waits on a scan of a big table
 * (docs/PERFORMANCE.md).
 *
 * Routes, by the number of characters typed (after trimming):
 *   - 3 or more: the FTS5 trigram index of the register (visits_fts, cases_fts; schema 0018),
 *     as one phrase: MATCH '"text"' finds the same rows as LIKE '%text%' on the same columns.
 *     The index reads the whole posting list of the phrase's trigrams, whatever the period, so
 *     search_run() first tries the scan (LIKE) for SEARCH_BUDGET_MS: a period of a month, or a
 *     phrase common enough to fill the page and the capped count early, is answered by it; a
 *     rare phrase over years runs out of the budget and is asked of the index;
 *   - 1 or 2: SQLite 3.40.1's trigram index finds nothing for fewer than 3 characters, but its
 *     list of trigrams can: the trigrams that start with the text (fts5vocab, a range of terms,
 *     schema 0020 pads every field so that each character starts one) ORed together find
 *     exactly the rows LIKE finds. Their row counts say how common the text is: a rare text
 *     (few rows hold it: "鑫鑫", a name) goes to the index, a common one (many rows: "村") to
 *     LIKE in the list's order, which fills a page or the capped count after a few rows. The
 *     choice compares the rows each would read for what the caller wants (a page: offset +
 *     limit rows; a count: SEARCH_COUNT_CAP + 1); a period of at most 20,000 rows (a month) is
 *     scanned without reading the list, which costs as much as the scan. Texts with letters whose case folding LIKE
 *     and the tokenizer do not share (accented Latin, full-width) keep LIKE. The list asks for
 *     its page (LIMIT) and counts at most SEARCH_COUNT_CAP rows ("1000+"), and the list screen
 *     installs search_set_interrupt() so that a key typed meanwhile abandons the query.
 * Small registers (deputies, units, suggestions, activities, plans) keep LIKE: they have
 * hundreds or thousands of rows.
 *
 * Call order: a WHERE builder calls search_route(text) and, when run with use_index, binds
 * search_fts_match(text). The UI wraps its list queries in search_set_interrupt(db, fn, ud)
 * ... search_set_interrupt(db, NULL, NULL) and asks search_interrupted() after a failure. */
#ifndef STATION_DB_SEARCH_H
#define STATION_DB_SEARCH_H

#include "db/db.h"

#include <stdbool.h>
#include <stdint.h>

enum search_route {
	SEARCH_NONE,  /* nothing typed */
	SEARCH_SHORT, /* 1-2 characters: LIKE on the base table, capped count, interruptible */
	SEARCH_FTS,   /* 3+ characters: the trigram index */
};

/* A count of a typed filter stops here; the list shows "1000+". */
#define SEARCH_COUNT_CAP 1000
/* How long the scan of a 3+ character text may run before the index is asked instead. */
#define SEARCH_BUDGET_MS 12

/* The route of text (NULL or blank: SEARCH_NONE). Characters are counted, not bytes. */
enum search_route search_route(const char *text);
/* Test hook: when not SEARCH_NONE, every non-blank text takes this route (SEARCH_SHORT: LIKE for
 * every text; SEARCH_FTS: the index at once, no budgeted scan first, 1-2 characters through
 * their trigrams whatever their counts), so a test can compare the rows of every route. */
extern enum search_route search_force_route;

/* Run a query of the typed text on the register whose index is fts ("visits_fts",
 * "cases_fts"): fn(ud, use_index, err) builds and runs it, with the text as LIKE (use_index
 * false) or through the full-text index (true, binding search_fts_match(text)); both give the
 * same rows. want is how many rows the query needs (a page: offset + limit; a capped count:
 * the cap + 1; everything: -1); from..to the dates the query keeps (ISO, inclusive; NULL: no
 * bound), which bound what a scan reads. For a SEARCH_FTS text fn runs first without the index under
 * search_budget_ms, then, if that ran out, with it; fn must then deliver nothing twice (a page
 * callback skips the rows it already passed on). A SEARCH_SHORT text runs once, on the route
 * its trigram counts choose. Returns fn's result (-1 also when a pending key interrupted the
 * choice). */
int search_run(struct db *db, const char *fts, const char *text, int64_t want, const char *from, const char *to,
	       int (*fn)(void *ud, bool use_index, char **err), void *ud, char **err);
/* The MATCH text of the index for text, inside fn(ud, true, ...): the phrase (3+ characters) or
 * the trigrams starting with it (1-2). New string. */
char *search_fts_match(const char *text);
/* A text whose scan ran out of the budget goes to the index at once next time (the list's page
 * after its count), until a scan of another text answers in time or this is called. */
void search_memo_clear(void);
/* Tests: the budget (default SEARCH_BUDGET_MS), and how many runs went on to the index. */
extern int search_budget_ms;
extern int search_budget_spent;
/* Tests: how many 1-2 character runs went to the index. */
extern int search_short_indexed;

/* True if a scan may use instr() instead of LIKE for text: it has no ASCII letter, the only
 * characters whose case LIKE ignores (instr() is a plain byte search, about twice as fast). */
bool search_instr_ok(const char *text);

/* text (trimmed) as one FTS5 phrase: "..." with inner quotes doubled. New string. */
char *search_fts_phrase(const char *text);

/* While pending is set, every few thousand SQLite steps on db ask pending(ud); true interrupts
 * the running statement (it fails with SQLITE_INTERRUPT, changing nothing) and marks db
 * interrupted until the next search_set_interrupt(). NULL removes the check. */
void search_set_interrupt(struct db *db, bool (*pending)(void *ud), void *ud);
/* True if a statement was interrupted since the last search_set_interrupt(). */
bool search_interrupted(void);

/* Fill the full-text indexes from the base tables (schema 0018 on an existing file), a block of
 * rows at a time, calling search_build_progress (if set) after each block. Inside the caller's
 * transaction. */
int search_build(struct db *db, char **err);
/* Called while search_build() runs: the register (Chinese) and the share done, 0-100. */
extern void (*search_build_progress)(const char *what, int percent);

#endif
