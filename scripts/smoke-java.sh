#!/usr/bin/env bash
# Java smoke test: generates the Java packages with jsii-pacmak, compiles test/smoke/java against
# them with Maven and runs it (it synthesizes a NodeExporterDaemonSet and a generic DaemonSet and
# checks the YAML).
#
# The Maven registry reachable here does not serve org.cdk8s:cdk8s 2.70.98 nor org.cdk8s:cdk8s-plus-27,
# so the jars of our dependencies (constructs, cdk8s, cdk8s-plus-27) are generated locally as well, by
# jsii-pacmak from the .jsii assemblies in node_modules, into a file:// Maven repository. Only
# jsii-runtime, its dependencies and the Maven plugins come from Maven Central.
#
# Needs: `npm ci` and `npx projen compile` (for .jsii), node, a JDK (11+) and mvn.
# Everything is written under dist/smoke/java (gitignored), or $SMOKE_JAVA_WORKDIR; the Maven
# local repository in there ($work/m2) is kept between runs as a download cache.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="${SMOKE_JAVA_WORKDIR:-$root/dist/smoke/java}"
repo="$work/repo"      # jsii-pacmak output: $repo/java is a Maven repository layout
build="$work/build"    # copy of test/smoke/java that Maven builds in
m2="$work/m2"          # Maven local repository (download cache, kept)

step_start=0
step() { step_start=$SECONDS; echo "==> [smoke-java] $*"; }
done_step() { echo "    [smoke-java] took $((SECONDS - step_start))s"; }
total_start=$SECONDS

if [[ ! -f .jsii ]]; then
  echo "smoke-java: .jsii not found; run 'npx projen compile' first" >&2
  exit 1
fi
for tool in node java mvn; do
  command -v "$tool" >/dev/null || { echo "smoke-java: '$tool' not found on PATH" >&2; exit 1; }
done

# Stale generated artifacts must never be picked up from the cache.
rm -rf "$repo" "$build" "$m2/dev/cdk8s-daemonsets" "$m2/org/cdk8s" "$m2/software/constructs"
mkdir -p "$repo" "$m2"

step "jsii-pacmak --target java: constructs, cdk8s, cdk8s-plus-27 and cdk8s-daemonsets"
# javadoc and sources jars are not needed to compile and run against the packages.
MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.javadoc.skip=true -Dmaven.source.skip=true" \
  npx jsii-pacmak --target java --force --no-fingerprint --outdir "$repo" \
    --maven-local-repository "$m2" \
    node_modules/constructs node_modules/cdk8s node_modules/cdk8s-plus-27 .
done_step

# The versions that were generated (one directory per artifact in the file:// repository).
version_of() {
  local dir="$repo/java/$1"
  local versions
  versions="$(find "$dir" -mindepth 1 -maxdepth 1 -type d -printf '%f\n')"
  if [[ -z "$versions" || "$(wc -l <<<"$versions")" -ne 1 ]]; then
    echo "smoke-java: expected exactly one generated version in $dir, got: ${versions:-none}" >&2
    exit 1
  fi
  echo "$versions"
}
daemonsets_version="$(version_of dev/cdk8s-daemonsets/cdk8s-daemonsets)"
cdk8s_version="$(version_of org/cdk8s/cdk8s)"
plus_version="$(version_of org/cdk8s/cdk8s-plus-27)"
constructs_version="$(version_of software/constructs/constructs)"
echo "    cdk8s-daemonsets $daemonsets_version, cdk8s $cdk8s_version, cdk8s-plus-27 $plus_version, constructs $constructs_version"

step "mvn compile test/smoke/java"
cp -R test/smoke/java "$build"
mvn -B -q -Dstyle.color=never -f "$build/pom.xml" \
  -Dmaven.repo.local="$m2" \
  -Dsmoke.repo="file://$repo/java" \
  -Ddaemonsets.version="$daemonsets_version" \
  -Dcdk8s.version="$cdk8s_version" \
  -Dcdk8s-plus.version="$plus_version" \
  -Dconstructs.version="$constructs_version" \
  compile dependency:build-classpath -Dmdep.outputFile="$build/classpath.txt"
done_step

step "run the Java smoke program"
java -cp "$build/target/classes:$(cat "$build/classpath.txt")" dev.cdk8s.daemonsets.smoke.Smoke
done_step

echo "==> [smoke-java] total $((SECONDS - total_start))s"
