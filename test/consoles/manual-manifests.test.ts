import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { fluentdElasticsearch, volcengineDaemonSetDemo } from '../../examples/consoles/manuals/manuals';
import { validateManifests } from '../../src/validation/engine';
import { takeWarnings } from '../setup/quiet-console';

/*
 * The consoles' manual manifests written with the library (examples/consoles/manuals/manuals.ts) synthesize the
 * same objects: every field of the manual comes out with the same value, compared exactly (quantities in the
 * manual's units: 2Gi is 2Gi), and every field the library adds is listed below with its value and why. No field is
 * ignored: a field added or changed on either side fails the test.
 */

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function readManifest(file: string): any {
  const docs = parseAllDocuments(fs.readFileSync(path.join(FIXTURES, file), 'utf-8')).map(d => d.toJS()).filter(o => o);
  expect(docs).toHaveLength(1);
  return docs[0];
}

/** Every leaf of a JSON value by its path (`spec.template.spec.containers[0].name`); empty objects and lists are leaves. */
function leaves(value: any, at = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((v, i) => leaves(v, `${at}[${i}]`, out));
  } else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, at === '' ? k : `${at}.${k.includes('.') || k.includes('/') ? `'${k}'` : k}`, out);
  } else {
    out.set(at, value);
  }
  return out;
}

/**
 * Values compare exactly: no normalization of quantities (the library writes sizes in the unit given, `2Gi` as
 * `2Gi`), so a manual field comes out as the manual writes it or the test fails.
 */
const sameValue = (a: unknown, b: unknown): boolean => a === b;

/** The manual's fields that the library's object lacks or writes differently, and the fields the library adds. */
function compare(manual: any, synthesized: any): { differing: string[]; added: { [leaf: string]: unknown } } {
  const want = leaves(manual);
  const got = leaves(synthesized);
  const differing = [...want].filter(([p, v]) => !got.has(p) || !sameValue(v, got.get(p)))
    .map(([p, v]) => `${p}: manual ${JSON.stringify(v)}, library ${got.has(p) ? JSON.stringify(got.get(p)) : '(absent)'}`);
  const added = Object.fromEntries([...got].filter(([p]) => !want.has(p)));
  return { differing, added };
}

const POD = 'spec.template.spec';
const C0 = `${POD}.containers[0]`;

/**
 * What the library adds to both manuals' objects. Each is a Kubernetes default written out (the API server stores
 * the same value when the field is absent: SetDefaults_DaemonSet in pkg/apis/apps/v1/defaults.go, SetDefaults_PodSpec,
 * SetDefaults_Container and SetDefaults_HostPathVolumeSource in pkg/apis/core/v1/defaults.go), an explicit value that
 * means what absence means (false flags, the effective allowPrivilegeEscalation and token mount), or the one
 * hardening with no typed way back: the RuntimeDefault seccomp profile.
 */
const ADDED_BY_THE_LIBRARY: { [leaf: string]: unknown } = {
  // API defaults (SetDefaults_DaemonSet): minReadySeconds 0, RollingUpdate with maxUnavailable 1.
  'spec.minReadySeconds': 0,
  'spec.updateStrategy.type': 'RollingUpdate',
  'spec.updateStrategy.rollingUpdate.maxUnavailable': 1,
  // API defaults (SetDefaults_PodSpec): dnsPolicy ClusterFirst, restartPolicy Always; hostNetwork and
  // setHostnameAsFQDN are false when absent.
  [`${POD}.dnsPolicy`]: 'ClusterFirst',
  [`${POD}.restartPolicy`]: 'Always',
  [`${POD}.hostNetwork`]: false,
  [`${POD}.setHostnameAsFQDN`]: false,
  // The service account token is mounted when absent: written out, as the library mounts none by default.
  [`${POD}.automountServiceAccountToken`]: true,
  // Pod security context: runAsNonRoot false is absence's meaning; fsGroupChangePolicy Always is the kubelet's
  // behaviour when unset (and does nothing without an fsGroup); RuntimeDefault seccomp is the library's hardening.
  [`${POD}.securityContext.runAsNonRoot`]: false,
  [`${POD}.securityContext.fsGroupChangePolicy`]: 'Always',
  [`${POD}.securityContext.seccompProfile.type`]: 'RuntimeDefault',
  // API default (SetDefaults_Container): IfNotPresent for an image with a tag other than latest.
  [`${C0}.imagePullPolicy`]: 'IfNotPresent',
  // Container security context as absence means it (no privilege, writable root, root allowed, escalation allowed).
  [`${C0}.securityContext.privileged`]: false,
  [`${C0}.securityContext.readOnlyRootFilesystem`]: false,
  [`${C0}.securityContext.runAsNonRoot`]: false,
  [`${C0}.securityContext.allowPrivilegeEscalation`]: true,
};

test('the Kubernetes docs\' fluentd-elasticsearch DaemonSet: every manual field equal, every added field listed', () => {
  const manual = readManifest('valid/fluentd-elasticsearch.yaml');
  const chart = Testing.chart();
  fluentdElasticsearch(chart);
  const [synthesized] = Testing.synth(chart);
  const { differing, added } = compare(manual, synthesized);
  expect(differing).toEqual([]);
  expect(added).toEqual({
    ...ADDED_BY_THE_LIBRARY,
    // API defaults: a writable mount, a hostPath without a type check.
    [`${C0}.volumeMounts[0].readOnly`]: false,
    [`${POD}.volumes[0].hostPath.type`]: '',
  });
  // The manual's own gaps, which the validator reports on the manual's YAML as on the library's object.
  expect(warningRules(takeWarnings())).toEqual(warningRulesOf(manual));
});

test('Volcengine\'s daemonset-demo: every manual field equal (RDMA under limits only), every added field listed', () => {
  const manual = readManifest('consoles/volcengine-daemonset-demo.yaml');
  const chart = Testing.chart();
  volcengineDaemonSetDemo(chart);
  const [synthesized] = Testing.synth(chart);
  const { differing, added } = compare(manual, synthesized);
  expect(differing).toEqual([]);
  expect(added).toEqual({
    ...ADDED_BY_THE_LIBRARY,
    // API default (SetDefaults_PodSpec): 30 seconds.
    [`${POD}.terminationGracePeriodSeconds`]: 30,
  });
  // The quantities come out in the manual's units, byte for byte.
  expect(synthesized.spec.template.spec.containers[0].resources.limits).toEqual({ 'cpu': '1', 'memory': '2Gi', 'vke.volcengine.com/rdma': 2 });
  expect(synthesized.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '1024Mi' });
  expect(warningRules(takeWarnings())).toEqual(warningRulesOf(manual));
});

test('the comparison fails on a changed, a missing or an unlisted field (it ignores nothing)', () => {
  const manual = readManifest('consoles/volcengine-daemonset-demo.yaml');
  const chart = Testing.chart();
  volcengineDaemonSetDemo(chart);
  const [synthesized] = Testing.synth(chart);
  takeWarnings();
  const changed = JSON.parse(JSON.stringify(synthesized));
  changed.spec.template.spec.containers[0].resources.limits['vke.volcengine.com/rdma'] = 4;
  expect(compare(manual, changed).differing).toEqual([`${C0}.resources.limits.'vke.volcengine.com/rdma': manual 2, library 4`]);
  delete changed.metadata.namespace;
  expect(compare(manual, changed).differing).toContain('metadata.namespace: manual "default", library (absent)');
  changed.spec.template.spec.priorityClassName = 'system-node-critical';
  expect(compare(manual, changed).added).toMatchObject({ [`${POD}.priorityClassName`]: 'system-node-critical' });
});

/** The rule ids of printed findings (`[cdk8s-daemonsets] warning <rule> ...`), sorted and unique. */
function warningRules(lines: string[]): string[] {
  return [...new Set(lines.map(l => /^\[cdk8s-daemonsets\] warning ([a-z-]+\/[a-z0-9-]+) /.exec(l)?.[1]).filter((r): r is string => !!r))].sort();
}

/** The rule ids of the warnings the validator reports on the manual's own YAML, sorted and unique. */
function warningRulesOf(manual: any): string[] {
  return [...new Set(validateManifests([manual]).findings.filter(f => f.severity === 'warning').map(f => f.ruleId))].sort();
}
