#!/usr/bin/env bash
# Pickers by name (issue 11): user.people lists the officials a form may
# name — within the caller's scope, with name, unit and roles in Vietnamese,
# paged — to any official, not only the administrator; unit.list --scope
# offers only the units the caller may choose.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12   # Phường 1: linh.ntm (clerk), binh.nt, cuong.lm
P20=000.20.15.H12  # a sibling commune: hoa.dtt
CITY=000.00.15.H12 # the city: thanh.nv, an.nv, huong.ptt, son.dh

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm thanh.nv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

check_rc "a commune clerk lists the people of the commune" 0 cv linh.ntm --json user people
check "…Phường 1's three, by name" test "$(jq -c '[.people[].username]' "$T/out")" = '["cuong.lm","binh.nt","linh.ntm"]'
check "…with names, the unit's name and roles in Vietnamese" jq -e '.people[] | select(.username == "linh.ntm") |
  .name == "Nguyễn Thị Mỹ Linh" and .unit_name == "Ủy ban nhân dân Phường 1, thành phố Cà Mau"
  and (.role_names | test("một cửa"))' "$T/out"
check "…no password or account flags" jq -e '[.people[] | has("must_change") or has("password") or has("disabled")] | any | not' "$T/out"
check_rc "nor the sibling commune's" 77 cv linh.ntm user people --unit $P20
check_rc "the city's leader: one unit, exactly" 0 cv thanh.nv --json user people --unit $P1
check "…Phường 1's three" test "$(jq '.people | length' "$T/out")" = 3
check_rc "…by role: its specialists" 0 cv thanh.nv --json user people --unit $P1 --role specialist
check "…one, as Chuyên viên" test "$(jq -c '[.people[] | [.username, .role_names]]' "$T/out")" = '[["binh.nt","Chuyên viên"]]'
check_rc "…an unknown role" 65 cv thanh.nv --json user people --role mayor
check "…naming the field" jq -e '.field == "role"' "$T/out"
check_rc "the city's own unit and below" 0 cv thanh.nv --json user people --unit $CITY --below --limit 200
total=$(jq '.people | length' "$T/out")
check "…more than the city's office alone" test "$total" -gt 4
check "…none outside the city" jq -e '[.people[].unit | endswith(".15.H12")] | all' "$T/out"
check_rc "paged: two at a time" 0 cv thanh.nv --json user people --unit $CITY --below --limit 2
check "…two, and more" jq -e '(.people | length) == 2 and .more' "$T/out"
first=$(jq -c '[.people[].username]' "$T/out")
check_rc "…the next page" 0 cv thanh.nv --json user people --unit $CITY --below --limit 2 --offset 2
check "…other people" test "$(jq -c '[.people[].username]' "$T/out")" != "$first"
check_rc "…the last page" 0 cv thanh.nv --json user people --unit $CITY --below --limit 2 --offset $((total - 1))
check "…one, and no more" jq -e '(.people | length) == 1 and (.more | not)' "$T/out"
check_rc "a disabled official is not offered" 0 "$CONGVUD" admin "$DATA" user disable binh.nt
check_rc "…the list again" 0 cv linh.ntm --json user people
check "…without him" test "$(jq -c '[.people[].username]' "$T/out")" = '["cuong.lm","linh.ntm"]'

check_rc "units a commune clerk may choose" 0 cv linh.ntm --json unit list --scope
check "…its own only" test "$(jq -c '[.units[].code]' "$T/out")" = "[\"$P1\"]"
check_rc "units the city's leader may choose" 0 cv thanh.nv --json unit list --scope
check "…the city and its communes, nothing else" jq -e '[.units[].code | endswith(".15.H12")] | all and length > 2' "$T/out"
check_rc "a root outside the scope is the caller's own" 0 cv linh.ntm --json unit list $P20 --scope
check "…still Phường 1 only" test "$(jq -c '[.units[].code]' "$T/out")" = "[\"$P1\"]"
check_rc "without --scope the tree as before" 0 cv linh.ntm --json unit list
check "…the province's units" test "$(jq '.units | length' "$T/out")" -gt 10

check "SIGTERM exits 0" stop_daemon
finish
