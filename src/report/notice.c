/* The reception-day notice and the yearly activity plan (see notice.h). The wording follows the
 * notices stations post: one paragraph saying when, where and who, a closing line asking
 * residents to pass the word on, the station and the date at the foot, 审核人 below. */
#include "report/notice.h"

#include "core/activity.h"
#include "core/clock.h"
#include "core/deputy.h"
#include "core/reception.h"
#include "core/record.h"
#include "core/util.h"
#include "db/deputies.h"
#include "db/plans.h"
#include "db/reception.h"
#include "report/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "2026年11月28日（星期六）" of an ISO date into buf (64 bytes); without the weekday when
 * weekday is false. */
static void notice_date(const char *iso, bool weekday, char *buf)
{
	static const char *const wd[] = { "", "一", "二", "三", "四", "五", "六", "日" };
	int w = date_weekday(iso);
	int n = snprintf(buf, 64, "%d年%d月%d日", atoi(iso), atoi(iso + 5), atoi(iso + 8));
	if (weekday && w >= 1 && w <= 7)
		snprintf(buf + n, (size_t)(64 - n), "（星期%s）", wd[w]);
}

static char *notice_folder_path(const struct cfg *cfg, const char *name)
{
	return xasprintf("%s/%s", cfg->print_folder && *cfg->print_folder ? cfg->print_folder : ".", name);
}

/* The deputies on duty by level, highest first: "县人大代表张三、李四，乡镇人大代表王五".
 * New string in *out; "" when none. */
static int notice_duty(struct db *db, const struct reception_day *d, char **out, char **err)
{
	char **levels = xcalloc((size_t)d->nduty + 1, sizeof *levels);
	struct strbuf sb;
	int rc = 0;
	sb_init(&sb);
	for (int i = 0; i < d->nduty && rc == 0; i++) {
		char **vals = NULL;
		if (db_deputies_get(db, d->duty_ids[i], &vals, err) < 0) {
			rc = -1;
			break;
		}
		levels[i] = xstrdup(vals[DEP_LEVEL]);
		record_free_values(&deputy_def, vals);
	}
	for (int lv = 0; rc == 0 && lv <= 5; lv++) { /* the five levels, then none */
		const char *want = lv < 5 ? deputy_levels[lv] : "";
		bool first = true;
		for (int i = 0; i < d->nduty; i++) {
			bool match = lv < 5 ? !strcmp(levels[i], want) : !*levels[i];
			if (!match)
				continue;
			if (first)
				sb_addf(&sb, "%s%s", sb.len ? "，" : "", lv < 5 ? "" : "人大代表");
			if (first && lv < 5)
				sb_addf(&sb, "%s人大代表", want);
			sb_addf(&sb, "%s%s", first ? "" : "、", d->duty_names[i]);
			first = false;
		}
	}
	for (int i = 0; i < d->nduty; i++)
		free(levels[i]);
	free(levels);
	*out = rc ? NULL : xstrdup(sb.buf ? sb.buf : "");
	sb_free(&sb);
	return rc;
}

int notice_reception(struct db *db, const struct cfg *cfg, const char *date, const char *out_path, char **path_out,
		     char **err)
{
	struct reception_day d = { 0 };
	bool found = false;
	char when[64], posted[64], today[11];
	char *duty = NULL, *path = NULL;
	int rc = -1;
	*err = NULL;
	if (path_out)
		*path_out = NULL;
	if (!date || date_to_days(date) < 0 || strlen(date) != 10) {
		*err = xasprintf("日期应写成 年-月-日，如 2026-11-28：%s", date ? date : "");
		return -1;
	}
	if (db_reception_on_date(db, date, &d, &found, err) < 0)
		return -1;
	if (!found) {
		*err = xasprintf("%s 没有安排接待日，请先在「接待日安排」里添加", date);
		return -1;
	}
	if (d.cancelled) {
		*err = xasprintf("%s 的接待日已取消，不能公告", date);
		goto out;
	}
	if (notice_duty(db, &d, &duty, err) < 0)
		goto out;
	notice_date(date, true, when);
	clock_today(today);
	notice_date(*d.vals[RD_NOTICE_DATE] ? d.vals[RD_NOTICE_DATE] : today, false, posted);
	const char *place = *d.vals[RD_PLACE] ? d.vals[RD_PLACE] : cfg->reception_place;
	char *where = *cfg->address ? xasprintf("%s（%s）", place, cfg->address) : xstrdup(place);
	char *p1 = xasprintf("为密切人大代表同人民群众的联系，倾听选民呼声，定于%s%s在%s开展人大代表接待选民活动。",
			     when, d.vals[RD_TIME], where);
	char *p2 = *duty ? xasprintf("接待代表：%s。", duty) : xstrdup("接待代表：另行通知。");
	const char *paras[] = { p1, p2, "欢迎广大选民前来反映情况、提出意见和建议。请相互转告。" };
	const char *sign[] = { cfg->station_name, posted };
	struct pdf_notice n = { .font = cfg->print_font,
				.title = "人大代表接待选民公告",
				.paras = paras,
				.nparas = 3,
				.sign = sign,
				.nsign = 2,
				.reviewer = cfg->print_reviewer };
	char *name = xasprintf("接待日公告-%s.pdf", date);
	path = out_path && *out_path ? xstrdup(out_path) : notice_folder_path(cfg, name);
	free(name);
	rc = pdf_notice_write(&n, path, err);
	free(where);
	free(p1);
	free(p2);
out:
	if (rc == 0 && path_out) {
		*path_out = path;
		path = NULL;
	}
	free(path);
	free(duty);
	db_reception_day_free(&d);
	return rc;
}

/* ---- the plan ---- */

struct plan_print {
	struct db *db;
	int year;
	int64_t total;
};

static const struct pdf_col plan_cols[] = {
	{ "序号", 4, PDF_CENTER }, { "月份", 5, PDF_CENTER },      { "类型", 10, PDF_CENTER },
	{ "主题", 28, PDF_LEFT },  { "参加代表", 22, PDF_LEFT },   { "备注", 14, PDF_LEFT },
};

struct plan_emit {
	pdf_emit_fn emit;
	void *eud;
	int64_t seq;
};

static int plan_row(void *ud, const struct plan_row *r)
{
	struct plan_emit *pe = ud;
	char no[24], month[16];
	snprintf(no, sizeof no, "%lld", (long long)++pe->seq);
	snprintf(month, sizeof month, "%d月", atoi(r->vals[PLAN_MONTH]));
	const char *cells[] = { no, month, r->vals[PLAN_TYPE], r->vals[PLAN_THEME], r->deputies, r->vals[PLAN_NOTE] };
	return pe->emit(pe->eud, cells);
}

static int plan_rows(void *ud, pdf_emit_fn emit, void *eud, char **err)
{
	struct plan_print *p = ud;
	struct plan_filter f = { .year = p->year };
	struct plan_emit pe = { emit, eud, 0 };
	for (int64_t k = 0; k < p->total; k += 256)
		if (db_plans_page(p->db, &f, k, 256, plan_row, &pe, err) < 0)
			return -1;
	return 0;
}

int notice_plan(struct db *db, const struct cfg *cfg, int year, const char *out_path, char **path_out, char **err)
{
	struct plan_print p = { .db = db, .year = year };
	struct plan_filter f = { .year = year };
	char today[11], posted[64], right[64];
	*err = NULL;
	if (path_out)
		*path_out = NULL;
	if (year < 2000 || year > 2100) {
		*err = xasprintf("年度应为 2000 到 2100 之间的年份：%d", year);
		return -1;
	}
	if (db_plans_count(db, &f, &p.total, NULL, err) < 0)
		return -1;
	if (p.total == 0) {
		*err = xasprintf("%d 年度还没有活动计划，请先在「年度活动计划」里录入", year);
		return -1;
	}
	clock_today(today);
	notice_date(today, false, posted);
	char *title = xasprintf("%d年度代表活动计划公示", year);
	char *sub = xasprintf("公示日期：%s", posted);
	snprintf(right, sizeof right, "共 %lld 项", (long long)p.total);
	struct pdf_table t = {
		.cols = plan_cols,
		.ncols = (int)ARRAY_LEN(plan_cols),
		.portrait = true,
		.font = cfg->print_font,
		.text = { .heading = cfg->station_name, .title = title, .subtitle = sub, .right = right,
			  .printed = today, .clerk = cfg->print_clerk, .reviewer = cfg->print_reviewer },
		.rows = plan_rows,
		.ud = &p,
		.total = p.total,
	};
	char *name = xasprintf("年度活动计划-%d.pdf", year);
	char *path = out_path && *out_path ? xstrdup(out_path) : notice_folder_path(cfg, name);
	free(name);
	int rc = pdf_table_write(&t, path, NULL, err);
	if (rc == 0 && path_out) {
		*path_out = path;
		path = NULL;
	}
	free(path);
	free(title);
	free(sub);
	return rc;
}
