#!/usr/bin/env bash
# The thread bomb: a co-operating unit posts 2,000 comments of about 1 KB
# on a task (as fast as the real server takes them, through rawsend), and
# task.show still answers everyone with the newest page, its size bounded;
# task.thread / task.history page back to the first comment and the
# assignment, the command line reads it all with --all, a comment over
# its limit is refused naming the field, and the pages keep the task's
# scope.
. "$(dirname "$0")/../lib.sh" "$1"

CITY=000.00.15.H12   # thành phố Cà Mau: leader thanh.nv, specialist an.nv
UMINH=000.00.16.H12  # huyện U Minh: leader dat.ct
N=2000               # comments posted by the co-operating unit
REPORTS=24           # progress reports: the history outgrows its page too

new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in hung.lv an.nv dat.ct; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
day() { date -d "+$1 days" +%Y-%m-%d; }
show() { cv hung.lv --json task show "$1" | jq -r "$2"; }

T1=$(cv hung.lv --json task add --title "Tổng hợp ý kiến cử tri" --lead $CITY --coop $UMINH \
  --deadline "$(day 30)" | jq -r .code)
check "a task led by the city, U Minh co-operating ($T1)" grep -qE '^NV-' <<<"$T1"
cv an.nv task act "$T1" start >/dev/null
for i in $(seq $REPORTS); do
  cv an.nv task report "$T1" --percent "$i" --note "Báo cáo lần $i" >/dev/null || echo "# report $i failed"
done
check_rc "U Minh's first comment" 0 cv dat.ct task comment "$T1" --text "Ý kiến đầu tiên của huyện U Minh"

# --- the length limit of a comment ---
check_rc "a comment of 2,001 bytes is refused" 65 cv dat.ct task comment "$T1" --text "$(printf 'x%.0s' $(seq 2001))"
check "…as invalid, naming the field, in Vietnamese" has "Giá trị không hợp lệ: text [invalid]"
check "…and not stored" test "$(show "$T1" .thread_total)" = 1
check_rc "a page of more than 50 rows is refused" 65 cv hung.lv task thread "$T1" --limit 51

# --- the bomb ---
check_rc "U Minh posts $N comments of about 1 KB" 0 \
  "$RAWSEND" "$ENDPOINT" "$(cat "$T/server.pub")" "$(keyfile dat.ct)" comments "$T1" $N
check "…all stored" has "comments $N"
check_rc "task.show still answers" 0 "$RAWSEND" "$ENDPOINT" "$(cat "$T/server.pub")" "$(keyfile hung.lv)" show "$T1"
check "…with the task, not too_large" grep -q "^reply 92 " "$T/out"
BYTES=$(sed -n 's/^bytes //p' "$T/out")
grep -q "^reply 92 " "$T/out" || BYTES=999999 # an error's size says nothing
echo "# task.show with $((N + 1)) comments and $((REPORTS + 2)) history rows: $BYTES bytes"
check "…in under 48 KB ($BYTES bytes)" test "${BYTES:-999999}" -lt 49152

check_rc "the assigner reads the task" 0 cv hung.lv --json task show "$T1"
cp "$T/out" "$T/show.json"
check "…the newest 20 comments, the last one last" \
  test "$(jq -r '[(.thread | length), (.thread[-1].text | startswith("Ý kiến số '$N':"))] | join(" ")' "$T/show.json")" = "20 true"
check "…counted all ($((N + 1))), with the cursor of the page before" \
  test "$(jq -r '[.thread_total, (.thread_before | type)] | join(" ")' "$T/show.json")" = "$((N + 1)) number"
check "…the newest 20 history rows of $((REPORTS + 2))" \
  test "$(jq -r '[(.history | length), .history_total, (.history_before | type), .history[-1].note] | join("|")' "$T/show.json")" = "20|$((REPORTS + 2))|number|Báo cáo lần $REPORTS"
check_rc "the command line says how to read the older ones" 0 cv hung.lv task show "$T1"
check "…the comments" has "còn $((N - 19)) ý kiến cũ hơn: congvu task thread $T1 --before"
check "…the history" has "còn $((REPORTS + 2 - 20)) dòng diễn biến cũ hơn: congvu task history $T1 --before"

# --- paging back, 50 at a time, to the first comment ---
BEFORE=$(jq -r .thread_before "$T/show.json")
: >"$T/older.txt"
PAGES=0
while [ "$BEFORE" != null ] && [ $PAGES -lt 100 ]; do
  cv hung.lv --json task thread "$T1" --before "$BEFORE" --limit 50 >"$T/page.json" || break
  jq -r '.thread | reverse | .[] | "\(.id) \(.text[0:40])"' "$T/page.json" >>"$T/older.txt"
  BEFORE=$(jq -r .thread_before "$T/page.json")
  PAGES=$((PAGES + 1))
done
check "paging back ends ($PAGES pages of at most 50)" test "$BEFORE" = null
check "…having read every older comment once, newest first" \
  test "$(wc -l <"$T/older.txt") $(sort -rn "$T/older.txt" | cut -d' ' -f1 | uniq | wc -l)" = "$((N - 19)) $((N - 19))"
check "…in order" cmp -s <(cut -d' ' -f1 "$T/older.txt") <(cut -d' ' -f1 "$T/older.txt" | sort -rn)
check "…down to the first comment" test "$(tail -1 "$T/older.txt" | cut -d' ' -f2-)" = "Ý kiến đầu tiên của huyện U Minh"
check_rc "the history's page before" 0 cv hung.lv --json task history "$T1" --before "$(jq -r .history_before "$T/show.json")"
check "…reaches the assignment, the first row" \
  test "$(jq -r '[(.history | length), .history[0].action, .history_before] | join(" ")' "$T/out")" = "$((REPORTS + 2 - 20)) assign "

check_rc "task show --all reads the whole task" 0 cv hung.lv --json task show "$T1" --all
check "…every comment from the first, every history row from the assignment" \
  test "$(jq -r '[(.thread | length), .thread[0].text, .thread_before, (.history | length), .history[0].action] | join("|")' "$T/out")" = \
  "$((N + 1))|Ý kiến đầu tiên của huyện U Minh||$((REPORTS + 2))|assign"

# --- the pages keep the task's scope ---
T2=$(cv hung.lv --json task add --title "Kiểm tra công tác cải cách hành chính" --lead $UMINH --deadline "$(day 20)" | jq -r .code)
check_rc "the city may not page through a task of U Minh" 77 cv an.nv task thread "$T2"
check "…out_of_scope" has "out_of_scope"
check_rc "…nor through its history" 77 cv an.nv task history "$T2"
check_rc "an unknown task's thread" 66 cv hung.lv task thread NV-2000-9999

finish
