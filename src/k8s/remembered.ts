/**
 * A pure string function that remembers its answers: label keys, names and mapping keys recur across thousands
 * of objects, so each distinct text is worked out once. The table holds short strings only (at most
 * `MAX_REMEMBERED_LENGTH` characters) and is emptied when it reaches `MAX_REMEMBERED` entries, so it never grows
 * unbounded. `undefined` answers are remembered too.
 * @internal
 */
export function remembered<T>(compute: (value: string) => T | undefined): (value: string) => T | undefined {
  const answers = new Map<string, T | null>();
  return value => {
    const known = answers.get(value);
    if (known !== undefined) return known ?? undefined;
    const answer = compute(value);
    if (value.length > MAX_REMEMBERED_LENGTH) return answer;
    if (answers.size >= MAX_REMEMBERED) answers.clear();
    answers.set(value, answer ?? null);
    return answer;
  };
}

/** Entries a remembered function keeps before it empties its table. @internal */
export const MAX_REMEMBERED = 4096;

/** Longest text a remembered function keeps (longer ones are worked out every time). @internal */
export const MAX_REMEMBERED_LENGTH = 256;
