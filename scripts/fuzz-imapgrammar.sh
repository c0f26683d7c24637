#!/usr/bin/env bash
# Fuzz the IMAP command parser with libFuzzer for SECONDS (default 60).
#   scripts/fuzz-imapgrammar.sh 300
# Builds IMAPGrammarFuzzer in release mode with -sanitize=fuzzer into .build-fuzz-imap (so the normal
# .build is untouched), seeds a corpus from scripts/fuzz-corpus/imap, and runs it.
# Crashes are written to .build-fuzz-imap/artifacts; replay one with
#   swift run IMAPGrammarFuzzer .build-fuzz-imap/artifacts/crash-...
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
swift build -c release --scratch-path .build-fuzz-imap --product IMAPGrammarFuzzer \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
binary="$(swift build -c release --scratch-path .build-fuzz-imap --show-bin-path)/IMAPGrammarFuzzer"
corpus=.build-fuzz-imap/corpus
mkdir -p "$corpus" .build-fuzz-imap/artifacts
cp -n scripts/fuzz-corpus/imap/* "$corpus"/ 2>/dev/null || true
SWIFT_BACKTRACE=enable=no "$binary" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix=.build-fuzz-imap/artifacts/ -print_final_stats=1
