#!/bin/sh
# A wait is a check: no shell test may call wait_for, wait_gone or wait_exit and ignore what it
# returns. `wait_for "已保存"` followed by `pass "saved"` passes whatever the program does (a
# time-out only prints a note on stderr). A call is fine when its status or output is used:
#   check NAME wait_for TEXT          wait_for TEXT || fail NAME     wait_for A && check ... || ...
#   if / elif / while / until wait_for ...                           st=$(wait_exit)
#   wait_for TEXT; rc=$?   (the status read right after)
# expect_screen / expect_gone (tests/e2e/lib.sh) are the step form: they fail on a time-out.
# Looks at every tests/e2e/*.sh and tests/cli/*.sh, the lib.sh files that define the helpers too.
cd "$(dirname "$0")/../.." || exit 1

# lint FILE...: print FILE:LINE: CODE for each call whose status is ignored.
lint() {
	python3 - "$@" <<'PY'
import re, sys

CALL = re.compile(r"(?<![\w$-])wait_(?:for|gone|exit)\b")

def blank_quotes(line):
    """Replace what is inside quotes with 'q' (keeping the quotes) and drop a trailing comment,
    so operators and keywords inside strings are not taken for shell syntax."""
    out, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if c in "\"'":
            j = i + 1
            while j < n and line[j] != c:
                j += 2 if (c == '"' and line[j] == "\\") else 1
            out.append(c + "q" + c)
            i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append("q")
            i += 2
        elif c == "#" and (i == 0 or line[i - 1] in " \t;"):
            break
        else:
            out.append(c)
            i += 1
    return "".join(out)

SEP = re.compile(r"&&|\|\||[;|&(){}`]|\$\(")

def used(before, after, next_line):
    # The command the call belongs to: what follows the last separator before it.
    if re.search(r"\$\(\s*$|`\s*$", before):
        return True  # output captured: st=$(wait_exit)
    seg = SEP.split(before)[-1]
    seg = re.sub(r"^\s*(?:(?:then|do|else)\s+)*", "", seg)
    if re.match(r"^(?:if|elif|while|until)\s+(?:!\s+)?$", seg):
        return True
    if re.match(r"^check\s+(?:\"q\"|'q'|\S+)\s+$", seg):
        return True
    # What follows the call's arguments: the first operator decides.
    m = re.search(r"\|\||&&|[;|)}&]|$", after)
    op = m.group(0)
    rest = after[m.end():]
    if op == "||":
        return True
    if op == "&&":
        return "||" in rest  # `wait_for X && pass Y` alone says nothing on a time-out
    if op in (";", ""):
        nxt = rest if rest.strip() else next_line
        return "$?" in nxt.split(";")[0]
    return False

bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        raw = f.read().split("\n")
    lines = [blank_quotes(l) for l in raw]
    # Join continuation lines onto the line they continue (reported at the first line).
    i = 0
    heredoc = None
    while i < len(lines):
        if heredoc is not None:  # a here-document's body is data, not commands
            if raw[i].strip() == heredoc:
                heredoc = None
            i += 1
            continue
        m = re.search(r"<<-?\s*(['\"]?)(\w+)\1", raw[i])
        if m:
            heredoc = m.group(2)
        line, first = lines[i], i
        while (line.rstrip().endswith(("\\", "&&", "||", "|"))) and i + 1 < len(lines):
            line = line.rstrip().rstrip("\\") + " " + lines[i + 1].strip()
            i += 1
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        for m in CALL.finditer(line):
            after = line[m.end():]
            if re.match(r"\s*\(\s*\)", after):
                continue  # a definition
            if not used(line[:m.start()], after, nxt):
                print(f"{path}:{first + 1}: {raw[first].strip()}")
                bad += 1
        i += 1
sys.exit(1 if bad else 0)
PY
}

files=$(ls tests/e2e/*.sh tests/cli/*.sh)
if out=$(lint $files); then
	echo "PASS every wait_for/wait_gone/wait_exit in the shell tests is checked"
else
	echo "$out"
	echo "    (a wait whose result is ignored lets the test pass whatever happens: write"
	echo "     check NAME wait_for TEXT, wait_for TEXT || fail NAME, or expect_screen TEXT)"
	echo "FAIL every wait_for/wait_gone/wait_exit in the shell tests is checked"
fi

# The lint itself can fail: planted bad calls are found (and only those), good forms are not.
T=$(mktemp -d "${TMPDIR:-/tmp}/station-lint.XXXXXX")
trap 'rm -rf "$T"' EXIT
cat >"$T/test_planted.sh" <<'SH'
key F2
wait_for "已保存"
pass "saved"
	wait_gone "正在保存"   # indented, with a comment
wait_for "a" && pass "b"
key 5; wait_for "共 2 条"; key Enter
if true; then wait_exit; fi
check "saved" wait_for "已保存"
check 'saved' wait_for "已保存"
wait_for "已保存" || fail "saved"
wait_for "已保存" ||
	fail "saved"
check "saved, on two lines" \
	wait_for "已保存"
cat <<EOF
wait_for "in a here-document"
EOF
wait_for "x; wait_for y" || fail "operators inside quotes are text"
wait_for "a" && check "b" screen_has "c" || fail "b"
if wait_for "已保存"; then pass "saved"; else fail "saved"; fi
if ! wait_gone "正在保存"; then fail "gone"; fi
while ! wait_for "x"; do key Enter; done
st=$(wait_exit)
check_eq "exit" "$(wait_exit)" 0
wait_for "x"; rc=$?
wait_for "y"
[ $? -eq 0 ] || fail "y"
# wait_for "in a comment"
echo "wait_for in a string"
expect_screen "已保存"
echo a \
	b; wait_for "after a continued line"
wait_for() { :; }
SH
got=$(lint "$T/test_planted.sh" | sed "s|^$T/||" | cut -d: -f1,2 | tr '\n' ' ')
want="test_planted.sh:2 test_planted.sh:4 test_planted.sh:5 test_planted.sh:6 test_planted.sh:7 test_planted.sh:31 "
if [ "$got" = "$want" ]; then
	echo "PASS the lint finds planted bare waits, and only those"
else
	echo "    found:    $got"
	echo "    expected: $want"
	echo "FAIL the lint finds planted bare waits, and only those"
fi
