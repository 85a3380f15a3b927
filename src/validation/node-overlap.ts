import { asList, asObject, entriesOf, isObject, objectItems, str, text } from '../k8s/shape';

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
export function hostPortsOf(podSpecInput: Json): HostPortUse[] {
  const podSpec = asObject(podSpecInput);
  const uses: HostPortUse[] = [];
  const seen = new Set<string>();
  // Init containers hold their ports only when they keep running (sidecars, restartPolicy Always).
  const sidecars = objectItems(podSpec.initContainers).map(x => x.item).filter(c => c.restartPolicy === 'Always');
  for (const c of [...sidecars, ...objectItems(podSpec.containers).map(x => x.item)]) {
    for (const { item: p } of objectItems(c.ports)) {
      const port = podSpec.hostNetwork === true ? (p.hostPort ?? p.containerPort) : p.hostPort;
      if (typeof port !== 'number') continue;
      const protocol = text(p.protocol ?? 'TCP');
      const key = `${port}/${protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      uses.push({ key, port, protocol, container: text(c.name), portName: str(p.name) });
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
function nodeRequirements(podSpecInput: Json): Requirement[][] {
  const podSpec = asObject(podSpecInput);
  const always: Requirement[] = entriesOf(podSpec.nodeSelector)
    .map(([key, value]) => ({ key: `label:${key}`, operator: 'In', values: [text(value)] }));
  if (typeof podSpec.nodeName === 'string' && podSpec.nodeName !== '') {
    always.push({ key: 'field:metadata.name', operator: 'In', values: [podSpec.nodeName] });
  }
  const required = asObject(asObject(asObject(podSpec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  // Terms of the wrong shape are the schema rule's to report; here they restrict nothing (when unsure, overlap).
  const terms = asList(required.nodeSelectorTerms);
  if (terms.length === 0) return [always];
  const alternatives: Requirement[][] = [];
  const requirement = (prefix: string) => ({ item: e }: { item: Json }): Requirement =>
    ({ key: `${prefix}:${text(e.key)}`, operator: text(e.operator), values: asList(e.values).map(text) });
  for (const term of terms) {
    if (!isObject(term)) {
      alternatives.push(always);
      continue;
    }
    const exprs: Requirement[] = [
      ...objectItems(term.matchExpressions).map(requirement('label')),
      ...objectItems(term.matchFields).map(requirement('field')),
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
