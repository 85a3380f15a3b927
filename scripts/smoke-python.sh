#!/usr/bin/env bash
# Builds the Python package with jsii-pacmak, installs it into a fresh virtualenv (its
# dependencies come from PyPI) and runs test/smoke/python/smoke.py against it.
set -euo pipefail
cd "$(dirname "$0")/.."
npx projen package:python
venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet dist/python/*.whl
"$venv/bin/python" test/smoke/python/smoke.py
