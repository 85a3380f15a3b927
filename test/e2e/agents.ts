/** Purpose-built DaemonSets for the e2e suites, synthesized with this library. */
import { Chart, Testing } from 'cdk8s';
import { DaemonSet, DaemonSetProps, HealthProbe } from '../../src';

/** Props of a small, probe-equipped agent; `extra` overrides or adds to them. */
export function agentProps(image: string, extra: Partial<DaemonSetProps> = {}): DaemonSetProps {
  return {
    containers: [{
      name: 'agent',
      image,
      ports: [{ number: 8080, name: 'http' }],
      livenessProbe: HealthProbe.tcpSocket({ port: 8080 }),
      readinessProbe: HealthProbe.tcpSocket({ port: 8080 }),
    }],
    priorityClassName: 'system-node-critical',
    ...extra,
  };
}

/** Synthesizes the DaemonSets `build` adds to a chart in `namespace`, as plain objects. */
export function synthAgents(namespace: string, build: (chart: Chart) => void): any[] {
  const app = Testing.app();
  const chart = new Chart(app, namespace, { namespace, disableResourceNameHashes: true });
  build(chart);
  return Testing.synth(chart);
}

/** The DaemonSet object of `objects` named `name`. */
export function daemonSetNamed(objects: any[], name: string): any {
  const ds = objects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === name);
  if (!ds) throw new Error(`no DaemonSet '${name}' among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return ds;
}

export { DaemonSet };
