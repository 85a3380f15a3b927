import * as fs from 'fs';
import * as path from 'path';
import { synthesizeGenerated } from './import-program';
import { generateTypeScript } from '../../src/cli/import';

/**
 * Import cost must grow with the output, not with 2^depth: a deep CRD and a calico-sized manifest
 * (a DaemonSet plus twenty large, deeply nested CRDs) import in bounded time. The bounds are
 * generous guards against an exponential layout, not benchmarks.
 */

/** An OpenAPI schema nested `depth` levels: `branching` object children per level while `depth > chainFrom`, one below. */
function schema(depth: number, branching: number, chainFrom: number, scalars: number, tag: string): any {
  const properties: any = {};
  for (let i = 0; i < scalars; i++) {
    properties[`field${i}`] = i % 3 === 0
      ? { type: 'array', description: `List ${i} of ${tag}.`, items: { type: 'string' } }
      : { type: i % 2 ? 'integer' : 'string', description: `Setting ${i} of ${tag}, as the upstream API documents it in a sentence or two.` };
  }
  if (depth > 0) {
    const children = depth > chainFrom ? branching : 1;
    for (let c = 0; c < children; c++) {
      properties[`child${c}`] = c % 2 === 0
        ? schema(depth - 1, branching, chainFrom, scalars, `${tag}.child${c}`)
        : { type: 'array', items: schema(depth - 1, branching, chainFrom, scalars, `${tag}.child${c}[]`) };
    }
  }
  return { type: 'object', description: `The ${tag} settings.`, properties, required: ['field0'] };
}

function crd(name: string, spec: any): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${name}.crd.projectcalico.org` },
    spec: {
      group: 'crd.projectcalico.org',
      names: { kind: name.charAt(0).toUpperCase() + name.slice(1), listKind: `${name}List`, plural: name, singular: name },
      scope: 'Cluster',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } }],
    },
  };
}

function calicoNode(): any {
  const env = (name: string, value: string) => ({ name, value });
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'calico-node', namespace: 'kube-system', labels: { 'k8s-app': 'calico-node' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'calico-node' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'calico-node' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          hostNetwork: true,
          tolerations: [{ effect: 'NoSchedule', operator: 'Exists' }, { key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
          serviceAccountName: 'calico-node',
          terminationGracePeriodSeconds: 0,
          priorityClassName: 'system-node-critical',
          initContainers: [{
            name: 'install-cni',
            image: 'docker.io/calico/cni:v3.28.0',
            command: ['/opt/cni/bin/install'],
            env: [env('CNI_CONF_NAME', '10-calico.conflist'), { name: 'KUBERNETES_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            volumeMounts: [{ mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }, { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' }],
            securityContext: { privileged: true },
          }],
          containers: [{
            name: 'calico-node',
            image: 'docker.io/calico/node:v3.28.0',
            env: [env('DATASTORE_TYPE', 'kubernetes'), env('CLUSTER_TYPE', 'k8s,bgp'), env('IP', 'autodetect'), env('CALICO_IPV4POOL_IPIP', 'Always'),
              env('FELIX_IPINIPMTU', '1440'), env('FELIX_HEALTHENABLED', 'true'), { name: 'NODENAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            securityContext: { privileged: true },
            resources: { requests: { cpu: '250m' } },
            livenessProbe: { exec: { command: ['/bin/calico-node', '-felix-live', '-bird-live'] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
            readinessProbe: { exec: { command: ['/bin/calico-node', '-felix-ready', '-bird-ready'] }, periodSeconds: 10, timeoutSeconds: 10 },
            volumeMounts: [
              { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
              { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
              { mountPath: '/var/run/calico', name: 'var-run-calico' },
              { mountPath: '/var/lib/calico', name: 'var-lib-calico' },
            ],
          }],
          volumes: [
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
            { name: 'var-run-calico', hostPath: { path: '/var/run/calico', type: 'DirectoryOrCreate' } },
            { name: 'var-lib-calico', hostPath: { path: '/var/lib/calico', type: 'DirectoryOrCreate' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'cni-bin-dir', hostPath: { path: '/opt/cni/bin', type: 'DirectoryOrCreate' } },
            { name: 'cni-net-dir', hostPath: { path: '/etc/cni/net.d' } },
          ],
        },
      },
    },
  };
}

/** Runs `f` and returns its result with the wall time in milliseconds. */
function timed<T>(f: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = f();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Code with its layout removed (line breaks, indentation, trailing commas). */
function flat(code: string): string {
  return code.replace(/\s+/g, ' ').replace(/([([{]) /g, '$1').replace(/,? ([)\]}])/g, '$1');
}

function maxDepth(code: string): number {
  let depth = 0;
  let max = 0;
  for (const ch of code) {
    if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === '}' || ch === ']') depth--;
  }
  return max;
}

/** Measured times, written to test-reports/ for the record (never printed: tests stay quiet). */
const report: string[] = [];

describe('import cost', () => {
  afterAll(() => {
    fs.mkdirSync(path.join(__dirname, '..', '..', 'test-reports'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, '..', '..', 'test-reports', 'import-scale.txt'), `${report.join('\n')}\n`);
  });

  test('a CRD nested 20 levels deep imports in under 2 s', () => {
    const deep = crd('deepsettings', schema(20, 1, 0, 4, 'deep'));
    const { result: code, ms } = timed(() => generateTypeScript([deep]));
    expect(ms).toBeLessThan(2_000);
    report.push(`20-level CRD: ${Math.round(ms)} ms`);
    expect(maxDepth(code)).toBeGreaterThan(40);
    expect(flat(code)).toContain("new ApiObject(chart, 'CustomResourceDefinition-deepsettings.crd.projectcalico.org', {");
    // Every printed line stays within the layout's width, or holds a single string or an opening bracket (past the width by indentation alone).
    const long = code.split('\n').filter(l => l.length > 110 && !/^\s*(\w+: )?('[^']*',?|[{[])$/.test(l));
    expect(long).toEqual([]);
    const [synthesized] = synthesizeGenerated(code);
    expect(synthesized).toEqual(deep);
  });

  test('a calico-sized manifest (a DaemonSet and 20 large, deeply nested CRDs) imports in under 10 s', () => {
    const crds = Array.from({ length: 20 }, (_, i) => crd(`resource${i}`, schema(11, 2, 8, 5, `resource${i}`)));
    const input = [calicoNode(), ...crds];
    const size = JSON.stringify(input).length;
    expect(size).toBeGreaterThan(1_000_000);
    const { result: code, ms } = timed(() => generateTypeScript(input));
    expect(ms).toBeLessThan(10_000);
    report.push(`DaemonSet + 20 CRDs (${(size / 1e6).toFixed(1)} MB JSON in, ${(code.length / 1e6).toFixed(1)} MB code out): ${Math.round(ms)} ms`);
    expect(flat(code)).toContain("new DaemonSet(chart, 'calico-node', {");
    // Kinds import does not model pass through as ApiObjects and synthesize unchanged.
    expect(flat(code).match(/new ApiObject\(chart, 'CustomResourceDefinition-/g)).toHaveLength(20);
    const synthesized = synthesizeGenerated(code);
    for (const c of crds) expect(synthesized.find(o => o.metadata.name === c.metadata.name)).toEqual(c);
  }, 60_000);
});
