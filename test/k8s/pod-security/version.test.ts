import { effectivePolicyMinor, formatPolicyVersion, kubernetesMinor, NEWEST_POLICY_MINOR, parsePolicyVersion } from '../../../src/k8s/pod-security';

describe('parsePolicyVersion (api.ParseVersion)', () => {
  test.each([
    ['latest', 'latest'],
    ['v1.0', 0],
    ['v1.9', 9],
    ['v1.31', 31],
    ['v1.120', 120],
  ])('%s is a policy version', (value, version) => {
    expect(parsePolicyVersion(value)).toEqual({ version });
  });

  test.each([
    'v1.031', '1.31', 'v1', 'v1.', 'v2.0', 'V1.31', 'v1.31.0', ' v1.31', 'Latest', '', 'v1.99999999999999999999', 'v1.-1',
  ])('%j is not, and is read as latest', (value) => {
    expect(parsePolicyVersion(value)).toEqual({ version: 'latest', error: 'must be "latest" or "v1.x"' });
  });

  test.each([null, 31, 1.31, ['v1.31'], { version: 'v1.31' }, undefined])('a non-string %j is not a version', (value) => {
    expect(parsePolicyVersion(value).error).toBeDefined();
  });
});

test('kubernetesMinor reads minor versions with or without v and patch', () => {
  expect(kubernetesMinor('1.31')).toBe(31);
  expect(kubernetesMinor('v1.29.4')).toBe(29);
  expect(kubernetesMinor('2.0')).toBeUndefined();
  expect(kubernetesMinor(131)).toBeUndefined();
});

test('effectivePolicyMinor: latest and newer versions are capped by the Kubernetes version and the newest known policy', () => {
  expect(NEWEST_POLICY_MINOR).toBe(37);
  expect(effectivePolicyMinor('latest')).toBe(37);
  expect(effectivePolicyMinor('latest', '1.31')).toBe(31);
  expect(effectivePolicyMinor('latest', '1.45')).toBe(37);
  expect(effectivePolicyMinor(25, '1.31')).toBe(25);
  expect(effectivePolicyMinor(36, '1.31')).toBe(31);
  expect(effectivePolicyMinor(0, 'nonsense')).toBe(0);
  expect(effectivePolicyMinor('latest', 'nonsense')).toBe(37);
});

test('formatPolicyVersion', () => {
  expect(formatPolicyVersion(7)).toBe('v1.7');
  expect(formatPolicyVersion('latest')).toBe('latest');
});
