import { Chart, Testing } from 'cdk8s';

// Finding the synthesized objects of a chart, shared by the tests of test/daemon-set/.

export function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

export function onlyOfKind(manifests: any[], kind: string): any {
  const found = ofKind(manifests, kind);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The single DaemonSet of the chart, synthesized. */
export function synthDaemonSet(chart: Chart): any {
  return onlyOfKind(Testing.synth(chart), 'DaemonSet');
}

/** The pod spec of the chart's single DaemonSet. */
export function synthPodSpec(chart: Chart): any {
  return synthDaemonSet(chart).spec.template.spec;
}

/** A container (or init container) of a rendered pod spec, by name. */
export function containerNamed(podSpec: any, name: string): any {
  const found = [...podSpec.initContainers ?? [], ...podSpec.containers ?? []].filter((c: any) => c.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

export const SELECTOR_LABEL = 'cdk8s.io/metadata.addr';
export const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
