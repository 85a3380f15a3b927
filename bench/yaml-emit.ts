/**
 * Micro-benchmark of YAML emission (issue 17, item 2): cdk8s's `Yaml.stringify` against the native emitter
 * (`src/yaml/emit.ts`) on the same 1,000 rendered DaemonSets.
 *
 *   npx ts-node --transpile-only bench/yaml-emit.ts [count] [rounds]
 *
 * The DaemonSets are built with the library's `DaemonSet` construct and the pod spec of `bench/worker.ts`, and
 * rendered once with `Chart.toJson()` (no `app.synth`, nothing written); only the emission is timed. Each round
 * times both emitters on the same objects, alternating which goes first; the first round is reported apart
 * (it includes the JIT warming up) and the rest as median and minimum. The script fails if the outputs differ.
 */
import { readFileSync } from 'fs';
import { Chart, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet } from '../src';
import { renderYamlDocument, stringifyYaml } from '../src/yaml/emit';

const count = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 15);

/** The node agent of `bench/worker.ts`: a typical pod spec that passes every rule. */
function agentContainer(): kplus.ContainerProps {
  return {
    name: 'agent',
    image: 'registry.example.com/agent:1.4.2',
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    ports: [{ number: 9400, name: 'metrics' }],
    envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
    liveness: kplus.Probe.fromHttpGet('/healthz', { port: 9400 }),
    readiness: kplus.Probe.fromHttpGet('/ready', { port: 9400 }),
    resources: {
      cpu: { request: kplus.Cpu.millis(50) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
    },
    securityContext: {
      ensureNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      user: 65534,
      group: 65534,
    },
  };
}

function renderedDaemonSets(n: number): unknown[] {
  const chart = new Chart(Testing.app(), 'bench', { namespace: 'agents' });
  for (let i = 0; i < n; i++) {
    new DaemonSet(chart, `agent-${i}`, {
      containers: [agentContainer()],
      automountServiceAccountToken: false,
      priorityClassName: 'system-node-critical',
    });
  }
  return chart.toJson();
}

function timeMs(run: () => string): { ms: number; out: string } {
  const t0 = performance.now();
  const out = run();
  return { ms: performance.now() - t0, out };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const docs = renderedDaemonSets(count);
  const native = docs.filter((doc) => renderYamlDocument(doc).native).length;
  const times = { yaml: [] as number[], native: [] as number[] };
  let bytes = 0;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['yaml', 'native'] as const) : (['native', 'yaml'] as const);
    const outs: { [side: string]: string } = {};
    for (const side of order) {
      const { ms, out } = timeMs(() => (side === 'yaml' ? Yaml.stringify(...docs) : stringifyYaml(...docs)));
      times[side].push(ms);
      outs[side] = out;
    }
    if (outs.yaml !== outs.native) throw new Error(`round ${round}: the native emitter's output differs from Yaml.stringify`);
    bytes = outs.yaml.length;
  }
  const line = (side: 'yaml' | 'native') => {
    const [first, ...warm] = times[side];
    return `first ${first.toFixed(1)} ms, warm median ${median(warm).toFixed(1)} ms, min ${Math.min(...warm).toFixed(1)} ms`;
  };
  console.log(`${docs.length} objects (${count} DaemonSets), ${bytes} characters of YAML, ${native}/${docs.length} written natively`);
  const cdk8sVersion = JSON.parse(readFileSync(require.resolve('cdk8s/package.json'), 'utf8')).version;
  console.log(`Yaml.stringify (cdk8s ${cdk8sVersion}): ${line('yaml')}`);
  console.log(`stringifyYaml (native):          ${line('native')}`);
  console.log(`speed-up, warm medians: ${(median(times.yaml.slice(1)) / median(times.native.slice(1))).toFixed(1)}x; byte-identical in all ${rounds} rounds`);
}

main();
