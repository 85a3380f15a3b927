import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { generateTypeScript, runImport } from '../../src/cli/import';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const TMP = path.join(__dirname, '..', '.import-tmp');
const SRC = path.join(__dirname, '..', '..', 'src');

function readYaml(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(o => o);
}

/** Code with its layout removed (line breaks, indentation, trailing commas), so tests do not depend on line width. */
function flat(code: string): string {
  return code.replace(/\s+/g, ' ').replace(/([([{]) /g, '$1').replace(/,? ([)\]}])/g, '$1');
}

/** Kubernetes reads a null field (an empty YAML key) as absent, so the comparison does too. */
function withoutNulls(o: any): any {
  if (Array.isArray(o)) return o.filter(v => v !== null).map(withoutNulls);
  if (o === null || typeof o !== 'object') return o;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** JSON path of the first difference, or undefined when equal. */
function firstDifference(expected: any, actual: any, at = ''): string | undefined {
  if (expected === actual) return undefined;
  const describe = (v: any) => JSON.stringify(v)?.substring(0, 200);
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return `${at || '/'}: expected ${describe(expected)}, got ${describe(actual)}`;
  }
  // Pod volumes are a map keyed by name in the Kubernetes API: their order carries no meaning.
  if (Array.isArray(expected) && at.endsWith('/volumes') && expected.length === actual.length) {
    const byName = (list: any[]) => [...list].sort((a, b) => String(a?.name).localeCompare(String(b?.name)));
    expected = byName(expected);
    actual = byName(actual);
  }
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const k of keys) {
    const d = firstDifference(expected[k], actual[k], `${at}/${k}`);
    if (d) return d;
  }
  return undefined;
}

/** Generates the code for a fixture, runs it and returns the synthesized objects. */
function roundTrip(name: string, objects: any[]): any[] {
  const code = generateTypeScript(objects)
    .replace("from 'cdk8s-daemonsets'", `from ${JSON.stringify(path.relative(TMP, SRC))}`)
    .replace('app.synth();', 'export const synthesized = app.synthYaml();');
  const file = path.join(TMP, `${name.replace(/\W+/g, '_')}.ts`);
  fs.writeFileSync(file, code);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  let yaml: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml = require(file).synthesized;
  } finally {
    warn.mockRestore();
  }
  return parseAllDocuments(yaml).map(d => d.toJS()).filter(o => o);
}

const fixtures = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.yaml')).sort();

describe('cdk8s-daemonsets import', () => {
  beforeAll(() => fs.mkdirSync(TMP, { recursive: true }));
  afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

  test('the corpus has at least 10 manifests', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  test.each(fixtures)('%s: import, compile and synth reproduce every object', fixture => {
    const input = readYaml(path.join(FIXTURES, fixture));
    const output = roundTrip(fixture, input);
    const problems: string[] = [];
    for (const expected of input) {
      const where = `${fixture}: ${expected.kind} ${expected.metadata?.namespace ?? ''}/${expected.metadata?.name}`;
      const actual = output.find(o => o.kind === expected.kind && o.metadata?.name === expected.metadata?.name);
      if (!actual) {
        problems.push(`${where}: missing from the synthesized output`);
        continue;
      }
      const d = firstDifference(withoutNulls(JSON.parse(JSON.stringify(expected))), actual);
      if (d) problems.push(`${where}: first difference at ${d}`);
    }
    if (output.length !== input.length) problems.push(`${fixture}: ${input.length} objects in, ${output.length} out`);
    expect(problems).toEqual([]);
  });

  test.each(fixtures)('%s: every DaemonSet keeps its selector and pod-template labels exactly', fixture => {
    const input = readYaml(path.join(FIXTURES, fixture));
    const output = roundTrip(`identity-${fixture}`, input);
    const daemonSets = input.filter(o => o.kind === 'DaemonSet');
    expect(daemonSets.length).toBeGreaterThan(0);
    for (const expected of daemonSets) {
      const actual = output.find(o => o.kind === 'DaemonSet' && o.metadata?.name === expected.metadata.name);
      expect(actual?.metadata?.namespace).toEqual(expected.metadata.namespace);
      expect(actual?.spec?.selector).toEqual(withoutNulls(expected.spec.selector));
      expect(actual?.spec?.template?.metadata?.labels).toEqual(expected.spec.template.metadata.labels);
      expect(JSON.stringify(actual)).not.toContain('cdk8s.io/metadata.addr');
    }
  });

  test('escape-hatch fields reach the YAML in Kubernetes form', () => {
    const code = flat(generateTypeScript(readYaml(path.join(FIXTURES, '09-ondelete.yaml'))));
    expect(code).toContain(flat('// escape hatch: fields without a typed API'));
    expect(code).toContain(flat("'/spec/template/spec/containers/0/lifecycle', { preStop: { exec: { command: ['/opt/agent/drain', '--timeout=60s'] } } })"));
    // No security context in the input: the DaemonSet writes none (Hardening.NONE), instead of a patch removing its own.
    expect(code).toContain(flat('hardening: Hardening.NONE'));
    expect(code).not.toContain('/securityContext');
    // IntOrString and Quantity values are written as { value } for the cdk8s serializer.
    expect(flat(generateTypeScript(readYaml(path.join(FIXTURES, '12-fluent-bit-chart.yaml')))))
      .toContain(flat("JsonPatch.add('/spec/ports/0/targetPort', { value: 'http' })"));
  });

  test('typed props replace escape hatches where the library has them', () => {
    const code = flat(generateTypeScript(readYaml(path.join(FIXTURES, '09-ondelete.yaml'))));
    expect(code).toContain(flat("ports: [{ number: 7000, hostPort: 7000, hostIp: '127.0.0.1' }]"));
    expect(code).toContain(flat('dns: { policy: kplus.DnsPolicy.DEFAULT }'));
    expect(code).toContain(flat('sizeLimit: Size.mebibytes(64)'));
    expect(code).toContain(flat('DaemonSetUpdateStrategy.onDelete()'));
    const scheduling = flat(generateTypeScript(readYaml(path.join(FIXTURES, '10-scheduling-heavy.yaml'))));
    expect(scheduling).toContain(flat("const registryCredsSecret = kplus.Secret.fromSecretName(chart, 'SecretRef-registry-creds', 'registry-creds');"));
    expect(scheduling).toContain(flat('imagePullSecrets: [registryCredsSecret, mirrorCredsSecret]'));
    expect(scheduling).not.toContain(flat('/imagePullSecrets'));
    expect(scheduling).toContain(flat("JsonPatch.add('/spec/template/spec/affinity'"));
  });

  test('env, volumes, mounts, probes, resources and tolerations come out typed', () => {
    const code = flat(generateTypeScript(readYaml(path.join(FIXTURES, '13-all-kinds.yaml'))));
    // The input's env is not in name order: typed addVariable() calls keep its order.
    expect(code).toContain(flat('const agentContainer = kitchenSinkDaemonSet.containers[0];'));
    expect(code.indexOf("addVariable('LOG_LEVEL'")).toBeLessThan(code.indexOf("addVariable('EMPTY_ON_PURPOSE'"));
    expect(code.indexOf("addVariable('EMPTY_ON_PURPOSE'")).toBeLessThan(code.indexOf("addVariable('CLUSTER_NAME'"));
    for (const typed of [
      "agentContainer.env.addVariable('LOG_LEVEL', kplus.EnvValue.fromValue('info'))",
      "agentContainer.env.addVariable('CLUSTER_NAME', kplus.EnvValue.fromConfigMap(agentSettingsConfigMap, 'cluster'))",
      "agentContainer.env.addVariable('REGION', kplus.EnvValue.fromConfigMap(agentSettingsConfigMap, 'region', { optional: true }))",
      "agentContainer.env.addVariable('API_TOKEN', kplus.EnvValue.fromSecretValue({ secret: agentCredentialsSecret, key: 'token' }))",
      "agentContainer.env.addVariable('NODE_NAME', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME))",
      "agentContainer.env.addVariable('POD_IP', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP, { apiVersion: 'v1' }))",
      "agentContainer.env.addVariable('APP_LABEL', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_LABEL, { key: 'app' }))",
      "agentContainer.env.addVariable('MEMORY_LIMIT', kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_LIMIT, { divisor: '1Mi' }))",
      "envFrom: [kplus.Env.fromConfigMap(agentEnvConfigMap, 'AGENT_'), kplus.Env.fromSecret(agentSecretEnvSecret)]",
      'kplus.Volume.fromConfigMap(', 'kplus.Volume.fromSecret(', 'kplus.Volume.fromHostPath(', 'kplus.Volume.fromEmptyDir(',
      'kplus.Volume.fromPersistentVolumeClaim(', 'kplus.Volume.fromNfs(',
      "{ volume: stateVolume, path: '/var/lib/agent', subPath: 'agent' }",
      'propagation: kplus.MountPropagation.HOST_TO_CONTAINER',
      "HealthProbe.httpGet('/healthz', {", "headers: [{ name: 'X-Probe', value: 'liveness' }]",
      'HealthProbe.tcpSocket({ port: 8080, period: Duration.seconds(5) })',
      "HealthProbe.exec(['cat', '/tmp/started'], { period: Duration.seconds(2), failureThreshold: 30 })",
      "HealthProbe.grpc(9090, { service: 'agent.v1.Health', initialDelay: Duration.seconds(5) })",
      "ExtendedResource.of('nvidia.com/gpu', 1)", 'cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(2) }',
      "kplus.NodeTaintQuery.is('dedicated', 'agents', { effect: kplus.TaintEffect.NO_SCHEDULE })",
      'placement: [NodePlacement.linuxOnly()]',
    ]) expect(code).toContain(flat(typed));
    // No escape hatch for the typed fields (only removals of defaults the library writes).
    expect(code).not.toMatch(/JsonPatch\.add\('[^']*\/(env|envFrom|volumes|volumeMounts|livenessProbe|readinessProbe|startupProbe|resources|tolerations)'/);
  });

  test('env in the library\'s order is an envVariables map; any other order is addVariable() calls; both round-trip exactly', () => {
    const daemonSet = (env: any[]) => ({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'env-order', namespace: 'agents' },
      spec: {
        selector: { matchLabels: { app: 'env-order' } },
        template: { metadata: { labels: { app: 'env-order' } }, spec: { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', env }] } },
      },
    });
    // Sorted by name, a reference after what it references: what an envVariables map renders.
    const libraryOrder = [{ name: 'A', value: '1' }, { name: 'C', value: '3' }, { name: 'B', value: '$(C)-x' }, { name: 'D', value: '4' }];
    const sorted = daemonSet(libraryOrder);
    const sortedCode = flat(generateTypeScript([sorted]));
    expect(sortedCode).toContain(flat("envVariables: { A: kplus.EnvValue.fromValue('1'), C: kplus.EnvValue.fromValue('3'), B: kplus.EnvValue.fromValue('$(C)-x'), D: kplus.EnvValue.fromValue('4') }"));
    expect(sortedCode).not.toContain('addVariable');
    expect(firstDifference(sorted, roundTrip('env-sorted', [sorted])[0])).toBeUndefined();

    const unsorted = daemonSet([{ name: 'M', value: 'm' }, { name: 'Z', value: 'z' }, { name: 'A', value: '$(Z)/a' }]);
    const code = flat(generateTypeScript([unsorted]));
    expect(code).not.toContain('envVariables:');
    expect(code).toContain(flat("agentContainer.env.addVariable('M', kplus.EnvValue.fromValue('m')); agentContainer.env.addVariable('Z', kplus.EnvValue.fromValue('z')); agentContainer.env.addVariable('A', kplus.EnvValue.fromValue('$(Z)/a'));"));
    expect(code).not.toContain('/env');
    expect(firstDifference(unsorted, roundTrip('env-unsorted', [unsorted])[0])).toBeUndefined();
  });

  test('selectors: match labels pinned, match expressions typed, anything else an exact escape hatch', () => {
    const sensor = flat(generateTypeScript(readYaml(path.join(FIXTURES, '10-scheduling-heavy.yaml'))));
    expect(sensor).toContain(flat("selectorLabels: { app: 'security-sensor' },"));
    expect(sensor).toContain(flat("securitySensorDaemonSet.select(kplus.LabelSelector.of({ expressions: [kplus.LabelExpression.in('tier', ['node'])] }));"));
    expect(sensor).not.toContain('/spec/selector');
    const daemonSet = (selector: any) => ({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'sel', namespace: 'agents' },
      spec: {
        selector,
        template: { metadata: { labels: { app: 'sel', tier: 'node' } }, spec: { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] } },
      },
    });
    const cases: [string, any, string][] = [
      // Only expressions: the library takes no empty selectorLabels, so select: false and select() with them.
      ['expressions only', { matchExpressions: [{ key: 'app', operator: 'In', values: ['sel'] }, { key: 'gpu', operator: 'DoesNotExist' }] },
        "selDaemonSet.select(kplus.LabelSelector.of({ expressions: [kplus.LabelExpression.in('app', ['sel']), kplus.LabelExpression.doesNotExist('gpu')] }));"],
      // No typed form (Exists with an explicit empty values list, which the API server accepts: it forbids only a
      // non-empty one): the selector goes in whole as an escape hatch, never a different one.
      ['no typed form', { matchLabels: { app: 'sel' }, matchExpressions: [{ key: 'tier', operator: 'Exists', values: [] }] },
        "JsonPatch.add('/spec/selector', { matchLabels: { app: 'sel' }, matchExpressions: [{ key: 'tier', operator: 'Exists', values: [] }] })"],
    ];
    // In without values has no typed form either, and is reproduced exactly too; the API server rejects it
    // (ValidateLabelSelectorRequirement), so the generated program's synth refuses it and it is not round-tripped.
    const rejected = { matchLabels: { app: 'sel' }, matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] };
    const rejectedCode = flat(generateTypeScript([daemonSet(rejected)]));
    expect(rejectedCode).toContain('select: false');
    expect(rejectedCode).toContain(flat("JsonPatch.add('/spec/selector', { matchLabels: { app: 'sel' }, matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] })"));
    expect(() => roundTrip('selector-in-without-values', [daemonSet(rejected)])).toThrow(/values must be specified when `operator` is 'In' or 'NotIn'/);
    for (const [name, selector, expected] of cases) {
      const input = daemonSet(selector);
      const code = flat(generateTypeScript([input]));
      expect(code).toContain('select: false');
      expect(code).toContain(flat(expected));
      const [actual] = roundTrip(`selector-${name}`, [input]);
      expect(actual.spec.selector).toEqual(selector);
      expect(actual.spec.template.metadata.labels).toEqual({ app: 'sel', tier: 'node' });
      expect(firstDifference(input, actual)).toBeUndefined();
    }
  });

  test('node-exporter and fluent-bit manifests become presets', () => {
    const exporter = flat(generateTypeScript(readYaml(path.join(FIXTURES, '11-prometheus-node-exporter-chart.yaml'))));
    expect(exporter).toContain(flat("new NodeExporterDaemonSet(chart, 'node-exporter-prometheus-node-exporter', {"));
    expect(exporter).toContain(flat('// import: recognised as node-exporter: NodeExporterDaemonSet with props read from the manifest;'));
    expect(exporter).toContain(flat('listenAddress: ExporterListenAddress.allInterfaces()'));
    expect(exporter).toContain(flat('excludeVirtualNodes: true'));
    expect(exporter).toContain(flat("selectorLabels: { 'app.kubernetes.io/name': 'prometheus-node-exporter', 'app.kubernetes.io/instance': 'node-exporter' }"));
    expect(exporter).toContain(flat('serviceType: DaemonSetServiceType.CLUSTER_IP'));
    expect(exporter).toContain(flat('ApiObject.of(nodeExporterPrometheusNodeExporterDaemonSet.metricsService!)'));
    expect(exporter).not.toContain(flat('new DaemonSet('));
    expect(exporter).not.toContain(flat("'Service-node-exporter-prometheus-node-exporter'"));

    const logs = flat(generateTypeScript(readYaml(path.join(FIXTURES, '12-fluent-bit-chart.yaml'))));
    expect(logs).toContain(flat("new LogCollectorDaemonSet(chart, 'fluent-bit', {"));
    expect(logs).toContain(flat("selectorLabels: { 'app.kubernetes.io/name': 'fluent-bit', 'app.kubernetes.io/instance': 'fluent-bit' }"));
    expect(logs).toContain(flat("LogOutput.raw(FluentBitSection.output('es', 'host.*', ["));
    expect(logs).toContain(flat('ApiObject.of(fluentBitDaemonSet.configMap)'));
    expect(logs).not.toContain(flat("'ConfigMap-fluent-bit'"));
    // The chart's RBAC is the collector's own (named as the input's); the ServiceAccount stays the input's object.
    expect(logs).not.toContain(flat("new ApiObject(chart, 'ClusterRole-fluent-bit'"));
    expect(logs).not.toContain(flat("new ApiObject(chart, 'ClusterRoleBinding-fluent-bit'"));
    expect(logs).toContain(flat("clusterRoleName: 'fluent-bit', clusterRoleBindingName: 'fluent-bit',"));
    expect(logs).toContain(flat("new ApiObject(chart, 'ServiceAccount-fluent-bit'"));
  });

  test('a preset that cannot reproduce the manifest falls back to the generic DaemonSet, saying why', () => {
    const input = readYaml(path.join(FIXTURES, '11-prometheus-node-exporter-chart.yaml'));
    const ds = input.find(o => o.kind === 'DaemonSet');
    ds.spec.template.spec.containers.push({ name: 'textfile-writer', image: 'registry.example.com/textfile-writer:1.0.0' });
    const code = flat(generateTypeScript(input));
    expect(code).toContain(flat('// import: recognised as node-exporter, but its preset cannot reproduce this manifest: the pod has 2 containers'));
    expect(code).toContain(flat("new DaemonSet(chart, 'node-exporter-prometheus-node-exporter', {"));
    const output = roundTrip('fallback', input);
    const actual = output.find(o => o.kind === 'DaemonSet');
    expect(firstDifference(withoutNulls(JSON.parse(JSON.stringify(ds))), actual)).toBeUndefined();
  });

  test('YAML nulls are dropped on read', () => {
    const input = [{
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'nulls', annotations: null },
      spec: {
        selector: { matchLabels: { app: 'nulls' } },
        template: { metadata: { labels: { app: 'nulls' } }, spec: { nodeSelector: null, containers: [{ name: 'c', image: 'busybox:1.36.1', args: null, env: [{ name: 'A', value: 'x' }] }] } },
      },
    }];
    const code = generateTypeScript(input);
    expect(code).not.toMatch(/\bnull\b/);
    expect(code).not.toContain('/annotations');
    const actual = roundTrip('nulls', input)[0];
    expect(firstDifference(withoutNulls(input[0]), actual)).toBeUndefined();
  });

  test('the output is deterministic', () => {
    for (const f of ['03-fluent-bit.yaml', '13-all-kinds.yaml']) {
      const input = readYaml(path.join(FIXTURES, f));
      expect(generateTypeScript(input)).toBe(generateTypeScript(readYaml(path.join(FIXTURES, f))));
    }
  });

  test('a difference is reported with its JSON path', () => {
    const input = readYaml(path.join(FIXTURES, '02-fluentd-elasticsearch.yaml'));
    const output = roundTrip('difference', input);
    const changed = JSON.parse(JSON.stringify(input[0]));
    changed.spec.template.spec.containers[0].resources.limits.memory = '300Mi';
    expect(firstDifference(changed, output[0]))
      .toBe('/spec/template/spec/containers/0/resources/limits/memory: expected "300Mi", got "200Mi"');
  });

  test('the generated code type-checks (strict)', () => {
    const files = fixtures.map(f => {
      const file = path.join(TMP, `typecheck_${f.replace(/\W+/g, '_')}.ts`);
      const code = generateTypeScript(readYaml(path.join(FIXTURES, f)))
        .replace("from 'cdk8s-daemonsets'", `from ${JSON.stringify(path.relative(TMP, SRC))}`);
      fs.writeFileSync(file, code);
      return file;
    });
    const program = ts.createProgram(files, {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      esModuleInterop: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
    });
    const errors = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file && files.includes(path.resolve(d.file.fileName)))
      .map(d => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  }, 60_000);

  test('runImport reads files and reports usage errors', () => {
    const ok = runImport([path.join(FIXTURES, '02-fluentd-elasticsearch.yaml')]);
    expect(ok.code).toBe(0);
    expect(flat(ok.stdout)).toContain("new DaemonSet(chart, 'fluentd-elasticsearch'");
    expect(runImport([]).code).toBe(2);
    expect(runImport(['--nope']).code).toBe(2);
    expect(runImport(['/does/not/exist.yaml']).code).toBe(2);
  });
});
