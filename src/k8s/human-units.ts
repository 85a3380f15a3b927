/**
 * Resource amounts in the units people think in, for finding messages: CPU in cores (`30000m` → `30 cores`,
 * `500m` → `0.5 cores`), byte-sized resources in binary units (`2147483648` → `2 GiB`). The one formatter of
 * quantities in rule messages; `formatAmount` (quantity.ts) keeps Kubernetes' own notation for reports and tables.
 * A message never rounds silently: a byte amount no binary unit shows exactly in two decimals is written in the
 * decimal unit that does (`100M` → `100 MB`), and only an amount neither shows is rounded to two decimals.
 */
import { isBytes, parseQuantity } from './quantity';

const BINARY_UNITS: readonly [string, number][] = [['EiB', 2 ** 60], ['PiB', 2 ** 50], ['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]];
const DECIMAL_UNITS: readonly [string, number][] = [['EB', 1e18], ['PB', 1e15], ['TB', 1e12], ['GB', 1e9], ['MB', 1e6], ['kB', 1e3]];

/** `n` with at most `decimals` decimals and no trailing zeros, never in exponent notation for the amounts we meet. */
function trimmed(n: number, decimals: number): string {
  return String(Number(n.toFixed(decimals)));
}

/** Whether `n` has at most two decimals, beyond floating-point noise. */
function twoDecimals(n: number): boolean {
  return Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
}

/**
 * CPU cores for a message: `30` → `30 cores`, `0.5` → `0.5 cores`, `1` → `1 core`, `0.25` → `0.25 cores`.
 * Millicore precision (what the API server keeps); a finer amount is shown to three significant digits.
 * @param cores the amount in cores (`parseQuantity('500m')` is 0.5)
 */
export function formatCores(cores: number): string {
  if (!Number.isFinite(cores)) return `${cores} cores`;
  const millis = Math.round(cores * 1000);
  const exact = Math.abs(millis - cores * 1000) < 1e-6;
  const shown = exact ? String(millis / 1000) : String(Number(cores.toPrecision(3)));
  return `${shown} ${shown === '1' ? 'core' : 'cores'}`;
}

/**
 * Bytes for a message: the largest binary unit at or below the amount when it shows it exactly in two decimals
 * (`2147483648` → `2 GiB`, `1.5 GiB`, `640 MiB`); else the largest decimal unit that does (`100M` → `100 MB`);
 * else the binary unit rounded to two decimals (`117.74 MiB`). Below 1 KiB: `512 bytes`, `1 byte`.
 * @param bytes the amount in bytes
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  const binary = BINARY_UNITS.find(([, size]) => bytes >= size);
  if (binary === undefined) {
    const shown = trimmed(bytes, 2);
    return `${shown} ${shown === '1' ? 'byte' : 'bytes'}`;
  }
  const [unit, size] = binary;
  if (twoDecimals(bytes / size)) return `${trimmed(bytes / size, 2)} ${unit}`;
  const decimal = DECIMAL_UNITS.find(([, s]) => bytes >= s && twoDecimals(bytes / s));
  if (decimal !== undefined) return `${trimmed(bytes / decimal[1], 2)} ${decimal[0]}`;
  return `${trimmed(bytes / size, 2)} ${unit}`;
}

/**
 * The resource a name measures, without a quota's `requests.` / `limits.` prefix: `requests.cpu` → `cpu`,
 * `limits.memory` → `memory`, `requests.storage` → `storage`.
 */
function measured(resource: string): string {
  return resource.replace(/^(requests|limits)\./, '');
}

/** Whether a resource (a container's, a quota's or a volume's) is measured in bytes. */
function inBytes(resource: string): boolean {
  const r = measured(resource);
  return isBytes(r) || r === 'storage';
}

/**
 * An amount of a resource for a message: `cpu` in cores, byte-sized resources (memory, ephemeral-storage, storage,
 * hugepages-<size>, with or without a quota's `requests.`/`limits.` prefix) in binary units, anything else (pods,
 * GPUs and other extended resources) as a plain number.
 * @param resource the resource name (`cpu`, `requests.memory`, `nvidia.com/gpu` ...)
 * @param value the amount (cores for cpu, bytes for byte-sized resources, a count otherwise)
 */
export function humanAmount(resource: string, value: number): string {
  if (measured(resource) === 'cpu') return formatCores(value);
  if (inBytes(resource)) return formatBytes(value);
  return trimmed(value, 3);
}

/**
 * A quantity as written in a manifest (`'30000m'`, `'2Gi'`, `2147483648`), for a message: `humanAmount` of its
 * value, or the text itself when it is not a quantity (a message about a malformed quantity shows what was written).
 * @param resource the resource name the quantity is an amount of
 * @param quantity the quantity as written: a string or a number
 */
export function humanQuantity(resource: string, quantity: unknown): string {
  const value = typeof quantity === 'string' || typeof quantity === 'number' ? parseQuantity(quantity) : undefined;
  if (value === undefined) return typeof quantity === 'string' ? quantity : JSON.stringify(quantity) ?? String(quantity);
  return humanAmount(resource, value);
}
