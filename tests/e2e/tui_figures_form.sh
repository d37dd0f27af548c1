#!/usr/bin/env bash
# The figures entry form's running totals through the full-screen UI
# against a real congvud: a ward specialist opens the form of its
# agriculture and aquaculture figures; above the fields the sum of its
# additive figures in tonnes (the sum-rolled ones) as prefilled, counted
# by hand from figures.list; typing a new figure changes the total before
# anything is sent, a field that is not a number is counted as such, a
# total typed below its parts (components) is flagged, and the form still
# fits 80x24.
# Usage: tests/e2e/tui_figures_form.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

. "$(dirname "$0")/tui_figures_lib.sh"

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in ward wardtui; do must "terminal $c is enrolled for the province" enroll $c $PROVINCE; done
must "a ward specialist of Phường 1 on the command line" login ward binh.nt
must "…and in the full-screen UI" login wardtui binh.nt
PERIOD=$(cv ward --json figures list --closed | jq -r .period)
cv ward --json figures list --closed --sector nong-nghiep >"$T/list.json"
# the form's tonnes: the sum-rolled figures the ward gives itself, prefilled
SUM=$(jq '[.figures[] | select(.reports and .own and .rollup == "sum" and .uom == "tấn") | .value] | add | round' "$T/list.json")
N=$(jq '[.figures[] | select(.reports and .own and .rollup == "sum" and .uom == "tấn")] | length' "$T/list.json")
FIRST=$(jq '[.figures[] | select(.reports)][0] | select(.rollup == "sum" and .uom == "tấn" and .own) | .value | round' "$T/list.json")
must "the demo ward gives two or more figures in tonnes, the first field among them ($N, $SUM)" \
  test "$N" -ge 2 -a -n "$FIRST"

on wardtui
tui_start wardtui NO_COLOR=1
open_figures 0
check "the ward's figures" wait_for "Kỳ $PERIOD ("
sector "Nông nghiệp, thủy sản"
keys n
check "n: the form of the sector's figures" wait_for "Số liệu kỳ $PERIOD của Ủy ban nhân dân Phường 1"
check "…the sum of its figures in tonnes as prefilled: $(grouped "$SUM") over $N fields" \
  wait_for "Cộng tấn: $(grouped "$SUM") ($N ô)"
keys C-u
type_text "$((FIRST + 1000))"
NEW=$((SUM + 1000))
check "typing 1000 more into the first: $(grouped "$NEW"), nothing sent" wait_for "Cộng tấn: $(grouped "$NEW") ($N ô)"
check "…the server still has the old figures" \
  test "$(cv ward --json figures list --closed --sector nong-nghiep | jq -c .figures)" = "$(jq -c .figures "$T/list.json")"
keys C-u
type_text "12x"
if [ "$N" -gt 2 ]; then WANT="Cộng tấn: $(grouped "$((SUM - FIRST))") ($((N - 1)) ô) · 1 ô chưa phải số"
else WANT="1 ô chưa phải số"; fi # one figure in tonnes left: no total of one
check "a field that is not a number: counted apart, out of the total" wait_re "^ +$WANT *$"
# the total's parts (components) as prefilled, against a total typed too small
PARTS=$(jq '[.figures[] | select(.code as $c | ["tom-san-luong", "cua-san-luong", "khai-thac-hai-san"] | index($c))
  | select(.own) | .value] | add // 0 | round' "$T/list.json")
keys C-u
type_text "1"
check "a total typed below its parts ($(grouped "$PARTS") t of shrimp, crab, sea catch) is flagged at once" \
  wait_for "! Các thành phần ($(grouped "$PARTS")) vượt Tổng sản lượng thủy sản (1)"
check "the form fits 80x24" layout_ok '^ binh\.nt · Ủy ban nhân dân Phường 1'
keys Escape
keys F10
check "no sanitizer reports" no_sanitizer_reports
finish
