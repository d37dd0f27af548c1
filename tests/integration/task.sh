#!/usr/bin/env bash
# Tasks and directives against a real congvud: the whole life of a task
# (progress, an extension refused and one granted with both dates kept,
# completion returned then accepted, cancel with a reason), conflicts, the
# thread, sub-tasks and their roll-up, scope (a commune never sees a sibling
# commune's tasks; a supervisor watches and changes nothing), pushed
# changes and a board rebuilt after a disconnect, recurring tasks generated
# exactly once per period across restarts and a clock set back, and the
# due-soon / overdue timers.
. "$(dirname "$0")/../lib.sh" "$1"

CITY=000.00.15.H12   # thành phố Cà Mau: leader thanh.nv, specialist an.nv, supervisor son.dh
UMINH=000.00.16.H12  # huyện U Minh: leader dat.ct
P1=000.01.15.H12     # Phường 1 (in the city): leader cuong.lm, specialist binh.nt
P5=000.05.15.H12     # Phường 5 (in the city): specialist quang.tv
YEAR=$(date +%Y)

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in hung.lv thao.ntp thanh.nv an.nv son.dh dat.ct cuong.lm binh.nt quang.tv; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
day() { date -d "+$1 days" +%Y-%m-%d; }
field() { cv hung.lv --json task show "$1" | jq -r "$2"; }
# restart [SQL] — stop the daemon (cleanly: exit 0, no leak), run SQL on the
# stopped database, start it again on the same endpoint
restart() {
  check "the daemon stops cleanly" stop_daemon
  [ -n "${1:-}" ] && q "$1"
  start_daemon "$ENDPOINT" || { echo "daemon did not restart"; tail "$T/congvud.log"; exit 1; }
}

# --- the demo province comes with work on the board ---
check_rc "the provincial leader's board" 0 cv hung.lv --json board --unit $PROVINCE
check "…shows the demo tasks" test "$(jq '[.columns[].cards[]] | length' "$T/out")" -ge 6
check "…one waiting for an extension decision" test "$(jq '[.columns[] | select(.state=="extension") | .count] | .[0]' "$T/out")" = 1
check "…and a task split in two sub-tasks" test "$(jq '[.columns[].cards[] | select(.subtasks.total == 2)] | length' "$T/out")" = 1

# --- assigning ---
check_rc "a provincial leader assigns a task to the city, U Minh co-operating" 0 \
  cv hung.lv --json task add --title "Rà soát hồ sơ tồn đọng quý IV" --lead $CITY --coop $UMINH \
  --deadline "$(day 10)" --priority high --source meeting --ref "Kết luận 45/TB-UBND" --refs "45-TB-UBND.pdf"
T1=$(jq -r .code "$T/out")
check "…with a code of the year" grep -qE "^NV-$YEAR-[0-9]{4}$" <<<"$T1"
check "…assigned, high priority, led by the city" \
  test "$(jq -r '[.state, .priority_name, .lead_unit] | join("|")' "$T/out")" = "assigned|Quan trọng|$CITY"
check_rc "a specialist may not assign" 77 cv an.nv task add --title X --lead $P1 --deadline "$(day 5)"
check "…told why, in Vietnamese" has "Chỉ lãnh đạo được giao nhiệm vụ"
check_rc "a supervisor may not assign" 77 cv thao.ntp task add --title X --lead $CITY --deadline "$(day 5)"
check_rc "the city may not assign to U Minh (out of its scope)" 77 cv thanh.nv task add --title X --lead $UMINH --deadline "$(day 5)"
check "…out_of_scope" has "out_of_scope"
check_rc "an impossible deadline is refused" 65 cv hung.lv task add --title X --lead $CITY --deadline 2026-02-30
check "…naming the field" has "deadline"
check_rc "a deadline in the past is refused" 65 cv hung.lv task add --title X --lead $CITY --deadline 2020-01-02
check "…in Vietnamese" has "Hạn phải sau thời điểm hiện tại"
check_rc "an unknown priority is refused" 65 cv hung.lv task add --title X --lead $CITY --deadline "$(day 5)" --priority asap
check_rc "a lead person outside the lead unit is refused" 65 cv hung.lv task add --title X --lead $CITY --person binh.nt --deadline "$(day 5)"

# --- the whole life: progress, extension refused then granted, returned, accepted ---
check_rc "the assigner may not start it for the lead" 77 cv hung.lv task act "$T1" start
check_rc "the city's specialist starts it" 0 cv an.nv task act "$T1" start
check_rc "…and reports progress" 0 cv an.nv --json task report "$T1" --percent 40 --note "Đã rà soát 40% hồ sơ"
check "…40 percent, in progress" test "$(jq -r '"\(.percent) \(.state)"' "$T/out")" = "40 in_progress"
check_rc "a percentage over 100 is refused" 65 cv an.nv task report "$T1" --percent 140 --note x
DL0=$(field "$T1" .deadline)
check_rc "an extension needs a new date" 65 cv an.nv task act "$T1" request_extension --note "Khối lượng lớn"
check_rc "…later than the deadline" 65 cv an.nv task act "$T1" request_extension --note "Khối lượng lớn" --new-deadline "$(day 3)"
check_rc "the lead asks for an extension" 0 cv an.nv --json task act "$T1" request_extension --note "Khối lượng lớn" --new-deadline "$(day 20)"
check "…waiting on the assigner, the date asked for shown" \
  test "$(jq -r '"\(.state) \(.proposed_deadline != null)"' "$T/out")" = "extension true"
check_rc "only the assigner decides" 77 cv an.nv task act "$T1" refuse --note "tự từ chối"
check_rc "a refusal needs a reason" 65 cv hung.lv task act "$T1" refuse
check_rc "the assigner refuses it" 0 cv hung.lv --json task act "$T1" refuse --note "Phải xong đúng hạn"
check "…the deadline stands, no request pending" \
  test "$(jq -r '"\(.state)|\(.deadline)|\(.proposed_deadline)"' "$T/out")" = "in_progress|$DL0|null"
cv an.nv task act "$T1" request_extension --note "Cần thêm thời gian xác minh" --new-deadline "$(day 20)" >/dev/null
check_rc "asked again, the assigner grants it" 0 cv hung.lv --json task act "$T1" grant
check "…the deadline moves and the first one is kept" \
  test "$(jq -r '"\(.original_deadline)|\(.deadline != .original_deadline)"' "$T/out")" = "$DL0|true"
check "…both dates are in the database" \
  test "$(q "SELECT deadline > original_deadline FROM tasks WHERE code='$T1'")" = 1
check_rc "completion needs a report" 65 cv an.nv task act "$T1" done
check_rc "the lead reports completion" 0 cv an.nv --json task act "$T1" done --note "Đã hoàn thành rà soát"
check "…100 percent, waiting for acceptance" test "$(jq -r '"\(.state) \(.percent)"' "$T/out")" = "reported 100"
check_rc "the assigner returns it for more work" 0 cv hung.lv --json task act "$T1" return --note "Bổ sung số liệu huyện U Minh"
check "…back in progress" test "$(jq -r .state "$T/out")" = in_progress
cv an.nv task act "$T1" done --note "Đã bổ sung số liệu" >/dev/null
check_rc "the assigner accepts it" 0 cv hung.lv --json task act "$T1" accept
check "…closed and graded on time" test "$(jq -r '"\(.state) \(.grade)"' "$T/out")" = "accepted early"
check_rc "nothing more can be done to a closed task" 65 cv an.nv task act "$T1" start
check "the history keeps every step in order" \
  test "$(field "$T1" '[.history[].action] | join(",")')" = \
  "assign,start,progress,request_extension,refuse,request_extension,grant,done,return,done,accept"
check "…with the deadline asked for and granted" \
  test "$(field "$T1" '[.history[] | select(.action=="grant") | .deadline] | length')" = 1
check "every step is audited" test "$(q "SELECT count(*) FROM audit WHERE object='$T1' AND action LIKE 'task.%'")" = 11

# --- cancel, conflicts, the thread ---
T2=$(cv hung.lv --json task add --title "Tổng hợp kiến nghị cử tri" --lead $CITY --deadline "$(day 7)" | jq -r .code)
V=$(field "$T2" .version)
cv an.nv task act "$T2" start --version "$V" >/dev/null
check_rc "acting on a stale version is a conflict" 75 cv an.nv --json task act "$T2" done --note x --version "$V"
check "…with the task as it is now" grep -q '"error":"conflict"' "$T/out"
check_rc "the city leader comments" 0 cv thanh.nv task comment "$T2" --text "Phòng Nội vụ chủ trì tổng hợp"
check_rc "the assigner gives a directive" 0 cv hung.lv task comment "$T2" --text "Báo cáo trước ngày 15" --directive
check_rc "a specialist of the lead unit may not give directives" 77 cv an.nv task comment "$T2" --text x --directive
check "the thread holds both, in order" \
  test "$(field "$T2" '[.thread[].kind] | join(",")')" = "comment,directive"
check_rc "cancelling needs a reason" 65 cv hung.lv task act "$T2" cancel
check_rc "the assigner cancels it with one" 0 cv hung.lv --json task act "$T2" cancel --note "Gộp vào nhiệm vụ khác"
check "…cancelled, not graded" test "$(jq -r '"\(.state) \(.grade)"' "$T/out")" = "cancelled null"

# --- sub-tasks and their roll-up ---
T3=$(cv hung.lv --json task add --title "Chuyển đổi số cấp xã" --lead $CITY --deadline "$(day 30)" | jq -r .code)
check_rc "a specialist may not split a task" 77 cv an.nv task add --title "Phường 1" --lead $P1 --deadline "$(day 20)" --parent "$T3"
check_rc "a sub-task may not end after its parent" 65 cv thanh.nv task add --title "Phường 1" --lead $P1 --deadline "$(day 40)" --parent "$T3"
check_rc "the city leader splits it for Phường 1" 0 cv thanh.nv --json task add --title "Chuyển đổi số Phường 1" --lead $P1 --person binh.nt --deadline "$(day 20)" --parent "$T3"
S1=$(jq -r .code "$T/out")
check_rc "…and for Phường 5" 0 cv thanh.nv --json task add --title "Chuyển đổi số Phường 5" --lead $P5 --deadline "$(day 20)" --parent "$T3"
S5=$(jq -r .code "$T/out")
check "the parent shows two sub-tasks" test "$(field "$T3" .subtasks.total)" = 2
cv binh.nt task report "$S1" --percent 60 --note "Đã số hóa 60%" >/dev/null
check "…and their average progress" test "$(field "$T3" .subtasks.percent)" = 30
cv binh.nt task act "$S1" done --note "Xong" >/dev/null
check_rc "the city leader accepts Phường 1's part" 0 cv thanh.nv task act "$S1" accept
check "…the roll-up counts it done" test "$(field "$T3" '"\(.subtasks.done)/\(.subtasks.total)"')" = 1/2

# --- scope ---
check_rc "Phường 5 may not see Phường 1's task" 77 cv quang.tv task show "$S1"
check "…out of scope" has "out_of_scope"
check_rc "…nor act on it" 77 cv quang.tv task act "$S1" start
check_rc "…and its list has its own" 0 cv quang.tv --json task list
check "…(Phường 5's sub-task, not Phường 1's)" test "$(jq -r '[.tasks[].code] | (index("'"$S5"'") != null) and (index("'"$S1"'") == null)' "$T/out")" = true
check "…nor anything outside Phường 5 but what it helps with" \
  test "$(jq -r '[.tasks[] | select(.lead_unit != "'"$P5"'")] | length' "$T/out")" = 0
check_rc "Phường 5 may not open Phường 1's board" 77 cv quang.tv board --unit $P1
check_rc "Phường 1's leader sees Phường 1's sub-task" 0 cv cuong.lm --json task list
check "…and not Phường 5's" test "$(jq -r '[.tasks[].code] | index("'"$S5"'")' "$T/out")" = null
check "…not waiting on Phường 1 once accepted" \
  test "$(cv cuong.lm --json task list --mine | jq '[.tasks[].code] | index("'"$S1"'")')" = null
check "Phường 5 has its sub-task waiting on it" \
  test "$(cv quang.tv --json task list --mine | jq '[.tasks[].code] | index("'"$S5"'") != null')" = true

# --- the supervisor watches and changes nothing ---
check_rc "the city's supervisor sees the city's board" 0 cv son.dh --json board
check "…with the sub-tasks below" test "$(jq '[.columns[].cards[].code] | map(select(. == "'"$S1"'" or . == "'"$S5"'")) | length' "$T/out")" = 2
check "…and a summary per unit" test "$(jq '[.summary[].unit] | index("'"$P5"'") != null' "$T/out")" = true
check_rc "…but may not act" 77 cv son.dh task act "$S5" start
check "…told it only watches" has "giám sát"
check_rc "…nor report" 77 cv son.dh task report "$S5" --percent 10 --note x
check_rc "…nor comment" 77 cv son.dh task comment "$S5" --text x
check_rc "…nor assign" 77 cv son.dh task add --title X --lead $P5 --deadline "$(day 5)"
check_rc "the provincial supervisor opens the city's board" 0 cv thao.ntp --json board --unit $CITY
check_rc "…but not a board of a unit that does not exist" 66 cv thao.ntp board --unit 999.99.99.H12

# --- the board at a province's scale: counts by SQL, paged columns, the summary rolled up ---
BD=(--closed-days 366)
# bcounts USER UNIT — "state=count …" of the board's columns, no card sent
bcounts() { cv "$1" --json board --unit "$2" --per-column 0 --cards-only "${BD[@]}" | jq -r '[.columns[] | "\(.state)=\(.count)"] | join(" ")'; }
# lcounts USER UNIT — the same counted from the task list of the subtree
lcounts() {
  cv "$1" --json task list --unit "$2" --limit 400 | jq -r --argjson cols "$(jq '[.columns[].state]' "$T/states")" \
    '[.tasks[].state] as $s | [$cols[] as $c | "\($c)=\([$s[] | select(. == $c)] | length)"] | join(" ")'
}
cv thao.ntp --json board --unit $PROVINCE --per-column 400 "${BD[@]}" >"$T/states"
check "the province's board counts more than a handful of tasks" test "$(jq '[.columns[].count] | add' "$T/states")" -ge 8
for s in "thao.ntp $PROVINCE" "son.dh $CITY" "dat.ct $UMINH" "cuong.lm $P1" "quang.tv $P5"; do
  set -- $s
  check "the board's counts are the task list's for $2 (as $1)" test "$(bcounts "$1" "$2")" = "$(lcounts "$1" "$2")"
done
check "…and every card is sent when the columns are asked whole" \
  test "$(jq '[.columns[] | (.cards | length) == .count] | all' "$T/states")" = true
check "a card is sent once, in one column" test "$(jq '[.columns[].cards[].code] | length == (unique | length)' "$T/states")" = true
# pages USER UNIT WHOLE — each column of UNIT's board (WHOLE: it asked whole)
# paged 2 by 2 brings its cards once each, in order: the province's read a
# page per state, a subtree's in one walk paged by the store
pages() {
  local st n o
  for st in $(jq -r '.columns[] | select(.count > 2) | .state' "$3"); do
    n=$(jq --arg s "$st" '.columns[] | select(.state == $s) | .count' "$3")
    : >"$T/pages"
    for ((o = 0; o < n + 2; o += 2)); do
      cv "$1" --json board --unit "$2" --state "$st" --offset $o --per-column 2 --cards-only "${BD[@]}" >"$T/page"
      jq -r --arg s "$st" '.columns[] | select(.state == $s) | .cards[].code' "$T/page" >>"$T/pages"
    done
    check "$2: pages of 2 bring the $n cards of '$st' once each, in the board's order" \
      test "$(paste -sd, "$T/pages")" = "$(jq -r --arg s "$st" '[.columns[] | select(.state == $s) | .cards[].code] | join(",")' "$3")"
    check "…the other columns only counted" \
      test "$(jq --arg s "$st" '[.columns[] | select(.state != $s) | .cards | length] | add' "$T/page")" = 0
  done
}
pages thao.ntp $PROVINCE "$T/states"
cv son.dh --json board --unit $CITY --per-column 400 "${BD[@]}" >"$T/states.city"
check "the city's board has a column of more than two cards to page" \
  test "$(jq '[.columns[] | select(.count > 2)] | length' "$T/states.city")" -ge 1
pages son.dh $CITY "$T/states.city"
# compact: the cards as rows under one list of cols, repeated strings once in words
# EXPAND: a compact board's columns with their rows as named cards; PICK: a
# full board's columns with its cards cut to the same fields ($k: the cols)
EXPAND='. as $r | [.columns[] | {state, count, cards: [(.rows // [])[] | . as $row | [range($r.cols | length) as $i
  | $r.cols[$i] as $c | if $c | startswith("@") then {key: $c[1:], value: ($row[$i]
  | if type == "array" then map($r.words[.]) elif type == "number" then $r.words[.] else . end)}
  else {key: $c, value: $row[$i]} end] | from_entries]}]'
PICK='[.columns[] | {state, count, cards: [(.cards // [])[] | with_entries(select(.key as $x | $k | index($x)))]}]'
# same_cards FULL COMPACT — the compact board's cards are the full board's on the fields it carries
same_cards() {
  local k
  k=$(jq -c '.cols | map(ltrimstr("@"))' "$2")
  [ "$(jq -cS "$EXPAND" "$2")" = "$(jq -cS --argjson k "$k" "$PICK" "$1")" ] && [ "$k" != null ] &&
    [ "$(jq '[.columns[].cards[]] | length' "$1")" -gt 0 ]
}
for s in "thao.ntp $PROVINCE" "son.dh $CITY"; do
  set -- $s
  cv "$1" --json board --unit "$2" --per-column 400 "${BD[@]}" >"$T/full"
  cv "$1" --json board --unit "$2" --per-column 400 --compact "${BD[@]}" >"$T/compact"
  check "a compact board has the full board's cards on the fields it carries, for $2 (as $1)" same_cards "$T/full" "$T/compact"
  check "…as rows only, each string once in words" \
    test "$(jq -c '[([.columns[] | has("cards")] | any), (.words | length == (unique | length))]' "$T/compact")" = '[false,true]'
  check "…in less than half the bytes" test $(($(jq -c . "$T/compact" | wc -c) * 2)) -lt "$(jq -c . "$T/full" | wc -c)"
done
cp "$T/compact" "$T/cstates"
cv son.dh board --unit $CITY --per-column 400 "${BD[@]}" >"$T/hfull" 2>&1
cv son.dh board --unit $CITY --per-column 400 --compact "${BD[@]}" >"$T/hcompact" 2>&1
check "the command line prints a compact board's cards as it prints the whole board's" \
  test "$(grep -c 'NV-' "$T/hcompact")" -gt 0 -a "$(grep 'NV-' "$T/hcompact")" = "$(grep 'NV-' "$T/hfull")"
st=$(jq -r '[.columns[] | select(.count > 2) | .state][0]' "$T/states")
n=$(jq --arg s "$st" '.columns[] | select(.state == $s) | .count' "$T/states")
for ((o = 0; o < n; o += 2)); do
  cv thao.ntp --json board --unit $PROVINCE --state "$st" --offset $o --per-column 2 --cards-only "${BD[@]}" >"$T/page"
  cv thao.ntp --json board --unit $PROVINCE --state "$st" --offset $o --per-column 2 --cards-only --compact "${BD[@]}" >"$T/cpage"
  check "a compact page of '$st' from $o is the full page" same_cards "$T/page" "$T/cpage"
done
check "the first screen of a board: every count, one page of cards in all" \
  test "$(cv thao.ntp --json board --unit $PROVINCE --per-column 3 --limit 3 --cards-only "${BD[@]}" |
    jq -c '[([.columns[].cards[]] | length), ([.columns[].count] | add), has("summary")]')" = "[3,$(jq '[.columns[].count] | add' "$T/states"),false]"
check_rc "a column that does not exist is refused" 65 cv thao.ntp board --state done_and_dusted
check "…naming the field" has "state"
check_rc "more than 400 cards a column is refused" 65 cv thao.ntp board --per-column 401
# Phường 5 sees its own, never Phường 1's — counted, listed or paged
P1PATH=$(q "SELECT path FROM units WHERE code='$P1'")
check "Phường 5's board has none of Phường 1's tasks, on any page" \
  test "$(for o in 0 1 2 3; do cv quang.tv --json board --state in_progress --offset $o --per-column 1 --cards-only; done |
    jq -s --arg p "$P1PATH" '[.[].columns[].cards[] | select(.paths | any(startswith($p)))] | length')" = 0
check "…and counts exactly the tasks led or helped in Phường 5" \
  test "$(cv quang.tv --json board --per-column 0 --cards-only "${BD[@]}" | jq '[.columns[].count] | add')" = \
  "$(q "SELECT count(DISTINCT tu.task_id) FROM task_units tu JOIN units u ON u.id = tu.unit_id
        WHERE tu.role IN ('lead', 'coop') AND u.code = '$P5'")"
check_rc "…nor may it page Phường 1's board" 77 cv quang.tv board --unit $P1 --state assigned --offset 2
# the summary: the unit's own row and one per direct child, each its whole subtree
cv thao.ntp --json board --unit $PROVINCE --per-column 0 >"$T/prov"
check "the province's summary has only itself and its direct children" \
  test "$(jq -r '.summary[].unit' "$T/prov" | while read -r u; do
    [ "$u" = $PROVINCE ] || q "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = '$u'"
  done | sort -u)" = $PROVINCE
check "…the city among them, its wards not" \
  test "$(jq -c '[.summary[].unit] | [index("'$CITY'") != null, index("'$P5'") == null]' "$T/prov")" = "[true,true]"
for u in $(jq -r '.summary[] | select(.unit != "'$PROVINCE'") | .unit' "$T/prov"); do
  check "…$u's row sums $u's own board" \
    test "$(jq -c '.summary[] | select(.unit == "'"$u"'") | [.open, .due_week, .overdue, .on_time, .late]' "$T/prov")" = \
    "$(cv thao.ntp --json board --unit "$u" --per-column 0 | jq -c '.total | [.open, .due_week, .overdue, .on_time, .late]')"
done
check "…and the total sums the rows" \
  test "$(jq -c '[([.summary[].open] | add), ([.summary[].late] | add)] == [.total.open, .total.late]' "$T/prov")" = true
check "the city's summary rolls its wards up in one row each (Phường 5 there)" \
  test "$(cv son.dh --json board --per-column 0 | jq '[.summary[].unit] | index("'$P5'") != null')" = true

# --- live: pushed to those who may see it; a board rebuilt after a disconnect ---
watch_start son.dh "$T/w.son"; WSON=$WATCH
watch_start quang.tv "$T/w.quang"; WQ=$WATCH
cv binh.nt task comment "$S1" --text "Đã gửi báo cáo" >/dev/null
for _ in $(seq 50); do grep -q "$S1" "$T/w.son" && break; sleep 0.1; done
check "a change is pushed to the city's supervisor" grep -q "\"event\":\"task.changed\".*$S1" "$T/w.son"
check "…with the card to redraw" test "$(grep "$S1" "$T/w.son" | head -1 | jq -r .body.card.state)" = accepted
check "…only the fields a board uses, named as a compact board's cols" \
  test "$(grep "$S1" "$T/w.son" | head -1 | jq -c '.body.card | keys')" = "$(jq -c '.cols | map(ltrimstr("@")) | sort' "$T/cstates")"
check "…not to the sibling commune" test "$(grep -c "$S1" "$T/w.quang")" = 0
for _ in $(seq 50); do grep -q "\"code\":\"$T3\"" "$T/w.son" && break; sleep 0.1; done
check "a sub-task's change is pushed for its parent too (an open parent view reloads on it)" \
  grep -q "\"event\":\"task.changed\".*\"code\":\"$T3\"" "$T/w.son"
kill $WSON; wait $WSON 2>/dev/null   # the supervisor's terminal drops off
LASTSEQ=$(grep task.changed "$T/w.son" | tail -1 | jq .body.seq)
T4=$(cv hung.lv --json task add --title "Kiểm tra công vụ đột xuất" --lead $P5 --deadline "$(day 6)" | jq -r .code)
cv quang.tv task report "$S5" --percent 50 --note "Một nửa" >/dev/null
cv quang.tv task act "$T4" start >/dev/null
cv son.dh --json board >"$T/board2"
check "after the reconnect the board has the task assigned meanwhile" \
  test "$(jq -r '[.columns[].cards[] | select(.code=="'"$T4"'") | .state] | join(",")' "$T/board2")" = in_progress
check "…the progress reported meanwhile" \
  test "$(jq -r '.columns[].cards[] | select(.code=="'"$S5"'") | .percent' "$T/board2")" = 50
check "…and every task once" test "$(jq '[.columns[].cards[].code] | length == (unique | length)' "$T/board2")" = true
check "…at a change sequence past what the watch saw" test "$(jq .seq "$T/board2")" -gt "$LASTSEQ"
watch_start son.dh "$T/w.son2"; WSON=$WATCH
cv quang.tv task report "$T4" --percent 20 --note "Bắt đầu kiểm tra" >/dev/null
for _ in $(seq 50); do grep -q "$T4" "$T/w.son2" && break; sleep 0.1; done
check "…and later changes come with a larger sequence" \
  test "$(grep "$T4" "$T/w.son2" | head -1 | jq .body.seq)" -gt "$(jq .seq "$T/board2")"
check "a new task's event says it was nowhere before" test "$(grep "$T4" "$T/w.quang" | head -1 | jq -c .body.was)" = null
check "…the next one where the first put it" \
  test "$(grep "$T4" "$T/w.quang" | sed -n 2p | jq -c '[.body.was.state, .body.card.state]')" = '["assigned","in_progress"]'
check "…and a change in place says it stayed" \
  test "$(grep "$T4" "$T/w.son2" | head -1 | jq -r .body.was.state)" = in_progress
kill $WSON $WQ; wait $WSON $WQ 2>/dev/null

# --- recurring tasks: generated by the server only, once per period ---
check_rc "a specialist may not set a recurring task" 77 cv an.nv recurring add --title X --units $P1 --every month --day 25
check_rc "the provincial leader sets a quarterly report for two districts" 0 \
  cv hung.lv --json recurring add --title "Báo cáo tình hình giải quyết TTHC" --units $CITY,$UMINH --every quarter --day 31
RID=$(jq -r .id "$T/out")
PERIOD="$YEAR-Q$(( ($(date +%-m) - 1) / 3 + 1 ))"
check "…starting with this quarter" test "$(jq -r .first_period "$T/out")" = "$PERIOD"
gen() { q "SELECT count(*) FROM tasks WHERE recurring_id=$RID"; }
for _ in $(seq 50); do [ "$(gen)" -ge 2 ] && break; sleep 0.1; done
check "the server generates one task per unit for the quarter" test "$(gen)" = 2
check "…for this period, assigned by the leader" \
  test "$(q "SELECT group_concat(DISTINCT period) || '|' || count(DISTINCT lead_unit) FROM tasks WHERE recurring_id=$RID")" = "$PERIOD|2"
check "…visible to the district" \
  test "$(cv dat.ct --json task list --mine | jq '[.tasks[] | select(.period=="'"$PERIOD"'")] | length')" = 1
restart
settle hung.lv
check "a restart in the middle of the period generates nothing more" test "$(gen)" = 2
restart "UPDATE recurring SET last_period='', next_at=0 WHERE id=$RID"   # a lost guard, as after a clock mix-up
settle hung.lv
check "…nor does a definition that forgot what it made (one per period and unit)" test "$(gen)" = 2
check "…which remembers the period again" test "$(q "SELECT last_period FROM recurring WHERE id=$RID")" = "$PERIOD"
restart "UPDATE recurring SET last_period='2099-Q4', next_at=0 WHERE id=$RID"  # the clock ran ahead, then was set back
settle hung.lv
check "a clock set back generates nothing" test "$(gen)" = 2
check "…and the last period never moves backwards" test "$(q "SELECT last_period FROM recurring WHERE id=$RID")" = 2099-Q4
check_rc "the recurring task is listed" 0 cv thanh.nv --json recurring list
check "…to the city, a unit it serves" test "$(jq '[.recurring[] | select(.id=='"$RID"')] | length' "$T/out")" = 1
check_rc "only its author's side may stop it" 77 cv thanh.nv recurring stop "$RID"
check_rc "the provincial leader stops it" 0 cv hung.lv recurring stop "$RID"
check "…stopped" test "$(q "SELECT active FROM recurring WHERE id=$RID")" = 0

# --- timers: due soon a working day before the deadline, overdue at it ---
T5=$(cv hung.lv --json task add --title "Báo cáo nhanh tình hình bão" --lead $CITY --deadline "$(day 9)" --priority urgent | jq -r .code)
ID5=$(q "SELECT id FROM tasks WHERE code='$T5'")
check "a task gets an overdue timer the second after its deadline" \
  test "$(q "SELECT count(*) FROM timers t JOIN tasks k ON k.id=t.object_id WHERE t.kind='task' AND k.id=$ID5 AND t.what='overdue' AND t.at=k.deadline+1 AND t.fired IS NULL")" = 1
check "…and a due-soon timer a working day (8 h) before it" \
  test "$(q "SELECT count(*) FROM timers t JOIN tasks k ON k.id=t.object_id WHERE k.id=$ID5 AND t.what='due_soon' AND t.at <= k.deadline - 8*3600")" = 1
T6=$(cv hung.lv --json task add --title "Cập nhật số liệu dân cư" --lead $CITY --person an.nv --deadline "$(day 9)" | jq -r .code)
ID6=$(q "SELECT id FROM tasks WHERE code='$T6'")
# as if time had passed: T5's deadline and T6's due-soon moment a few
# seconds away; the daemon's clock stands still until the watches listen
check "the daemon stops cleanly" stop_daemon
clock_set "$(date +%s)"
SOON=$((CLOCK + 5))
q "UPDATE tasks SET deadline=$SOON WHERE id=$ID5"
q "UPDATE timers SET at=$((SOON + 1)), due=$SOON WHERE kind='task' AND object_id=$ID5 AND what='overdue' AND fired IS NULL"
q "UPDATE timers SET at=$SOON WHERE kind='task' AND object_id=$ID6 AND what='due_soon' AND fired IS NULL"
start_daemon "$ENDPOINT" || { echo "daemon did not restart"; exit 1; }
watch_start thanh.nv "$T/w.lead"; WL=$WATCH
watch_start hung.lv "$T/w.asg"; WA=$WATCH
watch_start an.nv "$T/w.an"; WN=$WATCH
watch_start quang.tv "$T/w.q2"; WQ=$WATCH
clock_advance 6 # T6's due-soon moment and T5's overdue timer (a second after its deadline) pass
for _ in $(seq 100); do grep -q "\"notice\"" "$T/w.lead" && grep -q "\"notice\"" "$T/w.asg" && grep -q "\"notice\"" "$T/w.an" && break; sleep 0.1; done
check "the overdue notice reaches the lead unit's leader" grep -q "Nhiệm vụ $T5.*đã quá hạn" "$T/w.lead"
check "…and the assigner" grep -q "\"what\":\"overdue\"" "$T/w.asg"
check "…not a commune outside it" test "$(grep -c "$T5" "$T/w.q2")" = 0
check "…and is audited once" test "$(q "SELECT count(*) FROM audit WHERE action='task.timer' AND object='$T5'")" = 1
check "the due-soon notice reaches the lead person" grep -q "Nhiệm vụ $T6.*sắp đến hạn" "$T/w.an"
check "…but not the assigner (only overdue goes up)" test "$(grep '"notice"' "$T/w.asg" | grep -c "$T6")" = 0
# the notice and the card's change leave in the same batch, but are two lines of `watch`
for _ in $(seq 50); do grep -q "task.changed.*\"$T5\"" "$T/w.asg" && break; sleep 0.1; done
sleep 0.3 # …and a second change, were there one, would have come with them
check "the board marks the overdue task for the province at once, one event per change" \
  test "$(grep task.changed "$T/w.asg" | jq -s '[.[] | select(.body.code=="'"$T5"'")] | (length == 1 and .[0].body.card.overdue)')" = true
check "…its event says it was not overdue before (a board moves its count into an overdue filter)" \
  test "$(grep task.changed "$T/w.asg" | jq -s '[.[] | select(.body.code=="'"$T5"'")][0].body.was.overdue')" = false
kill $WL $WA $WN $WQ; wait $WL $WA $WN $WQ 2>/dev/null
restart
settle hung.lv
check "a fired timer does not fire again after a restart" \
  test "$(q "SELECT count(*) FROM audit WHERE action='task.timer' AND object='$T5'")" = 1
cv an.nv task act "$T5" done --note "Đã báo cáo" >/dev/null
check "reported done, the task has no pending timers" \
  test "$(q "SELECT count(*) FROM timers WHERE kind='task' AND object_id=$ID5 AND fired IS NULL")" = 0

# --- a recurring task's long title: its period added after whole letters ---
A249=$(printf 'a%.0s' $(seq 249))
check_rc "a recurring task whose title leaves no room for its period" 0 \
  cv hung.lv --json recurring add --title "${A249}ệ thêm" --units $CITY --every month --day 28
RL=$(jq -r .id "$T/out")
for _ in $(seq 50); do [ "$(q "SELECT count(*) FROM tasks WHERE recurring_id=$RL")" -ge 1 ] && break; sleep 0.1; done
check "…generates its task, the title cut before the letter that would not fit" \
  test "$(q "SELECT title FROM tasks WHERE recurring_id=$RL")" = "$A249 — tháng $(date +%m/%Y)"

check "audit chain intact" "$CONGVUD" admin "$DATA" audit verify
check "SIGTERM exits 0" stop_daemon
finish
