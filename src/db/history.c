/* The audit log read back, and undo (see history.h). */
#include "db/history.h"

#include "db/activities.h"
#include "db/audit.h"
#include "db/cases.h"
#include "db/deputies.h"
#include "db/internal.h"
#include "db/record.h"
#include "db/reception.h"
#include "db/suggestions.h"
#include "db/units.h"

#include "core/activity.h"
#include "core/case.h"
#include "core/deputy.h"
#include "core/points.h"
#include "core/reception.h"
#include "core/suggestion.h"
#include "core/unit.h"
#include "core/util.h"
#include "core/visit.h"

#include <stdlib.h>
#include <string.h>

void db_history_free(struct hist_entry *e, int n)
{
	for (int i = 0; e && i < n; i++) {
		free(e[i].at);
		free(e[i].user);
		free(e[i].table);
		free(e[i].action);
		for (int j = 0; j < e[i].nchanges; j++) {
			free(e[i].changes[j].col);
			free(e[i].changes[j].old);
			free(e[i].changes[j].new);
		}
		free(e[i].changes);
	}
	free(e);
}

/* ---- the registers ---- */

/* Undo of one register: write vals (its record_def's values) to record id. */
typedef int (*hist_update_fn)(struct db *db, const struct hist_undo_ctx *ctx, int64_t id, char *const *vals,
			      char **err);

static int hist_upd_deputies(struct db *db, const struct hist_undo_ctx *c, int64_t id, char *const *v, char **err)
{
	(void)c;
	return db_deputies_update(db, id, v, err);
}

static int hist_upd_units(struct db *db, const struct hist_undo_ctx *c, int64_t id, char *const *v, char **err)
{
	(void)c;
	return db_units_update(db, id, v, err);
}

static int hist_upd_cases(struct db *db, const struct hist_undo_ctx *c, int64_t id, char *const *v, char **err)
{
	(void)c;
	return db_cases_update(db, id, v, err);
}

/* A visit keeps its receiving deputies, reception day and case. */
static int hist_upd_visits(struct db *db, const struct hist_undo_ctx *c, int64_t id, char *const *v, char **err)
{
	struct visit_info vi;
	char *notice = NULL;
	if (!c || !c->visit)
		return db_fail_msg(err, "程序错误：撤销来访登记缺少上下文");
	if (db_visits_get(db, id, &vi, err) < 0)
		return -1;
	struct visit_links l = { .reception_day_id = vi.reception_day_id,
				 .deputy_ids = vi.deputy_ids,
				 .ndeputies = vi.ndeputies };
	int rc = db_visits_update(db, c->visit, id, v, &l, &notice, err);
	free(notice);
	db_visit_info_free(&vi);
	return rc;
}

/* An activity keeps its plan entry. */
static int hist_upd_activities(struct db *db, const struct hist_undo_ctx *c, int64_t id, char *const *v, char **err)
{
	char **cur = NULL;
	int64_t plan = 0;
	if (db_activities_get(db, id, &cur, &plan, err) < 0)
		return -1;
	record_free_values(&activity_def, cur);
	return db_activities_update(db, id, v, plan, c ? c->today : NULL, NULL, err);
}

/* A suggestion keeps its lead, co-sponsors, cases and unit. */
static int hist_upd_suggestions(struct db *db, const struct hist_undo_ctx *c, int64_t id, char *const *v, char **err)
{
	(void)c;
	struct suggestion_info si;
	if (db_suggestions_get(db, id, &si, err) < 0)
		return -1;
	struct suggestion_ids ids = { .lead_id = si.lead_id,
				      .cosponsor_ids = si.cosponsor_ids,
				      .ncosponsors = si.ncosponsors,
				      .case_ids = si.case_ids,
				      .ncases = si.ncases,
				      .unit_id = si.state.unit_id };
	int rc = db_suggestions_update(db, id, v, &ids, err);
	db_suggestion_info_free(&si);
	return rc;
}

/* Current values of a register's record (the register's own get). */
static int hist_get_generic(struct db *db, const struct record_def *def, int64_t id, char ***vals, char **err)
{
	if (!strcmp(def->table, "suggestions"))
		return db_suggestions_get_values(db, id, vals, err);
	return db_rec_get(db, def, id, vals, err);
}

struct hist_reg {
	const char *table;
	const struct record_def *(*def)(void);
	hist_update_fn update;                                 /* NULL: no undo of edits */
	int (*restore)(struct db *db, int64_t id, char **err); /* NULL: the generic restore */
	const char *const *derived; /* columns computed from the fields (not the clerk's edit) */
};

static const struct record_def *hist_def_deputies(void) { return &deputy_def; }
static const struct record_def *hist_def_units(void) { return &unit_def; }
static const struct record_def *hist_def_visits(void) { return &visit_def; }
static const struct record_def *hist_def_activities(void) { return &activity_def; }
static const struct record_def *hist_def_plans(void) { return &plan_def; }
static const struct record_def *hist_def_suggestions(void) { return &suggestion_def; }
static const struct record_def *hist_def_evaluations(void) { return &eval_def; }
static const struct record_def *hist_def_adjustments(void) { return &adj_def; }
static const struct record_def *hist_def_reception(void) { return &reception_def; }

static const char *const hist_deputy_derived[] = { "name_py", "name_initials", NULL };
static const char *const hist_visit_derived[] = { "reception_day_id", NULL };

static const struct hist_reg hist_regs[] = {
	{ "deputies", hist_def_deputies, hist_upd_deputies, db_deputies_restore, hist_deputy_derived },
	{ "units", hist_def_units, hist_upd_units, db_units_restore, NULL },
	{ "visits", hist_def_visits, hist_upd_visits, db_visits_restore, hist_visit_derived },
	{ "activities", hist_def_activities, hist_upd_activities, NULL, NULL },
	{ "suggestions", hist_def_suggestions, hist_upd_suggestions, db_suggestions_restore, NULL },
	{ "cases", case_record, hist_upd_cases, db_cases_restore, NULL },
	{ "activity_plans", hist_def_plans, NULL, NULL, NULL },
	{ "evaluations", hist_def_evaluations, NULL, NULL, NULL },
	{ "point_adjustments", hist_def_adjustments, NULL, NULL, NULL },
	{ "reception_days", hist_def_reception, NULL, db_reception_restore, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct hist_reg *hist_reg_of(const char *table)
{
	for (const struct hist_reg *r = hist_regs; r->table; r++)
		if (!strcmp(r->table, table))
			return r;
	return NULL;
}

const struct record_def *db_history_def(const char *table)
{
	const struct hist_reg *r = hist_reg_of(table);
	return r ? r->def() : NULL;
}

bool db_history_undoable(const char *table)
{
	const struct hist_reg *r = hist_reg_of(table);
	return r && r->update;
}

/* ---- reading ---- */

/* The columns an audit row changed, from its JSON (see struct hist_change). */
static int hist_changes(struct db *db, sqlite3_stmt *diff, const char *old, const char *new, struct hist_entry *e,
			char **err)
{
	int rc;
	sqlite3_reset(diff);
	db_bind_text(diff, 1, old);
	db_bind_text(diff, 2, new);
	while ((rc = sqlite3_step(diff)) == SQLITE_ROW) {
		e->changes = xrealloc(e->changes, sizeof *e->changes * (size_t)(e->nchanges + 1));
		struct hist_change *c = &e->changes[e->nchanges++];
		c->col = xstrdup(db_column_text(diff, 0));
		c->old = sqlite3_column_type(diff, 1) == SQLITE_NULL ? NULL : xstrdup(db_column_text(diff, 1));
		c->new = sqlite3_column_type(diff, 2) == SQLITE_NULL ? NULL : xstrdup(db_column_text(diff, 2));
	}
	sqlite3_reset(diff);
	return rc == SQLITE_DONE ? 0 : db_fail(db, rc, NULL, err);
}

/* Keys of new (or of old, for a hard delete) with their values before and after, where they
 * differ; invalid JSON (a log edited by hand) gives no changes rather than an error. */
#define HIST_DIFF_SQL                                                                                                  \
	"SELECT k.key, json_extract(o.j, '$.' || k.key), json_extract(n.j, '$.' || k.key) "                            \
	"FROM (SELECT CASE WHEN json_valid(?1) THEN ?1 END AS j) o, "                                                  \
	"(SELECT CASE WHEN json_valid(?2) THEN ?2 END AS j) n, "                                                       \
	"json_each(CASE WHEN n.j IS NOT NULL THEN n.j ELSE CASE WHEN ?2 IS NULL THEN o.j END END) k "                  \
	"WHERE k.key NOT IN ('updated_at', 'created_at') "                                                             \
	"AND json_extract(o.j, '$.' || k.key) IS NOT json_extract(n.j, '$.' || k.key) "                                \
	"AND (?1 IS NOT NULL OR json_extract(n.j, '$.' || k.key) IS NOT NULL) ORDER BY k.id"

/* Rows of a prepared SELECT id, at, user, table_name, row_id, action, old_values, new_values
 * into entries with their changes. */
static int hist_collect(struct db *db, sqlite3_stmt *st, struct hist_entry **out, int *n, char **err)
{
	sqlite3_stmt *diff = NULL;
	int rc;
	*out = NULL;
	*n = 0;
	if (db_prepare(db, HIST_DIFF_SQL, &diff, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		struct hist_entry *e = &(*out)[(*n)++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		e->at = xstrdup(db_column_text(st, 1));
		e->user = xstrdup(db_column_text(st, 2));
		e->table = xstrdup(db_column_text(st, 3));
		e->row_id = sqlite3_column_int64(st, 4);
		e->action = xstrdup(db_column_text(st, 5));
		const char *old = (const char *)sqlite3_column_text(st, 6);
		const char *new = (const char *)sqlite3_column_text(st, 7);
		if (hist_changes(db, diff, old, new, e, err) < 0) {
			rc = -1;
			break;
		}
	}
	sqlite3_finalize(diff);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != -1)
		db_fail(db, rc, NULL, err);
	db_history_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

#define HIST_COLS "SELECT id, at, user, table_name, row_id, action, old_values, new_values FROM audit_log "

int db_history_record(struct db *db, const char *table, int64_t row_id, struct hist_entry **out, int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	*n = 0;
	if (db_prepare(db,
		       HIST_COLS "WHERE table_name = ?1 AND row_id = ?2 ORDER BY id DESC LIMIT "
				 "500",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row_id);
	int rc = hist_collect(db, st, out, n, err);
	sqlite3_finalize(st);
	return rc;
}

/* The WHERE clause of a filter, with its parameters ?1 from, ?2 to, ?3 the user pattern. Only
 * what is set is written, so the index on at serves a date range. New string. */
static char *hist_where(const struct hist_filter *f)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "WHERE 1");
	bool from = f && !str_empty(f->from), to = f && !str_empty(f->to);
	if (from)
		sb_add(&sb, " AND at >= ?1");
	if (to)
		sb_add(&sb, " AND at <= ?2 || ' 99'");
	/* Rows are logged in time order: the range's ids, found once through the index on at, let
	 * a page ordered by id start at the range instead of walking the log down to it. */
	if (from || to) {
		const char *r = from && to ? "at >= ?1 AND at <= ?2 || ' 99'" : from ? "at >= ?1" : "at <= ?2 || ' 99'";
		sb_addf(&sb,
			" AND id BETWEEN (SELECT coalesce(min(id), 0) FROM audit_log WHERE %s) AND "
			"(SELECT coalesce(max(id), 0) FROM audit_log WHERE %s)",
			r, r);
	}
	if (f && !str_empty(f->text)) {
		sb_add(&sb, " AND (user LIKE ?3 ESCAPE '\\'");
		bool any = false;
		for (const struct db_table_info *t = db_audit_tables; t->name; t++)
			if (t->audited && strstr(t->label, f->text)) {
				sb_addf(&sb, "%s'%s'", any ? ", " : " OR table_name IN (", t->name);
				any = true;
			}
		sb_add(&sb, any ? "))" : ")");
	}
	return sb_take(&sb);
}

static void hist_bind(sqlite3_stmt *st, const struct hist_filter *f)
{
	if (!f)
		return;
	if (!str_empty(f->from))
		sqlite3_bind_text(st, 1, f->from, -1, SQLITE_TRANSIENT);
	if (!str_empty(f->to))
		sqlite3_bind_text(st, 2, f->to, -1, SQLITE_TRANSIENT);
	if (!str_empty(f->text)) {
		char *like = db_rec_like(f->text);
		sqlite3_bind_text(st, 3, like, -1, SQLITE_TRANSIENT);
		free(like);
	}
}

int db_history_count(struct db *db, const struct hist_filter *f, int64_t *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *w = hist_where(f), *sql = xasprintf("SELECT count(*) FROM audit_log %s", w);
	int rc = db_prepare(db, sql, &st, err);
	free(w);
	free(sql);
	if (rc < 0)
		return -1;
	hist_bind(st, f);
	return db_count_finish(db, st, NULL, n, err);
}

int db_history_page(struct db *db, const struct hist_filter *f, bool desc, int64_t offset, int64_t after, int limit,
		    struct hist_entry **out, int *n, char **err)
{
	sqlite3_stmt *st = NULL;
	char *w = hist_where(f);
	char *sql = xasprintf(HIST_COLS "%s%s ORDER BY id %s LIMIT ?4 OFFSET ?5", w,
			      after > 0 ? (desc ? " AND id < ?6" : " AND id > ?6") : "", desc ? "DESC" : "ASC");
	int rc = db_prepare(db, sql, &st, err);
	free(w);
	free(sql);
	*out = NULL;
	*n = 0;
	if (rc < 0)
		return -1;
	hist_bind(st, f);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_int64(st, 5, after > 0 ? 0 : offset);
	if (after > 0)
		sqlite3_bind_int64(st, 6, after);
	rc = hist_collect(db, st, out, n, err);
	sqlite3_finalize(st);
	return rc;
}

/* ---- undo ---- */

static bool hist_in(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* Is the record soft-deleted now? 1 yes, 0 no, -1 missing or no such column (*err). */
static int hist_deleted(struct db *db, const char *table, int64_t id, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT deleted FROM \"%s\" WHERE id = ?1", table);
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0) != 0;
	else
		rc = rc == SQLITE_DONE ? db_fail_msg(err, "这条记录已不在数据库里（被彻底删除了），无法撤销或恢复")
				       : db_fail(db, rc, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* Restore a soft-deleted record through its register (or the generic restore). */
static int hist_restore(struct db *db, const char *table, int64_t id, char **err)
{
	const struct hist_reg *r = hist_reg_of(table);
	if (r && r->restore)
		return r->restore(db, id, err);
	struct record_def def = { .table = table, .title = db_audit_label(table) };
	return db_rec_set_deleted(db, &def, id, false, err);
}

/* Undo an UPDATE e of a register r: the old values of the fields it changed, written back. */
static int hist_undo_update(struct db *db, const struct hist_undo_ctx *ctx, const struct hist_reg *r,
			    const struct hist_entry *e, char **what, char **err)
{
	const struct record_def *def = r->def();
	char **vals = NULL;
	const char **msgs = xcalloc((size_t)def->nfields, sizeof *msgs);
	int rc = -1;

	if (hist_get_generic(db, def, e->row_id, &vals, err) < 0)
		goto out;
	for (int i = 0; i < e->nchanges; i++) {
		const struct hist_change *c = &e->changes[i];
		if (hist_in(r->derived, c->col))
			continue;
		int f = record_field_index(def, c->col);
		size_t len = strlen(c->col);
		bool link = len > 3 && !strcmp(c->col + len - 3, "_id");
		if (f < 0 || def->fields[f].kind == FK_MULTI || link) {
			db_failf(err, "这次修改不只是改字段（还改了办理状态或关联：%s），不能撤销；请按办理流程处理",
				 c->col);
			goto out;
		}
		if (!strcmp(r->table, "visits") && f == VIS_HANDLING) {
			db_fail_msg(err, "这次修改改了处理方式（可能已立案交办），不能撤销；请到意见建议办理簿处理");
			goto out;
		}
		if (strcmp(vals[f], c->new ? c->new : "")) {
			db_failf(err, "「%s」在这次修改之后又变了，只能撤销最近的一次修改", def->fields[f].label);
			goto out;
		}
		str_set(&vals[f], c->old ? c->old : "");
	}
	if (record_check(def, vals, ctx && ctx->today ? ctx->today : "", msgs) > 0) {
		for (int i = 0; i < def->nfields; i++)
			if (msgs[i]) {
				db_failf(err, "撤销后「%s」不符合规定：%s", def->fields[i].label, msgs[i]);
				goto out;
			}
	}
	if (r->update(db, ctx, e->row_id, vals, err) < 0)
		goto out;
	if (what)
		*what = xasprintf("已撤销 %s %s 的修改", e->user, e->at);
	rc = 0;
out:
	if (vals)
		record_free_values(def, vals);
	free(msgs);
	return rc;
}

int db_history_undo(struct db *db, const struct hist_undo_ctx *ctx, const char *table, int64_t row_id, char **what,
		    char **err)
{
	struct hist_entry *e = NULL;
	int n = 0, rc = -1;
	const struct hist_reg *r = hist_reg_of(table);

	if (what)
		*what = NULL;
	if (db_history_record(db, table, row_id, &e, &n, err) < 0)
		return -1;
	if (n == 0) {
		db_fail_msg(err, "这条记录没有修改记录，没有可撤销的修改");
		goto out;
	}
	int deleted = hist_deleted(db, table, row_id, err);
	if (deleted < 0)
		goto out;
	if (!strcmp(e[0].action, "DELETE")) {
		if (!deleted) {
			db_fail_msg(err, "这条记录没有被删除，无需恢复");
			goto out;
		}
		if (hist_restore(db, table, row_id, err) < 0)
			goto out;
		if (what)
			*what = xstrdup("已恢复这条记录");
		rc = 0;
	} else if (!strcmp(e[0].action, "INSERT")) {
		db_fail_msg(err, "最近一次是新建这条记录，没有可撤销的修改（不要这条记录时，请在登记簿里删除）");
	} else if (!strcmp(e[0].action, "RESTORE")) {
		db_fail_msg(err, "最近一次是恢复这条记录；要再删除，请在登记簿里删除");
	} else if (deleted) {
		db_fail_msg(err, "这条记录已被删除，不能撤销修改");
	} else if (!r || !r->update) {
		db_failf(err,
			 "「%s」的修改不能在这里撤销（可以撤销的：代表名册、承办单位、接待选民登记、代表活动、"
			 "代表建议、意见建议的字段修改）",
			 db_audit_label(table));
	} else {
		rc = hist_undo_update(db, ctx, r, &e[0], what, err);
	}
out:
	db_history_free(e, n);
	return rc;
}
