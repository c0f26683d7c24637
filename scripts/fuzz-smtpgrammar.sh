#!/usr/bin/env bash
# Builds the SMTPGrammar libFuzzer target and runs it for SECONDS seconds.
#
#   scripts/fuzz-smtpgrammar.sh 300
#
# The fuzzer is built in release mode with AddressSanitizer, libFuzzer's coverage instrumentation and
# -DFUZZING (which swaps the replay tool's main for one that runs libFuzzer), in its own scratch
# directory so the normal debug build is untouched. Crashes land in .build/fuzz-smtpgrammar/artifacts; replay one with a plain build:
#   swift run SMTPGrammarFuzzer .build/fuzz-smtpgrammar/artifacts/crash-...
set -euo pipefail

seconds="${1:?usage: $0 SECONDS}"
cd "$(dirname "$0")/.."

scratch=.build/fuzz-smtpgrammar
# SwiftPM gives every Linux executable its own entry point (it links `--defsym main=<target>_main`), so
# libFuzzer's `main` (linked whole by -sanitize=fuzzer) would clash with it. Instead: instrument with
# -sanitize=address plus libFuzzer's coverage flags, link the no-main libFuzzer, and let the target's
# @main call LLVMFuzzerRunDriver.
toolchain="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")"
libfuzzer="$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)"
swift build -c release --product SMTPGrammarFuzzer --scratch-path "$scratch" \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    -Xswiftc -DFUZZING -Xlinker "$libfuzzer" -Xlinker -lstdc++

corpus="$scratch/corpus"
artifacts="$scratch/artifacts"
mkdir -p "$corpus" "$artifacts"
# Seeds: a whole transaction, replies, and the smuggling shapes.
printf 'EHLO client.example\r\nMAIL FROM:<a@b.example> SIZE=10 BODY=8BITMIME SMTPUTF8\r\nRCPT TO:<"x y"@[IPv6:2001:db8::1]> NOTIFY=SUCCESS ORCPT=rfc822;x+40y\r\nDATA\r\n' > "$corpus/seed-commands"
printf '250-mx.example\r\n250-PIPELINING\r\n250 2.0.0 OK\r\n550 5.1.1 no\r\n' > "$corpus/seed-replies"
printf 'Subject: x\r\n\r\n..dot\r\na\n.\nb\r.\r\r\n.\r\nQUIT\r\n' > "$corpus/seed-data"
printf 'BDAT 5 LAST\r\nAUTH PLAIN AGE=\r\nXCLIENT NAME=a+20b\r\n' > "$corpus/seed-misc"

"$scratch/release/SMTPGrammarFuzzer" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus"
