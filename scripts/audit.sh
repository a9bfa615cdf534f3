#!/usr/bin/env bash
# Checks every pinned dependency (constraints.txt) against PyPI's vulnerability advisories with
# pip-audit, itself pinned there and installed in a venv of its own, so that neither the test
# command nor .venv carries it. The pull-request workflow runs this in a job of its own.
# Where the advisory database cannot be reached it says so in one line and passes: a missing
# network must not block a change, and must not read as "no known vulnerabilities" either.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# pip-audit asks https://pypi.org/pypi/<name>/<version>/json for each pin; where that address is
# not served (a mirror, a proxy that only serves /simple) it would call every pin "not found" and
# pass, so ask once first. AUDIT_PROBE_URL replaces the address (the tests use an unreachable one).
version=$(sed -n 's/^pip[-_]audit==//ip' constraints.txt)
probe="${AUDIT_PROBE_URL:-https://pypi.org/pypi/pip-audit/${version}/json}"
if ! reason=$(python3 - "$probe" 2>&1 <<'EOF'
import sys
import urllib.request

try:
    with urllib.request.urlopen(sys.argv[1], timeout=30) as response:
        response.read(1)
except Exception as error:  # any failure to reach it: DNS, refused, TLS, HTTP status
    sys.exit(f"{type(error).__name__}: {error}")
EOF
); then
  message="Beroendegranskningen hoppades över: sårbarhetsdatabasen kan inte nås ($probe: ${reason//$'\n'/ })."
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    echo "::warning title=pip-audit hoppades över::$message"
  fi
  echo "$message"
  exit 0
fi

tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool" || { echo "python3 -m venv fungerar inte: installera python3-venv." >&2; exit 1; }
"$tool/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt "pip-audit==$version"
# Every line of constraints.txt is pinned with ==, so pip need not resolve anything (--no-deps,
# --disable-pip); --strict fails on a pin that could not be audited instead of skipping it.
"$tool/bin/python" -m pip_audit --strict --no-deps --disable-pip --requirement constraints.txt --progress-spinner off
echo "Beroendegranskningen är klar: inga kända sårbarheter i constraints.txt."
