#!/usr/bin/env bash
# The dashboard request: a leader's or supervisor's home figures in one
# reply, each equal to what the list behind its line holds, and only of
# the caller's subtree.
. "$(dirname "$0")/../lib.sh" "$1"

CITY=000.00.15.H12   # thành phố Cà Mau: leader thanh.nv, specialist an.nv, supervisor son.dh
UMINH=000.00.16.H12  # huyện U Minh: leader dat.ct
P1=000.01.15.H12     # Phường 1 (in the city): clerk linh.ntm

new_data
desk_day 16:00 # after the 15:00 cut-off: a khai tử received now is due tomorrow
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in hung.lv thao.ntp thanh.nv son.dh dat.ct linh.ntm; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
enroll nobody $PROVINCE
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
day() { date -d "$TODAY +$1 days" +%Y-%m-%d; }
dash() { cv "$1" --json dashboard | jq -r "$2"; }

# work in the city: two tasks (one made overdue), three dossiers of Phường 1
# (one overdue, one due today)
for t in "Báo cáo cải cách hành chính" "Rà soát thủ tục tồn đọng"; do
  cv hung.lv --json task add --title "$t" --lead $CITY --deadline "$(day 7)" | jq -r .code >>"$T/tasks"
done
q "UPDATE tasks SET deadline = $CLOCK - 86400 WHERE code = '$(head -1 "$T/tasks")'"
for i in 1 2 3; do
  cv linh.ntm --json dossier receive --procedure khai-tu --field applicant_name="Người Thử $i" \
    --field citizen_id=079123456789 --field relation=con --field deceased_name="Nguyễn Văn Một" \
    --field death_date=2026-11-01 --field death_place="Phường 1" | jq -r .code >>"$T/dossiers"
done
q "UPDATE dossiers SET due = $CLOCK - 2 * 86400 WHERE code = '$(sed -n 1p "$T/dossiers")'"
q "UPDATE dossiers SET due = $CLOCK + 60 WHERE code = '$(sed -n 2p "$T/dossiers")'"

check_rc "the city's leader asks for the dashboard" 0 cv thanh.nv --json dashboard
cp "$T/out" "$T/city.json"
check "…not a watcher" test "$(jq -r .watcher "$T/city.json")" = false
check "…tasks waiting on me: as many as the list of mine" \
  test "$(jq .tasks "$T/city.json")" = "$(cv thanh.nv --json task list --mine --limit 400 | jq '.tasks | length')"
check "…of which overdue: as the list flags them" \
  test "$(jq .tasks_mine_overdue "$T/city.json")" = \
  "$(cv thanh.nv --json task list --mine --limit 400 | jq '[.tasks[] | select(.overdue)] | length')"
check "…overdue tasks of the subtree: as the list of the unit's overdue" \
  test "$(jq .tasks_overdue "$T/city.json")" = "$(cv thanh.nv --json task list --unit $CITY --overdue --limit 400 | jq '.tasks | length')"
check "…which holds the task made overdue" test "$(jq .tasks_overdue "$T/city.json")" -ge 1
check "…dossiers due today and overdue: the queue's own counts" \
  test "$(jq -c '[.dossiers_due_today, .dossiers_overdue]' "$T/city.json")" = \
  "$(cv thanh.nv --json dossier list --unit $CITY --counts | jq -c '[.counts.due_today, .counts.overdue]')"
check "…one of each" test "$(jq -c '[.dossiers_due_today, .dossiers_overdue]' "$T/city.json")" = "[1,1]"

check_rc "a supervisor's dashboard" 0 cv thao.ntp --json dashboard
check "…is a watcher's" test "$(jq -r .watcher "$T/out")" = true
check "…counting the open tasks of the province as its board does" \
  test "$(jq .tasks "$T/out")" = "$(cv thao.ntp --json board --limit 0 | jq .total.open)"

check "U Minh's leader counts none of the city's overdue tasks or dossiers" \
  test "$(dash dat.ct '[.tasks_overdue, .dossiers_due_today, .dossiers_overdue] | join(" ")')" = "0 0 0"
check "…nor does the city's supervisor count U Minh's" \
  test "$(dash son.dh .dossiers_overdue)" = 1
# the session replies carry the first figures, so the home screen needs no round trip
check_rc "a leader's whoami" 0 cv thanh.nv --json whoami
check "…carries the dashboard's figures" test "$(jq -c .dashboard "$T/out")" = "$(jq -c . "$T/city.json")"
echo congvu2026 | as thanh.nv "$CONGVU" --json login --user thanh.nv --password-stdin >"$T/out" 2>&1
check "…so does a leader's login reply" test "$(jq -c .dashboard "$T/out")" = "$(jq -c . "$T/city.json")"
check_rc "a clerk's whoami" 0 cv linh.ntm --json whoami
check "…carries none (no dashboard on a clerk's home)" test "$(jq -c .dashboard "$T/out")" = null
check_rc "a device nobody is logged in on is refused" 77 cv nobody dashboard
check "…said in Vietnamese" has "Chưa đăng nhập"
check "audit chain intact" "$CONGVUD" admin "$DATA" audit verify
check "SIGTERM exits 0" stop_daemon
finish
