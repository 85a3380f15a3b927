import { countPatches, importFixtures, readImportFixture } from './import-patch-counts';
import { runGeneratedProgram } from './import-program';
import { generateTypeScript, runImport } from '../../src/cli/import';

const adopted = (fixture: string) => generateTypeScript(readImportFixture(fixture), { adoptDefaults: true });

function synthesized(code: string): any[] {
  const { objects, error } = runGeneratedProgram(code);
  if (error !== undefined) throw new Error(error);
  return objects!;
}

describe('import --adopt-defaults', () => {
  test.each(importFixtures())('%s: at most 3 patches, none of a whole file or argument list; identity kept', fixture => {
    const input = readImportFixture(fixture);
    const code = adopted(fixture);
    const counts = countPatches(code);
    expect({ fixture, paths: counts.paths.length <= 3 ? [] : counts.paths }).toEqual({ fixture, paths: [] });
    expect([...counts.wholeFile, ...counts.wholeArgs]).toEqual([]);
    expect(code).not.toContain('import: could not reproduce');
    const output = synthesized(code);
    for (const ds of input.filter(o => o.kind === 'DaemonSet')) {
      const actual = output.find(o => o.kind === 'DaemonSet' && o.metadata.name === ds.metadata.name);
      expect(actual.metadata.namespace).toEqual(ds.metadata.namespace);
      expect(actual.spec.selector).toEqual(ds.spec.selector);
      expect(actual.spec.template.metadata.labels).toEqual(ds.spec.template.metadata.labels);
    }
  });

  test('each change from the input is listed in the program, with the input\'s value and the library\'s', () => {
    const code = adopted('15-kube-prometheus-node-exporter.yaml');
    expect(code).toMatch(/^\/\/ import --adopt-defaults: \d+ differences from the input are left to the library's defaults/m);
    expect(code).toContain("//   '/spec/template/spec/securityContext/seccompProfile': input absent, now '{\"type\":\"RuntimeDefault\"}' (the library's default)");
    expect(code).toContain("//   '/spec/template/spec/containers/1/securityContext/runAsUser': input '65532', now '65534' (the library's default or hardening)");
    // The exact mode lists nothing and patches those fields back.
    const exact = generateTypeScript(readImportFixture('15-kube-prometheus-node-exporter.yaml'));
    expect(exact).not.toContain('--adopt-defaults');
    expect(countPatches(exact).paths).toContain('/spec/template/spec/securityContext/seccompProfile');
  });

  test('a workload the hardening would break (privileged with Bidirectional mounts) keeps its security contexts, saying so', () => {
    const code = adopted('05-csi-node.yaml');
    expect(code).toContain('// import --adopt-defaults: the input\'s security contexts are kept: the library\'s hardening fails validation');
    const ds = synthesized(code).find(o => o.kind === 'DaemonSet');
    expect(ds.spec.template.spec.containers[0].securityContext.privileged).toBe(true);
  });

  test('the library\'s hardening is what the adopted program synthesizes', () => {
    const ds = synthesized(adopted('15-kube-prometheus-node-exporter.yaml')).find(o => o.kind === 'DaemonSet');
    const pod = ds.spec.template.spec;
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    for (const c of pod.containers) {
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    }
    // The preset's monitor and RBAC stand for the input's, consistent with the preset's port name.
    const objects = synthesized(adopted('15-kube-prometheus-node-exporter.yaml'));
    const monitor = objects.find(o => o.kind === 'ServiceMonitor');
    const service = objects.find(o => o.kind === 'Service');
    expect(monitor.metadata.namespace).toBe('monitoring');
    expect(monitor.spec.endpoints[0].interval).toBe('15s');
    expect(service.spec.ports.map((p: any) => p.name)).toContain(monitor.spec.endpoints[0].port);
    for (const [k, v] of Object.entries(monitor.spec.selector.matchLabels)) expect(service.metadata.labels[k]).toBe(v);
    const binding = objects.find(o => o.kind === 'ClusterRoleBinding');
    expect(objects.find(o => o.kind === 'ClusterRole').metadata.name).toBe(binding.roleRef.name);
  });

  test('the CLI takes --adopt-defaults and counts the changes on standard error', () => {
    const file = `${__dirname}/../fixtures/import/11-prometheus-node-exporter-chart.yaml`;
    const r = runImport(['--adopt-defaults', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^cdk8s-daemonsets import: --adopt-defaults: \d+ differences from the input left to the library's defaults/);
    expect(r.stdout).toContain('// import --adopt-defaults:');
    expect(runImport([file]).stderr).toBe('');
    expect(runImport(['--help']).stdout).toContain('--adopt-defaults');
  });
});
