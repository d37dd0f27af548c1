#!/usr/bin/env bash
# Incoming documents (issue 15) against a real congvud: the clerk registers
# into the agency's yearly register (numbers in a row, a separate register
# and series for confidential documents, a new year starting again at 1,
# no gap or repeat under 32 registrations at once, a refused registration
# using no number), the duplicate warning and its override, confidentiality
# (a clerk who is not a reader sees nothing: list, search, show, events),
# the leader's directive making a task on the board whose progress the
# follow-up register shows, routing for information, and the answer.
. "$(dirname "$0")/../lib.sh" "$1"

VP=000.00.01.H12   # Văn phòng UBND tỉnh: clerks minh.pq, lan.dt (registers for the province)
SNV=000.00.02.H12  # Sở Nội vụ: leader tuan.ha, specialist ngoc.vtb
STP=000.00.03.H12  # Sở Tư pháp: specialist phuc.tm
CITY=000.00.15.H12 # thành phố Cà Mau: clerk huong.ptt
desk_day  # working hours, so registration is on time
YEAR=${TODAY%%-*}

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in minh.pq lan.dt hung.lv tuan.ha ngoc.vtb phuc.tm huong.ptt; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
# the demo registered some already (forms/demo/documents.json)
B=$(q "SELECT count(*) FROM documents WHERE register='in' AND year='$YEAR'")
BM=$(q "SELECT count(*) FROM documents WHERE register='in.secret' AND year='$YEAR'")
BA=$(q "SELECT count(*) FROM audit WHERE action='document.register'")
check "the demo seeded incoming documents, one confidential" test "$B,$BM" = "3,1"
day() { date -d "$TODAY +$1 days" +%Y-%m-%d; }
# reg USER NUMBER [ARGS...] — register a công văn of Bộ Nội vụ for the province
reg() {
  local u=$1 n=$2; shift 2
  cv "$u" --json document register --agency $PROVINCE --sender "Bộ Nội vụ" --number "$n" --date "$TODAY" \
    --type cong_van --summary "Về việc tinh giản biên chế năm $YEAR" "$@"
}
watch_start hung.lv "$T/w.hung"
watch_start lan.dt "$T/w.lan"

# --- registering ---
check_rc "the clerk of the office registers an urgent document for the province" 0 reg minh.pq 05/BNV-TCBC --urgency hoa_toc
D1=$(jq -r .code "$T/out")
check "…the next arrival number of the year's register" \
  test "$(jq -r '[.register, .year, .arrival_no, .state, .urgency_name] | join("|")' "$T/out")" = "in|$YEAR|$((B + 1))|registered|Hỏa tốc"
check "…registered on time (the same day, NĐ 30 art. 21)" test "$(jq .registered_late "$T/out")" = false
check_rc "a second one" 0 reg minh.pq 06/BNV-TCBC
D2=$(jq -r .code "$T/out")
check "…is the one after" test "$(jq .arrival_no "$T/out")" = $((B + 2))
check_rc "a leader is not a clerk: refused" 77 reg hung.lv 07/BNV-TCBC
check "…told why, in Vietnamese" has "Chỉ văn thư được vào sổ văn bản đến"
check_rc "a clerk may not register for a sibling agency" 77 cv huong.ptt document register --agency $SNV \
  --sender X --number 1/X --date "$TODAY" --type cong_van --summary X
check "the demo marks one office: the province's Văn phòng, whose clerks keep its registers" \
  test "$(q "SELECT group_concat(code) FROM units WHERE office = 1")" = "$VP"
check_rc "the city's clerk (a unit under the province, not its office) may not register for the province" 77 \
  cv huong.ptt document register --agency $PROVINCE --sender X --number 1/X --date "$TODAY" --type cong_van --summary X
check_rc "an unknown type is refused" 65 reg minh.pq 08/BNV-TCBC --type "van_ban_la"
check_rc "an arrival after the registration is refused" 65 reg minh.pq 08/BNV-TCBC --arrived "$(day 1) 08:00"
check_rc "a document that arrived two days ago" 0 reg minh.pq 09/BNV-TCBC --arrived "$(day -2) 08:00" --force
check "…is marked registered late" test "$(jq .registered_late "$T/out")" = true

# --- duplicate warning ---
check_rc "the same sender, number and year again is a warning, not a registration" 65 reg lan.dt 05/BNV-TCBC
check "…naming the document it may repeat" has "$D1"
check "…and how to go on" has "force"
check_rc "…registered anyway with --force" 0 reg lan.dt 05/BNV-TCBC --force
check "…taking the next number: the warning used none" test "$(jq .arrival_no "$T/out")" = $((B + 4))

# --- confidential ---
check_rc "a confidential document is refused for an unknown reader" 66 reg minh.pq 01/BNV-M --secrecy mat --readers nobody.xx
check_rc "registered with the provincial leader as reader" 0 reg minh.pq 01/BNV-M --secrecy mat --readers hung.lv
DM=$(jq -r .code "$T/out")
check "…the next number of the confidential register (the refused one used none)" \
  test "$(jq -r '[.register, .arrival, .secrecy_name] | join("|")' "$T/out")" = "in.secret|$((BM + 1))/M|Mật"
check "…the open register went on unchanged" test "$(q "SELECT max(arrival_no) FROM documents WHERE register='in'")" = $((B + 4))
check_rc "the reader sees it in the register" 0 cv hung.lv --json document list
check "…listed" has "$DM"
check_rc "the other clerk of the office (not a reader) lists the register" 0 cv lan.dt --json document list
check "…without it" lacks "$DM"
check "…but with the open ones" has "$D2"
check_rc "…nor finds it by searching" 0 cv lan.dt --json document search "tinh gian bien che"
check "…(the open ones are found)" has "$D1"
check "…(not the confidential one)" lacks "$DM"
check_rc "…and may not open it: not found, its existence not told" 66 cv lan.dt document show "$DM"
check_rc "the reader finds it without diacritics" 0 cv hung.lv --json document search "TINH GIAN"
check "…found" has "$DM"
settle hung.lv
check "the reader's watch saw it registered" grep -q "\"event\":\"document.changed\".*$DM" "$T/w.hung"
check "the other clerk's watch never heard of it" test "$(grep -c "$DM" "$T/w.lan")" = 0
check "…while it heard of the open ones" grep -q "\"event\":\"document.changed\".*$D2" "$T/w.lan"
check "the event carries no summary" test "$(grep "$D1" "$T/w.hung" | head -1 | jq -r '.body | has("summary")')" = false

# --- the registration form the TUI generates ---
check_rc "a clerk asks for the registration form" 0 cv minh.pq --json document form
check "…its fields in order" test "$(jq -r '[.fields[].name] | join(",")' "$T/out")" = \
  "agency,sender,number,date,type,summary,urgency,secrecy,readers,pages"
check "…the agencies it registers for: its office, then the province it serves" \
  test "$(jq -r '.fields[0].codes | join(",")' "$T/out")" = "$VP,$PROVINCE"
check "…the types of types.yaml with their codes" \
  test "$(jq -r '.fields[4] | [.choices[2], .codes[2]] | join("|")' "$T/out")" = "Quyết định|quyet_dinh"
check_rc "a specialist has no registration form" 77 cv ngoc.vtb document form

# --- the queues, the directive, the task, the follow-up register ---
check_rc "the provincial leader's queue of documents waiting for a directive" 0 cv hung.lv --json document list --queue directive
check "…holds them, the urgent ones first" test "$(jq -r '[.documents[:2][].urgency] | join(",")' "$T/out")" = "hoa_toc,hoa_toc"
check "…the newest urgent one on top" test "$(jq -r '.documents[0].code' "$T/out")" = "$D1"
check_rc "a clerk may not give a directive" 77 cv minh.pq document direct "$D1" --directive X --lead $SNV --deadline "$(day 10)"
check_rc "a directive without a deadline is refused" 65 cv hung.lv document direct "$D1" --directive X --lead $SNV
check "…naming it" has "deadline"
check_rc "the leader directs: Sở Nội vụ leads, Sở Tư pháp co-operates, the city for information" 0 \
  cv hung.lv --json document direct "$D1" --directive "Sở Nội vụ chủ trì, tham mưu văn bản trả lời" --lead $SNV \
  --coop $STP --info $CITY --deadline "$(day 10)"
check "…it is being handled, led by Sở Nội vụ" \
  test "$(jq -r '[.state, .lead_unit, .director] | join("|")' "$T/out")" = "handling|$SNV|hung.lv"
cv hung.lv --json document show "$D1" >"$T/show"
TK=$(jq -r '.task.code' "$T/show")
check "…with a task on the board" grep -qE "^NV-$YEAR-[0-9]{4}$" <<<"$TK"
check "…the lead, co-operating and informed units listed" \
  test "$(jq -r '[.units[] | .role + ":" + .unit + ":" + (.task // "-")] | join(",")' "$T/show")" = "lead:$SNV:$TK,coop:$STP:$TK,info:$CITY:-"
check_rc "the task knows its document" 0 cv tuan.ha --json task show "$TK"
check "…source document, ref its code" test "$(jq -r '[.source, .source_ref] | join("|")' "$T/out")" = "document|$D1"
TDL=$(jq -r .deadline "$T/out")
check "…urgent, as the document" test "$(jq -r .priority "$T/out")" = urgent
check_rc "a task naming a document code it may not see is refused" 66 cv hung.lv task add --title X --lead $SNV \
  --deadline "$(day 5)" --source document --ref VBD-$YEAR-99999
check_rc "Sở Nội vụ's queue of documents assigned to it" 0 cv tuan.ha --json document list --queue unit
check "…holds it" has "$D1"
check "…and not the confidential one" lacks "$DM"
# --- the lead unit's leader names its handler ---
check_rc "a specialist may not name the handler" 77 cv ngoc.vtb document assign "$D1" --person ngoc.vtb
check_rc "an official of another unit cannot be the handler" 77 cv tuan.ha document assign "$D1" --person phuc.tm
check_rc "Sở Nội vụ's leader names Ngọc the handler" 0 cv tuan.ha --json document assign "$D1" --person ngoc.vtb \
  --note "Đ/c Ngọc xử lý"
check "…the document's lead official" test "$(jq -r '[.state, .lead_user] | join("|")' "$T/out")" = "handling|ngoc.vtb"
check_rc "…and its task's" 0 cv ngoc.vtb --json task show "$TK"
check "…Ngọc leads the task" test "$(jq -r .lead_user "$T/out")" = ngoc.vtb
check "…the assignment is in the log and audited" \
  test "$(q "SELECT count(*) FROM audit WHERE action LIKE 'document%' AND object='$D1' AND detail LIKE '%assign%'")" -ge 1
check_rc "the lead unit reports progress on its task" 0 cv tuan.ha task report "$TK" --percent 40 --note "Đã dự thảo"
check_rc "the follow-up register" 0 cv hung.lv --json document list --queue followup
check "…shows the task's progress" test "$(jq -r '.documents[] | select(.code=="'"$D1"'") | .task.percent' "$T/out")" = 40
check "…and the deadline, the task's" test "$(jq -r '.documents[] | select(.code=="'"$D1"'") | .deadline' "$T/out")" = "$TDL"
check_rc "the informed city sees the document" 0 cv huong.ptt document show "$D1"
check_rc "another clerk than the lead may not answer" 77 cv minh.pq document act "$D1" --action answer --note X
check_rc "the lead unit's leader answers it, naming the reply" 0 cv tuan.ha --json document act "$D1" --action answer \
  --note "Đã trả lời" --reply "12/SNV-TCBC"
check "…answered, graded" test "$(jq -r '[.state, .reply, .grade] | join("|")' "$T/out")" = "answered|12/SNV-TCBC|early"
check_rc "routing for information only" 0 cv hung.lv --json document direct "$D2" --directive "Để biết" --info $SNV
check "…ends it without a task" test "$(jq -r '[.state, .deadline] | join("|")' "$T/out")" = "informed|"
check "the log has every move of the document" \
  test "$(q "SELECT group_concat(action) FROM (SELECT action FROM wf_log WHERE kind='document' AND object_id=(SELECT id FROM documents WHERE code='$D1') ORDER BY id)")" = "register,direct,assign,answer"
check "every registration is audited, none refused" test "$(q "SELECT count(*) FROM audit WHERE action='document.register'")" = $((BA + 5))

# --- a new year starts the registers again at 1 ---
NEXT=$((YEAR + 1))
clock_set "$(date -d "$NEXT-01-02 09:00 +07:00" +%s)"
login minh.pq minh.pq   # a month idle ended the session
check_rc "the first document of the new year" 0 cv minh.pq --json document register --agency $PROVINCE --sender "Sở Y tế" \
  --number 01/SYT-VP --date "$NEXT-01-02" --type ke_hoach --summary "Kế hoạch năm"
check "…is number 1 of $NEXT" test "$(jq -r '[.year, .arrival_no] | join("|")' "$T/out")" = "$NEXT|1"

# --- 32 registrations at once: no gap, no repeat ---
PIDS=()
for i in $(seq 32); do
  cv minh.pq document register --agency $PROVINCE --sender "Sở Tài chính" --number "$i/STC-NS" --date "$NEXT-01-02" \
    --type cong_van --summary "Công văn $i" >/dev/null 2>&1 &
  PIDS+=($!)
done
wait "${PIDS[@]}"
N=$(q "SELECT count(*) FROM documents WHERE year='$NEXT' AND register='in'")
check "33 registered in $NEXT" test "$N" = 33
check "…numbered 1 to 33, none twice" \
  test "$(q "SELECT count(DISTINCT arrival_no) || ',' || min(arrival_no) || ',' || max(arrival_no) FROM documents WHERE year='$NEXT' AND register='in'")" = "33,1,33"
check "…the series holds 33" test "$(q "SELECT n FROM series WHERE kind='document.in' AND period='$NEXT'")" = 33

# --- a long summary in the task's title: cut between letters ---
# 149 bytes then "ệ" (3 bytes): a cut at 150 bytes would split the letter
LONG="$(printf 'a%.0s' $(seq 149))ệ và các nội dung khác"
check_rc "a document whose summary is longer than a task's title may hold" 0 cv minh.pq --json document register \
  --agency $PROVINCE --sender "Sở Xây dựng" --number 40/SXD-VP --date "$NEXT-01-02" --type cong_van --summary "$LONG"
DL=$(jq -r .code "$T/out")
login hung.lv hung.lv
check_rc "…is directed" 0 cv hung.lv --json document direct "$DL" --directive "Xử lý" --lead $SNV \
  --deadline "$NEXT-01-20"
cv hung.lv --json document show "$DL" >"$T/show"
check "…its task's title cut before the letter that would not fit, never inside it" \
  test "$(q "SELECT title FROM tasks WHERE code='$(jq -r .task.code "$T/show")'")" = \
  "Giải quyết văn bản 40/SXD-VP của Sở Xây dựng: $(printf 'a%.0s' $(seq 149))"

finish
