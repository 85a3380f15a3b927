import { countPatches, importFixtures, readImportFixture } from './import-patch-counts';
import { runGeneratedProgram } from './import-program';
import { generateTypeScript } from '../../src/cli/import';

/** The generated program with `text` inserted after the first line that contains `anchor`. */
function edited(code: string, anchor: string, text: string): string {
  const lines = code.split('\n');
  const at = lines.findIndex(l => l.includes(anchor));
  if (at < 0) throw new Error(`no line with ${anchor}`);
  lines.splice(at + 1, 0, text);
  return lines.join('\n');
}

function synthesized(code: string): any[] {
  const { objects, error } = runGeneratedProgram(code);
  if (error !== undefined) throw new Error(error);
  return objects!;
}

const daemonSet = (objects: any[]) => objects.find(o => o.kind === 'DaemonSet');
const exporterArgs = (objects: any[]): string[] => daemonSet(objects).spec.template.spec.containers[0].args;

describe('import keeps the generated code editable', () => {
  test.each(importFixtures())('%s: no patch replaces a whole argument list (flags are typed options or list elements)', fixture => {
    const counts = countPatches(generateTypeScript(readImportFixture(fixture)));
    expect(counts.wholeArgs).toEqual([]);
  });

  test('kube-prometheus\' node-exporter (exporter + kube-rbac-proxy) becomes NodeExporterDaemonSet with kubeRbacProxy', () => {
    const code = generateTypeScript(readImportFixture('15-kube-prometheus-node-exporter.yaml'));
    expect(code).toContain("new NodeExporterDaemonSet(\n  chart,\n  'node-exporter',");
    expect(code).not.toContain('new DaemonSet(');
    expect(code).toMatch(/kubeRbacProxy: \{\n\s+image: 'quay\.io\/brancz\/kube-rbac-proxy:v0\.18\.1',/);
    // The exporter's flags are typed options.
    expect(code).toContain('listenAddress: ExporterListenAddress.podIp(),');
    expect(code).toContain('hostProc: false,');
    expect(code).toContain("NodeExporterCollector.of('wifi'),");
    expect(code).toContain("excludedNetworkDevices: '^(veth.*|[a-f0-9]{15})$',");
    expect(code).toContain('sysTimeCapability: true,');
    // The proxy's RBAC is the preset's, renamed to the input's objects; not raw ApiObjects.
    expect(code).not.toContain("'ClusterRole-node-exporter'");
    expect(code).not.toContain("'ClusterRoleBinding-node-exporter'");
    expect(code).toContain("ApiObject.of(nodeExporterDaemonSet.node.findChild('KubeRbacProxyClusterRole'))");
    const objects = synthesized(code);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ClusterRole/node-exporter', 'ClusterRoleBinding/node-exporter', 'DaemonSet/node-exporter', 'Service/node-exporter',
      'ServiceAccount/node-exporter', 'ServiceMonitor/node-exporter',
    ]);
    expect(daemonSet(objects).spec.template.spec.containers.map((c: any) => c.name)).toEqual(['node-exporter', 'kube-rbac-proxy']);
  });

  test('adding textfileDirectory to an imported node-exporter adds the flag and its mount', () => {
    const code = generateTypeScript(readImportFixture('11-prometheus-node-exporter-chart.yaml'));
    const before = synthesized(code);
    expect(exporterArgs(before).some(a => a.startsWith('--collector.textfile.directory'))).toBe(false);
    const after = synthesized(edited(code, "image: 'quay.io/prometheus/node-exporter:", "    textfileDirectory: '/var/lib/node-exporter/textfile',"));
    expect(exporterArgs(after)).toContain('--collector.textfile.directory=/host/textfile');
    // Every flag of the input is still there.
    for (const arg of exporterArgs(before)) expect(exporterArgs(after)).toContain(arg);
    const volumes = daemonSet(after).spec.template.spec.volumes;
    expect(volumes.some((v: any) => v.hostPath?.path === '/var/lib/node-exporter/textfile')).toBe(true);
  });

  // node_exporter's flags are a set (kingpin: order carries no meaning): positional patches keep each one.
  test('adding a collector to an imported kube-prometheus node-exporter adds its flag, the others stay', () => {
    const code = generateTypeScript(readImportFixture('15-kube-prometheus-node-exporter.yaml'));
    const before = exporterArgs(synthesized(code));
    expect(code).not.toContain('enabledCollectors');
    const after = exporterArgs(synthesized(code.replace('    disabledCollectors: [', "    enabledCollectors: [NodeExporterCollector.of('systemd')],\n    disabledCollectors: [")));
    expect(after).toContain('--collector.systemd');
    expect(after.filter(a => a !== '--collector.systemd').sort()).toEqual([...before].sort());
  });

  test('with --adopt-defaults the fluent-bit chart\'s configuration is typed inputs and outputs, and editing an output\'s host changes the ConfigMap', () => {
    const code = generateTypeScript(readImportFixture('12-fluent-bit-chart.yaml'), { adoptDefaults: true });
    expect(code).toContain("LogInput.containerLogs({ multilineParsers: ['docker', 'cri'] })");
    expect(code).toContain("LogInput.systemd({ tag: 'host.*', units: ['kubelet.service'], readFromTail: true })");
    expect(code).toContain("LogOutput.elasticsearch({ match: 'host.*', host: 'elasticsearch-master', logstashPrefix: 'node' })");
    expect(countPatches(code).paths.filter(p => p.startsWith('/data/'))).toEqual([]);
    const config = (objects: any[]): string => objects.find(o => o.kind === 'ConfigMap').data['fluent-bit.conf'];
    const before = config(synthesized(code));
    expect(before).toMatch(/\[OUTPUT\]\n\s+Name\s+es\n\s+Match\s+kube\.\*\n\s+Host\s+elasticsearch-master\n/);
    const changedHost = code.replace("LogOutput.elasticsearch({ match: 'kube.*', host: 'elasticsearch-master' })", "LogOutput.elasticsearch({ match: 'kube.*', host: 'es.logging.svc' })");
    expect(changedHost).not.toBe(code);
    const after = config(synthesized(changedHost));
    expect(after).toMatch(/\[OUTPUT\]\n\s+Name\s+es\n\s+Match\s+kube\.\*\n\s+Host\s+es\.logging\.svc\n/);
    expect(after).toMatch(/Host\s+elasticsearch-master/); // the other output is unchanged
  });

  test('the exact mode keeps raw [OUTPUT] sections and patches the files back (the preset\'s [SERVICE] section differs)', () => {
    const code = generateTypeScript(readImportFixture('12-fluent-bit-chart.yaml'));
    expect(code).toContain("LogOutput.raw(FluentBitSection.output('es', 'kube.*', [");
    expect(countPatches(code).wholeFile).toContain('/data/fluent-bit.conf');
  });

  test('with --adopt-defaults the input\'s own [SERVICE] choices become serviceProperties, and editing one changes the ConfigMap', () => {
    const input = readImportFixture('03-fluent-bit.yaml');
    const cm = input.find(o => o.kind === 'ConfigMap');
    cm.data['fluent-bit.conf'] = cm.data['fluent-bit.conf'].replace('Log_Level info', 'Log_Level debug\n    scheduler.cap 300');
    const code = generateTypeScript(input, { adoptDefaults: true });
    expect(code).toMatch(/serviceProperties: \[\s*\{ key: 'Log_Level', value: 'debug' \},\s*\{ key: 'scheduler\.cap', value: '300' \},?\s*\]/);
    const conf = (objects: any[]) => objects.find(o => o.kind === 'ConfigMap').data['fluent-bit.conf'];
    expect(conf(synthesized(code))).toMatch(/\n {4}Log_Level +debug\n/);
    expect(conf(synthesized(code.replace("value: 'debug'", "value: 'warn'")))).toMatch(/\n {4}Log_Level +warn\n/);
    // The chart's own [SERVICE] equals the collector's values: nothing to merge.
    expect(generateTypeScript(readImportFixture('03-fluent-bit.yaml'), { adoptDefaults: true })).not.toContain('serviceProperties');
  });
});
