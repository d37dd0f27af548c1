#!/usr/bin/env bash
# The registers of NĐ 30/2020 appendix IV, printable (issue 15), against a
# real congvud: `document register-print --kind in|out|follow --year Y
# [--from N --to M]` gives the incoming, outgoing and follow-up registers
# with their columns, in number order, within the range, as 80-column
# text, as an A4 PDF, as JSON and CSV; a recalled document noted; only
# what the reader may see; bad arguments refused.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/document_lib.sh"

SNV=000.00.02.H12   # Sở Nội vụ
CITY=000.00.15.H12  # thành phố Cà Mau: clerk huong.ptt
desk_day
YEAR=${TODAY%%-*}
DUE=$(date -d "$TODAY +10 days" +%F)

documents_up huong.ptt
reg() { # reg NUMBER SENDER SUMMARY [OPTIONS]: the code
  local n=$1 s=$2 m=$3; shift 3
  cv minh.pq --json document register --agency $PROVINCE --sender "$s" --number "$n" --date "$TODAY" \
    --type cong_van --summary "$m" "$@" | jq -r .code
}
I1=$(reg 05/BNV-TCBC "Bộ Nội vụ" "Về việc tinh giản biên chế" --urgency khan)
I2=$(reg 12/STC-NS "Sở Tài chính" "Về việc dự toán ngân sách")
I3=$(reg 07/SYT-VP "Sở Y tế" "Về việc phòng chống dịch")
I4=$(reg 09/SXD-QH "Sở Xây dựng" "Về việc quy hoạch đô thị")
IM=$(reg 01/BCA-M "Bộ Công an" "Về việc bảo vệ bí mật" --secrecy mat --readers hung.lv)
check "four incoming documents registered" test -n "$I1$I2$I3$I4"
check_rc "the leader directs the second one to Sở Nội vụ with a deadline" 0 cv hung.lv document direct "$I2" \
  --directive "Sở Nội vụ chủ trì, báo cáo" --lead $SNV --deadline "$DUE"
O1=$(issued quyet_dinh "Về việc điều động cán bộ")
O2=$(issued quyet_dinh "Về việc khen thưởng")
cv minh.pq document deliver "$O1" --units $CITY >/dev/null
cv minh.pq document recall "$O2" --reason "Sai thể thức" >/dev/null

# --- the incoming register (the demo's documents come first) ---
row() { j ".rows[] | select(.code == \"$1\") | $2"; } # row CODE FILTER
mine() { j "[.rows[].code | select(. == \"$I1\" or . == \"$I2\" or . == \"$I3\" or . == \"$I4\")] | join(\",\")"; }
check_rc "the incoming register of the year" 0 cv minh.pq --json document register-print --kind in --year "$YEAR"
check "…every document" test "$(mine)" = "$I1,$I2,$I3,$I4"
check "…in arrival order" test "$(j '[.rows[].n] == ([.rows[].n] | sort)')" = true
N2=$(row "$I2" .n)
N3=$(row "$I3" .n)
check "…numbered on" test "$N3" = $((N2 + 1))
check "…with the appendix's columns" test "$(row "$I1" '[.arrived, .sender, .number, .date, .summary, .note] | join("|")')" = \
  "$(date -d "$TODAY" +%d/%m/%Y)|Bộ Nội vụ|05/BNV-TCBC|$(date -d "$TODAY" +%d/%m/%Y)|Công văn: Về việc tinh giản biên chế|Khẩn"
check "…the receiving unit of the directed one" test "$(row "$I2" .receiver)" = "Sở Nội vụ tỉnh Cà Mau"
check_rc "numbers $N2 to $N3" 0 cv minh.pq --json document register-print --kind in --year "$YEAR" --from "$N2" --to "$N3"
check "…only those" test "$(j '[.rows[].code] | join(",")')" = "$I2,$I3"
check_rc "as 80-column text" 0 cv minh.pq document register-print --kind in --year "$YEAR" --from "$N2" --to "$N3"
check "…titled, with the year and the range" \
  sh -c "grep -qF 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' '$T/out' && grep -qF 'Năm $YEAR — từ số $N2 đến số $N3' '$T/out'"
check "…every line within 80 columns" \
  test "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$T/out")" -le 80
check "…its columns' heads" sh -c "grep -qF 'Ngày' '$T/out' && grep -qF 'Tác giả' '$T/out' && grep -qF 'Số, ký' '$T/out'"
check "…the rows in the range, not the others" \
  sh -c "grep -qF '12/STC-NS' '$T/out' && grep -qF '07/SYT-VP' '$T/out' && ! grep -qF '05/BNV' '$T/out' && ! grep -qF '09/SXD' '$T/out'"
check_rc "as CSV" 0 cv minh.pq --csv document register-print --kind in --year "$YEAR" --from "$N3"
check "…a header and the rows from $N3 on" test "$(wc -l <"$T/out")" = 3
check "…named columns" sh -c "head -1 '$T/out' | grep -q sender"
check_rc "as an A4 PDF" 0 cv minh.pq document register-print --kind in --year "$YEAR" --pdf "$T/in.pdf"
pdftotext -layout "$T/in.pdf" "$T/in.txt"
check "…with its title and rows" sh -c "grep -qF 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' '$T/in.txt' && grep -qF 'Sở Xây' '$T/in.txt'"

# --- the outgoing register ---
check_rc "the outgoing register" 0 cv minh.pq --json document register-print --kind out --year "$YEAR"
check "…numbers and notations in order" \
  test "$(j "[.rows[] | select(.code == \"$O1\" or .code == \"$O2\") | .number] | join(\",\")")" = "01/QĐ-UBND,02/QĐ-UBND"
check "…the signer, the recipients, the file copy, the copies" \
  test "$(row "$O1" '[.signer, .recipients, .file_copy, .copies, .summary] | join("|")')" = \
  "Lê Văn Hùng|Ủy ban nhân dân thành phố Cà Mau|Sở Nội vụ tỉnh Cà Mau|2|Quyết định: Về việc điều động cán bộ"
check "…the recalled one noted" test "$(row "$O2" .note)" = "Đã thu hồi"
check_rc "…from number 2" 0 cv minh.pq --json document register-print --kind out --year "$YEAR" --from 2
check "…not the first" test "$(j "[.rows[].code] | index(\"$O1\")")" = null
check "…the second" test "$(j "[.rows[].code] | index(\"$O2\")")" != null

# --- the follow-up register ---
check_rc "the follow-up register" 0 cv minh.pq --json document register-print --kind follow --year "$YEAR"
check "…has the directed document" test "$(row "$I2" .arrival)" = "$N2"
check "…not one without a directive" test "$(j "[.rows[].code] | index(\"$I3\")")" = null
DEADLINE=$(cv minh.pq --json document show "$I2" | jq -r '.deadline[0:10]') # the working day the directive gave
check "…its handler and deadline" test "$(row "$I2" '[.handler, .deadline] | join("|")')" = \
  "Sở Nội vụ tỉnh Cà Mau|$(date -d "$DEADLINE" +%d/%m/%Y)"
check "…the document described" test "$(row "$I2" '.document | test("12/STC-NS.*Sở Tài chính.*dự toán")')" = true

# --- the confidential register ---
check "the confidential one is not in the incoming register" \
  test "$(cv minh.pq --json document register-print --kind in --year "$YEAR" | jq "[.rows[].code] | index(\"$IM\")")" = null
check_rc "its reader prints the confidential register" 0 cv hung.lv --json document register-print --kind in --year "$YEAR" --secret
check "…titled so, with it" test "$(j "[.title, (.rows[] | select(.code == \"$IM\") | .arrival)] | join(\"|\")")" = \
  "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN (MẬT)|$(cv hung.lv --json document show "$IM" | jq -r .arrival)"
check_rc "a clerk who is not its reader" 0 cv huong.ptt --json document register-print --kind in --year "$YEAR" --secret
check "…does not see it there" test "$(j "[.rows[].code] | index(\"$IM\")")" = null
check_rc "there is no confidential outgoing register here" 65 cv minh.pq document register-print --kind out --year "$YEAR" --secret

# --- scope, refusals ---
check_rc "the city's clerk" 0 cv huong.ptt --json document register-print --kind in --year "$YEAR"
check "…sees none of the province's documents" test -z "$(mine)"
check_rc "an unknown register is refused" 65 cv minh.pq document register-print --kind den --year "$YEAR"
check_rc "a bad year is refused" 65 cv minh.pq document register-print --kind in --year 26
check_rc "a range backwards is refused" 65 cv minh.pq document register-print --kind in --year "$YEAR" --from 3 --to 2
finish
