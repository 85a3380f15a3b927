import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeGenerated } from './import-program';
import { generateTypeScript, runImport } from '../../src/cli/import';

const API_KEY = 'sk-live-7f3b9c2e4a1d8f6b0e5c9a2d4f7b1e3c';
const TOKEN = 'ghp_Zx8Qm2Lr7Tn4Vb6Wc1Yd3Ke5Jf9Hg0Ps';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function manifests(): any[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'api-credentials', namespace: 'agents', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ data: { key: b64(API_KEY) } }) } },
      type: 'Opaque',
      data: { 'api-key': b64(API_KEY) },
      stringData: { token: TOKEN },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'agents' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            containers: [{
              name: 'agent',
              image: 'registry.example.com/agent:1.4.2',
              env: [{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api-credentials', key: 'api-key' } } }],
              volumeMounts: [{ name: 'creds', mountPath: '/etc/agent/creds', readOnly: true }],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
            }],
            volumes: [{ name: 'creds', secret: { secretName: 'api-credentials' } }],
          },
        },
      },
    },
  ];
}

/** Every form of the secret values that must stay out of the output. */
const LEAKS = [API_KEY, b64(API_KEY), TOKEN, b64(TOKEN), API_KEY.slice(0, 12), b64(API_KEY).slice(0, 16)];

describe('import of Secrets', () => {
  test('Secret data never reaches the generated code; the Secret is referred to by name', () => {
    const code = generateTypeScript(manifests());
    for (const leak of LEAKS) expect(code).not.toContain(leak);
    expect(code).not.toMatch(/stringData|'api-key': /);
    expect(code).toContain("// import: Secret 'agents/api-credentials' is not recreated: its data stays out of source code.");
    expect(code).toContain('// Manage it elsewhere');
    // Layout removed (line breaks, indentation, trailing commas), so the test does not depend on line width.
    const flat = code.replace(/\s+/g, ' ').replace(/([([{]) /g, '$1').replace(/,? ([)\]}])/g, '$1');
    expect(flat).toContain("const apiCredentialsSecret = kplus.Secret.fromSecretName(chart, 'SecretRef-api-credentials', 'api-credentials');");
    expect(code).not.toContain("kind: 'Secret'");
  });

  test('the generated program synthesizes the DaemonSet with its Secret references, and no Secret', () => {
    const objects = synthesizeGenerated(generateTypeScript(manifests()));
    expect(objects.map(o => o.kind)).toEqual(['DaemonSet']);
    const text = JSON.stringify(objects);
    for (const leak of LEAKS) expect(text).not.toContain(leak);
    const pod = objects[0].spec.template.spec;
    expect(pod.containers[0].env).toEqual([{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api-credentials', key: 'api-key' } } }]);
    expect(pod.volumes).toEqual([{ name: 'creds', secret: { secretName: 'api-credentials' } }]);
  });

  test('a Secret alone (and one inside a List) prints only the note', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-secrets-'));
    try {
      const file = path.join(dir, 'secrets.json');
      fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [manifests()[0]] }));
      const result = runImport([file]);
      expect(result.code).toBe(0);
      for (const leak of LEAKS) expect(result.stdout).not.toContain(leak);
      expect(result.stdout).toContain("// import: Secret 'agents/api-credentials' is not recreated");
      expect(result.stdout).not.toContain('new ApiObject');
      expect(synthesizeGenerated(result.stdout)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the usage text says Secrets are not recreated', () => {
    expect(runImport(['--help']).stdout).toMatch(/Secrets are not recreated/);
  });
});
