#!/usr/bin/env bash
# Rights that end, and rights that belong to one official: pushed events
# stop the moment a session ends (logout, idle past the limit, user
# disabled from the console) and a revoked device's link is closed; the
# console's changes reach the running daemon; a remembered reply belongs to
# the official who caused it, not to the terminal; a request id names one
# message; lockouts hold per name and device and say nothing of whether a
# name exists. Time moves by the daemon's injectable clock.
. "$(dirname "$0")/../lib.sh" "$1"
STORM=$B/tests/integration/storm

clock_set "$(date +%s)"

new_data '{"max_failed_logins": 3, "lockout_seconds": 600, "session_idle_seconds": 3600}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
SKEY=$(cat "$DATA/server.key.pub")
q() { sqlite3 "$DATA/congvu.db" "$1"; }
admin() { "$CONGVUD" admin "$DATA" "$@"; }
for d in a c w x y s; do enroll $d $PROVINCE; done
login a admin; login c admin; login w hung.lv

# watch NAME — a `congvu watch` of client NAME, ready (it said so)
watch() {
  [ -n "${WPID[$1]:-}" ] && kill "${WPID[$1]}" 2>/dev/null && wait "${WPID[$1]}" 2>/dev/null
  : >"$T/w.$1"; : >"$T/w.$1.err"
  as "$1" "$CONGVU" watch >"$T/w.$1" 2>"$T/w.$1.err" &
  WPID[$1]=$!
  for _ in $(seq 200); do grep -q "Đang theo dõi" "$T/w.$1.err" && return 0; sleep 0.05; done
  return 1
}
declare -A WPID
# event NAME — admin adds user NAME at the province: an event every
# provincial official's watch gets; returns once the control watch (c) has it
seq_=0
event() {
  seq_=$((seq_ + 1))
  as a "$CONGVU" user add "$1" --name "Người Thử $seq_" --unit $PROVINCE --roles clerk >/dev/null 2>&1
  for _ in $(seq 200); do grep -q "\"$1\"" "$T/w.c" && return 0; sleep 0.05; done
  return 1
}
got() { grep -q "\"$2\"" "$T/w.$1"; }
not() { ! "$@"; }

check "the control watch is ready" watch c
check "hung.lv's watch is ready" watch w
check "an event reaches the control watch" event nv.mot
check "…and hung.lv's" got w nv.mot

# --- logout from the same terminal ---
check_rc "hung.lv logs out on that terminal (another connection)" 0 as w "$CONGVU" logout
check "the next event reaches the control watch" event nv.hai
check "…but not the watch of the session that ended" not got w nv.hai

# --- disabled from the console while the daemon runs ---
login w hung.lv; watch w
check "logged in again, hung.lv's watch gets events" event nv.ba
check "…this one" got w nv.ba
check_rc "the console disables hung.lv" 0 admin user disable hung.lv
check "the next event reaches the control watch" event nv.bon
check "…but not the disabled official's watch" not got w nv.bon
check_rc "the console enables hung.lv again" 0 admin user enable hung.lv

# --- a revoked device: its link is closed ---
login w hung.lv; watch w
check "again hung.lv's watch gets events" event nv.nam
check "…this one" got w nv.nam
WDEV=$(as a "$CONGVU" --json device list | jq '[.devices[] | select(.user == "hung.lv")][0].id')
check_rc "the admin revokes the watching terminal" 0 as a "$CONGVU" device revoke "$WDEV"
check "the next event reaches the control watch" event nv.sau
check "…not the revoked terminal" not got w nv.sau
check "the daemon closed its connection" grep -q "device $WDEV revoked: its connection closed" "$T/congvud.log"

# --- idle past the limit ---
login x hung.lv; watch x
check "a watch on another terminal gets events" event nv.bay
check "…this one" got x nv.bay
clock_advance 3601
login a admin; login c admin; watch c
check "an hour later, the control watch (logged in again) gets the next event" event nv.tam
check "…the idle session's watch does not" not got x nv.tam

# --- the console's changes reach the running daemon ---
check_rc "the console adds a holiday while the daemon runs" 0 admin calendar holiday 2031-03-05 --name "Nghỉ thử"
check_rc "the daemon knows it: adding it again is refused" 65 as a "$CONGVU" calendar holiday 2031-03-05 --name "Nghỉ thử"
check "…as already a holiday" has "đã là ngày nghỉ"
check_rc "the console reloads forms" 0 admin forms reload
check_rc "…and the daemon follows" 0 as a "$CONGVU" whoami
check "…saying so" grep -q "forms and calendar reloaded: changed from the console" "$T/congvud.log"

# --- a remembered reply belongs to the official, not the terminal ---
login s hung.lv
TASK=$(as s "$CONGVU" --json task list | jq -r '.tasks[0].code // .rows[0].code // empty')
"$STORM" "$ENDPOINT" "$SKEY" send 900 task.comment "{\"code\":\"$TASK\",\"text\":\"ý kiến của lãnh đạo\"}" "$(keyfile s)" >"$T/r1"
check "hung.lv's comment, request 900" grep -q "^ok " "$T/r1"
"$STORM" "$ENDPOINT" "$SKEY" send 900 task.comment "{\"code\":\"$TASK\",\"text\":\"ý kiến của lãnh đạo\"}" "$(keyfile s)" >"$T/r2"
check "…resent, the same reply (not a second comment)" cmp -s "$T/r1" "$T/r2"
"$STORM" "$ENDPOINT" "$SKEY" send 900 logout "{}" "$(keyfile s)" >"$T/r4"
check "an id already used for a comment, reused for a logout: request_id_reused" grep -q "^request_id_reused" "$T/r4"
check_rc "…and nothing was done: still logged in" 0 as s "$CONGVU" whoami
login s admin
"$STORM" "$ENDPOINT" "$SKEY" send 900 task.comment "{\"code\":\"$TASK\",\"text\":\"ý kiến của lãnh đạo\"}" "$(keyfile s)" >"$T/r3"
check "another official on the same terminal reusing id 900 does not get hung.lv's reply" not cmp -s "$T/r1" "$T/r3"

# --- lockouts: per name and device, silent about names ---
for i in 1 2; do echo wrong | as x "$CONGVU" login --user thanh.nv --password-stdin >"$T/out" 2>&1; done
check "two wrong passwords: bad_login" has "bad_login"
echo wrong | as x "$CONGVU" login --user thanh.nv --password-stdin >"$T/out" 2>&1
check "the third locks the name on that terminal" has "[locked]"
check_rc "the right password is refused there" 77 login x thanh.nv
check_rc "…but thanh.nv logs in at another terminal" 0 login y thanh.nv
for i in 1 2 3; do echo wrong | as x "$CONGVU" login --user khong.ai.ca --password-stdin >"$T/out" 2>&1; done
check "a name that does not exist locks the same way (no probing)" has "[locked]"
check_rc "the console disables an.nv" 0 admin user disable an.nv
echo wrong | as y "$CONGVU" login --user an.nv --password-stdin >"$T/out" 2>&1
check "a disabled account with a wrong password: bad_login, like any" has "bad_login"
check "…not disabled" lacks "[disabled]"
echo congvu2026 | as y "$CONGVU" login --user an.nv --password-stdin >"$T/out" 2>&1
check "…only the right password learns it is disabled" has "[disabled]"
check_rc "the admin unlocks thanh.nv" 0 as a "$CONGVU" user unlock thanh.nv
check "…audited" test "$(q "SELECT count(*) FROM audit WHERE action='user.unlock' AND object='thanh.nv'")" = 1
check_rc "thanh.nv logs in at the terminal that locked it" 0 login x thanh.nv
clock_advance 601
for _ in 1 2 3; do echo wrong | as y "$CONGVU" login --user cuong.lm --password-stdin >/dev/null 2>&1; done
check_rc "a lockout holds until its time" 77 login y cuong.lm
clock_advance 601
check_rc "…and ends when the daemon's clock passes it" 0 login y cuong.lm

for p in "${WPID[@]}"; do kill "$p" 2>/dev/null; done
check "the daemon stops cleanly" stop_daemon
finish
