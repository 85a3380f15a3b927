import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { DaemonSetTaxReport } from '../../src/report/tax-report';
import { NodeProfile } from '../../src/scheduling/node-profile';

// playwright-core (no bundled browser) drives the Chromium that @sparticuz/chromium ships inside its npm
// package: `npm ci` alone brings a real browser, on any Linux x64 machine with Node, without an install-time
// download. CHROMIUM_PATH picks another Chromium (e.g. Debian's /usr/bin/chromium) instead.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chromium } = require('playwright-core');

/** Flags that keep Chromium off this closed network; the page under test makes no request either way. */
const OFFLINE_FLAGS = ['--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function browserLaunchOptions(): Promise<{ executablePath: string; args: string[] }> {
  const own = process.env.CHROMIUM_PATH;
  if (own) {
    if (!fs.existsSync(own)) throw new Error(`CHROMIUM_PATH=${own} does not exist`);
    return { executablePath: own, args: ['--headless', '--no-sandbox', '--disable-gpu', ...OFFLINE_FLAGS] };
  }
  // The package is an ES module, which jest's CommonJS runtime cannot load: ask a plain Node process. It
  // unpacks the brotli-packed binary to the temp directory on first use (about 3 s), then reuses it.
  const script = "import('@sparticuz/chromium').then(async ({ default: c }) => " +
    'process.stdout.write(JSON.stringify({ executablePath: await c.executablePath(), args: c.args })))';
  const packaged = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf-8' }));
  const executablePath: string = packaged.executablePath;
  // Its own flags (headless shell, software GL, no sandbox) minus the ones that would weaken the page's isolation.
  const weakening = new Set(['--disable-web-security', '--allow-running-insecure-content']);
  const args = (packaged.args as string[]).filter(a => !weakening.has(a));
  return { executablePath, args: [...args, ...OFFLINE_FLAGS] };
}
const ROOT = path.join(__dirname, '..', '..');
// Written to test-reports/ on every run; README's docs/images/report.png is a copy of it, refreshed on
// purpose (`cp test-reports/report.png docs/images/`), so a test run never dirties the work tree.
const SCREENSHOT = path.join(ROOT, 'test-reports', 'report.png');

jest.setTimeout(120_000);

function render(): string {
  const agents = parseAllDocuments(fs.readFileSync(path.join(__dirname, 'fixtures', 'agents.yaml'), 'utf-8')).map(d => d.toJS());
  const profiles = NodeProfile.fromFile(path.join(ROOT, 'test', 'fixtures', 'nodes', 'mixed.yaml'));
  return DaemonSetTaxReport.fromManifests(agents, profiles).toHtml();
}

test('the HTML report renders in headless Chromium: matrix cells, bar widths, findings; screenshot for the docs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-daemonsets-html-'));
  const file = path.join(dir, 'report.html');
  fs.writeFileSync(file, render());

  const browser = await chromium.launch(await browserLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r: any) => requests.push(r.url()));
    await page.goto(`file://${file}`);

    // Self-contained: the page itself is the only request.
    expect(requests).toEqual([`file://${file}`]);

    // The matrix as rendered.
    const headers = await page.$$eval('#matrix thead th[data-profile]', (ths: any[]) => ths.map(th => th.getAttribute('data-profile')));
    expect(headers).toEqual(['worker-large', 'worker-small', 'control-plane', 'gpu', 'windows', 'edge-tiny']);
    const rows = await page.$$eval('#matrix tbody tr', (trs: any[]) => trs.map(tr => tr.getAttribute('data-daemonset')));
    expect(rows).toHaveLength(8);
    const cellText = (ds: string, profile: string) =>
      page.$eval(`td.cell[data-daemonset="${ds}"][data-profile="${profile}"]`, (td: any) => td.innerText.replace(/\s+/g, ' ').trim());
    expect(await cellText('monitoring/node-exporter', 'worker-large')).toBe('60m / 84Mi');
    expect(await cellText('logging/fluent-bit', 'edge-tiny')).toBe('100m / 128Mi');
    expect(await cellText('kube-system/nvidia-device-plugin', 'gpu')).toBe('✗ taint nvidia.com/gpu=present:NoExecute');
    expect(await cellText('monitoring/windows-exporter', 'worker-small')).toBe('✗ nodeSelector');
    expect(await page.$eval('td.cell[data-daemonset="security/sensor"][data-profile="edge-tiny"]', (td: any) => td.getAttribute('title')))
      .toBe("required node affinity matches no term: term 1: example.com/kernel-major Gt [5] fails: label example.com/kernel-major is '5'");
    expect(await page.$$eval('td.cell.scheduled', (tds: any[]) => tds.length)).toBe(26);

    // Bars: the fill's rendered width is the agent share of allocatable, capped at the bar.
    const barRatio = (profile: string, resource: string) => page.$eval(
      `.profile-share[data-profile="${profile}"] .bar-row[data-resource="${resource}"]`,
      (row: any) => row.querySelector('.bar-fill').getBoundingClientRect().width / row.querySelector('.bar').getBoundingClientRect().width,
    );
    expect(await barRatio('worker-large', 'cpu')).toBeCloseTo(0.091, 2);
    expect(await barRatio('worker-small', 'cpu')).toBeCloseTo(0.244, 2);
    expect(await barRatio('control-plane', 'memory')).toBeCloseTo(0.099, 2);
    expect(await barRatio('edge-tiny', 'cpu')).toBeCloseTo(1, 5);
    const overColour = await page.$eval('.profile-share[data-profile="edge-tiny"] .bar-row[data-resource="memory"] .bar-fill', (el: any) => (globalThis as any).getComputedStyle(el).backgroundColor);
    const okColour = await page.$eval('.profile-share[data-profile="gpu"] .bar-row[data-resource="memory"] .bar-fill', (el: any) => (globalThis as any).getComputedStyle(el).backgroundColor);
    expect(overColour).not.toBe(okColour);
    expect(await page.$eval('.profile-share[data-profile="edge-tiny"] .bar-row[data-resource="cpu"] .bar-value', (el: any) => el.innerText)).toBe('470m / 250m (188%)');

    // Findings.
    const findings = await page.$$eval('#findings li', (lis: any[]) => lis.map(li => li.getAttribute('data-rule-id')));
    expect(findings).toEqual([
      'placement-fit/allocatable', 'placement-fit/allocatable', 'placement-fit/host-port-collision',
      'placement-fit/agent-coverage', 'placement-fit/agent-coverage', 'placement-fit/no-profile',
    ]);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  } finally {
    await browser.close();
  }
});
