import { Size } from 'cdk8s';
import { DaemonSetsError, describeValue } from '../errors';
import { checkSize } from '../input-checks';

const MIB = 1024 * 1024;

/**
 * A `Size` as a whole number of `unitMib`-MiB units within [min, max] units: the value rule of GPU memory shares
 * (mGPU counts MiB, CCE's xGPU counts 128 MiB). Throws a `DaemonSetsError` naming the factory, the field, the
 * value and what is allowed.
 * @internal
 */
export function sizeInUnits(at: string, field: string, value: unknown, unitMib: number, min: number, max: number): number {
  const bytes = checkSize(at, field, value);
  const units = bytes / (unitMib * MIB);
  const unit = unitMib === 1 ? 'MiB' : `${unitMib} MiB`;
  const range = `between ${min * unitMib} MiB and ${max * unitMib} MiB`;
  if (!Number.isInteger(units)) {
    throw new DaemonSetsError(`${at}: ${field} is ${shownSize(value as Size)}; it must be a whole number of ${unit}, ${range}.`, at, field);
  }
  if (units < min || units > max) {
    throw new DaemonSetsError(`${at}: ${field} is ${shownSize(value as Size)}; it must be ${range}.`, at, field);
  }
  return units;
}

/**
 * A whole number within [min, max] (and a multiple of `step`): the value rule of device counts and compute
 * percentages. Throws a `DaemonSetsError` naming the factory, the field, the value and what is allowed.
 * @internal
 */
export function wholeNumber(at: string, field: string, value: unknown, min: number, max: number, what: string, step = 1): number {
  const allowed = `a whole number of ${what} from ${min} to ${max}${step > 1 ? ` in steps of ${step}` : ''}`;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max || value % step !== 0) {
    throw new DaemonSetsError(`${at}: ${field} is ${describeValue(value)}; it must be ${allowed}.`, at, field);
  }
  return value;
}

function shownSize(size: Size): string {
  const kib = size.toKibibytes();
  return kib % 1024 === 0 ? `${kib / 1024} MiB` : `${kib} KiB`;
}
