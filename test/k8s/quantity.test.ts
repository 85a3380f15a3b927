import { formatAmount, parseQuantity, requestExceedsLimit } from '../../src/k8s/quantity';

test.each([
  ['250m', 0.25],
  ['1', 1],
  ['0', 0],
  ['64Mi', 64 * 2 ** 20],
  ['1Gi', 2 ** 30],
  ['1e3', 1000],
  ['1.5', 1.5],
  ['1.5Gi', 1.5 * 2 ** 30],
  ['100m', 0.1],
  ['2k', 2000],
  ['1Ki', 1024],
  ['1M', 1e6],
  ['1G', 1e9],
  ['1T', 1e12],
  ['1P', 1e15],
  ['1E', 1e18],
  ['1Ti', 2 ** 40],
  ['1Pi', 2 ** 50],
  ['1Ei', 2 ** 60],
  ['1E3', 1000],
  ['1e-3', 0.001],
  ['1e+3', 1000],
  ['.5', 0.5],
  ['5.', 5],
  ['+1', 1],
  ['-1', -1],
  ['-250m', -0.25],
  [' 64Mi ', 64 * 2 ** 20],
])('parseQuantity(%j) = %d', (text, expected) => {
  expect(parseQuantity(text)).toBeCloseTo(expected, 10);
});

test.each([
  '',
  ' ',
  'abc',
  'Mi',
  '1mi',
  '1MI',
  '1K',
  '1KI',
  '1.2.3',
  '.',
  '1 Mi',
  '1e',
  '1e3.5',
  'e3',
  '1Mi1',
  '1,5',
  '0x10',
  '--1',
  '1m2',
])('parseQuantity(%j) is not a quantity', text => {
  expect(parseQuantity(text)).toBeUndefined();
});

test('numbers are returned as they are', () => {
  expect(parseQuantity(2)).toBe(2);
  expect(parseQuantity(0.5)).toBe(0.5);
  expect(parseQuantity(-3)).toBe(-3);
});

test('non-finite numbers are not quantities', () => {
  expect(parseQuantity(NaN)).toBeUndefined();
  expect(parseQuantity(Infinity)).toBeUndefined();
  expect(parseQuantity(-Infinity)).toBeUndefined();
});

test('quantities compare across units', () => {
  expect(parseQuantity('1')! > parseQuantity('500m')!).toBe(true);
  expect(parseQuantity('1Gi')! > parseQuantity('1G')!).toBe(true);
  expect(parseQuantity('1024Mi')).toBe(parseQuantity('1Gi'));
  expect(parseQuantity('1000m')).toBe(parseQuantity('1'));
});

test('snapshot: a table of common resource values', () => {
  const values = ['50m', '100m', '250m', '500m', '1', '2', '64Mi', '128Mi', '256Mi', '512Mi', '1Gi', '2Gi', '1e3', '1.5'];
  expect(Object.fromEntries(values.map(v => [v, parseQuantity(v)]))).toMatchSnapshot();
});

describe('formatAmount', () => {
  const Mi = 2 ** 20;
  test('amounts print as Kubernetes prints them', () => {
    expect(formatAmount('cpu', 0.06)).toBe('60m');
    expect(formatAmount('cpu', 2)).toBe('2');
    expect(formatAmount('cpu', 1.2)).toBe('1200m');
    expect(formatAmount('memory', 84 * Mi)).toBe('84Mi');
    expect(formatAmount('memory', 1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatAmount('memory', 0)).toBe('0');
    expect(formatAmount('nvidia.com/gpu', 2)).toBe('2');
    expect(formatAmount('pods', 6)).toBe('6');
  });

  test('bytes are exact when a unit shows them in a few digits, so a need is never rounded down to a quota', () => {
    expect(formatAmount('memory', 1280 * Mi)).toBe('1280Mi');
    expect(formatAmount('memory', 12800 * Mi)).toBe('12.5Gi');
    expect(formatAmount('ephemeral-storage', 25600 * Mi)).toBe('25Gi');
  });

  test('otherwise rounded to one decimal of the largest unit (allocatable as a kubelet reports it)', () => {
    expect(formatAmount('memory', 31369164 * 1024)).toBe('29.9Gi');
    expect(formatAmount('memory', 3912312 * 1024)).toBe('3.7Gi');
  });
});

describe('requestExceedsLimit', () => {
  test('compares quantities, not strings', () => {
    expect(requestExceedsLimit('2', '1500m')).toBe(true);
    expect(requestExceedsLimit('1500m', '2')).toBe(false);
    expect(requestExceedsLimit('1Gi', '1024Mi')).toBe(false);
    expect(requestExceedsLimit('700m', 0.7)).toBe(false);
  });

  describe('rejects nothing it cannot read', () => {
    test('a value that is not a quantity never exceeds', () => {
      expect(requestExceedsLimit('lots', '1')).toBe(false);
      expect(requestExceedsLimit('1', 'none')).toBe(false);
    });
  });
});

describe('parsing each text once', () => {
  test('a text parsed again (also after more than 4,096 others emptied the cache) gives the same value', () => {
    const first = [parseQuantity('64Mi'), parseQuantity('x1'), parseQuantity(' 250m ')];
    for (let i = 0; i < 5000; i++) expect(parseQuantity(`${i}m`)).toBeCloseTo(i / 1000, 12);
    expect([parseQuantity('64Mi'), parseQuantity('x1'), parseQuantity(' 250m ')]).toEqual(first);
    expect(first).toEqual([64 * 2 ** 20, undefined, 0.25]);
  });

  test('a text that is not a quantity stays refused when asked twice', () => {
    expect(parseQuantity('1.2.3')).toBeUndefined();
    expect(parseQuantity('1.2.3')).toBeUndefined();
  });
});
