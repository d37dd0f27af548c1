#!/usr/bin/env bash
# One-stop dossiers through the full-screen UI, two officials at once, each
# in their own tmux window at 80x24 against a real congvud: the clerk of
# Phường 1 (NO_COLOR) receives a dossier through the form generated from
# the procedure — typed checks under the fields, the server's complaint
# under the field it names — and gets the code, the appointment and the
# receipt; the specialist (TERM=linux, a second client) sees it arrive in the
# queue without touching a key, opens it, moves it on, and the timeline
# shows it; acting on a stale view is a conflict; a search typed without
# diacritics finds it; status by code and the monthly report; a queue
# longer than the screen comes a screen at a time.
# Usage: tests/e2e/tui_dossier.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

P1=000.01.15.H12
STATUS_CLERK='^ linh\.ntm · Ủy ban nhân dân Phường 1, thành phố Cà Mau +Trực tuyến *$'
STATUS_SPEC='^ binh\.nt · Ủy ban nhân dân Phường 1, thành phố Cà Mau +Trực tuyến *$'


# today in the province (the screens' "today" is the server's, in its zone)
today() { TZ=Asia/Ho_Chi_Minh date "+$1"; }
# the server's "YYYY-MM-DD HH:MM" as the screen shows it
vn_time() { sed -E 's/^([0-9]{4})-([0-9]{2})-([0-9]{2})/\3\/\2\/\1/' <<<"$1"; }

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in clerk spec admin desk2 spec2; do must "terminal $c is enrolled for Phường 1 or the province" enroll $c $PROVINCE; done
must "the clerk is logged in on the desk terminal" login clerk linh.ntm
must "the specialist on another terminal" login spec binh.nt
must "an administrator's terminal (to read what the server stored)" login admin admin
must "a second desk terminal" login desk2 linh.ntm
must "the specialist's second terminal" login spec2 binh.nt

# --- the specialist opens the queue first: it is empty ---
on spec
tui_start spec TERM=linux
check "specialist: home screen" wait_for "Nguyễn Thanh Bình"
check "…offers the dossier modules" wait_for "Tìm hồ sơ"
check "…but not reception (a clerk's job)" fails grep -q "Tiếp nhận hồ sơ" "$T/out"
keys Enter
check "specialist: the queue of what waits on me" wait_for "m: Hồ sơ chờ tôi xử lý"
check "…with its filters and their keys" wait_for "p: thủ tục (tất cả) · s: tình trạng (tất cả) · o: mọi thời hạn"
check "…empty for now" wait_for "(danh sách trống)"
check "TERM=linux gets colours" has_colour
check "TERM=linux: queue at 80x24, status line whole" layout_ok "$STATUS_SPEC"

# --- the clerk receives a dossier through the form (NO_COLOR) ---
on tui
tui_start clerk NO_COLOR=1 CONGVU_PRINT_DIR="$T/pdf"
check "clerk: home offers reception" wait_for "Tiếp nhận hồ sơ"
keys Down Enter
check "reception: the procedures to choose from" wait_for "Tiếp nhận hồ sơ: chọn thủ tục"
check "…from the server's definitions" wait_for "Cấp giấy phép xây dựng nhà ở riêng lẻ"

# the server's rule for the field (shared/fieldtype.c, the procedure's
# pattern) checked as the field is left; where the server's own message
# lands is test_field_form's test_focus_and_server_error
keys End Enter
check "the construction permit form, generated from its definition" wait_for "Thửa đất số *"
check "…with the fee grouped as money is written" wait_for "Lệ phí: 75.000 đồng"
for v in "Lê Văn Tám" 079123456781 0912345678 12a 7 "Khóm 2, Phường 1" "CS 01234" 120 240 2; do
  type_text "$v"
  keys Tab
done
keys F2
check "a plot number with a letter: refused under the field, as the server refuses it" wait_for "! Không đúng định dạng."
check "…and nothing was received" test "$(cv admin --json dossier list | jq '.dossiers|length')" = 0
keys Escape
check "Esc in a filled form asks before what was typed is lost" wait_for "Bỏ các nội dung đã nhập và rời biểu mẫu? (y/n)"
keys n
check "…n: the form and what was typed stay" wait_for "Lê Văn Tám"
keys Escape y
check "…Esc, then y, leaves the form" wait_for "Báo cáo một cửa"

keys Enter
check "reception again" wait_for "Đăng ký khai sinh"
keys Down Down Down Enter
check "the birth registration form" wait_for "Tiếp nhận: Đăng ký khai sinh"
check "…one labelled line per field, required ones starred" wait_for "Nơi cư trú của cha, mẹ *"
check "…the focused field's full label and format on the help row" wait_for "Họ, chữ đệm và tên người đi đăng ký (bắt buộc)"
check "NO_COLOR: the form at 80x24, status line whole" layout_ok "$STATUS_CLERK"
check "NO_COLOR: no colour at all" no_colour
check "…the fields set apart by reverse video instead" reverse_video
type_text "Phạm Thị Hồng Nhung"
keys Enter
type_text "0791234"
keys Enter
check "a short citizen ID is refused as the field is left" wait_for "! Số định danh cá nhân phải gồm đúng 12 chữ số."
keys BTab C-u
type_text "079188001234"
keys Enter
check "…and the message goes once it is right" wait_gone "phải gồm đúng 12 chữ số"
type_text "0912 345 678"
keys Enter
check "a choice field offers its choices" wait_for "Cha, Mẹ, Ông, Bà"
type_text "m"
check "…a first letter picks one" wait_for "Quan hệ với người được khai sinh *    Mẹ"
keys Enter
type_text "Phạm Minh Khang"
keys Enter
type_text "31/02/2026"
keys Enter
check "no 31 February" wait_for "! Ngày không hợp lệ: ghi ngày/tháng/năm, ví dụ 15/03/2026."
keys BTab C-u
type_text "15/11/2026"
keys Enter Right Enter
type_text "Bệnh viện Sản - Nhi Cà Mau"
keys Enter Enter
type_text "Phạm Thị Hồng Nhung"
keys Enter
type_text "Khóm 3, Phường 1, thành phố Cà Mau"
keys F2
check "F2 sends the whole form: the new code" wait_for "Đã tiếp nhận hồ sơ."
CODE=$(grep -oE "$P1-[0-9]{6}-[0-9]{4}" "$T/out" | head -1 || true)
check "…in the national format" grep -qE "^$P1-[0-9]{6}-0001\$" <<<"$CODE"
cv admin --json dossier show "$CODE" >"$T/shown" || true
DUE=$(vn_time "$(jq -r .due "$T/shown")")
check "…and the appointment the server computed" wait_for "Hẹn trả:   $DUE"
check "…stored with the date as the server wants it (dd/mm/yyyy typed)" \
  test "$(jq -r .fields.child_birth_date "$T/shown")" = 2026-11-15
check "…the choice and the phone as typed, normalised" \
  test "$(jq -r '.fields.relation + " " + .fields.phone + " " + .fields.child_gender' "$T/shown")" = "Mẹ 0912345678 Nam"
check "…the receipt is offered" wait_for "Xem giấy tiếp nhận và hẹn trả kết quả (mẫu 01) để in?"

# --- (b) the specialist, untouched, sees it arrive ---
on spec
check "specialist: the new dossier arrives in the queue without a key" wait_for "$CODE"
check "…with its procedure and remaining time" grep -qE "$CODE +khai-sinh +Phạm Thị.* còn " "$T/out"
check "…and the count" wait_for "m: Hồ sơ chờ tôi xử lý — 1 hồ sơ"

# --- the receipt, on the clerk's screen ---
on tui
keys y
check "the receipt (form 01) in a text view" wait_for "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
check "…with the code" wait_for "Mã hồ sơ: $CODE"
check "NO_COLOR: the receipt at 80x24, status line whole" layout_ok "$STATUS_CLERK"
keys PageDown
check "…scrolling to the signatures" wait_for "NGƯỜI TIẾP NHẬN HỒ SƠ"
keys Escape
check "back to an emptied form for the next applicant" wait_for "Tiếp nhận: Đăng ký khai sinh"
check "…emptied" fails grep -q "Phạm Thị Hồng Nhung" "$T/out"
tmux -L "$SOCK" resize-window -t tui -x 80 -y 16
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
check "at 80x16 the form scrolls to the focused field" wait_for "Nơi cư trú của cha, mẹ (bắt buộc)"
check "…the first fields scrolled away, marked" grep -q "^↑ " "$T/out"
check "…none of it past the 16 rows" test "$(wc -l <"$T/out")" -eq 16
tmux -L "$SOCK" resize-window -t tui -x 80 -y 24
check "back at 80x24 the form fills the rows again, down to the papers checklist" wait_for "Thiếu giấy tờ bắt buộc"

# --- (c) the specialist opens it and acts ---
on spec
keys Enter
check "the dossier view: the applicant" wait_for "Người nộp:   Phạm Thị Hồng Nhung"
check "…the step and who holds it" wait_for "Đang ở:      Chuyên viên — $P1"
check "…only the actions the server allows" wait_for "Thao tác được phép (phím a): Chuyển bước tiếp · Yêu cầu bổ sung hồ sơ"
check "…the timeline: reception by the clerk" wait_for "Nguyễn Thị Mỹ Linh — Tiếp nhận hồ sơ"
check "TERM=linux: the view at 80x24, status line whole" layout_ok "$STATUS_SPEC"
keys a
check "a lists the allowed actions" wait_for "Thao tác trên hồ sơ"
keys Enter
check "…and asks before moving it on" wait_for "Chuyển bước tiếp — hồ sơ $CODE?"
keys y
check "the timeline shows the hand-off by the specialist" wait_for "Nguyễn Thanh Bình — Chuyển bước tiếp"
check "…now with the leader" wait_for "Đang ở:      Lãnh đạo — $P1"
check "…and no action left for the specialist" wait_for "Bạn không có thao tác nào trên hồ sơ này lúc này."
check "the server agrees: step 2, with the leader" \
  test "$(cv admin --json dossier show "$CODE" | jq -r '.handler_role + " " + (.timeline|length|tostring)')" = "leader 2"

# --- a stale view: the action was chosen, then someone else acted first ---
keys q
check "back in the queue, which the hand-off emptied" wait_for "(danh sách trống)"
CODE2=$(cv desk2 --json dossier receive --procedure khai-tu --field applicant_name="Đỗ Văn Lực" \
  --field citizen_id=079188005678 --field relation=Con --field deceased_name="Đỗ Văn Thành" \
  --field death_date=2026-11-20 --field death_place="Phường 1" | jq -r .code)
check "a dossier received at the other desk arrives too" wait_for "$CODE2"
keys Enter
check "…opened" wait_for "Người nộp:   Đỗ Văn Lực"
keys a Enter
check "the action is chosen" wait_for "Chuyển bước tiếp — hồ sơ $CODE2?"
check "…while on another terminal the same official moves it first" cv spec2 dossier act "$CODE2" submit
check "…the view under the question reloads by itself" wait_for "Đang ở:      Lãnh đạo — $P1"
keys y
check "yes: a conflict, said in Vietnamese with the new state" \
  wait_for "Dữ liệu vừa được người khác thay đổi, hãy thử lại: Hồ sơ vừa chuyển sang"
check "…and the dossier moved one step only" \
  test "$(cv admin --json dossier show "$CODE2" | jq '.timeline|length')" = 2

# --- (d) search without diacritics ---
keys q
check "queue" wait_for "m: Hồ sơ chờ tôi xử lý"
check "the second dossier is made overdue in the database" \
  sqlite3 "$DATA/congvu.db" "UPDATE dossiers SET due = due - 30 * 86400 WHERE code = '$CODE2'"
keys m
check "m: the unit's dossiers" wait_for "m: Hồ sơ của đơn vị (cả cấp dưới) — 2 hồ sơ"
check "…the overdue one first, marked and said so" grep -qE "^ ! $CODE2 .*quá hạn" "$T/out"
keys j
overdue_red() { screen -e | grep -F "$CODE2" | grep -qF $'\e[31m'; }
check "…in the error colour once the selection leaves it" eventually overdue_red
keys o
check "o: only overdue dossiers" wait_for "m: Hồ sơ của đơn vị (cả cấp dưới) — 1 hồ sơ"
check "…that one" fails grep -qF "$CODE " "$T/out"
keys o
check "o again: all" wait_for "— 2 hồ sơ"
keys /
check "/ opens the search" wait_for "Tìm:"
type_text "pham thi hong nhung"
keys Enter
check "\"pham thi hong nhung\" finds Phạm Thị Hồng Nhung's dossier" wait_for "$CODE"
check "…and only hers" fails grep -q "$CODE2" "$T/out"
check "TERM=linux: search at 80x24, status line whole" layout_ok "$STATUS_SPEC"
keys Enter
check "Enter opens it" wait_for "Người nộp:   Phạm Thị Hồng Nhung"

# --- the clerk: status by code, the report ---
on tui
keys Escape
check "clerk home" wait_for "Tra cứu hồ sơ"
keys Down Down Enter
check "status by code: a prompt" wait_for "Tra cứu hồ sơ theo mã"
type_text "${CODE#*-}"
keys Enter
check "…by the short code ${CODE#*-}: the state and step" wait_for "Bước:       Chủ tịch Ủy ban nhân dân xã ký Giấy khai sinh"
check "…of the whole code" on_screen "$CODE"
keys Enter Escape Down Enter
# pickers: the unit by name among those in scope, no code to type
check "the report: first the unit, by name" wait_for "Báo cáo một cửa: chọn đơn vị"
check "…the clerk's own commune only" wait_for "Ủy ban nhân dân Phường 1"
check "…no other unit offered" test "$(grep -c "H12 *$" "$T/out")" = 1
keys Enter # all of my unit and below
check "the report form, this month filled in" wait_re "Tháng \* +$(today %m/%Y)"
check "…no unit code to type" fails grep -q "Mã đơn vị" "$T/out"
keys F2
check "the monthly report per unit" wait_for "Báo cáo một cửa tháng $(today %m/%Y)"
check "…two dossiers received at Phường 1, none resolved yet" \
  grep -qE "UBND Phường 1.* +2 +0 +0 +0 +0" "$T/out"
check "NO_COLOR: the report at 80x24, status line whole" layout_ok "$STATUS_CLERK"
# report: the national service index's indicators, per unit and procedure; printed
keys v
check "v: the indicators per unit" wait_for "chỉ số theo đơn vị"
check "…the average in working days, the shares online and of electronic results, the fees" \
  grep -qE "TB ngày +%tr.tuyến +%KQĐT +Phí \(đồng\)" "$T/out"
check "…none resolved yet: no average, none returned, 0 đồng" grep -qE "UBND Phường 1.* +2 +0 +— +— +0\.0 +— +0 +0" "$T/out"
check "NO_COLOR: the indicators at 80x24, status line whole" layout_ok "$STATUS_CLERK"
keys v
check "v again: per procedure" wait_for "chỉ số theo thủ tục"
check "…a row per procedure: one birth, one death" grep -qE "Đăng ký khai sinh +1 +0.*Đăng ký khai tử +1 +0" <(tr -d '\n' <"$T/out")
mkdir -p "$T/pdf"
keys p
check "p prints the report" wait_for "Đã ghi tệp PDF"
REPORT_PDF="$T/pdf/congvu-bao-cao-$(today %Y-%m).pdf"
check "…an A4 PDF" grep -q "(A4)" <(pdfinfo "$REPORT_PDF" 2>&1)
check "…with the indicators per procedure in Vietnamese" \
  grep -qF "3. Chỉ số tiến độ theo thủ tục" <(pdftotext "$REPORT_PDF" - | tr -s '\n ' '  ')
# register: form 07 as the book of a span of days, from home
keys Escape
check "back to the report's form" wait_re "Tháng \* +$(today %m/%Y)"
keys Escape
sleep 0.3; screen | grep -q "(y/n)" && keys y
check "home" wait_for "Sổ theo dõi hồ sơ"
keys Down Enter
check "the register's form, today filled in" wait_re "Từ ngày \* +$(today %d/%m/%Y)"
keys F2
check "the book: today's dossiers" wait_for "SỔ THEO DÕI HỒ SƠ"
check "…the two received today" wait_for "Sổ theo dõi hồ sơ — 2 hồ sơ"
keys p
check "p prints the book" wait_for "Đã ghi tệp PDF"
BOOK_PDF="$T/pdf/congvu-so-theo-doi-$(today %F)-$(today %F).pdf"
check "…an A4 PDF with the book's text" grep -qF "SỔ THEO DÕI HỒ SƠ" <(pdftotext "$BOOK_PDF" -)

# --- a queue longer than the screen: one screen of rows is asked for, the
# next when the selection reaches the last one loaded ---
QUEUED=()
for i in $(seq 1 22); do
  QUEUED+=("$(cv desk2 --json dossier receive --procedure khai-tu --field applicant_name="Người Xếp Hàng $i" \
    --field citizen_id=079188005678 --field relation=Con --field deceased_name="Đỗ Văn Thành" \
    --field death_date=2026-11-20 --field death_place="Phường 1" | jq -r .code)")
done
on spec
keys Escape Escape
check "the specialist's queue again" wait_for "m: Hồ sơ của đơn vị (cả cấp dưới)"
keys m
check "…22 waiting, counted by the server" wait_for "m: Hồ sơ chờ tôi xử lý — 22 hồ sơ"
check "…the first on the screen" wait_for "${QUEUED[0]}"
check "…the last below the screen" fails grep -qF "${QUEUED[21]}" "$T/out"
keys End
check "End goes to the last row loaded: the screen's last" wait_for "${QUEUED[16]}"
check "…and from the next screen only its first row" wait_for "${QUEUED[17]}"
check "…not the rest" fails grep -qF "${QUEUED[21]}" "$T/out"
keys End
check "End again: the rows fetched since, down to the last" wait_for "${QUEUED[21]}"
check "TERM=linux: the paged queue at 80x24, status line whole" layout_ok "$STATUS_SPEC"
LATE=$(cv desk2 --json dossier receive --procedure khai-tu --field applicant_name="Người Đến Muộn" \
  --field citizen_id=079188005678 --field relation=Con --field deceased_name="Đỗ Văn Thành" \
  --field death_date=2026-11-20 --field death_place="Phường 1" | jq -r .code)
check "a dossier arriving reloads every row loaded" wait_for "m: Hồ sơ chờ tôi xử lý — 23 hồ sơ"
check "…the selection stays on its row" grep -qF "${QUEUED[21]}" "$T/out"
keys Down
check "…and the new one is below it" wait_for "$LATE"

on tui
keys F10
check "F10 quits the clerk's UI with status 0" test "$(tui_exit_status)" = 0

# --- lang: the clerk in English: the server's words translated on screen ---
tui_start clerk NO_COLOR=1 -- --lang en
check "--lang en: home in English" wait_for "Look up a dossier"
keys Down Down Down Enter
check "…the lookup by the short code" wait_for "Look up a dossier by its code"
type_text "${CODE2#*-}"
keys Enter
check "…answers with the state in English" wait_re "In processing|Result ready|Waiting for a supplement"
check "…and the time in English" wait_re "(left|overdue|due now)"
check "…no Vietnamese state left" fails grep -q "Đang xử lý\|quá hạn [0-9]" "$T/out"
keys Enter
on spec
keys F10
check "…and the specialist's" test "$(tui_exit_status)" = 0
check "no sanitizer reports from the UIs" no_sanitizer_reports
finish
