#!/usr/bin/env bash
# The validate CLI's CI formats on a fixture with findings (issue 18): `--format sarif` must validate against the
# official SARIF 2.1.0 schema (committed in test/fixtures/sarif, checked offline) and every line of
# `--format github` must parse as a GitHub Actions annotation command at the same places. Both runs must exit 1
# (the fixture has errors). Uploads nothing.
# Runs the built CLI (lib/cli/main.js, after the compile); CDK8S_DAEMONSETS_CLI overrides the command, e.g.
# CDK8S_DAEMONSETS_CLI="npx ts-node --transpile-only src/cli/main.ts" before a build.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a cli <<< "${CDK8S_DAEMONSETS_CLI:-node lib/cli/main.js}"
fixture=test/fixtures/locations
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for format in sarif github; do
  set +e
  "${cli[@]}" validate --format "$format" "$fixture" > "$tmp/out.$format" 2> "$tmp/err.$format"
  code=$?
  set -e
  if [ "$code" != 1 ]; then
    cat "$tmp/err.$format" >&2
    echo "FAIL validate --format $format $fixture exited $code, expected 1 (findings)" >&2
    exit 1
  fi
  if [ -s "$tmp/err.$format" ]; then
    cat "$tmp/err.$format" >&2
    echo "FAIL validate --format $format $fixture wrote to standard error" >&2
    exit 1
  fi
done
npx ts-node --transpile-only scripts/check-ci-formats.ts "$tmp/out.sarif" "$tmp/out.github"
