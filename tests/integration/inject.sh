#!/usr/bin/env bash
# Terminal injection: text that would move the cursor, rewrite a line or
# reorder it (CR, LF, TAB, ESC, C1 controls, bidi overrides) is refused
# where a field is one line, a multi-line note keeps only its LF, and what
# old databases already hold is printed escaped by every output of the CLI.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

RLO=$'\xe2\x80\xae'  # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$'\xe2\x81\xa6'  # U+2066 LEFT-TO-RIGHT ISOLATE
CSI=$'\xc2\x9b'      # U+009B, the C1 form of ESC [
LS=$'\xe2\x80\xa8'   # U+2028 LINE SEPARATOR

# refused_field DESC FIELD CMD... — CMD exits 65: invalid, naming FIELD
refused_field() {
  local d=$1 f=$2; shift 2
  check_rc "$d" 65 "$@"
  check "…invalid, naming $f" has ": $f [invalid]"
}

# --- one-line fields refuse controls and bidi ---
# (ESC and DEL never get this far: the CLI and the decoder refuse them as
# text that is not valid, tests/unit/test_text.c)
mapfile -t F < <(valid_fields khai-sinh)
declare -A BAD=(
  [CR]=$'Nguy\xe1\xbb\x85n\rV\xc4\x83n' [LF]=$'A\nB' [TAB]=$'A\tB' [C1]="A${CSI}2J"
  [RLO]="${RLO}A" [LRI]="A${LRI}B" [LS]="A${LS}B"
)
for k in CR LF TAB C1 RLO LRI LS; do
  refused_field "a form field with $k is refused" applicant_name \
    cv linh.ntm dossier receive --procedure khai-sinh "${F[@]}" --field "applicant_name=${BAD[$k]}"
done
refused_field "a protocol field with CR is refused" name \
  cv admin user add mai.tt --name $'Mai\rAdmin' --unit $PROVINCE --roles clerk
refused_field "a protocol field with a bidi override is refused" name \
  cv admin user add mai.tt --name "Mai${RLO}nimda" --unit $PROVINCE --roles clerk
refused_field "a list item with a bidi mark is refused" roles \
  cv admin user add mai.tt --name Mai --unit $PROVINCE --roles $'clerk\xe2\x80\x8f'
check_rc "nothing of it was stored" 66 cv admin user disable mai.tt

# --- a multi-line note keeps its LF, CR LF arrives as LF ---
code=$(receive linh.ntm khai-sinh)
refused_field "a note with a lone CR is refused" note cv binh.nt dossier act "$code" submit --note $'one\rtwo'
refused_field "a note with a bidi override is refused" note cv binh.nt dossier act "$code" submit --note "one${RLO}two"
check_rc "a note on two lines is taken" 0 cv binh.nt dossier act "$code" submit --note $'d\xc3\xb2ng 1\r\nd\xc3\xb2ng 2'
check "…and kept with its LF (CR LF made LF)" test "$(cv admin --json dossier show "$code" |
  jq -r '.timeline[-1].note')" = $'d\xc3\xb2ng 1\nd\xc3\xb2ng 2'
check_rc "a positional code with LF is refused" 65 cv admin dossier show $'X\nY'
check "…naming code" has ": code [invalid]"

# --- what an old database holds is printed escaped ---
sqlite3 "$DATA/congvu.db" "UPDATE dossiers SET applicant = 'Evil' || char(13) || 'OK ' || char(8238) || 'gpj.exe' || char(9) || char(155)
  WHERE code = '$code';
  UPDATE wf_log SET note = 'x' || char(13) || 'y' || char(10) || 'z' || char(8294)
  WHERE id = (SELECT max(id) FROM wf_log WHERE kind = 'dossier');"
# raw CLEAN — the last output holds none of the bytes a terminal obeys
# (CR, TAB, ESC, C1 U+009B, U+202E, U+2066), LF only between lines
clean() {
  ! grep -qP '[\r\t\x1b]|\xc2\x9b|\xe2\x80\xae|\xe2\x81\xa6' "$T/out"
}
check_rc "dossier list with old rows" 0 cv linh.ntm dossier list
check "…prints no raw control or bidi byte" clean
check "…but shows them as escapes" has 'Evil\rOK \u202egpj.exe\t\x9b'
check_rc "dossier list --compact" 0 cv linh.ntm dossier list --compact
check "…prints no raw control or bidi byte" clean
check_rc "dossier show of an old row" 0 cv linh.ntm dossier show "$code"
check "…prints no raw control or bidi byte" clean
check "…the applicant escaped" has 'applicant: Evil\rOK \u202egpj.exe\t\x9b'
check "…the note's line break escaped inside the table" has 'x\ry\nz\u2066'
check_rc "dossier search finds it" 0 cv linh.ntm dossier search "$code"
check "…prints no raw control or bidi byte" clean
check_rc "dossier list --json" 0 cv linh.ntm --json dossier list
check "…prints no raw control or bidi byte" clean
check "…its JSON carries them escaped" has '"Evil\rOK \u202egpj.exe\t\u009b"'
check "…and reads back to the stored text" test "$(jq -r --arg c "$code" \
  '.dossiers[] | select(.code == $c) | .applicant' "$T/out" | od -An -c | tr -s ' ')" = \
  "$(printf 'Evil\rOK \xe2\x80\xaegpj.exe\t\xc2\x9b\n' | od -An -c | tr -s ' ')"
cv linh.ntm --csv dossier list >"$T/out" 2>&1
check "CSV: no raw control or bidi byte but the CR LF ending rows" \
  bash -c "sed 's/\r\$//' '$T/out' | grep -qP '[\r\t\x1b]|\xc2\x9b|\xe2\x80\xae|\xe2\x81\xa6' && exit 1 || exit 0"
check "…escaped like the table" has 'Evil\rOK \u202egpj.exe\t\x9b'
check_rc "dossier print of an old row" 0 cv linh.ntm dossier print "$code" --form 01
check "…prints no raw control or bidi byte" clean

# --- an error that quotes what was typed cuts it between letters ---
E22=$(printf 'ệ%.0s' $(seq 22))  # 66 bytes; the message quotes at most 64
check_rc "figures for an indicator named with twenty-two 'ệ' are refused" 65 \
  cv binh.nt --json figures submit --value "$E22=1" --draft
check "…the message quoting twenty-one whole letters (a cut inside the twenty-second dropped the message)" \
  grep -qF "không có chỉ tiêu \"$(printf 'ệ%.0s' $(seq 21))\" " <<<"$(jq -r .detail "$T/out")"

finish
