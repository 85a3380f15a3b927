import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cdk8sValidationViolation, DaemonSetsValidation, ManifestValidator } from '../../src';
import { Progress } from '../../src/cli/progress';
import { runValidate } from '../../src/cli/validate';

/** Progress that is never shown: tests never write to the terminal. */
const silent = new Progress({ isTTY: false, write: () => { throw new Error('progress must not be written'); } });

function daemonSet(app: string, image = 'registry.example.com/agent:1.0', maxUnavailable: string | number = 1): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'agents' },
    spec: {
      selector: { matchLabels: { app } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'agent', image }] },
      },
    },
  };
}

function writeYaml(objects: any[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upgrade-safety-'));
  const file = path.join(dir, 'app.k8s.yaml');
  fs.writeFileSync(file, objects.map(o => JSON.stringify(o)).join('\n---\n'));
  return file;
}

describe('ManifestValidator previous option', () => {
  test('a changed DaemonSet selector is an upgrade-safety/immutable-field error', () => {
    const report = new ManifestValidator({ previous: [daemonSet('agent')], rules: ['upgrade-safety'] }).validate([daemonSet('agent-v2')]);
    expect(report.errors.map(f => [f.ruleId, f.kind, f.namespace, f.name, f.path])).toEqual([
      ['upgrade-safety/immutable-field', 'DaemonSet', 'agents', 'agent', 'spec.selector'],
    ]);
    expect(report.errors[0].message).toMatch(/immutable/);
  });

  test('an unchanged selector with a new image passes; without previous the family is silent', () => {
    expect(new ManifestValidator({ previous: [daemonSet('agent')], rules: ['upgrade-safety'] })
      .validate([daemonSet('agent', 'registry.example.com/agent:1.1')]).findings).toEqual([]);
    expect(new ManifestValidator({ rules: ['upgrade-safety'] }).validate([daemonSet('agent-v2')]).findings).toEqual([]);
  });

  test('maxUnavailable 100% with a template change warns that every node restarts at once', () => {
    const report = new ManifestValidator({ previous: [daemonSet('agent', undefined, '100%')], rules: ['upgrade-safety'] })
      .validate([daemonSet('agent', 'registry.example.com/agent:1.1', '100%')]);
    expect(report.warnings.map(f => f.ruleId)).toEqual(['upgrade-safety/all-at-once']);
  });

  test('the family is listed by describeRules', () => {
    expect(ManifestValidator.describeRules().map(r => r.id)).toEqual(expect.arrayContaining([
      'upgrade-safety/immutable-field', 'upgrade-safety/all-at-once', 'upgrade-safety/on-delete-to-rolling-update', 'upgrade-safety/removed-still-referenced',
    ]));
  });
});

describe('validate --previous', () => {
  test('exit 1 and the finding when the selector changed', () => {
    const before = writeYaml([daemonSet('agent')]);
    const after = writeYaml([daemonSet('agent-v2')]);
    const r = runValidate(['--rules', 'upgrade-safety', '--previous', before, after], () => '', silent);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/upgrade-safety\/immutable-field/);
    expect(r.stdout).toMatch(/spec\.selector/);
  });

  test('exit 0 when the update is accepted', () => {
    const before = writeYaml([daemonSet('agent')]);
    const after = writeYaml([daemonSet('agent', 'registry.example.com/agent:2.0')]);
    const r = runValidate(['--rules', 'upgrade-safety', '--previous', before, after], () => '', silent);
    expect(r).toEqual({ code: 0, stdout: '1 objects: 0 errors, 0 warnings, 0 infos\n', stderr: '' });
  });

  test('a missing --previous file is an input error naming it', () => {
    const after = writeYaml([daemonSet('agent')]);
    const r = runValidate(['--previous', '/nonexistent/before.yaml', after], () => '', silent);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/nonexistent\/before\.yaml/);
  });

  test('--previous - and input - cannot both be standard input', () => {
    const r = runValidate(['--previous', '-', '-'], () => '', silent);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/standard input/);
  });
});

test('the cdk8s plugin previous property runs the upgrade-safety rules', () => {
  const before = writeYaml([daemonSet('agent')]);
  const after = writeYaml([daemonSet('agent-v2')]);
  const violations: Cdk8sValidationViolation[] = [];
  let status: string | undefined;
  new DaemonSetsValidation({ previous: before, rules: ['upgrade-safety'] }).validate({
    manifests: [after],
    report: { addViolation: v => violations.push(v), submit: s => { status = s; } },
  });
  expect(status).toBe('failure');
  expect(violations.map(v => v.ruleName)).toEqual(['upgrade-safety/immutable-field (error)']);
});
