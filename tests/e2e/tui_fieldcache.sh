#!/usr/bin/env bash
# The reception desk on a commune's slow link: a procedure's fields come
# over the wire once per device, not once per start. The clerk opens the
# construction permit's form; the next start opens it from the device's
# cache (proved by a label changed in the cached copy alone); fields held
# under another tag than the server's (the file edited on the server), or
# kept for another server, are asked for again; and the dossier view's
# `have` names the version with its tag.
# Usage: tests/e2e/tui_fieldcache.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

CACHE=$T/client-desk/cache/congvu/procedures.json
PROC=xay-dung-nha-o
must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
must "the desk terminal is enrolled for Phường 1" enroll desk 000.01.15.H12
must "the clerk is logged in" login desk linh.ntm
cv desk --json procedure list >"$T/list"
KEY=$(jq -r ".procedures[] | select(.code == \"$PROC\") | \"\(.code)@\(.version)\"" "$T/list")
TAG=$(jq -r ".procedures[] | select(.code == \"$PROC\") | .tag" "$T/list")
must "the server tags the procedure's definition" test ${#TAG} = 8

# open_form — start the TUI, open the construction permit's reception form
open_form() {
  tui_start desk NO_COLOR=1 &&
    wait_for "Tiếp nhận hồ sơ" && keys Down Enter && wait_for "Tiếp nhận hồ sơ: chọn thủ tục" &&
    wait_for "Cấp giấy phép xây dựng nhà ở riêng lẻ" && keys End Enter && wait_for "Lệ phí: 75.000 đồng"
}
quit() { keys Escape Escape Escape q; sleep 0.3; tmux -L "$SOCK" kill-session -t "$TS" 2>/dev/null || true; }
cached() { jq -r --arg k "$KEY" "$1" "$CACHE"; }

on tui
check "the first start: the form, its fields from the server" open_form
check "…its label as the server words it" wait_for "Thửa đất số *"
check "…the fields are kept on the device, under the server's tag" test "$(cached '.defs[$k].tag')" = "$TAG"
check "…for this server" test "$(cached .server)" = "$(cat "$DATA/server.key.pub")"
check "…the cache is the clerk's own XDG cache" test -f "$CACHE"
quit

jq --arg k "$KEY" '.defs[$k].fields[0].label = "Thửa đất số (bản trên máy)"' "$CACHE" >"$T/c" && mv "$T/c" "$CACHE"
check "the next start opens the form from the device (the cached label)" open_form
check "…the label kept on the device" wait_for "Thửa đất số (bản trên máy)"
quit

jq --arg k "$KEY" '.defs[$k].tag = "00000000"' "$CACHE" >"$T/c" && mv "$T/c" "$CACHE"
check "fields held under another tag: the form still opens" open_form
check "…with the server's fields, asked for again" wait_for "Thửa đất số *"
check "…not the stale copy" fails on_screen "bản trên máy"
check "…and the cache holds the server's tag again" test "$(cached '.defs[$k].tag')" = "$TAG"
quit

jq --arg k "$KEY" '.defs[$k].fields[0].label = "Thửa đất số (máy chủ khác)" | .server = "another-server"' "$CACHE" \
  >"$T/c" && mv "$T/c" "$CACHE"
check "another server's cache is not used" open_form
check "…the fields come from this server" wait_for "Thửa đất số *"
check "…not the other server's" fails on_screen "máy chủ khác"
quit

# the dossier view: `have` with the tag
CODE=$(cv desk --json dossier receive --procedure khai-tu --field applicant_name="Lê Thị Hoa" \
  --field citizen_id=079123456789 --field relation=con --field deceased_name="Lê Văn Ba" \
  --field death_date=2026-11-01 --field death_place="Phường 1" | jq -r .code)
KT=$(jq -r '.procedures[] | select(.code == "khai-tu") | "\(.code)@\(.version)#\(.tag)"' "$T/list")
check "dossier.show, its procedure's fields held under the current tag: none sent" \
  test "$(cv desk --json dossier show "$CODE" --have "$KT" | jq 'has("defs")')" = false
check "…held under an old tag: sent again, with their tag" \
  test "$(cv desk --json dossier show "$CODE" --have "${KT%#*}#00000000" | jq -r '.defs_tag')" = "${KT##*#}"
check "no sanitizer reports" no_sanitizer_reports
finish
