#!/usr/bin/env bash
# `npm run test:installed`: the installed-package tier. What a new user meets, tested from the packed tarball:
#
#   1. jsii compile, `npm pack` (the tarball a user installs);
#   2. a fresh cdk8s app in a temporary directory OUTSIDE the repository: cdk8s, cdk8s-plus-27, constructs,
#      typescript and ts-node at the versions this repository's lock file resolved, cdk8s-cli at CDK8S_CLI_VERSION,
#      all from the registry, and the tarball;
#   3. the README's example app (cdk8s.yaml with the DaemonSetsValidation plugin, main.ts), copied verbatim from
#      the README's marked snippets, synthesized with `npx cdk8s synth`, its dist/ checked;
#   4. a deliberate mistake (two DaemonSets on one host port) fails `cdk8s synth`, naming host-port-collision;
#   5. the `cdk8s-daemonsets` npm bin: --version, --help, validate, import (and the imported program synthesizes
#      the same objects), report;
#   6. the Python wheel in a fresh virtualenv runs the README's Python version of the app, writing the same YAML
#      (scripts/smoke-python.sh, skipped with --no-python).
#
# Usage: scripts/test-installed.sh [--no-python] [--no-compile] [--tarball <cdk8s-daemonsets-*.tgz>]
#   --no-compile packs the lib/ and .jsii already built (CI compiles in an earlier step).
#   --tarball reuses a packed tarball (CI's runs on other Node versions) instead of compiling and packing.
#   KEEP_INSTALLED_APP=1 keeps the temporary app for inspection.
# `cdk8s synth` runs with --no-check-upgrade: the test must not depend on the CLI's version lookup on the network.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

# The cdk8s CLI is not a dependency of this repository (the library never calls it); the version users are
# tested against is pinned here.
CDK8S_CLI_VERSION=2.207.60

python=1
compile=1
tarball=
while [ $# -gt 0 ]; do
  case "$1" in
    --no-python) python=0 ;;
    --no-compile) compile=0 ;;
    --tarball) tarball="$(realpath "${2:?--tarball needs a file}")"; shift ;;
    *) echo "test-installed.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

start=$SECONDS
step_start=$SECONDS
step() { [ -z "${step_name:-}" ] || echo "   ($((SECONDS - step_start)) s)"; step_start=$SECONDS; step_name="$*"; echo "-- $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_output <label> <pattern> <file>: the command output in <file> matches the extended regex <pattern>.
expect_output() { grep -Eq -- "$2" "$3" || { sed 's/^/     | /' "$3" | tail -40 >&2; fail "$1: no match for /$2/"; }; echo "  ok   $1"; }

work="$(mktemp -d "${TMPDIR:-/tmp}/cdk8s-daemonsets-installed.XXXXXX")"
if [ "${KEEP_INSTALLED_APP:-}" = 1 ]; then echo "(keeping $work)"; else trap 'rm -rf "$work"' EXIT; fi
app="$work/app"
mkdir -p "$app"
echo "node $(node --version), npm $(npm --version), app in $app"

step "pack"
if [ -z "$tarball" ]; then
  if [ "$compile" = 1 ]; then npx projen compile >/dev/null; fi
  [ -f lib/index.js ] && [ -f .jsii ] || fail "lib/ or .jsii missing: run 'npx projen compile' first"
  tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"
fi
[ -f "$tarball" ] || fail "no tarball at $tarball"
version="$(node -p 'require("./package.json").version')"
tar -tzf "$tarball" | sed 's|^package/||' > "$work/files.txt"
echo "  $(basename "$tarball"): $(du -k "$tarball" | cut -f1) KiB packed, $(wc -l < "$work/files.txt") files," \
  "$(tar -xzOf "$tarball" | wc -c | awk '{printf "%.1f MB", $1 / 1e6}') unpacked"
for f in lib/index.js lib/index.d.ts lib/cli/main.js .jsii README.md LICENSE schemas/k8s-index.json schemas/k8s-defs-api.apps.v1.json node_modules/yaml/package.json node_modules/ajv/package.json; do
  grep -qx "$f" "$work/files.txt" || fail "the tarball lacks $f"
done
echo "  ok   lib/, .jsii, schemas/, README, LICENSE and the bundled yaml and ajv are in it"

step "a fresh cdk8s app: registry dependencies and the tarball"
# The versions this repository tests with: what its lock file resolved into node_modules.
pinned() { node -p "require('./node_modules/$1/package.json').version"; }
deps=("cdk8s@$(pinned cdk8s)" "cdk8s-plus-27@$(pinned cdk8s-plus-27)" "constructs@$(pinned constructs)")
dev_deps=("cdk8s-cli@$CDK8S_CLI_VERSION" "typescript@$(pinned typescript)" "ts-node@$(pinned ts-node)")
echo "  ${deps[*]} ${dev_deps[*]}"
cat > "$app/package.json" <<EOF
{ "name": "node-agents-app", "version": "1.0.0", "private": true }
EOF
cat > "$app/tsconfig.json" <<EOF
{ "compilerOptions": { "target": "ES2022", "module": "commonjs", "strict": true, "esModuleInterop": true, "skipLibCheck": true }, "include": ["*.ts"] }
EOF
( cd "$app" && npm install --no-audit --no-fund --loglevel=error --save-exact "$tarball" "${deps[@]}" >/dev/null \
  && npm install --no-audit --no-fund --loglevel=error --save-exact --save-dev "${dev_deps[@]}" >/dev/null )
installed="$(node -p "require('$app/node_modules/cdk8s-daemonsets/package.json').version")"
[ "$installed" = "$version" ] || fail "installed cdk8s-daemonsets $installed, packed $version"
echo "  ok   cdk8s-daemonsets $installed installed from the tarball ($(du -sh "$app/node_modules/cdk8s-daemonsets" | cut -f1) on disk)"

step "the README's example app: npx cdk8s synth with the DaemonSetsValidation plugin"
npx ts-node --transpile-only test/installed/readme-app.ts write "$app" cdk8s.yaml main.ts
grep -q 'package: ./node_modules/cdk8s-daemonsets' "$app/cdk8s.yaml" || fail "the README's cdk8s.yaml does not load the plugin by path"
( cd "$app" && npx cdk8s synth --no-check-upgrade ) > "$work/synth.log" 2>&1 || { sed 's/^/     | /' "$work/synth.log" | tail -40; fail "cdk8s synth of the README's example failed"; }
expect_output "the plugin ran: the cdk8s CLI's validation report of cdk8s-daemonsets" 'Validation Report \(.*/node_modules/cdk8s-daemonsets@' "$work/synth.log"
expect_output "the report's status is success, with 0 errors and 0 warnings (failOn: warning)" 'Status +│ success' "$work/synth.log"
grep -Eq 'errors +│ 0 ' "$work/synth.log" && grep -Eq 'warnings +│ 0 ' "$work/synth.log" || fail "the report counts errors or warnings"
if grep -q '^\[cdk8s-daemonsets\] ' "$work/synth.log"; then grep '^\[cdk8s-daemonsets\] ' "$work/synth.log"; fail "app.synth() printed findings"; fi
echo "  ok   app.synth() printed no finding"
npx ts-node --transpile-only test/installed/readme-app.ts check "$app/dist"

step "a deliberate mistake: two DaemonSets on host port 9100 fail cdk8s synth"
cat > "$app/mistake.ts" <<'EOF'
import { App, Chart } from 'cdk8s';
import { DaemonSet } from 'cdk8s-daemonsets';

const app = new App();
const chart = new Chart(app, 'node-agents', { namespace: 'monitoring' });
for (const id of ['exporter-a', 'exporter-b']) {
  new DaemonSet(chart, id, { containers: [{ name: 'exporter', image: 'quay.io/prometheus/node-exporter:v1.10.2', ports: [{ number: 9100, hostPort: 9100 }] }] });
}
app.synth();
EOF
if ( cd "$app" && npx cdk8s synth --no-check-upgrade --app 'npx ts-node mistake.ts' --output dist-mistake ) > "$work/mistake.log" 2>&1; then
  sed 's/^/     | /' "$work/mistake.log"; fail "cdk8s synth succeeded on two DaemonSets sharing host port 9100"
fi
expect_output "cdk8s synth exits non-zero, naming host-port-collision" 'host-port-collision' "$work/mistake.log"
expect_output "the finding names the port" '9100' "$work/mistake.log"

step "the precompiled schema validators: a validated synth loads no ajv compiler"
cat > "$app/precompiled.js" <<'EOF'
const { Chart } = require('cdk8s');
const { DaemonSet, DaemonSetsApp } = require('cdk8s-daemonsets');
const app = new DaemonSetsApp({ outdir: 'dist-precompiled' });
const chart = new Chart(app, 'agents', { namespace: 'monitoring' });
new DaemonSet(chart, 'agent', { containers: [{ name: 'agent', image: 'example.com/agent:1.0.0' }] });
app.synth();
const loaded = Object.keys(require.cache);
const precompiled = loaded.filter(f => f.includes('/node_modules/cdk8s-daemonsets/lib/schema-validators/')).map(f => f.replace(/.*\//, ''));
const compiler = loaded.filter(f => /\/ajv\/dist\/(core|ajv|compile\/)/.test(f));
console.log(JSON.stringify({ precompiled: precompiled.sort(), compiler: compiler.length }));
EOF
( cd "$app" && node precompiled.js ) > "$work/precompiled.txt" 2>&1 || { cat "$work/precompiled.txt"; fail "the synth with precompiled validators failed"; }
expect_output "the DaemonSet's schema came from lib/schema-validators (apps/v1, core/v1, meta/v1 modules)" '"precompiled":\[[^]]*"api.apps.v1.js","api.core.v1.js"' "$work/precompiled.txt"
expect_output "ajv's compiler was never loaded" '"compiler":0}' "$work/precompiled.txt"

step "the package's main is one bundled file that exports every jsii type (issue 17: module load)"
cat > "$app/bundle.js" <<'EOF'
const fs = require('fs');
const path = require('path');
const main = require.resolve('cdk8s-daemonsets');
const before = new Set(Object.keys(require.cache));
const lib = require('cdk8s-daemonsets');
const own = Object.keys(require.cache).filter(f => !before.has(f) && f.includes('/node_modules/cdk8s-daemonsets/'));
const assembly = JSON.parse(fs.readFileSync(path.join(path.dirname(main), '..', '.jsii'), 'utf8'));
const rtti = Symbol.for('jsii.rtti');
const problems = [];
let types = 0;
for (const [fqn, type] of Object.entries(assembly.types)) {
  if (type.kind === 'interface') continue;
  types++;
  const value = lib[type.name];
  if (value === undefined) problems.push(`${fqn} is not exported`);
  else if (type.kind === 'class' && value[rtti]?.fqn !== fqn) problems.push(`${fqn}: exported class has jsii fqn ${value[rtti]?.fqn}`);
  else if (type.kind === 'class' && value.name !== type.name) problems.push(`${fqn}: exported class is named ${value.name}`);
}
console.log(JSON.stringify({ modules: own.map(f => path.relative(path.dirname(main), f)), types, problems }));
EOF
( cd "$app" && node bundle.js ) > "$work/bundle.txt" 2>&1 || { cat "$work/bundle.txt"; fail "requiring the bundled main failed"; }
expect_output "require('cdk8s-daemonsets') loads one module of the package, lib/index.js" '"modules":\["index.js"\]' "$work/bundle.txt"
expect_output "every class and enum of the jsii assembly is exported, classes with their fqn and name" '"problems":\[\]' "$work/bundle.txt"

step "lazy exports: require runs only what the app uses (issue 17: module load)"
npx ts-node --transpile-only test/installed/lazy-exports.ts "$app"

step "the cdk8s-daemonsets command (npm bin)"
cd "$app"
[ -x node_modules/.bin/cdk8s-daemonsets ] || fail "node_modules/.bin/cdk8s-daemonsets is missing or not executable"
[ "$(npx cdk8s-daemonsets --version)" = "$version" ] || fail "--version printed '$(npx cdk8s-daemonsets --version)', expected $version"
echo "  ok   --version prints $version"
npx cdk8s-daemonsets --help > "$work/help.txt"
for c in validate import report; do grep -q "^  $c " "$work/help.txt" || fail "--help does not list $c"; done
echo "  ok   --help lists validate, import and report"
npx cdk8s-daemonsets validate --fail-on warning dist/ > "$work/validate.txt" 2>&1 || { cat "$work/validate.txt"; fail "validate --fail-on warning dist/ exited non-zero"; }
echo "  ok   validate --fail-on warning dist/: exit 0 ($(tail -1 "$work/validate.txt"))"
cat > "$work/clash.yaml" <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: a, namespace: monitoring }
spec:
  selector: { matchLabels: { app: a } }
  template:
    metadata: { labels: { app: a } }
    spec: { containers: [{ name: a, image: 'example.com/a:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: b, namespace: monitoring }
spec:
  selector: { matchLabels: { app: b } }
  template:
    metadata: { labels: { app: b } }
    spec: { containers: [{ name: b, image: 'example.com/b:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }
EOF
set +e; npx cdk8s-daemonsets validate "$work/clash.yaml" > "$work/clash.txt" 2>&1; code=$?; set -e
[ "$code" = 1 ] || { cat "$work/clash.txt"; fail "validate on a host-port clash exited $code, expected 1"; }
expect_output "validate on two DaemonSets sharing host port 9100: exit 1, host-port-collision" 'host-port-collision' "$work/clash.txt"
mkdir -p imported
npx cdk8s-daemonsets import dist/node-agents.k8s.yaml > imported/main.ts
expect_output "import prints a cdk8s program with the DaemonSet" "from 'cdk8s-daemonsets'" imported/main.ts
# Fixed: import pins the input's selector with selectorLabels and the synthesized YAML carries no construct-path
# label, so the printed program runs (test/cli/import-roundtrip-own.test.ts checks it reproduces every example's
# dist/ exactly). IMPORT_OF_CDK8S_OUTPUT_BROKEN=1 would turn this back into an expected failure.
IMPORT_OF_CDK8S_OUTPUT_BROKEN=0
if ( cd imported && npx ts-node --project ../tsconfig.json main.ts ) > "$work/imported.log" 2>&1; then
  [ "$IMPORT_OF_CDK8S_OUTPUT_BROKEN" = 0 ] || fail "the imported program runs now: set IMPORT_OF_CDK8S_OUTPUT_BROKEN=0 in $0"
  echo "  ok   the imported program runs ($(ls imported/dist | tr '\n' ' '))"
elif [ "$IMPORT_OF_CDK8S_OUTPUT_BROKEN" = 1 ] && grep -q 'selector requires label cdk8s.io/metadata.addr' "$work/imported.log"; then
  echo "  ok   (expected failure, known bug) the imported program fails on cdk8s.io/metadata.addr in the selector"
else
  sed 's/^/     | /' "$work/imported.log" | tail -20; fail "the program import printed does not run"
fi
cat > "$work/nodes.yaml" <<'EOF'
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata: { name: worker-1, labels: { kubernetes.io/os: linux, kubernetes.io/arch: amd64 } }
    status: { allocatable: { cpu: '2', memory: 4Gi, pods: '110' } }
  - apiVersion: v1
    kind: Node
    metadata: { name: win-1, labels: { kubernetes.io/os: windows, kubernetes.io/arch: amd64 } }
    status: { allocatable: { cpu: '2', memory: 4Gi, pods: '110' } }
EOF
npx cdk8s-daemonsets report --nodes "$work/nodes.yaml" --format markdown dist/ > "$work/report.md" 2>&1 \
  || { cat "$work/report.md"; fail "report exited non-zero"; }
expect_output "report --format markdown: the agent on the node profiles" 'node-agents-agent' "$work/report.md"
expect_output "report: the Windows node gets nothing (nodeSelector)" '✗ nodeSelector' "$work/report.md"
cd "$repo"

if [ "$python" = 1 ]; then
  step "Python: the wheel in a fresh virtualenv runs the README's Python app"
  README_APP_DIST="$app/dist" bash scripts/smoke-python.sh
fi

step "done"
echo "installed-package tier passed in $((SECONDS - start)) s (node $(node --version))"
