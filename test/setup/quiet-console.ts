/**
 * Quiet, asserted warnings: every test starts with `console.warn` replaced by a collector, so warnings never
 * reach the test output. A test that cares reads them with `takeWarnings()` and asserts on them.
 */
const collected: string[] = [];

beforeEach(() => {
  collected.length = 0;
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    collected.push(args.map(String).join(' '));
  });
});

/** The warnings printed so far in the current test (and forgets them). */
export function takeWarnings(): string[] {
  return collected.splice(0, collected.length);
}
