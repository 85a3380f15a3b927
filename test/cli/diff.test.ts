import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { runDiff } from '../../src/cli/diff';

type Json = { [key: string]: any };

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'diff');
const BEFORE = path.join(FIXTURES, 'before');
const AFTER = path.join(FIXTURES, 'after');
const NODES = path.join(FIXTURES, 'nodes.yaml');

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-test-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes objects as a YAML stream and returns the file's path. */
function write(name: string, objects: Json[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, objects.map(o => stringify(o)).join('---\n'));
  return file;
}

function daemonSet(edit: (o: Json) => void = () => {}, name = 'agent'): Json {
  const o: Json = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'node-agents' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }] } },
    },
  };
  edit(o);
  return o;
}

const newImage = (o: Json) => (o.spec.template.spec.containers[0].image = 'agent:2');
const rolling = (rollingUpdate: Json) => (o: Json) => (o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate });

/** Runs the diff of two object lists with `--format json` and returns the parsed objects. */
function jsonDiff(before: Json[], after: Json[], ...options: string[]): { code: number; objects: Json[]; out: Json } {
  const r = runDiff([write('before.yaml', before), write('after.yaml', after), '--format', 'json', ...options]);
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  return { code: r.code, objects: out.objects, out };
}

describe('the fixture app (committed dist/ vs a fresh synth)', () => {
  const run = (format: string) => runDiff([BEFORE, AFTER, '--nodes', NODES, '--format', format]);

  test('text output', () => {
    const r = run('text');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchSnapshot();
    expect(r.stdout).toContain('DaemonSet monitoring/exporter: modified, REFUSED by the API server');
    expect(r.stdout).toContain('ConfigMap agent-config changed (config checksum annotation)');
    expect(r.stdout).toContain('rolling update in at least 2 waves on 3 nodes: up to 2 old pods deleted at a time');
    expect(r.stdout).toContain('minReadySeconds 10s');
    expect(r.stdout).toContain('updateStrategy OnDelete');
    expect(r.stdout).not.toContain('PriorityClass');
    expect(r.stdout.trim().split('\n').pop()).toBe('5 modified, 1 added, 1 removed, 1 unchanged; 1 rolls pods; 1 refused by the API server; 0 warnings');
  });

  test('markdown output (a PR comment)', () => {
    const r = run('markdown');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatchSnapshot();
    expect(r.stdout).toContain('**The API server will refuse 1 of these updates.**');
    expect(r.stdout).toContain('| `DaemonSet node-agents/agent` | modified | yes | 2 | – |');
    expect(r.stdout).toContain('| `DaemonSet monitoring/exporter` | modified | no | – | `spec.selector` |');
    expect(r.stdout).toContain("- changed: `data['agent.conf']`");
    expect(r.stdout).toContain('- consumed by DaemonSet node-agents/agent, which rolls through its config checksum');
  });

  test('json output: sorted objects and the contract fields', () => {
    const r = run('json');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['objects', 'summary']);
    expect(out.objects.map((o: Json) => `${o.namespace ?? '-'} ${o.kind} ${o.name} ${o.change}`)).toEqual([
      '- PriorityClass node-agents unchanged',
      'monitoring ConfigMap exporter-textfiles added',
      'monitoring DaemonSet exporter modified',
      'monitoring Service exporter modified',
      'monitoring ServiceAccount retired removed',
      'node-agents ConfigMap agent-config modified',
      'node-agents DaemonSet agent modified',
      'node-agents DaemonSet legacy modified',
    ]);
    const agent = out.objects.find((o: Json) => o.name === 'agent');
    expect(agent).toMatchObject({
      rollout: true,
      rolloutPaths: ["spec.template.metadata.annotations['checksum.daemonsets.cdk8s.io/configmap-agent-config']", 'spec.template.spec.containers[0].image'],
      immutablePaths: [],
      waves: 2,
      nodes: 3,
      configChanges: [{ kind: 'ConfigMap', name: 'agent-config', change: 'changed' }],
    });
    expect(out.summary).toEqual({ added: 1, removed: 1, modified: 5, unchanged: 1, rollouts: 1, refused: 1, warnings: 0 });
  });

  test('the same inputs give byte-identical output', () => {
    expect(run('json').stdout).toBe(run('json').stdout);
  });
});

describe('classification', () => {
  test('the JSON shape of one modified DaemonSet, exactly', () => {
    const { code, objects } = jsonDiff([daemonSet()], [daemonSet(newImage)], '--node-count', '3');
    expect(code).toBe(0);
    expect(objects).toEqual([{
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      namespace: 'node-agents',
      name: 'agent',
      change: 'modified',
      rollout: true,
      rolloutPaths: ['spec.template.spec.containers[0].image'],
      immutablePaths: [],
      waves: 3,
      maxAtOnce: 1,
      nodes: 3,
      changedPaths: ['spec.template.spec.containers[0].image'],
      configChanges: [],
      notes: ['rolling update in 3 waves on 3 nodes: up to 1 old pod deleted at a time before the new ones start, never more than 1 at once (maxUnavailable 1, maxSurge 0); '
        + 'each wave waits until the new pods are ready (minReadySeconds 0)'],
    }]);
  });

  test('added, removed and unchanged objects', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const { objects } = jsonDiff([daemonSet(), cm], [{ ...cm, data: { a: '1' } }, daemonSet(() => {}, 'new')]);
    expect(objects.map(o => [o.kind, o.namespace, o.name, o.change, o.rollout, o.notes])).toEqual([
      ['ConfigMap', 'default', 'c', 'unchanged', false, []],
      ['DaemonSet', 'node-agents', 'agent', 'removed', false, ['deletes its pods on every node']],
      ['DaemonSet', 'node-agents', 'new', 'added', false, ['creates a pod on every node it selects']],
    ]);
  });

  test('key order, null and empty fields are not changes', () => {
    const reordered = daemonSet(o => {
      o.spec = { template: o.spec.template, selector: o.spec.selector, minReadySeconds: null };
      o.metadata.annotations = {};
    });
    expect(jsonDiff([daemonSet()], [reordered]).objects[0].change).toBe('unchanged');
  });

  test('a metadata-only change is a no-op for pods', () => {
    const { objects } = jsonDiff([daemonSet()], [daemonSet(o => (o.metadata.labels = { team: 'a' }))], '--node-count', '5');
    expect(objects[0]).toMatchObject({ change: 'modified', rollout: false, waves: null, rolloutPaths: [], changedPaths: ['metadata.labels'] });
    expect(objects[0].notes).toEqual(['metadata-only change: a no-op for pods', 'no pod template change: running pods are not restarted']);
  });

  test('a spec change outside the pod template does not roll pods', () => {
    const { objects } = jsonDiff([daemonSet()], [daemonSet(o => (o.spec.revisionHistoryLimit = 3))]);
    expect(objects[0]).toMatchObject({ rollout: false, changedPaths: ['spec.revisionHistoryLimit'], notes: ['no pod template change: running pods are not restarted'] });
  });

  test('OnDelete does not roll, and says so', () => {
    const onDelete = (o: Json) => (o.spec.updateStrategy = { type: 'OnDelete' });
    const { objects } = jsonDiff([daemonSet(onDelete)], [daemonSet(o => { onDelete(o); newImage(o); })], '--node-count', '5');
    expect(objects[0]).toMatchObject({ rollout: false, waves: null, rolloutPaths: [] });
    expect(objects[0].notes[0]).toMatch(/^updateStrategy OnDelete: .*does not roll/);
  });

  test('Deployments roll; ReplicaSets and CronJobs do not replace running pods', () => {
    const workload = (kind: string, image: string, apiVersion = 'apps/v1') => {
      const template = { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image }] } };
      const spec = kind === 'CronJob' ? { schedule: '@daily', jobTemplate: { spec: { template } } } : { selector: { matchLabels: { app: 'w' } }, template };
      return { apiVersion, kind, metadata: { name: kind.toLowerCase() }, spec };
    };
    const { objects } = jsonDiff(
      [workload('Deployment', 'a:1'), workload('ReplicaSet', 'a:1'), workload('CronJob', 'a:1', 'batch/v1')],
      [workload('Deployment', 'a:2'), workload('ReplicaSet', 'a:2'), workload('CronJob', 'a:2', 'batch/v1')],
    );
    expect(objects.map(o => [o.kind, o.rollout, o.rolloutPaths])).toEqual([
      ['CronJob', false, []],
      ['Deployment', true, ['spec.template.spec.containers[0].image']],
      ['ReplicaSet', false, []],
    ]);
    expect(objects[2].notes[0]).toContain('does not replace running pods');
    expect(objects[0].notes[0]).toContain('the next Job runs with the new template');
  });

  test('config checksum annotations name the ConfigMap or Secret that changed, appeared or went away', () => {
    const key = (k: string) => `checksum.daemonsets.cdk8s.io/${k}`;
    const annotate = (a: Json) => (o: Json) => (o.spec.template.metadata.annotations = a);
    const { objects } = jsonDiff(
      [daemonSet(annotate({ [key('configmap-cfg')]: 'a', [key('secret-old-token')]: 'x' }))],
      [daemonSet(annotate({ [key('configmap-cfg')]: 'b', [key('secret-new-token')]: 'y', 'other.io/x': '1' }))],
    );
    expect(objects[0].configChanges).toEqual([
      { kind: 'ConfigMap', name: 'cfg', change: 'changed' },
      { kind: 'Secret', name: 'new-token', change: 'added' },
      { kind: 'Secret', name: 'old-token', change: 'removed' },
    ]);
    expect(objects[0].notes.slice(0, 3)).toEqual([
      'ConfigMap cfg changed (config checksum annotation)',
      'Secret new-token is now consumed (config checksum annotation)',
      'Secret old-token is no longer consumed (config checksum annotation)',
    ]);
    expect(objects[0].rollout).toBe(true);
  });

  test('a changed ConfigMap names its consumers, and whether they roll for it', () => {
    const cm = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'node-agents' }, data: { v } });
    const mounts = (o: Json) => (o.spec.template.spec.volumes = [{ name: 'cfg', configMap: { name: 'cfg' } }]);
    const checksum = (v: string) => (o: Json) => { mounts(o); o.spec.template.metadata.annotations = { 'checksum.daemonsets.cdk8s.io/configmap-cfg': v }; };
    const { objects } = jsonDiff(
      [cm('1'), daemonSet(checksum('a'), 'with-checksum'), daemonSet(mounts, 'without')],
      [cm('2'), daemonSet(checksum('b'), 'with-checksum'), daemonSet(mounts, 'without')],
    );
    expect(objects[0].notes).toEqual([
      'consumed by DaemonSet node-agents/with-checksum, which rolls through its config checksum',
      "consumed by DaemonSet node-agents/without, which does not roll for it: running pods keep environment values until restarted (mounted files update after the kubelet's sync)",
    ]);
  });

  test('a refused update rolls nothing and exits 1', () => {
    const r = jsonDiff([daemonSet()], [daemonSet(o => { o.spec.selector.matchLabels.v = '2'; o.spec.template.metadata.labels.v = '2'; })], '--node-count', '4');
    expect(r.code).toBe(1);
    expect(r.objects[0]).toMatchObject({ immutablePaths: ['spec.selector'], rollout: false, waves: null, rolloutPaths: [] });
    expect(r.objects[0].notes[0]).toContain('the API server refuses this update, so nothing rolls');
    expect(r.objects[0].notes[1]).toContain('refused: the API server refuses this update of DaemonSet node-agents/agent: spec.selector is immutable');
    expect(r.out.summary.refused).toBe(1);
  });

  test('refusals of other kinds (an immutable ConfigMap) exit 1 too', () => {
    const cm = (data: Json) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'x' }, immutable: true, data });
    const r = jsonDiff([cm({ a: '1' })], [cm({ a: '2' })]);
    expect(r.code).toBe(1);
    expect(r.objects[0].immutablePaths).toEqual(['data']);
  });

  test('upgrade-safety warnings appear as notes without failing', () => {
    const all = rolling({ maxUnavailable: '100%' });
    const r = jsonDiff([daemonSet(all)], [daemonSet(o => { all(o); newImage(o); })], '--node-count', '8');
    expect(r.code).toBe(0);
    expect(r.objects[0].waves).toBe(1);
    expect(r.objects[0].notes.some((n: string) => n.startsWith('warning: DaemonSet node-agents/agent restarts on every node at once'))).toBe(true);
    expect(r.out.summary.warnings).toBe(1);
  });
});

describe('waves', () => {
  test.each([
    // [rollingUpdate, minReadySeconds, node count, waves, words in the note]
    [{ maxUnavailable: 1 }, 0, 10, 10, 'up to 1 old pod deleted at a time'],
    [{ maxUnavailable: '10%' }, 0, 25, 9, 'up to 3 old pods deleted at a time'],
    [{ maxUnavailable: '10%' }, 30, 5, 5, 'then minReadySeconds 30s more'],
    [{ maxUnavailable: 0, maxSurge: '25%' }, 0, 10, 4, 'up to 3 new pods started beside the old ones at a time (surge)'],
    [{ maxUnavailable: 2 }, 0, 0, 0, 'rolling update on 0 nodes: nothing to replace'],
  ])('%p with minReadySeconds %p on %p nodes: %p waves', (rollingUpdate, minReadySeconds, nodes, waves, words) => {
    const strategy = (o: Json) => { rolling(rollingUpdate)(o); o.spec.minReadySeconds = minReadySeconds; };
    const { objects } = jsonDiff([daemonSet(strategy)], [daemonSet(o => { strategy(o); newImage(o); })], '--node-count', String(nodes));
    expect(objects[0].waves).toBe(waves);
    expect(objects[0].notes[0]).toContain(words);
  });

  test('with batches of more than one pod the waves are a minimum: the controller refills its budget pod by pod', () => {
    const half = rolling({ maxUnavailable: '50%' });
    const [o] = jsonDiff([daemonSet(half)], [daemonSet(o2 => { half(o2); newImage(o2); })], '--node-count', '6').objects;
    expect([o.waves, o.maxAtOnce]).toEqual([2, 3]);
    expect(o.notes[0]).toMatch(/^rolling update in at least 2 waves on 6 nodes: .*never more than 3 at once/);
  });

  test('without a node count the waves are unknown, and the note says how to get them', () => {
    const { objects } = jsonDiff([daemonSet()], [daemonSet(newImage)]);
    expect(objects[0]).toMatchObject({ rollout: true, waves: null, nodes: null });
    expect(objects[0].notes[0]).toContain('waves unknown without a node count (--nodes or --node-count)');
  });

  test('--nodes counts the nodes each DaemonSet lands on', () => {
    const linux = (o: Json) => (o.spec.template.spec.nodeSelector = { 'kubernetes.io/os': 'linux' });
    const { objects } = jsonDiff(
      [daemonSet(linux), daemonSet(() => {}, 'everywhere')],
      [daemonSet(o => { linux(o); newImage(o); }), daemonSet(newImage, 'everywhere')],
      '--nodes', NODES,
    );
    expect(objects.map(o => [o.name, o.nodes, o.waves])).toEqual([['agent', 3, 3], ['everywhere', 4, 4]]);
  });
});

describe('usage and input errors', () => {
  test('--help prints the usage and exits 0', () => {
    const r = runDiff(['--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: cdk8s-daemonsets diff \[options\] <before> <after>/);
    expect(r.stdout).toContain('--format text|markdown|json');
  });

  test.each([
    [[], /expected two inputs, <before> and <after>; got 0/],
    [['a'], /got 1/],
    [['a', 'b', 'c'], /got 3/],
    [['-', '-'], /only one side can be -/],
    [['a', 'b', '--format', 'html'], /--format html: use text, markdown or json/],
    [['a', 'b', '--node-count', 'many'], /--node-count many: use a whole number of nodes/],
    [['a', 'b', '--node-count', '-1'], /--node-count -1: use a whole number/],
    [['a', 'b', '--nodes', 'n.yaml', '--node-count', '3'], /give --nodes or --node-count, not both/],
    [['a', 'b', '--bogus'], /unknown option --bogus/],
    [['a', 'b', '--format'], /--format needs a value/],
  ])('%p exits 2 with a clear message', (args, message) => {
    const r = runDiff(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: cdk8s-daemonsets diff');
  });

  test('a missing input names the side and the path', () => {
    const r = runDiff([path.join(tmp, 'missing'), AFTER]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`cdk8s-daemonsets diff: before '${path.join(tmp, 'missing')}': no such file or directory\n`);
  });

  test('YAML that does not parse', () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(bad, 'kind: [unclosed\n');
    const r = runDiff([BEFORE, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-daemonsets diff: after: .*bad\.yaml: not valid YAML/);
  });

  test('text that is not a manifest, and a manifest without a name', () => {
    const prose = path.join(tmp, 'notes.yaml');
    fs.writeFileSync(prose, 'just some words\n');
    expect(runDiff([prose, AFTER]).stderr).toContain(`before '${prose}': manifest 1 is not a Kubernetes object (string)`);
    const unnamed = write('unnamed.yaml', [daemonSet(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-' } }]);
    const r = runDiff([BEFORE, unnamed]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`after '${unnamed}': manifest 2 has no apiVersion, kind and metadata.name`);
  });

  test('--max-input-size refuses a larger input, naming it', () => {
    const big = write('big.yaml', [daemonSet(o => (o.metadata.annotations = { note: 'x'.repeat(4096) }))]);
    const small = write('small.yaml', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }]);
    const r = runDiff([small, big, '--max-input-size', '0.001']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cdk8s-daemonsets diff: after: ${big} is`);
    expect(r.stderr).toContain('larger than the 1048 bytes input limit');
    expect(runDiff([BEFORE, big, '--max-input-size', 'lots']).stderr).toMatch(/--max-input-size lots: use a positive number of MiB/);
  });

  test('an unreadable nodes file', () => {
    const r = runDiff([BEFORE, AFTER, '--nodes', path.join(tmp, 'nodes.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the nodes file');
  });

  test('one side from standard input', () => {
    const text = fs.readFileSync(path.join(AFTER, 'agents.k8s.yaml'), 'utf-8');
    const r = runDiff([BEFORE, '-', '--format', 'json'], () => text);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.modified).toBe(5);
  });

  test('identical inputs: exit 0, everything unchanged', () => {
    const r = runDiff([BEFORE, BEFORE]);
    expect(r).toEqual({ code: 0, stdout: 'no changes\n0 modified, 0 added, 0 removed, 7 unchanged; 0 roll pods; 0 refused by the API server; 0 warnings\n', stderr: '' });
    expect(runDiff([BEFORE, BEFORE, '--format', 'markdown']).stdout).toContain('No changes.');
  });
});
