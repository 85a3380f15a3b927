import { isInt64, NODE_SELECTOR_OPERATORS, operatorValues, requirementHolds } from '../../src/k8s/node-selector';

describe('the node selector operator table', () => {
  test('has the API\'s six operators', () => {
    expect(NODE_SELECTOR_OPERATORS).toEqual(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
    expect(NODE_SELECTOR_OPERATORS.map(operatorValues)).toEqual(['some', 'some', 'none', 'none', 'one-integer', 'one-integer']);
  });

  test.each([
    ['In', ['a', 'b'], 'b', true],
    ['In', ['a'], undefined, false],
    ['NotIn', ['a'], 'b', true],
    ['NotIn', ['a'], undefined, true],
    ['NotIn', ['a'], 'a', false],
    ['Exists', [], '', true],
    ['Exists', [], undefined, false],
    ['DoesNotExist', [], undefined, true],
    ['DoesNotExist', [], 'x', false],
    ['Gt', ['5'], '6', true],
    ['Gt', ['5'], '5', false],
    ['Lt', ['5'], '-3', true],
    ['Lt', ['5'], undefined, false],
  ] as [string, string[], string | undefined, boolean][])('%s %j on %s: %s', (op, values, actual, expected) => {
    expect(requirementHolds(op, values, actual)).toBe(expected);
  });

  test('Gt and Lt compare 64-bit integers exactly, as the scheduler does (not as floating point)', () => {
    expect(requirementHolds('Gt', ['9007199254740992'], '9007199254740993')).toBe(true);
    expect(requirementHolds('Lt', ['9223372036854775807'], '9223372036854775806')).toBe(true);
  });

  describe('rejects', () => {
    test('Gt and Lt with anything but exactly one integer value, or a non-integer label, never hold', () => {
      expect(requirementHolds('Gt', ['1', '2'], '5')).toBe(false);
      expect(requirementHolds('Gt', ['x'], '5')).toBe(false);
      expect(requirementHolds('Lt', ['5'], '1.5')).toBe(false);
      expect(requirementHolds('Gt', ['9223372036854775808'], '1')).toBe(false);
    });

    test('an operator the API does not have is not judged (undefined): each caller says what that means', () => {
      expect(requirementHolds('Unknown', ['x'], 'x')).toBeUndefined();
      expect(requirementHolds(undefined, [], 'x')).toBeUndefined();
      expect(operatorValues('toString')).toBeUndefined();
    });

    test('isInt64 refuses what strconv.ParseInt(s, 10, 64) refuses', () => {
      expect(['1', '+1', '-9223372036854775808'].map(isInt64)).toEqual([true, true, true]);
      expect(['', '1.0', '0x10', '9223372036854775808', ' 1'].map(isInt64)).toEqual([false, false, false, false, false]);
    });
  });
});
