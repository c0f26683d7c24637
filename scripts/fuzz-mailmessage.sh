#!/usr/bin/env bash
# Bounded libFuzzer run over MailMessage (structure parser, ENVELOPE, BODYSTRUCTURE, sections,
# BINARY, decoders, search and DKIM helpers).
# Usage: scripts/fuzz-mailmessage.sh [SECONDS]   (default 60)
# Builds into .build-fuzz (never touches .build), seeds from Tests/MailMessageCorpus, writes new
# inputs to .build-fuzz/corpus and any crash/timeout reproducer to .build-fuzz/artifacts/.
# Exits non-zero on a crash, a timeout (>10 s on one input) or an out-of-memory.
set -euo pipefail
SECONDS_TO_RUN=${1:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
swift build -c release --scratch-path .build-fuzz --product MailMessageFuzzer \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -g
BIN=$(swift build -c release --scratch-path .build-fuzz --show-bin-path)/MailMessageFuzzer
mkdir -p .build-fuzz/corpus .build-fuzz/artifacts
"$BIN" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 -artifact_prefix=.build-fuzz/artifacts/ \
    .build-fuzz/corpus Tests/MailMessageCorpus Tests/MailMessageCorpus/fuzz-regressions
