# Shared shell functions for Convene's scripts (sourced, not run).
# shellcheck shell=bash

# Which wasm32 toolchain this machine has:
#   rustup  - rustup's wasm32-unknown-unknown target is installed (a usual dev machine);
#   debian  - Debian's rustc-web with its std source: std is built for wasm32 with
#             -Zbuild-std (the rustup toolchain on our build machines has no wasm32 std
#             and cannot download one);
#   unknown - neither yet (scripts/setup.sh installs one).
convene_wasm_mode() {
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo rustup
  elif [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] && command -v wasm-ld-19 >/dev/null; then
    echo debian
  else
    echo unknown
  fi
}

# Runs a command (cargo, trunk, ...) with the environment a wasm32 build needs.
# Only wasm builds get these variables: -Zbuild-std without --target fails natively.
# Wasm artifacts go to target/wasm so they never evict the native ones.
with_wasm_env() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [ "$(convene_wasm_mode)" = debian ]; then
    env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
      CARGO_TARGET_DIR="$root/target/wasm" \
      PATH="/usr/bin:$PATH" "$@"
  else
    env CARGO_TARGET_DIR="$root/target/wasm" "$@"
  fi
}
