/* Generic validation and value handling for table-driven registers. */
#include "core/record.h"

#include "core/text.h"
#include "core/util.h"
#include "core/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TEXT_CHARS 100
#define DEFAULT_MEMO_CHARS 2000

size_t record_multi_sep_len(const char *p)
{
	/* Not "，": labels use it inside their brackets ("张伟（县，城关镇）"). */
	static const char *const seps[] = { RECORD_MULTI_SEP, ",", "；", ";" };
	for (size_t i = 0; i < ARRAY_LEN(seps); i++)
		if (str_starts(p, seps[i]))
			return strlen(seps[i]);
	return 0;
}

char *record_multi_clean(const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "");
	for (const char *p = s ? s : ""; *p;) {
		size_t sep = str_starts(p, "，") ? strlen("，") : record_multi_sep_len(p);
		if (sep) {
			sb_addc(&sb, '/');
			p += sep;
		} else
			sb_addc(&sb, *p++);
	}
	return sb_take(&sb);
}

int record_multi_split(const char *value, char ***items)
{
	char **v = NULL;
	int n = 0;
	const char *p = value ? value : "";
	while (*p) {
		const char *q = p;
		size_t sep = 0;
		while (*q && !(sep = record_multi_sep_len(q)))
			q++;
		char *item = xstrndup(p, (size_t)(q - p));
		str_trim(item);
		bool seen = !*item;
		for (int i = 0; i < n && !seen; i++)
			seen = !strcmp(v[i], item);
		if (seen)
			free(item);
		else {
			v = xrealloc(v, sizeof(char *) * (size_t)(n + 1));
			v[n++] = item;
		}
		p = q + sep;
	}
	*items = v;
	return n;
}

int record_field_index(const struct record_def *def, const char *col)
{
	for (int i = 0; i < def->nfields; i++)
		if (!strcmp(def->fields[i].col, col))
			return i;
	return -1;
}

char **record_new_values(const struct record_def *def, const char *today)
{
	char **v = xcalloc((size_t)def->nfields, sizeof(char *));
	for (int i = 0; i < def->nfields; i++) {
		const char *d = def->fields[i].def;
		if (d && def->fields[i].kind == FK_DATE && !strcmp(d, "今天"))
			d = today;
		v[i] = xstrdup(d ? d : "");
	}
	return v;
}

char **record_copy_values(const struct record_def *def, char *const *val)
{
	char **v = xcalloc((size_t)def->nfields, sizeof(char *));
	for (int i = 0; i < def->nfields; i++)
		v[i] = xstrdup(val[i] ? val[i] : "");
	return v;
}

void record_free_values(const struct record_def *def, char **val) { str_free_array(val, def->nfields); }

bool record_values_differ(const struct record_def *def, char *const *a, char *const *b)
{
	for (int i = 0; i < def->nfields; i++)
		if (strcmp(a[i] ? a[i] : "", b[i] ? b[i] : ""))
			return true;
	return false;
}

static const char *check_choice(const struct field_def *f, char **val)
{
	for (const char *const *c = f->choices; c && *c; c++)
		if (!strcmp(*c, *val))
			return NULL;
	if (f->choice_open)
		return NULL;
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "应为以下之一：");
	for (const char *const *c = f->choices; c && *c; c++)
		sb_addf(&sb, "%s%s", c == f->choices ? "" : "/", *c);
	const char *msg = str_intern(sb.buf);
	sb_free(&sb);
	return msg;
}

const char *record_check_field(const struct field_def *f, char **val, const char *today)
{
	char msg[128];
	int max = f->max_chars ? f->max_chars : f->kind == FK_MEMO ? DEFAULT_MEMO_CHARS : DEFAULT_TEXT_CHARS;
	/* Trim before checking: the limit and the control-character check apply to what is stored,
	 * so a full-length name with a trailing space or a pasted trailing tab is not refused. */
	if (f->kind != FK_MEMO)
		str_trim(*val);
	const char *e = valid_text(*val, max, f->kind == FK_MEMO);
	if (e)
		return e;
	if (str_empty(*val))
		return f->required ? "必填项，不能为空" : NULL;
	switch (f->kind) {
	case FK_TEXT:
	case FK_MEMO:
	case FK_MULTI:
		return NULL;
	case FK_CHOICE:
		return check_choice(f, val);
	case FK_PHONE: {
		/* Accept spaces the clerk may type between groups of digits. */
		char *p = *val, *q = *val;
		for (; *p; p++)
			if (*p != ' ')
				*q++ = *p;
		*q = '\0';
		return valid_phone(*val);
	}
	case FK_IDNO:
		return valid_id_number(*val);
	case FK_DATE: {
		char iso[11];
		e = date_parse(*val, today, iso);
		if (e)
			return e;
		str_set(val, iso);
		return NULL;
	}
	case FK_INT: {
		char *end;
		long n = strtol(*val, &end, 10);
		if (*end || end == *val) {
			snprintf(msg, sizeof msg, "应为整数（%d 到 %d）", f->min, f->max);
			return str_intern(msg);
		}
		if (n < f->min || n > f->max) {
			snprintf(msg, sizeof msg, "应在 %d 到 %d 之间", f->min, f->max);
			return str_intern(msg);
		}
		return NULL;
	}
	}
	return NULL;
}

int record_check(const struct record_def *def, char **val, const char *today, const char **msgs)
{
	int bad = 0;
	for (int i = 0; i < def->nfields; i++) {
		msgs[i] = record_check_field(&def->fields[i], &val[i], today);
		if (msgs[i])
			bad++;
	}
	if (!bad && def->check)
		bad += def->check(val, msgs);
	return bad;
}
