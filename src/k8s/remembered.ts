/**
 * A pure string function that remembers its answers: label keys, names and mapping keys recur across thousands
 * of objects, so each distinct text is worked out once. The table holds short strings only (at most
 * `MAX_REMEMBERED_LENGTH` characters) and is emptied when it reaches `MAX_REMEMBERED` entries, so it never grows
 * unbounded. Every answer is remembered and given back as computed, `undefined` and `null` included.
 * @internal
 */
export function remembered<T>(compute: (value: string) => T | undefined): (value: string) => T | undefined {
  const answers = new Map<string, T | typeof NO_ANSWER>();
  return value => {
    const known = answers.get(value);
    if (known !== undefined) return known === NO_ANSWER ? undefined : known as T;
    const answer = compute(value);
    if (value.length > MAX_REMEMBERED_LENGTH) return answer;
    if (answers.size >= MAX_REMEMBERED) answers.clear();
    answers.set(value, answer === undefined ? NO_ANSWER : answer);
    return answer;
  };
}

/** What the table holds for an `undefined` answer (a `Map` lookup gives `undefined` for a text it does not hold). */
const NO_ANSWER: unique symbol = Symbol('no answer');

/** Entries a remembered function keeps before it empties its table. @internal */
export const MAX_REMEMBERED = 4096;

/** Longest text a remembered function keeps (longer ones are worked out every time). @internal */
export const MAX_REMEMBERED_LENGTH = 256;
