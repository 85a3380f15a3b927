import { ApiObject, ApiObjectMetadata, ApiObjectMetadataDefinition } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, Node } from 'constructs';
import { DaemonSetsError } from '../errors';
import * as monitoring from '../imports/monitoring.coreos.com';
import { SUPPRESSION_PREFIX } from '../k8s/well-known';
import { labelValueFromName, SELECTOR_INSTANCE_LABEL, SELECTOR_NAME_LABEL } from '../selector-labels';

// What the presets share: metadata, labels, suppressions, the monitor objects and the ServiceAccount reference.

/**
 * The metadata without the keys explicitly set to `undefined`: cdk8s treats `{ name: undefined }` as a name
 * given (and emits none) instead of generating one, so a preset passes on only what was really given.
 * @internal
 */
export function givenMetadata(metadata: ApiObjectMetadata | undefined): ApiObjectMetadata | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as ApiObjectMetadata;
}

/**
 * The pod metadata a preset passes to `DaemonSet`: what was given, plus the preset's component as the
 * `app.kubernetes.io/name` label unless the caller set one. The base DaemonSet selects on that label (and on
 * the instance name), so the preset's pods are selected by component and name, never by construct path.
 * @internal
 */
export function presetPodMetadata(metadata: ApiObjectMetadata | undefined, component: string): ApiObjectMetadata {
  const given = givenMetadata(metadata) ?? {};
  return { ...given, labels: { [SELECTOR_NAME_LABEL]: component, ...given.labels } };
}

/**
 * The labels every object of a preset carries: the app, the instance (the DaemonSet's name, as a label value:
 * the value the selector uses) and the component.
 * @internal
 */
export function presetLabels(app: string, daemonSetName: string, component: string): { [key: string]: string } {
  return {
    [SELECTOR_NAME_LABEL]: app,
    [SELECTOR_INSTANCE_LABEL]: labelValueFromName(daemonSetName),
    'app.kubernetes.io/component': component,
  };
}

/**
 * Annotates the DaemonSet with suppressions of the best-practice rules the preset breaks by design, each
 * with its reason, so reports say why; an annotation the user gave for the same rule is kept.
 * @param given the annotations the user passed in `metadata`
 * @internal
 */
export function suppressByDesign(
  metadata: ApiObjectMetadataDefinition, given: { [key: string]: string } | undefined, reasons: { [rule: string]: string },
): void {
  for (const [rule, reason] of Object.entries(reasons)) {
    const key = `${SUPPRESSION_PREFIX}${rule}`;
    if (given?.[key] === undefined) metadata.addAnnotation(key, reason);
  }
}

/**
 * How Prometheus (prometheus-operator) discovers a preset's metrics endpoints.
 */
export enum MetricsMonitor {
  /** No monitor object: scrape through your own configuration. */
  NONE = 'None',
  /** A `ServiceMonitor` selecting the preset's metrics Service. */
  SERVICE_MONITOR = 'ServiceMonitor',
  /** A `PodMonitor` selecting the preset's pods directly. */
  POD_MONITOR = 'PodMonitor',
}

/** What a preset's ServiceMonitor or PodMonitor holds. @internal */
export interface MonitorSpec {
  readonly metadata: ApiObjectMetadata;
  /** The label whose value names the scrape job. */
  readonly jobLabel?: string;
  /** The labels of the Service (ServiceMonitor) or pods (PodMonitor) to scrape. */
  readonly matchLabels: { [key: string]: string };
  /** The one endpoint: port, path, scheme, interval, relabelings, ... */
  readonly endpoint: { [key: string]: any };
}

/**
 * A preset's prometheus-operator monitor, with construct id `ServiceMonitor` or `PodMonitor`; none for
 * `MetricsMonitor.NONE`.
 * @internal
 */
export function addMonitor(scope: Construct, kind: string, spec: MonitorSpec): ApiObject | undefined {
  const job = spec.jobLabel !== undefined ? { jobLabel: spec.jobLabel } : {};
  if (kind === MetricsMonitor.SERVICE_MONITOR) {
    return new monitoring.ServiceMonitor(scope, 'ServiceMonitor', {
      metadata: spec.metadata,
      spec: { ...job, selector: { matchLabels: spec.matchLabels }, endpoints: [spec.endpoint] },
    });
  }
  if (kind === MetricsMonitor.POD_MONITOR) {
    return new monitoring.PodMonitor(scope, 'PodMonitor', {
      metadata: spec.metadata,
      spec: { ...job, selector: { matchLabels: spec.matchLabels }, podMetricsEndpoints: [spec.endpoint] },
    });
  }
  return undefined;
}

/**
 * Stands for a ServiceAccount a preset creates after `super()` returns (as a child of its DaemonSet): the
 * pod spec reads the account's name only at synthesis, by which time it points at the real one.
 * @internal
 */
export class ServiceAccountForwardRef implements kplus.IServiceAccount {
  private target?: kplus.IServiceAccount;

  /** @param where the preset's message prefix, e.g. `NodeExporterDaemonSet '<path>'` */
  constructor(private readonly where: string) {}

  /** Points the reference at the real account. */
  public resolveTo(target: kplus.IServiceAccount): void {
    this.target = target;
  }

  private get resolved(): kplus.IServiceAccount {
    if (!this.target) {
      throw new DaemonSetsError(`${this.where}: the ServiceAccount was read before it was created.`, this.where, 'serviceAccount');
    }
    return this.target;
  }

  public get node(): Node { return this.resolved.node; }
  public get name(): string { return this.resolved.name; }
  public get apiVersion(): string { return this.resolved.apiVersion; }
  public get apiGroup(): string { return this.resolved.apiGroup; }
  public get kind(): string { return this.resolved.kind; }
  public get resourceType(): string { return this.resolved.resourceType; }
  public get resourceName(): string | undefined { return this.resolved.resourceName; }
  public toSubjectConfiguration(): kplus.SubjectConfiguration { return this.resolved.toSubjectConfiguration(); }
}
