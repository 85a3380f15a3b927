import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { DaemonSetsError, describeValue } from './errors';
import { checkInstance, checkObject } from './input-checks';

const AT = 'DaemonSetUpdateStrategy.rollingUpdate';

/**
 * Options for `DaemonSetUpdateStrategy.rollingUpdate()`.
 */
export interface RollingUpdateOptions {
  /**
   * The most nodes that may be without a ready pod of this DaemonSet during the update,
   * as a number or a percentage of the nodes that should run it.
   *
   * Must be 0 (or omitted) when `maxSurge` is non-zero: the API server refuses both non-zero.
   *
   * @default - 0 when `maxSurge` is non-zero, else 1 (the Kubernetes default); emitted explicitly
   */
  readonly maxUnavailable?: kplus.PercentOrAbsolute;

  /**
   * The most nodes that may run an extra, new pod next to the old one during the update.
   * A surge needs the old and new pod to coexist on a node: it cannot be used with host ports.
   * A non-zero surge needs `maxUnavailable` 0, which is then the default.
   *
   * @default - 0 (no surge)
   */
  readonly maxSurge?: kplus.PercentOrAbsolute;
}

/**
 * What a DaemonSet offers instead of a Deployment's `Recreate` strategy, which cloud consoles (Volcengine VKE)
 * show on their DaemonSet forms too: the answer of `DaemonSetUpdateStrategy.recreate()` and of the props checks.
 * @internal
 */
export const RECREATE_ANSWER = 'a DaemonSet has no Recreate strategy (that is a Deployment\'s; the API server accepts only RollingUpdate '
  + 'and OnDelete for a DaemonSet): use DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.percent(100) }) '
  + 'to replace every pod at once, as Recreate does, or DaemonSetUpdateStrategy.onDelete() to replace each pod only when you delete it';

/**
 * How a DaemonSet replaces its pods when the pod template changes.
 */
export class DaemonSetUpdateStrategy {
  /**
   * Replace pods only when they are deleted by hand (`OnDelete`).
   */
  public static onDelete(): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('OnDelete');
  }

  /**
   * There is no `Recreate` strategy for a DaemonSet (it is a Deployment's, which some consoles also show for
   * DaemonSets): this always throws a `DaemonSetsError` that says what to use instead.
   * `rollingUpdate({ maxUnavailable: PercentOrAbsolute.percent(100) })` replaces every pod at once, as Recreate
   * does; `onDelete()` replaces a pod only when you delete it.
   */
  public static recreate(): DaemonSetUpdateStrategy {
    throw new DaemonSetsError(`DaemonSetUpdateStrategy.recreate: ${RECREATE_ANSWER}.`, 'DaemonSetUpdateStrategy.recreate', 'type');
  }

  /**
   * Replace pods node by node (`RollingUpdate`), keeping at most `maxUnavailable`
   * nodes without a ready pod and surging at most `maxSurge` new pods.
   */
  public static rollingUpdate(options: RollingUpdateOptions = {}): DaemonSetUpdateStrategy {
    checkObject(AT, 'options', options, 'a RollingUpdateOptions object ({ maxUnavailable?, maxSurge? })');
    const made = 'a kplus.PercentOrAbsolute (PercentOrAbsolute.absolute(n) or PercentOrAbsolute.percent(n))';
    const maxSurge = options.maxSurge === undefined ? undefined : checkInstance(AT, 'maxSurge', options.maxSurge, kplus.PercentOrAbsolute, made);
    if (maxSurge) checkAmount('maxSurge', maxSurge);
    const surging = maxSurge !== undefined && !maxSurge.isZero();
    const maxUnavailable = options.maxUnavailable === undefined ? kplus.PercentOrAbsolute.absolute(surging ? 0 : 1)
      : checkInstance(AT, 'maxUnavailable', options.maxUnavailable, kplus.PercentOrAbsolute, made);
    checkAmount('maxUnavailable', maxUnavailable);
    // mirrors ValidateRollingUpdateDaemonSet in pkg/apis/apps/validation/validation.go:
    // maxSurge may not be set when maxUnavailable is non-zero.
    if (surging && !maxUnavailable.isZero()) {
      throw new DaemonSetsError(`DaemonSetUpdateStrategy.rollingUpdate: maxUnavailable is ${String(maxUnavailable.value)} and maxSurge is ${String(maxSurge!.value)}; the API server refuses a non-zero maxSurge next to a non-zero maxUnavailable: set maxUnavailable to 0 (or omit it) to surge, or drop maxSurge.`, AT, 'maxSurge');
    }
    if (maxUnavailable.isZero() && (!maxSurge || maxSurge.isZero())) {
      throw new DaemonSetsError('DaemonSetUpdateStrategy.rollingUpdate: maxUnavailable and maxSurge are both zero, so no pod could ever be replaced; set maxUnavailable >= 1 (or a percentage) or maxSurge >= 1.', AT, 'maxUnavailable');
    }
    return new DaemonSetUpdateStrategy('RollingUpdate', maxUnavailable, maxSurge);
  }

  /**
   * The strategy type: `RollingUpdate` or `OnDelete`.
   */
  public readonly type: string;

  /**
   * Nodes that may be without a ready pod during a rolling update (undefined for OnDelete).
   */
  public readonly maxUnavailable?: kplus.PercentOrAbsolute;

  /**
   * Extra pods that may run during a rolling update (undefined when no surge).
   */
  public readonly maxSurge?: kplus.PercentOrAbsolute;

  private constructor(type: string, maxUnavailable?: kplus.PercentOrAbsolute, maxSurge?: kplus.PercentOrAbsolute) {
    this.type = type;
    this.maxUnavailable = maxUnavailable;
    this.maxSurge = maxSurge;
  }

  /**
   * Whether this strategy surges new pods next to old ones on the same node.
   */
  public get surges(): boolean {
    return this.maxSurge !== undefined && !this.maxSurge.isZero();
  }

  /**
   * @internal
   */
  public _toKube(): k8s.DaemonSetUpdateStrategy {
    if (this.type === 'OnDelete') {
      return { type: 'OnDelete' };
    }
    return {
      type: 'RollingUpdate',
      rollingUpdate: {
        maxUnavailable: toIntOrString(this.maxUnavailable!),
        maxSurge: this.maxSurge ? toIntOrString(this.maxSurge) : undefined,
      },
    };
  }
}

function toIntOrString(value: kplus.PercentOrAbsolute): k8s.IntOrString {
  return typeof value.value === 'string' ? k8s.IntOrString.fromString(value.value) : k8s.IntOrString.fromNumber(value.value);
}

function checkAmount(field: string, value: kplus.PercentOrAbsolute) {
  const raw: unknown = value.value;
  const isPercent = typeof raw === 'string' && /^[0-9]+%$/.test(raw);
  const amount = isPercent ? Number((raw as string).slice(0, -1)) : raw;
  const shown = typeof raw === 'string' ? raw : describeValue(raw);
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > 2147483647) {
    throw new DaemonSetsError(`DaemonSetUpdateStrategy.rollingUpdate: ${field} is ${shown}; it must be a non-negative integer or a percentage between 0% and 100%.`, AT, field);
  }
  if (isPercent && amount > 100) {
    throw new DaemonSetsError(`DaemonSetUpdateStrategy.rollingUpdate: ${field} is ${shown}; a percentage must be between 0% and 100%.`, AT, field);
  }
}
