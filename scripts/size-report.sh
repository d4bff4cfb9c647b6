#!/usr/bin/env bash
# Prints each file of a built dist/ with its raw, gzip and brotli sizes, and totals:
# the app's code over the wire (wasm + JS + CSS) is budgeted at 150 KB brotli.
#
# With --check it also fails when that figure passes the limit recorded in
# scripts/size-limit.txt: today's size plus a margin of about 500 B, because a
# comment that moves a line changes the panic locations in the wasm, and with them
# the brotli size by up to about 200 B. Lower it as the app shrinks; raise it only
# with a reason in the commit that does.
set -euo pipefail
check=0
[ "${1:-}" = --check ] && { check=1; shift; }
dist="${1:-dist}"
[ -d "$dist" ] || { echo "size-report: no $dist/ (build first)" >&2; exit 1; }
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0 code_br=0
while IFS= read -r file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  printf '%-48s %10d %10d %10d\n' "${file#"$dist"/}" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  case "$file" in *.wasm | *.js | *.css) code_br=$((code_br + br)) ;; esac
done < <(find "$dist" -type f | sort)
printf '%-48s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
printf 'app code (wasm + js + css), brotli: %d bytes (budget 153600)\n' "$code_br"
if [ $check -eq 1 ]; then
  limit="$(grep -o '^[0-9]*' "$(dirname "$0")/size-limit.txt" | head -n 1)"
  if [ "$code_br" -gt "$limit" ]; then
    echo "size-report: app code is $code_br bytes brotli, over the recorded limit of $limit (scripts/size-limit.txt)" >&2
    exit 1
  fi
  echo "size-report: within the recorded limit of $limit bytes"
fi
