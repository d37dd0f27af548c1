#!/usr/bin/env bash
# Same-day procedures against a real congvud with its clock set (NĐ 23/2015
# art. 7; QĐ 1872/QĐ-BTP 2020): received at or before 15:00:00 a dossier is
# due at the close of that working day, after it at the close of the next;
# a result handed over at 16:00 that day is on time, the next morning late.
# The rule is version 2 of the procedures, in force from 1 December 2026: a
# dossier received under version 1 (8 working hours) keeps it.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12 # Phường 1 (commune level)
declare -A WHO=([$P1/clerk]=linh.ntm [$P1/specialist]=binh.nt [$P1/leader]=cuong.lm)

# at "YYYY-MM-DD HH:MM:SS" — the daemon's time, Vietnam local
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
show() { cv admin --json dossier show "$1"; }
due() { show "$1" | jq -r .due; }

at "2026-11-30 10:00:00" # a Monday, before version 2
# the clock jumps days ahead: keep the officials' sessions over it
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt cuong.lm admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

# --- before the effective date: version 1, 8 working hours ---
old=$(receive linh.ntm khai-sinh)
check "under version 1 (before 1/12/2026) khai-sinh is due 8 working hours later" \
  test "$(show "$old" | jq -r '"\(.proc_version) \(.due)"')" = "1 2026-12-01 10:00"

# --- version 2: same day ---
at "2026-12-02 10:00:00" # Wednesday
check_rc "the procedure reads \"Trong ngày\"" 0 cv linh.ntm --json procedure show khai-sinh
check "…as version 2 with its text" test "$(jq -r '"\(.version) \(.processing_unit) \(.processing_text)"' "$T/out")" = \
  "2 trong ngày Trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)"
check "the dossier received under version 1 keeps it" \
  test "$(show "$old" | jq -r '"\(.proc_version) \(.due)"')" = "1 2026-12-01 10:00"

morning=$(receive linh.ntm khai-sinh)
check "received at 10:00: due at the close of the same day" test "$(due "$morning")" = "2026-12-02 17:00"
check "…version 2" test "$(show "$morning" | jq -r .proc_version)" = 2
check_rc "its receipt (form 01) prints" 0 cv linh.ntm dossier print "$morning" --form 01
check "…with the same-day processing time" \
  grep -q "theo quy định: Trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)" "$T/out"
check "…and the appointment" grep -q "Thời gian trả kết quả giải quyết hồ sơ: 2026-12-02 17:00" "$T/out"
check "the remaining time reads in working hours to the close" \
  test "$(show "$morning" | jq -r .remaining)" = "còn 5 giờ"
late=$(receive linh.ntm chung-thuc-ban-sao)
check "chứng thực the same" test "$(due "$late")" = "2026-12-02 17:00"

at "2026-12-02 15:00:00"
k=$(receive linh.ntm khai-tu)
check "received at 15:00:00: still the same day (after 15:00 is later)" test "$(due "$k")" = "2026-12-02 17:00"
at "2026-12-02 15:00:01"
k=$(receive linh.ntm ket-hon)
check "received at 15:00:01: the next working day's close" test "$(due "$k")" = "2026-12-03 17:00"

# --- grading: on time until the close, late the next morning ---
at "2026-12-02 16:00:00"
check "at 16:00 one hour remains" test "$(show "$morning" | jq -r .remaining)" = "còn 1 giờ"
check "…not overdue" test "$(show "$morning" | jq -r .overdue)" = false
check "the morning dossier walks to its result, handed over at 16:00" walk "$morning"
check "…graded on time" test "$(show "$morning" | jq -r '.state + " " + .grade')" = "returned on_time"
at "2026-12-03 08:00:00"
check "the next morning the chứng thực dossier is overdue" test "$(show "$late" | jq -r .overdue)" = true
check "…handed over then" walk "$late"
check "…graded late" test "$(show "$late" | jq -r '.state + " " + .grade')" = "returned late"

# --- weekends ---
at "2026-12-04 16:00:00" # Friday after 15:00
k=$(receive linh.ntm khai-sinh)
check "received Friday 16:00: due at Monday's close" test "$(due "$k")" = "2026-12-07 17:00"
at "2026-12-05 10:00:00" # Saturday
k=$(receive linh.ntm khai-sinh)
check "received on a Saturday: due at Monday's close" test "$(due "$k")" = "2026-12-07 17:00"

finish
