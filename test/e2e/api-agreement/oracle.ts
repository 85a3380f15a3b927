/**
 * The oracle of the API-agreement test: a real kube-apiserver asked, for each object, to create it as a
 * server-side dry run with strict field validation (`?dryRun=All&fieldValidation=Strict`), and, for each
 * accepted workload, to create the Pod its controller would make from the pod template.
 *
 * Verdicts:
 * - 2xx: accepted.
 * - 409 AlreadyExists: accepted. The dry-run storage checks for an existing object only after decoding,
 *   validation and admission passed; a name taken in the oracle's own cluster says nothing about the object.
 * - any other 4xx: rejected (status, reason and message kept).
 * - no REST mapping: an apiVersion/kind pair that discovery does not list (`extensions/v1beta1` DaemonSets,
 *   `kind: daemonset`, a missing or non-string kind) is rejected with 404 `NoKindMatch`, which is what
 *   `kubectl apply` answers from the same discovery before it sends anything: the API server has no path
 *   that could accept the object.
 * - 500 "invalid resource name": rejected. The API server refuses a request path whose namespace segment
 *   cannot be a name (`%`), before it reads the body; `kubectl` sends the same path and fails the same way.
 * - any other 5xx or a transport error (after retries): an oracle error, never silently a verdict.
 */
import * as http from 'http';
import * as https from 'https';

/** Where the API server is and how to authenticate. */
export interface OracleTarget {
  /** https://127.0.0.1:<port> */
  readonly server: string;
  /** Bearer token of a user allowed to do everything. */
  readonly token: string;
}

/** What the API server said about one object. */
export interface Verdict {
  readonly rejected: boolean;
  /** HTTP status (404 for a missing REST mapping). */
  readonly status: number;
  /** The Status reason (Invalid, BadRequest, Forbidden, NotFound, AlreadyExists, NoKindMatch ...). */
  readonly reason?: string;
  /** The Status message. */
  readonly message?: string;
  /** Set when the oracle could not get an answer (5xx, transport error). */
  readonly error?: string;
}

interface RestMapping {
  /** e.g. /apis/apps/v1 */
  readonly prefix: string;
  /** plural resource name, e.g. daemonsets */
  readonly resource: string;
  readonly namespaced: boolean;
}

interface Response {
  readonly status: number;
  readonly body: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client of one API server, with the REST mappings its discovery lists. */
export class ApiOracle {
  /** Connects: reads discovery (core and every group version). */
  public static async connect(target: OracleTarget, options: { maxSockets?: number } = {}): Promise<ApiOracle> {
    const oracle = new ApiOracle(target, options.maxSockets ?? 8);
    await oracle.discover();
    return oracle;
  }

  private readonly agent: https.Agent;
  private readonly mappings = new Map<string, RestMapping>();
  private readonly created: string[] = [];

  private constructor(private readonly target: OracleTarget, maxSockets: number) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets, rejectUnauthorized: false });
  }

  /** The REST mapping of an apiVersion/kind pair, exactly as written (kinds are case-sensitive). */
  public mappingOf(apiVersion: unknown, kind: unknown): RestMapping | undefined {
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
    return this.mappings.get(`${apiVersion}|${kind}`);
  }

  /** Dry-run create of `object`; namespaced objects go to their own namespace, else `defaultNamespace`. */
  public async dryRunCreate(object: any, defaultNamespace: string): Promise<Verdict> {
    const isObject = object !== null && typeof object === 'object' && !Array.isArray(object);
    const mapping = isObject ? this.mappingOf(object.apiVersion, object.kind) : undefined;
    if (!mapping) {
      const apiVersion = isObject ? JSON.stringify(object.apiVersion) : 'none';
      const kind = isObject ? JSON.stringify(object.kind) : 'none';
      return { rejected: true, status: 404, reason: 'NoKindMatch', message: `no matches for kind ${kind} in version ${apiVersion}` };
    }
    const path = `${this.collectionPath(mapping, object, defaultNamespace)}?dryRun=All&fieldValidation=Strict`;
    const res = await this.requestWithRetries('POST', path, JSON.stringify(object));
    if ('error' in res) return { rejected: false, status: 0, error: res.error };
    return verdictOf(res);
  }

  /**
   * Really creates the objects a Pod may refer to and admission looks up (the namespace, ServiceAccounts,
   * PriorityClasses, RuntimeClasses), so that a Pod is judged on its own content and not on what this
   * empty cluster lacks. Names the API refuses are skipped: pods naming them are rejected anyway.
   */
  public async prepare(namespace: string, refs: { serviceAccounts: string[]; priorityClasses: string[]; runtimeClasses: string[] }): Promise<void> {
    await this.ensure('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    for (const name of ['default', ...refs.serviceAccounts]) {
      await this.ensure(`/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
    }
    for (const name of refs.priorityClasses) {
      await this.ensure('/apis/scheduling.k8s.io/v1/priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000 });
    }
    for (const name of refs.runtimeClasses) {
      await this.ensure('/apis/node.k8s.io/v1/runtimeclasses', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler: 'runc' });
    }
  }

  /** Deletes what `prepare` created (the namespace last), and closes the connections. */
  public async cleanup(): Promise<void> {
    for (const p of [...this.created].reverse()) await this.request('DELETE', p).catch(() => undefined);
    this.created.length = 0;
    this.agent.destroy();
  }

  /** Closes the connections without deleting anything. */
  public close(): void {
    this.agent.destroy();
  }

  private collectionPath(m: RestMapping, object: any, defaultNamespace: string): string {
    if (!m.namespaced) return `${m.prefix}/${m.resource}`;
    const ns = object.metadata?.namespace;
    const namespace = typeof ns === 'string' && ns !== '' ? ns : defaultNamespace;
    return `${m.prefix}/namespaces/${encodeURIComponent(namespace)}/${m.resource}`;
  }

  private async ensure(collection: string, object: any): Promise<void> {
    const res = await this.request('POST', collection, JSON.stringify(object)).catch(() => undefined);
    if (res?.status === 201) this.created.push(`${collection}/${encodeURIComponent(object.metadata.name)}`);
  }

  private async discover(): Promise<void> {
    const gvs = ['/api/v1'];
    const groups = JSON.parse((await this.get('/apis')).body);
    for (const g of groups.groups ?? []) for (const v of g.versions ?? []) gvs.push(`/apis/${v.groupVersion}`);
    for (const prefix of gvs) {
      const list = JSON.parse((await this.get(prefix)).body);
      for (const r of list.resources ?? []) {
        if (String(r.name).includes('/') || !(r.verbs ?? []).includes('create')) continue;
        this.mappings.set(`${list.groupVersion}|${r.kind}`, { prefix, resource: r.name, namespaced: !!r.namespaced });
      }
    }
  }

  private async get(path: string): Promise<Response> {
    const res = await this.requestWithRetries('GET', path);
    if ('error' in res) throw new Error(`GET ${path}: ${res.error}`);
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
    return res;
  }

  /** A request retried on transport errors, 429 and 5xx (the API server under load), 3 attempts. */
  private async requestWithRetries(method: string, path: string, body?: string): Promise<Response | { error: string }> {
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) await sleep(200 * attempt);
      try {
        const res = await this.request(method, path, body);
        if ((res.status !== 429 && res.status < 500) || isInvalidPath(res)) return res;
        last = `HTTP ${res.status}: ${res.body.slice(0, 300)}`;
      } catch (e) {
        last = (e as Error).message;
      }
    }
    return { error: last };
  }

  private request(method: string, path: string, body?: string): Promise<Response> {
    const url = new URL(path, this.target.server);
    return new Promise((resolve, reject) => {
      const req = https.request(url, {
        method,
        agent: this.agent,
        headers: {
          Authorization: `Bearer ${this.target.token}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
        },
        timeout: 30_000,
      }, (res: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf-8') }));
      });
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(body);
    });
  }
}

/** The API server's answer to a path whose namespace or name segment is not a valid name (see above). */
function isInvalidPath(res: Response): boolean {
  return res.status === 500 && /invalid resource name/.test(res.body);
}

/** The verdict of a dry-run create response (see the module comment). */
function verdictOf(res: Response): Verdict {
  let status: any = {};
  try {
    status = JSON.parse(res.body);
  } catch {
    status = { message: res.body.slice(0, 500) };
  }
  if (res.status >= 200 && res.status < 300) return { rejected: false, status: res.status };
  const reason = typeof status.reason === 'string' ? status.reason : undefined;
  const message = typeof status.message === 'string' ? status.message : undefined;
  if (res.status === 409 && reason === 'AlreadyExists') return { rejected: false, status: res.status, reason, message };
  return { rejected: true, status: res.status, reason, message };
}
