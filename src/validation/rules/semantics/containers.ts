import { Add } from './checks';
import { isExtendedResource } from '../../../k8s/pod-requests';
import { ContainerRef } from '../../../k8s/pod-template';
import { requestExceedsLimit, parseQuantity } from '../../../k8s/quantity';
import { asObject, isObject, objectItems, own, text } from '../../../k8s/shape';
import { checkAbsolutePath, checkDns1123Label, checkEnvVarName, checkImageReference, checkPortName, isPortNumber, PORT_RANGE } from '../../../k8s/syntax';

type Json = { [key: string]: any };

/** What the checks of one container need from the pod and its containers checked before. @internal */
export interface PodNames {
  readonly spec: Json;
  readonly volumes: Map<string, Json>;
  readonly containerNames: Set<string>;
  /** Port name to the container that declared it. */
  readonly portNames: Map<string, string>;
  /** `port/protocol` to the (app) container that binds it on the host. */
  readonly containerHostPorts: Map<string, string>;
}

/** A container as the checks see it: where it is, how to name it in messages. */
interface Checked {
  readonly c: Json;
  readonly path: string;
  readonly kind: 'init container' | 'container';
  readonly who: string;
}

/** The checks of one init or app container. @internal */
export function checkContainer(ref: ContainerRef, pod: PodNames, add: Add): void {
  const kind = ref.init ? 'init container' : 'container';
  const c = ref.container;
  const at: Checked = { c, path: ref.path, kind, who: `${kind} '${text(c.name)}'` };
  const np = typeof c.name === 'string' ? checkDns1123Label(c.name) : undefined;
  if (np) add('container-names', `${at.path}.name`, `${kind} name '${c.name}' ${np}`);
  if (typeof c.name === 'string' && pod.containerNames.has(c.name)) add('container-names', `${at.path}.name`, `${at.who} is defined twice; container names must be unique across containers and init containers`);
  pod.containerNames.add(c.name);
  if (typeof c.image !== 'string') {
    add('image-reference', `${at.path}.image`, `${at.who} has no image`);
  } else {
    const ip = checkImageReference(c.image);
    if (ip) add('image-reference', `${at.path}.image`, `${at.who} image '${c.image}' ${ip}`);
  }
  checkPorts(at, pod, add);
  checkEnv(at, add);
  checkResources(asObject(c.resources), `${at.path}.resources`, at.who, add);
  checkMounts(at, pod.volumes, add);
  checkProbes(at, add);
  const sc = asObject(c.securityContext);
  if (sc.privileged === true && sc.allowPrivilegeEscalation === false) {
    add('privileged-escalation', `${at.path}.securityContext`, `${at.who} is privileged but sets allowPrivilegeEscalation false, which the API server rejects; a privileged container always allows escalation`);
  }
}

/** Port ranges, names (unique in the pod), host ports (unique among app containers; equal to the container port with hostNetwork). */
function checkPorts({ c, path, kind, who }: Checked, pod: PodNames, add: Add): Map<string, number> {
  const hostPorts = kind === 'container' ? pod.containerHostPorts : new Map<string, string>();
  const ownPorts = new Map<string, number>();
  for (const { item: p, index: j } of objectItems(c.ports)) {
    const pp = `${path}.ports[${j}]`;
    if (!isPortNumber(p.containerPort)) add('port-range', `${pp}.containerPort`, `${who} containerPort ${text(p.containerPort)} is out of range; ${PORT_RANGE}`);
    if (typeof p.name === 'string') {
      const pn = checkPortName(p.name);
      if (pn) add('port-names', `${pp}.name`, `${who} port name '${p.name}' ${pn}`);
      if (pod.portNames.has(p.name)) add('port-names', `${pp}.name`, `${who} port name '${p.name}' is already used by ${pod.portNames.get(p.name)}; port names must be unique in a pod`);
      pod.portNames.set(p.name, who);
      ownPorts.set(p.name, p.containerPort);
    }
    if (p.hostPort === undefined) continue;
    if (!isPortNumber(p.hostPort)) add('port-range', `${pp}.hostPort`, `${who} hostPort ${text(p.hostPort)} is out of range; ${PORT_RANGE}`);
    const key = `${text(p.hostPort)}/${text(p.protocol ?? 'TCP')}`;
    if (hostPorts.has(key)) add('host-port-collision', `${pp}.hostPort`, `${who} hostPort ${key} is already bound by ${hostPorts.get(key)}; two containers of one pod cannot bind the same host port`);
    hostPorts.set(key, who);
    if (pod.spec.hostNetwork === true && p.hostPort !== p.containerPort) {
      add('host-network-ports', `${pp}.hostPort`, `${who} hostPort ${text(p.hostPort)} differs from containerPort ${text(p.containerPort)}; with hostNetwork they must be equal`);
    }
  }
  return ownPorts;
}

function checkEnv({ c, path, who }: Checked, add: Add): void {
  for (const { item: e, index: j } of objectItems(c.env)) {
    const ep = typeof e.name === 'string' ? checkEnvVarName(e.name) : undefined;
    if (ep) add('env-names', `${path}.env[${j}].name`, `${who} environment variable name '${e.name}' ${ep}`);
  }
  for (const { item: e, index: j } of objectItems(c.envFrom)) {
    const problem = typeof e.prefix === 'string' && e.prefix !== '' ? checkEnvVarName(e.prefix) : undefined;
    if (problem) add('env-names', `${path}.envFrom[${j}].prefix`, `${who} envFrom prefix '${e.prefix}' ${problem}`);
  }
}

/** Mounts name a volume of the pod, at unique absolute paths; relative sub-paths; Bidirectional only when privileged. */
function checkMounts({ c, path, who }: Checked, volumes: Map<string, Json>, add: Add): void {
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
}

/** No probes on init containers; successThreshold 1 for liveness and startup; probed ports exist. */
function checkProbes({ c, path, kind, who }: Checked, add: Add): void {
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
    // A port name no port of the container declares is a runtime prediction (the API checks only its syntax).
    const port = asObject(probe.httpGet).port ?? asObject(probe.tcpSocket).port;
    if (typeof port !== 'string' && port !== undefined && !isPortNumber(port)) {
      add('port-range', pp, `${who} ${probeField} port ${text(port)} is out of range; ${PORT_RANGE}`);
    }
  }
}

/** Quantities parse and are not negative; request <= limit; extended resources are not overcommitted. */
function checkResources(resources: Json, path: string, who: string, add: Add): void {
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
    if (requestExceedsLimit(request, limit)) {
      add('requests-within-limits', `${path}.requests.${name}`, `${who} requests ${name} ${request} but limits it to ${limit}; a request must not exceed its limit`);
    }
    if (isExtendedResource(name) && parseQuantity(request) !== parseQuantity(limit)) {
      add('extended-resources', `${path}.requests.${name}`, `${who} requests ${request} of extended resource ${name} but limits it to ${limit}; extended resources cannot be overcommitted, request and limit must be equal`);
    }
  }
}
