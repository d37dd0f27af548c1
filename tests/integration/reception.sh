#!/usr/bin/env bash
# Checks at reception (issue 11), against a real congvud with its clock set:
# a date the procedure marks not_future (a birth, a death) may be today but
# not tomorrow in the province — at 23:30 on 03/12 Vietnam time (16:30 UTC)
# "today" is the province's 03/12, whatever the server's UTC day.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
at "2026-12-03 10:00:00"
new_data '{"session_idle_seconds": 2592000}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

# --- dates not in the future (not_future) ---
check_rc "the birth date's field says not_future" 0 cv admin --json procedure show khai-sinh
check "…" test "$(jq -r '.fields[]|select(.name=="child_birth_date").not_future' "$T/out")" = true
check "a birth registered the day it happened" test -n "$(receive linh.ntm khai-sinh --field child_birth_date=2026-12-03)"
args() { mapfile -t A < <(valid_fields "$1"); }
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
