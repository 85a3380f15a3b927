import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { ExtendedResource, NamespaceQuota } from '../src';
import { checkProperty, field, orRaw, withOverrides } from './presets/hostile';

// Property: NamespaceQuota never crashes on hostile props, and what it accepts synthesizes to objects the
// validator accepts, each with a valid name.

const RUNS = 2000;

const number = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 0, max: 64 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.5, 1e-4, 1e21, 1e308, -1, NaN, Infinity, 0.1 + 0.2) });
const cpu = fc.oneof(number.map(orRaw(n => kplus.Cpu.units(n))), number.map(orRaw(n => kplus.Cpu.millis(n))));
const memory = fc.oneof(
  number.map(orRaw(n => Size.mebibytes(n))), number.map(orRaw(n => Size.gibibytes(n))), number.map(orRaw(n => Size.kibibytes(n))),
);
const amounts = fc.record({ cpu: field(cpu), memory: field(memory) }, { requiredKeys: [] });
const extended = fc.array(field(fc.constantFrom(ExtendedResource.nvidiaGpu(1), ExtendedResource.amdGpu(2), ExtendedResource.of('example.com/fpga', 3))), { maxLength: 3 });

const KEYS = ['name', 'namespace', 'requestsCpu', 'requestsMemory', 'limitsCpu', 'limitsMemory', 'pods', 'extendedResources',
  'defaultRequest', 'defaultLimit', 'min', 'max', 'expectedNodeCount'];

const props = fc.record({
  name: field(fc.constantFrom('agents-quota', 'q', 'a.b', 'a'.repeat(253))),
  namespace: field(fc.constantFrom('agents', 'monitoring', 'kube-system')),
  requestsCpu: field(cpu),
  requestsMemory: field(memory),
  limitsCpu: field(cpu),
  limitsMemory: field(memory),
  pods: field(fc.oneof(fc.nat(1000), fc.constant(Number.MAX_SAFE_INTEGER))),
  extendedResources: field(extended),
  defaultRequest: field(amounts),
  defaultLimit: field(amounts),
  min: field(amounts),
  max: field(amounts),
  expectedNodeCount: field(fc.integer({ min: 1, max: 5000 })),
}, { requiredKeys: [] });

test(`NamespaceQuota: ${RUNS} hostile props end in a DaemonSetsError or in valid, named objects`, () => {
  const counts = checkProperty(withOverrides(props, KEYS), (chart, p) => new NamespaceQuota(chart, 'quota', p as any), RUNS);
  expect(counts.rejected + counts.accepted).toBe(RUNS);
  // Both outcomes are exercised, so the property is not vacuous.
  expect(counts.accepted).toBeGreaterThan(RUNS / 20);
  expect(counts.rejected).toBeGreaterThan(RUNS / 10);
}, 120_000);
