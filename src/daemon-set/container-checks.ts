import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkIp, checkPort, checkSeLinuxOptions, fieldError, INT32_MAX } from './checks';
import { DaemonSetsError, describeValue, withContext } from '../errors';
import {
  checkArray, checkEnum, checkInstance, checkObject, checkOptionalArray, checkOptionalBoolean, checkOptionalInstance,
  checkOptionalNumber, checkOptionalObject, checkOptionalString, checkString,
} from '../input-checks';
import { parseQuantity, requestExceedsLimit } from '../k8s/quantity';
import { checkDns1123Label, checkEnvVarName, checkImageReference, checkPortName, isPortNumber, PORT_RANGE } from '../k8s/syntax';
import { HealthProbe } from '../probe';
import { cpuMillis, ExtendedResource, formatSizeAsWritten } from '../resources';
import { AppArmorProfile, ProcMount, SeccompProfile } from '../security';

/** What a container's checks need to know of the pod it joins. */
export interface ContainerCheckContext {
  /** Names of the pod's containers and init containers so far. */
  readonly existingNames: string[];
  /** Whether the DaemonSet's update strategy surges. */
  readonly surges: boolean;
  /** Whether the pods use the node's network namespace. */
  readonly hostNetwork: boolean;
  /** The pods' `hostUsers`, when given (`false`: a user namespace of their own). */
  readonly hostUsers?: boolean;
  /** Whether the pod's security context chose root (`user: 0` or `ensureNonRoot: false`). */
  readonly podRunsAsRoot?: boolean;
}

/**
 * Checks one container's props (types, ranges, syntax and the rules Kubernetes applies within a
 * container) and returns its name.
 * @param at the DaemonSet's message prefix, `DaemonSet '<path>'`
 * @param kind `container` or `init container`
 * @internal
 */
export function checkContainerProps(at: string, props: unknown, kind: string, ctx: ContainerCheckContext): string {
  const p = checkObject(at, kind, props, 'a container props object ({ image, name?, ... })');
  const name = checkOptionalString(at, `${kind} name`, p.name) ?? 'main';
  const np = checkDns1123Label(name);
  if (np) throw new DaemonSetsError(`${at}: ${kind} name '${name}' ${np}.`, at, 'name');
  const where = `${at}: ${kind} '${name}'`;
  if (ctx.existingNames.includes(name)) {
    throw new DaemonSetsError(`${where}: a container or init container named '${name}' already exists; container names must be unique in a pod.`, where, 'name');
  }
  const image = checkString(where, 'image', p.image);
  const ip = checkImageReference(image);
  if (ip) throw new DaemonSetsError(`${where}: image '${image}' ${ip}.`, where, 'image');
  for (const field of ['command', 'args']) {
    checkOptionalArray(where, field, p[field], 'strings')?.forEach((s, i) => checkString(where, `${field}[${i}]`, s));
  }
  checkOptionalString(where, 'workingDir', p.workingDir);
  if (p.imagePullPolicy !== undefined) checkEnum(where, 'imagePullPolicy', p.imagePullPolicy, Object.values(kplus.ImagePullPolicy));
  checkEnv(where, p);
  checkPorts(where, p, ctx);
  checkProbes(where, p, kind);
  checkLifecycle(where, p.lifecycle);
  checkResources(where, p.resources);
  checkOptionalArray(where, 'extendedResources', p.extendedResources, 'ExtendedResource objects')?.forEach((e, i) =>
    checkInstance(where, `extendedResources[${i}]`, e, ExtendedResource, 'an ExtendedResource (ExtendedResource.nvidiaGpu(n), ExtendedResource.of(name, n), ...)'));
  const seen = new Set<string>();
  for (const e of (p.extendedResources ?? []) as ExtendedResource[]) {
    if (seen.has(e.name)) throw new DaemonSetsError(`${where}: extended resource '${e.name}' is listed twice.`, where, 'extendedResources');
    seen.add(e.name);
  }
  checkSecurity(where, p);
  checkSecurityProfiles(where, p, ctx);
  checkOptionalArray(where, 'volumeMounts', p.volumeMounts, 'volume mounts ({ volume, path, ... })')?.forEach((m, i) => {
    const mount = checkObject(where, `volumeMounts[${i}]`, m, 'a volume mount ({ volume, path, readOnly?, ... })');
    checkInstance(where, `volumeMounts[${i}].volume`, mount.volume, kplus.Volume, 'a kplus.Volume');
    checkString(where, `volumeMounts[${i}].path`, mount.path, { nonEmpty: true });
    checkMountOptions(where, `volumeMounts[${i}]`, mount);
  });
  return name;
}

/** `readOnly`, `propagation`, `subPath` and `subPathExpr` of a mount. */
export function checkMountOptions(at: string, field: string, o: Record<string, unknown>): void {
  checkOptionalBoolean(at, `${field}.readOnly`, o.readOnly);
  if (o.propagation !== undefined) checkEnum(at, `${field}.propagation`, o.propagation, Object.values(kplus.MountPropagation));
  for (const f of ['subPath', 'subPathExpr']) {
    const v = checkOptionalString(at, `${field}.${f}`, o[f]);
    if (v !== undefined && (v.startsWith('/') || v.split('/').includes('..'))) {
      throw fieldError(at, `${field}.${f}`, `'${v}' must be a relative path inside the volume, without '..'`);
    }
  }
  if (o.subPath !== undefined && o.subPathExpr !== undefined) {
    throw fieldError(at, field, 'sets both subPath and subPathExpr; Kubernetes allows one');
  }
}

function checkEnv(where: string, p: Record<string, unknown>) {
  const env = checkOptionalObject(where, 'envVariables', p.envVariables, 'a map of names to kplus.EnvValue') ?? {};
  for (const [name, value] of Object.entries(env)) {
    const ep = checkEnvVarName(name);
    if (ep) throw new DaemonSetsError(`${where}: environment variable name '${name}' ${ep}.`, where, 'envVariables');
    const v = checkInstance(where, `envVariables['${name}']`, value, kplus.EnvValue, 'a kplus.EnvValue (EnvValue.fromValue(s), EnvValue.fromSecretValue(...), ...)');
    if (v.value !== undefined) checkString(where, `envVariables['${name}'].value`, v.value);
    if (v.value === undefined && v.valueFrom === undefined) throw fieldError(where, `envVariables['${name}']`, 'has neither a value nor a source');
  }
  checkOptionalArray(where, 'envFrom', p.envFrom, 'kplus.EnvFrom objects')?.forEach((e, i) =>
    checkInstance(where, `envFrom[${i}]`, e, kplus.EnvFrom, 'a kplus.EnvFrom (Env.fromConfigMap(cm), Env.fromSecret(s))'));
}

function checkPorts(where: string, p: Record<string, unknown>, ctx: ContainerCheckContext) {
  for (const field of ['port', 'portNumber']) {
    if (p[field] !== undefined) checkPort(where, field, p[field]);
  }
  if (p.port !== undefined && p.portNumber !== undefined) {
    throw fieldError(where, 'port', 'is set together with portNumber; give portNumber only (port is deprecated)');
  }
  const ports = checkOptionalArray(where, 'ports', p.ports, 'container ports ({ number, name?, protocol?, hostPort? })') ?? [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  const hostPorts = new Set<string>();
  ports.forEach((x, i) => {
    const port = checkObject(where, `ports[${i}]`, x, 'a container port ({ number, name?, protocol?, hostPort? })');
    for (const [field, n] of [['number', port.number], ['hostPort', port.hostPort]] as const) {
      if ((n !== undefined || field === 'number') && !isPortNumber(n)) {
        throw new DaemonSetsError(`${where}: port ${field} ${describeValue(n)} is out of range; ${PORT_RANGE}.`, where, `ports[${i}].${field}`);
      }
    }
    const protocol = port.protocol === undefined ? 'TCP' : checkEnum(where, `ports[${i}].protocol`, port.protocol, Object.values(kplus.Protocol));
    if (port.hostIp !== undefined) checkIp(where, `ports[${i}].hostIp`, port.hostIp);
    if (port.name !== undefined) {
      const name = checkString(where, `ports[${i}].name`, port.name);
      const pp = checkPortName(name);
      if (pp) throw new DaemonSetsError(`${where}: port name '${name}' ${pp}.`, where, `ports[${i}].name`);
      if (names.has(name)) throw fieldError(where, `ports[${i}].name`, `port name '${name}' is used twice; port names must be unique in a container`);
      names.add(name);
    }
    const key = `${port.number}/${protocol}`;
    if (protocol === 'TCP' && port.number === (p.portNumber ?? p.port)) {
      throw fieldError(where, `ports[${i}]`, `port ${port.number} is also given as portNumber; give it once`);
    }
    if (numbers.has(key)) throw fieldError(where, `ports[${i}]`, `port ${key} is declared twice`);
    numbers.add(key);
    if (port.hostPort !== undefined) {
      const hostKey = `${port.hostPort}/${protocol}`;
      if (hostPorts.has(hostKey)) throw new DaemonSetsError(`${where}: hostPort ${hostKey} is declared twice; a host port can be bound once per node.`, where, `ports[${i}].hostPort`);
      hostPorts.add(hostKey);
      if (ctx.hostNetwork && port.hostPort !== port.number) {
        throw fieldError(where, `ports[${i}].hostPort`, `is ${describeValue(port.hostPort)} but the containerPort is ${describeValue(port.number)}; with hostNetwork they must be equal (or leave hostPort out)`);
      }
      if (ctx.surges) {
        throw new DaemonSetsError(`${where}: hostPort ${port.hostPort} cannot be used with the rolling update's maxSurge, which runs the old and new pod on the same node at once; use maxUnavailable instead.`, where, `ports[${i}].hostPort`);
      }
    }
  });
}

function checkProbes(where: string, p: Record<string, unknown>, kind: string) {
  for (const field of ['liveness', 'readiness', 'startup']) {
    checkOptionalInstance(where, field, p[field], kplus.Probe, 'a kplus.Probe (Probe.fromHttpGet(...), ...)');
    checkOptionalInstance(where, `${field}Probe`, p[`${field}Probe`], HealthProbe, 'a HealthProbe (HealthProbe.httpGet(...), .tcpSocket(), .exec(), .grpc())');
  }
  const probes = ['livenessProbe', 'readinessProbe', 'startupProbe', 'liveness', 'readiness', 'startup'].filter(f => p[f] !== undefined);
  if (kind === 'init container' && probes.length > 0) {
    throw new DaemonSetsError(`${where}: ${probes.join(', ')} set, but init containers cannot have probes (they run to completion before the pod starts); move the probe to a container.`, where, probes[0]);
  }
  for (const field of ['liveness', 'readiness', 'startup']) {
    const probe = p[`${field}Probe`] as HealthProbe | undefined;
    if (probe && p[field]) throw new DaemonSetsError(`${where}: both ${field} and ${field}Probe are set; use one.`, where, `${field}Probe`);
    if (probe && field !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
      throw new DaemonSetsError(`${where}: ${field}Probe successThreshold is ${probe.successThreshold}; Kubernetes requires 1 for liveness and startup probes.`, where, `${field}Probe`);
    }
  }
}

function checkLifecycle(where: string, value: unknown) {
  const lifecycle = checkOptionalObject(where, 'lifecycle', value, 'a container lifecycle ({ postStart?, preStop? })');
  if (!lifecycle) return;
  for (const hook of ['postStart', 'preStop']) {
    checkOptionalInstance(where, `lifecycle.${hook}`, lifecycle[hook], kplus.Handler, 'a kplus.Handler (Handler.fromCommand(...), Handler.fromHttpGet(...), ...)');
  }
}

function checkResources(where: string, value: unknown) {
  const r = checkOptionalObject(where, 'resources', value, 'a kplus.ContainerResources object ({ cpu?, memory?, ephemeralStorage? })');
  if (!r) return;
  const cpu = checkOptionalObject(where, 'resources.cpu', r.cpu, 'cpu resources ({ request?, limit? })');
  const millis: { [bound: string]: number | undefined } = {};
  for (const bound of ['request', 'limit']) {
    const c = checkOptionalInstance(where, `resources.cpu.${bound}`, cpu?.[bound], kplus.Cpu, 'a kplus.Cpu (Cpu.millis(n), Cpu.units(n))');
    if (!c) continue;
    const amount = typeof c.amount === 'string' ? parseQuantity(c.amount) : undefined;
    if (amount === undefined || !Number.isFinite(amount) || !(amount > 0) || amount > 1e9 || !/^[0-9.]+m?$/.test(c.amount)) {
      throw new DaemonSetsError(`${where}: cpu ${typeof c.amount === 'string' ? c.amount : describeValue(c.amount)} must be positive.` + ' A CPU amount is a positive, finite number of cores or millicores, e.g. Cpu.millis(250) or Cpu.units(2).', where, `resources.cpu.${bound}`);
    }
    millis[bound] = cpuMillis(c);
  }
  if (millis.request !== undefined && millis.limit !== undefined && requestExceedsLimit(`${millis.request}m`, `${millis.limit}m`)) {
    throw new DaemonSetsError(`${where}: requests cpu ${millis.request}m but limits it to ${millis.limit}m; a request must not exceed its limit.`, where, 'resources.cpu');
  }
  for (const [field, name] of [['memory', 'memory'], ['ephemeralStorage', 'ephemeral-storage']] as const) {
    const sizes = checkOptionalObject(where, `resources.${field}`, r[field], `${field} resources ({ request?, limit? })`);
    const kib: { [bound: string]: number } = {};
    const shown: { [bound: string]: string } = {};
    for (const bound of ['request', 'limit']) {
      const s = checkOptionalInstance(where, `resources.${field}.${bound}`, sizes?.[bound], Size, 'a Size (Size.mebibytes(n), Size.gibibytes(n), ...)');
      if (!s) continue;
      shown[bound] = withContext(where, `resources.${field}.${bound}`, () => formatSizeAsWritten(s));
      kib[bound] = s.toKibibytes();
      if (!Number.isSafeInteger(kib[bound])) {
        throw fieldError(where, `resources.${field}.${bound}`, `${shown[bound]} is larger than a quantity can be written exactly; use at most ${Number.MAX_SAFE_INTEGER}Ki`);
      }
    }
    if (kib.request !== undefined && kib.limit !== undefined && requestExceedsLimit(`${kib.request}Ki`, `${kib.limit}Ki`)) {
      throw new DaemonSetsError(`${where}: requests ${name} ${shown.request} but limits it to ${shown.limit}; a request must not exceed its limit.`, where, `resources.${field}`);
    }
  }
}

function checkSecurity(where: string, p: Record<string, unknown>) {
  const sc = checkOptionalObject(where, 'securityContext', p.securityContext, 'a kplus.ContainerSecurityContextProps object');
  for (const id of ['user', 'group']) checkOptionalNumber(where, `securityContext.${id}`, sc?.[id], { integer: true, min: 0, max: INT32_MAX });
  for (const flag of ['ensureNonRoot', 'privileged', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation']) {
    checkOptionalBoolean(where, `securityContext.${flag}`, sc?.[flag]);
  }
  checkCapabilityLists(where, 'securityContext.capabilities', sc?.capabilities);
  checkCapabilityLists(where, 'capabilities', p.capabilities);
  if (sc?.privileged === true && sc.allowPrivilegeEscalation === false) {
    throw new DaemonSetsError(`${where}: securityContext is privileged but sets allowPrivilegeEscalation false, which the API server rejects; drop one of them.`, where, 'securityContext');
  }
}

/**
 * The container's seccomp and AppArmor profiles (their factories check their names as `validateSeccompProfileField`
 * and `ValidateAppArmorProfileField` do), SELinux options (strings: the API server checks no more) and procMount
 * (`Unmasked` only in a user namespace, as `ValidateSecurityContext` in pkg/apis/core/validation requires).
 */
function checkSecurityProfiles(where: string, p: Record<string, unknown>, ctx: ContainerCheckContext) {
  checkOptionalInstance(where, 'seccompProfile', p.seccompProfile, SeccompProfile, 'a SeccompProfile (SeccompProfile.runtimeDefault(), .unconfined(), .localhost(path))');
  checkOptionalInstance(where, 'appArmorProfile', p.appArmorProfile, AppArmorProfile, 'an AppArmorProfile (AppArmorProfile.runtimeDefault(), .unconfined(), .localhost(name))');
  checkSeLinuxOptions(where, 'seLinuxOptions', p.seLinuxOptions);
  const procMount = p.procMount === undefined ? undefined : checkEnum(where, 'procMount', p.procMount, Object.values(ProcMount));
  if (procMount === ProcMount.UNMASKED && ctx.hostUsers !== false) {
    throw fieldError(where, 'procMount', `is Unmasked, but the pods share the node's user namespace (hostUsers ${ctx.hostUsers === undefined ? 'not set' : 'true'}); the API server accepts Unmasked only with the DaemonSet's hostUsers: false, or use ProcMount.DEFAULT`);
  }
}

function checkCapabilityLists(where: string, field: string, value: unknown) {
  const caps = checkOptionalObject(where, field, value, 'capability lists ({ add?, drop? })');
  for (const list of ['add', 'drop']) {
    checkOptionalArray(where, `${field}.${list}`, caps?.[list], 'capability names')?.forEach((c, i) => checkString(where, `${field}.${list}[${i}]`, c));
  }
}

/** Checks the array of container names a method targets. */
export function checkContainerNames(at: string, field: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return checkArray(at, field, value, 'container names').map((n, i) => checkString(at, `${field}[${i}]`, n));
}

