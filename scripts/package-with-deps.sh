#!/usr/bin/env bash
# `npx projen package:java` / `package:go`: builds this package's Java or Go artifact into dist/<language>.
#
# jsii-pacmak compiles the generated Java or Go code, which needs the cdk8s, cdk8s-plus-27 and constructs
# packages of that language. The registries reachable here serve neither org.cdk8s:cdk8s 2.70.98 nor
# org.cdk8s:cdk8s-plus-27 (Maven Central) nor the cdk8s Go modules (Go proxy, 403), so pacmak builds
# those from the .jsii assemblies in node_modules (the same versions) next to ours, in a scratch
# directory. Only this package's artifact is copied to dist/<language>, so what gets published is ours
# alone; its pom.xml / go.mod still name the upstream coordinates of its dependencies.
#
# Usage: scripts/package-with-deps.sh java|go   (after `npx projen compile`)
set -euo pipefail
cd "$(dirname "$0")/.."
language="${1:?usage: package-with-deps.sh java|go}"
case "$language" in
  java) ours=dev/cdk8s-daemonsets; deps=(node_modules/constructs node_modules/cdk8s node_modules/cdk8s-plus-27) ;;
  # constructs-go is served by the Go proxy; only the cdk8s modules need generating.
  go) ours=cdk8sdaemonsets; deps=(node_modules/cdk8s node_modules/cdk8s-plus-27) ;;
  *) echo "package-with-deps.sh: unknown language '$language' (java or go)" >&2; exit 2 ;;
esac
[ -f .jsii ] || { echo "package-with-deps.sh: .jsii not found; run 'npx projen compile' first" >&2; exit 1; }

start=$SECONDS
scratch="dist/.with-deps/$language"
rm -rf "$scratch" "dist/$language/$ours"
jsii-pacmak -v --target "$language" --force --outdir "$scratch" "${deps[@]}" .
mkdir -p "dist/$language/$(dirname "$ours")"
cp -R "$scratch/$language/$ours" "dist/$language/$ours"
rm -rf "$scratch"
echo "package-with-deps: dist/$language/$ours in $((SECONDS - start)) s"
# The first files, for the log. No `| head` under pipefail: when `head` exits before `sort` has written everything,
# `sort` dies of SIGPIPE (exit 141) and the build fails (29 of 200 tries on the Go package's list).
files=$(find "dist/$language/$ours" -maxdepth 4 -type f | sort)
sed -n '1,20p' <<<"$files"
echo "($(wc -l <<<"$files") files)"
