#!/usr/bin/env bash
# Guards "one wasm configuration serves both toolchain paths": builds the canary crate
# tools/wasm-canary on every wasm32 path this machine has (rustup's prebuilt target,
# Debian's rustc-web with build-std), with the project's own settings: .cargo/config.toml
# (found from the canary's folder), the wasm-opt level and flags read from index.html,
# the pinned wasm-bindgen CLI. Then binds it, optimises it and runs it in Node.js.
# A setting that only one path can build (such as an earlier
# `-Ctarget-feature=-reference-types`, which broke rustup's path) fails here.
# Prints which paths it checked; fails when no path exists.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/env.sh
tools="$root/tools/node_modules/.bin"
# The page's module's settings (index.html has a second rust link: the worker's).
level="$(sed -n 's/.*data-bin="convene" .*data-wasm-opt="\([^"]*\)".*/\1/p' index.html)"
read -r -a params <<<"$(sed -n 's/.*data-bin="convene" .*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
[ -n "$level" ] && [ ${#params[@]} -gt 0 ] || { echo "check-toolchains: no wasm-opt settings for data-bin=\"convene\" in index.html" >&2; exit 1; }

paths=()
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && paths+=(rustup)
debian_wasm_available && paths+=(debian)
[ ${#paths[@]} -gt 0 ] || { echo "check-toolchains: no wasm32 toolchain on this machine" >&2; exit 1; }

for path in "${paths[@]}"; do
  out="$root/target/canary/$path"
  if [ "$path" = debian ]; then run=(with_debian_wasm_env); else run=(env PATH="$tools:$PATH"); fi
  (cd tools/wasm-canary && "${run[@]}" env CARGO_TARGET_DIR="$out" \
    cargo build --release --target wasm32-unknown-unknown --quiet)
  rm -rf "$out/pkg"
  "${run[@]}" wasm-bindgen --target nodejs --out-dir "$out/pkg" \
    "$out/wasm32-unknown-unknown/release/wasm_canary.wasm"
  "${run[@]}" wasm-opt "-O$level" "${params[@]}" "$out/pkg/wasm_canary_bg.wasm" -o "$out/pkg/wasm_canary_bg.wasm"
  node -e '
    const c = require(process.argv[1]);
    const got = [c.greet("wasm"), c.numbers(3).join(","), c.scaled_quotient(10000000000000n, 3n)];
    if (got[0] !== "hello, wasm" || got[1] !== "0,1,2" || got[2] !== "3333333356666666666666:2211") { console.error("canary returned", got); process.exit(1); }
  ' "$out/pkg/wasm_canary.js"
  echo "check-toolchains: $path path builds, binds, optimises and runs the canary"
done
