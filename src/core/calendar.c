/* The working-day calendar: data/holidays.txt (China's public holidays and make-up workdays,
 * compiled in) merged with the local days of station.ini [calendar], kept as one array sorted
 * by day number and searched by bisection. Days not listed follow the ordinary week. */
#include "core/calendar.h"

#include "core/clock.h"
#include "core/embed.h"
#include "core/text.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Errors listed at most; the rest are counted. */
#define CAL_MAX_ERRORS 20
/* Display columns of a bad line quoted in an error. */
#define CAL_QUOTE_COLS 60
/* A Monday from which weekdays are reckoned: 1970-01-05 (day 4) less 4000 weeks, i.e.
 * 1893-05-08, before every date date_real() accepts, so the offsets are positive in practice. */
#define CAL_MONDAY0 (4 - 7 * 4000)

/* One listed day. */
struct cal_day {
	int64_t day; /* days since 1970-01-01 */
	bool work;   /* true: a workday; false: a day off */
	char *name;  /* owned; NULL when none was given */
	int seq;     /* order of adding: the file's line number, then after it station.ini's days */
};

struct calendar {
	struct cal_day *v; /* owned, sorted by day, one entry per day */
	int n;
};

/* One error of the data file, kept to list them in line order. */
struct cal_err {
	int line;
	char *msg; /* owned */
};

struct cal_errs {
	struct cal_err *v; /* owned */
	int n;
};

static const char *const calendar_off_words[] = { "off", "休", "休息", "放假" };
static const char *const calendar_work_words[] = { "work", "班", "上班" };

static void calendar_err_add(struct cal_errs *e, int line, char *msg)
{
	e->v = xrealloc(e->v, sizeof *e->v * (size_t)(e->n + 1));
	e->v[e->n++] = (struct cal_err){ line, msg };
}

static int calendar_err_cmp(const void *a, const void *b)
{
	const struct cal_err *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

/* All errors as one message, one per line in line order (at most CAL_MAX_ERRORS); frees them. */
static char *calendar_err_take(struct cal_errs *e)
{
	struct strbuf sb;
	sb_init(&sb);
	qsort(e->v, (size_t)e->n, sizeof *e->v, calendar_err_cmp);
	for (int i = 0; i < e->n; i++) {
		if (i < CAL_MAX_ERRORS)
			sb_addf(&sb, "%s%s", i ? "\n" : "", e->v[i].msg);
		free(e->v[i].msg);
	}
	if (e->n > CAL_MAX_ERRORS)
		sb_addf(&sb, "\n...另有 %d 处错误", e->n - CAL_MAX_ERRORS);
	free(e->v);
	e->v = NULL;
	e->n = 0;
	return sb_take(&sb);
}

static int calendar_day_cmp(const void *a, const void *b)
{
	const struct cal_day *x = a, *y = b;
	if (x->day != y->day)
		return (x->day > y->day) - (x->day < y->day);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* A line for quoting in a message: valid UTF-8, cut to CAL_QUOTE_COLS columns. Caller frees. */
static char *calendar_quote(const char *line, size_t len)
{
	char *s = xstrndup(line, len);
	size_t keep = text_prefix_bytes(s, CAL_QUOTE_COLS);
	if (keep < strlen(s)) {
		s[keep] = '\0';
		char *t = xasprintf("%s...", s);
		free(s);
		return t;
	}
	return s;
}

/* Length of the word at s: up to an ASCII blank or a full-width space (U+3000). */
static size_t calendar_word_len(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != '\t' && !str_starts(s + n, "\u3000"))
		n++;
	return n;
}

/* Skip ASCII blanks and full-width spaces. */
static const char *calendar_skip_blanks(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (str_starts(s, "\u3000"))
			s += 3;
		else
			return s;
	}
}

/* Day number of a strict "YYYY-MM-DD" of len bytes (a real date, 1900..2200) into *day.
 * Not date_to_days() alone: its -1 for a bad date is also the number of 1969-12-31. */
static bool calendar_date_n(const char *s, size_t len, int64_t *day)
{
	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	char iso[11];
	memcpy(iso, s, 10);
	iso[10] = '\0';
	if (!date_real(atoi(iso), atoi(iso + 5), atoi(iso + 8)))
		return false;
	*day = date_to_days(iso);
	return true;
}

/* The same for a NUL-terminated string (may be NULL). */
static bool calendar_date(const char *iso, int64_t *day) { return iso && calendar_date_n(iso, strlen(iso), day); }

/* 1 for a work word, 0 for an off word, -1 otherwise. word is len bytes. */
static int calendar_parse_kind(const char *word, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(calendar_off_words); i++)
		if (strlen(calendar_off_words[i]) == len && !strncasecmp(word, calendar_off_words[i], len))
			return 0;
	for (size_t i = 0; i < ARRAY_LEN(calendar_work_words); i++)
		if (strlen(calendar_work_words[i]) == len && !strncasecmp(word, calendar_work_words[i], len))
			return 1;
	return -1;
}

/* Weekday of a day number: 1 = Monday ... 7 = Sunday. */
static int calendar_weekday(int64_t day)
{
	int64_t r = (day - CAL_MONDAY0) % 7;
	return (int)(r < 0 ? r + 7 : r) + 1;
}

/* Parse one line (len bytes, no line end). Returns NULL and fills *out (day, work, name) and
 * *got = true for a day, NULL with *got = false for a blank or comment line, else the reason
 * (static Chinese). */
static const char *calendar_parse_line(const char *line, size_t len, struct cal_day *out, bool *got)
{
	*got = false;
	out->name = NULL;
	if (!utf8_valid(line, len, NULL))
		return "不是 UTF-8 编码：请用记事本「另存为」，编码选 UTF-8";
	char *buf = xstrndup(line, len);
	str_trim(buf);
	const char *why = NULL;
	if (!*buf || *buf == '#')
		goto out;
	size_t w = calendar_word_len(buf);
	if (!calendar_date_n(buf, w, &out->day)) {
		why = "日期应写成 YYYY-MM-DD（如 2026-10-01），且是真实的日期";
		goto out;
	}
	const char *kind = calendar_skip_blanks(buf + w);
	size_t k = calendar_word_len(kind);
	int work = calendar_parse_kind(kind, k);
	if (work < 0) {
		why = k ? "日期后面应为 off（放假）或 work（调休上班），再空一格写名称"
			: "日期后面缺少 off（放假）或 work（调休上班）";
		goto out;
	}
	out->work = work == 1;
	const char *name = calendar_skip_blanks(kind + k);
	why = valid_text(name, 20, false);
	if (why)
		goto out;
	if (out->work && calendar_weekday(out->day) <= 5) {
		why = "work（调休上班）只能写在周六或周日，这一天本来就上班，请检查日期";
		goto out;
	}
	if (*name)
		out->name = xstrdup(name);
	*got = true;
out:
	free(buf);
	return why;
}

/* Parse the whole text into cal (entries unsorted, seq = line). Errors go to *errs. */
static void calendar_parse_text(struct calendar *cal, const char *text, const char *src, struct cal_errs *errs)
{
	const char *p = text;
	if (str_starts(p, "\xEF\xBB\xBF")) /* a BOM left by Windows Notepad */
		p += 3;
	for (int line = 1; *p; line++) {
		size_t len = strcspn(p, "\n");
		const char *next = p[len] ? p + len + 1 : p + len;
		size_t l = len;
		if (l && p[l - 1] == '\r')
			l--;
		struct cal_day d;
		bool got;
		const char *why = calendar_parse_line(p, l, &d, &got);
		if (why) {
			char *q = utf8_valid(p, l, NULL) ? calendar_quote(p, l) : xstrdup("...");
			calendar_err_add(errs, line, xasprintf("%s 第 %d 行「%s」：%s", src, line, q, why));
			free(q);
		} else if (got) {
			d.seq = line;
			cal->v = xrealloc(cal->v, sizeof *cal->v * (size_t)(cal->n + 1));
			cal->v[cal->n++] = d;
		}
		p = next;
	}
	/* The same date twice in the file is a mistake (which one did the clerk mean?). */
	if (cal->n > 1)
		qsort(cal->v, (size_t)cal->n, sizeof *cal->v, calendar_day_cmp);
	for (int i = 1; i < cal->n; i++)
		if (cal->v[i].day == cal->v[i - 1].day) {
			char iso[11];
			days_to_date(cal->v[i].day, iso);
			calendar_err_add(errs, cal->v[i].seq,
					 xasprintf("%s 第 %d 行：%s 与第 %d 行重复，同一个日期只能写一次", src,
						   cal->v[i].seq, iso, cal->v[i - 1].seq));
		}
}

/* Add station.ini's days after the file's; for the same date the later one wins. */
static void calendar_merge_cfg(struct calendar *cal, const struct cfg *cfg)
{
	int seq = 0;
	for (int i = 0; i < cal->n; i++)
		if (cal->v[i].seq > seq)
			seq = cal->v[i].seq;
	for (int i = 0; cfg && i < cfg->ndays; i++) {
		int64_t day;
		if (!calendar_date(cfg->days[i].date, &day))
			continue; /* cfg_load() checked it; nothing to add */
		const char *name = cfg->days[i].name;
		cal->v = xrealloc(cal->v, sizeof *cal->v * (size_t)(cal->n + 1));
		cal->v[cal->n++] =
			(struct cal_day){ day, cfg->days[i].work, name && *name ? xstrdup(name) : NULL, ++seq };
	}
	if (cal->n > 1)
		qsort(cal->v, (size_t)cal->n, sizeof *cal->v, calendar_day_cmp);
	/* Keep the last of each run of equal days. */
	int k = 0;
	for (int i = 0; i < cal->n; i++) {
		if (k && cal->v[k - 1].day == cal->v[i].day) {
			free(cal->v[k - 1].name);
			cal->v[k - 1] = cal->v[i];
		} else {
			cal->v[k++] = cal->v[i];
		}
	}
	cal->n = k;
}

/* Parse text (named src in messages) and merge cfg's days. NULL and *err on a bad line. */
static struct calendar *calendar_build(const char *text, const char *src, const struct cfg *cfg, char **err)
{
	struct calendar *cal = xcalloc(1, sizeof *cal);
	struct cal_errs errs = { NULL, 0 };
	if (err)
		*err = NULL;
	calendar_parse_text(cal, text ? text : "", src, &errs);
	if (errs.n) {
		char *msg = calendar_err_take(&errs);
		if (err)
			*err = msg;
		else
			free(msg);
		calendar_free(cal);
		return NULL;
	}
	calendar_merge_cfg(cal, cfg);
	return cal;
}

struct calendar *calendar_new(const struct cfg *cfg, char **err)
{
	return calendar_build(embed_get("holidays.txt"), "data/holidays.txt", cfg, err);
}

struct calendar *calendar_from_text(const char *text, char **err)
{
	return calendar_build(text, "holidays.txt", NULL, err);
}

struct calendar *calendar_from_text_cfg(const char *text, const struct cfg *cfg, char **err)
{
	return calendar_build(text, "holidays.txt", cfg, err);
}

void calendar_free(struct calendar *cal)
{
	if (!cal)
		return;
	for (int i = 0; i < cal->n; i++)
		free(cal->v[i].name);
	free(cal->v);
	free(cal);
}

/* Index of the first entry with day >= day (cal->n if none). */
static int calendar_lower(const struct calendar *cal, int64_t day)
{
	int lo = 0, hi = cal->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (cal->v[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The entry for day, or NULL. */
static const struct cal_day *calendar_find(const struct calendar *cal, int64_t day)
{
	int i = calendar_lower(cal, day);
	return i < cal->n && cal->v[i].day == day ? &cal->v[i] : NULL;
}

static bool calendar_workday_at(const struct calendar *cal, int64_t day)
{
	const struct cal_day *e = calendar_find(cal, day);
	return e ? e->work : calendar_weekday(day) <= 5;
}

bool calendar_is_workday(const struct calendar *cal, const char *iso)
{
	int64_t day;
	return calendar_date(iso, &day) && calendar_workday_at(cal, day);
}

const char *calendar_day_name(const struct calendar *cal, const char *iso)
{
	int64_t day;
	const struct cal_day *e = calendar_date(iso, &day) ? calendar_find(cal, day) : NULL;
	if (!e)
		return NULL;
	return e->name ? e->name : e->work ? "调休上班" : "放假";
}

/* Walk day by day; n is at most a few hundred, and a week never lacks listed-free weekdays for
 * long, so this is cheap. n < 0 walks backwards, n == 0 gives from itself. */
void calendar_add_workdays(const struct calendar *cal, const char *from, int n, char out[11])
{
	int64_t day;
	if (!calendar_date(from, &day)) {
		out[0] = '\0';
		return;
	}
	int step = n < 0 ? -1 : 1;
	for (int left = n < 0 ? -n : n; left > 0;) {
		day += step;
		if (calendar_workday_at(cal, day))
			left--;
	}
	days_to_date(day, out);
}

void calendar_next_workday(const struct calendar *cal, const char *iso, char out[11])
{
	int64_t day;
	if (!calendar_date(iso, &day)) {
		out[0] = '\0';
		return;
	}
	while (!calendar_workday_at(cal, day))
		day++;
	days_to_date(day, out);
}

/* Mondays to Fridays among the days CAL_MONDAY0 .. x-1. */
static int64_t calendar_weekdays_before(int64_t x)
{
	int64_t t = x - CAL_MONDAY0;
	int64_t q = t / 7, r = t % 7;
	if (r < 0) { /* floor division, for days before CAL_MONDAY0 (never in practice) */
		q--;
		r += 7;
	}
	return q * 5 + (r < 5 ? r : 5);
}

/* Working days in (a, b], a <= b: the ordinary weekdays, corrected by the listed days that
 * differ from the ordinary week. O(log n + listed days in the range). */
static int64_t calendar_count(const struct calendar *cal, int64_t a, int64_t b)
{
	int64_t n = calendar_weekdays_before(b + 1) - calendar_weekdays_before(a + 1);
	for (int i = calendar_lower(cal, a + 1); i < cal->n && cal->v[i].day <= b; i++) {
		bool weekday = calendar_weekday(cal->v[i].day) <= 5;
		if (cal->v[i].work && !weekday)
			n++;
		else if (!cal->v[i].work && weekday)
			n--;
	}
	return n;
}

int calendar_workdays_between(const struct calendar *cal, const char *from, const char *to)
{
	int64_t a, b;
	if (!calendar_date(from, &a) || !calendar_date(to, &b) || a == b)
		return 0;
	return a < b ? (int)calendar_count(cal, a, b) : -(int)calendar_count(cal, b, a);
}

bool calendar_year_known(const struct calendar *cal, int year)
{
	char iso[11];
	int64_t first, last;
	date_format(year, 1, 1, iso);
	if (year < 0 || year > 9999 || !calendar_date(iso, &first))
		return false;
	date_format(year, 12, 31, iso);
	calendar_date(iso, &last);
	int i = calendar_lower(cal, first);
	return i < cal->n && cal->v[i].day <= last;
}

/* The interned notice for an unknown year. */
static const char *calendar_year_notice(int year)
{
	char *s = xasprintf("%d 年节假日安排未录入，只按周末计算", year);
	const char *r = str_intern(s);
	free(s);
	return r;
}

const char *calendar_notice(const struct calendar *cal, const char *iso)
{
	int64_t day;
	if (!calendar_date(iso, &day))
		return NULL;
	int year = atoi(iso);
	return calendar_year_known(cal, year) ? NULL : calendar_year_notice(year);
}

const char *calendar_notice_span(const struct calendar *cal, const char *from, const char *to)
{
	int64_t da, db;
	if (!calendar_date(from, &da) || !calendar_date(to, &db))
		return NULL;
	int a = atoi(from), b = atoi(to);
	if (a > b) {
		int t = a;
		a = b;
		b = t;
	}
	for (int y = a; y <= b; y++)
		if (!calendar_year_known(cal, y))
			return calendar_year_notice(y);
	return NULL;
}

enum calendar_due calendar_due_state(const struct calendar *cal, const char *today, const char *due, int soon_days)
{
	int64_t t, d;
	if (!calendar_date(today, &t) || !calendar_date(due, &d))
		return CALENDAR_DUE_NONE;
	if (t > d)
		return CALENDAR_DUE_OVER;
	if (soon_days > 0 && calendar_count(cal, t, d) <= soon_days)
		return CALENDAR_DUE_SOON;
	return CALENDAR_DUE_NONE;
}
