#!/usr/bin/env bash
# Attachments of a document through the full-screen UI (issue 15) against
# a real congvud, under TERM=linux and NO_COLOR at 80x24: the clerk opens
# "Văn bản đến", t on a document: its attachments (one sent by the CLI);
# Enter fetches it into the downloads folder, byte for byte; a, a path
# typed, Enter: the file sent in chunks and listed; the server holds it.
# Usage: tests/e2e/tui_attach.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

selected() { screen -e | grep -F -- "$1" | grep -qE $'\e\\[([0-9]+;)*7m'; }
STATUS='^ minh\.pq · .*Trực tuyến *$'

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
must "the clerk's terminal is enrolled" enroll clerk $PROVINCE
must "the clerk is logged in" login clerk minh.pq
CODE=$(cv clerk --json document register --agency $PROVINCE --sender "Bộ Tài chính" --number 77/BTC-HCSN \
  --date "$(date +%F)" --type cong_van --summary "Về việc quyết toán kinh phí" | jq -r .code)
head -c 200000 /dev/urandom >"$T/quyet-toan.pdf"
must "a scan attached from the command line" cv clerk document attach "$CODE" "$T/quyet-toan.pdf"
printf 'Biên bản họp giao ban tuần.\n' >"$T/bien-ban.txt"
mkdir -p "$T/dl"

on clerk
tui_start clerk TERM=linux NO_COLOR=1 XDG_DOWNLOAD_DIR="$T/dl"
check "clerk: the home screen" wait_for "Văn bản đến"
open_item "Văn bản đến"
check "the register" wait_for "Sổ văn bản đến"
I=$(cv clerk --json document list --queue all --limit 400 | jq --arg c "$CODE" '[.documents[].code] | index($c)')
keys Home
for ((k = 0; k < I; k++)); do keys Down; done
check "the new document selected" poll 5 selected "77/BTC-HCSN"
check "t is offered on the hint line" wait_for "t Tệp"
keys t
check "t: the document's attachments" wait_for "Tệp đính kèm $CODE"
check "…the scan listed with its size" wait_re "quyet-toan\.pdf +196 KiB"
check "…at 80x24, status line whole" layout_ok "$STATUS"
keys Enter
check "Enter fetches it into the downloads folder" wait_for "Đã lưu vào $T/dl/quyet-toan.pdf" 30
check "…byte for byte" cmp "$T/quyet-toan.pdf" "$T/dl/quyet-toan.pdf"
keys a
check "a asks for the file's path" wait_for "Tệp cần đính kèm"
type_text "$T/bien-ban.txt"
keys Enter
check "Enter sends it" wait_for "Đã đính kèm tệp vào văn bản" 30
check "…and it is listed" wait_for "bien-ban.txt"
check "…the server holds it" \
  test "$(cv clerk --json attach list "$CODE" | jq -r '[.attachments[].name] | join(",")')" = "bien-ban.txt,quyet-toan.pdf"
check "…at 80x24" layout_ok "$STATUS"
keys Escape
check "Esc goes back to the register" wait_for "Sổ văn bản đến"
keys F10
check "the UI exits cleanly" test "$(tui_exit_status)" = 0
check "no sanitizer reports" no_sanitizer_reports
finish
