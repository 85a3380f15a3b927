/**
 * Pod Security admission: a DaemonSet that needs the privileged level, applied into a namespace that
 * enforces baseline. The API server stores the DaemonSet but refuses every pod its controller tries to
 * create, and this library's validation predicted exactly that before anything was applied. Then policy
 * versions: the same pod in namespaces pinned to the policy versions before and after a check changed, and a
 * version label the API server refuses.
 */
import { agentProps, DaemonSet, daemonSetNamed, synthAgents } from './agents';
import { Cluster } from './cluster';
import { NodeExporterDaemonSet, validateManifests } from '../../src';

const cluster = Cluster.fromEnv();
/** The control plane's minor version (`1.37`), which `latest` means to its Pod Security admission. */
const KUBERNETES_VERSION = cluster.info.kubernetesVersion.replace(/^v?(\d+\.\d+).*$/, '$1');
const NS = 'e2e-baseline';
const RESTRICTED_NS = 'e2e-restricted';
const namespace = (name: string, level: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': 'latest' } },
});

// Synthesized without the namespace object, so the app's own validation does not stop the synth; the
// prediction below is made with the namespace, the way `cdk8s-daemonsets validate` sees a whole repository.
const objects = synthAgents(NS, (chart) => {
  new NodeExporterDaemonSet(chart, 'node-exporter', { metadata: { name: 'node-exporter' } });
  new DaemonSet(chart, 'plain', { ...agentProps('registry.example.com/platform/agent:1.0.0'), metadata: { name: 'plain' } });
}).filter((o) => o.kind === 'DaemonSet' || o.kind === 'ServiceAccount');

/** The titles the API server's PodSecurity admission uses for the PSA check ids our findings name. */
const PSA_TITLES: Record<string, string> = {
  hostNamespaces: 'host namespaces',
  hostPathVolumes: 'hostPath volumes',
  hostPorts: 'hostPort',
  privileged: 'privileged',
  capabilities: 'non-default capabilities',
  hostProcess: 'hostProcess',
  procMount: 'procMount',
  seLinuxOptions: 'seLinuxOptions',
  seccompProfile: 'seccompProfile',
  sysctls: 'forbidden sysctls',
  appArmorProfile: 'forbidden AppArmor profile',
};

/** PSA check ids named in our pod-security/namespace-enforce findings for one object. */
function predictedChecks(name: string): string[] {
  const report = validateManifests([namespace(NS, 'baseline'), ...objects], { kubernetesVersion: KUBERNETES_VERSION });
  const messages = report.errors.filter((f) => f.ruleId === 'pod-security/namespace-enforce' && f.name === name).map((f) => f.message).join(' ');
  return Object.keys(PSA_TITLES).filter((id) => new RegExp(`\\b${id} at `).test(messages)).sort();
}

/**
 * The first FailedCreate event of DaemonSet `name` that comes from Pod Security admission. Other
 * FailedCreate events (a service account the admission chain does not see yet) are retried by the
 * controller and skipped here; a timeout lists every FailedCreate message seen.
 */
async function podSecurityRefusal(ns: string, name: string): Promise<any> {
  const failedCreates = (): any[] => cluster.get(['events', '-n', ns, '--field-selector', `involvedObject.name=${name},reason=FailedCreate`]).items;
  return cluster.waitFor(`a FailedCreate event for ${ns}/${name} from Pod Security admission`,
    () => failedCreates().find((e) => /PodSecurity/.test(e.message ?? '')), {
      timeoutMs: 60_000,
      describe: () => `FailedCreate events so far: ${JSON.stringify(failedCreates().map((e) => e.message))}`,
    });
}

test('our validation predicts the refusal: node-exporter needs more than baseline allows, the plain agent does not', () => {
  expect(predictedChecks('node-exporter')).toEqual(['hostNamespaces', 'hostPathVolumes', 'hostPorts']);
  expect(predictedChecks('plain')).toEqual([]);
});

test('the API server stores the DaemonSets but refuses the privileged pods, for exactly the predicted checks', async () => {
  cluster.apply([namespace(NS, 'baseline')]);
  // Service accounts first: a pod the controller creates before its service account exists is refused for
  // that instead (a transient FailedCreate the controller retries), which is not the refusal under test.
  cluster.apply(objects.filter((o) => o.kind === 'ServiceAccount'));
  cluster.apply(objects.filter((o) => o.kind !== 'ServiceAccount'));
  const event = await podSecurityRefusal(NS, 'node-exporter');
  expect(event.message).toMatch(/violates PodSecurity "baseline:latest"/);
  // The checks the API server names are the checks we predicted, no more and no fewer.
  const refused = Object.entries(PSA_TITLES).filter(([, title]) => event.message.includes(`${title} (`)).map(([id]) => id).sort();
  expect(refused).toEqual(predictedChecks('node-exporter'));
  await cluster.waitFor('the plain agent has pods', () => {
    const s = cluster.get(['daemonset', '-n', NS, 'plain']).status;
    return s.numberReady > 0 ? true : undefined;
  });
  // Not a single node-exporter pod exists, while the plain agent runs beside it.
  expect(cluster.podsOwnedBy(NS, 'node-exporter')).toEqual([]);
  expect(cluster.get(['daemonset', '-n', NS, 'node-exporter']).status.currentNumberScheduled ?? 0).toBe(0);
});

test('restricted: the default agent passes the strictest level in validation and in the API server', async () => {
  const plain = { ...daemonSetNamed(objects, 'plain'), metadata: { ...daemonSetNamed(objects, 'plain').metadata, namespace: RESTRICTED_NS } };
  const report = validateManifests([namespace(RESTRICTED_NS, 'restricted'), plain], { kubernetesVersion: KUBERNETES_VERSION });
  expect(report.errors.filter((f) => f.ruleId?.startsWith('pod-security/'))).toEqual([]);
  cluster.apply([namespace(RESTRICTED_NS, 'restricted')]);
  // No FailedCreate at all is asserted below: not even the transient one of a pod created before the namespace's
  // default ServiceAccount exists.
  await cluster.waitForDefaultServiceAccount(RESTRICTED_NS);
  cluster.apply([plain]);
  await cluster.waitFor('the plain agent runs under restricted', () => {
    const s = cluster.get(['daemonset', '-n', RESTRICTED_NS, 'plain']).status;
    return s.numberReady > 0 ? true : undefined;
  });
  const failed = cluster.get(['events', '-n', RESTRICTED_NS, '--field-selector', 'reason=FailedCreate']).items;
  expect(failed).toEqual([]);
});

describe('policy versions (pod-security.kubernetes.io/enforce-version)', () => {
  // net.ipv4.tcp_keepalive_time joined baseline's safe sysctls in policy v1.29: v1.28 refuses it, v1.29 admits it.
  const OLD_NS = 'e2e-psa-v1-28';
  const NEW_NS = 'e2e-psa-v1-29';
  const pinned = (name: string, version: string) => {
    const ns = namespace(name, 'baseline');
    ns.metadata.labels['pod-security.kubernetes.io/enforce-version'] = version;
    return ns;
  };
  /** The plain agent in `ns`, with the sysctl the two policy versions disagree on. */
  const tuned = (ns: string) => {
    const ds = JSON.parse(JSON.stringify(daemonSetNamed(objects, 'plain')));
    ds.metadata = { ...ds.metadata, name: 'tuned', namespace: ns };
    const spec = ds.spec.template.spec;
    spec.securityContext = { ...spec.securityContext, sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }] };
    return ds;
  };
  const enforceErrors = (objs: any[]) => validateManifests(objs, { kubernetesVersion: KUBERNETES_VERSION }).errors
    .filter((f) => f.ruleId === 'pod-security/namespace-enforce');

  test('our validation: v1.28 rejects the sysctl and says so, v1.29 admits it', () => {
    const [refused] = enforceErrors([pinned(OLD_NS, 'v1.28'), tuned(OLD_NS)]);
    expect(refused.message).toContain("enforces Pod Security level 'baseline' (policy v1.28)");
    expect(refused.message).toMatch(/\bsysctls at spec\.template\.spec\.securityContext\.sysctls\[0\]\.name/);
    expect(enforceErrors([pinned(NEW_NS, 'v1.29'), tuned(NEW_NS)])).toEqual([]);
  });

  test('the API server: the v1.28 namespace refuses the pods for forbidden sysctls, the v1.29 namespace runs them', async () => {
    cluster.apply([pinned(OLD_NS, 'v1.28'), pinned(NEW_NS, 'v1.29')]);
    cluster.apply([tuned(OLD_NS), tuned(NEW_NS)]);
    const event = await podSecurityRefusal(OLD_NS, 'tuned');
    expect(event.message).toMatch(/violates PodSecurity "baseline:v1.28": forbidden sysctls \(net\.ipv4\.tcp_keepalive_time\)/);
    await cluster.waitFor('the tuned agent runs under baseline:v1.29', () => {
      const s = cluster.get(['daemonset', '-n', NEW_NS, 'tuned']).status;
      return s.numberReady > 0 ? true : undefined;
    });
    expect(cluster.podsOwnedBy(OLD_NS, 'tuned')).toEqual([]);
  });

  test('an invalid version label: our validation reports it and the API server refuses the Namespace', () => {
    const bad = pinned('e2e-psa-bad-version', 'v1.028');
    const labels = validateManifests([bad], { kubernetesVersion: KUBERNETES_VERSION }).errors.filter((f) => f.ruleId === 'pod-security/namespace-labels');
    expect(labels.map((f) => f.path)).toEqual(['metadata.labels.pod-security.kubernetes.io/enforce-version']);
    expect(() => cluster.apply([bad], { dryRun: true })).toThrow(/pod-security\.kubernetes\.io\/enforce-version.*must be "latest" or "v1\.x"/);
  });
});
