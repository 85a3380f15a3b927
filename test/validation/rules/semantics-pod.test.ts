import { predictRuntime } from '../../../src/validation/rules/runtime';
import { checkPodSpec } from '../../../src/validation/rules/semantics/pod-spec';

/*
 * Pod-level API checks (semantics/pod/*), each case asked of kube-apiserver v1.37.2 with a server-side dry run:
 * `rejects` lists what it refused (and the check we map it to), `accepts` what it took.
 */
const BASE = 'spec.template.spec';
const pod = (extra: object) => ({
  containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0', volumeMounts: [{ name: 'logs', mountPath: '/var/log' }] }],
  volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
  ...extra,
});
/** A pod with an ephemeral volume whose claim template is `template`. */
const claim = (template: unknown) => ({ volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'scratch', ephemeral: { volumeClaimTemplate: template } }] });
const CLAIM_SPEC = { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } };
const rules = (extra: object, version?: string) => checkPodSpec(pod(extra), BASE, { kubernetesVersion: version })
  .filter(p => p.severity !== 'warning').map(p => p.rule);

describe('rejects', () => {
  test.each([
    ['two volume sources', { volumes: [{ name: 'logs', hostPath: { path: '/var/log' }, emptyDir: {} }] }, 'volume-sources'],
    ['a claim template without access modes', claim({ spec: { ...CLAIM_SPEC, accessModes: [] } }), 'volume-sources'],
    ['a claim template without a storage request', claim({ spec: { ...CLAIM_SPEC, resources: { requests: { STORAGE: '1Gi' } } } }), 'volume-sources'],
    ['a claim template with a negative storage request', claim({ spec: { ...CLAIM_SPEC, resources: { requests: { storage: '-1' } } } }), 'volume-sources'],
    ['a claim template with an upper-case storageClassName', claim({ spec: { ...CLAIM_SPEC, storageClassName: 'FAST' } }), 'volume-sources'],
    ['a null claim template spec (the zero spec)', claim({ spec: null }), 'volume-sources'],
    ['a claim template with a name (only labels and annotations may be set)', claim({ metadata: { name: 'x' }, spec: CLAIM_SPEC }), 'volume-sources'],
    ['a claim template with an invalid label value', claim({ metadata: { labels: { app: 'a=b' } }, spec: CLAIM_SPEC }), 'metadata-syntax'],
    ['an empty fsGroupChangePolicy', { securityContext: { fsGroupChangePolicy: '' } }, 'pod-security-context'],
    ['an empty nodeTaintsPolicy', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', nodeTaintsPolicy: '' }] }, 'topology-spread'],
    ['a null toleration (the zero toleration: operator Equal without a key)', { tolerations: [null] }, 'tolerations'],
    ['a null host alias (no IP)', { hostAliases: [null] }, 'host-aliases'],
    ['a null sysctl (no name)', { securityContext: { sysctls: [null] } }, 'sysctls'],
    ['a null container (no name, no image)', { containers: [null] }, 'container-names'],
    ['hostPath with ..', { volumes: [{ name: 'logs', hostPath: { path: '/var/../log' } }] }, 'host-path'],
    ['an absolute configMap item path', { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'c', configMap: { name: 'c', items: [{ key: 'k', path: '/etc/x' }] } }] }, 'volume-items'],
    ['defaultMode above 0777', { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 's', secret: { secretName: 's', defaultMode: 1000 } }] }, 'volume-items'],
    ['runAsUser below 0', { securityContext: { runAsUser: -1 } }, 'pod-security-context'],
    ['fsGroup above 2^31-1', { securityContext: { fsGroup: 2147483648 } }, 'pod-security-context'],
    ['seccomp Localhost without a profile', { securityContext: { seccompProfile: { type: 'Localhost' } } }, 'pod-security-context'],
    ['an invalid sysctl name', { securityContext: { sysctls: [{ name: 'Net.Core', value: '1' }] } }, 'sysctls'],
    ['a net sysctl with hostNetwork', { hostNetwork: true, securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1' }] } }, 'sysctls'],
    ['hostPID with shareProcessNamespace', { hostPID: true, shareProcessNamespace: true }, 'host-namespaces'],
    ['hostUsers false with hostNetwork', { hostUsers: false, hostNetwork: true }, 'host-namespaces'],
    ['a hostAliases ip that is not an IP', { hostAliases: [{ ip: 'example.com', hostnames: ['a'] }] }, 'host-aliases'],
    ['a leading-zero hostAliases ip', { hostAliases: [{ ip: '010.1.1.1', hostnames: ['a'] }] }, 'host-aliases'],
    ['four nameservers', { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1', '1.1.1.2', '1.1.1.3', '1.1.1.4'] } }, 'dns-config'],
    ['dnsPolicy None without dnsConfig', { dnsPolicy: 'None' }, 'dns-config'],
    ['a hostname that is not a DNS label', { hostname: 'A_b' }, 'hostname'],
    ['an invalid priorityClassName', { priorityClassName: 'System-Node-Critical' }, 'reference-names'],
    ['an empty runtimeClassName', { runtimeClassName: '' }, 'reference-names'],
    ['activeDeadlineSeconds 0', { activeDeadlineSeconds: 0 }, 'pod-deadlines'],
    ['maxSkew 0', { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] }, 'topology-spread'],
    ['minDomains with ScheduleAnyway', { topologySpreadConstraints: [{ maxSkew: 1, minDomains: 2, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' }] }, 'topology-spread'],
    ['a pod affinity term without topologyKey', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }] } } }, 'pod-affinity'],
    ['a pod affinity weight of 0', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'zone' } }] } } }, 'pod-affinity'],
    ['matchFields In with two values', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }] } } } }, 'node-affinity'],
    ['an invalid label value in required NotIn', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['bad value!'] }] }] } } } }, 'node-affinity'],
    ['no node selector terms', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }, 'node-affinity'],
    ['a toleration key that is not a qualified name', { tolerations: [{ key: 'a b', operator: 'Exists' }] }, 'tolerations'],
    ['an Equal toleration value that is not a label value', { tolerations: [{ key: 'a', operator: 'Equal', value: 'bad value' }] }, 'tolerations'],
    ['a Gt toleration (alpha)', { tolerations: [{ key: 'a', operator: 'Gt', value: '1' }] }, 'tolerations'],
    ['a readiness gate that is not a qualified name', { readinessGates: [{ conditionType: 'a b' }] }, 'readiness-gates'],
    ['a scheduling gate twice', { schedulingGates: [{ name: 'a' }, { name: 'a' }] }, 'scheduling-gates'],
    ['negative overhead', { overhead: { cpu: '-1' } }, 'overhead'],
    ['hostPID on a windows pod', { os: { name: 'windows' }, hostPID: true }, 'pod-os'],
    ['a resource claim with no source', { resourceClaims: [{ name: 'gpu' }] }, 'resource-claims'],
  ])('%s', (_, extra, check) => {
    expect(rules(extra)).toContain(`semantics/${check}`);
  });
});

describe('accepts what the API server accepts', () => {
  test.each([
    ['a relative hostPath', { volumes: [{ name: 'logs', hostPath: { path: 'var/log' } }] }],
    ['a valid ephemeral claim template', claim({ metadata: { labels: { app: 'a' }, creationTimestamp: null }, spec: CLAIM_SPEC })],
    ['a volume without a source (defaulted to emptyDir)', { volumes: [{ name: 'logs' }] }],
    ['a volume whose only source is null (defaulted to emptyDir)', { volumes: [{ name: 'logs', hostPath: null }] }],
    ['an empty restartPolicy (defaulted to Always)', { restartPolicy: '' }],
    ['Gt with a non-integer value (the scheduler then matches no node)', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['abc'] }] }] } } } }],
    ['an invalid label value in preferred node affinity', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'In', values: ['bad value!'] }] } }] } } }],
    ['seLinuxChangePolicy MountOption (1.37)', { securityContext: { seLinuxChangePolicy: 'MountOption' } }],
    ['a projected token without expirationSeconds (defaulted)', { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 't', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }] }],
    ['matchLabelKeys on a key the selector also has (the Pods are refused, not the template)', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'a' } }, matchLabelKeys: ['app'] }] }],
    ['hostnameOverride', { hostnameOverride: 'my-host' }],
  ])('%s', (_, extra) => {
    expect(rules(extra)).toEqual([]);
  });

  test('a negative terminationGracePeriodSeconds only warns', () => {
    const problems = checkPodSpec(pod({ terminationGracePeriodSeconds: -1 }), BASE);
    expect(problems.map(p => [p.rule, p.severity])).toEqual([['semantics/pod-deadlines', 'warning']]);
  });

  test('MountOption is refused before 1.37 (SELinuxMount off by default)', () => {
    expect(rules({ securityContext: { seLinuxChangePolicy: 'MountOption' } }, '1.36')).toEqual(['semantics/pod-security-context']);
  });
});

describe('runtime/pod-rejected: templates the API server accepts whose Pods it refuses', () => {
  const ds = (spec: object, labels = { app: 'a' }) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'a' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: pod(spec) } },
  });
  const rejected = (spec: object) => predictRuntime(ds(spec)).filter(p => p.rule === 'runtime/pod-rejected');

  test.each([
    ['priority with priorityClassName', { priorityClassName: 'system-node-critical', priority: 5 }],
    ['priority without a class', { priority: 5 }],
    ['preemptionPolicy Never with a system class', { priorityClassName: 'system-node-critical', preemptionPolicy: 'Never' }],
    ['a repeated containerPort under hostNetwork', { hostNetwork: true, containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 9100 }] }, { name: 'b', image: 'b:1', ports: [{ containerPort: 9100 }] }] }],
    ['an image with whitespace', { containers: [{ name: 'a', image: ' a:1' }] }],
    ['matchLabelKeys merged into a selector with the key', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'a' } }, matchLabelKeys: ['app'] }] } } }],
  ])('%s', (_, spec) => {
    const found = rejected(spec);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^the API server accepts this DaemonSet, but rejects the Pods its controller creates: /);
  });

  test.each([
    ['priority equal to the class value', { priorityClassName: 'system-node-critical', priority: 2000001000 }],
    ['priority 0 without a class', { priority: 0 }],
    ['the same containerPort on TCP and UDP', { hostNetwork: true, containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 53 }, { containerPort: 53, protocol: 'UDP' }] }] }],
    ['a repeated containerPort without hostNetwork', { containers: [{ name: 'a', image: 'a:1', ports: [{ containerPort: 1 }] }, { name: 'b', image: 'b:1', ports: [{ containerPort: 1 }] }] }],
  ])('not for %s', (_, spec) => {
    expect(rejected(spec)).toEqual([]);
  });
});
