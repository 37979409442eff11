#!/usr/bin/env bash
# Fuzzes the whole decode path (framing, every record layout, sampled-header decoder) with afl++.
# Usage: fuzz/run.sh [SECONDS]   (default 600). Needs: apt-get install afl++ ; dotnet tool install -g SharpFuzz.CommandLine
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
work=${FUZZ_WORK:-/tmp/sluice-fuzz}
shared=${SLUICE_SHARED:-../shared}

dotnet build -c Release fuzz/Sluice.Fuzz -o "$work/bin" >/dev/null
# SharpFuzz rewrites the library under test so afl++ sees its branch coverage.
"${HOME}/.dotnet/tools/sharpfuzz" "$work/bin/Sluice.Sflow.dll"

rm -rf "$work/corpus" && python3 fuzz/make-corpus.py "$work/corpus" "$shared"/testdata/sflow/*.pcap
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
timeout --preserve-status "$seconds" afl-fuzz -i "$work/corpus" -o "$work/findings" -t 10000 -m none \
  -- dotnet "$work/bin/Sluice.Fuzz.dll" || true
cat "$work/findings/default/fuzzer_stats" | grep -E 'execs_done|execs_per_sec|saved_crashes|saved_hangs|corpus_count|run_time'
