#!/usr/bin/env bash
# The full-screen UI end to end, in tmux at 80x24 against a real congvud:
# login, the Vietnamese home screen, help, live resizing, the status line
# following the daemon down and back up by itself, quitting with status 0;
# a second run with NO_COLOR resumes the session and logs out.
# Usage: tests/e2e/tui_basic.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/tui_lib.sh" "$1"

must "a fresh data directory with the demo province" new_data
must "the daemon starts on a free loopback port" start_daemon
must "this terminal is enrolled" enroll a $PROVINCE
must "a commune's terminal, enrolled and used once" enroll k 000.01.15.H12
must "…by its clerk" login k linh.ntm

# --- run 1: TERM=linux, log in ---
tui_start a TERM=linux TZ=America/New_York
check "login screen asks for the user name" wait_for "Tên đăng nhập"
check "…and the password" wait_for "Mật khẩu"
check "…and says how to quit (q is a letter here)" wait_for "Esc/F10 Thoát"
check "status line: online, nobody logged in" wait_status "Trực tuyến"
type_text admin
keys Enter
type_text congvu2026
check "the password is shown as stars" wait_for "**********"
check "…never in clear" fails grep -qF congvu2026 "$T/out"
keys Enter
check "home screen: the official's full name" wait_for "Trần Quốc Bảo"
screen >"$T/home.80x24"
cp "$T/home.80x24" "$T/out"
check "…the unit, with its code, not cut" has "Ủy ban nhân dân tỉnh Cà Mau (000.00.00.H12)"
check "…the role in Vietnamese" has "Quản trị"
for m in "Đơn vị" "Cán bộ" "Thiết bị" "Đổi mật khẩu" "Đăng xuất"; do
  check "…module $m" has "$m"
done
check "status line: user, unit and link state side by side" \
  grep -qE '^ admin · Ủy ban nhân dân tỉnh Cà Mau +Trực tuyến *$' <(tail -1 "$T/out")
check "the window is 24 lines" test "$(wc -l <"$T/home.80x24")" -eq 24
check "TERM=linux gets colours" has_colour

# --- help from the keymap ---
keys '?'
check "? opens help for the home screen" wait_for "Phím dùng trong màn hình “Trang chính”"
check "…listing the keys from the keymap" wait_for "Thoát chương trình"
check "…with the arrow keys" wait_for "Xuống một dòng"
keys q
check "q goes back home" wait_gone "Phím dùng trong màn hình"

# --- an admin list ---
keys Home j Enter
check "Cán bộ lists the officials in scope" wait_for "Lê Văn Hùng"
check "…with their roles in Vietnamese" wait_for "Lãnh đạo"
# pickers: a new official's unit by name, the roles by their Vietnamese names
keys a
check "a: first the unit, by name" wait_for "Thêm cán bộ: chọn đơn vị"
check "…the province's units" wait_for "Sở Nội vụ"
AT=$(cv a --json unit list --scope | jq '[.units[].code] | index("000.00.02.H12")')
for _ in $(seq "$AT"); do keys Down; done
keys Enter
check "then the form for Sở Nội vụ" wait_for "Thêm cán bộ cho Sở Nội vụ"
check "…no unit code, no role codes to type" fails grep -q "Mã đơn vị\|specialist" "$T/out"
type_text "thu.nt"; keys Tab
type_text "Nguyễn Thị Thu"; keys Tab Right Right Right # none → Quản trị → Lãnh đạo → Chuyên viên
keys Tab Enter # Enter on the last field sends
check "…added: the temporary password to hand over" wait_for "Mật khẩu tạm:"
check "…in Sở Nội vụ, as a specialist" \
  test "$(cv a --json user list 000.00.02.H12 | jq -c '.users[] | select(.username == "thu.nt") | [.name, .unit, .roles]')" = \
  '["Nguyễn Thị Thu","000.00.02.H12",["specialist"]]'
keys Enter
keys q
check "q back to home" wait_for "Họ và tên"

# --- the province's time, whatever the terminal's time zone (TZ=America/New_York) ---
SEEN=$(cv a --json device list | jq '[.devices[] | select(.user == "linh.ntm")][0].last_seen')
keys Home j j Enter
check "Thiết bị lists the terminals" wait_for "Tên máy"
check "…a terminal last seen at the province's time (UTC+7), not New York's" \
  wait_for "$(TZ=Asia/Ho_Chi_Minh date -d "@$SEEN" '+%d/%m/%Y %H:%M')"
keys Down n
check "n names the chosen terminal: a form with its name" wait_for "Đặt tên thiết bị"
keys C-u
type_text "Máy một cửa Phường 1"
keys Enter Enter
check "…sent (Enter on the last field): the list shows the new name" wait_for "Đã đặt tên thiết bị số"
check "…in its row" wait_re "^ *2 +Máy một cửa"
check "…as the server has it" test "$(cv a --json device list | jq -r '[.devices[] | select(.user == "linh.ntm")][0].name')" = "Máy một cửa Phường 1"
# pickers: a new terminal's unit by name, not a code
keys i
check "i: the new terminal's unit, by name" wait_for "Mời thiết bị mới: chọn đơn vị"
keys Enter # the first: the province itself
check "…then its hours, 24 by default" wait_re "Hiệu lực \(giờ\) \* +24"
check "…no unit code to type" fails grep -q "Mã đơn vị" "$T/out"
keys Enter # the last field: sent
check "…the invite to enroll with" wait_for "congvu enroll"
check "…for the province" on_screen "Đơn vị: 000.00.00.H12"
keys Enter
keys q
check "q back to home" wait_for "Họ và tên"

# --- live resize ---
tmux -L "$SOCK" resize-window -t tui -x 100 -y 30
check "resized to 100x30: the status line spans the 100 columns" eventually width_is 100
check "…and the home screen is drawn" wait_for "Trần Quốc Bảo"
tmux -L "$SOCK" resize-window -t tui -x 60 -y 16
check "resized to 60x16: still the name" wait_for "Trần Quốc Bảo"
check "…and the link state at the right edge" eventually width_is 60
tmux -L "$SOCK" resize-window -t tui -x 80 -y 24
redrawn() {
  local deadline=$((SECONDS + 10))
  while [ $SECONDS -lt $deadline ]; do
    screen >"$T/out"
    cmp -s "$T/out" "$T/home.80x24" && return 0
    sleep 0.1
  done
  diff "$T/home.80x24" "$T/out" >"$T/out.diff" || true
  cp "$T/out.diff" "$T/out"
  return 1
}
check "back at 80x24 the screen is exactly as before" redrawn

# --- the daemon goes away and comes back ---
crash_daemon() { kill -KILL "$DAEMON" && wait "$DAEMON"; } 2>/dev/null
crash_daemon || true
DAEMON=
link_lost() { screen >"$T/out" && tail -1 "$T/out" | grep -qE 'Đang kết nối lại…|Ngoại tuyến'; }
check "daemon gone: the status line says so" eventually link_lost
check "…then offline, still retrying" wait_status "Ngoại tuyến — đang thử kết nối lại"
check "daemon restarts on the same port" start_daemon "$ENDPOINT"
check "…and the status line is back to online by itself" wait_status "Trực tuyến" 20
check "…still logged in" wait_status "admin · Ủy ban nhân dân tỉnh Cà Mau"
keys Home j Enter
check "lists load again after the reconnection" wait_for "Lê Văn Hùng"
keys q
check "home" wait_for "Họ và tên"
keys q
check "q on home asks before quitting" wait_for "Thoát chương trình? (y/n)"
check "…in a dialog framed on every side (TERM=linux draws the lines)" grep -qE "│ +Thoát chương trình\? \(y/n\) +│" "$T/out"
check "…on a background of its own" grep -qE $'\e\\[[0-9;]*47[;m].*Thoát chương trình' <<<"$(screen -e)"
keys n
check "…n stays" wait_gone "Thoát chương trình?"
check "…on home" wait_for "Họ và tên"
keys q y
check "q, then y, quits with status 0" test "$(tui_exit_status)" = 0

# --- run 2: NO_COLOR; the session survives the restart of the client ---
tui_start a NO_COLOR=1
check "a new client goes straight home (session kept by the server)" wait_for "Trần Quốc Bảo"
check "NO_COLOR: no colour at all" no_colour
check "…the bars set apart by reverse video instead" reverse_video
keys End Enter
check "Đăng xuất logs out" wait_for "Đã đăng xuất."
check "…back to the login form, name prefilled" wait_for "Tên đăng nhập  admin"
check "…the status line says nobody is logged in" wait_status "Chưa đăng nhập"
keys Escape
check "Esc quits the login screen with status 0" test "$(tui_exit_status)" = 0

# --- run 3: English ---
tui_start a -- --lang en
check "--lang en: the login form in English" wait_for "User name"
check "…status line too" wait_status "Online"
keys F10
check "F10 quits with status 0" test "$(tui_exit_status)" = 0

check "no sanitizer reports from the UI" no_sanitizer_reports
finish
