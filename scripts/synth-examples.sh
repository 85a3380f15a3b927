#!/usr/bin/env bash
# Synthesizes every example app into a fresh dist/ (no stale files). An example is a directory holding main.ts:
# examples/<name>/, or one level deeper in a group of examples such as examples/consoles/<console>/.
set -euo pipefail
cd "$(dirname "$0")/../examples"
root="$PWD"
while IFS= read -r main; do
  d="${main#./}"
  d="${d%/main.ts}"
  rm -rf "$d/dist"
  (cd "$d" && npx ts-node --transpile-only --project "$root/tsconfig.json" main.ts)
  echo "synthesized examples/$d/dist"
done < <(find . -mindepth 2 -maxdepth 3 -name main.ts -not -path '*/dist/*' -not -path '*/node_modules/*' | LC_ALL=C sort)
