#!/usr/bin/env bash
# The wire: malformed, oversized and multi-part frames, unknown messages,
# invalid UTF-8, retried writes, NFD text, pushed events — and the daemon
# keeps serving everyone else throughout.
. "$(dirname "$0")/../lib.sh" "$1"

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
KEY=$(cat "$DATA/server.key.pub")
enroll a $PROVINCE
login a admin

for mode in garbage multipart badutf8; do
  check_rc "a $mode frame" 0 "$RAWSEND" "$ENDPOINT" "$KEY" "$(keyfile a)" $mode
  check "…is answered with a malformed error" has "malformed"
  check_rc "…and other clients are still served" 0 as a "$CONGVU" whoami
done
check_rc "an unknown message type" 0 "$RAWSEND" "$ENDPOINT" "$KEY" "$(keyfile a)" unknown
check "…gets unknown_message with its request id" has "unknown_message 5"
check_rc "a hello from another protocol version" 0 "$RAWSEND" "$ENDPOINT" "$KEY" "$(keyfile a)" oldhello
check "…gets version_mismatch" has "error 1 version_mismatch 6"
check_rc "an oversized frame" 0 "$RAWSEND" "$ENDPOINT" "$KEY" "$(keyfile a)" oversized
check "…is dropped with its connection" has "timeout"
check_rc "…and other clients are still served" 0 as a "$CONGVU" ping --count 1

# --- a retried write is applied once ---
check_rc "the same user.add twice, over two connections" 0 "$RAWSEND" "$ENDPOINT" "$KEY" "$(keyfile a)" retry
check "…returns the first reply both times" has "same-reply"
check "…and created one user" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM users WHERE username='retry.test'")" = 1
check "…audited once" test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action='user.add' AND object='retry.test'")" = 1

# --- a write's reply is remembered a week; a client resends for a day at most ---
NOW=$(date +%s)
sqlite3 "$DATA/congvu.db" ".timeout 5000" "INSERT INTO replies VALUES('old', 1, 1, 1, '{}', $((NOW - 8 * 86400))),
  ('young', 1, 1, 1, '{}', $((NOW - 6 * 86400)))"
for _ in $(seq 50); do
  [ "$(sqlite3 "$DATA/congvu.db" ".timeout 5000" "SELECT count(*) FROM replies WHERE principal='old'")" = 0 ] && break
  sleep 0.1
done
check "a remembered reply older than a week is pruned by the running daemon" \
  test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM replies WHERE principal='old'")" = 0
check "…one younger than a week is kept" \
  test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM replies WHERE principal='young'")" = 1
check "…and the retried write above still has its reply" \
  test "$(sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM replies WHERE principal <> 'young'")" -ge 1
kill -STOP "$DAEMON"
CONGVU_GIVE_UP_MS=1000 check_rc "a request unanswered past the client's give-up time" 75 \
  as a "$CONGVU" unit add 000.66.00.H12 --name "Không gửi lại" --level ban --parent $PROVINCE
check "…is answered by the client, saying it stopped resending" has "thôi gửi lại"
kill -CONT "$DAEMON"
check_rc "…and the daemon serves on" 0 as a "$CONGVU" ping --count 1

# --- text arrives as NFC ---
NFD=$(printf 'Nguye\xcc\x82\xcc\x83n Va\xcc\x86n \xc4\x90a\xcc\x80o')   # "Nguyễn Văn Đào", decomposed
check_rc "a name typed in NFD" 0 as a "$CONGVU" user add dao.nv --name "$NFD" --unit $PROVINCE --roles clerk
check "…is stored in NFC" test "$(sqlite3 "$DATA/congvu.db" "SELECT hex(name) FROM users WHERE username='dao.nv'")" = \
  "$(printf 'Nguyễn Văn Đào' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
check "…and its search key folds" test "$(sqlite3 "$DATA/congvu.db" "SELECT name_fold FROM users WHERE username='dao.nv'")" = "nguyen van dao"

# --- invalid form values ---
check_rc "a username with capitals" 65 as a "$CONGVU" user add Bad.Name --name X --unit $PROVINCE --roles clerk
check "…is rejected naming the field" has "username"
check_rc "a name longer than its limit" 65 as a "$CONGVU" user add long.name --name "$(printf 'x%.0s' $(seq 200))" --unit $PROVINCE --roles clerk
check_rc "an unknown unit" 66 as a "$CONGVU" user add nounit --name X --unit 9.9.9 --roles clerk
check_rc "a non-number device id" 64 as a "$CONGVU" device revoke abc

# --- pushed events on the same connection ---
enroll w $PROVINCE
login w khoa.ld
check "watch subscribes" watch_start w "$T/watch.out"
as a "$CONGVU" unit add 000.77.04.H12 --name "Tổ công tác" --level tổ --parent 000.00.04.H12 >/dev/null 2>&1
for _ in $(seq 100); do grep -q . "$T/watch.out" && break; sleep 0.1; done
check "watch prints a pushed event as a JSON line" test "$(head -1 "$T/watch.out" | jq -r .event)" = org.changed
as a "$CONGVU" unit add 000.88.00.H12 --name "Ngoài phạm vi" --level ban --parent $PROVINCE >/dev/null 2>&1
# events come in order: once the next change inside arrives, the one outside would have
as a "$CONGVU" unit add 000.78.04.H12 --name "Tổ công tác 2" --level tổ --parent 000.00.04.H12 >/dev/null 2>&1
for _ in $(seq 100); do grep -q 000.78.04 "$T/watch.out" && break; sleep 0.1; done
kill "$WATCH"; wait "$WATCH" 2>/dev/null
check "a change outside the watcher's subtree is not pushed to it" test "$(grep -c 000.88.00 "$T/watch.out")" = 0
check "…while the next one inside is" grep -q 000.78.04 "$T/watch.out"

check "audit chain intact" "$CONGVUD" admin "$DATA" audit verify
check "SIGTERM exits 0" stop_daemon
finish
