#!/usr/bin/env bash
# `congvud upgrade DIR`, what the package's postinst runs on an upgrade:
# the migrations once, all of them in one transaction, after an online copy
# of the previous database; a failed migration leaves the database as it
# was and the daemon (the old one, not yet restarted) serving it.
. "$(dirname "$0")/../lib.sh" "$1"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
MIG=$SRC/server/store/sqlite/migrations
version() { sqlite3 "$1" 'PRAGMA user_version'; }
schema() { sqlite3 "$1" "SELECT type, name, sql FROM sqlite_master ORDER BY name"; }
backups() { ls "$1"/congvu.db.before-upgrade-* 2>/dev/null | wc -l; }
# old_db FILE K — a database as a congvud of schema K left it
old_db() {
  rm -f "$1"
  for f in $(ls "$MIG"/[0-9]*.sql | sort | head -"$2"); do sqlite3 "$1" <"$f" || return 1; done
  sqlite3 "$1" "PRAGMA journal_mode=WAL; PRAGMA user_version=$2" >/dev/null
}

new_data && start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
enroll a $PROVINCE && login a admin || { echo "no admin session"; exit 1; }
N=$(version "$DATA/congvu.db")
check "the schema has versions to come from" test "$N" -ge 3
check_rc "a write before" 0 as a "$CONGVU" unit add UP-1 --name "Trước nâng cấp" --level xã --parent $PROVINCE

# --- nothing to do ---
check_rc "upgrade on a current database" 0 "$CONGVUD" upgrade "$DATA"
check "…has nothing to do" has "không cần nâng cấp"
check "…and copies nothing" test "$(backups "$DATA")" = 0

# --- a database the previous version left: migrated once ---
"$CONGVUD" init "$T/old" >/dev/null 2>&1
old_db "$T/old/congvu.db" $((N - 1)) || { not_ok "an old database from the migrations"; finish; }
sqlite3 "$T/old/congvu.db" "INSERT INTO units(code, name, level, path) VALUES('OLD-1', 'Cũ', 'tỉnh', '/1/')" 2>/dev/null
check_rc "upgrade a database of version $((N - 1))" 0 "$CONGVUD" upgrade "$T/old"
check "…says from and to" has "từ phiên bản $((N - 1)) lên $N"
check "…it is at version $N" test "$(version "$T/old/congvu.db")" = "$N"
check "…with a copy of the previous database" test "$(backups "$T/old")" = 1
check "…at version $((N - 1))" test "$(version "$T/old"/congvu.db.before-upgrade-*)" = $((N - 1))
check_rc "upgrade again" 0 "$CONGVUD" upgrade "$T/old"
check "…runs nothing twice" has "không cần nâng cấp"
check "…and copies nothing more" test "$(backups "$T/old")" = 1

# --- a failed migration, all or nothing, while the old daemon serves ---
old_db "$T/two.db" $((N - 2))
mkdir -p "$T/two" && cp "$T/two.db" "$T/two/congvu.db"
schema "$T/two/congvu.db" >"$T/two.schema"
check_rc "a migration failing after two that succeeded" 70 env CONGVU_TEST_MIGRATION="CREATE TABLE units(x)" \
  "$CONGVUD" upgrade "$T/two"
check "…says so" has "giữ nguyên"
check "…undoes the two" test "$(version "$T/two/congvu.db")" = $((N - 2))
check "…schema and all" test "$(schema "$T/two/congvu.db")" = "$(cat "$T/two.schema")"

sqlite3 "$DATA/congvu.db" "PRAGMA user_version=$((N - 1))" # as an older congvud left it
schema "$DATA/congvu.db" >"$T/data.schema"
check_rc "the migration fails under the serving daemon" 70 env CONGVU_TEST_MIGRATION="CREATE TABLE units(x)" \
  "$CONGVUD" upgrade "$DATA"
check "…leaving the database as it was" test "$(schema "$DATA/congvu.db")" = "$(cat "$T/data.schema")"
check "…at its version" test "$(version "$DATA/congvu.db")" = $((N - 1))
check_rc "the old daemon still serves: a write" 0 as a "$CONGVU" unit add UP-2 --name "Sau lỗi nâng cấp" --level xã --parent $PROVINCE
check_rc "…and a read of the write before" 0 as a "$CONGVU" unit list --json
check "…UP-1 there" has "UP-1"
check "the previous database was copied first" test "$(backups "$DATA")" = 1
check "…with the write before in it" test "$(sqlite3 "$DATA"/congvu.db.before-upgrade-* "SELECT count(*) FROM units WHERE code='UP-1'")" = 1
sqlite3 "$DATA/congvu.db" "PRAGMA user_version=$N"
check "the daemon stops cleanly" stop_daemon
check_rc "the audit chain verifies" 0 "$CONGVUD" admin "$DATA" audit verify
finish
