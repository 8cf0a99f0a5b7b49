#!/bin/sh
# The browser tests drive Debian's Chromium. Install it when it is missing and we may
# (root with apt-get); otherwise say how, and let the tests report themselves as skipped
# (under CI=true they fail instead).
set -eu
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "chromium is not installed: browser tests will be skipped (sudo apt-get install chromium)." >&2
fi
