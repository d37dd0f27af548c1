#!/usr/bin/env bash
# Fees at the desk against a real congvud with its clock set: the amount is
# the procedure's rule applied to the declaration, counted here by hand
# (chứng thực, TT 226/2016/TT-BTC: 2.000 đồng for each of the first two
# pages, 1.000 đồng from the third, at most 200.000 đồng a copy), recorded
# once (cash, transfer, exempt with its legal ground), audited, numbered per
# unit and year, shown on the dossier and printed as a fee receipt (BL).
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
hasj() { tr -s '\n ' '  ' <"$T/out" | grep -qF -- "$1"; }

at "2026-12-03 09:30:00"
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt huong.ptt admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
ct() { receive linh.ntm chung-thuc-ban-sao --field pages="$1" --field copies="$2"; }
due() { cv linh.ntm --json dossier show "$1" | jq -r .fee_due; }

# the rule, by hand: pages copies → amount
declare -A FIX=([1 1]=2000 [2 1]=4000 [3 1]=5000 [5 3]=21000 [10 2]=24000 [198 1]=200000 [199 1]=200000 [300 2]=400000)
for k in "${!FIX[@]}"; do
  set -- $k
  code=$(ct "$1" "$2")
  amount=$(cv linh.ntm --json dossier pay "$code" --method cash | jq -r .amount)
  check "chứng thực of $1 pages × $2 copies: ${FIX[$k]} đồng" test "$amount" = "${FIX[$k]}"
done

code=$(ct 5 3)
check "before payment the dossier shows what the rule asks" \
  test "$(due "$code")" = "21.000 đồng (2 trang × 2.000 + 3 trang × 1.000 = 7.000 đồng/bản; 3 bản)"
check_rc "an unknown method: invalid" 65 cv linh.ntm dossier pay "$code" --method card
check_rc "the specialist may not take the fee" 77 cv binh.nt dossier pay "$code" --method cash
check_rc "another commune's clerk may not" 77 cv huong.ptt dossier pay "$code" --method cash
check_rc "exempt without a legal ground: invalid" 65 cv linh.ntm dossier pay "$code" --method exempt
check_rc "the clerk records a transfer" 0 cv linh.ntm --json dossier pay "$code" --method transfer
check "…21.000 đồng, numbered in the unit's series for 2026 (after the 8 above)" \
  test "$(jq -r '"\(.amount) \(.method) \(.receipt_no)"' "$T/out")" = "21000 transfer 0009/2026"
check "…by the clerk" test "$(jq -r .by "$T/out")" = "Nguyễn Thị Mỹ Linh"
check_rc "recorded once" 65 cv linh.ntm dossier pay "$code" --method cash
check "the dossier shows the fee" \
  test "$(cv admin --json dossier show "$code" | jq -r '"\(.fee.amount) \(.fee.method) \(.fee_due)"')" = "21000 transfer null"
check "audited" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action='dossier.pay' AND object='$code'")" = 1
check_rc "the fee receipt (BL) prints" 0 cv linh.ntm dossier print "$code" --form BL
check "…its title" has "BIÊN LAI THU PHÍ, LỆ PHÍ"
check "…its number" has "Số: 0009/2026"
check "…the amount with thousands separators" has "Số tiền: 21.000 đồng"
check "…how it was paid" has "Hình thức nộp: Chuyển khoản"
check_rc "…and as a PDF" 0 cv linh.ntm dossier print "$code" --form BL --pdf "$T/bl.pdf"
check "…whose text reads back" grep -qF "Số tiền: 21.000 đồng" <(pdftotext "$T/bl.pdf" -)
unpaid=$(ct 1 1)
check_rc "no receipt before a fee is recorded" 65 cv linh.ntm dossier print "$unpaid" --form BL

# exemptions
ex=$(ct 2 1)
check_rc "an exemption with its ground" 0 cv linh.ntm --json dossier pay "$ex" --method exempt \
  --ground "Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a (người khuyết tật)"
check "…amount 0, the ground kept" test "$(jq -r '"\(.amount) \(.ground)"' "$T/out")" = \
  "0 Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a (người khuyết tật)"
ks=$(receive linh.ntm khai-sinh)
check "khai sinh: exempt by the procedure" test "$(due "$ks")" = \
  "Miễn (Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b: miễn lệ phí đăng ký khai sinh đúng hạn)"
check_rc "…cash is refused (nothing to take)" 65 cv linh.ntm dossier pay "$ks" --method cash
check_rc "…exempt needs no ground of its own" 0 cv linh.ntm --json dossier pay "$ks" --method exempt
check "…the procedure's ground recorded" grep -q "Điều 11 khoản 1 điểm b" <(jq -r .ground "$T/out")

# --- the report: the fees recorded in the month, by hand ---
# cash: 2.000 + 4.000 + 5.000 + 21.000 + 24.000 + 200.000 + 200.000 + 400.000
# = 856.000; the transfer 21.000; two exemptions
check_rc "the month's report" 0 cv admin --json report onestop --month 2026-12
check "…fees of Phường 1: 877.000 đồng, 2 exemptions" \
  test "$(jq -r '.units[] | select(.unit == "000.01.15.H12") | "\(.fees) \(.fees_exempt)"' "$T/out")" = "877000 2"
check "…in the total" test "$(jq -r '"\(.total.fees) \(.total.fees_exempt)"' "$T/out")" = "877000 2"
check_rc "…as CSV" 0 cv admin --csv report onestop --month 2026-12
check "…a fees column" grep -q "fees" "$T/out"
check "…with the amount" grep -q "877000" "$T/out"
check_rc "November's report: no fees then" 0 cv admin --json report onestop --month 2026-11
check "…none" test "$(jq -r '.total.fees' "$T/out")" = 0

finish
