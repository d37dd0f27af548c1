#!/usr/bin/env bash
# Checks at reception (issue 11), against a real congvud with its clock set:
# the papers checklist — the procedure's papers offered with the conditional
# ones marked, the papers ticked kept on the dossier and listed on form 01
# (not all the procedure's), a required paper missing refuses the reception
# unless the clerk records it as a request to supplement (form 02, the
# clock paused); a date the procedure marks not_future (a birth, a death)
# may be today but not tomorrow in the province — at 23:30 on 03/12 Vietnam
# time (16:30 UTC) "today" is the province's 03/12, whatever the UTC day.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
at "2026-12-03 10:00:00"
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

# --- the papers checklist ---
XD=xay-dung-nha-o
check_rc "the procedure's checklist" 0 cv linh.ntm --json procedure show $XD
check "…four papers for a building permit, the fourth conditional (nếu …)" \
  test "$(jq -c '[.checklist[]|.conditional]' "$T/out")" = '[false,false,false,true]'
check_rc "…as the reception form asks for it (brief: fields, extensions, papers)" 0 \
  cv linh.ntm --json procedure show ket-hon --brief
cp "$T/out" "$T/kh.json"
check_rc "…and khai sinh's" 0 cv linh.ntm --json procedure show khai-sinh --brief
check "…'(…, nếu …)' is a condition, '; nếu không có: …' an alternative (required); kết hôn has no marital status certificate since 01/01/2026" \
  test "$(jq -c -s '[.[].checklist[]|.conditional]' "$T/kh.json" "$T/out")" = '[false,false,false,false,false,true,true]'
check_rc "the procedure list for the picker" 0 cv linh.ntm --json procedure list
check "…carries no papers or extensions: they come once with the definition the device keeps" \
  test "$(jq '[.procedures[] | select(has("checklist") or has("extensions"))] | length' "$T/out")" = 0
args() { mapfile -t A < <(valid_fields "$1"); }
args $XD
check_rc "a required paper missing: refused (65)" 65 cv linh.ntm dossier receive --procedure $XD "${A[@]}" --papers 1,3
check "…naming the paper missing" has "Thiếu giấy tờ bắt buộc: 2. Bản sao một trong những giấy tờ chứng minh quyền sử dụng đất"
check "…nothing received" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM dossiers")" = 0
check_rc "a paper not on the list: refused" 65 cv linh.ntm dossier receive --procedure $XD "${A[@]}" --papers 1,2,3,9
check "…" has "từ 1 đến 4"
check_rc "the same paper twice: refused" 65 cv linh.ntm dossier receive --procedure $XD "${A[@]}" --papers 1,2,3,3
check_rc "the required papers, the conditional one not handed in: received" 0 \
  cv linh.ntm --json dossier receive --procedure $XD "${A[@]}" --papers 1,2,3
c1=$(jq -r .code "$T/out")
check_rc "…the dossier keeps the papers handed in" 0 cv linh.ntm --json dossier show "$c1"
check "…three" test "$(jq '.papers|length' "$T/out")" = 3
check_rc "…form 01 prints" 0 cv linh.ntm --json dossier print "$c1" --form 01
jq -r .text "$T/out" >"$T/f01"
check "…listing the papers handed in" grep -q "02 bộ bản vẽ thiết kế xây dựng" "$T/f01"
check "…and not the conditional one that was not" bash -c "! grep -q 'Bản cam kết bảo đảm an toàn' '$T/f01'"
check_rc "with the conditional paper ticked" 0 cv linh.ntm --json dossier receive --procedure $XD "${A[@]}" --papers 4,1,2,3
c2=$(jq -r .code "$T/out")
check "…form 01 lists it too" grep -q "Bản cam kết bảo đảm an toàn" <<<"$(cv linh.ntm --json dossier print "$c2" --form 01 | jq -r .text)"
check_rc "a required paper missing, recorded as a request to supplement" 0 \
  cv linh.ntm --json dossier receive --procedure $XD "${A[@]}" --papers 1,3 --supplement
c3=$(jq -r .code "$T/out")
check "…received, waiting for the supplement (clock paused)" test "$(jq -r .state "$T/out")" = supplement
check "…the reply names what is missing" grep -q "2. Bản sao" <<<"$(jq -r .missing "$T/out")"
check_rc "…form 02 asks for it" 0 cv linh.ntm --json dossier print "$c3" --form 02
check "…" grep -q "Bổ sung giấy tờ còn thiếu khi tiếp nhận: 2. Bản sao một trong những giấy tờ" \
  <<<"$(jq -r .text "$T/out" | tr -s '\n ' '  ')"
check "…the desk recorded it (its timeline: received, then the request by the same clerk)" \
  test "$(cv linh.ntm --json dossier show "$c3" | jq -c '[.timeline[]|[.action,.user]]')" = '[["receive","linh.ntm"],["supplement","linh.ntm"]]'

# --- the supplement brought in: corrections, what changed, the receipt again ---
at "2026-12-04 09:00:00" # the next morning: the clock resumes from here
check_rc "a supplement still short of a required paper: refused" 65 \
  cv linh.ntm dossier act "$c3" resubmit --papers 1,3
check "…naming it" has "Vẫn thiếu giấy tờ bắt buộc: 2. Bản sao"
check_rc "a correction refused as at reception (a number that is not)" 65 \
  cv linh.ntm dossier act "$c3" resubmit --papers 1,2,3 --field floors=ba
check "…still waiting for the supplement" test "$(cv admin --json dossier show "$c3" | jq -r .state)" = supplement
check "…its view carries the checklist the supplement's form ticks again" \
  test "$(cv admin --json dossier show "$c3" | jq '.checklist | length')" = 4
OLD_ADDR=$(cv admin --json dossier show "$c3" | jq -r .fields.plot_address)
check_rc "the supplement taken in with the declaration corrected" 0 \
  cv linh.ntm dossier act "$c3" resubmit --papers 1,2,3 --field floors=3 --field "plot_address=Số 12, đường Lý Thường Kiệt"
check "…what changed, old → new, per field" has "  Số tầng: 1 → 3"
check "…" has "  Địa chỉ lô đất: $OLD_ADDR → Số 12, đường Lý Thường Kiệt"
check "…the papers, old → new" has "  Giấy tờ đã nộp: 1. Đơn đề nghị cấp giấy phép xây dựng (theo mẫu); 3. 02 bộ bản vẽ"
check "…the new receipt (form 01) follows" has "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
check "…and, no longer waiting, its view carries no checklist (a slow link pays for it only then)" \
  test "$(cv admin --json dossier show "$c3" | jq 'has("checklist")')" = false
cv admin --json dossier show "$c3" >"$T/c3"
check "…processing again, the clock resumed" test "$(jq -r .state "$T/c3")" = processing
check "…the receipt's appointment is the dossier's new one" \
  has "Hẹn trả mới: $(jq -r .due "$T/c3")"
check "…the corrections kept" test "$(jq -r '.fields.floors + "|" + .fields.plot_address' "$T/c3")" = "3|Số 12, đường Lý Thường Kiệt"
check "…the papers now handed in" test "$(jq '.papers|length' "$T/c3")" = 3
check "…found by the corrected address (the search row made anew)" \
  test "$(cv linh.ntm --json dossier search "ly thuong kiet" | jq --arg c "$c3" '[.dossiers[]|select(.code==$c)]|length')" = 1
check "…audited with the changes" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action='dossier.supplement' AND object='$c3' AND detail LIKE '%floors%'")" = 1
check_rc "corrections only with the supplement: not on another move" 65 \
  cv binh.nt dossier act "$c3" submit --field floors=4
check "…" has "resubmit"

check "a reception without a checklist (a script) keeps the old way: form 01 lists every paper" \
  grep -q "Bản cam kết bảo đảm an toàn" <<<"$(cv linh.ntm --json dossier print "$(receive linh.ntm $XD)" --form 01 | jq -r .text)"

# --- dates not in the future (not_future) ---
at "2026-12-03 10:00:00"
check_rc "the birth date's field says not_future" 0 cv admin --json procedure show khai-sinh
check "…" test "$(jq -r '.fields[]|select(.name=="child_birth_date").not_future' "$T/out")" = true
check "a birth registered the day it happened" test -n "$(receive linh.ntm khai-sinh --field child_birth_date=2026-12-03)"
args khai-sinh
check_rc "a birth tomorrow is refused (65)" 65 cv linh.ntm dossier receive --procedure khai-sinh "${A[@]}" \
  --field child_birth_date=2026-12-04
check "…naming the field and why" has "Ngày, tháng, năm sinh: không được sau ngày hôm nay"
check_rc "…for scripts: the field's name" 65 cv linh.ntm --json dossier receive --procedure khai-sinh "${A[@]}" \
  --field child_birth_date=2026-12-04
check "…" test "$(jq -r .field "$T/out" 2>/dev/null || grep -o child_birth_date "$T/out" | head -1)" = child_birth_date
args khai-tu
check_rc "a death date next year is refused" 65 cv linh.ntm dossier receive --procedure khai-tu "${A[@]}" \
  --field death_date=2027-01-01
check "…" has "Ngày chết: không được sau ngày hôm nay"
at "2026-12-03 23:30:00" # 16:30 UTC: still the 3rd in the province
check "at 23:30 the province's today is still the 3rd" test -n "$(receive linh.ntm khai-sinh --field child_birth_date=2026-12-03)"
args khai-sinh
check_rc "…and the 4th still ahead" 65 cv linh.ntm dossier receive --procedure khai-sinh "${A[@]}" \
  --field child_birth_date=2026-12-04
at "2026-12-04 00:30:00" # 17:30 UTC on the 3rd: the 4th in the province
check "after midnight in the province the 4th is today" test -n "$(receive linh.ntm khai-sinh --field child_birth_date=2026-12-04)"
check_rc "a date a field does not mark may lie ahead (an extension's new date is another rule)" 0 \
  cv admin --json procedure show ho-kinh-doanh
check "…ho-kinh-doanh has no not_future field" test "$(jq '[.fields[]|select(.not_future)]|length' "$T/out")" = 0
finish
