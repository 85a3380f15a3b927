import { compareMinor, DeprecationEntry, inRanges, parseRanges, SchemaIndex } from './store';
import { checkDns1123Subdomain } from '../../../k8s/syntax';

/**
 * Which built-in apiVersion/kind pairs the API server of a Kubernetes minor creates, which it removed (and when,
 * and what replaces them), which it has not served yet, and which it deprecates. The API server answers an object
 * of a group it serves but an apiVersion/kind it does not with `no matches for kind "X" in version "Y"`
 * (k8s.io/apimachinery pkg/api/meta/restmapper.go: DefaultRESTMapper.RESTMapping); kind names are case-sensitive
 * (k8s.io/apimachinery pkg/runtime/scheme.go: Scheme.New).
 */

/** What the target minor says about an object's apiVersion and kind. */
export type ApiVerdict =
  /** Served: schema-check it. */
  | { readonly status: 'served'; readonly key: string; readonly kindCase?: KindCase; readonly deprecation?: Deprecation }
  /** A built-in group, but the target minor does not serve this apiVersion/kind. */
  | { readonly status: 'unserved'; readonly key: string; readonly kindCase?: KindCase; readonly why: Unserved }
  /** Not a built-in group: a custom resource (or a typo in a group). */
  | { readonly status: 'not-built-in' };

/** A kind written in the wrong case. */
export interface KindCase {
  readonly given: string;
  readonly canonical: string;
}

/** Why a built-in group does not serve an apiVersion/kind. */
export interface Unserved {
  /** `removed`: served by an older release; `not-yet`: by a newer one; `never`: by none known. */
  readonly reason: 'removed' | 'not-yet' | 'never';
  /** The release that stopped serving it (`removed`). */
  readonly removedIn?: string;
  /** The first supported minor that serves it (`not-yet`). */
  readonly firstServed?: string;
  /** The apiVersion to use instead in the target minor, when one serves the kind. */
  readonly replacement?: string;
  /** What to do instead when there is no replacement API. */
  readonly note?: string;
}

/** A served apiVersion/kind the target minor deprecates. */
export interface Deprecation {
  /** The API server's warning (k8s.io/apiserver pkg/endpoints/deprecation: WarningMessage). */
  readonly warning: string;
  /** The apiVersion to use instead in the target minor, when one serves the kind. */
  readonly replacement?: string;
}

/** A DNS-1035 label: what a CRD's and an APIService's version must be. */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why no API server can serve this apiVersion, or undefined: it does not parse as `[group/]version`
 * (k8s.io/apimachinery pkg/runtime/schema/group_version.go: ParseGroupVersion), or its group or version could be
 * neither a CRD's nor an APIService's (k8s.io/apiextensions-apiserver validation.go:
 * validateCustomResourceDefinitionSpec; k8s.io/kube-aggregator validation.go: ValidateAPIService): a group is a
 * DNS-1123 subdomain, a version a DNS-1035 label.
 */
export function apiVersionSyntax(apiVersion: string): string | undefined {
  const slashes = apiVersion.split('/').length - 1;
  if (slashes > 1) return 'it has more than one \'/\' (an apiVersion is <group>/<version>, or <version> for the core group)';
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  if (slashes === 1) {
    const group = groupOf(apiVersion);
    const groupProblem = group === '' ? 'is empty' : checkDns1123Subdomain(group);
    if (groupProblem) return `its group '${group}' ${groupProblem}`;
  }
  if (version.length > 63 || !DNS1035_LABEL.test(version)) return `its version '${version}' is not a DNS-1035 label (lower-case alphanumerics or '-', starting with a letter, e.g. v1beta1)`;
  return undefined;
}

/** `apps/v1` -> `apps`, `v1` -> `` (the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `<apiVersion>/<kind>` -> [apiVersion, kind]. */
export function splitKey(key: string): [string, string] {
  const slash = key.lastIndexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/**
 * Kubernetes' version priority (k8s.io/apimachinery pkg/version/helpers.go: CompareKubeAwareVersionStrings):
 * GA before beta before alpha, higher numbers first; anything else last, alphabetically.
 */
export function compareVersionPriority(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(beta|alpha)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
}

/** The built-in kinds of one target minor. */
export class ApiCatalog {
  /** Every built-in group, ever (`''` is the core group). */
  private readonly groups = new Set<string>();
  /** group -> lower-case kind -> kind, over every release known. */
  private readonly kindsByGroup = new Map<string, Map<string, string>>();
  /** `<group>/<kind>` -> apiVersions serving it in the target minor, preferred first. */
  private readonly servedVersions = new Map<string, string[]>();
  private readonly served = new Set<string>();
  /** Verdicts already given, by apiVersion and kind (bounded): nested maps of the objects' own strings, no key built. */
  private readonly verdicts = new Map<string, Map<string, ApiVerdict>>();
  private verdictCount = 0;

  constructor(private readonly index: SchemaIndex, public readonly minor: string) {
    for (const key of [...Object.keys(index.kinds), ...Object.keys(index.removedBefore)]) {
      const [apiVersion, kind] = splitKey(key);
      const group = groupOf(apiVersion);
      this.groups.add(group);
      if (!this.kindsByGroup.has(group)) this.kindsByGroup.set(group, new Map());
      this.kindsByGroup.get(group)!.set(kind.toLowerCase(), kind);
    }
    for (const [key, entry] of Object.entries(index.kinds)) {
      if (!inRanges(entry.served, minor)) continue;
      this.served.add(key);
      const [apiVersion, kind] = splitKey(key);
      const gk = `${groupOf(apiVersion)}/${kind}`;
      this.servedVersions.set(gk, [...this.servedVersions.get(gk) ?? [], apiVersion]);
    }
    for (const list of this.servedVersions.values()) list.sort((a, b) => compareVersionPriority(a.split('/').pop()!, b.split('/').pop()!));
  }

  /** `<apiVersion>/<kind>` keys served by the target minor. */
  public servedKeys(): string[] {
    return [...this.served];
  }

  /** Whether the target minor serves exactly this `<apiVersion>/<kind>`. */
  public isServed(key: string): boolean {
    return this.served.has(key);
  }

  /** apiVersions of any group that serve a kind of this exact name in the target minor. */
  public apiVersionsOf(kind: string): string[] {
    return this.servedKeys().filter(k => splitKey(k)[1] === kind).map(k => splitKey(k)[0]);
  }

  /** The target minor's verdict on an apiVersion and kind (remembered: a run meets the same few pairs again and again). */
  public judge(apiVersion: string, kind: string): ApiVerdict {
    let byKind = this.verdicts.get(apiVersion);
    let verdict = byKind?.get(kind);
    if (!verdict) {
      verdict = this.judgeNew(apiVersion, kind);
      if (this.verdictCount >= 1024) {
        this.verdicts.clear();
        this.verdictCount = 0;
        byKind = undefined;
      }
      if (byKind === undefined) this.verdicts.set(apiVersion, byKind = new Map());
      byKind.set(kind, verdict);
      this.verdictCount++;
    }
    return verdict;
  }

  private judgeNew(apiVersion: string, kind: string): ApiVerdict {
    const group = groupOf(apiVersion);
    if (!this.groups.has(group)) return { status: 'not-built-in' };
    const canonical = this.kindsByGroup.get(group)?.get(kind.toLowerCase());
    const kindCase = canonical !== undefined && canonical !== kind ? { given: kind, canonical } : undefined;
    const key = `${apiVersion}/${canonical ?? kind}`;
    if (this.served.has(key)) return { status: 'served', key, kindCase, deprecation: this.deprecation(key) };
    return { status: 'unserved', key, kindCase, why: this.unserved(key) };
  }

  private unserved(key: string): Unserved {
    const entry = this.index.kinds[key];
    if (entry) {
      const ranges = parseRanges(entry.served);
      const before = ranges.filter(([, to]) => compareMinor(to, this.minor) < 0).map(([, to]) => to).sort(compareMinor).pop();
      if (before !== undefined) return { reason: 'removed', removedIn: nextMinor(before), replacement: this.replacementOf(key) };
      const after = ranges.map(([from]) => from).sort(compareMinor)[0];
      return { reason: 'not-yet', firstServed: after, replacement: this.replacementOf(key) };
    }
    const removed = this.index.removedBefore[key];
    if (removed) return { reason: 'removed', removedIn: removed.removed, replacement: this.replacementOf(key), note: removed.note };
    return { reason: 'never', replacement: this.replacementOf(key) };
  }

  /**
   * What to use instead of `key` in the target minor: its upstream replacement when served (else the preferred
   * served version of the replacement's group and kind, following replacements that were removed in turn), else the
   * preferred served version of its own group and kind, else any group's.
   */
  private replacementOf(key: string, depth = 0): string | undefined {
    const next = this.index.removedBefore[key]?.replacement ?? this.index.kinds[key]?.replacement;
    if (next !== undefined && depth < 5) {
      if (this.served.has(next)) return splitKey(next)[0];
      const viaGroup = this.preferred(next);
      if (viaGroup) return viaGroup;
      const further = this.replacementOf(next, depth + 1);
      if (further) return further;
    }
    // A kind of another group (`apps/v1 CronJob` -> batch/v1).
    return this.preferred(key) ?? this.apiVersionsOf(splitKey(key)[1]).sort((a, b) => compareVersionPriority(a.split('/').pop()!, b.split('/').pop()!))[0];
  }

  /** The preferred served apiVersion of the group and kind of `key`, other than its own. */
  private preferred(key: string): string | undefined {
    const [apiVersion, kind] = splitKey(key);
    return this.servedVersions.get(`${groupOf(apiVersion)}/${kind}`)?.find(v => v !== apiVersion && !this.deprecationEntry(`${v}/${kind}`));
  }

  private deprecationEntry(key: string): DeprecationEntry | undefined {
    return this.index.kinds[key]?.deprecated?.find(d => inRanges(d.versions, this.minor));
  }

  /** Mirrors deprecation.IsDeprecated and WarningMessage (k8s.io/apiserver pkg/endpoints/deprecation/deprecation.go). */
  private deprecation(key: string): Deprecation | undefined {
    const entry = this.deprecationEntry(key);
    if (!entry) return undefined;
    const [apiVersion, kind] = splitKey(key);
    let warning = `${apiVersion} ${kind} is deprecated in v${entry.since}+`;
    if (entry.removed) warning += `, unavailable in v${entry.removed}+`;
    if (entry.replacement) warning += `; use ${splitKey(entry.replacement).join(' ')}`;
    const replacement = entry.replacement && this.served.has(entry.replacement) ? splitKey(entry.replacement)[0] : this.preferred(key);
    return { warning, replacement };
  }
}

function nextMinor(minor: string): string {
  const [major, n] = minor.split('.').map(Number);
  return `${major}.${n + 1}`;
}
