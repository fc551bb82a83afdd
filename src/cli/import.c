/* station import deputies FILE.csv: map the header to deputy fields, check every row with
 * record_check(), find duplicates in the file and against the roster, and insert all or none. */
#include "cli/import.h"

#include "cli/cli.h"
#include "cli/import_int.h"
#include "core/auth.h"
#include "core/clock.h"
#include "core/deputy.h"
#include "core/record.h"
#include "core/util.h"
#include "db/deputies.h"
#include "report/csvin.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One import of deputies in progress. */
struct import {
	struct import_log lg; /* the file and the problems found */
	const char *today;
	int ncols;                  /* header width, trailing empty header cells left out */
	int field_col[DEP_NFIELDS]; /* file column of each field (0-based), or -1 */
	char ***vals;               /* per data row (csv->rows[i + 1]): values, owned */
	int nrows;                  /* data rows */
	struct import_err *errs;    /* owned */
	int nerrs, caperrs;
};

/* Other names clerks give the columns, besides the labels and the English column names. */
static const struct {
	const char *name;
	enum deputy_field field;
} import_aliases[] = {
	{ "选区/原选举单位", DEP_CONSTITUENCY },
	{ "原选举单位", DEP_CONSTITUENCY },
	{ "选举单位", DEP_CONSTITUENCY },
	{ "工作单位", DEP_WORK_UNIT },
	{ "工作单位和职务", DEP_WORK_UNIT },
	{ "单位及职务", DEP_WORK_UNIT },
	{ "电话", DEP_PHONE },
	{ "手机", DEP_PHONE },
	{ "手机号", DEP_PHONE },
	{ "手机号码", DEP_PHONE },
	{ "代表层级", DEP_LEVEL },
	{ "代表级别", DEP_LEVEL },
	{ "级别", DEP_LEVEL },
	{ "group", DEP_GROUP },
};

void import_err_add(struct import_log *lg, int line, int col, const char *fmt, ...)
{
	va_list ap;
	if (lg->nerrs == lg->caperrs) {
		lg->caperrs = lg->caperrs ? lg->caperrs * 2 : 16;
		lg->errs = xrealloc(lg->errs, (size_t)lg->caperrs * sizeof *lg->errs);
	}
	va_start(ap, fmt);
	lg->errs[lg->nerrs] = (struct import_err){ line, col, lg->nerrs, xvasprintf(fmt, ap) };
	va_end(ap);
	lg->nerrs++;
}

char *import_place(const struct import_log *lg, int line, int c)
{
	const char *h = c < lg->csv->rows[0].ncells ? lg->csv->rows[0].cells[c] : "";
	if (str_empty(h))
		return xasprintf("第 %d 行 第 %d 列", line, c + 1);
	return xasprintf("第 %d 行 第 %d 列（%s）", line, c + 1, h);
}

/* A problem with the cell of field f in data row r (or with the row if the field has no column). */
static void import_err_field(struct import *im, int r, int f, const char *msg)
{
	int line = im->lg.csv->rows[r + 1].line, c = im->field_col[f];
	if (c < 0) {
		import_err_add(&im->lg, line, 0, "第 %d 行（%s）：%s", line, deputy_def.fields[f].label, msg);
		return;
	}
	char *place = import_place(&im->lg, line, c);
	import_err_add(&im->lg, line, c + 1, "%s：%s", place, msg);
	free(place);
}

char *import_header_clean(const char *cell)
{
	char *h = xstrdup(cell);
	str_trim(h);
	size_t n = strlen(h);
	if (n >= 1 && h[n - 1] == '*')
		h[n - 1] = '\0';
	else if (n >= 3 && !strcmp(h + n - 3, "＊"))
		h[n - 3] = '\0';
	else if (n >= 12 && !strcmp(h + n - 12, "（必填）"))
		h[n - 12] = '\0';
	str_trim(h);
	return h;
}

/* The field a header cell names, or -1. Decorations such as a trailing * (required) are ignored. */
static int import_field_by_header(const char *cell)
{
	char *h = import_header_clean(cell);
	int f = -1;
	for (int i = 0; i < DEP_NFIELDS && f < 0; i++)
		if (!strcmp(h, deputy_def.fields[i].label) || !strcasecmp(h, deputy_def.fields[i].col))
			f = i;
	for (size_t i = 0; i < ARRAY_LEN(import_aliases) && f < 0; i++)
		if (!strcasecmp(h, import_aliases[i].name))
			f = (int)import_aliases[i].field;
	free(h);
	return f;
}

/* Map the header row to fields. Problems: unknown or repeated column names, missing
 * required columns. */
static void import_map_header(struct import *im)
{
	const struct csvin_row *hdr = &im->lg.csv->rows[0];
	bool unknown = false;
	for (int f = 0; f < DEP_NFIELDS; f++)
		im->field_col[f] = -1;
	im->ncols = hdr->ncells;
	while (im->ncols > 0 && str_empty(hdr->cells[im->ncols - 1]))
		im->ncols--;
	for (int c = 0; c < im->ncols; c++) {
		int f = str_empty(hdr->cells[c]) ? -1 : import_field_by_header(hdr->cells[c]);
		if (str_empty(hdr->cells[c]))
			continue; /* a column without a name: a problem only where a row fills it */
		char *place = import_place(&im->lg, hdr->line, c);
		if (f < 0) {
			import_err_add(&im->lg, hdr->line, c + 1, "%s：不认识的列名", place);
			unknown = true;
		} else if (im->field_col[f] >= 0) {
			import_err_add(&im->lg, hdr->line, c + 1, "%s：与第 %d 列重复（都是%s）", place,
				       im->field_col[f] + 1, deputy_def.fields[f].label);
		} else {
			im->field_col[f] = c;
		}
		free(place);
	}
	struct strbuf sb;
	sb_init(&sb);
	if (unknown) {
		for (int f = 0; f < DEP_NFIELDS; f++)
			sb_addf(&sb, "%s%s", f ? "、" : "", deputy_def.fields[f].label);
		import_err_add(&im->lg, hdr->line, im->ncols + 1, "第 %d 行：可用的列名是 %s（也可用英文列名）",
			       hdr->line, sb.buf);
		sb_free(&sb);
	}
	for (int f = 0; f < DEP_NFIELDS; f++)
		if (deputy_def.fields[f].required && !deputy_def.fields[f].def && im->field_col[f] < 0)
			sb_addf(&sb, "%s%s", sb.len ? "、" : "", deputy_def.fields[f].label);
	if (sb.len)
		import_err_add(&im->lg, hdr->line, 0, "第 %d 行：缺少必需的列：%s", hdr->line, sb.buf);
	sb_free(&sb);
}

/* Values of data row r from its cells; checks the row's shape and every field. */
static void import_row(struct import *im, int r)
{
	const struct csvin_row *row = &im->lg.csv->rows[r + 1];
	char **v = xcalloc(DEP_NFIELDS, sizeof(char *));
	const char *msgs[DEP_NFIELDS];
	im->vals[r] = v;
	for (int f = 0; f < DEP_NFIELDS; f++) {
		int c = im->field_col[f];
		v[f] = xstrdup(c >= 0 && c < row->ncells ? row->cells[c] : "");
		/* A required field with a default (状态) may be left empty: the default. */
		const struct field_def *fd = &deputy_def.fields[f];
		if (fd->required && fd->def && str_empty(v[f]))
			str_set(&v[f], fd->def);
	}
	if (row->ncells < im->ncols) {
		import_err_add(&im->lg, row->line, 0,
			       "第 %d 行：只有 %d 列，表头有 %d 列（是否少了逗号，或单元格里有换行？）", row->line,
			       row->ncells, im->ncols);
		return;
	}
	for (int c = 0; c < row->ncells; c++) {
		if (str_empty(row->cells[c]) || (c < im->ncols && !str_empty(im->lg.csv->rows[0].cells[c])))
			continue;
		char *place = import_place(&im->lg, row->line, c);
		import_err_add(&im->lg, row->line, c + 1, "%s：这一列没有列名，但有内容", place);
		free(place);
	}
	if (record_check(&deputy_def, v, im->today, msgs) == 0)
		return;
	for (int f = 0; f < DEP_NFIELDS; f++) {
		/* A field without a column is reported once, at the header. */
		if (!msgs[f] || (im->field_col[f] < 0 && !deputy_def.fields[f].def))
			continue;
		/* Messages of record_check() may share one static buffer (two bad choice fields both
		 * point at the last one's text): ask for this field's message again and use it at once.
		 * A field that passes alone was flagged by the cross-field check: keep its message. */
		const char *m = record_check_field(&deputy_def.fields[f], &v[f], im->today);
		import_err_field(im, r, f, m ? m : msgs[f]);
	}
}

/* A key of one row for finding duplicates. */
struct import_key {
	char *key; /* owned */
	int row;   /* data row, or for the roster: index into import_roster */
};

static int import_key_cmp(const void *a, const void *b)
{
	const struct import_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* The name-and-phone key of values v. */
static char *import_key_person(char *const *v) { return xasprintf("%s\x1f%s", v[DEP_NAME], v[DEP_PHONE]); }

/* Keys of the file's rows: by name and phone, and by 代表证号 (rows that have one). */
static void import_keys(const struct import *im, struct import_key **person, struct import_key **card, int *ncard)
{
	*person = xcalloc((size_t)im->nrows + 1, sizeof **person);
	*card = xcalloc((size_t)im->nrows + 1, sizeof **card);
	*ncard = 0;
	for (int r = 0; r < im->nrows; r++) {
		(*person)[r] = (struct import_key){ import_key_person(im->vals[r]), r };
		if (!str_empty(im->vals[r][DEP_CARD_NO]))
			(*card)[(*ncard)++] = (struct import_key){ xstrdup(im->vals[r][DEP_CARD_NO]), r };
	}
	qsort(*person, (size_t)im->nrows, sizeof **person, import_key_cmp);
	qsort(*card, (size_t)*ncard, sizeof **card, import_key_cmp);
}

static void import_keys_free(struct import_key *k, int n)
{
	for (int i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

/* Rows repeating an earlier row of the file. */
static void import_dups_in_file(struct import *im)
{
	struct import_key *person, *card;
	int ncard;
	import_keys(im, &person, &card, &ncard);
	for (int i = 1; i < im->nrows; i++) {
		int j = i;
		while (j > 0 && !strcmp(person[j - 1].key, person[i].key))
			j--;
		if (j == i)
			continue;
		int r = person[i].row, first = person[j].row;
		const char *phone = im->vals[r][DEP_PHONE];
		import_err_add(&im->lg, im->lg.csv->rows[r + 1].line, 0, "第 %d 行：与第 %d 行重复（%s，%s）",
			       im->lg.csv->rows[r + 1].line, im->lg.csv->rows[first + 1].line, im->vals[r][DEP_NAME],
			       str_empty(phone) ? "都没有联系电话" : "联系电话相同");
	}
	for (int i = 1; i < ncard; i++) {
		int j = i;
		while (j > 0 && !strcmp(card[j - 1].key, card[i].key))
			j--;
		if (j == i)
			continue;
		int r = card[i].row;
		char msg[64];
		snprintf(msg, sizeof msg, "与第 %d 行的代表证号相同", im->lg.csv->rows[card[j].row + 1].line);
		import_err_field(im, r, DEP_CARD_NO, msg);
	}
	import_keys_free(person, im->nrows);
	import_keys_free(card, ncard);
}

/* The deputies already in the database, as keys. */
struct import_roster {
	struct import_key *person, *card; /* keys; row = index into names */
	int nperson, ncard, cap;
	char **names; /* owned, nperson */
};

static int import_roster_cb(void *ud, int64_t id, const char *const *vals)
{
	(void)id;
	struct import_roster *ro = ud;
	if (ro->nperson == ro->cap) {
		ro->cap = ro->cap ? ro->cap * 2 : 64;
		ro->person = xrealloc(ro->person, (size_t)ro->cap * sizeof *ro->person);
		ro->card = xrealloc(ro->card, (size_t)ro->cap * sizeof *ro->card);
		ro->names = xrealloc(ro->names, (size_t)ro->cap * sizeof *ro->names);
	}
	int i = ro->nperson++;
	ro->names[i] = xstrdup(vals[DEP_NAME]);
	ro->person[i] = (struct import_key){ import_key_person((char *const *)vals), i };
	if (!str_empty(vals[DEP_CARD_NO]))
		ro->card[ro->ncard++] = (struct import_key){ xstrdup(vals[DEP_CARD_NO]), i };
	return 0;
}

static const struct import_key *import_find(const struct import_key *keys, int n, const char *key)
{
	struct import_key probe = { (char *)key, -1 };
	/* row -1 sorts first among equal keys, so look at the first key not below the probe. */
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (import_key_cmp(&keys[mid], &probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(keys[lo].key, key) ? &keys[lo] : NULL;
}

/* Rows already in the roster (same name and phone, or same 代表证号; 离任 included). */
static int import_dups_in_db(struct import *im, struct db *db, char **err)
{
	struct import_roster ro = { 0 };
	struct deputy_filter all = { .text = NULL, .level = NULL, .include_left = true };
	const int page = 500;
	int rc = -1;
	for (int64_t off = 0;; off += page) {
		int before = ro.nperson;
		if (db_deputies_page(db, &all, DEP_NAME, false, off, page, import_roster_cb, &ro, err))
			goto out;
		if (ro.nperson - before < page)
			break;
	}
	if (ro.nperson == 0) { /* an empty roster: nothing to compare (and no arrays to sort) */
		rc = 0;
		goto out;
	}
	qsort(ro.person, (size_t)ro.nperson, sizeof *ro.person, import_key_cmp);
	if (ro.ncard)
		qsort(ro.card, (size_t)ro.ncard, sizeof *ro.card, import_key_cmp);
	for (int r = 0; r < im->nrows; r++) {
		char *key = import_key_person(im->vals[r]);
		const struct import_key *k = import_find(ro.person, ro.nperson, key);
		free(key);
		int line = im->lg.csv->rows[r + 1].line;
		if (k) {
			import_err_add(&im->lg, line, 0, "第 %d 行：代表名册中已有%s（姓名和联系电话相同）", line,
				       ro.names[k->row]);
		}
		if (!str_empty(im->vals[r][DEP_CARD_NO]) &&
		    (k = import_find(ro.card, ro.ncard, im->vals[r][DEP_CARD_NO]))) {
			char *msg = xasprintf("代表名册中已有此代表证号（%s）", ro.names[k->row]);
			import_err_field(im, r, DEP_CARD_NO, msg);
			free(msg);
		}
	}
	rc = 0;
out:
	import_keys_free(ro.person, ro.nperson);
	import_keys_free(ro.card, ro.ncard);
	str_free_array(ro.names, ro.nperson);
	return rc;
}

static int import_err_cmp(const void *a, const void *b)
{
	const struct import_err *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void import_take_errors(struct import_log *lg, struct cli_import_result *res)
{
	qsort(lg->errs, (size_t)lg->nerrs, sizeof *lg->errs, import_err_cmp);
	res->errors = xcalloc((size_t)lg->nerrs + 1, sizeof(char *));
	for (int i = 0; i < lg->nerrs; i++)
		res->errors[i] = lg->errs[i].text;
	res->nerrors = lg->nerrs;
	free(lg->errs);
	lg->errs = NULL;
	lg->nerrs = 0;
}

void import_log_free(struct import_log *lg)
{
	for (int i = 0; i < lg->nerrs; i++)
		free(lg->errs[i].text);
	free(lg->errs);
	lg->errs = NULL;
	lg->nerrs = lg->caperrs = 0;
}

void import_fail(struct cli_import_result *res, char *msg)
{
	res->errors = xrealloc(res->errors, (size_t)(res->nerrors + 1) * sizeof(char *));
	res->errors[res->nerrors++] = msg;
}

/* Check and insert the rows of csv. */
static int import_deputies_csv(struct db *db, const struct csvin *csv, const char *name, const char *today,
			       struct cli_import_result *res)
{
	struct import im = { .lg.csv = csv, .today = today };
	char *err = NULL;
	int rc = -1;
	if (csv->nrows == 0) {
		import_fail(res,
			    xasprintf("%s：文件是空的（应有一行表头，如 姓名,性别,层级,联系电话，然后每行一名代表）",
				      name));
		return -1;
	}
	if (csv->nrows == 1) {
		import_fail(res, xasprintf("%s：只有表头，没有代表", name));
		return -1;
	}
	im.nrows = csv->nrows - 1;
	im.vals = xcalloc((size_t)im.nrows, sizeof(char **));
	import_map_header(&im);
	for (int r = 0; r < im.nrows; r++)
		import_row(&im, r);
	import_dups_in_file(&im);
	if (db && import_dups_in_db(&im, db, &err)) {
		import_err_add(&im.lg, 0, 0, "无法读取代表名册：%s", err ? err : "?");
		free(err);
		err = NULL;
	}
	if (im.lg.nerrs) {
		import_take_errors(&im.lg, res);
		goto out;
	}
	if (db && db_deputies_insert_many(db, (char **const *)im.vals, im.nrows, &err)) {
		import_fail(res, xstrdup(err ? err : "?"));
		res->write_failed = true;
		goto out;
	}
	res->imported = im.nrows;
	rc = 0;
out:
	for (int r = 0; r < im.nrows; r++)
		if (im.vals[r])
			record_free_values(&deputy_def, im.vals[r]);
	free(im.vals);
	import_log_free(&im.lg);
	free(err);
	return rc;
}

int cli_import_deputies_buf(struct db *db, const char *buf, size_t len, const char *name, const char *today,
			    struct cli_import_result *res)
{
	struct csvin *csv = NULL;
	char *err = NULL;
	*res = (struct cli_import_result){ 0 };
	if (csvin_parse(buf, len, name, &csv, &err)) {
		import_fail(res, err);
		return -1;
	}
	int rc = import_deputies_csv(db, csv, name ? name : "CSV", today, res);
	csvin_free(csv);
	return rc;
}

int cli_import_deputies_file(struct db *db, const char *path, const char *today, struct cli_import_result *res)
{
	struct csvin *csv = NULL;
	char *err = NULL;
	*res = (struct cli_import_result){ 0 };
	if (csvin_read_file(path, &csv, &err)) {
		import_fail(res, err);
		return -1;
	}
	int rc = import_deputies_csv(db, csv, path, today, res);
	csvin_free(csv);
	return rc;
}

void cli_import_result_free(struct cli_import_result *res)
{
	str_free_array(res->errors, res->nerrors);
	*res = (struct cli_import_result){ 0 };
}

int import_report_failure(const struct cli_import_result *res, const char *what_zh)
{
	if (res->write_failed) {
		/* Not the file's fault: say what happened and that the same file can simply be
		 * imported again once the disk is fixed. */
		if (cli_english())
			cli_error("nothing imported: the database could not be written: %s", res->errors[0]);
		else
			cli_error("没有导入任何%s：无法写入数据库：%s", what_zh, res->errors[0]);
		cli_error("%s",
			  cli_msg("CSV 文件本身没有问题：请先解决上面的问题（磁盘已满就腾出磁盘空间），再重新导入",
				  "the CSV file itself is fine: fix the problem above (if the disk is full, "
				  "free disk space), then import it again"));
	} else {
		for (int i = 0; i < res->nerrors; i++)
			fprintf(stderr, "%s\n", res->errors[i]);
		if (cli_english())
			cli_error("nothing imported: %d problem(s) found; correct them and import again", res->nerrors);
		else
			cli_error("没有导入任何%s：发现 %d 个问题，请改正后重新导入", what_zh, res->nerrors);
	}
	return CLI_PROBLEMS;
}

int cli_import(const struct cfg *cfg, const char *path, bool create_folder, const char *user, int argc, char **argv)
{
	struct cli_import_result res;
	struct db *db = NULL;
	char today[11];
	bool reg = argc >= 1 && cli_import_is_register(argv[0]);
	if (argc == 2 && !strcmp(argv[0], "template") && cli_import_is_register(argv[1])) {
		cli_import_template(argv[1], stdout);
		return CLI_OK;
	}
	if (argc < 1 || (strcmp(argv[0], "deputies") && !reg)) {
		cli_error("%s",
			  cli_msg("要导入什么？可以导入：deputies（代表名册）、visits（接待选民登记）、cases（意见建议"
				  "办理）、activities（代表活动），"
				  "如 station import visits 2023年来访.csv；空白模板：station import template visits",
				  "import what? Available: deputies (the roster), visits, cases, activities, e.g. "
				  "station "
				  "import visits visits.csv; a blank template: station import template visits"));
		return CLI_USAGE;
	}
	if (argc != 2) {
		cli_error("%s",
			  cli_msg("用法：station import deputies|visits|cases|activities 文件.csv",
				  "usage: station import deputies|visits|cases|activities FILE.csv"));
		return CLI_USAGE;
	}
	int rc = cli_open_db(cfg, path, DB_OPEN_CREATE | DB_OPEN_EXCLUSIVE, create_folder, &db);
	if (rc)
		return rc;
	if ((rc = cli_login(cfg, db, user, AUTH_IMPORT))) {
		db_close(db);
		return rc;
	}
	clock_today(today);
	if (reg) {
		if (cli_import_register(cfg, db, argv[0], argv[1], db_user(db), today, &res))
			rc = import_report_failure(&res, "记录");
		else
			printf(cli_msg("已导入 %d 条记录\n", "imported %d records\n"), res.imported);
	} else if (cli_import_deputies_file(db, argv[1], today, &res)) {
		rc = import_report_failure(&res, "代表");
	} else {
		printf(cli_msg("已导入 %d 名代表\n", "imported %d deputies\n"), res.imported);
	}
	cli_import_result_free(&res);
	db_close(db);
	return rc;
}
