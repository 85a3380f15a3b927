import { parseQuantity } from '../../src/k8s/quantity';

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
