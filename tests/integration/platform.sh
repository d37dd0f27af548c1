#!/usr/bin/env bash
# The platform's life against a real congvud on loopback with real CURVE:
# init, serve, invite, enroll, login, whoami, forced password change, admin
# over the wire, audit, backup, clean shutdown.
. "$(dirname "$0")/../lib.sh" "$1"

# --- init ---
check_rc "init creates a data directory" 0 "$CONGVUD" init "$DATA"
check "data directory is 0700" test "$(stat -c %a "$DATA")" = 700
check "server secret key is 0600" test "$(stat -c %a "$DATA/server.key")" = 600
check "init prints the server public key" test "$(tail -1 "$T/out")" = "$(cat "$DATA/server.key.pub")"
check "database records its schema version" test "$(sqlite3 "$DATA/congvu.db" 'PRAGMA user_version')" -ge 1
check_rc "init refuses to overwrite" 73 "$CONGVUD" init "$DATA"
check_rc "demo province seeds" 0 "$CONGVUD" admin "$DATA" demo
check "demo has units across levels" has "17 đơn vị"

# --- serve: refusals ---
chmod 640 "$DATA/server.key"
check_rc "serve refuses a group-readable secret key" 78 "$CONGVUD" serve "$DATA"
check "…and says why" has "chmod 600"
chmod 600 "$DATA/server.key"
check "serve starts on an ephemeral loopback port" start_daemon
check_rc "a second daemon on the same DIR is refused" 75 "$CONGVUD" serve "$DATA" --listen tcp://127.0.0.1:0

# --- enroll, login, whoami ---
INV=$(invite $PROVINCE)
check "invite carries the endpoint" test -n "$INV"
check_rc "enroll with the invite" 0 as a "$CONGVU" enroll "$INV"
check "device secret key is 0600" test "$(stat -c %a "$(keyfile a)")" = 600
check "server key pinned from the invite" grep -qF "$(cat "$DATA/server.key.pub")" "$T/client-a/config/congvu/server.json"
check_rc "whoami before login: not logged in" 77 as a "$CONGVU" whoami
check "…with a Vietnamese message and a code" has "Chưa đăng nhập [not_logged_in]"
check_rc "login admin" 0 login a admin
check_rc "whoami --json" 0 as a "$CONGVU" --json whoami
check "whoami names the user, unit and roles" \
  test "$(jq -r '[.username,.name,.unit,.roles[0]]|join("|")' "$T/out")" = "admin|Trần Quốc Bảo|$PROVINCE|admin"
check_rc "ping" 0 as a "$CONGVU" --json ping --count 2
check "ping reports round-trip times" test "$(jq '.rtt_ms|length' "$T/out")" = 2
echo wrong-password | as a "$CONGVU" login --user hung.lv --password-stdin >"$T/out" 2>&1
check "wrong password: bad_login" has "Sai tên đăng nhập hoặc mật khẩu [bad_login]"
check_rc "the earlier session is untouched by a failed login" 0 as a "$CONGVU" whoami
check_rc "login keeps working after" 0 login a admin

# --- admin over the wire ---
check_rc "admin adds a unit under the province" 0 as a "$CONGVU" unit add 000.99.00.H12 --name "Ban Quản lý dự án" --level "ban" --parent $PROVINCE
check_rc "unit list shows the tree" 0 as a "$CONGVU" --json unit list
check "…including the new unit at depth 1" test "$(jq -r '.units[]|select(.code=="000.99.00.H12")|.depth' "$T/out")" = 1
check_rc "duplicate unit code refused" 65 as a "$CONGVU" unit add 000.99.00.H12 --name X --level ban --parent $PROVINCE
check_rc "admin adds a user with a generated password" 0 as a "$CONGVU" --json user add tan.nv --name "Nguyễn Văn Tân" --unit 000.99.00.H12 --roles specialist,clerk
TMP_PW=$(jq -r .password "$T/out")
check "…and gets the temporary password once" test ${#TMP_PW} -eq 12
check_rc "invalid role refused" 65 as a "$CONGVU" user add x.y --name "X" --unit $PROVINCE --roles king
check "…naming the field" has "roles"

# --- forced password change on first login ---
enroll b $PROVINCE
check_rc "new user logs in with the temporary password" 0 login b tan.nv "$TMP_PW"
check_rc "…but must change it before anything else" 77 as b "$CONGVU" unit list
check "…says so" has "must_change_password"
printf '%s\nshort\nshort\n' "$TMP_PW" | as b "$CONGVU" passwd --password-stdin >"$T/out" 2>&1
check "a short new password is refused" has "weak_password"
check_rc "password change" 0 sh -c "printf '%s\n%s\n%s\n' '$TMP_PW' 'mat-khau-moi-1' 'mat-khau-moi-1' | XDG_CONFIG_HOME=$T/client-b/config XDG_STATE_HOME=$T/client-b/state $CONGVU passwd --password-stdin"
check_rc "after the change the user works" 0 as b "$CONGVU" unit list
check_rc "and logs in with the new password" 0 login b tan.nv mat-khau-moi-1

# --- disable, reset ---
check_rc "admin disables the user" 0 as a "$CONGVU" user disable tan.nv
check_rc "the disabled user's session is gone" 77 as b "$CONGVU" whoami
check_rc "a disabled user cannot log in" 77 login b tan.nv mat-khau-moi-1
check_rc "admin enables and resets" 0 as a "$CONGVU" user enable tan.nv
check_rc "reset password" 0 as a "$CONGVU" --json user reset tan.nv
check "reset returns a temporary password" test "$(jq -r '.password|length' "$T/out")" = 12
check_rc "console lists users" 0 "$CONGVUD" admin "$DATA" user list 000.99.00.H12
check "…with the new official" has "Nguyễn Văn Tân"

# --- naming a terminal ---
BDEV=$(as a "$CONGVU" --json device list | jq '[.devices[].id] | max') # b's, enrolled last
check_rc "the administrator names a terminal" 0 as a "$CONGVU" --json device rename "$BDEV" --name "Máy Ban Quản lý dự án"
check "…the list has the name" test "$(as a "$CONGVU" --json device list | jq -r ".devices[] | select(.id == $BDEV) | .name")" = "Máy Ban Quản lý dự án"
check_rc "…an empty name is refused" 65 as a "$CONGVU" device rename "$BDEV" --name ""
check_rc "…a device that is not there: not found" 66 as a "$CONGVU" device rename 9999 --name "X"
check_rc "an official who is not an administrator may not" 77 as b "$CONGVU" device rename "$BDEV" --name "Máy của tôi"

# --- audit ---
check_rc "audit chain verifies" 0 "$CONGVUD" admin "$DATA" audit verify
for act in login login.fail unit.add user.add passwd user.disable user.reset device.enroll device.invite device.rename; do
  check "audit has $act" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action='$act'")" -ge 1
done
sqlite3 "$DATA/congvu.db" "UPDATE audit SET detail='{}' WHERE id=(SELECT id FROM audit WHERE action='user.add' LIMIT 1 OFFSET 3)"
check_rc "audit verify catches a row edited behind the daemon's back" 65 "$CONGVUD" admin "$DATA" audit verify
check "…and names it" has "BỊ SỬA HOẶC XÓA"

# --- backup, shutdown ---
check_rc "online backup while serving" 0 "$CONGVUD" admin "$DATA" backup "$T/backup.db"
check "backup holds the users" test "$(sqlite3 "$T/backup.db" 'SELECT count(*) FROM users')" = \
  "$(sqlite3 "$DATA/congvu.db" 'SELECT count(*) FROM users')"
check "…readable by its owner only" test "$(stat -c %a "$T/backup.db")" = 600
# while it is written too, under the loosest umask: 16 MB more of
# database (a 20 ms pause every MB) give a watcher time to see each file
sqlite3 "$DATA/congvu.db" "CREATE TABLE test_filler(b BLOB);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 16)
  INSERT INTO test_filler SELECT randomblob(1000000) FROM n"
mkdir "$T/bk"
(umask 000 && exec "$CONGVUD" admin "$DATA" backup "$T/bk/backup.db" >/dev/null) &
bk=$!
: >"$T/modes"
while kill -0 $bk 2>/dev/null; do find "$T/bk" -type f -printf '%m %f\n' >>"$T/modes"; done
check "backup under umask 000 succeeds" wait $bk
check "…its files were seen while written" test -s "$T/modes"
check "…and none of them was ever readable by others" test "$(grep -cv '^600 ' "$T/modes")" = 0
check "…nor is the backup" test "$(stat -c %a "$T/bk/backup.db")" = 600
sqlite3 "$DATA/congvu.db" "DROP TABLE test_filler"
check "SIGTERM exits 0" stop_daemon
check "…after logging a clean stop" grep -q "stopped cleanly" "$T/congvud.log"
check "database integrity ok" test "$(sqlite3 "$DATA/congvu.db" 'PRAGMA integrity_check')" = ok

# --- the command line's help: 80 columns, a group's commands, options as typed ---
# widest — the widest line of stdin in terminal columns (combining marks take none)
widest() {
  python3 -c 'import sys, unicodedata
print(max([sum(not unicodedata.combining(c) for c in l.rstrip("\n")) for l in sys.stdin] + [0]))'
}
"$CONGVU" --help >"$T/out"
check "--help fits 80 columns" test "$(widest <"$T/out")" -le 80
check "…and lists the commands" has "congvu dossier receive"
all_fit=0
for w in $(sed -n 's/^  congvu \([a-z]*\) \([a-z-]*\) .*/\1:\2/p' "$T/out" | sort -u); do
  "$CONGVU" "${w%%:*}" "${w##*:}" --help >"$T/one" 2>&1 || all_fit=1
  [ "$(widest <"$T/one")" -le 80 ] || { all_fit=1; echo "# too wide: ${w/:/ }"; }
done
check "every command's --help fits 80 columns" test $all_fit = 0
check_rc "congvu help dossier: the dossier commands" 0 "$CONGVU" help dossier
check "…each of them" has "congvu dossier receive"
check "…and only them" lacks "congvu task add"
check "…within 80 columns" test "$(widest <"$T/out")" -le 80
check_rc "congvu dossier --help: the same" 0 "$CONGVU" dossier --help
check "…the dossier commands" has "congvu dossier search"
check_rc "congvu dossier alone: its commands, as a usage error" 64 "$CONGVU" dossier
check_rc "congvu help with a word that is nothing: a usage error" 64 "$CONGVU" help nosuch
check_rc "options spelled with hyphens in help" 0 "$CONGVU" dossier act --help
check "…--new-due, as task act's --new-deadline" has "--new-due"
check "…not --new_due" lacks "--new_due"
check_rc "a missing option is named as typed" 64 "$CONGVU" dossier receive
check "…as an option" has "thiếu --procedure"
finish
