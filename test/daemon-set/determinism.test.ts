import { Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetProps, NodePlacement, Timezone } from '../../src';

// The same props in another key order synthesize byte-identical YAML (GitOps users diff the output, and a
// reordered env list would roll every pod), and synthesis stays linear in the size of the maps.

const IMAGE = 'registry.example.com/agent:1.4.2';

/** The same map with its keys in another order (reversed, then rotated). */
function shuffled<T>(map: { [key: string]: T }): { [key: string]: T } {
  const entries = Object.entries(map).reverse();
  return Object.fromEntries([...entries.slice(1), ...entries.slice(0, 1)]);
}

function props(order: <T>(m: { [key: string]: T }) => { [key: string]: T }): DaemonSetProps {
  return {
    metadata: { name: 'agent', namespace: 'monitoring', labels: order({ 'app': 'agent', 'team': 'infra', 'example.com/tier': 'node' }), annotations: order({ 'z-note': 'last', 'a-note': 'first', 'example.com/owner': 'infra' }) },
    podMetadata: { labels: order({ zone: 'any', app: 'agent', role: 'collector' }), annotations: order({ 'example.com/b': '2', 'example.com/a': '1' }) },
    nodeSelector: order({ 'kubernetes.io/os': 'linux', 'disk': 'ssd', 'example.com/pool': 'agents' }),
    placement: [NodePlacement.allNodes()],
    securityContext: order({ user: 1000, group: 1000, fsGroup: 1000 }) as kplus.PodSecurityContextProps,
    containers: [{
      name: 'agent',
      image: IMAGE,
      portNumber: 8080,
      envVariables: order({
        ZONE: kplus.EnvValue.fromValue('eu-1'),
        LOG_LEVEL: kplus.EnvValue.fromValue('info'),
        ENDPOINT: kplus.EnvValue.fromValue('http://$(NODE_NAME):8080'),
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        ALPHA: kplus.EnvValue.fromValue('1'),
      }),
    }],
  };
}

function synthYaml(p: DaemonSetProps, extraSelector: [string, string][]): string {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', p);
  for (const [k, v] of extraSelector) ds.addNodeSelector(k, v);
  return Yaml.stringify(...Testing.synth(chart));
}

test('the same maps in another key order synthesize byte-identical YAML', () => {
  const a = synthYaml(props(m => m), [['b-extra', '1'], ['a-extra', '2']]);
  const b = synthYaml(props(shuffled), [['a-extra', '2'], ['b-extra', '1']]);
  expect(b).toEqual(a);
  // The maps really were given in another order, and came out sorted.
  expect(Object.keys(props(shuffled).nodeSelector!)).not.toEqual(Object.keys(props(m => m).nodeSelector!));
  expect(a.indexOf('a-extra: "2"')).toBeLessThan(a.indexOf('b-extra: "1"'));
  expect(a.indexOf('disk: ssd')).toBeLessThan(a.indexOf('kubernetes.io/os: linux'));
});

test('env from an envVariables map is sorted by name, after the variables each one references', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', props(shuffled));
  const ds = Testing.synth(chart).find(o => o.kind === 'DaemonSet');
  const names = ds.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);
  // ENDPOINT references $(NODE_NAME), which Kubernetes expands only when defined earlier in the list.
  expect(names).toEqual(['ALPHA', 'NODE_NAME', 'ENDPOINT', 'LOG_LEVEL', 'ZONE']);
});

test('env: a reference cycle gets one order whatever the input order; escaped $$( references are no references', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      image: IMAGE,
      envVariables: {
        B: kplus.EnvValue.fromValue('$(A)'),
        A: kplus.EnvValue.fromValue('$(B)'),
        C: kplus.EnvValue.fromValue('$$(D) literal'),
        D: kplus.EnvValue.fromValue('x'),
      },
    }],
  });
  const ds = Testing.synth(chart).find(o => o.kind === 'DaemonSet');
  expect(ds.spec.template.spec.containers[0].env.map((e: { name: string }) => e.name)).toEqual(['B', 'A', 'C', 'D']);
});

test('the caller\'s envVariables map is not changed (the timezone adds TZ to a copy)', () => {
  const env = { A: kplus.EnvValue.fromValue('1') };
  new DaemonSet(Testing.chart(), 'ds', { containers: [{ image: IMAGE, envVariables: env }], timezone: Timezone.of('UTC') });
  expect(Object.keys(env)).toEqual(['A']);
});

// ---------------------------------------------------------------------------
// Linear synthesis
// ---------------------------------------------------------------------------

function mapOf(n: number, key: (i: number) => string): { [key: string]: string } {
  const m: { [key: string]: string } = {};
  for (let i = 0; i < n; i++) m[key(i)] = `v${i}`;
  return m;
}

/** Synthesizes a DaemonSet with `n` pod labels, annotations, node selector entries and env vars. */
function synthesizeWith(n: number): number {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { labels: mapOf(n, i => `l${i}`), annotations: mapOf(n, i => `a${i}`) },
    podMetadata: { labels: mapOf(n, i => `l${i}`), annotations: mapOf(n, i => `a${i}`) },
    nodeSelector: mapOf(n, i => `n${i}`),
    containers: [{
      image: IMAGE,
      envVariables: Object.fromEntries(Object.entries(mapOf(n, i => `E${i}`)).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
    }],
  });
  const start = process.hrtime.bigint();
  Testing.synth(chart);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The fastest of several runs: the least disturbed by GC and other processes. */
function fastest(n: number, runs: number): number {
  return Math.min(...Array.from({ length: runs }, () => synthesizeWith(n)));
}

test('synthesis is linear in the number of labels, annotations, node selector entries and env vars', () => {
  fastest(100, 2); // warm up the JIT and the schema cache
  const small = fastest(100, 5);
  const large = fastest(1000, 3);
  // Linear is ~10x; the quadratic serializer took ~100x. 20x leaves room for noise on a busy machine.
  expect(large).toBeLessThan(Math.max(small, 5) * 20);
}, 60_000);
