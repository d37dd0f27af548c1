# tui_figures_lib.sh — what the figures screen's e2e tests share (sourced
# after tui_lib.sh): numbers as the UI writes them, opening the module from
# the home screen, moving to a sector.

# grouped N — 12345 as the UI writes it, 12.345
grouped() { sed ':a;s/\B[0-9]\{3\}\>/.&/;ta' <<<"$1"; }
# open_figures — from the home screen, the figures module: End selects
# the last module (the list scrolled to show the last ones, whatever the
# dashboard above them holds), then up to the figures
open_figures() {
  wait_for "Chức năng"
  keys End
  wait_for "Số liệu KT-XH"
  local rows i
  rows=$(screen | awk '/Chức năng/ {m = 1; next} m && NF {print}' | grep -cvE '^ *(Enter |[a-z]+\.[a-z]+ ·)' || true)
  i=$(screen | awk '/Chức năng/ {m = 1; next} m && NF {print}' | grep -n "Số liệu KT-XH" | cut -d: -f1)
  for _ in $(seq $((rows - i))); do keys Up; done
  keys Enter
}
# sector NAME — → until the sector line names NAME
sector() {
  local k
  for k in $(seq 8); do
    screen | sed -n 3p | grep -qF "$1" && return 0
    keys Right
    sleep 0.2
  done
  return 1
}
