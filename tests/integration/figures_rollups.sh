#!/usr/bin/env bash
# The roll-ups kept as figures are written (fig_rollups, server/figures_roll.c)
# against a recomputation from scratch (fig_tree over the whole org tree,
# `congvud admin DIR figures rollups check`), after a seeded random series
# of the moves that change figures: drafts, submissions with estimates and
# finals, returns with a note, acceptances, revisions of accepted figures,
# by communes (sum, last value, yield weighted by area) and by districts
# (a budget sum, a stock), over two periods; then a figure deleted by hand
# (re-rolled at the next write), a row spoiled by hand (the check must
# find it) and a rebuild.
. "$(dirname "$0")/../lib.sh" "$1"

at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
new_data '{"session_idle_seconds": 31536000}'
at "2026-11-16 09:00"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
# reporter:unit:the unit above's leader
REPORTERS=(binh.nt:000.01.15.H12:thanh.nv quang.tv:000.05.15.H12:thanh.nv hoa.dtt:000.20.15.H12:thanh.nv
  loc.hv:000.02.16.H12:dat.ct tam.pm:000.02.17.H12:nam.tv an.nv:000.00.15.H12:hung.lv
  trang.hth:000.00.16.H12:hung.lv my.ltk:000.00.17.H12:hung.lv)
for u in binh.nt quang.tv hoa.dtt loc.hv tam.pm an.nv trang.hth my.ltk thanh.nv dat.ct nam.tv hung.lv; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
rollups() { "$CONGVUD" admin "$DATA" --json figures rollups "$@"; }

check_rc "the demo's figures, rolled up as the demo wrote them, match a recomputation" 0 rollups check
check "…and there are some" test "$(sqlite3 "$DATA/congvu.db" 'SELECT count(*) > 100 FROM fig_rollups')" = 1

# V: a value for indicator $1, with the decimals it has (RANDOM read in
# this shell, not a subshell, so the series is the same every run)
value() {
  case $1 in
  tom-nang-suat) printf -v V '0.%02d' $((RANDOM % 90 + 10)) ;;
  lua-nang-suat) printf -v V '%d.%d' $((RANDOM % 30 + 40)) $((RANDOM % 10)) ;;
  thu-ngan-sach) printf -v V '%d.%d' $((RANDOM % 500)) $((RANDOM % 10)) ;;
  *) V=$((RANDOM % 1000)) ;;
  esac
}
COMMUNE=(tom-san-luong tom-dien-tich tom-nang-suat lua-dien-tich lua-san-luong lua-nang-suat cua-san-luong)
DISTRICT=(thu-ngan-sach xa-nong-thon-moi)

RANDOM=1303 # the same series every run
writes=0 returns=0 accepts=0 revisions=0
for step in $(seq 60); do
  IFS=: read -r who unit boss <<<"${REPORTERS[RANDOM % ${#REPORTERS[@]}]}"
  period=2026-1$((RANDOM % 2))
  if [ "${unit:4:2}" = 00 ]; then inds=("${DISTRICT[@]}"); else inds=("${COMMUNE[@]}"); fi
  args=()
  n=$((RANDOM % 3 + 1)) # here, not in $(...): a subshell draws from a stream of its own
  for _ in $(seq $n); do
    ind=${inds[RANDOM % ${#inds[@]}]}
    value "$ind"
    args+=(--value "$ind=$V")
  done
  state=$(cv "$who" --json figures list --period "$period" | jq -r '.submission.state // "none"')
  case $state in
  submitted) # the unit above decides first
    if ((RANDOM % 2)); then
      cv "$boss" figures return "$unit" --period "$period" --note "Kiểm tra lại ($step)" >/dev/null && returns=$((returns + 1))
    else
      cv "$boss" figures accept "$unit" --period "$period" >/dev/null && accepts=$((accepts + 1))
    fi ;;
  accepted) args+=(--note "Điều chỉnh số liệu ($step)") && revisions=$((revisions + 1)) ;;
  esac
  ((RANDOM % 3 == 0)) && args+=(--draft)
  ((RANDOM % 2)) && args+=(--final)
  cv "$who" figures submit --period "$period" "${args[@]}" >/dev/null && writes=$((writes + 1))
done
echo "# $writes submissions, $returns returns, $accepts acceptances, $revisions revisions of accepted figures"
check "the series saved figures, returned, accepted and revised" \
  test "$((writes >= 30))$((returns > 0))$((accepts > 0))$((revisions > 0))" = 1111
check_rc "after it, every roll-up matches a recomputation from scratch" 0 rollups check
check "…counted: no difference" test "$(jq -r .differences "$T/out")" = 0
check_rc "the city's figure is its wards' sum" 0 cv thanh.nv --json figures show tom-san-luong --period 2026-11
check "…the series' last value is the sum of the units compared" \
  test "$(jq '(.series[-1].value) == ([.units[].value // 0] | add)' "$T/out")" = true

# --- the overdue work beside the figures, asked apart from them ---
check_rc "the city's overdue work beside its figures" 0 cv thanh.nv --json figures overdue
check "…counted as its overdue task list counts it" \
  test "$(jq .overdue.tasks "$T/out")" = "$(cv thanh.nv --json task list --overdue --limit 400 | jq '.tasks | length')"

# --- a figure deleted by hand: its period rolled up again at the next write ---
sqlite3 "$DATA/congvu.db" "DELETE FROM fig_values WHERE unit_id = (SELECT id FROM units WHERE code = '000.20.15.H12')
  AND period = '2026-11' AND indicator = 'tom-san-luong'"
cv loc.hv figures submit --period 2026-11 --draft --value tom-san-luong=5 >/dev/null
check_rc "a figure deleted by hand is rolled up again at the next write" 0 rollups check

# --- the check can fail: a spoiled row, then a rebuild ---
sqlite3 "$DATA/congvu.db" "UPDATE fig_rollups SET value = value + 1 WHERE unit_id = (SELECT id FROM units WHERE
  code = '000.00.15.H12') AND period = '2026-11' AND indicator = 'tom-san-luong'"
check_rc "a roll-up spoiled by hand is found" 65 rollups check
check "…one difference" test "$(jq -r .differences "$T/out")" = 1
sqlite3 "$DATA/congvu.db" "INSERT INTO fig_rollups VALUES ((SELECT id FROM units WHERE code = '000.00.02.H12'), '2026-11',
  'tom-san-luong', 0, 1, 0, 'final')"
check_rc "…and a row standing for no figure" 65 rollups check
check "…two differences" test "$(jq -r .differences "$T/out")" = 2
check_rc "a rebuild makes them again" 0 rollups rebuild
check "…matching" test "$(jq -r .ok "$T/out")" = true

stop_daemon
finish
