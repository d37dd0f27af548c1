#!/usr/bin/env bash
# --lang en (issue 11): the server speaks Vietnamese on the wire, with codes;
# the client shows what it gets in the UI's language — the states' names, the
# remaining time, yes and no, the report's total, an error by its code and
# its detail when the catalog has it — and --json keeps the server's words.
# The catalog's formats are checked (msgfmt --check-format).
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P20=000.20.15.H12 # a sibling of Phường 1
clock_set "$(date -d '2026-12-03 10:00 +07:00' +%s)" # Thursday
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm hoa.dtt admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

check "the English catalog's formats match their msgids" \
  msgfmt --check-format --check -o /dev/null "$(dirname "$0")/../../po/en.po"

a=$(receive linh.ntm khai-tu) # same day: due 17:00 today
b=$(receive hoa.dtt khai-tu)

check_rc "dossier show in Vietnamese" 0 cv linh.ntm dossier show "$a"
check "…the state as the workflow names it" has "state_name: Đang xử lý"
check "…the time left as clerks read it" has "remaining: còn 5 giờ"
check "…no, in Vietnamese" has "overdue: không"
check_rc "dossier show --lang en" 0 cv linh.ntm --lang en dossier show "$a"
check "…the state in English" has "state_name: In processing"
check "…the time left in English" has "remaining: 5 hours left"
check "…no, in English" has "overdue: no"
check "…the timeline's state in English" grep -qE "^[0-9]+ .* receive .*In processing" "$T/out"
check "…the actions' labels in English" grep -qE "^withdraw +Stop \(withdrawn\)" "$T/out"
check "…nothing of those left in Vietnamese" lacks "Đang xử lý"
check_rc "--json keeps the server's words" 0 cv linh.ntm --lang en --json dossier show "$a"
check "…the state's name in Vietnamese, its code beside it" jq -e '.state_name == "Đang xử lý" and .state == "processing"' "$T/out"

check_rc "the queue in English" 0 cv linh.ntm --lang en dossier list --limit 5
check "…its states and times" grep -q "In processing.*5 hours left\|5 hours left.*In processing" "$T/out"
check_rc "the compact queue in English" 0 cv linh.ntm --lang en dossier list --compact --limit 5
check "…its states and times too" grep -q "In processing.*5 hours left\|5 hours left.*In processing" "$T/out"

clock_set "$(date -d '2026-12-04 10:00 +07:00' +%s)" # Friday: 3 working hours past 17:00 Thursday
check_rc "overdue, in English" 0 cv linh.ntm --lang en dossier status "$a"
check "…3 hours overdue" has "remaining: 3 hours overdue"
check_rc "overdue, in Vietnamese" 0 cv linh.ntm dossier status "$a"
check "…quá hạn 3 giờ" has "remaining: quá hạn 3 giờ"

check_rc "a refused request in English" 77 cv linh.ntm --lang en dossier lookup "$b"
check "…the error by its code, in English" has "congvu: This is outside your unit's scope [out_of_scope]"
check_rc "the same in Vietnamese" 77 cv linh.ntm dossier lookup "$b"
check "…in Vietnamese" has "Đối tượng nằm ngoài phạm vi đơn vị của bạn [out_of_scope]"
check_rc "a server's detail the catalog knows, in English" 65 cv linh.ntm --lang en report onestop --month 2026-13
check "…translated" has "The month is written YYYY-MM, e.g. 2026-03"
check "…nothing in Vietnamese" lacks "Tháng phải"
check_rc "the report's total in English" 0 cv linh.ntm --lang en report onestop --month 2026-12
check "…as Total" grep -qE "^Total +[0-9]" "$T/out"
check "…under an English title" has "REPORT ON THE HANDLING OF ADMINISTRATIVE PROCEDURES"

check "SIGTERM exits 0" stop_daemon
finish
