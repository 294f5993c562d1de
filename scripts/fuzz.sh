#!/usr/bin/env bash
# The long fuzz run: the suite's ApiFuzzTests with more generated requests (100,000 by default) against the local
# host on Azurite (already running, or started by the test host). Prints the count, the duration and the statuses seen.
# Usage: scripts/fuzz.sh [count]; MOUAZARA_FUZZ_SEED=<seed> replays a run, MOUAZARA_FUZZ_CASE=<route template>@<case seed>
# sends one printed failing case again.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
dotnet build tests/Mouazara.Tests -v q --nologo
MOUAZARA_FUZZ_COUNT="$count" dotnet test tests/Mouazara.Tests --no-build \
  --filter "FullyQualifiedName~Mouazara.Tests.Http.ApiFuzzTests" --logger "console;verbosity=detailed" \
  | grep -E "fuzz seed|\] +(Error|Critical|at) |requests in|per route|answers of|error logs|no answer|[0-9]{3} for |Passed |Failed " 
