#!/usr/bin/env bash
# Go smoke test: generates the Go modules with jsii-pacmak, builds test/smoke/go against them and
# runs it (it synthesizes a NodeExporterDaemonSet and a generic DaemonSet and checks the YAML).
#
# The Go module proxy reachable here does not serve github.com/cdk8s-team/cdk8s-core-go nor
# github.com/cdk8s-team/cdk8s-plus-go, so those modules are generated locally as well, by jsii-pacmak
# from the .jsii assemblies in node_modules, and wired in with replace directives (see
# test/smoke/go/go.mod). jsii-runtime-go and constructs-go come from the Go module proxy.
#
# Needs: `npm ci` and `npx projen compile` (for .jsii), node and go.
# Everything is written under dist/smoke/go (gitignored), or $SMOKE_GO_WORKDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="${SMOKE_GO_WORKDIR:-$root/dist/smoke/go}"
gen="$work/gen"      # jsii-pacmak output: $gen/go/<package> is one Go module each
build="$work/build"  # copy of test/smoke/go; its go.mod points at ../gen/go/...

step_start=0
step() { step_start=$SECONDS; echo "==> [smoke-go] $*"; }
done_step() { echo "    [smoke-go] took $((SECONDS - step_start))s"; }
total_start=$SECONDS

if [[ ! -f .jsii ]]; then
  echo "smoke-go: .jsii not found; run 'npx projen compile' first" >&2
  exit 1
fi
for tool in node go; do
  command -v "$tool" >/dev/null || { echo "smoke-go: '$tool' not found on PATH" >&2; exit 1; }
done

rm -rf "$gen" "$build"
mkdir -p "$gen"

step "jsii-pacmak --target go: cdk8s, cdk8s-plus-27 and cdk8s-daemonsets"
# JSII_BUILD_GO=0: jsii-pacmak only generates and tidies the modules; the smoke build below compiles
# them (once) as dependencies of the smoke program.
JSII_BUILD_GO=0 npx jsii-pacmak --target go --force --no-fingerprint --outdir "$gen" \
  node_modules/cdk8s node_modules/cdk8s-plus-27 .
done_step

step "go build test/smoke/go"
cp -R test/smoke/go "$build"
(
  cd "$build"
  # Align the requirements with whatever versions were just generated (and fill go.sum).
  go mod tidy
  go build -o smoke .
)
done_step

step "run the Go smoke program"
"$build/smoke"
# jsii-runtime-go may print "Runtime process exited abnormally: waitid: no child processes" without a
# trailing newline when jsii.Close() races its own reaper goroutine (harmless, the exit code is 0).
echo >&2
done_step

echo "==> [smoke-go] total $((SECONDS - total_start))s"
