#!/usr/bin/env bash
# Regenerates src/imports/monitoring.coreos.com.ts (typed ServiceMonitor, PodMonitor, PrometheusRule)
# offline from the unmodified prometheus-operator 0.93.0 CRDs in ../shared/crds/.
set -euo pipefail
cd "$(dirname "$0")/.."
crds="${CRDS_DIR:-../shared/crds}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for f in servicemonitors podmonitors prometheusrules; do
  cat "$crds/monitoring.coreos.com_$f.yaml"
  echo '---'
done > "$tmp/crds.yaml"
npx -y cdk8s-cli@2.207.60 import "$tmp/crds.yaml" --output src/imports --language typescript
