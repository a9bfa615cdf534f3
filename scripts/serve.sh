#!/usr/bin/env bash
# Sets up, checks the data and serves the site with live reload (MkDocs prints the address).
# Options are passed on to `python -m generator serve` (e.g. --dev-addr 0.0.0.0:8000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m generator validate
exec .venv/bin/python -m generator serve "$@"
