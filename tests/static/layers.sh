#!/bin/sh
# layers.sh — the seams hold: what each layer may not reach, checked on the
# source tree (issue 12). Prints one line per breach and fails on any.
#  - the store: only server/store/sqlite/ (the SQLite driver) names SQLite
#    or SQL; handlers and the engine go through server/store/<domain>.h;
#  - the client: the CLI does not reach into the TUI's internals (it
#    starts the TUI through tui/tui.h), and neither reaches into the server.
# usage: layers.sh SOURCE_ROOT
root=${1:-.}
cd "$root" || exit 2
bad=0
breach() { echo "$1"; bad=1; }

for f in $(find server -name '*.[ch]' ! -path 'server/store/sqlite/*'); do
	grep -nE '#include *[<"](sqlite3|db)\.h[>"]' "$f" | sed "s|^|$f: includes the driver: |" | grep . &&
		bad=1
	grep -nE '\bsqlite3_[a-z_]+|\bSQLITE_[A-Z]+|\bdb_(q|exec|int|rows?|stmt|defer|last_id|changes|rc|handle)\(' "$f" |
		sed "s|^|$f: calls the driver: |" | grep . && bad=1
	grep -nE '"[^"]*\b(SELECT [a-z*]|INSERT (OR [A-Z]+ )?INTO|UPDATE [a-z_]+ SET|DELETE FROM|PRAGMA [a-z_]+|BEGIN IMMEDIATE)' "$f" |
		sed "s|^|$f: SQL outside the store: |" | grep . && bad=1
done
for f in $(find client -maxdepth 1 -name '*.[ch]'); do # tui/tui.h is the TUI's entry point
	grep -nE '#include *"tui/' "$f" | grep -v '"tui/tui\.h"' |
		sed "s|^|$f: the CLI includes the TUI's internals: |" | grep . && bad=1
done
for f in $(find client shared -name '*.[ch]'); do
	grep -nE '#include *"(srv|store/[a-z_]+|db|dossier|task|wf|forms)\.h"' "$f" |
		sed "s|^|$f: includes the server: |" | grep . && bad=1
done
[ $bad -eq 0 ] && echo "layers: the store, the TUI and the server keep to their seams"
exit $bad
