#!/usr/bin/env bash
# Fails when the committed output of the examples differs from a fresh synth: changed,
# added or removed files under examples/**/dist. Use the same check on your own GitOps repo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/synth-examples.sh > /dev/null
drift="$(git status --porcelain -- ':(glob)examples/**/dist/**')"
if [ -n "$drift" ]; then
  echo "committed manifests differ from a fresh synth (run 'npm run synth:examples' and commit):"
  echo "$drift"
  git --no-pager diff --stat -- ':(glob)examples/**/dist/**'
  exit 1
fi
echo "no drift: examples/**/dist matches a fresh synth"
