#!/usr/bin/env bash
# Runs every check Convene has, after installing whatever is missing:
# rustfmt, clippy (native and wasm32), native tests, the release build with its size
# report, wasm-bindgen tests in headless Chromium, end-to-end tests of the built dist/
# in headless Chromium, and a short smoke run of the benchmark harness.
# Any failure stops the run with a non-zero exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/env.sh
bash scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
export CHROMEDRIVER=/usr/bin/chromedriver

step "rustfmt"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "clippy (wasm32)"
with_wasm_env cargo clippy --target wasm32-unknown-unknown -p convene --all-targets --quiet -- -D warnings

step "native tests"
cargo test --workspace --quiet

step "release build (trunk)"
with_wasm_env trunk build --release --quiet
bash scripts/size-report.sh dist

step "wasm-bindgen tests (headless Chromium)"
# Not --quiet: cargo would pass it on to wasm-bindgen-test-runner, which refuses it.
with_wasm_env cargo test --target wasm32-unknown-unknown -p convene --test web

step "end-to-end tests (headless Chromium, built dist/)"
node --test --test-concurrency=1 tests/e2e/

step "benchmark harness smoke run (10k, few runs; fails on errors, never on speed)"
bash scripts/bench.sh --smoke
