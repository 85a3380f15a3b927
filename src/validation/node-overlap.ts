type Json = { [key: string]: any };

/**
 * A port a pod takes on its node: every container port when the pod uses the host network,
 * otherwise only declared `hostPort`s.
 * @internal
 */
export interface HostPortUse {
  /** `9100/TCP` */
  readonly key: string;
  readonly port: number;
  readonly protocol: string;
  readonly container: string;
  readonly portName?: string;
}

/**
 * The host ports a rendered pod spec takes on each node it runs on.
 * @internal
 */
export function hostPortsOf(podSpec: Json): HostPortUse[] {
  const uses: HostPortUse[] = [];
  const seen = new Set<string>();
  // Init containers hold their ports only when they keep running (sidecars, restartPolicy Always).
  const sidecars = (podSpec.initContainers ?? []).filter((c: Json) => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...podSpec.containers ?? []]) {
    for (const p of c.ports ?? []) {
      const port = podSpec.hostNetwork === true ? (p.hostPort ?? p.containerPort) : p.hostPort;
      if (typeof port !== 'number') continue;
      const protocol = p.protocol ?? 'TCP';
      const key = `${port}/${protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      uses.push({ key, port, protocol, container: c.name, portName: p.name });
    }
  }
  return uses;
}

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: string[];
}

/**
 * The node requirements of a rendered pod spec as alternatives (OR) of requirement lists (AND):
 * nodeSelector and nodeName hold in every alternative; each required node affinity term is one
 * alternative. Returns an empty list when no node can satisfy them.
 */
function nodeRequirements(podSpec: Json): Requirement[][] {
  const always: Requirement[] = Object.entries<string>(podSpec.nodeSelector ?? {})
    .map(([key, value]) => ({ key: `label:${key}`, operator: 'In', values: [String(value)] }));
  if (typeof podSpec.nodeName === 'string' && podSpec.nodeName !== '') {
    always.push({ key: 'field:metadata.name', operator: 'In', values: [podSpec.nodeName] });
  }
  const terms: Json[] | undefined = podSpec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return [always];
  const alternatives: Requirement[][] = [];
  for (const term of terms) {
    const exprs: Requirement[] = [
      ...(term.matchExpressions ?? []).map((e: Json) => ({ key: `label:${e.key}`, operator: e.operator, values: (e.values ?? []).map(String) })),
      ...(term.matchFields ?? []).map((e: Json) => ({ key: `field:${e.key}`, operator: e.operator, values: (e.values ?? []).map(String) })),
    ];
    // An empty term matches no node.
    if (exprs.length > 0) alternatives.push([...always, ...exprs]);
  }
  return alternatives;
}

/** Whether some node could carry labels (and fields) meeting every requirement. */
function satisfiable(requirements: Requirement[]): boolean {
  const byKey = new Map<string, Requirement[]>();
  for (const r of requirements) byKey.set(r.key, [...byKey.get(r.key) ?? [], r]);
  for (const reqs of byKey.values()) {
    let allowed: Set<string> | undefined;
    const excluded = new Set<string>();
    let mustExist = false;
    let mustNotExist = false;
    let above = -Infinity;
    let below = Infinity;
    for (const r of reqs) {
      switch (r.operator) {
        case 'In':
          mustExist = true;
          allowed = allowed ? new Set([...allowed].filter(v => r.values.includes(v))) : new Set(r.values);
          break;
        case 'NotIn':
          r.values.forEach(v => excluded.add(v));
          break;
        case 'Exists':
          mustExist = true;
          break;
        case 'DoesNotExist':
          mustNotExist = true;
          break;
        case 'Gt':
          mustExist = true;
          above = Math.max(above, Number(r.values[0]));
          break;
        case 'Lt':
          mustExist = true;
          below = Math.min(below, Number(r.values[0]));
          break;
        default:
          // Unknown operators are not ours to judge: assume they can be met.
          break;
      }
    }
    if (mustExist && mustNotExist) return false;
    const inRange = (v: string) => {
      if (above === -Infinity && below === Infinity) return true;
      const n = Number(v);
      return Number.isInteger(n) && n > above && n < below;
    };
    if (allowed) {
      if (![...allowed].some(v => !excluded.has(v) && inRange(v))) return false;
    } else if (below - above <= 1) {
      return false;
    }
  }
  return true;
}

/**
 * Whether two rendered pod specs can land on the same node: their nodeSelector, nodeName and
 * required node affinity are checked for a combination some node could meet. Tolerations only
 * widen the choice, and every node without taints admits both, so they are not considered.
 * When unsure, the answer is yes.
 * @internal
 */
export function nodesCanOverlap(a: Json, b: Json): boolean {
  const ra = nodeRequirements(a);
  const rb = nodeRequirements(b);
  return ra.some(x => rb.some(y => satisfiable([...x, ...y])));
}
