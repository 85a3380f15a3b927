/* eslint-disable @stylistic/max-len */ // generator tables read best one field per line
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  DaemonSet, DaemonSetServiceType, DaemonSetUpdateStrategy, ExtendedResource, HealthProbe, NodePlacement,
  ScrapeScheme, SeccompProfile, ServiceTrafficPolicy, Timezone, AgentResources,
} from '../../src';
import { DaemonSetsError } from '../../src/errors';
import { validateManifests } from '../../src/validation/engine';

// Property: the generic DaemonSet and its value objects never crash on hostile props (what JavaScript callers
// and TypeScript with `any` can pass), and what they accept synthesizes to objects the library's validator
// accepts. Factories (HealthProbe.*, SeccompProfile.*, ...) are called inside each case from generated
// recipes, so their errors count as outcomes too.

const SEED = 1310;
const RUNS = 2000;

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, NaN, Infinity, -Infinity, -1, 0, 1.5, 1e300, -0, 2 ** 53 + 2, true, false, 10n,
    '', ' ', 'a\nb', '名前', '😀', 'UPPER', '-a', 'a'.repeat(300), '$(X)', '/abs', '../up',
    {}, [], [1], [null], { a: null }, { name: 1 }, [{}], () => 1, new Date(0), Object.create(null),
  ),
  fc.integer({ min: -100, max: 100_000 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
);

/** Mostly valid, sometimes hostile, often left out. */
function opt<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 12, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostile }, { weight: 40, arbitrary: fc.constant(undefined) });
}
/** Mostly valid, sometimes hostile, never left out. */
function req<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 60, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostile });
}
/** Mostly good values, sometimes values of the right type that must still be refused. */
function mostly<T>(good: fc.Arbitrary<T>, ...bad: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
}

const num = (min: number, max: number, ...bad: number[]) => mostly(fc.integer({ min, max }), -1, 1.5, NaN, Infinity, 1e300, ...bad);
const name = mostly(fc.constantFrom('agent', 'sidecar', 'x1'), '', 'Bad_Name', '名前', 'a'.repeat(70));
const text = mostly(fc.constantFrom('a', 'value', 'v1.2'), '', '名前');
const labelMap = fc.dictionary(mostly(fc.constantFrom('app', 'team', 'example.com/tier'), 'bad key', 'a/b/c', ''), mostly(fc.constantFrom('x', 'y-1', ''), 'not valid!', 'v'.repeat(64)), { maxKeys: 3 });
const annotationMap = fc.dictionary(mostly(fc.constantFrom('note', 'example.com/owner'), 'bad key'), fc.string({ maxLength: 8 }), { maxKeys: 3 });

// Factory calls as data, run inside each case.
type Recipe = { readonly f: string; readonly a: unknown[] };
const recipe = (f: string, ...a: fc.Arbitrary<unknown>[]) => fc.tuple(...a).map((args): Recipe => ({ f, a: args }));
const duration = recipe('Duration.seconds', mostly(fc.integer({ min: 0, max: 120 }), 1.5, 1e300));
const probeOptions = fc.record({
  port: opt(num(1, 65535, 0, 70000)),
  initialDelay: opt(duration),
  period: opt(duration),
  timeout: opt(duration),
  failureThreshold: opt(num(1, 10, 0)),
  successThreshold: opt(fc.constantFrom(1, 2)),
}, { requiredKeys: [] });
const probe = fc.oneof(
  recipe('HealthProbe.httpGet', mostly(fc.constantFrom('/healthz', '/'), 'healthz', ''), opt(fc.record({ port: opt(num(1, 65535, 0)), portName: opt(mostly(fc.constant('http'), 'Bad_Name')), headers: opt(fc.array(fc.record({ name: req(mostly(fc.constant('X-A'), 'bad header')), value: req(text) }), { maxLength: 1 })), scheme: opt(fc.constantFrom(...Object.values(kplus.ConnectionScheme))), host: opt(text) }, { requiredKeys: [] }))),
  recipe('HealthProbe.tcpSocket', opt(probeOptions)),
  recipe('HealthProbe.exec', req(mostly(fc.array(text, { minLength: 1, maxLength: 2 }), [])), opt(probeOptions)),
  recipe('HealthProbe.grpc', req(num(1, 65535, 0)), opt(fc.record({ service: opt(text) }, { requiredKeys: [] }))),
);
const amount = recipe('PercentOrAbsolute', fc.boolean(), mostly(fc.integer({ min: 0, max: 100 }), -1, 1.5, 101, 1e300));
const updateStrategy = fc.oneof(
  recipe('DaemonSetUpdateStrategy.rollingUpdate', opt(fc.record({ maxUnavailable: opt(amount), maxSurge: opt(amount) }, { requiredKeys: [] }))),
  recipe('DaemonSetUpdateStrategy.onDelete'),
);
const seccomp = fc.oneof(recipe('SeccompProfile.runtimeDefault'), recipe('SeccompProfile.unconfined'),
  recipe('SeccompProfile.localhost', req(mostly(fc.constant('profiles/agent.json'), '/abs', '../up', ''))));
const timezone = fc.oneof(recipe('Timezone.fromNode'), recipe('Timezone.of', req(mostly(fc.constantFrom('UTC', 'Europe/Berlin'), 'europe/berlin', 'Mars/Base', ''))));
const placement = fc.oneof(recipe('NodePlacement.allNodes'), recipe('NodePlacement.linuxOnly'), recipe('NodePlacement.controlPlaneToo'),
  recipe('NodePlacement.architecture', req(mostly(fc.constantFrom('amd64', 'arm64'), 'ARM', ''))));
const extended = fc.oneof(recipe('ExtendedResource.nvidiaGpu', req(num(1, 4, 0))), recipe('ExtendedResource.of', req(mostly(fc.constant('example.com/dev'), 'kubernetes.io/x', 'nodomain')), req(num(1, 4, 0))));
const cpu = recipe('Cpu.millis', mostly(fc.integer({ min: 1, max: 4000 }), 0, 1e300));
const size = recipe('Size.mebibytes', mostly(fc.integer({ min: 1, max: 1024 }), 0.0001, 1e300));
const volume = fc.oneof(recipe('Volume.emptyDir', req(name)), recipe('Volume.configMap', req(name)));
const namedRef = (f: string) => recipe(f, req(mostly(fc.constantFrom('agent', 'regcred'), '', '名前', 'UPPER')));

const containerOf = (names: fc.Arbitrary<unknown>) => fc.record({
  name: names,
  image: req(mostly(fc.constantFrom('registry.example.com/agent:1.4.2', 'busybox:1.36'), '', 'Bad Image', 'UPPER/x:1')),
  command: opt(fc.array(text, { maxLength: 2 })),
  args: opt(fc.array(text, { maxLength: 2 })),
  workingDir: opt(fc.constantFrom('/work')),
  envVariables: opt(fc.dictionary(mostly(fc.constantFrom('A', 'LOG_LEVEL', 'B'), '1X', ''), req(recipe('EnvValue.fromValue', req(text))), { maxKeys: 3 })),
  ports: mostly(fc.uniqueArray(fc.record({ number: req(num(1, 65535, 0)), name: opt(mostly(fc.constantFrom('http', 'metrics'), 'Bad_Name')), protocol: opt(mostly(fc.constantFrom('TCP', 'UDP', 'SCTP'), 'tcp')), hostPort: opt(num(1, 65535, 0)) }, { requiredKeys: ['number'] }), { minLength: 1, maxLength: 2, selector: p => [p.name, p.number] as unknown, comparator: (a: any, b: any) => a[0] === b[0] || a[1] === b[1] }) as fc.Arbitrary<unknown>, undefined, []),
  portNumber: opt(num(1, 65535, 0)),
  imagePullPolicy: opt(mostly(fc.constantFrom(...Object.values(kplus.ImagePullPolicy)), 'Sometimes' as kplus.ImagePullPolicy)),
  resources: opt(fc.record({ cpu: opt(fc.record({ request: opt(cpu), limit: opt(cpu) }, { requiredKeys: [] })), memory: opt(fc.record({ request: opt(size), limit: opt(size) }, { requiredKeys: [] })) }, { requiredKeys: [] })),
  securityContext: opt(fc.record({ user: opt(num(0, 65535)), group: opt(num(0, 65535)), privileged: opt(fc.boolean()), readOnlyRootFilesystem: opt(fc.boolean()), allowPrivilegeEscalation: opt(fc.boolean()), ensureNonRoot: opt(fc.boolean()) }, { requiredKeys: [] })),
  capabilities: opt(fc.record({ add: opt(fc.array(mostly(fc.constantFrom('NET_ADMIN', 'CAP_SYS_TIME'), 'net_admin', ''), { maxLength: 2 })), drop: opt(fc.array(fc.constantFrom('ALL'), { maxLength: 1 })) }, { requiredKeys: [] })),
  livenessProbe: opt(probe),
  readinessProbe: opt(probe),
  startupProbe: opt(probe),
  extendedResources: opt(fc.array(extended, { maxLength: 1 })),
}, { requiredKeys: ['name', 'image', 'ports'] });
const byName = { selector: (c: any) => c?.name, maxLength: 2 };

const props = fc.record({
  metadata: opt(fc.record({ name: opt(mostly(fc.constantFrom('agent', 'node-agent'), 'Bad_Name', 'a..b')), namespace: opt(mostly(fc.constant('monitoring'), 'kube.system')), labels: opt(labelMap), annotations: opt(annotationMap) }, { requiredKeys: [] })),
  podMetadata: opt(fc.record({ labels: opt(labelMap), annotations: opt(annotationMap) }, { requiredKeys: [] })),
  description: opt(text),
  changeCause: opt(text),
  containers: req(mostly(fc.uniqueArray(containerOf(fc.constantFrom('agent', 'sidecar')), { ...byName, minLength: 1 }) as fc.Arbitrary<unknown>, [], [{}])),
  initContainers: opt(fc.array(containerOf(fc.constantFrom('setup')).map(c => ({ ...c, livenessProbe: undefined, readinessProbe: undefined, startupProbe: undefined })), { maxLength: 1 })),
  volumes: opt(fc.uniqueArray(volume, { selector: (v: Recipe) => v.a[0], maxLength: 2 })),
  serviceAccount: opt(namedRef('ServiceAccount.fromServiceAccountName')),
  automountServiceAccountToken: opt(fc.boolean()),
  securityContext: opt(fc.record({ user: opt(num(0, 65535)), group: opt(num(0, 65535)), fsGroup: opt(num(0, 65535)), ensureNonRoot: opt(fc.boolean()), sysctls: opt(fc.array(fc.record({ name: req(mostly(fc.constant('net.core.somaxconn'), 'Bad Sysctl')), value: req(text) }), { maxLength: 1 })) }, { requiredKeys: [] })),
  seccompProfile: opt(seccomp),
  hostNetwork: opt(fc.boolean()),
  hostPid: opt(fc.boolean()),
  hostIpc: opt(fc.boolean()),
  dns: opt(fc.record({ policy: opt(fc.constantFrom(...Object.values(kplus.DnsPolicy))), nameservers: opt(fc.array(mostly(fc.constant('10.0.0.10'), '300.1.1.1', 'x'), { minLength: 1, maxLength: 3 })), searches: opt(fc.array(fc.constantFrom('svc.cluster.local'), { maxLength: 2 })) }, { requiredKeys: [] })),
  hostAliases: opt(fc.array(fc.record({ ip: req(mostly(fc.constant('10.1.2.3'), 'nope')), hostnames: req(fc.array(fc.constantFrom('db.local'), { maxLength: 2 })) }), { maxLength: 1 })),
  terminationGracePeriod: opt(duration),
  imagePullSecrets: opt(fc.uniqueArray(namedRef('Secret.fromSecretName'), { selector: (v: Recipe) => v.a[0], maxLength: 2 })),
  updateStrategy: opt(updateStrategy),
  minReadySeconds: opt(num(0, 600)),
  revisionHistoryLimit: opt(num(0, 20)),
  priorityClassName: opt(mostly(fc.constant('system-node-critical'), 'Bad_Name')),
  nodeSelector: opt(labelMap),
  placement: opt(fc.array(placement, { maxLength: 2 })),
  timezone: opt(timezone),
  configChecksums: opt(fc.boolean()),
  select: opt(fc.boolean()),
  isolate: opt(fc.boolean()),
}, { requiredKeys: [] });

const KEYS = ['metadata', 'podMetadata', 'containers', 'initContainers', 'volumes', 'serviceAccount', 'securityContext', 'seccompProfile',
  'hostNetwork', 'hostPid', 'hostIpc', 'dns', 'hostAliases', 'terminationGracePeriod', 'imagePullSecrets', 'updateStrategy',
  'minReadySeconds', 'revisionHistoryLimit', 'priorityClassName', 'nodeSelector', 'placement', 'timezone', 'select'];

/** Up to two fields replaced by hostile values; sometimes the props themselves are hostile. */
const hostileProps = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(props, fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom(...KEYS), hostile), { minLength: 1, maxLength: 2 }) })).map(([p, o]) => ({ ...p, ...Object.fromEntries(o) })) },
  { weight: 1, arbitrary: hostile },
);

// Calls after construction: the methods check their arguments too.
const calls = fc.array(fc.oneof(
  recipe('addHostPath', req(mostly(fc.constantFrom('/var/log', '/etc'), 'relative', '')), req(mostly(fc.constant('/host/var/log'), 'rel')), opt(fc.record({ readOnly: opt(fc.boolean()), type: opt(fc.constantFrom(...Object.values(kplus.HostPathVolumeType))), containers: opt(fc.array(name, { maxLength: 1 })), subPath: opt(mostly(fc.constant('sub'), '/abs', '../up')) }, { requiredKeys: [] }))),
  recipe('exposeViaService', req(fc.record({ name: opt(mostly(fc.constant('agent-svc'), '1svc', 'Bad')), serviceType: opt(fc.constantFrom(...Object.values(DaemonSetServiceType))), internalTrafficPolicy: opt(fc.constantFrom(...Object.values(ServiceTrafficPolicy))), ports: opt(fc.uniqueArray(fc.record({ port: req(num(1, 65535, 0)), targetPortName: opt(fc.constant('http')), name: req(fc.constantFrom('http', 'metrics')), nodePort: opt(num(30000, 32767)) }, { requiredKeys: ['port', 'name'] }), { maxLength: 2, selector: (p: any) => p.name })), labels: opt(labelMap) }, { requiredKeys: [] }))),
  recipe('enablePrometheusScrape', req(fc.record({ port: req(num(1, 65535, 0)), path: opt(mostly(fc.constant('/metrics'), 'metrics')), scheme: opt(mostly(fc.constantFrom(...Object.values(ScrapeScheme)), 'ftp' as ScrapeScheme)) }, { requiredKeys: ['port'] }))),
  recipe('addNodeSelector', req(mostly(fc.constant('disk'), 'bad key')), req(mostly(fc.constant('ssd'), 'not valid!'))),
  recipe('place', req(placement)),
), { maxLength: 2 });

/** Turns recipes (anywhere in a value) into the objects their factories make; plain values pass through. */
function build(chart: Chart, value: unknown, counter: { n: number }): any {
  if (Array.isArray(value)) return value.map(v => build(chart, v, counter));
  if (value === null || typeof value !== 'object' || ![Object.prototype, null].includes(Object.getPrototypeOf(value))) return value;
  const r = value as Recipe;
  if (typeof r.f === 'string' && Array.isArray(r.a) && Object.keys(r).length === 2) {
    const a = r.a.map(v => build(chart, v, counter)) as any[];
    const id = `r${counter.n++}`;
    const [cls, method] = r.f.split('.');
    if (!r.f.match(/^(HealthProbe|DaemonSetUpdateStrategy|SeccompProfile|Timezone|NodePlacement|ExtendedResource)\./)) {
      // cdk8s and cdk8s-plus factories are not ours to test: when one refuses (or crashes on) a value, the raw
      // value goes into the props instead, where our checks must refuse it.
      try {
        return thirdParty(chart, r.f, a, id);
      } catch {
        return a[a.length - 1];
      }
    }
    const factories: Record<string, any> = { HealthProbe, DaemonSetUpdateStrategy, SeccompProfile, Timezone, NodePlacement, ExtendedResource };
    return factories[cls][method](...a);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, build(chart, v, counter)]));
}

function thirdParty(chart: Chart, f: string, a: any[], id: string): unknown {
  {
    switch (f) {
      case 'Duration.seconds': return Duration.seconds(a[0]);
      case 'PercentOrAbsolute': return a[0] ? kplus.PercentOrAbsolute.percent(a[1]) : kplus.PercentOrAbsolute.absolute(a[1]);
      case 'Cpu.millis': return kplus.Cpu.millis(a[0]);
      case 'Size.mebibytes': return Size.mebibytes(a[0]);
      case 'EnvValue.fromValue': return kplus.EnvValue.fromValue(a[0]);
      case 'Volume.emptyDir': return kplus.Volume.fromEmptyDir(chart, id, a[0]);
      case 'Volume.configMap': return kplus.Volume.fromConfigMap(chart, id, kplus.ConfigMap.fromConfigMapName(chart, `${id}cm`, 'agent-config'), { name: a[0] });
      case 'ServiceAccount.fromServiceAccountName': return kplus.ServiceAccount.fromServiceAccountName(chart, id, a[0]);
      case 'Secret.fromSecretName': return kplus.Secret.fromSecretName(chart, id, a[0]);
      default: throw new Error(`unknown recipe ${f}`);
    }
  }
}

type Outcome = 'rejected' | 'flagged' | 'accepted';

/**
 * One case: a DaemonSetsError ends it as rejected, any other exception fails the test; otherwise the app is
 * synthesized (with the library's app validation) and `validateManifests` (all families, schema included)
 * must find no error, every object must have a valid name and every number must be finite.
 */
function runCase(make: (chart: Chart) => void): Outcome {
  const chart = new Chart(Testing.app() as App, 'c');
  try {
    make(chart);
  } catch (e) {
    if (DaemonSetsError.isDaemonSetsError(e)) return 'rejected';
    throw new Error(`crash: ${e instanceof Error ? `${e.constructor.name}: ${e.message} ${e.stack?.split('\n').slice(1, 4).join(' <- ')}` : String(e)}`);
  }
  let objects: any[];
  try {
    objects = Testing.synth(chart);
  } catch (e) {
    // Checks that depend on the final tree run at synthesis; they too must throw the library's error.
    if (DaemonSetsError.isDaemonSetsError(e)) return 'rejected';
    // What depends on the final tree (a Service port that no container declares: containers may be added
    // after exposeViaService) is validated at synthesis, where cdk8s collects the findings into one Error.
    // It counts as flagged only when every finding names the construct path.
    const message = e instanceof Error ? e.message : '';
    const findings = message.split('\n').slice(1).filter(l => l.trim());
    if (message.startsWith('Validation failed with the following errors:') && findings.length > 0
      && findings.every(l => /^\s*\[c\/ds\] DaemonSet 'c\/ds': /.test(l))) return 'flagged';
    throw new Error(`accepted but synthesis failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const errors = validateManifests(objects).errors;
  if (errors.length > 0) throw new Error(`accepted but invalid: ${errors.map(e => `${e.ruleId} ${e.kind} ${e.path}: ${e.message}`).join('; ')}`);
  const json = JSON.stringify(objects, (_k, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`accepted but a number is ${v}`);
    return v;
  });
  if (json.includes('null')) {
    // JSON nulls never belong in a manifest we write (a dropped value would be an accepted-but-invalid field).
    const nulls = JSON.stringify(objects).match(/"[^"]*":null/g);
    if (nulls) throw new Error(`accepted but null fields: ${nulls.join(', ')}`);
  }
  for (const o of objects) {
    const n = o.metadata?.name;
    if (typeof n !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(n) || n.length > 253) {
      throw new Error(`accepted but ${o.kind} has an invalid name: ${JSON.stringify(n)}`);
    }
  }
  return 'accepted';
}

function check<T>(arb: fc.Arbitrary<T>, make: (chart: Chart, value: T) => void, runs: number): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { rejected: 0, flagged: 0, accepted: 0 };
  fc.assert(fc.property(arb, value => {
    counts[runCase(chart => make(chart, value))]++;
  }), { seed: SEED, numRuns: runs, endOnFailure: true });
  return counts;
}

test(`DaemonSet: ${RUNS} hostile props and method calls end in a DaemonSetsError or in valid objects`, () => {
  const counts = check(fc.tuple(hostileProps, calls), (chart, [p, c]) => {
    const counter = { n: 0 };
    const ds = new DaemonSet(chart, 'ds', build(chart, p, counter));
    for (const call of c) (ds as any)[call.f](...build(chart, call.a, counter));
  }, RUNS);
  expect(counts.rejected + counts.flagged + counts.accepted).toBe(RUNS);
  // Both outcomes must be common, or the generator tests only one side.
  expect(counts.accepted).toBeGreaterThan(RUNS / 10);
  expect(counts.rejected).toBeGreaterThan(RUNS / 5);
}, 120_000);

const FACTORY_RUNS = 2000;

test(`value-object factories: ${FACTORY_RUNS} hostile arguments end in a DaemonSetsError or in a value a DaemonSet accepts`, () => {
  const anyArgs = fc.array(fc.oneof(hostile, fc.constant(undefined)), { maxLength: 3 });
  const factory = fc.oneof(
    probe, updateStrategy, seccomp, timezone, placement, extended,
    fc.tuple(fc.constantFrom('HealthProbe.httpGet', 'HealthProbe.tcpSocket', 'HealthProbe.exec', 'HealthProbe.grpc',
      'DaemonSetUpdateStrategy.rollingUpdate', 'SeccompProfile.localhost', 'Timezone.of', 'NodePlacement.architecture',
      'ExtendedResource.of', 'ExtendedResource.nvidiaGpu', 'ExtendedResource.amdGpu', 'ExtendedResource.rdmaHca'), anyArgs).map(([f, a]): Recipe => ({ f, a })),
    fc.tuple(fc.constant('AgentResources.withDefaults'), anyArgs).map(([f, a]): Recipe => ({ f, a })),
  );
  const counts = check(factory, (chart, r) => {
    if (r.f === 'AgentResources.withDefaults') {
      AgentResources.withDefaults(r.a[0] as any);
      return;
    }
    const value = build(chart, r, { n: 0 });
    const agent = { name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 8080, name: 'http' }] };
    const [cls] = r.f.split('.');
    const propsFor: Record<string, object> = {
      HealthProbe: { containers: [{ ...agent, readinessProbe: value }] },
      DaemonSetUpdateStrategy: { updateStrategy: value, containers: [agent] },
      SeccompProfile: { seccompProfile: value, containers: [agent] },
      Timezone: { timezone: value, containers: [agent] },
      NodePlacement: { placement: [value], containers: [agent] },
      ExtendedResource: { containers: [{ ...agent, extendedResources: [value] }] },
    };
    new DaemonSet(chart, 'ds', propsFor[cls]);
  }, FACTORY_RUNS);
  expect(counts.rejected + counts.flagged + counts.accepted).toBe(FACTORY_RUNS);
  expect(counts.accepted).toBeGreaterThan(FACTORY_RUNS / 10);
  expect(counts.rejected).toBeGreaterThan(FACTORY_RUNS / 10);
}, 120_000);

// The reviewer's examples, each a crash or an accepted-but-invalid object before: now a DaemonSetsError
// naming the construct (or factory), the field and the value.
const IMAGE = 'registry.example.com/agent:1.4.2';
const hostileCases: [string, (chart: Chart) => unknown, RegExp][] = [
  ['placement: 1', c => new DaemonSet(c, 'ds', { placement: 1 as any, containers: [{ image: IMAGE }] }), /^DaemonSet 'test\/ds': placement is 1; it must be a list of NodePlacement presets/],
  ['volumes: [null]', c => new DaemonSet(c, 'ds', { volumes: [null as any], containers: [{ image: IMAGE }] }), /^DaemonSet 'test\/ds': volumes\[0\] is null; it must be a kplus.Volume/],
  ['updateStrategy: 1.5', c => new DaemonSet(c, 'ds', { updateStrategy: 1.5 as any, containers: [{ image: IMAGE }] }), /updateStrategy is 1.5; it must be a DaemonSetUpdateStrategy/],
  ['livenessProbe: -1', c => new DaemonSet(c, 'ds', { containers: [{ image: IMAGE, livenessProbe: -1 as any }] }), /container 'main': livenessProbe is -1; it must be a HealthProbe/],
  ['terminationGracePeriod: -1', c => new DaemonSet(c, 'ds', { terminationGracePeriod: -1 as any, containers: [{ image: IMAGE }] }), /terminationGracePeriod is -1; it must be a Duration/],
  ['terminationGracePeriod: 1.5 s', c => new DaemonSet(c, 'ds', { terminationGracePeriod: Duration.millis(1500), containers: [{ image: IMAGE }] }), /terminationGracePeriod: .*cannot be converted into a whole number of seconds/],
  ['capabilities: {add: 1}', c => new DaemonSet(c, 'ds', { containers: [{ image: IMAGE, capabilities: { add: 1 as any } }] }), /capabilities.add is 1; it must be a list of capability names/],
  ['command: {}', c => new DaemonSet(c, 'ds', { containers: [{ image: IMAGE, command: {} as any }] }), /command is \{\}; it must be a list of strings/],
  ['hostIpc: 10n', c => new DaemonSet(c, 'ds', { hostIpc: 10n as any, containers: [{ image: IMAGE }] }), /hostIpc is 10n \(a bigint\); it must be true or false/],
  ['image: 1', c => new DaemonSet(c, 'ds', { containers: [{ image: 1 as any }] }), /container 'main': image is 1; it must be a string/],
  ['securityContext.user: -Infinity', c => new DaemonSet(c, 'ds', { containers: [{ image: IMAGE, securityContext: { user: -Infinity } }] }), /securityContext.user is -Infinity; it must be an integer between 0 and 2147483647/],
  ['serviceAccount named ""', c => new DaemonSet(c, 'ds', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c, 'sa', ''), containers: [{ image: IMAGE }] }), /serviceAccount.name: '' must consist of lower-case alphanumerics/],
  ['serviceAccount named 名前', c => new DaemonSet(c, 'ds', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c, 'sa', '名前'), containers: [{ image: IMAGE }] }), /serviceAccount.name: '名前' must consist/],
  ['Size.mebibytes(0.0001)', c => new DaemonSet(c, 'ds', { containers: [{ image: IMAGE, resources: { memory: { request: Size.mebibytes(0.0001) } } }] }), /^DaemonSet 'test\/ds': container 'main': resources.memory.request: '0.0001 mebibytes' cannot be converted/],
  ['duplicate port names', c => new DaemonSet(c, 'ds', { containers: [{ image: IMAGE, ports: [{ number: 1, name: 'metrics' }, { number: 2, name: 'metrics' }] }] }), /container 'main': ports\[1\].name: port name 'metrics' is used twice/],
  ['SeccompProfile.localhost(-Infinity)', () => SeccompProfile.localhost(-Infinity as any), /^SeccompProfile.localhost: localhostProfile is -Infinity; it must be a string/],
  ['HealthProbe.httpGet(1)', () => HealthProbe.httpGet(1 as any), /^HealthProbe.httpGet: path is 1; it must be a string/],
  ['HealthProbe.tcpSocket period 1.5 s', () => HealthProbe.tcpSocket({ period: Duration.millis(1500) }), /^HealthProbe.tcpSocket: period is 1500ms; Kubernetes needs at least 1 second, in whole seconds/],
];

test.each(hostileCases)('hostile input %s is a DaemonSetsError naming where, field and value', (_name, make, message) => {
  const chart = Testing.chart();
  let error: unknown;
  try {
    make(chart);
  } catch (e) {
    error = e;
  }
  expect(DaemonSetsError.isDaemonSetsError(error)).toBe(true);
  expect((error as Error).message).toMatch(message);
});
