/* The key table. Defaults below; station.ini [keys] may rebind, e.g. `save = F2 ^W`. */
#include "ui/keys.h"

#include "core/util.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static struct key_binding table[ACT_COUNT] = {
	{ .action = ACT_HELP, .name = "help", .label = "帮助", .help = "显示本页帮助", .spec = "F1 ^G" },
	{ .action = ACT_SAVE, .name = "save", .label = "保存", .help = "保存当前记录", .spec = "F2 ^S" },
	{ .action = ACT_NEW, .name = "new", .label = "新增", .help = "新增一条记录", .spec = "F3 ^N" },
	{ .action = ACT_EDIT, .name = "edit", .label = "修改", .help = "修改选中的记录", .spec = "F4 ^E" },
	{ .action = ACT_OPEN, .name = "open", .label = "打开", .help = "打开选中的记录或菜单项", .spec = "Enter" },
	{ .action = ACT_DELETE,
	  .name = "delete",
	  .label = "删除",
	  .help = "删除选中的记录（会先确认）",
	  .spec = "F8 ^D" },
	{ .action = ACT_SORT, .name = "sort", .label = "排序", .help = "按下一列排序", .spec = "F6 ^T" },
	{ .action = ACT_REVERSE, .name = "reverse", .label = "倒序", .help = "升序/降序切换", .spec = "F7 ^R" },
	{ .action = ACT_LEVEL,
	  .name = "level",
	  .label = "层级",
	  .help = "按代表层级筛选（全部/全国/省/市/县/乡镇）",
	  .spec = "F5 ^F" },
	{ .action = ACT_PICK, .name = "pick", .label = "选择", .help = "打开选项列表", .spec = "F4 ^P" },
	{ .action = ACT_NEXT_FIELD,
	  .name = "next_field",
	  .label = "下一项",
	  .help = "到下一个输入项",
	  .spec = "Tab Down" },
	{ .action = ACT_PREV_FIELD,
	  .name = "prev_field",
	  .label = "上一项",
	  .help = "到上一个输入项",
	  .spec = "BTab Up" },
	{ .action = ACT_BACK,
	  .name = "back",
	  .label = "返回",
	  .help = "返回上一屏（有未保存的修改时先询问）",
	  .spec = "Esc" },
	{ .action = ACT_QUIT, .name = "quit", .label = "退出", .help = "退出程序", .spec = "F10 ^Q" },
	{ .action = ACT_UP, .name = "up", .label = "上移", .help = "上移一行", .spec = "Up" },
	{ .action = ACT_DOWN, .name = "down", .label = "下移", .help = "下移一行", .spec = "Down" },
	{ .action = ACT_PGUP, .name = "page_up", .label = "上页", .help = "上一页", .spec = "PgUp" },
	{ .action = ACT_PGDN, .name = "page_down", .label = "下页", .help = "下一页", .spec = "PgDn" },
	{ .action = ACT_TOP, .name = "top", .label = "首行", .help = "到第一行", .spec = "Home" },
	{ .action = ACT_BOTTOM, .name = "bottom", .label = "末行", .help = "到最后一行", .spec = "End" },
	{ .action = ACT_CLEAR, .name = "clear", .label = "清除", .help = "清除筛选条件", .spec = "^U" },
	{ .action = ACT_YES,
	  .name = "yes",
	  .label = "是",
	  .help = "确认（按 Y；Enter 不算确认，免得误删误弃）",
	  .spec = "y Y" },
	{ .action = ACT_NO, .name = "no", .label = "否", .help = "取消", .spec = "n N Esc" },
	{ .action = ACT_VISIT,
	  .name = "visit",
	  .label = "接待登记",
	  .help = "登记一次来访（带出今天的接待日和值班代表）",
	  .spec = "F3 ^N" },
	{ .action = ACT_GENERATE,
	  .name = "generate",
	  .label = "生成全年",
	  .help = "按 station.ini 的规则生成全年接待日（从指定日期起，默认今天；已有的不重复）",
	  .spec = "F9 ^B" },
	{ .action = ACT_CANCEL,
	  .name = "cancel",
	  .label = "取消",
	  .help = "取消选中的接待日（需填写原因），再按一次恢复",
	  .spec = "F7 ^X" },
	{ .action = ACT_ACTIONS,
	  .name = "actions",
	  .label = "办理",
	  .help = "选择下一步：交办、催办、延期、退回、答复、回访、重办、办结",
	  .spec = "F5 ^A" },
	{ .action = ACT_FILTER, .name = "filter", .label = "筛选", .help = "切换列表的筛选条件", .spec = "F5 ^F" },
	{ .action = ACT_LINK,
	  .name = "link",
	  .label = "关联",
	  .help = "把本次来访关联到此人未办结的案件（不重复立案）",
	  .spec = "F6 ^L" },
	{ .action = ACT_HELD,
	  .name = "held",
	  .label = "举行",
	  .help = "确认选中的接待日或活动计划是否已举行（接待日记录到场代表，计划填举行日期）",
	  .spec = "F5 ^W" },
	{ .action = ACT_PERIOD,
	  .name = "period",
	  .label = "期间",
	  .help = "按月、季度、年或起止日期筛选（如 2026Q4、2026-10、2026-10-01~2026-12-31）",
	  .spec = "F9 ^O" },
	{ .action = ACT_SIGNIN,
	  .name = "signin",
	  .label = "签到",
	  .help = "选中活动的签到表：每位代表标出席、请假或缺席",
	  .spec = "F5 ^A" },
	{ .action = ACT_ALL_PRESENT,
	  .name = "all_present",
	  .label = "全部出席",
	  .help = "签到表上每位在任代表都标为出席（再逐个改请假、缺席）",
	  .spec = "F9 ^O" },
	{ .action = ACT_ADJUST,
	  .name = "adjust",
	  .label = "调整积分",
	  .help = "给选中的代表加分或减分（须写明理由和批准人）",
	  .spec = "F9 ^W" },
	{ .action = ACT_DEPFILE,
	  .name = "deputy_file",
	  .label = "档案",
	  .help = "打开选中代表的一人一档（某一年的全部履职情况和积分）",
	  .spec = "F9 ^Y" },
	{ .action = ACT_PRINT,
	  .name = "print",
	  .label = "打印",
	  .help = "把本登记簿所选期间（没选时为本月）打印成 PDF 台账，显示文件存放位置",
	  .spec = "F11 ^K" },
	{ .action = ACT_REPORT,
	  .name = "report",
	  .label = "报表",
	  .help = "报送县人大的汇总表：选期间、查看、导出 CSV",
	  .spec = "F8 ^K" },
	{ .action = ACT_EXPORT,
	  .name = "export",
	  .label = "导出汇总",
	  .help = "把这个期间的汇总表导出为 CSV（Excel、WPS 直接打开）",
	  .spec = "F5 ^E" },
	{ .action = ACT_EXPORT_DETAIL,
	  .name = "export_detail",
	  .label = "导出明细",
	  .help = "导出这个期间的明细：接待选民登记、意见建议办理、代表建议办理或代表活动",
	  .spec = "F6 ^L" },
	{ .action = ACT_MASK,
	  .name = "mask",
	  .label = "打码",
	  .help = "导出时电话、身份证号、住址打码或给出完整内容（切换）",
	  .spec = "F7 ^X" },
	{ .action = ACT_PROJECT,
	  .name = "to_project",
	  .label = "转民生实事",
	  .help = "把选中的来访登记为民生实事项目（群众点题），来源为这次来访",
	  .spec = "F2" },
	{ .action = ACT_DECIDE,
	  .name = "decide",
	  .label = "公布结果",
	  .help = "按 station.ini 的通过规则算出每个项目是否通过，通过的转入实施，其余为未通过",
	  .spec = "F9 ^O" },
	{ .action = ACT_HISTORY,
	  .name = "history",
	  .label = "历史",
	  .help = "选中记录的修改历史：谁、什么时候、哪一项从什么改成什么；可撤销最近一次修改",
	  .spec = "F12 ^V" },
	{ .action = ACT_UNDO,
	  .name = "undo",
	  .label = "撤销",
	  .help = "撤销这条记录最近的一次修改（会先确认）；已删除的记录则恢复。撤销本身也记入修改记录",
	  .spec = "F5 ^Z" },
	{ .action = ACT_AUDITLOG,
	  .name = "audit_log",
	  .label = "修改记录",
	  .help = "查看全部修改记录：按期间、操作人或登记簿名称（直接输入）筛选，打开一条可看所属记录的历史",
	  .spec = "F7 ^Y" },
	{ .action = ACT_ACCOUNTS,
	  .name = "accounts",
	  .label = "账号",
	  .help = "站长：管理账号（新增、修改、重设密码、删除）；其他账号：修改自己的密码",
	  .spec = "F12" },
	{ .action = ACT_PASSWORD,
	  .name = "password",
	  .label = "重设密码",
	  .help = "重设选中账号的密码（也解除锁定）",
	  .spec = "F5 ^W" },
	{ .action = ACT_SETTINGS,
	  .name = "settings",
	  .label = "设置",
	  .help = "本站信息、接待日、办理时限等设置（第一次使用时由向导填写；只有站长能修改）",
	  .spec = "F9 ^W" },
};

static const struct {
	const char *name;
	int code;
} named_keys[] = {
	{ "Enter", KEY_ENTER }, { "Up", KEY_UP },      { "Down", KEY_DOWN },  { "Left", KEY_LEFT },
	{ "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME },
	{ "End", KEY_END },     { "Del", KEY_DC },     { "Ins", KEY_IC },     { "BTab", KEY_BTAB },
};

bool keys_parse(const char *name, struct keypress *out)
{
	*out = (struct keypress){ 0 };
	if (!strcasecmp(name, "Esc")) {
		out->ch = 27;
		return true;
	}
	if (!strcasecmp(name, "Tab")) {
		out->ch = '\t';
		return true;
	}
	if (!strcasecmp(name, "Enter")) {
		out->ch = '\n'; /* KEY_ENTER is matched too, see keys_match() */
		return true;
	}
	for (size_t i = 0; i < ARRAY_LEN(named_keys); i++)
		if (!strcasecmp(name, named_keys[i].name)) {
			out->ch = (wint_t)named_keys[i].code;
			out->fkey = true;
			return true;
		}
	if ((name[0] == 'F' || name[0] == 'f') && name[1]) {
		int n = 0;
		if (sscanf(name + 1, "%d", &n) == 1 && n >= 1 && n <= 12) {
			out->ch = (wint_t)KEY_F(n);
			out->fkey = true;
			return true;
		}
		if (name[1] != '\0')
			return false;
	}
	if (name[0] == '^' && name[1] && !name[2]) {
		char c = name[1];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c < '@' || c > '_')
			return false;
		out->ch = (wint_t)(c - '@');
		return true;
	}
	if (name[0] && !name[1] && name[0] > ' ' && name[0] < 127) {
		out->ch = (wint_t)name[0];
		return true;
	}
	return false;
}

/* A key that types a character (a letter, digit or symbol, not Ctrl or a function key). */
static bool key_types_text(struct keypress k) { return !k.fkey && k.ch > ' ' && k.ch != 127; }

/* Only the answers of a confirmation (Y/N) may be plain characters: everywhere else a
 * character is text (forms edit, lists filter as you type), and a binding such as
 * `quit = F10 q` would fire while the clerk types a word with a q in it. */
static bool action_takes_text_keys(enum action a) { return a == ACT_YES || a == ACT_NO; }

/* Parse a spec into keys; returns false (and leaves b unchanged) if any name is unknown. Keys
 * that type text are left out for actions that may not have them; their names go into
 * `dropped` (space-separated). With nothing left, the binding is unchanged and false returned. */
static bool set_spec(struct key_binding *b, const char *spec, char *bad, size_t badlen, char *dropped,
		     size_t droppedlen)
{
	struct keypress keys[KEYS_MAX];
	int n = 0;
	char buf[64], kept[64] = "";
	snprintf(buf, sizeof buf, "%s", spec);
	if (dropped)
		dropped[0] = '\0';
	for (char *save = NULL, *tok = strtok_r(buf, " \t,", &save); tok; tok = strtok_r(NULL, " \t,", &save)) {
		if (n == KEYS_MAX || !keys_parse(tok, &keys[n])) {
			snprintf(bad, badlen, "%s", tok);
			return false;
		}
		if (key_types_text(keys[n]) && !action_takes_text_keys(b->action)) {
			if (dropped) {
				size_t l = strlen(dropped);
				snprintf(dropped + l, droppedlen - l, "%s%s", l ? " " : "", tok);
			}
			continue;
		}
		size_t l = strlen(kept);
		snprintf(kept + l, sizeof kept - l, "%s%s", l ? " " : "", tok);
		n++;
	}
	if (n == 0) {
		snprintf(bad, badlen, "%s", dropped && dropped[0] ? dropped : "（空）");
		return false;
	}
	memcpy(b->keys, keys, sizeof keys);
	b->nkeys = n;
	if (spec != b->spec)
		snprintf(b->spec, sizeof b->spec, "%s", kept);
	return true;
}

void keys_init(const struct cfg *cfg, char ***warnings, int *nwarnings)
{
	char bad[64];
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		struct key_binding *b = &table[a - 1];
		if (b->action != (enum action)a)
			die("key table out of order at %d", a);
		if (!set_spec(b, b->spec, bad, sizeof bad, NULL, 0))
			die("bad default key %s", bad);
	}
	for (int i = 0; cfg && i < cfg->nkeys; i++) {
		struct key_binding *found = NULL;
		for (int a = 0; a < ACT_COUNT - 1; a++)
			if (!strcasecmp(table[a].name, cfg->keys[i].action))
				found = &table[a];
		char *w = NULL, dropped[64] = "";
		if (!found)
			w = xasprintf("[keys] 未知的操作名 %s，已忽略", cfg->keys[i].action);
		else if (!set_spec(found, cfg->keys[i].keys, bad, sizeof bad, dropped, sizeof dropped))
			w = dropped[0] && !strcmp(bad, dropped)
				    ? xasprintf("[keys] %s = %s：%s 是打字用的字符（表单和列表里要输入文字），"
						"不能作为按键，保留默认 %s",
						cfg->keys[i].action, cfg->keys[i].keys, dropped, found->spec)
				    : xasprintf("[keys] %s = %s：无法识别的按键 %s，保留默认 %s", cfg->keys[i].action,
						cfg->keys[i].keys, bad, found->spec);
		else if (dropped[0])
			w = xasprintf("[keys] %s = %s：%s 是打字用的字符（表单和列表里要输入文字），不能作为按键，"
				      "已忽略，其余按键有效",
				      cfg->keys[i].action, cfg->keys[i].keys, dropped);
		if (w) {
			*warnings = xrealloc(*warnings, sizeof(char *) * (size_t)(*nwarnings + 1));
			(*warnings)[(*nwarnings)++] = w;
		}
	}
}

static bool keys_match(struct keypress want, struct keypress got)
{
	if (!want.fkey && want.ch == '\n')
		return (!got.fkey && (got.ch == '\n' || got.ch == '\r')) || (got.fkey && got.ch == KEY_ENTER);
	return want.fkey == got.fkey && want.ch == got.ch;
}

enum action keys_lookup(struct keypress k, const enum action *allowed)
{
	if (k.pasted)
		return ACT_NONE;
	for (; *allowed != ACT_NONE; allowed++) {
		const struct key_binding *b = keys_binding(*allowed);
		for (int i = 0; i < b->nkeys; i++)
			if (keys_match(b->keys[i], k))
				return *allowed;
	}
	return ACT_NONE;
}

const struct key_binding *keys_binding(enum action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT)
		die("no key binding for action %d", (int)a);
	return &table[a - 1];
}

const char *keys_first_name(enum action a)
{
	static char buf[16];
	const struct key_binding *b = keys_binding(a);
	size_t n = strcspn(b->spec, " \t,");
	snprintf(buf, sizeof buf, "%.*s", (int)(n < 15 ? n : 15), b->spec);
	return buf;
}
