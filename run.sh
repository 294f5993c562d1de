#!/usr/bin/env bash
# Brings up the whole backend on this machine: Node tools (Azurite), the .NET build, Azurite, and the local host
# on http://localhost:7071 with the demo edition and sample submissions. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/node-tools.sh

# The staff console (console/): bundled by esbuild into console/dist, which the library embeds (the .NET build also
# runs this when console sources changed; doing it here makes a fresh machine's first build complete).
echo "==> Building the staff console"
npm run --silent build:console

echo "==> Building the local host"
dotnet build src/Mouazara.Local --nologo -v quiet -clp:ErrorsOnly

port="${Local__Port:-7071}"
if curl -s -o /dev/null "http://localhost:${port}/api/health"; then
  echo "Something already answers on port ${port}; stop it first (or set Local__Port)." >&2
  exit 1
fi

echo "==> Starting the local host (Azurite starts with it when no storage answers; data in .local/)"
dotnet src/Mouazara.Local/bin/Debug/net10.0/Mouazara.Local.dll &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 120); do
  if curl -s -o /dev/null -w '%{http_code}' "http://localhost:${port}/api/health" | grep -q 200; then break; fi
  if ! kill -0 $host 2>/dev/null; then echo "The local host stopped; see the messages above." >&2; exit 1; fi
  sleep 0.5
done

cat <<NEXT

  Mouazara is running on http://localhost:${port}  (demo edition "demo", two sample applications seeded)

  Next steps (README.md, "Walk-through", has the full story):
    Staff and finance console   http://localhost:${port}/console/   (pick a role to sign in)
    Outbox (every email sent)   http://localhost:${port}/dev/outbox
    Submit an application       node scripts/submit.mjs samples/generic/02-association-tissage-missing-documents.json --new-id
    Staff token                 curl -s -H 'Accept: text/plain' 'http://localhost:${port}/dev/token?role=staff'
    Finance token               curl -s -H 'Accept: text/plain' 'http://localhost:${port}/dev/token?role=finance'
    List applications           curl -s -H "Authorization: Bearer \$STAFF" 'http://localhost:${port}/api/applications?edition=demo'
    Health                      http://localhost:${port}/api/health

  Ctrl+C stops the host (Azurite's data stays in .local/).
NEXT

wait $host
