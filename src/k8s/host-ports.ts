/**
 * The ports a pod takes on its node: every container port when the pod uses the host network, otherwise only
 * declared `hostPort`s, of the app containers and of the init containers that keep running (sidecars).
 */
import { containersOf } from './pod-template';
import { asList, asObject, isObject, JsonObject, objectItems, str, text } from './shape';

/**
 * A port a pod takes on its node.
 * @internal
 */
export interface HostPortUse {
  /** `9100/TCP` */
  readonly key: string;
  readonly port: number;
  readonly protocol: string;
  readonly container: string;
  readonly portName?: string;
}

/** The host port a port entry binds: its hostPort, or with the host network its containerPort. */
function boundPort(podSpec: JsonObject, port: JsonObject): unknown {
  return podSpec.hostNetwork === true ? (port.hostPort ?? port.containerPort) : port.hostPort;
}

/**
 * The host ports a rendered pod spec takes on each node it runs on.
 * @internal
 */
export function hostPortsOf(podSpecInput: unknown): HostPortUse[] {
  const podSpec = asObject(podSpecInput);
  const uses: HostPortUse[] = [];
  const seen = new Set<string>();
  // Init containers hold their ports only when they keep running (sidecars, restartPolicy Always).
  const running = containersOf(podSpec).filter(ref => ref.sidecar || (!ref.init && !ref.ephemeral));
  for (const { container: c } of running) {
    const ports = asList(c.ports);
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i];
      if (!isObject(p)) continue;
      const port = boundPort(podSpec, p);
      if (typeof port !== 'number') continue;
      const protocol = text(p.protocol ?? 'TCP');
      const key = `${port}/${protocol}`;
      if (seen.has(key)) continue;
      seen.add(key);
      uses.push({ key, port, protocol, container: text(c.name), portName: str(p.name) });
    }
  }
  return uses;
}

/**
 * The JSON path below the pod spec (`containers[0].ports[1]`) of the port entry of container `container` that
 * binds host port `port`; `undefined` when there is none.
 * @internal
 */
export function hostPortPath(podSpecInput: unknown, container: string, port: number): string | undefined {
  const podSpec = asObject(podSpecInput);
  for (const { container: c, path } of containersOf(podSpec)) {
    if (c.name !== container) continue;
    const hit = objectItems(c.ports).find(({ item: p }) => boundPort(podSpec, p) === port);
    if (hit) return `${path}.ports[${hit.index}]`;
  }
  return undefined;
}

/**
 * Why a pod cannot surge (run a second pod on the same node during a rolling update): it uses the host network,
 * or binds host ports (`container:port` listed), which the old pod still holds; undefined when it can.
 * @internal
 */
export function surgeBlocker(podSpecInput: unknown): string | undefined {
  const podSpec = asObject(podSpecInput);
  if (podSpec.hostNetwork === true) return 'uses the host network';
  const bound = containersOf(podSpec).filter(c => !c.ephemeral)
    .flatMap(({ container: c }) => objectItems(c.ports).filter(({ item: p }) => p.hostPort !== undefined).map(({ item: p }) => `${text(c.name)}:${text(p.hostPort)}`));
  return bound.length > 0 ? `binds host ports (${bound.join(', ')})` : undefined;
}
