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

# target name, its source, the sources it tests, extra seed directories
build() {
  local name=$1 source=$2; shift 2
  if [ ! -x "$out/$name" ] || [ -n "$(find "$source" "$@" -newer "$out/$name" | head -1)" ]; then
    "$CXX" "${flags[@]}" "$source" "$@" -o "$out/$name"
  fi
}
build ami_parser_fuzz fuzz/ami_parser_fuzz.cpp src/ami/parser.cpp src/ami/message.cpp src/common/strings.cpp
build csv_reader_fuzz fuzz/csv_reader_fuzz.cpp src/contacts/csv.cpp src/common/text.cpp
build asterisk_conf_fuzz fuzz/asterisk_conf_fuzz.cpp src/asterisk/conf.cpp src/telephony/generator.cpp \
  src/telephony/validate.cpp src/common/strings.cpp

run() {
  local name=$1 corpus=$2; shift 2
  mkdir -p "fuzz/corpus/$corpus" "$out/corpus-$corpus"
  if [ "$seconds" = merge ]; then
    "$out/$name" -merge=1 "fuzz/corpus/$corpus" "$out/corpus-$corpus" 2>&1 | tail -n 2
    return
  fi
  echo "== $name"
  "$out/$name" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/" \
    -max_len=8192 "$out/corpus-$corpus" "fuzz/corpus/$corpus" "$@" 2>&1 | tail -n 14
}
run ami_parser_fuzz ami-parser tests/fixtures/ami
run csv_reader_fuzz csv-reader
run asterisk_conf_fuzz asterisk-conf tests/fixtures/telephony
