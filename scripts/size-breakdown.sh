#!/usr/bin/env bash
# Where the app's wasm bytes go, per crate and per module of ours (issue 18).
#
#   scripts/size-breakdown.sh          # builds the app's wasm as shipped, then prints the tables
#   scripts/size-breakdown.sh --top 40 # also the 40 biggest functions
#   scripts/size-breakdown.sh --bin convene-open # the worker's module that opens data
#
# The shipped wasm has no names, so this builds the same release wasm, binds it with
# wasm-bindgen and optimises it with the pinned wasm-opt and index.html's flags as
# Trunk does, but keeps the name section (`-g`), then asks twiggy (a well-kept
# wasm code-size profiler; installed here if missing, not by the test command) for
# every function's shallow size. Figures are raw bytes after wasm-opt, before
# brotli: brotli shrinks every part by roughly the same factor (about 3x here), so the
# shares hold. Not part of the test command: it is an investigation tool.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/env.sh
source scripts/env.sh
top=0 bin=convene
while [ $# -gt 0 ]; do
  case "$1" in
    --top) top="${2:-40}"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;; # convene-open: the worker's module that opens data
    *) echo "size-breakdown: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v twiggy >/dev/null || cargo install --locked twiggy@0.8.0

out="$root/target/size"
mkdir -p "$out"
with_wasm_env cargo build --quiet --release --target wasm32-unknown-unknown -p convene --bin "$bin"
wasm="$root/target/wasm/wasm32-unknown-unknown/release/$bin.wasm" # with_wasm_env's target dir
wasm-bindgen --target web --out-dir "$out" "$wasm"
read -r -a params <<<"$(sed -n 's/.*data-bin="'"$bin"'".*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
with_wasm_env wasm-opt -Oz -g "${params[@]}" -o "$out/named.wasm" "$out/${bin}_bg.wasm"
twiggy top -n 1000000 --format csv "$out/named.wasm" >"$out/top.csv"
printf 'named, optimised wasm: %s (%d bytes; the name section is not shipped)\n' \
  "$out/named.wasm" "$(wc -c <"$out/named.wasm")"

python3 - "$out/top.csv" "$top" <<'EOF'
import collections, csv, re, sys

rows = list(csv.DictReader(open(sys.argv[1])))
top = int(sys.argv[2])
crates, ours = collections.Counter(), collections.Counter()
funcs = []
for row in rows:
    name, size = row["Name"], int(row["ShallowSize"])
    if "subsection" in name or name.startswith("custom section"):
        continue  # names and producers: not shipped
    funcs.append((size, name))
    if name.startswith("data segment"):
        key = "(data: strings, tables)"
    else:
        # The crate is the first path segment, after any `<`/`&` of a trait impl.
        m = re.match(r"^[<&\s]*(?:mut\s+)?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
        key = m.group(1) if m else "(glue, closures, vtables)"
    crates[key] += size
    if key in ("convene", "convene_core"):
        m = re.match(r"^[<&\s]*[a-z_]+::([a-z_0-9]+)", name)
        ours[f"{key}::{m.group(1) if m else '?'}"] += size
total = sum(crates.values())
print(f"\ncode and data: {total} bytes\n\n{'bytes':>9} {'share':>6}  crate")
for key, size in crates.most_common(20):
    print(f"{size:9d} {100 * size / total:5.1f}%  {key}")
print(f"\n{'bytes':>9} {'share':>6}  module of ours")
for key, size in ours.most_common(30):
    print(f"{size:9d} {100 * size / total:5.1f}%  {key}")
if top:
    print(f"\n{'bytes':>9}  function")
    for size, name in sorted(funcs, reverse=True)[:top]:
        print(f"{size:9d}  {name[:110]}")
EOF
