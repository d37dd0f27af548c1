#!/usr/bin/env bash
# Procedures and calendars are data: `congvud forms check` names file:line,
# the daemon reloads forms/ on request and on SIGHUP and keeps the old set
# when the new one has an error, a dossier keeps the procedure version it
# was received under, and holidays added or removed at run time move
# appointments, are audited and survive a restart.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

SRC=$(cd "$(dirname "$0")/../../forms" && pwd)
FORMS=$T/forms
cp -r "$SRC" "$FORMS"

# --- forms check ---
check_rc "the shipped forms pass the check" 0 "$CONGVUD" forms check "$FORMS"
cp -r "$FORMS" "$T/bad"
sed -i 's/^processing: {days: 3}/processing: {weeks: 3}/' "$T/bad/procedures/xac-nhan-hon-nhan.yaml"
sed -i 's/role: leader, unit: receiving/role: chief, unit: receiving/' "$T/bad/procedures/khai-tu.yaml"
check_rc "broken definitions fail the check" 65 "$CONGVUD" forms check "$T/bad"
check "…naming the first file and line" grep -qE '^[^:]*procedures/xac-nhan-hon-nhan\.yaml:1[0-9]: ' "$T/out"
check "…and the second, every error at once" grep -qE '^[^:]*procedures/khai-tu\.yaml:[0-9]+: .*chief' "$T/out"
check "…in Vietnamese" grep -qiE 'không|phải|vai trò' "$T/out"
printf 'code: [unclosed\n' >"$T/bad/procedures/zz-syntax.yaml"
check_rc "a YAML syntax error fails the check" 65 "$CONGVUD" forms check "$T/bad"
check "…with its line" grep -qE 'zz-syntax\.yaml:[12]: ' "$T/out"

# --- a daemon on a copy of forms/ ---
new_data "{\"forms\": \"$FORMS\"}"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm admin; do enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"; done
# the administrator of a department, not of the province
enroll khoa.ld 000.00.04.H12 && login khoa.ld khoa.ld || echo "# could not log in khoa.ld"
name() { cv linh.ntm --json procedure show "$1" | jq -r .name; }
# (xac-nhan-hon-nhan: a procedure with one version shipped; the same-day ones have two)

OLD=$(name xac-nhan-hon-nhan)
old_code=$(receive linh.ntm xac-nhan-hon-nhan)
sed -i 's/^name: "Cấp Giấy xác nhận tình trạng hôn nhân"/name: "Cấp Giấy xác nhận tình trạng hôn nhân (đã sửa)"/' "$FORMS/procedures/xac-nhan-hon-nhan.yaml"
check "an edit is not seen before a reload" test "$(name xac-nhan-hon-nhan)" = "$OLD"
check_rc "an official who is not an administrator may not reload" 77 cv linh.ntm forms reload
check_rc "a department's administrator may not reload the province's forms" 77 cv khoa.ld forms reload
check "…refused as not allowed" has "[not_allowed]"
check_rc "the administrator reloads" 0 cv admin forms reload
check "…and the edit is in effect" test "$(name xac-nhan-hon-nhan)" = "Cấp Giấy xác nhận tình trạng hôn nhân (đã sửa)"
check "the reload is audited" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action='forms.reload'")" = 1

sed -i 's/^processing: {days: 3}/processing: {days: banana}/' "$FORMS/procedures/xac-nhan-hon-nhan.yaml"
check_rc "a reload of a broken set is refused" 65 cv admin forms reload
check "…saying where the error is" has "xac-nhan-hon-nhan.yaml:"
check "…and that the old set stays" has "Giữ bộ thủ tục"
check "the old set still serves" test "$(name xac-nhan-hon-nhan)" = "Cấp Giấy xác nhận tình trạng hôn nhân (đã sửa)"
check "…and still receives" test -n "$(receive linh.ntm xac-nhan-hon-nhan)"

kill -HUP "$DAEMON"
for _ in $(seq 100); do grep -q "SIGHUP.*xac-nhan-hon-nhan.yaml" "$T/congvud.log" && break; sleep 0.1; done
check "SIGHUP with a broken set keeps the daemon up" kill -0 "$DAEMON"
check "…and the old set" test "$(name xac-nhan-hon-nhan)" = "Cấp Giấy xác nhận tình trạng hôn nhân (đã sửa)"
check "…and says why in the log" grep -q "SIGHUP.*xac-nhan-hon-nhan.yaml" "$T/congvud.log"

# a second version, in effect from today: new dossiers take it, old ones keep theirs
sed -i 's/^processing: {days: banana}/processing: {days: 3}/' "$FORMS/procedures/xac-nhan-hon-nhan.yaml"
sed -e 's/^version: 1/version: 2/' -e "s/^effective: .*/effective: \"$(date +%Y-%m-%d)\"/" \
  -e 's/^name: .*/name: "Cấp Giấy xác nhận tình trạng hôn nhân (phiên bản 2)"/' \
  "$FORMS/procedures/xac-nhan-hon-nhan.yaml" >"$FORMS/procedures/xac-nhan-hon-nhan-v2.yaml"
kill -HUP "$DAEMON"
for _ in $(seq 50); do [ "$(name xac-nhan-hon-nhan)" = "Cấp Giấy xác nhận tình trạng hôn nhân (phiên bản 2)" ] && break; sleep 0.1; done
check "SIGHUP with a good set brings version 2 in" test "$(name xac-nhan-hon-nhan)" = "Cấp Giấy xác nhận tình trạng hôn nhân (phiên bản 2)"
check_rc "procedure show names an earlier version" 0 cv linh.ntm --json procedure show xac-nhan-hon-nhan --version 1
check "…and shows that one" test "$(jq .version "$T/out")" = 1
check_rc "a version past any int is refused, not read as another (2^32 + 1 as 1)" 65 \
  cv linh.ntm --json procedure show xac-nhan-hon-nhan --version 4294967297
check "…as invalid, naming the field" jq -e '.error == "invalid" and .field == "version"' "$T/out"
new_code=$(receive linh.ntm xac-nhan-hon-nhan)
pv() { sqlite3 "$DATA/congvu.db" "SELECT proc_version FROM dossiers WHERE code='$1'"; }
check "a new dossier is received under version 2" test "$(pv "$new_code")" = 2
check "an earlier dossier keeps version 1" test "$(pv "$old_code")" = 1
check_rc "…and still shows" 0 cv linh.ntm --json dossier show "$old_code"
check "…under its own version's name" has "Cấp Giấy xác nhận tình trạng hôn nhân"
check "…not version 2's" lacks "phiên bản 2"

# --- holidays at run time ---
due() { sqlite3 "$DATA/congvu.db" "SELECT due FROM dossiers WHERE code='$1'"; }
day() { date -u -d "@$(($1 + 7 * 3600))" +%Y-%m-%d; } # local (UTC+7) date
a=$(receive linh.ntm xac-nhan-hon-nhan)
D=$(day "$(due "$a")")
check_rc "an official may not add a holiday" 77 cv linh.ntm calendar holiday "$D" --name "Nghỉ thử"
check_rc "a department's administrator may not change the province's calendar" 77 \
  cv khoa.ld calendar holiday "$D" --name "Nghỉ thử"
check "…refused as not allowed" has "[not_allowed]"
check_rc "a holiday needs a name" 65 cv admin calendar holiday "$D"
check_rc "an impossible date is refused" 65 cv admin calendar holiday 2026-02-30 --name "Nghỉ thử"
check "…in Vietnamese" has "không phải ngày hợp lệ"
check_rc "the administrator declares the appointment day a holiday" 0 cv admin calendar holiday "$D" --name "Nghỉ đột xuất"
check_rc "…once" 65 cv admin calendar holiday "$D" --name "Nghỉ đột xuất"
check "…already a holiday" has "đã là ngày nghỉ"
b=$(receive linh.ntm xac-nhan-hon-nhan)
check "a dossier received now is not due on the holiday" test "$(day "$(due "$b")")" != "$D"
check "…but about a working day later than before" test "$(($(due "$b") - $(due "$a")))" -ge 28000
check_rc "removing a date that is no holiday is refused" 65 cv admin calendar holiday 2031-06-03 --remove
check_rc "the administrator removes the holiday" 0 cv admin calendar holiday "$D" --remove
c=$(receive linh.ntm xac-nhan-hon-nhan)
check "appointments come back" test "$(due "$c")" -lt "$(due "$b")"
check "both changes are audited" test "$(sqlite3 "$DATA/congvu.db" \
  "SELECT group_concat(action) FROM (SELECT action FROM audit WHERE object='$D' ORDER BY id)")" = \
  "calendar.holiday.add,calendar.holiday.remove"

check_rc "the holiday is declared again" 0 cv admin calendar holiday "$D" --name "Nghỉ đột xuất"
check "SIGTERM exits 0" stop_daemon
start_daemon "$ENDPOINT" || { echo "daemon did not restart"; exit 1; }
d=$(receive linh.ntm xac-nhan-hon-nhan)
check "a holiday declared at run time survives a restart" test "$(day "$(due "$d")")" != "$D"
check "…and a reload of forms/" cv admin forms reload
e=$(receive linh.ntm xac-nhan-hon-nhan)
check "…(still not due on it)" test "$(day "$(due "$e")")" != "$D"

check "audit chain intact" "$CONGVUD" admin "$DATA" audit verify
check "SIGTERM exits 0" stop_daemon

# --- a broken forms/ leaves the console usable ---
echo "{\"forms\": \"$T/bad\"}" >"$DATA/config.json"
check_rc "with the data directory's forms/ broken, forms check reports it" 65 "$CONGVUD" forms check "$T/bad"
check_rc "…the serve refuses to start" 78 timeout 20 "$CONGVUD" serve "$DATA" --listen "tcp://127.0.0.1:*"
check_rc "…but audit verify works" 0 "$CONGVUD" admin "$DATA" audit verify
check_rc "…and backup" 0 "$CONGVUD" admin "$DATA" backup "$T/broken-forms.db"
check_rc "…and user disable" 0 "$CONGVUD" admin "$DATA" user disable khoa.ld
check_rc "…and device revoke" 0 "$CONGVUD" admin "$DATA" device revoke \
  "$("$CONGVUD" admin "$DATA" --json device list | jq '.devices[0].id')"
check_rc "…and device invite" 0 "$CONGVUD" admin "$DATA" device invite --unit $PROVINCE
check_rc "a command that reads forms/ is refused" 78 "$CONGVUD" admin "$DATA" calendar holiday 2031-06-03 --name "Nghỉ thử"
check "…saying where the error is" has "khai-tu.yaml:"
check_rc "…and so is the demo province" 78 "$CONGVUD" admin "$DATA" demo
finish
