#!/usr/bin/env bash
# Fuzz the ManageSieve grammar (framing, commands, strings) with libFuzzer for SECONDS (default 60).
#   scripts/fuzz-managesievegrammar.sh 300
# Builds ManageSieveGrammarFuzzer in release mode with -sanitize=fuzzer into .build-fuzz-managesieve (so the normal
# .build is untouched), seeds a corpus from scripts/fuzz-corpus/managesieve, and runs it.
# Crashes are written to .build-fuzz-managesieve/artifacts; replay one with
#   swift run ManageSieveGrammarFuzzer .build-fuzz-managesieve/artifacts/crash-...
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
swift build -c release --scratch-path .build-fuzz-managesieve --product ManageSieveGrammarFuzzer \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
binary="$(swift build -c release --scratch-path .build-fuzz-managesieve --show-bin-path)/ManageSieveGrammarFuzzer"
corpus=.build-fuzz-managesieve/corpus
mkdir -p "$corpus" .build-fuzz-managesieve/artifacts
cp -n scripts/fuzz-corpus/managesieve/* "$corpus"/ 2>/dev/null || true
SWIFT_BACKTRACE=enable=no "$binary" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix=.build-fuzz-managesieve/artifacts/ -print_final_stats=1
