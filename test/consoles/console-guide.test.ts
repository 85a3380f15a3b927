import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as ts from 'typescript';
import * as api from '../../src';
import { DaemonSet } from '../../src/daemon-set';
import * as vendors from '../../src/vendors';

/**
 * docs/console-guide.md cannot drift from the API: every class, static factory, method and prop its tables name
 * must exist. The guide's "Prop or method" column is read cell by cell; in each `code` span:
 * - `Name.member(` is a static member of a class the package exports (`kplus.Name.member(` one of cdk8s-plus-27);
 * - `ds.member(` (or `ds.scheduling.member(`) is a method of a `DaemonSet`; `new Name(` an exported class;
 * - a bare or leading identifier (`description`, `hostNetwork: true`, `dns: { ... }`) is a property of one of the
 *   package's exported props interfaces (inherited ones from cdk8s-plus included);
 * and every console section links its example app, which must exist.
 */

const ROOT = path.join(__dirname, '..', '..');
const GUIDE = fs.readFileSync(path.join(ROOT, 'docs', 'console-guide.md'), 'utf-8');

/**
 * The classes the guide may name: the package's exports (vendors: their own index until src/index.ts has them all),
 * and cdk8s's value classes users pass to them (`Size`, `Duration`).
 */
const EXPORTS: { [name: string]: unknown } = { Size: cdk8s.Size, Duration: cdk8s.Duration, ...vendors, ...api };

/** A DaemonSet to resolve `ds.member(` and `ds.scheduling.member(` against: the instance, so inherited members count. */
const DS: unknown = new DaemonSet(cdk8s.Testing.chart(), 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/a:1.0.0' }] });

/** The value at `ds.a.b` (undefined when a step is missing). */
function onDaemonSet(chain: string[]): unknown {
  return chain.reduce<any>((v, k) => (v === undefined || v === null ? undefined : v[k]), DS);
}

/** Whether a TypeScript flags value has `flag` set (flags are bit sets). */
function hasFlag(flags: number, flag: number): boolean {
  // eslint-disable-next-line no-bitwise
  return (flags & flag) !== 0;
}

/**
 * Every property name of every interface the package exports, inherited ones included, and the properties of
 * their object-typed properties two levels down (`securityContext: { ensureNonRoot }`, `resources: { cpu: { request } }`):
 * the type checker's view.
 */
function exportedPropNames(): Set<string> {
  const program = ts.createProgram([path.join(ROOT, 'src', 'index.ts'), path.join(ROOT, 'src', 'vendors', 'index.ts')], { strict: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  const collect = (type: ts.Type, depth: number): void => {
    for (const p of checker.getPropertiesOfType(checker.getNonNullableType(type))) {
      names.add(p.name);
      const declaration = p.valueDeclaration ?? p.declarations?.[0];
      if (depth < 2 && declaration && ts.isPropertySignature(declaration)) {
        let t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(p, declaration));
        if (checker.isArrayType(t)) t = checker.getTypeArguments(t as ts.TypeReference)[0];
        if (hasFlag(t.flags, ts.TypeFlags.Object) && !t.getCallSignatures().length) collect(t, depth + 1);
      }
    }
  };
  for (const file of ['index.ts', path.join('vendors', 'index.ts')]) {
    const source = program.getSourceFile(path.join(ROOT, 'src', file))!;
    for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
      const target = hasFlag(symbol.flags, ts.SymbolFlags.Alias) ? checker.getAliasedSymbol(symbol) : symbol;
      if (!hasFlag(target.flags, ts.SymbolFlags.Interface)) continue;
      collect(checker.getDeclaredTypeOfSymbol(target), 0);
    }
  }
  return names;
}

interface Row { readonly section: string; readonly field: string; readonly cell: string }

/** The rows of every table whose header has a "Prop or method" column, with their section (## heading). */
function mappingRows(): Row[] {
  const rows: Row[] = [];
  let section = '';
  let column = -1;
  for (const line of GUIDE.split('\n')) {
    if (line.startsWith('## ')) { section = line.slice(3).trim(); column = -1; continue; }
    if (!line.startsWith('|')) { column = -1; continue; }
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map(c => c.trim());
    if (column < 0) { column = cells.indexOf('Prop or method'); continue; }
    if (/^-+$/.test(cells[0])) continue;
    rows.push({ section, field: cells[0], cell: cells[column] ?? '' });
  }
  return rows;
}

/** The `code` spans of a cell. */
const spans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map(m => m[1]);

function staticMember(owner: unknown, member: string): boolean {
  return typeof owner === 'function' && member in owner;
}

/** Why a code span names something that does not exist, or undefined when everything it names exists. */
function unresolved(span: string, props: Set<string>): string[] {
  const problems: string[] = [];
  const code = span.replace(/'[^']*'/g, "''");
  for (const m of code.matchAll(/(?<![\w.])(kplus\.)?([A-Z]\w*)\.(\w+)\(/g)) {
    const owner = m[1] ? (kplus as any)[m[2]] : EXPORTS[m[2]];
    if (!staticMember(owner, m[3])) problems.push(`${m[1] ?? ''}${m[2]}.${m[3]}() does not exist`);
  }
  for (const m of code.matchAll(/(?<![\w.])ds((?:\.\w+)+)\(/g)) {
    const chain = m[1].slice(1).split('.');
    if (typeof onDaemonSet(chain) !== 'function') problems.push(`DaemonSet.${chain.join('.')}() does not exist`);
  }
  for (const m of code.matchAll(/\bnew (\w+)\(/g)) {
    if (typeof EXPORTS[m[1]] !== 'function') problems.push(`class ${m[1]} is not exported`);
  }
  const leading = /^(?:\.\.\.)?([a-z]\w*)(?=\s*:|\s*$)/.exec(code.trim());
  if (leading && leading[1] !== 'ds' && !props.has(leading[1])) problems.push(`prop ${leading[1]} is no property of an exported props interface`);
  return problems;
}

describe('docs/console-guide.md', () => {
  const rows = mappingRows();
  const props = exportedPropNames();

  test('has a field table for each console and the shared fields', () => {
    const sections = new Set(rows.map(r => r.section));
    for (const s of ['Fields every form shares', 'Volcengine VKE', 'Huawei CCE', 'TKEStack', 'KubeSphere', 'Multi-cloud platform']) {
      expect(sections).toContain(s);
    }
    expect(rows.length).toBeGreaterThan(60);
  });

  test('every row maps its form field to something or says why not', () => {
    const empty = rows.filter(r => r.field === '' || r.cell === '').map(r => `${r.section}: '${r.field}'`);
    expect(empty).toEqual([]);
  });

  test('every class, static factory, DaemonSet method and prop the tables name exists in the public API', () => {
    const problems = rows.flatMap(r => spans(r.cell).flatMap(s => unresolved(s, props).map(p => `${r.section} / ${r.field}: \`${s}\`: ${p}`)));
    expect(problems).toEqual([]);
  });

  test('the resolver catches a renamed factory, method or prop (the check can fail)', () => {
    expect(unresolved('VolcengineResources.rdmaa(2)', props)).toEqual(['VolcengineResources.rdmaa() does not exist']);
    expect(unresolved('ds.exposeViaServices({})', props)).toEqual(['DaemonSet.exposeViaServices() does not exist']);
    expect(unresolved('ds.scheduling.attracts()', props)).toEqual(['DaemonSet.scheduling.attracts() does not exist']);
    expect(unresolved('ds.scheduling.attract(kplus.Node.labeled())', props)).toEqual([]);
    expect(unresolved('kplus.Volume.fromNothing()', props)).toEqual(['kplus.Volume.fromNothing() does not exist']);
    expect(unresolved('hostNetworks: true', props)).toEqual(['prop hostNetworks is no property of an exported props interface']);
    expect(unresolved('new NamespaceQuotas(chart)', props)).toEqual(['class NamespaceQuotas is not exported']);
    expect(unresolved('hostNetwork: true', props)).toEqual([]);
  });

  test('every console section links an example app that exists, under examples/consoles/', () => {
    const links = [...GUIDE.matchAll(/\]\(\.\.\/(examples\/[^)]+)\)/g)].map(m => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const link of links) {
      expect(link).toMatch(/^examples\/consoles\//);
      expect({ link, exists: fs.existsSync(path.join(ROOT, link)) }).toEqual({ link, exists: true });
    }
    for (const console of ['volcengine-vke', 'huawei-cce', 'tkestack', 'kubesphere', 'multicloud']) {
      expect(links).toContain(`examples/consoles/${console}/app.ts`);
    }
  });
});
