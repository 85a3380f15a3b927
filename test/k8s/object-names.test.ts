import { kindNameRule, minorOf } from '../../src/k8s/object-names';

describe('minorOf', () => {
  test.each([
    ['1.37', 37],
    ['v1.31.2', 31],
    [' 1.29 ', 29],
    ['2.0', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%p is minor %p, asked in any order', (version, minor) => {
    // Alternating with other versions: the kept last answer never leaks into another version's.
    expect(minorOf('1.35')).toBe(35);
    expect(minorOf(version)).toBe(minor);
    expect(minorOf(version)).toBe(minor);
  });

  test("a Service's name rule follows the version asked, whatever was asked before", () => {
    expect(kindNameRule('Service', '1.35').rule).toBe('dns-1035-label');
    expect(kindNameRule('Service', '1.36').rule).toBe('dns-label');
    expect(kindNameRule('Service', '1.35').rule).toBe('dns-1035-label');
  });
});
