import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cdk8sValidationViolation, DaemonSetsValidation, ICdk8sValidationContext } from '../../../src';

interface Captured {
  readonly ctx: ICdk8sValidationContext;
  readonly violations: Cdk8sValidationViolation[];
  readonly submitted: { status?: string; metadata?: any };
}

function context(yaml: string): Captured {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
  const file = path.join(dir, 'app.k8s.yaml');
  fs.writeFileSync(file, yaml);
  const violations: Cdk8sValidationViolation[] = [];
  const submitted: { status?: string; metadata?: any } = {};
  const ctx: ICdk8sValidationContext = {
    manifests: [file],
    report: {
      addViolation: v => violations.push(v),
      submit: (status, metadata) => { submitted.status = status; submitted.metadata = metadata; },
    },
  };
  return { ctx, violations, submitted };
}

const BROKEN = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: agents }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: other } }
    spec:
      containers: [{ name: agent, image: "registry.example.com/agent:1.0" }]
`;

test('reports each rule as a violation and fails on errors', () => {
  const { ctx, violations, submitted } = context(BROKEN);
  new DaemonSetsValidation({ rules: ['semantics'] }).validate(ctx);
  expect(violations).toHaveLength(1);
  expect(violations[0].ruleName).toBe('semantics/selector-matches-labels (error)');
  expect(violations[0].recommendation).toMatch(/selector requires label app=agent/);
  expect(violations[0].violatingResources).toEqual([{
    resourceName: 'DaemonSet agents/agent',
    // ValidateDaemonSetSpec reports the template's labels, which the selector does not match.
    locations: ['spec.template.metadata.labels'],
    manifestPath: ctx.manifests[0],
  }]);
  expect(submitted).toEqual({ status: 'failure', metadata: { errors: '1', warnings: '0' } });
});

test('succeeds on a valid manifest, and failOn decides what fails', () => {
  const valid = BROKEN.replace('app: other', 'app: agent');
  const ok = context(valid);
  new DaemonSetsValidation({ rules: ['semantics'] }).validate(ok.ctx);
  expect(ok.violations).toEqual([]);
  expect(ok.submitted.status).toBe('success');

  // A warning (an env var defined twice, which the API server accepts with a warning) passes by default and fails with failOn: warning.
  const warn = valid.replace('image: "registry.example.com/agent:1.0" }',
    'image: "registry.example.com/agent:1.0", env: [{ name: LOG_LEVEL, value: x }, { name: LOG_LEVEL, value: y }] }');
  const byDefault = context(warn);
  new DaemonSetsValidation({ rules: ['semantics'] }).validate(byDefault.ctx);
  expect(byDefault.violations.map(v => v.ruleName)).toEqual(['semantics/env-names (warning)']);
  expect(byDefault.submitted.status).toBe('success');
  const strict = context(warn);
  new DaemonSetsValidation({ rules: ['semantics'], failOn: 'warning' }).validate(strict.ctx);
  expect(strict.submitted.status).toBe('failure');
});

test('rejects an unknown failOn', () => {
  expect(() => new DaemonSetsValidation({ failOn: 'fatal' })).toThrow(/DaemonSetsValidation: failOn 'fatal' must be 'error', 'warning' or 'info'/);
});

test('nodesFile turns on the placement-fit rules against those node profiles', () => {
  const heavy = BROKEN.replace('app: other', 'app: agent')
    .replace('image: "registry.example.com/agent:1.0" }', 'image: "registry.example.com/agent:1.0", resources: { requests: { cpu: "2", memory: "64Mi" } } }');
  const nodes = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-nodes-')), 'nodes.yaml');
  fs.writeFileSync(nodes, [
    'apiVersion: v1',
    'kind: Node',
    'metadata: { name: small, labels: { kubernetes.io/os: linux } }',
    'status: { allocatable: { cpu: "1", memory: 2Gi, pods: "110" } }',
  ].join('\n'));

  const without = context(heavy);
  new DaemonSetsValidation({ rules: ['placement-fit'] }).validate(without.ctx);
  expect(without.violations).toEqual([]);

  const withNodes = context(heavy);
  new DaemonSetsValidation({ rules: ['placement-fit'], nodesFile: nodes }).validate(withNodes.ctx);
  expect(withNodes.violations.map(v => v.ruleName)).toEqual(['placement-fit/allocatable (error)']);
  expect(withNodes.violations[0].recommendation).toMatch(/'small'/);
  expect(withNodes.submitted.status).toBe('failure');
});

test('a nodesFile that does not exist fails with the path in the error', () => {
  const { ctx } = context(BROKEN);
  expect(() => new DaemonSetsValidation({ nodesFile: '/nonexistent/nodes.yaml' }).validate(ctx)).toThrow(/\/nonexistent\/nodes\.yaml/);
});
