#!/usr/bin/env bash
# Printing from the full-screen UI at 80x24 (NO_COLOR), against a real
# congvud with its clock set to Thursday 3 December 2026, 10:00: the clerk of
# Phường 1 receives a chứng thực (5 pages, 3 copies) through the form, opens
# the receipt (form 01) and presses the print key: an A4 PDF is written whose
# text (pdftotext) is the receipt with the fee counted by rule and the
# clerk's name; the fee recorded from the dossier view (f: by transfer);
# with $PRINTER set the same key hands the PDF to the print
# queue (`lp -d PRINTER FILE`: a stand-in lp on PATH keeps the file it got,
# and that file is read back as a PDF, not just its arguments). The
# register's form fills in the server's today, whatever the terminal's
# clock says.
# Usage: tests/e2e/tui_print.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

P1=000.01.15.H12
STATUS_CLERK='^ linh\.ntm · Ủy ban nhân dân Phường 1, thành phố Cà Mau +Trực tuyến *$'

clock_set "$(date -d "2026-12-03 10:00:00 +07:00" +%s)"
must "a fresh data directory with the demo province" new_data '{"session_idle_seconds": 2592000}'
must "the daemon starts on a free loopback port" start_daemon
for c in clerk admin; do must "terminal $c is enrolled" enroll $c $PROVINCE; done
must "the clerk is logged in on the desk terminal" login clerk linh.ntm
must "an administrator's terminal" login admin admin
mkdir -p "$T/pdf" "$T/bin" "$T/queue"
# the print queue: lp -d NAME -- FILE keeps FILE under the printer's name
cat >"$T/bin/lp" <<EOF
#!/bin/sh
[ "\$1" = -d ] && [ "\$3" = -- ] || exit 2
cp "\$4" "$T/queue/\$2.pdf"
EOF
chmod +x "$T/bin/lp"
is_a4() { pdfinfo "$1" 2>/dev/null | grep -q "(A4)"; }

on tui
tui_start clerk NO_COLOR=1 CONGVU_PRINT_DIR="$T/pdf"
check "clerk: home offers reception" wait_for "Tiếp nhận hồ sơ"
keys Down Enter
check "reception: the procedures" wait_for "Chứng thực bản sao từ bản chính"
keys Enter
check "the chứng thực form" wait_for "Tiếp nhận: Chứng thực bản sao từ bản chính"
for v in "Ngô Văn Khải" "" "" "Bằng tốt nghiệp trung học phổ thông" 5 3; do
  [ -n "$v" ] && type_text "$v"
  keys Tab
done
keys F2
check "received" wait_for "Đã tiếp nhận hồ sơ."
CODE=$(grep -oE "$P1-[0-9]{6}-[0-9]{4}" "$T/out" | head -1 || true)
check "…the receipt is offered" wait_for "(mẫu 01) để in?"
keys y
check "the receipt (form 01) in a text view" wait_for "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
keys p
PDF="$T/pdf/congvu-$CODE-01.pdf"
check "the print key: the PDF written, said on the status line" wait_for "Đã ghi tệp PDF"
check "NO_COLOR: at 80x24 after printing" layout_ok "."
check "…an A4 PDF" eventually is_a4 "$PDF"
check "…two pages: the two copies (liên)" grep -qE "^Pages: +2$" <(pdfinfo "$PDF")
pdftotext "$PDF" - | tr -s '\n ' '  ' >"$T/pdf.txt"
check "…its text: the title" grep -qF "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "$T/pdf.txt"
check "…the fee by rule (2 × 2.000 + 3 × 1.000 = 7.000 a copy, 3 copies)" grep -qF "21.000 đồng" "$T/pdf.txt"
check "…the applicant and the clerk" grep -qF "Nguyễn Thị Mỹ Linh" "$T/pdf.txt"
check "…the date line" grep -qF "Cà Mau, ngày 03 tháng 12 năm 2026" "$T/pdf.txt"
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0

# --- with a printer: the same key sends the PDF to the queue ---
tui_start clerk NO_COLOR=1 CONGVU_PRINT_DIR="$T/pdf" PRINTER=motcua PATH="$T/bin:$PATH"
check "home again" wait_for "Tiếp nhận hồ sơ"
keys Enter
check "the dossiers" wait_for "m: Hồ sơ chờ tôi xử lý"
keys m
check "…of the unit: the chứng thực among them" wait_for "$CODE"
keys Enter
check "the dossier view" wait_for "Chứng thực bản sao từ bản chính"
check "…the fee the rule asks, not yet recorded" wait_for "21.000 đồng (2 trang × 2.000 + 3 trang × 1.000"
check "NO_COLOR: the view at 80x24, status line whole" layout_ok "$STATUS_CLERK"
keys f
check "f: how the fee is paid" wait_for "Chuyển khoản"
keys Down Enter
check "…recorded, the receipt's number said" wait_for "Đã ghi nhận phí, lệ phí. Biên lai số 0001/2026"
check "…the view shows it" wait_for "chuyển khoản · biên lai số 0001/2026"
check "the server agrees" test "$(cv admin --json dossier show "$CODE" | jq -r '"\(.fee.amount) \(.fee.method)"')" = "21000 transfer"
keys p
check "the forms to print, 07 among them" wait_for "Sổ theo dõi hồ sơ"
keys Down Down Down Down Down Enter
check "form 06 in a text view" wait_for "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
keys p
check "the print key: sent to the printer" wait_for "Đã gửi đến máy in motcua"
check "…the queue got an A4 PDF" eventually is_a4 "$T/queue/motcua.pdf"
check "…the control slip's text in it" grep -qF "Tiếp nhận hồ sơ" <(pdftotext "$T/queue/motcua.pdf" - | tr -s '\n ' '  ')
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0

# --- "today" is the server's: the terminal's clock says another day (its
# zone UTC+14: the 4th of December at the earliest) ---
tui_start clerk NO_COLOR=1 TZ=KIR-14
check "home once more" wait_for "Sổ theo dõi hồ sơ"
open_item "Sổ theo dõi hồ sơ"
check "the register's form: from and to the server's today, not the terminal's" \
  wait_re "Từ ngày \* +03/12/2026"
check "…to the same day" wait_re "Đến ngày +03/12/2026"
keys Escape
check "…and home" wait_for "Đăng xuất"
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0
check "no sanitizer reports from the UI" no_sanitizer_reports
finish
