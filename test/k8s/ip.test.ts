import { checkLegacyIp, strictIpValidation } from '../../src/k8s/ip';

describe('checkLegacyIp (IsValidIPForLegacyField)', () => {
  test.each(['10.9.8.7', '0.0.0.0', '255.255.255.255', '2001:db8::ffff', '::', '::1', 'fe80::1:2', '1:2:3:4:5:6:7:8', '::1.2.3.4', 'FE80:0:0:0:0:0:0:0abc'])('accepts %s', (ip) => {
    expect(checkLegacyIp(ip)).toBeUndefined();
  });

  test.each(['', 'a.b.c.d', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.4 ', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', 'fe80::1%eth0', '12345::1', 'example.com', ':1::'])('rejects %j', (ip) => {
    expect(checkLegacyIp(ip)).toMatch(/must be a valid IP address/);
  });

  test('leading zeros and IPv4-mapped IPv6 only under strict validation (1.36 and later)', () => {
    expect(checkLegacyIp('010.002.003.004')).toBe('must not have leading 0s');
    expect(checkLegacyIp('010.002.003.004', false)).toBeUndefined();
    expect(checkLegacyIp('::ffff:1.2.3.4')).toBe('must not be an IPv4-mapped IPv6 address');
    expect(checkLegacyIp('::ffff:1.2.3.4', false)).toBeUndefined();
    expect(strictIpValidation('1.35')).toBe(false);
    expect(strictIpValidation('1.36')).toBe(true);
    expect(strictIpValidation(undefined)).toBe(true);
  });
});

describe('strictIpValidation keeps its last answer', () => {
  test.each([
    ['1.35', false],
    ['1.36', true],
    ['v1.33.4', false],
    [undefined, true],
    ['latest', true],
  ])('%p: strict %p, whatever was asked before', (version, strict) => {
    expect(strictIpValidation('1.30')).toBe(false);
    expect(strictIpValidation(version)).toBe(strict);
    expect(strictIpValidation(version)).toBe(strict);
  });
});
