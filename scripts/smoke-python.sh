#!/usr/bin/env bash
# `npm run test:python` (and the last step of `npm run test:installed`): builds the Python package with
# jsii-pacmak (package:python compiles and extracts the README's translated snippets first), installs the wheel
# into a fresh virtualenv (its dependencies come from PyPI) and checks what a Python user gets:
#   - the wheel's description (METADATA) is the README with Python code, not TypeScript;
#   - test/smoke/python/smoke.py;
#   - the README's hand-written Python app (main.py), and jsii-rosetta's translation of the README's TypeScript
#     app as it appears in that description, each synthesizing the example's dist/ (checked), both identical
#     to each other and, with README_APP_DIST=<dir>, to the TypeScript app's output.
set -euo pipefail
cd "$(dirname "$0")/.."
check() { npx ts-node --transpile-only test/installed/readme-app.ts "$@"; }

npx projen package:python
wheel="$(ls dist/python/*.whl)"
work="$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-daemonsets-python.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$wheel"
echo "  $(basename "$wheel") in a fresh virtualenv ($("$work/venv/bin/python" --version))"

metadata="$work/METADATA"
unzip -p "$wheel" '*.dist-info/METADATA' > "$metadata"
check description "$metadata"

"$work/venv/bin/python" test/smoke/python/smoke.py

for app in readme translated; do
  mkdir -p "$work/$app"
  if [ "$app" = readme ]; then check write "$work/$app" main.py; else check write-from "$metadata" "$work/$app" main.ts=main.py; fi
  ( cd "$work/$app" && "$work/venv/bin/python" main.py ) || { echo "FAIL: the $app Python app failed" >&2; exit 1; }
  check check "$work/$app/dist"
done
check same "$work/readme/dist" "$work/translated/dist"
if [ -n "${README_APP_DIST:-}" ]; then check same "$README_APP_DIST" "$work/readme/dist"; fi
