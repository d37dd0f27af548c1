#!/bin/sh
# meson install script: the shipped forms (FROM, in datadir) become the
# province's own (TO, in sysconfdir) at the first install only; a later
# install never touches what a province edited.
set -eu
from=${DESTDIR:-}$1
to=${DESTDIR:-}$2
if [ -e "$to" ]; then
  echo "install-forms: $to exists, kept"
else
  mkdir -p "$(dirname "$to")"
  cp -R "$from" "$to"
  echo "install-forms: $from copied to $to"
fi
