import { containersOf, podTemplates, withPodTemplateCache } from '../../src/k8s/pod-template';
import { ManifestValidator } from '../../src/validation/engine';

type Json = { [key: string]: any };

function daemonSet(containers: unknown[]): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers } },
    },
  };
}

describe('withPodTemplateCache', () => {
  test('shares the lists inside one scope and forgets them when it ends', () => {
    const ds = daemonSet([{ name: 'agent', image: 'registry.example.com/agent:1.0.0' }]);
    const spec = ds.spec.template.spec;
    const inside = withPodTemplateCache(() => {
      expect(containersOf(spec)).toBe(containersOf(spec));
      return containersOf(spec);
    });
    expect(inside.map(c => c.path)).toEqual(['containers[0]']);
    // Outside a scope every call lists again.
    expect(containersOf(spec)).not.toBe(containersOf(spec));
    spec.initContainers = [{ name: 'init', image: 'registry.example.com/init:1.0.0' }];
    expect(withPodTemplateCache(() => containersOf(spec).map(c => c.path))).toEqual(['initContainers[0]', 'containers[0]']);
  });

  test('gives the same answers as without a scope', () => {
    const ds = daemonSet([{ name: 'a', image: 'x:1' }, null, 'not a container', { name: 'b', image: 'y:1' }]);
    ds.spec.template.spec.initContainers = [{ name: 'sidecar', image: 'z:1', restartPolicy: 'Always' }];
    ds.spec.template.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1' }];
    const plain = { templates: podTemplates(ds), containers: containersOf(ds.spec.template.spec) };
    const cached = withPodTemplateCache(() => ({ templates: podTemplates(ds), containers: containersOf(ds.spec.template.spec) }));
    expect(cached).toEqual(plain);
    expect(plain.containers.map(c => [c.path, c.init, c.ephemeral, c.sidecar])).toEqual([
      ['initContainers[0]', true, false, true],
      ['containers[0]', false, false, false],
      ['containers[1]', false, false, false],
      ['containers[3]', false, false, false],
      ['ephemeralContainers[0]', false, true, false],
    ]);
  });

  test('ends the scope when the function throws, and nests', () => {
    const spec = daemonSet([{ name: 'agent', image: 'x:1' }]).spec.template.spec;
    expect(() => withPodTemplateCache(() => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(containersOf(spec)).not.toBe(containersOf(spec));
    withPodTemplateCache(() => {
      const outer = containersOf(spec);
      withPodTemplateCache(() => expect(containersOf(spec)).not.toBe(outer));
      expect(containersOf(spec)).toBe(outer);
    });
  });
});

describe('a validator reused on changed objects', () => {
  test('sees a container changed between two runs', () => {
    const validator = new ManifestValidator({ rules: ['best-practice/image-tag', 'semantics/container-names'] });
    const ds = daemonSet([{ name: 'agent', image: 'registry.example.com/agent:latest' }]);
    const objects = [ds];
    const ids = () => validator.validate(objects).findings.map(f => `${f.ruleId} ${f.path}`);
    expect(ids()).toEqual(['best-practice/image-tag spec.template.spec.containers[0].image']);

    ds.spec.template.spec.containers[0].image = 'registry.example.com/agent:1.4.2';
    ds.spec.template.spec.containers.push({ name: 'agent', image: 'registry.example.com/other:latest' });
    expect(ids()).toEqual([
      'semantics/container-names spec.template.spec.containers[1].name',
      'best-practice/image-tag spec.template.spec.containers[1].image',
    ]);

    // A replaced pod spec (a new object) is listed as well.
    ds.spec.template.spec = { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] };
    expect(ids()).toEqual([]);
  });
});
