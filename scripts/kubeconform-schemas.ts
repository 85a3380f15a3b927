/**
 * Writes one standalone, strict JSON Schema per kind for kubeconform, from the same schemas the `schema`
 * validation rules use (schemas/k8s-index.json and k8s-defs-*.json, generated from k8s.io/kubernetes' OpenAPI
 * spec, and schemas/crds.json from the prometheus-operator CRDs). The file names follow kubeconform's
 * `{{ .ResourceKind }}{{ .KindSuffix }}.json` template: `daemonset-apps-v1.json`, `service-v1.json`,
 * `servicemonitor-monitoring-v1.json`.
 *
 * Usage: ts-node scripts/kubeconform-schemas.ts <out dir> [kubernetes minor, default 1.37]
 */
import * as fs from 'fs';
import * as path from 'path';
import { ShippedSchemas } from '../src/validation/rules/schema/store';

const [outDir, minor = '1.37'] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: kubeconform-schemas.ts <out dir> [kubernetes minor]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

// The built-in kinds of this minor (schemas/k8s-index.json) with every definition they reach (schemas/k8s-defs-*.json);
// CRD schemas point at the Kubernetes definitions (ObjectMeta, ...) as `k8s.json#/definitions/...`, made local here.
const store = new ShippedSchemas(path.resolve(__dirname, '..', 'schemas'));
if (!store.index.versions[minor]) {
  console.error(`no shipped schemas for Kubernetes ${minor}; shipped: ${store.versions().join(', ')}`);
  process.exit(2);
}
const crds = JSON.parse(JSON.stringify(store.crds).split('"k8s.json#/definitions/').join('"#/definitions/'));
const k8sDefinitions: Record<string, any> = {};
const addReachable = (name: string) => {
  if (k8sDefinitions[name] || crds.definitions[name]) return;
  const schema = store.definition(name, minor);
  if (!schema) throw new Error(`no definition ${name} for Kubernetes ${minor}`);
  k8sDefinitions[name] = schema;
  for (const m of JSON.stringify(schema).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) addReachable(m[1]);
};
const served = Object.entries(store.index.kinds).filter(([, e]) => e.served.split(',').some(r => {
  const [from, to = from] = r.split('-');
  return Number(from.split('.')[1]) <= Number(minor.split('.')[1]) && Number(minor.split('.')[1]) <= Number(to.split('.')[1]);
}));
const k8s = { kinds: Object.fromEntries(served.map(([key, e]) => [key, e.definition])), definitions: k8sDefinitions };
for (const def of Object.values(k8s.kinds)) addReachable(def);
addReachable('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');

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
