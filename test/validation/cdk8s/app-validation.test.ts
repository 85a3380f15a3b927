import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { asCdk8sSynth, WITH_PLUGIN } from './cdk8s-cli-host';
import { AppValidation, DaemonSet, DaemonSetContainerProps, NodeExporterDaemonSet, Severity } from '../../../src';
import * as checks from '../../../src/daemon-set/synth-checks';

let warn: jest.SpyInstance;

beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  warn.mockRestore();
});

function warnings(): string[] {
  return warn.mock.calls.map(args => args.map(String).join(' '));
}

function chartOf(app: App = Testing.app(), id = 'agents', namespace?: string): Chart {
  return new Chart(app, id, { namespace });
}

function exporter(name: string, port: kplus.ContainerPort, extra: Partial<DaemonSetContainerProps> = {}): DaemonSetContainerProps {
  return {
    name,
    image: `quay.io/prometheus/${name}:v1.8.2`,
    ports: [port],
    resources: { cpu: { request: kplus.Cpu.millis(50) } },
    ...extra,
  };
}

describe('DaemonSets of this library validate the whole app', () => {
  test('two DaemonSets binding the same hostPort fail synthesis, naming the construct path', () => {
    const chart = chartOf();
    new DaemonSet(chart, 'node-exporter', {
      metadata: { name: 'node-exporter' },
      containers: [exporter('node-exporter', { number: 9100, hostPort: 9100, name: 'metrics' })],
    });
    new DaemonSet(chart, 'custom-exporter', {
      metadata: { name: 'custom-exporter' },
      containers: [exporter('custom-exporter', { number: 8080, hostPort: 9100, name: 'metrics' })],
    });
    // cdk8s prefixes each line with the path of the construct that reported it: the DaemonSet, not the app (`[]`).
    expect(() => Testing.synth(chart)).toThrow(
      /\n {2}\[agents\/custom-exporter\] error cross-object\/host-port-collision DaemonSet default\/custom-exporter spec\.template\.spec\.containers\[0\]\.ports\[0\]: DaemonSet 'custom-exporter' container 'custom-exporter' binds host port 9100\/TCP, which DaemonSet 'node-exporter' \(namespace 'default'\) container 'node-exporter' also binds on the same nodes \(hint: [^)]*\)$/,
    );
  });

  test('the collision is reported once, for the later DaemonSet, and app.synth() fails too', () => {
    const app = Testing.app();
    const chart = chartOf(app, 'monitoring', 'monitoring');
    new DaemonSet(chart, 'a', { metadata: { name: 'agent-a' }, hostNetwork: true, containers: [exporter('node-exporter', { number: 9100, name: 'metrics' })] });
    new DaemonSet(chart, 'b', { metadata: { name: 'agent-b' }, containers: [exporter('node-exporter', { number: 9100, hostPort: 9100, name: 'metrics' })] });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    const collisions = message.split('\n').filter(l => l.includes('cross-object/host-port-collision'));
    expect(collisions).toHaveLength(1);
    expect(collisions[0]).toMatch(/^ {2}\[monitoring\/b\] error cross-object\/host-port-collision DaemonSet monitoring\/agent-b /);
    expect(message).not.toMatch(/\[\]/);
  });

  test('DaemonSets kept apart by node selectors synthesize', () => {
    const chart = chartOf();
    new DaemonSet(chart, 'linux', { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [exporter('node-exporter', { number: 9100, hostPort: 9100 })] });
    new DaemonSet(chart, 'windows', { nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [exporter('windows-exporter', { number: 9100, hostPort: 9100 })] });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('warnings are printed with console.warn and do not fail synthesis', () => {
    const chart = chartOf();
    const config = kplus.ConfigMap.fromConfigMapName(chart, 'external', 'shared-agent-config');
    new DaemonSet(chart, 'agent', {
      metadata: { name: 'node-agent' },
      containers: [exporter('node-agent', { number: 9400, name: 'metrics' }, {
        volumeMounts: [{ path: '/etc/agent', volume: kplus.Volume.fromConfigMap(chart, 'config-volume', config), readOnly: true }],
      })],
    });
    const manifests = Testing.synth(chart);
    expect(manifests.map(m => m.kind)).toEqual(['DaemonSet']);
    const missing = warnings().filter(w => w.includes('cross-object/missing-reference'));
    expect(missing).toEqual([
      expect.stringMatching(/^\[cdk8s-daemonsets\] warning cross-object\/missing-reference DaemonSet default\/node-agent spec\.template\.spec\.volumes\[\d+\]\.configMap: DaemonSet 'node-agent' refers to ConfigMap 'shared-agent-config' in namespace 'default', which the input does not define .* \[agents\/agent\]$/),
    ]);
  });

  test('a ConfigMap the app defines is not reported', () => {
    const chart = chartOf();
    const config = new kplus.ConfigMap(chart, 'config', { metadata: { name: 'node-agent-config' }, data: { 'agent.yaml': 'interval: 30s\n' } });
    new DaemonSet(chart, 'agent', {
      containers: [exporter('node-agent', { number: 9400, name: 'metrics' }, {
        volumeMounts: [{ path: '/etc/agent', volume: kplus.Volume.fromConfigMap(chart, 'config-volume', config), readOnly: true }],
      })],
    });
    Testing.synth(chart);
    expect(warnings().filter(w => w.includes('cross-object/'))).toEqual([]);
  });

  test('objects of every chart of the app are validated together', () => {
    const app = Testing.app();
    new DaemonSet(chartOf(app, 'monitoring'), 'exporter', { containers: [exporter('node-exporter', { number: 9100, hostPort: 9100 })] });
    const other = chartOf(app, 'logging');
    new DaemonSet(other, 'collector', { metadata: { name: 'collector' }, containers: [exporter('fluent-bit', { number: 9100, hostPort: 9100 })] });
    expect(() => Testing.synth(other)).toThrow(/\[logging\/collector\] error cross-object\/host-port-collision DaemonSet default\/collector /);
  });
});

describe('AppValidation.enable', () => {
  test('returns true on the first call and false on the second call for the same app', () => {
    const app = Testing.app();
    const chart = chartOf(app);
    expect(AppValidation.enable(chart)).toBe(true);
    expect(AppValidation.enable(chart)).toBe(false);
    expect(AppValidation.enable(chartOf(app, 'other'))).toBe(false);
    expect(AppValidation.enable(app)).toBe(false);
    expect(AppValidation.enable(chartOf(Testing.app()))).toBe(true);
  });

  test('a DaemonSet of this library has already enabled it', () => {
    const chart = chartOf();
    new DaemonSet(chart, 'agent', { containers: [exporter('node-agent', { number: 9400 })] });
    expect(AppValidation.enable(chart)).toBe(false);
  });

  test('an app of plain cdk8s-plus objects is validated once enabled: a Service selecting nothing warns', () => {
    const chart = chartOf(Testing.app(), 'web', 'web');
    const deployment = new kplus.Deployment(chart, 'api', { containers: [{ image: 'registry.example.com/api:2.3.1', portNumber: 8080 }] });
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'frontend' }, ports: [{ port: 80, targetPort: 8080 }] });
    service.selectLabel('app', 'frontend');
    expect(deployment.podMetadata.getLabel('app')).toBeUndefined();
    expect(AppValidation.enable(chart)).toBe(true);
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(warnings()).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[cdk8s-daemonsets\] warning cross-object\/service-selects-nothing Service web\/frontend spec\.selector: Service 'frontend' selects app=frontend, which no pod template in namespace 'web' carries .*\[web\/svc\]$/),
    ]));
  });

  test('without enable, an app of plain cdk8s-plus objects is not validated', () => {
    const chart = chartOf(Testing.app(), 'web', 'web');
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'frontend' }, ports: [{ port: 80, targetPort: 8080 }] });
    service.selectLabel('app', 'frontend');
    Testing.synth(chart);
    expect(warnings()).toEqual([]);
  });

  test('errors in plain cdk8s-plus objects fail synthesis once enabled', () => {
    const chart = chartOf(Testing.app(), 'agents', 'agents');
    for (const id of ['first', 'second']) {
      new kplus.DaemonSet(chart, id, {
        metadata: { name: id },
        containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0.0', ports: [{ number: 8125, hostPort: 8125, protocol: kplus.Protocol.UDP }] }],
      });
    }
    AppValidation.enable(chart);
    expect(() => Testing.synth(chart)).toThrow(/\[agents\/second\] error cross-object\/host-port-collision DaemonSet agents\/second .*binds host port 8125\/UDP/);
  });

  test('options of the first call apply', () => {
    const chart = chartOf(Testing.app(), 'web', 'web');
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'frontend' }, ports: [{ port: 80, targetPort: 8080 }] });
    service.selectLabel('app', 'frontend');
    expect(AppValidation.enable(chart, { skipRules: ['cross-object/service-selects-nothing'] })).toBe(true);
    expect(AppValidation.enable(chart)).toBe(false);
    Testing.synth(chart);
    expect(warnings().filter(w => w.includes('service-selects-nothing'))).toEqual([]);
  });

  test('severity overrides turn a warning into a synthesis error', () => {
    const chart = chartOf(Testing.app(), 'web', 'web');
    const service = new kplus.Service(chart, 'svc', { metadata: { name: 'frontend' }, ports: [{ port: 80, targetPort: 8080 }] });
    service.selectLabel('app', 'frontend');
    AppValidation.enable(chart, { severityOverrides: { 'cross-object/service-selects-nothing': Severity.ERROR } });
    expect(() => Testing.synth(chart)).toThrow(/\[web\/svc\] error cross-object\/service-selects-nothing Service web\/frontend spec\.selector: /);
  });

  test('bad options throw at once', () => {
    expect(() => AppValidation.enable(chartOf(), { expectedNodeCount: 0 })).toThrow(/expectedNodeCount is 0/);
  });
});

test('a NodeExporterDaemonSet in a namespace that enforces baseline fails synth, naming hostNetwork, hostPID and hostPath', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'monitoring', { namespace: 'monitoring' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } });
  new NodeExporterDaemonSet(chart, 'node-exporter');
  let message = '';
  try {
    Testing.synth(chart);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/pod-security\/namespace-enforce/);
  expect(message).toMatch(/baseline/);
  expect(message).toMatch(/hostNetwork/);
  expect(message).toMatch(/hostPID/);
  expect(message).toMatch(/hostPath/);
});

test('the same NodeExporterDaemonSet passes in a privileged namespace', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'monitoring', { namespace: 'monitoring' });
  new kplus.Namespace(chart, 'ns', { metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } });
  new NodeExporterDaemonSet(chart, 'node-exporter');
  expect(() => Testing.synth(chart)).not.toThrow();
});

describe('synthesis errors read one finding per line, each under the construct that owns it', () => {
  function synthError(app: App): string {
    try {
      app.synthYaml();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('synthesis did not fail');
  }

  test('the app\'s findings and a DaemonSet\'s own: construct path first, rule id, object, JSON path, message, hint', () => {
    const app = Testing.app();
    const chart = chartOf(app, 'c', 'monitoring');
    const ds = new DaemonSet(chart, 'agent', { containers: [exporter('agent', { number: 9100, hostPort: 9100, name: 'metrics' })] });
    ds.containers[0].env.addVariable('A=B', kplus.EnvValue.fromValue('x'));
    new DaemonSet(chart, 'other', { containers: [exporter('other', { number: 9100, hostPort: 9100, name: 'metrics' })] });
    const [first, ...lines] = synthError(app).split('\n');
    expect(first).toBe('Validation failed with the following errors:');
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}\[c\/agent\] DaemonSet 'c\/agent': container 'agent' environment variable name 'A=B' must consist only of printable ASCII characters other than '=' \(at spec\.template\.spec\.containers\[0\]\.env\[0\]\.name\) \(rule: semantics\/env-names\)$/),
      expect.stringMatching(/^ {2}\[c\/agent\] DaemonSet 'c\/agent': container 'agent' environment variable name 'A=B' must match .* \(at spec\.template\.spec\.containers\[0\]\.env\[0\]\.name\) \(rule: best-practice\/env-names\)$/),
      expect.stringMatching(/^ {2}\[c\/other\] error cross-object\/host-port-collision DaemonSet monitoring\/c-other-\w+ spec\.template\.spec\.containers\[0\]\.ports\[0\]: .* \(hint: give one of them another port, .*\)$/),
    ]);
  });

  test('a runtime prediction the DaemonSet reports itself is not reported again by the app', () => {
    const app = Testing.app();
    const ds = new DaemonSet(chartOf(app, 'c'), 'agent', { containers: [exporter('agent', { number: 9100, name: 'metrics' })] });
    ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.gt('cpu-count', ['1.5'])));
    const lines = synthError(app).split('\n').filter(l => l.includes('runtime/node-affinity-unsatisfiable'));
    expect(lines).toEqual([expect.stringMatching(/^ {2}\[c\/agent\] DaemonSet 'c\/agent': the API server accepts Gt .*\(rule: runtime\/node-affinity-unsatisfiable\)$/)]);
    // A second synthesis of the unchanged app says the same.
    expect(synthError(app).split('\n').filter(l => l.includes('runtime/node-affinity-unsatisfiable'))).toEqual(lines);
  });

  test('what the API server accepts with a warning warns and does not fail synthesis', () => {
    const chart = chartOf(Testing.app(), 'c', 'monitoring');
    const ds = new DaemonSet(chart, 'agent', { containers: [exporter('agent', { number: 9100, name: 'metrics' })] });
    ds.addContainer(exporter('sidecar', { number: 9200, name: 'metrics' }));
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(ds.warnings).toEqual([
      expect.stringMatching(/^DaemonSet 'c\/agent': container 'sidecar' port name 'metrics' is also declared by containers\[0\]\.ports\[0\].* \(at spec\.template\.spec\.containers\[1\]\.ports\[0\]\.name\) \(rule: semantics\/port-names\)$/),
    ]);
  });

  test('a DaemonSet leaves its warnings to the plugin when cdk8s synth will run it; unpinned images to best-practice/image-tag', () => {
    const toPrint = (config: string | undefined, env: string | undefined) => asCdk8sSynth(config, env, () => {
      const chart = chartOf(Testing.app(), 'c', 'monitoring');
      const ds = new DaemonSet(chart, 'agent', { containers: [exporter('agent', { number: 9100, name: 'metrics' }, { image: 'quay.io/prometheus/agent' })] });
      ds.addContainer(exporter('sidecar', { number: 9200, name: 'metrics' }));
      const spy = jest.spyOn(checks, 'checkAtSynthesis');
      try {
        Testing.synth(chart);
        return { all: ds.warnings, toPrint: spy.mock.results.map(r => r.value.toPrint).flat() as string[] };
      } finally {
        spy.mockRestore();
      }
    });
    const alone = toPrint(undefined, undefined);
    expect(alone.all.map(w => /\(rule: ([^)]+)\)$/.exec(w)![1])).toEqual(['semantics/port-names', 'best-practice/image-tag']);
    expect(alone.toPrint.map(w => /\(rule: ([^)]+)\)$/.exec(w)![1])).toEqual(['semantics/port-names']);
    const underPlugin = toPrint(WITH_PLUGIN, 'true');
    expect(underPlugin.all).toEqual(alone.all);
    expect(underPlugin.toPrint).toEqual([]);
  });
});
