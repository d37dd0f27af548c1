#!/usr/bin/env bash
# The papers checklist at the desk through the full-screen UI at 80x24
# (NO_COLOR), against a real congvud with its clock set to Thursday 3
# December 2026, 10:00: the clerk of Phường 1 receives a chứng thực; the
# form lists the procedure's papers after the desk's choices (the original
# handed in, the copy to certify conditional: not applying); with the
# original unticked the server refuses naming it; ticked again, the dossier
# is received, the receipt (form 01) printed to an A4 PDF whose text
# (pdftotext) lists the paper handed in and not the conditional one; the
# form empties for the next applicant with the checklist back to its
# defaults; the result, once signed, is returned through the dossier view.
# Then a supplement brought in: the dossier's form prefilled with the
# declaration and the checklist as it stands, corrected, what changed shown
# old → new with the new receipt, printed as form 01.
# Usage: tests/e2e/tui_reception.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

P1=000.01.15.H12
STATUS_CLERK='^ linh\.ntm · Ủy ban nhân dân Phường 1, thành phố Cà Mau +Trực tuyến *$'

clock_set "$(date -d "2026-12-03 10:00:00 +07:00" +%s)"
# an SMS gateway (a command keeping what it is given): the notices' status shows on the dossier
cat >"$T/sms.sh" <<SH
#!/bin/sh
cat >>"$T/sms-\$1.txt"
SH
chmod +x "$T/sms.sh"
must "a fresh data directory with the demo province" \
  new_data "{\"session_idle_seconds\": 2592000, \"notice_sms_command\": \"$T/sms.sh {to}\"}"
must "the daemon starts on a free loopback port" start_daemon
for c in clerk spec lead admin; do must "terminal $c is enrolled" enroll $c $PROVINCE; done
must "the clerk is logged in on the desk terminal" login clerk linh.ntm
must "the specialist on another" login spec binh.nt
must "the leader on another" login lead cuong.lm
must "an administrator's terminal" login admin admin
mkdir -p "$T/pdf"
is_a4() { pdfinfo "$1" 2>/dev/null | grep -q "(A4)"; }

on tui
tui_start clerk NO_COLOR=1 CONGVU_PRINT_DIR="$T/pdf"
check "clerk: home offers reception" wait_for "Tiếp nhận hồ sơ"
keys Down Enter
check "reception: the procedures" wait_for "Chứng thực bản sao từ bản chính"
keys Enter
check "the chứng thực form" wait_for "Tiếp nhận: Chứng thực bản sao từ bản chính"
for v in "Ngô Văn Khải" "" "" "Bằng tốt nghiệp trung học phổ thông" 2 1; do
  [ -n "$v" ] && type_text "$v"
  keys Tab
done
keys Tab Tab # the channel, the extension
check "the checklist: the original, handed in by default" wait_re "Giấy tờ 1: Bản chính.* +Đã nộp"
check "…the copy to certify, conditional: not applying by default" wait_re "Giấy tờ 2: Bản sao.* +Không áp dụng"
check "…and what to do when a required paper is missing" wait_re "Thiếu giấy tờ bắt buộc +Không tiếp nhận"
check "…its full name on the help row" wait_for "Giấy tờ 1: Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"
keys Space
check "the original unticked" wait_re "Giấy tờ 1: Bản chính.* +Chưa nộp"
check "NO_COLOR: the checklist at 80x24, status line whole" layout_ok "$STATUS_CLERK"
keys F2
check "a required paper missing: refused, naming it" wait_for "Thiếu giấy tờ bắt buộc: 1. Bản chính"
check "…nothing received" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM dossiers")" = 0
keys Space
check "ticked again" wait_re "Giấy tờ 1: Bản chính.* +Đã nộp"
keys F2
check "received" wait_for "Đã tiếp nhận hồ sơ."
CODE=$(grep -oE "$P1-[0-9]{6}-[0-9]{4}" "$T/out" | head -1 || true)
check "…in the national format" grep -qE "^$P1-261203-0001\$" <<<"$CODE"
check "the server keeps the paper handed in, only it" \
  test "$(cv admin --json dossier show "$CODE" | jq -c .papers)" = '["Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"]'
keys y
check "the receipt (form 01) in a text view" wait_for "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
keys p
PDF="$T/pdf/congvu-$CODE-01.pdf"
check "the print key: the PDF written" wait_for "Đã ghi tệp PDF"
check "…an A4 PDF" eventually is_a4 "$PDF"
pdftotext "$PDF" - | tr -s '\n ' '  ' >"$T/pdf.txt"
check "…its text lists the paper handed in" grep -qF "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao" "$T/pdf.txt"
check "…and not the conditional one that did not apply" bash -c "! grep -qF 'Bản sao cần chứng thực' '$T/pdf.txt'"
keys Escape
check "back to the form, emptied for the next applicant" wait_for "Tiếp nhận: Chứng thực bản sao từ bản chính"
check "…its checklist back to its defaults" wait_re "Giấy tờ 1: Bản chính.* +Đã nộp"
keys Escape
check "home again" wait_for "Tiếp nhận hồ sơ"

# --- the result: signed, then returned from the dossier view ---
check "the specialist passes it on" cv spec dossier act "$CODE" submit
check "the leader signs: the result is ready" cv lead dossier act "$CODE" submit
keys Up Enter
check "the clerk's queue holds the result to return" wait_for "$CODE"
keys Enter
check "…returning it is offered" wait_for "Thao tác được phép (phím a): Trả kết quả"
keys a
check "the actions" wait_for "Thao tác trên hồ sơ"
keys Enter
check "the return asks who collected it" wait_for "Họ tên người nhận kết quả *"
type_text "Ngô Văn Khải"
keys Tab
type_text "079187654321"
keys Tab Right Tab Right Tab
type_text "45/2026/SCT"
keys F2
check "returned: the view shows who collected it" wait_for "Ngô Văn Khải, 079187654321"
check "the server agrees" test "$(cv admin --json dossier show "$CODE" | jq -r '.state + " " + .returned.method')" = "returned desk"
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0

# --- a supplement brought in: the declaration corrected, what changed, form 01 again ---
CODE2=$(cv clerk --json dossier receive --procedure chung-thuc-ban-sao --field "applicant_name=Lê Thị Mai" \
  --field "document_name=Giấy khai sinh" --field pages=2 --field copies=1 --field phone=0987654321 \
  --papers 2 --supplement | jq -r .code)
check "a dossier received short of its original, waiting for the supplement" \
  test "$(cv admin --json dossier show "$CODE2" | jq -r .state)" = supplement
tui_start clerk NO_COLOR=1 CONGVU_PRINT_DIR="$T/pdf"
check "home again" wait_for "Tiếp nhận hồ sơ"
keys Enter
check "the dossiers" wait_for "m: Hồ sơ chờ tôi xử lý"
check "…the one waiting for the supplement" wait_for "$CODE2"
keys Enter
check "…opened: taking the supplement in is offered" wait_for "Nhận hồ sơ bổ sung"
eventually test -s "$T/sms-0987654321.txt" || true
keys Escape Enter # the dossier again, its notices sent meanwhile
check "…the notices to the applicant and how they went: the appointment by SMS" \
  wait_re "Thông báo: +Giấy hẹn · SMS 0987654321 · đã gửi 03/12/2026"
check "…then the request to supplement (wrapped under it)" wait_re "sung · SMS 0987654321 · đã gửi"
keys a
check "the actions" wait_for "Thao tác trên hồ sơ"
keys Enter
check "the supplement's form: the declaration as received" wait_for "Nhận hồ sơ bổ sung — $CODE2"
check "…prefilled" wait_for "Lê Thị Mai"
check "…the checklist as it stands: the original not handed in" wait_re "Giấy tờ 1: Bản chính.* +Chưa nộp"
check "NO_COLOR: the supplement's form at 80x24, status line whole" layout_ok "$STATUS_CLERK"
keys Tab Tab Tab Tab C-u
type_text "3"
keys Tab Tab Space
check "…the original ticked as brought" wait_re "Giấy tờ 1: Bản chính.* +Đã nộp"
keys F2
check "what changed, old → new" wait_for "Những gì đã sửa:"
check "…the pages" wait_re "Số trang.*: 2 → 3"
check "…the papers" wait_for "Giấy tờ đã nộp: 2. Bản sao cần chứng thực"
check "…the receipt again, with the new appointment" wait_for "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
check "the server keeps the corrections, processing again" \
  test "$(cv admin --json dossier show "$CODE2" | jq -r '.state + " " + .fields.pages + " " + (.papers|length|tostring)')" = "processing 3 2"
keys p
PDF2="$T/pdf/congvu-$CODE2-01.pdf"
check "the print key: form 01 as a PDF" eventually is_a4 "$PDF2"
pdftotext "$PDF2" - | tr -s '\n ' '  ' >"$T/pdf2.txt"
check "…listing both papers now handed in" grep -qF "Bản chính giấy tờ, văn bản làm cơ sở" "$T/pdf2.txt"
check "…without the list of changes (the official form only)" bash -c "! grep -qF 'Những gì đã sửa' '$T/pdf2.txt'"
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0
check "no sanitizer reports from the UI" no_sanitizer_reports
finish
