import { Stmt } from './code';
import { pointer } from './diff';
import { quote } from './quote';
import { invalidInput } from '../../errors';

const SITE = 'cdk8s-daemonsets import';

/** An object's kind, namespace and name for messages, quoted (it comes from the input). */
export function describeObject(o: any): string {
  const ns = typeof o?.metadata?.namespace === 'string' ? `${o.metadata.namespace}/` : '';
  return `${String(o?.kind)} ${quote(`${ns}${String(o?.metadata?.name ?? '')}`)}`;
}

/**
 * Object keys cdk8s cannot render: it drops `__proto__` (and JSON patches refuse it), and its
 * serializer reads `obj.constructor` to tell plain objects, so a `constructor` key fails synthesis.
 */
const UNWRITABLE_KEYS = ['__proto__', 'constructor'];

/** The path of the first key cdk8s cannot render, if the value has one. */
function unwritableKey(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unwritableKey(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNWRITABLE_KEYS.includes(k)) return [...path, k];
      const found = unwritableKey(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses input the generated code could not write back: an object key named `__proto__` or
 * `constructor` (see UNWRITABLE_KEYS). Import says so instead of printing code that silently
 * loses the key or fails to synthesize.
 */
export function refuseUnwritable(objects: readonly any[]): void {
  for (const o of objects) {
    const at = unwritableKey(o);
    if (at) {
      throw invalidInput({
        site: SITE,
        field: `${describeObject(o)} at ${pointer(at)}`,
        value: at[at.length - 1],
        allowed: "another key: cdk8s cannot render keys named '__proto__' or 'constructor', so the generated code could not reproduce this object",
      });
    }
  }
}

/** Whether an object is a Secret, whose data never goes into generated source code. */
export function isSecret(o: any): boolean {
  return o?.kind === 'Secret';
}

/**
 * What is printed for a Secret instead of its data: a note that it is not recreated. Code that
 * needs the Secret (env, volumes, pull secrets) refers to it by name (`kplus.Secret.fromSecretName`).
 */
export function secretNote(o: any): Stmt[] {
  return [
    { k: 'comment', text: `import: ${describeObject(o)} is not recreated: its data stays out of source code.` },
    { k: 'comment', text: 'Manage it elsewhere (sealed-secrets, external-secrets, your secret store) and apply it before this chart;' },
    { k: 'comment', text: 'the code below refers to it by name only.' },
  ];
}
