/**
 * The standalone API-agreement runner (issue 16): generates the corpus, starts its own API server (etcd and
 * kube-apiserver only) or connects to a running one, judges every case and writes the JSON report.
 *
 *   npx ts-node --transpile-only test/e2e/api-agreement/run.ts [--out <file>] [--filter <substring>]
 *     [--concurrency <n>] [--max-generic <n>] [--seed <n>] [--server <url> --token <token> | --info <file>]
 *
 * Default report: /tmp/api-agreement/report.json. Exit status 0 when every disagreement is allow-listed,
 * no allow-list entry is stale, no base is rejected and nothing crashed; 1 otherwise; 2 on a usage error.
 */
import * as fs from 'fs';
import { DEFAULT_MAX_GENERIC, DEFAULT_SEED, generateCorpus } from './corpus';
import { VALIDATOR_KUBERNETES_VERSION, runAgreement } from './harness';
import { ApiOracle, OracleTarget } from './oracle';
import { buildReport, readAllowList, summaryOf, writeReport } from './report';
import { ControlPlane } from '../control-plane';

interface Args {
  out: string;
  filter?: string;
  concurrency: number;
  maxGeneric: number;
  seed: number;
  server?: string;
  token?: string;
  info?: string;
}

const USAGE = 'usage: run.ts [--out <file>] [--filter <substring>] [--concurrency <n>] [--max-generic <n>] [--seed <n>] [--server <url> --token <token> | --info <control-plane info.json>]';

function parseArgs(argv: string[]): Args {
  const args: Args = { out: '/tmp/api-agreement/report.json', concurrency: 8, maxGeneric: DEFAULT_MAX_GENERIC, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const int = () => {
      if (!/^[0-9]+$/.test(value)) throw new Error(`${flag} needs a whole number, got '${value}'`);
      return Number(value);
    };
    switch (flag) {
      case '--out': args.out = value; break;
      case '--filter': args.filter = value; break;
      case '--concurrency': args.concurrency = Math.max(1, int()); break;
      case '--max-generic': args.maxGeneric = int(); break;
      case '--seed': args.seed = int(); break;
      case '--server': args.server = value; break;
      case '--token': args.token = value; break;
      case '--info': args.info = value; break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  return args;
}

const log = (msg: string) => process.stderr.write(`[api-agreement] ${msg}\n`);

/** A target from --server/--token or --info, else a control plane of our own (stopped by the caller). */
async function target(args: Args): Promise<{ target: OracleTarget; controlPlane?: ControlPlane }> {
  if (args.info) {
    const info = JSON.parse(fs.readFileSync(args.info, 'utf-8'));
    return { target: { server: info.server, token: info.token } };
  }
  if (args.server) {
    if (!args.token) throw new Error('--server needs --token');
    return { target: { server: args.server, token: args.token } };
  }
  const controlPlane = await ControlPlane.start({ apiServerOnly: true });
  return { target: { server: controlPlane.info.server, token: controlPlane.info.token }, controlPlane };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const started = Date.now();
  // The API server boots while the corpus is generated.
  const booting = target(args);
  booting.catch(() => undefined);
  const corpus = generateCorpus({ seed: args.seed, maxGeneric: args.maxGeneric });
  log(`corpus: ${corpus.bases.length} bases, ${corpus.mutants.length} mutants in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { target: t, controlPlane } = await booting;
  try {
    const oracle = await ApiOracle.connect(t, { maxSockets: args.concurrency });
    try {
      const runStarted = Date.now();
      const results = await runAgreement(oracle, corpus, {
        concurrency: args.concurrency,
        filter: args.filter,
        onProgress: (done, total) => log(`${done}/${total} judged`),
      });
      const report = buildReport(results, readAllowList(), {
        apiServer: t.server,
        validatorKubernetesVersion: VALIDATOR_KUBERNETES_VERSION,
        durationMs: Date.now() - started,
      });
      log(`judged in ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
      writeReport(report, args.out);
      process.stdout.write(`${summaryOf(report)}\nreport: ${args.out}\n`);
      const unexpected = report.totals.disagreements - report.totals.allowedDisagreements;
      const failed = unexpected > 0 || report.staleAllowListEntries.length > 0 || report.totals.basesRejected > 0 || report.totals.crashes > 0;
      return failed ? 1 : 0;
    } finally {
      oracle.close();
    }
  } finally {
    await controlPlane?.stop();
  }
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
