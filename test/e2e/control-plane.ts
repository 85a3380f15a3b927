/**
 * A throwaway Kubernetes control plane on loopback for the e2e tier, the way controller-runtime's envtest
 * does it, plus kwok to simulate nodes and run their pods:
 *
 *   etcd → kube-apiserver (PodSecurity admission on, AlwaysAllow authorization, static token)
 *        → kube-controller-manager (the real DaemonSet, pod GC and taint-eviction controllers)
 *        → kube-scheduler (the real scheduler decides where DaemonSet pods go)
 *        → kwok (plays the kubelet for every node annotated `kwok.x-k8s.io/node: fake`)
 *
 * The binaries come from scripts/control-plane/build.sh (built once from the Go module proxy and cached
 * outside the repository). Every process gets a free 127.0.0.1 port and a data directory under the OS temp
 * dir; `stop()` terminates them all and removes the directory, and an exit hook kills them if the test
 * process dies first.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Cluster } from './cluster';

const REPO = path.resolve(__dirname, '..', '..');

/** What a running control plane offers the tests. */
export interface ControlPlaneInfo {
  /** Directory of the cached binaries (kubectl among them). */
  readonly binDir: string;
  /** Data directory of this run (logs, kubeconfig, etcd data); removed by stop(). */
  readonly dataDir: string;
  /** A kubeconfig for the cluster-admin token. */
  readonly kubeconfig: string;
  /** https://127.0.0.1:<port> */
  readonly server: string;
  /** Bearer token of the cluster admin. */
  readonly token: string;
  /** Kubernetes version of the binaries, e.g. v1.37.2. */
  readonly kubernetesVersion: string;
}

/** Which processes `ControlPlane.start()` runs. */
export interface ControlPlaneOptions {
  /**
   * Start only etcd and kube-apiserver (no controller manager, scheduler or kwok): enough for suites that
   * only ask the API server (dry runs), and much quicker to boot.
   * @default false
   */
  readonly apiServerOnly?: boolean;
}

interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly log: string;
}

const log = (msg: string) => process.stderr.write(`[control-plane] ${msg}\n`);

/** Builds (or finds cached) binaries and returns their directory. */
export function buildBinaries(): string {
  const started = Date.now();
  const out = execFileSync('bash', [path.join(REPO, 'scripts', 'control-plane', 'build.sh'), 'control-plane'], {
    encoding: 'utf-8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = out.trim().split('\n');
  const binDir = lines[lines.length - 1];
  log(`binaries ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${binDir}`);
  return binDir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET over HTTPS without certificate verification (the API server's certificate is self-signed). */
function httpsGet(url: string, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, {
      rejectUnauthorized: false,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: 5000,
    }, (res) => {
      let body = '';
      res.setEncoding('utf-8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

/** A running control plane; `ControlPlane.start()` makes one. */
export class ControlPlane {
  /**
   * Builds or reuses the binaries, then starts etcd, the API server, the controller manager, the scheduler and kwok
   * (only etcd and the API server with `apiServerOnly`).
   */
  public static async start(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
    const binDir = buildBinaries();
    const cp = new ControlPlane(binDir, fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-ds-e2e-')));
    try {
      await cp.boot(options);
    } catch (e) {
      log(`start failed: ${(e as Error).message}`);
      cp.dumpLogs();
      await cp.stop();
      throw e;
    }
    return cp;
  }

  /** Connection details, set once the API server is up. */
  public info!: ControlPlaneInfo;
  private readonly procs: Proc[] = [];
  private readonly onExit: () => void;
  private stopping = false;

  private constructor(private readonly binDir: string, private readonly dataDir: string) {
    this.onExit = () => {
      for (const p of this.procs) {
        try { p.child.kill('SIGKILL'); } catch { /* already gone */ }
      }
    };
    process.on('exit', this.onExit);
  }

  /** Stops every process (SIGTERM, then SIGKILL after 10 s) in reverse start order and removes the data dir. */
  public async stop(): Promise<void> {
    this.stopping = true;
    for (const p of [...this.procs].reverse()) {
      if (p.child.exitCode !== null || p.child.signalCode !== null) continue;
      const exited = new Promise<void>((r) => p.child.once('exit', () => r()));
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.removeListener('exit', this.onExit);
    if (!process.env.E2E_KEEP_DATA) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Prints the tail of every process's log (for failures). */
  public dumpLogs(lines = 40): void {
    for (const p of this.procs) {
      const text = fs.existsSync(p.log) ? fs.readFileSync(p.log, 'utf-8').trim().split('\n').slice(-lines).join('\n') : '';
      log(`--- ${p.name} (last ${lines} lines of ${p.log})\n${text}`);
    }
  }

  private spawn(name: string, args: string[]): Proc {
    const logFile = path.join(this.dataDir, `${name}.log`);
    const fd = fs.openSync(logFile, 'a');
    const child = spawn(path.join(this.binDir, name), args, { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    const proc = { name, child, log: logFile };
    child.on('exit', (code, signal) => {
      if (!this.stopping && (code !== 0 || signal)) log(`${name} exited (code ${code}, signal ${signal}); see ${logFile}`);
    });
    this.procs.push(proc);
    return proc;
  }

  private async waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, proc?: Proc): Promise<void> {
    const started = Date.now();
    for (;;) {
      if (proc && proc.child.exitCode !== null) throw new Error(`${proc.name} exited with code ${proc.child.exitCode} before ${what}`);
      try {
        if (await check()) break;
      } catch { /* not up yet */ }
      if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(250);
    }
    log(`${what} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  private async boot(options: ControlPlaneOptions): Promise<void> {
    const d = this.dataDir;
    const version = execFileSync(path.join(this.binDir, 'kube-apiserver'), ['--version'], { encoding: 'utf-8' }).trim().split(' ').pop()!;
    const [etcdPort, etcdPeerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const token = crypto.randomBytes(24).toString('hex');

    // Service-account signing key pair and the static admin token.
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const saKey = path.join(d, 'sa.key');
    const saPub = path.join(d, 'sa.pub');
    fs.writeFileSync(saKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    fs.writeFileSync(saPub, publicKey.export({ type: 'spki', format: 'pem' }));
    const tokens = path.join(d, 'tokens.csv');
    fs.writeFileSync(tokens, `${token},admin,admin,"system:masters"\n`);

    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const etcd = this.spawn('etcd', [
      '--name=e2e',
      `--data-dir=${path.join(d, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=e2e=http://127.0.0.1:${etcdPeerPort}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
    await this.waitFor('etcd healthy', async () => {
      const res = await fetch(`${etcdUrl}/health`);
      return res.ok;
    }, 30_000, etcd);

    const server = `https://127.0.0.1:${apiPort}`;
    const api = this.spawn('kube-apiserver', [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      // The 'kubernetes' Service's endpoints may not point at loopback; nothing in the tests needs them.
      '--endpoint-reconciler-type=none',
      `--secure-port=${apiPort}`,
      `--cert-dir=${path.join(d, 'certs')}`,
      `--token-auth-file=${tokens}`,
      '--authorization-mode=AlwaysAllow',
      '--anonymous-auth=false',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${saPub}`,
      `--service-account-signing-key-file=${saKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--allow-privileged=true',
      // PodSecurity is on by default; named here so a default change upstream cannot silently drop it.
      '--enable-admission-plugins=NamespaceLifecycle,ServiceAccount,PodSecurity,DefaultTolerationSeconds,Priority,TaintNodesByCondition',
      '--v=1',
    ]);
    await this.waitFor('kube-apiserver ready', async () => (await httpsGet(`${server}/readyz`, token)).status === 200, 120_000, api);

    const kubeconfig = path.join(d, 'kubeconfig');
    fs.writeFileSync(kubeconfig, [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: e2e\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true`,
      'users:',
      `- name: admin\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: e2e\n  context:\n    cluster: e2e\n    user: admin',
      'current-context: e2e',
      '',
    ].join('\n'));
    this.info = { binDir: this.binDir, dataDir: d, kubeconfig, server, token, kubernetesVersion: version };
    if (options.apiServerOnly) {
      log(`API server ${version} up at ${server} (data: ${d}; no controllers, scheduler or kwok)`);
      return;
    }

    // What the controller manager and the scheduler share: the admin kubeconfig for everything, no leader
    // election, and their own HTTPS endpoint on a free loopback port with a self-signed certificate.
    const componentFlags = async (certDir: string) => [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${await freePort()}`,
      `--cert-dir=${path.join(d, certDir)}`,
      '--v=1',
    ];
    const cm = this.spawn('kube-controller-manager', [
      ...await componentFlags('cm-certs'),
      `--service-account-private-key-file=${saKey}`,
      '--use-service-account-credentials=false',
      '--controllers=*',
      // Collect the pods of deleted nodes quickly (pod GC) and keep the default eviction of NoExecute taints.
      '--terminated-pod-gc-threshold=100',
    ]);
    const sched = this.spawn('kube-scheduler', await componentFlags('sched-certs'));
    const kwok = this.spawn('kwok', [
      `--kubeconfig=${kubeconfig}`,
      // The "fast" stages from the kwok module (scripts/control-plane/build.sh): nodes become Ready at once,
      // pods Running and Ready as soon as they are bound, and deleted pods go away.
      `--config=${path.join(this.binDir, 'kwok-stages.yaml')}`,
      '--node-lease-duration-seconds=40',
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--cidr=10.244.0.0/16',
      '--node-ip=10.0.0.1',
      `--server-address=127.0.0.1:${await freePort()}`,
    ]);

    // The controller manager creates each namespace's default ServiceAccount; pods need it.
    await this.waitFor('default ServiceAccount created', async () => {
      new Cluster(this.info).kubectl(['get', 'serviceaccount', 'default', '-n', 'default']);
      return true;
    }, 120_000, cm);
    for (const p of [sched, kwok]) {
      if (p.child.exitCode !== null) throw new Error(`${p.name} exited with code ${p.child.exitCode}`);
    }
    log(`control plane ${version} up at ${server} (data: ${d})`);
  }
}
