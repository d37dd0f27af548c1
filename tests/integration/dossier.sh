#!/usr/bin/env bash
# One-stop dossiers against a real congvud: every shipped procedure from
# reception to returned result, the two-unit procedure, supplement pause and
# resume, the apology path, concurrent actions, scope, field validation, NFC,
# diacritic-free search, printing, and the due-soon/overdue timers. (The
# monthly report: report.sh.)
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12    # Phường 1 (commune level)
CITY=000.00.15.H12  # thành phố Cà Mau (district level, parent of Phường 1)
P5=000.05.15.H12    # Phường 5, a sibling commune

# The two-unit procedure walked here (the commune's desk, the district's
# decision) is ho-kinh-doanh's version 1; since 01/07/2025 its version 2 keeps
# it in the commune (twotier.sh): the forms without version 2.
FORMS1=$T/forms1
cp -r "$(dirname "$0")/../../forms" "$FORMS1" && rm "$FORMS1/procedures/ho-kinh-doanh-v2.yaml"
new_data "{\"forms\": \"$FORMS1\"}"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
# one device per official, each logged in
for u in linh.ntm binh.nt cuong.lm huong.ptt an.nv thanh.nv quang.tv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
declare -A WHO=(
  [$P1/clerk]=linh.ntm [$P1/specialist]=binh.nt [$P1/leader]=cuong.lm
  [$CITY/clerk]=huong.ptt [$CITY/specialist]=an.nv [$CITY/leader]=thanh.nv
)
check_rc "seven procedures are offered" 0 cv linh.ntm --json procedure list
check "…all seven" test "$(jq '.procedures|length' "$T/out")" -ge 7
check_rc "a reception form's definition, brief" 0 cv linh.ntm --json procedure show khai-tu --brief
check "…its code, version, the full fields and the desk's part (papers, extensions), nothing more" \
  test "$(jq -c '[keys, .fields, .checklist, .extensions, .apologies]' "$T/out")" = \
  "$(cv linh.ntm --json procedure show khai-tu |
    jq -c '[["apologies", "checklist", "code", "extensions", "fields", "tag", "version"], .fields, .checklist, .extensions, .apologies]')"

# --- a full lifecycle per shipped procedure ---
for proc in $(cv linh.ntm --json procedure list | jq -r '.procedures[].code'); do
  level=$(cv admin --json procedure show "$proc" | jq -r '.steps[1].unit')
  clerk=linh.ntm
  [ "$proc" = xay-dung-nha-o ] && clerk=huong.ptt
  code=$(receive $clerk "$proc")
  check "$proc: received with a code in the national format" \
    grep -qE '^000\.(01|00)\.15\.H12-[0-9]{6}-[0-9]{4}$' <<<"$code"
  check "$proc: walks every step to the returned result" walk "$code"
  check "$proc: returned and graded" test "$(cv admin --json dossier show "$code" | jq -r '.state + "/" + (.grade // "-")')" != "returned/-"
  check "$proc: every hand-off is on the control slip (form 06)" \
    test "$(cv admin --json dossier print "$code" --form 06 | jq -r .layout | grep -c 'Chuyển bước tiếp')" -ge 1
done

# --- the receipt ---
code=$(receive linh.ntm khai-sinh)
check_rc "receipt (form 01) prints" 0 cv linh.ntm dossier print "$code" --form 01
check "…with the title, code and appointment" grep -q "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" "$T/out"
check "…and the dossier code" has "$code"
check "the code's sequence counts per agency per day" \
  test "$(receive linh.ntm khai-tu | cut -d- -f3)" = "$(printf '%04d' $((10#$(cut -d- -f3 <<<"$code") + 1)))"

# --- a two-unit procedure: commune desk → district decision ---
code=$(receive linh.ntm ho-kinh-doanh)
check_rc "the district sees the commune's dossier in its queue" 0 cv an.nv --json dossier list --mine
check "…waiting on the district specialist" test "$(jq --arg c "$code" '[.dossiers[]|select(.code==$c)]|length' "$T/out")" = 1
check_rc "the commune specialist may not act on the district's step" 77 cv binh.nt dossier act "$code" submit
check_rc "the district specialist submits" 0 cv an.nv dossier act "$code" submit
check_rc "the district leader signs" 0 cv thanh.nv dossier act "$code" submit
check "the result comes back to the commune desk" test "$(cv admin --json dossier show "$code" | jq -r '.state + " " + .handler_unit')" = "result $P1"
check_rc "the commune clerk returns it" 0 cv linh.ntm dossier act "$code" deliver \
  --collector "Nguyễn Văn An" --collector-id 079123456789 --method desk

# --- supplement: the clock pauses, then resumes ---
code=$(receive linh.ntm xac-nhan-hon-nhan)
check_rc "supplement needs a reason" 65 cv binh.nt dossier act "$code" supplement
check_rc "the specialist requests a supplement (form 02)" 0 cv binh.nt --json dossier act "$code" supplement --note "Thiếu bản sao giấy xác nhận cư trú"
check "…the form 02 text comes with it" test "$(jq -r .form "$T/out")" = 02
check "…and the clock is paused" grep -q "supplement|.*tạm dừng" <<<"$(cv admin --json dossier show "$code" | jq -r '.state + "|" + .remaining')"
check "paused time is recorded" test "$(sqlite3 "$DATA/congvu.db" "SELECT paused_at IS NOT NULL FROM dossiers WHERE code='$code'")" = 1
DUE0=$(sqlite3 "$DATA/congvu.db" "SELECT due FROM dossiers WHERE code='$code'")
check_rc "only the desk resubmits" 77 cv binh.nt dossier act "$code" resubmit
check_rc "the clerk resubmits" 0 cv linh.ntm dossier act "$code" resubmit
check "…back to the step it paused in" test "$(cv admin --json dossier show "$code" | jq -r '.state')" = processing
check "…with the remaining time resumed (due not earlier)" test "$(sqlite3 "$DATA/congvu.db" "SELECT due >= $DUE0 AND paused_at IS NULL FROM dossiers WHERE code='$code'")" = 1
sqlite3 "$DATA/congvu.db" "UPDATE wf_log SET at=$(date -d '2026-03-02 09:15 +07:00' +%s) WHERE kind='dossier' AND form='02' AND object_id=(SELECT id FROM dossiers WHERE code='$code')"
check_rc "form 02 reprinted later" 0 cv binh.nt dossier print "$code" --form 02
check "…is dated when it was issued" has "Lập lúc 09 giờ 15 phút, ngày 02 tháng 03 năm 2026."
check "…and keeps the reception date apart" grep -q "$(date -u -d "+7 hours" +"ngày %d tháng %m năm %Y")" "$T/out"

# --- apology with a new date (form 04): counts as late ---
code=$(receive linh.ntm xac-nhan-hon-nhan)
NEW=$(date -d '+20 days' +%Y-%m-%d)
while [ "$(date -d "$NEW" +%u)" -gt 5 ]; do NEW=$(date -d "$NEW +1 day" +%Y-%m-%d); done
check_rc "an apology needs a new date" 65 cv linh.ntm dossier act "$code" apologize --note "Chờ xác minh"
check_rc "the desk apologizes with a new date" 0 cv linh.ntm dossier act "$code" apologize --note "Chờ xác minh nơi cư trú" --new-due "$NEW"
cv linh.ntm dossier print "$code" --form 04 >"$T/f04"
check "…form 04 carries the new date" grep -q "$(date -d "$NEW" +"ngày %d tháng %m năm %Y")" <(tr -s '\n ' '  ' <"$T/f04")
check "…and the reason" grep -q "Chờ xác minh nơi cư trú" "$T/f04"
check "both dates are kept" test "$(sqlite3 "$DATA/congvu.db" "SELECT new_due > due FROM dossiers WHERE code='$code'")" = 1
walk "$code"
check "an apologized dossier counts as late" test "$(cv admin --json dossier show "$code" | jq -r .grade)" = late

# --- concurrent actions: one wins, the other gets a conflict and the new state ---
code=$(receive linh.ntm khai-sinh)
V=$(cv binh.nt --json dossier show "$code" | jq .version)
enroll binh2 $PROVINCE && login binh2 binh.nt
cv binh.nt --json dossier act "$code" submit --version "$V" >"$T/a1" 2>&1 & p1=$!
as binh2 "$CONGVU" --json dossier act "$code" submit --version "$V" >"$T/a2" 2>&1 & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
check "two officials act at once: exactly one wins" test "$(( (r1 == 0) + (r2 == 0) ))" = 1
check "…the other gets a conflict (exit 75)" test "$(( (r1 == 75) + (r2 == 75) ))" = 1
cat "$T/a1" "$T/a2" >"$T/out"
check "…told in Vietnamese with the new state" grep -q '"error":"conflict"' "$T/out"
check "…and the dossier moved one step only" test "$(sqlite3 "$DATA/congvu.db" "SELECT step FROM dossiers WHERE code='$code'")" = 2

# --- scope ---
check_rc "a sibling commune may ask the status by code" 0 cv quang.tv dossier status "$code"
check_rc "…but not see the details" 77 cv quang.tv dossier show "$code"
check "…out of scope" has "out_of_scope"
check_rc "…nor act on it" 77 cv quang.tv dossier act "$code" submit
check_rc "…nor print it" 77 cv quang.tv dossier print "$code" --form 01
check_rc "…and its queue does not list it" 0 cv quang.tv --json dossier list
check "…(empty)" test "$(jq '.dossiers|length' "$T/out")" = 0
check_rc "a specialist may not receive" 77 cv binh.nt dossier receive --procedure khai-tu --field applicant_name=X

# --- every invalid field type is rejected with a Vietnamese message ---
bad() { # DESC PROCEDURE FIELD VALUE EXPECT
  local args; mapfile -t args < <(valid_fields "$2")
  check_rc "$1 is rejected" 65 cv linh.ntm dossier receive --procedure "$2" "${args[@]}" --field "$3=$4"
  check "…naming the field: $5" has "$5"
}
bad "a 9-digit citizen ID" khai-sinh citizen_id 123456789 "12 chữ số"
bad "a citizen ID whose first digits are no province (003)" khai-sinh citizen_id 003088001234 "mã tỉnh, thành phố nơi đăng ký khai sinh"
bad "a citizen ID of someone born in 2045" khai-sinh citizen_id 096245001234 "năm sinh ghi trong số"
bad "an impossible date" khai-sinh child_birth_date 2026-02-30 "ngày không hợp lệ"
bad "a date with signs for digits" khai-sinh child_birth_date 2026-+1-+5 "ngày không hợp lệ"
bad "a date without its zeros" khai-sinh child_birth_date 2026-2-30 "ngày không hợp lệ"
bad "a date with spaces for zeros" khai-sinh child_birth_date "2026- 1- 5" "ngày không hợp lệ"
# every field is trimmed before its rule (a space a clerk typed around a
# value): the date is then exact, and stored without the space
code=$(receive linh.ntm khai-sinh --field child_birth_date=" 2026-01-01")
check "a date after a space is stored as the date alone" \
  test "$(cv admin --json dossier show "$code" | jq -r .fields.child_birth_date)" = 2026-01-01
bad "an unknown choice" khai-sinh child_gender Khác "lựa chọn"
bad "a bad phone number" khai-sinh phone 12345 "số điện thoại"
bad "a bad e-mail" ho-kinh-doanh email "khong-phai-email" "thư điện tử"
bad "money that is not a number" ho-kinh-doanh capital "một triệu" "số tiền"
bad "a number out of bounds" ho-kinh-doanh employees 20000 "phải từ"
bad "a text over its length" khai-sinh child_name "$(printf 'x%.0s' $(seq 300))" "dài quá"
bad "a text against its pattern" xay-dung-nha-o plot_number "12A" "định dạng"
bad "an unknown field" khai-sinh shoe_size 42 "không có trường"
check_rc "a missing required field" 65 cv linh.ntm dossier receive --procedure khai-sinh --field applicant_name=X
check "…says it is required" has "bắt buộc"

# --- NFD in, NFC stored; search with and without diacritics ---
NFD=$(printf 'Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An')
code_an=$(receive linh.ntm ho-kinh-doanh --field "applicant_name=$NFD" --field "business_name=Tiệm tạp hóa Ân")
check "NFD input is stored as NFC" test "$(sqlite3 "$DATA/congvu.db" "SELECT applicant FROM dossiers WHERE code='$code_an'")" = "Nguyễn Văn An"
code_aan=$(receive linh.ntm khai-tu --field "applicant_name=Nguyễn Văn Ân")
check_rc "\"nguyen van an\" finds Nguyễn Văn An" 0 cv linh.ntm --json dossier search "nguyen van an"
check "…(the dossier is there)" test "$(jq --arg c "$code_an" '[.dossiers[]|select(.code==$c)]|length' "$T/out")" = 1
check_rc "\"dang ky ho kinh doanh\" finds Đăng ký thành lập hộ kinh doanh" 0 cv linh.ntm --json dossier search "dang ky ho kinh doanh"
check "…(the dossier is there)" test "$(jq --arg c "$code_an" '[.dossiers[]|select(.code==$c)]|length' "$T/out")" = 1
check_rc "an accented search" 0 cv linh.ntm --json dossier search "Nguyễn Văn Ân"
check "…ranks the exact accented match first" test "$(jq -r '.dossiers[0].code' "$T/out")" = "$code_aan"
check_rc "search by citizen ID" 0 cv linh.ntm --json dossier search 079123456789
check "…finds dossiers" test "$(jq '.dossiers|length' "$T/out")" -ge 1
check_rc "a sibling commune's search finds none of them" 0 cv quang.tv --json dossier search "nguyen van an"
check "…(scope applies to search)" test "$(jq '.dossiers|length' "$T/out")" = 0
# the scope is in the search index: one token per unit on the receiving and
# the handling unit's paths; the terms search the folded text alone
# found USER TEXT CODE — 1 when USER's search for TEXT lists CODE, else 0
found() { cv "$1" --json dossier search "$2" | jq --arg c "$3" '[.dossiers[]|select(.code==$c)]|length'; }
# codes USER TEXT — the codes USER's search for TEXT lists, sorted
codes() { cv "$1" --json dossier search "$2" | jq -c '[.dossiers[].code]|sort'; }
code_up=$(receive linh.ntm ho-kinh-doanh --field "applicant_name=Trịnh Thị Xuân Khuê")
check "a dossier sent up to the district: its specialist finds it" test "$(found an.nv "trinh thi xuan khue" "$code_up")" = 1
check "…the receiving commune's clerk too" test "$(found linh.ntm "trinh thi xuan khue" "$code_up")" = 1
check "…a sibling commune does not" test "$(found quang.tv "trinh thi xuan khue" "$code_up")" = 0
cv an.nv dossier act "$code_up" submit >/dev/null
check "after the district's step its leader finds it" test "$(found thanh.nv "Trịnh Thị Xuân Khuê" "$code_up")" = 1
check "…the receiving commune's specialist still does" test "$(found binh.nt "Trịnh Thị Xuân Khuê" "$code_up")" = 1
check "…a sibling commune still does not" test "$(found quang.tv "Trịnh Thị Xuân Khuê" "$code_up")" = 0
check "…the province does (no scope term for the root)" test "$(found admin "trinh thi xuan khue" "$code_up")" = 1
for u in linh.ntm an.nv admin; do
  check "$u: with and without diacritics, the same dossiers" \
    test "$(codes "$u" "Nguyễn Văn An")" = "$(codes "$u" "nguyen van an")" -a "$(codes "$u" "nguyen van an")" != "[]"
done
check_rc "a search of 100 one-letter words (the longest query text makes)" 0 cv linh.ntm --json dossier search "$(printf 'a %.0s' $(seq 100) | head -c 199)"
TOKEN=$(sqlite3 "$DATA/congvu.db" "SELECT scope FROM dossier_search WHERE rowid = (SELECT id FROM dossiers WHERE code='$code_up')" | awk '{print $NF}')
check_rc "a search for the commune's scope token ($TOKEN)" 0 cv admin --json dossier search "$TOKEN"
check "…finds no dossier (typed terms do not match scope tokens)" test -n "$TOKEN" -a "$(jq '.dossiers|length' "$T/out")" = 0

# --- pages and compact rows (the TUI asks one screen of them at a time) ---
# rows FILE — what a list shows of each row, full or compact (expanded by the CLI)
rows() { jq -c '[.dossiers[] | [.code, .state, .state_name, .procedure, .applicant, .remaining, .version,
  (if .flags then [(.flags % 2 == 1), (.flags >= 2)] else [.overdue, .due_today] end)]]' "$1"; }
check_rc "the province's list in full" 0 cv admin --json dossier list --limit 500
cp "$T/out" "$T/full"
NALL=$(jq '.dossiers|length' "$T/full")
check "…holds several dossiers" test "$NALL" -ge 6
check_rc "compact rows of the whole list" 0 cv admin --json dossier list --limit 500 --compact
check "…show what the full rows show, row for row" test "$(rows "$T/out")" = "$(rows "$T/full")"
check "…and say there are no more" jq -e '.more == false' "$T/out"
check_rc "a page: --limit 2 --offset 1" 0 cv admin --json dossier list --limit 2 --offset 1 --compact
check "…is the second and third rows of the whole list" \
  test "$(rows "$T/out")" = "$(jq -c '{dossiers: .dossiers[1:3]}' "$T/full" | rows /dev/stdin)"
check "…and says there are more" jq -e '.more == true' "$T/out"
check_rc "the last page" 0 cv admin --json dossier list --limit 2 --offset $((NALL - 1)) --compact
check "…has the last row and no more" test "$(jq -c '[.dossiers[0].code, .more]' "$T/out")" = \
  "$(jq -c '[.dossiers[-1].code, false]' "$T/full")"
check_rc "past the end" 0 cv admin --json dossier list --offset "$NALL" --compact
check "…no rows" test "$(jq -c '[(.dossiers|length), .more]' "$T/out")" = "[0,false]"
check_rc "my queue, one row of it" 0 cv an.nv --json dossier list --mine --limit 1 --compact
check "…counts the whole queue" test "$(jq .total "$T/out")" = "$(cv an.nv --json dossier list --mine | jq '.dossiers|length')"
# the dashboard's counts: what the full list flags, counted by the server
late=$(receive linh.ntm khai-tu)
sqlite3 "$DATA/congvu.db" "UPDATE dossiers SET due = strftime('%s','now') - 3600, new_due = NULL WHERE code='$late'"
check_rc "the city's dashboard counts" 0 cv thanh.nv --json dossier list --unit $CITY --counts
check "…an overdue dossier among them" jq -e '.counts.overdue >= 1' "$T/out"
check "…as many overdue and due today as the full list flags" test "$(jq -c '[.counts.overdue, .counts.due_today]' "$T/out")" = \
  "$(cv thanh.nv --json dossier list --unit $CITY --limit 500 | jq -c '[([.dossiers[] | select(.overdue)] | length), ([.dossiers[] | select(.due_today)] | length)]')"
check_rc "a commune's counts leave out the dossier of another" 0 cv quang.tv --json dossier list --counts
check "…(none overdue there)" jq -e '.counts.overdue == 0' "$T/out"
check_rc "a compact search" 0 cv linh.ntm --json dossier search "nguyen van an" --compact
check "…finds what the full search finds, in the same order" \
  test "$(rows "$T/out")" = "$(cv linh.ntm --json dossier search "nguyen van an" | rows /dev/stdin)"

# --- timers: due soon before the appointment, overdue at it; fired once ---
q() { sqlite3 "$DATA/congvu.db" "$1"; }
code=$(receive linh.ntm xac-nhan-hon-nhan)
ID=$(q "SELECT id FROM dossiers WHERE code='$code'")
pending() { q "SELECT count(*) FROM timers WHERE kind='dossier' AND object_id=$ID AND fired IS NULL"; }
check "reception schedules an overdue timer at the appointment" \
  test "$(q "SELECT count(*) FROM timers t JOIN dossiers d ON d.id=t.object_id WHERE t.kind='dossier' AND d.id=$ID AND t.deadline='due' AND t.what='overdue' AND t.at=d.due+1")" = 1
check "…and at the step's deadline" \
  test "$(q "SELECT count(*) FROM timers t JOIN dossiers d ON d.id=t.object_id WHERE t.kind='dossier' AND d.id=$ID AND t.deadline='step' AND t.what='overdue' AND t.at=d.step_due+1")" = 1
check "…and a due-soon timer at least 4 hours before the appointment" \
  test "$(q "SELECT count(*) FROM timers t JOIN dossiers d ON d.id=t.object_id WHERE d.id=$ID AND t.deadline='due' AND t.what='due_soon' AND t.at <= d.due - 4*3600")" = 1
cv binh.nt dossier act "$code" supplement --note "Thiếu giấy tờ" >/dev/null
check "a paused dossier has no pending timers" test "$(pending)" = 0
cv linh.ntm dossier act "$code" resubmit >/dev/null
check "…resuming schedules them again" test "$(pending)" -ge 2
check "moving a step reschedules the step timer to the new step's deadline" \
  test "$(cv binh.nt dossier act "$code" submit >/dev/null; q "SELECT count(*) FROM timers t JOIN dossiers d ON d.id=t.object_id WHERE d.id=$ID AND t.fired IS NULL AND t.deadline='step' AND t.what='overdue' AND t.at=d.step_due+1 AND d.step=2")" = 1
# make the appointment's overdue timer due in a few seconds, as if time had
# passed; the daemon's clock stands still until the watches are listening
check "the daemon stops cleanly" stop_daemon
clock_set "$(date +%s)"
q "UPDATE timers SET at=$((CLOCK + 4)) WHERE kind='dossier' AND object_id=$ID AND deadline='due' AND what='overdue' AND fired IS NULL"
start_daemon "$ENDPOINT" || { echo "daemon did not restart"; exit 1; }
for u in cuong.lm linh.ntm quang.tv; do watch_start "$u" "$T/watch.$u" && eval "W_${u//./_}=$WATCH"; done
settle linh.ntm
check "the timer waits for its time" test "$(q "SELECT count(*) FROM audit WHERE action='dossier.timer' AND object='$code'")" = 0
clock_advance 4
for _ in $(seq 100); do grep -q "$code" "$T/watch.linh.ntm" "$T/watch.cuong.lm" 2>/dev/null && [ "$(grep -c "$code" "$T/watch.cuong.lm")" -ge 1 ] && break; sleep 0.1; done
check "the overdue notice reaches the desk that must apologise" grep -q "đã quá hạn trả kết quả" "$T/watch.linh.ntm"
check "…and the receiving unit's leader" grep -q "\"what\":\"overdue\"" "$T/watch.cuong.lm"
check "…not a sibling commune" test "$(grep -c "$code" "$T/watch.quang.tv")" = 0
check "the firing is audited" test "$(q "SELECT count(*) FROM audit WHERE action='dossier.timer' AND object='$code'")" = 1
check "…and the daemon stops cleanly" stop_daemon
start_daemon "$ENDPOINT" || { echo "daemon did not restart"; exit 1; }
settle linh.ntm
check "a fired timer never fires again, even across a restart" \
  test "$(q "SELECT count(*) FROM audit WHERE action='dossier.timer' AND object='$code'")" = 1
kill $W_cuong_lm $W_linh_ntm $W_quang_tv 2>/dev/null; wait $W_cuong_lm $W_linh_ntm $W_quang_tv 2>/dev/null
walk "$code"
check "a finished dossier has no pending timers" test "$(pending)" = 0

# --- no change without its audit row and its hand-off row (form 06) ---
# fault TABLE ACTION — every insert of ACTION's row into TABLE fails, as a
# full disk or an I/O error would make it (a trigger added behind the
# daemon's back); unfault removes it
fault() {
  q "CREATE TRIGGER test_fault BEFORE INSERT ON $1 WHEN NEW.action = '$2'
     BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
}
unfault() { q "DROP TRIGGER test_fault"; }
# what an action changes: the dossier, its slip, its audit rows
seen() {
  q "SELECT state, step, version, (SELECT count(*) FROM wf_log WHERE kind = 'dossier' AND object_id = d.id),
     (SELECT count(*) FROM audit WHERE object = d.code) FROM dossiers d WHERE code = '$1'"
}
code=$(receive linh.ntm khai-tu)
cv admin --json dossier show "$code" >"$T/show"
who=${WHO[$(jq -r '.handler_unit + "/" + .handler_role' "$T/show")]}
was=$(seen "$code")
fault audit dossier.act
check_rc "an action whose audit row cannot be written fails" 70 cv "$who" dossier act "$code" submit
check "…and leaves the dossier, its slip and its audit as they were" test "$(seen "$code")" = "$was"
unfault
fault wf_log submit
check_rc "an action whose hand-off row cannot be written fails" 70 cv "$who" dossier act "$code" submit
check "…and leaves them as they were" test "$(seen "$code")" = "$was"
unfault
fault wf_log receive
n=$(q "SELECT count(*) FROM dossiers")
check "a reception whose hand-off row cannot be written fails" test -z "$(receive linh.ntm khai-tu 2>/dev/null)"
check "…and no dossier is stored" test "$(q "SELECT count(*) FROM dossiers")" = "$n"
unfault
fault audit user.disable
check_rc "disabling an official whose audit row cannot be written fails" 70 cv admin user disable binh.nt
check "…and the official is still enabled" test "$(q "SELECT disabled FROM users WHERE username = 'binh.nt'")" = 0
unfault
check_rc "without the faults the action goes through" 0 cv "$who" dossier act "$code" submit
check "…once, with its slip and audit rows" test "$(q "SELECT count(*) FROM wf_log h JOIN dossiers d ON d.id = h.object_id
  WHERE h.kind = 'dossier' AND d.code = '$code'") $(q "SELECT count(*) FROM audit WHERE object = '$code'")" = "2 2"

check "audit chain intact" "$CONGVUD" admin "$DATA" audit verify
check "SIGTERM exits 0" stop_daemon

# --- search follows a handler outside the receiving unit's line ---
# A copy of forms/ in which ho-kinh-doanh goes from the commune's specialist
# to the province's Department of Justice, then to the district's leader:
# the units a search sees the dossier from change with each hand-off.
FORMS=$T/forms
cp -r "$FORMS1" "$FORMS"
sed -i 's|^  - {code: tham-dinh, .*unit: parent.*$|  - {code: xa, name: "Công chức xã kiểm tra", role: specialist, unit: receiving, budget: {hours: 4}}\n  - {code: tu-phap, name: "Sở Tư pháp thẩm định", role: specialist, unit: "000.00.03.H12", budget: {hours: 8}}|' \
  "$FORMS/procedures/ho-kinh-doanh.yaml"
DATA=$T/data2
new_data "{\"forms\": \"$FORMS\"}"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
rm -rf "$T/client-admin" # its device was the first daemon's (receive asks admin for the form)
for u in admin linh.ntm binh.nt phuc.tm thanh.nv quang.tv; do
  c=2$u; [ $u = admin ] && c=admin
  enroll $c $PROVINCE && login $c "$u" || echo "# could not log in $u"
done
code=$(receive 2linh.ntm ho-kinh-doanh --field "applicant_name=Lưu Thị Ngọc Hân")
check "the department does not find a dossier before its step" test "$(found 2phuc.tm "luu thi ngoc han" "$code")" = 0
cv 2binh.nt dossier act "$code" submit >/dev/null
check "…and finds it once the dossier waits on it" test "$(found 2phuc.tm "luu thi ngoc han" "$code")" = 1
check "…while the receiving commune still does" test "$(found 2linh.ntm "Lưu Thị Ngọc Hân" "$code")" = 1
check "…and a sibling commune does not" test "$(found 2quang.tv "Lưu Thị Ngọc Hân" "$code")" = 0
# stale — search rows whose scope is not what the migration would build
stale() { sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM dossier_search s JOIN dossier_scope v ON v.id = s.rowid WHERE s.scope IS NOT v.scope"; }
check "…its search row's scope is the dossier's, as the migration builds it" test "$(stale)" = 0
cv 2phuc.tm dossier act "$code" submit >/dev/null
check "handed on to the district: the department no longer finds it" test "$(found 2phuc.tm "luu thi ngoc han" "$code")" = 0
check "…the district's leader does" test "$(found 2thanh.nv "luu thi ngoc han" "$code")" = 1
check "…a sibling commune still does not" test "$(found 2quang.tv "luu thi ngoc han" "$code")" = 0
check "…its search row's scope is the dossier's again" test "$(stale)" = 0
check "SIGTERM exits 0 (second daemon)" stop_daemon
finish
