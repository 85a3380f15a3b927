import * as fs from 'fs';
import * as path from 'path';
import { ruleAnchor as sarifRuleAnchor } from '../../src/cli/output/sarif';
import { readManifests } from '../../src/k8s/read-manifests';
import { NodeProfile, NodeTaintEffect } from '../../src/scheduling/node-profile';
import { rulesReferenceAnchor } from '../../src/validation/cdk8s/cdk8s-plugin';
import { INTERNAL_ERROR_RULE, ManifestValidator, RuleDescription, validateManifests, ValidationOptions } from '../../src/validation/engine';
import { Severity } from '../../src/validation/rule';
import { allRules, DOCUMENTED_FAMILIES } from '../../src/validation/rules/registry';
import { RUNTIME_CHECKS } from '../../src/validation/rules/runtime/checks';
import { SEMANTIC_CHECKS } from '../../src/validation/rules/semantics/checks';
import { UPGRADE_SAFETY_RULES } from '../../src/validation/rules/upgrade-safety';
import {
  familyOf, markdownText, RULE_FAMILY_DOCS, ruleAnchor, RULES_REFERENCE_COMMAND, RULES_REFERENCE_FILE, rulesByFamily,
  rulesReferenceMarkdown, summaryOf,
} from '../../src/validation/rules-reference';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const RULES = ManifestValidator.describeRules();
const DOCUMENTED = new Set(RULES.map(r => r.id));

/*
 * The check names of the tools the reference maps to, as their own repositories list them (facts, not code):
 * kube-score README_CHECKS.md (zegl/kube-score 06dedc9), kube-linter docs/generated/checks.md (stackrox/kube-linter
 * 35de568), Polaris pkg/config/checks/*.yaml (FairwindsOps/polaris c0e23a2), and the Pod Security Standards controls
 * (kubernetes.io/docs/concepts/security/pod-security-standards) with the Pod Security Admission check ids
 * (kubernetes/pod-security-admission policy/check_*.go, 8f84a87).
 */
const KUBE_SCORE = new Set([
  'deployment-strategy', 'deployment-replicas', 'ingress-targets-service', 'cronjob-has-deadline', 'cronjob-restartpolicy', 'container-resources',
  'container-resource-requests-equal-limits', 'container-cpu-requests-equal-limits', 'container-memory-requests-equal-limits', 'container-image-tag',
  'container-image-pull-policy', 'container-ephemeral-storage-request-and-limit', 'container-ephemeral-storage-request-equals-limit',
  'container-ports-check', 'environment-variable-key-duplication', 'statefulset-has-poddisruptionbudget', 'deployment-has-poddisruptionbudget',
  'poddisruptionbudget-has-policy', 'pod-networkpolicy', 'networkpolicy-targets-pod', 'pod-probes', 'pod-probes-identical',
  'container-security-context-user-group-id', 'container-security-context-privileged', 'container-security-context-readonlyrootfilesystem',
  'container-seccomp-profile', 'service-targets-pod', 'service-type', 'stable-version', 'deployment-has-host-podantiaffinity',
  'statefulset-has-host-podantiaffinity', 'deployment-targeted-by-hpa-does-not-have-replicas-configured', 'statefulset-has-servicename',
  'deployment-pod-selector-labels-match-template-metadata-labels', 'statefulset-pod-selector-labels-match-template-metadata-labels', 'label-values',
  'horizontalpodautoscaler-has-target', 'horizontalpodautoscaler-replicas', 'pod-topology-spread-constraints',
]);
const KUBE_LINTER = new Set([
  'access-to-create-pods', 'access-to-secrets', 'cluster-admin-role-binding', 'dangling-horizontalpodautoscaler', 'dangling-ingress',
  'dangling-networkpolicy', 'dangling-networkpolicypeer-podselector', 'dangling-service', 'dangling-servicemonitor', 'default-service-account',
  'deprecated-service-account-field', 'dnsconfig-options', 'docker-sock', 'drop-net-raw-capability', 'duplicate-env-var', 'env-value-from',
  'env-var-secret', 'exposed-services', 'host-ipc', 'host-network', 'host-pid', 'hpa-minimum-three-replicas', 'invalid-target-ports',
  'job-ttl-seconds-after-finished', 'latest-tag', 'liveness-port', 'minimum-three-replicas', 'mismatching-selector', 'no-anti-affinity',
  'no-extensions-v1beta', 'no-liveness-probe', 'no-node-affinity', 'no-read-only-root-fs', 'no-readiness-probe', 'no-rolling-update-strategy',
  'non-existent-service-account', 'non-isolated-pod', 'pdb-max-unavailable', 'pdb-min-available', 'pdb-unhealthy-pod-eviction-policy',
  'priority-class-name', 'privilege-escalation-container', 'privileged-container', 'privileged-ports', 'read-secret-from-env-var',
  'readiness-port', 'required-annotation-email', 'required-label-owner', 'restart-policy', 'run-as-non-root', 'scc-deny-privileged-container',
  'schema-validation', 'sensitive-host-mounts', 'sorted-keys', 'ssh-port', 'startup-port', 'unsafe-proc-mount', 'unsafe-sysctls',
  'unset-cpu-requirements', 'unset-memory-requirements', 'use-namespace', 'wildcard-in-rules', 'writable-host-mount',
]);
const POLARIS = new Set([
  'automountServiceAccountToken', 'clusterrolePodExecAttach', 'clusterrolebindingClusterAdmin', 'clusterrolebindingPodExecAttach',
  'cpuLimitsMissing', 'cpuRequestsMissing', 'dangerousCapabilities', 'deploymentMissingReplicas', 'hostIPCSet', 'hostNetworkSet', 'hostPIDSet',
  'hostPathSet', 'hostPortSet', 'hostProcess', 'hpaMaxAvailability', 'hpaMinAvailability', 'insecureCapabilities', 'linuxHardening',
  'livenessProbeMissing', 'memoryLimitsMissing', 'memoryRequestsMissing', 'metadataAndInstanceMismatched', 'missingNetworkPolicy',
  'missingPodDisruptionBudget', 'notReadOnlyRootFilesystem', 'pdbDisruptionsIsZero', 'pdbMinAvailableGreaterThanHPAMinReplicas',
  'priorityClassNotSet', 'privilegeEscalationAllowed', 'procMount', 'pullPolicyNotAlways', 'readinessProbeMissing', 'rolePodExecAttach',
  'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole', 'rolebindingClusterRolePodExecAttach', 'rolebindingRolePodExecAttach',
  'runAsPrivileged', 'runAsRootAllowed', 'sensitiveConfigmapContent', 'sensitiveContainerEnvVar', 'tagNotSpecified', 'tlsSettingsMissing',
  'topologySpreadConstraint',
]);
/** `<Level>: <control>` of the Pod Security Standards → the Pod Security Admission check ids that implement it. */
const PSS_CONTROLS: { [control: string]: string[] } = {
  'Baseline: HostProcess': ['windowsHostProcess'],
  'Baseline: Host Namespaces': ['hostNamespaces'],
  'Baseline: Privileged Containers': ['privileged'],
  'Baseline: Capabilities': ['capabilities_baseline'],
  'Baseline: HostPath Volumes': ['hostPathVolumes'],
  'Baseline: Host Ports': ['hostPorts'],
  'Baseline: AppArmor': ['appArmorProfile'],
  'Baseline: SELinux': ['seLinuxOptions'],
  'Baseline: /proc Mount Type': ['procMount'],
  'Baseline: Seccomp': ['seccompProfile_baseline'],
  'Baseline: Sysctls': ['sysctls'],
  'Restricted: Volume Types': ['restrictedVolumes'],
  'Restricted: Privilege Escalation': ['allowPrivilegeEscalation'],
  'Restricted: Running as Non-root': ['runAsNonRoot'],
  'Restricted: Running as Non-root user': ['runAsUser'],
  'Restricted: Seccomp': ['seccompProfile_restricted'],
  'Restricted: Capabilities': ['capabilities_restricted'],
};

function names(value: string | undefined): string[] {
  return value ? value.split(', ') : [];
}

function objectsIn(...inputs: string[]): any[] {
  return readManifests(inputs, () => '').objects;
}

describe('the reference documents every id the engine can emit', () => {
  test('ids are unique and family-qualified, families in the documented order', () => {
    const ids = RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
    const families = [...new Set(ids.map(familyOf))];
    expect(families).toEqual(DOCUMENTED_FAMILIES);
  });

  test('every declared id is documented: rule ids, semantics and runtime checks, upgrade-safety rules, the engine\'s ids', () => {
    const declared = [
      ...allRules().filter(r => r.checks === undefined).map(r => r.id),
      ...SEMANTIC_CHECKS.map(c => `semantics/${c}`),
      ...RUNTIME_CHECKS.map(c => `runtime/${c}`),
      ...UPGRADE_SAFETY_RULES.map(r => r.id),
      INTERNAL_ERROR_RULE,
      'engine/suppression-reason',
    ];
    expect(declared.filter(id => !DOCUMENTED.has(id)).map(id => `${id} has no entry in the rules reference`)).toEqual([]);
    // A family rule is documented through its checks, never as the bare family.
    expect(RULES.filter(r => !r.id.includes('/'))).toEqual([]);
    expect(DOCUMENTED.size).toBe(new Set(declared).size);
  });

  test('every id the validator emits over the fixtures is documented', () => {
    const emitted = new Set<string>();
    const run = (objects: any[], options: ValidationOptions = {}) => validateManifests(objects, options).findings.forEach(f => emitted.add(f.ruleId));
    for (const dir of ['invalid', 'valid']) {
      for (const file of fs.readdirSync(path.join(FIXTURES, dir)).filter(f => /\.ya?ml$/.test(f)).sort()) {
        run(objectsIn(path.join(FIXTURES, dir, file)));
      }
    }
    // upgrade-safety: the diff fixtures' update; placement-fit: node profiles none of the DaemonSets fits.
    const after = objectsIn(path.join(FIXTURES, 'diff', 'after'));
    run(after, { previous: objectsIn(path.join(FIXTURES, 'diff', 'before')), expectedNodeCount: 3 });
    const tiny = NodeProfile.of({ name: 'tiny', allocatable: { cpu: '10m', memory: '1Mi', pods: 1 } });
    const tainted = NodeProfile.of({ name: 'tainted', taints: [{ key: 'x', effect: NodeTaintEffect.NO_SCHEDULE }], allocatable: { cpu: '4', memory: '16Gi' } });
    run(after, { nodeProfiles: [tiny, tainted] });
    // engine: a suppression without a reason.
    run([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'suppress.daemonsets.cdk8s.io/schema': ' ' } } }]);
    expect(emitted.size).toBeGreaterThan(100);
    for (const family of ['semantics', 'runtime', 'cross-object', 'best-practice', 'upgrade-safety', 'placement-fit', 'engine']) {
      expect([...emitted].some(id => familyOf(id) === family)).toBe(true);
    }
    expect([...emitted].filter(id => !DOCUMENTED.has(id)).sort().map(id => `${id} is emitted but not documented`)).toEqual([]);
  });
});

describe('every entry is complete', () => {
  test.each(RULES.map(r => [r.id, r] as [string, RuleDescription]))('%s', (_, r) => {
    expect(Object.values(Severity)).toContain(r.severity);
    expect(r.description.length).toBeGreaterThan(20);
    expect((r.why ?? '').length).toBeGreaterThan(20);
    expect((r.fix ?? '').length).toBeGreaterThan(10);
    for (const text of [r.description, r.why!, r.fix!]) {
      expect({ text, backticks: (text.match(/`/g) ?? []).length % 2 }).toEqual({ text, backticks: 0 });
      expect(text).toMatch(/[.)"]$/);
    }
    expect(summaryOf(r.description).length).toBeLessThanOrEqual(300);
  });

  test('families have a title and a summary', () => {
    for (const family of DOCUMENTED_FAMILIES) {
      expect(RULE_FAMILY_DOCS[family]?.title).toBeTruthy();
      expect(RULE_FAMILY_DOCS[family]?.summary.length).toBeGreaterThan(20);
    }
  });

  test('default severities follow the checks: warnings where a check only ever warns', () => {
    const severity = (id: string) => RULES.find(r => r.id === id)?.severity;
    expect(severity('semantics/selector-matches-labels')).toBe(Severity.ERROR);
    expect(severity('runtime/service-node-port-range')).toBe(Severity.WARNING);
    expect(severity('runtime/gpu-resource-kinds')).toBe(Severity.WARNING);
    expect(severity('runtime/probe-ports')).toBe(Severity.ERROR);
    expect(severity('best-practice/update-strategy')).toBe(Severity.INFO);
    expect(severity('engine/suppression-reason')).toBe(Severity.ERROR);
  });
});

describe('equivalents name real checks of the other tools', () => {
  test.each<[keyof RuleDescription, Set<string>]>([['kubeScore', KUBE_SCORE], ['kubeLinter', KUBE_LINTER], ['polaris', POLARIS]])('%s', (field, known) => {
    const unknown = RULES.flatMap(r => names(r[field] as string | undefined).filter(n => !known.has(n)).map(n => `${r.id}: ${field} ${n}`));
    expect(unknown).toEqual([]);
  });

  test('podSecurity names Pod Security Standards controls with their Pod Security Admission check ids', () => {
    const problems: string[] = [];
    for (const r of RULES) {
      for (const entry of names(r.podSecurity)) {
        if (/^every control \(.+\)$/.test(entry)) continue;
        const m = /^(.+) \(([A-Za-z_]+)\)$/.exec(entry);
        if (!m || !(PSS_CONTROLS[m[1]] ?? []).includes(m[2])) problems.push(`${r.id}: ${entry}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('well-known mappings', () => {
    const of = (id: string) => RULES.find(r => r.id === id)!;
    expect(of('best-practice/read-only-root-filesystem')).toMatchObject({
      kubeScore: 'container-security-context-readonlyrootfilesystem', kubeLinter: 'no-read-only-root-fs', polaris: 'notReadOnlyRootFilesystem',
    });
    expect(of('best-practice/host-namespaces').podSecurity).toBe('Baseline: Host Namespaces (hostNamespaces)');
    expect(of('semantics/selector-matches-labels').kubeLinter).toBe('mismatching-selector');
    expect(of('runtime/probe-ports').kubeLinter).toBe('liveness-port, readiness-port, startup-port');
    // Where a tool has no such check the field is absent, not empty.
    expect(of('semantics/host-path')).not.toHaveProperty('kubeScore');
  });
});

describe('docs/rules.md', () => {
  const markdown = rulesReferenceMarkdown();

  test('is what the generator writes', () => {
    const file = path.join(ROOT, RULES_REFERENCE_FILE);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
    if (committed !== markdown) {
      throw new Error(`${RULES_REFERENCE_FILE} is not what the rule metadata generates: run ${RULES_REFERENCE_COMMAND} and commit the result`);
    }
  });

  test('has one section per id, with the anchor the SARIF help URIs and the cdk8s plugin link to', () => {
    for (const r of RULES) {
      const anchor = ruleAnchor(r.id);
      expect(anchor).toBe(r.id.toLowerCase().replace(/\//g, '-'));
      expect(anchor).toBe(sarifRuleAnchor(r.id));
      expect(rulesReferenceAnchor(r.id)).toBe(`${RULES_REFERENCE_FILE}#${anchor}`);
      expect(markdown.split('\n').filter(l => l === `### <a id="${anchor}"></a>\`${r.id}\``)).toHaveLength(1);
    }
    expect(ruleAnchor('semantics/selector-matches-labels')).toBe('semantics-selector-matches-labels');
  });

  test('every link of the contents and tables points at an anchor of the page', () => {
    const anchors = new Set([
      ...[...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map(m => m[1]),
      // GitHub's anchors of the family and page headings: lower case, spaces as '-', punctuation dropped.
      ...[...markdown.matchAll(/^##? (.+)$/gm)].map(m => m[1].toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')),
    ]);
    const targets = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map(m => m[1]);
    expect(targets.length).toBeGreaterThan(RULES.length * 2);
    expect(targets.filter(t => !anchors.has(t))).toEqual([]);
  });

  test('lists the families in order with their rules, and the crosswalk of equivalents', () => {
    expect(rulesByFamily(RULES).map(([f]) => f)).toEqual(DOCUMENTED_FAMILIES);
    for (const family of DOCUMENTED_FAMILIES) expect(markdown).toContain(`\n## ${family}\n`);
    expect(markdown).toContain('| [`best-practice/read-only-root-filesystem`](#best-practice-read-only-root-filesystem) | `container-security-context-readonlyrootfilesystem` | `no-read-only-root-fs` | `notReadOnlyRootFilesystem` |  |');
    expect(markdown).toContain('- **Equivalent checks**: none in kube-score, kube-linter, Polaris or the Pod Security Standards');
  });

  test('is deterministic and ends with one newline', () => {
    expect(rulesReferenceMarkdown()).toBe(markdown);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });
});

describe('markdown helpers', () => {
  test('prose escapes HTML and table characters outside code spans only', () => {
    expect(markdownText('suppress.daemonsets.cdk8s.io/<family> | a*b')).toBe('suppress.daemonsets.cdk8s.io/&lt;family&gt; \\| a\\*b');
    expect(markdownText('set `kind: <Kind>` here <x>')).toBe('set `kind: <Kind>` here &lt;x&gt;');
  });

  test('the one-line summary is the first sentence', () => {
    expect(summaryOf('Containers are not privileged. More words.')).toBe('Containers are not privileged.');
    expect(summaryOf('No full stop')).toBe('No full stop');
    expect(summaryOf('Keeps 1.5 cores.\nNext.')).toBe('Keeps 1.5 cores.');
  });
});
