#!/usr/bin/env bash
# Sourced from the repository's root by run.sh, test.sh and bench.sh: installs the Node tools from package-lock.json
# when they are missing, older than the lock, or older than a patch in patches/ (patch-package applies those to
# Azurite after npm ci; README, "Dependencies, and why"). Messages go to stderr, so that bench.sh's stdout stays its table.
if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.package-lock.json \
      || -n "$(find patches -type f -newer node_modules/.package-lock.json 2>/dev/null)" ]]; then
  echo "==> Installing Node tools from package-lock.json (Azurite with patches/, the workflow validator, the console's packages)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
