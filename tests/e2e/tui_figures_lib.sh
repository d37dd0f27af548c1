# tui_figures_lib.sh — what the figures screen's e2e tests share (sourced
# after tui_lib.sh): numbers as the UI writes them, opening the module from
# the home screen, moving to a sector.

# grouped N — 12345 as the UI writes it, 12.345
grouped() { sed ':a;s/\B[0-9]\{3\}\>/.&/;ta' <<<"$1"; }
# open_figures [DASH] — from the home screen (a leader's has DASH=4
# dashboard lines above the modules), the figures module
open_figures() {
  wait_for "Số liệu KT-XH"
  local i
  i=$(screen | awk '/Chức năng/ {m = 1; next} m && NF {print}' | grep -n "Số liệu KT-XH" | cut -d: -f1)
  for _ in $(seq $((${1:-4} + i - 1))); do keys Down; done
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
