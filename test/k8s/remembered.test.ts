import { MAX_REMEMBERED, MAX_REMEMBERED_LENGTH, remembered } from '../../src/k8s/remembered';

/** A remembered function over `compute` and the texts `compute` was called with, in order. */
function counted(compute: (text: string) => string | undefined): { fn: (text: string) => string | undefined; calls: string[] } {
  const calls: string[] = [];
  const fn = remembered((text: string) => {
    calls.push(text);
    return compute(text);
  });
  return { fn, calls };
}

test('each text is worked out once, and the answer is the function\'s', () => {
  const { fn, calls } = counted(t => t.toUpperCase());
  expect([fn('a'), fn('b'), fn('a'), fn('a'), fn('b')]).toEqual(['A', 'B', 'A', 'A', 'B']);
  expect(calls).toEqual(['a', 'b']);
});

test('an undefined answer is remembered too', () => {
  const { fn, calls } = counted(t => (t === 'ok' ? undefined : 'bad'));
  expect([fn('ok'), fn('ok'), fn('x'), fn('ok')]).toEqual([undefined, undefined, 'bad', undefined]);
  expect(calls).toEqual(['ok', 'x']);
});

test('a null answer is given back as null every time, not turned into undefined', () => {
  const calls: string[] = [];
  const fn = remembered((t: string): string | null | undefined => {
    calls.push(t);
    return t === 'none' ? null : t === 'gone' ? undefined : t;
  });
  expect([fn('none'), fn('none'), fn('gone'), fn('gone'), fn('x'), fn('none')]).toEqual([null, null, undefined, undefined, 'x', null]);
  expect(calls).toEqual(['none', 'gone', 'x']);
});

test('texts longer than the limit are worked out every time', () => {
  const long = 'k'.repeat(MAX_REMEMBERED_LENGTH + 1);
  const atLimit = 'k'.repeat(MAX_REMEMBERED_LENGTH);
  const { fn, calls } = counted(t => `${t.length}`);
  expect([fn(long), fn(long), fn(atLimit), fn(atLimit)]).toEqual([`${long.length}`, `${long.length}`, `${atLimit.length}`, `${atLimit.length}`]);
  expect(calls).toEqual([long, long, atLimit]);
});

test('the table is emptied when full: answers stay right and the first texts are worked out again', () => {
  const { fn, calls } = counted(t => `<${t}>`);
  for (let i = 0; i < MAX_REMEMBERED; i++) expect(fn(`t${i}`)).toBe(`<t${i}>`);
  expect(calls).toHaveLength(MAX_REMEMBERED);
  // Full: the next new text empties the table before it is kept.
  expect(fn('new')).toBe('<new>');
  expect(fn('t0')).toBe('<t0>');
  expect(fn('new')).toBe('<new>');
  expect(calls.slice(MAX_REMEMBERED)).toEqual(['new', 't0']);
});

test('two remembered functions keep separate tables', () => {
  const upper = remembered((t: string) => t.toUpperCase());
  const lower = remembered((t: string) => t.toLowerCase());
  expect([upper('Ab'), lower('Ab'), upper('Ab'), lower('Ab')]).toEqual(['AB', 'ab', 'AB', 'ab']);
});
