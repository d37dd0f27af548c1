# tests/lib.sh — shared by the integration and end-to-end scripts: a real
# congvud in a fresh data directory on an ephemeral loopback port, clients
# with their own XDG directories, and TAP-like checks ending in
# "N passed, N failed".
# Usage: . tests/lib.sh BUILD_DIR
#
# Scripts run side by side (meson's is_parallel): everything a script
# touches is its own — the temp dir $T, a daemon on a port the kernel picks,
# clients whose XDG directories are under $T — and the EXIT trap stops
# every process the script started, background jobs and the clients inside
# them included, so nothing outlives it.
#
# Time: the daemon (a debug build) reads its clock from $CONGVU_CLOCK, a
# file under $T, exported here so that every daemon and console command
# the script starts reads it. Until clock_set writes it the daemon has the
# real time; after, the time in the file, frozen until the script moves it:
#   clock_set EPOCH       the daemon's time is EPOCH (unix seconds); $CLOCK
#   clock_advance SECONDS it moves on SECONDS (clock_set first)
# The daemon sees the new time at its next request (or within a second);
# work then due (timers, recurring tasks) runs at the top of its following
# loop turn — `settle NAME` waits for that.
set -uo pipefail
B=$(cd "$1" && pwd)
CONGVUD=$B/server/congvud
CONGVU=$B/client/congvu
RAWSEND=$B/tests/integration/rawsend
T=$(mktemp -d /tmp/congvu-test.XXXXXX)
DATA=$T/data
PROVINCE=000.00.00.H12
PASS=0
FAIL=0
DAEMON=
export CONGVU_TIMEOUT_MS=${CONGVU_TIMEOUT_MS:-8000}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export CONGVU_CLOCK=$T/clock
# the forms and message catalogs of the tree (an installed congvu reads its
# own: tests/integration/install.sh)
export CONGVU_FORMS=${CONGVU_FORMS-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/forms}
export CONGVU_LOCALEDIR=${CONGVU_LOCALEDIR-$B/po}

# Stops the daemon, then every background job, and every client run with
# directories under $T: `as NAME CMD &` is a subshell around CMD, and
# killing the subshell alone (kill $!) leaves CMD running.
cleanup() {
  local p
  [ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null && wait "$DAEMON" 2>/dev/null
  for p in $(jobs -p) $(grep -lzF "XDG_CONFIG_HOME=$T/" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3); do
    [ "$p" = $$ ] || kill "$p" 2>/dev/null
  done
  wait 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT

ok() { PASS=$((PASS + 1)); echo "ok - $1"; }
not_ok() { FAIL=$((FAIL + 1)); echo "not ok - $1"; [ -f "$T/out" ] && sed 's/^/#   /' "$T/out" | head -20; }

# check DESC CMD... — CMD succeeds (its own output is not kept: checks such
# as `has` read the output of the last check_rc)
check() { local d=$1; shift; if "$@" >"$T/check.out" 2>&1; then ok "$d"; else not_ok "$d"; fi; }

# check_rc DESC WANT CMD... — CMD exits with WANT; output kept in $T/out
check_rc() {
  local d=$1 want=$2; shift 2
  "$@" >"$T/out" 2>&1; local rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$d"; else echo "#   exit $rc, wanted $want"; not_ok "$d"; fi
}

# has TEXT — the last command's output contains TEXT
has() { grep -qF -- "$1" "$T/out"; }
# lacks TEXT — the last command's output does not contain TEXT
lacks() { ! grep -qF -- "$1" "$T/out"; }

finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
  exit $?
}

# new_data [CONFIG_JSON] — init and seed the test province, optional
# config: tests/fixtures/demo, a province three levels deep (a city and
# districts between it and their wards and communes), so that scope, roll-
# ups and dashboards are tried across a middle tier. The shipped demo
# (forms/demo) is two-tier as the law has it since 1 July 2025; demo.sh
# tries that one.
FIXTURES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fixtures
new_data() {
  "$CONGVUD" init "$DATA" >"$T/server.pub" 2>/dev/null || return 1
  [ -n "${1:-}" ] && echo "$1" >"$DATA/config.json"
  "$CONGVUD" admin "$DATA" demo "$FIXTURES" >/dev/null
}

# start_daemon [ENDPOINT] — serve DATA; sets ENDPOINT and DAEMON
start_daemon() {
  local want=${1:-tcp://127.0.0.1:*}
  : >"$T/endpoint"
  "$CONGVUD" serve "$DATA" --listen "$want" >"$T/endpoint" 2>>"$T/congvud.log" &
  DAEMON=$!
  for _ in $(seq 100); do [ -s "$T/endpoint" ] && break; sleep 0.05; done
  ENDPOINT=$(head -1 "$T/endpoint")
  [ -n "$ENDPOINT" ]
}

stop_daemon() {
  kill -TERM "$DAEMON" 2>/dev/null
  wait "$DAEMON"
  local rc=$?
  DAEMON=
  return $rc
}

# as NAME CMD... — run CMD as client NAME (its own config and state)
as() {
  local n=$1; shift
  XDG_CONFIG_HOME=$T/client-$n/config XDG_STATE_HOME=$T/client-$n/state XDG_CACHE_HOME=$T/client-$n/cache "$@"
}

invite() { "$CONGVUD" admin "$DATA" --json device invite --unit "$1" | jq -r .invite; }

# enroll NAME UNIT — a new device for UNIT
enroll() { as "$1" "$CONGVU" enroll "$(invite "$2")" >/dev/null; }

# login NAME USER [PASSWORD]
login() { echo "${3:-congvu2026}" | as "$1" "$CONGVU" login --user "$2" --password-stdin >/dev/null; }

keyfile() { echo "$T/client-$1/config/congvu/device.key"; }

# clock_set EPOCH — the daemon's time is EPOCH from now on (see the header)
clock_set() { CLOCK=$1; echo "$CLOCK" >"$CONGVU_CLOCK"; }
# clock_advance SECONDS — the daemon's time moves on SECONDS
clock_advance() { clock_set $((CLOCK + $1)); }

# desk_day [HH:MM] — the daemon's time is HH:MM (10:00) in the province on
# a day its desks work: today there (Asia/Ho_Chi_Minh, whatever the
# machine's zone), else the next Monday–Friday that forms/calendar lists
# as no holiday; that day in TODAY (YYYY-MM-DD). A script whose counts
# depend on the hour (due today, same-day rules) runs the same at 03:00 on
# a Saturday as at 10:00 on a Tuesday.
desk_day() {
  TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F)
  while [ "$(date -d "$TODAY" +%u)" -gt 5 ] || grep -qs "date: \"$TODAY\"" "$CONGVU_FORMS"/calendar/*.yaml; do
    TODAY=$(date -d "$TODAY +1 day" +%F)
  done
  clock_set "$(date -d "$TODAY ${1:-10:00} +07:00" +%s)"
}

# settle NAME — two round trips as client NAME: when it returns the daemon
# has turned its loop since the last clock move or restart, so the work
# then due is done (a check that something did not happen follows it)
settle() { as "$1" "$CONGVU" ping --count 1 >/dev/null && as "$1" "$CONGVU" ping --count 1 >/dev/null; }

# watch_start NAME FILE — `congvu watch` as client NAME in the background,
# its events in FILE; returns once it is subscribed (the daemon answered
# its whoami, so every later change reaches it). Its pid in WATCH: kill
# "$WATCH" stops it (cleanup does at the end).
watch_start() {
  (
    export XDG_CONFIG_HOME=$T/client-$1/config XDG_STATE_HOME=$T/client-$1/state XDG_CACHE_HOME=$T/client-$1/cache
    exec "$CONGVU" watch >"$2" 2>"$2.err"
  ) &
  WATCH=$!
  for _ in $(seq 200); do
    grep -q Ctrl-C "$2.err" && return 0 # its banner, in either language
    kill -0 "$WATCH" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
