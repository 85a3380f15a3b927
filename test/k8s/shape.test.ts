import { asObject, objectItems, structItem, structItems } from '../../src/k8s/shape';

describe('structItem and structItems', () => {
  const hostile = [{ name: 'a' }, null, undefined, 'x', 3, [], { name: 'b' }];

  test('an object is itself, null the zero struct, anything else skipped', () => {
    expect(hostile.map(v => structItem(v))).toEqual([{ name: 'a' }, {}, undefined, undefined, undefined, undefined, { name: 'b' }]);
    expect(structItem(null)).toBe(asObject(null));
    const zero = { name: '' };
    expect(structItem(null, zero)).toBe(zero);
  });

  test('structItems keeps the list index of each item structItem gives', () => {
    expect(structItems(hostile)).toEqual([{ item: { name: 'a' }, index: 0 }, { item: {}, index: 1 }, { item: { name: 'b' }, index: 6 }]);
    expect(objectItems(hostile)).toEqual([{ item: { name: 'a' }, index: 0 }, { item: { name: 'b' }, index: 6 }]);
  });

  test('an absent, empty or non-list field gives one shared, frozen empty list', () => {
    for (const v of [undefined, [], {}, 'x']) {
      expect(structItems(v)).toHaveLength(0);
      expect(Object.isFrozen(structItems(v))).toBe(true);
      expect(objectItems(v)).toBe(structItems(v));
    }
  });
});
