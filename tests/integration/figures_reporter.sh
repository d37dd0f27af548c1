#!/usr/bin/env bash
# A department-level indicator names the one department that reports it
# (forms/indicators: reporter): `congvud forms check` refuses one without,
# a code not of a unit's form and a reporter on an indicator no department
# reports, and a total whose part (components) is of another unit of
# measure, each on its file:line; against a real congvud the other
# departments may not enter it and are not listed as late or missing for
# it, while the reporting department (Sở Xây dựng, transport since 2025)
# enters it and is listed until it does.
. "$(dirname "$0")/../lib.sh" "$1"

# --- forms check ---
F=$T/forms
cp -r "$CONGVU_FORMS" "$F"
check_rc "the shipped indicators pass the check" 0 "$CONGVUD" forms check "$F"
cat >"$F/indicators/zz-thu.yaml" <<'Y'
sector: zz-thu
name: "Thử"
indicators:
  - code: khong-noi-so
    name: "Không nêu sở báo cáo"
    unit: "tấn"
    levels: [sở]
    period: month
    rollup: sum
    version: 1
    effective: "2025-01-01"
    source: "thử"
  - code: ma-sai
    name: "Mã đơn vị sai"
    unit: "tấn"
    levels: [sở]
    reporter: "So Cong Thuong"
    period: month
    rollup: sum
    version: 1
    effective: "2025-01-01"
    source: "thử"
  - code: xa-co-reporter
    name: "Chỉ tiêu cấp xã nêu sở"
    unit: "tấn"
    levels: [xã]
    reporter: "000.00.05.H12"
    period: month
    rollup: sum
    version: 1
    effective: "2025-01-01"
    source: "thử"
  - code: tong-sai-thanh-phan
    name: "Tổng có thành phần khác đơn vị tính"
    unit: "tấn"
    levels: [xã]
    components: [tom-dien-tich]
    period: month
    rollup: sum
    version: 1
    effective: "2025-01-01"
    source: "thử"
Y
check_rc "a department's indicator without its reporter, a bad code, a reporter on a commune's" 65 \
  "$CONGVUD" forms check "$F"
check "…the first on its levels line (7)" has "zz-thu.yaml:7:"
check "…saying which department must be named" has "phải nêu sở nào báo cáo"
check "…the bad code on its line (17)" has "zz-thu.yaml:17:"
check "…the commune's reporter on its line (27)" has "zz-thu.yaml:27:"
check "…a total whose part is of another unit of measure (ha) on its line (37)" has "zz-thu.yaml:37:"
check "…four problems" test "$(grep -c 'zz-thu.yaml:' "$T/out")" = 4

# --- the reporting department, against a real congvud ---
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
new_data '{"session_idle_seconds": 31536000}'
at "2026-11-16 09:00"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
XD=000.00.05.H12 # Sở Xây dựng: hieu.nt
TP=000.00.03.H12 # Sở Tư pháp: phuc.tm
for u in hieu.nt phuc.tm hung.lv; do enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"; done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
check "the daemon warns of reporters that are no unit of the org tree (the demo has no Sở Công Thương)" \
  grep -q "iip is reported by 000.00.06.H12, which is not a unit" "$T/congvud.log"
check_rc "Sở Tư pháp may not enter the freight transported" 65 \
  cv phuc.tm figures submit --period 2026-11 --draft --value van-tai-hang-hoa=10
check "…which Sở Xây dựng reports" has "do đơn vị $XD báo cáo"
check_rc "Sở Tư pháp's own figures list" 0 cv phuc.tm --json figures list --period 2026-11
check "…does not ask it for transport" \
  test "$(jq '[.figures[] | select(.code == "van-tai-hang-hoa") | .reports] | any' "$T/out")" = false
at "2026-11-19 08:00"
check_rc "after the due date, the province's late list" 0 cv hung.lv --json figures late --period 2026-11
check "…has Sở Xây dựng, missing" test "$(jq '[.units[] | select(.unit == "'$XD'" and .missing)] | length' "$T/out")" = 1
check "…not Sở Tư pháp, which reports nothing" test "$(jq '[.units[] | select(.unit == "'$TP'")] | length' "$T/out")" = 0
check_rc "Sở Xây dựng enters and submits it" 0 cv hieu.nt --json figures submit --period 2026-11 --value van-tai-hang-hoa=700.5
check "…its list asks it for transport" test "$(cv hieu.nt --json figures list --period 2026-11 |
  jq '[.figures[] | select(.code == "van-tai-hang-hoa") | .reports] | any')" = true
check_rc "the province's late list again" 0 cv hung.lv --json figures late --period 2026-11
check "…Sở Xây dựng submitted late, no longer missing" \
  test "$(jq -r '.units[] | select(.unit == "'$XD'") | [.missing, .late] | map(tostring) | join(" ")' "$T/out")" = "false true"

stop_daemon
finish
