#!/bin/sh
# 代表活动记录簿 and 学习培训记录簿: a training typed through the keyboard against its plan entry,
# its sign-in sheet (F9 all present, 1/2/3/0 and Space per line; a deputy who left and one who
# joined the station after the activity are refused at their line, nothing written), seen in
# both registers; a future date refused at its field; the plan shows it held; the home screen's
# quarter warning goes once the quarter has an activity; the roster marks deputies below the
# yearly reception minimum.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23
printf '姓名,性别,层级,状态,进站日期\n张三,男,县,在任,\n李四,女,乡镇,在任,\n王五,男,市,离任,\n赵六,男,县,在任,2026-11-22\n' \
	>"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
# A plan entry to tick off, and four reception days on duty for 张三 this year.
sql "insert into activity_plans (year, month, type, theme) values (2026, 11, '学习培训', '学习代表法');
insert into reception_days (id, date) values (1, '2026-02-15'), (2, '2026-05-15'), (3, '2026-08-15'), (4, '2026-11-16');
insert into reception_duty (reception_day_id, deputy_id) select r.id, d.id from reception_days r, deputies d where d.name = '张三';"
e2e_start
check "home warns: no activity this quarter" screen_has "2026 年第四季度还没有代表活动（每季度至少"

# --- the training register, through 8 ---
key 8
expect_screen "学习培训记录簿"
key Down Enter
expect_screen "本季度 0 次"
check "training register: its own title" screen_has "学习培训记录簿"
key F3
expect_screen "新增活动"
check "new training: type filled in" screen_has "*类型 学习培训"
key Tab; type_text "学习代表法修正案"; key Tab  # 主题
key Home C-k; type_text "11-20"; key Tab        # 日期
type_text "09:00-11:30"; key Tab                # 时间
type_text "联络站会议室"; key Tab               # 地点
type_text "镇人大主席团"; key Tab               # 组织单位
type_text "学习新修正的代表法"; key Tab         # 内容
type_text "代表们交流了履职体会"; key Tab       # 成效
key Home C-k; type_text "2"; key Tab            # 形成意见建议数
key F4                                          # 对应计划
expect_screen "2026年11月 学习培训：学习代表法"
key Enter
expect_gone "Enter 选定"
key F2
expect_screen "已保存活动 学习代表法修正案；按 F5 签到"
check_eq "activity stored" \
	"$(sql "select type, topic, date, time, place, organizer, content, outcome, suggestions from activities")" \
	"学习培训|学习代表法修正案|2026-11-20|09:00-11:30|联络站会议室|镇人大主席团|学习新修正的代表法|代表们交流了履职体会|2"
check_eq "plan entry ticked off with the activity's date" \
	"$(sql "select held_date, activity_id from activity_plans")" "2026-11-20|1"
check "list: not signed in yet" screen_has "未签到"

# --- sign-in: F9 all present; 赵六 joined after the activity: refused at his line ---
key F5
expect_screen "未签到 4"
check "sheet lists a deputy who left" screen_has "王五（离任）"
key F9
expect_screen "出席 3  请假 0  缺席 0  未签到 1"
key F2
expect_screen "赵六 的进站日期是 2026-11-22"
check_eq "refused sheet: nothing written" "$(sql "select count(*) from attendance")" 0
check "the refusal stands at 赵六's line" sh -c "tmux -L '$SOCK' capture-pane -p | grep '赵六' | grep -q '进站日期'"
type_text "0"                                   # 赵六: not signed
expect_screen "出席 2  请假 0  缺席 0  未签到 2"
key Home; type_text "2"                         # 李四 (first by pinyin): 请假; on to 王五
expect_screen "出席 1  请假 1"
type_text "1"                                   # 王五 left: refused on save
expect_screen "出席 2  请假 1"
key F2
expect_screen "王五 已离任"
check_eq "departed deputy refused: nothing written" "$(sql "select count(*) from attendance")" 0
key Up
key Down
type_text " "; type_text " "; type_text " "    # 出席 -> 请假 -> 缺席 -> -
expect_screen "出席 1  请假 1  缺席 0  未签到 2"
key F2
expect_screen "已保存签到：出席 1 人，请假 1 人，缺席 0 人"
check_eq "sheet stored by id" \
	"$(sql "select d.name, t.status from attendance t join deputies d on d.id = t.deputy_id order by d.name_py")" \
	"李四|请假
张三|出席"
check "list: present / signed" screen_has "1/2"
check "list: the plan entry" screen_has "学习代表法"
key Escape
expect_screen "台账"
expect_gone "还没有代表活动"
check "home: quarter warning gone" screen_lacks "第四季度还没有代表活动"

# --- the activities register shows it too; a future date is refused at its field ---
key 8
expect_screen "代表活动记录簿"
key Enter
expect_screen "本季度 1 次"
check "activities register: the training listed with its type" sh -c \
	"tmux -L '$SOCK' capture-pane -p | grep '2026-11-20' | grep '学习培训' | grep -q '学习代表法修正案'"
key F3
expect_screen "新增活动"
type_text "sc"; key Tab                         # 视察 by pinyin initials
type_text "视察农贸市场"; key Tab
key Home C-k; type_text "2026-11-30"
key F2
expect_screen "活动日期在今天之后"
check_eq "future date: nothing written" "$(sql "select count(*) from activities")" 1
key Escape
expect_screen "放弃"
key y
expect_screen "本季度 1 次"
# --- a period (F9 期间), as on the other registers: the quarter has the training, Q3 none ---
check "activities: the summary line shows all dates" screen_has "活动日期：全部"
key F9
expect_screen "活动日期"
type_text "2026年第三季度"; key Enter
check "period: 2026Q3 has no activity" wait_for "活动日期：2026年第三季度（07-01 至 09-30）  0 次"
key F9
expect_screen "活动日期"
key C-u
type_text "2026-11-01~2026-11-25"; key Enter
check "period: a date range with the training" wait_for "活动日期：2026-11-01 至 2026-11-25  1 次"
key C-u
check "the clear key: all dates again" wait_for "活动日期：全部"
key Escape
expect_screen "台账"

# --- planned vs held ---
menu 7
check "plan: planned vs held" screen_has "计划 1 项，已举行 1 项"
check "plan: held on the activity's date" screen_has "2026-11-20"
key Escape
expect_screen "台账"

# --- the roster marks deputies below 4 reception days this year ---
key 1
expect_screen "本年接待"
check "roster: 张三 has his four days" sh -c "tmux -L '$SOCK' capture-pane -p | grep '张三' | grep -q '4/4'"
check "roster: 李四 is marked below the minimum" sh -c "tmux -L '$SOCK' capture-pane -p | grep '李四' | grep -q '0/4 不足'"
key Escape
expect_screen "台账"
e2e_quit "activities"
e2e_finish
