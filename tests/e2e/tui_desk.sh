#!/usr/bin/env bash
# The desk's own choices through the full-screen UI at 80x24 (NO_COLOR),
# against a real congvud with its clock set to Wednesday 2 December 2026,
# 10:00: the clerk of Phường 1 receives a chứng thực that came online, with
# the lawful extension for many pages picked in the reception form (the
# appointment counts it: two working days after the same-day close); when
# the result is ready it waits in the clerk's own queue, and the clerk
# returns it through the form that asks who collected it (an authorised
# person, the ID number, at the desk, the result's number); the dossier view
# then shows the channel, the extension and the return.
# Usage: tests/e2e/tui_desk.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

P1=000.01.15.H12
STATUS_CLERK='^ linh\.ntm · Ủy ban nhân dân Phường 1, thành phố Cà Mau +Trực tuyến *$'

clock_set "$(date -d "2026-12-02 10:00:00 +07:00" +%s)"
must "a fresh data directory with the demo province" new_data '{"session_idle_seconds": 2592000}'
must "the daemon starts on a free loopback port" start_daemon
for c in clerk spec lead admin; do must "terminal $c is enrolled" enroll $c $PROVINCE; done
must "the clerk is logged in on the desk terminal" login clerk linh.ntm
must "the specialist on another" login spec binh.nt
must "the leader on another" login lead cuong.lm
must "an administrator's terminal (to read what the server stored)" login admin admin

# --- reception: the channel and the lawful extension after the declaration ---
on tui
tui_start clerk NO_COLOR=1
check "clerk: home offers reception" wait_for "Tiếp nhận hồ sơ"
keys Down Enter
check "reception: the procedures" wait_for "Chứng thực bản sao từ bản chính"
keys Enter
check "the chứng thực form" wait_for "Tiếp nhận: Chứng thực bản sao từ bản chính"
for v in "Ngô Văn Khải" "" "" "Bằng tốt nghiệp trung học phổ thông" 12 3; do
  [ -n "$v" ] && type_text "$v"
  keys Tab
done
check "…the desk's channel after the declaration" wait_for "Kênh tiếp nhận"
keys Right Right
check "…online picked" wait_re "Kênh tiếp nhận +Trực tuyến"
keys Tab
check "…and the lawful extension, by its name" wait_for "Gia hạn theo luật"
keys Right Right
check "…many pages picked" wait_for "Nhiều loại bản chính"
check "NO_COLOR: the form at 80x24, status line whole" layout_ok "$STATUS_CLERK"
keys F2
check "received" wait_for "Đã tiếp nhận hồ sơ."
CODE=$(grep -oE "$P1-[0-9]{6}-[0-9]{4}" "$T/out" | head -1 || true)
check "…in the national format" grep -qE "^$P1-261202-0001\$" <<<"$CODE"
check "…due two working days after the same-day close (Friday 17:00)" wait_for "Hẹn trả:   04/12/2026 17:00"
cv admin --json dossier show "$CODE" >"$T/shown" || true
check "…stored as online with the extension, not an apology" \
  test "$(jq -r '"\(.channel) \(.extension) \(.apologies) \(.new_due)"' "$T/shown")" = \
  "online Nhiều loại bản chính, bản chính nhiều trang hoặc nhiều bản sao (thêm không quá 02 ngày làm việc) 0 null"
keys n Escape
check "home again" wait_for "Tiếp nhận hồ sơ"

# --- the result ready: in the clerk's queue, returned through the form ---
check "the specialist passes it on" cv spec dossier act "$CODE" submit
check "the leader signs: the result is ready" cv lead dossier act "$CODE" submit
keys Up Enter
check "the clerk's queue holds the result to return" wait_for "$CODE"
keys Enter
check "…opened: the channel after where it was received" wait_for "trực tuyến"
check "…and the extension" wait_for "Gia hạn:"
check "…returning it is offered" wait_for "Thao tác được phép (phím a): Trả kết quả"
keys a
check "the actions" wait_for "Thao tác trên hồ sơ"
keys Enter
check "the return asks who collected it" wait_for "Họ tên người nhận kết quả *"
check "…and how" wait_for "Cách trả *"
type_text "Trần Thị Bình"
keys Tab
type_text "079187654321"
keys Tab Right Tab Right Right Tab
type_text "123/2026/SCT"
check "NO_COLOR: the return form at 80x24, status line whole" layout_ok "$STATUS_CLERK"
keys F2
check "returned: the view shows who collected it" wait_for "Trần Thị Bình, 079187654321 (người được ủy"
check "…at the desk, with the result's number" wait_for "tại một cửa · số 123/2026/SCT"
check "the server agrees" test "$(cv admin --json dossier show "$CODE" | jq -r '.state + " " + .returned.method + " " +
  .returned.collector_kind + " " + .returned.result_no')" = "returned desk authorised 123/2026/SCT"

keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0
check "no sanitizer reports from the UI" no_sanitizer_reports
finish
