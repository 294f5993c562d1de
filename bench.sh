#!/usr/bin/env bash
# Benchmarks the backend on this machine (docs/performance.md says what each figure means):
#   ./bench.sh           full run (72 minutes on 2 cores on 2026-12-03: two rounds of intake and lifecycle)
#   ./bench.sh --quick   every scenario at small sizes, under three minutes
#   ./bench.sh --only selection   the selection solver alone; --only idle   the engine's idle cost, local vs host.json timing
# It installs the Node tools if missing (Azurite), builds Release, then runs bench/Mouazara.Bench, which starts its
# own Azurite on free loopback ports, the local host as a separate process, and the floors in its own process.
# Progress goes to stderr; the table and, as the very last line, one JSON object with every figure go to stdout.
# Options after --quick: --shared-azurite (use the emulator on 10000-10002), --intake 100,500,1000,
# --lifecycles 50,100,200, --idle-seconds 60.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/node-tools.sh

echo "==> Building Release (local host and bench)" >&2
dotnet build bench/Mouazara.Bench -c Release --nologo -v quiet -clp:ErrorsOnly >&2

exec dotnet bench/Mouazara.Bench/bin/Release/net10.0/Mouazara.Bench.dll "$@"
