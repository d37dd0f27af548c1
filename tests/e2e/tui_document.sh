#!/usr/bin/env bash
# Incoming documents through the full-screen UI against a real congvud:
# the provincial leader (NO_COLOR) opens "Văn bản đến" from home, on the
# queue waiting for his directive; the office's clerk, on a second
# terminal (TERM=linux), opens the same screen, n: the registration form
# the server's definitions generate, and registers a Hỏa tốc document; the
# leader's screen shows it, marked, without a key being pressed; b on it:
# the directive's short form, Sở Nội vụ leads; the leader of Sở Nội vụ,
# watching his unit's board on a third terminal, sees the task appear,
# and g in his unit's documents names Ngọc its handler.
# The clerk enters the same document again: the duplicate warning is asked,
# and a yes registers it anyway. Every screen stays whole at 80x24.
# Usage: tests/e2e/tui_document.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

STATUS_LEAD='^ hung\.lv · Ủy ban nhân dân tỉnh Cà Mau +Trực tuyến *$'
SNV=000.00.02.H12
NUMBER="15/CĐ-TTg"
SENDER="Văn phòng Chính phủ"
SUMMARY="Về việc ứng phó bão số 15 trên địa bàn tỉnh"
DEADLINE=$(date -d "+10 days" +%F)

# selected TEXT — the selected row (reverse video, bold or not) holds TEXT
selected() { screen -e | grep -F -- "$1" | grep -qE $'\e\\[([0-9]+;)*7m'; }
# select_doc CODE TEXT — move the selection of the leader's queue waiting
# for a directive to the row of document CODE (its place in the server's
# list), which shows TEXT
select_doc() {
  local i k
  i=$(cv lead --json document list --queue directive | jq --arg c "$1" '[.documents[].code] | index($c)')
  [ "$i" != null ] || return 1
  keys Home
  for ((k = 0; k < i; k++)); do keys Down; done
  poll 5 selected "$2"
}
# fill_register — the registration form, filled: the province's register
# (its second agency), sender, number, today's date, Công văn, the
# summary, Hỏa tốc (the last urgency); Enter through the last fields sends
# it (under TERM=linux in tmux the function keys do not arrive)
fill_register() {
  keys Right Tab
  type_text "$SENDER"; keys Tab
  type_text "$NUMBER"; keys Tab Tab
  keys Right Tab
  type_text "$SUMMARY"; keys Tab
  keys Left Enter Enter Enter Enter
}

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in lead clerk unit; do must "terminal $c is enrolled for the province" enroll $c $PROVINCE; done
must "the provincial leader is logged in" login lead hung.lv
must "the office's clerk on another terminal" login clerk minh.pq
must "the leader of Sở Nội vụ on a third" login unit tuan.ha

on lead
tui_start lead NO_COLOR=1
check "leader: the dashboard" wait_for "Văn bản đến"
open_item "Văn bản đến"
check "Enter opens the queue waiting for my directive" wait_for "Văn bản chờ tôi bút phê"
N=$(cv lead --json document list --queue directive | jq '.documents | length')
# the title is drawn at once, the rows when the list's reply comes: wait for them
check "…counting the demo's documents waiting" wait_for "— $N văn bản"
check "NO_COLOR: the list at 80x24, status line whole" layout_ok "$STATUS_LEAD"

on unit
tui_start unit NO_COLOR=1
check "Sở Nội vụ's leader: the dashboard" wait_for "Bảng theo dõi nhiệm vụ"
open_item "Bảng theo dõi nhiệm vụ"
check "…he opens his unit's board" wait_re "^ Mới giao — [0-9]+ nhiệm vụ"

on clerk
tui_start clerk TERM=linux NO_COLOR=1
check "clerk: the home screen" wait_for "Văn bản đến"
open_item "Văn bản đến"
check "the clerk opens the register" wait_for "Sổ văn bản đến"
keys n
check "n: the registration form the server's definitions make" wait_for "Số trang"
check "…its fields, the agency prefilled with the clerk's office" wait_for "Văn phòng Ủy ban nhân dân tỉnh"
check "…the form at 80x24" layout_ok '^ minh\.pq · .*Trực tuyến *$'
fill_register
check "the form registers it and says its arrival number" wait_re "Đã vào sổ: số đến [0-9]+, VBD-"
CODE=$(grep -oE "VBD-[0-9]{4}-[0-9]{5}" "$T/out" | head -1)

on lead
check "the clerk's urgent document appears on the leader's screen without a key press" wait_for "$NUMBER"
check "…marked Hỏa tốc" grep -qF "Hỏa tốc" "$T/out"
check "…counted" grep -qF "— $((N + 1)) văn bản" "$T/out"
check "…registered into the province's register, as chosen" \
  test "$(cv lead --json document show "$CODE" | jq -r '[.agency, .urgency, .type] | join("|")')" = "$PROVINCE|hoa_toc|cong_van"
must "the leader selects it" select_doc "$CODE" "$NUMBER"
keys Enter
check "Enter shows it" wait_for "Nơi gửi: $SENDER"
keys Escape
keys b
# pickers: the lead unit among those in scope, then its person, by name
check "b: first the lead unit, by name" wait_for "Bút phê: chọn đơn vị chủ trì"
check "…Sở Nội vụ among the units in scope" wait_for "Sở Nội vụ"
AT=$(cv lead --json unit list --scope | jq --arg c "$SNV" '[.units[].code] | index($c)')
for _ in $(seq "$AT"); do keys Down; done
keys Enter
check "…then its lead person by name" wait_for "Cán bộ chủ trì của Sở Nội vụ"
check "…with roles, no usernames" wait_re "Võ Thị Bích Ngọc +Chuyên viên"
keys Enter # none: the department's leader assigns
check "…then the co-operating units" wait_for "Đơn vị phối hợp: Space đánh dấu"
keys Enter # none
check "b: the directive's short form" wait_for "Bút phê — $NUMBER"
check "…naming the lead, no code to type" on_screen "Chủ trì: Sở Nội vụ"
check "…at 80x24" layout_ok "$STATUS_LEAD"
type_text "$DEADLINE"; keys Tab
type_text "Sở Nội vụ chủ trì, báo cáo trước hạn"
keys F2
check "the directive is sent" wait_for "Đã bút phê $CODE"
check "…and the document leaves the queue waiting for a directive" wait_gone "$NUMBER"
TK=$(cv lead --json document show "$CODE" | jq -r '.task.code')
check "…a task on the board, led by Sở Nội vụ" \
  test "$(cv lead --json task show "$TK" | jq -r '[.lead_unit, .source, .source_ref] | join("|")')" = "$SNV|document|$CODE"

on unit
check "Sở Nội vụ's board shows the task without a key press" wait_for "$TK"
keys Escape
check "…back home" wait_for "Văn bản đến"
open_item "Văn bản đến"
check "…his documents" wait_for "Văn bản chờ tôi bút phê"
keys m
check "m: the documents assigned to his unit, this one among them" wait_for "$NUMBER"
keys g
check "g: the handler chosen by name" wait_for "Giao cán bộ xử lý: chọn theo tên"
check "…Ngọc among the department's people" wait_re "Võ Thị Bích Ngọc +Chuyên viên"
AT=$(cv unit --json user people --unit "$SNV" | jq '[.people[].username] | index("ngoc.vtb")')
for _ in $(seq "$AT"); do keys Down; done
keys Enter
check "g: the form naming the handler" wait_for "Giao cán bộ xử lý — $NUMBER"
keys F2
check "…he names Ngọc" wait_for "Đã giao $CODE cho Võ Thị Bích Ngọc"
check "…who leads the document's task now" test "$(cv lead --json task show "$TK" | jq -r .lead_user)" = ngoc.vtb

on clerk
keys n
check "the clerk enters the same document again" wait_for "Số trang"  # the fields came
fill_register
check "…the duplicate warning is asked" wait_for "Có thể trùng văn bản đã vào sổ"
check "…naming the one registered" grep -qF "$CODE" "$T/out"
check "…at 80x24" layout_ok '^ minh\.pq · .*Trực tuyến *$'
keys y
check "a yes registers it anyway" wait_re "Đã vào sổ: số đến [0-9]+, VBD-"
check "…two of that number in the register now" \
  test "$(cv clerk --json document search "$NUMBER" | jq '[.documents[] | select(.number == "'"$NUMBER"'")] | length')" = 2

# / searches the documents without diacritics; Enter on the same words opens one
keys /
check "/: the documents' search" wait_for "Tìm văn bản đến"
type_text "ung pho bao so 15"
keys Enter
check "…both registrations of the storm's document found" wait_for "Tìm thấy 2 văn bản"
check "…in the list's columns" wait_for "$NUMBER"
check "…at 80x24" layout_ok '^ minh\.pq · .*Trực tuyến *$'
keys Enter
check "Enter on the same words: the document" wait_for "$SUMMARY"
keys Escape
check "…back to the results" wait_for "Tìm thấy 2 văn bản"
keys Escape
check "…and to the register" wait_for "Số đến"

for s in lead unit; do
  on $s
  keys F10
  check "$s: F10 quits with status 0" test "$(tui_exit_status)" = 0
done
on clerk
keys q
check "clerk: q goes home" wait_for "Văn bản đến"
keys q
check "…where q asks before quitting" wait_for "Thoát chương trình?"
keys y
check "…and y quits with status 0" test "$(tui_exit_status)" = 0
check "no sanitizer reports" no_sanitizer_reports
finish
