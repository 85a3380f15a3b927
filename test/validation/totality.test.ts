import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { DaemonSetTaxReport } from '../../src/report/tax-report';
import { NodeProfile, NodeTaintEffect } from '../../src/scheduling/node-profile';
import { PlacementEngine } from '../../src/scheduling/placement-engine';
import { ManifestValidator, ValidationReport } from '../../src/validation/engine';
import { SEMANTIC_RULES } from '../../src/validation/rules/semantics/semantics';

/*
 * The validator is total: any JSON in, findings out, never an exception. Random JSON values and
 * structurally wrong manifests (valid fixtures with a random field replaced by a value of another
 * type, deleted, wrapped in a list ...) go through every rule family, the placement-fit rules, the
 * tax report and the placement engine. Fixed seeds keep runs reproducible.
 */

type Json = any;

const SEED = 42;
const RUNS = 2000;
/** Garbage pod templates reach the schema rule's full error collection on every case: fewer runs keep the unit tier fast. */
const WORKLOAD_RUNS = 1000;
const VALID = path.join(__dirname, '..', 'fixtures', 'valid');

const FIXTURES: Json[][] = fs.readdirSync(VALID).filter(f => /\.ya?ml$/.test(f)).sort().map(f =>
  parseAllDocuments(fs.readFileSync(path.join(VALID, f), 'utf-8')).map(d => d.toJS()).filter(o => o !== null && o !== undefined));

const PROFILES = [
  NodeProfile.of({ name: 'workers', labels: { 'kubernetes.io/os': 'linux' }, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }),
  NodeProfile.of({
    name: 'control-plane',
    labels: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' },
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: NodeTaintEffect.NO_SCHEDULE }],
    allocatable: { cpu: '2', memory: '8Gi' },
  }),
];

const validator = new ManifestValidator();
const withProfiles = new ManifestValidator({ nodeProfiles: PROFILES });
const SEVERITIES = ['error', 'warning', 'info'];

/** Every finding is well formed; returns the problems (empty when all are). */
function malformed(report: ValidationReport): string[] {
  return report.findings.flatMap(f => {
    const problems: string[] = [];
    if (typeof f.ruleId !== 'string' || !/^[a-z-]+(\/[a-z0-9-]+)?$/.test(f.ruleId)) problems.push(`rule id ${String(f.ruleId)}`);
    if (!SEVERITIES.includes(f.severity)) problems.push(`severity ${String(f.severity)} of ${f.ruleId}`);
    if (typeof f.message !== 'string' || f.message.length === 0) problems.push(`message of ${f.ruleId}`);
    if (typeof f.path !== 'string') problems.push(`path of ${f.ruleId}`);
    if (f.name !== undefined && typeof f.name !== 'string') problems.push(`name ${String(f.name)} of ${f.ruleId}`);
    if (f.ruleId === 'engine/internal') problems.push(`internal error: ${f.message}`);
    return problems;
  });
}

/** Runs everything that takes manifests; throws when any of it throws. */
function runAll(objects: Json[]): string[] {
  const problems = [...malformed(validator.validate(objects)), ...malformed(withProfiles.validate(objects))];
  const report = DaemonSetTaxReport.fromManifests(objects, PROFILES);
  report.toText();
  report.toMarkdown();
  report.toHtml();
  JSON.stringify(report.toJson());
  for (const o of objects) for (const p of PROFILES) PlacementEngine.decide(o, p);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Mutations of valid manifests

type Segment = string | number;

/** Every path inside a value (objects and lists), the root excluded. */
function pathsOf(value: Json, prefix: Segment[] = [], out: Segment[][] = []): Segment[][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => { out.push([...prefix, i]); pathsOf(v, [...prefix, i], out); });
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) { out.push([...prefix, k]); pathsOf(value[k], [...prefix, k], out); }
  }
  return out;
}

function kindOf(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** A value of another JSON type than `current`. */
function otherType(current: Json, random: Json): Json {
  const candidates = [random, 'text', 42, -1, 1.5, true, null, {}, [], { unexpected: ['x'] }, ['x', 1], { name: { toString: 1 } }];
  return candidates.find(c => kindOf(c) !== kindOf(current)) ?? 'text';
}

const MUTATIONS = ['replace', 'other-type', 'delete', 'wrap', 'empty-object', 'string'] as const;

interface Mutation {
  readonly at: number;
  readonly how: typeof MUTATIONS[number];
  readonly value: Json;
}

function mutate(object: Json, mutations: Mutation[]): Json {
  const copy = JSON.parse(JSON.stringify(object));
  for (const m of mutations) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const p = paths[m.at % paths.length];
    const parent = p.slice(0, -1).reduce((o: Json, s) => o[s], copy);
    const last = p[p.length - 1];
    const current = parent[last];
    switch (m.how) {
      case 'replace': parent[last] = m.value; break;
      case 'other-type': parent[last] = otherType(current, m.value); break;
      case 'delete': if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last]; break;
      case 'wrap': parent[last] = [current]; break;
      case 'empty-object': parent[last] = Array.isArray(current) ? Object.fromEntries(current.map((v: Json, i: number) => [String(i), v])) : {}; break;
      case 'string': parent[last] = JSON.stringify(current) ?? 'null'; break;
    }
  }
  return copy;
}

const mutation = fc.record({ at: fc.nat(), how: fc.constantFrom(...MUTATIONS), value: fc.jsonValue({ maxDepth: 3 }) });

/** A valid fixture file with one of its objects mutated 1 to 4 times. */
const mutatedFixture = fc.record({
  file: fc.nat(FIXTURES.length - 1),
  object: fc.nat(),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
}).map(({ file, object, mutations }) => {
  const objects = FIXTURES[file];
  const i = object % objects.length;
  return objects.map((o, j) => (j === i ? mutate(o, mutations) : o));
});

const KINDS = ['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'Service', 'ResourceQuota', 'LimitRange',
  'Namespace', 'ServiceAccount', 'RoleBinding', 'ConfigMap', 'Secret', 'PriorityClass', 'Node', 'ServiceMonitor'];

/** An object with a real kind and garbage everywhere else. */
const garbageObject = fc.record({
  apiVersion: fc.constantFrom('apps/v1', 'v1', 'batch/v1', 'monitoring.coreos.com/v1', 'rbac.authorization.k8s.io/v1'),
  kind: fc.constantFrom(...KINDS),
  metadata: fc.jsonValue({ maxDepth: 3 }),
  spec: fc.jsonValue({ maxDepth: 4 }),
  subjects: fc.jsonValue({ maxDepth: 2 }),
}, { requiredKeys: ['apiVersion', 'kind'] });

/** Keys that trip naive code: inherited properties, prototype setters. */
const TRICKY_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'name', 'key', 'cpu', 'memory', ''];

/** JSON whose object keys are often tricky ones. */
const trickyJson: fc.Arbitrary<Json> = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 65536, '', 'text', '0%', '100m', '1Gi', 'Always', 'Exists', 'In', 'Gt', 'NoSchedule'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...TRICKY_KEYS), tie('value'), { maxKeys: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const CONTAINER_FIELDS = ['name', 'image', 'ports', 'env', 'envFrom', 'resources', 'volumeMounts', 'livenessProbe', 'readinessProbe',
  'startupProbe', 'securityContext', 'restartPolicy', 'lifecycle'];
const POD_FIELDS = ['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'tolerations', 'affinity', 'nodeSelector', 'nodeName',
  'hostNetwork', 'hostPID', 'securityContext', 'serviceAccountName', 'priorityClassName', 'imagePullSecrets', 'dnsPolicy', 'dnsConfig',
  'overhead', 'resources', 'restartPolicy', 'os', 'automountServiceAccountToken'];

function someOf(fields: string[], value: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc.record(Object.fromEntries(fields.map(f => [f, value])), { requiredKeys: [] });
}

const garbageContainer = fc.oneof(someOf(CONTAINER_FIELDS, trickyJson), trickyJson);
/** A pod spec whose known fields hold garbage, or lists of garbage containers. */
const garbagePodSpec = fc.record({
  fields: someOf(POD_FIELDS, trickyJson),
  containers: fc.oneof(fc.array(garbageContainer, { maxLength: 3 }), trickyJson),
  initContainers: fc.oneof(fc.array(garbageContainer, { maxLength: 2 }), trickyJson),
}).map(({ fields, containers, initContainers }) => ({ ...fields, containers, initContainers }));

/** Workloads (and their neighbours) whose pod template is garbage in the right places. */
const garbageWorkload = fc.record({
  kind: fc.constantFrom('DaemonSet', 'Deployment', 'Job', 'Pod', 'CronJob'),
  metadata: fc.oneof(someOf(['name', 'namespace', 'labels', 'annotations', 'generateName'], trickyJson), trickyJson),
  spec: fc.oneof(someOf(['selector', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'], trickyJson), trickyJson),
  templateMetadata: fc.oneof(someOf(['labels', 'annotations'], trickyJson), trickyJson),
  podSpec: garbagePodSpec,
}).map(({ kind, metadata, spec, templateMetadata, podSpec }) => {
  const template = { metadata: templateMetadata, spec: podSpec };
  const shaped = kind === 'Pod' ? podSpec
    : kind === 'CronJob' ? { ...asPlain(spec), jobTemplate: { spec: { template } } }
      : { ...asPlain(spec), template };
  return { apiVersion: kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : kind === 'Pod' ? 'v1' : 'apps/v1', kind, metadata, spec: shaped };
});

function asPlain(v: Json): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

// ---------------------------------------------------------------------------------------------

test('the valid fixtures run clean through every consumer (the mutation base is sound)', () => {
  expect(FIXTURES.length).toBeGreaterThanOrEqual(5);
  for (const objects of FIXTURES) expect(runAll(objects)).toEqual([]);
});

test(`random JSON values never throw (${RUNS} cases)`, () => {
  fc.assert(fc.property(fc.array(fc.jsonValue({ maxDepth: 5 }), { maxLength: 4 }), objects => {
    expect(runAll(objects)).toEqual([]);
  }), { seed: SEED, numRuns: RUNS });
});

test(`objects of known kinds with garbage fields never throw (${RUNS} cases)`, () => {
  fc.assert(fc.property(fc.array(garbageObject, { minLength: 1, maxLength: 4 }), objects => {
    expect(runAll(objects)).toEqual([]);
  }), { seed: SEED, numRuns: RUNS });
});

test(`workloads with garbage in their pod templates never throw (${WORKLOAD_RUNS} cases)`, () => {
  fc.assert(fc.property(fc.array(fc.oneof(garbageWorkload, garbageObject), { minLength: 1, maxLength: 3 }), objects => {
    expect(runAll(objects)).toEqual([]);
  }), { seed: SEED, numRuns: WORKLOAD_RUNS });
});

test(`valid fixtures with mutated fields never throw (${RUNS} cases)`, () => {
  fc.assert(fc.property(mutatedFixture, objects => {
    expect(runAll(objects)).toEqual([]);
  }), { seed: SEED, numRuns: RUNS });
});

test('the reviewer\'s crashes: containers, tolerations and volumeMounts as objects', () => {
  const ds = FIXTURES[0].find(o => o.kind === 'DaemonSet');
  const pod = (o: Json) => o.spec.template.spec;
  const cases: [string, (o: Json) => void][] = [
    ['containers', o => { pod(o).containers = { agent: pod(o).containers[0] }; }],
    ['tolerations', o => { pod(o).tolerations = { key: 'x', operator: 'Exists' }; }],
    ['volumeMounts', o => { pod(o).containers[0].volumeMounts = { name: 'x', mountPath: '/x' }; }],
  ];
  for (const [field, change] of cases) {
    const object = JSON.parse(JSON.stringify(ds));
    change(object);
    const report = validator.validate([object]);
    expect(malformed(report)).toEqual([]);
    // The schema says what is wrong; the other rules skip what they cannot read.
    expect(report.errors.some(f => f.ruleId === 'schema/valid' && f.path.endsWith(field) && /must be a list/.test(f.message))).toBe(true);
    expect(runAll([object])).toEqual([]);
  }
});

test('objects without a prototype where messages quote a value (String() of one throws)', () => {
  const bare = () => Object.create(null);
  const ds = JSON.parse(JSON.stringify(FIXTURES[0].find(o => o.kind === 'DaemonSet')));
  const c = ds.spec.template.spec.containers[0];
  c.name = bare();
  c.image = 'Registry.example.com/Agent:1.0';
  c.livenessProbe = { httpGet: { port: 'no-such-port', path: '/healthz' } };
  c.securityContext = { ...c.securityContext, capabilities: { drop: [bare()], add: [bare()] } };
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, immutable: true, stringData: { k: bare() } };
  const report = new ManifestValidator({ previous: [secret] }).validate([ds, secret]);
  expect(malformed(report)).toEqual([]);
  // The predictions about that container are still made, quoting its name as JSON.
  expect(report.findings.filter(f => f.ruleId.startsWith('runtime/')).map(f => [f.ruleId, f.message.includes("container '{}'")])).toEqual(
    expect.arrayContaining([['runtime/image-reference', true], ['runtime/probe-ports', true]]));
  expect(runAll([ds, secret])).toEqual([]);
});

test('a rule that throws becomes one engine/internal error naming it; the other rules still report', () => {
  const semantics = SEMANTIC_RULES[0];
  const spy = jest.spyOn(semantics, 'check').mockImplementation(() => { throw new TypeError('x.map is not a function'); });
  try {
    const ds = JSON.parse(JSON.stringify(FIXTURES[0].find(o => o.kind === 'DaemonSet')));
    ds.spec.template.spec.containers[0].image = 'latest-less';
    const report = validator.validate([ds]);
    const internal = report.findings.filter(f => f.ruleId === 'engine/internal');
    expect(internal).toEqual([expect.objectContaining({
      severity: 'error',
      message: 'rule semantics failed on this input (TypeError: x.map is not a function); its findings are missing from this report',
    })]);
    expect(report.findings.some(f => f.ruleId === 'best-practice/image-tag')).toBe(true);
  } finally {
    spy.mockRestore();
  }
});

describe('semantics/metadata-name (ValidateObjectMetaAccessor: name or generateName is required)', () => {
  const configMap = (metadata: Json) => ({ apiVersion: 'v1', kind: 'ConfigMap', ...(metadata === undefined ? {} : { metadata }), data: {} });
  const named = (objects: Json[]) => validator.validate(objects).findings.filter(f => f.ruleId === 'semantics/metadata-name');

  test.each([
    ['no metadata', undefined],
    ['no name', { namespace: 'x' }],
    ['an empty name', { name: '' }],
    ['a null name and an empty generateName', { name: null, generateName: '' }],
  ])('%s is an error', (_what, metadata) => {
    const findings = named([configMap(metadata)]);
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', kind: 'ConfigMap', path: 'metadata.name', name: undefined })]);
    expect(findings[0].message).toMatch(/name or generateName is required/);
  });

  test('a name, or only a generateName, passes; wrong types are the schema rule\'s', () => {
    expect(named([configMap({ name: 'a' }), configMap({ generateName: 'a-' })])).toEqual([]);
    const wrong = validator.validate([configMap({ name: 5 }), configMap('text' as any)]);
    expect(wrong.findings.filter(f => f.ruleId === 'semantics/metadata-name')).toEqual([]);
    expect(wrong.findings.filter(f => f.ruleId === 'schema/valid').map(f => f.path)).toEqual(['metadata.name', 'metadata']);
  });

  test('objects without a kind and Lists are not judged', () => {
    expect(named([{ apiVersion: 'v1', data: {} }, { apiVersion: 'v1', kind: 'List', items: [] }])).toEqual([]);
  });
});
