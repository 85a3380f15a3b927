import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';

// Every examples/<name>/app.ts, and examples/<group>/<name>/app.ts in a group of examples (examples/consoles/),
// exports buildApp(props): App; its dist/ is committed.
const ROOT = path.join(__dirname, '..', 'examples');
const isExample = (rel: string) => fs.existsSync(path.join(ROOT, rel, 'app.ts'));
const isDir = (rel: string) => fs.statSync(path.join(ROOT, rel)).isDirectory();
const EXAMPLES = fs.readdirSync(ROOT).filter(isDir).flatMap(d => isExample(d) ? [d]
  : fs.readdirSync(path.join(ROOT, d)).map(e => `${d}/${e}`).filter(e => isDir(e) && isExample(e))).sort();

function synthTo(example: string, dir: string): { [file: string]: string } {
  // An example exports buildApp(props) (one app) or synthAll(outdir) (one directory per environment).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(ROOT, example, 'app')) as { buildApp?: (props: AppProps) => App; synthAll?: (outdir: string) => void };
  if (mod.synthAll) mod.synthAll(dir);
  else mod.buildApp!({ outdir: dir }).synth();
  return readDir(dir);
}

/** Every file below `dir`, by path relative to it. */
function readDir(dir: string, prefix = ''): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  for (const f of fs.readdirSync(path.join(dir, prefix)).sort()) {
    const rel = path.join(prefix, f);
    if (fs.statSync(path.join(dir, rel)).isDirectory()) Object.assign(out, readDir(dir, rel));
    else out[rel] = fs.readFileSync(path.join(dir, rel), 'utf-8');
  }
  return out;
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `example-${prefix.replace(/\//g, '-')}-`));
}

test('the default example exists', () => {
  expect(EXAMPLES).toContain('basic');
});

test('the console examples are found one level down, under examples/consoles/ (docs/console-guide.md)', () => {
  expect(EXAMPLES.filter(e => e.startsWith('consoles/'))).toEqual([
    'consoles/huawei-cce', 'consoles/kubesphere', 'consoles/multicloud', 'consoles/tkestack', 'consoles/volcengine-vke',
  ]);
  expect(EXAMPLES.filter(e => e.startsWith('console-'))).toEqual([]);
});

test('examples/gitops: one directory per environment, one file per chart, values differing by environment', () => {
  const files = synthTo('gitops', tmp('gitops-layout'));
  expect(Object.keys(files)).toEqual([
    'production/logging.k8s.yaml', 'production/monitoring.k8s.yaml', 'production/node-agent.k8s.yaml',
    'staging/logging.k8s.yaml', 'staging/monitoring.k8s.yaml', 'staging/node-agent.k8s.yaml',
  ]);
  expect(files['production/node-agent.k8s.yaml']).toContain('maxUnavailable: 10%');
  expect(files['staging/node-agent.k8s.yaml']).toContain('maxUnavailable: 50%');
  expect(files['staging/logging.k8s.yaml']).toContain('es.logging-staging.svc');
});

describe.each(EXAMPLES)('examples/%s', (example) => {
  test('committed dist/ equals a fresh synth (run `npx projen synth:examples` after changing an example)', () => {
    const fresh = synthTo(example, tmp(example));
    const committed = readDir(path.join(ROOT, example, 'dist'));
    expect(Object.keys(fresh)).toEqual(Object.keys(committed));
    for (const f of Object.keys(fresh)) {
      expect({ file: f, yaml: fresh[f] }).toEqual({ file: f, yaml: committed[f] });
    }
  });

  test('two synths are byte-identical', () => {
    const a = synthTo(example, tmp(`${example}-a`));
    const b = synthTo(example, tmp(`${example}-b`));
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
});

test('examples/basic: the DaemonSet carries the features the README promises', () => {
  const yaml = synthTo('basic', tmp('basic-c'))['node-agent.k8s.yaml'];
  expect(yaml).toContain('maxUnavailable: 10%');
  expect(yaml).toContain('path: /etc/localtime');
  expect(yaml).toContain('livenessProbe:');
  expect(yaml).toContain('mountPath: /host/var/log');
});
