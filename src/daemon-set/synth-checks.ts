import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { applyConfigChecksums, namespaceOf } from '../config-checksum';
import { unreadableEnvNames } from './env-names';
import { ExposedService, unreachedServicePorts } from './expose-service';
import { imageTag } from '../k8s/syntax';
import { constructsPrintWarnings, recordSelfReported } from '../validation/cdk8s/app-validation';
import { checkDaemonSet, predictRuntime } from '../validation/cdk8s/semantic-checks';
import { SynthSnapshot } from '../validation/cdk8s/synth-snapshot';

/**
 * What a DaemonSet's synthesis-time check found. Each line reads
 * `DaemonSet '<path>': <message> (at <JSON path>) (rule: <rule id>)`: one finding per line, the object named by its
 * construct path (which cdk8s also puts in front of a synthesis error), the rule id last.
 */
export interface SynthFindings {
  /** Problems that fail synthesis. */
  readonly problems: string[];
  /** Things worth a look: the semantics warnings (what the API server accepts with a warning) and unpinned images. */
  readonly warnings: string[];
  /**
   * The warnings to print: the semantics warnings (the app's validation leaves that family to the DaemonSet) but not
   * the runtime ones or the unpinned images (the app's validation prints them, as `runtime/...` and
   * `best-practice/image-tag`); none when the cdk8s validation plugin of this library will report them
   * (`pluginWillReport`).
   */
  readonly toPrint: string[];
}

/**
 * The checks that depend on the final tree (containers, Services and other objects may be added until
 * synthesis), run from `node.addValidation`. Adds the config checksum annotations first, when asked, so
 * the rendered pod template is the one checked.
 */
export function checkAtSynthesis(
  daemonSet: kplus.DaemonSet, apiObject: ApiObject, services: ExposedService[], withChecksums: boolean,
): SynthFindings {
  const snapshot = SynthSnapshot.of(daemonSet);
  // Done by the snapshot's preparation already when AppValidation runs the pass; idempotent.
  if (withChecksums) applyConfigChecksums(daemonSet, apiObject, snapshot);
  const rendered = snapshot.json(apiObject);
  // cdk8s validates the app again per chart in the same synthesis: nothing changed, nothing to check again.
  const cached = LAST_FINDINGS.get(apiObject);
  if (cached && snapshot.unchangedSince(cached.snapshot)) {
    LAST_FINDINGS.set(apiObject, { snapshot, findings: cached.findings });
    return cached.findings;
  }
  const findings = findingsOf(daemonSet, apiObject, rendered, services, snapshot);
  LAST_FINDINGS.set(apiObject, { snapshot, findings });
  return findings;
}

/** Per DaemonSet object: the snapshot its last findings were computed from. */
const LAST_FINDINGS = new WeakMap<ApiObject, { snapshot: SynthSnapshot; findings: SynthFindings }>();

function findingsOf(
  daemonSet: kplus.DaemonSet, apiObject: ApiObject, rendered: any, services: ExposedService[], snapshot: SynthSnapshot,
): SynthFindings {
  const podSpec = rendered.spec?.template?.spec ?? {};
  const namespace = namespaceOf(apiObject);
  // The pure checks of one DaemonSet (the ones `validateManifests` runs as its semantics family) and its
  // runtime predictions (what the API server accepts but can never run). A serviceAccountName that is no DNS
  // subdomain is semantics/reference-names among them.
  const predictions = predictRuntime(rendered);
  // The app's validation runs the runtime family too: it leaves the ones reported here to this DaemonSet.
  recordSelfReported(daemonSet, predictions.filter(p => p.severity !== 'warning'));
  // The app's validation skips the semantics family (run here) but prints the runtime warnings itself.
  const checked = [
    ...checkDaemonSet(rendered).map(p => ({ p, print: true })),
    ...predictions.map(p => ({ p, print: false })),
  ].map(({ p, print }) => ({ line: `${p.message} (at ${p.path}) (rule: ${p.rule})`, warning: p.severity === 'warning', print }));
  const problems = checked.filter(p => !p.warning).map(p => p.line);
  problems.push(...unreachedServicePorts(services, daemonSet.containers).map(p => `${p} (rule: ${SERVICE_TARGET_PORT})`));
  // The same names the validator reports as best-practice/env-names warnings; the DaemonSet refuses them.
  problems.push(...unreadableEnvNames(podSpec).map(p => `${p} (rule: best-practice/env-names)`));

  // Names must be unique per namespace.
  const twins = snapshot.find('DaemonSet', namespace, apiObject.name).filter(c => c !== apiObject);
  if (twins.length > 0) {
    const paths = twins.map(t => `'${(t.node.scope ?? t).node.path}'`).join(', ');
    problems.push(`name '${apiObject.name}' is also used by ${paths} in namespace '${namespace}'; DaemonSet names must be unique per namespace (at metadata.name) (rule: ${UNIQUE_NAME})`);
  }
  const prefix = `DaemonSet '${daemonSet.node.path}': `;
  const warnings = checked.filter(p => p.warning);
  return {
    problems: problems.map(p => prefix + p),
    warnings: [...warnings.map(p => prefix + p.line), ...imageWarnings(podSpec).map(w => prefix + w)],
    toPrint: constructsPrintWarnings() ? warnings.filter(p => p.print).map(p => prefix + p.line) : [],
  };
}

/** The DaemonSet's own checks that no validator rule makes (they need the construct tree). */
const SERVICE_TARGET_PORT = 'daemon-set/service-target-port';
const UNIQUE_NAME = 'daemon-set/unique-name';

/** Images every node may resolve differently: no tag, or `latest`. */
function imageWarnings(podSpec: { [key: string]: any }): string[] {
  const warnings: string[] = [];
  for (const c of [...podSpec.initContainers ?? [], ...podSpec.containers ?? []]) {
    if (typeof c.image !== 'string') continue;
    const { tag, digest } = imageTag(c.image);
    if (!digest && (tag === undefined || tag === 'latest')) {
      warnings.push(`container '${c.name}' image '${c.image}' is ${tag ? 'tagged latest' : 'not tagged'}: each node may run a different build and rollbacks cannot restore the old one; pin a version tag or a digest (rule: best-practice/image-tag)`);
    }
  }
  return warnings;
}
