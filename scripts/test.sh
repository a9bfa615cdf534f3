#!/usr/bin/env bash
# Sets up and runs every check: lint, format, types, then the test suite. CI runs exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1

# The browser tests use Debian's Chromium, the HTML check Java; nothing downloads a browser build.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v java >/dev/null || missing+=(default-jre-headless)
# The importer's test PDFs are set in Liberation Sans (tests/pdfs.py), as word processors' are.
[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Saknas: ${missing[*]} (sudo apt-get install ${missing[*]}); de testerna hoppas över." >&2
  fi
fi

.venv/bin/ruff check generator tests bench
.venv/bin/ruff format --check generator tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
