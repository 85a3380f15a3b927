import { namespacePodSecurity, namespacePodSecurityOf } from '../../../src/k8s/pod-security';

const L = 'pod-security.kubernetes.io/';

describe('namespacePodSecurity (api.PolicyToEvaluate)', () => {
  test('no labels: every mode privileged at latest', () => {
    const p = namespacePodSecurity(undefined);
    expect([p.enforce, p.audit, p.warn]).toEqual([
      { level: 'privileged', version: 'latest' }, { level: 'privileged', version: 'latest' }, { level: 'privileged', version: 'latest' },
    ]);
    expect(p.errors).toEqual([]);
  });

  test('levels and versions per mode', () => {
    const p = namespacePodSecurity({
      [`${L}enforce`]: 'baseline',
      [`${L}enforce-version`]: 'v1.24',
      [`${L}warn`]: 'restricted',
      [`${L}warn-version`]: 'latest',
      [`${L}audit`]: 'restricted',
      [`${L}audit-version`]: 'v1.30',
    });
    expect(p.enforce).toEqual({ level: 'baseline', version: 24 });
    expect(p.warn).toEqual({ level: 'restricted', version: 'latest' });
    expect(p.audit).toEqual({ level: 'restricted', version: 30 });
    expect(p.errors).toEqual([]);
  });

  test('warn follows a stricter enforce level and its version when no warn label is set', () => {
    const p = namespacePodSecurity({ [`${L}enforce`]: 'baseline', [`${L}enforce-version`]: 'v1.24' });
    expect(p.warn).toEqual({ level: 'baseline', version: 24 });
    const own = namespacePodSecurity({ [`${L}enforce`]: 'baseline', [`${L}enforce-version`]: 'v1.24', [`${L}warn-version`]: 'v1.30' });
    expect(own.warn).toEqual({ level: 'baseline', version: 30 });
    const explicit = namespacePodSecurity({ [`${L}enforce`]: 'restricted', [`${L}warn`]: 'privileged' });
    expect(explicit.warn.level).toBe('privileged');
  });

  test('invalid values fall back (enforce level to restricted, audit and warn levels to privileged, versions to latest) with errors', () => {
    const p = namespacePodSecurity({
      [`${L}enforce`]: 'Baseline', [`${L}enforce-version`]: 'v1.24.1', [`${L}warn`]: 'strict', [`${L}audit-version`]: '1.30',
    });
    expect(p.enforce).toEqual({ level: 'restricted', version: 'latest' });
    expect(p.warn.level).toBe('privileged');
    expect(p.audit.version).toBe('latest');
    expect(p.errors.map(e => [e.label, e.fallback])).toEqual([
      [`${L}enforce`, 'restricted'], [`${L}enforce-version`, 'latest'], [`${L}audit-version`, 'latest'], [`${L}warn`, 'privileged'],
    ]);
    // an invalid enforce level does not make warn follow it
    expect(namespacePodSecurity({ [`${L}enforce`]: 'strict' }).warn.level).toBe('privileged');
  });

  test('labels of the wrong shape do not throw', () => {
    expect(namespacePodSecurity('x').errors).toEqual([]);
    expect(namespacePodSecurity([`${L}enforce`]).errors).toEqual([]);
    expect(namespacePodSecurity({ [`${L}enforce`]: 3 }).errors.map(e => e.label)).toEqual([`${L}enforce`]);
    expect(namespacePodSecurity(Object.create({ [`${L}enforce`]: 'restricted' })).enforce.level).toBe('privileged');
  });
});

test('namespacePodSecurityOf lists the Namespaces that carry a Pod Security label', () => {
  const map = namespacePodSecurityOf([
    { kind: 'Namespace', metadata: { name: 'a', labels: { [`${L}enforce-version`]: 'v1.25' } } },
    { kind: 'Namespace', metadata: { name: 'b', labels: { team: 'x' } } },
    { kind: 'ConfigMap', metadata: { name: 'c', labels: { [`${L}enforce`]: 'baseline' } } },
    null, 'x', { kind: 'Namespace', metadata: 'bad' },
  ]);
  expect([...map.keys()]).toEqual(['a']);
  expect(map.get('a')!.policy.enforce).toEqual({ level: 'privileged', version: 25 });
});
