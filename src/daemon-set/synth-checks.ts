import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { applyConfigChecksums, namespaceOf } from '../config-checksum';
import { unreadableEnvNames } from './env-names';
import { ExposedService, unreachedServicePorts } from './expose-service';
import { checkDns1123Subdomain, imageTag } from '../k8s/syntax';
import { checkDaemonSet, predictRuntime } from '../validation/cdk8s/semantic-checks';
import { SynthSnapshot } from '../validation/cdk8s/synth-snapshot';

/** What a DaemonSet's synthesis-time check found. */
export interface SynthFindings {
  /** Problems that fail synthesis, each prefixed with `DaemonSet '<path>': `. */
  readonly problems: string[];
  /** Things worth a look, each prefixed with `DaemonSet '<path>': `. */
  readonly warnings: string[];
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
  // runtime predictions (what the API server accepts but can never run).
  const problems = [...checkDaemonSet(rendered), ...predictRuntime(rendered)].map(p => `${p.message} (at ${p.path})`);
  const account = podSpec.serviceAccountName;
  const accountProblem = typeof account === 'string' ? checkDns1123Subdomain(account) : undefined;
  if (accountProblem) problems.push(`serviceAccount: '${account}' ${accountProblem}`);

  problems.push(...unreachedServicePorts(services, daemonSet.containers));
  problems.push(...unreadableEnvNames(podSpec));

  // Names must be unique per namespace.
  const twins = snapshot.find('DaemonSet', namespace, apiObject.name).filter(c => c !== apiObject);
  if (twins.length > 0) {
    const paths = twins.map(t => `'${(t.node.scope ?? t).node.path}'`).join(', ');
    problems.push(`name '${apiObject.name}' is also used by ${paths} in namespace '${namespace}'; DaemonSet names must be unique per namespace`);
  }
  const prefix = `DaemonSet '${daemonSet.node.path}': `;
  return {
    problems: problems.map(p => prefix + p),
    warnings: imageWarnings(podSpec).map(w => prefix + w),
  };
}

/** Images every node may resolve differently: no tag, or `latest`. */
function imageWarnings(podSpec: { [key: string]: any }): string[] {
  const warnings: string[] = [];
  for (const c of [...podSpec.initContainers ?? [], ...podSpec.containers ?? []]) {
    if (typeof c.image !== 'string') continue;
    const { tag, digest } = imageTag(c.image);
    if (!digest && (tag === undefined || tag === 'latest')) {
      warnings.push(`container '${c.name}' image '${c.image}' is ${tag ? 'tagged latest' : 'not tagged'}: each node may run a different build and rollbacks cannot restore the old one; pin a version tag or a digest`);
    }
  }
  return warnings;
}
