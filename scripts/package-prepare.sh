#!/usr/bin/env bash
# `npx projen package:prepare`, the first step of every package:* task (so package-all works on a fresh clone):
#   - jsii compile when .jsii is missing or older than src/, README.md (jsii embeds it) or package.json;
#   - jsii-rosetta extract when the implicit tablet .jsii.tabl.json is missing or older than .jsii or rosetta/:
#     jsii-pacmak reads that tablet to write the README's snippets, translated, into the Python wheel's and the
#     Java jar's descriptions and docstrings (without it they keep the TypeScript under Python and Java fences).
# Up to date, it does nothing, so package-all prepares once for its four package tasks.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .jsii ] || [ -n "$(find src README.md package.json -newer .jsii -print -quit)" ]; then
  npx projen compile
fi
if [ ! -f .jsii.tabl.json ] || [ -n "$(find .jsii rosetta -newer .jsii.tabl.json -print -quit)" ]; then
  npx projen rosetta:extract
fi
