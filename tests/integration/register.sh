#!/usr/bin/env bash
# Form 07 as a register (issue 11): the desk's tracking book (sổ theo dõi hồ
# sơ) of a span of days, one row per dossier received, with the book's
# columns — code, procedure and sets, applicant with address and phone, the
# unit that resolves it, received and the appointment, handed on and the
# result back, returned and to whom, the collector's signature, a note — as
# 80-column text, CSV and an A4 PDF; a refusal at reception was never
# received; scope as everywhere.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12  # Phường 1
P20=000.20.15.H12 # a sibling commune
declare -A WHO=([$P1/clerk]=linh.ntm [$P1/specialist]=binh.nt [$P1/leader]=cuong.lm)
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }

at "2026-12-03 08:30" # Thursday
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt cuong.lm hoa.dtt thanh.nv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

a=$(receive linh.ntm khai-tu --field applicant_name="Trần Văn Ba" --field phone=0913000111)
at "2026-12-03 09:15"
b=$(receive linh.ntm khai-tu --field applicant_name="Lê Thị Bốn")
at "2026-12-03 09:40"
r=$(receive linh.ntm khai-tu --field applicant_name="Người Bị Từ Chối")
check_rc "a refusal at reception" 0 cv linh.ntm dossier act "$r" refuse --note "Thiếu giấy báo tử"
at "2026-12-03 10:00"
walk "$a" # to the result, returned to "Người nhận"
at "2026-12-04 08:00" # Friday
c=$(receive linh.ntm khai-tu --field applicant_name="Phạm Văn Năm")
d=$(receive hoa.dtt khai-tu --field applicant_name="Ở Xã Khác")

check_rc "the book of 3 December" 0 cv linh.ntm --json dossier register --from 2026-12-03
check "…the two received that day, in order; not the refusal" \
  test "$(jq -c '[.dossiers[].code]' "$T/out")" = "[\"$a\",\"$b\"]"
check "…numbered" test "$(jq -c '[.dossiers[].no]' "$T/out")" = "[1,2]"
row() { jq -r --arg c "$1" ".dossiers[] | select(.code == \$c) | .$2" "$T/out"; }
check "…the applicant with the phone" test "$(row "$a" applicant)" = "Trần Văn Ba, ĐT 0913000111"
check "…received and due as the desk writes them" test "$(row "$a" received) $(row "$a" due)" = \
  "03/12/26 08:30 03/12/26 17:00"
check "…handed on at reception, the result back at 10:00" test "$(row "$a" handed) $(row "$a" result)" = \
  "03/12/26 08:30 03/12/26 10:00"
check "…returned at 10:00 to whom" test "$(row "$a" returned)" = "03/12/26 10:00, Người nhận"
check "…the unit that resolved it" test "$(row "$a" lead_unit)" = "Ủy ban nhân dân Phường 1, thành phố Cà Mau"
check "…graded in the note" grep -qE "^(Trước hạn|Đúng hạn)$" <(row "$a" note)
check "…the open one: nothing back yet" test "$(row "$b" result)$(row "$b" returned)" = ""
check "…one set each" test "$(jq -r '[.dossiers[].sets] | unique | join(",")' "$T/out")" = 01

check_rc "two days" 0 cv linh.ntm --json dossier register --from 2026-12-03 --to 2026-12-04
check "…three rows, Friday's last" test "$(jq -c '[.dossiers[].code]' "$T/out")" = "[\"$a\",\"$b\",\"$c\"]"
check_rc "the city's book of Friday" 0 cv thanh.nv --json dossier register --from 2026-12-04
check "…both communes' dossiers" test "$(jq -c '[.dossiers[].code] | sort' "$T/out")" = "[\"$c\",\"$d\"]"
check_rc "a commune may not read a sibling's book" 77 cv linh.ntm dossier register --from 2026-12-04 --unit $P20
check_rc "a malformed day is refused" 65 cv linh.ntm --json dossier register --from 2026-12-32
check "…naming the field" jq -e '.field == "from"' "$T/out"
check_rc "an end before the start is refused" 65 cv linh.ntm --json dossier register --from 2026-12-04 --to 2026-12-03
check "…naming the field" jq -e '.field == "to"' "$T/out"

check_rc "the book as text" 0 cv linh.ntm dossier register --from 2026-12-03 --to 2026-12-04
check "…form 07's title" has "SỔ THEO DÕI HỒ SƠ"
check "…the span" has "Từ ngày 03/12/2026 đến ngày 04/12/2026"
check "…the national heading" has "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
check "…the columns" has "Mã hồ sơ"
check "…a row's code, its agency and number apart" has "261203-0001"
check "…no line wider than 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 80
check_rc "the book for a spreadsheet" 0 cv linh.ntm --csv dossier register --from 2026-12-03 --to 2026-12-04
check "…a header of the book's columns" \
  grep -q '^no,code,procedure,sets,applicant,lead_unit,received,due,handed,result,returned,signed,note' "$T/out"
check "…a row per dossier" test "$(grep -c ",$P1-2612" "$T/out")" = 3
check_rc "the book as a PDF" 0 cv linh.ntm dossier register --from 2026-12-03 --to 2026-12-04 --pdf "$T/so.pdf"
check "…A4" grep -q "(A4)" <(pdfinfo "$T/so.pdf")
check "…its text in Vietnamese" grep -qF "SỔ THEO DÕI HỒ SƠ" <(pdftotext "$T/so.pdf" -)
check "…its rows" grep -qF "261204-0001" <(pdftotext "$T/so.pdf" -)

check_rc "form 07 of one dossier is its row of the book" 0 cv linh.ntm --json dossier print "$a" --form 07
check "…with the return and to whom" grep -qF "03/12/26 10:00, Người nhận" <(jq -r .layout "$T/out")

check "SIGTERM exits 0" stop_daemon
finish
