#!/usr/bin/env bash
# RUSTC_WRAPPER for run.sh: adds the SanitizerCoverage flags (and debug assertions and overflow
# checks) to the crates whose coverage guides the fuzzer, budapest-gap and the Markdown parser
# that reads the fuzzed drafts, and to no other. The fuzz targets' own glue and checks, fonts,
# compression, PDF writing, JSON, stemming and language detection run as plain release code:
# they decide none of our branches, and instrumented they took most of each execution
# (README.md). FUZZ_INSTRUMENT (crate names, space-separated) overrides the list; cargo does
# not see a change of this script or of FUZZ_INSTRUMENT, so `cargo clean` after one.
rustc="$1"; shift
name=""; prev=""
for a in "$@"; do
  [ "$prev" = "--crate-name" ] && name="$a"
  prev="$a"
done
case " ${FUZZ_INSTRUMENT:-budapest_gap pulldown_cmark} " in
  *" $name "*)
    exec "$rustc" "$@" -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
      -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
      -Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks ;;
  *) exec "$rustc" "$@" ;;
esac
