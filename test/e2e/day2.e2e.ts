/**
 * `cdk8s-daemonsets diff` against the real control plane: each day-2 change is a before/after pair of
 * cdk8s apps synthesized with this library, judged by `diff --format json` (with the cluster's own Node
 * objects for the waves), then applied the GitOps way (server-side apply of the same YAML) over a
 * rolled-out `before`. The cluster must do what diff predicted: roll or not (ControllerRevisions,
 * `controller-revision-hash`, pod UIDs), refuse what diff says it refuses, and roll in diff's waves.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { agentProps, DaemonSet } from './agents';
import { Cluster } from './cluster';
import { DiffEntry, judge, nodesFile, objectsSide, removeSides, Side, synthSide, writeSide } from './diff-sides';
import { DaemonSetSnapshot, podUids, rolledOut, snapshotOf } from './revisions';
import { WaveObserver } from './waves';
import { DaemonSetProps, DaemonSetUpdateStrategy, NodePlacement } from '../../src';
import { runImport } from '../../src/cli/import';
import { synthesizeGenerated } from '../cli/import-program';

const cluster = Cluster.fromEnv();
const V1 = 'registry.example.com/platform/agent:1.0.0';
const V2 = 'registry.example.com/platform/agent:2.0.0';
const NAME = 'agent';
const SELECTOR = `app.kubernetes.io/name=${NAME},app.kubernetes.io/instance=${NAME}`;
/** How long a change that must not roll gets to (wrongly) roll before the pods are compared. */
const SETTLE_MS = 4000;

/** The DaemonSet `agent` of every pair, on `image`, with `extra` props. */
function agent(scope: Construct, image: string, extra: Partial<DaemonSetProps> = {}, id = NAME): DaemonSet {
  return new DaemonSet(scope, id, { ...agentProps(image), metadata: { name: NAME }, ...extra });
}

/** A change: the namespace it runs in and its two synthesized sides. */
interface Pair {
  readonly ns: string;
  readonly before: Side;
  readonly after: Side;
}

function pair(key: string, before: (chart: Chart) => void, after: (chart: Chart) => void): Pair {
  const ns = `e2e-day2-${key}`;
  return { ns, before: synthSide(`${key}-before`, ns, before), after: synthSide(`${key}-after`, ns, after) };
}

function configApp(level: string, extra: Partial<DaemonSetProps> = {}): (chart: Chart) => void {
  return (chart) => {
    const settings = new kplus.ConfigMap(chart, 'settings', { metadata: { name: 'agent-settings' }, data: { LOG_LEVEL: level } });
    const props = agentProps(V1);
    agent(chart, V1, { containers: [{ ...props.containers![0], envFrom: [kplus.Env.fromConfigMap(settings)] }], ...extra });
  };
}

const rollingOne = { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1) }) };
const rollingHalf = { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(50) }) };
const surgeOne = {
  updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
    maxSurge: kplus.PercentOrAbsolute.absolute(1),
    maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
  }),
};

const PAIRS = {
  image: pair('image', (c) => agent(c, V1), (c) => agent(c, V2)),
  config: pair('config', configApp('info'), configApp('debug')),
  configNoChecksum: pair('config-no-checksum', configApp('info', { configChecksums: false }), configApp('debug', { configChecksums: false })),
  onDelete: pair('on-delete',
    (c) => agent(c, V1, { updateStrategy: DaemonSetUpdateStrategy.onDelete() }),
    (c) => agent(c, V2, { updateStrategy: DaemonSetUpdateStrategy.onDelete() })),
  labels: pair('labels',
    (c) => agent(c, V1, { metadata: { name: NAME, labels: { team: 'platform' } } }),
    (c) => agent(c, V1, { metadata: { name: NAME, labels: { team: 'observability', tier: 'node' } } })),
  selector: pair('selector',
    (c) => agent(c, V1),
    (c) => agent(c, V1, { selectorLabels: { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/instance': `${NAME}-v2` } })),
  refactor: pair('refactor',
    (c) => agent(c, V1),
    (c) => agent(new Construct(new Construct(c, 'fleet'), 'node-level'), V1, {}, 'renamed-agent')),
  waves: pair('waves',
    (c) => agent(c, V1, { ...rollingOne, placement: [NodePlacement.allNodes()] }),
    (c) => agent(c, V1.replace('1.0.0', '1.1.0'), { ...rollingOne, placement: [NodePlacement.allNodes()] })),
  half: pair('half',
    (c) => agent(c, V1, { ...rollingHalf, placement: [NodePlacement.allNodes()] }),
    (c) => agent(c, V1.replace('1.0.0', '1.1.0'), { ...rollingHalf, placement: [NodePlacement.allNodes()] })),
  surge: pair('surge',
    (c) => agent(c, V1, { ...surgeOne, placement: [NodePlacement.allNodes()] }),
    (c) => agent(c, V1.replace('1.0.0', '1.1.0'), { ...surgeOne, placement: [NodePlacement.allNodes()] })),
};

const initial: { [key: string]: DaemonSetSnapshot } = {};
const timings: { [key: string]: number } = {};
/** What the suite measured, printed at the end (the numbers the report quotes). */
const measured: { [key: string]: unknown } = {};

beforeAll(async () => {
  const started = Date.now();
  for (const p of Object.values(PAIRS)) {
    cluster.createNamespace(p.ns);
    cluster.apply(p.before.objects);
  }
  const snapshots = await Promise.all(Object.values(PAIRS).map((p) => rolledOut(cluster, p.ns, NAME)));
  Object.keys(PAIRS).forEach((k, i) => (initial[k] = snapshots[i]));
  timings.setup = Date.now() - started;
});

afterAll(() => {
  removeSides();
  process.stderr.write(`[e2e day2] timings (ms): ${JSON.stringify(timings)}\n[e2e day2] measured: ${JSON.stringify(measured)}\n`);
});

/** Applies `after` of a pair and times the rollout (or the settle time). */
async function applyAfter(key: keyof typeof PAIRS, rolls: boolean): Promise<DaemonSetSnapshot> {
  const p = PAIRS[key];
  const started = Date.now();
  cluster.apply(p.after.objects);
  if (rolls) {
    const s = await rolledOut(cluster, p.ns, NAME);
    timings[key] = Date.now() - started;
    return s;
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  timings[key] = Date.now() - started;
  return snapshotOf(cluster, p.ns, NAME);
}

/** The cluster replaced every pod with one of a new ControllerRevision. */
function expectRolled(before: DaemonSetSnapshot, after: DaemonSetSnapshot): void {
  expect(after.revisions).toHaveLength(before.revisions.length + 1);
  const oldHash = before.revisions[before.revisions.length - 1].hash;
  const newHash = after.revisions[after.revisions.length - 1].hash;
  expect(newHash).not.toBe(oldHash);
  expect(after.pods.map((p) => p.hash)).toEqual(after.pods.map(() => newHash));
  expect(after.pods.map((p) => p.node)).toEqual(before.pods.map((p) => p.node));
  const kept = podUids(after).filter((uid) => podUids(before).includes(uid));
  expect(kept).toEqual([]);
}

/** The cluster kept every pod and made no ControllerRevision. */
function expectKept(before: DaemonSetSnapshot, after: DaemonSetSnapshot): void {
  expect(after.revisions).toEqual(before.revisions);
  expect(podUids(after)).toEqual(podUids(before));
}

function daemonSetEntry(key: keyof typeof PAIRS): DiffEntry & { code: number } {
  const verdict = judge(PAIRS[key].before, PAIRS[key].after, nodesFile(cluster));
  return { ...verdict.entry('DaemonSet', NAME), code: verdict.code };
}

test('image bump: diff predicts a rollout of the image path; the cluster makes a new revision and replaces every pod', async () => {
  const ds = daemonSetEntry('image');
  expect(ds).toMatchObject({ code: 0, change: 'modified', rollout: true, immutablePaths: [] });
  expect(ds.rolloutPaths).toEqual(['spec.template.spec.containers[0].image']);
  const before = initial.image;
  const after = await applyAfter('image', true);
  expectRolled(before, after);
  expect(after.pods.map((p) => p.image)).toEqual(after.pods.map(() => V2));
  // diff's node count (its placement engine on the cluster's Node objects) is the controller's.
  expect(ds.nodes).toBe(after.pods.length);
  expect(ds.waves).toBe(after.pods.length);
  measured.image = { nodes: ds.nodes, waves: ds.waves, revisions: [before.revisions.length, after.revisions.length] };
});

test('ConfigMap edit: diff names the ConfigMap and predicts a rollout through the checksum annotation; the cluster rolls', async () => {
  const verdict = judge(PAIRS.config.before, PAIRS.config.after, nodesFile(cluster));
  const ds = verdict.entry('DaemonSet', NAME);
  expect(verdict.code).toBe(0);
  expect(ds).toMatchObject({ change: 'modified', rollout: true, configChanges: [{ kind: 'ConfigMap', name: 'agent-settings', change: 'changed' }] });
  expect(ds.notes).toContain('ConfigMap agent-settings changed (config checksum annotation)');
  expect(ds.rolloutPaths).toEqual(["spec.template.metadata.annotations['checksum.daemonsets.cdk8s.io/configmap-agent-settings']"]);
  const cm = verdict.entry('ConfigMap', 'agent-settings');
  expect(cm.change).toBe('modified');
  expect(cm.notes.join('\n')).toMatch(/consumed by DaemonSet .*agent.*, which rolls through its config checksum/);

  const before = initial.config;
  const after = await applyAfter('config', true);
  expectRolled(before, after);
  expect(cluster.get(['configmap', '-n', PAIRS.config.ns, 'agent-settings']).data).toEqual({ LOG_LEVEL: 'debug' });
});

test('ConfigMap edit without checksums: diff says the consumer does not roll; the cluster keeps every pod', async () => {
  const verdict = judge(PAIRS.configNoChecksum.before, PAIRS.configNoChecksum.after, nodesFile(cluster));
  expect(verdict.code).toBe(0);
  expect(verdict.entry('DaemonSet', NAME)).toMatchObject({ change: 'unchanged', rollout: false });
  const cm = verdict.entry('ConfigMap', 'agent-settings');
  expect(cm.change).toBe('modified');
  expect(cm.notes.join('\n')).toMatch(/consumed by DaemonSet .*agent.*, which does not roll for it/);
  const before = initial.configNoChecksum;
  const after = await applyAfter('configNoChecksum', false);
  expectKept(before, after);
  expect(cluster.get(['configmap', '-n', PAIRS.configNoChecksum.ns, 'agent-settings']).data).toEqual({ LOG_LEVEL: 'debug' });
});

test('image bump under OnDelete: diff says the template changes but nothing rolls; the cluster makes a revision and keeps every pod', async () => {
  const ds = daemonSetEntry('onDelete');
  expect(ds).toMatchObject({ code: 0, change: 'modified', rollout: false, rolloutPaths: [], waves: null });
  expect(ds.notes.join('\n')).toMatch(/OnDelete/);
  const before = initial.onDelete;
  const after = await applyAfter('onDelete', false);
  // The controller records the new template (a ControllerRevision) but replaces no pod.
  expect(after.revisions).toHaveLength(before.revisions.length + 1);
  expect(podUids(after)).toEqual(podUids(before));
  expect(after.pods.map((p) => p.image)).toEqual(before.pods.map(() => V1));
});

test('label-only change of the DaemonSet metadata: diff predicts no rollout; the cluster keeps every pod and revision', async () => {
  const ds = daemonSetEntry('labels');
  expect(ds).toMatchObject({ code: 0, change: 'modified', rollout: false, rolloutPaths: [], immutablePaths: [], waves: null });
  expect(ds.changedPaths.every((p) => p.startsWith('metadata.'))).toBe(true);
  const before = initial.labels;
  const after = await applyAfter('labels', false);
  expectKept(before, after);
  expect(cluster.get(['daemonset', '-n', PAIRS.labels.ns, NAME]).metadata.labels).toMatchObject({ team: 'observability', tier: 'node' });
});

test('selector change: diff refuses it (exit 1, spec.selector); the API server refuses the apply as immutable and nothing changes', async () => {
  const ds = daemonSetEntry('selector');
  expect(ds.code).toBe(1);
  expect(ds.immutablePaths).toContain('spec.selector');
  expect(ds.rollout).toBe(false);
  const before = initial.selector;
  let error = '';
  try {
    cluster.apply(PAIRS.selector.after.objects);
  } catch (e) {
    error = (e as Error).message;
  }
  measured.selectorRefusal = error.split('\n').find((l) => /immutable/.test(l));
  expect(error).toMatch(/field is immutable/);
  expect(error).toMatch(/spec\.selector/);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  expectKept(before, snapshotOf(cluster, PAIRS.selector.ns, NAME));
});

test('construct-path refactor (renamed id, wrapped twice, same name): diff predicts no rollout; the apply is accepted and no pod restarts', async () => {
  const ds = daemonSetEntry('refactor');
  expect(ds).toMatchObject({ code: 0, rollout: false, immutablePaths: [] });
  // Unchanged, or at most a metadata-only change.
  expect(ds.change === 'unchanged' || ds.changedPaths.every((p) => p.startsWith('metadata.'))).toBe(true);
  measured.refactor = { change: ds.change, changedPaths: ds.changedPaths };
  expect(ds.change).toBe('unchanged');
  const before = initial.refactor;
  const after = await applyAfter('refactor', false);
  expectKept(before, after);
});

/** Applies a rolling pair's `after` while a watch counts the waves; returns diff's entry, the snapshots and the record. */
async function observeWaves(key: 'waves' | 'surge' | 'half') {
  const ds = daemonSetEntry(key);
  expect(ds).toMatchObject({ code: 0, rollout: true });
  const before = initial[key];
  const nodes = before.pods.map((p) => p.node);
  const observer = new WaveObserver(cluster, PAIRS[key].ns, SELECTOR, nodes, before.revisions[before.revisions.length - 1].hash);
  await observer.ready;
  const after = await applyAfter(key, true);
  const newHash = after.revisions[after.revisions.length - 1].hash;
  await cluster.waitFor('the watch sees the new revision on every node', () => (observer.availableNodes(newHash).length === nodes.length ? true : undefined), { timeoutMs: 30_000 });
  const record = observer.stop();
  measured[key] = { diff: { waves: ds.waves, nodes: ds.nodes, notes: ds.notes }, cluster: record };
  expectRolled(before, after);
  expect(ds.nodes).toBe(nodes.length);
  return { ds, nodes, record };
}

test('waves: diff\'s waves (maxUnavailable 1 on every node) are the controller\'s replacement rounds, never more than one node without an available pod', async () => {
  const { ds, nodes, record } = await observeWaves('waves');
  expect(record.maxUnavailable).toBe(1);
  expect(record.maxPodsOnOneNode).toBe(1);
  expect(record.waves).toBe(ds.waves);
  expect(record.deletionRounds).toBe(ds.waves);
  expect(record.nodesPerWave.map((w) => w.length)).toEqual(nodes.map(() => 1));
  expect(record.nodesPerWave.flat().sort()).toEqual([...nodes].sort());
});

/*
 * With more than one pod per wave diff's count is a lower bound, not the controller's behaviour: the
 * controller (pkg/controller/daemon/update.go rollingUpdate, no surge) deletes old pods whenever
 * `maxUnavailable - numUnavailable` allows, so each replacement that becomes available frees one slot
 * at once; it does not wait for the whole wave. When the 3 replacements become available in one sync
 * the rollout takes diff's 2 rounds ([3, 3]); when they become available in different syncs it takes up
 * to nodes - 3 + 1 = 4 ([3, 2, 1], [3, 1, 1, 1]). The test asserts what always holds and records the rounds.
 */
test('waves with maxUnavailable 50% on 6 nodes: never more than 3 nodes without an available pod; diff\'s 2 waves are the fewest rounds', async () => {
  const { ds, nodes, record } = await observeWaves('half');
  expect(ds.waves).toBe(2);
  expect(ds.maxAtOnce).toBe(3);
  expect(ds.notes[0]).toMatch(/^rolling update in at least 2 waves .*up to 3 old pods deleted at a time/);
  // diff's maxAtOnce is the cluster's bound exactly.
  expect(record.maxUnavailable).toBe(ds.maxAtOnce);
  expect(record.maxPodsOnOneNode).toBe(1);
  expect(record.deletionsPerRound[0]).toBe(3);
  expect(Math.max(...record.deletionsPerRound)).toBeLessThanOrEqual(3);
  expect(record.deletionsPerRound.reduce((a, b) => a + b, 0)).toBe(nodes.length);
  expect(record.deletionRounds).toBeGreaterThanOrEqual(ds.waves!);
  expect(record.deletionRounds).toBeLessThanOrEqual(nodes.length - 3 + 1);
});

test('waves with surge (maxSurge 1, maxUnavailable 0): diff\'s waves are the controller\'s rounds, every node keeps an available pod', async () => {
  const { ds, nodes, record } = await observeWaves('surge');
  expect(record.maxUnavailable).toBe(0);
  expect(record.maxPodsOnOneNode).toBe(2);
  expect(record.waves).toBe(ds.waves);
  expect(record.deletionRounds).toBe(ds.waves);
  expect(record.nodesPerWave.map((w) => w.length)).toEqual(nodes.map(() => 1));
  expect(record.nodesPerWave.flat().sort()).toEqual([...nodes].sort());
});

test('Helm-rendered DaemonSet adopted through import: diff predicts no change; the apply over Helm\'s object is accepted and no pod restarts', async () => {
  const ns = 'e2e-day2-helm';
  const helm = writeSide('helm-before', fs.readFileSync(path.join(__dirname, 'fixtures-day2', 'helm-node-agent.yaml'), 'utf-8'));
  const helmDs = helm.objects.find((o) => o.kind === 'DaemonSet');
  const name: string = helmDs.metadata.name;
  cluster.createNamespace(ns);
  // Helm creates its objects (POST) under its own field manager.
  cluster.kubectl(['create', '--field-manager=helm', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: helm.objects }));
  const before = await rolledOut(cluster, ns, name);

  const started = Date.now();
  const imported = runImport([helm.dir]);
  expect(imported).toMatchObject({ code: 0, stderr: '' });
  const after = objectsSide('helm-after', synthesizeGenerated(imported.stdout));
  const afterDs = after.objects.find((o) => o.kind === 'DaemonSet');
  // The imported app keeps Helm's identity: name, selector, pod labels.
  expect(afterDs.metadata.name).toBe(name);
  expect(afterDs.spec.selector).toEqual(helmDs.spec.selector);
  expect(afterDs.spec.template.metadata.labels).toEqual(helmDs.spec.template.metadata.labels);

  // Ported by hand without the selector: diff refuses it, and so does the API server (dry run).
  const naive = synthSide('helm-naive', ns, (c) => new DaemonSet(c, 'node-agent', { ...agentProps(V1), metadata: { name } }));
  const refused = judge(helm, naive, nodesFile(cluster));
  expect(refused.code).toBe(1);
  expect(refused.entry('DaemonSet', name).immutablePaths).toContain('spec.selector');
  expect(() => cluster.apply(naive.objects, { dryRun: true })).toThrow(/field is immutable/);

  const verdict = judge(helm, after, nodesFile(cluster));
  const ds = verdict.entry('DaemonSet', name);
  measured.helm = { change: ds.change, changedPaths: ds.changedPaths, rollout: ds.rollout, objects: verdict.objects.map((o) => `${o.kind}/${o.name}: ${o.change}`) };
  expect(verdict.code).toBe(0);
  expect(ds).toMatchObject({ rollout: false, rolloutPaths: [], immutablePaths: [] });
  expect(ds.change).toBe('unchanged');

  cluster.apply(after.objects);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  timings.helm = Date.now() - started;
  expectKept(before, snapshotOf(cluster, ns, name));
  // The app's field manager now owns the DaemonSet's fields beside Helm's: adopted, not replaced.
  const managers = cluster.get(['daemonset', '-n', ns, name, '--show-managed-fields']).metadata.managedFields.map((m: any) => `${m.manager}/${m.operation}`);
  expect(managers).toEqual(expect.arrayContaining(['helm/Update', 'cdk8s-daemonsets-e2e/Apply']));
});
