import * as kplus from 'cdk8s-plus-27';
import { orderEnvVariables } from '../env-order';
import { checkEnum } from '../input-checks';
import { imageTag } from '../k8s/syntax';
import { planContainerResources } from '../resources';
import { normalizeCapabilities, seLinuxOptionsToKube } from '../security';
import { checkContainerProps, ContainerCheckContext } from './container-checks';
import { Hardening, planContainerSecurity } from './hardening';
import { DaemonSetContainerProps, TerminationMessagePolicy } from './props';
import { ContainerFieldValues, SecurityContextFieldValues } from './render';

/** One container of a DaemonSet, decided from its props: what cdk8s-plus-27 renders and what we patch in. */
export interface ContainerPlan {
  /** The container's name. */
  readonly name: string;
  /** The props handed to cdk8s-plus-27. */
  readonly kplusProps: kplus.ContainerProps;
  /** The fields cdk8s-plus-27 cannot render, patched in after the container exists. */
  readonly patches: ContainerFieldValues;
  /** The `securityContext` fields cdk8s-plus-27 has no props for, written after its serializer (`addSecurityContextFields`). */
  readonly securityFields: SecurityContextFieldValues;
  /** Fields of the rendered `securityContext` to remove after the patches (`''`: all of it); see `planContainerSecurity`. */
  readonly securityRemovals: string[];
  /** The hardening level's defaults the container gets, as `field: value`. */
  readonly hardeningApplied: string[];
}

/**
 * Checks a container's props and applies a node agent's defaults: small resource requests, Kubernetes'
 * pull policy rule, the hardening level's security context (restricted: all capabilities dropped unless
 * privileged), env in an order independent of key order.
 * @param at the DaemonSet's message prefix, `DaemonSet '<path>'`
 * @param hardening the DaemonSet's hardening level
 */
export function planContainer(
  at: string, props: DaemonSetContainerProps, init: boolean, ctx: ContainerCheckContext, hardening: Hardening = Hardening.RESTRICTED,
): ContainerPlan {
  const kind = init ? 'init container' : 'container';
  const name = checkContainerProps(at, props, kind, ctx);
  const where = `${at}: ${kind} '${name}'`;

  const sc = props.securityContext ?? {};
  const legacy = sc.capabilities;
  const add = normalizeCapabilities([...props.capabilities?.add ?? [], ...legacy?.add ?? []], where, 'capabilities.add');
  const givenDrop = props.capabilities?.drop ?? legacy?.drop;
  const dropped = givenDrop === undefined ? undefined : normalizeCapabilities(givenDrop, where, 'capabilities.drop');
  const security = planContainerSecurity(hardening, sc, dropped, add, ctx.podRunsAsRoot ?? false);
  const drop = dropped ?? security.defaultDrop;
  const capabilities = add.length > 0 || drop.length > 0 ? { add: add.length ? add : undefined, drop: drop.length ? drop : undefined } : undefined;
  const resources = planContainerResources(where, props);
  const terminationMessagePolicy = props.terminationMessagePolicy === undefined ? undefined
    : checkEnum(where, 'terminationMessagePolicy', props.terminationMessagePolicy, Object.values(TerminationMessagePolicy));
  // cdk8s-plus gives a container with portNumber a startup probe, which init containers must not have.
  const initPort = init ? props.portNumber ?? props.port : undefined;
  const kplusProps: kplus.ContainerProps = {
    ...props,
    ...initPort !== undefined ? { port: undefined, portNumber: undefined, ports: [{ number: initPort }, ...props.ports ?? []] } : {},
    name,
    // cdk8s-plus renders sizes only in whole Mi/Gi; all resources are rendered as a patch instead (and `{}` keeps
    // cdk8s-plus's own default of 1 CPU / 512Mi out).
    resources: {},
    envVariables: orderEnvVariables(props.envVariables ?? {}),
    imagePullPolicy: props.imagePullPolicy ?? defaultPullPolicy(props.image),
    securityContext: security.kplusSecurityContext,
  };

  const portNumber = props.portNumber ?? props.port;
  const ports = [...props.ports ?? [], ...portNumber !== undefined ? [{ number: portNumber }] : []];
  const probes: [string, unknown][] = [];
  for (const [field, probe] of [['livenessProbe', props.livenessProbe], ['readinessProbe', props.readinessProbe], ['startupProbe', props.startupProbe]] as const) {
    if (probe) probes.push([field, probe._toKube(ports[0]?.number, where)]);
  }
  return {
    name,
    kplusProps,
    patches: { resources, capabilities, probes, terminationMessagePolicy },
    securityFields: {
      appArmorProfile: props.appArmorProfile?._toKube(),
      procMount: props.procMount,
      seLinuxOptions: props.seLinuxOptions && seLinuxOptionsToKube(props.seLinuxOptions),
      seccompProfile: props.seccompProfile && sortedProfile(props.seccompProfile._toKube()),
    },
    securityRemovals: security.removals,
    hardeningApplied: security.applied,
  };
}

/** A seccomp profile in the serializer's key order (`localhostProfile` only when set). */
function sortedProfile(p: { localhostProfile?: string; type: string }): { localhostProfile?: string; type: string } {
  return p.localhostProfile === undefined ? { type: p.type } : { localhostProfile: p.localhostProfile, type: p.type };
}

/** Kubernetes' defaulting rule: Always for `:latest` or no tag, IfNotPresent otherwise. */
export function defaultPullPolicy(image: string): kplus.ImagePullPolicy {
  const { tag, digest } = imageTag(image);
  if (digest) return kplus.ImagePullPolicy.IF_NOT_PRESENT;
  return tag === undefined || tag === 'latest' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT;
}
