# bench/journeys.sh — the scripted journeys of bench/wire and bench/slowlink,
# as steps on the real TUI in tmux (tests/e2e/tui_lib.sh must be sourced
# first): a specialist starts the client, logs in, opens the first screen of
# a 50-dossier queue and one dossier; a clerk opens the birth registration
# form, types its ten fields one key at a time and sends it.
P1=000.01.15.H12
export LC_ALL=C.UTF-8

# type as a person does, one key at a time (over SSH each key is a packet
# and its echo another; congvu edits locally and sends the form once)
type_text() {
  local s=$1 i
  for ((i = 0; i < ${#s}; i++)); do
    tmux -L "$SOCK" send-keys -t "$TS" -l -- "${s:i:1}"
    sleep 0.02
  done
}

# the specialist's queue (what "— N hồ sơ" should say)
queued() {
  sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM dossiers d JOIN units u ON u.id = d.handler_unit
    WHERE u.code = '$P1' AND d.handler_role = 'specialist' AND d.finished IS NULL"
}

# journeys_setup — the demo province on a fresh daemon, binh.nt's queue
# filled to 50 through a feeder client
journeys_setup() {
  new_data && start_daemon || { echo "journeys: daemon did not start"; return 1; }
  enroll feeder $PROVINCE && login feeder linh.ntm || return 1
  for ((i = $(queued) + 1; i <= 50; i++)); do
    as feeder "$CONGVU" dossier receive --procedure khai-tu --field applicant_name="Người Thử $i" \
      --field citizen_id=079123456789 --field relation=con --field deceased_name="Nguyễn Văn Một" \
      --field death_date=2026-11-01 --field death_place="Phường 1" >/dev/null || return 1
  done
}

# --- the steps; each ends when its screen is usable ---
s_start() { tui_start "$1" && wait_for "Mật khẩu"; }
s_login_type() { type_text binh.nt && keys Enter && type_text congvu2026; }
s_login() { keys Enter && wait_for "Nguyễn Thanh Bình" && wait_for "Tìm hồ sơ"; }
s_queue() { keys Enter && wait_for "Hồ sơ chờ tôi xử lý — $(queued) hồ sơ"; }
s_open() { keys Enter && wait_for "Người nộp:" && wait_for "Tiếp nhận hồ sơ"; }
s_clerk() { tui_start "$1" && wait_for "Tiếp nhận hồ sơ" && wait_status "Trực tuyến"; }
s_form() {
  # the list's rows, not only its title, before moving in it
  keys Down Enter && wait_for "chọn thủ tục" && wait_for "Đăng ký khai sinh" && keys Down Down Down Enter &&
    wait_for "Tiếp nhận: Đăng ký khai sinh" && wait_for "Họ, chữ đệm và tên người đi đăng ký"
}
s_fill() {
  type_text "Phạm Thị Hồng Nhung"; keys Enter
  type_text "079188001234"; keys Enter
  type_text "0912 345 678"; keys Enter
  type_text "m"; keys Enter
  type_text "Phạm Minh Khang"; keys Enter
  type_text "15/11/2026"; keys Enter Right Enter
  type_text "Bệnh viện Sản - Nhi Cà Mau"; keys Enter Enter
  type_text "Phạm Thị Hồng Nhung"; keys Enter
  type_text "Khóm 3, Phường 1, thành phố Cà Mau"
  wait_for "Khóm 3, Phường 1, thành phố Cà Mau"
}
s_submit() { keys F2 && wait_for "Đã tiếp nhận hồ sơ."; }
