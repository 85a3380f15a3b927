import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet } from '../../../src';
import * as checks from '../../../src/daemon-set/synth-checks';
import { ManifestValidator } from '../../../src/validation/engine';
import * as probePortsModule from '../../../src/validation/rules/runtime/probe-ports';
import { takeWarnings } from '../../setup/quiet-console';

function agent(chart: Chart, id: string, extra: Partial<{ image: string }> = {}): DaemonSet {
  return new DaemonSet(chart, id, { containers: [{ name: 'agent', image: extra.image ?? 'registry.example.com/agent:1.4.2', portNumber: 9100 }] });
}

/** Counts what one call does: rule engine runs, and the DaemonSets' own checks that computed findings. */
function counting<T>(fn: () => T): { result: T; engineRuns: number; selfChecks: number } {
  const validate = jest.spyOn(ManifestValidator.prototype, 'validate');
  const findings = jest.spyOn(checks, 'checkAtSynthesis');
  try {
    const result = fn();
    return { result, engineRuns: validate.mock.calls.length, selfChecks: findings.mock.calls.length };
  } finally {
    validate.mockRestore();
    findings.mockRestore();
  }
}

describe('one validation per synthesis', () => {
  test('synthYaml of an app with three charts runs the rule engine once, though cdk8s validates the app four times', () => {
    const app = new App();
    for (const name of ['a', 'b', 'c']) agent(new Chart(app, name, { namespace: name }), 'agent');
    const { engineRuns } = counting(() => app.synthYaml());
    expect(engineRuns).toBe(1);
  });

  test('a second synthesis of an unchanged app reuses the report; a change between two syntheses is validated', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    agent(chart, 'agent');
    const first = counting(() => app.synthYaml());
    const again = counting(() => app.synthYaml());
    expect(again.result).toBe(first.result);
    expect(again.engineRuns).toBe(0);
    // A new DaemonSet is a change: validated.
    agent(chart, 'second');
    const changed = counting(() => app.synthYaml());
    expect(changed.engineRuns).toBe(1);
  });

  test('a change that adds no construct (an env var) is seen on the next synthesis', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    const ds = agent(chart, 'agent');
    app.synthYaml();
    ds.containers[0].env.addVariable('A=B', kplus.EnvValue.fromValue('x'));
    expect(() => app.synthYaml()).toThrow(/'A=B'/);
  });

  test('config checksums are on the template before the pass validates it: every chart pass reuses the first', () => {
    // An App subclass with its own synthYaml keeps cdk8s's synthesis: a pass for the app, then one per chart.
    class MyApp extends App {
      public synthYaml(): string {
        return super.synthYaml();
      }
    }
    const subclass = new MyApp();
    const subChart = new Chart(subclass, 'c', { namespace: 'monitoring' });
    const subConfig = new kplus.ConfigMap(subChart, 'config', { data: { 'agent.conf': 'level=info' } });
    agent(subChart, 'agent').containers[0].mount('/etc/agent', kplus.Volume.fromConfigMap(subChart, 'config-volume', subConfig), { readOnly: true });
    const cdk8sPasses = counting(() => subclass.synthYaml());
    expect(cdk8sPasses.engineRuns).toBe(1);
    expect(cdk8sPasses.selfChecks).toBe(2);
    expect(cdk8sPasses.result).toMatch(/checksum\.daemonsets\.cdk8s\.io\/configmap-/);

    // A plain App gets the one-pass synthesis: one pass in all.
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    const config = new kplus.ConfigMap(chart, 'config', { data: { 'agent.conf': 'level=info' } });
    const ds = agent(chart, 'agent');
    const volume = kplus.Volume.fromConfigMap(chart, 'config-volume', config);
    ds.containers[0].mount('/etc/agent', volume, { readOnly: true });
    const { result, engineRuns, selfChecks } = counting(() => app.synthYaml());
    expect(engineRuns).toBe(1);
    expect(selfChecks).toBe(1);
    expect(result).toBe(cdk8sPasses.result);
    expect(result).toMatch(/checksum\.daemonsets\.cdk8s\.io\/configmap-/);
    // The checksum follows the data on the next synthesis.
    const before = /checksum\.daemonsets\.cdk8s\.io\/configmap-[^:]+: (\w+)/.exec(result)![1];
    config.addData('extra.conf', 'x=1');
    const after = /checksum\.daemonsets\.cdk8s\.io\/configmap-[^:]+: (\w+)/.exec(app.synthYaml())![1];
    expect(after).not.toBe(before);
  });

  test('warnings are printed once per synthesis, not once per pass', () => {
    const app = new App();
    for (const name of ['a', 'b']) agent(new Chart(app, name, { namespace: name }), 'agent', { image: 'registry.example.com/agent' });
    takeWarnings();
    app.synthYaml();
    // The app's validation reports unpinned images (best-practice/image-tag), once per DaemonSet.
    const warnings = takeWarnings().filter(w => /^\[cdk8s-daemonsets\] warning best-practice\/image-tag /.test(w));
    expect(warnings).toHaveLength(2);
  });
});

describe('one runtime prediction per rendered object', () => {
  test("the app's validation and the DaemonSet's own check predict a rendered DaemonSet once per synthesis", () => {
    const app = new App();
    agent(new Chart(app, 'c', { namespace: 'monitoring' }), 'agent');
    const probes = jest.spyOn(probePortsModule, 'probePorts');
    try {
      app.synthYaml();
      expect(probes).toHaveBeenCalledTimes(1);
      // Outside a synthesis nothing is remembered: the same object is predicted again.
      const rendered = ApiObject.of(app.node.findChild('c').node.findChild('agent')).toJson();
      probes.mockClear();
      new ManifestValidator().validate([rendered]);
      new ManifestValidator().validate([rendered]);
      expect(probes).toHaveBeenCalledTimes(2);
    } finally {
      probes.mockRestore();
    }
  });

  test("a user's own validation during the synthesis sees its objects as they are at each call", () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    agent(chart, 'agent');
    const own = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'own', namespace: 'monitoring' },
      spec: {
        selector: { matchLabels: { app: 'own' } },
        template: {
          metadata: { labels: { app: 'own' } },
          spec: { containers: [{ name: 'own', image: 'registry.example.com/own:1.0', livenessProbe: { httpGet: { port: 'metrics' } } }] },
        },
      },
    };
    const seen: string[][] = [];
    const runtime = () => new ManifestValidator().validate([own]).findings.filter(f => f.ruleId.startsWith('runtime/')).map(f => f.ruleId);
    chart.node.addValidation({
      validate: () => {
        seen.push(runtime());
        (own.spec.template.spec.containers[0] as any).ports = [{ name: 'metrics', containerPort: 9100 }];
        seen.push(runtime());
        delete (own.spec.template.spec.containers[0] as any).ports;
        return [];
      },
    });
    app.synthYaml();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[0]).toEqual(['runtime/probe-ports']);
    expect(seen[1]).toEqual([]);
  });
});
