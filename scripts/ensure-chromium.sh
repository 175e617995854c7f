#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (a test tool's own browser download does not work on
# our machines). Installs it when missing; needs root, as on CI and the dev machines.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null | head -1)"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium: missing; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "chromium: installing from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
