import { checkLabelSelector, checkLabels, isEmptySelector, labelSelectorMatches } from '../../src/k8s/label-selector';

describe('checkLabelSelector (ValidateLabelSelector)', () => {
  test.each([
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, 'spec.selector.matchExpressions[0].values'],
    ['NotIn without values', { matchExpressions: [{ key: 'a', operator: 'NotIn' }] }, 'spec.selector.matchExpressions[0].values'],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'spec.selector.matchExpressions[0].values'],
    ['DoesNotExist with values', { matchExpressions: [{ key: 'a', operator: 'DoesNotExist', values: ['x'] }] }, 'spec.selector.matchExpressions[0].values'],
    ['an unknown operator', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, 'spec.selector.matchExpressions[0].operator'],
    ['a missing operator', { matchExpressions: [{ key: 'a' }] }, 'spec.selector.matchExpressions[0].operator'],
    ['a bad key', { matchExpressions: [{ key: 'a b', operator: 'Exists' }] }, 'spec.selector.matchExpressions[0].key'],
    ['a missing key', { matchExpressions: [{ operator: 'Exists' }] }, 'spec.selector.matchExpressions[0].key'],
    ['a bad value', { matchExpressions: [{ key: 'a', operator: 'In', values: ['ok', '-bad'] }] }, 'spec.selector.matchExpressions[0].values[1]'],
    ['a bad matchLabels key', { matchLabels: { 'a/b/c': 'x' } }, 'spec.selector.matchLabels'],
    ['a bad matchLabels value', { matchLabels: { a: 'x y' } }, 'spec.selector.matchLabels.a'],
  ])('rejects %s', (_, selector, path) => {
    const problems = checkLabelSelector(selector, 'spec.selector');
    expect(problems.map(p => p.path)).toEqual([path]);
  });

  test('accepts a valid selector', () => {
    expect(checkLabelSelector({
      matchLabels: { 'app.kubernetes.io/name': 'agent' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', ''] }, { key: 'x', operator: 'DoesNotExist' }],
    }, 'spec.selector')).toEqual([]);
  });

  test('a null requirement is the zero struct: empty operator and key', () => {
    expect(checkLabelSelector({ matchExpressions: [null] }, 's').map(p => p.path)).toEqual(['s.matchExpressions[0].operator', 's.matchExpressions[0].key']);
  });

  test.each([null, 'x', 3, [], { matchLabels: 'x', matchExpressions: {} }, { matchExpressions: [1, 'x'] }])('never throws and leaves wrong types to the schema: %p', selector => {
    expect(checkLabelSelector(selector, 's')).toEqual([]);
  });

  test('checkLabels reports keys and values', () => {
    expect(checkLabels({ 'ok': 'fine', 'bad key': 'v', 'k': '-v' }, 'metadata.labels')).toHaveLength(2);
  });

  test('checkLabels reports a key at the map and a value at its key, in the labels\' order', () => {
    expect(checkLabels({ 'k': '-v', 'ok': 'fine', 'bad key': 'v' }, 'metadata.labels')).toEqual([
      { path: 'metadata.labels.k', message: expect.stringContaining("label 'k' value '-v'") },
      { path: 'metadata.labels', message: expect.stringContaining("label key 'bad key'") },
    ]);
  });

  test.each([undefined, null, 'x', 3, ['a']])('checkLabels gives no problem for labels that are not a map: %p', labels => {
    expect(checkLabels(labels, 'metadata.labels')).toEqual([]);
  });

  test('checkLabels skips values that are not strings (the schema reports them)', () => {
    expect(checkLabels({ a: 1, b: null, c: { d: 'e' } }, 'metadata.labels')).toEqual([]);
  });
});

describe('labelSelectorMatches', () => {
  const labels = { app: 'agent', tier: 'node' };
  test.each([
    [{ matchLabels: { app: 'agent' } }, true],
    [{ matchLabels: { app: 'other' } }, false],
    [{ matchLabels: { missing: 'x' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['node', 'x'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['node'] }] }, false],
    [{ matchExpressions: [{ key: 'absent', operator: 'NotIn', values: ['node'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'absent', operator: 'DoesNotExist' }] }, true],
    [{}, true],
    [null, false],
    [undefined, false],
  ])('%p selects %p', (selector, expected) => {
    expect(labelSelectorMatches(selector, labels)).toBe(expected);
  });

  test.each([
    [{ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }],
    [{ matchLabels: { app: 3 } }],
    [{ matchLabels: 'app' }],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: 'agent' }] }],
    ['app=agent'],
  ])('cannot judge %p', selector => {
    expect(labelSelectorMatches(selector, labels)).toBeUndefined();
  });

  test('labels that are not a map count as none', () => {
    expect(labelSelectorMatches({ matchLabels: { app: 'agent' } }, ['app'])).toBe(false);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, {})).toBe(false);
  });

  test('isEmptySelector', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(isEmptySelector({ matchLabels: { a: 'b' } })).toBe(false);
    expect(isEmptySelector(null)).toBe(false);
  });
});
