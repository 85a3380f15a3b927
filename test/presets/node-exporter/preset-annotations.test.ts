import { build, findings, one, problems, render } from './fixtures';

// presetAnnotations: the preset's own annotations (the validator suppression it grants itself and the
// default-container annotation), and what the validator reports without them.

const SUPPRESSION = 'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount';
const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

test('default: the suppression with its reason and the default-container annotation; no warning', () => {
  const m = render();
  expect(one(m, 'DaemonSet').metadata.annotations[SUPPRESSION]).toBe('node-exporter reads the node\'s /proc, /sys and / read-only to report their metrics');
  expect(one(m, 'DaemonSet').spec.template.metadata.annotations[DEFAULT_CONTAINER]).toBe('node-exporter');
  expect(problems(m)).toEqual([]);
});

test('false: neither annotation, and the three host mounts the suppression hid are reported', () => {
  const m = render({ presetAnnotations: false });
  expect(one(m, 'DaemonSet').metadata.annotations ?? {}).not.toHaveProperty(SUPPRESSION);
  expect(one(m, 'DaemonSet').spec.template.metadata.annotations ?? {}).not.toHaveProperty(DEFAULT_CONTAINER);
  expect(problems(m)).toEqual([
    'warning best-practice/sensitive-host-mount spec.template.spec.volumes[0].hostPath.path',
    'warning best-practice/sensitive-host-mount spec.template.spec.volumes[1].hostPath.path',
    'warning best-practice/sensitive-host-mount spec.template.spec.volumes[2].hostPath.path',
  ]);
});

test('false: only the warnings change; the other findings are the same', () => {
  const withAnnotations = findings(render());
  const without = findings(render({ presetAnnotations: false }));
  expect(without.filter(f => !f.includes('sensitive-host-mount'))).toEqual(withAnnotations);
});

test('false: annotations the caller gives are still emitted', () => {
  const m = render({
    presetAnnotations: false,
    metadata: { annotations: { [SUPPRESSION]: 'reviewed by SRE' } },
    podMetadata: { annotations: { [DEFAULT_CONTAINER]: 'node-exporter', 'example.com/team': 'sre' } },
  });
  expect(one(m, 'DaemonSet').metadata.annotations).toEqual({ [SUPPRESSION]: 'reviewed by SRE' });
  expect(one(m, 'DaemonSet').spec.template.metadata.annotations).toEqual({ [DEFAULT_CONTAINER]: 'node-exporter', 'example.com/team': 'sre' });
  expect(problems(m)).toEqual([]);
});

test('false: the labels, which the selector and Service use, are kept', () => {
  const labels = one(render({ presetAnnotations: false }), 'DaemonSet').spec.template.metadata.labels;
  expect(labels['app.kubernetes.io/name']).toBe('node-exporter');
});

test('rejects presetAnnotations that is not a boolean (JavaScript)', () => {
  expect(build({ presetAnnotations: 'no' as any })).toThrow(/^NodeExporterDaemonSet 'test\/ne': presetAnnotations is "no"; it must be true or false\.$/);
});
