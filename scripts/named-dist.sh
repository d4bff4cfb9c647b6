#!/usr/bin/env bash
# A copy of a built dist/ whose wasm keeps its function names, for CPU profiles
# that name the wasm's functions (bench/prof-start.mjs, bench/prof-keys.mjs --cpu,
# bench/prof-click.mjs --cpu). Not part of the test command.
#
#   scripts/named-dist.sh DIST OUT   # DIST built from this tree (trunk build --release)
#
# scripts/size-breakdown.sh builds the same release wasm with its name section
# (target/size/named.wasm); this copies DIST to OUT, puts that wasm in place of
# the hashed one and drops index.html's integrity attributes (the bytes differ
# from the hashes Trunk wrote). Timings from it are slightly slower than the
# shipped build's (a bigger module to compile); compare builds with the shipped
# wasm, find where the time goes with this one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 2 ] || { echo "usage: scripts/named-dist.sh DIST OUT" >&2; exit 2; }
dist="$(cd "$1" && pwd)"
out="$2"
bash "$root/scripts/size-breakdown.sh" >/dev/null
wasm=("$dist"/convene-[0-9a-f]*_bg.wasm) # the page's (hashed) module, not the worker's convene-open
[ -f "${wasm[0]}" ] || { echo "named-dist: no *_bg.wasm in $dist" >&2; exit 1; }
rm -rf "$out"
cp -r "$dist" "$out"
cp "$root/target/size/named.wasm" "$out/$(basename "${wasm[0]}")"
sed -i 's/ integrity="[^"]*"//g' "$out/index.html"
echo "named-dist: $out (wasm with names: $(wc -c <"$out/$(basename "${wasm[0]}")") bytes)"
