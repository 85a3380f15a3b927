import { DaemonSetsError } from '../errors';
import { checkObject, checkOptionalString } from '../input-checks';

/** The alias annotation KubeSphere's console writes from a workload form's "Alias" field. */
const ALIAS = 'kubesphere.io/alias-name';

/** The description annotation KubeSphere's console writes from a workload form's "Description" field. */
const DESCRIPTION = 'kubesphere.io/description';

/** The longest alias the console's form accepts. */
const ALIAS_MAX = 63;

/** The longest description the console's form accepts. */
const DESCRIPTION_MAX = 256;

/** Options of `KubeSphereAnnotations.of()`: the basic-information fields of KubeSphere's workload form. */
export interface KubeSphereMetadataOptions {
  /**
   * The form's "Alias": a display name, at most 63 characters, written as `kubesphere.io/alias-name`.
   * @default - no alias
   */
  readonly alias?: string;

  /**
   * The form's "Description": at most 256 characters, written as `kubesphere.io/description`.
   * @default - no description
   */
  readonly description?: string;
}

/**
 * The annotations KubeSphere's console writes from its workload form's basic information, so that a DaemonSet
 * made in code shows the same alias and description on KubeSphere's pages. Pass the result to
 * `metadata.annotations`. Source: KubeSphere console, `src/components/Forms/Workload/BaseInfo/index.jsx`
 * (https://github.com/kubesphere/console/blob/master/src/components/Forms/Workload/BaseInfo/index.jsx): the
 * Alias input writes `metadata.annotations['kubesphere.io/alias-name']` (at most 63 characters), the Description
 * text area `metadata.annotations['kubesphere.io/description']` (at most 256).
 */
export class KubeSphereAnnotations {
  /**
   * The alias and description annotations; fields left out are not written.
   * @param options the alias and description
   */
  public static of(options: KubeSphereMetadataOptions): { [key: string]: string } {
    const at = 'KubeSphereAnnotations.of';
    const o = checkObject(at, 'options', options, 'a KubeSphereMetadataOptions object ({ alias?, description? })');
    const out: { [key: string]: string } = {};
    const alias = bounded(at, 'alias', o.alias, ALIAS_MAX);
    if (alias !== undefined) out[ALIAS] = alias;
    const description = bounded(at, 'description', o.description, DESCRIPTION_MAX);
    if (description !== undefined) out[DESCRIPTION] = description;
    return out;
  }

  private constructor() {}
}

function bounded(at: string, field: string, value: unknown, max: number): string | undefined {
  const s = checkOptionalString(at, field, value, { nonEmpty: true });
  // The console's inputs count characters as the browser's maxLength does (UTF-16 code units).
  if (s !== undefined && s.length > max) {
    throw new DaemonSetsError(`${at}: ${field} has ${s.length} characters; KubeSphere's form allows at most ${max}.`, at, field);
  }
  return s;
}
