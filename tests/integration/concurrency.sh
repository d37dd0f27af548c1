#!/usr/bin/env bash
# What officials and attackers do at the same moment, against a real congvud
# over real CURVE (storm.c sends everything before reading any answer):
# logins in parallel from many devices and from one, logins pipelined behind
# other requests, a reconnect storm resending, logins during a write flood,
# password changes with a wrong old password (locked out like logins) and
# accounts added and reset, their hashing never on the serve loop,
# enroll and login floods from unknown keys beside an official at work,
# connection churn and idle raw sockets; and what must hold afterwards:
# nothing crashed, every request was answered, nothing was hashed that
# need not be, the audit trail was not flooded, the peer table and the
# descriptors came back. Time moves by the daemon's injectable clock.
. "$(dirname "$0")/../lib.sh" "$1"
STORM=$B/tests/integration/storm

clock_set "$(date +%s)"

new_data '{"max_failed_logins": 3, "lockout_seconds": 600, "session_idle_seconds": 3600,
  "anon_requests_per_minute": 20, "anon_requests_per_minute_per_address": 200,
  "max_connections": 400, "max_connections_per_address": 150, "handshake_seconds": 2}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
SKEY=$(cat "$DATA/server.key.pub")
storm() { "$STORM" "$ENDPOINT" "$SKEY" "$@" >"$T/out" 2>&1; }
count() { awk -v k="$1" '$1 == k { print $2; f = 1 } END { if (!f) print 0 }' "$T/out"; }
alive() { kill -0 "$DAEMON" 2>/dev/null; }
# up — the daemon must still be up; a dead one ends the run (every later
# check would wait for answers that cannot come)
up() {
  if alive; then ok "…the daemon is still up"; else
    not_ok "…the daemon is still up"; tail -5 "$T/congvud.log" | sed 's/^/# /'; finish
  fi
}
q() { sqlite3 "$DATA/congvu.db" "$1"; }

# fifty devices of the province, enrolled ten at a time
for b in 0 1 2 3 4; do
  for i in $(seq $((b * 10 + 1)) $((b * 10 + 10))); do enroll "d$i" $PROVINCE & done
  wait $(jobs -p | grep -v "^$DAEMON$")
done
KEYS=(); for i in $(seq 50); do KEYS+=("$(keyfile "d$i")"); done
check "fifty devices enrolled" test "$(q 'SELECT count(*) FROM devices')" -ge 50

# --- logins at the same moment ---
storm logins admin congvu2026 "${KEYS[@]:0:12}"
check "twelve devices log in at the same moment: all twelve in" test "$(count ok)" = 12
up
storm same 8 hung.lv congvu2026 "${KEYS[12]}"
check "eight connections of one device log in at once: every one answered" test "$(count none)" = 0
check "…at least one in, the rest in or told busy" test "$(count ok)" -ge 1 -a $(($(count ok) + $(count busy))) = 8
storm burst 40 hung.lv congvu2026 "${KEYS[13]}"
check "forty logins back to back on one connection: all answered" has "answered 41 of 41"
check "…the queue behind a login is bounded: the excess is told busy" test "$(count busy)" -ge 20
check "…and some got in" test "$(count ok)" -ge 1
up
storm pipeline linh.ntm congvu2026 "${KEYS[14]}"
check "whoami before the login is not logged in" grep -q "^1 not_logged_in" "$T/out"
check "the login pipelined behind it gets in" grep -q "^2 ok linh.ntm" "$T/out"
check "whoami sent before the login was answered sees its session" grep -q "^3 ok linh.ntm" "$T/out"
check "…and hello after it is answered too" grep -q "^4 ok" "$T/out"

# --- a reconnect storm: fifty logins dropped before their answer, resent ---
storm reconnect thanh.nv congvu2026 "${KEYS[@]}"
check "fifty clients resending their login twice after drops: all in, none busy" test "$(count ok)" = 50
up

# --- logins during a write flood ---
as d1 "$CONGVU" --json task list >"$T/tasks" 2>&1
TASK=$(jq -r '.tasks[0].code // .rows[0].code // empty' "$T/tasks" 2>/dev/null)
"$STORM" "$ENDPOINT" "$SKEY" repeat 6 task.comment "{\"code\":\"$TASK\",\"text\":\"tiến độ\"}" "${KEYS[0]}" >"$T/writes" 2>&1 &
WF=$!
storm logins hung.lv congvu2026 "${KEYS[@]:20:12}"
check "twelve logins while comments are written: all in" test "$(count ok)" = 12
wait $WF
check "…and the writes went on: answered, none lost" test "$(awk '$1=="ok"{print $2}' "$T/writes")" -ge 1 -a "$(awk '$1=="none"{print $2}' "$T/writes" | head -1)" = ""

# --- password work is the worker's, never the loop's: passwd, user.add,
# user.reset (a debug build's congvud aborts, saying so in its log, when
# its serve loop hashes: password.c) ---
tally() { awk -v a="$1" -v b="$2" '$1 == a && $2 == b { print $3; f = 1 } END { if (!f) print 0 }' "$T/out"; }
reply() { sed -n 's/^ok //p' "$T/out" | jq -r "$1"; }
storm logins thao.ntp congvu2026 "${KEYS[40]}"
check "an official logged in to change her password" test "$(count ok)" = 1
storm logins minh.pq congvu2026 "${KEYS[41]}"
check "…and another at work beside her" test "$(count ok)" = 1
fails0=$(q "SELECT count(*) FROM audit WHERE action='passwd.fail'")
storm passwd 12 sai-mat-khau mat-khau-moi-1 "${KEYS[40]}" "${KEYS[41]}"
sed 's/^/# /' "$T/out"
check "twelve passwd with a wrong old password back to back on one connection: all answered" has "answered 12 of 12"
up
check "…none hashed on the serve loop" test "$(grep -c "password hash on the serve loop" "$T/congvud.log")" = 0
check "…the other official's whoami answered meanwhile, none refused" test "$(awk '$1=="whoami" && $2=="answered"{print $3}' "$T/out")" -ge 1 -a "$(awk '$1=="whoami" && $2=="failed"{print $3}' "$T/out")" = 0
check "…wrong passwords count toward the lockout: two bad_login, then locked" test "$(tally passwd bad_login)" = 2 -a "$(tally passwd locked)" = 10
check "…audited: two passwd.fail, one user.lockout" test $(($(q "SELECT count(*) FROM audit WHERE action='passwd.fail'") - fails0)) = 2 -a "$(q "SELECT count(*) FROM audit WHERE action='user.lockout' AND object='thao.ntp'")" = 1
storm send 60 whoami '{}' "${KEYS[40]}"
check "…the session stays" grep -q '^ok .*"thao.ntp"' "$T/out"
storm send 61 passwd '{"old":"congvu2026","new":"mat-khau-moi-1"}' "${KEYS[40]}"
check "…the right old password is refused while locked" grep -q "^locked" "$T/out"
storm send 63 login '{"user":"thao.ntp","password":"congvu2026"}' "${KEYS[40]}"
check "…and so is a login of that name on that device" grep -q "^locked" "$T/out"
clock_advance 601
storm send 62 passwd '{"old":"congvu2026","new":"mat-khau-moi-1"}' "${KEYS[40]}"
check "after the lockout the right old password changes it" grep -q "^ok" "$T/out"
storm send 64 login '{"user":"thao.ntp","password":"mat-khau-moi-1"}' "${KEYS[40]}"
check "…and the new one logs in" grep -q "^ok" "$T/out"
storm chpw lan.dt congvu2026 mat-khau-moi-2 "${KEYS[42]}"
check "a passwd pipelined behind its login is checked once the login made its session" grep -q "^2 ok" "$T/out"
check "…the login before it succeeds" grep -q "^1 ok lan.dt" "$T/out"
check "…and the whoami after it" grep -q "^3 ok lan.dt" "$T/out"
storm send 65 login '{"user":"lan.dt","password":"mat-khau-moi-2"}' "${KEYS[42]}"
check "…the new password logs in" grep -q "^ok" "$T/out"
storm logins admin congvu2026 "${KEYS[43]}"
storm send 70 user.add "{\"username\":\"moi.nv\",\"name\":\"Nguyễn Văn Mới\",\"unit\":\"$PROVINCE\",\"roles\":[\"clerk\"]}" "${KEYS[43]}"
NEWPW=$(reply .password)
check "user.add over the wire without a password: the server's, of twelve characters, in the reply" test "${#NEWPW}" = 12
storm send 80 login "{\"user\":\"moi.nv\",\"password\":\"$NEWPW\"}" "${KEYS[44]}"
check "…it logs in" grep -q "^ok" "$T/out"
storm send 71 user.reset '{"username":"moi.nv","password":"tam-thoi-123"}' "${KEYS[43]}"
check "user.reset with a password given: none in the reply" test "$(reply '.password // "none"')" = none
storm send 81 login '{"user":"moi.nv","password":"tam-thoi-123"}' "${KEYS[44]}"
check "…it logs in" grep -q "^ok" "$T/out"
storm send 72 user.reset '{"username":"moi.nv"}' "${KEYS[43]}"
NEWPW=$(reply .password)
storm send 82 login "{\"user\":\"moi.nv\",\"password\":\"$NEWPW\"}" "${KEYS[44]}"
check "user.reset without one: the server's, and it logs in" grep -q "^ok" "$T/out"
check "…of twelve characters" test "${#NEWPW}" = 12
up
check "…no password hashed on the serve loop all along" test "$(grep -c "password hash on the serve loop" "$T/congvud.log")" = 0

# --- floods from keys never enrolled, beside an official at work ---
audit0=$(q "SELECT count(*) FROM audit")
storm flood 6 400 "${KEYS[1]}"
cat "$T/out" | sed 's/^/# /'
check "the official's requests were all answered during the flood" test "$(awk '$1=="legit" && $2=="failed"{print $3}' "$T/out")" = 0
check "…many of them" test "$(awk '$1=="legit" && $2=="answered"{print $3}' "$T/out")" -ge 10
check "the flood was held back by the rate limits" test "$(awk '$1=="flood" && $2=="rate_limited"{print $3}' "$T/out")" -ge 1
check "no unknown key's login reached a password check (never bad_login)" lacks "flood bad_login"
check "…nor was any answered busy (none was queued for hashing)" lacks "flood busy"
check "no reply remembered for a key not enrolled" test "$(q "SELECT count(*) FROM replies WHERE principal LIKE 'k:%'")" = 0
check "the flood wrote no audit row of its own yet" test "$(q "SELECT count(*) FROM audit WHERE action IN ('enroll.fail','anon.limited','anon.refused')")" = 0
clock_advance 61
check_rc "a minute later (the daemon's clock)" 0 as d1 "$CONGVU" whoami
check "…it is summed up in at most three audit rows" test "$(q "SELECT count(*) FROM audit WHERE action IN ('enroll.fail','anon.limited','anon.refused')")" -le 3
check "…with the count and the address" test "$(q "SELECT json_extract(detail, '\$.addresses.\"127.0.0.1\"') FROM audit WHERE action='anon.limited'")" -ge 1
check "the whole flood added a handful of audit rows, not thousands" test $(($(q "SELECT count(*) FROM audit") - audit0)) -le 20
check "…and the log has no line per refused request" test "$(grep -c "enroll refused\|refused: not_enrolled" "$T/congvud.log")" -le 2
up

# --- connection churn: the peer table and descriptors come back ---
fds() { ls "/proc/$DAEMON/fd" | wc -l; }
FD0=$(fds)
storm churn 600 30
check "six hundred connections churned, each answered" test "$(count answered)" = 600
storm churn 300 30 "${KEYS[2]}"
check "three hundred connections of one device churned, each answered" test "$(count answered)" = 300
# the sweep's latest word on the peer table (each sweep that forgets says it)
peers() { grep -o "now [0-9]* peers" "$T/congvud.log" | tail -1 | awk '{print $2}'; }
# each turn: the clock passes a sweep, a request turns the loop (its own
# connection, closed when whoami ends, is forgotten by the next sweep)
for _ in $(seq 100); do
  clock_advance 6; as d1 "$CONGVU" whoami >/dev/null 2>&1
  [ "$(fds)" -le $((FD0 + 3)) ] && [ "$(peers)" != "" ] && [ "$(peers)" -le 10 ] && break
done
check "the daemon's descriptors came back to where they were" test "$(fds)" -le $((FD0 + 3))
check "…closed peers are forgotten (the sweep said so)" grep -q "closed connections forgotten" "$T/congvud.log"
check "…the peer table is back to a handful (connections still closing), not 300 more" test "$(peers)" -le 10

# --- idle raw sockets: capped per address, closed after the handshake time ---
python3 - "$ENDPOINT" >"$T/raw" 2>&1 <<'PY' &
import socket, select, sys, time
host, port = sys.argv[1].rsplit(":", 1); host = host.split("//")[1]
socks = []
for _ in range(300):   # from another loopback address than the official's
    s = socket.socket(); s.bind(("127.0.0.2", 0)); s.connect((host, int(port))); socks.append(s)
print("opened", len(socks), flush=True)
open_ = set(socks); deadline = time.time() + 30
while open_ and time.time() < deadline:
    r, _, _ = select.select(list(open_), [], [], 1)
    for s in r:
        if not s.recv(64): open_.discard(s)
    if len(open_) <= 150: print("capped", len(open_), flush=True); break
while open_ and time.time() < deadline:
    r, _, _ = select.select(list(open_), [], [], 1)
    for s in r:
        if not s.recv(64): open_.discard(s)
print("left", len(open_), flush=True)
PY
RAW=$!
for _ in $(seq 200); do grep -q "^capped" "$T/raw" && break; sleep 0.05; done
check "300 idle raw sockets from one address: the daemon keeps at most 150" grep -q "^capped" "$T/raw"
check_rc "…while an official from another address is served" 0 as d1 "$CONGVU" whoami
wait $RAW
check "…and the ones it kept are closed when the handshake time runs out" grep -q "^left 0" "$T/raw"
up

check "the daemon stops cleanly after it all" stop_daemon
finish
