#!/usr/bin/env bash
# The edXML exchange package (QCVN 102:2016/BTTTT; issue 15) against a real
# congvud: an issued outgoing document exported to a folder is valid
# against forms/documents/edxml.xsd (xmllint --schema) and carries its
# header (From, To, DocumentId, Code, place and date, type, subject,
# signer, priority, steering type) and its text as a base64 attachment;
# imported by another agency's clerk it is registered as incoming with the
# same metadata, the duplicate warning applies on a second import; a
# malformed file, a foreign structure, a missing element or a broken
# attachment is refused with a Vietnamese message and a code, and nothing
# is registered.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/document_lib.sh"

CITY=000.00.15.H12  # thành phố Cà Mau: clerk huong.ptt
XSD="$(cd "$(dirname "$0")/../.." && pwd)/forms/documents/edxml.xsd"
desk_day

documents_up huong.ptt phuc.tm
x() { xmllint --xpath "$1" "$PKG" 2>/dev/null; } # an XPath string of the package
BODY="Điều 1. Giao Sở Nội vụ chủ trì rà soát vị trí việc làm.
Điều 2. Quyết định có hiệu lực từ ngày ký."
D=$(cv ngoc.vtb --json document draft --agency $PROVINCE --type quyet_dinh --urgency khan \
  --summary "Về việc rà soát vị trí việc làm năm 2026" --body "$BODY" | jq -r .code)
head -c 3000 /dev/urandom >"$T/phu-luc.pdf"  # a scanned appendix
check_rc "the drafter attaches the appendix" 0 cv ngoc.vtb document attach "$D" "$T/phu-luc.pdf"
cv tuan.ha document review "$D" >/dev/null && cv minh.pq document check_form "$D" >/dev/null &&
  cv hung.lv document approve "$D" >/dev/null

# --- export ---
mkdir -p "$T/pkg"
check_rc "a draft not issued yet cannot be exported" 65 cv minh.pq document export "$D" --dir "$T/pkg"
cv minh.pq document issue "$D" >/dev/null
cv minh.pq document deliver "$D" --units $CITY >/dev/null
check_rc "an official who may not see it cannot export it" 66 cv phuc.tm document export "$D" --dir "$T/pkg"
S=$(cv ngoc.vtb --json document draft --agency $PROVINCE --type cong_van --secrecy mat --summary "Về việc bảo vệ bí mật" \
  --body "Nội dung mật." | jq -r .code)
cv tuan.ha document review "$S" >/dev/null && cv minh.pq document check_form "$S" >/dev/null &&
  cv hung.lv document approve "$S" >/dev/null && cv minh.pq document issue "$S" >/dev/null
check_rc "a confidential document is never exported" 65 cv minh.pq document export "$S" --dir "$T/pkg"
check "…saying why" grep -qF "Văn bản mật không trao đổi" "$T/out"
check_rc "the office's clerk exports the issued decision" 0 cv minh.pq --json document export "$D" --dir "$T/pkg"
PKG=$(j .file)
check "…into the folder" test "$PKG" = "$T/pkg/$D.edxml.xml" -a -s "$PKG"
check "…valid against the schema congvu ships" xmllint --noout --schema "$XSD" "$PKG"
N='local-name()'
check "…From: the province" test "$(x "string(//*[$N='From']/*[$N='OrganName'])")" = "Ủy ban nhân dân tỉnh Cà Mau"
check "…To: the city it was delivered to" test "$(x "string(//*[$N='To']/*[$N='OrganId'])")" = "$CITY"
check "…Code: 01 and QĐ-UBND" test "$(x "concat(//*[$N='CodeNumber'], '|', //*[$N='CodeNotation'])")" = "01|QĐ-UBND"
check "…DocumentId: agency, date, number and notation" \
  test "$(x "string(//*[$N='DocumentId'])")" = "$PROVINCE,$TODAY,01/QĐ-UBND"
check "…promulgated at Cà Mau on the day of issue" \
  test "$(x "concat(//*[$N='PromulgationInfo']/*[$N='Place'], '|', //*[$N='PromulgationDate'])")" = "Cà Mau|$TODAY"
check "…type, subject, signer" test "$(x "concat(//*[$N='Type'], '|', //*[$N='TypeName'], '|', //*[$N='Subject'], '|', //*[$N='FullName'])")" = \
  "quyet_dinh|Quyết định|Về việc rà soát vị trí việc làm năm 2026|Lê Văn Hùng"
check "…signed by the head in his own name: no Competence, his title as Position" \
  test "$(x "count(//*[$N='Competence'])")|$(x "string(//*[$N='SignerInfo']/*[$N='Position'])")" = "0|CHỦ TỊCH"
check "…urgent: priority 1, steering type 0" test "$(x "concat(//*[$N='Priority'], '|', //*[$N='SteeringType'])")" = "1|0"
check "…the text as a base64 attachment" test "$(x "string(//*[$N='Attachment']/*[$N='Value'])" | base64 -d)" = "$BODY"
check "…the attached appendix too, by its name" test "$(x "string(//*[$N='Attachment'][2]/*[$N='AttachmentName'])")" = phu-luc.pdf
x "string(//*[$N='Attachment'][2]/*[$N='Value'])" | base64 -d >"$T/phu-luc.out"
check "…byte for byte" cmp -s "$T/phu-luc.pdf" "$T/phu-luc.out"
# a decision signed KT. by the head of Sở Nội vụ, delegated: the package says so
cv hung.lv document delegate tuan.ha --capacity kt --from "$TODAY" --to "$(date -d "$TODAY +30 days" +%F)" >/dev/null
K=$(cv ngoc.vtb --json document draft --agency $PROVINCE --type quyet_dinh --summary "Về việc ký thay" --body "Điều 1." |
  jq -r .code)
cv tuan.ha document review "$K" >/dev/null && cv minh.pq document check_form "$K" >/dev/null &&
  cv tuan.ha document approve "$K" --capacity kt >/dev/null && cv minh.pq document issue "$K" >/dev/null
check_rc "a decision signed KT. exports" 0 cv minh.pq --json document export "$K" --dir "$T/pkg"
KPKG=$(j .file)
check "…valid against the schema" xmllint --noout --schema "$XSD" "$KPKG"
check "…SignerInfo: KT., PHÓ CHỦ TỊCH, Hồ Anh Tuấn" test "$(xmllint --xpath "concat(//*[$N='Competence'], '|', \
  //*[$N='SignerInfo']/*[$N='Position'], '|', //*[$N='SignerInfo']/*[$N='FullName'])" "$KPKG")" = "KT.|PHÓ CHỦ TỊCH|Hồ Anh Tuấn"
sed 's/<edXML:Subject>[^<]*<\/edXML:Subject>//' "$PKG" >"$T/nosubject.xml"
check "…(the schema does catch a missing subject)" test "$(xmllint --noout --schema "$XSD" "$T/nosubject.xml" >/dev/null 2>&1; echo $?)" != 0

# --- import: the round trip ---
BEFORE=$(q "SELECT count(*) FROM documents")
check_rc "the city's clerk imports the package" 0 cv huong.ptt --json document import "$PKG"
IN=$(j .code)
check "…registered in the city's incoming register with the same metadata" \
  test "$(j '[.agency, .sender, .number, .date, .type, .summary, .urgency] | join("|")')" = \
  "$CITY|Ủy ban nhân dân tỉnh Cà Mau|01/QĐ-UBND|$TODAY|quyet_dinh|Về việc rà soát vị trí việc làm năm 2026|khan"
check "…audited as a registration" test "$(q "SELECT count(*) FROM audit WHERE action = 'document.register' AND object = '$IN'")" = 1
check_rc "…with the package's files attached" 0 cv huong.ptt --json attach list "$IN"
check "…the text and the appendix" test "$(j '[.attachments[].name] | sort | join(",")')" = "$D.txt,phu-luc.pdf"
check "…the appendix the same file (its BLAKE2b-256)" \
  test "$(j '.attachments[] | select(.name=="phu-luc.pdf") | .hash')" = "$(b2sum -l 256 "$T/phu-luc.pdf" | cut -d' ' -f1)"
check_rc "a second import warns of the duplicate" 65 cv huong.ptt document import "$PKG"
check "…naming the one registered" grep -qF "$IN" "$T/out"
check_rc "…and registers it when told to" 0 cv huong.ptt --json document import "$PKG" --force
check "two registered in all" test "$(q "SELECT count(*) FROM documents")" = $((BEFORE + 2))

sed "s|<edXML:OrganId>$CITY</edXML:OrganId>|<edXML:OrganId>$PROVINCE</edXML:OrganId>|" "$PKG" >"$T/to-province.xml"
check_rc "the office's clerk imports a package addressed to the province" 0 cv minh.pq --json document import \
  "$T/to-province.xml" --force
check "…into the province's register, which the package names and he serves" test "$(j .agency)" = "$PROVINCE"

# --- refused packages ---
BEFORE=$(q "SELECT count(*) FROM documents")
head -c 300 "$PKG" >"$T/cut.xml"
check_rc "a cut file is refused" 65 cv huong.ptt document import "$T/cut.xml"
check "…as malformed, in Vietnamese" grep -q "không phải XML hợp lệ.*\[edxml_malformed\]" "$T/out"
echo '<?xml version="1.0"?><hoso><ma>1</ma></hoso>' >"$T/other.xml"
check_rc "another XML structure is refused" 65 cv huong.ptt --json document import "$T/other.xml"
check "…with its code" test "$(j .error)" = edxml_structure
check "…saying what an edXML package is" grep -qF "edXMLEnvelope" "$T/out"
check_rc "a package without its subject is refused" 65 cv huong.ptt document import "$T/nosubject.xml"
check "…naming the element" grep -qF "Subject (trích yếu)" "$T/out"
sed 's/<edXML:PromulgationDate>[^<]*</<edXML:PromulgationDate>03\/12\/2026</' "$PKG" >"$T/baddate.xml"
check_rc "a date not YYYY-MM-DD is refused" 65 cv huong.ptt document import "$T/baddate.xml"
check "…naming it" grep -qF "03/12/2026" "$T/out"
sed 's/<edXML:Value>/<edXML:Value>***/' "$PKG" >"$T/badatt.xml"
check_rc "a broken attachment is refused" 65 cv huong.ptt --json document import "$T/badatt.xml"
check "…with its code" test "$(j .error)" = edxml_attachment
check_rc "a missing file is refused" 65 cv huong.ptt document import "$T/none.xml"
cv minh.pq document recall "$D" --reason "Thu hồi để thay thế" >/dev/null
check_rc "a recalled document is not exported" 65 cv minh.pq document export "$D" --dir "$T/pkg"
check "…saying why" grep -qF "đã bị thu hồi" "$T/out"
check "nothing registered by any of them" test "$(q "SELECT count(*) FROM documents")" = "$BEFORE"
finish
