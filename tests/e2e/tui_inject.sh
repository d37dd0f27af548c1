#!/usr/bin/env bash
# Hostile text and a changed server in the full-screen UI: a dossier row of
# an old database whose applicant holds CR, LF, TAB, a C1 control and a
# bidi override shows them as escapes, and the queue keeps its layout (the
# next row's code where it belongs); a terminal pinned to another server
# key says so on the status line instead of reconnecting for ever.
# Usage: tests/e2e/tui_inject.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"
. "$(dirname "$0")/../integration/dossier_lib.sh"

STATUS_SPEC='^ binh\.nt · Ủy ban nhân dân Phường 1, thành phố Cà Mau +Trực tuyến *$'

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in linh.ntm binh.nt admin; do
  must "terminal $c is enrolled" enroll $c $PROVINCE
  must "…and $c logged in" login $c $c
done
A=$(receive linh.ntm khai-sinh)
B=$(receive linh.ntm khai-sinh)
must "two dossiers received" test -n "$A" -a -n "$B"
# an old row: what the server accepted before it refused such text
must "an old row holds controls and a bidi override" sqlite3 "$DATA/congvu.db" \
  "UPDATE dossiers SET applicant = char(8238) || 'Ev' || char(13) || char(10) || 'FORGED' || char(9) || char(155) || '2J'
   WHERE code = '$A'"

tui_start binh.nt TERM=linux
check "specialist: home screen" wait_for "Nguyễn Thanh Bình"
keys Enter
check "the queue shows the old row, its bidi override and CR as escapes" wait_for '\u202eEv\r'
# raw, CR LF would wipe the row's code and procedure off the screen
# (after the row's mark, "!" overdue or "*" due today, by the hour it runs)
check "the old row keeps its code and procedure" grep -qE "^[ !*]*${A//./\\.} khai-sinh " "$T/out"
check "the next dossier's code keeps the start of its row" grep -qE "^[ !*]*${B//./\\.} " "$T/out"
check "…nothing forged over it" fails grep -q "^ *FORGED" "$T/out"
check "the queue keeps its layout, status line whole" layout_ok "$STATUS_SPEC"
keys Enter
# a page wraps text under its value, LF included: the rest of the line
# stays in the value's column, it cannot pass for a label of its own
check "the dossier shows the applicant escaped" wait_re 'Người nộp: +\\u202eEv\\r$'
# (the view draws again when the dossier's whole record comes: wait for it)
check "…the rest under the value, escaped" wait_re '^ {10,}FORGED\\t\\x9b2J$'
check "…nor broke its layout" layout_ok "$STATUS_SPEC"
tmux -L "$SOCK" kill-session -t "$TS" 2>/dev/null || true

# --- the server is not the one this terminal was enrolled with ---
"$CONGVUD" init "$T/other" >/dev/null 2>&1
SJ=$T/client-binh.nt/config/congvu/server.json
jq --arg k "$(cat "$T/other/server.key.pub")" '.server_key = $k' "$SJ" >"$SJ.new" && mv "$SJ.new" "$SJ"
tui_start binh.nt TERM=linux
check "a terminal pinned to another server key names the mismatch on the status line" \
  wait_status "Khóa máy chủ không khớp"
check "…and says why on the message line" wait_for "Khóa của máy chủ không khớp"

finish
