#!/usr/bin/env bash
# Synthesizes every example app (examples/<name>/main.ts) into its own dist/.
set -euo pipefail
cd "$(dirname "$0")/../examples"
for d in */; do
  [ -f "$d/main.ts" ] || continue
  (cd "$d" && npx ts-node --transpile-only --project ../tsconfig.json main.ts)
  echo "synthesized examples/${d}dist"
done
