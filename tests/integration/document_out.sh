#!/usr/bin/env bash
# Outgoing documents (issue 15) against a real congvud: a specialist
# drafts, every revision is kept with who and when, the unit's head
# reviews, the signer approves, the clerk issues and the number and
# notation come from the agency's yearly series (01 on, separate series for
# confidential and for legal normative documents, NĐ 30 appendix III
# abbreviations), the outgoing register; who may do each move; 32 issues at
# once without gap or repeat; a failed issue using no number; the new year
# starting again at 01. Signatures: keys made on the official's device and
# enrolled; each review, approval and issue signed (refused unsigned), the
# server checking them again at the issue (a tampered row is refused); the
# exported record verified offline, and failing with any byte changed.
# Delivery to units inside the system: each recipient's clerk receives it
# into the unit's incoming register, pre-filled with the sender's number,
# and the sender sees the acknowledgement.
. "$(dirname "$0")/../lib.sh" "$1"

SNV=000.00.02.H12   # Sở Nội vụ: leader tuan.ha, specialist ngoc.vtb
CITY=000.00.15.H12  # thành phố Cà Mau: clerk huong.ptt, leader thanh.nv
WARD=000.01.15.H12  # Phường 1: clerk linh.ntm, specialist binh.nt, leader cuong.lm (no abbreviation declared)
desk_day
YEAR=${TODAY%%-*}

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in minh.pq lan.dt hung.lv tuan.ha ngoc.vtb phuc.tm linh.ntm binh.nt cuong.lm huong.ptt thanh.nv; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
for u in tuan.ha minh.pq cuong.lm linh.ntm; do cv "$u" document key >/dev/null || echo "# no key for $u"; done
j() { jq -r "$1" "$T/out"; }
b2() { printf '%s' "$1" | b2sum -l 256 | cut -d' ' -f1; }
BODY1="Điều 1. Thành lập Tổ công tác cải cách hành chính tỉnh."
BODY2="$BODY1
Điều 2. Tổ công tác có nhiệm vụ tham mưu Chủ tịch UBND tỉnh."
# flow USER... — draft (ngoc.vtb, for the province), review, the form's
# check by the office's clerk, approve: the code
flow() {
  local code
  code=$(cv ngoc.vtb --json document draft --agency $PROVINCE "$@" | jq -r .code) || return 1
  cv tuan.ha document review "$code" >/dev/null && cv minh.pq document check_form "$code" >/dev/null &&
    cv hung.lv document approve "$code" >/dev/null && echo "$code"
}

# --- drafting, revisions ---
check_rc "a specialist drafts a decision for the province" 0 cv ngoc.vtb --json document draft --agency $PROVINCE \
  --type quyet_dinh --summary "Về việc thành lập Tổ công tác cải cách hành chính" --body "$BODY1" --note "Bản đầu"
D=$(j .code)
check "…a draft, revision 1, of Sở Nội vụ for the province" \
  test "$(j '[.state, .revision, .unit, .agency, .drafter] | join("|")')" = "draft|1|$SNV|$PROVINCE|ngoc.vtb"
check "…its hash the BLAKE2b-256 of the text" test "$(j .hash)" = "$(b2 "$BODY1")"
check "…no number before its issue" test "$(j '.number, .notation' | sort -u)" = null
check_rc "another unit's specialist does not see it" 66 cv phuc.tm document view "$D"
check_rc "a revision" 0 cv ngoc.vtb --json document draft "$D" --body "$BODY2" --note "Thêm Điều 2"
check "…revision 2, its own hash" test "$(j '[.revision, .hash] | join("|")')" = "2|$(b2 "$BODY2")"
check_rc "the view" 0 cv tuan.ha --json document view "$D"
check "…keeps both revisions, who and when" \
  test "$(j '[.revisions[] | "\(.n):\(.author):\(.note)"] | join(",")')" = "2:ngoc.vtb:Thêm Điều 2,1:ngoc.vtb:Bản đầu"
check "…each with its time" test "$(j '[.revisions[].at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$")] | all')" = true
check "…the current text" test "$(j .body)" = "$BODY2"
check_rc "revision 1 as it was" 0 cv tuan.ha --json document view "$D" --revision 1
check "…its text" test "$(j '[.shown, .body] | join("|")')" = "1|$BODY1"
check_rc "a stale revision is refused" 75 cv ngoc.vtb document draft "$D" --body X --version 1

# --- review, approval, who may ---
check_rc "the specialist may not review it" 77 cv ngoc.vtb document review "$D"
check_rc "nor approve it before the review" 65 cv hung.lv document approve "$D"
check_rc "the head of Sở Nội vụ reviews it" 0 cv tuan.ha --json document review "$D" --note "Đạt"
check "…waiting for the signature, reviewer named" test "$(j '[.state, .reviewer] | join("|")')" = "reviewed|tuan.ha"
check_rc "no revision once reviewed" 65 cv ngoc.vtb document draft "$D" --body X
check_rc "the head of the unit may not sign for the province" 77 cv tuan.ha document approve "$D"
check_rc "the signer returns it without a note: refused" 65 cv hung.lv document approve "$D" --reject
check_rc "the signer returns it to be corrected" 0 cv hung.lv --json document approve "$D" --reject --note "Sửa Điều 2"
check "…back in draft" test "$(j .state)" = draft
check_rc "revision 3" 0 cv ngoc.vtb document draft "$D" --body "$BODY2 (đã sửa)"
check_rc "reviewed again" 0 cv tuan.ha document review "$D"
check_rc "the form checked by the office's clerk (thể thức, NĐ 30 Điều 12 khoản 2)" 0 cv minh.pq document check_form "$D"
check_rc "an approval without a signing key is refused" 65 cv hung.lv document approve "$D"
check "…asking for the signature" grep -qF signature "$T/out"
check_rc "the provincial leader makes his key on his device and enrolls it" 0 cv hung.lv --json document key
KEY=$(j .key)
check "…its secret half stays on the device, readable by him only" \
  test "$(stat -c %a "$T/client-hung.lv/config/congvu/sign-hung.lv.key")" = 600
check "…the server has the public half" test "$(q "SELECT count(*) FROM document_keys WHERE key_id='$KEY' AND public_key <> ''")" = 1
check_rc "the provincial leader approves it" 0 cv hung.lv --json document approve "$D"
check "…approved, the signer named" test "$(j '[.state, .approver] | join("|")')" = "approved|hung.lv"
check_rc "the drafter may not issue it" 77 cv ngoc.vtb document issue "$D"
check_rc "the office's clerk finds it in the queue to issue" 0 cv minh.pq --json document outgoing --queue issue
check "…there" test "$(j "[.documents[].code] | index(\"$D\")")" != null

check "the review and the approval are signed, by their officials' keys" \
  test "$(q "SELECT group_concat(g.act || ':' || u.username, ',') FROM document_signatures g JOIN users u ON u.id = g.user_id WHERE draft_id=(SELECT id FROM document_drafts WHERE code='$D') ORDER BY seq")" = \
  "review:tuan.ha,review:tuan.ha,approve:hung.lv"
SUM=$(q "SELECT summary FROM document_drafts WHERE code='$D'")
q "UPDATE document_drafts SET summary='Về việc khác' WHERE code='$D'"
check_rc "the server checks the signatures at the issue: a row changed behind them is refused" 65 cv minh.pq document issue "$D"
check "…naming the signature no longer good" grep -qF "không còn đúng" "$T/out"
q "UPDATE document_drafts SET summary='$SUM' WHERE code='$D'"

check_rc "the city's clerk (under the province, not its office) does not find it in the queue to issue" 0 \
  cv huong.ptt --json document outgoing --queue issue
check "…not there" lacks "$D"
check_rc "…nor may issue it: for him it does not exist" 66 cv huong.ptt document issue "$D"
# --- the issue: number and notation ---
check_rc "the office's clerk issues it for the province" 0 cv minh.pq --json document issue "$D"
check "…number 01 of $YEAR: 01/QĐ-UBND" test "$(j '[.state, .year, .number, .notation, .issuer] | join("|")')" = \
  "issued|$YEAR|1|01/QĐ-UBND|minh.pq"
check "…signed by the clerk for that number" \
  test "$(q "SELECT count(*) FROM document_signatures WHERE act='issue' AND payload LIKE '%notation: 01/QĐ-UBND%' AND draft_id=(SELECT id FROM document_drafts WHERE code='$D')")" = 1

# --- the signed record, verified offline ---
cv minh.pq --json document record "$D" | jq -j .record >"$T/rec.json"
check_rc "the exported record verifies without the server" 0 "$CONGVU" document verify "$T/rec.json"
check "…naming the document and its signatures" grep -qF "01/QĐ-UBND, 3 chữ ký" "$T/out"
flip() { # flip FILE OFFSET: a copy with the byte at OFFSET changed
  python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[int(sys.argv[2])]^=1; sys.stdout.buffer.write(b)' "$1" "$2"
}
SIZE=$(stat -c %s "$T/rec.json")
BAD=0
for off in 0 $((SIZE / 7)) $((SIZE / 3)) $((SIZE / 2)) $((SIZE * 2 / 3)) $((SIZE - 2)) \
  $(grep -bo '"notation"' "$T/rec.json" | head -1 | cut -d: -f1) $(grep -bo '"signature":"' "$T/rec.json" | head -1 | cut -d: -f1); do
  flip "$T/rec.json" "$off" >"$T/bad.json"
  "$CONGVU" document verify "$T/bad.json" >/dev/null 2>&1 && { echo "# byte $off changed and still verified"; BAD=1; }
done
check "…and fails with a byte changed anywhere (8 places; every byte in unit-document_sig)" test "$BAD" = 0
python3 -c 'import sys; sys.stdout.write(open(sys.argv[1]).read().replace("01/Q\\u0110-UBND", "02/Q\\u0110-UBND"))' \
  "$T/rec.json" >"$T/bad.json"
check "…(the notation is there)" test "$(cmp -s "$T/rec.json" "$T/bad.json"; echo $?)" = 1
check_rc "…or the notation rewritten in both places" 65 "$CONGVU" document verify "$T/bad.json"

# --- delivery inside the system, acknowledgement ---
check_rc "the drafter may not deliver it" 77 cv ngoc.vtb document deliver "$D" --units $CITY
check_rc "the office's clerk delivers it to the city and to Phường 1" 0 cv minh.pq --json document deliver "$D" \
  --units $CITY,$WARD
check "…both waiting, none received" test "$(j '[.deliveries[] | "\(.unit):\(.received)"] | join(",")')" = "$CITY:null,$WARD:null"
check_rc "the city's clerk finds it in the inbox" 0 cv huong.ptt --json document inbox
check "…pre-filled with the sender, its number and notation, type and summary" \
  test "$(j ".documents[] | select(.code == \"$D\") | [.sender, .number, .type, .unit] | join(\"|\")")" = \
  "Ủy ban nhân dân tỉnh Cà Mau|01/QĐ-UBND|quyet_dinh|$CITY"
check_rc "a clerk it was not sent to cannot receive it" 66 cv lan.dt document receive "$D"
check_rc "the city's clerk receives it" 0 cv huong.ptt --json document receive "$D" --pages 2
IN=$(j .code)
check "…into the city's incoming register, with the sender's number" \
  test "$(j '[.agency, .sender, .number, .type, .register, .pages] | join("|")')" = \
  "$CITY|Ủy ban nhân dân tỉnh Cà Mau|01/QĐ-UBND|quyet_dinh|in|2"
check_rc "…not twice" 65 cv huong.ptt document receive "$D"
check_rc "the city's leader has it waiting for his directive" 0 cv thanh.nv --json document list --queue directive
check "…there" test "$(j "[.documents[].code] | index(\"$IN\")")" != null
check_rc "the sender sees the acknowledgement" 0 cv minh.pq --json document view "$D"
check "…the city received it as $IN, by its clerk; Phường 1 not yet" \
  test "$(j '[.deliveries[] | "\(.unit):\(.receiver):\(.document)"] | join(",")')" = "$CITY:huong.ptt:$IN,$WARD:null:null"
check "…with the time" test "$(j '.deliveries[0].received | test("^[0-9]{4}-")')" = true
check "delivery and receipt audited" test "$(q "SELECT group_concat(action) FROM (SELECT action FROM audit WHERE object='$D' AND action IN ('document.deliver','document.receive') ORDER BY id)")" = \
  "document.deliver,document.receive"

D2=$(flow --type cong_van --summary "Về việc báo cáo biên chế" --body "Kính gửi các sở")
check_rc "a công văn" 0 cv minh.pq --json document issue "$D2"
check "…02 in the same series, the drafting unit in its notation: 02/UBND-SNV" test "$(j .notation)" = "02/UBND-SNV"
D3=$(flow --type quyet_dinh --summary "Về việc bảo vệ bí mật nhà nước" --body "Mật" --secrecy mat)
check_rc "a confidential decision" 0 cv minh.pq --json document issue "$D3"
check "…its own series: 01/QĐ-UBND" test "$(j '[.series, .notation] | join("|")')" = "document.out.secret|01/QĐ-UBND"
check_rc "…not seen by an official not on it" 66 cv lan.dt document view "$D3"
D4=$(flow --type quyet_dinh --summary "Ban hành Quy chế phối hợp" --body "Quy chế" --normative)
check_rc "a legal normative decision" 0 cv minh.pq --json document issue "$D4"
check "…its series by type, with the year: 01/$YEAR/QĐ-UBND" \
  test "$(j '[.series, .notation] | join("|")')" = "document.out.qppl.quyet_dinh|01/$YEAR/QĐ-UBND"
check_rc "the outgoing register" 0 cv minh.pq --json document outgoing --queue register --year "$YEAR"
check "…the four issued, the confidential one only for who is on it" \
  test "$(j '[.documents[].notation] | sort | join(",")')" = "01/$YEAR/QĐ-UBND,01/QĐ-UBND,01/QĐ-UBND,02/UBND-SNV"
check_rc "…a clerk not on the confidential one" 0 cv lan.dt --json document outgoing --queue register
check "…sees three" test "$(j '.documents | length')" = 3
# search without diacritics: each word in the code, the number and notation, or the summary
found() { cv "$1" --json document outgoing --text "$2" | jq -r '[.documents[].notation // .code] | sort | join(",")'; }
check "search: 'quy che phoi hop' finds the normative decision" test "$(found minh.pq "quy che phoi hop")" = "01/$YEAR/QĐ-UBND"
check "…by its notation, typed without its marks: '02/ubnd-snv'" test "$(found minh.pq "02/ubnd-snv")" = "02/UBND-SNV"
check "…every word must be there: 'bao cao bien che' yes, 'bao cao ngan sach' no" \
  test "$(found minh.pq "bao cao bien che")|$(found minh.pq "bao cao ngan sach")" = "02/UBND-SNV|"
check "…the confidential one only for who is on it: 'bi mat' for the issuer" test "$(found minh.pq "bi mat")" = "01/QĐ-UBND"
check "…and not for a clerk who is not" test "$(found lan.dt "bi mat")" = ""
check "…within a queue: 'quy che' in the register" \
  test "$(cv minh.pq --json document outgoing --queue register --text "quy che" | jq '.documents | length')" = 1
check_rc "…text that is not UTF-8 is refused before it is sent" 64 cv minh.pq --json document outgoing --text "$(printf 'bi\xffmat')"
check "…naming the option" has "--text"
check_rc "…words with nothing to fold (only spaces) list as no search" 0 cv minh.pq --json document outgoing --text "   "
check "every move is logged" test "$(q "SELECT group_concat(action) FROM (SELECT action FROM wf_log WHERE kind='document_out' AND object_id=(SELECT id FROM document_drafts WHERE code='$D') ORDER BY id)")" = \
  "draft,revise,review,return,revise,review,check_form,approve,issue"
check "…and audited" test "$(q "SELECT count(*) FROM audit WHERE object='$D'")" -ge 8

# --- a failed issue uses no number ---
W=$(cv binh.nt --json document draft --type cong_van --summary "Về việc vệ sinh môi trường" --body "Kính gửi" | jq -r .code)
cv cuong.lm document review "$W" >/dev/null && cv linh.ntm document check_form "$W" >/dev/null &&
  cv cuong.lm document approve "$W" >/dev/null
check_rc "the ward's clerk issues, but the ward has declared no abbreviation: refused" 65 cv linh.ntm document issue "$W"
check "…its series untouched" test "$(q "SELECT count(*) FROM series WHERE kind LIKE 'document.out%' AND scope=(SELECT id FROM units WHERE code='$WARD')")" = 0
check "…still approved, no number" test "$(q "SELECT state || '|' || coalesce(number, '-') FROM document_drafts WHERE code='$W'")" = "approved|-"

# --- 32 issues at once: no gap, no repeat ---
CODES=()
for i in $(seq 32); do CODES+=("$(flow --type cong_van --summary "Công văn $i" --body "Nội dung $i")"); done
check "32 approved drafts" test "$(printf '%s\n' "${CODES[@]}" | grep -c '^DT-')" = 32
PIDS=()
for c in "${CODES[@]}"; do cv minh.pq document issue "$c" >/dev/null 2>&1 & PIDS+=($!); done
wait "${PIDS[@]}"
check "all issued, numbered 3 to 34 of the series, none twice" \
  test "$(q "SELECT count(*) || ',' || count(DISTINCT number) || ',' || min(number) || ',' || max(number) FROM document_drafts WHERE series='document.out' AND year='$YEAR' AND state='issued' AND agency_id=(SELECT id FROM units WHERE code='$PROVINCE')")" = "34,34,1,34"
check "…the series holds 34" test "$(q "SELECT n FROM series WHERE kind='document.out' AND period='$YEAR' AND scope=(SELECT id FROM units WHERE code='$PROVINCE')")" = 34

# --- a new year starts again at 01 ---
NEXT=$((YEAR + 1))
clock_set "$(date -d "$NEXT-01-02 09:00 +07:00" +%s)"
for u in ngoc.vtb tuan.ha hung.lv minh.pq; do login "$u" "$u"; done
D5=$(flow --type thong_bao --summary "Thông báo lịch nghỉ Tết" --body "Nghỉ Tết")
check_rc "the first issue of $NEXT" 0 cv minh.pq --json document issue "$D5"
check "…01/TB-UBND of $NEXT" test "$(j '[.year, .notation] | join("|")')" = "$NEXT|01/TB-UBND"
finish
