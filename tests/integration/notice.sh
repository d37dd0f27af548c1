#!/usr/bin/env bash
# Notices to citizens (issue 11) through a real SMTP server on loopback
# (smtp_sink.py, Python's stdlib smtpd) and an SMS gateway command: the
# appointment at reception, the request to supplement, the result ready and
# the apology arrive with their Vietnamese subject and body (UTF-8, the
# subject RFC 2047 encoded, the body base64); a gateway that hangs holds
# only the notice thread (the desk's requests are answered while a try is
# in flight); a gateway down at first gets the mail after it comes up (the
# retry, after the clock passes the backoff); an SMS gateway that keeps
# refusing ends "failed" after notice_max_attempts; every try audited; the
# status on the dossier (dossier show: notices); an HTTP endpoint as the SMS
# gateway (http_sink.py): the JSON it is POSTed, a 503 retried, a 200 taken;
# a daemon stopped while a notice is in flight tries it again at its start.
. "$(dirname "$0")/../lib.sh" "$1"
. "$(dirname "$0")/dossier_lib.sh"

HERE=$(cd "$(dirname "$0")" && pwd)
P1=000.01.15.H12
CITY=000.00.15.H12
declare -A WHO=([$P1/clerk]=linh.ntm [$P1/specialist]=binh.nt [$P1/leader]=cuong.lm
  [$CITY/clerk]=huong.ptt [$CITY/specialist]=an.nv [$CITY/leader]=thanh.nv)
at() { clock_set "$(date -d "$1 +07:00" +%s)"; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
MAIL=$T/mail
mkdir -p "$MAIL" "$T/sms"
# the SMS gateway: the texts on stdin kept per number; 0900000000 always refused
cat >"$T/sms.sh" <<SH
#!/bin/sh
[ "\$1" = 0900000000 ] && exit 3
{ cat; echo; } >>"$T/sms/\$1.txt"
SH
chmod +x "$T/sms.sh"

# start_sink MODE: the SMTP server on PORT, ready when it says so
SINK=
start_sink() {
  python3 "$HERE/smtp_sink.py" "$1" "$PORT" "$MAIL" >"$T/sink.out" 2>>"$T/sink.log" &
  SINK=$!
  for _ in $(seq 100); do grep -q ready "$T/sink.out" 2>/dev/null && return 0; sleep 0.05; done
  return 1
}
stop_sink() { kill "$SINK" 2>/dev/null; wait "$SINK" 2>/dev/null; SINK=; }
# notice CODE KIND CHANNEL FIELD: a field of the dossier's notice of that kind
notice() {
  cv linh.ntm --json dossier show "$1" | jq -r --arg k "$2" --arg c "$3" \
    "[.notices[]? | select(.kind == \$k and .channel == \$c)][0].$4 // empty"
}
# wait_for CODE KIND CHANNEL FIELD VALUE: until the notice has it (20 s at most)
wait_for() {
  for _ in $(seq 200); do [ "$(notice "$1" "$2" "$3" "$4")" = "$5" ] && return 0; sleep 0.1; done
  echo "# $4: $(notice "$1" "$2" "$3" "$4")"
  return 1
}
wait_status() { wait_for "$1" "$2" "$3" status "$4"; }
# mail_to SUBJECT: the received mail with that subject, read (mail_read.py) into $T/out
mail_to() {
  local f
  for _ in $(seq 200); do
    for f in "$MAIL"/*.eml; do
      [ -e "$f" ] || continue
      python3 "$HERE/mail_read.py" "$f" >"$T/mail.txt" 2>&1
      grep -qxF "Subject: $1" "$T/mail.txt" && cp "$T/mail.txt" "$T/out" && return 0
    done
    sleep 0.05
  done
  return 1
}
hasj() { tr -s '\n ' '  ' <"$T/out" | grep -qF -- "$1"; }

at "2026-12-03 09:00:00" # a Thursday
new_data "{\"session_idle_seconds\": 2592000, \"notice_smtp_url\": \"smtp://127.0.0.1:$PORT\",
  \"notice_smtp_from\": \"motcua@phuong1.camau.gov.vn\", \"notice_sms_command\": \"$T/sms.sh {to}\",
  \"notice_timeout_seconds\": 4, \"notice_retry_seconds\": 60, \"notice_max_attempts\": 3}"
start_daemon || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
for u in linh.ntm binh.nt cuong.lm huong.ptt an.nv thanh.nv admin; do
  enroll "$u" $PROVINCE && login "$u" "$u" || echo "# could not log in $u"
done

# --- a gateway that hangs: the desk is answered meanwhile, then a retry ---
check "an SMTP server that accepts and never answers" start_sink hang
code=$(receive linh.ntm ho-kinh-doanh --field email=chu.ho@example.vn --field phone=0912345678 \
  --field "applicant_name=Trần Thị Bích")
check "a household business received" test -n "$code"
check "the appointment's e-mail is handed to the gateway (sending)" wait_status "$code" appointment email sending
check_rc "…while it hangs, the desk's requests are answered" 0 cv linh.ntm --json dossier show "$code"
check "…and the notice is still in flight then" test "$(jq -r '.notices[]|select(.channel=="email").status' "$T/out")" = sending
check "…another reception goes through meanwhile" test -n "$(receive linh.ntm khai-tu)"
check "the try ends at the timeout: retrying" wait_status "$code" appointment email retrying
check "…its error kept" grep -q "SMTP" <<<"$(notice "$code" appointment email error)"
check "…one attempt counted" test "$(notice "$code" appointment email attempts)" = 1
check "…the next try a backoff later (09:01)" grep -q "09:01" <<<"$(notice "$code" appointment email at)"
check "the SMS goes through its own gateway" wait_status "$code" appointment sms sent
check "…the SMS text on the command's stdin" grep -q "da tiep nhan ho so $code" "$T/sms/0912345678.txt"
stop_sink

# --- the server comes up: the retry delivers the mail ---
check "an SMTP server comes up on the same port" start_sink sink
check "nothing is sent before the backoff has passed" test "$(notice "$code" appointment email status)" = retrying
clock_advance 61
check "after the backoff the e-mail is sent" wait_status "$code" appointment email sent
check "…two attempts" test "$(notice "$code" appointment email attempts)" = 2
check "the mail arrived with its Vietnamese subject" mail_to "Giấy hẹn trả kết quả hồ sơ $code"
check "…to the applicant's address" has "To: chu.ho@example.vn"
check "…the subject RFC 2047 encoded" has "Raw-Subject-Encoded: yes"
check "…the body UTF-8, base64" has "Charset: utf-8"
check "…" has "Encoding: base64"
check "…Kính gửi the applicant" has "Kính gửi Trần Thị Bích,"
check "…the procedure" has "Thủ tục: Đăng ký thành lập hộ kinh doanh"
DUE=$(cv linh.ntm --json dossier print "$code" --form 01 | jq -r .text | tr -s '\n ' '  ' |
  sed -n 's/.*Thời gian trả kết quả giải quyết hồ sơ: \([^.]*\)\..*/\1/p')
check "…the appointment as form 01 gives it ($DUE)" has "Thời gian trả kết quả: $DUE"
check "…received at, as officials write it" has "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 03 tháng 12 năm 2026"

# --- the request to supplement, the result ready ---
step_holder() { cv admin --json dossier show "$1" | jq -r '.handler_unit + "/" + .handler_role'; }
check_rc "the specialist asks for a supplement" 0 cv "${WHO[$(step_holder "$code")]}" dossier act "$code" supplement \
  --note "Bổ sung bản sao hợp đồng thuê địa điểm kinh doanh"
check "the supplement request is mailed" mail_to "Yêu cầu bổ sung, hoàn thiện hồ sơ $code"
check "…with what is missing" has "Bổ sung bản sao hợp đồng thuê địa điểm kinh doanh"
check "…and by SMS" wait_status "$code" supplement sms sent
check_rc "the desk takes the supplement" 0 cv linh.ntm dossier act "$code" resubmit
check "the dossier walks to its result" walk "$code"
check "'result ready' is mailed" mail_to "Đã có kết quả hồ sơ $code"
check "…where to collect it" has "Nơi và cách nhận kết quả: Tại Bộ phận Một cửa."

# --- an apology with the new appointment ---
code2=$(receive linh.ntm ho-kinh-doanh --field email=ong.tu@example.vn --field phone=0900000000)
check_rc "the desk apologises with a new date" 0 cv linh.ntm dossier act "$code2" apologize \
  --note "Cần xác minh địa điểm kinh doanh" --new-due 2026-12-15
check "the apology is mailed" mail_to "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ $code2"
check "…its reason" has "Lý do: Cần xác minh địa điểm kinh doanh"
check "…the new appointment" hasj "hẹn lại thời gian trả kết quả: 17 giờ 00 phút, ngày 15 tháng 12 năm 2026"

# --- a gateway that keeps refusing: failed after the attempts allowed ---
check "the refused SMS is retrying" wait_for "$code2" appointment sms attempts 1
check "…" test "$(notice "$code2" appointment sms status)" = retrying
clock_advance 61
check "…tried again after 60 s, still retrying" wait_for "$code2" appointment sms attempts 2
check "…the next try 120 s later (doubled)" test "$(notice "$code2" appointment sms status)" = retrying
clock_advance 121
check "…the third refusal ends it: failed" wait_status "$code2" appointment sms failed
check "…with the gateway's answer" grep -q "mã 3" <<<"$(notice "$code2" appointment sms error)"
check "no other notice is held by it (its e-mail sent)" test "$(notice "$code2" appointment email status)" = sent

# --- audited ---
AUDIT() { sqlite3 "$DATA/congvu.db" "SELECT count(*) FROM audit WHERE action = '$1' AND object = '$2'"; }
check "each notice queued is audited" test "$(AUDIT notice.queue "$code")" -ge 6
check "…each try: the retry" test "$(AUDIT notice.retry "$code")" = 1
check "…the sending" test "$(AUDIT notice.sent "$code")" -ge 5
check "…the failure for good" test "$(AUDIT notice.failed "$code2")" -ge 1
check "the audit chain holds" "$CONGVUD" admin "$DATA" audit verify

# --- no address, no notice ---
code3=$(receive linh.ntm khai-tu --field phone=)
check "a declaration without e-mail or phone queues none" test -z "$(cv linh.ntm --json dossier show "$code3" | jq -r '.notices // empty')"

stop_sink

# --- an SMS/Zalo gateway as an HTTP endpoint: a JSON POST, 2xx taken, else retried ---
EP=$ENDPOINT
check "SIGTERM stops the daemon" stop_daemon
HTTP=$T/http
mkdir -p "$HTTP/a" "$HTTP/b"
# posted DIR NUMBER: the body a sink run got for that number
posted() { grep -lF "\"to\":\"$2\"" "$1"/*.json 2>/dev/null | head -1; }
jq --arg url "http://127.0.0.1:$PORT/sms" 'del(.notice_sms_command) | .notice_sms_url = $url | .notice_smtp_url = ""' \
  "$DATA/config.json" >"$T/config.json" && mv "$T/config.json" "$DATA/config.json"
start_daemon "$EP" || { echo "daemon did not start"; cat "$T/congvud.log"; exit 1; }
python3 "$HERE/http_sink.py" "$PORT" "$HTTP/a" 503 >"$T/http.out" 2>>"$T/sink.log" &
SINK=$!
for _ in $(seq 100); do grep -q ready "$T/http.out" 2>/dev/null && break; sleep 0.05; done
code4=$(receive linh.ntm khai-tu --field phone=0911222333)
check "an endpoint answering 503: the SMS is retrying" wait_for "$code4" appointment sms attempts 1
check "…" test "$(notice "$code4" appointment sms status)" = retrying
check "…its answer kept" grep -q "503" <<<"$(notice "$code4" appointment sms error)"
check "…the POST it got: JSON with the number and the text" \
  test "$(jq -r '.to + " " + (.text | test("da tiep nhan ho so '"$code4"'") | tostring)' "$(posted "$HTTP/a" 0911222333)")" = "0911222333 true"
stop_sink
python3 "$HERE/http_sink.py" "$PORT" "$HTTP/b" 200 >"$T/http.out" 2>>"$T/sink.log" &
SINK=$!
for _ in $(seq 100); do grep -q ready "$T/http.out" 2>/dev/null && break; sleep 0.05; done
clock_advance 61
check "the endpoint answering 200 after the backoff: sent" wait_status "$code4" appointment sms sent
check "…the second POST the same message" cmp -s "$(posted "$HTTP/a" 0911222333)" "$(posted "$HTTP/b" 0911222333)"
stop_sink

# --- the daemon stopped while a notice is in flight: tried again at the next start ---
check "a gateway that hangs" start_sink hang
code5=$(receive linh.ntm khai-tu --field phone=0933444555)
check "a notice handed to it (sending)" wait_status "$code5" appointment sms sending
check "SIGTERM while it is in flight: the daemon stops cleanly" stop_daemon
check "…the notice left sending" test "$(sqlite3 "$DATA/congvu.db" "SELECT status FROM dossier_notices n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = '$code5'")" = sending
stop_sink
mkdir -p "$HTTP/c"
python3 "$HERE/http_sink.py" "$PORT" "$HTTP/c" 200 >"$T/http.out" 2>>"$T/sink.log" &
SINK=$!
for _ in $(seq 100); do grep -q ready "$T/http.out" 2>/dev/null && break; sleep 0.05; done
start_daemon "$EP" || { echo "daemon did not restart"; cat "$T/congvud.log"; exit 1; }
check "at the next start it is tried again and sent" wait_status "$code5" appointment sms sent
check "…once" test "$(grep -lF '"to":"0933444555"' "$HTTP/c"/*.json | wc -l)" = 1
check "…the log says so" grep -q "notices left sending by the last run: 1" "$T/congvud.log"
stop_sink
finish
