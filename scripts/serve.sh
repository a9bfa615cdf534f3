#!/usr/bin/env bash
# Sets up, checks the data, builds the site into site/ and serves it with live reload.
# Options are passed on to `python -m generator serve` (e.g. --dev-addr 0.0.0.0:8000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/python -m generator build --out site
echo "Förhandsgranskning på http://127.0.0.1:8000 (avsluta med Ctrl+C)."
exec .venv/bin/python -m generator serve "$@"
