#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests (used by `make test`).
# Installs it with apt-get when missing and we are root; otherwise says what to do.
set -euo pipefail
CHROMIUM=${CLAIMKB_CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "warning: $CHROMIUM is missing; install Debian's chromium (apt-get install chromium)" \
     "or the browser tests will be skipped (they fail instead when CI=true)" >&2
