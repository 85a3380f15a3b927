import { ApiObjectMetadata } from 'cdk8s';

/**
 * The metadata without the keys explicitly set to `undefined`: cdk8s treats `{ name: undefined }` as a name
 * given (and emits none) instead of generating one, so a preset passes on only what was really given.
 * @internal
 */
export function givenMetadata(metadata: ApiObjectMetadata | undefined): ApiObjectMetadata | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as ApiObjectMetadata;
}
