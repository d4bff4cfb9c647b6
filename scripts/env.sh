# Shared shell functions for Convene's scripts (sourced, not run).
# shellcheck shell=bash

# The repository root, found once when this file is sourced (the functions below may
# run from any folder).
convene_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Which wasm32 toolchain this machine has:
#   rustup  - rustup's wasm32-unknown-unknown target is installed (a usual dev machine);
#   debian  - Debian's rustc-web with its std source: std is built for wasm32 with
#             -Zbuild-std (the rustup toolchain on our build machines has no wasm32 std
#             and cannot download one);
#   unknown - neither yet (scripts/setup.sh installs one).
# CONVENE_WASM_PATH=debian forces Debian's path where both exist (to try it without
# `rustup target remove`); unset or anything else, the order below decides.
convene_wasm_mode() {
  if [ "${CONVENE_WASM_PATH:-}" = debian ] && debian_wasm_available; then
    echo debian
  elif rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo rustup
  elif debian_wasm_available; then
    echo debian
  else
    echo unknown
  fi
}

# Runs a command (cargo, trunk, ...) with the environment a wasm32 build needs.
# Only wasm builds get these variables: -Zbuild-std without --target fails natively.
# Wasm artifacts go to target/wasm so they never evict the native ones.
# binaryen's wasm-opt from npm (tools/node_modules/.bin) goes first on PATH on both
# paths, ahead of /usr/bin, where Debian's older binaryen may sit.
with_wasm_env() {
  local root="$convene_root" tools="$convene_root/tools/node_modules/.bin"
  if [ "$(convene_wasm_mode)" = debian ]; then
    with_debian_wasm_env env CARGO_TARGET_DIR="$root/target/wasm" "$@"
  else
    env CARGO_TARGET_DIR="$root/target/wasm" PATH="$tools:$PATH" "$@"
  fi
}

# Runs a command with Debian's rustc-web and build-std for wasm32, whatever rustup has
# (scripts/check-toolchains.sh uses it to build on this path where rustup's target exists).
with_debian_wasm_env() {
  local root="$convene_root" tools="$convene_root/tools/node_modules/.bin"
  env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    PATH="$tools:/usr/bin:$PATH" "$@"
}

# Where the Debian path's tools are: both checks must hold for it to be usable.
debian_wasm_available() {
  [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] && command -v wasm-ld-19 >/dev/null
}
