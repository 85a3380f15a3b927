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
    // The proxy's RBAC is the preset's, named as the input's objects by typed options; not raw ApiObjects.
    expect(code).not.toContain("'ClusterRole-node-exporter'");
    expect(code).not.toContain("'ClusterRoleBinding-node-exporter'");
    expect(code).toMatch(/\n {6}clusterRoleName: 'node-exporter',\n {6}clusterRoleBindingName: 'node-exporter',\n {4}\},\n/);
    expect(code).not.toContain('findChild');
    expect(countPatches(code).paths.filter(p => p === '/metadata/name' || p === '/roleRef/name')).toEqual([]);
    // Only labels are patched on the proxy's RBAC: its rules are the input's.
    const rbacPatches = code.split('\n').filter(l => /ApiObject\.of\(nodeExporterDaemonSet\.clusterRole(Binding)?!\)/.test(l));
    expect(rbacPatches.length).toBeGreaterThan(0);
    expect(code).not.toMatch(/clusterRole!\)\.addJsonPatch\(JsonPatch\.\w+\(\s*'\/rules/);
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

  test.each(['03-fluent-bit.yaml', '12-fluent-bit-chart.yaml'])('%s: the exact mode renders the configuration files from the collector\'s own configuration, no file patched', fixture => {
    const input = readImportFixture(fixture);
    const code = generateTypeScript(input);
    expect(countPatches(code).paths.filter(p => p.startsWith('/data'))).toEqual([]);
    expect(code).toContain('replaceServiceProperties: true,');
    expect(code).toContain("parsersFileName: 'custom_parsers.conf',");
    expect(code).toContain("LogInput.raw(FluentBitSection.input('tail', [");
    expect(code).toContain("LogOutput.raw(FluentBitSection.output('es', 'kube.*', [");
    expect(code).not.toContain('whole-file patch');
    const cm = synthesized(code).find(o => o.kind === 'ConfigMap');
    expect(cm.data).toEqual(input.find(o => o.kind === 'ConfigMap').data);
  });

  test('the exact mode keeps the chart\'s layout and its kubernetes filter in the collector\'s props', () => {
    const chart = generateTypeScript(readImportFixture('12-fluent-bit-chart.yaml'));
    expect(chart).toContain('classicLayout: { alignValues: false },');
    // The chart's own kubernetes filter stands where the collector's would.
    expect(chart).toContain("LogFilter.raw(FluentBitSection.filter('kubernetes', 'kube.*', [");
    expect(chart).not.toContain('kubernetesMetadata');
    const bare = generateTypeScript(readImportFixture('03-fluent-bit.yaml'));
    expect(bare).toContain('classicLayout: { alignValues: false, blankLineBetweenSections: false },');
    // No kubernetes filter in the input: the collector adds none.
    expect(bare).toContain('kubernetesMetadata: { enabled: false },');
  });

  test('editing the exact-mode program\'s outputs and inputs changes the rendered ConfigMap', () => {
    const code = generateTypeScript(readImportFixture('12-fluent-bit-chart.yaml'));
    const config = (objects: any[]): string => objects.find(o => o.kind === 'ConfigMap').data['fluent-bit.conf'];
    const before = config(synthesized(code));
    // A typed output added to the imported ones.
    const withStdout = code.replace(/  outputs: \[\n/, "  outputs: [\n    LogOutput.stdout({ match: 'host.*' }),\n");
    expect(withStdout).not.toBe(code);
    const added = config(synthesized(withStdout));
    // Written in the imported layout (keys indented 4 spaces, values not aligned), before the imported outputs.
    const stdout = /\[OUTPUT\]\n {4}Name stdout\n {4}Match host\.\*\n(?: {4}\S+ \S+\n)*\n/.exec(added);
    expect(stdout).not.toBeNull();
    expect(added.replace(stdout![0], '')).toBe(before);
    // An imported output's host and an imported input's tag.
    const host = config(synthesized(code.replace("{ key: 'Host', value: 'elasticsearch-master' },", "{ key: 'Host', value: 'es.logging.svc' },")));
    expect(host).toContain('[OUTPUT]\n    Name es\n    Match kube.*\n    Host es.logging.svc\n');
    expect(host).toContain('Match host.*\n    Host elasticsearch-master\n'); // the other output is unchanged
    const tag = config(synthesized(code.replace("{ key: 'Read_From_Tail', value: 'On' },", "{ key: 'Read_From_Tail', value: 'Off' },")));
    expect(tag).toContain('Systemd_Filter _SYSTEMD_UNIT=kubelet.service\n    Read_From_Tail Off\n');
  });

  test('a configuration the collector cannot render exactly stays a whole-file patch of that file only, and the program says why', () => {
    const input = readImportFixture('12-fluent-bit-chart.yaml');
    const cm = input.find(o => o.kind === 'ConfigMap');
    cm.data['fluent-bit.conf'] = cm.data['fluent-bit.conf'].replace('[INPUT]', '# the container logs\n[INPUT]');
    const code = generateTypeScript(input);
    expect(countPatches(code).wholeFile).toEqual(['/data/fluent-bit.conf']);
    expect(code).toMatch(/import: fluent-bit\.conf stays a whole-file patch: the collector cannot render it exactly: its layout/);
    expect(code).toContain("parsersFileName: 'custom_parsers.conf',");
    expect(synthesized(code).find(o => o.kind === 'ConfigMap').data).toEqual(cm.data);
  });

  test('sections in an order the collector does not write stay a whole-file patch, saying so', () => {
    const input = readImportFixture('03-fluent-bit.yaml');
    const cm = input.find(o => o.kind === 'ConfigMap');
    const conf: string = cm.data['fluent-bit.conf'];
    const output = conf.slice(conf.indexOf('[OUTPUT]'));
    cm.data['fluent-bit.conf'] = conf.replace(output, '').replace('[INPUT]', `${output}[INPUT]`);
    const code = generateTypeScript(input);
    expect(countPatches(code).wholeFile).toEqual(['/data/fluent-bit.conf']);
    expect(code).toContain('// import: fluent-bit.conf stays a whole-file patch: the collector cannot render it exactly: its sections are not in');
    expect(synthesized(code).find(o => o.kind === 'ConfigMap').data).toEqual(cm.data);
  });

  test('a ServiceAccount bound to several ClusterRoles keeps the input\'s RBAC as objects of their own (rbac: false), saying why', () => {
    const input = readImportFixture('12-fluent-bit-chart.yaml');
    const role = input.find(o => o.kind === 'ClusterRole');
    const binding = input.find(o => o.kind === 'ClusterRoleBinding');
    input.push({ ...role, metadata: { ...role.metadata, name: 'fluent-bit-events' }, rules: [{ apiGroups: [''], resources: ['events'], verbs: ['list'] }] });
    input.push({ ...binding, metadata: { ...binding.metadata, name: 'fluent-bit-events' }, roleRef: { ...binding.roleRef, name: 'fluent-bit-events' } });
    const code = generateTypeScript(input);
    expect(code).toContain('rbac: false,');
    expect(code).toContain('// import: rbac: false, the input\'s ClusterRoleBindings of the pods\' ServiceAccount stay objects of their own:');
    expect(code).toContain("new ApiObject(chart, 'ClusterRoleBinding-fluent-bit-events'");
    expect(code).toContain("new ApiObject(chart, 'ClusterRole-fluent-bit'");
    const names = synthesized(code).filter(o => o.kind.startsWith('ClusterRole')).map(o => `${o.kind}/${o.metadata.name}`).sort();
    expect(names).toEqual(['ClusterRole/fluent-bit', 'ClusterRole/fluent-bit-events', 'ClusterRoleBinding/fluent-bit', 'ClusterRoleBinding/fluent-bit-events']);
  });

  test('two collectors running as one ServiceAccount leave its RBAC to objects of their own, so neither writes it twice', () => {
    const input = readImportFixture('12-fluent-bit-chart.yaml');
    const twin = JSON.parse(JSON.stringify(input.find(o => o.kind === 'DaemonSet')));
    twin.metadata.name = 'fluent-bit-2';
    const code = generateTypeScript([...input, twin]);
    expect(code).not.toContain('clusterRoleName');
    expect(code).toContain('another DaemonSet of the input runs as the same account, and each collector would write them.');
    expect(code).toContain("new ApiObject(chart, 'ClusterRole-fluent-bit'");
  });

  test('the fluent-bit chart\'s RBAC becomes the collector\'s own ClusterRole and ClusterRoleBinding, named as the input\'s', () => {
    const input = readImportFixture('12-fluent-bit-chart.yaml');
    for (const adoptDefaults of [false, true]) {
      const code = generateTypeScript(input, { adoptDefaults });
      expect(code).not.toContain("'ClusterRole-fluent-bit'");
      expect(code).not.toContain('rbac: false');
      expect(code).toContain("clusterRoleName: 'fluent-bit',");
      expect(code).toContain("clusterRoleBindingName: 'fluent-bit',");
      const objects = synthesized(code);
      const role = objects.find(o => o.kind === 'ClusterRole');
      const binding = objects.find(o => o.kind === 'ClusterRoleBinding');
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'fluent-bit' });
      expect(binding.subjects.map((s: any) => `${s.namespace}/${s.name}`)).toEqual(['logging/fluent-bit']);
      if (!adoptDefaults) {
        expect(role).toEqual(input.find(o => o.kind === 'ClusterRole'));
        expect(binding).toEqual(input.find(o => o.kind === 'ClusterRoleBinding'));
      } else {
        // The collector's own rules grant the same: the chart's layout of them is not patched back.
        expect(countPatches(code).paths).not.toContain('/rules');
        expect(role.rules.flatMap((r: any) => r.resources).sort()).toEqual(['namespaces', 'pods']);
      }
    }
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

describe('import of malformed RBAC next to a preset', () => {
  const variants: [string, (o: any) => void][] = [
    ['ClusterRole rules a string', o => { if (o.kind === 'ClusterRole') o.rules = 'x'; }],
    ['ClusterRole rules an object', o => { if (o.kind === 'ClusterRole') o.rules = {}; }],
    ['ClusterRoleBinding subjects a string', o => { if (o.kind === 'ClusterRoleBinding') o.subjects = 'x'; }],
    ['ClusterRoleBinding without metadata', o => { if (o.kind === 'ClusterRoleBinding') delete o.metadata; }],
    ['ClusterRole without metadata, binding without roleRef name', o => {
      if (o.kind === 'ClusterRole') delete o.metadata;
      if (o.kind === 'ClusterRoleBinding') delete o.roleRef.name;
    }],
  ];
  const cases = ['12-fluent-bit-chart.yaml', '15-kube-prometheus-node-exporter.yaml']
    .flatMap(fixture => variants.map(([name, change]) => [fixture, name, change] as const));
  test.each(cases)('%s, %s: the RBAC stays objects of their own, no crash', (fixture, _name, change) => {
    const input = readImportFixture(fixture);
    expect(input.some(o => o.kind === 'ClusterRole')).toBe(true);
    input.forEach(change);
    const code = generateTypeScript(input);
    // The DaemonSet is imported (as the preset, or as a DaemonSet when the preset needs that RBAC), the RBAC as written.
    expect(code).toMatch(/new (LogCollectorDaemonSet|NodeExporterDaemonSet|DaemonSet)\(/);
    expect(code).toContain("kind: 'ClusterRole',");
    expect(code).toContain("kind: 'ClusterRoleBinding',");
    expect(code).not.toContain('clusterRoleName');
  });

  const podVariants: [string, (o: any) => void][] = [
    ['volumes a string', o => { if (o.kind === 'DaemonSet') o.spec.template.spec.volumes = 'x'; }],
    ['ports an object', o => { if (o.kind === 'DaemonSet') o.spec.template.spec.containers[0].ports = {}; }],
    ['volumeMounts a number', o => { if (o.kind === 'DaemonSet') o.spec.template.spec.containers[0].volumeMounts = 5; }],
  ];
  const podCases = ['03-fluent-bit.yaml', '12-fluent-bit-chart.yaml', '15-kube-prometheus-node-exporter.yaml']
    .flatMap(fixture => podVariants.map(([name, change]) => [fixture, name, change] as const));
  test.each(podCases)('%s, %s: imported without a crash, the value kept as written', (fixture, _name, change) => {
    const input = readImportFixture(fixture);
    input.forEach(change);
    const code = generateTypeScript(input);
    expect(code).toContain('const app = new App(');
    expect(code).toMatch(/new (LogCollectorDaemonSet|NodeExporterDaemonSet|DaemonSet)\(/);
  });
});
