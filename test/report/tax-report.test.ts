import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { DaemonSet, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet, NodePlacement } from '../../src';
import { DaemonSetTaxReport } from '../../src/report/tax-report';
import { NodeProfile, NodeTaintEffect } from '../../src/scheduling/node-profile';
import { Severity } from '../../src/validation/rule';

const NODES = path.join(__dirname, '..', 'fixtures', 'nodes', 'mixed.yaml');
const AGENTS = path.join(__dirname, 'fixtures', 'agents.yaml');

function agents(): any[] {
  return parseAllDocuments(fs.readFileSync(AGENTS, 'utf-8')).map(d => d.toJS());
}

function report(objects = agents()): DaemonSetTaxReport {
  return DaemonSetTaxReport.fromManifests(objects, NodeProfile.fromFile(NODES));
}

describe('the report data', () => {
  const r = report();

  test('rows are sorted by namespace/name, columns keep the profile order', () => {
    expect(r.daemonSets.map(d => d.id)).toEqual([
      'datadog/metrics-agent', 'kube-system/ebs-csi-node', 'kube-system/kube-proxy', 'kube-system/nvidia-device-plugin',
      'logging/fluent-bit', 'monitoring/node-exporter', 'monitoring/windows-exporter', 'security/sensor',
    ]);
    expect(r.profiles.map(p => p.name)).toEqual(['worker-large', 'worker-small', 'control-plane', 'gpu', 'windows', 'edge-tiny']);
    expect(r.cells).toHaveLength(8 * 6);
  });

  test('the placement matrix', () => {
    const placed = Object.fromEntries(r.daemonSets.map(d => [d.id, d.profiles]));
    expect(placed).toEqual({
      'datadog/metrics-agent': ['worker-large', 'worker-small', 'edge-tiny'],
      'kube-system/ebs-csi-node': ['worker-large', 'worker-small', 'control-plane', 'edge-tiny'],
      'kube-system/kube-proxy': ['worker-large', 'worker-small', 'control-plane', 'gpu', 'edge-tiny'],
      'kube-system/nvidia-device-plugin': [],
      'logging/fluent-bit': ['worker-large', 'worker-small', 'control-plane', 'gpu', 'edge-tiny'],
      'monitoring/node-exporter': ['worker-large', 'worker-small', 'control-plane', 'gpu', 'edge-tiny'],
      'monitoring/windows-exporter': ['windows'],
      'security/sensor': ['worker-large', 'control-plane', 'gpu'],
    });
  });

  test('cells carry the requests or the reason', () => {
    expect(r.cell('monitoring/node-exporter', 'worker-large')).toEqual({
      daemonSet: 'monitoring/node-exporter', profile: 'worker-large', scheduled: true, requests: { cpu: 0.06, memory: 84 * 2 ** 20, pods: 1 },
    });
    expect(r.cell('kube-system/nvidia-device-plugin', 'gpu')).toEqual({
      daemonSet: 'kube-system/nvidia-device-plugin',
      profile: 'gpu',
      scheduled: false,
      blocker: 'taint nvidia.com/gpu=present:NoExecute',
      reason: 'taint nvidia.com/gpu=present:NoExecute is not tolerated',
      requests: {},
    });
    expect(r.cell('nope', 'gpu')).toBeUndefined();
  });

  test('per profile totals, shares and fit', () => {
    const tiny = r.profiles.find(p => p.name === 'edge-tiny')!;
    expect(tiny.requested).toEqual({ cpu: 0.47, memory: 508 * 2 ** 20, pods: 5 });
    expect(tiny.sharePercent).toEqual({ cpu: 188, memory: 169.3, pods: 62.5 });
    expect(tiny.fits).toBe(false);
    expect(tiny.hostPorts).toEqual(['9100/TCP']);
    const large = r.profiles.find(p => p.name === 'worker-large')!;
    expect(large.fits).toBe(true);
    expect(large.sharePercent.cpu).toBe(9.1);
    expect(large.daemonSets).toHaveLength(6);
    expect(r.profiles.find(p => p.name === 'control-plane')!.taints).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule']);
  });

  test('per DaemonSet requests, host ports, Pod Security level and role', () => {
    const exporter = r.daemonSets.find(d => d.id === 'monitoring/node-exporter')!;
    expect(exporter).toMatchObject({ requestsText: 'cpu 60m, memory 84Mi', hostPorts: ['9100/TCP'], roles: ['node-exporter'], podSecurityLevel: 'privileged' });
    expect(r.daemonSets.find(d => d.id === 'security/sensor')!.podSecurityLevel).toBe('baseline');
    expect(r.daemonSets.find(d => d.id === 'logging/fluent-bit')!.roles).toEqual(['log-collector']);
  });

  test('Pod Security levels are evaluated at a policy version: the option, else the namespace\'s enforce-version, else latest', () => {
    // A probe aimed at another host is forbidden by baseline from policy v1.34 on.
    const probing = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'prober', namespace: 'ops' },
      spec: {
        selector: { matchLabels: { app: 'prober' } },
        template: {
          metadata: { labels: { app: 'prober' } },
          spec: { containers: [{ name: 'prober', image: 'prober:1', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] },
        },
      },
    };
    const level = (objects: any[], options = {}) =>
      DaemonSetTaxReport.fromManifests(objects, NodeProfile.fromFile(NODES), options).daemonSets.find(d => d.id === 'ops/prober')!;
    expect(level([probing], { validation: { kubernetesVersion: '1.37' } })).toMatchObject({ podSecurityLevel: 'privileged', podSecurityVersion: 'v1.37' });
    expect(level([probing], { validation: { kubernetesVersion: '1.33' } })).toMatchObject({ podSecurityLevel: 'baseline', podSecurityVersion: 'v1.33' });
    expect(level([probing], { podSecurityVersion: 'v1.33', validation: { kubernetesVersion: '1.37' } }).podSecurityLevel).toBe('baseline');
    const pinned = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ops', labels: { 'pod-security.kubernetes.io/enforce-version': 'v1.30' } } };
    expect(level([pinned, probing], { validation: { kubernetesVersion: '1.37' } })).toMatchObject({ podSecurityLevel: 'baseline', podSecurityVersion: 'v1.30' });
    expect(() => level([probing], { podSecurityVersion: '1.33' })).toThrow(/podSecurityVersion '1.33' must be "latest" or "v1.<minor>"/);
  });

  test('findings are the placement-fit findings, errors first', () => {
    expect(r.findings.map(f => `${f.severity} ${f.ruleId} ${f.name}`)).toEqual([
      'error placement-fit/allocatable kube-proxy',
      'error placement-fit/allocatable metrics-agent',
      'error placement-fit/host-port-collision metrics-agent',
      'warning placement-fit/agent-coverage fluent-bit',
      'warning placement-fit/agent-coverage node-exporter',
      'warning placement-fit/no-profile nvidia-device-plugin',
    ]);
    expect(r.ok).toBe(false);
  });

  test('validation options reach the findings', () => {
    const quiet = DaemonSetTaxReport.fromManifests(agents(), NodeProfile.fromFile(NODES), { validation: { skipRules: ['placement-fit/agent-coverage'] } });
    expect(quiet.findings.some(f => f.ruleId === 'placement-fit/agent-coverage')).toBe(false);
    const crossObject = DaemonSetTaxReport.fromManifests(agents(), NodeProfile.fromFile(NODES), { validation: { rules: ['cross-object'] } });
    expect(crossObject.findings.some(f => f.ruleId.startsWith('cross-object/'))).toBe(true);
    expect(crossObject.findings.some(f => f.ruleId.startsWith('placement-fit/'))).toBe(false);
  });

  test('duplicate profile names are rejected', () => {
    const p = NodeProfile.of({ name: 'a', allocatable: { cpu: '1', memory: '1Gi' } });
    expect(() => DaemonSetTaxReport.fromManifests([], [p, p])).toThrow(/node profile 'a' is given twice/);
  });
});

describe('determinism', () => {
  test('the input order of the DaemonSets does not change the rendered matrix', () => {
    const a = report();
    const b = report(agents().reverse());
    expect(b.toHtml().split('<h2>Findings</h2>')[0]).toBe(a.toHtml().split('<h2>Findings</h2>')[0]);
    expect(b.toText().split('Findings')[0]).toBe(a.toText().split('Findings')[0]);
  });

  test('rendering twice gives the same bytes, with no timestamps', () => {
    const r = report();
    expect(r.toText()).toBe(report().toText());
    expect(r.toMarkdown()).toBe(report().toMarkdown());
    expect(r.toHtml()).toBe(report().toHtml());
    expect(r.toHtml()).not.toMatch(/20[0-9]{2}-[0-9]{2}-[0-9]{2}/);
  });
});

describe('renderers', () => {
  const r = report();

  test('text', () => {
    const text = r.toText();
    expect(text).toMatchSnapshot();
    expect(text).toContain('8 DaemonSets on 6 node profiles: 3 errors, 3 warnings');
    expect(text).toMatch(/monitoring\/node-exporter\s+privileged\s+60m \/ 84Mi/);
    expect(text).toMatch(/edge-tiny .* 470m \/ 250m \(188%\) .* NO$/m);
    expect(text).toContain('kube-system/nvidia-device-plugin on gpu: taint nvidia.com/gpu=present:NoExecute is not tolerated');
  });

  test('markdown', () => {
    const md = r.toMarkdown();
    expect(md).toMatchSnapshot();
    expect(md.startsWith('## DaemonSet tax report\n')).toBe(true);
    const header = md.split('\n').find(l => l.startsWith('| DaemonSet |'))!;
    expect(header.split(' | ')).toHaveLength(8);
    expect(md).toContain('| `kube-system/nvidia-device-plugin` | baseline | ✗ node affinity | ✗ node affinity | ✗ node affinity | ✗ taint `nvidia.com/gpu=present:NoExecute` | ✗ node affinity | ✗ node affinity |');
    expect(md).toContain('- **error** `placement-fit/host-port-collision`');
  });

  test('html is self-contained and addressable', () => {
    const html = r.toHtml();
    expect(html).toMatchSnapshot();
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(|https?:\/\//i);
    expect(html).toContain('<table id="matrix" class="matrix">');
    expect(html).toContain('<td class="cell scheduled" data-daemonset="monitoring/node-exporter" data-profile="worker-large" data-cpu="0.06" data-memory="88080384">60m / 84Mi</td>');
    expect(html).toMatch(/<div class="profile-share" data-profile="edge-tiny" data-fits="false">/);
    expect(html).toContain('<div class="bar-fill over" style="width: 100%" data-share="188"></div>');
    expect(html.match(/<li class="finding /g)).toHaveLength(6);
  });

  test('html escapes text', () => {
    const titled = DaemonSetTaxReport.fromManifests([], [NodeProfile.of({ name: 'a', allocatable: { cpu: '1', memory: '1Gi' } })], { title: '<b>"Tax" & co</b>' });
    const html = titled.toHtml();
    expect(html).toContain('<title>&lt;b&gt;&quot;Tax&quot; &amp; co&lt;/b&gt;</title>');
    expect(html).toContain('<p id="no-findings">No findings.</p>');
    expect(titled.toMarkdown()).toContain('## \\<b\\>"Tax" & co\\</b\\>');
  });

  test('no profiles', () => {
    const empty = DaemonSetTaxReport.fromManifests(agents(), []);
    expect(empty.toText()).toContain('No node profiles given.');
    expect(empty.toMarkdown()).toContain('No node profiles given.');
    expect(empty.findings).toEqual([]);
  });
});

describe('from a cdk8s app', () => {
  test('the presets and a DaemonSet, placed on profiles declared in code', () => {
    const chart = Testing.chart();
    new LogCollectorDaemonSet(chart, 'logs', { metadata: { namespace: 'logging' }, outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', port: 9200 })] });
    new NodeExporterDaemonSet(chart, 'node-exporter', { metadata: { namespace: 'monitoring' } });
    new DaemonSet(chart, 'agent', {
      metadata: { namespace: 'agents', name: 'agent' },
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
      placement: [NodePlacement.linuxOnly()],
    });
    const profiles = [
      NodeProfile.of({ name: 'workers', allocatable: { cpu: '4', memory: '16Gi' } }),
      NodeProfile.of({ name: 'db', taints: [{ key: 'dedicated', value: 'db', effect: NodeTaintEffect.NO_SCHEDULE }], allocatable: { cpu: '4', memory: '16Gi' } }),
      NodeProfile.of({ name: 'win', os: 'windows', allocatable: { cpu: '4', memory: '16Gi' } }),
    ];
    const r = DaemonSetTaxReport.fromConstruct(chart, profiles);
    const byId = Object.fromEntries(r.daemonSets.map(d => [d.id, d]));
    expect(Object.keys(byId)).toHaveLength(3);
    expect(byId['agents/agent'].profiles).toEqual(['workers']);
    expect(byId['agents/agent'].requestsText).toBe('cpu 50m, memory 64Mi');
    const logs = r.daemonSets.find(d => d.roles.includes('log-collector'))!;
    const exporter = r.daemonSets.find(d => d.roles.includes('node-exporter'))!;
    // The presets keep agents on every Linux node, tainted ones too.
    expect(logs.profiles).toEqual(['workers', 'db']);
    expect(exporter.profiles).toEqual(['workers', 'db']);
    // A profile nothing lands on still shows its (zero) share.
    expect(r.profiles[2]).toMatchObject({ name: 'win', daemonSets: [], requested: {}, sharePercent: { cpu: 0, memory: 0, pods: 0 }, fits: true });
    expect(r.findings.filter(f => f.severity === Severity.WARNING).map(f => f.message.split(':')[0]).sort())
      .toEqual(["node profile 'win' gets no log collector", "node profile 'win' gets no node exporter"]);
  });
});
