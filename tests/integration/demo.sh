#!/usr/bin/env bash
# The shipped demo province (forms/demo) is two-tier, as Vietnam's local
# government has been since 1 July 2025: the province, its departments, and
# its wards and communes right under it — no city or district between. Seeded
# from the tree's forms as scripts/demo seeds it, then used the way a ward's
# desk uses it on a working morning: a household business registration and
# a construction permit are received under the procedures' two-tier versions
# and decided in the ward; the ward's leader sees them, another commune's
# does not; the demo's work (tasks, figures, documents) is there, and every
# department an indicator names as its reporter exists.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

AX=000.01.00.H12 # Ủy ban nhân dân phường An Xuyên: clerk linh.ntm, leader thanh.nv
LVL=000.03.00.H12 # phường Lý Văn Lâm: late with its figures
BB=000.16.00.H12  # xã Biển Bạch: late too
declare -A WHO=([$AX/clerk]=linh.ntm [$AX/specialist]=binh.nt [$AX/leader]=cuong.lm)
q() { sqlite3 "$DATA/congvu.db" "$1"; }
where() { cv admin --json dossier show "$1" | jq -r '"\(.proc_version) \(.handler_unit)/\(.handler_role)"'; }

desk_day
check_rc "init" 0 "$CONGVUD" init "$DATA"
echo '{"session_idle_seconds": 2592000}' >"$DATA/config.json"
check_rc "the shipped demo province seeds" 0 "$CONGVUD" admin "$DATA" demo
check "…17 units, 27 officials" has "17 đơn vị, 27 cán bộ"

# --- its shape: two tiers ---
check "no city, district or town level" \
  test "$(q "SELECT count(*) FROM units WHERE level IN ('huyện', 'thành phố', 'quận', 'thị xã')")" = 0
check "nine wards and communes" test "$(q "SELECT count(*) FROM units WHERE level IN ('phường', 'xã')")" = 9
check "…each right under the province" test "$(q "SELECT count(*) FROM units u JOIN units p ON p.id = u.parent_id
  WHERE u.level IN ('phường', 'xã') AND p.code = '$PROVINCE'")" = 9
check "the departments as merged in 2025: no Sở Thông tin và Truyền thông" \
  test "$(q "SELECT count(*) FROM units WHERE name LIKE 'Sở Thông tin%'")" = 0
check "…Sở Khoa học và Công nghệ, Sở Công Thương, Sở Tài chính" \
  test "$(q "SELECT count(*) FROM units WHERE name IN ('Sở Khoa học và Công nghệ tỉnh Cà Mau',
    'Sở Công Thương tỉnh Cà Mau', 'Sở Tài chính tỉnh Cà Mau') AND level = 'sở'")" = 3
check "every department-level indicator's reporter is a unit of the demo" \
  test "$(grep -ho 'reporter: "[^"]*"' "$CONGVU_FORMS"/indicators/*.yaml | cut -d'"' -f2 | sort -u |
    while read -r c; do q "SELECT count(*) FROM units WHERE code = '$c' AND level = 'sở'"; done | sort -u)" = 1

check "the daemon serves it" start_daemon
for u in linh.ntm binh.nt cuong.lm thanh.nv dat.ct hung.lv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

# --- a ward's desk: the procedures that came down from the district ---
hkd=$(receive linh.ntm ho-kinh-doanh)
check "household business registration at the ward: version 2 (NĐ 168/2025), decided there" \
  test "$(where "$hkd")" = "2 $AX/specialist"
xd=$(receive linh.ntm xay-dung-nha-o)
check "a construction permit: version 3 (the 2025 Construction Law), at the ward" test "$(where "$xd")" = "3 $AX/specialist"
check "the household business walks to its result" walk "$hkd"
check "…every step in the ward" test "$(cv admin --json dossier show "$hkd" |
  jq -r '[.timeline[].to_unit // empty] | unique | join(",")')" = "Ủy ban nhân dân phường An Xuyên"
check_rc "the ward's chairman lists the ward's dossiers" 0 cv thanh.nv --json dossier list --unit $AX --limit 50
check "…both there" test "$(jq --arg a "$hkd" --arg b "$xd" '[.dossiers[] | select(.code == $a or .code == $b)] | length' "$T/out")" = 2
check_rc "U Minh's chairman may not open the ward's dossier" 77 cv dat.ct --json dossier show "$xd"
check "…out of scope" jq -e '.error == "out_of_scope"' "$T/out"
check_rc "the province's leader may" 0 cv hung.lv --json dossier show "$xd"

# --- the demo's work ---
check_rc "the provincial leader's board" 0 cv hung.lv --json board --unit $PROVINCE
check "…holds the demo's tasks, one waiting for an extension" \
  test "$(jq '[.columns[] | select(.state == "extension") | .count] | .[0]' "$T/out")" = 1
check_rc "the incoming documents the office registered" 0 cv hung.lv --json document list --limit 50
check "…three the leader may read" test "$(jq '.documents | length' "$T/out")" -ge 3
PERIOD=$(q "SELECT max(period) FROM fig_values")
check_rc "the figures of the last period, for the province" 0 cv hung.lv --json figures list --period "$PERIOD"
check "…shrimp output rolled up from the wards and communes" \
  test "$(jq -r '.figures[] | select(.code == "tom-san-luong") | .value > 0 and .own == false' "$T/out")" = true
check_rc "the late list" 0 cv hung.lv --json figures late --period "$PERIOD"
check "…Lý Văn Lâm and Biển Bạch, which entered nothing, among the missing" \
  test "$(jq -c --arg a "$LVL" --arg b "$BB" '[.units[] | select(.missing and (.unit == $a or .unit == $b))] | length' "$T/out")" = 2
check "…the ward and Sở Tài chính accepted" \
  test "$(jq -c '[.units[] | select(.state == "accepted") | .unit] | sort' "$T/out")" = "[\"000.00.07.H12\",\"$AX\"]"
check "no indicator's reporter is missing from the province" \
  test "$(grep -c "which is not a unit" "$T/congvud.log")" = 0

check "audit chain intact" "$CONGVUD" admin "$DATA" audit verify
check "SIGTERM exits 0" stop_daemon
finish
