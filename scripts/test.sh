#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine, runs the static checks
# (scripts/check.sh), then the tests: one worker more than there are cores, since a third of the
# suite's time is tests waiting (the app's pauses, terminals, servers, child processes), which
# the extra worker fills (two cores: 58-62 s with three workers, 74-79 s with two, the same
# minutes). Arguments go to pytest.
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
python3 -m pytest -n "$(( $(nproc) + 1 ))" "$@"
