#!/usr/bin/env bash
# Synthesizes every example app (examples/<name>/main.ts) into a fresh dist/ (no stale files).
set -euo pipefail
cd "$(dirname "$0")/../examples"
for d in */; do
  [ -f "$d/main.ts" ] || continue
  rm -rf "${d}dist"
  (cd "$d" && npx ts-node --transpile-only --project ../tsconfig.json main.ts)
  echo "synthesized examples/${d}dist"
done
