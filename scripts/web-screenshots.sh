#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png (1280x800) from the web UI tests: they run `sluice serve --demo` in-process, open
# each page in headless Debian chromium (scripts/test-deps.sh) and, with SLUICE_SCREENSHOTS set, save their screenshots
# there after letting the trends fill for 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
export SLUICE_SCREENSHOTS="$PWD/docs/screenshots"
export SLUICE_SHARED="${SLUICE_SHARED:-$(cd .. && pwd)/shared}"
mkdir -p "$SLUICE_SCREENSHOTS"
dotnet test --project tests/Sluice.Web.Tests -- --filter-method '*Page_Loads_*' --filter-method '*Explorer_*'
ls -l "$SLUICE_SCREENSHOTS"
