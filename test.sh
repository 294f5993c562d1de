#!/usr/bin/env bash
# Runs every test. On a fresh machine with only the .NET SDK and Node.js it installs what the tests need:
# Node tools from package-lock.json (Azurite with patches/, the workflow validator) and Debian's Chromium for the page tests,
# then starts Azurite in memory (unless one answers) and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/node-tools.sh

# The staff console (console/): bundled by esbuild into console/dist, which the library embeds (the .NET build also
# runs this when console sources changed; doing it here makes a fresh machine's first build complete).
echo "==> Building the staff console"
npm run --silent build:console

mkdir -p .local
# Chromium downloads while .NET builds (one waits on the network, the other on the CPU); the tests wait for both.
chromium_pid=""
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> Installing Chromium (Debian package) for the page tests, in the background (.local/chromium-install.log)"
  sudo_cmd=""
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi
  # fonts-dejavu-core carries the Arabic glyphs the pages are rendered with.
  ( $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-dejavu-core ) \
    > .local/chromium-install.log 2>&1 &
  chromium_pid=$!
fi

azurite_pid=""
if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  echo "==> Starting Azurite for the tests (in memory)"
  # In memory: on disk, Azurite writes its whole table database out again every few seconds, and the suite's
  # thousands of rows made every later request slower (the tests keep nothing across runs).
  # Without telemetry: Azurite otherwise samples every request for Application Insights and tries to send it.
  node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --inMemoryPersistence --disableTelemetry \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .local/azurite-tests.log 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.5; done
fi
# Azurite does not always exit on SIGTERM when started in the background: give it a moment, then make sure.
cleanup() {
  if [[ -n "$azurite_pid" ]]; then
    kill "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$azurite_pid" 2>/dev/null || return 0; sleep 0.25; done
    kill -9 "$azurite_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
log=.local/test-output.log
echo "==> Building"
dotnet build Mouazara.Functions.sln --nologo -v q 2>&1 | tee "$log"
if [[ -n "$chromium_pid" ]] && ! wait "$chromium_pid"; then
  cat .local/chromium-install.log
  echo "Chromium could not be installed: the page tests need Debian's package chromium." >&2
  exit 1
fi

# The tests run at a lower CPU priority than Azurite: every host in the suite waits on that one Node thread, and at the
# suite's peak (a load of 30 on two cores) an equal share left it answering in tens of seconds, past the hosts' storage
# timeouts. Ahead of the tests, it keeps answering in time and the hosts spend their CPU on work instead of retries.
status=0
nice -n 10 dotnet test Mouazara.Functions.sln --nologo --no-build 2>&1 | tee -a "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
passed=$( (grep -oP '^\s*(Passed!|Failed!)\s+-\s+Failed:\s+\d+,\s+Passed:\s+\K\d+' "$log" || true) | awk '{s+=$1} END {print s+0}')
failed=$( (grep -oP '^\s*(Passed!|Failed!)\s+-\s+Failed:\s+\K\d+' "$log" || true) | awk '{s+=$1} END {print s+0}')
skipped=$( (grep -oP 'Skipped:\s+\K\d+(?=, Total)' "$log" || true) | awk '{s+=$1} END {print s+0}')
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
