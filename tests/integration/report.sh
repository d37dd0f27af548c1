#!/usr/bin/env bash
# The monthly one-stop report (DOMAIN.md §1) against a hand-computed fixture:
# real dossiers are received through the CLI, then their dates and grades are
# set in the database to a known March 2026, including the month's edges in
# local time (UTC+7). Every figure below was counted by hand from the table.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12   # Phường 1, clerk linh.ntm
P20=000.20.15.H12  # another commune of the city, clerk hoa.dtt
P5=000.05.15.H12   # Phường 5: no dossiers
CITY=000.00.15.H12 # the city above all three

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm hoa.dtt thanh.nv quang.tv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

# t 'YYYY-MM-DD HH:MM' — epoch seconds of a local (UTC+7) time
t() { date -d "$1 +07:00" +%s; }
# fixture UNIT-CLERK RECEIVED DUE FINISHED GRADE [STATE CHANNEL PAUSED NEW_DUE]
# — a real dossier with these dates ('-' for NULL), received through the
# given channel (direct when none), left in STATE (as received when '-')
fixture() {
  local code fin grade state=${6:--} channel=${7:-direct} paused=NULL new_due=NULL
  code=$(receive "$1" "${PROC:-khai-tu}" --channel "$channel") || return 1
  fin=NULL grade=NULL
  [ "$4" != - ] && fin=$(t "$4")
  [ "$5" != - ] && grade="'$5'"
  [ "${8:--}" != - ] && paused=$(t "$8")
  [ "${9:--}" != - ] && new_due=$(t "$9")
  [ "$state" = - ] && state=$(sqlite3 "$DATA/congvu.db" "SELECT state FROM dossiers WHERE code='$code'")
  sqlite3 "$DATA/congvu.db" "UPDATE dossiers SET received=$(t "$2"), due=$(t "$3"), new_due=$new_due,
    finished=$fin, grade=$grade, state='$state', paused_at=$paused WHERE code='$code'"
}

#        clerk    received           due                finished           grade    counts in March
fixture linh.ntm '2026-02-20 09:00' '2026-03-05 17:00' - -                 # P1 carried over, overdue
fixture linh.ntm '2026-03-02 08:00' '2026-03-12 17:00' '2026-03-10 10:00' early   # P1 received, early
fixture linh.ntm '2026-03-03 08:00' '2026-03-13 17:00' '2026-03-20 10:00' late    # P1 received, late
fixture linh.ntm '2026-03-25 08:00' '2026-04-08 17:00' - -                 # P1 received, not yet due
fixture linh.ntm '2026-03-05 08:00' '2026-03-19 17:00' '2026-03-06 10:00' - withdrawn # P1 received, withdrawn
fixture linh.ntm '2026-02-10 08:00' '2026-02-24 17:00' '2026-02-20 10:00' on_time # P1 none: finished in February
fixture linh.ntm '2026-04-01 00:00' '2026-04-15 17:00' - -                 # P1 none: April at local midnight
fixture linh.ntm '2026-02-28 23:59' '2026-04-01 00:00' - -                 # P1 carried over (edge), due at the month's end: not yet due
fixture linh.ntm '2026-03-01 00:00' '2026-03-31 17:00' '2026-04-01 00:00' on_time # P1 received (edge), overdue at month end
fixture hoa.dtt  '2026-03-04 08:00' '2026-03-18 17:00' '2026-03-12 10:00' on_time # P20 received, on time
fixture hoa.dtt  '2026-03-04 09:00' '2026-03-18 17:00' '2026-03-13 10:00' on_time # P20 received, on time
fixture hoa.dtt  '2026-02-27 08:00' '2026-03-01 17:00' '2026-03-02 10:00' late    # P20 carried over, late
# P1:  received 5, carried over 2, early 1, on time 0, late 1, not due 2,
#      overdue 2, withdrawn 1 -> on-time rate 1/2 = 50.0 %, late rate 50.0 %
# P20: received 2, carried over 1, on time 2, late 1 -> 66.7 %, late 33.3 %
# city: received 7, carried over 3, early 1, on time 2, late 2, not due 2,
#      overdue 2, withdrawn 1 -> 3/5 = 60.0 %
sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM dossiers" >"$T/out"
check "twelve fixture dossiers in the database" has 12

row() { jq -c --arg u "$1" '.units[] | select(.unit == $u) |
  [.received, .carried_over, .early, .on_time, .late, .processing_not_due, .processing_overdue, .withdrawn,
   .on_time_rate, .late_rate, .rank]' "$T/out"; }

check_rc "the city leader's report for March 2026" 0 cv thanh.nv --json report onestop --month 2026-03
check "Phường 1 as counted by hand" test "$(row $P1)" = "[5,2,1,0,1,2,2,1,50,50,2]"
check "the other commune as counted by hand" test "$(row $P20)" = "[2,1,0,2,1,0,0,0,66.7,33.3,1]"
check "a unit with nothing is left out" test "$(row $P5)" = ""
check "the total as counted by hand" test "$(jq -c '.total | [.received, .carried_over, .early, .on_time, .late,
  .processing_not_due, .processing_overdue, .withdrawn, .on_time_rate]' "$T/out")" = "[7,3,1,2,2,2,2,1,60]"

check_rc "a commune's own report" 0 cv linh.ntm --json report onestop --month 2026-03
check "…holds its unit only" test "$(jq -c '[.units[].unit]' "$T/out")" = "[\"$P1\"]"
check "…with its total" test "$(jq .total.received "$T/out")" = 5
check_rc "a commune may not report on a sibling" 77 cv linh.ntm report onestop --month 2026-03 --unit $P20
check_rc "…nor on its parent" 77 cv linh.ntm report onestop --month 2026-03 --unit $CITY
check_rc "the city narrows to one commune" 0 cv thanh.nv --json report onestop --month 2026-03 --unit $P20
check "…and the total follows" test "$(jq -c '[.total.received, .total.late]' "$T/out")" = "[2,1]"

check_rc "February: what was there then" 0 cv thanh.nv --json report onestop --month 2026-02
check "…Phường 1 received 3 and resolved 1 on time" test "$(row $P1 | jq -c '.[0:5]')" = "[3,0,0,1,0]"
check_rc "April 2026: the edge dossier is received in April, not March" 0 cv thanh.nv --json report onestop --month 2026-04
check "…Phường 1 received 1, carried over 4" test "$(row $P1 | jq -c '.[0:2]')" = "[1,4]"

check_rc "CSV for a spreadsheet" 0 cv thanh.nv --csv report onestop --month 2026-03
check "…a header naming the columns" grep -q '^unit,.*received.*carried_over.*on_time_rate' "$T/out"
check "…a row per unit" test "$(grep -c "^$P1,\|^$P20," "$T/out")" = 2
# received (direct, online, postal), carried over, early, on time, late, not
# due, overdue, supplement, refused after review, withdrawn
check "…carrying the figures" grep -q "^$P1,.*,5,5,0,0,2,1,0,1,2,2,0,0,1," "$T/out"
check_rc "on screen" 0 cv thanh.nv report onestop --month 2026-03
check "…in Vietnamese" has "Tổng cộng"
check "…with the on-time rate" has "60"
# report: on screen as it prints — the title, the indicators, within 80 columns
check "…the report's title" has "Báo cáo một cửa tháng 03/2026"
check "…the indicators per procedure" has "3. Chỉ số tiến độ theo thủ tục"
check "…no line wider than 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 80
check_rc "the report as a PDF" 0 cv thanh.nv report onestop --month 2026-03 --pdf "$T/report.pdf"
check "…A4" grep -q "(A4)" <(pdfinfo "$T/report.pdf")
check "…its text: the title and the total" \
  grep -qF "BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" <(pdftotext "$T/report.pdf" -)

# --- report: the average processing time (QĐ 766/QĐ-TTg), in working days
# from reception to the result (07:00-11:00, 13:00-17:00, Mon-Fri), over the
# dossiers resolved in March, counted by hand from the table above:
#   P1  02/3 08:00 -> 10/3 10:00: 7 + 4x8 + 8 + 3 = 50 h
#       03/3 08:00 -> 20/3 10:00: 7 + 3x8 + 5x8 + 4x8 + 3 = 106 h
#       -> 156 h / 2 = 78 h = 9.75 days -> 9.8
#   P20 04/3 08:00 -> 12/3 10:00: 7 + 2x8 + 3x8 + 3 = 50 h
#       04/3 09:00 -> 13/3 10:00: 6 + 2x8 + 4x8 + 3 = 57 h
#       27/2 08:00 -> 02/3 10:00 (Fri, then Mon): 7 + 3 = 10 h
#       -> 117 h / 3 = 39 h = 4.875 days -> 4.9
#   all 273 h / 5 = 54.6 h = 6.825 days -> 6.8
# (the edge dossier finished at 1 April 00:00 is April's; February's is February's)
check_rc "the March report again" 0 cv thanh.nv --json report onestop --month 2026-03
avg() { jq -c --arg u "$1" '.units[] | select(.unit == $u) | .avg_days' "$T/out"; }
check "Phường 1's average processing time: 9.8 working days" test "$(avg $P1)" = 9.8
check "the other commune's: 4.9" test "$(avg $P20)" = 4.9
check "in all: 6.8" test "$(jq .total.avg_days "$T/out")" = 6.8
check "one procedure so far, with the same figures" \
  test "$(jq -c '[.procedures[] | [.procedure, .received, .on_time_rate, .avg_days]]' "$T/out")" = '[["khai-tu",7,60,6.8]]'
# a chứng thực at Phường 1 received on Monday 16 March 08:00, ready at 10:00
# the same morning (2 h = 0.25 day -> 0.3), received online
PROC=chung-thuc-ban-sao fixture linh.ntm '2026-03-16 08:00' '2026-03-16 17:00' '2026-03-16 10:00' early - online
check_rc "the March report per procedure" 0 cv thanh.nv --json report onestop --month 2026-03
proc() { jq -c --arg p "$1" '.procedures[] | select(.procedure == $p) |
  [.received, .received_online, .early, .on_time, .late, .on_time_rate, .online_rate, .avg_days]' "$T/out"; }
check "…the chứng thực: 1 received online, early, 0.3 day" test "$(proc chung-thuc-ban-sao)" = "[1,1,1,0,0,100,100,0.3]"
check "…khai tử unchanged: 7 received, 3 of 5 in time, 6.8 days" test "$(proc khai-tu)" = "[7,0,1,2,2,60,0,6.8]"
check "…Phường 1's average now (50 + 106 + 2) / 3 = 52.7 h = 6.58 days -> 6.6" test "$(avg $P1)" = 6.6
check "…in all (273 + 2) / 6 = 45.8 h = 5.73 days -> 5.7" test "$(jq .total.avg_days "$T/out")" = 5.7
check "…the share received online, 1 of 8: 12.5 %" test "$(jq .total.online_rate "$T/out")" = 12.5
check_rc "the other commune's own report per procedure" 0 cv hoa.dtt --json report onestop --month 2026-03
check "…holds its procedure only" test "$(jq -c '[.procedures[].procedure]' "$T/out")" = '["khai-tu"]'
check "…with its own average" test "$(jq -c '.procedures[0].avg_days' "$T/out")" = 4.9
check_rc "per procedure for a spreadsheet" 0 cv thanh.nv --csv report onestop --month 2026-03 --by procedure
check "…a header naming the columns" grep -q '^procedure,title,received,.*on_time_rate,late_rate,online_rate,e_result_rate,avg_days' "$T/out"
check "…a row per procedure, the average last" test "$(tr -d '\r' <"$T/out" | grep -c '^chung-thuc-ban-sao,.*,0.3$\|^khai-tu,.*,6.8$')" = 2
check_rc "by what else is refused" 65 cv thanh.nv --json report onestop --month 2026-03 --by month
check "…naming the field" jq -e '.field == "by"' "$T/out"
check_rc "February: none resolved at the other commune, no average" 0 cv hoa.dtt --json report onestop --month 2026-02
check "…null, not 0" test "$(jq -c '.total.avg_days' "$T/out")" = null

check_rc "a malformed month is refused" 65 cv thanh.nv report onestop --month 2026-13
check "…saying how to write it" has "YYYY-MM"
for m in 2026-+1 "2026- 3" " 2026-3" 2026-3 +2026-3 2026-00 2026x03; do
  check_rc "month '$m' is refused: exactly YYYY-MM" 65 cv thanh.nv --json report onestop --month "$m"
  check "…as invalid, naming the field" jq -e '.error == "invalid" and .field == "month"' "$T/out"
done
check_rc "a month is required" 64 cv thanh.nv report onestop

# --- May 2026 in the other commune, reported before the month ends ---
# A report run on 20 May judges what is open now, not at 1 June: a dossier
# due on 25 May is not yet due (the month's end would call it overdue).
#       clerk   received           due                finished           grade   state     channel paused             new_due
fixture hoa.dtt '2026-05-04 08:00' '2026-05-25 17:00' -                  -       -         direct  # a: not yet due on 20/5
fixture hoa.dtt '2026-05-05 08:00' '2026-05-12 17:00' -                  -       -         online  # b: overdue
fixture hoa.dtt '2026-05-06 08:00' '2026-05-08 17:00' -                  -       -         postal  - '2026-05-29 17:00' # c: apologised, overdue against 8/5
fixture hoa.dtt '2026-05-07 08:00' '2026-05-28 17:00' -                  -       supplement direct '2026-05-11 10:00' # d: waiting for a supplement
fixture hoa.dtt '2026-05-08 08:00' '2026-05-20 17:00' '2026-05-08 09:00' -       refused   direct  # e: refused at reception: nowhere
fixture hoa.dtt '2026-05-11 08:00' '2026-05-20 17:00' '2026-05-15 10:00' -       rejected  online  # f: refused after review
fixture hoa.dtt '2026-05-12 08:00' '2026-05-26 17:00' '2026-05-14 10:00' -       withdrawn direct  # g: withdrawn
fixture hoa.dtt '2026-05-13 08:00' '2026-05-13 17:00' '2026-05-13 16:00' on_time returned direct  # h: on time
fixture hoa.dtt '2026-04-28 08:00' '2026-05-05 17:00' -                  -       -         online  # i: carried over, overdue
# on 20 May 10:00, the calendar month: received 7 (e is not: direct a d g h,
# online b f, postal c), carried over 1 (i), on time 1 (h), not yet due 1
# (a), overdue 3 (b, c, i), supplement 1 (d), refused after review 1 (f),
# withdrawn 1 (g) -> on time 100 %
cols='[.received, .received_direct, .received_online, .received_postal, .carried_over, .early, .on_time, .late,
  .processing_not_due, .processing_overdue, .supplement, .refused_after_review, .withdrawn, .on_time_rate]'
may() { jq -c --arg u "$P20" ".units[] | select(.unit == \$u) | $cols" "$T/out"; }
clock_set "$(t '2026-05-20 10:00')"
check_rc "the May report run on 20 May" 0 cv thanh.nv --json report onestop --month 2026-05
check "…judged now: a dossier due 25 May is not yet due, the apologised one overdue" \
  test "$(may)" = "[7,4,2,1,1,0,1,0,1,3,1,1,1,100]"
check "…saying when it was judged" test "$(jq -r .as_of "$T/out")" = "2026-05-20 10:00"
check "…the share received online: 2 of 7" test "$(jq --arg u "$P20" '.units[] | select(.unit == $u) | .online_rate' "$T/out")" = 28.6
check_rc "the apologised dossier is in the overdue queue" 0 cv hoa.dtt --json dossier list --overdue --limit 50
check "…three overdue there too" test "$(jq '.dossiers | length' "$T/out")" = 3
check "…showing their channels" test "$(jq -c '[.dossiers[].channel] | sort' "$T/out")" = '["online","online","postal"]'
clock_set "$(t '2026-06-02 10:00')"
check_rc "the same report after the month's end" 0 cv thanh.nv --json report onestop --month 2026-05
check "…judged at the month's end: a is overdue now" test "$(may)" = "[7,4,2,1,1,0,1,0,0,4,1,1,1,100]"
# NĐ 09/2019: 15 April to 14 May. Received 8 (i and a..h but e), carried 0;
# at 15 May 00:00: on time 1 (h), withdrawn 1 (g), f still open and not due
# (it ends on the 15th), a not due, b c i overdue, d waiting
check_rc "the NĐ 09/2019 period (15/4–14/5)" 0 cv thanh.nv --json report onestop --month 2026-05 --period nd09
check "…as counted by hand" test "$(may)" = "[8,4,3,1,0,0,1,0,2,3,1,0,1,100]"
check "…from the 15th to the 15th" test "$(jq -r '.from + " " + .to' "$T/out")" = "2026-04-15 00:00 2026-05-15 00:00"
check_rc "a period of another kind is refused" 65 cv thanh.nv --json report onestop --month 2026-05 --period quarter
check "…naming the field" jq -e '.field == "period"' "$T/out"

# --- June: results delivered electronically (QĐ 766/QĐ-TTg), through the
# real return: four khai tử at Phường 1 walked to their result on 2 June,
# two returned online (to the applicant's portal account), one at the desk,
# one by post -> 2 of 4 = 50.0 %; a fifth still at its result, not returned
declare -A WHO=([$P1/clerk]=linh.ntm [$P1/specialist]=binh.nt [$P1/leader]=cuong.lm)
for u in binh.nt cuong.lm; do enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"; done
for m in online online desk post; do
  code=$(receive linh.ntm khai-tu)
  METHOD=$m check "a June khai tử returned by $m" walk "$code"
done
code=$(receive linh.ntm khai-tu)
check "a fifth walked to its result" to_result "$code"
check_rc "…returned by a method that is none of desk, post, online: refused" 65 \
  cv linh.ntm --json dossier act "$code" deliver --collector "Người nhận" --collector-id 079123456789 --method email
check "…naming the field" jq -e '.field == "method"' "$T/out"
clock_advance 60 # the report judges what happened before its instant
check_rc "the June report" 0 cv thanh.nv --json report onestop --month 2026-06
eres() { jq -c --arg u "$P1" '.units[] | select(.unit == $u) | [.returned, .returned_online, .e_result_rate]' "$T/out"; }
check "…Phường 1: 4 returned, 2 electronically, 50 %" test "$(eres)" = "[4,2,50]"
check "…the same in the total" test "$(jq -c '.total | [.returned, .returned_online, .e_result_rate]' "$T/out")" = "[4,2,50]"
check "…and per procedure" \
  test "$(jq -c '.procedures[] | select(.procedure == "khai-tu") | [.returned, .returned_online, .e_result_rate]' "$T/out")" = "[4,2,50]"
check "…none returned at the other commune: no rate, not 0" \
  test "$(jq -c --arg u "$P20" '[.units[] | select(.unit == $u) | .e_result_rate]' "$T/out")" = "[null]"
check_rc "May had no return: its rate is null" 0 cv thanh.nv --json report onestop --month 2026-05
check "…null, not 0" test "$(jq -c '.total.e_result_rate' "$T/out")" = null
check_rc "the June report as text" 0 cv thanh.nv report onestop --month 2026-06
check "…names the column" grep -q "kết quả" "$T/out"
check "…no line wider than 80 columns" test "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 80

check "SIGTERM exits 0" stop_daemon
finish
