/**
 * Pod-level fields the generic `DaemonSet` has typed props for beyond cdk8s-plus': the hardening level and the pod's
 * security context (exact mode), `hostUsers`, `runtimeClassName`, `topologySpreadConstraints`, and DNS (policy and `dnsConfig`).
 */
import { arr, Expr, lit, obj, ref } from './code';
import { own } from './quote';
import { podSecurityProps } from './security-context';

const POD_SPEC = '/spec/template/spec';
const P = (field: string) => `${POD_SPEC}/${field}`;
const onlyKeys = (o: any, keys: string[]) => o !== null && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).every(k => keys.includes(k));
const isStringMap = (o: any) => o !== null && typeof o === 'object' && !Array.isArray(o) && Object.values(o).every(v => typeof v === 'string');

const DNS_POLICIES: { [p: string]: string } = { ClusterFirst: 'CLUSTER_FIRST', ClusterFirstWithHostNet: 'CLUSTER_FIRST_WITH_HOST_NET', Default: 'DEFAULT', None: 'NONE' };
const WHEN_UNSATISFIABLE: { [p: string]: string } = { DoNotSchedule: 'DO_NOT_SCHEDULE', ScheduleAnyway: 'SCHEDULE_ANYWAY' };

/** `TopologySpreadConstraint`s, when each has only the fields the library types (a `matchLabels` selector at most). */
function spreadConstraints(list: unknown): Expr | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const items: Expr[] = [];
  for (const t of list) {
    if (!onlyKeys(t, ['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'labelSelector']) || !Number.isInteger(t.maxSkew)
      || typeof t.topologyKey !== 'string' || !own(WHEN_UNSATISFIABLE, t.whenUnsatisfiable)) return undefined;
    if (t.labelSelector !== undefined && !(onlyKeys(t.labelSelector, ['matchLabels']) && isStringMap(t.labelSelector.matchLabels))) return undefined;
    items.push(obj({
      maxSkew: lit(t.maxSkew),
      topologyKey: lit(t.topologyKey),
      whenUnsatisfiable: ref(`WhenUnsatisfiable.${own(WHEN_UNSATISFIABLE, t.whenUnsatisfiable)}`),
      matchLabels: t.labelSelector?.matchLabels !== undefined ? lit(t.labelSelector.matchLabels) : undefined,
    }));
  }
  return arr(items);
}

/** The `dns` prop: the policy (the library rejects ClusterFirst with the host network) and `dnsConfig`. */
function dnsFor(pod: any, typed: Set<string>): Expr | undefined {
  const policy = own(DNS_POLICIES, pod.dnsPolicy) && !(pod.hostNetwork && pod.dnsPolicy === 'ClusterFirst') ? own(DNS_POLICIES, pod.dnsPolicy) : undefined;
  const c = pod.dnsConfig;
  const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every(s => typeof s === 'string'));
  const configOk = c !== undefined && onlyKeys(c, ['nameservers', 'searches', 'options']) && Object.keys(c).length > 0
    && strings(c.nameservers) && strings(c.searches)
    && (c.options === undefined || (Array.isArray(c.options) && c.options.every((o: any) => onlyKeys(o, ['name', 'value']) && typeof o.name === 'string' && (o.value === undefined || typeof o.value === 'string'))));
  if (!policy && !configOk) return undefined;
  if (policy) typed.add(P('dnsPolicy'));
  if (configOk) typed.add(P('dnsConfig'));
  return obj({
    policy: policy ? ref(`kplus.DnsPolicy.${policy}`) : undefined,
    nameservers: configOk && c.nameservers !== undefined ? lit(c.nameservers) : undefined,
    searches: configOk && c.searches !== undefined ? lit(c.searches) : undefined,
    options: configOk && c.options !== undefined ? lit(c.options) : undefined,
  });
}

/**
 * Typed props of the pod fields above; the JSON paths they set are added to `typed`.
 * @param exact whether the program reproduces the input (`hardening: Hardening.NONE`) rather than adopting the defaults
 */
export function podFieldProps(pod: any, exact: boolean, allowed: (path: string) => boolean, typed: Set<string>): [string, Expr | undefined][] {
  const props: [string, Expr | undefined][] = [];
  if (exact) props.push(['hardening', ref('Hardening.NONE')]);
  // With --adopt-defaults the library's hardening replaces the input's security contexts (adopt.ts decides).
  if (exact && pod.securityContext !== undefined && allowed(P('securityContext'))) {
    const security = podSecurityProps(pod.securityContext);
    if (security) { props.push(...security); typed.add(P('securityContext')); }
  }
  if (typeof pod.hostUsers === 'boolean') { props.push(['hostUsers', lit(pod.hostUsers)]); typed.add(P('hostUsers')); }
  if (typeof pod.runtimeClassName === 'string' && allowed(P('runtimeClassName'))) {
    props.push(['runtimeClassName', lit(pod.runtimeClassName)]);
    typed.add(P('runtimeClassName'));
  }
  const spread = allowed(P('topologySpreadConstraints')) ? spreadConstraints(pod.topologySpreadConstraints) : undefined;
  if (spread) { props.push(['topologySpreadConstraints', spread]); typed.add(P('topologySpreadConstraints')); }
  if (allowed(P('dnsConfig'))) {
    props.push(['dns', dnsFor(pod, typed)]);
  } else {
    props.push(['dns', dnsFor({ ...pod, dnsConfig: undefined }, typed)]);
  }
  return props;
}
