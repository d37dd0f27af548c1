#!/usr/bin/env bash
# Incoming documents through the full-screen UI against a real congvud:
# the provincial leader (NO_COLOR) opens "Văn bản đến" from home, on the
# queue waiting for his directive; the office's clerk registers an urgent
# document (on the command line) and the leader's screen shows it, marked
# Hỏa tốc, without a key being pressed; m moves to the register, Enter
# shows the document; the screen stays whole at 80x24.
# Usage: tests/e2e/tui_document.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

STATUS_LEAD='^ hung\.lv · Ủy ban nhân dân tỉnh Cà Mau +Trực tuyến *$'
SUMMARY="Về việc ứng phó bão số 15 trên địa bàn tỉnh"

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in lead clerk; do must "terminal $c is enrolled for the province" enroll $c $PROVINCE; done
must "the provincial leader is logged in" login lead hung.lv
must "the office's clerk on another terminal (the command line)" login clerk minh.pq

on lead
tui_start lead NO_COLOR=1
check "leader: the dashboard" wait_for "Văn bản đến"
# the modules' list: move down until the documents' line is selected
for _ in $(seq 20); do
  screen -e | grep -F "Văn bản đến" | grep -q $'\e\\[7m' && break
  keys Down
done
keys Enter
check "Enter opens the queue waiting for my directive" wait_for "Văn bản chờ tôi bút phê"
check "NO_COLOR: the list at 80x24, status line whole" layout_ok "$STATUS_LEAD"
N=$(cv lead --json document list --queue directive | jq '.documents | length')
check "…counting the demo's documents waiting" grep -qF "— $N văn bản" "$T/out"
cv clerk document register --agency $PROVINCE --sender "Văn phòng Chính phủ" --number "15/CĐ-TTg" \
  --date "$(date +%F)" --type cong_dien --summary "$SUMMARY" --urgency hoa_toc >/dev/null
check "the clerk's urgent document appears without a key press" wait_for "15/CĐ-TTg"
check "…marked Hỏa tốc" grep -qF "Hỏa tốc" "$T/out"
check "…counted" grep -qF "— $((N + 1)) văn bản" "$T/out"
keys Enter
check "Enter shows it" wait_for "Nơi gửi: Văn phòng Chính phủ"
keys Escape
keys m m m m
check "m: the register of the year" wait_for "Sổ văn bản đến"
check "…still at 80x24" layout_ok "$STATUS_LEAD"
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0
check "no sanitizer reports" no_sanitizer_reports
finish
