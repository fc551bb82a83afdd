/* Table-driven description of a register's editable fields.
 *
 * A register (代表名册, 接待登记, 承办单位 ...) is a struct record_def: its SQL table and a list of
 * fields. The form widget builds its fields from it, the database layer builds its INSERT and
 * UPDATE from the column names (fixed here, never from input), imports map CSV headers to labels,
 * and record_check() validates and normalises values in one place for all of them.
 *
 * Values travel as an array of nfields owned UTF-8 strings, "" for empty, never NULL. */
#ifndef STATION_RECORD_H
#define STATION_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum field_kind {
	FK_TEXT,   /* one line of text */
	FK_MEMO,   /* multi-line text, wrapped */
	FK_CHOICE, /* one of choices[] (or free text if choice_open) */
	FK_DATE,   /* ISO date; typed in any form date_parse() accepts */
	FK_PHONE,  /* mobile or landline */
	FK_INT,    /* whole number in [min, max] */
	FK_IDNO,   /* resident ID number */
	FK_MULTI,  /* several items from a list supplied at run time, joined by "、" (e.g. deputies);
		    * the form keeps their ids (ui/form.h form_choice_ids) */
};

/* Separator of the items of an FK_MULTI value. */
#define RECORD_MULTI_SEP "、"

struct field_def {
	const char *col;   /* SQL column name */
	const char *label; /* Chinese label (also the CSV header) */
	enum field_kind kind;
	int max_chars; /* limit in characters (0: kind's default) */
	bool required;
	const char *const *choices; /* NULL-terminated, for FK_CHOICE */
	bool choice_open;           /* FK_CHOICE may hold a value not in choices */
	const char *def;            /* default value for a new record, or NULL */
	int min, max;               /* FK_INT bounds */
	bool personal;              /* personal data: masked in exports unless asked */
	bool list_hide;             /* not shown in short views */
};

struct record_def {
	const char *table; /* SQL table */
	const char *title; /* Chinese name of one record, e.g. "代表" */
	const struct field_def *fields;
	int nfields;
	/* Cross-field check after each field passed; may set msgs[i]. Returns errors found. */
	int (*check)(char **val, const char **msgs);
};

/* The one splitter of "、"-joined values (FK_MULTI fields, drafts, demo and import data).
 * Items are separated by "、" (what the program writes), and also by what a clerk or a CSV file
 * may type instead: ASCII "," and ";", full-width "；". Never by "，": pick-list labels use it
 * inside their brackets ("张三（县，城关镇人民政府）"); labels made from data never contain a
 * separator (record_multi_clean). Separators are matched whole, never byte by byte (strtok would
 * also cut hanzi whose UTF-8 shares a byte with "、", such as 秀 or 一). Items are trimmed; empty
 * and repeated ones are dropped. *items gets n new strings (str_free_array(*items, n)).
 * Returns n. */
int record_multi_split(const char *value, char ***items);
/* Byte length of the separator of multi values that starts at p, or 0. */
size_t record_multi_sep_len(const char *p);
/* A copy of s (new string) with every separator of multi values (and "，") made "/", so that
 * a label built from it is never split. */
char *record_multi_clean(const char *s);

/* Index of the field with column col, or -1. */
int record_field_index(const struct record_def *def, const char *col);
/* A new array of values with each field's default ("" if none); today fills FK_DATE defaults "今天". */
char **record_new_values(const struct record_def *def, const char *today);
/* A deep copy of values. */
char **record_copy_values(const struct record_def *def, char *const *val);
void record_free_values(const struct record_def *def, char **val);
/* True if two value arrays differ. */
bool record_values_differ(const struct record_def *def, char *const *a, char *const *b);

/* Normalise (trim; dates to ISO; choices matched) and validate every field in place.
 * msgs[i] gets NULL or a Chinese message for field i. Returns the number of bad fields.
 * Nothing is discarded: a bad value is left as typed. */
int record_check(const struct record_def *def, char **val, const char *today, const char **msgs);

/* The choice of an FK_CHOICE field that val stands for: val itself when it is one, else the
 * choice of one of the usual other spellings (县级, 区级 → 县; 乡镇级 → 乡镇; 全国人大代表 → 全国;
 * 男性 → 男; 汉 → 汉族 ...; one table in record.c). NULL when it is none. Borrowed (points into
 * f->choices). record_check() stores the choice, so a typed or imported spelling is stored as
 * the one canonical value. */
const char *record_choice_value(const struct field_def *f, const char *val);

/* Check one field only (the form calls it when the clerk leaves a field). */
const char *record_check_field(const struct field_def *f, char **val, const char *today);

#endif
