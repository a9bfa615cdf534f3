#!/usr/bin/env bash
# Creates .venv and installs the project with the pinned versions in constraints.txt.
# Sourced by serve.sh and test.sh; safe to run again (it only installs what changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v python3 >/dev/null; then
  echo "python3 saknas: installera Python 3.11 eller senare (på Debian: apt-get install python3)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    # Debian's python3 lacks venv until python3-venv is installed.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv .venv
    else
      echo "python3 -m venv fungerar inte: installera paketet python3-venv (sudo apt-get install python3-venv)." >&2
      exit 1
    fi
  fi
fi

stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -c constraints.txt -e '.[test]'
  touch "$stamp"
fi
