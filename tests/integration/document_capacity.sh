#!/usr/bin/env bash
# The form's check and signing capacity of outgoing documents (issue 15;
# NĐ 30/2020/NĐ-CP Điều 12 khoản 2, Điều 13) against a real congvud: a
# draft reviewed for content cannot be approved before its form (thể
# thức) is checked, by the agency's clerk or, once one is named, only by
# the person named; a draft returned and revised needs its form checked
# again; delegations (who signs for the agency in which capacity, from one
# day to another) given by the agency's leader or an admin, listed,
# revoked, audited; an approval in a capacity the signer does not hold
# that day refused in Vietnamese, one within the delegation's dates
# accepted, its capacity kept with the draft and signed in the record that
# verifies offline; before and after the dates, refused.
. "$(dirname "$0")/../lib.sh" "$1"

SNV=000.00.02.H12
desk_day
day() { date -d "$TODAY $1 days" +%F; }

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in admin hung.lv tuan.ha ngoc.vtb minh.pq lan.dt phuc.tm thanh.nv; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
j() { jq -r "$1" "$T/out"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
for u in hung.lv tuan.ha minh.pq; do cv "$u" document key >/dev/null || echo "# no key for $u"; done
# reviewed SUMMARY — a decision of the province drafted by Ngọc and
# reviewed by the head of Sở Nội vụ: its code
reviewed() {
  local code
  code=$(cv ngoc.vtb --json document draft --agency $PROVINCE --type quyet_dinh --summary "$1" --body "Điều 1. $1" |
    jq -r .code) && cv tuan.ha document review "$code" >/dev/null && echo "$code"
}

# --- the form's check before the signature ---
D=$(reviewed "Về việc kiểm tra thể thức")
check "a draft reviewed for its content" test -n "$D"
check_rc "the signer cannot approve it before its form is checked" 65 cv hung.lv document approve "$D"
check "…told so in Vietnamese, with the article" grep -qF "chưa được kiểm tra thể thức" "$T/out"
check "…citing NĐ 30 Điều 12 khoản 2" grep -qF "Điều 12 khoản 2" "$T/out"
check_rc "the drafter may not check its form" 77 cv ngoc.vtb document check_form "$D"
check_rc "nor the head of the drafting unit" 77 cv tuan.ha document check_form "$D"
check_rc "the office's clerk checks it (no one is named)" 0 cv minh.pq --json document check_form "$D"
check "…still waiting for the signature" test "$(j .state)" = reviewed
check_rc "the view" 0 cv hung.lv --json document view "$D"
check "…says who checked the form, of which revision" \
  test "$(j '[.check.form_checker, .check.form_revision] | join("|")')" = "minh.pq|1"
check_rc "now the leader approves it, in his own name" 0 cv hung.lv --json document approve "$D"
check_rc "…no capacity printed before his name" 0 cv hung.lv --json document view "$D"
check "…none kept" test "$(j '[.state, .check.capacity, .check.capacity_prefix] | join("|")')" = "approved||"

# --- delegations: who may give them, their checks ---
check_rc "a specialist may not delegate" 77 cv ngoc.vtb document delegate tuan.ha --capacity kt --from "$TODAY" --to "$(day 30)"
check_rc "the head of Sở Nội vụ may not delegate for the province" 77 \
  cv tuan.ha document delegate tuan.ha --capacity kt --agency $PROVINCE --from "$TODAY" --to "$(day 30)"
check_rc "an unknown capacity is refused" 65 cv hung.lv document delegate tuan.ha --capacity ky --from "$TODAY" --to "$(day 30)"
check_rc "dates the wrong way round are refused" 65 cv hung.lv document delegate tuan.ha --capacity tl --from "$(day 3)" --to "$TODAY"
check_rc "the provincial leader names Lan to check the form" 0 \
  cv hung.lv --json document delegate lan.dt --capacity form --from "$TODAY" --to "$(day 30)" --note "Quy chế làm việc"
check_rc "the province's admin gives the head of Sở Nội vụ TL. for a month" 0 \
  cv admin --json document delegate tuan.ha --capacity tl --behalf hung.lv --from "$TODAY" --to "$(day 30)" --note "QĐ 12/QĐ-UBND"
TL=$(j .id)
check_rc "the delegations of the province" 0 cv hung.lv --json document delegations
check "…both, newest first, the capacity as printed" \
  test "$(j '[.delegations[] | "\(.user):\(.prefix):\(.for):\(.from):\(.to)"] | join(",")')" = \
  "tuan.ha:TL.:hung.lv:$TODAY:$(day 30),lan.dt:::$TODAY:$(day 30)"
check "…audited" test "$(q "SELECT count(*) FROM audit WHERE action='document.delegate'")" = 2

# --- the person named checks the form; a revision needs it again ---
E=$(reviewed "Về việc ủy quyền ký")
check_rc "once Lan is named, the clerk may no longer check the form" 77 cv minh.pq document check_form "$E"
check_rc "Lan returns it: the form is wrong" 0 cv lan.dt --json document check_form "$E" --reject --note "Sai thể thức"
check "…back to its drafter" test "$(j .state)" = draft
check_rc "revised" 0 cv ngoc.vtb document draft "$E" --body "Điều 1. Sửa thể thức"
check_rc "reviewed again" 0 cv tuan.ha document review "$E"
check_rc "the form of revision 2 is not checked yet" 65 cv hung.lv document approve "$E"
check_rc "Lan checks it" 0 cv lan.dt --json document check_form "$E"

# --- signing capacity against the delegations ---
check_rc "a leader signing TM. without a delegation is refused" 77 cv hung.lv document approve "$E" --capacity tm
check "…in Vietnamese, naming the capacity" grep -qF "không được giao ký TM. (thay mặt tập thể)" "$T/out"
check_rc "the head of Sở Nội vụ, delegated TL., may not sign KT." 77 cv tuan.ha document approve "$E" --capacity kt
check "…told why" grep -qF "không được giao ký KT. (ký thay người đứng đầu)" "$T/out"
check_rc "…nor sign without saying in which capacity" 77 cv tuan.ha document approve "$E"
check "…told to name it" grep -qF "ghi rõ thẩm quyền ký" "$T/out"
# in_queue USER CODE — CODE is in USER's "waiting for my signature"
# (off_queue: the list came, without CODE)
queue_has() { cv "$1" --json document outgoing --queue approve >"$T/queue.json" &&
  jq -e --arg c "$2" "[.documents[].code] | index(\$c) $3 null" "$T/queue.json" >/dev/null; }
in_queue() { queue_has "$1" "$2" "!="; }
off_queue() { queue_has "$1" "$2" "=="; }
check "the head of Sở Nội vụ, signing for the province by delegation, finds it waiting for his signature" in_queue tuan.ha "$E"
check "…and so does his dashboard's count" test "$(cv tuan.ha --json dashboard | jq .drafts_to_sign)" -ge 1
check_rc "he signs TL., within the delegation's dates" 0 cv tuan.ha --json document approve "$E" --capacity tl
check "…approved by him" test "$(j '[.state, .approver] | join("|")')" = "approved|tuan.ha"
check_rc "the view" 0 cv tuan.ha --json document view "$E"
check "…keeps the capacity, TL. for the signer block" \
  test "$(j '[.check.capacity, .check.capacity_prefix] | join("|")')" = "tl|TL."
check "…the approval signed by his key" \
  test "$(q "SELECT count(*) FROM document_signatures g JOIN users u ON u.id = g.user_id WHERE u.username='tuan.ha' AND g.act='approve'")" = 1
check_rc "the office's clerk issues it" 0 cv minh.pq --json document issue "$E"
cv minh.pq --json document record "$E" | jq -j .record >"$T/rec.json"
check "the signed record carries the capacity" test "$(jq -r .document.capacity "$T/rec.json")" = tl
check "…inside the approval's and the issue's signed payloads" \
  test "$(jq -r '[.signatures[] | "\(.act):\(.payload | test("\ncapacity: tl\n"))"] | join(",")' "$T/rec.json")" = \
  "review:false,approve:true,issue:true"
check_rc "…and verifies offline" 0 "$CONGVU" document verify "$T/rec.json"
sed 's/"capacity":"tl"/"capacity":"kt"/' "$T/rec.json" >"$T/bad.json"
check_rc "…a record claiming KT. instead does not" 65 "$CONGVU" document verify "$T/bad.json"

F=$(reviewed "Về việc sau thời hạn ủy quyền")
cv lan.dt document check_form "$F" >/dev/null
# at DAY HH:MM — the clock moved there, Tuấn logged in again (a session
# does not outlive the move)
at() { clock_set "$(date -d "$1 $2 +07:00" +%s)"; login tuan.ha tuan.ha; }
refused() { grep -qF '"error":"not_allowed"' "$T/out"; }
at "$(day 31)" 10:00
check "the day after the delegation ends, the draft is not waiting for him" off_queue tuan.ha "$F"
check_rc "the day after the delegation ends, he may not sign" 77 cv tuan.ha --json document approve "$F" --capacity tl
check "…not allowed" refused
at "$TODAY" 10:00
check_rc "the provincial leader revokes it" 0 cv hung.lv --json document undelegate "$TL"
check_rc "…once only" 66 cv hung.lv document undelegate "$TL"
check "…audited" test "$(q "SELECT count(*) FROM audit WHERE action='document.undelegate'")" = 1
check "revoked, the draft is no longer waiting for him" off_queue tuan.ha "$F"
check_rc "revoked, within its dates, he may not sign" 77 cv tuan.ha --json document approve "$F" --capacity tl
check "…not allowed" refused
check_rc "a delegation starting tomorrow" 0 \
  cv hung.lv document delegate tuan.ha --capacity kt --from "$(day 1)" --to "$(day 10)"
check_rc "…does not let him sign today" 77 cv tuan.ha --json document approve "$F" --capacity kt
check "…not allowed" refused
at "$(day 1)" 09:00
check "…where it waits for him" in_queue tuan.ha "$F"
check_rc "…and does tomorrow, KT." 0 cv tuan.ha --json document approve "$F" --capacity kt
check "…KT. kept" test "$(cv tuan.ha --json document view "$F" | jq -r .check.capacity_prefix)" = "KT."

# --- where a draft goes (nơi nhận), chosen while it is drafted ---
# relog USER... — logged in again after the clock moved
relog() { for u in "$@"; do login "$u" "$u"; done; }
relog hung.lv minh.pq thanh.nv ngoc.vtb phuc.tm
R=$(cv ngoc.vtb --json document draft --agency $PROVINCE --type cong_van --summary "Về việc nơi nhận" --body "Kính gửi" | jq -r .code)
check_rc "the drafter chooses two units it goes to" 0 cv ngoc.vtb --json document recipients "$R" --units "$SNV,000.00.15.H12"
check "…kept by name" test "$(j '[.recipients[].name] | join(",")')" = "Sở Nội vụ tỉnh Cà Mau,Ủy ban nhân dân thành phố Cà Mau"
check "…shown with the draft" test "$(cv tuan.ha --json document view "$R" | jq -r '[.recipients[].unit] | join(",")')" = "$SNV,000.00.15.H12"
check_rc "an unknown unit is refused" 66 cv ngoc.vtb document recipients "$R" --units 999.99.99.H12
check_rc "another unit's specialist may not choose them" 66 cv phuc.tm document recipients "$R" --units "$SNV"
check_rc "the clerk may not either" 77 cv minh.pq --json document recipients "$R" --units "$SNV"
check "…not allowed" grep -qF '"error":"not_allowed"' "$T/out"
check "…audited once" test "$(q "SELECT count(*) FROM audit WHERE action='document.recipients' AND object='$R'")" = 1

# --- the leader's dashboard: documents, counted as their lists, in scope ---
# dash USER KEY — the figure KEY of USER's dashboard; rows USER ARGS... —
# how many rows the list gives
dash() { cv "$1" --json dashboard | jq -r ".$2"; }
rows() { local u=$1; shift; cv "$u" --json document "$@" --limit 400 | jq '.documents | length'; }
N=$(dash hung.lv documents_directive)
check "the provincial leader's dashboard counts the documents waiting for his directive, as their list" \
  test "$N" = "$(rows hung.lv list --queue directive)"
check "…the demo's among them" test "$N" -gt 0
G=$(cv minh.pq --json document register --agency $PROVINCE --sender "Bộ Nội vụ" --number "77/BNV-TCBC" \
  --date "$(day 1)" --type cong_van --summary "Về việc báo cáo biên chế" | jq -r .code)
check "a document registered for the province: one more waiting for his directive" \
  test "$(dash hung.lv documents_directive)" = $((N + 1))
S=$(dash hung.lv drafts_to_sign)
check "drafts waiting for his signature, as the list" test "$S" = "$(rows hung.lv outgoing --queue approve)"
H=$(reviewed "Về việc trình ký")
check "a draft reviewed for the province: one more" test "$(dash hung.lv drafts_to_sign)" = $((S + 1))
check "…waiting too for the head of Sở Nội vụ, who signs KT. for the province until day 10" in_queue tuan.ha "$H"
check "…his dashboard's count as his list" test "$(dash tuan.ha drafts_to_sign)" = "$(rows tuan.ha outgoing --queue approve)"
check "…not for the city's leader, who signs for no one" off_queue thanh.nv "$H"
cv hung.lv document direct "$G" --directive "Sở Nội vụ chủ trì" --lead $SNV --deadline "$(day 3)" >/dev/null
check "…directed: off his directive count" test "$(dash hung.lv documents_directive)" = "$N"
at "$(day 6)" 09:00
relog hung.lv thanh.nv
check "past its deadline: overdue on the provincial leader's dashboard, as his list" \
  test "$(dash hung.lv documents_overdue)" = "$(rows hung.lv list --queue overdue)"
check "…counted" test "$(dash hung.lv documents_overdue)" -ge 1
check "…and on the head of Sở Nội vụ's, which leads it" test "$(dash tuan.ha documents_overdue)" -ge 1
check "…as his list, with it" \
  test "$(cv tuan.ha --json document list --queue overdue | jq --arg g "$G" '[.documents[].code] | index($g) != null')" = true
check "…not on the city's leader's, outside its subtree" \
  test "$(cv thanh.nv --json document list --queue overdue | jq --arg g "$G" '[.documents[].code] | index($g) == null')" = true
check "…whose count is his own list's" test "$(dash thanh.nv documents_overdue)" = "$(rows thanh.nv list --queue overdue)"
finish
