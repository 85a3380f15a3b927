import { Chart, Duration, Testing } from 'cdk8s';
import { DaemonSetsErrors, LogCollectorDaemonSet, LogOutput, MetricsMonitor } from '../../../src';

// LogCollectorDaemonSetProps.monitor: the same choice as NodeExporterDaemonSetProps.monitor; the older
// serviceMonitor / podMonitor switches keep working and must agree with it.

const outputs = [LogOutput.stdout()];

function kinds(chart: Chart): string[] {
  return Testing.synth(chart).map(o => o.kind).filter(k => k.endsWith('Monitor'));
}

function synthOf(props: object): { kinds: string[]; monitor: any } {
  const chart = Testing.chart();
  new LogCollectorDaemonSet(chart, 'logs', { metadata: { name: 'logs' }, outputs, ...props });
  const objects = Testing.synth(chart);
  return { kinds: kinds(chart), monitor: objects.find(o => o.kind.endsWith('Monitor')) };
}

describe('LogCollectorDaemonSet monitor', () => {
  test.each([
    [{ monitor: MetricsMonitor.SERVICE_MONITOR }, ['ServiceMonitor']],
    [{ monitor: MetricsMonitor.POD_MONITOR }, ['PodMonitor']],
    [{ monitor: MetricsMonitor.NONE }, []],
    [{}, []],
  ])('%j emits %j', (props, expected) => {
    expect(synthOf(props).kinds).toEqual(expected);
  });

  test('monitor: SERVICE_MONITOR renders the same object as serviceMonitor: true', () => {
    const interval = Duration.seconds(30);
    expect(synthOf({ monitor: MetricsMonitor.SERVICE_MONITOR, scrapeInterval: interval }).monitor)
      .toEqual(synthOf({ serviceMonitor: true, scrapeInterval: interval }).monitor);
  });

  test('monitor: POD_MONITOR renders the same object as podMonitor: true', () => {
    expect(synthOf({ monitor: MetricsMonitor.POD_MONITOR }).monitor).toEqual(synthOf({ podMonitor: true }).monitor);
  });

  test('the switch agreeing with monitor is accepted', () => {
    expect(synthOf({ monitor: MetricsMonitor.POD_MONITOR, podMonitor: true }).kinds).toEqual(['PodMonitor']);
  });
});

describe('rejects contradicting monitor props', () => {
  test.each([
    [{ monitor: MetricsMonitor.POD_MONITOR, serviceMonitor: true }, /serviceMonitor: is true but monitor is PodMonitor/],
    [{ monitor: MetricsMonitor.NONE, podMonitor: true }, /podMonitor: is true but monitor is None/],
    [{ monitor: MetricsMonitor.NONE, scrapeInterval: Duration.seconds(30) }, /scrapeInterval: is set but neither/],
    [{ monitor: 'Prometheus' }, /monitor/],
  ])('%j', (props, message) => {
    let error: unknown;
    try {
      new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs, ...props } as any);
    } catch (e) {
      error = e;
    }
    expect(DaemonSetsErrors.isDaemonSetsError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
