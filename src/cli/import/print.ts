import { arr, checkIndex, Expr, obj, Stmt } from './code';
import { checkCodeName, commentText, quote } from './quote';

const MAX_WIDTH = 110;

/** A list item: what precedes the value (`key: ` in an object, nothing in an array) and the value. */
type Entry = readonly [string, Expr];

/** An object key as printed: bare when it is an identifier; `__proto__` only ever as a computed key. */
function key(k: string): string {
  if (k === '__proto__') return "['__proto__']";
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : quote(k);
}

function fromLiteral(v: unknown): Expr {
  if (Array.isArray(v)) return arr(v.map(fromLiteral));
  if (v !== null && typeof v === 'object') return obj(Object.entries(v).map(([k, x]) => [k, fromLiteral(x)] as const));
  return { k: 'lit', v };
}

function scalar(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return quote(v);
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  throw new Error(`import: internal error: cannot print a ${typeof v} literal`);
}

/**
 * Lays out an expression tree in one pass. Each node's one-line width is computed once (from its
 * children's widths), and each node is printed once: on one line when it fits, else broken, its
 * children then laid out in turn. No subtree is printed twice, so the cost is linear in the
 * output, however deep the manifest nests.
 */
class Layout {
  private readonly widths = new WeakMap<Expr, number>();
  private readonly expanded = new WeakMap<Expr, Expr>();
  private readonly entries = new WeakMap<Expr, { open: string; close: string; pad: string; items: readonly Entry[]; args: boolean; head?: string }>();

  /** The object or array expression a literal object value prints as. */
  private expand(e: Expr & { k: 'lit' }): Expr {
    let x = this.expanded.get(e);
    if (!x) { x = fromLiteral(e.v); this.expanded.set(e, x); }
    return x;
  }

  private isCompound(e: Expr): e is Expr & { k: 'lit' } {
    return e.k === 'lit' && e.v !== null && typeof e.v === 'object';
  }

  /** The bracketed list of a node, for objects, arrays, `new` and calls (the latter without their head). */
  private list(e: Expr) {
    let l = this.entries.get(e);
    if (l) return l;
    switch (e.k) {
      case 'obj': {
        // Quote every key of an object when one needs quotes (the project's quote-props rule).
        const quoted = e.props.some(([k]) => key(k) !== k);
        l = { open: '{', close: '}', pad: ' ', args: false, items: e.props.map(([k, v]) => [`${quoted && k !== '__proto__' ? quote(k) : key(k)}: `, v] as const) };
        break;
      }
      case 'arr':
        l = { open: '[', close: ']', pad: '', args: false, items: e.items.map(v => ['', v] as const) };
        break;
      case 'new':
        l = { open: '(', close: ')', pad: '', args: true, items: e.args.map(v => ['', v] as const), head: `new ${checkCodeName(e.cls)}` };
        break;
      case 'call':
        l = {
          open: '(',
          close: ')',
          pad: '',
          args: true,
          items: e.args.map(v => ['', v] as const),
          head: typeof e.fn === 'string' ? checkCodeName(e.fn) : undefined,
        };
        break;
      default:
        throw new Error(`import: internal error: ${e.k} has no list`);
    }
    this.entries.set(e, l);
    return l;
  }

  private listWidth(e: Expr): number {
    const l = this.list(e);
    if (l.items.length === 0) return l.open.length + l.close.length;
    const inner = l.items.reduce((sum, [p, v]) => sum + p.length + this.width(v), 0) + 2 * (l.items.length - 1);
    return l.open.length + 2 * l.pad.length + inner + l.close.length;
  }

  /** The width of the expression printed on one line. */
  public width(e: Expr): number {
    const known = this.widths.get(e);
    if (known !== undefined) return known;
    let w: number;
    switch (e.k) {
      case 'lit': w = this.isCompound(e) ? this.width(this.expand(e)) : scalar(e.v).length; break;
      case 'ref': w = checkCodeName(e.name).length; break;
      case 'cast': w = this.width(e.e) + ' as '.length + checkCodeName(e.type).length; break;
      case 'nonNull': w = this.width(e.e) + checkCodeName(e.member).length + 2; break;
      case 'index': w = this.width(e.e) + String(checkIndex(e.i)).length + 2; break;
      case 'obj': case 'arr': w = this.listWidth(e); break;
      case 'new': w = this.list(e).head!.length + this.listWidth(e); break;
      case 'call':
        w = (typeof e.fn === 'string' ? this.list(e).head!.length : this.width(e.fn) + (e.member ? checkCodeName(e.member).length + 1 : 0))
          + this.listWidth(e);
        break;
    }
    this.widths.set(e, w);
    return w;
  }

  private fits(e: Expr, indent: string, lead: number): boolean {
    return indent.length + lead + this.width(e) + 2 <= MAX_WIDTH;
  }

  /** Whether the expression prints on one line at this position. */
  private single(e: Expr, indent: string, lead: number): boolean {
    switch (e.k) {
      case 'lit': return !this.isCompound(e) || this.single(this.expand(e), indent, lead);
      case 'ref': return true;
      case 'cast': case 'nonNull': case 'index': return this.single(e.e, indent, lead);
      case 'call':
        if (typeof e.fn !== 'string' && !this.single(e.fn, indent, lead)) return false;
        return this.list(e).items.length === 0 || this.fits(e, indent, lead);
      default: return this.list(e).items.length === 0 || this.fits(e, indent, lead);
    }
  }

  /** The one-line form. */
  public flat(e: Expr): string {
    switch (e.k) {
      case 'lit': return this.isCompound(e) ? this.flat(this.expand(e)) : scalar(e.v);
      case 'ref': return checkCodeName(e.name);
      case 'cast': return `${this.flat(e.e)} as ${checkCodeName(e.type)}`;
      case 'nonNull': return `${this.flat(e.e)}.${checkCodeName(e.member)}!`;
      case 'index': return `${this.flat(e.e)}[${checkIndex(e.i)}]`;
      default: {
        const l = this.list(e);
        const head = e.k === 'call' && typeof e.fn !== 'string' ? `${this.flat(e.fn)}${e.member ? `.${checkCodeName(e.member)}` : ''}` : l.head ?? '';
        if (l.items.length === 0) return `${head}${l.open}${l.close}`;
        return `${head}${l.open}${l.pad}${l.items.map(([p, v]) => `${p}${this.flat(v)}`).join(', ')}${l.pad}${l.close}`;
      }
    }
  }

  /**
   * Prints an expression at the given indentation; `lead` is how many characters precede it on its
   * first line (after the indentation).
   */
  public render(e: Expr, indent: string, lead: number): string {
    if (this.single(e, indent, lead)) return this.flat(e);
    switch (e.k) {
      case 'lit': return this.render(this.expand(e), indent, lead);
      case 'cast': return `${this.render(e.e, indent, lead)} as ${checkCodeName(e.type)}`;
      case 'nonNull': return `${this.render(e.e, indent, lead)}.${checkCodeName(e.member)}!`;
      case 'index': return `${this.render(e.e, indent, lead)}[${checkIndex(e.i)}]`;
      case 'call': {
        if (typeof e.fn === 'string') return `${e.fn}${this.broken(e, indent, lead + e.fn.length)}`;
        const target = this.render(e.fn, indent, lead);
        const head = `${target}${e.member ? `.${checkCodeName(e.member)}` : ''}`;
        const used = head.includes('\n') ? head.length - head.lastIndexOf('\n') - 1 - indent.length : lead + head.length;
        return `${head}${this.broken(e, indent, used)}`;
      }
      case 'new': {
        const head = this.list(e).head!;
        return `${head}${this.broken(e, indent, lead + head.length)}`;
      }
      default:
        return this.broken(e, indent, lead);
    }
  }

  private flatList(e: Expr): string {
    const l = this.list(e);
    return `${l.open}${l.pad}${l.items.map(([p, v]) => `${p}${this.flat(v)}`).join(', ')}${l.pad}${l.close}`;
  }

  /**
   * A list that does not fit on its line (or whose target broke): one item per line with trailing
   * commas. Argument lists hug their last object or array argument: `f(a, b, {` ... `})`.
   */
  private broken(e: Expr, indent: string, lead: number): string {
    const l = this.list(e);
    if (l.items.length === 0) return `${l.open}${l.close}`;
    // Reached on one line only by a call whose target broke: its arguments may still fit.
    if (indent.length + lead + this.listWidth(e) + 2 <= MAX_WIDTH) return this.flatList(e);
    if (l.args) {
      const leading = l.items.slice(0, -1);
      const last = l.items[l.items.length - 1][1];
      const headWidth = l.open.length + leading.reduce((sum, [, v]) => sum + this.width(v) + 2, 0);
      if (leading.every(([, v]) => this.single(v, indent, 0)) && indent.length + lead + headWidth <= MAX_WIDTH * 0.7
        && !this.single(last, indent, lead + headWidth)) {
        const head = `${l.open}${leading.map(([, v]) => `${this.flat(v)}, `).join('')}`;
        return `${head}${this.render(last, indent, lead + headWidth)}${l.close}`;
      }
    }
    const inner = `${indent}  `;
    return `${l.open}\n${l.items.map(([p, v]) => `${inner}${p}${this.render(v, inner, p.length)},`).join('\n')}\n${indent}${l.close}`;
  }
}

/** Prints one expression (a fresh layout: widths are cached per call). */
export function print(e: Expr, indent = '', lead = 0): string {
  return new Layout().render(e, indent, lead);
}

/** Prints statements, one per line (or block); comment lines are escaped to printable ASCII. */
export function printStatements(stmts: readonly Stmt[]): string[] {
  const layout = new Layout();
  return stmts.map(s => {
    if (s.k === 'comment') return s.text.split('\n').map(l => `// ${commentText(l)}`).join('\n');
    if (s.k === 'const') return `const ${checkCodeName(s.name)} = ${layout.render(s.e, '', `const ${s.name} = `.length)};`;
    return `${layout.render(s.e, '', 0)};`;
  });
}
