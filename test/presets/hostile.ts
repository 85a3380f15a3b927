import { App, Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { DaemonSetsError } from '../../src/errors';
import { validateManifests } from '../../src/validation/engine';

/**
 * Shared pieces of the property tests of the constructs: adversarial values, and the property itself
 * (every case ends in a DaemonSetsError, or in output the validator accepts).
 */

/** The seed of every property test: failures reproduce. */
export const SEED = 20240613;

/** Values no field should accept, or only some should: wrong types, non-finite numbers, odd strings, wrong shapes. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, NaN, Infinity, -Infinity, -1, 0, 1.5, 1e308, -0, 2 ** 53 + 2, true, false,
    '', ' ', 'a\nb', 'line\r\n[OUTPUT]\n    Name stdout', '\u2028', 'tab\there', '\u0000', 'ünïcödé', '日本語', '😀',
    'UPPER', 'a.b', '-a', 'a'.repeat(300), '${X}', '$(POD_IP)', '--flag', '/abs/path',
    {}, [], [1], [null], { a: null }, { a: 1 }, [{}], () => 1,
  ),
  fc.bigInt({ min: -10n, max: 10n }),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -100, max: 100_000 }),
  fc.double(),
);

/** A field that mostly holds `valid` values and sometimes a hostile one (or nothing). */
export function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 10, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostile },
    { weight: 20, arbitrary: fc.constant(undefined) });
}

/** A required field: mostly `valid`, sometimes hostile (never left out on purpose). */
export function required<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 20, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostile });
}

/** Mostly `good`, sometimes `bad` (values of the right type that the field must still refuse). */
export function mostly<T>(good: fc.Arbitrary<T>, ...bad: T[]): fc.Arbitrary<T> {
  return bad.length === 0 ? good : fc.oneof({ weight: 15, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
}

/**
 * Props from `valid` (whose fields may themselves mix in hostile values), with up to two fields replaced by
 * hostile values: about a third of the cases keep every field as generated.
 */
export function withOverrides(valid: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[]): fc.Arbitrary<unknown> {
  const overrides = fc.array(fc.tuple(fc.constantFrom(...keys), hostile), { maxLength: 2 });
  const props = fc.tuple(valid, overrides).map(([p, o]) => ({ ...p, ...Object.fromEntries(o) }));
  return fc.oneof({ weight: 30, arbitrary: props }, { weight: 1, arbitrary: hostile });
}

/** Calls a factory of cdk8s (`Size.mebibytes`, ...) that throws on some inputs; then the input itself is used. */
export function orRaw<T>(make: (n: any) => T): (n: unknown) => unknown {
  return (n) => {
    try {
      return make(n);
    } catch {
      return n;
    }
  };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** What one case ended in. */
export type Outcome = 'rejected' | 'accepted';

/**
 * Runs `build` in a fresh chart. A `DaemonSetsError` (construct or factory) ends the case as rejected; any
 * other exception fails it. Otherwise the chart is synthesized (with app validation), every object must be
 * named validly (Services with a DNS-1035 label) and `validateManifests` must report no error.
 */
export function runCase(build: (chart: Chart) => void): Outcome {
  const chart = new Chart(Testing.app() as App, 'c');
  try {
    build(chart);
  } catch (e) {
    if (DaemonSetsError.isDaemonSetsError(e)) return 'rejected';
    throw new Error(`crash: ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}`);
  }
  let objects: any[];
  try {
    objects = chart.toJson();
  } catch (e) {
    throw new Error(`accepted but synthesis failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const o of objects) {
    const name = o.metadata?.name;
    const ok = typeof name === 'string' && name.length <= 253 && DNS_SUBDOMAIN.test(name)
      && (o.kind !== 'Service' || (name.length <= 63 && DNS_1035.test(name)));
    if (!ok) throw new Error(`accepted but ${o.kind} has an invalid name: ${JSON.stringify(name)}`);
  }
  const errors = validateManifests(objects).errors;
  if (errors.length > 0) throw new Error(`accepted but invalid: ${errors.map(e => `${e.ruleId} ${e.kind} ${e.path}: ${e.message}`).join('; ')}`);
  return 'accepted';
}

/** Runs the property `runs` times with the fixed seed; returns how many cases were rejected and accepted. */
export function checkProperty<T>(arb: fc.Arbitrary<T>, build: (chart: Chart, value: T) => void, runs: number): Record<Outcome, number> {
  const counts = { rejected: 0, accepted: 0 };
  fc.assert(fc.property(arb, (value) => {
    counts[runCase(chart => build(chart, value))]++;
  }), { seed: SEED, numRuns: runs, endOnFailure: true });
  return counts;
}
