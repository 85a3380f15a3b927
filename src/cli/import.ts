import * as fs from 'fs';
import { readManifests } from './validate';

const USAGE = `usage: cdk8s-daemonsets import <file|dir|->...

Reads DaemonSet manifests (and the ConfigMaps, Services and ServiceAccounts that come with them)
and prints TypeScript that recreates them with the generic DaemonSet construct.`;

/** What a CLI run prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const POD_SPEC = '/spec/template/spec';

/** Kubernetes JSON names whose typed (cdk8s import) names differ. */
const TYPED_NAMES: { [k8sName: string]: string } = {
  clusterIP: 'clusterIp',
  hostIP: 'hostIp',
  hostIPC: 'hostIpc',
  hostPID: 'hostPid',
  setHostnameAsFQDN: 'setHostnameAsFqdn',
  volumeID: 'volumeId',
  diskURI: 'diskUri',
  datasetUUID: 'datasetUuid',
  pdID: 'pdId',
  targetWWNs: 'targetWwNs',
  storagePolicyID: 'storagePolicyId',
};

/** Fields the cdk8s-plus serializer reads as `{ value }` (IntOrString or Quantity). */
function wrapsValue(key: string, parentKey: string | undefined): boolean {
  if (['maxUnavailable', 'maxSurge', 'sizeLimit', 'divisor'].includes(key)) return true;
  if (key === 'port' && (parentKey === 'httpGet' || parentKey === 'tcpSocket')) return true;
  return parentKey === 'limits' || parentKey === 'requests';
}

/**
 * Converts a Kubernetes JSON value to the typed form that the cdk8s-plus serializer expects in
 * JSON patches of pod-spec fields: typed names and IntOrString/Quantity as `{ value }`.
 */
function toTyped(value: any, key?: string, parentKey?: string): any {
  if (key !== undefined && wrapsValue(key, parentKey) && (typeof value === 'string' || typeof value === 'number')) return { value };
  if (Array.isArray(value)) return value.map(v => toTyped(v, undefined, key));
  if (value !== null && typeof value === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) out[TYPED_NAMES[k] ?? k] = toTyped(v, k, key);
    return out;
  }
  return value;
}

const lit = (v: any, indent = ''): string => JSON.stringify(v, undefined, 2).replace(/\n/g, `\n${indent}`);
const str = (s: string) => JSON.stringify(s);

function identifier(name: string, used: Set<string>): string {
  const base = name.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^[^a-zA-Z_]+/, '') || 'obj';
  let id = base.charAt(0).toLowerCase() + base.slice(1);
  for (let i = 2; used.has(id); i++) id = `${base.charAt(0).toLowerCase() + base.slice(1)}${i}`;
  used.add(id);
  return id;
}

/** Pod-spec fields the typed props set (everything else goes through the escape hatch). */
const TYPED_POD_FIELDS = ['containers', 'initContainers', 'hostNetwork', 'hostPID', 'hostIPC', 'priorityClassName', 'nodeSelector',
  'terminationGracePeriodSeconds', 'serviceAccountName', 'automountServiceAccountToken'];
/** Pod-spec fields the library writes even when the input has none. */
const LIBRARY_POD_DEFAULTS = ['automountServiceAccountToken', 'dnsPolicy', 'hostNetwork', 'restartPolicy', 'securityContext',
  'setHostnameAsFQDN', 'terminationGracePeriodSeconds'];
/** Container fields the typed props set. */
const TYPED_CONTAINER_FIELDS = ['name', 'image', 'command', 'args', 'workingDir', 'imagePullPolicy'];
/** Container fields the library writes even when the input has none. */
const LIBRARY_CONTAINER_DEFAULTS = ['resources', 'securityContext', 'imagePullPolicy'];

function containerProps(c: any, indent: string): string {
  const lines = [`name: ${str(c.name)}`, `image: ${str(c.image)}`];
  if (c.imagePullPolicy !== undefined) lines.push(`imagePullPolicy: ${pullPolicy(c.imagePullPolicy)}`);
  if (c.command !== undefined) lines.push(`command: ${lit(c.command, indent)}`);
  if (c.args !== undefined) lines.push(`args: ${lit(c.args, indent)}`);
  if (c.workingDir !== undefined) lines.push(`workingDir: ${str(c.workingDir)}`);
  if (typedPorts(c)) lines.push(`ports: [\n${c.ports.map((p: any) => `${indent}    ${portLiteral(p)},`).join('\n')}\n${indent}  ]`);
  return `{\n${lines.map(l => `${indent}  ${l},`).join('\n')}\n${indent}}`;
}

const PORT_FIELDS = ['containerPort', 'protocol', 'name', 'hostPort', 'hostIP'];
const PROTOCOLS: { [p: string]: string } = { TCP: 'TCP', UDP: 'UDP', SCTP: 'SCTP' };

/** Whether the container's ports can all be written with typed props. */
function typedPorts(c: any): boolean {
  return Array.isArray(c.ports) && c.ports.length > 0
    && c.ports.every((p: any) => Object.keys(p).every(k => PORT_FIELDS.includes(k)) && (p.protocol === undefined || PROTOCOLS[p.protocol]));
}

function portLiteral(p: any): string {
  const parts = [`number: ${p.containerPort}`];
  if (p.name !== undefined) parts.push(`name: ${str(p.name)}`);
  if (p.protocol !== undefined) parts.push(`protocol: kplus.Protocol.${PROTOCOLS[p.protocol]}`);
  if (p.hostPort !== undefined) parts.push(`hostPort: ${p.hostPort}`);
  if (p.hostIP !== undefined) parts.push(`hostIp: ${str(p.hostIP)}`);
  return `{ ${parts.join(', ')} }`;
}

const DNS_POLICIES: { [p: string]: string } = { ClusterFirst: 'CLUSTER_FIRST', ClusterFirstWithHostNet: 'CLUSTER_FIRST_WITH_HOST_NET', Default: 'DEFAULT' };

/** Whether the DNS policy can be a typed prop (the library rejects ClusterFirst with the host network, and None without nameservers). */
function typedDnsPolicy(pod: any): boolean {
  return DNS_POLICIES[pod.dnsPolicy] !== undefined && !(pod.hostNetwork && pod.dnsPolicy === 'ClusterFirst');
}

function pullPolicy(p: string): string {
  const known: { [p: string]: string } = { Always: 'ALWAYS', IfNotPresent: 'IF_NOT_PRESENT', Never: 'NEVER' };
  return known[p] ? `kplus.ImagePullPolicy.${known[p]}` : `${str(p)} as kplus.ImagePullPolicy`;
}

function updateStrategy(s: any): string | undefined {
  if (s === undefined) return undefined;
  if (s.type === 'OnDelete' && Object.keys(s).length === 1) return 'DaemonSetUpdateStrategy.onDelete()';
  if (s.type === 'RollingUpdate' && s.rollingUpdate && Object.keys(s).length === 2) {
    const amount = (v: any) => typeof v === 'number' ? `kplus.PercentOrAbsolute.absolute(${v})`
      : /^\d+%$/.test(v) ? `kplus.PercentOrAbsolute.percent(${parseInt(v, 10)})` : undefined;
    const ru = s.rollingUpdate;
    if (Object.keys(ru).some(k => k !== 'maxUnavailable' && k !== 'maxSurge')) return undefined;
    const mu = ru.maxUnavailable !== undefined ? amount(ru.maxUnavailable) : undefined;
    const ms = ru.maxSurge !== undefined ? amount(ru.maxSurge) : undefined;
    if ((ru.maxUnavailable !== undefined && !mu) || (ru.maxSurge !== undefined && !ms) || ru.maxUnavailable === undefined) return undefined;
    return `DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: ${mu}${ms ? `, maxSurge: ${ms}` : ''} })`;
  }
  return undefined;
}

function metadataLiteral(m: any, indent: string): string {
  const out: any = {};
  for (const k of ['name', 'namespace', 'labels', 'annotations']) if (m?.[k] !== undefined) out[k] = m[k];
  return lit(out, indent);
}

function daemonSetCode(ds: any, v: string, used: Set<string>): string[] {
  const spec = ds.spec ?? {};
  const tmpl = spec.template ?? {};
  const pod = tmpl.spec ?? {};
  const props: string[] = [];
  const pre: string[] = [];
  const patches: string[] = [];
  const patch = (path: string, value: any) => patches.push(`ApiObject.of(${v}).addJsonPatch(JsonPatch.add(${str(path)}, ${lit(toTyped(value))}));`);
  const remove = (path: string) => patches.push(`ApiObject.of(${v}).addJsonPatch(JsonPatch.remove(${str(path)}));`);

  props.push(`metadata: ${metadataLiteral(ds.metadata, '  ')}`);
  const podMeta = tmpl.metadata ?? {};
  if (Object.keys(podMeta).length > 0) props.push(`podMetadata: ${metadataLiteral(podMeta, '  ')}`);
  props.push('configChecksums: false');
  for (const [field, list] of [['initContainers', pod.initContainers], ['containers', pod.containers]] as const) {
    if (list?.length) props.push(`${field}: [\n${list.map((c: any) => `    ${containerProps(c, '    ')},`).join('\n')}\n  ]`);
  }
  if (pod.hostNetwork !== undefined) props.push(`hostNetwork: ${pod.hostNetwork}`);
  if (pod.hostPID !== undefined) props.push(`hostPid: ${pod.hostPID}`);
  if (pod.hostIPC !== undefined) props.push(`hostIpc: ${pod.hostIPC}`);
  if (typedDnsPolicy(pod)) props.push(`dns: { policy: kplus.DnsPolicy.${DNS_POLICIES[pod.dnsPolicy]} }`);
  if (pod.priorityClassName !== undefined) props.push(`priorityClassName: ${str(pod.priorityClassName)}`);
  if (pod.nodeSelector !== undefined && Object.keys(pod.nodeSelector).length > 0) props.push(`nodeSelector: ${lit(pod.nodeSelector, '  ')}`);
  else if (pod.nodeSelector !== undefined) patch(`${POD_SPEC}/nodeSelector`, pod.nodeSelector);
  if (pod.terminationGracePeriodSeconds !== undefined) props.push(`terminationGracePeriod: Duration.seconds(${pod.terminationGracePeriodSeconds})`);
  const saName = pod.serviceAccountName;
  if (saName !== undefined) {
    const sa = identifier(`${saName}-account`, used);
    pre.push(`const ${sa} = kplus.ServiceAccount.fromServiceAccountName(chart, ${str(`${v}-sa`)}, ${str(saName)});`);
    props.push(`serviceAccount: ${sa}`);
  }
  const pullSecrets: any[] | undefined = pod.imagePullSecrets;
  const typedPullSecrets = pullSecrets !== undefined && pullSecrets.length > 0
    && pullSecrets.every(p => Object.keys(p).length === 1 && typeof p.name === 'string')
    && new Set(pullSecrets.map(p => p.name)).size === pullSecrets.length;
  if (typedPullSecrets) {
    const refs = pullSecrets.map(p => `kplus.Secret.fromSecretName(chart, ${str(`${v}-pull-${p.name}`)}, ${str(p.name)})`);
    props.push(`imagePullSecrets: [\n${refs.map(r => `    ${r},`).join('\n')}\n  ]`);
  }
  if (pod.automountServiceAccountToken !== undefined) props.push(`automountServiceAccountToken: ${pod.automountServiceAccountToken}`);
  if (spec.minReadySeconds !== undefined) props.push(`minReadySeconds: ${spec.minReadySeconds}`);
  if (spec.revisionHistoryLimit !== undefined) props.push(`revisionHistoryLimit: ${spec.revisionHistoryLimit}`);
  const strategy = updateStrategy(spec.updateStrategy);
  if (strategy) props.push(`updateStrategy: ${strategy}`);

  // Escape hatch: everything else, and the library's defaults the input does not have.
  if (spec.minReadySeconds === undefined) remove('/spec/minReadySeconds');
  if (spec.updateStrategy === undefined) remove('/spec/updateStrategy');
  else if (!strategy) patch('/spec/updateStrategy', spec.updateStrategy);
  const selectorLabels = spec.selector?.matchLabels;
  const selectorRest = Object.keys(spec.selector ?? {}).filter(k => k !== 'matchLabels');
  const selectCall = selectorLabels && Object.keys(selectorLabels).length > 0
    ? `${v}.select(kplus.LabelSelector.of({ labels: ${lit(selectorLabels, '')} }));` : undefined;
  if (selectorRest.length > 0) patch('/spec/selector/matchExpressions', spec.selector.matchExpressions);
  for (const key of Object.keys(spec)) {
    if (!['selector', 'template', 'minReadySeconds', 'revisionHistoryLimit', 'updateStrategy'].includes(key)) patch(`/spec/${key}`, spec[key]);
  }
  for (const key of LIBRARY_POD_DEFAULTS) if (pod[key] === undefined) remove(`${POD_SPEC}/${TYPED_NAMES[key] ?? key}`);
  for (const key of Object.keys(pod)) {
    if (TYPED_POD_FIELDS.includes(key) || (key === 'dnsPolicy' && typedDnsPolicy(pod)) || (key === 'imagePullSecrets' && typedPullSecrets)) continue;
    patch(`${POD_SPEC}/${TYPED_NAMES[key] ?? key}`, pod[key]);
  }
  for (const [field, list] of [['initContainers', pod.initContainers], ['containers', pod.containers]] as const) {
    (list ?? []).forEach((c: any, i: number) => {
      const base = `${POD_SPEC}/${field}/${i}`;
      for (const key of LIBRARY_CONTAINER_DEFAULTS) if (c[key] === undefined) remove(`${base}/${key}`);
      for (const key of Object.keys(c)) {
        if (!TYPED_CONTAINER_FIELDS.includes(key) && !(key === 'ports' && typedPorts(c))) patch(`${base}/${key}`, c[key]);
      }
    });
  }

  const lines = [...pre, `const ${v} = new DaemonSet(chart, ${str(ds.metadata?.name ?? v)}, {`, ...props.map(p => `  ${p},`), '});'];
  if (selectCall) lines.push(selectCall);
  if (patches.length > 0) lines.push('// escape hatch: fields without a typed API (typed form: camelCase names, IntOrString/Quantity as { value })', ...patches);
  return lines;
}

/**
 * Generates TypeScript that recreates the given Kubernetes objects with this library's constructs:
 * `DaemonSet` for DaemonSets, plain `ApiObject`s for everything else.
 */
export function generateTypeScript(objects: any[]): string {
  const used = new Set<string>(['app', 'chart']);
  const body: string[] = [];
  for (const o of objects) {
    if (!o || typeof o !== 'object') continue;
    const v = identifier(`${o.metadata?.name ?? o.kind ?? 'obj'}-${o.kind ?? ''}`, used);
    if (o.kind === 'DaemonSet' && String(o.apiVersion).startsWith('apps/')) {
      body.push(...daemonSetCode(o, v, used), '');
    } else {
      const { apiVersion, kind, metadata, ...rest } = o;
      const props = { apiVersion, kind, metadata: metadata ?? {}, ...rest };
      body.push(`new ApiObject(chart, ${str(`${kind}-${metadata?.name ?? v}`)}, ${lit(props)});`, '');
    }
  }
  return [
    '// Generated by `cdk8s-daemonsets import`. Review before committing.',
    "import { ApiObject, App, Chart, Duration, JsonPatch } from 'cdk8s';",
    "import * as kplus from 'cdk8s-plus-27';",
    "import { DaemonSet, DaemonSetUpdateStrategy } from 'cdk8s-daemonsets';",
    '',
    'const app = new App();',
    "const chart = new Chart(app, 'imported', { disableResourceNameHashes: true });",
    '',
    ...body,
    'app.synth();',
    '',
  ].join('\n');
}

/** Runs `cdk8s-daemonsets import` with the arguments after `import`. */
export function runImport(args: string[], stdin: () => string = () => fs.readFileSync(0, 'utf-8')): CliResult {
  if (args.includes('-h') || args.includes('--help')) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  const unknown = args.find(a => a.startsWith('--'));
  if (unknown) return { code: 2, stdout: '', stderr: `cdk8s-daemonsets import: unknown option ${unknown}\n\n${USAGE}\n` };
  if (args.length === 0) return { code: 2, stdout: '', stderr: `cdk8s-daemonsets import: no input: give files, directories or - for standard input\n\n${USAGE}\n` };
  try {
    const { objects } = readManifests(args, stdin);
    return { code: 0, stdout: generateTypeScript(objects), stderr: '' };
  } catch (e) {
    return { code: 2, stdout: '', stderr: `cdk8s-daemonsets import: ${(e as Error).message}\n` };
  }
}
