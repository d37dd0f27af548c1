#!/usr/bin/env bash
# The restore drill (README "Running it for a province"): an online backup
# taken while an official writes, the daemon stopped, `congvud restore`,
# and every write acknowledged before the backup began is there and the
# audit chain verifies. restore refuses a damaged copy, an edited audit
# chain and a directory a daemon serves, and leaves the database as it was.
# The timer's job (dist/congvu-backup) keeps the newest KEEP backups.
. "$(dirname "$0")/../lib.sh" "$1"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
sum() { sha256sum "$DATA/congvu.db" | cut -d' ' -f1; }
units() { "$CONGVUD" admin "$DATA" --json unit list | jq -r '.. | .code? // empty' | sort -u; }

new_data && start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
enroll a $PROVINCE && login a admin || { echo "no admin session"; exit 1; }

# --- backup while writing ---
# each unit the writer adds is recorded once congvu has exited 0: the
# daemon acknowledged it, after its commit
: >"$T/acked"
(
  i=0
  while [ ! -e "$T/stop" ]; do
    i=$((i + 1))
    as a "$CONGVU" unit add "DR-$i" --name "Diễn tập $i" --level xã --parent $PROVINCE >/dev/null 2>&1 &&
      echo "DR-$i" >>"$T/acked"
  done
) &
WRITER=$!
acked() { wc -l <"$T/acked"; }
for _ in $(seq 600); do [ "$(acked)" -ge 8 ] && break; sleep 0.05; done
cp "$T/acked" "$T/before" # acknowledged before the backup began
check_rc "an online backup while an official writes" 0 "$CONGVUD" admin "$DATA" backup "$T/drill.db"
n=$(acked)
for _ in $(seq 600); do [ "$(acked)" -ge $((n + 5)) ] && break; sleep 0.05; done
touch "$T/stop"; wait "$WRITER"
check "the writer went on during the backup" test "$(acked)" -ge $((n + 5))
check "…and had writes acknowledged before it began" test "$(wc -l <"$T/before")" -ge 8
check_rc "the backup is a whole copy, 0600" 0 stat -c %a "$T/drill.db"
check "…0600" has 600

# --- refusals: nothing changes ---
check_rc "restore refuses a directory a daemon serves" 75 "$CONGVUD" restore "$T/drill.db" "$DATA"
check "…and says to stop it" has "dừng nó"
check "the daemon stops" stop_daemon
before=$(sum)
cp "$T/drill.db" "$T/damaged.db"
size=$(stat -c %s "$T/damaged.db")
# a page in the middle of the file overwritten: the tables' B-trees break
dd if=/dev/urandom of="$T/damaged.db" bs=4096 seek=$((size / 4096 / 2)) count=1 conv=notrunc status=none
check_rc "restore refuses a damaged copy" 65 "$CONGVUD" restore "$T/damaged.db" "$DATA"
check "…saying it is damaged" has "bị hỏng"
cp "$T/drill.db" "$T/edited.db"
sqlite3 "$T/edited.db" "UPDATE audit SET object='DR-0' WHERE id=(SELECT id FROM audit WHERE object='DR-1')"
check "(the copy's audit row was edited)" test "$(sqlite3 "$T/edited.db" "SELECT count(*) FROM audit WHERE object='DR-0'")" = 1
check_rc "restore refuses a copy whose audit chain was edited" 65 "$CONGVUD" restore "$T/edited.db" "$DATA"
check "…saying so" has "nhật ký kiểm toán bị sửa"
check_rc "restore refuses a file that is not there" 66 "$CONGVUD" restore "$T/none.db" "$DATA"
check "the database was left as it was" test "$(sum)" = "$before"
check "…and no copy lies beside it" test ! -e "$DATA/congvu.db.restore"

# --- the restore ---
echo "DR-after" >"$T/marker" # written after the backup: gone after the restore
"$CONGVUD" admin "$DATA" unit add DR-after --name "Sau sao lưu" --level xã --parent $PROVINCE >/dev/null
check_rc "restore the backup" 0 "$CONGVUD" restore "$T/drill.db" "$DATA"
check "…having checked the database and the audit chain" has "nhật ký kiểm toán nguyên vẹn"
check "the replaced database is kept beside it" ls "$DATA"/congvu.db.replaced-*
units >"$T/units"
check "every write acknowledged before the backup is there" test -z "$(comm -23 <(sort "$T/before") "$T/units")"
check "…and nothing written after it" test -z "$(comm -12 "$T/marker" "$T/units")"
check_rc "the audit chain verifies" 0 "$CONGVUD" admin "$DATA" audit verify
check "the restored database serves, where it did" start_daemon "$ENDPOINT"
check_rc "…the same terminal, still logged in, writes" 0 as a "$CONGVU" unit add DR-restored --name "Sau khôi phục" --level xã --parent $PROVINCE
check "the daemon stops" stop_daemon
check_rc "the audit chain still verifies" 0 "$CONGVUD" admin "$DATA" audit verify

# --- the timer's job: online, named by time, the newest KEEP kept ---
start_daemon "$ENDPOINT"
for i in 1 2 3; do
  check_rc "congvu-backup run $i while the daemon serves" 0 env CONGVUD="$CONGVUD" CONGVU_DIR="$DATA" \
    BACKUP_DIR="$T/backups" KEEP=2 "$B/dist/congvu-backup"
  [ $i = 3 ] || sleep 1.1 # the names are by the second
done
check "…keeps the newest two" test "$(ls "$T/backups" | grep -c '^congvu-.*\.db$')" = 2
check "…and said which it removed" has "removed"
newest=$(ls "$T/backups"/congvu-*.db | sort | tail -1)
stop_daemon
check_rc "the newest restores" 0 "$CONGVUD" restore "$newest" "$DATA"
check_rc "a KEEP of 0 is refused" 64 env CONGVUD="$CONGVUD" CONGVU_DIR="$DATA" BACKUP_DIR="$T/backups" KEEP=0 "$B/dist/congvu-backup"
finish
