#!/usr/bin/env bash
# Numbering (server/series.c, 0012_series.sql) against a real congvud: a
# database at the schema before the series table, holding dossiers and tasks
# the real handlers numbered, is upgraded and the next dossier code, task
# code and task change sequence continue without a gap or a repeat; a
# unit's 9 999th dossier of the day is its last, refused after it as before,
# the refusal giving no number away, while another unit goes on.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

P1=000.01.15.H12   # Phường 1: clerk linh.ntm
CITY=000.00.15.H12 # thành phố Cà Mau: clerk huong.ptt, leader thanh.nv
# ten in the morning in Vietnam, so that every code below is of one day
desk_day
YEAR=${TODAY%%-*}

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm huong.ptt thanh.nv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
q() { sqlite3 "$DATA/congvu.db" "$1"; }
seqno() { printf '%s' "$((10#${1##*-}))"; } # the number at the end of a code
add_task() {
  cv thanh.nv --json task add --title "$1" --lead $P1 --deadline "$(date -d "$TODAY +7 days" +%Y-%m-%d)" | jq -r .code
}

# --- numbered by the handlers, then taken back to the schema before 0012 ---
d1=$(receive linh.ntm khai-tu)
d2=$(receive linh.ntm khai-tu)
c1=$(receive huong.ptt khai-tu)
t1=$(add_task "Trước nâng cấp 1")
t2=$(add_task "Trước nâng cấp 2")
check "two dossiers of Phường 1 numbered in a row" test "$(seqno "$d2")" = "$(($(seqno "$d1") + 1))"
check "two tasks numbered in a row" test "$(seqno "$t2")" = "$(($(seqno "$t1") + 1))"
CHANGE=$(q "SELECT max(seq) FROM tasks")
HISTORY="$(cv admin --json dossier show "$d1" | jq -c '[.timeline[] | [.action, .to_step, .grade]]')"
THIST="$(cv admin --json task show "$t1" | jq -c '[.history[] | [.action, .to_state, .deadline]]')"
check "the daemon stops cleanly" stop_daemon
# the counters as 0002 and 0004 kept them, from what the handlers gave,
# 0002's dossiers.assignee, which 0013 drops, and the hand-offs and task
# history 0002 and 0004 kept apart, which 0014 moves into wf_log
q "BEGIN;
   DROP TABLE document_units; DROP TABLE document_readers; DROP TABLE documents; -- 0016 (documents) too
   DROP TABLE document_deliveries; DROP TABLE document_signatures; DROP TABLE document_keys;
   DROP TABLE document_draft_versions; DROP TABLE document_drafts;
   CREATE TABLE handoffs (id INTEGER PRIMARY KEY, dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
     at INTEGER NOT NULL, user_id INTEGER REFERENCES users(id), action TEXT NOT NULL, from_state TEXT,
     from_step INTEGER, to_state TEXT NOT NULL, to_step INTEGER, to_unit INTEGER REFERENCES units(id), to_role TEXT,
     note TEXT NOT NULL DEFAULT '', grade TEXT, form TEXT) STRICT;
   INSERT INTO handoffs(dossier_id, at, user_id, action, from_state, from_step, to_state, to_step, to_unit, to_role,
     note, grade, form) SELECT object_id, at, user_id, action, from_state, from_step, to_state, to_step, to_unit,
     to_role, note, grade, form FROM wf_log WHERE kind = 'dossier' ORDER BY id;
   CREATE INDEX handoffs_dossier ON handoffs(dossier_id, id);
   CREATE TABLE task_log (id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks(id), at INTEGER NOT NULL,
     user_id INTEGER REFERENCES users(id), action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
     percent INTEGER, deadline INTEGER, note TEXT NOT NULL DEFAULT '') STRICT;
   INSERT INTO task_log(task_id, at, user_id, action, from_state, to_state, percent, deadline, note)
     SELECT object_id, at, user_id, action, from_state, to_state, extra ->> '$.percent', extra ->> '$.deadline', note
     FROM wf_log WHERE kind = 'task' ORDER BY id;
   CREATE INDEX task_log_task ON task_log(task_id, id);
   DROP TABLE wf_log;
   CREATE TABLE dossier_seq (unit_id INTEGER NOT NULL REFERENCES units(id), day TEXT NOT NULL, n INTEGER NOT NULL,
                             PRIMARY KEY (unit_id, day)) STRICT, WITHOUT ROWID;
   CREATE TABLE task_seq (year INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;
   INSERT INTO dossier_seq SELECT scope, substr(period, 3, 2) || substr(period, 6, 2) || substr(period, 9, 2), n
     FROM series WHERE kind = 'dossier';
   INSERT INTO task_seq SELECT CAST(period AS INTEGER), n FROM series WHERE kind = 'task';
   DROP TABLE series;
   ALTER TABLE dossiers ADD COLUMN assignee INTEGER REFERENCES users(id);
   DROP TABLE fig_values; DROP TABLE fig_submissions; DROP TABLE fig_plans; -- figures: 0015's
   DROP TABLE fig_rollups; DROP TABLE fig_rollup_rules; DROP TABLE fig_rollup_dirty; -- figures: 0018's
   -- desk: what 0017 added
   DROP TABLE dossier_returns;
   DROP TABLE dossier_fees;
   ALTER TABLE dossiers DROP COLUMN channel;
   ALTER TABLE dossiers DROP COLUMN extension;
   ALTER TABLE dossiers DROP COLUMN apologies;
   -- desk: what 0019 added (notices, papers)
   DROP TABLE dossier_notices; DROP TABLE dossier_papers;
   -- attachments of documents: what 0020 added
   DROP TABLE attach_links; DROP TABLE attach_uploads; DROP TABLE attach_pieces; DROP TABLE attach_files;
   ALTER TABLE units DROP COLUMN office; -- 0022's
   -- outgoing documents: what 0021 added (capacities, checks, recipients)
   DROP TABLE document_delegations; DROP TABLE document_draft_checks; DROP TABLE document_draft_recipients;
   PRAGMA user_version = 11;
   COMMIT;"
check "the database is at the schema before the series table" test "$(q 'PRAGMA user_version')" = 11

# --- upgraded: numbering continues ---
start_daemon "$ENDPOINT" || { echo "daemon did not restart"; tail "$T/congvud.log"; exit 1; }
check "the upgrade ran" grep -q "schema migrated to version 12" "$T/congvud.log"
d3=$(receive linh.ntm khai-tu)
check "the next dossier of Phường 1 follows ($d2 → $d3)" test "${d3%-*}-$(seqno "$d3")" = "${d2%-*}-$(($(seqno "$d2") + 1))"
c2=$(receive huong.ptt khai-tu)
check "the city's own series follows too ($c1 → $c2)" test "$(seqno "$c2")" = "$(($(seqno "$c1") + 1))"
t3=$(add_task "Sau nâng cấp")
check "the next task code follows ($t2 → $t3)" test "$t3" = "$(printf 'NV-%s-%04d' "$YEAR" $(($(seqno "$t2") + 1)))"
check "the task change sequence follows ($CHANGE)" test "$(q "SELECT seq FROM tasks WHERE code = '$t3'")" = $((CHANGE + 1))
check "no code given twice" test "$(q "SELECT count(DISTINCT code) = count(*) FROM dossiers")$(q "SELECT count(DISTINCT seq) = count(*) FROM tasks")" = 11
check "the old counter tables are gone" test "$(q "SELECT count(*) FROM sqlite_schema WHERE name IN ('dossier_seq', 'task_seq')")" = 0
check "the hand-offs and the task history are one log now (0014)" \
  test "$(q "SELECT count(*) FROM sqlite_schema WHERE name IN ('handoffs', 'task_log')") $(q "SELECT count(*) > 0 FROM wf_log")" = "0 1"
check "…a dossier's timeline as it was" \
  test "$(cv admin --json dossier show "$d1" | jq -c '[.timeline[] | [.action, .to_step, .grade]]')" = "$HISTORY"
check "…a task's history as it was" \
  test "$(cv admin --json task show "$t1" | jq -c '[.history[] | [.action, .to_state, .deadline]]')" = "$THIST"

# --- the limit of 9 999 dossiers a day per unit ---
q "UPDATE series SET n = 9998 WHERE kind = 'dossier' AND scope = (SELECT id FROM units WHERE code = '$P1')"
d=$(receive linh.ntm khai-tu)
check "the 9 999th dossier of the day is received ($d)" test "${d##*-}" = 9999
args=(); mapfile -t args < <(valid_fields khai-tu)
check_rc "the 10 000th is refused as a conflict" 75 cv linh.ntm dossier receive --procedure khai-tu "${args[@]}"
check "…saying why" has "Đơn vị đã tiếp nhận 9999 hồ sơ trong ngày"
check "…giving no number away" test "$(q "SELECT n FROM series WHERE kind = 'dossier' AND scope = (SELECT id FROM units WHERE code = '$P1')")" = 9999
check "another unit still receives" test "$(seqno "$(receive huong.ptt khai-tu)")" = "$(($(seqno "$c2") + 1))"
check "the daemon stops cleanly" stop_daemon
finish
