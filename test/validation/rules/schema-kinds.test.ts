import * as fs from 'fs';
import * as path from 'path';
import { validateManifests, ValidationFinding } from '../../../src/validation/engine';
import { loadSchemaSet, shippedSchemaVersions } from '../../../src/validation/rules/schema/schema';
import { inRanges, ShippedSchemas } from '../../../src/validation/rules/schema/store';

// Every built-in kind the API server creates has a schema, in every supported minor (not only the kinds the
// library emits): the schema rules reject an unknown field in a ReplicationController or a wrong type in an HPA.

const SCHEMAS = path.join(__dirname, '..', '..', '..', 'schemas');

function schemaFindings(objects: any[], kubernetesVersion = '1.31'): string[] {
  return validateManifests(objects, { kubernetesVersion, rules: ['schema'] }).findings
    .map((f: ValidationFinding) => `${f.severity} ${f.ruleId} ${f.path}: ${f.message}`);
}

const rc = (spec: any) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web', namespace: 'apps' }, spec });
const RC_SPEC = {
  replicas: 2,
  selector: { app: 'web' },
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
};

const hpa = (metrics: any[]) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'apps' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics },
});
const CPU_50 = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } };

/** Valid objects of kinds the library never emits. */
const OTHER_KINDS = [
  rc(RC_SPEC),
  hpa([CPU_50]),
  { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'w' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 80 } },
  { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/data' } } },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', parameters: { type: 'gp3' } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' }, webhooks: [{ name: 'v.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { name: 'hook', namespace: 'x' } } }] },
  { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc' },
  { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { holderIdentity: 'a', leaseDurationSeconds: 15 } },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }] } },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods' } } },
];

test.each(OTHER_KINDS.map(o => [`${o.apiVersion} ${o.kind}`, o]))('a valid %s passes in 1.27, 1.31 and 1.37', (_, obj) => {
  for (const v of ['1.27', '1.31', '1.37']) expect({ v, findings: schemaFindings([obj], v) }).toEqual({ v, findings: [] });
});

describe('rejects', () => {
  test('a ReplicationController with an unknown field', () => {
    expect(schemaFindings([rc({ ...RC_SPEC, strategy: { type: 'Recreate' } })])).toEqual([
      'error schema/valid spec.strategy: unknown field \'strategy\' in spec: the ReplicationController v1 (Kubernetes 1.31.14) schema has no such field',
    ]);
  });

  test('an HPA metric target of the wrong type, or with an unknown field', () => {
    const wrongType = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: '50%' } } };
    expect(schemaFindings([hpa([wrongType])])).toEqual([
      'error schema/valid spec.metrics[0].resource.target.averageUtilization: averageUtilization must be an integer, not a string (\'50%\')',
    ]);
    expect(schemaFindings([hpa([{ ...CPU_50, resource: { ...CPU_50.resource, targetz: {} } }])])[0]).toMatch(/unknown field 'targetz' in resource/);
  });

  test('an HPA without its required maxReplicas', () => {
    const noMax = hpa([CPU_50]);
    delete (noMax.spec as any).maxReplicas;
    expect(schemaFindings([noMax])).toEqual(['error schema/valid spec.maxReplicas: spec lacks the required field \'maxReplicas\'']);
  });

  test('an Ingress path with a pathType outside the enum', () => {
    const ingress = JSON.parse(JSON.stringify(OTHER_KINDS[5]));
    ingress.spec.rules[0].http.paths[0].pathType = 'Regex';
    expect(schemaFindings([ingress])).toEqual(['error schema/valid spec.rules[0].http.paths[0].pathType: pathType is \'Regex\', which is not an allowed value']);
  });
});

test('fields the spec calls required but whose zero value the API server accepts pass (checked against kube-apiserver)', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start' }] },
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 }] } },
      containers: [{
        name: 'c',
        image: 'busybox:1.36',
        readinessProbe: { httpGet: { port: 80, httpHeaders: [{ name: 'X-Empty' }] } },
        lifecycle: { preStop: { sleep: {} } },
      }],
    },
  };
  expect(schemaFindings([pod, { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: null } }])).toEqual([]);
  // A required field whose zero value the API rejects stays required.
  expect(schemaFindings([{ ...pod, spec: { ...pod.spec, containers: [{ image: 'busybox:1.36' }] } }])).toEqual([
    'error schema/valid spec.containers[0].name: containers[0] lacks the required field \'name\'',
  ]);
});

describe('coverage', () => {
  const store = new ShippedSchemas(SCHEMAS);

  test('every minor has schemas for the kinds its API server creates, and every root definition is there', () => {
    for (const version of shippedSchemaVersions()) {
      const served = Object.entries(store.index.kinds).filter(([, e]) => inRanges(e.served, version));
      // 69 kinds in 1.27 up to 99 in 1.37 (alpha and beta versions included, as the API server can serve them).
      expect(served.length).toBeGreaterThanOrEqual(69);
      for (const [key, entry] of served) {
        expect({ key, version, root: store.definition(entry.definition, version) !== undefined }).toEqual({ key, version, root: true });
      }
      expect(loadSchemaSet(version).kinds()).toEqual(expect.arrayContaining(['v1/ReplicationController', 'v1/PersistentVolume', 'storage.k8s.io/v1/StorageClass', 'autoscaling/v2/HorizontalPodAutoscaler']));
    }
  });

  test('kinds no collection creates are left out: lists, Status, Scale, Eviction, TokenRequest', () => {
    const kinds = Object.keys(store.index.kinds).map(k => k.split('/').pop()!);
    for (const k of ['DaemonSetList', 'Status', 'DeleteOptions', 'WatchEvent', 'Scale', 'TokenRequest', 'ComponentStatus']) expect(kinds).not.toContain(k);
    expect(Object.keys(store.index.kinds)).not.toContain('policy/v1/Eviction');
  });

  test('a definition identical in every minor is stored once', () => {
    const shard = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'k8s-defs-api.rbac.v1.json'), 'utf8'));
    expect(shard.definitions['io.k8s.api.rbac.v1.PolicyRule']).toEqual([{ versions: '1.27-1.37', schema: expect.any(Object) }]);
    const core = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'k8s-defs-api.core.v1.json'), 'utf8'));
    // PodSpec changes in several minors; its variants cover every minor exactly once.
    const covered = core.definitions['io.k8s.api.core.v1.PodSpec'].flatMap((v: any) => shippedSchemaVersions().filter(m => inRanges(v.versions, m)));
    expect(covered.sort()).toEqual([...shippedSchemaVersions()].sort());
  });

  test('a run reads only the package files its objects reach', () => {
    const reads: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeFs: typeof fs = require('fs');
    const real = nodeFs.readFileSync;
    const spy = jest.spyOn(nodeFs, 'readFileSync').mockImplementation(((file: any, ...rest: any[]) => {
      reads.push(path.basename(String(file)));
      return (real as any)(file, ...rest);
    }) as any);
    try {
      const fresh = new ShippedSchemas(SCHEMAS);
      fresh.definition('io.k8s.api.rbac.v1.ClusterRole', '1.31');
    } finally {
      spy.mockRestore();
    }
    expect(reads).toEqual(['k8s-defs-api.rbac.v1.json']);
  });
});
