#!/usr/bin/env bash
# The mutation proof: the suite fails when the product is broken in the ways a careless change would break it.
# Each scripts/mutations/NN-name.patch changes product code only (src/) and names, in its header, the test project
# and the dotnet test filter that must then fail:
#   Mutation: what the change breaks, in a sentence
#   Project:  tests/Mouazara.Tests
#   Filter:   FullyQualifiedName~Mouazara.Tests.Some.Class
# In a temporary git worktree of HEAD (the caller's tree is never touched) it first runs every paired filter on the
# unmutated build, which must pass (or "caught" would mean nothing), then for each patch: apply it, build the one test
# project, run its filter, and report CAUGHT (a test failed) or MISSED (all passed); then the worktree is reset.
# Exits non-zero when the unmutated build fails, a patch no longer applies or builds, or a mutation is MISSED.
# Needs Azurite on 127.0.0.1:10000-10002, like the tests. Long (the crash and storage-fault tests take minutes each);
# ./test.sh does not run it.
#   scripts/mutations.sh            every mutation
#   scripts/mutations.sh 03 07      only those (by number)
#   MUTATIONS_KEEP=1                keep the worktree afterwards (its path is printed)
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
started=$(date +%s)
head=$(git rev-parse --short HEAD)
mkdir -p .local
# A run of some mutations keeps its own log and table, so two runs can go side by side.
suffix=$([[ $# -gt 0 ]] && (IFS=-; echo "-$*"))
log="$repo/.local/mutations$suffix.log"
table="$repo/.local/mutations$suffix-table.md"
: >"$log"

say() { echo "$*" | tee -a "$log"; }
field() { sed -n "s/^$2: *//p" "$1" | head -1; }

patches=()
for patch in scripts/mutations/*.patch; do
  number=$(basename "$patch" | cut -d- -f1)
  if [[ $# -eq 0 ]] || [[ " $* " == *" $number "* ]]; then
    patches+=("$repo/$patch")
  fi
done
if [[ ${#patches[@]} -eq 0 ]]; then
  echo "No mutation matches: $*" >&2
  exit 2
fi

for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null && break; sleep 2; done
if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  echo "Azurite does not answer on 127.0.0.1:10000; start it (./run.sh does) and try again." >&2
  exit 2
fi

work="$(mktemp -d /tmp/mouazara-mutations.XXXXXX)/tree"
cleanup() {
  if [[ -z "${MUTATIONS_KEEP:-}" ]]; then
    git -C "$repo" worktree remove --force "$work" >/dev/null 2>&1 || true
    rm -rf "$(dirname "$work")"
  else
    echo "Worktree kept at $work (git worktree remove --force $work)"
  fi
}
trap cleanup EXIT
git worktree add --quiet --detach "$work" "$head"
# The console bundle is built from node_modules when its sources change; reuse the caller's tools and bundle.
[[ -e node_modules ]] && ln -s "$repo/node_modules" "$work/node_modules"
[[ -d console/dist ]] && cp -r console/dist "$work/console/dist"
say "Mutation proof of $head in $work, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
build() { (cd "$work" && dotnet build "$1" -v q --nologo >>"$log" 2>&1); }
# Runs a filter; sets $failed and $passed (counts), $failing (the failed tests) and $why (each one's first error line),
# and $infra when every failure is the shared machine's (storage unreachable, a client timeout, a 5xx while calling).
# Returns dotnet test's exit code.
run_once() {
  local out rc
  out=$(cd "$work" && dotnet test "$1" --no-build --nologo --filter "$2" --blame-hang-timeout 20m --blame-hang-dump-type none 2>&1)
  rc=$?
  echo "$out" >>"$log"
  failed=$( (grep -oP '^\s*(Passed!|Failed!)\s+-\s+Failed:\s+\K\d+' <<<"$out" || true) | awk '{s+=$1} END {print s+0}')
  passed=$( (grep -oP '^\s*(Passed!|Failed!)\s+-\s+Failed:\s+\d+,\s+Passed:\s+\K\d+' <<<"$out" || true) | awk '{s+=$1} END {print s+0}')
  failing=$( (grep -oP '^\s*Failed \K[A-Za-z0-9_.]+' <<<"$out" || true) | sed 's/.*\.\([^.]*\.[^.]*\)$/\1/' | sort -u | paste -sd ' ' -)
  local lines
  lines=$( (grep -A1 '^\s*Error Message:' <<<"$out" || true) | grep -v -e 'Error Message:' -e '^--$' | sed 's/^ *//' | cut -c1-160 | sort -u)
  why=$(paste -sd '~' - <<<"$lines" | sed 's/~/ ~ /g')
  infra=""
  if [[ $rc -ne 0 && -n "$lines" ]] && ! grep -qvE "$infra_pattern" <<<"$lines"; then
    infra=1
  fi
  return $rc
}
infra_pattern='storage-unavailable|HttpClient.Timeout|does not indicate success: 50[0-9]|Unable to read data from the transport|Connection refused'
# Once more when only the shared machine failed (other people's runs load the one Azurite): a failure then is the test's.
run_tests() {
  run_once "$@" && return 0
  [[ -n "$infra" ]] || return 1
  say "   only infrastructure failures ($why); running the tests again"
  run_once "$@"
}

# Patches in project order (the unit-level project first, the long end-to-end one last).
mapfile -t projects < <(for p in "${patches[@]}"; do field "$p" Project; done | sort -u | sort -r)
status=0
for project in "${projects[@]}"; do
  filters=()
  for p in "${patches[@]}"; do
    [[ "$(field "$p" Project)" == "$project" ]] && filters+=("($(field "$p" Filter))")
  done
  union=$(IFS='|'; echo "${filters[*]}")
  say ""
  say "== $project, unmutated: build and run the paired filters"
  if ! build "$project"; then
    say "   BUILD FAILED without any mutation (see $log)"
    exit 2
  fi
  # A failure here is retried once, the failed tests alone: workflow tests wait on a shared Azurite that other runs load.
  if ! run_tests "$project" "$union" && [[ -n "$failing" ]]; then
    say "   $failed failed ($failing: $why); running those again"
    retry=$(tr ' ' '\n' <<<"$failing" | sed 's/^/FullyQualifiedName~/' | paste -sd '|' -)
    run_tests "$project" "$retry" && passed=$((passed + 1))
  fi
  if [[ $failed -eq 0 && $passed -gt 0 ]]; then
    say "   passes"
  else
    say "   FAILS without any mutation: $failed failed, $passed passed ($failing: $why). Results below would mean nothing."
    exit 2
  fi
done

rows=()
for project in "${projects[@]}"; do
  for p in "${patches[@]}"; do
    [[ "$(field "$p" Project)" == "$project" ]] || continue
    name=$(basename "$p" .patch)
    filter=$(field "$p" Filter)
    files=$(grep -oP '^\+\+\+ b/\K.*' "$p" | paste -sd ' ' -)
    t0=$(date +%s)
    say ""
    say "== $name: $(field "$p" Mutation)"
    say "   $files; $project --filter \"$filter\""
    result=""
    if ! (cd "$work" && git apply "$p" 2>>"$log"); then
      result="DOES NOT APPLY"
    elif grep -qvP '^(src|bench)/' <<<"$(grep -oP '^\+\+\+ b/\K.*' "$p")"; then
      result="NOT PRODUCT CODE"
    elif ! build "$project"; then
      result="DOES NOT BUILD"
    elif run_tests "$project" "$filter"; then
      result="MISSED"
    elif [[ $failed -gt 0 ]]; then
      result="CAUGHT"
    else
      result="ERROR (no test failed, yet the run did; see $log)"
    fi
    (cd "$work" && git reset --quiet --hard HEAD)
    [[ $result == CAUGHT ]] || status=1
    seconds=$(( $(date +%s) - t0 ))
    say "   $result in ${seconds}s${failing:+; failed: $failing: $why}"
    rows+=("| $name | $files | \`$filter\` | $result${failing:+: $failing} |")
    failing=""; why=""
  done
done

elapsed=$(( $(date +%s) - started ))
{
  echo "Run of $(date -u +%Y-%m-%d) on $head, $(nproc) cores, $((elapsed / 60)) min $((elapsed % 60)) s:"
  echo
  echo "| Mutation | File changed | Tests that must fail | Result |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} >"$table"
say ""
cat "$table" | tee -a "$log"
say ""
say "$(grep -c '| CAUGHT' "$table") of ${#rows[@]} mutations caught in $((elapsed / 60)) min $((elapsed % 60)) s (log: $log, table: $table)"
exit $status
