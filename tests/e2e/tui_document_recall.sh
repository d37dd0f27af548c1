#!/usr/bin/env bash
# A recall reaches the recipient's screen (issue 15) against a real
# congvud: the province issues a decision and delivers it to the city,
# whose clerk receives it; the clerk (TERM=linux, NO_COLOR) has the city's
# incoming register open, the document waiting for its directive; the
# province's clerk recalls it from the command line, and the clerk's row
# turns "Đã thu hồi" without a key being pressed; p shows the year's
# incoming register, and p again writes it as an A4 PDF. The screen stays
# whole at 80x24.
# Usage: tests/e2e/tui_document_recall.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

CITY=000.00.15.H12
STATUS_CITY='^ huong\.ptt · .*Trực tuyến *$'

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in drafter head signer office city; do must "terminal $c is enrolled for the province" enroll $c $PROVINCE; done
must "Sở Nội vụ's specialist drafts" login drafter ngoc.vtb
must "its head reviews" login head tuan.ha
must "the provincial leader signs" login signer hung.lv
must "the office's clerk issues" login office minh.pq
must "the city's clerk receives" login city huong.ptt
for c in head signer office; do must "$c makes a signing key" cv $c document key; done
D=$(cv drafter --json document draft --agency $PROVINCE --type quyet_dinh --summary "Về việc điều động cán bộ" \
  --body "Điều 1. Điều động." | jq -r .code)
must "the decision is reviewed" cv head document review "$D"
must "…its form checked" cv office document check_form "$D"
must "…signed" cv signer document approve "$D"
must "…issued" cv office document issue "$D"
must "…delivered to the city" cv office document deliver "$D" --units $CITY
must "…received by the city's clerk" cv city document receive "$D"
NOTATION=$(cv office --json document view "$D" | jq -r .notation)

on city
mkdir -p "$T/print"
tui_start city TERM=linux NO_COLOR=1 "CONGVU_PRINT_DIR=$T/print"
check "the city's clerk: the dashboard" wait_for "Văn bản đến"
open_item "Văn bản đến"
check "Enter opens the incoming register" wait_for "Sổ văn bản đến"
row_says() { grep -F -- "$NOTATION" "$T/out" | grep -qF -- "$1"; }
check "…the decision there, waiting for its directive" poll 10 row_says "Chờ bút phê"
check "TERM=linux: the register at 80x24" layout_ok "$STATUS_CITY"

must "the province's clerk recalls it from the command line" cv office document recall "$D" --reason "Sai thẩm quyền"
check "the row turns Đã thu hồi without a key pressed" poll 10 row_says "Đã thu hồi"
check "…the screen still whole" layout_ok "$STATUS_CITY"

keys p
check "p: the year's incoming register, laid out" wait_for "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
check "…its columns" sh -c "grep -qF 'Ngày' '$T/out' && grep -qF 'Tác giả' '$T/out'"
check "…each line unwrapped: the heads' first line whole" grep -qE "Ngày +Số +Tác giả +Số, ký +Ngày tháng +Tên loại và +Đơn vị hoặc +Ký +Ghi" "$T/out"
check "…the decision's row noting the recall" grep -qE "Quyết định: +Đã$" "$T/out"
check "…at 80x24" layout_ok "$STATUS_CITY"
keys p
check "p again: the register as an A4 PDF" wait_for "Đã ghi tệp PDF"
PDF="$T/print/congvu-so-den-$(date +%Y).pdf"
check "…in the print directory" test -s "$PDF"
check "…its title and the recalled decision in it" \
  sh -c "pdftotext -layout '$PDF' - | grep -qF 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' && pdftotext -layout '$PDF' - | grep -qF 'Quyết định'"
keys Escape
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0
check "no sanitizer reports" no_sanitizer_reports
finish
