#!/usr/bin/env bash
# Reads off the writer's thread (server/readpool.c, batch.c): with two pool
# threads, clients that pipeline read, write, read of one task on their own
# connection get their answers in the order they asked, the first read
# without their new comment and the second with it, while other clients
# only read and the administrator changes the calendar and reloads forms
# under them; a unit the console adds is in the very next list a client
# asks; a daemon with the pool off answers the same; SIGTERM under load
# stops cleanly. What a connection sends while its read is in the pool
# waits behind it in its lane: without that, "disorder" and "early" count.
. "$(dirname "$0")/../lib.sh" "$1"

STORM=$B/tests/integration/storm
CITY=000.00.15.H12  # thành phố Cà Mau: leader thanh.nv, specialist an.nv
UMINH=000.00.16.H12 # huyện U Minh: leader dat.ct
SECS=6

new_data '{"read_threads": 2}'
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
check "the daemon serves reads with a pool of two" grep -q "read pool: 2 threads" "$T/congvud.log"
for u in hung.lv admin; do enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"; done
# the pipelining clients: devices of their own, half the city's specialist,
# half U Minh's leader (both may comment on a task the city leads with U
# Minh co-operating); the readers: devices of the province's leader
for i in 1 2 3 4; do
  u=$([ $((i % 2)) = 1 ] && echo an.nv || echo dat.ct)
  enroll "w$i" $PROVINCE && login "w$i" "$u" || echo "# could not log in w$i"
  enroll "r$i" $PROVINCE && login "r$i" hung.lv || echo "# could not log in r$i"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
TASK=$(cv hung.lv --json task add --title "Theo dõi đọc song song" --lead $CITY --coop $UMINH \
  --deadline "$(date -d '+30 days' +%Y-%m-%d)" | jq -r .code)
check "a task to comment on ($TASK)" grep -qE '^NV-' <<<"$TASK"
holiday=$(date -d '+400 days' +%Y-%m-%d)

# load: SECS seconds of pipelined read-write-read on four connections,
# plain reads on four others
# (their pids in LOAD; wait_load waits for them, not for the daemon)
run_load() {
  local i
  LOAD=()
  for i in 1 2 3 4; do
    "$STORM" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" readafter $SECS "$TASK" "$(keyfile "w$i")" >"$T/w$i.out" &
    LOAD+=($!)
  done
  "$STORM" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" repeat $SECS task.show "{\"code\":\"$TASK\"}" "$(keyfile r1)" >"$T/r1.out" &
  LOAD+=($!)
  "$STORM" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" repeat $SECS task.show "{\"code\":\"$TASK\"}" "$(keyfile r2)" >"$T/r2.out" &
  LOAD+=($!)
  "$STORM" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" repeat $SECS unit.list '{}' "$(keyfile r3)" >"$T/r3.out" &
  LOAD+=($!)
  "$STORM" "$ENDPOINT" "$(cat "$DATA/server.key.pub")" repeat $SECS task.list '{}' "$(keyfile r4)" >"$T/r4.out" &
  LOAD+=($!)
}
wait_load() { wait "${LOAD[@]}"; }
# check_load WHAT — what the clients of run_load saw
check_load() {
  local i f
  for i in 1 2 3 4; do
    f=$T/w$i.out
    check "$1: w$i pipelined rounds ($(awk '$1=="rounds"{print $2}' "$f"))" awk '$1=="rounds" && $2 > 0 {ok=1} END {exit !ok}' "$f"
    check "$1: w$i's answers in the order asked" grep -qx "disorder 0" "$f"
    check "$1: w$i's first read does not see the comment sent after it" grep -qx "early 0" "$f"
    check "$1: w$i's last read sees it" grep -qx "stale 0" "$f"
    check "$1: w$i's every answer ok" test "$(grep -cv -e '^ok ' -e '^rounds ' -e '^disorder ' -e '^early ' -e '^stale ' "$f")" = 0
  done
  for i in 1 2 3 4; do
    check "$1: reader r$i answered ($(head -1 "$T/r$i.out"))" grep -q '^ok [0-9]' "$T/r$i.out"
    check "$1: …nothing but ok" test "$(grep -cv '^ok ' "$T/r$i.out")" = 0
  done
}

# --- under load: the calendar changed in place, forms swapped, units
# added from the console, each seen by the next read ---
run_load
seen=0
for k in 1 2 3 4 5; do
  cv admin calendar holiday "$holiday" --name "Nghỉ thử $k" >/dev/null || echo "# holiday $k not added"
  code=000.9$k.15.H12
  "$CONGVUD" admin "$DATA" unit add "$code" --name "Đơn vị thử $k" --level xã --parent $CITY >/dev/null ||
    echo "# unit $k not added"
  cv hung.lv --json unit list | jq -e --arg c "$code" '[.. | objects | select(.code? == $c)] | length > 0' >/dev/null &&
    seen=$((seen + 1))
  kill -HUP "$DAEMON"
  cv admin calendar holiday "$holiday" --remove >/dev/null || echo "# holiday $k not removed"
done
wait_load
check "each unit the console added is in the very next list (5 of 5: $seen)" test "$seen" = 5
check_load "pool of two"
check "no read handler asked to write in the pool" bash -c "! grep -q 'run on the loop instead of the read pool' '$T/congvud.log'"
check "the daemon reloaded forms from SIGHUP under load" grep -q "forms reloaded" "$T/congvud.log"
comments=$(cv hung.lv --json task show "$TASK" | jq .thread_total)
check "every comment of every round is stored ($comments)" test "$comments" -ge 4

# --- a stop under load: the pool is drained, the daemon exits cleanly ---
run_load
sleep 2
check "SIGTERM under load exits 0" stop_daemon
check "…and says it stopped cleanly" grep -q "stopped cleanly" "$T/congvud.log"
kill "${LOAD[@]}" 2>/dev/null # the clients whose next request nobody reads
wait_load 2>/dev/null

# --- the same with the pool off: every read on the loop ---
echo '{"read_threads": 0}' >"$DATA/config.json"
start_daemon || { echo "daemon did not restart"; exit 1; }
check "with read_threads 0 there is no pool" test "$(grep -c 'read pool:' "$T/congvud.log")" = 1
run_load
wait_load
check_load "no pool"
check "SIGTERM exits 0" stop_daemon
echo '{"read_threads": -2}' >"$DATA/config.json"
check_rc "a count below -1 is refused" 78 "$CONGVUD" serve "$DATA" --listen 'tcp://127.0.0.1:*'
check "…naming the key" has read_threads
finish
