import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppValidation, DaemonSet, DaemonSetsErrors, NodeProfile, Severity } from '../../../src';
import { mergeValidationOptions } from '../../../src/validation/cdk8s/merge-options';
import { takeWarnings } from '../../setup/quiet-console';

// AppValidation.enable() options do not depend on the order of the calls: merged when compatible, a
// DaemonSetsError when two calls contradict each other.

function webChart(): Chart {
  const chart = new Chart(Testing.app(), 'web', { namespace: 'web' });
  const service = new kplus.Service(chart, 'svc', { metadata: { name: 'frontend' }, ports: [{ port: 80, targetPort: 8080 }] });
  service.selectLabel('app', 'frontend');
  return chart;
}

function agent(chart: Chart): DaemonSet {
  return new DaemonSet(chart, 'agent', {
    metadata: { name: 'agent' },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', portNumber: 9400 }],
  });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('AppValidation.enable options, in any order', () => {
  test('options given after a DaemonSet enabled validation still apply (they used to be dropped)', () => {
    const chart = webChart();
    agent(chart);
    expect(AppValidation.enable(chart, { severityOverrides: { 'cross-object/service-selects-nothing': Severity.ERROR } })).toBe(false);
    expect(() => Testing.synth(chart)).toThrow(/error cross-object\/service-selects-nothing Service web\/frontend/);
  });

  test('the same options before the DaemonSet give the same result', () => {
    const chart = webChart();
    expect(AppValidation.enable(chart, { severityOverrides: { 'cross-object/service-selects-nothing': Severity.ERROR } })).toBe(true);
    agent(chart);
    expect(() => Testing.synth(chart)).toThrow(/error cross-object\/service-selects-nothing Service web\/frontend/);
  });

  test('skipRules of several calls add up', () => {
    const chart = webChart();
    agent(chart);
    AppValidation.enable(chart, { skipRules: ['best-practice'] });
    AppValidation.enable(chart, { skipRules: ['cross-object/service-selects-nothing'] });
    Testing.synth(chart);
    expect(takeWarnings().filter(w => /service-selects-nothing|best-practice/.test(w))).toEqual([]);
  });

  test('a call repeating an option another call gave is accepted', () => {
    const chart = webChart();
    AppValidation.enable(chart, { kubernetesVersion: '1.30', expectedNodeCount: 40 });
    expect(AppValidation.enable(chart, { kubernetesVersion: '1.30', expectedNodeCount: 40 })).toBe(false);
    expect(() => Testing.synth(chart)).not.toThrow();
    takeWarnings();
  });

  test('merging is symmetric for compatible options', () => {
    const a = { skipRules: ['semantics'], severityOverrides: { x: Severity.ERROR } };
    const b = { skipRules: ['best-practice'], kubernetesVersion: '1.29', severityOverrides: { y: Severity.WARNING } };
    expect(mergeValidationOptions(a, b)).toEqual(mergeValidationOptions(b, a));
    expect(mergeValidationOptions(a, b)).toEqual({
      kubernetesVersion: '1.29',
      skipRules: ['best-practice', 'semantics'],
      severityOverrides: { x: Severity.ERROR, y: Severity.WARNING },
      rules: undefined,
      expectedNodeCount: undefined,
      nodeProfiles: undefined,
      previous: undefined,
    });
  });

  test('rules selections equal as sets merge', () => {
    expect(mergeValidationOptions({ rules: ['schema', 'cross-object'] }, { rules: ['cross-object', 'schema'] }).rules).toEqual(['schema', 'cross-object']);
  });
});

describe('rejects contradicting AppValidation.enable options', () => {
  test.each([
    ['kubernetesVersion', { kubernetesVersion: '1.29' }, { kubernetesVersion: '1.30' }],
    ['expectedNodeCount', { expectedNodeCount: 10 }, { expectedNodeCount: 20 }],
    ['rules', { rules: ['schema'] }, { rules: ['cross-object'] }],
    ["severityOverrides['best-practice']", { severityOverrides: { 'best-practice': Severity.ERROR } }, { severityOverrides: { 'best-practice': Severity.WARNING } }],
    ['previous', { previous: [{ kind: 'DaemonSet' }] }, { previous: [{ kind: 'Service' }] }],
  ])('%s set twice to different values', (field, first, second) => {
    const chart = webChart();
    AppValidation.enable(chart, first);
    const error = thrown(() => AppValidation.enable(chart, second));
    expect(DaemonSetsErrors.isDaemonSetsError(error)).toBe(true);
    expect((error as Error).message).toContain(`AppValidation.enable: ${field} is `);
    expect((error as Error).message).toMatch(/as an earlier call for this app gave/);
  });

  test('a DaemonSet created between the calls does not hide the contradiction', () => {
    const chart = webChart();
    AppValidation.enable(chart, { kubernetesVersion: '1.29' });
    agent(chart);
    expect(() => AppValidation.enable(chart, { kubernetesVersion: '1.31' })).toThrow(/kubernetesVersion is "1\.31"; it must be "1\.29"/);
  });

  test('two different nodeProfiles lists', () => {
    const profile = (name: string) => NodeProfile.of({ name, allocatable: { cpu: '4', memory: '16Gi' } });
    const chart = webChart();
    AppValidation.enable(chart, { nodeProfiles: [profile('a')] });
    expect(() => AppValidation.enable(chart, { nodeProfiles: [profile('b')] })).toThrow(/nodeProfiles is an array of 1; it must be/);
  });

  test('the rejected call changes nothing', () => {
    const chart = webChart();
    AppValidation.enable(chart, { severityOverrides: { 'cross-object/service-selects-nothing': Severity.ERROR } });
    expect(() => AppValidation.enable(chart, { severityOverrides: { 'cross-object/service-selects-nothing': Severity.WARNING } })).toThrow();
    expect(() => Testing.synth(chart)).toThrow(/error cross-object\/service-selects-nothing/);
  });
});
