#!/usr/bin/env bash
# Fuzzes a datagram's way through Sluice with afl++.
# Usage: fuzz/run.sh [SECONDS] [ingest|decode]   (default 600 ingest)
#   ingest: the whole ingest path a shard worker runs (forwarding, decode, agents, counters, flows, tenants);
#           Sluice.Sflow.dll and Sluice.Engine.dll are instrumented.
#   decode: the codec alone (framing, record layouts, sampled-header decoder); Sluice.Sflow.dll is instrumented.
# Needs: apt-get install afl++ ; dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 ; npm ci --prefix data
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
mode=${2:-ingest}
work=${FUZZ_WORK:-/tmp/sluice-fuzz}
shared=${SLUICE_SHARED:-../shared}

dotnet build -c Release fuzz/Sluice.Fuzz -o "$work/bin" >/dev/null
# SharpFuzz rewrites the libraries under test so afl++ sees their branch coverage.
libraries=("$work/bin/Sluice.Sflow.dll")
if [ "$mode" = ingest ]; then libraries+=("$work/bin/Sluice.Engine.dll"); fi
for library in "${libraries[@]}"; do "${HOME}/.dotnet/tools/sharpfuzz" "$library"; done

# Seeds: the UDP payloads of the shared captures, and every input that ever crashed the target.
rm -rf "$work/corpus" && python3 fuzz/make-corpus.py "$work/corpus" "$shared"/testdata/sflow/*.pcap
find tests/Sluice.Sflow.Tests/testdata/fuzz tests/Sluice.Engine.Tests/testdata/hostile -type f ! -name "*.md" -exec cp {} "$work/corpus/" \;
export SLUICE_DATA="$PWD/data"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
arguments=()
if [ "$mode" = decode ]; then arguments=(decode); fi
timeout --preserve-status "$seconds" afl-fuzz -i "$work/corpus" -o "$work/findings-$mode" -t 10000 -m none \
  -- dotnet "$work/bin/Sluice.Fuzz.dll" "${arguments[@]}" || true
grep -E 'run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|stability|bitmap_cvg' \
  "$work/findings-$mode/default/fuzzer_stats"
