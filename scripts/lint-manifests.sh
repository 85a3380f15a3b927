#!/usr/bin/env bash
# Third-party validators on every example's committed YAML (examples/**/dist/*.k8s.yaml):
#   - kubeconform: strict (unknown fields are errors), offline, against per-kind schemas written from this
#     repository's schemas/ (the same k8s.io/kubernetes OpenAPI source as the `schema` rules);
#   - kube-score: every check, with the findings we accept listed in lint/kube-score-ignore.txt, one per
#     line with its reason. Any other finding fails the run.
# kube-linter is not run: the Go module proxy refuses golang.stackrox.io/kube-linter and
# github.com/stackrox/kube-linter (403), so it cannot be built here.
# The binaries come from scripts/control-plane/build.sh (cached outside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bin="$(bash scripts/control-plane/build.sh validators | tail -1)"
minor="${KUBERNETES_MINOR:-1.37}"

mapfile -t files < <(find examples -path '*/dist/*' -name '*.k8s.yaml' | sort)
[ "${#files[@]}" -gt 0 ] || { echo "no example manifests found" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npx ts-node --transpile-only scripts/kubeconform-schemas.ts "$tmp/schemas" "$minor"

echo "== kubeconform (strict, Kubernetes $minor, ${#files[@]} files)"
"$bin/kubeconform" -strict -summary -output text \
  -schema-location "$tmp/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
  "${files[@]}"

echo "== kube-score (${#files[@]} files)"
ignores=()
while IFS= read -r line; do
  id="${line%%#*}"; id="$(echo "$id" | xargs)"
  case "$id" in
    "") ;;
    --*) ignores+=("$id") ;;
    *) ignores+=(--ignore-test "$id") ;;
  esac
done < lint/kube-score-ignore.txt
# kube-score judges each file's objects together (a Service and the pods it selects, say), so it runs
# once per synthesized app directory.
status=0
for dir in $(printf '%s\n' "${files[@]}" | xargs -n1 dirname | sort -u); do
  echo "-- $dir"
  if ! "$bin/kube-score" score --output-format ci --exit-one-on-warning "${ignores[@]}" "$dir"/*.k8s.yaml > "$tmp/score.txt"; then
    grep -vE '^\[OK\]|^\[SKIPPED\]' "$tmp/score.txt" || true
    status=1
  else
    echo "   $(grep -c '^\[OK\]' "$tmp/score.txt") checks OK, $(grep -c '^\[SKIPPED\]' "$tmp/score.txt") skipped"
  fi
done
echo "lint:manifests finished in $((SECONDS - start)) s"
exit $status
