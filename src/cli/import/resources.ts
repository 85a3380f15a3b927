/**
 * A container's `resources` as typed props: `resources` (`kplus.Cpu`, `Size`) for amounts those render back
 * unchanged, `resourceQuantities` (`ResourceQuantity.of`) for the rest, `AgentResources.noCpu()` / `noMemory()` for a
 * resource the input leaves out (the library would otherwise add its agent defaults), and `extendedResources`.
 */
import { arr, call, Expr, lit, obj } from './code';
import { checkResourceQuantity } from '../../k8s/quantity-syntax';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const onlyKeys = (o: any, keys: string[]) => o !== null && typeof o === 'object' && Object.keys(o).every(k => keys.includes(k));

/** `kplus.Cpu` for a CPU quantity the library renders back unchanged. */
function cpu(q: unknown): Expr | undefined {
  if (typeof q === 'string' && /^[1-9]\d*m$/.test(q)) return call('kplus.Cpu.millis', lit(parseInt(q, 10)));
  if (isInt(q) && q > 0) return call('kplus.Cpu.units', lit(q));
  if (typeof q === 'string' && /^[1-9]\d*$/.test(q)) return call('kplus.Cpu.units', lit(parseInt(q, 10)));
  return undefined;
}

/** `Size` for a memory quantity the library renders back unchanged (whole Gi, Mi or Ki: sizes render in the unit written). */
export function size(q: unknown): Expr | undefined {
  if (typeof q !== 'string') return undefined;
  const m = /^([1-9]\d*)(Gi|Mi|Ki)$/.exec(q);
  if (!m) return undefined;
  const n = parseInt(m[1], 10);
  if (m[2] === 'Ki' && n % 1024 === 0) return undefined;
  return call(m[2] === 'Gi' ? 'Size.gibibytes' : m[2] === 'Mi' ? 'Size.mebibytes' : 'Size.kibibytes', lit(n));
}

/** `ResourceQuantity.of` for a quantity written as a string Kubernetes accepts (a YAML number stays untyped). */
function verbatim(q: unknown): Expr | undefined {
  return typeof q === 'string' && checkResourceQuantity(q) === undefined ? call('ResourceQuantity.of', lit(q)) : undefined;
}

/** The typed bounds of one resource: `{ request, limit }` by the converter, or undefined when one is given but cannot be written. */
function bounds(limit: unknown, request: unknown, conv: (q: unknown) => Expr | undefined): Expr | undefined {
  const l = limit !== undefined ? conv(limit) : undefined;
  const r = request !== undefined ? conv(request) : undefined;
  if ((limit !== undefined && !l) || (request !== undefined && !r)) return undefined;
  return obj({ request: r, limit: l });
}

const KINDS = [
  { k8s: 'cpu', prop: 'cpu', conv: cpu, none: 'AgentResources.noCpu' },
  { k8s: 'memory', prop: 'memory', conv: size, none: 'AgentResources.noMemory' },
  { k8s: 'ephemeral-storage', prop: 'ephemeralStorage', conv: size, none: undefined },
] as const;

/** `extendedResources` for the input's extended resources (a count, equal request and limit or a limit alone). */
function extendedResourcesFor(limits: any, requests: any): Expr | undefined | null {
  const names = Object.keys({ ...limits, ...requests }).filter(k => !KINDS.some(kind => kind.k8s === k));
  if (names.length === 0) return undefined;
  const items: Expr[] = [];
  for (const name of names) {
    const count = Number(limits[name]);
    // A limit alone is a request of the same amount to Kubernetes; the library writes it back as a limit only.
    const limitOnly = requests[name] === undefined;
    if ((!limitOnly && String(limits[name]) !== String(requests[name])) || !Number.isInteger(count) || count <= 0) return null;
    items.push(limitOnly ? call('ExtendedResource.of', lit(name), lit(count), obj({ limitOnly: lit(true) })) : call('ExtendedResource.of', lit(name), lit(count)));
  }
  return arr(items);
}

/**
 * `resources`, `resourceQuantities` and `extendedResources` props for a container's resources, when the library
 * renders them back unchanged; undefined for an empty `resources` (left to the escape hatch, or to the library's
 * defaults with `--adopt-defaults`) and for what has no typed form.
 */
export function resourcesFor(r: any): [string, Expr][] | undefined {
  if (!onlyKeys(r, ['limits', 'requests'])) return undefined;
  const limits = r.limits ?? {};
  const requests = r.requests ?? {};
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) return undefined;
  const typed: [string, Expr][] = [];
  const quantities: [string, Expr][] = [];
  for (const kind of KINDS) {
    const limit = limits[kind.k8s];
    const request = requests[kind.k8s];
    if (limit === undefined && request === undefined) {
      // The library fills an absent cpu or memory with its agent defaults, which the input does not have.
      if (kind.none) typed.push([kind.prop, call(kind.none)]);
      continue;
    }
    const own = bounds(limit, request, kind.conv);
    const written = own ? undefined : bounds(limit, request, verbatim);
    if (!own && !written) return undefined;
    if (own) typed.push([kind.prop, own]);
    else quantities.push([kind.prop, written!]);
  }
  const extended = extendedResourcesFor(limits, requests);
  if (extended === null) return undefined;
  return [
    ...typed.length > 0 ? [['resources', obj(typed)] as [string, Expr]] : [],
    ...quantities.length > 0 ? [['resourceQuantities', obj(quantities)] as [string, Expr]] : [],
    ...extended ? [['extendedResources', extended] as [string, Expr]] : [],
  ];
}
