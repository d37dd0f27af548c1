#!/usr/bin/env bash
# Tasks through the full-screen UI against a real congvud, three officials
# at once: the provincial leader (NO_COLOR) assigns a task to the U Minh
# district through the TUI form; the provincial supervisor's board
# (TERM=linux), in a second tmux window, shows it without a key being
# pressed; the district (a third client, on the command line) starts it
# and reports progress, and the leader's board follows card by card,
# sending the terminal a few bytes rather than a screen; the supervisor has
# no action keys; a board whose client missed changes while the daemon
# restarted resynchronises and shows each task once; a thread longer than
# a page shows its newest comments, o the older ones, which stay as new
# ones come; acting on a stale view is a conflict; the summary's row of a
# district opens that district's board, whose long column comes a screen
# at a time, and Esc comes back up;
# the dashboard's lines open the lists behind them. Both screens stay whole
# at 80x24.
# Usage: tests/e2e/tui_board.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

UMINH=000.00.16.H12
TITLE="Tổng kiểm tra số hóa hồ sơ lưu trữ năm $(date +%Y)"
STATUS_LEAD='^ hung\.lv · Ủy ban nhân dân tỉnh Cà Mau +Trực tuyến *$'
STATUS_SUP='^ thao\.ntp · Ủy ban nhân dân tỉnh Cà Mau +Trực tuyến *$'

hint_line() { screen | tail -2 | head -1; }
# the process of the UI in session $TS (the pane runs bash, which runs congvu)
ui_pid() { pgrep -P "$(tmux -L "$SOCK" list-panes -t "$TS" -F '#{pane_pid}')" -x congvu; }
# bytes the UI in session $TS writes to its terminal while CMD runs and
# the card of $CODE settles to match RE
bytes_while() {
  local re=$1 f=$T/bytes.$RANDOM
  shift
  : >"$f"
  tmux -L "$SOCK" pipe-pane -t "$TS" "cat >>$f"
  "$@" >/dev/null
  eventually card_has "$re" || true
  sleep 0.5 # let the last of it reach the pipe (not a timing assertion)
  tmux -L "$SOCK" pipe-pane -t "$TS"
  wc -c <"$f"
}
occurrences() { screen | grep -cF -- "$1" || true; }
# column_count STATE_NAME — the count in the heading of the column shown
column_count() { screen | sed -nE "s/^ $1 — ([0-9]+) nhiệm vụ.*/\1/p"; }
# select_card CODE — move the selection of the board's column to CODE's card
select_card() {
  local i k
  i=$(screen | grep -E '^ [ !] NV-[0-9]{4}-[0-9]{4} ' | awk '{print ($1 == "!") ? $2 : $1}' | grep -nxF "$1" | cut -d: -f1)
  [ -n "$i" ] || return 1
  keys Home
  for ((k = 1; k < i; k++)); do keys Down; done
}
# card_has RE — the second line of the card of $CODE matches RE
card_has() { screen | grep -A1 -F "$CODE  " | tail -1 | grep -qE -- "$1"; }

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in lead sup dist; do must "terminal $c is enrolled for the province" enroll $c $PROVINCE; done
must "the provincial leader is logged in" login lead hung.lv
must "the provincial supervisor on another terminal" login sup thao.ntp
must "the U Minh district leader on a third (the command line)" login dist dat.ct

# --- the supervisor opens the board and waits ---
on sup
tui_start sup TERM=linux
check "supervisor: the home screen is a dashboard" wait_for "Việc cần chú ý"
OPEN=$(cv sup --json board | jq .total.open)
check "…the open tasks of the subtree, counted" wait_re "Nhiệm vụ đang mở của đơn vị và cấp dưới +$OPEN *\$"
check "…dossiers due today and overdue" grep -qE "Hồ sơ quá hạn của đơn vị và cấp dưới +[0-9]+" "$T/out"
check "…and the modules below it" grep -q "Bảng theo dõi nhiệm vụ" "$T/out"
keys Enter
check "the first line opens the board behind it" wait_re "^ Mới giao — [0-9]+ nhiệm vụ"
NEW=$(column_count "Mới giao")
check "…a tab per state with its count, and the summary" grep -qE "Mới giao $NEW .*Tổng hợp" "$T/out"
check "TERM=linux: the board at 80x24, status line whole" layout_ok "$STATUS_SUP"
check "the supervisor's board offers no action key" fails grep -q "Giao việc" <<<"$(hint_line)"
keys g
check "…and g assigns nothing" fails wait_for "chọn đơn vị chủ trì" 1

# --- the leader assigns a task to the district through the form ---
on lead
tui_start lead NO_COLOR=1
check "leader: the dashboard" wait_for "Nhiệm vụ chờ tôi xử lý"
# the board: below the dashboard's 7 lines (tasks, dossiers, documents), past the register (form 07) too
keys Down Down Down Down Down Down Down Down Down Down Down Down Enter
check "leader: the board" wait_for "Mới giao — $NEW nhiệm vụ"
check "…with the assign key" grep -q "g Giao việc" <<<"$(hint_line)"
keys g
check "g: first the lead unit" wait_for "Giao nhiệm vụ: chọn đơn vị chủ trì"
check "…from the units in scope" wait_for "Ủy ban nhân dân huyện U Minh"
for _ in $(seq 10); do keys Down; done
keys Enter
# pickers: the lead person by name, with the role beside, not a username
check "then its lead person, by name" wait_for "Cán bộ chủ trì của UBND huyện U Minh"
check "…U Minh's people with their roles" wait_re "Châu Thành Đạt +Lãnh đạo"
check "…no usernames to type" fails grep -q "dat\.ct\|tên đăng nhập" "$T/out"
check "NO_COLOR: the person picker at 80x24, status line whole" layout_ok "$STATUS_LEAD"
keys Enter # the first row: none, the unit's leader assigns
check "then the co-operating units, several by name" wait_for "Đơn vị phối hợp: Space đánh dấu"
COOP=$(cv lead --json unit list --scope | jq -r '.units[2].code')
keys Down Down Space
check "…Space marks one" wait_re "^ *\[x\] "
keys Enter
check "then the form, for U Minh" wait_for "Giao nhiệm vụ cho UBND huyện U Minh"
check "…naming the co-operating unit" on_screen "Phối hợp:"
check "…which asks no username" fails grep -q "tên đăng nhập" "$T/out"
check "…its required fields starred" grep -q "Hạn hoàn thành \*" "$T/out"
check "NO_COLOR: the form at 80x24, status line whole" layout_ok "$STATUS_LEAD"
keys F2
check "sending it empty: the message under the field" wait_for "! Bắt buộc nhập."
MINE=$(cv lead --json task list --assigned | jq '.tasks | length')
check "…and nothing was assigned" test "$(cv lead --json task list --assigned | jq '.tasks | length')" = "$MINE"
type_text "$TITLE"
keys Tab
type_text "31/02/$(date +%Y)"
keys Tab
check "no 31 February" wait_for "! Ngày không hợp lệ"
keys BTab C-u
type_text "$(date -d '+12 days' +%d/%m/%Y)"
keys Tab Right Tab
type_text "Báo cáo kết quả bằng văn bản"
keys F2
check "sent: the code of the new task" wait_for "Đã giao nhiệm vụ NV-"
CODE=$(grep -oE "Đã giao nhiệm vụ NV-[0-9]{4}-[0-9]{4}" "$T/out" | grep -oE "NV-.*" || true)
check "…in the yearly numbering" grep -qE "^NV-$(date +%Y)-[0-9]{4}\$" <<<"$CODE"
check "…stored for U Minh, high priority, by the leader" \
  test "$(cv lead --json task show "$CODE" | jq -r '[.lead_unit, .priority, .assigner] | join(" ")')" = "$UMINH high hung.lv"
check "…with the unit marked co-operating" test "$(cv lead --json task show "$CODE" | jq -r '[.coop[].code] | join(" ")')" = "$COOP"
check "the leader's board shows the card" wait_for "$CODE  $TITLE"
check "…with the lead, deadline and remaining time" card_has "UBND huyện U Minh +hạn [0-9/]{10} · còn .* · 0%"
check "…under its column's new count" grep -q "Mới giao — $((NEW + 1)) nhiệm vụ" "$T/out"

# --- the supervisor's board, untouched, shows it ---
on sup
check "supervisor: the new task appears without a key press" wait_for "$TITLE" 5
check "…in its column, counted" wait_for "Mới giao — $((NEW + 1)) nhiệm vụ"
check "…once" test "$(occurrences "$CODE  $TITLE")" = 1
check "TERM=linux: still whole at 80x24" layout_ok "$STATUS_SUP"

# --- the district starts and reports progress; the leader's board follows ---
on lead
check "the district starts it (command line)" cv dist task act "$CODE" start
check "leader: the card leaves the new column by itself" wait_for "Mới giao — $NEW nhiệm vụ"
check "…gone from it" fails grep -qF "$CODE  " "$T/out"
keys Right
check "→ the in-progress column: the card" wait_for "$CODE  $TITLE"
check "…at 0%" card_has "còn .* · 0%"
RUNNING=$(column_count "Đang thực hiện")
UPDATE=$(bytes_while "· 40%" cv dist task report "$CODE" --percent 40 --note "Đã kiểm tra 4/7 xã, thị trấn")
check "the district's progress report shows on the leader's board without a key" card_has "· 40%"
check "…the card updated in place, still once" test "$(occurrences "$CODE  $TITLE")" = 1
FULL=$(bytes_while "· 40%" keys C-l)
check "…redrawing only what changed: $UPDATE bytes, against $FULL for the whole screen" \
  test "$UPDATE" -gt 0 -a "$((UPDATE * 4))" -lt "$FULL"
check "NO_COLOR: the leader's board whole at 80x24" layout_ok "$STATUS_LEAD"

# --- the supervisor opens the task: it only watches ---
on sup
keys Right
check "supervisor: the in-progress column" wait_for "$CODE  $TITLE"
check "…the progress there too" card_has "· 40%"
check "…select it" select_card "$CODE"
keys Enter
check "the task view: header and progress" wait_for "Tiến độ:       [########............] 40%"
keys End
check "…scrolled, the history with the district's report" wait_for "Châu Thành Đạt — Báo cáo tiến độ"
check "…and why nothing may be done" grep -q "Vai trò giám sát: chỉ theo dõi" "$T/out"
check "…no action keys offered" fails grep -qE "a Thao tác|c Ý kiến|s Việc con" <<<"$(hint_line)"
keys a
check "…and a does nothing" fails wait_for "Thao tác trên nhiệm vụ" 1
check "TERM=linux: the view at 80x24" layout_ok "$STATUS_SUP"
keys q
check "back to the board" wait_for "Đang thực hiện — $RUNNING nhiệm vụ"

# --- the leader acts in the view: a directive through the comment form ---
on lead
check "leader: the card selected" select_card "$CODE"
keys Enter
check "leader: the task view" wait_for "Thao tác được phép (phím a): Hủy nhiệm vụ"
keys c
check "c: the comment form, which a leader may mark a directive" wait_for "Loại *"
type_text "Ưu tiên kiểm tra bộ phận một cửa"
keys Tab Right F2
check "…stored as one" test "$(cv lead --json task show "$CODE" | jq -r '.thread[0].kind')" = directive
thread_shown() { keys End; wait_for "Lê Văn Hùng — Chỉ đạo" 1; }
check "…the thread at the end of the page shows it as a directive" eventually thread_shown

# --- a long thread: the newest page, the older comments on o ---
keys q
for i in $(seq 21); do cv dist task comment "$CODE" --text "Trao đổi số $i của huyện" >/dev/null; done
check "back on the board" wait_for "$CODE  $TITLE"
check "…the card selected again" select_card "$CODE"
keys Enter
# scroll_up_to TEXT — PgUp from the end of the page until TEXT is on the screen
scroll_up_to() {
  keys End
  for _ in $(seq 12); do poll 1 on_screen "$1" && return 0; keys PgUp; done
  return 1
}
newest_shown() { keys End; wait_for "Trao đổi số 21 của huyện" 1; }
check "21 comments later the view shows the newest" eventually newest_shown
check "…o offered on the hint line" grep -qF "o Ý kiến cũ hơn" <<<"$(hint_line)"
check "…above the newest 20, the two older ones counted, not shown" scroll_up_to "… 2 ý kiến cũ hơn chưa hiện (phím o: xem)"
check "…the directive not shown yet" off_screen "Lê Văn Hùng — Chỉ đạo"
keys o
check "o: the older comments, the directive first" wait_for "Lê Văn Hùng — Chỉ đạo"
check "…nothing left out any more" off_screen "ý kiến cũ hơn chưa hiện"
cv dist task comment "$CODE" --text "Trao đổi số 22 của huyện" >/dev/null
latest_shown() { keys End; wait_for "Trao đổi số 22 của huyện" 1; }
check "a new comment shows by itself" eventually latest_shown
check "…and the older comments stay" scroll_up_to "Lê Văn Hùng — Chỉ đạo"
check "…still nothing left out" off_screen "ý kiến cũ hơn chưa hiện"
keys o
check "o once more: the first comment is shown" wait_for "Đã hiện mọi ý kiến, từ ý kiến đầu tiên."
keys q
check "back to the board" wait_for "$CODE  $TITLE"

# --- a board that missed changes resynchronises after a reconnect ---
on sup
REPORTED=$(cv sup --json board | jq '.columns[] | select(.state == "reported") | .count')
SUP_PID=$(ui_pid)
check "the supervisor's terminal is found" test -n "$SUP_PID"
kill -STOP "$SUP_PID"   # it hears nothing from here on
check "the daemon stops" stop_daemon
must "…and starts again on the same endpoint" start_daemon "$ENDPOINT"
check "meanwhile the district reports the task done" cv dist task act "$CODE" done --note "Đã hoàn thành kiểm tra"
kill -CONT "$SUP_PID"
check "the supervisor's board is back online" wait_status "Trực tuyến"
check "…and shows what it missed: the card left the column" wait_for "Đang thực hiện — $((RUNNING - 1)) nhiệm vụ"
check "…counted where it went" wait_re "Đã b[^0-9]* $((REPORTED + 1)) "
keys Right Right
check "→ reported done: the card" wait_for "Đã báo cáo hoàn thành — $((REPORTED + 1)) nhiệm vụ"
check "…there" wait_for "$CODE  $TITLE"
check "…shown once" test "$(occurrences "$CODE  $TITLE")" = 1
check "…100%, waiting for acceptance" card_has "chờ nghiệm thu · 100%"
check "TERM=linux: whole at 80x24 after the reconnect" layout_ok "$STATUS_SUP"
keys t
check "t: the summary per unit" wait_for "Tổng hợp theo đơn vị chủ trì"
OPEN_UM=$(cv sup --json board | jq '.summary[] | select(.unit == "'$UMINH'") | .open')
check "…U Minh's open tasks as the server counts them (asked for as the tab opens)" wait_re "UBND huyện U Minh +$OPEN_UM "
check "…the province's own row and its direct children, not their communes" fails grep -q "Phường 5" "$T/out"
# --- drill down: a child's row opens its board (one screen of cards at a time); Esc comes back up ---
for i in $(seq 12); do
  cv lead task add --title "Rà soát thủ tục hành chính đợt $i" --lead $UMINH --deadline "$(date -d "+$((20 + i)) days" +%F)" >/dev/null
done
UM_ROW=$(cv sup --json board | jq '[.summary[].unit] | index("'$UMINH'")')
keys Home
for ((k = 0; k < UM_ROW; k++)); do keys Down; done
keys Enter
check "Enter on U Minh's row: U Minh's board" wait_for "UBND huyện U Minh và cấp dưới"
check "…named by its unit where the user is" grep -q "Bảng theo dõi nhiệm vụ › Ủy ban nhân dân huyện U Minh" "$T/out"
UM_NEW=$(cv sup --json board --unit $UMINH --per-column 0 --cards-only | jq '.columns[] | select(.state == "assigned") | .count')
check "…its new tasks counted as the server counts them ($UM_NEW)" wait_for "Mới giao — $UM_NEW nhiệm vụ"
check "…one screen of their cards loaded" grep -qE "Mới giao — $UM_NEW nhiệm vụ.* \(hiện [0-9]+\)" "$T/out"
check "TERM=linux: the child's board at 80x24" layout_ok "$STATUS_SUP"
LAST=$(cv sup --json board --unit $UMINH --state assigned --per-column 400 --cards-only |
  jq -r '.columns[] | select(.state == "assigned") | .cards[-1].code')
keys End
check "End: the cards past the first screen are fetched" wait_gone "(hiện "
keys End
check "…and End again reaches the last one ($LAST)" wait_for "$LAST  "
check "…shown once" test "$(occurrences "$LAST  ")" = 1
keys Escape
check "Esc: back up to the province's summary" wait_for "Tổng hợp theo đơn vị chủ trì"
check "…the province's board" wait_re "^ UBND tỉnh Cà Mau và cấp dưới"

# --- the filters: each key's chooser sets its own filter; they add up ---
keys d
check "d: the priority chooser" wait_for "Lọc theo độ ưu tiên"
keys Down Down Enter # after "(Mọi độ ưu tiên)" and "Thường"
check "…sets the priority filter" wait_for "Lọc: Quan trọng · c: bỏ lọc"
HIGH=$(cv sup --json board --priority high | jq .total.open)
check "…the summary counts the high-priority tasks ($HIGH)" wait_re "^ +Toàn bộ +$HIGH "
keys n
check "n: the source chooser" wait_for "Lọc theo nguồn"
keys Down Down Down Enter # after "(Mọi nguồn)", "Chỉ đạo", "Kết luận cuộc họp"
check "…adds the source filter, keeping the priority" wait_for "Lọc: Quan trọng · nguồn Văn bản · c: bỏ lọc"
BOTH=$(cv sup --json board --priority high --source document | jq .total.open)
check "…counted as the server counts both ($BOTH)" wait_re "^ +Toàn bộ +$BOTH "
keys c
check "c: no filters" wait_for "Lọc: u đơn vị · p cán bộ"
LEADER=$(cv sup --json board | jq -r '[.columns[].cards[] | select((.lead_user // "") != "") | .lead_name][0]')
keys p
check "p: the chooser of the officials leading a task" wait_for "Lọc theo cán bộ chủ trì"
keys Down Enter
check "…filters by the one chosen ($LEADER)" wait_for "Lọc: cán bộ $LEADER · c: bỏ lọc"
UNIT2=$(cv sup --json unit list | jq -r '.units[1].name' | sed 's/Ủy ban nhân dân/UBND/')
keys u
check "u: the unit chooser" wait_for "Bảng của đơn vị"
keys Down Down Enter
unit_board() { screen >"$T/out" && head -3 "$T/out" | grep -qF "$UNIT2 và cấp dưới" && grep -qF "Lọc: cán bộ $LEADER" "$T/out"; }
check "…the board of the unit chosen ($UNIT2), the person filter kept" eventually unit_board
keys c
check "c: all filters off" wait_for "Lọc: u đơn vị · p cán bộ"

# --- acting on a stale view is a conflict, not a second step ---
on lead
keys Right Right
check "leader: the reported column, followed live" wait_for "$CODE  $TITLE"
check "…the card selected" select_card "$CODE"
keys Enter
check "the view offers acceptance" wait_for "Thao tác được phép (phím a): Nghiệm thu, đóng nhiệm vụ"
keys a Enter
check "…and asks before accepting" wait_for "Nghiệm thu, đóng nhiệm vụ — nhiệm vụ $CODE?"
check "…while on the command line the same leader returns it first" \
  cv lead task act "$CODE" return --note "Bổ sung biên bản kiểm tra"
check "…the view under the question follows" wait_for "Trạng thái:    Đang thực hiện"
keys y
check "yes: a conflict, said in Vietnamese with the task's new state" \
  wait_for "Dữ liệu vừa được người khác thay đổi, hãy thử lại: Nhiệm vụ vừa chuyển sang"
check "…and the task was not accepted" \
  test "$(cv lead --json task show "$CODE" | jq -r '.state + " " + ([.history[].action] | index("accept") | tostring)')" = "in_progress null"

# --- the dashboard: each line opens the list behind it ---
T2=$(cv lead --json task add --title "Tổng hợp ý kiến cử tri" --lead $UMINH --deadline "$(date -d '+3 days' +%F)" | jq -r .code)
sqlite3 "$DATA/congvu.db" "UPDATE tasks SET deadline = strftime('%s', 'now') - 86400 WHERE code = '$T2'"
LATE=$(cv lead --json task list --unit $PROVINCE --overdue | jq '.tasks | length')
on lead
tui_start lead NO_COLOR=1
check "leader: the overdue tasks of the subtree ($LATE)" wait_re "Nhiệm vụ quá hạn của đơn vị và cấp dưới +$LATE *\$"
keys Down Enter
check "…opens the overdue list of the unit" wait_for "m: Nhiệm vụ của đơn vị (cả cấp dưới) — $LATE nhiệm vụ"
check "…that task, marked" grep -qE "^ ! $T2 " "$T/out"
check "NO_COLOR: the task list at 80x24" layout_ok "$STATUS_LEAD"
keys q Down Enter
check "the dossiers due today open the queue so filtered" wait_for "o: chỉ hồ sơ đến hạn hôm nay"

keys F10
check "F10 quits the leader's UI with status 0" test "$(tui_exit_status)" = 0
on sup
keys F10
check "…and the supervisor's" test "$(tui_exit_status)" = 0
check "no sanitizer reports from the UIs" no_sanitizer_reports
finish
