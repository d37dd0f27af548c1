#!/usr/bin/env bash
# congvu figures export --xlsx FILE against a real congvud: the file is a
# valid zip (unzip -t) holding an Excel workbook whose sheet XML (strings
# inline, libxlsxwriter's constant-memory mode) has the header, and for
# every figure the JSON export gives — the same rows in the same order —
# the Vietnamese unit and indicator names as written and the value as a
# number; plus the usual exit codes (a file that cannot be made, out of
# scope) and the CSV export kept beside it.
. "$(dirname "$0")/../lib.sh" "$1"

CITY=000.00.15.H12
new_data
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
enroll thanh.nv $PROVINCE && login thanh.nv thanh.nv || echo "# could not log in"
enroll binh.nt $PROVINCE && login binh.nt binh.nt || echo "# could not log in"
cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }
LAST=$(sqlite3 "$DATA/congvu.db" "SELECT max(period) FROM fig_values")
FIRST=$(sqlite3 "$DATA/congvu.db" "SELECT max(period) FROM fig_values WHERE period < '$LAST'")

check_rc "--help names --xlsx" 0 cv thanh.nv figures export --help
check "…among its options" has "--xlsx"
check_rc "the city exports $FIRST..$LAST as a spreadsheet" 0 cv thanh.nv --json figures export --period "$FIRST" --to "$LAST" --xlsx "$T/f.xlsx"
rows=$(jq -r .rows "$T/out")
check "…saying how many rows ($rows)" test "$rows" -gt 10
check "the file is a valid zip" unzip -tq "$T/f.xlsx"
check "…an Excel workbook (its content types name the sheet)" \
  sh -c "unzip -p '$T/f.xlsx' '?Content_Types?.xml' | grep -q 'spreadsheetml.worksheet'"
check "…its sheet named Số liệu" sh -c "unzip -p '$T/f.xlsx' xl/workbook.xml | grep -q 'name=\"Số liệu\"'"
cv thanh.nv --json figures export --period "$FIRST" --to "$LAST" >"$T/want.json"
unzip -p "$T/f.xlsx" xl/worksheets/sheet1.xml >"$T/sheet.xml"

# the sheet's rows as JSON: [[cell, ...], ...], strings and numbers as written
python3 - "$T/sheet.xml" >"$T/got.json" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
rows = []
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//m:sheetData/m:row", ns):
    row = []
    for c in r.iterfind("m:c", ns):
        if c.get("t") == "inlineStr":
            row.append("".join(t.text or "" for t in c.iterfind(".//m:t", ns)))
        elif c.get("t") in (None, "n"):
            row.append(float(c.find("m:v", ns).text))
        else:
            row.append("?" + c.get("t"))
    rows.append(row)
json.dump(rows, sys.stdout, ensure_ascii=False)
PY
check "the header, in Vietnamese" \
  test "$(jq -c '.[0]' "$T/got.json")" = '["Mã đơn vị","Đơn vị","Kỳ","Mã chỉ tiêu","Chỉ tiêu","Đơn vị tính","Giá trị","Loại số liệu","Lần"]'
check "a row per figure" test "$(jq 'length - 1' "$T/got.json")" = "$(jq '.figures | length' "$T/want.json")"
# every row against the JSON export: names, codes, the value as a number
jq -c '[.figures[] | [.unit, .unit_name, .period, .indicator, .name, .uom, .value,
  (if .kind == "final" then "chính thức" else "ước tính" end), .rev]]' "$T/want.json" >"$T/want.rows"
check "…each one the export's figure: names, codes, kind in words, the value a number" \
  test "$(jq -c '.[1:] | map(.[6] |= (. * 10000 | round / 10000) | .[8] |= floor)' "$T/got.json")" = \
  "$(jq -c 'map(.[6] |= (. * 10000 | round / 10000))' "$T/want.rows")"
check "…among them Phường 1's shrimp output under its Vietnamese names" \
  test "$(jq '[.[] | select(.[1] == "Ủy ban nhân dân Phường 1, thành phố Cà Mau" and .[4] == "Sản lượng tôm nuôi"
    and (.[6] | type) == "number")] | length' "$T/got.json")" -ge 1
check "the numbers are numbers in the XML (no string cells for values)" \
  test "$(jq '[.[1:][] | .[6] | select(type != "number")] | length' "$T/got.json")" = 0

check_rc "a file that cannot be made" 73 cv thanh.nv figures export --period "$LAST" --xlsx /nonexistent/dir/f.xlsx
check "…says so in Vietnamese" has "không"
check_rc "a commune may not export the city" 77 cv binh.nt figures export "$CITY" --period "$LAST" --xlsx "$T/g.xlsx"
check "…and no file is left" test ! -e "$T/g.xlsx"
check_rc "CSV stays" 0 cv thanh.nv --csv figures export --period "$LAST"
check "…with the indicator's name" has "Sản lượng tôm nuôi"

stop_daemon
finish
