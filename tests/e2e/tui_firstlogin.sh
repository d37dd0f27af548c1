#!/usr/bin/env bash
# First login through the full-screen UI: an official created by the
# administrator with a temporary password logs in, is made to change it
# (with local checks: length, the repeat), lands on the home screen, and is
# sent back to the login screen when the administrator disables the account.
# Usage: tests/e2e/tui_firstlogin.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

NEW_PW='mật khẩu mới 2026'
# the same password typed decomposed (NFD), as some Vietnamese input methods send it
NEW_PW_NFD=$'ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u mo\xcc\x9b\xcc\x81i 2026'

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
must "the administrator creates an official from the console" \
  "$CONGVUD" admin "$DATA" --json user add lan.nt --name "Nguyễn Thị Lan" --unit $PROVINCE --roles clerk,specialist
TMP_PW=$(jq -r .password "$T/out")
must "…who gets a temporary password" test ${#TMP_PW} -eq 12
must "this terminal is enrolled" enroll a $PROVINCE

tui_start a
check "login screen" wait_for "Tên đăng nhập"
type_text lan.nt
keys Enter
type_text "$TMP_PW"
keys Enter
check "first login: the password change screen" wait_for "Lần đăng nhập đầu"
check "…asks for the current, new and repeated password" wait_for "Nhập lại mật khẩu mới"
check "…the status line already names the official" wait_status "lan.nt · Ủy ban nhân dân tỉnh Cà Mau"

type_text "$TMP_PW"; keys Enter
type_text ngan; keys Enter
type_text ngan; keys Enter
check "a short new password is refused on the spot" wait_for "Mật khẩu mới phải có ít nhất 8 ký tự."

type_text "$NEW_PW"; keys Enter
type_text "$NEW_PW sai"; keys Enter
check "a repeat that differs is refused on the spot" wait_for "Hai lần nhập mật khẩu mới không khớp."
check "…still on the password screen" wait_for "Lần đăng nhập đầu"

type_text "$NEW_PW_NFD"; keys Enter
type_text "$NEW_PW_NFD"; keys Enter
check "the change goes through: home screen" wait_for "Đã đổi mật khẩu."
check "…with the official's name" wait_for "Nguyễn Thị Lan"
check "…unit" wait_for "Ủy ban nhân dân tỉnh Cà Mau (000.00.00.H12)"
check "…roles in Vietnamese" wait_for "Chuyên viên, Văn thư / một cửa"
check "…the modules for everyone" wait_for "Đăng xuất"
check "…and no administration modules" fails grep -qE "Thiết bị|Cán bộ  " "$T/out"

must "a second terminal" enroll b $PROVINCE
check_login() { login b lan.nt "$1"; }
check "the new password (typed NFD, stored NFC) logs in elsewhere" check_login "$NEW_PW"
check "the temporary one no longer does" fails check_login "$TMP_PW"

# --- the administrator disables the account: the session ends on screen ---
must "an administrator's terminal" enroll c $PROVINCE
must "…where the administrator is logged in" login c admin
check "an administrator disables the official" as c "$CONGVU" user disable lan.nt
check "the UI returns to the login screen and says why" wait_for "Phiên đăng nhập đã kết thúc: tài khoản đã bị khóa."
check "…name prefilled" wait_for "Tên đăng nhập  lan.nt"
check "…status line: nobody logged in" wait_status "Chưa đăng nhập"
keys Escape
check "Esc quits with status 0" test "$(tui_exit_status)" = 0
check "no sanitizer reports from the UI" no_sanitizer_reports
finish
