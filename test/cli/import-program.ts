import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import * as library from '../../src';

/**
 * Runs a program printed by `cdk8s-daemonsets import` as a user would: transpiled by the TypeScript
 * compiler and executed, `cdk8s-daemonsets` resolving to this source tree and every other module
 * (`fs`, `child_process` too, so an escaped payload really runs) to Node's own. Returns the objects
 * `app.synth()` would write, or the error the program threw.
 */
export function runGeneratedProgram(code: string): { objects?: any[]; error?: string } {
  const js = ts.transpileModule(code.replace('app.synth();', 'exports.synthesized = app.synthYaml();'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFor = (name: string) => (name === 'cdk8s-daemonsets' ? library : require(name));
  const exports: { synthesized?: string } = {};
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'exports', 'module', js)(requireFor, exports, { exports });
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { objects: parseAllDocuments(exports.synthesized!).map(d => d.toJS()).filter(o => o) };
}

/** Like `runGeneratedProgram`, for programs that must run: throws what the program threw. */
export function synthesizeGenerated(code: string): any[] {
  const { objects, error } = runGeneratedProgram(code);
  if (error !== undefined) throw new Error(error);
  return objects!;
}
