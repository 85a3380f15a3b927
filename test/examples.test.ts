import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../examples/basic/app';

const EXAMPLE = path.join(__dirname, '..', 'examples', 'basic');

function synthTo(dir: string): { [file: string]: string } {
  buildApp({ outdir: dir }).synth();
  const out: { [file: string]: string } = {};
  for (const f of fs.readdirSync(dir).sort()) out[f] = fs.readFileSync(path.join(dir, f), 'utf-8');
  return out;
}

test('examples/basic: committed dist/ equals a fresh synth (run `npx projen synth:example` after changing the example)', () => {
  const fresh = synthTo(fs.mkdtempSync(path.join(os.tmpdir(), 'example-basic-')));
  const committedDir = path.join(EXAMPLE, 'dist');
  const committed: { [file: string]: string } = {};
  for (const f of fs.readdirSync(committedDir).sort()) committed[f] = fs.readFileSync(path.join(committedDir, f), 'utf-8');
  expect(Object.keys(fresh)).toEqual(Object.keys(committed));
  for (const f of Object.keys(fresh)) {
    expect({ file: f, yaml: fresh[f] }).toEqual({ file: f, yaml: committed[f] });
  }
});

test('examples/basic: two synths are byte-identical', () => {
  const a = synthTo(fs.mkdtempSync(path.join(os.tmpdir(), 'example-a-')));
  const b = synthTo(fs.mkdtempSync(path.join(os.tmpdir(), 'example-b-')));
  expect(Object.keys(a).length).toBeGreaterThan(0);
  expect(a).toEqual(b);
});

test('examples/basic: the DaemonSet carries the features the README promises', () => {
  const yaml = synthTo(fs.mkdtempSync(path.join(os.tmpdir(), 'example-c-')))['node-agent.k8s.yaml'];
  expect(yaml).toContain('maxUnavailable: 10%');
  expect(yaml).toContain('path: /etc/localtime');
  expect(yaml).toContain('livenessProbe:');
  expect(yaml).toContain('mountPath: /host/var/log');
});
