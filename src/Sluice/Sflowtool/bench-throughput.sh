#!/usr/bin/env bash
# Decode throughput of `sluice sflowtool -r big.pcap -j > /dev/null` against InMon's sflowtool on the same file
# (issue 3 acceptance: at least 2x sflowtool). Builds a pool with the shared generator, expands it to N datagrams,
# builds sluice in Release, times both, prints datagrams/s.
#
#   src/Sluice/Sflowtool/bench-throughput.sh [datagrams=1000000]
#
# Environment: SLUICE_SHARED (default ../shared beside the repository), SFLOWTOOL (default: sflowtool on PATH,
# else /tmp/ref/sflowtool/src/sflowtool), WORK (scratch folder, default /tmp/sluice-bench).
set -euo pipefail
count=${1:-1000000}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
shared=${SLUICE_SHARED:-$repo/../shared}
work=${WORK:-/tmp/sluice-bench}
sflowtool=${SFLOWTOOL:-$(command -v sflowtool || echo /tmp/ref/sflowtool/src/sflowtool)}
mkdir -p "$work"

if [[ ! -x $work/sflowgen ]]; then
  gcc -O2 -Wall -o "$work/sflowgen" "$shared/tools/sflowgen.c"
fi
if [[ ! -s $work/pool.pcap ]]; then
  python3 "$shared/tools/sflowgen.py" pcap -o "$work/pool.pcap" -n 20000 --seed 1 >/dev/null
fi
big=$work/sflow-$count.pcap
if [[ ! -s $big ]]; then
  "$work/sflowgen" -r "$work/pool.pcap" -w "$big" -n "$count" >/dev/null
fi

dotnet build "$repo/src/Sluice/Sluice.csproj" -c Release -o "$work/sluice" -nologo -v quiet >/dev/null
sluice=(dotnet "$work/sluice/sluice.dll" sflowtool)

rate() { # name, command...
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" -r "$big" -j >/dev/null 2>"$work/$name.stderr"
  end=$(date +%s.%N)
  awk -v n="$count" -v s="$start" -v e="$end" -v name="$name" \
    'BEGIN { printf "%-10s %9d datagrams in %7.2f s = %9.0f datagrams/s\n", name, n, e - s, n / (e - s) }'
}

echo "file: $big ($(stat -c %s "$big") bytes)"
rate sflowtool "$sflowtool"
rate sluice "${sluice[@]}"
