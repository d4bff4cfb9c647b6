#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of the dataset loader, the spreadsheet import, the view codec and the
# embed message validator: builds each target in fuzz/ and runs it for N seconds.
#
#   scripts/fuzz.sh                  # every target, 600 s each
#   scripts/fuzz.sh 120              # every target, 120 s each
#   scripts/fuzz.sh 300 view_codec   # one target
#
# Works on stable Rust: RUSTC_BOOTSTRAP=1 lets the stable compiler take the
# sanitizer flag (-Zsanitizer=address) that libFuzzer builds use; no nightly
# toolchain is needed. Uses `cargo fuzz` when it is installed
# (`cargo install cargo-fuzz`), else builds with the same flags by hand.
# FUZZ_SANITIZER=none skips AddressSanitizer (faster; Rust code is memory-safe
# without it, panics are still found). FUZZ_JOBS runs that many workers per target.
# FUZZ_TARGET_DIR builds elsewhere than fuzz/target.
#
# The corpus grows in fuzz/corpus/<target> (seeded from fuzz/seeds/<target>, and
# for the loader from public/data/); a
# crash is saved in fuzz/artifacts/<target>/ and the script stops with status 1.
# Replay one with: fuzz/target/x86_64-unknown-linux-gnu/release/<target> <file>
# (or `cargo fuzz run <target> <file>` in fuzz/)
# and pin it as a named regression test in crates/convene-core/tests/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(load import view_codec embed_message)
fi
sanitizer="${FUZZ_SANITIZER:-address}"
jobs="${FUZZ_JOBS:-1}"
triple="x86_64-unknown-linux-gnu"
target_dir="$(realpath -m "${FUZZ_TARGET_DIR:-fuzz/target}")"
export RUSTC_BOOTSTRAP=1

build() {
  if cargo fuzz --version >/dev/null 2>&1; then
    (cd fuzz && cargo fuzz build -s "$sanitizer" --release --target-dir "$target_dir")
  else
    local flags="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
    flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
    flags+=" -Cllvm-args=-sanitizer-coverage-pc-table"
    flags+=" -Cllvm-args=-sanitizer-coverage-trace-compares"
    flags+=" -Cdebug-assertions -Coverflow-checks -Cforce-frame-pointers"
    if [ "$sanitizer" != none ]; then
      flags+=" -Zsanitizer=$sanitizer"
    fi
    RUSTFLAGS="$flags" cargo build --manifest-path fuzz/Cargo.toml --release \
      --target "$triple" --target-dir "$target_dir" --bins
  fi
}

build
parallel=()
if [ "$jobs" -gt 1 ]; then
  parallel=(-jobs="$jobs" -workers="$jobs")
fi
status=0
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  if [ "$target" = load ]; then
    # The bundled dataset is the loader's best seed.
    cp -n public/data/*.json "fuzz/corpus/$target/" 2>/dev/null || true
  fi
  echo "== $target: ${seconds}s"
  if ! "$target_dir/$triple/release/$target" \
      "fuzz/corpus/$target" "fuzz/seeds/$target" \
      -max_total_time="$seconds" "${parallel[@]}" \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1; then
    echo "!! $target found a crash: see fuzz/artifacts/$target/" >&2
    status=1
  fi
done
exit "$status"
