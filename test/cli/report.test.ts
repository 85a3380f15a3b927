import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { runReport } from '../../src/cli/report';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../../src/cli/validate';

const ROOT = path.join(__dirname, '..', '..');
const NODES = path.join(ROOT, 'test', 'fixtures', 'nodes', 'mixed.yaml');
const AGENTS = path.join(__dirname, '..', 'report', 'fixtures', 'agents.yaml');
const EXAMPLES = ['basic', 'logging', 'monitoring'].map(name => path.join(ROOT, 'examples', name, 'dist'));

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-daemonsets-report-'));
}

test('text by default; exit 1 on errors like validate', () => {
  const r = runReport(['--nodes', NODES, AGENTS]);
  expect(r.code).toBe(EXIT_FINDINGS);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/^DaemonSet tax report\n8 DaemonSets on 6 node profiles: 3 errors, 3 warnings\n/);
});

test('--fail-on never and warning', () => {
  expect(runReport(['--nodes', NODES, '--fail-on', 'never', AGENTS]).code).toBe(EXIT_OK);
  const onlyWarnings = fs.readFileSync(AGENTS, 'utf-8').split('---\n').filter(d => /name: (fluent-bit|kube-proxy)\n/.test(d)).join('---\n');
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'agents.yaml'), onlyWarnings);
  expect(runReport(['--nodes', NODES, dir]).code).toBe(EXIT_OK);
  expect(runReport(['--nodes', NODES, '--fail-on', 'warning', dir]).code).toBe(EXIT_FINDINGS);
});

test('--format markdown, html and json', () => {
  expect(runReport(['--nodes', NODES, '--format', 'markdown', AGENTS]).stdout).toMatch(/^## DaemonSet tax report\n/);
  expect(runReport(['--nodes', NODES, '--format', 'html', AGENTS]).stdout).toMatch(/^<!DOCTYPE html>\n/);
  const json = JSON.parse(runReport(['--nodes', NODES, '--format', 'json', AGENTS]).stdout);
  expect(Object.keys(json)).toEqual(['title', 'daemonSets', 'profiles', 'totals', 'cells', 'findings']);
  expect(json.cells).toHaveLength(48);
});

test('--output writes the file and prints a summary; --title', () => {
  const out = path.join(tmp(), 'nested', 'report.html');
  const r = runReport(['--nodes', NODES, '--format', 'html', '--output', out, '--title', 'Cluster A', AGENTS]);
  expect(r.code).toBe(EXIT_FINDINGS);
  expect(r.stdout).toBe(`wrote ${out}: 8 DaemonSets on 6 node profiles: 3 errors, 3 warnings\n`);
  expect(fs.readFileSync(out, 'utf-8')).toContain('<h1 id="title">Cluster A</h1>');
});

test('reads standard input with -', () => {
  const r = runReport(['--nodes', NODES, '-'], () => fs.readFileSync(AGENTS, 'utf-8'));
  expect(r.stdout).toContain('8 DaemonSets on 6 node profiles');
});

test.each([
  [['--nodes', NODES], /no input: give files, directories or -/],
  [[AGENTS], /--nodes is required/],
  [['--nodes', NODES, '--format', 'pdf', AGENTS], /--format pdf: use text, markdown, html or json/],
  [['--nodes', NODES, '--fail-on', 'always', AGENTS], /--fail-on always: use error, warning, info or never/],
  [['--nodes'], /--nodes needs a value/],
  [['--nodes', NODES, '--colour', AGENTS], /unknown option --colour/],
])('usage errors exit 2: %j', (args, error) => {
  const r = runReport(args);
  expect(r.code).toBe(EXIT_USAGE);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(error);
  expect(r.stderr).toContain('usage: cdk8s-daemonsets report');
});

test('input errors exit 2 with the reason', () => {
  const dir = tmp();
  const bad = path.join(dir, 'nodes.yaml');
  fs.writeFileSync(bad, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: many\n    memory: 1Gi\n');
  const r = runReport(['--nodes', bad, AGENTS]);
  expect(r.code).toBe(EXIT_USAGE);
  expect(r.stderr).toBe(`cdk8s-daemonsets report: ${bad}: Node 'n1': status.allocatable.cpu 'many' is not a non-negative Kubernetes quantity; use e.g. '3920m' or '4'.\n`);
  expect(runReport(['--nodes', path.join(dir, 'missing.yaml'), AGENTS]).stderr).toMatch(/cannot read the nodes file/);
  expect(runReport(['--nodes', NODES, path.join(dir, 'nope')]).code).toBe(EXIT_USAGE);
});

test('bounded inputs: missing files, size, nesting and alias bombs are refused naming the file', () => {
  const dir = tmp();
  const missingNodes = path.join(dir, 'missing.yaml');
  expect(runReport(['--nodes', missingNodes, AGENTS]).stderr).toBe(`cdk8s-daemonsets report: ${missingNodes}: cannot read the nodes file: no such file\n`);
  const missingInput = path.join(dir, 'nope');
  expect(runReport(['--nodes', NODES, missingInput]).stderr).toBe(`cdk8s-daemonsets report: cannot read ${missingInput}: no such file\n`);
  // The limit applies to the nodes file and to every manifest input.
  const tiny = ['--max-input-size', '0.0001'];
  expect(runReport(['--nodes', NODES, ...tiny, AGENTS]).stderr).toMatch(new RegExp(`^cdk8s-daemonsets report: ${NODES.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is [0-9]+ bytes, larger than the 104 bytes input limit; raise it with --max-input-size`));
  const deep = path.join(dir, 'deep.yaml');
  fs.writeFileSync(deep, `kind: ConfigMap\ndata: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
  const r = runReport(['--nodes', NODES, deep]);
  expect(r.code).toBe(EXIT_USAGE);
  expect(r.stderr).toBe(`cdk8s-daemonsets report: ${deep}: the document is nested deeper than 200 levels; Kubernetes manifests nest far less, so the input is refused\n`);
  const bomb = path.join(dir, 'bomb-nodes.yaml');
  const levels = ['a: &a [x,x,x,x,x,x,x,x,x]', ...['b', 'c', 'd', 'e', 'f'].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcde'[i]}`).join(',')}]`)];
  fs.writeFileSync(bomb, `apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n${levels.map(l => `    ${l}`).join('\n')}\n`);
  expect(runReport(['--nodes', bomb, AGENTS]).stderr).toMatch(new RegExp(`^cdk8s-daemonsets report: ${bomb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read the YAML: .*alias`));
  expect(runReport(['--help']).stdout).toMatch(/--max-input-size MiB/);
});

test('--help', () => {
  const r = runReport(['--help']);
  expect(r.code).toBe(EXIT_OK);
  expect(r.stdout).toContain('--nodes FILE');
});

test('main knows the report command', () => {
  const out: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((s: any) => {
    out.push(String(s)); return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => {
    out.push(String(s)); return true;
  });
  try {
    expect(main(['report', '--help'])).toBe(EXIT_OK);
    expect(main(['--help'])).toBe(0);
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  expect(out.join('')).toContain('cdk8s-daemonsets report --nodes <nodes.yaml>');
});

test('the examples on the mixed node profiles', () => {
  const r = runReport(['--nodes', NODES, '--format', 'json', ...EXAMPLES]);
  const json = JSON.parse(r.stdout);
  const placed = Object.fromEntries(json.daemonSets.map((d: any) => [d.id, d.profiles]));
  // By default a node is named by its pool label, else its instance type; the control plane has neither and keeps its name.
  const linux = ['m5.2xlarge', 'm6g.large', 'control-plane', 'g4dn.xlarge', 't4g.nano'];
  expect(placed).toEqual({ 'logging/fluent-bit': linux, 'monitoring/node-exporter': linux, 'node-agents/node-agent': linux });
  expect(json.findings.map((f: any) => `${f.ruleId} ${f.message.split(':')[0]}`)).toEqual(expect.arrayContaining([
    "placement-fit/agent-coverage node profile 'windows' gets no log collector",
    "placement-fit/agent-coverage node profile 'windows' gets no node exporter",
  ]));
});
