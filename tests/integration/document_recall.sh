#!/usr/bin/env bash
# Recall and correction of outgoing documents (issue 15) against a real
# congvud: the issuing agency's clerk recalls an issued document with a
# reason; it freezes on the sender's side (no delivery, no second recall,
# still in the outgoing register); the copy a recipient received turns
# "Đã thu hồi" in its incoming register (list, show with the reason,
# no directive; the task a directive made told in its thread, for its
# leader to cancel), the copy still waiting in another unit's inbox is marked
# and cannot be received, and both units' clerks hear of it live; nobody
# outside the issuing agency may recall it; audited. A correcting or
# replacing draft names the document it corrects and both views show the
# link.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/document_lib.sh"

CITY=000.00.15.H12  # thành phố Cà Mau: clerk huong.ptt, leader thanh.nv
WARD=000.01.15.H12  # Phường 1: clerk linh.ntm
desk_day

documents_up huong.ptt thanh.nv linh.ntm
D=$(issued quyet_dinh "Về việc điều động cán bộ")
check "a decision issued for the province" test -n "$D"
check_rc "delivered to the city and to Phường 1" 0 cv minh.pq document deliver "$D" --units $CITY,$WARD
check_rc "the city's clerk receives it" 0 cv huong.ptt --json document receive "$D"
IN=$(j .code)
NOTATION=$(cv minh.pq --json document view "$D" | jq -r .notation)
watch_start huong.ptt "$T/w.city"
watch_start linh.ntm "$T/w.ward"

# --- who may recall ---
check_rc "a reason is required" 64 cv minh.pq document recall "$D"
check_rc "the recipient's clerk may not recall it" 77 cv huong.ptt document recall "$D" --reason "Nhầm"
check_rc "nor the drafter" 77 cv ngoc.vtb document recall "$D" --reason "Nhầm"
check_rc "another agency's leader does not even see it" 66 cv thanh.nv document recall "$D" --reason "Nhầm"
check_rc "nor a draft not issued yet" 65 cv minh.pq document recall \
  "$(cv ngoc.vtb --json document draft --agency $PROVINCE --type cong_van --summary "Chưa phát hành" --body X | jq -r .code)" \
  --reason "Nhầm"
check "nothing moved" test "$(q "SELECT count(*) FROM documents WHERE state = 'recalled'")" = 0

# --- the recall ---
REASON="Ban hành sai thẩm quyền, sẽ thay thế"
check_rc "the office's clerk recalls it with the reason" 0 cv minh.pq --json document recall "$D" --reason "$REASON"
check "…recalled, its number and notation kept" test "$(j '[.state, .state_name, .notation] | join("|")')" = \
  "recalled|Đã thu hồi|$NOTATION"
check_rc "the sender's view" 0 cv minh.pq --json document view "$D"
check "…says when and why" test "$(j '.recall.reason')" = "$REASON"
check "…and offers no move" test "$(j '.actions | length')" = 0
check_rc "frozen: it cannot be delivered any more" 65 cv minh.pq document deliver "$D" --units 000.00.16.H12
check_rc "…nor recalled twice" 65 cv minh.pq document recall "$D" --reason "Lần hai"
check_rc "still in the outgoing register" 0 cv minh.pq --json document outgoing --queue register
check "…with its state" test "$(j ".documents[] | select(.code == \"$D\") | .state_name")" = "Đã thu hồi"
check_rc "…in English" 0 cv minh.pq --lang en document outgoing --queue register
check "…recalled, not revoked as a device is" grep -q "Recalled" "$T/out"

# --- the unit that had received it ---
check_rc "the city's register" 0 cv huong.ptt document list
check "…shows the row marked Đã thu hồi" grep -q "Đã thu hồi" "$T/out"
check_rc "its show" 0 cv huong.ptt --json document show "$IN"
check "…recalled, the sender's number kept" test "$(j '[.state, .state_name, .number] | join("|")')" = \
  "recalled|Đã thu hồi|$NOTATION"
check "…the notice with the reason in its history" \
  test "$(j '.history[0] | [.label, .note] | join("|")')" = "Nơi gửi thu hồi văn bản|$REASON"
check_rc "the city's leader no longer has it waiting for his directive" 0 cv thanh.nv --json document list --queue directive
check "…gone" test "$(j "[.documents[].code] | index(\"$IN\")")" = null
check_rc "…and cannot direct it" 65 cv thanh.nv document direct "$IN" --directive "Giao phòng Nội vụ" --lead $CITY \
  --deadline "$TODAY"

# --- the unit that had not received it yet ---
check_rc "Phường 1's inbox" 0 cv linh.ntm --json document inbox
check "…keeps the row, marked with the reason" \
  test "$(j ".documents[] | select(.code == \"$D\") | .recalled")" = "Đã thu hồi: $REASON"
check_rc "…and it cannot be received" 65 cv linh.ntm document receive "$D"
check "…nothing registered" test "$(q "SELECT count(*) FROM documents d JOIN units u ON u.id = d.agency_id WHERE u.code = '$WARD'")" = 0

# --- a copy already directed: its task is told ---
D2=$(issued cong_van "Về việc kiểm tra công vụ")
cv minh.pq document deliver "$D2" --units $CITY >/dev/null
IN2=$(cv huong.ptt --json document receive "$D2" | jq -r .code)
check_rc "the city's leader directs the second copy, making a task" 0 cv thanh.nv --json document direct "$IN2" \
  --directive "Giao thành phố kiểm tra" --lead $CITY --deadline "$(date -d "$TODAY +7 days" +%F)"
TASK=$(cv thanh.nv --json document show "$IN2" | jq -r '.units[0].task')
check_rc "the province recalls the second document" 0 cv minh.pq document recall "$D2" --reason "Trùng nội dung"
check_rc "the task" 0 cv thanh.nv --json task show "$TASK"
check "…has the notice in its thread" \
  test "$(j '.thread[-1] | [.text, .user // "-"] | join("|")' | cut -d'|' -f1)" = "Văn bản $(cv minh.pq --json document view "$D2" | jq -r .notation) ($IN2) đã bị nơi gửi thu hồi: Trùng nội dung"
check_rc "…and its leader may cancel it" 0 cv thanh.nv task act "$TASK" --action cancel --note "Văn bản đã thu hồi"

# --- told live ---
settle huong.ptt
settle linh.ntm
settle thanh.nv
check "the city's clerk heard of the recall of its copy" \
  grep -q "\"event\":\"document.changed\".*\"code\":\"$IN\".*\"action\":\"recall\"" "$T/w.city"
check "Phường 1's clerk heard of it" grep -q "\"event\":\"document.changed\".*\"code\":\"$D\".*\"action\":\"recall\"" "$T/w.ward"
check "audited: the recall and both moves" \
  test "$(q "SELECT group_concat(action) FROM (SELECT action FROM audit WHERE object IN ('$D', '$IN') AND action IN ('document.recall', 'document_out.act', 'document.act') AND id > (SELECT id FROM audit WHERE action = 'document.receive' AND object = '$D') ORDER BY id)")" = \
  "document_out.act,document.act,document.recall"

# --- correcting and replacing ---
check_rc "a replacing draft names the recalled document" 0 cv ngoc.vtb --json document draft --agency $PROVINCE \
  --type quyet_dinh --summary "Về việc điều động cán bộ (thay thế)" --body "Điều 1. Nội dung đúng." \
  --corrects "$D" --link replace
R=$(j .code)
check_rc "its view" 0 cv ngoc.vtb --json document view "$R"
check "…shows what it replaces" test "$(j '.corrects | [.code, .notation, .link, .link_name] | join("|")')" = \
  "$D|$NOTATION|replace|Thay thế"
check_rc "the recalled one's view" 0 cv minh.pq --json document view "$D"
check "…shows what replaces it" test "$(j '[.corrected_by[] | "\(.code):\(.link)"] | join(",")')" = "$R:replace"
E=$(issued cong_van "Về việc họp giao ban")
check_rc "a correcting draft (the default link)" 0 cv ngoc.vtb --json document draft --agency $PROVINCE \
  --type cong_van --summary "Đính chính" --body "Đính chính ngày họp." --corrects "$E"
check "…corrects it" test "$(cv minh.pq --json document view "$E" | jq -r '.corrected_by[0].link_name')" = "Đính chính"
check_rc "a draft cannot correct one not issued" 65 cv ngoc.vtb document draft --agency $PROVINCE --type cong_van \
  --summary X --body X --corrects "$R"
check_rc "an unknown link is refused" 65 cv ngoc.vtb document draft --agency $PROVINCE --type cong_van \
  --summary X --body X --corrects "$E" --link sua
check_rc "a link without the document is refused" 65 cv ngoc.vtb document draft --agency $PROVINCE --type cong_van \
  --summary X --body X --link replace
check_rc "an unknown document is not found" 66 cv ngoc.vtb document draft --agency $PROVINCE --type cong_van \
  --summary X --body X --corrects DT-1999-00001
finish
