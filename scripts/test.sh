#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, then runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tmux >/dev/null || ! command -v ssh >/dev/null || [ ! -x /usr/sbin/sshd ]; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq tmux openssh-server openssh-client >/dev/null
fi
python3 -m pip install -q -e '.[test,cluster]'
python3 -m pytest "$@"
