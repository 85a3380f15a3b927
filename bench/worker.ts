/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * One measurement, in a fresh process: `node worker.js '<job JSON>'`.
 *
 * `bench/run.ts` transpiles this file to plain JavaScript (no ts-node in the measured process:
 * its require hook and the TypeScript compiler would distort module load time and RSS) and
 * spawns it once per measurement. The worker prints one line `@@RESULT <json>` on stdout.
 *
 * Jobs:
 * - `load`:     time `require()` of `lib/index.js` (ours) or `cdk8s-plus-27` (kplus) alone.
 * - `load-trace`: where `require()` of `lib/index.js` spends its time, per module file (traced,
 *               so slower than `load`; only the shares matter).
 * - `generic`:  build an app with N DaemonSets (ours, ours without the app-wide engine, or bare
 *               `kplus.DaemonSet` with the same pod spec) and synthesize it with `app.synthYaml()`.
 * - `app`:      the same app as a whole process, as `cdk8s synth` runs it: load, build, `app.synth()` to a
 *               directory (the parent times the process; the peer pipeline then checks that directory).
 * - `pairs`:    the same with N `NodeExporterDaemonSet` + `LogCollectorDaemonSet` pairs.
 * - `validate`: `new ManifestValidator().validate(objects)` on 10,000 plain JSON objects.
 */
import { createHash } from 'crypto';
import { createRequire } from 'module';

export type GenericSide = 'bare' | 'ours' | 'ours-no-engine' | 'ours-app';

export type Job =
  | { readonly kind: 'load'; readonly root: string; readonly target: 'ours' | 'kplus' }
  | { readonly kind: 'load-trace'; readonly root: string }
  | { readonly kind: 'generic'; readonly root: string; readonly side: GenericSide; readonly n: number }
  | { readonly kind: 'app'; readonly root: string; readonly side: 'bare' | 'ours' | 'ours-app'; readonly n: number; readonly outdir: string }
  | { readonly kind: 'pairs'; readonly root: string; readonly engine: boolean; readonly n: number }
  | ValidateJob;

/** `validate`: the throughput corpus, a cold call, `reps` warm calls the target reads and `laterReps` more. */
export interface ValidateJob {
  readonly kind: 'validate';
  readonly root: string;
  readonly objects: number;
  readonly reps: number;
  readonly laterReps?: number;
  readonly rules?: string[];
  readonly breakdown: boolean;
  /** Idle this long after the cold call (information: whether the warm calls wait on V8's background compiler). */
  readonly pauseMs?: number;
  /**
   * The cold call validates a corpus of its own of this many objects instead of the timed one (information: whether
   * more warm-up, on other objects, makes the first warm calls as fast as the later ones).
   */
  readonly coldObjects?: number;
}

/** What every job reports, plus its own fields. */
export interface WorkerResult {
  readonly maxRssKb: number;
  readonly [key: string]: unknown;
}

const RESULT_MARKER = '@@RESULT ';

function now(): number {
  return performance.now();
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function finish(result: { [key: string]: unknown }): void {
  const out: WorkerResult = { ...result, maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(out)}\n`);
}

function countDocs(yaml: string, kind: string): number {
  const re = new RegExp(`^kind: ${kind}$`, 'gm');
  return (yaml.match(re) ?? []).length;
}

function runLoad(job: Extract<Job, { kind: 'load' }>): void {
  const req = createRequire(`${job.root}/package.json`);
  const target = job.target === 'ours' ? `${job.root}/lib/index.js` : req.resolve('cdk8s-plus-27');
  const cpu = process.cpuUsage();
  const t0 = now();
  const mod = req(target);
  // The exports lazily load their modules (scripts/bundle.ts): reading what the README's app uses is part of the load.
  const used = job.target === 'ours' ? [mod.DaemonSetsApp, mod.DaemonSet] : [mod.DaemonSet];
  if (used.some(x => typeof x !== 'function')) throw new Error('an export the README app uses is missing');
  const loadMs = now() - t0;
  finish({ loadMs, cpuMs: cpuMs(cpu), exports: Object.keys(mod).length, sinceProcessStartMs: now() });
}

function runLoadTrace(job: Extract<Job, { kind: 'load-trace' }>): void {
  const Module = require('module') as { _extensions: { [ext: string]: (m: unknown, filename: string) => void } };
  const selfMs = new Map<string, number>();
  const files = new Map<string, number>();
  const children: number[] = [];
  const keyOf = (filename: string): string => {
    const rel = filename.startsWith(`${job.root}/`) ? filename.slice(job.root.length + 1) : filename;
    // The innermost package, with the chain that holds it (node_modules/cdk8s/node_modules/yaml).
    const pkg = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(rel);
    return pkg ? pkg[1] : rel.replace(/^lib\/(.*)\.js$/, 'src/$1.ts');
  };
  for (const ext of ['.js', '.json']) {
    const original = Module._extensions[ext];
    // Reading, compiling and running one module file; nested requires are subtracted.
    Module._extensions[ext] = function traced(m: unknown, filename: string) {
      const t0 = now();
      children.push(0);
      try {
        return original.call(this, m, filename);
      } finally {
        const inclusive = now() - t0;
        const nested = children.pop()!;
        if (children.length) children[children.length - 1] += inclusive;
        const key = keyOf(filename);
        selfMs.set(key, (selfMs.get(key) ?? 0) + inclusive - nested);
        files.set(key, (files.get(key) ?? 0) + 1);
      }
    };
  }
  const t0 = now();
  require(`${job.root}/lib/index.js`);
  const loadMs = now() - t0;
  const modules = [...selfMs.entries()].map(([key, ms]) => ({ key, ms, files: files.get(key) ?? 0 })).sort((a, b) => b.ms - a.ms);
  finish({ loadMs, modules });
}

/** The generic app of `side` with N DaemonSets; the first one's construct for the pod spec check. */
function buildGeneric(root: string, side: GenericSide, n: number, appProps: { outdir?: string } = {}): { app: any; first: any; cdk8s: any } {
  const req = createRequire(`${root}/package.json`);
  const cdk8s = req('cdk8s');
  const kplus = req('cdk8s-plus-27');
  // Loaded on every side so that all sides pay the same module cost (the whole-process job loads only its own).
  const lib = side === 'bare' && appProps.outdir ? undefined : req(`${root}/lib/index.js`);

  // The pod spec both sides render: a typical node agent that passes every rule (no warnings),
  // so the bench measures validation, not printing findings.
  const container = () => ({
    name: 'agent',
    image: 'registry.example.com/agent:1.4.2',
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    ports: [{ number: 9400, name: 'metrics' }],
    envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
    liveness: kplus.Probe.fromHttpGet('/healthz', { port: 9400 }),
    readiness: kplus.Probe.fromHttpGet('/ready', { port: 9400 }),
    resources: {
      cpu: { request: kplus.Cpu.millis(50) },
      memory: { request: cdk8s.Size.mebibytes(64), limit: cdk8s.Size.mebibytes(256) },
    },
    securityContext: {
      ensureNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      user: 65534,
      group: 65534,
    },
  });

  // The README's path: DaemonSetsApp renders, validates and writes each object once.
  const app = side === 'ours-app' ? new lib.DaemonSetsApp(appProps) : new cdk8s.App(appProps);
  const chart = new cdk8s.Chart(app, 'bench', { namespace: 'agents' });
  if (side === 'ours-no-engine') {
    // Pre-register the app-wide engine with no rules: each DaemonSet still checks itself.
    lib.AppValidation.enable(chart, { rules: [] });
  }
  let first: any;
  for (let i = 0; i < n; i++) {
    const props = { containers: [container()], automountServiceAccountToken: false };
    if (side === 'bare') {
      const ds = new kplus.DaemonSet(chart, `agent-${i}`, props);
      // What cdk8s-plus-27 cannot express, the way its users add it: JSON patches.
      const obj = cdk8s.ApiObject.of(ds);
      obj.addJsonPatch(
        // Pre-serializer values: the generated serializer drops a plain number here (cdk8s#2172).
        cdk8s.JsonPatch.add('/spec/updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1) } }),
        cdk8s.JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical'),
        cdk8s.JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
        cdk8s.JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
      );
      first ??= ds;
    } else {
      const ds = new lib.DaemonSet(chart, `agent-${i}`, { ...props, priorityClassName: 'system-node-critical' });
      first ??= ds;
    }
  }
  return { app, first, cdk8s };
}

function runGeneric(job: Extract<Job, { kind: 'generic' }>): void {
  // Modules loaded before the timer (every side loads the library, see buildGeneric).
  createRequire(`${job.root}/package.json`)('cdk8s-plus-27');
  const lib = require(`${job.root}/lib/index.js`);
  // The bundle's exports load their modules on first read (scripts/bundle.ts): read them all, so the timed section
  // holds no module loading, as with an eager entry.
  for (const name of Object.keys(lib)) void lib[name];
  const cpu = process.cpuUsage();
  const t0 = now();
  const { app, first, cdk8s } = buildGeneric(job.root, job.side, job.n);
  const t1 = now();
  const yaml: string = app.synthYaml();
  const t2 = now();
  const daemonSets = countDocs(yaml, 'DaemonSet');
  if (daemonSets !== job.n) throw new Error(`expected ${job.n} DaemonSets in the YAML, found ${daemonSets}`);
  // Outside the timed section: what the first DaemonSet's pod spec is, to show both sides render the same.
  const rendered = cdk8s.ApiObject.of(first).toJson();
  const podSpec = JSON.stringify({ updateStrategy: rendered.spec.updateStrategy, spec: rendered.spec.template.spec });
  finish({
    buildMs: t1 - t0,
    synthMs: t2 - t1,
    totalMs: t2 - t0,
    cpuMs: cpuMs(cpu),
    yamlBytes: Buffer.byteLength(yaml),
    docs: countDocs(yaml, '\\S+'),
    podSpecHash: createHash('sha256').update(podSpec).digest('hex').slice(0, 12),
    podSpec: job.n === 1 ? podSpec : undefined,
  });
}

/**
 * What `cdk8s synth` runs, as a whole process: Node start, `require` of only what the side uses, build, and
 * `app.synth()` writing the YAML to `outdir` (the parent times the process).
 */
function runApp(job: Extract<Job, { kind: 'app' }>): void {
  const { app } = buildGeneric(job.root, job.side, job.n, { outdir: job.outdir });
  app.synth();
  finish({ sinceStartMs: now(), cpuMs: cpuMs({ user: 0, system: 0 }) });
}

function runPairs(job: Extract<Job, { kind: 'pairs' }>): void {
  const req = createRequire(`${job.root}/package.json`);
  const cdk8s = req('cdk8s');
  const lib = req(`${job.root}/lib/index.js`);
  for (const name of Object.keys(lib)) void lib[name]; // modules loaded before the timer (lazy exports)
  const cpu = process.cpuUsage();
  const t0 = now();
  const app = new cdk8s.App();
  const chart = new cdk8s.Chart(app, 'bench', { namespace: 'monitoring' });
  if (!job.engine) lib.AppValidation.enable(chart, { rules: [] });
  for (let i = 0; i < job.n; i++) {
    // Distinct host ports and state directories: N pairs on the same nodes must not collide.
    new lib.NodeExporterDaemonSet(chart, `node-exporter-${i}`, { port: 9100 + i });
    new lib.LogCollectorDaemonSet(chart, `logs-${i}`, {
      outputs: [lib.LogOutput.elasticsearch({ host: 'es.logging.svc', port: 9200 })],
      stateDirectory: `/var/lib/fluent-bit-${i}`,
    });
  }
  const t1 = now();
  const yaml: string = app.synthYaml();
  const t2 = now();
  const daemonSets = countDocs(yaml, 'DaemonSet');
  if (daemonSets !== 2 * job.n) throw new Error(`expected ${2 * job.n} DaemonSets in the YAML, found ${daemonSets}`);
  finish({ buildMs: t1 - t0, synthMs: t2 - t1, totalMs: t2 - t0, cpuMs: cpuMs(cpu), yamlBytes: Buffer.byteLength(yaml), docs: countDocs(yaml, '\\S+') });
}

/**
 * `count` realistic objects, a quarter each of DaemonSets, Services, ConfigMaps and
 * ServiceAccounts, in 20 namespaces; each DaemonSet uses its own ServiceAccount and ConfigMap
 * and is selected by its own Service, so cross-object checks find what they look for. Names start at
 * `agent-<first>`: corpora with different `first` share no object.
 */
export function validationCorpus(count: number, first = 0): any[] {
  const objects: any[] = [];
  const groups = Math.ceil(count / 4);
  for (let i = first; i < first + groups; i++) {
    const name = `agent-${i}`;
    const namespace = `team-${i % 20}`;
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'bench' };
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels }, automountServiceAccountToken: false });
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, namespace, labels },
      data: { 'agent.yaml': `id: ${i}\nlogLevel: info\nscrapeInterval: 30s\n` },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels },
      spec: { clusterIP: 'None', selector: { 'app.kubernetes.io/name': name }, ports: [{ name: 'metrics', port: 9400, targetPort: 'metrics', protocol: 'TCP' }] },
    });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace, labels },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
        revisionHistoryLimit: 5,
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            priorityClassName: 'system-node-critical',
            securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ operator: 'Exists' }],
            containers: [{
              name: 'agent',
              image: `registry.example.com/agent:1.${i % 50}.0`,
              imagePullPolicy: 'IfNotPresent',
              args: ['--config=/etc/agent/agent.yaml'],
              ports: [{ containerPort: 9400, name: 'metrics', protocol: 'TCP' }],
              env: [
                { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                { name: 'LOG_LEVEL', value: 'info' },
              ],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' }, periodSeconds: 10, timeoutSeconds: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 'metrics' }, periodSeconds: 10 },
              volumeMounts: [
                { name: 'config', mountPath: '/etc/agent', readOnly: true },
                { name: 'varlog', mountPath: '/host/var/log', readOnly: true },
              ],
            }],
            volumes: [
              { name: 'config', configMap: { name: `${name}-config` } },
              { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
            ],
          },
        },
      },
    });
  }
  return objects.slice(0, count);
}

function runValidate(job: Extract<Job, { kind: 'validate' }>): void {
  const lib = require(`${job.root}/lib/index.js`);
  const objects = validationCorpus(job.objects);
  const options = job.rules ? { rules: job.rules } : {};
  const ruleIds: string[] = lib.ManifestValidator.describeRules().map((r: { id: string }) => r.id);

  // First use in this process: module-level caches (schemas, compiled validators) are cold. A cold call on its own
  // corpus validates other objects of the same shapes (names after the timed corpus's), dropped once validated.
  const separateCold = (job.coldObjects ?? 0) > 0;
  if (separateCold && job.reps < 1) throw new Error('a separate cold corpus needs at least one warm call (reps >= 1)');
  let coldInput: any[] | undefined = separateCold ? validationCorpus(job.coldObjects!, Math.ceil(job.objects / 4)) : objects;
  let t = now();
  // The findings counted are those on the timed corpus: the cold call's, or the first warm call's when the cold call had its own.
  let first: any = new lib.ManifestValidator(options).validate(coldInput);
  const coldMs = now() - t;
  // Nothing keeps the cold call's objects or report alive through the timed calls.
  coldInput = undefined;
  if (separateCold) first = undefined;

  // The main thread sleeps; V8's background threads keep compiling what the cold call queued.
  if (job.pauseMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, job.pauseMs);
  const warmMs: number[] = [];
  for (let i = 0; i < job.reps; i++) {
    t = now();
    const report = new lib.ManifestValidator(options).validate(objects);
    warmMs.push(now() - t);
    if (i === 0 && separateCold) first = report;
  }
  // Information only (the target is read on warmMs): the calls after those, once V8 has optimized the hot code.
  const laterMs: number[] = [];
  for (let i = 0; i < (job.laterReps ?? 0); i++) {
    t = now();
    new lib.ManifestValidator(options).validate(objects);
    laterMs.push(now() - t);
  }

  // Warm time of each rule on its own (after the runs above, so nothing is cold any more).
  const perRuleMs: { [id: string]: number } = {};
  if (job.breakdown) {
    for (const id of ruleIds) {
      t = now();
      new lib.ManifestValidator({ rules: [id] }).validate(objects);
      perRuleMs[id] = now() - t;
    }
  }
  const bySeverity: { [severity: string]: number } = {};
  const byRule: { [rule: string]: number } = {};
  for (const f of first.findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  finish({ objects: objects.length, coldMs, warmMs, laterMs, perRuleMs, ruleIds, bySeverity, byRule });
}

function main(): void {
  const job = JSON.parse(process.argv[2]) as Job;
  switch (job.kind) {
    case 'load': return runLoad(job);
    case 'load-trace': return runLoadTrace(job);
    case 'generic': return runGeneric(job);
    case 'app': return runApp(job);
    case 'pairs': return runPairs(job);
    case 'validate': return runValidate(job);
  }
}

if (require.main === module) main();
