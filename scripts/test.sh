#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, runs the static checks
# (scripts/check.sh), then the tests on every core. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tmux >/dev/null || ! command -v ssh >/dev/null || [ ! -x /usr/sbin/sshd ]; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq tmux openssh-server openssh-client >/dev/null
fi
python3 -m pip install -q -e '.[test,cluster]'
if command -v pyenv >/dev/null; then pyenv rehash; fi  # so that the new `parallax` is on PATH
bash scripts/check.sh
python3 -m pytest -n auto "$@"
