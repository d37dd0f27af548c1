#!/usr/bin/env bash
# Who may do what: lockout, idle sessions, invites used once and expiring,
# unenrolled and revoked keys, non-admins, and unit scope.
. "$(dirname "$0")/../lib.sh" "$1"

new_data '{"max_failed_logins": 3, "lockout_seconds": 2, "session_idle_seconds": 3}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }

# --- invites ---
INV=$(invite $PROVINCE)
check_rc "enroll" 0 as a "$CONGVU" enroll "$INV"
check_rc "the same invite a second time is refused" 77 as b "$CONGVU" enroll "$INV"
check "…as invalid, used or expired" has "invite_invalid"
INV=$(invite $PROVINCE)
sqlite3 "$DATA/congvu.db" "UPDATE invites SET expires = strftime('%s','now') - 1 WHERE used = 0"
check_rc "an expired invite is refused" 77 as c "$CONGVU" enroll "$INV"
check_rc "a forged token is refused" 64 as c "$CONGVU" enroll "congvu1:bm90LWEtcmVhbC1pbnZpdGU"

# --- unenrolled keys get nothing but enroll ---
check_rc "rawsend (unenrolled) whoami" 0 "$RAWSEND" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" - whoami
check "…is refused: not_enrolled" has "error 7 not_enrolled"
check_rc "rawsend (unenrolled) admin request" 0 "$RAWSEND" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" - admin
check "…is refused: not_enrolled" has "not_enrolled"

# --- lockout (from here the daemon's clock stands still; the test moves it) ---
clock_set "$(date +%s)"
for i in 1 2; do
  echo wrong | as a "$CONGVU" login --user hung.lv --password-stdin >"$T/out" 2>&1
done
check "two failures: still bad_login" has "bad_login"
echo wrong | as a "$CONGVU" login --user hung.lv --password-stdin >"$T/out" 2>&1
check "the third failure locks the account" has "[locked]"
check_rc "the right password is refused while locked" 77 login a hung.lv
check "…with the lock message" has "tạm khóa"
clock_advance 1
check_rc "a second before the lockout (2 s) runs out it still holds" 77 login a hung.lv
clock_advance 1
check_rc "after the lockout the right password works" 0 login a hung.lv
check "lockout audited" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action='user.lockout'")" = 1

# --- idle sessions ---
check_rc "whoami while active" 0 as a "$CONGVU" whoami
clock_advance 2
check_rc "…and 2 s later (the idle limit is 3 s), which keeps it alive" 0 as a "$CONGVU" whoami
clock_advance 3
check_rc "an idle session has ended" 77 as a "$CONGVU" whoami
check "…not logged in" has "not_logged_in"
check "idle expiry audited" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action='session.end' AND object='idle'")" -ge 1

# --- non-admins ---
check_rc "leader logs in" 0 login a hung.lv
check_rc "a leader may not list users" 77 as a "$CONGVU" user list
check "…told in Vietnamese" has "Bạn không có quyền thực hiện thao tác này [not_allowed]"
check_rc "nor add units" 77 as a "$CONGVU" unit add 1.2.3 --name X --level xã --parent $PROVINCE
check_rc "nor invite devices" 77 as a "$CONGVU" device invite --unit $PROVINCE
check_rc "but may read the org tree" 0 as a "$CONGVU" unit list

# --- scope: an admin of a department manages only its own subtree ---
check_rc "department admin logs in" 0 login a khoa.ld
check_rc "may add a user in the department" 0 as a "$CONGVU" user add vien.tt --name "Trần Thị Viên" --unit 000.00.04.H12 --roles specialist
check_rc "may not add one in the province office" 77 as a "$CONGVU" user add xa.tt --name "Trần Xá" --unit 000.00.01.H12 --roles clerk
check "…out of scope" has "out_of_scope"
check_rc "may not disable a provincial leader" 77 as a "$CONGVU" user disable hung.lv
check_rc "lists only the department's users" 0 as a "$CONGVU" --json user list
check "…no provincial users in the list" test "$(jq '[.users[]|select(.unit != "000.00.04.H12")]|length' "$T/out")" = 0

# --- a device serves its own unit's subtree ---
enroll commune 000.01.15.H12
check_rc "a commune device refuses a provincial official" 77 login commune hung.lv
check_rc "…but serves the commune's clerk" 0 login commune linh.ntm

# --- revocation ---
login a admin
DEV=$(as a "$CONGVU" --json device list | jq '[.devices[]|select(.unit=="000.01.15.H12")][0].id')
check_rc "admin revokes the commune device" 0 as a "$CONGVU" device revoke "$DEV"
check_rc "the revoked device is refused" 77 as commune "$CONGVU" whoami
check "…at the handshake" has "device_revoked"
check_rc "rawsend with the revoked key gets nothing" 0 "$RAWSEND" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" "$(keyfile commune)" whoami
check "…not even an error" has "timeout"
check_rc "an admin cannot revoke their own device" 77 as a "$CONGVU" device revoke 1

# --- wrong server key ---
"$CONGVUD" init "$T/other" >/dev/null 2>&1
SJ=$T/client-a/config/congvu/server.json
jq --arg k "$(cat "$T/other/server.key.pub")" '.server_key = $k' "$SJ" >"$SJ.new" && mv "$SJ.new" "$SJ"
# the mismatch is named as soon as the handshakes fail, not after the
# timeout (a minute here: the test would take that long if it waited)
CONGVU_TIMEOUT_MS=60000 check_rc "a client pinned to another server key cannot talk" 69 as a "$CONGVU" whoami
check "…and is told the server key does not match" has "server_key_mismatch"
check "…not that the server is unavailable" lacks "unavailable"

check "audit chain intact" "$CONGVUD" admin "$DATA" audit verify
finish
