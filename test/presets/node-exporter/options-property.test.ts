import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { NodeExporterCollector, NodeExporterDaemonSet, NodeExporterWebConfig } from '../../../src/presets/node-exporter';
import { checkProperty, field, mostly, orRaw, withOverrides } from '../hostile';

// Property: the issue-19 options (hostUsers, web configuration, host-mount toggles, node affinity, ConfigMap and
// Secret mounts, presetAnnotations) with hostile values end in a DaemonSetsError or in objects the validator
// accepts, never in another exception.

const RUNS = 600;

const KEYS = [
  'hostUsers', 'hostNetwork', 'hostPid', 'hostProc', 'hostSys', 'hostRootFs', 'webConfig', 'nodeAffinity', 'configMapMounts',
  'secretMounts', 'presetAnnotations', 'enabledCollectors',
];

/** Values built in the case's chart (Secrets and ConfigMaps need a scope). */
type Make = (c: any) => unknown;

const webConfig: fc.Arbitrary<Make> = fc.record({
  key: field(mostly(fc.constantFrom('web-config.yml', 'web.yaml'), 'bad key', '..x')),
  tls: field(fc.boolean()),
  requiresAuthentication: field(fc.boolean()),
  ca: mostly(fc.constant(false), true),
  serverName: field(mostly(fc.constant('node-exporter.example.com'), '')),
}).map(o => (c: any) => {
  try {
    return NodeExporterWebConfig.fromSecret(kplus.Secret.fromSecretName(c, 'Web', 'ne-web'), {
      key: o.key as any,
      tls: o.tls as any,
      requiresAuthentication: o.requiresAuthentication as any,
      scrapeServerName: o.serverName as any,
      scrapeCaSecret: o.ca ? kplus.Secret.fromSecretName(c, 'Ca', 'ne-ca') : undefined,
    });
  } catch (e) {
    return e;
  }
});

const query = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(kplus.NodeLabelQuery.in('kubernetes.io/arch', ['amd64']), kplus.NodeLabelQuery.exists('node.example.com/metal')) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('arch=amd64', 7, null) },
);
const node = mostly(fc.array(query, { minLength: 1, maxLength: 2 }), []).map(orRaw((qs: any[]) => new kplus.LabeledNode(qs)));
const nodeAffinity = fc.record({
  required: field(fc.array(mostly(node as fc.Arbitrary<unknown>, 'amd64'), { maxLength: 2 })),
  preferred: field(fc.array(fc.record({ node, weight: mostly(fc.integer({ min: 1, max: 100 }), 0, 101, 1.5) }), { maxLength: 2 })),
});

const mounts = (kind: 'configMap' | 'secret'): fc.Arbitrary<Make> => fc.array(fc.record({
  mountPath: mostly(fc.constant('/etc/mounts'), 'relative', '/host/proc', '/host/root/x', '/etc/a'),
  volumeName: field(mostly(fc.constantFrom('config-a', 'config-b'), 'Bad', 'proc')),
  name: fc.constantFrom('a', 'b.c'),
}), { maxLength: 2 }).map(list => (c: any) => list.map((m, i) => ({
  // One directory per mount unless a bad path was drawn ('/etc/a' twice collides).
  mountPath: m.mountPath === '/etc/mounts' ? `/etc/mounts/${kind}-${i}` : m.mountPath,
  volumeName: m.volumeName,
  [kind]: kind === 'secret' ? kplus.Secret.fromSecretName(c, `S${i}`, m.name) : kplus.ConfigMap.fromConfigMapName(c, `C${i}`, m.name),
})));

const props = fc.record({
  // hostUsers false needs both host namespaces off: drawn together often enough to be accepted.
  hostUsers: field(fc.boolean()),
  hostNetwork: field(mostly(fc.constant(false), true)),
  hostPid: field(mostly(fc.constant(false), true)),
  hostProc: field(fc.boolean()),
  hostSys: field(fc.boolean()),
  hostRootFs: field(fc.boolean()),
  webConfig: field(webConfig),
  nodeAffinity: field(nodeAffinity),
  configMapMounts: field(mounts('configMap')),
  secretMounts: field(mounts('secret')),
  presetAnnotations: field(fc.boolean()),
  // The collectors the host-mount toggles refuse.
  enabledCollectors: field(fc.array(fc.constantFrom(NodeExporterCollector.FILESYSTEM, NodeExporterCollector.PROCESSES, NodeExporterCollector.RAPL), {
    maxLength: 1,
  })),
});

test(`NodeExporterDaemonSet: ${RUNS} hostile values of the new options end in a DaemonSetsError or in valid objects`, () => {
  const counts = checkProperty(withOverrides(props, KEYS), (chart, p: any) => {
    const built: any = {};
    for (const [k, v] of Object.entries(p ?? {})) {
      const value = typeof v === 'function' ? (v as Make)(chart) : v;
      if (value instanceof Error) throw value;
      built[k] = value;
    }
    new NodeExporterDaemonSet(chart, 'node-exporter', typeof p === 'object' && p !== null ? built : p);
  }, RUNS);
  expect(counts.rejected + counts.accepted).toBe(RUNS);
  expect(counts.accepted).toBeGreaterThan(RUNS / 20);
  expect(counts.rejected).toBeGreaterThan(RUNS / 10);
}, 180_000);
