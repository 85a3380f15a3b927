import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { anyString, kubernetesObject, multiLineString, numberishString, realisticString, treeFrom } from './arbitraries';
import { nativeYamlDocument, stringifyYaml } from '../../src/yaml/emit';

// Property: for generated documents the native emitter writes exactly what cdk8s's Yaml.stringify writes. Each
// property also counts the documents the native path wrote, so that agreement is not vacuous (a fallback-only
// emitter agrees with everything and fails these counts). Over 60,000 documents in all.

interface Tally {
  runs: number;
  native: number;
}

/**
 * A predicate for fc.property: the document is written as Yaml.stringify writes it; counts native writes. A
 * document the native emitter leaves to Yaml.stringify is written by Yaml.stringify (the streams test checks
 * that path), so only native writes are compared here.
 */
function agreesWithYaml(tally: Tally): (doc: unknown) => boolean {
  return (doc) => {
    tally.runs++;
    const native = nativeYamlDocument(doc);
    if (native === undefined) return true;
    tally.native++;
    return native === Yaml.stringify(doc);
  };
}

function check(arbitrary: fc.Arbitrary<unknown>, numRuns: number): Tally {
  const tally: Tally = { runs: 0, native: 0 };
  fc.assert(fc.property(arbitrary, agreesWithYaml(tally)), { numRuns });
  return tally;
}

test('10,000 Kubernetes-like objects full of adversarial strings and random Unicode', () => {
  const tally = check(kubernetesObject(anyString), 10_000);
  expect(tally.runs).toBe(10_000);
  // Each object holds dozens of adversarial strings, so many leave the subset; still, thousands are native.
  expect(tally.native).toBeGreaterThan(1_000);
}, 300_000);

test('10,000 realistic Kubernetes-like objects (mostly names and quantities, some adversarial strings)', () => {
  const tally = check(kubernetesObject(realisticString), 10_000);
  expect(tally.native).toBeGreaterThan(3_000);
}, 300_000);

test('5,000 arbitrary trees of mappings, sequences and scalars, under a mapping or a sequence', () => {
  const tree = treeFrom(anyString);
  const tally = check(fc.oneof(fc.array(tree, { maxLength: 4 }), fc.dictionary(anyString, tree, { maxKeys: 4 })), 5_000);
  expect(tally.native).toBeGreaterThan(1_500);
}, 300_000);

test('20,000 strings, each as a value, a sequence item, a top-level key and a nested key', () => {
  const tally = check(anyString.map((s) => ({ v: s, [s]: [s], m: { [s]: s }, l: [{ [s]: s }] })), 20_000);
  expect(tally.native).toBeGreaterThan(14_000);
}, 300_000);

test('10,000 multi-line strings (literal blocks, chomping, indentation indicators), as values and items', () => {
  const tally = check(multiLineString.map((s) => ({ data: { 'config.yaml': s }, args: [s, { nested: [s] }] })), 10_000);
  expect(tally.native).toBeGreaterThan(4_000);
}, 300_000);

test('10,000 number-, date- and keyword-like strings: all written natively, quoted exactly where Yaml.stringify quotes', () => {
  const tally = check(numberishString.map((s) => ({ v: s, [s]: [s], m: { [s]: s } })), 10_000);
  expect(tally.native).toBe(10_000);
}, 300_000);

test('1,000 streams of several documents, undefined ones included, through stringifyYaml (native and handed over)', () => {
  const doc = fc.oneof({ weight: 6, arbitrary: kubernetesObject(realisticString) }, { weight: 1, arbitrary: fc.constant(undefined) });
  fc.assert(fc.property(fc.array(doc, { maxLength: 5 }), (docs) => stringifyYaml(...docs) === Yaml.stringify(...docs)), { numRuns: 1_000 });
}, 300_000);
