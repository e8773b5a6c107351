#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time.
#   scripts/fuzz.sh [seconds per target, default 20]
#   scripts/fuzz.sh merge     # fold the inputs found so far into fuzz/corpus/ (minimised), to commit
# The committed corpus (fuzz/corpus/<target>/) and the AMI recordings are read as seeds; new
# inputs go to build/fuzz/corpus-<target>/, so a run never dirties the work tree. A crash
# leaves its input in build/fuzz/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
out=build/fuzz
mkdir -p "$out"
CXX=${FUZZ_CXX:-clang++-14}
flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize=function -fno-sanitize-recover=all -Isrc)

if [ ! -x "$out/ami_parser_fuzz" ] || [ -n "$(find src/ami src/common/strings.cpp fuzz/ami_parser_fuzz.cpp -newer "$out/ami_parser_fuzz" | head -1)" ]; then
  "$CXX" "${flags[@]}" fuzz/ami_parser_fuzz.cpp src/ami/parser.cpp src/ami/message.cpp src/common/strings.cpp -o "$out/ami_parser_fuzz"
fi

mkdir -p fuzz/corpus/ami-parser "$out/corpus-ami-parser"
if [ "$seconds" = merge ]; then
  "$out/ami_parser_fuzz" -merge=1 fuzz/corpus/ami-parser "$out/corpus-ami-parser" 2>&1 | tail -n 2
  exit 0
fi
"$out/ami_parser_fuzz" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/" \
  -max_len=8192 "$out/corpus-ami-parser" fuzz/corpus/ami-parser tests/fixtures/ami 2>&1 | tail -n 14
