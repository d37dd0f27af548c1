#!/usr/bin/env bash
# Outgoing documents through the full-screen UI against a real congvud,
# each official on his own terminal with his own device key (made and
# enrolled once with `congvu document key`): Ngọc, a specialist of Sở Nội
# vụ (TERM=linux), opens "Văn bản đi", n: the new draft's form the
# server's definitions generate, drafts a decision for the province, r:
# chooses where it goes (Sở Nội vụ, by name), then
# revises it from the draft's view; a third revision of two lines comes
# from the command line and the view follows; d compares it with the first
# (the line kept, the line added shown +), v shows the second as it was; the head of Sở Nội vụ sees it in the queue
# waiting for his review without a key press and reviews it (signed in the
# TUI); the office's clerk checks its form (thể thức) before it goes to
# the signature; the provincial leader, whose dashboard counted it as it
# came, opens the drafts waiting for his signature from there and
# approves it, signed in the TUI with his device's key; the office's clerk
# issues it: the number and notation the issue will give are asked before,
# 01/QĐ-UBND is said after; g delivers it to Sở Nội vụ, chosen while
# drafting and marked already. The
# exported record verifies offline with `congvu document verify`, three
# signatures in it made by the TUI. Every screen whole at 80x24, NO_COLOR.
# Usage: tests/e2e/tui_document_out.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

SNV=000.00.02.H12
SUMMARY="Về việc thành lập Tổ công tác số hóa"
BODY1="Điều 1. Thành lập Tổ công tác số hóa tỉnh."
LINE2="Điều 2. Tổ công tác báo cáo hằng tháng."

# pick TEXT — in a chooser, move down to the row holding TEXT (selected:
# in reverse video, as the title and status bars are: those left out) and
# take it; each Down seen to land before the next (as open_item)
chosen() { screen -e | sed '1d;$d' | grep -E $'\e\\[([0-9]+;)*7m'; }
pick() {
  local row
  for _ in $(seq 40); do
    row=$(chosen)
    grep -qF -- "$1" <<<"$row" && break
    keys Down
    for _ in $(seq 100); do [ "$(chosen)" != "$row" ] && break; sleep 0.05; done
  done
  keys Enter
}
status() { printf '^ %s · .*Trực tuyến *$' "${1//./\\.}"; }

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
for c in spec:ngoc.vtb head:tuan.ha lead:hung.lv clerk:minh.pq; do
  must "terminal ${c%%:*} is enrolled for the province" enroll "${c%%:*}" $PROVINCE
  must "${c#*:} is logged in on it" login "${c%%:*}" "${c#*:}"
done
for c in head lead clerk; do must "$c makes and enrolls the key of this device" cv $c document key; done

on spec
# the specialist's text editor: keeps what it was given, writes two articles
cat >"$T/editor.sh" <<EOF
#!/bin/sh
cp "\$1" "$T/editor-got.txt"
printf '%s\n%s\n' "$BODY1" "$LINE2" >"\$1"
EOF
chmod +x "$T/editor.sh"
tui_start spec TERM=linux NO_COLOR=1 "EDITOR=$T/editor.sh"
check "specialist: the home screen" wait_for "Văn bản đi"
open_item "Văn bản đi"
check "Enter opens his drafts" wait_for "Dự thảo của tôi"
keys n
check "n: the new draft's form, from the server's definitions" wait_for "Cơ quan ban hành"
check "…its agency prefilled with his unit" wait_for "Sở Nội vụ"
check "…at 80x24" layout_ok "$(status ngoc.vtb)"
keys Right Tab              # the province (the agency above his unit)
keys Right Right Right Tab  # Quyết định
type_text "$SUMMARY"; keys Tab
type_text "$BODY1"; keys Tab
keys Enter Enter Enter Enter Enter # urgency, secrecy, signer, note: left empty; sent
check "the form saves the draft, revision 1" wait_re "Đã lưu dự thảo DT-[0-9]{4}-[0-9]{5}, phiên bản 1"
D=$(grep -oE "DT-[0-9]{4}-[0-9]{5}" "$T/out" | head -1)
check "…a decision of the province, drafted by Sở Nội vụ" \
  test "$(cv spec --json document view "$D" | jq -r '[.agency, .unit, .type, .summary] | join("|")')" = "$PROVINCE|$SNV|quyet_dinh|$SUMMARY"
check "…listed among his drafts" wait_for "$D"
keys Enter
check "Enter: the draft's view, its text" wait_for "Nội dung (phiên bản 1)"
check "…at 80x24" layout_ok "$(status ngoc.vtb)"
keys r
check "r: where it goes, units by name" wait_for "Nơi nhận: Enter chọn/bỏ đơn vị"
pick "Sở Nội vụ"
check "…Sở Nội vụ chosen" wait_for "[x] Sở Nội vụ"
pick "Lưu 1 nơi nhận"
check "…kept" wait_for "Đã lưu 1 nơi nhận của $D"
check "…with the draft" test "$(cv spec --json document view "$D" | jq -r '[.recipients[].unit] | join(",")')" = "$SNV"
keys a
check "a: what he may do" wait_for "Sửa dự thảo"
pick "Sửa dự thảo"
check "…the revision's form, the text prefilled" wait_for "Sửa dự thảo — $D"
keys End
type_text " Hiệu lực từ ngày ký."
keys Tab; type_text "Thêm hiệu lực"; keys Enter
check "…revision 2 saved" wait_for "phiên bản 2"
check "the view shows revision 2 without a key press" wait_for "Nội dung (phiên bản 2)"
# e: a text of two lines, written in the official's editor ($EDITOR: a
# script that keeps what it was given and writes the two articles)
keys e
check "e: the editor ran and its text became revision 3" wait_for "Đã lưu dự thảo $D, phiên bản 3"
check "…the view shows it" wait_for "Nội dung (phiên bản 3)"
check "…the editor was given the text shown" grep -qF "$BODY1 Hiệu lực từ ngày ký." "$T/editor-got.txt"
check "…the server keeps the two lines" test "$(cv spec --json document view "$D" | jq -r .body)" = "$BODY1"$'\n'"$LINE2"
check "…at 80x24 once the editor is gone" layout_ok "$(status ngoc.vtb)"
keys d
check "d: which revision to compare with" wait_for "Phiên bản 1 — Võ Thị Bích Ngọc"
pick "Phiên bản 1"
check "…the line diff of 1 → 3" wait_for "So sánh phiên bản 1 → 3"
check "…the line kept" grep -qxF -- "   $BODY1" "$T/out"
check "…the line added" grep -qxF -- " + $LINE2" "$T/out"
check "…nothing removed" fails grep -qE -- "^ - " "$T/out"
check "…at 80x24" layout_ok "$(status ngoc.vtb)"
keys d
check "d again: the text" wait_for "Nội dung (phiên bản 3)"
keys v
pick "Phiên bản 2"
check "v: revision 2 as it was" wait_for "Nội dung (phiên bản 2)"
check "…its text" wait_for "Hiệu lực từ ngày ký."

on lead
tui_start lead NO_COLOR=1
check "the provincial leader's home: documents on his dashboard" wait_re "Dự thảo văn bản đi chờ tôi ký +0"
check "…with the incoming ones waiting for his directive" wait_re "Văn bản đến chờ tôi bút phê +[0-9]+"
check "…at 80x24" layout_ok "$(status hung.lv)"

on head
tui_start head NO_COLOR=1
check "the head of Sở Nội vụ: home" wait_for "Dự thảo văn bản đi chờ tôi ký"
open_item "Văn bản đi"
check "…his queue of drafts waiting for his review" wait_for "Dự thảo chờ tôi kiểm tra nội dung"
check "…holds Ngọc's draft, live" wait_for "$D"
keys Enter
check "he opens it" wait_for "Nội dung (phiên bản 3)"
keys a
pick "Kiểm tra nội dung, trình ký"
check "…asked to sign with his key on this device" wait_for "ký bằng khóa của bạn trên"
keys y
check "…reviewed and signed in the TUI" wait_for "Đã ký. Văn bản nay: Chờ ký duyệt"
check "…his signature kept by the server" \
  test "$(cv head --json document view "$D" | jq -r '[.state, .reviewer] | join("|")')" = "reviewed|tuan.ha"

on clerk
mkdir -p "$T/print"
tui_start clerk NO_COLOR=1 "CONGVU_PRINT_DIR=$T/print"
check "the office's clerk: home" wait_for "Văn bản đi"
open_item "Văn bản đi"
check "…her queue of drafts waiting for the form's check" wait_for "Chờ kiểm tra thể thức, ký duyệt"
check "…with the draft" wait_for "$D"
keys Enter
check "she opens it: its form not checked yet" wait_for "chưa kiểm tra"
keys a
pick "Kiểm tra thể thức"
check "…asked to confirm the form of revision 3" wait_for "(phiên bản 3) đã đúng,"
keys y
check "…checked (thể thức)" wait_for "Đã kiểm tra thể thức $D"
check "…the view says by whom" wait_for "đã kiểm tra phiên bản 3 — Phạm Quang Minh"
keys Escape

on lead
check "the draft reviewed: counted on the leader's dashboard without a key press" \
  wait_re "Dự thảo văn bản đi chờ tôi ký +1"
open_item "Dự thảo văn bản đi chờ tôi ký"
check "Enter on that line: the drafts waiting for my signature" wait_for "Chờ tôi ký duyệt"
check "…with the draft" wait_for "$D"
check "…at 80x24" layout_ok "$(status hung.lv)"
keys Enter
check "he reads it" wait_for "Nội dung (phiên bản 3)"
keys a
pick "Ký duyệt"
check "…in which capacity" wait_for "Ký duyệt: thẩm quyền ký"
check "…at 80x24" layout_ok "$(status hung.lv)"
pick "Lãnh đạo cơ quan, ký tên mình"
check "…asked to sign" wait_for "Ký duyệt $D (Lãnh đạo cơ quan"
keys y
check "…approved and signed in the TUI" wait_for "Đã ký. Văn bản nay: Đã ký duyệt, chờ phát hành"

on clerk
keys m
check "m: the clerk's queue to issue, with the draft, arrived without a reload" wait_for "Chờ phát hành, cấp số"
check "…with the draft" wait_for "$D"
keys Enter
check "she opens it" wait_for "Nội dung (phiên bản 3)"
keys a
pick "Phát hành, cấp số"
check "…asked, with the number the issue gives" wait_for "Phát hành $D với số 01/QĐ-UBND"
keys y
check "…issued: the number and notation said" wait_for "Đã phát hành $D: số, ký hiệu 01/QĐ-UBND"
check "…and shown in the view" wait_for "01/QĐ-UBND, phát hành"
check "…at 80x24" layout_ok "$(status minh.pq)"
keys g
check "g: the units to deliver to, by name" wait_for "Gửi văn bản: Enter chọn/bỏ đơn vị nhận"
check "…Sở Nội vụ, chosen while drafting, already marked" wait_for "[x] Sở Nội vụ"
pick "Gửi tới 1 đơn vị"
check "…delivered" wait_for "Đã gửi $D tới 1 đơn vị"
check "…to Sở Nội vụ" test "$(cv clerk --json document view "$D" | jq -r '[.deliveries[].unit] | join(",")')" = "$SNV"
keys p
check "p: the issued document in the layout of NĐ 30 appendix I" wait_for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
check "…its number" grep -qF 'Số: 01/QĐ-UBND' "$T/out"
check "…at 80x24" layout_ok "$(status minh.pq)"
keys p
check "p again: an A4 PDF" wait_for "Đã ghi tệp PDF"
PDF="$T/print/congvu-van-ban-$D.pdf"
check "…in the print directory" test -s "$PDF"
check "…with the national heading and the number in it" \
  sh -c "pdftotext -layout '$PDF' - | grep -qF 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' && pdftotext -layout '$PDF' - | grep -qF '01/QĐ-UBND'"
keys Escape

cv clerk --json document record "$D" | jq -j .record >"$T/rec.json"
check_rc "the exported record verifies offline" 0 "$CONGVU" document verify "$T/rec.json"
check "…the review, the approval and the issue signed in the TUI" grep -qF "01/QĐ-UBND, 3 chữ ký" "$T/out"
check "…by their officials" test "$(jq -r '[.signatures[] | "\(.act):\(.signer)"] | join(",")' "$T/rec.json")" = \
  "review:tuan.ha,approve:hung.lv,issue:minh.pq"

# / from the list: the issued document found by its notation typed without marks
keys Escape
check "the clerk back at her queue" wait_for "m: "
keys /
check "/: the outgoing documents' search" wait_for "Tìm văn bản đi"
type_text "01/qd-ubnd so hoa"
keys Enter
check "…found by notation and summary, no diacritics typed" wait_for "Tìm thấy 1 văn bản"
check "…at 80x24" layout_ok "$(status minh.pq)"
keys Enter
check "Enter on the same words opens it" wait_for "01/QĐ-UBND, phát hành"
keys Escape Escape

# u: the province's signing delegations, given and revoked by its leader
on lead
keys Escape
check "the leader back at his queue" wait_for "m: "
keys u
check "u: the agency's signing delegations" wait_for "Ủy quyền ký"
# Sở Nội vụ with 250 more officials, whose names sort before Hồ Anh Tuấn's:
# he is on the people picker's second page of 200
sqlite3 "$DATA/congvu.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
  INSERT INTO users(username, name, name_fold, unit_id, roles, pwhash, created)
  SELECT printf('thu.%03d', i), printf('Cán bộ thử %03d', i), printf('can bo thu %03d', i),
         (SELECT id FROM units WHERE code = '$SNV'), 4, '-', 0 FROM n"
keys n
check "n: first the official's unit" wait_for "Ủy quyền: chọn đơn vị của cán bộ"
pick "Sở Nội vụ"
check "…then the official, by name" wait_for "Ủy quyền: chọn cán bộ của Sở Nội vụ"
check "…every page of the unit's 252 people, Hồ Anh Tuấn after the 250" \
  poll 10 sh -c "tmux -L '$SOCK' send-keys -t '$TS' End && sleep 0.2 && tmux -L '$SOCK' capture-pane -p -t '$TS' | grep -q 'Võ Thị Bích Ngọc'"
keys Up # from the last, Võ Thị Bích Ngọc, to the one before
on_row() { chosen | grep -qF -- "$1"; }
check "…Hồ Anh Tuấn chosen, past the first page" poll 10 on_row "Hồ Anh Tuấn"
keys Enter
check "…then the capacity and the dates" wait_for "Ủy quyền cho Hồ Anh Tuấn"
check "…KT. offered first" wait_for "KT. — ký thay người đứng đầu"
keys Tab Tab
type_text "$(TZ=Asia/Ho_Chi_Minh date -d '+30 days' +%d/%m/%Y)"
keys Tab
type_text "Quyết định 15/QĐ-UBND"
keys F2
check "…given" wait_re "Đã ủy quyền \\(số [0-9]+\\)"
check "…in force, in the list" wait_re "KT\\. +Hồ Anh Tuấn .*Đang hiệu lực"
check "…at 80x24" layout_ok "$(status hung.lv)"
check "…the server holds it" test "$(cv lead --json document delegations | jq -r '.delegations[0] | "\(.user) \(.capacity) \(.revoked)"')" = \
  "tuan.ha kt false"
keys x
check "x: revoking is asked first" wait_for "Thu hồi ủy quyền KT. của Hồ Anh Tuấn?"
keys y
check "…revoked" wait_for "Đã thu hồi ủy quyền."
check "…the row says so" wait_re "KT\\. +Hồ Anh Tuấn .*Đã thu hồi"
check "…on the server too" test "$(cv lead --json document delegations | jq -r '.delegations[0].revoked')" = true
keys Escape

for s in spec head lead clerk; do
  on $s
  keys F10
  check "$s: F10 quits with status 0" test "$(tui_exit_status)" = 0
done
check "no sanitizer reports" no_sanitizer_reports
finish
