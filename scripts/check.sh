#!/usr/bin/env bash
# The static checks CI runs before the tests: lint, types, and the import boundaries (each
# configured in pyproject.toml). All three run and report; any failing fails this script.
# Needs the test extras installed (scripts/test.sh installs them).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')  # where pip put lint-imports
failed=()
echo "== ruff" && python3 -m ruff check --output-format concise . || failed+=(ruff)
echo "== mypy --strict" && python3 -m mypy || failed+=(mypy)
echo "== import-linter" && "$scripts/lint-imports" --no-cache | tail -n 7 || failed+=(import-linter)
if [ ${#failed[@]} -gt 0 ]; then
  echo "checks failed: ${failed[*]}" >&2
  exit 1
fi
