#!/usr/bin/env bash
# Attachments of official documents (issue 15, "Attachments on slow
# links") against a real congvud through the CLI: a file sent in chunks
# and fetched back byte for byte; the same content stored once for two
# documents (and a second attach sending nothing); a corrupted upload
# refused by its hash; the per-file size and per-unit quota refused before
# any byte is sent; a client killed mid-upload over a slow relay resuming
# with only the rest; who may see and fetch (another unit's clerk, a
# confidential document's non-reader); a text attachment's body found by
# document.search without diacritics; the audit rows.
. "$(dirname "$0")/../lib.sh" "$1"

VP=000.00.01.H12   # Văn phòng UBND tỉnh: clerks minh.pq, lan.dt
desk_day

# small limits so refusals are cheap: 1 MiB per file is not enough for a
# 1.5 MiB file; 3 MiB per unit fits two 1 MiB files but not a third
new_data '{"attach_max_kb": 1536, "attach_quota_mb": 3, "attach_upload_hours": 2}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in minh.pq lan.dt hung.lv huong.ptt ngoc.vtb phuc.tm; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
# j FILTER — jq over the reply in $T/out (check_rc keeps stderr's progress lines there too)
j() { grep '^{' "$T/out" | jq -r "$1"; }
b2() { python3 -c 'import hashlib,sys; print(hashlib.blake2b(open(sys.argv[1],"rb").read(), digest_size=32).hexdigest())' "$1"; }
reg() {
  local n=$1; shift
  cv minh.pq --json document register --agency $PROVINCE --sender "Bộ Nội vụ" --number "$n" --date "$TODAY" \
    --type cong_van --summary "Về việc tinh giản biên chế" "$@"
}
reg 11/BNV-TCBC >"$T/out" && D1=$(j .code)
reg 12/BNV-TCBC >"$T/out" && D2=$(j .code)
reg 01/BNV-MAT --secrecy mat --readers hung.lv >"$T/out" && DM=$(j .code)
check "three documents registered" test -n "$D1" -a -n "$D2" -a -n "$DM"

head -c 1048576 /dev/urandom >"$T/scan.pdf"
head -c 1000000 /dev/urandom >"$T/other.bin"

check_rc "document attach --help" 0 cv minh.pq document attach --help
check "…says how" has "document attach MÃ TỆP"
check_rc "document fetch without --out is a usage error" 64 cv minh.pq document fetch "$D1" x.pdf

# --- up and down, byte for byte ---
check_rc "the clerk attaches a 1 MiB scan" 0 cv minh.pq --json document attach "$D1" "$T/scan.pdf"
check "…sent whole, named by its file name and hash" \
  test "$(j '[.attachment.name, .attachment.hash, .attachment.size, .sent, .resumed_from] | join("|")')" = \
  "scan.pdf|$(b2 "$T/scan.pdf")|1048576|1048576|0"
check "…typed by its extension" test "$(j .attachment.mime)" = application/pdf
check_rc "document show lists it" 0 cv minh.pq --json document show "$D1"
check "…with its name and size" test "$(j '.attachments[0] | [.name, .size, .by] | join("|")')" = "scan.pdf|1048576|minh.pq"
check_rc "the leader fetches it by name" 0 cv hung.lv --json document fetch "$D1" scan.pdf --out "$T/got.pdf"
check "…byte for byte" cmp "$T/scan.pdf" "$T/got.pdf"
check "…no .part left behind" test ! -e "$T/got.pdf.part"
check_rc "and by hash" 0 cv hung.lv document fetch "$D1" "$(b2 "$T/scan.pdf")" --out "$T/got2.pdf"
check "…byte for byte" cmp "$T/scan.pdf" "$T/got2.pdf"
# a download stopped half way (the client just stops asking) goes on from
# where its .part ends
head -c 300000 "$T/scan.pdf" >"$T/got3.pdf.part"
check_rc "a fetch continues a part file" 0 cv hung.lv --json document fetch "$D1" scan.pdf --out "$T/got3.pdf"
check "…receiving only the rest, byte for byte" \
  test "$(j .received)" = $((1048576 - 300000)) -a "$(cmp "$T/scan.pdf" "$T/got3.pdf" && echo same)" = same

# --- dedup ---
check_rc "the same scan attached to a second document" 0 cv lan.dt --json document attach "$D2" "$T/scan.pdf"
check "…sends nothing: the server holds it" test "$(j .sent)" = 0
check "…stored once, linked twice" test "$(q "SELECT count(*) FROM attach_files") $(q "SELECT count(*) FROM attach_links")" = "1 2"
check "…its bytes once" test "$(q "SELECT sum(length(data)) FROM attach_pieces")" = 1048576
check_rc "attaching it again under the same name is no change" 0 cv minh.pq --json document attach "$D1" "$T/scan.pdf"
check "…still two links" test "$(q "SELECT count(*) FROM attach_links")" = 2
cp "$T/other.bin" "$T/x/scan.pdf" 2>/dev/null || { mkdir -p "$T/x" && cp "$T/other.bin" "$T/x/scan.pdf"; }
check_rc "another file under a name the document already holds is refused" 65 cv minh.pq document attach "$D1" "$T/x/scan.pdf"
check "…with a code and a Vietnamese reason" has "đã có tệp đính kèm khác tên scan.pdf"
check "…before any byte was sent" test "$(q "SELECT count(*) FROM attach_uploads")" = 0

# --- the hash checked ---
H=$(b2 "$T/other.bin")
cv minh.pq --json attach begin "$D1" --name other.bin --size 1000000 --hash "$H" >"$T/out"
U=$(j .upload)
check "an upload begun by hand" test "$U" -gt 0
head -c 40000 /dev/zero >"$T/zeros" # not the file announced
for off in $(seq 0 40000 960000); do
  cv minh.pq attach chunk --upload "$U" --offset "$off" --data "$(base64 -w0 "$T/zeros")" >/dev/null || break
done
check "…every wrong byte held" test "$(q "SELECT held FROM attach_uploads WHERE id=$U")" = 1000000
check_rc "finishing it is refused: the hash does not match" 65 cv minh.pq attach finish --upload "$U"
check "…told so, with its code" has "hash_mismatch"
check "…the bytes dropped, nothing attached" \
  test "$(q "SELECT count(*) FROM attach_uploads WHERE id=$U"),$(q "SELECT count(*) FROM attach_links WHERE name='other.bin'")" = "0,0"
check "…the refusal audited" test "$(q "SELECT count(*) FROM audit WHERE action='attach.refused'")" = 1

# --- a chunk sent twice is written once ---
cv minh.pq --json attach begin "$D1" --name small.bin --size 6 --hash "$(printf abcdef | b2 /dev/stdin)" >"$T/out"
U=$(j .upload)
cv minh.pq attach chunk --upload "$U" --offset 0 --data "$(printf abc | base64)" >/dev/null
check_rc "a chunk repeated (a retry)" 0 cv minh.pq --json attach chunk --upload "$U" --offset 0 --data "$(printf abc | base64)"
check "…is answered with what is held, not written again" test "$(j .held)" = 3
check_rc "a chunk past what is held" 0 cv minh.pq --json attach chunk --upload "$U" --offset 5 --data "$(printf f | base64)"
check "…is not written either" test "$(j .held)" = 3
check_rc "another official may not send into my upload" 66 cv lan.dt attach chunk --upload "$U" --offset 3 --data "$(printf def | base64)"
cv minh.pq attach chunk --upload "$U" --offset 3 --data "$(printf def | base64)" >/dev/null
check_rc "…the rest, then finish" 0 cv minh.pq --json attach finish --upload "$U"
check "…attached" test "$(j .attachment.size)" = 6

# --- limits, refused before any byte is sent ---
head -c 1600000 /dev/urandom >"$T/big.pdf"
check_rc "a file over attach_max_kb is refused" 65 cv minh.pq document attach "$D1" "$T/big.pdf"
check "…with its code and the limit, in Vietnamese" has "file_too_large" && check "…the limit named" has "tối đa 1536 KiB"
head -c 1048576 /dev/urandom >"$T/two.pdf"
head -c 1048576 /dev/urandom >"$T/three.pdf"
check_rc "a second 1 MiB file fits the unit's 3 MiB" 0 cv minh.pq document attach "$D1" "$T/two.pdf"
check_rc "a third does not: the quota" 73 cv minh.pq document attach "$D1" "$T/three.pdf"
check "…with its code and the unit's use, in Vietnamese" has "quota_exceeded"
check "…nothing of it held" test "$(q "SELECT count(*) FROM attach_uploads")" = 0

# --- scope ---
check_rc "another unit's clerk may not list them" 66 cv huong.ptt attach list "$D1"
check_rc "…nor fetch one, even by hash" 66 cv huong.ptt document fetch "$D1" "$(b2 "$T/scan.pdf")" --out "$T/no.pdf"
check "…and nothing was written" test ! -e "$T/no.pdf"
check_rc "…nor attach to it" 66 cv huong.ptt document attach "$D1" "$T/three.pdf"
check_rc "a reader attaches to a confidential document" 0 cv hung.lv --json document attach "$DM" "$T/other.bin"
check_rc "…a clerk who is not its reader may not list" 66 cv lan.dt attach list "$DM"
check_rc "…nor fetch, even knowing the hash" 66 cv lan.dt document fetch "$DM" "$H" --out "$T/no.bin"
check_rc "…the reader fetches it" 0 cv hung.lv document fetch "$DM" other.bin --out "$T/got.bin"
check "…byte for byte" cmp "$T/other.bin" "$T/got.bin"

# --- text attachments are searched without diacritics ---
printf 'Báo cáo kết quả rà soát đội ngũ công chức cấp xã năm nay.\nKiến nghị bổ sung biên chế.\n' >"$T/baocao.txt"
check_rc "a text attachment" 0 cv minh.pq --json document attach "$D2" "$T/baocao.txt"
check "…typed as UTF-8 text" test "$(j .attachment.mime)" = "text/plain; charset=utf-8"
check_rc "document search finds a word of its body without diacritics" 0 cv minh.pq --json document search "doi ngu cong chuc"
check "…that document" test "$(j '[.documents[].code] | join(",")')" = "$D2"
check_rc "…and not for another unit's clerk" 0 cv huong.ptt --json document search "doi ngu cong chuc"
check "…who sees nothing" test "$(jq '.documents | length' "$T/out")" = 0
printf 'Kế hoạch diễn tập phòng thủ khu vực.\n' >"$T/kehoach.pdf" # text, but a PDF by its name
check_rc "a file typed by its name as not text" 0 cv minh.pq --json document attach "$D1" "$T/kehoach.pdf"
check_rc "…its bytes are not searched" 0 cv minh.pq --json document search "dien tap phong thu"
check "…none found" test "$(jq '.documents | length' "$T/out")" = 0

# --- an outgoing draft's attachments ---
cv ngoc.vtb --json document draft --agency $PROVINCE --type quyet_dinh --summary "Về việc thành lập Tổ công tác" \
  --body "Điều 1. Thành lập Tổ công tác." >"$T/out"
DT=$(j .code)
check_rc "the drafter attaches an annex to an outgoing draft" 0 cv ngoc.vtb --json document attach "$DT" "$T/two.pdf"
check "…held once: the unit's file sent before, nothing sent" test "$(j .sent),$(j .attachment.name)" = "0,two.pdf"
check_rc "document view lists it" 0 cv ngoc.vtb --json document view "$DT"
check "…by name" test "$(j '[.attachments[].name] | join(",")')" = two.pdf
check_rc "an official of another department may not fetch it" 66 cv phuc.tm document fetch "$DT" two.pdf --out "$T/no2.pdf"

# --- resume: the client killed mid-upload over a slow relay ---
DPORT=${ENDPOINT##*:}
python3 "$(dirname "$0")/../../bench/linkemu.py" 0 "$DPORT" 512 20 0 >"$T/relay.port" &
RELAY=$!
for _ in $(seq 100); do [ -s "$T/relay.port" ] && break; sleep 0.05; done
inv=$("$CONGVUD" admin "$DATA" --json device invite --unit $PROVINCE --endpoint "tcp://127.0.0.1:$(cat "$T/relay.port")" | jq -r .invite)
as slow "$CONGVU" enroll "$inv" >/dev/null && login slow minh.pq
head -c 786432 /dev/urandom >"$T/resume.pdf"
# the client itself in the background (not through `as`, whose subshell
# a kill would leave it running behind)
XDG_CONFIG_HOME=$T/client-slow/config XDG_STATE_HOME=$T/client-slow/state XDG_CACHE_HOME=$T/client-slow/cache \
  "$CONGVU" --json document attach "$D2" "$T/resume.pdf" >"$T/first.out" 2>"$T/first.err" &
CL=$!
for _ in $(seq 600); do
  [ "$(q "SELECT coalesce(max(held), 0) FROM attach_uploads WHERE name='resume.pdf'")" -ge 65536 ] && break
  sleep 0.05
done
kill -9 $CL 2>/dev/null; wait $CL 2>/dev/null
HELD=$(q "SELECT held FROM attach_uploads WHERE name='resume.pdf'")
check "the client killed mid-upload left part of the file held" test "${HELD:-0}" -gt 0 -a "${HELD:-0}" -lt 786432
check_rc "run again, it resumes" 0 as slow "$CONGVU" --json document attach "$D2" "$T/resume.pdf"
check "…from what the server held, sending only the rest" \
  test "$(j "[.resumed_from >= ${HELD:-0}, .sent == .size - .resumed_from, .attachment.size] | map(tostring) | join(\",\")")" = "true,true,786432"
kill $RELAY 2>/dev/null; wait $RELAY 2>/dev/null
check_rc "the resumed file fetched" 0 cv hung.lv document fetch "$D2" resume.pdf --out "$T/resumed.pdf"
check "…byte for byte" cmp "$T/resume.pdf" "$T/resumed.pdf"

# --- abandoned uploads expire ---
cv minh.pq --json attach begin "$D1" --name stale.bin --size 10 --hash "$(printf 0123456789 | b2 /dev/stdin)" >/dev/null
clock_advance $((3 * 3600))
cv lan.dt --json attach begin "$D2" --name fresh.bin --size 3 --hash "$(printf xyz | b2 /dev/stdin)" >/dev/null
check "an upload untouched past attach_upload_hours is deleted by the next begin" \
  test "$(q "SELECT group_concat(name) FROM attach_uploads")" = fresh.bin

check "every link audited" test "$(q "SELECT count(*) FROM audit WHERE action='attach.link'")" = "$(q "SELECT count(*) FROM attach_links")"
check "the daemon logged no error" test -z "$(grep -E 'ERROR|runtime error|AddressSanitizer' "$T/congvud.log")"
finish
