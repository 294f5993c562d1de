#!/usr/bin/env bash
# The long crash proof (docs/reliability.md, issue 12): the local host is killed with SIGKILL at random moments while
# applications are in flight through every stage, started again on the same storage, and every application is driven to
# closed. Prints the figures: kills, applications, lost, stuck, duplicate ledger rows, duplicate emails per crash.
# It runs every LongProof test, so also the storage outage in the middle of a lifecycle (StorageFaultTests).
# Needs Azurite on 127.0.0.1:10000-10002 (./run.sh or ./test.sh start one). Takes tens of minutes on two cores.
#   CRASH_PROOF_APPLICATIONS (50), CRASH_PROOF_KILLS (5), CRASH_PROOF_SEED (random) change the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CRASH_PROOF_APPLICATIONS="${CRASH_PROOF_APPLICATIONS:-50}"
export CRASH_PROOF_KILLS="${CRASH_PROOF_KILLS:-5}"
mkdir -p .local
log=.local/crash-proof.log
dotnet build tests/Mouazara.Local.Tests -v q --nologo
# The proof carries the LongProof trait, which the project's default filter leaves out of ./test.sh.
status=0
dotnet test tests/Mouazara.Local.Tests --no-build --nologo --filter "Category=LongProof" --logger "console;verbosity=detailed" 2>&1 | tee "$log" || status=$?
echo
grep -h "figures:" "$log" | tail -1 || echo "No figures: the proof failed before the end (see $log)."
echo "$(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(uname -sr)"
exit $status
