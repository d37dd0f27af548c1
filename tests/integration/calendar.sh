#!/usr/bin/env bash
# Desk hours and seasons in forms/calendar against a real congvud with its
# clock set: `congvud forms check` names the line of a bad desk or season
# entry; a dossier received at the Saturday-morning desk counts from
# Monday's opening (the appointment of one received then); winter hours
# move the same-day close and the end of N working days.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

SRC=$(cd "$(dirname "$0")/../../forms" && pwd)
FORMS=$T/forms
cp -r "$SRC" "$FORMS"
cat >>"$FORMS/calendar/calendar.yaml" <<'YAML'
desk_hours:
  - {weekdays: [sat], start: "07:30", end: "11:30"}
seasons:
  - name: "Giờ làm việc mùa hè"
    from: "04-15"
    to: "10-14"
    working_hours:
      - {start: "07:00", end: "11:30"}
      - {start: "13:30", end: "17:00"}
  - name: "Giờ làm việc mùa đông"
    from: "10-15"
    to: "04-14"
    working_hours:
      - {start: "07:30", end: "11:30"}
      - {start: "12:30", end: "16:30"}
YAML

# --- forms check ---
check_rc "a calendar with desk hours and seasons passes the check" 0 "$CONGVUD" forms check "$FORMS"
base_lines=$(grep -c '' "$SRC/calendar/calendar.yaml")
cp -r "$FORMS" "$T/bad"
sed -i 's/{weekdays: \[sat\], start: "07:30", end: "11:30"}/{weekdays: [sat], start: "11:30", end: "07:30"}/' \
  "$T/bad/calendar/calendar.yaml"
check_rc "desk hours ending before they start fail the check" 65 "$CONGVUD" forms check "$T/bad"
check "…on the desk entry's line" grep -qE "calendar/calendar\.yaml:$((base_lines + 2)): .*11:30–07:30" "$T/out"
cp "$FORMS/calendar/calendar.yaml" "$T/bad/calendar/calendar.yaml"
sed -i 's/      - {start: "12:30", end: "16:30"}/      - {start: "12:30", end: "16:00"}/' "$T/bad/calendar/calendar.yaml"
check_rc "a winter day shorter than the others fails the check" 65 "$CONGVUD" forms check "$T/bad"
check "…on the season's working_hours line" \
  grep -qE "calendar/calendar\.yaml:$((base_lines + 13)): .*mùa \"Giờ làm việc mùa đông\"" "$T/out"
cp "$FORMS/calendar/calendar.yaml" "$T/bad/calendar/calendar.yaml"
sed -i 's/    from: "10-15"/    from: "10-32"/' "$T/bad/calendar/calendar.yaml"
check_rc "a season date that is not MM-DD fails the check" 65 "$CONGVUD" forms check "$T/bad"
check "…on its line" grep -qE "calendar/calendar\.yaml:$((base_lines + 11)): .*\"10-32\"" "$T/out"

# --- a daemon on the calendar ---
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
due() { cv admin --json dossier show "$1" | jq -r .due; }
P1=000.01.15.H12
at "2026-12-04 10:00:00" # a Friday in winter hours
new_data "{\"forms\": \"$FORMS\", \"session_idle_seconds\": 2592000}"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm admin; do enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"; done

k=$(receive linh.ntm khai-sinh)
check "same day in winter: due at the winter close" test "$(due "$k")" = "2026-12-04 16:30"
x=$(receive linh.ntm xac-nhan-hon-nhan)
at "2026-12-05 09:00:00" # Saturday, the desk
sat_k=$(receive linh.ntm khai-sinh)
check "received at the Saturday desk: a same-day dossier is due at Monday's close" \
  test "$(due "$sat_k")" = "2026-12-07 16:30"
sat_x=$(receive linh.ntm xac-nhan-hon-nhan)
at "2026-12-07 07:30:00" # Monday's opening
mon=$(receive linh.ntm xac-nhan-hon-nhan)
check "…and a dossier of days has the appointment of one received at Monday's opening" \
  test "$(due "$sat_x")" = "$(due "$mon")"
check "…which is not the Friday one's" test "$(due "$x")" != "$(due "$mon")"

finish
