import { exceeds, parseQuantity } from '../k8s/quantity';
import { Rule, RuleContext, RuleHit, Severity } from './rule';
import { isInt64, operatorValues } from '../k8s/node-selector';
import { asList, asObject, entriesOf, isObject, Manifest, objectItems, own, text } from '../k8s/shape';
import {
  checkAbsolutePath, checkDns1123Label, checkDns1123Subdomain, checkEnvVarName,
  checkImageReference, checkLabelValue, checkPortName, checkQualifiedName,
} from '../k8s/syntax';
import { podTemplates } from '../k8s/pod-template';

/**
 * A rule the API server enforces (or a DaemonSet needs) that a schema cannot express,
 * broken by a manifest.
 */
export interface SemanticProblem {
  /** The rule broken, e.g. `semantics/selector-matches-labels`. */
  readonly rule: string;
  /** JSON path of the offending field, e.g. `spec.template.spec.containers[0].resources`. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

type Json = { [key: string]: any };
type Add = (rule: string, path: string, message: string) => void;

/**
 * Checks what every object's metadata needs: a name, or a generateName the API server completes on create.
 * Mirrors `ValidateObjectMetaAccessor` in k8s.io/apimachinery `pkg/api/validation/objectmeta.go`, which answers
 * `metadata.name: Required value: name or generateName is required`. A metadata, name or generateName of the
 * wrong type is the schema rule's to report.
 */
export function checkObjectMeta(obj: Json): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const add: Add = (rule, path, message) => problems.push({ rule: `semantics/${rule}`, path, message });
  if (!isObject(obj) || typeof obj.kind !== 'string' || obj.kind === 'List') return problems;
  const meta = obj.metadata;
  if (meta != null && !isObject(meta)) return problems;
  const missing = (v: unknown) => v === undefined || v === null || v === '';
  if (missing(meta?.name) && missing(meta?.generateName)) {
    add('metadata-name', 'metadata.name', `the ${obj.kind} has no metadata.name (nor generateName), so the API server rejects it: `
      + '"metadata.name: Required value: name or generateName is required"; set metadata.name');
  }
  return problems;
}

/**
 * Checks a rendered DaemonSet (Kubernetes JSON) for what the API server would reject,
 * or what would keep its pods from ever running.
 */
export function checkDaemonSet(ds: Json): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const add: Add = (rule, path, message) => problems.push({ rule: `semantics/${rule}`, path, message });
  const meta = asObject(asObject(ds).metadata);
  if (typeof meta.name === 'string' && meta.name !== '') {
    const p = checkDns1123Subdomain(meta.name);
    if (p) add('dns-name', 'metadata.name', `name '${meta.name}' ${p}`);
  }
  checkMetadataMaps(meta, 'metadata', add);
  const spec = asObject(asObject(ds).spec);
  const template = asObject(spec.template);
  const templateMeta = asObject(template.metadata);
  checkMetadataMaps(templateMeta, 'spec.template.metadata', add);

  // The selector must select the template's own labels, or the API server rejects the DaemonSet.
  const labels = templateMeta.labels;
  for (const [k, v] of entriesOf(asObject(spec.selector).matchLabels)) {
    if (typeof v === 'string' && own(labels, k) !== v) add('selector-matches-labels', `spec.selector.matchLabels.${k}`, `selector requires label ${k}=${v} but the pod template's labels do not carry it; the selector must match the template labels`);
  }

  const strategy = asObject(spec.updateStrategy);
  const ru = strategy.rollingUpdate;
  const podSpec = asObject(template.spec);
  if (strategy.type === 'RollingUpdate' && isObject(ru)) {
    const surge = ru.maxSurge;
    const surges = surge !== undefined && surge !== 0 && surge !== '0%';
    if (!surges && (ru.maxUnavailable === 0 || ru.maxUnavailable === '0%')) {
      add('rolling-update', 'spec.updateStrategy.rollingUpdate', 'maxUnavailable and maxSurge are both zero, so no pod could ever be replaced; one of them must be positive');
    }
    if (surges) {
      const hostPorts = allContainers(podSpec).flatMap(({ c }) => objectItems(c.ports).filter(({ item: p }) => p.hostPort !== undefined).map(({ item: p }) => `${text(c.name)}:${text(p.hostPort)}`));
      if (hostPorts.length > 0 || podSpec.hostNetwork === true) {
        add('max-surge-host-port', 'spec.updateStrategy.rollingUpdate.maxSurge', `maxSurge ${text(surge)} starts a new pod next to the old one on the same node, but the pod ${podSpec.hostNetwork ? 'uses the host network' : `binds host ports (${hostPorts.join(', ')})`}, so the new pod could never start; use maxUnavailable instead of maxSurge`);
      }
    }
  }
  for (const field of ['minReadySeconds', 'revisionHistoryLimit'] as const) {
    if (spec[field] !== undefined && (!Number.isInteger(spec[field]) || spec[field] < 0)) add('non-negative', `spec.${field}`, `${field} is ${text(spec[field])}; it must be a non-negative integer`);
  }
  problems.push(...checkPodSpec(podSpec, 'spec.template.spec'));
  return problems;
}

function checkMetadataMaps(meta: Json, path: string, add: Add) {
  for (const [k, v] of entriesOf(meta.labels)) {
    const kp = checkQualifiedName(k);
    if (kp) add('metadata-syntax', `${path}.labels`, `label key '${k}' ${kp}`);
    // A value that is not a string is the schema rule's to report.
    const vp = typeof v === 'string' ? checkLabelValue(v) : undefined;
    if (vp) add('metadata-syntax', `${path}.labels.${k}`, `label '${k}' value '${v}' ${vp}`);
  }
  for (const [k] of entriesOf(meta.annotations)) {
    const kp = checkQualifiedName(k);
    if (kp) add('metadata-syntax', `${path}.annotations`, `annotation key '${k}' ${kp}`);
  }
}

function allContainers(podSpec: Json): { c: Json; path: string; kind: string }[] {
  return [
    ...objectItems(podSpec.initContainers).map(({ item, index }) => ({ c: item, path: `initContainers[${index}]`, kind: 'init container' })),
    ...objectItems(podSpec.containers).map(({ item, index }) => ({ c: item, path: `containers[${index}]`, kind: 'container' })),
  ];
}

/**
 * Checks a rendered pod spec (Kubernetes JSON).
 * @param base the JSON path of the pod spec, used in findings
 */
export function checkPodSpec(podSpecInput: Json, base: string): SemanticProblem[] {
  const podSpec = asObject(podSpecInput);
  const problems: SemanticProblem[] = [];
  const add: Add = (rule, path, message) => problems.push({ rule: `semantics/${rule}`, path: `${base}.${path}`, message });

  if (podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== 'Always') {
    add('restart-policy', 'restartPolicy', `restartPolicy is ${text(podSpec.restartPolicy)}; a DaemonSet's pods must use Always`);
  }
  // A containers field that is not a list is the schema rule's to report.
  if (podSpec.containers == null || (Array.isArray(podSpec.containers) && podSpec.containers.length === 0)) add('containers', 'containers', 'the pod has no containers; add at least one');

  // Volumes: unique DNS-1123 names; hostPath absolute.
  const volumes = new Map<string, Json>();
  for (const { item: v, index: i } of objectItems(podSpec.volumes)) {
    // Fields of the wrong type (a name that is not a string ...) are the schema rule's to report.
    if (typeof v.name !== 'string') continue;
    const p = checkDns1123Label(v.name);
    if (p) add('volume-names', `volumes[${i}].name`, `volume name '${v.name}' ${p}`);
    if (volumes.has(v.name)) add('volume-names', `volumes[${i}].name`, `volume name '${v.name}' is used twice; volume names must be unique in a pod`);
    volumes.set(v.name, v);
    const hostPath = asObject(v.hostPath).path;
    if (typeof hostPath === 'string') {
      const hp = checkAbsolutePath(hostPath);
      if (hp) add('host-path', `volumes[${i}].hostPath.path`, `hostPath '${hostPath}' of volume '${v.name}' ${hp}`);
    }
  }

  const names = new Set<string>();
  const portNames = new Map<string, string>();
  // Init containers run one at a time before the containers, so each binds its host ports alone.
  const containerHostPorts = new Map<string, string>();
  for (const { c, path, kind } of allContainers(podSpec)) {
    const who = `${kind} '${text(c.name)}'`;
    const hostPorts = kind === 'container' ? containerHostPorts : new Map<string, string>();
    const np = typeof c.name === 'string' ? checkDns1123Label(c.name) : undefined;
    if (np) add('container-names', `${path}.name`, `${kind} name '${c.name}' ${np}`);
    if (typeof c.name === 'string' && names.has(c.name)) add('container-names', `${path}.name`, `${who} is defined twice; container names must be unique across containers and init containers`);
    names.add(c.name);
    if (typeof c.image !== 'string') {
      add('image-reference', `${path}.image`, `${who} has no image`);
    } else {
      const ip = checkImageReference(c.image);
      if (ip) add('image-reference', `${path}.image`, `${who} image '${c.image}' ${ip}`);
    }

    const ownPorts = new Map<string, number>();
    for (const { item: p, index: j } of objectItems(c.ports)) {
      const pp = `${path}.ports[${j}]`;
      if (!validPort(p.containerPort)) add('port-range', `${pp}.containerPort`, `${who} containerPort ${text(p.containerPort)} is out of range; a port is an integer from 1 to 65535`);
      if (typeof p.name === 'string') {
        const pn = checkPortName(p.name);
        if (pn) add('port-names', `${pp}.name`, `${who} port name '${p.name}' ${pn}`);
        if (portNames.has(p.name)) add('port-names', `${pp}.name`, `${who} port name '${p.name}' is already used by ${portNames.get(p.name)}; port names must be unique in a pod`);
        portNames.set(p.name, who);
        ownPorts.set(p.name, p.containerPort);
      }
      if (p.hostPort !== undefined) {
        if (!validPort(p.hostPort)) add('port-range', `${pp}.hostPort`, `${who} hostPort ${text(p.hostPort)} is out of range; a port is an integer from 1 to 65535`);
        const key = `${text(p.hostPort)}/${text(p.protocol ?? 'TCP')}`;
        if (hostPorts.has(key)) add('host-port-collision', `${pp}.hostPort`, `${who} hostPort ${key} is already bound by ${hostPorts.get(key)}; two containers of one pod cannot bind the same host port`);
        hostPorts.set(key, who);
        if (podSpec.hostNetwork === true && p.hostPort !== p.containerPort) {
          add('host-network-ports', `${pp}.hostPort`, `${who} hostPort ${text(p.hostPort)} differs from containerPort ${text(p.containerPort)}; with hostNetwork they must be equal`);
        }
      }
    }

    for (const { item: e, index: j } of objectItems(c.env)) {
      const ep = typeof e.name === 'string' ? checkEnvVarName(e.name) : undefined;
      if (ep) add('env-names', `${path}.env[${j}].name`, `${who} environment variable name '${e.name}' ${ep}`);
    }
    for (const { item: e, index: j } of objectItems(c.envFrom)) {
      if (typeof e.prefix === 'string' && e.prefix !== '' && checkEnvVarName(e.prefix)) {
        add('env-names', `${path}.envFrom[${j}].prefix`, `${who} envFrom prefix '${e.prefix}' ${checkEnvVarName(e.prefix)}`);
      }
    }

    checkResources(asObject(c.resources), `${path}.resources`, who, add);

    const mountPaths = new Set<string>();
    for (const { item: m, index: j } of objectItems(c.volumeMounts)) {
      const mp = `${path}.volumeMounts[${j}]`;
      if (typeof m.name === 'string' && !volumes.has(m.name)) {
        const known = [...volumes.keys()];
        add('volume-mounts', `${mp}.name`, `${who} mounts volume '${m.name}', which the pod does not define; defined volumes: ${known.length ? known.map(k => `'${k}'`).join(', ') : 'none'}`);
      }
      if (typeof m.mountPath !== 'string') continue;
      const pp = checkAbsolutePath(m.mountPath);
      if (pp) add('volume-mounts', `${mp}.mountPath`, `${who} mountPath '${m.mountPath}' ${pp}`);
      if (mountPaths.has(m.mountPath)) add('volume-mounts', `${mp}.mountPath`, `${who} mounts two volumes at '${m.mountPath}'; mount paths must be unique per container`);
      mountPaths.add(m.mountPath);
      if (m.subPath !== undefined && m.subPathExpr !== undefined) add('volume-mounts', `${mp}`, `${who} mount at '${m.mountPath}' sets both subPath and subPathExpr; use one`);
      for (const f of ['subPath', 'subPathExpr']) {
        if (typeof m[f] === 'string' && (m[f].startsWith('/') || m[f].split('/').includes('..'))) add('volume-mounts', `${mp}.${f}`, `${who} ${f} '${m[f]}' must be a relative path without '..'`);
      }
      if (m.mountPropagation === 'Bidirectional' && asObject(c.securityContext).privileged !== true) {
        add('mount-propagation', `${mp}.mountPropagation`, `${who} mounts '${m.mountPath}' with Bidirectional propagation, which only privileged containers may use; use HostToContainer or make the container privileged`);
      }
    }

    for (const probeField of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const probe = c[probeField];
      if (!isObject(probe)) continue;
      const pp = `${path}.${probeField}`;
      if (kind === 'init container') {
        add('probes', pp, `${who} has a ${probeField}, which init containers cannot have (they run to completion before the pod starts)`);
        continue;
      }
      if (probeField !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
        add('probes', `${pp}.successThreshold`, `${who} ${probeField} successThreshold is ${text(probe.successThreshold)}; liveness and startup probes must use 1`);
      }
      const port = asObject(probe.httpGet).port ?? asObject(probe.tcpSocket).port;
      if (typeof port === 'string') {
        if (!ownPorts.has(port)) {
          const known = [...ownPorts.keys()];
          add('probe-ports', `${pp}`, `${who} ${probeField} probes port '${port}', which names no port of this container; named ports: ${known.length ? known.map(k => `'${k}'`).join(', ') : 'none'}`);
        }
      } else if (port !== undefined && !validPort(port)) {
        add('probe-ports', pp, `${who} ${probeField} port ${text(port)} is out of range; a port is an integer from 1 to 65535`);
      }
    }
    const sc = asObject(c.securityContext);
    if (sc.privileged === true && sc.allowPrivilegeEscalation === false) {
      add('privileged-escalation', `${path}.securityContext`, `${who} is privileged but sets allowPrivilegeEscalation false, which the API server rejects; a privileged container always allows escalation`);
    }
  }

  checkScheduling(podSpec, add);

  if (podSpec.dnsPolicy === 'None' && asList(asObject(podSpec.dnsConfig).nameservers).length === 0) {
    add('dns-config', 'dnsConfig', 'dnsPolicy None needs at least one nameserver in dnsConfig');
  }
  return problems;
}

function validPort(port: unknown): boolean {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
}

function checkResources(resources: Json, path: string, who: string, add: Add) {
  const limits = asObject(resources.limits);
  const requests = asObject(resources.requests);
  for (const [kind, map] of [['limits', limits], ['requests', requests]] as const) {
    for (const [name, value] of Object.entries<any>(map)) {
      // A value that is neither a string nor a number is the schema rule's to report.
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const q = parseQuantity(value);
      if (q === undefined) add('quantities', `${path}.${kind}.${name}`, `${who} ${kind} ${name} '${value}' is not a quantity (e.g. '250m', '1', '64Mi')`);
      else if (q < 0) add('quantities', `${path}.${kind}.${name}`, `${who} ${kind} ${name} is negative (${value})`);
    }
  }
  for (const [name, request] of Object.entries<any>(requests)) {
    if (typeof request !== 'string' && typeof request !== 'number') continue;
    const limit = own(limits, name);
    if (limit === undefined) {
      if (isExtendedResource(name)) {
        add('extended-resources', `${path}.limits`, `${who} requests extended resource ${name} without a limit; extended resources cannot be overcommitted, set the limit equal to the request`);
      }
      continue;
    }
    if (typeof limit !== 'string' && typeof limit !== 'number') continue;
    const r = parseQuantity(request);
    const l = parseQuantity(limit);
    if (r !== undefined && l !== undefined && exceeds(r, l)) {
      add('requests-within-limits', `${path}.requests.${name}`, `${who} requests ${name} ${request} but limits it to ${limit}; a request must not exceed its limit`);
    }
    if (isExtendedResource(name) && r !== l) {
      add('extended-resources', `${path}.requests.${name}`, `${who} requests ${request} of extended resource ${name} but limits it to ${limit}; extended resources cannot be overcommitted, request and limit must be equal`);
    }
  }
}

/** A resource advertised by a device plugin: domain-qualified and outside kubernetes.io. */
function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.split('/')[0].endsWith('kubernetes.io');
}

function checkScheduling(podSpec: Json, add: Add) {
  for (const [k, v] of entriesOf(podSpec.nodeSelector)) {
    const kp = checkQualifiedName(k);
    if (kp) add('node-selector', 'nodeSelector', `nodeSelector key '${k}' ${kp}`);
    const vp = typeof v === 'string' ? checkLabelValue(v) : undefined;
    if (vp) add('node-selector', `nodeSelector.${k}`, `nodeSelector '${k}' value '${v}' ${vp}`);
  }
  const na = asObject(asObject(podSpec.affinity).nodeAffinity);
  const terms: { path: string; exprs: unknown }[] = [];
  for (const { item: t, index: i } of objectItems(asObject(na.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms)) {
    terms.push({ path: `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`, exprs: t.matchExpressions });
  }
  for (const { item: t, index: i } of objectItems(na.preferredDuringSchedulingIgnoredDuringExecution)) {
    const path = `affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (!Number.isInteger(t.weight) || t.weight < 1 || t.weight > 100) add('node-affinity', `${path}.weight`, `preferred node affinity weight ${text(t.weight)} is out of range; use an integer from 1 to 100`);
    terms.push({ path: `${path}.preference`, exprs: asObject(t.preference).matchExpressions });
  }
  for (const { path, exprs } of terms) {
    for (const { item: e, index: j } of objectItems(exprs)) {
      const ep = `${path}.matchExpressions[${j}]`;
      const values = asList(e.values);
      const shown = values.map(text).join(', ');
      const key = text(e.key);
      const kp = typeof e.key === 'string' ? checkQualifiedName(e.key) : undefined;
      if (kp) add('node-affinity', `${ep}.key`, `node affinity key '${key}' ${kp}`);
      const takes = operatorValues(e.operator);
      if (takes === 'one-integer') {
        if (values.length !== 1 || !isInt64(text(values[0]))) {
          add('node-affinity', `${ep}.values`, `node affinity ${e.operator} on '${key}' needs exactly one integer value, got [${shown}]`);
        }
      } else if (takes === 'none') {
        if (values.length > 0) add('node-affinity', `${ep}.values`, `node affinity ${e.operator} on '${key}' takes no values, got [${shown}]`);
      } else if (takes === 'some' && values.length === 0 && !(e.values != null && !Array.isArray(e.values))) {
        add('node-affinity', `${ep}.values`, `node affinity ${e.operator} on '${key}' needs at least one value`);
      }
    }
  }
  for (const { item: t, index: i } of objectItems(podSpec.tolerations)) {
    const tp = `tolerations[${i}]`;
    if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') add('tolerations', `${tp}.value`, `toleration of '${text(t.key ?? '*')}' with operator Exists must not set a value (got '${text(t.value)}')`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') add('tolerations', `${tp}.tolerationSeconds`, `toleration of '${text(t.key ?? '*')}' sets tolerationSeconds, which only applies to the NoExecute effect (effect is ${text(t.effect ?? 'any')})`);
    if (t.key === undefined && t.operator !== 'Exists') add('tolerations', `${tp}.operator`, 'a toleration without a key must use operator Exists');
  }
}

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob', 'Pod']);

/**
 * The semantics rule family: what the API server would reject that a schema cannot express.
 * One rule runs every check; each hit carries its own `semantics/<check>` id.
 * @internal
 */
export const SEMANTIC_RULES: Rule[] = [{
  id: 'semantics',
  severity: Severity.ERROR,
  description: 'What the API server rejects and a schema cannot express: object names (name or generateName), selectors, names and labels, ports, env names, quantities and request <= limit, rolling update, probes, mounts, scheduling.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const object of ctx.objects) {
      const problems = [...checkObjectMeta(object), ...object.kind === 'DaemonSet'
        ? checkDaemonSet(object)
        : podTemplates(object).flatMap(t => checkPodSpec(t.spec, t.path))
          // Jobs, CronJobs and bare Pods may use OnFailure or Never.
          .filter(p => p.rule !== 'semantics/restart-policy' || !RUN_TO_COMPLETION.has(object.kind))];
      for (const p of problems) {
        // The API server accepts '-' and '.' in env names, but shells and most programs cannot read them.
        const severity = p.rule === 'semantics/env-names' ? Severity.WARNING : undefined;
        hits.push({ object: object as Manifest, path: p.path, message: p.message, ruleId: p.rule, severity });
      }
    }
    return hits;
  },
}];
