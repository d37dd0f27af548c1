# bench/journeys.sh — the scripted journeys of bench/wire and bench/slowlink,
# as steps on the real TUI in tmux (tests/e2e/tui_lib.sh must be sourced
# first): a specialist starts the client, logs in, opens the first screen of
# a 50-dossier queue and one dossier; a clerk opens the birth registration
# form, types its ten fields one key at a time and sends it; the provincial
# leader logs in to a dashboard counted by the server; the provincial
# supervisor opens a task board of 40-odd tasks, and a district reports
# progress on one from the command line while the board shows it.
P1=000.01.15.H12
CLI=$CONGVU # the command-line client, here even when the TUI runs over SSH
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
# filled to 50 through a feeder client, and the province's task board
journeys_setup() {
  new_data && start_daemon || { echo "journeys: daemon did not start"; return 1; }
  enroll feeder $PROVINCE && login feeder linh.ntm || return 1
  for ((i = $(queued) + 1; i <= 50; i++)); do
    as feeder "$CONGVU" dossier receive --procedure khai-tu --field applicant_name="Người Thử $i" \
      --field citizen_id=079123456789 --field relation=con --field deceased_name="Nguyễn Văn Một" \
      --field death_date=2026-11-01 --field death_place="Phường 1" >/dev/null || return 1
  done
  board_setup
}

# the board: the units a task is assigned to, the leaders who act for three
# of them on the command line (client name:user:unit), and what is assigned
BOARD_UNITS=(000.00.01.H12 000.00.02.H12 000.00.03.H12 000.00.04.H12 000.00.05.H12 000.00.15.H12
  000.00.16.H12 000.00.17.H12 000.01.15.H12 000.05.15.H12 000.20.15.H12 000.01.16.H12 000.02.16.H12
  000.01.17.H12 000.02.17.H12)
BOARD_LEADS=(u15:thanh.nv:000.00.15.H12 u16:dat.ct:000.00.16.H12 u17:nam.tv:000.00.17.H12)
BOARD_WORK=("Rà soát hồ sơ thủ tục hành chính quá hạn" "Báo cáo kết quả cải cách hành chính quý IV"
  "Tổng hợp kiến nghị cử tri trước kỳ họp" "Kiểm tra công tác văn thư, lưu trữ"
  "Triển khai dịch vụ công trực tuyến toàn trình" "Cập nhật cơ sở dữ liệu hộ tịch điện tử"
  "Chuẩn bị số liệu kinh tế - xã hội tháng 12" "Rà soát thủ tục cấp giấy phép xây dựng")
BOARD_TASKS=40
BCODE= # the task whose progress is pushed to the board
BNEW=  # the board's count of new tasks, for the open step
BCARDS= # the board's cards, all columns

# board_setup — BOARD_TASKS tasks assigned by the provincial leader through
# `congvu task add`, over the units; the three districts start theirs and
# report progress on some, finish one each; BCODE, the district of U Minh's
# task with the nearest deadline, heads the in-progress column
board_setup() {
  local i unit code c user lead prio=(normal normal high urgent) src=(directive meeting document other)
  enroll boss $PROVINCE && login boss hung.lv || return 1
  for c in "${BOARD_LEADS[@]}"; do
    IFS=: read -r c user _ <<<"$c"
    enroll "$c" $PROVINCE && login "$c" "$user" || return 1
  done
  BCODE=$(as boss "$CONGVU" --json task add --title "Số hóa hồ sơ lưu trữ của huyện U Minh" \
    --lead 000.00.16.H12 --deadline "$(date -d '+2 days' +%F)" --priority high --source directive |
    jq -r .code) && [ -n "$BCODE" ] || return 1
  as u16 "$CONGVU" task act "$BCODE" start >/dev/null || return 1
  for ((i = 1; i < BOARD_TASKS; i++)); do
    unit=${BOARD_UNITS[i % ${#BOARD_UNITS[@]}]}
    code=$(as boss "$CONGVU" --json task add --title "${BOARD_WORK[i % ${#BOARD_WORK[@]}]} (đợt $i)" \
      --lead "$unit" --deadline "$(date -d "+$((5 + i * 7 % 40)) days" +%F)" --priority "${prio[i % 4]}" \
      --source "${src[i % 4]}" | jq -r .code) && [ -n "$code" ] || return 1
    for lead in "${BOARD_LEADS[@]}"; do
      IFS=: read -r c _ lead <<<"$lead"
      [ "$lead" = "$unit" ] || continue
      case $((i % 4)) in
        0) ;; # left new
        1) as "$c" "$CONGVU" task act "$code" start >/dev/null ;;
        2) as "$c" "$CONGVU" task report "$code" --percent $((i * 3 % 90 + 5)) --note "Đang triển khai" >/dev/null ;;
        3) as "$c" "$CONGVU" task act "$code" done --note "Đã hoàn thành, báo cáo kèm theo" >/dev/null ;;
      esac || return 1
    done
  done
  as boss "$CONGVU" --json board >"$T/board.json" || return 1
  BNEW=$(jq '.columns[] | select(.state == "assigned") | .count' "$T/board.json")
  BCARDS=$(jq '[.columns[].cards | length] | add' "$T/board.json")
  [ -n "$BNEW" ] && [ -n "$BCARDS" ]
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

# the leader's dashboard: its four counts come with the home screen
s_lead_type() { type_text hung.lv && keys Enter && type_text congvu2026; }
s_dash() { keys Enter && wait_for "Lê Văn Hùng" && wait_re "Hồ sơ quá hạn của đơn vị và cấp dưới +[0-9]+ *\$"; }
# the supervisor's board: logged in (not timed), the dashboard's first line
# opens the board, → shows the in-progress column, where BCODE's card is
s_sup() {
  tui_start "$1" && wait_for "Mật khẩu" && type_text thao.ntp && keys Enter && type_text congvu2026 &&
    keys Enter && wait_re "Nhiệm vụ đang mở của đơn vị và cấp dưới +[0-9]+ *\$"
}
s_board() { keys Enter && wait_for "Mới giao — $BNEW nhiệm vụ" && wait_re "^ [ !] NV-[0-9]{4}-[0-9]{4} "; }
s_column() { keys Right && wait_for "Đang thực hiện — " && wait_for "$BCODE  "; }
# BCODE's card (its second line) shows PCT %
card_at() { grep -A1 -F "$BCODE  " "$T/out" | tail -1 | grep -qF "· $1%"; }
# s_push PCT — the district reports PCT % on BCODE from the command line
# (its own connection, straight to the daemon); the step ends when the
# watcher's card shows it, no key pressed
s_push() {
  as u16 "$CLI" task report "$BCODE" --percent "$1" --note "Đã số hóa $1% hồ sơ" >/dev/null &&
    poll 10 card_at "$1"
}
