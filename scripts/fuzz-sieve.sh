#!/usr/bin/env bash
# Builds the Sieve libFuzzer target (lexer, parser, validator, interpreter) and runs it for SECONDS seconds.
#
#   scripts/fuzz-sieve.sh 300
#
# The fuzzer is built in release mode with AddressSanitizer, libFuzzer's coverage instrumentation and
# -DFUZZING (which swaps the replay tool's main for one that runs libFuzzer), in its own scratch
# directory so the normal debug build is untouched. Crashes land in .build/fuzz-sieve/artifacts; replay one with a plain build:
#   swift run SieveFuzzer .build/fuzz-sieve/artifacts/crash-...
set -euo pipefail

seconds="${1:?usage: $0 SECONDS}"
cd "$(dirname "$0")/.."

scratch=.build/fuzz-sieve
# SwiftPM gives every Linux executable its own entry point (it links `--defsym main=<target>_main`), so
# libFuzzer's `main` (linked whole by -sanitize=fuzzer) would clash with it. Instead: instrument with
# -sanitize=address plus libFuzzer's coverage flags, link the no-main libFuzzer, and let the target's
# @main call LLVMFuzzerRunDriver.
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
libfuzzer="$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)"
swift build -c release --product SieveFuzzer --scratch-path "$scratch" \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    -Xswiftc -DFUZZING -Xlinker "$libfuzzer" -Xlinker -lstdc++

corpus="$scratch/corpus"
artifacts="$scratch/artifacts"
mkdir -p "$corpus" "$artifacts"
# Seeds: the Sieve scripts of the test suite, and a few shapes the grammar finds hard.
cp Tests/SieveTests/svtest/*.svtest "$corpus/"
printf 'require ["fileinto","variables"];\nif header :matches "subject" "*a*b?" { fileinto "${1}"; }\n' > "$corpus/seed-matches"
printf 'require "encoded-character";\nset "x" text: # c\n..dot\n.\n;\n/* c */ if allof(not true, anyof(false)) {stop;}\n' > "$corpus/seed-text"
printf 'if size :over 1K { discard; } elsif exists ["a","b"] { keep; } else { redirect "a@b"; }\n' > "$corpus/seed-if"

"$scratch/release/SieveFuzzer" \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus"
