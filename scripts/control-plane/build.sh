#!/usr/bin/env bash
# Builds (once) and caches every binary the e2e tier and `npm run lint:manifests` need, all from the Go
# module proxy:
#   - kube-apiserver, kube-controller-manager, kube-scheduler, kubectl: k8s.io/kubernetes, pinned with its
#     staging modules in scripts/control-plane/k8s/go.mod
#   - etcd: go.etcd.io/etcd/server/v3, pinned in scripts/control-plane/etcd/go.mod
#   - kwok, kubeconform, kube-score: `go install <module>@<version>` (their go.mod files have no replaces)
#
# The cache directory is keyed by every version below, so a bump builds a fresh set and a second run with
# the same versions does nothing. It lives outside the repository:
#   ${CDK8S_DAEMONSETS_CACHE:-$HOME/.cache/cdk8s-daemonsets}/tools-<key>/bin
# Prints that bin directory on its last line of stdout; progress and timings go to stderr.
#
# Usage: scripts/control-plane/build.sh [control-plane|validators|all]   (default: all)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# The version a go.mod requires of a module (single-line or block form).
required() { awk -v m="$2" '($1 == "require" && $2 == m) { print $3; exit } ($1 == m && $2 ~ /^v/) { print $2; exit }' "$1"; }
KUBERNETES_VERSION="$(required "$here/k8s/go.mod" k8s.io/kubernetes)"
ETCD_VERSION="$(required "$here/etcd/go.mod" go.etcd.io/etcd/server/v3)"
[ -n "$KUBERNETES_VERSION" ] && [ -n "$ETCD_VERSION" ] || { echo "cannot read the pinned versions from $here/*/go.mod" >&2; exit 1; }
KWOK_VERSION=v0.8.0
KUBECONFORM_VERSION=v0.8.0
KUBE_SCORE_VERSION=v1.20.0

what="${1:-all}"
case "$what" in control-plane|validators|all) ;; *) echo "usage: $0 [control-plane|validators|all]" >&2; exit 2 ;; esac

# Bump when the way the binaries are built changes, so caches made the old way are not reused.
RECIPE=2
key="r${RECIPE}_k8s-${KUBERNETES_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}_kubeconform-${KUBECONFORM_VERSION}_kube-score-${KUBE_SCORE_VERSION}"
cache="${CDK8S_DAEMONSETS_CACHE:-$HOME/.cache/cdk8s-daemonsets}"
bin="$cache/tools-$key/bin"
mkdir -p "$bin"

export GOFLAGS="${GOFLAGS:-} -trimpath"
export CGO_ENABLED=0

log() { echo "[control-plane/build] $*" >&2; }

# step NAME BINARY... -- COMMAND...: runs COMMAND unless every BINARY is already in $bin; logs its duration.
step() {
  local name="$1"; shift
  local bins=()
  while [ "$1" != "--" ]; do bins+=("$1"); shift; done
  shift
  local missing=0
  for b in "${bins[@]}"; do [ -e "$bin/$b" ] || missing=1; done
  if [ "$missing" = 0 ]; then
    log "$name: cached"
    return
  fi
  local start=$SECONDS
  log "$name: building ..."
  # Build into a temporary directory and move into place, so an interrupted build never looks cached.
  local tmp
  tmp="$(mktemp -d "$bin/.build.XXXXXX")"
  GOBIN="$tmp" OUT="$tmp" "$@" >&2
  for b in "${bins[@]}"; do mv "$tmp/$b" "$bin/$b"; done
  rmdir "$tmp"
  log "$name: built in $((SECONDS - start)) s"
}

# The version stamp Kubernetes' own build (hack/lib/version.sh) sets, so `kubectl version` and /version
# report the release instead of v0.0.0-master; -s -w drop the symbol tables (a third of the size).
k8s_ldflags() {
  local minor="${KUBERNETES_VERSION#v1.}"; minor="${minor%%.*}"
  echo "-s -w -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/component-base/version.gitTreeState=clean"
}
build_k8s() { (cd "$here/k8s" && go build -ldflags="$(k8s_ldflags)" -o "$OUT/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl); }
# kwok does nothing without Stage definitions. Its module ships the "fast" set (node initialize, heartbeat
# with lease, pod ready/complete/delete) that kwokctl uses; take it from the module at the pinned version.
kwok_stages() {
  local dir
  dir="$(go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | awk -F'"' '$2 == "Dir" { print $4 }')"
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
    echo "---"
    cat "$dir/kustomize/stage/$f"
  done > "$OUT/kwok-stages.yaml"
}
build_etcd() { (cd "$here/etcd" && go build -ldflags="-s -w" -o "$OUT/etcd" go.etcd.io/etcd/server/v3); }

total=$SECONDS
if [ "$what" != validators ]; then
  step "kubernetes $KUBERNETES_VERSION" kube-apiserver kube-controller-manager kube-scheduler kubectl -- build_k8s
  step "etcd $ETCD_VERSION" etcd -- build_etcd
  step "kwok $KWOK_VERSION" kwok -- go install -ldflags="-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  step "kwok $KWOK_VERSION stages" kwok-stages.yaml -- kwok_stages
fi
if [ "$what" != control-plane ]; then
  step "kubeconform $KUBECONFORM_VERSION" kubeconform -- go install -ldflags="-s -w" "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
  step "kube-score $KUBE_SCORE_VERSION" kube-score -- go install -ldflags="-s -w" "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION"
fi
log "done in $((SECONDS - total)) s: $bin"
echo "$bin"
