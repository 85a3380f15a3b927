// The installed-package tier's checks (scripts/test-installed.sh, scripts/smoke-python.sh): not a jest file.
//
//   ts-node test/installed/readme-app.ts write <appDir> [name[=file]...]  write the README's marked snippets into the app
//   ts-node test/installed/readme-app.ts write-from <markdown> <appDir> name[=file]...  the same from another rendering
//   ts-node test/installed/readme-app.ts check <distDir>            check the YAML the README's example synthesizes
//   ts-node test/installed/readme-app.ts same <distDir> <distDir>   the two outputs are byte-identical
//   ts-node test/installed/readme-app.ts description <file>         a wheel's METADATA / package-info.java shows no TypeScript
//
// The README marks each file of its example app with `<!-- installed-app: NAME -->` on the line before the fence,
// so the app a new user copies out of the README is exactly the app this tier builds.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const README = path.join(__dirname, '..', '..', 'README.md');

/** The README's marked snippets, by file name. */
export function readmeAppFiles(readme: string): Map<string, string> {
  const files = new Map<string, string>();
  // jsii-pacmak's rendering (a wheel's METADATA) puts a blank line between the marker and the fence.
  const marker = /<!-- installed-app: (\S+) -->\n+```[^\n]*\n([\s\S]*?)\n```/g;
  for (const m of readme.matchAll(marker)) {
    if (files.has(m[1])) throw new Error(`README.md marks '${m[1]}' twice`);
    files.set(m[1], `${m[2]}\n`);
  }
  return files;
}

/** One named assertion; all are printed, and the process fails if any is false. */
interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

function report(title: string, checks: Check[]): void {
  for (const c of checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.ok || !c.detail ? '' : ` (${c.detail})`}`);
  const failed = checks.filter(c => !c.ok).length;
  console.log(`  ${title}: ${checks.length - failed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

/** Writes the snippets marked `name` (or `name=file` to write it under another file name) from `markdown`. */
function writeApp(markdown: string, appDir: string, names: string[]): void {
  const files = readmeAppFiles(fs.readFileSync(markdown, 'utf-8'));
  for (const spec of names.length > 0 ? names : [...files.keys()]) {
    const [name, file = name] = spec.split('=');
    const text = files.get(name);
    if (text === undefined) throw new Error(`${markdown} has no snippet marked '<!-- installed-app: ${name} -->' (has: ${[...files.keys()].join(', ')})`);
    fs.writeFileSync(path.join(appDir, file), text);
    console.log(`  ${path.basename(markdown)} snippet ${name} -> ${file} (${text.split('\n').length - 1} lines)`);
  }
}

function subset(labels: Record<string, string> | undefined, of: Record<string, string> | undefined): boolean {
  return !!labels && Object.keys(labels).length > 0 && Object.entries(labels).every(([k, v]) => of?.[k] === v);
}

/** The README example's output: one DaemonSet, as the snippet describes it. */
function checkDist(distDir: string): void {
  const all = fs.readdirSync(distDir).sort();
  // cdk8s synth with validations also writes construct-metadata.json (construct paths for its report).
  const files = all.filter(f => f.endsWith('.k8s.yaml'));
  const others = all.filter(f => !f.endsWith('.k8s.yaml') && f !== 'construct-metadata.json');
  const objects = files.flatMap(f => parseAllDocuments(fs.readFileSync(path.join(distDir, f), 'utf-8')).map(d => d.toJS()))
    .filter(o => o && typeof o === 'object');
  const ds = objects.find(o => o.kind === 'DaemonSet');
  const pod = ds?.spec?.template?.spec ?? {};
  const container = (pod.containers ?? [])[0] ?? {};
  const mounts: any[] = container.volumeMounts ?? [];
  const volumes: any[] = pod.volumes ?? [];
  const volumeOf = (mountPath: string) => volumes.find(v => v.name === mounts.find(m => m.mountPath === mountPath)?.name);
  report(`dist/ of ${path.basename(path.dirname(distDir))}`, [
    { name: 'dist/ holds node-agents.k8s.yaml only', ok: files.join(',') === 'node-agents.k8s.yaml' && others.length === 0, detail: all.join(',') },
    { name: 'one object, a DaemonSet (apps/v1)', ok: objects.length === 1 && ds?.apiVersion === 'apps/v1', detail: objects.map(o => o.kind).join(',') },
    { name: 'named after the chart and id, in namespace monitoring', ok: /^node-agents-agent-/.test(ds?.metadata?.name ?? '') && ds?.metadata?.namespace === 'monitoring', detail: `${ds?.metadata?.namespace}/${ds?.metadata?.name}` },
    { name: 'selector present and matched by the pod labels', ok: subset(ds?.spec?.selector?.matchLabels, ds?.spec?.template?.metadata?.labels), detail: JSON.stringify(ds?.spec?.selector) },
    { name: 'image and named port 9400', ok: container.image === 'registry.example.com/agent:1.4.2' && (container.ports ?? []).some((p: any) => p.containerPort === 9400 && p.name === 'metrics') },
    { name: 'memory 48Mi requested, 128Mi limit', ok: container.resources?.requests?.memory === '48Mi' && container.resources?.limits?.memory === '128Mi', detail: JSON.stringify(container.resources) },
    { name: 'liveness GET /healthz, readiness GET /ready, on port metrics', ok: container.livenessProbe?.httpGet?.path === '/healthz' && container.livenessProbe?.httpGet?.port === 'metrics' && container.readinessProbe?.httpGet?.path === '/ready' },
    { name: 'rolling update, maxUnavailable 10%', ok: ds?.spec?.updateStrategy?.type === 'RollingUpdate' && ds?.spec?.updateStrategy?.rollingUpdate?.maxUnavailable === '10%' },
    { name: 'priority class system-node-critical', ok: pod.priorityClassName === 'system-node-critical' },
    { name: 'Linux only, every taint tolerated', ok: pod.nodeSelector?.['kubernetes.io/os'] === 'linux' && (pod.tolerations ?? []).some((t: any) => t.operator === 'Exists' && !t.key) },
    { name: '/var/log from the host, read-only', ok: volumeOf('/host/var/log')?.hostPath?.path === '/var/log' && mounts.find(m => m.mountPath === '/host/var/log')?.readOnly === true },
    { name: "timezone: the node's /etc/localtime, read-only", ok: volumes.some(v => v.hostPath?.path === '/etc/localtime') && mounts.some(m => m.mountPath === '/etc/localtime' && m.readOnly === true) },
  ]);
}

function checkSame(a: string, b: string): void {
  const list = (d: string) => fs.readdirSync(d).filter(f => f.endsWith('.k8s.yaml')).sort();
  const differing = [...new Set([...list(a), ...list(b)])].filter(f =>
    !fs.existsSync(path.join(a, f)) || !fs.existsSync(path.join(b, f)) || !fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
  report('same YAML', [{ name: `${a} and ${b} are byte-identical`, ok: differing.length === 0, detail: `differ: ${differing.join(', ')}` }]);
}

/**
 * The description jsii-pacmak wrote for another language: a wheel's METADATA (Markdown), or the Java package's
 * package-info.java (Javadoc, from the sources jar); the README with its TypeScript snippets translated by
 * jsii-rosetta. TypeScript syntax in a code block means the translations were missing.
 */
function checkDescription(file: string): void {
  const text = fs.readFileSync(file, 'utf-8');
  const java = file.endsWith('.java');
  const lang = java ? 'java' : 'python';
  const blocks = java
    ? [...text.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map(m => m[1].replace(/^\s*\* ?/gm, ''))
    : [...text.matchAll(/```python[^\n]*\n([\s\S]*?)```/g)].map(m => m[1]);
  const typescripty = blocks.filter(code => /\bimport \{|\bconst \w+ = |^import \* as |\bnew DaemonSet\(chart/m.test(code));
  const tsFences = [...text.matchAll(/```(ts|typescript)\b/g)].length;
  const exampleApp = java
    ? blocks.some(code => /DaemonSet\.Builder\.create\(chart, "agent"\)/.test(code))
    : blocks.some(code => /DaemonSet\(chart, "agent"/.test(code) && /from cdk8s_daemonsets import/.test(code));
  report(`${lang} description (${path.basename(file)})`, [
    { name: `${blocks.length} ${lang} code blocks`, ok: blocks.length >= 5 },
    { name: 'no TypeScript fences left', ok: tsFences === 0, detail: `${tsFences} left` },
    { name: 'no TypeScript syntax in a code block', ok: typescripty.length === 0, detail: typescripty.map(code => code.trim().split('\n')[0]).join(' | ') },
    { name: `the example app in ${lang}`, ok: exampleApp },
  ]);
}

function main(argv: string[]): void {
  const [command, ...args] = argv;
  const commands: Record<string, [number, () => void]> = {
    'write': [1, () => writeApp(README, args[0], args.slice(1))],
    'write-from': [3, () => writeApp(args[0], args[1], args.slice(2))],
    'check': [1, () => checkDist(args[0])],
    'same': [2, () => checkSame(args[0], args[1])],
    'description': [1, () => checkDescription(args[0])],
  };
  const entry = Object.prototype.hasOwnProperty.call(commands, command) ? commands[command] : undefined;
  if (entry && args.length >= entry[0]) {
    entry[1]();
  } else {
    console.error('usage: readme-app.ts write <appDir> [name[=file]...] | write-from <markdown> <appDir> name[=file]... | check <distDir> | same <a> <b> | description <file>');
    process.exitCode = 2;
  }
}

if (require.main === module) main(process.argv.slice(2));
