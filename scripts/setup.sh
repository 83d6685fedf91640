#!/usr/bin/env bash
# Creates .venv and installs the project from its own files. Idempotent: a second run is quick.
#   scripts/setup.sh          the app
#   scripts/setup.sh --test   the app + test tools + Debian chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# torch first, pinned: 2.13.0 is a CPU build on local disk; anything else pulls a multi-GB CUDA build.
.venv/bin/python -m pip install -q torch==2.13.0
if [ "$want_tests" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
  fi
else
  .venv/bin/python -m pip install -q -e .
fi
