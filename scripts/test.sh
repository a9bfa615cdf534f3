#!/usr/bin/env bash
# Sets up and runs every check: lint, format, types, then the test suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check generator tests
.venv/bin/ruff format --check generator tests
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
