import { readManifests, ReadManifestsOptions } from '../k8s/read-manifests';
import { isCrd } from './rules/schema/crds';

/**
 * The CustomResourceDefinitions in YAML or JSON files and directories (`validate --crd`, the cdk8s plugin's
 * `crdFiles`): every CustomResourceDefinition object they hold; other objects (a chart's other templates, a
 * kustomization) are skipped. Throws, naming the input, when one cannot be read or holds no CustomResourceDefinition.
 * @param inputs files, directories, or `-` for standard input
 */
export function readCrdFiles(inputs: string[], stdin: () => string, options: ReadManifestsOptions = {}): any[] {
  const crds: any[] = [];
  for (const input of inputs) {
    const found = readManifests([input], stdin, options).objects.filter(isCrd);
    if (found.length === 0) {
      throw new Error(`${input === '-' ? 'standard input' : input} holds no CustomResourceDefinition (apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition)`);
    }
    crds.push(...found);
  }
  return crds;
}
