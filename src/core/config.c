/* station.ini → struct cfg.
 *
 * iniparser 4.1 refuses a whole file for one malformed line or a UTF-8 BOM, has a 1,022-byte line
 * limit, glues a line ending in '\' to the next one, and never says which line is wrong. So the
 * file is read here first: BOM and CR stripped, every line checked (UTF-8, length, shape), the line
 * of every section and key recorded. Bad lines are reported and left out; each good key's value
 * is read by iniparser's own rules (quotes, inline comments: ini_value) and set into an iniparser
 * dictionary in memory (no temporary file, so a full or missing TMPDIR changes nothing), and each
 * known key is checked against the table below. Only a regular file is read: a FIFO, a device or
 * a folder is refused at once. */
#include "core/config.h"

#include "core/text.h"
#include "core/util.h"
#include "core/validate.h"

#include <errno.h>
#include <fcntl.h>
#include <iniparser.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CFG_FILE_MAX   (1024 * 1024) /* a station.ini is a few KiB; refuse anything absurd */
#define CFG_MAX_ERRORS 20            /* list at most this many, then say how many more */
#define CFG_SHOW_COLS  40            /* a bad value or line is quoted up to this many columns */

static const char *const reg_keys[REG_COUNT] = {
	"deputies", "visits", "cases", "suggestions", "activities", "training", "performance", "projects",
};
static const char *const reg_titles[REG_COUNT] = {
	"代表名册",       "接待选民登记簿", "意见建议办理簿", "代表建议办理簿",
	"代表活动记录簿", "学习培训记录簿", "代表履职登记簿", "民生实事项目台账",
};

/* How a value is checked and stored. */
enum kind {
	K_TEXT, /* one line of text, at most max characters → char * */
	K_CODE, /* 1..max ASCII letters/digits → char * */
	K_INT,  /* whole number min..max → int */
	K_BOOL, /* yes/no/true/false/1/0/是/否 → bool */
	K_RULE, /* reception rule → reception_rule + reception_day */
	K_TIME, /* HH:MM or HH:MM-HH:MM → char * */
	K_ENC,  /* utf-8-bom / gb18030 → csv_encoding */
	K_PATH, /* a file path, "~/" expanded → char * (db_path, print_folder, backup_dir, export_dir) */
	K_PASS, /* 应到 / 实到 → project_pass_of_present */
};

struct item {
	const char *sec, *key;
	enum kind kind;
	size_t off; /* field in struct cfg */
	int min, max;
};

#define F(field) offsetof(struct cfg, field)
/* Every known key, one line each; docs/CONFIG.md and station.ini follow this order. */
static const struct item items[] = {
	{ "station", "name", K_TEXT, F(station_name), 0, 40 },
	{ "station", "code", K_CODE, F(station_code), 1, 12 },
	{ "station", "county", K_TEXT, F(county), 0, 20 },
	{ "station", "township", K_TEXT, F(township), 0, 20 },
	{ "station", "address", K_TEXT, F(address), 0, 60 },
	{ "database", "path", K_PATH, F(db_path), 0, 0 },
	{ "reception", "rule", K_RULE, 0, 0, 0 },
	{ "reception", "time", K_TIME, F(reception_time), 0, 0 },
	{ "reception", "place", K_TEXT, F(reception_place), 0, 40 },
	{ "reception", "keep_holiday", K_BOOL, F(reception_keep_holiday), 0, 0 },
	{ "reception", "notice_days", K_INT, F(notice_days), 0, 30 },
	{ "cases", "deadline_days", K_INT, F(case_days), 1, 365 },
	{ "cases", "due_soon_days", K_INT, F(due_soon_days), 0, 30 },
	{ "cases", "assign_days", K_INT, F(assign_days), 1, 30 },
	{ "cases", "followup_days", K_INT, F(followup_days), 1, 30 },
	{ "activities", "min_per_quarter", K_INT, F(min_activities_per_quarter), 0, 99 },
	{ "deputies", "min_receptions_per_year", K_INT, F(min_receptions_per_year), 0, 366 },
	{ "projects", "pass_rule", K_PASS, F(project_pass_of_present), 0, 0 },
	{ "export", "csv_encoding", K_ENC, 0, 0, 0 },
	{ "export", "mask_personal", K_BOOL, F(mask_personal), 0, 0 },
	{ "export", "folder", K_PATH, F(export_dir), 0, 0 },
	{ "backup", "dir", K_PATH, F(backup_dir), 0, 0 },
	{ "backup", "keep", K_INT, F(backup_keep), 1, 1000 },
	{ "backup", "remind_days", K_INT, F(backup_remind_days), 0, 365 },
	{ "registers", "deputies", K_TEXT, F(titles[REG_DEPUTIES]), 0, 20 },
	{ "registers", "visits", K_TEXT, F(titles[REG_VISITS]), 0, 20 },
	{ "registers", "cases", K_TEXT, F(titles[REG_CASES]), 0, 20 },
	{ "registers", "suggestions", K_TEXT, F(titles[REG_SUGGESTIONS]), 0, 20 },
	{ "registers", "activities", K_TEXT, F(titles[REG_ACTIVITIES]), 0, 20 },
	{ "registers", "training", K_TEXT, F(titles[REG_TRAINING]), 0, 20 },
	{ "registers", "performance", K_TEXT, F(titles[REG_PERFORMANCE]), 0, 20 },
	{ "registers", "projects", K_TEXT, F(titles[REG_PROJECTS]), 0, 20 },
	{ "print", "font", K_TEXT, F(print_font), 0, 60 },
	{ "print", "command", K_TEXT, F(print_command), 0, 120 },
	{ "print", "folder", K_PATH, F(print_folder), 0, 0 },
	{ "print", "clerk", K_TEXT, F(print_clerk), 0, 20 },
	{ "print", "reviewer", K_TEXT, F(print_reviewer), 0, 20 },
	{ "accounts", "login", K_BOOL, F(login), 0, 0 },
	{ "accounts", "lock_minutes", K_INT, F(lock_minutes), 1, 1440 },
	{ "user", "name", K_TEXT, F(user), 0, 20 },
};
#undef F

/* Sections; the last three hold free keys (checked by apply_key / apply_day / apply_point). */
static const char *const sections[] = {
	"station", "database", "reception", "cases", "activities", "deputies", "projects", "export", "backup",
	"registers", "print", "accounts", "user", "keys", "calendar", "points",
};

/* One section header (key NULL) or key line of the file. */
struct ent {
	char *sec; /* owned, lower-case; NULL for a key before any section */
	char *key; /* owned, lower-case; NULL for a section header */
	int line;
};

/* State of one load. */
struct load {
	const char *file; /* as shown in messages */
	struct cfg *c;
	struct ent *ents;
	int nents;
	dictionary *d; /* "section:key" → value, as iniparser_load would fill it; owned */
	struct cfg_err {
		int line;
		char *msg; /* owned */
	} * errs;          /* in line order */
	int nerrs;
};

/* Record an error about line (prefixed with the file and line), keeping errors in line order. */
static void add_err(struct load *L, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add_err(struct load *L, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	if (L->nerrs % 16 == 0)
		L->errs = xrealloc(L->errs, sizeof *L->errs * (size_t)(L->nerrs + 16));
	int i = L->nerrs++;
	for (; i > 0 && L->errs[i - 1].line > line; i--)
		L->errs[i] = L->errs[i - 1];
	L->errs[i].line = line;
	L->errs[i].msg = xasprintf("%s 第 %d 行%s", L->file, line, m);
	free(m);
}

/* All errors as one message, one per line (at most CFG_MAX_ERRORS listed). */
static char *errors_text(const struct load *L)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < L->nerrs && i < CFG_MAX_ERRORS; i++) {
		if (i)
			sb_addc(&sb, '\n');
		sb_add(&sb, L->errs[i].msg);
	}
	if (L->nerrs > CFG_MAX_ERRORS)
		sb_addf(&sb, "\n另有 %d 处错误未列出", L->nerrs - CFG_MAX_ERRORS);
	return sb_take(&sb);
}

static void add_warn(struct cfg *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_warn(struct cfg *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	c->warnings = xrealloc(c->warnings, sizeof(char *) * (size_t)(c->nwarnings + 1));
	c->warnings[c->nwarnings++] = m;
}

/* A copy of s short enough to quote in a message (cut at CFG_SHOW_COLS columns, "..." added). */
static char *shorten(const char *s)
{
	if (text_width(s) <= CFG_SHOW_COLS)
		return xstrdup(s);
	size_t n = text_prefix_bytes(s, CFG_SHOW_COLS - 3);
	return xasprintf("%.*s...", (int)n, s);
}

static void lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* One line of text for a setting: no control characters, at most max characters (0: any).
 * Independent of the locale (valid_text() is not: iswprint() needs a UTF-8 locale, and the
 * configuration may be read before one is set). The line is already known to be valid UTF-8.
 * Returns NULL or what is wrong (static). */
static const char *check_text(const char *v, int max)
{
	static char msg[64];
	int n = 0;
	for (const char *p = v; *p;) {
		wchar_t c;
		int k = utf8_decode(p, &c);
		if (k <= 0)
			return "含有无法识别的字符（不是有效的 UTF-8 文本）";
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029)
			return "含有控制字符（如制表符），请删除";
		p += k;
		n++;
	}
	if (max > 0 && n > max) {
		snprintf(msg, sizeof msg, "太长了：最多 %d 个字", max);
		return msg;
	}
	return NULL;
}

const char *cfg_reg_key(enum reg_id r) { return (unsigned)r < REG_COUNT ? reg_keys[r] : ""; }

const char *cfg_default_title(enum reg_id r) { return (unsigned)r < REG_COUNT ? reg_titles[r] : ""; }

int cfg_reg_find(const char *name)
{
	for (int i = 0; name && i < REG_COUNT; i++)
		if (!strcasecmp(name, reg_keys[i]))
			return i;
	return -1;
}

/* The home folder: $HOME, else the password database, else NULL. */
static const char *home_dir(void)
{
	const char *h = getenv("HOME");
	if (!str_empty(h))
		return h;
	struct passwd *pw = getpwuid(getuid());
	return pw && !str_empty(pw->pw_dir) ? pw->pw_dir : NULL;
}

/* $var if it is an absolute path, else ~/fallback (NULL if there is no home either). */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	if (v && v[0] == '/')
		return xstrdup(v);
	const char *h = home_dir();
	return h ? xasprintf("%s/%s", h, fallback) : NULL;
}

char *cfg_default_db_path(void)
{
	char *dir = xdg_dir("XDG_DATA_HOME", ".local/share");
	char *p = dir ? xasprintf("%s/station/station.db", dir) : xstrdup("station.db");
	free(dir);
	return p;
}

void cfg_defaults(struct cfg *c)
{
	memset(c, 0, sizeof *c);
	c->station_name = xstrdup("人大代表联络站");
	c->station_code = xstrdup("ST01");
	c->county = xstrdup("");
	c->township = xstrdup("");
	c->address = xstrdup("");
	c->db_path = cfg_default_db_path();
	c->db_path_default = true;
	c->reception_rule = RECEPTION_MONTHDAY;
	c->reception_day = 15;
	c->reception_time = xstrdup("09:00-11:30");
	c->reception_place = xstrdup("联络站接待室");
	c->reception_keep_holiday = false;
	c->notice_days = 3;
	c->case_days = 15;
	c->due_soon_days = 3;
	c->assign_days = 3;
	c->followup_days = 5;
	c->min_activities_per_quarter = 1;
	c->min_receptions_per_year = 4;
	c->csv_encoding = CSV_UTF8_BOM;
	c->mask_personal = true;
	c->backup_dir = xstrdup("");
	c->backup_keep = 10;
	c->backup_remind_days = 7;
	c->export_dir = xstrdup("");
	for (int i = 0; i < REG_COUNT; i++)
		c->titles[i] = xstrdup(reg_titles[i]);
	c->print_font = xstrdup("Noto Sans CJK SC");
	c->print_command = xstrdup("");
	c->print_folder = xstrdup("");
	c->print_clerk = xstrdup("");
	c->print_reviewer = xstrdup("");
	c->login = true;
	c->lock_minutes = 15;
	const char *u = getenv("USER");
	c->user = xstrdup(!str_empty(u) && !check_text(u, 20) ? u : "联络员");
	c->points_file = xstrdup("");
}

void cfg_free(struct cfg *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->station_name);
	free(c->station_code);
	free(c->county);
	free(c->township);
	free(c->address);
	free(c->db_path);
	free(c->backup_dir);
	free(c->export_dir);
	free(c->reception_time);
	free(c->reception_place);
	for (int i = 0; i < REG_COUNT; i++)
		free(c->titles[i]);
	free(c->print_font);
	free(c->print_command);
	free(c->print_folder);
	free(c->print_clerk);
	free(c->print_reviewer);
	free(c->user);
	for (int i = 0; i < c->nkeys; i++) {
		free(c->keys[i].action);
		free(c->keys[i].keys);
	}
	free(c->keys);
	for (int i = 0; i < c->ndays; i++)
		free(c->days[i].name);
	free(c->days);
	free(c->points_file);
	free(c->points);
	str_free_array(c->warnings, c->nwarnings);
	memset(c, 0, sizeof *c);
}

static const char *const weekday_names[] = { "", "一", "二", "三", "四", "五", "六", "日" };

char *cfg_rule_text(const struct cfg *c)
{
	if (c->reception_rule == RECEPTION_WEEKDAY && c->reception_day >= 1 && c->reception_day <= 7)
		return xasprintf("每周%s", weekday_names[c->reception_day]);
	return xasprintf("每月%d日", c->reception_day);
}

/* ---- reading the file ---- */

/* Read the whole file into *buf (NUL-terminated, caller frees). On failure an error for the
 * clerk naming the file. */
static int read_file(const char *file, char **buf, size_t *len, char **err)
{
	int rc = -1;
	char *b = NULL;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below. */
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			*err = xasprintf("找不到配置文件 %s", file);
		else if (errno == ENXIO) /* a socket */
			*err = xasprintf("无法读取配置文件 %s：这不是普通文件（是管道、设备或套接字）", file);
		else if (errno == EACCES)
			*err = xasprintf("无法读取配置文件 %s：没有读取权限", file);
		else
			*err = xasprintf("无法读取配置文件 %s：%s", file, strerror(errno));
		goto out;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		*err = xasprintf("无法读取配置文件 %s：%s", file, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = xasprintf("无法读取配置文件 %s：这是一个文件夹，不是文件", file);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = xasprintf("无法读取配置文件 %s：这不是普通文件（是管道、设备或套接字）", file);
		goto out;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	size_t cap = 4096, n = 0;
	b = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= CFG_FILE_MAX) {
				*err = xasprintf("配置文件 %s 太大（超过 %d KB），不像是 station.ini", file,
						 CFG_FILE_MAX / 1024);
				goto out;
			}
			cap *= 2;
			b = xrealloc(b, cap);
		}
		ssize_t r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = xasprintf("无法读取配置文件 %s：%s", file, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(b);
	return rc;
}

/* ---- the pre-pass ---- */

static void add_ent(struct load *L, const char *sec, const char *key, int line)
{
	if (L->nents % 32 == 0)
		L->ents = xrealloc(L->ents, sizeof *L->ents * (size_t)(L->nents + 32));
	struct ent *e = &L->ents[L->nents++];
	e->sec = sec ? xstrdup(sec) : NULL;
	e->key = key ? xstrdup(key) : NULL;
	e->line = line;
}

/* Report a line that is neither comment, section nor key = value, with a hint for the usual
 * slips of a Chinese input method. */
static void bad_shape(struct load *L, int line, const char *t, const char *why)
{
	char *s = shorten(t);
	const char *hint = "";
	if (strstr(t, "＝"))
		hint = "（等号请用半角 =）";
	else if (str_starts(t, "【") || str_starts(t, "［"))
		hint = "（方括号请用半角 [ ]）";
	add_err(L, line, "「%s」格式不对：%s%s", s, why, hint);
	free(s);
}

/* A line starting with '[' (trimmed, t): "[name]", maybe followed by a comment. */
static void scan_section(struct load *L, const char *t, int line, char **sec)
{
	const char *close = strchr(t, ']');
	const char *rest = close ? close + 1 : "";
	rest += strspn(rest, " \t");
	if (str_starts(rest, "\u3000"))
		rest += strlen("\u3000");
	char *name = close ? xstrndup(t + 1, (size_t)(close - t - 1)) : xstrdup("");
	str_trim(name);
	if (!close || (rest[0] && rest[0] != '#' && rest[0] != ';') || !name[0] || strchr(name, '[')) {
		bad_shape(L, line, t, "节名应单独一行，写成 [节名]");
		goto out;
	}
	lower_ascii(name);
	free(*sec);
	*sec = xstrdup(name);
	add_ent(L, name, NULL, line);
	if (iniparser_set(L->d, name, NULL))
		die("out of memory");
out:
	free(name);
}

/* The value of a key line as iniparser 4.1 (iniparser_line) reads it from rest, the text after
 * '=' already trimmed: "quoted" or 'quoted' up to the next quote of the same kind (# and ; kept);
 * otherwise up to the first ; or # (an inline comment), trimmed; "" and '' are empty. New string. */
static char *ini_value(const char *rest)
{
	static const char spaces[] = " \t\n\v\f\r";
	if ((rest[0] == '"' || rest[0] == '\'') && rest[1] && rest[1] != rest[0]) {
		const char *close = strchr(rest + 1, rest[0]);
		return close ? xstrndup(rest + 1, (size_t)(close - rest - 1)) : xstrdup(rest + 1);
	}
	size_t n = strcspn(rest, ";#");
	while (n && strchr(spaces, rest[n - 1]))
		n--;
	size_t start = strspn(rest, spaces);
	char *v = xstrndup(rest + (start < n ? start : n), start < n ? n - start : 0);
	if (!strcmp(v, "\"\"") || !strcmp(v, "''"))
		v[0] = '\0';
	return v;
}

/* Check one line (raw, n bytes, no line end); set a good key's value into L->d. */
static void scan_line(struct load *L, const char *raw, size_t n, int line, char **sec)
{
	char *t = NULL;
	if (n > CFG_LINE_MAX) {
		add_err(L, line, "太长（%zu 字节）：每行最多 %d 字节", n, CFG_LINE_MAX);
		goto out;
	}
	if (memchr(raw, '\0', n)) {
		add_err(L, line, "含有空字符（NUL），这不像是文本文件");
		goto out;
	}
	if (!utf8_valid(raw, n, NULL)) {
		add_err(L, line,
			"含有不是 UTF-8 编码的文字（文件可能是 GBK/ANSI 编码）："
			"请用记事本另存为，编码选 UTF-8");
		goto out;
	}
	t = xstrndup(raw, n);
	str_trim(t);
	if (!t[0] || t[0] == '#' || t[0] == ';')
		goto out; /* blank or comment: an empty line in the copy */
	if (t[0] == '[') {
		scan_section(L, t, line, sec);
		goto out;
	}
	char *eq = strchr(t, '=');
	if (!eq) {
		bad_shape(L, line, t, "应写成 设置名 = 值，或 [节名]，或以 # 开头的注释");
		goto out;
	}
	*eq = '\0';
	char *key = t, *rest = eq + 1;
	str_trim(key);
	str_trim(rest);
	if (!key[0]) {
		*eq = '=';
		bad_shape(L, line, t, "等号前缺少设置名");
		goto out;
	}
	if (rest[0] && rest[strlen(rest) - 1] == '\\') {
		add_err(L, line, " %s 的值以反斜杠 \\ 结尾，会把下一行接进来：请去掉它，或给值加上引号", key);
		goto out;
	}
	lower_ascii(key);
	add_ent(L, *sec, key, line);
	if (*sec) { /* iniparser would file a key before any section under ":key"; leave it out */
		char *full = xasprintf("%s:%s", *sec, key), *v = ini_value(rest);
		if (iniparser_set(L->d, full, v)) /* a later line with the same key wins, as in iniparser */
			die("out of memory");
		free(full);
		free(v);
	}
out:
	free(t);
}

/* Split text into lines and scan each; line numbers count from 1. */
static void scan_text(struct load *L, const char *text, size_t len)
{
	char *sec = NULL;
	int line = 0;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - pos;
		if (n && text[pos + n - 1] == '\r')
			n--;
		scan_line(L, text + pos, n, ++line, &sec);
		pos = end + 1;
	}
	free(sec);
}

/* ---- checking values ---- */

/* A copy of s with ASCII and full-width spaces removed, ASCII lower-cased and each pair
 * {from, to} of map replaced; n pairs. */
static char *normalize(const char *s, const char *const (*map)[2], size_t n)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	while (*s) {
		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		if (str_starts(s, "\u3000")) {
			s += 3;
			continue;
		}
		size_t i;
		for (i = 0; i < n; i++)
			if (str_starts(s, map[i][0]))
				break;
		if (i < n) {
			sb_add(&sb, map[i][1]);
			s += strlen(map[i][0]);
		} else {
			char ch = *s++;
			sb_addc(&sb, ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch);
		}
	}
	return sb_take(&sb);
}

/* Parse 1 to max_digits ASCII digits at *p into *v; advance *p. */
static bool take_num(const char **p, int max_digits, int *v)
{
	int n = 0, k = 0;
	while (k < max_digits && (*p)[k] >= '0' && (*p)[k] <= '9')
		n = n * 10 + ((*p)[k++] - '0');
	if (!k)
		return false;
	*p += k;
	*v = n;
	return true;
}

/* Reception rule: day:15, 每月15日, 15号 / weekday:3, 周三, 星期日, 每周7. */
static bool parse_rule(const char *in, enum reception_rule *rule, int *day)
{
	static const char *const map[][2] = { { "：", ":" } };
	static const char *const month_pre[] = { "day:", "每月" };
	static const char *const week_pre[] = { "weekday:", "每星期", "每周", "星期", "周", "礼拜" };
	static const char *const cjk_days[] = { "一", "二", "三", "四", "五", "六", "日", "天" };
	char *s = normalize(in, map, ARRAY_LEN(map));
	const char *p = s;
	bool ok = false, week = false;
	size_t i;
	for (i = 0; i < ARRAY_LEN(month_pre) && !str_starts(p, month_pre[i]); i++)
		;
	if (i < ARRAY_LEN(month_pre)) {
		p += strlen(month_pre[i]);
	} else {
		for (i = 0; i < ARRAY_LEN(week_pre) && !str_starts(p, week_pre[i]); i++)
			;
		if (i < ARRAY_LEN(week_pre)) {
			p += strlen(week_pre[i]);
			week = true;
		} else if (!(p[0] >= '0' && p[0] <= '9' && (strstr(p, "日") || strstr(p, "号")))) {
			goto out; /* a bare number is ambiguous: day or weekday? */
		}
	}
	int n = 0;
	if (week) {
		if (take_num(&p, 1, &n)) {
			ok = !*p && n >= 1 && n <= 7;
		} else {
			for (i = 0; i < ARRAY_LEN(cjk_days); i++)
				if (!strcmp(p, cjk_days[i]))
					break;
			n = i < 6 ? (int)i + 1 : 7;
			ok = i < ARRAY_LEN(cjk_days);
		}
		*rule = RECEPTION_WEEKDAY;
	} else {
		if (!take_num(&p, 2, &n))
			goto out;
		if (str_starts(p, "日") || str_starts(p, "号"))
			p += strlen("日");
		ok = !*p && n >= 1 && n <= 31;
		*rule = RECEPTION_MONTHDAY;
	}
	if (ok)
		*day = n;
out:
	free(s);
	return ok;
}

/* H:MM or HH:MM at *p (minutes always two digits); advance *p. */
static bool take_hm(const char **p, int *h, int *m)
{
	const char *q = *p;
	if (!take_num(&q, 2, h) || *q++ != ':' || !(q[0] >= '0' && q[0] <= '9' && q[1] >= '0' && q[1] <= '9'))
		return false;
	*m = (q[0] - '0') * 10 + (q[1] - '0');
	*p = q + 2;
	return true;
}

/* Reception time: "9:00-11:30", "09：00～11：30", "14:30" → normalised "09:00-11:30". */
static char *parse_time(const char *in)
{
	static const char *const map[][2] = {
		{ "：", ":" }, { "～", "-" }, { "~", "-" }, { "至", "-" },
		{ "到", "-" }, { "－", "-" }, { "—", "-" }, { "–", "-" },
	};
	char *s = normalize(in, map, ARRAY_LEN(map));
	const char *p = s;
	char *res = NULL;
	int h1, m1, h2 = -1, m2 = -1;
	if (!take_hm(&p, &h1, &m1))
		goto out;
	if (*p == '-') {
		p++;
		if (!take_hm(&p, &h2, &m2))
			goto out;
	}
	if (*p || h1 > 23 || m1 > 59 ||
	    (h2 >= 0 && (h2 > 24 || m2 > 59 || h2 * 60 + m2 <= h1 * 60 + m1 || h2 * 60 + m2 > 24 * 60)))
		goto out;
	res = h2 < 0 ? xasprintf("%02d:%02d", h1, m1) : xasprintf("%02d:%02d-%02d:%02d", h1, m1, h2, m2);
out:
	free(s);
	return res;
}

/* Bool words, as documented. */
static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "1", "是" };
	static const char *const no[] = { "no", "false", "0", "否" };
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = true;
			return true;
		}
		if (!strcasecmp(v, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* A whole decimal number; no sign, no spaces, no leading junk. */
static bool parse_int(const char *v, int min, int max, int *out)
{
	long n = 0;
	if (!*v)
		return false;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9' || n > 100000000)
			return false;
		n = n * 10 + (*p - '0');
	}
	if (n < min || n > max)
		return false;
	*out = (int)n;
	return true;
}

/* Check v (trimmed, not empty) for item it and store it in c. Returns NULL, or what is allowed
 * (a new string) when v is bad. */
static char *apply_item(const struct item *it, const char *v, struct cfg *c)
{
	char *field = (char *)c + it->off;
	const char *why;
	switch (it->kind) {
	case K_TEXT:
		if ((why = check_text(v, it->max)))
			return xstrdup(why);
		str_set((char **)field, v);
		return NULL;
	case K_CODE: {
		size_t n = strlen(v);
		bool ok = n >= (size_t)it->min && n <= (size_t)it->max;
		for (size_t i = 0; ok && i < n; i++)
			ok = (v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'Z') ||
				(v[i] >= 'a' && v[i] <= 'z');
		if (!ok)
			return xasprintf("应为 %d 到 %d 个英文字母或数字（用在案件编号里，如 CG01-2026-0001）", it->min,
					 it->max);
		str_set((char **)field, v);
		return NULL;
	}
	case K_INT:
		if (!parse_int(v, it->min, it->max, (int *)field))
			return xasprintf("应为 %d 到 %d 之间的整数", it->min, it->max);
		return NULL;
	case K_BOOL:
		if (!parse_bool(v, (bool *)field))
			return xstrdup("应为 yes 或 no（也可写 true/false、1/0、是/否）");
		return NULL;
	case K_RULE:
		if (!parse_rule(v, &c->reception_rule, &c->reception_day))
			return xstrdup("应为 day:几号（每月，1 到 31，如 day:15 或 每月15日）"
				       "或 weekday:星期几（每周，1 为周一到 7 为周日，如 weekday:3 或 周三）");
		return NULL;
	case K_TIME: {
		char *t = parse_time(v);
		if (!t)
			return xstrdup("应为 时:分-时:分（如 09:00-11:30）或 时:分（如 09:00）");
		free(*(char **)field);
		*(char **)field = t;
		return NULL;
	}
	case K_ENC:
		if (!strcasecmp(v, "utf-8-bom") || !strcasecmp(v, "utf8-bom"))
			c->csv_encoding = CSV_UTF8_BOM;
		else if (!strcasecmp(v, "gb18030"))
			c->csv_encoding = CSV_GB18030;
		else if (!strcasecmp(v, "gbk") || !strcasecmp(v, "gb2312") || !strcasecmp(v, "ansi"))
			return xstrdup("应为 utf-8-bom 或 gb18030（GBK 缺少部分姓名用字，请用 gb18030）");
		else
			return xstrdup("应为 utf-8-bom 或 gb18030");
		return NULL;
	case K_PATH: {
		char **dst = (char **)((char *)c + it->off);
		if ((why = check_text(v, 0)))
			return xstrdup(why);
		if (str_starts(v, "~/")) {
			const char *h = home_dir();
			if (!h)
				return xstrdup("找不到主目录，无法展开 ~/，请写完整路径");
			free(*dst);
			*dst = xasprintf("%s/%s", h, v + 2);
		} else {
			str_set(dst, v);
		}
		if (dst == &c->db_path)
			c->db_path_default = false;
		return NULL;
	case K_PASS:
		if (!strcmp(v, "应到"))
			c->project_pass_of_present = false;
		else if (!strcmp(v, "实到"))
			c->project_pass_of_present = true;
		else
			return xstrdup("应为 应到（赞成票超过应到人数的一半）或 实到（超过实到人数的一半）");
		return NULL;
	}
	}
	return NULL;
}

/* ---- settings kept in the database ---- */

static const char *const settable_sections[] = { "station", "reception", "cases", "activities", "deputies", "projects" };

/* The item of "section.key" that the database may hold, or NULL. */
static const struct item *settable_item(const char *key)
{
	const char *dot = key ? strchr(key, '.') : NULL;
	if (!dot)
		return NULL;
	size_t n = (size_t)(dot - key);
	bool ok = false;
	for (size_t i = 0; i < ARRAY_LEN(settable_sections) && !ok; i++)
		ok = strlen(settable_sections[i]) == n && !strncmp(key, settable_sections[i], n);
	for (size_t i = 0; ok && i < ARRAY_LEN(items); i++)
		if (strlen(items[i].sec) == n && !strncmp(key, items[i].sec, n) && !strcmp(dot + 1, items[i].key))
			return &items[i];
	return NULL;
}

bool cfg_settable(const char *key) { return settable_item(key) != NULL; }

char *cfg_set(struct cfg *c, const char *key, const char *value)
{
	const struct item *it = settable_item(key);
	if (!it)
		return xasprintf("没有 %s 这项设置", key ? key : "");
	char *v = xstrdup(value ? value : "");
	str_trim(v);
	char *why = NULL;
	if (!*v && it->kind != K_TEXT)
		why = xstrdup("不能为空");
	else {
		/* Checked on a copy, so a refused value leaves c as it was (K_RULE sets two fields). */
		struct cfg t = *c;
		why = apply_item(it, v, &t);
		if (!why) {
			*c = t;
		}
	}
	free(v);
	return why;
}

char *cfg_value_text(const struct cfg *c, const char *key)
{
	const struct item *it = settable_item(key);
	if (!it)
		return xstrdup("");
	const char *field = (const char *)c + it->off;
	switch (it->kind) {
	case K_INT:
		return xasprintf("%d", *(const int *)field);
	case K_BOOL:
		return xstrdup(*(const bool *)field ? "是" : "否");
	case K_RULE:
		return cfg_rule_text(c);
	case K_PASS:
		return xstrdup(c->project_pass_of_present ? "实到" : "应到");
	case K_ENC:
		return xstrdup(c->csv_encoding == CSV_GB18030 ? "gb18030" : "utf-8-bom");
	default:
		return xstrdup(*(char *const *)field ? *(char *const *)field : "");
	}
}

/* Levenshtein distance of two short ASCII names (capped at 32 bytes each). */
static int distance(const char *a, const char *b)
{
	int la = (int)strnlen(a, 32), lb = (int)strnlen(b, 32);
	int row[33];
	for (int j = 0; j <= lb; j++)
		row[j] = j;
	for (int i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= lb; j++) {
			int up = row[j];
			int sub = diag + (a[i - 1] != b[j - 1]);
			int best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
			row[j] = sub < best ? sub : best;
			diag = up;
		}
	}
	return row[lb];
}

/* Is cand close enough to the unknown name to suggest it? */
static bool close_to(const char *name, const char *cand)
{
	if (distance(name, cand) <= 2)
		return true;
	return strlen(name) >= 4 && (strstr(cand, name) || strstr(name, cand));
}

static bool known_section(const char *sec)
{
	for (size_t i = 0; i < ARRAY_LEN(sections); i++)
		if (!strcmp(sec, sections[i]))
			return true;
	return false;
}

/* Warning text after "...，已忽略" for an unknown key: where it belongs or what was meant. */
static char *key_hint(const char *sec, const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(items); i++)
		if (!strcmp(items[i].key, key) && (!sec || strcmp(items[i].sec, sec)))
			return xasprintf("（%s 属于 [%s] 节）", key, items[i].sec);
	for (size_t i = 0; sec && i < ARRAY_LEN(items); i++)
		if (!strcmp(items[i].sec, sec) && close_to(key, items[i].key))
			return xasprintf("（是否应为 %s？）", items[i].key);
	return xstrdup("");
}

static void warn_section(struct load *L, const struct ent *e)
{
	for (const struct ent *p = L->ents; p < e; p++)
		if (!p->key && !strcmp(p->sec, e->sec))
			return; /* said once already */
	const char *sugg = NULL;
	for (size_t i = 0; i < ARRAY_LEN(sections) && !sugg; i++)
		if (close_to(e->sec, sections[i]))
			sugg = sections[i];
	char *s = shorten(e->sec);
	if (sugg)
		add_warn(L->c, "%s 第 %d 行：没有 [%s] 这一节，其中的设置已忽略（是否应为 [%s]？）", L->file, e->line,
			 s, sugg);
	else
		add_warn(L->c, "%s 第 %d 行：没有 [%s] 这一节，其中的设置已忽略", L->file, e->line, s);
	free(s);
}

/* A [keys] line: action = key list, stored as written. */
static void apply_key(struct load *L, const struct ent *e, const char *v)
{
	const char *why = check_text(v, 60);
	if (why) {
		add_err(L, e->line, " [keys] %s：%s", e->key, why);
		return;
	}
	struct cfg *c = L->c;
	c->keys = xrealloc(c->keys, sizeof *c->keys * (size_t)(c->nkeys + 1));
	c->keys[c->nkeys++] = (struct cfg_key){ xstrdup(e->key), xstrdup(v), e->line };
}

/* A [points] line: file = path, or item = first, further, cap (core/points.h). */
static void apply_point(struct load *L, const struct ent *e, const char *v)
{
	struct cfg *c = L->c;
	struct points_rule r;
	const char *why;
	if (!strcmp(e->key, "file")) {
		if ((why = check_text(v, 0)))
			add_err(L, e->line, " [points] file：%s", why);
		else if (str_starts(v, "~/") && !home_dir())
			add_err(L, e->line, " [points] file：找不到主目录，无法展开 ~/，请写完整路径");
		else if (str_starts(v, "~/")) {
			free(c->points_file);
			c->points_file = xasprintf("%s/%s", home_dir(), v + 2);
		} else
			str_set(&c->points_file, v);
	} else if ((why = points_rule_parse_value(e->key, v, &r))) {
		char *k = shorten(e->key), *s = shorten(v);
		add_err(L, e->line, " [points] %s = %s：%s", k, s, why);
		free(k);
		free(s);
	} else {
		c->points = xrealloc(c->points, sizeof *c->points * (size_t)(c->npoints + 1));
		c->points[c->npoints++] = r;
	}
}

/* A [calendar] line: YYYY-MM-DD = off|work [name]. */
static void apply_day(struct load *L, const struct ent *e, const char *v)
{
	static const char *const off_words[] = { "off", "休", "休息", "放假" };
	static const char *const work_words[] = { "work", "班", "上班" };
	int y, m, d;
	char tail;
	if (strlen(e->key) != 10 || sscanf(e->key, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || e->key[4] != '-' ||
	    e->key[7] != '-' || !date_real(y, m, d)) {
		char *s = shorten(e->key);
		add_err(L, e->line, " [calendar] %s：日期应写成 YYYY-MM-DD（如 2026-06-01），且是真实的日期", s);
		free(s);
		return;
	}
	size_t w = strcspn(v, " \t"); /* the first word ends at an ASCII or full-width space */
	const char *fw = strstr(v, "\u3000");
	if (fw && (size_t)(fw - v) < w)
		w = (size_t)(fw - v);
	char *word = xstrndup(v, w);
	str_trim(word);
	char *name = xstrdup(v + w);
	str_trim(name);
	int kind = -1;
	for (size_t i = 0; i < ARRAY_LEN(off_words); i++)
		if (!strcasecmp(word, off_words[i]))
			kind = 0;
	for (size_t i = 0; i < ARRAY_LEN(work_words); i++)
		if (!strcasecmp(word, work_words[i]))
			kind = 1;
	const char *why = kind < 0 ? NULL : check_text(name, 20);
	if (kind < 0 || why) {
		char *s = shorten(v);
		add_err(L, e->line, " [calendar] %s = %s：%s", e->key, s,
			why ? why : "应为 off（放假）或 work（调休上班），后面可加名称，如 off 本地节日");
		free(s);
	} else {
		struct cfg *c = L->c;
		c->days = xrealloc(c->days, sizeof *c->days * (size_t)(c->ndays + 1));
		struct cfg_day *day = &c->days[c->ndays++];
		memcpy(day->date, e->key, 11);
		day->work = kind == 1;
		day->name = name;
		day->line = e->line;
		name = NULL;
	}
	free(word);
	free(name);
}

/* Fetch the value of a known key (it NULL for [keys] and [calendar]) from iniparser, check it
 * and store it. An empty value keeps the default. */
static void apply_value(struct load *L, dictionary *d, const struct ent *e, const struct item *it)
{
	char *full = xasprintf("%s:%s", e->sec, e->key);
	char *v = xstrdup(iniparser_getstring(d, full, ""));
	free(full);
	str_trim(v);
	if (!strcmp(e->sec, "calendar")) {
		apply_day(L, e, v);
	} else if (!v[0]) {
		/* empty: keep the default */
	} else if (!strcmp(e->sec, "keys")) {
		apply_key(L, e, v);
	} else if (!strcmp(e->sec, "points")) {
		apply_point(L, e, v);
	} else if (it) {
		if (it->off == offsetof(struct cfg, station_name) && !strcmp(it->sec, "station"))
			L->c->station_name_set = true;
		char *why = apply_item(it, v, L->c);
		if (why) {
			char *s = shorten(v);
			add_err(L, e->line, " [%s] %s = %s：%s", e->sec, e->key, s, why);
			free(s);
			free(why);
		}
	}
	free(v);
}

/* Look at every recorded line in file order: warn about unknown and repeated ones, check and
 * store the rest. */
static void apply_all(struct load *L, dictionary *d)
{
	for (int i = 0; i < L->nents; i++) {
		const struct ent *e = &L->ents[i];
		if (!e->key) {
			if (!known_section(e->sec))
				warn_section(L, e);
			continue;
		}
		if (!e->sec) {
			char *h = key_hint(NULL, e->key);
			char *k = shorten(e->key);
			add_warn(L->c, "%s 第 %d 行：%s 不在任何 [节] 之下，已忽略%s", L->file, e->line, k, h);
			free(k);
			free(h);
			continue;
		}
		if (!known_section(e->sec))
			continue;
		int later = 0;
		for (int j = i + 1; j < L->nents && !later; j++)
			if (L->ents[j].key && L->ents[j].sec && !strcmp(L->ents[j].sec, e->sec) &&
			    !strcmp(L->ents[j].key, e->key))
				later = L->ents[j].line;
		if (later) {
			add_warn(L->c, "%s 第 %d 行：[%s] %s 重复，以第 %d 行为准", L->file, e->line, e->sec, e->key,
				 later);
			continue;
		}
		const struct item *it = NULL;
		for (size_t k = 0; k < ARRAY_LEN(items) && !it; k++)
			if (!strcmp(items[k].sec, e->sec) && !strcmp(items[k].key, e->key))
				it = &items[k];
		bool free_keys = !strcmp(e->sec, "keys") || !strcmp(e->sec, "calendar") || !strcmp(e->sec, "points");
		if (!it && !free_keys) {
			char *h = key_hint(e->sec, e->key);
			char *s = shorten(e->key);
			add_warn(L->c, "%s 第 %d 行：[%s] 中没有 %s 这项设置，已忽略%s", L->file, e->line, e->sec, s,
				 h);
			free(s);
			free(h);
			continue;
		}
		apply_value(L, d, e, it);
	}
}

/* ---- the whole load ---- */

const char *cfg_system_file = CFG_SYSTEM_FILE;

/* The file to read when no path was given, or NULL: ./station.ini, the user's
 * $XDG_CONFIG_HOME/station/station.ini, then the machine-wide cfg_system_file (the .deb's conffile). */
static char *find_file(void)
{
	if (access("station.ini", F_OK) == 0)
		return xstrdup("station.ini");
	char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *p = dir ? xasprintf("%s/station/station.ini", dir) : NULL;
	free(dir);
	if (p && access(p, F_OK) == 0)
		return p;
	free(p);
	if (access(cfg_system_file, F_OK) == 0)
		return xstrdup(cfg_system_file);
	return NULL;
}

int cfg_load(const char *path, struct cfg *out, char **err)
{
	int rc = -1;
	char *file = NULL, *text = NULL;
	size_t len = 0;
	struct load L = { .c = out };
	*err = NULL;
	cfg_defaults(out);

	const char *env = getenv("STATION_CONFIG");
	if (!path && !str_empty(env))
		path = env;
	file = path ? xstrdup(path) : find_file();
	if (!file) {
		add_warn(out, "未找到 station.ini，使用默认设置");
		rc = 0;
		goto out;
	}
	L.file = file;
	if (read_file(file, &text, &len, err) < 0)
		goto out;
	const char *body = text;
	if (len >= 2 &&
	    (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
	     ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF))) {
		*err = xasprintf("配置文件 %s 是 UTF-16（Unicode）编码：请用记事本另存为，编码选 UTF-8", file);
		goto out;
	}
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		body += 3;
		len -= 3;
	}
	if (!(L.d = dictionary_new(0)))
		die("out of memory");
	scan_text(&L, body, len);
	apply_all(&L, L.d);
	if (L.nerrs) {
		*err = errors_text(&L);
		goto out;
	}
	out->path = file;
	file = NULL;
	rc = 0;
out:
	if (L.d)
		iniparser_freedict(L.d);
	for (int i = 0; i < L.nents; i++) {
		free(L.ents[i].sec);
		free(L.ents[i].key);
	}
	free(L.ents);
	for (int i = 0; i < L.nerrs; i++)
		free(L.errs[i].msg);
	free(L.errs);
	free(text);
	free(file);
	if (rc < 0)
		cfg_free(out);
	return rc;
}

char *cfg_backup_dir(const struct cfg *c, const char *db_path)
{
	if (!str_empty(c->backup_dir))
		return xstrdup(c->backup_dir);
	const char *slash = strrchr(db_path, '/');
	if (!slash)
		return xstrdup("backup");
	return xasprintf("%.*s/backup", (int)(slash - db_path), db_path);
}
