#!/usr/bin/env bash
# The desk's documents (TT 03/2025/TT-VPCP appendix I, forms 01–07) printed
# by a real congvud with its clock set: the official layout (national
# heading, place and date line, Kính gửi, signature with the official's
# name), times as officials write them, the fee counted by the procedure's
# rule with "." thousands separators, two copies of the receipt; form 03
# only for a refused dossier; the 80-column text and the A4 PDF the CLI
# writes (pdftotext reads the Vietnamese back, pdfinfo says A4).
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12 # Phường 1
declare -A WHO=([$P1/clerk]=linh.ntm [$P1/specialist]=binh.nt [$P1/leader]=cuong.lm)
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
# has, on the text with its lines joined (a long line wraps at 80 columns)
hasj() { tr -s '\n ' '  ' <"$T/out" | grep -qF -- "$1"; }

at "2026-12-03 10:00:00" # Thursday
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt cuong.lm admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
NAME_LINH=$(sqlite3 "$DATA/congvu.db" "SELECT name FROM users WHERE username='linh.ntm'")

# --- form 01 of a chứng thực: 5 pages, 3 copies, the fee by rule ---
code=$(receive linh.ntm chung-thuc-ban-sao --field pages=5 --field copies=3 --field phone=0912345678)
check_rc "form 01 prints" 0 cv linh.ntm dossier print "$code" --form 01
cp "$T/out" "$T/f01"
check "…the national heading" has "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
check "…and motto" has "Độc lập - Tự do - Hạnh phúc"
check "…the place and date line" has "Cà Mau, ngày 03 tháng 12 năm 2026"
check "…received at, as officials write it" has "Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 03 tháng 12 năm 2026."
check "…due the same day at the close" hasj "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 03 tháng 12 năm 2026."
# 2 pages × 2.000 + 3 pages × 1.000 = 7.000 a copy; 3 copies = 21.000
check "…the fee counted by rule: 21.000 đồng for 5 pages × 3 copies" \
  hasj "7. Phí, lệ phí: 21.000 đồng (2 trang × 2.000 + 3 trang × 1.000 = 7.000 đồng/bản; 3 bản)."
check "…the applicant's phone" has "Số điện thoại: 0912345678"
check "…two copies (liên)" test "$(grep -c "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "$T/f01")" = 2
check "…liên 1 and liên 2" grep -q "Liên 2: lưu tại Bộ phận Một cửa" "$T/f01"
check "…signed with the receiving official's name" grep -q "$NAME_LINH" "$T/f01"
check "…no line wider than 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/f01")" -le 80

# 300 pages, 2 copies: 2×2.000 + 298×1.000 = 302.000, capped at 200.000 a copy
code2=$(receive linh.ntm chung-thuc-ban-sao --field pages=300 --field copies=2)
cv linh.ntm dossier print "$code2" --form 01 >"$T/out"
check "the cap: 400.000 đồng for 300 pages × 2 copies" \
  hasj "400.000 đồng (2 trang × 2.000 + 298 trang × 1.000 = 302.000, tối đa 200.000 đồng/bản; 2 bản)"
ks=$(receive linh.ntm khai-sinh)
cv linh.ntm dossier print "$ks" --form 01 >"$T/out"
check "an exempt procedure: the legal ground" hasj "Miễn (Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b"

# --- form 03 only for a refused dossier ---
check_rc "form 03 of a dossier not refused: invalid" 65 cv linh.ntm dossier print "$code" --form 03
check_rc "the desk refuses with a reason" 0 cv linh.ntm dossier act "$code2" refuse --note "Bản chính bị tẩy xóa, sửa chữa"
check_rc "form 03 of the refused dossier" 0 cv linh.ntm dossier print "$code2" --form 03
check "…with the reason" has "Bản chính bị tẩy xóa, sửa chữa"
check "…the legal ground" hasj "Nghị định 23/2015/NĐ-CP"
check "…Kính gửi the applicant" has "Kính gửi:"
check "…Nơi nhận" has "Nơi nhận:"

# --- form 06: every hand-off in words, receiver and giver; form 07 ---
walk "$code"
check_rc "form 06 prints" 0 cv admin dossier print "$code" --form 06
check "…actions in Vietnamese" has "Chuyển bước tiếp"
check "…no English action code" lacks " submit "
check "…the return in words" has "Trả kết quả"
check "…grades in Vietnamese" grep -qE "Đúng hạn|Trước hạn" "$T/out"
check "…the receiver: role and unit (one cell of the layout)" \
  grep -qF "Chuyên viên, Ủy ban nhân dân Phường 1" <(cv admin --json dossier print "$code" --form 06 | jq -r .layout)
check "…no line wider than 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 80
check_rc "form 07 prints the dossier's line of the register" 0 cv admin dossier print "$code" --form 07
check "…the register's title" has "SỔ THEO DÕI HỒ SƠ"
check_rc "form 08 does not exist" 65 cv admin dossier print "$code" --form 08

# --- the PDF ---
check_rc "form 01 as a PDF" 0 cv linh.ntm dossier print "$ks" --form 01 --pdf "$T/f01.pdf"
check "…A4" grep -q "595.276 x 841.89 pts (A4)" <(pdfinfo "$T/f01.pdf")
check "…two pages: two copies" grep -qE "^Pages: +2$" <(pdfinfo "$T/f01.pdf")
pdftotext -layout "$T/f01.pdf" "$T/f01.txt"
check "…its text extracts: the national heading" grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$T/f01.txt"
check "…the title" grep -q "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "$T/f01.txt"
check "…the date line" grep -q "Cà Mau, ngày 03 tháng 12 năm 2026" "$T/f01.txt"
check "…the official's name" grep -q "$NAME_LINH" "$T/f01.txt"
check "…the code" grep -qF "$ks" "$T/f01.txt"
check "…a serif font with Vietnamese embedded" grep -qi "serif" <(pdffonts "$T/f01.pdf")
check_rc "form 06 as a PDF" 0 cv admin dossier print "$code" --form 06 --pdf "$T/f06.pdf"
check "…the table's words extract (a cell's lines joined)" grep -q "Chuyển bước tiếp" <(pdftotext "$T/f06.pdf" - | tr '\n' ' ')
check_rc "a PDF to a file that cannot be written: an error" 73 cv admin dossier print "$code" --form 06 --pdf "$T/no/such/dir/f.pdf"

finish
