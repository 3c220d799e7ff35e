#!/usr/bin/env bash
# The static checks CI runs before the tests: lint, types, and the import boundaries
# (configured in pyproject.toml). Needs the test extras installed (scripts/test.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "ruff:" && python3 -m ruff check .
echo "mypy --strict:" && python3 -m mypy
echo "import-linter:" && lint-imports --no-cache | tail -n 7
