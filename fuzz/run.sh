#!/usr/bin/env bash
# Fuzzing on the stable toolchain: libFuzzer (built from source by the libfuzzer-sys crate, with
# the system C++ compiler) and rustc's own SanitizerCoverage pass, which stable rustc enables
# with `-C passes=sancov-module` (what cargo-fuzz does, minus the nightly-only sanitizers),
# passed by rustc-wrapper.sh to our own crate and the Markdown parser only.
#
#   fuzz/run.sh build                 # build every target
#   fuzz/run.sh TARGET [ARGS…]        # run one, e.g. fuzz/run.sh profile -runs=10000000
#   fuzz/run.sh merge TARGET          # shrink its corpus to the inputs that add coverage
#   fuzz/run.sh smoke                 # every target over its committed corpus (CI)
set -euo pipefail
cd "$(dirname "$0")"
export RUSTFLAGS="--cfg fuzzing"
export RUSTC_WRAPPER="$PWD/rustc-wrapper.sh"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
# An explicit --target keeps RUSTFLAGS off build scripts and proc macros.
host="$(rustc -vV | sed -n 's/^host: //p')"
targets=(profile draft markdown layout pdf)
build() { cargo build --locked --release --bins --target "$host"; }
bin() { echo "$CARGO_TARGET_DIR/$host/release/$1"; }
case "${1:-}" in
  build) build ;;
  smoke)
    build
    for t in "${targets[@]}"; do
      # Every committed input once, then a few seconds of new ones.
      "$(bin "$t")" -runs=0 "corpus/$t"
      "$(bin "$t")" -max_total_time=5 -dict="dict/$t.dict" "corpus/$t" -seed=1 \
        -artifact_prefix="$CARGO_TARGET_DIR/" 2>&1 | tail -1
    done ;;
  merge)
    # The `regression-…` inputs keep their names; the rest is what adds coverage to them.
    t=$2; build
    rm -rf "corpus/.$t.merged"; mkdir "corpus/.$t.merged"
    cp corpus/"$t"/regression-* "corpus/.$t.merged/" 2>/dev/null || true
    "$(bin "$t")" -merge=1 "corpus/.$t.merged" "corpus/$t" 2>&1 | tail -1
    rm -rf "corpus/$t"; mv "corpus/.$t.merged" "corpus/$t" ;;
  profile|draft|markdown|layout|pdf)
    t=$1; shift
    build
    mkdir -p "corpus/$t"
    "$(bin "$t")" -dict="dict/$t.dict" -artifact_prefix="$CARGO_TARGET_DIR/" "$@" "corpus/$t" ;;
  *) echo "usage: fuzz/run.sh build|smoke|merge TARGET|profile|draft|markdown|layout|pdf [libFuzzer options]" >&2; exit 2 ;;
esac
