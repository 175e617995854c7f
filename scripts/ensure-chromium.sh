#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (a test tool's own browser download does not work on
# our machines), with a Korean font so the pages render (and their screenshots read) as a
# claimant sees them. Installs what is missing; needs root, as on CI and the dev machines.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi nanum || missing+=(fonts-nanum)
if [ ${#missing[@]} -eq 0 ]; then
  echo "chromium: $(chromium --version 2>/dev/null | head -1); Korean font: present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "browser tests need: ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing from Debian: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
