/**
 * The e2e tests' handle on the control plane that test/e2e/global-setup.ts started: kubectl, JSON reads,
 * waits, pod watches and kwok node objects.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as path from 'path';
import type { ControlPlaneInfo } from './control-plane';

/** Environment variable holding the path of the JSON file with the running control plane's ControlPlaneInfo. */
export const E2E_INFO_ENV = 'CDK8S_DAEMONSETS_E2E_INFO';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A watch event of the Kubernetes API. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: any;
}

/** A node for kwok to run: labels, taints and allocatable resources. */
export interface FakeNode {
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly taints?: { key: string; value?: string; effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' }[];
  readonly os?: string;
  readonly arch?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
}

/** The Node object of a fake node, with the annotation kwok manages and status set on create. */
export function nodeObject(n: FakeNode): any {
  const os = n.os ?? 'linux';
  const arch = n.arch ?? 'amd64';
  const resources = { cpu: n.cpu ?? '4', memory: n.memory ?? '8Gi', pods: n.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': os,
        'kubernetes.io/arch': arch,
        'type': 'kwok',
        ...n.labels,
      },
    },
    spec: { taints: n.taints ?? [] },
    status: {
      allocatable: resources,
      capacity: resources,
      nodeInfo: {
        operatingSystem: os,
        architecture: arch,
        kubeletVersion: 'fake',
        kubeProxyVersion: 'fake',
        machineID: n.name,
        systemUUID: n.name,
        bootID: n.name,
        kernelVersion: 'fake',
        osImage: 'fake',
        containerRuntimeVersion: 'fake',
      },
    },
  };
}

/** Client side of the e2e control plane. */
export class Cluster {
  /** The cluster the global setup started (fails clearly when run outside `npm run test:e2e`). */
  public static fromEnv(): Cluster {
    const file = process.env[E2E_INFO_ENV];
    if (!file || !fs.existsSync(file)) {
      throw new Error(`${E2E_INFO_ENV} is not set: run the e2e tier with 'npm run test:e2e', whose global setup starts the control plane`);
    }
    return new Cluster(JSON.parse(fs.readFileSync(file, 'utf-8')));
  }

  public constructor(public readonly info: ControlPlaneInfo) {}

  /** Runs kubectl and returns stdout; throws with stderr on a non-zero exit. */
  public kubectl(args: string[], input?: string): string {
    try {
      return execFileSync(path.join(this.info.binDir, 'kubectl'), ['--kubeconfig', this.info.kubeconfig, ...args], {
        encoding: 'utf-8',
        input,
        stdio: ['pipe', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      const err = e as { stderr?: string; stdout?: string };
      throw new Error(`kubectl ${args.join(' ')} failed:\n${err.stderr ?? ''}${err.stdout ?? ''}`);
    }
  }

  /** `kubectl get ... -o json`, parsed. */
  public get(args: string[]): any {
    return JSON.parse(this.kubectl(['get', ...args, '-o', 'json']));
  }

  /** Server-side apply of objects (JSON list on stdin), optionally as a server-side dry run. */
  public apply(objects: any[], opts: { dryRun?: boolean; fieldManager?: string } = {}): string {
    const args = ['apply', '--server-side', '--force-conflicts', `--field-manager=${opts.fieldManager ?? 'cdk8s-daemonsets-e2e'}`, '-f', '-'];
    if (opts.dryRun) args.push('--dry-run=server');
    return this.kubectl(args, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  }

  /** Creates (or updates) kwok nodes. Status is accepted on create for Nodes. */
  public addNodes(nodes: FakeNode[]): void {
    this.kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: nodes.map(nodeObject) }));
  }

  /** Creates a namespace with optional labels (e.g. Pod Security Admission levels). */
  public createNamespace(name: string, labels: Record<string, string> = {}): void {
    this.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }]);
  }

  /**
   * Waits until the controller manager has created the `default` ServiceAccount of a new namespace: a pod
   * created before it exists is refused ("serviceaccount not found"), a transient FailedCreate.
   */
  public async waitForDefaultServiceAccount(namespace: string): Promise<void> {
    await this.waitFor(`the default ServiceAccount of ${namespace}`, () => {
      this.kubectl(['get', 'serviceaccount', 'default', '-n', namespace]);
      return true;
    });
  }

  /** Polls `check` until it returns a defined value; on timeout throws with the last value `describe` gives. */
  public async waitFor<T>(what: string, check: () => T | undefined, opts: { timeoutMs?: number; describe?: () => string } = {}): Promise<T> {
    const timeout = opts.timeoutMs ?? 60_000;
    const started = Date.now();
    let lastError = '';
    for (;;) {
      try {
        const v = check();
        if (v !== undefined) return v;
        lastError = '';
      } catch (e) {
        lastError = (e as Error).message;
      }
      if (Date.now() - started > timeout) {
        throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? `: ${lastError}` : ''}${opts.describe ? `\nstate: ${opts.describe()}` : ''}`);
      }
      await sleep(500);
    }
  }

  /** Pods of a DaemonSet by its selector's labels: nodeName → pod objects. */
  public podsOf(namespace: string, selector: Record<string, string>): any[] {
    const sel = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
    return this.get(['pods', '-n', namespace, '-l', sel]).items;
  }

  /** Pods whose owner is the DaemonSet `name` (those being deleted too, unless `live`). */
  public podsOwnedBy(namespace: string, name: string, opts: { live?: boolean } = {}): any[] {
    return this.get(['pods', '-n', namespace]).items
      .filter((p: any) => p.metadata.ownerReferences?.some((o: any) => o.kind === 'DaemonSet' && o.name === name))
      .filter((p: any) => !opts.live || !p.metadata.deletionTimestamp);
  }

  /** Node names carrying a Running, Ready pod of the DaemonSet (not being deleted), sorted. */
  public runningNodes(namespace: string, daemonSet: string): string[] {
    const ds = this.get(['daemonset', '-n', namespace, daemonSet]);
    return this.podsOf(namespace, ds.spec.selector.matchLabels)
      .filter(isRunningReady)
      .map((p: any) => p.spec.nodeName)
      .sort();
  }

  /**
   * Watches the pods of a namespace from now on (GET ...?watch=1) and calls `onEvent` for every event,
   * until the returned `stop()` is called.
   */
  public watchPods(namespace: string, labelSelector: string, onEvent: (e: WatchEvent) => void): { stop: () => void; ready: Promise<void> } {
    const list = this.get(['pods', '-n', namespace, '-l', labelSelector]);
    for (const item of list.items) onEvent({ type: 'ADDED', object: item });
    const url = new URL(`${this.info.server}/api/v1/namespaces/${namespace}/pods`);
    url.searchParams.set('watch', '1');
    url.searchParams.set('labelSelector', labelSelector);
    url.searchParams.set('resourceVersion', list.metadata.resourceVersion);
    let buffer = '';
    let resolveReady!: () => void;
    const ready = new Promise<void>((r) => (resolveReady = r));
    const req = https.get(url, { rejectUnauthorized: false, headers: { Authorization: `Bearer ${this.info.token}` } }, (res) => {
      res.setEncoding('utf-8');
      resolveReady();
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) onEvent(JSON.parse(line));
        }
      });
    });
    req.on('error', () => { /* destroyed by stop() */ });
    return { stop: () => req.destroy(), ready };
  }
}

/** A pod that is Running and Ready and not being deleted. */
export function isRunningReady(pod: any): boolean {
  return !pod.metadata.deletionTimestamp
    && pod.status?.phase === 'Running'
    && (pod.status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}
