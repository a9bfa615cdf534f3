#!/usr/bin/env bash
# Sets up and runs every check: lint, format, types, then the test suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1

# The browser tests use Debian's Chromium; nothing downloads a browser build.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "chromium saknas: installera det (sudo apt-get install chromium); webbläsartesterna hoppas över." >&2
  fi
fi

.venv/bin/ruff check generator tests
.venv/bin/ruff format --check generator tests
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
