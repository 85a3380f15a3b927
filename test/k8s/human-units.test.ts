import { formatBytes, formatCores, humanAmount, humanQuantity } from '../../src/k8s/human-units';

const KiB = 2 ** 10;
const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('formatCores', () => {
  test.each([
    [30, '30 cores'],
    [0.5, '0.5 cores'],
    [0.25, '0.25 cores'],
    [1, '1 core'],
    [2, '2 cores'],
    [0.001, '0.001 cores'],
    [0, '0 cores'],
    [1.2, '1.2 cores'],
    [-0.25, '-0.25 cores'],
  ])('%d cores → %s', (cores, expected) => {
    expect(formatCores(cores)).toBe(expected);
  });

  test('sums of millicores lose their floating-point noise', () => {
    expect(formatCores(0.07 * 100)).toBe('7 cores');
    expect(formatCores(0.1 + 0.2)).toBe('0.3 cores');
  });

  test('an amount finer than a millicore is shown, not rounded to zero', () => {
    expect(formatCores(0.0005)).toBe('0.0005 cores');
  });
});

describe('formatBytes', () => {
  test.each([
    [2147483648, '2 GiB'],
    [1.5 * GiB, '1.5 GiB'],
    [640 * MiB, '640 MiB'],
    [64 * MiB, '64 MiB'],
    [1280 * MiB, '1.25 GiB'],
    [KiB, '1 KiB'],
    [2 ** 40, '1 TiB'],
    [512, '512 bytes'],
    [1, '1 byte'],
    [0, '0 bytes'],
  ])('%d bytes → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  test('an amount no binary unit shows exactly uses the decimal unit that does, never a silent rounding', () => {
    expect(formatBytes(100e6)).toBe('100 MB');
    expect(formatBytes(1e9)).toBe('1 GB');
    expect(formatBytes(1500)).toBe('1.5 kB');
  });

  test('an amount neither unit shows exactly is rounded to two decimals of the binary unit', () => {
    expect(formatBytes(123456789)).toBe('117.74 MiB');
  });

  test('negative amounts keep their sign', () => {
    expect(formatBytes(-GiB)).toBe('-1 GiB');
  });
});

describe('humanAmount', () => {
  test('cpu in cores, byte-sized resources in binary units, counts as numbers', () => {
    expect(humanAmount('cpu', 30)).toBe('30 cores');
    expect(humanAmount('memory', 2 * GiB)).toBe('2 GiB');
    expect(humanAmount('ephemeral-storage', 10 * GiB)).toBe('10 GiB');
    expect(humanAmount('hugepages-2Mi', 4 * MiB)).toBe('4 MiB');
    expect(humanAmount('pods', 300)).toBe('300');
    expect(humanAmount('nvidia.com/gpu', 2)).toBe('2');
  });

  test('quota resource names are read without their requests./limits. prefix', () => {
    expect(humanAmount('requests.cpu', 0.5)).toBe('0.5 cores');
    expect(humanAmount('limits.memory', 512 * MiB)).toBe('512 MiB');
    expect(humanAmount('requests.storage', 100 * GiB)).toBe('100 GiB');
    expect(humanAmount('requests.nvidia.com/gpu', 8)).toBe('8');
  });
});

describe('humanQuantity', () => {
  test.each([
    ['cpu', '30000m', '30 cores'],
    ['cpu', '500m', '0.5 cores'],
    ['cpu', 2, '2 cores'],
    ['memory', '2147483648', '2 GiB'],
    ['memory', 2147483648, '2 GiB'],
    ['memory', '1024Mi', '1 GiB'],
    ['memory', '100M', '100 MB'],
    ['requests.cpu', '10', '10 cores'],
    ['pods', '100', '100'],
  ])('%s %j → %s', (resource, quantity, expected) => {
    expect(humanQuantity(resource, quantity)).toBe(expected);
  });

  test('what is not a quantity is shown as written', () => {
    expect(humanQuantity('cpu', 'two')).toBe('two');
    expect(humanQuantity('memory', true)).toBe('true');
    expect(humanQuantity('memory', { a: 1 })).toBe('{"a":1}');
  });
});
