/**
 * API validation of a NetworkPolicy's spec. Mirrors `ValidateNetworkPolicySpec`, `ValidateNetworkPolicyPort`,
 * `ValidateNetworkPolicyPeer` and `ValidateIPBlock` in k8s.io/kubernetes
 * `pkg/apis/networking/validation/validation.go` (v1.37). Protocol and policy type enums are the schema's; CIDR
 * syntax is strict from 1.36 (StrictIPCIDRValidation).
 */
import { checkLegacyCidr, isStrictCidrSubset } from '../../../../k8s/cidr';
import { strictIpValidation } from '../../../../k8s/ip';
import { checkLabelSelector } from '../../../../k8s/label-selector';
import { asList, asObject, isObject, JsonObject, structItems, text } from '../../../../k8s/shape';
import { isPortNumber } from '../../../../k8s/syntax';
import { Add, collector, SemanticProblem } from '../checks';
import { KindOptions } from './options';
import { PORT_NUMBER, portNumOrNameProblem } from './service-ports';

/** One port of a rule: a number or a name, and endPort only after a numeric port, at or above it. */
function checkPort(port: JsonObject, path: string, add: Add): void {
  const p = port.port;
  const end = port.endPort;
  const hasEnd = typeof end === 'number';
  // Only an unset protocol is defaulted to TCP; other values are the schema's enum, which lets '' through.
  if (port.protocol === '') add('network-policy-ports', `${path}.protocol`, 'protocol \'\' is not supported: use TCP, UDP or SCTP (or leave it unset for TCP)');
  if (typeof p === 'number') {
    const problem = portNumOrNameProblem(p);
    if (problem) add('network-policy-ports', `${path}.port`, `port ${p} ${problem}`);
    if (hasEnd) {
      if (end < p) add('network-policy-ports', `${path}.endPort`, `endPort ${end} must be greater than or equal to \`port\` (${p})`);
      if (Number.isInteger(end) && !isPortNumber(end)) add('network-policy-ports', `${path}.endPort`, `endPort ${end} ${PORT_NUMBER}`);
    }
  } else if (typeof p === 'string') {
    if (hasEnd) add('network-policy-ports', `${path}.endPort`, `endPort ${end} may not be specified when \`port\` is non-numeric ('${p}')`);
    const problem = portNumOrNameProblem(p);
    if (problem) add('network-policy-ports', `${path}.port`, `port '${p}' ${problem}`);
  } else if ((p === undefined || p === null) && hasEnd) {
    add('network-policy-ports', `${path}.endPort`, `endPort ${end} may not be specified when \`port\` is not specified`);
  }
}

/** An ipBlock: a CIDR, and each `except` a CIDR strictly inside it. */
function checkIpBlock(block: JsonObject, path: string, strict: boolean, add: Add): void {
  const cidr = block.cidr;
  if (cidr === '') return add('network-policy-peers', `${path}.cidr`, 'ipBlock.cidr is required (e.g. 10.0.0.0/8)');
  if (typeof cidr !== 'string') return;
  const p = checkLegacyCidr(cidr, strict);
  if (p) add('network-policy-peers', `${path}.cidr`, `cidr '${cidr}' ${p}`);
  asList(block.except).forEach((except, i) => {
    if (typeof except !== 'string') return;
    const at = `${path}.except[${i}]`;
    const ep = checkLegacyCidr(except, strict);
    if (ep) add('network-policy-peers', at, `except '${except}' ${ep}`);
    if (isStrictCidrSubset(except, cidr) === false) add('network-policy-peers', at, `except '${except}' must be a strict subset of \`cidr\` (${cidr})`);
  });
}

/** One peer: at least one of podSelector, namespaceSelector and ipBlock, and ipBlock alone. */
function checkPeer(peer: JsonObject, path: string, strict: boolean, add: Add): void {
  const has = (k: string) => peer[k] !== undefined && peer[k] !== null;
  for (const k of ['podSelector', 'namespaceSelector']) {
    for (const p of checkLabelSelector(peer[k], `${path}.${k}`)) add('network-policy-peers', p.path, p.message);
  }
  if (isObject(peer.ipBlock)) checkIpBlock(peer.ipBlock, `${path}.ipBlock`, strict, add);
  const count = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(has).length;
  if (count === 0) add('network-policy-peers', path, 'a peer must specify podSelector, namespaceSelector or ipBlock');
  else if (count > 1 && has('ipBlock')) add('network-policy-peers', path, 'a peer may not specify both ipBlock and another peer; use a separate peer for the ipBlock');
}

/** The API problems of a NetworkPolicy (its metadata is checked for every kind elsewhere). */
export function checkNetworkPolicy(obj: JsonObject, options: KindOptions = {}): SemanticProblem[] {
  const { problems, add } = collector();
  const spec = asObject(obj.spec);
  const strict = strictIpValidation(options.kubernetesVersion);
  for (const p of checkLabelSelector(spec.podSelector, 'spec.podSelector')) add('network-policy-spec', p.path, p.message);
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const { item: rule, index } of structItems(spec[direction])) {
      const path = `spec.${direction}[${index}]`;
      for (const { item, index: i } of structItems(rule.ports)) checkPort(item, `${path}.ports[${i}]`, add);
      for (const { item, index: i } of structItems(rule[peers])) checkPeer(item, `${path}.${peers}[${i}]`, strict, add);
    }
  }
  const types = asList(spec.policyTypes);
  if (types.length > 2) add('network-policy-spec', 'spec.policyTypes', `policyTypes ${text(types)}: may not specify more than two policyTypes (Ingress, Egress)`);
  return problems;
}
