#!/usr/bin/env bash
# Status by the short code (issue 11): the distinguishing end of a dossier's
# code (<YYMMDD>-<NNNN>, DOMAIN.md §1) is what a citizen reads out; it is
# looked up within the caller's agency and the units below it. Two communes
# receive their first dossier the same day, so both codes end the same: each
# commune's clerk finds its own, the city above both is told the code is
# ambiguous and which dossiers it could be, and every command that takes a
# dossier code takes the short one.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12   # Phường 1, clerk linh.ntm
P20=000.20.15.H12  # another commune of the city, clerk hoa.dtt

clock_set "$(date -d '2026-12-03 10:00 +07:00' +%s)" # Thursday
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm hoa.dtt thanh.nv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

a=$(receive linh.ntm khai-tu)
b=$(receive hoa.dtt khai-tu)
c=$(receive hoa.dtt khai-tu)
check "the two communes' first dossiers end alike" test "$a $b $c" = \
  "$P1-261203-0001 $P20-261203-0001 $P20-261203-0002"

check_rc "Phường 1's clerk looks up 261203-0001" 0 cv linh.ntm --json dossier lookup 261203-0001
check "…and finds Phường 1's dossier" test "$(jq -r .code "$T/out")" = "$a"
check "…with its state and appointment" jq -e '.state_name != "" and .due != "" and .unit == "'$P1'"' "$T/out"
check_rc "the other commune's clerk looks up the same short code" 0 cv hoa.dtt --json dossier lookup 261203-0001
check "…and finds its own" test "$(jq -r .code "$T/out")" = "$b"
check_rc "a short code only the sibling issued is not in Phường 1's agency" 66 cv linh.ntm --json dossier lookup 261203-0002
check "…not found, said in Vietnamese" jq -e '.error == "not_found" and (.detail | test("phạm vi"))' "$T/out"

check_rc "the city above both: ambiguous" 65 cv thanh.nv --json dossier lookup 261203-0001
check "…as ambiguous, on the code" jq -e '.error == "ambiguous" and .field == "code"' "$T/out"
check "…naming both dossiers" test "$(jq -r '.detail' "$T/out" | grep -o "$P1-261203-0001\|$P20-261203-0001" | wc -l)" = 2
check_rc "…on screen" 65 cv thanh.nv dossier lookup 261203-0001
check "…in Vietnamese, saying to give the whole code" has "mã đầy đủ"
check_rc "the city's unique short code" 0 cv thanh.nv --json dossier lookup 261203-0002
check "…is the other commune's second" test "$(jq -r .code "$T/out")" = "$c"
check_rc "the city by the whole code" 0 cv thanh.nv --json dossier lookup "$a"
check "…finds it" test "$(jq -r .code "$T/out")" = "$a"

check_rc "a commune may not look up a sibling's whole code" 77 cv linh.ntm dossier lookup "$b"
check_rc "a short code of another day" 66 cv linh.ntm dossier lookup 261204-0001
check_rc "not a short code (two digits short): a whole code none has" 66 cv linh.ntm dossier lookup 261203-01

# every command that takes a dossier code takes the short one, in scope
check_rc "dossier show by the short code" 0 cv linh.ntm --json dossier show 261203-0001
check "…shows Phường 1's" test "$(jq -r .code "$T/out")" = "$a"
check_rc "dossier status by the short code" 0 cv hoa.dtt --json dossier status 261203-0001
check "…is the other commune's" test "$(jq -r .code "$T/out")" = "$b"
check_rc "dossier print by the short code" 0 cv linh.ntm dossier print 261203-0001 --form 01
check "…prints Phường 1's receipt" has "$a"
check_rc "an act by an ambiguous short code" 65 cv thanh.nv dossier act 261203-0001 withdraw --note "Rút"
check "…changes nothing" test "$(sqlite3 "$DATA/congvu.db" "SELECT group_concat(state) FROM dossiers WHERE state = 'withdrawn'")" = ""
check_rc "dossier act by the short code" 0 cv hoa.dtt --json dossier act 261203-0001 withdraw --note "Người nộp rút hồ sơ"
check "…withdrew the other commune's dossier, and only it" \
  test "$(sqlite3 "$DATA/congvu.db" "SELECT group_concat(code) FROM dossiers WHERE state = 'withdrawn'")" = "$b"

check "SIGTERM exits 0" stop_daemon
finish
