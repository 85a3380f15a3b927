import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsError, describeValue, withContext } from '../errors';
import {
  checkArray, checkEnum, checkInstance, checkNumber, checkObject, checkOptionalArray, checkOptionalBoolean,
  checkOptionalInstance, checkOptionalNumber, checkOptionalObject, checkOptionalString, checkOptionalStringMap,
  checkString, isPlainObject,
} from '../input-checks';
import {
  checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkQualifiedName, isPortNumber, PORT_RANGE,
} from '../k8s/syntax';
import { NodePlacement } from '../placement';
import { AppArmorProfile, SeccompProfile, SupplementalGroupsPolicy } from '../security';
import { Timezone } from '../timezone';
import { DaemonSetUpdateStrategy, RECREATE_ANSWER } from '../update-strategy';
import { WhenUnsatisfiable } from './props';

/** The largest value of a Kubernetes int32 field (seconds, counts, user and group ids). */
export const INT32_MAX = 2147483647;

/**
 * A problem with one field, in the message form of this library's constructs:
 * `DaemonSet 'chart/agent': field: message.`
 * @internal
 */
export function fieldError(at: string, field: string, message: string): DaemonSetsError {
  return new DaemonSetsError(`${at}: ${field}: ${message}.`, at, field);
}

/**
 * Checks what JavaScript callers (or TypeScript with `any`) may pass in place of `DaemonSetProps`:
 * types, ranges and syntax of every field, before any of it reaches cdk8s-plus.
 * @param at the message prefix, `DaemonSet '<path>'`
 * @internal
 */
export function checkDaemonSetProps(at: string, props: unknown): void {
  const p = checkObject(at, 'props', props, 'a DaemonSetProps object');
  checkMetadata(at, 'metadata', p.metadata, true);
  checkMetadata(at, 'podMetadata', p.podMetadata, false);
  checkOptionalString(at, 'description', p.description);
  checkOptionalString(at, 'changeCause', p.changeCause);
  for (const field of ['containers', 'initContainers']) {
    checkOptionalArray(at, field, p[field], 'container props objects')?.forEach((c, i) =>
      checkObject(at, `${field}[${i}]`, c, 'a container props object ({ image, name?, ... })'));
  }
  const volumeNames = new Set<string>();
  checkOptionalArray(at, 'volumes', p.volumes, 'kplus.Volume objects')?.forEach((v, i) => {
    const volume = checkInstance(at, `volumes[${i}]`, v, kplus.Volume, 'a kplus.Volume (Volume.fromEmptyDir(), Volume.fromConfigMap(), ...)');
    checkSyntax(at, `volumes[${i}].name`, volume.name, checkDns1123Label);
    if (volumeNames.has(volume.name)) throw fieldError(at, `volumes[${i}]`, `a volume named '${volume.name}' is listed twice; volume names must be unique in a pod`);
    volumeNames.add(volume.name);
  });
  if (p.serviceAccount !== undefined) checkNamedReference(at, 'serviceAccount', p.serviceAccount, 'kplus.ServiceAccount', true);
  for (const field of ['automountServiceAccountToken', 'hostNetwork', 'hostPid', 'hostIpc', 'configChecksums', 'select', 'isolate']) {
    checkOptionalBoolean(at, field, p[field]);
  }
  checkLabels(at, 'selectorLabels', p.selectorLabels, 'label key');
  if (p.selectorLabels !== undefined && Object.keys(p.selectorLabels as object).length === 0) {
    throw fieldError(at, 'selectorLabels', 'is empty; an empty selector selects every pod of the namespace, so give at least one label');
  }
  if (p.selectorLabels !== undefined && p.select === false) {
    throw fieldError(at, 'selectorLabels', 'is given with select: false; drop one of them');
  }
  checkPodSecurityContext(at, p.securityContext);
  checkOptionalInstance(at, 'seccompProfile', p.seccompProfile, SeccompProfile, 'a SeccompProfile (SeccompProfile.runtimeDefault(), ...)');
  checkPodSecurityFields(at, p);
  checkDns(at, p.dns, p.hostNetwork === true);
  checkOptionalArray(at, 'hostAliases', p.hostAliases, 'host aliases ({ ip, hostnames })')?.forEach((h, i) => {
    const alias = checkObject(at, `hostAliases[${i}]`, h, 'a host alias ({ ip, hostnames })');
    checkIp(at, `hostAliases[${i}].ip`, alias.ip);
    checkArray(at, `hostAliases[${i}].hostnames`, alias.hostnames, 'host names').forEach((n, j) =>
      checkSyntax(at, `hostAliases[${i}].hostnames[${j}]`, checkString(at, `hostAliases[${i}].hostnames[${j}]`, n), checkDns1123Subdomain));
  });
  if (p.terminationGracePeriod !== undefined) checkSeconds(at, 'terminationGracePeriod', p.terminationGracePeriod, 0);
  checkOptionalArray(at, 'imagePullSecrets', p.imagePullSecrets, 'kplus.Secret objects')?.forEach((s, i) =>
    checkNamedReference(at, `imagePullSecrets[${i}]`, s, 'kplus.Secret'));
  checkConsoleFields(at, p);
  checkOptionalInstance(at, 'updateStrategy', p.updateStrategy, DaemonSetUpdateStrategy,
    'a DaemonSetUpdateStrategy (DaemonSetUpdateStrategy.rollingUpdate() or .onDelete())');
  for (const field of ['minReadySeconds', 'revisionHistoryLimit']) {
    const v = p[field];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > INT32_MAX)) {
      throw fieldError(at, field, `is ${describeValue(v)}; it must be a non-negative whole number of seconds or revisions (at most ${INT32_MAX})`);
    }
  }
  const priority = checkOptionalString(at, 'priorityClassName', p.priorityClassName);
  if (priority !== undefined) checkSyntax(at, 'priorityClassName', priority, checkDns1123Subdomain);
  checkLabels(at, 'nodeSelector', p.nodeSelector, 'key');
  checkOptionalArray(at, 'placement', p.placement, 'NodePlacement presets')?.forEach((x, i) =>
    checkInstance(at, `placement[${i}]`, x, NodePlacement, 'a NodePlacement (NodePlacement.allNodes(), .linuxOnly(), ...)'));
  checkOptionalInstance(at, 'timezone', p.timezone, Timezone, 'a Timezone (Timezone.fromNode() or Timezone.of(zone))');
  checkPodFields(at, p);
}

/**
 * `hostUsers`, `runtimeClassName` and `topologySpreadConstraints`, as `validateHostUsers`,
 * `ValidateRuntimeClassName` and `validateTopologySpreadConstraints` (pkg/apis/core/validation) check them.
 */
function checkPodFields(at: string, p: Record<string, unknown>): void {
  if (checkOptionalBoolean(at, 'hostUsers', p.hostUsers) === false) {
    const shared = ['hostNetwork', 'hostPid', 'hostIpc'].filter(f => p[f] === true);
    if (shared.length > 0) {
      throw fieldError(at, 'hostUsers', `is false, which puts the pods in a user namespace, but ${shared.join(' and ')} ${shared.length > 1 ? 'are' : 'is'} true; the API server rejects a pod in a user namespace that shares the node's namespaces: drop ${shared.join(' and ')}, or hostUsers`);
    }
  }
  const runtimeClass = checkOptionalString(at, 'runtimeClassName', p.runtimeClassName);
  if (runtimeClass !== undefined) checkSyntax(at, 'runtimeClassName', runtimeClass, checkDns1123Subdomain);
  const seen = new Set<string>();
  checkOptionalArray(at, 'topologySpreadConstraints', p.topologySpreadConstraints, 'topology spread constraints')?.forEach((x, i) => {
    const field = `topologySpreadConstraints[${i}]`;
    const c = checkObject(at, field, x, 'a topology spread constraint ({ maxSkew, topologyKey, whenUnsatisfiable, matchLabels? })');
    const skew = c.maxSkew;
    if (typeof skew !== 'number' || !Number.isInteger(skew) || skew < 1 || skew > INT32_MAX) {
      throw fieldError(at, `${field}.maxSkew`, `is ${describeValue(skew)}; it must be a whole number from 1 to ${INT32_MAX}`);
    }
    const key = checkString(at, `${field}.topologyKey`, c.topologyKey, { nonEmpty: true });
    checkSyntax(at, `${field}.topologyKey`, key, k => { const q = checkQualifiedName(k); return q ? `is not a node label key: ${q}` : undefined; });
    const when = checkEnum(at, `${field}.whenUnsatisfiable`, c.whenUnsatisfiable, Object.values(WhenUnsatisfiable));
    checkLabels(at, `${field}.matchLabels`, c.matchLabels, 'label key');
    if (seen.has(`${key}/${when}`)) {
      throw fieldError(at, field, `repeats topologyKey '${key}' with whenUnsatisfiable ${when}; the API server rejects a second constraint on the same pair`);
    }
    seen.add(`${key}/${when}`);
  });
}

/**
 * The pod security fields cdk8s-plus-27 lacks: `appArmorProfile` (its factory checks the name as
 * `ValidateAppArmorProfileField` does), `seLinuxOptions` (strings; the API server checks no syntax), `supplementalGroups`
 * (each a group id, `IsValidGroupID`) and `supplementalGroupsPolicy` (the schema's enum), as `validatePodSpecSecurityContext`
 * (pkg/apis/core/validation) checks them.
 */
function checkPodSecurityFields(at: string, p: Record<string, unknown>): void {
  checkOptionalInstance(at, 'appArmorProfile', p.appArmorProfile, AppArmorProfile, 'an AppArmorProfile (AppArmorProfile.runtimeDefault(), .unconfined(), .localhost(name))');
  checkSeLinuxOptions(at, 'seLinuxOptions', p.seLinuxOptions);
  checkOptionalArray(at, 'supplementalGroups', p.supplementalGroups, 'group ids')?.forEach((g, i) =>
    checkNumber(at, `supplementalGroups[${i}]`, g, { integer: true, min: 0, max: INT32_MAX }));
  if (p.supplementalGroupsPolicy !== undefined) {
    checkEnum(at, 'supplementalGroupsPolicy', p.supplementalGroupsPolicy, Object.values(SupplementalGroupsPolicy));
  }
}

/** SELinux options: an object of optional strings (`level`, `role`, `type`, `user`); the API server checks no syntax. */
export function checkSeLinuxOptions(at: string, field: string, value: unknown): void {
  const o = checkOptionalObject(at, field, value, 'SELinux options ({ level?, role?, type?, user? })');
  if (!o) return;
  for (const [key, v] of Object.entries(o)) {
    if (!['level', 'role', 'type', 'user'].includes(key)) {
      throw fieldError(at, `${field}.${key}`, 'is not an SELinux option; the options are level, role, type and user');
    }
    checkOptionalString(at, `${field}.${key}`, v);
  }
}

/**
 * Fields that consoles' DaemonSet forms offer but a DaemonSet does not have (a replica count, the Recreate strategy,
 * restart policies other than Always): JavaScript callers may pass them, and get an answer that says what the
 * DaemonSet does instead rather than a silently ignored field.
 */
function checkConsoleFields(at: string, p: Record<string, unknown>): void {
  if (p.replicas !== undefined) {
    throw fieldError(at, 'replicas', `is ${describeValue(p.replicas)}; a DaemonSet has no replica count: it runs one pod on every node its `
      + 'nodeSelector, placement and tolerations admit, and follows the nodes as they come and go. Choose fewer nodes with nodeSelector '
      + 'or placement; for a fixed number of pods independent of the nodes, use a Deployment');
  }
  if (p.restartPolicy !== undefined && p.restartPolicy !== 'Always') {
    throw fieldError(at, 'restartPolicy', `is ${describeValue(p.restartPolicy)}; a DaemonSet's pods always restart (the API server accepts only `
      + 'Always for a DaemonSet): the kubelet restarts a container that exits, with a back-off. For work that runs to completion, use a Job, '
      + 'or an init container for a one-off step before the agent starts');
  }
  const strategy = p.updateStrategy;
  const type = typeof strategy === 'string' ? strategy : isPlainObject(strategy) ? strategy.type : undefined;
  if (type === 'Recreate') throw fieldError(at, 'updateStrategy', `is Recreate; ${RECREATE_ANSWER}`);
}

function checkMetadata(at: string, field: string, value: unknown, named: boolean) {
  const meta = checkOptionalObject(at, field, value, 'an ApiObjectMetadata object ({ name?, namespace?, labels?, annotations? })');
  if (!meta) return;
  const name = checkOptionalString(at, `${field}.name`, meta.name);
  if (name !== undefined) checkSyntax(at, `${field}.name`, name, named ? checkDns1123Subdomain : checkDns1123Label);
  const namespace = checkOptionalString(at, `${field}.namespace`, meta.namespace);
  if (namespace !== undefined) checkSyntax(at, `${field}.namespace`, namespace, checkDns1123Label);
  checkLabels(at, `${field}.labels`, meta.labels, 'label key');
  const annotations = checkOptionalStringMap(at, `${field}.annotations`, meta.annotations) ?? {};
  for (const k of Object.keys(annotations)) {
    const kp = checkQualifiedName(k);
    if (kp) throw fieldError(at, `${field}.annotations`, `annotation key '${k}' ${kp}`);
  }
  checkOptionalArray(at, `${field}.finalizers`, meta.finalizers, 'finalizer names')?.forEach((f, i) =>
    checkSyntax(at, `${field}.finalizers[${i}]`, checkString(at, `${field}.finalizers[${i}]`, f), checkQualifiedName));
}

/** A map of label keys to label values (labels, node selectors). */
export function checkLabels(at: string, field: string, value: unknown, keyWord: string): void {
  const labels = checkOptionalStringMap(at, field, value) ?? {};
  for (const [k, v] of Object.entries(labels)) {
    const kp = checkQualifiedName(k);
    if (kp) throw fieldError(at, field, `${keyWord} '${k}' ${kp}`);
    const vp = checkLabelValue(v);
    if (vp) throw fieldError(at, field, keyWord === 'label key' ? `label '${k}' value '${v}' ${vp}` : `value '${v}' of '${k}' ${vp}`);
  }
}

/**
 * A reference to an object by name (service account, secret): an object whose `name` is a DNS-1123 subdomain.
 * With `lateName`, a name that cannot be read yet (a forward reference) is left to the synth-time checks.
 */
export function checkNamedReference(at: string, field: string, value: unknown, kind: string, lateName = false): string | undefined {
  const allowed = `a ${kind} (a construct or ${kind.replace('kplus.', '')}.from${kind.replace('kplus.', '')}Name(name))`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fieldError(at, field, `${describeValue(value)} is not ${allowed}`);
  }
  let name: unknown;
  try {
    name = (value as { name?: unknown }).name;
  } catch (e) {
    // A reference whose name is known only later (a forward reference): checked when the app synthesizes.
    if (lateName) return undefined;
    throw withContext(at, `${field}.name`, () => { throw e; });
  }
  if (typeof name !== 'string') throw fieldError(at, `${field}.name`, `${describeValue(name)} is not a name; ${field} must be ${allowed}`);
  checkSyntax(at, `${field}.name`, name, checkDns1123Subdomain);
  return name;
}

function checkPodSecurityContext(at: string, value: unknown) {
  const sc = checkOptionalObject(at, 'securityContext', value, 'a kplus.PodSecurityContextProps object');
  if (!sc) return;
  for (const id of ['user', 'group', 'fsGroup']) {
    checkOptionalNumber(at, `securityContext.${id}`, sc[id], { integer: true, min: 0, max: INT32_MAX });
  }
  checkOptionalBoolean(at, 'securityContext.ensureNonRoot', sc.ensureNonRoot);
  if (sc.fsGroupChangePolicy !== undefined) {
    checkEnum(at, 'securityContext.fsGroupChangePolicy', sc.fsGroupChangePolicy, Object.values(kplus.FsGroupChangePolicy));
  }
  checkOptionalArray(at, 'securityContext.sysctls', sc.sysctls, 'sysctls ({ name, value })')?.forEach((s, i) => {
    const sysctl = checkObject(at, `securityContext.sysctls[${i}]`, s, 'a sysctl ({ name, value })');
    const name = checkString(at, `securityContext.sysctls[${i}].name`, sysctl.name, { nonEmpty: true });
    if (name.length > 253 || !/^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/.test(name)) {
      throw fieldError(at, `securityContext.sysctls[${i}].name`, `'${name}' is not a sysctl name (lower-case segments separated by '.' or '/', e.g. 'net.core.somaxconn')`);
    }
    checkString(at, `securityContext.sysctls[${i}].value`, sysctl.value);
  });
}

function checkDns(at: string, value: unknown, hostNetwork: boolean) {
  const dns = checkOptionalObject(at, 'dns', value, 'a kplus.PodDnsProps object');
  if (!dns) return;
  for (const field of ['hostname', 'subdomain']) {
    const v = checkOptionalString(at, `dns.${field}`, dns[field]);
    if (v !== undefined) checkSyntax(at, `dns.${field}`, v, checkDns1123Label);
  }
  checkOptionalBoolean(at, 'dns.hostnameAsFQDN', dns.hostnameAsFQDN);
  const policy = dns.policy === undefined ? undefined : checkEnum(at, 'dns.policy', dns.policy, Object.values(kplus.DnsPolicy));
  const nameservers = checkOptionalArray(at, 'dns.nameservers', dns.nameservers, 'IP addresses') ?? [];
  nameservers.forEach((n, i) => checkIp(at, `dns.nameservers[${i}]`, n));
  if (nameservers.length > 3) throw fieldError(at, 'dns.nameservers', `lists ${nameservers.length} nameservers; Kubernetes allows at most 3`);
  const searches = checkOptionalArray(at, 'dns.searches', dns.searches, 'search domains') ?? [];
  searches.forEach((s, i) => checkSyntax(at, `dns.searches[${i}]`, checkString(at, `dns.searches[${i}]`, s), checkDns1123Subdomain));
  if (searches.length > 6) throw fieldError(at, 'dns.searches', `lists ${searches.length} search domains; cdk8s-plus-27 allows at most 6`);
  checkOptionalArray(at, 'dns.options', dns.options, 'resolver options ({ name, value? })')?.forEach((o, i) => {
    const option = checkObject(at, `dns.options[${i}]`, o, 'a resolver option ({ name, value? })');
    checkString(at, `dns.options[${i}].name`, option.name, { nonEmpty: true });
    checkOptionalString(at, `dns.options[${i}].value`, option.value);
  });
  if (policy === kplus.DnsPolicy.NONE && nameservers.length === 0) {
    throw fieldError(at, 'dns', 'policy None needs at least one nameserver; add dns.nameservers or use another policy');
  }
  if (hostNetwork && policy === kplus.DnsPolicy.CLUSTER_FIRST) {
    throw fieldError(at, 'dns.policy', 'ClusterFirst with hostNetwork silently falls back to the node\'s resolver (Default); use ClusterFirstWithHostNet to resolve cluster names, or Default on purpose');
  }
}

/** An IPv4 or IPv6 address, as Kubernetes accepts it (no zone, no leading zeros in IPv4). */
export function checkIp(at: string, field: string, value: unknown): string {
  const ip = checkString(at, field, value);
  const v4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
  const v6 = /^[0-9a-fA-F:.]+$/;
  const isV6 = ip.includes(':') && v6.test(ip) && ip.split('::').length <= 2 && ip.split(':').length <= 8
    && ip.split(':').every(g => g.length <= 4 || v4.test(g));
  if (!v4.test(ip) && !isV6) throw fieldError(at, field, `'${ip}' is not an IP address (e.g. 10.0.0.10 or fd00::10)`);
  return ip;
}

/**
 * A `Duration` that Kubernetes stores in whole seconds (an int32 for probes, an int64 for grace
 * periods): its seconds, or a `DaemonSetsError`.
 */
export function checkSeconds(at: string, field: string, value: unknown, min: number, max: number = INT32_MAX): number {
  const d = checkInstance(at, field, value, Duration, 'a Duration (Duration.seconds(n), Duration.minutes(n), ...)');
  const seconds = withContext(at, field, () => d.toSeconds());
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw fieldError(at, field, `is ${describeValue(seconds)} seconds; it must be a ${min > 0 ? 'positive' : 'non-negative'} whole number of seconds (at most ${max})`);
  }
  return seconds;
}

/** A syntax check (`checkDns1123Label` ...) that names the field and value when it fails. */
export function checkSyntax(at: string, field: string, value: string, check: (v: string) => string | undefined): void {
  const problem = check(value);
  if (problem) throw fieldError(at, field, `'${value}' ${problem}`);
}

/** A port number (k8s/syntax's one definition of the range). */
export function checkPort(at: string, field: string, value: unknown): number {
  if (!isPortNumber(value)) throw fieldError(at, field, `${describeValue(value)} is out of range; ${PORT_RANGE}`);
  return value;
}
