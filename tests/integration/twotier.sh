#!/usr/bin/env bash
# Two-tier procedure versions (issue 11): from 01/07/2025 there is no
# district level. Household business registration moves to the commune
# (NĐ 168/2025, ho-kinh-doanh version 2) and construction permits to the
# commune People's Committee (NĐ 140/2025, xay-dung-nha-o version 2), then to
# the 2025 Construction Law from 01/07/2026 (version 3). With the daemon's
# clock set: a dossier received before an effective date keeps its version
# through its life (its steps where that version puts them, walked after
# the date), one received on or after it gets the new one.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12   # Phường 1 (a commune)
CITY=000.00.15.H12 # thành phố Cà Mau (the district level until 30/06/2025)
declare -A WHO=([$P1/clerk]=linh.ntm [$P1/specialist]=binh.nt [$P1/leader]=cuong.lm
  [$CITY/clerk]=huong.ptt [$CITY/specialist]=an.nv [$CITY/leader]=thanh.nv)
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
show() { cv admin --json dossier show "$1"; }
# where CODE: its version and who holds it now ("1 000.00.15.H12/specialist")
where() { show "$1" | jq -r '"\(.proc_version) \(.handler_unit)/\(.handler_role)"'; }
# units CODE: the units its steps went to, in order
units() { show "$1" | jq -r '[.timeline[].to_unit // empty] | join(" > ")'; }

at "2025-06-30 09:00:00" # Monday, the last day of the district level
new_data '{"session_idle_seconds": 100000000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt cuong.lm huong.ptt an.nv thanh.nv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

# --- received on 30/06/2025: the district's versions ---
hkd1=$(receive linh.ntm ho-kinh-doanh)
check "household business on 30/06/2025: version 1, sent up to the district" \
  test "$(where "$hkd1")" = "1 $CITY/specialist"
xd1=$(receive huong.ptt xay-dung-nha-o)
check "construction permit on 30/06/2025: version 1, at the district" test "$(where "$xd1")" = "1 $CITY/specialist"
check_rc "…its receipt names the district's law" 0 cv admin --json procedure show xay-dung-nha-o
check "…(version 1 in force that day)" test "$(jq -r .version "$T/out")" = 1

# --- 01/07/2025: the commune's versions ---
at "2025-07-01 09:00:00"
hkd2=$(receive linh.ntm ho-kinh-doanh)
check "household business on 01/07/2025: version 2, decided in the commune" test "$(where "$hkd2")" = "2 $P1/specialist"
check_rc "…3 working days (NĐ 168/2025)" 0 cv admin --json dossier show "$hkd2"
check "…due 04/07/2025 09:00" test "$(jq -r .due "$T/out")" = "2025-07-04 09:00"
check_rc "…the procedure names NĐ 168/2025 and TT 68/2025/TT-BTC" 0 cv admin --json procedure show ho-kinh-doanh
check "…" grep -q "168/2025/NĐ-CP" <<<"$(jq -r '.legal_basis[]' "$T/out")"
check "…" grep -q "68/2025/TT-BTC" <<<"$(jq -r '.legal_basis[]' "$T/out")"
xd2=$(receive linh.ntm xay-dung-nha-o)
check "construction permit on 01/07/2025: version 2, at the commune People's Committee" \
  test "$(where "$xd2")" = "2 $P1/specialist"
check_rc "…the procedure names NĐ 140/2025" 0 cv admin --json procedure show xay-dung-nha-o
check "…" grep -q "140/2025/NĐ-CP" <<<"$(jq -r '.legal_basis[]' "$T/out")"

# --- the old versions keep their way after the date ---
check "the 30/06 household business walks after 01/07" walk "$hkd1"
check "…through the district's steps, as version 1 says" \
  test "$(units "$hkd1" | grep -o "Ủy ban nhân dân thành phố Cà Mau" | wc -l)" -ge 2
check "…still version 1, returned" test "$(show "$hkd1" | jq -r '"\(.proc_version) \(.state)"')" = "1 returned"
check "the 01/07 one stays in the commune" walk "$hkd2"
check "…no step at the district" test "$(units "$hkd2" | grep -c "Ủy ban nhân dân thành phố Cà Mau")" = 0
check "the 30/06 permit walks at the district" walk "$xd1"
check "…version 1 to the end" test "$(show "$xd1" | jq -r .proc_version)" = 1

# --- 01/07/2026: the 2025 Construction Law ---
at "2026-06-30 09:00:00" # Tuesday
xd3=$(receive linh.ntm xay-dung-nha-o)
check "permit received 30/06/2026: version 2" test "$(where "$xd3" | cut -d' ' -f1)" = 2
at "2026-07-01 09:00:00"
xd4=$(receive linh.ntm xay-dung-nha-o)
check "permit received 01/07/2026: version 3 (the 2025 Construction Law)" test "$(where "$xd4")" = "3 $P1/specialist"
check_rc "…the procedure says what is still to confirm" 0 cv admin --json procedure show xay-dung-nha-o
check "…" grep -q "chưa xác nhận" <<<"$(jq -r '.legal_basis[]' "$T/out")"
check "the 30/06/2026 permit keeps version 2 after the date" walk "$xd3"
check "…returned under version 2" test "$(show "$xd3" | jq -r '"\(.proc_version) \(.state)"')" = "2 returned"
check "the 01/07/2026 permit walks under version 3" walk "$xd4"
check "…" test "$(show "$xd4" | jq -r '"\(.proc_version) \(.state)"')" = "3 returned"
finish
