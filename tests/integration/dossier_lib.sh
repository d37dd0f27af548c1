# tests/integration/dossier_lib.sh — helpers of the dossier scripts, sourced
# after lib.sh: run the CLI as a client, fill a procedure's fields validly,
# receive a dossier, walk it through its steps.
# WHO must map "UNIT/ROLE" to a client name (declare -A) for walk().

cv() { local u=$1; shift; as "$u" "$CONGVU" "$@"; }

# valid_fields PROCEDURE — --field arguments that pass the definition
valid_fields() {
  cv admin --json procedure show "$1" | jq -r '.fields[] |
    "--field\n\(.name)=" + (
      if .type == "text" then (if .name | test("plot|map") then "123" else "Nội dung thử" end)
      elif .type == "number" then ((.min // 1) | tostring)
      elif .type == "money" then ((if (.min // 0) > 1000000 then .min else 1000000 end) | tostring)
      elif .type == "date" then "2020-05-17"
      elif .type == "choice" then .choices[0]
      elif .type == "citizen_id" then "079123456789"
      elif .type == "phone" then "0912345678"
      elif .type == "email" then "dan@example.vn"
      else "?" end)'
}

# receive CLERK PROCEDURE [extra --field args] — prints the new code
receive() {
  local clerk=$1 proc=$2; shift 2
  local args; mapfile -t args < <(valid_fields "$proc")
  cv "$clerk" --json dossier receive --procedure "$proc" "${args[@]}" "$@" | jq -r .code
}

# to_result CODE — act "submit" as whoever handles each step, until the
# result is ready at the desk
to_result() {
  local code=$1 n=0 unit role
  while [ $n -lt 10 ]; do
    cv admin --json dossier show "$code" >"$T/show" || return 1
    [ "$(jq -r .state "$T/show")" = processing ] || break
    unit=$(jq -r .handler_unit "$T/show"); role=$(jq -r .handler_role "$T/show")
    cv "${WHO[$unit/$role]}" dossier act "$code" submit >/dev/null || return 1
    n=$((n + 1))
  done
  [ "$(jq -r .state "$T/show")" = result ]
}

# walk CODE — to_result, then deliver at the desk (by $METHOD when set:
# post, online)
walk() {
  to_result "$1" || return 1
  cv "${WHO[$(jq -r .unit "$T/show")/clerk]}" dossier act "$1" deliver \
    --collector "Người nhận" --collector-id 079123456789 --method "${METHOD:-desk}" >/dev/null
}

