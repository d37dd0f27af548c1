#!/usr/bin/env bash
# `meson install` into a DESTDIR, then the installed congvud and congvu run
# from the paths they were installed to: in a mount namespace of its own
# the DESTDIR's prefix is mounted over the prefix, and the source tree's
# forms/ and the build tree's catalogs are hidden under empty directories,
# so an installed congvu that still read the tree it was built in fails.
# Needs root (mount namespaces); exits 77 (skipped) without.
if [ -z "${CONGVU_INSTALL_NS:-}" ]; then
  [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null || { echo "needs root and unshare: skipped"; exit 77; }
  CONGVU_INSTALL_NS=1 exec unshare --mount --propagation private bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh" "$1"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
unset CONGVU_FORMS CONGVU_LOCALEDIR # what an installed congvu is never given
opt() { meson introspect --buildoptions "$B" | jq -r ".[] | select(.name==\"$1\") | .value"; }
prefix=$(opt prefix)
under() { case $1 in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }
sbindir=$(under "$(opt sbindir)") bindir=$(under "$(opt bindir)") mandir=$(under "$(opt mandir)")
sysconfdir=$(under "$(opt sysconfdir)") datadir=$(under "$(opt datadir)") localedir=$(under "$(opt localedir)")
unitdir=$(opt systemdunitdir); [ -n "$unitdir" ] || unitdir=$(pkg-config --variable=systemdsystemunitdir systemd)
R=$T/root

# --- the install ---
check_rc "meson install into a DESTDIR" 0 meson install -C "$B" --no-rebuild --destdir "$R"
check "congvud in sbin" test -x "$R$sbindir/congvud"
check "congvu in bin" test -x "$R$bindir/congvu"
check "the shipped forms in datadir" test -f "$R$datadir/congvu/forms/calendar/calendar.yaml"
check "…copied to sysconfdir at the first install" test -f "$R$sysconfdir/congvu/forms/calendar/calendar.yaml"
check "the English catalog in localedir" test -f "$R$localedir/en/LC_MESSAGES/congvu.mo"
for page in man1/congvu.1 man8/congvud.8 man5/congvu-forms.5; do
  check "man page $page" test -s "$R$mandir/$page"
done
check "the daemon's unit, Type=notify" grep -qx "Type=notify" "$R$unitdir/congvud.service"
check "…running the installed daemon" grep -qx "ExecStart=$sbindir/congvud serve /var/lib/congvu" "$R$unitdir/congvud.service"
check "the backup timer and its job" test -f "$R$unitdir/congvu-backup.timer" -a -x "$(grep -oP '^ExecStart=\K.*' "$R$unitdir/congvu-backup.service" | sed "s|^|$R|")"
echo "# the province's edit" >>"$R$sysconfdir/congvu/forms/calendar/calendar.yaml"
check_rc "a second install" 0 meson install -C "$B" --no-rebuild --destdir "$R"
check "…keeps the province's forms" grep -q "the province's edit" "$R$sysconfdir/congvu/forms/calendar/calendar.yaml"

# --- the installed programs, where they were installed to ---
mkdir -p "$T/empty"
mkdir -p "$prefix" && mount --bind "$R$prefix" "$prefix" && mount --bind "$T/empty" "$SRC/forms" &&
  mount --bind "$T/empty" "$B/po" || { not_ok "mount the install over $prefix"; finish; }
check "the tree's forms are out of sight" test ! -e "$SRC/forms/calendar"
CONGVUD=$sbindir/congvud CONGVU=$bindir/congvu
check_rc "installed congvud init" 0 "$CONGVUD" init "$DATA"
check "…names the installed forms in config.json" test "$(jq -r .forms "$DATA/config.json")" = "$sysconfdir/congvu/forms"
check_rc "the installed forms check" 0 "$CONGVUD" forms check "$sysconfdir/congvu/forms"
check_rc "the demo province from the installed forms" 0 "$CONGVUD" admin "$DATA" demo
check "…seeded" has "17 đơn vị"
check "installed congvud serves" start_daemon
check "installed congvu enrolls" enroll a $PROVINCE
check "…logs in" login a admin
check_rc "…and asks" 0 as a "$CONGVU" whoami --json
check "…as admin" test "$(jq -r .username "$T/out")" = admin
check_rc "installed congvu speaks English from the installed catalog" 0 "$CONGVU" --lang en --help
check "…translated" has "help [COMMAND]"
check "installed congvud stops cleanly" stop_daemon
check_rc "man congvud from the installed pages" 0 env MANPATH="$mandir" MANWIDTH=100 man congvud
check "…lists restore" has "restore FILE DIR"
check "…and the console's backup" has "backup FILE"
check_rc "man congvu lists the task commands" 0 env MANPATH="$mandir" MANWIDTH=100 man congvu
check "…with their options" has "task add"
finish
