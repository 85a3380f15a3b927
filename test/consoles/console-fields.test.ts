import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetUpdateStrategy } from '../../src';
import { DaemonSetsError } from '../../src/errors';
import { LogCollectorDaemonSet, LogOutput } from '../../src/presets/log-collector';

// Console fields a DaemonSet does not have: a replica count, the Recreate strategy, restart policies other than
// Always. Each gets a construction error that says what the DaemonSet does instead.

const containers = [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }];

function attempt(extra: Record<string, unknown>): () => DaemonSet {
  return () => new DaemonSet(Testing.chart(), 'ds', { containers, ...extra } as any);
}

describe('rejects console fields a DaemonSet lacks', () => {
  test('replicas: one pod per admitted node instead, nodeSelector or placement to choose fewer nodes', () => {
    const make = attempt({ replicas: 3 });
    expect(make).toThrow(DaemonSetsError);
    expect(make).toThrow(/^DaemonSet 'test\/ds': replicas: is 3; a DaemonSet has no replica count: it runs one pod on every node/);
    expect(make).toThrow(/Choose fewer nodes with nodeSelector or placement; for a fixed number of pods independent of the nodes, use a Deployment\.$/);
    // Any value, even the one a console pre-fills.
    expect(attempt({ replicas: 1 })).toThrow(/replicas: is 1;/);
  });

  test.each(['OnFailure', 'Never', kplus.RestartPolicy.NEVER])('restartPolicy %s: the pods always restart; a Job runs to completion', policy => {
    const make = attempt({ restartPolicy: policy });
    expect(make).toThrow(DaemonSetsError);
    expect(make).toThrow(new RegExp(`restartPolicy: is "${policy}"; a DaemonSet's pods always restart \\(the API server accepts only Always`));
    expect(make).toThrow(/use a Job, or an init container/);
  });

  test('restartPolicy Always, the only policy a DaemonSet has, is accepted', () => {
    const pod = Testing.synth((attempt({ restartPolicy: 'Always' })().node.scope as any)).find((o: any) => o.kind === 'DaemonSet');
    expect(pod.spec.template.spec.restartPolicy).toBe('Always');
  });

  test.each([
    ['a plain object', { type: 'Recreate' }],
    ['a string', 'Recreate'],
  ])('updateStrategy Recreate as %s: rollingUpdate with maxUnavailable 100%% replaces every pod at once', (_, strategy) => {
    const make = attempt({ updateStrategy: strategy });
    expect(make).toThrow(DaemonSetsError);
    expect(make).toThrow(/updateStrategy: is Recreate; a DaemonSet has no Recreate strategy \(that is a Deployment's; the API server accepts only RollingUpdate and OnDelete/);
    expect(make).toThrow(/rollingUpdate\(\{ maxUnavailable: PercentOrAbsolute\.percent\(100\) \}\)/);
  });

  test('another unknown strategy object still gets the generic answer', () => {
    expect(attempt({ updateStrategy: { type: 'Canary' } })).toThrow(/updateStrategy.*DaemonSetUpdateStrategy\.rollingUpdate\(\) or \.onDelete\(\)/);
  });

  test('DaemonSetUpdateStrategy.recreate() exists only to answer: it always throws, naming both alternatives', () => {
    expect(() => DaemonSetUpdateStrategy.recreate()).toThrow(DaemonSetsError);
    expect(() => DaemonSetUpdateStrategy.recreate()).toThrow(/^DaemonSetUpdateStrategy\.recreate: a DaemonSet has no Recreate strategy.*percent\(100\).*onDelete\(\)/);
  });

  test('presets pass the same answers on (their props reach the DaemonSet)', () => {
    expect(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc' })], replicas: 2 } as any)).toThrow(/replicas: is 2; a DaemonSet has no replica count/);
  });
});

test('the alternative the Recreate answer names replaces every pod at once and synthesizes', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers,
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(100) }),
  });
  const ds = Testing.synth(chart).find((o: any) => o.kind === 'DaemonSet');
  expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } });
});
