/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): a signed decimal
 * number with an optional binary (Ki, Mi, ...), decimal (m, k, M, ...) or exponent suffix.
 */

const QUANTITY = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const SUFFIX: { [suffix: string]: number } = {
  '': 1,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/**
 * The numeric value of a quantity (e.g. `'250m'` → 0.25, `'64Mi'` → 67108864),
 * or undefined when the text is not a quantity.
 */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  // Manifests repeat a few amounts ('50m', '64Mi') many times: each text is parsed once (a bounded cache).
  if (PARSED.has(value)) return PARSED.get(value);
  const parsed = parseQuantityText(value);
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(value, parsed);
  return parsed;
}

/** Texts parsed so far and their values; emptied when it reaches `PARSED_LIMIT` entries, so it never grows unbounded. */
const PARSED = new Map<string, number | undefined>();
const PARSED_LIMIT = 4096;

function parseQuantityText(value: string): number | undefined {
  const m = QUANTITY.exec(value.trim());
  if (!m || !/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(m[1])) return undefined;
  const number = Number(m[1]);
  const suffix = m[2] ?? '';
  // 'E' and 'Ei' are exa suffixes; only 'e'/'E' followed by digits is an exponent.
  if (/^[eE][+-]?[0-9]+$/.test(suffix)) return number * 10 ** Number(suffix.substring(1));
  // Divide for milli so that '700m' is exactly 0.7, as '0.7' is.
  return suffix === 'm' ? number / 1000 : number * SUFFIX[suffix];
}

/**
 * Whether quantity `a` exceeds `b` beyond floating-point noise (sums of millicores such as
 * 70m x 100 are not exact in binary floating point).
 */
export function exceeds(a: number, b: number): boolean {
  return a - b > Math.max(Math.abs(a), Math.abs(b)) * 1e-9;
}

/**
 * Whether a request exceeds its limit (the API server rejects such a container); false when either is not a
 * quantity. The one request <= limit rule, for the semantics rule and the constructs.
 * @internal
 */
export function requestExceedsLimit(request: string | number, limit: string | number): boolean {
  const r = parseQuantity(request);
  const l = parseQuantity(limit);
  return r !== undefined && l !== undefined && exceeds(r, l);
}

/**
 * A resource amount as Kubernetes prints it: cpu in cores or millicores (`250m`, `2`),
 * byte-sized resources in binary units (`64Mi`, `1.5Gi`, `1280Mi`), others as plain numbers. The one formatter of
 * amounts: reports, placement-fit and quota-fit messages.
 * @internal
 */
export function formatAmount(resource: string, value: number): string {
  if (resource === 'cpu') {
    const millis = Math.round(value * 1000);
    return millis % 1000 === 0 ? `${millis / 1000}` : `${millis}m`;
  }
  if (isBytes(resource)) {
    const units: [string, number][] = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
    // Exact in the largest unit that shows it in a few digits with at most one decimal (`12.5Gi`, `1280Mi`), so a
    // message never rounds a need down to the quota it exceeds; otherwise rounded to one decimal of the largest unit.
    for (const [suffix, size] of units) {
      if (value >= size && value / size < 10240 && Number.isInteger((value * 10) / size)) return `${value / size}${suffix}`;
    }
    for (const [suffix, size] of units) {
      if (value >= size) {
        const n = value / size;
        const rounded = Math.round(n * 10) / 10;
        return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)}${suffix}`;
      }
    }
    return `${Math.round(value)}`;
  }
  return `${Math.round(value * 1000) / 1000}`;
}

/** Whether a resource is measured in bytes. @internal */
export function isBytes(resource: string): boolean {
  return resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-');
}
