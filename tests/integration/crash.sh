#!/usr/bin/env bash
# Crash durability: real clients keep receiving dossiers while congvud is
# killed with SIGKILL at random moments and restarted on the same endpoint.
# After every kill: each write a client saw acknowledged is stored exactly
# once (with the code it was told), no write is ever applied twice (retries
# reuse their request id), no dossier number is skipped or given twice,
# PRAGMA integrity_check is ok and the audit chain verifies. CRASH_ROUNDS /
# CRASH_WRITERS size the run (bench/crash runs it long); CRASH_SEED makes
# the kill times repeatable (the seed of a run is printed first). A restart
# that fails fails the run.
. "$(dirname "$0")/../lib.sh" "$1"

ROUNDS=${CRASH_ROUNDS:-4}
CLERKS=(linh.ntm huong.ptt yen.tth vinh.lq minh.pq hoa.dtt)
WRITERS=${CRASH_WRITERS:-3}
((WRITERS > ${#CLERKS[@]})) && WRITERS=${#CLERKS[@]}
SEED=${CRASH_SEED:-$$}
RANDOM=$SEED
echo "# CRASH_SEED=$SEED (set it to repeat these kill times)"
# a client keeps retrying the same request across the restart
export CONGVU_TIMEOUT_MS=${CRASH_CLIENT_TIMEOUT_MS:-30000}
DB=$DATA/congvu.db

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for ((w = 0; w < WRITERS; w++)); do
  enroll "w$w" $PROVINCE && login "w$w" "${CLERKS[$w]}" || echo "# could not log in ${CLERKS[$w]}"
done

# writer W — receive dossiers until $T/stop exists; "MARKER CODE" lines in
# $T/ack.W for every acknowledged one, "MARKER" in $T/lost.W otherwise.
writer() {
  local w=$1 n=0 marker code
  while [ ! -e "$T/stop" ]; do
    n=$((n + 1))
    marker="crash-w$w-$n"
    if code=$(as "w$w" "$CONGVU" --json dossier receive --procedure khai-tu \
      --field applicant_name="$marker" --field citizen_id=079123456789 --field relation=con \
      --field deceased_name="Nguyễn Văn Một" --field death_date=2026-11-01 --field death_place="Cà Mau" \
      2>>"$T/writer.$w.err" | jq -re .code); then
      echo "$marker $code" >>"$T/ack.$w"
    else
      echo "$marker" >>"$T/lost.$w"
    fi
  done
}

# verify ROUND — the database as a crash left it
verify() {
  local r=$1 acks dup missing
  cat "$T"/ack.* 2>/dev/null | sort >"$T/acks"
  acks=$(wc -l <"$T/acks")
  sqlite3 -separator ' ' "$DB" "SELECT applicant, code FROM dossiers WHERE applicant LIKE 'crash-%'" | sort >"$T/stored"
  missing=$(comm -23 "$T/acks" "$T/stored" | wc -l)
  dup=$(cut -d' ' -f1 "$T/stored" | uniq -d | wc -l)
  check "round $r: all $acks acknowledged writes are stored with their codes" test "$missing" -eq 0
  check "round $r: no write is stored twice" test "$dup" -eq 0
  check "round $r: one audit row per stored dossier" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM audit a JOIN dossiers d ON a.object = d.code
       WHERE a.action = 'dossier.receive' AND d.applicant LIKE 'crash-%'")" -eq "$(wc -l <"$T/stored")"
  # a code is <agency>-<YYMMDD>-<NNNN>: per unit and day the numbers run
  # 1..n (a transaction the kill cut off gave its number back) and the
  # unit's series (0012) stands at n, so the next number is new
  check "round $r: each unit's numbers of a day run 1..n and its series is at n" test "$(sqlite3 "$DB" "
    SELECT count(*) FROM (SELECT unit_id, '20' || substr(code, -11, 2) || '-' || substr(code, -9, 2) || '-' ||
                                 substr(code, -7, 2) AS day, count(*) AS k, max(CAST(substr(code, -4) AS INTEGER)) AS m
                          FROM dossiers GROUP BY 1, 2) g
    LEFT JOIN series s ON s.kind = 'dossier' AND s.scope = g.unit_id AND s.period = g.day
    WHERE g.k <> g.m OR s.n IS NOT g.m")" = 0
  check "round $r: integrity_check ok" test "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok
  check_rc "round $r: audit verify passes" 0 "$CONGVUD" admin "$DATA" audit verify
}

# kill_daemon — SIGKILL, reaped quietly (bash would report "Killed")
kill_daemon() {
  kill -KILL "$DAEMON"
  wait "$DAEMON"
  DAEMON=
} 2>/dev/null

PIDS=()
for ((w = 0; w < WRITERS; w++)); do
  writer $w &
  PIDS+=($!)
done

for ((r = 1; r <= ROUNDS; r++)); do
  # 0.3 .. 2.3 s of writing, so kills land before, during and after commits
  sleep "$((RANDOM % 2)).$((RANDOM % 10))"
  sleep 0.3
  kill_daemon
  verify "$r"
  if start_daemon "$ENDPOINT"; then
    ok "round $r: the daemon restarts on its endpoint"
  else
    tail "$T/congvud.log" >"$T/out" # what not_ok shows
    not_ok "round $r: the daemon restarts on its endpoint"
    break
  fi
done

touch "$T/stop"
wait "${PIDS[@]}"
kill_daemon
verify final
acked=$(cat "$T"/ack.* 2>/dev/null | wc -l)
lost=$(cat "$T"/lost.* 2>/dev/null | wc -l)
check "the writers were acknowledged at all" test "$acked" -gt 0
echo "# $ROUNDS kills, $WRITERS writers: $acked acknowledged, $lost given up," \
  "$(grep -c 'replayed' "$T/congvud.log") replies replayed after a retry (CRASH_SEED=$SEED)"
finish
