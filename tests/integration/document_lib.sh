# tests/integration/document_lib.sh — helpers of the outgoing document
# scripts (recall, exchange, printing, registers), sourced after lib.sh:
# the province up with its officials, the CLI as a client, a document
# drafted, reviewed, approved and issued.

cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
q() { sqlite3 "$DATA/congvu.db" "$1"; }
# j FILTER — jq on the last command's JSON (from its first line that opens
# one: an import's progress lines on stderr come before it)
j() { sed -n '/^[{[]/,$p' "$T/out" | jq -r "$1"; }

# documents_up [USER...] — a fresh province, the daemon started, ngoc.vtb
# (drafts), tuan.ha (reviews), hung.lv (signs), minh.pq (the office's
# clerk, issues) and each USER enrolled and logged in, the signers' keys made
documents_up() {
  local u
  new_data
  start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
  for u in ngoc.vtb tuan.ha hung.lv minh.pq "$@"; do
    enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
  done
  for u in tuan.ha hung.lv minh.pq; do cv "$u" document key >/dev/null || echo "# no key for $u"; done
}

# issued TYPE SUMMARY [BODY] — drafted for the province by ngoc.vtb,
# reviewed, its form checked, approved and issued: prints the code
issued() {
  local code
  code=$(cv ngoc.vtb --json document draft --agency $PROVINCE --type "$1" --summary "$2" \
    --body "${3:-Điều 1. Nội dung.}" | jq -r .code) &&
    cv tuan.ha document review "$code" >/dev/null && cv minh.pq document check_form "$code" >/dev/null &&
    cv hung.lv document approve "$code" >/dev/null &&
    cv minh.pq document issue "$code" >/dev/null && echo "$code"
}
