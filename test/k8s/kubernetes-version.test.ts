import { strictIpValidation } from '../../src/k8s/ip';
import { kubernetesMinor } from '../../src/k8s/kubernetes-version';
import { minorOf } from '../../src/k8s/object-names';
import { minorVersion } from '../../src/validation/rules/semantics/pod/context';

describe('kubernetesMinor, shared by every reader of the run\'s version', () => {
  test.each([
    ['1.37', 37],
    ['v1.31.2', 31],
    ['1.29-rc', 29],
    [' 1.29', undefined],
    ['2.0', undefined],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%p is minor %p, asked in any order', (version, minor) => {
    expect(kubernetesMinor('1.35')).toBe(35);
    expect(kubernetesMinor(version)).toBe(minor);
    expect(kubernetesMinor(version)).toBe(minor);
  });

  test('its readers keep their own rules for what it cannot read, whatever another asked just before', () => {
    expect(minorOf(' 1.29 ')).toBe(29); // minorOf trims
    expect(kubernetesMinor(' 1.29 ')).toBeUndefined();
    expect(minorVersion('unreadable')).toBe(37);
    expect(strictIpValidation('unreadable')).toBe(true);
    expect(strictIpValidation('1.35')).toBe(false);
    expect(minorVersion('1.35')).toBe(35);
    expect(minorOf('1.35')).toBe(35);
  });
});
