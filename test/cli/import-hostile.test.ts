import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { runGeneratedProgram } from './import-program';
import { generateTypeScript, runImport } from '../../src/cli/import';

/**
 * Hostile manifests: every string field the importer reads, filled with strings that would break
 * out of a string literal or a `//` comment if any reached the printed code unescaped. Each
 * generated program is parsed and compiled with the TypeScript compiler and then run; no payload
 * may execute, and where Kubernetes accepts the value the program must synthesize it unchanged.
 */

const MARKER = path.join(os.tmpdir(), `cdk8s-daemonsets-import-pwned-${process.pid}`);

/** Each payload, if it ever ran as code, records itself in `globalThis.__importPwned` (and one writes a marker file). */
const run = (n: number) => `globalThis.__importPwned.push(${n})`;
const PAYLOADS: string[] = [
  `\u2028${run(1)}\u2028//`,
  `\u2029${run(2)}\u2029//`,
  `\r${run(3)}\r//`,
  `\n${run(4)}\n//`,
  `\r\n${run(5)}\r\n//`,
  `x'+${run(6)}+'`,
  `x"+${run(7)}+"`,
  `x\`+${run(8)}+\``,
  `\${${run(9)}}`,
  `*/${run(10)}/*`,
  `x\\';${run(11)};//`,
  `x\\\\"];${run(12)};//`,
  'a\u0000b\u0007c\u001bd\u007fe\u0085f',
  `\u202e${run(13)}\u2066//`,
  `\u2028require("fs").writeFileSync(${JSON.stringify(MARKER)}, "pwned")\u2028//`,
  'constructor',
  '__defineGetter__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__',
];

/** Keys cdk8s cannot render (its serializer reads `obj.constructor` and drops `__proto__`): import refuses them, tested apart. */
const UNWRITABLE_KEYS = ['constructor', '__proto__'];

function baseObjects(): any[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'agents', labels: { app: 'agent' }, annotations: { team: 'infra' } },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            serviceAccountName: 'agent',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoSchedule' }],
            containers: [{
              name: 'agent',
              image: 'registry.example.com/agent:1.4.2',
              command: ['/agent'],
              args: ['--verbose'],
              env: [{ name: 'LEVEL', value: 'info' }],
              ports: [{ name: 'metrics', containerPort: 9100, protocol: 'TCP' }],
              volumeMounts: [{ name: 'state', mountPath: '/var/lib/agent' }],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
            }],
            volumes: [{ name: 'state', hostPath: { path: '/var/lib/agent', type: 'DirectoryOrCreate' } }],
          },
        },
      },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-config', namespace: 'agents' }, data: { 'agent.yaml': 'level: info' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'agents' } },
  ];
}

const ds = (objects: any[]) => objects[0];
const pod = (objects: any[]) => objects[0].spec.template.spec;
const container = (objects: any[]) => pod(objects).containers[0];

/** The payloads the field builders use (the whole list, or the prototype names alone). */
let active: readonly string[] = PAYLOADS;

/** One DaemonSet per payload (for fields an object has once). */
function perObject(set: (d: any, p: string, i: number) => void): (objects: any[]) => any[] {
  return objects => {
    const copies = active.map((p, i) => {
      const d = JSON.parse(JSON.stringify(ds(objects)));
      d.metadata.name = `agent-${i}`;
      set(d, p, i);
      return d;
    });
    return [...copies, ...objects.slice(1)];
  };
}

/** All payloads in one object (for maps and lists). */
function inOne(set: (objects: any[]) => void): (objects: any[]) => any[] {
  return objects => { set(objects); return objects; };
}

const each = <T>(f: (p: string, i: number) => T) => active.map(f);
/** A map with the payloads as keys or values; keys cdk8s cannot render are left out (see UNWRITABLE_KEYS). */
const mapOf = <T>(f: (p: string, i: number) => [string, T]) => Object.fromEntries(active.map(f).filter(([k]) => !UNWRITABLE_KEYS.includes(k)));

/**
 * The string fields the importer reads. `anyString` marks fields where Kubernetes accepts any
 * string: there the program must run and reproduce the input exactly.
 */
const FIELDS: { name: string; anyString?: boolean; build: (objects: any[]) => any[] }[] = [
  { name: 'container name', build: inOne(o => { pod(o).containers = each((p, i) => ({ name: p, image: `busybox:1.${i}` })); }) },
  { name: 'container image', build: inOne(o => { pod(o).containers = each((p, i) => ({ name: `c${i}`, image: p })); }) },
  { name: 'metadata.name', build: perObject((d, p) => { d.metadata.name = p; }) },
  { name: 'metadata.namespace', build: perObject((d, p) => { d.metadata.namespace = p; }) },
  { name: 'label keys', build: inOne(o => { ds(o).metadata.labels = mapOf(p => [p, 'v']); }) },
  { name: 'label values', build: inOne(o => { ds(o).metadata.labels = mapOf((p, i) => [`k${i}`, p]); }) },
  { name: 'annotation keys', build: inOne(o => { ds(o).metadata.annotations = mapOf(p => [p, 'v']); }) },
  { name: 'annotation values', anyString: true, build: inOne(o => { ds(o).metadata.annotations = mapOf((p, i) => [`example.com/k${i}`, p]); }) },
  {
    name: 'selector and pod label values',
    build: inOne(o => {
      ds(o).spec.selector.matchLabels = mapOf((p, i) => [`k${i}`, p]);
      ds(o).spec.template.metadata.labels = mapOf((p, i) => [`k${i}`, p]);
    }),
  },
  { name: 'pod annotation values', anyString: true, build: inOne(o => { ds(o).spec.template.metadata.annotations = mapOf((p, i) => [`example.com/k${i}`, p]); }) },
  { name: 'nodeSelector keys', build: inOne(o => { pod(o).nodeSelector = mapOf(p => [p, 'v']); }) },
  { name: 'nodeSelector values', build: inOne(o => { pod(o).nodeSelector = mapOf((p, i) => [`example.com/k${i}`, p]); }) },
  { name: 'env names', build: inOne(o => { container(o).env = each((p, i) => ({ name: p, value: `v${i}` })); }) },
  { name: 'env values', anyString: true, build: inOne(o => { container(o).env = each((p, i) => ({ name: `V${i}`, value: p })); }) },
  {
    name: 'env configMapKeyRef and secretKeyRef',
    build: inOne(o => {
      container(o).env = each((p, i) => ({ name: `V${i}`, valueFrom: i % 2 ? { configMapKeyRef: { name: p, key: p } } : { secretKeyRef: { name: p, key: p } } }));
    }),
  },
  {
    name: 'env fieldRef and resourceFieldRef',
    build: inOne(o => {
      container(o).env = each((p, i) => ({ name: `V${i}`, valueFrom: i % 2 ? { fieldRef: { fieldPath: p } } : { resourceFieldRef: { resource: p } } }));
    }),
  },
  {
    name: 'envFrom names and prefix',
    build: inOne(o => {
      container(o).envFrom = each((p, i) => (i % 2 ? { configMapRef: { name: p }, prefix: p } : { secretRef: { name: p } }));
    }),
  },
  { name: 'command and args', anyString: true, build: inOne(o => { container(o).command = [...active]; container(o).args = [...active].reverse(); }) },
  {
    name: 'workingDir and imagePullPolicy',
    build: inOne(o => {
      pod(o).containers = each((p, i) => ({ name: `c${i}`, image: 'busybox:1.36.1', workingDir: p, imagePullPolicy: p }));
    }),
  },
  {
    name: 'volume names, paths and types',
    build: inOne(o => {
      pod(o).volumes = each((p, i) => ({ name: i % 2 ? p : `v${i}`, hostPath: { path: p, type: p } }));
      container(o).volumeMounts = each((p, i) => ({ name: i % 2 ? p : `v${i}`, mountPath: p, subPath: p, mountPropagation: p }));
    }),
  },
  {
    name: 'configMap, secret, emptyDir, nfs and claim volumes',
    build: inOne(o => {
      const sources = [
        (p: string) => ({ configMap: { name: p, items: [{ key: p, path: p }] } }),
        (p: string) => ({ secret: { secretName: p } }),
        (p: string) => ({ emptyDir: { medium: p, sizeLimit: p } }),
        (p: string) => ({ nfs: { server: p, path: p } }),
        (p: string) => ({ persistentVolumeClaim: { claimName: p } }),
      ];
      pod(o).volumes = each((p, i) => ({ name: `v${i}`, ...sources[i % sources.length](p) }));
      container(o).volumeMounts = each((_p, i) => ({ name: `v${i}`, mountPath: `/m/${i}` }));
    }),
  },
  { name: 'port names and protocols', build: inOne(o => { container(o).ports = each((p, i) => ({ name: p, containerPort: 8000 + i, protocol: p })); }) },
  { name: 'tolerations', build: inOne(o => { pod(o).tolerations = each(p => ({ key: p, operator: p, value: p, effect: p })); }) },
  { name: 'toleration values (Equal)', build: inOne(o => { pod(o).tolerations = each(p => ({ key: 'k', operator: 'Equal', value: p, effect: 'NoSchedule' })); }) },
  { name: 'serviceAccountName', build: perObject((d, p) => { d.spec.template.spec.serviceAccountName = p; }) },
  { name: 'dnsPolicy and priorityClassName', build: perObject((d, p) => { d.spec.template.spec.dnsPolicy = p; d.spec.template.spec.priorityClassName = p; }) },
  { name: 'imagePullSecrets', build: inOne(o => { pod(o).imagePullSecrets = each(p => ({ name: p })); }) },
  { name: 'resource quantities', build: perObject((d, p) => { d.spec.template.spec.containers[0].resources = { requests: { cpu: p, [UNWRITABLE_KEYS.includes(p) ? 'x' : p]: p }, limits: { memory: p } }; }) },
  {
    name: 'probes',
    build: inOne(o => {
      pod(o).containers = each((p, i) => ({
        name: `c${i}`,
        image: 'busybox:1.36.1',
        livenessProbe: { httpGet: { path: `/${p}`, port: p, host: p, httpHeaders: [{ name: p, value: p }] } },
        readinessProbe: { exec: { command: [p] } },
        startupProbe: { grpc: { port: 9000 + i, service: p } },
      }));
    }),
  },
  { name: 'update strategy', build: perObject((d, p) => { d.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: p, maxSurge: p } }; }) },
  {
    name: 'escape hatch fields',
    anyString: true,
    build: inOne(o => {
      container(o).lifecycle = { preStop: { exec: { command: [...active] } } };
      // Preferred, not required, node affinity: kube-apiserver v1.37 accepts any string as a preferred term's value
      // (ValidatePreferredSchedulingTerms), but a required term's values must be label values (ValidateNodeSelectorRequirement).
      ds(o).spec.template.spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'k', operator: 'In', values: [...active] }] } }] } };
    }),
  },
  { name: 'configmap data keys and values', build: inOne(o => { o[1].data = mapOf((p, i) => [p, active[active.length - 1 - i]]); }) },
  { name: 'configmap data values', anyString: true, build: inOne(o => { o[1].data = mapOf((p, i) => [`k${i}`, p]); }) },
  {
    name: 'unmodelled kinds',
    anyString: true,
    build: inOne(o => {
      o.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'agents' }, spec: { list: [...active], map: mapOf((p, i) => [`k${i}`, p]) } });
    }),
  },
  {
    name: 'unmodelled kind keys and kind',
    build: inOne(o => {
      o.push({ apiVersion: 'example.com/v1', kind: PAYLOADS[0], metadata: { name: PAYLOADS[1] }, spec: mapOf(p => [p, p]) });
    }),
  },
  {
    name: 'node-exporter preset',
    build: inOne(o => {
      pod(o).containers = [{ name: PAYLOADS[0], image: 'quay.io/prometheus/node-exporter:v1.8.2', args: [...PAYLOADS.map(p => `--collector.${p}`), ...PAYLOADS.map(p => `--web.listen-address=${p}:9100`), ...PAYLOADS] }];
      o.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: PAYLOADS[2], namespace: 'agents' }, spec: { selector: { app: 'agent' }, type: PAYLOADS[15], ports: [{ port: 9100 }] } });
    }),
  },
  {
    name: 'fluent-bit preset',
    build: inOne(o => {
      pod(o).containers = [{ name: 'fluent-bit', image: 'fluent/fluent-bit:3.1.4', ports: [{ name: 'http', containerPort: 2020 }] }];
      pod(o).volumes = [{ name: 'config', configMap: { name: 'agent-config' } }];
      delete container(o).volumeMounts;
      o[1].data = {
        'fluent-bit.conf': PAYLOADS.map((p, i) => `[OUTPUT]\n    Name es${i}\n    Match ${p.replace(/\s/g, '_')}\n    Host ${p}`).join('\n'),
        [PAYLOADS[0]]: 'x',
      };
      o.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'agent', namespace: 'agents' }, spec: { selector: { app: 'agent' }, ports: [{ port: 2020 }] } });
    }),
  },
  {
    name: 'secret name (data never printed)',
    build: inOne(o => {
      o.push(...each((p, i) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: p, namespace: p }, stringData: mapOf(q => [q, q]), data: { [`k${i}`]: 'c2VjcmV0' } })));
    }),
  },
];

/** Identifiers that only an escaped payload would put into the program. */
const FORBIDDEN_IDENTIFIERS = new Set(['globalThis', 'require', 'eval', 'Function', 'process']);

/** Parses the program; returns syntax errors and any identifier no generated program uses. */
function staticCheck(code: string): string[] {
  const out = ts.transpileModule(code, {
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  });
  const problems = (out.diagnostics ?? []).map(d => `syntax: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  const source = ts.createSourceFile('generated.ts', code, ts.ScriptTarget.ES2020, true);
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && FORBIDDEN_IDENTIFIERS.has(node.text)) problems.push(`identifier ${node.text} in code`);
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) problems.push('template literal in code');
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isVariableStatement(statement) && !ts.isExpressionStatement(statement)) {
      problems.push(`unexpected statement: ${ts.SyntaxKind[statement.kind]}`);
    }
  }
  return problems;
}

/** Pod volumes are keyed by name: their order carries no meaning. */
function normalized(o: any): any {
  const copy = JSON.parse(JSON.stringify(o));
  const volumes = copy?.spec?.template?.spec?.volumes;
  if (Array.isArray(volumes)) volumes.sort((a: any, b: any) => String(a.name).localeCompare(String(b.name)));
  return sortedKeys(copy);
}

/** Key order carries no meaning in Kubernetes objects (cdk8s sorts them). */
function sortedKeys(o: any): any {
  if (Array.isArray(o)) return o.map(sortedKeys);
  if (o === null || typeof o !== 'object') return o;
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, sortedKeys(o[k])]));
}

/** JSON path of the first difference, or undefined when equal. */
function firstDifference(expected: any, actual: any, at = ''): string | undefined {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return undefined;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null) {
    return `${at || '/'}: expected ${JSON.stringify(expected)?.slice(0, 120)}, got ${JSON.stringify(actual)?.slice(0, 120)}`;
  }
  for (const k of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    const d = firstDifference(expected[k], actual[k], `${at}/${k}`);
    if (d) return d;
  }
  return undefined;
}

function pwned(): unknown[] {
  const hits = [...(globalThis as any).__importPwned];
  if (fs.existsSync(MARKER)) hits.push('marker file');
  return hits;
}

/** Imports the objects and checks the generated program: it parses, holds no payload, runs no payload. */
function check(objects: any[], anyString: boolean): { code: string; problems: string[] } {
  let code: string;
  try {
    code = generateTypeScript(objects);
  } catch (e) {
    // Refusing is allowed, with a clear message; printing nothing prints no payload.
    return { code: '', problems: /cdk8s-daemonsets import/.test((e as Error).message) ? [] : [`import threw: ${(e as Error).message}`] };
  }
  const problems = staticCheck(code);
  const result = runGeneratedProgram(code);
  problems.push(...pwned().map(h => `payload ran: ${String(h)}`));
  if (anyString && result.error) problems.push(`the program fails: ${result.error}`);
  if (result.objects) {
    for (const expected of objects.filter(o => o.kind !== 'Secret')) {
      const actual = result.objects.find(a => a.kind === expected.kind && a.metadata?.name === expected.metadata?.name
        && a.metadata?.namespace === expected.metadata?.namespace);
      if (!actual) {problems.push(`${expected.kind} ${JSON.stringify(expected.metadata?.name)} missing from the output`);} else {
        const d = firstDifference(normalized(expected), normalized(actual));
        // Not reproduced: the program must at least say so.
        if (d && (anyString || !code.includes('// import: could not reproduce'))) problems.push(`${expected.kind} ${JSON.stringify(expected.metadata?.name)}: ${d}`);
      }
    }
  }
  return { code, problems };
}

describe('import of hostile manifests', () => {
  beforeEach(() => {
    (globalThis as any).__importPwned = [];
    fs.rmSync(MARKER, { force: true });
  });
  afterAll(() => fs.rmSync(MARKER, { force: true }));

  test('the corpus covers every payload in every field', () => {
    expect(FIELDS.length).toBeGreaterThanOrEqual(35);
    expect(PAYLOADS.length).toBe(21);
  });

  test.each(FIELDS.map(f => [f.name, f] as const))('%s', (_name, field) => {
    const objects = field.build(baseObjects());
    const { problems } = check(objects, field.anyString ?? false);
    expect(problems).toEqual([]);
  });

  // Prototype member names are valid values in these fields: enum and table lookups must not
  // mistake them for known entries, and the program must reproduce them exactly.
  const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
  const ROUND_TRIPS: [string, readonly string[]][] = [
    ...['container name', 'container image', 'metadata.name', 'metadata.namespace', 'serviceAccountName', 'imagePullSecrets',
      'env configMapKeyRef and secretKeyRef', 'envFrom names and prefix'].map(f => [f, ['constructor']] as [string, string[]]),
    ...['label keys', 'label values', 'annotation keys', 'selector and pod label values', 'nodeSelector values', 'env names',
      'configmap data keys and values', 'toleration values (Equal)'].map(f => [f, PROTOTYPE_NAMES] as [string, string[]]),
  ];
  test.each(ROUND_TRIPS)('%s: prototype member names as values round-trip exactly', (name, names) => {
    active = names;
    try {
      const objects = FIELDS.find(f => f.name === name)!.build(baseObjects());
      expect(check(objects, true).problems).toEqual([]);
    } finally {
      active = PAYLOADS;
    }
  });

  // DaemonSet.addNodeSelector once took a key `toString` for an existing entry (its map had a prototype).
  test('nodeSelector keys: prototype member names as values round-trip exactly', () => {
    active = PROTOTYPE_NAMES;
    try {
      const objects = FIELDS.find(f => f.name === 'nodeSelector keys')!.build(baseObjects());
      expect(check(objects, true).problems).toEqual([]);
    } finally {
      active = PAYLOADS;
    }
  });

  test("the reviewer's container name does not run through the CLI either", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-hostile-'));
    try {
      const objects = baseObjects();
      container(objects).name = `\u2028require("child_process").execSync("touch ${MARKER}")\u2028//`;
      fs.writeFileSync(path.join(dir, 'ds.json'), JSON.stringify(objects));
      const result = runImport([path.join(dir, 'ds.json')]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('\\u2028require(');
      expect(result.stdout).not.toMatch(/[\u2028\u2029\r]/);
      expect(staticCheck(result.stdout)).toEqual([]);
      expect(runGeneratedProgram(result.stdout).error).toMatch(/container name [^]*DNS-1123 label/);
      expect(fs.existsSync(MARKER)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('hostile programs type-check (strict) against the library', () => {
    const tmp = fs.mkdtempSync(path.join(__dirname, '..', '.import-hostile-'));
    try {
      const src = path.relative(tmp, path.join(__dirname, '..', '..', 'src'));
      const files = ['container name', 'port names and protocols', 'tolerations', 'workingDir and imagePullPolicy', 'probes'].map((name, i) => {
        const code = generateTypeScript(FIELDS.find(f => f.name === name)!.build(baseObjects()));
        const file = path.join(tmp, `hostile${i}.ts`);
        fs.writeFileSync(file, code.replace("from 'cdk8s-daemonsets'", `from ${JSON.stringify(src)}`));
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
      const errors = ts.getPreEmitDiagnostics(program).filter(d => d.file && files.includes(path.resolve(d.file.fileName)))
        .map(d => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(errors).toEqual([]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  test('the checks catch a payload that escapes a comment (the bug this corpus guards against)', () => {
    const code = generateTypeScript(baseObjects());
    const injected = code.replace('const app = new App();', `// note: ${PAYLOADS[0]}\n// note: ${PAYLOADS[14]}\nconst app = new App();`);
    expect(staticCheck(injected)).toEqual(expect.arrayContaining(['identifier globalThis in code', 'identifier require in code']));
    runGeneratedProgram(injected);
    expect(pwned()).toEqual([1, 'marker file']);
  });

  test('the checks catch a payload that escapes a string', () => {
    const code = generateTypeScript(baseObjects()).replace("'info'", "'info' + String(globalThis.__importPwned.push(6))");
    expect(staticCheck(code)).toContain('identifier globalThis in code');
    runGeneratedProgram(code);
    expect(pwned()).toEqual([6]);
  });

  test('the runner reproduces a valid manifest exactly (round trip is checked, not assumed)', () => {
    const objects = baseObjects();
    expect(check(objects, true).problems).toEqual([]);
    const result = runGeneratedProgram(generateTypeScript(objects));
    const changed = JSON.parse(JSON.stringify(objects[0]));
    changed.metadata.annotations.team = 'other';
    expect(JSON.stringify(normalized(result.objects!.find(o => o.kind === 'DaemonSet')))).not.toBe(JSON.stringify(normalized(changed)));
  });

  test('every note is one comment line of printable ASCII, and input in it is quoted', () => {
    const objects = FIELDS.find(f => f.name === 'container name')!.build(baseObjects());
    const code = generateTypeScript(objects);
    const comments = code.split('\n').filter(l => l.trimStart().startsWith('//'));
    expect(comments.length).toBeGreaterThan(0);
    for (const line of code.split(/\r\n|[\n\r\u2028\u2029]/)) expect(line).toMatch(/^[\x20-\x7e]*$/);
  });

  test.each(UNWRITABLE_KEYS)('a %s key is refused with a clear error in any map', key => {
    // Defined, not assigned: assigning `__proto__` would set the prototype (as YAML and JSON parsers do not).
    const put = (map: any) => Object.defineProperty(map, key, { value: 'v', enumerable: true });
    const maps: ((o: any[]) => void)[] = [
      o => put(ds(o).metadata.labels),
      o => put(ds(o).metadata.annotations),
      o => put(pod(o).nodeSelector),
      o => put(o[1].data),
      o => { o.push({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { deep: [{ [key]: 1 }] } }); },
    ];
    for (const into of maps) {
      const objects = baseObjects();
      into(objects);
      expect(() => generateTypeScript(objects)).toThrow(new RegExp(`^cdk8s-daemonsets import: \\w+ '[^']+' at /[^ ]*/${key} is "${key}"; it must be another key`));
    }
  });

  test('a __proto__ key is refused with a clear error (cdk8s cannot write it back)', () => {
    const objects = baseObjects();
    objects[1].data = JSON.parse('{"__proto__": "x", "a": "b"}');
    expect(() => generateTypeScript(objects)).toThrow(/ConfigMap 'agents\/agent-config' at \/data\/__proto__ is "__proto__"; it must be another key/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-hostile-'));
    try {
      fs.writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  __proto__: x\n');
      const result = runImport([path.join(dir, 'cm.yaml')]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('__proto__');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
