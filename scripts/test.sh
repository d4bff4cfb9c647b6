#!/usr/bin/env bash
# Runs every check Convene has, after installing whatever is missing:
# rustfmt, clippy (native and wasm32), rustdoc, native tests, the wasm toolchain canary
# on every path this machine has, the release build with its size report and size
# limit, wasm-bindgen tests in headless Chromium and Firefox, end-to-end tests of the
# built dist/ in Chromium, Firefox ESR and WebKitGTK, and a short smoke run of the
# benchmark harness. Any failure stops the run with a non-zero exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/env.sh
start=$SECONDS
bash scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m  (%ds)\n' "$*" $((SECONDS - start)); }
step "wasm toolchain: $(convene_wasm_mode) path ($(if [ "$(convene_wasm_mode)" = rustup ]; then echo "rustup's prebuilt wasm32 std"; else echo "Debian's rustc-web, std built with -Zbuild-std"; fi))"

step "rustfmt"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "clippy (wasm32)"
with_wasm_env cargo clippy --target wasm32-unknown-unknown -p convene --all-targets --quiet -- -D warnings

step "rustdoc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p convene-core --quiet

step "native tests"
cargo test --workspace --quiet

step "one wasm configuration on every toolchain path (canary)"
bash scripts/check-toolchains.sh

step "release build (trunk)"
with_wasm_env trunk build --release --quiet
bash scripts/size-report.sh --check dist

step "wasm-bindgen tests (headless Chromium)"
# Not --quiet: cargo would pass it on to wasm-bindgen-test-runner, which refuses it.
# The runner allows 20 s for the whole run by default; the DOM-budget test mounts
# 1,000 x 10,000 in a debug build, which takes longer on a busy 2-core machine.
export WASM_BINDGEN_TEST_TIMEOUT=300
with_wasm_env env CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown -p convene --test web

step "wasm-bindgen tests (headless Firefox ESR)"
with_wasm_env env GECKODRIVER="$(command -v geckodriver)" \
  cargo test --target wasm32-unknown-unknown -p convene --test web

step "end-to-end tests (Chromium, Firefox ESR, WebKitGTK; built dist/)"
node --test --test-concurrency=1 tests/e2e/

step "benchmark harness smoke run (10k, few runs; fails on errors, never on speed)"
bash scripts/bench.sh --smoke

step "all checks passed"
