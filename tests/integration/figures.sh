#!/usr/bin/env bash
# Monthly socio-economic figures against a real congvud: the period a date
# falls in at the 14th/15th boundary (NĐ 09/2019) with its due date on the
# working-time calendar, a commune's figures entered as a draft, submitted,
# returned with a note, submitted again and accepted by the unit above
# (through the engine: the workflow log and the audit), every revision
# kept (estimate then final), scope (a commune sees and submits only its
# own; only the unit directly above decides), roll-ups up the org tree
# (sum, weighted, a non-additive index refused), % of the annual plan and
# the same period last year, CSV import with bad rows reported by line and
# nothing half-imported, export, and the late and missing reporters.
. "$(dirname "$0")/../lib.sh" "$1"

CITY=000.00.15.H12   # thành phố Cà Mau: leader thanh.nv, specialist an.nv
P1=000.01.15.H12     # Phường 1 (in the city): leader cuong.lm, specialist binh.nt
P5=000.05.15.H12     # Phường 5 (in the city): specialist quang.tv
UMINH=000.00.16.H12  # huyện U Minh: leader dat.ct
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }

new_data '{"session_idle_seconds": 31536000}'  # the clock jumps days: sessions stay
at "2026-11-14 23:59"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in hung.lv thanh.nv an.nv cuong.lm binh.nt quang.tv dat.ct thao.ntp; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
row() { jq -r --arg c "$1" ".figures[] | select(.code == \$c) | $2" "$T/out"; }

# --- the demo province comes with figures (forms/demo/figures.json) ---
DEMO=$(q "SELECT max(period) FROM fig_values")
check_rc "the demo's last period, for the province" 0 cv hung.lv --json figures list --period "$DEMO"
check "…rolls shrimp output up from the communes" test "$(row tom-san-luong '.value > 0 and .own == false')" = true
check "…against the province's annual plan" test "$(row tom-san-luong '.percent_plan > 0')" = true
check "…with the province's own CPI" test "$(row cpi '.own')" = true
check_rc "the demo's late list" 0 cv hung.lv --json figures late --period "$DEMO"
check "…has Phường 5, which entered nothing" test "$(jq '[.units[] | select(.unit == "'$P5'" and .missing)] | length' "$T/out")" = 1
# the rest starts from a province without figures
q "DELETE FROM fig_values; DELETE FROM fig_submissions; DELETE FROM fig_plans; DELETE FROM wf_log WHERE kind = 'figures'"

# --- periods: 15th of the previous month to the 14th ---
check_rc "on 14/11 at 23:59 a commune's list" 0 cv binh.nt --json figures list
check "…is of period 2026-11 (15/10-14/11)" \
  test "$(jq -r '[.period, .first, .last] | join(" ")' "$T/out")" = "2026-11 2026-10-15 2026-11-14"
check "…due 3 working days after the 14th (a Saturday): Wednesday 18/11" \
  test "$(jq -r .due "$T/out")" = "2026-11-18 17:00"
at "2026-11-15 00:00"
check_rc "on 15/11 at 00:00" 0 cv binh.nt --json figures list
check "…the period is 2026-12" test "$(jq -r .period "$T/out")" = "2026-12"
check "…with the commune's indicators, not the province's own (CPI)" \
  test "$(jq -c '[.figures[] | select(.code == "tom-san-luong" or .code == "cpi") | .code]' "$T/out")" = '["tom-san-luong"]'
at "2026-11-16 09:00"

# --- a commune enters, submits; the city returns, then accepts ---
check_rc "a commune specialist saves a draft for 2026-11" 0 \
  cv binh.nt --json figures submit --period 2026-11 --draft --value tom-san-luong=120 --value tom-dien-tich=400 \
  --value tom-nang-suat=0.30 --value lua-san-luong=1500
check "…four figures saved, still a draft" test "$(jq -r '[.saved, .state] | join(" ")' "$T/out")" = "4 draft"
check_rc "a figure with too many decimals is refused" 65 cv binh.nt figures submit --period 2026-11 --draft --value tom-san-luong=1.5
check "…saying why, in Vietnamese" has "chữ số thập phân"
check_rc "a province-only indicator is refused at a commune" 65 cv binh.nt figures submit --period 2026-11 --draft --value cpi=103.2
check "…saying the level" has "không báo cáo chỉ tiêu cpi"
check_rc "an unknown period is refused" 65 cv binh.nt figures list --period 2026-13
check_rc "Phường 5 may not enter Phường 1's figures" 77 cv quang.tv figures submit --unit $P1 --period 2026-11 --value tom-san-luong=1
check_rc "…nor see them" 77 cv quang.tv figures list $P1 --period 2026-11
check_rc "the city may not submit for Phường 1" 77 cv an.nv figures submit --unit $P1 --period 2026-11 --value tom-san-luong=1
check_rc "the commune submits" 0 cv binh.nt --json figures submit --period 2026-11 --value tom-san-luong=125
check "…submitted, on time" test "$(jq -r '[.state, .late, .saved] | join(" ")' "$T/out")" = "submitted false 1"
check_rc "figures are locked while submitted" 65 cv binh.nt figures submit --period 2026-11 --value tom-san-luong=126
check_rc "the commune may not accept its own figures" 77 cv cuong.lm figures accept $P1 --period 2026-11
check_rc "the province (not the unit directly above) may not accept them" 77 cv hung.lv figures accept $P1 --period 2026-11
check_rc "a return needs a note" 64 cv thanh.nv figures return $P1 --period 2026-11
check_rc "the city returns them with a note" 0 cv thanh.nv --json figures return $P1 --period 2026-11 --note "Kiểm tra lại sản lượng tôm"
check "…back to draft, the note kept" test "$(jq -r '[.state, .note] | join("|")' "$T/out")" = "draft|Kiểm tra lại sản lượng tôm"
check_rc "the commune corrects and submits final figures" 0 cv binh.nt --json figures submit --period 2026-11 --final --value tom-san-luong=130
check_rc "the city accepts" 0 cv thanh.nv --json figures accept $P1 --period 2026-11
check "…accepted" test "$(jq -r .state "$T/out")" = accepted
check "the engine logged every move (open, submit, return, submit, accept)" \
  test "$(q "SELECT group_concat(action, ',') FROM (SELECT action FROM wf_log WHERE kind = 'figures' ORDER BY id)")" = "open,submit,return,submit,accept"
check "…and audited them, by who moved them (the demo's were the console's)" test "$(q "SELECT group_concat(actor, ',') FROM (SELECT actor FROM audit WHERE action = 'figures.act' AND object = '$P1:2026-11' AND actor != 'console' ORDER BY id)")" = binh.nt,thanh.nv,binh.nt,thanh.nv
check_rc "every revision is kept" 0 cv binh.nt --json figures show tom-san-luong --period 2026-11
check "…120 estimate, 125 estimate, 130 final" \
  test "$(jq -r '[.revisions[] | "\(.value) \(.kind) \(.user)"] | join(",")' "$T/out")" = "120 estimate binh.nt,125 estimate binh.nt,130 final binh.nt"
check_rc "revising accepted figures needs a note" 65 cv binh.nt figures submit --period 2026-11 --value tom-san-luong=131
check_rc "…with one they go back through the workflow" 0 cv binh.nt --json figures submit --period 2026-11 --final --value tom-san-luong=131 --note "Số liệu chính thức của Chi cục Thủy sản"
check "…submitted again" test "$(jq -r .state "$T/out")" = submitted
cv thanh.nv figures accept $P1 --period 2026-11 >/dev/null

# --- roll-up: Phường 5 reports too; the city sums and weighs ---
watch_start thanh.nv "$T/w.city"
watch_start binh.nt "$T/w.p1"
cv quang.tv figures submit --period 2026-11 --value tom-san-luong=70 --value tom-dien-tich=100 --value tom-nang-suat=0.7 >/dev/null
for _ in $(seq 50); do grep -q "$P5" "$T/w.city" && break; sleep 0.1; done
check "Phường 5's submission is pushed to the city (figures.changed)" \
  grep -q "\"event\":\"figures.changed\".*\"unit\":\"$P5\".*\"state\":\"submitted\"" "$T/w.city"
settle binh.nt
check "…not to the sibling Phường 1" test "$(grep -c "$P5" "$T/w.p1")" = 0
check_rc "the city's list for 2026-11" 0 cv thanh.nv --json figures list --period 2026-11 --sector nong-nghiep
check "…sums shrimp output: 131 + 70" test "$(row tom-san-luong .value)" = 201
check "…rolled up, not its own" test "$(row tom-san-luong '[.own, .kind] | join(" ")')" = "false "
check "…weighs yield by area: (0.30*400 + 0.70*100)/500 = 0.38" test "$(row tom-nang-suat .value)" = 0.38
check_rc "the province's list" 0 cv hung.lv --json figures list --period 2026-11
check "…the same sums up one more level" test "$(row tom-san-luong .value)" = 201
check "…but refuses to add up the CPI (not additive)" test "$(row cpi '[.value, .refused] | join(" ")')" = " true"
check_rc "showing the CPI of the city is refused" 65 cv thanh.nv figures show cpi --period 2026-11
check "…saying it is not additive" has "không cộng dồn"

# --- plan and the same period last year ---
check_rc "a specialist may not set plans" 77 cv binh.nt figures plan tom-san-luong --unit $P1 --year 2026 --target 1000
check_rc "the city's leader sets Phường 1's annual plan" 0 cv thanh.nv figures plan tom-san-luong --unit $P1 --year 2026 --target 1000
cat >"$T/ly.csv" <<CSV
unit,period,indicator,value,kind
$P1,2025-11,tom-san-luong,100,final
$P1,2026-10,tom-san-luong,119,final
CSV
check_rc "last year's and last month's figures are imported" 0 cv binh.nt --json figures import --data "$(cat "$T/ly.csv")"
check "…two saved" test "$(jq -r .saved "$T/out")" = 2
check_rc "Phường 1's list" 0 cv binh.nt --json figures list --period 2026-11
check "…year to date 119 + 131 = 250" test "$(row tom-san-luong .ytd)" = 250
check "…25% of the plan of 1000" test "$(row tom-san-luong .percent_plan)" = 25
check "…+31% on November last year (131 vs 100)" test "$(row tom-san-luong .yoy)" = 31
check "…+10.1% on October (131 vs 119)" test "$(row tom-san-luong .change)" = 10.1
check "…the year 11/12 elapsed" test "$(jq -r .year_share "$T/out")" = 91.7
check_rc "the shrimp output's last 24 periods" 0 cv binh.nt --json figures show tom-san-luong --period 2026-11
check "…end with November 131, October 119, and November last year 100" \
  test "$(jq -r '[.series[-1], .series[-2], .series[-13]] | map("\(.period)=\(.value)") | join(" ")' "$T/out")" = "2026-11=131 2026-10=119 2025-11=100"
check_rc "the city compares its wards" 0 cv thanh.nv --json figures show tom-san-luong --period 2026-11
check "…Phường 1 131, Phường 5 70" \
  test "$(jq -r '[.units[] | select(.value != null) | "\(.unit)=\(.value)"] | join(" ")' "$T/out")" = "$P1=131 $P5=70"

# --- CSV import: bad rows by line, nothing half-imported ---
cat >"$T/bad.csv" <<CSV
unit,period,indicator,value
$P1,2026-12,tom-san-luong,10

$P1,2026-12,khong-co,5
$P1,2026-13,tom-san-luong,5
$P5,2026-12,tom-san-luong,5
$P1,2026-12,cua-san-luong,abc
CSV
before=$(q "SELECT count(*) FROM fig_values")
check_rc "an import with bad rows is refused" 65 cv binh.nt --json figures import --data "$(cat "$T/bad.csv")"
check "…naming each bad line" test "$(jq -r '.errors | map(split(":")[0]) | join(",")' "$T/out")" = "dòng 4,dòng 5,dòng 6,dòng 7"
check "…the other commune's row as out of scope" grep -q "dòng 6: đơn vị ngoài phạm vi" "$T/out"
check "…and nothing was kept, not even the good row" test "$(q "SELECT count(*) FROM fig_values")" = "$before"

# --- export ---
check_rc "the city exports 2026-10..2026-11 as CSV" 0 cv thanh.nv --csv figures export --period 2026-10 --to 2026-11
check "…with Phường 1's final figure" grep -q "$P1.*2026-11,tom-san-luong,131,final,4" "$T/out"

# --- late and missing ---
check_rc "on the 17th the city's late list" 0 cv thanh.nv --json figures late --period 2026-11
check "…not yet overdue, Phường 1 and 5 not listed" \
  test "$(jq -r '[.overdue, ([.units[].unit] | index("'$P1'"))] | map(tostring) | join(" ")' "$T/out")" = "false null"
at "2026-11-19 08:00"
check_rc "after the due date" 0 cv thanh.nv --json figures late --period 2026-11
check "…overdue, and the city's other wards that never reported are missing and late" \
  test "$(jq '[.overdue, ([.units[] | select(.missing and .late)] | length > 0)] | all' "$T/out")" = true
check "…Phường 5, which submitted on time, is not listed" test "$(jq '[.units[].unit] | index("'$P5'")' "$T/out")" = null
check_rc "U Minh submits its district figures after the due date" 0 \
  cv dat.ct --json figures submit --period 2026-11 --value ban-le=850.5 --value khach-du-lich=12000
check "…marked late" test "$(jq -r .late "$T/out")" = true
check_rc "the province's late list" 0 cv hung.lv --json figures late --period 2026-11
check "…lists U Minh as submitted late, not missing" \
  test "$(jq -r '.units[] | select(.unit == "'$UMINH'") | [.state, .missing, .late, .submitted_at] | map(tostring) | join(" ")' "$T/out")" = "submitted false true 2026-11-19 08:00"
check "…and the departments that report exports as missing" \
  test "$(jq '[.units[] | select(.level == "sở" and .missing)] | length > 0' "$T/out")" = true

# --- reminders on the engine's timers ---
at "2026-12-16 16:00"   # 2026-12 (15/11-14/12, the 14th a Monday) is due Thursday 17/12
settle binh.nt          # the loop sets the timers of the periods now running and just closed
cv binh.nt figures submit --period 2026-12 --value tom-san-luong=140 >/dev/null
watch_start quang.tv "$T/w.p5"
watch_start binh.nt "$T/w.p1b"
watch_start thanh.nv "$T/w.city2"
at "2026-12-17 07:01"   # a working day (8 working hours) before the due date: Wednesday 17:00 is Thursday 07:00
settle binh.nt
for _ in $(seq 50); do grep -q "Sắp đến hạn" "$T/w.p5" && break; sleep 0.1; done
check "a working day before the due date Phường 5, which sent nothing, is reminded" \
  grep -q '"event":"notice".*"kind":"figures".*"code":"2026-12".*"what":"due_soon"' "$T/w.p5"
settle binh.nt
check "…not Phường 1, which submitted" test "$(grep -c '"code":"2026-12"' "$T/w.p1b")" = 0
at "2026-12-17 17:01"
settle binh.nt
for _ in $(seq 50); do grep -q "chưa gửi số liệu kỳ 2026-12" "$T/w.city2" && break; sleep 0.1; done
check "past the due date Phường 5 is told it is overdue" \
  grep -q '"what":"overdue".*đã quá hạn' "$T/w.p5"
check "…and the city's leader how many units below have not sent theirs" \
  grep -q '"what":"late_units".*đơn vị trực thuộc chưa gửi số liệu kỳ 2026-12' "$T/w.city2"
check "…each reminder audited once" \
  test "$(q "SELECT group_concat(json_extract(detail, '\$.what'), ',') FROM audit WHERE action = 'figures.timer' AND object = '2026-12'")" = "due_soon,overdue"
finish
