#!/usr/bin/env bash
# The Debian packages, built by ./scripts/package (lintian clean), installed
# into a clean Debian root and run there as the README's "Running it for a
# province" says: the system user, /var/lib/congvu 0700, /etc/congvu/forms,
# the units enabled; the daemon started as its unit starts it (the user
# congvu, Type=notify: READY=1 on $NOTIFY_SOCKET, STOPPING=1 at the end),
# the first admin's terminal enrolled, a backup by the timer's job, a
# restore, a reinstall that keeps the data and the province's forms.
# The clean root is a minimal Debian 12 with the packages' dependencies,
# made once by mmdebstrap from Debian's archive and cached in
# /var/cache/congvu-test (CONGVU_ROOT_CACHE); each run unpacks a fresh one.
# Needs root (chroot); exits 77 (skipped) without.
[ "$(id -u)" -eq 0 ] || { echo "needs root: skipped"; exit 77; }
. "$(dirname "$0")/../lib.sh" "$1"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PKG=$T/pkg
R=$T/root
cache=${CONGVU_ROOT_CACHE:-/var/cache/congvu-test}

# --- build (CONGVU_TEST_DEBS: a directory scripts/package filled, to try
# the rest again without building) ---
if [ -n "${CONGVU_TEST_DEBS:-}" ]; then
  cp -r "$CONGVU_TEST_DEBS" "$PKG"
else
  check_rc "./scripts/package builds congvud and congvu, lintian clean" 0 env DEB_BUILD_OPTIONS=nocheck "$SRC/scripts/package" "$PKG"
fi
[ -f "$PKG"/congvud_*.deb ] && [ -f "$PKG"/congvu_*.deb ] || { not_ok "the two packages"; finish; }
check "…no lintian warning or error" test -z "$(grep -E '^[WE]: ' "$PKG/lintian.txt")"
check "…each override explained" test "$(grep -c '^#' "$SRC/debian/congvud.lintian-overrides")" -ge 2

# --- a clean root with the packages' dependencies, from Debian's archive ---
deps=$(for d in "$PKG"/congvud_*.deb "$PKG"/congvu_*.deb; do dpkg-deb -f "$d" Depends; done |
  tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/ //g' | grep . | sort -u | paste -sd,)
# systemd for systemd-analyze verify --root, procps for the unit's /bin/kill
extra=man-db,procps,systemd
img=$cache/bookworm-$(echo "$deps,$extra" | sha256sum | cut -c1-16).tar
if [ ! -f "$img" ]; then
  mkdir -p "$cache"
  echo "# making the clean root ($deps): once"
  mmdebstrap --quiet --variant=essential --mode=root --format=tar --include="$deps,$extra" bookworm "$img.tmp" \
    http://deb.debian.org/debian >"$T/mmdebstrap.log" 2>&1 && mv "$img.tmp" "$img" ||
    { tail "$T/mmdebstrap.log"; rm -f "$img.tmp"; }
fi
mkdir -p "$R" && tar -C "$R" -xf "$img" || { not_ok "a clean root"; finish; }
check "the root is clean: no congvu in it" test ! -e "$R/usr/sbin/congvud" -a -z "$(grep '^congvu:' "$R/etc/passwd")"
mount --bind /proc "$R/proc" && mount --bind /dev "$R/dev" || { not_ok "mount /proc and /dev"; finish; }
# nothing of this test's environment (CONGVU_FORMS, ...) reaches the root
clean_env=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
inroot() { chroot "$R" "${clean_env[@]}" "$@"; }
as_congvu() { chroot --userspec=congvu:congvu "$R" "${clean_env[@]}" HOME=/var/lib/congvu "$@"; }
uid() { inroot id -u congvu; }
umount_root() { umount "$R/proc" "$R/dev" 2>/dev/null; }
trap 'umount_root; cleanup' EXIT

# --- install (README: apt install ./congvud_*.deb ./congvu_*.deb) ---
cp "$PKG"/congvud_*.deb "$PKG"/congvu_*.deb "$R/tmp/"
check_rc "the packages install into the clean root" 0 inroot sh -c 'dpkg -i /tmp/congvud_*.deb /tmp/congvu_*.deb'
check "a system user congvu" test "$(inroot getent passwd congvu | cut -d: -f3)" -lt 1000
check "/var/lib/congvu 0700 congvu's" test "$(stat -c '%a %u' "$R/var/lib/congvu")" = "700 $(uid)"
check "…initialised: the server key 0600 congvu's" test "$(stat -c '%a %u' "$R/var/lib/congvu/server.key")" = "600 $(uid)"
check "/etc/congvu/forms, the province's own copy" test -f "$R/etc/congvu/forms/calendar/calendar.yaml"
check "…which config.json names" test "$(jq -r .forms "$R/var/lib/congvu/config.json")" = /etc/congvu/forms
check "/var/backups/congvu 0700 congvu's" test "$(stat -c '%a %u' "$R/var/backups/congvu")" = "700 $(uid)"
check "congvud.service enabled" test -L "$R/etc/systemd/system/multi-user.target.wants/congvud.service"
check "congvu-backup.timer enabled" test -L "$R/etc/systemd/system/timers.target.wants/congvu-backup.timer"
unit=$R/lib/systemd/system/congvud.service
for k in Type=notify LimitNOFILE=4096 ProtectSystem=strict PrivateTmp=yes NoNewPrivileges=yes \
  ReadWritePaths=/var/lib/congvu "ExecReload=/bin/kill -HUP \$MAINPID"; do
  check "the unit has $k" grep -qxF "$k" "$unit"
done
check_rc "systemd-analyze verifies the units" 0 systemd-analyze verify --man=no --root="$R" congvud.service congvu-backup.service congvu-backup.timer
check_rc "man congvud in the root" 0 inroot env MANWIDTH=100 man congvud
check "…names restore" has "restore FILE DIR"

# --- start it as its unit does: User=congvu, Type=notify ---
echo '{"listen": "tcp://127.0.0.1:*"}' | jq -s '.[0] * .[1]' "$R/var/lib/congvu/config.json" - >"$T/config.json" &&
  cat "$T/config.json" >"$R/var/lib/congvu/config.json" # an address of this test's own (README: "listen")
exec_start=$(grep -oP '^ExecStart=\K.*' "$unit")
python3 - "$R/run/congvu-notify" >"$T/notify" 2>&1 <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
import os; os.chmod(sys.argv[1], 0o777)
while True:
    m = s.recv(4096).decode()
    print(m, flush=True)
    if "STOPPING=1" in m: break
PY
NOTIFIER=$!
for _ in $(seq 100); do [ -S "$R/run/congvu-notify" ] && break; sleep 0.05; done
# chroot itself, not a function: $! is the daemon (chroot and env exec it)
chroot --userspec=congvu:congvu "$R" "${clean_env[@]}" NOTIFY_SOCKET=/run/congvu-notify $exec_start \
  >"$T/endpoint" 2>"$T/congvud.log" &
DAEMON=$!
for _ in $(seq 200); do grep -q READY=1 "$T/notify" && break; kill -0 "$DAEMON" || break; sleep 0.05; done
check "the daemon, as the user congvu, says READY=1" grep -q READY=1 "$T/notify"
check "…runs as congvu" test "$(ps -o uid= -p "$DAEMON" | tr -d ' ')" = "$(uid)"
ENDPOINT=$(head -1 "$T/endpoint")
kill -HUP "$DAEMON"; sleep 0.5
check "SIGHUP reloads (RELOADING=1, READY=1 again)" grep -q RELOADING=1 "$T/notify"

# --- README: the first admin and their terminal ---
D=/var/lib/congvu
check_rc "add the province" 0 as_congvu congvud admin $D unit add $PROVINCE --name "Ủy ban nhân dân tỉnh Cà Mau" --level tỉnh
check_rc "add the first admin" 0 as_congvu congvud admin $D --json user add admin --name "Trần Quốc Bảo" --unit $PROVINCE --roles admin
PW=$(jq -r .password "$T/out")
check_rc "an invite for the admin's terminal" 0 as_congvu congvud admin $D --json device invite --unit $PROVINCE --expires 24
INV=$(jq -r .invite "$T/out")
term() { inroot env HOME=/root XDG_CONFIG_HOME=/root/.config XDG_STATE_HOME=/root/.local/state "$@"; }
check_rc "the terminal enrolls with congvu from the package" 0 term congvu enroll "$INV"
check_rc "the admin logs in" 0 term sh -c "echo '$PW' | congvu login --user admin --password-stdin"
check_rc "…changes the temporary password" 0 term sh -c "printf '%s\n%s\n%s\n' '$PW' 'mat-khau-tinh-1' 'mat-khau-tinh-1' | congvu passwd --password-stdin"
check_rc "…and works" 0 term congvu unit add 000.01.00.H12 --name "Sở Tư pháp" --level sở --parent $PROVINCE

# --- README: back up (the timer's job), restore ---
job=$(grep -oP '^ExecStart=\K.*' "$R/lib/systemd/system/congvu-backup.service")
check_rc "the timer's backup job, while the daemon serves" 0 as_congvu $job
backup=$(cd "$R" && ls var/backups/congvu/congvu-*.db | tail -1)
check "…a backup in /var/backups/congvu, 0600" test "$(stat -c %a "$R/$backup")" = 600
kill -TERM "$DAEMON"; wait "$DAEMON"; rc=$?; DAEMON=
check "the daemon stops cleanly" test "$rc" = 0
for _ in $(seq 100); do kill -0 "$NOTIFIER" 2>/dev/null || break; sleep 0.05; done
kill "$NOTIFIER" 2>/dev/null
check "…saying STOPPING=1" grep -q STOPPING=1 "$T/notify"
check_rc "restore the backup as congvu" 0 as_congvu congvud restore "/$backup" $D
check "…checked" has "nhật ký kiểm toán nguyên vẹn"

# --- reinstall (the upgrade path): data and the province's forms kept ---
echo "# the province's edit" >>"$R/etc/congvu/forms/calendar/calendar.yaml"
check_rc "the packages install again" 0 inroot sh -c 'dpkg -i /tmp/congvud_*.deb /tmp/congvu_*.deb'
check "…running the migration once: nothing to do" has "không cần nâng cấp"
check "…keeping the province's forms" grep -q "the province's edit" "$R/etc/congvu/forms/calendar/calendar.yaml"
check_rc "…and the data" 0 as_congvu congvud admin $D --json unit list
check "…the unit added from the terminal" has "000.01.00.H12"
check_rc "the audit chain verifies" 0 as_congvu congvud admin $D audit verify
check_rc "remove the packages" 0 inroot dpkg --purge congvu congvud
check "…the province's data stays" test -f "$R/var/lib/congvu/congvu.db"
finish
