import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { synthesizeGenerated } from './import-program';
import { generateTypeScript, runImport } from '../../src/cli/import';
import { applyHelmLabels } from '../../src/cli/import/helm';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const HELM_RELEASE = path.join(FIXTURES, '14-helm-release.yaml');

const readYaml = (file: string): any[] => parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(o => o);
const identity = (o: any) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
/** The comment lines as one text (notes are wrapped at the line width). */
const notesOf = (code: string) => code.split('\n').filter(l => l.startsWith('// ')).map(l => l.substring(3)).join(' ');
/** The code without its comment lines (the notes name the keys they are about). */
const codeOnly = (code: string) => code.split('\n').filter(l => !l.startsWith('//')).join('\n');

/** Pod volumes are a map keyed by name: their order carries no meaning; a YAML null is absent. Everything else is compared. */
function normalized(o: any): any {
  const copy = JSON.parse(JSON.stringify(o, (_k, v) => (Array.isArray(v) ? v.filter(x => x !== null) : v === null ? undefined : v)));
  copy?.spec?.template?.spec?.volumes?.sort((a: any, b: any) => String(a.name).localeCompare(String(b.name)));
  return copy;
}

/** Imports, runs the printed program and returns its objects by identity. */
function roundTrip(input: any[], helmLabels?: 'keep' | 'drop'): { code: string; output: Map<string, any> } {
  const code = generateTypeScript(input, helmLabels ? { helmLabels } : {});
  return { code, output: new Map(synthesizeGenerated(code).map(o => [identity(o), o])) };
}

/** The fixture as `--helm-labels drop` must reproduce it: written out by hand, key by key. */
function droppedByHand(input: any[]): any[] {
  const out = JSON.parse(JSON.stringify(input));
  for (const o of out) {
    delete o.metadata.annotations; // only meta.helm.sh/release-name and -namespace
    for (const k of ['chart', 'heritage', 'helm.sh/chart', 'app.kubernetes.io/managed-by']) delete o.metadata.labels[k];
    if (o.kind === 'DaemonSet') {
      delete o.spec.template.metadata.labels.chart;
      delete o.spec.template.metadata.labels.heritage;
    }
  }
  return out;
}

describe('import --helm-labels', () => {
  test('keep (the default): every object comes back exactly, Helm\'s labels and annotations included', () => {
    const input = readYaml(HELM_RELEASE);
    const { code, output } = roundTrip(input);
    expect(output.size).toBe(input.length);
    for (const o of input) expect(normalized(output.get(identity(o)))).toEqual(normalized(o));
    expect(notesOf(code)).toContain("import: Helm's bookkeeping ('app.kubernetes.io/managed-by', 'chart', 'helm.sh/chart', 'heritage', 'meta.helm.sh/release-name', 'meta.helm.sh/release-namespace') is kept as in the input (--helm-labels keep, the default),");
    expect(notesOf(code)).toContain("import: Helm labels that a selector of the input uses are kept in every mode: 'release'.");
    expect(generateTypeScript(input, { helmLabels: 'keep' })).toBe(code);
  });

  test('drop: Helm\'s bookkeeping is left out, and nothing else changes', () => {
    const input = readYaml(HELM_RELEASE);
    const expected = droppedByHand(input);
    const { code, output } = roundTrip(input, 'drop');
    expect(output.size).toBe(input.length);
    for (const o of expected) expect(normalized(output.get(identity(o)))).toEqual(normalized(o));
    expect(codeOnly(code)).not.toMatch(/helm\.sh|heritage|node-problem-detector-2\.3\.12/);
    expect(notesOf(code)).toContain("Their pod templates change, so the first apply rolls the pods of 'DaemonSet kube-system/npd-node-problem-detector'.");
  });

  test('drop never touches a selector or the pod labels it selects: release stays where Helm put it', () => {
    const input = readYaml(HELM_RELEASE);
    const { output } = roundTrip(input, 'drop');
    const ds = output.get('DaemonSet kube-system/npd-node-problem-detector');
    expect(ds.spec.selector).toEqual({ matchLabels: { app: 'node-problem-detector', release: 'npd' } });
    expect(ds.spec.template.metadata.labels).toEqual({ app: 'node-problem-detector', release: 'npd' });
    expect(output.get('Service kube-system/npd-node-problem-detector').spec.selector).toEqual({ app: 'node-problem-detector', release: 'npd' });
    // Another release's name (the Prometheus that selects this ServiceMonitor) is not this release's bookkeeping.
    expect(output.get('ServiceMonitor kube-system/npd-node-problem-detector').metadata.labels.release).toBe('kube-prometheus-stack');
  });

  test('drop on a modern chart: helm.sh/chart and managed-by go, the app.kubernetes.io labels and the selector stay', () => {
    const input = readYaml(path.join(FIXTURES, '11-prometheus-node-exporter-chart.yaml'));
    const { objects, notes } = applyHelmLabels(input, 'drop');
    for (const o of objects) {
      expect(Object.keys(o.metadata.labels ?? {})).not.toEqual(expect.arrayContaining(['helm.sh/chart']));
      expect(o.metadata.labels?.['app.kubernetes.io/managed-by']).toBeUndefined();
      expect(o.metadata.labels?.['app.kubernetes.io/instance']).toBe('node-exporter');
    }
    const ds = objects.find(o => o.kind === 'DaemonSet');
    const original = input.find(o => o.kind === 'DaemonSet');
    expect(ds.spec.selector).toEqual(original.spec.selector);
    const { ['helm.sh/chart']: _chart, ['app.kubernetes.io/managed-by']: _manager, ...podLabels } = original.spec.template.metadata.labels;
    expect(ds.spec.template.metadata.labels).toEqual(podLabels);
    expect(notes.join(' ')).toContain('rolls the pods of');
    // The input is not changed, and the program reproduces the dropped objects exactly.
    expect(input.find(o => o.kind === 'DaemonSet').metadata.labels['helm.sh/chart']).toBe('prometheus-node-exporter-4.39.0');
    const { output } = roundTrip(input, 'drop');
    for (const o of objects) expect(normalized(output.get(identity(o)))).toEqual(normalized(o));
  });

  test('objects Helm did not install keep labels that only look like Helm\'s', () => {
    const own = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'plain', namespace: 'agents', labels: { release: 'stable', chart: 'rollout-1.2.3' } },
      data: { a: 'b' },
    };
    const { objects, notes } = applyHelmLabels([own], 'drop');
    expect(objects).toEqual([own]);
    expect(notes).toEqual([]);
  });

  test('release is dropped only when it names the object\'s own release', () => {
    const monitor = (release: string) => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: `m-${release}`, labels: { release, 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': 'npd' } },
      spec: { podMetricsEndpoints: [{ port: 'metrics' }] },
    });
    const { objects } = applyHelmLabels([monitor('npd'), monitor('kube-prometheus-stack')], 'drop');
    expect(objects.map(o => o.metadata)).toEqual([{ name: 'm-npd' }, { name: 'm-kube-prometheus-stack', labels: { release: 'kube-prometheus-stack' } }]);
  });

  test('runImport takes --helm-labels keep|drop and refuses anything else', () => {
    const keep = runImport([HELM_RELEASE]);
    expect(keep.code).toBe(0);
    expect(keep.stdout).toContain("'helm.sh/chart': 'node-problem-detector-2.3.12'");
    const drop = runImport(['--helm-labels', 'drop', HELM_RELEASE]);
    expect(drop.code).toBe(0);
    expect(codeOnly(drop.stdout)).not.toContain('helm.sh/chart');
    expect(runImport(['--helm-labels', 'keep', HELM_RELEASE]).stdout).toBe(keep.stdout);
    const bad = runImport(['--helm-labels', 'strip', HELM_RELEASE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--helm-labels strip: use keep or drop');
    expect(runImport([HELM_RELEASE, '--helm-labels']).code).toBe(2);
    expect(runImport(['--help']).stdout).toContain('--helm-labels keep|drop');
  });
});
