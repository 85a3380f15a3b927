/** The node set and files every e2e suite shares. */
import * as fs from 'fs';
import * as path from 'path';
import type { Cluster, FakeNode } from './cluster';
import { readManifests } from '../../src/cli/validate';

export const REPO = path.resolve(__dirname, '..', '..');

/**
 * The kwok nodes the global setup creates: two workers of different architectures, a control-plane node
 * with its NoSchedule taint, a node with a NoExecute taint, a Windows node and a virtual-kubelet node
 * (which node-exporter's default affinity excludes).
 */
export const BASE_NODES: FakeNode[] = [
  { name: 'worker-amd64', arch: 'amd64', labels: { 'node.kubernetes.io/instance-type': 'm5.xlarge' } },
  { name: 'worker-arm64', arch: 'arm64', labels: { 'node.kubernetes.io/instance-type': 'm7g.xlarge' } },
  {
    name: 'control-plane',
    labels: { 'node-role.kubernetes.io/control-plane': '' },
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
  },
  {
    name: 'gpu-noexecute',
    labels: { accelerator: 'nvidia' },
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoExecute' }],
  },
  { name: 'windows', os: 'windows', labels: { 'node.kubernetes.io/windows-build': '10.0.20348' } },
  { name: 'virtual-kubelet', labels: { type: 'virtual-kubelet' } },
];

/** Linux nodes of BASE_NODES. */
export const LINUX_NODES = BASE_NODES.filter((n) => (n.os ?? 'linux') === 'linux').map((n) => n.name).sort();

/**
 * The prometheus-operator CRD files the monitoring examples need: $CRDS_DIR, else ../shared/crds next to
 * the repository (the files scripts/import-crds.sh and gen:schemas read).
 */
export function crdFiles(): string[] {
  const candidates = [process.env.CRDS_DIR, path.join(REPO, '..', 'shared', 'crds'), '/work/shared/crds'].filter((d): d is string => !!d);
  const dir = candidates.find((d) => fs.existsSync(d));
  if (!dir) throw new Error(`the prometheus-operator CRDs were not found in ${candidates.join(', ')}: set CRDS_DIR`);
  return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f));
}

/** Every synthesized example app: one directory of *.k8s.yaml each, sorted. */
export function exampleDistDirs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(p);
      else if (e.name.endsWith('.k8s.yaml') && !out.includes(dir)) out.push(dir);
    }
  };
  walk(path.join(REPO, 'examples'));
  return out.filter((d) => d.split(path.sep).includes('dist'));
}

/** Kinds without a namespace (their metadata.namespace, if any, is ignored by the API server). */
export const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass']);

/** The objects of the manifests in `dir`, in file order (the validate CLI's reader). */
export function loadManifests(dir: string): any[] {
  return readManifests([dir], () => {
    throw new Error('no standard input in the e2e tier');
  }).objects;
}

/** Creates the namespaces `objects` deploy into (the examples leave that to the GitOps tool). */
export function createNamespacesOf(cluster: Cluster, objects: any[]): void {
  const namespaces = new Set<string>();
  for (const o of objects) if (o.metadata.namespace && !CLUSTER_SCOPED.has(o.kind)) namespaces.add(o.metadata.namespace);
  for (const ns of [...namespaces].sort()) cluster.createNamespace(ns);
}
