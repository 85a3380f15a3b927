import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifests } from '../../src/cli/validate';

// `cdk8s synth` with a `validations:` entry writes construct-metadata.json beside the manifests; `validate dist/`
// on that directory (the README's flow, checked end to end by `npm run test:installed`) must not read it as one.
test('a directory of cdk8s synth output: construct-metadata.json is not read as a manifest', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dist-'));
  try {
    fs.writeFileSync(path.join(dir, 'app.k8s.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n');
    fs.writeFileSync(path.join(dir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources: {} }));
    fs.writeFileSync(path.join(dir, 'extra.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' } }));
    const { objects, sources } = readManifests([dir], () => '');
    expect(objects.map(o => o.kind)).toEqual(['ConfigMap', 'Secret']);
    expect(sources.map(s => path.basename(s))).toEqual(['app.k8s.yaml', 'extra.json']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
