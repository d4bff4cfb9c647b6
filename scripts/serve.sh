#!/usr/bin/env bash
# Builds Convene (release) and serves dist/ on a local port, printing the URL to open.
# Usage: scripts/serve.sh [PORT]   (default 8080)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/env.sh
bash scripts/setup.sh
with_wasm_env trunk build --release
# The same static server the end-to-end tests use, with the production CSP header.
exec node tests/e2e/server.mjs --root dist --port "${1:-8080}"
