/**
 * Quiet, asserted warnings: `console.warn` is replaced by a collector for the whole test file (also while a
 * `describe` body builds fixtures, outside any test), so warnings never reach the test output. A test that
 * cares reads the current test's warnings with `takeWarnings()` and asserts on them.
 */
const collected: string[] = [];
const collect = (...args: unknown[]) => {
  collected.push(args.map(String).join(' '));
};

// jest's clearMocks resets call records between tests, not implementations: this one stays in place.
jest.spyOn(console, 'warn').mockImplementation(collect);

beforeEach(() => {
  collected.length = 0;
  // A test that restored or replaced the spy gets the collector back.
  jest.spyOn(console, 'warn').mockImplementation(collect);
});

/** The warnings printed so far in the current test (and forgets them). */
export function takeWarnings(): string[] {
  return collected.splice(0, collected.length);
}
