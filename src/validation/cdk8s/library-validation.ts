/**
 * The validations the library's own constructs add to the construct tree. They only read the tree (changes a
 * synthesis needs, such as config checksums, go through `SynthSnapshot.prepare` before anything is rendered), so the
 * one-pass synthesis may write the objects as the validation pass rendered them. An app with any other validation
 * (a user's, cdk8s-plus's) is synthesized by `App` itself, which renders after every validation has run: a
 * validation that stamps a label late still sees it written.
 */
import { IConstruct, IValidation } from 'constructs';

const LIBRARY_VALIDATIONS = new WeakSet<IValidation>();

/**
 * Adds `validate` to `scope` as one of the library's validations (read-only, see the module's docstring).
 * @internal
 */
export function addLibraryValidation(scope: IConstruct, validate: () => string[]): void {
  const validation: IValidation = { validate };
  LIBRARY_VALIDATIONS.add(validation);
  scope.node.addValidation(validation);
}

/**
 * Whether every validation on `construct` is the library's. constructs 10 keeps a node's validations in the private
 * `_validations` list; when that list is not there (another constructs version), the answer is false, so the app is
 * synthesized by `App` itself: slower, never different.
 * @internal
 */
export function hasOnlyLibraryValidations(construct: IConstruct): boolean {
  const validations: unknown = (construct.node as any)._validations;
  return Array.isArray(validations) && validations.every(v => LIBRARY_VALIDATIONS.has(v));
}
