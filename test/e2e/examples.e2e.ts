/**
 * Every example's committed YAML against the real API server: a server-side dry run, then a real
 * server-side apply, then every object read back; and the real DaemonSet controller and scheduler
 * place each example DaemonSet on exactly the nodes its placement allows.
 */
import * as path from 'path';
import { Cluster } from './cluster';
import { CLUSTER_SCOPED, createNamespacesOf, exampleDistDirs, LINUX_NODES, loadManifests, REPO } from './fixtures';

const cluster = Cluster.fromEnv();

const dirs = exampleDistDirs();
const rel = (d: string) => path.relative(REPO, d);

beforeAll(() => createNamespacesOf(cluster, dirs.flatMap(loadManifests)));

test('there are examples to apply', () => {
  expect(dirs.map(rel)).toEqual(expect.arrayContaining(['examples/basic/dist', 'examples/logging/dist', 'examples/monitoring/dist',
    'examples/consoles/huawei-cce/dist', 'examples/consoles/kubesphere/dist', 'examples/consoles/multicloud/dist',
    'examples/consoles/tkestack/dist', 'examples/consoles/volcengine-vke/dist']));
});

describe.each(dirs.map((d) => [rel(d), d]))('%s', (_name, dir) => {
  const objects = loadManifests(dir);

  test('the API server accepts every object in a server-side dry run', () => {
    const out = cluster.apply(objects, { dryRun: true });
    expect(out.trim().split('\n')).toHaveLength(objects.length);
    for (const line of out.trim().split('\n')) expect(line).toMatch(/serverside-applied \(server dry run\)$/);
  });

  test('a real server-side apply stores every object as written', () => {
    cluster.apply(objects);
    for (const o of objects) {
      const args = [`${o.kind}.${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}`.replace(/\.$/, ''), o.metadata.name];
      if (!CLUSTER_SCOPED.has(o.kind) && o.metadata.namespace) args.push('-n', o.metadata.namespace);
      const stored = cluster.get(args);
      expect({ kind: stored.kind, name: stored.metadata.name }).toEqual({ kind: o.kind, name: o.metadata.name });
      // Labels and annotations survive the round trip unchanged.
      expect(stored.metadata.labels ?? {}).toMatchObject(o.metadata.labels ?? {});
      expect(stored.metadata.annotations ?? {}).toMatchObject(o.metadata.annotations ?? {});
      if (o.kind === 'DaemonSet') {
        // toMatchObject: the API server adds its defaults (maxSurge: 0).
        expect(stored.spec.updateStrategy).toMatchObject(o.spec.updateStrategy);
        expect(stored.spec.template.spec.nodeSelector).toEqual(o.spec.template.spec.nodeSelector);
        expect(stored.spec.template.spec.tolerations).toEqual(o.spec.template.spec.tolerations);
      }
    }
  });
});

/** node-exporter's default affinity keeps it off virtual-kubelet and Fargate nodes. */
const EXPECTED: Record<string, string[]> = {
  'node-agents/node-agent': LINUX_NODES,
  'logging/fluent-bit': LINUX_NODES,
  'monitoring/node-exporter': LINUX_NODES.filter((n) => n !== 'virtual-kubelet'),
};

describe.each(Object.entries(EXPECTED))('DaemonSet %s', (id, nodes) => {
  const [namespace, name] = id.split('/');

  test(`runs one Ready pod on each of ${nodes.join(', ')} and nowhere else`, async () => {
    // One consistent observation: the status and the Ready pods read together, when they first agree (a node's
    // heartbeat that lags on a loaded machine can mark its pods NotReady for a moment right after).
    const seen = await cluster.waitFor(`${id} ready on ${nodes.length} nodes`, () => {
      const ds = cluster.get(['daemonset', '-n', namespace, name]);
      const s = ds.status ?? {};
      const running = cluster.runningNodes(namespace, name);
      // The same nodes, not just as many: a pod being replaced on one node must not stand in for a missing one.
      const agreed = s.desiredNumberScheduled === nodes.length && s.numberReady === nodes.length && running.join() === nodes.join();
      return agreed ? { status: s, running } : undefined;
    }, { timeoutMs: 120_000, describe: () => JSON.stringify({ status: cluster.get(['daemonset', '-n', namespace, name]).status, running: cluster.runningNodes(namespace, name) }) });
    expect(seen.running).toEqual(nodes);
    expect(seen.status.currentNumberScheduled).toBe(nodes.length);
    expect(seen.status.numberMisscheduled).toBe(0);
  });
});
