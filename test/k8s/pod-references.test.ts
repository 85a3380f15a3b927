import { podReferences } from '../../src/k8s/pod-references';

const daemonSet = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { spec } } });

describe('podReferences', () => {
  test('lists every kind of reference with its JSON path, in the pod spec\'s order', () => {
    const refs = podReferences(daemonSet({
      serviceAccountName: 'sa',
      priorityClassName: 'pc',
      imagePullSecrets: [{ name: 'pull' }],
      volumes: [
        { name: 'v0', configMap: { name: 'cm' } },
        { name: 'v1', secret: { secretName: 's' } },
        { name: 'v2', projected: { sources: [{ configMap: { name: 'pcm' } }, { secret: { name: 'ps' } }] } },
      ],
      initContainers: [{ name: 'init', envFrom: [{ configMapRef: { name: 'icm' } }, { secretRef: { name: 'is' } }] }],
      containers: [{
        name: 'c',
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'ecm', key: 'a' } } },
          { name: 'B', valueFrom: { secretKeyRef: { name: 'es', key: 'b' } } },
        ],
      }],
    }));
    expect(refs.map(r => [r.kind, r.name, r.path])).toEqual([
      ['ServiceAccount', 'sa', 'spec.template.spec.serviceAccountName'],
      ['PriorityClass', 'pc', 'spec.template.spec.priorityClassName'],
      ['Secret', 'pull', 'spec.template.spec.imagePullSecrets[0]'],
      ['ConfigMap', 'cm', 'spec.template.spec.volumes[0].configMap'],
      ['Secret', 's', 'spec.template.spec.volumes[1].secret'],
      ['ConfigMap', 'pcm', 'spec.template.spec.volumes[2].projected.sources[0].configMap'],
      ['Secret', 'ps', 'spec.template.spec.volumes[2].projected.sources[1].secret'],
      ['ConfigMap', 'icm', 'spec.template.spec.initContainers[0].envFrom[0].configMapRef'],
      ['Secret', 'is', 'spec.template.spec.initContainers[0].envFrom[1].secretRef'],
      ['ConfigMap', 'ecm', 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef'],
      ['Secret', 'es', 'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef'],
    ]);
  });

  test('leaves out optional references, empty names and names that are not strings', () => {
    expect(podReferences(daemonSet({
      serviceAccountName: '',
      priorityClassName: 3,
      volumes: [{ name: 'v', configMap: { name: 'cm', optional: true } }, { name: 'w', secret: {} }],
      containers: [{ name: 'c', envFrom: [{ secretRef: { name: 's', optional: true } }] }],
    }))).toEqual([]);
  });

  test('a bare Pod\'s paths start at spec', () => {
    const refs = podReferences({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'x' } }] }] } });
    expect(refs.map(r => r.path)).toEqual(['spec.containers[0].envFrom[0].configMapRef']);
  });

  test('a path is put together when read', () => {
    const [ref] = podReferences(daemonSet({ volumes: [{ name: 'v', configMap: { name: 'cm' } }] }));
    expect(ref.path).toBe('spec.template.spec.volumes[0].configMap');
  });
});
