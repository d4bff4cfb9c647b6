#!/usr/bin/env bash
# Convene's browser benchmark: our engine (wasm) against the best JavaScript peers
# (crossfilter2, itemsjs, MiniSearch, FlexSearch) in one headless Chromium page on
# the same synthetic data, then the whole app (first painted matrix, a facet click,
# live DOM size), opening data (a 100k-row CSV against Papa Parse, 1M participations'
# JSON against JSON.parse: bench/open.mjs) and the size of dist/. See bench/README.md.
#
#   scripts/bench.sh              # full run: 10k, 100k, 1M participations (~15 min on 2 cores)
#   scripts/bench.sh --smoke      # 10k only, few runs: checks the harness works (~1 min once built)
#   scripts/bench.sh --skip-app   # engines and peers only
#   scripts/bench.sh --app-only   # the app only (writes bench/results-app.json; ~3 min)
#   scripts/bench.sh --rebuild-app  # rebuild dist/ with Trunk even if it exists
#   scripts/bench.sh --dist DIR   # measure another built dist/
#
# Writes bench/results.json and the "Browser (headless Chromium)" section of
# BENCHMARKS.md (a smoke run writes bench/results-smoke.json only). Fails (non-zero)
# when anything errors; never because of speed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/env.sh
source scripts/env.sh
bash scripts/setup.sh

smoke=0 skip_app=0 app_only=0 rebuild_app=0 dist="$root/dist"
run_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; run_args+=(--smoke) ;;
    --skip-app) skip_app=1; run_args+=(--skip-app) ;;
    --app-only) app_only=1; run_args+=(--app-only) ;;
    --rebuild-app) rebuild_app=1 ;;
    --dist) dist="$(cd "$2" && pwd)"; shift ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
run_args+=(--dist "$dist")

step() { printf '\n\033[1m== bench: %s\033[0m\n' "$*" >&2; }

step "node packages (bench/package-lock.json)"
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.installed ]; then
  (cd bench && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent && touch node_modules/.installed)
fi

step "synthetic datasets (bench/data/)"
synth_args=(bench/data)
[ $smoke -eq 1 ] && synth_args+=(--smoke)
cargo run --quiet --release -p convene-bench --bin synth -- "${synth_args[@]}"

# Our engine as a bare wasm module, twice: at opt-level 3 (a "bench-wasm" profile:
# the workspace's release profile with opt-level 3, convene-core's and
# serde_json's own overrides included, which a custom profile inherits; its own
# output folder) and at
# the release profile itself (opt-level "z"), which is what the app ships.
# A smoke run builds only the second (it shares the app's compiled dependencies).
wasm_out="$root/target/wasm/wasm32-unknown-unknown"
if [ $smoke -eq 0 ] && [ $app_only -eq 0 ]; then
  step "wasm engine, opt-level 3 (bench/pkg)"
  with_wasm_env cargo build --quiet --target wasm32-unknown-unknown -p convene-bench-wasm \
    --config 'profile.bench-wasm.inherits="release"' --config 'profile.bench-wasm.opt-level=3' \
    --config 'profile.bench-wasm.package.convene-core.opt-level=3' \
    --config 'profile.bench-wasm.package.serde_json.opt-level=3' \
    --profile bench-wasm
  wasm-bindgen --target web --remove-name-section --remove-producers-section \
    --out-dir bench/pkg "$wasm_out/bench-wasm/convene_bench_wasm.wasm"
fi
step "wasm engine, opt-level z as shipped (bench/pkg-z)"
with_wasm_env cargo build --quiet --target wasm32-unknown-unknown -p convene-bench-wasm --release
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-dir bench/pkg-z "$wasm_out/release/convene_bench_wasm.wasm"

if [ $skip_app -eq 0 ] && { [ $rebuild_app -eq 1 ] || [ ! -f "$dist/index.html" ]; }; then
  step "the app, release build (trunk)"
  with_wasm_env trunk build --release --quiet --dist "$dist"
fi

step "headless Chromium"
node bench/run.mjs "${run_args[@]}"
