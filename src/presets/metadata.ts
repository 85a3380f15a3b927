import { ApiObjectMetadata } from 'cdk8s';
import { SELECTOR_NAME_LABEL } from '../selector-labels';

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
