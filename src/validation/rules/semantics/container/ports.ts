import { Checked, intValue, PodNames, PortBlock } from './checked';
import { structItems, text } from '../../../../k8s/shape';
import { checkPortName, isPortNumber, PORT_RANGE } from '../../../../k8s/syntax';
import { Add } from '../checks';

/**
 * A container's ports. Mirrors `validateContainerPorts` (name syntax and uniqueness in the container,
 * containerPort required and in range, hostPort 0 = unset), `AccumulateUniqueHostPorts` (one `protocol/hostIP/port`
 * per pod among app containers, per init container for init containers) and `validatePodHostNetworkDeps` (with
 * hostNetwork, a set hostPort of an app container equals its containerPort) in pkg/apis/core/validation/validation.go;
 * a port name used by two containers is the API server's warning only (`GetWarningsForPodTemplate`,
 * pkg/api/pod/warnings.go). The protocol enum is the schema's to report.
 */
export function checkPorts({ c, path, kind, who }: Checked, pod: PodNames, add: Add): void {
  const hostPorts = kind === 'container' ? pod.containerHostPorts : new Map<string, string>();
  const ownNames = new Set<string>();
  for (const { item: p, index: j } of structItems(c.ports)) {
    const pp = `${path}.ports[${j}]`;
    if (typeof p.name === 'string' && p.name !== '') checkPortNameOf(p.name, pp, who, ownNames, pod, add);
    const containerPort = p.containerPort ?? 0;
    if (containerPort === 0) add('port-range', `${pp}.containerPort`, `${who} port ${j} has no containerPort; containerPort is required (${PORT_RANGE})`);
    else if (intValue(containerPort) !== undefined && !isPortNumber(containerPort)) add('port-range', `${pp}.containerPort`, `${who} containerPort ${text(containerPort)} is out of range; ${PORT_RANGE}`);
    const hostPort = intValue(p.hostPort) ?? 0;
    warnOverlaps(p, pp, hostPort, pod, add);
    if (hostPort === 0) continue; // 0 or unset: no host port
    if (!isPortNumber(hostPort)) add('port-range', `${pp}.hostPort`, `${who} hostPort ${hostPort} is out of range; ${PORT_RANGE} (or 0 for none)`);
    const protocol = typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP';
    const hostIP = typeof p.hostIP === 'string' ? p.hostIP : '';
    const key = `${protocol}/${hostIP}/${hostPort}`;
    if (hostPorts.has(key)) add('host-port-collision', `${pp}.hostPort`, `${who} hostPort ${hostPort}/${protocol}${hostIP ? ` on ${hostIP}` : ''} is already bound by ${hostPorts.get(key)}; two containers of one pod cannot bind the same host port (Duplicate value: "${key}")`);
    else hostPorts.set(key, who);
    if (kind === 'container' && pod.spec.hostNetwork === true && intValue(containerPort) !== undefined && hostPort !== containerPort) {
      add('host-network-ports', `${pp}.hostPort`, `${who} hostPort ${hostPort} differs from containerPort ${text(containerPort)}; with hostNetwork it must match containerPort (or be unset)`);
    }
  }
}

/**
 * The API server's port warnings (`GetWarningsForPodTemplate`, pkg/api/pod/warnings.go): a hostIP without a
 * hostPort, and the same containerPort/protocol declared twice in the pod (duplicate, overlapping when one has no
 * host port, dangerously ambiguous when one host IP is unset).
 */
function warnOverlaps(p: { [key: string]: any }, pp: string, hostPort: number, pod: PodNames, add: Add): void {
  const hostIP = typeof p.hostIP === 'string' ? p.hostIP : '';
  if (hostIP !== '' && hostPort === 0) add('port-range', pp, `port ${text(p.containerPort)} sets hostIP ${hostIP} without a hostPort; the API server accepts this with a warning (the hostIP does nothing)`, 'warning');
  const blocks = pod.portBlocks ??= new Map<string, PortBlock[]>();
  const key = `${text(p.containerPort)}/${typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP'}`;
  const others = blocks.get(key);
  const block = { at: pp, hostPort, hostIP };
  if (others === undefined) {
    blocks.set(key, [block]);
    return;
  }
  // Under hostNetwork the Pods' host ports default to their container ports, so a repeated containerPort is the
  // Pods' rejection that runtime/pod-rejected reports; the template's warning would say the same thing weaker.
  for (const other of pod.spec.hostNetwork === true ? [] : others) {
    const kind = hostIP === other.hostIP && hostPort === other.hostPort ? 'duplicate'
      : hostPort === 0 || other.hostPort === 0 ? 'overlapping'
        : hostPort === other.hostPort && (hostIP === '') !== (other.hostIP === '') ? 'dangerously ambiguous' : undefined;
    if (kind) add('port-range', pp, `port ${key} is ${kind === 'duplicate' ? 'a' : 'an'} ${kind} port definition with ${other.at}; the API server accepts this with a warning`, 'warning');
  }
  others.push(block);
}

function checkPortNameOf(name: string, pp: string, who: string, ownNames: Set<string>, pod: PodNames, add: Add): void {
  const problem = checkPortName(name);
  if (problem) {
    add('port-names', `${pp}.name`, `${who} port name '${name}' ${problem}`);
    return;
  }
  if (ownNames.has(name)) {
    add('port-names', `${pp}.name`, `${who} port name '${name}' is used twice in the container; port names must be unique in a container (Duplicate value)`);
    return;
  }
  ownNames.add(name);
  const other = pod.portNames.get(name);
  if (other === undefined) {
    pod.portNames.set(name, pp);
  } else if (!other.startsWith(`${pp.substring(0, pp.lastIndexOf('.ports['))}.ports[`)) {
    add('port-names', `${pp}.name`, `${who} port name '${name}' is also declared by ${other}; the API server accepts this with a warning, and Services and probes that select the port by name use ${other}`, 'warning');
  }
}
