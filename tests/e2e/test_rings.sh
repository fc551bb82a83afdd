#!/bin/sh
# 五环五时 on the home screen and the case's timeline, under a fixed date (Monday 2026-11-23,
# [cases] assign_days 3 and followup_days 5 by default): a case replied on 11-10 and never called
# back (回访 due 11-17) is listed as 回访 超期 4 个工作日, in red like a handling deadline; a case
# replied on 11-20 (回访 due 11-27) is within its limit and is not; a case received on 11-16 and
# never assigned (交办 due 11-19) is listed as 交办 超期 2 个工作日. The first case's timeline marks
# its late 交办 (due 10-29, done 11-02).
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23
e2e_start
e2e_quit "create the database"

unit=$(sql "select id from units where deleted = 0 order by id limit 1")
sql "insert into cases (id, case_no, category, summary, received_date, status, unit_id, assigned_date, due_date,
	due_days, promised_date, reply_date, result, reply, source) values
	(1, 'CG01-2026-0001', '道路交通', '东街路灯不亮', '2026-10-26', '已答复', $unit, '2026-11-02',
	 '2026-11-23', 15, '2026-11-23', '2026-11-10', 'A', '已修复', '其他'),
	(2, 'CG01-2026-0002', '道路交通', '西街井盖松动', '2026-11-16', '已答复', $unit, '2026-11-17',
	 '2026-12-08', 15, '2026-12-08', '2026-11-20', 'A', '已加固', '其他'),
	(3, 'CG01-2026-0003', '道路交通', '南门积水', '2026-11-16', '受理', null, null, null, null, null, null,
	 null, null, '其他');
insert into case_events (case_id, at, date, type, status_after, who, unit_id, due_date, note, result) values
	(1, '2026-10-26 09:00', '2026-10-26', '受理', '受理', '测试', null, null, null, null),
	(1, '2026-11-02 09:00', '2026-11-02', '交办', '办理中', '测试', $unit, '2026-11-23', null, null),
	(1, '2026-11-10 09:00', '2026-11-10', '答复', '已答复', '测试', $unit, null, '已修复', 'A'),
	(2, '2026-11-16 09:00', '2026-11-16', '受理', '受理', '测试', null, null, null, null),
	(2, '2026-11-17 09:00', '2026-11-17', '交办', '办理中', '测试', $unit, '2026-12-08', null, null),
	(2, '2026-11-20 09:00', '2026-11-20', '答复', '已答复', '测试', $unit, null, '已加固', 'A'),
	(3, '2026-11-16 09:00', '2026-11-16', '受理', '受理', '测试', null, null, null, null);"
check_eq "three cases in the database" "$(sql "select count(*) from cases")" 3

e2e_start
check "回访 list counts the late call-back only" wait_for "回访：超期 1 件，临期 0 件"
check "交办 list counts the case never assigned" wait_for "交办：超期 1 件，临期 0 件"
late=$(screen | grep -F "CG01-2026-0001" | head -1)
case "$late" in *"超期 4 个工作日"*) pass "the late call-back is listed with its working days" ;;
*) fail "the late call-back is listed with its working days" ;; esac
case "$(screen | grep -F "CG01-2026-0002")" in *超期*) fail "a call-back within its limit is not overdue" ;;
*) pass "a call-back within its limit is not overdue" ;; esac
check "the case within its limit is not in the 回访 list (only under 待回访)" \
	test "$(screen | grep -cF "CG01-2026-0002")" -eq 1
assign=$(screen | grep -F "CG01-2026-0003" | head -1)
case "$assign" in *"超期 2 个工作日"*) pass "the case waiting for 交办 is listed with its working days" ;;
*) fail "the case waiting for 交办 is listed with its working days" ;; esac
# The 交办 list comes before the 回访 list, which comes before 待回访 (where both replied cases are).
order=$(screen | grep -e "交办：" -e "回访：" -e "待回访" -e "CG01-2026-000" | awk '{ printf "%s ", $1 }')
check_eq "lists in order: 交办, its case, 回访, its case, 待回访" "$order" \
	"交办：超期 CG01-2026-0003 回访：超期 CG01-2026-0001 待回访 CG01-2026-0001 CG01-2026-0002 "

# --- open the late call-back (second row) and see its late 交办 on the timeline ---
key Down
key Enter
expect_screen "办理经过"
check "the timeline marks the late 交办" wait_for "（交办超时 2 个工作日）"
check "the reply within its limit is not marked" screen_lacks "办理超时"
key Escape
expect_screen "台账"
e2e_quit "rings run"
e2e_finish
