/**
 * API validation of a Service's spec, on create, after the API server's defaulting (`SetDefaults_Service`: an empty
 * type is ClusterIP, an empty sessionAffinity None, an externally reachable Service's empty externalTrafficPolicy
 * Cluster; ClientIP affinity gets a default timeout). Mirrors `validateService` in k8s.io/kubernetes
 * `pkg/apis/core/validation/validation.go` (v1.37); enums the schema checks (type, protocol, sessionAffinity, the
 * traffic policies) are left to the schema rule, except the empty string the schema lets through.
 * Differences in older versions: `trafficDistribution` PreferSameZone and PreferSameNode need the
 * PreferSameTrafficDistribution feature (on by default from 1.34); IP and CIDR syntax is strict from 1.36.
 */
import { checkLegacyCidr } from '../../../../k8s/cidr';
import { strictIpValidation } from '../../../../k8s/ip';
import { kubernetesMinor } from '../../../../k8s/kubernetes-version';
import { checkLabels } from '../../../../k8s/label-selector';
import { asList, asObject, JsonObject, own } from '../../../../k8s/shape';
import { checkDns1123Subdomain, checkQualifiedName, isPortNumber } from '../../../../k8s/syntax';
import { Add, collector, SemanticProblem } from '../checks';
import { KindOptions } from './options';
import { checkServiceClusterIps, checkServiceExternalIps, clusterIpsOf, isHeadless } from './service-ips';
import { checkServiceNodePorts, checkServicePorts, PORT_NUMBER } from './service-ports';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];
/** The Kubernetes minor from which PreferSameTrafficDistribution is on by default (beta in 1.34, GA in 1.35). */
const PREFER_SAME_MINOR = 34;
const MAX_AFFINITY_SECONDS = 86400;

/** `spec.type` after defaulting. */
function typeOf(spec: JsonObject): unknown {
  return spec.type === undefined || spec.type === null || spec.type === '' ? 'ClusterIP' : spec.type;
}

/**
 * The type and what depends on it: ports required (but for headless and ExternalName Services), no headless
 * NodePort or LoadBalancer, and an ExternalName Service's externalName (a DNS-1123 subdomain, a trailing dot
 * allowed) without cluster IPs or IP families.
 */
function checkType(spec: JsonObject, type: unknown, add: Add): void {
  if (asList(spec.ports).length === 0 && !isHeadless(spec) && type !== 'ExternalName') {
    add('service-type', 'spec.ports', 'a Service needs at least one port (only a headless Service, clusterIP None, or an ExternalName Service may have none)');
  }
  if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(spec)) {
    add('service-type', 'spec.clusterIPs[0]', `clusterIP may not be set to 'None' for ${type} services; a headless Service is type ClusterIP`);
  }
  if (type !== 'ExternalName') {
    if (typeof spec.externalName === 'string' && spec.externalName !== '') {
      add('service-type', 'spec.externalName', 'spec.externalName is ignored when spec.type is not "ExternalName" (the API server accepts it with a warning)', 'warning');
    }
    return;
  }
  if (clusterIpsOf(spec).length > 0) add('service-type', 'spec.clusterIPs', 'clusterIP and clusterIPs may not be set for ExternalName services');
  if (asList(spec.ipFamilies).length > 0) add('service-type', 'spec.ipFamilies', 'ipFamilies may not be set for ExternalName services');
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) add('service-type', 'spec.ipFamilyPolicy', 'ipFamilyPolicy may not be set for ExternalName services');
  const name = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
  if (name === '') {
    add('service-type', 'spec.externalName', 'an ExternalName Service needs spec.externalName: the DNS name it aliases (e.g. \'db.example.com\')');
  } else {
    const p = checkDns1123Subdomain(name);
    if (p) add('service-type', 'spec.externalName', `externalName '${spec.externalName}' ${p}`);
  }
}

/** sessionAffinityConfig: a ClientIP timeout in 1..86400 seconds (None drops the config, ClientIP defaults it). */
function checkSessionAffinity(spec: JsonObject, add: Add): void {
  if (spec.sessionAffinity !== 'ClientIP') return;
  const timeout = asObject(asObject(asObject(spec.sessionAffinityConfig).clientIP)).timeoutSeconds;
  if (typeof timeout === 'number' && Number.isInteger(timeout) && (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)) {
    add('service-traffic', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', `timeoutSeconds ${timeout} must be greater than 0 and at most ${MAX_AFFINITY_SECONDS}`);
  }
}

/**
 * externalTrafficPolicy only on externally reachable Services, healthCheckNodePort only on LoadBalancer Services
 * with externalTrafficPolicy Local, internalTrafficPolicy and trafficDistribution values.
 * Mirrors `validateServiceExternalTrafficPolicy`, `validateServiceInternalTrafficFieldsValue` and
 * `validateServiceTrafficDistribution`.
 */
function checkTraffic(spec: JsonObject, type: unknown, minor: number, add: Add): void {
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && asList(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (!external && typeof etp === 'string' && etp !== '') {
    add('service-traffic', 'spec.externalTrafficPolicy', `externalTrafficPolicy '${etp}' may only be set for externally-accessible services (type NodePort or LoadBalancer, or external IPs)`);
  }
  const hc = spec.healthCheckNodePort;
  if (typeof hc === 'number' && hc !== 0) {
    if (!(type === 'LoadBalancer' && etp === 'Local')) {
      add('service-traffic', 'spec.healthCheckNodePort', `healthCheckNodePort ${hc} may only be set when \`type\` is 'LoadBalancer' and \`externalTrafficPolicy\` is 'Local'`);
    } else if (Number.isInteger(hc) && !isPortNumber(hc)) {
      add('service-traffic', 'spec.healthCheckNodePort', `healthCheckNodePort ${hc} ${PORT_NUMBER}`);
    }
  }
  if (spec.internalTrafficPolicy === '') add('service-traffic', 'spec.internalTrafficPolicy', 'internalTrafficPolicy \'\' is not supported: use Cluster or Local');
  const td = spec.trafficDistribution;
  const supported = minor >= PREFER_SAME_MINOR ? TRAFFIC_DISTRIBUTIONS : ['PreferClose'];
  if (typeof td === 'string' && !supported.includes(td)) {
    add('service-traffic', 'spec.trafficDistribution', `trafficDistribution '${td}' is not supported: use ${supported.join(', ')}`);
  } else if (td === 'PreferClose' && minor >= PREFER_SAME_MINOR) {
    add('service-traffic', 'spec.trafficDistribution', 'trafficDistribution "PreferClose" is deprecated; use "PreferSameZone" (the API server accepts it with a warning)', 'warning');
  }
  checkSessionAffinity(spec, add);
}

/**
 * loadBalancerSourceRanges (or its annotation), allocateLoadBalancerNodePorts and loadBalancerClass: only on
 * LoadBalancer Services; source ranges are CIDRs (surrounding spaces allowed), the class a qualified name.
 * Mirrors the load balancer parts of `validateService` and `validateLoadBalancerClassField`.
 */
function checkLoadBalancer(spec: JsonObject, annotations: JsonObject, type: unknown, strict: boolean, add: Add): void {
  const lb = type === 'LoadBalancer';
  const ranges = asList(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    if (!lb) add('service-load-balancer', 'spec.loadBalancerSourceRanges', 'loadBalancerSourceRanges may only be used when `type` is \'LoadBalancer\'');
    ranges.forEach((range, i) => {
      if (typeof range !== 'string') return;
      const p = checkLegacyCidr(range.trim(), strict);
      if (p) add('service-load-balancer', `spec.loadBalancerSourceRanges[${i}]`, `source range '${range}' ${p}`);
    });
  } else if (typeof own(annotations, SOURCE_RANGES_ANNOTATION) === 'string') {
    const path = `metadata.annotations.${SOURCE_RANGES_ANNOTATION}`;
    if (!lb) add('service-load-balancer', path, `annotation ${SOURCE_RANGES_ANNOTATION} may only be used when \`type\` is 'LoadBalancer'`);
    const value = (own(annotations, SOURCE_RANGES_ANNOTATION) as string).trim();
    for (const range of value === '' ? [] : value.split(',')) {
      const p = checkLegacyCidr(range.trim(), strict);
      if (p) add('service-load-balancer', path, `source range '${range.trim()}' ${p}`);
    }
  }
  if (!lb && spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null) {
    add('service-load-balancer', 'spec.allocateLoadBalancerNodePorts', 'allocateLoadBalancerNodePorts may only be used when `type` is \'LoadBalancer\'');
  }
  const cls = spec.loadBalancerClass;
  if (typeof cls === 'string') {
    if (!lb) {
      add('service-load-balancer', 'spec.loadBalancerClass', 'loadBalancerClass may only be used when `type` is \'LoadBalancer\'');
    } else {
      const p = checkQualifiedName(cls);
      if (p) add('service-load-balancer', 'spec.loadBalancerClass', `loadBalancerClass '${cls}' ${p}`);
    }
  }
}

/** The selector's labels, and the topology annotations (mode must match the deprecated hints annotation). */
function checkSelectorAndTopology(spec: JsonObject, annotations: JsonObject, add: Add): void {
  for (const p of checkLabels(spec.selector, 'spec.selector')) add('service-selector', p.path, p.message);
  const mode = own(annotations, TOPOLOGY_MODE);
  const hints = own(annotations, TOPOLOGY_HINTS);
  if (typeof hints === 'string') {
    if (typeof mode === 'string' && mode !== hints) {
      add('service-traffic', `metadata.annotations.${TOPOLOGY_MODE}`, `annotation ${TOPOLOGY_MODE} '${mode}' must match annotation ${TOPOLOGY_HINTS} ('${hints}') when both are specified`);
    }
    add('service-traffic', `metadata.annotations.${TOPOLOGY_HINTS}`, `annotation ${TOPOLOGY_HINTS} is deprecated, please use ${TOPOLOGY_MODE} instead (the API server accepts it with a warning)`, 'warning');
  }
}

/** Warnings of `GetWarningsForService` about fields a headless Service ignores. */
function checkHeadlessWarnings(spec: JsonObject, type: unknown, add: Add): void {
  if (type !== 'ClusterIP' || spec.clusterIP !== 'None') return;
  if (typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP !== '') {
    add('service-load-balancer', 'spec.loadBalancerIP', 'spec.loadBalancerIP is ignored for headless services (the API server accepts it with a warning)', 'warning');
  }
  if (spec.sessionAffinity === 'ClientIP') {
    add('service-traffic', 'spec.sessionAffinity', 'spec.sessionAffinity is ignored for headless services (the API server accepts it with a warning)', 'warning');
  }
}

/** The API problems of a Service's spec (its metadata is checked for every kind elsewhere). */
export function checkService(obj: JsonObject, options: KindOptions = {}): SemanticProblem[] {
  const { problems, add } = collector();
  const spec = asObject(obj.spec);
  const annotations = asObject(asObject(obj.metadata).annotations);
  const type = typeOf(spec);
  const strict = strictIpValidation(options.kubernetesVersion);
  // An unreadable version is the newest.
  const minor = kubernetesMinor(options.kubernetesVersion) ?? Infinity;
  checkType(spec, type, add);
  checkServicePorts(spec, add);
  checkServiceNodePorts(spec, type, add);
  checkSelectorAndTopology(spec, annotations, add);
  if (type !== 'ExternalName') checkServiceClusterIps(spec, strict, add);
  checkServiceExternalIps(spec, type, strict, add);
  checkTraffic(spec, type, minor, add);
  checkLoadBalancer(spec, annotations, type, strict, add);
  checkHeadlessWarnings(spec, type, add);
  return problems;
}

