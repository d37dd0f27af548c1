#!/usr/bin/env bash
# An outgoing document printed in the layout of NĐ 30/2020 appendix I
# (issue 15) against a real congvud: `document show CODE --pdf FILE`
# draws it on A4 (client/pdf.c) and pdftotext reads back the national
# heading and motto beside the agency, the number and notation beside the
# place and date line, the type and summary, the body, Nơi nhận beside
# the signer block; --printer through lp; the 80-column text; a công văn
# with "V/v" and no title; a recalled one marked; who may print it.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/document_lib.sh"

CITY=000.00.15.H12  # thành phố Cà Mau
desk_day
read -r Y M D0 <<<"$(echo "$TODAY" | tr - ' ')"
DATELINE="Cà Mau, ngày $D0 tháng $M năm $Y"

documents_up phuc.tm
D=$(issued quyet_dinh "Về việc thành lập Tổ công tác cải cách hành chính" "Điều 1. Thành lập Tổ công tác cải cách hành chính tỉnh.
Điều 2. Quyết định có hiệu lực từ ngày ký.")
cv minh.pq document deliver "$D" --units $CITY >/dev/null

check_rc "the decision drawn as an A4 PDF" 0 cv minh.pq document show "$D" --pdf "$T/d.pdf"
check "…a PDF" test "$(head -c 5 "$T/d.pdf")" = "%PDF-"
pdftotext -layout "$T/d.pdf" "$T/d.txt"
line() { grep -F -- "$1" "$T/d.txt" | grep -qF -- "$2"; } # line A B: one line has both
check "the agency beside the national heading" line "ỦY BAN NHÂN DÂN" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
check "…and the motto" line "TỈNH CÀ MAU" "Độc lập - Tự do - Hạnh phúc"
check "the number and notation beside the place and date" line "Số: 01/QĐ-UBND" "$DATELINE"
check "the type as the title" grep -qx " *QUYẾT ĐỊNH *" "$T/d.txt"
check "the summary" grep -qF "Về việc thành lập Tổ công tác cải cách hành chính" "$T/d.txt"
check "the body" grep -qF "Điều 2. Quyết định có hiệu lực từ ngày ký." "$T/d.txt"
check "Nơi nhận beside the signer block: the title of the head who signed (abbreviations.yaml)" line "Nơi nhận:" "CHỦ TỊCH"
# signed for the chairman (KT.) by the head of Sở Nội vụ, delegated
cv hung.lv document delegate tuan.ha --capacity kt --from "$TODAY" --to "$(date -d "$TODAY +30 days" +%F)" >/dev/null
K=$(cv ngoc.vtb --json document draft --agency $PROVINCE --type quyet_dinh --summary "Về việc kiểm tra công vụ" \
  --body "Điều 1. Kiểm tra." | jq -r .code)
cv tuan.ha document review "$K" >/dev/null && cv minh.pq document check_form "$K" >/dev/null &&
  cv tuan.ha document approve "$K" --capacity kt >/dev/null && cv minh.pq document issue "$K" >/dev/null
check_rc "a decision signed KT. drawn as a PDF" 0 cv minh.pq document show "$K" --pdf "$T/k.pdf"
pdftotext -layout "$T/k.pdf" "$T/k.txt"
check "…its signer block: KT. CHỦ TỊCH beside Nơi nhận, PHÓ CHỦ TỊCH under it" \
  sh -c "grep -F 'Nơi nhận:' '$T/k.txt' | grep -qF 'KT. CHỦ TỊCH' && grep -qF 'PHÓ CHỦ TỊCH' '$T/k.txt'"
NAME=$(cv minh.pq --json document view "$K" | jq -r '.approver_name // empty')
check "…(Đã ký) and the name of who signed ($NAME)" \
  sh -c "test -n '$NAME' && grep -qF '(Đã ký)' '$T/k.txt' && grep -qF '$NAME' '$T/k.txt'"
check "…naming the recipient unit and the file copy" \
  sh -c "grep -qF -- '- Ủy ban nhân dân thành phố' '$T/d.txt' && grep -qF -- '- Lưu: VT.' '$T/d.txt'"
check "the signer's name" grep -qF "Lê Văn Hùng" "$T/d.txt"
check "the heading comes before the title, the title before the body, the body before Nơi nhận" \
  test "$(grep -nE "CỘNG HÒA|^ *QUYẾT ĐỊNH *$|Điều 1\.|Nơi nhận" "$T/d.txt" | cut -d: -f1 | paste -sd' ')" = \
  "$(grep -nE "CỘNG HÒA|^ *QUYẾT ĐỊNH *$|Điều 1\.|Nơi nhận" "$T/d.txt" | cut -d: -f1 | sort -n | paste -sd' ')"

mkdir -p "$T/bin" "$T/queue"
# the print queue: lp -d NAME -- FILE keeps FILE under the printer's name
printf '#!/bin/sh\n[ "$1" = -d ] && [ "$3" = -- ] || exit 2\ncp "$4" "%s/queue/$2.pdf"\n' "$T" >"$T/bin/lp"
chmod +x "$T/bin/lp"
check_rc "sent to a printer" 0 as minh.pq env PATH="$T/bin:$PATH" "$CONGVU" document view "$D" --printer may-in-vt
check "…the queue got the PDF of the decision" \
  sh -c "pdftotext -layout '$T/queue/may-in-vt.pdf' - | grep -qF 'Số: 01/QĐ-UBND'"
check_rc "the same as 80-column text" 0 cv minh.pq document print "$D"
check "…every line within 80 columns" test "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$T/out")" -le 80
check "…with the number and the date line" line "Số: 01/QĐ-UBND" "$DATELINE"
cp "$T/out" "$T/d.txt"
check "…on one line too" line "Số: 01/QĐ-UBND" "$DATELINE"

L=$(issued cong_van "Về việc báo cáo tình hình biên chế" "Kính gửi: Ủy ban nhân dân thành phố Cà Mau.")
check_rc "a công văn" 0 cv minh.pq document view "$L" --pdf "$T/l.pdf"
pdftotext -layout "$T/l.pdf" "$T/d.txt"
check "…has V/v and its summary under the number" grep -qF "V/v Về việc báo cáo tình hình" "$T/d.txt"
check "…and no title" test "$(grep -cxE " *CÔNG VĂN *" "$T/d.txt")" = 0
cv minh.pq document recall "$L" --reason "Nhầm nơi gửi" >/dev/null
check_rc "a recalled one" 0 cv minh.pq document print "$L"
check "…says so" grep -qF "(VĂN BẢN ĐÃ BỊ THU HỒI)" "$T/out"
check_rc "an official who may not see it cannot print it" 66 cv phuc.tm document show "$D" --pdf "$T/x.pdf"
check "…and no file is written" test ! -e "$T/x.pdf"
IN=$(cv minh.pq --json document list | jq -r '.documents[0].code')
check_rc "an incoming document has no such layout" 65 cv minh.pq document show "$IN" --pdf "$T/x.pdf"
check "…as the refusal says" grep -qF "chỉ in văn bản đi" "$T/out"
finish
