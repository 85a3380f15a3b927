import { checkLegacyCidr, isStrictCidrSubset, parseLegacyCidr } from '../../src/k8s/cidr';

/* CIDRs as the API server reads its legacy fields; expectations asked of kube-apiserver v1.37.2 (strict) or read
 * from netutils.ParseCIDRSloppy (sloppy). */

describe('checkLegacyCidr', () => {
  test.each<[string, string | undefined]>([
    ['10.0.0.0/8', undefined],
    ['2001:db8::/64', undefined],
    ['0.0.0.0/0', undefined],
    ['10.0.0.0', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    ['10.0.0.0/33', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    ['10.0.0.0/', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    ['10.0.0.0/+8', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    ['10.0.0.1/8', 'must not have bits set beyond the prefix length'],
    ['10.0.0.0/08', 'must not have leading 0s in IP or prefix length'],
    ['010.0.0.0/8', 'must not have leading 0s in IP or prefix length'],
    ['::ffff:10.0.0.0/104', 'must not have an IPv4-mapped IPv6 address'],
  ])('%s', (value, problem) => {
    expect(checkLegacyCidr(value)).toBe(problem);
  });

  test('without StrictIPCIDRValidation (before 1.36) only the sloppy parse counts', () => {
    expect(checkLegacyCidr('10.0.0.1/8', false)).toBeUndefined();
    expect(checkLegacyCidr('010.0.0.0/08', false)).toBeUndefined();
    expect(checkLegacyCidr('10.0.0.0/33', false)).toBeDefined();
  });

  test('the prefix length is read as written, leading zeros included', () => {
    expect(parseLegacyCidr('10.0.0.0/008')).toMatchObject({ family: 4, bits: 8, canonicalDigits: false });
  });
});

describe('isStrictCidrSubset (an ipBlock except inside its cidr)', () => {
  test.each<[string, string, boolean | undefined]>([
    ['10.1.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.0.0.0/8', false],
    ['11.0.0.0/16', '10.0.0.0/8', false],
    ['fd00::/64', '10.0.0.0/8', false],
    ['10.0.0.0/8', '::/0', false],
    ['fd00:1::/64', 'fd00::/16', true],
    ['10.1.2.3/16', '10.0.0.0/8', true],
    ['x', '10.0.0.0/8', undefined],
  ])('%s in %s', (except, cidr, subset) => {
    expect(isStrictCidrSubset(except, cidr)).toBe(subset);
  });
});
