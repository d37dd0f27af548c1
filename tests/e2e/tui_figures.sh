#!/usr/bin/env bash
# Socio-economic figures through the full-screen UI against a real
# congvud: the provincial leader opens Số liệu KT-XH from the home screen
# and sees the demo province's last closed period sector by sector (this
# period, year to date, % of plan, change on last year, a 12-period
# sparkline in block characters) with bars comparing the districts; a
# commune revises a figure on the command line and the leader's screen
# shows the new provincial total without a key being pressed; Tab and
# Enter drill down to the city and on to a ward, keeping the sector;
# under TERM=linux the same screen is drawn in ASCII. 80x24 throughout.
# Usage: tests/e2e/tui_figures.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

P1=000.01.15.H12
STATUS_LEAD='^ hung\.lv · Ủy ban nhân dân tỉnh Cà Mau +Trực tuyến *$'
. "$(dirname "$0")/tui_figures_lib.sh"

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in lead lead2 ward wardtui city; do must "terminal $c is enrolled for the province" enroll $c $PROVINCE; done
must "the provincial leader is logged in" login lead hung.lv
must "…on a second terminal too" login lead2 hung.lv
must "a ward specialist of Phường 1 on a third (the command line)" login ward binh.nt
must "…and in the full-screen UI" login wardtui binh.nt
must "the city's leader (the command line)" login city thanh.nv
PERIOD=$(cv lead --json figures list --closed | jq -r .period)
total() { cv lead --json figures list --closed --sector nong-nghiep | jq -r '.figures[] | select(.code == "tom-san-luong") | .value'; }
BEFORE=$(total)
must "the demo has shrimp figures for the last closed period $PERIOD" test "$BEFORE" -gt 0

# --- the leader opens the figures ---
on lead
tui_start lead NO_COLOR=1
open_figures
check "the figures of the province, last closed period" wait_for "Kỳ $PERIOD ("
check "…the province in the title" grep -q "Ủy ban nhân dân tỉnh Cà Mau" <<<"$(screen | head -1)"
OVERDUE=$(cv lead --json task list --unit $PROVINCE --overdue | jq '.tasks | length')
check "…its overdue work beside them ($OVERDUE tasks), as the dashboard counts it" \
  grep -qE "trễ hạn: $OVERDUE nhiệm vụ, [0-9]+ hồ sơ" "$T/out"
check "→ to agriculture and aquaculture" sector "Nông nghiệp, thủy sản"
check "…shrimp output rolled up from the communes: $(grouped "$BEFORE")" \
  wait_re "^ Sản lượng tôm nuôi +$(grouped "$BEFORE") "
check "…with % of plan marked against the year gone, and a sparkline" \
  grep -qE "^ Sản lượng tôm nuôi .*[0-9]+[▲▼] +[-+][0-9]+,[0-9]% [▁▂▃▄▅▆▇█]{12}" "$T/out"
check "…bars comparing the districts below" grep -qE "^ UBND huyện U Minh +█+" "$T/out"
check "NO_COLOR: the figures at 80x24, status line whole" layout_ok "$STATUS_LEAD"

keys '['
check "[: the period before, the same sector" wait_re "^ Kỳ $(date -d "${PERIOD}-01 -1 month" +%Y-%m) \("
check "…its shrimp output" wait_re "^ Sản lượng tôm nuôi +[0-9.]+ "
keys ']'
check "]: back to $PERIOD" wait_for "Kỳ $PERIOD ("

# --- a ward revises a figure: the screen follows without a key ---
cv ward figures submit --period "$PERIOD" --final --value tom-san-luong=500 --note "Số liệu chính thức" >"$T/out"
AFTER=$(total)
check "the ward's revision changes the provincial total ($BEFORE → $AFTER)" test "$AFTER" != "$BEFORE"
check "…and the leader's screen shows it without a key pressed" wait_re "^ Sản lượng tôm nuôi +$(grouped "$AFTER") "

# --- drilling down, the sector kept ---
keys Down
check "↓ shrimp output: the bars compare it" wait_for "Các đơn vị trực thuộc — Sản lượng tôm nuôi (tấn)"
keys Tab
check "Tab: the bars, the city first" wait_re "^ UBND thành phố Cà M"
keys Enter
check "Enter: the city's figures, its wards as bars" wait_re "^ UBND Phường 1, thàn"
check "…in the same sector" grep -q "Nông nghiệp, thủy sản" "$T/out"
check "…the city in the title" grep -q "› Ủy ban nhân dân thành phố" <<<"$(screen | head -1)"
keys Down Tab Enter
check "…and on to Phường 1, with its own report's state" wait_re "Cấp trên đã tiếp nhận|Đã gửi, chờ cấp trên"
check "…and its revised figure" wait_re "^ Sản lượng tôm nuôi +500 "
check "the ward's screen fits 80x24" layout_ok "$STATUS_LEAD"
keys Escape Escape
check "Esc, Esc: back up to the province" wait_re "congvu › Trang chính › Ủy ban nhân dân tỉnh Cà Mau *$"

# --- TERM=linux: ASCII ---
on lead2
tui_start lead2 TERM=linux
open_figures
check "TERM=linux: the figures" wait_for "Kỳ $PERIOD ("
sector "Nông nghiệp, thủy sản"
check "…sparklines in ASCII" wait_re "^ Sản lượng tôm nuôi .* [_.:=+*#-]{12} *$"
check "…bars in ASCII" grep -qE "^ UBND huyện U Minh +#+" "$T/out"
check "…and no block character anywhere" fails grep -q "[▁▂▃▄▅▆▇█▏▎▍▌▋▊▉◀▶▲▼]" "$T/out"
check "TERM=linux: 80x24, status line whole" layout_ok "$STATUS_LEAD"
keys F10
check "the UI exits cleanly" test "$(tui_exit_status)" = 0

# --- returned: the ward corrects its figures in the form ---
must "the city returns Phường 1's figures" cv city figures return $P1 --period "$PERIOD" --note "Kiểm tra lại sản lượng cua"
on wardtui
tui_start wardtui NO_COLOR=1
open_figures 0
check "the ward's figures, its report returned to draft" wait_for "Đang nhập số liệu"
sector "Nông nghiệp, thủy sản"
keys n
check "n: the form of the sector's figures the ward gives itself" wait_for "Số liệu kỳ $PERIOD của Ủy ban nhân dân Phường 1"
check "…the period before and last year beside each, prefilled" \
  wait_re "^ +[0-9.]+ \| [0-9.]+ · Sản lượng tôm nuô.* 500 *$"
check "the form fits 80x24" layout_ok '^ binh\.nt · Ủy ban nhân dân Phường 1'
keys C-u
type_text "1.5x"
keys Tab
check "a value that is not a number is flagged as the field is left" wait_re "^ *! "
keys BTab C-u
type_text "151"
keys F2
check "F2: submitted, the new figure kept as a revision" wait_for "Đã gửi số liệu kỳ $PERIOD"
check "…on the server, the ward's report waits for the city" \
  test "$(cv ward --json figures list --period "$PERIOD" | jq -r .submission.state)" = submitted
check "…with the corrected figure in force" \
  test "$(cv ward --json figures show thuy-san-san-luong --period "$PERIOD" | jq -r '.revisions[-1].value')" = 151
keys F10
check "the UI exits cleanly" test "$(tui_exit_status)" = 0

# --- the city accepts it from its own screen ---
on city
tui_start city NO_COLOR=1
open_figures
check "the city's leader: the city's figures" wait_for "Kỳ $PERIOD ("
sector "Nông nghiệp, thủy sản"
keys Tab
check "Tab: the wards below, Phường 1 waiting to be accepted" wait_re "^ UBND Phường 1, thàn.* chờ nhận *$"
keys a
check "a: the acceptance, for Phường 1" wait_for "Tiếp nhận số liệu kỳ $PERIOD của"
keys F2
check "F2: accepted, and the bars say so at once" wait_re "^ UBND Phường 1, thàn.* đã nhận *$"
check "…as the server does" \
  test "$(cv ward --json figures list --period "$PERIOD" | jq -r .submission.state)" = accepted
keys Down a
check "a on a ward that sent nothing is refused, saying why" wait_re "chưa gửi số liệu kỳ này"
check "the city's screen fits 80x24" layout_ok '^ thanh\.nv · Ủy ban nhân dân thành phố Cà Mau'
keys F10
check "the UI exits cleanly" test "$(tui_exit_status)" = 0
check "no sanitizer reports" no_sanitizer_reports
finish
