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
check "…with the same-day processing time" grep -qF \
  "theo quy định: Trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)" <(tr -s '\n ' '  ' <"$T/out")
check "…and the appointment" grep -qF \
  "Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 02 tháng 12 năm 2026" <(tr -s '\n ' '  ' <"$T/out")
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

# recv_json PROCEDURE [args] — the clerk's whole reply to a reception, in $T/out
recv_json() {
  local proc=$1 args; shift
  mapfile -t args < <(valid_fields "$proc")
  cv linh.ntm --json dossier receive --procedure "$proc" "${args[@]}" "$@"
}

# --- lawful extensions picked at reception: in the appointment, not late ---
at "2026-12-02 10:00:00"
ext=$(receive linh.ntm chung-thuc-ban-sao --extension nhieu-trang)
check "chứng thực with many pages: the same-day close plus 2 working days" test "$(due "$ext")" = "2026-12-04 17:00"
check "…named in the dossier, no apology" \
  test "$(show "$ext" | jq -r '"\(.extension != null) \(.apologies) \(.new_due)"')" = "true 0 null"
vx=$(receive linh.ntm ket-hon --extension xac-minh)
check "kết hôn needing verification: 5 working days from reception" test "$(due "$vx")" = "2026-12-09 10:00"
check_rc "an extension the procedure does not declare is refused" 65 \
  recv_json khai-sinh --extension nhieu-trang
check "…naming the field" jq -e '.field == "extension"' "$T/out"
check_rc "procedure show lists the extensions with their legal basis" 0 cv linh.ntm --json procedure show chung-thuc-ban-sao
check "…nhieu-trang, +2 days, Nghị định 23/2015" \
  jq -e '.extensions[0] | .code == "nhieu-trang" and .add == "2 ngày làm việc" and (.legal_basis | test("23/2015"))' "$T/out"
at "2026-12-04 16:00:00"
check "the extended chứng thực is not overdue on its last day" test "$(show "$ext" | jq -r .overdue)" = false
check "…handed over then" walk "$ext"
check "…graded on time" test "$(show "$ext" | jq -r .grade)" = on_time

# --- a later step is due no later than the same-day appointment ---
at "2026-12-07 14:00:00" # Monday
cap=$(receive linh.ntm khai-sinh)
at "2026-12-07 14:30:00"
check_rc "the specialist passes it on at 14:30" 0 cv binh.nt dossier act "$cap" submit
check "…the signing step (3 h) is due at the day's close, not the next morning" \
  test "$(show "$cap" | jq -r .step_due)" = "2026-12-07 17:00"

# --- a supplement brought back: the same-day rule again ---
at "2026-12-07 09:00:00"
sup=$(receive linh.ntm khai-sinh)
at "2026-12-07 10:00:00"
check_rc "the specialist asks for a supplement" 0 cv binh.nt dossier act "$sup" supplement --note "Thiếu giấy chứng sinh"
at "2026-12-08 14:00:00"
check_rc "the desk takes the supplement on Tuesday at 14:00" 0 cv linh.ntm dossier act "$sup" resubmit
check "…due at Tuesday's close (not the 7 h left counted on)" test "$(due "$sup")" = "2026-12-08 17:00"
at "2026-12-08 11:00:00"
sup2=$(receive linh.ntm khai-tu)
check_rc "…another asked for a supplement" 0 cv binh.nt dossier act "$sup2" supplement --note "Thiếu giấy báo tử"
at "2026-12-08 15:30:00"
check_rc "…brought back after 15:00" 0 cv linh.ntm dossier act "$sup2" resubmit
check "…due at the next working day's close" test "$(due "$sup2")" = "2026-12-09 17:00"

# --- apology (form 04): once, and overdue against the first date ---
at "2026-12-09 10:00:00"
ap=$(receive linh.ntm khai-sinh)
at "2026-12-10 08:00:00"
check "the day after, it is overdue" test "$(show "$ap" | jq -r .overdue)" = true
check_rc "the desk apologises with a new date" 0 cv linh.ntm dossier act "$ap" apologize --note "Chậm ký" --new-due 2026-12-11
check "…still overdue against its original appointment" test "$(show "$ap" | jq -r '"\(.overdue) \(.apologies)"')" = "true 1"
check_rc "…in the overdue queue" 0 cv linh.ntm --json dossier list --overdue --limit 100
check "…listed there" jq -e --arg c "$ap" '[.dossiers[].code] | index($c) != null' "$T/out"
check_rc "a second apology is refused" 75 cv linh.ntm --json dossier act "$ap" apologize --note "Lại chậm" --new-due 2026-12-14
check "…saying the procedure allows one" jq -e '.detail | test("chỉ cho phép 1 lần")' "$T/out"

# --- the reception says when the clock starts ---
at "2026-12-12 10:00:00" # Saturday: no desk in the shipped calendar
check_rc "an online dossier received on a Saturday" 0 \
  recv_json khai-sinh --channel online
check "…is told it counts from Monday's opening" \
  jq -e '.notice | test("ngoài giờ làm việc của bộ phận một cửa: thời hạn giải quyết tính từ 2026-12-14 07:00")' "$T/out"
check "…through its channel" test "$(jq -r .channel "$T/out")" = online
at "2026-12-14 15:30:00"
check_rc "a same-day dossier received at 15:30" 0 \
  recv_json khai-sinh
check "…is told the result comes the next working day" jq -e '.notice | test("sau 15 giờ")' "$T/out"
at "2026-12-14 10:00:00"
check_rc "at 10:00 on a Monday" 0 recv_json khai-sinh
check "…no notice: the clock starts at once" jq -e '.notice == null and .channel == "direct"' "$T/out"

# --- return of results ---
ret=$(jq -r .code "$T/out")
for u in binh.nt cuong.lm; do cv $u dossier act "$ret" submit >/dev/null; done
check "the result is ready" test "$(show "$ret" | jq -r .state)" = result
check_rc "the clerk's queue" 0 cv linh.ntm --json dossier list --mine --limit 100
check "…includes the result waiting to be returned" jq -e --arg c "$ret" '[.dossiers[].code] | index($c) != null' "$T/out"
check_rc "returning it without who collected it is refused" 65 cv linh.ntm --json dossier act "$ret" deliver --method desk
check "…naming the collector" jq -e '.field == "collector"' "$T/out"
check_rc "a person authorised by the applicant collects it at the desk" 0 cv linh.ntm dossier act "$ret" deliver \
  --collector "Trần Thị Bình" --collector-id 079187654321 --collector-kind authorised --method desk --result-no 123/2026
check "…recorded: who, ID, how, the result's number, when" test "$(show "$ret" | jq -r '.returned |
  "\(.collector_kind) \(.collector) \(.collector_id) \(.method) \(.result_no) \(.at)"')" = \
  "authorised Trần Thị Bình 079187654321 desk 123/2026 2026-12-14 10:00"
check_rc "…and it leaves the clerk's queue" 0 cv linh.ntm --json dossier list --mine --limit 100
check "…gone from it" jq -e --arg c "$ret" '[.dossiers[].code] | index($c) == null' "$T/out"

finish
