import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { NodeProfile } from '../../src/report/node-profile';
import { DaemonSetTaxReport } from '../../src/report/tax-report';

// playwright-core is a devDependency without bundled browsers: drive the Debian chromium.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
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
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the HTML report test; it is not skipped on purpose.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-daemonsets-html-'));
  const file = path.join(dir, 'report.html');
  fs.writeFileSync(file, render());

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
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
