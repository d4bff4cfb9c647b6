#!/usr/bin/env bash
# Installs everything Convene's build and tests need, and only what is missing, so a
# second run takes seconds. Works on a fresh Debian 12 machine (as root, or with sudo)
# and on a developer's machine where rustup can add the wasm32 target.
#
# Sourced by scripts/serve.sh and scripts/test.sh; not meant to be called by hand,
# though `bash scripts/setup.sh` works too.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$root/scripts/env.sh"

TRUNK_VERSION=0.21.14 # 0.22 needs rustc >= 1.96.1

log() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  if [ $apt_updated -eq 0 ]; then
    sudo_if_needed apt-get update -q >/dev/null
    apt_updated=1
  fi
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Browsers and tools the tests use: the three engines (Chromium and its driver; Firefox
# ESR, whose driver geckodriver is built below; WebKitGTK's MiniBrowser with
# WebKitWebDriver, run under Xvfb since it has no headless mode), brotli/gzip for the
# size report, Node.js for the end-to-end tests and for binaryen's wasm-opt (npm),
# pdftotext (poppler-utils) to read the printed matrix, openssl for the https data test.
apt_install chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth brotli gzip ca-certificates \
  poppler-utils openssl
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm

# The native toolchain (rustup's) must exist; a fresh Debian image for this project has it.
command -v cargo >/dev/null || { log "cargo not found: install Rust with rustup first"; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt >/dev/null 2>&1 || true

# The wasm32 toolchain: rustup's target where it can be had; otherwise Debian's
# rustc-web with its std source, built with -Zbuild-std (see scripts/env.sh). Debian's
# path is installed in both cases: scripts/check-toolchains.sh builds a canary on every
# path the machine has, so a setting only one path can build fails the test command.
if [ "$(convene_wasm_mode)" = unknown ]; then
  log "trying: rustup target add wasm32-unknown-unknown"
  if timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    log "rustup's wasm32 target added"
  else
    log "rustup cannot add wasm32 here; Debian's rustc-web will build std for wasm32"
  fi
fi
apt_install rustc-web cargo-web rust-web-src rust-web-clippy lld-19
mode="$(convene_wasm_mode)"
[ "$mode" != unknown ] || { log "no wasm32 toolchain could be set up"; exit 1; }

# Trunk, and the wasm-bindgen CLI at exactly the version in Cargo.lock.
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  log "cargo install trunk@$TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install --locked --quiet "trunk@$TRUNK_VERSION"
fi
wbg_version="$(grep -A1 '^name = "wasm-bindgen"$' "$root/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg_version\$"; then
  log "cargo install wasm-bindgen-cli@$wbg_version"
  # Not --locked: the CLI's lock file names a yanked dependency.
  cargo install --quiet "wasm-bindgen-cli@$wbg_version"
fi

# geckodriver, the WebDriver server for Firefox (Debian has no package of it).
GECKODRIVER_VERSION=0.37.1
if ! geckodriver --version 2>/dev/null | grep -q "^geckodriver $GECKODRIVER_VERSION"; then
  log "cargo install geckodriver@$GECKODRIVER_VERSION (about 3 minutes on 2 cores)"
  cargo install --locked --quiet "geckodriver@$GECKODRIVER_VERSION"
fi

# binaryen's wasm-opt from npm, at the version Trunk.toml names (Debian's is too old
# for reference types).
npm_ci() { # dir: installs its package-lock.json once, again only when the lock changes
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.installed" ]; then
    log "npm ci in ${1#"$root"/}"
    (cd "$1" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent && touch node_modules/.installed)
  fi
}
npm_ci "$root/tools"

# Node packages for the end-to-end tests (selenium-webdriver driving the three engines'
# installed drivers, axe-core, dom-accessibility-api); nothing downloads a browser.
npm_ci "$root/tests/e2e"
log "ready (wasm toolchain: $mode path$([ "$mode" = rustup ] && debian_wasm_available && echo ", Debian's path also checked"))"
