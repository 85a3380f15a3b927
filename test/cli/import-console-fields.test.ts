import { generateTypeScript } from '../../src/cli/import';
import { answerConsoleFields } from '../../src/cli/import/console-fields';

// Import of manifests with console fields a DaemonSet does not have: a replica count, the Recreate strategy,
// restart policies other than Always. The code writes what the DaemonSet does instead, and notes say why.

function daemonSet(spec: Record<string, unknown>, podSpec: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'ops' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      ...spec,
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }], ...podSpec },
      },
    },
  };
}

/** The generated code without its comments. */
function codeOnly(code: string): string {
  return code.split('\n').filter(l => !l.startsWith('//')).join('\n');
}

/** Comment lines of the generated code, joined into one text (notes are wrapped over several lines). */
function notes(code: string): string {
  return code.split('\n').filter(l => l.startsWith('// ')).map(l => l.slice(3)).join(' ');
}

test('a replica count is left out, with a note on what a DaemonSet does instead', () => {
  const code = generateTypeScript([daemonSet({ replicas: 3 })]);
  expect(notes(code)).toContain("import: DaemonSet 'ops/agent' sets spec.replicas 3, which a DaemonSet does not have");
  expect(notes(code)).toContain('a DaemonSet runs one pod on every node its nodeSelector, affinity and tolerations admit. It is left out;');
  expect(codeOnly(code)).not.toMatch(/replicas/);
  // The code reproduces the answered object exactly and synthesizes: import found nothing left to say.
  expect(code).not.toMatch(/synthesizing this code fails|could not reproduce/);
});

test('Recreate becomes a typed rolling update with maxUnavailable 100%, with a note naming onDelete() too', () => {
  const code = generateTypeScript([daemonSet({ updateStrategy: { type: 'Recreate' } })]);
  expect(notes(code)).toContain('uses the update strategy Recreate, which a DaemonSet does not have');
  expect(notes(code)).toContain('DaemonSetUpdateStrategy.onDelete()');
  expect(code.replace(/\s+/g, ' ')).toContain('updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(100), })');
  expect(codeOnly(code)).not.toMatch(/Recreate/);
  expect(code).not.toMatch(/synthesizing this code fails|could not reproduce/);
});

test.each(['OnFailure', 'Never'])('restartPolicy %s becomes Always, with a note pointing to a Job', policy => {
  const code = generateTypeScript([daemonSet({}, { restartPolicy: policy })]);
  expect(notes(code)).toContain(`sets the pods' restartPolicy '${policy}', but a DaemonSet's pods always restart`);
  expect(notes(code)).toContain('use a Job');
  expect(codeOnly(code)).not.toContain(policy);
  expect(code).not.toMatch(/synthesizing this code fails|could not reproduce/);
});

test('a DaemonSet without such fields, and other kinds with them, are left alone (no note)', () => {
  const plain = daemonSet({ updateStrategy: { type: 'OnDelete' } }, { restartPolicy: 'Always' });
  const deployment = { ...daemonSet({ replicas: 3, strategy: { type: 'Recreate' } }), kind: 'Deployment' };
  const answered = answerConsoleFields([plain, deployment]);
  expect(answered.objects[0]).toBe(plain);
  expect(answered.objects[1]).toBe(deployment);
  expect(answered.notes.size).toBe(0);
  expect(notes(generateTypeScript([plain]))).not.toMatch(/does not have|always restart/);
});

test('the input objects are not changed; the answers are copies', () => {
  const input = daemonSet({ replicas: 2, updateStrategy: { type: 'Recreate' } }, { restartPolicy: 'Never' });
  const before = JSON.stringify(input);
  const answered = answerConsoleFields([input]);
  expect(JSON.stringify(input)).toBe(before);
  const out = answered.objects[0];
  expect(out.spec.replicas).toBeUndefined();
  expect(out.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } });
  expect(out.spec.template.spec.restartPolicy).toBe('Always');
  expect(answered.notes.get(out)).toHaveLength(3);
});

test('hostile values are quoted in notes, never code', () => {
  const code = generateTypeScript([daemonSet({ replicas: '3\n*/ process.exit(1) //' }, { restartPolicy: { evil: "'); x('" } })]);
  expect(code).not.toMatch(/\nprocess\.exit|^\*\//m);
  expect(notes(code)).toContain("sets spec.replicas '3\\n*/ process.exit(1) //'");
});

test('an extended resource under limits only (as Volcengine writes RDMA) comes out typed with limitOnly', () => {
  const input = daemonSet({});
  input.spec.template.spec.containers[0].resources = {
    requests: { cpu: '500m', memory: '1024Mi' },
    limits: { 'cpu': '1', 'memory': '2048Mi', 'vke.volcengine.com/rdma': 2 },
  };
  const code = generateTypeScript([input]).replace(/\s+/g, ' ');
  expect(code).toContain("extendedResources: [ExtendedResource.of('vke.volcengine.com/rdma', 2, { limitOnly: true })]");
  expect(code).not.toMatch(/containers\/0\/resources|synthesizing this code fails|could not reproduce/);
});
