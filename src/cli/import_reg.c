/* station import visits|activities FILE.csv: the old books brought in (docs/IMPORT.md).
 *
 * The columns are the detail export's (core/summary.c detail_defs; docs/EXPORT.md), so a file
 * this program exported imports back; the form's labels and English column names are accepted
 * too. Every row is checked as the form checks it (record_check with the register's record_def,
 * the same date rule), rows are inserted as they pass, in one transaction that is rolled back if
 * any row had a problem: all rows or none. The file is read once (report/csvin.c) and the rows
 * are handled one at a time, so a 50,000-row file takes seconds. */
#include "cli/cli.h"
#include "cli/import_int.h"

#include "core/action.h"
#include "core/activity.h"
#include "core/calendar.h"
#include "core/case.h"
#include "core/caseflow.h"
#include "core/config.h"
#include "core/record.h"
#include "core/summary.h"
#include "core/util.h"
#include "core/validate.h"
#include "core/visit.h"
#include "db/cases.h"
#include "db/imports.h"
#include "db/visits.h"
#include "report/csvin.h"
#include "report/export.h"

#include <ctype.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What a column of the file holds. */
enum imp_target {
	IT_NONE,     /* not matched */
	IT_FIELD,    /* a field of the register's record_def */
	IT_UID,      /* the record's uid: kept, so the same file cannot be imported twice */
	IT_DEPUTIES, /* receiving deputies, by name, "、"-separated */
	IT_CASE_NO,  /* the number of an existing case the visit belongs to */
	IT_IGNORE,   /* written by the export, computed by the program: not read */
	IT_CASE,     /* a column of a case's state (enum imp_case_col) */
};

/* The columns of a case beyond its record_def fields: its number and its state as the case loop
 * left it, replayed through db_cases_act (core/caseflow.c) so the state is one the forms allow. */
enum imp_case_col {
	CX_NO,         /* 编号 */
	CX_STATUS,     /* 状态: checked against the dates */
	CX_UNIT,       /* 承办单位 */
	CX_ASSIGNED,   /* 交办日期 */
	CX_REPLY,      /* 答复日期 */
	CX_RESULT,     /* 办理结果 A-D */
	CX_FOLLOWUP,   /* 回访日期 */
	CX_SAT,        /* 满意度 */
	CX_CLOSED,     /* 办结日期 */
	CX_EXT,        /* 延期次数 */
	CX_REDO,       /* 重办次数 */
	CX_REPLY_TEXT, /* 答复内容 (not exported; optional) */
	CX_HOW,        /* 回访方式 (not exported; optional) */
	CX_N
};

/* One column of a register's file. */
struct imp_col {
	const char *header; /* the export's header */
	enum imp_target target;
	int field;  /* IT_FIELD: index into the record_def; IT_CASE: enum imp_case_col */
	bool extra; /* accepted, but not in the export nor the template */
};

/* A register that can be imported. */
struct imp_reg {
	const char *name;  /* command word */
	const char *title; /* Chinese */
	enum db_import_kind kind;
	const struct record_def *def;
	const struct imp_col *cols; /* in the export's order */
	int ncols;
};

static const struct imp_col imp_visit_cols[] = {
	{ "uid", IT_UID, 0, false },
	{ "日期", IT_FIELD, VIS_DATE, false },
	{ "渠道", IT_FIELD, VIS_CHANNEL, false },
	{ "来访人", IT_FIELD, VIS_NAME, false },
	{ "性别", IT_FIELD, VIS_GENDER, false },
	{ "联系电话", IT_FIELD, VIS_PHONE, false },
	{ "住址", IT_FIELD, VIS_ADDRESS, false },
	{ "人数", IT_FIELD, VIS_PEOPLE, false },
	{ "类别", IT_FIELD, VIS_CATEGORY, false },
	{ "反映问题", IT_FIELD, VIS_CONTENT, false },
	{ "处理方式", IT_FIELD, VIS_HANDLING, false },
	{ "答复", IT_FIELD, VIS_REPLY, false },
	{ "满意度", IT_FIELD, VIS_SATISFACTION, false },
	{ "关联案件", IT_CASE_NO, 0, false },
	{ "接待代表", IT_DEPUTIES, 0, false },
	{ EXPORT_COL_CODE, IT_IGNORE, 0, false },
	{ EXPORT_COL_VERSION, IT_IGNORE, 0, false },
};

static const struct imp_col imp_activity_cols[] = {
	{ "uid", IT_UID, 0, false },
	{ "日期", IT_FIELD, AV_DATE, false },
	{ "类型", IT_FIELD, AV_TYPE, false },
	{ "主题", IT_FIELD, AV_TOPIC, false },
	{ "地点", IT_FIELD, AV_PLACE, false },
	{ "组织者", IT_FIELD, AV_ORGANIZER, false },
	{ "出席代表人数", IT_IGNORE, 0, false },
	{ "形成意见建议数", IT_FIELD, AV_SUGGESTIONS, false },
	{ EXPORT_COL_CODE, IT_IGNORE, 0, false },
	{ EXPORT_COL_VERSION, IT_IGNORE, 0, false },
};

static const struct imp_col imp_case_cols[] = {
	{ "uid", IT_UID, 0, false },
	{ "编号", IT_CASE, CX_NO, false },
	{ "受理日期", IT_FIELD, CASEF_RECEIVED, false },
	{ "来源", IT_FIELD, CASEF_SOURCE, false },
	{ "类别", IT_FIELD, CASEF_CATEGORY, false },
	{ "摘要", IT_FIELD, CASEF_SUMMARY, false },
	{ "联系人", IT_FIELD, CASEF_CONTACT, false },
	{ "联系电话", IT_FIELD, CASEF_PHONE, false },
	{ "状态", IT_CASE, CX_STATUS, false },
	{ "承办单位", IT_CASE, CX_UNIT, false },
	{ "交办日期", IT_CASE, CX_ASSIGNED, false },
	{ "办理时限", IT_IGNORE, 0, false },
	{ "答复日期", IT_CASE, CX_REPLY, false },
	{ "办理结果", IT_CASE, CX_RESULT, false },
	{ "回访日期", IT_CASE, CX_FOLLOWUP, false },
	{ "满意度", IT_CASE, CX_SAT, false },
	{ "办结日期", IT_CASE, CX_CLOSED, false },
	{ "延期次数", IT_CASE, CX_EXT, false },
	{ "重办次数", IT_CASE, CX_REDO, false },
	{ EXPORT_COL_CODE, IT_IGNORE, 0, false },
	{ EXPORT_COL_VERSION, IT_IGNORE, 0, false },
	{ "答复内容", IT_CASE, CX_REPLY_TEXT, true },
	{ "回访方式", IT_CASE, CX_HOW, true },
};

static const struct imp_reg imp_regs[] = {
	{ "visits", "接待选民登记", DBI_VISITS, &visit_def, imp_visit_cols, (int)ARRAY_LEN(imp_visit_cols) },
	{ "cases", "意见建议办理", DBI_CASES, NULL, imp_case_cols, (int)ARRAY_LEN(imp_case_cols) },
	{ "activities", "代表活动", DBI_ACTIVITIES, &activity_def, imp_activity_cols,
	  (int)ARRAY_LEN(imp_activity_cols) },
};

/* Most columns a file may have. */
#define IMP_MAX_COLS 64

/* One import in progress. */
struct imp {
	struct import_log lg;
	const struct imp_reg *reg;
	const struct record_def *def; /* the register's fields */
	const struct cfg *cfg;        /* station code, case_days */
	struct calendar *cal;         /* working days, for cases; owned */
	const char *today;
	const char *source;               /* file name for the audit entries (its last part) */
	const char *user;                 /* the clerk, for the audit entries ("" none) */
	int ncols;                        /* header width, trailing empty header cells left out */
	struct imp_col col[IMP_MAX_COLS]; /* what each file column holds */
	int field_col[32];                /* file column of each field, or -1 */
	int uid_col, dep_col, case_col;   /* file columns of the extras, or -1 */
	int cx_col[CX_N];                 /* file columns of a case's state, or -1 */
	struct db *db;
	struct db_import *dbi; /* NULL: check only */
	bool failed;           /* the database failed: stop writing */
	char *db_err;          /* why (owned) */
	int imported;
};

static const struct imp_reg *imp_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(imp_regs); i++)
		if (!strcmp(imp_regs[i].name, name))
			return &imp_regs[i];
	return NULL;
}

/* What a header cell names: the export's header, else a field's label or English name. */
static struct imp_col imp_match(const struct imp_reg *reg, const struct record_def *def, const char *cell)
{
	char *h = import_header_clean(cell);
	struct imp_col m = { NULL, IT_NONE, 0, false };
	for (int i = 0; i < reg->ncols && m.target == IT_NONE; i++)
		if (!strcmp(h, reg->cols[i].header))
			m = reg->cols[i];
	for (int f = 0; f < def->nfields && m.target == IT_NONE; f++)
		if (!strcmp(h, def->fields[f].label) || !strcasecmp(h, def->fields[f].col))
			m = (struct imp_col){ def->fields[f].label, IT_FIELD, f, false };
	free(h);
	return m;
}

/* True if field f must have a column: required, and no default but a date's "今天" (an old
 * record's date is never today's). */
static bool imp_needs_col(const struct field_def *fd) { return fd->required && (!fd->def || fd->kind == FK_DATE); }

/* Map the header row. Problems: unknown or repeated columns, missing required ones. */
static void imp_map_header(struct imp *im)
{
	const struct csvin_row *hdr = &im->lg.csv->rows[0];
	const struct record_def *def = im->def;
	bool unknown = false;
	for (int f = 0; f < def->nfields; f++)
		im->field_col[f] = -1;
	im->uid_col = im->dep_col = im->case_col = -1;
	for (int i = 0; i < CX_N; i++)
		im->cx_col[i] = -1;
	im->ncols = hdr->ncells;
	while (im->ncols > 0 && str_empty(hdr->cells[im->ncols - 1]))
		im->ncols--;
	if (im->ncols > IMP_MAX_COLS) {
		import_err_add(&im->lg, hdr->line, 0, "第 %d 行：列太多（%d 列，最多 %d 列）", hdr->line, im->ncols,
			       IMP_MAX_COLS);
		im->ncols = IMP_MAX_COLS;
	}
	for (int c = 0; c < im->ncols; c++) {
		im->col[c] = (struct imp_col){ NULL, IT_NONE, 0, false };
		if (str_empty(hdr->cells[c]))
			continue; /* a column without a name: a problem only where a row fills it */
		struct imp_col m = imp_match(im->reg, im->def, hdr->cells[c]);
		int *slot = m.target == IT_FIELD  ? &im->field_col[m.field]
			: m.target == IT_UID      ? &im->uid_col
			: m.target == IT_DEPUTIES ? &im->dep_col
			: m.target == IT_CASE_NO  ? &im->case_col
			: m.target == IT_CASE     ? &im->cx_col[m.field]
						  : NULL;
		char *place = import_place(&im->lg, hdr->line, c);
		if (m.target == IT_NONE) {
			import_err_add(&im->lg, hdr->line, c + 1, "%s：不认识的列名", place);
			unknown = true;
		} else if (slot && *slot >= 0) {
			import_err_add(&im->lg, hdr->line, c + 1, "%s：与第 %d 列重复", place, *slot + 1);
		} else {
			if (slot)
				*slot = c;
			im->col[c] = m;
		}
		free(place);
	}
	struct strbuf sb;
	sb_init(&sb);
	if (unknown) {
		for (int i = 0; i < im->reg->ncols; i++)
			sb_addf(&sb, "%s%s", i ? "、" : "", im->reg->cols[i].header);
		for (int f = 0; f < def->nfields; f++)
			if (!strstr(sb.buf, def->fields[f].label))
				sb_addf(&sb, "、%s", def->fields[f].label);
		import_err_add(&im->lg, hdr->line, im->ncols + 1,
			       "第 %d 行：可用的列名是 %s（见 station import template %s）", hdr->line, sb.buf,
			       im->reg->name);
		sb_free(&sb);
	}
	for (int f = 0; f < def->nfields; f++)
		if (imp_needs_col(&def->fields[f]) && im->field_col[f] < 0)
			sb_addf(&sb, "%s%s", sb.len ? "、" : "", def->fields[f].label);
	if (sb.len)
		import_err_add(&im->lg, hdr->line, 0, "第 %d 行：缺少必需的列：%s", hdr->line, sb.buf);
	sb_free(&sb);
}

/* A problem with the cell of file column c of row. */
static void imp_err_cell(struct imp *im, const struct csvin_row *row, int c, const char *msg)
{
	char *place = import_place(&im->lg, row->line, c);
	import_err_add(&im->lg, row->line, c + 1, "%s：%s", place, msg);
	free(place);
}

/* A problem with field f of row (the row's, if the field has no column). */
static void imp_err_field(struct imp *im, const struct csvin_row *row, int f, const char *msg)
{
	if (im->field_col[f] >= 0)
		imp_err_cell(im, row, im->field_col[f], msg);
	else
		import_err_add(&im->lg, row->line, 0, "第 %d 行（%s）：%s", row->line, im->def->fields[f].label, msg);
}

/* The cell of file column c ("" when the row is short or c is -1). */
static const char *imp_cell(const struct csvin_row *row, int c)
{
	return c >= 0 && c < row->ncells ? row->cells[c] : "";
}

/* A masked value (138****1234, an address cut with ***): what an export without --unmasked
 * writes. It cannot be the real one. */
static bool imp_masked(const char *s) { return strchr(s, '*') != NULL; }

/* The row's values, checked as the form checks them. Returns the values (owned), problems added. */
static char **imp_values(struct imp *im, const struct csvin_row *row)
{
	const struct record_def *def = im->def;
	char **v = xcalloc((size_t)def->nfields, sizeof(char *));
	const char *msgs[32];
	bool masked[32] = { false };
	for (int f = 0; f < def->nfields; f++) {
		const struct field_def *fd = &def->fields[f];
		v[f] = xstrdup(imp_cell(row, im->field_col[f]));
		if (str_empty(v[f]) && fd->def && fd->kind != FK_DATE)
			str_set(&v[f], fd->def);
		if ((fd->kind == FK_PHONE || fd->personal) && imp_masked(v[f])) {
			masked[f] = true;
			imp_err_field(
				im, row, f,
				fd->kind == FK_PHONE
					? "这是打码的电话号码（如 138****1234），不是真实号码，不能导入：请用 station "
					  "export --unmasked 导出的文件，或填写完整号码"
					: "这是打码的内容（含 *），不是真实内容，不能导入：请用 station export "
					  "--unmasked "
					  "导出的文件，或填写完整内容");
		}
	}
	if (record_check(def, v, im->today, msgs) == 0)
		return v;
	for (int f = 0; f < def->nfields; f++) {
		if (!msgs[f] || masked[f] || (im->field_col[f] < 0 && imp_needs_col(&def->fields[f])))
			continue;
		/* record_check's messages may share a static buffer: ask for this field's again. */
		const char *m = record_check_field(&def->fields[f], &v[f], im->today);
		imp_err_field(im, row, f, m ? m : msgs[f]);
	}
	return v;
}

/* The date rule of the forms: a visit or an activity is recorded after it happened. */
static void imp_check_date(struct imp *im, const struct csvin_row *row, char **v)
{
	if (im->reg->kind == DBI_VISITS && visit_is_future(v[VIS_DATE], im->today))
		imp_err_field(im, row, VIS_DATE, "日期在今天之后：只能导入已经发生的来访");
	if (im->reg->kind == DBI_CASES && visit_is_future(v[CASEF_RECEIVED], im->today))
		imp_err_field(im, row, CASEF_RECEIVED, "受理日期在今天之后：只能导入已经受理的意见建议");
	if (im->reg->kind == DBI_ACTIVITIES) {
		const char *m = activity_date_refusal(v[AV_DATE], im->today);
		if (m)
			imp_err_field(im, row, AV_DATE, m);
	}
}

/* A uid as the export writes it (32 hex digits), made lower case in place. */
static bool imp_uid_ok(char *uid)
{
	size_t n = strlen(uid);
	for (size_t i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)uid[i]))
			return false;
		uid[i] = (char)tolower((unsigned char)uid[i]);
	}
	return n == 32;
}

/* Remember the database's failure (the first), to report it as a write failure. */
static void imp_db_failed(struct imp *im, char *err)
{
	if (!im->failed) {
		im->failed = true;
		im->db_err = err ? err : xstrdup("?");
	} else {
		free(err);
	}
}

/* The links of a row: uid, deputies, case. Problems added; *uid and ids filled. */
static void imp_links(struct imp *im, const struct csvin_row *row, char **uid, int64_t *ids, int *nids,
		      int64_t *case_id)
{
	char *err = NULL;
	*uid = xstrdup(imp_cell(row, im->uid_col));
	str_trim(*uid);
	*nids = 0;
	*case_id = 0;
	if (!str_empty(*uid)) {
		bool taken = false;
		if (!imp_uid_ok(*uid))
			imp_err_cell(im, row, im->uid_col,
				     "uid 应为 32 位十六进制数字（本程序导出的文件中的 uid），新记录请留空");
		else if (im->dbi && db_import_uid_taken(im->dbi, im->reg->kind, *uid, &taken, &err) < 0)
			imp_db_failed(im, err);
		else if (taken)
			imp_err_cell(im, row, im->uid_col,
				     "这条记录已经在本站的数据库里（同一个文件导入了两次，或文件中前面已有同一 uid）");
	}
	if (im->dep_col >= 0 && !str_empty(imp_cell(row, im->dep_col))) {
		char **names = NULL;
		int n = record_multi_split(imp_cell(row, im->dep_col), &names);
		for (int i = 0; i < n; i++) {
			int64_t id = 0;
			int count = 0;
			char *msg = NULL;
			if (!im->dbi)
				continue;
			if (db_import_deputy(im->dbi, names[i], &id, &count, &err) < 0) {
				imp_db_failed(im, err);
				err = NULL;
				continue;
			}
			if (count == 0)
				msg = xasprintf("代表名册中没有「%s」（请先导入或登记代表名册）", names[i]);
			else if (count > 1)
				msg = xasprintf("代表名册中有 %d 名「%s」，无法确定是哪一位（请导入后在程序中选择）",
						count, names[i]);
			else if (*nids >= VISIT_MAX_DEPUTIES)
				msg = xasprintf("接待代表太多（最多 %d 名）", VISIT_MAX_DEPUTIES);
			else
				ids[(*nids)++] = id;
			if (msg)
				imp_err_cell(im, row, im->dep_col, msg);
			free(msg);
		}
		str_free_array(names, n);
	}
	if (im->case_col >= 0 && !str_empty(imp_cell(row, im->case_col)) && im->dbi) {
		char *no = xstrdup(imp_cell(row, im->case_col));
		str_trim(no);
		if (db_import_case_no(im->dbi, no, case_id, &err) < 0) {
			imp_db_failed(im, err);
		} else if (!*case_id) {
			char *msg = xasprintf("没有编号为 %s 的意见建议（请先导入 cases，或清空这一格）", no);
			imp_err_cell(im, row, im->case_col, msg);
			free(msg);
		}
		free(no);
	}
}

/* A case's state as the row gives it, checked. */
struct imp_case {
	char *no;                /* the number to keep, or NULL: a new one (owned) */
	enum case_status status; /* what the dates say */
	int64_t unit_id;         /* 0: none */
	char assigned[11], reply[11], followup[11], closed[11];
	char result; /* 'A'..'D' or 0 */
	enum case_sat sat;
	int ext, redo;
};

/* The trimmed cell of case column x (borrowed; "" when there is no such column). */
static const char *imp_cx(const struct imp *im, const struct csvin_row *row, int x)
{
	return imp_cell(row, im->cx_col[x]);
}

/* A problem with case column x (the row's, if the file has no such column). */
static void imp_err_cx(struct imp *im, const struct csvin_row *row, int x, const char *msg)
{
	if (im->cx_col[x] >= 0)
		imp_err_cell(im, row, im->cx_col[x], msg);
	else
		import_err_add(&im->lg, row->line, 0, "第 %d 行：%s", row->line, msg);
}

/* The date of case column x into out ("" when empty). */
static void imp_cx_date(struct imp *im, const struct csvin_row *row, int x, char out[11])
{
	char *s = xstrdup(imp_cx(im, row, x));
	out[0] = '\0';
	str_trim(s);
	if (*s) {
		const char *m = date_parse(s, im->today, out);
		if (m) {
			imp_err_cx(im, row, x, m);
			out[0] = '\0';
		} else if (strcmp(out, im->today) > 0) {
			imp_err_cx(im, row, x, "日期在今天之后");
		}
	}
	free(s);
}

/* A count (延期次数, 重办次数): empty is 0. */
static int imp_cx_count(struct imp *im, const struct csvin_row *row, int x)
{
	const char *s = imp_cx(im, row, x);
	char *end;
	if (str_empty(s))
		return 0;
	long n = strtol(s, &end, 10);
	if (end == s || *end || n < 0 || n > 99) {
		imp_err_cx(im, row, x, "应为 0 到 99 的整数");
		return 0;
	}
	return (int)n;
}

/* The case's number: kept when it is in this station's format (<code>-<year>-<4 digits>) and not
 * taken; another station's or an old register's number is kept in the content instead. */
static void imp_case_no(struct imp *im, const struct csvin_row *row, char **v, struct imp_case *cs)
{
	char *no = xstrdup(imp_cx(im, row, CX_NO)), *err = NULL;
	const char *code = im->cfg && im->cfg->station_code ? im->cfg->station_code : "";
	size_t cl = strlen(code);
	str_trim(no);
	bool ours = *code && !strncmp(no, code, cl) && no[cl] == '-' && strlen(no) == cl + 10 && no[cl + 5] == '-';
	for (size_t i = cl + 1; ours && i < cl + 10; i++)
		ours = i == cl + 5 || isdigit((unsigned char)no[i]);
	if (ours) {
		int64_t id = 0;
		if (im->dbi && db_import_case_no(im->dbi, no, &id, &err) < 0) {
			imp_db_failed(im, err);
		} else if (id) {
			imp_err_cx(im, row, CX_NO,
				   "本站已有这个编号的意见建议（同一个文件导入了两次，或文件中前面已有同一编号）");
		} else if (strncmp(no + cl + 1, v[CASEF_RECEIVED], 4)) {
			imp_err_cx(im, row, CX_NO, "编号中的年份与受理日期的年份不同");
		}
		cs->no = no;
		return;
	}
	if (*no) { /* not ours: a new number; the old one stays readable in the content */
		char *c = xasprintf("%s%s原编号：%s", v[CASEF_CONTENT], *v[CASEF_CONTENT] ? "\n" : "", no);
		free(v[CASEF_CONTENT]);
		v[CASEF_CONTENT] = c;
	}
	free(no);
}

/* Check a case's state columns: each value, and that they fit together. */
static void imp_case_check(struct imp *im, const struct csvin_row *row, char **v, struct imp_case *cs)
{
	char *err = NULL;
	imp_case_no(im, row, v, cs);
	imp_cx_date(im, row, CX_ASSIGNED, cs->assigned);
	imp_cx_date(im, row, CX_REPLY, cs->reply);
	imp_cx_date(im, row, CX_FOLLOWUP, cs->followup);
	imp_cx_date(im, row, CX_CLOSED, cs->closed);
	cs->ext = imp_cx_count(im, row, CX_EXT);
	cs->redo = imp_cx_count(im, row, CX_REDO);
	const char *unit = imp_cx(im, row, CX_UNIT), *res = imp_cx(im, row, CX_RESULT), *sat = imp_cx(im, row, CX_SAT);
	if (!str_empty(res) && !(cs->result = case_result_parse(res)))
		imp_err_cx(im, row, CX_RESULT, "办理结果应为 A、B、C 或 D（也可写 A 已解决或基本解决）");
	if (!str_empty(sat) && (cs->sat = case_sat_parse(sat)) == CASE_SAT_NONE)
		imp_err_cx(im, row, CX_SAT, "满意度应为 满意、基本满意 或 不满意");
	if (!str_empty(unit) && im->dbi) {
		int n = 0;
		if (db_import_unit(im->dbi, unit, &cs->unit_id, &n, &err) < 0) {
			imp_db_failed(im, err);
		} else if (n != 1) {
			char *m = n
				? xasprintf("有 %d 个承办单位都叫「%s」，无法确定是哪一个", n, unit)
				: xasprintf("承办单位名单中没有「%s」（请先在程序中添加这个单位，或写它的全称）", unit);
			imp_err_cx(im, row, CX_UNIT, m);
			free(m);
		}
	}
	/* The dates say the state: 办结 after 办结日期, 已答复 after 答复日期, 办理中 after 交办日期. */
	cs->status = *cs->closed ? CS_CLOSED : *cs->reply ? CS_REPLIED : *cs->assigned ? CS_HANDLING : CS_RECEIVED;
	if (!str_empty(unit) != !!*cs->assigned)
		imp_err_cx(im, row, *cs->assigned ? CX_UNIT : CX_ASSIGNED, "承办单位和交办日期要么都填，要么都不填");
	/* A pair half filled: named at the empty half. */
	if (str_empty(res) == !!*cs->reply && *cs->assigned)
		imp_err_cx(im, row, *cs->reply ? CX_RESULT : CX_REPLY, "答复日期和办理结果要么都填，要么都不填");
	if (str_empty(sat) == !!*cs->followup && (*cs->assigned || *cs->followup))
		imp_err_cx(im, row, *cs->followup ? CX_SAT : CX_FOLLOWUP, "回访日期和满意度要么都填，要么都不填");
	if (!*cs->assigned && *cs->reply && cs->sat == CASE_SAT_NONE)
		imp_err_cx(im, row, CX_SAT, "没有交办、当场答复的意见建议须填写满意度");
	if (*cs->closed && !*cs->reply)
		imp_err_cx(im, row, CX_REPLY, "办结的意见建议须有答复日期");
	const char *st = imp_cx(im, row, CX_STATUS);
	if (!str_empty(st)) {
		int s = caseflow_status_parse(st);
		if (s < 0) {
			imp_err_cx(im, row, CX_STATUS, "状态应为 受理、办理中、已答复 或 办结");
		} else if (s != (int)cs->status) {
			char *m = xasprintf("状态是「%s」，但按所填的日期应是「%s」（交办日期、答复日期、办结日期）", st,
					    caseflow_status_label(cs->status));
			imp_err_cx(im, row, CX_STATUS, m);
			free(m);
		}
	}
}

/* One action of a case's replay; a refusal is a problem of the row at the column it concerns. */
static int imp_case_act(struct imp *im, const struct csvin_row *row, int64_t id, const struct case_action *a, int x,
			char **err)
{
	struct refusal why = { 0 };
	if (db_cases_act(im->db, id, a, im->cal, im->cfg->case_days, im->today, NULL, &why) == 0)
		return 0;
	if (!why.field && why.msg) { /* the database itself */
		*err = why.msg;
		return -1;
	}
	int col = !why.field                         ? x
		: !strcmp(why.field, "unit_id")      ? CX_UNIT
		: !strcmp(why.field, "result")       ? CX_RESULT
		: !strcmp(why.field, "satisfaction") ? CX_SAT
		: !strcmp(why.field, "how")          ? CX_HOW
		: !strcmp(why.field, "content")      ? CX_REPLY_TEXT
						     : x;
	imp_err_cx(im, row, col, why.msg ? why.msg : "办理过程不对");
	refusal_clear(&why);
	return 1;
}

/* Make the case through the case loop: 受理, then 交办, 答复 (or 当场答复), 回访, 办结 on the
 * file's dates; then its uid, number and counts. Returns 0, 1 (a refusal: a problem added) or
 * -1 (the database, *err). */
static int imp_case_insert(struct imp *im, const struct csvin_row *row, char **v, const struct imp_case *cs,
			   const char *uid, char **err)
{
	int64_t id = 0;
	const char *text = str_empty(imp_cx(im, row, CX_REPLY_TEXT)) ? "（导入的记录，原表没有答复内容）"
								     : imp_cx(im, row, CX_REPLY_TEXT);
	const char *how = str_empty(imp_cx(im, row, CX_HOW)) ? "其他" : imp_cx(im, row, CX_HOW);
	int rc;
	if (db_cases_create(im->db, im->cfg->station_code, v, NULL, im->today, &id, NULL, err) < 0)
		return -1;
	if (*cs->assigned) {
		struct case_action a = { .event = CE_ASSIGN, .date = cs->assigned, .unit_id = cs->unit_id };
		if ((rc = imp_case_act(im, row, id, &a, CX_ASSIGNED, err)))
			return rc;
		if (*cs->reply) {
			struct case_action r = {
				.event = CE_REPLY, .date = cs->reply, .content = text, .result = cs->result
			};
			if ((rc = imp_case_act(im, row, id, &r, CX_REPLY, err)))
				return rc;
		}
		if (*cs->followup) {
			struct case_action f = {
				.event = CE_FOLLOWUP, .date = cs->followup, .satisfaction = cs->sat, .how = how
			};
			if ((rc = imp_case_act(im, row, id, &f, CX_FOLLOWUP, err)))
				return rc;
		}
	} else if (*cs->reply) {
		struct case_action r = { .event = CE_SPOT_REPLY,
					 .date = cs->reply,
					 .content = text,
					 .result = cs->result,
					 .satisfaction = cs->sat,
					 .how = how };
		if ((rc = imp_case_act(im, row, id, &r, CX_REPLY, err)))
			return rc;
	}
	if (*cs->closed) {
		struct case_action c = { .event = CE_CLOSE, .date = cs->closed };
		if ((rc = imp_case_act(im, row, id, &c, CX_CLOSED, err)))
			return rc;
	}
	if (str_empty(uid) && !cs->no && !cs->ext && !cs->redo)
		return 0;
	return db_import_case_fix(im->dbi, id, str_empty(uid) ? NULL : uid, cs->no, cs->ext, cs->redo, err);
}

/* Check row r (data row: csv->rows[r + 1]) and insert it if it is good. */
static void imp_row(struct imp *im, const struct csvin_row *row)
{
	const struct record_def *def = im->def;
	int before = im->lg.nerrs, nids = 0;
	int64_t ids[VISIT_MAX_DEPUTIES], case_id = 0;
	char *uid = NULL, *err = NULL;
	if (row->ncells < im->ncols) {
		import_err_add(&im->lg, row->line, 0,
			       "第 %d 行：只有 %d 列，表头有 %d 列（是否少了逗号，或单元格里有换行？）", row->line,
			       row->ncells, im->ncols);
		return;
	}
	for (int c = 0; c < row->ncells; c++)
		if (!str_empty(row->cells[c]) && (c >= im->ncols || str_empty(im->lg.csv->rows[0].cells[c])))
			imp_err_cell(im, row, c, "这一列没有列名，但有内容");
	char **v = imp_values(im, row);
	struct imp_case cs = { 0 };
	imp_check_date(im, row, v);
	imp_links(im, row, &uid, ids, &nids, &case_id);
	if (im->reg->kind == DBI_CASES)
		imp_case_check(im, row, v, &cs);
	if (im->reg->kind == DBI_VISITS && im->lg.nerrs == before) {
		const char *m = visit_check_links(v, nids);
		if (m)
			imp_err_field(im, row, VIS_CHANNEL, m);
	}
	if (im->lg.nerrs == before && im->dbi && !im->failed) {
		char *base = xstrdup(im->source), *src;
		src = xasprintf("%s%s导入（来自 %s 第 %d 行）", im->user, *im->user ? " " : "", basename(base),
				row->line);
		int rc = db_import_mark(im->dbi, src, &err);
		if (rc == 0 && im->reg->kind == DBI_CASES)
			rc = imp_case_insert(im, row, v, &cs, uid, &err);
		else if (rc == 0)
			rc = im->reg->kind == DBI_VISITS ? db_import_visit(im->dbi, v, uid, case_id, ids, nids, &err)
							 : db_import_activity(im->dbi, v, uid, &err);
		if (rc < 0) {
			imp_db_failed(im, err);
			err = NULL;
		} else if (rc == 0) {
			im->imported++;
		}
		free(src);
		free(base);
	}
	free(uid);
	free(cs.no);
	record_free_values(def, v);
}

int cli_import_register(const struct cfg *cfg, struct db *db, const char *what, const char *path, const char *user,
			const char *today, struct cli_import_result *res)
{
	const struct imp_reg *reg = imp_find(what);
	struct csvin *csv = NULL;
	char *err = NULL;
	*res = (struct cli_import_result){ 0 };
	if (!reg) {
		import_fail(res, xasprintf("不能导入 %s", what));
		return -1;
	}
	if (csvin_read_file(path, &csv, &err)) {
		import_fail(res, err);
		return -1;
	}
	struct imp im = { .lg.csv = csv,
			  .reg = reg,
			  .def = reg->def ? reg->def : case_record(),
			  .cfg = cfg,
			  .db = db,
			  .today = today,
			  .source = path,
			  .user = user ? user : "" };
	int rc = -1;
	if (reg->kind == DBI_CASES && !(im.cal = calendar_new(cfg, &err))) {
		import_fail(res, err);
		err = NULL;
		goto out;
	}
	if (csv->nrows == 0) {
		import_fail(
			res,
			xasprintf("%s：文件是空的（第一行应是表头，见 station import template %s）", path, reg->name));
		goto out;
	}
	if (csv->nrows == 1) {
		import_fail(res, xasprintf("%s：只有表头，没有记录", path));
		goto out;
	}
	imp_map_header(&im);
	if (db && !im.lg.nerrs && db_import_begin(db, &im.dbi, &err) < 0) {
		import_fail(res, err);
		res->write_failed = true;
		goto out;
	}
	if (!im.lg.nerrs)
		for (int r = 1; r < csv->nrows; r++)
			imp_row(&im, &csv->rows[r]);
	if (im.failed && !im.lg.nerrs) {
		import_fail(res, im.db_err);
		im.db_err = NULL;
		res->write_failed = true;
	} else if (im.lg.nerrs) {
		import_take_errors(&im.lg, res);
	}
	if (im.dbi) {
		bool ok = !im.failed && !res->nerrors;
		if (db_import_end(im.dbi, ok, &err) < 0 && ok) {
			import_fail(res, err);
			err = NULL;
			res->write_failed = true;
		} else if (ok) {
			res->imported = im.imported;
			rc = 0;
		}
	}
out:
	calendar_free(im.cal);
	free(err);
	free(im.db_err);
	import_log_free(&im.lg);
	csvin_free(csv);
	return rc;
}

bool cli_import_is_register(const char *what) { return imp_find(what) != NULL; }

void cli_import_template(const char *what, FILE *fp)
{
	const struct imp_reg *reg = imp_find(what);
	fputs("\xEF\xBB\xBF", fp);
	for (int i = 0; reg && i < reg->ncols; i++)
		if (!reg->cols[i].extra)
			fprintf(fp, "%s%s", i ? "," : "", reg->cols[i].header);
	fputs("\r\n", fp);
}
