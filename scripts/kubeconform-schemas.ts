/**
 * Writes one standalone, strict JSON Schema per kind for kubeconform, from the same schemas the `schema`
 * validation rules use (schemas/k8s-<version>.json, generated from k8s.io/kubernetes' OpenAPI spec, and
 * schemas/crds.json from the prometheus-operator CRDs). The file names follow kubeconform's
 * `{{ .ResourceKind }}{{ .KindSuffix }}.json` template: `daemonset-apps-v1.json`, `service-v1.json`,
 * `servicemonitor-monitoring-v1.json`.
 *
 * Usage: ts-node scripts/kubeconform-schemas.ts <out dir> [kubernetes minor, default 1.37]
 */
import * as fs from 'fs';
import * as path from 'path';

const [outDir, minor = '1.37'] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: kubeconform-schemas.ts <out dir> [kubernetes minor]');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
fs.mkdirSync(outDir, { recursive: true });

// CRD schemas point at the Kubernetes definitions (ObjectMeta, ...) as `k8s.json#/definitions/...`; each
// standalone file carries both sets of definitions, with those references made local.
const k8s = JSON.parse(fs.readFileSync(path.join(root, 'schemas', `k8s-${minor}.json`), 'utf-8'));
const crds = JSON.parse(JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'crds.json'), 'utf-8'))).split('"k8s.json#/definitions/').join('"#/definitions/'));

let written = 0;
for (const bundle of [k8s, crds]) {
  const definitions = bundle === k8s ? k8s.definitions : { ...k8s.definitions, ...crds.definitions };
  for (const [gvk, ref] of Object.entries<string>(bundle.kinds)) {
    const parts = gvk.split('/');
    const kind = parts.pop()!.toLowerCase();
    const version = parts.pop()!;
    const group = parts.length > 0 ? parts[0].split('.')[0] : '';
    const name = group ? `${kind}-${group}-${version}.json` : `${kind}-${version}.json`;
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...definitions[ref], definitions };
    fs.writeFileSync(path.join(outDir, name), JSON.stringify(schema));
    written++;
  }
}
console.log(`${written} kubeconform schemas (Kubernetes ${minor} and CRDs) in ${outDir}`);
