# tests/e2e/tui_lib.sh — drive the real congvu TUI in tmux, on top of
# tests/lib.sh (daemon, clients, checks). One private tmux server per
# script, so e2e scripts may run side by side.
# Usage: . tests/e2e/tui_lib.sh BUILD_DIR
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh" "$1"
SOCK=congvu-e2e-$$
# The tmux session the helpers below drive: one per client, so that a test
# can watch two officials at once (`on NAME` switches; tui_start starts it).
TS=tui
on() { TS=$1; }
# set +e: lib.sh's cleanup has steps that may fail and must not stop it
trap 'set +e; tmux -L "$SOCK" kill-server 2>/dev/null; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"; cleanup' EXIT
trap 'exit 1' INT TERM HUP PIPE # so that the EXIT trap stops the daemon and tmux

# must DESC CMD... — a set-up step: counted like a check, but when it
# fails nothing after it can mean anything, so the script ends there
must() {
  local d=$1
  shift
  if "$@" >"$T/out" 2>&1; then ok "$d"; else not_ok "$d"; cat "$T/congvud.log" 2>/dev/null | tail -5; finish; fi
}

# fails CMD... — CMD does not succeed (for checks of what must not happen)
fails() { ! "$@"; }

# tui_start CLIENT [VAR=VALUE...] [-- ARGS...] — run congvu (no command: the
# full-screen UI) as CLIENT in a fresh 80x24 window with the given
# environment; its exit status lands in $T/$TS.rc, sanitizer reports in
# $T/san.*.
tui_start() {
  local n=$1 envs=() args=()
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  args=("$@")
  rm -f "$T/$TS.rc"
  tmux -L "$SOCK" kill-session -t "$TS" 2>/dev/null || true
  {
    printf 'export XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q XDG_CACHE_HOME=%q\n' "$T/client-$n/config" \
      "$T/client-$n/state" "$T/client-$n/cache"
    printf 'export ASAN_OPTIONS=%q UBSAN_OPTIONS=%q\n' "${ASAN_OPTIONS:-}:log_path=$T/san" \
      "${UBSAN_OPTIONS:-print_stacktrace=1}:log_path=$T/san"
    for e in ${envs[@]+"${envs[@]}"}; do printf 'export %q\n' "$e"; done
    printf '%q ' "$CONGVU" ${args[@]+"${args[@]}"}
    printf '\necho $? >%q\n' "$T/$TS.rc"
  } >"$T/$TS-run.sh"
  tmux -L "$SOCK" -f /dev/null new-session -d -s "$TS" -x 80 -y 24 "bash $T/$TS-run.sh"
}

# screen [-e] — the window as text now (-e: with attribute escapes)
screen() { tmux -L "$SOCK" capture-pane -p "$@" -t "$TS" 2>/dev/null; }
status_line() { screen | tail -1; }

keys() { tmux -L "$SOCK" send-keys -t "$TS" "$@"; }
type_text() { tmux -L "$SOCK" send-keys -t "$TS" -l -- "$1"; }

# poll SECONDS CMD... — take the screen into $T/out until CMD (which reads
# it there) succeeds, or fail at the deadline; the last screen stays in
# $T/out for the failure report
poll() {
  local deadline=$((SECONDS + $1))
  shift
  while :; do
    screen >"$T/out"
    "$@" && return 0
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.1
  done
}
on_screen() { grep -qF -- "$1" "$T/out"; }
on_status() { tail -1 "$T/out" | grep -qF -- "$1"; }
off_screen() { ! on_screen "$1"; }

# wait_for TEXT [SECONDS] — TEXT appears on the screen before the deadline (10 s)
wait_for() { poll "${2:-10}" on_screen "$1"; }
# wait_re RE [SECONDS] — a line of the screen matches RE (extended) before the deadline
wait_re() { poll "${2:-10}" grep -qE -- "$1" "$T/out"; }
# wait_status TEXT [SECONDS] — the same for the status line alone
wait_status() { poll "${2:-10}" on_status "$1"; }
# wait_gone TEXT [SECONDS] — TEXT is no longer on the screen
wait_gone() { poll "${2:-10}" off_screen "$1"; }

# layout_ok STATUS_RE — 24 lines none wider than 80 columns, the title bar
# on top, the status line (matching STATUS_RE) whole at the bottom
layout_ok() {
  screen >"$T/out"
  [ "$(wc -l <"$T/out")" -eq 24 ] &&
    [ "$(LC_ALL=C.UTF-8 wc -L <"$T/out")" -le 80 ] &&
    head -1 "$T/out" | grep -q '^ congvu › ' &&
    tail -1 "$T/out" | grep -qE "$1"
}

# cv CLIENT ARGS... — the command-line client as CLIENT
cv() {
  local n=$1
  shift
  as "$n" "$CONGVU" "$@"
}

# eventually CMD... — CMD succeeds before the deadline (10 s)
eventually() {
  local deadline=$((SECONDS + 10))
  until "$@"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.1
  done
}

# tui_exit_status [SECONDS] — wait for congvu to end; prints its status
tui_exit_status() {
  local deadline=$((SECONDS + ${1:-10}))
  while [ ! -s "$T/$TS.rc" ]; do
    [ $SECONDS -ge $deadline ] && { echo timeout; return 1; }
    sleep 0.1
  done
  cat "$T/$TS.rc"
}

# no_sanitizer_reports — ASan/UBSan wrote nothing for the UI processes
no_sanitizer_reports() {
  local f
  for f in "$T"/san.*; do
    [ -e "$f" ] || continue
    cp "$f" "$T/out"
    return 1
  done
  return 0
}

# width_is N — the status line ends with the link state one column short
# of the right edge of an N-column window (its last cell is a margin)
width_is() {
  local last
  screen >"$T/out"
  last=$(tail -1 "$T/out" | sed 's/ *$//')
  [ "$(LC_ALL=C.UTF-8 wc -L <<<"$last")" -eq $(($1 - 1)) ] && grep -qE '(Trực tuyến|Online)$' <<<"$last"
}

# reverse_video — something on the screen is in reverse video (the bars)
reverse_video() {
  local s
  s=$(screen -e)
  grep -qF $'\e[7m' <<<"$s"
}
# selected_row — the screen's rows in reverse video (the selected one, the
# terminal running with NO_COLOR, and the bars), with their escapes
selected_row() { screen -e | grep -E $'\e\\[([0-9]+;)*7m'; }
# open_item NAME — move the selection down a list to the row holding NAME
# and open it with Enter. One Down at a time, each seen to land before the
# next: a Down still in flight when the screen showed NAME would carry the
# Enter past it (on home, two past "Văn bản đến" is "Đăng xuất", which ended
# the official's session under the rest of the test)
open_item() {
  local row
  for _ in $(seq 30); do
    row=$(selected_row)
    if grep -qF -- "$1" <<<"$row"; then keys Enter; return 0; fi
    keys Down
    for _ in $(seq 100); do [ "$(selected_row)" != "$row" ] && break; sleep 0.05; done
  done
  echo "# open_item: no row holds $1; nothing opened"
}
no_colour() { ! has_colour; }

# has_colour — the screen uses a colour (SGR 30-38, 40-48, 90-97, 100-107;
# 39/49, back to the default colours, do not count)
has_colour() {
  local params
  params=$(screen -e | grep -oE $'\e\\[[0-9;]*m' | tr -d $'\e[m' | tr ';' '\n' || true)
  grep -qxE '3[0-8]|4[0-8]|9[0-7]|10[0-7]' <<<"$params"
}
